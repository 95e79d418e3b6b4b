"""Grouping mentions into actors for sentiment summaries: a named person apart from the office
code they share, each group called by a name a reader can take."""

from __future__ import annotations

from manysides.compare.actor_groups import actor_key, group_names, person_names
from manysides.model import Mention, Span

TEXT = ("Martin spoke. His government, the French cabinet, met in France. Weber called. "
        "The Berlin government and officials agreed.")


def _m(words: str, label: str, actor: str | None, name: str | None) -> Mention:
    start = TEXT.index(words)
    return Mention(Span(start, start + len(words)), words, label, actor, name)


MENTIONS = [
    _m("Martin", "PERSON", "FRAGOV", "Anne Martin"),
    _m("His", "PRON", "FRAGOV", "Anne Martin"),
    _m("the French cabinet", "", "FRAGOV", "France"),
    _m("France", "GPE", "FRA", "France"),
    _m("Weber", "ORG", "DEUGOV", "Karl Weber"),  # a mislabelled person
    _m("Berlin government", "", "DEUGOV", "Germany"),
    _m("officials", "", None, None),
]


def test_actor_groups_split_a_named_person_from_their_office() -> None:
    persons = person_names(MENTIONS) | {"Karl Weber"}
    keys = [actor_key(m, persons) for m in MENTIONS]
    assert keys == [
        ("FRAGOV", "Anne Martin"), ("FRAGOV", "Anne Martin"), ("FRAGOV", None),
        ("FRA", None), ("DEUGOV", "Karl Weber"), ("DEUGOV", None), ("officials", None)]
    assert person_names(MENTIONS) == {"Anne Martin"}  # only PERSON labels count


def test_actor_groups_names_clash_resolved_by_the_code() -> None:
    persons = person_names(MENTIONS)
    groups: dict = {}
    for mention in MENTIONS:
        key = actor_key(mention, persons)
        assert key is not None
        groups.setdefault(key, []).append(mention)
    names = group_names(groups)
    assert names[("FRAGOV", "Anne Martin")] == "Anne Martin"
    assert names[("FRA", None)] == "France"
    assert names[("FRAGOV", None)] == "France government"  # "France" is taken by FRA
    # "Karl Weber" has no PERSON label here: he stays with the office, named by its code
    assert names[("DEUGOV", None)] == "Germany government"
    assert names[("officials", None)] == "officials"


def test_actor_groups_skip_a_mention_without_words() -> None:
    assert actor_key(Mention(Span(0, 0), " ", ""), set()) is None
