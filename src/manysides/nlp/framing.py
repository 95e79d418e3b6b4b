"""Framing: how an article treats each actor, and the words it picks for acts and actors.

Two readings, both pointing back into the text:

* **Sentiment toward each actor mention** (:func:`mention_sentiment`): the target-dependent
  sentiment head (trained on NewsMTSC) reads the mention's own sentence with the mention marked,
  so "Iran attacked Israel" can be negative toward Iran and not toward Israel. All mentions of a
  batch of articles go to the head in one call; an actor named twice in one sentence is read
  once there (at its first mention), the sentence's sentiment toward that actor.
  ``Mention.sentiment`` gets the label and ``Mention.sentiment_score`` P(positive) −
  P(negative).

* **Framing terms** (:func:`framing_terms`), of three kinds:

  ``act-verb`` / ``act-noun``
      the trigger word of each event ("murdered", "struck", "strike", "assassination"), with
      the event's PLOVER type and its source and target actors, and event nouns of the verb
      lexicon that the event stage left without an event (no actors around them). Comparing
      these per act type across outlets shows who says "murdered" where others say "killed".
  ``loaded``
      the words of the loaded-word lexicon (learned from BABE's annotations, plus a curated
      general loaded vocabulary: ``scripts/train/loaded_words.py``; a plural of a curated word
      is matched by its singular) in the article's claims, and words of strong valence in
      VADER's lexicon (|valence| ≥ :data:`CHARGED_VALENCE`; a noun with no modifier ≥
      :data:`ALONE_VALENCE`) that are not act words. An adjective is kept with the noun it
      qualifies ("ruthless tyrants"), a noun with its compound modifier before it.

  Words inside a direct quotation are the speaker's, not the outlet's: they are left out.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from manysides.model import Article, Event, FramingTerm, Mention, Span
from manysides.nlp.claims import SentenceVectors

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = [
    "CHARGED_VALENCE",
    "framing_terms",
    "loaded_terms",
    "mention_sentiment",
    "read_targets",
    "sentence_of",
]

#: VADER valence (-4..4) from which a word counts as charged (VADER's own "strong" is ≥ 2).
CHARGED_VALENCE = 2.5
#: Parts of speech whose charged words are framing (not "no", "yes", interjections).
_CONTENT_POS = frozenset({"ADJ", "NOUN", "PROPN", "VERB", "ADV"})
#: A charged noun standing alone ("war", "peace") is as often the plain name of a thing as a
#: choice of words: alone, it needs this valence; with a modifier ("hate machine") the phrase
#: counts at :data:`CHARGED_VALENCE`.
ALONE_VALENCE = 3.0
#: Parts of speech of an event trigger's head that name an act.
_ACT_POS = frozenset({"VERB", "AUX", "NOUN", "PROPN", "ADJ"})
#: Sentences longer than this many characters are cut around the mention for the head
#: (the head reads a window of words around the target anyway).
_MAX_SENTENCE = 600


def sentence_of(span: Span, sentences: Sequence[Span]) -> Span | None:
    """The sentence (from ``sentences``, in text order) that holds ``span``'s start."""
    lo, hi = 0, len(sentences)
    while lo < hi:
        mid = (lo + hi) // 2
        if sentences[mid].end <= span.start:
            lo = mid + 1
        else:
            hi = mid
    if lo < len(sentences) and sentences[lo].start <= span.start:
        return sentences[lo]
    return None


