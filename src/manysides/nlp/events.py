"""Who did what to whom, when, where, how many: events from the dependency parse.

:func:`extract_events` reads a spaCy ``Doc`` of ``Article.text`` with the article's actor
mentions and returns one :class:`~manysides.model.Event` per event trigger:

- **verbs** coded by the CAMEO-derived lexicon (:mod:`manysides.nlp.verbs`), arguments from
  subject/object, passives reversed (:mod:`manysides.nlp.arguments`);
- **event nouns** ("Iran's barrage of 300 drones", "the strike on the embassy", "talks with X"),
  also when they are the object of a support verb ("launched an attack", "issued a statement"),
  which then gives its subject as the source;
- **outcome adjectives** with a count ("at least 700 Israelis are confirmed dead");
- **acting alone** ("organised the raid on its own", "without help from X"): a denied AID
  event with the actor as target, so that a claim of help and its denial meet.

Each event carries its trigger and sentence spans, PLOVER category and CAMEO code, modality and
negation (:mod:`manysides.nlp.modality`) with the reporting sources, the date resolved against
``Article.published`` or, for an undated article, against the reference date its own words give
(recorded in ``article.meta["reference_date"]``; ``Event.date_basis`` says which), a location
(GPE/LOC/FAC named in the clause) and quantities typed by what they count
(:mod:`manysides.nlp.quantities`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from manysides.model import Article, Event, Mention, Quantity, Span
from manysides.nlp.arguments import (
    SUPPORT_VERBS,
    Arguments,
    MentionIndex,
    noun_arguments,
    subject_of,
    verb_arguments,
)
from manysides.nlp.dates import infer_reference, resolve_event_date
from manysides.nlp.event_time import date_entity
from manysides.nlp.modality import HEDGE_VERBS, INTEND, REPORT, Modality, modality
from manysides.nlp.quantities import locate_quantities
from manysides.nlp.verbs import (
    Code,
    match_adjective,
    match_noun,
    match_verb,
    noun_trigger,
    verb_lemmas,
)

__all__ = ["SUPPORT_VERBS", "extract_events"]

HARM = frozenset({"killed", "dead", "injured", "casualties", "kidnapped"})
#: Categories of material acts: one known side is enough to report them.
ONE_SIDED = frozenset({"ASSAULT", "COERCE", "PROTEST", "MOBILIZE", "AID", "RETREAT"})
#: Verbs that frame another event rather than being one when they take a verb complement:
#: "plans to strike" is a (future) strike, "appears to want" a hedge. Threats and appeals stay.
FRAMING_VERBS = (INTEND | HEDGE_VERBS | frozenset({"try", "attempt", "continue", "begin", "start",
                                                   "seem", "fail", "refuse", "decline", "need"})
                 ) - frozenset({"threaten", "warn", "offer", "propose"})
#: Verbs of position: acts when told as such ("surrounded the city"), else where things are.
POSITION_VERBS = frozenset({"surround", "encircle", "border", "ring", "flank", "overlook",
                            "neighbor", "neighbour", "straddle"})
#: Verbs that undo what their object names: "lifted the sanctions" is no new sanctions.
UNDOING = frozenset({"lift", "ease", "end", "cancel", "suspend", "revoke", "remove", "halt",
                     "stop", "withdraw", "drop", "relax", "scrap", "abandon", "reverse"})
#: Categories in which coordinated subjects with no object act together on each other.
MUTUAL = frozenset({"CONSULT", "AGREE", "COOPERATE", "SUPPORT"})
#: Reporting verbs that are also accusations (CAMEO 11x) and so events of their own.
ACCUSING = frozenset({"allege"})
#: Verbs and nouns whose coordinated subjects act on each other ("X and Y met").
RECIPROCAL = frozenset({"meet", "talk", "negotiate", "discuss", "confer", "clash", "fight",
                        "speak", "agree", "consult", "cooperate", "collaborate", "skirmish"})
#: Words that say an actor did something by itself ("acted alone", "single-handedly").
ALONE_WORDS = frozenset({"alone", "single-handedly", "singlehandedly", "independently",
                         "unaided", "unilaterally"})
REFLEXIVES = frozenset({"itself", "themselves", "himself", "herself"})
#: Verbs that are acts towards an actor ("recognized Kosovo", "appreciated Qatar's help") but
#: understanding when said of a fact ("appreciated the implications", "recognize that ...").
COGNITION = frozenset({"appreciate", "recognize", "recognise", "acknowledge", "understand",
                       "realize", "realise"})
#: Verbs that, passive with "with", say how something was answered ("will be met with
#: reprisals", "was greeted with protests"): the answer is the event, the verb is none.
ANSWERED_WITH = frozenset({"meet", "greet", "receive", "answer", "welcome"})
#: What "without ..." denies: "without help / support / coordination from X".
HELP_NOUNS = frozenset({"help", "assistance", "support", "coordination", "involvement",
                        "backing", "direction", "guidance", "aid", "input", "agreement",
                        "approval", "participation"})
#: Acts that someone else could have helped with: planning, deciding, carrying out.
ALONE_ACTS = SUPPORT_VERBS | frozenset({"act", "decide", "devise", "design", "prepare",
                                         "operate", "fight", "work", "attack", "build",
                                         "develop", "take", "choose"})
_CLAUSES = frozenset({"ccomp", "parataxis", "relcl", "csubj", "acl"})
_LOC_PREPS = frozenset({"in", "near", "inside", "outside", "across", "throughout", "along",
                        "at", "over", "off", "within"})
_PLACES = frozenset({"GPE", "LOC", "FAC"})
#: How many sentences back "those people said" can point to the sources named last.
RECALL_WINDOW = 3


def extract_events(doc: Doc, article: Article, mentions: Iterable[Mention]) -> list[Event]:
    """The events ``doc`` (a parse of ``article.text``) reports, with ``mentions`` as actors."""
    index = MentionIndex(doc, mentions)
    entities = {tok.i: ent for ent in doc.ents for tok in ent}
    reference = reference_date(doc, article)
    events: list[Event] = []
    recall = _Recall()
    for number, sent in enumerate(doc.sents):
        recall.sentence = number
        events.extend(_acted_alone(sent, index, recall))
        found = [(tok, code) for tok in sent if (code := _trigger(tok)) is not None]
        if not found:
            continue
        context = _Context(article, index, entities, frozenset(tok.i for tok, _ in found),
                           locate_quantities(sent), reference, recall)
        built = [_build(tok, code, sent, context) for tok, code in found]
        in_sentence = [event for event in built if event is not None]
        _attach_loose_counts(context.quantities, in_sentence)
        events.extend(in_sentence)
    for n, event in enumerate(events):
        event.id = f"{article.id}:e{n}"
    return events


def _trigger(tok: Token) -> tuple[str, Code] | None:
    """("verb" | "noun" | "adj", code) if ``tok`` names an event."""
    if tok.pos_ == "AUX" and tok.lower_ in ("help", "helps", "helped") and tok.dep_ == "aux":
        code = match_verb(tok)  # "officials helped plan the attack", parsed as an auxiliary
        return ("verb", code) if code is not None and code.plover else None
    if tok.pos_ == "VERB":
        if _carries_event_noun(tok) or tok.lemma_.lower() in REPORT - ACCUSING or (
                tok.lower_ == "according"):
            return None
        if tok.lemma_.lower() in FRAMING_VERBS and any(
                c.dep_ in ("xcomp", "ccomp") for c in tok.children):
            return None
        if _describes_position(tok) or _answered_with(tok):
            return None
        code = match_verb(tok)
        if code is None or code.plover in (None, "STATEMENT"):
            return None
        return "verb", code
    if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ != "compound":
        code = match_noun(tok)
        if code is None or not code.plover:
            return None
        if tok.dep_ == "dobj" and (verb_lemmas(tok.head) & UNDOING or _verb_overrides(tok.head)):
            return None
        return "noun", code
    if tok.pos_ == "ADJ" or tok.dep_ in ("acomp", "oprd"):
        code = match_adjective(tok)
        return ("adj", code) if code is not None else None
    return None


def _answered_with(verb: Token) -> bool:
    """"Attacks will be met with reprisals", "was greeted with protests": a passive verb of
    receiving with "with" names the response (its own event), not a meeting or welcome."""
    return verb.lemma_.lower() in ANSWERED_WITH and any(
        c.dep_ == "auxpass" for c in verb.children) and any(
        c.dep_ == "prep" and c.lower_ == "with" for c in verb.children)


def _cognition(verb: Token, index: MentionIndex) -> bool:
    """"Tehran must have appreciated the implications", "must recognize that the crisis ...":
    understanding a fact is no act towards anyone; "recognized Kosovo", "appreciated Qatar's
    help" (an actor named in the object itself) is."""
    if verb.pos_ != "VERB" or not verb_lemmas(verb) & COGNITION:
        return False
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    return not any(index.actors(o, deep=False) for o in objects)


