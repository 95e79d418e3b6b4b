"""Number phrases read as exact values or ranges, and quantities typed by what they count."""

from __future__ import annotations

import pytest
from events_helpers import load

from manysides.nlp.quantities import Amount, find_quantities, parse_amount

INF = None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("seven", Amount(7, 7, 7)),
        ("Seven", Amount(7, 7, 7)),
        ("22", Amount(22, 22, 22)),
        ("1,200", Amount(1200, 1200, 1200)),
        ("3.5", Amount(3.5, 3.5, 3.5)),
        ("twenty-two", Amount(22, 22, 22)),
        ("one hundred twenty", Amount(120, 120, 120)),
        ("two hundred thousand", Amount(200_000, 200_000, 200_000)),
        ("a dozen", Amount(12, 12, 12)),
        ("two dozen", Amount(24, 24, 24)),
        ("a hundred", Amount(100, 100, 100)),
        ("3 billion", Amount(3e9, 3e9, 3e9)),
        ("3 billion dollars", Amount(3e9, 3e9, 3e9)),
        ("six billion", Amount(6e9, 6e9, 6e9)),
        ("$6 billion", Amount(6e9, 6e9, 6e9)),
        ("1.2 million", Amount(1.2e6, 1.2e6, 1.2e6)),
        ("zero", Amount(0, 0, 0)),
        ("dozens", Amount(None, 24, INF)),
        ("hundreds", Amount(None, 200, INF)),
        ("thousands", Amount(None, 2000, INF)),
        ("tens of thousands", Amount(None, 20_000, INF)),
        ("hundreds of thousands", Amount(None, 200_000, INF)),
        ("more than 300", Amount(None, 300, INF, low_inclusive=False)),
        ("over 150", Amount(None, 150, INF, low_inclusive=False)),
        ("at least 6", Amount(None, 6, INF)),
        ("at least 700", Amount(None, 700, INF)),
        ("no fewer than 40", Amount(None, 40, INF)),
        ("up to 40", Amount(None, None, 40)),
        ("fewer than 10", Amount(None, None, 10, high_inclusive=False)),
        ("nearly 700", Amount(None, None, 700, high_inclusive=False)),
        ("about 50", Amount(50, None, None)),
        ("some 300", Amount(300, None, None)),
        ("an estimated 1,000", Amount(1000, None, None)),
        ("between 5 and 10", Amount(None, 5, 10)),
        ("5 to 10", Amount(None, 5, 10)),
    ],
)
def test_quantities_parse_amount(text: str, expected: Amount) -> None:
    assert parse_amount(text) == expected


@pytest.mark.parametrize("text", ["nearly all", "almost all", "several", "a few", "many", "a",
                                  "the", "", "most", "countless", "half"])
def test_quantities_parse_amount_skips_vague_or_non_numbers(text: str) -> None:
    assert parse_amount(text) is None


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The army fired 170 drones and 30 cruise missiles.",
         [("drones", "170", 170), ("cruise missiles", "30", 30)]),
        ("Only five of the 120 ballistic missiles crossed the border.",
         [("ballistic missiles", "five", 5), ("ballistic missiles", "120", 120)]),
        ("The raid ended, killing seven soldiers.", [("killed", "seven", 7)]),
        ("Eight people were killed in the shelling.", [("killed", "Eight", 8)]),
        ("The gunmen killed 22 people and wounded dozens.",
         [("killed", "22", 22), ("injured", "dozens", None)]),
        ("At least 700 residents are confirmed dead.", [("dead", "At least 700", None)]),
        ("The ministry reported injuries to one civilian and zero deaths.",
         [("injured", "one", 1), ("dead", "zero", 0)]),
        ("Tens of thousands of protesters marched.",
         [("protesters", "Tens of thousands", None)]),
        ("The country received a 3 billion dollar aid package.", [("dollars", "3 billion", 3e9)]),
        ("A barrage of more than 300 rockets and shells followed.",
         [("rockets and shells", "more than 300", None)]),
        ("Some 300 farmers gathered in 1992 for 24 hours on April 1.",
         [("farmers", "Some 300", 300)]),
        ("A dozen soldiers were wounded and 3 died.",
         [("injured", "A dozen", 12), ("dead", "3", 3)]),
    ],
)
def test_quantities_find_typed_with_exact_offsets(sentence: str, expected: list[tuple]) -> None:
    doc = load()(sentence)
    found = find_quantities(doc)
    assert [(q.counts, q.text, q.value) for q in found] == expected
    for q in found:
        assert sentence[q.span.start:q.span.end] == q.text


def test_quantities_bare_numbers_and_pronouns_count_nothing() -> None:
    doc = load()("Rebels fired rockets, and at least 6 of them hit the town; 3 did not.")
    assert find_quantities(doc) == []


def test_quantities_vague_ranges_keep_their_bounds() -> None:
    doc = load()("Rebels fired more than 300 rockets, and at least 6 of the rockets hit a town.")
    first, second = find_quantities(doc)
    assert (first.low, first.low_inclusive, first.high) == (300, False, None)
    assert (second.low, second.low_inclusive, second.counts) == (6, True, "rockets")


@pytest.mark.parametrize("phrase", ["no one", "nobody", "none", "zero"])
def test_quantities_parse_zero(phrase: str) -> None:
    amount = parse_amount(phrase)
    assert amount is not None and amount.value == 0.0 and amount.high == 0.0
