"""Lean with its evidence sentences and terms, and genre by transparent rules over the claims."""

from __future__ import annotations

from typing import Any

import pytest

from manysides.model import Article, Attribution, Claim, Span
from manysides.nlp import heads
from manysides.nlp.lean import (
    GENRE_RULES,
    article_genre,
    article_lean,
    genre_features,
    sentence_lean,
)

LEFT = (
    "Corporate greed and tax cuts for billionaires have gutted the social safety net. "
    "Progressive lawmakers are fighting for Medicare for All and a living wage for workers. "
    "Republicans keep blocking voting rights protections and common-sense gun safety laws. "
    "Systemic racism in policing goes unaddressed while the climate crisis gets worse. "
    "The committee met on Tuesday."
)


def _features(**values: float) -> dict[str, float]:
    base = {"opinion_share": 0.0, "first_person": 0.0, "quote_density": 0.0, "words": 500.0}
    return {**base, **values}


@pytest.mark.parametrize(
    ("values", "genre", "rule"),
    [
        ({"opinion_share": 0.6}, "opinion", 0),
        ({"opinion_share": 0.3, "first_person": 0.2}, "opinion", 0),
        ({"opinion_share": 0.1, "quote_density": 0.5, "words": 2000}, "news report", 1),
        ({"opinion_share": 0.2, "quote_density": 0.1, "words": 1500}, "analysis", 2),
        ({"opinion_share": 0.35, "quote_density": 0.1}, "opinion", 3),
        ({"opinion_share": 0.1}, "news report", 4),
        ({"opinion_share": 0.9, "words": 49}, None, None),
    ],
)
def test_lean_genre_rules(values: dict[str, float], genre: str | None, rule: int | None) -> None:
    assert article_genre(_features(**values)) == (genre, rule)
    if rule is not None:
        assert GENRE_RULES[rule][0] == genre


def test_lean_none_for_a_text_too_short_to_read(encoder) -> None:
    short = Article.create("The committee met on Tuesday to discuss the budget.")
    assert article_lean([short]) == [None]
    assert article_lean([]) == []


def test_lean_genre_features_read_roles_first_person_and_quotes(nlp) -> None:
    from manysides.nlp.pipeline import parse

    text = ('I think we were wrong. Officials said the talks failed. '
            '"We will never give up," the minister said. The bridge reopened.')
    article = Article.create(text)
    (doc,) = parse([text])
    parts = ["I think we were wrong.", "Officials said the talks failed.",
             '"We will never give up," the minister said.', "The bridge reopened."]
    roles = ["opinion", "fact", "prediction", "fact"]
    article.claims = [Claim(Span(text.index(p), text.index(p) + len(p)), role=r)
                      for p, r in zip(parts, roles, strict=True)]
    quote = text.index('"We')
    article.quotes = [Attribution(content=Span(quote, text.index(',"') + 2), direct=True)]
    features = genre_features(article, doc)
    assert features["opinion_share"] == 0.25  # predictions are not the writer's judgement
    assert features["first_person"] == 0.5  # "I", "we"; the quoted "We" is the minister's
    assert features["quote_density"] == 0.5  # "said" twice, one of them with the quote
    assert features["words"] == len(text.split()) and features["sentences"] == 4


def test_lean_sentence_reading_is_the_heads_own(encoder) -> None:
    sentences = LEFT.split(". ")[:2]
    probs = sentence_lean(sentences)
    head = heads.load_head("lean")
    for row, (_, scores) in zip(probs, heads.predict_lean(sentences), strict=True):
        for label, p in zip(head.classes, row, strict=True):
            assert float(p) == pytest.approx(scores[label], abs=2e-3)


def test_lean_evidence_sentences_and_terms(nlp, encoder) -> None:
    from manysides.nlp.claims import extract_claims
    from manysides.nlp.pipeline import parse

    article = Article.create(LEFT)
    (doc,) = parse([LEFT])
    embeddings: dict[str, Any] = {}
    (article.claims,) = extract_claims([article], [doc], embeddings)
    (lean,) = article_lean([article], embeddings)
    assert lean is not None
    (label, scores), = heads.predict_lean([LEFT])
    assert (lean.label, lean.scores) == (label, scores)
    assert lean.terms and all(w in LEFT.lower() for t in lean.terms for w in t.split())
    assert lean.evidence
    weights = [e.weight for e in lean.evidence]
    assert weights == sorted(weights, reverse=True) and weights[-1] > 0
    claim_spans = {c.span for c in article.claims}
    for item in lean.evidence:
        assert item.span in claim_spans
        assert len(LEFT[item.span.start:item.span.end].split()) >= 8  # short ones not read alone
        own = item.scores[label] - max(p for k, p in item.scores.items() if k != label)
        assert own == pytest.approx(item.weight, abs=2e-4)
    # without the shared embeddings, the sentences are encoded on the spot
    (again,) = article_lean([article])
    assert again is not None
    assert [e.span for e in again.evidence] == [e.span for e in lean.evidence]
