"""Event alignment: the mentions, across the articles of one story, of the same real-world event.

Two event mentions are scored (:func:`pair_score`) on what the event stage extracted:

- **type**: the same PLOVER category, or two that report one act in different words
  (:data:`COMPATIBLE`: a strike coded ASSAULT in one outlet and COERCE in another);
- **actors**, compared by country (sector-insensitive: "Iran", "the IRGC" and "Iranian officials"
  are all IRN; a person linked to a country's government counts as that country): each side
  matches, is unknown in one mention, or conflicts — a conflict rules the pair out. Events whose
  sides act on each other (meetings, agreements) compare their participants in any order;
- **dates**: the same day, or one containing the other ("2024-04" ⊇ "2024-04-01"); unknown dates
  are compatible but count less; dates more than a day apart rule the pair out;
- **mode**: what is said to have happened (asserted, reported, hedged, denied) is not merged with
  what might, will or should happen (hypothetical, future, called-for);
- **location**, **quantities** (:func:`~manysides.compare.contrast.quantities_consistent`) and the
  **words** of the two sentences add or take away a little.

:func:`align_story` merges pairs above :data:`THRESHOLD`, best first, and never puts two
mentions that rule each other out in one story event (complete-linkage veto: an undated mention
cannot chain a March 4 strike to a March 16 raid). Mentions in one article merge too.
:func:`align_events` returns the plain :class:`~manysides.model.StoryEvent` list;
:func:`align_story` the :class:`AlignedEvent` wrappers with each mention's alignment support,
which :func:`~manysides.compare.contrast.verdicts` turns into confidences.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from manysides.compare.attach import attach
from manysides.compare.contrast import (
    acts_alone,
    date_range,
    dates_gap,
    ongoing,
    outlet_of,
    quantities_consistent,
)
from manysides.compare.occasions import (
    agreed_date,
    long_before,
    series,
    series_veto,
    written,
)
from manysides.model import Article, Event, Mention, StoryEvent

__all__ = [
    "COMPATIBLE",
    "THRESHOLD",
    "AlignedEvent",
    "Scorer",
    "actor_keys",
    "align_events",
    "align_story",
    "pair_score",
]

#: Pairs of PLOVER categories that can report one act, with how much a match of the two counts.
COMPATIBLE: dict[frozenset[str], float] = {
    frozenset({"ASSAULT", "COERCE"}): 0.7,  # a strike, a raid, a bombing
    frozenset({"ASSAULT", "MOBILIZE"}): 0.5,  # jets scrambled / jets shot down drones
    frozenset({"CONSULT", "COOPERATE"}): 0.6,  # talks, a phone call
    frozenset({"CONSULT", "REQUEST"}): 0.5,  # "called" read as a call or as a request
    frozenset({"CONSULT", "AGREE"}): 0.5,  # a meeting that ends in an agreement
    frozenset({"AID", "SUPPORT"}): 0.7,
    frozenset({"AID", "COOPERATE"}): 0.6,
    frozenset({"SUPPORT", "COOPERATE"}): 0.6,
    frozenset({"COERCE", "SANCTION"}): 0.6,
    frozenset({"THREATEN", "COERCE"}): 0.5,
    frozenset({"ACCUSE", "REJECT"}): 0.5,  # a denial against an accusation
}
#: Categories whose participants act on each other: compared in any order.
MUTUAL = frozenset({"CONSULT", "AGREE", "COOPERATE"})
#: Categories of helping another actor do something ("helped plan the attack").
HELPING = frozenset({"AID", "SUPPORT", "COOPERATE"})
#: Modes of what did (or did not) happen, and of what might, will or should.
REALIS = frozenset({"asserted", "reported", "hedged", "denied"})
#: A pair at or above this score is the same event.
THRESHOLD = 0.6
#: What a pair loses when an undated mention of many acts (a habit) meets one of a single act.
SERIES_PENALTY = 0.1
#: Weights of the parts of a pair score (they sum to 1).
WEIGHTS = {"type": 0.15, "actors": 0.3, "date": 0.15, "location": 0.05, "quantities": 0.1,
           "text": 0.25}
_UNKNOWN_SIDE = 0.25
#: A side with no code in one mention, named alike (:func:`side_names`) in both; of one sector.
_NAMED_SIDE = 0.7
_SECTOR_SIDE = 0.5
_OTHER_SECTOR = 0.1
_STOP = frozenset({
    "the", "and", "for", "that", "with", "from", "this", "were", "was", "has", "have", "had",
    "but", "not", "its", "their", "his", "her", "they", "them", "into", "onto", "over",
    "after", "before", "about", "which", "while", "also", "been", "are", "will", "would",
    "could", "should", "said", "says", "than", "then", "there", "where", "when", "what",
    "who", "whom", "whose", "our", "your", "very", "more", "most", "some", "such", "other",
    "only", "just", "upon", "out", "off", "any", "all", "can", "may", "might", "last",
    "night", "morning"
})
#: Number words: counts are compared as numbers (:func:`_quantity_score`), not as words.
_NUMBER_WORDS = frozenset({
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    "hundred", "hundreds", "thousand", "thousands", "dozen", "dozens", "million", "millions",
})
_TOKEN = re.compile(r"[a-z][a-z-]{2,}")
_POSSESSIVE = re.compile(r"['’]s\b")


def actor_keys(mentions: Iterable[Mention]) -> set[str]:
    """The sides a list of mentions names: countries (IGOs) first, else the actor code; mentions
    with neither ("officials", "---GOV") name no side."""
    keys = set()
    for m in mentions:
        if m.country:
            keys.add(m.country)
        elif m.actor and not m.actor.startswith("-"):
            keys.add(m.actor)
    return keys


def side_names(mentions: Iterable[Mention]) -> frozenset[str]:
    """What a list of mentions says of a side beyond country or actor codes: the canonical names
    of mentions with no code ("Borovia" for "the Borovian coast guard"; a demonym read as its
    country) and every mention's sector ("CVL" for "people", "COP" for "police"). They can tell
    two accounts of one act apart from others, but never rule a pair out: an outlet names a
    side in words of its own."""
    keys: set[str] = set()
    for m in mentions:
        if m.sector:
            keys.add(m.sector)
        if m.country or (m.actor and not m.actor.startswith("-")):
            continue
        if m.name and m.name.lower() not in _PRONOUNS:
            name = _POSSESSIVE.sub("", m.name.lower()).removeprefix("the ").strip()
            keys.add(name[:-1] if name.endswith("ian") else name)  # Borovian -> Borovia
    return frozenset(keys)


@dataclass(frozen=True, slots=True)
class _Features:
    """What scoring needs from one mention, computed once."""

    type: str
    source: frozenset[str]
    target: frozenset[str]
    date: str | None
    location: str | None
    words: frozenset[str]
    trigger: str
    realis: bool
    alone: bool
    ongoing: bool = False
    named: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset())
    series: bool = False

    @classmethod
    def of(cls, event: Event, text: str) -> _Features:
        trigger = event.trigger.of(text).lower().split()
        return cls(
            type=event.type, source=frozenset(actor_keys(event.source)),
            target=frozenset(actor_keys(event.target)), date=event.date,
            location=" ".join(event.location.lower().split()) if event.location else None,
            words=content_words(event_words(event, text)) - _NUMBER_WORDS,
            trigger=_stem(trigger[-1]) if trigger else "",
            realis=event.mode in REALIS,
            alone=acts_alone(event, text) or _help_denied(event),
            ongoing=ongoing(event, text),
            named=(side_names(event.source), side_names(event.target)),
            series=series(event, text),
        )


def _help_denied(event: Event) -> bool:
    """Help denied with no helper named ("the group acted on its own", "no one aided X"): the
    act was its target's alone, which any account of someone helping that target disputes."""
    return (event.mode == "denied" and event.type in HELPING and not event.source
            and bool(event.target))


