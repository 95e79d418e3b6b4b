"""Date expressions resolved against a fixed article date (Sunday 14 April 2024)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from manysides.nlp.dates import resolve_date

SUNDAY = datetime(2024, 4, 14, 9, 30)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("April 1st", "2024-04-01"),
        ("April 1", "2024-04-01"),
        ("on April 1", "2024-04-01"),
        ("Oct. 7, 2023", "2023-10-07"),
        ("October 7", "2023-10-07"),  # a month-day after the article date is last year's
        ("April 13-14", "2024-04-13"),
        ("April 13–14, 2024", "2024-04-13"),
        ("Saturday", "2024-04-13"),
        ("on Saturday", "2024-04-13"),
        ("Saturday's", "2024-04-13"),
        ("Saturday night", "2024-04-13"),
        ("Sunday", "2024-04-14"),  # the article's own weekday is today
        ("Monday", "2024-04-08"),
        ("last Monday", "2024-04-08"),
        ("last Sunday", "2024-04-07"),
        ("next Tuesday", "2024-04-16"),
        ("yesterday", "2024-04-13"),
        ("last night", "2024-04-13"),
        ("late last night", "2024-04-13"),
        ("overnight", "2024-04-13"),
        ("today", "2024-04-14"),
        ("this morning", "2024-04-14"),
        ("tomorrow", "2024-04-15"),
        ("two days ago", "2024-04-12"),
        ("in 1992", "1992"),
        ("2020", "2020"),
        ("May 2021", "2021-05"),
        ("August", "2023-08"),
        ("last month", "2024-03"),
        ("last year", "2023"),
        ("last week", None),
        ("this week", None),
        ("recent months", None),
        ("the 1990s", None),
        ("the day before", None),
    ],
)
def test_dates_resolve_against_article_date(text: str, expected: str | None) -> None:
    assert resolve_date(text, SUNDAY) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Monday", "2024-04-15"), ("Sunday", "2024-04-14"), ("next Sunday", "2024-04-21"),
     ("Saturday", "2024-04-20")],
)
def test_dates_weekdays_look_ahead_for_future_events(text: str, expected: str) -> None:
    assert resolve_date(text, SUNDAY, future=True) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Saturday", None), ("last night", None), ("April 1st", None), ("yesterday", None),
     ("October 7, 2023", "2023-10-07"), ("in 1992", "1992"), ("May 2021", "2021-05")],
)
def test_dates_without_article_date_only_absolute_dates_resolve(text: str, expected: str | None,
                                                                ) -> None:
    assert resolve_date(text, None) == expected


def test_dates_accept_a_plain_date_as_base() -> None:
    assert resolve_date("yesterday", date(2024, 1, 1)) == "2023-12-31"


@pytest.mark.parametrize(
    ("text", "published", "reference", "relative", "expected"),
    [
        # the words alone: a full date, a year, or a yearless month and day (--MM-DD)
        ("October 7, 2023", None, None, False, ("2023-10-07", "explicit")),
        ("April 1st", None, None, False, ("--04-01", "explicit")),
        ("13 April", None, None, False, ("--04-13", "explicit")),
        ("Saturday", None, None, False, (None, None)),
        ("April 1st", SUNDAY, None, False, ("2024-04-01", "published")),
        # an inferred reference gives its year to the nearest month and day...
        ("April 13", None, date(2024, 4, 1), False, ("2024-04-13", "inferred")),
        ("October 7", None, date(2024, 4, 1), False, ("2023-10-07", "inferred")),
        ("February 29", None, date(2024, 4, 1), False, ("2024-02-29", "inferred")),
        # ...but reads "Saturday" only from a dateline
        ("Saturday", None, date(2024, 4, 14), False, (None, None)),
        ("Saturday", None, date(2024, 4, 14), True, ("2024-04-13", "inferred")),
    ],
)
def test_dates_resolve_event_date_says_its_basis(text, published, reference, relative,
                                                 expected) -> None:
    from manysides.nlp.dates import resolve_event_date

    assert resolve_event_date(text, published, reference, relative=relative) == expected


def test_dates_infer_reference_takes_the_latest_full_date_with_evidence() -> None:
    from manysides.nlp.dates import DATELINE_CHARS, infer_reference

    far = DATELINE_CHARS + 100
    found = infer_reference([("April 1, 2024", far, far + 13), ("May 2024", far + 50, far + 58),
                             ("March 30, 2024", far + 90, far + 104), ("Saturday", 5, 13)])
    assert found is not None
    assert (found["date"], found["evidence"], found["source"]) == ("2024-04-01",
                                                                   [far, far + 13], "inferred")
    assert found["resolves"] == "yearless dates"
    dateline = infer_reference([("April 14, 2024", 10, 24)])
    assert dateline is not None and dateline["rule"] == "dateline"
    assert infer_reference([("April 1", 0, 7), ("May 2021", 30, 38), ("1992", 50, 54)]) is None
