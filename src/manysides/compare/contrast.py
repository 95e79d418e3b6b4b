"""Who reports a story event, who omits it, who contradicts it — from the structured events.

No NLI model ships offline, so contrast is built from what the event stage extracted:

- **numbers** and **dates** (:mod:`manysides.compare.values`): counts typed by what they count
  and dates at any precision, read as intervals; two agree when their intervals meet ("more
  than 300" with 320, "hundreds" with 300, "2024-04" with "2024-04-01").
- **modality**: a mention that is denied or negated ("did not strike one building") against one
  that asserts or reports the same event; a mention that gives the act to its source alone
  ("organised the raid on its own") against one that names another actor on that side.

:func:`verdicts` gives one :class:`Verdict` per story event and outlet: ``reports`` (with the
outlet's numbers, trigger words and sentences), ``omits`` (the outlet is in the story but none of
its articles mentions the event) or ``contradicts`` (with the spans on both sides and a reason
such as ``"7 vs 9 killed"``). A learned contradiction model plugs in through
:func:`register_contradiction_model`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import TYPE_CHECKING

from manysides.compare.values import (
    APPROX_TOLERANCE,
    Item,
    date_range,
    dates_consistent,
    dates_gap,
    describe_quantity,
    items_of,
    parts_consistent,
    quantities_consistent,
)
from manysides.model import Article, Event, Quantity, Span, StoryEvent

if TYPE_CHECKING:
    from manysides.compare.align import AlignedEvent, Scorer

__all__ = [
    "APPROX_TOLERANCE",
    "ContradictionModel",
    "Evidence",
    "Verdict",
    "contradiction_model",
    "date_range",
    "dates_consistent",
    "dates_gap",
    "outlet_label",
    "outlet_of",
    "parts_consistent",
    "quantities_consistent",
    "register_contradiction_model",
    "verdicts",
]

# --- the plug-in slot for a learned contradiction model ------------------------------------

#: ``(sentence_a, sentence_b) -> probability that they contradict each other``.
ContradictionModel = Callable[[str, str], float]
_MODEL: list[ContradictionModel] = []


def register_contradiction_model(fn: ContradictionModel | None) -> None:
    """Use ``fn(sentence_a, sentence_b) -> probability`` to judge aligned mentions (None
    removes it).

    This is where a learned NLI model goes: it is called on the sentences of every pair of
    aligned mentions from different outlets. A probability ≥ 0.5 makes a contradiction of its
    own when the structured evidence finds none; where the structured evidence finds one, the
    confidence becomes the mean of both.
    """
    _MODEL.clear()
    if fn is not None:
        _MODEL.append(fn)


def contradiction_model() -> ContradictionModel | None:
    """The registered contradiction model, if any."""
    return _MODEL[0] if _MODEL else None


# --- verdicts -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where an outlet says it: the sentence (and trigger) of one event mention."""

    article: str
    span: Span  # the sentence
    trigger: Span | None = None
    event: int | None = None  # index into the article's events


@dataclass(slots=True)
class Verdict:
    """What one outlet does with one story event.

    ``kind`` is ``reports``, ``omits`` or ``contradicts``. ``article`` is the outlet's first
    article that mentions the event (for ``omits``: its first article in the story). ``spans``
    are the outlet's own mentions; ``other`` the mentions it conflicts with (``contradicts``).
    ``quantities`` and ``words`` are the numbers and trigger words the outlet uses.
    """

    event: str
    outlet: str
    article: str
    kind: str
    confidence: float
    reason: str = ""
    spans: list[Evidence] = field(default_factory=list)
    other: list[Evidence] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    words: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class _Member:
    """One mention of a story event, with what contrast needs to judge it."""

    outlet: str
    article: Article
    index: int
    event: Event
    support: float  # how sure alignment is that this mention belongs to the story event
    mixed: bool = False  # its outlet both asserts and negates the event

    def evidence(self) -> Evidence:
        return Evidence(self.article.id, self.event.sentence, self.event.trigger, self.index)

    def sentence(self) -> str:
        return self.event.sentence.of(self.article.text)


