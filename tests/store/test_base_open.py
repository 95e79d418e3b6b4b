"""Opening a store: paths and URLs, the configured default, and errors a person can act on."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from manysides.errors import MissingDependencyError, StoreError
from manysides.store import Store, database_url


@pytest.mark.parametrize(
    ("db", "url"),
    [
        ("postgresql://u:p@db.example/news", "postgresql+psycopg://u:p@db.example/news"),
        ("postgres://u@db.example/news", "postgresql+psycopg://u@db.example/news"),
        ("postgresql+psycopg://u@h/n", "postgresql+psycopg://u@h/n"),
        ("sqlite:////tmp/x.db", "sqlite:////tmp/x.db"),
        ("sqlite://", "sqlite://"),
    ],
)
def test_base_open_url_forms(db: str, url: str) -> None:
    assert database_url(db) == url


def test_base_open_path_makes_folder(tmp_path: Path) -> None:
    target = tmp_path / "new" / "folder" / "news.db"
    assert database_url(target) == f"sqlite:///{target}"
    with Store.open(str(target)) as store:
        assert store.backend == "sqlite" and store.count() == 0
    assert target.is_file()


def test_base_open_default_from_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MANYSIDES_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.delenv("MANYSIDES_CONFIG", raising=False)
    assert database_url(None) == f"sqlite:///{tmp_path / 'home' / 'manysides.db'}"
    setting = tmp_path / "manysides.toml"
    setting.write_text(f'[store]\ndb = "{tmp_path / "configured.db"}"\n')
    monkeypatch.setenv("MANYSIDES_CONFIG", str(setting))
    with Store.open() as store:
        assert store.url == f"sqlite:///{tmp_path / 'configured.db'}"


def test_base_open_unsupported_scheme() -> None:
    with pytest.raises(StoreError, match=r"unsupported .*'mysql'.*u:\*\*\*@h.*postgresql://"):
        Store.open("mysql://u:secret@h/db")


def test_base_open_postgres_without_psycopg(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)  # import psycopg -> ImportError
    with pytest.raises(MissingDependencyError, match=r'pip install "manysides\[postgres\]"'):
        Store.open("postgresql://u@localhost/news")


def test_base_open_unreachable_postgres_hides_password() -> None:
    with pytest.raises(StoreError, match=r"could not open the database") as caught:
        Store.open("postgresql://u:secret@127.0.0.1:1/news?connect_timeout=2")
    assert "secret" not in str(caught.value)
