"""Whether two event mentions can be one occasion in time, beyond their dates' overlap.

Alignment (:mod:`manysides.compare.align`) rules a pair out on these grounds too:

- a **series** of acts with no date of its own ("the killings of at least six Borovian
  officials": one killing each; "has long struck Velmar") is never one act dated to a day
  (:func:`series`, :func:`series_veto`);
- a mention dated :data:`LONG_BEFORE` days or more before an article was written (:func:`written`)
  is never one event with that article's undated mention: an undated act is told as the story's
  own, of its days ("Ardenia bombed the port in 1998" is not "Ardenia bombed the port" of this
  week's report).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from datetime import date
from typing import Protocol

from manysides.compare.contrast import date_range, dates_gap, ongoing
from manysides.model import Article, Event

__all__ = ["LONG_BEFORE", "agreed_date", "long_before", "series", "series_veto", "written"]

#: An undated mention is not one event with a mention dated this many days before its article.
LONG_BEFORE = 365
_OF = re.compile(r"\s+of\s+")
_YEAR = re.compile(r"\b(?:1[89]|20)\d{2}\b")


class _Timed(Protocol):
    @property
    def series(self) -> bool: ...

    @property
    def date(self) -> str | None: ...


def series(event: Event, text: str) -> bool:
    """Whether a mention tells of many acts, not one: a plural act noun counted by its victims
    ("the killings of at least six Borovian officials"), or an ongoing, habitual act or one
    of another occasion (:func:`~manysides.compare.contrast.ongoing`)."""
    of = _OF.match(text, event.trigger.end)
    if event.trigger.of(text).endswith("s") and of is not None and any(
            0 <= q.span.start - of.end() <= 1 for q in event.quantities):
        return True
    return ongoing(event, text)


def series_veto(a: _Timed, b: _Timed) -> bool:
    """A series of acts with no date (:func:`series`) against one act dated to a day."""
    return any(x.series and x.date is None and _one_day(y.date) for x, y in ((a, b), (b, a)))


def _one_day(iso: str | None) -> bool:
    return iso is not None and (len(iso) == 10 or (iso.startswith("--") and len(iso) == 7))


def written(article: Article) -> date | None:
    """When an article was written, as far as known: its publication day, the reference date
    the date stage inferred, or else the first day of the latest past year its text names."""
    if article.published is not None:
        return article.published.date()
    reference = article.meta.get("reference_date")
    if isinstance(reference, dict):
        reference = reference.get("date")
    found = date_range(reference) if isinstance(reference, str) else None
    if found is not None:
        return found[0]
    years = [int(y) for y in _YEAR.findall(article.text) if int(y) <= date.today().year]
    return date(max(years), 1, 1) if years else None


def long_before(when: str | None, other: str | None, now: date | None) -> bool:
    """Whether ``when`` is :data:`LONG_BEFORE` days or more before ``now`` (when the other
    mention's article was written) while the other mention has no date, or none with a year."""
    span = date_range(when)
    if span is None or now is None or (other or "--")[:2] != "--":
        return False
    return (now - span[1]).days >= LONG_BEFORE


def agreed_date(dates: Iterable[str | None]) -> str | None:
    """The most precise date the mentions agree on: the most precise one that every other date
    contains (or equals); failing that, the most precise among the most common."""
    known = [d for d in dates if d and (date_range(d) is not None or d.startswith("--"))]
    if not known:
        return None
    counts = Counter(known)
    ranked = sorted(counts, key=lambda d: (-_precision(d), -counts[d], d))
    for candidate in ranked:
        if all(dates_gap(candidate, other) == 0 for other in known):
            return candidate
    top = max(counts.values())
    return next(d for d in ranked if counts[d] == top)


def _precision(iso: str) -> int:
    """How precise a date is: a day (with or without its year) beats a month, a month a year;
    with a year beats without."""
    return {10: 5, 7: 3, 4: 1}.get(len(iso), 0) + (1 if iso.startswith("--") else 0)
