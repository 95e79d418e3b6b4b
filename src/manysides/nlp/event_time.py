"""When an event happened, by the parse: the DATE/TIME entity that anchors a trigger.

An event's own date is one hung on its trigger ("on March 4", "Saturday's assault", "the
March 4 raid") or on the clause that carries it (a conjoined or adverbial verb, the verb
whose object the event noun is), never across a temporal bound ("after June 3", "since
August", "before the raid": :data:`BOUND_PREPS`) and never a duration ("for three days").
:func:`date_entity` finds it; :mod:`manysides.nlp.events` resolves it with
:mod:`manysides.nlp.dates`.
"""

from __future__ import annotations

import re

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from manysides.nlp.modality import REPORT

__all__ = ["BOUND_PREPS", "date_entity", "own_date"]

_DATE_PREPS = frozenset({"on", "in", "at", "during", "of", "as"})
#: Prepositions that place an event relative to another time ("after June 3", "since
#: August", "before the March 4 raid", "by Friday"): a bound, not the event's own date.
#: Neither their object nor the clause they hang from dates the event.
BOUND_PREPS = frozenset({"after", "since", "before", "until", "till", "by", "from",
                         "following", "prior", "ahead", "pending"})
_DURATION = re.compile(r"\b(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|twelve|"
                       r"several|few|many|the (?:past|last|next|coming))\s+(?:years?|months?|"
                       r"weeks?|days?|hours?|minutes?|decades?|centur(?:y|ies))\b(?! ago)",
                       re.IGNORECASE)
_TIMES = frozenset({"DATE", "TIME"})


def date_entity(tok: Token, kind: str, entities: dict[int, SpacySpan]) -> SpacySpan | None:
    """The DATE/TIME named right on the trigger, else on the clause that carries it."""
    found = own_date(tok, entities)
    cur = tok
    for _ in range(3):
        if found is not None:
            return found
        head = cur.head
        if head is cur or head.lemma_.lower() in REPORT:
            return None
        if not _carries(kind, cur, head):
            return None
        found, cur = own_date(head, entities), head
    return found


def _carries(kind: str, cur: Token, head: Token) -> bool:
    """Whether ``head``'s date is also the date of the event below it: not across a bound
    ("threatened just days before the attack": the attack is not dated by the threat)."""
    if _is_bound(cur) or _is_bound(head):
        return False
    if kind == "verb":
        return cur.dep_ in ("conj", "advcl", "xcomp") and head.pos_ == "VERB"
    return kind == "noun" and cur.dep_ in ("dobj", "pobj", "nsubjpass", "prep")


def _is_bound(tok: Token) -> bool:
    """A temporal bound word ("after", "since", "following", "prior (to)"), or a clause it
    introduces ("after Iran attacked", "before launching")."""
    if tok.lower_ in BOUND_PREPS and tok.dep_ in ("prep", "mark", "advmod", "pcomp"):
        return True
    return tok.dep_ in ("advcl", "pcomp") and any(
        c.dep_ == "mark" and c.lower_ in BOUND_PREPS for c in tok.children)


def own_date(tok: Token, entities: dict[int, SpacySpan]) -> SpacySpan | None:
    """A DATE/TIME that anchors ``tok`` itself: "on March 4", "Saturday's assault", "the
    March 4 raid" — not "after June 3" or "since August" (bounds, :data:`BOUND_PREPS`).
    A date the parser hung on a participle inside the verb's object ("launched talks among
    the groups surrounding X in April") is the verb's, not the participle's."""
    if _object_participle(tok) is not None:
        return None
    for child in [*tok.children, *_object_participles(tok)]:
        if _is_bound(child):
            continue
        candidates = [child]
        if child.dep_ == "prep" and child.lower_ in _DATE_PREPS:
            candidates = [c for c in child.children if c.dep_ == "pobj"]
        elif child.dep_ not in ("npadvmod", "compound", "nmod", "poss", "amod", "advmod",
                                "tmod", "obl"):
            continue
        for cand in candidates:
            ent = entities.get(cand.i)
            if ent is not None and ent.label_ in _TIMES and not _DURATION.search(ent.text):
                return ent
    return None


def _object_participle(tok: Token) -> Token | None:
    """The verb whose object (or prepositional object) ``tok`` modifies as a present
    participle ("the militias surrounding X" in "launched talks among the militias ...")."""
    if tok.dep_ != "acl" or tok.tag_ != "VBG":
        return None
    noun = tok.head
    if noun.dep_ == "pobj" and noun.head.dep_ == "prep":
        noun = noun.head
    if noun.dep_ in ("dobj", "prep") and noun.head.pos_ == "VERB":
        return noun.head
    return None


def _object_participles(verb: Token) -> list[Token]:
    """The date-bearing children of participles in ``verb``'s objects (see :func:`own_date`)."""
    if verb.pos_ != "VERB":
        return []
    return [child for noun in verb.subtree if noun.dep_ == "acl" and noun.tag_ == "VBG"
            and getattr(_object_participle(noun), "i", None) == verb.i
            for child in noun.children if child.dep_ in ("prep", "npadvmod")]
