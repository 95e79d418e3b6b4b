"""Who says what: direct and indirect quotes and "according to X" as (source, cue, content).

:func:`extract_attributions` reads the dependency parse of an article with its actor mentions.
The rules, in the order they apply:

- a *cue* is a reporting verb (said, told, warned, denied, wrote, tweeted, posted on X, ...)
  outside quote marks, a belief verb with a that-clause ("officials believe that ..."), or
  "according to";
- the *source* is the cue's subject, before or after it ("Biden said", "..., said Biden"), the
  subject of the verb a participle hangs on ("..., saying ..."), the noun a "who" clause
  describes, or the object of "according to";
- the *content* is, first, the text in quote marks in the cue's sentence (straight or curly,
  possibly several sentences, possibly split around the cue: "A," he said, "B." gives two
  contents); else the cue's clausal complement ("that ..."), the clause a trailing cue reports
  ("X happened, officials said"), the object of a verb that takes one ("denied the report"),
  or the clause "according to X" modifies;
- a quote with no cue of its own that follows a direct quote in the next sentence or paragraph
  continues it (same source and cue); any other quoted words (scare quotes, titles) are no one's
  quote;
- a headline's "Name: what they said" is an attribution with the colon as its cue;
- the speaker is the actor mention in the source (:mod:`manysides.nlp.speakers`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from manysides.model import Attribution, Mention, Span
from manysides.nlp.speakers import speaker

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as Sentence

__all__ = ["BELIEF_CUES", "CUES", "extract_attributions", "quote_regions"]

#: Verbs that report speech or writing (lemmas).
CUES = frozenset({
    "say", "tell", "state", "claim", "deny", "warn", "write", "report", "add", "announce",
    "insist", "argue", "explain", "acknowledge", "declare", "assert", "note", "confirm",
    "reveal", "disclose", "admit", "testify", "contend", "stress", "emphasize", "emphasise",
    "allege", "tweet", "post", "reply", "ask", "conclude",
    "predict", "promise", "pledge", "vow", "threaten", "urge", "caution", "complain", "concede",
    "boast", "recall", "remark", "observe", "suggest", "maintain", "reiterate", "repeat",
    "describe", "mention", "comment", "estimate", "counter", "retort", "quip", "scoff",
    "charge", "accuse", "blame", "recount", "publish", "quote", "cite", "proclaim", "shout",
    "exclaim", "whisper", "mutter", "speak", "brief", "inform", "assure", "advise", "signal",
    "underscore", "highlight", "call", "joke", "continue", "respond",
})
#: Phrasal verbs that report speech, as (verb, particle): the cue they act as.
PHRASAL_CUES = {("point", "out"): "note", ("spell", "out"): "explain",
                ("lay", "out"): "explain", ("speak", "out"): "speak"}
_PHRASAL_VERBS = frozenset(verb for verb, _ in PHRASAL_CUES)
#: Cues that may come after the clause they report ("X happened, officials said").
_TRAILING = frozenset({"say", "tell", "add", "report", "write", "note", "claim", "state",
                       "warn", "explain", "confirm", "insist", "argue", "announce", "tweet",
                       "acknowledge", "post", "deny", "allege", "stress", "conclude"})
#: Verbs of belief or knowledge: an attribution only with a that-clause ("U.S. officials
#: believe that ...").
BELIEF_CUES = frozenset({
    "believe", "think", "suspect", "fear", "hope", "expect", "doubt", "feel", "worry", "know",
    "assume", "guess", "reckon", "conclude", "agree", "understand", "find", "show",
    "recognize", "realize", "insist", "bet",
})
#: Cues whose direct object is the content ("denied the report", "confirmed the strike").
_OBJECT_CONTENT = frozenset({
    "deny", "confirm", "announce", "report", "claim", "acknowledge", "admit", "reveal",
    "disclose", "allege", "predict", "promise", "pledge", "vow", "threaten", "describe",
    "publish", "tweet", "post", "reiterate", "repeat", "write", "ask", "state", "mention",
})
#: Cues whose content is what someone is asked to do.
_APPEALS = frozenset({"urge", "ask", "advise", "warn", "tell", "caution", "call", "press"})
#: Verbs the content of "posted on X" / "wrote on Telegram" sits behind.
_PLATFORMS = frozenset({"x", "twitter", "facebook", "telegram", "instagram", "truth",
                        "tiktok", "youtube", "social", "website", "blog", "weibo"})
_OPENING = "“„«"
_CLOSING = "”“»"
_PAIRS = {"“": "”", "„": "“", "«": "»"}
#: Subjects that name no one ("it is never a good idea to write", "you know").
_EMPTY_SOURCES = frozenset({"it", "you", "one", "this", "there", "what"})
_TRIM = " \t\n,.;:—–-"
_TRIM_SOURCE = _TRIM + "“”\"«»"
#: Nouns for what is published: a "which says" clause on one quotes its publisher.
DOCUMENTS = frozenset({"statement", "report", "letter", "post", "message", "communique",
                       "document", "tweet", "release", "note", "article", "editorial", "op-ed",
                       "video", "study", "survey", "poll", "memo", "declaration"})
#: A dateline at the head of a content ("DUBAI—").
_DATELINE = re.compile(r"[A-Z][A-Z .,'-]+\s?[—–-]\s?")


@dataclass(slots=True)
class _Found:
    """An attribution being built: the cue token, its source tokens, its content pieces."""

    cue: Span
    source: Span | None
    head: Token | None  # the source's head token
    contents: list[tuple[Span, bool]]  # (content, direct)


def quote_regions(text: str) -> list[Span]:
    """Quoted stretches of ``text``, the marks included: curly and guillemet pairs, straight
    double quotes paired within a paragraph. An opening mark never closed before the end of
    its paragraph runs to that end (a quote continued in the next paragraph re-opens there)."""
    regions: list[Span] = []
    offset = 0
    for paragraph in re.split(r"(\n\s*\n)", text):
        if paragraph.strip():
            regions.extend(Span(offset + s, offset + e) for s, e in _pairs(paragraph))
        offset += len(paragraph)
    return regions


def _pairs(paragraph: str) -> Iterable[tuple[int, int]]:
    opened: tuple[int, str] | None = None
    for i, char in enumerate(paragraph):
        if opened is None:
            if char in _OPENING or char == '"':
                opened = (i, _PAIRS.get(char, '"'))
        elif char == opened[1] or (opened[1] == '"' and char in _CLOSING):
            yield opened[0], i + 1
            opened = None
        elif char in "“«„" and opened[1] != '"':  # a new quote opens: the last one ran on
            yield opened[0], i
            opened = (i, _PAIRS[char])
    if opened is not None:
        yield opened[0], len(paragraph.rstrip())


def extract_attributions(doc: Doc, mentions: Sequence[Mention] = ()) -> list[Attribution]:
    """The attributions ``doc`` (a parse of the article text) makes, speakers linked to
    ``mentions``; in text order of their content."""
    text = doc.text
    regions = quote_regions(text)
    inside = _inside_quotes(len(text), regions)
    found = [f for tok in doc if (f := _from_cue(tok, inside)) is not None]
    found += _colon_lines(doc, text, inside)
    _attach_quotes(found, regions, doc, text)
    _continue_quotes(found, regions, text)
    out: list[Attribution] = []
    earlier: list[Attribution] = []
    for item in found:
        who, kind = speaker(item.source, item.head, mentions, doc, text, earlier)
        for content, direct in item.contents:
            attribution = Attribution(content=content, source=item.source, cue=item.cue,
                                      speaker=who, direct=direct, speaker_kind=kind)
            out.append(attribution)
            earlier.append(attribution)
    return sorted(out, key=lambda a: (a.content.start, a.content.end))


def _inside_quotes(size: int, regions: Sequence[Span]) -> list[bool]:
    inside = [False] * size
    for region in regions:
        for i in range(region.start + 1, max(region.start + 1, region.end - 1)):
            inside[i] = True
    return inside


# --- cues, sources, indirect content ---------------------------------------------------------


def _from_cue(tok: Token, inside: list[bool]) -> _Found | None:
    if inside[tok.idx]:
        return None
    if tok.lower_ == "according" and tok.i + 1 < len(tok.doc) and tok.nbor().lower_ == "to":
        return _according_to(tok)
    if not tok.tag_.startswith("VB") or tok.dep_ in {"aux", "auxpass", "amod"}:
        return None
    lemma = tok.lemma_.lower()
    if lemma in _PHRASAL_VERBS:
        for particle in (c.lower_ for c in tok.children if c.dep_ == "prt"):
            lemma = PHRASAL_CUES.get((lemma, particle), lemma)
    if lemma in CUES and not _passive(tok):
        contents = _indirect(tok, lemma)
    elif lemma in BELIEF_CUES and not _passive(tok):
        contents = [_subtree_span(c) for c in tok.children if c.dep_ == "ccomp"
                    and not any(g.lower_ in {"if", "whether"} for g in c.children)]
    else:
        return None
    head = _source_head(tok)
    if head is None or head.lower_ in _EMPTY_SOURCES:
        return None
    loose = head.i == tok.i - 1 and head.dep_ not in {"nsubj", "nsubjpass"}
    return _Found(_cue_span(tok), _loose_span(head) if loose else _noun_span(head), head,
                  [(c, False) for c in contents])


#: Entity labels of a name that can head a "Name: what they said" line.
_COLON_SOURCES = frozenset({"PERSON", "ORG", "GPE", "NORP"})
#: At most this many words before the colon of such a line.
_COLON_WORDS = 5
#: Words that label a line rather than name who speaks in it ("Update: ...", "Editor's
#: Note: ..."), read as the last word before the colon.
_LINE_LABELS = frozenset({
    "update", "updated", "updates", "breaking", "note", "notes", "editor", "correction",
    "clarification", "analysis", "opinion", "commentary", "photo", "photos", "video", "videos",
    "watch", "read", "related", "source", "sources", "tags", "topics", "q", "a", "question",
    "answer", "advertisement", "warning", "exclusive", "live", "listen", "subscribe", "share",
    "caption", "credit", "image", "graphic", "chart", "map", "table", "figure", "summary",
    "background", "context", "bottom", "line", "why", "what", "how", "who", "when", "where",
    "step", "part", "chapter", "day", "today", "tonight", "headline", "title", "by", "from",
    "to", "date", "time", "location", "dateline", "contact", "email", "phone", "transcript",
    "verdict", "fact", "claim", "rating", "conclusion", "introduction", "takeaway",
    "takeaways", "lesson", "example", "bonus", "also", "more", "previously", "meanwhile",
    "recap", "preview", "review", "timeline", "explainer", "first", "latest",
    "here", "now", "next", "then", "so", "but", "and", "or", "yes", "no", "ps", "p.s.",
    "name", "age", "city", "job", "pay", "occupation", "hometown",
})


def _colon_lines(doc: Doc, text: str, inside: list[bool]) -> list[_Found]:
    """Lines that give a source, a colon and what it said, as headlines do ("Minister: talks
    will resume"): the words before the colon a name (a person, organisation, place or
    people), the line's first words, and at least three words after it on the same line."""
    out = []
    for colon in re.finditer(":", text):
        found = doc.char_span(colon.start(), colon.end())
        if found is None or inside[colon.start()] or found.start == 0:
            continue
        tok = found[0]
        start = tok.i
        while start > 0 and "\n" not in doc[start - 1].text_with_ws:
            start -= 1
        before = [t for t in doc[start : tok.i] if not t.is_space]
        if not before or len(before) > _COLON_WORDS or any(
                t.pos_ not in {"PROPN", "NOUN", "DET", "PART", "PUNCT", "ADJ"} for t in before):
            continue
        words = [t for t in before if not t.is_punct]
        named = any(t.ent_type_ in _COLON_SOURCES for t in before) or (
            words and all(t.text[:1].isupper() for t in words))
        if not named or words[-1].lower_ in _LINE_LABELS:  # "Editor's Note", "Update"
            continue
        end = tok.i + 1
        while end < len(doc) and "\n" not in doc[end - 1].text_with_ws:
            end += 1
        after = [t for t in doc[tok.i + 1 : end] if not t.is_space]
        if sum(t.is_alpha for t in after) < 3:
            continue
        head = max(words, key=lambda t: (t.ent_type_ in _COLON_SOURCES, t.i))
        out.append(_Found(Span(tok.idx, tok.idx + 1), _tokens_span(before), head,
                          [(_tokens_span(after), False)]))
    return out


