"""The loaded-word lexicon that highlights words (``data/heads/loaded_words.json``).

Two sources, both recorded per word in the file:

* ``babe``: learned from BABE SG1's biased-word annotations (:func:`train.loaded.lexicon`:
  times marked biased / (sentences containing the word + 2));
* ``curated``: the general loaded vocabulary in ``loaded_curated.txt`` (labels, names for
  violence, dehumanising images, verdicts, glorifying labels), at
  :data:`CURATED_WEIGHT` unless BABE gives the word more.

The file's ``sources`` lists the curated words: only those are also matched in their
inflected forms ("atrocities" by "atrocity"); a word learned from BABE is matched as written.

BABE has 1,700 sentences from US domestic politics, so words of other subjects ("genocide"
occurs twice, "rogue" never) cannot be learned from it; the curated list covers those. The
loaded head's own sentence features keep the BABE-only lexicon (learned in fold), so its
5-fold score does not depend on the curated words.
"""

from __future__ import annotations

import json
from pathlib import Path

from ._common import heads_dir, log

CURATED = Path(__file__).with_name("loaded_curated.txt")
#: Weight of a curated word (the highlighting threshold is 0.3; BABE's strongest words ~0.5).
CURATED_WEIGHT = 0.5


def curated_words(path: Path = CURATED) -> list[str]:
    """The curated words (comments and blank lines skipped), in file order, deduplicated."""
    words: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        word = line.split("#", 1)[0].strip().lower()
        if word and word not in words:
            words.append(word)
    return words


def build(babe: dict[str, float], curated: list[str]) -> dict[str, dict[str, float | str]]:
    """word -> {"weight", "source"}: BABE's weights, raised to :data:`CURATED_WEIGHT` for the
    curated words (inflected forms are matched through
    :func:`~manysides.nlp.heads.word_weight`)."""
    out: dict[str, dict[str, float | str]] = {
        w: {"weight": v, "source": "babe"} for w, v in babe.items()}
    for word in curated:
        if babe.get(word, 0.0) < CURATED_WEIGHT:
            out[word] = {"weight": CURATED_WEIGHT,
                         "source": "curated" if word not in babe else "babe+curated"}
    return dict(sorted(out.items()))


def train() -> None:
    from . import loaded

    texts, _, annotated = loaded.load()
    babe = loaded.lexicon(texts, annotated)
    entries = build(babe, curated_words())
    path = heads_dir() / "loaded_words.json"
    path.write_text(json.dumps({
        "source": "BABE SG1 biased-word annotations (scripts/train/loaded.py) and the curated "
                  "general loaded vocabulary scripts/train/loaded_curated.txt "
                  "(scripts/train/loaded_words.py)",
        "weight": "babe: times marked biased / (sentences containing the word + 2); "
                  f"curated: {CURATED_WEIGHT} unless babe gives more",
        "threshold": loaded.THRESHOLD,
        "words": {w: e["weight"] for w, e in entries.items()},
        "sources": {w: e["source"] for w, e in entries.items() if e["source"] != "babe"},
    }, indent=0, sort_keys=True) + "\n")
    log(f"loaded words: {len(entries)} ({sum(e['source'] != 'babe' for e in entries.values())} "
        f"curated or raised)")


def prepare() -> None:
    """Nothing to encode."""
