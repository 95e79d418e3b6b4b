"""The verb lexicon: which words name an event, and which CAMEO code / PLOVER category it has.

The lexicon (``data/verbs.json``, rebuilt by ``scripts/build_verb_lexicon.py`` from the CAMEO
verb patterns, MIT, Open Event Data Alliance) maps a verb lemma to patterns in CAMEO syntax::

    "launch": [["* &weapon", "194", "ASSAULT"], ["* {air strike}", "195", "ASSAULT"], ...]
    "receive": [["* (for talks)", "043", "CONSULT", "042"], ...]

Words before ``*`` must occur on the subject side of the verb, words after it on the object
side, in order; ``&name`` matches any member of a synonym set; a fourth element is the code
of what the target does to the source in the same event (CAMEO's joint codes). Of all patterns
that match, the one with most words wins (ties: the first listed); ``*`` alone is the verb's
default. A winning
pattern with a ``null`` code means "this use of the verb is not an event" ("kill ... in an
accident"). Event nouns ("strike", "talks") and outcome adjectives ("dead") have one code each.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from spacy.tokens import Token

__all__ = ["Code", "Lexicon", "lexicon", "match_adjective", "match_noun", "match_verb",
           "noun_trigger", "verb_lemmas"]

#: Dependencies whose subtrees are other clauses: a pattern's words are not looked for there.
_CLAUSES = frozenset({"ccomp", "advcl", "relcl", "conj", "parataxis", "csubj", "acl"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
#: Light and very general verbs: CAMEO gives them a default code, but alone they say too
#: little ("took", "led", "gave", "faced"); only a specific pattern ("take * hostage",
#: "give * asylum") makes them events.
LIGHT_VERBS = frozenset({
    "take", "go", "come", "leave", "face", "lead", "give", "make", "get", "put", "set", "keep",
    "bring", "run", "hold", "turn", "open", "raise", "serve", "head", "use", "end", "address",
    "think", "enable", "ensure", "expand", "apply", "conduct", "prevent", "see", "find",
    "show", "move", "draw", "carry", "pass", "look", "work", "play", "stand", "do", "have",
    "escalate", "reinforce", "demonstrate", "exaggerate", "receive", "join", "seek", "beat",
    "deal", "handle", "treat", "return", "remain", "stay", "follow", "reach", "cross",
})


#: Words that name a companion, not what the verb does, once the verb has an object:
#: "fought alongside X" is cooperation, "fought Iran alongside X" a fight with Iran.
COMPANION_WORDS = frozenset({"alongside"})

#: Verbs that, with an object complement ("call X Y"), name rather than act.
NAMING_VERBS = frozenset({"call", "dub", "label", "brand", "term", "name", "deem"})
#: Verbs that, with a small clause ("considered Israel a foe", "deems it illegal"), say how
#: someone regards something.
REGARDING_VERBS = NAMING_VERBS | frozenset({"consider", "regard", "think", "find", "judge"})


@dataclass(frozen=True, slots=True)
class Code:
    """A lexicon decision: CAMEO code, PLOVER category, and how many pattern words matched."""

    cameo: str | None
    plover: str | None
    score: int = 0
    reverse: str | None = None  # what the target does to the source (CAMEO joint codes)


@dataclass(frozen=True, slots=True)
class _Pattern:
    pre: tuple[str, ...]
    post: tuple[str, ...]
    code: Code
    literals: frozenset[str] = frozenset()  # plain words that must all occur


@dataclass(slots=True)
class Lexicon:
    verbs: dict[str, list[_Pattern]]
    nouns: dict[str, Code]
    adjectives: dict[str, Code]
    synsets: dict[str, frozenset[str]]
    forms: dict[str, str]
    plover: dict[str, str]


@cache
def lexicon() -> Lexicon:
    """The packaged lexicon, parsed once per process."""
    raw = json.loads(resources.files("manysides.data").joinpath("verbs.json").read_text("utf-8"))
    return _parse(raw)


def _parse(raw: dict[str, Any]) -> Lexicon:
    verbs = {
        lemma: [_compile(*entry) for entry in entries]
        for lemma, entries in raw["verbs"].items()
    }
    return Lexicon(
        verbs=verbs,
        nouns={k: Code(v[0], v[1]) for k, v in raw["nouns"].items()},
        adjectives={k: Code(v[0], v[1]) for k, v in raw["adjectives"].items()},
        synsets={k: frozenset(v) for k, v in raw["synsets"].items()},
        forms=raw["forms"],
        plover=raw["plover"],
    )


def _compile(pattern: str, cameo: str | None, plover: str | None, reverse: str | None = None,
             ) -> _Pattern:
    pre, _, post = pattern.partition("*")
    words = [_words(pre), _words(post)]
    code = Code(cameo, plover, len(words[0]) + len(words[1]), reverse)
    literals = frozenset(w for w in words[0] + words[1] if not w.startswith("&"))
    return _Pattern(tuple(words[0]), tuple(words[1]), code, literals)


def _words(text: str) -> list[str]:
    return [w for w in text.replace("(", " ").replace(")", " ").replace("{", " ")
            .replace("}", " ").split() if w]


def match_verb(token: Token) -> Code | None:
    """The best lexicon code for a verb token in its parse, or None if it is no event verb."""
    lex = lexicon()
    lemma = token.lemma_.lower()
    if lemma not in lex.verbs:
        lemma = next((c for c in _base_forms(token.lower_, lex) if c in lex.verbs), lemma)
    patterns = lex.verbs.get(lemma, [])
    if not patterns or _names_something(token, lemma):
        return None
    pre = _strings(_pre_words(token))
    post = _strings(_post_words(token))
    vocab = {w for pair in pre + post for w in pair}
    best: _Pattern | None = None
    light = lemma in LIGHT_VERBS
    has_object = any(c.dep_ == "dobj" for c in token.children)
    for pattern in patterns:
        if light and pattern.code.score == 0:
            continue
        if has_object and pattern.literals & COMPANION_WORDS:
            continue
        if best is not None and pattern.code.score <= best.code.score:
            continue
        if pattern.literals - vocab:
            continue
        if _all_in(pattern.pre, pre, lex) and _in_order(pattern.post, post, lex):
            best = pattern
    return best.code if best else None


def _names_something(verb: Token, lemma: str) -> bool:
    """"called the government 'the most extreme'", "branded them terrorists": a naming verb
    with an object complement says what someone is called, it is no call or act."""
    if lemma in NAMING_VERBS and any(c.dep_ == "oprd" for c in verb.children):
        return True
    return lemma in REGARDING_VERBS and any(  # "considered Israel a foe": a small clause
        c.dep_ in ("ccomp", "oprd", "xcomp") and c.pos_ in ("NOUN", "ADJ", "PROPN") and any(
            g.dep_ == "nsubj" for g in c.children) for c in verb.children)


def verb_lemmas(token: Token) -> set[str]:
    """The lemma and guesses at the base form ("staged" → "stage" where the lemmatiser said
    "stag")."""
    return {token.lemma_.lower(), *filter(None, _base_forms(token.lower_, lexicon()))}


def _base_forms(word: str, lex: Lexicon) -> list[str]:
    """Guesses at the base form when the tagger left a verb unlemmatised ("helped")."""
    out = [lex.forms.get(word, "")]
    for suffix, repl in (("ied", "y"), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e"),
                         ("ies", "y"), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            out.append(word[: -len(suffix)] + repl)
    return out


def match_noun(token: Token) -> Code | None:
    """The code of an event noun ("strike", "air strike", "talks"), or None."""
    found = noun_trigger(token)
    return found[0] if found else None


def noun_trigger(token: Token) -> tuple[Code, Token] | None:
    """(code, first token) of the event noun headed by ``token``: "air strike" starts at "air"."""
    nouns = lexicon().nouns
    for child in token.children:
        if child.dep_ == "compound" and child.i == token.i - 1:
            code = nouns.get(f"{child.lower_} {token.lower_}") or nouns.get(
                f"{child.lower_} {token.lemma_.lower()}")
            if code:
                return code, child
    code = nouns.get(token.lower_) or nouns.get(token.lemma_.lower())
    return (code, token) if code else None


def match_adjective(token: Token) -> Code | None:
    return lexicon().adjectives.get(token.lower_)


def _pre_words(verb: Token) -> list[Token]:
    words: list[Token] = []
    for child in verb.children:
        if child.dep_ in _SUBJECTS or (child.dep_ == "agent"):
            words.extend(child.subtree)
    return words


def _post_words(verb: Token) -> list[Token]:
    """Tokens after the verb in its own clause, in order (nested clauses left out)."""
    out: list[Token] = []
    stack = [c for c in verb.rights if c.dep_ not in _CLAUSES]
    stack.extend(c for c in verb.lefts if c.dep_ in ("dobj", "prt") and c.i > verb.i)
    seen: set[int] = set()
    while stack:
        tok = stack.pop()
        if tok.i in seen:
            continue
        seen.add(tok.i)
        if not (tok.pos_ == "ADP" and tok.dep_ == "advmod"):  # "at least": no phrase "(at)"
            out.append(tok)
        stack.extend(c for c in tok.children if c.dep_ not in ("relcl", "ccomp", "advcl"))
    return sorted(out, key=lambda t: t.i)


def _strings(tokens: list[Token]) -> list[tuple[str, str]]:
    return [(t.lower_, t.lemma_.lower()) for t in tokens]


def _word_match(word: str, words: list[tuple[str, str]], i: int, lex: Lexicon) -> bool:
    lower, lemma = words[i]
    if word.startswith("&"):
        members = lex.synsets.get(word[1:], frozenset())
        if lower in members or lemma in members:
            return True
        if i > 0:
            prev = words[i - 1][0]
            return f"{prev} {lower}" in members or f"{prev} {lemma}" in members
        return False
    return lower == word or lemma == word


def _all_in(words: tuple[str, ...], tokens: list[tuple[str, str]], lex: Lexicon) -> bool:
    return all(any(_word_match(w, tokens, i, lex) for i in range(len(tokens))) for w in words)


def _in_order(words: tuple[str, ...], tokens: list[tuple[str, str]], lex: Lexicon) -> bool:
    i = 0
    for word in words:
        while i < len(tokens) and not _word_match(word, tokens, i, lex):
            i += 1
        if i == len(tokens):
            return False
        i += 1
    return True
