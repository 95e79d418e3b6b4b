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
