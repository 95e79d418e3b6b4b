"""Framing: sentiment toward each actor mention (not the sentence), and the words an article
picks for acts and actors, with their offsets."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from manysides.model import Article, Attribution, Claim, Mention, Span
from manysides.nlp import heads
from manysides.nlp.claims import SentenceVectors
from manysides.nlp.framing import framing_terms, mention_sentiment, read_targets, sentence_of


def _mention(text: str, words: str, actor: str, nth: int = 0) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = text.index(words, start + 1)
    return Mention(Span(start, start + len(words)), words, actor=actor, name=words)


def test_framing_sentence_of_finds_the_sentence_holding_a_span() -> None:
    sentences = [Span(0, 10), Span(11, 30), Span(32, 40)]
    assert sentence_of(Span(12, 14), sentences) == Span(11, 30)
    assert sentence_of(Span(0, 3), sentences) == Span(0, 10)
    assert sentence_of(Span(30, 31), sentences) is None  # between sentences
    assert sentence_of(Span(45, 46), sentences) is None
    assert sentence_of(Span(1, 2), []) is None


def test_framing_sentiment_is_toward_each_actor_not_the_sentence(encoder) -> None:
    text = ("Critics blasted the corrupt governor for the disaster, while the mayor won praise "
            "for her calm leadership.")
    article = Article.create(text)
    article.claims = [Claim(Span(0, len(text)))]
    governor = _mention(text, "governor", "---GOV")
    mayor = _mention(text, "mayor", "---GOVLOC")
    article.mentions = [governor, mayor]
    mention_sentiment([article])
    assert (governor.sentiment, mayor.sentiment) == ("negative", "positive")
    assert governor.sentiment_score is not None and mayor.sentiment_score is not None
    assert mayor.sentiment_score > governor.sentiment_score + 0.5
    # exactly what the head says of each mention in its sentence
    expected = heads.predict_sentiment([(text, m.span.start, m.span.end)
                                        for m in (governor, mayor)])
    for mention, (label, scores) in zip((governor, mayor), expected, strict=True):
        assert mention.sentiment == label
        assert mention.sentiment_score == pytest.approx(
            scores["positive"] - scores["negative"], abs=3e-3)


def test_framing_one_reading_per_actor_and_sentence(encoder) -> None:
    text = "Iran said Iran would respond. Israel struck Iran."
    article = Article.create(text)
    article.claims = [Claim(Span(0, 29)), Claim(Span(30, len(text)))]
    first, second = _mention(text, "Iran", "IRN"), _mention(text, "Iran", "IRN", 1)
    third = _mention(text, "Iran", "IRN", 2)
    article.mentions = [first, second, third]
    mention_sentiment([article])
    assert (first.sentiment, first.sentiment_score) == (second.sentiment, second.sentiment_score)
    assert third.sentiment_score is not None  # its own sentence, its own reading


def test_framing_shared_vectors_read_as_predict_sentiment(encoder) -> None:
    sentences = ["Iran fired missiles at Israel, killing a girl.",
                 "Netanyahu praised the pilots who shot down the drones."]
    items = [(sentences[0], 0, 4), (sentences[0], 23, 29), (sentences[1], 0, 9)]
    vectors = SentenceVectors()
    vectors.encode(sentences, [[(0, 4), (23, 29)], [(0, 9)]])
    fast = read_targets(items, vectors)
    slow = heads.predict_sentiment(items)
    for (label, scores), (expected, expected_scores) in zip(fast, slow, strict=True):
        assert label == expected
        for key, value in expected_scores.items():
            assert scores[key] == pytest.approx(value, abs=2e-3)
    # a sentence the pass did not see is encoded on the spot, same result
    (other,) = read_targets([("Hamas attacked a village.", 0, 5)], vectors)
    assert other == heads.predict_sentiment([("Hamas attacked a village.", 0, 5)])[0]


def _analysed(text: str) -> tuple[Article, Any]:
    from manysides.nlp.claims import extract_claims
    from manysides.nlp.pipeline import parse_articles
    from manysides.stages import run_stages

    article = Article.create(text)
    run_stages([article], ["manysides.events.rules.v1"])
    (doc,) = parse_articles([article])
    (article.claims,) = extract_claims([article], [doc])
    return article, doc


def test_framing_terms_name_acts_and_loaded_phrases(nlp, encoder) -> None:
    text = ("Israeli troops murdered three aid workers in Gaza on Monday. "
            "Iran launched a strike on Israel. "
            "The murderous regime keeps lying to its people.")
    article, doc = _analysed(text)
    terms = framing_terms(article, doc)
    assert [t.span.start for t in terms] == sorted(t.span.start for t in terms)
    for term in terms:
        assert text[term.span.start:term.span.end] == term.term
        assert term.sentence is not None and term.sentence.contains(term.span)
    murdered = next(t for t in terms if t.term == "murdered")
    assert (murdered.kind, murdered.lemma, murdered.act) == ("act-verb", "murder", "ASSAULT")
    assert murdered.source is not None and murdered.source.startswith("ISR")
    strike = next(t for t in terms if t.lemma == "strike")
    assert strike.kind == "act-noun" and strike.act == "ASSAULT"
    loaded = {t.term: t for t in terms if t.kind == "loaded"}
    assert "murderous regime" in loaded
    assert loaded["murderous regime"].act is None and loaded["murderous regime"].weight


def test_framing_terms_leave_out_direct_quotes(nlp, encoder) -> None:
    text = 'The minister said: "They are murderous thugs and cowards." Talks resumed on Friday.'
    article, doc = _analysed(text)
    start = text.index('"')
    article.quotes = [Attribution(content=Span(start, text.index('."') + 2), direct=True)]
    terms = framing_terms(article, doc)
    assert not [t for t in terms if article.quotes[0].content.overlaps(t.span)]
    article.quotes = []
    assert any(t.kind == "loaded" and "murderous" in t.term for t in framing_terms(article, doc))


def test_framing_stage_fills_every_field_and_needs_events(nlp, encoder) -> None:
    from manysides.errors import PipelineError
    from manysides.stages import check_order, run_stages

    with pytest.raises(PipelineError, match="needs"):
        check_order(["manysides.framing.v1"])
    text = ("Israeli troops murdered three aid workers in Gaza on Monday, officials said. "
            "The government should stop this brutal war now. " * 3)
    (article,) = run_stages([Article.create(text)],
                            ["manysides.events.rules.v1", "manysides.quotes.rules.v1",
                             "manysides.framing.v1"])
    assert len(article.claims) == 6 and article.framing and article.events
    assert all(m.sentiment is not None for m in article.mentions)
    assert article.lean is not None and article.lean.label in ("left", "center", "right")
    assert article.genre in ("news report", "opinion", "analysis")
    assert article.genre_basis["sentences"] == 6
    assert Article.from_json(article.to_json()) == article


def test_framing_stage_leaves_story_vectors_for_the_comparison(nlp, encoder) -> None:
    from manysides.compare.stories import STORY_VECTORS, split_chunks
    from manysides.stages import run_stages

    paragraph = ("Rescue teams searched the flooded valley for a third day on {day}, officials "
                 "said. The river rose again overnight and more villages were cut off. ")
    text = "\n\n".join(paragraph.format(day=day) * 2 for day in ("Monday", "Tuesday", "Friday"))
    (article,) = run_stages([Article.create(text)],
                            ["manysides.events.rules.v1", "manysides.quotes.rules.v1",
                             "manysides.framing.v1"])
    title, spans, vectors = article.reuse[STORY_VECTORS]
    assert title is None and spans == [(c.start, c.end) for c in split_chunks(text)]
    assert len(spans) >= 2 and len(vectors) == len(spans)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert "reuse" not in article.to_dict()
