"""The main job: ingest sources, store them, run every analysis stage, write the report and JSON.

``manysides analyze`` and ``manysides demo`` are thin wrappers around :func:`analyze`.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from manysides.config import Config, load_config
from manysides.model import Article, Comparison, IngestFailure

if TYPE_CHECKING:
    from manysides.ingest import IngestResult
    from manysides.store import AddResult, Store

__all__ = ["AnalysisResult", "add_to_store", "analyze", "examples_path"]

Progress = Callable[[str, int, int], None]  # (what, done, total)


@dataclass(slots=True)
class AnalysisResult:
    """What one run did: the articles analysed, the inputs that failed, what the store gained,
    and the cross-outlet comparison of the analysed articles (None when it did not run)."""

    articles: list[Article]
    failures: list[IngestFailure]
    added: list[str] = field(default_factory=list)
    existing: list[str] = field(default_factory=list)
    stages: list[str] = field(default_factory=list)
    report_path: Path | None = None
    json_path: Path | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    comparison: Comparison | None = None

    @property
    def duplicates(self) -> list[Article]:
        return [a for a in self.articles if a.duplicate is not None]


def analyze(
    sources: Iterable[str | os.PathLike[str]],
    *,
    db: str | os.PathLike[str] | None = None,
    out: str | os.PathLike[str] | None = None,
    json_out: str | os.PathLike[str] | None = None,
    outlet: str | None = None,
    published: datetime | None = None,
    allow_private: bool = False,
    stages: Iterable[str] | None = None,
    config: Config | None = None,
    title: str | None = None,
    progress: Progress | None = None,
    compare: bool = True,
) -> AnalysisResult:
    """Ingest ``sources``, store them in ``db``, run ``stages`` (default: all), compare the
    outlets (``compare``; duplicates are left out), write reports."""
    from manysides.stages import (
        check_order,
        map_large_blocks,
        release_memory,
        run_stages,
        stage_names,
    )
    from manysides.store import Store

    cfg = config or load_config()
    stage_list = list(stage_names(default_only=True) if stages is None else stages)
    check_order(stage_list)  # a bad stage list fails before anything is read or stored
    map_large_blocks()  # what a batch frees goes back to the system (see manysides.stages)
    with Store.open(db or cfg["store"]["db"] or None) as store:
        ingested, added = add_to_store(
            store, sources, config=cfg, outlet=outlet, published=published,
            allow_private=allow_private, command="analyze",
        )
        total = len(ingested.articles)
        articles = run_stages(
            ingested.articles,
            stage_list,
            progress=(lambda name, n: progress(name, n, total)) if progress else None,
            batch_size=cfg["analysis"]["batch_size"],
            batch_chars=cfg["analysis"]["batch_chars"],
        )
        store.update(articles)
    release_memory()  # what the stages and the store update worked with
    result = AnalysisResult(
        articles=articles,
        failures=ingested.failures,
        added=added.added,
        existing=added.existing,
        stages=stage_list,
    )
    if compare:
        result.comparison = _compare(articles, progress)
        release_memory()  # what the comparison worked with, before the report is written
    _write_outputs(result, out, json_out, title or cfg["report"]["title"])
    return result


def add_to_store(
    store: Store,
    sources: Iterable[str | os.PathLike[str]],
    *,
    config: Config,
    outlet: str | None = None,
    published: datetime | None = None,
    allow_private: bool = False,
    glob: str | None = None,
    command: str = "add",
) -> tuple[IngestResult, AddResult]:
    """Read ``sources``, mark duplicates of each other and of what ``store`` holds, and add
    them to ``store`` in one transaction (``manysides add``; the first step of ``analyze``)."""
    from manysides.ingest import find_duplicates, ingest

    ingested = ingest(
        sources, outlet=outlet, published=published, allow_private=allow_private,
        config=config, glob=glob,
    )
    find_duplicates(
        ingested.articles,
        store.iter_articles(),
        threshold=config["ingest"]["near_duplicate_threshold"],
        shingle_words=config["ingest"]["shingle_words"],
    )
    added = store.add(ingested.articles, failures=ingested.failures, command=command)
    return ingested, added


def _compare(articles: list[Article], progress: Progress | None) -> Comparison:
    """The cross-outlet comparison of ``articles`` (their duplicates left out)."""
    from manysides.compare import compare

    kept = sum(a.duplicate is None for a in articles)
    if progress:
        progress("compare", 0, kept)
    comparison = compare(articles)
    if progress:
        progress("compare", kept, kept)
    return comparison


def _write_outputs(
    result: AnalysisResult,
    out: str | os.PathLike[str] | None,
    json_out: str | os.PathLike[str] | None,
    title: str,
) -> None:
    from manysides.report import write_report
    from manysides.report.export import write_json_report

    now = datetime.now(UTC)
    extra = {"stages": result.stages, **result.extra}
    if out is not None:
        result.report_path = write_report(
            Path(out), result.articles, failures=result.failures, title=title, generated_at=now,
            extra=extra, comparison=result.comparison,
        )
    if json_out is not None:
        result.json_path = Path(json_out)
        write_json_report(
            result.json_path, result.articles, result.failures, extra=extra, generated_at=now,
            comparison=result.comparison,
        )


def examples_path() -> Path:
    """The bundled illustrative corpus: packaged in the wheel, or ``examples/corpus`` in a
    checkout (``examples/README.md`` beside it says what it is and is not an article)."""
    from importlib import resources

    packaged = Path(str(resources.files("manysides"))) / "examples" / "corpus"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "examples" / "corpus"
