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
    "TRANSIENT",
    "Article",
    "Attribution",
    "Brief",
    "BriefSentence",
    "Citation",
    "Claim",
    "Comparison",
    "Contradiction",
    "ContradictionSide",
    "DateSource",
    "Duplicate",
    "Event",
    "ForceCite",
    "FramingTerm",
    "IngestFailure",
    "Lean",
    "LeanEvidence",
    "Mention",
    "OutletActor",
    "OutletProfile",
    "OutletQuoted",
    "OutletTerm",
    "Quantity",
    "Quote",
    "SentimentCite",
    "SourceKind",
    "Span",
    "Story",
    "StoryEvent",
    "Timeline",
    "TimelineEntry",
    "article_id",
    "from_dict",
    "normalise_text",
    "saved_fields",
    "to_dict",
]

#: Version of the JSON layout of every class here. Bump the minor part for added optional
#: fields, the major part for anything a reader of an older file could misread.
SCHEMA_VERSION = "1.1"

T = TypeVar("T")

#: Key of ``field(metadata=...)`` marking a field that is never saved (see :func:`saved_fields`).
TRANSIENT = "manysides.transient"


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
    # polarity toward this actor in its sentence: positive | negative | neutral (None: not read)
    sentiment: str | None = None
    sentiment_score: float | None = None  # P(positive) - P(negative) toward the actor, in [-1, 1]


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
    # what the date rests on: explicit (the words alone; "--MM-DD" when they give no year),
    # published (the article's date) or inferred (article.meta["reference_date"])
    date_basis: str | None = None
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
    # who the source is: official | expert | outlet | person | group | unnamed (None: no source)
    speaker_kind: str | None = None


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
class FramingTerm:
    """A word an outlet picked to name an act or an actor ("murdered", "genocide", "strike")."""

    span: Span
    term: str  # the words as written
    lemma: str  # lower-cased base form, to compare outlets ("murder", "strike")
    kind: str  # loaded | act-verb | act-noun
    sentence: Span | None = None  # the sentence it is in
    act: str | None = None  # PLOVER type of the event it names (ASSAULT, ...); None: loaded
    source: str | None = None  # actor code (or name) of who does the act, when known
    target: str | None = None  # actor code (or name) of who it is done to, when known
    weight: float | None = None  # for loaded words: the lexicon weight; else None


@dataclass(slots=True)
class LeanEvidence:
    """One sentence (or chunk) behind a lean score, with how much it pushes toward the label."""

    span: Span
    weight: float  # its own P(article label) minus its highest other P: > 0 reads as the label
    scores: dict[str, float] = field(default_factory=dict)  # the chunk's own left/center/right
    terms: list[str] = field(default_factory=list)  # its words that push most toward the label


@dataclass(slots=True)
class Lean:
    """Political lean of an article (left / center / right) with the evidence behind it."""

    label: str  # left | center | right
    scores: dict[str, float] = field(default_factory=dict)  # probability of each label
    terms: list[str] = field(default_factory=list)  # article words that push most toward label
    evidence: list[LeanEvidence] = field(default_factory=list)  # top sentences, strongest first


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
    lean: Lean | None = None  # left / center / right with probabilities and evidence
    genre: str | None = None  # news report | opinion | analysis
    # what the genre was read from: share of opinion/prescription sentences, first-person
    # rate, quote density, length in words, and the rule that decided ("rule" -> its index)
    genre_basis: dict[str, float] = field(default_factory=dict)
    framing: list[FramingTerm] = field(default_factory=list)  # loaded words, words for acts
    meta: dict[str, Any] = field(default_factory=dict)  # stage results with no field of their own
    # Never saved (the store, the JSON and the schema leave it out): what a stage computed that a
    # later step of the same process may reuse instead of computing again, such as the vectors
    # the story clustering reads (manysides.compare.stories.keep_story_vectors).
    reuse: dict[str, Any] = field(default_factory=dict, compare=False, repr=False,
                                  metadata={TRANSIENT: True})

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


# --- comparison: what the outlets of a story do with each of its events ------------------------


@dataclass(slots=True)
class Citation:
    """A passage of one article that a comparison item rests on."""

    article: str  # id of the article
    span: Span  # character offsets into that article's text
    text: str = ""  # the words the span covers (copied so the JSON reads on its own)


