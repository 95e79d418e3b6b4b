"""Small trained heads over the MiniLM encoder: lean, sentiment, loaded language,
check-worthiness and sentence roles.

Every head is a linear model (logistic regression) over the concatenation of a TF-IDF block
(vocabulary and idf stored with the head) and dense features (MiniLM embeddings, lexicon scores)
multiplied by a stored scale; the loaded-language head adds a third block, features of a word
lexicon it carries in its meta (:func:`lexicon_features`). The files live in
``manysides/data/heads/`` as compressed ``.npz`` (no pickles), each rebuilt deterministically
by ``scripts/train_heads.py <head>`` from ``../shared/data``, with its dev score in
``scores.json``. The feature functions here are the ones the training script uses, so training
and prediction cannot drift apart.

Heads are loaded lazily, once per process, on first use.
"""

from __future__ import annotations

import io
import json
import math
import re
import zipfile
from collections.abc import Container, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from manysides.errors import ManysidesError
from manysides.nlp.lean_text import clean_for_lean, lean_embedding

__all__ = [
    "HEADS_DIR",
    "ROLES",
    "HeadMissingError",
    "LinearHead",
    "lexicon_features",
    "load_head",
    "loaded_words",
    "predict_checkworthy",
    "predict_cleaned_lean",
    "predict_lean",
    "predict_loaded",
    "predict_opinion",
    "predict_role",
    "predict_sentiment",
    "rule_role",
    "save_head",
    "word_weight",
]

HEADS_DIR = Path(__file__).resolve().parents[1] / "data" / "heads"
#: Head name -> what it predicts (the file is ``<name>.npz``).
HEAD_NAMES = ("lean", "sentiment", "loaded", "checkworthy", "opinion")
#: Rows a head scores together at most (see :meth:`LinearHead.predict_proba`).
PREDICT_ROWS = 1024


class HeadMissingError(ManysidesError):
    """A trained head file is not in the package (say how to rebuild it)."""


# --- the stored linear head ----------------------------------------------------------------


