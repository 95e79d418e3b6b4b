"""cluster_stories recovers invented happenings told by several outlets, finding their number."""

from __future__ import annotations

import random

import pytest

from manysides.compare import cluster_stories
from manysides.model import Article


def _partition(stories) -> set[frozenset[str]]:
    return {frozenset(s.articles) for s in stories}


def _shuffled(corpus: dict[str, list[Article]], seed: int) -> list[Article]:
    articles = [a for items in corpus.values() for a in items]
    random.Random(seed).shuffle(articles)
    return articles


@pytest.mark.parametrize("seed", [0, 1])
def test_stories_cluster_recovers_three_happenings(corpus, encoder, seed):
    stories = cluster_stories(_shuffled(corpus, seed), encoder=encoder)
    expected = {frozenset(a.id for a in items) for items in corpus.values()}
    assert _partition(stories) == expected


def test_stories_cluster_ids_ordered_by_size_then_input(corpus, encoder):
    stories = cluster_stories(_shuffled(corpus, 0), encoder=encoder)
    assert [s.id for s in stories] == ["s1", "s2", "s3"]
    assert [len(s.articles) for s in stories] == [3, 3, 2]
    assert stories[2].articles == ["theft0", "theft1"] or set(stories[2].articles) == {
        "theft0", "theft1"}
    # the two three-article stories: the one whose first article comes first in the input wins
    articles = _shuffled(corpus, 0)
    first = {a.id[:-1]: i for i, a in reversed(list(enumerate(articles)))}
    top = min(("dam", "strike"), key=first.__getitem__)
    assert stories[0].articles[0].startswith(top)


def test_stories_cluster_label_is_a_member_title(corpus, encoder):
    stories = cluster_stories(_shuffled(corpus, 0), encoder=encoder)
    titles = {a.id: a.title for items in corpus.values() for a in items}
    for story in stories:
        assert story.label in {titles[i] for i in story.articles}


def test_stories_cluster_number_found_not_given(corpus, encoder):
    two = corpus["dam"] + corpus["theft"]
    assert len(cluster_stories(two, encoder=encoder)) == 2
    assert len(cluster_stories(corpus["strike"], encoder=encoder)) == 1


@pytest.mark.parametrize(("threshold", "count"), [(0.0, 8), (2.0, 1)])
def test_stories_cluster_threshold_extremes(corpus, encoder, threshold, count):
    articles = _shuffled(corpus, 0)
    assert len(cluster_stories(articles, threshold=threshold, encoder=encoder)) == count


def test_stories_cluster_deterministic_across_runs_and_orders(corpus, encoder):
    first = cluster_stories(_shuffled(corpus, 3), encoder=encoder)
    again = cluster_stories(_shuffled(corpus, 3), encoder=encoder)
    assert [(s.id, s.articles, s.related, s.label) for s in first] == [
        (s.id, s.articles, s.related, s.label) for s in again]
    other_order = cluster_stories(_shuffled(corpus, 4), encoder=encoder)
    assert _partition(other_order) == _partition(first)


def test_stories_cluster_far_apart_dates_split_a_story(corpus, encoder):
    from datetime import datetime

    dam = corpus["dam"]
    assert len(cluster_stories(dam, encoder=encoder)) == 1
    for article, when in zip(dam, ["2021-03-01", "2021-03-02", "2023-09-01"], strict=True):
        article.published = datetime.fromisoformat(when)
    stories = cluster_stories(dam, encoder=encoder)
    assert [set(s.articles) for s in stories] == [{"dam0", "dam1"}, {"dam2"}]
