"""Per-outlet profile: who an outlet covers and how, how much it argues, the words it picks,
whom it quotes, its lean and its genre, each number with the places in the text behind it.

Articles are grouped by :func:`~manysides.compare.contrast.outlet_of` (the outlet, else the
article id, so two unknown sources are never merged), and shown under their outlet's name or,
when unknown, their source file name. Everything is read from what the stages left on the
articles (mentions with sentiment, claims, framing terms, quotes, lean, genre): nothing is
re-computed here.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import PurePath

from manysides.compare.actor_groups import ActorKey, actor_key, group_names, person_names
from manysides.compare.agency import ForceRoles, force_roles
from manysides.compare.contrast import outlet_of
from manysides.model import (
    Article,
    ForceCite,
    Mention,
    OutletActor,
    OutletProfile,
    OutletQuoted,
    OutletTerm,
    SentimentCite,
    Span,
)

__all__ = ["CITES", "mean_lean", "outlet_label", "outlet_profiles"]

#: How many mentions are cited behind each mean sentiment (the strongest, both signs).
CITES = 6
#: How many places are kept behind each term or quoted speaker.
PLACES = 10
#: Roles that are the writer's own voice rather than reporting.
OPINION_ROLES = frozenset({"opinion", "prescription", "prediction", "question"})


def outlet_label(article: Article) -> str:
    """What to call an article's outlet: its name, else its source file name, else its id."""
    if article.outlet:
        return article.outlet
    if article.source:
        path, _, part = article.source.partition("#")
        name = PurePath(path).name or path
        return f"{name}#{part}" if part else name
    return article.id


def outlet_profiles(articles: Sequence[Article]) -> list[OutletProfile]:
    """One profile per outlet among ``articles``, in the order outlets first appear."""
    groups: dict[str, list[Article]] = {}
    for article in articles:
        groups.setdefault(outlet_of(article), []).append(article)
    return [_profile(outlet, own) for outlet, own in groups.items()]


def _profile(outlet: str, articles: list[Article]) -> OutletProfile:
    labels = list(dict.fromkeys(outlet_label(a) for a in articles))
    roles = Counter(c.role for a in articles for c in a.claims)
    total = sum(roles.values())
    opinion = sum(n for role, n in roles.items() if role in OPINION_ROLES)
    lean_scores = mean_lean([a.lean.scores for a in articles if a.lean is not None])
    genres = Counter(a.genre for a in articles if a.genre)
    return OutletProfile(
        outlet=outlet,
        label=" / ".join(labels),
        articles=[a.id for a in articles],
        actors=_actors(articles),
        roles=dict(sorted(roles.items())),
        opinion_share=round(opinion / total, 4) if total else 0.0,
        reporting_share=round((total - opinion) / total, 4) if total else 0.0,
        terms=_terms(articles),
        quoted=_quoted(articles),
        lean=max(lean_scores, key=lambda k: lean_scores[k]) if lean_scores else None,
        lean_scores={k: round(v, 4) for k, v in sorted(lean_scores.items())},
        genre=genres.most_common(1)[0][0] if genres else None,
        genres=dict(genres),
    )


def mean_lean(scores: Sequence[Mapping[str, float]]) -> dict[str, float]:
    """An outlet's lean from its articles': the mean of their probabilities (a label missing
    from one article counts 0 there); empty when no article has a lean.

    Each article's lean is read from its own text; pooled over an outlet's articles they
    estimate the outlet's. ``benchmarks/quality.py`` scores this pooling on the lean dev set
    (outlets unseen in training) beside the article-level score."""
    pooled: dict[str, float] = {}
    for one in scores:
        for label, p in one.items():
            pooled[label] = pooled.get(label, 0.0) + p / len(scores)
    return pooled


def _sentence(article: Article, span: Span) -> Span:
    for claim in article.claims:
        if claim.span.start <= span.start < claim.span.end:
            return claim.span
    return span


