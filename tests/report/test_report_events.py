"""The events table: rows say who did what to whom, when, where, how many and how surely, each
row links to its highlighted sentence, and hostile words inside events stay inert."""

from __future__ import annotations

from datetime import UTC, datetime

import lxml.html
import pytest

from manysides.model import Article, Event, Mention, Quantity, Span
from manysides.report import render_report
from manysides.report.events import COLLAPSE_ABOVE, format_number, format_quantity, mode_label

GENERATED = datetime(2025, 9, 14, 10, 30, tzinfo=UTC)

S1 = "Iran fired more than 300 drones and missiles at Israel on Saturday, officials said."
S2 = "Hamas denied that its fighters killed 7 soldiers near Beirut last week."
S3 = "He said Israel did not strike hundreds of targets but might hit 10 to 20 sites."
TEXT = f"{S1} {S2}\n\n{S3}"


def at(words: str, after: int = 0) -> Span:
    """The span of the first ``words`` in TEXT at or after ``after``."""
    start = TEXT.index(words, after)
    return Span(start, start + len(words))


def mention(words: str, after: int = 0, **linked: str | None) -> Mention:
    return Mention(at(words, after), words, **linked)  # type: ignore[arg-type]


def qty(words: str, counts: str, **amount: float | bool | None) -> Quantity:
    return Quantity(at(words), counts, text=words, **amount)  # type: ignore[arg-type]


def sentence(text: str) -> Span:
    return at(text)


def _actors() -> dict[str, Mention]:
    s3 = TEXT.index(S3)
    israel = mention("Israel", actor="ISR", name="Israel", country="ISR")
    return {
        "iran": mention("Iran", actor="IRN", name="Iran", country="IRN"),
        "israel": israel,
        "officials": mention("officials", actor="---GOV", sector="GOV"),
        "hamas": mention("Hamas", actor="PSEREBHMS", name="Hamas", country="PSE", sector="REB"),
        "soldiers": mention("soldiers", actor="---MIL", sector="MIL"),
        "israel3": mention("Israel", s3, actor="ISR", name="Israel", country="ISR"),
        "he": Mention(at("He", s3), "He", actor="ISR", name="Israel", resolved_from=israel.span),
    }


def _events() -> list[Event]:
    a = _actors()
    return [
        Event(
            at("fired"),
            sentence(S1),
            "ASSAULT",
            "195",
            [a["iran"]],
            [a["israel"]],
            mode="reported",
            reported_by=[a["officials"]],
            date="2024-04-13",
            date_span=at("Saturday"),
            quantities=[
                qty("more than 300", "drones and missiles", low=300.0, low_inclusive=False)
            ],
        ),
        Event(at("said"), sentence(S1), "STATEMENT", "010", [a["officials"]]),
        Event(
            at("killed"),
            sentence(S2),
            "ASSAULT",
            "190",
            [a["hamas"]],
            [a["soldiers"]],
            mode="denied",
            date_span=at("last week"),
            location="Beirut",
            location_span=at("Beirut"),
            quantities=[qty("7", "killed", value=7.0, low=7.0, high=7.0)],
        ),
        Event(
            at("strike"),
            sentence(S3),
            "ASSAULT",
            "195",
            [a["israel3"]],
            negated=True,
            reported_by=[a["he"]],
            quantities=[qty("hundreds", "targets", low=200.0)],
        ),
        Event(
            at("hit"),
            sentence(S3),
            "ASSAULT",
            None,
            [a["israel3"]],
            mode="hypothetical",
            quantities=[qty("10 to 20", "sites", low=10.0, high=20.0)],
        ),
    ]


def _article(**fields: object) -> Article:
    article = Article(id="e0e0e0e0e0e0e0e0", text=TEXT, title="Barrage", outlet="Wire")
    article.events = _events()
    for name, value in fields.items():
        setattr(article, name, value)
    return article


def _page(*articles: Article) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(render_report(list(articles), generated_at=GENERATED))


def _squash(element: lxml.html.HtmlElement) -> str:
    return " ".join(element.text_content().split())


@pytest.fixture(scope="module")
def page() -> lxml.html.HtmlElement:
    return _page(_article())


def _rows(page: lxml.html.HtmlElement, article_id: str = "e0e0e0e0e0e0e0e0") -> list[list[str]]:
    rows = page.xpath(f"//article[@id='a-{article_id}']//table[@class='events-table']/tbody/tr")
    return [[_squash(td) for td in row.xpath("td")] for row in rows]


