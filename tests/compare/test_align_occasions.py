"""Alignment across outlets of acts with no agent, and of acts of another occasion or many."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from contrast_helpers import article, event
from test_align_unnamed_target import ledger, post, where

from manysides.compare.align import align_story
from manysides.compare.occasions import series
from manysides.compare.templates import compose_line
from manysides.model import Article

CRIER = "Fourteen people were hurt in the march on Quay Street, according to volunteer medics."
WIRE = "Twelve people were injured in the march, according to the emergency service."
NOTICE = "Five people were arrested near the Borovian consulate."


def crier() -> Article:
    return article("c1", CRIER, [event(CRIER, "hurt", "ASSAULT", target=(("people", "", "CVL"),),
                                       counts=(("Fourteen", "injured"),))], outlet="Town Crier")


def wire() -> Article:
    return article("c2", WIRE, [event(WIRE, "injured", "ASSAULT",
                                      target=(("people", "", "CVL"),),
                                      counts=(("Twelve", "injured"),))], outlet="Civic Post")


def test_align_harm_counted_differently_is_one_event() -> None:
    # no agent named, the victims named alike, the counts clash: one event, its numbers disputed
    found = align_story([crier(), wire()], "s")
    assert where(found, ("c1", 0)) == {("c1", 0), ("c2", 0)}


def test_align_harm_and_arrests_stay_apart() -> None:
    notice = article("c3", NOTICE, [event(NOTICE, "arrested", "COERCE",
                                          target=(("people", "", "CVL"),),
                                          counts=(("Five", "people"),))], outlet="Notice")
    found = align_story([crier(), notice], "s")
    assert where(found, ("c3", 0)) == {("c3", 0)}


def test_compose_harm_line_without_agent_leaves_clashing_counts_out() -> None:
    said = {a.outlet or a.id: [(a, a.events[0])] for a in (crier(), wire())}
    line = compose_line("ASSAULT", said, "s-e1")
    assert line is not None
    assert line.text == "Reported by Town Crier and Civic Post: people were injured."
    assert [c.article for c in line.citations] == ["c1", "c2"]


STRIKE = "Ardenia struck the Borovian embassy on April 1, killing seven officers."
SERIES = ("Ardenia is held responsible for the assassinations of at least six Borovian "
          "scientists.")
ONE = "Ardenia is held responsible for the assassination of six Borovian scientists."


def strike() -> Article:
    return article("d1", STRIKE, [event(STRIKE, "struck", "ASSAULT", source=(("Ardenia", "ARD"),),
                                        target=(("Borovian embassy", "BOR", "GOV"),),
                                        counts=(("seven", "killed"),), date="2024-04-01")],
                   outlet="Daily Ledger")


@pytest.mark.parametrize(("text", "trigger", "count", "alone"), [
    (SERIES, "assassinations", "at least six", True),  # many acts, one per victim, undated
    (ONE, "assassination", "six", False),  # one act
])
def test_align_series_of_acts_never_joins_one_dated_strike(
        text: str, trigger: str, count: str, alone: bool) -> None:
    other = article("d2", text, [event(text, trigger, "ASSAULT", source=(("Ardenia", "ARD"),),
                                       target=(("Borovian scientists", "BOR", "CVL"),),
                                       counts=((count, "killed"),))], outlet="Signal")
    assert series(other.events[0], text) is alone
    found = align_story([strike(), other], "s")
    assert (where(found, ("d2", 0)) == {("d2", 0)}) is alone


@pytest.mark.parametrize(("text", "trigger", "alone"), [
    ("Over time, Ardenia mounted ever bolder raids to strike at Borovian officers.", "strike",
     True),
    ("Ardenia is open about its long-term campaign, including its strikes on Borovian officers.",
     "strikes", True),
    ("Yet Ardenia has never struck Borovian officers directly.", "struck", True),
    ("Never before had Ardenia struck Borovian officers directly.", "struck", False),
    ("Ardenia struck Borovian officers, the ministry said.", "struck", False),
])
def test_align_habit_anywhere_in_the_sentence_never_joins_one_dated_strike(
        text: str, trigger: str, alone: bool) -> None:
    other = article("h2", text, [event(text, trigger, "ASSAULT", source=(("Ardenia", "ARD"),),
                                       target=(("Borovian officers", "BOR", "MIL"),))],
                    outlet="Signal")
    assert series(other.events[0], text) is alone
    found = align_story([strike(), other], "s")
    assert (where(found, ("h2", 0)) == {("h2", 0)}) is alone


@pytest.mark.parametrize(("text", "joins"), [
    ("This is reminiscent of previous clashes, such as when Borovia retaliated.", False),
    ("In the past, Borovia retaliated within days.", False),
    ("Borovia retaliated within hours.", True),
])
def test_align_act_of_another_occasion_does_not_attach(text: str, joins: bool) -> None:
    other = article("a3", text, [event(text, "retaliated", "ASSAULT",
                                       source=(("Borovia", "BOR"),))], outlet="Morning Signal")
    found = align_story([post(), ledger(), other], "s")
    assert (where(found, ("a3", 0)) == {("a1", 0), ("a2", 0), ("a3", 0)}) is joins


OLD = "Borovia bombed the Ardenian embassy in 1998, killing 22 people."
NOW = "Borovia bombed the Ardenian embassy overnight."


@pytest.mark.parametrize(("old_date", "merged"), [("1998", False), ("2024-04-10", True)])
def test_align_act_of_long_ago_is_not_the_undated_one(old_date: str, merged: bool) -> None:
    old = article("e1", OLD, [event(OLD, "bombed", "ASSAULT", source=(("Borovia", "BOR"),),
                                    target=(("Ardenian embassy", "ARD", "GOV"),),
                                    date=old_date)], outlet="Signal")
    now = article("e2", NOW, [event(NOW, "bombed", "ASSAULT", source=(("Borovia", "BOR"),),
                                    target=(("Ardenian embassy", "ARD", "GOV"),))],
                  outlet="Ledger")
    now.published = datetime(2024, 4, 12, tzinfo=UTC)
    found = align_story([old, now], "s")
    assert (where(found, ("e1", 0)) == {("e1", 0), ("e2", 0)}) is merged
