"""compare_story / compare on hand-built articles: verdicts, contradictions, brief, timeline."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from contrast_helpers import article, event, find

from manysides.compare import compare
from manysides.compare.comparison import compare_story
from manysides.model import (
    Article,
    Claim,
    Comparison,
    Duplicate,
    Lean,
    Mention,
    Span,
    Story,
    from_dict,
    to_dict,
)

T1 = ("Ardenia struck the harbour of Velmar on Monday, killing seven people. "
      "Rescue teams searched the harbour of Velmar for survivors after the strike.")
T2 = ("Ardenia struck the harbour of Velmar, killing nine people. "
      "Rescue teams searched the harbour of Velmar for survivors after the strike.")
T3 = ("Ardenia and Borovia struck the harbour of Velmar. "
      "Rescue teams searched the harbour of Velmar for survivors after the strike.")


def _strike(text: str, counts: tuple[tuple[str, str], ...] = (),
            source: tuple[tuple[str, ...], ...] = (("Ardenia", "ARD"),)) -> Any:
    return event(text, "struck", "ASSAULT", source=source, target=(("Velmar", "VEL"),),
                 counts=counts, location="Velmar")


def _three() -> list[Article]:
    return [
        article("a1", T1, [_strike(T1, (("seven", "killed"),))], "Ledger"),
        article("a2", T2, [_strike(T2, (("nine", "killed"),))], "Signal"),
        article("a3", T3, [_strike(T3, source=(("Ardenia", "ARD"), ("Borovia", "BOR")))],
                "Courier"),
    ]


def _run(articles: list[Article]) -> Comparison:
    result = Comparison()
    compare_story(Story(id="s1", articles=[a.id for a in articles]), articles, result)
    return result


def test_comparison_verdicts_numbers_words_and_unnamed_sides() -> None:
    result = _run(_three())
    story_event = "s1-e1"
    found = {(v.story_event, v.outlet): v for v in result.verdicts}
    ledger, signal, courier = (found[story_event, o] for o in ("Ledger", "Signal", "Courier"))
    assert ledger.verdict == signal.verdict == "contradicts"
    assert courier.verdict == "reports" and courier.numbers == []
    assert ledger.numbers == ["seven killed"] and signal.numbers == ["nine killed"]
    assert ledger.words == ["struck"]
    assert ledger.unnamed == ["Borovia"] and courier.unnamed == []
    (evidence,) = ledger.evidence
    assert evidence.article == "a1" and evidence.text == evidence.span.of(T1)
    assert evidence.quantities[0].text == "seven"
    assert [e.article for e in ledger.against] == ["a2"]


def test_comparison_contradiction_sides_point_at_the_words() -> None:
    result = _run(_three())
    (found,) = result.contradictions
    assert found.id == "s1-c1" and found.kind == "number" and found.story_event == "s1-e1"
    assert found.reason == "7 vs 9 killed"
    assert {found.a.outlet, found.b.outlet} == {"Ledger", "Signal"}
    texts = {"a1": T1, "a2": T2}
    for side in (found.a, found.b):
        assert side.text == side.span.of(texts[side.article])
        assert side.trigger is not None and side.trigger.of(texts[side.article]) == "struck"


def test_comparison_brief_agreed_disputed_and_cited() -> None:
    result = _run(_three())
    (brief,) = result.briefs
    kinds = [s.kind for s in brief.sentences]
    assert kinds[0] == "agreed" and "disputed" in kinds
    assert kinds == sorted(kinds, key=["agreed", "disputed", "partial"].index)
    texts = {"a1": T1, "a2": T2, "a3": T3}
    for sentence in brief.sentences:
        assert sentence.citations
        for citation in sentence.citations:
            assert citation.text == citation.span.of(texts[citation.article])
    agreed = brief.sentences[0]
    assert agreed.text == " ".join(agreed.citations[0].text.split())
    assert len(set(agreed.outlets)) >= 2
    disputed = next(s for s in brief.sentences if s.kind == "disputed")
    assert disputed.text.startswith("Accounts differ (7 vs 9 killed).")
    assert 'Ledger: "' in disputed.text and 'Signal: "' in disputed.text


def test_comparison_one_outlet_two_speakers_contradict() -> None:
    text = ("Calvera helped the Front plan the attacks on Ardenia, officials said. "
            "A Front leader said the Front planned the attacks on Ardenia on its own.")
    helped = event(text, "helped", "AID", source=(("Calvera", "CAL"),),
                   target=(("Front", "FRO"),), mode="reported")
    alone = event(text, "attacks", "ASSAULT", source=(("Front", "FRO"),),
                  target=(("Ardenia", "ARD"),), mode="reported", after=text.index("A Front"))
    helped.reported_by = [Mention(span=find(text, "officials"), text="officials")]
    alone.reported_by = [Mention(span=find(text, "A Front leader"), text="A Front leader")]
    result = _run([article("w1", text, [helped, alone], "Ledger")])
    (found,) = result.contradictions
    assert found.kind == "attribution" and found.a.outlet == found.b.outlet == "Ledger"
    assert {found.a.speaker, found.b.speaker} == {"officials", "A Front leader"}
    helped.reported_by, alone.reported_by = [], []
    assert _run([article("w1", text, [helped, alone], "Ledger")]).contradictions == []


def test_comparison_resolved_speaker_shown_by_name() -> None:
    text = ("Calvera helped the Front plan the attacks on Ardenia, officials said. "
            "Front leaders met on Sunday. They said the Front planned the attacks on its own.")
    helped = event(text, "helped", "AID", source=(("Calvera", "CAL"),),
                   target=(("Front", "FRO"),), mode="reported")
    alone = event(text, "on its own", "AID", target=(("the Front", "FRO"),), mode="denied")
    helped.reported_by = [Mention(span=find(text, "officials"), text="officials")]
    alone.reported_by = [Mention(span=find(text, "They"), text="They", name="Front leaders",
                                 resolved_from=find(text, "Front leaders"))]
    (found,) = _run([article("w1", text, [helped, alone], "Ledger")]).contradictions
    assert {found.a.speaker, found.b.speaker} == {"officials", "Front leaders"}


def test_comparison_help_denied_without_a_helper_against_one_named() -> None:
    """"X acted on its own" as the event stage codes it (help to X denied, no helper named)
    against "Y helped X", both reported by one outlet from different speakers."""
    text = ("Calvera helped the Front plan the attacks on Ardenia, officials said. "
            "A Front leader said the group planned the attacks on its own.")
    helped = event(text, "helped", "AID", source=(("Calvera", "CAL"),),
                   target=(("Front", "FRO"),), mode="reported")
    alone = event(text, "on its own", "AID", target=(("the group", "FRO"),), mode="denied")
    helped.reported_by = [Mention(span=find(text, "officials"), text="officials")]
    alone.reported_by = [Mention(span=find(text, "A Front leader"), text="A Front leader")]
    result = _run([article("w1", text, [helped, alone], "Ledger")])
    (found,) = result.contradictions
    assert found.kind == "denial"
    assert {found.a.text, found.b.text} == {text[:text.index(" A Front")],
                                             text[text.index("A Front"):]}
    # the same outlet in one voice: the denial is of a detail, not a second account
    helped.reported_by, alone.reported_by = [], []
    assert _run([article("w1", text, [helped, alone], "Ledger")]).contradictions == []


def test_comparison_timeline_dates_with_their_basis() -> None:
    t1 = "Ardenia struck the harbour of Velmar on 1 April 2024, officials said."
    t2 = "Ardenia struck the harbour of Velmar on Monday, killing seven."
    e1 = event(t1, "struck", "ASSAULT", source=(("Ardenia", "ARD"),),
               target=(("Velmar", "VEL"),), date="2024-04-01")
    e1.date_span = find(t1, "1 April 2024")
    e2 = event(t2, "struck", "ASSAULT", source=(("Ardenia", "ARD"),),
               target=(("Velmar", "VEL"),), date="2024-04-01")
    e2.date_span = find(t2, "Monday")
    a1, a2 = article("d1", t1, [e1], "Ledger"), article("d2", t2, [e2], "Signal")
    a2.meta["reference_date"] = "2024-04-03"
    (entry,) = _run([a1, a2]).timelines[0].entries
    assert (entry.date, entry.precision, entry.basis) == ("2024-04-01", "day", "stated")
    assert entry.basis_text == "1 April 2024" and entry.outlets == ["Ledger", "Signal"]
    (entry,) = _run([a2]).timelines[0].entries
    assert entry.basis == "relative" and entry.basis_text == '"Monday" read against 2024-04-03'
    e2.date_span = None
    assert _run([a2]).timelines[0].entries[0].basis == "inherited"
    e2.mode = "hypothetical"
    assert _run([a2]).timelines[0].entries == []


class _Keywords:
    """A stand-in encoder: one axis per topic word, so stories are known in advance."""

    def encode(self, texts: list[str]) -> np.ndarray:
        rows = [[("harbour" in t) + 0.01, ("museum" in t) + 0.0] for t in texts]
        matrix = np.array(rows, dtype=np.float32)
        return matrix / np.linalg.norm(matrix, axis=1, keepdims=True)


def test_compare_skips_duplicates_and_round_trips_through_json() -> None:
    articles = _three()
    copy = Article(id="a9", text=T1, outlet="Mirror", duplicate=Duplicate(of="a1", kind="exact"))
    result = compare([*articles, copy], encoder=_Keywords(), threshold=0.9)
    assert result.skipped == ["a9"]
    assert result.outlets == {"Ledger": ["a1"], "Signal": ["a2"], "Courier": ["a3"]}
    assert [s.articles for s in result.stories] == [["a1", "a2", "a3"]]
    assert result.stories[0].events and result.verdicts and result.briefs and result.timelines
    assert from_dict(Comparison, to_dict(result)) == result


def test_compare_profiles_each_outlet_once_the_framing_stages_ran() -> None:
    articles = _three()
    assert compare(articles, encoder=_Keywords(), threshold=0.9).profiles == []
    articles[0].claims = [Claim(Span(0, len(T1)), role="fact")]
    articles[2].lean = Lean(label="left", scores={"left": 0.7, "right": 0.3})
    result = compare(articles, encoder=_Keywords(), threshold=0.9)
    assert [p.outlet for p in result.profiles] == ["Ledger", "Signal", "Courier"]
    ledger, signal, courier = result.profiles
    assert ledger.roles == {"fact": 1} and signal.roles == {} and courier.lean == "left"
    assert from_dict(Comparison, to_dict(result)).profiles == result.profiles


def test_compare_nothing_to_compare() -> None:
    copy = Article(id="a9", text=T1, duplicate=Duplicate(of="a1", kind="exact"))
    result = compare([copy])
    assert result.stories == [] and result.skipped == ["a9"]


@pytest.mark.parametrize("outlet", [None, "Ledger"])
def test_compare_outlet_is_the_article_id_when_unknown(outlet: str | None) -> None:
    one = article("a1", T1, [_strike(T1)], outlet)
    result = compare([one], encoder=_Keywords())
    assert list(result.outlets) == [outlet or "a1"]
    assert {v.outlet for v in result.verdicts} == {outlet or "a1"}


NEG = "Ardenia did not hit a single target in Velmar, officials said."
HARM = "Velmar counted the cost on Tuesday. Officials reported damage to one barracks."


def _negated(text: str) -> Article:
    hit = event(text, "hit", "ASSAULT", source=(("Ardenia", "ARD"),),
                target=(("Velmar", "VEL"),), negated=True)
    return article("n1", text, [hit], "Ledger")


def _harm(outlet: str = "Signal") -> Article:
    damage = event(HARM, "damage", "ASSAULT", mode="reported")
    found = article("h1", HARM, [damage], outlet)
    found.mentions = [Mention(span=find(HARM, "Velmar"), text="Velmar", country="VEL",
                              actor="VEL", name="Velmar")]
    return found


def test_comparison_not_a_single_target_against_reported_damage() -> None:
    (found,) = _run([_negated(NEG), _harm()]).contradictions
    assert found.kind == "negation" and found.reason == '"hit" negated vs "damage" reported'
    assert found.a.text == NEG and found.b.text == "Officials reported damage to one barracks."


@pytest.mark.parametrize(("text", "outlet"), [
    ("Ardenia has never hit a single target in Velmar, officials said.", "Signal"),  # a habit
    (NEG, "Ledger"),  # one outlet saying both
])
def test_comparison_no_impact_conflict(text: str, outlet: str) -> None:
    assert _run([_negated(text), _harm(outlet)]).contradictions == []


def test_comparison_timeline_yearless_dates_last_in_calendar_order() -> None:
    t1 = "Ardenia struck the harbour of Velmar on 1 April, officials said."
    t2 = "Borovia struck the port of Kesh on 2 March 2024, officials said."
    e1 = event(t1, "struck", "ASSAULT", source=(("Ardenia", "ARD"),),
               target=(("Velmar", "VEL"),), date="--04-01")
    e2 = event(t2, "struck", "ASSAULT", source=(("Borovia", "BOR"),),
               target=(("Kesh", "KES"),), date="2024-03-02")
    entries = _run([article("y1", t1, [e1], "Ledger"),
                    article("y2", t2, [e2], "Signal")]).timelines[0].entries
    assert [(e.date, e.precision) for e in entries] == [("2024-03-02", "day"), ("--04-01", "day")]


def test_comparison_damage_to_a_target_of_unknown_side() -> None:
    harm = _harm()
    harm.events[0].target = [Mention(span=find(HARM, "barracks"), text="barracks")]
    (found,) = _run([_negated(NEG), harm]).contradictions
    assert found.kind == "negation" and found.b.article == "h1"
    harm.mentions = []  # nothing says whose barracks
    assert _run([_negated(NEG), harm]).contradictions == []
