"""Attributions in the seed articles, through the real pipeline (ingest, events, quotes)."""

from __future__ import annotations

from pathlib import Path

import pytest

from manysides.model import Article, Attribution

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "seeds"


@pytest.fixture(scope="module")
def seed_articles() -> list[Article]:
    """Parsed once for the module (the function-scoped ``seeds`` fixture cannot serve here)."""
    if not SEEDS.is_dir():
        pytest.skip("../shared/corpus/seeds is not beside the checkout")
    from manysides.ingest import ingest
    from manysides.stages import run_stages

    articles = ingest([str(SEEDS)]).articles
    return run_stages(articles, ["manysides.events.rules.v1", "manysides.quotes.rules.v1"])


def _find(articles: list[Article], source_word: str) -> list[tuple[Article, Attribution]]:
    return [(a, q) for a in articles for q in a.quotes
            if q.source is not None and source_word in q.source.of(a.text)]


def _content_has(found: list[tuple[Article, Attribution]], *words: str) -> Attribution:
    for article, quote in found:
        content = quote.content.of(article.text)
        if all(word in content for word in words):
            return quote
    raise AssertionError(f"no content with {words}: "
                         f"{[q.content.of(a.text) for a, q in found]}")


def test_quotes_seeds_according_to_cnn(seed_articles: list[Article]) -> None:
    quote = _content_has(_find(seed_articles, "CNN"), "official", "will not participate")
    assert quote.speaker_kind == "outlet"


def test_quotes_seeds_biden_statement(seed_articles: list[Article]) -> None:
    quote = _content_has(_find(seed_articles, "Biden"), "convene my fellow G7 leaders",
                         "brazen attack")
    assert quote.direct and quote.speaker == "Joe Biden"


def test_quotes_seeds_biden_urged_to_take_the_win(seed_articles: list[Article]) -> None:
    quote = _content_has(_find(seed_articles, "Biden"), "take the win", "slow things down")
    assert quote.speaker == "Joe Biden"


def test_quotes_seeds_iranian_un_mission(seed_articles: list[Article]) -> None:
    indirect = _content_has(_find(seed_articles, "mission to the United Nations"),
                            "stood in support of Gaza", "didn’t direct them")
    assert indirect.speaker == "IRNGOV" and not indirect.direct
    direct = _content_has(_find(seed_articles, "the spokesman"), "fiercely autonomous")
    assert direct.speaker == "IRNGOV" and direct.direct
    later = _content_has(_find(seed_articles, "the spokesman"), "We are not involved")
    assert later.speaker == "IRNGOV"


def test_quotes_seeds_blinken(seed_articles: list[Article]) -> None:
    quote = _content_has(_find(seed_articles, "Blinken"), "not yet seen evidence",
                         "long relationship")
    assert quote.direct and quote.speaker == "Antony Blinken"
    assert quote.speaker_kind == "official"


def test_quotes_seeds_mahmoud_mirdawi(seed_articles: list[Article]) -> None:
    said = _content_has(_find(seed_articles, "Mahmoud Mirdawi"), "planned the attacks",
                        "its own")
    assert said.speaker == "Mahmoud Mirdawi" and said.speaker_kind == "official"
    quoted = [(a, q) for a, q in seed_articles_quotes(seed_articles)
              if q.speaker == "Mahmoud Mirdawi" and q.direct]
    _content_has(quoted, "Palestinian and Hamas decision")


def test_quotes_seeds_lina_khatib(seed_articles: list[Article]) -> None:
    found = _find(seed_articles, "Lina Khatib")
    first = _content_has(found, "An attack of such scope", "coordination with Iran")
    second = _content_has(found, "does not single-handedly make decisions")
    for quote in (first, second):
        assert quote.speaker == "Lina Khatib" and quote.speaker_kind == "expert"


def test_quotes_seeds_unnamed_officials(seed_articles: list[Article]) -> None:
    quote = _content_has(_find(seed_articles, "a U.S. official"), "corroborate this account")
    assert quote.speaker == "USAGOV" and quote.speaker_kind == "unnamed"
    members = _content_has(_find(seed_articles, "senior Hamas and Hezbollah members"),
                           "multi-front threat")
    assert members.cue is not None


def test_quotes_seeds_every_span_is_inside_its_article(seed_articles: list[Article]) -> None:
    for article in seed_articles:
        for quote in article.quotes:
            for span in (quote.content, quote.source, quote.cue):
                assert span is None or 0 <= span.start < span.end <= len(article.text)


def seed_articles_quotes(articles: list[Article]) -> list[tuple[Article, Attribution]]:
    return [(a, q) for a in articles for q in a.quotes]
