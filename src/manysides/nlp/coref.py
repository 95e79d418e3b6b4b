"""Resolve actor items in reading order: codes by date, roles, short forms and anaphors.

Rules, kept deliberately simple (they are right in the common cases of news prose):

- a person's code is the role they held on the article's date (``Actor.code_on``);
- a title with an explicit owner ("Iranian president", "the UN secretary-general") is the
  holder on that date; with no date, the owner's code and no name;
- a bare title ("the president") is the person named earlier in the article who holds it, else
  the holder in the title's default country (the US for "president"), else for other titles the
  holder in the country named last (within three sentences); with no article date, only the
  earlier-named person counts — dates found in the text are never used;
- a capitalised word equal to the surname of a person named earlier is that person;
- he/she (him, his, her, ...) is the last person of a compatible gender within three sentences;
- "they" as a subject and "their" are the nearest earlier *subject* in this or the previous
  sentence (a reader keeps the topic: "Israel is reporting zero deaths. They are reporting
  damage ..."), skipping the subject of the pronoun's own clause for "their" ("Israel bombing
  their embassy") and other pronouns; if that subject is a plural noun that names no actor
  ("the strikes ... they"), or the pronoun is the subject of a trailing "..., they said" (whose
  sources were named long before), the pronoun stays unresolved;
- "the group"/"the country"/"the alliance" is the last group/country/IGO within five sentences;
  "the government"/"the military" borrow the last country named within three sentences;
- "its" is the topic: in "X and its Y", X; else the subject of its own clause ("Tehran has
  invested in its proxies"); inside that subject ("its own troops never struck"), the subject
  of the nearest earlier main clause; failing those, the last country, group or organisation.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from manysides.nlp.codes import compose
from manysides.nlp.gazetteer import Actor, Gazetteer, Role
from manysides.nlp.items import STATE_SECTORS, Item
from manysides.nlp.matching import norm

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["resolve"]

PERSON_WINDOW = 2  # sentences back, besides the current one
PLURAL_WINDOW = 1
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_RELATIVES = frozenset({"that", "which", "who", "whom"})
_SAYING = frozenset({"say", "tell", "add", "note", "claim", "insist", "argue", "explain"})
GROUP_WINDOW = 4
COUNTRY_WINDOW = 2
_OWNER_KINDS = frozenset({"country", "seat", "group", "igo", "org", "ngo"})
#: Sector nouns that, with "the" and no owner, mean the state named last ("the military").
INSTITUTIONS = frozenset(
    {
        "government",
        "regime",
        "administration",
        "authorities",
        "military",
        "army",
        "navy",
        "police",
        "cabinet",
        "leadership",
        "ministry",
    }
)


@dataclass(slots=True)
class _State:
    """What the reader has seen so far."""

    doc: Doc
    day: date | None
    gazetteer: Gazetteer
    sentence: list[int]
    persons: list[Item] = field(default_factory=list)
    groups: list[Item] = field(default_factory=list)
    igos: list[Item] = field(default_factory=list)
    countries: list[tuple[Item, str]] = field(default_factory=list)
    owners: list[Item] = field(default_factory=list)
    surnames: dict[str, Item] = field(default_factory=dict)
    by_token: dict[int, Item] = field(default_factory=dict)  # resolved items, by token

    def distance(self, earlier: Item, later: Item) -> int:
        """How many sentences apart two items are."""
        return self.sentence[later.start] - self.sentence[earlier.start]


def resolve(items: list[Item], doc: Doc, day: date | None, gazetteer: Gazetteer) -> None:
    """Fill ``code``, ``name`` and ``antecedent`` of each item; drop what resolves to nothing."""
    sentence = [0] * len(doc)
    for number, sent in enumerate(doc.sents):
        for i in range(sent.start, sent.end):
            sentence[i] = number
    state = _State(doc, day, gazetteer, sentence)
    for item in items:
        _resolve(item, state)
        if not item.dropped:
            _remember(item, state)


def _resolve(item: Item, state: _State) -> None:
    if item.surname and item.surname in state.surnames:
        _refer(item, state.surnames[item.surname])
    elif item.kind == "surname":
        item.dropped = True
    elif item.kind in _OWNER_KINDS or item.kind == "person":
        assert item.actor is not None
        item.code, item.name = item.actor.code_on(state.day), item.actor.name
        if item.prefix is not None:
            item.title = item.prefix.title
            if state.day is None:  # "Iranian President X", undated: the title says the role
                _resolve(item.prefix, state)
                item.code = item.prefix.code or item.code
    elif item.kind == "ner":
        item.name = item.text
        if item.prefix is not None:
            _resolve(item.prefix, state)
            item.code, item.title = item.prefix.code, item.prefix.title
    elif item.kind == "agent":
        _resolve_agent(item, state)
    elif item.kind == "title":
        _resolve_title(item, state)
    elif item.kind == "pronoun":
        _resolve_pronoun(item, state)
    else:
        _resolve_anaphor(item, state)


def _refer(item: Item, antecedent: Item) -> None:
    named = antecedent.named()
    item.antecedent = named
    item.code, item.name = named.code, named.name


def _owner(item: Item, state: _State) -> Item:
    """The resolved modifier of an agent or title (remembered, as the reader saw it)."""
    assert item.modifier is not None
    modifier = item.modifier
    _resolve(modifier, state)
    if not modifier.dropped:
        _remember(modifier, state)
    return modifier.named()


def _owner_code(owner: Item, sector: str, state: _State) -> str | None:
    """``IRN`` + ``GOV``; a seat keeps its own code for generic officials; a group its own."""
    if owner.code is None:
        return None
    if owner.kind in ("group", "igo", "org", "ngo"):
        return owner.code
    if owner.kind == "seat" and sector == "GOV":
        return owner.code
    country = state.gazetteer.split(owner.code)[0]
    return compose(country, sector) if country else owner.code


def _owner_name(owner: Item, code: str | None, state: _State) -> str | None:
    """A person's government is named after the country ("Scholz's cabinet" -> Germany)."""
    if owner.is_person and code:
        country = state.gazetteer.country(state.gazetteer.split(code)[0] or "")
        return country.name if country else owner.name
    return owner.name


