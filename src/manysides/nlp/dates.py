"""When an event happened: date expressions resolved against the article's own date.

:func:`resolve_date` turns "April 1st", "last Monday", "Saturday", "yesterday", "last night",
"October 7, 2023" or "in 1992" into an ISO 8601 date, at the precision the words give
("2024-04-01", "2023-08", "1992"). Relative expressions need the article's date (``base``):
without one they stay unresolved (None), as does a month and day with no year. Weekday names
mean the most recent such day (today included) unless the event is in the future.
Week-level expressions ("last week", "two weeks ago") give no single date and stay None.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any

__all__ = ["resolve_date"]

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun",
           "jul", "aug", "sep", "sept", "oct", "nov", "dec")
_SAME_DAY = ("today", "this morning", "this afternoon", "this evening", "tonight", "earlier today",
             "later today", "this weekend")
_DAY_BEFORE = ("yesterday", "last night", "overnight", "yesterday morning", "yesterday evening",
               "yesterday afternoon")
_LEAD = re.compile(r"^(?:on|late|early|since|by|until|till|in|during|from|the|of|as of|at|"
                   r"around|about|this past|earlier|later)\s+")
_TAIL = re.compile(r"\s+(?:morning|afternoon|evening|night|weekend)$")
_WEEKDAY = re.compile(r"(last |this |next |this past )?(" + "|".join(_WEEKDAYS) + ")")
_YEAR = re.compile(r"\b(1[5-9]\d{2}|20\d{2})\b")
_VAGUE = re.compile(r"\b(?:week|weeks|decade|decades|centur(?:y|ies)|recent|past|several|few|"
                    r"coming|upcoming|previous|next few|\d+s)\b")


def resolve_date(text: str, base: datetime | date | None = None, *, future: bool = False,
                 ) -> str | None:
    """ISO date (or year-month, or year) for a date expression, or None if unresolvable."""
    base_day = base.date() if isinstance(base, datetime) else base
    return _resolve(_clean(text), base_day, future)


def _clean(text: str) -> str:
    phrase = " ".join(text.lower().replace("’", "'").replace(".", " ").split()).strip(" ,")
    phrase = re.sub(r"'s$", "", phrase)
    while True:
        stripped = _LEAD.sub("", phrase)
        if stripped == phrase:
            break
        phrase = stripped
    if phrase in _SAME_DAY or phrase in _DAY_BEFORE:
        return phrase
    phrase = _TAIL.sub("", phrase) if phrase.split()[0:1] and phrase.split()[0] in (
        *_WEEKDAYS, "last", "next", "this") else phrase
    # "April 13-14" / "13-14 April": the first day of a range
    phrase = re.sub(r"(\d{1,2})(?:st|nd|rd|th)?\s*[-–]\s*\d{1,2}(?:st|nd|rd|th)?", r"\1", phrase)
    return phrase


@lru_cache(maxsize=4096)
def _resolve(phrase: str, base: date | None, future: bool) -> str | None:
    if not phrase:
        return None
    if phrase in _SAME_DAY:
        return base.isoformat() if base else None
    if phrase in _DAY_BEFORE:
        return (base - timedelta(days=1)).isoformat() if base else None
    if phrase == "tomorrow":
        return (base + timedelta(days=1)).isoformat() if base else None
    weekday = _weekday(phrase, base, future)
    if weekday is not False:
        return weekday  # type: ignore[return-value]
    ago = re.fullmatch(r"(\w+) days? ago", phrase)
    if ago:
        return _days_ago(ago.group(1), base)
    if _VAGUE.search(phrase):
        return None
    if re.fullmatch(r"(?:last|this|next) (?:month|year)", phrase):
        return _relative_period(phrase, base)
    year = _YEAR.search(phrase)
    has_month = any(w in _MONTHS for w in re.findall(r"[a-z]+", phrase))
    if re.fullmatch(r"(?:in |the year )?(1[5-9]\d{2}|20\d{2})", phrase):
        return phrase[-4:]
    if not has_month or (base is None and year is None):
        return None
    return _parse_absolute(phrase, base, future)


def _weekday(phrase: str, base: date | None, future: bool) -> str | bool | None:
    """A weekday expression → ISO date; False if ``phrase`` is not one."""
    m = _WEEKDAY.fullmatch(phrase)
    if not m:
        return False
    if base is None:
        return None
    target = _WEEKDAYS.index(m.group(2))
    which = (m.group(1) or "").strip()
    if which == "next" or (future and which != "last"):
        delta = (target - base.weekday()) % 7 or (7 if which == "next" else 0)
        return (base + timedelta(days=delta)).isoformat()
    delta = (base.weekday() - target) % 7
    if which == "last" and delta == 0:
        delta = 7
    return (base - timedelta(days=delta)).isoformat()


def _days_ago(count: str, base: date | None) -> str | None:
    words = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "a": 1}
    n = int(count) if count.isdigit() else words.get(count)
    if base is None or n is None:
        return None
    return (base - timedelta(days=n)).isoformat()


def _relative_period(phrase: str, base: date | None) -> str | None:
    if base is None:
        return None
    which, unit = phrase.split()
    shift = {"last": -1, "this": 0, "next": 1}[which]
    if unit == "year":
        return str(base.year + shift)
    month = base.month - 1 + shift
    return f"{base.year + month // 12:04d}-{month % 12 + 1:02d}"


def _parse_absolute(phrase: str, base: date | None, future: bool) -> str | None:
    settings: dict[str, object] = {"PREFER_DATES_FROM": "future" if future else "past",
                "RETURN_AS_TIMEZONE_AWARE": False, "PREFER_DAY_OF_MONTH": "first"}
    if base is not None:
        settings["RELATIVE_BASE"] = datetime(base.year, base.month, base.day)
    data = _parser(tuple(sorted(settings.items()))).get_date_data(phrase)
    if data is None or data.date_obj is None:
        return None
    found = data.date_obj.date()
    if data.period == "year":
        return f"{found.year:04d}"
    if data.period == "month":
        return f"{found.year:04d}-{found.month:02d}"
    return found.isoformat()


@lru_cache(maxsize=8)
def _parser(settings: tuple[tuple[str, object], ...]) -> Any:
    from dateparser.date import DateDataParser

    return DateDataParser(languages=["en"], settings=dict(settings))
