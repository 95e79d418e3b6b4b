"""Who speaks in an attribution, and what kind of speaker: the actor its source names, and
outlet / expert / official / person / group / unnamed (:func:`speaker`, :func:`speaker_kind`).

The speaker is the actor mention in the source (a pronoun's mention carries its antecedent
from :mod:`manysides.nlp.coref`); an unresolved pronoun takes the last compatible mention
within two sentences, a plural "they" right after a plural source goes on with it, and "the
spokesman" is the speaker of an earlier "a spokesman". An actor the source only knows of ("an
official with knowledge of X's call", "a source familiar with X's plans") is not the speaker.
A named speaker keeps the kind it was first given. Used by :mod:`manysides.nlp.quotes`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from manysides.model import Attribution, Mention, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["EXPERT_WORDS", "OFFICIAL_WORDS", "OUTLET_NAMES", "OUTLET_WORDS", "UNNAMED_HEADS",
           "speaker", "speaker_kind"]

_PERSONAL = frozenset({"he", "she", "him", "her"})
_PLURAL = frozenset({"they", "them"})

#: Words that mark a source as a media outlet.
OUTLET_WORDS = frozenset({"newspaper", "network", "agency", "outlet", "broadcaster", "media",
                          "magazine", "channel", "paper", "tabloid", "daily", "station",
                          "television", "tv", "radio", "website", "wire"})
#: Words of outlet names, read when the source is a proper name ("The Guardian reported").
OUTLET_NAMES = frozenset({"times", "post", "journal", "guardian", "news", "press", "tribune",
                          "herald", "gazette", "telegraph", "reuters", "bloomberg", "cnn", "bbc",
                          "nbc", "abc", "cbs", "fox", "npr", "pbs", "politico", "axios",
                          "semafor", "economist", "independent", "observer", "monitor",
                          "chronicle", "afp", "ap", "jazeera", "haaretz", "irna", "tasnim",
                          "xinhua", "tass", "msnbc", "breitbart", "newsweek", "atlantic"})
#: Words that mark a source as an expert (an appositive, or the head noun).
EXPERT_WORDS = frozenset({"analyst", "researcher", "expert", "professor", "scholar", "fellow",
                          "economist", "historian", "institute", "university", "college",
                          "think-tank", "tank", "academic", "specialist", "lecturer",
                          "scientist", "strategist", "consultant", "commentator"})
#: Words that mark a source as holding office.
OFFICIAL_WORDS = frozenset({"official", "spokesman", "spokeswoman", "spokesperson", "minister",
                            "ambassador", "secretary", "president", "diplomat", "envoy",
                            "mission", "delegation", "ministry", "government", "military",
                            "army", "administration", "commander", "general", "officer",
                            "lawmaker", "senator", "representative", "governor", "mayor",
                            "chief", "leader", "premier", "chancellor", "king", "aide",
                            "adviser", "advisor", "department", "office", "cabinet", "police",
                            "authorities", "authority", "embassy", "council", "parliament",
                            "congressman", "congresswoman", "prosecutor", "judge", "regime"})
#: Head nouns of anonymous sources.
UNNAMED_HEADS = frozenset({"official", "officials", "source", "sources", "people", "person",
                           "member", "members", "spokesman", "spokeswoman", "spokesperson",
                           "diplomat", "diplomats", "aide", "aides", "adviser", "advisers",
                           "officer", "officers", "someone", "insider", "insiders",
                           "observer", "observers", "witness", "witnesses", "resident",
                           "residents", "analysts", "experts"})
_STATE = frozenset({"GOV", "MIL", "COP", "SPY", "JUD", "LEG"})


def speaker(source: Span | None, head: Token | None, mentions: Sequence[Mention], doc: Doc,
            text: str, earlier: list[Attribution]) -> tuple[str | None, str | None]:
    """(who speaks, what kind of speaker) for an attribution whose source is ``source``
    (headed by ``head``), ``earlier`` the article's attributions before it. ``text`` is
    ``doc.text``, passed in: spaCy rebuilds that string from every token on each read."""
    if source is None:
        return None, None
    hearsay = _topics(head)
    inside = [m for m in mentions if (source.contains(m.span) or m.span.contains(source))
              and not any(m.span.start in span for span in hearsay)]
    words = text[source.start : source.end].lower()
    if head is not None and head.pos_ == "PRON" and not any(map(_linked, inside)):
        chain = _same_source(head, source, doc, earlier)
        if chain is not None:  # "those people said ... they said"
            return chain.speaker, chain.speaker_kind
        inside = _antecedent(head, mentions, doc)
    if head is not None and _definite(head) and not any(map(_linked, inside)):
        pattern = re.compile(rf"\b{re.escape(head.lower_)}\b")
        same = [a for a in earlier if a.source is not None and a.speaker
                and pattern.search(text[a.source.start : a.source.end].lower())]
        if same:  # "the spokesman" after "a spokesman for the ministry"
            return same[-1].speaker, same[-1].speaker_kind
    chosen = _main_mention(inside, head)
    if chosen is None:
        return None, speaker_kind(words, head, None)
    personal = chosen.label == "PERSON" or chosen.text.lower() in _PERSONAL
    speaker = (chosen.name or chosen.actor) if personal else (chosen.actor or chosen.name)
    # the same named speaker keeps the kind first read ("Ruiz, a lawmaker," then "Ruiz");
    # a code with no name or country ("---GOV") is many people, each read on its own words
    known = [a.speaker_kind for a in earlier if a.speaker == speaker] if _linked(chosen) else []
    return speaker, known[0] if known else speaker_kind(words, head, chosen)


#: Prepositions after a source's head that say what the source knows of, not whom it speaks
#: for: "an official with knowledge of the call", "a source familiar with the talks".
_TOPIC_PREPOSITIONS = frozenset({"with", "about", "on", "regarding"})


def _topics(head: Token | None) -> list[range]:
    """Character ranges of what the source's head says the source knows of ("with knowledge
    of X's call", "familiar with Y", "briefed on Z"): actors named there do not speak."""
    if head is None or head.pos_ not in {"NOUN", "PROPN"}:
        return []
    out = []
    for child in head.children:
        preps = [child] if child.dep_ == "prep" and child.lower_ in _TOPIC_PREPOSITIONS else []
        if child.dep_ in {"amod", "acl"}:  # "familiar with", "briefed on"
            preps = [g for g in child.children if g.dep_ == "prep"
                     and g.lower_ in _TOPIC_PREPOSITIONS]
        for prep in preps:
            last = max(t.idx + len(t.text) for t in prep.subtree)
            out.append(range(prep.idx, last))
    return out


