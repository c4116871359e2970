"""The viewer on a million-event store: API latency per endpoint, time to first render per view.

    python benchmarks/serve.py                   # the store of benchmarks/queries.py, built if missing
    python benchmarks/serve.py --store S --requests 3
    python benchmarks/serve.py --store S --views 0 --baseline ../main --baseline-store S2   # before/after

Starts `tacitus serve` as its own process. Each endpoint is asked with a
dozen distinct filter combinations (actors, recipients, types, quad
classes, days, text; sort orders and pages for events; actors by name and
articles by id), one request at a time from this process, each computed by
the server (it misses the viewer's cache of answers: see ``time_api``);
median, 95th percentile and maximum of those computed answers per endpoint
are the figures to compare with the target. Each request is then repeated
``--requests`` times, answered from the cache, reported apart. Each
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

from queries import percentile, source_env, upgrade  # noqa: E402
from synthetic_store import build  # noqa: E402

TARGET_API = 0.100
TARGET_VIEW = 1.5
BROWSER = "/usr/bin/chromium"
BROWSER_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run"]

#: Filter combinations (the filter bar's fields): every API request below is made with
#: each of them, so no two requests are alike.
FILTERS = [
    {},
    {"actor": "RUS"},
    {"actor": "USA", "type": "ASSAULT"},
    {"recipient": "UKR", "since": "2023-01-01"},
    {"quad": "material conflict", "until": "2021-06-30"},
    {"type": "AGREE,CONSULT", "since": "2022-03-01", "until": "2022-09-30"},
    {"actor": "CHN", "recipient": "USA"},
    {"since": "2024-06-01"},
    {"quad": "verbal cooperation", "actor": "IRN"},
    {"text": "Actor 12"},  # 56,000 events, and its last word starts 99,000: every text is read
    {"actor": "Actor 7", "quad": "verbal conflict"},
    {"recipient": "Actor 31"},
]
#: Per endpoint: the path and extra parameters, paired in turn with the filters above.
ENDPOINTS = {
    "/api/stats": [{}],
    "/api/events": [{"sort": "date"}, {"sort": "score", "order": "asc"}, {"sort": "actor", "offset": 50},
                    {"sort": "place"}, {"offset": 5000}, {"sort": "event", "limit": 100}],
    "/api/dyads": [{}, {"level": "actor"}],
    "/api/places": [{}],
    "/api/actors": [{}],
}
#: Requests for one item each (no filters): actors by name, articles by id.
ITEMS = ([("/api/actors", {"name": f"Actor {n}"}) for n in (1, 7, 12, 31, 250, 1999)]
         + [(f"/api/articles/a{n}", {}) for n in (1000, 5, 77777, 123456, 250001, 42)])


def requests() -> list[tuple[str, str, dict]]:
    """(endpoint, path, parameters) of every request, each distinct."""
    chosen = []
    for path, extras in ENDPOINTS.items():
        for n, filters in enumerate(FILTERS):
            chosen.append((path, path, {**filters, **extras[n % len(extras)]}))
    for path, params in ITEMS:
        chosen.append(("/api/articles/{id}" if path.startswith("/api/articles/") else "/api/actors?name=",
                       path, params))
    return chosen


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


def _get(url: str) -> float:
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=120) as r:
        r.read()
    return time.perf_counter() - started


def time_api(base: str, repeat: int, baseline: str | None = None) -> tuple[dict, dict | None]:
    """Each distinct request once, uncached (the viewer caches JSON answers by URL until the
    store changes: a parameter the API ignores, new for every request, makes each one
    miss the cache), then ``repeat`` times more as the cache answers them. With a
    ``baseline`` server, each request goes to it too, right after."""
    nonce = f"{os.getpid()}-{time.time_ns()}"
    sides = {"after": ({}, []), **({"before": ({}, [])} if baseline else {})}
    for n, (endpoint, path, params) in enumerate(requests()):
        query = urllib.parse.urlencode({**params, "uncached": f"{nonce}-{n}"})
        label = path + (f"?{urllib.parse.unquote_plus(urllib.parse.urlencode(params))}" if params else "")
        for side, server in (("after", base), ("before", baseline)):
            if server is None:
                continue
            url = f"{server}{path}?{query}"
            computed = _get(url)
            cached = [_get(url) for _ in range(repeat)]
            by_endpoint, every = sides[side]
            entry = by_endpoint.setdefault(endpoint, {"requests": {}, "computed": [], "cached": []})
            entry["requests"][label] = round(computed, 4)
            entry["computed"].append(computed)
            entry["cached"] += cached
            every.append(computed)
            print(f"{side} {label}: {computed * 1000:.0f} ms", file=sys.stderr)
    after = _api_summary(*sides["after"])
    return after, (_api_summary(*sides["before"]) if baseline else None)


def _api_summary(by_endpoint: dict, every: list[float]) -> dict:
    results = {}
    for endpoint, entry in by_endpoint.items():
        computed, cached = entry["computed"], entry["cached"]
        results[endpoint] = {
            "requests": len(computed),
            "median": statistics.median(computed), "p95": percentile(computed, 0.95), "max": max(computed),
            "cached_median": statistics.median(cached) if cached else None,
            "cached_p95": percentile(cached, 0.95) if cached else None,
            "each": entry["requests"],
        }
    results["all requests"] = {"requests": len(every), "median": statistics.median(every),
                               "p95": percentile(every, 0.95), "max": max(every)}
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


def start(store: Path, src: Path | None = None) -> tuple[subprocess.Popen, str]:
    """`tacitus serve` on ``store`` (from the checkout ``src`` if given): the process and its URL."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    proc = subprocess.Popen([sys.executable, "-m", "tacitus", "serve", "--db", str(store), "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=source_env(src),
                            cwd=tempfile.gettempdir())
    wait_up(base, proc)
    return proc, base


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, default=Path(tempfile.gettempdir()) / "tacitus-million.duckdb")
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=3, help="Times each request is repeated from the cache.")
    parser.add_argument("--views", type=int, default=3, help="Openings of each view (0: the API only).")
    parser.add_argument("--json", type=Path, default=HERE / "serve.json")
    parser.add_argument("--baseline", type=Path, metavar="CHECKOUT",
                        help="Also serve the store from this checkout (\"before\") and send it each request too.")
    parser.add_argument("--baseline-store", type=Path, metavar="S",
                        help="The store the baseline serves (a copy of --store at the schema version it knows).")
    args = parser.parse_args()
    if not args.store.exists():
        print("building", args.store, build(args.store, args.events), file=sys.stderr)
    upgrade(args.store)
    if args.baseline:
        upgrade(args.baseline_store or args.store, args.baseline)
    running = []
    try:
        proc, base = start(args.store)
        running.append(proc)
        other = None
        if args.baseline:
            proc, other = start(args.baseline_store or args.store, args.baseline)
            running.append(proc)
        views = time_views(base, args.views) if args.views else {}  # first: nothing cached yet
        api, before = time_api(base, args.requests, other)
    finally:
        for proc in running:
            proc.terminate()
            proc.wait(timeout=20)
    # the machine is shared: the load average says how far the figures are from a quiet one's
    record = {"store": str(args.store), "cpus": os.cpu_count(), "load_average": [round(x, 2) for x in os.getloadavg()],
              "api": api, "views": views}
    if before is not None:
        record["api_before"] = before
    args.json.write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")
    if before is not None:
        print("| endpoint | before: median ms | p95 ms | after: median ms | p95 ms | after / before (p95) |\n"
              "|---|---|---|---|---|---|")
        for label, r in api.items():
            b = before[label]
            print(f"| `{label}` | {b['median'] * 1000:.0f} | {b['p95'] * 1000:.0f} | {r['median'] * 1000:.0f} | "
                  f"{r['p95'] * 1000:.0f} | {r['p95'] / b['p95']:.2f} |")
        print()
    print(f"load average at the end (1, 5, 15 min): {record['load_average']}\n")
    print("| endpoint | distinct requests | computed: median ms | p95 ms | max ms | target p95 < 100 ms "
          "| cached: median ms | p95 ms |\n|---|---|---|---|---|---|---|---|")
    for label, r in api.items():
        mark = "met" if r["p95"] < TARGET_API else "**not met**"
        cached = (f"{r['cached_median'] * 1000:.0f} | {r['cached_p95'] * 1000:.0f}" if r.get("cached_median") is not None
                  else " | ")
        print(f"| `{label}` | {r['requests']} | {r['median'] * 1000:.0f} | {r['p95'] * 1000:.0f} | "
              f"{r['max'] * 1000:.0f} | {mark} | {cached} |")
    print("\n| view | first opening s | median s | target < 1.5 s (first opening) |\n|---|---|---|---|")
    for label, r in views.items():
        mark = "met" if r["first"] < TARGET_VIEW else "**not met**"
        print(f"| {label} | {r['first']:.2f} | {r['median']:.2f} | {mark} |")


if __name__ == "__main__":
    main()
