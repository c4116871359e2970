"""Query commands on a million-event store, end to end (process start included).

    python benchmarks/queries.py                     # builds /tmp/tacitus-million.duckdb once
    python benchmarks/queries.py --store S --repeat 7 --events 1000000
    python benchmarks/queries.py --store S --baseline ../main --baseline-store S2   # before/after

Each command runs as `python -m tacitus ...` in a fresh process, its output
written to a file (as a user redirects it), ``--repeat`` times; the median
and 95th percentile of the wall time are reported, with the rows written.
The store is the synthetic one of benchmarks/synthetic_store.py, built if
missing. Results go to benchmarks/queries.json; the table to stdout.
``--baseline CHECKOUT`` runs each command also from another checkout (its
src/ on PYTHONPATH), in turn with this one's, on ``--baseline-store`` (a copy
of the store, since each tacitus upgrades the store to its schema version).
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from synthetic_store import build  # noqa: E402

TARGET_QUERY = 0.5
TARGET_EXPORT = 10.0

COMMANDS = [
    ("start-up only: tacitus --version", ["--version"]),
    ("events --actor USA --type ASSAULT -f csv", ["events", "--actor", "USA", "--type", "ASSAULT", "-f", "csv"]),
    ("events --actor RUS --since 2023-01-01 --until 2023-06-30 -f jsonl",
     ["events", "--actor", "RUS", "--since", "2023-01-01", "--until", "2023-06-30", "-f", "jsonl"]),
    ("events --quad 'material conflict' --text 'Actor 12 ' -f csv",
     ["events", "--quad", "material conflict", "--text", "Actor 12 ", "-f", "csv"]),
    ("events --recipient UKR --limit 100 (table)", ["events", "--recipient", "UKR", "--limit", "100"]),
    ("dyads --by week (table)", ["dyads", "--by", "week"]),
    ("dyads --by week -f csv", ["dyads", "--by", "week", "-f", "csv"]),
    ("dyads --by month -f csv", ["dyads", "--by", "month", "-f", "csv"]),
    ("dyads --by week --actor RUS -f csv", ["dyads", "--by", "week", "--actor", "RUS", "-f", "csv"]),
    ("dyads --by month --type ASSAULT,COERCE --since 2024-01-01 -f jsonl",
     ["dyads", "--by", "month", "--type", "ASSAULT,COERCE", "--since", "2024-01-01", "-f", "jsonl"]),
    ("actors --limit 50 (table)", ["actors", "--limit", "50"]),
    ("actors --name USA -f csv", ["actors", "--name", "USA", "-f", "csv"]),
]


def upgrade(store: Path, src: Path | None = None) -> None:
    """Open the store for writing once with the tacitus the commands run (the one on
    $PYTHONPATH, or the checkout ``src``): a store of an older schema version is
    upgraded, as `tacitus ingest` would."""
    code = f"from tacitus.store import open_store; open_store({str(store)!r}).close()"
    subprocess.run([sys.executable, "-c", code], check=True, cwd=tempfile.gettempdir(), env=source_env(src))


def source_env(src: Path | None) -> dict | None:
    """The environment that runs tacitus from the checkout ``src`` (its src/ folder), or None."""
    if src is None:
        return None
    return {**os.environ, "PYTHONPATH": str(Path(src).resolve() / "src")}


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def _once(args: list[str], out: Path, env: dict | None) -> tuple[float, int]:
    started = time.perf_counter()
    with out.open("w") as sink:
        done = subprocess.run([sys.executable, "-m", "tacitus", *args], stdout=sink,
                              stderr=subprocess.PIPE, text=True, env=env, cwd=tempfile.gettempdir())
    took = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"tacitus {' '.join(args)} failed: {done.stderr}")
    rows = 0
    if args[0] != "export":
        with out.open("rb") as f:
            rows = sum(1 for _ in f)
    return took, rows


def _summary(times: list[float], rows: int) -> dict:
    return {"median": statistics.median(times), "p95": percentile(times, 0.95),
            "runs": [round(t, 3) for t in times], "lines": rows}


def run(args: list[str], repeat: int, out_dir: Path, baseline: tuple[Path, list[str]] | None = None) -> dict:
    """Time ``tacitus ARGS`` ``repeat`` times; with ``baseline`` (a checkout and its
    arguments), that checkout's command runs in turn with this one's, one after the other."""
    times, before, rows, rows_before = [], [], 0, 0
    for _ in range(repeat):
        took, rows = _once(args, out_dir / "out", None)
        times.append(took)
        if baseline is not None:
            took, rows_before = _once(baseline[1], out_dir / "out", source_env(baseline[0]))
            before.append(took)
    result = _summary(times, rows)
    if baseline is not None:
        result["before"] = _summary(before, rows_before)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, default=Path(tempfile.gettempdir()) / "tacitus-million.duckdb")
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--json", type=Path, default=HERE / "queries.json")
    parser.add_argument("--baseline", type=Path, metavar="CHECKOUT",
                        help="Also run each command from this checkout (\"before\"), in turn with this one.")
    parser.add_argument("--baseline-store", type=Path, metavar="S",
                        help="The store the baseline reads (a copy of --store at the schema version it knows).")
    parser.add_argument("--only", action="append", metavar="TEXT",
                        help="Run only the commands whose label contains TEXT (repeatable; 'export' for the export).")
    args = parser.parse_args()
    chosen = lambda label: not args.only or any(t in label for t in args.only)  # noqa: E731
    if args.rebuild or not args.store.exists():
        print("building", args.store, build(args.store, args.events), file=sys.stderr)
    upgrade(args.store)
    if args.baseline:
        upgrade(args.baseline_store or args.store, args.baseline)
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)

        def baseline(command: list[str]):
            if not args.baseline:
                return None
            store = str(args.baseline_store or args.store)
            return args.baseline, [store if part == str(args.store) else part for part in command]

        for label, command in COMMANDS:
            if not chosen(label):
                continue
            full = command if command == ["--version"] else [*command, "--db", str(args.store)]
            results[label] = run(full, args.repeat, tmp, baseline(full))
            print(f"{label}: {results[label]}", file=sys.stderr)
        parquet = tmp / "events.parquet"
        label = "export --format parquet (every event)"
        if chosen(label):
            command = ["export", "--db", str(args.store), "--format", "parquet", "-o", str(parquet)]
            results[label] = run(command, max(3, args.repeat // 2), tmp, baseline(command))
            results[label]["bytes"] = parquet.stat().st_size
            print(f"{label}: {results[label]}", file=sys.stderr)
    record = {"store": str(args.store), "events": args.events, "repeat": args.repeat,
              "python": sys.version.split()[0], "cpus": os.cpu_count(), "results": results}
    args.json.write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")
    if args.baseline:
        print("| command | before: median s | after: median s | p95 s | after / before | lines out | target |\n"
              "|---|---|---|---|---|---|---|")
    else:
        print("| command | median s | p95 s | lines out | target |\n|---|---|---|---|---|")
    for label, r in results.items():
        target = TARGET_EXPORT if label.startswith("export") else TARGET_QUERY
        mark = "" if label.startswith("start-up") else ("met" if r["p95"] < target else "**not met**")
        if args.baseline:
            b = r["before"]
            print(f"| `{label}` | {b['median']:.2f} | {r['median']:.2f} | {r['p95']:.2f} | "
                  f"{r['median'] / b['median']:.2f} | {r['lines']:,} | < {target:g} s {mark} |")
        else:
            print(f"| `{label}` | {r['median']:.2f} | {r['p95']:.2f} | {r['lines']:,} | < {target:g} s {mark} |")


if __name__ == "__main__":
    main()
