"""The databases the store tests run on: an SQLite file always, PostgreSQL when
``MANYSIDES_TEST_POSTGRES`` holds a URL (``eval "$(bash .ci/postgres.sh)"`` sets one up).

Each PostgreSQL database is a schema of its own (through ``search_path``), dropped afterwards.
"""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from manysides.store import database_url

__all__ = ["BACKENDS", "POSTGRES_URL", "fresh_db", "postgres_schema_url"]

POSTGRES_URL = os.environ.get("MANYSIDES_TEST_POSTGRES", "")
NO_POSTGRES = "set MANYSIDES_TEST_POSTGRES to a PostgreSQL URL (see .ci/postgres.sh)"

BACKENDS = [
    "sqlite",
    pytest.param(
        "postgres",
        marks=[pytest.mark.postgres, pytest.mark.skipif(not POSTGRES_URL, reason=NO_POSTGRES)],
    ),
]


def postgres_schema_url(url: str, schema: str) -> str:
    """``url`` with every connection's ``search_path`` set to ``schema``."""
    options = {"options": f"-csearch_path={schema}"}
    return sa.make_url(database_url(url)).update_query_dict(options).render_as_string(False)


@contextlib.contextmanager
def _postgres_db() -> Iterator[str]:
    schema = f"test_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(database_url(POSTGRES_URL))
    try:
        with admin.begin() as conn:
            conn.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
        yield postgres_schema_url(POSTGRES_URL, schema)
    finally:
        with admin.begin() as conn:
            conn.exec_driver_sql(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
        admin.dispose()


@contextlib.contextmanager
def fresh_db(backend: str, folder: Path) -> Iterator[str]:
    """A fresh, empty database: an SQLite file path, or a PostgreSQL URL with its own schema."""
    if backend == "sqlite":
        yield str(folder / "manysides.db")
    else:
        with _postgres_db() as url:
            yield url
