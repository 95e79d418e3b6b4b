"""The whole comparison of a batch of articles: stories, story events, verdicts, contradictions,
a neutral brief and a timeline per story, and a profile per outlet (:func:`compare`).

Duplicates (``article.duplicate`` set by ingest) are left out and listed in
``Comparison.skipped``. Each story's articles are aligned (:func:`~manysides.compare.align
.align_story`), judged outlet by outlet (:func:`~manysides.compare.contrast.verdicts`), and every
pair of mentions that cannot both be right becomes a :class:`~manysides.model.Contradiction`
(:func:`~manysides.compare.contrast.conflicts`). Every item carries the article id and the
character span it rests on.

Example::

    from manysides.compare import compare

    result = compare(articles)
    for verdict in result.verdicts:
        print(verdict.story_event, verdict.outlet, verdict.verdict, verdict.numbers)
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

from manysides.compare import conflicts, contrast
from manysides.compare.align import THRESHOLD, AlignedEvent, actor_keys, align_story
from manysides.compare.brief import build_brief, build_timeline
from manysides.compare.profile import outlet_profiles
from manysides.compare.stories import cluster_stories, settings
from manysides.model import (
    Article,
    Comparison,
    Contradiction,
    ContradictionSide,
    Evidence,
    Mention,
    OutletVerdict,
    Story,
)

__all__ = ["compare", "compare_story", "outlet_of"]

outlet_of = contrast.outlet_of


def compare(articles: Sequence[Article], *, threshold: float | None = None,
            encoder: Any = None) -> Comparison:
    """Compare ``articles`` outlet by outlet: stories, events, verdicts, contradictions,
    briefs and timelines. ``threshold`` and ``encoder`` go to
    :func:`~manysides.compare.stories.cluster_stories`."""
    kept = [a for a in articles if a.duplicate is None]
    result = Comparison(skipped=[a.id for a in articles if a.duplicate is not None])
    for article in kept:
        result.outlets.setdefault(outlet_of(article), []).append(article.id)
    result.settings = {
        "story_threshold": float(settings()["threshold"]) if threshold is None else threshold,
        "align_threshold": THRESHOLD,
    }
    if not kept:
        return result
    result.stories = cluster_stories(kept, threshold=threshold, encoder=encoder)
    if any(article.claims or article.lean for article in kept):  # the framing stages ran
        result.profiles = outlet_profiles(kept)
    by_id = {a.id: a for a in kept}
    for story in result.stories:
        compare_story(story, [by_id[i] for i in story.articles], result)
    return result


def compare_story(story: Story, members: list[Article], result: Comparison) -> None:
    """Align, judge and summarise one story; add what is found to ``result``."""
    aligned = align_story(members, story.id)
    story.events = [a.event for a in aligned]
    by_id = {a.id: a for a in members}
    names = _side_names(members)
    verdicts = [_verdict(story.id, v, by_id) for v in contrast.verdicts(aligned, members)]
    _unnamed(verdicts, aligned, by_id, names)
    found = conflicts.conflicts(aligned, members)
    found += _placed(conflicts.impact_conflicts(members), aligned, found)
    contradictions = [_contradiction(story.id, n, c, by_id)
                      for n, c in enumerate(_strongest(found), start=1)]
    result.verdicts.extend(verdicts)
    result.contradictions.extend(contradictions)
    result.briefs.append(build_brief(story, members, aligned, verdicts, contradictions))
    result.timelines.append(build_timeline(story, members, aligned))


def _evidence(found: contrast.Evidence, by_id: dict[str, Article]) -> Evidence:
    article = by_id[found.article]
    quantities = list(article.events[found.event].quantities) if found.event is not None else []
    return Evidence(article=found.article, span=found.span, text=found.span.of(article.text),
                    trigger=found.trigger, event=found.event, quantities=quantities)


def _verdict(story: str, v: contrast.Verdict, by_id: dict[str, Article]) -> OutletVerdict:
    numbers = [f"{q.text or contrast.describe_quantity(q)} {q.counts}".strip()
               for q in v.quantities]
    return OutletVerdict(
        story=story, story_event=v.event, outlet=v.outlet, article=v.article, verdict=v.kind,
        confidence=v.confidence, reason=v.reason, numbers=list(dict.fromkeys(numbers)),
        words=list(v.words), evidence=[_evidence(e, by_id) for e in v.spans],
        against=[_evidence(e, by_id) for e in v.other],
    )


def _side_names(members: list[Article]) -> dict[str, str]:
    """A readable name for each actor key (country or group) the story's mentions name."""
    names: dict[str, str] = {}
    for article in members:
        for event in article.events:
            for m in (*event.source, *event.target):
                for key in actor_keys([m]):
                    if key not in names or (m.actor == key and m.name):
                        names[key] = m.name if m.actor == key and m.name else key
    return names


