"""What the report says about the corpus as a whole, and how one article's metadata reads.

Nothing here invents a value: a missing outlet reads "unknown outlet", a missing date
"date unknown", a missing title "(untitled)" followed by the first words of the text.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, time
from urllib.parse import urlsplit

from manysides.model import Article, DateSource, IngestFailure
from manysides.report.events import StageError, count_events, mode_label, stage_errors

__all__ = [
    "UNKNOWN_DATE",
    "UNKNOWN_OUTLET",
    "DuplicateRow",
    "Overview",
    "StageErrorRow",
    "build_overview",
    "date_provenance",
    "display_title",
    "format_datetime",
    "outlet_label",
    "web_url",
]

UNKNOWN_OUTLET = "unknown outlet"
UNKNOWN_DATE = "date unknown"
_UNTITLED_WORDS = 12

_PROVENANCE = {
    DateSource.METADATA: "from metadata",
    DateSource.TEXT: "from the text",
    DateSource.USER: "given by the user",
    DateSource.UNKNOWN: UNKNOWN_DATE,
}


@dataclass(slots=True)
class DuplicateRow:
    """``article`` repeats ``of`` (``of`` is None when that article is not in the corpus)."""

    article: Article
    of_id: str
    of: Article | None
    kind: str
    similarity: float


@dataclass(slots=True)
class StageErrorRow:
    """A stage that failed on ``article``."""

    article: Article
    error: StageError


@dataclass(slots=True)
class Overview:
    """Counts and lists for the corpus overview section."""

    articles: int
    outlets: list[tuple[str, int]]
    authors: list[tuple[str, int]]
    without_author: int
    languages: list[tuple[str, int]]
    source_kinds: list[tuple[str, int]]
    date_sources: list[tuple[str, int]]
    first: Article | None
    last: Article | None
    duplicates: list[DuplicateRow] = field(default_factory=list)
    failures: list[IngestFailure] = field(default_factory=list)
    events: int = 0
    with_events: int = 0  # articles with at least one event
    event_types: list[tuple[str, int]] = field(default_factory=list)
    event_modes: list[tuple[str, int]] = field(default_factory=list)
    negated: int = 0
    stage_errors: list[StageErrorRow] = field(default_factory=list)


def build_overview(articles: Sequence[Article], failures: Sequence[IngestFailure]) -> Overview:
    """Summarise ``articles`` and ``failures`` for the overview section."""
    dated = sorted((a for a in articles if a.published), key=_sort_key)
    return Overview(
        articles=len(articles),
        outlets=_count(outlet_label(a) for a in articles),
        authors=_count(name for a in articles for name in a.authors),
        without_author=sum(1 for a in articles if not a.authors),
        languages=_count(a.language or "language unknown" for a in articles),
        source_kinds=_count(str(a.source_kind) for a in articles),
        date_sources=_count(_source_of(a) for a in articles),
        first=dated[0] if dated else None,
        last=dated[-1] if dated else None,
        duplicates=_duplicates(articles),
        failures=list(failures),
        events=sum(len(a.events) for a in articles),
        with_events=sum(1 for a in articles if a.events),
        event_types=count_events(articles, lambda e: e.type),
        event_modes=count_events(articles, lambda e: mode_label(e.mode)),
        negated=sum(1 for a in articles for e in a.events if e.negated),
        stage_errors=[StageErrorRow(a, error) for a in articles for error in stage_errors(a)],
    )


def outlet_label(article: Article) -> str:
    return (article.outlet or "").strip() or UNKNOWN_OUTLET


def display_title(article: Article) -> tuple[str, bool]:
    """``(title, has_title)``; without a title, the first words of the text stand in."""
    title = (article.title or "").strip()
    if title:
        return title, True
    words = article.text.split()
    more = "…" if len(words) > _UNTITLED_WORDS else ""
    return " ".join(words[:_UNTITLED_WORDS]) + more, False


def format_datetime(value: datetime | None) -> str:
    """ISO-like and short; midnight naive or UTC (how a date without a time is stored) shows as
    the date alone, so that a day is not presented as a precise time."""
    if value is None:
        return UNKNOWN_DATE
    if value.time() == time(0) and not value.utcoffset():
        return value.date().isoformat()
    text = value.strftime("%Y-%m-%d %H:%M")
    offset = value.strftime("%z")
    if offset in ("+0000", "-0000"):
        return text + " UTC"
    return f"{text} {offset[:3]}:{offset[3:]}" if offset else text


def date_provenance(article: Article) -> str:
    """Where the date came from, in words; "date unknown" when there is none."""
    if article.published is None:
        return UNKNOWN_DATE
    if article.published_source is DateSource.UNKNOWN:
        return "source of date unknown"
    return _PROVENANCE[article.published_source]


def web_url(value: str | None) -> str | None:
    """``value`` if it is an http(s) URL safe to link to, else None (shown as plain text)."""
    if not value:
        return None
    parts = urlsplit(value.strip())
    if parts.scheme.lower() in ("http", "https") and parts.netloc:
        return value.strip()
    return None


def _source_of(article: Article) -> str:
    return str(article.published_source) if article.published else str(DateSource.UNKNOWN)


def _sort_key(article: Article) -> datetime:
    """Naive datetimes compare as UTC so that mixed corpora can be ordered at all."""
    value = article.published
    assert value is not None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _count(values: Iterable[str]) -> list[tuple[str, int]]:
    counts = Counter(values)
    return sorted(counts.items(), key=lambda item: (-item[1], item[0].casefold()))


def _duplicates(articles: Sequence[Article]) -> list[DuplicateRow]:
    by_id = {a.id: a for a in articles}
    return [
        DuplicateRow(
            a, a.duplicate.of, by_id.get(a.duplicate.of), a.duplicate.kind, a.duplicate.similarity
        )
        for a in articles
        if a.duplicate is not None
    ]
