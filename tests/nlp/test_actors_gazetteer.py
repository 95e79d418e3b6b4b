"""The packaged gazetteer's contents, the TABARI reader, CAMEO codes and user TOML entries."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from manysides.errors import ConfigError
from manysides.nlp.codes import compose, describe_code, split_code
from manysides.nlp.gazetteer import (
    Actor,
    Gazetteer,
    Role,
    actors_from_toml,
    load_gazetteer,
    merge_actors,
    normalise_surface,
    read_packaged,
)
from manysides.nlp.tabari import parse_date, read_actor_file, read_agent_file


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer()


def _code(gazetteer, surface: str) -> tuple[str, str | None, str]:
    entry = gazetteer.lookup(normalise_surface(surface))
    assert entry is not None, surface
    return entry.actor.kind, entry.actor.code, entry.form


@pytest.mark.parametrize(
    ("surface", "expected"),
    [
        ("Iran", ("country", "IRN", "name")),
        ("Iranian", ("country", "IRN", "demonym")),
        ("Israelis", ("country", "ISR", "demonym")),
        ("American", ("country", "USA", "demonym")),
        ("British", ("country", "GBR", "demonym")),
        ("French", ("country", "FRA", "demonym")),
        ("Jordanian", ("country", "JOR", "demonym")),
        ("the U.S.", ("country", "USA", "name")),
        ("UK", ("country", "GBR", "name")),
        ("Isfahan", ("country", "IRN", "place")),
        ("Tehran", ("seat", "IRNGOV", "name")),
        ("Jerusalem", ("seat", "ISRGOV", "name")),
        ("Washington", ("seat", "USAGOV", "name")),
        ("the White House", ("seat", "USAGOV", "name")),
        ("the Pentagon", ("seat", "USAMIL", "name")),
        ("the Kremlin", ("seat", "RUSGOV", "name")),
        ("Downing Street", ("seat", "GBRGOV", "name")),
        ("Beijing", ("seat", "CHNGOV", "name")),
        ("IDF", ("org", "ISRMIL", "name")),
        ("Revolutionary Guards", ("org", "IRNMIL", "name")),
        ("Quds Force", ("org", "IRNMIL", "name")),
        ("IRGC", ("org", "IRNMIL", "name")),
        ("Hamas", ("group", "PSEREBHMS", "name")),
        ("Hezbollah", ("group", "LBNREBHEZ", "name")),
        ("Islamic Jihad", ("group", "PSEREBPIJ", "name")),
        ("Houthis", ("group", "YEMREBHTH", "name")),
        ("ISIS", ("group", "IMGMUSISI", "name")),
        ("United Nations", ("igo", "IGOUNO", "name")),
        ("NATO", ("igo", "IGOWSTNAT", "name")),
        ("EU", ("igo", "IGOEUREEC", "name")),
        ("G7", ("igo", "IGOGOS", "name")),
        ("officials", ("agent", "GOV", "name")),
        ("soldiers", ("agent", "MIL", "name")),
        ("troops", ("agent", "MIL", "name")),
        ("military", ("agent", "MIL", "name")),
        ("rebels", ("agent", "REB", "name")),
        ("civilians", ("agent", "CVL", "name")),
        ("refugees", ("agent", "REF", "name")),
        ("president", ("title", "GOV", "name")),
        ("Soviets", ("org", "SUN", "name")),  # CAMEO: the Soviet Union, SUN
        ("Arabs", ("org", "ARB", "name")),  # CAMEO's Arab region code
    ],
)
def test_actors_gazetteer_codes(gazetteer, surface: str, expected: tuple) -> None:
    assert _code(gazetteer, surface) == expected


def test_actors_gazetteer_person_roles_are_dated(gazetteer) -> None:
    biden = gazetteer.lookup("joe biden").actor
    assert biden.kind == "person" and biden.gender == "m"
    assert biden.code_on(date(2024, 4, 14)) == "USAGOV"
    assert biden.role_on(date(2024, 4, 14)).title == "president"
    assert biden.role_on(date(2012, 1, 1)).title == "vice president"
    assert biden.code_on(date(2019, 6, 1)) == "USAELI"  # between offices
    netanyahu = gazetteer.lookup("netanyahu").actor
    assert netanyahu.name == "Benjamin Netanyahu"
    assert "bibi netanyahu" in netanyahu.names  # the dictionary's names are kept
    assert netanyahu.code_on(date(2022, 1, 1)) == "ISRELI"  # opposition, Bennett-Lapid years
    assert netanyahu.code_on(date(2024, 4, 14)) == "ISRGOV"


def test_actors_gazetteer_title_holders_by_date(gazetteer) -> None:
    def holder(title: str, country: str, day: date) -> str:
        return next(a.name for a, _ in gazetteer.holders(title, country, day))

    assert holder("president", "USA", date(2024, 4, 14)) == "Joe Biden"
    assert holder("president", "USA", date(2019, 6, 1)) == "Donald Trump"
    assert holder("prime minister", "ISR", date(2024, 4, 14)) == "Benjamin Netanyahu"
    assert holder("president", "IRN", date(2024, 4, 14)) == "Ebrahim Raisi"
    assert holder("secretary-general", "UNO", date(2024, 4, 14)) == "António Guterres"
    assert gazetteer.holders("president", "USA", date(1700, 1, 1)) == []


def test_actors_gazetteer_dictionary_persons_keep_their_dated_codes(gazetteer) -> None:
    # From the Phoenix country file: a minister with one dated role and no supplement entry.
    actor = gazetteer.lookup("amir peretz").actor
    assert actor.kind == "person"
    assert actor.roles == (Role("ISRGOVMIL", date(2006, 6, 1), date(2007, 6, 30)),)


def test_actors_gazetteer_is_versioned_with_sources_and_notice() -> None:
    data = read_packaged()
    assert data["format"] == "manysides-actors/1"
    assert data["version"]
    names = [s["name"] for s in data["sources"]]
    assert "Phoenix.Countries.actors.txt" in names and "pycountry" in names
    assert "MIT License" in data["notice"] and "Open Event Data Alliance" in data["notice"]
    notice = Path(__file__).resolve().parents[2] / "src/manysides/data/actors.NOTICE"
    assert "Permission is hereby granted, free of charge" in notice.read_text("utf-8")


def test_actors_gazetteer_every_country_has_its_alpha3(gazetteer) -> None:
    import pycountry

    for country in pycountry.countries:
        assert gazetteer.country(country.alpha_3) is not None, country.alpha_3


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("IRNGOVMIL", ("IRN", "GOV")),
        ("PSEREBHMS", ("PSE", "REB")),
        ("IGOUNO", ("UNO", "IGO")),
        ("IGOWSTNAT", ("NAT", "IGO")),
        ("IMGMUSISI", (None, "IMG")),
        ("MEAREB", (None, "REB")),
        ("---GOV", (None, "GOV")),
        ("CVL", (None, "CVL")),
    ],
)
def test_actors_codes_split(code: str, expected: tuple) -> None:
    assert split_code(code, {"IRN", "PSE"}) == expected


def test_actors_codes_compose() -> None:
    assert compose("IRN", "GOV") == "IRNGOV"
    assert compose(None, "MIL") == "---MIL"


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("USAGOV", "United States government"),
        ("IRNMIL", "IRN military"),  # a country the namer does not know keeps its code
        ("---CVL", "civilian (country not named)"),
        ("---GOVMIL", "government (country not named)"),
        ("NGOUSA", "United States non-governmental organisation"),
        ("USA", "United States"),
        ("XYZQQQ", "XYZQQQ"),
        ("---PPL", "people (country not named)"),  # the dictionaries' "man", "men"
        ("USAMUS", "United States Muslims"),
    ],
)
def test_actors_codes_described_for_readers(code: str, expected: str) -> None:
    assert describe_code(code, {"USA": "United States"}.get) == expected


def test_actors_codes_described_with_the_packaged_country_names() -> None:
    gazetteer = load_gazetteer()

    def name(code: str) -> str | None:
        country = gazetteer.country(code)
        return country.name if country else None

    assert describe_code("IRNGOV", name) == "Iran government"


def test_actors_tabari_dates() -> None:
    assert parse_date("090120") == date(2009, 1, 20)
    assert parse_date("780101") == date(1978, 1, 1)
    assert parse_date("19160101") == date(1916, 1, 1)
    assert parse_date("2004017") is None
    assert parse_date("201305311") is None


TABARI = """\
# header comment
RUTANIA_  [RUT]
+RUTANIAN
+SPARKTON_
KING_ALBERT_  # CountryInfo.txt
+ALBERT_OF_RUTANIA
\t[RUTELI 600101-990101]
\t[RUTGOV >990101]
ROYAL_GUARD
\t[RUTMIL]
FIRST_VARIANT_
SECOND_VARIANT_
\t[RUTGOV 20100101-20120101]
NO_CODE_AT_ALL_
\t[---]
BAD_DATE_
\t[RUTGOV 2004017-20061201]
"""


def test_actors_tabari_actor_blocks(tmp_path: Path) -> None:
    path = tmp_path / "x.actors.txt"
    path.write_text(TABARI, "utf-8")
    parsed = read_actor_file(path)
    blocks = {b.phrases[0]: b for b in parsed.blocks}
    assert blocks["RUTANIA_"].phrases == ["RUTANIA_", "RUTANIAN", "SPARKTON_"]
    king = blocks["KING_ALBERT_"]
    assert king.codes[1].code == "RUTGOV" and king.codes[1].start == date(1999, 1, 1)
    assert king.codes[1].end is None and "CountryInfo" in king.comment
    # consecutive primaries without a code share the next block's code
    assert blocks["FIRST_VARIANT_"].phrases == ["FIRST_VARIANT_", "SECOND_VARIANT_"]
    assert "NO_CODE_AT_ALL_" not in blocks and "BAD_DATE_" not in blocks
    assert any("BAD_DATE_" in p for p in parsed.problems)


def test_actors_tabari_agents(tmp_path: Path) -> None:
    path = tmp_path / "agents.txt"
    path.write_text(
        "!PERSON! = MAN, MEN, WOMAN\n"
        "SOLDIER [~MIL]\nPOLICE {} [~COP]\nTHIEF {THIEVES} [~CRM]\n"
        "SPOKES!PERSON! [~GOV]\nMILITARY_AUTHORIT [~GOV]\nCOMPANY [~BUS]\n",
        "utf-8",
    )
    forms = {e.forms[0]: (e.forms, e.code) for e in read_agent_file(path).agents}
    assert forms["SOLDIER"] == (("SOLDIER", "SOLDIERS"), "MIL")
    assert forms["POLICE"] == (("POLICE",), "COP")
    assert forms["THIEF"] == (("THIEF", "THIEVES"), "CRM")
    assert forms["SPOKESMAN"][1] == "GOV" and "SPOKESWOMAN" in forms
    assert forms["MILITARY_AUTHORITY"][0] == ("MILITARY_AUTHORITY", "MILITARY_AUTHORITIES")
    assert forms["COMPANY"][0] == ("COMPANY", "COMPANIES")


USER_TOML = """
[[actor]]
kind = "country"
code = "RUR"
name = "Ruritania"
names = ["Ruritania"]
demonyms = ["Ruritanian", "Ruritanians"]

