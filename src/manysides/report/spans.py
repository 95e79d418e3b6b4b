"""Article text as escaped HTML, with any :class:`~manysides.model.Span` highlighted and linkable.

Spans may overlap, nest, touch or be empty. HTML elements must nest properly, so a span that
crosses the end of another is split into pieces: the first piece of each span carries the anchor
``id`` (the link target), every piece carries ``data-span`` with that id, the CSS class and the
title. The concatenated text of a span's pieces is always exactly ``span.of(text)``, and the
text content of the whole output is exactly ``text``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from manysides.model import Span

__all__ = ["Highlight", "paragraph_ranges", "render_paragraphs", "render_text_with_spans"]

#: ``(span, css_class, anchor_id, title)`` — what to highlight, how it looks, its link target
#: and its tooltip.
Highlight = tuple[Span, str, str, str]

_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n\s*")


@dataclass(slots=True)
class _Mark:
    start: int
    end: int
    css_class: str
    anchor: str
    title: str
    order: int
    opened: bool = False  # whether its id has been written (only the first piece carries it)

    def open_tag(self) -> str:
        anchor = escape(self.anchor)
        id_attr = "" if self.opened else f' id="{anchor}"'
        self.opened = True
        return (
            f'<mark{id_attr} class="{escape(self.css_class)}" data-span="{anchor}"'
            f' title="{escape(self.title)}">'
        )


def render_text_with_spans(text: str, spans: Sequence[Highlight] = ()) -> Markup:
    """Escape ``text`` and wrap each span in ``<mark>`` elements (split where spans cross)."""
    marks = _marks(spans, len(text))
    return Markup("".join(_render_range(text, 0, len(text), marks)))


def paragraph_ranges(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each paragraph: text between blank lines, outer whitespace trimmed."""
    ranges = []
    position = 0
    for gap in [*_BLANK_LINE.finditer(text), None]:
        stop = gap.start() if gap else len(text)
        chunk = text[position:stop]
        if chunk.strip():
            lead = len(chunk) - len(chunk.lstrip())
            ranges.append((position + lead, position + len(chunk.rstrip())))
        if gap:
            position = gap.end()
    return ranges


def render_paragraphs(text: str, spans: Sequence[Highlight] = ()) -> Markup:
    """``text`` as ``<p data-start data-end>`` paragraphs with ``spans`` highlighted.

    A span crossing a paragraph break is split there; a span that lies wholly in the blank space
    between paragraphs becomes an empty anchor at the start of the next paragraph, so that every
    anchor id exists exactly once.
    """
    ranges = paragraph_ranges(text) or [(0, len(text))]
    marks = _marks(spans, len(text))
    for mark in marks:
        _move_into_paragraph(mark, ranges)
    parts = []
    for start, end in ranges:
        inner = "".join(_render_range(text, start, end, marks))
        parts.append(f'<p data-start="{start}" data-end="{end}">{inner}</p>')
    return Markup("\n".join(parts))


def _marks(spans: Iterable[Highlight], length: int) -> list[_Mark]:
    marks = []
    for order, (span, css_class, anchor, title) in enumerate(spans):
        if span.end > length:
            raise ValueError(
                f"span [{span.start}, {span.end}) is past the end of the text ({length})"
            )
        marks.append(_Mark(span.start, span.end, css_class, anchor, title, order))
    return marks


def _move_into_paragraph(mark: _Mark, ranges: list[tuple[int, int]]) -> None:
    if any(mark.start < end and start < mark.end for start, end in ranges):
        return  # overlaps a paragraph: rendered there, clipped
    if any(start <= mark.start <= end for start, end in ranges) and mark.start == mark.end:
        return  # an empty span inside (or at the edge of) a paragraph
    after = [start for start, _ in ranges if start >= mark.end]
    mark.start = mark.end = after[0] if after else ranges[-1][1]


def _render_range(text: str, lo: int, hi: int, marks: list[_Mark]) -> list[str]:
    """HTML for ``text[lo:hi]`` with the parts of ``marks`` that fall inside it."""
    inside = [m for m in marks if (m.start < hi and lo < m.end) or lo <= m.start == m.end <= hi]
    cuts = sorted({lo, hi} | {max(lo, min(hi, x)) for m in inside for x in (m.start, m.end)})
    out: list[str] = []
    # Marks that began before this range (in an earlier paragraph) go on here, outermost first.
    stack = sorted((m for m in inside if m.start < lo), key=_nesting_order)
    out.extend(m.open_tag() for m in stack)
    for i, position in enumerate(cuts):
        _close_ending(stack, position, out)
        for mark in sorted((m for m in inside if m.start == position), key=_nesting_order):
            out.append(mark.open_tag())
            if mark.start == mark.end:
                out.append("</mark>")
            else:
                stack.append(mark)
        if i + 1 < len(cuts):
            out.append(str(escape(text[position : cuts[i + 1]])))
    out.extend("</mark>" for _ in stack)
    return out


def _nesting_order(mark: _Mark) -> tuple[int, int]:
    """Open the mark that ends last first (it is the outer one); the caller's order breaks ties."""
    return (-mark.end, mark.order)


def _close_ending(stack: list[_Mark], position: int, out: list[str]) -> None:
    """Close every open mark that ends at ``position``; reopen the inner ones that go on."""
    ended = [i for i, m in enumerate(stack) if m.end <= position]
    if not ended:
        return
    deepest = ended[0]
    reopen = [m for m in stack[deepest:] if m.end > position]
    out.extend("</mark>" for _ in stack[deepest:])
    del stack[deepest:]
    for mark in reopen:
        out.append(mark.open_tag())
        stack.append(mark)
