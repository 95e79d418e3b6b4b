from __future__ import annotations

import pytest

from manysides import stages
from manysides.errors import PipelineError
from manysides.model import Article


@pytest.fixture
def registry(monkeypatch: pytest.MonkeyPatch) -> stages._Registry:
    fresh = stages._Registry(loaded=True)
    monkeypatch.setattr(stages, "_REGISTRY", fresh)

    @stages.register_stage("t.mentions.v1", adds=("mentions",))
    def mentions(articles: list[Article]) -> list[Article]:
        for a in articles:
            a.meta["mentions"] = True
        return articles

    @stages.register_stage("t.events.v1", needs=("mentions",), adds=("events",))
    def events(articles: list[Article]) -> list[Article]:
        for a in articles:
            if "boom" in a.text:
                raise RuntimeError("cannot parse boom")
            a.meta["events"] = True
        return articles

    return fresh


def test_stages_refuse_bad_order_naming_the_provider(registry: stages._Registry) -> None:
    with pytest.raises(PipelineError, match=r"needs mentions.*t\.mentions\.v1"):
        stages.check_order(["t.events.v1", "t.mentions.v1"])
    assert [s.name for s in stages.check_order(["t.mentions.v1", "t.events.v1"])] == [
        "t.mentions.v1", "t.events.v1"]


def test_stages_unknown_names_list_the_options(registry: stages._Registry) -> None:
    with pytest.raises(PipelineError, match=r"available stages: t\.mentions\.v1, t\.events\.v1"):
        stages.get_stage("nope")
    with pytest.raises(PipelineError, match="unknown annotate task 'nope'"):
        stages.get_task("nope")


def test_stages_one_bad_article_does_not_stop_the_batch(registry: stages._Registry) -> None:
    articles = [Article.create(t) for t in ("fine text", "boom text", "more fine text")]
    done = stages.run_stages(articles)
    assert [a.meta.get("events") for a in done] == [True, None, True]
    assert done[1].meta["errors"][0]["stage"] == "t.events.v1"
    assert "cannot parse boom" in done[1].meta["errors"][0]["error"]


def test_stages_run_batch_by_batch_through_every_stage(registry: stages._Registry) -> None:
    seen: list[tuple[str, list[str]]] = []

    @stages.register_stage("t.trace.v1", needs=("events",))
    def trace(articles: list[Article]) -> list[Article]:
        seen.append(("trace", [a.text for a in articles]))
        return articles

    articles = [Article.create(f"text number {i}") for i in range(5)]
    calls: list[tuple[str, int]] = []
    done = stages.run_stages(articles, batch_size=2, progress=lambda n, k: calls.append((n, k)))
    assert [a.text for a in done] == [a.text for a in articles]
    assert [len(batch) for _, batch in seen] == [2, 2, 1]
    # every stage finishes a batch before the next batch starts
    assert calls[:3] == [("t.mentions.v1", 2), ("t.events.v1", 2), ("t.trace.v1", 2)]
    assert calls[-1] == ("t.trace.v1", 5)
    with pytest.raises(ValueError, match="batch_size"):
        stages.run_stages(articles, batch_size=0)


def test_stages_batches_are_bounded_by_characters(registry: stages._Registry) -> None:
    seen: list[list[str]] = []

    @stages.register_stage("t.trace.v1", needs=("events",))
    def trace(articles: list[Article]) -> list[Article]:
        seen.append([a.text for a in articles])
        return articles

    texts = ["a" * 40, "b" * 40, "c" * 150, "d" * 10, "e" * 10, "f" * 10]
    articles = [Article.create(t) for t in texts]
    done = stages.run_stages(articles, batch_size=4, batch_chars=100)
    assert [a.text for a in done] == texts
    assert [[t[0] for t in batch] for batch in seen] == [["a", "b"], ["c"], ["d", "e", "f"]]
    with pytest.raises(ValueError, match="batch_chars"):
        stages.run_stages(articles, batch_chars=0)


def _rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        line = next(x for x in status if x.startswith("VmRSS:"))
    return int(line.split()[1]) / 1024


