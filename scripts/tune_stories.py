"""Choose the story-clustering threshold on the AllSides roundups train split; record it.

Each roundup holds the left, centre and right outlets' headline and lead of one story. A fixed
sample of train roundups (seeded) is cut into pools of ``--pool-size`` roundups (about the size
of the val split); the articles of a pool are shuffled together and clustered with
:func:`manysides.compare.stories.cluster_similarity`; each roundup's articles are the gold
story. The threshold with the best mean B-cubed F1 over the pools (grid 0.20 ... 0.95, step
0.01; the first best wins) is written, with its train scores, to
``src/manysides/data/stories.json``. Everything is seeded, so a rerun gives the same threshold.

With ``--events`` the sampled articles first go through the event stage, as they do in
``analyze``, so the shared-evidence and lead-happening terms of the similarity take part; with
``--happening-grid`` the lead-happening weight, baseline and decay
(:data:`manysides.compare.stories.HAPPENING_WEIGHT` ...) are searched too and every row printed
(the packaged values were chosen so: the best train F1).

The benchmark (``benchmarks/compare.py``) imports the helpers here, so the TF-IDF baseline's
threshold is chosen in exactly the same way.

    python scripts/tune_stories.py [--roundups 600] [--pool-size 300] [--cache /tmp/x.npz]
                                   [--events] [--happening-grid]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

import numpy as np

from manysides.compare.stories import cluster_similarity, embed_articles, similarity_matrix
from manysides.model import Article

ROOT = Path(__file__).resolve().parents[1]
ROUNDUPS = ROOT.parent / "shared" / "data" / "roundups"
OUT = ROOT / "src" / "manysides" / "data" / "stories.json"
GRID = tuple(round(0.20 + 0.01 * k, 2) for k in range(76))

Pool = tuple[list[Article], np.ndarray]  # articles, gold story number per article
Similarity = Callable[[list[Article]], np.ndarray]


def read_roundups(path: Path) -> list[list[Article]]:
    """One list of Articles (title + lead) per roundup; ids ``<roundup id>-<k>``."""
    roundups = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            roundups.append([
                Article(id=f"{record['id']}-{k}", text=item["text"], title=item["title"])
                for k, item in enumerate(record["articles"])
            ])
    return roundups


def make_pools(roundups: Sequence[list[Article]], pool_size: int, seed: int = 0) -> list[Pool]:
    """Shuffle the roundups, cut them into pools of ``pool_size``, shuffle each pool's articles."""
    rng = random.Random(seed)
    order = list(range(len(roundups)))
    rng.shuffle(order)
    pools = []
    for start in range(0, len(order), pool_size):
        items = [(a, story) for story in order[start : start + pool_size]
                 for a in roundups[story]]
        rng.shuffle(items)
        pools.append(([a for a, _ in items], np.array([s for _, s in items])))
    return pools


def bcubed(pred: np.ndarray, gold: np.ndarray) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 (Bagga and Baldwin 1998), averaged over items."""
    same_pred = pred[:, None] == pred[None, :]
    same_gold = gold[:, None] == gold[None, :]
    both = (same_pred & same_gold).sum(axis=1)
    precision = float(np.mean(both / same_pred.sum(axis=1)))
    recall = float(np.mean(both / same_gold.sum(axis=1)))
    return precision, recall, 2 * precision * recall / (precision + recall)


def score(sims: Sequence[np.ndarray], golds: Sequence[np.ndarray],
          threshold: float) -> tuple[float, float, float]:
    """Mean B-cubed (P, R, F1) over pools at one threshold."""
    rows = [bcubed(cluster_similarity(s, threshold), g) for s, g in zip(sims, golds, strict=True)]
    p, r, f = (float(np.mean(col)) for col in zip(*rows, strict=True))
    return p, r, f


def choose_threshold(sims: Sequence[np.ndarray], golds: Sequence[np.ndarray],
                     grid: Sequence[float] = GRID) -> tuple[float, tuple[float, float, float]]:
    """The grid threshold with the best mean F1 (the first, on ties), and its scores."""
    best = (grid[0], score(sims, golds, grid[0]))
    for threshold in grid[1:]:
        result = score(sims, golds, threshold)
        if result[2] > best[1][2]:
            best = (threshold, result)
    return best


class CachedEncoder:
    """The packaged encoder with an on-disk cache of text → vector (for re-runs while tuning)."""

    def __init__(self, path: Path | None) -> None:
        from manysides.nlp.encoder import get_encoder

        self.path, self.encoder = path, get_encoder()
        self.cache: dict[str, np.ndarray] = {}
        if path is not None and path.exists():
            self.cache = dict(np.load(path))

    def encode(self, texts: list[str]) -> np.ndarray:
        keys = [hashlib.sha1(t.encode("utf-8")).hexdigest() for t in texts]
        missing = list(dict.fromkeys(k for k in keys if k not in self.cache))
        if missing:
            todo = {k: t for k, t in zip(keys, texts, strict=True) if k in set(missing)}
            for key, vector in zip(todo, self.encoder.encode(list(todo.values())), strict=True):
                self.cache[key] = vector
            if self.path is not None:  # write then rename: an interrupted run keeps the old file
                partial = self.path.with_suffix(".partial.npz")
                np.savez(partial, **self.cache)
                partial.replace(self.path)
        return np.stack([self.cache[k] for k in keys]) if keys else np.zeros((0, 384))


def minilm_similarity(encoder: CachedEncoder | None = None) -> Similarity:
    """The similarity ``cluster_stories`` uses (MiniLM pieces + evidence), as a function."""

    def similarity(articles: list[Article]) -> np.ndarray:
        return similarity_matrix(articles, embed_articles(articles, encoder).articles)

    return similarity


def sample_train(n_roundups: int, seed: int = 0) -> list[list[Article]]:
    roundups = read_roundups(ROUNDUPS / "neus_train.jsonl")
    rng = random.Random(seed)
    return rng.sample(roundups, n_roundups) if n_roundups < len(roundups) else roundups


def with_events(roundups: list[list[Article]]) -> list[list[Article]]:
    """The roundups' articles through the event stage (mentions and events), as in analyze."""
    from manysides.stages import run_stages

    done = {a.id: a for a in run_stages([a for r in roundups for a in r],
                                        ["manysides.events.rules.v1"])}
    return [[done[a.id] for a in roundup] for roundup in roundups]


