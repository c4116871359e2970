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
import shutil
import sys
from typing import Any, Callable, Iterable, Iterator

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
#: Width of a table written to a file or a pipe (a terminal's own width otherwise).
TABLE_WIDTH = 100
#: Columns of long text, cut (with "...") to keep one line per row in a table.
LONG_COLUMNS = {"text", "sources", "source", "aliases", "message", "title", "url"}


def columns_option(func: Callable) -> Callable:
    """Add ``--columns a,b,c`` (passed as ``columns``): the columns to print, in that order."""
    return click.option("--columns", help="Columns to print, comma-separated, in that order "
                        "(default for a table: a compact set; for jsonl/csv: all).")(func)


def emit_query(con, query, fmt: str, *, title: str | None = None, columns: str | None = None,
               limit: int | None = None, compact: Callable | None = None) -> None:
    """Print the rows of ``query`` (a ``tacitus.store`` query: SQL and parameters) as ``emit``
    does, with DuckDB doing the work: CSV and JSON Lines are formatted by DuckDB, a table
    fetches the rows it shows and has the rest counted. ``columns`` picks columns (as
    ``--columns``); ``compact`` reshapes the rows of a table when no columns are picked."""
    from ..store import text

    sql, params = query
    if limit is not None:
        sql = f"SELECT * FROM ({sql}) AS q LIMIT {int(limit)}"
    wanted = [c.strip() for c in (columns or "").split(",") if c.strip()]
    if wanted:
        sql = text.select_columns(con, sql, params, wanted)
    if fmt == "table":
        rows, total = text.head(con, sql, params, TABLE_ROWS)
        if compact is not None and not wanted:
            rows = list(compact(rows))
        emit(rows, fmt, title=title, total=total)
        return
    if fmt not in OUTPUT_FORMATS:
        raise TacitusError(f"unknown output format {fmt!r}: use one of {', '.join(OUTPUT_FORMATS)}")
    chunks = (text.csv_text if fmt == "csv" else text.jsonl_text)(con, sql, params)
    if chunks is None:  # a column DuckDB would write otherwise: Python writes it
        cursor = con.execute(sql, params)
        names = [d[0] for d in cursor.description]
        emit((dict(zip(names, row)) for batch in iter(lambda: cursor.fetchmany(5000), []) for row in batch),
             fmt, title=title)
        return
    write = sys.stdout.write
    for chunk in chunks:
        write(chunk)


def _fit(text: str, width: int) -> str:
    """``text`` on one line in exactly ``width`` cells: cut with "…" when longer, padded."""
    from rich.cells import cell_len, set_cell_size

    text = text.replace("\t", " ").replace("\r", " ").replace("\n", " ")
    if cell_len(text) > width:
        text = set_cell_size(text, width - 1) + "…"
    return set_cell_size(text, width)


def table_lines(columns: list[str], cells: list[list[str]], width: int,
                title: str | None = None) -> list[str]:
    """The lines of a table of ``cells`` under ``columns``, at most ``width`` cells wide.

    One line per row: cells are cut with "…", long text first, then the widest
    columns, so that dates and codes stay whole. Cells are written as they are
    (no markup is read in them: "[/AFP]" prints as "[/AFP]").
    """
    from rich.cells import cell_len

    widths = [min(max([cell_len(c)] + [cell_len(row[k]) for row in cells]),
                  48 if c in LONG_COLUMNS else 18) for k, c in enumerate(columns)]
    room = width - (3 * len(columns) + 1)
    for floors in ([20 if c in LONG_COLUMNS else 10 for c in columns], [3] * len(columns)):
        while sum(widths) > room:
            wide = [i for i in range(len(widths)) if widths[i] > floors[i]]
            if not wide:
                break
            widths[max(wide, key=lambda i: widths[i] - floors[i])] -= 1
    widths = [max(w, 1) for w in widths]
    rule = {edge: left + mid.join(line * (w + 2) for w in widths) + right
            for edge, (left, line, mid, right) in {
                "top": "┏━┳┓", "head": "┡━╇┩", "bottom": "└─┴┘"}.items()}
    lines = []
    if title:
        lines.append(_fit(title, cell_len(rule["top"])).rstrip().center(cell_len(rule["top"])).rstrip())
    lines.append(rule["top"])
    lines.append("┃ " + " ┃ ".join(_fit(c, w) for c, w in zip(columns, widths)) + " ┃")
    lines.append(rule["head"])
    lines.extend("│ " + " │ ".join(_fit(v, w) for v, w in zip(row, widths)) + " │" for row in cells)
    lines.append(rule["bottom"])
    return lines


def emit(rows: Iterable[dict[str, Any]], fmt: str, *, title: str | None = None, file=None,
         total: int | None = None) -> int:
    """Print ``rows`` (dicts with the same keys) as a table, JSON Lines or CSV.

    JSON Lines and CSV are written row by row as ``rows`` yields them (a
    million rows stream in constant memory); a table shows the first
    ``TABLE_ROWS`` rows and says on stderr how many more there are (``total``
    rows in all when given, else those left in ``rows``).
    """
    out = file or sys.stdout
    count = 0
    if fmt == "jsonl":
        write = out.write
        for row in rows:
            write(json.dumps(_plain(row), ensure_ascii=False, separators=(",", ":")) + "\n")
            count += 1
    elif fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        for row in rows:
            if not count:
                writer.writerow(list(row))
            writer.writerow([_cell(v) for v in row.values()])
            count += 1
    elif fmt == "table":
        iterator = iter(rows)
        shown = [row for _, row in zip(range(TABLE_ROWS), iterator)]
        count = len(shown) + sum(1 for _ in iterator) if total is None else total
        columns = [str(c) for c in (shown[0] if shown else ["(no rows)"])]
        cells = [[_cell(v) for v in row.values()] for row in shown]
        terminal = out is sys.stdout and out.isatty()
        size = shutil.get_terminal_size((TABLE_WIDTH, 24))
        lines = table_lines(columns, cells, size.columns if terminal else TABLE_WIDTH, title)
        if terminal and len(lines) > size.lines - 1:
            click.echo_via_pager("\n".join(lines) + "\n")  # $PAGER, else less
        else:
            out.write("\n".join(lines) + "\n")
        if count > len(shown):
            click.echo(
                f"{count - len(shown):,} more rows not shown ({count:,} in all): "
                "narrow with filters or --limit, or write them all with -f csv or -f jsonl",
                err=True,
            )
    else:
        raise TacitusError(f"unknown output format {fmt!r}: use one of {', '.join(OUTPUT_FORMATS)}")
    return count


def progress_bar(label: str):
    """A progress bar on stderr: label, bar, done/total, articles/s, time elapsed and left.

    It draws only when refreshed: call ``advance`` (below) rather than ``progress.advance``.
    """
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        ProgressColumn,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )
    from rich.text import Text

    class ArticlesPerSecond(ProgressColumn):
        def render(self, task):
            speed = task.finished_speed or task.speed
            return Text("" if speed is None else f"{speed:.1f} articles/s")

    return Progress(
        SpinnerColumn(),
        TextColumn(label),
        BarColumn(),
        MofNCompleteColumn(),
        ArticlesPerSecond(),
        TimeElapsedColumn(),
        TextColumn("left"),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=False,
        auto_refresh=False,  # no refresh thread, so --processes workers can fork with the coder loaded;
                             # callers refresh as they advance
    )


def advance(progress, task, n: int = 1) -> None:
    """Advance a :func:`progress_bar` and draw it."""
    progress.advance(task, n)
    progress.refresh()
