"""Numbers in news text, read as ranges and typed by what they count.

:func:`parse_amount` reads a number phrase ("seven", "a dozen", "more than 300", "tens of
thousands", "3 billion") into an :class:`Amount` — exact numbers have ``low == high == value``;
vague ones are ranges ("hundreds" → ``low=200``; "more than 300" → ``low=300`` exclusive);
approximations ("about 50") keep the value with no bounds. :func:`find_quantities` finds the
number phrases among some parsed tokens and types each by the noun it quantifies ("170 drones"
→ ``drones``) or the harm it reports ("killing four" → ``killed``; "90 ... dead" → ``dead``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from manysides.model import Quantity, Span

__all__ = ["Amount", "find_quantities", "locate_quantities", "parse_amount"]

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "a": 1, "an": 1, "single": 1,
}
_SCALES = {"dozen": 12, "hundred": 100, "thousand": 1_000, "million": 1_000_000,
           "billion": 1_000_000_000, "trillion": 1_000_000_000_000, "k": 1_000, "m": 1_000_000,
           "bn": 1_000_000_000}
#: Vague plurals: "hundreds" means at least two hundred.
_VAGUE = {"dozens": 24, "scores": 40, "hundreds": 200, "thousands": 2_000,
          "millions": 2_000_000, "billions": 2_000_000_000, "tens": 20}
_LOW_EXCL = ("more than", "over", "above", "in excess of", "upwards of", "greater than")
_LOW_INCL = ("at least", "no fewer than", "no less than", "a minimum of", "as many as")
_HIGH_INCL = ("at most", "up to", "no more than", "a maximum of")
_HIGH_EXCL = ("fewer than", "less than", "under", "below", "nearly", "almost", "just under")
_APPROX = ("about", "around", "roughly", "approximately", "some", "an estimated", "estimated",
           "close to", "nearly about", "circa", "some of")
_SKIP = ("nearly all", "almost all", "all", "most", "several", "a few", "few", "many",
         "countless", "numerous", "half")
_NUMBER = re.compile(r"^\$?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$")
_CURRENCY = {"$": "dollars", "dollar": "dollars", "dollars": "dollars", "usd": "dollars",
             "€": "euros", "euro": "euros", "euros": "euros", "£": "pounds", "pounds": "pounds"}


@dataclass(frozen=True, slots=True)
class Amount:
    value: float | None
    low: float | None
    high: float | None
    low_inclusive: bool = True
    high_inclusive: bool = True


def parse_amount(text: str) -> Amount | None:
    """Read a number phrase; None when it is not a number or too vague ("nearly all")."""
    phrase = " ".join(text.lower().replace("-", " ").replace("–", " ").split())
    phrase = re.sub(r"^\$\s*", "$", phrase).rstrip(".")
    if not phrase or phrase in _SKIP or phrase.startswith(("nearly all", "almost all")):
        return None
    if phrase in ("no one", "nobody", "none", "zero", "no"):
        return Amount(0.0, 0.0, 0.0)
    ranged = re.match(r"^(?:between )?(.+?) (?:and|to) (.+)$", phrase)
    if ranged and _number(ranged.group(1)) is not None and _number(ranged.group(2)) is not None:
        low, high = _number(ranged.group(1)), _number(ranged.group(2))
        return Amount(None, low, high)
    for prefixes, kind in ((_LOW_EXCL, "low_excl"), (_LOW_INCL, "low"), (_HIGH_INCL, "high"),
                           (_HIGH_EXCL, "high_excl"), (_APPROX, "approx")):
        for prefix in prefixes:
            if phrase.startswith(prefix + " "):
                return _bounded(phrase[len(prefix) + 1:], kind)
    return _bounded(phrase, "exact")


def _bounded(rest: str, kind: str) -> Amount | None:
    vague = _vague(rest)
    if vague is not None:
        return Amount(None, vague, None, kind != "low_excl") if kind != "high_excl" else None
    n = _number(rest)
    if n is None:
        return None
    if kind == "low_excl":
        return Amount(None, n, None, low_inclusive=False)
    if kind == "low":
        return Amount(None, n, None)
    if kind == "high":
        return Amount(None, None, n)
    if kind == "high_excl":
        return Amount(None, None, n, high_inclusive=False)
    if kind == "approx":
        return Amount(n, None, None)
    return Amount(n, n, n)


def _vague(phrase: str) -> float | None:
    """"hundreds" → 200; "tens of thousands" → 20,000; "hundreds of millions" → 2e8."""
    words = [w for w in phrase.split() if w != "of"]
    if not words or words[0] not in _VAGUE:
        return None
    low = float(_VAGUE[words[0]])
    for word in words[1:]:
        scale = _SCALES.get(word[:-1] if word.endswith("s") else word)
        if scale is None:
            return None
        low *= scale
    return low


def _number(phrase: str) -> float | None:
    """Digits or number words to a float: "1,200", "3.5 million", "twenty two", "a dozen"."""
    words = phrase.replace("$", "").split()
    if not words:
        return None
    total, current, seen = 0.0, 0.0, False
    for word in words:
        m = _NUMBER.match(word)
        if m:
            current += float(m.group(1).replace(",", "") + ("." + m.group(2) if m.group(2) else ""))
        elif word in _UNITS and not (word in ("a", "an") and len(words) == 1):
            current += _UNITS[word] if word not in ("a", "an") or current == 0 else 0
        elif word in _SCALES:
            scale = _SCALES[word]
            current = (current or 1) * scale
            if scale >= 1000:
                total, current = total + current, 0.0
        elif word in ("and", "of") or word in _CURRENCY:
            continue
        else:
            return None
        seen = True
    return total + current if seen else None


# --- finding and typing quantities in a parse -------------------------------------------------

_KILL = frozenset({"kill", "murder", "assassinate", "massacre", "slaughter", "execute", "slay",
                   "behead", "shoot"})
_KILL_NOUNS = frozenset({"killing", "killings", "assassination", "assassinations", "murder",
                         "murders", "massacre", "execution", "executions", "slaughter"})
_INJURE = frozenset({"injure", "wound", "hurt", "maim"})
_KIDNAP = frozenset({"kidnap", "abduct"})
_DEAD_WORDS = frozenset({"dead", "deaths", "death", "fatalities", "die", "died", "toll"})
_INJURED_WORDS = frozenset({"injured", "wounded", "injuries", "injury", "hurt"})
_TIME_UNITS = frozenset({"second", "minute", "hour", "day", "week", "month", "year", "decade",
                         "century", "time", "percent", "%", "o'clock", "am", "pm", "a.m.",
                         "p.m.", "mile", "kilometer", "km", "meter", "foot", "per"})
_NO_QUANTITY_ENTS = frozenset({"DATE", "TIME", "PERCENT", "ORDINAL"})
_MODIFIERS = frozenset(_LOW_EXCL + _LOW_INCL + _HIGH_INCL + _HIGH_EXCL + _APPROX)


def find_quantities(tokens: Iterable[Token]) -> list[Quantity]:
    """Quantities among ``tokens`` (a clause or sentence of a spaCy Doc), typed by what they count.

    Character offsets are the Doc's: pass tokens of a Doc parsed from ``Article.text``.
    """
    wanted = sorted(tokens, key=lambda t: t.i)
    allowed = {t.i for t in wanted}
    return [q for start, end, q in locate_quantities(wanted)
            if all(i in allowed for i in range(start, end))]


def locate_quantities(tokens: Iterable[Token]) -> list[tuple[int, int, Quantity]]:
    """Like :func:`find_quantities`, with each quantity's token range ``[start, end)``."""
    out: list[tuple[int, int, Quantity]] = []
    done: set[int] = set()
    for tok in tokens:
        if tok.i in done or not _is_number_word(tok) or _in_date(tok):
            continue
        start, end = _number_run(tok)
        done.update(range(start, end))
        quantity = _quantity(tok.doc, start, end)
        if quantity:
            out.append((start, end, quantity))
    return out


