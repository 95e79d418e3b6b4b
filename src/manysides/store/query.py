"""The search language both backends share, parsed once and rendered per backend.

Web-search style, so people can type what they would type into a search box::

    drone strike            both words (AND)
    "air defence"           the phrase
    Iran OR Israel          either (OR binds tighter than AND: ``a b OR c`` is a AND (b OR c))
    -Gaza                   without the word
    sanction*               words starting with "sanction"

Every word is quoted before it reaches the database, so punctuation such as ``U.S.`` or
``al-Aqsa`` is plain text, never syntax. SQLite renders a query as an FTS5 expression
(:func:`to_fts5`); PostgreSQL builds a ``tsquery`` from the same :class:`SearchQuery`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from manysides.errors import StoreError

__all__ = ["SYNTAX_HELP", "SearchQuery", "Term", "parse_query", "to_fts5"]

SYNTAX_HELP = (
    'search syntax: words (all must match), "a phrase", a OR b, -excluded, prefix*; '
    'e.g. manysides search \'"air defence" Iran OR Israel -drill\''
)

_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')
_WORD = re.compile(r"\w")


@dataclass(frozen=True, slots=True)
class Term:
    """A word or phrase to match; ``prefix`` matches any word starting with its last word."""

    text: str
    prefix: bool = False


@dataclass(slots=True)
class SearchQuery:
    """A parsed query: every group must match (a group matches if any of its terms does),
    and no ``excluded`` term may match."""

    groups: list[list[Term]] = field(default_factory=list)
    excluded: list[Term] = field(default_factory=list)


def parse_query(query: str) -> SearchQuery:
    """Parse a web-search style query; :class:`StoreError` when nothing is left to search for."""
    parsed = SearchQuery()
    pending_or = False
    for match in _TOKEN.finditer(query):
        negated, phrase, word = match.group(1), match.group(2), match.group(3)
        if word == "OR":
            pending_or = bool(parsed.groups)
            continue
        if word is not None:
            negated, word = ("-", word[1:]) if word.startswith("-") else ("", word)
        term = _term(phrase if word is None else word, quoted=word is None)
        if term is None:
            continue
        if negated:
            parsed.excluded.append(term)
        elif pending_or:
            parsed.groups[-1].append(term)
        else:
            parsed.groups.append([term])
        pending_or = False
    _check(query, parsed)
    return parsed


def _term(text: str, *, quoted: bool) -> Term | None:
    prefix = not quoted and text.endswith("*")
    text = text.rstrip("*") if prefix else text
    if not _WORD.search(text):  # only punctuation: nothing a full-text index can find
        return None
    return Term(" ".join(text.split()), prefix=prefix)


def _check(query: str, parsed: SearchQuery) -> None:
    if parsed.groups:
        return
    if parsed.excluded:
        raise StoreError(
            f"search query {query!r} only excludes words; add at least one word to look for. "
            + SYNTAX_HELP
        )
    raise StoreError(f"search query {query!r} has no words to look for. " + SYNTAX_HELP)


def to_fts5(query: SearchQuery) -> str:
    """The FTS5 MATCH expression for ``query``; every term is a quoted string, never syntax."""
    groups = []
    for group in query.groups:
        rendered = " OR ".join(_fts5_term(t) for t in group)
        groups.append(f"({rendered})" if len(group) > 1 else rendered)
    expression = " AND ".join(groups)
    if query.excluded:
        expression = f"({expression})" + "".join(f" NOT {_fts5_term(t)}" for t in query.excluded)
    return expression


def _fts5_term(term: Term) -> str:
    quoted = '"' + term.text.replace('"', '""') + '"'
    return quoted + "*" if term.prefix else quoted
