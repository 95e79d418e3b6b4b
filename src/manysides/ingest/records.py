"""Articles as records: ``.json`` (an object or a list of them), ``.jsonl`` and ``.csv``/``.tsv``.

Field names (case-insensitive; when several names of one field are present, the first listed
wins, even when its value is null):

==============  ==========================================  =================================
field           aliases                                     value
==============  ==========================================  =================================
text            body, content                               required; the article body
title           headline                                    string
description     subtitle, summary, standfirst               string
url             link                                        string
outlet          source, site, publisher                     string, or an object with "name"
authors         author                                      list, or a string joined by ";"
                                                            (else by "," / "and" / "&")
published       date, datetime, pubdate                     ISO 8601, or any full date
                                                            dateparser reads; a number is a
                                                            Unix timestamp
language        lang                                        string (ISO 639-1 code)
id              -                                           ignored: ids are content hashes
==============  ==========================================  =================================

Other fields are ignored. A JSON object that has no text but a list of objects under
``articles``, ``items``, ``records``, ``data``, ``results`` or ``entries`` (as news APIs return)
is read as that list. One bad record is its own failure (``file.jsonl:17``, ``file.csv:5``,
``file.json#3``) and the others still ingest. A record's date is its own metadata
(:attr:`DateSource.METADATA`); the ``outlet``/``published`` arguments fill in missing ones.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from manysides.errors import IngestError
from manysides.ingest.base import Context, Outcome, build_article
from manysides.ingest.dates import parse_date
from manysides.ingest.filemeta import FIELD_ALIASES, canonical_field, split_authors

__all__ = [
    "RecordError",
    "parse_published",
    "read_csv",
    "read_json",
    "read_jsonl",
    "read_tsv",
    "record_article",
]

_LIST_KEYS = ("articles", "items", "records", "data", "results", "entries")


class RecordError(ValueError):
    """One record that cannot become an article (the message is the reason)."""


def read_json(text: str, ctx: Context) -> list[Outcome]:
    """The articles of a JSON file holding one article object or a list of them."""
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise IngestError(ctx.source, f"not valid JSON: {exc}") from None
    items = _unwrap(data)
    if items is None:
        return [_one(data, ctx, "")]
    if not items:
        raise IngestError(ctx.source, "the JSON list holds no articles")
    many = len(items) > 1
    return [_one(item, ctx, f"#{n}" if many else "") for n, item in enumerate(items, start=1)]


def read_jsonl(text: str, ctx: Context) -> list[Outcome]:
    """The articles of a JSON Lines file: one object per line; blank lines are skipped."""
    outcomes: list[Outcome] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            outcomes.append(record_article(json.loads(line), ctx))
        except ValueError as exc:  # json.JSONDecodeError and RecordError
            outcomes.append(ctx.failure(_reason(exc), where=f":{number}"))
    if not outcomes:
        raise IngestError(ctx.source, "the file holds no JSON lines")
    return outcomes


def read_csv(text: str, ctx: Context) -> list[Outcome]:
    """The articles of a CSV file with a header row."""
    return _read_table(text, ctx, delimiter=",")


def read_tsv(text: str, ctx: Context) -> list[Outcome]:
    """The articles of a tab-separated file with a header row."""
    return _read_table(text, ctx, delimiter="\t")


def record_article(record: object, ctx: Context) -> Outcome:
    """An article from one record (see the field table above); :class:`RecordError` if bad."""
    if not isinstance(record, dict):
        raise RecordError(f"expected a JSON object, got {_type_name(record)}")
    values = _canonical(record)
    text = values.get("text")
    if not isinstance(text, str) or not text.strip():
        found = ", ".join(sorted(map(str, record))) or "none"
        raise RecordError(
            f"no article text: expected a non-empty field {_names('text')}; fields: {found}"
        )
    return build_article(
        text.strip(),
        ctx,
        title=_string(values, "title"),
        description=_string(values, "description"),
        url=_string(values, "url"),
        outlet=_outlet(values.get("outlet")),
        authors=split_authors(values.get("authors")),
        published=parse_published(values.get("published")),
        language=_string(values, "language"),
    )


def _read_table(text: str, ctx: Context, *, delimiter: str) -> list[Outcome]:
    _allow_long_fields(ctx)
    reader = csv.DictReader(text.splitlines(keepends=True), delimiter=delimiter)
    columns = [c for c in reader.fieldnames or [] if c]
    if not any(canonical_field(c) == "text" for c in columns):
        raise IngestError(
            ctx.source,
            f"no text column: expected one of {_names('text')}; "
            f"columns: {', '.join(columns) or 'none'}",
        )
    outcomes: list[Outcome] = []
    try:
        for row in _rows(reader):
            try:
                outcomes.append(record_article(row, ctx))
            except RecordError as exc:
                outcomes.append(ctx.failure(str(exc), where=f":{reader.line_num}"))
    except csv.Error as exc:
        outcomes.append(ctx.failure(f"bad CSV: {exc}", where=f":{reader.line_num}"))
    if not outcomes:
        raise IngestError(ctx.source, "the file has a header row but no records")
    return outcomes


def _rows(reader: csv.DictReader[str]) -> Iterator[dict[str, Any]]:
    for row in reader:
        cleaned = {k: v for k, v in row.items() if isinstance(k, str) and k}
        if any(isinstance(v, str) and v.strip() for v in cleaned.values()):
            yield cleaned


def _one(item: object, ctx: Context, where: str) -> Outcome:
    try:
        return record_article(item, ctx)
    except RecordError as exc:
        if not where:
            raise IngestError(ctx.source, str(exc)) from None
        return ctx.failure(str(exc), where=where)


def _unwrap(data: object) -> list[Any] | None:
    """The list of records ``data`` holds, or ``None`` when it is a single record."""
    if isinstance(data, list):
        return data
    if isinstance(data, dict) and _has_field(data, "text"):
        return None
    if isinstance(data, dict):
        for key in _LIST_KEYS:
            value = data.get(key)
            if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
                return value
    return None


def _has_field(record: dict[str, Any], name: str) -> bool:
    return any(canonical_field(str(key)) == name for key in record)


def _canonical(record: dict[str, Any]) -> dict[str, Any]:
    """The record's values by field name; of several aliases present, the first listed wins."""
    by_key = {str(key).strip().lower(): value for key, value in record.items()}
    values: dict[str, Any] = {}
    for name, aliases in FIELD_ALIASES.items():
        present = [alias for alias in aliases if alias in by_key]
        if present:
            values[name] = by_key[present[0]]
    return values


