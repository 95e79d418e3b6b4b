"""What the report shows for each story: the neutral brief, the timeline, the event × outlet
matrix, the contradictions side by side and the actor × outlet sentiment heatmap; and one
profile per outlet. Built from :class:`~manysides.model.Comparison` and the articles.

Every cited passage becomes a highlight in its article with its own anchor (a :class:`Citations`
index collects them before the articles are rendered), so each cell links to the exact words.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from manysides.compare.actor_groups import (
    ActorKey,
    actor_key,
    group_names,
    person_names,
    readable_actor,
)
from manysides.compare.agency import force_roles
from manysides.compare.contrast import outlet_label, outlet_of
from manysides.model import (
    Article,
    Comparison,
    Contradiction,
    Mention,
    OutletProfile,
    OutletVerdict,
    Span,
    Story,
    StoryEvent,
)
from manysides.report.framing import lean_order, shorten
from manysides.report.spans import Highlight

__all__ = [
    "Cell",
    "Citations",
    "CiteLink",
    "HeatCell",
    "MatrixRow",
    "OutletCard",
    "StoryView",
    "outlet_cards",
    "outlet_names",
    "story_views",
]

#: Rows of the event × outlet matrix shown before the rest fold away.
MATRIX_ROWS = 30
#: Actors in a story's sentiment heatmap.
HEAT_ACTORS = 10


@dataclass(slots=True)
class CiteLink:
    """A link to a cited passage: the anchor of its highlight, the words, the outlet."""

    anchor: str
    text: str
    outlet: str = ""


class Citations:
    """Anchors for every passage the comparison cites, per article, created on first use."""

    def __init__(self, articles: Sequence[Article], anchor_of: dict[str, str]) -> None:
        self._texts = {a.id: a.text for a in articles}
        self._anchor_of = anchor_of
        self._spans: dict[str, dict[Span, str]] = defaultdict(dict)

    def link(self, article: str, span: Span, outlet: str = "", limit: int = 160) -> CiteLink | None:
        """The link to ``span`` of ``article`` (None when the article or offsets are unknown)."""
        text = self._texts.get(article)
        if text is None or span.end > len(text) or span.start >= span.end:
            return None
        spans = self._spans[article]
        if span not in spans:
            spans[span] = f"{self._anchor_of[article]}-x{len(spans) + 1}"
        return CiteLink(spans[span], shorten(span.of(text), limit), outlet)

    def highlights(self, article: str) -> list[Highlight]:
        return [(span, "cite", anchor, "cited in the comparison")
                for span, anchor in self._spans.get(article, {}).items()]


@dataclass(slots=True)
class Cell:
    """One outlet's verdict on one story event."""

    verdict: str  # reports | omits | contradicts | absent (the outlet is not in the story)
    numbers: list[str] = field(default_factory=list)
    words: list[str] = field(default_factory=list)
    reason: str = ""
    confidence: float = 0.0
    links: list[CiteLink] = field(default_factory=list)
    against: list[CiteLink] = field(default_factory=list)


@dataclass(slots=True)
class MatrixRow:
    event: StoryEvent
    date: str | None
    cells: list[Cell]
    reported: int


@dataclass(slots=True)
class HeatCell:
    mean: float | None
    mentions: int
    link: CiteLink | None = None  # the strongest mention
    force_by: int = 0  # acts of force the outlet tells of the actor carrying out
    force_on: int = 0  # and suffering (compare/agency.py)
    by_link: CiteLink | None = None  # the first of each
    on_link: CiteLink | None = None


@dataclass(slots=True)
class StoryView:
    story: Story
    anchor: str
    outlets: list[str]  # outlet keys, in column order
    articles: list[Article]
    related: list[Article]
    brief: list[tuple[str, str, list[CiteLink]]]  # (kind, sentence, citations)
    timeline: list[tuple[str, str, str, str, list[str], list[CiteLink], str]]
    matrix: list[MatrixRow]
    contradictions: list[tuple[Contradiction, CiteLink | None, CiteLink | None]]
    heat_actors: list[tuple[str, str]]  # (row key: code, or code|person's name; name)
    heat: dict[tuple[str, str], HeatCell]  # (actor key, outlet) -> cell

    @property
    def matrix_shown(self) -> list[MatrixRow]:
        return self.matrix[:MATRIX_ROWS]

    @property
    def matrix_folded(self) -> list[MatrixRow]:
        return self.matrix[MATRIX_ROWS:]


