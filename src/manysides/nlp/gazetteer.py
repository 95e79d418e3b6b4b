"""The actor gazetteer: names of countries, seats of power, organisations, armed groups, people,
titles and sector words, each with a CAMEO-style code (``IRN``, ``ISRGOV``, ``PSEREBHMS``).

The packaged gazetteer (``manysides/data/actors.json.gz``) is built by
``scripts/build_gazetteer.py`` from the Phoenix/CAMEO dictionaries (MIT, Open Event Data
Alliance; see ``actors.NOTICE``), ``pycountry`` and the project's own supplement. Load it with
:func:`load_gazetteer`, optionally with your own entries on top.

Your own entries (TOML)
-----------------------
Pass a TOML file to ``load_gazetteer(extra=path)``. It is a list of ``[[actor]]`` tables; your
entries win over packaged ones that use the same name, and a person or country you list is
merged into the packaged one it shares a name (person) or code (country) with::

    [[actor]]
    kind = "group"                 # country seat igo group org ngo person title agent
    name = "Lions' Den"            # display name
    code = "PSEREB"                # CAMEO-style code: country + sector (+ named-group chunk)
    names = ["Lions' Den", "Areen al-Usud"]   # how texts write it (matched ignoring case, but
                                              # capitalised words are required for proper names)

    [[actor]]
    kind = "person"
    name = "Jane Doe"
    names = ["Jane Doe", "Doe"]    # a bare surname here matches anywhere; otherwise a surname
                                   # is recognised only after the full name in the same article
    code = "GBRELI"                # her code when no role covers the article's date
    gender = "f"                   # "f" | "m": lets she/he find her
    roles = [
      { code = "GBRGOV", title = "foreign minister", from = 2030-01-01, to = 2031-06-30 },
    ]                              # ``to`` is the first day out of office; omit for "still"

    [[actor]]
    kind = "country"               # adds to the packaged country with this code
    code = "GBR"
    names = ["Blighty"]
    demonyms = ["Brit", "Brits"]

    [[actor]]
    kind = "agent"                 # a common noun naming a sector; composes with a country
    code = "MIL"                   # ("Ruritanian commandos" -> RURMIL)
    names = ["commando", "commandos"]

    [[actor]]
    kind = "title"                 # a role noun ("the chancellor") resolved by date and country
    name = "chancellor"
    code = "GOV"
    names = ["chancellor"]
    default_country = "DEU"        # optional: whose chancellor a bare "the chancellor" is

Codes follow CAMEO: ISO 3166 alpha-3 country + sector chunks (see :mod:`manysides.nlp.codes`).
"""

from __future__ import annotations

import gzip
import json
import re
import tomllib
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from manysides.errors import ConfigError
from manysides.nlp.codes import split_code

__all__ = [
    "FORMAT",
    "KINDS",
    "Actor",
    "Entry",
    "Gazetteer",
    "Role",
    "actors_from_toml",
    "load_gazetteer",
    "merge_actors",
    "normalise_surface",
]

#: Identifies the packaged file's layout; bump when a reader of the old layout would misread it.
FORMAT = "manysides-actors/1"
KINDS = ("country", "seat", "igo", "group", "org", "ngo", "person", "title", "agent")
_FIELDS = {
    "kind",
    "name",
    "code",
    "names",
    "demonyms",
    "places",
    "roles",
    "gender",
    "default_country",
    "origin",
}
_ROLE_FIELDS = {"code", "title", "from", "to"}
#: Who wins a name two entries claim: lower rank first (then user > supplement > dictionaries).
_FORM_RANK = {
    "country": 0,
    "demonym": 0,
    "seat": 1,
    "igo": 2,
    "group": 2,
    "title": 3,
    "org": 4,
    "ngo": 5,
    "person": 6,
    "place": 7,
    "agent": 8,
}
_ORIGIN_RANK = {"user": 0, "supplement": 1}


@dataclass(frozen=True, slots=True)
class Role:
    """A code held over ``[start, end)`` (open when ``None``), with the title if it is one."""

    code: str
    start: date | None = None
    end: date | None = None
    title: str | None = None

    def covers(self, day: date) -> bool:
        """Whether the role was held on ``day``."""
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


