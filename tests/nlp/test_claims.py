"""Claims: one per sentence, with role, check-worthiness, loaded words (article offsets) and the
quotes they carry; the shared encoder pass gives the heads exactly what they compute alone."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from manysides.model import Article, Attribution, Span
from manysides.nlp import heads
from manysides.nlp.claims import (
    SentenceVectors,
    attach_quotes,
    extract_claims,
    read_sentences,
    sentence_spans,
)

TEXT = (
    "Officials said 300 drones were launched at the city on Saturday.\n\n"
    "Should the government resign over this disastrous, shameful failure?  "
    "The minister must apologise to every family today. "
    '"We will rebuild," the mayor said.'
)
SENTENCES = [
    "Officials said 300 drones were launched at the city on Saturday.",
    "The radical extremists in parliament are destroying this once-great nation.",
    "Should the government resign?",
]


def _parsed(text: str) -> tuple[Article, Any]:
    from manysides.nlp.pipeline import parse

    article = Article.create(text)
    (doc,) = parse([text])
    return article, doc


def test_claims_sentence_spans_are_trimmed_and_cover_each_sentence(nlp) -> None:
    article, doc = _parsed(TEXT)
    spans = sentence_spans(doc)
    texts = [s.of(article.text) for s in spans]
    assert texts[0] == "Officials said 300 drones were launched at the city on Saturday."
    assert all(t == t.strip() and t for t in texts)
    assert [s.start for s in spans] == sorted(s.start for s in spans)
    assert any(t.startswith("Should the government") for t in texts)


def test_claims_roles_loaded_words_and_quotes(nlp, encoder) -> None:
    article, doc = _parsed(TEXT)
    quote_start = TEXT.index('"We')
    article.quotes = [Attribution(content=Span(quote_start, quote_start + 17), direct=True)]
    (claims,) = extract_claims([article], [doc])
    by_text = {c.span.of(TEXT): c for c in claims}
    question = next(c for t, c in by_text.items() if t.startswith("Should"))
    assert question.role == "question"
    assert next(c for t, c in by_text.items() if "must apologise" in t).role == "prescription"
    for claim in claims:
        assert claim.checkworthy is not None and 0.0 <= claim.checkworthy <= 1.0
        assert claim.loaded is not None and 0.0 <= claim.loaded <= 1.0
        for span in claim.loaded_spans:  # article offsets, inside the sentence, a whole word
            assert claim.span.contains(span)
            assert TEXT[span.start:span.end].isalpha()
    quoted = [c for c in claims if c.attributed_to]
    assert [c.span.of(TEXT) for c in quoted] == ['"We will rebuild," the mayor said.']
    assert quoted[0].attributed_to == [0]


def test_claims_attach_quotes_by_overlap() -> None:
    quotes = [Attribution(content=Span(0, 5)), Attribution(content=Span(8, 20))]
    assert attach_quotes(Span(3, 9), quotes) == [0, 1]
    assert attach_quotes(Span(5, 8), quotes) == []


def test_claims_shared_pass_reads_as_the_heads_read_alone(encoder) -> None:
    readings = read_sentences(SENTENCES)
    roles = heads.predict_role(SENTENCES)
    loaded = heads.predict_loaded(SENTENCES)
    check = heads.predict_checkworthy(SENTENCES)
    for reading, (role, info), (score, words), worth in zip(
        readings, roles, loaded, check, strict=True
    ):
        assert reading.role == role
        assert reading.role_info["opinion"] == pytest.approx(info["opinion"], abs=2e-4)
        assert reading.loaded == pytest.approx(score, abs=2e-4)
        assert reading.loaded_words == words
        assert reading.checkworthy == pytest.approx(worth, abs=2e-4)


def test_claims_sentence_vectors_match_the_encoder(encoder) -> None:
    texts = ["Iran fired missiles at Israel.", "Biden spoke with Netanyahu on Sunday night."]
    targets = [[(0, 4), (24, 30)], [(0, 5), (17, 27)]]
    vectors = SentenceVectors()
    rows = vectors.encode(texts, targets)
    assert np.allclose(rows, encoder.encode(texts, 16, 128), atol=1e-5)
    for text, spans in zip(texts, targets, strict=True):
        for start, end in spans:
            _, expected = encoder.encode_spans([text], [(start, end)], 16, 128)
            got = vectors.span(text, start, end)
            assert got is not None and np.allclose(got, expected[0], atol=1e-5)
    assert vectors.span(texts[0], 1, 3) is None  # never asked for
    assert vectors.sentence("not encoded") is None


def test_claims_sentence_vectors_run_a_repeated_sentence_once(encoder, monkeypatch) -> None:
    repeated = "Iran fired missiles at Israel."
    texts = [repeated, "Share this story.", repeated]
    targets = [[(0, 4)], [], [(24, 30)]]
    seen: list[int] = []
    hidden = type(encoder)._hidden

    def counting(self, encodings, width=None):  # type: ignore[no-untyped-def]
        seen.append(len(encodings))
        return hidden(self, encodings, width)

    monkeypatch.setattr(type(encoder), "_hidden", counting)
    vectors = SentenceVectors()
    rows = vectors.encode(texts, targets)
    assert sum(seen) == 2
    assert np.array_equal(rows[0], rows[2])
    assert np.allclose(rows, encoder.encode(texts, 16, 128), atol=1e-5)
    for start, end in ((0, 4), (24, 30)):
        _, expected = encoder.encode_spans([texts[0]], [(start, end)], 16, 128)
        got = vectors.span(texts[2], start, end)
        assert got is not None and np.allclose(got, expected[0], atol=1e-5)


def _with_mentions(texts: list[str]) -> tuple[list[Article], list[Any]]:
    from manysides.nlp.pipeline import parse_articles
    from manysides.stages import run_stages

    articles = [Article.create(t) for t in texts]
    run_stages(articles, ["manysides.events.rules.v1"])  # actor mentions: the span targets
    return articles, parse_articles(articles)


AHEAD_TEXTS = [TEXT, "Iran fired missiles at Israel on Sunday. Israel said it shot most down."]


def test_claims_pass_started_ahead_is_taken_as_made_here(encoder, monkeypatch) -> None:
    """The pass ``start_encoding`` runs in the background is the pass ``extract_claims`` would
    make: same claims, same sentence and span vectors, bit for bit, and no second encoding."""
    from manysides.nlp.claims import AHEAD, start_encoding

    articles, docs = _with_mentions(AHEAD_TEXTS)
    assert any(a.mentions for a in articles)
    here = SentenceVectors()
    expected = extract_claims(articles, docs, vectors=here)
    runs: list[int] = []
    hidden = type(encoder)._hidden

    def counting(self, encodings, width=None):  # type: ignore[no-untyped-def]
        runs.append(len(encodings))
        return hidden(self, encodings, width)

    monkeypatch.setattr(type(encoder), "_hidden", counting)
    start_encoding(articles, docs)
    assert all(a.reuse[AHEAD] is articles[0].reuse[AHEAD] for a in articles)
    articles[0].reuse[AHEAD].future.result()
    encoded = len(runs)
    ahead = SentenceVectors()
    assert extract_claims(articles, docs, vectors=ahead) == expected
    assert len(runs) == encoded > 0  # nothing encoded again
    assert np.array_equal(ahead.vectors, here.vectors)
    assert ahead.spans.keys() == here.spans.keys()
    assert all(np.array_equal(ahead.spans[k], here.spans[k]) for k in here.spans)
    assert all(AHEAD not in a.reuse for a in articles)


def test_claims_pass_started_for_other_inputs_is_not_used(encoder) -> None:
    from manysides.nlp.claims import AHEAD, start_encoding

    articles, docs = _with_mentions(AHEAD_TEXTS)
    expected = extract_claims(articles[:1], docs[:1])
    abandon = start_encoding(articles, docs)
    # another batch (the first article alone, as when a failed batch is read again one by one)
    assert extract_claims(articles[:1], docs[:1]) == expected
    assert AHEAD not in articles[0].reuse and AHEAD in articles[1].reuse
    abandon()
    assert all(AHEAD not in a.reuse for a in articles)
    # other mentions (other targets) than the pass was started with
    start_encoding(articles, docs)
    articles[1].mentions = articles[1].mentions[:1]
    vectors, fresh = SentenceVectors(), SentenceVectors()
    extract_claims(articles, docs, vectors=vectors)
    assert all(AHEAD not in a.reuse for a in articles)
    extract_claims(articles, docs, vectors=fresh)
    assert vectors.spans.keys() == fresh.spans.keys()  # the spans of the mentions now held


def test_claims_sentence_vectors_stop_between_batches(encoder) -> None:
    import threading
    from concurrent.futures import CancelledError

    stop = threading.Event()
    stop.set()
    with pytest.raises(CancelledError):
        SentenceVectors().encode(SENTENCES, [[(0, 9)], [], [(0, 6)]], stop=stop)
