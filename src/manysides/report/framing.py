"""What the report shows about how one article tells its story: the role of each sentence, who
it quotes, its loaded and framing words, its sentiment toward each actor (and the acts of force
it tells of each carrying out and suffering), and its lean with the sentences behind it. Every
item is a highlight in the article text with an anchor to link to.

Built from what the stages left on the article (``claims``, ``quotes``, ``framing``, ``lean``,
``genre``, ``events`` and each mention's ``sentiment``); an article a stage did not reach shows
nothing of it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from manysides.compare.actor_groups import (
    ActorKey,
    actor_key,
    group_names,
    person_names,
    readable_actor,
)
from manysides.compare.agency import ForceRoles, force_roles
from manysides.model import Article, Attribution, Event, Mention, Span
from manysides.report.spans import Highlight

__all__ = [
    "ROLE_LABELS",
    "ActorSentiment",
    "ArticleFraming",
    "Link",
    "QuoteRow",
    "TermRow",
    "article_framing",
    "shorten",
]

#: How each sentence role is named in the report (and the order of the legend).
ROLE_LABELS = {
    "fact": "reported fact",
    "opinion": "opinion",
    "prescription": "prescription",
    "prediction": "prediction",
    "question": "question",
}
_Valid = Callable[[Span | None], bool]  # is this span inside the text (and not empty)?
_Words = Callable[[Span], str]  # the words of a span, shortened

#: A mention whose sentiment score is at least this far from zero counts as "strongest".
STRONG = 0.25


@dataclass(slots=True)
class Link:
    """A link to a highlighted passage: its anchor, the words (shortened) and a tooltip."""

    anchor: str
    text: str
    title: str = ""


@dataclass(slots=True)
class ActorSentiment:
    """An article's sentiment toward one actor, over the mentions that were read."""

    actor: str
    name: str
    mentions: int
    read: int
    mean: float | None
    polarity: str  # negative | neutral | positive | mixed | unread
    negative: list[Link] = field(default_factory=list)  # strongest negative mentions
    positive: list[Link] = field(default_factory=list)
    # acts of force the article tells of the actor carrying out / suffering (event table rows)
    force_by: list[Link] = field(default_factory=list)
    force_on: list[Link] = field(default_factory=list)


@dataclass(slots=True)
class QuoteRow:
    """One attribution: who, with which cue, says what (the content is the link)."""

    anchor: str
    speaker: str  # the source words as written ("a U.S. official"), or "unnamed"
    actor: str | None  # who it was linked to, when linked
    cue: str
    content: str  # shortened
    direct: bool
    actor_name: str | None = None  # the actor as a reader can take it ("IRNGOV": "Iran government")


@dataclass(slots=True)
class TermRow:
    """A loaded or framing word the article uses, with every place it occurs."""

    lemma: str
    kind: str  # loaded | act-verb | act-noun
    act: str | None
    places: list[Link]


@dataclass(slots=True)
class ArticleFraming:
    """Everything the report shows about one article's framing, and the highlights behind it."""

    outer: list[Highlight] = field(default_factory=list)  # sentence-level: roles, quotes
    inner: list[Highlight] = field(default_factory=list)  # word-level: loaded, framing, sentiment
    roles: list[tuple[str, str, int]] = field(default_factory=list)  # (role, label, sentences)
    checkworthy: list[Link] = field(default_factory=list)  # most check-worthy sentences
    lean_label: str | None = None
    lean_scores: list[tuple[str, float]] = field(default_factory=list)
    lean_terms: list[str] = field(default_factory=list)
    lean_evidence: list[tuple[Link, float]] = field(default_factory=list)
    genre: str | None = None
    genre_basis: list[tuple[str, str]] = field(default_factory=list)
    actors: list[ActorSentiment] = field(default_factory=list)
    quotes: list[QuoteRow] = field(default_factory=list)
    terms: list[TermRow] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.roles or self.lean_label or self.genre or self.actors or self.quotes
                    or self.terms)


