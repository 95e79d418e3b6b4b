"""The working unit of actor linking: one stretch of tokens and what it may refer to.

:mod:`manysides.nlp.actors` finds items (gazetteer names, entities, sector nouns, titles,
pronouns), composes them ("Iranian" + "officials"), and :mod:`manysides.nlp.coref` resolves
them in reading order; each surviving item becomes one :class:`~manysides.model.Mention`.
"""

from __future__ import annotations

from dataclasses import dataclass

from manysides.nlp.gazetteer import Actor

__all__ = ["NAMED_KINDS", "STATE_SECTORS", "Item"]

#: Kinds that name an actor outright (as opposed to agents, titles and anaphors).
NAMED_KINDS = frozenset({"country", "seat", "igo", "group", "org", "ngo", "person"})
#: Sectors a bare "the government" / "the military" borrows a country for.
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "SPY"})


@dataclass(slots=True, eq=False)
class Item:
    """Tokens ``[start, end)`` = characters ``[char_start, char_end)`` and their reading.

    ``kind`` is a gazetteer kind, or ``ner`` (an entity the gazetteer does not know),
    ``pronoun``, ``anaphor`` ("the group", "its") or ``surname`` (a capitalised word that may be
    the short form of a person named earlier).
    """

    start: int
    end: int
    char_start: int
    char_end: int
    kind: str
    actor: Actor | None = None
    form: str = "name"  # name | demonym | place (gazetteer forms), or the kind for others
    label: str = ""  # entity label from the recogniser, when one covers the item
    text: str = ""  # the words, for entities the gazetteer does not know
    sector: str | None = None  # agent/title sector code ("GOV", "GOVMIL")
    title: str | None = None  # title word the item carries ("president")
    modifier: Item | None = None  # whose agent/title this is ("Iranian" in "Iranian officials")
    prefix: Item | None = None  # title/agent before a person ("Foreign Minister" + name)
    want: str = ""  # for anaphors: person | group | country | igo | owner
    definite: bool = False  # preceded by "the"
    surname: str = ""  # match key if this one word could be a surname seen before
    absorbed: bool = False  # merged into a larger item (as its modifier or prefix)
    # filled by resolution:
    code: str | None = None
    name: str | None = None
    antecedent: Item | None = None
    dropped: bool = False

    @property
    def is_person(self) -> bool:
        """A person: from the gazetteer, the recogniser, or a resolved role or short form."""
        if self.kind == "person" or (self.kind == "ner" and self.label == "PERSON"):
            return True
        if self.kind == "title" and self.actor is not None and self.actor.kind == "person":
            return True
        return self.antecedent is not None and self.antecedent.is_person

    @property
    def gender(self) -> str | None:
        """The gender the gazetteer records for the person this item names, if any."""
        named = self.antecedent or self
        return named.actor.gender if named.actor is not None else None

    def named(self) -> Item:
        """The item that names the actor (the antecedent of a pronoun, or the item itself)."""
        return self.antecedent.named() if self.antecedent is not None else self
