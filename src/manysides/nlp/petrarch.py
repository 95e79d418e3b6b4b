"""Events as a CAMEO coder in the PETRARCH-2 tradition codes them.

:func:`petrarch_events` reads the events :func:`manysides.nlp.events.extract_events` found
(every event mention, with its mode) and keeps and recodes them the way CAMEO-coded data sets
do: main events only, both sides known, "A said B attacked C" as an accusation, announced acts
as threats or promises, joint codes both ways. It is for comparing with such data sets (the
PETRARCH-2 gold standard in ``benchmarks/events.py``); the report uses the events themselves.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from spacy.tokens import Doc, Token

from manysides.model import Event, Mention, Span
from manysides.nlp.modality import REPORT
from manysides.nlp.verbs import Code, match_verb

__all__ = ["petrarch_events"]
#: Categories the CAMEO "say" transformation treats as attacks (roots 18-20).
ATTACKS = frozenset({"ASSAULT"})
#: Hostile acts whose announced intention CAMEO codes as a threat (13).
THREATENING = frozenset({"ASSAULT", "COERCE", "SANCTION"})
#: Cooperative acts whose announced intention CAMEO codes as an intent to cooperate (03), and
#: whose refusal ("would not provide support") it codes as a rejection (12).
COOPERATIVE = frozenset({"AID", "COOPERATE", "SUPPORT", "CONCEDE", "RETREAT", "AGREE"})
#: Verbs of intention whose complement CAMEO codes as a threat or an intent to cooperate.
INTENT_VERBS = frozenset({"want", "wish", "seek", "hope", "intend", "plan", "aim", "vow",
                          "offer", "propose", "threaten", "warn"})
#: Clause links below which a verb is background to the sentence's main event: relative and
#: reduced relative clauses ("a member jailed last year"), purpose and reason clauses.
_BACKGROUND = frozenset({"relcl", "acl", "pcomp"})
_EMBEDDING = frozenset({"xcomp", "ccomp", "pcomp", "advcl", "acl", "relcl", "prep", "pobj",
                        "dobj", "conj"})
_TEMPORAL = frozenset({"after", "before", "when", "while", "as", "since", "until", "once",
                       "because", "although", "though", "whereas"})
#: Event nouns CAMEO codes both ways, as its dictionary does "* TALKS [046:046]".
SYMMETRIC_NOUNS = frozenset({"talk", "talks", "negotiation", "consultation", "clash"})
#: Where a CAMEO coder takes the place as the target when the event names no other party.
_PLACE_TARGETS = frozenset({"CONSULT", "MOBILIZE", "PROTEST"})


def petrarch_events(doc: Doc, events: list[Event], mentions: Iterable[Mention]) -> list[Event]:
    """``events`` as a CAMEO coder in the PETRARCH-2 tradition codes them: one or two main
    events per sentence, only what is said to have happened or been announced, both sides
    known, and the coding transformations of the CAMEO dictionary applied:

    - "A said B attacked C" is A accusing B (112); "A said A attacked C" is a claim of
      responsibility (015, no PLOVER category) — only when the report comes first: a trailing
      ", officials said" names the source of the news, not an accuser;
    - an announced or wanted hostile act ("A wants to / will / vowed to attack B") is a threat
      (13), an announced cooperative one an intent to cooperate (03), a refused one ("would
      not provide support") a rejection (12);
    - hypothetical, called-for and denied events, and events in relative clauses, in
      subordinate clauses of time or reason, and in the complements of another event ("urged
      B to help C" is the appeal, not the help) are left out;
    - a meeting, a protest or a mobilisation with no other party is aimed at its place
      ("met in Geneva").

    This is for comparing with CAMEO-coded data sets; the events themselves keep their modes.
    """
    places = list(mentions)
    tokens = {id(e): _head_token(doc, e.trigger) for e in events}
    triggers = {tok.i for tok in tokens.values() if tok is not None}
    out: list[Event] = []
    for event in events:
        tok = tokens[id(event)]
        if tok is None or _background(tok, triggers):
            continue
        coded = _convention(event, tok)
        if coded is None:
            continue
        if (not coded.target and coded.type in _PLACE_TARGETS) or (
                coded.type == "CONSULT" and _same_side(coded.source, coded.target)):
            place = _place_actor(coded, places)
            coded.target = [place] if place is not None else coded.target
        if _sides(coded.source) and (_sides(coded.target) or coded.type == "PROTEST"):
            out.append(coded)
            out.extend(_reverse(coded, event, tok))
    return out


def _reverse(coded: Event, event: Event, tok: Token) -> list[Event]:
    """The other half of a CAMEO joint code: "A received B's envoy" is A hosting (043) and B
    visiting (042); "A and B discussed" is each consulting the other."""
    from manysides.nlp.verbs import lexicon

    if coded is not event or not _sides(coded.target):
        return []
    code: Code | None = None
    if tok.pos_ in ("NOUN", "PROPN") and tok.lemma_.lower() in SYMMETRIC_NOUNS:
        code = Code(coded.cameo, coded.type, reverse=coded.cameo)  # "talks with B"
    elif tok.pos_ in ("VERB", "AUX"):
        code = match_verb(tok)
    if code is None or code.reverse is None:
        return []
    category = lexicon().plover.get(code.reverse)
    if category is None or _same_side(coded.source, coded.target) or _is_place(coded) or (
            _named_place(tok.doc, coded.target)):
        return []  # the place of a meeting does not meet back
    return [replace(coded, type=category, cameo=code.reverse, source=list(coded.target),
                    target=list(coded.source))]


def _head_token(doc: Doc, trigger: Span) -> Token | None:
    span = doc.char_span(trigger.start, trigger.end, alignment_mode="expand")
    return span[-1] if span is not None and len(span) else None


def _background(tok: Token, triggers: set[int]) -> bool:
    """Whether the trigger is background to the sentence: in a relative clause, a temporal or
    reason clause, a participle tacked on ("..., killing eight") or the complement of another
    event."""
    if tok.pos_ == "VERB" and tok.dep_ in _BACKGROUND:
        return True
    if tok.dep_ == "advcl" and (tok.tag_ == "VBG" or any(
            c.dep_ == "mark" and c.lower_ in _TEMPORAL for c in tok.children)):
        return True
    child, cur, clausal = tok, tok.head, False
    while cur is not child and child.dep_ in _EMBEDDING:
        clausal = clausal or child.dep_ in ("xcomp", "ccomp", "pcomp", "advcl")
        if clausal and cur.i in triggers:
            return True
        child, cur = cur, cur.head
    return False


def _convention(event: Event, tok: Token) -> Event | None:
    """The event as CAMEO codes it (None: not coded)."""
    reporters = [m for m in event.reported_by if _key(m) and m.span.end <= event.trigger.start]
    if reporters and event.type in ATTACKS and _leading_report(tok):
        if not event.source or _same_side(reporters, event.source):
            return None  # "A said it attacked": a claim of responsibility, 015
        return replace(event, type="ACCUSE", cameo="112", source=reporters,
                       target=list(event.source), mode="asserted")
    intent = _intended(tok) or _announced(tok, event)
    if event.negated:
        if event.type not in COOPERATIVE | {"CONSULT"} or event.mode == "denied":
            return None
        return replace(event, type="REJECT", cameo="12")
    if intent and event.type in THREATENING:
        return replace(event, type="THREATEN", cameo="138" if event.type == "ASSAULT" else "13")
    if intent and event.type in COOPERATIVE:
        return replace(event, type="AGREE", cameo="03")
    if event.mode in ("hypothetical", "called_for", "denied"):
        return None
    return event


def _leading_report(tok: Token) -> bool:
    """Whether a reporting verb before the trigger governs its clause ("A said that B ...")."""
    child, cur = tok, tok.head
    for _ in range(8):
        if cur is child:
            return False
        if cur.lemma_.lower() in REPORT and child.dep_ in ("ccomp", "xcomp", "conj", "dobj"):
            return cur.i < tok.i
        child, cur = cur, cur.head
    return False


def _intended(tok: Token) -> bool:
    """"A wants / plans / seeks to do": the complement of a verb of intention (a bare "will"
    or a pledge is coded as the act itself)."""
    return tok.dep_ == "xcomp" and tok.head.lemma_.lower() in INTENT_VERBS


def _announced(tok: Token, event: Event) -> bool:
    """"A said it would free B": a reported "would" of the reporter's own act is its
    announcement, not a hypothesis."""
    aux = {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}
    return bool(aux & {"would", "'d"}) and event.mode == "future" and _same_side(
        event.reported_by, event.source)


def _key(mention: Mention) -> str | None:
    return mention.country or (mention.actor or "").lstrip("-") or None


def _sides(mentions: list[Mention]) -> bool:
    return any(_key(m) for m in mentions)


def _same_side(one: list[Mention], other: list[Mention]) -> bool:
    keys = {_key(m) for m in one} - {None}
    return bool(keys) and keys == {_key(m) for m in other} - {None}


def _is_place(event: Event) -> bool:
    where = event.location_span
    return where is not None and any(
        m.span.start < where.end and where.start < m.span.end for m in event.target)


def _named_place(doc: Doc, mentions: list[Mention]) -> bool:
    """Whether the mentions are place names modifying a noun ("the Beijing Olympics")."""
    spans = [doc.char_span(m.span.start, m.span.end, alignment_mode="expand") for m in mentions]
    return all(span is not None and span.root.dep_ == "compound" and span.root.ent_type_ in
               ("GPE", "LOC", "FAC", "EVENT") for span in spans)


def _place_actor(event: Event, mentions: list[Mention]) -> Mention | None:
    if event.location_span is None:
        return None
    for mention in mentions:
        span = mention.span
        if span.start < event.location_span.end and event.location_span.start < span.end and (
                _key(mention) and not _same_side([mention], event.source)):
            return mention
    return None
