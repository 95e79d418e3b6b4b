"""Shared by the head trainers: data paths, a disk cache for embeddings, scores and baselines."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import sys
import time
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("MANYSIDES_SHARED", ROOT.parent / "shared"))
DATA = SHARED / "data"
CACHE = Path(os.environ.get("MANYSIDES_EMB_CACHE", "/tmp/manysides-emb-cache"))
SEED = 13


def heads_dir() -> Path:
    from manysides.nlp.heads import HEADS_DIR

    return HEADS_DIR


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    opener: Callable[..., Any] = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def cached(name: str, texts: Sequence[str], compute: Callable[[list[str]], np.ndarray],
           block: int = 512) -> np.ndarray:
    """``compute(texts)`` in blocks, each block cached on disk by the hash of its texts."""
    CACHE.mkdir(parents=True, exist_ok=True)
    parts = []
    started = time.time()
    for at in range(0, len(texts), block):
        chunk = list(texts[at : at + block])
        key = hashlib.sha1("\x00".join(chunk).encode("utf-8")).hexdigest()[:16]
        path = CACHE / f"{name}-{key}.npy"
        if path.is_file():
            parts.append(np.load(path))
            continue
        result = compute(chunk)
        np.save(path, result)
        parts.append(result)
        log(f"{name}: {at + len(chunk)}/{len(texts)} in {time.time() - started:.0f}s")
    return np.concatenate(parts) if parts else np.zeros((0, 384), dtype=np.float32)


def embed(name: str, texts: Sequence[str], max_length: int = 256) -> np.ndarray:
    from manysides.nlp.encoder import encode

    return cached(f"{name}-L{max_length}", texts,
                  lambda chunk: encode(chunk, batch_size=16, max_length=max_length))


def macro_f1(gold: Sequence[Any], pred: Sequence[Any]) -> float:
    from sklearn.metrics import f1_score

    return float(f1_score(gold, pred, average="macro"))


def baseline_model(train_x: Sequence[str], train_y: Sequence[Any]) -> tuple[Any, Any]:
    """The same-run baseline: TF-IDF (1-2 grams, sublinear, min_df 2, ≤100k terms) + logistic
    regression, C=1, balanced classes. Returns (vectorizer, model)."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2,
                                 max_features=100_000)
    x = vectorizer.fit_transform(train_x)
    model = LogisticRegression(C=1.0, max_iter=2000, class_weight="balanced")
    return vectorizer, model.fit(x, train_y)


def tfidf_lr_baseline(train_x: Sequence[str], train_y: Sequence[Any],
                      test_x: Sequence[str]) -> np.ndarray:
    """Probabilities of :func:`baseline_model` on ``test_x`` (columns: sorted labels)."""
    vectorizer, model = baseline_model(train_x, train_y)
    return model.predict_proba(vectorizer.transform(test_x))


def record_score(head: str, entry: dict[str, Any]) -> None:
    """Write ``entry`` (with today's date) as ``head`` in heads/scores.json."""
    path = heads_dir() / "scores.json"
    scores = json.loads(path.read_text()) if path.is_file() else {}
    entry = {"date": date.today().isoformat(), **entry}
    scores[head] = entry
    path.write_text(json.dumps(scores, indent=2, sort_keys=True) + "\n")
    log(f"{head}: {json.dumps(entry)}")
