"""Loaded-language head (BABE, SG1): biased vs non-biased sentences, scored by 5-fold CV, plus a
loaded-word lexicon learned from the annotators' biased-word lists.

Sentence features: MiniLM embedding, VADER intensity features, TF-IDF of the sentence, and six
word-lexicon features (:func:`manysides.nlp.heads.lexicon_features`) from a lexicon learned on the
biased-word annotations and stored in the head (built inside each CV fold; training rows get theirs
out of fold).
Lexicon weight of a word: times annotated biased / (sentences containing it + 2), kept when
annotated at least once and not a function word; a word is highlighted at weight ≥ threshold.
The data are AGPL-3.0 (BABE); the lexicon and weights are derived statistics, not text.
"""

from __future__ import annotations

import ast
from collections import Counter
from typing import Any

import numpy as np

from ._common import (
    DATA,
    SEED,
    embed,
    heads_dir,
    log,
    macro_f1,
    read_jsonl,
    record_score,
    tfidf_lr_baseline,
)

BABE = DATA / "loaded" / "babe_sg1.jsonl"
TFIDF = {"ngram_range": [1, 2], "sublinear_tf": True, "lowercase": True}
GRID = [(c, s) for c in (0.25, 1.0) for s in (1.0, 2.0)]
THRESHOLD = 0.3
#: Smoothing of the lexicon the head uses as features (the highlighting lexicon uses 2).
FEATURE_PRIOR = 1.0


def load() -> tuple[list[str], list[str], list[list[str]]]:
    rows = [r for r in read_jsonl(BABE) if r["label_bias"] in ("Biased", "Non-biased")]
    words = [[w.lower() for w in ast.literal_eval(r["biased_words"])] for r in rows]
    return [r["text"] for r in rows], [r["label_bias"].lower() for r in rows], words


def babe_embeddings(texts: list[str]) -> np.ndarray:
    """Embeddings of ``texts`` (BABE sentences), from one cache of every BABE sentence."""
    every = [r["text"] for r in read_jsonl(BABE)]
    vectors = embed("babe", every, max_length=128)
    position = {t: i for i, t in enumerate(every)}
    return vectors[[position[t] for t in texts]]


def fit_linear(texts: list[str], labels: list[str], dense: np.ndarray, c: float, scale: float,
               tfidf: dict[str, Any], class_weight: str | None = None,
               annotated: list[list[str]] | None = None, lexicon_scale: float = 1.0) -> Any:
    """A :class:`LinearHead`: TF-IDF (min_df 2) of ``texts`` beside ``dense * scale``, then LR.

    With ``annotated`` (each sentence's biased words), the head also learns a word lexicon from
    them and carries it (``meta["lexicon"]``) as a third block of features; the training rows
    get their lexicon features out of fold, so the model does not trust them more than it
    can on unseen sentences."""
    from scipy import sparse
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    from manysides.nlp.heads import LinearHead

    params = {k: tuple(v) if isinstance(v, list) else v for k, v in tfidf.items()}
    vectorizer = TfidfVectorizer(min_df=2, max_features=50_000, **params).fit(texts)
    blocks = [vectorizer.transform(texts), sparse.csr_matrix(dense * scale)]
    meta: dict[str, Any] = {}
    if annotated is not None:
        blocks.append(sparse.csr_matrix(oof_lexicon_features(texts, labels, annotated)
                                        * lexicon_scale))
        meta = {"lexicon": lexicon(texts, annotated, FEATURE_PRIOR),
                "lexicon_scale": lexicon_scale}
    model = LogisticRegression(C=c, max_iter=3000, random_state=SEED, class_weight=class_weight)
    model.fit(sparse.hstack(blocks).tocsr(), labels)
    return LinearHead(classes=[str(k) for k in model.classes_], coef=model.coef_,
                      intercept=model.intercept_,
                      vocabulary=[str(t) for t in vectorizer.get_feature_names_out()],
                      idf=vectorizer.idf_, tfidf_params=tfidf, dense_scale=scale, meta=meta)