def _passive(tok: Token) -> bool:
    """A passive cue: "was asked", and a bare participle clause ("Asked about the talks, the
    minister said ...": the minister was asked, by someone the text does not name)."""
    bare = tok.tag_ == "VBN" and tok.dep_ == "advcl" and tok.i < tok.head.i and not any(
        c.dep_ in {"aux", "nsubj"} for c in tok.children)
    return bare or any(c.dep_ in {"auxpass", "nsubjpass"} for c in tok.children)


def _cue_span(tok: Token) -> Span:
    """The verb, with its particle right after it ("pointed out") and a following "on X" for
    posts ("posted on X")."""
    end = tok.idx + len(tok.text)
    for child in tok.children:
        if child.dep_ == "prt" and child.i == tok.i + 1:
            end = child.idx + len(child.text)
        if child.dep_ == "prep" and child.lower_ == "on" and child.i > tok.i:
            objects = [g for g in child.children if g.dep_ == "pobj"]
            if objects and objects[0].lower_ in _PLATFORMS:
                end = objects[0].idx + len(objects[0].text)
    return Span(tok.idx, end)


def _according_to(tok: Token) -> _Found | None:
    to = tok.nbor()
    objects = [c for c in to.children if c.dep_ == "pobj"] or [
        c for c in tok.children if c.dep_ == "pobj"]
    if not objects:
        return None
    clause = tok.head
    while clause.dep_ in {"prep", "pobj"} and clause.head is not clause:
        clause = clause.head
    skip = set(range(tok.left_edge.i, max(t.i for t in objects[0].subtree) + 1))
    tokens = [t for t in clause.subtree if t.i not in skip]
    cue = Span(tok.idx, to.idx + len(to.text))
    contents = [_tokens_span(_contiguous(tokens, clause))] if tokens else []
    return _Found(cue, _noun_span(objects[0]), objects[0], [(c, False) for c in contents])


