"""Is an event asserted, reported by someone, hedged, denied, hypothetical, future or called for?

:func:`modality` reads the dependency parse around an event's trigger: its own auxiliaries and
negation, then the chain of governing words up to the sentence root — reporting verbs ("X said
that ..."), denials ("Hamas denied that ..."), conditions ("if ..."), intentions ("plans to"),
appeals ("urged Israel to"), hedges ("appears to", "reportedly", "have not seen evidence that")
and "according to X".
One mode is chosen by precedence: denied > hypothetical > called_for > future > hedged >
reported > asserted; the reporting sources are returned whatever the mode.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

__all__ = ["MODES", "PRESUPPOSING", "Modality", "modality"]

MODES = ("denied", "hypothetical", "called_for", "future", "hedged", "reported", "asserted")

REPORT = frozenset({"say", "tell", "report", "claim", "allege", "announce", "state", "add",
                    "note", "confirm", "insist", "argue", "write", "explain", "acknowledge",
                    "declare", "assert", "maintain", "reveal", "disclose", "admit", "testify",
                    "contend", "stress", "emphasize", "indicate", "show", "quote"})
#: Reporting verbs whose object can be the event itself: "They reported damage to a base",
#: "officials confirmed the strike" (its doer need not be the one who reports it).
REPORTED_OBJECT = frozenset({"report", "confirm", "acknowledge", "admit", "reveal",
                             "disclose"})
BELIEVE = frozenset({"believe", "think", "suspect", "fear", "estimate", "assess", "suggest",
                     "guess", "speculate", "presume", "assume", "doubt"})
DENY = frozenset({"deny", "reject", "dismiss", "refute", "rebut", "disavow", "dispute",
                  "contradict", "repudiate", "rebuff"})
INTEND = frozenset({"plan", "intend", "aim", "vow", "pledge", "promise", "threaten", "prepare",
                    "want", "wish", "hope", "seek", "expect", "decide", "resolve", "agree",
                    "mean", "set", "schedule", "go", "propose", "offer", "warn"})
APPEAL = frozenset({"urge", "ask", "call", "press", "push", "demand", "encourage", "advise",
                    "implore", "request", "appeal", "exhort", "beg", "need", "require",
                    "order", "instruct", "invite", "tell"})
#: Wishes for someone else's act: "wants Sylvania to withdraw" calls for it.
WANT = frozenset({"want", "wish", "need", "prefer", "like"})
HEDGE_VERBS = frozenset({"appear", "seem", "look"})
HEDGE_WORDS = frozenset({"reportedly", "allegedly", "apparently", "possibly", "probably",
                         "likely", "perhaps", "maybe", "purportedly", "supposedly",
                         "presumably", "seemingly", "unlikely"})
EVIDENCE = frozenset({"see", "find", "know", "confirm", "corroborate", "prove", "have",
                      "show", "establish"})
FAIL = frozenset({"fail", "refuse", "decline", "neglect"})
#: Temporal words whose object is presupposed to have happened ("after the attack").
PRESUPPOSING = frozenset({"after", "following", "since"})
_FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
_HYPO_AUX = frozenset({"would", "'d"})
_HEDGE_AUX = frozenset({"may", "might", "could"})
_APPEAL_AUX = frozenset({"should", "must", "ought"})
_CONDITION = frozenset({"if", "unless", "whether"})
#: Finite verb tags: a coordinated clause with its own tense does not share the auxiliaries
#: of the clause before it ("Some will seek ..., but the truth is that Israel struck ...").
_FINITE = frozenset({"VBD", "VBZ", "VBP"})
_UP = frozenset({"aux", "xcomp", "ccomp", "advcl", "conj", "relcl", "acl", "pcomp", "dobj", "pobj",
                 "prep", "nsubj", "nsubjpass", "attr", "appos", "compound", "oprd", "advmod",
                 "npadvmod", "dative", "agent", "acomp", "parataxis", "csubj", "poss"})


@dataclass(slots=True)
class Modality:
    mode: str = "asserted"
    negated: bool = False
    reporters: list[Token] = field(default_factory=list)  # head tokens of who says/denies it
    flags: set[str] = field(default_factory=set)

    def choose(self) -> str:
        if self.negated and "reported" in self.flags and not self.flags & {
                "future", "hypothetical", "called_for"}:
            self.flags.add("denied")
        self.mode = next(m for m in MODES if m in self.flags or m == "asserted")
        return self.mode


def modality(trigger: Token) -> Modality:
    """The modality of the event whose trigger (verb, event noun or adjective) is ``trigger``."""
    result = Modality()
    result.negated = _negated(trigger)
    _local(trigger, result)
    child, cur = trigger, trigger.head
    steps = 0
    direct = True  # the trigger is the clause reached so far, or what its verb carries out
    while child.dep_ in _UP and cur is not child and steps < 12:
        if _presupposed(child):
            break  # "avoid escalation following the attack": the attack is a given
        if child is trigger and child.dep_ == "dobj" and (
                cur.lemma_.lower() in REPORTED_OBJECT) and not _negated(cur):
            result.flags.add("reported")  # "Israel reported damage to a base"
            result.reporters.extend(_subjects(cur))
        if not (child.dep_ == "conj" and child.tag_ in _FINITE):
            _governor(child, cur, result, direct)  # not the other clause's own mode
        direct = direct and _carried(child, cur)
        child, cur, steps = cur, cur.head, steps + 1
    _root_attribution(child, result)
    result.choose()
    return result


def _carried(child: Token, gov: Token) -> bool:
    """Whether ``gov``'s polarity is ``child``'s: coordinated verbs ("refused to meet or
    talk"), the event noun a verb carries out ("refused to launch an attack") — not a noun
    further down ("refuses to halt X while facing the threat of Y": Y is not denied)."""
    from manysides.nlp.arguments import SUPPORT_VERBS

    return child.dep_ == "conj" or (child.dep_ == "dobj" and gov.lemma_.lower() in SUPPORT_VERBS)


def _presupposed(tok: Token) -> bool:
    """An "after X" / "following X" / "since X" adjunct: X is taken as having happened,
    whatever the clause it hangs from says (urged, planned, would)."""
    return (tok.lower_ in PRESUPPOSING and tok.dep_ in ("prep", "mark", "pcomp")) or (
        tok.dep_ in ("advcl", "pcomp") and any(
            c.dep_ == "mark" and c.lower_ in PRESUPPOSING for c in tok.children))


def _negated(tok: Token) -> bool:
    words = [tok, *[c for c in tok.children if c.dep_ in ("aux", "auxpass")]]
    for word in words:
        for child in word.children:
            if child.dep_ == "neg" or child.lower_ in ("never", "not", "n't"):
                return True
            if child.dep_ == "det" and child.lower_ in ("no",) and tok.pos_ in ("NOUN", "PROPN"):
                return True
    return tok.dep_ == "xcomp" and tok.head.lemma_ in FAIL


def _aux_words(tok: Token) -> list[str]:
    aux = [c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")]
    if not aux and tok.dep_ == "conj" and tok.head.pos_ in ("VERB", "AUX") and (
            tok.tag_ not in _FINITE):
        aux = [c.lower_ for c in tok.head.children if c.dep_ in ("aux", "auxpass")]
    return aux


def _perfect_modal(tok: Token, aux: set[str]) -> bool:
    """"must have appreciated", "should have struck": a modal with the perfect infers or
    regrets a past act; it calls for nothing."""
    return "have" in aux and tok.tag_ == "VBN" and bool(aux & _APPEAL_AUX)


def _local(tok: Token, result: Modality) -> None:
    aux = set(_aux_words(tok))
    if aux & _FUTURE_AUX:
        result.flags.add("future")
    if aux & _HYPO_AUX:
        result.flags.add("future" if _future_in_the_past(tok) else "hypothetical")
    if aux & _HEDGE_AUX:
        result.flags.add("hedged")
    if _perfect_modal(tok, aux):
        result.flags.add("hedged" if "must" in aux else "hypothetical")
    elif aux & _APPEAL_AUX:
        result.flags.add("called_for")
    _clause_marks(tok, result)


def _future_in_the_past(tok: Token) -> bool:
    """"Israel announced it would free prisoners": a reported "would" with no condition is
    the reported "will", not a hypothesis."""
    return tok.dep_ == "ccomp" and tok.head.lemma_.lower() in REPORT and not any(
        c.dep_ in ("mark", "advcl") for c in tok.children)


def _clause_marks(tok: Token, result: Modality) -> None:
    for child in tok.children:
        low = child.lower_
        if (child.dep_ == "mark" and low in _CONDITION) or (child.dep_ == "advcl" and any(
                g.dep_ == "mark" and g.lower_ in _CONDITION for g in child.children)):
            result.flags.add("hypothetical")
        elif low in HEDGE_WORDS:
            result.flags.add("hedged")
        elif child.dep_ == "prep" and low == "according":
            result.flags.add("reported")
            result.reporters.extend(_according_to(child))


def _according_to(prep: Token) -> list[Token]:
    found: list[Token] = []
    for child in prep.children:
        if child.dep_ == "prep" and child.lower_ == "to":
            found.extend(c for c in child.children if c.dep_ == "pobj")
        elif child.dep_ == "pobj":
            found.append(child)
    return found


def _subjects(verb: Token) -> list[Token]:
    subj = [c for c in verb.children if c.dep_ in ("nsubj", "csubj")]
    if not subj:
        agents = [c for c in verb.children if c.dep_ == "agent"]
        subj = [p for a in agents for p in a.children if p.dep_ == "pobj"]
    if not subj and verb.dep_ == "conj" and verb.head is not verb:
        return _subjects(verb.head)
    return subj


def _governor(child: Token, gov: Token, result: Modality, direct: bool = True) -> None:
    """What governing word ``gov`` says about the event below it (reached through ``child``;
    ``direct``: the event is ``child`` itself or what it carries out)."""
    lemma = gov.lemma_.lower()
    dep = child.dep_
    if gov.pos_ in ("VERB", "AUX", "ADJ"):
        _local_governor(gov, result)
    clausal = dep in ("ccomp", "xcomp", "parataxis")
    if lemma in DENY and (clausal or dep == "dobj" or (dep == "acl" and gov.pos_ == "NOUN")):
        result.flags.add("denied")
        result.reporters.extend(_subjects(gov))
    elif lemma in EVIDENCE and _negated(gov) and (clausal or dep == "dobj"):
        result.flags.update(("hedged", "unconfirmed"))  # "not seen evidence that": no denial
        result.reporters.extend(_subjects(gov))
    elif not clausal:
        pass
    elif lemma in REPORT and not _negated(gov):
        result.flags.add("reported")
        result.reporters.extend(_subjects(gov))
        if gov.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in gov.children):
            result.flags.add("hedged")  # "is said to have", "was reported to"
    elif lemma in BELIEVE:
        result.flags.update(("hedged", "reported"))
        result.reporters.extend(_subjects(gov))
    if dep == "acl" and gov.pos_ == "NOUN" and gov.head.dep_ == "dobj" and (
            gov.head.head.lemma_.lower() in DENY):
        result.flags.add("denied")  # "rejected claims that ..."
        result.reporters.extend(_subjects(gov.head.head))
    if dep == "xcomp" or (dep == "pobj" and gov.lower_ == "for" and gov.head.lemma_ in APPEAL):
        _control(gov if dep == "xcomp" else gov.head, result, direct)
    if dep in ("ccomp", "xcomp") and lemma in WANT and any(
            c.dep_ in ("nsubj", "nsubjpass") for c in child.children):
        result.flags.add("called_for")  # "A wants B to attack C": A's wish, B's act
    if dep == "dobj" and lemma in APPEAL | {"call"} and lemma not in ("tell", "order"):
        result.flags.add("called_for")
    if dep == "acomp" and lemma in ("likely", "unlikely"):
        result.flags.add("hedged")


def _control(gov: Token, result: Modality, direct: bool = True) -> None:
    lemma = gov.lemma_.lower()
    if lemma in HEDGE_VERBS or lemma in ("likely", "unlikely"):
        result.flags.add("hedged")
    elif lemma in APPEAL:
        result.flags.add("called_for")
    elif lemma in INTEND:
        result.flags.add("future")
    elif lemma in FAIL:
        result.negated = result.negated or direct
    elif lemma in BELIEVE | REPORT and gov.tag_ == "VBN":
        result.flags.add("hedged")


def _local_governor(gov: Token, result: Modality) -> None:
    aux = set(_aux_words(gov))
    if aux & _HYPO_AUX:
        result.flags.add("hypothetical")
    if aux & _FUTURE_AUX and gov.lemma_ not in REPORT | DENY | BELIEVE:
        result.flags.add("future")
    if aux & _APPEAL_AUX and gov.lemma_ not in REPORT:
        result.flags.add("called_for")
    if aux & _HEDGE_AUX and gov.lemma_ not in REPORT:
        result.flags.add("hedged")
    _clause_marks(gov, result)


def _root_attribution(root: Token, result: Modality) -> None:
    """", officials said." attached to the event clause as a parataxis or ccomp child."""
    for child in root.children:
        if child.dep_ in ("parataxis", "ccomp", "advcl") and child.lemma_ in REPORT | BELIEVE:
            subjects = _subjects(child)
            if subjects and child.i > root.i:
                result.flags.add("reported")
                result.reporters.extend(subjects)
