"""Stages and annotate tasks plug in by name, as spaCy components and datasette plugins do.

A *stage* maps a batch of :class:`~manysides.model.Article` to the same articles with more filled
in (``Article -> Article``, in batches so models load once). It is registered under a versioned
name and declares what it ``needs`` and what it ``adds``; :func:`check_order` refuses an order in
which a stage runs before something it needs::

    @register_stage("manysides.events.rules.v1", needs=("mentions",), adds=("events",))
    def extract_events(articles: list[Article]) -> list[Article]: ...

An *annotate task* is the batch interface of ``manysides annotate TASK``: it takes the input lines
(``{"id", "text", "published"?, "targets"?}``) and returns one output dict per line::

    @register_task("dedup", help="exact and near duplicates among the input lines")
    def annotate_dedup(records: list[dict]) -> list[dict]: ...

Built-in stages and tasks register themselves exactly as a third-party package would; a third
party exposes a module under the ``manysides.plugins`` entry-point group and it is imported when
the registries are first read. Heavy imports belong inside the functions, not at module level.
"""

from __future__ import annotations

import contextlib
import functools
import importlib
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib.metadata import entry_points
from typing import Any

from manysides.errors import PipelineError
from manysides.model import Article

__all__ = [
    "Stage",
    "Task",
    "check_order",
    "get_stage",
    "get_task",
    "map_large_blocks",
    "register_stage",
    "register_task",
    "release_memory",
    "run_stages",
    "stage_names",
    "task_names",
]

StageFn = Callable[[list[Article]], list[Article]]
TaskFn = Callable[[list[dict[str, Any]]], list[dict[str, Any]]]

#: What ingestion provides before any stage runs.
PROVIDED_BY_INGEST = frozenset({"text", "metadata"})

#: Modules holding the built-in stages and tasks (imported lazily, on first lookup).
BUILTIN_MODULES = ("manysides.builtin",)


#: Starts, for a batch, work its stage will need (in the background), leaving what it
#: started on the articles (``Article.reuse``); returns a callable that abandons that work,
#: or None. See :func:`register_stage`.
PrepareFn = Callable[[list[Article]], Callable[[], None] | None]


@dataclass(frozen=True, slots=True)
class Stage:
    name: str
    func: StageFn
    needs: tuple[str, ...] = ()
    adds: tuple[str, ...] = ()
    default: bool = True  # part of `manysides analyze` unless disabled
    prepare: PrepareFn | None = None


@dataclass(frozen=True, slots=True)
class Task:
    name: str
    func: TaskFn
    help: str = ""
    output: str = ""  # the shape of one output line, for --help


@dataclass(slots=True)
class _Registry:
    stages: dict[str, Stage] = field(default_factory=dict)
    tasks: dict[str, Task] = field(default_factory=dict)
    loaded: bool = False


_REGISTRY = _Registry()


def register_stage(
    name: str,
    *,
    needs: Iterable[str] = (),
    adds: Iterable[str] = (),
    default: bool = True,
    prepare: PrepareFn | None = None,
) -> Callable[[StageFn], StageFn]:
    """Decorator: register a stage function under a versioned name.

    ``prepare(batch)``, when given, is called once the stages before this one are done with
    the batch. It starts work the stage will need (an encoder pass, in a background thread)
    and leaves it on the articles; :func:`run_stages` then runs the earlier stages on the next
    batch (the parse) before this stage runs on the first, so the two overlap. The stage must
    give the same result when ``prepare`` did not run or its work failed. ``prepare`` returns
    a callable that abandons the work it started (the run stopped), or None."""

    def decorate(func: StageFn) -> StageFn:
        _REGISTRY.stages[name] = Stage(name, func, tuple(needs), tuple(adds), default, prepare)
        return func

    return decorate


def register_task(name: str, *, help: str = "", output: str = "") -> Callable[[TaskFn], TaskFn]:
    """Decorator: register an ``annotate`` task."""

    def decorate(func: TaskFn) -> TaskFn:
        _REGISTRY.tasks[name] = Task(name, func, help, output)
        return func

    return decorate


def _load() -> None:
    if _REGISTRY.loaded:
        return
    for module in BUILTIN_MODULES:
        importlib.import_module(module)
    for ep in entry_points(group="manysides.plugins"):
        ep.load()
    _REGISTRY.loaded = True  # only once everything imported: a failed import fails again, loudly