@dataclass(frozen=True, slots=True)
class _Conflict:
    reason: str
    confidence: float
    other: _Member
    kind: str = "number"  # number | date | negation | denial | attribution | model


def outlet_of(article: Article) -> str:
    """The outlet an article speaks for: its ``outlet``, or its id when unknown (never
    invented)."""
    return article.outlet if article.outlet and article.outlet.strip() else article.id


def outlet_label(article: Article) -> str:
    """How an article's outlet is named to a reader: the outlet; when unknown, the file it was
    read from ("column.txt", "feed.xml #2"), else "article" and the start of its id. Never an
    invented outlet name."""
    if article.outlet and article.outlet.strip():
        return article.outlet.strip()
    if article.source:
        path, _, part = article.source.partition("#")
        shown = PurePath(path).name or article.source
        return f"{shown} #{part}" if part else shown
    return f"article {article.id[:8]}"


def verdicts(story_events: Sequence[StoryEvent | AlignedEvent],
             articles: Sequence[Article]) -> list[Verdict]:
    """One verdict per story event and outlet with articles among ``articles``.

    Give :class:`~manysides.compare.align.AlignedEvent` items (from ``align_story``) for
    confidences that reflect the alignment; plain :class:`StoryEvent` items count each
    mention as aligned with confidence 0.8.
    """
    from manysides.compare.align import Scorer

    by_id = {a.id: a for a in articles}
    scorer = Scorer(articles)
    outlets: dict[str, list[Article]] = {}
    for article in articles:
        outlets.setdefault(outlet_of(article), []).append(article)
    out = []
    aligned = _aligned(story_events, by_id)
    for item in story_events:
        story_event, supports = _unwrap(item)
        members = _members(story_event, supports, by_id)
        for outlet, own in outlets.items():
            mine = [m for m in members if m.outlet == outlet]
            if mine:
                out.append(_judge(story_event.id, mine, members))
            elif (near := _compatible(own, members, scorer, aligned)):
                out.append(_near_report(story_event.id, outlet, near, members, scorer))
            else:
                out.append(_omission(story_event.id, outlet, own, members, scorer))
    return out


#: The most a verdict resting on a compatible mention that alignment left out may claim.
WEAK = 0.4


def _aligned(story_events: Sequence[StoryEvent | AlignedEvent],
             by_id: dict[str, Article]) -> set[tuple[str, int]]:
    """The mentions aligned with a mention from another outlet."""
    out: set[tuple[str, int]] = set()
    for item in story_events:
        mentions = _unwrap(item)[0].mentions
        if len({outlet_of(by_id[a]) for a, _ in mentions if a in by_id}) > 1:
            out.update(mentions)
    return out


def _compatible(own: list[Article], members: list[_Member], scorer: Scorer,
                aligned: set[tuple[str, int]]) -> list[tuple[Article, int]]:
    """The outlet's mentions, not aligned with another outlet's, that may be of the event (one
    that happened): the same type, real too, a source on the event's side, no target or the
    event's, no date that rules them out, and not an ongoing or habitual act (:func:`ongoing`):
    "the Iranian airstrike" against "Iran fired drones at Israel"."""
    from manysides.compare.align import REALIS, actor_keys

    if not members or not all(m.event.mode in REALIS for m in members):
        return []  # what might or will happen is not left out by not saying it
    sources = actor_keys(m for member in members for m in member.event.source)
    targets = actor_keys(m for member in members for m in member.event.target)
    kinds = {m.event.type for m in members}
    dates = [m.event.date for m in members if m.event.date]
    found = []
    for article in own:
        for n, event in enumerate(article.events):
            source, target = actor_keys(event.source), actor_keys(event.target)
            if ((article.id, n) not in aligned and event.type in kinds
                    and event.mode in REALIS and source and not ongoing(event, article.text)
                    and source <= sources and target <= targets
                    and (target or not event.target)
                    and all((g := dates_gap(event.date, d)) is None or g <= 1 for d in dates)
                    and not any(scorer.hard_veto((article.id, n), (m.article.id, m.index))
                                for m in members)):
                found.append((article, n))
    return found