def _indirect(verb: Token, lemma: str) -> list[Span]:
    """Content of a cue without quote marks: complement, reported clause, or object."""
    contents = _complements(verb)
    if (not contents and lemma in _TRAILING and verb.dep_ in {"parataxis", "ccomp", "conj"}
            and verb.head.i < verb.i and verb.left_edge.i > 0
            and verb.doc[verb.left_edge.i - 1].is_punct):
        head = verb.head  # "X happened, officials said" parsed with "said" under "happened"
        if head.lemma_.lower() not in CUES:
            tokens = [t for t in head.subtree if t.i < verb.left_edge.i]
            if tokens:
                contents.append(_tokens_span(_contiguous(tokens, head)))
    if not contents and lemma == "call":
        contents = _naming(verb)
    if not contents and lemma in _OBJECT_CONTENT:
        contents = [_subtree_span(c) for c in verb.children if c.dep_ in {"dobj", "attr"}
                    and c.pos_ not in {"PRON"} and c.left_edge.tag_ not in _WH]
    if not contents and lemma == "say":  # "said the same thing"; "says the movement that
        # is sweeping the country appeals to ...", a clause the parser read as an object
        contents = [_subtree_span(c) for c in verb.children if c.dep_ == "dobj"
                    and c.pos_ != "PRON" and c.left_edge.tag_ not in _WH
                    and c.lemma_.lower() not in _SAY_IDIOMS]
    return contents


