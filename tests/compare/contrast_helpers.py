"""Hand-built articles, events and counts for the alignment and contrast tests.

Every span is found in the text by its words, so the offsets are exact. Countries and outlets
are invented: Ardenia (ARD), Borovia (BOR), Calvera (CAL), the Front (FRO), in Velmar.
"""

from __future__ import annotations

import re

from manysides.model import Article, Event, Mention, Quantity, Span
from manysides.nlp.quantities import parse_amount

ActorSpec = tuple[str, ...]  # (words, country) or (words, country, sector)


def find(text: str, words: str, after: int = 0) -> Span:
    start = text.index(words, after)
    return Span(start, start + len(words))


def sentence_of(text: str, at: int) -> Span:
    """The sentence around offset ``at`` (sentences end with ". ")."""
    starts = [0] + [m.end() for m in re.finditer(r"[.!?]\s+", text)]
    start = max(s for s in starts if s <= at)
    ends = [m.start() + 1 for m in re.finditer(r"[.!?](?:\s+|$)", text) if m.start() >= at]
    return Span(start, ends[0] if ends else len(text))


def count(phrase: str, counts: str, span: Span | None = None) -> Quantity:
    """A Quantity as the event stage makes it from ``phrase`` ("more than 300")."""
    amount = parse_amount(phrase)
    assert amount is not None, phrase
    return Quantity(span=span or Span(0, len(phrase)), counts=counts, value=amount.value,
                    low=amount.low, high=amount.high, low_inclusive=amount.low_inclusive,
                    high_inclusive=amount.high_inclusive, text=phrase)


def actor(text: str, spec: ActorSpec) -> Mention:
    words, country, *rest = spec
    sector = rest[0] if rest else None
    return Mention(span=find(text, words), text=words, label="GPE", country=country or None,
                   actor=(country or "---") + (sector or "") if (country or sector) else None,
                   sector=sector, name=words if not sector else None)


def event(text: str, trigger: str, type: str, *, source: tuple[ActorSpec, ...] = (),
          target: tuple[ActorSpec, ...] = (), counts: tuple[tuple[str, str], ...] = (),
          mode: str = "asserted", negated: bool = False, date: str | None = None,
          location: str | None = None, cameo: str | None = None, after: int = 0) -> Event:
    """An event whose trigger is the first ``trigger`` at or after ``after`` in ``text``."""
    span = find(text, trigger, after)
    return Event(
        trigger=span, sentence=sentence_of(text, span.start), type=type, cameo=cameo,
        source=[actor(text, s) for s in source], target=[actor(text, t) for t in target],
        mode=mode, negated=negated, date=date, location=location,
        location_span=find(text, location) if location else None,
        quantities=[count(p, c, find(text, p)) for p, c in counts],
    )


def article(id: str, text: str, events: list[Event], outlet: str | None = None) -> Article:
    return Article(id=id, text=text, outlet=outlet, events=events)
