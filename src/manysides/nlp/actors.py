"""Link actor mentions in an article to the gazetteer: who is named, with which CAMEO code.

:func:`link_actors` reads a parsed article and returns its :class:`~manysides.model.Mention` s,
each with character offsets into ``article.text`` (the doc must be parsed from that text), the
actor code (``IRNGOV``), canonical name, country and sector. It combines:

- gazetteer names, longest match first: countries, demonyms, capitals and seats of power as
  metonyms ("Tehran", "the Pentagon"), organisations, armed groups, IGOs, people;
- the entity recogniser: PERSON/ORG/GPE/NORP entities the gazetteer does not know become
  mentions without a code, and a known name inside a longer PERSON entity takes its full span;
- composition: a country, seat, group or person before a sector noun or a title
  ("Iranian security officials" -> IRNGOV, "Israeli jets" -> ISRMIL, "a senior Hamas
  official" -> Hamas), and a title or agent before a name ("Iranian President Ebrahim Raisi");
- resolution in reading order (:mod:`manysides.nlp.coref`): titles by the article's date and
  country ("the president" on 2024-04-14 is Joe Biden; with no date it stays unresolved unless a
  holder was named), surnames after a full name, he/she to the last person, "the group",
  "the country", "its", and "the military" to the last country; ``resolved_from`` points to the
  named mention.
"""

from __future__ import annotations

import sys
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from manysides.errors import PipelineError
from manysides.model import Article, Mention, Span
from manysides.nlp import coref
from manysides.nlp.codes import compose
from manysides.nlp.gazetteer import Gazetteer, load_gazetteer
from manysides.nlp.items import NAMED_KINDS, Item
from manysides.nlp.matching import NAME_TAGS, NameIndex, norm

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

__all__ = ["ActorLinker", "get_linker", "link_actors"]

NER_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
PRONOUNS = {
    "he": "m",
    "him": "m",
    "his": "m",
    "himself": "m",
    "she": "f",
    "her": "f",
    "hers": "f",
    "herself": "f",
}
#: Plural pronouns that can stand for a country, group or body ("they", "their").
PLURAL_PRONOUNS = frozenset({"they", "their"})
ANAPHORS = {
    "group": "group",
    "movement": "group",
    "militia": "group",
    "organization": "group",
    "organisation": "group",
    "country": "country",
    "nation": "country",
    "alliance": "igo",
    "bloc": "igo",
}
#: Participles after which a name is a patron, not the owner ("Iran-backed groups"); "-led"
#: stays an owner ("U.S.-led forces").
BACKING = frozenset({"backed", "sponsored", "funded", "financed", "supported", "armed",
                     "trained", "allied", "aligned", "inspired", "affiliated", "linked"})
#: Quantifiers that make "people" anyone at all: "countless people have warned", "many
#: people think" — a vague crowd, not civilians as an actor.
VAGUE_QUANTIFIERS = frozenset({"countless", "many", "some", "most", "numerous", "few",
                               "several", "various", "other", "more", "lots", "plenty",
                               "all", "everyday", "ordinary", "normal", "reasonable"})
#: Sector nouns the agents file lists that name a quality or activity, never a body that
#: acts ("governance vacuum", "good governance").
NOT_AGENTS = frozenset({"governance", "governances"})
MODIFIER_TAGS = frozenset({"JJ", "JJR", "JJS", "NN", "NNS", "VBN", "VBG", "HYPH", "POS", "CD"})
MODIFIER_KINDS = NAMED_KINDS | {"ner", "anaphor"}
_KIND_LABELS = {
    "person": "PERSON",
    "country": "GPE",
    "seat": "GPE",
    "org": "ORG",
    "group": "ORG",
    "igo": "ORG",
    "ngo": "ORG",
}


