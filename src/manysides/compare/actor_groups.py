"""Which mentions count as one actor, and what to call it, wherever sentiment toward an actor
is summed up (an article's framing panel, an outlet's profile, a story's heatmap).

Actor codes are CAMEO's: a head of government shares the code of the government
(``FRAGOV`` is the president, the prime minister, "the government" and "the Elysee" alike),
which is right for who-did-what-to-whom but not for "how does this outlet treat the president".
So mentions are grouped by code, and within a code a named person (a name that some mention in
the same set labels PERSON, pronouns resolved to them included) is an actor of their own. A
group is called by the one name its mentions carry, unless they carry several (an office:
"the Elysee", "Paris", "the government") or another group goes by that name too ("France" for
``FRA`` and for ``FRAGOV``'s "the French cabinet"): then by what its code means ("France
government").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Container, Iterable, Mapping, Sequence

from manysides.model import Mention
from manysides.nlp.codes import describe_code

__all__ = ["ActorKey", "actor_key", "group_names", "person_names", "readable_actor"]

#: (actor code, or the name / words as written when unlinked; the person's name or None)
ActorKey = tuple[str, str | None]

#: What an actor code looks like (``ISR``, ``---GOV``, ``PSEREBHMS``); names never do.
_CODE = re.compile(r"[A-Z-]{3}(?:[A-Z]{3})*")


def person_names(mentions: Iterable[Mention]) -> set[str]:
    """Names some mention labels PERSON: these are actors apart from their office's code."""
    return {m.name for m in mentions if m.name and m.label == "PERSON"}


def actor_key(mention: Mention, persons: Container[str]) -> ActorKey | None:
    """The group ``mention`` counts in (None for a mention with no words)."""
    base = mention.actor or mention.name or mention.text.strip()
    if not base:
        return None
    person = mention.name if mention.actor and mention.name in persons else None
    return base, person


def group_names(groups: Mapping[ActorKey, Sequence[Mention]]) -> dict[ActorKey, str]:
    """A reader's name for each group (see the module's docstring)."""
    plain: dict[ActorKey, str] = {}
    for key, mentions in groups.items():
        if key[1] is not None:
            plain[key] = key[1]
            continue
        names = list(dict.fromkeys(m.name for m in mentions if m.name))
        # one name throughout (an armed group's); several (a seat, the country, an office
        # holder labelled ORG) mean the office itself, called by its code
        plain[key] = names[0] if len(names) == 1 else readable_actor(key[0])
    taken = Counter(plain.values())
    return {key: (readable_actor(key[0]) if taken[name] > 1 and key[1] is None
                  and _CODE.fullmatch(key[0]) else name)
            for key, name in plain.items()}


def readable_actor(key: str) -> str:
    """``key`` as a reader can take it: an actor code (an actor linked by code only, a
    speaker keyed by its code) by what it means, with the country named ("IRNGOV" ->
    "Iran government"); any other key as it is."""
    if not _CODE.fullmatch(key):
        return key
    return describe_code(key, _country_name)


def _country_name(code: str) -> str | None:
    from manysides.nlp.gazetteer import load_gazetteer

    country = load_gazetteer().country(code)
    return country.name if country else None
