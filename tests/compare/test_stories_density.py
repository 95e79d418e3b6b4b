"""Neighbourhood density: crowded same-topic stories are held apart, lone ones are left alone."""

from __future__ import annotations

import numpy as np
import pytest

from manysides.compare.clustering import (
    Density,
    cluster_similarity,
    neighbourhood_density,
    scale_by_density,
)
from manysides.compare.stories import (
    cluster_stories,
    density_settings,
    embed_articles,
    similarity_matrix,
)
from manysides.model import Article

#: Only other stories crowd (``own_share`` 0); the first pass chains pairs at least 0.7 similar.
DENSITY = Density(neighbours=3, weight=1.5, floor=0.3, cap=0.5, first_cut=0.3, own_share=0.0)


def _topic_and_pair() -> np.ndarray:
    """Rows 0-7: four two-article stories of one topic (0.8 inside a story, 0.6 across);
    rows 8-9: a lone two-article story on another topic (0.5 inside, 0.1 to the rest)."""
    sim = np.full((10, 10), 0.1, dtype=np.float32)
    sim[:8, :8] = 0.6
    for start in range(0, 8, 2):
        sim[start : start + 2, start : start + 2] = 0.8
    sim[8, 9] = sim[9, 8] = 0.5
    np.fill_diagonal(sim, 1.0)
    return sim


def test_stories_density_is_the_mean_of_the_nearest_clipped():
    sim = _topic_and_pair()
    density = neighbourhood_density(sim, DENSITY)
    assert density[:8] == pytest.approx(np.full(8, 0.5))  # (0.8 + 0.6 + 0.6) / 3, capped
    assert density[8:] == pytest.approx([0.3, 0.3])  # (0.5 + 0.1 + 0.1) / 3, floored


def test_stories_density_small_batch_pads_missing_neighbours_at_the_floor():
    sim = np.array([[1.0, 0.45], [0.45, 1.0]], dtype=np.float32)
    found = neighbourhood_density(sim, Density(neighbours=3, weight=1.0, floor=0.3, cap=0.9))
    assert found == pytest.approx([(0.45 + 0.3 + 0.3) / 3] * 2)


def test_stories_density_only_lowers_and_leaves_lone_pairs_alone():
    sim = _topic_and_pair()
    scaled = scale_by_density(sim, DENSITY)
    assert np.all(scaled <= sim + 1e-6)
    assert np.diag(scaled) == pytest.approx(np.ones(10))
    assert scaled[8, 9] == pytest.approx(0.5)  # neither article is crowded
    assert scaled[0, 1] == pytest.approx(0.8 - 1.5 * 0.2)  # both at the cap: 0.3 taken


def test_stories_density_keeps_crowded_stories_apart_at_one_cut():
    sim = _topic_and_pair()
    expected = [0, 0, 1, 1, 2, 2, 3, 3, 4, 4]
    assert len(set(cluster_similarity(sim, 0.55).tolist()[:8])) == 1  # the topic in one lump
    assert cluster_similarity(scale_by_density(sim, DENSITY), 0.55).tolist() == expected


def test_stories_density_own_share_counts_the_own_story_bounded():
    """One story alone (0.75 inside): the first pass keeps it whole, so only ``own_share`` of
    its closeness is taken, at most ``weight * own_share * (cap - floor)``."""
    sim = np.full((6, 6), 0.75, dtype=np.float32)
    np.fill_diagonal(sim, 1.0)
    assert np.array_equal(scale_by_density(sim, DENSITY), sim)  # own_share 0: nothing taken
    shared = Density(neighbours=3, weight=1.5, floor=0.3, cap=0.5, first_cut=0.3, own_share=0.5)
    assert scale_by_density(sim, shared)[0, 1] == pytest.approx(0.75 - 1.5 * 0.5 * 0.2)
    every = Density(neighbours=3, weight=1.5, floor=0.3, cap=0.5, first_cut=None, own_share=0.0)
    assert scale_by_density(sim, every)[0, 1] == pytest.approx(0.75 - 1.5 * 0.2)  # the old way