def _near_report(event_id: str, outlet: str, near: list[tuple[Article, int]],
                 members: list[_Member], scorer: Scorer) -> Verdict:
    """A weak ``reports``: the outlet names the act and its source, and alignment could not
    tell which event its words are of — never a confident omission."""
    best = max((scorer.score((a.id, n), (m.article.id, m.index)) or 0.0)
               for a, n in near for m in members)
    words = list(dict.fromkeys(a.events[n].trigger.of(a.text) for a, n in near))
    return Verdict(
        event=event_id, outlet=outlet, article=near[0][0].id, kind="reports",
        confidence=round(min(WEAK, best), 3),
        reason=f"not aligned; a mention of the same act and side: {', '.join(words)}",
        spans=[Evidence(a.id, a.events[n].sentence, a.events[n].trigger, n) for a, n in near],
        quantities=[q for a, n in near for q in a.events[n].quantities], words=words)


def _members(story_event: StoryEvent, supports: list[float],
             by_id: dict[str, Article]) -> list[_Member]:
    found = [(by_id[aid], n, s) for (aid, n), s in zip(story_event.mentions, supports, strict=True)
             if aid in by_id and n < len(by_id[aid].events)]
    # An outlet that both asserts and negates the event in its own voice (or one speaker's) is
    # "mixed": its denial is of a detail. Two speakers it reports (an official's account, a
    # group's denial) are two accounts, not a mixed one.
    signs: dict[tuple[str, frozenset[str]], set[bool]] = {}
    for article, n, _ in found:
        signs.setdefault(_voice(article, n), set()).add(_negative(article.events[n]))
    return [_Member(outlet_of(article), article, n, article.events[n], s,
                    mixed=len(signs[_voice(article, n)]) == 2) for article, n, s in found]


def _voice(article: Article, n: int) -> tuple[str, frozenset[str]]:
    """Who says a mention: its outlet, and the speakers it is reported from (by their words)."""
    return outlet_of(article), frozenset(m.text.lower() for m in article.events[n].reported_by)


def _unwrap(item: StoryEvent | AlignedEvent) -> tuple[StoryEvent, list[float]]:
    if isinstance(item, StoryEvent):
        return item, [0.8] * len(item.mentions)
    return item.event, list(item.support)


def _judge(event_id: str, mine: list[_Member], members: list[_Member]) -> Verdict:
    others = [m for m in members if m.outlet != mine[0].outlet]
    conflicts = [c for m in mine for o in others for c in _conflicts(m, o)]
    verdict = Verdict(
        event=event_id, outlet=mine[0].outlet, article=mine[0].article.id, kind="reports",
        confidence=round(max(m.support for m in mine), 3),
        spans=[m.evidence() for m in mine],
        quantities=[q for m in mine for q in m.event.quantities],
        words=list(dict.fromkeys(m.event.trigger.of(m.article.text) for m in mine)),
    )
    if conflicts:
        verdict.kind = "contradicts"
        verdict.confidence = round(max(c.confidence for c in conflicts), 3)
        verdict.reason = "; ".join(dict.fromkeys(c.reason for c in conflicts))
        verdict.other = list(dict.fromkeys(c.other.evidence() for c in conflicts))
    else:
        numbers = [f"{describe_quantity(q)} {q.counts}" for q in verdict.quantities]
        verdict.reason = ", ".join(dict.fromkeys(numbers))
    return verdict


