"""The brief's sentence splitting and cross-outlet consensus, on hand-written articles."""

from __future__ import annotations

import pytest
from contrast_helpers import article, event, find

from manysides.compare.brief import consensus, event_ends, loaded_count, split_sentences
from manysides.compare.comparison import compare_story
from manysides.compare.templates import VERBS, compose_line
from manysides.model import (
    Article,
    Brief,
    BriefSentence,
    Claim,
    Comparison,
    Event,
    FramingTerm,
    Span,
    Story,
)


@pytest.mark.parametrize(("text", "expected"), [
    ("The U.S. said no. Mr. Smith left at 5 p.m. on Monday. Then he spoke.",
     ["The U.S. said no.", "Mr. Smith left at 5 p.m. on Monday.", "Then he spoke."]),
    ("“Go,” he said. A title\nThe body starts here!",
     ["“Go,” he said.", "A title", "The body starts here!"]),
    ("One sentence without an end", ["One sentence without an end"]),
    ("It rose 2.5 percent. Prices fell.", ["It rose 2.5 percent.", "Prices fell."]),
])
def test_brief_split_sentences(text: str, expected: list[str]) -> None:
    assert [s.of(text) for s in split_sentences(text)] == expected


def test_brief_split_sentences_within_a_part() -> None:
    text = "Skip this. Keep this one. And this one."
    part = Span(text.index("Keep"), len(text))
    assert [s.of(text) for s in split_sentences(text, part)] == ["Keep this one.",
                                                                 "And this one."]


SHARED = "The regional council closed the Osk bridge on Monday after engineers found cracks."
A1 = (f"Drivers face long detours this week. {SHARED} "
      "The mayor said the decision was a disgrace and bizarre.")
A2 = ("Engineers found cracks in the Osk bridge, and the regional council closed it on Monday. "
      "Commuters should avoid the old town until Friday.")
A3 = ("The Osk bridge was closed by the regional council on Monday because engineers found "
      "cracks. “We had no choice,” the council said.")


def _articles() -> list[Article]:
    return [Article(id=f"b{k}", text=t, outlet=f"Outlet {k}") for k, t in enumerate((A1, A2, A3))]


SAME = {SHARED, A2.split(". ")[0] + ".", A3.split(". ")[0] + "."}


def test_brief_consensus_prefers_what_all_outlets_share() -> None:
    best = consensus(_articles(), limit=3)
    assert best[0].text in SAME
    assert set(best[0].outlets) == {"Outlet 0", "Outlet 1", "Outlet 2"}
    assert len({c.article for c in best[0].support} | {best[0].article}) == 3
    for cand in best:
        assert cand.span.of({"b0": A1, "b1": A2, "b2": A3}[cand.article]) == cand.text


def test_brief_consensus_leaves_out_quotes_prescriptions_and_redundancy() -> None:
    texts = [c.text for c in consensus(_articles(), limit=5)]
    assert not any("should" in t or "“" in t for t in texts)
    assert len(SAME & set(texts)) == 1  # one of three ways to say it, not all three


def test_brief_consensus_skips_opinions_the_claims_stage_found() -> None:
    articles = _articles()
    start = A1.index(SHARED)
    articles[0].claims = [Claim(span=Span(start, start + len(SHARED)), role="opinion")]
    assert all(c.text != SHARED for c in consensus(articles, limit=5))


def test_brief_consensus_of_nothing() -> None:
    assert consensus([Article(id="x", text="Too short.")]) == []


# --- agreed sentences from story events: only what every cited outlet states ------------------

FIRED = "Ardenia fired dozens of rockets at Borovia on Monday, killing four soldiers at Osk."
E1 = (f"{FIRED} Borovia bombed the Osk airport in 1998, killing 12 people. "
      "The rockets raised fears of a wider escalation across the region.")
E2 = ("Ardenia fired 40 rockets at Borovia on Monday as talks in Velmar collapsed and envoys "
      "left the city. Envoys in Velmar feared a wider escalation across the region.")
E3 = ("Ardenia fired about 50 rockets at Borovia on Monday while crowds in Velmar marched "
      "against the war and shops closed early.")


def _fired(text: str, counts: tuple[tuple[str, str], ...]) -> Event:
    found = event(text, "fired", "ASSAULT", source=(("Ardenia", "ARD"),),
                  target=(("Borovia", "BOR"),), counts=counts, date="2024-03-04")
    found.date_span = find(text, "on Monday")
    return found


