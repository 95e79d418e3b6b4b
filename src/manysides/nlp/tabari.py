"""Read TABARI/PETRARCH actor and agent dictionaries (the CAMEO/Phoenix ``.txt`` format).

An *actor file* is a list of blocks. A block starts with a primary phrase at the start of a line;
``+`` lines add synonyms; codes in brackets, on any line of the block, give the actor's CAMEO
code, optionally restricted to a date range::

    ANGELA_MERKEL_  # CountryInfo.txt
    +CHANCELLOR_MERKEL_
    +MERKEL
        [DEUELI 720101-000101]
        [DEUGOV >051122]

Words are joined by ``_``. A phrase that ends in ``_`` matches the words exactly; one that does not
is a stem (``GERMAN`` also matches ``GERMANS``). Dates are ``YYMMDD`` (years 00-29 are 20xx) or
``YYYYMMDD``; ``>d`` means from ``d`` on, ``<d`` before ``d``, ``d1-d2`` the range. ``[---]``
means "no code". ``#`` starts a comment.

An *agent file* maps common nouns to sector codes: ``SOLDIER [~MIL]``. ``{PLURAL}`` gives an
irregular plural (``{}``: none); ``!SET!`` names a substitution set declared as
``!PERSON! = MAN, MEN, WOMAN, WOMEN, PERSON``.

This module only reads the files; :mod:`scripts/build_gazetteer.py` turns them into the
project's gazetteer. The source files have typos and loose formatting; the reader is lenient and
reports what it had to drop in :attr:`Dictionary.problems`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

__all__ = [
    "AgentEntry",
    "Block",
    "Code",
    "Dictionary",
    "parse_date",
    "read_actor_file",
    "read_agent_file",
]

_CODE = re.compile(r"\[([^\]]*)\]")
_PLURAL = re.compile(r"\{([^}]*)\}")
_SET_DECL = re.compile(r"^(![A-Z]+!)\s*=\s*(.+)$")
_SET_USE = re.compile(r"![A-Z]+!")

#: The few truncated stems the agents file still uses (it says so in its header), spelled out.
_STEMS: dict[str, tuple[str, ...]] = {
    "AUTHORIT": ("AUTHORITY", "AUTHORITIES"),
    "COMPAN": ("COMPANY", "COMPANIES"),
    "INDUSTR": ("INDUSTRY", "INDUSTRIES"),
    "MINIST": ("MINISTER", "MINISTERS", "MINISTRY", "MINISTRIES"),
}


@dataclass(frozen=True, slots=True)
class Code:
    """One bracketed code with its optional date range (``start`` inclusive, ``end`` exclusive)."""

    code: str
    start: date | None = None
    end: date | None = None


@dataclass(slots=True)
class Block:
    """One actor block: its phrases (the primary first), codes and comment text."""

    phrases: list[str] = field(default_factory=list)
    codes: list[Code] = field(default_factory=list)
    comment: str = ""
    line: int = 0
    bracketed: bool = False  # saw any [...] at all, even unusable or [---]


@dataclass(frozen=True, slots=True)
class AgentEntry:
    """One agent noun phrase (singular and its plurals) and its sector code, e.g. ``GOV``."""

    forms: tuple[str, ...]
    code: str


@dataclass(slots=True)
class Dictionary:
    """What a file yielded, plus the lines the reader could not use (``"file:line: why"``)."""

    blocks: list[Block] = field(default_factory=list)
    agents: list[AgentEntry] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def parse_date(text: str) -> date | None:
    """``YYMMDD`` or ``YYYYMMDD`` to a date; ``None`` when it is not a valid date."""
    if not text.isdigit() or len(text) not in (6, 8):
        return None
    if len(text) == 6:
        yy = int(text[:2])
        year = 2000 + yy if yy < 30 else 1900 + yy
        month, day = int(text[2:4]), int(text[4:6])
    else:
        year, month, day = int(text[:4]), int(text[4:6]), int(text[6:8])
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _parse_code(body: str) -> Code | None:
    """``"ISRGOV >090401"`` to a :class:`Code`; ``None`` for ``---`` or a malformed date."""
    parts = body.split()
    if not parts or parts[0].startswith("---"):
        return None
    code = parts[0]
    if len(parts) == 1:
        return Code(code)
    restriction = "".join(parts[1:])
    if restriction.startswith(">"):
        start = parse_date(restriction[1:])
        return Code(code, start=start) if start else None
    if restriction.startswith("<"):
        end = parse_date(restriction[1:])
        return Code(code, end=end) if end else None
    first, _, second = restriction.partition("-")
    start, end = parse_date(first), parse_date(second)
    if start is None or end is None:
        return None
    return Code(code, start=start, end=end)


def _phrase(text: str) -> str:
    """Normalise a raw phrase: spaces, tabs and stray commas inside it act as word breaks."""
    return "_".join(text.replace(",", " ").split())


def _split_line(raw: str) -> tuple[str, list[str], str]:
    """A line into (phrase part, code bodies, comment)."""
    body, _, comment = raw.partition("#")
    codes = _CODE.findall(body)
    phrase = _CODE.sub(" ", body).strip()
    return phrase, codes, comment.strip()


def read_actor_file(path: Path) -> Dictionary:
    """Read a TABARI ``.actors.txt`` file into blocks.

    Primary phrases written one after another with no code between them share the codes of the
    block that follows (the files list a person's variants that way); a block whose only codes
    are ``[---]`` or malformed is dropped and reported.
    """
    result = Dictionary()
    current: Block | None = None
    for number, raw in enumerate(path.read_text("utf-8", errors="replace").splitlines(), 1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        phrase, code_bodies, comment = _split_line(raw)
        if not raw[0].isspace() and not raw.startswith(("+", "[")):
            current = _next_block(current, result, path, Block(comment=comment, line=number))
        if current is None:
            result.problems.append(f"{path.name}:{number}: text before the first block")
            continue
        current.phrases.extend(_phrase(p) for p in phrase.split("+") if p.strip())
        current.bracketed = current.bracketed or bool(code_bodies)
        for body in code_bodies:
            code = _parse_code(body)
            if code is not None:
                current.codes.append(code)
            elif not body.strip().startswith("---"):
                result.problems.append(f"{path.name}:{number}: unusable code [{body}]")
    _next_block(current, result, path, None)
    return result


def _next_block(
    block: Block | None, result: Dictionary, path: Path, following: Block | None
) -> Block | None:
    """Close ``block`` and return ``following`` (which inherits ``block`` if it had no code)."""
    if block is None or not block.phrases:
        return following
    if block.codes:
        result.blocks.append(block)
    elif not block.bracketed and following is not None:
        following.phrases.extend(block.phrases)
        following.comment = following.comment or block.comment
        following.line = block.line
    else:
        result.problems.append(f"{path.name}:{block.line}: block {block.phrases[0]} has no code")
    return following


def read_agent_file(path: Path) -> Dictionary:
    """Read a PETRARCH agents file: substitution sets, plurals and ``[~XXX]`` codes."""
    result = Dictionary()
    sets: dict[str, list[str]] = {}
    for number, raw in enumerate(path.read_text("utf-8", errors="replace").splitlines(), 1):
        body = raw.partition("#")[0].strip()
        if not body:
            continue
        declared = _SET_DECL.match(body)
        if declared:
            sets[declared.group(1)] = [w.strip() for w in declared.group(2).split(",")]
            continue
        codes = _CODE.findall(body)
        if len(codes) != 1 or not codes[0].startswith("~"):
            result.problems.append(f"{path.name}:{number}: not a ~agent line: {body}")
            continue
        phrase_part = _CODE.sub(" ", body)
        plural = _PLURAL.search(phrase_part)
        phrase = _phrase(_PLURAL.sub(" ", phrase_part))
        code = codes[0][1:].strip()
        for expanded in _expand_sets(phrase, sets):
            result.agents.append(AgentEntry(_agent_forms(expanded, plural), code))
    return result


def _agent_forms(phrase: str, plural: re.Match[str] | None) -> tuple[str, ...]:
    """The singular and its plural (regular, in braces, or none for ``{}``); stems spelled out."""
    head, sep, last = phrase.rstrip("_").rpartition("_")
    if last in _STEMS:
        return tuple(f"{head}{sep}{word}" for word in _STEMS[last])
    forms = [phrase]
    if plural is None:
        forms.append(_plural_of(phrase))
    elif plural.group(1).strip():
        forms.append(_phrase(plural.group(1)))
    return tuple(dict.fromkeys(forms))


def _expand_sets(phrase: str, sets: dict[str, list[str]]) -> list[str]:
    """``SPOKES!PERSON!`` to ``SPOKESMAN``, ``SPOKESMEN``, ... (one set per phrase is enough)."""
    phrase = phrase.replace("AD!MINIST!R", "ADMINISTR")  # a search-and-replace slip in the file
    used = _SET_USE.search(phrase)
    if used is None or used.group(0) not in sets:
        return [phrase]
    return [phrase.replace(used.group(0), word) for word in sets[used.group(0)]]


def _plural_of(phrase: str) -> str:
    """Regular English plural of the last word (``SECURITY_OFFICIAL`` -> ``..._OFFICIALS``)."""
    head, sep, last = phrase.rstrip("_").rpartition("_")
    if last.endswith(("MAN",)) and not last.endswith(("HUMAN", "GERMAN", "OTTOMAN")):
        plural = last[:-3] + "MEN"
    elif last.endswith("Y") and len(last) > 1 and last[-2] not in "AEIOU":
        plural = last[:-1] + "IES"
    elif last.endswith(("S", "SH", "CH", "X", "Z")):
        plural = last + "ES"
    elif last.endswith("."):
        plural = last
    else:
        plural = last + "S"
    return f"{head}{sep}{plural}"
