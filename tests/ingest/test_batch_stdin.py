"""Standard input ("-") is sniffed as HTML, a feed, JSON, JSON Lines, Markdown or plain text."""

from __future__ import annotations

import io
import json

import pytest

from manysides.ingest import ingest
from manysides.ingest.batch import STDIN
from manysides.model import SourceKind

TEXT = "The harbour reopened on Tuesday after a week of repairs, officials said."
HTML = (
    "<!doctype html><html><head><title>Harbour</title></head><body><article><h1>Harbour Reopens"
    f"</h1><p>{TEXT}</p><p>Ferry operators said the first crossings were full.</p></article>"
    "</body></html>"
)
RSS = (
    "<?xml version='1.0'?><rss version='2.0'><channel><title>Port Feed</title>"
    f"<item><title>Harbour Reopens</title><description>{TEXT}</description></item>"
    "</channel></rss>"
)


@pytest.mark.parametrize(
    ("content", "title", "count"),
    [
        ("Harbour Reopens\n\nBy Jane Roe\n\n" + TEXT, "Harbour Reopens", 1),
        ("# Harbour reopens\n\n" + TEXT, "Harbour reopens", 1),
        ("\n  " + HTML, "Harbour Reopens", 1),
        (RSS, "Harbour Reopens", 1),
        (json.dumps({"title": "Harbour Reopens", "text": TEXT}, indent=2), "Harbour Reopens", 1),
        (json.dumps({"title": "Harbour Reopens", "text": TEXT}) + "\n"
         + json.dumps({"title": "Two", "text": TEXT + " More."}), "Harbour Reopens", 2),
    ],
    ids=["text", "markdown", "html", "feed", "json", "jsonl"],
)
def test_stdin_sniffed(content: str, title: str, count: int) -> None:
    result = ingest(["-"], stdin=io.StringIO(content))
    assert result.failures == []
    assert len(result.articles) == count
    first = result.articles[0]
    assert first.title == title
    assert TEXT in first.text
    assert first.source_kind is SourceKind.STDIN
    assert first.source == (STDIN if count == 1 else f"{STDIN}#1")


@pytest.mark.parametrize(
    ("content", "reason"),
    [("  \n", "standard input is empty"), ("{not json\n", "not valid JSON")],
)
def test_stdin_failures(content: str, reason: str) -> None:
    result = ingest(["-"], stdin=io.StringIO(content))
    assert result.articles == []
    assert result.failures[0].source.startswith(STDIN)
    assert reason in result.failures[0].reason


@pytest.mark.parametrize(
    ("data", "text", "reason"),
    [
        ("Les élèves ont quitté l’école à cause de la tempête.".encode("cp1252"),
         "Les élèves ont quitté l’école à cause de la tempête.", None),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", None, "its bytes look like a PNG image"),
    ],
)
def test_stdin_bytes_decoded_or_refused(data: bytes, text: str | None, reason: str | None) -> None:
    stream = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8")
    result = ingest(["-"], stdin=stream)
    if text is not None:
        assert [a.text for a in result.articles] == [text]
    else:
        assert result.articles == []
        assert reason is not None and reason in result.failures[0].reason


def test_batch_mixes_inputs_and_goes_on_after_failures(write, tmp_path) -> None:
    good = write("a.txt", TEXT)
    result = ingest(
        [tmp_path / "missing.txt", good, "-", "ftp://example.org/x"],
        stdin=io.StringIO(TEXT + " Again."),
    )
    assert [a.source for a in result.articles] == [str(good), STDIN]
    assert [(f.source, f.reason) for f in result.failures] == [
        (str(tmp_path / "missing.txt"), "no such file or folder"),
        ("ftp://example.org/x",
         "unsupported URL scheme 'ftp'; manysides fetches http and https URLs"),
    ]
