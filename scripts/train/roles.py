"""Opinion head for sentence roles: fact vs opinion from BABE's opinion labels.

"Entirely factual" -> fact, "Expresses writer's opinion" -> opinion; the mixed ("Somewhat factual
but also opinionated") and "No agreement" rows are left out of training. Scored by stratified
5-fold CV macro-F1. Question / prescription / prediction are rules in manysides.nlp.heads.
"""

from __future__ import annotations

from collections import Counter

from ._common import DATA, heads_dir, log, read_jsonl, record_score
from .loaded import TFIDF, babe_embeddings, baseline_cv, cross_validate, fit_linear

BABE = DATA / "loaded" / "babe_sg1.jsonl"
LABELS = {"Entirely factual": "fact", "Expresses writer’s opinion": "opinion"}
GRID = [(c, s) for c in (0.25, 1.0) for s in (1.0, 2.0)]


def load() -> tuple[list[str], list[str]]:
    rows = [r for r in read_jsonl(BABE) if r["label_opinion"] in LABELS]
    return [r["text"] for r in rows], [LABELS[r["label_opinion"]] for r in rows]


def train() -> None:
    from manysides.nlp.heads import save_head, sentence_dense

    texts, labels = load()
    log(f"roles/opinion: {Counter(labels)}")
    dense = sentence_dense(texts, babe_embeddings(texts))
    results = []
    for c, scale in GRID:
        score = cross_validate(texts, labels, dense, c, scale)
        log(f"roles/opinion: C={c} scale={scale} 5-fold macro-F1 {score:.4f}")
        results.append((score, c, scale))
    score, c, scale = max(results)
    head = fit_linear(texts, labels, dense, c, scale, TFIDF)
    head.meta = {"C": c, "dense_scale": scale, "threshold": 0.5}
    save_head(heads_dir() / "opinion.npz", head)
    record_score("roles", {
        "metric": "opinion vs fact macro-F1, stratified 5-fold CV on BABE (seed 13); "
                  "question/prescription/prediction are rules",
        "score": round(score, 4), "baseline_tfidf_lr": round(baseline_cv(texts, labels), 4),
        "data": ["loaded/babe_sg1.jsonl"], "chosen": {"C": c, "dense_scale": scale},
        "grid": GRID,
    })


def prepare() -> None:
    babe_embeddings(load()[0])
