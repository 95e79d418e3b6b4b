"""Sentences a brief may quote: splitting, neutrality checks, and word-overlap consensus.

:func:`split_sentences` cuts a text into sentence spans (not after initials or abbreviations);
:func:`loaded_count` counts the loaded-language lexicon's words in a sentence; a sentence is
*agreeable* — fit to be stated as what most outlets say — when it is a plain, neutral, unquoted,
third-person statement that the claims stage (when it ran) reads as a fact. :func:`consensus`
is the brief's fallback when no event stage ran: the sentences whose idf-weighted content words
the most outlets' closest sentences share.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from manysides.compare.align import content_words
from manysides.compare.contrast import outlet_of
from manysides.model import Article, Citation, Span

__all__ = ["FIRST_PERSON", "MAX_AGREED", "Candidate", "agreeable", "consensus", "factual",
           "loaded_count", "split_sentences", "usable"]

#: At most this many agreed sentences.
MAX_AGREED = 3
#: Another outlet "shares" a sentence when its closest sentence covers this share of the
#: sentence's weighted content words.
SHARED = 0.2
#: Two chosen sentences are redundant above this overlap.
REDUNDANT = 0.5
#: Sentences outside these lengths (characters) are not used.
MIN_CHARS, MAX_CHARS = 40, 400
#: A sentence with more loaded words than this is never used unattributed.
MAX_LOADED = 1
#: Only the first this many usable sentences of each article are candidates.
MAX_CANDIDATES = 25

FIRST_PERSON = re.compile(r"\b(?:I|I'm|I’m|we|We|our|Our|us|my|My)\b")


def split_sentences(text: str, within: Span | None = None) -> list[Span]:
    """Sentence spans of ``text`` (or of the part ``within``), stripped of spaces. A sentence
    ends at ``.``, ``!``, ``?`` or ``…`` (with closing quotes) before a capital, a digit or an
    opening quote, or at a line break; not after an initial or an abbreviation ("U.S.", "Mr.")."""
    start = within.start if within else 0
    end = within.end if within else len(text)
    cuts = [start]
    for m in _BOUNDARY.finditer(text, start, end):
        word = text[max(start, m.start() - 12):m.start() + 1].split()[-1:]
        if m.group(1) and word and _ABBREVIATION.search(word[0]):
            continue
        cuts.append(m.end())
    cuts.append(end)
    out = []
    for a, b in pairwise(cuts):
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            out.append(Span(a, b))
    return out


_BOUNDARY = re.compile(r"(?:([.!?…]+)[\"'”’)\]]*\s+(?=[\"'“‘(]?[A-Z0-9])|\n\s*)")
_ABBREVIATION = re.compile(r"(?:^|[^\w])(?:[A-Z]\.(?:[A-Z]\.)*|Mr\.|Mrs\.|Ms\.|Dr\.|St\.|"
                           r"Sen\.|Rep\.|Gen\.|Gov\.|Lt\.|Col\.|Sgt\.|Jr\.|Sr\.|No\.|vs\.|"
                           r"Jan\.|Feb\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.|Inc\.|Corp\.|Co\.)$")


def loaded_count(sentence: str) -> int:
    """How many words of the loaded-language lexicon the sentence uses."""
    from manysides.nlp.heads import loaded_words

    return len(loaded_words(sentence))


@dataclass(slots=True)
class Candidate:
    """A sentence the brief may use, with the outlets that share its content."""

    article: str
    outlet: str
    span: Span
    text: str
    score: float
    support: list[Citation]  # the closest sentences of the outlets that share it
    outlets: list[str]  # its own outlet first, then those that share it


def usable(text: str) -> bool:
    """Long enough to say something, short enough to read, a statement, not a fragment."""
    return (MIN_CHARS <= len(text) <= MAX_CHARS and text[:1].isupper()
            and not text.rstrip("\"'”’)").endswith(("?", "!")))


_PRESCRIPTIVE = re.compile(r"\b(?:should|must|ought to|needs? to|has to|have to)\b", re.I)
_CONNECTIVE = re.compile(r"(?:But|And|So|Yet|Or|Still|Instead|Thus|Therefore|However|After all|"
                         r"Indeed|Meanwhile|Additionally|Moreover|Furthermore|Also)\b")


def factual(article: Article, span: Span) -> bool:
    """Not read as an opinion, prescription, prediction or question by the claims stage (when
    it ran): every claim sentence the span touches is a fact."""
    return all(c.role == "fact" for c in article.claims if c.span.overlaps(span))


def _loaded_in(article: Article, span: Span) -> bool:
    """Whether the span holds a loaded word: a framing stage's loaded term, a claims stage's
    loaded span, or a word of the loaded-language lexicon."""
    return (any(t.kind == "loaded" and t.span.overlaps(span) for t in article.framing)
            or any(s.overlaps(span) for c in article.claims for s in c.loaded_spans)
            or loaded_count(span.of(article.text)) > 0)


def agreeable(article: Article, span: Span) -> bool:
    """Fit to be stated as what most outlets say: a plain, neutral, unquoted statement of fact
    in the third person."""
    text = span.of(article.text)
    return (usable(text) and _unquoted(text) and factual(article, span)
            and not _CONNECTIVE.match(text) and not _PRESCRIPTIVE.search(text)
            and not FIRST_PERSON.search(text) and not _loaded_in(article, span))


def _unquoted(text: str) -> bool:
    """No quotation marks: not one side's words presented as what all sides say."""
    return not any(q in text for q in "\"“”")


