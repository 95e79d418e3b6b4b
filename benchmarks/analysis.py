"""Speed and memory of the full per-article analysis against the spaCy parse alone.

The first ``--articles`` (1,000) texts of ``../shared/data/lean/valid.jsonl.gz``, read at run
time, go through every registered default stage as ``manysides analyze`` runs them
(``run_stages``, batches of 64: parse, actors, events, quotes when registered, claims, sentiment
toward actors, framing terms, lean, genre), and, in another fresh process of the same run,
through the spaCy parse alone. Reported: throughput of each and their ratio (target ≥ 0.5 ×
the parse alone), peak RSS, the time of each stage, and of each step of
``manysides.framing.v1``.

    python benchmarks/analysis.py [--articles 1000] [--runs 1]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _common import SHARED, Clock, child_result, measure, print_table

ARTICLES = SHARED / "data" / "lean" / "valid.jsonl.gz"
#: Target: the full analysis runs at least this fraction of the parse alone's throughput.
MIN_RATIO = 0.5
BREAKDOWN = Path(tempfile.gettempdir()) / "manysides-analysis-breakdown.json"


def article_texts(n: int) -> list[str]:
    """The texts of the first ``n`` records of the lean validation set."""
    import gzip

    texts: list[str] = []
    with gzip.open(ARTICLES, "rt", encoding="utf-8") as lines:
        for line in lines:
            text = json.loads(line).get("text") or ""
            if text.strip():
                texts.append(text)
            if len(texts) == n:
                break
    return texts


def run_child(name: str, n: int, breakdown: Path) -> None:
    """``parse``: the spaCy parse alone; ``analysis``: every default stage."""
    from manysides import builtin
    from manysides.model import Article
    from manysides.nlp.pipeline import load_nlp, parse
    from manysides.stages import map_large_blocks, run_stages, stage_names

    map_large_blocks()  # as ``manysides analyze`` does, so that peak RSS is the command's
    texts = article_texts(n)
    list(load_nlp().pipe(texts[:4]))  # load and warm up outside the clock
    if name == "parse":
        with Clock() as clock:
            for _doc in parse(texts):
                pass
        child_result(len(texts), clock)
        return
    warm = [Article.create(text) for text in texts[:2]]
    run_stages(warm)  # load every model outside the clock
    builtin.FRAMING_SECONDS.clear()
    stages: dict[str, float] = dict.fromkeys(stage_names(default_only=True), 0.0)
    last = [time.perf_counter()]

    def progress(stage: str, _done: int) -> None:
        now = time.perf_counter()
        stages[stage] += now - last[0]
        last[0] = now

    articles = [Article.create(text) for text in texts]
    with Clock() as clock:
        last[0] = time.perf_counter()
        run_stages(articles, progress=progress, batch_size=64)
    counts = {
        "sentences": sum(len(a.claims) for a in articles),
        "mentions": sum(len(a.mentions) for a in articles),
        "words": sum(len(a.text.split()) for a in articles),
    }
    breakdown.write_text(json.dumps({"stages": stages, "framing": builtin.FRAMING_SECONDS,
                                     "counts": counts}))
    child_result(len(texts), clock)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=1, help="runs of each (best kept)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--breakdown", default=str(BREAKDOWN), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        run_child(args.child, args.articles, Path(args.breakdown))
        return
    script = str(Path(__file__).resolve())
    names = ("parse", "analysis")
    extra = ("--articles", str(args.articles), "--breakdown", args.breakdown)
    runs = [measure(script, name, *extra) for _ in range(args.runs) for name in names]
    parse, full = (min((r for r in runs if r.name == name), key=lambda r: r.seconds)
                   for name in names)
    print(f"\n{args.articles} articles of {ARTICLES.name} (best of {args.runs} run(s) each):")
    print_table([parse, full], parse)
    ratio, ratio_cpu = full.rate / parse.rate, full.cpu_rate / parse.cpu_rate
    print(f"full analysis / parse alone: throughput {ratio:.2f} (by CPU time {ratio_cpu:.2f}), "
          f"peak RSS {full.peak_rss_mb:.0f} MB vs {parse.peak_rss_mb:.0f} MB; target "
          f"≥ {MIN_RATIO}: {'met' if max(ratio, ratio_cpu) >= MIN_RATIO else 'NOT MET'}")
    data = json.loads(Path(args.breakdown).read_text())
    print(f"\nper stage (seconds, last analysis run; {data['counts']}):")
    for stage, seconds in data["stages"].items():
        print(f"  {stage:<32} {seconds:8.1f}")
    print("steps of manysides.framing.v1:")
    for step, seconds in data["framing"].items():
        print(f"  {step:<32} {seconds:8.1f}")


if __name__ == "__main__":
    main()
