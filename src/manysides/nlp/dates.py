"""When an event happened: date expressions resolved against the article's own date.

:func:`resolve_date` turns "April 1st", "last Monday", "Saturday", "yesterday", "last night",
"March 4, 2021" or "in 1998" into an ISO 8601 date, at the precision the words give
("2024-04-01", "2023-08", "1992"). Relative expressions need the article's date (``base``):
without one they stay unresolved (None), as does a month and day with no year. Weekday names
mean the most recent such day (today included) unless the event is in the future.
Week-level expressions ("last week", "two weeks ago") give no single date and stay None.

An article with no publication date gets a *reference date* from its own words
(:func:`infer_reference`): the latest fully specified date it mentions ("April 1, 2024").
That date is only known to be on or before the writing, so it gives its year to the yearless
dates (:func:`resolve_event_date`: "April 13" → the April 13 nearest to it) but resolves
relative expressions ("Saturday", "last night") only when it heads the article, as a dateline
does. With no evidence at all a month and day stays yearless, in the ISO 8601 / XML Schema
form ``--MM-DD`` ("--04-01"), and a relative expression unresolved: nothing is guessed.
"""


from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any

__all__ = ["DATELINE_CHARS", "infer_reference", "resolve_date", "resolve_event_date"]

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
_MONTH_DAY = re.compile(r"(?:(?P<m1>[a-z]+) (?P<d1>\d{1,2})(?:st|nd|rd|th)?|"
                        r"(?P<d2>\d{1,2})(?:st|nd|rd|th)? (?:of )?(?P<m2>[a-z]+))")
#: A fully specified date this close to the start of an article is its dateline: the day the
#: article speaks from, against which "yesterday" and "Saturday" can be read.
DATELINE_CHARS = 200
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


def resolve_event_date(text: str, published: datetime | date | None,
                       reference: date | None = None, *, relative: bool = False,
                       future: bool = False) -> tuple[str | None, str | None]:
    """(ISO date, basis) of a date expression in an article. The basis says what the date
    rests on: ``explicit`` (the words alone: "March 4, 2021", "in 1998", or a yearless
    "--10-07"), ``published`` (the article's date) or ``inferred`` (a ``reference`` date the
    text itself gives, see :func:`infer_reference`; ``relative`` if it may resolve "Saturday"
    too, else only the year of a month and day)."""
    own = resolve_date(text, None, future=future)
    if own is not None:
        return own, "explicit"
    if published is not None:
        found = resolve_date(text, published, future=future)
        return (found, "published") if found is not None else (None, None)
    month_day = _month_day(_clean(text))
    if reference is not None:
        if month_day is not None:
            return _nearest(month_day, reference), "inferred"
        found = resolve_date(text, reference, future=future) if relative else None
        return (found, "inferred") if found is not None else (None, None)
    if month_day is not None:
        return f"--{month_day[0]:02d}-{month_day[1]:02d}", "explicit"
    return None, None


def infer_reference(dates: list[tuple[str, int, int]]) -> dict[str, Any] | None:
    """The reference date of an article with no publication date, from its date expressions
    ``(text, start, end)``: the latest one that gives day, month and year, with its evidence;
    None when there is none."""
    found = [(iso, start, end) for text, start, end in dates
             if (iso := resolve_date(text, None)) is not None and len(iso) == 10]
    if not found:
        return None
    iso, start, end = max(found, key=lambda f: (f[0], -f[1]))
    dateline = start < DATELINE_CHARS
    return {"date": iso, "source": "inferred", "evidence": [start, end],
            "rule": "dateline" if dateline else "latest fully specified date in the text",
            "resolves": "relative and yearless dates" if dateline else "yearless dates"}


def _month_day(phrase: str) -> tuple[int, int] | None:
    m = _MONTH_DAY.fullmatch(phrase)
    if m is None:
        return None
    name, day = (m.group("m1"), m.group("d1")) if m.group("m1") else (m.group("m2"), m.group("d2"))
    if name not in _MONTHS:
        return None
    month = _MONTHS.index(name) % 12 + 1 if _MONTHS.index(name) < 12 else _SHORT[name]
    try:
        date(2000, month, int(day))  # a leap year: February 29 is a day
    except ValueError:
        return None
    return month, int(day)


_SHORT = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
          "sept": 9, "oct": 10, "nov": 11, "dec": 12}


def _nearest(month_day: tuple[int, int], reference: date) -> str:
    """The month and day in the year that puts it nearest ``reference``."""
    month, day = month_day
    options = []
    for year in (reference.year - 1, reference.year, reference.year + 1):
        try:
            options.append(date(year, month, day))
        except ValueError:  # February 29 in a common year
            continue
    return min(options, key=lambda d: abs((d - reference).days)).isoformat()
