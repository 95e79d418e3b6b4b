"""Composed agreed lines: a story event most outlets report, in neutral template words.

When no outlet's own sentence about a story event is one every other outlet backs (each says
it in words of its own), the brief states the event in a template instead: "Reported by A, B
and C: Ardenia struck Borovian targets (on March 4, three killed, per A and C; in Velmar, per
B)." The line is composed, not quoted — it opens with the outlets it rests on and has no
quotation marks — and it says only what its outlets say:

* **who** — the gazetteer names of the sides (``Mention.name``), never the outlet's wording;
  sides every cited mention names the same way (same country or actor code). Sides named
  differently but of one country's state (the country, its government or military) get the
  country's name; an attack's target named other than by its bare name ("their harbour",
  "Borovian officers") is "<demonym> targets", with a demonym one of the outlets uses. A side
  that cannot be named so is left out (the target) or no line is made (the source).
* **did what** — a neutral verb of the story event's PLOVER type (:data:`VERBS`), never the
  outlet's verb ("slaughtered", "obliterated" become "struck").
* **where, when, how many** — a slot goes in the main clause only when every cited outlet gives
  it the same way; when only some give it (or give it in different but consistent ways) it goes
  in a trailing "(…, per X and Y)" clause naming the outlets that give it; when outlets give
  values that cannot both be true (7 against 9 killed, different days or places) it is left
  out — the contradiction is the brief's *disputed* part. A date is stated only as far as the
  outlets' date words give it (the month only when they name it; "on Monday" is not stated).

Each cited outlet is linked to its own mention's words (from its first part to its last: the
act, the sides, the numbers, the place and date words), so every word of the line is either in
a cited passage, a gazetteer name or demonym, or a template word (:data:`VERBS`,
:data:`FRAME_WORDS`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from manysides.compare.align import MUTUAL, content_words
from manysides.compare.contrast import dates_gap, outlet_label, quantities_consistent
from manysides.compare.sentences import factual
from manysides.model import Article, BriefSentence, Citation, Event, Mention, Quantity, Span

__all__ = ["FRAME_WORDS", "VERBS", "compose_line"]

#: A neutral verb for each PLOVER type: (with a target, without one). Types not listed (REJECT:
#: no neutral verb fits all it covers) get no composed line.
VERBS: dict[str, tuple[str, str]] = {
    "ASSAULT": ("struck", "carried out an attack"),
    "COERCE": ("took coercive measures against", "took coercive measures"),
    "CONSULT": ("spoke with", "held talks"),
    "AID": ("helped", "gave aid"),
    "SUPPORT": ("backed", "voiced support"),
    "COOPERATE": ("worked with", "cooperated"),
    "AGREE": ("reached an agreement with", "reached an agreement"),
    "ACCUSE": ("accused", "made accusations"),
    "THREATEN": ("threatened", "issued threats"),
    "PROTEST": ("protested against", "held protests"),
    "SANCTION": ("imposed sanctions on", "imposed sanctions"),
    "REQUEST": ("made a request to", "made a request"),
    "CONCEDE": ("made concessions to", "made concessions"),
    "RETREAT": ("withdrew from", "withdrew"),
    "MOBILIZE": ("mobilized forces against", "mobilized forces"),
}
#: The template's own words, beside the verbs, names, numbers and date words.
FRAME_WORDS = frozenset({"reported", "by", "and", "per", "in", "on", "with", "of", "the",
                         "targets", "killed", "injured", "people", "were"})
#: Sectors of a country's state: sides of these sectors of one country take its name.
_STATE = frozenset({None, "GOV", "MIL"})
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")
_HARM = {"kill": "killed", "dead": "killed", "death": "killed", "die": "killed",
         "fatalit": "killed", "injur": "injured", "wound": "injured", "hurt": "injured"}
_OF = frozenset({"hundreds", "dozens", "thousands", "scores", "millions", "tens"})


@dataclass(slots=True)
class _Said:
    """One outlet's mention the line rests on, oriented as the line states it."""

    outlet: str
    article: Article
    event: Event
    source: list[Mention]
    target: list[Mention]

    @property
    def label(self) -> str:
        """The outlet as a reader sees it named: the key, unless it is the article's id (an
        unknown outlet), then :func:`outlet_label`."""
        return outlet_label(self.article) if self.outlet == self.article.id else self.outlet

    @property
    def citation(self) -> Citation:
        span = _mention_span(self.event)
        return Citation(self.article.id, span, span.of(self.article.text))


