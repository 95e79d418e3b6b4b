"""A neutral multi-source brief and a timeline for each story, every line cited to its words.

The brief is extractive: it never writes a fact of its own, only chooses sentences the sources
wrote and says who wrote them.

* **agreed** — sentences whose content most outlets of the story share. A story event reported by
  most outlets gives its most neutral mention sentence; then sentences are scored by how much of
  their (idf-weighted) content words each other outlet's closest sentence shares. The chosen
  sentence is cited together with the closest sentences of the outlets that share it.
* **disputed** — each contradiction the comparison found, both sides quoted and attributed to
  their outlet (and speaker, when the article gives one).
* **partial** — story events some outlets report and others leave out, attributed to the
  outlets that report them.

Neutral wording: among candidate sentences, those with words of the loaded-language lexicon
(:func:`manysides.nlp.heads.loaded_words`, learned on BABE), first-person voice, questions or
exclamations lose to plainer ones, and a sentence with several loaded words is not used at all
unless it is quoted and attributed.

The timeline lists the dated, real (not hypothetical) story events, earliest first, with the
basis of each date: ``stated`` (the words give the year), ``relative`` (resolved against the
article's reference date: "last Monday", "April 1st"), ``inherited`` (no date words of its own).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from itertools import pairwise

from manysides.compare.align import REALIS, AlignedEvent, content_words
from manysides.compare.contrast import date_range, dates_gap, outlet_of
from manysides.model import (
    Article,
    Brief,
    BriefSentence,
    Citation,
    Contradiction,
    ContradictionSide,
    Event,
    OutletVerdict,
    Span,
    Story,
    Timeline,
    TimelineEntry,
)

__all__ = ["Candidate", "build_brief", "build_timeline", "consensus", "loaded_count",
           "split_sentences", "trim_to_event"]

#: At most this many sentences of each kind.
MAX_AGREED = 3
MAX_DISPUTED = 3
MAX_PARTIAL = 3
#: Another outlet "shares" a sentence when its closest sentence covers this share of the
#: sentence's weighted content words.
SHARED = 0.2
#: Two chosen sentences are redundant above this overlap.
REDUNDANT = 0.5
#: Sentences outside these lengths (characters) are not used.
MIN_CHARS, MAX_CHARS = 40, 400
#: A sentence with more loaded words than this is never used unattributed.
MAX_LOADED = 1
#: Only the first this many usable sentences of each article are candidates.
MAX_CANDIDATES = 25

_FIRST_PERSON = re.compile(r"\b(?:I|I'm|I’m|we|We|our|Our|us|my|My)\b")
_YEAR = re.compile(r"\b(?:1[5-9]|20)\d{2}\b")


def split_sentences(text: str, within: Span | None = None) -> list[Span]:
    """Sentence spans of ``text`` (or of the part ``within``), stripped of spaces. A sentence
    ends at ``.``, ``!``, ``?`` or ``…`` (with closing quotes) before a capital, a digit or an
    opening quote, or at a line break; not after an initial or an abbreviation ("U.S.", "Mr.")."""
    start = within.start if within else 0
    end = within.end if within else len(text)
    cuts = [start]
    for m in _BOUNDARY.finditer(text, start, end):
        word = text[max(start, m.start() - 12):m.start() + 1].split()[-1:]
        if m.group(1) and word and _ABBREVIATION.search(word[0]):
            continue
        cuts.append(m.end())
    cuts.append(end)
    out = []
    for a, b in pairwise(cuts):
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            out.append(Span(a, b))
    return out


_BOUNDARY = re.compile(r"(?:([.!?…]+)[\"'”’)\]]*\s+(?=[\"'“‘(]?[A-Z0-9])|\n\s*)")
_ABBREVIATION = re.compile(r"(?:^|[^\w])(?:[A-Z]\.(?:[A-Z]\.)*|Mr\.|Mrs\.|Ms\.|Dr\.|St\.|"
                           r"Sen\.|Rep\.|Gen\.|Gov\.|Lt\.|Col\.|Sgt\.|Jr\.|Sr\.|No\.|vs\.|"
                           r"Jan\.|Feb\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.|Inc\.|Corp\.|Co\.)$")


def loaded_count(sentence: str) -> int:
    """How many words of the loaded-language lexicon the sentence uses."""
    from manysides.nlp.heads import loaded_words

    return len(loaded_words(sentence))


@dataclass(slots=True)
class Candidate:
    """A sentence the brief may use, with the outlets that share its content."""

    article: str
    outlet: str
    span: Span
    text: str
    score: float
    support: list[Citation]  # the closest sentences of the outlets that share it
    outlets: list[str]  # its own outlet first, then those that share it


def _usable(text: str) -> bool:
    """Long enough to say something, short enough to read, a statement, not a fragment."""
    return (MIN_CHARS <= len(text) <= MAX_CHARS and text[:1].isupper()
            and not text.rstrip("\"'”’)").endswith(("?", "!")))


_PRESCRIPTIVE = re.compile(r"\b(?:should|must|ought to|needs? to|has to|have to)\b", re.I)
_CONNECTIVE = re.compile(r"(?:But|And|So|Yet|Or|Still|Instead|Thus|Therefore|However|After all|"
                         r"Indeed|Meanwhile)\b")


def _factual(article: Article, span: Span) -> bool:
    """Not read as an opinion, prescription, prediction or question by the claims stage (when
    it ran)."""
    roles = [c.role for c in article.claims if c.span.overlaps(span)]
    return not roles or "fact" in roles


def _unquoted(text: str) -> bool:
    """No quotation marks: not one side's words presented as what all sides say."""
    return not any(q in text for q in "\"“”")


