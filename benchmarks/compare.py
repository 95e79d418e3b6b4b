"""Cross-outlet comparison benchmarks on the AllSides roundups val split (one function each).

Story clustering quality: the val roundups are shuffled with a fixed seed and cut into pools of
N roundups (N = 10, 30, 100 and all 307); each pool's articles (headline + lead, left, centre and
right) are shuffled together and clustered; each roundup is a gold story. B-cubed precision,
recall and F1, averaged over the pools, for

* ``manysides``: :func:`manysides.compare.stories.cluster_stories`'s similarity (MiniLM pieces
  blended with batch TF-IDF, less the neighbourhood density) at the threshold in
  ``data/stories.json``;
* ``tfidf``: TF-IDF cosine alone, same average-linkage clustering, its threshold chosen in this
  run on the same train sample in the same way (``scripts/tune_stories.py``).

Throughput: :func:`cluster_stories` end to end (embedding included, encoder already loaded) on all
921 val articles, in articles/s of wall and CPU time.

Brief quality: each val roundup is one story (its three articles, as three outlets); the brief's
sentences (:func:`manysides.compare.comparison.compare_story`, no event stage: the agreed and
partial sentences chosen by cross-outlet consensus, an agreed one only in plain words — no
loaded-lexicon word, no first person, no quotation) are scored against the editors' neutral
summary (its ``ARTICLE=>`` part) with ROUGE-1/2/L F1 (implemented here: lower-cased word tokens,
no stemming), beside two lead baselines in the same run: the first sentence of the roundup's first
article, and the first sentence of each article (mean).

Cost of comparison in ``analyze``: the first N (1,000; ``--quick`` 100) articles of
``lean/valid.jsonl.gz`` are written to a temporary JSONL file and analysed in a child process:
per-article stages (``analyze(..., compare=False)``), then :func:`manysides.compare.compare` on
the result, each timed, and the child's peak RSS.

    python benchmarks/compare.py [--cache /tmp/emb.npz] [--only stories|brief|cost] [--quick]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import tempfile
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
from _common import SHARED, Clock, child_result
from tune_stories import (
    ROUNDUPS,
    CachedEncoder,
    make_pools,
    minilm_similarity,
    read_roundups,
    score,
    tune,
)

from manysides.compare.brief import split_sentences
from manysides.compare.comparison import compare_story
from manysides.compare.stories import cluster_stories, lexical_similarity, settings
from manysides.model import Article, Comparison, Story

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


def baseline_threshold(n_roundups: int, pool_sizes: Sequence[int]) -> float:
    """The TF-IDF baseline's threshold, chosen on train exactly as ours was (same pools)."""
    _, threshold, (_, _, f1), _ = tune(lexical_similarity, n_roundups, pool_sizes, SEED)
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


# --- brief quality: ROUGE against the editors' neutral summaries ------------------------------

_TOKEN = re.compile(r"[a-z0-9]+")


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())


def _f1(overlap: int, candidate: int, reference: int) -> float:
    if not overlap or not candidate or not reference:
        return 0.0
    p, r = overlap / candidate, overlap / reference
    return 2 * p * r / (p + r)


def _ngrams(tokens: list[str], n: int) -> Counter[tuple[str, ...]]:
    return Counter(tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1))


def _lcs(a: list[str], b: list[str]) -> int:
    row = [0] * (len(b) + 1)
    for x in a:
        previous = 0
        for j, y in enumerate(b, start=1):
            current = row[j]
            row[j] = previous + 1 if x == y else max(row[j], row[j - 1])
            previous = current
    return row[-1]


def rouge(candidate: str, reference: str) -> tuple[float, float, float]:
    """ROUGE-1, ROUGE-2 and ROUGE-L F1 of ``candidate`` against ``reference``."""
    c, r = _tokens(candidate), _tokens(reference)
    scores = []
    for n in (1, 2):
        cn, rn = _ngrams(c, n), _ngrams(r, n)
        scores.append(_f1(sum((cn & rn).values()), sum(cn.values()), sum(rn.values())))
    scores.append(_f1(_lcs(c, r), len(c), len(r)))
    return scores[0], scores[1], scores[2]


def _summary(record: dict[str, str]) -> str:
    text = record["neutral_summary"]
    return text.split("ARTICLE=>", 1)[1].strip() if "ARTICLE=>" in text else text


def _lead(article: Article) -> str:
    spans = split_sentences(article.text)
    return spans[0].of(article.text) if spans else article.text


def brief_text(articles: Sequence[Article], sentences: int = 2) -> str:
    """The first ``sentences`` sentences of the brief of one story made of ``articles``."""
    result = Comparison()
    story = Story(id="s1", articles=[a.id for a in articles])
    compare_story(story, list(articles), result)
    return " ".join(s.text for s in result.briefs[0].sentences[:sentences])