def _in_date(tok: Token) -> bool:
    """Numbers inside dates, times, percentages and ordinals are no counts ("April 1", "1992")."""
    if tok.ent_type_ != "DATE":
        return tok.ent_type_ in _NO_QUANTITY_ENTS
    if re.fullmatch(r"1\d{3}|20\d{2}", tok.text):
        return True
    ent = next(e for e in tok.doc.ents if e.start <= tok.i < e.end)
    return any(t.is_alpha and not _is_number_word(t) and t.lower_ not in ("between", "and", "to")
               and t.lower_ not in _MODIFIERS for t in ent)


def _is_number_word(tok: Token) -> bool:
    low = tok.lower_
    return (bool(_NUMBER.match(low)) or (low in _UNITS and low not in ("a", "an"))
            or (low in _VAGUE and tok.pos_ in ("NOUN", "NUM"))
            or (low in _SCALES and (tok.pos_ == "NUM" or low == "dozen")))


def _number_run(tok: Token) -> tuple[int, int]:
    """Token range [start, end) of the number phrase around ``tok``, modifiers included."""
    doc = tok.doc
    start = end = tok.i
    while end + 1 < len(doc) and (_is_number_word(doc[end + 1]) or doc[end + 1].lower_ in (
            "hundred", "thousand", "million", "billion", "-") or (
            doc[end + 1].lower_ in ("of", "and", "to") and end + 2 < len(doc)
            and _is_number_word(doc[end + 2]))):
        end += 1
    while doc[end].lower_ in ("-", "of", "and", "to"):
        end -= 1
    if start > 0 and doc[start - 1].lower_ in ("a", "an") and doc[start].lower_ in _SCALES:
        start -= 1
    if start > 0 and doc[start - 1].text == "$":
        start -= 1
    if start > 0 and doc[start - 1].lower_ == "no" and doc[start].lower_ == "one":
        start -= 1  # "no one" counts zero
    for width in (4, 3, 2, 1):
        if start - width >= 0 and doc[start - width:start].text.lower() in _MODIFIERS:
            start -= width
            break
    return start, _alternative_end(doc, end) + 1