def tune(similarity: Similarity, n_roundups: int, pool_size: int,
         seed: int = 0, events: bool = False) -> tuple[float, tuple[float, float, float]]:
    """Threshold and train scores for ``similarity`` on the seeded train sample."""
    roundups = sample_train(n_roundups, seed)
    pools = make_pools(with_events(roundups) if events else roundups, pool_size, seed)
    sims = [similarity(articles) for articles, _ in pools]
    return choose_threshold(sims, [gold for _, gold in pools])


def happening_grid(similarity: Similarity, n_roundups: int, pool_size: int,
                   seed: int = 0) -> None:
    """Print the best threshold and train B-cubed for each lead-happening setting."""
    from manysides.compare import stories

    pools = make_pools(with_events(sample_train(n_roundups, seed)), pool_size, seed)
    golds = [gold for _, gold in pools]
    for decay in (300.0, 600.0, 1200.0):
        for weight in (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6):
            for baseline in (0.2, 0.3, 0.4, 0.5):
                stories.LEAD_DECAY_CHARS, stories.HAPPENING_WEIGHT = decay, weight
                stories.HAPPENING_BASELINE = baseline
                threshold, (p, r, f) = choose_threshold(
                    [similarity(articles) for articles, _ in pools], golds)
                print(f"decay {decay:.0f} weight {weight} baseline {baseline} threshold "
                      f"{threshold:.2f} B3 P {p:.4f} R {r:.4f} F1 {f:.4f}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--roundups", type=int, default=600, help="train roundups sampled")
    parser.add_argument("--pool-size", type=int, default=300, help="roundups per pool")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--cache", type=Path, default=None, help="embedding cache (.npz)")
    parser.add_argument("--dry-run", action="store_true", help="print, do not write the JSON")
    parser.add_argument("--events", action="store_true",
                        help="run the event stage over the sample first (as analyze does)")
    parser.add_argument("--happening-grid", action="store_true",
                        help="print the lead-happening grid (implies --events); write nothing")
    args = parser.parse_args()
    similarity = minilm_similarity(CachedEncoder(args.cache))
    if args.happening_grid:
        happening_grid(similarity, args.roundups, args.pool_size, args.seed)
        return
    threshold, (p, r, f) = tune(similarity, args.roundups, args.pool_size, args.seed,
                                args.events)
    from manysides.compare import stories

    record = {
        "threshold": threshold,
        "linkage": "average",
        "train_bcubed": {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)},
        "data": "roundups/neus_train.jsonl",
        "events": args.events,
        "happening": {"weight": stories.HAPPENING_WEIGHT, "baseline": stories.HAPPENING_BASELINE,
                      "decay_chars": stories.LEAD_DECAY_CHARS},
        "sample": {"roundups": args.roundups, "pool_size": args.pool_size, "seed": args.seed},
        "grid": [GRID[0], GRID[-1], 0.01],
        "date": date.today().isoformat(),
    }
    print(json.dumps(record, indent=2))
    if not args.dry_run:
        OUT.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
