"""The data model: one :class:`Article` per text, and offset-based containers the stages fill.

Every extracted item points back into ``Article.text`` with a :class:`Span` of character offsets
(``start`` inclusive, ``end`` exclusive, Python ``str`` indices), never a copy of the words: that is
what lets the report cite each line back to the exact sentence that says it.

All classes are slotted dataclasses, picklable, and round-trip through JSON with
:func:`to_dict` / :func:`from_dict` (or ``Article.to_json`` / ``Article.from_json``). The JSON
layout is versioned by :data:`SCHEMA_VERSION` and published as JSON Schema in ``docs/``.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import types
import typing
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any, TypeVar

__all__ = [
    "SCHEMA_VERSION",
    "Article",
    "Attribution",
    "Claim",
    "DateSource",
    "Duplicate",
    "Event",
    "IngestFailure",
    "Mention",
    "Quantity",
    "Quote",
    "SourceKind",
    "Span",
    "Story",
    "StoryEvent",
    "article_id",
    "from_dict",
    "normalise_text",
    "to_dict",
]

#: Version of the JSON layout of every class here. Bump the minor part for added optional
#: fields, the major part for anything a reader of an older file could misread.
SCHEMA_VERSION = "1.0"

T = TypeVar("T")


class DateSource(StrEnum):
    """Where an article's publication date came from."""

    METADATA = "metadata"  # the page's or file's own metadata (meta tags, JSON field, feed entry)
    TEXT = "text"  # found in the article text (a dateline, "Published on ...")
    USER = "user"  # given by the user (CLI option, sidecar file)
    UNKNOWN = "unknown"  # nowhere: the date stays None, never invented


class SourceKind(StrEnum):
    """What kind of input an article was read from."""

    TEXT = "text"
    MARKDOWN = "markdown"
    HTML = "html"
    JSON = "json"
    JSONL = "jsonl"
    CSV = "csv"
    FEED = "feed"
    URL = "url"
    STDIN = "stdin"


@dataclass(frozen=True, slots=True)
class Span:
    """Character offsets ``[start, end)`` into ``Article.text``."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"invalid span [{self.start}, {self.end})")

    def of(self, text: str) -> str:
        """The words this span covers in ``text``."""
        return text[self.start : self.end]

    def __len__(self) -> int:
        return self.end - self.start

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end


@dataclass(slots=True)
class Mention:
    """A mention of an actor (person, country, organisation) in an article."""

    span: Span
    text: str
    label: str = ""  # NER label (PERSON, GPE, ORG, NORP, ...)
    actor: str | None = None  # canonical actor id in the gazetteer, e.g. "ISR", "IRNMIL"
    name: str | None = None  # canonical actor name, e.g. "Israel"
    country: str | None = None  # ISO-3166 alpha-3, or IGO code (UNO)
    sector: str | None = None  # GOV, MIL, REB, CVL, ...
    resolved_from: Span | None = None  # for pronouns and short forms: the antecedent mention


@dataclass(slots=True)
class Quantity:
    """A number an event reports, typed by what it counts.

    Exact numbers have ``low == high == value``. Vague ones are ranges: "hundreds" is
    ``low=200, high=None``; "more than 300" is ``low=300, low_inclusive=False``.
    """

    span: Span
    counts: str  # what is counted: "killed", "injured", "drones", "ballistic missiles", ...
    value: float | None = None
    low: float | None = None
    high: float | None = None
    low_inclusive: bool = True
    high_inclusive: bool = True
    text: str = ""


@dataclass(slots=True)
class Event:
    """Who did what to whom: one (source, action, target) with its when, where and how many."""

    trigger: Span
    sentence: Span
    type: str  # PLOVER category, e.g. "ASSAULT"
    cameo: str | None = None  # CAMEO code where clear, e.g. "195"
    source: list[Mention] = field(default_factory=list)
    target: list[Mention] = field(default_factory=list)
    # asserted | reported | hedged | denied | hypothetical | future | called_for
    mode: str = "asserted"
    negated: bool = False
    reported_by: list[Mention] = field(default_factory=list)
    date: str | None = None  # ISO date at the precision the text gives: YYYY-MM-DD, YYYY-MM, YYYY
    date_span: Span | None = None
    location: str | None = None
    location_span: Span | None = None
    quantities: list[Quantity] = field(default_factory=list)
    id: str = ""


@dataclass(slots=True)
class Attribution:
    """Who says it: a (source, cue, content) triple, e.g. ("a U.S. official", "said", "...")."""

    content: Span
    source: Span | None = None
    cue: Span | None = None
    speaker: str | None = None  # canonical actor id or name of the source, when linked
    direct: bool = False  # a direct quotation in quote marks


#: A quote is an attribution whose content is the speaker's own (direct) or reported words.
Quote = Attribution


@dataclass(slots=True)
class Claim:
    """One sentence read for its role, check-worthiness, slant and sources."""

    span: Span
    role: str = "fact"  # fact | opinion | prescription | prediction | question
    checkworthy: float | None = None
    loaded: float | None = None  # probability the sentence uses loaded language
    loaded_spans: list[Span] = field(default_factory=list)
    attributed_to: list[int] = field(default_factory=list)  # indexes into Article.quotes


@dataclass(slots=True)
class Duplicate:
    """A dedup finding: this article repeats another one (exactly or nearly)."""

    of: str  # id of the article it duplicates (for an exact copy, also its own id)
    kind: str  # "exact" | "near"
    similarity: float = 1.0
    source: str | None = None  # where the original was read from (path, URL)


@dataclass(slots=True)
class IngestFailure:
    """An input that could not be read, with the reason a person can act on."""

    source: str  # path, URL, or "<stdin>"
    reason: str


@dataclass(slots=True)
class Article:
    """One article: its text and metadata, and everything the stages add to it."""

    id: str
    text: str
    title: str | None = None
    description: str | None = None  # a subtitle / standfirst when the input has one
    url: str | None = None
    outlet: str | None = None
    authors: list[str] = field(default_factory=list)
    published: datetime | None = None
    published_source: DateSource = DateSource.UNKNOWN
    language: str | None = None
    source_kind: SourceKind = SourceKind.TEXT
    source: str | None = None  # where it was read from: a path (with "#n" for part n), URL, ...
    duplicate: Duplicate | None = None
    mentions: list[Mention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    quotes: list[Attribution] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)  # stage results with no field of their own

    @classmethod
    def create(cls, text: str, **fields: Any) -> Article:
        """Build an article whose id is the hash of its normalised text."""
        return cls(id=article_id(text), text=text, **fields)

    def span_text(self, span: Span) -> str:
        return span.of(self.text)

    def to_dict(self) -> dict[str, Any]:
        data = to_dict(self)
        data["schema_version"] = SCHEMA_VERSION
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        data = dict(data)
        _check_version(data.pop("schema_version", SCHEMA_VERSION))
        return from_dict(cls, data)

    def to_json(self, **kwargs: Any) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, **kwargs)

    @classmethod
    def from_json(cls, text: str) -> Article:
        return cls.from_dict(json.loads(text))


@dataclass(slots=True)
class StoryEvent:
    """One real-world event as several articles report it (filled by ``compare``)."""

    id: str
    type: str
    mentions: list[tuple[str, int]] = field(default_factory=list)  # (article id, event index)
    date: str | None = None
    label: str = ""


@dataclass(slots=True)
class Story:
    """Articles about the same real-world happening."""

    id: str
    articles: list[str] = field(default_factory=list)  # article ids, main-story members
    related: list[str] = field(default_factory=list)  # articles that touch this story in passing
    label: str = ""
    events: list[StoryEvent] = field(default_factory=list)


def normalise_text(text: str) -> str:
    """The form of a text that its id hashes: NFKC, case-folded, whitespace collapsed."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def article_id(text: str) -> str:
    """Stable 16-hex-digit id from the normalised content (same words, same id)."""
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()[:16]


