"""Plain-text (``.txt``) and Markdown (``.md``) articles, one or several to a file.

What is read, and from where (see :mod:`manysides.ingest.layout` for the layout signals):

* **title**, **description** (subtitle/standfirst) and **authors** from the lines above the body,
  when they look like a headline, a standfirst and a byline; otherwise ``None``/empty. In Markdown
  a leading ``# heading`` is the title, and front matter (``title``, ``author``, ``date``,
  ``outlet``, ``url``) wins over the layout;
* **outlet** only from the ``outlet`` argument, front matter or a sidecar file: never guessed;
* **published** from front matter or a sidecar, else the ``published`` argument
  (:attr:`DateSource.USER`), else a clear dateline in the text (:attr:`DateSource.TEXT`): a date
  line under the byline, a date after the byline's names, or "CITY, April 14, 2024 — " opening
  the body; else ``None``.

A file holding several articles is split where a headline mid-file is followed by a byline
(``[ingest] split_multi_article_text``). ``Article.text`` is the body only, an exact slice of the
file's text (quotes, dashes and spacing untouched, so offsets stay meaningful), without a final
tail of share widgets or credit lines.
"""

from __future__ import annotations

import re
from datetime import datetime

from manysides.errors import IngestError
from manysides.ingest.base import Context, Outcome, build_article
from manysides.ingest.dates import find_date_in
from manysides.ingest.filemeta import front_matter
from manysides.ingest.layout import (
    Header,
    Paragraph,
    find_splits,
    paragraphs,
    read_header,
    trim_tail,
)
from manysides.model import DateSource

__all__ = ["read_markdown", "read_text"]

#: A dateline opening a body: a short head ending in a dash ("PARIS, 14 April 2024 — ").
_DATELINE = re.compile(r"^(?P<head>[^\n—–]{4,120}?)\s(?:[—–]|--?)\s")
_LETTER = re.compile(r"[^\W\d_]")


def read_text(text: str, ctx: Context) -> list[Outcome]:
    """The articles in a plain-text file."""
    return _read(text, 0, ctx)


def read_markdown(text: str, ctx: Context) -> list[Outcome]:
    """The articles in a Markdown file; its front matter applies as the file's own metadata."""
    meta, offset = front_matter(text, ctx.source)
    return meta.apply(_read(text, offset, ctx))


def _read(text: str, offset: int, ctx: Context) -> list[Outcome]:
    paras = [p for p in paragraphs(text) if p.start >= offset]
    if not any(_LETTER.search(line) for p in paras for line in p.lines):
        raise IngestError(ctx.source, "no article text found (the file has no words)")
    starts = [0]
    if ctx.config["ingest"]["split_multi_article_text"]:
        starts += find_splits(paras, _find_date)
    ends = [*starts[1:], len(paras)]
    where = [f"#{n}" if len(starts) > 1 else "" for n in range(1, len(starts) + 1)]
    return [
        _part(text, paras[start:end], ctx, part)
        for start, end, part in zip(starts, ends, where, strict=True)
    ]


def _part(text: str, paras: list[Paragraph], ctx: Context, where: str) -> Outcome:
    header = read_header(paras, 0, at_start=True, find_date=_find_date) or Header(body=0)
    end = trim_tail(paras, header.body, len(paras))
    body = text[paras[header.body].start : paras[end - 1].end]
    if not _LETTER.search(body):
        return ctx.failure("this part has a header but no article text", where=where)
    published = None if ctx.published else header.published or _opening_dateline(body)
    return build_article(
        body,
        ctx,
        title=header.title,
        description=header.description,
        authors=header.authors,
        url=ctx.url,
        published=published,
        published_source=DateSource.TEXT,
    )


def _find_date(line: str) -> datetime | None:
    return find_date_in(line, whole=True)


def _opening_dateline(body: str) -> datetime | None:
    """The date of a dateline opening the body ("WASHINGTON, April 14, 2024 — ...")."""
    match = _DATELINE.match(body[:160])
    if match is None:
        return None
    return find_date_in(match["head"])