def _unnamed(verdicts: list[OutletVerdict], aligned: list[AlignedEvent],
             by_id: dict[str, Article], names: dict[str, str]) -> None:
    """For each outlet that reports an event: the sides other outlets name in it that this
    outlet does not (003 names France and Jordan among the interceptors; 000 names neither)."""
    sides: dict[tuple[str, str], set[str]] = {}
    for item in aligned:
        for article_id, n in item.event.mentions:
            article = by_id[article_id]
            event = article.events[n]
            key = (item.event.id, outlet_of(article))
            sides.setdefault(key, set()).update(actor_keys([*event.source, *event.target]))
    for verdict in verdicts:
        own = sides.get((verdict.story_event, verdict.outlet))
        if own is None or verdict.verdict == "omits":
            continue
        others = set().union(*(found for (event, outlet), found in sides.items()
                               if event == verdict.story_event and outlet != verdict.outlet))
        verdict.unnamed = [names.get(k, k) for k in sorted(others - own)]


def _placed(extra: list[conflicts.Conflict], aligned: list[AlignedEvent],
            found: list[conflicts.Conflict]) -> list[conflicts.Conflict]:
    """``extra`` conflicts not already found, each given the story event of its negated
    mention (empty when it has none)."""
    seen = {frozenset({(c.a.article, c.a.span), (c.b.article, c.b.span)}) for c in found}
    where = {m: item.event.id for item in aligned for m in item.event.mentions}
    out = []
    for c in extra:
        if frozenset({(c.a.article, c.a.span), (c.b.article, c.b.span)}) in seen:
            continue
        event = where.get((c.a.article, c.a.event)) if c.a.event is not None else None
        out.append(dataclasses.replace(c, event=event or ""))
    return out


def _strongest(found: list[conflicts.Conflict]) -> list[conflicts.Conflict]:
    """One conflict per pair of sentences and kind: the most confident."""
    best: dict[tuple[Any, ...], conflicts.Conflict] = {}
    for c in found:
        key = (c.event, c.kind, c.a.article, c.a.span, c.b.article, c.b.span)
        if key not in best or c.confidence > best[key].confidence:
            best[key] = c
    return sorted(best.values(), key=lambda c: (-c.confidence, c.event, c.kind))


def _side(outlet: str, found: contrast.Evidence, by_id: dict[str, Article]) -> ContradictionSide:
    article = by_id[found.article]
    speaker = ""
    if found.event is not None:
        speaker = "; ".join(dict.fromkeys(
            _speaker_name(m) for m in article.events[found.event].reported_by))
    return ContradictionSide(outlet=outlet, article=found.article, span=found.span,
                             text=found.span.of(article.text), trigger=found.trigger,
                             event=found.event, speaker=speaker)


def _speaker_name(mention: Mention) -> str:
    """A speaker as the reader should see it: a pronoun or short form the actor stage resolved
    ("they", "the ministry") by the name it resolved to, else the words of the text."""
    if mention.resolved_from is not None and mention.name:
        return mention.name
    return mention.text


def _contradiction(story: str, number: int, c: conflicts.Conflict,
                   by_id: dict[str, Article]) -> Contradiction:
    return Contradiction(
        id=f"{story}-c{number}", story=story, story_event=c.event or None, kind=c.kind,
        reason=c.reason,
        a=_side(c.outlet_a, c.a, by_id), b=_side(c.outlet_b, c.b, by_id),
        confidence=c.confidence,
    )
