"""What the lean head reads: an article's words without its outlet's name, bylines and
boilerplate, cut into chunks spread over the article, pooled into one embedding."""

from __future__ import annotations

import numpy as np

from manysides.nlp import lean_text


def test_lean_text_cleaning_strips_outlet_byline_and_urls() -> None:
    text = ("By Jane Q. Doe and John Roe\n"
            "The council approved the budget on Monday, Daily Planet Online News learned.\n"
            "Read more at https://planet.example/story and follow @planetnews for updates.\n"
            "Advertisement\n"
            "Jane Q. Doe is a senior writer covering city hall.")
    cleaned = lean_text.clean_for_lean(text, outlet="Daily Planet (Web News)",
                                       authors=["Jane Q. Doe"])
    assert "approved the budget" in cleaned
    for gone in ("Daily Planet", "Jane", "https", "@planetnews", "Advertisement", "senior writer"):
        assert gone not in cleaned


def test_lean_text_outlet_variants() -> None:
    assert {"CNN (Web News)", "CNN"} <= lean_text.outlet_variants("CNN (Web News)")
    assert "Fox" in lean_text.outlet_variants("Fox Online News")


def test_lean_text_chunks_bounded() -> None:
    text = " ".join(f"Sentence number {i} has a few words in it." for i in range(100))
    chunks = lean_text.lean_chunks(text)
    assert len(chunks) == 1 and all(len(c.split()) >= 60 for c in chunks)
    assert lean_text.lean_chunks("Tiny.") == ["Tiny."]


def test_lean_text_spread_reaches_the_end_of_the_article() -> None:
    text = " ".join(f"Sentence number {i} has a few words in it." for i in range(100))
    every = lean_text.lean_chunks(text, limit=None)
    spread = lean_text.lean_spread(text, count=4)
    assert len(every) > 4 and len(spread) == 4
    assert spread[0] == every[0] and spread[-1] == every[-1]
    assert lean_text.lean_spread("Tiny.", count=4) == ["Tiny."]
    assert lean_text.lean_spread(text, count=1) == lean_text.lean_chunks(text)


def test_lean_text_pool_lean_means_each_articles_chunks() -> None:
    vectors = np.array([[1.0, 0.0], [0.0, 1.0], [3.0, 0.0]], dtype=np.float32)
    pooled = lean_text.pool_lean([["a", "b"], ["c"]], vectors)
    assert np.allclose(pooled, [[2 ** -0.5, 2 ** -0.5], [1.0, 0.0]])