def compose_line(kind: str, said: Mapping[str, Sequence[tuple[Article, Event]]],
                 story_event: str | None = None) -> BriefSentence | None:
    """The composed agreed line of a story event of PLOVER type ``kind`` from each outlet's
    mentions that say it happened (``said``: outlet -> mentions), or None when the type has no
    neutral verb, or fewer than two outlets name its source the same way."""
    if kind not in VERBS:
        return None
    chosen = _choose(kind, said)
    if len(chosen) < 2:
        return _harm_line(kind, said, story_event)
    subject = _side_name([s.source for s in chosen], kind, chosen, target=False)
    if subject is None:
        return None
    keys = {frozenset(_keys(s.target)) for s in chosen}
    obj = (_side_name([s.target for s in chosen], kind, chosen, target=True)
           if len(keys) == 1 and keys != {frozenset()} else None)
    verb = VERBS[kind][0] + " " + obj if obj else VERBS[kind][1]
    slots = [*_date_slots(chosen), *_place_slots(chosen), *_count_slots(chosen)]
    outlets, labels = [s.outlet for s in chosen], [s.label for s in chosen]
    inline = [(w, p) for w, p, o in slots if len(o) == len(outlets)]
    main = f"{subject} {verb}" + "".join(f" {p}" for w, p in inline if w != "count")
    counts = [p for w, p in inline if w == "count"]
    if counts:
        main += ", with " + " and ".join(counts)
    return BriefSentence(
        text=f"Reported by {_series(labels)}: {main}{_attributed(slots, len(outlets))}.",
        kind="agreed", story_event=story_event, outlets=outlets,
        citations=[s.citation for s in chosen])


def _harm_line(kind: str, said: Mapping[str, Sequence[tuple[Article, Event]]],
               story_event: str | None) -> BriefSentence | None:
    """"Reported by A, B and C: people were injured (on March 4, per A)." — harm no outlet
    gives an agent for ("twelve people were hurt"), counted by each cited outlet as one harm;
    counts that cannot all be true are left out (the disputed part has them)."""
    if kind != "ASSAULT":
        return None
    found: dict[str, list[_Said]] = {}
    for outlet, mentions in said.items():
        for a, e in mentions:
            harms = {h for q in e.quantities if isinstance(h := _thing(q.counts), str)}
            if not e.source and len(harms) == 1 and factual(a, _mention_span(e)):
                found.setdefault(next(iter(harms)), []).append(_Said(outlet, a, e, [], e.target))
    if not found:
        return None
    harm, given = max(found.items(), key=lambda kv: len({s.outlet for s in kv[1]}))
    chosen = list({s.outlet: s for s in reversed(given)}.values())[::-1]
    if len(chosen) < 2:
        return None
    counts = [c for c in _count_slots(chosen) if c[1].endswith(f" {harm}")]
    slots = [*_date_slots(chosen), *_place_slots(chosen), *counts]
    outlets, labels = [s.outlet for s in chosen], [s.label for s in chosen]
    inline = [p for w, p, o in slots if len(o) == len(outlets) and w != "count"]
    main = f"people were {harm}" + "".join(f" {p}" for p in inline)
    return BriefSentence(
        text=f"Reported by {_series(labels)}: {main}{_attributed(slots, len(outlets))}.",
        kind="agreed", story_event=story_event, outlets=outlets,
        citations=[s.citation for s in chosen])


def _attributed(slots: list[tuple[str, str, list[str]]], everyone: int) -> str:
    """The slots only some outlets give: " (on March 4, three killed, per A and C; in
    Velmar, per B)", grouped by the outlets that give them."""
    groups: dict[tuple[str, ...], list[str]] = {}
    for _, phrase, outlets in slots:
        if len(outlets) < everyone:
            groups.setdefault(tuple(outlets), []).append(phrase)
    parts = [f"{', '.join(phrases)}, per {_series(list(outlets))}"
             for outlets, phrases in groups.items()]
    return f" ({'; '.join(parts)})" if parts else ""


