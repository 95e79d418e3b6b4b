"""Highlighted spans: escaped text, exact offsets, proper nesting, one id per span."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from manysides.model import Span
from manysides.report.spans import paragraph_ranges, render_paragraphs, render_text_with_spans


class _Marks(HTMLParser):
    """Collects the text content, each span's text (over all its pieces) and each id's count."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text = ""
        self.stack: list[tuple[str, str | None]] = []
        self.span_text: dict[str, str] = {}
        self.ids: dict[str, int] = {}
        self.pieces: dict[str, int] = {}
        self.classes: dict[str, set[str]] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        anchor = found.get("data-span")
        self.stack.append((tag, anchor))
        if "id" in found:
            self.ids[found["id"] or ""] = self.ids.get(found["id"] or "", 0) + 1
        if anchor is not None:
            self.span_text.setdefault(anchor, "")
            self.pieces[anchor] = self.pieces.get(anchor, 0) + 1
            self.classes.setdefault(anchor, set()).add(found.get("class") or "")

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1][0] == tag, f"badly nested </{tag}>: {self.stack}"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text += data
        for _, anchor in self.stack:
            if anchor is not None:
                self.span_text[anchor] += data


def _parse(markup: str) -> _Marks:
    parser = _Marks()
    parser.feed(markup)
    parser.close()
    assert not parser.stack, "unclosed elements"
    return parser


def _hl(start: int, end: int, name: str) -> tuple[Span, str, str, str]:
    return (Span(start, end), f"hl-{name}", name, f"title {name}")


CASES = {
    "single": ("The minister denied it.", [(4, 12, "s1")]),
    "nested": ("abcdefghij", [(0, 10, "outer"), (2, 5, "inner")]),
    "crossing": ("abcdefghij", [(0, 6, "left"), (3, 9, "right")]),
    "adjacent": ("abcdefghij", [(0, 3, "first"), (3, 7, "second")]),
    "identical": ("abcdefghij", [(2, 6, "one"), (2, 6, "two")]),
    "same start": ("abcdefghij", [(2, 4, "short"), (2, 8, "long")]),
    "same end": ("abcdefghij", [(1, 8, "long"), (5, 8, "short")]),
    "three-way": ("abcdefghijklmnop", [(0, 8, "a"), (4, 12, "b"), (6, 16, "c"), (7, 9, "d")]),
    "empty span": ("abcdefghij", [(4, 4, "point"), (2, 6, "around")]),
    "whole text": ("abc", [(0, 3, "all")]),
    "unicode": (
        "Ça va 👍🏽 e\u0301té — 東京で",
        [(0, 2, "cedilla"), (6, 8, "emoji"), (9, 13, "accent"), (16, 19, "cjk")],
    ),
    "escaping": ("<b>&amp; \"q\" 'x'</b>", [(0, 3, "tag"), (4, 9, "amp")]),
}


@pytest.mark.parametrize("name", CASES)
def test_spans_render_exact_offsets(name: str) -> None:
    text, spans = CASES[name]
    markup = render_text_with_spans(text, [_hl(s, e, a) for s, e, a in spans])
    parsed = _parse(str(markup))
    assert parsed.text == text
    for start, end, anchor in spans:
        assert parsed.span_text[anchor] == text[start:end], anchor
        assert parsed.ids[anchor] == 1, f"{anchor} must have exactly one element with its id"
        assert parsed.classes[anchor] == {f"hl-{anchor}"}


def test_spans_crossing_split_into_pieces_with_one_id() -> None:
    markup = str(render_text_with_spans("abcdefghij", [_hl(0, 6, "l"), _hl(3, 9, "r")]))
    assert markup == (
        '<mark id="l" class="hl-l" data-span="l" title="title l">abc'
        '<mark id="r" class="hl-r" data-span="r" title="title r">def</mark></mark>'
        '<mark class="hl-r" data-span="r" title="title r">ghi</mark>j'
    )


