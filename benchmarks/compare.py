"""Cross-outlet comparison benchmarks on the AllSides roundups val split (one function each).

Story clustering quality: the val roundups are shuffled with a fixed seed and cut into pools of
N roundups (N = 10, 30, 100 and all 307); each pool's articles (headline + lead, left, centre and
right) are shuffled together and clustered; each roundup is a gold story. B-cubed precision,
recall and F1, averaged over the pools, for

* ``manysides``: :func:`manysides.compare.stories.cluster_stories`'s similarity (MiniLM pieces
  blended with batch TF-IDF, less the neighbourhood density) at the threshold in
  ``data/stories.json``, the articles as read;
* ``analyze``: the same, the articles first through every default stage as ``analyze`` runs
  them (chunk vectors from the claims stage's sentence vectors, actor and event evidence);
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
``lean/valid.jsonl.gz`` are written to a temporary JSONL file and analysed in a child process by
the real :func:`manysides.analyze.analyze`, HTML report and JSON included. Timed separately:
the per-article part (loading the models, ingest, every stage, the store update), the
comparison (:func:`manysides.compare.compare`, its share of the per-article part's time as
before), and writing the report and the JSON. The child's peak RSS is given per phase (the
kernel's high-water mark, ``VmHWM``, reset at each phase's start) and overall.

    python benchmarks/compare.py [--cache /tmp/emb.npz] [--only stories|brief|cost] [--quick]
                                 [--articles N]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import tempfile
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
from _common import SHARED, Clock
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


def story_clustering_quality(
    similarity: Similarity, threshold: float, pool_size: int,
    roundups: list[list[Article]] | None = None,
) -> tuple[float, float, float]:
    """Mean B-cubed (P, R, F1) over val pools of ``pool_size`` roundups (``roundups``: the val
    roundups as read, by default)."""
    pools = make_pools(roundups or read_roundups(VAL), pool_size, SEED)
    sims = [similarity(articles) for articles, _ in pools]
    return score(sims, [gold for _, gold in pools], threshold)


def through_stages(roundups: list[list[Article]]) -> list[list[Article]]:
    """The roundups' articles after every default stage, as ``analyze`` runs them."""
    from manysides.stages import run_stages

    done = {a.id: a for a in run_stages([a for r in roundups for a in r])}
    return [[done[a.id] for a in roundup] for roundup in roundups]


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


class PhasePeaks:
    """Peak RSS of each phase of a run, in MB: the kernel's high-water mark of this process
    (``VmHWM``), read and reset (``/proc/self/clear_refs``) as each phase ends."""

    def __init__(self) -> None:
        self.peaks: dict[str, float] = {}
        self.ends: dict[str, float] = {}
        self.phase = "start"
        self.clock = Clock().__enter__()
        self.times: dict[str, tuple[float, float]] = {}

    def next(self, phase: str) -> None:
        """End the current phase (its peak, its wall and CPU time) and start ``phase``."""
        self.clock.__exit__()
        self.times[self.phase] = (self.clock.wall, self.clock.cpu)
        status = Path("/proc/self/status").read_text()
        self.peaks[self.phase] = _status_mb(status, "VmHWM")
        self.ends[self.phase] = _status_mb(status, "VmRSS")
        Path("/proc/self/clear_refs").write_text("5")
        self.phase = phase
        self.clock = Clock().__enter__()


def _status_mb(status: str, key: str) -> float:
    line = next(x for x in status.splitlines() if x.startswith(key + ":"))
    return int(line.split()[1]) / 1024


