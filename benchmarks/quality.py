"""Quality and speed of the trained heads, each beside a TF-IDF + logistic-regression baseline
trained and scored in the same run.

    python benchmarks/quality.py                    # every head
    python benchmarks/quality.py --heads lean,sentiment

Scores: lean macro-F1 on valid (outlets unseen in train), per article and with each outlet's
articles pooled as the outlet profile does; NewsMTSC F1m on dev_rw and dev_mt;
BABE macro-F1 by stratified 5-fold CV (loaded language, and opinion vs fact for roles);
check-worthiness MAP per debate, leave-one-debate-out on ct19. The shipped head files are scored
directly where there is a dev set; CV scores retrain with the shipped head's hyperparameters.
Throughput is items/s of the public ``predict_*`` call on up to 256 dev items, model loaded.
Embeddings of the dev data are cached in /tmp/manysides-emb-cache (see scripts/train_heads.py).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

HEADS = ("lean", "sentiment", "loaded", "checkworthy", "roles")
SAMPLE = 256


def throughput(predict: Callable[[Sequence[Any]], Any], items: Sequence[Any]) -> float:
    items = list(items)[:SAMPLE]
    predict(items[:2])  # load the head and the encoder outside the clock
    started = time.perf_counter()
    predict(items)
    return len(items) / (time.perf_counter() - started)


def lean() -> list[tuple[str, float, float, float]]:
    from train import lean as t

    from manysides.nlp.heads import load_head, predict_lean

    valid_x, valid_y, valid_o = t.load(t.VALID)
    head = load_head("lean")
    chunks = int(head.meta.get("chunks", 1))  # chunks spread over each article, pooled
    probs = head.predict_proba(valid_x, t.embeddings("valid", valid_x, chunks))
    score = t.macro_f1(valid_y, [head.classes[i] for i in probs.argmax(axis=1)])
    base_probs, base_classes = t.baseline_proba()
    base = t.macro_f1(valid_y, [base_classes[i] for i in base_probs.argmax(axis=1)])
    rows = t.read_jsonl(t.VALID)
    speed = throughput(lambda rs: predict_lean([r["text"] for r in rs],
                                               [r.get("title") for r in rs],
                                               [r["outlet"] for r in rs]), rows)
    # The outlet profile's lean: the mean of its articles' probabilities, every article then
    # scored with its outlet's label (valid's labels are AllSides' outlet ratings). Not the
    # article-level measure: it needs several articles of the outlet in one analysis.
    pooled = t.macro_f1(valid_y, t.outlet_pooled(probs, head.classes, valid_o))
    base_pooled = t.macro_f1(valid_y, t.outlet_pooled(base_probs, base_classes, valid_o))
    return [("lean macro-F1 (valid)", score, base, speed),
            ("lean macro-F1 (valid, outlets pooled)", pooled, base_pooled, speed)]


def sentiment() -> list[tuple[str, float, float, float]]:
    from train import sentiment as t

    from manysides.nlp.heads import load_head, predict_sentiment

    head = load_head("sentiment")
    base = t.baseline()
    speed = throughput(predict_sentiment, t.load("dev_rw")[0])
    return [(f"sentiment F1m ({split})", t.score(head, split), base[split], speed)
            for split in ("dev_rw", "dev_mt")]


def loaded() -> list[tuple[str, float, float, float]]:
    from train import loaded as t

    from manysides.nlp.heads import load_head, predict_loaded, sentence_dense

    texts, labels, annotated = t.load()
    meta = load_head("loaded").meta
    dense = sentence_dense(texts, t.babe_embeddings(texts))
    # the word lexicon (when the head carries one) is relearned inside each fold
    score = t.cross_validate(texts, labels, dense, meta["C"], meta["dense_scale"],
                             annotated=annotated if meta.get("lexicon") else None,
                             lexicon_scale=float(meta.get("lexicon_scale", 1.0)))
    return [("loaded macro-F1 (BABE 5-fold)", score, t.baseline_cv(texts, labels),
             throughput(predict_loaded, texts))]


def checkworthy() -> list[tuple[str, float, float, float]]:
    from train import checkworthy as t

    from manysides.nlp.heads import load_head, predict_checkworthy

    texts, labels, groups = t.load()
    alpha = float(load_head("checkworthy").meta["alpha"])
    dense = t.embed("checkworthy", texts, max_length=128)
    # alpha = 1 is exactly the TF-IDF + LR baseline, fitted in the same folds of this run
    scores = t.leave_debates_out(texts, labels, groups, dense, (1.0, alpha))
    return [("checkworthy MAP (ct19 LODO)", scores[alpha], scores[1.0],
             throughput(predict_checkworthy, texts))]


def roles() -> list[tuple[str, float, float, float]]:
    from train import roles as t
    from train.loaded import babe_embeddings, baseline_cv, cross_validate

    from manysides.nlp.heads import load_head, predict_role, sentence_dense

    texts, labels = t.load()
    meta = load_head("opinion").meta
    dense = sentence_dense(texts, babe_embeddings(texts))
    score = cross_validate(texts, labels, dense, meta["C"], meta["dense_scale"])
    return [("roles opinion/fact macro-F1 (5-fold)", score, baseline_cv(texts, labels),
             throughput(predict_role, texts))]


def attribution() -> list[tuple[str, float, float, float]]:
    """Relation F1 on PolNeAR dev (see benchmarks/attribution.py for every role)."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import attribution as t

    result = t.evaluate("dev")
    t.report(result)
    system, base = result["system"], result["baseline"]
    assert isinstance(system, dict) and isinstance(base, dict)
    return [("attribution relation F1 (PolNeAR dev)", system["relation"].prf()[2],
             base["relation"].prf()[2], float(result["rate"]))]  # type: ignore[arg-type]


HEADS = (*HEADS, "attribution")  # type: ignore[assignment]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="dev scores and throughput of the heads")
    parser.add_argument("--heads", default=",".join(HEADS),
                        help=f"comma-separated subset of {', '.join(HEADS)}")
    args = parser.parse_args(argv)
    chosen = [h.strip() for h in args.heads.split(",") if h.strip()]
    unknown = sorted(set(chosen) - set(HEADS))
    if unknown:
        parser.error(f"unknown head(s) {unknown}; choose from {', '.join(HEADS)}")
    print(f"{'measure':<40} {'head':>8} {'baseline':>9} {'delta':>7} {'items/s':>9}")
    for name in chosen:
        for measure, score, base, speed in globals()[name]():
            print(f"{measure:<40} {score:>8.4f} {base:>9.4f} {score - base:>+7.4f} "
                  f"{speed:>9.1f}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
