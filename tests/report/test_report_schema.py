"""The committed JSON Schema is current, and what manysides writes validates against it.

``jsonschema`` is not a dependency, so a small validator for exactly the keywords the generator
emits lives here; the negative cases prove it (and the schema) can reject.
"""

from __future__ import annotations

import copy
import dataclasses
import json
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from report_samples import plain_article, rich_article

from manysides import model
from manysides.model import IngestFailure
from manysides.report.export import write_json_report
from manysides.report.schema import json_schema

REPO = Path(__file__).resolve().parents[2]
COMMITTED = REPO / "docs" / "schema" / "manysides.schema.json"
_TYPES: dict[str, type | tuple[type, ...]] = {
    "string": str,
    "integer": int,
    "number": (int, float),
    "boolean": bool,
    "object": dict,
    "array": list,
    "null": type(None),
}
_SUPPORTED = {
    "$schema",
    "$defs",
    "$ref",
    "title",
    "description",
    "default",
    "type",
    "format",
    "enum",
    "pattern",
    "properties",
    "required",
    "additionalProperties",
    "items",
    "prefixItems",
    "minItems",
    "maxItems",
    "anyOf",
}


def validate(
    instance: Any, schema: dict[str, Any] | bool, root: dict[str, Any], path: str = "$"
) -> list[str]:
    """Errors of ``instance`` against ``schema`` (the subset of 2020-12 the generator emits)."""
    if schema is True:
        return []
    if schema is False:
        return [f"{path}: no value allowed here"]
    unknown = set(schema) - _SUPPORTED
    assert not unknown, f"validator does not know keywords {unknown}: extend it"
    if "$ref" in schema:
        name = schema["$ref"].removeprefix("#/$defs/")
        return validate(instance, root["$defs"][name], root, path)
    if "anyOf" in schema:
        if all(validate(instance, option, root, path) for option in schema["anyOf"]):
            return [f"{path}: matches none of anyOf"]
        return []
    errors = _check_scalar(instance, schema, path)
    if errors:
        return errors
    if isinstance(instance, dict):
        errors += _check_object(instance, schema, root, path)
    if isinstance(instance, list):
        errors += _check_array(instance, schema, root, path)
    return errors


def _check_scalar(instance: Any, schema: dict[str, Any], path: str) -> list[str]:
    if "type" in schema:
        names = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        ok = any(
            isinstance(instance, _TYPES[n])
            and not (isinstance(instance, bool) and n in ("integer", "number"))
            for n in names
        )
        if not ok:
            return [f"{path}: {instance!r} is not {names}"]
    if "enum" in schema and instance not in schema["enum"]:
        return [f"{path}: {instance!r} not in {schema['enum']}"]
    if (
        isinstance(instance, str)
        and "pattern" in schema
        and not re.search(schema["pattern"], instance)
    ):
        return [f"{path}: {instance!r} does not match {schema['pattern']}"]
    if isinstance(instance, str) and schema.get("format") == "date-time":
        try:
            datetime.fromisoformat(instance)
        except ValueError:
            return [f"{path}: {instance!r} is not an ISO date-time"]
    return []


def _check_object(
    instance: dict[str, Any], schema: dict[str, Any], root: dict[str, Any], path: str
) -> list[str]:
    properties = schema.get("properties", {})
    errors = [
        f"{path}: missing {key!r}" for key in schema.get("required", []) if key not in instance
    ]
    for key, value in instance.items():
        if key in properties:
            errors += validate(value, properties[key], root, f"{path}.{key}")
        elif "additionalProperties" in schema:
            errors += validate(value, schema["additionalProperties"], root, f"{path}.{key}")
    return errors


