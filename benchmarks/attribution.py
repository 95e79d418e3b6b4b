"""Attribution (source, cue, content) on PolNeAR dev, beside a quote-marks baseline.

    python benchmarks/attribution.py                 # dev (84 articles)
    python benchmarks/attribution.py --split train --limit 150

Gold: the brat files of ``../shared/data/attribution/polnear/<split>/attributions``; every
``Attribution`` event is one (source, cue, content) triple, a discontinuous span read as the
stretch from its first to its last character. Scores:

- span P/R/F1 per role, *exact* (same start and end, surrounding spaces and punctuation
  ignored) and *overlap* (any shared character), each gold span matched at most once;
- relation P/R/F1: a predicted triple matches a gold one when their cues overlap, their contents
  overlap, and their sources overlap (or both have none), each gold triple matched at most once.
  Predictions that share a cue are merged first, as the gold does with split quotes.

Baseline (same run): each pair of quote marks with the nearest said/says/told/according to
within 60 characters in the same paragraph, the source the word(s) on the cue's other side.
Throughput: sentences/s of spaCy parse + extraction, beside spaCy parse alone of the same texts.
"""

from __future__ import annotations

import argparse
import re
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
POLNEAR = ROOT.parent / "shared" / "data" / "attribution" / "polnear"
ROLES = ("source", "cue", "content")
_STRIP = " \t\n.,;:"

Pair = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Triple:
    source: Pair | None
    cue: Pair | None
    content: Pair | None


def _hull(offsets: str) -> Pair:
    pieces = [tuple(map(int, part.split())) for part in offsets.split(";")]
    return min(p[0] for p in pieces), max(p[1] for p in pieces)


def read_ann(path: Path) -> list[Triple]:
    spans: dict[str, Pair] = {}
    events: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            _, _, offsets = parts[1].partition(" ")
            spans[parts[0]] = _hull(offsets)
        elif line.startswith("E") and len(parts) >= 2:
            events.append(dict(arg.split(":", 1) for arg in parts[1].split()))
    return [Triple(spans.get(e.get("Source", "")), spans.get(e.get("Cue", "")),
                   spans.get(e.get("Content", ""))) for e in events]


def load(split: str, limit: int | None = None) -> list[tuple[str, list[Triple]]]:
    """(text, gold triples) of each article of a split, in file-name order."""
    folder = POLNEAR / split
    texts = {p.stem: p for p in (folder / "text").glob("*.txt")}
    out = []
    seen: set[str] = set()
    for ann in sorted((folder / "attributions").glob("*.ann")):
        stem = ann.stem.rsplit("_", 1)[0]  # an article annotated twice counts once
        if stem in texts and stem not in seen:
            seen.add(stem)
            out.append((texts[stem].read_text(encoding="utf-8"), read_ann(ann)))
    return out[:limit]


# --- systems --------------------------------------------------------------------------------


def system(docs: Sequence[object]) -> list[list[Triple]]:
    from manysides.nlp.quotes import extract_attributions

    out = []
    for doc in docs:
        merged: dict[Pair | None, Triple] = {}
        for a in extract_attributions(doc):  # type: ignore[arg-type]
            cue = (a.cue.start, a.cue.end) if a.cue else None
            source = (a.source.start, a.source.end) if a.source else None
            content = (a.content.start, a.content.end)
            if cue in merged and merged[cue].content is not None:
                old = merged[cue].content
                assert old is not None
                content = (min(old[0], content[0]), max(old[1], content[1]))
            merged[cue] = Triple(source, cue, content)
        out.append(list(merged.values()))
    return out


_QUOTE = re.compile(r"[“\"]([^”\"\n]{3,}?)[”\"]")
_SAID = re.compile(r"\b(said|says|say|told|tells|according to)\b", re.IGNORECASE)
_WORDS = re.compile(r"(?:[A-Z][\w.’'-]*\s?){1,3}|\b(?:he|she|they|I|we)\b")


def baseline(text: str) -> list[Triple]:
    """Quote marks + the nearest said-verb within 60 characters in the same paragraph."""
    out = []
    for quote in _QUOTE.finditer(text):
        lo, hi = max(0, quote.start() - 60), min(len(text), quote.end() + 60)
        cues = [m for m in _SAID.finditer(text, lo, hi)
                if "\n" not in text[min(m.end(), quote.start()):max(m.start(), quote.end())]
                and not (quote.start() <= m.start() < quote.end())]
        if not cues:
            continue
        cue = min(cues, key=lambda m: min(abs(m.start() - quote.end()),
                                          abs(quote.start() - m.end())))
        if cue.start() >= quote.end():
            word = _WORDS.search(text, cue.end(), min(len(text), cue.end() + 40))
            word = word or _WORDS.search(text, max(0, cue.start() - 40), cue.start())
        else:
            words = list(_WORDS.finditer(text, max(0, cue.start() - 40), cue.start()))
            word = words[-1] if words else None
        source = (word.start(), word.end()) if word else None
        out.append(Triple(source, (cue.start(), cue.end()), (quote.start(), quote.end())))
    return out


