"""Contradictions: every pair of passages of one story that cannot both be right.

:func:`conflicts` judges each pair of mentions of one story event with the tests of
:mod:`manysides.compare.contrast` (numbers, dates, negation and denial, "on its own" against
"helped"), across outlets and, within one outlet, between different speakers.
:func:`impact_conflicts` finds what alignment may have kept apart: "did not strike one building"
in one outlet against another outlet's report of damage to that side.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from manysides.compare.contrast import (
    _POSITIVE,
    Evidence,
    _conflicts,
    _habitual,
    _impact,
    _Member,
    _members,
    _negative,
    _unwrap,
    outlet_of,
)
from manysides.model import Article, Event, StoryEvent

if TYPE_CHECKING:
    from manysides.compare.align import AlignedEvent

__all__ = ["Conflict", "conflicts", "impact_conflicts"]


@dataclass(frozen=True, slots=True)
class Conflict:
    """Two mentions of one story event that cannot both be right (see :func:`conflicts`)."""

    event: str  # the story event id
    kind: str  # number | date | negation | denial | attribution | model
    reason: str
    confidence: float
    a: Evidence
    b: Evidence
    outlet_a: str
    outlet_b: str


def conflicts(story_events: Sequence[StoryEvent | AlignedEvent],
              articles: Sequence[Article]) -> list[Conflict]:
    """Every pair of mentions of one story event that cannot both be right.

    Pairs from different outlets always count. Two mentions from one outlet count when they
    give the event to different speakers (an official's account against a group's denial,
    both reported by one newspaper): different sentences whose ``reported_by`` sides differ.
    """
    by_id = {a.id: a for a in articles}
    out: list[Conflict] = []
    for item in story_events:
        story_event, supports = _unwrap(item)
        members = _members(story_event, supports, by_id)
        for n, a in enumerate(members):
            for b in members[n + 1:]:
                if a.outlet == b.outlet and not _different_speakers(a, b):
                    continue
                for c in _conflicts(a, b):
                    out.append(Conflict(story_event.id, c.kind, c.reason,
                                        round(c.confidence, 3), a.evidence(), b.evidence(),
                                        a.outlet, b.outlet))
    return out


def _different_speakers(a: _Member, b: _Member) -> bool:
    """Whether one outlet gives two mentions to different speakers (by the speakers' words:
    "senior members of Hamas" and "a senior Hamas official" are two accounts)."""
    if a.event.sentence == b.event.sentence:
        return False
    speakers_a = {m.text.lower() for m in a.event.reported_by}
    speakers_b = {m.text.lower() for m in b.event.reported_by}
    if not speakers_a and not speakers_b:
        return False
    return not speakers_a & speakers_b


def impact_conflicts(articles: Sequence[Article]) -> list[Conflict]:
    """A negated act against a target ("did not strike one building") against another outlet's
    report of harm done to that target ("damage to one base"), wherever alignment put them.

    The negated mention must name its target (and may name its source); the other must report
    an impact (:data:`_IMPACT` or a count of dead or injured) on a target of the same side, and
    name no source other than the negated mention's. Habits ("has never struck") are left out.
    """
    from manysides.compare.align import actor_keys

    out = []
    negated = [(a, n, e) for a in articles for n, e in enumerate(a.events)
               if e.negated and e.mode in _POSITIVE and actor_keys(e.target)
               and not _habitual(e, a.text)]
    for article, n, neg in negated:
        targets, sources = actor_keys(neg.target), actor_keys(neg.source)
        for other in articles:
            if outlet_of(other) == outlet_of(article):
                continue
            for m, pos in enumerate(other.events):
                if _negative(pos) or pos.mode not in _POSITIVE or not _impact(pos, other.text):
                    continue
                their = actor_keys(pos.source)
                if not _aimed_at(pos, other, targets) or (their and not their <= sources):
                    continue
                word = neg.trigger.of(article.text)
                said = pos.trigger.of(other.text)
                out.append(Conflict(
                    "", "negation", f'"{word}" negated vs "{said}" reported', 0.45,
                    Evidence(article.id, neg.sentence, neg.trigger, n),
                    Evidence(other.id, pos.sentence, pos.trigger, m),
                    outlet_of(article), outlet_of(other)))
    return out


#: How far before an impact word a mention of the harmed side may stand when the event has no
#: target of its own ("Israel is reporting no deaths. They are reporting damage to one base").
_NEARBY = 200


def _aimed_at(event: Event, article: Article, sides: set[str]) -> bool:
    """Whether the mention's target is one of ``sides`` — or, with no target whose side is
    known ("one depot"), a mention of one of them stands just before it (the sentence
    or the one before)."""
    from manysides.compare.align import actor_keys

    named = actor_keys(event.target)
    if named:
        return bool(named & sides)
    start = max(0, event.sentence.start - _NEARBY)
    near = [m for m in article.mentions if start <= m.span.start < event.trigger.start]
    near += [m for e in article.events for m in (*e.source, *e.target)
             if start <= m.span.start < event.trigger.start]
    return bool(actor_keys(near) & sides)
