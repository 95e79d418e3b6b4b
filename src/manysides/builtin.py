"""The built-in stages and annotate tasks, registered exactly as a plugin would register its own.

Each function imports what it needs inside, so importing this module stays cheap.
"""

from __future__ import annotations

from typing import Any

from manysides.stages import register_stage, register_task


def records_to_articles(records: list[dict[str, Any]]) -> list[Any]:
    """Build Articles from annotate input lines (``id`` kept in ``meta['input_id']``)."""
    from manysides.ingest.records import parse_published
    from manysides.model import Article, DateSource

    articles = []
    for record in records:
        published = parse_published(record.get("published"))
        article = Article.create(
            record["text"],
            published=published,
            published_source=DateSource.USER if published else DateSource.UNKNOWN,
        )
        article.meta["input_id"] = record["id"]
        articles.append(article)
    return articles


@register_task(
    "dedup",
    help="exact (content hash) and near (MinHash) duplicates among the input lines",
    output='{"id", "duplicate_of": id or null, "kind": "exact"|"near"|null, "similarity"}',
)
def annotate_dedup(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    from manysides.config import load_config
    from manysides.ingest import find_duplicates

    config = load_config()["ingest"]
    articles = records_to_articles(records)
    find_duplicates(articles, threshold=config["near_duplicate_threshold"],
                    shingle_words=config["shingle_words"])
    by_hash: dict[str, str] = {}
    for article in articles:
        by_hash.setdefault(article.id, article.meta["input_id"])
    out = []
    for article in articles:
        dup = article.duplicate
        original = by_hash.get(dup.of, dup.of) if dup else None
        out.append({
            "id": article.meta["input_id"],
            "duplicate_of": original,
            "kind": dup.kind if dup else None,
            "similarity": round(dup.similarity, 4) if dup else None,
        })
    return out


# --- actors and events (nlp/) ---------------------------------------------------------------

#: Quantity kinds that count people killed or injured (the rest say how big the event was).
_DEAD = frozenset({"killed", "dead"})
_INJURED = frozenset({"injured"})


@register_stage("manysides.events.rules.v1", adds=("mentions", "events"))
def extract_actors_and_events(articles: list[Any]) -> list[Any]:
    """Parse each article once (spaCy), link actor mentions, extract events."""
    from manysides.nlp.actors import link_actors
    from manysides.nlp.events import extract_events
    from manysides.nlp.pipeline import parse_articles

    for article, doc in zip(articles, parse_articles(articles), strict=True):
        article.mentions = link_actors(doc, article)
        article.events = extract_events(doc, article, article.mentions)
    return articles


def _actor_json(mention: Any) -> dict[str, Any]:
    return {"text": mention.text, "code": mention.actor, "sector": mention.sector}


def _amount(quantity: Any) -> float | None:
    return quantity.value if quantity.value is not None else quantity.low


def event_json(event: Any) -> dict[str, Any]:
    """One event in the ``annotate events`` output shape."""
    from manysides.model import to_dict

    dead = [q for q in event.quantities if q.counts in _DEAD]
    injured = [q for q in event.quantities if q.counts in _INJURED]
    sizes = [q for q in event.quantities if q.counts not in _DEAD | _INJURED]
    return {
        "type": event.type,
        "cameo": event.cameo,
        "source": [_actor_json(m) for m in event.source],
        "target": [_actor_json(m) for m in event.target],
        "date": event.date,
        "location": event.location,
        "dead": _amount(dead[0]) if dead else None,
        "injured": _amount(injured[0]) if injured else None,
        "size": max((_amount(q) or 0 for q in sizes), default=None),
        "quantities": [to_dict(q) for q in event.quantities],
        "mode": event.mode,
        "reported_by": [_actor_json(m) for m in event.reported_by],
        "negated": event.negated,
        "trigger": [event.trigger.start, event.trigger.end],
        "sentence": [event.sentence.start, event.sentence.end],
    }


_EVENTS_OUTPUT = (
    '{"id", "events": [{"type", "cameo", "source", "target", "date", "location", '
    '"dead", "injured", "size", "quantities", "mode", "trigger": [start, end]}]}'
)


def _events_per_record(records: list[dict[str, Any]], *, coded: bool) -> list[dict[str, Any]]:
    from manysides.nlp.actors import link_actors
    from manysides.nlp.events import extract_events
    from manysides.nlp.petrarch import petrarch_events
    from manysides.nlp.pipeline import parse

    articles = records_to_articles(records)
    out = []
    for article, doc in zip(articles, parse(a.text for a in articles), strict=True):
        mentions = link_actors(doc, article)
        events = extract_events(doc, article, mentions)
        if coded:
            events = petrarch_events(doc, events, mentions)
        out.append({"id": article.meta["input_id"], "events": [event_json(e) for e in events]})
    return out


@register_task(
    "events",
    help="the events a CAMEO coder codes (PETRARCH-2 conventions: main events of each sentence, "
    "both sides known, 'A said B attacked' as an accusation, no hypothetical/called-for/denied "
    "acts); for every event mention with its modality use events-all",
    output=_EVENTS_OUTPUT,
)
def annotate_events(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return _events_per_record(records, coded=True)


@register_task(
    "events-all",
    help="every event mention, whatever its mode (asserted, reported, hedged, denied, "
    "hypothetical, future, called_for): what the report and the comparison use",
    output=_EVENTS_OUTPUT,
)
def annotate_events_all(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return _events_per_record(records, coded=False)


@register_task(
    "actors",
    help="actor mentions linked to the gazetteer (country, sector, canonical name)",
    output='{"id", "mentions": [{"start", "end", "text", "code", "name", "country", "sector"}]}',
)
def annotate_actors(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    from manysides.nlp.actors import link_actors
    from manysides.nlp.pipeline import parse

    articles = records_to_articles(records)
    out = []
    for article, doc in zip(articles, parse(a.text for a in articles), strict=True):
        mentions = link_actors(doc, article)
        out.append({
            "id": article.meta["input_id"],
            "mentions": [
                {"start": m.span.start, "end": m.span.end, "text": m.text, "code": m.actor,
                 "name": m.name, "country": m.country, "sector": m.sector}
                for m in mentions
            ],
        })
    return out


# --- stories (compare/) ----------------------------------------------------------------------


@register_task(
    "stories",
    help="cluster all input lines together into stories (MiniLM + TF-IDF similarity, average "
    "linkage; the number of stories is found, not given)",
    output='{"id", "story"}',
)
def annotate_stories(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    from manysides.compare.stories import cluster_stories

    articles = records_to_articles(records)
    story_of = {aid: story.id for story in cluster_stories(articles) for aid in story.articles}
    return [{"id": a.meta["input_id"], "story": story_of[a.id]} for a in articles]


# --- quotes and attribution (nlp/quotes.py) --------------------------------------------------


@register_stage("manysides.quotes.rules.v1", needs=("mentions",), adds=("quotes",))
def extract_quotes(articles: list[Any]) -> list[Any]:
    """Direct and indirect quotes and "according to X", speakers linked to actor mentions."""
    from manysides.nlp.pipeline import parse_articles
    from manysides.nlp.quotes import extract_attributions

    for article, doc in zip(articles, parse_articles(articles), strict=True):
        article.quotes = extract_attributions(doc, article.mentions)
    return articles


def _offsets(span: Any) -> list[int] | None:
    return [span.start, span.end] if span is not None else None


@register_task(
    "attribution",
    help="who says what: (source, cue, content) character spans of direct and indirect quotes "
    "and 'according to X', with the speaker linked to an actor where possible",
    output='{"id", "attributions": [{"source": [start, end], "cue": [start, end], '
    '"content": [start, end], "speaker", "speaker_kind", "direct"}]}',
)
def annotate_attribution(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    from manysides.nlp.actors import link_actors
    from manysides.nlp.pipeline import parse
    from manysides.nlp.quotes import extract_attributions

    articles = records_to_articles(records)
    out = []
    for article, doc in zip(articles, parse(a.text for a in articles), strict=True):
        quotes = extract_attributions(doc, link_actors(doc, article))
        out.append({
            "id": article.meta["input_id"],
            "attributions": [
                {"source": _offsets(q.source), "cue": _offsets(q.cue),
                 "content": _offsets(q.content), "speaker": q.speaker,
                 "speaker_kind": q.speaker_kind, "direct": q.direct}
                for q in quotes
            ],
        })
    return out


# --- claims, framing and lean (nlp/claims.py, framing.py, lean.py) ---------------------------


def framing_steps(articles: list[Any], timings: dict[str, float] | None = None) -> list[Any]:
    """Claims, sentiment toward each actor, framing terms, lean and genre of ``articles``.

    Each step runs over the whole batch (one encoder pass per kind of input); ``timings``,
    when given, gets the seconds each step took (added to what it holds).
    """
    import time

    from manysides.compare.stories import keep_story_vectors
    from manysides.nlp.claims import SentenceVectors, extract_claims
    from manysides.nlp.framing import framing_terms, mention_sentiment
    from manysides.nlp.lean import article_genre, article_lean, genre_features
    from manysides.nlp.pipeline import parse_articles
    from manysides.stages import release_memory

    clock = time.perf_counter()

    def lap(step: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        if timings is not None:
            timings[step] = timings.get(step, 0.0) + now - clock
        clock = now

    docs = parse_articles(articles)
    lap("parse (cached)")
    embeddings: dict[str, Any] = {}
    vectors = SentenceVectors()
    claims = extract_claims(articles, docs, embeddings, vectors)
    for article, own in zip(articles, claims, strict=True):
        article.claims = own
    # an encoder pass leaves tens of MB of freed heap behind; give it back before the next
    # one, or each pass's working memory lands on top of the last one's leftovers
    release_memory()
    lap("claims")
    # what the story clustering reads of each article, body chunks from their sentences'
    # vectors: the comparison then runs no encoder (and holds no encoder buffers)
    keep_story_vectors(articles, [[c.span for c in own] for own in claims],
                       [embeddings[a.id] for a in articles])
    release_memory()
    lap("story vectors")
    mention_sentiment(articles, vectors=vectors)
    lap("sentiment")
    for article, doc in zip(articles, docs, strict=True):
        article.framing = framing_terms(article, doc)
    lap("framing terms")
    for article, lean in zip(articles, article_lean(articles, embeddings), strict=True):
        article.lean = lean
    lap("lean")
    for article, doc in zip(articles, docs, strict=True):
        basis = genre_features(article, doc)
        article.genre, rule = article_genre(basis)
        article.genre_basis = {**basis, "rule": float(rule)} if rule is not None else basis
    lap("genre")
    return articles


#: Seconds spent in each step of ``manysides.framing.v1`` in this process (benchmarks read it).
FRAMING_SECONDS: dict[str, float] = {}


def prepare_framing(articles: list[Any]) -> Any:
    """Start the claims stage's encoder pass over a batch in the background (it overlaps with
    the parse of the next batch; see ``run_stages``)."""
    from manysides.nlp.claims import start_encoding
    from manysides.nlp.pipeline import parse_articles

    return start_encoding(articles, parse_articles(articles))


# Quotes (``article.quotes``) are read when an earlier stage filled them: claims are attributed
# to the quotes they overlap, and words inside direct quotes are not the outlet's framing.
@register_stage(
    "manysides.framing.v1",
    needs=("mentions", "events", "quotes"),
    adds=("claims", "sentiment", "framing", "lean", "genre"),
    prepare=prepare_framing,
)
def analyse_framing(articles: list[Any]) -> list[Any]:
    """Claims, sentiment toward actors, framing terms, lean and genre (see ``framing_steps``)."""
    return framing_steps(articles, FRAMING_SECONDS)


def _threshold(head: str) -> float:
    from manysides.nlp.heads import load_head

    return float(load_head(head).meta.get("threshold", 0.5))


@register_task(
    "lean",
    help="political lean of each article (left / center / right), from the lean head",
    output='{"id", "lean": "left"|"center"|"right", "scores": {label: probability}}',
)
def annotate_lean(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    from manysides.nlp.heads import predict_lean

    results = predict_lean([r["text"] for r in records], [r.get("title") for r in records],
                           [r.get("outlet") for r in records])
    return [{"id": r["id"], "lean": label, "scores": scores}
            for r, (label, scores) in zip(records, results, strict=True)]


@register_task(
    "sentiment",
    help="polarity toward each target span (input 'targets': [{start, end}] into 'text'), read "
    "in the target's sentence",
    output='{"id", "targets": [{"start", "end", "polarity", "scores"}]}',
)
def annotate_sentiment(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    from manysides.model import Span
    from manysides.nlp.claims import sentence_spans
    from manysides.nlp.framing import sentence_of
    from manysides.nlp.heads import predict_sentiment
    from manysides.nlp.pipeline import parse

    items: list[tuple[str, int, int]] = []
    for record, doc in zip(records, parse(r["text"] for r in records), strict=True):
        text = record["text"]
        sentences = sentence_spans(doc)
        for target in record.get("targets") or []:
            span = Span(int(target["start"]), int(target["end"]))
            if span.end > len(text):
                raise ValueError(f"target {span.start}-{span.end} is past the end of line "
                                 f"{record['id']!r} ({len(text)} characters)")
            sentence = sentence_of(span, sentences) or Span(0, len(text))
            if not sentence.contains(span):  # a target across sentences: read the whole text
                sentence = Span(0, len(text))
            items.append((sentence.of(text), span.start - sentence.start,
                          span.end - sentence.start))
    readings = iter(predict_sentiment(items))
    out = []
    for record in records:
        targets = []
        for target in record.get("targets") or []:
            polarity, scores = next(readings)
            targets.append({"start": target["start"], "end": target["end"],
                            "polarity": polarity, "scores": scores})
        out.append({"id": record["id"], "targets": targets})
    return out


@register_task(
    "loaded",
    help="whether each text (a sentence) uses loaded language, with its loaded words",
    output='{"id", "biased": bool, "score": probability, "spans": [[start, end]]}',
)
def annotate_loaded(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    from manysides.nlp.heads import predict_loaded

    results = predict_loaded([r["text"] for r in records])
    threshold = _threshold("loaded") if records else 0.5
    return [{"id": r["id"], "biased": score >= threshold, "score": score,
             "spans": [[a, b] for a, b in spans]}
            for r, (score, spans) in zip(records, results, strict=True)]


@register_task(
    "checkworthy",
    help="probability that each text (a sentence) is a factual claim worth checking",
    output='{"id", "score": probability, "checkworthy": bool}',
)
def annotate_checkworthy(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    from manysides.nlp.heads import predict_checkworthy

    scores = predict_checkworthy([r["text"] for r in records])
    threshold = _threshold("checkworthy") if records else 0.5
    return [{"id": r["id"], "score": score, "checkworthy": score >= threshold}
            for r, score in zip(records, scores, strict=True)]


@register_task(
    "roles",
    help="role of each text (a sentence): fact, opinion, prescription, prediction or question",
    output='{"id", "role"}',
)
def annotate_roles(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    from manysides.nlp.heads import predict_role

    roles = predict_role([r["text"] for r in records])
    return [{"id": r["id"], "role": role} for r, (role, _) in zip(records, roles, strict=True)]
