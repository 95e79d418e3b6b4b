"""What every reader shares: the :class:`Context` of one input and how an :class:`Article` is built.

A reader turns the bytes or text of one input into a list of *outcomes*, one per article the input
holds: an :class:`~manysides.model.Article`, or an :class:`~manysides.model.IngestFailure` for a
part that could not be read (a bad line of a JSON Lines file, an empty feed entry). A reader that
cannot read the input at all raises an :class:`~manysides.errors.IngestError` instead.

Precedence of metadata, most specific first: a sidecar file, the input's own metadata (page meta
tags, record fields, feed entries), the user's ``outlet``/``published`` arguments, what the text
itself shows (a dateline), and otherwise nothing: an outlet or a date is never invented.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TypeAlias

from manysides.config import Config
from manysides.model import Article, DateSource, IngestFailure, SourceKind

__all__ = ["Context", "Outcome", "build_article", "number_parts"]

#: What a reader yields for each article an input holds.
Outcome: TypeAlias = Article | IngestFailure


@dataclass(frozen=True, slots=True)
class Context:
    """One input being read: where it came from and what the user said about it."""

    source: str  # path, URL or "<stdin>": becomes Article.source and IngestFailure.source
    kind: SourceKind
    config: Config
    outlet: str | None = None  # fallback outlet: the user's argument (or a fetched URL's domain)
    published: datetime | None = None  # fallback date given by the user (timezone-aware)
    url: str | None = None  # the URL a fetched input was finally read from

    def with_kind(self, kind: SourceKind) -> Context:
        return replace(self, kind=kind)

    def failure(self, reason: str, *, where: str = "") -> IngestFailure:
        """A failure of one part of this input (``where`` is ``":17"`` or ``"#3"``)."""
        return IngestFailure(source=f"{self.source}{where}", reason=reason)


def build_article(
    text: str,
    ctx: Context,
    *,
    title: str | None = None,
    description: str | None = None,
    authors: Sequence[str] = (),
    outlet: str | None = None,
    url: str | None = None,
    published: datetime | None = None,
    published_source: DateSource = DateSource.METADATA,
    language: str | None = None,
) -> Article:
    """An article from a reader's findings, with the context's fallbacks filled in.

    ``published_source`` says where ``published`` came from when it is given; without a date the
    user's ``published`` argument is used (:attr:`DateSource.USER`), else the date stays ``None``.
    """
    if published is None and ctx.published is not None:
        published, published_source = ctx.published, DateSource.USER
    if published is None:
        published_source = DateSource.UNKNOWN
    return Article.create(
        text,
        title=_clean(title),
        description=_clean(description),
        url=_clean(url),
        outlet=_clean(outlet) or ctx.outlet,
        authors=[name for name in (_clean(a) for a in authors) if name],
        published=published,
        published_source=published_source,
        language=_clean(language),
        source_kind=ctx.kind,
        source=ctx.source,
    )


def number_parts(outcomes: list[Outcome], source: str) -> list[Outcome]:
    """Suffix ``#n`` to the source of each article when an input holds more than one part."""
    if len(outcomes) > 1:
        for number, outcome in enumerate(outcomes, start=1):
            if isinstance(outcome, Article):
                outcome.source = f"{source}#{number}"
    return outcomes


def _clean(value: object) -> str | None:
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None
