"""Helpers for the actor-linking tests: link a hand-written article and look mentions up."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from manysides.model import Article, Mention

APRIL_2024 = datetime(2024, 4, 14, 9, 0)


def link(
    nlp: Any, text: str, published: datetime | None = APRIL_2024, extra: Path | None = None
) -> list[Mention]:
    """Parse ``text`` and link its actors; every mention's offsets are checked on the way."""
    from manysides.nlp.actors import link_actors

    article = Article.create(text, published=published)
    mentions = link_actors(nlp(text), article, extra=extra)
    for mention in mentions:
        assert article.text[mention.span.start : mention.span.end] == mention.text, mention
        if mention.resolved_from is not None:
            assert mention.resolved_from.end <= mention.span.start or (
                mention.resolved_from.start >= mention.span.end
            )
    assert [m.span.start for m in mentions] == sorted(m.span.start for m in mentions)
    return mentions


def find(mentions: list[Mention], text: str, nth: int = 0) -> Mention:
    """The ``nth`` mention whose text is exactly ``text`` (fails listing what there is)."""
    matching = [m for m in mentions if m.text == text]
    assert len(matching) > nth, f"no mention {text!r} (#{nth}) in {[m.text for m in mentions]}"
    return matching[nth]


def codes(mentions: list[Mention]) -> dict[str, str | None]:
    """Mention text -> actor code (the last one wins when a text repeats)."""
    return {m.text: m.actor for m in mentions}


def antecedent(text: str, mention: Mention) -> str | None:
    """The words ``resolved_from`` points to."""
    if mention.resolved_from is None:
        return None
    return text[mention.resolved_from.start : mention.resolved_from.end]
