"""An article about one happening that discusses another in a paragraph: main story + related."""

from __future__ import annotations

from manysides.compare import cluster_stories


def _story_of(stories, article_id):
    return next(s for s in stories if article_id in s.articles)


def test_stories_related_mixed_article_in_main_story_and_related_to_other(corpus, mixed, encoder):
    articles = [*corpus["strike"], mixed, *corpus["dam"], *corpus["theft"]]
    stories = cluster_stories(articles, encoder=encoder)
    main = _story_of(stories, "mixed")
    assert set(main.articles) == {"dam0", "dam1", "dam2", "mixed"}
    strike = _story_of(stories, "strike0")
    assert strike.related == ["mixed"]
    theft = _story_of(stories, "theft0")
    assert theft.related == []
    assert "mixed" not in main.related


def test_stories_related_evidence_points_at_the_paragraph(corpus, mixed, encoder):
    articles = [*corpus["strike"], mixed, *corpus["dam"]]
    stories = cluster_stories(articles, encoder=encoder)
    record = mixed.meta["story"]
    assert record["id"] == _story_of(stories, "mixed").id
    (link,) = record["related"]
    assert link["story"] == _story_of(stories, "strike0").id
    start, end = link["spans"][0]
    assert "Port Abelin" in mixed.text[start:end]
    assert "cracked spillway" not in mixed.text[start:end]


def test_stories_related_none_for_single_topic_articles(corpus, encoder):
    articles = [*corpus["strike"], *corpus["dam"], *corpus["theft"]]
    stories = cluster_stories(articles, encoder=encoder)
    assert all(s.related == [] for s in stories)
    assert all(a.meta["story"]["related"] == [] for a in articles)
