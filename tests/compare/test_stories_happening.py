"""Same topic, another happening: who did what in the leads keeps stories apart, and a dated
mention of another story's happening links an article to it."""

from __future__ import annotations

import numpy as np
import pytest

from manysides.compare import stories
from manysides.compare.clustering import scale_by_density
from manysides.compare.stories import (
    cluster_stories,
    density_settings,
    happening_matrix,
    similarity_matrix,
)
from manysides.model import Article, Event, Mention, Span

RAID = ("Fighters of the Osk Front crossed into Ardenia on Saturday and attacked border towns, "
        "officials said. ")
BARRAGE = "Calvera fired missiles at Ardenia overnight, officials said. "
FILLER = "The region has long been tense and the talks between the capitals have stalled. " * 3


def _mention(text: str, words: str, code: str, start: int = 0) -> Mention:
    at = text.index(words, start)
    return Mention(span=Span(at, at + len(words)), text=words, actor=code, name=words,
                   country=code)


def _event(text: str, trigger: str, source: tuple[str, str], target: tuple[str, str],
           start: int = 0, date: str | None = None) -> Event:
    at = text.index(trigger, start)
    end = text.find(". ", at)
    sentence_start = text.rfind(". ", 0, at)
    sentence = Span(sentence_start + 2 if sentence_start >= 0 else 0, end + 1)
    event = Event(trigger=Span(at, at + len(trigger)), sentence=sentence, type="ASSAULT",
                  source=[_mention(text, *source, start=sentence.start)],
                  target=[_mention(text, *target, start=sentence.start)], date=date)
    if date is not None:
        event.date_span = Span(at, at + len(trigger))
    return event


def _article(article_id: str, lead: str, trigger: str, source: tuple[str, str],
             extra: str = "", extra_event: tuple[str, tuple[str, str], str] | None = None
             ) -> Article:
    text = lead + FILLER + extra
    article = Article(id=article_id, text=text)
    article.events = [_event(text, trigger, source, ("Ardenia", "ARD"))]
    article.mentions = [m for e in article.events for m in (*e.source, *e.target)]
    if extra_event is not None:
        word, side, date = extra_event
        found = _event(text, word, side, ("Ardenia", "ARD"), start=len(lead + FILLER), date=date)
        article.events.append(found)
        article.mentions.extend([*found.source, *found.target])
    return article


class _Same:
    """A stand-in encoder that sees one topic only: every text gets the same vector."""

    def encode(self, texts: list[str]) -> np.ndarray:
        return np.ones((len(texts), 4), dtype=np.float32) / 2


def _merging_all(articles: list[Article]) -> float:
    """A threshold at which the articles' similarity without the happening term (scaled by
    the neighbourhood density, as clustering does) merges all."""
    vectors = np.ones((len(articles), 4), dtype=np.float32) / 2
    cosine, both = happening_matrix(articles)
    penalty = stories.HAPPENING_WEIGHT * np.where(
        both, np.maximum(stories.HAPPENING_BASELINE - cosine, 0), 0)
    base = scale_by_density(similarity_matrix(articles, vectors) + penalty, density_settings())
    return float(1 - base.min() + 0.01)


def test_happening_matrix_who_did_what_in_the_lead():
    raid = _article("r1", RAID, "attacked", ("Osk Front", "OSK"))
    barrage = _article("b1", BARRAGE, "fired", ("Calvera", "CAL"))
    late = _article("b2", FILLER * 4 + BARRAGE, "fired", ("Calvera", "CAL"))
    bare = Article(id="x", text="No events here.")
    cosine, both = happening_matrix([raid, barrage, late, bare])
    assert cosine[0, 1] == pytest.approx(0.0) and cosine[1, 2] == pytest.approx(1.0)
    assert both[0, 1] and both[1, 2] and not both[0, 3] and not both[3, 3]


def test_happening_only_lowers_the_similarity():
    raid = _article("r1", RAID, "attacked", ("Osk Front", "OSK"))
    raid2 = _article("r2", RAID.replace("border towns", "two villages"), "attacked",
                     ("Osk Front", "OSK"))
    barrage = _article("b1", BARRAGE, "fired", ("Calvera", "CAL"))
    vectors = np.ones((3, 2), dtype=np.float32) / np.sqrt(2)
    sim = similarity_matrix([raid, raid2, barrage], vectors)
    weight, baseline = stories.HAPPENING_WEIGHT, stories.HAPPENING_BASELINE
    assert sim[0, 1] <= 1.0
    assert sim[0, 2] < sim[1, 2] + 1e-6 and sim[0, 2] < sim[0, 1] - weight * baseline + 1e-6


def test_happening_splits_one_topic_into_two_stories_and_links_a_dated_mention():
    raids = [_article(f"r{k}", RAID, "attacked", ("Osk Front", "OSK")) for k in range(2)]
    mention = ("Especially after the raid by the Osk Front on Ardenia on March 3, the mood "
               "hardened. ")
    barrages = [_article("b0", BARRAGE, "fired", ("Calvera", "CAL")),
                _article("b1", BARRAGE, "fired", ("Calvera", "CAL"), mention,
                         ("raid", ("Osk Front", "OSK"), "--03-03"))]
    articles = [*raids, *barrages]
    cut = _merging_all(articles)
    assert len(cluster_stories(articles, encoder=_Same(), threshold=cut)) == 2
    stories.HAPPENING_WEIGHT, weight = 0.0, stories.HAPPENING_WEIGHT
    try:  # without the lead happenings, the one topic is one story at this threshold
        assert len(cluster_stories(articles, encoder=_Same(), threshold=cut)) == 1
    finally:
        stories.HAPPENING_WEIGHT = weight
    found = cluster_stories(articles, encoder=_Same(), threshold=cut)
    groups = sorted(sorted(s.articles) for s in found)
    assert groups == [["b0", "b1"], ["r0", "r1"]]
    raid_story = next(s for s in found if "r0" in s.articles)
    barrage_story = next(s for s in found if "b0" in s.articles)
    assert raid_story.related == ["b1"] and barrage_story.related == []
    (link,) = barrages[1].meta["story"]["related"]
    assert link["basis"] == "dated happening"
    start, end = link["spans"][0]
    assert "March 3" in barrages[1].text[start:end]


def test_happening_undated_mention_links_nothing():
    raids = [_article(f"r{k}", RAID, "attacked", ("Osk Front", "OSK")) for k in range(2)]
    mention = "Especially after the raid by the Osk Front on Ardenia, the mood hardened. "
    barrages = [_article("b0", BARRAGE, "fired", ("Calvera", "CAL")),
                _article("b1", BARRAGE, "fired", ("Calvera", "CAL"), mention,
                         ("raid", ("Osk Front", "OSK"), None))]
    articles = [*raids, *barrages]
    found = cluster_stories(articles, encoder=_Same(), threshold=_merging_all(articles))
    assert len(found) == 2 and all(s.related == [] for s in found)
