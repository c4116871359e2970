"""`tacitus serve`: a real server process on a real store."""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db, *args, env=None):
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "tacitus", "serve", "--db", str(db), "--port", str(port), *args],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"server exited: {proc.stderr.read()}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/stats", timeout=2):
                return proc, port
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise AssertionError("server did not start")


def stop(proc) -> str:
    proc.terminate()
    try:
        _, err = proc.communicate(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        _, err = proc.communicate()
    return err


def get(port, path):
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as r:
        return json.loads(r.read())


def test_cli_serve_binds_localhost_by_default(web_store):
    proc, port = start_server(web_store)
    try:
        assert get(port, "/api/stats")["counts"]["articles"] == 11
        with socket.socket() as s:  # listening on 127.0.0.1 only
            s.settimeout(1)
            addresses = {a[4][0] for a in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)} - {"127.0.0.1", "127.0.1.1"}
            for address in addresses:
                assert s.connect_ex((address, port)) != 0
    finally:
        err = stop(proc)
    assert "warning" not in err
    assert f"http://127.0.0.1:{port}/" in err


def test_cli_serve_warns_when_another_host_is_asked(web_store):
    proc, port = start_server(web_store, "--host", "0.0.0.0")
    err = stop(proc)
    assert "warning: serving on 0.0.0.0" in err


def test_cli_serve_missing_store_is_a_clear_error(tmp_path):
    result = subprocess.run([sys.executable, "-m", "tacitus", "serve", "--db", str(tmp_path / "none.duckdb")],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "no such store" in result.stderr and "Traceback" not in result.stderr
