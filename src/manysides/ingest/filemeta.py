"""Metadata written beside or atop a file: sidecar files and Markdown front matter.

A **sidecar** is ``<file>.meta.json`` or ``<file>.meta.toml`` (``a.txt.meta.json``), or the same
with the file's extension replaced (``a.meta.json``). It holds what the user knows about the file::

    outlet = "The Example Times"
    url = "https://example.org/2024/04/14/drones"
    published = 2024-04-14            # TOML date, or a string: ISO or any full date
    title = "Drones Over the City"
    authors = ["Jane Roe", "John Doe"]

A sidecar is the user's own word: it overrides what the file says, and its date counts as
:attr:`DateSource.USER`. An unknown key is an error (a typo must not be silently ignored).
**Front matter** (``---`` / ``key: value`` lines / ``---`` at the top of a Markdown file) is the
file's own metadata: it overrides what the text suggests, and unknown keys are ignored.

``outlet``, ``url``, ``published`` and ``language`` apply to every article a file holds; ``title``,
``description`` and ``authors`` only when it holds a single article.
"""

from __future__ import annotations

import json
import os
import re
import tomllib
from dataclasses import dataclass, field, fields
from datetime import datetime
from pathlib import Path
from typing import Any

from manysides.errors import IngestError
from manysides.ingest.base import Outcome
from manysides.ingest.dates import parse_date
from manysides.model import Article, DateSource

__all__ = [
    "FIELD_ALIASES",
    "FileMeta",
    "canonical_field",
    "front_matter",
    "read_sidecar",
    "split_authors",
]

#: Field names accepted in records, sidecars and front matter, with their aliases.
FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content"),
    "title": ("title", "headline"),
    "description": ("description", "subtitle", "summary", "standfirst"),
    "url": ("url", "link"),
    "outlet": ("outlet", "source", "site", "publisher"),
    "authors": ("authors", "author"),
    "published": ("published", "date", "datetime", "pubdate"),
    "language": ("language", "lang"),
    "id": ("id",),
}
_CANONICAL = {alias: name for name, aliases in FIELD_ALIASES.items() for alias in aliases}
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<body>.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_KEY_VALUE = re.compile(r"^(?P<key>[A-Za-z_][\w-]*)\s*:\s*(?P<value>.*)$")
_LIST_ITEM = re.compile(r"^\s*-\s+(?P<value>.+)$")


def canonical_field(key: str) -> str | None:
    """The field a record/sidecar key names (``"headline"`` -> ``"title"``), else ``None``."""
    return _CANONICAL.get(key.strip().lower())


@dataclass(slots=True)
class FileMeta:
    """Metadata about a whole file; ``None`` fields say nothing."""

    outlet: str | None = None
    url: str | None = None
    published: datetime | None = None
    language: str | None = None
    title: str | None = None
    description: str | None = None
    authors: list[str] = field(default_factory=list)
    date_source: DateSource = DateSource.METADATA

    def apply(self, outcomes: list[Outcome]) -> list[Outcome]:
        """Override the articles' fields with the ones this metadata gives."""
        articles = [o for o in outcomes if isinstance(o, Article)]
        for article in articles:
            article.outlet = self.outlet or article.outlet
            article.url = self.url or article.url
            article.language = self.language or article.language
            if self.published is not None:
                article.published, article.published_source = self.published, self.date_source
        if len(outcomes) == 1 and articles:
            only = articles[0]
            only.title = self.title or only.title
            only.description = self.description or only.description
            only.authors = self.authors or only.authors
        return outcomes


def read_sidecar(path: Path) -> FileMeta | None:
    """The sidecar of ``path``, if it has one (see the module docstring for names and keys)."""
    for sidecar in _sidecar_paths(path):
        if os.path.isfile(sidecar):
            return _parse_sidecar(Path(sidecar))
    return None


def front_matter(text: str, source: str) -> tuple[FileMeta, int]:
    """The front matter at the top of a Markdown ``text`` and the offset where the rest starts."""
    match = _FRONT_MATTER.match(text)
    if match is None:
        return FileMeta(), 0
    values: dict[str, Any] = {}
    key = ""
    for line in match["body"].splitlines():
        if (item := _LIST_ITEM.match(line)) and key:
            current = values.get(key)
            values[key] = [*(current if isinstance(current, list) else []), _unquote(item["value"])]
        elif pair := _KEY_VALUE.match(line):
            key = pair["key"]
            values[key] = _scalar_or_list(pair["value"].strip())
    return _file_meta(values, source, strict=False, date_source=DateSource.METADATA), match.end()


def _sidecar_paths(path: Path) -> list[str]:
    full = str(path)
    stem = os.path.splitext(full)[0]
    names = [f"{full}.meta.json", f"{full}.meta.toml"]
    if stem != full:
        names += [f"{stem}.meta.json", f"{stem}.meta.toml"]
    return names


def _parse_sidecar(sidecar: Path) -> FileMeta:
    try:
        raw = sidecar.read_text("utf-8")
        values = tomllib.loads(raw) if sidecar.suffix == ".toml" else json.loads(raw)
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise IngestError(str(sidecar), f"cannot read this sidecar file: {exc}") from None
    if not isinstance(values, dict):
        raise IngestError(str(sidecar), "a sidecar file must hold an object/table of fields")
    return _file_meta(values, str(sidecar), strict=True, date_source=DateSource.USER)


def _file_meta(
    values: dict[str, Any], source: str, *, strict: bool, date_source: DateSource
) -> FileMeta:
    meta = FileMeta(date_source=date_source)
    valid = {f.name for f in fields(FileMeta)} - {"date_source"}
    for key, value in values.items():
        name = canonical_field(key)
        if name not in valid:
            if strict:
                raise IngestError(
                    source, f"unknown key {key!r}; valid keys: {', '.join(sorted(valid))}"
                )
            continue
        if name == "authors":
            meta.authors = split_authors(value)
        elif name == "published":
            meta.published = _date(value, source)
        elif value not in (None, "", []):
            setattr(meta, name, " ".join(str(value).split()))
    return meta


def split_authors(value: object) -> list[str]:
    """Author names from a list, or from a string joined by ``;`` (else by ``,``/``and``/``&``)."""
    if isinstance(value, list | tuple):
        return [" ".join(str(v).split()) for v in value if str(v).strip()]
    if not isinstance(value, str):
        return [str(value)] if value is not None else []
    separator = r";" if ";" in value else r",|;|&|\band\b"
    return [" ".join(n.split()) for n in re.split(separator, value) if n.strip()]


def _date(value: object, source: str) -> datetime | None:
    if value in (None, ""):
        return None
    found = parse_date(value)
    if found is None:
        raise IngestError(
            source, f"cannot read the date {value!r} (give a full date, e.g. 2024-04-14)"
        )
    return found


def _scalar_or_list(value: str) -> str | list[str]:
    """A front-matter value: ``[a, "b"]`` and an empty value (a list follows) are lists."""
    if not value:
        return []
    if value.startswith("[") and value.endswith("]"):
        return [_unquote(item) for item in value[1:-1].split(",") if item.strip()]
    return _unquote(value)


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value
