"""Ingestion: files, folders, globs, URLs and standard input in; :class:`Article` objects out.

Readers by input (one small module each): :mod:`.text` (plain text, Markdown), :mod:`.html`,
:mod:`.records` (JSON, JSON Lines, CSV), :mod:`.feeds` (RSS/Atom), :mod:`.urls` (safe fetching);
:mod:`.files` walks the disk, :mod:`.dedup` marks duplicates. Example::

    from manysides.ingest import find_duplicates, ingest

    result = ingest(["articles/", "https://example.org/feed.xml"], outlet="Example Times")
    find_duplicates(result.articles, existing=stored_articles)
    for failure in result.failures:
        print(failure.source, failure.reason)
"""

from __future__ import annotations

from manysides.ingest.batch import IngestResult, ingest
from manysides.ingest.dedup import find_duplicates

__all__ = ["IngestResult", "find_duplicates", "ingest"]