@pytest.mark.skipif(stages._libc() is None, reason="needs glibc's malloc_trim")
def test_stages_release_memory_returns_freed_heap_pages() -> None:
    """Freed heap blocks below one still in use stay resident until release_memory."""
    import ctypes

    libc = ctypes.CDLL(None)
    libc.malloc.restype = ctypes.c_void_p
    libc.malloc.argtypes = [ctypes.c_size_t]
    libc.free.argtypes = [ctypes.c_void_p]
    blocks = [libc.malloc(100_000) for _ in range(800)]  # under the mmap threshold: heap
    for block in blocks:
        ctypes.memset(block, 1, 100_000)
    for block in blocks[:-1]:  # the last one pins the heap's top: free() alone trims nothing
        libc.free(block)
    before = _rss_mb()
    stages.release_memory()
    after = _rss_mb()
    libc.free(blocks[-1])
    assert before - after > 40


def test_stages_run_stages_releases_memory_after_each_batch(
    registry: stages._Registry, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int] = []
    monkeypatch.setattr(stages, "release_memory", lambda: calls.append(1))
    articles = [Article(id=str(k), text="x" * 10) for k in range(5)]
    stages.run_stages(articles, ["t.mentions.v1"], batch_size=2)
    assert len(calls) == 3


def _prepared_stage(log: list[tuple[str, list[str]]], *, fail_prepare: bool = False,
                    fail_on: str | None = None) -> None:
    """``t.late.v1`` after the two fixture stages: its ``prepare`` leaves a marker on each
    article and logs; the stage reads the marker (or works without it) and logs."""

    def prepare(articles: list[Article]) -> object:
        log.append(("prepare", [a.text for a in articles]))
        if fail_prepare:
            raise RuntimeError("prepare broke")
        for a in articles:
            a.reuse["t"] = "ahead"

        def abandon() -> None:
            log.append(("abandon", [a.text for a in articles]))
            for a in articles:
                a.reuse.pop("t", None)

        return abandon

    @stages.register_stage("t.late.v1", needs=("events",), prepare=prepare)
    def late(articles: list[Article]) -> list[Article]:
        log.append(("late", [a.text for a in articles]))
        for a in articles:
            if fail_on and fail_on in a.text:
                raise RuntimeError(f"late cannot read {fail_on}")
            a.meta["late"] = a.reuse.get("t", "itself")
        return articles


def test_stages_prepared_stage_runs_one_batch_behind(registry: stages._Registry) -> None:
    """The earlier stages of batch k+1 run before the prepared stage finishes batch k; the
    prepared work reaches the stage, is cleared after it, and output order is input order."""
    log: list[tuple[str, list[str]]] = []
    _prepared_stage(log)
    original = registry.stages["t.events.v1"].func

    def events(articles: list[Article]) -> list[Article]:
        log.append(("events", [a.text for a in articles]))
        return original(articles)

    registry.stages["t.events.v1"] = stages.Stage("t.events.v1", events, ("mentions",),
                                                  ("events",))
    articles = [Article.create(f"text {i}") for i in range(5)]
    calls: list[tuple[str, int]] = []
    done = stages.run_stages(articles, batch_size=2, progress=lambda n, k: calls.append((n, k)))
    assert [a.text for a in done] == [a.text for a in articles]
    assert [(kind, len(batch)) for kind, batch in log if kind != "abandon"] == [
        ("events", 2), ("prepare", 2), ("events", 2), ("prepare", 2), ("late", 2),
        ("events", 1), ("prepare", 1), ("late", 2), ("late", 1)]
    assert [a.meta["late"] for a in done] == ["ahead"] * 5
    assert all("t" not in a.reuse for a in done)
    # progress counts each stage's own articles, whatever the interleaving
    for name in ("t.mentions.v1", "t.events.v1", "t.late.v1"):
        assert [k for n, k in calls if n == name] == [2, 4, 5]


def test_stages_prepared_stage_works_without_its_preparation(registry: stages._Registry) -> None:
    log: list[tuple[str, list[str]]] = []
    _prepared_stage(log, fail_prepare=True)
    done = stages.run_stages([Article.create(f"text {i}") for i in range(3)], batch_size=2)
    assert [a.meta["late"] for a in done] == ["itself"] * 3
    assert [kind for kind, _ in log].count("late") == 2


