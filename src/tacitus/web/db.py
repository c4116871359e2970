"""How the viewer reads the store: a short read-only connection per request.

A connection is opened for each request and closed after it, so the viewer
never holds the store between requests and an ingest can commit its
batches; ``open_store`` retries while a batch is being committed. The store
is opened read-only in the sandbox of ``tacitus sql`` (no file, network or
extension access from a query, settings locked).
"""
from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Iterator

import duckdb

from ..errors import StoreError
from ..store.schema import _is_lock_error, open_store

#: How long a request waits for a writer's lock before it answers "busy" (503).
LOCK_WAIT_SECONDS = 3.0


class StoreBusy(StoreError):
    """The store is locked by a writer for longer than a request waits."""


def connect(path: str | Path) -> duckdb.DuckDBPyConnection:
    """Open the store read-only and sandboxed, retrying briefly on a lock."""
    try:
        return open_store(path, read_only=True, retry=LOCK_WAIT_SECONDS, sandbox=True)
    except StoreError as exc:
        if exc.__cause__ is not None and _is_lock_error(exc.__cause__):
            raise StoreBusy(f"{Path(path).name}: the store is being written; try again in a moment") from exc
        raise


@contextlib.contextmanager
def reading(path: str | Path) -> Iterator[duckdb.DuckDBPyConnection]:
    con = connect(path)
    try:
        yield con
    finally:
        con.close()
