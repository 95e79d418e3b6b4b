"""A neutral multi-source brief and a timeline for each story, every line cited to its words.

The brief never writes a fact of its own: it chooses sentences the sources wrote and says who
wrote them, or, for an event most outlets report each in words of its own, states only what they
all state in neutral template words (a *composed* line, :mod:`manysides.compare.templates`).

* **agreed** — what most outlets of the story state. When the event stage ran, an agreed
  sentence is a verbatim span of one mention of a story event (its sentence from the start, cut
  after the clause of the event, or before trailing date or place words) that every cited
  outlet backs: each event named in the span is one the outlet reports too (aligned: same act,
  same sides), each number in it is consistent with one the outlet gives for that event, its
  date words name the outlet's date, and the outlet's own sentences about those events share
  most of the span's other words. Only the outlets that back all of it are cited; a span that
  most outlets do not back is not agreed. A story event most outlets report with no such span
  gets a composed line, in the places verbatim lines leave: "Reported by A, B and C: Ardenia
  struck Borovian targets (on March 4, three killed, per A and C; in Velmar, per B)." — the
  sides by their gazetteer names, a neutral verb for the act, each slot (date, place, count)
  in the main clause only when every cited outlet gives it, else attributed to those that do;
  no quotation marks, each outlet cited to its own mention. (Composed lines are told from
  verbatim ones by their text: a verbatim line is its first citation's words.) With no events
  (the event stage did not run), the sentences whose (idf-weighted) content words most
  outlets' closest sentences share.
* **disputed** — each contradiction the comparison found, both sides quoted and attributed to
  their outlet (and speaker, when the article gives one).
* **partial** — story events some outlets report and others leave out, attributed to the
  outlets that report them.
* **background** — such events dated far from the story's own (another year, or months away
  from the dates most outlets give): an outlet's context, labelled as such, not "only X reports".

Neutral wording: an agreed sentence has no loaded word (the framing stage's loaded terms, the
claims stage's loaded spans, the loaded-language lexicon of
:func:`manysides.nlp.heads.loaded_words`), no first-person voice, no quotation, and is read as a
fact, not an opinion, prescription or prediction, by the claims stage (when it ran). Elsewhere a
sentence with several loaded words is not used at all unless it is quoted and attributed.

The timeline lists the dated, real (not hypothetical) story events, earliest first, with the
basis of each date: ``stated`` (the words give the year), ``relative`` (resolved against the
article's reference date: "last Monday", "April 1st"), ``inherited`` (no date words of its own).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from manysides.compare.align import REALIS, THRESHOLD, AlignedEvent, content_words
from manysides.compare.contrast import (
    date_range,
    dates_gap,
    outlet_label,
    outlet_of,
    quantities_consistent,
)
from manysides.compare.disputes import disputed_lines
from manysides.compare.sentences import (
    FIRST_PERSON,
    MAX_AGREED,
    MAX_LOADED,
    MIN_CHARS,
    Candidate,
    agreeable,
    consensus,
    factual,
    loaded_count,
    split_sentences,
    usable,
)
from manysides.compare.templates import compose_line
from manysides.model import (
    Article,
    Brief,
    BriefSentence,
    Citation,
    Contradiction,
    Event,
    OutletVerdict,
    Span,
    Story,
    Timeline,
    TimelineEntry,
)

__all__ = ["Candidate", "build_brief", "build_timeline", "consensus", "loaded_count",
           "split_sentences", "trim_to_event"]

#: At most this many sentences of each kind (agreed: :data:`~.sentences.MAX_AGREED`).
MAX_DISPUTED = 3
MAX_PARTIAL = 3
#: An outlet backs a span's other words (beyond the events' acts, sides, numbers and dates)
#: when its own sentences about the same events leave at most this share of them (or one) out.
UNBACKED = 0.5
#: A story event dated at least this many days from every date of the events most outlets
#: report is background.
BACKGROUND_DAYS = 120
MAX_BACKGROUND = 1

_YEAR = re.compile(r"\b(?:1[5-9]|20)\d{2}\b")


# --- the brief ---------------------------------------------------------------------------------


@dataclass(slots=True)
class _Context:
    """What the brief of one story looks things up in."""

    by_id: dict[str, Article]
    outlets: list[str]
    names: dict[str, str]  # outlet key -> how a reader sees it named (outlet_label)
    reporting: dict[str, list[str]]  # story event id -> outlets that report it
    where: dict[tuple[str, int], str]  # (article id, event index) -> story event id
    mentions: dict[str, list[tuple[str, int]]]  # story event id -> its mentions

    @classmethod
    def of(cls, members: Sequence[Article], aligned: Sequence[AlignedEvent],
           verdicts: Sequence[OutletVerdict]) -> _Context:
        return cls(by_id={a.id: a for a in members},
                   outlets=list(dict.fromkeys(outlet_of(a) for a in members)),
                   names={outlet_of(a): outlet_label(a) for a in members},
                   reporting=_reporting(verdicts),
                   where={m: item.event.id for item in aligned for m in item.event.mentions},
                   mentions={item.event.id: list(item.event.mentions) for item in aligned})

    def most(self, n: int) -> bool:
        """Whether ``n`` outlets are most of the story's (and at least two)."""
        return n >= 2 and 2 * n > len(self.outlets)


