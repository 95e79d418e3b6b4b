"""Hand-built articles for the report tests: one with every field and container filled."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from manysides.model import (
    Article,
    Attribution,
    Claim,
    DateSource,
    Duplicate,
    Event,
    Mention,
    Quantity,
    SourceKind,
    Span,
)

TEXT = (
    'Police fired tear gas in Port Aldine yesterday, "to restore order", a spokesperson said.\n\n'
    "Twelve people were injured, according to the emergency service; «14», say medics. 👍🏽"
)


def rich_article() -> Article:
    """Every field set, every container non-empty, an aware datetime and unicode text."""
    police = Mention(
        Span(0, 6),
        "Police",
        "ORG",
        actor="VELPOL",
        name="Velmarian police",
        country="VEL",
        sector="GOV",
    )
    return Article(
        id="0123456789abcdef",
        text=TEXT,
        title='Tear gas, "order" and a, b; c',
        description="A standfirst\nwith a newline",
        url="https://civic-wire.example/a",
        outlet="Civic Wire",
        authors=["Lena Orsk", "Ana Ñúñez"],
        published=datetime(2025, 9, 10, 7, 40, tzinfo=timezone(timedelta(hours=1))),
        published_source=DateSource.METADATA,
        language="en",
        source_kind=SourceKind.HTML,
        source="examples/corpus/civic-wire.html",
        duplicate=Duplicate(of="fedcba9876543210", kind="near", similarity=0.875),
        mentions=[police, Mention(Span(37, 46), "yesterday", "DATE", resolved_from=Span(0, 6))],
        events=[_rich_event(police)],
        claims=[
            Claim(
                Span(0, 88),
                role="fact",
                checkworthy=0.7,
                loaded=0.1,
                loaded_spans=[Span(7, 12)],
                attributed_to=[0],
            )
        ],
        quotes=[
            Attribution(
                content=Span(48, 66),
                source=Span(68, 82),
                cue=Span(83, 87),
                speaker="police spokesperson",
                direct=True,
            )
        ],
        meta={"lean": {"score": -0.2, "labels": ["centre"]}, "note": None},
    )


def plain_article() -> Article:
    """Only the required fields; a naive datetime; defaults everywhere else."""
    return Article.create(
        "Just text, no metadata.", published=datetime(2025, 9, 13), published_source=DateSource.TEXT
    )


def _rich_event(police: Mention) -> Event:
    """The one event of :func:`rich_article`: police fired tear gas, twelve injured."""
    return Event(
        trigger=Span(7, 12),
        sentence=Span(0, 88),
        type="ASSAULT",
        cameo="175",
        source=[police],
        mode="reported",
        date="2025-09-09",
        date_span=Span(37, 46),
        location="Port Aldine",
        location_span=Span(25, 36),
        quantities=[
            Quantity(Span(90, 96), "injured", value=12.0, low=12.0, high=12.0, text="Twelve")
        ],
        id="e1",
    )
