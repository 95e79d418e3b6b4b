"""Readings a careful reader makes that the parse alone does not: who a relative clause of
harm is about, who carries out an event noun, what a verb of position says, whose negation
reaches an event, which count goes with which event, and who "those people" are."""

from __future__ import annotations

import pytest
from events_helpers import describe, events_of

from manysides.model import Event


def _one(text: str, trigger: str) -> tuple[object, Event]:
    article, events = events_of(text)
    found = [e for e in events if article.span_text(e.trigger) == trigger]
    assert len(found) == 1, [describe(article, e) for e in events]
    return article, found[0]


def _codes(mentions: list) -> list[str]:
    return [m.actor or m.text for m in mentions]


def test_events_readings_a_relative_clause_of_harm_is_the_events() -> None:
    """"a bombing of the embassy that killed 22": the bombing killed them, not the embassy."""
    text = ("Freedonia carried out a bombing of the Sylvanian embassy in Kenya that killed "
            "22 people.")
    article, killed = _one(text, "killed")
    assert _codes(killed.source) == ["FRE"], describe(article, killed)
    assert [(q.counts, q.value) for q in killed.quantities] == [("killed", 22.0)]


def test_events_readings_armed_groups_keep_their_relative_clause() -> None:
    text = "Freedonia launched a raid on the Red Hand, which killed four Sylvanians."
    article, killed = _one(text, "killed")
    assert _codes(killed.source) == ["---REBRHD"], describe(article, killed)


def test_events_readings_an_event_subject_lends_its_own_source() -> None:
    """"The bombing of the Sylvanian embassy killed ...": Sylvania is whom it hit."""
    article, killed = _one("The bombing of the Sylvanian embassy killed 22 people.", "killed")
    assert "SYL" not in _codes(killed.source), describe(article, killed)


@pytest.mark.parametrize("verb", ["condemned", "discussed", "devised", "welcomed"])
def test_events_readings_only_doing_verbs_give_an_event_its_source(verb: str) -> None:
    """"Freedonia condemned the attack on Sylvania": Freedonia did not attack."""
    article, events = events_of(f"Freedonia {verb} the attack on Sylvania.")
    attacks = [e for e in events if article.span_text(e.trigger) == "attack"]
    assert all("FRE" not in _codes(e.source) for e in attacks)
    article, attack = _one("Freedonia carried out the attack on Sylvania.", "attack")
    assert _codes(attack.source) == ["FRE"]


def test_events_readings_a_meeting_is_a_consultation() -> None:
    article, met = _one("President Adams met with Sylvanian leaders in Kenya.", "met")
    assert (met.type, met.cameo[:2]) == ("CONSULT", "04"), describe(article, met)


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("Freedonia launched talks among the militias surrounding Sylvania in April.",
         "surrounding"),
        ("The rebels that surround Sylvania met in Kenya.", "surround"),
        ("Freedonia has armed the states bordering Sylvania.", "bordering"),
    ],
)
def test_events_readings_a_verb_of_position_says_where(text: str, trigger: str) -> None:
    article, events = events_of(text)
    assert trigger not in [article.span_text(e.trigger) for e in events]


def test_events_readings_surrounding_as_an_act_stays_an_event() -> None:
    article, surrounded = _one("The rebels surrounded Sylvania's capital.", "surrounded")
    assert surrounded.type == "ASSAULT", describe(article, surrounded)


def test_events_readings_a_date_on_an_object_participle_dates_the_clause() -> None:
    """"attacked the militias surrounding X in April": April is when the attack was."""
    article, attacked = _one("Freedonia attacked the rebels surrounding Sylvania in April.",
                             "attacked")
    assert article.span_text(attacked.date_span) == "April"


def test_events_readings_negation_stops_at_the_complement() -> None:
    """"refuses to halt X while facing the threat of retaliation": the retaliation is not
    denied; "refused to launch an attack" denies the attack."""
    text = ("Freedonia refuses to halt its shelling of Sylvania even while facing the threat "
            "of retaliation from Ruritania.")
    article, retaliation = _one(text, "retaliation")
    assert not retaliation.negated, describe(article, retaliation)
    article, attack = _one("Freedonia refused to launch an attack on Sylvania.", "attack")
    assert attack.negated, describe(article, attack)


def test_events_readings_each_count_with_its_own_event() -> None:
    """"hundreds of Freedonian dead, and dozens, if not hundreds, of soldiers kidnapped":
    a death toll of its own, and a count of the kidnapped on the kidnapping."""
    text = ("Outlets report hundreds of Freedonian dead, and dozens, if not hundreds, of "
            "soldiers kidnapped by the rebels.")
    article, kidnapped = _one(text, "kidnapped")
    assert [(q.counts, q.low) for q in kidnapped.quantities] == [("kidnapped", 24.0)]
    article, dead = _one(text, "dead")
    assert _codes(dead.target) == ["FRE"], describe(article, dead)
    assert [(q.counts, q.low) for q in dead.quantities] == [("dead", 200.0)]