def test_spans_adjacent_do_not_merge() -> None:
    parsed = _parse(str(render_text_with_spans("abcdef", [_hl(0, 3, "x"), _hl(3, 6, "y")])))
    assert (parsed.span_text, parsed.pieces) == ({"x": "abc", "y": "def"}, {"x": 1, "y": 1})


def test_spans_escape_text_and_attributes() -> None:
    text = "<script>alert(1)</script>"
    spans = [(Span(0, 8), 'c" onclick="x', '"><img src=x onerror=alert(2)>', "<t>")]
    markup = str(render_text_with_spans(text, spans))
    assert "<script>" not in markup and "<img" not in markup
    assert "&lt;script&gt;</mark>alert(1)&lt;/script&gt;" in markup
    parsed = _parse(markup)
    assert parsed.text == text
    assert list(parsed.ids) == ['"><img src=x onerror=alert(2)>']


def test_spans_past_the_end_are_refused() -> None:
    with pytest.raises(ValueError, match="past the end"):
        render_text_with_spans("abc", [_hl(1, 4, "x")])


def test_spans_none_is_just_escaped_text() -> None:
    assert str(render_text_with_spans("a < b & c")) == "a &lt; b &amp; c"


@settings(max_examples=150, deadline=None)
@given(
    text=st.text(alphabet=st.sampled_from("ab <&>\"'é👍\n"), min_size=1, max_size=40),
    raw=st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40)), max_size=6),
)
def test_spans_any_spans_keep_text_and_offsets(text: str, raw: list[tuple[int, int]]) -> None:
    spans = []
    for i, (a, b) in enumerate(raw):
        start, end = sorted((min(a, len(text)), min(b, len(text))))
        spans.append(_hl(start, end, f"s{i}"))
    parsed = _parse(str(render_text_with_spans(text, spans)))
    assert parsed.text == text
    for span, _, anchor, _ in spans:
        assert parsed.span_text[anchor] == span.of(text)
        assert parsed.ids[anchor] == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("one", ["one"]),
        ("one\n\ntwo", ["one", "two"]),
        ("  one\nstill one\n \n\n two  \n", ["one\nstill one", "two"]),
        ("a\r\n\r\nb", ["a", "b"]),
        ("\n\n\n", []),
        ("", []),
    ],
)
def test_paragraph_ranges_offsets(text: str, expected: list[str]) -> None:
    assert [text[s:e] for s, e in paragraph_ranges(text)] == expected


def test_paragraphs_keep_offsets_and_split_crossing_spans() -> None:
    text = "First para here.\n\nSecond para there."
    cross = _hl(6, 24, "cross")  # "para here.\n\nSecond"
    gap = _hl(17, 18, "gap")  # only the blank line between the paragraphs
    markup = str(render_paragraphs(text, [cross, gap]))
    assert markup.count("<p ") == 2
    assert '<p data-start="0" data-end="16">' in markup
    assert '<p data-start="18" data-end="36">' in markup
    parsed = _parse(markup)
    assert parsed.text == "First para here.\nSecond para there."  # "\n" joins the <p>s
    assert parsed.span_text["cross"] == "para here.Second"  # the blank line is not rendered
    assert parsed.pieces["cross"] == 2
    assert parsed.ids == {"cross": 1, "gap": 1}  # the gap span is an empty anchor, kept once
    assert parsed.span_text["gap"] == ""


def test_paragraphs_text_content_equals_each_slice() -> None:
    text = "Alpha <b>\n\n\n  Beta & gamma\nline two\n\nDelta"
    markup = str(render_paragraphs(text))
    chunks = [c.split(">", 1)[1] for c in markup.split("</p>") if c.strip()]
    parsed = [_parse(c).text for c in chunks]
    assert parsed == [text[s:e] for s, e in paragraph_ranges(text)]
    assert parsed == ["Alpha <b>", "Beta & gamma\nline two", "Delta"]
