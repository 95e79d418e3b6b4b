"""The brief's sentence splitting and cross-outlet consensus, on hand-written articles."""

from __future__ import annotations

import pytest

from manysides.compare.brief import consensus, split_sentences
from manysides.model import Article, Claim, Span


@pytest.mark.parametrize(("text", "expected"), [
    ("The U.S. said no. Mr. Smith left at 5 p.m. on Monday. Then he spoke.",
     ["The U.S. said no.", "Mr. Smith left at 5 p.m. on Monday.", "Then he spoke."]),
    ("“Go,” he said. A title\nThe body starts here!",
     ["“Go,” he said.", "A title", "The body starts here!"]),
    ("One sentence without an end", ["One sentence without an end"]),
    ("It rose 2.5 percent. Prices fell.", ["It rose 2.5 percent.", "Prices fell."]),
])
def test_brief_split_sentences(text: str, expected: list[str]) -> None:
    assert [s.of(text) for s in split_sentences(text)] == expected


def test_brief_split_sentences_within_a_part() -> None:
    text = "Skip this. Keep this one. And this one."
    part = Span(text.index("Keep"), len(text))
    assert [s.of(text) for s in split_sentences(text, part)] == ["Keep this one.",
                                                                 "And this one."]


SHARED = "The regional council closed the Osk bridge on Monday after engineers found cracks."
A1 = (f"Drivers face long detours this week. {SHARED} "
      "The mayor said the decision was a disgrace and bizarre.")
A2 = ("Engineers found cracks in the Osk bridge, and the regional council closed it on Monday. "
      "Commuters should avoid the old town until Friday.")
A3 = ("The Osk bridge was closed by the regional council on Monday because engineers found "
      "cracks. “We had no choice,” the council said.")


def _articles() -> list[Article]:
    return [Article(id=f"b{k}", text=t, outlet=f"Outlet {k}") for k, t in enumerate((A1, A2, A3))]


SAME = {SHARED, A2.split(". ")[0] + ".", A3.split(". ")[0] + "."}


def test_brief_consensus_prefers_what_all_outlets_share() -> None:
    best = consensus(_articles(), limit=3)
    assert best[0].text in SAME
    assert set(best[0].outlets) == {"Outlet 0", "Outlet 1", "Outlet 2"}
    assert len({c.article for c in best[0].support} | {best[0].article}) == 3
    for cand in best:
        assert cand.span.of({"b0": A1, "b1": A2, "b2": A3}[cand.article]) == cand.text


def test_brief_consensus_leaves_out_quotes_prescriptions_and_redundancy() -> None:
    texts = [c.text for c in consensus(_articles(), limit=5)]
    assert not any("should" in t or "“" in t for t in texts)
    assert len(SAME & set(texts)) == 1  # one of three ways to say it, not all three


def test_brief_consensus_skips_opinions_the_claims_stage_found() -> None:
    articles = _articles()
    start = A1.index(SHARED)
    articles[0].claims = [Claim(span=Span(start, start + len(SHARED)), role="opinion")]
    assert all(c.text != SHARED for c in consensus(articles, limit=5))


def test_brief_consensus_of_nothing() -> None:
    assert consensus([Article(id="x", text="Too short.")]) == []
