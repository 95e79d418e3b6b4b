"""``manysides list``, ``show`` and ``search``: read the store."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import click

from manysides.cli._common import db_option, library_errors

if TYPE_CHECKING:
    from manysides.store import Store


def _open(db: str | None) -> Store:
    from manysides.config import load_config
    from manysides.store import Store

    return Store.open(db or load_config()["store"]["db"] or None)


@click.command("list")
@click.option("--outlet", default=None, help="Only articles from this outlet.")
@click.option("--limit", type=int, default=50, show_default=True)
@click.option("--offset", type=int, default=0)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@db_option
def list_articles(outlet: str | None, limit: int, offset: int, as_json: bool,
                  db: str | None) -> None:
    """List stored articles, newest first.

    \b
    Example:
      manysides list --outlet "Civic Wire" --limit 10
    """
    from rich.console import Console
    from rich.table import Table

    with library_errors(), _open(db) as store:
        rows = store.list(outlet=outlet, limit=limit, offset=offset)
    if as_json:
        for row in rows:
            click.echo(json.dumps(_summary_dict(row), ensure_ascii=False))
        return
    table = Table("id", "published", "outlet", "title", "chars", "duplicate")
    for row in rows:
        table.add_row(row.id, str(row.published or "—"), row.outlet or "unknown",
                      row.title or "(untitled)", str(row.chars), row.duplicate or "")
    Console().print(table)


def _summary_dict(row: object) -> dict[str, object]:
    import dataclasses

    if dataclasses.is_dataclass(row) and not isinstance(row, type):
        data = dataclasses.asdict(row)
    else:
        data = dict(vars(row))
    return {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in data.items()}


@click.command()
@click.argument("article_id")
@click.option("--json", "as_json", is_flag=True, help="The whole article as JSON.")
@db_option
def show(article_id: str, as_json: bool, db: str | None) -> None:
    """Show one stored article (ID or a unique prefix of it, as in git).

    \b
    Example:
      manysides show 3f2a9c
    """
    with library_errors(), _open(db) as store:
        article = store.get(article_id)
    if as_json:
        click.echo(article.to_json(indent=2))
        return
    date = (
        f"{article.published.isoformat()} (from {article.published_source.value})"
        if article.published
        else "date unknown"
    )
    click.echo(article.title or "(untitled)")
    if article.description:
        click.echo(article.description)
    click.echo("")
    click.echo(f"id        {article.id}")
    click.echo(f"outlet    {article.outlet or 'unknown'}")
    click.echo(f"authors   {', '.join(article.authors) or 'unknown'}")
    click.echo(f"published {date}")
    click.echo(f"source    {article.source or ''} [{article.source_kind.value}]")
    if article.duplicate:
        click.echo(f"duplicate {article.duplicate.kind} of {article.duplicate.of}")
    click.echo("")
    click.echo(article.text)


@click.command()
@click.argument("query")
@click.option("--limit", type=int, default=20, show_default=True)
@db_option
def search(query: str, limit: int, db: str | None) -> None:
    """Full-text search over stored articles (words, "quoted phrases", OR, -exclude).

    \b
    Example:
      manysides search '"ceasefire talks" OR truce'
    """
    with library_errors(), _open(db) as store:
        hits = store.search(query, limit=limit)
    if not hits:
        click.echo("no matches")
    for hit in hits:
        click.echo(f"{hit.id}  {hit.outlet or 'unknown'} — {hit.title or '(untitled)'}")
        click.echo(f"    {' '.join(hit.snippet.split())}")
