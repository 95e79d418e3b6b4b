"""End to end: `manysides analyze` and `manysides demo` as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

import lxml.html
import pytest
from click.testing import CliRunner

from manysides.cli import cli
from manysides.store import Store

pytestmark = pytest.mark.slow


def _analyze(tmp_path: Path, *sources: str) -> tuple[int, str, dict]:
    out, js, db = tmp_path / "r.html", tmp_path / "r.json", tmp_path / "m.db"
    result = CliRunner().invoke(
        cli, ["analyze", *sources, "--out", str(out), "--json", str(js), "--db", str(db)]
    )
    data = json.loads(js.read_text()) if js.exists() else {}
    return result.exit_code, result.output, data


def test_analyze_seeds_splits_001_invents_nothing_and_is_idempotent(
    tmp_path: Path, seeds: Path
) -> None:
    code, output, data = _analyze(tmp_path, str(seeds))
    assert code == 0, output
    articles = data["articles"]
    assert len(articles) == 5
    by_source = sorted(Path(a["source"]).name for a in articles)
    assert sum(name.startswith("001_") for name in by_source) == 2
    assert all(a["outlet"] is None and a["published"] is None for a in articles)
    assert all(a["published_source"] == "unknown" for a in articles)
    titled = [a for a in articles if a["title"]]
    assert len(titled) == 2 and all(a["authors"] for a in titled)
    assert all(a["title"] is None for a in articles if Path(a["source"]).name.startswith("000_"))
    assert sum(len(a["events"]) for a in articles) > 20
    code, output, again = _analyze(tmp_path, str(seeds))
    assert code == 0 and "0 new, 5 already stored" in output
    assert sorted(a["id"] for a in again["articles"]) == sorted(a["id"] for a in articles)
    with Store.open(tmp_path / "m.db") as store:
        assert store.count() == 5


def test_analyze_reports_a_broken_file_and_keeps_the_rest(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(
        "Harbour Talks Resume\n\nBy Ana Ruiz\n\nNegotiators for the port union met city officials "
        "on Monday and agreed to resume talks, officials said.\n"
    )
    (folder / "bad.txt").write_bytes(bytes(range(256)) * 8)
    (folder / "evil.md").write_text(
        "# <script>alert(1)</script> Council vote\n\nThe council voted <img src=x "
        "onerror=alert(2)> to cut the harbour budget by 12 percent on Tuesday.\n"
    )
    code, output, data = _analyze(tmp_path, str(folder))
    assert code == 1
    assert "bad.txt" in output
    assert [Path(f["source"]).name for f in data["failures"]] == ["bad.txt"]
    assert sorted(a["title"] for a in data["articles"]) == [
        "<script>alert(1)</script> Council vote", "Harbour Talks Resume"]
    html = (tmp_path / "r.html").read_text()
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)" in html
    assert "<img src=x" not in html


def test_demo_writes_report_and_json(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["demo"])
    assert result.exit_code == 0, result.output
    data = json.loads((tmp_path / "manysides-report.json").read_text())
    outlets = {a["outlet"] for a in data["articles"]}
    assert len(data["articles"]) == 6 and None in outlets and "Civic Wire" in outlets
    assert "manysides-report.html" in result.output
    page = (tmp_path / "manysides-report.html").read_text("utf-8")
    assert len(page) > 10_000
    ids = lxml.html.fromstring(page).xpath("//@id")  # every in-page link has one target
    assert ids and len(ids) == len(set(ids)), sorted(i for i in set(ids) if ids.count(i) > 1)


def test_analyze_unknown_stage_fails_before_storing_anything(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Harbour talks resumed on Monday, the union said.\n")
    db = tmp_path / "m.db"
    result = CliRunner().invoke(cli, ["analyze", str(folder), "--stage", "no.such.stage",
                                      "--out", str(tmp_path / "r.html"), "--db", str(db)])
    assert result.exit_code == 1
    assert "no stage named 'no.such.stage'; available stages:" in result.output
    assert not db.exists() and not (tmp_path / "r.html").exists()


def test_analyze_compares_the_outlets_and_leaves_duplicates_out(tmp_path: Path) -> None:
    from manysides.analyze import analyze

    folder = tmp_path / "in"
    folder.mkdir()
    lead = ("Dockworkers at Port Abelin went on strike on Monday, closing the container "
            "terminal, the union said.")
    (folder / "a.txt").write_text(f"Dockers strike\n\n{lead} Ships waited at anchor.\n")
    (folder / "b.txt").write_text(f"Port shut\n\n{lead} Lorries queued on the coast road.\n")
    (folder / "c.txt").write_text(f"Dockers strike\n\n{lead} Ships waited at anchor.\n")
    result = analyze([folder], db=tmp_path / "m.db", json_out=tmp_path / "r.json",
                     out=tmp_path / "r.html")
    assert result.comparison is not None
    kept = [a.id for a in result.articles if a.duplicate is None]
    assert len(kept) == 2 and result.comparison.skipped == [
        a.id for a in result.articles if a.duplicate is not None]
    assert sorted(i for s in result.comparison.stories for i in s.articles) == sorted(kept)
    data = json.loads((tmp_path / "r.json").read_text())
    assert [s["articles"] for s in data["comparison"]["stories"]] == [
        s.articles for s in result.comparison.stories]
    again = analyze([folder], db=tmp_path / "m.db", json_out=tmp_path / "r2.json", compare=False)
    assert again.comparison is None
    assert "comparison" not in json.loads((tmp_path / "r2.json").read_text())
