"""Duplicates: exact copies by content hash, near copies by MinHash over word shingles.

The earliest-seen article is the original: first the ``existing`` ones (already stored), then the
new ones in order. A later copy is *marked* (``article.duplicate``), never dropped:

* **exact**: same :attr:`Article.id` (same normalised text) as an earlier article read from
  another source. Its ``Duplicate.of`` is that id, which is also its own, and
  ``Duplicate.source`` names where the original was read from. An existing article read again
  from the same source (``manysides add`` run twice) is the same article, not a copy: it keeps
  the mark it had;
* **near**: estimated Jaccard similarity of ``shingle_words``-word shingles at least
  ``threshold`` (``[ingest] near_duplicate_threshold``) with an earlier *original*. ``of`` is the
  most similar original, so a duplicate never points at another near-duplicate.

A shingle's hash combines the CRC-32 of its words in order; MinHash then applies 128 seeded
permutations (the same in every run, so the same inputs always give the same marks). Candidates
come from a :class:`datasketch.MinHashLSH` index, so the cost grows with the number of articles,
not its square.
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

from manysides.model import Article, Duplicate

if TYPE_CHECKING:
    from datasketch import MinHash, MinHashLSH

__all__ = ["find_duplicates", "shingle_hashes"]

NUM_PERM = 128
_WORDS = re.compile(r"\w+")
#: Odd multipliers, one per position in a shingle, that make shingle hashes order-sensitive.
_MIXERS = np.array([pow(0x9E3779B1, k + 1, 2**32) for k in range(64)], dtype=np.uint64)


def find_duplicates(
    articles: list[Article],
    existing: Iterable[Article] = (),
    *,
    threshold: float = 0.8,
    shingle_words: int = 5,
) -> None:
    """Set ``duplicate`` on each of ``articles`` that repeats an earlier or existing article.

    The new articles' ``duplicate`` is recomputed (reset to ``None`` when they repeat nothing).
    """
    if not 0.0 < threshold <= 1.0:
        raise ValueError(f"threshold must be in (0, 1], got {threshold}")
    if not 1 <= shingle_words <= len(_MIXERS):
        raise ValueError(f"shingle_words must be from 1 to {len(_MIXERS)}, got {shingle_words}")
    index = _Index(threshold, shingle_words)
    stored: dict[str, Article] = {}
    for article in existing:
        if article.id not in index.seen:
            stored[article.id] = article
            sketch = index.sketch(article.text) if article.duplicate is None else None
            index.add(article.id, sketch, article.source)
    for article in articles:
        if article.id in index.seen:
            article.duplicate = _repeat(article, stored.pop(article.id, None), index)
            continue
        sketch = index.sketch(article.text)
        article.duplicate = index.near(sketch)
        index.add(article.id, sketch if article.duplicate is None else None, article.source)


def _repeat(article: Article, same_id: Article | None, index: _Index) -> Duplicate | None:
    """The mark of an article whose id was seen: the stored article itself read again from the
    same source keeps its mark; anything else is an exact copy."""
    if same_id is not None and same_id.source == article.source:
        return same_id.duplicate
    return Duplicate(
        of=article.id, kind="exact", similarity=1.0, source=index.sources.get(article.id)
    )


def shingle_hashes(text: str, size: int) -> NDArray[np.uint64]:
    """The 32-bit hashes of the ``size``-word shingles of ``text``'s normalised words (all its
    words as one shingle when it has fewer): CRC-32 of each word, combined in order. Repeats are
    kept: a MinHash does not count them, so removing them would only cost time."""
    # normalise_text() without its whitespace collapsing, which \w+ makes moot
    words = _WORDS.findall(unicodedata.normalize("NFKC", text).casefold())
    if not words:
        return np.empty(0, dtype=np.uint64)
    hashes = np.fromiter(map(zlib.crc32, map(str.encode, words)), dtype=np.uint64, count=len(words))
    width = min(size, len(words))
    windows = np.lib.stride_tricks.sliding_window_view(hashes, width)
    with np.errstate(over="ignore"):  # arithmetic modulo 2**64, then kept to 32 bits
        return (windows * _MIXERS[-width:]).sum(axis=1) & np.uint64(0xFFFFFFFF)


class _Index:
    """The ids seen so far, and an LSH index of the originals' MinHashes."""

    def __init__(self, threshold: float, shingle_words: int) -> None:
        from datasketch import MinHashLSH

        self.threshold = threshold
        self.shingle_words = shingle_words
        self.seen: set[str] = set()
        self.sources: dict[str, str | None] = {}
        self.lsh: MinHashLSH = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self.sketches: dict[str, MinHash] = {}
        self.order: dict[str, int] = {}

    def add(self, article_id: str, sketch: MinHash | None, source: str | None = None) -> None:
        """Remember an id; with a sketch, as an original that later articles may repeat."""
        self.seen.add(article_id)
        self.sources.setdefault(article_id, source)
        if sketch is not None:
            self.lsh.insert(article_id, sketch)
            self.sketches[article_id] = sketch
            self.order[article_id] = len(self.order)

    def near(self, sketch: MinHash | None) -> Duplicate | None:
        """The most similar original at or above the threshold, as a near duplicate."""
        if sketch is None:
            return None
        keys = [str(key) for key in self.lsh.query(sketch)]
        scored = [(sketch.jaccard(self.sketches[key]), -self.order[key], key) for key in keys]
        best = max(scored, default=None)  # the most similar; on a tie, the earliest
        if best is None or best[0] < self.threshold:
            return None
        return Duplicate(
            of=best[2], kind="near", similarity=round(best[0], 3), source=self.sources[best[2]]
        )

    def sketch(self, text: str) -> MinHash | None:
        """The MinHash of ``text``'s shingles (``None`` for a text without words)."""
        from datasketch import MinHash

        hashes = shingle_hashes(text, self.shingle_words)
        if not len(hashes):
            return None
        permutations, scheme = _permutations()
        sketch = MinHash(num_perm=NUM_PERM, hashfunc=int, permutations=permutations, scheme=scheme)
        sketch.update_batch(hashes.tolist())  # already hashed: ``int`` passes each value on
        return sketch


@lru_cache(maxsize=1)
def _permutations() -> tuple[Any, Any]:
    """The (seeded, so reproducible) permutations every sketch shares, made once."""
    from datasketch import MinHash

    model = MinHash(num_perm=NUM_PERM, seed=1)
    return model.permutations, model.scheme