@dataclass(slots=True)
class Actor:
    """One gazetteer entry. ``names`` are surface forms, lower-cased, without a leading "the"."""

    kind: str
    name: str
    code: str | None = None
    names: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()
    gender: str | None = None
    default_country: str | None = None
    origin: str = ""

    def role_on(self, day: date | None) -> Role | None:
        """The role held on ``day`` (titled roles first, then the narrowest).

        With no date: the open role (``end is None``) that started last, else the latest role.
        """
        if day is None:
            still = [r for r in self.roles if r.end is None]
            return max(still or self.roles, key=lambda r: r.start or date.min, default=None)
        covering = [r for r in self.roles if r.covers(day)]
        return min(covering, key=lambda r: (r.title is None, _width(r)), default=None)

    def code_on(self, day: date | None) -> str | None:
        """The code on ``day``: the role's, else the actor's own, else its latest role's."""
        role = self.role_on(day)
        if role is not None:
            return role.code
        if self.code:
            return self.code
        latest = max(self.roles, key=lambda r: r.start or date.min, default=None)
        return latest.code if latest else None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form; empty fields are left out."""
        data: dict[str, Any] = {"kind": self.kind, "name": self.name}
        for key in ("code", "gender", "default_country", "origin"):
            if getattr(self, key):
                data[key] = getattr(self, key)
        for key in ("names", "demonyms", "places"):
            if getattr(self, key):
                data[key] = list(getattr(self, key))
        if self.roles:
            data["roles"] = [_role_to_dict(r) for r in self.roles]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any], where: str = "gazetteer") -> Actor:
        """Build from :meth:`to_dict` output or a TOML table (``where`` names it in errors)."""
        unknown = set(data) - _FIELDS
        if unknown:
            raise ConfigError(
                f"{where}: unknown field(s) {sorted(unknown)}; valid: {sorted(_FIELDS)}"
            )
        kind = data.get("kind")
        if kind not in KINDS:
            raise ConfigError(f"{where}: kind must be one of {', '.join(KINDS)}, got {kind!r}")
        names = tuple(_surfaces(data.get("names", ()), where))
        name = str(data.get("name") or (names[0] if names else ""))
        if not name:
            raise ConfigError(f"{where}: an actor needs a name or names")
        gender = data.get("gender")
        if gender not in (None, "f", "m"):
            raise ConfigError(f"{where}: gender must be 'f' or 'm', got {gender!r}")
        return cls(
            kind=kind,
            name=name,
            code=data.get("code") or None,
            names=names or ((normalise_surface(name),) if kind != "country" else ()),
            demonyms=tuple(_surfaces(data.get("demonyms", ()), where)),
            places=tuple(_surfaces(data.get("places", ()), where)),
            roles=tuple(_role_from(r, where) for r in data.get("roles", ())),
            gender=gender,
            default_country=data.get("default_country") or None,
            origin=str(data.get("origin", "")),
        )


def _packaged_actor(data: dict[str, Any]) -> Actor:
    """An actor from the packaged file, which the builder already validated and normalised."""
    return Actor(
        kind=data["kind"],
        name=data["name"],
        code=data.get("code"),
        names=tuple(data.get("names", ())),
        demonyms=tuple(data.get("demonyms", ())),
        places=tuple(data.get("places", ())),
        roles=tuple(
            Role(r["code"], _iso(r.get("from")), _iso(r.get("to")), r.get("title"))
            for r in data.get("roles", ())
        ),
        gender=data.get("gender"),
        default_country=data.get("default_country"),
        origin=data.get("origin", ""),
    )


def _iso(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _width(role: Role) -> int:
    return ((role.end or date.max) - (role.start or date.min)).days


def _role_to_dict(role: Role) -> dict[str, str]:
    data = {"code": role.code}
    if role.start:
        data["from"] = role.start.isoformat()
    if role.end:
        data["to"] = role.end.isoformat()
    if role.title:
        data["title"] = role.title
    return data


def _role_from(data: Any, where: str) -> Role:
    if not isinstance(data, dict) or "code" not in data or set(data) - _ROLE_FIELDS:
        raise ConfigError(f"{where}: a role is a table with code, and optional title, from, to")
    return Role(
        data["code"],
        _date(data.get("from"), where),
        _date(data.get("to"), where),
        data.get("title"),
    )


def _date(value: Any, where: str) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise ConfigError(f"{where}: {value!r} is not a date (YYYY-MM-DD)") from None


def _surfaces(values: Iterable[Any], where: str) -> Iterator[str]:
    if isinstance(values, str):
        raise ConfigError(f"{where}: names must be a list of strings, got {values!r}")
    for value in values:
        surface = normalise_surface(str(value))
        if surface:
            yield surface


_PARENS = re.compile(r"\([^)]*\)")


def normalise_surface(text: str) -> str:
    """How a name is stored: NFKC, ``_`` as space, no brackets, lower case, no leading "the"."""
    text = unicodedata.normalize("NFKC", text).replace("\u2019", "'").replace("_", " ")
    text = " ".join(_PARENS.sub(" ", text).split()).lower().strip(" ,;:")
    return text[4:] if text.startswith("the ") else text


@dataclass(frozen=True, slots=True)
class Entry:
    """What one surface form means: the actor and the form (name, demonym or place)."""

    actor: Actor
    form: str  # "name" | "demonym" | "place"


@dataclass(slots=True)
class Gazetteer:
    """Actors indexed by surface form, country code and title."""

    actors: list[Actor]
    version: str = ""
    sources: list[dict[str, Any]] = field(default_factory=list)
    _index: dict[str, Entry] = field(default_factory=dict, init=False, repr=False)
    _countries: dict[str, Actor] = field(default_factory=dict, init=False, repr=False)
    _holders: dict[tuple[str, str], list[tuple[Actor, Role]]] = field(
        default_factory=dict, init=False, repr=False
    )

    def __post_init__(self) -> None:
        self._countries = {a.code: a for a in self.actors if a.kind == "country" and a.code}
        claims = sorted(_claims(self.actors), key=lambda c: c[0])
        for _rank, surface, entry in claims:
            self._index.setdefault(surface, entry)
        for actor in self.actors:
            for role in actor.roles:
                if role.title:
                    country = self.split(role.code)[0] or ""
                    self._holders.setdefault((role.title, country), []).append((actor, role))

    def lookup(self, surface: str) -> Entry | None:
        """The entry a surface form (as :func:`normalise_surface` gives it) stands for."""
        return self._index.get(surface)

    def surfaces(self) -> Iterator[tuple[str, Entry]]:
        """Every surface form with its entry, in a stable order."""
        return iter(sorted(self._index.items()))

    def country(self, code: str) -> Actor | None:
        """The country actor for an alpha-3 code."""
        return self._countries.get(code)

    def split(self, code: str) -> tuple[str | None, str | None]:
        """``(country, sector)`` of a code, knowing this gazetteer's countries."""
        return split_code(code, self._countries)

    def holders(self, title: str, country: str, day: date) -> list[tuple[Actor, Role]]:
        """Who held ``title`` (e.g. "president") for ``country`` on ``day``."""
        return [(a, r) for a, r in self._holders.get((title, country), []) if r.covers(day)]