EXPECTED = [
    [
        "1",
        "Iran IRN",
        "ASSAULT 195 “fired”",
        "Israel ISR",
        "2024-04-13 “Saturday”",
        "—",
        "> 300 drones and missiles “more than 300”",
        "reported by officials",
    ],
    ["2", "officials ---GOV", "STATEMENT 010 “said”", "—", "—", "—", "—", "asserted"],
    [
        "3",
        "Hamas PSEREBHMS",
        "ASSAULT 190 “killed”",
        "soldiers ---MIL",
        "“last week” unresolved",
        "Beirut",
        "killed 7",
        "denied",
    ],
    [
        "4",
        "Israel ISR",
        "not ASSAULT 195 “strike”",
        "—",
        "—",
        "—",
        "≥ 200 targets “hundreds”",
        "asserted by He negated",
    ],
    ["5", "Israel ISR", "ASSAULT “hit”", "—", "—", "—", "10–20 sites “10 to 20”", "hypothetical"],
]


@pytest.mark.parametrize("number", range(1, len(EXPECTED) + 1))
def test_events_table_row_columns(page: lxml.html.HtmlElement, number: int) -> None:
    assert _rows(page)[number - 1] == EXPECTED[number - 1]


def test_events_table_headings_and_summary(page: lxml.html.HtmlElement) -> None:
    (table,) = page.xpath("//table[@class='events-table']")
    assert [_squash(th) for th in table.xpath("thead//th")] == [
        "#",
        "Who",
        "Action",
        "Whom",
        "When",
        "Where",
        "Numbers",
        "Mode",
    ]
    (summary,) = page.xpath("//details[contains(@class, 'events')]/summary")
    text = _squash(summary)
    assert text.startswith("5 events")
    assert "ASSAULT 4" in text and "STATEMENT 1" in text
    assert "2 asserted · 1 denied · 1 hypothetical · 1 reported · 1 negated" in text


def _pieces(page: lxml.html.HtmlElement, anchor: str) -> str:
    return "".join(m.text_content() for m in page.xpath(f"//mark[@data-span='{anchor}']"))


def test_events_each_row_links_to_exactly_its_sentence(page: lxml.html.HtmlElement) -> None:
    article = _article()
    rows = page.xpath("//table[@class='events-table']/tbody/tr")
    assert len(rows) == len(article.events)
    for row, event in zip(rows, article.events, strict=True):
        (href,) = row.xpath(".//a[@class='ev-link']/@href")
        target = href.removeprefix("#")
        (element,) = page.xpath(f"//*[@id='{target}']")
        assert element.tag == "mark" and element.get("class") == "ev-sentence"
        assert _pieces(page, target) == event.sentence.of(TEXT)
        assert row.get("data-sentence") == target


def test_events_sharing_a_sentence_share_one_highlight(page: lxml.html.HtmlElement) -> None:
    links = page.xpath("//table[@class='events-table']/tbody/tr//a[@class='ev-link']/@href")
    assert links[0] == links[1] and links[3] == links[4]
    assert len(set(links)) == 3
    sentences = page.xpath("//mark[@class='ev-sentence'][@id]")
    assert [_pieces(page, m.get("id")) for m in sentences] == [S1, S2, S3]
    assert sentences[0].get("title") == "event 1: ASSAULT (195); event 2: STATEMENT (010)"


def test_events_trigger_links_wrap_the_trigger(page: lxml.html.HtmlElement) -> None:
    triggers = page.xpath("//table[@class='events-table']//a[@class='trigger']/@href")
    assert [_pieces(page, t.removeprefix("#")) for t in triggers] == [
        "fired",
        "said",
        "killed",
        "strike",
        "hit",
    ]
    assert {m.get("class") for m in page.xpath("//mark[@data-span=$t]", t=triggers[0][1:])} == {
        "ev-trigger"
    }


def test_events_actor_mentions_highlighted_with_canonical_tooltip(
    page: lxml.html.HtmlElement,
) -> None:
    actors = {
        m.text_content(): m.get("title")
        for m in page.xpath("//div[@class='text']//mark[@class='actor']")
    }
    assert actors["Iran"] == "Iran · code IRN · country IRN"
    assert actors["Hamas"] == "Hamas · code PSEREBHMS · country PSE · sector REB"
    assert actors["officials"] == "unnamed actor · code ---GOV · sector GOV"
    assert actors["He"] == "Israel · code ISR · “He” refers back to “Israel”"
    who = page.xpath("//table[@class='events-table']/tbody/tr[1]/td[2]//span[@class='who']")[0]
    assert who.get("title") == "Iran · code IRN · country IRN"


def test_events_text_content_unchanged_by_highlights(page: lxml.html.HtmlElement) -> None:
    paragraphs = page.xpath("//article//div[@class='text']/p")
    assert [p.text_content() for p in paragraphs] == [f"{S1} {S2}", S3]


