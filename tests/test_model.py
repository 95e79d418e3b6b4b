from __future__ import annotations

import pickle
from datetime import UTC, datetime

import pytest

from manysides.model import (
    SCHEMA_VERSION,
    Article,
    Attribution,
    DateSource,
    Event,
    Mention,
    Quantity,
    Span,
    article_id,
)


def _article() -> Article:
    text = "Iran launched 300 drones at Israel on Saturday, officials said."
    article = Article.create(
        text, title="T", published=datetime(2024, 4, 14, tzinfo=UTC),
        published_source=DateSource.METADATA, authors=["A B"],
    )
    src = Mention(Span(0, 4), "Iran", "GPE", actor="IRN", country="IRN")
    tgt = Mention(Span(28, 34), "Israel", "GPE", actor="ISR", country="ISR")
    qty = Quantity(Span(14, 24), "drones", value=300, low=300, high=300, text="300 drones")
    article.mentions = [src, tgt]
    article.events = [Event(Span(5, 13), Span(0, len(text)), "ASSAULT", "195", [src], [tgt],
                            date="2024-04-13", quantities=[qty])]
    article.quotes = [Attribution(content=Span(0, 46), source=Span(48, 57), cue=Span(58, 62))]
    return article


def test_model_span_text_and_validation() -> None:
    article = _article()
    assert article.span_text(article.mentions[1].span) == "Israel"
    assert article.span_text(article.events[0].quantities[0].span) == "300 drones"
    with pytest.raises(ValueError):
        Span(5, 2)
    with pytest.raises(ValueError):
        Span(-1, 2)


def test_model_json_round_trip_is_identity() -> None:
    article = _article()
    data = article.to_dict()
    assert data["schema_version"] == SCHEMA_VERSION
    assert Article.from_json(article.to_json()) == article


def test_model_reuse_is_never_saved_and_not_compared() -> None:
    article = _article()
    article.reuse["vectors"] = [[0.5, 0.5]]
    data = article.to_dict()
    assert "reuse" not in data
    back = Article.from_json(article.to_json())
    assert back.reuse == {}
    assert back == article  # what a stage left for later is not part of the article's value
    with pytest.raises(ValueError, match="unknown field"):
        Article.from_dict({**data, "reuse": {}})


def test_model_pickles() -> None:
    article = _article()
    assert pickle.loads(pickle.dumps(article)) == article


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Hello   world", "hello world", True),
        ("Hello world\n\n", " hello\tworld", True),
        ("Hello world", "Hello worlds", False),
        ("ﬁne", "fine", True),  # NFKC folds the ligature
    ],
)
def test_model_article_id_normalises(a: str, b: str, same: bool) -> None:
    assert (article_id(a) == article_id(b)) is same
    assert len(article_id(a)) == 16


def test_model_rejects_unknown_fields_and_future_major_version() -> None:
    data = _article().to_dict()
    with pytest.raises(ValueError, match="unknown field"):
        Article.from_dict({**data, "bogus": 1})
    with pytest.raises(ValueError, match="schema_version"):
        Article.from_dict({**data, "schema_version": "2.0"})
