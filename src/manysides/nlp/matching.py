"""Find gazetteer names in a parsed text: a token-sequence index, longest match first.

Names are stored lower-cased; a text matches them ignoring case and accents, and then
:func:`acceptable` applies what case does tell us: proper names need capitalised words (and a
one-word name needs the tagger or the entity recogniser to agree it is a name), while sector
nouns and titles ("officials", "the president") match in any case if they are nouns.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from manysides.nlp.gazetteer import Entry, Gazetteer

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["Match", "NameIndex", "acceptable", "norm"]

#: Words that stay lower case inside proper names ("Izz ad-Din al-Qassam", "Quai d'Orsay").
FUNCTION_WORDS = frozenset(
    {
        "a",
        "al",
        "an",
        "and",
        "ad",
        "ar",
        "as",
        "at",
        "bin",
        "bint",
        "d'",
        "de",
        "del",
        "der",
        "des",
        "di",
        "du",
        "e",
        "el",
        "for",
        "ibn",
        "in",
        "la",
        "le",
        "of",
        "on",
        "the",
        "van",
        "von",
        "wa",
        "y",
        "'s",
        "-",
        "'",
        ".",
    }
)
NOUN_TAGS = frozenset({"NN", "NNS", "NNP", "NNPS"})
NAME_TAGS = frozenset({"NNP", "NNPS"})
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC", "ORG", "NORP"})
COMMON_KINDS = frozenset({"agent", "title"})


@lru_cache(maxsize=8192)
def norm(text: str) -> str:
    """Match key of a token or name: lower case, accents and curly apostrophes removed.
    (Cached for the frequent words; at 65,536 entries the cache held ~20 MB by the end of a
    1,000-article run, every word ever read.)"""
    text = text.lower().replace("\u2019", "'")
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@dataclass(slots=True)
class Match:
    """A gazetteer name found at tokens ``[start, end)``; ``char_end`` trims the last token."""

    start: int
    end: int
    entry: Entry
    char_end: int | None = None


class NameIndex:
    """Every surface form of a gazetteer, looked up by the text of consecutive tokens.

    No pattern is tokenised: a run of tokens is joined with its own spacing ("al" "-" "Assad"
    -> ``al-assad``) and looked up as a string, so names match however the tokenizer splits
    them. Candidates are found by the first run of letters or digits, which a token and a name
    starting at it share.
    """

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self.entries: dict[str, Entry] = {}
        self.longest: dict[str, int] = {}
        for surface, entry in gazetteer.surfaces():
            key = norm(surface)
            lead = _lead(key)
            if lead and key not in self.entries:
                self.entries[key] = entry
                self.longest[lead] = max(self.longest.get(lead, 0), len(key))

    def find(self, doc: Doc, ents: dict[int, Span]) -> list[Match]:
        """The longest acceptable match at each token, then the longest of overlapping ones."""
        found = []
        for i in range(len(doc)):
            match = self._at(doc, i, ents) or self._hyphenated(doc, i, ents)
            if match is not None:
                found.append(match)
        return _non_overlapping(found)

    def _at(self, doc: Doc, i: int, ents: dict[int, Span]) -> Match | None:
        limit = self.longest.get(_lead(norm(doc[i].text)), 0)
        if not limit:
            return None
        best = None
        text = ""
        for j in range(i, len(doc)):
            token = doc[j]
            if token.is_space:
                break
            text += norm(token.text)
            if len(text) > limit:
                break
            entry = self.entries.get(text)
            if entry is not None and acceptable(doc[i : j + 1], entry, ents):
                best = Match(i, j + 1, entry)
            if token.whitespace_:
                text += " "
        return best

    def _hyphenated(self, doc: Doc, i: int, ents: dict[int, Span]) -> Match | None:
        """``U.S.-led``: one token whose part before the hyphen is a name."""
        text = doc[i].text
        head, dash, _ = text.partition("-")
        if not dash or not head or not head[0].isupper():
            return None
        entry = self.entries.get(norm(head))
        if entry is None or entry.actor.kind in COMMON_KINDS:
            return None
        return Match(i, i + 1, entry, char_end=doc[i].idx + len(head))


def _lead(text: str) -> str:
    """The leading run of letters and digits (what a name and its first token share)."""
    for position, char in enumerate(text):
        if not char.isalnum():
            return text[:position]
    return text


def _non_overlapping(matches: Iterable[Match]) -> list[Match]:
    chosen: list[Match] = []
    taken: set[int] = set()
    for match in sorted(matches, key=lambda m: (m.start - m.end, m.start)):
        span = set(range(match.start, match.end))
        if not span & taken:
            chosen.append(match)
            taken |= span
    return sorted(chosen, key=lambda m: m.start)


def acceptable(span: Span, entry: Entry, ents: dict[int, Span]) -> bool:
    """Whether the words at ``span`` can be the name ``entry`` (see the module docstring)."""
    kind = entry.actor.kind
    if kind in COMMON_KINDS:
        return span[-1].tag_ in NOUN_TAGS
    if not all(_capitalised(t) for t in span):
        return False
    if entry.form == "demonym" or len(span) > 1:
        return True
    token = span[0]
    ent = ents.get(token.i)
    if entry.form == "place":
        return ent is not None and ent.label_ in PLACE_LABELS
    return token.tag_ in NAME_TAGS or (ent is not None and ent.label_ in NAME_LABELS)


def _capitalised(token: Token) -> bool:
    text = token.text
    if norm(text) in FUNCTION_WORDS or not text[:1].isalpha():
        return True
    return text[0].isupper()
