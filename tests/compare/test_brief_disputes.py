"""Disputed brief lines: one line per disagreement, each side's passages together; outlets named
as a reader knows them (the file name when the outlet is unknown)."""

from __future__ import annotations

from manysides.compare.contrast import outlet_label, outlet_of
from manysides.compare.disputes import disputed_lines
from manysides.model import Article, Contradiction, ContradictionSide, Span

SAYS = {
    "a": "Fourteen people were hurt in Port Velmar.",
    "b": "Twelve people were injured, officials said.",
    "c": "At least fourteen were hurt.",
    "d": "Twelve were hurt, the hospital said.",
    "e": "Nine were hurt.",
}


def _side(article: str, outlet: str) -> ContradictionSide:
    text = SAYS[article]
    return ContradictionSide(outlet=outlet, article=article, span=Span(0, len(text)), text=text)


def _pair(n: int, a: str, b: str, reason: str, event: str | None = "s1-e1") -> Contradiction:
    return Contradiction(id=f"s1-c{n}", story="s1", story_event=event, kind="number",
                         reason=reason, a=_side(a, a.upper()), b=_side(b, b.upper()),
                         confidence=0.9)


def test_pairs_of_one_dispute_make_one_line_with_two_sides() -> None:
    pairs = [_pair(1, "a", "b", "14 vs 12 injured"), _pair(2, "a", "d", "14 vs 12 injured"),
             _pair(3, "b", "c", "12 vs 14 injured")]
    (line,) = disputed_lines(pairs, {"A": "Aldine Radio"})
    assert line.kind == "disputed" and line.story_event == "s1-e1"
    assert line.text == (
        'Accounts differ (14 vs 12 injured). On one side, Aldine Radio: "Fourteen people were '
        'hurt in Port Velmar." C: "At least fourteen were hurt." On the other, B: "Twelve people '
        'were injured, officials said." D: "Twelve were hurt, the hospital said."')
    assert line.outlets == ["A", "C", "B", "D"]
    assert [c.article for c in line.citations] == ["a", "c", "b", "d"]


def test_one_pair_keeps_the_plain_form() -> None:
    (line,) = disputed_lines([_pair(1, "a", "b", "14 vs 12 injured")], {})
    assert line.text == ('Accounts differ (14 vs 12 injured). A: "Fourteen people were hurt in '
                         'Port Velmar." B: "Twelve people were injured, officials said."')


def test_three_counts_cannot_be_two_sides_so_each_pair_keeps_its_line() -> None:
    pairs = [_pair(1, "a", "b", "14 vs 12 injured"), _pair(2, "b", "e", "12 vs 9 injured"),
             _pair(3, "a", "e", "14 vs 9 injured")]
    lines = disputed_lines(pairs, {})
    assert [line.text.split(")")[0] for line in lines] == [
        "Accounts differ (14 vs 12 injured", "Accounts differ (12 vs 9 injured",
        "Accounts differ (14 vs 9 injured"]


def test_unconnected_pairs_and_other_events_stay_apart() -> None:
    pairs = [_pair(1, "a", "b", "14 vs 12 injured"), _pair(2, "c", "d", "14 vs 12 injured"),
             _pair(3, "a", "b", "14 vs 12 injured", event="s1-e2"),
             _pair(4, "a", "b", "a claim pair", event=None),
             _pair(5, "c", "d", "another claim pair", event=None)]
    assert len(disputed_lines(pairs, {})) == 5


def test_outlet_label_is_the_outlet_else_the_file_never_invented() -> None:
    named = Article(id="f" * 16, text="x", outlet=" Civic Wire ", source="/c/wire.html")
    filed = Article(id="e" * 16, text="x", source="/corpus/column.txt")
    part = Article(id="d" * 16, text="x", source="/corpus/feed.xml#2")
    bare = Article(id="0123456789abcdef", text="x")
    assert [outlet_label(a) for a in (named, filed, part, bare)] == [
        "Civic Wire", "column.txt", "feed.xml #2", "article 01234567"]
    assert [outlet_of(a) for a in (named, filed)] == [" Civic Wire ", "e" * 16]


def test_plainest_mention_ties_are_broken_by_position() -> None:
    """Two mentions of one event in one article, alike in every way but their place, pick the
    first (tuples holding spans cannot be compared)."""
    from contrast_helpers import article, event

    from manysides.compare.align import AlignedEvent
    from manysides.compare.brief import _plainest
    from manysides.model import StoryEvent

    text = ("Borovia shelled the Ardenian border town overnight. "
            "Borovia shelled the Ardenian border town overnight.")
    one = article("p1", text, [
        event(text, "shelled", "ASSAULT", source=(("Borovia", "BOR"),),
              target=(("Ardenia", "ARD"),)),
        event(text, "shelled", "ASSAULT", source=(("Borovia", "BOR"),),
              target=(("Ardenia", "ARD"),), after=40)], outlet="Signal")
    item = AlignedEvent(event=StoryEvent(id="s-e1", type="ASSAULT",
                                         mentions=[("p1", 1), ("p1", 0)]), support=[1.0, 1.0])
    found = _plainest(item, {"p1": one})
    assert found is not None and found[1].start == 0


def test_reasons_are_told_from_the_first_side_and_capped() -> None:
    def pair(n: int, a: str, b: str, reason: str) -> Contradiction:
        return Contradiction(id=f"s1-c{n}", story="s1", story_event="s1-e1", kind="denial",
                             reason=reason, a=_side(a, a.upper()), b=_side(b, b.upper()),
                             confidence=0.8)

    pairs = [pair(1, "a", "b", '"helped" asserted vs "alone" denied'),
             pair(2, "b", "c", '"alone" denied vs "backed" asserted'),
             pair(3, "d", "b", '"worked" asserted vs "alone" denied')]
    (line,) = disputed_lines(pairs, {})
    assert line.text.startswith('Accounts differ ("helped" asserted vs "alone" denied; '
                                '"backed" asserted vs "alone" denied; 1 more). On one side, A:')
    assert [c.article for c in line.citations] == ["a", "c", "d", "b"]
