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
    seconds: float  # wall time
    cpu_seconds: float  # user + system CPU time of the measured work: steadier on a busy machine
    peak_rss_mb: float

    @property
    def rate(self) -> float:
        return self.items / self.seconds if self.seconds else float("inf")

    @property
    def cpu_rate(self) -> float:
        return self.items / self.cpu_seconds if self.cpu_seconds else float("inf")


def measure(script: str, name: str, *args: str) -> Measure:
    """Run ``python script --child NAME args…``; the child prints one JSON line
    ``{"items", "seconds", "cpu_seconds", "peak_rss_mb"}`` last (see :func:`child_result`)."""
    proc = subprocess.run(
        [sys.executable, script, "--child", name, *args],
        capture_output=True, text=True, check=False,
    )
    if proc.returncode != 0:
        raise SystemExit(f"{name} failed:\n{proc.stderr}")
    data = json.loads(proc.stdout.strip().splitlines()[-1])
    return Measure(
        name, data["items"], data["seconds"], data["cpu_seconds"], data["peak_rss_mb"]
    )


def _cpu() -> float:
    """CPU seconds of this process and its finished children (worker pools included)."""
    import os

    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


class Clock:
    """Wall and CPU time of a block: ``with Clock() as clock: …; clock.wall, clock.cpu``."""

    def __enter__(self) -> Clock:
        import time

        self._wall, self._cpu = time.perf_counter(), _cpu()
        return self

    def __exit__(self, *exc: object) -> None:
        import time

        self.wall = time.perf_counter() - self._wall
        self.cpu = _cpu() - self._cpu


def child_result(items: int, clock: Clock) -> None:
    """Print the child's result line; peak RSS is the largest of the process's own and its
    worker processes' ru_maxrss."""
    import resource

    peak = max(
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
    ) / 1024
    print(json.dumps({"items": items, "seconds": clock.wall, "cpu_seconds": clock.cpu,
                      "peak_rss_mb": round(peak, 1)}))


def print_table(rows: list[Measure], baseline: Measure, unit: str = "articles/s") -> None:
    """Rates by wall time and by CPU time, each as a ratio to ``baseline``'s."""
    print(f"{'measure':<24} {'items':>6} {'wall s':>7} {'cpu s':>7} {unit + ' (cpu)':>18} "
          f"{'ratio wall':>10} {'ratio cpu':>9} {'peak RSS MB':>11}")
    for row in rows:
        print(f"{row.name:<24} {row.items:>6} {row.seconds:>7.2f} {row.cpu_seconds:>7.2f} "
              f"{row.cpu_rate:>18.1f} {row.rate / baseline.rate:>10.2f} "
              f"{row.cpu_rate / baseline.cpu_rate:>9.2f} {row.peak_rss_mb:>11.1f}")
