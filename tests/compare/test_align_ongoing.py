"""An ongoing or habitual act with no target named is no one event: it never joins one."""

from __future__ import annotations

import pytest
from contrast_helpers import article, event
from test_align_unnamed_target import ledger, post, where

from manysides.compare.align import align_story
from manysides.compare.contrast import verdicts
from manysides.model import Article, StoryEvent

ONGOING = [
    "Borovia has waged armed confrontation for more than 40 years, officials said.",
    "Borovia has carried out airstrikes for decades.",
    "Borovia has long relied on airstrikes.",
    "Borovia routinely launches airstrikes.",
    "Borovia has staged airstrikes over the years.",
    "Borovia repeatedly conducted airstrikes in the region.",
]
ONE_EVENT = [
    "Borovia launched its airstrikes overnight.",
    # the duration is said before the source: of the war, not of the act
    "After decades of shadow war, Borovia launched airstrikes overnight.",
    "Borovia, which has long-range drones, launched airstrikes overnight.",
    # a duration that measures a first: one event
    "Borovia launched its first airstrikes for more than 40 years.",
    "Borovia launched airstrikes for the first time in over two decades.",
]


def background(text: str) -> Article:
    trigger = next(w for w in ("confrontation", "airstrikes") if w in text)
    return article("a3", text, [event(text, trigger, "ASSAULT", source=(("Borovia", "BOR"),))],
                   outlet="Morning Signal")


@pytest.mark.parametrize("text", ONGOING)
def test_align_ongoing_act_does_not_join_the_event(text: str) -> None:
    found = align_story([post(), ledger(), background(text)], "s")
    assert where(found, ("a3", 0)) == {("a3", 0)}


@pytest.mark.parametrize("text", ONE_EVENT)
def test_align_one_act_joins_the_event(text: str) -> None:
    found = align_story([post(), ledger(), background(text)], "s")
    assert where(found, ("a3", 0)) == {("a1", 0), ("a2", 0), ("a3", 0)}


@pytest.mark.parametrize("text", ONGOING)
def test_contrast_ongoing_act_is_no_weak_report(text: str) -> None:
    members = [post(), ledger(), background(text)]
    events = [StoryEvent("s-e1", "ASSAULT", [("a1", 0), ("a2", 0)]),
              StoryEvent("s-e2", "ASSAULT", [("a3", 0)])]
    by = {(v.event, v.outlet): v for v in verdicts(events, members)}
    assert by["s-e1", "Morning Signal"].kind == "omits"
