"""The layout of a plain-text article: headline, standfirst, byline, body, and where one ends.

Plain text carries no markup, so the parts are read from layout signals alone:

* a **title** is a short single-line paragraph with no closing punctuation. At the start of a file
  it must also be capitalised like a headline ("Harbour Reopens After Storm") unless a
  byline follows or it is a Markdown ``#`` heading: a first line that is simply a sentence is body,
  not a title;
* a **subtitle** (standfirst) is an optional single-line paragraph between title and byline;
* a **byline** is a line "By X", "By X and Y", "By X, Y and Z" whose names are capitalised words;
* a **split** between two articles in one file is a title mid-file followed within two paragraphs
  by a byline. Section headings without a byline never split;
* a **debris tail** is up to three final short paragraphs made only of short lines without
  sentence punctuation, or of single share/navigation widget words ("Share.", "Print").

Everything works on :class:`Paragraph` offsets into the original text, so the body an article
keeps is an exact slice of what the file says.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

__all__ = [
    "Header",
    "Paragraph",
    "find_splits",
    "paragraphs",
    "parse_byline",
    "read_header",
    "trim_tail",
]


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A run of non-blank lines: its ``[start, end)`` offsets and its stripped lines."""

    start: int
    end: int
    lines: tuple[str, ...]

    @property
    def line(self) -> str | None:
        """The paragraph's text when it is a single line, with Markdown marks removed."""
        return _unmark(self.lines[0]) if len(self.lines) == 1 else None

    @property
    def heading(self) -> bool:
        """A Markdown ``#`` heading."""
        return len(self.lines) == 1 and self.lines[0].startswith("#")


@dataclass(slots=True)
class Header:
    """What the lines above a body said; ``body`` is the index of the first body paragraph."""

    body: int
    title: str | None = None
    description: str | None = None
    authors: list[str] = field(default_factory=list)
    published: datetime | None = None


#: Finds a full date in a short line (``dates.find_date_in`` with ``whole=True``).
DateFinder = Callable[[str], datetime | None]

