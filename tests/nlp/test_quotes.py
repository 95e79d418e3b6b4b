"""Quotes and attribution on hand-written sentences (the rules of ``manysides.nlp.quotes``)."""

from __future__ import annotations

import pytest

from manysides.model import Article, Attribution, Mention, Span
from manysides.nlp.quotes import extract_attributions, quote_regions


def _attributions(nlp, text: str, mentions: list[Mention] | None = None) -> list[Attribution]:
    return extract_attributions(nlp(text), mentions or [])


def _words(text: str, span: Span | None) -> str:
    assert span is not None
    return span.of(text)


def _mention(text: str, words: str, **fields: object) -> Mention:
    start = text.index(words)
    return Mention(span=Span(start, start + len(words)), text=words, **fields)  # type: ignore[arg-type]


def test_quotes_direct_quote_before_the_cue(nlp) -> None:
    text = "“We will respond within days,” the minister said on Monday."
    (quote,) = _attributions(nlp, text)
    assert _words(text, quote.content) == "“We will respond within days,”"
    assert _words(text, quote.source) == "the minister"
    assert _words(text, quote.cue) == "said"
    assert quote.direct


def test_quotes_source_after_the_cue_with_an_appositive(nlp) -> None:
    text = ("“The talks have failed,” said Maria Okafor, an analyst at the Lagos Institute "
            "for Policy.")
    (quote,) = _attributions(nlp, text)
    assert _words(text, quote.source).startswith("Maria Okafor")
    assert quote.speaker_kind == "expert"


def test_quotes_split_around_the_cue_gives_both_halves(nlp) -> None:
    text = "“The border is closed,” the governor said, “and it will stay closed until May.”"
    quotes = _attributions(nlp, text)
    contents = [_words(text, q.content) for q in quotes]
    assert contents == ["“The border is closed,”", "“and it will stay closed until May.”"]
    assert {_words(text, q.source) for q in quotes} == {"the governor"}


def test_quotes_a_quote_in_the_next_sentence_continues_the_speaker(nlp) -> None:
    text = ("“We are ready,” the spokeswoman said. “Nobody should doubt it.” "
            "The army later withdrew.")
    quotes = _attributions(nlp, text)
    assert [_words(text, q.content) for q in quotes] == [
        "“We are ready,”", "“Nobody should doubt it.”"]
    assert all(_words(text, q.source) == "the spokeswoman" for q in quotes)


def test_quotes_straight_quote_marks_and_a_colon(nlp) -> None:
    text = 'The senator said: "This bill will pass. We have the votes."'
    (quote,) = _attributions(nlp, text)
    assert _words(text, quote.content) == '"This bill will pass. We have the votes."'
    assert _words(text, quote.source) == "The senator"


@pytest.mark.parametrize(
    ("text", "source", "cue", "content"),
    [
        ("Local officials said that the bridge had collapsed overnight.",
         "Local officials", "said", "that the bridge had collapsed overnight"),
        ("The ministry denied that its troops had crossed the border.",
         "The ministry", "denied", "that its troops had crossed the border"),
        ("The rebels have seized the airport, two diplomats told reporters.",
         "two diplomats", "told", "The rebels have seized the airport"),
        ("The company warned investors that profits would fall.",
         "The company", "warned", "that profits would fall"),
    ],
)
def test_quotes_indirect_speech(nlp, text: str, source: str, cue: str, content: str) -> None:
    quotes = _attributions(nlp, text)
    assert [(_words(text, q.source), _words(text, q.cue), _words(text, q.content))
            for q in quotes] == [(source, cue, content)]
    assert not quotes[0].direct


def test_quotes_according_to_an_outlet(nlp) -> None:
    text = "According to Reuters, the convoy was stopped at the border."
    mentions = [_mention(text, "Reuters", label="ORG", actor="MED", name="Reuters",
                         sector="MED")]
    (quote,) = _attributions(nlp, text, mentions)
    assert _words(text, quote.cue) == "According to"
    assert _words(text, quote.source) == "Reuters"
    assert _words(text, quote.content) == "the convoy was stopped at the border"
    assert quote.speaker == "MED" and quote.speaker_kind == "outlet"


def test_quotes_outlet_reported(nlp) -> None:
    text = "The Guardian reported that the minister would resign."
    (quote,) = _attributions(nlp, text)
    assert _words(text, quote.source) == "The Guardian"
    assert _words(text, quote.content) == "that the minister would resign"
    assert quote.speaker_kind == "outlet"


def test_quotes_pronoun_source_takes_the_resolved_mention(nlp) -> None:
    text = "Ana Ruiz arrived late. “I was held at the checkpoint,” she said."
    mentions = [
        _mention(text, "Ana Ruiz", label="PERSON", name="Ana Ruiz"),
        Mention(span=Span(text.index("she"), text.index("she") + 3), text="she",
                label="PRON", name="Ana Ruiz", resolved_from=Span(0, 8)),
    ]
    (quote,) = _attributions(nlp, text, mentions)
    assert _words(text, quote.source) == "she"
    assert quote.speaker == "Ana Ruiz"


def test_quotes_unresolved_pronoun_falls_back_to_the_last_person(nlp) -> None:
    text = "Ana Ruiz arrived late. “I was held at the checkpoint,” she said."
    mentions = [_mention(text, "Ana Ruiz", label="PERSON", name="Ana Ruiz")]
    (quote,) = _attributions(nlp, text, mentions)
    assert quote.speaker == "Ana Ruiz" and quote.speaker_kind == "person"


def test_quotes_the_spokesman_is_the_earlier_spokesman(nlp) -> None:
    text = ("A spokesman for the Chilean embassy said the talks would resume. "
            "“We are hopeful,” the spokesman said.")
    mentions = [_mention(text, "Chilean embassy", actor="CHLGOV", name="Chile", sector="GOV")]
    quotes = _attributions(nlp, text, mentions)
    assert [q.speaker for q in quotes] == ["CHLGOV", "CHLGOV"]
    assert quotes[1].direct and not quotes[0].direct


@pytest.mark.parametrize(
    "text",
    [
        "The so-called “peace plan” was never published.",
        "She read “War and Peace” on the train.",
        "The “Iron Dome” system intercepted most of the rockets.",
        "Critics of the policy are many, and the debate goes on.",
    ],
)
def test_quotes_no_attribution_from_scare_quotes_titles_or_plain_prose(nlp, text: str) -> None:
    assert _attributions(nlp, text) == []


def test_quotes_cue_inside_a_quote_is_not_a_cue(nlp) -> None:
    text = "“Everyone says the war is over,” the general told reporters."
    (quote,) = _attributions(nlp, text)
    assert _words(text, quote.cue) == "told"
    assert _words(text, quote.source) == "the general"


def test_quotes_regions_pair_marks_per_paragraph() -> None:
    text = 'He said "yes" and “no”.\n\n“An open quote\n\nruns to its paragraph end'
    regions = [r.of(text) for r in quote_regions(text)]
    assert regions == ['"yes"', "“no”", "“An open quote"]


def test_quotes_stage_fills_article_quotes(nlp) -> None:
    from manysides.stages import run_stages

    article = Article.create("“The dam will hold,” the engineer said.")
    (done,) = run_stages([article], ["manysides.events.rules.v1", "manysides.quotes.rules.v1"])
    (quote,) = done.quotes
    assert _words(done.text, quote.content) == "“The dam will hold,”"