def _omission(event_id: str, outlet: str, own: list[Article], members: list[_Member],
              scorer: Scorer) -> Verdict:
    """The outlet has articles in the story but no mention of the event. The confidence falls
    as the outlet's closest near-miss event comes near the alignment threshold."""
    near = 0.0
    for article in own:
        for n in range(len(article.events)):
            for m in members:
                near = max(near, scorer.score((article.id, n), (m.article.id, m.index)) or 0.0)
    support = max((m.support for m in members), default=1.0)
    confidence = round(max(0.05, (1.0 - near) * support), 3)
    reason = f"closest mention scores {near:.2f}" if near else "no mention of this kind"
    return Verdict(event=event_id, outlet=outlet, article=own[0].id, kind="omits",
                   confidence=confidence, reason=reason)


def _conflicts(a: _Member, b: _Member) -> list[_Conflict]:
    """What ``a`` says that ``b`` cannot also be right about."""
    support = min(a.support, b.support)
    found = [_Conflict(reason, support * weight, b, kind) for kind, found in (
        ("number", _number_conflicts(a.event, b.event)),
        ("date", _date_conflicts(a.event, b.event)),
        ("mode", _mode_conflicts(a, b)),
        ("attribution", [*_attribution_conflicts(a, b), *_attribution_conflicts(b, a)]),
    ) for reason, weight in found]
    found = [_Conflict(c.reason, c.confidence, b, _mode_kind(c.reason)) if c.kind == "mode"
             else c for c in found]
    model = contradiction_model()
    if model is None:
        return found
    p = float(model(a.sentence(), b.sentence()))
    if found:
        return [_Conflict(c.reason, (c.confidence + p * support) / 2, b, c.kind) for c in found]
    if p >= 0.5:
        return [_Conflict(f"contradiction model: p={p:.2f}", p * support, b, "model")]
    return []


def _mode_kind(reason: str) -> str:
    return "denial" if re.search(r'" denied(?: vs |$)', reason) else "negation"


def _number_conflicts(a: Event, b: Event) -> list[tuple[str, float]]:
    out = []
    for qa in a.quantities:
        for qb in b.quantities:
            if quantities_consistent(qa, qb) is False:
                exact = qa.low == qa.high is not None and qb.low == qb.high is not None
                counts = qa.counts if len(qa.counts) <= len(qb.counts) else qb.counts
                out.append((f"{describe_quantity(qa)} vs {describe_quantity(qb)} {counts}",
                            0.9 if exact else 0.75))
    for parts, totals in ((a.quantities, b.quantities), (b.quantities, a.quantities)):
        for total in totals:
            if parts_consistent(parts, total) is False:
                added = " + ".join(f"{describe_quantity(q)} {q.counts}" for q in parts)
                out.append((f"{added} exceed {describe_quantity(total)} {total.counts}", 0.7))
    return out


def _date_conflicts(a: Event, b: Event) -> list[tuple[str, float]]:
    gap = dates_gap(a.date, b.date)
    if not gap:
        return []
    if gap == 1:  # an overnight event is dated either side of midnight
        return [(f"{a.date} vs {b.date} (a day apart)", 0.35)]
    return [(f"{a.date} vs {b.date}", 0.7)]


_POSITIVE = frozenset({"asserted", "reported", "hedged"})


def _negative(event: Event) -> bool:
    return event.mode == "denied" or (event.negated and event.mode in _POSITIVE)