def test_events_readings_those_people_are_the_sources_named_before() -> None:
    text = ("Sylvania attacked Ruritania, according to Freedonian officials. "
            "Sylvania also shelled Peru, those people said.")
    article, shelled = _one(text, "shelled")
    assert _codes(shelled.reported_by) == ["FRE"], describe(article, shelled)
    article, alone = _one("Sylvania shelled Peru, those people said.", "shelled")
    assert [(m.actor, m.text) for m in alone.reported_by] == [(None, "those people")]


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("The war was deliberately provoked by Freedonia.", "provoked"),  # causing, no protest
        ("We cannot trust Freedonia and hang back.", "hang"),  # waiting, no execution
        ("If the president redoubled his efforts, Sylvania could benefit.", "redoubled"),
        ("Any attack on Sylvania will be met with Freedonian reprisals.", "met"),  # an answer
        ("Freedonia must have appreciated the implications of the strike.", "appreciated"),
        ("Freedonia and Ruritania must recognize that the crisis helps Sylvania.", "recognize"),
        ("Freedonia never considered Sylvania a permanent foe.", "considered"),  # regarding
    ],
)
def test_events_readings_words_that_are_no_event_here(text: str, trigger: str) -> None:
    article, events = events_of(text)
    assert trigger not in [article.span_text(e.trigger) for e in events], [
        describe(article, e) for e in events]


def test_events_readings_acts_towards_an_actor_stay() -> None:
    """"recognized Sylvania" (an actor) is recognition; "hanged two Sylvanians" an execution."""
    article, recognized = _one("Freedonia recognized Sylvania.", "recognized")
    assert (recognized.type, _codes(recognized.target)) == ("SUPPORT", ["SYL"])
    article, hanged = _one("Freedonia hanged two Sylvanians.", "hanged")
    assert hanged.type == "ASSAULT", describe(article, hanged)


def test_events_readings_fighting_someone_alongside_an_ally() -> None:
    """"fighting X alongside Y" fights X; "fought alongside Y" cooperates with Y."""
    article, fighting = _one("Freedonia is fighting Sylvania alongside Ruritania.", "fighting")
    assert (fighting.type, _codes(fighting.target)) == ("ASSAULT", ["SYL"])
    article, fought = _one("Freedonia fought alongside Ruritania.", "fought")
    assert fought.type == "COOPERATE", describe(article, fought)


def test_events_readings_a_painted_gerund_is_nobodys_act() -> None:
    """"politicians trying to paint fighting Sylvania as ...": the politicians fight no one."""
    text = "Freedonian politicians are trying to paint fighting Sylvania as a different thing."
    article, fighting = _one(text, "fighting")
    assert not fighting.source, describe(article, fighting)


def test_events_readings_the_target_of_a_discussed_attack_is_not_the_talks() -> None:
    article, events = events_of("Freedonia and Ruritania discussed the attack on Sylvania.")
    discussed = [e for e in events if article.span_text(e.trigger) == "discussed"]
    assert discussed and all("SYL" not in _codes(e.target) for e in discussed)


@pytest.mark.parametrize(
    ("text", "trigger", "target"),
    [
        # the source's own support is not the target: whom the support is for is
        ("President Adams threatened to reassess Freedonian support for Sylvania.",
         "threatened", ["SYL"]),
        ("Freedonia and its allies attacked Sylvania.", "attacked", ["SYL"]),
    ],
)
def test_events_readings_no_one_acts_on_itself(text: str, trigger: str,
                                               target: list[str]) -> None:
    article, event = _one(text, trigger)
    assert _codes(event.target) == target, describe(article, event)


def test_events_readings_partners_of_x_are_not_x() -> None:
    """"Sylvania's partners, which have deplored the crisis": the partners, not Sylvania."""
    text = "Freedonia urged Sylvania's partners, which have deplored the war, to help."
    article, events = events_of(text)
    assert all("SYL" not in _codes(e.source) for e in events
               if article.span_text(e.trigger) == "deplored")


def test_events_readings_who_makes_an_effort_does_its_act() -> None:
    article, retaliate = _one("Freedonia mounted efforts to retaliate against Sylvania.",
                              "retaliate")
    assert (_codes(retaliate.source), _codes(retaliate.target)) == (["FRE"], ["SYL"]), describe(
        article, retaliate)


def test_events_readings_a_subject_the_parser_hung_on_an_object() -> None:
    """"ordered the killing of Okafor and Sylvania retaliated": Sylvania retaliated."""
    text = "President Adams ordered the killing of Okafor and Sylvania retaliated."
    article, retaliated = _one(text, "retaliated")
    assert _codes(retaliated.source) == ["SYL"], describe(article, retaliated)
    article, killing = _one(text, "killing")
    assert "SYL" not in _codes(killing.target), describe(article, killing)


@pytest.mark.parametrize(
    ("text", "trigger", "mode"),
    [
        # a coordinated clause with its own tense keeps its own mode
        ("Some will seek war, but the truth is that Freedonia struck Sylvania.", "struck",
         "asserted"),
        ("Freedonia must have struck Sylvania.", "struck", "hedged"),  # an inference
        ("Freedonia should strike Sylvania.", "strike", "called_for"),
    ],
)
def test_events_readings_mode_of_tensed_and_perfect_clauses(text: str, trigger: str,
                                                            mode: str) -> None:
    article, event = _one(text, trigger)
    assert event.mode == mode, describe(article, event)


def test_events_readings_conjoined_harm_participles_end() -> None:
    """"..., killing two, wounding five and injuring seven": conjoined harm verbs point back at
    each other in the parse; each is read once (this used to loop, growing without bound)."""
    import signal

    def _hang(signum: int, frame: object) -> None:
        raise TimeoutError("event extraction did not finish")

    previous = signal.signal(signal.SIGALRM, _hang)
    signal.alarm(60)
    try:
        article, events = events_of("Ardenia shelled the town on Monday, killing two people, "
                                    "wounding five and injuring seven others.")
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    triggers = [article.span_text(e.trigger) for e in events]
    assert triggers == ["shelled", "killing", "wounding", "injuring"]