def _resolve_agent(item: Item, state: _State) -> None:
    sector = item.sector or ""
    if item.modifier is not None:
        owner = _owner(item, state)
        item.code = _owner_code(owner, sector, state)
        item.name = _owner_name(owner, item.code, state)
        return
    head = norm(state.doc[item.end - 1].text)
    if item.definite and head in INSTITUTIONS and state.gazetteer.split(sector)[1] in STATE_SECTORS:
        recent = _last_country(item, state, COUNTRY_WINDOW)
        if recent is not None:
            country_item, country = recent
            item.antecedent = country_item.named()
            item.code, item.name = compose(country, sector), item.antecedent.name


def _resolve_title(item: Item, state: _State) -> None:
    assert item.title is not None
    sector = item.sector or "GOV"
    if item.modifier is not None:
        owner = _owner(item, state)
        country = state.gazetteer.split(owner.code)[0] if owner.code else None
        holder = _holder(item.title, country, state)
        if holder is not None:
            _hold(item, *holder)
        else:
            item.code, item.name = _owner_code(owner, sector, state), None
        return
    earlier = next((p for p in reversed(state.persons) if _holds(p, item.title, state)), None)
    if earlier is not None:
        _refer(item, earlier)
        return
    title = item.actor
    holder = None
    if title is not None and title.default_country:
        holder = _holder(item.title, title.default_country, state)
    elif state.day is not None:
        for country_item, country in reversed(state.countries):
            if state.distance(country_item, item) > COUNTRY_WINDOW:
                break
            holder = _holder(item.title, country, state)
            if holder is not None:
                break
    if holder is not None:
        _hold(item, *holder)


def _holder(title: str, country: str | None, state: _State) -> tuple[Actor, Role] | None:
    if country is None or state.day is None:
        return None
    found = state.gazetteer.holders(title, country, state.day)
    return found[0] if found else None


def _hold(item: Item, holder: Actor, role: Role) -> None:
    item.actor, item.code, item.name = holder, role.code, holder.name


def _holds(person: Item, title: str, state: _State) -> bool:
    """Whether an earlier person mention is the holder of ``title`` (named so, or by date)."""
    named = person.named()
    if person.title == title or named.title == title:
        return True
    actor = named.actor
    if actor is None or actor.kind != "person" or state.day is None:
        return False
    role = actor.role_on(state.day)
    return role is not None and role.title == title


