"""How one article's events read in the report: a table row per event, highlights in the text.

Each :class:`~manysides.model.Event` becomes an :class:`EventRow` (who, action, whom, when, where,
numbers, mode) whose link points at the event's sentence, highlighted in the article text with
:func:`~manysides.report.spans.render_paragraphs`. Events that share a sentence share its
highlight, so a sentence is marked once however many events it holds; triggers and the actor
mentions of events are marked inside it.

Nothing is invented: an unresolved date shows the words the article used and says "unresolved",
a vague number keeps the words it was read from, a mention not linked to a known actor says so.
Offsets outside the text are not highlighted (the row says why) rather than breaking the page.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from manysides.model import Article, Event, Mention, Quantity, Span
from manysides.report.spans import Highlight

__all__ = [
    "COLLAPSE_ABOVE",
    "ActorCell",
    "ArticleEvents",
    "EventRow",
    "QuantityCell",
    "StageError",
    "article_events",
    "count_events",
    "format_number",
    "format_quantity",
    "mode_label",
    "stage_errors",
]

#: Event tables with more rows than this start collapsed (a ``<details>`` the reader opens).
COLLAPSE_ABOVE = 12

_MODE_LABELS = {
    "asserted": "asserted",
    "reported": "reported",
    "hedged": "hedged",
    "denied": "denied",
    "hypothetical": "hypothetical",
    "future": "future",
    "called_for": "called for",
}

#: What a quantity counts, when it reads best before the number ("killed 7", not "7 killed").
_VERB_FIRST = frozenset(
    {
        "killed",
        "injured",
        "wounded",
        "kidnapped",
        "abducted",
        "arrested",
        "detained",
        "displaced",
        "evacuated",
        "missing",
        "hurt",
    }
)

_LARGE = ((10**12, "trillion"), (10**9, "billion"), (10**6, "million"))


@dataclass(slots=True)
class StageError:
    """One stage that failed on one article (from ``article.meta["errors"]``)."""

    stage: str
    error: str


@dataclass(slots=True)
class ActorCell:
    """A mention as the table shows it: the words, and who they were linked to (the tooltip)."""

    text: str
    title: str
    code: str | None
    refers_to: str | None = None  # for pronouns and short forms: the antecedent's canonical name


@dataclass(slots=True)
class QuantityCell:
    text: str  # "170 drones", "> 300 drones and missiles", "killed 7"
    written: str  # the words it was read from
    vague: bool  # a range or an estimate, not an exact count


@dataclass(slots=True)
class EventRow:
    """One event, ready for the events table."""

    number: int
    anchor: str  # the row's id
    sentence_anchor: str | None  # the id of the highlighted sentence (None: offsets invalid)
    trigger_anchor: str | None
    type: str
    cameo: str | None
    trigger_words: str
    sources: list[ActorCell]
    targets: list[ActorCell]
    date: str | None
    date_words: str | None
    location: str | None
    location_words: str | None
    quantities: list[QuantityCell]
    mode: str
    mode_label: str
    negated: bool
    reporters: list[ActorCell]
    sentence: str

    @property
    def mode_class(self) -> str:
        """A CSS class for the mode badge (only known modes get their own colour)."""
        return f"mode-{self.mode}" if self.mode in _MODE_LABELS else "mode-other"


@dataclass(slots=True)
class ArticleEvents:
    """Everything the report shows about one article's events."""

    rows: list[EventRow] = field(default_factory=list)
    highlights: list[Highlight] = field(default_factory=list)
    by_type: list[tuple[str, int]] = field(default_factory=list)
    by_mode: list[tuple[str, int]] = field(default_factory=list)
    negated: int = 0
    invalid: int = 0  # events whose offsets fall outside the text
    errors: list[StageError] = field(default_factory=list)

    @property
    def collapsed(self) -> bool:
        return len(self.rows) > COLLAPSE_ABOVE


def article_events(article: Article, anchor: str) -> ArticleEvents:
    """The rows and highlights for ``article``'s events; ids start with ``anchor``."""
    marks = _Marks(article.text, anchor)
    rows = [_row(article, event, n, anchor, marks) for n, event in enumerate(article.events, 1)]
    return ArticleEvents(
        rows=rows,
        highlights=marks.highlights(),
        by_type=_count(row.type for row in rows),
        by_mode=_count(row.mode_label for row in rows),
        negated=sum(1 for row in rows if row.negated),
        invalid=sum(1 for row in rows if row.sentence_anchor is None),
        errors=stage_errors(article),
    )


def stage_errors(article: Article) -> list[StageError]:
    """The stage failures recorded on ``article``; any shape of record is shown, never dropped."""
    recorded = article.meta.get("errors") or []
    if not isinstance(recorded, list):
        recorded = [recorded]
    errors = []
    for item in recorded:
        if isinstance(item, dict):
            errors.append(
                StageError(
                    str(item.get("stage") or "unknown stage"),
                    str(item.get("error") or "no reason recorded"),
                )
            )
        else:
            errors.append(StageError("unknown stage", str(item)))
    return errors


def mode_label(mode: str) -> str:
    return _MODE_LABELS.get(mode, mode.replace("_", " ") or "unknown")