def oof_lexicon_features(texts: list[str], labels: list[str],
                         annotated: list[list[str]]) -> np.ndarray:
    """Lexicon features of ``texts``, each from a lexicon learned without its own fold."""
    from sklearn.model_selection import StratifiedKFold

    from manysides.nlp.heads import LEXICON_FEATURES, lexicon_features

    out = np.zeros((len(texts), LEXICON_FEATURES), dtype=np.float32)
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=SEED + 1)
    for fit_idx, held_idx in folds.split(texts, labels):
        words = lexicon([texts[i] for i in fit_idx], [annotated[i] for i in fit_idx],
                        FEATURE_PRIOR)
        out[held_idx] = lexicon_features([texts[i] for i in held_idx], words)
    return out


def cross_validate(texts: list[str], labels: list[str], dense: np.ndarray, c: float,
                   scale: float, tfidf: dict[str, Any] = TFIDF,
                   annotated: list[list[str]] | None = None, lexicon_scale: float = 1.0) -> float:
    """Macro-F1 of the out-of-fold predictions of a stratified 5-fold CV (seeded). With
    ``annotated``, the word lexicon is learned inside each fold from its training rows only."""
    from sklearn.model_selection import StratifiedKFold

    predicted = np.empty(len(texts), dtype=object)
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=SEED)
    for train_idx, test_idx in folds.split(texts, labels):
        head = fit_linear([texts[i] for i in train_idx], [labels[i] for i in train_idx],
                          dense[train_idx], c, scale, tfidf,
                          annotated=None if annotated is None else
                          [annotated[i] for i in train_idx], lexicon_scale=lexicon_scale)
        probs = head.predict_proba([texts[i] for i in test_idx], dense[test_idx])
        predicted[test_idx] = [head.classes[k] for k in probs.argmax(axis=1)]
    return macro_f1(labels, list(predicted))


def baseline_cv(texts: list[str], labels: list[str]) -> float:
    from sklearn.model_selection import StratifiedKFold

    predicted = np.empty(len(texts), dtype=object)
    classes = sorted(set(labels))
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=SEED)
    for train_idx, test_idx in folds.split(texts, labels):
        probs = tfidf_lr_baseline([texts[i] for i in train_idx], [labels[i] for i in train_idx],
                                  [texts[i] for i in test_idx])
        predicted[test_idx] = [classes[k] for k in probs.argmax(axis=1)]
    return macro_f1(labels, list(predicted))


def lexicon(texts: list[str], annotated: list[list[str]],
            prior: float = 2.0) -> dict[str, float]:
    """Word -> times annotators marked it biased / (sentences containing it + ``prior``)."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    from manysides.nlp.heads import _words

    marked: Counter[str] = Counter(w for words in annotated for w in set(words))
    seen: Counter[str] = Counter(w for t in texts for w in {w for w, _, _ in _words(t)})
    return {w: round(marked[w] / (seen[w] + prior), 3) for w in sorted(marked)
            if w not in ENGLISH_STOP_WORDS and w.isascii() and len(w) > 2 and w[0].isalpha()}


def train() -> None:
    from manysides.nlp.heads import save_head, sentence_dense

    from . import loaded_words

    texts, labels, annotated = load()
    log(f"loaded: {Counter(labels)}")
    dense = sentence_dense(texts, babe_embeddings(texts))
    results = []
    for c, scale in GRID:
        score = cross_validate(texts, labels, dense, c, scale, annotated=annotated)
        log(f"loaded: C={c} scale={scale} 5-fold macro-F1 {score:.4f}")
        results.append((score, c, scale))
    score, c, scale = max(results)
    without = cross_validate(texts, labels, dense, c, scale)
    head = fit_linear(texts, labels, dense, c, scale, TFIDF, annotated=annotated)
    head.meta.update({"C": c, "dense_scale": scale})
    save_head(heads_dir() / "loaded.npz", head)
    words = lexicon(texts, annotated)
    loaded_words.train()  # the highlighting lexicon: these words plus the curated ones
    record_score("loaded", {
        "metric": "macro-F1 biased/non-biased, stratified 5-fold CV (seed 13); the word "
                  "lexicon is learned inside each fold",
        "score": round(score, 4), "score_without_lexicon_features": round(without, 4),
        "baseline_tfidf_lr": round(baseline_cv(texts, labels), 4),
        "data": ["loaded/babe_sg1.jsonl"], "chosen": {"C": c, "dense_scale": scale},
        "grid": GRID, "lexicon_words": len(words),
        "lexicon_highlighted": sum(v >= THRESHOLD for v in words.values()),
    })


def prepare() -> None:
    babe_embeddings(load()[0])