def shorten(text: str, limit: int = 140) -> str:
    """``text`` on one line, cut at a word boundary with an ellipsis when longer than ``limit``."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[:limit].rsplit(" ", 1)[0]
    return cut + "…"


def article_framing(article: Article, anchor: str) -> ArticleFraming:
    """The framing panel and highlights of ``article``; ids start with ``anchor``."""
    text = article.text
    out = ArticleFraming()

    def valid(span: Span | None) -> bool:
        return span is not None and span.end <= len(text) and span.start < span.end

    def words(span: Span) -> str:
        return shorten(span.of(text))

    # sentences, coloured by role
    sentence_anchor: dict[Span, str] = {}
    role_counts: Counter[str] = Counter()
    for number, claim in enumerate(article.claims, 1):
        if not valid(claim.span):
            continue
        label = ROLE_LABELS.get(claim.role, claim.role)
        role_counts[claim.role] += 1
        parts = [label]
        if claim.checkworthy is not None:
            parts.append(f"check-worthy {claim.checkworthy:.2f}")
        if claim.loaded is not None:
            parts.append(f"loaded language {claim.loaded:.2f}")
        sentence_anchor[claim.span] = f"{anchor}-c{number}"
        role_class = claim.role if claim.role in ROLE_LABELS else "other"
        out.outer.append((claim.span, f"role role-{role_class}", f"{anchor}-c{number}",
                          " · ".join(parts)))
    out.roles = [(role, label, role_counts[role]) for role, label in ROLE_LABELS.items()
                 if role_counts[role]]
    out.roles += [(role, role, n) for role, n in sorted(role_counts.items())
                  if role not in ROLE_LABELS]
    worthy = sorted((c for c in article.claims if valid(c.span) and c.checkworthy is not None
                     and c.role == "fact"), key=lambda c: -(c.checkworthy or 0.0))[:3]
    out.checkworthy = [Link(sentence_anchor[c.span], words(c.span),
                            f"check-worthy {c.checkworthy:.2f}") for c in worthy]

    _quotes(article, anchor, out, valid, words)
    loaded_anchor = _loaded(article, anchor, out, valid)
    _terms(article, anchor, out, valid, words, loaded_anchor)
    _sentiment(article, anchor, out, valid, words)
    _lean(article, anchor, out, valid, words, sentence_anchor)
    return out


def _quotes(article: Article, anchor: str, out: ArticleFraming, valid: _Valid,
            words: _Words) -> None:
    for number, quote in enumerate(article.quotes, 1):
        if not valid(quote.content):
            continue
        qa = f"{anchor}-q{number}"
        speaker = words(quote.source) if quote.source is not None and valid(quote.source) \
            else "unnamed"
        who = _speaker_title(quote, speaker)
        out.outer.append((quote.content, "quote direct" if quote.direct else "quote", qa,
                          f"{'quoted' if quote.direct else 'reported'}: {who}"))
        if quote.source is not None and valid(quote.source):
            out.inner.append((quote.source, "speaker", f"{qa}-s", f"source of quote {number}"))
        cue = words(quote.cue) if quote.cue is not None and valid(quote.cue) else ""
        out.quotes.append(QuoteRow(qa, speaker, quote.speaker, cue, words(quote.content),
                                   quote.direct,
                                   readable_actor(quote.speaker) if quote.speaker else None))


def _speaker_title(quote: Attribution, speaker: str) -> str:
    linked = readable_actor(quote.speaker) if quote.speaker else None
    if linked and linked.casefold() != speaker.casefold():
        return f"{speaker} → {linked}"
    return speaker


def _loaded(article: Article, anchor: str, out: ArticleFraming, valid: _Valid) -> dict[Span, str]:
    spans: dict[Span, str] = {}
    for claim in article.claims:
        for span in claim.loaded_spans:
            if valid(span) and span not in spans:
                spans[span] = f"{anchor}-w{len(spans) + 1}"
                score = f" (sentence {claim.loaded:.2f})" if claim.loaded is not None else ""
                out.inner.append((span, "loaded", spans[span], f"loaded language{score}"))
    return spans


def _terms(article: Article, anchor: str, out: ArticleFraming, valid: _Valid, words: _Words,
           loaded_anchor: dict[Span, str]) -> None:
    grouped: dict[tuple[str, str, str | None], list[Link]] = defaultdict(list)
    framed: dict[Span, str] = {}
    for term in article.framing:
        if not valid(term.span):
            continue
        if term.kind == "loaded" and term.span in loaded_anchor:
            target = loaded_anchor[term.span]
        elif term.span in framed:
            target = framed[term.span]
        else:
            target = framed[term.span] = f"{anchor}-f{len(framed) + 1}"
            if term.kind == "loaded":
                title = "loaded language"
            else:
                who = " ".join(p for p in (
                    f"by {term.source}" if term.source else "",
                    f"on {term.target}" if term.target else "") if p)
                title = f"word for {term.act or 'an act'}" + (f" {who}" if who else "")
            out.inner.append((term.span, "loaded" if term.kind == "loaded" else "frame",
                              target, title))
        grouped[(term.lemma, term.kind, term.act)].append(
            Link(target, words(term.span), words(term.sentence) if term.sentence else ""))
    covered = {term.span for term in article.framing if term.kind == "loaded"}
    for span, target in loaded_anchor.items():
        if span not in covered:  # loaded words the framing stage did not list as terms
            grouped[(span.of(article.text).casefold(), "loaded", None)].append(
                Link(target, words(span)))
    rows = [TermRow(lemma, kind, act, links) for (lemma, kind, act), links in grouped.items()]
    kind_order = {"loaded": 0, "act-noun": 1, "act-verb": 2}
    rows.sort(key=lambda r: (kind_order.get(r.kind, 3), -len(r.places), r.lemma))
    out.terms = rows


def _sentiment(article: Article, anchor: str, out: ArticleFraming, valid: _Valid,
               words: _Words) -> None:
    persons = person_names(article.mentions)
    keys = [actor_key(mention, persons) for mention in article.mentions]
    by_actor: dict[ActorKey, list[tuple[int, Mention]]] = defaultdict(list)
    for number, (mention, key) in enumerate(zip(article.mentions, keys, strict=True), 1):
        if key is not None:
            by_actor[key].append((number, mention))
    names = group_names({key: [m for _, m in items] for key, items in by_actor.items()})
    for number, (mention, key) in enumerate(zip(article.mentions, keys, strict=True), 1):
        if key is not None and mention.sentiment and valid(mention.span):
            score = mention.sentiment_score
            shown = f" ({score:+.2f})" if score is not None else ""
            out.inner.append((mention.span, f"sent sent-{mention.sentiment}",
                              f"{anchor}-t{number}",
                              f"{mention.sentiment} toward {names[key]}{shown}"))
    force = force_roles(article.events, persons)
    rows = []
    for key, items in by_actor.items():
        read = [(n, m) for n, m in items if m.sentiment_score is not None and valid(m.span)]
        mean = sum(m.sentiment_score or 0.0 for _, m in read) / len(read) if read else None
        ordered = sorted(read, key=lambda item: item[1].sentiment_score or 0.0)
        negative = [_mention_link(anchor, n, m, words) for n, m in ordered
                    if (m.sentiment_score or 0.0) <= -STRONG][:3]
        positive = [_mention_link(anchor, n, m, words) for n, m in reversed(ordered)
                    if (m.sentiment_score or 0.0) >= STRONG][:3]
        acts = force.get(key, ForceRoles())
        rows.append(ActorSentiment(key[0], names[key], len(items), len(read), mean,
                                   _polarity(mean, bool(negative), bool(positive)),
                                   negative, positive, _event_links(anchor, acts.by, words),
                                   _event_links(anchor, acts.on, words)))
    rows.sort(key=lambda r: (-r.mentions, r.name))
    out.actors = [r for r in rows if r.read][:12]


def _event_links(anchor: str, acts: list[tuple[int, Event]], words: _Words) -> list[Link]:
    """Links to the rows of the article's events table (numbered from 1, as it numbers them)."""
    return [Link(f"{anchor}-e{index + 1}", words(event.sentence), words(event.trigger))
            for index, event in acts]


