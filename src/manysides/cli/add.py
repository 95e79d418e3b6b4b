"""``manysides add``."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import click

from manysides.cli._common import config_option, console, db_option, library_errors


@click.command()
@click.argument("sources", nargs=-1, required=True)
@click.option("--outlet", default=None, help="Outlet name for inputs whose metadata gives none.")
@click.option("--published", type=click.DateTime(), default=None,
              help="Publication date for inputs whose metadata gives none (YYYY-MM-DD).")
@click.option("--glob", "pattern", default=None,
              help="Only files matching this pattern inside folders (e.g. '*.html').")
@click.option("--allow-private", is_flag=True, help="Allow fetching private/loopback URLs.")
@db_option
@config_option
def add(sources: tuple[str, ...], outlet: str | None, published: datetime | None,
        pattern: str | None, allow_private: bool, db: str | None, config_path: str | None) -> None:
    """Ingest SOURCES (files, folders, globs, http(s) URLs, or - for stdin) into the store.

    Adding the same input twice adds nothing; duplicates are stored and reported, never dropped.

    \b
    Example:
      manysides add articles/ https://example.org/feed.xml --outlet "Example Times"
    """
    from manysides.analyze import add_to_store
    from manysides.config import load_config
    from manysides.store import Store

    out = console()
    with library_errors():
        config = load_config(config_path)
        with Store.open(db or config["store"]["db"] or None) as store, out.status("ingesting…"):
            result, added = add_to_store(
                store, list(sources), config=config, outlet=outlet, published=published,
                allow_private=allow_private, glob=pattern,
            )
    _report(out, result, added)
    if result.failures:
        raise SystemExit(1)


def _report(out: Any, result: Any, added: Any) -> None:
    out.print(f"added [bold]{len(added.added)}[/] articles, "
              f"{len(added.existing)} already stored")
    for article in result.articles:
        if article.duplicate is not None:
            dup = article.duplicate
            out.print(f"[yellow]{dup.kind} duplicate[/] {article.id} ({article.source}) "
                      f"of {dup.of} (similarity {dup.similarity:.2f})")
    for failure in result.failures:
        out.print(f"[red]error[/] {failure.source}: {failure.reason}")