def consensus(articles: Sequence[Article], limit: int = MAX_AGREED) -> list[Candidate]:
    """The sentences of ``articles`` whose content the most outlets share, best first, none
    redundant with a better one; for a single outlet, its plainest leading sentences."""
    sentences = [found for a in articles for found in _candidates(a)]
    if not sentences:
        return []
    words = [content_words(t) for _, _, t in sentences]
    df = Counter(w for ws in words for w in ws)
    n = len(sentences)

    def weight(w: str) -> float:
        return math.log(1 + n / df[w])

    outlets = list(dict.fromkeys(outlet_of(a) for a in articles))
    by_outlet: dict[str, list[int]] = {}
    for i, (a, _, _) in enumerate(sentences):
        by_outlet.setdefault(outlet_of(a), []).append(i)
    position = {a.id: len(a.text) or 1 for a in articles}
    scored = []
    for i, (article, span, text) in enumerate(sentences):
        own = outlet_of(article)
        total = sum(weight(w) for w in words[i]) or 1.0
        shares, support = [], []
        for other in outlets:
            if other == own:
                continue
            best, where = 0.0, -1
            for j in by_outlet.get(other, []):
                got = sum(weight(w) for w in words[i] & words[j]) / total
                if got > best:
                    best, where = got, j
            shares.append(best)
            if best >= SHARED and where >= 0:
                a2, s2, t2 = sentences[where]
                support.append((other, Citation(a2.id, s2, t2)))
        loaded = loaded_count(text)
        if loaded > MAX_LOADED:
            continue
        lead = 0.15 * (1 - span.start / position[article.id])
        plain = -0.15 * loaded - (0.2 if _FIRST_PERSON.search(text) else 0.0)
        agreement = sum(shares) / len(shares) if shares else 0.0
        score = agreement + 0.1 * len(support) + lead + plain
        scored.append(Candidate(article.id, own, span, " ".join(text.split()), score,
                                [c for _, c in support], [own, *(o for o, _ in support)]))
    scored.sort(key=lambda c: -c.score)
    return _diverse(scored, words, sentences, limit)


def _candidates(article: Article) -> list[tuple[Article, Span, str]]:
    """The article's first :data:`MAX_CANDIDATES` sentences the brief may use (leads carry
    the news; the cap keeps a story of many long articles affordable)."""
    out = []
    for span in split_sentences(article.text):
        text = span.of(article.text)
        if (_usable(text) and _unquoted(text) and _factual(article, span)
                and not _CONNECTIVE.match(text) and not _PRESCRIPTIVE.search(text)):
            out.append((article, span, text))
            if len(out) >= MAX_CANDIDATES:
                break
    return out


def _diverse(scored: list[Candidate], words: list[frozenset[str]],
             sentences: list[tuple[Article, Span, str]], limit: int) -> list[Candidate]:
    index = {(a.id, s): i for i, (a, s, _) in enumerate(sentences)}
    chosen: list[Candidate] = []
    for cand in scored:
        mine = words[index[cand.article, cand.span]]
        if any(_overlap(mine, words[index[c.article, c.span]]) > REDUNDANT for c in chosen):
            continue
        chosen.append(cand)
        if len(chosen) >= limit:
            break
    return chosen


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


# --- the brief ---------------------------------------------------------------------------------


def build_brief(story: Story, members: Sequence[Article], aligned: Sequence[AlignedEvent],
                verdicts: Sequence[OutletVerdict],
                contradictions: Sequence[Contradiction]) -> Brief:
    """The neutral brief of one story: agreed, then disputed, then partial sentences."""
    outlets = list(dict.fromkeys(outlet_of(a) for a in members))
    by_id = {a.id: a for a in members}
    reporting = _reporting(verdicts)
    agreed = _agreed_events(aligned, reporting, outlets, by_id)
    for cand in consensus(members, MAX_AGREED):
        if len(agreed) >= MAX_AGREED:
            break
        if any(s.citations and s.citations[0].span.overlaps(cand.span)
               and s.citations[0].article == cand.article for s in agreed):
            continue
        many = len(outlets) > 1 and 2 * len(cand.outlets) > len(outlets)
        agreed.append(BriefSentence(
            text=cand.text, kind="agreed" if many else "partial", outlets=cand.outlets,
            citations=[Citation(cand.article, cand.span, cand.span.of(by_id[cand.article].text)),
                       *cand.support]))
    disputed = [_disputed(c) for c in contradictions[:MAX_DISPUTED]]
    partial = _partial(aligned, reporting, outlets, by_id)
    sentences = [s for s in agreed if s.kind == "agreed"] + disputed + [
        s for s in agreed if s.kind == "partial"] + partial
    return Brief(story=story.id, sentences=sentences)


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


