"""Body chunks read from the claims stage's sentence vectors instead of being encoded again, and
the TF-IDF cosine computed a block of rows at a time."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from manysides.compare import stories
from manysides.compare.stories import (
    BODY_VECTORS,
    embed_articles,
    keep_body_vectors,
    lexical_similarity,
    split_chunks,
)
from manysides.model import Article, Span


class Counting:
    """The real encoder, counting the texts it is asked to embed."""

    def __init__(self, encoder: Any) -> None:
        self.encoder = encoder
        self.texts: list[str] = []

    def encode(self, texts: list[str], max_length: int = 256) -> np.ndarray:
        self.texts.extend(texts)
        return np.asarray(self.encoder.encode(texts, max_length=max_length))


def _sentences(text: str) -> list[Span]:
    """Sentence spans of ``text`` cut at full stops (enough for these tests' texts)."""
    spans, start = [], 0
    for k, char in enumerate(text):
        if char == "." and (k + 1 == len(text) or text[k + 1].isspace()):
            stripped = text[start : k + 1]
            lead = len(stripped) - len(stripped.lstrip())
            spans.append(Span(start + lead, k + 1))
            start = k + 1
    return spans


def _long_article(encoder: Any, dam: list[Article]) -> tuple[Article, list[Span], np.ndarray]:
    text = "\n\n".join(a.text for a in dam)
    article = Article(id="long", text=text, title="The dam")
    sentences = _sentences(text)
    vectors = np.asarray(encoder.encode([s.of(text) for s in sentences], max_length=128))
    return article, sentences, vectors


def test_stories_reuse_body_chunks_are_the_mean_of_their_sentences(encoder, corpus):
    article, sentences, vectors = _long_article(encoder, corpus["dam"])
    keep_body_vectors(article, sentences, vectors)
    spans, kept = article.reuse[BODY_VECTORS]
    body = split_chunks(article.text)[1:]
    assert spans == [(c.start, c.end) for c in body] and len(body) >= 2
    middles = np.array([(s.start + s.end) / 2 for s in sentences])
    for (start, end), row in zip(spans, kept, strict=True):
        inside = (middles >= start) & (middles < end)
        mean = vectors[inside].mean(axis=0)
        assert np.allclose(row, mean / np.linalg.norm(mean), atol=1e-6)


def test_stories_reuse_kept_chunks_are_not_encoded_again(encoder, corpus):
    article, sentences, vectors = _long_article(encoder, corpus["dam"])
    counting = Counting(encoder)
    encoded = embed_articles([article], counting)
    assert len(counting.texts) == 1 + len(split_chunks(article.text))  # title, lead and body
    keep_body_vectors(article, sentences, vectors)
    counting.texts.clear()
    reused = embed_articles([article], counting)
    assert counting.texts == [article.title, split_chunks(article.text)[0].of(article.text)]
    assert np.allclose(reused.chunks[0][1:], article.reuse[BODY_VECTORS][1])
    # the two readings of the body agree on what the article is about
    assert float(reused.articles[0] @ encoded.articles[0]) > 0.95


def test_stories_reuse_ignored_when_the_chunks_differ(encoder, corpus):
    article, sentences, vectors = _long_article(encoder, corpus["dam"])
    keep_body_vectors(article, sentences, vectors)
    article.text = article.text + "\n\n" + "A closing paragraph added later, long enough. " * 8
    counting = Counting(encoder)
    embed_articles([article], counting)
    assert len(counting.texts) == 1 + len(split_chunks(article.text))


def test_stories_reuse_nothing_kept_when_a_chunk_has_no_read_sentence(encoder, corpus):
    article, sentences, vectors = _long_article(encoder, corpus["dam"])
    vectors = vectors.copy()
    last = split_chunks(article.text)[-1]
    for k, span in enumerate(sentences):
        if span.start >= last.start:
            vectors[k] = 0  # too short to have been read
    keep_body_vectors(article, sentences, vectors)
    assert BODY_VECTORS not in article.reuse


def test_stories_reuse_short_article_keeps_nothing():
    article = Article(id="short", text="One paragraph only, the lead.")
    keep_body_vectors(article, [Span(0, len(article.text))], np.ones((1, 384), np.float32))
    assert BODY_VECTORS not in article.reuse


@pytest.mark.parametrize("rows", [1, 2, 5])
def test_stories_reuse_lexical_blocks_equal_the_whole_product(monkeypatch, corpus, rows):
    from sklearn.feature_extraction.text import TfidfVectorizer

    articles = corpus["dam"] + [Article(id="x", text="Nothing in common with the others.")]
    texts = [f"{a.title or ''}\n{a.text}" for a in articles]
    matrix = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(texts)
    whole = (matrix @ matrix.T).toarray()
    monkeypatch.setattr(stories, "LEXICAL_ROWS", rows)
    assert np.allclose(lexical_similarity(articles), whole, atol=1e-6)