class ActorLinker:
    """A gazetteer compiled for matching; build once per process with :func:`get_linker`."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self.index = NameIndex(gazetteer)

    def link(self, doc: Doc, article: Article) -> list[Mention]:
        """The article's actor mentions, in text order (see :func:`link_actors`)."""
        if doc.text != article.text:
            raise PipelineError(
                f"article {article.id}: the doc was not parsed from article.text "
                "(offsets would not point into the article); parse article.text itself"
            )
        if not doc.has_annotation("TAG") or not doc.has_annotation("SENT_START"):
            raise PipelineError(
                "link_actors needs a doc with part-of-speech tags and sentences: load the "
                "pipeline with load_nlp() (components tagger, parser, ner)"
            )
        ents = {t.i: ent for ent in doc.ents for t in ent}
        items = self._names(doc, ents)
        items += _anaphors(doc, items)
        items = _compose(doc, sorted(items, key=lambda i: (i.start, i.end)))
        items = [i for i in items if not _no_actor(doc, i)]
        day = article.published.date() if article.published else None
        coref.resolve(items, doc, day, self.gazetteer)
        text = article.text
        mentions = [_mention(text, item, self.gazetteer) for item in items if not item.dropped]
        return _qualify(doc, _delegates(doc, _without_datelines(doc, mentions)))

    def _names(self, doc: Doc, ents: dict[int, SpacySpan]) -> list[Item]:
        """Gazetteer matches, adjusted by the entity recogniser, plus entities it misses."""
        items = []
        for match in self.index.find(doc, ents):
            char_end = match.char_end or doc[match.end - 1].idx + len(doc[match.end - 1])
            entry = match.entry
            item = Item(
                match.start,
                match.end,
                doc[match.start].idx,
                char_end,
                entry.actor.kind,
                actor=entry.actor,
                form=entry.form,
            )
            if entry.actor.kind in ("agent", "title"):
                item.sector = entry.actor.code
                item.title = entry.actor.name if entry.actor.kind == "title" else None
            if _not_a_place(item, ents):
                continue
            items.append(_widen_person(item, ents))
        return _with_entities(doc, items, ents)


def _not_a_place(item: Item, ents: dict[int, SpacySpan]) -> bool:
    """A one-word city the recogniser reads as a person ("Charlotte said").

    Country names and seats of power are kept: "Jordan" or "Washington" read as a person is
    more often the recogniser's mistake than a person's name.
    """
    if item.end - item.start != 1 or item.form != "place":
        return False
    ent = ents.get(item.start)
    return ent is not None and ent.label_ == "PERSON" and len(ent) == 1


def _widen_person(item: Item, ents: dict[int, SpacySpan]) -> Item:
    """A known person inside a longer PERSON entity takes the entity's span."""
    ent = ents.get(item.start)
    if item.kind == "person" and ent is not None and ent.label_ == "PERSON":
        words = _without_possessive(ent)
        if words.start <= item.start and item.end <= words.end:
            item.start, item.end = words.start, words.end
            item.char_start, item.char_end = words.start_char, words.end_char
    return item


def _with_entities(doc: Doc, items: list[Item], ents: dict[int, SpacySpan]) -> list[Item]:
    """Add recognised entities no gazetteer item overlaps; label the items entities cover."""
    covered = {t for item in items for t in range(item.start, item.end)}
    for item in items:
        ent = ents.get(item.start)
        if ent is not None and item.kind not in ("agent", "title"):
            item.label = ent.label_
        if (
            item.end - item.start == 1
            and item.kind in ("country", "seat")
            and item.form != "demonym"
        ):
            item.surname = norm(doc[item.start].text)
    for ent in doc.ents:
        if ent.label_ not in NER_LABELS or any(t in covered for t in range(ent.start, ent.end)):
            continue
        words = _without_possessive(ent)
        item = Item(
            words.start,
            words.end,
            words.start_char,
            words.end_char,
            "ner",
            label=ent.label_,
            text=words.text,
            form="ner",
        )
        if len(words) == 1:  # "Badran", "Oliveira": maybe a surname seen before
            item.surname = norm(words.text)
        items.append(item)
        covered.update(range(ent.start, ent.end))
    for token in doc:
        if token.i not in covered and token.tag_ in NAME_TAGS and token.text[:1].isupper():
            items.append(
                Item(
                    token.i,
                    token.i + 1,
                    token.idx,
                    token.idx + len(token),
                    "surname",
                    form="surname",
                    surname=norm(token.text),
                )
            )
    return items


def _without_possessive(span: SpacySpan) -> SpacySpan:
    """``Robert Malley's`` -> ``Robert Malley`` (the recogniser sometimes keeps the ``'s``)."""
    end = span.end
    while end - span.start > 1 and span.doc[end - 1].text.replace("\u2019", "'") in ("'s", "'"):
        end -= 1
    return span.doc[span.start : end]


