"""``manysides analyze`` and ``manysides demo``."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import click

from manysides.cli._common import config_option, console, db_option, library_errors


def _summarise(result: Any) -> None:
    out = console()
    out.print(
        f"[bold]{len(result.articles)}[/] articles analysed "
        f"({len(result.added)} new, {len(result.existing)} already stored, "
        f"{len(result.duplicates)} duplicates); stages: {', '.join(result.stages) or 'none'}"
    )
    for failure in result.failures:
        out.print(f"[red]error[/] {failure.source}: {failure.reason}")
    if result.report_path:
        out.print(f"report: [bold]{result.report_path}[/]")
    if result.json_path:
        out.print(f"json:   [bold]{result.json_path}[/]")


def _run(sources: list[str], **kwargs: Any) -> None:
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from manysides.analyze import analyze as run_analysis
    from manysides.config import load_config

    with library_errors():
        config = load_config(kwargs.pop("config_path"))
        with Progress(
            SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
            console=console(), transient=True,
        ) as bar:
            task = bar.add_task("ingesting", total=None)

            def progress(name: str, done: int, total: int) -> None:
                bar.update(task, description=f"ran {name} on {done} articles")

            result = run_analysis(sources, config=config, progress=progress, **kwargs)
    _summarise(result)
    if result.failures:
        raise SystemExit(1)


@click.command()
@click.argument("sources", nargs=-1, required=True)
@click.option("--out", "out", type=click.Path(dir_okay=False), default="manysides-report.html",
              show_default=True, help="Where to write the HTML report.")
@click.option("--json", "json_out", type=click.Path(dir_okay=False), default=None,
              help="Also write the full analysis as JSON (schema: docs/schema/).")
@click.option("--outlet", default=None, help="Outlet name for inputs whose metadata gives none.")
@click.option("--published", type=click.DateTime(), default=None,
              help="Publication date for inputs whose metadata gives none (YYYY-MM-DD).")
@click.option("--allow-private", is_flag=True, help="Allow fetching private/loopback URLs.")
@click.option("--stage", "stages", multiple=True,
              help="Run only these stages (repeatable; default: all).")
@click.option("--title", default=None, help="Report title.")
@db_option
@config_option
def analyze(sources: tuple[str, ...], stages: tuple[str, ...], published: datetime | None,
            **kwargs: Any) -> None:
    """Ingest SOURCES (files, folders, globs, URLs, - for stdin), run every analysis stage,
    and write one self-contained HTML report (and JSON with --json).

    \b
    Example:
      manysides analyze ../articles/ --out report.html --json report.json
    """
    _run(list(sources), stages=list(stages) or None, published=published, **kwargs)


@click.command()
@click.option("--out", type=click.Path(dir_okay=False), default="manysides-report.html",
              show_default=True, help="Where to write the HTML report.")
@click.option("--json", "json_out", type=click.Path(dir_okay=False),
              default="manysides-report.json", show_default=True, help="Where to write the JSON.")
@click.option("--db", default="manysides-demo.db", show_default=True,
              help="Store for the demo (kept apart from your own store).")
@config_option
def demo(**kwargs: Any) -> None:
    """Analyze the bundled, illustrative examples/ corpus (invented outlets and events).

    \b
    Example:
      manysides demo && xdg-open manysides-report.html
    """
    from manysides.analyze import examples_path

    examples = examples_path()
    if not examples.is_dir():
        raise click.ClickException(f"bundled examples not found at {examples}")
    _run([str(Path(examples))], title="manysides demo: the illustrative examples/ corpus",
         outlet=None, published=None, allow_private=False, stages=None, **kwargs)
