#!/usr/bin/env python
"""Build the project's actor gazetteer, ``src/manysides/data/actors.json.gz``.

Sources, merged in this order (later wins a name both claim):

1. the Phoenix/CAMEO dictionaries in TABARI format (Open Event Data Alliance, MIT): countries
   with their names, cities and office holders; IGOs and NGOs (multinational companies are left
   out); militant non-state groups; agent nouns ("soldier" -> MIL);
2. ``pycountry``: ISO 3166 names and alpha-3 codes;
3. ``scripts/gazetteer_supplement.toml``: the project's own facts (capitals and seats of power,
   demonyms, short forms, titles, heads of state and government with dates, group codes).

The output is deterministic: sorted records, stable JSON, gzip with a zero timestamp. The MIT
notices of the dictionaries are copied into ``actors.NOTICE`` and into the JSON.

Usage::

    python scripts/build_gazetteer.py                      # defaults below
    python scripts/build_gazetteer.py --out /tmp/gaz \\
        --dictionaries ../shared/data/events/dictionaries
"""

from __future__ import annotations

import argparse
import difflib
import gzip
import hashlib
import json
import sys
from collections import defaultdict
from importlib import metadata
from pathlib import Path
from typing import Any

from manysides.nlp.codes import INTERNATIONAL, SECTORS, split_code
from manysides.nlp.gazetteer import (
    FORMAT,
    KINDS,
    Actor,
    Gazetteer,
    Role,
    actors_from_toml,
    merge_actors,
    normalise_surface,
)
from manysides.nlp.tabari import Block, Code, read_actor_file, read_agent_file

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DICTIONARIES = ROOT.parent / "shared" / "data" / "events" / "dictionaries"
DEFAULT_SUPPLEMENT = ROOT / "scripts" / "gazetteer_supplement.toml"
DEFAULT_OUT = ROOT / "src" / "manysides" / "data"
ACTOR_FILES = (
    "Phoenix.Countries.actors.txt",
    "Phoenix.International.actors.txt",
    "Phoenix.MilNonState.actors.txt",
)
AGENT_FILE = "Phoenix.agents.txt"
GROUP_SECTORS = {"REB", "INS", "SEP", "UAF", "RAD", "IMG"}
HONORIFICS = {
    "president",
    "prime",
    "minister",
    "ayatollah",
    "hojatolislam",
    "sheikh",
    "sheik",
    "general",
    "gen.",
    "dr.",
    "dr",
    "mr.",
    "mr",
    "mrs.",
    "sir",
    "king",
    "prince",
}
DEMONYM_ENDINGS = ("an", "ans", "ian", "ians", "ese", "i", "is", "ish", "ic", "ch")
#: Words that make a dated block an institution rather than a person ("PALESTINIAN_AUTHORITY").
INSTITUTION_WORDS = frozenset(
    {
        "administration",
        "agency",
        "alliance",
        "army",
        "assembly",
        "association",
        "authority",
        "bank",
        "brigade",
        "brigades",
        "bureau",
        "cabinet",
        "coalition",
        "commission",
        "committee",
        "congress",
        "corps",
        "council",
        "court",
        "department",
        "federation",
        "force",
        "forces",
        "front",
        "fund",
        "government",
        "group",
        "guard",
        "guards",
        "institute",
        "junta",
        "league",
        "ministry",
        "movement",
        "office",
        "organization",
        "organisation",
        "parliament",
        "party",
        "regime",
        "republic",
        "senate",
        "state",
        "union",
    }
)


def _title_case(surface: str) -> str:
    """Display form of a dictionary phrase: ``AL-ASSAD`` -> ``al-Assad``, ``UN`` -> ``UN``."""
    small = {"al", "el", "bin", "ibn", "of", "the", "and", "for", "de", "la", "du", "da", "von"}
    words: list[str] = []
    for word in surface.split():
        if word in small and words:
            words.append(word)
        elif len(word.strip(".")) <= 3 and word.isalpha() and not any(v in word for v in "aeiou"):
            words.append(word.upper())
        else:
            words.append("-".join(p[:1].upper() + p[1:] for p in word.split("-")))
    return " ".join(words)


