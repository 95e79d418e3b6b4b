"""Walking paths, folders and globs; refusing binary, oversized and unsupported files."""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest

from manysides.ingest import ingest

ARTICLE = "Officials said the harbour reopened on Tuesday after a week of repairs.\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01" + bytes(range(40))


def _names(result) -> list[str]:
    return sorted(Path(a.source).name for a in result.articles)


def test_files_folder_walk_is_recursive_and_skips_non_articles(write, tmp_path: Path) -> None:
    write("news/a.txt", ARTICLE)
    write("news/deeper/b.md", "# A Title\n\n" + ARTICLE.replace("Tuesday", "Monday"))
    write("news/.hidden.txt", ARTICLE)
    write("news/.git/c.txt", ARTICLE)
    write("news/photo.png", PNG)
    write("news/style.css", "body { color: red }")
    write("news/a.txt.meta.json", '{"outlet": "Example Times"}')
    result = ingest([tmp_path / "news"])
    assert _names(result) == ["a.txt", "b.md"]
    assert result.failures == []
    assert result.articles[0].outlet == "Example Times"


def test_files_unsupported_file_in_folder_is_reported(write, tmp_path: Path) -> None:
    write("news/a.txt", ARTICLE)
    write("news/report.pdf", b"%PDF-1.7 binary")
    result = ingest([tmp_path / "news"])
    assert _names(result) == ["a.txt"]
    (failure,) = result.failures
    assert failure.source.endswith("report.pdf")
    assert failure.reason.startswith("unsupported file type .pdf; supported: ")
    assert ".txt" in failure.reason and ".html" in failure.reason


def test_files_explicit_unsupported_extension(write) -> None:
    path = write("notes.xyz", ARTICLE)
    result = ingest([path])
    assert result.articles == []
    assert result.failures[0].source == str(path)
    assert result.failures[0].reason.startswith("unsupported file type .xyz; supported: .atom")


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ("news/**/*.txt", ["a.txt", "c.txt"]),
        ("news/*.txt", ["a.txt"]),
        ("news/**/*.md", ["b.md"]),
    ],
)
def test_files_glob_patterns(write, tmp_path: Path, monkeypatch, pattern, expected) -> None:
    write("news/a.txt", ARTICLE)
    write("news/sub/b.md", ARTICLE.replace("Tuesday", "Monday"))
    write("news/sub/c.txt", ARTICLE.replace("Tuesday", "Friday"))
    monkeypatch.chdir(tmp_path)
    assert _names(ingest([pattern])) == expected


def test_files_glob_option_narrows_folder_walks(write, tmp_path: Path) -> None:
    write("news/a.txt", ARTICLE)
    write("news/sub/b.md", ARTICLE.replace("Tuesday", "Monday"))
    assert _names(ingest([tmp_path / "news"], glob="*.md")) == ["b.md"]
    assert _names(ingest([tmp_path / "news"], glob="**/*.txt")) == ["a.txt"]


@pytest.mark.parametrize(
    ("source", "reason"),
    [
        ("missing.txt", "no such file or folder"),
        ("nothing/**/*.txt", "no files match this pattern"),
    ],
)
def test_files_missing_inputs_are_failures(tmp_path: Path, monkeypatch, source, reason) -> None:
    monkeypatch.chdir(tmp_path)
    result = ingest([source])
    assert [(f.source, f.reason) for f in result.failures] == [(source, reason)]


def test_files_same_file_read_once_per_batch(write, tmp_path: Path) -> None:
    path = write("news/a.txt", ARTICLE)
    assert len(ingest([path, tmp_path / "news", str(path)]).articles) == 1


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (PNG, "its bytes look like a PNG image"),
        (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj", "its bytes look like a PDF document"),
        (b"PK\x03\x04\x14\x00\x00\x00", "its bytes look like a ZIP archive"),
        (b"text with a \x00 NUL byte in it", "contains NUL bytes"),
        (random.Random(7).randbytes(4000).replace(b"\x00", b"\x01"), "not a text file"),
        (b"\x01\x02\x03\x04\x05\x06\x07\x08abc\x0e\x0f\x10\x11\x12\x13\x14", "control"),
        (b"", "the file is empty"),
        (b"12345 67 -- 890\n", "no article text found"),
    ],
)
def test_files_garbage_is_reported_and_batch_goes_on(write, content: bytes, reason: str) -> None:
    good = write("good.txt", ARTICLE)
    bad = write("bad.txt", content)
    result = ingest([bad, good])
    assert [a.source for a in result.articles] == [str(good)]
    (failure,) = result.failures
    assert failure.source == str(bad)
    assert reason in failure.reason
    assert "bug" not in failure.reason


def test_files_size_cap(write, config) -> None:
    config["ingest"]["max_file_bytes"] = 100
    path = write("big.txt", ARTICLE * 5)
    (failure,) = ingest([path], config=config).failures
    assert failure.reason == "file is 360 bytes, over the 100 bytes limit ([ingest] max_file_bytes)"


@pytest.mark.parametrize(
    ("encoding", "text"),
    [
        ("utf-8-sig", "Café crème, naïve résumé: the harbour reopened on Tuesday."),
        ("utf-16", "Café crème, naïve résumé: the harbour reopened on Tuesday."),
        ("cp1252", "Les élèves ont déjà quitté l’école à cause de la tempête et des dégâts."),
        ("cp1251", "Порт снова открылся во вторник после недели ремонтных работ в гавани."),
    ],
)
def test_files_encodings_decoded(write, encoding: str, text: str) -> None:
    path = write("a.txt", text.encode(encoding))
    (article,) = ingest([path]).articles
    assert article.text == text


def test_files_crlf_line_ends_normalised(write) -> None:
    path = write("a.txt", b"A Good Title\r\n\r\nBy Jane Roe\r\n\r\nFirst line.\r\nSecond line.")
    (article,) = ingest([path]).articles
    assert (article.title, article.text) == ("A Good Title", "First line.\nSecond line.")


def test_files_unreadable_file_is_a_failure(write) -> None:
    if os.geteuid() == 0:
        pytest.skip("root can read any file")
    path = write("locked.txt", ARTICLE)
    path.chmod(0)
    try:
        (failure,) = ingest([path]).failures
    finally:
        path.chmod(0o644)
    assert failure.reason.startswith("cannot read the file: Permission denied")