def _describes_position(verb: Token) -> bool:
    """"the militias surrounding Israel", "the armies that surround it", "states bordering
    Iran": a verb of position in the simple present or as a participle modifier says where
    something is; "troops surrounded the city" (past) or "are surrounding it" is an act."""
    if verb.lemma_.lower() not in POSITION_VERBS:
        return False
    if verb.tag_ in ("VBZ", "VBP"):
        return True
    return verb.tag_ == "VBG" and verb.dep_ == "acl"


def _carries_event_noun(verb: Token) -> bool:
    if not verb_lemmas(verb) & SUPPORT_VERBS:
        return False
    return any(c.dep_ == "dobj" and match_noun(c) is not None for c in verb.children) and (
        not _verb_overrides(verb))


def _verb_overrides(verb: Token) -> bool:
    """Whether a CAMEO pattern of the verb with its object names another kind of event than
    the object noun alone: "ordered an investigation" is a demand (1014), "launched a bitter
    attack on his policies" a criticism (111)."""
    if verb.pos_ != "VERB" or verb_lemmas(verb) & (INTEND | FRAMING_VERBS):
        return False  # "planned the attack" stays the (future) attack: modality says the rest
    nouns = [code for c in verb.children if c.dep_ == "dobj" and (code := match_noun(c))]
    if not nouns:
        return False
    code = match_verb(verb)
    return code is not None and code.score > 0 and code.plover not in (None, "STATEMENT") and (
        all(noun.plover != code.plover for noun in nouns))