#: Objects of "say" that make an idiom, not a content ("say goodbye to all that").
_SAY_IDIOMS = frozenset({"goodbye", "hello", "thanks", "grace", "prayer", "word", "cheese",
                         "uncle", "amen", "farewell"})
#: Wh-words: an object that starts with one is a question or a relative ("what words Biden
#: says"), not the content.
_WH = frozenset({"WDT", "WP", "WP$", "WRB"})


def _naming(verb: Token) -> list[Span]:
    """ "called the government 'the most extreme'" and "called for a ceasefire"."""
    named = [c for c in verb.children if c.dep_ in {"oprd", "xcomp", "attr"}]
    if named:
        objects = [c for c in verb.children if c.dep_ == "dobj" and c.i < named[0].i]
        first = objects[0] if objects else named[0]
        return [Span(first.left_edge.idx, _subtree_span(named[0]).end)]
    return [_subtree_span(g) for c in verb.children if c.dep_ == "prep" and c.lower_ == "for"
            for g in c.children if g.dep_ == "pobj"]


def _complements(verb: Token) -> list[Span]:
    deps = {"ccomp", "csubj"}
    if verb.lemma_.lower() in _APPEALS:
        deps.add("xcomp")  # "urged the council to accept the offer"
    spans = [_subtree_span(c) for c in verb.children if c.dep_ in deps]
    if len(spans) > 1 and (all(s.start > verb.idx for s in spans)
                           or all(s.end <= verb.idx for s in spans)):
        # "says that the dispute can be considered closed": one content, parsed as two
        return [Span(min(s.start for s in spans), max(s.end for s in spans))]
    return spans


