"""Fixtures of the store tests: every store test runs on SQLite, and on PostgreSQL too when
``MANYSIDES_TEST_POSTGRES`` holds a URL (see :mod:`databases`)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from manysides.model import Article
from manysides.store import Store

from .databases import BACKENDS, fresh_db


@pytest.fixture(params=BACKENDS)
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh database on each backend (see :func:`fresh_db`)."""
    with fresh_db(request.param, tmp_path) as url:
        yield url


@pytest.fixture
def store(db: str) -> Iterator[Store]:
    """A store opened (and migrated) on :func:`db`."""
    with Store.open(db) as opened:
        yield opened


@pytest.fixture
def sqlite_store(tmp_path: Path) -> Iterator[Store]:
    """A store on an SQLite file, for SQLite-only behaviour."""
    with Store.open(tmp_path / "manysides.db") as opened:
        yield opened


@pytest.fixture
def make_article() -> Callable[..., Article]:
    """Build an article by hand: ``make_article("text", title=..., outlet=...)``."""

    def make(text: str, **fields: Any) -> Article:
        return Article.create(text, **fields)

    return make
