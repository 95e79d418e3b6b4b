"""Check-worthiness head: is this sentence a factual claim worth checking? (0..1)

Trained on CheckThat! 2019 debate lines plus the ClaimBuster sentences. Two logistic regressions,
one on TF-IDF (the baseline's exact configuration) and one on the MiniLM embedding, blended in
logit space: ``alpha * tfidf_logit + (1 - alpha) * embedding_logit``, which is again one linear
head over ``[tfidf | embedding]``. Scored as MAP per debate, leave-one-debate-out on ct19 (each
fold trains on the other debates + all of ClaimBuster); ``alpha = 1`` is the baseline itself.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from typing import Any

import numpy as np

from ._common import DATA, SEED, baseline_model, embed, heads_dir, log, read_jsonl, record_score

CT19 = DATA / "checkworthy" / "ct19_train.jsonl"
CLAIMBUSTER = DATA / "checkworthy" / "claimbuster_kfold_25ncs.csv"
ALPHAS = (1.0, 0.8, 0.5)  # 1.0 = the TF-IDF + LR baseline


def load() -> tuple[list[str], list[str], list[str]]:
    """(texts, labels "1"/"0", debate ids — "claimbuster" for the ClaimBuster rows)."""
    ct = read_jsonl(CT19)
    with open(CLAIMBUSTER, newline="", encoding="utf-8") as handle:
        cb = list(csv.DictReader(handle))
    texts = [r["text"] for r in ct] + [r["text"] for r in cb]
    labels = [str(r["checkworthy"]) for r in ct] + [str(r["label"]) for r in cb]
    groups = [r["debate"] for r in ct] + ["claimbuster"] * len(cb)
    return texts, labels, groups


def average_precision(labels: list[str], scores: np.ndarray) -> float:
    order = np.argsort(-scores, kind="stable")
    hits, total = 0, 0.0
    for rank, i in enumerate(order, start=1):
        if labels[i] == "1":
            hits += 1
            total += hits / rank
    return total / hits if hits else 0.0


def fit_parts(texts: list[str], labels: list[str], dense: np.ndarray) -> tuple[Any, Any, Any]:
    """(vectorizer, TF-IDF regression, embedding regression)."""
    from sklearn.linear_model import LogisticRegression

    vectorizer, text_model = baseline_model(texts, labels)
    dense_model = LogisticRegression(C=1.0, max_iter=2000, class_weight="balanced",
                                     random_state=SEED).fit(dense, labels)
    return vectorizer, text_model, dense_model


def blend(parts: tuple[Any, Any, Any], alpha: float) -> Any:
    """One :class:`LinearHead` whose logit is the alpha-blend of the two regressions."""
    from manysides.nlp.heads import LinearHead

    vectorizer, text_model, dense_model = parts
    return LinearHead(
        classes=[str(k) for k in text_model.classes_],
        coef=np.hstack([alpha * text_model.coef_, (1 - alpha) * dense_model.coef_]),
        intercept=alpha * text_model.intercept_ + (1 - alpha) * dense_model.intercept_,
        vocabulary=[str(t) for t in vectorizer.get_feature_names_out()],
        idf=vectorizer.idf_, tfidf_params={"ngram_range": [1, 2], "sublinear_tf": True},
        dense_scale=1.0,
    )


def leave_debates_out(texts: list[str], labels: list[str], groups: list[str],
                      dense: np.ndarray, alphas: tuple[float, ...] = ALPHAS) -> dict[float, float]:
    """MAP over the ct19 debates for each blend weight (one pair of fits per fold)."""
    by_group: dict[str, list[int]] = defaultdict(list)
    for i, g in enumerate(groups):
        by_group[g].append(i)
    per_alpha: dict[float, list[float]] = {a: [] for a in alphas}
    for debate in sorted(g for g in by_group if g != "claimbuster"):
        test_idx = np.array(by_group[debate])
        train_idx = np.array([i for i, g in enumerate(groups) if g != debate])
        parts = fit_parts([texts[i] for i in train_idx], [labels[i] for i in train_idx],
                          dense[train_idx])
        test_texts, test_labels = [texts[i] for i in test_idx], [labels[i] for i in test_idx]
        for alpha in alphas:
            head = blend(parts, alpha)
            scores = head.predict_proba(test_texts, dense[test_idx])[:, 1]
            per_alpha[alpha].append(average_precision(test_labels, scores))
    return {a: float(np.mean(v)) for a, v in per_alpha.items()}


def train() -> None:
    from manysides.nlp.heads import save_head

    texts, labels, groups = load()
    dense = embed("checkworthy", texts, max_length=128)
    scores = leave_debates_out(texts, labels, groups, dense)
    for alpha, score in scores.items():
        log(f"checkworthy: alpha={alpha} MAP {score:.4f}")
    alpha = max((a for a in ALPHAS if a < 1.0), key=lambda a: scores[a])
    head = blend(fit_parts(texts, labels, dense), alpha)
    head.meta = {"alpha": alpha}
    save_head(heads_dir() / "checkworthy.npz", head)
    record_score("checkworthy", {
        "metric": "MAP per debate, leave-one-debate-out on ct19 (+ all ClaimBuster in train)",
        "score": round(scores[alpha], 4), "baseline_tfidf_lr": round(scores[1.0], 4),
        "data": ["checkworthy/ct19_train.jsonl", "checkworthy/claimbuster_kfold_25ncs.csv"],
        "chosen": {"alpha": alpha}, "alphas": list(ALPHAS),
    })


def prepare() -> None:
    embed("checkworthy", load()[0], max_length=128)