def _check_array(
    instance: list[Any], schema: dict[str, Any], root: dict[str, Any], path: str
) -> list[str]:
    errors = []
    if len(instance) < schema.get("minItems", 0) or len(instance) > schema.get(
        "maxItems", len(instance)
    ):
        errors.append(f"{path}: wrong number of items ({len(instance)})")
    prefix = schema.get("prefixItems", [])
    for i, value in enumerate(instance):
        item_schema = prefix[i] if i < len(prefix) else schema.get("items", True)
        errors += validate(value, item_schema, root, f"{path}[{i}]")
    return errors


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    return json_schema()


def test_schema_committed_file_is_current(schema: dict[str, Any]) -> None:
    committed = json.loads(COMMITTED.read_text("utf-8"))
    assert committed == schema, (
        "docs/schema/manysides.schema.json is stale; regenerate it with: "
        "python -m manysides.report.schema docs/schema/manysides.schema.json"
    )


def test_schema_is_draft_2020_12_with_every_model_class(schema: dict[str, Any]) -> None:
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    for name in model.__all__:
        cls = getattr(model, name)
        if isinstance(cls, type) and dataclasses.is_dataclass(cls):
            properties = schema["$defs"][cls.__name__]["properties"]
            assert {f.name for f in model.saved_fields(cls)} <= set(properties), name
    article = schema["$defs"]["Article"]
    assert "reuse" not in article["properties"]  # transient: never written
    assert article["required"] == ["id", "text"]
    assert article["properties"]["published"] == {
        "type": ["string", "null"],
        "format": "date-time",
        "default": None,
    }
    assert schema["$defs"]["DateSource"]["enum"] == ["metadata", "text", "user", "unknown"]
    assert schema["$defs"]["StoryEvent"]["properties"]["mentions"]["items"]["prefixItems"] == [
        {"type": "string"},
        {"type": "integer"},
    ]


@pytest.mark.parametrize("make", [rich_article, plain_article])
def test_schema_validates_article_to_dict(schema: dict[str, Any], make: Any) -> None:
    article_schema = {"$ref": "#/$defs/Article"}
    assert validate(json.loads(json.dumps(make().to_dict())), article_schema, schema) == []


def test_schema_validates_json_report(schema: dict[str, Any], tmp_path: Path) -> None:
    path = write_json_report(
        tmp_path / "r.json",
        [rich_article(), plain_article()],
        [IngestFailure("a.pdf", "no reader")],
        extra={"stages": ["ingest"]},
        generated_at=datetime(2025, 9, 14, tzinfo=UTC),
    )
    assert validate(json.loads(path.read_text("utf-8")), schema, schema) == []


def _set(doc: dict[str, Any], dotted: str, value: Any) -> dict[str, Any]:
    doc = copy.deepcopy(doc)
    *parents, last = dotted.split(".")
    target: Any = doc
    for key in parents:
        target = target[int(key)] if key.isdigit() else target[key]
    if value is _DELETE:
        del target[last]
    else:
        target[int(last) if last.isdigit() else last] = value
    return doc


_DELETE = object()


@pytest.mark.parametrize(
    ("dotted", "value", "error"),
    [
        ("id", _DELETE, "missing 'id'"),
        ("text", 3, "is not ['string']"),
        ("surprise", 1, "no value allowed"),
        ("schema_version", "2.0", "does not match"),
        ("published", "10 Sept", "not an ISO date-time"),
        ("published_source", "guess", "not in"),
        ("authors", "Lena Orsk", "is not ['array']"),
        ("duplicate.similarity", "high", "matches none of anyOf"),
        ("mentions.0.span.start", "0", "is not ['integer']"),
        ("quotes.0.direct", 1, "is not ['boolean']"),
        ("events.0.quantities.0.value", True, "is not ['number', 'null']"),
    ],
)
def test_schema_rejects_bad_articles(
    schema: dict[str, Any], dotted: str, value: Any, error: str
) -> None:
    document = _set(rich_article().to_dict(), dotted, value)
    errors = validate(document, {"$ref": "#/$defs/Article"}, schema)
    assert any(error in e for e in errors), errors
