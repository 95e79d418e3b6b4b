"""link_actors: gazetteer names, metonyms, composition, groups, IGOs, longest match, offsets."""

from __future__ import annotations

import pickle

import pytest
from actors_helpers import codes, find, link

from manysides.errors import PipelineError
from manysides.model import Article


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tehran vowed to respond.", {"Tehran": "IRNGOV"}),
        ("Jerusalem did not comment.", {"Jerusalem": "ISRGOV"}),
        ("The White House said it was watching.", {"White House": "USAGOV"}),
        ("The Pentagon moved two destroyers.", {"Pentagon": "USAMIL"}),
        ("The Kremlin urged restraint.", {"Kremlin": "RUSGOV"}),
        ("Downing Street issued a statement.", {"Downing Street": "GBRGOV"}),
        ("Beijing called for calm.", {"Beijing": "CHNGOV"}),
        ("Washington and Tehran traded warnings.", {"Washington": "USAGOV", "Tehran": "IRNGOV"}),
    ],
)
def test_actors_linking_metonyms(nlp, text: str, expected: dict) -> None:
    found = codes(link(nlp, text))
    assert {k: found.get(k) for k in expected} == expected


@pytest.mark.parametrize(
    ("text", "span", "code"),
    [
        (
            "Iranian security officials said the base was hit.",
            "Iranian security officials",
            "IRNGOV",
        ),
        ("Israeli jets struck the depot overnight.", "Israeli jets", "ISRMIL"),
        ("U.S. officials said the talks had stalled.", "U.S. officials", "USAGOV"),
        ("British troops left the base.", "British troops", "GBRMIL"),
        ("Jordanian soldiers guarded the border.", "Jordanian soldiers", "JORMIL"),
        ("Israel's military said the drones were intercepted.", "Israel's military", "ISRMIL"),
        ("Palestinian civilians fled south.", "Palestinian civilians", "PSECVL"),
        ("White House officials declined to comment.", "White House officials", "USAGOV"),
        ("Pentagon officials confirmed the strike.", "Pentagon officials", "USAMIL"),
        ("A senior Hamas official said talks would resume.", "Hamas official", "PSEREBHMS"),
        ("UN officials warned of famine.", "UN officials", "IGOUNO"),
    ],
)
def test_actors_linking_composes_country_and_agent(nlp, text: str, span: str, code: str) -> None:
    mention = find(link(nlp, text), span)
    assert mention.actor == code
    assert mention.sector == code[3:6] or code.startswith(("PSEREB", "IGO"))


def test_actors_linking_composed_mention_fields(nlp) -> None:
    mention = find(link(nlp, "Iranian security officials denied it."), "Iranian security officials")
    assert (mention.country, mention.sector, mention.name) == ("IRN", "GOV", "Iran")
    group = find(link(nlp, "A senior Hamas official spoke."), "Hamas official")
    assert (group.country, group.sector, group.name) == ("PSE", "REB", "Hamas")


@pytest.mark.parametrize(
    ("text", "span", "code"),
    [
        ("Hezbollah fired rockets at the north.", "Hezbollah", "LBNREBHEZ"),
        ("The Houthis attacked a tanker.", "Houthis", "YEMREBHTH"),
        ("Palestinian Islamic Jihad claimed the attack.", "Palestinian Islamic Jihad", "PSEREBPIJ"),
        ("Islamic Jihad claimed the attack.", "Islamic Jihad", "PSEREBPIJ"),
        ("The Revolutionary Guards launched drones.", "Revolutionary Guards", "IRNMIL"),
        ("The IRGC's Quds Force was blamed.", "Quds Force", "IRNMIL"),
        ("ISIS claimed responsibility.", "ISIS", "IMGMUSISI"),
        ("The IDF said it hit targets.", "IDF", "ISRMIL"),
    ],
)
def test_actors_linking_armed_groups(nlp, text: str, span: str, code: str) -> None:
    assert find(link(nlp, text), span).actor == code


@pytest.mark.parametrize(
    ("text", "span", "code", "country"),
    [
        ("NATO allies met in Brussels.", "NATO", "IGOWSTNAT", "NAT"),
        ("The EU announced sanctions.", "EU", "IGOEUREEC", "EEC"),
        ("G7 leaders condemned the attack.", "G7 leaders", "IGOGOS", "GOS"),
        ("The United Nations called for calm.", "United Nations", "IGOUNO", "UNO"),
        ("The IAEA inspectors left.", "IAEA", "IGOUNOIAE", "UNO"),
    ],
)
def test_actors_linking_igos(nlp, text: str, span: str, code: str, country: str) -> None:
    mention = find(link(nlp, text), span)
    assert (mention.actor, mention.country, mention.sector) == (code, country, "IGO")