def _resolve_pronoun(item: Item, state: _State) -> None:
    if item.want == "plural":
        _resolve_plural(item, state)
        return
    for person in reversed(state.persons):
        if state.distance(person, item) > PERSON_WINDOW:
            break
        if person.gender in (None, item.want):
            _refer(item, person)
            return
    item.dropped = True


def _resolve_plural(item: Item, state: _State) -> None:
    """"they" / "their": the nearest earlier subject, if it is a (non-person) actor; for
    "their" with none in its own sentence, first another party that sentence names."""
    doc = state.doc
    pronoun = doc[item.start]
    verb = _clause_verb(pronoun)
    if pronoun.dep_ in _SUBJECT_DEPS and _trailing_attribution(verb):
        item.dropped = True
        return
    own = set() if pronoun.dep_ in _SUBJECT_DEPS else {
        s.i for s in _clause_subjects(verb)}
    here = state.sentence[item.start]
    tokens = [doc[i] for i in range(item.start - 1, -1, -1)
              if state.sentence[i] >= here - PLURAL_WINDOW]
    split = next((n for n, t in enumerate(tokens) if state.sentence[t.i] < here), len(tokens))
    found, done = _subject_antecedent(tokens[:split], own, state)
    if not done and pronoun.dep_ == "poss":
        found = _other_party(item, own, state)
        done = found is not None
    if not done:
        found, done = _subject_antecedent(tokens[split:], own, state)
    if found is not None:
        _refer(item, found)
    else:
        item.dropped = True


def _subject_antecedent(tokens: list[Token], own: set[int], state: _State,
                        ) -> tuple[Item | None, bool]:
    """(antecedent, decided) from the subjects among ``tokens`` (nearest first): an actor
    subject decides; so does a plural subject naming no actor ("the strikes ... they")."""
    for tok in tokens:
        if tok.dep_ not in _SUBJECT_DEPS or tok.i in own:
            continue
        head = _relative_antecedent(tok)
        found = state.by_token.get(head.i)
        if found is not None and not found.named().is_person:
            return found, True
        if found is None and (head.tag_ in ("NNS", "NNPS") or head.lower_ == "they"):
            return None, True
    return None, False


def _other_party(item: Item, own: set[int], state: _State) -> Item | None:
    """"whether you see Iran's response as proportionate, Israel struck their embassy": with
    no actor as a subject in view, "their" is the nearest country or group named earlier in
    its sentence that is not its own clause's subject."""
    doc = state.doc
    i = item.start - 1
    while i >= 0 and state.sentence[i] == state.sentence[item.start]:
        tok = doc[i]
        i -= 1
        found = state.by_token.get(tok.i)
        if found is None or tok.i in own or found.want == "plural":
            continue
        named = found.named()
        if not named.is_person and named.kind in ("country", "seat", "group"):
            return found
    return None


def _clause_verb(tok: Token) -> Token:
    """The verb of the clause a token belongs to."""
    cur = tok
    for _ in range(8):
        if cur.pos_ in ("VERB", "AUX") or cur.head is cur:
            return cur
        cur = cur.head
    return cur


def _clause_subjects(verb: Token) -> list[Token]:
    """Subjects of ``verb``, or of the verb it is coordinated with or controlled by."""
    for _ in range(4):
        found = [c for c in verb.children if c.dep_ in _SUBJECT_DEPS]
        if found or verb.dep_ not in ("xcomp", "conj", "pcomp", "advcl") or verb.head is verb:
            return [_relative_antecedent(f) for f in found] + found
        verb = verb.head
    return []


def _trailing_attribution(verb: Token) -> bool:
    """"..., they said.": a saying verb after the words it reports."""
    if verb.lemma_.lower() not in _SAYING:
        return False
    return verb.dep_ == "parataxis" or any(
        c.dep_ in ("ccomp", "parataxis") and c.i < verb.i for c in verb.children)


def _relative_antecedent(subj: Token) -> Token:
    """"Israel, which ..." / "It was Israel that ...": the noun a relative subject stands for."""
    if subj.lower_ not in _RELATIVES:
        return subj
    clause = subj.head
    if clause.dep_ == "relcl":
        return clause.head
    if clause.dep_ == "ccomp":  # a cleft: "it was X that did Y"
        attr = next((c for c in clause.head.children if c.dep_ == "attr"), None)
        if attr is not None:
            return attr
    return subj


