"""One transaction per batch: an error or a SIGKILL halfway through a batch leaves nothing of it.

The kill test is real: a child process adds a batch in chunks of two rows, writes a marker
once half of the batch is inserted (still inside the transaction) and sleeps; the parent
kills it with SIGKILL and reopens the database.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from manysides.errors import StoreError
from manysides.model import Article, IngestFailure
from manysides.store import Store

Make = Callable[..., Article]

CHILD = """
import pathlib, sys, time
import sqlalchemy as sa
from manysides.model import Article
from manysides.store import Store

db, marker, mode = sys.argv[1:4]
store = Store.open(db)
Store.chunk_size = 2
inserts = []
sa.event.listen(store._engine, "after_cursor_execute",
                lambda conn, cursor, sql, *rest: inserts.append(1)
                if sql.startswith("INSERT INTO articles") else None)

def batch():
    for n in range(20):
        if n == 10:
            pathlib.Path(marker).write_text(str(len(inserts)))
            if mode == "hang":
                time.sleep(120)
        yield Article.create(f"Article {n} of the batch that gets killed.")

store.add(batch(), command="child")
pathlib.Path(marker).write_text("done")
"""


def _run_child(db: str, marker: Path, mode: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-c", CHILD, db, str(marker), mode])


def _wait_for(marker: Path, child: subprocess.Popen[bytes], content: str | None = None) -> str:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        text = marker.read_text() if marker.exists() else ""
        if text and (content is None or text == content):
            return text
        assert child.poll() is None or content == "done", f"child exited {child.returncode}"
        time.sleep(0.05)
    child.kill()
    raise AssertionError("the child never reached the marker")


def test_base_transactions_kill_mid_batch_leaves_nothing(
    db: str, tmp_path: Path, make_article: Make
) -> None:
    kept = [make_article(f"Committed before the crash, number {n}.") for n in range(3)]
    with Store.open(db) as store:
        store.add(kept)
    marker = tmp_path / "marker"
    child = _run_child(db, marker, "hang")
    try:
        inserted_chunks = _wait_for(marker, child)
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.wait(timeout=30)
    assert inserted_chunks == "5"  # the child was inside the batch with 10 of 20 rows written
    assert child.returncode == -signal.SIGKILL
    with Store.open(db) as store:
        assert store.count() == 3
        assert [r.command for r in store.runs()] == [""]
        _check_integrity(store)
        assert len(store.add(Article.create(f"Article {n}.") for n in range(20)).added) == 20


def test_base_transactions_child_batch_lands_whole(db: str, tmp_path: Path) -> None:
    marker = tmp_path / "marker"
    child = _run_child(db, marker, "finish")
    assert child.wait(timeout=60) == 0
    assert marker.read_text() == "done"
    with Store.open(db) as store:
        assert store.count() == 20
        _check_integrity(store)


def _check_integrity(store: Store) -> None:
    if store.backend != "sqlite":
        return
    with store._engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        conn.exec_driver_sql("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")


def _failing_batch(articles: list[Article], error: Exception) -> Iterator[Article]:
    yield from articles
    raise error


@pytest.mark.parametrize("chunk_size", [2, 500])
def test_base_transactions_error_mid_batch_rolls_back(
    store: Store, make_article: Make, monkeypatch: pytest.MonkeyPatch, chunk_size: int
) -> None:
    monkeypatch.setattr(Store, "chunk_size", chunk_size)
    store.add([make_article("Already stored.")])
    batch = [make_article(f"Doomed article {n}.") for n in range(5)]
    with pytest.raises(RuntimeError, match="reader crashed"):
        store.add(_failing_batch(batch, RuntimeError("reader crashed")),
                  failures=[IngestFailure("x", "y")])
    assert store.count() == 1
    assert len(store.runs()) == 1
    assert store.failures() == []


def test_base_transactions_database_error_rolls_back(
    store: Store, make_article: Make, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(Store, "chunk_size", 2)
    broken = Article(id=None, text="No id.")  # type: ignore[arg-type]  # NOT NULL violation
    batch = [make_article(f"Article {n}.") for n in range(4)] + [broken]
    with pytest.raises(StoreError, match="could not add articles"):
        store.add(batch)
    assert store.count() == 0
    with store._engine.connect() as conn:
        assert conn.scalar(sa.text("SELECT count(*) FROM duplicates")) == 0