def build_brief(story: Story, members: Sequence[Article], aligned: Sequence[AlignedEvent],
                verdicts: Sequence[OutletVerdict],
                contradictions: Sequence[Contradiction]) -> Brief:
    """The neutral brief of one story: agreed, disputed, partial, then background sentences."""
    ctx = _Context.of(members, aligned, verdicts)
    if any(a.events for a in members):
        agreed = _agreed_events(aligned, ctx)
    else:  # no event stage: what the outlets' sentences share, word by word
        agreed = _agreed_words(members, ctx)
    disputed = disputed_lines(contradictions, ctx.names)[:MAX_DISPUTED]
    quoted = [c for s in disputed for c in s.citations]
    partial, background = _partial(aligned, ctx, quoted)
    return Brief(story=story.id, sentences=[
        *(s for s in agreed if s.kind == "agreed"), *disputed,
        *(s for s in agreed if s.kind == "partial" and not _requoted(s, quoted)), *partial,
        *background])


def _requoted(sentence: BriefSentence, quoted: Sequence[Citation]) -> bool:
    """Whether a line's passage (its first citation) is already quoted in a disputed line."""
    return bool(sentence.citations) and _overlaps(sentence.citations[0], quoted)


def _overlaps(cite: Citation, quoted: Sequence[Citation]) -> bool:
    return any(q.article == cite.article and q.span.start < cite.span.end
               and cite.span.start < q.span.end for q in quoted)


def _agreed_words(members: Sequence[Article], ctx: _Context) -> list[BriefSentence]:
    out: list[BriefSentence] = []
    for cand in consensus(members, 2 * MAX_AGREED):
        article = ctx.by_id[cand.article]
        many = len(ctx.outlets) > 1 and ctx.most(len(cand.outlets))
        if len(out) >= MAX_AGREED or (many and not agreeable(article, cand.span)):
            continue  # shared, but not in words fit to state as what all say
        out.append(BriefSentence(
            text=cand.text, kind="agreed" if many else "partial", outlets=cand.outlets,
            citations=[Citation(cand.article, cand.span, cand.span.of(article.text)),
                       *cand.support]))
    return out


