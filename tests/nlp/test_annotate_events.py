"""`manysides annotate events` (coded, PETRARCH-2 conventions) and `events-all` (every mention)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from manysides.cli import cli

TEXT = (
    "Chilean officials said Peru attacked a border post on Monday. "
    "Bolivian troops shelled a Peruvian village, killing three civilians."
)


def _run(task: str, tmp_path: Path) -> list[dict]:
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "r1", "text": TEXT, "published": "2024-04-17"}) + "\n")
    result = CliRunner().invoke(cli, ["annotate", task, "--input", str(src)])
    assert result.exit_code == 0, result.output
    (line,) = result.output.splitlines()
    row = json.loads(line)
    assert row["id"] == "r1"
    return row["events"]


def _triples(events: list[dict]) -> set[tuple]:
    return {(tuple(s["code"] for s in e["source"]), e["type"],
             tuple(t["code"] for t in e["target"])) for e in events}


def test_annotate_events_codes_the_report_as_an_accusation(tmp_path: Path, nlp) -> None:
    events = _run("events", tmp_path)
    assert (("CHLGOV",), "ACCUSE", ("PER",)) in _triples(events)
    shelling = next(e for e in events if e["type"] == "ASSAULT")
    assert shelling["dead"] == 3 and shelling["source"][0]["code"] == "BOLMIL"
    start, end = shelling["trigger"]
    assert TEXT[start:end] == "shelled"


def test_annotate_events_all_keeps_the_reported_attack(tmp_path: Path, nlp) -> None:
    events = _run("events-all", tmp_path)
    attack = next(e for e in events if e["source"] and e["source"][0]["code"] == "PER")
    assert attack["type"] == "ASSAULT" and attack["mode"] == "reported"
    assert attack["date"] == "2024-04-15"  # "on Monday", two days before the article
    assert not any(e["type"] == "ACCUSE" for e in events)