@dataclass(slots=True)
class LinearHead:
    """Logistic regression over ``[tfidf(text) | dense * dense_scale]``."""

    classes: list[str]
    coef: np.ndarray  # (k, d) or (1, d) for binary
    intercept: np.ndarray
    vocabulary: list[str] = field(default_factory=list)
    idf: np.ndarray | None = None
    tfidf_params: dict[str, Any] = field(default_factory=dict)
    dense_scale: float = 1.0
    meta: dict[str, Any] = field(default_factory=dict)
    _vectorizer: Any = None

    def tfidf(self, texts: Sequence[str]) -> Any:
        """The TF-IDF block of ``texts`` (a sparse matrix; zero columns when no vocabulary)."""
        from scipy import sparse

        if not self.vocabulary:
            return sparse.csr_matrix((len(texts), 0), dtype=np.float32)
        if self._vectorizer is None:
            from sklearn.feature_extraction.text import TfidfVectorizer

            vocab = {term: i for i, term in enumerate(self.vocabulary)}
            vectorizer = TfidfVectorizer(vocabulary=vocab, dtype=np.float32, **self.tfidf_params)
            vectorizer.idf_ = self.idf
            self._vectorizer = vectorizer
        return self._vectorizer.transform(list(texts))

    def features(self, texts: Sequence[str], dense: np.ndarray | None,
                 tfidf: Any = None) -> Any:
        """``[tfidf | dense * dense_scale | lexicon features]``; the last block only for a head
        that carries a word lexicon in ``meta["lexicon"]`` (see :func:`lexicon_features`).
        ``tfidf``: the texts' :meth:`tfidf` block, when the caller has it."""
        from scipy import sparse

        blocks = [self.tfidf(texts) if tfidf is None else tfidf]
        if dense is not None and dense.shape[1]:
            blocks.append(sparse.csr_matrix(dense * self.dense_scale, dtype=np.float32))
        lexicon = self.meta.get("lexicon")
        if lexicon:
            scale = float(self.meta.get("lexicon_scale", 1.0))
            blocks.append(sparse.csr_matrix(lexicon_features(texts, lexicon) * scale))
        return sparse.hstack(blocks, format="csr")

    def predict_proba(self, texts: Sequence[str], dense: np.ndarray | None,
                      tfidf: Any = None) -> np.ndarray:
        """Class probabilities, columns in the order of :attr:`classes` (``tfidf``: the texts'
        :meth:`tfidf` block, as a CSR matrix, when the caller has it).

        Read :data:`PREDICT_ROWS` rows at a time: the sparse features hold a copy of the dense
        block with an index per value, so a whole batch's mention targets at once would take
        hundreds of MB; a row's scores read its own row alone, so they do not change."""
        if len(texts) > PREDICT_ROWS:
            return np.vstack([
                self.predict_proba(texts[s : s + PREDICT_ROWS],
                                   None if dense is None else dense[s : s + PREDICT_ROWS],
                                   None if tfidf is None else tfidf[s : s + PREDICT_ROWS])
                for s in range(0, len(texts), PREDICT_ROWS)
            ])
        scores = np.asarray(self.features(texts, dense, tfidf) @ self.coef.T) + self.intercept
        if self.coef.shape[0] == 1:
            positive = 1.0 / (1.0 + np.exp(-scores[:, 0]))
            return np.column_stack([1.0 - positive, positive])
        scores -= scores.max(axis=1, keepdims=True)
        exp = np.exp(scores)
        return np.asarray(exp / exp.sum(axis=1, keepdims=True))

    def top_terms(self, text: str, label: str, k: int = 10,
                  row: Any = None) -> list[tuple[str, float]]:
        """The TF-IDF terms of ``text`` that push it most toward ``label`` (evidence).
        ``row``: the text's row of :meth:`tfidf`, when the caller has it."""
        row = (self.tfidf([text]) if row is None else row).tocsr()
        if not row.nnz:
            return []
        index = self.classes.index(label)
        columns = self.coef[:, row.indices]  # the text's terms only (the vocabulary is large)
        if self.coef.shape[0] == 1:
            weights = columns[0] * (1.0 if index == 1 else -1.0)
        else:
            weights = columns[index] - columns.mean(axis=0)
        contribution = row.data * weights
        order = np.argsort(-contribution)[:k]
        return [(self.vocabulary[row.indices[i]], round(float(contribution[i]), 4))
                for i in order if contribution[i] > 0]


def save_head(path: Path, head: LinearHead) -> None:
    """Write ``head`` as a compressed ``.npz`` that loads without pickle."""
    meta = {
        "classes": head.classes,
        "tfidf_params": head.tfidf_params,
        "dense_scale": head.dense_scale,
        "meta": head.meta,
    }
    arrays = {
        "coef": head.coef.astype(np.float32),
        "intercept": head.intercept.astype(np.float32),
        "vocabulary": np.array(head.vocabulary, dtype=str),
        "idf": (head.idf if head.idf is not None else np.zeros(0)).astype(np.float32),
        "meta": np.array(json.dumps(meta, sort_keys=True)),
    }
    # an .npz written byte-for-byte the same for the same head (fixed zip timestamps)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, array in arrays.items():
            buffer = io.BytesIO()
            np.lib.format.write_array(buffer, array, allow_pickle=False)
            info = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, buffer.getvalue())


def read_head(path: Path) -> LinearHead:
    with np.load(path, allow_pickle=False) as data:
        meta = json.loads(str(data["meta"]))
        params = dict(meta["tfidf_params"])
        if "ngram_range" in params:
            params["ngram_range"] = tuple(params["ngram_range"])
        return LinearHead(
            classes=list(meta["classes"]),
            coef=data["coef"].astype(np.float32),
            intercept=data["intercept"].astype(np.float32),
            vocabulary=[str(t) for t in data["vocabulary"]],
            idf=data["idf"].astype(np.float32) if data["idf"].size else None,
            tfidf_params=params,
            dense_scale=float(meta["dense_scale"]),
            meta=dict(meta["meta"]),
        )