def _rocket_story(claims: bool = False) -> list[Article]:
    first = _fired(E1, (("dozens", "rockets"), ("four", "killed")))
    bombed = event(E1, "bombed", "ASSAULT", source=(("Borovia", "BOR"),),
                   target=(("Osk airport", "ARD"),), counts=(("12", "killed"),), date="1998")
    bombed.date_span = find(E1, "1998")
    articles = [article("r1", E1, [first, bombed], "Ledger"),
                article("r2", E2, [_fired(E2, (("40", "rockets"),))], "Signal"),
                article("r3", E3, [_fired(E3, (("about 50", "rockets"),))], "Courier")]
    if claims:  # the claims stage read every sentence as an opinion
        for a in articles:
            a.claims = [Claim(span=s, role="opinion") for s in split_sentences(a.text)]
    return articles


def _brief(articles: list[Article]) -> Brief:
    result = Comparison()
    compare_story(Story(id="s1", articles=[a.id for a in articles]), articles, result)
    (brief,) = result.briefs
    return brief


def test_brief_agreed_cut_to_what_every_cited_outlet_states() -> None:
    brief = _brief(_rocket_story())
    agreed = [s for s in brief.sentences if s.kind == "agreed"]
    assert [s.text for s in agreed] == ["Ardenia fired dozens of rockets at Borovia on Monday"]
    (sentence,) = agreed
    assert sentence.outlets == ["Ledger", "Signal", "Courier"]
    first = sentence.citations[0]
    assert first.article == "r1" and first.text == sentence.text == first.span.of(E1)
    assert {c.article for c in sentence.citations} == {"r1", "r2", "r3"}


def test_brief_agreed_needs_aligned_events_not_shared_words() -> None:
    brief = _brief(_rocket_story())
    assert all(s.story_event for s in brief.sentences if s.kind == "agreed")
    assert not any("escalation" in s.text for s in brief.sentences if s.kind == "agreed")


def test_brief_opinions_are_never_agreed_facts() -> None:
    brief = _brief(_rocket_story(claims=True))
    assert [s for s in brief.sentences if s.kind == "agreed"] == []


def test_brief_agreed_has_no_loaded_term() -> None:
    articles = _rocket_story()
    word = find(E1, "dozens")
    articles[0].framing = [FramingTerm(span=word, term="dozens", lemma="dozen", kind="loaded",
                                       sentence=split_sentences(E1)[0], weight=0.9)]
    agreed = [s for s in _brief(articles).sentences if s.kind == "agreed"]
    assert agreed and all("dozens" not in s.text for s in agreed)
    assert all(c.article != "r1" for s in agreed for c in s.citations[:1])


def test_brief_background_is_not_what_only_one_outlet_reports() -> None:
    brief = _brief(_rocket_story())
    assert not any("1998" in s.text for s in brief.sentences if s.kind == "partial")
    (background,) = [s for s in brief.sentences if s.kind == "background"]
    assert background.text.startswith("Background (1998), only Ledger reports: ")
    assert '"Borovia bombed the Osk airport in 1998' in background.text
    assert background.outlets == ["Ledger"]


def test_brief_event_ends_drop_trailing_date_words() -> None:
    found = _fired(E1, (("dozens", "rockets"),))
    ends = [E1[found.sentence.start:e] for e in event_ends(found, E1)]
    assert ends == ["Ardenia fired dozens of rockets at Borovia on Monday",
                    "Ardenia fired dozens of rockets at Borovia"]


# --- composed agreed lines: an event each outlet words its own way ------------------------------

SHELLED = ("Ardenia shelled the northern farming villages of Borovia near Osk on 4 March, "
           "killing four soldiers.")
C1 = f"{SHELLED} Farmers fled south with their cattle."
C2 = "Borovia came under fire from Ardenia this week as diplomats met in Velmar."
C3 = "In what locals call a massacre, Ardenia slaughtered four Borovia conscripts at Osk on Monday."


def _composed_story(courier_count: str = "four") -> list[Article]:
    shelled = event(C1, "shelled", "ASSAULT", source=(("Ardenia", "ARD"),),
                    target=(("Borovia", "BOR"),), counts=(("four", "killed"),),
                    date="2024-03-04", location="Osk")
    shelled.date_span = find(C1, "on 4 March")
    fire = event(C2, "fire", "ASSAULT", source=(("Ardenia", "ARD"),),
                 target=(("Borovia", "BOR"),))
    text3 = C3.replace("four", courier_count)
    slaughtered = event(text3, "slaughtered", "ASSAULT", source=(("Ardenia", "ARD"),),
                        target=(("Borovia", "BOR"),), counts=((courier_count, "killed"),),
                        date="2024-03-04", location="Osk")
    slaughtered.date_span = find(text3, "on Monday")
    return [article("c1", C1, [shelled], "Ledger"), article("c2", C2, [fire], "Signal"),
            article("c3", text3, [slaughtered], "Courier")]


def _composed(articles: list[Article]) -> BriefSentence:
    agreed = [s for s in _brief(articles).sentences if s.kind == "agreed"]
    assert len(agreed) == 1
    return agreed[0]