def _target_item(text: str, sentence: Span, mention: Span) -> tuple[str, int, int]:
    start, end = mention.start, min(mention.end, sentence.end)
    lo, hi = sentence.start, sentence.end
    if hi - lo > _MAX_SENTENCE:
        lo = max(lo, start - _MAX_SENTENCE // 2)
        hi = min(hi, max(end, lo + _MAX_SENTENCE))
    return text[lo:hi], start - lo, end - lo


def read_targets(
    items: Sequence[tuple[str, int, int]], vectors: SentenceVectors | None = None
) -> list[tuple[str, dict[str, float]]]:
    """:func:`~manysides.nlp.heads.predict_sentiment` of ``items``, reusing the sentence and
    span and window vectors ``vectors`` already holds (the claims stage's encoder pass), so
    only sentences that pass did not read are encoded here."""
    from manysides.nlp import heads

    if not items:
        return []
    if vectors is None:
        return heads.predict_sentiment(items)

    def encode_spans(texts: list[str], spans: list[tuple[int, int]]) -> np.ndarray:
        d = vectors.vectors.shape[1] if len(vectors.vectors) else 384
        out = np.zeros((len(texts), 3 * d), dtype=np.float32)
        missing = []
        for i, (text, (a, b)) in enumerate(zip(texts, spans, strict=True)):
            parts = (vectors.sentence(text), vectors.span(text, a, b),
                     vectors.span(text, *heads.window_span(text, a, b)))
            if any(part is None for part in parts):
                missing.append(i)
            else:
                out[i] = np.hstack(parts)  # type: ignore[arg-type]
        if missing:  # sentences the claims pass did not read (too short, or cut)
            out[missing] = heads.target_vectors([texts[i] for i in missing],
                                                [spans[i] for i in missing])
        return out

    head = heads.load_head("sentiment")
    dense = heads.sentiment_dense(items, encode_spans=encode_spans,
                                  roles=bool(head.meta.get("roles", False)))
    probs = head.predict_proba([heads.target_window(*item) for item in items], dense)
    out = []
    for row in probs:
        scores = {c: round(float(p), 4) for c, p in zip(head.classes, row, strict=True)}
        out.append((head.classes[int(np.argmax(row))], scores))
    return out


def mention_sentiment(
    articles: Sequence[Article],
    sentences: Sequence[Sequence[Span]] | None = None,
    vectors: SentenceVectors | None = None,
) -> None:
    """Fill ``sentiment`` and ``sentiment_score`` of every mention of ``articles``.

    ``sentences`` are each article's sentence spans (its claims' spans by default);
    ``vectors`` the claims stage's encoder pass, when at hand (see :func:`read_targets`).
    """
    items: dict[tuple[str, int, int], int] = {}
    wanted: list[tuple[Mention, tuple[str, int, int]]] = []
    for i, article in enumerate(articles):
        spans = list(sentences[i]) if sentences is not None else [c.span for c in article.claims]
        read: dict[tuple[int, str], tuple[str, int, int]] = {}  # (sentence, actor) -> item
        for mention in article.mentions:
            sentence = sentence_of(mention.span, spans)
            if sentence is None or not article.text[mention.span.start:mention.span.end].strip():
                continue
            # the sentiment toward an actor in a sentence: one reading per actor and sentence
            actor = mention.actor or mention.name or mention.text.lower()
            item = read.get((sentence.start, actor))
            if item is None:
                item = read[(sentence.start, actor)] = _target_item(
                    article.text, sentence, mention.span)
                items.setdefault(item, len(items))
            wanted.append((mention, item))
    readings = read_targets(list(items), vectors)
    for mention, item in wanted:
        label, scores = readings[items[item]]
        mention.sentiment = label
        score = scores.get("positive", 0.0) - scores.get("negative", 0.0)
        mention.sentiment_score = round(score, 4)


def _who(mentions: Sequence[Mention]) -> str | None:
    for mention in mentions:
        return mention.actor or mention.name or mention.text
    return None


def _quoted(span: Span, quotes: Sequence[Span]) -> bool:
    return any(q.contains(span) for q in quotes)


def _lemma(tokens: Sequence[Token]) -> str:
    return "".join((t.lemma_.lower() if t.pos_ in ("VERB", "NOUN", "AUX") else t.lower_)
                   + t.whitespace_ for t in tokens).strip()


def _phrase(token: Token) -> list[Token]:
    """The framing phrase around a charged word: an adjective with the noun it qualifies
    ("ruthless tyrants"), a noun with the compound modifier just before it ("hate machine"),
    a compound modifier with its head noun."""
    head = token.head
    if token.dep_ in ("amod", "compound") and head.pos_ in ("NOUN", "PROPN") \
            and token.i < head.i <= token.i + 2:
        return list(token.doc[token.i : head.i + 1])
    if token.pos_ in ("NOUN", "PROPN"):
        left = [c for c in token.children if c.dep_ == "compound" and c.i == token.i - 1]
        if left:
            return [left[0], token]
    return [token]


def _act_terms(article: Article, doc: Doc, quotes: Sequence[Span],
               sentences: Sequence[Span]) -> list[FramingTerm]:
    out: list[FramingTerm] = []
    seen: set[tuple[int, int]] = set()
    for event in article.events:
        term = _event_term(article, doc, event, quotes)
        if term is not None and (term.span.start, term.span.end) not in seen:
            seen.add((term.span.start, term.span.end))
            out.append(term)
    from manysides.nlp.verbs import noun_trigger

    for token in doc:
        if token.pos_ != "NOUN":
            continue
        found = noun_trigger(token)
        if found is None or not found[0].plover:
            continue
        code, first = found
        span = Span(first.idx, token.idx + len(token.text))
        if any(span.overlaps(Span(*key)) for key in seen) or _quoted(span, quotes):
            continue
        seen.add((span.start, span.end))
        out.append(FramingTerm(
            span=span, term=span.of(article.text), lemma=_lemma(list(doc[first.i : token.i + 1])),
            kind="act-noun", sentence=sentence_of(span, sentences), act=code.plover,
        ))
    return out


def _event_term(article: Article, doc: Doc, event: Event,
                quotes: Sequence[Span]) -> FramingTerm | None:
    if _quoted(event.trigger, quotes) or not len(event.trigger):
        return None
    words = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
    if words is None or not len(words):
        return None
    root = words.root
    if root.pos_ not in _ACT_POS:  # "on its own", "single-handedly": no word for an act
        return None
    kind = "act-verb" if root.pos_ in ("VERB", "AUX") else "act-noun"
    return FramingTerm(
        span=event.trigger, term=event.trigger.of(article.text), lemma=_lemma(list(words)),
        kind=kind, sentence=event.sentence, act=event.type,
        source=_who(event.source), target=_who(event.target),
    )


def loaded_terms(article: Article, doc: Doc, quotes: Sequence[Span] = (),
                 taken: Sequence[Span] = ()) -> list[FramingTerm]:
    """The loaded and charged words of ``article`` (outside direct quotes and ``taken``
    spans), each with the phrase it frames."""
    from manysides.nlp.heads import load_json, vader_lexicon, word_weight

    loaded = load_json("loaded_words.json")
    lexicon, bases = loaded["words"], loaded.get("sources", {})
    valence = vader_lexicon()
    sentences = [c.span for c in article.claims]
    starts = {span.start for claim in article.claims for span in claim.loaded_spans}
    out: list[FramingTerm] = []
    used: set[int] = set()
    for token in doc:
        if token.i in used:
            continue
        word = token.lower_.replace("’", "'")
        span = Span(token.idx, token.idx + len(token.text))
        strength = abs(valence.get(word, 0.0)) if token.pos_ in _CONTENT_POS else 0.0
        if span.start not in starts and strength < CHARGED_VALENCE:
            continue
        if _quoted(span, quotes) or any(span.overlaps(t) for t in taken):
            continue
        phrase = _phrase(token)
        if span.start not in starts and len(phrase) == 1 and strength < ALONE_VALENCE \
                and token.pos_ in ("NOUN", "PROPN"):
            continue
        used.update(t.i for t in phrase)
        whole = Span(phrase[0].idx, phrase[-1].idx + len(phrase[-1].text))
        weight = word_weight(word, lexicon, bases)
        out.append(FramingTerm(
            span=whole, term=whole.of(article.text), lemma=_lemma(phrase), kind="loaded",
            sentence=sentence_of(span, sentences),
            weight=round(float(weight if weight is not None else strength / 4), 4),
        ))
    return out


def framing_terms(article: Article, doc: Doc) -> list[FramingTerm]:
    """Act words and loaded words of ``article`` (its claims and events already filled), in
    text order."""
    quotes = [q.content for q in article.quotes if q.direct]
    sentences = [c.span for c in article.claims]
    acts = _act_terms(article, doc, quotes, sentences)
    loaded = loaded_terms(article, doc, quotes, [t.span for t in acts])
    return sorted(acts + loaded, key=lambda t: (t.span.start, t.span.end))
