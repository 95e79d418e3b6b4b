"""Event dates at any precision compared as day intervals."""

from __future__ import annotations

from datetime import date

import pytest

from manysides.compare.contrast import date_range, dates_consistent, dates_gap


@pytest.mark.parametrize(("iso", "expected"), [
    ("2024-04-01", (date(2024, 4, 1), date(2024, 4, 1))),
    ("2024-04", (date(2024, 4, 1), date(2024, 4, 30))),
    ("2024-02", (date(2024, 2, 1), date(2024, 2, 29))),
    ("2024-12", (date(2024, 12, 1), date(2024, 12, 31))),
    ("2024", (date(2024, 1, 1), date(2024, 12, 31))),
    ("2024-13", None), ("2024-02-30", None), ("April 1", None), ("", None), (None, None),
])
def test_contrast_dates_range(iso: str | None, expected: tuple[date, date] | None) -> None:
    assert date_range(iso) == expected


@pytest.mark.parametrize(("a", "b", "expected"), [
    ("2024-04-01", "2024-04-01", True),
    ("2024-04", "2024-04-01", True),
    ("2024-04-30", "2024-04", True),
    ("2024", "2024-04-01", True),
    ("2024-04-01", "2024-04-02", False),
    ("2024-04", "2024-05-01", False),
    ("2023", "2024-01-01", False),
    ("2024-04-01", None, None),
    (None, None, None),
    ("someday", "2024-04-01", None),
])
def test_contrast_dates_consistent(a: str | None, b: str | None, expected: bool | None) -> None:
    assert dates_consistent(a, b) is expected
    assert dates_consistent(b, a) is expected


@pytest.mark.parametrize(("a", "b", "gap"), [
    ("2024-04-13", "2024-04-14", 1), ("2024-04-01", "2024-04-13", 12),
    ("2024-03", "2024-04-02", 2), ("2024-04", "2024-04-13", 0), ("2024-04-13", None, None),
])
def test_contrast_dates_gap(a: str, b: str | None, gap: int | None) -> None:
    assert dates_gap(a, b) == gap


def test_contrast_dates_tolerance() -> None:
    assert dates_consistent("2024-04-13", "2024-04-14", tolerance_days=1) is True
    assert dates_consistent("2024-04-13", "2024-04-15", tolerance_days=1) is False
