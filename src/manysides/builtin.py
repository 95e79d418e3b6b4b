"""The built-in stages and annotate tasks, registered exactly as a plugin would register its own.

Each function imports what it needs inside, so importing this module stays cheap.
"""

from __future__ import annotations

from typing import Any

from manysides.stages import register_task


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
