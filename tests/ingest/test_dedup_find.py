"""Exact and near duplicates are marked on the later copy, never dropped."""

from __future__ import annotations

import random

import pytest

from manysides.ingest import find_duplicates
from manysides.ingest.dedup import shingle_hashes
from manysides.model import Article, Duplicate

WORDS = [
    *("harbour", "ferry", "council", "budget", "storm", "repairs", "officials", "crossing"),
    *("vote", "library", "bridge", "river", "minister", "tuesday", "morning", "statement"),
    *("port", "authority", "operators", "city", "residents", "weather", "damage"),
]


def _text(seed: int, words: int = 300) -> str:
    rng = random.Random(seed)
    return " ".join(rng.choice(WORDS) for _ in range(words)) + "."


def _edit(text: str, every: int) -> str:
    """``text`` with one word in ``every`` replaced."""
    words = text.split()
    return " ".join("CHANGED" if n % every == 0 else w for n, w in enumerate(words))


def test_dedup_exact_copy_marked_on_later_article() -> None:
    first = Article.create(_text(1), source="a.txt")
    copy = Article.create("  " + _text(1).upper() + "\n", source="b.txt")  # same normalised text
    other = Article.create(_text(2), source="c.txt")
    articles = [first, copy, other]
    find_duplicates(articles)
    assert articles == [first, copy, other]
    assert first.duplicate is None and other.duplicate is None
    assert copy.duplicate == Duplicate(of=first.id, kind="exact", similarity=1.0, source="a.txt")


@pytest.mark.parametrize(("every", "near"), [(300, True), (100, True), (10, False), (3, False)])
def test_dedup_near_copy_by_threshold(every: int, near: bool) -> None:
    original = Article.create(_text(3))
    edited = Article.create(_edit(_text(3), every))
    find_duplicates([original, edited], threshold=0.8, shingle_words=5)
    assert original.duplicate is None
    if near:
        assert edited.duplicate is not None
        assert (edited.duplicate.of, edited.duplicate.kind) == (original.id, "near")
        assert 0.8 <= edited.duplicate.similarity < 1.0
    else:
        assert edited.duplicate is None


def test_dedup_existing_articles_are_originals() -> None:
    stored = Article.create(_text(4), source="old.txt")
    new_exact = Article.create(_text(4), source="new.txt")
    new_near = Article.create(_edit(_text(4), 100), source="near.txt")
    find_duplicates([new_exact, new_near], existing=[stored])
    assert new_exact.duplicate == Duplicate(
        of=stored.id, kind="exact", similarity=1.0, source="old.txt"
    )
    assert new_near.duplicate is not None and new_near.duplicate.of == stored.id
    assert new_near.duplicate.source == "old.txt"
    assert stored.duplicate is None


def test_dedup_reading_a_stored_article_again_is_not_a_copy() -> None:
    original = Article.create(_text(6), source="a.txt")
    copy = Article.create(_edit(_text(6), 100), source="b.txt")
    find_duplicates([original, copy])
    assert copy.duplicate is not None
    again = [Article.create(_text(6), source="a.txt"), Article.create(copy.text, source="b.txt")]
    find_duplicates(again, existing=[original, copy])
    assert again[0].duplicate is None
    assert again[1].duplicate == copy.duplicate


def test_dedup_points_at_an_original_never_at_a_duplicate() -> None:
    original = Article.create(_text(5))
    copy = Article.create(_edit(_text(5), 100))
    copy_of_copy = Article.create(_edit(_edit(_text(5), 100), 250))  # closer to copy than original
    find_duplicates([original, copy, copy_of_copy])
    assert copy.duplicate is not None and copy_of_copy.duplicate is not None
    assert copy.duplicate.of == copy_of_copy.duplicate.of == original.id
    assert copy_of_copy.duplicate.similarity < 1.0


def test_dedup_recomputes_stale_marks_and_handles_wordless_texts() -> None:
    article = Article.create(_text(6))
    article.duplicate = Duplicate(of="stale", kind="near", similarity=0.9)
    empty = Article.create("…")
    find_duplicates([article, empty])
    assert article.duplicate is None and empty.duplicate is None


@pytest.mark.parametrize(
    ("text", "size", "count"),
    [
        ("One two, three!", 5, 1),  # fewer words than a shingle: one shingle of all
        ("a b c d", 2, 3),
        ("a b a b a b", 2, 2),  # "a b" and "b a": two distinct shingles
        ("", 5, 0),
    ],
)
def test_dedup_shingle_hashes(text: str, size: int, count: int) -> None:
    assert len(set(shingle_hashes(text, size).tolist())) == count


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        ("Drones  flew, OVER the city", "drones flew over the city", True),
        ("drones flew over the city", "the city flew over drones", False),
    ],
)
def test_dedup_shingle_hashes_normalised_and_order_sensitive(first, second, same) -> None:
    assert (shingle_hashes(first, 5).tolist() == shingle_hashes(second, 5).tolist()) is same


@pytest.mark.parametrize(("threshold", "words"), [(0.0, 5), (1.5, 5), (0.8, 0), (0.8, 65)])
def test_dedup_bad_settings_refused(threshold: float, words: int) -> None:
    with pytest.raises(ValueError):
        find_duplicates([], threshold=threshold, shingle_words=words)
