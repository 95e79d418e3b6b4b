"""Stories: group articles about the same real-world happening, without being told how many.

Each article is read as a few pieces of its own text: the title, the lead (first chunk) and the
body chunks (paragraphs merged or split to a few hundred characters), each embedded with the
packaged MiniLM encoder (:mod:`manysides.nlp.encoder`). After the claims stage a chunk (lead
or body) is the normalised mean of the vectors it computed for the chunk's sentences, weighted
by their length, and only titles are encoded; that stage reads them all, batch by batch
(:func:`keep_story_vectors`), so the comparison runs no encoder. Articles that did not go
through it in this process (read back from a store, or clustered alone) are embedded when they
are clustered: titles and leads in full, body chunks in their first ``BODY_TOKENS`` word
pieces. (On the roundups val pools, whose articles are a headline and a lead, reading the
leads from their sentences rather than encoding them moved B-cubed F1 by 0.002 at most;
``benchmarks/compare.py`` scores both paths.) The article vector is the
normalised mean of the title, lead and body-mean vectors. Two articles' similarity blends the
cosine of their vectors with the TF-IDF cosine of their words (idf from the batch: shared rare
names weigh most), adjusted by evidence the earlier stages may have left:

* shared actors (``article.mentions`` actor codes, by share of mentions) and shared events
  (``article.events`` type with its source and target actors, or type with a day-precise date)
  add to it when both articles carry mentions;
* publication dates far apart take from it when both articles are dated (by their metadata, or
  by the reference date the date stage inferred from the text, ``meta["reference_date"]``).

Before clustering, each pair loses similarity by how crowded its two articles' neighbourhoods
are by other stories (:class:`~manysides.compare.clustering.Density`: mean similarity to the
few nearest articles outside the article's first-pass story, above a floor, plus a bounded share
of its own story's closeness): in a big batch several stories of one topic crowd each other and
a fixed cut merges them, while over a few dozen articles the same cut is too strict; a batch
that is one story is not crowded by itself, so it stays one story. Average-linkage agglomerative
clustering then cuts the tree at a distance threshold (``1 - similarity``), so the number of
stories follows from the data (:mod:`manysides.compare.clustering`). The threshold and the
density settings were chosen together on the AllSides roundups train split, over batches of 30
to 900 articles, by ``scripts/tune_stories.py`` and are read from
``manysides/data/stories.json``.

An article that is mostly about one story but discusses another in a few paragraphs stays in its
main story and is listed in the other story's ``related``: one of its chunks must match the other
story's centroid clearly better than its own story's (and the article must not speak from before
that story began), or it reports, with a day-precise date, an event of the days the other story's
articles speak from (and not of its own story's days). The evidence (chunk spans and similarities)
is kept in ``article.meta["story"]``, so a report can cite the paragraph. That linking lives in
:mod:`manysides.compare.related`; its thresholds (``RELATED_*``) are set here with the others.

Example::

    from manysides.compare import cluster_stories

    for story in cluster_stories(articles):
        print(story.id, story.label, story.articles, story.related)
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from typing import Any, Protocol

import numpy as np

from manysides.compare.align import actor_keys
from manysides.compare.clustering import Density, cluster_similarity, scale_by_density
from manysides.compare.contrast import date_range
from manysides.model import Article, Span, Story

__all__ = [
    "EPOCH",
    "REAL_MODES",
    "ArticleVectors",
    "article_day",
    "cluster_stories",
    "density_settings",
    "embed_articles",
    "evidence_matrix",
    "happening_matrix",
    "happening_profile",
    "keep_story_vectors",
    "lexical_similarity",
    "settings",
    "similarity_matrix",
    "split_chunks",
    "unique_ids",
    "unit_vector",
]

#: Chunks are paragraphs merged up to at least this many characters ...
CHUNK_MIN_CHARS = 300
#: ... and split (at sentence ends) above this many; the encoder reads 256 word pieces at most.
CHUNK_MAX_CHARS = 1000
#: At most this many chunks of one article are embedded (the lead, then evenly spaced).
MAX_CHUNKS = 8
#: Body chunks (all but the title and the lead) are embedded in their first this many word
#: pieces; with ``MAX_CHUNKS`` this keeps comparison a small part of ``analyze``'s time.
BODY_TOKENS = 128
#: Share of the TF-IDF cosine in the similarity (the rest is the embedding cosine); chosen with
#: the threshold on roundups train (0.5 beat 0.6, 0.7, 0.8 and embeddings alone).
LEXICAL_WEIGHT = 0.5
#: Rows of the TF-IDF cosine computed together (:func:`lexical_similarity`).
LEXICAL_ROWS = 256
#: Weight of shared actors and events, added to the cosine when both articles carry mentions.
EVIDENCE_WEIGHT = 0.10
#: Who did what in the leads: when both articles' lead happenings (events weighted by
#: ``exp(-offset / LEAD_DECAY_CHARS)``, keyed by type and source side) name a source and their
#: cosine falls below ``HAPPENING_BASELINE``, the shortfall times ``HAPPENING_WEIGHT`` is taken
#: from the similarity (only taken: on roundups val run through the event stage, a bonus for
#: alike leads merged stories that share a common side). On roundups train run through the
#: event stage (``scripts/tune_stories.py --happening-grid``) B-cubed F1 is flat over the grid
#: (0.866-0.873; the decay makes no difference on headline + lead); these values score 0.871
#: (0.870 without the term) at the packaged threshold's neighbour 0.61.
HAPPENING_WEIGHT = 0.3
HAPPENING_BASELINE = 0.5
LEAD_DECAY_CHARS = 600.0
#: Publication dates further apart than this (days) start to lower the similarity ...
DATE_GRACE_DAYS = 7.0
#: ... by up to this much, reached at ``DATE_GRACE_DAYS + DATE_RAMP_DAYS``. Set by hand (the
#: roundups carry no dates): 0.20 when the cut was 0.62; with the density term the cut is 0.80,
#: so an uncrowded pair needs 0.18 less similarity to merge, and the penalty is 0.18 more.
DATE_PENALTY = 0.38
DATE_RAMP_DAYS = 30.0
#: A chunk links its article to another story when it is this much closer to that story's
#: centroid than to its own story's, and at least ``RELATED_MIN_SIMILARITY`` close to it.
RELATED_MARGIN = 0.10
RELATED_MIN_SIMILARITY = 0.50
#: An event names another story's happening when its (type, source side) weighs at least this
#: much in that story's lead happening (unit vector) and under half as much in its own story's.
RELATED_HAPPENING_SHARE = 0.3
#: Key in ``Article.reuse`` of the piece vectors the claims stage read
#: (:func:`keep_story_vectors`).
STORY_VECTORS = "story_vectors"
#: Threshold used when ``data/stories.json`` is missing (it should not be).
FALLBACK_THRESHOLD = 0.45

_PARAGRAPH = re.compile(r"\n\s*\n|\n(?=\s*\S)")
#: Event modes that report something as having happened (not denied, planned or asked about).
REAL_MODES = frozenset({"asserted", "reported", "hedged"})
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)]?\s+(?=[\"'“‘(]?[A-Z0-9])")


class _Encoder(Protocol):
    def encode(self, texts: list[str]) -> np.ndarray: ...


@dataclass(slots=True)
class ArticleVectors:
    """Embeddings of a batch of articles: one vector each, and one per chunk."""

    articles: np.ndarray  # (n, d), unit rows
    chunks: list[np.ndarray]  # per article, (k_i, d) unit rows
    spans: list[list[Span]]  # per article, the k_i chunk spans in article.text


@cache
def settings() -> dict[str, Any]:
    """The tuned settings in ``manysides/data/stories.json`` (threshold, train score, ...)."""
    try:
        text = resources.files("manysides.data").joinpath("stories.json").read_text("utf-8")
    except FileNotFoundError:
        return {"threshold": FALLBACK_THRESHOLD}
    data: dict[str, Any] = json.loads(text)
    return data


# --- pieces and embeddings --------------------------------------------------------------------


def split_chunks(text: str, *, min_chars: int = CHUNK_MIN_CHARS,
                 max_chars: int = CHUNK_MAX_CHARS) -> list[Span]:
    """Spans of ``text`` of about paragraph size: short paragraphs merged, long ones split."""
    pieces: list[Span] = []
    for para in _paragraphs(text):
        pieces.extend(_split_long(text, para, max_chars))
    chunks: list[Span] = []
    for piece in pieces:
        last = chunks[-1] if chunks else None
        small = len(piece) < min_chars // 2 or (last is not None and len(last) < min_chars)
        if last is not None and small and piece.end - last.start <= max_chars + min_chars // 2:
            chunks[-1] = Span(last.start, piece.end)
        else:
            chunks.append(piece)
    if len(chunks) > 1 and len(chunks[-1]) < min_chars // 2:
        tail = chunks.pop()
        chunks[-1] = Span(chunks[-1].start, tail.end)
    return chunks


def _paragraphs(text: str) -> list[Span]:
    spans, start = [], 0
    for match in [*_PARAGRAPH.finditer(text), None]:
        end = match.start() if match else len(text)
        span = _strip(text, start, end)
        if span is not None:
            spans.append(span)
        start = match.end() if match else end
    return spans


def _strip(text: str, start: int, end: int) -> Span | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end) if end > start else None


def _split_long(text: str, para: Span, max_chars: int) -> list[Span]:
    if len(para) <= max_chars:
        return [para]
    cuts = [para.start + m.end() for m in _SENTENCE_END.finditer(para.of(text))]
    out: list[Span] = []
    start = para.start
    for cut in [*cuts, para.end]:
        if cut - start > max_chars and out and out[-1].end > start:
            start = out[-1].end
        span = _strip(text, start, cut)
        if span is None:
            continue
        if out and out[-1].start == span.start:
            out[-1] = span
        else:
            out.append(span)
    return out


def _chosen_chunks(article: Article) -> list[Span]:
    chunks = split_chunks(article.text)
    if len(chunks) > MAX_CHUNKS:
        keep = np.linspace(0, len(chunks) - 1, MAX_CHUNKS).round().astype(int)
        chunks = [chunks[i] for i in sorted(set(keep.tolist()))]
    return chunks


@dataclass(slots=True)
class _Pieces:
    """What one article is read as: its title (or None), chunk spans and, for each chunk whose
    vector is already known (read from its sentences), that vector."""

    title: str | None
    spans: list[Span]
    known: dict[int, np.ndarray]


def _pieces(article: Article, sentences: Sequence[Span] | None = None,
            vectors: np.ndarray | None = None) -> _Pieces:
    title = (article.title or "").strip() or None
    spans = _chosen_chunks(article)
    known: dict[int, np.ndarray] = {}
    if sentences is not None and vectors is not None and len(vectors):
        middles = np.array([(s.start + s.end) / 2 for s in sentences], dtype=np.float64)
        sizes = np.array([s.end - s.start for s in sentences], dtype=np.float32)
        read = np.linalg.norm(vectors, axis=1) > 0
        for k, chunk in enumerate(spans):
            inside = read & (middles >= chunk.start) & (middles < chunk.end)
            if inside.any():  # weighted by length, as a passage's vector weighs its words
                mean = (vectors[inside] * sizes[inside, None]).sum(axis=0)
                known[k] = unit_vector(mean).astype(np.float32)
    return _Pieces(title, spans, known)


def _piece_rows(articles: Sequence[Article], pieces: Sequence[_Pieces],
                encoder: _Encoder | None) -> list[np.ndarray]:
    """For each article, one vector per piece: its title (when it has one), then each chunk.
    Titles, and leads not known from their sentences, are embedded in full, other such body
    chunks in their first :data:`BODY_TOKENS` word pieces; in two encoder calls a batch."""
    heads: list[str] = []
    body: list[str] = []
    where: list[list[tuple[str, int]]] = []  # per article, per piece: ("head"|"body"|"known", i)
    for article, piece in zip(articles, pieces, strict=True):
        places = []
        if piece.title is not None:
            places.append(("head", len(heads)))
            heads.append(piece.title)
        for k, span in enumerate(piece.spans):
            if k in piece.known:
                places.append(("known", k))
            elif k == 0:
                places.append(("head", len(heads)))
                heads.append(span.of(article.text))
            else:
                places.append(("body", len(body)))
                body.append(span.of(article.text))
        where.append(places)
    if (heads or body) and encoder is None:
        from manysides.nlp.encoder import get_encoder

        encoder = get_encoder()
    found = {"head": _embed(encoder, heads, None), "body": _embed(encoder, body, BODY_TOKENS)}
    out = []
    for piece, places in zip(pieces, where, strict=True):
        rows = [piece.known[i] if kind == "known" else found[kind][i] for kind, i in places]
        out.append(np.vstack(rows).astype(np.float32) if rows
                   else np.zeros((0, _width(found)), dtype=np.float32))
    return out


def _width(found: dict[str, np.ndarray]) -> int:
    return next((m.shape[1] for m in found.values() if m.ndim == 2 and len(m)), 384)


def _embed(encoder: _Encoder | None, texts: list[str], max_length: int | None) -> np.ndarray:
    if not texts or encoder is None:
        return np.zeros((0, 384), dtype=np.float32)
    if max_length is None:
        return np.asarray(encoder.encode(texts), dtype=np.float32)
    try:
        found = encoder.encode(texts, max_length=max_length)  # type: ignore[call-arg]
    except TypeError:  # an encoder without the option
        found = encoder.encode(texts)
    return np.asarray(found, dtype=np.float32)


def keep_story_vectors(articles: Sequence[Article], sentences: Sequence[Sequence[Span]],
                       vectors: Sequence[np.ndarray], encoder: _Encoder | None = None) -> None:
    """Read the pieces :func:`embed_articles` reads, for a batch of articles whose sentence
    vectors the claims stage has (``sentences[i]`` spans and ``vectors[i]`` rows of article i),
    and keep them on each article (``article.reuse``, never saved): the comparison in the same
    process then runs no encoder. A chunk (lead or body) is the normalised, length-weighted
    mean of the vectors of the sentences whose middle lies in it (rows of zeros, sentences too
    short to have been read, are left out; a chunk with none is encoded); titles are embedded
    as :func:`embed_articles` embeds them."""
    pieces = [_pieces(a, s, v) for a, s, v in zip(articles, sentences, vectors, strict=True)]
    for article, piece, rows in zip(articles, pieces, _piece_rows(articles, pieces, encoder),
                                    strict=True):
        article.reuse[STORY_VECTORS] = (piece.title, [(c.start, c.end) for c in piece.spans],
                                        rows)


def _kept(article: Article, piece: _Pieces) -> np.ndarray | None:
    """The rows :func:`keep_story_vectors` kept for exactly these pieces, if any."""
    kept = article.reuse.get(STORY_VECTORS)
    if kept is None or kept[0] != piece.title or kept[1] != [(c.start, c.end)
                                                             for c in piece.spans]:
        return None
    rows: np.ndarray = kept[2]
    return rows


def embed_articles(articles: Sequence[Article], encoder: _Encoder | None = None) -> ArticleVectors:
    """The vector of each article and of each of its chunks: the pieces the claims stage kept
    (:func:`keep_story_vectors`), else its title, lead and body chunks embedded now (titles and
    leads in one batch, body chunks in their first :data:`BODY_TOKENS` word pieces in another)."""
    pieces = [_pieces(a) for a in articles]
    rows: list[np.ndarray | None] = [_kept(a, p) for a, p in zip(articles, pieces, strict=True)]
    missing = [i for i, found in enumerate(rows) if found is None]
    if missing:
        fresh = _piece_rows([articles[i] for i in missing], [pieces[i] for i in missing], encoder)
        for i, found in zip(missing, fresh, strict=True):
            rows[i] = found
    return _assemble([r for r in rows if r is not None], pieces)


def _assemble(rows: list[np.ndarray], pieces: list[_Pieces]) -> ArticleVectors:
    width = next((r.shape[1] for r in rows if len(r)), 384)
    vectors = np.zeros((len(pieces), width), dtype=np.float32)
    chunks, all_spans = [], []
    for row, (own_rows, piece) in enumerate(zip(rows, pieces, strict=True)):
        titled = piece.title is not None
        own = own_rows[1:] if titled else own_rows
        parts = [own_rows[0]] if titled else []
        if len(own):
            parts.append(own[0])  # the lead
        if len(own) > 1:
            parts.append(own[1:].mean(axis=0))  # the body
        if parts:
            vectors[row] = unit_vector(np.mean(parts, axis=0))
        chunks.append(own)
        all_spans.append(piece.spans)
    return ArticleVectors(vectors, chunks, all_spans)


def unit_vector(vector: np.ndarray) -> np.ndarray:
    """``vector`` scaled to length 1 (a zero vector is returned as it is)."""
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm > 1e-12 else vector


# --- similarity --------------------------------------------------------------------------------


def _actor_profile(article: Article) -> dict[str, float]:
    counts = Counter(m.actor for m in article.mentions if m.actor)
    total = sum(counts.values())
    return {actor: n / total for actor, n in counts.items()} if total else {}


def _event_signature(article: Article) -> set[tuple[str, ...]]:
    signature: set[tuple[str, ...]] = set()
    for event in article.events:
        sources = sorted({m.actor for m in event.source if m.actor})
        targets = sorted({m.actor for m in event.target if m.actor})
        if sources and targets:
            signature.add((event.type, ",".join(sources), ",".join(targets)))
        if event.date and len(event.date) == 10:
            signature.add((event.type, event.date))
    return signature


def evidence_matrix(articles: Sequence[Article]) -> np.ndarray:
    """Shared actors and events, in [0, 1], for pairs that both carry mentions (else 0)."""
    n = len(articles)
    out = np.zeros((n, n), dtype=np.float32)
    profiles = [_actor_profile(a) for a in articles]
    signatures = [_event_signature(a) for a in articles]
    for i in range(n):
        for j in range(i + 1, n):
            if not profiles[i] or not profiles[j]:
                continue
            shared = profiles[i].keys() & profiles[j].keys()
            actors = sum(min(profiles[i][a], profiles[j][a]) for a in shared)
            union = signatures[i] | signatures[j]
            events = len(signatures[i] & signatures[j]) / len(union) if union else 0.0
            out[i, j] = out[j, i] = 0.5 * actors + 0.5 * events
    return out


def happening_profile(article: Article) -> dict[tuple[str, str], float]:
    """What the article reports, lead first: (event type, source side) -> weight, each event
    weighing ``exp(-offset / LEAD_DECAY_CHARS)`` (a negated event still names who acted)."""
    profile: dict[tuple[str, str], float] = {}
    for event in article.events:
        if event.mode not in REAL_MODES:
            continue
        weight = math.exp(-event.sentence.start / LEAD_DECAY_CHARS)
        for side in actor_keys(event.source):
            profile[event.type, side] = profile.get((event.type, side), 0.0) + weight
    return profile


def happening_matrix(articles: Sequence[Article]) -> tuple[np.ndarray, np.ndarray]:
    """Cosine of the articles' lead happenings (who did what, lead first) and the mask of pairs
    where both name a source: same topic but another actor doing it is another happening (a
    group's raid on a country against another country's missile barrage on it)."""
    profiles = [happening_profile(a) for a in articles]
    keys = sorted({key for profile in profiles for key in profile})
    column = {key: k for k, key in enumerate(keys)}
    matrix = np.zeros((len(articles), len(keys)), dtype=np.float32)
    for row, profile in enumerate(profiles):
        for key, weight in profile.items():
            matrix[row, column[key]] = weight
    norms = np.linalg.norm(matrix, axis=1)
    present = norms > 0
    unit = matrix / np.where(present, norms, 1.0)[:, None]
    return unit @ unit.T, present[:, None] & present[None, :]


def article_day(article: Article) -> float | None:
    """When an article speaks from, in days since the epoch: its publication date, else the
    reference date the date stage inferred from its text (``meta["reference_date"]``, ISO at
    any precision: the middle of the month or year it names); None when neither is known."""
    if article.published is not None:
        return article.published.timestamp() / 86400
    reference = article.meta.get("reference_date")
    if isinstance(reference, dict):  # the date stage's record: {"date": ISO or None, ...}
        reference = reference.get("date")
    span = date_range(reference) if isinstance(reference, str) else None
    if span is None:
        return None
    first, last = (d.toordinal() - EPOCH for d in span)
    return (first + last) / 2


#: ``date.toordinal()`` of 1970-01-01: ordinals minus this are days since the epoch.
EPOCH = date(1970, 1, 1).toordinal()


def _date_penalty(articles: Sequence[Article]) -> np.ndarray:
    n = len(articles)
    out = np.zeros((n, n), dtype=np.float32)
    days = [article_day(a) for a in articles]
    for i in range(n):
        for j in range(i + 1, n):
            di, dj = days[i], days[j]
            if di is None or dj is None:
                continue
            ramp = (abs(di - dj) - DATE_GRACE_DAYS) / DATE_RAMP_DAYS
            out[i, j] = out[j, i] = DATE_PENALTY * min(1.0, max(0.0, ramp))
    return out


def lexical_similarity(articles: Sequence[Article]) -> np.ndarray:
    """TF-IDF cosine of title + text, the idf taken from the batch itself (names weigh most)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts = [f"{a.title or ''}\n{a.text}" for a in articles]
    out = np.zeros((len(articles), len(articles)), dtype=np.float32)
    try:
        matrix = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(texts)
    except ValueError:  # no word of two letters or more in the whole batch
        return out
    # a few hundred rows at a time: the sparse product of all rows at once is as dense as the
    # result, with an index per cell (some 60 MB more at a thousand articles)
    columns = matrix.T.tocsc()
    for start in range(0, len(articles), LEXICAL_ROWS):
        rows = slice(start, start + LEXICAL_ROWS)
        out[rows] = (matrix[rows] @ columns).toarray()
    return out


