"""Grouping mentions into actors for sentiment summaries: a named person apart from the office
code they share, each group called by a name a reader can take."""

from __future__ import annotations

from manysides.compare.actor_groups import actor_key, group_names, person_names
from manysides.model import Mention, Span

TEXT = ("Netanyahu spoke. His government, Netanyahu's cabinet, met in Israel. Biden called. "
        "The Biden administration and officials agreed.")


def _m(words: str, label: str, actor: str | None, name: str | None) -> Mention:
    start = TEXT.index(words)
    return Mention(Span(start, start + len(words)), words, label, actor, name)


MENTIONS = [
    _m("Netanyahu", "PERSON", "ISRGOV", "Benjamin Netanyahu"),
    _m("His", "PRON", "ISRGOV", "Benjamin Netanyahu"),
    _m("Netanyahu's cabinet", "", "ISRGOV", "Israel"),
    _m("Israel", "GPE", "ISR", "Israel"),
    _m("Biden", "ORG", "USAGOV", "Joe Biden"),  # a mislabelled person still joins him
    _m("Biden administration", "", "USAGOV", "United States"),
    _m("officials", "", None, None),
]


def test_actor_groups_split_a_named_person_from_their_office() -> None:
    persons = person_names(MENTIONS) | {"Joe Biden"}
    keys = [actor_key(m, persons) for m in MENTIONS]
    assert keys == [
        ("ISRGOV", "Benjamin Netanyahu"), ("ISRGOV", "Benjamin Netanyahu"), ("ISRGOV", None),
        ("ISR", None), ("USAGOV", "Joe Biden"), ("USAGOV", None), ("officials", None)]
    assert person_names(MENTIONS) == {"Benjamin Netanyahu"}  # only PERSON labels count


def test_actor_groups_names_clash_resolved_by_the_code() -> None:
    persons = person_names(MENTIONS)
    groups: dict = {}
    for mention in MENTIONS:
        key = actor_key(mention, persons)
        assert key is not None
        groups.setdefault(key, []).append(mention)
    names = group_names(groups)
    assert names[("ISRGOV", "Benjamin Netanyahu")] == "Benjamin Netanyahu"
    assert names[("ISR", None)] == "Israel"
    assert names[("ISRGOV", None)] == "Israel government"  # "Israel" is taken by ISR
    # "Joe Biden" has no PERSON label here: he stays with the office, named by its code
    assert names[("USAGOV", None)] == "United States government"
    assert names[("officials", None)] == "officials"


def test_actor_groups_skip_a_mention_without_words() -> None:
    assert actor_key(Mention(Span(0, 0), " ", ""), set()) is None