def _reporting(verdicts: Sequence[OutletVerdict]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for v in verdicts:
        if v.verdict != "omits":
            out.setdefault(v.story_event, []).append(v.outlet)
    return out


_CLAUSE_END = re.compile(r"\s*(?:[,;:]|\s[—–-]\s|—)")


def trim_to_event(event: Event, text: str) -> Span:
    """The event's sentence cut after the clause that holds every part of the event (trigger,
    actors, numbers, place, date): "Iran sent hundreds of missiles towards Israel late last
    night" without what the sentence goes on to add. The words stay the source's own, from the
    sentence's start; the whole sentence when the event runs to its end."""
    sentence = event.sentence
    parts = [event.trigger, *(m.span for m in event.source + event.target),
             *(q.span for q in event.quantities),
             *(x for x in (event.location_span, event.date_span) if x is not None)]
    last = max((p.end for p in parts if sentence.contains(p)), default=sentence.end)
    m = _CLAUSE_END.search(text, last, sentence.end)
    if m is None or m.start() - sentence.start < MIN_CHARS:
        return sentence
    return Span(sentence.start, m.start())


_SUBORDINATE = re.compile(r"\s+(?:as|while|when|after|before|because|since|amid|despite|"
                          r"following|although|though|whereas)\b")


def event_ends(event: Event, text: str) -> list[int]:
    """Where a span about the event (from its sentence's start) may end, longest first: after
    the clause that holds all its parts (:func:`trim_to_event`); right after its last part when
    a subordinate clause follows ("... on Monday" without "as talks collapsed"); after the
    clause that holds its trigger and actors; right after those when the rest of that clause is
    only its date or place words ("... towards Israel" without "late last night")."""
    sentence = event.sentence
    core_parts = [event.trigger, *(m.span for m in event.source + event.target)]
    parts = [*core_parts, *(q.span for q in event.quantities),
             *(s for s in (event.date_span, event.location_span) if s is not None)]
    core = max(p.end for p in core_parts if sentence.contains(p))
    last = max(p.end for p in parts if sentence.contains(p))
    m = _CLAUSE_END.search(text, core, sentence.end)
    clause = m.start() if m else sentence.end
    ends = [trim_to_event(event, text).end]
    if _SUBORDINATE.match(text, last, sentence.end):
        ends.append(last)
    ends.append(clause)
    where = [s.of(text) for s in (event.date_span, event.location_span) if s is not None]
    tail = content_words(text[core:clause])
    if _SUBORDINATE.match(text, core, sentence.end) or (
            tail and tail <= content_words(" ".join(where))):
        ends.append(core)
    return [e for e in dict.fromkeys(ends) if e - sentence.start >= MIN_CHARS]


@dataclass(slots=True)
class _Backing:
    """A span of one article and the outlets that state everything in it (its own first)."""

    article: Article
    span: Span
    outlets: list[str]
    citations: list[Citation]


def _backing(ctx: _Context, article: Article, span: Span) -> _Backing | None:
    """The outlets that back all the span says (see the module's docstring); None when the span
    names an event that is not a real, aligned story event (a hypothetical, a denial, a one-off
    the alignment left out) or no event at all."""
    facts = []
    for k, event in enumerate(article.events):
        if span.contains(event.trigger):
            key = ctx.where.get((article.id, k))
            if key is None or not _positive(event, article.text):
                return None
            facts.append((key, event))
    if not facts:
        return None
    own = outlet_of(article)
    residue = content_words(span.of(article.text)) - _part_words(facts, span, article.text)
    out = _Backing(article, span, [own], [Citation(article.id, span, span.of(article.text))])
    for outlet in ctx.outlets:
        theirs = [_said_by(ctx, outlet, key) for key, _ in facts]
        if outlet == own or not all(_states(event, span, said)
                                    for (_, event), said in zip(facts, theirs, strict=True)):
            continue
        said = list({(a.id, e.sentence): (a, e) for found in theirs for a, e in found}.values())
        words = frozenset().union(*(content_words(e.sentence.of(a.text)) for a, e in said))
        if len(residue - words) > max(1.0, UNBACKED * len(residue)):
            continue
        out.outlets.append(outlet)
        out.citations += [Citation(a.id, e.sentence, e.sentence.of(a.text)) for a, e in said]
    return out


def _part_words(facts: list[tuple[str, Event]], span: Span, text: str) -> frozenset[str]:
    """The words of the events' acts, sides, numbers and dates within ``span`` (checked on
    their own, so not asked of the other outlets' wording)."""
    parts = [p for _, e in facts for p in (
        e.trigger, *(m.span for m in e.source + e.target), *(q.span for q in e.quantities),
        *((e.date_span,) if e.date_span is not None else ()))]
    return frozenset().union(*(content_words(p.of(text)) for p in parts if span.contains(p)))


def _said_by(ctx: _Context, outlet: str, key: str) -> list[tuple[Article, Event]]:
    """The outlet's mentions of a story event that say it happened."""
    found = [(ctx.by_id[a], ctx.by_id[a].events[n]) for a, n in ctx.mentions.get(key, [])]
    return [(a, e) for a, e in found if outlet_of(a) == outlet and _positive(e, a.text)]


def _states(event: Event, span: Span, theirs: list[tuple[Article, Event]]) -> bool:
    """Whether the mentions ``theirs`` state the numbers and the date that ``span`` gives for
    ``event``: a consistent count of the same thing, the same day (unresolved date words, "late
    last night", are the writer's own)."""
    if not theirs:
        return False
    for q in event.quantities:
        if span.contains(q.span) and not any(quantities_consistent(q, mine) is True
                                             for _, e in theirs for mine in e.quantities):
            return False
    if event.date_span is not None and span.contains(event.date_span):
        return event.date is not None and any(dates_gap(event.date, e.date) == 0
                                              for _, e in theirs)
    return True


def _best_backing(item: AlignedEvent, ctx: _Context,
                  used: Sequence[Citation]) -> _Backing | None:
    """Of the spans of the event's mentions fit to state, the one the most outlets back; then
    the longest (the most said that they all say). A mention that joined the event on its act
    and source alone (alignment support below :data:`~.align.THRESHOLD`) is not the one stated.
    """
    found = []
    support = item.support or [1.0] * len(item.event.mentions)
    for (article_id, n), sure in zip(item.event.mentions, support, strict=True):
        article = ctx.by_id[article_id]
        event = article.events[n]
        if not _positive(event, article.text) or (len(support) > 1 and sure < THRESHOLD):
            continue
        for end in event_ends(event, article.text):
            span = Span(event.sentence.start, end)
            if any(c.article == article_id and c.span.overlaps(span) for c in used):
                continue
            if agreeable(article, span) and (backing := _backing(ctx, article, span)):
                found.append(((-len(backing.outlets), span.start - end, article_id), backing))
    return min(found, key=lambda f: f[0])[1] if found else None


def _agreed_events(aligned: Sequence[AlignedEvent], ctx: _Context) -> list[BriefSentence]:
    """A verbatim span for each story event most outlets report (the most reported first);
    for those with none that most outlets back, a composed line
    (:func:`~.templates.compose_line`) in the places verbatim lines leave."""
    if len(ctx.outlets) < 2:
        return []
    ranked = [item for item in sorted(aligned, key=lambda a: -len(ctx.reporting.get(a.event.id,
                                                                                    [])))
              if ctx.most(len(ctx.reporting.get(item.event.id, []))) and _real(item, ctx.by_id)]
    found: dict[str, BriefSentence] = {}
    for item in ranked:
        best = _best_backing(item, ctx, [s.citations[0] for s in found.values()])
        if best is not None and ctx.most(len(best.outlets)):
            found[item.event.id] = BriefSentence(
                text=" ".join(best.span.of(best.article.text).split()), kind="agreed",
                story_event=item.event.id, outlets=best.outlets, citations=best.citations)
            if len(found) >= MAX_AGREED:
                break
    for item in ranked:
        if len(found) >= MAX_AGREED:
            break
        if item.event.id not in found:
            said = {o: _said_by(ctx, o, item.event.id) for o in ctx.outlets}
            line = compose_line(item.event.type, said, item.event.id)
            if line is not None and ctx.most(len(line.outlets)):
                found[item.event.id] = line
    return [found[item.event.id] for item in ranked if item.event.id in found]


def _plainest(item: AlignedEvent, by_id: dict[str, Article],
              used: Sequence[Citation] = ()) -> tuple[Article, Span] | None:
    """The mention of a story event (trimmed to the event's clause) read as a fact, with the
    fewest loaded words, then the most of its words shared by the other outlets' mentions (the
    least said by one outlet alone), then the shortest."""
    found = []
    words = {(a, n): content_words(by_id[a].events[n].sentence.of(by_id[a].text))
             for a, n in item.event.mentions}
    for article_id, n in item.event.mentions:
        article = by_id[article_id]
        event = article.events[n]
        span = trim_to_event(event, article.text)
        text = span.of(article.text)
        if not (_positive(event, article.text) and usable(text)
                and factual(article, span)) or any(
                c.article == article_id and c.span.overlaps(span) for c in used):
            continue
        mine = content_words(text)
        others = frozenset().union(*(w for (a, _), w in words.items()
                                     if outlet_of(by_id[a]) != outlet_of(article)))
        shared = round(len(mine & others) / len(mine), 1) if mine else 0.0
        found.append((loaded_count(text), bool(FIRST_PERSON.search(text)), -shared, len(text),
                      article_id, span.start, span))
    if not found:
        return None
    loaded, first, _, _, article_id, _, span = min(found, key=lambda f: f[:6])
    return (by_id[article_id], span) if loaded <= MAX_LOADED and not first else None


def _real(item: AlignedEvent, by_id: dict[str, Article]) -> bool:
    """Whether most mentions say the event happened (not might, will, should, or did not)."""
    said = [_positive(by_id[a].events[n], by_id[a].text) for a, n in item.event.mentions]
    return 2 * sum(said) > len(said)


_NEVER = re.compile(r"\b(?:never|not|no|neither|nor)\b", re.IGNORECASE)


def _positive(event: Event, text: str) -> bool:
    """A mention that says the event happened: realis, not denied, not negated."""
    return (event.mode in REALIS and event.mode != "denied" and not event.negated
            and not _NEVER.search(text[event.sentence.start:event.trigger.start]))


def _mention_citations(item: AlignedEvent, by_id: dict[str, Article],
                       first: tuple[str, Span] | None = None) -> list[Citation]:
    """The sentences of the mentions that say the event happened, ``first`` first."""
    keys = [first] if first else []
    for article_id, n in item.event.mentions:
        event = by_id[article_id].events[n]
        if _positive(event, by_id[article_id].text):
            keys.append((article_id, event.sentence))
    return [Citation(a, span, span.of(by_id[a].text)) for a, span in dict.fromkeys(keys)]


def _partial(aligned: Sequence[AlignedEvent], ctx: _Context, quoted: Sequence[Citation] = (),
             ) -> tuple[list[BriefSentence], list[BriefSentence]]:
    """Story events some outlets report and others leave out (with numbers first); those
    dated far from the story's own events apart, as background. A passage already ``quoted``
    (one side of a disputed line) is not quoted again."""
    if len(ctx.outlets) < 2:
        return [], []
    by_id = ctx.by_id
    anchors, latest = _anchors(aligned, ctx), _latest_year(by_id.values())
    found = []
    for item in aligned:
        said = ctx.reporting.get(item.event.id, [])
        if not said or len(said) == len(ctx.outlets) or 2 * len(said) > len(ctx.outlets):
            continue
        if not _real(item, by_id) or (best := _plainest(item, by_id)) is None:
            continue
        counts = sum(len(by_id[a].events[n].quantities) for a, n in item.event.mentions)
        found.append((-counts, -len(item.event.mentions), item, best, said))
    found.sort(key=lambda f: (f[0], f[1], f[2].event.id))
    partial: list[BriefSentence] = []
    background: list[BriefSentence] = []
    for _, _, item, (article, span), said in found:
        if _overlaps(Citation(article.id, span, ""), quoted):
            continue
        when = _background(item, span.of(article.text), ctx, anchors, latest)
        words = " ".join(span.of(article.text).split())
        verb = "reports" if len(said) == 1 else "report"
        named = ", ".join(ctx.names.get(o, o) for o in said)
        if when is None and len(partial) < MAX_PARTIAL:
            text, kind, into = f'Only {named} {verb}: "{words}"', "partial", partial
        elif when is not None and len(background) < MAX_BACKGROUND:
            text = f'Background ({when}), only {named} {verb}: "{words}"'
            kind, into = "background", background
        else:
            continue
        into.append(BriefSentence(
            text=text, kind=kind, story_event=item.event.id, outlets=said,
            citations=_mention_citations(item, by_id, (article.id, span))))
    return partial, background


def _anchors(aligned: Sequence[AlignedEvent], ctx: _Context) -> list[str]:
    """The story's own dates: those of the events most outlets report, and publication days."""
    dates = [item.event.date for item in aligned
             if item.event.date and ctx.most(len(ctx.reporting.get(item.event.id, [])))]
    return dates + [a.published.date().isoformat() for a in ctx.by_id.values() if a.published]


def _latest_year(members: Iterable[Article]) -> int | None:
    """The latest past year the story's articles name (the story is no older), or the year
    they were published."""
    published = [a.published.year for a in members if a.published]
    if published:
        return min(published)
    now = date.today().year
    years = [int(y) for a in members for y in _YEAR.findall(a.text) if int(y) <= now]
    return max(years, default=None)


def _background(item: AlignedEvent, text: str, ctx: _Context, anchors: list[str],
                latest: int | None) -> str | None:
    """The date words that make a story event background, or None: a date at least
    :data:`BACKGROUND_DAYS` from every one of the story's own dates, or a year (its date's or
    one its words state) before the story's year or years."""
    dates = [d for d in (item.event.date, *(ctx.by_id[a].events[n].date
                                             for a, n in item.event.mentions)) if d]
    gaps = [g for d in dates for a in anchors if (g := dates_gap(d, a)) is not None]
    if gaps and min(gaps) >= BACKGROUND_DAYS:
        return dates[0]
    own = {r[0].year for a in anchors if (r := date_range(a))}
    years = sorted({int(y) for y in _YEAR.findall(text)}
                   | {r[0].year for d in dates if (r := date_range(d))})
    floor = min(own) if own else latest
    past = [y for y in years if floor is not None and y < floor]
    return str(past[0]) if past else None


# --- the timeline ------------------------------------------------------------------------------


def build_timeline(story: Story, members: Sequence[Article],
                   aligned: Sequence[AlignedEvent]) -> Timeline:
    """The dated, real story events of one story, earliest first, each with its date's basis.
    Dates with no year ("--04-01": the sources give none and no reference date supplies it)
    come after the dated ones, in calendar order. Background events (as the brief reads them:
    dated years before the story, or :data:`BACKGROUND_DAYS` from its own days) come last,
    each with the date that makes it background."""
    by_id = {a.id: a for a in members}
    ctx = _Context.of(members, aligned, ())
    ctx.reporting = {item.event.id: list(dict.fromkeys(outlet_of(by_id[a])
                                                       for a, _ in item.event.mentions))
                     for item in aligned}
    anchors, latest = _anchors(aligned, ctx), _latest_year(members)
    entries = []
    for item in aligned:
        when = item.event.date
        key = _sort_key(when)
        if key is None or when is None or not _real(item, by_id):
            continue
        dated = [(a, n) for a, n in item.event.mentions
                 if (d := by_id[a].events[n].date) and dates_gap(d, when) == 0]
        basis, words = _basis([(by_id[a], by_id[a].events[n]) for a, n in dated])
        precision = ("day" if when.startswith("--") or len(when) == 10
                     else "month" if len(when) == 7 else "year")
        background = _background(item, "", ctx, anchors, latest) or ""
        entries.append(((bool(background), *key), TimelineEntry(
            date=when, precision=precision, basis=basis, basis_text=words,
            story_event=item.event.id, label=item.event.label,
            outlets=list(dict.fromkeys(outlet_of(by_id[a]) for a, _ in item.event.mentions)),
            citations=[Citation(a, by_id[a].events[n].sentence,
                                by_id[a].events[n].sentence.of(by_id[a].text))
                       for a, n in dated], background=background)))
    entries.sort(key=lambda e: (e[0], e[1].story_event))
    return Timeline(story=story.id, entries=[e for _, e in entries])


def _sort_key(when: str | None) -> tuple[int, date, date] | None:
    span = date_range(when)
    if span is not None:
        return (0, span[0], span[1])
    m = re.match(r"^--(\d{2})-(\d{2})$", when or "")
    if m is None:
        return None
    try:
        day = date(2000, int(m.group(1)), int(m.group(2)))
    except ValueError:
        return None
    return (1, day, day)


def _basis(dated: list[tuple[Article, Event]]) -> tuple[str, str]:
    """``stated`` when some mention's date words give the year, ``relative`` when they need the
    article's reference date, ``inherited`` when no mention has date words."""
    given = {getattr(event, "date_basis", None) for _, event in dated} - {None}
    words = []
    for article, event in dated:
        span = event.date_span
        if span is not None:
            words.append((bool(_YEAR.search(span.of(article.text))), span.of(article.text),
                          article))
    if not words:
        return "inherited", ""
    stated = [w for w in words if w[0]]
    if given and given <= {"explicit"}:  # the date stage says the words alone give it
        return "stated", (stated or words)[0][1]
    if stated:
        return "stated", stated[0][1]
    _, text, article = words[0]
    reference = article.meta.get("reference_date")
    if isinstance(reference, dict):  # the date stage's record: {"date": ISO or None, ...}
        reference = reference.get("date")
    if article.published is not None:
        reference = article.published.date().isoformat()
    return "relative", f'"{text}" read against {reference}' if reference else f'"{text}"'