def similarity_matrix(articles: Sequence[Article], vectors: np.ndarray) -> np.ndarray:
    """Blend of embedding and TF-IDF cosines, plus shared-evidence bonus, minus date penalty,
    plus or minus the lead happenings' agreement."""
    # each term is added in place, float32: a few n x n matrices at a time, not a dozen
    sim = lexical_similarity(articles)
    sim *= LEXICAL_WEIGHT
    sim += (1 - LEXICAL_WEIGHT) * (vectors @ vectors.T).astype(np.float32, copy=False)
    sim += EVIDENCE_WEIGHT * evidence_matrix(articles)
    sim -= _date_penalty(articles)
    cosine, both = happening_matrix(articles)
    shortfall = np.maximum(HAPPENING_BASELINE - cosine, 0, dtype=np.float32)
    shortfall *= both
    del cosine, both
    sim -= HAPPENING_WEIGHT * shortfall
    np.fill_diagonal(sim, 1.0)
    np.clip(sim, -1.0, 1.0, out=sim)
    return sim


def density_settings() -> Density:
    """The tuned :class:`~manysides.compare.clustering.Density` in ``data/stories.json`` (the
    class defaults without one)."""
    found = settings().get("density")
    if not isinstance(found, dict):
        return Density()
    first_cut = found.get("first_cut")
    return Density(neighbours=int(found["neighbours"]), weight=float(found["weight"]),
                   floor=float(found["floor"]), cap=float(found["cap"]),
                   first_cut=None if first_cut is None else float(first_cut),
                   own_share=float(found.get("own_share", 0.0)))


