"""Queries while an ingest runs: two real processes on one real DuckDB file."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import duckdb
import pytest

from tacitus.errors import StoreError
from tacitus.store import open_store

HOLD = """
import sys, time, duckdb
con = duckdb.connect(sys.argv[1])
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
con.close()
print("released", flush=True)
time.sleep(30)
"""


def hold_write_lock(path, seconds):
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(path), str(seconds)],
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "locked"
    return proc


def test_store_open_reader_waits_while_a_writer_commits(tmp_path):
    path = tmp_path / "s.duckdb"
    open_store(path).close()
    holder = hold_write_lock(path, 1.0)
    try:
        with open_store(path, read_only=True, retry=20) as con:
            assert con.execute("SELECT count(*) FROM events").fetchone() == (0,)
    finally:
        holder.kill()
        holder.wait()


def test_store_open_lock_that_persists_is_a_clear_error(tmp_path):
    path = tmp_path / "s.duckdb"
    open_store(path).close()
    holder = hold_write_lock(path, 30)
    try:
        started = time.monotonic()
        with pytest.raises(StoreError) as caught:
            open_store(path, read_only=True, retry=0.3)
        assert time.monotonic() - started >= 0.3
        assert "stayed locked" in str(caught.value) and f"process {holder.pid}" in str(caught.value)
    finally:
        holder.kill()
        holder.wait()


def test_store_open_writer_waits_for_a_reader(tmp_path):
    path = tmp_path / "s.duckdb"
    open_store(path).close()
    reader = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time, duckdb\ncon = duckdb.connect(sys.argv[1], read_only=True)\n"
         "print('reading', flush=True)\ntime.sleep(1)\ncon.close()\ntime.sleep(30)", str(path)],
        stdout=subprocess.PIPE, text=True)
    try:
        assert reader.stdout.readline().strip() == "reading"
        with pytest.raises(StoreError):
            open_store(path, retry=0)
        with open_store(path, retry=20) as con:
            con.execute("INSERT INTO failures VALUES ('x', 1, NULL, 'error', 'm', now())")
    finally:
        reader.kill()
        reader.wait()
    with duckdb.connect(str(path), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM failures").fetchone() == (1,)


@pytest.mark.slow
def test_store_queries_succeed_while_an_ingest_runs(tmp_path):
    from test_cli_store import STORIES, write_jsonl

    corpus = write_jsonl(tmp_path / "corpus.jsonl", STORIES * 3)
    db = tmp_path / "live.duckdb"
    tacitus = [sys.executable, "-m", "tacitus"]
    env = dict(os.environ, TACITUS_INGEST_BATCH_PAUSE="0.2")
    ingest = subprocess.Popen(tacitus + ["ingest", str(corpus), "--db", str(db), "--batch-size", "1",
                                         "--no-dedup", "--quiet"],
                              env=env, stderr=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert ingest.stderr.readline().strip() == "committed batch 1"
        counts, during = [], 0
        while ingest.poll() is None:
            query = subprocess.run(tacitus + ["sql", "SELECT count(*) AS n FROM articles", "--db", str(db),
                                              "-f", "jsonl"], capture_output=True, text=True, timeout=120)
            assert query.returncode == 0, query.stderr
            counts.append(json.loads(query.stdout)["n"])
            during += ingest.poll() is None
            events = subprocess.run(tacitus + ["events", "--db", str(db), "-f", "jsonl"],
                                    capture_output=True, text=True, timeout=120)
            assert events.returncode == 0, events.stderr
        out, err = ingest.communicate(timeout=120)
    finally:
        if ingest.poll() is None:
            ingest.kill()
            ingest.wait()
    assert ingest.returncode == 0, err
    assert during >= 2  # queries answered while the ingest was running
    assert counts == sorted(counts) and 1 <= counts[0] < len(STORIES) * 3
    assert f"stored {len(STORIES) * 3}," in out


@pytest.mark.slow
def test_store_second_ingest_of_a_store_is_refused(tmp_path):
    from test_cli_store import STORIES, write_jsonl

    corpus = write_jsonl(tmp_path / "corpus.jsonl", STORIES)
    db = tmp_path / "one.duckdb"
    tacitus = [sys.executable, "-m", "tacitus", "ingest", str(corpus), "--db", str(db), "--batch-size", "1",
               "--quiet"]
    first = subprocess.Popen(tacitus, env=dict(os.environ, TACITUS_INGEST_BATCH_PAUSE="30"),
                             stderr=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert first.stderr.readline().strip() == "committed batch 1"
        second = subprocess.run(tacitus, capture_output=True, text=True, timeout=120)
    finally:
        first.kill()
        first.wait()
    assert second.returncode == 1
    assert second.stderr.startswith("error:") and "another tacitus ingest" in second.stderr
