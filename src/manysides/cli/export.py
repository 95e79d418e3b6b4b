"""``manysides export``."""

from __future__ import annotations

import click

from manysides.cli._common import db_option, library_errors

FORMATS = ("json", "jsonl", "csv", "parquet")


@click.command()
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="jsonl", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False, allow_dash=True), default="-",
              show_default=True, help="File to write (- for stdout; parquet needs a file).")
@click.option("--outlet", default=None, help="Only articles from this outlet.")
@db_option
def export(fmt: str, output: str, outlet: str | None, db: str | None) -> None:
    """Export stored articles with everything the stages added.

    \b
    Example:
      manysides export --format parquet -o corpus.parquet
    """
    import sys

    from manysides.config import load_config
    from manysides.report.export import export_articles
    from manysides.store import Store

    if fmt == "parquet" and output == "-":
        raise click.UsageError("parquet is binary: give a file with --output")
    with library_errors(), Store.open(db or load_config()["store"]["db"] or None) as store:
        ids = None
        if outlet is not None:
            ids = [row.id for row in store.list(outlet=outlet)]
        articles = store.iter_articles(ids)
        if output == "-":
            export_articles(articles, fmt, sys.stdout)
        else:
            export_articles(articles, fmt, output)