def test_stories_density_weight_zero_changes_nothing():
    sim = _topic_and_pair()
    assert np.array_equal(scale_by_density(sim, Density(weight=0.0)), sim)


def test_stories_density_packaged_settings_are_sane():
    found = density_settings()
    assert found.neighbours >= 1 and found.weight >= 0
    assert 0.0 <= found.floor < found.cap <= 1.0


# Four stories of one invented topic (the Osk valley fruit growers), two outlets each, and a
# lone story of another (a museum theft): the topic's stories crowd each other.
ORCHARDS = [
    ("Frost cuts Osk valley cherry harvest by a third",
     "A late frost in April destroyed blossom across the Osk valley, and growers now expect a "
     "third fewer cherries this summer, the valley growers' board said."),
    ("Osk valley cherry growers count frost losses",
     "Cherry growers in the Osk valley said the April frost had wiped out about a third of this "
     "year's crop, and the growers' board asked the region for emergency aid."),
    ("Pickers scarce as Osk valley apple harvest begins",
     "Orchards in the Osk valley began picking apples this week with hundreds of seasonal jobs "
     "unfilled, the growers' board said, warning that fruit could rot on the trees."),
    ("Osk valley orchards short of apple pickers",
     "Apple farms across the Osk valley cannot find enough seasonal pickers, and the growers' "
     "board said some fruit would be left on the trees unless workers arrive soon."),
    ("Osk valley growers open new cold-storage hall",
     "The Osk valley growers' board opened a cold-storage hall for forty thousand tonnes of fruit "
     "near the river port, saying it would let farmers sell plums through the winter."),
    ("New fruit store at Osk river port lets growers sell into winter",
     "Fruit growers in the Osk valley can now keep plums until spring in a new cold-storage hall "
     "at the river port, the growers' board said at its opening."),
    ("Osk valley pear prices fall as supermarkets import",
     "Pear prices paid to Osk valley growers fell to their lowest in a decade as supermarkets "
     "bought cheaper imported fruit, the growers' board said."),
    ("Imports push Osk valley pear prices to ten-year low",
     "Growers in the Osk valley are being paid less for pears than at any time in ten years, the "
     "growers' board said, blaming supermarkets' imports."),
    ("Painting stolen from Lindqvist Museum",
     "Thieves climbed through a skylight of the Lindqvist Museum in Oravia and took a small "
     "winter landscape by Edda Marn, police said."),
    ("Police hunt Edda Marn landscape thieves",
     "Detectives in Oravia are searching for two masked thieves who took an Edda Marn landscape "
     "from the Lindqvist Museum overnight."),
]


def _orchard_articles() -> list[Article]:
    return [Article(id=f"o{k}", title=title, text=text)
            for k, (title, text) in enumerate(ORCHARDS)]


def test_stories_density_separates_one_topics_stories_in_articles(encoder, monkeypatch):
    expected = {frozenset({f"o{k}", f"o{k + 1}"}) for k in range(0, 10, 2)}
    found = cluster_stories(_orchard_articles(), encoder=encoder)
    assert {frozenset(s.articles) for s in found} == expected
    from manysides.compare import stories

    monkeypatch.setattr(stories, "density_settings", lambda: Density(weight=0.0))
    lumped = cluster_stories(_orchard_articles(), encoder=encoder)
    assert frozenset(f"o{k}" for k in range(8)) in {frozenset(s.articles) for s in lumped}


def test_stories_density_leaves_the_lone_story_alone(encoder):
    articles = _orchard_articles()
    sim = similarity_matrix(articles, embed_articles(articles, encoder).articles)
    scaled = scale_by_density(sim, density_settings())
    assert scaled[8, 9] == pytest.approx(sim[8, 9])  # neither theft article is crowded
    assert scaled[0, 1] < sim[0, 1] - 0.05  # the crowded cherry story loses some