def child_cost(n: int) -> None:
    """In a child process: the real analyze of N lean articles (comparison, HTML and JSON
    included), its phases timed and their peak RSS measured."""
    from manysides.analyze import analyze
    from manysides.nlp.encoder import get_encoder
    from manysides.nlp.pipeline import load_nlp

    with tempfile.TemporaryDirectory() as folder:
        source = _write_lean(n, Path(folder))
        peaks = PhasePeaks()
        peaks.next("load")
        load_nlp()  # what the first batch would load anyway, so that its cost shows apart
        get_encoder().encode(["warm up"])
        peaks.next("ingest")

        def progress(name: str, done: int, total: int) -> None:
            if name == "compare":
                peaks.next("compare" if done == 0 else "after compare")

        with _phases(peaks):
            result = analyze([source], db=Path(folder) / "bench.db", progress=progress,
                             out=Path(folder) / "report.html",
                             json_out=Path(folder) / "report.json")
        peaks.next("end")
        assert result.comparison is not None
        stories = len(result.comparison.stories)
    times = peaks.times
    stages = [times[k] for k in ("load", "ingest", "stages") if k in times]
    print(json.dumps({
        "stages_wall": sum(t[0] for t in stages), "stages_cpu": sum(t[1] for t in stages),
        "compare_wall": times["compare"][0], "compare_cpu": times["compare"][1],
        "write_wall": times["html"][0] + times["json"][0],
        "write_cpu": times["html"][1] + times["json"][1],
        "stories": stories, "phase_peak_mb": peaks.peaks, "phase_end_mb": peaks.ends,
    }))
    print(json.dumps({"items": len(result.articles), "peak_rss_mb": max(peaks.peaks.values())}))


@contextmanager
def _phases(peaks: PhasePeaks) -> Iterator[None]:
    """Meanwhile, the stages (from their first batch to the store update), the HTML report and
    the JSON are phases of their own (``analyze`` looks each function up when it calls it)."""
    from manysides import report, stages
    from manysides.report import export

    wrapped = {(stages, "run_stages"): "stages", (report, "write_report"): "html",
               (export, "write_json_report"): "json"}
    originals = {key: getattr(*key) for key in wrapped}
    for (module, name), phase in wrapped.items():
        setattr(module, name, _as_phase(peaks, phase, originals[module, name]))
    try:
        yield
    finally:
        for (module, name), function in originals.items():
            setattr(module, name, function)


def _as_phase(peaks: PhasePeaks, phase: str, function: Callable[..., Any]) -> Callable[..., Any]:
    """``function`` starting ``phase``; the stages' phase ends where the comparison starts."""
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        peaks.next(phase)
        out = function(*args, **kwargs)
        if phase != "stages":
            peaks.next("after " + phase)
        return out

    return wrapped


#: The phases of the cost child, in order, as printed.
PHASES = ("start", "load", "ingest", "stages", "compare", "after compare", "html", "after html",
          "json", "after json")


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
          f"stories; report and JSON written in {times['write_wall']:.1f} s wall "
          f"({times['write_cpu']:.1f} s CPU); peak RSS {peak['peak_rss_mb']:.0f} MB")
    print(f"{'phase':<14} {'peak RSS MB':>11} {'RSS at end MB':>13}")
    for phase in PHASES:
        if phase in times["phase_peak_mb"]:
            print(f"{phase:<14} {times['phase_peak_mb'][phase]:>11.0f} "
                  f"{times['phase_end_mb'][phase]:>13.0f}")


def stories_benchmark(cache: Path | None) -> None:
    tuned = settings()
    sample = tuned["sample"]
    ours = minilm_similarity(CachedEncoder(cache))
    base = baseline_threshold(sample["roundups"], sample["pool_sizes"])
    print(f"manysides: threshold {tuned['threshold']:.2f}, density {tuned['density']} "
          f"(train F1 {tuned['train_bcubed']['f1']:.3f})")
    print(f"{'pool (roundups)':>15} {'system':>10} {'B3 P':>6} {'B3 R':>6} {'B3 F1':>6}")
    analysed = through_stages(read_roundups(VAL))
    print("(analyze: the articles went through every default stage first, as in analyze: "
          "chunk vectors from the claims stage's sentences, events and actors)")
    for size in POOL_SIZES:
        for name, sim, cut, roundups in (
                ("tfidf", lexical_similarity, base, None),
                ("manysides", ours, float(tuned["threshold"]), None),
                ("analyze", ours, float(tuned["threshold"]), analysed)):
            p, r, f = story_clustering_quality(sim, cut, size, roundups)
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
    parser.add_argument("--articles", type=int, default=None,
                        help="cost on this many articles (overrides --quick)")
    args = parser.parse_args()
    if args.only in (None, "stories"):
        stories_benchmark(args.cache)
    if args.only in (None, "brief"):
        brief_benchmark()
    if args.only in (None, "cost"):
        analyze_cost(args.articles or (100 if args.quick else 1000))


if __name__ == "__main__":
    main()
