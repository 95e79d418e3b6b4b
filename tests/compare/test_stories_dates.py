"""Stories and dates: reference dates keep stories apart; a dated mention of another story's
days links an article to that story."""

from __future__ import annotations

from datetime import UTC, datetime

import numpy as np
import pytest
from contrast_helpers import event

from manysides.compare.stories import article_day, cluster_stories
from manysides.model import Article


@pytest.mark.parametrize(("published", "reference", "expected"), [
    (datetime(1970, 1, 3, tzinfo=UTC), "1999-01-01", 2.0),
    (None, "1970-01-03", 2.0),
    (None, "1970-01", 15.0),
    (None, {"date": "1970-01-03", "source": "inferred"}, 2.0),  # the date stage's record
    (None, {"date": None, "source": "none"}, None),
    (None, "not a date", None),
    (None, None, None),
])
def test_stories_article_day(published: datetime | None, reference: object,
                             expected: float | None) -> None:
    article = Article(id="a", text="x", published=published)
    if reference is not None:
        article.meta["reference_date"] = reference
    assert article_day(article) == expected


def _articles(dates: list[str]) -> list[Article]:
    out = []
    for k, day in enumerate(dates):
        article = Article(id=f"a{k}", text="")
        article.meta["reference_date"] = day
        out.append(article)
    return out


class _Close:
    """Every two different texts embed to vectors with cosine 0.8 (a shared axis and one of
    their own)."""

    def encode(self, texts: list[str]) -> np.ndarray:
        own = {t: k for k, t in enumerate(dict.fromkeys(texts))}
        out = np.zeros((len(texts), len(own) + 1), dtype=np.float32)
        for row, t in enumerate(texts):
            out[row, 0], out[row, own[t] + 1] = np.sqrt(0.8), np.sqrt(0.2)
        return out


TEXTS = [
    "The coastal defence plan was debated by the regional council on a stormy evening.",
    "Fishermen asked the council to finish the harbour wall before the winter storms.",
    "A ministry report said the budget for coastal defence would double next year.",
    "Engineers warned that the old sea wall near the ferry port could give way.",
]


def test_stories_reference_dates_keep_similar_texts_apart() -> None:
    articles = _articles(["2024-04-14", "2024-04-15", "2023-10-07", "2023-10-08"])
    for article, text in zip(articles, TEXTS, strict=True):
        article.text = text
    stories = cluster_stories(articles, encoder=_Close())
    assert sorted(sorted(s.articles) for s in stories) == [["a0", "a1"], ["a2", "a3"]]
    for article in articles:
        article.meta.pop("reference_date")
    assert len(cluster_stories(articles, encoder=_Close())) == 1


def test_stories_dated_mention_links_to_the_other_story() -> None:
    articles = _articles(["2024-04-14", "2024-04-15", "2023-10-07", "2023-10-08"])
    for article, words in zip(articles, TEXTS, strict=True):
        article.text = words
    text = TEXTS[0] + " It follows the raid of 7 October on the harbour of Velmar."
    articles[0].text = text
    raid = event(text, "raid", "ASSAULT", date="2023-10-07")
    articles[0].events = [raid]
    stories = cluster_stories(articles, encoder=_Close())
    april = next(s for s in stories if "a0" in s.articles)
    october = next(s for s in stories if "a2" in s.articles)
    assert october.related == ["a0"] and april.related == []
    (evidence,) = articles[0].meta["story"]["related"]
    assert evidence["story"] == october.id and evidence["basis"] == "date"
    assert evidence["spans"] == [[raid.sentence.start, raid.sentence.end]]
    raid.mode = "hypothetical"
    cluster_stories(articles, encoder=_Close())
    assert articles[0].meta["story"]["related"] == []