def _linked(mention: Mention) -> bool:
    """Linked to a named actor or at least a country (not only a sector, "---GOV")."""
    return bool(mention.name) or bool(mention.actor and not mention.actor.startswith("---"))


def _same_source(pronoun: Token, source: Span, doc: Doc,
                 earlier: list[Attribution]) -> Attribution | None:
    """For "they": the attribution just before (within about two sentences) with a plural
    source goes on talking."""
    if pronoun.lower_ not in _PLURAL or not earlier:
        return None
    last = earlier[-1]
    if last.source is None or source.start - last.source.end > 600:
        return None
    words = doc.char_span(last.source.start, last.source.end, alignment_mode="expand")
    plural = words is not None and (words.root.tag_ in {"NNS", "NNPS"}
                                    or any(t.dep_ == "conj" for t in words))
    return last if plural else None


def _definite(head: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in {"the", "that", "this"} for c in head.children)


def _antecedent(pronoun: Token, mentions: Sequence[Mention], doc: Doc) -> list[Mention]:
    """The last compatible mention within two sentences before an unresolved pronoun."""
    sents = list(doc.sents)
    number = next(n for n, s in enumerate(sents) if s.start <= pronoun.i < s.end)
    floor = sents[max(0, number - 2)].start_char
    before = [m for m in mentions if floor <= m.span.start < pronoun.idx and _linked(m)]
    if pronoun.lower_ in _PERSONAL:
        before = [m for m in before if m.label == "PERSON"]
    elif pronoun.lower_ in _PLURAL:
        before = [m for m in before if m.label != "PERSON"]
    else:
        return []
    return before[-1:]


def _main_mention(inside: list[Mention], head: Token | None) -> Mention | None:
    """The mention at the source's head if it names someone, else a person, else a linked
    actor, else whatever the head is (a sector only, "---GOV")."""
    at_head = [m for m in inside if head is not None and m.span.start <= head.idx < m.span.end
               and (m.actor or m.name)]
    strong = [m for m in inside if _linked(m)]
    persons = [m for m in strong if m.label == "PERSON"]
    for choice in ([m for m in at_head if _linked(m)], persons, strong, at_head):
        if choice:
            return choice[0]
    return None


def speaker_kind(words: str, head: Token | None, mention: Mention | None) -> str:
    """outlet | expert | official | person | unnamed | group, read from the source's words,
    its head noun and its main actor mention."""
    tokens = set(re.findall(r"[a-z][a-z-]*", words))
    head_word = head.lower_ if head is not None else ""
    masthead = head is not None and head.pos_ == "PROPN" and bool(tokens & OUTLET_NAMES)
    if (mention is not None and mention.sector == "MED") or head_word in OUTLET_WORDS or masthead:
        return "outlet"
    if tokens & EXPERT_WORDS:
        return "expert"
    named = (mention is not None and (mention.label == "PERSON"
                                      or mention.text.lower() in _PERSONAL)) or (
        head is not None and head.ent_type_ == "PERSON")
    official = bool(tokens & OFFICIAL_WORDS) or (mention is not None
                                                 and mention.sector in _STATE)
    if named:
        return "official" if official else "person"
    if head_word in UNNAMED_HEADS:
        return "unnamed"
    if official:
        return "official"
    return "group" if mention is not None else "unnamed"
