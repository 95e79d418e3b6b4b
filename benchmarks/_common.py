"""Helpers shared by the benchmarks: run a measured function in a fresh subprocess and read
its wall time and peak RSS, so that baseline and candidate are measured the same way, in the
same run, on the same (noisy) machine."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@dataclass
class Measure:
    name: str
    items: int
    seconds: float
    peak_rss_mb: float

    @property
    def rate(self) -> float:
        return self.items / self.seconds if self.seconds else float("inf")


def measure(script: str, name: str, *args: str) -> Measure:
    """Run ``python script --child NAME args…``; the child prints one JSON line
    ``{"items", "seconds"}`` last; peak RSS is the child's own ru_maxrss."""
    proc = subprocess.run(
        [sys.executable, script, "--child", name, *args],
        capture_output=True, text=True, check=False,
    )
    if proc.returncode != 0:
        raise SystemExit(f"{name} failed:\n{proc.stderr}")
    data = json.loads(proc.stdout.strip().splitlines()[-1])
    return Measure(name, data["items"], data["seconds"], data["peak_rss_mb"])


def child_result(items: int, seconds: float) -> None:
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"items": items, "seconds": seconds, "peak_rss_mb": round(peak, 1)}))


def print_table(rows: list[Measure], baseline: Measure, unit: str = "articles/s") -> None:
    print(f"{'measure':<28} {'items':>7} {'seconds':>9} {unit:>12} {'peak RSS MB':>12} "
          f"{'ratio':>7}")
    for row in rows:
        print(f"{row.name:<28} {row.items:>7} {row.seconds:>9.2f} {row.rate:>12.1f} "
              f"{row.peak_rss_mb:>12.1f} {row.rate / baseline.rate:>7.2f}")
