"""Merging the mentions of one real-world event across the articles of a story."""

from __future__ import annotations

import pytest
from contrast_helpers import article, event

from manysides.compare.align import (
    COMPATIBLE,
    actor_keys,
    agreed_date,
    align_events,
    align_story,
    pair_score,
)
from manysides.model import Article, StoryEvent

LEDGER = ("Ardenia launched a strike on the Borovian embassy in Velmar, killing seven officers. "
          "Borovia vowed to respond.")
SIGNAL = ("An Ardenian airstrike destroyed the Borovian consulate in Velmar on Monday, killing "
          "nine people.")
POST = "Borovia fired more than 300 drones and missiles at Ardenia overnight."


def ledger(date: str | None = "2024-04-01") -> Article:
    return article("a1", LEDGER, [event(
        LEDGER, "strike", "ASSAULT", source=(("Ardenia", "ARD"),),
        target=(("Borovian embassy", "BOR", "GOV"),), counts=(("seven", "killed"),),
        date=date, location="Velmar")], outlet="The Daily Ledger")


def signal(date: str | None = "2024-04") -> Article:
    return article("a2", SIGNAL, [event(
        SIGNAL, "airstrike", "ASSAULT", source=(("Ardenian", "ARD"),),
        target=(("Borovian consulate", "BOR", "GOV"),), counts=(("nine", "killed"),),
        date=date, location="Velmar")], outlet="Morning Signal")


def post() -> Article:
    return article("a3", POST, [event(
        POST, "fired", "ASSAULT", source=(("Borovia", "BOR"),), target=(("Ardenia", "ARD"),),
        counts=(("more than 300", "drones and missiles"),))], outlet="Harbor Post")


def groups(events: list[StoryEvent]) -> list[set[tuple[str, int]]]:
    return [set(e.mentions) for e in events]


def test_align_merges_same_strike_across_outlets() -> None:
    found = align_events([ledger(), signal(), post()], "s1")
    assert groups(found) == [{("a1", 0), ("a2", 0)}, {("a3", 0)}]
    assert [e.id for e in found] == ["s1-e1", "s1-e2"]
    strike = found[0]
    assert strike.type == "ASSAULT"
    assert strike.date == "2024-04-01"  # the most precise agreed date
    assert strike.label == "Ardenia — ASSAULT → Borovian embassy"


@pytest.mark.parametrize(("one", "other", "merged"), [
    ("2024-04-01", "2024-04-01", True),
    ("2024-04-01", "2024-04", True),
    ("2024-04-01", "2024", True),
    ("2024-04-01", None, True),
    ("2024-04-01", "2024-04-02", True),  # an overnight event is dated either side of midnight
    ("2024-04-01", "2024-04-13", False),
    ("2024-04-01", "2024-05", False),
])
def test_align_dates(one: str | None, other: str | None, merged: bool) -> None:
    found = align_events([ledger(one), signal(other)], "s")
    assert (len(found) == 1) is merged


def test_align_unknown_date_counts_less() -> None:
    a, b = ledger("2024-04-01"), signal("2024-04-01")
    same = pair_score(a.events[0], b.events[0], a.text, b.text)
    b_undated = signal(None)
    weaker = pair_score(a.events[0], b_undated.events[0], a.text, b_undated.text)
    assert same is not None and weaker is not None and same > weaker


@pytest.mark.parametrize(("target", "merged"), [
    (("Borovia", "BOR"), True),
    (("Borovian army", "BOR", "MIL"), True),  # sector-insensitive
    (("Calvera", "CAL"), False),  # a different target
    (("officials", "", "GOV"), True),  # no country: the side is unknown, not different
])
def test_align_targets(target: tuple[str, ...], merged: bool) -> None:
    text = f"Ardenia launched a strike on {target[0]} in Velmar, killing seven officers."
    other = article("b", text, [event(
        text, "strike", "ASSAULT", source=(("Ardenia", "ARD"),), target=(target,),
        counts=(("seven", "killed"),), date="2024-04-01", location="Velmar")])
    assert (len(align_events([ledger(), other], "s")) == 1) is merged


def test_align_reversed_sides_are_another_event() -> None:
    text = "Borovia launched a strike on Ardenia in Velmar, killing seven officers."
    other = article("b", text, [event(
        text, "strike", "ASSAULT", source=(("Borovia", "BOR"),), target=(("Ardenia", "ARD"),),
        counts=(("seven", "killed"),), date="2024-04-01", location="Velmar")])
    assert len(align_events([ledger(), other], "s")) == 2


def test_align_person_of_government_is_the_country() -> None:
    a_text = "President Osk spoke by phone with Borovia's prime minister on 2024-04-14."
    b_text = "Ardenia held talks with Borovia on 2024-04-14 about the strike."
    a = article("a", a_text, [event(a_text, "spoke", "CONSULT",
                                    source=(("President Osk", "ARD", "GOV"),),
                                    target=(("Borovia", "BOR"),), date="2024-04-14")])
    b = article("b", b_text, [event(b_text, "talks", "COOPERATE", source=(("Ardenia", "ARD"),),
                                    target=(("Borovia", "BOR"),), date="2024-04-14")])
    found = align_events([a, b], "s")
    assert groups(found) == [{("a", 0), ("b", 0)}]
    assert found[0].label == "Ardenia — CONSULT → Borovia"  # the country before its people


