"""The viewer's access to the store: kept open between requests, let go for a writer."""
from __future__ import annotations

import subprocess
import sys
import time

from tacitus.store import open_store
from tacitus.web.db import Reader

WRITE = """import sys, time
from tacitus.store import open_store
started = time.monotonic()
con = open_store(sys.argv[1], retry=30)
con.execute("INSERT INTO failures VALUES ('x.jsonl', 1, NULL, 'error', 'bad line', now())")
con.close()
print(round(time.monotonic() - started, 2))
"""


def _store(tmp_path):
    path = tmp_path / "s.duckdb"
    open_store(path).close()
    return path


def test_web_db_keeps_the_store_open_between_requests_then_lets_it_go(tmp_path):
    path = _store(tmp_path)
    reader = Reader(path, keep_open=0.5)
    with reader.reading() as con:
        assert con.execute("SELECT count(*) FROM failures").fetchone() == (0,)
    kept = reader.kept
    assert kept is not None
    with reader.reading() as con:  # the same open store, not opened again
        con.execute("SELECT 1").fetchone()
    assert reader.kept is kept
    deadline = time.monotonic() + 5
    while reader.kept is not None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert reader.kept is None  # idle: let go, so that a writer can open it
    with open_store(path) as con:
        con.execute("SELECT 1")


def test_web_db_keeps_the_store_through_a_pause_between_clicks(tmp_path):
    """A user's next click, seconds later, finds the store still open (its blocks read
    before are still in memory); only a waiting writer or a long idle lets it go."""
    path = _store(tmp_path)
    reader = Reader(path)
    with reader.reading() as con:
        con.execute("SELECT count(*) FROM events").fetchone()
    kept = reader.kept
    time.sleep(2.5)
    with reader.reading() as con:
        con.execute("SELECT count(*) FROM events").fetchone()
    assert kept is not None and reader.kept is kept
    reader.close()
    assert reader.kept is None


def test_web_db_opens_and_warms_up_the_store_at_start_up(tmp_path):
    """The viewer opens the store when it starts and reads the columns of the text filter
    and the events view's first page in the background, as a request that ends: nothing
    is left holding the store."""
    path = _store(tmp_path)
    reader = Reader(path)
    reader.open()
    assert reader.kept is not None and reader.warming is not None
    reader.warming.join()
    assert reader.warmed and reader.users == 0
    with reader.reading() as con:  # the kept store answers as before
        assert con.execute("SELECT count(*) FROM events").fetchone() == (0,)
    reader.close()
    assert reader.kept is None
    with open_store(path) as con:  # and a writer has it
        con.execute("SELECT 1")


def test_web_db_lets_a_waiting_writer_in_while_requests_keep_coming(tmp_path):
    path = _store(tmp_path)
    class CountingReader(Reader):
        let_go = 0

        def _let_go(self) -> None:
            if self.kept is not None and self.users == 0:
                self.let_go += 1
            super()._let_go()

    reader = CountingReader(path, keep_open=60)  # never idle long enough: only the writer's wait lets it go
    with reader.reading():
        pass
    writer = subprocess.Popen([sys.executable, "-c", WRITE, str(path)], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
    seen = []
    try:
        while writer.poll() is None:
            with reader.reading() as con:
                seen.append(con.execute("SELECT count(*) FROM failures").fetchone()[0])
            time.sleep(0.01)
        out, err = writer.communicate(timeout=60)
    finally:
        if writer.poll() is None:
            writer.kill()
    assert writer.returncode == 0, err
    # the kept store was let go for the writer (sampling the writer's wait file between
    # requests missed it now and then: the writer waits only a few milliseconds)
    assert reader.let_go >= 1 and float(out) < 10
    with reader.reading() as con:  # and the next request sees what it wrote
        assert con.execute("SELECT count(*) FROM failures").fetchone() == (1,)
    assert seen and set(seen) <= {0, 1}
    reader.close()
    assert reader.kept is None
