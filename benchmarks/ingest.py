"""Ingestion throughput: manysides ingest + dedup + SQLite store vs trafilatura extraction alone.

Generates N synthetic news pages (varied vocabulary, metadata, boilerplate), then measures, each
in a fresh process in the same run:
  - baseline: trafilatura.bare_extraction on every page, with the options manysides uses
    (what any tool must at least do);
  - manysides: ``ingest`` (trafilatura + htmldate + metadata) + ``find_duplicates`` + ``Store.add``.
The ratio (manysides rate / baseline rate) is the number to watch; the goal is >= 0.8.
Library imports happen before the clock starts in both processes: this measures throughput.
Both wall and CPU time are printed (CPU time includes worker processes). The verdict is on wall
time, what a user waits for; the CPU-time ratio shows the price of the work beyond extraction
(dedup, store), which parallel reading hides on a machine with idle cores.

Usage: python benchmarks/ingest.py [--pages 1000] [--seed 7]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _common import Clock, child_result, measure, print_table

WORDS = [
    "government", "minister", "council", "city", "harbour", "strike", "protest", "talks",
    "agreement", "budget", "army", "border", "trade", "union", "election", "court",
    "report", "officials", "police", "workers", "farmers", "ceasefire", "drone", "missile",
    "embassy", "spokesman", "statement", "parliament", "vote", "inquiry", "tariff",
    "shipment", "port", "energy", "grid", "storm", "flood", "relief", "aid", "hospital",
    "school", "teachers", "negotiators", "summit", "envoy",
]
OUTLETS = ["Harbour Ledger", "Northgate Courier", "Civic Wire", "Valley Post", "Eastern Herald"]


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(12, 28))]
    words[0] = words[0].capitalize()
    return " ".join(words) + rng.choice([".", ".", ".", "?"])


def _page(rng: random.Random, i: int) -> str:
    outlet = rng.choice(OUTLETS)
    paragraphs = "\n".join(
        f"<p>{' '.join(_sentence(rng) for _ in range(rng.randint(2, 5)))}</p>"
        for _ in range(rng.randint(5, 12))
    )
    day = 1 + i % 28
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{_sentence(rng)[:60]} | {outlet}</title>
<meta property="og:site_name" content="{outlet}">
<meta property="article:published_time" content="2025-03-{day:02d}T08:00:00Z">
<meta name="author" content="Reporter {i % 37}"></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/about">About us</a></nav>
<article><h1>{_sentence(rng)[:70]}</h1>{paragraphs}</article>
<footer>Copyright {outlet}. All rights reserved. <a href="/privacy">Privacy</a></footer>
</body></html>"""


def generate(folder: Path, pages: int, seed: int) -> None:
    rng = random.Random(seed)
    for i in range(pages):
        (folder / f"page{i:05d}.html").write_text(_page(rng, i), encoding="utf-8")


def run_baseline(folder: Path) -> None:
    import trafilatura

    files = sorted(folder.glob("*.html"))
    with Clock() as clock:
        for file in files:
            trafilatura.bare_extraction(
                file.read_bytes(),
                with_metadata=True,
                include_comments=False,
                date_extraction_params={"extensive_search": False, "original_date": True},
            )
    child_result(len(files), clock)


def run_manysides(folder: Path) -> None:
    import datasketch  # noqa: F401  (imports are outside the timing, as for the baseline)
    import sqlalchemy  # noqa: F401
    import trafilatura  # noqa: F401

    from manysides.ingest import find_duplicates, ingest
    from manysides.store import Store

    with Clock() as clock:
        result = ingest([folder])
        find_duplicates(result.articles)
        with Store.open(folder / "bench.db") as store:
            store.add(result.articles, failures=result.failures, command="benchmark")
    if result.failures:
        raise SystemExit(f"{len(result.failures)} failures, first: {result.failures[0]}")
    child_result(len(result.articles), clock)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--child", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--folder", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        {"trafilatura": run_baseline, "manysides": run_manysides}[args.child](Path(args.folder))
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        generate(folder, args.pages, args.seed)
        base = measure(__file__, "trafilatura", "--folder", tmp)
        ours = measure(__file__, "manysides", "--folder", tmp)
    print(f"ingest benchmark: {args.pages} generated HTML pages, SQLite store")
    print_table([base, ours], base)
    ratio = ours.rate / base.rate
    print(f"ratio manysides/trafilatura = {ratio:.2f} by wall time (goal >= 0.80): "
          f"{'OK' if ratio >= 0.8 else 'BELOW GOAL'}; {ours.cpu_rate / base.cpu_rate:.2f} by CPU "
          f"time (manysides reads large batches with one process per core; the baseline uses "
          f"one)")


if __name__ == "__main__":
    main()