def _series(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


# --- which mention of each outlet ---------------------------------------------------------------


def _key(m: Mention) -> str | None:
    return m.country or (m.actor if m.actor and not m.actor.startswith("-") else None)


def _keys(mentions: Sequence[Mention]) -> list[str]:
    return list(dict.fromkeys(k for m in mentions if (k := _key(m))))


def _named(mentions: Sequence[Mention]) -> bool:
    return bool(mentions) and all(m.name and _key(m) for m in mentions)


def _choose(kind: str, said: Mapping[str, Sequence[tuple[Article, Event]]]) -> list[_Said]:
    """One mention per outlet, of those read as fact (not opinion, prediction, question) by
    the claims stage (when it ran): those whose named source is the one most outlets give (for
    mutual acts, talks and agreements, the two sides in either order), then the target most of
    them give, then the most slots given."""
    found = [_Said(outlet, a, e, e.source, e.target) for outlet, mentions in said.items()
             for a, e in mentions
             if e.type == kind and _named(e.source) and factual(a, _mention_span(e))]
    sides = _most({(s.outlet, frozenset(_keys(s.source))) for s in found}, fewest=True)
    mine = []
    for s in found:
        if frozenset(_keys(s.source)) == sides:
            mine.append(s)
        elif kind in MUTUAL and frozenset(_keys(s.target)) == sides and _named(s.target):
            mine.append(_Said(s.outlet, s.article, s.event, s.target, s.source))
    target = _most({(s.outlet, frozenset(_keys(s.target))) for s in mine}, fewest=False)
    best: dict[str, _Said] = {}
    for s in sorted(mine, key=lambda s: (frozenset(_keys(s.target)) != target,
                                         -_slots_given(s.event))):
        best.setdefault(s.outlet, s)
    return [best[o] for o in said if o in best]


def _most(given: set[tuple[str, frozenset[str]]], fewest: bool) -> frozenset[str] | None:
    """The sides the most outlets give; of those as many, the fewest (or the most) sides."""
    counts = Counter(k for _, k in sorted(given, key=lambda g: (g[0], sorted(g[1]))))
    if not counts:
        return None
    return max(counts, key=lambda k: (counts[k], -len(k) if fewest else len(k)))


def _slots_given(e: Event) -> int:
    return ((e.date_span is not None) + (e.location_span is not None)
            + len(e.quantities) + bool(e.target))


def _mention_span(e: Event) -> Span:
    """The mention's words: from its first part to its last, within its sentence."""
    parts = [e.trigger, *(m.span for m in e.source + e.target), *(q.span for q in e.quantities),
             *(p for p in (e.date_span, e.location_span) if p is not None)]
    inside = [p for p in parts if e.sentence.contains(p)] or [e.trigger]
    return Span(min(p.start for p in inside), max(p.end for p in inside))


# --- naming the sides --------------------------------------------------------------------------


def _side_name(sides: list[list[Mention]], kind: str, chosen: list[_Said],
               target: bool) -> str | None:
    """The sides as every mention names them (see the module's docstring), or None."""
    names = []
    for key in _keys(sides[0]):
        found = [m for side in sides for m in side if _key(m) == key]
        name = _one_name(found, kind, chosen, target)
        if name is None:
            return None
        names.append(name)
    return _series(names) if names else None


def _one_name(found: list[Mention], kind: str, chosen: list[_Said], target: bool) -> str | None:
    given = {m.name for m in found}
    bare = all(m.name and _plain(m.text) == _plain(m.name) for m in found)
    if len(given) == 1 and None not in given and (bare or not (target and kind == "ASSAULT")):
        return _with_article(next(iter(given)) or "")
    countries = {m.country for m in found}
    if len(countries) != 1 or None in countries:
        return None
    country = _country(next(iter(countries)) or "")
    if country is None:
        return None
    name, demonyms = country
    if target and kind == "ASSAULT":
        words = " ".join(s.citation.text for s in chosen).lower()
        used = [d for d in demonyms if re.search(rf"\b{re.escape(d)}\b", words)]
        return f"{used[0].capitalize()} targets" if used else None
    if all(m.sector in _STATE for m in found):
        return _with_article(name)
    return None


def _plain(text: str) -> str:
    text = " ".join(text.replace("\u2019", "'").split()).lower()
    return text[4:] if text.startswith("the ") else text


def _country(code: str) -> tuple[str, list[str]] | None:
    """The gazetteer's name and singular demonyms of a country."""
    from manysides.nlp.gazetteer import load_gazetteer

    actor = load_gazetteer().country(code)
    if actor is None:
        return None
    return actor.name, [d for d in actor.demonyms if not d.endswith("s")]


_THE = frozenset({"United", "Republic", "Kingdom", "Islands", "Emirates", "States",
                  "Netherlands", "Philippines", "Bahamas", "Gambia", "Maldives", "Union",
                  "Corps", "Forces", "Army", "Council", "Nations", "Authority", "Front",
                  "Ministry", "Organization", "Court", "Guard"})


def _with_article(name: str) -> str:
    """"the United States", "the European Union"; "France", "Hezbollah"."""
    return f"the {name}" if _THE & set(name.split()) else name


# --- slots: when, where, how many --------------------------------------------------------------


def _grouped(values: list[tuple[str, str]]) -> list[tuple[str, list[str]]]:
    """(phrase, outlets) for each phrase, in order."""
    out: dict[str, list[str]] = {}
    for outlet, phrase in values:
        if outlet not in out.setdefault(phrase, []):
            out[phrase].append(outlet)
    return list(out.items())


def _date_slots(chosen: list[_Said]) -> list[tuple[str, str, list[str]]]:
    given = [(s, e.date, phrase) for s in chosen if (e := s.event).date and e.date_span
             and (phrase := _date_words(e.date, e.date_span.of(s.article.text)))]
    dates = [d for _, d, _ in given]
    if any((dates_gap(a, b) or 0) > 0 for a in dates for b in dates):
        return []  # outlets that date it differently: left to the disputed part
    return [("date", f"on {p}", o) for p, o in _grouped([(s.label, p) for s, _, p in given])]


def _date_words(iso: str, words: str) -> str | None:
    """The date as far as the words give it: "March 4", "March 4, 2021", "March 2021", "2021";
    None when they name neither the month nor the year ("on Monday")."""
    m = re.match(r"^(?:(\d{4})|-)(?:-(\d{2}))?(?:-(\d{2}))?$", iso)
    if m is None:
        return None
    year, month, day = m.group(1), m.group(2), m.group(3)
    year = year if year and year in words else None
    name = _MONTHS[int(month) - 1] if month and 1 <= int(month) <= 12 else None
    if name is None or not re.search(rf"\b{name[:3]}", words, re.IGNORECASE):
        return year
    days = str(int(day)) if day else None
    if days and not re.search(rf"\b{days}(?:st|nd|rd|th)?\b", words):
        days = None
    when = f"{name} {days}" if days else name
    return f"{when}, {year}" if year and days else f"{when} {year}" if year else when


def _place_slots(chosen: list[_Said]) -> list[tuple[str, str, list[str]]]:
    given = [(s.label, e.location) for s in chosen
             if (e := s.event).location and e.location_span is not None]
    places = {p for _, p in given if p}
    if not all(_within(a, b) or _within(b, a) for a in places for b in places):
        return []  # places that cannot both be right
    return [("place", f"in {p}", o) for p, o in _grouped([(o, p or "") for o, p in given])]


def _within(inner: str, outer: str) -> bool:
    """The same place, or a place (a city, a seat of power) the gazetteer puts in the country
    ``outer``."""
    from manysides.nlp.gazetteer import load_gazetteer, normalise_surface

    if normalise_surface(inner) == normalise_surface(outer):
        return True
    gazetteer = load_gazetteer()
    a, b = gazetteer.lookup(normalise_surface(inner)), gazetteer.lookup(normalise_surface(outer))
    if a is None or b is None or b.form != "name" or b.actor.kind != "country":
        return False
    code = a.actor.code or ""
    return code != b.actor.code and (a.form == "place" or a.actor.kind == "seat") and (
        gazetteer.split(code)[0] == b.actor.code)


def _count_slots(chosen: list[_Said]) -> list[tuple[str, str, list[str]]]:
    """Counts of one thing given consistently ("three killed"); each thing at most once an
    outlet."""
    things: dict[frozenset[str] | str, list[tuple[str, Quantity]]] = {}
    for s in chosen:
        for q in s.event.quantities:
            found = things.setdefault(_thing(q.counts), [])
            if all(o != s.label for o, _ in found):
                found.append((s.label, q))
    out = []
    for given in things.values():
        if any(quantities_consistent(a, b) is not True for _, a in given for _, b in given):
            continue
        phrases = [(o, _count_words(q)) for o, q in given]
        out += [("count", p, o) for p, o in _grouped(phrases)]
    return out


def _thing(counts: str) -> frozenset[str] | str:
    words = content_words(counts)
    harm = {label for w in words for stem, label in _HARM.items() if w.startswith(stem)}
    return next(iter(harm)) if len(harm) == 1 else words


def _count_words(q: Quantity) -> str:
    thing = _thing(q.counts)
    if isinstance(thing, str):
        return f"{q.text} {thing}"
    of = " of" if q.text.split()[-1:] and q.text.split()[-1].lower() in _OF else ""
    return f"{q.text}{of} {q.counts}"