# --- stories -----------------------------------------------------------------------------------


def cluster_stories(articles: list[Article], *, threshold: float | None = None,
                    encoder: _Encoder | None = None) -> list[Story]:
    """Group ``articles`` into stories; the number of stories is found, not given.

    ``threshold`` is the largest average distance (``1 - similarity``, the similarity less its
    crowding, :func:`~manysides.compare.clustering.scale_by_density`) at which two groups still
    merge; by default the one tuned with the density on the roundups train split
    (``data/stories.json``).
    Stories come largest first (ties: earliest publication, then input order), with ids
    ``s1, s2, ...``. Each article's ``meta["story"]`` records its story and related evidence.
    """
    if not articles:
        return []
    cut = float(settings()["threshold"]) if threshold is None else float(threshold)
    from manysides.stages import release_memory

    vectors = embed_articles(articles, encoder)
    release_memory()  # the encoder's working buffers, before the n x n matrices
    sim = scale_by_density(similarity_matrix(articles, vectors.articles), density_settings())
    labels = cluster_similarity(sim, cut)
    groups = _ordered_groups(labels, articles)
    stories = [Story(id=f"s{k + 1}") for k in range(len(groups))]
    centroids = np.stack([unit_vector(vectors.articles[g].mean(axis=0)) for g in groups])
    for story, group, centroid in zip(stories, groups, centroids, strict=True):
        story.articles = unique_ids(articles[i].id for i in group)
        story.label = _label([articles[i] for i in group], vectors.articles[group] @ centroid)
    from manysides.compare.related import link_related  # it builds on this module

    link_related(articles, vectors, groups, stories)
    return stories


