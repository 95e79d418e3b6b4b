"""The reference story (../shared/corpus/seeds), read by the real stages: lean with evidence,
genre, and the loaded and framing words of each side. Skipped when ../shared is absent.

What holds and is asserted here: 000 (left activist op-ed) reads left, with evidence sentences
and terms; 002 (news summary) reads center and as a news report; 003 reads as an analysis; the
op-eds (000, 001's first article) read as opinion and 001's second article as a news report;
"murdered" is an act word of 000, "genocide" and "rogue" loaded words of 000 (from the curated
general loaded vocabulary beside BABE's), and "murderous Mullahs" and "death cult" loaded
phrases of 001. What the heads do not give (so not asserted): 001's op-ed reads left, not right;
sentiment toward Israel, Netanyahu and Iran is negative in both op-eds (the sentiment head reads
the tone of the sentence around a name more than the writer's stance, as NewsMTSC's labels
do: there, a target on the receiving end of a bad act is mostly labelled negative).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from manysides.model import Article


@pytest.fixture
def analysed(seeds: Path) -> dict[str, Article]:
    return _analyse(seeds)


@cache  # the stages run once for the module, whatever the test order
def _analyse(seeds: Path) -> dict[str, Article]:
    from manysides.ingest import ingest
    from manysides.stages import run_stages

    articles = run_stages(ingest([seeds]).articles)
    out: dict[str, Article] = {}
    for article in articles:
        name = Path((article.source or "").split("#")[0]).name[:3]
        part = (article.source or "").partition("#")[2]
        out[name + (f"#{part}" if part else "")] = article
    return out


def _terms(article: Article) -> dict[str, str]:
    return {t.term.lower(): t.kind for t in article.framing}


def test_seeds_left_op_ed_reads_left_with_evidence(analysed: dict[str, Article]) -> None:
    article = analysed["000"]
    assert article.lean is not None and article.lean.label == "left"
    assert article.lean.scores["left"] > article.lean.scores["right"]
    assert article.lean.terms and article.lean.evidence
    for item in article.lean.evidence:
        assert item.weight > 0 and item.scores["left"] > item.scores["right"]
        assert article.text[item.span.start:item.span.end].strip()


def test_seeds_news_summary_reads_center_and_as_a_report(analysed: dict[str, Article]) -> None:
    article = analysed["002"]
    assert article.lean is not None and article.lean.label == "center"
    assert article.genre == "news report"


def test_seeds_genres(analysed: dict[str, Article]) -> None:
    genres = {key: article.genre for key, article in analysed.items()}
    assert genres == {"000": "opinion", "001#1": "opinion", "001#2": "news report",
                      "002": "news report", "003": "analysis"}
    assert analysed["003"].genre_basis["words"] > 1000


def test_seeds_loaded_and_framing_words_of_each_side(analysed: dict[str, Article]) -> None:
    left = _terms(analysed["000"])
    assert left.get("murdered") == "act-verb"
    assert left.get("genocide") == "loaded"
    assert any("rogue" in term.split() and kind == "loaded" for term, kind in left.items())
    right = _terms(analysed["001#1"])
    assert right.get("murderous mullahs") == "loaded"
    assert any(" ".join(term.split()) == "death cult" and kind == "loaded"
               for term, kind in right.items())
    # the news report beside it names acts without those words
    report = _terms(analysed["001#2"])
    assert "murderous mullahs" not in report and "murdered" not in report


def test_seeds_every_mention_read_and_every_claim_scored(analysed: dict[str, Article]) -> None:
    for article in analysed.values():
        assert article.claims and all(c.checkworthy is not None for c in article.claims
                                      if len(c.span) >= 3)
        read = [m for m in article.mentions if m.sentiment is not None]
        assert len(read) >= 0.9 * len(article.mentions)
        for mention in read:
            assert mention.sentiment_score is not None and -1 <= mention.sentiment_score <= 1