def _anaphors(doc: Doc, items: list[Item]) -> list[Item]:
    """Pronouns (he, she, ...; subject "they" and "their"), "the group"/"the country"/"the
    alliance", and "its"."""
    covered = {t for item in items for t in range(item.start, item.end)}
    found = []
    for token in doc:
        if token.i in covered:
            continue
        lower = token.lower_
        if lower in PRONOUNS and token.tag_ in ("PRP", "PRP$"):
            found.append(_anaphor(token, token, "pronoun", PRONOUNS[lower]))
        elif lower in PLURAL_PRONOUNS and token.tag_ in ("PRP", "PRP$") and (
                lower == "their" or token.dep_ in ("nsubj", "nsubjpass")):
            found.append(_anaphor(token, token, "pronoun", "plural"))
        elif lower == "its" and token.tag_ == "PRP$":
            found.append(_anaphor(token, token, "anaphor", "owner"))
        elif lower in ANAPHORS and token.tag_ == "NN" and token.i > 0:
            the = doc[token.i - 1]
            if the.lower_ == "the" and the.i not in covered:
                found.append(_anaphor(the, token, "anaphor", ANAPHORS[lower]))
    return found


def _anaphor(first: Token, last: Token, kind: str, want: str) -> Item:
    """An item over ``first``..``last`` that resolution will point at an earlier actor."""
    item = Item(first.i, last.i + 1, first.idx, last.idx + len(last), kind, form=kind, want=want)
    item.definite = first.lower_ == "the"
    return item


def _compose(doc: Doc, items: list[Item]) -> list[Item]:
    """Merge adjacent agents, attach modifiers to agents and titles, and titles to names."""
    items = _merge_agents(items)
    for position, item in enumerate(items):
        if item.kind in ("agent", "title"):
            _attach_modifier(doc, items, position)
    items = [i for i in items if not i.absorbed]
    for position, item in enumerate(items[:-1]):
        following = items[position + 1]
        if item.kind in ("agent", "title") and following.start == item.end and following.is_person:
            following.prefix = item
            following.start, following.char_start = item.start, item.char_start
            item.absorbed = True
    for item in items:
        if item.kind in ("agent", "title") and item.start > 0:
            item.definite = doc[item.start - 1].lower_ == "the"
    return [i for i in items if not i.absorbed]


def _merge_agents(items: list[Item]) -> list[Item]:
    """``military officials``: one agent; a specific modifier beats a generic GOV head."""
    merged: list[Item] = []
    for item in items:
        last = merged[-1] if merged else None
        if (
            last is not None
            and last.kind == "agent"
            and item.kind == "agent"
            and last.end == item.start
        ):
            sector = item.sector
            if sector == "GOV" and last.sector and last.sector != "GOV":
                sector = last.sector
            item.start, item.char_start, item.sector = last.start, last.char_start, sector
            merged[-1] = item
            continue
        merged.append(item)
    return merged


def _attach_modifier(doc: Doc, items: list[Item], position: int) -> None:
    """Find the country/group/person a sector noun or title belongs to, just before it."""
    head = items[position]
    cursor = head.start
    for _ in range(4):
        previous = next((i for i in reversed(items[:position]) if i.end == cursor), None)
        if previous is not None:
            if _stance(doc, previous.start):
                previous.dropped = True  # "pro-Russia rebels" are not Russia's, nor Russia
                return
            possessive = previous.kind == "pronoun" and doc[previous.start].tag_ == "PRP$"
            if (previous.kind in MODIFIER_KINDS or possessive) and not previous.absorbed:
                head.modifier = previous
                head.start, head.char_start = previous.start, previous.char_start
                previous.absorbed = True
            return
        if cursor == 0 or doc[cursor - 1].tag_ not in MODIFIER_TAGS:
            return
        if doc[cursor - 1].lower_ in BACKING:
            return  # "Iran-backed militant groups" are backed by Iran, not Iran's
        cursor -= 1


def _no_actor(doc: Doc, item: Item) -> bool:
    """An agent noun that names no one who acts: a vague crowd ("countless people", "many
    people") or a quality ("governance")."""
    if item.kind != "agent" or item.modifier is not None:
        return False
    head = doc[item.end - 1]
    if head.lower_ in NOT_AGENTS:
        return True
    if item.sector != "CVL" or head.lemma_.lower() not in ("people", "person"):
        return False
    before = doc[item.start - 1] if item.start > 0 else None
    quantified = any(c.dep_ in ("amod", "det", "nummod") and c.lower_ in VAGUE_QUANTIFIERS
                     for c in head.children)
    if before is not None and before.lower_ == "of" and before.head.lower_ in VAGUE_QUANTIFIERS:
        quantified = True  # "lots of people", "some of the people"
    return quantified