def consensus(articles: Sequence[Article], limit: int = MAX_AGREED) -> list[Candidate]:
    """The sentences of ``articles`` whose content the most outlets share, best first, none
    redundant with a better one; for a single outlet, its plainest leading sentences."""
    sentences = [found for a in articles for found in _candidates(a)]
    if not sentences:
        return []
    words = [content_words(t) for _, _, t in sentences]
    df = Counter(w for ws in words for w in ws)
    n = len(sentences)

    def weight(w: str) -> float:
        return math.log(1 + n / df[w])

    outlets = list(dict.fromkeys(outlet_of(a) for a in articles))
    by_outlet: dict[str, list[int]] = {}
    for i, (a, _, _) in enumerate(sentences):
        by_outlet.setdefault(outlet_of(a), []).append(i)
    position = {a.id: len(a.text) or 1 for a in articles}
    scored = []
    for i, (article, span, text) in enumerate(sentences):
        own = outlet_of(article)
        total = sum(weight(w) for w in words[i]) or 1.0
        shares, support = [], []
        for other in outlets:
            if other == own:
                continue
            best, where = 0.0, -1
            for j in by_outlet.get(other, []):
                got = sum(weight(w) for w in words[i] & words[j]) / total
                if got > best:
                    best, where = got, j
            shares.append(best)
            if best >= SHARED and where >= 0:
                a2, s2, t2 = sentences[where]
                support.append((other, Citation(a2.id, s2, t2)))
        loaded = loaded_count(text)
        if loaded > MAX_LOADED:
            continue
        lead = 0.15 * (1 - span.start / position[article.id])
        plain = -0.15 * loaded - (0.2 if FIRST_PERSON.search(text) else 0.0)
        agreement = sum(shares) / len(shares) if shares else 0.0
        score = agreement + 0.1 * len(support) + lead + plain
        scored.append(Candidate(article.id, own, span, " ".join(text.split()), score,
                                [c for _, c in support], [own, *(o for o, _ in support)]))
    scored.sort(key=lambda c: -c.score)
    return _diverse(scored, words, sentences, limit)


def _candidates(article: Article) -> list[tuple[Article, Span, str]]:
    """The article's first :data:`MAX_CANDIDATES` sentences the brief may use (leads carry
    the news; the cap keeps a story of many long articles affordable)."""
    out = []
    for span in split_sentences(article.text):
        text = span.of(article.text)
        if (usable(text) and _unquoted(text) and factual(article, span)
                and not _CONNECTIVE.match(text) and not _PRESCRIPTIVE.search(text)):
            out.append((article, span, text))
            if len(out) >= MAX_CANDIDATES:
                break
    return out


def _diverse(scored: list[Candidate], words: list[frozenset[str]],
             sentences: list[tuple[Article, Span, str]], limit: int) -> list[Candidate]:
    index = {(a.id, s): i for i, (a, s, _) in enumerate(sentences)}
    chosen: list[Candidate] = []
    for cand in scored:
        mine = words[index[cand.article, cand.span]]
        if any(_overlap(mine, words[index[c.article, c.span]]) > REDUNDANT for c in chosen):
            continue
        chosen.append(cand)
        if len(chosen) >= limit:
            break
    return chosen


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0
