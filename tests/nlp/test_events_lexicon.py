"""The verb lexicon: rebuilt deterministically from ../shared, and read the way CAMEO means."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from events_helpers import load

from manysides.nlp.verbs import lexicon, match_noun, match_verb

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"


@pytest.mark.skipif(not (SHARED / "data/events").is_dir(), reason="../shared not beside checkout")
def test_events_lexicon_rebuilds_byte_for_byte(tmp_path: Path) -> None:
    out = tmp_path / "verbs.json"
    subprocess.run([sys.executable, str(REPO / "scripts/build_verb_lexicon.py"), "--shared",
                    str(SHARED), "--out", str(out)], check=True, capture_output=True)
    packaged = REPO / "src/manysides/data/verbs.json"
    assert out.read_bytes() == packaged.read_bytes()


def test_events_lexicon_layout_and_notice() -> None:
    raw = json.loads((REPO / "src/manysides/data/verbs.json").read_text("utf-8"))
    assert "Open Event Data Alliance" in " ".join(raw["notice"])
    assert raw["plover"]["190"] == "ASSAULT"
    assert ["*", "190", "ASSAULT"] in raw["verbs"]["attack"]
    assert raw["nouns"]["talks"] == ["046", "CONSULT"]
    # joint codes keep their reverse half; a repeated pattern takes the dictionary's later code
    assert ["*", "040", "CONSULT", "040"] in raw["verbs"]["discuss"]
    assert ["* sanction", "085", "RETREAT"] in raw["verbs"]["lift"]
    assert all(p[0] != "* sanction" or p[1] == "085" for p in raw["verbs"]["lift"])
    assert "cruise missiles" in raw["synsets"]["weapon"]


@pytest.mark.parametrize(
    ("sentence", "word", "cameo", "plover"),
    [
        ("The rebels attacked the base.", "attacked", "190", "ASSAULT"),
        ("The army launched missiles at the town.", "launched", "194", "ASSAULT"),
        ("The navy intercepted the drones.", "intercepted", "190", "ASSAULT"),
        ("The soldier was killed in an accident.", "killed", None, None),
        ("The council imposed sanctions on the firm.", "imposed", "163", "COERCE"),
        ("They shot down the plane.", "shot", "190", "ASSAULT"),
        ("The minister met with the envoy.", "met", "040", "CONSULT"),
        ("The court arrested the mayor.", "arrested", "173", "COERCE"),
        ("The rebels kidnapped the mayor.", "kidnapped", "181", "ASSAULT"),
    ],
)
def test_events_lexicon_verb_patterns(sentence: str, word: str, cameo: str | None,
                                      plover: str | None) -> None:
    doc = load()(sentence)
    token = next(t for t in doc if t.text == word)
    code = match_verb(token)
    assert code is not None
    assert (code.cameo, code.plover) == (cameo, plover)


@pytest.mark.parametrize(
    ("sentence", "word"),
    [("The army took many rockets out of the sky.", "took"),  # light verb, no pattern
     ("He gave a long speech.", "gave"),
     ("It was a sunny day.", "was")],
)
def test_events_lexicon_light_verbs_need_a_pattern(sentence: str, word: str) -> None:
    token = next(t for t in load()(sentence) if t.text == word)
    code = match_verb(token)
    assert code is None or code.score > 0


def test_events_lexicon_patterns_apply_to_the_verb_they_were_written_for() -> None:
    """CAMEO's "- * ENGINEER [181] # KIDNAP" is about kidnapping, not arresting."""
    arrest = {entry[0] for entry in json.loads(
        (REPO / "src/manysides/data/verbs.json").read_text("utf-8"))["verbs"]["arrest"]}
    assert "* engineer" not in arrest
    assert any(p.code.cameo == "181" for p in lexicon().verbs["kidnap"])


@pytest.mark.parametrize(
    ("sentence", "word", "cameo"),
    [("The air strike failed.", "strike", "195"), ("The strike failed.", "strike", "190"),
     ("Their talks failed.", "talks", "046"), ("The phone call was short.", "call", "041"),
     ("The assassination shocked them.", "assassination", "186")],
)
def test_events_lexicon_event_nouns(sentence: str, word: str, cameo: str) -> None:
    token = next(t for t in load()(sentence) if t.text == word)
    code = match_noun(token)
    assert code is not None and code.cameo == cameo
