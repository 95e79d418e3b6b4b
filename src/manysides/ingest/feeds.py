"""RSS and Atom feeds: one article per entry, read with feedparser after a safety check.

The raw bytes are parsed with defusedxml first, which refuses entity declarations (the
"billion laughs" entity bomb), external entities and DTDs with a :class:`FeedError`; only then
does feedparser read the feed. An XML file whose root is not ``rss``, ``feed`` or ``RDF`` is
not a feed.

Each entry becomes an article: **text** from its full content, else its summary (HTML reduced to
text by trafilatura, see :func:`~manysides.ingest.html.fragment_text`); **title**, **url**
(the entry link), **authors**; **published** from the entry's published (else updated) date
(:attr:`DateSource.METADATA`); **outlet** the feed's title, else the ``outlet`` argument;
**description** the summary when the text comes from the full content. An entry with neither
content nor summary is its own failure (``feed.xml#3``).
"""

from __future__ import annotations

import io
import time
from calendar import timegm
from datetime import UTC, datetime
from typing import Any

from manysides.errors import FeedError, UnsupportedInputError
from manysides.ingest.base import Context, Outcome, build_article
from manysides.ingest.html import fragment_text

__all__ = ["check_xml", "read_feed"]

_FEED_ROOTS = frozenset({"rss", "feed", "RDF"})
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml", "html", "xhtml"})


def read_feed(data: bytes, ctx: Context) -> list[Outcome]:
    """The articles of an RSS or Atom feed."""
    import feedparser

    root = check_xml(data, ctx.source)
    if root not in _FEED_ROOTS:
        raise UnsupportedInputError(
            ctx.source, f"XML root element <{root}> is not an RSS or Atom feed (<rss> or <feed>)"
        )
    parsed = feedparser.parse(io.BytesIO(data), sanitize_html=True, resolve_relative_uris=False)
    if not parsed.entries:
        raise FeedError(ctx.source, "the feed has no entries")
    feed = parsed.get("feed", {})
    many = len(parsed.entries) > 1
    return [
        _entry(entry, feed, ctx, f"#{n}" if many else "")
        for n, entry in enumerate(parsed.entries, start=1)
    ]


def check_xml(data: bytes, source: str) -> str:
    """The local name of the root element of ``data``; :class:`FeedError` if unsafe or broken."""
    import defusedxml.ElementTree as SafeTree
    from defusedxml import DefusedXmlException

    try:
        root = SafeTree.fromstring(data, forbid_dtd=True)
    except DefusedXmlException as exc:
        raise FeedError(source, f"refused unsafe XML ({_unsafe_reason(data, exc)})") from None
    except SafeTree.ParseError as exc:
        raise FeedError(source, f"not well-formed XML: {exc}") from None
    return str(root.tag).rpartition("}")[2]


def _unsafe_reason(data: bytes, exc: Exception) -> str:
    """Why defusedxml refused the document: a DTD may also declare entities, say which."""
    import defusedxml.ElementTree as SafeTree
    from defusedxml import EntitiesForbidden, ExternalReferenceForbidden

    if isinstance(exc, EntitiesForbidden):
        return "entity declarations are not allowed"
    if isinstance(exc, ExternalReferenceForbidden):
        return "external references are not allowed"
    try:
        SafeTree.fromstring(data, forbid_dtd=False)
    except EntitiesForbidden:
        return "entity declarations are not allowed"
    except ExternalReferenceForbidden:
        return "external references are not allowed"
    except (SafeTree.ParseError, ValueError):
        pass
    return "DTDs (<!DOCTYPE ...>) are not allowed"


def _entry(entry: Any, feed: Any, ctx: Context, where: str) -> Outcome:
    text, description = _entry_text(entry)
    if not text:
        return ctx.failure("feed entry has no content or summary text", where=where)
    published = _struct_time(entry.get("published_parsed") or entry.get("updated_parsed"))
    return build_article(
        text,
        ctx,
        title=entry.get("title"),
        description=description,
        url=entry.get("link"),
        outlet=feed.get("title"),
        authors=_authors(entry),
        published=published,
        language=entry.get("language") or feed.get("language"),
    )


def _entry_text(entry: Any) -> tuple[str, str | None]:
    """The entry's text (full content, else summary) and its summary when that is separate."""
    summary = _plain(entry.get("summary_detail") or {}, entry.get("summary") or "")
    contents = entry.get("content") or []
    bodies = [_plain(part, part.get("value") or "") for part in contents]
    body = max(bodies, key=len, default="")
    if body:
        return body, summary if summary and summary != body else None
    return summary, None


def _plain(detail: Any, value: str) -> str:
    if not value.strip():
        return ""
    if detail.get("type", "text/html") in _HTML_TYPES:
        return fragment_text(value)
    return value.strip()


def _authors(entry: Any) -> list[str]:
    names = [str(a.get("name")) for a in entry.get("authors") or [] if a.get("name")]
    if not names and entry.get("author"):
        names = [str(entry.get("author"))]
    return names


def _struct_time(value: time.struct_time | None) -> datetime | None:
    """A UTC datetime from feedparser's parsed date (a ``time.struct_time`` in UTC)."""
    if value is None:
        return None
    return datetime.fromtimestamp(timegm(value), tz=UTC)
