"""link_actors: a sector noun takes the country its phrase names; "pro-X" is no owner."""

from __future__ import annotations

import pytest
from actors_helpers import find, link


@pytest.mark.parametrize(
    ("text", "span", "country"),
    [
        ("The mayor of Lima resigned on Monday.", "mayor", "PER"),
        ("Exiled dissidents from Kenya addressed the meeting.", "dissidents", "KEN"),
        ("A court in Chile sentenced the two men.", "court", "CHL"),
        # a bare institution defaults to one country, but "Chile's Senate" is Chile's
        ("Opponents of Chile's Senate protested.", "Senate", "CHL"),
        # a country named in the mention itself is kept
        ("Chilean and Peruvian officials met in Lima.", "Peruvian officials", "PER"),
    ],
)
def test_actors_owners_sector_nouns_take_their_phrase_country(nlp, text: str, span: str,
                                                                country: str) -> None:
    mention = find(link(nlp, text), span)
    assert mention.country == country
    assert mention.actor is not None and mention.actor.startswith(country)


@pytest.mark.parametrize("text", ["Pro-Kenya rebels shelled the town.",
                                  "Anti-Kenya rebels shelled the town."])
def test_actors_owners_a_stance_is_not_an_owner(nlp, text: str) -> None:
    mentions = link(nlp, text)
    rebels = find(mentions, "rebels")
    assert rebels.country is None
    assert all(m.country != "KEN" for m in mentions)


def test_actors_owners_sector_noun_without_a_country_stays_without(nlp) -> None:
    mention = find(link(nlp, "The mayor of the town resigned."), "mayor")
    assert mention.country is None


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("LIMA—Chilean officials met the delegation on Monday.", "LIMA"),
        ("SANTIAGO, Chile: Peruvian troops crossed the border.", "SANTIAGO"),
    ],
)
def test_actors_owners_a_dateline_is_no_actor(nlp, text: str, place: str) -> None:
    mentions = link(nlp, text)
    assert all(m.span.start > text.index(place) + len(place) for m in mentions), mentions
    assert any(m.country in ("CHL", "PER") and m.sector for m in mentions)


def test_actors_owners_a_sentence_opening_name_is_kept(nlp) -> None:
    mentions = link(nlp, "Chile said on Monday: the border is closed.")
    assert find(mentions, "Chile").country == "CHL"