def _mention_link(anchor: str, number: int, mention: Mention, words: _Words) -> Link:
    score = mention.sentiment_score or 0.0
    return Link(f"{anchor}-t{number}", mention.text.strip(), f"{score:+.2f}")


def _polarity(mean: float | None, negative: bool, positive: bool) -> str:
    if mean is None:
        return "unread"
    if negative and positive and abs(mean) < STRONG:
        return "mixed"
    if mean <= -STRONG / 2:
        return "negative"
    if mean >= STRONG / 2:
        return "positive"
    return "neutral"


def _lean(article: Article, anchor: str, out: ArticleFraming, valid: _Valid, words: _Words,
          sentence_anchor: dict[Span, str]) -> None:
    if article.genre:
        out.genre = article.genre
        basis = article.genre_basis
        shown = []
        if "opinion_share" in basis:
            shown.append(("opinion sentences", f"{basis['opinion_share']:.0%}"))
        if "quote_density" in basis:
            shown.append(("sentences with a quote", f"{basis['quote_density']:.0%}"))
        if "first_person" in basis:
            shown.append(("first person per sentence", f"{basis['first_person']:.2f}"))
        if "words" in basis:
            shown.append(("words", f"{int(basis['words']):,}"))
        out.genre_basis = shown
    lean = article.lean
    if lean is None:
        return
    out.lean_label = lean.label
    out.lean_scores = sorted(lean.scores.items(), key=lean_order)
    out.lean_terms = list(lean.terms[:8])
    for number, item in enumerate(lean.evidence[:4], 1):
        if not valid(item.span):
            continue
        target = sentence_anchor.get(item.span)
        if target is None:
            target = f"{anchor}-l{number}"
            out.outer.append((item.span, "lean-ev", target,
                              f"evidence for {lean.label} ({item.weight:+.2f})"))
        title = ", ".join(item.terms[:5])
        out.lean_evidence.append((Link(target, words(item.span), title), item.weight))


def lean_order(item: tuple[str, float]) -> int:
    """Sort key putting lean labels left, center, right (any other after)."""
    order = {"left": 0, "center": 1, "right": 2}
    return order.get(item[0], 3)


def role_counts(articles: Iterable[Article]) -> Counter[str]:
    """Sentences per role over ``articles`` (for the overview)."""
    return Counter(claim.role for article in articles for claim in article.claims)
