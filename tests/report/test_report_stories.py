"""The stories section and the framing panel: every cell links to the exact words it rests on."""

from __future__ import annotations

import lxml.html
import pytest

from manysides.compare.profile import outlet_profiles
from manysides.model import (
    Article,
    Attribution,
    Brief,
    BriefSentence,
    Citation,
    Claim,
    Comparison,
    Contradiction,
    ContradictionSide,
    Event,
    Evidence,
    FramingTerm,
    Lean,
    LeanEvidence,
    Mention,
    OutletVerdict,
    Quantity,
    Span,
    Story,
    StoryEvent,
    Timeline,
    TimelineEntry,
)
from manysides.report import render_report
from manysides.report.stories import readable_actor

A_TEXT = (
    "Northland shelled the port of Easton on Monday, killing 7 people.\n\n"
    '"This was murder," said Mayor <b>Ann Lee</b>. The shelling must stop.'
)
B_TEXT = "Northland did not shell the port, the ministry said. Nobody was hurt in Easton."


def _span(text: str, words: str) -> Span:
    start = text.index(words)
    return Span(start, start + len(words))


def _corpus() -> tuple[list[Article], Comparison]:
    a = Article.create(A_TEXT, outlet="Left <Wire>", source="a.txt")
    b = Article.create(B_TEXT, source="/data/b.txt")
    s_a = _span(A_TEXT, "Northland shelled the port of Easton on Monday, killing 7 people.")
    s_b = _span(B_TEXT, "Northland did not shell the port, the ministry said.")
    north_a = Mention(_span(A_TEXT, "Northland"), "Northland", "GPE", "NTH", "Northland",
                      sentiment="negative", sentiment_score=-0.7)
    north_b = Mention(_span(B_TEXT, "Northland"), "Northland", "GPE", "NTH", "Northland",
                      sentiment="positive", sentiment_score=0.4)
    killed = Quantity(_span(A_TEXT, "7"), "killed", 7, 7, 7, text="7")
    a.mentions = [north_a]
    b.mentions = [north_b]
    a.events = [Event(_span(A_TEXT, "shelled"), s_a, "ASSAULT", "195", [north_a],
                      quantities=[killed], date="2024-04-01")]
    b.events = [Event(_span(B_TEXT, "shell"), s_b, "ASSAULT", "195", [north_b], negated=True)]
    quote = _span(A_TEXT, "This was murder,")
    a.quotes = [Attribution(quote, _span(A_TEXT, "Mayor <b>Ann Lee</b>"),
                            _span(A_TEXT, "said"), speaker="Ann Lee", direct=True)]
    second = _span(A_TEXT, '"This was murder," said Mayor <b>Ann Lee</b>.')
    a.claims = [
        Claim(s_a, "fact", checkworthy=0.9),
        Claim(second, "opinion", loaded=0.8, loaded_spans=[_span(A_TEXT, "murder")],
              attributed_to=[0]),
        Claim(_span(A_TEXT, "The shelling must stop."), "prescription"),
    ]
    a.framing = [FramingTerm(_span(A_TEXT, "shelled"), "shelled", "shell", "act-verb", s_a,
                             "ASSAULT", "NTH")]
    a.lean = Lean("left", {"left": 0.6, "center": 0.3, "right": 0.1}, ["murder"],
                  [LeanEvidence(second, 0.2, {"left": 0.8}, ["murder"])])
    a.genre = "opinion"
    a.genre_basis = {"opinion_share": 0.67, "words": 25}
    event = StoryEvent("s1-e1", "ASSAULT", [(a.id, 0), (b.id, 0)], "2024-04-01",
                       "Northland — ASSAULT → Easton")
    story = Story("s1", [a.id, b.id], label="Shelling of Easton", events=[event])
    ev_a = Evidence(a.id, s_a, s_a.of(A_TEXT), event=0, quantities=[killed])
    ev_b = Evidence(b.id, s_b, s_b.of(B_TEXT), event=0)
    comparison = Comparison(
        stories=[story],
        verdicts=[
            OutletVerdict("s1", "s1-e1", "Left <Wire>", a.id, "reports", 0.9,
                          numbers=["7 killed"], words=["shelled"], evidence=[ev_a]),
            OutletVerdict("s1", "s1-e1", b.id, b.id, "contradicts", 0.8, reason="negated",
                          evidence=[ev_b], against=[ev_a]),
        ],
        contradictions=[Contradiction(
            "s1-c1", "s1", "s1-e1", "negation", '"shell" negated vs "shelled" asserted',
            ContradictionSide("Left <Wire>", a.id, s_a, s_a.of(A_TEXT)),
            ContradictionSide(b.id, b.id, s_b, s_b.of(B_TEXT)), 0.8)],
        briefs=[Brief("s1", [BriefSentence(
            "Outlets disagree on whether Northland shelled <the> port.", "disputed", "s1-e1",
            ["Left <Wire>", b.id], [Citation(a.id, s_a), Citation(b.id, s_b)])])],
        timelines=[Timeline("s1", [TimelineEntry(
            "2024-04-01", "day", "relative", '"Monday" read against 2024-04-03', "s1-e1",
            "Northland — ASSAULT → Easton", ["Left <Wire>"], [Citation(a.id, s_a)])])],
        outlets={"Left <Wire>": [a.id], b.id: [b.id]},
    )
    return [a, b], comparison


