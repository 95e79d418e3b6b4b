"""Choose the story-clustering threshold and density settings on the AllSides roundups train
split; record them.

Each roundup holds the left, centre and right outlets' headline and lead of one story. A fixed
sample of train roundups (seeded) is cut into pools of each of ``--pool-sizes`` roundups (10 to
300: a few dozen articles up to the size of the val split; every size cut from the same seeded
shuffle); the articles of a pool are shuffled together and clustered with
:func:`manysides.compare.clustering.cluster_similarity` after
:func:`~manysides.compare.clustering.scale_by_density`; each roundup's articles are the gold story.
The score of a setting is its B-cubed F1 averaged over the pools of each size, then over the
sizes (so small and large batches count alike). Every density setting of :data:`DENSITY_GRID`
is tried with every threshold of the grid (0.20 ... 0.95, step 0.01); the best (the first, on
ties) is written, with its train scores per size, to ``src/manysides/data/stories.json``.
Everything is seeded, so a rerun gives the same choice.

Two density settings are not searched freely, because the roundups (three articles a story)
cannot show what they are for: a batch that is one story must stay one story, and train F1
alone prefers a stricter first pass and more own-story crowding, which split it again.
``first_cut`` stays at its default, 0.6 (the first pass chains pairs at least 0.4 similar, a
little looser than the plain clustering's cut of 0.64 without the density: every report of one
event has such a partner; at 0.5 the four alike texts of
``test_stories_reference_dates_keep_similar_texts_apart`` were split), and ``own_share``, the
share of an article's own story still counted as crowding, is searched only up to 0.5 (with
``first_cut`` 0.5, train F1 rose from 0.951 to 0.952 at 0.75, which split the invented
twelve-report batch of ``tests/compare/test_stories_one_story.py``). With the packaged settings
a one-story batch holds, roughly, when its mean pair similarity is at least its articles' mean
similarity to their 3 nearest less 0.1 (or at least 0.45).

With ``--events`` the sampled articles first go through the event stage, as they do in
``analyze``, so the shared-evidence and lead-happening terms of the similarity take part; with
``--happening-grid`` the lead-happening weight, baseline and decay
(:data:`manysides.compare.stories.HAPPENING_WEIGHT` ...) are searched too and every row printed
(the packaged values were chosen so: the best train F1, before the density term existed).

The benchmark (``benchmarks/compare.py``) imports the helpers here, so the TF-IDF baseline's
threshold is chosen in exactly the same way (on the same pools, without the density term).

    python scripts/tune_stories.py [--roundups 600] [--pool-sizes 10 30 100 300]
                                   [--cache /tmp/x.npz] [--events] [--happening-grid]
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

from manysides.compare.clustering import Density, cut_tree, linkage_tree, scale_by_density
from manysides.compare.stories import density_settings, embed_articles, similarity_matrix
from manysides.model import Article

ROOT = Path(__file__).resolve().parents[1]
ROUNDUPS = ROOT.parent / "shared" / "data" / "roundups"
OUT = ROOT / "src" / "manysides" / "data" / "stories.json"
GRID = tuple(round(0.20 + 0.01 * k, 2) for k in range(76))
POOL_SIZES = (10, 30, 100, 300)
#: Density settings tried (with ``weight`` 0: none); ``floor`` and ``first_cut`` stay at their
#: defaults, ``own_share`` at most 0.5 (see above).
DENSITY_GRID = (Density(weight=0.0), *(
    Density(neighbours=k, weight=w, cap=c, own_share=share)
    for k in (3, 5, 8) for w in (1.0, 1.5, 2.0) for c in (0.45, 0.5, 0.55)
    for share in (0.0, 0.25, 0.5)))

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
    return score_grid(sims, golds, (threshold,))[0]


def score_grid(sims: Sequence[np.ndarray], golds: Sequence[np.ndarray],
               grid: Sequence[float]) -> list[tuple[float, float, float]]:
    """Mean B-cubed (P, R, F1) over pools at each threshold of ``grid`` (one tree a pool)."""
    rows = np.zeros((len(grid), len(sims), 3))
    for p, (sim, gold) in enumerate(zip(sims, golds, strict=True)):
        tree = linkage_tree(sim)
        for t, threshold in enumerate(grid):
            rows[t, p] = bcubed(cut_tree(tree, threshold, sim.shape[0]), gold)
    return [(float(p), float(r), float(f)) for p, r, f in rows.mean(axis=1)]


Scores = tuple[float, float, float]


def choose_threshold(sized: Sequence[tuple[Sequence[np.ndarray], Sequence[np.ndarray]]],
                     grid: Sequence[float] = GRID) -> tuple[float, Scores, list[Scores]]:
    """The grid threshold with the best F1 averaged over pool sizes (the first, on ties): it,
    the size-averaged scores, and the scores for each size. ``sized``: (sims, golds) a size."""
    per_size = [score_grid(sims, golds, grid) for sims, golds in sized]
    means = [tuple(float(np.mean([size[t][m] for size in per_size])) for m in range(3))
             for t in range(len(grid))]
    best = max(range(len(grid)), key=lambda t: (means[t][2], -t))
    p, r, f = means[best]
    return grid[best], (p, r, f), [size[best] for size in per_size]


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


def minilm_similarity(encoder: CachedEncoder | None = None,
                      density: Density | None = None) -> Similarity:
    """The similarity ``cluster_stories`` clusters (MiniLM pieces + evidence, scaled by the
    neighbourhood density: ``density``, else the packaged one), as a function."""

    def similarity(articles: list[Article]) -> np.ndarray:
        raw = similarity_matrix(articles, embed_articles(articles, encoder).articles)
        return scale_by_density(raw, density_settings() if density is None else density)

    return similarity


def pair_similarity(encoder: CachedEncoder | None = None) -> Similarity:
    """The pairwise similarity alone (no density term), for tuning the density on top."""
    return minilm_similarity(encoder, Density(weight=0.0))


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


def train_pools(n_roundups: int, pool_sizes: Sequence[int], seed: int = 0,
                events: bool = False) -> list[list[Pool]]:
    """The seeded train sample cut into pools of each size (one list of pools a size)."""
    roundups = sample_train(n_roundups, seed)
    if events:
        roundups = with_events(roundups)
    return [make_pools(roundups, size, seed) for size in pool_sizes]


def tune(similarity: Similarity, n_roundups: int, pool_sizes: Sequence[int], seed: int = 0,
         events: bool = False, densities: Sequence[Density] = (Density(weight=0.0),),
         ) -> tuple[Density, float, Scores, list[Scores]]:
    """The density setting and threshold with the best size-averaged train F1 for
    ``similarity`` (computed once a pool; each density is applied on top), and their scores."""
    sized = [([similarity(articles) for articles, _ in pools], [gold for _, gold in pools])
             for pools in train_pools(n_roundups, pool_sizes, seed, events)]
    best: tuple[Density, float, Scores, list[Scores]] | None = None
    for density in densities:
        scaled = [([scale_by_density(s, density) for s in sims], golds) for sims, golds in sized]
        threshold, scores, per_size = choose_threshold(scaled)
        print(f"{density} threshold {threshold:.2f} F1 by size "
              f"{' '.join(f'{x[2]:.4f}' for x in per_size)} mean {scores[2]:.4f}", flush=True)
        if best is None or scores[2] > best[2][2]:
            best = (density, threshold, scores, per_size)
    assert best is not None
    return best


def happening_grid(similarity: Similarity, n_roundups: int, pool_sizes: Sequence[int],
                   seed: int = 0) -> None:
    """Print the best threshold and train B-cubed for each lead-happening setting (at the
    packaged density)."""
    from manysides.compare import stories

    sized = train_pools(n_roundups, pool_sizes, seed, events=True)
    for decay in (300.0, 600.0, 1200.0):
        for weight in (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6):
            for baseline in (0.2, 0.3, 0.4, 0.5):
                stories.LEAD_DECAY_CHARS, stories.HAPPENING_WEIGHT = decay, weight
                stories.HAPPENING_BASELINE = baseline
                threshold, (p, r, f), _ = choose_threshold(
                    [([similarity(a) for a, _ in pools], [g for _, g in pools])
                     for pools in sized])
                print(f"decay {decay:.0f} weight {weight} baseline {baseline} threshold "
                      f"{threshold:.2f} B3 P {p:.4f} R {r:.4f} F1 {f:.4f}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--roundups", type=int, default=600, help="train roundups sampled")
    parser.add_argument("--pool-sizes", type=int, nargs="+", default=list(POOL_SIZES),
                        help="roundups per pool, one set of pools for each size")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--cache", type=Path, default=None, help="embedding cache (.npz)")
    parser.add_argument("--dry-run", action="store_true", help="print, do not write the JSON")
    parser.add_argument("--events", action="store_true",
                        help="run the event stage over the sample first (as analyze does)")
    parser.add_argument("--happening-grid", action="store_true",
                        help="print the lead-happening grid (implies --events); write nothing")
    args = parser.parse_args()
    encoder = CachedEncoder(args.cache)
    if args.happening_grid:
        happening_grid(minilm_similarity(encoder), args.roundups, args.pool_sizes, args.seed)
        return
    density, threshold, (p, r, f), per_size = tune(
        pair_similarity(encoder), args.roundups, args.pool_sizes, args.seed, args.events,
        DENSITY_GRID)
    from manysides.compare import stories

    record = {
        "threshold": threshold,
        "linkage": "average",
        "density": {"neighbours": density.neighbours, "weight": density.weight,
                    "floor": density.floor, "cap": density.cap, "first_cut": density.first_cut,
                    "own_share": density.own_share},
        "train_bcubed": {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)},
        "train_bcubed_by_pool_size": {
            str(size): {"precision": round(sp, 4), "recall": round(sr, 4), "f1": round(sf, 4)}
            for size, (sp, sr, sf) in zip(args.pool_sizes, per_size, strict=True)},
        "data": "roundups/neus_train.jsonl",
        "events": args.events,
        "happening": {"weight": stories.HAPPENING_WEIGHT, "baseline": stories.HAPPENING_BASELINE,
                      "decay_chars": stories.LEAD_DECAY_CHARS},
        "sample": {"roundups": args.roundups, "pool_sizes": args.pool_sizes, "seed": args.seed},
        "grid": [GRID[0], GRID[-1], 0.01],
        "date": date.today().isoformat(),
    }
    print(json.dumps(record, indent=2))
    if not args.dry_run:
        OUT.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
