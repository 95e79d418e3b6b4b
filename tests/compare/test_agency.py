"""Who an article casts as using force and who as suffering it: only acts of force told as
having happened count, once per actor and side, grouped as sentiment is grouped."""

from __future__ import annotations

import pytest

from manysides.compare.agency import ForceRoles, force_roles
from manysides.model import Event, Mention, Span

TEXT = "Ruritania shelled Freedonia. President Ana Vale said the army seized the port."


def mention(words: str, actor: str | None, label: str = "GPE", name: str | None = None) -> Mention:
    start = TEXT.index(words)
    return Mention(Span(start, start + len(words)), words, label=label, actor=actor,
                   name=name or words)


RUR = mention("Ruritania", "RUR")
FRE = mention("Freedonia", "FRE")
VALE = mention("Ana Vale", "RURGOV", label="PERSON", name="Ana Vale")
ARMY = mention("the army", "RURMIL", label="ORG", name="army")


def event(kind: str, source: list[Mention], target: list[Mention], mode: str = "asserted",
          negated: bool = False) -> Event:
    return Event(trigger=Span(10, 17), sentence=Span(0, 28), type=kind, source=source,
                 target=target, mode=mode, negated=negated)


def counts(found: dict, key: tuple[str, str | None]) -> tuple[int, int]:
    roles = found.get(key, ForceRoles())
    return len(roles.by), len(roles.on)


def test_attack_and_seizure_count_for_both_sides() -> None:
    found = force_roles([event("ASSAULT", [RUR], [FRE]), event("COERCE", [ARMY], [FRE])],
                        persons=set())
    assert counts(found, ("RUR", None)) == (1, 0)
    assert counts(found, ("RURMIL", None)) == (1, 0)
    assert counts(found, ("FRE", None)) == (0, 2)
    # the events are given with their index in the article's list, for links to its rows
    assert [index for index, _ in found[("FRE", None)].on] == [0, 1]


@pytest.mark.parametrize("kind, mode, negated", [
    ("ASSAULT", "denied", False),
    ("ASSAULT", "hypothetical", False),
    ("ASSAULT", "future", False),
    ("ASSAULT", "called_for", False),
    ("ASSAULT", "asserted", True),
    ("AID", "asserted", False),  # not force
    ("THREATEN", "asserted", False),  # words, not force
])
def test_acts_not_told_as_done_or_not_force_cast_no_one(kind: str, mode: str,
                                                          negated: bool) -> None:
    assert force_roles([event(kind, [RUR], [FRE], mode=mode, negated=negated)], set()) == {}


@pytest.mark.parametrize("mode", ["reported", "hedged"])
def test_attributed_and_hedged_acts_count(mode: str) -> None:
    found = force_roles([event("ASSAULT", [RUR], [FRE], mode=mode)], set())
    assert counts(found, ("RUR", None)) == (1, 0)
    assert counts(found, ("FRE", None)) == (0, 1)


def test_one_act_counts_once_per_actor_and_never_on_both_sides() -> None:
    twice = mention("Ruritania", "RUR")
    found = force_roles([event("ASSAULT", [RUR, twice], [FRE]),
                         event("ASSAULT", [RUR], [RUR, FRE])], set())
    assert counts(found, ("RUR", None)) == (1, 0)  # both mentions name one actor; the
    assert counts(found, ("FRE", None)) == (0, 2)  # clash within it casts it on neither side


def test_a_named_person_counts_apart_from_the_office_code() -> None:
    office = mention("the army", "RURGOV", label="ORG", name="government")
    found = force_roles([event("COERCE", [VALE], [FRE]), event("ASSAULT", [office], [FRE])],
                        persons={"Ana Vale"})
    assert counts(found, ("RURGOV", "Ana Vale")) == (1, 0)
    assert counts(found, ("RURGOV", None)) == (1, 0)


def test_unlinked_sides_are_keyed_by_their_words_and_empty_sides_skipped() -> None:
    crowd = Mention(Span(0, 5), "crowd")
    found = force_roles([event("ASSAULT", [], [crowd]), event("ASSAULT", [RUR], [])], set())
    assert counts(found, ("crowd", None)) == (0, 1)
    assert counts(found, ("RUR", None)) == (1, 0)