def test_align_mutual_events_in_either_order() -> None:
    a_text = "Ardenia met Borovia in Velmar on 2024-04-14 to discuss a truce."
    b_text = "Borovia met Ardenia in Velmar on 2024-04-14 to discuss a truce."
    a = article("a", a_text, [event(a_text, "met", "CONSULT", source=(("Ardenia", "ARD"),),
                                    target=(("Borovia", "BOR"),), date="2024-04-14")])
    b = article("b", b_text, [event(b_text, "met", "CONSULT", source=(("Borovia", "BOR"),),
                                    target=(("Ardenia", "ARD"),), date="2024-04-14")])
    assert len(align_events([a, b], "s")) == 1


@pytest.mark.parametrize(("kind", "merged"), [
    ("ASSAULT", True), ("COERCE", True), ("PROTEST", False), ("AID", False),
])
def test_align_type_compatibility(kind: str, merged: bool) -> None:
    text = "Ardenian forces raided the Borovian embassy in Velmar, killing seven officers."
    other = article("b", text, [event(
        text, "raided", kind, source=(("Ardenian forces", "ARD", "MIL"),),
        target=(("Borovian embassy", "BOR", "GOV"),), counts=(("seven", "killed"),),
        date="2024-04-01", location="Velmar")])
    assert (len(align_events([ledger(), other], "s")) == 1) is merged


def test_align_compatibility_table_is_symmetric_pairs() -> None:
    assert all(len(pair) == 2 and 0 < w <= 1 for pair, w in COMPATIBLE.items())
    assert frozenset({"ASSAULT", "COERCE"}) in COMPATIBLE


@pytest.mark.parametrize(("mode", "merged"), [
    ("reported", True), ("hedged", True), ("denied", True), ("future", False),
    ("hypothetical", False), ("called_for", False),
])
def test_align_keeps_possible_events_apart(mode: str, merged: bool) -> None:
    other = signal("2024-04-01")
    other.events[0].mode = mode
    assert (len(align_events([ledger(), other], "s")) == 1) is merged


def test_align_merges_mentions_within_one_article() -> None:
    text = ("Ardenia launched a strike on Borovia in Velmar on 2024-04-01. Residents of Velmar "
            "said the Ardenian strike on Borovia flattened a block.")
    a = article("a", text, [
        event(text, "strike", "ASSAULT", source=(("Ardenia", "ARD"),), target=(("Borovia", "BOR"),),
              date="2024-04-01", location="Velmar"),
        event(text, "strike", "ASSAULT", source=(("Ardenian", "ARD"),),
              target=(("Borovia", "BOR"),), mode="reported", after=60),
    ])
    assert groups(align_events([a], "s")) == [{("a", 0), ("a", 1)}]


def test_align_undated_mention_does_not_chain_two_dates() -> None:
    """An undated strike may join the April 1 strike or the April 13 one, never both."""
    a_text = "Ardenia launched a strike on Borovia in Velmar on April 1, killing seven officers."
    b_text = "Ardenia launched a strike on Borovia in Velmar on April 13, killing seven officers."
    c_text = "Ardenia launched a strike on Borovia in Velmar, killing seven officers."
    arts = [article(n, t, [event(t, "strike", "ASSAULT", source=(("Ardenia", "ARD"),),
                                 target=(("Borovia", "BOR"),), counts=(("seven", "killed"),),
                                 date=d, location="Velmar")])
            for n, t, d in (("a", a_text, "2024-04-01"), ("b", b_text, "2024-04-13"),
                            ("c", c_text, None))]
    found = groups(align_events(arts, "s"))
    assert len(found) == 2
    assert not any({("a", 0), ("b", 0)} <= g for g in found)


def test_align_support_and_sides() -> None:
    found = align_story([ledger(), signal(), post()], "s")
    strike = found[0]
    assert strike.sources == ["ARD"] and strike.targets == ["BOR"]
    assert strike.location == "Velmar"
    assert len(strike.support) == 2 and all(0.6 <= s <= 1 for s in strike.support)
    assert found[1].support == [1.0]


def test_align_threshold_is_a_parameter() -> None:
    assert len(align_story([ledger(), signal()], "s", threshold=0.99)) == 2


@pytest.mark.parametrize(("dates", "expected"), [
    (["2024-04", "2024-04-01", None], "2024-04-01"),
    (["2024", "2024-04"], "2024-04"),
    ([None, None], None),
    (["2024-04-13", "2024-04-14", "2024-04-14"], "2024-04-14"),
])
def test_align_agreed_date(dates: list[str | None], expected: str | None) -> None:
    assert agreed_date(dates) == expected


def test_align_actor_keys_ignore_unlinked_and_sector_only() -> None:
    text = "Ardenia officials Borovian army"
    a = article("a", text, [event(text, "officials", "ASSAULT", source=(
        ("Ardenia", "ARD"), ("officials", "", "GOV"), ("Borovian army", "BOR", "MIL")))])
    assert actor_keys(a.events[0].source) == {"ARD", "BOR"}
