"""Numbers and dates as intervals, and when two of them can both be true.

- **numbers** (:func:`quantities_consistent`): each :class:`~manysides.model.Quantity` is an
  interval — exact ``[v, v]``, vague ``[low, high]`` with open or closed ends ("more than 300" is
  ``(300, ∞)``, "hundreds" ``[200, ∞)``, "dozens" ``[24, ∞)``), approximate ("about 300") ``v ±
  10%`` — typed by the thing it counts. Two counts of the same thing agree when their intervals
  meet; a count of a part ("170 drones") agrees with a count of a whole ("more than 300 drones and
  missiles") unless the part must exceed the whole; counts of different things are not compared
  (``None``).
- **dates** (:func:`dates_consistent`): ISO dates at any precision are day intervals ("2024-04"
  is all of April; a year-less "--04-01" is April 1 of an unknown year); they agree when the
  intervals meet.

Example::

    from manysides.compare.values import dates_consistent
    dates_consistent("2024-04", "2024-04-01")  # True
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from manysides.model import Quantity

__all__ = [
    "APPROX_TOLERANCE",
    "Item",
    "date_range",
    "dates_consistent",
    "dates_gap",
    "describe_quantity",
    "items_of",
    "parts_consistent",
    "quantities_consistent",
]

#: How far an approximate number ("about 300", "some 50") may be off: ±10%.
APPROX_TOLERANCE = 0.10

# --- numbers --------------------------------------------------------------------------------

#: Words for harm, by what they count: "killed" and "dead" count the same people.
_HARM = {"killed": "dead", "dead": "dead", "death": "dead", "deaths": "dead",
         "fatalities": "dead", "fatality": "dead", "killing": "dead", "killings": "dead",
         "injured": "injured", "wounded": "injured", "injuries": "injured", "injury": "injured",
         "hurt": "injured", "casualties": "casualty", "casualty": "casualty"}
#: Counts that include others: casualties are the dead and the injured.
_INCLUDES = {"casualty": frozenset({"dead", "injured"})}
_SPLIT = re.compile(r",|;|&|\band\b|\bplus\b")
_WORD = re.compile(r"[a-z][a-z'-]*")


@dataclass(frozen=True, slots=True)
class Item:
    """One counted thing: a head noun and its modifiers ("ballistic missile")."""

    head: str
    modifiers: frozenset[str]

    def covers(self, other: Item) -> bool:
        """Whether every thing ``other`` counts is counted here too ("missile" covers
        "ballistic missile"; "casualty" covers "dead")."""
        if other.head in _INCLUDES.get(self.head, ()):
            return True
        return self.head == other.head and self.modifiers <= other.modifiers


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "ches", "shes", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        return word[:-1]
    return word


def items_of(counts: str) -> frozenset[Item]:
    """What a quantity counts, normalised: "drones and missiles" → {drone, missile}."""
    out = set()
    for part in _SPLIT.split(counts.lower()):
        words = _WORD.findall(part)
        if not words:
            continue
        harm = _HARM.get(words[-1])
        if harm is not None:
            out.add(Item(harm, frozenset()))
            continue
        out.add(Item(_singular(words[-1]), frozenset(_singular(w) for w in words[:-1])))
    return frozenset(out)


def _covered(inner: frozenset[Item], outer: frozenset[Item]) -> bool:
    return bool(inner) and all(any(o.covers(i) for o in outer) for i in inner)


def _relation(a: str, b: str) -> str | None:
    """"same", "a<b" (a counts a part of what b counts), "b<a", or None (different things)."""
    ia, ib = items_of(a), items_of(b)
    a_in_b, b_in_a = _covered(ia, ib), _covered(ib, ia)
    if a_in_b and b_in_a:
        return "same"
    if a_in_b:
        return "a<b"
    if b_in_a:
        return "b<a"
    return None


@dataclass(frozen=True, slots=True)
class _Range:
    low: float
    high: float
    low_in: bool = True
    high_in: bool = True


def _range(q: Quantity) -> _Range | None:
    """The interval a quantity allows (counts are never negative); None if it says nothing."""
    if q.low is None and q.high is None:
        if q.value is None:
            return None
        tolerance = APPROX_TOLERANCE * abs(q.value)
        return _Range(q.value - tolerance, q.value + tolerance)
    low = q.low if q.low is not None else 0.0
    high = q.high if q.high is not None else math.inf
    return _Range(low, high, q.low_inclusive if q.low is not None else True,
                  q.high_inclusive if q.high is not None else False)


def _below(a: _Range, b: _Range) -> bool:
    """Whether some value a allows is ≤ some value b allows."""
    return a.low < b.high or (a.low == b.high and a.low_in and b.high_in)


def quantities_consistent(a: Quantity, b: Quantity) -> bool | None:
    """Whether two counts can both be true; None when they count different things.

    Counts of the same thing must overlap ("more than 300" and 320 do; 7 and 9 do not); a count
    of a part must not exceed the count of the whole it belongs to (170 drones fit "more than
    300 drones and missiles"; 400 drones do not fit "about 300 drones and missiles").
    """
    relation = _relation(a.counts, b.counts)
    if relation is None:
        return None
    ra, rb = _range(a), _range(b)
    if ra is None or rb is None:
        return True
    if relation == "a<b":
        return _below(ra, rb)
    if relation == "b<a":
        return _below(rb, ra)
    return _below(ra, rb) and _below(rb, ra)


def parts_consistent(parts: Sequence[Quantity], total: Quantity) -> bool | None:
    """Whether separate parts (170 drones, 30 cruise missiles, 120 ballistic missiles) can add
    up to no more than a total (more than 300 drones and missiles) — or, when the parts are all
    of it (150 drones, 150 missiles), to the total itself; None unless there are two or more
    parts, each a part of the total and none overlapping another."""
    whole = items_of(total.counts)
    items = [items_of(p.counts) for p in parts]
    if len(items) < 2 or not all(_covered(i, whole) and not _covered(whole, i) for i in items):
        return None
    for n, one in enumerate(items):
        if any(_covered(one, other) or _covered(other, one) for other in items[n + 1:]):
            return None
    ranges = [_range(p) for p in parts]
    top = _range(total)
    if top is None or any(r is None for r in ranges):
        return True
    known = [r for r in ranges if r is not None]
    added = _Range(sum(r.low for r in known), sum(r.high for r in known),
                   all(r.low_in for r in known), all(r.high_in for r in known))
    if _covered(whole, frozenset().union(*items)):  # the parts are all of it: they must add up
        return _below(added, top) and _below(top, added)
    return _below(added, top)


def describe_quantity(q: Quantity) -> str:
    """A short form of a count's interval: "7", "about 300", "more than 300", "at least 200"."""
    def num(x: float) -> str:
        return f"{x:g}" if x < 1e6 else f"{x:,.0f}"

    if q.low is None and q.high is None:
        return f"about {num(q.value)}" if q.value is not None else q.text or "?"
    if q.low is not None and q.high is not None:
        return num(q.low) if q.low == q.high else f"{num(q.low)}–{num(q.high)}"
    if q.low is not None:
        return f"{'at least' if q.low_inclusive else 'more than'} {num(q.low)}"
    assert q.high is not None
    return f"{'at most' if q.high_inclusive else 'fewer than'} {num(q.high)}"


# --- dates ----------------------------------------------------------------------------------

_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def date_range(iso: str | None) -> tuple[date, date] | None:
    """The first and last day an ISO date at any precision covers ("2024-04" → April 1–30)."""
    m = _ISO.match(iso or "")
    if m is None:
        return None
    year, month, day = int(m.group(1)), m.group(2), m.group(3)
    try:
        if day is not None:
            one = date(year, int(month), int(day))
            return one, one
        if month is not None:
            first = date(year, int(month), 1)
            following = date(year + (first.month == 12), first.month % 12 + 1, 1)
            return first, following - timedelta(days=1)
        return date(year, 1, 1), date(year, 12, 31)
    except ValueError:
        return None


_YEARLESS = re.compile(r"^--(\d{2})-(\d{2})$")


def _yearless(iso: str | None) -> tuple[int, int] | None:
    """(month, day) of a yearless date in the ISO 8601 / XML Schema form "--MM-DD"."""
    m = _YEARLESS.match(iso or "")
    return (int(m.group(1)), int(m.group(2))) if m else None


def _yearless_gap(a: str | None, b: str | None) -> int | None:
    """Days between two dates of which one or both have no year ("--04-01"): compared by month
    and day (in the other date's year, or a leap year); None unless both give a day."""
    ya, yb = _yearless(a), _yearless(b)
    days = []
    for ours, other in ((ya, b), (yb, a)):
        if ours is None:
            continue
        md = _yearless(other)
        full = date_range(other)
        year = full[0].year if full is not None and full[0] == full[1] else 2000
        if md is None and (full is None or full[0] != full[1]):
            return None
        month, day = md if md is not None else (full[0].month, full[0].day)  # type: ignore[index]
        try:
            days.append(abs((date(year, *ours) - date(year, month, day)).days))
        except ValueError:  # February 29 in a common year
            return None
    return min(days) if days else None


def dates_gap(a: str | None, b: str | None) -> int | None:
    """Days between two dates' intervals (0 when one contains or meets the other); None when
    either is unknown. Yearless dates ("--04-01") compare by month and day."""
    if _yearless(a) or _yearless(b):
        return _yearless_gap(a, b)
    ra, rb = date_range(a), date_range(b)
    if ra is None or rb is None:
        return None
    if ra[1] < rb[0]:
        return (rb[0] - ra[1]).days
    if rb[1] < ra[0]:
        return (ra[0] - rb[1]).days
    return 0


def dates_consistent(a: str | None, b: str | None, *, tolerance_days: int = 0) -> bool | None:
    """Whether two event dates can name the same day: same day, or one contains the other
    ("2024-04" contains "2024-04-01"), within ``tolerance_days``; None when either is unknown."""
    gap = dates_gap(a, b)
    return None if gap is None else gap <= tolerance_days
