"""Hypothesis strategies for the data model, for any test that needs arbitrary articles.

``articles()`` draws a valid :class:`~manysides.model.Article`: arbitrary unicode text, every
optional field sometimes set, nested mentions, events, quantities, quotes and claims whose
spans lie inside the text, naive and timezone-aware dates, and ``meta`` of JSON values. All of
it survives ``Article.to_dict`` / ``Article.from_dict`` (so no NaN, and fixed UTC offsets,
which is what ISO 8601 can carry). The builders are cached per argument: hypothesis validates
a strategy object once, so reusing them keeps drawing fast::

    from hypothesis import given
    from strategies import articles

    @given(articles())
    def test_something(article): ...
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from functools import cache
from typing import Any

from hypothesis import strategies as st

from manysides.model import (
    Article,
    Attribution,
    Claim,
    DateSource,
    Duplicate,
    Event,
    FramingTerm,
    Lean,
    LeanEvidence,
    Mention,
    Quantity,
    SourceKind,
    Span,
    article_id,
)

__all__ = [
    "articles",
    "attributions",
    "claims",
    "datetimes",
    "events",
    "framing_terms",
    "json_values",
    "leans",
    "mentions",
    "quantities",
    "spans",
    "texts",
]

#: Any unicode text (no lone surrogates, which no real article can hold), NUL included.
texts = st.text


@cache
def short(max_size: int = 20) -> st.SearchStrategy[str]:
    """A short string: a name, a label, a URL-ish source."""
    return st.text(max_size=max_size)


def maybe(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """``strategy`` or ``None``."""
    return st.none() | strategy


@cache
def spans(length: int) -> st.SearchStrategy[Span]:
    """A valid span inside a text of ``length`` characters."""
    return (
        st.tuples(st.integers(0, length), st.integers(0, length))
        .map(sorted)
        .map(lambda ends: Span(ends[0], ends[1]))
    )


@cache
def finite_floats() -> st.SearchStrategy[float]:
    return st.floats(allow_nan=False, allow_infinity=False)


@cache
def json_values() -> st.SearchStrategy[Any]:
    """Anything ``json.dumps`` writes and ``json.loads`` reads back equal."""
    scalars = st.none() | st.booleans() | st.integers() | finite_floats() | short()
    return st.recursive(
        scalars,
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(short(8), inner, max_size=3),
        max_leaves=8,
    )


@cache
def datetimes() -> st.SearchStrategy[datetime]:
    """Naive datetimes and aware ones with a fixed offset of whole minutes."""
    offsets = st.integers(-(23 * 60 + 59), 23 * 60 + 59).map(
        lambda minutes: timezone(timedelta(minutes=minutes))
    )
    return st.datetimes(timezones=st.none() | offsets)


@cache
def mentions(length: int) -> st.SearchStrategy[Mention]:
    return st.builds(
        Mention,
        span=spans(length),
        text=short(),
        label=st.sampled_from(["", "PERSON", "GPE", "ORG", "NORP"]),
        actor=maybe(short(8)),
        name=maybe(short()),
        country=maybe(short(3)),
        sector=maybe(short(3)),
        resolved_from=maybe(spans(length)),
        sentiment=maybe(st.sampled_from(["positive", "negative", "neutral"])),
        sentiment_score=maybe(st.floats(-1, 1)),
    )


@cache
def quantities(length: int) -> st.SearchStrategy[Quantity]:
    return st.builds(
        Quantity,
        span=spans(length),
        counts=short(),
        value=maybe(finite_floats()),
        low=maybe(finite_floats()),
        high=maybe(finite_floats()),
        low_inclusive=st.booleans(),
        high_inclusive=st.booleans(),
        text=short(),
    )


@cache
def events(length: int) -> st.SearchStrategy[Event]:
    people = st.lists(mentions(length), max_size=1)
    return st.builds(
        Event,
        trigger=spans(length),
        sentence=spans(length),
        type=st.sampled_from(["ASSAULT", "ACCUSE", "REQUEST", "CONSULT"]),
        cameo=maybe(short(4)),
        source=people,
        target=people,
        mode=st.sampled_from(["asserted", "reported", "hedged", "denied", "future"]),
        negated=st.booleans(),
        reported_by=people,
        date=maybe(st.dates().map(lambda d: d.isoformat())),
        date_span=maybe(spans(length)),
        location=maybe(short()),
        location_span=maybe(spans(length)),
        quantities=st.lists(quantities(length), max_size=1),
        id=short(8),
    )


@cache
def attributions(length: int) -> st.SearchStrategy[Attribution]:
    return st.builds(
        Attribution,
        content=spans(length),
        source=maybe(spans(length)),
        cue=maybe(spans(length)),
        speaker=maybe(short()),
        direct=st.booleans(),
    )


@cache
def claims(length: int, quotes: int) -> st.SearchStrategy[Claim]:
    """Claims whose ``attributed_to`` index one of ``quotes`` quotes."""
    probability = maybe(st.floats(0, 1))
    indexes = st.lists(st.integers(0, quotes - 1), max_size=2) if quotes else st.just([])
    return st.builds(
        Claim,
        span=spans(length),
        role=st.sampled_from(["fact", "opinion", "prescription", "prediction", "question"]),
        checkworthy=probability,
        loaded=probability,
        loaded_spans=st.lists(spans(length), max_size=1),
        attributed_to=indexes,
    )


@cache
def framing_terms(length: int) -> st.SearchStrategy[FramingTerm]:
    return st.builds(
        FramingTerm,
        span=spans(length),
        term=short(),
        lemma=short(),
        kind=st.sampled_from(["loaded", "act-verb", "act-noun"]),
        sentence=maybe(spans(length)),
        act=maybe(st.sampled_from(["ASSAULT", "ACCUSE", "THREATEN"])),
        source=maybe(short(8)),
        target=maybe(short(8)),
        weight=maybe(finite_floats()),
    )


_LABELS = st.sampled_from(["left", "center", "right"])
_LEAN_SCORES = st.dictionaries(_LABELS, st.floats(0, 1), max_size=3)


@cache
def leans(length: int) -> st.SearchStrategy[Lean]:
    evidence = st.builds(
        LeanEvidence,
        span=spans(length),
        weight=finite_floats(),
        scores=_LEAN_SCORES,
        terms=st.lists(short(), max_size=2),
    )
    return st.builds(
        Lean,
        label=_LABELS,
        scores=_LEAN_SCORES,
        terms=st.lists(short(), max_size=2),
        evidence=st.lists(evidence, max_size=2),
    )


@cache
def duplicates() -> st.SearchStrategy[Duplicate]:
    return st.builds(
        Duplicate,
        of=st.text("0123456789abcdef", min_size=16, max_size=16),
        kind=st.sampled_from(["exact", "near"]),
        similarity=st.floats(0, 1),
    )


@cache
def _nested(length: int) -> st.SearchStrategy[dict[str, Any]]:
    """The offset-based parts of an article of ``length`` characters (quotes before claims)."""
    return st.lists(attributions(length), max_size=2).flatmap(
        lambda quotes: st.fixed_dictionaries(
            {
                "quotes": st.just(quotes),
                "claims": st.lists(claims(length, len(quotes)), max_size=2),
                "mentions": st.lists(mentions(length), max_size=3),
                "events": st.lists(events(length), max_size=2),
                "lean": maybe(leans(length)),
                "genre": maybe(st.sampled_from(["news report", "opinion", "analysis"])),
                "genre_basis": st.dictionaries(short(10), finite_floats(), max_size=3),
                "framing": st.lists(framing_terms(length), max_size=2),
            }
        )
    )


_METADATA = st.fixed_dictionaries(
    {
        "title": maybe(short(60)),
        "description": maybe(short(60)),
        "url": maybe(short(40)),
        "outlet": maybe(short()),
        "authors": st.lists(short(), max_size=3),
        "published": maybe(datetimes()),
        "published_source": st.sampled_from(DateSource),
        "language": maybe(short(5)),
        "source_kind": st.sampled_from(SourceKind),
        "source": maybe(short(40)),
        "duplicate": maybe(duplicates()),
        "meta": st.dictionaries(short(10), json_values(), max_size=4),
    }
)
_TEXTS = texts(max_size=300)


@st.composite
def articles(draw: st.DrawFn, text: st.SearchStrategy[str] | None = None) -> Article:
    """An arbitrary valid article; its id is the hash of its text, as ``Article.create`` makes."""
    body = draw(text if text is not None else _TEXTS)
    return Article(
        id=article_id(body), text=body, **draw(_METADATA), **draw(_nested(len(body)))
    )
