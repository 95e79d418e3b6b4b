"""Who an article casts as using force and who as suffering it.

Sentiment toward an actor reads how the sentences around its mentions sound, and the sound of
a war story is negative on every side: "hundreds of Israelis dead" and "Israel's bombing" both
read negative toward Israel. Which side an outlet puts an actor on is a framing choice of its
own (agency: who acts, who is acted upon), and the event stage already says it: an act of
force (PLOVER ``ASSAULT`` or ``COERCE``) has a source and a target. This module counts, per
actor, the acts of force an article tells of it carrying out and those it tells of it
suffering, grouped as :mod:`~manysides.compare.actor_groups` groups mentions.

Only acts the article tells as having happened count (asserted, attributed to a source, or
hedged); denied, negated, hypothetical, announced and called-for acts do not ("Israel must not
respond" casts no one). An actor on both sides of one act (a clash between two units of the
same army) counts on neither.
"""

from __future__ import annotations

from collections.abc import Container, Iterable
from dataclasses import dataclass, field

from manysides.compare.actor_groups import ActorKey, actor_key
from manysides.model import Event, Mention

__all__ = ["FORCE", "TOLD", "ForceRoles", "force_roles"]

#: PLOVER categories of physical force against a party: attacks, and seizures, arrests,
#: blockades and the like.
FORCE = frozenset({"ASSAULT", "COERCE"})
#: Event modes in which the article tells the act as having happened.
TOLD = frozenset({"asserted", "reported", "hedged"})


@dataclass(slots=True)
class ForceRoles:
    """The acts of force an article tells of one actor doing (``by``) and suffering (``on``),
    as (index in the article's events, event)."""

    by: list[tuple[int, Event]] = field(default_factory=list)
    on: list[tuple[int, Event]] = field(default_factory=list)


def force_roles(events: Iterable[Event], persons: Container[str]) -> dict[ActorKey, ForceRoles]:
    """For each actor group (:func:`~manysides.compare.actor_groups.actor_key` with
    ``persons``), the acts of force of ``events`` it carries out and suffers; actors in no such
    act are absent. Each act counts once per actor and side, however many of its mentions
    name the actor."""
    found: dict[ActorKey, ForceRoles] = {}
    for index, event in enumerate(events):
        if event.type not in FORCE or event.mode not in TOLD or event.negated:
            continue
        doers = _keys(event.source, persons)
        sufferers = _keys(event.target, persons)
        for key in doers - sufferers:
            found.setdefault(key, ForceRoles()).by.append((index, event))
        for key in sufferers - doers:
            found.setdefault(key, ForceRoles()).on.append((index, event))
    return found


def _keys(mentions: Iterable[Mention], persons: Container[str]) -> set[ActorKey]:
    return {key for mention in mentions if (key := actor_key(mention, persons)) is not None}
