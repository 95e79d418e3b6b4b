"""The store commands as a user runs them: add, list, show, search, export."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from manysides.cli import cli
from manysides.model import Article


@pytest.fixture
def db(tmp_path: Path) -> str:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Port Strike Enters Third Day\n\nA decade of disputes comes to a head\n\nBy Ana Ruiz\n\n"
        "Dock workers in the harbour city kept the cranes idle for a third day on Wednesday, "
        "the union said.\n"
    )
    (folder / "b.md").write_text(
        "---\ntitle: Farmers Protest Water Rules\noutlet: Valley Post\ndate: 2025-03-04\n---\n\n"
        "Farmers drove tractors to the capital to protest new water rules, police said.\n"
    )
    path = str(tmp_path / "m.db")
    result = CliRunner().invoke(cli, ["add", str(folder), "--db", path])
    assert result.exit_code == 0, result.output
    assert "added 2 articles, 0 already stored" in result.output
    again = CliRunner().invoke(cli, ["add", str(folder), "--db", path])
    assert "added 0 articles, 2 already stored" in again.output
    return path


def test_cli_list_json_and_outlet_filter(db: str) -> None:
    rows = [json.loads(line) for line in CliRunner().invoke(
        cli, ["list", "--json", "--db", db]).output.splitlines()]
    assert sorted(r["title"] for r in rows) == ["Farmers Protest Water Rules",
                                                "Port Strike Enters Third Day"]
    only = CliRunner().invoke(cli, ["list", "--json", "--outlet", "Valley Post", "--db", db])
    assert [json.loads(line)["outlet"] for line in only.output.splitlines()] == ["Valley Post"]


def test_cli_show_by_prefix_and_missing_id(db: str) -> None:
    rows = [json.loads(line) for line in CliRunner().invoke(
        cli, ["list", "--json", "--db", db]).output.splitlines()]
    port = next(r for r in rows if r["title"].startswith("Port"))
    shown = CliRunner().invoke(cli, ["show", port["id"][:6], "--db", db])
    assert shown.exit_code == 0
    assert "A decade of disputes comes to a head" in shown.output
    assert "authors   Ana Ruiz" in shown.output and "date unknown" in shown.output
    missing = CliRunner().invoke(cli, ["show", "ffffffff", "--db", db])
    assert missing.exit_code == 1 and "no article with id" in missing.output


def test_cli_search_marks_matches(db: str) -> None:
    out = CliRunner().invoke(cli, ["search", "tractors", "--db", db]).output
    assert "Farmers Protest Water Rules" in out and "[tractors]" in out
    assert "no matches" in CliRunner().invoke(cli, ["search", "submarine", "--db", db]).output


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv", "parquet"])
def test_cli_export_each_format(db: str, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"x.{fmt}"
    result = CliRunner().invoke(cli, ["export", "--format", fmt, "-o", str(out), "--db", db])
    assert result.exit_code == 0, result.output
    if fmt == "jsonl":
        articles = [Article.from_dict(json.loads(line)) for line in out.read_text().splitlines()]
        assert len(articles) == 2 and all(a.text for a in articles)
    elif fmt == "json":
        assert len(json.loads(out.read_text())["articles"]) == 2
    else:
        assert out.stat().st_size > 100