_BYLINE = re.compile(r"^by\s+(?P<names>\S.*)$", re.IGNORECASE)
_NAME_SEPARATORS = re.compile(r"\s*(?:,|;|&|\band\b)\s*", re.IGNORECASE)
_BYLINE_EXTRAS = re.compile(r"\s+(?:[|•·]|[-–—]{1,2})\s+")
_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
#: Lowercase words inside headlines and names that do not break their capitalisation.
_SMALL_WORDS = frozenset(
    {
        *("a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "is", "nor"),
        *("of", "off", "on", "onto", "or", "over", "per", "the", "to", "up", "upon", "via"),
        *("vs", "vs.", "with", "de", "del", "della", "der", "den", "di", "da", "das", "dos"),
        *("du", "el", "la", "le", "van", "von", "y", "bin", "ibn", "al"),
    }
)
_CLOSING_PUNCTUATION = tuple(".,;:")
_SENTENCE_END = tuple(".!?…\"”’»)")
_WIDGET_WORDS = frozenset(
    {
        *("share", "print", "email", "e-mail", "tweet", "comment", "comments", "advertisement"),
        *("advertising", "subscribe", "menu", "close", "top", "home", "next", "previous"),
        *("back", "more", "related"),
    }
)
_TITLE_WORDS = 20  # most words a title line may have
_SUBTITLE_WORDS = 45
_BYLINE_WORDS = 16


def paragraphs(text: str) -> list[Paragraph]:
    """The paragraphs of ``text``: runs of lines separated by blank lines."""
    found: list[Paragraph] = []
    start = end = offset = 0
    lines: list[str] = []
    for raw in text.splitlines(keepends=True):
        if raw.strip():
            if not lines:
                start = offset + len(raw) - len(raw.lstrip())
            lines.append(raw.strip())
            end = offset + len(raw.rstrip())
        elif lines:
            found.append(Paragraph(start, end, tuple(lines)))
            lines = []
        offset += len(raw)
    if lines:
        found.append(Paragraph(start, end, tuple(lines)))
    return found


def parse_byline(line: str) -> list[str] | None:
    """The names in a byline ("By A, B and C"), or ``None`` when ``line`` is not a byline."""
    match = _BYLINE.match(line.strip())
    if match is None or len(line.split()) > _BYLINE_WORDS:
        return None
    names_part = _BYLINE_EXTRAS.split(match["names"])[0].strip()
    names = [" ".join(n.split()) for n in _NAME_SEPARATORS.split(names_part) if n.strip()]
    if not names or not all(_looks_like_name(name) for name in names):
        return None
    return names


def read_header(
    paras: list[Paragraph], index: int, *, at_start: bool, find_date: DateFinder
) -> Header | None:
    """The title, subtitle, byline and date lines starting at ``paras[index]``, if any.

    Mid-file (``at_start=False``) only a title followed by a byline counts, since that is what
    marks the start of another article. ``None`` when there is no header or nothing after it.
    """
    lines: list[str] = []
    header: Header | None = None
    for position in range(index, min(index + 4, len(paras))):
        line = paras[position].line
        if line is None or len(line.split()) > _SUBTITLE_WORDS:
            break
        names = parse_byline(line)
        if names is not None:
            header = _signed_header(lines, names, position + 1)
            if header is not None:
                header.published = _byline_date(line, find_date)
            break
        lines.append(line)
    if header is None and at_start:
        header = _unsigned_header(paras, index)
    elif header is not None and not at_start and header.title is None:
        header = None
    if header is None:
        return None
    _read_dateline(paras, header, find_date)
    return header if header.body < len(paras) else None


def find_splits(paras: list[Paragraph], find_date: DateFinder) -> list[int]:
    """Indexes of the paragraphs where another article starts (a title followed by a byline).

    Each article keeps at least one body paragraph: the search resumes past each header.
    """
    opening = read_header(paras, 0, at_start=True, find_date=find_date)
    splits: list[int] = []
    index = (opening.body if opening else 0) + 1
    while index < len(paras):
        line = paras[index].line
        header = None
        if line is not None and _is_title_line(line):
            header = read_header(paras, index, at_start=False, find_date=find_date)
        if header is not None:
            splits.append(index)
            index = header.body
        index += 1
    return splits


def trim_tail(paras: list[Paragraph], start: int, end: int) -> int:
    """``end`` moved back past final debris paragraphs (share widgets, credit lines)."""
    for _ in range(3):
        if end - start <= 1 or not _is_debris(paras[end - 1]):
            break
        end -= 1
    return end


def _signed_header(lines: list[str], names: list[str], body: int) -> Header | None:
    if len(lines) > 2 or (lines and not _is_title_line(lines[0])):
        return None
    title = lines[0] if lines else None
    description = lines[1] if len(lines) > 1 else None
    return Header(body=body, title=title, description=description, authors=names)


def _unsigned_header(paras: list[Paragraph], index: int) -> Header | None:
    first = paras[index]
    line = first.line
    if line is None or not _is_title_line(line):
        return None
    if not (first.heading or _is_titlecase(line)):
        return None
    header = Header(body=index + 1, title=line)
    following = paras[index + 1].line if index + 1 < len(paras) else None
    if (
        following is not None
        and index + 2 < len(paras)
        and len(following.split()) <= _SUBTITLE_WORDS
        and not following.endswith(_CLOSING_PUNCTUATION)
    ):
        header.description, header.body = following, index + 2
    return header


def _byline_date(line: str, find_date: DateFinder) -> datetime | None:
    """A date after the names of a byline ("By A | April 14, 2024")."""
    extras = _BYLINE_EXTRAS.split(line, maxsplit=1)
    return find_date(extras[1]) if len(extras) > 1 else None


def _read_dateline(paras: list[Paragraph], header: Header, find_date: DateFinder) -> None:
    """Take a date line right after the header into ``header.published``."""
    if header.body >= len(paras) or header.published is not None:
        return
    line = paras[header.body].line
    if line is not None and len(line.split()) <= 10:
        found = find_date(line)
        if found is not None:
            header.published, header.body = found, header.body + 1


def _is_title_line(line: str) -> bool:
    words = line.split()
    return (
        0 < len(words) <= _TITLE_WORDS
        and not line.endswith(_CLOSING_PUNCTUATION)
        and _WORD.search(line) is not None
        and parse_byline(line) is None
    )


def _is_titlecase(line: str) -> bool:
    """Capitalised like a headline: most words that are not small words start uppercase."""
    words = _WORD.findall(line)
    significant = [w for n, w in enumerate(words) if n == 0 or w.lower() not in _SMALL_WORDS]
    if not significant:
        return False
    capitalised = sum(1 for word in significant if word[0].isupper())
    return capitalised / len(significant) >= 0.75


def _looks_like_name(name: str) -> bool:
    words = name.split()
    if not 1 <= len(words) <= 5 or not words[0][0].isupper():
        return False
    return all(w[0].isupper() or w.lower() in _SMALL_WORDS or w[0] == "(" for w in words)


def _is_debris(paragraph: Paragraph) -> bool:
    return len(paragraph.lines) <= 4 and all(_is_debris_line(line) for line in paragraph.lines)


def _is_debris_line(line: str) -> bool:
    words = line.split()
    if len(words) == 1 and words[0].strip(".:!|›»").lower() in _WIDGET_WORDS:
        return True
    return len(words) <= 5 and not line.endswith(_SENTENCE_END)


def _unmark(line: str) -> str:
    """A line without Markdown heading marks and emphasis around it."""
    return line.lstrip("#").strip().strip("*_").strip()
