"""Reports and exports: the self-contained HTML report, JSON/CSV/Parquet exports, JSON Schema.

- :func:`render_report` / :func:`write_report` — one offline HTML file, every article anchored
  (``id="a-<article id>"``) and its text ready for highlighted, linkable spans
  (:func:`render_text_with_spans`).
- :func:`export_articles` — articles as ``json``, ``jsonl``, ``csv`` or ``parquet``.
- :func:`write_json_report` — the ``analyze --json`` document; its schema is :func:`json_schema`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from manysides.report.export import FORMATS, export_articles, write_json_report
from manysides.report.html import embed_json, render_report, write_report
from manysides.report.spans import render_paragraphs, render_text_with_spans

if TYPE_CHECKING:
    from manysides.report.schema import json_schema

__all__ = [
    "FORMATS",
    "embed_json",
    "export_articles",
    "json_schema",
    "render_paragraphs",
    "render_report",
    "render_text_with_spans",
    "write_json_report",
    "write_report",
]


def __getattr__(name: str) -> Any:
    # Imported on use, so that ``python -m manysides.report.schema`` runs the module only once.
    if name == "json_schema":
        from manysides.report.schema import json_schema

        return json_schema
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