def _plainest(item: AlignedEvent, by_id: dict[str, Article],
              used: Sequence[Citation] = ()) -> tuple[Article, Span] | None:
    """The mention of a story event (trimmed to the event's clause) with the fewest loaded
    words, then the most of its words shared by the other outlets' mentions (the least said by
    one outlet alone), then the shortest."""
    found = []
    words = {(a, n): content_words(by_id[a].events[n].sentence.of(by_id[a].text))
             for a, n in item.event.mentions}
    for article_id, n in item.event.mentions:
        article = by_id[article_id]
        event = article.events[n]
        span = trim_to_event(event, article.text)
        text = span.of(article.text)
        if not (_positive(event, article.text) and _usable(text)) or any(
                c.article == article_id and c.span.overlaps(span) for c in used):
            continue
        mine = content_words(text)
        others = frozenset().union(*(w for (a, _), w in words.items()
                                     if outlet_of(by_id[a]) != outlet_of(article)))
        shared = round(len(mine & others) / len(mine), 1) if mine else 0.0
        found.append((loaded_count(text), bool(_FIRST_PERSON.search(text)), -shared, len(text),
                      article_id, span))
    if not found:
        return None
    loaded, first, _, _, article_id, span = min(found)
    return (by_id[article_id], span) if loaded <= MAX_LOADED and not first else None


def _agreed_events(aligned: Sequence[AlignedEvent], reporting: dict[str, list[str]],
                   outlets: list[str], by_id: dict[str, Article]) -> list[BriefSentence]:
    if len(outlets) < 2:
        return []
    out: list[BriefSentence] = []
    ranked = sorted(aligned, key=lambda a: -len(reporting.get(a.event.id, [])))
    for item in ranked:
        said = reporting.get(item.event.id, [])
        if 2 * len(said) <= len(outlets) or len(said) < 2 or not _real(item, by_id):
            continue
        best = _plainest(item, by_id, [s.citations[0] for s in out])
        if best is None:
            continue
        article, span = best
        out.append(BriefSentence(
            text=" ".join(span.of(article.text).split()), kind="agreed",
            story_event=item.event.id, outlets=said,
            citations=_mention_citations(item, by_id, (article.id, span))))
        if len(out) >= MAX_AGREED - 1:
            break
    return out


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


def _disputed(c: Contradiction) -> BriefSentence:
    def side(s: ContradictionSide) -> str:
        who = f"{s.outlet} ({s.speaker})" if s.speaker else s.outlet
        return f'{who}: "{" ".join(s.text.split())}"'

    text = f"Accounts differ ({c.reason}). {side(c.a)} {side(c.b)}"
    return BriefSentence(
        text=text, kind="disputed", story_event=c.story_event,
        outlets=list(dict.fromkeys([c.a.outlet, c.b.outlet])),
        citations=[Citation(c.a.article, c.a.span, c.a.text),
                   Citation(c.b.article, c.b.span, c.b.text)])


def _partial(aligned: Sequence[AlignedEvent], reporting: dict[str, list[str]],
             outlets: list[str], by_id: dict[str, Article]) -> list[BriefSentence]:
    """Story events some outlets report and others leave out (with numbers first)."""
    if len(outlets) < 2:
        return []
    found = []
    for item in aligned:
        said = reporting.get(item.event.id, [])
        if not said or len(said) == len(outlets) or 2 * len(said) > len(outlets):
            continue
        if not _real(item, by_id):
            continue
        best = _plainest(item, by_id)
        if best is None:
            continue
        counts = sum(len(by_id[a].events[n].quantities) for a, n in item.event.mentions)
        found.append((-counts, -len(item.event.mentions), item, best, said))
    found.sort(key=lambda f: (f[0], f[1], f[2].event.id))
    out = []
    for _, _, item, (article, span), said in found[:MAX_PARTIAL]:
        words = " ".join(span.of(article.text).split())
        verb = "reports" if len(said) == 1 else "report"
        out.append(BriefSentence(
            text=f'Only {", ".join(said)} {verb}: "{words}"', kind="partial",
            story_event=item.event.id, outlets=said,
            citations=_mention_citations(item, by_id, (article.id, span))))
    return out


# --- the timeline ------------------------------------------------------------------------------


def build_timeline(story: Story, members: Sequence[Article],
                   aligned: Sequence[AlignedEvent]) -> Timeline:
    """The dated, real story events of one story, earliest first, each with its date's basis.
    Dates with no year ("--04-01": the sources give none and no reference date supplies it)
    come after the dated ones, in calendar order."""
    by_id = {a.id: a for a in members}
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
        entries.append((key, TimelineEntry(
            date=when, precision=precision, basis=basis, basis_text=words,
            story_event=item.event.id, label=item.event.label,
            outlets=list(dict.fromkeys(outlet_of(by_id[a]) for a, _ in item.event.mentions)),
            citations=[Citation(a, by_id[a].events[n].sentence,
                                by_id[a].events[n].sentence.of(by_id[a].text))
                       for a, n in dated])))
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