def format_number(value: float) -> str:
    """``7``, ``1,200``, ``6 billion``, ``2.5 million``, ``0.5``."""
    if not math.isfinite(value):
        return str(value)
    if value != int(value):
        return f"{value:,.2f}".rstrip("0").rstrip(".")
    number = int(value)
    for size, word in _LARGE:
        if abs(number) >= size and number % (size // 10) == 0:
            return f"{number / size:g} {word}"
    return f"{number:,}"


def format_quantity(quantity: Quantity) -> str:
    """``170 drones``, ``> 300 drones and missiles``, ``≥ 200 dead``, ``killed 7``, ``10–20``."""
    amount = _amount(quantity)
    counts = quantity.counts.strip()
    if not counts:
        return amount
    if counts.casefold() in _VERB_FIRST:
        return f"{counts} {amount}"
    return f"{amount} {counts}"


def _amount(q: Quantity) -> str:
    low = None if q.low is None else format_number(q.low)
    high = None if q.high is None else format_number(q.high)
    above = "≥" if q.low_inclusive else ">"
    below = "≤" if q.high_inclusive else "<"
    if low is not None and high is not None:
        if q.low == q.high and q.low_inclusive and q.high_inclusive:
            return low
        if q.low_inclusive and q.high_inclusive:
            return f"{low}–{high}"
        return f"{above} {low} and {below} {high}"
    if low is not None:
        return f"{above} {low}"
    if high is not None:
        return f"{below} {high}"
    if q.value is not None:
        return format_number(q.value)
    return "an unknown number of"


def _is_vague(q: Quantity) -> bool:
    exact = q.low is not None and q.low == q.high and q.low_inclusive and q.high_inclusive
    return not exact


class _Marks:
    """The highlights for one article: one per distinct sentence, trigger and actor mention."""

    def __init__(self, text: str, anchor: str) -> None:
        self.text = text
        self.anchor = anchor
        self.sentences: dict[Span, tuple[str, list[str]]] = {}
        self.triggers: dict[Span, tuple[str, list[str]]] = {}
        self.actors: dict[Span, tuple[str, str]] = {}

    def valid(self, span: Span | None) -> bool:
        return span is not None and span.end <= len(self.text)

    def sentence(self, span: Span, label: str) -> str:
        anchor, labels = self.sentences.setdefault(
            span, (f"{self.anchor}-s{len(self.sentences) + 1}", [])
        )
        labels.append(label)
        return anchor

    def trigger(self, span: Span, number: int, label: str) -> str:
        anchor, labels = self.triggers.setdefault(span, (f"{self.anchor}-e{number}-t", []))
        labels.append(label)
        return anchor

    def actor(self, mention: Mention, title: str) -> None:
        if self.valid(mention.span) and mention.span not in self.actors:
            self.actors[mention.span] = (f"{self.anchor}-m{len(self.actors) + 1}", title)

    def highlights(self) -> list[Highlight]:
        """Sentences first, so that a trigger or actor with the same span nests inside."""
        out: list[Highlight] = []
        for span, (anchor, labels) in self.sentences.items():
            out.append((span, "ev-sentence", anchor, "; ".join(labels)))
        for span, (anchor, labels) in self.triggers.items():
            out.append((span, "ev-trigger", anchor, "; ".join(labels)))
        for span, (anchor, title) in self.actors.items():
            out.append((span, "actor", anchor, title))
        return out


def _row(article: Article, event: Event, number: int, anchor: str, marks: _Marks) -> EventRow:
    label = f"event {number}: {event.type}" + (f" ({event.cameo})" if event.cameo else "")
    sentence_ok = marks.valid(event.sentence)
    trigger_ok = marks.valid(event.trigger)
    sources = [_actor(article, m, marks) for m in event.source]
    targets = [_actor(article, m, marks) for m in event.target]
    return EventRow(
        number=number,
        anchor=f"{anchor}-e{number}",
        sentence_anchor=marks.sentence(event.sentence, label) if sentence_ok else None,
        trigger_anchor=marks.trigger(event.trigger, number, label) if trigger_ok else None,
        type=event.type,
        cameo=event.cameo,
        trigger_words=_words(article, event.trigger),
        sources=sources,
        targets=targets,
        date=event.date,
        date_words=_words(article, event.date_span) or None,
        location=event.location,
        location_words=_words(article, event.location_span) or None,
        quantities=[_quantity(article, q) for q in event.quantities],
        mode=event.mode,
        mode_label=mode_label(event.mode),
        negated=event.negated,
        reporters=[_actor(article, m, marks) for m in event.reported_by],
        sentence=_words(article, event.sentence),
    )


def _words(article: Article, span: Span | None) -> str:
    if span is None or span.end > len(article.text):
        return ""
    return " ".join(span.of(article.text).split())


def _quantity(article: Article, quantity: Quantity) -> QuantityCell:
    written = _words(article, quantity.span) or quantity.text
    return QuantityCell(format_quantity(quantity), written, _is_vague(quantity))


def _actor(article: Article, mention: Mention, marks: _Marks) -> ActorCell:
    refers_to = None
    if mention.resolved_from is not None:
        refers_to = mention.name or _words(article, mention.resolved_from) or None
    cell = ActorCell(
        text=mention.text,
        title=_actor_title(article, mention),
        code=mention.actor,
        refers_to=refers_to,
    )
    marks.actor(mention, cell.title)
    return cell


def _actor_title(article: Article, mention: Mention) -> str:
    if not mention.actor and not mention.name:
        return f"“{mention.text}”: not linked to a known actor"
    parts = [mention.name or "unnamed actor"]
    if mention.actor:
        parts.append(f"code {mention.actor}")
    if mention.country:
        parts.append(f"country {mention.country}")
    if mention.sector:
        parts.append(f"sector {mention.sector}")
    title = " · ".join(parts)
    antecedent = _words(article, mention.resolved_from)
    if antecedent:
        title += f" · “{mention.text}” refers back to “{antecedent}”"
    return title


def _count(values: Iterable[str]) -> list[tuple[str, int]]:
    counts = Counter(values)
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def count_events(articles: Sequence[Article], key: Callable[[Event], str]) -> list[tuple[str, int]]:
    """Events of all ``articles`` counted by ``key(event)``, most frequent first."""
    return _count(key(event) for article in articles for event in article.events)