def _actors(articles: list[Article]) -> list[OutletActor]:
    """The actors the articles mention, grouped as :mod:`~manysides.compare.actor_groups`
    says (a named person apart from their office's code), with the mean sentiment read and
    the acts of force told of them (:mod:`~manysides.compare.agency`)."""
    persons = person_names(m for a in articles for m in a.mentions)
    groups: dict[ActorKey, list[Mention]] = {}
    cites: dict[ActorKey, list[SentimentCite]] = {}
    force: dict[ActorKey, list[ForceCite]] = {}
    for article in articles:
        for group, roles in force_roles(article.events, persons).items():
            force.setdefault(group, []).extend(_force_cites(article, roles))
        for mention in article.mentions:
            key = actor_key(mention, persons)
            if key is None:
                continue
            groups.setdefault(key, []).append(mention)
            if mention.sentiment_score is not None:
                cites.setdefault(key, []).append(SentimentCite(
                    article=article.id, span=mention.span,
                    sentence=_sentence(article, mention.span),
                    score=mention.sentiment_score, polarity=mention.sentiment or "neutral",
                ))
    names = group_names(groups)
    found = []
    for key, mentions in groups.items():
        actor = OutletActor(actor=key[0], name=names[key], mentions=len(mentions))
        found.append(actor)
        read = cites.get(key, [])
        if read:
            actor.sentiment = round(sum(c.score for c in read) / len(read), 4)
            actor.cites = _strongest(read)
        acts = force.get(key, [])
        actor.force_by = sum(c.side == "by" for c in acts)
        actor.force_on = len(acts) - actor.force_by
        actor.force_cites = _alternate(acts)
    return sorted(found, key=lambda a: (-a.mentions, a.actor, a.name or ""))


def _force_cites(article: Article, roles: ForceRoles) -> list[ForceCite]:
    return [ForceCite(article=article.id, event=event.id, trigger=event.trigger,
                      sentence=event.sentence, side=side, type=event.type)
            for side, acts in (("by", roles.by), ("on", roles.on)) for _, event in acts]


def _alternate(acts: list[ForceCite]) -> list[ForceCite]:
    """Up to :data:`CITES` acts, the two sides taken in turn (in text order within each), so
    a reader sees both when there are both."""
    sides = [[c for c in acts if c.side == "by"], [c for c in acts if c.side == "on"]]
    out: list[ForceCite] = []
    while len(out) < CITES and any(sides):
        for side in sides:
            if side and len(out) < CITES:
                out.append(side.pop(0))
    return out


def _strongest(cites: list[SentimentCite]) -> list[SentimentCite]:
    """The cites that weigh most on the mean: the strongest of each sign, alternately, so a
    reader sees both sides of a mixed mean."""
    negative = sorted((c for c in cites if c.score < 0), key=lambda c: c.score)
    positive = sorted((c for c in cites if c.score > 0), key=lambda c: -c.score)
    mean = sum(c.score for c in cites) / len(cites)
    first, second = (negative, positive) if mean < 0 else (positive, negative)
    out: list[SentimentCite] = []
    while len(out) < CITES and (first or second):
        for side in (first, first, second):  # two of the prevailing sign to one of the other
            if side and len(out) < CITES:
                out.append(side.pop(0))
    return out


def _terms(articles: list[Article]) -> list[OutletTerm]:
    found: dict[tuple[str, str, str | None], OutletTerm] = {}
    for article in articles:
        for term in article.framing:
            key = (term.lemma, term.kind, term.act)
            item = found.setdefault(key, OutletTerm(lemma=term.lemma, kind=term.kind,
                                                    act=term.act))
            item.count += 1
            if len(item.where) < PLACES:
                item.where.append((article.id, term.span))
    return sorted(found.values(), key=lambda t: (-t.count, t.kind, t.lemma))


def _speaker_kind(article: Article, source: Span | None) -> str:
    if source is None:
        return "unnamed"
    for mention in article.mentions:
        if source.overlaps(mention.span):
            return mention.sector or mention.label or "named"
    return "unnamed"


def _quoted(articles: list[Article]) -> list[OutletQuoted]:
    found: dict[str, OutletQuoted] = {}
    for article in articles:
        for quote in article.quotes:
            source = quote.source.of(article.text) if quote.source is not None else None
            speaker = quote.speaker or (" ".join(source.split()) if source else "unnamed")
            item = found.get(speaker)
            if item is None:
                item = found[speaker] = OutletQuoted(
                    speaker=speaker, kind=_speaker_kind(article, quote.source))
            item.count += 1
            item.direct += int(quote.direct)
            if len(item.where) < PLACES:
                item.where.append((article.id, quote.content))
    return sorted(found.values(), key=lambda q: (-q.count, q.speaker))