def _doc(html: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(html)


def _target_text(doc: lxml.html.HtmlElement, href: str) -> str:
    (element,) = doc.xpath(f'//*[@id="{href[1:]}"]')
    assert element.tag == "mark"
    pieces = doc.xpath(f'//mark[@data-span="{href[1:]}"]')
    return "".join(p.text_content() for p in pieces)


def test_stories_every_cell_links_to_its_exact_words() -> None:
    articles, comparison = _corpus()
    doc = _doc(render_report(articles, comparison=comparison, profiles=[]))
    story = doc.get_element_by_id("story-s1")
    links = story.xpath(".//a[starts-with(@href, '#a-')]")
    cited = [a.get("href") for a in links if "-x" in a.get("href")]
    assert cited, "the story cites passages"
    texts = {_target_text(doc, href) for href in cited}
    assert texts == {
        "Northland shelled the port of Easton on Monday, killing 7 people.",
        "Northland did not shell the port, the ministry said.",
        "Northland",  # the heatmap links each cell to the outlet's strongest mention
    }


def test_stories_matrix_brief_timeline_and_contradiction_read_right() -> None:
    articles, comparison = _corpus()
    doc = _doc(render_report(articles, comparison=comparison, profiles=[]))
    headers = [th.text_content() for th in doc.xpath('//table[@class="matrix-table"]//thead//th')]
    assert headers == ["Event", "Date", "Left <Wire>", "b.txt"]  # unnamed outlet: its file
    row = doc.xpath('//table[@class="matrix-table"]//tbody/tr')[0]
    cells = row.xpath("./td")
    assert cells[1].get("class") == "v-reports" and "7 killed" in cells[1].text_content()
    assert cells[2].get("class") == "v-contradicts" and "negated" in cells[2].text_content()
    brief = doc.xpath('//ul[@class="brief-list"]/li')[0].text_content()
    assert "Outlets disagree on whether Northland shelled <the> port." in brief
    assert "disputed" in brief
    timeline = doc.xpath('//ol[@class="timeline-list"]/li')[0].text_content()
    assert "2024-04-01" in timeline and "Monday" in timeline
    # the basis is shown as the comparison words it, quotes and all, never quoted twice
    assert 'relative: "Monday" read against 2024-04-03' in timeline
    sides = [s.text_content() for s in doc.xpath('//div[@class="contra"]//blockquote')]
    assert "Left <Wire>" in sides[0] and "did not shell" in sides[1]
    heat = doc.xpath('//table[@class="heat-table"]//td[contains(@class, "heat")]')
    assert [h.text_content().split()[0] for h in heat] == ["-0.70", "+0.40"]


def test_framing_panel_roles_quotes_loaded_and_lean_link_to_the_text() -> None:
    articles, comparison = _corpus()
    html = render_report(articles, comparison=comparison, profiles=[])
    doc = _doc(html)
    panel = doc.get_element_by_id(f"a-{articles[0].id}-framing")
    quote_link = panel.xpath('.//table[contains(@class, "quotes-table")]//a')[0]
    assert _target_text(doc, quote_link.get("href")) == "This was murder,"
    assert "Mayor <b>Ann Lee</b>" in panel.text_content()  # escaped, shown as written
    assert not doc.xpath("//b")  # the article's markup never becomes markup
    loaded = panel.xpath('.//span[contains(@class, "term") and contains(@class, "loaded")]//a')
    assert [_target_text(doc, a.get("href")) for a in loaded] == ["murder"]
    evidence = panel.xpath('.//ol[@class="evidence"]//a')
    assert _target_text(doc, evidence[0].get("href")).startswith('"This was murder,"')
    roles = doc.xpath(f'//article[@id="a-{articles[0].id}"]//mark[contains(@class, "role-")]')
    assert {r.get("class") for r in roles} == {
        "role role-fact", "role role-opinion", "role role-prescription"}
    sentiment = doc.xpath('//mark[contains(@class, "sent-negative")]')
    assert sentiment and sentiment[0].text_content() == "Northland"


def test_quotes_table_names_the_linked_speaker_as_a_reader_can_take_it() -> None:
    articles, comparison = _corpus()
    articles[0].quotes[0].speaker = "---GOV"
    doc = _doc(render_report(articles, comparison=comparison, profiles=[]))
    panel = doc.get_element_by_id(f"a-{articles[0].id}-framing")
    (cell,) = panel.xpath('.//table[contains(@class, "quotes-table")]//tbody//td[1]')
    assert " ".join(cell.text_content().split()) == (
        "Mayor <b>Ann Lee</b> → government (country not named)")
    assert cell.xpath(".//span")[0].get("title") == "linked to ---GOV"
    title = doc.xpath(f'//mark[@id="a-{articles[0].id}-q1"]')[0].get("title")
    assert title == "quoted: Mayor <b>Ann Lee</b> → government (country not named)"


def test_stories_section_absent_without_a_comparison() -> None:
    articles, _ = _corpus()
    doc = _doc(render_report(articles, profiles=[]))
    assert not doc.xpath('//*[@id="stories"]')
    assert doc.xpath(f'//*[@id="a-{articles[0].id}-framing"]')


def test_outlet_card_shows_the_pooled_lean_and_names_coded_actors() -> None:
    articles, comparison = _corpus()
    # an actor known by its code alone is shown by what the code means
    articles[0].mentions.append(Mention(_span(A_TEXT, "Easton"), "Easton", "GPE", "USAGOV", None,
                                        sentiment="neutral", sentiment_score=0.0))
    html = render_report(articles, comparison=comparison, profiles=outlet_profiles(articles))
    doc = _doc(html)
    card = doc.xpath('//article[contains(@class, "outlet-card")]')[0]
    chips = [c.text_content() for c in card.xpath('.//span[contains(@class, "actor-chip")]')]
    assert any(c.startswith("United States government") for c in chips), chips  # no raw code
    assert card.xpath('.//span[contains(@class, "badge")]')[0].text_content() == "left"
    assert card.xpath('.//span[contains(@class, "outlet-lean")]')[0].text_content() == (
        "(left 60% · center 30% · right 10%)")


def test_acts_of_force_link_to_the_events_in_the_panel_and_the_sentence_on_the_card() -> None:
    articles, comparison = _corpus()
    html = render_report(articles, comparison=comparison, profiles=outlet_profiles(articles))
    doc = _doc(html)
    panel = doc.get_element_by_id(f"a-{articles[0].id}-framing")
    (cell,) = panel.xpath('.//table[contains(@class, "sentiment-table")]//span[@class="force"]')
    assert " ".join(cell.text_content().split()) == "force: 1 by it1 · 0 on it"
    (row,) = doc.xpath(f'//tr[@id="{cell.xpath(".//a")[0].get("href")[1:]}"]')
    assert "shelled" in row.text_content()  # the row of the events table: the act and its sides
    # the other article tells of the shelling as not done: no act of force there
    other = doc.get_element_by_id(f"a-{articles[1].id}-framing")
    assert other.xpath('.//table[contains(@class, "sentiment-table")]//td')
    assert not other.xpath('.//span[@class="force"]')
    card = doc.xpath('//article[contains(@class, "outlet-card")]')[0]
    (force,) = card.xpath('.//span[@class="force"]')
    assert " ".join(force.text_content().split()) == "force: 1 by it1 · 0 on it"
    assert _target_text(doc, force.xpath(".//a")[0].get("href")).startswith("Northland shelled")
    # the story's heatmap: the outlet that tells of the shelling, and the one that denies it
    cells = doc.xpath('//table[@class="heat-table"]//td[contains(@class, "heat")]')
    lines = [c.xpath('.//span[@class="force"]') for c in cells]
    assert [" ".join(x[0].text_content().split()) if x else None for x in lines] == [
        "force 1 by · 0 on", None]
    link = lines[0][0].xpath(".//a")[0]
    assert _target_text(doc, link.get("href")).startswith("Northland shelled")


@pytest.mark.parametrize(
    ("key", "shown"),
    [("IRNGOV", "Iran government"), ("---MED", "media (country not named)"),
     ("ISR", "Israel"), ("Ann Lee", "Ann Lee"), ("CNN", "CNN"), ("NATO", "NATO"),
     ("a spokesman", "a spokesman")],
)
def test_outlet_card_actor_keys_read_as_names(key: str, shown: str) -> None:
    assert readable_actor(key) == shown
