"""The attach step of event alignment (:func:`attach`): mentions that name an act and its
source but not its target join the story event of that act and source whose target is named."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

from manysides.compare.contrast import dates_gap

if TYPE_CHECKING:
    from manysides.compare.align import Scorer

__all__ = ["attach"]


def attach(nodes: list[tuple[str, int]], clusters: list[set[int]],
            scores: dict[tuple[int, int], float], scorer: Scorer) -> list[set[int]]:
    """Mentions that name the act and its source but not its target ("the Ardenian airstrike")
    join the event of that type and source whose target is named ("Ardenia fired drones at
    Borovia"),
    when nothing rules them out: no type, mode or date veto against any member, and, if dated,
    a member dated alike. Their words may share too little to reach the threshold. Of several
    such events, the one most outlets report (then the best scored) takes them. An ongoing or
    habitual act ("has attacked Borovia for decades", :func:`~manysides.compare.contrast.ongoing`)
    is no one event and never joins this way."""
    clusters = [set(c) for c in clusters]
    feats = [scorer.features(*node) for node in nodes]

    def outlets(d: set[int]) -> int:
        return len({scorer.outlet(nodes[i][0]) for i in d})

    def sides(c: set[int]) -> tuple[frozenset[str], frozenset[str]]:
        return (frozenset().union(*(feats[i].source for i in c)),
                frozenset().union(*(feats[i].target for i in c)))

    def joins(c: set[int], d: set[int]) -> bool:
        if any(scorer.hard_veto(nodes[x], nodes[y]) for x in c for y in d):
            return False
        dated = [feats[i].date for i in c if feats[i].date]
        return all(any(dates_gap(when, feats[y].date) == 0 for y in d) for when in dated)

    for c in sorted(clusters, key=min):
        source, target = sides(c)
        kinds = {feats[i].type for i in c}
        # no target words at all: "murdered aid workers" names a target, if not a country
        if target or not source or len(kinds) != 1 or any(
                scorer.event(*nodes[i]).target or feats[i].ongoing for i in c):
            continue
        candidates = []
        for n, d in enumerate(clusters):
            if d is c or not d:
                continue
            d_source, d_target = sides(d)
            if not d_target or not source <= d_source or _kind(feats, d) not in kinds:
                continue
            if joins(c, d):
                best = max(scores.get((min(x, y), max(x, y)), 0.0) for x in c for y in d)
                candidates.append((outlets(d), best, -min(d), n))
        if candidates:
            *_, n = max(candidates)
            clusters[n] |= c
            c.clear()
    return [c for c in clusters if c]


def _kind(feats: list[Any], members: set[int]) -> str:
    """The type most of a group's mentions have (the first, on a tie)."""
    kinds = Counter(feats[i].type for i in sorted(members))
    return max(kinds, key=lambda k: (kinds[k], -[feats[i].type for i in sorted(members)].index(k)))