def test_actors_linking_prefers_the_longest_name(nlp) -> None:
    text = (
        "The U.N. Security Council met after the Islamic Revolutionary Guard Corps fired "
        "missiles, and Palestinian Islamic Jihad praised it."
    )
    found = codes(link(nlp, text))
    assert found["U.N. Security Council"] == "IGOUNO"
    assert found["Islamic Revolutionary Guard Corps"] == "IRNMIL"
    assert found["Palestinian Islamic Jihad"] == "PSEREBPIJ"
    assert "Revolutionary Guard" not in found and "Palestinian" not in found


def test_actors_linking_demonyms_and_places(nlp) -> None:
    mentions = link(nlp, "Iranians celebrated in Isfahan as Americans watched.")
    assert (find(mentions, "Iranians").actor, find(mentions, "Iranians").label) == ("IRN", "NORP")
    assert find(mentions, "Isfahan").actor == "IRN"
    assert find(mentions, "Americans").country == "USA"


def test_actors_linking_titles_with_names(nlp) -> None:
    text = "Iranian President Ebrahim Raisi met Israeli Prime Minister Benjamin Netanyahu."
    mentions = link(nlp, text)
    raisi = find(mentions, "Iranian President Ebrahim Raisi")
    assert (raisi.actor, raisi.name, raisi.label) == ("IRNGOV", "Ebrahim Raisi", "PERSON")
    assert find(mentions, "Israeli Prime Minister Benjamin Netanyahu").actor == "ISRGOV"


def test_actors_linking_unknown_entities_are_kept_without_code(nlp) -> None:
    mentions = link(nlp, "Maria Gonzalez of the Zephyr Institute spoke to Reuters.")
    person = find(mentions, "Maria Gonzalez")
    assert (person.label, person.actor, person.name) == ("PERSON", None, "Maria Gonzalez")
    mentions = link(nlp, "It was Robert Malley’s idea, not Lloyd Austin's.")
    assert find(mentions, "Robert Malley").name == "Robert Malley"  # no "’s" in the span
    assert find(mentions, "Lloyd Austin").name == "Lloyd Austin"


def test_actors_linking_bare_agents_get_cameo_unknown_country(nlp) -> None:
    mention = find(link(nlp, "Rebels seized the town."), "Rebels")
    assert (mention.actor, mention.country, mention.sector) == ("---REB", None, "REB")


def test_actors_linking_case_guards_proper_names(nlp) -> None:
    mentions = link(nlp, "Let us go. Nice weather in Nice, said the US envoy.")
    assert "us" not in codes(mentions)
    assert find(mentions, "US envoy").actor == "USAGOV"


def test_actors_linking_hyphenated_country(nlp) -> None:
    mentions = link(nlp, "U.S.-led forces shot down drones after a U.S.-brokered truce.")
    assert find(mentions, "U.S.-led forces").actor == "USAMIL"
    assert find(mentions, "U.S.").actor == "USA"  # only the name part of "U.S.-brokered"


def test_actors_linking_offsets_survive_unicode_and_newlines(nlp) -> None:
    text = "«Élysée» said:\n\n  the Élysée Palace and Israel’s army — both — disagreed.\r\nIran’s?"
    mentions = link(nlp, text)  # link() checks every offset against the text
    assert find(mentions, "Élysée Palace").actor == "FRAGOV"
    assert find(mentions, "Israel’s army").actor == "ISRMIL"
    assert find(mentions, "Iran").actor == "IRN"


def test_actors_linking_refuses_a_doc_of_another_text(nlp) -> None:
    from manysides.nlp.actors import link_actors

    with pytest.raises(PipelineError, match=r"not parsed from article\.text"):
        link_actors(nlp("Iran said."), Article.create("Israel said."))


def test_actors_linking_needs_tags_and_sentences(nlp) -> None:
    from manysides.nlp.actors import link_actors
    from manysides.nlp.pipeline import load_nlp

    tokens_only = load_nlp(components=())("Iran said.")
    with pytest.raises(PipelineError, match="part-of-speech tags and sentences"):
        link_actors(tokens_only, Article.create("Iran said."))


def test_actors_linking_mentions_pickle_and_fill_the_article(nlp) -> None:
    from manysides.nlp.actors import link_actors

    text = "Hamas said the group would respond."
    article = Article.create(text)
    article.mentions = link_actors(nlp(text), article)
    clone = pickle.loads(pickle.dumps(article))
    assert clone.mentions == article.mentions
    assert Article.from_json(article.to_json()).mentions == article.mentions
