"""Claims: every sentence of an article read for its role, check-worthiness, loaded words and
sources.

One :class:`~manysides.model.Claim` per sentence of the spaCy parse (the sentence as the
paragraph-aware parser cuts it, leading and trailing space trimmed)::

    role          fact | opinion | prescription | prediction | question  (heads.predict_role:
                  transparent rules first, then the trained opinion head)
    checkworthy   probability that it is a factual claim worth checking (CheckThat!/ClaimBuster)
    loaded        probability that it uses loaded language (BABE), with ``loaded_spans``: the
                  words of the learned loaded-word lexicon it contains, as article offsets
    attributed_to indexes into ``article.quotes`` of the quotes whose content overlaps it

The three sentence heads share one MiniLM embedding per sentence: :func:`read_sentences` embeds
each sentence once and gives the same features to each head that
:func:`~manysides.nlp.heads.predict_role`, :func:`~manysides.nlp.heads.predict_loaded` and
:func:`~manysides.nlp.heads.predict_checkworthy` compute for themselves (a test checks the two
agree), which makes the stage three times cheaper than calling them one after another.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import CancelledError, Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from manysides.model import Article, Claim, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = [
    "AHEAD",
    "Reading",
    "SentenceVectors",
    "attach_quotes",
    "extract_claims",
    "read_sentences",
    "sentence_spans",
    "start_encoding",
]

#: Longest sentence (in word pieces) the sentence heads read, as they were trained.
MAX_LENGTH = 128
#: Sentences per encoder call (as the heads' own calls).
BATCH = 16
#: Sentences shorter than this many characters (debris: "Share.", bullets) are still claims,
#: but are not worth a model call; they read as facts with no scores.
MIN_CHARS = 3


@dataclass(slots=True)
class Reading:
    """What the sentence heads say about one sentence (offsets relative to the sentence)."""

    role: str
    role_info: dict[str, Any] = field(default_factory=dict)
    checkworthy: float | None = None
    loaded: float | None = None
    loaded_words: list[tuple[int, int]] = field(default_factory=list)


def sentence_spans(doc: Doc) -> list[Span]:
    """The sentences of ``doc`` as article spans, whitespace trimmed, empty ones dropped."""
    spans = []
    for sent in doc.sents:
        text = sent.text
        start = sent.start_char + (len(text) - len(text.lstrip()))
        end = sent.end_char - (len(text) - len(text.rstrip()))
        if end > start:
            spans.append(Span(start, end))
    return spans


class SentenceVectors:
    """MiniLM vectors of sentences, and of spans inside them, from one encoder pass.

    The sentence heads read each sentence's vector; the sentiment head reads, for each actor
    mention, the vector of its sentence and the contextual vector of the mention's words (the
    mean of the hidden states of its word pieces). Both come out of the same forward pass,
    by :meth:`~manysides.nlp.encoder.Encoder.pool`, as
    :meth:`~manysides.nlp.encoder.Encoder.encode_spans` computes them (a test checks it).
    """

    def __init__(self) -> None:
        self.row: dict[str, int] = {}
        self.vectors = np.zeros((0, 384), dtype=np.float32)
        self.spans: dict[tuple[int, int, int], np.ndarray] = {}

    def encode(self, sentences: Sequence[str],
               targets: Sequence[Sequence[tuple[int, int]]] | None = None,
               workers: int | None = None, stop: threading.Event | None = None,
               boost: threading.Event | None = None) -> np.ndarray:
        """Vectors of ``sentences`` (rows in order), and of ``targets[i]`` spans in sentence i;
        ``workers`` encoder batches at once (default: the encoder's threads; all of them while
        ``boost`` is set). Once ``stop`` is set, the pass ends between two batches with
        :class:`CancelledError`."""
        from manysides.nlp import encoder as enc

        sentences = list(sentences)
        model = enc.get_encoder()
        self.vectors = np.zeros((len(sentences), model.dimension), dtype=np.float32)
        self.row = {}
        self.spans = {}
        for i, sentence in enumerate(sentences):
            self.row.setdefault(sentence, i)
        if not sentences:
            return self.vectors
        if not targets or not any(targets):
            self.vectors = model.encode(sentences, batch_size=BATCH, max_length=MAX_LENGTH,
                                        workers=workers)
            return self.vectors
        # a sentence that occurs twice (boilerplate) is run once, with the targets of both
        unique = list(self.row)
        wanted: dict[str, dict[tuple[int, int], None]] = {text: {} for text in unique}
        for i, sentence in enumerate(sentences):
            for span in targets[i] if i < len(targets) else ():
                wanted[sentence][span] = None
        unique_vectors = np.zeros((len(unique), model.dimension), dtype=np.float32)
        for chunk, vectors, keys, pooled in model.pool(
                unique, [list(wanted[text]) for text in unique], BATCH, MAX_LENGTH, workers,
                boost):
            if stop is not None and stop.is_set():
                raise CancelledError
            unique_vectors[chunk] = vectors
            self.spans.update(((self.row[unique[u]], *span), vector)
                              for (u, span), vector in zip(keys, pooled, strict=True))
        position = {text: u for u, text in enumerate(unique)}
        self.vectors = unique_vectors[[position[sentence] for sentence in sentences]]
        return self.vectors

    def take(self, other: SentenceVectors) -> np.ndarray:
        """Hold what ``other`` holds (an encoder pass made elsewhere); the sentence vectors."""
        self.row, self.vectors, self.spans = other.row, other.vectors, other.spans
        return self.vectors

    def sentence(self, text: str) -> np.ndarray | None:
        row = self.row.get(text)
        return None if row is None else self.vectors[row]

    def span(self, text: str, start: int, end: int) -> np.ndarray | None:
        row = self.row.get(text)
        return None if row is None else self.spans.get((row, start, end))


def read_sentences(
    sentences: Sequence[str], embeddings: np.ndarray | None = None
) -> list[Reading]:
    """Role, check-worthiness and loaded language of each sentence, embedding each once.

    ``embeddings`` (from :func:`embed_sentences`) may be given when the caller has them.
    """
    from manysides.nlp import heads

    sentences = list(sentences)
    if not sentences:
        return []
    if embeddings is None:
        embeddings = SentenceVectors().encode(sentences)
    dense = heads.sentence_dense(sentences, embeddings)

    opinion_head = heads.load_head("opinion")
    threshold = float(opinion_head.meta.get("threshold", 0.5))
    opinion = opinion_head.predict_proba(sentences, dense)[:, opinion_head.classes.index("opinion")]

    loaded_head = heads.load_head("loaded")
    loaded = loaded_head.predict_proba(sentences, dense)[:, loaded_head.classes.index("biased")]

    check_head = heads.load_head("checkworthy")
    check = check_head.predict_proba(sentences, embeddings)[:, check_head.classes.index("1")]

    out = []
    for i, sentence in enumerate(sentences):
        p = round(float(opinion[i]), 4)
        ruled = heads.rule_role(sentence)
        if ruled is not None:
            role, info = ruled[0], {"opinion": p, "rule": ruled[1]}
        else:
            role, info = ("opinion" if p >= threshold else "fact"), {"opinion": p, "rule": None}
        out.append(Reading(
            role=role,
            role_info=info,
            checkworthy=round(float(check[i]), 4),
            loaded=round(float(loaded[i]), 4),
            loaded_words=[(a, b) for a, b, _ in heads.loaded_words(sentence)],
        ))
    return out


def attach_quotes(span: Span, quotes: Sequence[Any]) -> list[int]:
    """Indexes of the quotes whose content overlaps ``span``."""
    return [i for i, quote in enumerate(quotes) if quote.content.overlaps(span)]


_Inputs = tuple[list[list[Span]], list[str], list[tuple[int, int]], list[list[tuple[int, int]]]]


def _inputs(articles: Sequence[Article], docs: Sequence[Doc]) -> _Inputs:
    """(each article's sentence spans, the sentence texts the heads read, their (article,
    sentence) owners, the mention and mention-window spans inside each)."""
    from manysides.nlp.heads import window_span

    spans_of = [sentence_spans(doc) for doc in docs]
    texts: list[str] = []
    owners: list[tuple[int, int]] = []
    targets: list[list[tuple[int, int]]] = []
    for a, (article, spans) in enumerate(zip(articles, spans_of, strict=True)):
        mentions = sorted((m.span.start, m.span.end) for m in article.mentions)
        at = 0
        for s, span in enumerate(spans):
            inside = []
            while at < len(mentions) and mentions[at][0] < span.end:
                start, end = mentions[at]
                if start >= span.start:
                    target = (start - span.start, min(end, span.end) - span.start)
                    inside += [target, window_span(span.of(article.text), *target)]
                at += 1
            if len(span) >= MIN_CHARS:
                texts.append(span.of(article.text))
                owners.append((a, s))
                targets.append(inside)
    return spans_of, texts, owners, targets


#: Key in ``Article.reuse`` of the claims encoder pass started ahead for the article's batch.
AHEAD = "claims encoder pass"


@dataclass(eq=False, slots=True)
class _Ahead:
    ids: list[str]
    texts: list[str]
    targets: list[list[tuple[int, int]]]
    future: Future[SentenceVectors]
    stop: threading.Event
    boost: threading.Event


@functools.cache
def _background() -> ThreadPoolExecutor:
    return ThreadPoolExecutor(1, thread_name_prefix="manysides-claims")


def start_encoding(articles: Sequence[Article], docs: Sequence[Doc]) -> Callable[[], None]:
    """Start the encoder pass :func:`extract_claims` will make over ``articles`` (with their
    ``docs`` and actor mentions) in a background thread, one batch at a time and one encoder
    run at a time (beside the thread that parses the next batch; every encoder thread once
    :func:`extract_claims` waits for it); leave it on the articles
    (``article.reuse[AHEAD]``), where :func:`extract_claims` takes it when its inputs are
    the same. Returns the callable that abandons it and clears it from the articles."""
    _, texts, _, targets = _inputs(articles, docs)
    stop, boost = threading.Event(), threading.Event()

    def encode() -> SentenceVectors:
        vectors = SentenceVectors()
        vectors.encode(texts, targets, workers=1, stop=stop, boost=boost)
        return vectors

    ahead = _Ahead([a.id for a in articles], texts, targets, _background().submit(encode),
                   stop, boost)
    for article in articles:
        article.reuse[AHEAD] = ahead

    def abandon() -> None:
        stop.set()
        ahead.future.cancel()
        for article in articles:
            if article.reuse.get(AHEAD) is ahead:
                del article.reuse[AHEAD]

    return abandon


def _ahead_of(articles: Sequence[Article], texts: list[str],
              targets: list[list[tuple[int, int]]]) -> SentenceVectors | None:
    """The pass :func:`start_encoding` started for exactly these articles and inputs, taken
    off them (None when there is none, it is for another batch, or it failed)."""
    found = {id(a.reuse.get(AHEAD)): a.reuse.get(AHEAD) for a in articles}
    for article in articles:
        article.reuse.pop(AHEAD, None)
    ahead = next(iter(found.values())) if len(found) == 1 else None
    if (ahead is None or ahead.ids != [a.id for a in articles] or ahead.texts != texts
            or ahead.targets != targets):
        return None
    ahead.boost.set()  # the reader waits now: the pass may take every encoder thread
    try:
        return ahead.future.result()
    except Exception:  # the pass failed: the caller encodes again, and meets the error itself
        return None


def extract_claims(
    articles: Sequence[Article],
    docs: Sequence[Doc],
    embeddings: dict[str, np.ndarray] | None = None,
    vectors: SentenceVectors | None = None,
) -> list[list[Claim]]:
    """The claims of each article (one per sentence), the heads run once over the batch.

    When ``embeddings`` is a dict, it is filled with each article's sentence embeddings (keyed
    by article id, rows in claim order) so later readers (lean evidence) need not re-encode.
    ``vectors`` (a :class:`SentenceVectors`) is filled with the sentence vectors and those of
    every actor mention in them (the mention's words and its ±8-word window), for the
    sentiment reading that follows.
    """
    spans_of, texts, owners, targets = _inputs(articles, docs)
    cache = vectors if vectors is not None else SentenceVectors()
    ahead = _ahead_of(articles, texts, targets)
    vectors_ = cache.take(ahead) if ahead is not None else cache.encode(texts, targets)
    readings = read_sentences(texts, vectors_)
    by_owner = dict(zip(owners, range(len(owners)), strict=True))

    out: list[list[Claim]] = []
    for a, (article, spans) in enumerate(zip(articles, spans_of, strict=True)):
        claims = []
        rows = []
        for s, span in enumerate(spans):
            index = by_owner.get((a, s))
            claim = Claim(span=span, attributed_to=attach_quotes(span, article.quotes))
            if index is not None:
                reading = readings[index]
                claim.role = reading.role
                claim.checkworthy = reading.checkworthy
                claim.loaded = reading.loaded
                claim.loaded_spans = [Span(span.start + x, span.start + y)
                                      for x, y in reading.loaded_words]
                rows.append(vectors_[index])
            else:
                rows.append(np.zeros(vectors_.shape[1], dtype=np.float32))
            claims.append(claim)
        if embeddings is not None:
            embeddings[article.id] = (np.vstack(rows) if rows
                                      else np.zeros((0, vectors_.shape[1]), dtype=np.float32))
        out.append(claims)
    return out
