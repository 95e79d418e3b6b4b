"""Per outlet and story event: reports, omits or contradicts, with spans on both sides."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from contrast_helpers import article, event, find

from manysides.compare.align import align_story
from manysides.compare.contrast import (
    Evidence,
    Verdict,
    register_contradiction_model,
    verdicts,
)
from manysides.model import Article, StoryEvent

LEDGER = "Ardenia launched a strike on Borovia in Velmar on April 1, killing {n} officers."
SIGNAL = "An Ardenian strike on Borovia in Velmar on April 1 killed {n} officers."
POST = "Borovia fired more than 300 drones and missiles at Ardenia overnight."


def strike(id: str, template: str, number: str, outlet: str | None,
           date: str = "2024-04-01") -> Article:
    text = template.format(n=number)
    return article(id, text, [event(
        text, "strike", "ASSAULT", source=(("Ardenia" if "Ardenia " in text else "Ardenian",
                                            "ARD"),),
        target=(("Borovia", "BOR"),), counts=((number, "killed"),), date=date,
        location="Velmar")], outlet=outlet)


def post(outlet: str | None = "Harbor Post") -> Article:
    return article("a3", POST, [event(
        POST, "fired", "ASSAULT", source=(("Borovia", "BOR"),), target=(("Ardenia", "ARD"),),
        counts=(("more than 300", "drones and missiles"),))], outlet=outlet)


def judge(articles: list[Article]) -> dict[tuple[str, str], Verdict]:
    found = verdicts(align_story(articles, "s"), articles)
    return {(v.event, v.outlet): v for v in found}


@pytest.fixture(autouse=True)
def _no_model() -> Iterator[None]:
    register_contradiction_model(None)
    yield
    register_contradiction_model(None)


def test_contrast_numbers_contradict_with_spans_on_both_sides() -> None:
    a1 = strike("a1", LEDGER, "seven", "The Daily Ledger")
    a2 = strike("a2", SIGNAL, "nine", "Morning Signal")
    found = judge([a1, a2, post()])
    ledger, signal = found["s-e1", "The Daily Ledger"], found["s-e1", "Morning Signal"]
    assert ledger.kind == signal.kind == "contradicts"
    assert ledger.reason == "7 vs 9 killed" and signal.reason == "9 vs 7 killed"
    one, other = a1.text, a2.text
    assert ledger.spans == [Evidence("a1", find(one, one), find(one, "strike"), 0)]
    assert ledger.other == [Evidence("a2", find(other, other), find(other, "strike"), 0)]
    assert ledger.article == "a1" and signal.other[0].article == "a1"
    assert 0 < ledger.confidence < 1
    assert [q.text for q in ledger.quantities] == ["seven"]
    assert ledger.words == ["strike"]


def test_contrast_omission_and_report() -> None:
    a1 = strike("a1", LEDGER, "seven", "The Daily Ledger")
    a2 = strike("a2", SIGNAL, "seven", "Morning Signal")
    found = judge([a1, a2, post()])
    assert found["s-e1", "The Daily Ledger"].kind == "reports"
    assert found["s-e1", "The Daily Ledger"].reason == "7 killed"
    omitted = found["s-e1", "Harbor Post"]
    assert omitted.kind == "omits" and omitted.article == "a3" and not omitted.spans
    assert found["s-e2", "Harbor Post"].kind == "reports"
    assert found["s-e2", "The Daily Ledger"].kind == "omits"
    assert len(found) == 6  # one verdict per event and outlet


def test_contrast_omission_confidence_falls_with_a_near_miss() -> None:
    a1 = strike("a1", LEDGER, "seven", "The Daily Ledger")
    near_text = "Ardenian jets were seen over the region."
    # jets seen (MOBILIZE), not a strike: near, but not the act (a strike with its target left
    # out would be a report: test_contrast_act_without_target_is_no_omission)
    near = article("a2", near_text, [event(near_text, "seen", "MOBILIZE",
                                            source=(("Ardenian jets", "ARD", "MIL"),))],
                   "Morning Signal")
    far = post()
    found = judge([a1, near, far])
    assert found["s-e1", "Morning Signal"].kind == "omits"
    assert found["s-e1", "Morning Signal"].confidence < found["s-e1", "Harbor Post"].confidence


def test_contrast_unknown_outlet_is_the_article_id() -> None:
    a1 = strike("a1", LEDGER, "seven", None)
    a2 = strike("a2", SIGNAL, "nine", None)
    outlets = {v.outlet for v in verdicts(align_story([a1, a2], "s"), [a1, a2])}
    assert outlets == {"a1", "a2"}


def test_contrast_same_outlet_does_not_contradict_itself() -> None:
    a1 = strike("a1", LEDGER, "seven", "The Daily Ledger")
    a2 = strike("a2", SIGNAL, "nine", "The Daily Ledger")
    found = verdicts(align_story([a1, a2], "s"), [a1, a2])
    assert [(v.kind, len(v.spans)) for v in found] == [("reports", 2)]


def test_contrast_consistent_counts_are_no_contradiction() -> None:
    t1 = "Borovia fired hundreds of missiles and drones at Ardenia overnight."
    t2 = ("Borovia fired 170 drones, 30 cruise missiles and 120 ballistic missiles at Ardenia "
          "overnight.")
    a1 = article("b1", t1, [event(t1, "fired", "ASSAULT", source=(("Borovia", "BOR"),),
                                  target=(("Ardenia", "ARD"),),
                                  counts=(("hundreds", "missiles and drones"),))], "Ledger")
    a2 = article("b2", t2, [event(t2, "fired", "ASSAULT", source=(("Borovia", "BOR"),),
                                  target=(("Ardenia", "ARD"),),
                                  counts=(("170", "drones"), ("30", "cruise missiles"),
                                          ("120", "ballistic missiles")))], "Signal")
    found = verdicts(align_story([a1, a2, post()], "s"), [a1, a2, post()])
    assert {v.kind for v in found} == {"reports"}
    assert len({v.event for v in found}) == 1


def test_contrast_parts_exceeding_a_total_contradict() -> None:
    t2 = "Borovia fired 250 drones and 100 missiles at Ardenia overnight."
    a2 = article("b2", t2, [event(t2, "fired", "ASSAULT", source=(("Borovia", "BOR"),),
                                  target=(("Ardenia", "ARD"),),
                                  counts=(("250", "drones"), ("100", "missiles")))], "Signal")
    t3 = "Borovia fired about 300 drones and missiles at Ardenia overnight."
    a3 = article("b3", t3, [event(t3, "fired", "ASSAULT", source=(("Borovia", "BOR"),),
                                  target=(("Ardenia", "ARD"),),
                                  counts=(("about 300", "drones and missiles"),))], "Post")
    found = judge([a2, a3])
    assert found["s-e1", "Signal"].kind == "contradicts"
    assert "exceed about 300 drones and missiles" in found["s-e1", "Signal"].reason


NEGATED = "Borovia did not fire a single missile at Ardenia, its defence ministry said."


@pytest.mark.parametrize(("mode", "negated", "word"), [
    ("asserted", True, "negated"), ("reported", True, "negated"), ("denied", False, "denied"),
])
def test_contrast_negation_and_denial(mode: str, negated: bool, word: str) -> None:
    a1 = post("Harbor Post")
    a2 = article("n", NEGATED, [event(
        NEGATED, "fire", "ASSAULT", source=(("Borovia", "BOR"),), target=(("Ardenia", "ARD"),),
        mode=mode, negated=negated)], "Morning Signal")
    found = judge([a1, a2])
    signal, harbor = found["s-e1", "Morning Signal"], found["s-e1", "Harbor Post"]
    assert signal.kind == harbor.kind == "contradicts"
    assert signal.reason == f'"fire" {word} vs "fired" asserted'
    assert signal.other == [Evidence("a3", find(POST, POST), find(POST, "fired"), 0)]
    assert harbor.other[0].span == find(NEGATED, NEGATED)


def test_contrast_denied_help_against_helped_plan() -> None:
    t1 = "Calvera helped the Front plan the attacks on Ardenia, officials said."
    t2 = "Calvera denied that it helped the Front plan the attacks on Ardenia."
    a1 = article("h1", t1, [event(t1, "helped", "AID", source=(("Calvera", "CAL"),),
                                  target=(("Front", "FRO"),), mode="reported")], "Ledger")
    a2 = article("h2", t2, [event(t2, "helped", "AID", source=(("Calvera", "CAL"),),
                                  target=(("Front", "FRO"),), mode="denied")], "Signal")
    found = judge([a1, a2])
    assert found["s-e1", "Signal"].kind == "contradicts"
    assert found["s-e1", "Signal"].reason == '"helped" denied vs "helped" asserted'


def test_contrast_planned_alone_against_helped_plan() -> None:
    t1 = "Calvera helped the Front plan the attacks on Ardenia, officials said."
    t2 = "The Front planned the attacks on Ardenia on its own, its leader said."
    a1 = article("h1", t1, [event(t1, "helped", "AID", source=(("Calvera", "CAL"),),
                                  target=(("Front", "FRO"),), mode="reported")], "Ledger")
    a2 = article("h2", t2, [event(t2, "attacks", "ASSAULT", source=(("Front", "FRO"),),
                                  target=(("Ardenia", "ARD"),), mode="reported")], "Signal")
    found = judge([a1, a2])
    assert len({e for e, _ in found}) == 1
    assert found["s-e1", "Signal"].kind == "contradicts"
    assert found["s-e1", "Signal"].reason == "FRO alone vs CAL taking part"


DETAIL = ("Borovia fired more than 300 drones and missiles at Ardenia. Borovia did not hit a "
          "single target in Ardenia.")


@pytest.mark.parametrize(("other", "contradicts"), [
    ("Borovia fired missiles at Ardenia, killing seven soldiers.", True),  # harm done
    ("Borovia fired missiles at Ardenia.", False),  # the attack itself, which both report
])
def test_contrast_negated_detail(other: str, contradicts: bool) -> None:
    a1 = article("d1", DETAIL, [
        event(DETAIL, "fired", "ASSAULT", source=(("Borovia", "BOR"),),
              target=(("Ardenia", "ARD"),), counts=(("more than 300", "drones and missiles"),)),
        event(DETAIL, "hit", "ASSAULT", source=(("Borovia", "BOR"),),
              target=(("Ardenia", "ARD"),), negated=True, after=60),
    ], "Ledger")
    counts = (("seven", "killed"),) if "seven" in other else ()
    a2 = article("d2", other, [event(other, "fired", "ASSAULT", source=(("Borovia", "BOR"),),
                                     target=(("Ardenia", "ARD"),), counts=counts)], "Signal")
    found = verdicts(align_story([a1, a2], "s"), [a1, a2])
    ledger = [v for v in found if v.outlet == "Ledger" and v.kind != "omits"]
    assert any(v.kind == "contradicts" for v in ledger) is contradicts


def test_contrast_habitual_never_is_no_denial_of_the_event() -> None:
    text = "Ardenia has never struck Borovia in Velmar before."
    a2 = article("n", text, [event(text, "struck", "ASSAULT", source=(("Ardenia", "ARD"),),
                                   target=(("Borovia", "BOR"),), negated=True)], "Signal")
    a1 = strike("a1", LEDGER, "seven", "Ledger")
    assert all(v.kind != "contradicts" for v in verdicts(align_story([a1, a2], "s"), [a1, a2]))


@pytest.mark.parametrize(("other_date", "reason", "weak"), [
    ("2024-04-03", "2024-04-01 vs 2024-04-03", False),
    ("2024-04-02", "2024-04-01 vs 2024-04-02 (a day apart)", True),
])
def test_contrast_dates_conflict(other_date: str, reason: str, weak: bool) -> None:
    a1 = strike("a1", LEDGER, "seven", "Ledger")
    a2 = strike("a2", SIGNAL, "seven", "Signal", date=other_date)
    story_event = StoryEvent(id="x-e1", type="ASSAULT", mentions=[("a1", 0), ("a2", 0)])
    (ledger, _) = verdicts([story_event], [a1, a2])
    assert ledger.kind == "contradicts" and ledger.reason == reason
    assert (ledger.confidence < 0.5) is weak


def test_contrast_plain_story_events_get_a_default_support() -> None:
    a1 = strike("a1", LEDGER, "seven", "Ledger")
    story_event = StoryEvent(id="x-e1", type="ASSAULT", mentions=[("a1", 0)])
    (verdict,) = verdicts([story_event], [a1])
    assert verdict.kind == "reports" and verdict.confidence == 0.8


def test_contrast_model_plug_in() -> None:
    a1 = strike("a1", LEDGER, "seven", "Ledger")
    a2 = strike("a2", SIGNAL, "seven", "Signal")
    seen: list[tuple[str, str]] = []

    def model(one: str, other: str) -> float:
        seen.append((one, other))
        return 0.9

    register_contradiction_model(model)
    found = judge([a1, a2])
    assert found["s-e1", "Ledger"].kind == "contradicts"
    assert found["s-e1", "Ledger"].reason == "contradiction model: p=0.90"
    assert (a1.text, a2.text) in seen
    register_contradiction_model(None)
    assert judge([a1, a2])["s-e1", "Ledger"].kind == "reports"


def test_contrast_model_averages_with_structured_evidence() -> None:
    a1 = strike("a1", LEDGER, "seven", "Ledger")
    a2 = strike("a2", SIGNAL, "nine", "Signal")
    without = judge([a1, a2])["s-e1", "Ledger"].confidence
    register_contradiction_model(lambda one, other: 0.0)
    low = judge([a1, a2])["s-e1", "Ledger"]
    assert low.kind == "contradicts" and low.confidence < without
