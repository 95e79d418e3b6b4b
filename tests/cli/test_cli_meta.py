"""Meta-tests: every command has help with an example and is documented in the README."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from manysides.cli import COMMANDS, cli

README = (Path(__file__).parents[2] / "README.md").read_text()


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_cli_every_command_has_help_with_example(name: str) -> None:
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0, result.output
    assert "Example:" in result.output
    assert f"manysides {name}" in result.output


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_cli_every_command_is_in_the_readme(name: str) -> None:
    assert f"manysides {name}" in README


def test_cli_help_is_fast_and_loads_no_heavy_library() -> None:
    code = (
        "import sys; from manysides.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('spacy', 'sqlalchemy', 'trafilatura', 'onnxruntime', 'sklearn')"
        " if m in sys.modules]\nprint('HEAVY', heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "HEAVY []" in out.stdout


def test_cli_annotate_unknown_task_lists_available(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["annotate", "bogus", "--input", "-"], input="")
    assert result.exit_code != 0
    assert "unknown annotate task 'bogus'; available tasks:" in result.output
    assert "dedup" in result.output


def test_cli_annotate_dedup_marks_copies_and_reports_bad_lines(tmp_path: Path) -> None:
    text = "Officials in the port city said the strike would continue for a third day. " * 3
    lines = [
        json.dumps({"id": "a", "text": text}),
        json.dumps({"id": "b", "text": text.upper()}),
        "{not json",
        json.dumps({"id": "c", "text": "Something else entirely, about farmers and rain."}),
    ]
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(lines) + "\n")
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(
        cli, ["annotate", "dedup", "--input", str(src), "--output", str(out)]
    )
    assert result.exit_code == 1
    assert "in.jsonl:3: not valid JSON" in result.output
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["id"] for r in rows] == ["a", "b", "c"]
    assert rows[0]["duplicate_of"] is None
    assert rows[1]["duplicate_of"] == "a" and rows[1]["kind"] == "exact"
    assert rows[2]["duplicate_of"] is None
