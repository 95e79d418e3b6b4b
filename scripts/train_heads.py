"""Rebuild a packaged head from ../shared/data and record its dev score.

Example:
    python scripts/train_heads.py lean          # writes src/manysides/data/heads/lean.npz
    python scripts/train_heads.py loaded_words  # only the highlighting lexicon (no encoding)
    python scripts/train_heads.py all

Embeddings are cached in /tmp/manysides-emb-cache (MANYSIDES_EMB_CACHE); the encoder uses at most
MANYSIDES_THREADS (default 2) threads. Every head is deterministic (fixed seeds, sorted inputs).
"""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

HEADS = ("lean", "sentiment", "loaded", "loaded_words", "checkworthy", "roles")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("head", choices=[*HEADS, "all"])
    parser.add_argument("--prepare", action="store_true", help="only cache the embeddings")
    args = parser.parse_args(argv)
    for head in HEADS if args.head == "all" else (args.head,):
        module = importlib.import_module(f"train.{head}")
        (module.prepare if args.prepare else module.train)()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
