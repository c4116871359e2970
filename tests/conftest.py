"""Shared fixtures. The spaCy model is loaded once per test session.

Some tests read the shared data folder beside the checkout (../shared/data,
see the README). Without it they are skipped with a message naming the
missing file; with TACITUS_REQUIRE_DATA=1 (as in CI) they fail instead.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED_DATA = REPO.parent / "shared" / "data"
VOA_STORIES = SHARED_DATA / "voa" / "stories.jsonl"
PLOVER_DEV = SHARED_DATA / "plover-gsr" / "dev.jsonl"
REQUIRE_DATA_ENV = "TACITUS_REQUIRE_DATA"

# the suite's runs of `tacitus code` are coded in their own process, whatever
# resident coder the user has running (tests/test_resident.py starts its own)
os.environ["TACITUS_CODER"] = "off"


def shared_data(*parts: str) -> Path:
    """The path of a file of the shared data folder; skips the test (fails it
    when $TACITUS_REQUIRE_DATA is set) when the file is missing."""
    path = SHARED_DATA.joinpath(*parts)
    if not path.exists():
        message = (f"test data missing: {path.resolve()} (the shared data folder beside the "
                   f"checkout, see the README)")
        if os.environ.get(REQUIRE_DATA_ENV):
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def coder():
    import tacitus

    return tacitus.load()


@pytest.fixture(scope="session")
def incomplete_coder():
    """A coder that keeps incomplete events (no actor with a country, or no
    recipient where the type needs one): for tests of triggers, dates and
    offsets on sentences that name no country."""
    import tacitus

    return tacitus.load(include_incomplete=True)


@pytest.fixture(scope="session")
def nlp(coder):
    """The full tacitus pipeline (model components + tacitus factories)."""
    return coder.nlp


@pytest.fixture(scope="session")
def voa_stories():
    import json

    with shared_data("voa", "stories.jsonl").open(encoding="utf-8") as f:
        return {s["id"]: s for s in map(json.loads, f)}


#: An article whose text and title carry HTML: the viewer must show it as text.
SCRIPT_ARTICLE = {
    "id": "script-test",
    "title": "<script>window.__pwned = 1</script>Russia accuses Ukraine",
    "date": "2024-03-04",
    "text": "Russia accused Ukraine on Monday of shelling the city of Donetsk. "
    "<script>window.__pwned = 1; document.title = 'pwned'</script> "
    "<img src=x onerror=\"window.__pwned = 2\"> The Kremlin said the attack killed three people.",
}


@pytest.fixture(scope="session")
def web_store(tmp_path_factory, coder, voa_stories):
    """A real store for the viewer: eight VOA stories, the demo article, an article
    holding HTML, and a near-duplicate of the demo article, really ingested."""
    import json

    from tacitus.store import ingest, open_store

    folder = tmp_path_factory.mktemp("web")
    demo = (REPO / "src" / "tacitus" / "data" / "example_article.txt").read_text(encoding="utf-8")
    lines = [dict(id=s["id"], title=s["title"], date=s["published"][:10], url=s["url"], text=s["text"])
             for s in list(voa_stories.values())[:8]]
    lines.append(dict(id="demo", title="Foreign ministers meet; a mutiny", date="2023-06-25", text=demo))
    lines.append(SCRIPT_ARTICLE)
    lines.append(dict(id="demo-copy", title="Foreign ministers meet (wire copy)", date="2023-06-25",
                      text=demo + " Reporting by the wire desk."))
    source = folder / "articles.jsonl"
    source.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    path = folder / "web.duckdb"
    con = open_store(path)
    try:
        ingest(con, [str(source)], coder)
    finally:
        con.close()
    return path


class _Server:
    """Starts `tacitus serve` as a real process on a free port; stops it."""

    def __init__(self):
        self.running = []

    @staticmethod
    def free_port() -> int:
        import socket

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            return s.getsockname()[1]

    def start(self, db, *args, env=None):
        import subprocess
        import sys
        import time
        import urllib.request

        port = self.free_port()
        proc = subprocess.Popen(
            [sys.executable, "-m", "tacitus", "serve", "--db", str(db), "--port", str(port), *args],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
        )
        self.running.append(proc)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise AssertionError(f"server exited: {proc.stderr.read()}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/stats", timeout=2):
                    return proc, port
            except OSError:
                time.sleep(0.2)
        self.stop(proc)
        raise AssertionError("server did not start")

    def stop(self, proc) -> str:
        import subprocess

        if proc in self.running:
            self.running.remove(proc)
        proc.terminate()
        try:
            _, err = proc.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            _, err = proc.communicate()
        return err


@pytest.fixture
def server():
    """``server.start(db, *options) -> (process, port)``; stopped after the test."""
    servers = _Server()
    yield servers
    for proc in list(servers.running):
        servers.stop(proc)


@pytest.fixture(scope="session")
def served_web_store(web_store):
    """The base URL of one `tacitus serve` process over ``web_store`` for the session."""
    servers = _Server()
    proc, port = servers.start(web_store)
    yield f"http://127.0.0.1:{port}"
    servers.stop(proc)


BROWSER = "/usr/bin/chromium"
BROWSER_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium driven by Playwright (.ci/run installs it when missing)."""
    import os

    if not os.path.exists(BROWSER):
        pytest.fail(f"{BROWSER} is missing: install it with `apt-get install -y chromium`")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=BROWSER, args=BROWSER_ARGS)
        yield chromium
        chromium.close()
