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
    from manysides.nlp.events import extract_events, petrarch_events
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