def _surfaces(phrase: str) -> list[str]:
    """A TABARI phrase's surface forms: itself, and for a demonym-like stem its plural."""
    surface = normalise_surface(phrase)
    if not surface or len(surface.replace(" ", "")) < 2 or surface.replace(" ", "").isdigit():
        return []
    forms = [surface]
    stem = not phrase.endswith("_")
    if stem and " " not in surface and surface.endswith(("an", "i")):
        forms.append(surface + "s")
    return forms


def _pycountry() -> dict[str, Actor]:
    import pycountry

    countries = {}
    for c in pycountry.countries:
        names = [getattr(c, k, None) for k in ("common_name", "name", "official_name")]
        clean = [n for n in names if n and "," not in n] or [c.name]
        surfaces = [normalise_surface(n) for n in clean]
        countries[c.alpha_3] = Actor(
            kind="country",
            name=clean[0],
            code=c.alpha_3,
            names=tuple(dict.fromkeys(surfaces)),
            origin="pycountry",
        )
    return countries


def _country_of(block: Block, known: set[str]) -> str | None:
    """The country a block names when all its codes are a bare country (+ a region chunk)."""
    heads = {c.code[:3] for c in block.codes}
    if len(heads) != 1 or next(iter(heads)) not in known:
        return None
    chunks = {c.code[i : i + 3] for c in block.codes for i in range(3, len(c.code), 3)}
    return None if chunks & SECTORS.keys() else next(iter(heads))


def _add_country_block(country: Actor, block: Block, first: bool) -> None:
    """Fold a country block's phrases into the country: names, demonyms or places."""
    reference = [country.name.lower(), *country.names]
    if first:
        reference.append(normalise_surface(block.phrases[0]))
    names, demonyms, places = list(country.names), list(country.demonyms), list(country.places)
    for phrase in block.phrases:
        for surface in _surfaces(phrase):
            if first and _is_demonym(surface, reference):
                demonyms.append(surface)
            elif first and _is_variant(surface, reference):
                names.append(surface)
            else:
                places.append(surface)
    country.names = tuple(dict.fromkeys(names))
    country.demonyms = tuple(dict.fromkeys(demonyms))
    country.places = tuple(dict.fromkeys(places))


def _is_demonym(surface: str, reference: list[str]) -> bool:
    return (
        " " not in surface
        and surface.endswith(DEMONYM_ENDINGS)
        and any(r[:3] == surface[:3] for r in reference)
        and surface not in reference
    )


def _is_variant(surface: str, reference: list[str]) -> bool:
    """A spelling of the country's name rather than a city in it."""
    for name in reference:
        matcher = difflib.SequenceMatcher(None, surface, name)
        quick = matcher.real_quick_ratio() >= 0.8 and matcher.quick_ratio() >= 0.8
        if quick and matcher.ratio() >= 0.8:
            return True
    return False


def _kind(block: Block, code: str) -> str | None:
    """person, igo, ngo, group or org (``None``: left out, e.g. companies)."""
    head = code[:3]
    if head == "MNC":
        return None
    words = set(normalise_surface(block.phrases[0]).split())
    dated = any(c.start or c.end for c in block.codes)
    if (dated or "CountryInfo" in block.comment) and not words & INSTITUTION_WORDS:
        return "person"
    if head == "IGO":
        return "igo"
    if head == "NGO":
        return "ngo"
    sector = split_code(code, set())[1] if head in INTERNATIONAL else code[3:6]
    if head in GROUP_SECTORS or sector in GROUP_SECTORS:
        return "group"
    return "org"


def _display(phrase: str, kind: str) -> str:
    words = normalise_surface(phrase).split()
    if kind == "person":
        while len(words) > 1 and words[0] in HONORIFICS:
            words = words[1:]
    return _title_case(" ".join(words))


