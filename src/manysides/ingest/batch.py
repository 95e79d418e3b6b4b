"""Ingest a batch of inputs: each source becomes articles or failures, and none stops the rest.

A source is a file, a folder (walked recursively), a glob pattern, an http(s) URL, or ``"-"`` for
standard input (sniffed as HTML, a feed, JSON, JSON Lines, Markdown or plain text). Every error
reading one input, expected (:class:`~manysides.errors.IngestError`) or not, becomes an
:class:`~manysides.model.IngestFailure` naming the input and the reason, and the batch goes on.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import TextIO

from manysides.config import Config, load_config
from manysides.errors import IngestError
from manysides.ingest.base import Context, Outcome
from manysides.ingest.dates import as_aware
from manysides.ingest.decoding import decode
from manysides.ingest.files import expand, read_file
from manysides.ingest.formats import sniff
from manysides.ingest.readers import read_content
from manysides.ingest.urls import is_url, read_url
from manysides.model import Article, IngestFailure, SourceKind

__all__ = ["STDIN", "IngestResult", "ingest"]

#: The ``source`` of articles read from standard input.
STDIN = "<stdin>"
_OTHER_SCHEME = re.compile(r"^(?!https?://)[a-z][a-z0-9+.-]+://", re.IGNORECASE)


@dataclass
class IngestResult:
    """The articles read from a batch of inputs, and one failure per input (or part) that failed."""

    articles: list[Article] = field(default_factory=list)
    failures: list[IngestFailure] = field(default_factory=list)

    def add(self, outcomes: Iterable[Outcome]) -> None:
        for outcome in outcomes:
            if isinstance(outcome, Article):
                self.articles.append(outcome)
            else:
                self.failures.append(outcome)


def ingest(
    sources: Iterable[str | os.PathLike[str]],
    *,
    outlet: str | None = None,
    published: datetime | None = None,
    allow_private: bool = False,
    config: Config | None = None,
    stdin: TextIO | None = None,
    glob: str | None = None,
) -> IngestResult:
    """Read articles from files, folders, glob patterns, URLs and ``"-"`` (standard input).

    ``outlet`` and ``published`` fill in what an input does not say (a date without a zone is
    UTC); ``glob`` narrows folder walks to matching files (``"*.html"``); ``allow_private``
    allows fetching private and loopback addresses; ``stdin`` replaces ``sys.stdin`` for ``"-"``.
    Duplicates are not marked here: call :func:`find_duplicates` with the stored articles.
    """
    config = config or load_config()
    base = Context(
        source="",
        kind=SourceKind.TEXT,
        config=config,
        outlet=" ".join((outlet or "").split()) or None,
        published=as_aware(published) if published else None,
    )
    result = IngestResult()
    seen: set[Path] = set()
    for item in sources:
        source = os.fspath(item)
        if source == "-":
            result.add(_guarded(STDIN, partial(_read_stdin, stdin or sys.stdin, base)))
        elif _OTHER_SCHEME.match(source):
            scheme = source.split(":", 1)[0]
            reason = f"unsupported URL scheme {scheme!r}; manysides fetches http and https URLs"
            result.failures.append(IngestFailure(source=source, reason=reason))
        elif is_url(source):
            ctx = replace(base, source=source)
            fetch = partial(read_url, source, ctx, allow_private=allow_private)
            result.add(_guarded(source, fetch))
        else:
            result.add(_read_paths(source, base, glob, seen))
    return result


def _read_paths(
    source: str, base: Context, pattern: str | None, seen: set[Path]
) -> Iterator[Outcome]:
    """The outcomes of every file ``source`` names, each file read once per batch, in order.

    Large batches are read by a pool of worker processes (``[ingest] workers``): extraction is
    CPU-bound, so this is what makes a folder of thousands of pages go faster on several cores.
    """
    files: list[Path] = []
    for found in expand(source, pattern=pattern):
        if isinstance(found, IngestError):
            yield IngestFailure(source=found.source, reason=found.reason)
            continue
        key = found.resolve()
        if key not in seen:
            seen.add(key)
            files.append(found)
    workers = _workers(base.config, len(files))
    if workers <= 1:
        for path in files:
            yield from _read_one(path, base)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("spawn")  # no fork: the caller may run threads
    chunk = max(1, min(64, len(files) // (workers * 8)))
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        for outcomes in pool.map(_read_one, files, [base] * len(files), chunksize=chunk):
            yield from outcomes


#: Below this many files a batch is read in-process: starting workers would cost more.
PARALLEL_MIN_FILES = 200


def _workers(config: Config, files: int) -> int:
    """How many processes read ``files`` files: ``[ingest] workers`` (0 = one per core, up
    to 4), and 1 for small batches."""
    wanted = int(config["ingest"]["workers"]) or min(4, os.cpu_count() or 1)
    return 1 if files < PARALLEL_MIN_FILES else max(1, min(wanted, files))


def _read_one(path: Path, base: Context) -> list[Outcome]:
    """One file's outcomes (a top-level function, so worker processes can run it)."""
    return _guarded(str(path), partial(read_file, path, replace(base, source=str(path))))


def _read_stdin(stream: TextIO, base: Context) -> list[Outcome]:
    """Standard input, read as bytes when it has them so any encoding is detected."""
    limit = int(base.config["ingest"]["max_file_bytes"])
    binary = getattr(stream, "buffer", None)
    content = binary.read(limit + 1) if binary is not None else stream.read(limit + 1)
    if len(content) > limit:
        raise IngestError(
            STDIN, f"input is over the {limit:,}-byte limit ([ingest] max_file_bytes)"
        )
    if not content.strip():
        raise IngestError(STDIN, "standard input is empty")
    ctx = replace(base, source=STDIN, kind=SourceKind.STDIN)
    if isinstance(content, bytes):  # sniffed as text; HTML and feeds get the bytes (and charset)
        return read_content(content, sniff(decode(content, STDIN)), ctx)
    return read_content(content.replace("\r\n", "\n"), sniff(content), ctx)


def _guarded(source: str, read: Callable[[], list[Outcome]]) -> list[Outcome]:
    """``read()``, with any error turned into a failure of ``source``."""
    try:
        return read()
    except IngestError as exc:
        return [IngestFailure(source=exc.source, reason=exc.reason)]
    except Exception as exc:  # one bad input must never stop the batch
        reason = (
            f"unexpected {type(exc).__name__}: {exc} "
            "(this is a bug in manysides; please report it)"
        )
        return [IngestFailure(source=source, reason=reason)]

