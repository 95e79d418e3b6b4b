"""Events from hand-written sentences: actors, passives, event nouns, modality, negation,
dates (article date Sunday 14 April 2024), locations and counts, with exact offsets."""

from __future__ import annotations

import pytest
from events_helpers import describe, events_of

CASES = [
    # actives and passives
    ("Freedonia attacked Sylvania.", "attacked:ASSAULT:FRE->SYL:asserted"),
    ("Freedonian troops shelled Sylvanian positions.", "shelled:ASSAULT:FRE->SYL:asserted"),
    ("Sylvania was attacked by Freedonia.", "attacked:ASSAULT:FRE->SYL:asserted"),
    ("Sylvanian villages were bombed by Freedonian jets.", "bombed:ASSAULT:FRE->SYL:asserted"),
    ("The rebels kidnapped two Ruritanian engineers.", "kidnapped:ASSAULT:---REB->RUR:asserted"),
    ("Freedonia and Ruritania attacked Sylvania.", "attacked:ASSAULT:FRE,RUR->SYL:asserted"),
    ("Freedonia invaded Sylvania and Ruritania.", "invaded:COERCE:FRE->SYL,RUR:asserted"),
    ("President Adams met Minister Okafor.", "met:CONSULT:FREGOV->SYLGOV:asserted"),
    ("Freedonia and Sylvania met in Geneva.", "met:CONSULT:FRE,SYL->FRE,SYL:asserted"),
    ("The rebels, who attacked Sylvania, fled.", "attacked:ASSAULT:---REB->SYL:asserted"),
    ("Freedonia accused Sylvania of spying.", "accused:ACCUSE:FRE->SYL:asserted"),
    ("Freedonia imposed sanctions on Sylvania.", "sanctions:COERCE:FRE->SYL:asserted"),
    ("Freedonia sent weapons to Sylvania.", "sent:AID:FRE->SYL:asserted"),
    ("Freedonia fired missiles at Sylvania.", "fired:ASSAULT:FRE->SYL:asserted"),
    ("The army arrested Sylvanian students.", "arrested:COERCE:---MIL->SYL:asserted"),
    ("The army arrested Sylvanian protesters.", "arrested:ASSAULT:---MIL->SYL:asserted"),
    # event nouns
    ("Freedonia's barrage of rockets hit Sylvania.", "barrage:ASSAULT:FRE->:asserted"),
    ("The strike on Sylvania by Freedonia failed.", "strike:ASSAULT:FRE->SYL:asserted"),
    ("The Freedonian air strike on Sylvania failed.", "air strike:ASSAULT:FRE->SYL:asserted"),
    ("Freedonia launched an attack on Sylvania.", "attack:ASSAULT:FRE->SYL:asserted"),
    ("Freedonia carried out a raid against Sylvania.", "raid:ASSAULT:FRE->SYL:asserted"),
    ("Freedonia held talks with Sylvania.", "talks:CONSULT:FRE->SYL:asserted"),
    ("Freedonia issued a statement.", "statement:STATEMENT:FRE->:asserted"),
    ("The assassination of Minister Okafor by Freedonia shocked the region.",
     "assassination:ASSAULT:FRE->SYLGOV:asserted"),
    ("President Adams's phone call with Minister Okafor was short.",
     "phone call:CONSULT:FREGOV->SYLGOV:asserted"),
    # modality
    ("Sylvania said Freedonia attacked its border.", "attacked:ASSAULT:FRE->:reported"),
    ("Freedonia attacked Sylvania, Ruritanian officials said.",
     "attacked:ASSAULT:FRE->SYL:reported"),
    ("According to the UN, Freedonia attacked Sylvania.", "attacked:ASSAULT:FRE->SYL:reported"),
    ("Freedonia reportedly attacked Sylvania.", "attacked:ASSAULT:FRE->SYL:hedged"),
    ("Freedonia may have attacked Sylvania.", "attacked:ASSAULT:FRE->SYL:hedged"),
    ("Freedonia appears to have attacked Sylvania.", "attacked:ASSAULT:FRE->SYL:hedged"),
    ("Freedonia denied that it had attacked Sylvania.", "attacked:ASSAULT:->SYL:denied"),
    ("Freedonia denied attacking Sylvania.", "attacking:ASSAULT:FRE->SYL:denied"),
    ("Freedonia said it did not attack Sylvania.", "attack:ASSAULT:FRE->SYL:denied:neg"),
    ("Freedonia did not attack Sylvania.", "attack:ASSAULT:FRE->SYL:asserted:neg"),
    ("Freedonia never attacked Sylvania.", "attacked:ASSAULT:FRE->SYL:asserted:neg"),
    ("If Freedonia attacked Sylvania, Ruritania would respond.",
     "attacked:ASSAULT:FRE->SYL:hypothetical"),
    ("Freedonia would attack Sylvania.", "attack:ASSAULT:FRE->SYL:hypothetical"),
    ("Freedonia will attack Sylvania.", "attack:ASSAULT:FRE->SYL:future"),
    ("Freedonia plans to attack Sylvania.", "attack:ASSAULT:FRE->SYL:future"),
    ("Freedonia is going to attack Sylvania.", "attack:ASSAULT:FRE->SYL:future"),
    ("Freedonia should attack Sylvania.", "attack:ASSAULT:FRE->SYL:called_for"),
    ("Freedonia must stop arming Sylvania.", "arming:AID:FRE->SYL:called_for"),
    ("President Adams urged Sylvania to attack Ruritania.",
     "attack:ASSAULT:SYL->RUR:called_for"),
    ("Ruritania called for strikes against Sylvania.", "strikes:ASSAULT:->SYL:called_for"),
    # a wish for someone else's act calls for it
    ("Freedonia wants Sylvania to attack Ruritania.", "attack:ASSAULT:SYL->RUR:called_for"),
    # a reported "would" with no condition is the reported "will"
    ("Freedonia announced it would free Sylvanian prisoners.", "free:CONCEDE:FRE->SYL:future"),
    ("Sylvania said it would attack Ruritania if Freedonia invaded.",
     "attack:ASSAULT:SYL->RUR:hypothetical"),
    # an unlinked "it"/"they" reporting its own act is the reporter
    ("Freedonia and Sylvania said they will attack Ruritania.",
     "attack:ASSAULT:FRE,SYL->RUR:future"),
    # a weapon as the agent of a passive: whoever fired it
    ("Sylvania was struck by a missile fired by the rebels.",
     "struck:ASSAULT:---REB->SYL:asserted"),
    # "received X from Y": Y is the other party
    ("The rebels received weapons from Sylvania.", "received:AID:---REB->SYL:asserted"),
    # "for" on a verb with an object names who it is for
    ("Freedonia issued arrest warrants for two Sylvanian men.",
     "issued:COERCE:FRE->SYL:asserted"),
    # a verb pattern naming another kind of event than its object noun wins
    ("President Adams ordered an investigation against Sylvania.",
     "ordered:REQUEST:FREGOV->SYL:asserted"),
    ("The rebels planned the attack on Sylvania.", "attack:ASSAULT:---REB->SYL:asserted"),
    # a meeting with its place but no named partner is still a meeting
    ("President Adams will attend a summit in Ruritania.", "attend:CONSULT:FREGOV->:future"),
]