@dataclass(frozen=True, slots=True)
class _Context:
    """What every trigger of one sentence shares."""

    article: Article
    index: MentionIndex
    entities: dict[int, SpacySpan]
    triggers: frozenset[int]
    quantities: list[tuple[int, int, Quantity]]
    reference: dict[str, Any] | None = None  # article.meta["reference_date"] when inferred
    recall: _Recall | None = None


@dataclass(slots=True)
class _Recall:
    """The reporting sources named last ("..., senior members of the group said"), for a
    later "those people said" / "these sources say" to point back to."""

    sentence: int = 0
    reporters: list[Mention] = field(default_factory=list)
    named_in: int = -RECALL_WINDOW - 1


def _build(tok: Token, found: tuple[str, Code], sent: SpacySpan, context: _Context,
           ) -> Event | None:
    kind, code = found
    index, entities = context.index, context.entities
    if kind == "verb":
        args = verb_arguments(tok, index, code.plover)
    elif kind == "noun":
        args = noun_arguments(tok, index, code.plover)
    else:
        args = _adjective_arguments(tok, index)
    if kind == "verb" and _cognition(tok, index):
        return None
    if not args.target and len({m.country or m.actor for m in args.source} - {None}) > 1 and (
            tok.lemma_.lower() in RECIPROCAL or code.plover in MUTUAL):
        args.target = list(args.source)  # "X and Y met": each met the other
    if not args.target and code.plover == "PROTEST":
        args.target = _protested(tok, index)
    scope = {t.i for t in _scope(tok, context.triggers)}
    quantities = [q for start, end, q in context.quantities
                  if all(i in scope for i in range(start, end))]
    harmed = any(q.counts in HARM for q in quantities)
    when = date_entity(tok, kind, entities)
    mood = modality(tok)
    day, basis = _resolve(when, context, mood) if when is not None else (None, None)
    where = _location(tok, args, index, entities)
    if not _enough(kind, code, args, harmed, when is not None, mood) and not (
            code.plover == "CONSULT" and where is not None and args.source):
        return None  # "attended a summit in Geneva": a meeting needs its place or a partner
    return Event(
        trigger=_trigger_span(tok, kind), sentence=Span(sent.start_char, sent.end_char),
        type=code.plover or "", cameo=code.cameo, source=args.source, target=args.target,
        mode=mood.mode, negated=mood.negated, reported_by=_reported_by(mood, index, context.recall),
        date=day, date_basis=basis,
        date_span=Span(when.start_char, when.end_char) if when is not None else None,
        location=where.text if where is not None else None,
        location_span=Span(where.start_char, where.end_char) if where is not None else None,
        quantities=[replace(q) for q in _dedupe(quantities)],
    )


