"""SQLite: the default backend, one file, nothing to install.

Every connection runs in WAL mode (readers never block the writer, and a killed writer leaves
the last committed state), with foreign keys on and a busy timeout so a second process waits
for the lock instead of failing. Transactions are begun by hand (SQLAlchemy's recipe for
pysqlite), so DDL in a migration is transactional too and writes ``BEGIN IMMEDIATE``: two
writers queue up rather than deadlock.

Full-text search is an FTS5 table over ``articles(title, text)`` with external content (the
words are indexed, not copied), kept in sync by triggers. Its rowid is ``articles.seq``, an
ordinary column the insert trigger numbers, because the hidden rowid of a table whose primary
key is text may change on ``VACUUM``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from manysides.errors import StoreError
from manysides.store.base import Backend
from manysides.store.query import SYNTAX_HELP, SearchQuery, to_fts5
from manysides.store.results import MARK_END, MARK_START, SearchHit

__all__ = ["FTS_0001", "SQLiteBackend"]

BUSY_TIMEOUT_MS = 30_000
_BEGIN_MODES = {"", "DEFERRED", "IMMEDIATE", "EXCLUSIVE"}

#: The full-text schema of migration 0001 (frozen: later revisions add their own).
FTS_0001: tuple[str, ...] = (
    """CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, text, content='articles', content_rowid='seq',
        tokenize='unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
        UPDATE articles SET seq = (SELECT coalesce(max(seq), 0) + 1 FROM articles)
            WHERE rowid = new.rowid;
        INSERT INTO articles_fts(rowid, title, text)
            SELECT seq, title, text FROM articles WHERE rowid = new.rowid;
    END""",
    """CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text)
            VALUES ('delete', old.seq, old.title, old.text);
    END""",
    """CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text)
            VALUES ('delete', old.seq, old.title, old.text);
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.seq, new.title, new.text);
    END""",
)
FTS_0001_DOWN: tuple[str, ...] = (
    "DROP TRIGGER IF EXISTS articles_fts_update",
    "DROP TRIGGER IF EXISTS articles_fts_delete",
    "DROP TRIGGER IF EXISTS articles_fts_insert",
    "DROP TABLE IF EXISTS articles_fts",
)

#: bm25 weights of the FTS columns (title, text): a match in the title counts ten times more.
_WEIGHTS = "10.0, 1.0"
_SEARCH = sa.text(
    f"""
    SELECT a.id, a.title, a.outlet,
           snippet(articles_fts, -1, :mark_start, :mark_end, '…', 16) AS snippet,
           -bm25(articles_fts, {_WEIGHTS}) AS score
    FROM articles_fts JOIN articles AS a ON a.seq = articles_fts.rowid
    WHERE articles_fts MATCH :match
    ORDER BY bm25(articles_fts, {_WEIGHTS}), a.seq
    LIMIT :limit
    """
)


def _on_connect(dbapi_connection: Any, _record: Any) -> None:
    """Per-connection set-up: manual transactions, pragmas, WAL."""
    dbapi_connection.isolation_level = None  # we emit BEGIN ourselves (see _on_begin)
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA journal_mode = WAL")
        # With WAL, NORMAL survives a killed process intact; a power cut may lose the last commit.
        cursor.execute("PRAGMA synchronous = NORMAL")
    finally:
        cursor.close()


def _on_begin(conn: Connection) -> None:
    mode = str(conn.get_execution_options().get("sqlite_begin", "")).upper()
    if mode not in _BEGIN_MODES:
        raise ValueError(f"sqlite_begin must be one of {sorted(_BEGIN_MODES)}, got {mode!r}")
    conn.exec_driver_sql(f"BEGIN {mode}".strip())


class SQLiteBackend(Backend):
    """SQLite with WAL, foreign keys, a busy timeout and FTS5."""

    name = "sqlite"
    write_options: ClassVar[dict[str, Any]] = {"sqlite_begin": "IMMEDIATE"}

    def create_engine(self, url: str) -> Engine:
        database = sa.make_url(url).database
        if database and database != ":memory:" and not database.startswith("file:"):
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        engine = sa.create_engine(url)
        sa.event.listen(engine, "connect", _on_connect)
        sa.event.listen(engine, "begin", _on_begin)
        return engine

    def insert_new(self, table: sa.Table) -> sa.Insert:
        from sqlalchemy.dialects.sqlite import insert

        return insert(table).on_conflict_do_nothing(index_elements=["id"])

    def search(self, conn: Connection, query: SearchQuery, limit: int) -> list[SearchHit]:
        params = {"match": to_fts5(query), "limit": limit, "mark_start": MARK_START,
                  "mark_end": MARK_END}
        try:
            rows = conn.execute(_SEARCH, params).all()
        except sa.exc.OperationalError as exc:
            if "fts5" not in str(exc.orig):
                raise
            raise StoreError(f"the search index could not read the query: {exc.orig}. "
                             + SYNTAX_HELP) from exc
        return [SearchHit(r.id, r.title, r.outlet, r.snippet, float(r.score)) for r in rows]