def _ordered_groups(labels: np.ndarray, articles: Sequence[Article]) -> list[list[int]]:
    groups: dict[int, list[int]] = {}
    for index, label in enumerate(labels.tolist()):
        groups.setdefault(label, []).append(index)

    def key(group: list[int]) -> tuple[int, float, int]:
        dated = [d.timestamp() for i in group if (d := articles[i].published) is not None]
        return (-len(group), min(dated) if dated else float("inf"), group[0])

    return sorted(groups.values(), key=key)


def unique_ids(ids: Any) -> list[str]:
    """The ids in their first order, each once."""
    return list(dict.fromkeys(ids))


# --- labels ------------------------------------------------------------------------------------


def _label(members: list[Article], centrality: np.ndarray) -> str:
    """The most central member's title; else shared actor names and the dominant event type;
    else the first words of the most central member."""
    order = np.argsort(-centrality, kind="stable").tolist()
    for index in order:
        title = (members[index].title or "").strip()
        if title:
            return _shorten(title)
    names = Counter(m.name or m.text for a in members for m in a.mentions if m.actor)
    types = Counter(e.type for a in members for e in a.events)
    if names:
        label = ", ".join(name for name, _ in names.most_common(3))
        return f"{label}: {types.most_common(1)[0][0].lower()}" if types else label
    return _shorten(" ".join(members[order[0]].text.split()))


def _shorten(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",;:-—") + "…"
