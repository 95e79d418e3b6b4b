"""The disputed lines of a story's brief: one line per disagreement, each side's passages quoted
with the outlet (and the speaker, when the outlet attributes it) that gives it.

Three outlets giving 14 injured and two giving 12 make several contradicting pairs; the brief
shows them as one line, "Accounts differ (14 vs 12 injured). On one side, A: "…" C: "…" On the
other, B: "…"", not once a pair.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from manysides.model import BriefSentence, Citation, Contradiction, ContradictionSide

__all__ = ["MAX_REASONS", "disputed_lines"]

#: Reasons a disputed line names at most (the pairs of one dispute may give several).
MAX_REASONS = 2


def disputed_lines(contradictions: Sequence[Contradiction], names: Mapping[str, str],
                   ) -> list[BriefSentence]:
    """One disputed line per story event and kind of disagreement: the pairs of one dispute
    ("14 vs 12 injured" between A and B, A and D, C and B) are shown once, the passages of
    each side together. A dispute whose passages do not fall into two sides (three different
    counts) keeps a line per pair."""
    groups: dict[tuple[str, str] | int, list[Contradiction]] = {}
    for n, c in enumerate(contradictions):
        key = (c.story_event, c.kind) if c.story_event else n
        groups.setdefault(key, []).append(c)
    lines: list[BriefSentence] = []
    for group in groups.values():
        sides = _two_sides(group)
        if sides is None:
            lines.extend(_disputed(names, [c.reason], [c.a], [c.b], c.story_event) for c in group)
        else:
            reasons = _reasons(group, sides[0])
            lines.append(_disputed(names, reasons, *sides, group[0].story_event))
    return lines


def _reasons(group: Sequence[Contradiction], first: Sequence[ContradictionSide]) -> list[str]:
    """The reasons of ``group``, each once, told from the ``first`` side: a reason of two
    self-contained accounts ('"hit" negated vs "damage" asserted') is turned round when its
    pair's first passage is on the other side; "12 vs 14 injured" is "14 vs 12 injured" told
    from the other side. At most :data:`MAX_REASONS`, then how many more."""
    ours = {(s.article, s.span.start, s.span.end) for s in first}
    seen: dict[tuple[str, ...], str] = {}
    for c in group:
        reason = c.reason
        if (c.a.article, c.a.span.start, c.a.span.end) not in ours and c.kind != "number":
            one, vs, other = reason.partition(" vs ")
            reason = f"{other} vs {one}" if vs else reason
        seen.setdefault(tuple(sorted(reason.split())), reason)
    reasons = list(seen.values())
    if len(reasons) > MAX_REASONS:
        reasons = [*reasons[:MAX_REASONS], f"{len(reasons) - MAX_REASONS} more"]
    return reasons


def _two_sides(group: Sequence[Contradiction],
               ) -> tuple[list[ContradictionSide], list[ContradictionSide]] | None:
    """The passages of ``group`` split into the two sides of one dispute (each contradiction
    puts its two passages on opposite sides), or None when they cannot be: an odd cycle (three
    different counts), or pairs that share no passage (which side is which is unknown)."""
    def key(s: ContradictionSide) -> tuple[str, int, int]:
        return (s.article, s.span.start, s.span.end)

    passages: dict[tuple[str, int, int], ContradictionSide] = {}
    against: dict[tuple[str, int, int], list[tuple[str, int, int]]] = {}
    for c in group:
        a, b = key(c.a), key(c.b)
        passages.setdefault(a, c.a)
        passages.setdefault(b, c.b)
        against.setdefault(a, []).append(b)
        against.setdefault(b, []).append(a)
    first = next(iter(passages))
    side, todo = {first: 0}, [first]
    while todo:
        here = todo.pop()
        for there in against[here]:
            if there not in side:
                side[there] = 1 - side[here]
                todo.append(there)
            elif side[there] == side[here]:
                return None
    if len(side) < len(passages):
        return None
    return ([passages[k] for k, v in side.items() if v == 0],
            [passages[k] for k, v in side.items() if v == 1])


def _disputed(names: Mapping[str, str], reasons: Sequence[str], one: Sequence[ContradictionSide],
              other: Sequence[ContradictionSide], story_event: str | None) -> BriefSentence:
    def said(s: ContradictionSide) -> str:
        name = names.get(s.outlet, s.outlet)
        who = f"{name} ({s.speaker})" if s.speaker else name
        return f'{who}: "{" ".join(s.text.split())}"'

    if len(one) == 1 and len(other) == 1:
        sides = f"{said(one[0])} {said(other[0])}"
    else:
        sides = (f"On one side, {' '.join(said(s) for s in one)} "
                 f"On the other, {' '.join(said(s) for s in other)}")
    every = [*one, *other]
    return BriefSentence(
        text=f"Accounts differ ({'; '.join(reasons)}). {sides}", kind="disputed",
        story_event=story_event, outlets=list(dict.fromkeys(s.outlet for s in every)),
        citations=[Citation(s.article, s.span, s.text) for s in every])