@pytest.mark.parametrize(
    ("quantity", "shown"),
    [
        (Quantity(Span(0, 1), "drones", 170.0, 170.0, 170.0), "170 drones"),
        (Quantity(Span(0, 1), "killed", 7.0, 7.0, 7.0), "killed 7"),
        (Quantity(Span(0, 1), "dead", 0.0, 0.0, 0.0), "0 dead"),
        (
            Quantity(Span(0, 1), "drones and missiles", low=300.0, low_inclusive=False),
            "> 300 drones and missiles",
        ),
        (Quantity(Span(0, 1), "missiles", low=200.0), "≥ 200 missiles"),
        (Quantity(Span(0, 1), "sites", low=10.0, high=20.0), "10–20 sites"),
        (
            Quantity(Span(0, 1), "sites", low=10.0, high=20.0, high_inclusive=False),
            "≥ 10 and < 20 sites",
        ),
        (Quantity(Span(0, 1), "people", high=50.0, high_inclusive=False), "< 50 people"),
        (Quantity(Span(0, 1), "protesters", value=150.0), "150 protesters"),
        (Quantity(Span(0, 1), "injured", low=12.0), "injured ≥ 12"),
        (Quantity(Span(0, 1), "dollars", 6e9, 6e9, 6e9), "6 billion dollars"),
        (Quantity(Span(0, 1), "people", 1200.0, 1200.0, 1200.0), "1,200 people"),
        (Quantity(Span(0, 1), "drones"), "an unknown number of drones"),
        (Quantity(Span(0, 1), "", 3.0, 3.0, 3.0), "3"),
    ],
)
def test_events_format_quantity(quantity: Quantity, shown: str) -> None:
    assert format_quantity(quantity) == shown


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (7.0, "7"),
        (2.5e6, "2.5 million"),
        (1_234_567.0, "1,234,567"),
        (0.5, "0.5"),
        (float("nan"), "nan"),
    ],
)
def test_events_format_number(value: float, shown: str) -> None:
    assert format_number(value) == shown


@pytest.mark.parametrize(
    ("mode", "label", "css"),
    [
        ("asserted", "asserted", "mode-asserted"),
        ("reported", "reported", "mode-reported"),
        ("hedged", "hedged", "mode-hedged"),
        ("denied", "denied", "mode-denied"),
        ("hypothetical", "hypothetical", "mode-hypothetical"),
        ("future", "future", "mode-future"),
        ("called_for", "called for", "mode-called_for"),
        ("rumoured", "rumoured", "mode-other"),
    ],
)
def test_events_mode_badges(mode: str, label: str, css: str) -> None:
    assert mode_label(mode) == label
    article = _article(events=[Event(at("fired"), sentence(S1), "ASSAULT", mode=mode)])
    (badge,) = _page(article).xpath(
        "//table[@class='events-table']//span[contains(@class, 'mode')]"
    )
    assert badge.text == label
    assert badge.get("class") == f"badge mode {css}"


def test_events_negation_marked_in_row(page: lxml.html.HtmlElement) -> None:
    rows = page.xpath("//table[@class='events-table']/tbody/tr")
    assert ["negated" in (r.get("class") or "").split() for r in rows] == [
        False,
        False,
        False,
        True,
        False,
    ]
    assert rows[3].xpath(".//span[@class='badge neg']/text()") == ["not", "negated"]


def test_events_stage_errors_in_article_and_overview() -> None:
    failed = _article(
        events=[],
        meta={"errors": [{"stage": "manysides.events.rules.v1", "error": "ValueError: bad parse"}]},
    )
    ok = Article.create("Quiet text.", title="Quiet")
    page = _page(failed, ok)
    (box,) = page.xpath(f"//article[@id='a-{failed.id}']//div[@class='stage-errors']")
    assert _squash(box) == (
        "Stage manysides.events.rules.v1 failed on this article: ValueError: bad parse"
    )
    rows = [
        [_squash(td) for td in tr.xpath("td")]
        for tr in page.xpath("//table[@id='stage-error-table']/tbody/tr")
    ]
    assert rows == [["Barrage · Wire", "manysides.events.rules.v1", "ValueError: bad parse"]]
    assert page.xpath(f"//article[@id='a-{ok.id}']//div[@class='stage-errors']") == []
    cards = [_squash(c) for c in page.xpath("//div[contains(@class, 'card')]")]
    assert "1 stage errors" in cards


def test_events_odd_error_records_still_shown() -> None:
    page = _page(_article(meta={"errors": "something broke"}))
    rows = [
        [_squash(td) for td in tr.xpath("td")]
        for tr in page.xpath("//table[@id='stage-error-table']/tbody/tr")
    ]
    assert rows == [["Barrage · Wire", "unknown stage", "something broke"]]


def test_events_none_says_so() -> None:
    article = Article.create("Nothing happens here.", title="Calm")
    page = _page(article)
    section = page.xpath(f"//section[@id='a-{article.id}-events']")[0]
    assert _squash(section) == "No events extracted from this article."
    assert page.xpath("//table[@class='events-table']") == []
    assert "No events extracted from any article." in _squash(
        page.xpath("//dd[@id='event-facts']")[0]
    )


