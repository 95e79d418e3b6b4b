"""Related stories: articles that discuss, in a few paragraphs, a story other than their own.

:func:`~manysides.compare.stories.cluster_stories` keeps each article in its main story and calls
:func:`link_related`, which lists it in another story's ``related`` when one of its chunks
matches that story's centroid clearly better than its own story's (``RELATED_MARGIN``, at least
``RELATED_MIN_SIMILARITY``), the article does not speak from before that story began, and, when
the batch has events, an event of the chunk reports that story's lead happening; or when it
reports, with a day-precise date, an event of the days the other story's articles speak from (and
not of its own story's days), or that story's lead happening with a day of its own. The evidence
(chunk spans and similarities, or the dated sentences) is kept in ``article.meta["story"]``, so a
report can cite the paragraph. The thresholds live with the other tuned settings in
:mod:`manysides.compare.stories`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

import numpy as np

from manysides.compare.align import actor_keys
from manysides.compare.contrast import date_range
from manysides.compare.stories import (
    DATE_GRACE_DAYS,
    EPOCH,
    REAL_MODES,
    RELATED_HAPPENING_SHARE,
    RELATED_MARGIN,
    RELATED_MIN_SIMILARITY,
    ArticleVectors,
    article_day,
    happening_profile,
    unique_ids,
    unit_vector,
)
from manysides.model import Article, Event, Span, Story

__all__ = ["link_related"]


def link_related(articles: Sequence[Article], vectors: ArticleVectors,
                 groups: list[list[int]], stories: list[Story]) -> None:
    """Mark articles that discuss another story: chunks that match it clearly better than
    their own (backed by their events when the batch has them), or dated mentions of it.

    ``groups`` are the row numbers in ``articles`` (and ``vectors``) of each of ``stories``;
    each story's ``related`` and each article's ``meta["story"]`` are filled in place."""
    sums = [vectors.articles[g].sum(axis=0) for g in groups]
    ranges = [_story_days([articles[i] for i in g]) for g in groups]
    happenings = [_story_happening([articles[i] for i in g]) for g in groups]
    centroids = np.stack([unit_vector(s) for s in sums])
    for k, group in enumerate(groups):
        for i in group:
            own = vectors.articles[i]
            if len(group) > 1:
                own = unit_vector(sums[k] - own)
            found = _related_chunks(vectors.chunks[i], own, centroids, k)
            found = {other: rows for other, rows in found.items()
                     if not _earlier(articles[i], ranges[other]) and (
                         not articles[i].events or not happenings[other] or any(
                             _supports(articles[i], vectors.spans[i][r], happenings, k, other)
                             for r, _ in rows))}
            evidence = []
            spans = vectors.spans[i]
            for other, rows in found.items():
                stories[other].related = unique_ids([*stories[other].related, articles[i].id])
                evidence.append({
                    "story": stories[other].id,
                    "spans": [[spans[r].start, spans[r].end] for r, _ in rows],
                    "similarity": round(max(s for _, s in rows), 4),
                })
            dated = [(_dated_mentions(articles[i], ranges, k), "date"),
                     (_dated_happenings(articles[i], happenings, k), "dated happening")]
            for mentions, basis in dated:
                for other, found_spans in mentions.items():
                    if any(e["story"] == stories[other].id for e in evidence):
                        continue
                    stories[other].related = unique_ids([*stories[other].related, articles[i].id])
                    evidence.append({"story": stories[other].id,
                                     "spans": [[sp.start, sp.end] for sp in found_spans],
                                     "basis": basis})
            articles[i].meta["story"] = {"id": stories[k].id, "related": evidence}


def _story_happening(members: list[Article]) -> dict[tuple[str, str], float]:
    """The story's lead happening: the unit mean of its members' unit happening profiles."""
    total: dict[tuple[str, str], float] = {}
    for article in members:
        profile = happening_profile(article)
        norm = math.sqrt(sum(v * v for v in profile.values()))
        for key, weight in profile.items():
            total[key] = total.get(key, 0.0) + weight / norm
    norm = math.sqrt(sum(v * v for v in total.values()))
    return {key: v / norm for key, v in total.items()} if norm else {}


def _names_other(event: Event, happenings: list[dict[tuple[str, str], float]], k: int,
                 other: int) -> bool:
    """Whether a real event reports story ``other``'s lead happening rather than story ``k``'s."""
    if event.mode not in REAL_MODES or event.negated:
        return False
    for side in actor_keys(event.source):
        theirs = happenings[other].get((event.type, side), 0.0)
        if theirs >= RELATED_HAPPENING_SHARE and happenings[k].get((event.type, side), 0.0) < (
                theirs / 2):
            return True
    return False


def _supports(article: Article, chunk: Span, happenings: list[dict[tuple[str, str], float]],
              k: int, other: int) -> bool:
    """Whether an event of the chunk reports the other story's happening: the embeddings
    alone cannot tell two happenings of one topic apart (the clustering needed the events)."""
    return any(chunk.contains(e.sentence) and _names_other(e, happenings, k, other)
               for e in article.events)


_DAY = re.compile(r"(?:\d{4}|-)-\d{2}-\d{2}")  # 2024-04-01 or --04-01, not 2024-04


def _dated_happenings(article: Article, happenings: list[dict[tuple[str, str], float]],
                      k: int) -> dict[int, list[Span]]:
    """Sentences that report another story's lead happening with a day of their own, even
    without a year ("after the raid of March 3" in an article about a later strike)."""
    found: dict[int, list[Span]] = {}
    for event in article.events:
        if not event.date or not _DAY.fullmatch(event.date) or event.date_span is None:
            continue
        for other in range(len(happenings)):
            if other != k and happenings[other] and _names_other(event, happenings, k, other):
                spans = found.setdefault(other, [])
                if event.sentence not in spans:
                    spans.append(event.sentence)
    return found


def _story_days(members: list[Article]) -> tuple[float, float] | None:
    """The first and last day the story's dated members speak from (None: none is dated)."""
    days = [d for a in members if (d := article_day(a)) is not None]
    return (min(days), max(days)) if days else None


