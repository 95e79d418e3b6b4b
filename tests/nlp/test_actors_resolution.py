"""Resolution in reading order: dated roles, titles, pronouns, anaphors, surnames, user entries."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from actors_helpers import antecedent, find, link


@pytest.mark.parametrize(
    ("published", "code", "name"),
    [
        (datetime(2024, 4, 14), "USAGOV", "Joe Biden"),
        (datetime(2019, 6, 1), "USAGOV", "Donald Trump"),
        (datetime(2012, 6, 1), "USAGOV", "Barack Obama"),
        (None, "---GOV", None),
    ],
)
def test_actors_resolution_the_president_by_article_date(nlp, published, code, name) -> None:
    mention = find(link(nlp, "The president spoke to reporters.", published=published), "president")
    assert (mention.actor, mention.name) == (code, name)


def test_actors_resolution_never_dates_from_the_text(nlp) -> None:
    text = "On April 14, 2024, the president spoke to reporters about the 2019 talks."
    mention = find(link(nlp, text, published=None), "president")
    assert (mention.actor, mention.name) == ("---GOV", None)


def test_actors_resolution_explicit_country_titles(nlp) -> None:
    text = "The Iranian president and Israel's prime minister both spoke."
    dated = link(nlp, text)
    president = find(dated, "Iranian president")
    assert (president.actor, president.name) == ("IRNGOV", "Ebrahim Raisi")
    assert find(dated, "Israel's prime minister").name == "Benjamin Netanyahu"
    undated = link(nlp, text, published=None)
    president = find(undated, "Iranian president")
    assert (president.actor, president.country, president.name) == ("IRNGOV", "IRN", None)


def test_actors_resolution_title_refers_back_to_a_named_holder(nlp) -> None:
    text = "President Biden met aides on Sunday. Later the president called Netanyahu."
    mentions = link(nlp, text, published=None)
    president = find(mentions, "president")
    assert (president.actor, president.name) == ("USAGOV", "Joe Biden")
    assert antecedent(text, president) == "President Biden"


def test_actors_resolution_title_uses_the_country_in_context(nlp) -> None:
    text = "Israeli officials met on Sunday. The prime minister chaired the war cabinet."
    mention = find(link(nlp, text), "prime minister")
    assert (mention.actor, mention.name) == ("ISRGOV", "Benjamin Netanyahu")


def test_actors_resolution_secretary_general_of_an_igo(nlp) -> None:
    mention = find(link(nlp, "The UN secretary-general called for calm."), "UN secretary-general")
    assert (mention.actor, mention.name) == ("IGOUNO", "António Guterres")


def test_actors_resolution_pronouns_follow_gender_and_recency(nlp) -> None:
    text = (
        "Benjamin Netanyahu met Kamala Harris in Washington. She said the talks were useful. "
        "He disagreed, and his aides left."
    )
    mentions = link(nlp, text, published=datetime(2023, 7, 1))
    she = find(mentions, "She")
    assert (she.actor, she.name, she.label) == ("USAGOV", "Kamala Harris", "PRON")
    assert antecedent(text, she) == "Kamala Harris"
    he = find(mentions, "He")
    assert (he.name, antecedent(text, he)) == ("Benjamin Netanyahu", "Benjamin Netanyahu")


def test_actors_resolution_pronouns_without_a_person_are_left_out(nlp) -> None:
    text = "The storm hit the coast. He said nothing. Iran protested. It rained. It was late."
    mentions = link(nlp, text)
    assert "He" not in [m.text for m in mentions]
    far = "Joe Biden spoke. Iran protested. Israel replied. Jordan waited. Egypt watched. He left."
    assert "He" not in [m.text for m in link(nlp, far)]


def test_actors_resolution_they_is_the_subject_kept_in_view(nlp) -> None:
    text = ("Israel is reporting zero deaths from the attack. They are reporting some damage "
            "to one base.")
    they = find(link(nlp, text), "They")
    assert (they.actor, they.label, antecedent(text, they)) == ("ISR", "PRON", "Israel")
    text = "Iran fired drones in retaliation for Israel bombing their embassy in Syria."
    assert find(link(nlp, text), "their embassy").actor == "IRNGOV"  # not Israel's
    text = "It was Israel that bombed the embassy, the same day they struck a convoy."
    assert find(link(nlp, text), "they").actor == "ISR"
    text = "Iranian officials met on Sunday. They said talks would resume."
    assert find(link(nlp, text), "They").actor == "IRNGOV"


@pytest.mark.parametrize(
    "text",
    [
        # the nearest subject is a plural that names no actor: "they" are the strikes
        "Iran attacked Israel. The strikes were so large that they overwhelmed defences.",
        # "..., they said": the sources were named long before
        "Iran met Hamas in Beirut to plan the raid, they said.",
        # no subject in view
        "They arrived late.",
    ],
)
def test_actors_resolution_they_without_an_actor_subject_is_left_out(nlp, text) -> None:
    assert not [m for m in link(nlp, text) if m.text.lower() == "they"]


def test_actors_resolution_a_patron_is_not_an_owner(nlp) -> None:
    text = "Representatives of four Iran-backed militant groups, including Hamas, met."
    mentions = link(nlp, text)
    assert find(mentions, "Representatives").country is None  # neither Iran's nor Hamas's
    assert find(mentions, "Iran").actor == "IRN"
    spokesman = find(link(nlp, "A spokesman for Iran’s mission said so."), "spokesman")
    assert spokesman.country == "IRN"


def test_actors_resolution_the_group_and_the_country(nlp) -> None:
    text = (
        "Hezbollah fired rockets at the north. The group said it acted in solidarity. "
        "Jordan closed its airspace. The country said it would shoot down drones."
    )
    mentions = link(nlp, text)
    group = find(mentions, "The group")
    assert (group.actor, antecedent(text, group)) == ("LBNREBHEZ", "Hezbollah")
    country = find(mentions, "The country")
    assert (country.actor, antecedent(text, country)) == ("JOR", "Jordan")
    assert find(mentions, "its").actor == "JOR"


def test_actors_resolution_state_institutions_borrow_the_last_country(nlp) -> None:
    text = "Iran launched drones at dawn. The military said its air defences were ready."
    mentions = link(nlp, text)
    military = find(mentions, "military")
    assert (military.actor, antecedent(text, military)) == ("IRNMIL", "Iran")


def test_actors_resolution_possessives_compose(nlp) -> None:
    text = "Israel said its military was ready. President Biden said his administration agreed."
    mentions = link(nlp, text)
    assert find(mentions, "its military").actor == "ISRMIL"
    administration = find(mentions, "his administration")
    assert (administration.actor, administration.name) == ("USAGOV", "United States")


def test_actors_resolution_surnames_after_a_full_name(nlp) -> None:
    text = "Maria Gonzalez, a spokeswoman, spoke first. Later Gonzalez said the vote was close."
    mentions = link(nlp, text)
    short = find(mentions, "Gonzalez")
    assert (short.name, antecedent(text, short)) == ("Maria Gonzalez", "Maria Gonzalez")
    assert short.label == "PERSON"
    text = "Lloyd Austin met reporters in Texas. Austin said the U.S. would help."
    austin = find(link(nlp, text), "Austin")  # a US city too: the person named first wins
    assert (austin.actor, austin.name) == ("USAGOVMIL", "Lloyd Austin")


def test_actors_resolution_user_entries(nlp, tmp_path: Path) -> None:
    extra = tmp_path / "ruritania.toml"
    extra.write_text(
        '[[actor]]\nkind = "country"\ncode = "RUR"\nname = "Ruritania"\nnames = ["Ruritania"]\n'
        'demonyms = ["Ruritanian", "Ruritanians"]\n\n'
        '[[actor]]\nkind = "person"\nname = "Rudolf Rassendyll"\n'
        'names = ["Rudolf Rassendyll", "Rassendyll"]\ngender = "m"\n'
        'roles = [{ code = "RURGOV", title = "president", from = 2020-01-01 }]\n\n'
        '[[actor]]\nkind = "group"\nname = "Azure Falcon Brigades"\ncode = "RURREBAFB"\n'
        'names = ["Azure Falcon Brigades", "Azure Falcons"]\n',
        "utf-8",
    )
    text = (
        "Ruritanian officials said the Azure Falcons attacked Strelsau. "
        "The Ruritanian president condemned it."
    )
    mentions = link(nlp, text, extra=extra)
    assert find(mentions, "Ruritanian officials").actor == "RURGOV"
    assert find(mentions, "Azure Falcons").actor == "RURREBAFB"
    president = find(mentions, "Ruritanian president")
    assert (president.actor, president.name) == ("RURGOV", "Rudolf Rassendyll")
    without = link(nlp, text)
    assert find(without, "Ruritanian officials").actor == "---GOV"


@pytest.mark.parametrize(
    ("text", "words", "code"),
    [
        # "its" inside the subject: the topic of the clause before, not the last group named
        ("In recent years, Tehran has funded militias that attacked Israel, including "
         "Hezbollah and Hamas. Yet its own troops never struck Israel.", "its own troops",
         "IRNMIL"),
        # "its" outside the subject: the subject of its own clause
        ("Hezbollah fired rockets. Tehran, like Hamas, has invested in its proxies.", "its",
         "IRNGOV"),
        # "X and its Y": X
        ("Hamas fired rockets. Israel faces aggression from Iran and its proxies.", "its", "IRN"),
    ],
)
def test_actors_resolution_its_is_the_topic(nlp, text: str, words: str, code: str) -> None:
    assert find(link(nlp, text), words).actor == code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Representatives of Hamas met Iranian officials in Beirut.", "PSEREBHMS"),
        ("Delegates from Chile attended the talks.", "CHLGOV"),
        ("Representatives of these groups met Iranian officials.", None),  # not legislators
    ],
)
def test_actors_resolution_representatives_are_of_whom_they_represent(
        nlp, text: str, code: str | None) -> None:
    mentions = link(nlp, text)
    assert mentions[0].text in ("Representatives", "Delegates")
    assert mentions[0].actor == code


def test_actors_resolution_their_is_the_other_party_named_in_its_sentence(nlp) -> None:
    """No actor is a subject in view: "their" is the country the sentence named, not the
    subject of its own clause ("Israel struck their embassy": not Israel's)."""
    text = ("The talks went nowhere. Whether or not you see Iran's response as fair, the truth is "
            "that Israel struck their embassy.")
    mention = find(link(nlp, text, published=None), "their embassy")
    assert mention.actor == "IRNGOV"


@pytest.mark.parametrize(
    ("text", "words", "kept"),
    [
        ("Countless people have warned the government about this.", "people", False),
        ("Many people think the talks will fail.", "people", False),
        ("Seven people were killed in the strike.", "people", True),
        ("Officials said the governance vacuum helps Iran.", "governance", False),
    ],
)
def test_actors_resolution_a_vague_crowd_is_no_actor(nlp, text: str, words: str,
                                                      kept: bool) -> None:
    mentions = link(nlp, text)
    assert any(m.text == words for m in mentions) is kept, [(m.text, m.actor) for m in mentions]