def test_events_counted_in_article_table_and_overview() -> None:
    calm = Article.create("Nothing happens here.", title="Calm")
    page = _page(_article(), calm)
    heads = [_squash(th) for th in page.xpath("//table[@id='article-table']/thead//th")]
    column = heads.index("Events") + 1
    counts = page.xpath(f"//table[@id='article-table']/tbody/tr/td[{column}]")
    assert [(_squash(td), td.get("data-sort")) for td in counts] == [("5", "5"), ("0", "0")]
    assert counts[0].xpath("a/@href") == ["#a-e0e0e0e0e0e0e0e0-events"]
    cards = [_squash(c) for c in page.xpath("//div[contains(@class, 'card')]")]
    assert "5 events" in cards
    facts = _squash(page.xpath("//dd[@id='event-facts']")[0])
    assert facts.startswith("5 events in 1 of 2 articles")
    types = [_squash(li) for li in page.xpath("//ul[@id='counts-event-types']/li")]
    assert types == ["ASSAULT 4", "STATEMENT 1"]


@pytest.mark.parametrize(("rows", "is_open"), [(COLLAPSE_ABOVE, True), (COLLAPSE_ABOVE + 1, False)])
def test_events_long_tables_collapse(rows: int, is_open: bool) -> None:
    events = [Event(at("fired"), sentence(S1), "ASSAULT") for _ in range(rows)]
    page = _page(_article(events=events))
    (details,) = page.xpath("//details[contains(@class, 'events')]")
    assert (details.get("open") is not None) is is_open
    assert _squash(details.xpath("summary")[0]).startswith(f"{rows} events")
    assert len(details.xpath(".//tbody/tr")) == rows


def test_events_offsets_outside_text_do_not_break_the_page() -> None:
    bad = Event(Span(5, 9999), Span(0, 9999), "ASSAULT")
    page = _page(_article(events=[bad, *_events()[:1]]))
    rows = page.xpath("//table[@class='events-table']/tbody/tr")
    assert rows[0].xpath(".//a[@class='ev-link']") == []
    assert "no offsets" in _squash(rows[0].xpath("td[1]")[0])
    (href,) = rows[1].xpath(".//a[@class='ev-link']/@href")
    assert _pieces(page, href[1:]) == S1


HOSTILE_TEXT = 'The <script>alert(1)</script> unit "attacked" <img src=x onerror=alert(2)> today.'


def _hostile() -> Article:
    text = HOSTILE_TEXT
    script = text.index("<script>")
    bad = Mention(
        Span(script, text.index(" unit")),
        '<script>alert("m")</script>',
        actor='"><img src=x onerror=alert(3)>',
        name="<b onclick=alert(4)>x</b>",
    )
    trigger = Span(text.index("attacked"), text.index("attacked") + 8)
    event = Event(
        trigger,
        Span(0, len(text)),
        "<svg onload=alert(5)>",
        '"><script>',
        [bad],
        [bad],
        mode='"><script>alert(6)</script>',
        reported_by=[bad],
        date='<iframe src="javascript:alert(7)">',
        date_span=Span(script, script + 8),
        location="<img src=y onerror=alert(8)>",
        quantities=[Quantity(Span(0, 3), "<script>", 1.0, 1.0, 1.0)],
    )
    return Article(
        id='x"><script>',
        text=text,
        events=[event],
        meta={"errors": [{"stage": "<script>alert(9)</script>", "error": "<img src=z>"}]},
    )


def test_events_hostile_words_stay_inert() -> None:
    page = render_report([_hostile()], generated_at=GENERATED)
    tree = lxml.html.document_fromstring(page)
    assert len(tree.xpath("//script[not(@type='application/json')]")) == 1
    assert tree.xpath("//@*[starts-with(name(), 'on')]") == []
    assert tree.xpath("//img|//svg|//iframe|//b") == []
    assert [tr.get("class") for tr in tree.xpath("//table[@class='events-table']/tbody/tr")] == [
        "mode-other"
    ]
    (paragraph,) = tree.xpath("//div[@class='text']/p")
    assert paragraph.text_content() == HOSTILE_TEXT
    (trigger_href,) = tree.xpath("//a[@class='trigger']/@href")
    assert (
        "".join(m.text_content() for m in tree.xpath("//mark[@data-span=$a]", a=trigger_href[1:]))
        == "attacked"
    )
    row = _squash(tree.xpath("//table[@class='events-table']/tbody/tr")[0])
    assert '<script>alert("m")</script>' in row and "<svg onload=alert(5)>" in row
    assert "&lt;script&gt;alert(9)&lt;/script&gt;" in page