@dataclass(slots=True)
class Evidence:
    """One event mention an outlet's verdict rests on: its sentence, trigger and numbers."""

    article: str  # id of the article
    span: Span  # the sentence of the mention, offsets into the article's text
    text: str = ""  # the words of the sentence
    trigger: Span | None = None  # the words that name the act ("bombing", "fired")
    event: int | None = None  # index of the mention into the article's events
    quantities: list[Quantity] = field(default_factory=list)  # the numbers the mention gives


@dataclass(slots=True)
class OutletVerdict:
    """What one outlet does with one story event: reports it, omits it or contradicts another."""

    story: str  # story id
    story_event: str  # StoryEvent id
    outlet: str  # the outlet's name, or the article id when the outlet is unknown
    article: str  # the outlet's first article that mentions the event (omits: its first article)
    # reports | omits | contradicts
    verdict: str
    confidence: float  # 0..1: how sure the alignment and the judgement are
    reason: str = ""  # why, in short: "7 vs 9 killed", "closest mention scores 0.41"
    numbers: list[str] = field(default_factory=list)  # the outlet's counts: "more than 300 drones"
    words: list[str] = field(default_factory=list)  # the outlet's words for the act ("bombing")
    # sides (countries, groups) other outlets name in this event and this outlet does not
    unnamed: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)  # the outlet's own mentions
    against: list[Evidence] = field(default_factory=list)  # contradicts: the other side


@dataclass(slots=True)
class ContradictionSide:
    """One side of a contradiction: who says it, and where."""

    outlet: str  # the outlet's name, or the article id when the outlet is unknown
    article: str  # id of the article
    span: Span  # the sentence that says it, offsets into the article's text
    text: str = ""  # the words of the sentence
    trigger: Span | None = None  # the words that name the act, when the side is an event mention
    event: int | None = None  # index of the mention into the article's events
    speaker: str = ""  # who the article says makes the statement, when it attributes it


@dataclass(slots=True)
class Contradiction:
    """Two outlets (or two passages) that cannot both be right about one story event."""

    id: str  # "<story id>-c<n>"
    story: str  # story id
    story_event: str | None  # the StoryEvent both sides are about (None: a claim pair)
    # number | date | negation | denial | attribution | model
    kind: str
    reason: str  # in short: "7 vs 9 killed", '"hit" negated vs "damage" asserted'
    a: ContradictionSide  # one side
    b: ContradictionSide  # the other side
    confidence: float  # 0..1


@dataclass(slots=True)
class BriefSentence:
    """One sentence of a story's neutral brief, with the passages it rests on."""

    text: str  # the sentence, built from the sources' own words and neutral templates
    # agreed (all or most outlets) | disputed (outlets conflict) | partial (only some report it)
    # | background (an event dated far from the story's, given by some outlets as context)
    kind: str
    story_event: str | None = None  # the StoryEvent the sentence is about, when it is about one
    outlets: list[str] = field(default_factory=list)  # outlets whose words support the sentence
    citations: list[Citation] = field(default_factory=list)  # the supporting passages


@dataclass(slots=True)
class Brief:
    """A neutral multi-source summary of one story: agreed, disputed, partial."""

    story: str  # story id
    sentences: list[BriefSentence] = field(default_factory=list)  # in reading order


@dataclass(slots=True)
class TimelineEntry:
    """One dated story event on a story's timeline."""

    date: str  # ISO date at the precision the sources give: YYYY-MM-DD, YYYY-MM or YYYY
    precision: str  # day | month | year
    # stated (an explicit date in the text) | relative ("last Monday", resolved against the
    # article's reference date) | inherited (no date words: the article's reference date)
    basis: str
    basis_text: str = ""  # the date words the sources use ("April 1st", "last Monday")
    story_event: str = ""  # StoryEvent id
    label: str = ""  # "Israel — ASSAULT → Iran"
    outlets: list[str] = field(default_factory=list)  # outlets that report the event
    citations: list[Citation] = field(default_factory=list)  # the sentences that date it
    # why the event is background, context an outlet gives (dated years before the story, or
    # months from its own days: "1988", "--10-07"); "" for the story's own events
    background: str = ""


@dataclass(slots=True)
class Timeline:
    """The dated events of one story: its own earliest first, then background ones."""

    story: str  # story id
    # the story's own events earliest first, then the background ones earliest first
    entries: list[TimelineEntry] = field(default_factory=list)