def _block_actor(block: Block, titles: set[str], origin: str) -> Actor | None:
    """A non-country block as an actor: undated code as its own, dated codes as roles."""
    undated = [c for c in block.codes if not (c.start or c.end)]
    dated = [c for c in block.codes if c.start or c.end]
    code = (undated or dated)[0].code
    kind = _kind(block, code)
    if kind is None:
        return None
    surfaces = [s for p in block.phrases for s in _surfaces(p)]
    if kind != "person":  # "us vice president": a country and a title; linking composes those
        surfaces = [s for s in surfaces if not any(s.endswith(" " + t) for t in titles)]
    if not surfaces:
        return None
    return Actor(
        kind=kind,
        name=_display(block.phrases[0], kind),
        code=undated[0].code if undated else None,
        names=tuple(dict.fromkeys(surfaces)),
        roles=tuple(_role(c) for c in dated),
        origin=origin,
    )


def _role(code: Code) -> Role:
    return Role(code.code, code.start, code.end)


def _main_block(country: Actor, blocks: list[Block]) -> Block:
    """The block that names the country itself (others name its territories and cities)."""

    def likeness(block: Block) -> float:
        """How close the block's primary phrase is to one of the country's names."""
        primary = normalise_surface(block.phrases[0])
        names = [country.name.lower(), *country.names]
        return max(difflib.SequenceMatcher(None, primary, n).ratio() for n in names)

    return max(blocks, key=likeness)  # the first of equals: max keeps the earliest


def dictionary_actors(folder: Path, titles: set[str]) -> tuple[list[Actor], list[str]]:
    """Countries (pycountry + dictionary names), other actors and agents from the dictionaries."""
    countries = _pycountry()
    known = set(countries) | {"KSV"}
    actors: list[Actor] = []
    problems: list[str] = []
    country_blocks: dict[str, list[Block]] = defaultdict(list)
    for name in ACTOR_FILES:
        parsed = read_actor_file(folder / name)
        problems += parsed.problems
        for block in parsed.blocks:
            country = _country_of(block, known)
            if country is not None:
                country_blocks[country].append(block)
                continue
            actor = _block_actor(block, titles, "phoenix")
            if actor is not None:
                actors.append(actor)
    for code, blocks in country_blocks.items():
        if code not in countries:
            name = _display(blocks[0].phrases[0], "country")
            countries[code] = Actor("country", name, code=code, origin="phoenix")
        main = _main_block(countries[code], blocks)
        _add_country_block(countries[code], main, first=True)
        for block in blocks:
            if block is not main:
                _add_country_block(countries[code], block, first=False)
    return [countries[c] for c in sorted(countries)] + actors + _agents(folder, problems), problems


def _agents(folder: Path, problems: list[str]) -> list[Actor]:
    """One agent actor per sector code, with every noun form the agents file gives it."""
    agents = read_agent_file(folder / AGENT_FILE)
    problems += agents.problems
    by_code: dict[str, list[str]] = defaultdict(list)
    for entry in agents.agents:
        by_code[entry.code].extend(s for f in entry.forms for s in _surfaces(f + "_"))
    return [
        Actor(
            "agent",
            SECTORS.get(code, code.lower()),
            code=code,
            names=tuple(dict.fromkeys(surfaces)),
            origin="phoenix",
        )
        for code, surfaces in sorted(by_code.items())
    ]


def dedupe(actors: list[Actor]) -> list[Actor]:
    """Give every surface form to the one actor that wins it; drop actors left with none."""
    gazetteer = Gazetteer(actors)
    owned: set[tuple[int, str, str]] = set()
    for surface, entry in gazetteer.surfaces():
        owned.add((id(entry.actor), entry.form, surface))
    kept = []
    for actor in actors:
        for form, key in (("name", "names"), ("demonym", "demonyms"), ("place", "places")):
            mine = {s for s in getattr(actor, key) if (id(actor), form, s) in owned}
            setattr(actor, key, tuple(sorted(mine)))
        if actor.names or actor.demonyms or actor.places or actor.kind == "country":
            kept.append(actor)
    return kept


