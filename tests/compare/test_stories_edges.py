"""Edge cases and the pieces: empty input, one article, chunking, evidence and date terms."""

from __future__ import annotations

import itertools
from datetime import datetime

import numpy as np
import pytest

from manysides.compare.clustering import cluster_similarity
from manysides.compare.stories import (
    cluster_stories,
    evidence_matrix,
    settings,
    similarity_matrix,
    split_chunks,
)
from manysides.model import Article, Event, Mention, Span


def test_stories_edges_empty_input():
    assert cluster_stories([]) == []


def test_stories_edges_one_article(corpus, encoder):
    (story,) = cluster_stories(corpus["theft"][:1], encoder=encoder)
    assert (story.id, story.articles, story.related) == ("s1", ["theft0"], [])
    assert story.label == corpus["theft"][0].title


def test_stories_edges_untitled_article_labelled_from_text(encoder):
    article = Article(id="x", text="Heavy snow closed the mountain pass above Tellin on Friday.")
    (story,) = cluster_stories([article], encoder=encoder)
    assert story.label.startswith("Heavy snow closed the mountain pass")


def test_stories_edges_duplicate_ids_listed_once(corpus, encoder):
    article = corpus["theft"][0]
    copy = Article(id=article.id, text=article.text, title=article.title)
    (story,) = cluster_stories([article, copy], encoder=encoder)
    assert story.articles == [article.id]


def test_stories_edges_threshold_in_settings_is_sane():
    assert 0.1 < float(settings()["threshold"]) < 0.9


@pytest.mark.parametrize("text", [
    "One short line.",
    "First paragraph is short.\n\nSecond one too.\n\nAnd a third.",
    ("A long sentence that goes on. " * 80).strip(),
    "Para one " * 50 + "\n\n" + "Para two " * 50 + "\n" + "tail.",
])
def test_stories_edges_chunks_are_ordered_disjoint_and_cover_the_words(text):
    chunks = split_chunks(text)
    assert chunks
    for left, right in itertools.pairwise(chunks):
        assert left.end <= right.start
    covered = " ".join(c.of(text) for c in chunks)
    assert covered.split() == text.split()
    assert all(len(c) <= 1150 for c in chunks)


def test_stories_edges_short_paragraphs_merge_into_one_chunk():
    text = "First paragraph is short.\n\nSecond one too.\n\nAnd a third."
    assert split_chunks(text) == [Span(0, len(text))]


def _with_actors(article_id: str, actors: list[str]) -> Article:
    article = Article(id=article_id, text=" ".join(actors))
    article.mentions = [Mention(span=Span(0, 1), text=a, actor=a, name=a) for a in actors]
    article.events = [Event(trigger=Span(0, 1), sentence=Span(0, 1), type="ASSAULT",
                            source=article.mentions[:1], target=article.mentions[1:2])]
    return article


def test_stories_edges_shared_actors_and_events_raise_similarity():
    a = _with_actors("a", ["KES", "ABL", "KES"])
    b = _with_actors("b", ["KES", "ABL"])
    c = _with_actors("c", ["ORV", "TEL"])
    bare = Article(id="d", text="no mentions")
    evidence = evidence_matrix([a, b, c, bare])
    assert evidence[0, 1] > 0.5
    assert evidence[0, 2] == 0.0
    assert evidence[0, 3] == 0.0 and evidence[3, 0] == 0.0
    sim = similarity_matrix([a, b, c, bare], np.eye(4, dtype=np.float32))
    assert sim[0, 1] > sim[0, 3] > sim[0, 2]  # c: another actor's assault (see happening)


def test_stories_edges_dates_far_apart_lower_similarity():
    early = Article(id="e", text="same words", published=datetime(2024, 1, 1))
    near = Article(id="n", text="same words", published=datetime(2024, 1, 3))
    late = Article(id="l", text="same words", published=datetime(2024, 6, 1))
    vectors = np.ones((3, 2), dtype=np.float32) / np.sqrt(2)
    sim = similarity_matrix([early, near, late], vectors)
    assert sim[0, 1] == pytest.approx(1.0)
    assert sim[0, 2] < 0.9


def test_stories_edges_cluster_similarity_cuts_at_the_threshold():
    sim = np.array([[1.0, 0.9, 0.1], [0.9, 1.0, 0.2], [0.1, 0.2, 1.0]])
    assert cluster_similarity(sim, 0.5).tolist() == [0, 0, 1]
    assert cluster_similarity(sim, 0.05).tolist() == [0, 1, 2]
    assert cluster_similarity(np.ones((1, 1)), 0.5).tolist() == [0]


def test_stories_annotate_task_labels_every_line(tmp_path) -> None:
    import json

    from click.testing import CliRunner

    from manysides.cli import cli

    texts = [
        "The dam above Varnholm burst on Tuesday night, flooding the lower town, officials said.",
        "Rescue teams in Varnholm searched flooded streets after the dam failure, the mayor said.",
        "Dock workers at Port Abelin walked out for a second day, leaving container ships idle.",
        "The strike at Port Abelin's docks entered its second day as the union rejected an offer.",
    ]
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": f"d{i}", "text": t}) + "\n"
                           for i, t in enumerate(texts)))
    result = CliRunner().invoke(cli, ["annotate", "stories", "--input", str(src)])
    assert result.exit_code == 0, result.output
    labels = {row["id"]: row["story"] for row in map(json.loads, result.output.splitlines())}
    assert labels["d0"] == labels["d1"] != labels["d2"] == labels["d3"]