def stage_names(*, default_only: bool = False) -> list[str]:
    """Registered stage names in registration order (the default analysis order)."""
    _load()
    return [s.name for s in _REGISTRY.stages.values() if s.default or not default_only]


def task_names() -> list[str]:
    _load()
    return sorted(_REGISTRY.tasks)


def get_stage(name: str) -> Stage:
    _load()
    try:
        return _REGISTRY.stages[name]
    except KeyError:
        raise PipelineError(
            f"no stage named {name!r}; available stages: {', '.join(stage_names()) or 'none'}"
        ) from None


def get_task(name: str) -> Task:
    _load()
    try:
        return _REGISTRY.tasks[name]
    except KeyError:
        raise PipelineError(
            f"unknown annotate task {name!r}; available tasks: {', '.join(task_names())}"
        ) from None


def check_order(names: Iterable[str]) -> list[Stage]:
    """The stages for ``names``, refusing an order where a stage runs before what it needs."""
    have = set(PROVIDED_BY_INGEST)
    stages = []
    for name in names:
        stage = get_stage(name)
        missing = [need for need in stage.needs if need not in have]
        if missing:
            providers = [s.name for s in _REGISTRY.stages.values() if set(s.adds) & set(missing)]
            raise PipelineError(
                f"stage {name!r} needs {', '.join(missing)}, which no earlier stage adds; "
                f"put one of these before it: {', '.join(providers) or 'none registered'}"
            )
        have.update(stage.adds)
        stages.append(stage)
    return stages


#: Characters of article text that go through the stages together at most (a batch also
#: closes at ``batch_size`` articles): what a batch holds (its parsed Docs, its encoder inputs)
#: grows with its text, so a run of long articles makes smaller batches. Two batches are held
#: while one is parsed ahead (see :func:`run_stages`): at 300,000 ``analyze`` of 1,000 news
#: articles peaked at 811 MB, at 200,000 at 788 MB.
BATCH_CHARS = 200_000


def run_stages(
    articles: list[Article],
    names: Iterable[str] | None = None,
    *,
    progress: Callable[[str, int], None] | None = None,
    batch_size: int = 64,
    batch_chars: int = BATCH_CHARS,
) -> list[Article]:
    """Run the named stages (default: all default stages, in order) over ``articles``.

    Articles go through every stage in batches of at most ``batch_size`` articles and
    ``batch_chars`` characters of text (an article longer than that is a batch of its own), so
    what a stage keeps for the next (the parsed Docs) is bounded by one batch, not by the
    corpus. ``progress`` is called with each stage's name and the number of articles it has
    done so far.

    When a stage after the first has a ``prepare`` (see :func:`register_stage`), the run keeps
    one batch ahead: the stages before it run on batch k+1 while the work it prepared for
    batch k runs in the background, then it and the stages after it finish batch k. The Docs
    of two batches are held then, and articles still come back in input order.
    """
    stages = check_order(stage_names(default_only=True) if names is None else names)
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    if batch_chars < 1:
        raise ValueError("batch_chars must be at least 1")
    counts = dict.fromkeys((stage.name for stage in stages), 0)

    def run(some: list[Stage], batch: list[Article]) -> list[Article]:
        for stage in some:
            batch = _run_one(stage, batch)
            counts[stage.name] += len(batch)
            if progress:
                progress(stage.name, counts[stage.name])
        return batch

    # the first stage with a ``prepare`` (not the first stage: nothing would overlap with it)
    cut = next((i for i, stage in enumerate(stages) if i and stage.prepare), None)
    done: list[Article] = []
    if cut is None:
        for batch in _batches(articles, batch_size, batch_chars):
            try:
                done.extend(run(stages, batch))
            finally:
                _forget_parses()
                release_memory()
        return done
    # one batch ahead: batch k+1 goes through the stages before the cut (the parse) while
    # what the cut stage prepared for batch k runs in the background; then batch k finishes
    early, late = stages[:cut], stages[cut:]
    waiting: tuple[list[Article], Callable[[], None] | None] | None = None
    try:
        for batch in _batches(articles, batch_size, batch_chars):
            batch = run(early, batch)
            previous, waiting = waiting, (batch, _prepare(late[0], batch))
            if previous is not None:
                done.extend(_finish(run, late, previous))
        if waiting is not None:
            done.extend(_finish(run, late, waiting))
            waiting = None
    finally:
        if waiting is not None:  # the run stopped: abandon what the next batch started
            _abandon(waiting[1])
            _forget_parses()
            release_memory()
    return done


