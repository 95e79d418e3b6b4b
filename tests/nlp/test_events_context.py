"""When, where, how many and who says so: the context an event carries."""

from __future__ import annotations

from datetime import datetime

import pytest
from events_helpers import events_of

from manysides.model import Span


def _only(text: str, trigger: str, **kwargs):  # type: ignore[no-untyped-def]
    article, events = events_of(text, **kwargs)
    found = [e for e in events if article.span_text(e.trigger) == trigger]
    assert len(found) == 1, [article.span_text(e.trigger) for e in events]
    return article, found[0]


@pytest.mark.parametrize(
    ("text", "trigger", "date_text", "iso"),
    [
        ("Freedonia attacked Sylvania on Saturday.", "attacked", "Saturday", "2024-04-13"),
        ("Freedonia attacked Sylvania last Monday.", "attacked", "last Monday", "2024-04-08"),
        ("Freedonia shelled Sylvania yesterday.", "shelled", "yesterday", "2024-04-13"),
        ("Freedonia attacked Sylvania late last night.", "attacked", "late last night",
         "2024-04-13"),
        ("Freedonia's April 1 strike on Sylvania failed.", "strike", "April 1", "2024-04-01"),
        ("Freedonia's strike on Sylvania on April 1st failed.", "strike", "April 1st",
         "2024-04-01"),
        ("Sylvania's Saturday attack on Freedonia failed.", "attack", "Saturday", "2024-04-13"),
        ("Freedonia invaded Sylvania in 1992.", "invaded", "1992", "1992"),
        ("Freedonia will attack Sylvania on Monday.", "attack", "Monday", "2024-04-15"),
        ("Freedonia launched an attack on Sylvania on Friday.", "attack", "Friday", "2024-04-12"),
    ],
)
def test_events_context_dates_resolve_against_the_article_date(
        text: str, trigger: str, date_text: str, iso: str) -> None:
    article, event = _only(text, trigger)
    assert article.span_text(event.date_span) == date_text
    assert event.date == iso


def test_events_context_relative_dates_stay_unresolved_without_article_date() -> None:
    article, event = _only("Freedonia attacked Sylvania on Saturday.", "attacked", published=None)
    assert event.date is None
    assert article.span_text(event.date_span) == "Saturday"


def test_events_context_the_date_of_the_report_is_not_the_date_of_the_event() -> None:
    _article, event = _only("Sylvania said on Friday that Freedonia attacked it.", "attacked")
    assert event.date is None and event.date_span is None


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("Freedonia rushed troops to Sylvania after April 7.", "rushed"),
        ("Freedonia has shelled Sylvania since April 2.", "shelled"),
        ("Freedonia attacked Sylvania before April 10.", "attacked"),
        ("Freedonia will shell Sylvania until Friday.", "shell"),
        # a bound's own offset ("days before X") dates neither X nor anything below it
        ("Just days before the attack, Freedonia warned Sylvania.", "warned"),
        ("Freedonia threatened Sylvania a day after the April 1 strike.", "threatened"),
    ],
)
def test_events_context_a_temporal_bound_is_not_the_event_date(text: str, trigger: str) -> None:
    _article, event = _only(text, trigger)
    assert event.date is None and event.date_span is None and event.date_basis is None


def test_events_context_an_event_named_in_a_bound_keeps_its_own_date() -> None:
    article, events = events_of("Sylvania shelled Freedonia on Sunday after "
                                "Freedonia's April 1 strike on Sylvania.")
    by_trigger = {article.span_text(e.trigger): e for e in events}
    assert by_trigger["strike"].date == "2024-04-01"
    assert by_trigger["shelled"].date == "2024-04-14"


@pytest.mark.parametrize(
    ("text", "trigger", "mode"),
    [
        # what "after"/"following" names has happened, whatever the clause around it says
        ("Freedonia urged Sylvania to hold back following the Ruritanian attack on Sylvania.",
         "attack", "asserted"),
        ("Freedonia plans to respond after the Sylvanian strike on Freedonia.", "strike",
         "asserted"),
        ("Freedonia plans to strike Sylvania after the talks.", "strike", "future"),
    ],
)
def test_events_context_what_after_names_is_presupposed(text: str, trigger: str,
                                                        mode: str) -> None:
    _article, event = _only(text, trigger)
    assert event.mode == mode


@pytest.mark.parametrize(
    ("text", "trigger", "place"),
    [
        ("Freedonia shelled Sylvanian positions in Damascus.", "shelled", "Damascus"),
        ("Freedonian jets struck Red Hand targets in Lebanon.", "struck", "Lebanon"),
        ("Freedonia bombed the Sylvanian embassy in Syria.", "bombed", "Syria"),
        ("The Freedonian strike in Damascus killed seven.", "strike", "Damascus"),
        ("Freedonia and Sylvania met in Geneva.", "met", "Geneva"),
    ],
)
def test_events_context_locations(text: str, trigger: str, place: str) -> None:
    article, event = _only(text, trigger)
    assert event.location == place
    assert article.span_text(event.location_span) == place


