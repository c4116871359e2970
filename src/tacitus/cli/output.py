"""Shared CLI output: ``--format table|jsonl|csv`` and clear errors.

    @main.command()
    @output_options
    @cli_errors
    def things(fmt):
        emit(rows, fmt)
"""
from __future__ import annotations

import csv
import datetime as dt
import functools
import json
import sys
from typing import Any, Callable, Iterable

import click

from ..errors import TacitusError

OUTPUT_FORMATS = ("table", "jsonl", "csv")


def output_options(func: Callable) -> Callable:
    """Add ``--format/-f table|jsonl|csv`` (passed as ``fmt``)."""
    return click.option(
        "--format",
        "-f",
        "fmt",
        type=click.Choice(OUTPUT_FORMATS),
        default="table",
        show_default=True,
        help="Output as a table, JSON Lines or CSV.",
    )(func)


def cli_errors(func: Callable) -> Callable:
    """Print a TacitusError as ``error: <message>`` and exit 1 (no traceback)."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except TacitusError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(1)

    return wrapper


def _plain(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.hex()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def _cell(value: Any) -> str:
    kind = type(value)
    if kind is str:  # the common cases first: a million cells are written this way
        return value
    if value is None:
        return ""
    if kind is float:
        return f"{value:g}"
    if kind is int:
        return str(value)
    value = _plain(value)
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(_cell(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


#: Most rows a table shows; the rest are counted (use --limit, a filter, or -f csv/jsonl).
TABLE_ROWS = 200


def emit(rows: Iterable[dict[str, Any]], fmt: str, *, title: str | None = None, file=None) -> int:
    """Print ``rows`` (dicts with the same keys) as a rich table, JSON Lines or CSV.

    JSON Lines and CSV are written row by row as ``rows`` yields them (a
    million rows stream in constant memory); a table shows the first
    ``TABLE_ROWS`` rows and says on stderr how many more there are.
    """
    out = file or sys.stdout
    count = 0
    if fmt == "jsonl":
        write = out.write
        for row in rows:
            write(json.dumps(_plain(row), ensure_ascii=False) + "\n")
            count += 1
    elif fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        for row in rows:
            if not count:
                writer.writerow(list(row))
            writer.writerow([_cell(v) for v in row.values()])
            count += 1
    elif fmt == "table":
        from rich.console import Console
        from rich.table import Table

        iterator = iter(rows)
        shown = [row for _, row in zip(range(TABLE_ROWS), iterator)]
        count = len(shown) + sum(1 for _ in iterator)
        table = Table(title=title, show_lines=False)
        for column in shown[0] if shown else ["(no rows)"]:
            table.add_column(str(column), overflow="fold")
        for row in shown:
            table.add_row(*(_cell(v) for v in row.values()))
        Console(file=out, soft_wrap=False).print(table)
        if count > len(shown):
            click.echo(
                f"{count - len(shown):,} more rows not shown ({count:,} in all): "
                "narrow with filters or --limit, or write them all with -f csv or -f jsonl",
                err=True,
            )
    else:
        raise TacitusError(f"unknown output format {fmt!r}: use one of {', '.join(OUTPUT_FORMATS)}")
    return count
