"""Reading publication dates: values from metadata and the user, and datelines in plain text.

All parsing is dateparser's (or :meth:`datetime.fromisoformat` for ISO 8601); nothing here reads
a date by hand. Relative dates ("yesterday", "3 hours ago") are refused: their meaning depends on
when the text was read. A date must name its day, month and year.

Every datetime returned is timezone-aware. A date or time without a zone is taken to be UTC, so
that dates from different inputs always compare.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time
from typing import Any

__all__ = ["as_aware", "find_date_in", "parse_date"]

_SETTINGS: dict[str, Any] = {
    "PARSERS": ["timestamp", "custom-formats", "absolute-time"],
    "REQUIRE_PARTS": ["day", "month", "year"],
    "TIMEZONE": "UTC",
    "TO_TIMEZONE": "UTC",
    "RETURN_AS_TIMEZONE_AWARE": True,
}
#: A four-digit year: cheap evidence that a line may hold a full date, checked before dateparser.
_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|2\d\d\d)(?!\d)")


def as_aware(value: datetime) -> datetime:
    """``value`` with UTC as its zone when it has none."""
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def parse_date(value: object) -> datetime | None:
    """A datetime from a metadata or user value: datetime, date, ISO string or any full date
    dateparser reads in any language. ``None`` when the value holds no full date."""
    if isinstance(value, datetime):
        return as_aware(value)
    if isinstance(value, date):
        return datetime.combine(value, time(), tzinfo=UTC)
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return None
    text = str(value).strip()
    if not text:
        return None
    try:
        return as_aware(datetime.fromisoformat(text))
    except ValueError:
        pass
    import dateparser

    found = dateparser.parse(text, settings=_SETTINGS)
    return as_aware(found) if found is not None else None


def find_date_in(text: str, *, whole: bool = False) -> datetime | None:
    """The first full date (day, month, year) written in ``text``, if it has one.

    With ``whole=True`` the date must make up most of ``text`` (a dateline on a line of its own,
    such as "Published 14 April 2024"), leaving at most three other words.
    """
    if not _YEAR.search(text):
        return None
    if whole:
        found = parse_date(text)
        if found is not None:
            return found
    from dateparser.search import search_dates

    try:
        matches = search_dates(text, settings=_SETTINGS) or []
    except (ValueError, OverflowError):
        return None
    for matched, value in matches:
        if not _YEAR.search(matched):
            continue
        if whole and len(text.replace(matched, " ").split()) > 3:
            continue
        return as_aware(value)
    return None