def event_words(event: Event, text: str, pad: int = 30) -> str:
    """The words of the event itself: from its first to its last part (trigger, actors,
    numbers, place, date), a little beyond, within its sentence — not the whole of a long
    sentence that reports other events too."""
    spans = [event.trigger, *(m.span for m in event.source + event.target),
             *(q.span for q in event.quantities),
             *(s for s in (event.location_span, event.date_span) if s is not None)]
    start = max(event.sentence.start, min(s.start for s in spans) - pad)
    end = min(event.sentence.end, max(s.end for s in spans) + pad)
    while start > event.sentence.start and text[start - 1].isalnum():
        start -= 1  # whole words: "emergency", not "emer"
    while end < event.sentence.end and text[end].isalnum():
        end += 1
    return text[start:end]


def content_words(sentence: str) -> frozenset[str]:
    """The words of a sentence that can tell one event from another, lightly stemmed."""
    words = _TOKEN.findall(_POSSESSIVE.sub("", sentence.lower()))
    return frozenset(_stem(w) for w in words if w not in _STOP)


def _stem(word: str) -> str:
    for suffix in ("ings", "ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            stem = word[: -len(suffix)]
            if suffix[0] in "ei" and stem[-1] == stem[-2] and stem[-1] not in "aeiouflsz":
                return stem[:-1]  # "rammed", "ramming" -> "ram"; "killed" stays "kill"
            return stem
    return word


def _type_score(a: _Features, b: _Features) -> float | None:
    if a.type == b.type:
        return 1.0
    if (a.alone and b.type in HELPING) or (b.alone and a.type in HELPING):
        return 0.5  # "X did it on its own" against "Y helped X do it"
    return COMPATIBLE.get(frozenset({a.type, b.type}))


def _side(a: frozenset[str], b: frozenset[str], names: tuple[frozenset[str], frozenset[str]]
          = (frozenset(), frozenset())) -> float | None:
    """1 for the same sides, 0.8 for overlapping ones, None for disjoint ones; for a side
    unknown in one mention, a little, or :data:`_NAMED_SIDE` when both name it alike in other
    words (:func:`side_names`: "people" and "people", "the Borovian crew" and "Borovia")."""
    if not a or not b:
        shared = names[0] & names[1]
        if any(key.islower() for key in shared):
            return _NAMED_SIDE
        if shared:
            return _SECTOR_SIDE
        sectors = [{k for k in n if k.isupper()} for n in names]
        return _OTHER_SECTOR if all(sectors) else _UNKNOWN_SIDE  # "workers" vs "citizens"
    if a == b:
        return 1.0
    return 0.8 if a & b else None


def _actor_score(a: _Features, b: _Features) -> float | None:
    if a.type in MUTUAL and b.type in MUTUAL:
        return _mutual(a.source | a.target, b.source | b.target)
    if a.alone or b.alone:
        helped = _helped(a, b) if a.alone else _helped(b, a)
        if helped is not None:
            return helped
    source = _side(a.source, b.source, (a.named[0], b.named[0]))
    target = _side(a.target, b.target, (a.named[1], b.named[1]))
    if source is None or target is None:
        return None
    if max(source, target) <= _UNKNOWN_SIDE:
        return 0.1  # no side known in both: the actors say nothing
    if not (a.source or b.source or a.named[0] or b.named[0]):
        return target  # "twelve people were hurt": neither names an agent, nor need to
    return (source + target) / 2


def _mutual(a: frozenset[str], b: frozenset[str]) -> float | None:
    if not a or not b:
        return _UNKNOWN_SIDE / 2
    overlap = len(a & b) / len(a | b)
    if overlap >= 0.5:
        return overlap
    return 0.6 if (len(a) == 1 and a <= b) or (len(b) == 1 and b <= a) else None


def _helped(alone: _Features, other: _Features) -> float | None:
    """"X did it on its own" against "Y helped X do it": the same act, its sides opposed."""
    if other.type in HELPING and alone.source & other.target:
        return 1.0
    if other.type in HELPING and not alone.source and alone.target & other.target:
        return 1.0  # help to X denied, no helper named, against "Y helped X"
    if other.type == alone.type and alone.source and alone.source < other.source:
        return 1.0
    return None


def _date_score(a: str | None, b: str | None) -> float | None:
    gap = dates_gap(a, b)
    if gap is None:
        return 0.4
    if gap > 1:
        return None
    if gap == 1:
        return 0.3
    return 1.0 if a == b else _containment(a, b)


def _containment(a: str | None, b: str | None) -> float:
    ra, rb = date_range(a), date_range(b)
    assert ra is not None and rb is not None
    widest = max((r[1] - r[0]).days for r in (ra, rb))
    return 0.7 if widest <= 31 else 0.5


def _location_score(a: str | None, b: str | None) -> float:
    if a is None or b is None:
        return 0.5
    return 1.0 if a in b or b in a else 0.0


def _quantity_score(a: Event, b: Event) -> float:
    found = {quantities_consistent(qa, qb) for qa in a.quantities for qb in b.quantities} - {None}
    if not found:
        return 0.5
    # counts of one thing: a sign of one event even when the numbers clash (contrast shows that)
    return 1.0 if True in found else 0.75


def _text_score(a: _Features, b: _Features, weight: Callable[[str], float]) -> float:
    """Weighted overlap of the two sentences' words (rare words weigh more), plus a little
    for the same trigger word."""
    union = sum(weight(w) for w in a.words | b.words)
    overlap = sum(weight(w) for w in a.words & b.words) / union if union else 0.0
    same_trigger = 0.25 if a.trigger and _synonym(a.trigger) == _synonym(b.trigger) else 0.0
    return min(1.0, 2.5 * overlap + same_trigger)


#: Trigger stems that name one act (:func:`_stem` forms): harm done to people.
_SYNONYMS = {"hurt": "injur", "wound": "injur", "die": "kill", "dead": "kill"}


def _synonym(trigger: str) -> str:
    return _SYNONYMS.get(trigger, trigger)


def _one(word: str) -> float:
    return 1.0


def _score(ea: Event, eb: Event, fa: _Features, fb: _Features,
           weight: Callable[[str], float] = _one) -> float | None:
    """The pair score in [0, 1], or None when something rules the pair out. Two mentions in
    one sentence get nothing for sharing its words."""
    if fa.realis != fb.realis or series_veto(fa, fb):
        return None
    parts = {"type": _type_score(fa, fb), "actors": _actor_score(fa, fb),
             "date": _date_score(fa.date, fb.date)}
    if any(v is None for v in parts.values()):
        return None
    scores: dict[str, float] = {k: v for k, v in parts.items() if v is not None}
    scores["location"] = _location_score(fa.location, fb.location)
    scores["quantities"] = _quantity_score(ea, eb)
    same = ea.sentence == eb.sentence and fa.words == fb.words
    scores["text"] = 0.0 if same else _text_score(fa, fb, weight)
    return round(sum(WEIGHTS[k] * v for k, v in scores.items()), 4)


def pair_score(a: Event, b: Event, text_a: str, text_b: str) -> float | None:
    """How likely two event mentions (from articles with texts ``text_a``, ``text_b``) report
    the same real-world event, in [0, 1]; None when they cannot."""
    return _score(a, b, _Features.of(a, text_a), _Features.of(b, text_b))


class Scorer:
    """:func:`pair_score` over the events of some articles, with each mention's features
    computed once."""

    def __init__(self, articles: Sequence[Article]) -> None:
        self._articles = {a.id: a for a in articles}
        self._features: dict[tuple[str, int], _Features] = {}
        self._df = Counter(w for a in articles for sentence in {e.sentence for e in a.events}
                           for w in content_words(sentence.of(a.text)))
        self._n = sum(len({e.sentence for e in a.events}) for a in articles)
        #: when each article was written (read once: it may scan the whole text for years)
        self._written = {a.id: written(a) for a in articles}
        #: the story's time, for an article that gives none of its own
        self._now = max((d for d in self._written.values() if d), default=None)

    def weight(self, word: str) -> float:
        """Inverse document frequency of a word among the story's event sentences."""
        return math.log(1 + self._n / max(1, self._df.get(word, 0)))

    def event(self, article: str, index: int) -> Event:
        return self._articles[article].events[index]

    def outlet(self, article: str) -> str:
        """The outlet an article speaks for (its id when unknown)."""
        return outlet_of(self._articles[article])

    def features(self, article: str, index: int) -> _Features:
        key = (article, index)
        if key not in self._features:
            found = self._articles[article]
            event = found.events[index]
            features = _Features.of(event, found.text)
            if event.date is None and event.date_span is None:  # "collaborated in 1992 to
                # carry out a bombing": one time; not "late last night" (its own, unresolved)
                dated = [e.date for e in found.events if e.date and e.sentence == event.sentence]
                if len(set(dated)) == 1:
                    features = dataclasses.replace(features, date=dated[0])
            self._features[key] = features
        return self._features[key]

    def long_before(self, dated: tuple[str, int], other: tuple[str, int]) -> bool:
        """Whether a mention is dated long before the other's article was written while the
        other has no date, or none with a year (:func:`~.occasions.long_before`; an article
        that gives no time of its own is taken to be of the story's latest known day)."""
        now = self._written[other[0]] or self._now
        return long_before(self.features(*dated).date, self.features(*other).date, now)

    def score(self, a: tuple[str, int], b: tuple[str, int]) -> float | None:
        ea, eb = self.event(*a), self.event(*b)
        fa, fb = self.features(*a), self.features(*b)
        if self.long_before(a, b) or self.long_before(b, a):
            return None
        if a[0] == b[0] and _shared_count(ea, eb) and _side(fa.source, fb.source) is not None:
            return 0.9  # the extractor gave one count to both: one act in two words
        score = _score(ea, eb, fa, fb, self.weight)
        if score is not None and _account_and_denial(fa, fb):
            return max(score, THRESHOLD)
        if score is not None and fa.series != fb.series and (fa if fa.series else fb).date is None:
            score -= SERIES_PENALTY  # an undated series against a single act
        return score

    def hard_veto(self, a: tuple[str, int], b: tuple[str, int]) -> bool:
        """Whether two mentions cannot be one event whatever their actors: types that do not
        match, real against possible events, dates more than a day apart, a series of acts
        against one dated act, an act of long ago against an undated one."""
        fa, fb = self.features(*a), self.features(*b)
        return (self.long_before(a, b) or self.long_before(b, a) or fa.realis != fb.realis
                or _type_score(fa, fb) is None or _date_score(fa.date, fb.date) is None
                or series_veto(fa, fb))

    def sides_agree(self, one: Iterable[tuple[str, int]], other: Iterable[tuple[str, int]],
                    ) -> bool:
        """Whether two groups of mentions can name the same sides, taken together (one
        mention's target "the embassy in Syria" read as Syria, the other's as Iran)."""
        fa, fb = (_union([self.features(*n) for n in group]) for group in (one, other))
        return _actor_score(fa, fb) is not None


def _account_and_denial(a: _Features, b: _Features) -> bool:
    """"X did it on its own" against "Y helped X do it", the two sentences sharing a word for
    the act: one account and its denial, whatever else the sentences say."""
    if a.alone == b.alone:
        return False
    alone, other = (a, b) if a.alone else (b, a)
    return _helped(alone, other) is not None and bool(alone.words & other.words)


def _union(features: list[_Features]) -> _Features:
    first = features[0]
    source = frozenset().union(*(f.source for f in features))
    target = frozenset().union(*(f.target for f in features))
    alone = any(f.alone for f in features)
    return _Features(first.type, source, target, first.date, first.location, first.words,
                     first.trigger, first.realis, alone)


def _shared_count(a: Event, b: Event) -> bool:
    """Two mentions in one sentence that carry the very same count ("bombing ..., killing
    seven")."""
    if a.sentence != b.sentence or a.type != b.type or a.mode != b.mode:
        return False
    spans = {q.span for q in a.quantities}
    return any(q.span in spans for q in b.quantities)


@dataclass(slots=True)
class AlignedEvent:
    """A :class:`StoryEvent` with what alignment knows about it.

    ``support`` runs parallel to ``event.mentions``: each mention's best pair score with another
    mention of the event (1.0 for an event mentioned once). ``sources`` and ``targets`` are the
    actor keys (countries, IGOs) the mentions name.
    """

    event: StoryEvent
    support: list[float] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    location: str | None = None


def align_events(articles: list[Article], story_id: str) -> list[StoryEvent]:
    """The story events of one story: event mentions of ``articles`` merged by real-world event,
    with ids ``"<story_id>-e<n>"`` in order of first mention."""
    return [aligned.event for aligned in align_story(articles, story_id)]


def align_story(articles: Sequence[Article], story_id: str, *,
                threshold: float = THRESHOLD) -> list[AlignedEvent]:
    """Like :func:`align_events`, with each story event's alignment support, sides and place."""
    nodes = [(a.id, n) for a in articles for n in range(len(a.events))]
    scorer = Scorer(articles)
    scores = _pair_scores(nodes, scorer)
    clusters = attach(nodes, _merge(nodes, scores, threshold, scorer), scores, scorer)
    by_id = {a.id: a for a in articles}
    out = []
    for number, members in enumerate(sorted(clusters, key=min), start=1):
        mentions = [nodes[i] for i in sorted(members)]
        support = [_support(i, members, scores) for i in sorted(members)]
        events = [by_id[aid].events[n] for aid, n in mentions]
        out.append(_build(f"{story_id}-e{number}", mentions, events, support))
    return out


def _pair_scores(nodes: list[tuple[str, int]], scorer: Scorer,
                 ) -> dict[tuple[int, int], float]:
    """Scores of the pairs that may be one event; a pair left out rules itself out."""
    families: dict[str, list[int]] = {}
    for i, node in enumerate(nodes):
        families.setdefault(scorer.features(*node).type, []).append(i)
    kinds = list(families)
    scores: dict[tuple[int, int], float] = {}
    for x, kind in enumerate(kinds):
        for other in kinds[x:]:
            if kind != other and frozenset({kind, other}) not in COMPATIBLE and not (
                    {kind, other} & HELPING):
                continue
            for i in families[kind]:
                for j in families[other]:
                    if (kind == other and j <= i) or i == j:
                        continue
                    score = scorer.score(nodes[i], nodes[j])
                    if score is not None:
                        scores[(min(i, j), max(i, j))] = score
    return scores


def _merge(nodes: list[tuple[str, int]], scores: dict[tuple[int, int], float],
           threshold: float, scorer: Scorer) -> list[set[int]]:
    """Greedy merging, best pair first. Two groups join only if no pair across them is ruled
    out by type, mode or date, and their sides, taken together, agree."""
    group = list(range(len(nodes)))
    members: dict[int, set[int]] = {i: {i} for i in range(len(nodes))}
    for (i, j), score in sorted(scores.items(), key=lambda kv: (-kv[1], kv[0])):
        if score < threshold:
            break
        gi, gj = group[i], group[j]
        if gi == gj:
            continue
        ruled_out = [(x, y) for x in members[gi] for y in members[gj]
                     if (min(x, y), max(x, y)) not in scores]
        if any(scorer.hard_veto(nodes[x], nodes[y]) for x, y in ruled_out) or (
                ruled_out and not scorer.sides_agree([nodes[x] for x in members[gi]],
                                                     [nodes[y] for y in members[gj]])):
            continue
        for x in members[gj]:
            group[x] = gi
        members[gi] |= members.pop(gj)
    return list(members.values())


def _support(i: int, members: set[int], scores: dict[tuple[int, int], float]) -> float:
    if len(members) == 1:
        return 1.0
    return max(scores.get((min(i, j), max(i, j)), 0.0) for j in members if j != i)


def _build(story_event_id: str, mentions: list[tuple[str, int]], events: list[Event],
           support: list[float]) -> AlignedEvent:
    kinds = Counter(e.type for e in events)
    kind = max(kinds, key=lambda k: (kinds[k], -[e.type for e in events].index(k)))
    sources = [m for e in events for m in e.source]
    targets = [m for e in events for m in e.target]
    label = _label(kind, sources, targets)
    places = Counter(e.location for e in events if e.location)
    story_event = StoryEvent(id=story_event_id, type=kind, mentions=mentions,
                             date=agreed_date([e.date for e in events]), label=label)
    return AlignedEvent(event=story_event, support=support,
                        sources=sorted(actor_keys(sources)), targets=sorted(actor_keys(targets)),
                        location=places.most_common(1)[0][0] if places else None)


def _label(kind: str, sources: list[Mention], targets: list[Mention]) -> str:
    """"Israel — ASSAULT → Iran": the sides' names around the category."""
    source, target = _names(sources), _names(targets)
    label = f"{source} — {kind}" if source else kind
    return f"{label} → {target}" if target else label


def _names(mentions: list[Mention]) -> str:
    """One name per side: the name the country's own mentions use ("Iran" before "IRGC")."""
    by_key: dict[str, list[Mention]] = {}
    for m in mentions:
        for key in actor_keys([m]):
            by_key.setdefault(key, []).append(m)
    names = []
    for key, found in by_key.items():
        own = [m for m in found if m.actor == key] or found
        counted = Counter(name for m in own if (name := _name(m)))
        names.append(counted.most_common(1)[0][0] if counted else key)
    return ", ".join(names)


def _name(mention: Mention) -> str | None:
    """A mention's canonical name, or its words when they are a name (not "its", "he")."""
    if mention.name:
        return mention.name
    words = mention.text.strip()
    return words if words[:1].isupper() and words.lower() not in _PRONOUNS else None


_PRONOUNS = frozenset({"he", "she", "it", "its", "they", "their", "them", "his", "her", "we",
                       "our", "i"})
