"""A batch that is one story stays one story: the neighbourhood density counts only other
stories as crowding, so a dozen outlets' reports of one event are not pushed apart by each other.

Invented event: a ferry, the *Marta Kell*, runs aground off the island of Senn in fog; all
passengers are taken off by lifeboats. Twelve invented outlets tell it in their own words; one
unrelated report (a city budget) shares the batch.
"""

from __future__ import annotations

import numpy as np
import pytest

from manysides.compare.clustering import (
    Density,
    first_pass,
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

FERRY = [
    ("Ferry Marta Kell runs aground off Senn in thick fog",
     "The passenger ferry Marta Kell ran aground on rocks off the island of Senn early on "
     "Friday in thick fog. Lifeboat crews took all 212 passengers off the ship, the coast "
     "guard said, and four people were treated for minor injuries."),
    ("All 212 passengers rescued after Senn ferry grounding",
     "Every one of the 212 people aboard the ferry Marta Kell was brought ashore by lifeboats "
     "after the ship hit rocks near Senn in dense fog on Friday morning, rescuers said. Four "
     "had light injuries."),
    ("Fog blamed as ferry Marta Kell strikes rocks near Senn",
     "Harbour officials on Senn said visibility was below fifty metres when the ferry Marta "
     "Kell struck the rocks at the mouth of the bay on Friday. Lifeboats took the 212 "
     "passengers to the quay; four were slightly hurt."),
    ("Marta Kell ferry grounding off Senn: what we know",
     "The ferry Marta Kell left the mainland at five on Friday morning and ran aground off "
     "Senn in fog about two hours later. The coast guard said all 212 passengers were taken "
     "off by lifeboat and the hull was holed."),
    ("Senn islanders shelter passengers of grounded ferry",
     "Residents of Senn offered beds and hot meals to the 212 passengers lifeboats took off "
     "the ferry Marta Kell after it ran aground on rocks in fog on Friday morning."),
    ("Operator suspends Senn crossings after Marta Kell runs aground",
     "The operator of the ferry Marta Kell halted its crossings to Senn after the ship ran onto "
     "rocks in fog on Friday. All 212 passengers were rescued by lifeboat, four with minor "
     "injuries."),
    ("Investigators board ferry aground off Senn",
     "Marine accident investigators boarded the ferry Marta Kell on Saturday, a day after it "
     "ran aground on rocks near Senn in fog with 212 passengers aboard, all of whom lifeboats "
     "brought ashore."),
    ("Four hurt as ferry Marta Kell hits rocks off Senn",
     "Four passengers suffered minor injuries when the ferry Marta Kell grounded on rocks off "
     "the island of Senn in fog on Friday, the island's doctor said. Lifeboats rescued the "
     "other passengers unhurt."),
    ("Lifeboat crews praised for Senn ferry rescue",
     "The coast guard praised volunteer lifeboat crews who took 212 passengers off the ferry "
     "Marta Kell in fog on Friday after the ship struck rocks off Senn."),
    ("Oil sheen around ferry aground off Senn",
     "A thin oil sheen was spotted around the ferry Marta Kell, stuck on rocks off Senn since "
     "it ran aground in fog on Friday, after lifeboats rescued its 212 passengers."),
    ("Captain of Marta Kell questioned after ferry runs aground",
     "Police on Senn questioned the captain of the ferry Marta Kell, which ran aground on rocks "
     "in fog on Friday; the coast guard said lifeboats had rescued all 212 passengers."),
    ("Salvage team to refloat ferry Marta Kell off Senn",
     "A salvage company will try to pull the ferry Marta Kell off the rocks near Senn at high "
     "tide, its owner said, after Friday's grounding in fog forced lifeboats to take off all "
     "212 passengers."),
]
BUDGET = ("Rell city council passes budget with tram extension",
          "The Rell city council approved next year's budget on Thursday, including money to "
          "extend the tram line to the northern suburbs and to repair two school roofs.")


def _articles() -> list[Article]:
    found = [Article(id=f"f{k}", title=t, text=x) for k, (t, x) in enumerate(FERRY)]
    return [*found, Article(id="budget", title=BUDGET[0], text=BUDGET[1])]


def test_stories_one_story_batch_stays_one_story(encoder):
    found = {frozenset(s.articles) for s in cluster_stories(_articles(), encoder=encoder)}
    assert found == {frozenset(f"f{k}" for k in range(len(FERRY))), frozenset({"budget"})}


def test_stories_one_story_is_not_crowded_by_itself(encoder):
    """Nothing but the own story is near, so the ferry reports lose only the bounded share of
    their own closeness (``own_share``), not the crowding of other stories."""
    articles = _articles()
    sim = similarity_matrix(articles, embed_articles(articles, encoder).articles)
    tuned = density_settings()
    assert tuned.own_share < 1.0
    alone = neighbourhood_density(sim, tuned, first_pass(sim, tuned))
    assert alone == pytest.approx(np.full(len(articles), tuned.floor))  # no other story near
    own = tuned.own_share * (neighbourhood_density(sim, tuned) - tuned.floor)
    taken = sim - scale_by_density(sim, tuned)
    expected = tuned.weight * (own[:, None] + own[None, :]) / 2
    np.fill_diagonal(expected, 0.0)
    assert taken == pytest.approx(expected, abs=1e-5)


@pytest.mark.parametrize("first_cut", [None, 0.5])
def test_stories_one_story_first_pass_decides_what_crowds(first_cut):
    """Rows 0-3 one story (0.7 inside), row 4 another (0.2 to it): with the first pass the
    story's own members are not its crowd."""
    sim = np.full((5, 5), 0.7, dtype=np.float32)
    sim[4, :] = sim[:, 4] = 0.2
    np.fill_diagonal(sim, 1.0)
    density = Density(neighbours=3, weight=1.5, floor=0.3, cap=0.5, first_cut=first_cut)
    found = neighbourhood_density(sim, density, None if first_cut is None else
                                  np.array([0, 0, 0, 0, 1]))
    expected = 0.5 if first_cut is None else 0.3  # (0.7 * 3) / 3 capped; else (0.2 + 2 floors)
    assert found[:4] == pytest.approx([expected] * 4)
