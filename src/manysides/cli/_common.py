"""Options and helpers shared by the commands; library errors become ClickExceptions here."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

import click

from manysides.errors import ManysidesError

F = TypeVar("F", bound=Callable[..., Any])


def db_option(func: F) -> F:
    return click.option(
        "--db",
        metavar="PATH|URL",
        envvar="MANYSIDES_DB",
        help="SQLite file or postgresql:// URL (default: manysides.db in the user data dir; "
        "env MANYSIDES_DB).",
    )(func)


def config_option(func: F) -> F:
    return click.option(
        "--config",
        "config_path",
        type=click.Path(exists=True, dir_okay=False),
        help="A TOML file overriding the packaged settings.",
    )(func)


@contextlib.contextmanager
def library_errors() -> Iterator[None]:
    """Turn a library error into a one-line message and exit code 1."""
    try:
        yield
    except ManysidesError as exc:
        raise click.ClickException(str(exc)) from exc


def console() -> Any:
    from rich.console import Console

    return Console(stderr=True, highlight=False, soft_wrap=True)