def _mode_conflicts(a: _Member, b: _Member) -> list[tuple[str, float]]:
    """A denied or negated mention against an asserted one.

    When the denying outlet also asserts the event, its denial is of a detail ("did not strike
    one building" in a report of the raid): it then conflicts only with a mention of the
    same act (same trigger word or CAMEO code) or with one that reports harm done.
    """
    ea, eb = a.event, b.event
    if _negative(ea) == _negative(eb) or not (
            (ea.mode in _POSITIVE or ea.mode == "denied")
            and (eb.mode in _POSITIVE or eb.mode == "denied")):
        return []
    negating, asserting = (a, b) if _negative(ea) else (b, a)
    if _habitual(negating.event, negating.article.text):
        return []  # "Israel has never attacked ...": a habit denied, not this event
    neg = negating.event.trigger.of(negating.article.text)
    pos = asserting.event.trigger.of(asserting.article.text)
    same_act = _same_act(negating.event, asserting.event, neg, pos)
    if negating.mixed and not (_shared_stem(neg, pos) or _harm_done(asserting.event)
                               or _impact(asserting.event, asserting.article.text)):
        return []  # a detail denied in a report of the act: only harm done contradicts it
    how = "denied" if negating.event.mode == "denied" else "negated"
    harm = _harm_done(asserting.event)
    said = f'"{pos}"' + (f" ({harm})" if harm else "")
    first, second = f'"{neg}" {how}', f"{said} asserted"
    if negating is b:  # the reason names ``a``'s account first
        first, second = second, first
    return [(f"{first} vs {second}", 0.65 if same_act else 0.45)]


def _habitual(event: Event, text: str) -> bool:
    return re.search(r"\bnever\b", text[event.sentence.start:event.trigger.end],
                     re.IGNORECASE) is not None


#: Words that make an act ongoing or habitual rather than one event: a duration ("for more than
#: 40 years", "for decades", "over the years"), "has long", or a habit ("routinely") ...
_DURATION = re.compile(
    r"\b(?<!\bin )(?:for|over)\s+(?:the\s+(?:past|last)\s+)?(?:(?:more|less|fewer)\s+than\s+|"
    r"nearly\s+|almost\s+|about\s+|some\s+|at\s+least\s+|well\s+over\s+|over\s+)?"
    r"(?:[\w-]+\s+)?(?:years?|decades?|months|generations|centuries)\b", re.IGNORECASE)
_HABIT = re.compile(
    r"\b(?:has|have|had)\s+(?:\w+\s+)?long\b(?!-)|\blong-(?:running|standing)\b"
    r"|\b(?:routinely|repeatedly|regularly|habitually|persistently|frequently|often)\b"
    r"|\blong-term\b|\bover\s+time\b",
    re.IGNORECASE)
#: Words that put an act on another occasion than the story's: "such as when", "as it did in",
#: "reminiscent of", "previous", "in the past", "years ago" (before the act, in its sentence).
_ELSEWHEN = re.compile(
    r"\b(?:such\s+as\s+when|as\s+(?:it|they|he|she)\s+did\s+(?:in|when|after)|reminiscent\s+of"
    r"|previous(?:ly)?|in\s+the\s+past|(?:years|decades)\s+ago|back\s+in|the\s+last\s+time"
    r"|like\s+when)\b", re.IGNORECASE)
#: "never before": a first, not a habit denied.
_NEVER_BEFORE = re.compile(r"\bnever\s+(?:\w+\s+)?before\b", re.IGNORECASE)
#: ... unless the duration only measures a first or record ("its first attack for 40 years").
_RECORD = re.compile(r"\b(?:first|biggest|largest|worst|deadliest|heaviest)\b", re.IGNORECASE)


def ongoing(event: Event, text: str) -> bool:
    """Whether the sentence makes the act ongoing or habitual — a duration from the event's
    source (else its trigger) on ("Borovia has engaged in armed confrontation with Ardenia for
    more than 40 years"), a habit anywhere in it ("routinely strikes", "Over time, Ardenia
    mounted raids", "its long-term campaign, including its airstrikes"), a habit denied
    ("has never attacked", not "never before") — or tells of another occasion
    (:func:`another_occasion`): not one event of the story, so never one story event's unnamed
    mention, nor one with a single dated act.
    """
    inside = [m.span.start for m in event.source
              if event.sentence.start <= m.span.start < event.sentence.end]
    start, end = min([*inside, event.trigger.start]), event.sentence.end
    if (_HABIT.search(text, event.sentence.start, end) or another_occasion(event, text)
            or (_habitual(event, text) and not _NEVER_BEFORE.search(
                text, event.sentence.start, event.trigger.end))):
        return True
    duration = _DURATION.search(text, start, end)
    return duration is not None and not _RECORD.search(text, start, duration.start())