@pytest.mark.parametrize(("sentence", "expected"), CASES)
def test_events_extract_actor_action_target_mode(sentence: str, expected: str) -> None:
    article, events = events_of(sentence)
    seen = [describe(article, e) for e in events]
    assert expected in seen, f"{expected} not in {seen}"


@pytest.mark.parametrize(
    ("sentence", "trigger", "absent"),
    [
        ("The minister said the weather was fine.", None, "said"),
        ("Freedonia took many of the rockets out of the sky.", None, "took"),
        ("The soldier was killed in an accident.", None, "killed"),
        ("Freedonia and Sylvania talked about football.", None, "talked"),
        ("Freedonia plans to attack Sylvania.", "attack", "plans"),
        ("Freedonia launched an attack on Sylvania.", "attack", "launched"),
        ("President Adams ordered an investigation against Sylvania.", "ordered",
         "investigation"),
    ],
)
def test_events_extract_leaves_out_non_events(sentence: str, trigger: str | None,
                                              absent: str) -> None:
    article, events = events_of(sentence)
    triggers = [article.span_text(e.trigger) for e in events]
    assert absent not in triggers
    if trigger:
        assert trigger in triggers


def test_events_extract_offsets_point_into_the_article() -> None:
    text = "Late news. On Saturday, Freedonia shelled Sylvanian positions in Damascus."
    article, events = events_of(text)
    (event,) = events
    assert text[event.trigger.start:event.trigger.end] == "shelled"
    assert text[event.sentence.start:event.sentence.end] == text[11:]
    assert text[event.date_span.start:event.date_span.end] == "Saturday"
    assert text[event.location_span.start:event.location_span.end] == "Damascus"
    assert [text[m.span.start:m.span.end] for m in event.source] == ["Freedonia"]
    assert event.id.startswith(article.id)