def test_brief_composed_line_when_no_outlet_words_it_for_all() -> None:
    line = _composed(_composed_story())
    assert line.outlets == ["Ledger", "Signal", "Courier"]
    assert line.text.startswith("Reported by Ledger, Signal and Courier: Ardenia struck Borovia")
    assert not any(q in line.text for q in "\"“”")  # composed, not quoted
    assert line.text not in {c.text for c in line.citations}
    assert [c.article for c in line.citations] == ["c1", "c2", "c3"]
    texts = {"c1": C1, "c2": C2, "c3": C3}
    for c, trigger in zip(line.citations, ("shelled", "fire", "slaughtered"), strict=True):
        assert c.text == c.span.of(texts[c.article]) and trigger in c.text


def test_brief_composed_line_states_a_slot_only_with_the_outlets_that_give_it() -> None:
    line = _composed(_composed_story())
    main, _, attributed = line.text.partition(" (")
    assert "March" not in main and "Osk" not in main and "killed" not in main
    assert "on March 4, per Ledger;" in attributed  # "on Monday" is not a date Courier states
    assert "in Osk, four killed, per Ledger and Courier" in attributed


def test_brief_composed_line_never_uses_a_loaded_verb() -> None:
    line = _composed(_composed_story())
    for word in ("slaughter", "massacre", "shelled", "fire"):
        assert word not in line.text.lower()
    assert loaded_count(line.text) == 0
    assert all(loaded_count(verb) == 0 for pair in VERBS.values() for verb in pair)


def test_brief_composed_line_leaves_out_counts_that_differ() -> None:
    line = _composed(_composed_story(courier_count="nine"))
    assert "killed" not in line.text and "four" not in line.text and "nine" not in line.text
    assert line.outlets == ["Ledger", "Signal", "Courier"]


def test_brief_composed_line_names_sides_by_the_gazetteer_not_the_outlet() -> None:
    t1 = "The Zionist regime bombed the Iranian consulate in Damascus on April 1."
    t2 = "Israeli jets hit a building where Iranian officers met in Syria."
    e1 = event(t1, "bombed", "ASSAULT", source=(("Zionist regime", "ISR"),),
               target=(("Iranian consulate", "IRN", "GOV"),), location="Damascus")
    e1.date, e1.date_span = "--04-01", find(t1, "on April 1")
    e1.source[0].name = "Israel"
    e2 = event(t2, "hit", "ASSAULT", source=(("Israeli jets", "ISR", "MIL"),),
               target=(("Iranian officers", "IRN", "MIL"),), location="Syria")
    e1.target[0].name = e2.target[0].name = "Iran"
    e2.source[0].name = "Israel"
    said = {"Ledger": [(article("i1", t1, [e1]), e1)], "Signal": [(article("i2", t2, [e2]), e2)]}
    line = compose_line("ASSAULT", said)
    assert line is not None
    assert line.text == ("Reported by Ledger and Signal: Israel struck Iranian targets "
                         "(on April 1, in Damascus, per Ledger; in Syria, per Signal).")
    assert "Zionist" not in line.text


def test_brief_composed_line_needs_most_outlets_to_name_the_same_source() -> None:
    articles = _composed_story()
    articles[1].events[0].source = []  # "came under fire", by whom not said
    assert compose_line("ASSAULT", {"Signal": [(articles[1], articles[1].events[0])]}) is None
    line = _composed(articles)
    assert line.outlets == ["Ledger", "Courier"]


def test_brief_partial_does_not_requote_a_disputed_passage() -> None:
    """A passage quoted as one side of a disputed line is not also "Only X reports"."""
    from manysides.compare.align import align_story
    from manysides.compare.brief import build_brief
    from manysides.compare.contrast import verdicts as judge
    from manysides.model import Contradiction, ContradictionSide, OutletVerdict

    articles = _rocket_story()
    r1 = articles[0]
    aligned = align_story(articles, "s1")
    found = [OutletVerdict(story="s1", story_event=v.event, outlet=v.outlet, article=v.article,
                           verdict=v.kind, confidence=v.confidence)
             for v in judge(aligned, articles)]
    story = Story(id="s1", articles=[a.id for a in articles])
    before = build_brief(story, articles, aligned, found, [])
    (passage,) = [s.citations[0] for s in before.sentences if s.kind in ("partial", "background")]
    other = articles[1]
    disputed = Contradiction(
        id="s1-c1", story="s1", story_event=None, kind="number", reason="12 vs 40 killed",
        a=ContradictionSide("Ledger", r1.id, passage.span, passage.text),
        b=ContradictionSide("Signal", other.id, Span(0, 10), other.text[:10]), confidence=0.7)
    after = build_brief(story, articles, aligned, found, [disputed])
    assert [s.kind for s in after.sentences].count("disputed") == 1
    assert not [s for s in after.sentences if s.kind in ("partial", "background")]