def _string(values: dict[str, Any], name: str) -> str | None:
    value = values.get(name)
    if value is None or isinstance(value, dict | list):
        return None
    return str(value)


def _outlet(value: object) -> str | None:
    if isinstance(value, dict):
        value = value.get("name")
    return str(value) if isinstance(value, str | int | float) and str(value).strip() else None


def parse_published(value: object) -> datetime | None:
    """The date a record's ``published`` value gives (see the table above); ``None`` when it is
    empty, :class:`RecordError` when it holds no full date."""
    if value in (None, ""):
        return None
    found = parse_date(value)
    if found is None:
        raise RecordError(
            f"cannot read the date {value!r} in field {_names('published')} "
            "(give a full date, e.g. 2024-04-14)"
        )
    return found


def _allow_long_fields(ctx: Context) -> None:
    """Let one CSV field be as long as a whole file may be (the csv default is 128 KiB)."""
    limit = int(ctx.config["ingest"]["max_file_bytes"])
    if csv.field_size_limit() < limit:
        csv.field_size_limit(limit)


def _names(field: str) -> str:
    return "/".join(FIELD_ALIASES[field])


def _type_name(value: object) -> str:
    names = {dict: "an object", list: "a list", str: "a string", bool: "a boolean"}
    if value is None:
        return "null"
    return names.get(type(value), "a number")


def _reason(exc: Exception) -> str:
    if isinstance(exc, json.JSONDecodeError):
        return f"not valid JSON: {exc}"
    return str(exc)

