"""SQLite set-up: WAL, foreign keys, busy timeout, and an FTS index that stays in sync."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
import sqlalchemy as sa

from manysides.errors import StoreError
from manysides.model import Article
from manysides.store import Store
from manysides.store.sqlite import BUSY_TIMEOUT_MS

Make = Callable[..., Article]


def _pragma(store: Store, name: str) -> object:
    with store._engine.connect() as conn:
        return conn.exec_driver_sql(f"PRAGMA {name}").scalar()


def test_sqlite_connection_pragmas(sqlite_store: Store, tmp_path: Path) -> None:
    assert _pragma(sqlite_store, "journal_mode") == "wal"
    assert _pragma(sqlite_store, "foreign_keys") == 1
    assert _pragma(sqlite_store, "busy_timeout") == BUSY_TIMEOUT_MS
    raw = sqlite3.connect(tmp_path / "manysides.db")  # WAL is a property of the file itself
    assert raw.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    raw.close()


def test_sqlite_connection_foreign_keys_enforced(sqlite_store: Store) -> None:
    with pytest.raises(sa.exc.IntegrityError), sqlite_store._engine.begin() as conn:
        conn.execute(
            sa.text("INSERT INTO duplicates VALUES ('nobody', 'x', 'near', 1.0)")
        )


def test_sqlite_connection_writer_waits_for_lock(
    sqlite_store: Store, tmp_path: Path, make_article: Make
) -> None:
    other = sqlite3.connect(
        tmp_path / "manysides.db", isolation_level=None, check_same_thread=False
    )
    other.execute("BEGIN IMMEDIATE")  # another process is writing
    timer = threading.Timer(0.5, other.execute, ["COMMIT"])
    timer.start()
    started = time.monotonic()
    result = sqlite_store.add([make_article("Written once the lock is free.")])
    timer.join()
    other.close()
    assert len(result.added) == 1
    assert time.monotonic() - started >= 0.4


def test_sqlite_connection_fts_index_consistent(sqlite_store: Store, make_article: Make) -> None:
    batch = [make_article(f"Story {n} about the harbour.", title=f"Story {n}") for n in range(4)]
    sqlite_store.add(batch)
    batch[1].text = "Rewritten without that word."
    sqlite_store.update(batch[:2])
    with sqlite_store._engine.begin() as conn:
        conn.execute(sa.text("DELETE FROM articles WHERE id = :id"), {"id": batch[3].id})
        conn.exec_driver_sql("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")
        seqs = conn.execute(sa.text("SELECT seq FROM articles ORDER BY seq")).scalars().all()
    assert seqs == [1, 2, 3]
    assert sorted(h.id for h in sqlite_store.search("harbour")) == sorted(
        [batch[0].id, batch[2].id]
    )


def test_sqlite_connection_seq_survives_vacuum(sqlite_store: Store, make_article: Make) -> None:
    batch = [make_article(f"Piece {n} on the talks.") for n in range(3)]
    sqlite_store.add(batch)
    with sqlite_store._engine.begin() as conn:
        conn.execute(sa.text("DELETE FROM articles WHERE id = :id"), {"id": batch[0].id})
    with sqlite_store._engine.connect() as conn:
        conn.exec_driver_sql("COMMIT")  # VACUUM cannot run inside the automatic BEGIN
        conn.exec_driver_sql("VACUUM")
    last = make_article("A later piece on the talks.")
    sqlite_store.add([last])
    ids = {h.id for h in sqlite_store.search("talks")}
    assert ids == {batch[1].id, batch[2].id, last.id}


def test_sqlite_connection_not_a_database(tmp_path: Path) -> None:
    bogus = tmp_path / "notes.db"
    bogus.write_text("these are notes, not a database\n" * 100)
    with pytest.raises(StoreError, match=r"could not open the database .*notes\.db"):
        Store.open(bogus)


def test_sqlite_connection_open_and_read_during_a_write(tmp_path: Path, make_article: Make) -> None:
    path = tmp_path / "manysides.db"
    with Store.open(path) as store:
        store.add([make_article("Committed earlier.")])
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # a long `manysides add` in another process
    writer.execute("UPDATE runs SET command = 'busy'")
    started = time.monotonic()
    with Store.open(path) as store:
        assert store.count() == 1
        assert [r.command for r in store.runs()] == [""]  # the uncommitted write is not seen
    writer.execute("ROLLBACK")
    writer.close()
    assert time.monotonic() - started < 5
