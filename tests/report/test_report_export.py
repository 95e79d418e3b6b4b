"""Exports: json/jsonl round-trip to identical Articles; csv/parquet hold the flat columns."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from report_samples import plain_article, rich_article

import manysides
from manysides.errors import ConfigError
from manysides.model import (
    SCHEMA_VERSION,
    Article,
    Brief,
    BriefSentence,
    Citation,
    Comparison,
    IngestFailure,
    Span,
    Story,
    StoryEvent,
    to_dict,
)
from manysides.report.export import FLAT_COLUMNS, export_articles, write_json_report


@pytest.fixture
def articles() -> list[Article]:
    return [rich_article(), plain_article()]


def test_export_json_round_trip(articles: list[Article], tmp_path: Path) -> None:
    assert export_articles(articles, "json", tmp_path / "a.json") == 2
    document = json.loads((tmp_path / "a.json").read_text("utf-8"))
    assert set(document) == {"schema_version", "articles"}
    assert document["schema_version"] == SCHEMA_VERSION
    assert [Article.from_dict(d) for d in document["articles"]] == articles


def test_export_jsonl_round_trip(articles: list[Article]) -> None:
    out = io.StringIO()
    assert export_articles(iter(articles), "jsonl", out) == 2
    lines = out.getvalue().splitlines()
    assert len(lines) == 2
    assert [Article.from_json(line) for line in lines] == articles
    assert "Ñúñez" in lines[0]  # UTF-8, not \u escapes


def test_export_jsonl_to_binary_stream_leaves_it_open(articles: list[Article]) -> None:
    out = io.BytesIO()
    export_articles(articles, "JSONL", out)
    assert not out.closed
    assert [
        Article.from_json(line) for line in out.getvalue().decode("utf-8").splitlines()
    ] == articles


def test_export_csv_flat_columns(articles: list[Article], tmp_path: Path) -> None:
    export_articles(articles, "csv", tmp_path / "a.csv")
    with open(tmp_path / "a.csv", encoding="utf-8", newline="") as stream:
        reader = csv.DictReader(stream)
        rows = list(reader)
    assert tuple(reader.fieldnames or ()) == FLAT_COLUMNS
    rich, plain = rows
    assert rich == {
        "id": "0123456789abcdef",
        "title": 'Tear gas, "order" and a, b; c',
        "outlet": "Civic Wire",
        "authors": "Lena Orsk; Ana Ñúñez",
        "published": "2025-09-10T07:40:00+01:00",
        "published_source": "metadata",
        "url": "https://civic-wire.example/a",
        "language": "en",
        "source_kind": "html",
        "source": "examples/corpus/civic-wire.html",
        "chars": str(len(articles[0].text)),
        "duplicate_of": "fedcba9876543210",
        "duplicate_kind": "near",
        "text": articles[0].text,
    }
    assert (plain["title"], plain["outlet"], plain["authors"], plain["duplicate_of"]) == (
        "",
        "",
        "",
        "",
    )
    assert (plain["published"], plain["published_source"]) == ("2025-09-13T00:00:00", "text")


def test_export_csv_to_binary_stream(articles: list[Article]) -> None:
    out = io.BytesIO()
    export_articles(articles, "csv", out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue().decode("utf-8"), newline="")))
    assert [r["text"] for r in rows] == [a.text for a in articles]


def test_export_parquet_columns_and_doc(articles: list[Article], tmp_path: Path) -> None:
    export_articles(articles, "parquet", tmp_path / "a.parquet")
    table = pq.read_table(tmp_path / "a.parquet")
    assert table.column_names == [*FLAT_COLUMNS, "doc"]
    assert str(table.schema.field("chars").type) == "int64"
    rows = table.to_pylist()
    assert [Article.from_json(r["doc"]) for r in rows] == articles
    assert rows[0]["authors"] == "Lena Orsk; Ana Ñúñez"
    assert rows[0]["chars"] == len(articles[0].text)
    assert rows[1]["outlet"] is None and rows[1]["duplicate_of"] is None
    assert table.schema.metadata[b"manysides_schema_version"] == SCHEMA_VERSION.encode()


def test_export_parquet_to_binary_stream(articles: list[Article]) -> None:
    out = io.BytesIO()
    assert export_articles(articles, "parquet", out) == 2
    out.seek(0)
    assert pq.read_table(out).column("id").to_pylist() == [a.id for a in articles]


def test_export_parquet_refuses_text_stream(articles: list[Article]) -> None:
    with pytest.raises(ConfigError, match="binary"):
        export_articles(articles, "parquet", io.StringIO())


def test_export_unknown_format_lists_valid_ones(articles: list[Article], tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        export_articles(articles, "xlsx", tmp_path / "a.xlsx")
    assert "'xlsx'" in str(caught.value)
    assert "json, jsonl, csv, parquet" in str(caught.value)
    assert not (tmp_path / "a.xlsx").exists()  # nothing written before the check


def test_export_empty_corpus(tmp_path: Path) -> None:
    assert export_articles([], "jsonl", tmp_path / "e.jsonl") == 0
    assert (tmp_path / "e.jsonl").read_text() == ""
    assert export_articles([], "csv", tmp_path / "e.csv") == 0
    assert (tmp_path / "e.csv").read_text().strip() == ",".join(FLAT_COLUMNS)


def test_write_json_report_document(articles: list[Article], tmp_path: Path) -> None:
    when = datetime(2025, 9, 14, 10, 30, tzinfo=UTC)
    failures = [IngestFailure("scan.pdf", "no reader for .pdf files")]
    path = write_json_report(
        tmp_path / "r.json", articles, failures, extra={"stages": ["ingest"]}, generated_at=when
    )
    document = json.loads(path.read_text("utf-8"))
    assert list(document) == [
        "schema_version",
        "generated_at",
        "manysides_version",
        "articles",
        "failures",
        "stages",
    ]
    assert document["generated_at"] == "2025-09-14T10:30:00+00:00"
    assert document["manysides_version"] == manysides.__version__
    assert [Article.from_dict(a) for a in document["articles"]] == articles
    assert document["failures"] == [{"source": "scan.pdf", "reason": "no reader for .pdf files"}]
    assert document["stages"] == ["ingest"]


def test_write_json_report_refuses_clashing_extra(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="articles"):
        write_json_report(tmp_path / "r.json", [], [], extra={"articles": []})
    assert not (tmp_path / "r.json").exists()


def _comparison(articles: list[Article]) -> Comparison:
    first = articles[0]
    cite = Citation(article=first.id, span=Span(0, 4), text=first.text[:4])
    return Comparison(
        stories=[Story(id="s1", articles=[a.id for a in articles], label="line\nbreak "
                       "\u2028 «quoted»", events=[StoryEvent(id="s1-e1", type="ASSAULT",
                                                              mentions=[(first.id, 0)])]),
                 Story(id="s2")],
        briefs=[Brief(story="s1", sentences=[BriefSentence(text="Both say so.", kind="agreed",
                                                           outlets=["A", "B"],
                                                           citations=[cite])]),
                Brief(story="s2")],
        outlets={"A": [first.id], "B": []},
        settings={"story_threshold": 0.43, "align_threshold": 1e-7, "nested": {"x": [1.5]}},
    )


@pytest.mark.parametrize("with_articles", [True, False])
@pytest.mark.parametrize("with_comparison", [True, False])
@pytest.mark.parametrize("extra", [None, {}, {"stages": ["a", "b"], "run": {"n": 2, "k": {}}}])
def test_write_json_report_reads_as_one_dump(articles: list[Article], tmp_path: Path,
                                             with_articles: bool, with_comparison: bool,
                                             extra: dict[str, Any] | None) -> None:
    """Written an article at a time, the file is still exactly the one-piece dump."""
    when = datetime(2025, 9, 14, 10, 30, tzinfo=UTC)
    chosen = articles if with_articles else []
    comparison = _comparison(articles) if with_comparison else None
    failures = [IngestFailure("scan.pdf", "no reader\nfor .pdf files")]
    path = write_json_report(tmp_path / "r.json", iter(chosen), failures, extra=extra,
                             generated_at=when, comparison=comparison)
    document: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "generated_at": when.isoformat(),
        "manysides_version": manysides.__version__,
        "articles": [a.to_dict() for a in chosen],
        "failures": [to_dict(f) for f in failures],
    }
    if comparison is not None:
        document["comparison"] = to_dict(comparison)
    document.update(extra or {})
    assert path.read_text("utf-8") == json.dumps(document, ensure_ascii=False, indent=1) + "\n"


def test_write_json_report_leaves_no_half_file(articles: list[Article], tmp_path: Path) -> None:
    def failing() -> Iterator[Article]:
        yield articles[0]
        raise RuntimeError("stage results cannot be read")

    with pytest.raises(RuntimeError):
        write_json_report(tmp_path / "r.json", failing(), [])
    assert list(tmp_path.iterdir()) == []
