"""The text the lean head reads: an article's words without what names its outlet, cut into
chunks of about 60 words, and the pooled MiniLM embedding of some of them.

The training script (``scripts/train/lean.py``) and the head's prediction
(:func:`manysides.nlp.heads.predict_lean`) both call these, so they cannot drift apart.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np

__all__ = ["clean_for_lean", "lean_chunks", "lean_embedding", "lean_spread", "outlet_variants",
           "pool_lean"]

#: Word pieces read of each chunk (~60 words fit).
CHUNK_PIECES = 96


def _encode(texts: list[str]) -> np.ndarray:
    from manysides.nlp.encoder import encode

    return encode(texts, batch_size=16, max_length=CHUNK_PIECES)


_URL = re.compile(r"(?:https?://|www\.|pic\.twitter\.com/)\S+|[\w.+-]+@[\w-]+\.[\w.]+|(?<!\w)@\w+")
_CREDIT = re.compile(
    r"\((?:[^()]{0,160}?(?:/|photo|getty|images|file|courtesy|credit)[^()]{0,80}?)\)", re.I
)
_BOILER_LINE = re.compile(
    r"^\W*(advertisement|related|read more|recommended|sign up|subscribe|follow (us|him|her)|"
    r"share (this|on)|click here|watch|listen|photo|image|video|copyright|all rights reserved|"
    r"this (story|article) (was|has been|is)|contact (us|the author)|getty|ap photo|editor's note)"
    r"\b",
    re.I,
)
_BYLINE = re.compile(
    r"^\W*(by|written by|reporting by|editing by|story by)\s+[A-Z][\w.'-]*(\s+[A-Z][\w.'-]*){0,5}"
    r"(\s*(,|and|&)\s*[A-Z][\w.'-]*(\s+[A-Z][\w.'-]*){0,4})*\W*$"
)
_ROLE_LINE = re.compile(
    r"(contributed (to )?this report|is an? (senior |staff |political |white house |national )?"
    r"(writer|reporter|correspondent|editor|columnist|contributor|fellow)\b|"
    r"the views expressed|follow \w+ on twitter)",
    re.I,
)
_ROLE_HINTS = ("contributed", "writer", "reporter", "correspondent", "editor", "columnist",
               "contributor", "fellow", "views expressed", "twitter")
_OUTLET_SUFFIX = re.compile(
    r"\s*(\(.*?\)|-\s.*|online news|online|news|opinion|editorial|magazine|\.com)\s*$", re.I
)


def outlet_variants(outlet: str | None) -> set[str]:
    """The forms an outlet's name may take in its own text ("CNN (Web News)" -> "CNN", ...)."""
    if not outlet:
        return set()
    names = {outlet.strip()}
    current = outlet.strip()
    for _ in range(3):
        shorter = _OUTLET_SUFFIX.sub("", current).strip()
        if not shorter or shorter == current:
            break
        names.add(shorter)
        current = shorter
    names |= {n[4:] for n in names if n.lower().startswith("the ")}
    return {n for n in names if len(n) >= 3}


def _name_pattern(names: Iterable[str]) -> re.Pattern[str] | None:
    names = sorted({n for n in names if n}, key=len, reverse=True)
    if not names:
        return None
    return re.compile(r"(?<!\w)(" + "|".join(re.escape(n) for n in names) + r")(?!\w)('s)?", re.I)


def clean_for_lean(
    text: str,
    title: str | None = None,
    outlet: str | None = None,
    authors: Sequence[str] = (),
) -> str:
    """The article's words minus what identifies its outlet: its own name, bylines, author
    names, URLs and handles, photo credits and boilerplate lines."""
    names = outlet_variants(outlet) | {a.strip() for a in authors if len(a.strip()) > 3}
    pattern = _name_pattern(names)
    kept = []
    for line in ([title] if title else []) + text.splitlines():
        if "@" in line or "http" in line or "www." in line or "pic." in line:
            line = _URL.sub(" ", line)
        if "(" in line:
            line = _CREDIT.sub(" ", line)
        line = line.strip()
        if not line or len(line.split()) <= 3 or _BOILER_LINE.match(line):
            continue
        if _BYLINE.match(line) or _is_role_line(line):
            continue
        if pattern is not None:
            line = pattern.sub(" ", line)
        kept.append(" ".join(line.split()))
    return "\n".join(kept)


def _is_role_line(line: str) -> bool:
    lower = line.lower()
    return (len(line) < 300 and any(hint in lower for hint in _ROLE_HINTS)
            and _ROLE_LINE.search(line) is not None)


_SENTENCE_END = re.compile(r"(?<=[.!?\"”])\s+(?=[\"“A-Z0-9])")


def lean_chunks(clean: str, words: int = 60, limit: int | None = 1) -> list[str]:
    """Up to ``limit`` chunks (every chunk for None) of about ``words`` words, cut at
    sentence ends, from the start."""
    chunks: list[str] = []
    current: list[str] = []
    for sentence in _SENTENCE_END.split(clean.replace("\n", " ")):
        current.append(sentence)
        if sum(len(s.split()) for s in current) >= words:
            chunks.append(" ".join(current))
            current = []
            if len(chunks) == limit:
                return chunks
    if current or not chunks:
        chunks.append(" ".join(current))
    return chunks


def lean_spread(clean: str, count: int = 1, words: int = 60) -> list[str]:
    """``count`` chunks of about ``words`` words spread evenly over the whole article: the
    first, the last and evenly spaced ones between (every chunk of a shorter article)."""
    every = lean_chunks(clean, words, limit=None)
    if len(every) <= count:
        return every
    picks = np.unique(np.linspace(0, len(every) - 1, count).round().astype(int))
    return [every[int(k)] for k in picks]


def pool_lean(picked: Sequence[Sequence[str]], vectors: np.ndarray) -> np.ndarray:
    """Each article's mean chunk embedding as a unit row; ``vectors`` are the embeddings of
    the flattened ``picked`` chunks, in order."""
    out = np.zeros((len(picked), vectors.shape[1]), dtype=np.float32)
    at = 0
    for i, cs in enumerate(picked):
        mean = vectors[at : at + len(cs)].mean(axis=0)
        out[i] = mean / max(float(np.linalg.norm(mean)), 1e-12)
        at += len(cs)
    return out


def lean_embedding(cleaned: Sequence[str], encode: Any = None, count: int = 1) -> np.ndarray:
    """Mean MiniLM embedding of ``count`` chunks of ~60 words spread over each cleaned article
    (:func:`lean_spread`; ``count`` 1 reads the lead only), as unit rows. ``encode`` maps a
    list of chunks to their vectors."""
    encode = encode or (lambda texts: _encode(texts))
    picked = [lean_spread(text, count) for text in cleaned]
    return pool_lean(picked, encode([c for cs in picked for c in cs]))
