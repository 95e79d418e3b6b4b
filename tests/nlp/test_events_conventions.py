"""petrarch_events: the events as a CAMEO coder in the PETRARCH-2 tradition codes them."""

from __future__ import annotations

import pytest
from events_helpers import ACTORS, hand_mentions, load

from manysides.model import Article


def coded(text: str, table: dict[str, tuple[str, str]] | None = None) -> list[str]:
    from manysides.nlp.events import extract_events
    from manysides.nlp.petrarch import petrarch_events

    article = Article.create(text)
    doc = load()(text)
    mentions = hand_mentions(text, table)
    events = petrarch_events(doc, extract_events(doc, article, mentions), mentions)
    return sorted(f"{','.join(m.actor or m.text for m in e.source)}->"
                  f"{','.join(m.actor or m.text for m in e.target)}:{e.type}" for e in events
                  if e.type not in ("STATEMENT", "APPEAL"))  # no PLOVER category


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "A said B attacked C" is A accusing B; a trailing ", A said" only names the source
        ("Sylvania said Freedonia attacked Ruritania.", ["SYL->FRE:ACCUSE"]),
        ("Sylvania said that Freedonia had shelled Ruritania.", ["SYL->FRE:ACCUSE"]),
        ("Freedonia attacked Ruritania, Sylvania said.", ["FRE->RUR:ASSAULT"]),
        # "A said A attacked C" is a claim of responsibility (015), no PLOVER event
        ("Freedonia said it attacked Ruritania.", []),
        # intentions: a wanted attack is a threat, wanted help an intent to cooperate
        ("Freedonia wants to attack Sylvania.", ["FRE->SYL:THREATEN"]),
        ("Freedonia wants to help Sylvania.", ["FRE->SYL:AGREE"]),
        ("Freedonia announced it would free Sylvanian prisoners.", ["FRE->SYL:AGREE"]),
        # a bare "will" is coded as the act itself
        ("Freedonia will supply arms to Sylvania.", ["FRE->SYL:AID"]),
        # a refused cooperative act is a rejection
        ("Freedonia said it would not provide support to Sylvania.", ["FRE->SYL:REJECT"]),
        # hopes, conditions and appeals are not coded
        ("Sylvania hoped Freedonian officials would be indicted.", []),
        ("Freedonia would attack Sylvania if Ruritania invaded.", []),
    ],
)
def test_events_conventions_transformations(text: str, expected: list[str]) -> None:
    assert coded(text) == expected


@pytest.mark.parametrize(
    ("text", "kept", "absent"),
    [
        # the complement of another event is part of it: the appeal, not the attack
        ("Freedonia urged Sylvania to attack Ruritania.", None, "SYL->RUR:ASSAULT"),
        ("Freedonia wants Sylvania to attack Ruritania.", None, "SYL->RUR:ASSAULT"),
        # relative clauses and reduced relatives are background
        ("Freedonia freed a Sylvanian activist jailed by Ruritania.", "FRE->SYL:CONCEDE",
         "RUR->SYL:COERCE"),
        ("Freedonia freed Okafor, who had been arrested by Ruritania.", "FRE->SYLGOV:CONCEDE",
         "RUR->SYLGOV:COERCE"),
        # so are temporal clauses and tacked-on participles
        ("Freedonia attacked Sylvania after Ruritania invaded Freedonia.", "FRE->SYL:ASSAULT",
         "RUR->FRE:ASSAULT"),
        ("Freedonia shelled Sylvania, killing two Ruritanians.", "FRE->SYL:ASSAULT",
         "FRE->RUR:ASSAULT"),
    ],
)
def test_events_conventions_main_events_only(text: str, kept: str | None, absent: str) -> None:
    found = coded(text)
    assert absent not in found, found
    assert kept is None or kept in found, found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # both sides known, except for a protest
        ("The rebels attacked.", []),
        ("Freedonians protested.", ["FRE->:PROTEST"]),
        # a meeting with no other party is aimed at its place
        ("President Adams and Minister Okafor met in Ruritania.",
         ["FREGOV,SYLGOV->RUR:CONSULT"]),
    ],
)
def test_events_conventions_sides_and_places(text: str, expected: list[str]) -> None:
    assert coded(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # CAMEO joint codes: each side acts on the other in the one event
        ("Freedonia discussed the border with Sylvania.", ["FRE->SYL:CONSULT", "SYL->FRE:CONSULT"]),
        ("Freedonia held talks with Sylvania.", ["FRE->SYL:CONSULT", "SYL->FRE:CONSULT"]),
        ("Freedonian troops clashed with Sylvanian protesters.",
         ["FRE->SYL:ASSAULT", "SYL->FRE:ASSAULT"]),
        # ... but the place of a meeting does not meet back
        ("President Adams attended a summit in Ruritania.", ["FREGOV->RUR:CONSULT"]),
    ],
)
def test_events_conventions_joint_codes(text: str, expected: list[str]) -> None:
    assert sorted(set(coded(text))) == expected


def test_events_conventions_a_place_naming_an_event_does_not_act_back() -> None:
    table = {**ACTORS, "Geneva": ("CHE", "GPE")}
    found = coded("President Adams attended the Geneva Olympics.", table)
    assert found == ["FREGOV->CHE:CONSULT"]