def _alternative_end(doc: Doc, end: int) -> int:
    """"dozens, if not hundreds, of soldiers": the run takes in its upper alternative."""
    if end + 4 < len(doc) and [t.lower_ for t in doc[end + 1:end + 4]] == [",", "if", "not"] and (
            _is_number_word(doc[end + 4])):
        return end + 4
    return end


def _quantity(doc: object, start: int, end: int) -> Quantity | None:
    span = doc[start:end]  # type: ignore[index]
    last = span[-1]
    words = [t.lower_ for t in span]
    counted = span.root
    if "if" in words and "not" in words:  # "dozens, if not hundreds": at least the first
        first = parse_amount(span[:words.index(",")].text)
        amount = Amount(None, first.low if first.value is None else first.value, None) if (
            first is not None) else None
        counted = next((t for t in reversed(span) if any(
            c.dep_ == "prep" and c.lower_ == "of" for c in t.children)), last)
    else:
        amount = parse_amount(span.text)
    if amount is None or (last.i + 1 < len(last.doc) and last.nbor().lower_ == "-"):
        return None
    counts = _counts(counted, span)
    if counts is None:
        return None
    return Quantity(span=Span(span.start_char, span.end_char), counts=counts,
                    value=amount.value, low=amount.low, high=amount.high,
                    low_inclusive=amount.low_inclusive, high_inclusive=amount.high_inclusive,
                    text=span.text)


def _counts(last: Token, span: object) -> str | None:
    if any(t.text == "$" or t.lower_ in _CURRENCY for t in span):  # type: ignore[attr-defined]
        return "dollars"
    noun = _counted_noun(last)
    if noun is not None and noun.lemma_.lower() in _TIME_UNITS:
        return None
    harm = _harm(noun if noun is not None else last)
    if harm:
        return harm
    if noun is None or noun.pos_ == "PRON":
        return None
    if noun.lower_ in _CURRENCY:
        return _CURRENCY[noun.lower_]
    return _noun_phrase(noun, last)



def _counted_noun(last: Token) -> Token | None:
    """The noun a number quantifies: "170 [drones]", "hundreds of [missiles]"."""
    tok = last
    while tok.dep_ in ("nummod", "quantmod", "compound", "npadvmod") and tok.head is not tok:
        tok = tok.head
        if tok.pos_ in ("NOUN", "PROPN", "ADJ") and not _is_number_word(tok):
            return tok
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
    return None


def _harm(tok: Token) -> str | None:
    """"killed", "injured", "dead" or "casualties" when ``tok`` counts harmed people."""
    low = tok.lower_
    if low in _DEAD_WORDS:
        return "dead"
    if low in _INJURED_WORDS:
        return "injured"
    if low == "casualties":
        return "casualties"
    if any(c.dep_ == "amod" and c.lower_ == "dead" for c in tok.children):
        return "dead"
    while tok.dep_ == "conj" and tok.head is not tok:
        tok = tok.head
    head = tok.head
    lemma = head.lemma_.lower()
    if tok.dep_ in ("dobj", "nsubjpass") and head.pos_ in ("VERB", "AUX") and (
            _harm_verb(lemma)):
        return _harm_verb(lemma)
    if tok.dep_ in ("nsubj", "nsubjpass"):
        if lemma == "die":
            return "dead"
        for child in head.children:
            if child.dep_ in ("acomp", "oprd", "attr") and child.lower_ in _DEAD_WORDS:
                return "dead"
            if child.dep_ in ("acomp", "oprd", "attr") and child.lower_ in _INJURED_WORDS:
                return "injured"
    for child in tok.children:  # "civilians killed in the strike", "soldiers kidnapped"
        if child.dep_ == "acl" and child.tag_ == "VBN":
            found = _harm_verb(child.lemma_.lower())
            if found:
                return found
    if tok.dep_ == "pobj" and head.head is not head:
        owner = head.head.lower_
        if owner in _KILL_NOUNS:
            return "killed"
        if owner in _DEAD_WORDS:
            return "dead"
        if owner in _INJURED_WORDS:
            return "injured"
    return None


def _harm_verb(lemma: str) -> str | None:
    """What a verb of harm does to the people it counts ("killed", "injured", "kidnapped")."""
    if lemma in _KILL:
        return "killed"
    if lemma in _INJURE:
        return "injured"
    if lemma in _KIDNAP:
        return "kidnapped"
    return None


def _noun_phrase(noun: Token, last: Token) -> str:
    """"ballistic missiles" for "120 ballistic missiles"; conjuncts without a number of
    their own join in: "300 drones and missiles" → "drones and missiles"."""
    doc = noun.doc
    start = noun.i
    while start > 0 and doc[start - 1].dep_ in ("compound", "amod") and doc[start - 1].head.i in (
            noun.i, start) and doc[start - 1].i > last.i:
        start -= 1
    words = doc[start:noun.i + 1].text
    for conj in noun.children:
        if conj.dep_ == "conj" and conj.pos_ in ("NOUN", "PROPN") and not any(
                c.dep_ == "nummod" for c in conj.children):
            words += f" and {conj.text}"
    return words