def _source_head(verb: Token) -> Token | None:
    head = _subject(verb)
    if head is not None and head.lemma_.lower() in DOCUMENTS and head.head.pos_ == "VERB":
        publisher = _subject(head.head)  # "the ministry released a statement which says"
        if publisher is not None:
            return publisher
    return head


def _subject(verb: Token) -> Token | None:
    for tok in (verb, *_governors(verb)):
        subjects = [c for c in tok.children if c.dep_ == "nsubj"]
        if subjects:
            # two subjects: a dateline parsed as one ("LONDON (Reuters) - Ann Lee said"); the
            # speaker is the one nearest the verb
            ahead = [c for c in subjects if c.i < tok.i]
            subject = ahead[-1] if len(subjects) > 1 and ahead else subjects[0]
            if subject.lower_ in {"who", "that", "which"} and tok.dep_ == "relcl":
                return _document(tok.head)
            return subject
        if tok.dep_ == "relcl":
            return _document(tok.head)
    if (verb.dep_ == "acl" and verb.head.pos_ == "PROPN" and verb.head.i < verb.i
            and not any(c.dep_ == "agent" for c in verb.children)):
        return verb.head  # "Murphy, the head of the group, tweeted" parsed as a participle
    before = verb.doc[verb.i - 1] if verb.i > 0 else None
    if before is not None and before.pos_ in {"NOUN", "PROPN"}:
        return before  # "..., the senior union and party members said" parsed loosely
    return None


def _document(noun: Token) -> Token:
    """The document a "which says" clause describes, looking past "via their delegation"."""
    tok = noun
    while tok.dep_ == "pobj" and tok.head.dep_ == "prep":
        governor = tok.head.head
        if governor.lemma_.lower() in DOCUMENTS:
            return governor
        if governor.pos_ == "VERB":  # "released a statement via their delegation ... which"
            objects = [c for c in governor.children if c.dep_ == "dobj"
                       and c.lemma_.lower() in DOCUMENTS]
            return objects[0] if objects else noun
        tok = governor
    return noun


def _governors(verb: Token) -> Iterable[Token]:
    """Verbs a participle or coordinated cue borrows its subject from ("..., saying")."""
    tok = verb
    while tok.dep_ in {"advcl", "conj", "xcomp"} and tok.head is not tok:
        tok = tok.head
        yield tok