def _prepare(stage: Stage, batch: list[Article]) -> Callable[[], None] | None:
    """``stage.prepare(batch)``; a failure there only means the stage does the work itself."""
    assert stage.prepare is not None
    try:
        return stage.prepare(batch)
    except Exception:
        return None


def _abandon(abandon: Callable[[], None] | None) -> None:
    if abandon is not None:
        with contextlib.suppress(Exception):  # nobody will read that work anyway
            abandon()


def _finish(run: Callable[[list[Stage], list[Article]], list[Article]], late: list[Stage],
            waiting: tuple[list[Article], Callable[[], None] | None]) -> list[Article]:
    batch, abandon = waiting
    try:
        return run(late, batch)
    finally:
        _abandon(abandon)  # nothing left to abandon when the stage read it
        _forget_parses(batch)
        release_memory()


def _batches(articles: list[Article], size: int, chars: int) -> Iterable[list[Article]]:
    batch: list[Article] = []
    total = 0
    for article in articles:
        if batch and (len(batch) >= size or total + len(article.text) > chars):
            yield batch
            batch, total = [], 0
        batch.append(article)
        total += len(article.text)
    if batch:
        yield batch


def _forget_parses(articles: list[Article] | None = None) -> None:
    pipeline = sys.modules.get("manysides.nlp.pipeline")
    if pipeline is not None:
        pipeline.forget_parses(articles)


#: Heap blocks at least this large are mapped on their own (glibc ``M_MMAP_THRESHOLD``), so
#: that freeing one (a parse's or an encoder run's working buffer) returns it to the system.
MMAP_THRESHOLD = 4 << 20


def map_large_blocks() -> None:
    """Have the C library map every block of :data:`MMAP_THRESHOLD` bytes or more on its own,
    and keep to :data:`ARENAS` heaps.

    glibc raises its own threshold (up to 32 MB) each time such a block is freed, after which
    the encoder's and the parser's working buffers stay in the heap between the blocks a run
    keeps, and the process only grows. A no-op where ``mallopt`` does not exist."""
    libc = _libc()
    if libc is not None:
        libc.mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD)
        # and threads (the encoder's) share :data:`ARENAS` heaps: each thread would otherwise
        # get a heap of its own, each keeping its own freed memory (at 300 articles: a peak of
        # 793 MB against 736)
        libc.mallopt(_M_ARENA_MAX, ARENAS)


_M_MMAP_THRESHOLD = -3
_M_ARENA_MAX = -8
#: Heaps (glibc arenas) that the process's threads share at most.
ARENAS = 2


def release_memory() -> None:
    """Hand the heap memory freed so far back to the system, where the C library allows it.

    glibc keeps freed heap pages for later reuse, and what a batch frees (its parsed Docs,
    the encoder's working buffers) is scattered between what the run keeps, so without this
    the process stays as large as its largest batch ever made it, plus the fragments. A no-op
    where ``malloc_trim`` does not exist (macOS, Windows, musl)."""
    libc = _libc()
    if libc is not None:
        libc.malloc_trim(0)


@functools.cache
def _libc() -> Any:
    """The process's glibc (for ``mallopt`` and ``malloc_trim``), or None elsewhere."""
    if not sys.platform.startswith("linux"):
        return None
    import ctypes

    try:
        libc = ctypes.CDLL(None)
        libc.malloc_trim, libc.mallopt  # noqa: B018 - both exist: glibc, not musl
    except (OSError, AttributeError):
        return None
    return libc


def _run_one(stage: Stage, articles: list[Article]) -> list[Article]:
    """Run a stage on the batch; if the batch fails, article by article, so that one bad
    article is recorded (in ``article.meta["errors"]``) and the others still go through."""
    try:
        return stage.func(articles)
    except Exception:
        if len(articles) <= 1:
            if articles:
                _record_error(articles[0], stage.name)
            return articles
    done = []
    for article in articles:
        try:
            done.extend(stage.func([article]))
        except Exception:
            _record_error(article, stage.name)
            done.append(article)
    return done


def _record_error(article: Article, stage: str) -> None:
    import traceback

    error = traceback.format_exc(limit=-1).strip().splitlines()[-1]
    article.meta.setdefault("errors", []).append({"stage": stage, "error": error})