@pytest.mark.parametrize(
    ("text", "trigger", "counts"),
    [
        ("Freedonia's barrage of more than 300 drones hit Sylvania.", "barrage",
         [("drones", None, 300.0, False)]),
        ("Freedonia bombed Sylvania, killing seven Sylvanians.", "bombed",
         [("killed", 7.0, 7.0, True)]),
        ("Freedonia fired 120 ballistic missiles at Sylvania.", "fired",
         [("ballistic missiles", 120.0, 120.0, True)]),
        ("The rebels attacked Sylvania, killing at least 6 soldiers and wounding dozens.",
         "attacked", [("killed", None, 6.0, True), ("injured", None, 24.0, True)]),
        ("Freedonia attacked Sylvania; hundreds of rockets and 30 drones were launched.",
         "attacked", [("rockets", None, 200.0, True), ("drones", 30.0, 30.0, True)]),
    ],
)
def test_events_context_quantities(text: str, trigger: str, counts: list[tuple]) -> None:
    article, event = _only(text, trigger)
    got = [(q.counts, q.value, q.low, q.low_inclusive) for q in event.quantities]
    assert got == counts
    assert all(article.span_text(q.span) == q.text for q in event.quantities)


def test_events_context_outcome_adjective_with_a_count_is_an_event() -> None:
    _article, event = _only("At least 700 Sylvanians are confirmed dead.", "dead")
    assert [m.actor for m in event.target] == ["SYL"]
    assert [(q.counts, q.low) for q in event.quantities] == [("dead", 700.0)]


@pytest.mark.parametrize(
    ("text", "trigger", "mode", "reporters"),
    [
        ("Sylvania said Freedonia attacked Ruritania.", "attacked", "reported", ["Sylvania"]),
        ("Freedonia attacked Ruritania, according to the UN.", "attacked", "reported",
         ["the UN"]),
        ("Freedonia attacked Ruritania, local officials said.", "attacked", "reported",
         ["local officials"]),
        ("Freedonia denied that Sylvania attacked Ruritania.", "attacked", "denied",
         ["Freedonia"]),
        ("Freedonia rejected claims that Sylvania attacked Ruritania.", "attacked", "denied",
         ["Freedonia"]),
        # no evidence of an act is no denial of it: the act is left open
        ("Sylvania said it had not seen evidence that Freedonia attacked Ruritania.",
         "attacked", "hedged", ["Sylvania"]),
        ("We have not yet seen evidence that Freedonia directed the raid, Okafor said.",
         "raid", "hedged", ["Okafor"]),
        ("Analysts believe that Freedonia attacked Ruritania.", "attacked", "hedged",
         ["Analysts"]),
        # the event as the object of a reporting verb: "reported damage", "confirmed a raid"
        ("Sylvania reported damage to a Sylvanian army base.", "damage", "reported",
         ["Sylvania"]),
        ("Ruritania confirmed the Freedonian raid on Sylvania.", "raid", "reported",
         ["Ruritania"]),
        # not confirmed is left open, not denied and not reported
        ("Ruritania did not confirm the Freedonian raid on Sylvania.", "raid", "hedged",
         ["Ruritania"]),
    ],
)
def test_events_context_reporting_sources(text: str, trigger: str, mode: str,
                                          reporters: list[str]) -> None:
    article, event = _only(text, trigger)
    assert event.mode == mode
    assert [article.span_text(m.span) for m in event.reported_by] == reporters


def test_events_context_article_date_is_optional_and_events_pickle() -> None:
    import pickle

    _article, event = _only("Freedonia attacked Sylvania on Saturday.", "attacked",
                           published=datetime(2024, 1, 7))
    assert event.date == "2024-01-06"
    assert pickle.loads(pickle.dumps(event)) == event


@pytest.mark.parametrize(
    ("text", "trigger", "source", "mode", "negated"),
    [
        # saying one acted by oneself denies that anyone helped
        ("Okafor said the Red Hand planned the attack on its own.", "on its own", [], "denied",
         True),
        ("The rebels acted alone, Okafor said.", "alone", [], "denied", True),
        ("The rebels carried out the raid without help from Freedonia.", "without help",
         ["FRE"], "denied", True),
        # "does not act single-handedly" says the opposite: it had help
        ("The Red Hand does not single-handedly make decisions.", "single-handedly", [],
         "asserted", False),
    ],
)
def test_events_context_acting_alone_denies_help(text: str, trigger: str, source: list[str],
                                                 mode: str, negated: bool) -> None:
    _article, event = _only(text, trigger)
    assert event.type == "AID" and [m.actor for m in event.source] == source
    assert [m.actor for m in event.target] in (["---REBRHD"], ["---REB"])
    assert (event.mode, event.negated) == (mode, negated)


def test_events_context_living_alone_is_no_event() -> None:
    article, events = events_of("Okafor lives alone in Freedonia.")
    assert all(article.span_text(e.trigger) != "alone" for e in events)


def test_events_context_undated_article_infers_its_reference_from_its_words() -> None:
    article, events = events_of("On April 1, 2024, Freedonia attacked Sylvania. On April 13, "
                                "Sylvania struck Freedonia.", published=None)
    record = article.meta["reference_date"]
    assert (record["date"], record["source"]) == ("2024-04-01", "inferred")
    assert article.span_text(Span(*record["evidence"])) == "April 1, 2024"
    got = {article.span_text(e.trigger): (e.date, e.date_basis) for e in events}
    assert got["attacked"] == ("2024-04-01", "explicit")
    assert got["struck"] == ("2024-04-13", "inferred")