def another_occasion(event: Event, text: str) -> bool:
    """Whether the sentence, before the act, puts it on another occasion than the story's: "as
    in previous clashes, when Borovia retaliated", "reminiscent of the time Ardenia struck"."""
    return _ELSEWHEN.search(text, event.sentence.start, event.trigger.start) is not None


def _shared_stem(neg: str, pos: str) -> bool:
    return bool({w.lower().rstrip("s") for w in neg.split()}
                & {w.lower().rstrip("s") for w in pos.split()})


def _same_act(negated: Event, asserted: Event, neg: str, pos: str) -> bool:
    same_code = negated.cameo is not None and negated.cameo == asserted.cameo
    return _shared_stem(neg, pos) or same_code or (
        negated.type == "ASSAULT" and bool(_harm_done(asserted)))


def _harm_done(event: Event) -> str:
    """"7 killed" when the event reports harm to anyone."""
    for q in event.quantities:
        top = q.low if q.low is not None else q.value
        if items_of(q.counts) & _HARMED and top:
            return f"{describe_quantity(q)} {q.counts}"
    return ""


_HARMED = frozenset(Item(h, frozenset()) for h in ("dead", "injured", "casualty"))


_ALONE = re.compile(r"\b(?:on (?:its|their|his|her) own|alone|by (?:itself|themselves|himself|"
                    r"herself)|single-handedly|solely|independently|unaided|without (?:any )?"
                    r"(?:help|outside help|assistance))\b", re.IGNORECASE)


def acts_alone(event: Event, text: str) -> bool:
    """Whether the sentence gives the act to its source alone ("planned the attacks on its
    own"), said after the trigger."""
    tail = text[event.trigger.end:event.sentence.end]
    return bool(event.source) and _ALONE.search(tail) is not None


def _attribution_conflicts(a: _Member, b: _Member) -> list[tuple[str, float]]:
    """``a`` gives the act to its source alone; ``b`` names another actor on that side."""
    from manysides.compare.align import actor_keys

    if not acts_alone(a.event, a.article.text) or _negative(b.event):
        return []
    if not _shared_act_word(a, b):
        return []  # "Iran has long backed Hamas" is not an account of this act
    own, theirs = actor_keys(a.event.source), actor_keys(b.event.source)
    extra = sorted(theirs - own)
    if not own or not extra:
        return []
    return [(f"{'/'.join(sorted(own))} alone vs {'/'.join(extra)} taking part", 0.55)]


def _shared_act_word(a: _Member, b: _Member) -> bool:
    """Whether ``b`` speaks of the act ``a`` names: the word of ``a``'s trigger ("planned the
    attacks") follows ``b``'s trigger in its sentence ("helped plan ... attack"), or the two
    triggers are one word."""
    from manysides.compare.align import _stem, content_words

    act = a.event.trigger.of(a.article.text).lower().split()
    other = b.event.trigger.of(b.article.text).lower().split()
    if not act:
        return False
    stem = _stem(act[-1])
    if other and _stem(other[-1]) == stem:
        return True
    window = b.article.text[b.event.trigger.start:min(b.event.sentence.end,
                                                      b.event.trigger.end + 80)]
    return stem in content_words(window)


# --- "did not strike one building" against a report of damage -------------------------------

#: Words (stems) for harm done by an act: a mention naming one reports that the act hit.
_IMPACT = frozenset({"damag", "destroy", "destruct", "hit", "struck", "injur", "wound", "kill",
                     "dead", "death", "casualt"})


def _impact(event: Event, text: str) -> bool:
    """Whether the mention reports harm done: an impact word for its act, or a count of harm."""
    from manysides.compare.align import _stem

    words = event.trigger.of(text).lower().split()
    return bool(words) and (_stem(words[-1]).startswith(tuple(_IMPACT)) or bool(
        _harm_done(event)))
