"""Articles out as data: JSON, JSON Lines, CSV and Parquet; and the analyze command's JSON.

``json`` and ``jsonl`` hold each article whole (``Article.to_dict()``, readable back with
``Article.from_dict``). ``csv`` and ``parquet`` are flat tables for spreadsheets and dataframes:
one row an article, the columns of :data:`FLAT_COLUMNS`; Parquet adds a ``doc`` column holding
the whole article as JSON. Values are written as they are: CSV cells are not altered to defuse
spreadsheet formulas (that would change the data); open untrusted CSV with care.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import itertools
import json
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any, BinaryIO, TextIO, cast

import manysides
from manysides.errors import ConfigError
from manysides.model import (
    SCHEMA_VERSION,
    Article,
    Comparison,
    IngestFailure,
    saved_fields,
    to_dict,
)

__all__ = [
    "FLAT_COLUMNS",
    "FORMATS",
    "export_articles",
    "flat_row",
    "write_atomic",
    "write_json_report",
]

FLAT_COLUMNS = (
    "id",
    "title",
    "outlet",
    "authors",
    "published",
    "published_source",
    "url",
    "language",
    "source_kind",
    "source",
    "chars",
    "duplicate_of",
    "duplicate_kind",
    "text",
)

Output = str | os.PathLike[str] | IO[str] | IO[bytes]


def export_articles(articles: Iterable[Article], fmt: str, out: Output) -> int:
    """Write ``articles`` to ``out`` (a path or an open file) as ``fmt``; return how many.

    ``fmt`` is one of :data:`FORMATS`. Text formats accept text or binary files (UTF-8);
    Parquet needs a path or a binary file.
    """
    writer = _writer(fmt)
    if fmt.lower() == "parquet":
        with _binary(out) as stream:
            return writer(articles, stream)
    with _text(out, newline="" if fmt.lower() == "csv" else None) as stream:
        return writer(articles, stream)


def flat_row(article: Article) -> dict[str, Any]:
    """The flat columns of one article (None where a value is missing)."""
    duplicate = article.duplicate
    return {
        "id": article.id,
        "title": article.title,
        "outlet": article.outlet,
        "authors": "; ".join(article.authors),
        "published": article.published.isoformat() if article.published else None,
        "published_source": str(article.published_source),
        "url": article.url,
        "language": article.language,
        "source_kind": str(article.source_kind),
        "source": article.source,
        "chars": len(article.text),
        "duplicate_of": duplicate.of if duplicate else None,
        "duplicate_kind": duplicate.kind if duplicate else None,
        "text": article.text,
    }


def write_json_report(
    path: str | os.PathLike[str],
    articles: Iterable[Article],
    failures: Iterable[IngestFailure],
    extra: dict[str, Any] | None = None,
    *,
    generated_at: datetime | None = None,
    comparison: Comparison | None = None,
) -> Path:
    """Write the analyze command's ``--json`` document (see ``docs/schema/``) to ``path``.

    ``comparison`` (stories, verdicts, contradictions, briefs, timelines) goes under the
    ``"comparison"`` key, left out when the comparison did not run. The file reads exactly as
    ``json.dumps(document, ensure_ascii=False, indent=1)`` would, but is written one article
    at a time, so that a large run never holds its whole document in memory at once."""
    head: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "generated_at": (generated_at or datetime.now(UTC)).isoformat(),
        "manysides_version": manysides.__version__,
    }
    own = [*head, "articles", "failures", *(["comparison"] if comparison is not None else [])]
    clash = sorted(set(extra or {}) & set(own))
    if clash:
        raise ValueError(f"extra keys {clash} would overwrite the report's own keys")
    parts: list[tuple[str, Iterator[str]]] = [
        *((key, _chunks(value, 1)) for key, value in head.items()),
        ("articles", _list((article.to_dict() for article in articles), 1)),
        ("failures", _chunks(list(failures), 1)),
    ]
    if comparison is not None:  # its lists (stories, verdicts, ...) an item at a time
        parts.append(("comparison", _chunks(comparison, 1, opened=2)))
    parts.extend((str(key), _chunks(value, 1)) for key, value in to_dict(extra or {}).items())
    target = Path(path)
    write_atomic(target, itertools.chain(_members(parts, 0), ["\n"]))
    return target


def write_atomic(target: Path, chunks: Iterable[str]) -> None:
    """Write ``chunks`` to ``target`` as they come, atomically: a reader never sees half a
    file, and a failure half way (a value that cannot be written) leaves none behind."""
    temporary = target.with_name(f".{target.name}.tmp")
    try:
        with open(temporary, "w", encoding="utf-8") as stream:
            stream.writelines(chunks)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    os.replace(temporary, target)


# The analyze JSON is written piece by piece, reading exactly as ``json.dumps(document,
# ensure_ascii=False, indent=1)`` would: JSON strings escape their own line breaks, so every
# newline ``json.dumps`` writes is indentation, and a value written ``depth`` levels down is its
# own dump with each newline indented ``depth`` more spaces.


def _chunks(value: Any, depth: int, opened: int = 0) -> Iterator[str]:
    """``value`` (a model object or JSON-ready data) as JSON text ``depth`` levels down; the
    first ``opened`` levels of dataclasses, dicts and lists are written a member at a time."""
    if opened and isinstance(value, list | tuple):
        yield from _list(value, depth, opened - 1)
    elif opened and dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = saved_fields(value)
        yield from _members(((f.name, _chunks(getattr(value, f.name), depth + 1, opened - 1))
                             for f in fields), depth)
    elif opened and isinstance(value, dict):
        yield from _members(((str(k), _chunks(v, depth + 1, opened - 1))
                             for k, v in value.items()), depth)
    else:
        text = json.dumps(to_dict(value), ensure_ascii=False, indent=1)
        yield text.replace("\n", "\n" + " " * depth) if depth else text


def _list(values: Iterable[Any], depth: int, opened: int = 0) -> Iterator[str]:
    empty = True
    for value in values:
        yield ("[" if empty else ",") + "\n" + " " * (depth + 1)
        yield from _chunks(value, depth + 1, opened)
        empty = False
    yield "[]" if empty else "\n" + " " * depth + "]"


def _members(members: Iterable[tuple[str, Iterator[str]]], depth: int) -> Iterator[str]:
    empty = True
    for key, chunks in members:
        yield ("{" if empty else ",") + "\n" + " " * (depth + 1)
        yield json.dumps(key, ensure_ascii=False) + ": "
        yield from chunks
        empty = False
    yield "{}" if empty else "\n" + " " * depth + "}"


def _write_json(articles: Iterable[Article], stream: TextIO) -> int:
    docs = [article.to_dict() for article in articles]
    json.dump({"schema_version": SCHEMA_VERSION, "articles": docs}, stream, ensure_ascii=False)
    stream.write("\n")
    return len(docs)


def _write_jsonl(articles: Iterable[Article], stream: TextIO) -> int:
    n = 0
    for article in articles:
        stream.write(article.to_json() + "\n")
        n += 1
    return n


def _write_csv(articles: Iterable[Article], stream: TextIO) -> int:
    writer = csv.DictWriter(stream, fieldnames=FLAT_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    n = 0
    for article in articles:
        writer.writerow(flat_row(article))
        n += 1
    return n


def _write_parquet(articles: Iterable[Article], stream: IO[bytes]) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [{**flat_row(a), "doc": a.to_json()} for a in articles]
    fields = [
        pa.field(name, pa.int64() if name == "chars" else pa.string()) for name in FLAT_COLUMNS
    ]
    schema = pa.schema(
        [*fields, pa.field("doc", pa.string())],
        metadata={
            "manysides_schema_version": SCHEMA_VERSION,
            "manysides_version": manysides.__version__,
        },
    )
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), stream)
    return len(rows)


FORMATS: dict[str, Callable[[Iterable[Article], Any], int]] = {
    "json": _write_json,
    "jsonl": _write_jsonl,
    "csv": _write_csv,
    "parquet": _write_parquet,
}


def _writer(fmt: str) -> Callable[[Iterable[Article], Any], int]:
    try:
        return FORMATS[fmt.lower()]
    except (KeyError, AttributeError):
        raise ConfigError(
            f"unknown export format {fmt!r}; valid formats: {', '.join(FORMATS)}"
        ) from None


@contextmanager
def _text(out: Output, newline: str | None) -> Iterator[TextIO]:
    if isinstance(out, str | os.PathLike):
        with open(out, "w", encoding="utf-8", newline=newline) as stream:
            yield stream
    elif _is_binary(out):
        wrapper = io.TextIOWrapper(cast(BinaryIO, out), encoding="utf-8", newline=newline)
        try:
            yield wrapper
        finally:
            wrapper.flush()
            wrapper.detach()  # leave the caller's stream open
    else:
        yield out  # type: ignore[misc]


@contextmanager
def _binary(out: Output) -> Iterator[IO[bytes]]:
    if isinstance(out, str | os.PathLike):
        with open(out, "wb") as stream:
            yield stream
    elif _is_binary(out):
        yield out  # type: ignore[misc]
    else:
        raise ConfigError("parquet is binary: pass a path or a file opened in binary mode ('wb')")


def _is_binary(out: IO[Any]) -> bool:
    if isinstance(out, io.TextIOBase):
        return False
    return isinstance(out, io.RawIOBase | io.BufferedIOBase) or "b" in getattr(out, "mode", "")
