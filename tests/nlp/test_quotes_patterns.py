"""Attribution patterns beyond "X said Y": headline colons, phrasal and continuing cues,
datelines, bare participles and speakers the parser tangled with their quote."""

from __future__ import annotations

import pytest

from manysides.model import Attribution, Mention, Span
from manysides.nlp.quotes import extract_attributions


def _triples(nlp, text: str) -> list[tuple[str, str, str]]:
    found: list[Attribution] = extract_attributions(nlp(text), [])
    return [(_words(text, a.source), _words(text, a.cue), _words(text, a.content))
            for a in found]


def _words(text: str, span: Span | None) -> str:
    return span.of(text) if span is not None else ""


@pytest.mark.parametrize(
    ("text", "source", "content"),
    [
        ("Minister Ana Ruiz: Talks Will Resume Next Week\n\nThe talks broke down in May.",
         "Minister Ana Ruiz", "Talks Will Resume Next Week"),
        ("Brenner: the ceasefire will hold if both sides keep their word\n\nMore follows.",
         "Brenner", "the ceasefire will hold if both sides keep their word"),
        ("The Pentagon: No Plans to Send Troops\n\nThe talks broke down in May.",
         "The Pentagon", "No Plans to Send Troops"),
    ],
)
def test_a_headline_gives_its_source_before_a_colon(nlp, text: str, source: str,
                                                    content: str) -> None:
    assert _triples(nlp, text)[0] == (source, ":", content)


@pytest.mark.parametrize(
    "text",
    [
        "Update: The talks will resume next week in Geneva.\n\nMore follows.",
        "Editor’s Note: This article was corrected on Monday.\n\nThe talks resume.",
        "Name: Ana Ruiz Age: 27 City: Lima\n\nShe works nights.",
        "Bottom Line: The talks will resume next week in Geneva.\n\nMore follows.",
        "Q: Will the talks resume next week?\n\nA: They will resume in Geneva.",
        "The plan had three parts: a truce, a vote and a new constitution.",
        "Ruiz: yes.\n\nThe talks resume.",  # too few words to be what someone said
    ],
)
def test_labels_lists_and_short_lines_are_not_colon_attributions(nlp, text: str) -> None:
    assert all(cue != ":" for _, cue, _ in _triples(nlp, text))


@pytest.mark.parametrize("dateline", ["LONDON (Wire) - ", "WASHINGTON (Wire) — "])
def test_a_dateline_is_not_the_speaker(nlp, dateline: str) -> None:
    text = f"{dateline}Ana Ruiz said the talks had failed."
    assert _triples(nlp, text) == [("Ana Ruiz", "said", "the talks had failed")]


def test_a_phrasal_cue_keeps_its_particle(nlp) -> None:
    text = "Ana Ruiz pointed out that the bridge had been closed for a week."
    assert _triples(nlp, text) == [
        ("Ana Ruiz", "pointed out", "that the bridge had been closed for a week")]


def test_a_speaker_who_continued_keeps_the_quote(nlp) -> None:
    text = "“We are ready for the vote,” he continued, citing the new budget."
    assert _triples(nlp, text) == [("he", "continued", "“We are ready for the vote,”")]


def test_a_bare_participle_cue_names_no_asker(nlp) -> None:
    text = "Asked about the talks, the minister said they would resume in June."
    found = _triples(nlp, text)
    assert ("the minister", "said", "they would resume in June") in found
    assert all(cue != "Asked" for _, cue, _ in found)  # the minister was asked, by someone


def test_a_quote_the_parser_hung_on_the_speaker_stays_the_content(nlp) -> None:
    text = ("“That is a legitimate concern, because they are very principled,” Okafor, 69, "
            "told the network on Monday.")
    ((source, cue, content),) = _triples(nlp, text)
    assert source.startswith("Okafor") and "concern" not in source
    assert (cue, content) == (
        "told", "“That is a legitimate concern, because they are very principled,”")


def test_a_hyphenated_word_in_the_speaker_stays(nlp) -> None:
    text = "The Paris-based monitoring group said the strike had hit a school."
    assert _triples(nlp, text)[0][0] == "The Paris-based monitoring group"


def test_what_someone_says_as_an_object_is_the_content_unless_it_is_a_question(nlp) -> None:
    assert _triples(nlp, "Ruiz denied the report about the talks.") == [
        ("Ruiz", "denied", "the report about the talks")]
    assert _triples(nlp, "It does not matter what words Ruiz says today.") == []


@pytest.mark.parametrize("source", [
    "An official with knowledge of Ana Ruiz's phone call",
    "A source familiar with Ana Ruiz's plans",
])
def test_a_person_the_source_knows_of_is_not_the_speaker(nlp, source: str) -> None:
    text = f"{source} said the talks had failed."
    start = text.index("Ana Ruiz")
    ruiz = Mention(Span(start, start + 8), "Ana Ruiz", label="PERSON", name="Ana Ruiz")
    (found,) = extract_attributions(nlp(text), [ruiz])
    assert found.speaker is None and found.speaker_kind == "unnamed"


def test_a_spokesman_for_someone_speaks_for_them(nlp) -> None:
    text = "A spokesman for Ana Ruiz said the talks had failed."
    start = text.index("Ana Ruiz")
    ruiz = Mention(Span(start, start + 8), "Ana Ruiz", label="PERSON", name="Ana Ruiz")
    (found,) = extract_attributions(nlp(text), [ruiz])
    assert found.speaker == "Ana Ruiz"


def test_say_with_an_object_is_its_content_unless_an_idiom(nlp) -> None:
    assert _triples(nlp, "Now the voters could say goodbye to all that.") == []
    assert _triples(nlp, "Ruiz said the same thing.") == [("Ruiz", "said", "the same thing")]
    text = ("Senator Ana Ruiz says the populist movement that is sweeping the country appeals "
            "to the worst instincts.")
    ((source, cue, content),) = _triples(nlp, text)
    assert (source, cue) == ("Senator Ana Ruiz", "says")
    assert content.startswith("the populist movement")


def test_unnamed_speakers_of_one_sector_are_each_read_on_their_own_words(nlp) -> None:
    text = "An official said the talks had failed. The president said they would resume."
    official = Mention(Span(0, 11), "An official", actor="---GOV", sector="GOV")
    start = text.index("The president")
    president = Mention(Span(start, start + 13), "The president", actor="---GOV", sector="GOV")
    found = extract_attributions(nlp(text), [official, president])
    assert [(a.speaker, a.speaker_kind) for a in found] == [
        ("---GOV", "unnamed"), ("---GOV", "official")]


def test_a_cue_opening_the_next_sentence_closes_the_quote_before_it(nlp) -> None:
    text = "“So far the game is very boring!” he tweeted during the first half."
    assert _triples(nlp, text) == [("he", "tweeted", "“So far the game is very boring!”")]
    # a next sentence that says something of its own does not take the quote
    text = "“We are ready!” He said the army would move on Monday."
    assert _triples(nlp, text) == [("He", "said", "the army would move on Monday")]


def test_responded_is_a_cue(nlp) -> None:
    text = "Ruiz responded: “It has. But this is what I also think.”"
    assert _triples(nlp, text) == [
        ("Ruiz", "responded", "“It has. But this is what I also think.”")]
