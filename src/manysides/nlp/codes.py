"""CAMEO/PLOVER actor codes: 3-letter chunks read left to right.

A code is a country (ISO 3166 alpha-3, e.g. ``IRN``), a region (``MEA`` Middle East) or an
international type (``IGO``, ``NGO``, ``IMG`` international militant group, ``MNC``), followed
by role chunks (``GOV`` government, ``MIL`` military, ``REB`` rebels, ...) and sometimes a named
group (``PSEREBHMS``: Palestinian rebels, Hamas; ``IGOWSTNAT``: an IGO of the West, NATO).

:func:`split_code` turns a code into the ``(country, sector)`` pair a :class:`~manysides.model.
Mention` carries. For an IGO the "country" is the organisation's own chunk (``UNO``, ``NAT``,
``EEC``), as PLOVER does.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Collection

__all__ = ["INTERNATIONAL", "PEOPLES", "REGIONS", "SECTORS", "compose", "describe_code",
           "split_code"]

#: Role (sector) chunks, with the meaning CAMEO gives them.
SECTORS: dict[str, str] = {
    "AGR": "agriculture",
    "BUS": "business",
    "COP": "police",
    "CRM": "criminal",
    "CVL": "civilian",
    "DEV": "development",
    "EDU": "education",
    "ELI": "elite",
    "ENV": "environment",
    "GOV": "government",
    "HLH": "health",
    "HRI": "human rights",
    "INS": "insurgents",
    "JUD": "judiciary",
    "LAB": "labour",
    "LEG": "legislature",
    "MED": "media",
    "MIL": "military",
    "MOD": "moderate",
    "OPP": "opposition",
    "PTY": "political party",
    "RAD": "radical",
    "REB": "rebels",
    "REF": "refugees",
    "REL": "religious",
    "SEP": "separatists",
    "SET": "settlers",
    "SPY": "intelligence",
    "UAF": "unaligned armed forces",
    "IGO": "intergovernmental organisation",
    "NGO": "non-governmental organisation",
    "IMG": "international militant group",
    "MNC": "multinational corporation",
}

#: Chunks of agent codes for people of no sector: the Phoenix dictionaries' generic "people"
#: and CAMEO's religion codes.
PEOPLES: dict[str, str] = {
    "PPL": "people",
    "MUS": "Muslims",
    "CHR": "Christians",
    "CTH": "Catholics",
    "PRO": "Protestants",
    "JEW": "Jews",
    "HIN": "Hindus",
    "BUD": "Buddhists",
}

#: Region chunks (a code that starts with one of these has no single country).
REGIONS: frozenset[str] = frozenset(
    {
        "AFR",
        "ARB",
        "ASA",
        "BLK",
        "CAF",
        "CAS",
        "CAU",
        "CFR",
        "CRB",
        "EAF",
        "EEU",
        "EIN",
        "EUR",
        "LAM",
        "MDT",
        "MEA",
        "NAF",
        "NMR",
        "PGS",
        "SAF",
        "SAM",
        "SAS",
        "SCN",
        "SEA",
        "WAF",
        "WST",
    }
)

#: Leading chunks for actors that belong to no one country.
INTERNATIONAL: frozenset[str] = frozenset({"IGO", "NGO", "IMG", "MNC", "INT", "UIS"})


def _chunks(code: str) -> list[str]:
    # interned: every mention keeps its country and sector, one shared string each
    return [sys.intern(code[i : i + 3]) for i in range(0, len(code), 3)]


def split_code(code: str, countries: Collection[str]) -> tuple[str | None, str | None]:
    """``(country, sector)`` of ``code``; ``countries`` is the set of known country codes.

    >>> split_code("IRNGOVMIL", {"IRN"})
    ('IRN', 'GOV')
    >>> split_code("IGOWSTNAT", set())
    ('NAT', 'IGO')
    >>> split_code("MIL", set())
    (None, 'MIL')
    >>> split_code("---REB", set())
    (None, 'REB')
    """
    chunks = _chunks(code)
    head, rest = chunks[0], chunks[1:]
    if head == "---":  # CAMEO's "country unknown": ---GOV, ---REB
        return None, next((c for c in rest if c in SECTORS), None)
    if head == "IGO":
        own = [c for c in rest if c not in REGIONS and c not in SECTORS]
        return (own[0] if own else None), "IGO"
    if head in INTERNATIONAL:
        country = rest[0] if rest and rest[0] in countries else None
        return country, head
    if head in SECTORS:
        return None, head
    sector = next((c for c in rest if c in SECTORS), None)
    if head in REGIONS:
        return None, sector
    return head, sector


def compose(country: str | None, sector: str) -> str:
    """``IRN`` + ``GOV`` -> ``IRNGOV``; with no country, CAMEO's ``---GOV``."""
    return f"{country or '---'}{sector}"


def describe_code(code: str, country_name: Callable[[str], str | None]) -> str:
    """A reader's name for an actor known only by its code: its country's name (from
    ``country_name``, else the code's country chunk) and what its role chunk means.

    >>> names = {"USA": "United States"}.get
    >>> describe_code("USAGOV", names)
    'United States government'
    >>> describe_code("---CVL", names)
    'civilian (country not named)'
    >>> describe_code("IRN", names)
    'IRN'
    >>> describe_code("XYZQQQ", names)
    'XYZQQQ'
    >>> describe_code("---PPL", names), describe_code("USAMUS", names)
    ('people (country not named)', 'United States Muslims')
    """
    country, sector = split_code(code, {code[3:6]})  # NGOUSA: an NGO of the USA
    role = SECTORS.get(sector or "") or next(
        (PEOPLES[c] for c in _chunks(code) if c in PEOPLES), None)
    if role is None:
        return (country_name(code) or code) if country == code else code
    if country is None:
        return f"{role} (country not named)"
    return f"{country_name(country) or country} {role}"

