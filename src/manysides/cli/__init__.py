"""The ``manysides`` command line: one small module per command, each wrapping a library call.

Commands are imported only when run (:class:`LazyGroup`), so ``manysides --help`` is instant and
never loads a model.
"""

from __future__ import annotations

import importlib
from typing import Any

import click

__all__ = ["cli", "main"]

#: command name -> "module:function" under manysides.cli
COMMANDS = {
    "add": "add:add",
    "analyze": "analyze:analyze",
    "annotate": "annotate:annotate",
    "demo": "analyze:demo",
    "export": "export:export",
    "list": "browse:list_articles",
    "search": "browse:search",
    "show": "browse:show",
}

SHORT_HELP = {
    "add": "Ingest files, folders, URLs or stdin into the store.",
    "analyze": "Ingest, run every analysis stage, write the HTML report and JSON.",
    "annotate": "Run one analysis task over JSON lines (batch interface).",
    "demo": "Analyze the bundled illustrative corpus in examples/.",
    "export": "Export stored articles as json, jsonl, csv or parquet.",
    "list": "List stored articles.",
    "search": "Full-text search over stored articles.",
    "show": "Show one stored article with its metadata.",
}


class LazyGroup(click.Group):
    """A group whose subcommands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module_name, attr = target.split(":")
        module = importlib.import_module(f"manysides.cli.{module_name}")
        command: click.Command = getattr(module, attr)
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, SHORT_HELP[name]) for name in self.list_commands(ctx)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="manysides")
def cli() -> None:
    """manysides: many articles about the same events, one source-attributed picture.

    \b
    Example:
      manysides demo                       # analyze the bundled examples/
      manysides analyze articles/ --out report.html --json report.json
    """


def main(argv: list[str] | None = None) -> Any:
    """Console-script entry point."""
    return cli.main(args=argv, prog_name="manysides")
