"""Cross-outlet comparison benchmarks on the AllSides roundups val split (one function each).

Story clustering quality: the val roundups are shuffled with a fixed seed and cut into pools of
N roundups (N = 10, 30, 100 and all 307); each pool's articles (headline + lead, left, centre and
right) are shuffled together and clustered; each roundup is a gold story. B-cubed precision,
recall and F1, averaged over the pools, for

* ``manysides``: :func:`manysides.compare.stories.cluster_stories`'s similarity (MiniLM pieces
  blended with batch TF-IDF) at the threshold in ``data/stories.json``;
* ``tfidf``: TF-IDF cosine alone, same average-linkage clustering, its threshold chosen in this
  run on the same train sample in the same way (``scripts/tune_stories.py``).

Throughput: :func:`cluster_stories` end to end (embedding included, encoder already loaded) on all
921 val articles, in articles/s of wall and CPU time.

    python benchmarks/compare.py [--cache /tmp/emb.npz]
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
from _common import Clock
from tune_stories import (
    ROUNDUPS,
    CachedEncoder,
    make_pools,
    minilm_similarity,
    read_roundups,
    score,
    tune,
)

from manysides.compare.stories import cluster_stories, lexical_similarity, settings
from manysides.model import Article

VAL = ROUNDUPS / "neus_val.jsonl"
POOL_SIZES = (10, 30, 100, 307)
SEED = 0

Similarity = Callable[[list[Article]], np.ndarray]


def story_clustering_quality(similarity: Similarity, threshold: float,
                             pool_size: int) -> tuple[float, float, float]:
    """Mean B-cubed (P, R, F1) over val pools of ``pool_size`` roundups."""
    pools = make_pools(read_roundups(VAL), pool_size, SEED)
    sims = [similarity(articles) for articles, _ in pools]
    return score(sims, [gold for _, gold in pools], threshold)


def baseline_threshold(n_roundups: int, pool_size: int) -> float:
    """The TF-IDF baseline's threshold, chosen on train exactly as ours was."""
    threshold, (_, _, f1) = tune(lexical_similarity, n_roundups, pool_size, SEED)
    print(f"tfidf baseline: threshold {threshold:.2f} (train F1 {f1:.3f})")
    return threshold


def story_clustering_throughput() -> tuple[int, float, float]:
    """(articles, wall s, CPU s) of cluster_stories on all val articles, encoder loaded."""
    from manysides.nlp.encoder import get_encoder

    get_encoder().encode(["warm up"])
    articles = [a for roundup in read_roundups(VAL) for a in roundup]
    with Clock() as clock:
        cluster_stories(articles)
    return len(articles), clock.wall, clock.cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cache", type=Path, default=None,
                        help="embedding cache for the quality part (.npz)")
    args = parser.parse_args()
    tuned = settings()
    sample = tuned["sample"]
    ours = minilm_similarity(CachedEncoder(args.cache))
    base = baseline_threshold(sample["roundups"], sample["pool_size"])
    print(f"manysides: threshold {tuned['threshold']:.2f} "
          f"(train F1 {tuned['train_bcubed']['f1']:.3f})")
    print(f"{'pool (roundups)':>15} {'system':>10} {'B3 P':>6} {'B3 R':>6} {'B3 F1':>6}")
    for size in POOL_SIZES:
        for name, sim, cut in (("tfidf", lexical_similarity, base),
                               ("manysides", ours, float(tuned["threshold"]))):
            p, r, f = story_clustering_quality(sim, cut, size)
            print(f"{size:>15} {name:>10} {p:>6.3f} {r:>6.3f} {f:>6.3f}")
    n, wall, cpu = story_clustering_throughput()
    print(f"throughput: {n} articles in {wall:.1f} s wall ({n / wall:.1f} articles/s), "
          f"{cpu:.1f} s CPU ({n / cpu:.1f} articles/CPU-s)")


if __name__ == "__main__":
    main()