def _subtree_span(tok: Token) -> Span:
    return _tokens_span(list(tok.subtree))


def _loose_span(tok: Token) -> Span:
    """A subject the parser did not attach: the words before the cue back to a comma."""
    first = tok
    while first.i > 0 and first.nbor(-1).pos_ in {"DET", "ADJ", "PROPN", "NOUN", "CCONJ",
                                                  "NUM", "PART"}:
        first = first.nbor(-1)
    return _tokens_span(list(tok.doc[first.i : tok.i + 1]))


#: Dependents of a noun that are clauses of their own, never part of the name of a source
#: (a quote the parser hung on the speaker's name is a ``ccomp`` of it).
_CLAUSES = frozenset({"relcl", "acl", "ccomp", "advcl", "parataxis"})


def _dash(tok: Token) -> bool:
    """A dash between words: a dash, or a hyphen with spaces around it (not "Paris-based")."""
    if tok.text in {"—", "–"}:
        return True
    spaced = tok.i > 0 and bool(tok.nbor(-1).whitespace_) and bool(tok.whitespace_)
    return tok.text in {"-", "--"} and spaced


def _noun_span(tok: Token) -> Span:
    """A noun phrase: the subtree, cut before a relative clause or a following verb."""
    tokens = [t for t in tok.subtree if not (t.dep_ in _CLAUSES and t.head is tok)]
    drop = {d.i for t in tok.children if t.dep_ in _CLAUSES for d in t.subtree}
    dashes = [t.i for t in tokens if t.i < tok.i and _dash(t)]
    if dashes:  # a dateline parsed into the name: "LONDON (Wire) - Ana Ruiz"
        drop.update(range(tokens[0].i, dashes[-1] + 1))
    return _tokens_span(_contiguous([t for t in tokens if t.i not in drop], tok))


def _contiguous(tokens: list[Token], anchor: Token) -> list[Token]:
    """The run of consecutive token indexes around ``anchor`` (or the first run)."""
    kept = sorted(tokens, key=lambda t: t.i)
    runs: list[list[Token]] = []
    for tok in kept:
        if runs and tok.i == runs[-1][-1].i + 1:
            runs[-1].append(tok)
        else:
            runs.append([tok])
    for run in runs:
        if run[0].i <= anchor.i <= run[-1].i:
            return run
    return max(runs, key=len) if runs else []


def _tokens_span(tokens: Sequence[Token]) -> Span:
    if not tokens:
        return Span(0, 0)
    first = min(tokens, key=lambda t: t.i)
    last = max(tokens, key=lambda t: t.i)
    return Span(first.idx, last.idx + len(last.text))


def _strip(span: Span, text: str, chars: str = _TRIM) -> Span:
    start, end = span.start, span.end
    dateline = _DATELINE.match(text, start, end)
    if dateline:
        start = dateline.end()
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars:
        end -= 1
    return Span(start, end)


# --- quote marks ---------------------------------------------------------------------------


def _attach_quotes(found: list[_Found], regions: Sequence[Span], doc: Doc, text: str) -> None:
    """Give each quoted stretch to the cue it belongs to; drop cues left with no content."""
    sentences = list(doc.sents)
    for region in regions:
        if _absorb(found, region):
            continue
        near = [s for s in sentences if s.start_char < region.end and region.start < s.end_char]
        lo = min((s.start_char for s in near), default=region.start)
        hi = max((s.end_char for s in near), default=region.end)
        candidates = [f for f in found if lo <= f.cue.start < hi
                      and not (region.start <= f.cue.start < region.end)]
        if not candidates:
            candidates = _trailing_cue(found, region, sentences, text)
        if not candidates or not _speech_like(region, doc, text, candidates):
            continue
        best = min(candidates, key=lambda f: _distance(f.cue, region))
        best.contents = [c for c in best.contents if not c[0].overlaps(region)]
        best.contents.append((region, True))
    for item in found:
        if item.source is not None:
            item.source = _strip(item.source, text, _TRIM_SOURCE)
        item.contents = [(_strip(_before(c, item.source), text), d) for c, d in item.contents]
        item.contents = [(c, d) for c, d in item.contents if len(c) > 1]
    found[:] = [f for f in found if f.contents and f.source is not None]