def brief_quality(path: Path = VAL) -> dict[str, tuple[float, float, float]]:
    """Mean ROUGE-1/2/L F1 over the roundups of ``path``: brief, lead of the first article,
    lead of each article (mean)."""
    totals: dict[str, list[tuple[float, float, float]]] = {"brief": [], "lead (first article)": [],
                                                           "lead (each article)": []}
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            reference = _summary(record)
            articles = [Article(id=f"{record['id']}-{k}", text=item["text"], title=item["title"],
                                outlet=f"outlet {k}")
                        for k, item in enumerate(record["articles"])]
            totals["brief"].append(rouge(brief_text(articles), reference))
            totals["lead (first article)"].append(rouge(_lead(articles[0]), reference))
            each = [rouge(_lead(a), reference) for a in articles]
            totals["lead (each article)"].append(
                (sum(x[0] for x in each) / 3, sum(x[1] for x in each) / 3,
                 sum(x[2] for x in each) / 3))
    return {name: (sum(x[0] for x in rows) / len(rows), sum(x[1] for x in rows) / len(rows),
                   sum(x[2] for x in rows) / len(rows)) for name, rows in totals.items()}


# --- cost of the comparison in analyze -------------------------------------------------------

LEAN_VALID = SHARED / "data" / "lean" / "valid.jsonl.gz"


def _write_lean(n: int, folder: Path) -> Path:
    target = folder / "articles.jsonl"
    with gzip.open(LEAN_VALID, "rt", encoding="utf-8") as source, open(
            target, "w", encoding="utf-8") as out:
        for k, line in enumerate(source):
            if k >= n:
                break
            row = json.loads(line)
            out.write(json.dumps({key: row[key] for key in ("title", "text", "outlet", "url",
                                                            "date")}) + "\n")
    return target


def child_cost(n: int) -> None:
    """In a child process: analyze N lean articles without comparison, then compare them."""
    from manysides.analyze import analyze
    from manysides.compare import compare

    with tempfile.TemporaryDirectory() as folder:
        source = _write_lean(n, Path(folder))
        with Clock() as stages:
            result = analyze([source], db=Path(folder) / "bench.db", compare=False)
        with Clock() as comparison:
            found = compare(result.articles)
    print(json.dumps({"stages_wall": stages.wall, "stages_cpu": stages.cpu,
                      "compare_wall": comparison.wall, "compare_cpu": comparison.cpu,
                      "stories": len(found.stories)}))
    child_result(len(result.articles), comparison)


def analyze_cost(n: int) -> None:
    import subprocess

    proc = subprocess.run([sys.executable, __file__, "--child", "cost", str(n)],
                          capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"cost child failed:\n{proc.stderr[-3000:]}")
    lines = proc.stdout.strip().splitlines()
    times, peak = json.loads(lines[-2]), json.loads(lines[-1])
    share = times["compare_wall"] / times["stages_wall"]
    share_cpu = times["compare_cpu"] / times["stages_cpu"]
    print(f"analyze on {peak['items']} lean articles: per-article stages "
          f"{times['stages_wall']:.1f} s wall ({times['stages_cpu']:.1f} s CPU), comparison "
          f"{times['compare_wall']:.1f} s wall ({times['compare_cpu']:.1f} s CPU) = "
          f"{share:.0%} of the stages' wall time ({share_cpu:.0%} CPU); {times['stories']} "
          f"stories; peak RSS {peak['peak_rss_mb']:.0f} MB")


def stories_benchmark(cache: Path | None) -> None:
    tuned = settings()
    sample = tuned["sample"]
    ours = minilm_similarity(CachedEncoder(cache))
    base = baseline_threshold(sample["roundups"], sample["pool_sizes"])
    print(f"manysides: threshold {tuned['threshold']:.2f}, density {tuned['density']} "
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


def brief_benchmark() -> None:
    print(f"{'brief vs neutral summary (val)':<30} {'R-1':>6} {'R-2':>6} {'R-L':>6}")
    for name, (r1, r2, rl) in brief_quality().items():
        print(f"{name:<30} {r1:>6.3f} {r2:>6.3f} {rl:>6.3f}")


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        child_cost(int(sys.argv[3]))
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cache", type=Path, default=None,
                        help="embedding cache for the quality part (.npz)")
    parser.add_argument("--only", choices=("stories", "brief", "cost"), default=None,
                        help="run one part only")
    parser.add_argument("--quick", action="store_true",
                        help="cost on 100 articles instead of 1,000")
    args = parser.parse_args()
    if args.only in (None, "stories"):
        stories_benchmark(args.cache)
    if args.only in (None, "brief"):
        brief_benchmark()
    if args.only in (None, "cost"):
        analyze_cost(100 if args.quick else 1000)


if __name__ == "__main__":
    main()