def test_stages_prepared_stage_keeps_one_bad_article_to_itself(
    registry: stages._Registry,
) -> None:
    log: list[tuple[str, list[str]]] = []
    _prepared_stage(log, fail_on="bad")
    texts = ["text 0", "bad text 1", "text 2", "boom 3", "text 4"]
    done = stages.run_stages([Article.create(t) for t in texts], batch_size=2)
    assert [a.text for a in done] == texts
    # the batch failed on article 1, and went through again article by article
    assert [a.meta.get("late") for a in done] == ["ahead", None, "ahead", "ahead", "ahead"]
    assert [kind for kind, batch in log if "text 0" in batch] == [
        "prepare", "late", "late", "abandon"]
    assert done[1].meta["errors"] == [{"stage": "t.late.v1",
                                       "error": "RuntimeError: late cannot read bad"}]
    assert done[3].meta["errors"][0]["stage"] == "t.events.v1"  # and still went on
    assert all(not a.reuse for a in done)


def test_stages_interrupted_run_abandons_the_batch_started_ahead(
    registry: stages._Registry, monkeypatch: pytest.MonkeyPatch
) -> None:
    log: list[tuple[str, list[str]]] = []
    _prepared_stage(log)
    original = registry.stages["t.mentions.v1"].func

    def mentions(articles: list[Article]) -> list[Article]:
        if any("stop" in a.text for a in articles):
            raise KeyboardInterrupt
        return original(articles)

    registry.stages["t.mentions.v1"] = stages.Stage("t.mentions.v1", mentions, (), ("mentions",))
    forgotten: list[object] = []
    monkeypatch.setattr(stages, "_forget_parses", lambda articles=None: forgotten.append(articles))
    articles = [Article.create(t) for t in ("text 0", "text 1", "stop 2")]
    with pytest.raises(KeyboardInterrupt):
        stages.run_stages(articles, batch_size=2)
    assert ("abandon", ["text 0", "text 1"]) in log
    assert ("late", ["text 0", "text 1"]) not in log
    assert all("t" not in a.reuse for a in articles)
    assert forgotten[-1] is None  # every cached parse dropped


REPORTS = [
    "Ardenian troops shelled the border town of Velka on Monday, killing four civilians, "
    "officials said. The mayor called the attack \"a crime that must be punished.\"",
    "Borovia condemned the shelling and recalled its ambassador from Ardenia. "
    "According to the foreign ministry, talks planned for next week are cancelled.",
    "Aid groups said 300 families fled Velka overnight. Should the United Nations step in? "
    "Many residents think so.",
    "Ardenia denied targeting civilians and said its forces had struck an arms depot. "
    "The defence minister promised an inquiry.",
    "Markets in both countries fell sharply after the news of the shelling.",
]


def test_stages_default_stages_give_the_same_articles_with_or_without_prepare(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The real framing stage run one batch behind, its encoder pass started in the
    background, gives what it gives when it encodes inline, field for field."""
    import dataclasses

    from manysides.model import to_dict

    def analysed() -> list[dict[str, object]]:
        articles = [Article(id=f"r{k}", text=t) for k, t in enumerate(REPORTS)]
        return [to_dict(a) for a in stages.run_stages(articles, batch_size=2)]

    from manysides.nlp import claims

    taken: list[bool] = []
    real = claims._ahead_of
    monkeypatch.setattr(claims, "_ahead_of",
                        lambda *args: taken.append((found := real(*args)) is not None) or found)
    ahead = analysed()
    assert taken == [True, True, True]  # each batch of 2, 2 and 1 took its pass
    framing = stages.get_stage("manysides.framing.v1")
    assert framing.prepare is not None
    monkeypatch.setitem(stages._REGISTRY.stages, framing.name,
                        dataclasses.replace(framing, prepare=None))
    taken.clear()
    inline = analysed()
    assert taken == [False, False, False]
    assert ahead == inline
    assert all(a["claims"] and not a["meta"].get("errors") for a in ahead)
    # what the encoder pass feeds: sentence scores and sentiment toward each mention
    assert all(c["checkworthy"] is not None for a in ahead for c in a["claims"])
    assert sum(m["sentiment_score"] is not None for a in ahead for m in a["mentions"]) >= 5
