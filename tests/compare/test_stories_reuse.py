"""The pieces story clustering reads, kept by the claims stage (titles embedded, lead and body
chunks from their sentences' vectors) so the comparison encodes nothing again; and the TF-IDF
cosine computed a block of rows at a time."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from manysides.compare import stories
from manysides.compare.stories import (
    STORY_VECTORS,
    embed_articles,
    keep_story_vectors,
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


def test_stories_reuse_chunks_are_the_length_weighted_mean_of_their_sentences(encoder, corpus):
    article, sentences, vectors = _long_article(encoder, corpus["dam"])
    counting = Counting(encoder)
    keep_story_vectors([article], [sentences], [vectors], counting)
    assert counting.texts == [article.title]  # only the title is encoded
    title, spans, rows = article.reuse[STORY_VECTORS]
    chunks = split_chunks(article.text)
    assert title == article.title and len(chunks) >= 3
    assert spans == [(c.start, c.end) for c in chunks] and len(rows) == 1 + len(chunks)
    assert np.allclose(rows[0], encoder.encode([article.title])[0], atol=1e-6)
    middles = np.array([(s.start + s.end) / 2 for s in sentences])
    sizes = np.array([len(s) for s in sentences], dtype=np.float32)
    for (start, end), row in zip(spans, rows[1:], strict=True):  # the lead, then the body
        inside = (middles >= start) & (middles < end)
        assert inside.sum() >= 1
        mean = (vectors[inside] * sizes[inside, None]).sum(axis=0)
        assert np.allclose(row, mean / np.linalg.norm(mean), atol=1e-6)
        if inside.sum() > 1 and len(set(sizes[inside])) > 1:  # not the plain mean
            plain = vectors[inside].mean(axis=0)
            assert not np.allclose(row, plain / np.linalg.norm(plain), atol=1e-4)


def test_stories_reuse_kept_pieces_are_not_encoded_again(encoder, corpus):
    article, sentences, vectors = _long_article(encoder, corpus["dam"])
    counting = Counting(encoder)
    encoded = embed_articles([article], counting)
    assert len(counting.texts) == 1 + len(split_chunks(article.text))  # title, lead and body
    keep_story_vectors([article], [sentences], [vectors], encoder)
    counting.texts.clear()
    reused = embed_articles([article], counting)
    assert counting.texts == []
    assert np.allclose(reused.chunks[0], article.reuse[STORY_VECTORS][2][1:])
    # the two readings of the lead and body agree on what the article is about: each is far
    # nearer the other than any article of another story
    others = embed_articles(corpus["strike"] + corpus["theft"], encoder).articles
    same = float(reused.articles[0] @ encoded.articles[0])
    assert same > 0.9
    assert same > float((others @ reused.articles[0]).max()) + 0.3


def test_stories_reuse_ignored_when_the_pieces_differ(encoder, corpus):
    article, sentences, vectors = _long_article(encoder, corpus["dam"])
    keep_story_vectors([article], [sentences], [vectors], encoder)
    counting = Counting(encoder)
    article.title = "Another title"
    embed_articles([article], counting)
    assert len(counting.texts) == 1 + len(split_chunks(article.text))
    article.title = "The dam"
    article.text = article.text + "\n\n" + "A closing paragraph added later, long enough. " * 8
    counting.texts.clear()
    embed_articles([article], counting)
    assert len(counting.texts) == 1 + len(split_chunks(article.text))


def test_stories_reuse_chunk_with_no_read_sentence_is_encoded(encoder, corpus):
    article, sentences, vectors = _long_article(encoder, corpus["dam"])
    vectors = vectors.copy()
    last = split_chunks(article.text)[-1]
    for k, span in enumerate(sentences):
        if span.start >= last.start:
            vectors[k] = 0  # too short to have been read
    counting = Counting(encoder)
    keep_story_vectors([article], [sentences], [vectors], counting)
    assert counting.texts == [article.title, last.of(article.text)]
    rows = article.reuse[STORY_VECTORS][2]
    assert np.allclose(rows[-1], encoder.encode([last.of(article.text)], max_length=128),
                       atol=1e-6)


def test_stories_reuse_untitled_one_chunk_article():
    article = Article(id="short", text="One paragraph only, the lead.")
    counting = Counting(_Fixed())
    keep_story_vectors([article], [[Span(0, len(article.text))]],
                       [np.ones((1, 384), np.float32)], counting)
    assert counting.texts == []  # the lead is its one sentence
    assert np.allclose(article.reuse[STORY_VECTORS][2], np.full((1, 384), 384 ** -0.5))
    assert embed_articles([article], counting).articles.shape == (1, 384)
    assert counting.texts == []
    # a lead whose one sentence was too short to be read is encoded
    keep_story_vectors([article], [[Span(0, len(article.text))]],
                       [np.zeros((1, 384), np.float32)], counting)
    assert counting.texts == [article.text]


class _Fixed:
    def encode(self, texts: list[str], max_length: int = 256) -> np.ndarray:
        out = np.zeros((len(texts), 384), dtype=np.float32)
        out[:, 0] = 1.0
        return out


@pytest.mark.parametrize("rows", [1, 2, 5])
def test_stories_reuse_lexical_blocks_equal_the_whole_product(monkeypatch, corpus, rows):
    from sklearn.feature_extraction.text import TfidfVectorizer

    articles = corpus["dam"] + [Article(id="x", text="Nothing in common with the others.")]
    texts = [f"{a.title or ''}\n{a.text}" for a in articles]
    matrix = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(texts)
    whole = (matrix @ matrix.T).toarray()
    monkeypatch.setattr(stories, "LEXICAL_ROWS", rows)
    assert np.allclose(lexical_similarity(articles), whole, atol=1e-6)