def outlet_names(articles: Sequence[Article]) -> dict[str, str]:
    """Outlet key (:func:`~manysides.compare.contrast.outlet_of`) -> what to show
    (:func:`~manysides.compare.contrast.outlet_label`): the outlet, else the file it was read
    from, else the start of the article's id. Never invented."""
    return {outlet_of(a): outlet_label(a) for a in articles}


def story_views(comparison: Comparison, articles: Sequence[Article], anchor_of: dict[str, str],
                cites: Citations) -> list[StoryView]:
    by_id = {a.id: a for a in articles}
    names = {key: name for key, name in outlet_names(articles).items() if key in by_id}
    verdicts: dict[tuple[str, str], OutletVerdict] = {}
    for v in comparison.verdicts:
        verdicts[(v.story_event, v.outlet)] = v
    briefs = {b.story: b for b in comparison.briefs}
    timelines = {t.story: t for t in comparison.timelines}
    contradictions: dict[str, list[Contradiction]] = defaultdict(list)
    for c in comparison.contradictions:
        contradictions[c.story].append(c)
    views = []
    for story in comparison.stories:
        members = [by_id[i] for i in story.articles if i in by_id]
        outlets = list(dict.fromkeys(outlet_of(a) for a in members))
        brief = briefs.get(story.id)
        brief_rows = []
        for sentence in brief.sentences if brief else []:
            links = [link for c in sentence.citations
                     if (link := cites.link(c.article, c.span, _outlet_of(by_id, c.article)))]
            brief_rows.append((sentence.kind, _named(sentence.text, names), links))
        timeline = timelines.get(story.id)
        timeline_rows = []
        for entry in timeline.entries if timeline else []:
            links = [link for c in entry.citations
                     if (link := cites.link(c.article, c.span, _outlet_of(by_id, c.article)))]
            timeline_rows.append((entry.date, entry.basis, entry.basis_text, entry.label,
                                  entry.outlets, links, entry.background))
        rows = []
        for event in story.events:
            cells = []
            for outlet in outlets:
                verdict = verdicts.get((event.id, outlet))
                cells.append(_cell(verdict, cites, by_id))
            reported = sum(1 for c in cells if c.verdict in ("reports", "contradicts"))
            if reported:
                rows.append(MatrixRow(event, event.date, cells, reported))
        rows.sort(key=lambda r: (-r.reported, r.date or "9999", r.event.id))
        sides = [(c, cites.link(c.a.article, c.a.span, c.a.outlet),
                  cites.link(c.b.article, c.b.span, c.b.outlet))
                 for c in contradictions.get(story.id, [])]
        actors, heat = _heat(members, cites)
        views.append(StoryView(
            story=story, anchor=f"story-{story.id}", outlets=outlets, articles=members,
            related=[by_id[i] for i in story.related if i in by_id], brief=brief_rows,
            timeline=timeline_rows, matrix=rows, contradictions=sides, heat_actors=actors,
            heat=heat,
        ))
    return views


def _named(text: str, names: dict[str, str]) -> str:
    """Brief text names an outlet-less article by its id; show the file it was read from."""
    for key, name in names.items():
        text = text.replace(key, name)
    return text


def _outlet_of(by_id: dict[str, Article], article: str) -> str:
    found = by_id.get(article)
    return outlet_of(found) if found else article


def _cell(verdict: OutletVerdict | None, cites: Citations, by_id: dict[str, Article]) -> Cell:
    if verdict is None:
        return Cell("absent")
    links = [link for e in verdict.evidence[:3]
             if (link := cites.link(e.article, e.span, verdict.outlet))]
    against = [link for e in verdict.against[:3]
               if (link := cites.link(e.article, e.span, _outlet_of(by_id, e.article)))]
    if verdict.verdict == "omits" and not links and verdict.article in by_id:
        links = []
    return Cell(verdict.verdict, list(verdict.numbers), list(dict.fromkeys(verdict.words)),
                verdict.reason, verdict.confidence, links, against)


