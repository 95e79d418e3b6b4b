"""A mention that names the act and its source but not its target joins the event."""

from __future__ import annotations

from contrast_helpers import article, event

from manysides.compare.align import align_story
from manysides.compare.brief import build_timeline
from manysides.compare.contrast import verdicts
from manysides.model import Article, Story, StoryEvent

POST = "Borovia fired more than 300 drones and missiles at Ardenia overnight."
LEDGER = "Borovia launched a barrage of drones at Ardenia, its first direct assault."
SIGNAL = ("Officials praised the defence against the Borovian airstrikes. "
          "Ardenia had bombed the Borovian consulate in Velmar two weeks earlier.")


def post() -> Article:
    return article("a1", POST, [event(POST, "fired", "ASSAULT", source=(("Borovia", "BOR"),),
                                      target=(("Ardenia", "ARD"),))], outlet="Harbor Post")


def ledger() -> Article:
    return article("a2", LEDGER, [event(LEDGER, "barrage", "ASSAULT",
                                        source=(("Borovia", "BOR"),),
                                        target=(("Ardenia", "ARD"),))], outlet="Daily Ledger")


def signal(words: str = "airstrikes", target: tuple[tuple[str, ...], ...] = ()) -> Article:
    return article("a3", SIGNAL, [
        event(SIGNAL, words, "ASSAULT", source=(("Borovian", "BOR"),), target=target),
        event(SIGNAL, "bombed", "ASSAULT", source=(("Ardenia", "ARD"),),
              target=(("Borovian consulate", "BOR", "GOV"),))], outlet="Morning Signal")


def where(found: list, mention: tuple[str, int]) -> set[tuple[str, int]]:
    return next(set(a.event.mentions) for a in found if mention in a.event.mentions)


def test_align_unnamed_target_joins_the_event_of_its_source() -> None:
    found = align_story([post(), ledger(), signal()], "s")
    assert where(found, ("a3", 0)) == {("a1", 0), ("a2", 0), ("a3", 0)}
    # the opposite sides' strike stays apart
    assert where(found, ("a3", 1)) == {("a3", 1)}
    by = {(v.event, v.outlet): v for v in verdicts(found, [post(), ledger(), signal()])}
    attack = next(a.event.id for a in found if ("a1", 0) in a.event.mentions)
    assert by[attack, "Morning Signal"].kind == "reports"
    assert by[attack, "Morning Signal"].confidence < by[attack, "Harbor Post"].confidence


def test_align_named_target_of_no_country_does_not_join() -> None:
    text = SIGNAL.replace("the Borovian airstrikes", "the Borovian airstrikes on aid workers")
    one = article("a3", text, [event(text, "airstrikes", "ASSAULT",
                                     source=(("Borovian", "BOR"),),
                                     target=(("aid workers", "", "LAB"),))], outlet="Signal")
    found = align_story([post(), ledger(), one], "s")
    assert where(found, ("a3", 0)) == {("a3", 0)}


def test_align_dated_mention_does_not_join_an_undated_event() -> None:
    text = "Officials recalled the Borovian airstrikes of 1992."
    one = article("a3", text, [event(text, "airstrikes", "ASSAULT",
                                     source=(("Borovian", "BOR"),), date="1992")],
                  outlet="Signal")
    found = align_story([post(), ledger(), one], "s")
    assert where(found, ("a3", 0)) == {("a3", 0)}


def test_contrast_act_without_target_is_no_omission() -> None:
    """Alignment left it out (plain story events): a weak report, never a confident omission."""
    members = [post(), ledger(), signal()]
    events = [StoryEvent("s-e1", "ASSAULT", [("a1", 0), ("a2", 0)]),
              StoryEvent("s-e2", "ASSAULT", [("a3", 0)]),
              StoryEvent("s-e3", "ASSAULT", [("a3", 1)])]
    by = {(v.event, v.outlet): v for v in verdicts(events, members)}
    weak = by["s-e1", "Morning Signal"]
    assert weak.kind == "reports" and weak.confidence <= 0.4
    assert weak.words == ["airstrikes"] and weak.spans[0].event == 0
    # the opposite sides' strike is still omitted by the others
    assert by["s-e3", "Harbor Post"].kind == "omits"


def test_timeline_marks_background_and_puts_it_last() -> None:
    text = ("Borovia fired drones at Ardenia on 2024-04-13. Ardenia had struck Velmar on "
            "2024-04-01. Borovia first armed the Front in 1992.")
    one = article("a1", text, [
        event(text, "fired", "ASSAULT", source=(("Borovia", "BOR"),),
              target=(("Ardenia", "ARD"),), date="2024-04-13"),
        event(text, "struck", "ASSAULT", source=(("Ardenia", "ARD"),), date="2024-04-01"),
        event(text, "armed", "AID", source=(("Borovia", "BOR"),), date="1992")],
        outlet="Harbor Post")
    two = article("a2", text, list(one.events), outlet="Daily Ledger")
    aligned = align_story([one, two], "s")
    timeline = build_timeline(Story(id="s", articles=["a1", "a2"]), [one, two], aligned)
    assert list(dict.fromkeys((e.date, e.background) for e in timeline.entries)) == [
        ("2024-04-01", ""), ("2024-04-13", ""), ("1992", "1992")]
