"""Lean and genre of an article, each with what it was read from.

**Lean** (:func:`article_lean`): the article-level lean head
(:func:`~manysides.nlp.heads.predict_lean`, AllSides labels, media split) gives the label and
the probability of left / center / right. It reads the whole article: TF-IDF of all its words
beside the mean embedding of chunks of ~60 words spread from its first to its last
(:func:`~manysides.nlp.lean_text.lean_spread`; how many is the head's ``chunks``, chosen on valid).
The evidence is read with the same head:

* ``terms``: the article's words whose TF-IDF weights push most toward the label
  (:meth:`~manysides.nlp.heads.LinearHead.top_terms`);
* ``evidence``: each sentence of eight words or more read by the head on its own (its words and
  its MiniLM embedding, shared with the claims stage, so nothing is encoded twice). A sentence's
  ``weight`` is its own P(label) minus its highest other probability: positive when, alone, it
  reads as the article's label. The strongest :data:`EVIDENCE` sentences are kept, each with the
  words that push it most.

**Genre** (:func:`article_genre`): news report, opinion or analysis, by transparent rules over
numbers read from the claims (``Article.genre_basis`` keeps them, with the rule that fired):

``opinion_share``   share of sentences whose role is opinion, prescription or question;
``first_person``    first-person singular/plural pronouns outside quotes, per sentence;
``quote_density``   share of sentences that carry a quote or a speech cue ("said", "according");
``words``           length in words.

The rules, first match wins (:data:`GENRE_RULES`):

0. opinion       ``opinion_share ≥ 0.45``, or ``first_person ≥ 0.10`` and ``opinion_share ≥ 0.25``
1. news report   ``quote_density ≥ 0.30`` and ``opinion_share < 0.30``
2. analysis      ``words ≥ 1000`` and ``opinion_share ≥ 0.12``
3. opinion       ``opinion_share ≥ 0.30``
4. news report   otherwise

An article of fewer than :data:`MIN_ARTICLE_WORDS` words gets neither a lean nor a genre.

A news report attributes what it says and keeps its own voice out; an opinion piece argues
(judgements, calls to act, the writer's "I"/"we"); an analysis is long and weighs things in its
own voice without being an argument for one side.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from manysides.model import Article, Lean, LeanEvidence

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = [
    "EVIDENCE",
    "GENRE_RULES",
    "MIN_ARTICLE_WORDS",
    "article_genre",
    "article_lean",
    "genre_features",
    "sentence_lean",
]

#: How many sentences of evidence a lean keeps.
EVIDENCE = 5
#: How many words of the article a lean lists.
TERMS = 10
#: Sentences shorter than this many words are not read on their own for lean evidence.
MIN_WORDS = 8
#: Articles shorter than this many words get no lean and no genre: too little to read either.
MIN_ARTICLE_WORDS = 50

GENRE_RULES: tuple[tuple[str, str], ...] = (
    ("opinion", "opinion_share >= 0.45 or (first_person >= 0.10 and opinion_share >= 0.25)"),
    ("news report", "quote_density >= 0.30 and opinion_share < 0.30"),
    ("analysis", "words >= 1000 and opinion_share >= 0.12"),
    ("opinion", "opinion_share >= 0.30"),
    ("news report", "otherwise"),
)

_FIRST_PERSON = frozenset({"i", "me", "my", "mine", "myself", "we", "us", "our", "ours",
                           "ourselves"})
_SPEECH = frozenset({"say", "tell", "according", "state", "announce", "add", "note", "claim",
                     "declare", "report", "confirm", "insist", "warn"})
_QUOTE_MARK = re.compile("[\"“”]")
_OPINION_ROLES = frozenset({"opinion", "prescription", "question"})


def article_lean(
    articles: Sequence[Article], embeddings: dict[str, np.ndarray] | None = None
) -> list[Lean | None]:
    """The lean of each article with its terms and its strongest sentences (None for an
    article of fewer than :data:`MIN_ARTICLE_WORDS` words).

    ``embeddings`` are each article's sentence embeddings in claim order (as
    :func:`~manysides.nlp.claims.extract_claims` leaves them); missing ones are encoded.
    """
    from manysides.nlp.heads import load_head, predict_cleaned_lean
    from manysides.nlp.lean_text import clean_for_lean

    out: list[Lean | None] = [None] * len(articles)
    long = [i for i, a in enumerate(articles) if len(a.text.split()) >= MIN_ARTICLE_WORDS]
    if not long:
        return out
    cleaned = [clean_for_lean(a.text, a.title, a.outlet, a.authors)
               for a in (articles[i] for i in long)]
    head = load_head("lean")
    rows = head.tfidf(cleaned).tocsr()
    results = predict_cleaned_lean(cleaned, rows)
    for n, (i, (label, scores)) in enumerate(zip(long, results, strict=True)):
        article = articles[i]
        terms = [term for term, _ in head.top_terms(cleaned[n], label, k=TERMS, row=rows[n])]
        vectors = (embeddings or {}).get(article.id)
        evidence = _evidence(article, label, vectors)
        out[i] = Lean(label=label, scores=scores, terms=terms, evidence=evidence)
    return out


def sentence_lean(
    sentences: Sequence[str], vectors: np.ndarray | None = None
) -> np.ndarray:
    """Left / center / right probabilities of each sentence read alone by the lean head
    (columns in the head's class order). ``vectors`` are the sentences' unit embeddings."""
    from manysides.nlp.heads import load_head

    head = load_head("lean")
    if vectors is None:
        from manysides.nlp.encoder import encode
        from manysides.nlp.lean_text import CHUNK_PIECES

        vectors = encode(list(sentences), batch_size=16, max_length=CHUNK_PIECES)
    return head.predict_proba(list(sentences), vectors)


def _evidence(article: Article, label: str, vectors: np.ndarray | None) -> list[LeanEvidence]:
    from manysides.nlp.heads import load_head

    head = load_head("lean")
    picked = [i for i, claim in enumerate(article.claims)
              if len(article.text[claim.span.start:claim.span.end].split()) >= MIN_WORDS]
    if not picked:
        return []
    texts = [article.claims[i].span.of(article.text) for i in picked]
    usable = vectors is not None and vectors.shape[0] == len(article.claims)
    probs = sentence_lean(texts, vectors[picked] if usable and vectors is not None else None)
    index = head.classes.index(label)
    others = np.delete(probs, index, axis=1).max(axis=1)
    weights = probs[:, index] - others
    order = [int(k) for k in np.argsort(-weights, kind="stable")[:EVIDENCE] if weights[k] > 0]
    if not order:
        return []
    rows = head.tfidf([texts[k] for k in order]).tocsr()
    out = []
    for n, k in enumerate(order):
        scores = {c: round(float(p), 4) for c, p in zip(head.classes, probs[k], strict=True)}
        out.append(LeanEvidence(
            span=article.claims[picked[k]].span,
            weight=round(float(weights[k]), 4),
            scores=scores,
            terms=[term for term, _ in head.top_terms(texts[k], label, k=3, row=rows[n])],
        ))
    return out


def genre_features(article: Article, doc: Doc | None = None) -> dict[str, float]:
    """The numbers the genre rules read (see the module docstring)."""
    claims = article.claims
    n = max(len(claims), 1)
    opinion = sum(c.role in _OPINION_ROLES for c in claims) / n
    quoted = [q.content for q in article.quotes if q.direct]
    first = 0
    speech_sentences: set[int] = set()
    if doc is not None:
        starts = [c.span.start for c in claims]
        for token in doc:
            lower = token.lower_
            if (lower in _FIRST_PERSON and token.text != "US"
                    and not any(q.start <= token.idx < q.end for q in quoted)):
                first += 1
            if token.lemma_.lower() in _SPEECH or lower == "according":
                speech_sentences.add(_sentence_index(starts, token.idx))
    for i, claim in enumerate(claims):
        if claim.attributed_to or _QUOTE_MARK.search(claim.span.of(article.text)):
            speech_sentences.add(i)
    return {
        "opinion_share": round(opinion, 4),
        "first_person": round(first / n, 4),
        "quote_density": round(len(speech_sentences) / n, 4),
        "words": float(len(article.text.split())),
        "sentences": float(len(claims)),
    }


def _sentence_index(starts: Sequence[int], offset: int) -> int:
    import bisect

    return max(bisect.bisect_right(starts, offset) - 1, 0)


def article_genre(features: dict[str, float]) -> tuple[str | None, int | None]:
    """The genre the rules give for ``features``, and the index of the rule that fired
    (``(None, None)`` for an article of fewer than :data:`MIN_ARTICLE_WORDS` words)."""
    opinion = features["opinion_share"]
    first = features["first_person"]
    quotes = features["quote_density"]
    words = features["words"]
    if words < MIN_ARTICLE_WORDS:
        return None, None
    checks = (
        opinion >= 0.45 or (first >= 0.10 and opinion >= 0.25),
        quotes >= 0.30 and opinion < 0.30,
        words >= 1000 and opinion >= 0.12,
        opinion >= 0.30,
        True,
    )
    rule = next(i for i, fired in enumerate(checks) if fired)
    return GENRE_RULES[rule][0], rule