#: How many words into the next sentence a cue may stand and still close the quote before it.
_TRAILING_WORDS = 6


def _trailing_cue(found: list[_Found], region: Span, sentences: Sequence[Sentence],
                  text: str) -> list[_Found]:
    """A cue that opens the next sentence and says nothing of its own ("… boring!” he
    tweeted during the first half.", which the parser splits after the quote's "!")."""
    after = next((s for s in sentences if s.start_char >= region.end), None)
    if after is None or text[region.end : after.start_char].strip():
        return []
    limit = after[min(len(after), _TRAILING_WORDS) - 1].idx
    return [f for f in found if after.start_char <= f.cue.start <= limit and not f.contents]


def _before(content: Span, source: Span | None) -> Span:
    """A content that runs on into its trailing source stops where the source starts."""
    if source is None or not content.overlaps(source) or source.start <= content.start:
        return content
    return Span(content.start, source.start)


def _absorb(found: list[_Found], region: Span) -> bool:
    """A quote around an indirect content found already is that content, made direct; a quote
    inside one (the smallest) makes it a mixed, direct quote."""
    around = [(item, n) for item in found for n, (content, _) in enumerate(item.contents)
              if region.contains(content) and not region.contains(item.cue)]
    for item, n in around:
        item.contents[n] = (region, True)
    if around:
        return True
    core = Span(min(region.start + 1, region.end), max(region.start + 1, region.end - 2))
    within = [(len(content), n, item) for item in found
              for n, (content, _) in enumerate(item.contents) if content.contains(core)]
    if not within:
        return False
    _, n, item = min(within, key=lambda w: w[0])
    content = item.contents[n][0]
    item.contents[n] = (Span(content.start, max(content.end, region.end)), True)
    return True


def _speech_like(region: Span, doc: Doc, text: str, candidates: list[_Found]) -> bool:
    """Quoted words that are someone's words rather than a scare quote or a title: a clause,
    a finished sentence, or words governed by a cue verb of the sentence."""
    inner = text[region.start + 1 : region.end - 1].rstrip("”\"» ")
    if inner[-1:] in {".", ",", "!", "?", "…"}:
        return True
    span = doc.char_span(region.start, region.end, alignment_mode="expand")
    if span is None:
        return False
    if any(t.tag_ in {"VBD", "VBZ", "VBP", "MD"} for t in span):
        return True
    cues = {f.cue.start for f in candidates}
    return any(t.head.idx in cues and t.head.i not in range(span.start, span.end) for t in span)


def _distance(cue: Span, region: Span) -> int:
    return max(region.start - cue.end, cue.start - region.end, 0)


def _continue_quotes(found: list[_Found], regions: Sequence[Span], text: str) -> None:
    """A quote with no cue right after a direct quote (next sentence or paragraph) goes on
    with the same speaker."""
    used = {c for f in found for c, _ in f.contents}
    for region in regions:
        if any(u.overlaps(region) for u in used):
            continue
        before = [f for f in found if any(d and c.end <= region.start for c, d in f.contents)]
        if not before:
            continue
        last = max(before, key=lambda f: max(c.end for c, d in f.contents if d))
        end = max(c.end for c, d in last.contents if d)
        gap = text[max(end, last.cue.end, last.source.end if last.source else 0): region.start]
        if _only_tail(gap) and not any(end <= r.start < region.start for r in regions):
            last.contents.append((_strip(region, text), True))
            used.add(region)


def _only_tail(gap: str) -> bool:
    """Between a quote and its continuation: the rest of the attributing sentence at most."""
    return len(gap) < 80 and gap.count("\n\n") <= 1 and not re.search(r"[.!?][”\"]?\s+\w", gap)
