"""The corpus store: one DuckDB file of articles, events, actors and failures.

    summary = ingest("tacitus.duckdb", ["corpus/"], coder)   # or ingest_items(path, items, coder)
    con = open_store("tacitus.duckdb", read_only=True)       # retries while an ingest commits
    dyads(con, by="week")                              # event clusters per country pair
    export(con, "csv", "events.csv")

See docs/store.md for the schema and the commands.
"""
from __future__ import annotations

from .queries import PERIODS, actors, dyads, events, run_sql, summary
from .schema import SCHEMA_VERSION, migrate, open_store

_WRITER = ("DEFAULT_BATCH_SIZE", "IngestSummary", "ingest", "ingest_items", "stored_articles")
_EXPORT = ("FORMATS", "export")


def __getattr__(name):
    # lazy: the writer imports datasketch (scipy), the export pyarrow; slow for queries
    if name in _WRITER:
        from . import writer

        return getattr(writer, name)
    if name in _EXPORT:
        from .export import FORMATS, export  # noqa: F811

        # importing the submodule set the package's ``export`` to the module: put the function back
        globals().update(FORMATS=FORMATS, export=export)
        return globals()[name]
    raise AttributeError(name)


__all__ = [
    "DEFAULT_BATCH_SIZE",
    "FORMATS",
    "PERIODS",
    "SCHEMA_VERSION",
    "IngestSummary",
    "actors",
    "dyads",
    "events",
    "export",
    "ingest",
    "ingest_items",
    "migrate",
    "open_store",
    "run_sql",
    "stored_articles",
    "summary",
]
