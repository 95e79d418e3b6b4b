"""The project's own example corpus (``examples/corpus``): the five reports of the Quay Street
protest and the trawler ramming are one story (the short joint-inspection follow-up on the
trawler may join it). A regression test for the density term: a batch that is mostly one story
is not split by it (it split off Aldine Public Radio's injury-count report when the density
counted an article's own story as crowding)."""

from __future__ import annotations

from pathlib import Path

import pytest

from manysides.analyze import analyze, examples_path
from manysides.compare.stories import cluster_stories

pytestmark = pytest.mark.slow

INCIDENT = {"aldine-public-radio-feed.xml#1", "civic-wire-quay-street-protest.html",
            "harbour-ledger-tear-gas-for-fishermen.md", "northgate-courier-column.txt",
            "tidewater-gazette-coast-guard-denial.txt"}
FOLLOW_UP = "aldine-public-radio-feed.xml#2"


def test_stories_examples_incident_is_one_story(tmp_path):
    result = analyze([examples_path()], db=tmp_path / "m.db", compare=False)
    name = {a.id: Path(str(a.source)).name for a in result.articles}
    assert set(name.values()) == INCIDENT | {FOLLOW_UP}
    found = [{name[i] for i in s.articles} for s in cluster_stories(result.articles)]
    story = next(s for s in found if "civic-wire-quay-street-protest.html" in s)
    assert INCIDENT <= story <= INCIDENT | {FOLLOW_UP}