def _claims(actors: list[Actor]) -> Iterator[tuple[tuple[int, int, int], str, Entry]]:
    """(rank, surface, entry) for every name an actor claims; the lowest rank wins a name."""
    for order, actor in enumerate(actors):
        origin = _ORIGIN_RANK.get(actor.origin, 2)
        own = "country" if actor.kind == "country" else actor.kind
        for form, surfaces, rank_key in (
            ("name", actor.names, own),
            ("demonym", actor.demonyms, "demonym"),
            ("place", actor.places, "place"),
        ):
            for surface in surfaces:
                yield (origin, _FORM_RANK[rank_key], order), surface, Entry(actor, form)


def merge_actors(base: list[Actor], extra: list[Actor]) -> list[Actor]:
    """``base`` with ``extra`` on top (the builder's supplement and the user's TOML both use it).

    A person in ``extra`` that shares a name with a person in ``base`` replaces its name, roles,
    code and gender and adds its names; a country with the same code adds names, demonyms and
    places. Everything else is appended (and wins any name it shares, see :class:`Gazetteer`).
    """
    merged = [replace(a) for a in base]
    persons: dict[str, Actor] = {}
    for actor in merged:
        if actor.kind == "person":
            for surface in actor.names:
                persons.setdefault(surface, actor)
    countries = {a.code: a for a in merged if a.kind == "country"}
    for new in extra:
        if new.kind == "country" and new.code in countries:
            _merge_country(countries[new.code], new)
            continue
        old = next((persons[s] for s in new.names if s in persons), None)
        if new.kind == "person" and old is not None and old.kind == "person":
            _merge_person(old, new)
            continue
        merged.append(new)
    return merged


def _union(*groups: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(s for group in groups for s in group))


def _merge_country(old: Actor, new: Actor) -> None:
    old.name = new.name or old.name
    old.names = _union(new.names, old.names)
    old.demonyms = _union(new.demonyms, old.demonyms)
    old.places = _union(new.places, old.places)
    old.origin = new.origin or old.origin


def _merge_person(old: Actor, new: Actor) -> None:
    old.name = new.name
    old.names = _union(new.names, old.names)
    old.roles = new.roles or old.roles
    old.code = new.code or old.code
    old.gender = new.gender or old.gender
    old.origin = new.origin or old.origin


def actors_from_toml(path: Path, origin: str = "user") -> tuple[dict[str, Any], list[Actor]]:
    """Read ``[[actor]]`` tables from a TOML file; also returns its ``[gazetteer]`` table."""
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"gazetteer file not found: {path}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"gazetteer file {path} is not valid TOML: {exc}") from None
    unknown = set(data) - {"actor", "gazetteer"}
    if unknown:
        raise ConfigError(f"{path}: unknown table(s) {sorted(unknown)}; valid: actor, gazetteer")
    actors = []
    for number, table in enumerate(data.get("actor", []), 1):
        table = {**table, "origin": origin}
        actors.append(Actor.from_dict(table, where=f"{path} [[actor]] #{number}"))
    return data.get("gazetteer", {}), actors


def read_packaged() -> dict[str, Any]:
    """The packaged gazetteer file as parsed JSON."""
    resource = resources.files("manysides.data").joinpath("actors.json.gz")
    return json.loads(gzip.decompress(resource.read_bytes()).decode("utf-8"))


@lru_cache(maxsize=8)
def load_gazetteer(extra: Path | None = None) -> Gazetteer:
    """The packaged gazetteer, with the entries of the TOML file ``extra`` on top (cached)."""
    data = read_packaged()
    if data.get("format") != FORMAT:
        raise ConfigError(f"packaged gazetteer has format {data.get('format')!r}, need {FORMAT}")
    actors = [_packaged_actor(a) for a in data["actors"]]
    if extra is not None:
        actors = merge_actors(actors, actors_from_toml(Path(extra))[1])
    return Gazetteer(actors, version=data["version"], sources=data["sources"])