def _acted_alone(sent: SpacySpan, index: MentionIndex, recall: _Recall) -> list[Event]:
    """"The group organised the raid on its own", "acted alone", "without help from X": saying
    an actor did something by itself denies that anyone helped it, an AID event ``denied``
    with the actor as its target (and the helper named after "without ... from", if any).
    Negated ("does not single-handedly make decisions") it says the actor had help."""
    out: list[Event] = []
    for tok in sent:
        found = _alone_marker(tok)
        if found is None:
            continue
        verb, words, helpers = found
        subjects, passive = subject_of(verb)
        target = [] if passive else [m for h in subjects for m in index.actors(h)]
        if not target:
            continue
        mood = modality(verb)
        negated = mood.negated
        mode = mood.mode if negated else "denied"
        out.append(Event(
            trigger=Span(words[0].idx, words[-1].idx + len(words[-1].text)),
            sentence=Span(sent.start_char, sent.end_char), type="AID", cameo="070",
            source=[m for h in helpers for m in index.actors(h)], target=target, mode=mode,
            negated=not negated, reported_by=_reported_by(mood, index, recall)))
    return out


def _alone_marker(tok: Token) -> tuple[Token, list[Token], list[Token]] | None:
    """(the act, the marker's words, who would have helped) if ``tok`` says "by itself"."""
    head = tok.head
    helpers: list[Token] = []
    if tok.lower_ == "own" and tok.dep_ == "pobj" and head.lower_ == "on" and any(
            c.dep_ == "poss" for c in tok.children):
        verb, words = head.head, [head, tok]  # "on its own"
    elif tok.lower_ in ALONE_WORDS and tok.dep_ in ("advmod", "npadvmod", "acomp", "oprd"):
        verb, words = head, [tok]  # "acted alone", "unilaterally decided"
    elif tok.lower_ == "handedly" and tok.i >= 2 and tok.doc[tok.i - 2].lower_ == "single":
        verb, words = head, [tok.doc[tok.i - 2], tok]  # "single-handedly", split in three
    elif tok.lower_ in REFLEXIVES and tok.dep_ == "pobj" and head.lower_ == "by":
        verb, words = head.head, [head, tok]  # "by itself"
    elif tok.lower_ == "without" and tok.dep_ == "prep" and (help_ := next(
            (c for c in tok.children if c.dep_ == "pobj" and c.lemma_.lower() in HELP_NOUNS),
            None)) is not None:
        verb, words = head, [tok, help_]  # "without help from X", "without X's support"
        helpers = [c for c in help_.children if c.dep_ == "poss"] + [
            g for c in help_.children if c.dep_ == "prep" and c.lower_ in ("from", "of", "by")
            for g in c.children if g.dep_ == "pobj"]
    else:
        return None
    if verb.dep_ in ("dobj", "pobj") and verb.pos_ in ("NOUN", "PROPN"):
        verb = verb.head  # "organised [the raid on its own]": the parser's attachment
    if verb.pos_ != "VERB" or not (verb_lemmas(verb) & ALONE_ACTS or match_verb(verb)):
        return None
    return verb, words, helpers


def _enough(kind: str, code: Code, args: Arguments, harmed: bool, dated: bool, mood: Modality,
            ) -> bool:
    """Whether a trigger says enough to be an event: material acts (attacks, arrests, protests,
    aid) need one actor, or a death toll; words and diplomacy need both sides, unless someone
    denies them ("Iran did not direct them") or has seen no evidence of them; a statement
    needs its speaker; an outcome adjective ("dead") needs a count."""
    if kind == "adj":
        return harmed
    if code.plover in ONE_SIDED:
        return bool(args.source or args.target or harmed or (kind == "noun" and dated))
    if code.plover == "STATEMENT":
        return bool(args.source)
    if mood.mode == "denied" or "unconfirmed" in mood.flags:
        return bool(args.source or args.target)
    return bool(args.source and args.target)


def _attach_loose_counts(found: list[tuple[int, int, Quantity]], events: list[Event]) -> None:
    """Counts of weapons or of victims that no event took ("none of the 170 drones ... did")
    go to the sentence's first attack."""
    from manysides.nlp.verbs import lexicon

    attacks = [e for e in events if e.type == "ASSAULT"]
    if not attacks:
        return
    taken = {(q.span.start, q.span.end) for e in events for q in e.quantities}
    synsets = lexicon().synsets
    materiel = synsets.get("weapon", frozenset()) | synsets.get("aircraft", frozenset())
    for _, _, quantity in found:
        head = quantity.counts.split(" and ")[0].lower()
        last = head.split()[-1] if head else ""
        if (quantity.span.start, quantity.span.end) in taken:
            continue
        if quantity.counts in HARM or head in materiel or last in materiel or (
                last.rstrip("s") in materiel):
            attacks[0].quantities.append(quantity)
            attacks[0].quantities.sort(key=lambda q: q.span.start)


