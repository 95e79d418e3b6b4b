"""parse: batches bounded by characters, long texts parsed in pieces and joined back with every
offset the text's own."""

from __future__ import annotations

import itertools

import pytest

from manysides.nlp.pipeline import parse, split_points

PARAGRAPHS = [
    "Officials in Ankara said on Monday that the talks had failed.",
    "By Jane Roe\n",
    "The ministry of defence denied the report. It gave no figures, and the army "
    "declined to comment on the strikes near the border.",
    "\u201cWe will respond,\u201d the minister said.  Nobody else spoke.",
    "The United Nations called for calm after 12 people were killed in Gaza.",
]


def long_text(paragraphs: int = 24) -> str:
    return "\n\n".join(PARAGRAPHS[i % len(PARAGRAPHS)] for i in range(paragraphs))


@pytest.mark.parametrize("limit", [1, 7, 40, 90, 300, 10_000])
def test_split_points_tile_the_text_and_cut_before_a_word(limit: int) -> None:
    text = long_text() + "\n\n  A last line with   odd  spacing.\n"
    points = split_points(text, limit)
    assert "".join(text[a:b] for a, b in points) == text
    assert all(b > a for a, b in points)
    assert points[0][0] == 0 and points[-1][1] == len(text)
    for (_, end), (start, _) in itertools.pairwise(points):
        assert end == start
        assert text[end - 1].isspace() and not text[end].isspace()


def test_split_points_prefer_paragraphs_then_sentences() -> None:
    text = long_text(6)
    pieces = [text[a:b] for a, b in split_points(text, 200)]
    assert all(piece.endswith("\n\n") for piece in pieces[:-1])
    one_paragraph = PARAGRAPHS[2] + " " + PARAGRAPHS[2]
    pieces = [one_paragraph[a:b] for a, b in split_points(one_paragraph, 120)]
    assert pieces[0].endswith(". ")
    assert len(pieces) > 1


def test_split_points_short_text_and_unbroken_runs() -> None:
    assert split_points("", 10) == [(0, 0)]
    assert split_points("short", 10) == [(0, 5)]
    assert split_points("x" * 30 + " y", 10) == [(0, 31), (31, 32)]
    assert split_points("x" * 30, 10) == [(0, 30)]
    with pytest.raises(ValueError):
        split_points("text", 0)


def test_parse_pieces_keep_the_text_and_its_offsets(nlp) -> None:
    text = long_text()
    (whole,) = parse([text], piece_chars=100_000)
    (joined,) = parse([text], piece_chars=300, batch_chars=700)
    assert joined.text == text
    assert [t.text for t in joined] == [t.text for t in whole]
    assert [t.idx for t in joined] == [t.idx for t in whole]
    for token in joined:
        assert text[token.idx : token.idx + len(token.text)] == token.text
    for ent in joined.ents:
        assert text[ent.start_char : ent.end_char] == ent.text
    for sent in joined.sents:
        assert text[sent.start_char : sent.end_char] == sent.text
    assert joined.has_annotation("DEP") and joined.has_annotation("LEMMA")
    assert joined.has_annotation("ENT_IOB") and joined.has_annotation("TAG")
    # every paragraph starts a sentence, whether or not a cut fell before it
    starts = {s.start_char for s in joined.sents}
    assert {s.start_char for s in whole.sents} == starts
    # the readings are the same away from the cuts (here: all but a few tokens)
    same = sum(a.tag_ == b.tag_ and a.dep_ == b.dep_ and a.head.i == b.head.i
               for a, b in zip(whole, joined, strict=True))
    assert same >= 0.97 * len(whole)
    assert {(e.start_char, e.label_) for e in joined.ents} >= {
        (e.start_char, e.label_) for e in whole.ents if "Ankara" in e.text or "Gaza" in e.text}


def test_parse_batches_by_characters_in_order(nlp) -> None:
    texts = [long_text(3), "", "Short one about Iran.", long_text(12), "  ", long_text(7)]
    docs = list(parse(iter(texts), batch_size=2, batch_chars=150, piece_chars=200))
    assert [d.text for d in docs] == texts
    reference = list(parse(texts, piece_chars=200))
    assert [[t.text for t in d] for d in docs] == [[t.text for t in d] for d in reference]
    assert [[t.tag_ for t in d] for d in docs] == [[t.tag_ for t in d] for d in reference]
    with pytest.raises(ValueError):
        list(parse(["x"], batch_chars=0))


def test_parse_articles_keeps_the_last_two_batches(nlp, monkeypatch) -> None:
    """Stages over the same batch parse it once, also while the next batch is parsed ahead;
    an older batch is dropped, and ``forget_parses`` drops the articles it is given."""
    from manysides.model import Article
    from manysides.nlp import pipeline

    parsed: list[str] = []
    real = pipeline.parse

    def counting(texts):  # type: ignore[no-untyped-def]
        texts = list(texts)
        parsed.extend(texts)
        return real(texts)

    monkeypatch.setattr(pipeline, "parse", counting)
    pipeline.forget_parses()
    first, second, third = ([Article.create(f"Batch {k} says {w}.")] for k, w in
                            ((1, "one"), (2, "two"), (3, "three")))
    doc = pipeline.parse_articles(first)[0]
    pipeline.parse_articles(second)
    assert pipeline.parse_articles(first)[0] is doc
    assert len(parsed) == 2
    pipeline.parse_articles(third)  # the first batch is the oldest: dropped
    pipeline.parse_articles(second)
    assert len(parsed) == 3
    pipeline.parse_articles(first)
    assert len(parsed) == 4
    pipeline.forget_parses(first)
    pipeline.parse_articles(third)
    pipeline.parse_articles(first)
    assert parsed[4:] == [first[0].text]
    pipeline.forget_parses()