# --- JSON round-trip -----------------------------------------------------------------------


def to_dict(obj: Any) -> Any:
    """Turn a model object (or list/dict of them) into JSON-ready data."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: to_dict(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, StrEnum):
        return obj.value
    if isinstance(obj, datetime | date):
        return obj.isoformat()
    if isinstance(obj, list | tuple):
        return [to_dict(v) for v in obj]
    if isinstance(obj, dict):
        return {str(k): to_dict(v) for k, v in obj.items()}
    return obj


def from_dict(cls: type[T], data: Any) -> T:
    """Rebuild a model object of type ``cls`` from :func:`to_dict` output."""
    return typing.cast(T, _build(cls, data))


def _build(tp: Any, data: Any) -> Any:
    if data is None:
        return None
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(tp) if a is not type(None)]
        return _build(options[0], data) if len(options) == 1 else data
    if origin is list:
        (item,) = typing.get_args(tp)
        return [_build(item, v) for v in data]
    if origin is tuple:
        args = typing.get_args(tp)
        return tuple(_build(a, v) for a, v in zip(args, data, strict=True))
    if origin is dict or tp is Any:
        return data
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        hints = _hints(tp)
        known = {f.name for f in dataclasses.fields(tp)}
        unknown = set(data) - known
        if unknown:
            raise ValueError(f"unknown field(s) for {tp.__name__}: {sorted(unknown)}")
        return tp(**{k: _build(hints[k], v) for k, v in data.items()})
    if tp is datetime:
        return datetime.fromisoformat(data)
    if isinstance(tp, type) and issubclass(tp, StrEnum):
        return tp(data)
    return data


_HINTS: dict[type, dict[str, Any]] = {}


def _hints(tp: type) -> dict[str, Any]:
    if tp not in _HINTS:
        _HINTS[tp] = typing.get_type_hints(tp)
    return _HINTS[tp]


def _check_version(version: str) -> None:
    major = str(version).split(".")[0]
    if major != SCHEMA_VERSION.split(".")[0]:
        raise ValueError(
            f"article JSON has schema_version {version!r}; this manysides reads "
            f"{SCHEMA_VERSION.split('.')[0]}.x (see docs/schema/)"
        )