@cache
def load_head(name: str) -> LinearHead:
    """The packaged head ``name`` (loaded once per process)."""
    if name not in HEAD_NAMES:
        raise HeadMissingError(f"no head named {name!r}. Available: {', '.join(HEAD_NAMES)}")
    path = HEADS_DIR / f"{name}.npz"
    if not path.is_file():
        raise HeadMissingError(
            f"the trained head {path.name} is missing from {HEADS_DIR}; rebuild it with: "
            f"python scripts/train_heads.py {name}"
        )
    return read_head(path)


@cache
def load_json(name: str) -> Any:
    path = HEADS_DIR / name
    if not path.is_file():
        raise HeadMissingError(f"{path} is missing; rebuild it with scripts/train_heads.py")
    return json.loads(path.read_text(encoding="utf-8"))


def _encode(texts: list[str], max_length: int = 256) -> np.ndarray:
    from manysides.nlp.encoder import encode

    return encode(texts, batch_size=16, max_length=max_length)


# --- lean ------------------------------------------------------------------------------------

def predict_lean(
    texts: Sequence[str],
    titles: Sequence[str | None] | None = None,
    outlets: Sequence[str | None] | None = None,
    authors: Sequence[Sequence[str]] | None = None,
) -> list[tuple[str, dict[str, float]]]:
    """Left / center / right for each article, with the probability of each.

    ``outlets`` and ``authors`` (when known) let the head strip the article's own outlet name
    and bylines first, as it was trained to.
    """
    n = len(texts)
    titles = titles if titles is not None else [None] * n
    outlets = outlets if outlets is not None else [None] * n
    authors = authors if authors is not None else [()] * n
    return predict_cleaned_lean([clean_for_lean(t, ti, o, a) for t, ti, o, a
                                 in zip(texts, titles, outlets, authors, strict=True)])


def predict_cleaned_lean(cleaned: Sequence[str],
                         tfidf: Any = None) -> list[tuple[str, dict[str, float]]]:
    """:func:`predict_lean` of articles already cleaned
    (:func:`~manysides.nlp.lean_text.clean_for_lean`); ``tfidf``:
    their TF-IDF block under the lean head, when the caller has it."""
    head = load_head("lean")
    count = int(head.meta.get("chunks", 1))
    cleaned = list(cleaned)
    dense = lean_embedding(cleaned, count=count) if cleaned else None
    probs = head.predict_proba(cleaned, dense, tfidf)
    return [_labelled(head.classes, row) for row in probs]


def _labelled(classes: list[str], row: np.ndarray) -> tuple[str, dict[str, float]]:
    scores = {c: round(float(p), 4) for c, p in zip(classes, row, strict=True)}
    return classes[int(np.argmax(row))], scores


# --- sentiment toward a target ---------------------------------------------------------------

#: NewsMTSC polarity codes -> labels.
POLARITY = {2.0: "negative", 4.0: "neutral", 6.0: "positive"}
_WORD = re.compile(r"[\w'’-]+|[^\w\s]")
_NEGATIONS = frozenset({
    "not", "no", "never", "none", "nothing", "nobody", "neither", "nor", "cannot", "without",
    "n't", "dont", "doesnt", "didnt", "isnt", "wasnt", "arent", "werent", "wont", "cant",
    "couldnt", "shouldnt", "wouldnt", "hardly", "barely",
})


