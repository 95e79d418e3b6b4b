"""Counts compared as intervals, typed by what they count."""

from __future__ import annotations

import pytest
from contrast_helpers import count

from manysides.compare.contrast import (
    describe_quantity,
    parts_consistent,
    quantities_consistent,
)
from manysides.model import Quantity, Span


@pytest.mark.parametrize(("a", "b", "expected"), [
    # exact against exact
    (("7", "killed"), ("9", "killed"), False),
    (("seven", "killed"), ("7", "killed"), True),
    (("no one", "killed"), ("7", "killed"), False),
    # open and closed bounds
    (("more than 300", "drones and missiles"), ("320", "drones and missiles"), True),
    (("more than 300", "drones and missiles"), ("300", "drones and missiles"), False),
    (("at least 300", "drones"), ("300", "drones"), True),
    (("fewer than 10", "killed"), ("10", "killed"), False),
    (("up to 10", "killed"), ("10", "killed"), True),
    (("between 5 and 8", "killed"), ("7", "killed"), True),
    (("between 5 and 8", "killed"), ("9", "killed"), False),
    (("more than 300", "drones"), ("fewer than 300", "drones"), False),
    (("at least 300", "drones"), ("at most 300", "drones"), True),
    # vague plurals
    (("hundreds", "missiles and drones"), ("300", "drones and missiles"), True),
    (("hundreds", "missiles and drones"), ("more than 300", "drones and missiles"), True),
    (("hundreds", "killed"), ("150", "killed"), False),
    (("dozens", "killed"), ("7", "killed"), False),
    (("dozens", "killed"), ("30", "killed"), True),
    (("tens of thousands", "protesters"), ("5,000", "protesters"), False),
    # approximate values: ±10%
    (("about 300", "drones"), ("320", "drones"), True),
    (("about 300", "drones"), ("270", "drones"), True),
    (("about 300", "drones"), ("340", "drones"), False),
    (("around 50", "killed"), ("roughly 58", "killed"), True),
    (("around 50", "killed"), ("roughly 70", "killed"), False),
    # the counted noun, normalised
    (("a dozen", "drones"), ("12", "drone"), True),
    (("12", "Drones"), ("13", "drone"), False),
    (("30", "killed"), ("30", "dead"), True),
    (("30", "killed"), ("31", "deaths"), False),
    (("3", "casualties"), ("3", "casualty"), True),
    # a part and its whole: the part may not exceed the whole
    (("170", "drones"), ("more than 300", "drones and missiles"), True),
    (("more than 300", "drones and missiles"), ("170", "drones"), True),
    (("400", "drones"), ("about 300", "drones and missiles"), False),
    (("about 300", "drones and missiles"), ("400", "drones"), False),
    (("200", "drones"), ("300", "drones and missiles"), True),
    (("300", "drones and missiles"), ("300", "drones"), True),
    (("120", "ballistic missiles"), ("more than 300", "drones and missiles"), True),
    (("120", "ballistic missiles"), ("100", "missiles"), False),
    (("7", "killed"), ("12", "casualties"), True),
    (("15", "killed"), ("12", "casualties"), False),
    # different things are not compared
    (("7", "killed"), ("9", "injured"), None),
    (("170", "drones"), ("30", "cruise missiles"), None),
    (("120", "ballistic missiles"), ("30", "cruise missiles"), None),
    (("5", "tanks"), ("5", "drones and missiles"), None),
])
def test_contrast_quantities_consistent(a: tuple[str, str], b: tuple[str, str],
                                        expected: bool | None) -> None:
    assert quantities_consistent(count(*a), count(*b)) is expected


def test_contrast_quantities_total_is_no_equal_of_its_part() -> None:
    """300 drones and missiles and 200 drones do not clash: 200 is a part of 300."""
    total, part = count("300", "drones and missiles"), count("200", "drones")
    assert quantities_consistent(total, part) is True
    assert quantities_consistent(count("300", "drones"), part) is False


def test_contrast_quantities_unknown_amount_is_consistent() -> None:
    empty = Quantity(span=Span(0, 4), counts="killed")
    assert quantities_consistent(empty, count("9", "killed")) is True


@pytest.mark.parametrize(("parts", "total", "expected"), [
    ([("170", "drones"), ("30", "cruise missiles"), ("120", "ballistic missiles")],
     ("more than 300", "drones and missiles"), True),
    ([("250", "drones"), ("100", "missiles")], ("about 300", "drones and missiles"), False),
    ([("150", "drones"), ("150", "missiles")], ("more than 300", "drones and missiles"), False),
    ([("150", "drones"), ("at least 150", "missiles")], ("300", "drones and missiles"), True),
    ([("170", "drones")], ("more than 300", "drones and missiles"), None),
    ([("120", "ballistic missiles"), ("150", "missiles")], ("300", "missiles and drones"), None),
    ([("7", "killed"), ("9", "injured")], ("300", "drones"), None),
])
def test_contrast_quantities_parts_add_up(parts: list[tuple[str, str]], total: tuple[str, str],
                                          expected: bool | None) -> None:
    assert parts_consistent([count(*p) for p in parts], count(*total)) is expected


@pytest.mark.parametrize(("phrase", "expected"), [
    ("seven", "7"), ("about 300", "about 300"), ("more than 300", "more than 300"),
    ("hundreds", "at least 200"), ("fewer than 10", "fewer than 10"), ("up to 10", "at most 10"),
    ("between 5 and 8", "5–8"), ("3 million", "3,000,000"),
])
def test_contrast_quantities_describe(phrase: str, expected: str) -> None:
    assert describe_quantity(count(phrase, "killed")) == expected
