"""How the viewer reads the store: a short read-only connection per request.

A connection is opened for each request and closed after it, so the viewer
never holds the store between requests and an ingest can write to it; the
store is opened read-only with DuckDB's external access disabled (no file,
HTTP or extension access from a query).
"""
from __future__ import annotations

import contextlib
import time
from pathlib import Path
from typing import Iterator

import duckdb

from ..errors import StoreError
from ..store.schema import SCHEMA_VERSION, current_version

#: How long a request waits for a writer's lock before it answers "busy".
LOCK_WAIT_SECONDS = 3.0


class StoreBusy(StoreError):
    """The store is locked by a writer for longer than a request waits."""


def connect(path: str | Path) -> duckdb.DuckDBPyConnection:
    """Open the store read-only, external access disabled, retrying briefly on a lock."""
    path = Path(path)
    if not path.exists():
        raise StoreError(f"{path}: no such store; create it with `tacitus ingest ... --db {path}`")
    deadline = time.monotonic() + LOCK_WAIT_SECONDS
    delay = 0.02
    while True:
        try:
            con = duckdb.connect(str(path), read_only=True, config={"enable_external_access": False})
            break
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower() or time.monotonic() > deadline:
                raise StoreBusy(f"{path}: the store is being written; try again in a moment") from exc
            time.sleep(delay)
            delay = min(delay * 2, 0.25)
    version = current_version(con)
    if version != SCHEMA_VERSION:
        con.close()
        raise StoreError(f"{path}: schema version {version}, expected {SCHEMA_VERSION}")
    return con


@contextlib.contextmanager
def reading(path: str | Path) -> Iterator[duckdb.DuckDBPyConnection]:
    con = connect(path)
    try:
        yield con
    finally:
        con.close()
