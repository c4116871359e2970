"""The viewer on a million-event store: API latency per endpoint, time to first render per view.

    python benchmarks/serve.py                   # the store of benchmarks/queries.py, built if missing
    python benchmarks/serve.py --store S --requests 30

Starts `tacitus serve` as its own process. Each API request (with and
without filters) is sent ``--requests`` times, one at a time, from this
process; median and 95th percentile of the wall time are reported. Each
view is then opened in headless Chromium (Debian's, through Playwright),
three times in fresh pages (the first opening computes the answers, the next
are served by the viewer's cache); the time to first render is from the start of
navigation to the moment the view has drawn its data (``performance.now()``
when the page marks itself rendered). Results go to benchmarks/serve.json.
"""
from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from queries import percentile  # noqa: E402
from synthetic_store import build  # noqa: E402

TARGET_API = 0.100
TARGET_VIEW = 1.5
BROWSER = "/usr/bin/chromium"
BROWSER_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run"]

REQUESTS = [
    ("/api/stats", {}),
    ("/api/stats", {"actor": "RUS", "since": "2023-01-01"}),
    ("/api/events", {}),
    ("/api/events", {"actor": "USA", "type": "ASSAULT", "sort": "score"}),
    ("/api/events", {"quad": "material conflict", "offset": 5000}),
    ("/api/events", {"text": "Actor 12 "}),
    ("/api/dyads", {}),
    ("/api/dyads", {"level": "actor", "recipient": "UKR"}),
    ("/api/places", {}),
    ("/api/places", {"type": "ASSAULT"}),
    ("/api/actors", {}),
    ("/api/actors", {"name": "Actor 1", "country": None}),
    ("/api/articles/a1000", {}),
]
VIEWS = [
    ("overview", "/"),
    ("events", "/events"),
    ("events, filtered", "/events?actor=RUS&quad=MATERIAL+CONFLICT"),
    ("map", "/map"),
    ("network", "/network"),
    ("article", "/article/a1000"),
    ("actor", "/actor?name=Actor+1"),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_up(base: str, proc) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"the server stopped: {proc.stderr.read()}")
        try:
            urllib.request.urlopen(base + "/api/openapi.json", timeout=5).read()
            return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("the server did not start")


def time_api(base: str, requests: int) -> dict:
    results = {}
    for path, params in REQUESTS:
        query = urllib.parse.urlencode({k: v for k, v in params.items() if v is not None})
        url = base + path + (f"?{query}" if query else "")
        times = []
        for _ in range(requests + 1):
            started = time.perf_counter()
            with urllib.request.urlopen(url, timeout=60) as r:
                r.read()
            times.append(time.perf_counter() - started)
        label = path + (f"?{urllib.parse.unquote_plus(query)}" if query else "")
        # the first request computes the answer; the others are served from the cache
        # until the store changes
        results[label] = {"first": times[0], "median": statistics.median(times[1:]),
                          "p95": percentile(times[1:], 0.95)}
        print(label, results[label], file=sys.stderr)
    return results


def time_views(base: str, repeat: int) -> dict:
    from playwright.sync_api import sync_playwright

    results = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=BROWSER, args=BROWSER_ARGS)
        for label, path in VIEWS:
            times = []
            for _ in range(repeat):
                page = browser.new_page(viewport={"width": 1400, "height": 900})
                page.goto(base + path)
                page.wait_for_selector("body[data-rendered]", timeout=60_000)
                times.append(float(page.get_attribute("body", "data-rendered-at")) / 1000)
                page.close()
            results[label] = {"first": times[0], "median": statistics.median(times), "max": max(times)}
            print(label, results[label], file=sys.stderr)
        browser.close()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, default=Path(tempfile.gettempdir()) / "tacitus-million.duckdb")
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--views", type=int, default=3)
    parser.add_argument("--json", type=Path, default=HERE / "serve.json")
    args = parser.parse_args()
    if not args.store.exists():
        print("building", args.store, build(args.store, args.events), file=sys.stderr)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    proc = subprocess.Popen([sys.executable, "-m", "tacitus", "serve", "--db", str(args.store), "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        wait_up(base, proc)
        views = time_views(base, args.views)  # first: the first opening finds nothing cached
        api = time_api(base, args.requests)
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    args.json.write_text(json.dumps({"store": str(args.store), "cpus": os.cpu_count(), "api": api, "views": views},
                                    indent=1) + "\n", encoding="utf-8")
    print("| API request | first (computed) ms | repeated: median ms | p95 ms | target p95 < 100 ms |\n|---|---|---|---|---|")
    for label, r in api.items():
        mark = "met" if r["p95"] < TARGET_API else "**not met**"
        cold = "met" if r["first"] < TARGET_API else "not met"
        print(f"| `{label}` | {r['first'] * 1000:.0f} ({cold}) | {r['median'] * 1000:.0f} | {r['p95'] * 1000:.0f} | {mark} |")
    print("\n| view | first opening s | median s | target < 1.5 s (first opening) |\n|---|---|---|---|")
    for label, r in views.items():
        mark = "met" if r["first"] < TARGET_VIEW else "**not met**"
        print(f"| {label} | {r['first']:.2f} | {r['median']:.2f} | {mark} |")


if __name__ == "__main__":
    main()
