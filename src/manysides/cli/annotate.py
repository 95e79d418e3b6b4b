"""``manysides annotate``: the batch interface of the analysis tasks."""

from __future__ import annotations

import json
import sys
from typing import Any, TextIO

import click

from manysides.cli._common import console, library_errors


def _read_records(stream: TextIO, name: str) -> tuple[list[dict[str, Any]], list[str]]:
    records: list[dict[str, Any]] = []
    errors: list[str] = []
    for number, line in enumerate(stream, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            errors.append(f"{name}:{number}: not valid JSON ({exc.msg})")
            continue
        if not isinstance(record, dict) or "id" not in record or not isinstance(
            record.get("text"), str
        ):
            errors.append(f'{name}:{number}: needs an object with "id" and a string "text"')
            continue
        records.append(record)
    return records, errors


class TaskChoice(click.ParamType):
    """Validates the task name against the registry, listing the available tasks."""

    name = "task"

    def convert(self, value: Any, param: Any, ctx: Any) -> str:
        from manysides.stages import get_task

        with library_errors():
            return get_task(value).name


@click.command()
@click.argument("task", type=TaskChoice())
@click.option("--input", "input_path", type=click.File("r", encoding="utf-8"), default="-",
              show_default=True, help='JSON lines: {"id", "text", "published"?, "targets"?}.')
@click.option("--output", "output_path", type=click.File("w", encoding="utf-8"), default="-",
              show_default=True, help="JSON lines, one per input line, in input order.")
def annotate(task: str, input_path: TextIO, output_path: TextIO) -> None:
    """Run TASK over every input line and write one JSON line per input line.

    Run `manysides annotate --help` with an unknown TASK to list the available tasks.

    \b
    Example:
      manysides annotate dedup --input articles.jsonl --output dups.jsonl
    """
    from manysides.stages import get_task

    records, errors = _read_records(input_path, getattr(input_path, "name", "<stdin>"))
    with library_errors():
        results = get_task(task).func(records) if records else []
    for result in results:
        output_path.write(json.dumps(result, ensure_ascii=False) + "\n")
    output_path.flush()
    err = console()
    for error in errors:
        err.print(f"[red]error[/] {error}")
    if errors:
        sys.exit(1)