def _resolve_anaphor(item: Item, state: _State) -> None:
    if item.want == "country":
        recent = _last_country(item, state, GROUP_WINDOW)
        if recent is not None:
            country_item, country = recent
            item.antecedent = country_item.named()
            item.code = country
            country_actor = state.gazetteer.country(country)
            item.name = country_actor.name if country_actor else None
            return
    if item.want == "owner":
        topic = _topic(item, state)
        if topic is not None:
            _refer(item, topic)
            return
    pool = {"group": state.groups, "igo": state.igos, "owner": state.owners}.get(item.want, [])
    for candidate in reversed(pool):
        if state.distance(candidate, item) > GROUP_WINDOW:
            break
        _refer(item, candidate)
        return
    item.dropped = True


def _topic(item: Item, state: _State) -> Item | None:
    """What "its" most likely stands for: the subject of its own clause ("Tehran has invested
    in its proxies"), or, when "its" is inside that subject ("its own troops never struck"),
    the subject of the nearest earlier main clause in this or the previous sentence — the
    topic a reader keeps, not the last group named in passing; in "X and its Y", X. None when
    that subject is no actor (the caller then takes the last one named)."""
    doc = state.doc
    pronoun = doc[item.start]
    owned = pronoun.head
    if owned.dep_ == "conj":  # "Iran and its proxies", "Israel and its allies"
        found = state.by_token.get(owned.head.i)
        if found is not None and _owner_like(found):
            return found
    own = _clause_subjects(_clause_verb(pronoun))
    inside = {t.i for s in own for t in s.subtree}
    if pronoun.i not in inside:
        for subject in own:
            found = state.by_token.get(subject.i)
            if subject.i < pronoun.i and found is not None and _owner_like(found):
                return found
    first = state.sentence[item.start] - PLURAL_WINDOW
    i = item.start - 1
    while i >= 0 and state.sentence[i] >= first:
        tok = doc[i]
        i -= 1
        if tok.dep_ not in _SUBJECT_DEPS or tok.i in inside or tok.lower_ in _RELATIVES or (
                tok.head.dep_ in ("relcl", "acl")):
            continue
        found = state.by_token.get(tok.i)
        if found is not None and found.named().is_person:
            continue
        return found if found is not None and _owner_like(found) else None
    return None


def _owner_like(item: Item) -> bool:
    """A country, seat, group or organisation (or a state body of one): what "its" can mean."""
    named = item.named()
    return not named.is_person and named.code is not None and (
        named.kind in _OWNER_KINDS or named.kind in ("agent", "ner"))


def _last_country(item: Item, state: _State, window: int) -> tuple[Item, str] | None:
    if not state.countries:
        return None
    country_item, country = state.countries[-1]
    return (country_item, country) if state.distance(country_item, item) <= window else None


def _remember(item: Item, state: _State) -> None:
    """Record what an item makes available to later pronouns, anaphors and short forms."""
    named = item.named()
    for i in range(item.start, item.end):
        state.by_token[i] = item
    if item.want == "plural":
        return  # "they" keeps its antecedent in view; it does not name a new country
    if item.is_person:
        state.persons.append(item)
        _remember_surname(named, state)
        return
    if named.kind == "group":
        state.groups.append(item)
    if named.kind == "igo":
        state.igos.append(item)
    if named.kind in ("country", "seat") and named.code:
        country = state.gazetteer.split(named.code)[0]
        if country:
            state.countries.append((item, country))
    if named.kind in _OWNER_KINDS or (named.kind == "ner" and named.label == "ORG"):
        state.owners.append(item)


def _remember_surname(named: Item, state: _State) -> None:
    words = state.doc[named.start : named.end]
    if named.prefix is not None:
        words = state.doc[named.prefix.end : named.end]
    if len(words) > 1 and words[-1].text[:1].isupper():
        state.surnames.setdefault(norm(words[-1].text), named)
    if named.actor is not None and named.actor.kind == "person":
        parts = named.actor.name.split()
        if len(parts) > 1:
            state.surnames.setdefault(norm(parts[-1]), named)