@dataclass(slots=True)
class Comparison:
    """The cross-outlet comparison of a batch of articles (``manysides.compare.compare``)."""

    stories: list[Story] = field(default_factory=list)  # stories, largest first, with events
    verdicts: list[OutletVerdict] = field(default_factory=list)  # one per story event and outlet
    contradictions: list[Contradiction] = field(default_factory=list)  # pairwise conflicts
    briefs: list[Brief] = field(default_factory=list)  # one per story
    timelines: list[Timeline] = field(default_factory=list)  # one per story
    outlets: dict[str, list[str]] = field(default_factory=dict)  # outlet -> its article ids
    skipped: list[str] = field(default_factory=list)  # ids of articles left out (duplicates)
    settings: dict[str, Any] = field(default_factory=dict)  # thresholds and versions used
    profiles: list[OutletProfile] = field(default_factory=list)  # one per outlet (framing ran)


@dataclass(slots=True)
class SentimentCite:
    """One mention behind an outlet's mean sentiment toward an actor."""

    article: str  # article id
    span: Span  # the mention
    sentence: Span  # the sentence it was read in
    score: float  # P(positive) - P(negative)
    polarity: str = "neutral"


@dataclass(slots=True)
class ForceCite:
    """One act of force behind an outlet's count of an actor using or suffering force."""

    article: str  # article id
    event: str  # the event's id
    trigger: Span  # the act's words
    sentence: Span
    side: str  # by (the actor is its source) | on (its target)
    type: str  # PLOVER category: ASSAULT | COERCE


@dataclass(slots=True)
class OutletActor:
    """How an outlet covers one actor: how often, the mean sentiment toward it, and whether
    it casts the actor as using force or as suffering it (:mod:`manysides.compare.agency`)."""

    actor: str  # actor code (or the name as written when unlinked); a person has their own
    name: str | None = None  # person's name, the one name its mentions carry, or the code's sense
    mentions: int = 0
    sentiment: float | None = None  # mean P(pos) - P(neg) over its read mentions
    cites: list[SentimentCite] = field(default_factory=list)  # the strongest, both signs
    force_by: int = 0  # acts of force (ASSAULT, COERCE) told as carried out by the actor
    force_on: int = 0  # acts of force told as carried out against it
    force_cites: list[ForceCite] = field(default_factory=list)  # some of each side


@dataclass(slots=True)
class OutletTerm:
    """A framing or loaded term an outlet uses, with where."""

    lemma: str
    kind: str  # loaded | act-verb | act-noun
    count: int = 0
    act: str | None = None  # PLOVER type for act words
    where: list[tuple[str, Span]] = field(default_factory=list)  # (article id, span)


@dataclass(slots=True)
class OutletQuoted:
    """Someone an outlet quotes, with how often."""

    speaker: str  # canonical actor / name, or the source words as written
    kind: str  # the speaker's sector (GOV, MIL, ...), NER label, or "unnamed"
    count: int = 0
    direct: int = 0  # of which direct quotations
    where: list[tuple[str, Span]] = field(default_factory=list)  # (article id, quote content)


@dataclass(slots=True)
class OutletProfile:
    """One outlet across its articles: who it covers and how, what it asserts, who it quotes."""

    outlet: str  # Article.outlet, or the article id when unknown (as compare.contrast does)
    label: str  # what to show: the outlet, else the source file name
    articles: list[str] = field(default_factory=list)  # article ids
    actors: list[OutletActor] = field(default_factory=list)  # most mentioned first
    roles: dict[str, int] = field(default_factory=dict)  # sentence count per role
    opinion_share: float = 0.0  # share of opinion/prescription/prediction/question sentences
    reporting_share: float = 0.0  # share of fact sentences
    terms: list[OutletTerm] = field(default_factory=list)  # loaded and framing words, most used 1st
    quoted: list[OutletQuoted] = field(default_factory=list)  # most quoted first
    lean: str | None = None  # label of the mean of its articles' lean scores
    lean_scores: dict[str, float] = field(default_factory=dict)
    genre: str | None = None  # most common genre of its articles
    genres: dict[str, int] = field(default_factory=dict)


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
        return {f.name: to_dict(getattr(obj, f.name)) for f in saved_fields(obj)}
    if isinstance(obj, StrEnum):
        return obj.value
    if isinstance(obj, datetime | date):
        return obj.isoformat()
    if isinstance(obj, list | tuple):
        return [to_dict(v) for v in obj]
    if isinstance(obj, dict):
        return {str(k): to_dict(v) for k, v in obj.items()}
    return obj


def saved_fields(obj: Any) -> tuple[dataclasses.Field[Any], ...]:
    """The fields of a model object or class that its JSON holds (all but transient ones)."""
    return tuple(f for f in dataclasses.fields(obj) if not f.metadata.get(TRANSIENT))


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
        known = {f.name for f in saved_fields(tp)}
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