def _heat(members: Sequence[Article], cites: Citations
          ) -> tuple[list[tuple[str, str]], dict[tuple[str, str], HeatCell]]:
    scores: dict[tuple[str, str], list[tuple[float, Article, Span]]] = defaultdict(list)
    groups: dict[ActorKey, list[Mention]] = defaultdict(list)
    persons = person_names(m for article in members for m in article.mentions)
    for article in members:
        outlet = outlet_of(article)
        for mention in article.mentions:
            key = actor_key(mention, persons) if mention.actor else None
            if key is None:
                continue
            groups[key].append(mention)
            if mention.sentiment_score is not None:
                scores[(_heat_key(key), outlet)].append(
                    (mention.sentiment_score, article, mention.span))
    force: dict[tuple[str, str], dict[str, list[tuple[Article, Span]]]] = defaultdict(
        lambda: {"by": [], "on": []})
    for article in members:
        for key, roles in force_roles(article.events, persons).items():
            cell = force[(_heat_key(key), outlet_of(article))]
            cell["by"] += [(article, event.sentence) for _, event in roles.by]
            cell["on"] += [(article, event.sentence) for _, event in roles.on]
    names = {_heat_key(k): name for k, name in group_names(groups).items()}
    counts = {_heat_key(k): len(ms) for k, ms in groups.items()}
    actors = sorted((a for a in counts if any(k[0] == a for k in scores)),
                    key=lambda a: (-counts[a], names[a]))[:HEAT_ACTORS]
    heat: dict[tuple[str, str], HeatCell] = {}
    for (actor, outlet), items in scores.items():
        if actor not in actors:
            continue
        mean = sum(s for s, _, _ in items) / len(items)
        strongest = max(items, key=lambda item: abs(item[0]))
        acts = force.get((actor, outlet), {"by": [], "on": []})
        first = {side: cites.link(found[0][0].id, found[0][1], outlet, 60) if found else None
                 for side, found in acts.items()}
        heat[(actor, outlet)] = HeatCell(
            mean, len(items), cites.link(strongest[1].id, strongest[2], outlet),
            len(acts["by"]), len(acts["on"]), first["by"], first["on"])
    return [(a, names[a]) for a in actors], heat


def _heat_key(key: ActorKey) -> str:
    """One string per actor group (the heatmap's row key): the code, and the person's name."""
    return key[0] if key[1] is None else f"{key[0]}|{key[1]}"


@dataclass(slots=True)
class ActorChip:
    """One actor on an outlet's card: sentiment toward it, and the acts of force the outlet
    tells of it carrying out (``by``) and suffering (``on``), each with links to the text."""

    name: str
    mean: float | None
    mentions: int
    links: list[CiteLink]  # the strongest mentions behind the mean
    force_by: int = 0
    force_on: int = 0
    by_links: list[CiteLink] = field(default_factory=list)
    on_links: list[CiteLink] = field(default_factory=list)


@dataclass(slots=True)
class OutletCard:
    profile: OutletProfile
    actors: list[ActorChip]
    quoted: list[tuple[str, str, int, int, list[CiteLink]]]  # speaker, kind, count, direct, where
    terms: list[tuple[str, str, str | None, int, list[CiteLink]]]  # lemma, kind, act, n, where
    lean: list[tuple[str, float]] = field(default_factory=list)  # left, center, right


def outlet_cards(profiles: Sequence[OutletProfile], cites: Citations) -> list[OutletCard]:
    cards = []
    for profile in profiles:
        actors = []
        for actor in profile.actors[:8]:
            links = [link for c in actor.cites[:3]
                     if (link := cites.link(c.article, c.span, profile.outlet, 60))]
            force = {side: [link for c in actor.force_cites if c.side == side
                            if (link := cites.link(c.article, c.sentence, profile.outlet, 60))]
                     for side in ("by", "on")}
            actors.append(ActorChip(actor.name or readable_actor(actor.actor), actor.sentiment,
                                    actor.mentions, links, actor.force_by, actor.force_on,
                                    force["by"][:3], force["on"][:3]))
        quoted = []
        for q in profile.quoted[:8]:
            links = [link for article, span in q.where[:3]
                     if (link := cites.link(article, span, profile.outlet))]
            quoted.append((readable_actor(q.speaker), q.kind, q.count, q.direct, links))
        terms = []
        for t in profile.terms[:16]:
            links = [link for article, span in t.where[:4]
                     if (link := cites.link(article, span, profile.outlet, 60))]
            terms.append((t.lemma, t.kind, t.act, t.count, links))
        lean = sorted(profile.lean_scores.items(), key=lean_order)
        cards.append(OutletCard(profile, actors, quoted, terms, lean))
    return cards