@lru_cache(maxsize=1)
def vader_lexicon() -> dict[str, float]:
    """VADER's word valences (-4..4), from the vaderSentiment package."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return dict(SentimentIntensityAnalyzer().lexicon)


@lru_cache(maxsize=512)
def _words(text: str) -> tuple[tuple[str, int, int], ...]:
    """(lower-cased word or mark, start, end) in ``text``. Cached: the window, its span and
    the VADER features of each mention read its sentence's words, as do the sentence heads'
    lexicon features and loaded words, and a sentence often holds several mentions."""
    return tuple((m.group().lower().replace("’", "'"), m.start(), m.end())
                 for m in _WORD.finditer(text))


def target_window(sentence: str, start: int, end: int, size: int = 8) -> str:
    """``size`` words either side of the target, the target itself marked ``<t>``."""
    words = _words(sentence)
    before = [w for w, a, _ in words if a < start][-size:]
    after = [w for w, a, _ in words if a >= end][:size]
    return " ".join([*before, "<t>", *after])


def window_span(sentence: str, start: int, end: int, size: int = 8) -> tuple[int, int]:
    """The character span of the target and the ``size`` words either side of it (the words
    :func:`target_window` reads), in ``sentence``."""
    words = _words(sentence)
    before = [a for _, a, _ in words if a < start][-size:]
    after = [b for _, a, b in words if a >= end][:size]
    return (before[0] if before else start), (after[-1] if after else end)


def target_vectors(texts: Sequence[str], spans: Sequence[tuple[int, int]]) -> np.ndarray:
    """For each target ``spans[i]`` in ``texts[i]``: the sentence vector, the contextual vector
    of the target's word pieces and that of its window (:func:`window_span`), all from one
    encoder pass over each distinct sentence (``3 * 384`` columns)."""
    from manysides.nlp.claims import SentenceVectors

    vectors = SentenceVectors()
    windows = [window_span(t, a, b) for t, (a, b) in zip(texts, spans, strict=True)]
    sentences = vectors.encode(texts, [[span, window] for span, window in
                                       zip(spans, windows, strict=True)])
    d = sentences.shape[1] if len(texts) else 384
    out = np.zeros((len(texts), 3 * d), dtype=np.float32)
    for i, (text, span, window) in enumerate(zip(texts, spans, windows, strict=True)):
        out[i, :d] = sentences[i]
        out[i, d : 2 * d] = vectors.spans[(vectors.row[text], *span)]
        out[i, 2 * d :] = vectors.spans[(vectors.row[text], *window)]
    return out


def vader_features(sentence: str, start: int, end: int) -> np.ndarray:
    """Distance-weighted VADER valence of the words around a target (the target's own words
    excluded): positive and negative mass, near (≤3 words) and overall, negations nearby, and
    the sentence-wide balance. Ten numbers, each roughly in [-1, 1]."""
    lexicon = vader_lexicon()
    words = _words(sentence)
    index = [i for i, (_, a, b) in enumerate(words) if a < end and start < b] or [0]
    first, last = min(index), max(index)
    pos = neg = near_pos = near_neg = negations = 0.0
    for i, (word, _, _) in enumerate(words):
        if first <= i <= last:
            continue
        distance = first - i if i < first else i - last
        weight = 1.0 / (1.0 + distance / 3.0)
        value = lexicon.get(word, 0.0) / 4.0
        if word in _NEGATIONS or word.endswith("n't"):
            negations += weight
        pos += weight * max(value, 0.0)
        neg += weight * min(value, 0.0)
        if distance <= 3:
            near_pos += max(value, 0.0)
            near_neg += min(value, 0.0)
    total = sum(lexicon.get(w, 0.0) for w, _, _ in words) / 4.0
    inside = sum(lexicon.get(words[i][0], 0.0) for i in range(first, last + 1)) / 4.0
    quoted = float(any(q in sentence for q in "\"“”"))
    return np.array([math.tanh(pos), math.tanh(neg), math.tanh(near_pos), math.tanh(near_neg),
                     math.tanh(pos + neg), math.tanh(negations), math.tanh(total / 2.0),
                     math.tanh(inside), quoted, min(len(words), 60) / 60.0], dtype=np.float32)


Target = tuple[str, int, int]  # (sentence, start, end): the target is sentence[start:end]


#: Prepositions whose object is on the receiving end of the act ("missiles toward X").
_PATIENT_PREPS = frozenset({"against", "on", "at", "toward", "towards", "into", "upon"})
#: Number of columns :func:`role_features` adds.
ROLE_FEATURES = 11


def _valence(token: Any) -> float:
    lexicon = vader_lexicon()
    word = token.lower_.replace("’", "'")
    return lexicon.get(word, lexicon.get(token.lemma_.lower(), 0.0)) / 4.0


def _role(token: Any) -> tuple[str | None, Any]:
    """(agent / patient / owner / None, the word the target's role attaches it to)."""
    while token.dep_ in ("conj", "appos") and token.head is not token:
        token = token.head
    dep, head = token.dep_, token.head
    if dep == "pobj" and head.dep_ == "agent":
        return "agent", head.head
    if dep == "pobj" and head.lower_ in _PATIENT_PREPS:
        return "patient", head.head
    if dep in ("nsubj", "csubj"):
        return "agent", head
    if dep in ("dobj", "nsubjpass", "dative", "obj"):
        return "patient", head
    if dep in ("poss", "compound", "amod", "nmod"):
        return "owner", head
    return None, head


def _role_row(doc: Any, start: int, end: int) -> np.ndarray:
    span = doc.char_span(start, end, alignment_mode="expand")
    out = np.zeros(ROLE_FEATURES, dtype=np.float32)
    if span is None or not len(span):
        return out
    role, governor = _role(span.root)
    if role is None:
        return out
    own = {t.i for t in span.root.subtree} if role != "owner" else {t.i for t in span}
    near = sum(_valence(t) for t in governor.subtree if t.i not in own)
    at = ("agent", "patient", "owner").index(role)
    governing, clause = _valence(governor), math.tanh(near / 2.0)
    out[at] = 1.0
    out[3], out[4] = governing, clause
    out[5 + at], out[8 + at] = governing, clause
    return out


def role_features(items: Sequence[Target]) -> np.ndarray:
    """The target's grammatical role and the valence of what it does or undergoes: whether it
    is the agent (subject, "by" agent), the patient (object, passive subject, "against X") or
    the owner ("X's", "X-made") of the word it attaches to; that word's VADER valence and the
    summed valence of its phrase (the target's own words left out); and both valences again
    for the role that holds. "X murdered aid workers" is then told from "Y was attacked by X".
    ``ROLE_FEATURES`` numbers per target, zero when the target has none of those roles."""
    from manysides.nlp.pipeline import load_nlp

    out = np.zeros((len(items), ROLE_FEATURES), dtype=np.float32)
    if not items:
        return out
    nlp = load_nlp(("tagger", "parser", "attribute_ruler", "lemmatizer"))
    texts = sorted({sentence for sentence, _, _ in items})
    docs = dict(zip(texts, nlp.pipe(texts, batch_size=64), strict=True))
    for i, (sentence, start, end) in enumerate(items):
        out[i] = _role_row(docs[sentence], start, end)
    return out


def sentiment_dense(items: Sequence[Target], encode_spans: Any = None,
                    roles: bool = True) -> np.ndarray:
    """Dense features for target sentiment: sentence embedding, the target's contextual
    embedding, the contextual embedding of its ±8-word window (:func:`target_vectors`; the
    window is read inside the sentence's own encoder pass, not encoded again), the VADER
    features and (``roles``) the target's role features (:func:`role_features`)."""
    if encode_spans is None:
        encode_spans = target_vectors

    vectors = encode_spans([s for s, _, _ in items], [(a, b) for _, a, b in items])
    lexical = np.vstack([vader_features(*item) for item in items]) if items else np.zeros((0, 10))
    blocks = [vectors, lexical]
    if roles:
        blocks.append(role_features(items))
    return np.hstack(blocks).astype(np.float32)


def predict_sentiment(items: Sequence[Target]) -> list[tuple[str, dict[str, float]]]:
    """Polarity (negative / neutral / positive) toward each target span, with probabilities.

    ``items`` are ``(sentence, start, end)``: the target is ``sentence[start:end]``."""
    if not items:
        return []
    head = load_head("sentiment")
    windows = [target_window(*item) for item in items]
    probs = head.predict_proba(windows, sentiment_dense(items, roles=head.meta.get("roles", False)))
    return [_labelled(head.classes, row) for row in probs]


# --- loaded language -------------------------------------------------------------------------


def intensity_features(sentence: str) -> np.ndarray:
    """How charged the wording is, from VADER's lexicon: strongest |valence|, mean |valence|,
    share of strong (|v| ≥ 2) words, exclamation and all-caps words, quote marks."""
    lexicon = vader_lexicon()
    words = [w for w, _, _ in _words(sentence) if w[0].isalnum()]
    values = [abs(lexicon.get(w, 0.0)) / 4.0 for w in words] or [0.0]
    strong = sum(v >= 0.5 for v in values) / len(values)
    caps = sum(w.isupper() and len(w) > 2 for w in sentence.split())
    return np.array([max(values), float(np.mean(values)) * 4, strong * 4, float("!" in sentence),
                     min(caps, 3) / 3, float(any(q in sentence for q in "\"“”‘"))],
                    dtype=np.float32)


def sentence_dense(sentences: Sequence[str], embeddings: np.ndarray | None = None) -> np.ndarray:
    """MiniLM embedding beside the intensity features (shared by the sentence-level heads)."""
    if embeddings is None:
        embeddings = _encode(list(sentences), max_length=128)
    lexical = [intensity_features(s) for s in sentences]
    return np.hstack([embeddings, np.vstack(lexical) if lexical else np.zeros((0, 6))])


#: Number of columns :func:`lexicon_features` adds.
LEXICON_FEATURES = 6


def lexicon_features(sentences: Sequence[str], lexicon: dict[str, float]) -> np.ndarray:
    """How much of each sentence's wording a word lexicon (word -> weight in 0..1) marks:
    its three highest word weights, their sum over the sentence, and the number of words
    weighing ≥ 0.3 and ≥ 0.15. The loaded head stores its own lexicon in its meta."""
    out = np.zeros((len(sentences), LEXICON_FEATURES), dtype=np.float32)
    for i, sentence in enumerate(sentences):
        weights = sorted((lexicon.get(w, 0.0) for w, _, _ in _words(sentence)), reverse=True)
        top = [*weights[:3], 0.0, 0.0, 0.0]
        out[i] = (top[0], top[1], top[2], sum(weights), sum(w >= 0.3 for w in weights),
                  sum(w >= 0.15 for w in weights))
    return out


_PLURAL = (("ies", "y"), ("es", ""), ("s", ""))


def word_weight(word: str, words: dict[str, float],
                bases: Container[str] | None = None) -> float | None:
    """The lexicon weight of ``word`` (lowercase), or of its singular / base form when only
    that is listed ("atrocities" -> "atrocity", "thugs" -> "thug"). With ``bases``, only those
    entries are matched by their inflections (a word learned from annotations is learned as
    it was written)."""
    weight = words.get(word)
    if weight is not None or len(word) < 5:
        return weight
    for suffix, base in _PLURAL:
        if word.endswith(suffix) and not word.endswith("ss"):
            stem = word[: -len(suffix)] + base
            if bases is None or stem in bases:
                weight = words.get(stem)
            if weight is not None:
                return weight
    return None


def loaded_words(sentence: str) -> list[tuple[int, int, float]]:
    """``(start, end, weight)`` of each word of the loaded-word lexicon (learned from BABE plus
    a curated list, see ``scripts/train/loaded_words.py``) in ``sentence``."""
    lexicon = load_json("loaded_words.json")
    words, threshold = lexicon["words"], lexicon["threshold"]
    bases = lexicon.get("sources", {})
    found = []
    for word, start, end in _words(sentence):
        weight = word_weight(word, words, bases)
        if weight is not None and weight >= threshold:
            found.append((start, end, float(weight)))
    return found


def predict_loaded(sentences: Sequence[str]) -> list[tuple[float, list[tuple[int, int]]]]:
    """For each sentence: the probability it uses loaded (biased) language, and the character
    spans of its loaded words (from the lexicon learned on BABE's word annotations)."""
    if not sentences:
        return []
    head = load_head("loaded")
    probs = head.predict_proba(sentences, sentence_dense(sentences))
    biased = probs[:, head.classes.index("biased")]
    return [(round(float(p), 4), [(a, b) for a, b, _ in loaded_words(s)])
            for p, s in zip(biased, sentences, strict=True)]


# --- check-worthiness ------------------------------------------------------------------------


def predict_checkworthy(sentences: Sequence[str]) -> list[float]:
    """Probability (0..1) that each sentence is a factual claim worth fact-checking."""
    if not sentences:
        return []
    head = load_head("checkworthy")
    dense = _encode(list(sentences), max_length=128)
    probs = head.predict_proba(sentences, dense)[:, head.classes.index("1")]
    return [round(float(p), 4) for p in probs]


# --- sentence roles --------------------------------------------------------------------------
# Only fact vs opinion has training data (BABE's opinion labels), so that part is a trained
# head; question, prescription and prediction are transparent rules checked first, in that
# order, each reporting the words that triggered it:
#   question      the sentence ends with "?" (before closing quotes/brackets);
#   prescription  a deontic modal ("should", "must", "ought to", "need(s) to", "has/have to",
#                 "it is time to") or an imperative opening ("Let us", "Stop", "Don't", ...);
#   prediction    a future construction ("will", "won't", "is expected/likely/set/poised to",
#                 "is going to"), or a hedged modal ("would/could/may/might") with a future
#                 time reference ("next week", "tomorrow", "by 2030", "in the coming months");
#   opinion       the opinion head's probability ≥ its threshold (0.5); otherwise fact.

ROLES = ("fact", "opinion", "prescription", "prediction", "question")
_QUESTION = re.compile(r"\?[\s\"'”’)\]]*$")
_PRESCRIPTION = re.compile(
    r"\b(should(n't| not)?|must(n't| not)?|ought( not)? to|needs? to|ha(s|ve) to|had better|"
    r"it is (high )?time (to|for|that)|it is (imperative|essential|vital) (to|that))\b",
    re.I,
)
_IMPERATIVE = re.compile(
    r"^[\"“'‘(]*(let(’s|'s| us)|stop|don't|don’t|do not|never|imagine|consider|remember|think|"
    r"look|make|tell|call|join|vote|demand|support|give|take|help|end|act|keep|ask|read|listen|"
    r"refuse|reject|stand|fight)\b",
    re.I,
)
_FUTURE = re.compile(
    r"\b(will|won't|won’t|shall|(is|are|was|were) (un)?likely to|(is|are) expected to|"
    r"(is|are) set to|(is|are) poised to|(is|are) (going|about|bound) to)\b",
    re.I,
)
_HEDGED = re.compile(r"\b(would|could|may|might) (likely |probably |soon )?\w+", re.I)
_FUTURE_TIME = re.compile(
    r"\b(next (week|month|year|decade|spring|summer|fall|autumn|winter|election)|tomorrow|"
    r"in the (coming|next) (days|weeks|months|years)|later this (week|month|year)|"
    r"by (the end of )?(20\d\d|next)|soon|in (20[3-9]\d|the future))\b",
    re.I,
)


def rule_role(sentence: str) -> tuple[str, str] | None:
    """The rule-based role of ``sentence`` with the words that triggered it, or None."""
    text = sentence.strip()
    if _QUESTION.search(text):
        return "question", "?"
    for pattern in (_PRESCRIPTION, _IMPERATIVE):
        match = pattern.search(text)
        if match:
            return "prescription", match.group().strip("\"“'‘( ")
    match = _FUTURE.search(text)
    if match:
        return "prediction", match.group()
    hedged, when = _HEDGED.search(text), _FUTURE_TIME.search(text)
    if hedged and when:
        return "prediction", f"{hedged.group()} … {when.group()}"
    return None


def predict_opinion(sentences: Sequence[str]) -> list[float]:
    """Probability that each sentence expresses the writer's opinion (vs. reports facts)."""
    if not sentences:
        return []
    head = load_head("opinion")
    probs = head.predict_proba(sentences, sentence_dense(sentences))
    return [round(float(p), 4) for p in probs[:, head.classes.index("opinion")]]


def predict_role(sentences: Sequence[str]) -> list[tuple[str, dict[str, Any]]]:
    """Role of each sentence (fact / opinion / prescription / prediction / question), with the
    evidence: ``{"opinion": p, "rule": words that triggered a rule or None}``."""
    opinion = predict_opinion(sentences)
    threshold = float(load_head("opinion").meta.get("threshold", 0.5)) if sentences else 0.5
    out = []
    for sentence, p in zip(sentences, opinion, strict=True):
        ruled = rule_role(sentence)
        if ruled is not None:
            out.append((ruled[0], {"opinion": p, "rule": ruled[1]}))
        else:
            out.append(("opinion" if p >= threshold else "fact", {"opinion": p, "rule": None}))
    return out
