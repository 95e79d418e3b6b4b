"""JSON Schema (draft 2020-12) of the analyze command's JSON output, derived from ``model.py``.

The schema is built by introspecting the dataclasses (``dataclasses.fields`` and
``typing.get_type_hints``), so it cannot drift from the code; ``docs/schema/manysides.schema.json``
is its committed copy, and a test checks that the two are equal. Field descriptions are the
trailing ``# comments`` in ``model.py``, class descriptions the first paragraph of the docstring.

Regenerate after changing the model::

    python -m manysides.report.schema docs/schema/manysides.schema.json
"""

from __future__ import annotations

import dataclasses
import inspect
import json
import re
import sys
import types
import typing
from datetime import date, datetime
from enum import Enum
from pathlib import Path
from typing import Any

from manysides import model

__all__ = ["json_schema", "schema_text", "write_schema"]

DIALECT = "https://json-schema.org/draft/2020-12/schema"
_FIELD_LINE = re.compile(r"^    (\w+):[^#]*?(?:\s#\s*(.+?))?\s*$")
_COMMENT_LINE = re.compile(r"^    #\s*(.+?)\s*$")


def json_schema() -> dict[str, Any]:
    """The schema of the ``analyze --json`` document, with ``$defs`` for every model class."""
    defs: dict[str, Any] = {}
    for name in model.__all__:
        value = getattr(model, name)
        if isinstance(value, type) and (dataclasses.is_dataclass(value) or issubclass(value, Enum)):
            _define(value, defs)
    return {
        "$schema": DIALECT,
        "title": "manysides analysis",
        "description": (
            "The JSON document written by `manysides analyze --json`: every article read, with "
            "what the stages found, and every input that could not be read. Extra top-level keys "
            "may be added by later stages."
        ),
        "type": "object",
        "properties": {
            "schema_version": _version_schema(),
            "generated_at": {"type": "string", "format": "date-time"},
            "manysides_version": {"type": "string"},
            "articles": {"type": "array", "items": {"$ref": "#/$defs/Article"}},
            "failures": {"type": "array", "items": {"$ref": "#/$defs/IngestFailure"}},
            "comparison": {
                "description": (
                    "The cross-outlet comparison of the articles (duplicates left out): "
                    "stories, verdicts, contradictions, briefs, timelines; absent (or null) "
                    "when it did not run."
                ),
                "anyOf": [{"$ref": "#/$defs/Comparison"}, {"type": "null"}],
            },
        },
        "required": ["schema_version", "generated_at", "manysides_version", "articles", "failures"],
        "additionalProperties": True,
        "$defs": dict(sorted(defs.items())),
    }


def schema_text() -> str:
    """The schema as the committed file holds it."""
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"


def write_schema(path: str | Path) -> Path:
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(schema_text(), encoding="utf-8")
    return target


def _version_schema() -> dict[str, Any]:
    major = model.SCHEMA_VERSION.split(".")[0]
    return {
        "type": "string",
        "pattern": rf"^{major}\.[0-9]+$",
        "description": f"Layout version; readers of {major}.x accept any {major}.y.",
    }


def _define(tp: type, defs: dict[str, Any]) -> dict[str, Any]:
    """Add ``tp`` (and what it refers to) to ``defs``; return a ``$ref`` to it."""
    ref = {"$ref": f"#/$defs/{tp.__name__}"}
    if tp.__name__ in defs:
        return ref
    defs[tp.__name__] = {}  # placeholder: stops recursion on self-reference
    if issubclass(tp, Enum):
        defs[tp.__name__] = {
            "description": _doc(tp),
            "type": "string",
            "enum": [member.value for member in tp],
        }
    else:
        defs[tp.__name__] = _object_schema(tp, defs)
    return ref


def _object_schema(tp: type, defs: dict[str, Any]) -> dict[str, Any]:
    hints = typing.get_type_hints(tp)
    comments = _field_comments(tp)
    properties: dict[str, Any] = {}
    required = []
    for field in model.saved_fields(tp):
        schema = _type_schema(hints[field.name], defs)
        if field.name in comments:
            schema = {"description": comments[field.name], **schema}
        default = _default(field)
        if default is dataclasses.MISSING:
            required.append(field.name)
        else:
            schema["default"] = default
        properties[field.name] = schema
    if tp is model.Article:  # Article.to_dict() stamps its layout version
        properties["schema_version"] = _version_schema()
    return {
        "description": _doc(tp),
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }


def _type_schema(tp: Any, defs: dict[str, Any]) -> dict[str, Any]:
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin in (typing.Union, types.UnionType):
        return _union_schema(args, defs)
    if origin is list:
        return {"type": "array", "items": _type_schema(args[0], defs)}
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return {"type": "array", "items": _type_schema(args[0], defs)}
        items = [_type_schema(a, defs) for a in args]
        n = len(items)
        return {"type": "array", "prefixItems": items, "items": False, "minItems": n, "maxItems": n}
    if origin is dict:
        values = _type_schema(args[1], defs) if args else {}
        return {"type": "object", "additionalProperties": values} if values else {"type": "object"}
    if tp is Any:
        return {}
    if isinstance(tp, type):
        return _class_schema(tp, defs)
    raise TypeError(f"no JSON Schema for type {tp!r}; add it to manysides.report.schema")


def _class_schema(tp: type, defs: dict[str, Any]) -> dict[str, Any]:
    if dataclasses.is_dataclass(tp) or issubclass(tp, Enum):
        return _define(tp, defs)
    if tp is datetime:
        return {"type": "string", "format": "date-time"}
    if tp is date:
        return {"type": "string", "format": "date"}
    simple = {str: "string", bool: "boolean", int: "integer", float: "number", type(None): "null"}
    if tp in simple:
        return {"type": simple[tp]}
    raise TypeError(f"no JSON Schema for type {tp!r}; add it to manysides.report.schema")


def _union_schema(args: tuple[Any, ...], defs: dict[str, Any]) -> dict[str, Any]:
    options = [_type_schema(a, defs) for a in args]
    types_only = all(
        set(o) <= {"type", "format"} and isinstance(o.get("type"), str) for o in options
    )
    formats = {o["format"] for o in options if "format" in o}
    if types_only and len(formats) <= 1:
        merged: dict[str, Any] = {"type": [o["type"] for o in options]}
        if formats:
            merged["format"] = formats.pop()
        return merged
    return {"anyOf": options}


def _default(field: dataclasses.Field[Any]) -> Any:
    if field.default is not dataclasses.MISSING:
        value = field.default
        return value.value if isinstance(value, Enum) else value
    if field.default_factory is not dataclasses.MISSING:
        return model.to_dict(field.default_factory())
    return dataclasses.MISSING


def _doc(tp: type) -> str:
    text = inspect.getdoc(tp) or ""
    return " ".join(text.split("\n\n")[0].split())


def _field_comments(tp: type) -> dict[str, str]:
    """``# comments`` of each field: the one trailing its line, else the lines just above it."""
    try:
        source = inspect.getsource(tp)
    except (OSError, TypeError):  # no source shipped: descriptions are optional
        return {}
    comments: dict[str, str] = {}
    above: list[str] = []
    for line in source.splitlines():
        if match := _COMMENT_LINE.match(line):
            above.append(match[1])
        elif match := _FIELD_LINE.match(line):
            text = match[2] or " ".join(above)
            if text:
                comments[match[1]] = text
            above = []
        else:
            above = []
    return comments


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m manysides.report.schema PATH", file=sys.stderr)
        return 2
    print(write_schema(args[0]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