# --- scoring --------------------------------------------------------------------------------


def _clean(text: str, pair: Pair) -> Pair:
    start, end = pair
    while start < end and text[start] in _STRIP:
        start += 1
    while end > start and text[end - 1] in _STRIP:
        end -= 1
    return start, end


def _overlap(a: object, b: object) -> bool:
    if not (isinstance(a, tuple) and isinstance(b, tuple)):
        return False
    return a is not None and b is not None and a[0] < b[1] and b[0] < a[1]


def _match(gold: list[object], pred: list[object], same: Callable[[object, object], bool]) -> int:
    free = list(gold)
    hits = 0
    for p in pred:
        for n, g in enumerate(free):
            if same(g, p):
                hits += 1
                del free[n]
                break
    return hits


@dataclass(slots=True)
class Counts:
    hits: int = 0
    gold: int = 0
    pred: int = 0

    def add(self, hits: int, gold: int, pred: int) -> None:
        self.hits += hits
        self.gold += gold
        self.pred += pred

    def prf(self) -> tuple[float, float, float]:
        p = self.hits / self.pred if self.pred else 0.0
        r = self.hits / self.gold if self.gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score(texts: Sequence[str], golds: Sequence[list[Triple]],
          preds: Sequence[list[Triple]]) -> dict[str, Counts]:
    counts = {name: Counts() for name in
              [f"{r} {m}" for r in ROLES for m in ("exact", "overlap")] + ["relation"]}
    for text, gold, pred in zip(texts, golds, preds, strict=True):
        for role in ROLES:
            g = sorted({_clean(text, s) for t in gold if (s := getattr(t, role))})
            p = sorted({_clean(text, s) for t in pred if (s := getattr(t, role))})
            counts[f"{role} exact"].add(_match(list(g), list(p), lambda a, b: a == b),
                                        len(g), len(p))
            counts[f"{role} overlap"].add(_match(list(g), list(p), _overlap), len(g), len(p))
        counts["relation"].add(_match(list(gold), list(pred), _same_relation),
                               len(gold), len(pred))
    return counts


def _same_relation(g: object, p: object) -> bool:
    assert isinstance(g, Triple) and isinstance(p, Triple)
    sources = _overlap(g.source, p.source) or (g.source is None and p.source is None)
    return _overlap(g.cue, p.cue) and _overlap(g.content, p.content) and sources


# --- run --------------------------------------------------------------------------------------


def evaluate(split: str = "dev", limit: int | None = None) -> dict[str, object]:
    """Scores of the system and the baseline on a split, and the throughputs."""
    from manysides.nlp.pipeline import load_nlp

    data = load(split, limit)
    texts = [text for text, _ in data]
    golds = [gold for _, gold in data]
    nlp = load_nlp()
    nlp("warm up")
    started = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=32))
    parsed = time.perf_counter() - started
    started = time.perf_counter()
    preds = system(docs)
    extracted = time.perf_counter() - started
    sentences = sum(1 for doc in docs for _ in doc.sents)
    return {
        "articles": len(texts),
        "sentences": sentences,
        "system": score(texts, golds, preds),
        "baseline": score(texts, golds, [baseline(t) for t in texts]),
        "parse_rate": sentences / parsed,
        "rate": sentences / (parsed + extracted),
    }


def report(result: dict[str, object], out: Callable[[str], None] = print) -> None:
    system_counts = result["system"]
    base_counts = result["baseline"]
    assert isinstance(system_counts, dict) and isinstance(base_counts, dict)
    out(f"PolNeAR: {result['articles']} articles, {result['sentences']} sentences")
    out(f"{'measure':<18} {'P':>6} {'R':>6} {'F1':>6} {'base P':>7} {'base R':>7} "
        f"{'base F1':>7}")
    for name, counts in system_counts.items():
        p, r, f = counts.prf()
        bp, br, bf = base_counts[name].prf()
        out(f"{name:<18} {p:>6.3f} {r:>6.3f} {f:>6.3f} {bp:>7.3f} {br:>7.3f} {bf:>7.3f}")
    out("relation: cue spans overlap, content spans overlap, source spans overlap (or both "
        "absent); one gold triple per prediction")
    out(f"throughput: {result['rate']:.1f} sentences/s (parse + attribution), "
        f"{result['parse_rate']:.1f} sentences/s (spaCy parse alone)")


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="dev", choices=("train", "dev"))
    parser.add_argument("--limit", type=int, default=None, help="first N articles only")
    args = parser.parse_args(list(argv) if argv is not None else None)
    if not POLNEAR.is_dir():
        print(f"skipped: {POLNEAR} not found")
        return 0
    report(evaluate(args.split, args.limit))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
