"""End to end on the reference story (../shared/corpus/seeds): the events stage as ``analyze``
runs it, and the events a careful reader lists, with their actors, dates, numbers and modes.

The seeds carry no publication date and none of them writes a year next to a day ("April 1",
"October 7", "Saturday"): the dates a reader can sign are month and day (``--MM-DD``), and
relative ones ("late last night", "Saturday") stay unresolved.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from manysides.model import Article, Event

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "seeds"


@pytest.fixture(scope="module")
def articles() -> dict[str, Article]:
    if not SEEDS.is_dir():
        pytest.skip("../shared/corpus/seeds is not beside the checkout")
    from manysides.builtin import extract_actors_and_events

    found = {p.name[:3]: Article.create(p.read_text(encoding="utf-8"))
             for p in sorted(SEEDS.glob("*.txt"))}
    extract_actors_and_events(list(found.values()))
    return found


def _codes(mentions: list) -> set[str]:
    return {m.actor or "" for m in mentions}


def _countries(mentions: list) -> set[str]:
    return {m.country or (m.actor or "")[:3] for m in mentions}


def _find(article: Article, trigger: str, check: Callable[[Event], bool]) -> Event:
    """The first event whose trigger reads ``trigger`` and that passes ``check`` (the test
    keeps no article text: triggers are single words, the rest is what is asserted)."""
    found = [e for e in article.events if article.span_text(e.trigger) == trigger]
    passing = [e for e in found if check(e)]
    assert passing, f"no {trigger!r} event passes; candidates: " + "; ".join(
        f"{e.type} {_codes(e.source)}->{_codes(e.target)} {e.mode} {e.date} "
        f"{_counts(e)}" for e in found)
    return passing[0]


def _counts(event: Event) -> dict[str, float | None]:
    return {q.counts: q.value if q.value is not None else q.low for q in event.quantities}


def test_events_seeds_reference_date_says_what_the_text_gives(articles) -> None:
    for article in articles.values():
        record = article.meta["reference_date"]
        assert record["date"] is None and record["evidence"] is None  # no full date anywhere
    assert all(e.date_basis != "inferred" for a in articles.values() for e in a.events)


def test_events_seeds_april_first_strike_in_damascus(articles) -> None:
    def israeli_strike(e: Event) -> bool:
        return "ISR" in _countries(e.source) and e.date == "--04-01" and (
            _counts(e).get("killed") == 7)

    bombing = _find(articles["000"], "bombing", israeli_strike)
    assert bombing.date_basis == "explicit"
    assert _countries(bombing.target) == {"IRN"}  # "their embassy in Syria": Iran's, not Syria's
    retaliation = _find(articles["000"], "retaliation", lambda e: e.date_span is not None)
    assert _countries(retaliation.source) == {"IRN"}  # "Iran sent ... in retaliation for ..."
    _find(articles["000"], "killing", lambda e: israeli_strike(e) and (
        "IRN" in _countries(e.target)))
    _find(articles["003"], "assassination", lambda e: israeli_strike(e) and (
        "IRN" in _countries(e.target)))
    _find(articles["002"], "airstrike", lambda e: "ISR" in _countries(e.source) and (
        e.location == "Damascus" and "IRN" in _countries(e.target)))


def test_events_seeds_iran_attack_and_its_numbers(articles) -> None:
    sent = _find(articles["000"], "sent", lambda e: (_countries(e.source), _countries(e.target))
                 == ({"IRN"}, {"ISR"}))
    assert sent.date is None and sent.date_span is not None  # "late last night": no base
    assert [(q.counts, q.low) for q in sent.quantities] == [("missiles and drones", 200.0)]
    barrage = _find(articles["003"], "barrage", lambda e: _countries(e.source) == {"IRN"})
    assert [(q.low, q.low_inclusive) for q in barrage.quantities] == [(300.0, False)]
    fired = _find(articles["003"], "fired", lambda e: _countries(e.source) == {"IRN"})
    counts = {(q.counts, q.value) for q in fired.quantities}
    assert {("ballistic missiles", 120.0), ("drones", 170.0), ("cruise missiles", 30.0)} <= counts


def test_events_seeds_interception_and_who_took_part(articles) -> None:
    _find(articles["003"], "reinforced", lambda e: {"USA", "GBR", "FRA", "JOR"} <= _countries(
        e.source) and _countries(e.target) == {"ISR"})
    _find(articles["000"], "intercept", lambda e: {"USA", "GBR"} <= _countries(e.source))


def test_events_seeds_attack_missed_beside_damage_reported(articles) -> None:
    hit = _find(articles["003"], "hit", lambda e: e.type == "ASSAULT" and e.negated)
    assert (_countries(hit.source), _countries(hit.target)) == ({"IRN"}, {"ISR"})
    damage = _find(articles["000"], "damage", lambda e: e.type == "ASSAULT")
    assert not damage.negated and [m.sector for m in damage.target] == ["MIL"]
    assert _counts(damage).get("injured") == 1
    # "Israel is reporting zero deaths ... They are reporting some damage ...": Israel says so
    assert damage.mode == "reported" and _countries(damage.reported_by) == {"ISR"}
    assert not damage.source  # who reports the damage did not do it


def test_events_seeds_call_statement_and_strikes_on_hezbollah(articles) -> None:
    def biden_to_netanyahu(e: Event) -> bool:
        return (_codes(e.source), _codes(e.target)) == ({"USAGOV"}, {"ISRGOV"})

    call = _find(articles["000"], "phone call", biden_to_netanyahu)
    assert call.type == "CONSULT" and call.mode == "reported"
    assert _find(articles["002"], "spoke", biden_to_netanyahu).type == "CONSULT"
    _find(articles["000"], "statement", lambda e: e.type == "STATEMENT" and (
        _countries(e.source) == {"IRN"}))
    _find(articles["002"], "strike", lambda e: "ISR" in _countries(e.source) and (
        _codes(e.target) == {"LBNREBHEZ"} and e.location == "Lebanon"))


def test_events_seeds_a_bound_is_no_date(articles) -> None:
    """"after October 7", "since August", "days before the attack" place an event relative to
    another; they are not its date."""
    bounds = ("after", "since", "before", "until", "following", "by", "from")
    for article in articles.values():
        for event in article.events:
            if event.date_span is None:
                continue
            before = article.text[:event.date_span.start].split()[-1:]
            assert before[0].lower() not in bounds, (article.span_text(event.trigger),
                                                     article.span_text(event.date_span))
    rushed = _find(articles["003"], "rushed", lambda e: _codes(e.source) == {"USAGOV"})
    assert rushed.date is None and rushed.type == "AID"  # "rushed to Israel's defense"
    met = _find(articles["001"], "met", lambda e: e.location == "Lebanon")
    assert met.date_span is None  # "since August"


def test_events_seeds_they_and_their_are_the_actor_in_view(articles) -> None:
    text = articles["000"]
    # "It was Israel that catalyzed ... the same day they murdered ... aid workers"
    _find(text, "murdered", lambda e: _countries(e.source) == {"ISR"} and not e.negated)
    # "it is now Israel that is ... indicating they want to strike back at Iran"
    _find(text, "strike", lambda e: (_countries(e.source), _countries(e.target)) == (
        {"ISR"}, {"IRN"}) and e.mode == "future")


def test_events_seeds_october_seventh_and_its_toll(articles) -> None:
    attack = _find(articles["001"], "attack", lambda e: e.date_span is not None and (
        _codes(e.source) == {"PSEREBHMS"}))
    assert _countries(attack.target) == {"ISR"}
    assert attack.date is None  # "Saturday", and the article gives no date to count from
    dead = _find(articles["001"], "dead", lambda e: _countries(e.target) == {"ISR"} and (
        _counts(e).get("dead") == 700.0))
    assert _counts(dead) == {"dead": 700.0}
    massacres = _find(articles["003"], "massacres", lambda e: _codes(e.source) == {"PSEREBHMS"})
    assert (massacres.date, massacres.date_basis) == ("--10-07", "explicit")


def test_events_seeds_planning_claim_and_denial(articles) -> None:
    text = articles["001"]
    helped = _find(text, "helped", lambda e: e.type == "AID" and e.mode == "reported" and (
        _countries(e.source), _codes(e.target)) == ({"IRN"}, {"PSEREBHMS"}))
    assert {"PSEREBHMS", "LBNREBHEZ"} <= _codes(helped.reported_by)
    alone = _find(text, "on its own", lambda e: e.type == "AID" and e.mode == "denied")
    assert _codes(alone.target) == {"PSEREBHMS"} and not alone.source
    assert "Mahmoud Mirdawi" in {m.text for m in alone.reported_by}
    direct = _find(text, "direct", lambda e: e.mode == "denied" and (
        _countries(e.source) == {"IRN"}))
    assert _countries(direct.reported_by) == {"IRN"}  # "a spokesman for Iran's mission"
    planned = _find(text, "attacks", lambda e: _codes(e.source) == {"PSEREBHMS"})
    assert not planned.target  # "planned the attacks on its own": Hamas did not attack Hamas
    # "Biden ... took to CNN to call Netanyahu's government 'the most extreme'": no phone call
    assert not [e for e in text.events if text.span_text(e.trigger) == "call"]
    # "have not yet seen evidence that Iran directed ...": hedged, not denied
    _find(text, "directed", lambda e: e.mode == "hedged" and _countries(e.source) == {"IRN"})


def test_events_seeds_who_did_what_a_clause_says(articles) -> None:
    text = articles["003"]
    # "a bombing of the Israeli embassy in Buenos Aires that killed 22 people": not Israel
    killed = _find(text, "killed", lambda e: _counts(e).get("killed") == 22.0)
    assert "ISR" not in _countries(killed.source) and _countries(killed.source) <= {"IRN", "LBN"}
    # "Tehran has funded ... including ... Hamas. Yet ... its own troops never struck Israel"
    struck = _find(text, "struck", lambda e: e.negated)
    assert _countries(struck.source) == {"IRN"}
    met = _find(articles["001"], "met", lambda e: e.location == "Lebanon")
    assert met.type == "CONSULT" and met.cameo.startswith("04")
    assert not any((m.sector or "").startswith("LEG") for m in met.source)  # "Representatives"
    # "Officers of Iran's IRGC had worked with Hamas ... to devise the ... incursions ..., those
    # people said": planners are not doers, and "those people" are the sources named before
    for event in articles["001"].events:
        if articles["001"].span_text(event.trigger) == "incursions":
            assert not event.source
        assert all(m.actor != "---CVL" or m.text.lower() != "those people"
                   for m in event.reported_by)
    worked = _find(articles["001"], "worked", lambda e: _codes(e.target) == {"PSEREBHMS"})
    assert {"PSEREBHMS", "LBNREBHEZ"} <= _codes(worked.reported_by)


def test_events_seeds_position_negation_and_counts(articles) -> None:
    text = articles["001"]
    # "several militias surrounding Israel in April": where they are, not an attack
    assert not [e for e in text.events if text.span_text(e.trigger).startswith("surround")]
    # "dozens, if not hundreds, of soldiers and civilians kidnapped": a count on the kidnapping;
    # "hundreds of Israeli dead": a toll of its own
    kidnapped = _find(text, "kidnapped", lambda e: _codes(e.source) == {"PSEREBHMS"})
    assert _counts(kidnapped) == {"kidnapped": 24.0}
    _find(text, "dead", lambda e: _countries(e.target) == {"ISR"} and _counts(e) == {"dead": 200.0})
    # "a nation that refuses to halt its genocide ... while facing the threat of retaliation
    # from Iran": the retaliation is not denied by the refusal
    threat = [e for e in articles["000"].events if articles["000"].span_text(e.trigger) ==
              "retaliation" and e.date_span is None and e.mode == "asserted"]
    assert threat and not any(e.negated for e in threat)


def _triggered(article: Article, trigger: str) -> list[Event]:
    return [e for e in article.events if article.span_text(e.trigger) == trigger]


def test_events_seeds_words_that_are_no_event_here(articles) -> None:
    """"deliberately provoked" causes, "hang back" waits, "will be met with U.S. reprisals"
    answers, "must have appreciated the implications" understands, "redoubled his efforts"
    does more: none is a protest, execution, meeting, praise or mobilisation."""
    assert not [e for e in _triggered(articles["000"], "provoked") if e.type == "PROTEST"]
    assert not _triggered(articles["000"], "hang")
    assert not [e for e in _triggered(articles["003"], "met") if e.type == "CONSULT"]
    assert not _triggered(articles["003"], "appreciated")
    assert not [e for e in _triggered(articles["003"], "redoubled") if e.type == "MOBILIZE"]
    assert not _triggered(articles["003"], "recognize")  # "recognize that ...": a fact


def test_events_seeds_no_one_acts_on_itself(articles) -> None:
    """No event has a target that is its source, or the source's own country as a whole
    ("Biden threatened to reassess U.S. support for Israel": Israel is the target)."""
    for article in articles.values():
        for event in article.events:
            codes = {m.actor for m in event.source if m.actor and m.actor[:3] != "---"}
            countries = {m.country for m in event.source if m.country}
            if {m.actor for m in event.target} == {m.actor for m in event.source}:
                continue  # "X and Y coordinated": each with the other
            assert not [m for m in event.target if m.actor in codes or (
                m.actor == m.country and m.country in countries)], (
                article.span_text(event.trigger), _codes(event.source), _codes(event.target))
    threatened = _find(articles["002"], "threatened", lambda e: e.type == "THREATEN")
    assert _countries(threatened.target) == {"ISR"}


def test_events_seeds_arguments_a_reader_gives(articles) -> None:
    # "politicians ... trying to paint fighting Iran alongside Israel as ...": a fight with
    # Iran, not cooperation, and not the politicians'
    fighting = _find(articles["000"], "fighting", lambda e: "IRN" in _countries(e.target))
    assert fighting.type == "ASSAULT" and not fighting.source
    # "whether or not you see Iran's response as proportionate ... Israel deliberately struck
    # their embassy and murdered seven of their citizens": Iran's
    struck = _find(articles["000"], "struck", lambda e: _countries(e.source) == {"ISR"})
    assert _codes(struck.target) == {"IRNGOV"} and struck.mode == "asserted"
    murdered = _find(articles["000"], "murdered", lambda e: _counts(e).get("citizens") == 7)
    assert _codes(murdered.target) == {"IRNCVL"}
    # "Countless people have been warning ...": a vague crowd is no actor
    assert not [e for e in articles["000"].events if "---CVL" in _codes(e.source)
                and e.type == "THREATEN"]
    # "met ... to discuss this weekend's attack on Israel": Israel is the attack's target
    for event in _triggered(articles["001"], "discuss"):
        assert "ISR" not in _countries(event.target)
    # "with Israel mounting ... efforts to preempt and retaliate against aggression from Iran
    # and its proxies": Israel retaliates against Iran's side
    retaliate = _find(articles["003"], "retaliate", lambda e: e.mode == "asserted")
    assert (_countries(retaliate.source), _countries(retaliate.target)) == ({"ISR"}, {"IRN"})
    # "Israel's regional partners, which have deplored ...": not Israel deploring Israel
    assert not [e for e in _triggered(articles["003"], "deplored")
                if "ISR" in _countries(e.source)]
    # "President Trump ordered the killing of General Suleimani and Iran retaliated"
    retaliated = _find(articles["002"], "retaliated", lambda e: e.type == "ASSAULT")
    assert _countries(retaliated.source) == {"IRN"}
    killing = _find(articles["002"], "killing", lambda e: e.type == "ASSAULT")
    assert "IRN" not in _countries(killing.target)


def test_events_seeds_peoples_and_historical_states(articles) -> None:
    """"clashes between Arabs and Jews", "The Soviets never considered Israel a foe"."""
    clashes = _find(articles["001"], "clashes", lambda e: e.type == "ASSAULT")
    assert "ARB" in _codes(clashes.source)
    soviets = [m for m in articles["001"].mentions if m.text == "Soviets"]
    assert soviets and {m.actor for m in soviets} == {"SUN"}
    # "never considered Israel a permanent foe": how they regarded Israel, no consultation
    assert not _triggered(articles["001"], "considered")
