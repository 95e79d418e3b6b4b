"""Which reader an input needs: by file extension, by HTTP content type, or by sniffing content.

=============================  =========================  ==========================
format                         file extensions            HTTP content types
=============================  =========================  ==========================
plain text                     .txt .text                 text/plain (sniffed)
Markdown                       .md .markdown              text/markdown
HTML                           .html .htm .xhtml          text/html, application/xhtml+xml
JSON (object or list)          .json                      application/json
JSON Lines                     .jsonl .ndjson             application/x-ndjson, .../jsonl
CSV / TSV (header row)         .csv .tsv                  text/csv, text/tab-separated-values
RSS / Atom feed                .rss .atom .xml            application/rss+xml, .../atom+xml,
                                                          text/xml and application/xml (sniffed)
=============================  =========================  ==========================
"""

from __future__ import annotations

import json
import re
from enum import StrEnum
from pathlib import PurePath

from manysides.model import SourceKind

__all__ = [
    "EXTENSIONS",
    "Format",
    "format_for_content_type",
    "format_for_path",
    "sniff",
    "supported_extensions",
]


class Format(StrEnum):
    """The kinds of content there is a reader for."""

    TEXT = "text"
    MARKDOWN = "markdown"
    HTML = "html"
    JSON = "json"
    JSONL = "jsonl"
    CSV = "csv"
    TSV = "tsv"
    FEED = "feed"

    @property
    def source_kind(self) -> SourceKind:
        """The :class:`SourceKind` of a file in this format."""
        return SourceKind.CSV if self is Format.TSV else SourceKind(self.value)


EXTENSIONS: dict[str, Format] = {
    ".txt": Format.TEXT,
    ".text": Format.TEXT,
    ".md": Format.MARKDOWN,
    ".markdown": Format.MARKDOWN,
    ".html": Format.HTML,
    ".htm": Format.HTML,
    ".xhtml": Format.HTML,
    ".json": Format.JSON,
    ".jsonl": Format.JSONL,
    ".ndjson": Format.JSONL,
    ".csv": Format.CSV,
    ".tsv": Format.TSV,
    ".rss": Format.FEED,
    ".atom": Format.FEED,
    ".xml": Format.FEED,
}

_CONTENT_TYPES: dict[str, Format | None] = {
    "text/html": Format.HTML,
    "application/xhtml+xml": Format.HTML,
    "text/markdown": Format.MARKDOWN,
    "text/x-markdown": Format.MARKDOWN,
    "application/json": Format.JSON,
    "application/x-ndjson": Format.JSONL,
    "application/jsonl": Format.JSONL,
    "application/jsonlines": Format.JSONL,
    "text/csv": Format.CSV,
    "text/tab-separated-values": Format.TSV,
    "application/rss+xml": Format.FEED,
    "application/atom+xml": Format.FEED,
    "application/rdf+xml": Format.FEED,
    # ambiguous: decided by the content
    "text/plain": None,
    "text/xml": None,
    "application/xml": None,
    "application/octet-stream": None,
    "": None,
}
_FEED_ROOT = re.compile(r"<(?:[\w-]+:)?(?:rss|feed|rdf)\b", re.IGNORECASE)
_TAG = re.compile(r"<[!?a-zA-Z]")


def supported_extensions() -> str:
    """The supported extensions, for error messages."""
    return ", ".join(sorted(EXTENSIONS))


def format_for_path(path: PurePath) -> Format | None:
    """The format a file's extension names, or ``None`` when no reader handles it."""
    return EXTENSIONS.get(path.suffix.lower())


def format_for_content_type(content_type: str, head: str) -> Format | None:
    """The format of a fetched body from its ``Content-Type`` (sniffing ``head`` when that is
    ambiguous); ``None`` when the content type names something that is not an article."""
    mime = content_type.split(";")[0].strip().lower()
    if mime in _CONTENT_TYPES:
        return _CONTENT_TYPES[mime] or sniff(head)
    if mime.endswith("+xml"):
        return sniff(head)
    if mime.endswith("+json"):
        return Format.JSON
    return None


def sniff(text: str) -> Format:
    """Guess the format of ``text`` from how it starts: markup, JSON, Markdown or plain text."""
    head = text.lstrip("\ufeff \t\r\n")
    if head.startswith("<") and _TAG.match(head):
        return Format.FEED if _FEED_ROOT.search(_strip_prolog(head[:4096])[:200]) else Format.HTML
    if head.startswith("["):
        return Format.JSON
    if head.startswith("{"):
        try:
            json.loads(text)
        except ValueError:
            return Format.JSONL
        return Format.JSON
    if head.startswith("---\n") or head.startswith("# "):
        return Format.MARKDOWN
    return Format.TEXT


def _strip_prolog(head: str) -> str:
    """``head`` from its root element on, past the XML declaration, comments and DOCTYPE."""
    rest = head
    while rest.startswith(("<?", "<!")):
        end = rest.find(">")
        if end < 0:
            return rest
        rest = rest[end + 1 :].lstrip()
    return rest
