"""Who did it and to whom: the source and target actor mentions of an event trigger.

Arguments come from the dependency parse: subject → source and object → target for verbs
(reversed for passives: ``nsubjpass`` → target, ``by`` agent → source), possessor / adjective /
compound / ``by`` → source and ``on`` / ``against`` / ``of`` / ``with`` → target for event nouns
("Iran's barrage", "the strike on the embassy"). Subjects missing from a clause are inherited
from the clause that controls it ("Israel wants to strike", "urged Israel to respond", coordinated
verbs, "..., killing four"). An argument phrase yields the actor mentions inside it, nearest
first: the head and its modifiers ("Iranian officers"), then ``of``/``from`` phrases ("officers of
the Guard").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from manysides.model import Mention

__all__ = ["SUPPORT_VERBS", "Arguments", "MentionIndex", "noun_arguments", "verb_arguments"]

#: Verbs that only carry an event noun: "launched an attack", "issued a statement".
SUPPORT_VERBS = frozenset({
    "launch", "carry", "conduct", "stage", "mount", "hold", "make", "issue", "release", "give",
    "deliver", "wage", "order", "begin", "start", "continue", "resume", "unleash", "commit",
    "perpetrate", "execute", "undertake", "escalate", "intensify", "step", "announce", "have",
    "plan", "coordinate", "organize", "organise", "lead", "direct", "claim", "publish", "open",
    "initiate", "pursue", "orchestrate", "mastermind", "impose", "level", "hurl", "do",
    "redouble",
})
#: Verbs whose subject takes part in the event its object names ("attended the summit").
PARTAKING = frozenset({"attend", "host", "join", "chair", "convene", "fight", "sign", "reach",
                       "achieve", "negotiate", "conclude"})

_NP_LINKS = frozenset({"compound", "amod", "poss", "nmod", "appos", "conj", "nummod", "det",
                       "npadvmod", "quantmod", "pobj"})  # pobj: only under a mis-tagged head
_DEEP_PREPS = frozenset({"of", "from"})
VERB_TARGET_PREPS = frozenset({"on", "against", "at", "upon", "into", "toward", "towards", "to",
                               "with", "onto", "over"})
#: Nouns that name what an attack did ("damage to a base"): whoever reports them ("Israel
#: reported damage to ...") is not who did it, and "to"/"of" names the target.
OUTCOME_NOUNS = frozenset({"damage"})
_NOUN_TARGET_PREPS = frozenset({"on", "against", "at", "upon", "into", "toward", "towards",
                                "targeting", "onto"})
#: Nouns whose ``of`` phrase is what the event was done to ("the assassination of X").
OBJECT_OF_NOUNS = frozenset({"assassination", "killing", "bombing", "invasion", "occupation",
                             "shelling", "arrest", "kidnapping", "abduction", "murder",
                             "massacre", "bombardment", "blockade", "siege", "detention",
                             "deportation", "expulsion", "interception", "targeting"})
_WITH_NOUNS_TYPES = frozenset({"CONSULT", "AGREE", "SUPPORT", "COOPERATE"})
_WITH_NOUNS = frozenset({"clash", "clashes", "fighting", "firefight", "war"})
#: Nouns that say what an act was ("did X in retaliation"): its doer is the doer of the act.
RESPONSE_NOUNS = frozenset({"retaliation", "response", "reprisal", "revenge", "reaction"})
#: Verbs whose ``from`` phrase is the other party ("received weapons from X").
RECEIVING = frozenset({"receive", "accept", "obtain", "get", "welcome"})
_CONTROL_BY_OBJECT = frozenset({"urge", "ask", "call", "press", "push", "encourage", "advise",
                                "order", "tell", "force", "allow", "help", "persuade", "invite",
                                "instruct", "implore", "pressure", "lead", "enable", "want"})
#: Verbs of harm a relative clause can say an event did ("a bombing ... that killed 22").
HARM_VERBS = frozenset({"kill", "injure", "wound", "maim", "leave", "claim", "destroy",
                        "damage"})
#: Sectors whose members can themselves kill ("a raid on the militia that killed four").
_ARMED = frozenset({"MIL", "REB", "INS", "UAF", "SPY", "COP"})
_SELF_PRONOUNS = frozenset({"it", "they", "we"})
#: Nouns for another party defined by its relation to the one named with it: "Israel's
#: partners", "allies of Iran", "US rivals" are other states or groups. ("Opponents" or
#: "critics of the Senate" are mostly the same country's, and stay coded so.)
RELATIONAL_NOUNS = frozenset({"partner", "ally", "neighbor", "neighbour", "enemy", "rival",
                              "adversary", "foe", "friend", "patron"})
#: Nouns of trying and deciding whose "to" clause is done by whoever has them: "Israel
#: mounted efforts to retaliate", "Iran's decision to attack".
ATTEMPT_NOUNS = frozenset({"effort", "attempt", "bid", "plan", "decision", "move", "step",
                           "push", "campaign", "drive", "threat", "promise", "pledge", "vow",
                           "readiness", "willingness", "determination", "intention", "resolve",
                           "ability", "capacity", "right", "desire", "option"})
#: Verbs that take a gerund as an act of their own subject ("kept fighting", "stopped
#: firing"); with others ("paint fighting Iran as ...") the gerund names an act, not theirs.
GERUND_CONTROL = frozenset({"start", "begin", "stop", "keep", "continue", "resume", "finish",
                            "quit", "cease", "avoid", "risk", "try", "go", "spend", "consider",
                            "deny", "admit", "escalate", "intensify", "end"})
_RELATIVE = frozenset({"which", "that", "who", "whom", "whose"})


@dataclass(slots=True)
class Arguments:
    source: list[Mention] = field(default_factory=list)
    target: list[Mention] = field(default_factory=list)
    source_heads: list[Token] = field(default_factory=list)
    target_heads: list[Token] = field(default_factory=list)


class MentionIndex:
    """Which actor mentions cover which tokens of a Doc parsed from the article text."""

    def __init__(self, doc: Doc, mentions: Iterable[Mention]) -> None:
        self.by_token: dict[int, list[Mention]] = {}
        for mention in mentions:
            span = doc.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
            if span is None:
                continue
            for tok in span:
                self.by_token.setdefault(tok.i, []).append(mention)

    def at(self, tok: Token) -> list[Mention]:
        return self.by_token.get(tok.i, [])

    def actors(self, head: Token, *, deep: bool = True) -> list[Mention]:
        """Actor mentions in the phrase headed by ``head``, nearest tier first."""
        near = _phrase(head)
        found = _collect(self, near)
        if found or not deep:
            return found
        far: list[Token] = []
        for tok in near:
            if _relational(tok):
                continue  # "allies of Iran" are not Iran
            for child in tok.children:
                if child.dep_ == "prep" and child.lower_ in _DEEP_PREPS:
                    far.extend(t for p in child.children if p.dep_ == "pobj" for t in _phrase(p))
                elif child.dep_ == "acl":
                    far.extend(t for a in child.children if a.dep_ == "agent"
                               for p in a.children for t in _phrase(p))
        return _collect(self, far)


def _phrase(head: Token) -> list[Token]:
    out, stack, seen = [], [head], set()
    while stack:
        tok = stack.pop()
        if tok.i in seen:
            continue
        seen.add(tok.i)
        out.append(tok)
        stack.extend(c for c in tok.children if c.dep_ in _NP_LINKS and not (
            c.dep_ == "amod" and c.pos_ == "VERB") and not (  # "Iran-backed group": not Iran
            c.dep_ in ("poss", "compound") and _relational(tok)) and not (  # "X's partners"
            c.dep_ == "conj" and _strands(c)))  # "the killing of X and Iran retaliated"
    return sorted(out, key=lambda t: t.i)


def _relational(tok: Token) -> bool:
    """"partners", "allies", "rivals": the one they are partners of is someone else."""
    return tok.pos_ == "NOUN" and tok.lemma_.lower() in RELATIONAL_NOUNS


def _collect(index: MentionIndex, tokens: list[Token]) -> list[Mention]:
    found: list[Mention] = []
    for tok in tokens:
        for mention in index.at(tok):
            if all(m is not mention for m in found):
                found.append(mention)
    return found


def _objects(tok: Token, deps: Iterable[str]) -> list[Token]:
    """Children with one of ``deps``, plus their coordinated conjuncts."""
    wanted = set(deps)
    heads = [c for c in tok.children if c.dep_ in wanted]
    return heads + [c for h in heads for c in h.conjuncts if c.i > h.i and not _strands(c)]


def _strands(tok: Token) -> bool:
    """Whether ``tok`` is really the subject of the verb right after it, hung by the parser
    on an object before ("the killing of X and Iran retaliated")."""
    doc = tok.doc
    nxt = tok.i + 1
    while nxt < len(doc) and doc[nxt].dep_ in ("advmod", "aux", "neg", "auxpass"):
        nxt += 1
    return nxt < len(doc) and doc[nxt].pos_ == "VERB" and doc[nxt].dep_ in ("conj", "ccomp") and (
        getattr(_stranded_subject(doc[nxt]), "i", None) == tok.i)


def _pobjs(tok: Token, preps: Iterable[str]) -> list[Token]:
    wanted = set(preps)
    out = []
    for prep in tok.children:
        if prep.dep_ in ("prep", "dative", "agent") and prep.lower_ in wanted:
            out.extend(_objects(prep, ("pobj",)))
    return out


def subject_of(verb: Token, depth: int = 0) -> tuple[list[Token], bool]:
    """The subject head tokens of a verb, inherited through control and coordination, and
    whether they are the *logical object* (a passive subject)."""
    subj = _objects(verb, ("nsubj", "csubj"))
    if subj:
        return [_antecedent(s) for s in subj], False
    patients = _objects(verb, ("nsubjpass",))
    if patients:
        return [_antecedent(s) for s in patients], True
    if depth > 4 or verb.head is verb:
        return [], False
    head, dep = verb.head, verb.dep_
    if dep in ("conj", "ccomp") and (stranded := _stranded_subject(verb)) is not None:
        return [stranded], False
    if dep == "xcomp" and head.lemma_.lower() in _CONTROL_BY_OBJECT:
        objects = _objects(head, ("dobj",))
        if objects:
            return objects, False
    if dep == "xcomp" and verb.tag_ == "VBG" and head.lemma_.lower() not in GERUND_CONTROL:
        return [], False  # "paint fighting Iran as ...": the gerund is what is painted
    if dep in ("xcomp", "conj", "advcl", "pcomp") and head.pos_ in ("VERB", "AUX"):
        inherited, passive = subject_of(head, depth + 1)
        own_passive = any(c.dep_ == "auxpass" for c in verb.children)
        # "was pressured to help": help is active; "... and will be met with": passive
        return inherited, (passive and dep == "conj") or (own_passive and dep == "conj")
    if dep == "acl" and _attempted(verb):
        return _attempter(head, depth), False
    if dep in ("relcl", "acl") and head.pos_ in ("NOUN", "PROPN", "PRON"):
        return [head], dep == "acl" and verb.tag_ == "VBN"
    return [], False


def _stranded_subject(verb: Token) -> Token | None:
    """"ordered the killing of X and Iran retaliated": the parser often hangs the second
    clause's subject on the first clause's object as a conjunct; the noun right before a
    subjectless coordinated verb, coordinated with something outside it, is its subject."""
    prev = verb.i - 1
    doc = verb.doc
    while prev > verb.head.i and doc[prev].dep_ in ("advmod", "aux", "neg", "auxpass"):
        prev -= 1
    if prev <= verb.head.i:
        return None
    tok = doc[prev]
    if tok.pos_ in ("PROPN", "NOUN") and tok.dep_ == "conj" and tok.head.i < tok.i and (
            tok.head.head.i != verb.i) and (
            verb.tag_ in ("VBD", "VBZ", "VBP")) and tok.head.i > verb.head.i:
        return tok
    return None


def _attempted(verb: Token) -> bool:
    """"efforts to retaliate", "its decision to defy": an infinitive on a noun of trying."""
    return verb.head.pos_ == "NOUN" and verb.head.lemma_.lower() in ATTEMPT_NOUNS and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _attempter(noun: Token, depth: int) -> list[Token]:
    """Who makes the effort: the noun's own phrase when it names them ("Iran's decision",
    "the militias' ability"), else the subject of the verb whose object it is ("Israel
    mounted efforts to ...")."""
    owned = any(c.dep_ in ("poss", "nmod", "compound") or (
        c.dep_ == "amod" and c.ent_type_ in ("NORP", "GPE")) for c in noun.children)
    if not owned and noun.dep_ == "dobj" and noun.head.pos_ == "VERB":
        subjects, passive = subject_of(noun.head, depth + 1)
        return [] if passive else subjects
    return [noun]


def _antecedent(subj: Token) -> Token:
    """A relative pronoun stands for the noun its clause modifies ("Hamas, which ...")."""
    if subj.lower_ in _RELATIVE and subj.head.dep_ == "relcl":
        return subj.head.head
    return subj


def _mentions(index: MentionIndex, heads: Iterable[Token], *, deep: bool = True,
              ) -> list[Mention]:
    found: list[Mention] = []
    for head in heads:
        for mention in index.actors(head, deep=deep):
            if all(m is not mention for m in found):
                found.append(mention)
    return found


def verb_arguments(verb: Token, index: MentionIndex, category: str | None) -> Arguments:
    """Source and target mentions of an event verb."""
    subjects, passive = subject_of(verb)
    if not passive:
        subjects = _event_antecedent(verb, subjects, index)
    agents = _pobjs(verb, ("by",))
    args = Arguments()
    if passive:
        args.source_heads = agents
        args.target_heads = subjects
    else:
        args.source_heads = subjects
        args.target_heads = _objects(verb, ("dobj",)) + [
            t for t in _objects(verb, ("dative",)) if t.pos_ in ("PROPN", "NOUN", "PRON")]
    if passive and agents and all(_is_materiel(t) for t in agents):
        args.source_heads = _doers_of(agents) or agents  # "by a missile fired by rebels"
    if not passive and _names_events(args.source_heads):
        args.source = _event_noun_source(args.source_heads, index)  # not "of the embassy"
    else:
        args.source = _mentions(index, args.source_heads)
    if category == "ASSAULT" and any(_is_materiel(t) for t in args.target_heads):
        args.target_heads = []  # "fired missiles at X": the missiles are not the target
    args.target = _mentions(index, args.target_heads)
    if not args.target:
        preps = _pobjs(verb, VERB_TARGET_PREPS | (
            {"from"} if verb.lemma_.lower() in RECEIVING else set()) | (
            {"alongside"} if category == "COOPERATE" else set()))  # "fought alongside X"
        args.target = _mentions(index, preps)
        args.target_heads = args.target_heads or preps
    objects = _objects(verb, ("dobj",))
    if not args.target:  # "ratified an agreement with X", "offered support to X"; not
        # "discussed the attack on X": the target of an event noun is that event's
        args.target = _mentions(index, [p for o in objects for p in _pobjs(o, (
            ("with", "to") if _violent_noun(o, category)
            else ("with", "to", "against", "on", "for")))])
    if not args.target and objects:  # "issued arrest warrants for X" (the parser's attachment)
        args.target = _mentions(index, _pobjs(verb, ("for",)))
    if not args.target and category in ("ACCUSE", "THREATEN", "REQUEST", "APPEAL", "REJECT"):
        args.target = _complement_target(verb, index, args.source)
    if not args.source and passive:
        args.source = _instrument_source(verb, index) or _mentions(index, _pobjs(verb, ("from",)))
    if not args.target and category in ("AID", "COOPERATE", "SUPPORT"):
        args.target = _helped(verb, index)
    if not args.source and not passive:
        args.source = _event_noun_source(args.source_heads, index)
    if not args.source and not passive:
        args.source = _reporter_as_subject(verb, args.source_heads, index)
    if not args.target and verb.dep_ == "conj" and verb.head.pos_ == "VERB" and (
            _stranded_subject(verb) is None):
        args.target = _mentions(index, _objects(verb.head, ("dobj",)))
    args.target = not_self(args.target, args.source)
    return args


def not_self(targets: list[Mention], sources: list[Mention]) -> list[Mention]:
    """Targets that are not the source itself: not the same mention or actor code, nor the
    bare country of a source ("Biden threatened to reassess U.S. support": not USAGOV→USA).
    A state body acting on its own people stays ("Israeli police arrested Israelis")."""
    codes = {m.actor for m in sources if m.actor and not m.actor.startswith("---")}
    countries = {m.country for m in sources if m.country}
    return [m for m in targets if all(m is not s for s in sources) and not (
        m.actor and (m.actor in codes or (m.actor == m.country and m.country in countries)))]


def _violent_noun(tok: Token, category: str | None) -> bool:
    """An attack noun ("the attack on X") under a verb of another kind: X is what was
    attacked, not whom the verb ("discussed") is aimed at. (Measures stay: "lifted the
    sanctions on X" is aimed at X.)"""
    from manysides.nlp.verbs import match_noun

    code = match_noun(tok) if tok.pos_ in ("NOUN", "PROPN") else None
    return code is not None and code.plover == "ASSAULT" and category != "ASSAULT"


def _event_antecedent(verb: Token, subjects: list[Token], index: MentionIndex) -> list[Token]:
    """"a bombing of the embassy in Y that killed 22 people": the parser hangs the relative
    clause on the nearest noun, but an embassy, a school or a market kills no one — the event
    whose object it is did. A "that"/"which" clause of harm on the object of an event noun
    ("of", "on", "against", "at", "in") belongs to the event noun; persons ("who"), armed
    groups and weapons keep it ("a raid on the militia that killed four")."""
    from manysides.nlp.verbs import match_noun

    if verb.dep_ != "relcl" or len(subjects) != 1 or subjects[0].i != verb.head.i or (
            verb.lemma_.lower() not in HARM_VERBS):
        return subjects
    noun = subjects[0]
    if not any(c.dep_ == "nsubj" and c.lower_ in ("that", "which") for c in verb.children):
        return subjects
    if noun.ent_type_ in ("PERSON", "ORG", "NORP") or _is_materiel(noun) or any(
            (m.sector or "")[:3] in _ARMED for m in index.at(noun)):
        return subjects
    cur = noun
    for _ in range(3):
        if cur.dep_ != "pobj" or cur.head.dep_ != "prep" or cur.head.lower_ not in (
                "of", "on", "against", "at", "in", "near", "outside"):
            break
        owner = cur.head.head
        if owner.pos_ in ("NOUN", "PROPN") and match_noun(owner) is not None:
            return [owner]
        cur = owner
    return subjects


def _reporter_as_subject(verb: Token, subjects: list[Token], index: MentionIndex,
                         ) -> list[Mention]:
    """"Israel announced it would free ...", "X and Y said they will ...": an unlinked "it",
    "they" or "we" subject of a reported clause is the one who reports it."""
    if verb.dep_ != "ccomp" or not subjects or any(
            s.lower_ not in _SELF_PRONOUNS or index.at(s) for s in subjects):
        return []
    from manysides.nlp.modality import INTEND, REPORT

    head = verb.head
    if head.lemma_.lower() not in REPORT | INTEND:
        return []
    return _mentions(index, _objects(head, ("nsubj",)))


def _complement_target(verb: Token, index: MentionIndex, sources: list[Mention],
                       ) -> list[Mention]:
    """"accused X of ...", "alleged that X ...": the subject of a finite complement;
    "threatened to strike X": the object of an infinitive one; "threatened to reassess U.S.
    support for X" (the source's own): whom the object is for."""
    found: list[Mention] = []
    for clause in _objects(verb, ("ccomp", "xcomp")):
        if clause.dep_ == "ccomp":
            found += _mentions(index, subject_of(clause)[0])
            continue
        objects = _objects(clause, ("dobj",)) + _pobjs(clause, VERB_TARGET_PREPS)
        own = not_self(_mentions(index, objects), sources)
        if not own:
            own = not_self(_mentions(index, [p for o in objects for p in _pobjs(
                o, ("for", "to", "against", "on", "with"))]), sources)
        found += own
    return found


def _doers_of(weapons: list[Token]) -> list[Token]:
    """"by a missile (believed to be) fired by rebels": the agents of the participles that
    modify the weapon."""
    found = []
    for weapon in weapons:
        for tok in weapon.subtree:
            if tok.dep_ == "agent" and tok.head.tag_ == "VBN":
                found.extend(_objects(tok, ("pobj",)))
    return found


def _is_materiel(tok: Token) -> bool:
    """Weapons and aircraft ("missiles", "hundreds of drones")."""
    from manysides.nlp.verbs import lexicon

    synsets = lexicon().synsets
    materiel = synsets.get("weapon", frozenset()) | synsets.get("aircraft", frozenset())
    heads = [tok, *(p for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                    for p in c.children if p.dep_ == "pobj")]
    return any(h.lemma_.lower() in materiel or h.lower_ in materiel for h in heads)


def _helped(verb: Token, index: MentionIndex) -> list[Mention]:
    """"helped (plan) Hamas's attack": whoever did the event that was helped."""
    from manysides.nlp.verbs import match_noun

    clauses = _objects(verb, ("xcomp", "ccomp"))
    if verb.dep_ == "aux":
        clauses.append(verb.head)
    for clause in clauses:
        for obj in _objects(clause, ("dobj",)):
            if match_noun(obj) is not None:
                return noun_arguments(obj, index, None).source
    return []


def _names_events(heads: list[Token]) -> bool:
    """Whether every head is an event noun ("the bombing of the embassy killed 22")."""
    from manysides.nlp.verbs import match_noun

    return bool(heads) and all(h.pos_ in ("NOUN", "PROPN") and match_noun(h) is not None
                               for h in heads)


def _event_noun_source(heads: list[Token], index: MentionIndex) -> list[Mention]:
    """"The raid by X killed four": an event noun as subject lends its own source."""
    from manysides.nlp.verbs import match_noun

    for head in heads:
        if match_noun(head) is not None:
            return noun_arguments(head, index, None).source
    return []


def _instrument_source(verb: Token, index: MentionIndex) -> list[Mention]:
    """"killed in Israeli shelling" / "killed by a missile fired by rebels": the doer of the
    instrument is the source of a passive with no agent."""
    from manysides.nlp.verbs import match_noun

    for obj in _pobjs(verb, ("in", "by", "during", "from", "with")):
        if match_noun(obj) is not None:
            return noun_arguments(obj, index, None).source
        for child in obj.children:
            if child.dep_ == "acl" and child.tag_ == "VBN":
                return _mentions(index, _pobjs(child, ("by",)))
    return []


def noun_arguments(noun: Token, index: MentionIndex, category: str | None) -> Arguments:
    """Source and target mentions of an event noun ("Iran's strike on Israel")."""
    args = Arguments()
    mods = [c for c in noun.children if c.dep_ == "poss" or (
        c.dep_ in ("compound", "amod", "nmod") and c.i < noun.i and not _is_place(index, c))]
    args.source_heads = mods + _pobjs(noun, ("by", "from"))
    args.source = _mentions(index, args.source_heads, deep=False)
    lemma = noun.lemma_.lower()
    outcome = lemma in OUTCOME_NOUNS
    if not args.source and not outcome:
        args.source_heads = _support_subject(noun)
        args.source = _mentions(index, args.source_heads)
    preps = set(_NOUN_TARGET_PREPS) | ({"to", "of"} if outcome else set())
    if lemma in OBJECT_OF_NOUNS or noun.lower_ in OBJECT_OF_NOUNS:
        preps.add("of")
    if category in _WITH_NOUNS_TYPES or lemma in _WITH_NOUNS or noun.lower_ in _WITH_NOUNS:
        preps.update(("with", "to"))
    args.target_heads = [t for t in _pobjs(noun, preps) if t.lower_ != "own" and not (
        category == "ASSAULT" and _is_materiel(t))]  # "on its own", "interception of drones"
    args.target = _mentions(index, args.target_heads)
    if not args.source:  # "the killing of X by Y": the parser often hangs "by Y" on X
        late = [p for t in args.target_heads for p in _pobjs(t, ("by",))]
        args.source = _mentions(index, late)
        args.target = [m for m in args.target if all(m is not s for s in args.source)]
    between = _pobjs(noun, ("between",))
    if between:
        pair = _mentions(index, between)
        if not args.source and pair:
            args.source, pair = pair[:1], pair[1:]
        args.target.extend(m for m in pair if all(m is not t for t in args.target))
    args.target = not_self(args.target, args.source)
    return args


def _is_place(index: MentionIndex, tok: Token) -> bool:
    """A place name compounded onto an event noun ("the Gaza attack") says where, not who."""
    return tok.dep_ == "compound" and tok.ent_type_ in ("GPE", "LOC", "FAC") and all(
        m.label in ("GPE", "LOC", "FAC", "") for m in index.at(tok))


def _carries_out(verb: Token) -> bool:
    """Whether the subject of ``verb`` does the event its object names: "launched an attack",
    "carried out the strike" — not "discussed", "condemned" or "devised" it."""
    from manysides.nlp.verbs import verb_lemmas

    return bool(verb_lemmas(verb) & (SUPPORT_VERBS | PARTAKING))


def _support_subject(noun: Token) -> list[Token]:
    """"Israel carried out the strike", "Iran conducted acts of sabotage": the subject of the
    verb whose object the event noun is."""
    tok = noun
    while tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.pos_ == "NOUN":
        tok = tok.head.head
    if tok.dep_ == "pobj" and (tok.head.lower_ in ("with", "by") or (
            tok.head.lower_ == "in" and tok.lemma_.lower() in RESPONSE_NOUNS)) and (
            tok.head.head.pos_ == "VERB"):  # "X fired missiles in retaliation for ...": X
        subjects, passive = subject_of(tok.head.head)
        return [] if passive else subjects
    if tok.dep_ in ("dobj", "conj") and tok.head.pos_ == "VERB":
        verb = tok.head if tok.dep_ == "dobj" else tok.head.head
        if not _carries_out(verb):
            return []  # "discussed the attack", "devised the raid": not who carried it out
        subjects, passive = subject_of(verb)
        if not passive:
            return subjects
        return _pobjs(verb, ("by",))
    return []
