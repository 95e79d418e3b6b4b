"""Files on disk: expand paths, folders and glob patterns, then read each file by its extension.

* A **file** named explicitly is always read; an extension no reader handles fails with
  "unsupported file type .xyz; supported: ...".
* A **folder** is walked recursively in sorted order. Hidden files and folders, sidecar files
  (``*.meta.json``/``*.meta.toml``) and obviously non-article files (images, audio, video, fonts,
  stylesheets, scripts, compiled code) are skipped silently; any other file is read, so an
  unsupported one (``.pdf``, ``.docx``) is reported rather than quietly ignored.
* A **glob pattern** (``news/**/*.html``, ``**`` crosses folders) is expanded like a folder's
  contents. ``glob=`` narrows folder walks and patterns to the files whose name or relative
  path matches it (``*.html``).

Files larger than ``[ingest] max_file_bytes`` are refused, as are binary files; a sidecar file
(see :mod:`manysides.ingest.filemeta`) overrides what the file says.
"""

from __future__ import annotations

import glob as globbing
import os
import stat
from collections.abc import Iterator
from fnmatch import fnmatch
from pathlib import Path

from manysides.errors import IngestError, UnsupportedInputError
from manysides.ingest.base import Context, Outcome
from manysides.ingest.filemeta import read_sidecar
from manysides.ingest.formats import format_for_path, supported_extensions
from manysides.ingest.readers import read_content

__all__ = ["expand", "read_file"]

#: Extensions of files that are plainly not articles, skipped without a word in folder walks.
SKIPPED_EXTENSIONS = frozenset(
    {
        *(".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".ico", ".bmp", ".tif", ".tiff"),
        *(".avif", ".heic", ".psd", ".mp3", ".wav", ".ogg", ".flac", ".m4a", ".aac", ".mp4"),
        *(".m4v", ".mov", ".avi", ".mkv", ".webm", ".woff", ".woff2", ".ttf", ".otf", ".eot"),
        *(".css", ".js", ".mjs", ".map", ".pyc", ".pyo", ".so", ".dll", ".dylib", ".exe"),
        *(".o", ".a", ".class", ".lock"),
    }
)
_SKIPPED_NAMES = frozenset({"thumbs.db", "desktop.ini", "__pycache__", "node_modules"})
_SIDECAR_SUFFIXES = (".meta.json", ".meta.toml")
_GLOB_CHARS = frozenset("*?[")


def expand(source: str, *, pattern: str | None = None) -> Iterator[Path | IngestError]:
    """The files ``source`` names (a file, a folder, or a glob pattern), or an error for it."""
    path = Path(source)
    if path.is_dir():
        found = list(_walk(path, pattern))
        if not found:
            yield IngestError(source, _nothing_found("folder", pattern))
        yield from found
    elif path.exists():
        yield path
    elif _GLOB_CHARS & set(source):
        yield from _expand_glob(source, pattern)
    else:
        yield IngestError(source, "no such file or folder")


def read_file(path: Path, ctx: Context) -> list[Outcome]:
    """The outcomes of one file (``ctx.source`` names it; ``ctx.kind`` is set here)."""
    fmt = format_for_path(path)
    if fmt is None:
        kind = f"file type {path.suffix.lower()}" if path.suffix else "file without an extension"
        raise UnsupportedInputError(
            ctx.source, f"unsupported {kind}; supported: {supported_extensions()}"
        )
    data = _read_bytes(path, ctx)
    sidecar = read_sidecar(path)
    outcomes = read_content(data, fmt, ctx.with_kind(fmt.source_kind))
    return sidecar.apply(outcomes) if sidecar is not None else outcomes


def _read_bytes(path: Path, ctx: Context) -> bytes:
    limit = int(ctx.config["ingest"]["max_file_bytes"])
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            raise IngestError(ctx.source, "not a regular file (a device, pipe or socket)")
        if info.st_size > limit:
            raise IngestError(
                ctx.source,
                f"file is {_megabytes(info.st_size)}, over the {_megabytes(limit)} limit "
                "([ingest] max_file_bytes)",
            )
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise IngestError(ctx.source, f"cannot read the file: {exc.strerror or exc}") from None
    if len(data) > limit:
        raise IngestError(ctx.source, f"file grew past the {_megabytes(limit)} limit while read")
    if not data.strip():
        raise IngestError(ctx.source, "the file is empty")
    return data


def _walk(folder: Path, pattern: str | None) -> Iterator[Path]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not _skipped_name(d))
        for name in sorted(files):
            path = Path(root, name)
            if _is_candidate(path) and _matches(path.relative_to(folder), pattern):
                yield path


def _expand_glob(source: str, pattern: str | None) -> Iterator[Path | IngestError]:
    matches = sorted(globbing.glob(source, recursive=True))
    found: list[Path] = []
    for match in map(Path, matches):
        if match.is_dir():
            found.extend(_walk(match, pattern))
        elif _is_candidate(match) and _matches(Path(match.name), pattern):
            found.append(match)
    if not found:
        yield IngestError(source, _nothing_found("pattern", pattern))
    yield from found


def _is_candidate(path: Path) -> bool:
    """A file a folder walk reads (it may still turn out unsupported)."""
    name = path.name.lower()
    return not (
        _skipped_name(name)
        or name.endswith(_SIDECAR_SUFFIXES)
        or path.suffix.lower() in SKIPPED_EXTENSIONS
    )


def _skipped_name(name: str) -> bool:
    return name.startswith(".") or name.lower() in _SKIPPED_NAMES


def _matches(relative: Path, pattern: str | None) -> bool:
    if not pattern:
        return True
    names = {relative.name, relative.as_posix()}
    patterns = {pattern, pattern.removeprefix("**/")}
    return any(fnmatch(name, p) for name in names for p in patterns)


def _nothing_found(where: str, pattern: str | None) -> str:
    narrowed = f" matching {pattern!r}" if pattern else ""
    if where == "pattern":
        return f"no files match this pattern{narrowed}"
    return f"no article files{narrowed} in this folder (supported: {supported_extensions()})"


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB" if size >= 100_000 else f"{size:,} bytes"
