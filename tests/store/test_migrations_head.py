"""Alembic migrations: a fresh database is at head, the schema matches the tables the code
queries, downgrade undoes upgrade, and a database from a newer manysides is refused."""

from __future__ import annotations

from typing import Any

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from manysides.errors import StoreError
from manysides.model import Article
from manysides.store import Store
from manysides.store.base import metadata

#: What the migrations make beyond the shared tables: the full-text parts of each backend.
_BACKEND_ONLY = ("articles_fts", "search", "ix_articles_search")


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", "manysides.store:migrations")
    return config


def _engine(store: Store) -> sa.Engine:
    return store._engine  # the tests look under the hood on purpose


def test_migrations_history_starts_with_0001() -> None:
    revisions = list(ScriptDirectory.from_config(_config()).walk_revisions())
    assert revisions[-1].revision == "0001"
    assert revisions[-1].down_revision is None


def test_migrations_fresh_database_is_at_head(store: Store) -> None:
    head = ScriptDirectory.from_config(_config()).get_current_head()
    with _engine(store).connect() as conn:
        assert MigrationContext.configure(conn).get_current_revision() == head
        names = set(sa.inspect(conn).get_table_names())
    assert {"articles", "duplicates", "runs", "ingest_failures", "alembic_version"} <= names


def _include(obj: Any, name: str | None, kind: str, reflected: bool, compare_to: Any) -> bool:
    return not (name or "").startswith(_BACKEND_ONLY)


def test_migrations_schema_matches_code(store: Store) -> None:
    with _engine(store).connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"include_object": _include, "compare_type": True}
        )
        assert compare_metadata(context, metadata) == []


def test_migrations_downgrade_then_upgrade(store: Store) -> None:
    store.add([Article.create("Kept? No: downgrade drops the tables.")])
    config = _config()
    with _engine(store).begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "base")
        assert set(sa.inspect(conn).get_table_names()) <= {"alembic_version"}
        command.upgrade(config, "head")
    assert store.count() == 0
    article = Article.create("Searchable again after the round trip.")
    store.add([article])
    assert [h.id for h in store.search("searchable")] == [article.id]


def test_migrations_newer_database_is_refused(db: str) -> None:
    with Store.open(db) as store, _engine(store).begin() as conn:
        conn.execute(sa.text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(StoreError, match="newer manysides"):
        Store.open(db)


def test_migrations_reopen_keeps_data(db: str) -> None:
    article = Article.create("Still here after reopening.")
    with Store.open(db) as store:
        store.add([article])
    with Store.open(db) as store:
        assert store.get(article.id) == article
