"""`manysides annotate` lean, sentiment, loaded, checkworthy and roles, through the CLI."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from manysides.cli import cli
from manysides.nlp.heads import load_head

SENTENCE = "Critics blasted the corrupt governor, while the mayor won praise for her leadership."


def _run(task: str, tmp_path: Path, records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    result = CliRunner().invoke(cli, ["annotate", task, "--input", str(src)])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert [r["id"] for r in rows] == [r["id"] for r in records]
    return rows


def test_annotate_lean(tmp_path: Path) -> None:
    rows = _run("lean", tmp_path, [
        {"id": "a", "text": "Tax cuts for billionaires gutted the safety net for workers."},
        {"id": "b", "text": "Open borders and a bloated bureaucracy crush small businesses."},
    ])
    for row in rows:
        assert row["lean"] in ("left", "center", "right")
        assert set(row["scores"]) == {"left", "center", "right"}
        assert abs(sum(row["scores"].values()) - 1) < 1e-3
        assert row["lean"] == max(row["scores"], key=row["scores"].get)


def test_annotate_sentiment_reads_each_target(tmp_path: Path) -> None:
    governor = SENTENCE.index("governor")
    mayor = SENTENCE.index("mayor")
    rows = _run("sentiment", tmp_path, [
        {"id": "s", "text": SENTENCE, "targets": [
            {"start": governor, "end": governor + 8}, {"start": mayor, "end": mayor + 5}]},
        {"id": "none", "text": "Nothing to read here."},
    ])
    first, second = rows[0]["targets"]
    assert (first["start"], first["end"]) == (governor, governor + 8)
    assert (first["polarity"], second["polarity"]) == ("negative", "positive")
    assert set(first["scores"]) == {"negative", "neutral", "positive"}
    assert rows[1]["targets"] == []


def test_annotate_sentiment_target_past_the_text_is_an_error(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "x", "text": "Short.", "targets": [
        {"start": 2, "end": 40}]}) + "\n")
    result = CliRunner().invoke(cli, ["annotate", "sentiment", "--input", str(src)])
    assert result.exit_code != 0


def test_annotate_loaded(tmp_path: Path) -> None:
    text = "The radical extremists are destroying this once-great nation with their lies."
    rows = _run("loaded", tmp_path, [{"id": "l", "text": text},
                                     {"id": "n", "text": "The meeting is on Tuesday."}])
    loaded, plain = rows
    assert loaded["score"] > plain["score"]
    assert isinstance(loaded["biased"], bool) and plain["biased"] is False
    assert loaded["spans"]
    for start, end in loaded["spans"]:
        assert text[start:end].isalpha()


def test_annotate_checkworthy(tmp_path: Path) -> None:
    rows = _run("checkworthy", tmp_path, [
        {"id": "c", "text": "Unemployment fell to 3.5 percent last year, the lowest in 50 years."},
        {"id": "n", "text": "Thank you all for coming tonight."},
    ])
    claim, thanks = rows
    assert claim["score"] > thanks["score"]
    assert thanks["checkworthy"] is False
    threshold = float(load_head("checkworthy").meta.get("threshold", 0.5))
    for row in rows:
        assert row["checkworthy"] is (row["score"] >= threshold)


def test_annotate_roles(tmp_path: Path) -> None:
    rows = _run("roles", tmp_path, [
        {"id": "q", "text": "Will the ceasefire hold?"},
        {"id": "p", "text": "Congress must stop funding this war."},
        {"id": "f", "text": "The ministry said 12 people were injured on Monday."},
    ])
    assert [r["role"] for r in rows] == ["question", "prescription", "fact"]