def _stance(doc: Doc, start: int) -> bool:
    """Whether the name at ``start`` follows "pro-" or "anti-": a stance, not an owner."""
    before = [t.lower_ for t in doc[max(0, start - 2):start]]
    return before[-1:] in (["pro-"], ["anti-"]) or before in (["pro", "-"], ["anti", "-"])


def _mention(text: str, item: Item, gazetteer: Gazetteer) -> Mention:
    """The :class:`Mention` an item stands for (code split into country and sector)."""
    code = item.code
    named = item.named()
    owner = named if item.kind == "pronoun" else item  # "they" stands for "officials"
    if code is None and owner.sector and owner.kind in ("agent", "title"):
        code = compose(None, owner.sector)  # "officials" of no known country: ---GOV
    country, sector = gazetteer.split(code) if code else (None, None)
    resolved = None
    if named is not item:
        resolved = Span(named.char_start, named.char_end)
    label = _label(item)
    if item.kind == "pronoun":
        label = "PRON"
    elif named is not item and item.kind not in ("agent", "title"):
        label = _label(named)  # a short form or "the group" is what it refers to
    return Mention(
        span=Span(item.char_start, item.char_end),
        text=text[item.char_start : item.char_end],
        label=sys.intern(label),  # a few values over tens of thousands of mentions: shared
        actor=sys.intern(code) if code else None,
        name=item.name,
        country=country,
        sector=sector,
        resolved_from=resolved,
    )


_DATELINE_ENDS = frozenset({"—", "–", "--", "-", ":"})