def _protested(tok: Token, index: MentionIndex) -> list[Mention]:
    """A protest with no named target is aimed at the authority of the place it is held in
    ("protested in Beijing")."""
    for head in (tok, tok.head):
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ in ("in", "outside", "at"):
                for obj in prep.children:
                    found = index.actors(obj, deep=False)
                    if found:
                        return found
    return []


def _adjective_arguments(adj: Token, index: MentionIndex) -> Arguments:
    """"700 Israelis are (confirmed) dead": the people the adjective is said of are targets."""
    args = Arguments()
    verb = adj.head if adj.dep_ in ("acomp", "oprd", "attr") else adj
    heads = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if adj.dep_ == "amod":
        heads = [adj.head]
    if adj.dep_ == "pobj":  # "hundreds of Israeli dead": the dead are Israelis
        heads = [c for c in adj.children if c.dep_ in ("amod", "compound", "nmod")]
    args.target_heads = heads
    args.target = [m for h in heads for m in index.actors(h)]
    return args


def _trigger_span(tok: Token, kind: str) -> Span:
    found = noun_trigger(tok) if kind == "noun" else None
    start = found[1].idx if found else tok.idx
    return Span(start, tok.idx + len(tok.text))


def _scope(tok: Token, triggers: frozenset[int] = frozenset()) -> list[Token]:
    """The tokens of the trigger's own clause: nested clauses left out, except "..., killing
    seven" participles whose counts belong to the event they follow; a participle modifying
    a noun ("the 120 missiles fired from Iran") takes in that noun's phrase."""
    out: list[Token] = []
    stack = [tok]
    if tok.dep_ in ("acomp", "oprd", "attr"):  # "700 people are (confirmed) dead"
        stack.extend(c for c in tok.head.children if c.dep_ in ("nsubj", "nsubjpass"))
    if tok.dep_ == "acl" and tok.head is not tok:
        stack.extend(c for c in tok.head.children if c.dep_ in ("nummod", "quantmod", "amod"))
        out.append(tok.head)
        out.extend(_counted_by(tok.head))  # "dozens of soldiers kidnapped"
    if tok.pos_ == "ADJ" and tok.dep_ == "pobj":
        out.extend(_counted_by(tok))  # "hundreds of Israeli dead"
    expanded: set[int] = set()
    while stack:
        cur = stack.pop()
        if cur.i in expanded:
            continue  # conjoined harm verbs point back at each other: expand each token once
        expanded.add(cur.i)
        out.append(cur)
        for child in cur.children:
            if child.dep_ in _CLAUSES or (child.dep_ == "conj" and child.pos_ == "VERB"):
                if cur is tok or _harms(cur):
                    stack.extend([child] if _harms(child) and cur is not tok else [])
                    stack.extend(_harm_clauses(child))
                continue
            if child.dep_ == "advcl" and not _harms(child):
                stack.extend(_harm_clauses(child))
                continue
            if child.i in triggers and child.dep_ in ("pobj", "pcomp", "dobj", "nsubj", "conj"):
                continue  # another event's words
            stack.append(child)
    if tok.dep_ in ("dobj", "pobj") and tok.head.lemma_.lower() in SUPPORT_VERBS:
        out.extend(c for c in tok.head.subtree if c not in out and c.dep_ != "ccomp")
    return list({t.i: t for t in out}.values())


