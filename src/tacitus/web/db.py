"""How the viewer reads the store: read-only, kept open while requests come, let go for a writer.

DuckDB lets one process write a file, or several read it, never both. The
viewer keeps the store open between requests (its cache of data blocks stays
warm: a request on a freshly opened store reads and decompresses every block
it needs again) and lets it go when no request has come for ``KEEP_OPEN``
seconds, or at once, as soon as its requests are done, when a writer says it
is waiting (``tacitus ingest`` does, see ``schema.writer_waiting``). While a
writer waits, each request opens the store for itself and closes it after,
and ``open_store`` retries while a batch is being committed. Once opened (at
start-up, then again after a writer), the store is warmed up in the background
(``WARM_UP``) so that the first filter by words of the text finds in memory
the columns it reads for every event, and the events view's first page is
read once (its lookups by id and the articles' titles). The store is
opened read-only in the sandbox of ``tacitus sql`` (no file, network or
extension access from a query, settings locked).
"""
from __future__ import annotations

import contextlib
import threading
import time
from pathlib import Path
from typing import Iterator

import duckdb

from ..errors import StoreError
from ..store import browse
from ..store.schema import _is_lock_error, open_store, writer_waiting

#: How long a request waits for a writer's lock before it answers "busy" (503).
LOCK_WAIT_SECONDS = 3.0
#: Seconds without a request after which the viewer lets the store go. A writer does not
#: wait for it (it says it is waiting, and the store is let go at once); a store opened
#: afresh reads every block again: the first request after 2 s idle took 1.5 to 4 times
#: as long as the same request on the kept store (on a million events, 50 to 150 ms more).
KEEP_OPEN = 600.0
#: Seconds between two looks, while the store is kept, for a waiting writer.
LOOK = 0.1
#: Read in the background when the store is opened: the columns a filter by words of the
#: text reads for every event (its text, uncompressed: 80 MB per million events) and those
#: the overview then reads of the matching events. The first such request on a store just
#: opened otherwise reads them from the file (on a million events: 210-230 ms against
#: 120-140 on a warm store, at load 2).
WARM_UP = ("SELECT max(strlen(search_text)), max(cluster_id), max(quad), max(score), max(event_day), max(date), "
           "bool_or(negated), bool_or(hypothetical), max(actor_country), max(recipient_country), "
           "max(actor_name), max(recipient_name) FROM events")
#: Also read in the background: the events view's first page (``browse.event_page``). Its
#: lookups of events and titles by id, on a store just opened, took 115 ms on a million
#: events, 24 ms once done (the columns above read first).
WARM_UP_PAGE = {"sort": "date"}


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


class Reader:
    """The viewer's access to one store: ``with reader.reading() as con: ...`` (any thread)."""

    def __init__(self, path: str | Path, keep_open: float = KEEP_OPEN, warm_up: bool = True):
        self.path = Path(path)
        self.keep_open = keep_open
        self.warm_up = warm_up
        self.lock = threading.Lock()
        self.kept: duckdb.DuckDBPyConnection | None = None  # the open store, when kept
        self.users = 0  # requests reading the kept store
        self.last = 0.0  # when the last of them ended
        self.closer: threading.Timer | None = None
        self.warming: threading.Thread | None = None
        self.warmed = False  # the last warm-up was done

    @contextlib.contextmanager
    def reading(self) -> Iterator[duckdb.DuckDBPyConnection]:
        con, kept = self._acquire()
        try:
            yield con
        finally:
            con.close()
            if kept:
                self._release()

    def _acquire(self) -> tuple[duckdb.DuckDBPyConnection, bool]:
        waiting = writer_waiting(self.path)
        with self.lock:
            if waiting:
                self._let_go()
            else:
                if self.kept is None:
                    self.kept = connect(self.path)
                    if self.warm_up:
                        self.warming = threading.Thread(target=self._warm_up, args=(self.kept,), daemon=True)
                        self.warming.start()
                self.users += 1
                try:
                    return self.kept.cursor(), True  # a connection of its own to the same database
                except BaseException:
                    self.users -= 1
                    raise
        return connect(self.path), False

    def open(self) -> None:
        """Open the store now (and warm it up), not at the first request: at start-up."""
        try:
            with self.reading():
                pass
        except StoreError:  # being written: the first request opens it
            pass

    def _warm_up(self, kept: duckdb.DuckDBPyConnection) -> None:
        """Read ``WARM_UP`` and ``WARM_UP_PAGE`` into the cache of the kept store ``kept``, as a request does (a
        writer that waits has the store once it is done); nothing if it was let go."""
        with self.lock:
            if self.kept is not kept or writer_waiting(self.path):
                return
            self.warmed = False
            self.users += 1
            con = kept.cursor()
        try:
            con.execute(WARM_UP).fetchall()
            browse.event_page(con, **WARM_UP_PAGE)
            self.warmed = True
        except (duckdb.Error, StoreError):  # an older store: no matter
            pass
        finally:
            con.close()
            self._release()

    def _release(self) -> None:
        with self.lock:
            self.users -= 1
            self.last = time.monotonic()
            if self.users == 0 and writer_waiting(self.path):
                self._let_go()
            elif self.closer is None and self.kept is not None:
                self._schedule()

    def _schedule(self) -> None:
        self.closer = threading.Timer(LOOK, self._idle)
        self.closer.daemon = True
        self.closer.start()

    def _idle(self) -> None:
        with self.lock:
            self.closer = None
            if self.kept is None:
                return
            idle = self.users == 0 and time.monotonic() - self.last >= self.keep_open
            if self.users == 0 and (idle or writer_waiting(self.path)):
                self._let_go()
            else:  # in use, or used lately: look again
                self._schedule()

    def _let_go(self) -> None:
        """Close the kept store once no request reads it (called holding the lock)."""
        if self.kept is not None and self.users == 0:
            self.kept.close()
            self.kept = None

    def close(self) -> None:
        if self.warming is not None:
            self.warming.join()
        with self.lock:
            if self.closer is not None:
                self.closer.cancel()
                self.closer = None
            self._let_go()