def _without_datelines(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Leave out the places of a dateline ("DUBAI—", "GAZA CITY, Palestinian Territories:"):
    where the story was filed, not an actor in it."""
    cuts: list[tuple[int, int]] = []
    for sent in doc.sents:
        head = list(sent[:8])
        end = next((t for t in head if t.text in _DATELINE_ENDS), None)
        if end is None or end.i == sent.start or doc[end.i - 1].whitespace_:
            continue  # "DUBAI—", "LYON:": the mark sticks to the place name
        words = [t for t in sent[: end.i - sent.start] if not t.is_punct]
        if words and all(t.is_title or t.is_upper or t.like_num for t in words) and any(
                t.ent_type_ in ("GPE", "LOC") or (t.is_upper and len(t) > 2) for t in words):
            cuts.append((sent.start_char, end.idx))
    return [m for m in mentions if not any(
        start <= m.span.start and m.span.end <= stop for start, stop in cuts)]


#: Prepositions whose object can say which country a sector noun belongs to ("the mayor of
#: Nablus", "dissidents from Myanmar", "a court in Guyana", "a spokesman for the ministry").
_OWNER_PREPS = frozenset({"of", "from", "in", "for"})  # "a spokesman for Iran's mission"
#: Sectors of state institutions: "Rwanda's Senate" is Rwanda's, whatever country the bare
#: word defaults to.
_NOT_OWNERS = frozenset({"relcl", "acl", "ccomp", "advcl", "appos", "conj", "cc"})
_STATE_SECTORS = frozenset({"GOV", "LEG", "JUD", "MIL", "SPY", "COP", "ELI"})


#: Nouns for people who act for someone: "representatives of X" are X's, whatever sector
#: the bare word has (the agents file reads "representatives" as legislators).
DELEGATE_NOUNS = frozenset({"representative", "representatives", "delegate", "delegates",
                            "delegation", "delegations"})


def _delegates(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """"Representatives of the group", "delegates from Chile": they speak for the actor their
    "of"/"from" phrase names (a country's are its government's), and with no actor named
    there they are of no known actor — not legislators."""
    out = []
    for mention in mentions:
        span = doc.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
        root = span.root if span is not None else None
        preps = [] if root is None or root.lower_ not in DELEGATE_NOUNS else [
            c for c in root.children if c.dep_ == "prep" and c.lower_ in ("of", "from")]
        if not preps:
            out.append(mention)
            continue
        owner = _actor_in(doc, preps[0], mentions, mention)
        if owner is None:
            out.append(replace(mention, actor=None, country=None, sector=None, name=None))
        elif owner.sector:
            out.append(replace(mention, actor=owner.actor, country=owner.country,
                               sector=owner.sector, name=owner.name))
        else:  # a country's representatives are its government's
            out.append(replace(mention, actor=compose(owner.country, "GOV"),
                               country=owner.country, sector="GOV", name=owner.name))
    return out


def _actor_in(doc: Doc, prep: Token, mentions: list[Mention], mention: Mention,
              ) -> Mention | None:
    """The nearest coded mention in the object phrase of ``prep``: its head first, not a
    patron ("of Iran-backed groups") nor a phrase of its own ("groups including X")."""
    stack = [prep]
    while stack:
        tok = stack.pop(0)
        for other in mentions:
            if other is not mention and other.actor and (
                    other.span.start <= tok.idx < other.span.end):
                return other
        stack.extend(c for c in tok.children if c.dep_ not in _NOT_OWNERS and not (
            c.dep_ == "amod" and c.pos_ == "VERB") and not (
            c.dep_ == "prep" and c.lower_ not in _OWNER_PREPS))
    return None


def _qualify(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Give a sector noun of no known country the country its phrase names ("the mayor of
    Nablus" -> PSEGOV), and a state institution the country that owns it ("Rwanda's
    Senate" -> RWALEG, not the default of the bare word)."""
    if not any(_may_take_owner(m) for m in mentions):
        return mentions
    at: dict[int, Mention] = {}
    roots: dict[int, Token] = {}
    for n, mention in enumerate(mentions):
        span = doc.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
        if span is None:
            continue
        roots[n] = span.root
        for tok in span:
            at.setdefault(tok.i, mention)
    out = []
    for n, mention in enumerate(mentions):
        root = roots.get(n)
        owner = _owner_country(root, mention, at) if root is not None else None
        if owner is not None and mention.sector:
            mention = replace(mention, country=owner, actor=compose(owner, mention.sector))
        out.append(mention)
    return out


def _may_take_owner(mention: Mention) -> bool:
    return bool(mention.sector) and mention.label not in ("GPE", "NORP", "PRON") and (
        mention.country is None or (mention.sector or "")[:3] in _STATE_SECTORS)


def _owner_country(root: Token, mention: Mention, at: dict[int, Mention]) -> str | None:
    if not _may_take_owner(mention) or not mention.sector:
        return None
    if mention.country is None:
        for prep in root.children:
            if prep.dep_ == "prep" and prep.lower_ in _OWNER_PREPS:
                found = _country_in(prep, at, mention)
                if found:
                    return found
        return None
    if mention.sector[:3] not in _STATE_SECTORS or any(
            t.ent_type_ in ("GPE", "NORP") for t in root.doc[root.left_edge.i:root.i + 1]
            if at.get(t.i) is mention):
        return None  # "Israeli officials" name their own country
    for child in root.children:
        other = at.get(child.i)
        if child.dep_ in ("poss", "amod") and other is not None and other is not mention and (
                other.label in ("GPE", "NORP") and other.country != mention.country):
            return other.country
    return None


def _country_in(prep: Token, at: dict[int, Mention], mention: Mention) -> str | None:
    """The first country named in the object phrase of ``prep`` (nested "of" phrases too)."""
    stack = [prep]
    while stack:
        tok = stack.pop(0)
        other = at.get(tok.i)
        if other is not None and other is not mention and other.country:
            return other.country
        stack.extend(c for c in tok.children if c.dep_ not in _NOT_OWNERS and not (
            c.dep_ == "amod" and c.pos_ == "VERB") and not (  # "Iran-backed groups"
            c.dep_ == "prep" and c.lower_ not in _OWNER_PREPS))  # "groups including X"
    return None


def _label(item: Item) -> str:
    """The recogniser's label, else one the gazetteer kind implies (agents have none)."""
    if item.label:
        return item.label
    if item.kind == "country" and item.form == "demonym":
        return "NORP"
    return _KIND_LABELS.get(item.kind, "")


@lru_cache(maxsize=4)
def _default_linker(extra: Path | None) -> ActorLinker:
    return ActorLinker(load_gazetteer(extra))


def get_linker(extra: Path | None = None) -> ActorLinker:
    """The linker for the packaged gazetteer plus the user's TOML ``extra`` (cached)."""
    return _default_linker(Path(extra) if extra is not None else None)


def link_actors(doc: Doc, article: Article, extra: Path | None = None) -> list[Mention]:
    """Mentions of actors in ``article`` (parsed as ``doc``), in text order.

    ``extra`` is an optional TOML file of your own gazetteer entries (format in
    :mod:`manysides.nlp.gazetteer`). The caller stores the result: ``article.mentions = ...``.
    """
    return get_linker(extra).link(doc, article)