def _counted_by(noun: Token) -> list[Token]:
    """The number phrase whose "of" object ``noun`` is: "[dozens, if not hundreds,] of
    soldiers", "[hundreds] of dead"."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ != "of" or prep.head is prep:
        return []
    number = prep.head
    if not _is_count(number):
        return []
    while number.dep_ == "conj" and _is_count(number.head):
        number = number.head  # "dozens, if not hundreds"
    return list(noun.doc[number.left_edge.i:prep.i])


def _is_count(tok: Token) -> bool:
    return tok.ent_type_ in ("CARDINAL", "QUANTITY") or tok.pos_ == "NUM"


def _harms(verb: Token) -> bool:
    return verb.lemma_.lower() in ("kill", "injure", "wound", "leave", "murder")


def _harm_clauses(clause: Token) -> list[Token]:
    """Coordinated "..., breaking the truce and killing four" participles under ``clause``."""
    return [c for c in clause.conjuncts if c.dep_ == "conj" and _harms(c)]


def _dedupe(quantities: list[Quantity]) -> list[Quantity]:
    seen: set[tuple[int, int]] = set()
    out = []
    for q in sorted(quantities, key=lambda q: q.span.start):
        if (q.span.start, q.span.end) not in seen:
            seen.add((q.span.start, q.span.end))
            out.append(q)
    return out


def reference_date(doc: Doc, article: Article) -> dict[str, Any] | None:
    """The date an undated article speaks from, inferred from its own words and recorded with
    its evidence in ``article.meta["reference_date"]`` (:func:`~manysides.nlp.dates.
    infer_reference`); when its text gives no full date either, the record says so, with
    ``date`` None. None for an article with a publication date."""
    if article.published is not None:
        return None
    found = infer_reference([(ent.text, ent.start_char, ent.end_char) for ent in doc.ents
                             if ent.label_ == "DATE"])
    article.meta["reference_date"] = found or {
        "date": None, "source": "none", "evidence": None,
        "rule": "no publication date and no fully specified date in the text: relative dates "
                "stay unresolved, a month and day stays yearless (--MM-DD)"}
    return found


def _resolve(ent: SpacySpan, context: _Context, mood: Modality) -> tuple[str | None, str | None]:
    reference = context.reference
    base = date.fromisoformat(reference["date"]) if reference else None
    return resolve_event_date(ent.text, context.article.published, base,
                              relative=reference is not None and reference["rule"] == "dateline",
                              future=mood.mode == "future")


def _location(tok: Token, args: Arguments, index: MentionIndex,
              entities: dict[int, SpacySpan]) -> SpacySpan | None:
    """A place named by "in/at/near ..." on the trigger, its arguments, or its clause."""
    used = {id(m) for m in args.source + args.target}
    heads = [tok, *args.target_heads, *args.source_heads]
    if tok.dep_ in ("dobj", "pobj", "conj", "advcl", "xcomp") and tok.head is not tok:
        heads.append(tok.head)
    for head in heads:
        for prep in head.children:
            if prep.dep_ != "prep" or prep.lower_ not in _LOC_PREPS:
                continue
            for obj in prep.children:
                ent = entities.get(obj.i) if obj.dep_ == "pobj" else None
                if ent is None or ent.label_ not in _PLACES:
                    continue
                if any(id(m) in used for t in ent for m in index.at(t)):
                    continue
                return ent
    return None


def _reported_by(mood: Modality, index: MentionIndex, recall: _Recall | None = None,
                 ) -> list[Mention]:
    """The reporting sources as actor mentions, or as unlinked mentions of their words; "those
    people" / "these sources" are the sources named last (within :data:`RECALL_WINDOW`
    sentences), else generic words with no actor."""
    out: list[Mention] = []
    named = False
    for head in mood.reporters:
        if _demonstrative(head):
            if recall is not None and recall.sentence - recall.named_in <= RECALL_WINDOW:
                out.extend(m for m in recall.reporters if all(m is not o for o in out))
            else:
                out.append(_words_of(head))
            continue
        found = index.actors(head)
        named = named or any(m.actor for m in found)
        if not found and head.pos_ == "PRON":
            continue
        if not found:
            found = [_words_of(head)]
        out.extend(m for m in found if all(m is not o for o in out))
    if named and recall is not None:
        recall.reporters, recall.named_in = list(out), recall.sentence
    return out


def _demonstrative(head: Token) -> bool:
    """"those people", "these sources", "the same officials": a source named before."""
    return head.pos_ in ("NOUN", "PROPN") and any(
        (c.dep_ == "det" and c.lower_ in ("those", "these")) or (
            c.dep_ == "amod" and c.lower_ == "same") for c in head.children)


def _words_of(head: Token) -> Mention:
    """An unlinked mention of a reporter's words ("early analysis", "those people")."""
    start = min((c for c in head.children if c.dep_ in ("compound", "amod", "det")
                 and c.i < head.i),
                key=lambda c: c.i, default=head)
    words = head.doc[start.i:head.i + 1]
    return Mention(span=Span(words.start_char, words.end_char), text=words.text,
                   label=head.ent_type_)