def _sort_key(actor: Actor) -> tuple[int, str, str, str]:
    return (KINDS.index(actor.kind), actor.code or "", actor.name, json.dumps(actor.to_dict()))


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _notice(folder: Path) -> str:
    """The header comments of every dictionary file, verbatim, under a short preface."""
    parts = [
        "manysides actor gazetteer (actors.json.gz) - third-party notices\n",
        "The gazetteer is derived in part from the Phoenix/CAMEO actor and agent dictionaries",
        "(https://github.com/openeventdata), distributed under the MIT License. Their notices:\n",
    ]
    for name in (*ACTOR_FILES, AGENT_FILE):
        header = []
        for line in (folder / name).read_text("utf-8", errors="replace").splitlines():
            if not line.startswith("#"):
                break
            header.append(line)
        parts += [f"==== {name} ====", *header, ""]
    parts.append("Country names and codes: pycountry (ISO 3166 data, LGPL-2.1; only facts used).")
    return "\n".join(parts) + "\n"


def build(dictionaries: Path, supplement: Path, out: Path) -> dict[str, Any]:
    """Write ``actors.json.gz`` and ``actors.NOTICE`` into ``out``; return counts."""
    meta, extra = actors_from_toml(supplement, origin="supplement")
    titles = {s for a in extra if a.kind == "title" for s in a.names}
    base, problems = dictionary_actors(dictionaries, titles)
    actors = sorted(dedupe(merge_actors(base, extra)), key=_sort_key)
    sources: list[dict[str, Any]] = [
        {
            "name": f,
            "sha256": _sha256(dictionaries / f),
            "licence": "MIT",
            "by": "Open Event Data Alliance / Parus Analytics (Phoenix, CAMEO)",
        }
        for f in (*ACTOR_FILES, AGENT_FILE)
    ]
    sources.append({"name": "pycountry", "version": metadata.version("pycountry")})
    sources.append({"name": supplement.name, "sha256": _sha256(supplement), "by": "manysides"})
    notice = _notice(dictionaries)
    lines = [json.dumps(a.to_dict(), ensure_ascii=False, sort_keys=True) for a in actors]
    head = {"format": FORMAT, "version": meta["version"], "sources": sources, "notice": notice}
    text = json.dumps(head, ensure_ascii=False, sort_keys=True)[:-1]
    text += ',"actors":[\n' + ",\n".join(lines) + "\n]}\n"
    out.mkdir(parents=True, exist_ok=True)
    (out / "actors.json.gz").write_bytes(gzip.compress(text.encode("utf-8"), 9, mtime=0))
    (out / "actors.NOTICE").write_text(notice, "utf-8")
    counts: dict[str, Any] = defaultdict(int)
    for actor in actors:
        counts[actor.kind] += 1
        counts["surfaces"] += len(actor.names) + len(actor.demonyms) + len(actor.places)
    counts.update(json_bytes=len(text.encode("utf-8")), problems=len(problems))
    counts["gz_bytes"] = (out / "actors.json.gz").stat().st_size
    return dict(counts)


def main(argv: list[str] | None = None) -> int:
    """Command line: build into ``--out`` and print the counts as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dictionaries", type=Path, default=DEFAULT_DICTIONARIES)
    parser.add_argument("--supplement", type=Path, default=DEFAULT_SUPPLEMENT)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    if not (args.dictionaries / ACTOR_FILES[0]).exists():
        print(f"error: no TABARI dictionaries in {args.dictionaries}", file=sys.stderr)
        return 2
    counts = build(args.dictionaries, args.supplement, args.out)
    print(json.dumps(counts, sort_keys=True))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