def _earlier(article: Article, days: tuple[float, float] | None) -> bool:
    """Whether the article speaks from clearly before a story began: it cannot discuss it."""
    day = article_day(article)
    return day is not None and days is not None and day < days[0] - DATE_GRACE_DAYS


def _dated_mentions(article: Article, ranges: list[tuple[float, float] | None],
                    k: int) -> dict[int, list[Span]]:
    """Sentences of ``article`` that report, with a day-precise date, an event that happened
    while another story was being reported (within a day of its members' dates) and clearly
    outside the article's own story's days: "after the June 3 raid" in a September article."""
    found: dict[int, list[Span]] = {}
    own = ranges[k]
    for event in article.events:
        if event.mode not in REAL_MODES or event.negated or not event.date or len(event.date) != 10:
            continue
        span = date_range(event.date)
        if span is None:
            continue
        day = span[0].toordinal() - EPOCH
        if own is not None and own[0] - DATE_GRACE_DAYS <= day <= own[1] + 1:
            continue
        for other, days in enumerate(ranges):
            if other != k and days is not None and days[0] - 1 <= day <= days[1] + 1:
                spans = found.setdefault(other, [])
                if event.sentence not in spans:
                    spans.append(event.sentence)
    return found


def _related_chunks(chunks: np.ndarray, own: np.ndarray, centroids: np.ndarray,
                    k: int) -> dict[int, list[tuple[int, float]]]:
    """For each other story: the chunks (row, similarity) that point to it."""
    found: dict[int, list[tuple[int, float]]] = {}
    if len(centroids) < 2 or not len(chunks):
        return found
    to_own = chunks @ own
    to_all = chunks @ centroids.T
    to_all[:, k] = -np.inf
    for row in range(len(chunks)):
        other = int(np.argmax(to_all[row]))
        score = float(to_all[row, other])
        if score >= RELATED_MIN_SIMILARITY and score - float(to_own[row]) >= RELATED_MARGIN:
            found.setdefault(other, []).append((row, score))
    return found
