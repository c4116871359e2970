"""`tacitus serve`: a real server process on a real store."""
from __future__ import annotations

import json
import socket
import subprocess
import sys
import urllib.request

import pytest

pytestmark = pytest.mark.slow


def get(port, path):
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as r:
        return json.loads(r.read())


def test_cli_serve_binds_localhost_by_default(web_store, server):
    proc, port = server.start(web_store)
    try:
        assert get(port, "/api/stats")["counts"]["articles"] == 11
        with socket.socket() as s:  # listening on 127.0.0.1 only
            s.settimeout(1)
            addresses = {a[4][0] for a in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)} - {"127.0.0.1", "127.0.1.1"}
            for address in addresses:
                assert s.connect_ex((address, port)) != 0
    finally:
        err = server.stop(proc)
    assert "warning" not in err
    assert f"http://127.0.0.1:{port}/" in err


def test_cli_serve_warns_when_another_host_is_asked(web_store, server):
    proc, port = server.start(web_store, "--host", "0.0.0.0")
    err = server.stop(proc)
    assert "warning: serving on 0.0.0.0" in err


def test_cli_serve_missing_store_is_a_clear_error(tmp_path):
    result = subprocess.run([sys.executable, "-m", "tacitus", "serve", "--db", str(tmp_path / "none.duckdb")],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "no such store" in result.stderr and "Traceback" not in result.stderr


def test_cli_serve_while_an_ingest_writes_the_store(tmp_path, server):
    """Two processes on one store: `tacitus serve` answers and `tacitus ingest` commits,
    neither meets a lock error, and new articles appear on refresh."""
    import os

    from test_cli_store import STORIES, write_jsonl

    from tacitus.store import open_store

    db = tmp_path / "live.duckdb"
    open_store(db).close()
    corpus = write_jsonl(tmp_path / "corpus.jsonl", STORIES * 2)
    proc, port = server.start(db)
    env = dict(os.environ, TACITUS_INGEST_BATCH_PAUSE="0.3")
    ingest = subprocess.Popen([sys.executable, "-m", "tacitus", "ingest", str(corpus), "--db", str(db),
                               "--batch-size", "1", "--no-dedup", "--quiet"],
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert ingest.stderr.readline().strip() == "committed batch 1"
        counts, during = [], 0
        while ingest.poll() is None:
            counts.append(get(port, "/api/stats")["counts"]["articles"])  # urlopen raises on 4xx/5xx
            page = get(port, "/api/events?limit=5")
            assert page["total"] >= 0
            during += ingest.poll() is None
        out, err = ingest.communicate(timeout=120)
    finally:
        if ingest.poll() is None:
            ingest.kill()
            ingest.wait()
    assert ingest.returncode == 0, err
    assert "locked" not in err
    assert during >= 2
    assert counts == sorted(counts) and counts[0] < len(STORIES) * 2
    assert get(port, "/api/stats")["counts"]["articles"] == len(STORIES) * 2  # a refresh shows them all
    assert "error" not in server.stop(proc).lower()
