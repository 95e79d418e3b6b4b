"""What the store hands back: results of adds, listings and searches.

Plain frozen dataclasses with no database types in them, so the CLI, the report and the API
can use them without importing SQLAlchemy.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

__all__ = ["MARK_END", "MARK_START", "AddResult", "ArticleSummary", "Run", "SearchHit"]

#: How a search snippet marks the words that matched.
MARK_START, MARK_END = "[", "]"


@dataclass(slots=True)
class AddResult:
    """What :meth:`Store.add` did: ids newly added, ids already there, and the run it logged."""

    added: list[str] = field(default_factory=list)
    existing: list[str] = field(default_factory=list)
    run_id: int = 0


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    """One line of :meth:`Store.list`; ``duplicate`` is the id of the article it repeats."""

    id: str
    title: str | None
    outlet: str | None
    published: datetime | None
    authors: list[str]
    chars: int
    duplicate: str | None = None


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One search result. ``snippet`` marks matched words with ``[`` and ``]``; a higher
    ``rank`` is a better match (comparable within one search only)."""

    id: str
    title: str | None
    outlet: str | None
    snippet: str
    rank: float


@dataclass(frozen=True, slots=True)
class Run:
    """One logged :meth:`Store.add` call, with its counts (added, existing, failed)."""

    id: int
    started: datetime
    finished: datetime | None
    command: str
    counts: dict[str, int]
