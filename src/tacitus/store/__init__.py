"""The corpus store: one DuckDB file of articles, events, actors and failures.

    summary = ingest("tacitus.duckdb", ["corpus/"], coder)   # or ingest_items(path, items, coder)
    con = open_store("tacitus.duckdb", read_only=True)       # retries while an ingest commits
    dyads(con, by="week")                              # event clusters per country pair
    export(con, "csv", "events.csv")

See docs/store.md for the schema and the commands.
"""
from __future__ import annotations

from .export import FORMATS, export
from .queries import PERIODS, actors, dyads, events, run_sql, summary
from .schema import SCHEMA_VERSION, migrate, open_store

_WRITER = ("DEFAULT_BATCH_SIZE", "IngestSummary", "ingest", "ingest_items", "stored_articles")


def __getattr__(name):  # lazy: the writer imports datasketch (scipy), slow for queries
    if name in _WRITER:
        from . import writer

        return getattr(writer, name)
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
