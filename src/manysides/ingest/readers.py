"""Route content to the reader of its :class:`~manysides.ingest.formats.Format`.

HTML and feeds are handed raw bytes (trafilatura and the XML parser honour the encoding the
document declares); every other format is decoded first (:mod:`manysides.ingest.decoding`).
"""

from __future__ import annotations

from collections.abc import Callable

from manysides.ingest import feeds, html, records, text
from manysides.ingest.base import Context, Outcome, number_parts
from manysides.ingest.decoding import decode, refuse_binary
from manysides.ingest.formats import Format

__all__ = ["read_content"]

TextReader = Callable[[str, Context], list[Outcome]]

_TEXT_READERS: dict[Format, TextReader] = {
    Format.TEXT: text.read_text,
    Format.MARKDOWN: text.read_markdown,
    Format.JSON: records.read_json,
    Format.JSONL: records.read_jsonl,
    Format.CSV: records.read_csv,
    Format.TSV: records.read_tsv,
}


def read_content(
    content: bytes | str, fmt: Format, ctx: Context, *, encoding: str | None = None
) -> list[Outcome]:
    """The outcomes of reading ``content`` as ``fmt``, numbered ``#n`` when there are several.

    ``encoding`` is a charset the transport declared (an HTTP header), tried after UTF-8.
    """
    if fmt is Format.HTML:
        outcomes = html.read_html(_checked(content, ctx), ctx)
    elif fmt is Format.FEED:
        data = _checked(content, ctx)
        outcomes = feeds.read_feed(data.encode("utf-8") if isinstance(data, str) else data, ctx)
    else:
        if isinstance(content, bytes):
            content = decode(content, ctx.source, encoding=encoding)
        outcomes = _TEXT_READERS[fmt](content, ctx)
    return number_parts(outcomes, ctx.source)


def _checked(content: bytes | str, ctx: Context) -> bytes | str:
    if isinstance(content, bytes):
        refuse_binary(content, ctx.source)
    return content