[[actor]]
kind = "person"
name = "Rudolf Rassendyll"
names = ["Rudolf Rassendyll", "Rassendyll"]
code = "RURELI"
gender = "m"
roles = [{ code = "RURGOV", title = "president", from = 2020-01-01 }]

[[actor]]
kind = "group"
name = "Azure Falcon Brigades"
code = "RURREBAFB"
names = ["Azure Falcon Brigades", "Azure Falcons"]

[[actor]]
kind = "person"
name = "Benjamin Netanyahu"
names = ["Benjamin Netanyahu", "King Bibi"]
"""


def test_actors_gazetteer_user_toml_on_top(tmp_path: Path) -> None:
    extra = tmp_path / "mine.toml"
    extra.write_text(USER_TOML, "utf-8")
    gazetteer = load_gazetteer(extra)
    assert gazetteer.lookup("ruritanian").actor.code == "RUR"
    assert gazetteer.lookup("ruritanian").form == "demonym"
    assert gazetteer.lookup("azure falcons").actor.code == "RURREBAFB"
    assert [a.name for a, _ in gazetteer.holders("president", "RUR", date(2024, 1, 1))] == [
        "Rudolf Rassendyll"
    ]
    # merged into the packaged person: new name, packaged roles kept
    bibi = gazetteer.lookup("king bibi").actor
    assert bibi is gazetteer.lookup("netanyahu").actor
    assert bibi.code_on(date(2024, 4, 14)) == "ISRGOV"
    assert load_gazetteer().lookup("king bibi") is None  # the packaged one is untouched


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ('[[actor]]\nkind = "planet"\nname = "Mars"\n', "kind must be one of"),
        ('[[actor]]\nkind = "group"\nname = "X"\ncolour = "red"\n', "unknown field"),
        (
            '[[actor]]\nkind = "person"\nname = "X"\nroles = [{ code = "A", from = "soon" }]\n',
            "not a date",
        ),
        ('[[actors]]\nkind = "group"\n', "unknown table"),
        ("[[actor]\n", "not valid TOML"),
    ],
)
def test_actors_gazetteer_user_toml_errors_are_actionable(
    tmp_path: Path, toml: str, message: str
) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(toml, "utf-8")
    with pytest.raises(ConfigError, match=message):
        actors_from_toml(path)


def test_actors_gazetteer_merge_prefers_extra_names() -> None:
    base = [Actor("org", "Old", code="AAAGOV", names=("zed",))]
    extra = [Actor("group", "New", code="BBBREB", names=("zed",), origin="user")]
    merged = Gazetteer(merge_actors(base, extra))
    assert merged.lookup("zed").actor.code == "BBBREB"
    assert Gazetteer(base).lookup("zed").actor.code == "AAAGOV"
