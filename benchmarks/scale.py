"""Scaling: stories/s of `tacitus code --processes 1|2` and `--scheduler local:1|2`
(Dask) on the same input, side by side in one run, and the size of the output.

    python benchmarks/scale.py [--stories ../shared/data/voa/stories.jsonl] [--copies 10]
                               [--partition-size 25] [--rounds 2] [--baseline OTHER_CHECKOUT]

The input is the stories file repeated ``--copies`` times (ids made unique):
long enough that starting up is a small share of the run, as it is on a real
corpus. Each configuration runs as its own subprocess, as a user would start
it, ``--rounds`` times, alternating with the others (the best wall time and
the least CPU time count); the ``--processes`` runs print JSON Lines to a
file, the Dask runs write the Parquet dataset. With ``--baseline DIR`` the
Dask configurations also run on another checkout (its ``src`` first on
PYTHONPATH): before and after a change, in the same run.

Start-up is measured apart, by the same command on one story (interpreter,
imports, Dask's scheduler and workers, the model, one story coded, shutting
down); "net" is the whole run minus it. Dask's overhead is its time against
``--processes`` with the same number of workers, on the whole run and net of
start-up, in wall time and in CPU time.

CPU time is that of every process the run started: this process is made a
"child subreaper" (Linux), so that processes left behind by the command (a
fork server and the workers it forked, multiprocessing's resource tracker)
are handed to it and waited for, and their CPU time is counted too. Peak
memory is the largest proportional set size (PSS: shared pages divided among
the processes sharing them) of the process tree.

Afterwards the dataset of the ``local:2`` run is loaded into a DuckDB store
(without near-duplicate detection: the copies would all be duplicates), and
the sizes of both per million events are reported, and how fast it loads.
Results are printed and written to benchmarks/out/scale.json.
"""
from __future__ import annotations

import argparse
import ctypes
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import throughput  # noqa: E402  (the same timing and sampling)
from throughput import DEFAULT_STORIES  # noqa: E402

CONFIGS = ("processes 1", "processes 2", "local:1", "local:2")
PR_SET_CHILD_SUBREAPER = 36


def make_input(stories: Path, copies: int, folder: Path) -> tuple[Path, int]:
    lines = [json.loads(line) for line in stories.open(encoding="utf-8") if line.strip()]
    path = folder / "stories.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for copy in range(copies):
            for record in lines:
                out.write(json.dumps(dict(record, id=f"{record['id']}-{copy}")) + "\n")
    return path, copies * len(lines)


def command(config: str, path: Path, output: Path, partition_size: int) -> list[str]:
    config = config.removesuffix(" (before)")
    base = [sys.executable, "-m", "tacitus", "code", str(path)]
    if config.startswith("processes"):
        return base + ["--processes", config.split()[1]]
    shutil.rmtree(output, ignore_errors=True)
    return base + ["--scheduler", config, "--output", str(output), "--partition-size", str(partition_size)]


def _tree_pss_kb(root: int) -> int:
    """Proportional set size of a process and its descendants: a page shared by
    n processes counts 1/n in each (the resident size counts it n times, which
    hides what forking after load saves)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    children.setdefault(int(f.read().rsplit(")", 1)[1].split()[1]), []).append(int(entry))
            except (OSError, ValueError, IndexError):
                continue
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        stack.extend(children.get(pid, []))
        try:
            with open(f"/proc/{pid}/smaps_rollup") as f:
                total += next((int(line.split()[1]) for line in f if line.startswith("Pss:")), 0)
        except OSError:
            continue
    return total


def become_subreaper() -> bool:
    try:
        return ctypes.CDLL(None, use_errno=True).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def reap_orphans(timeout: float = 60.0) -> float:
    """Wait for the processes a command left behind (handed to this subreaper);
    their CPU seconds (with those of the children they waited for)."""
    cpu, deadline = 0.0, time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            pid, _status, usage = os.wait4(-1, os.WNOHANG)
        except ChildProcessError:
            break
        if pid:
            cpu += usage.ru_utime + usage.ru_stime
        else:
            time.sleep(0.02)
    return cpu


def run(cmd: list[str], env: dict | None = None) -> dict:
    """throughput.run (wall time until the command exits, CPU seconds of it and
    the children it waited for, its stdout) with the CPU seconds of the
    processes it left behind added, and memory sampled as PSS."""
    sampler = throughput._tree_rss_kb
    throughput._tree_rss_kb = _tree_pss_kb
    try:
        result = throughput.run(cmd, env)
    finally:
        throughput._tree_rss_kb = sampler
    result["cpu"] += reap_orphans()
    return result


def folder_bytes(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def count_events(config: str, out: str, output: Path) -> int:
    if config.startswith("processes"):
        return sum(1 for line in out.splitlines() if line.strip())
    import duckdb

    return duckdb.sql(f"SELECT count(*) FROM read_parquet('{output}/events/*.parquet')").fetchall()[0][0]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--stories", default=str(DEFAULT_STORIES))
    ap.add_argument("--copies", type=int, default=10, help="times the stories file is repeated")
    ap.add_argument("--partition-size", type=int, default=25)
    ap.add_argument("--rounds", type=int, default=2, help="alternating runs of each configuration; the best counts")
    ap.add_argument("--baseline", help="another checkout of tacitus: its Dask runs side by side ('(before)')")
    ap.add_argument("--no-output", action="store_true", help="skip loading the dataset into DuckDB")
    args = ap.parse_args()
    reaper = become_subreaper()
    work = Path(tempfile.mkdtemp(prefix="tacitus-scale-"))
    path, n_stories = make_input(Path(args.stories), args.copies, work)
    one = work / "one.jsonl"  # one story: what starting up costs
    one.write_text(path.open(encoding="utf-8").readline(), encoding="utf-8")
    configs = list(CONFIGS)
    envs: dict[str, dict | None] = {c: None for c in configs}
    if args.baseline:
        before = dict(os.environ, PYTHONPATH=str(Path(args.baseline).resolve() / "src"))
        for config in ("local:1", "local:2"):
            configs.append(f"{config} (before)")
            envs[f"{config} (before)"] = before

    report: dict = {"stories": n_stories, "partition_size": args.partition_size, "cpus": os.cpu_count(),
                    "rounds": args.rounds, "cpu_of_orphans_counted": reaper, "configs": {},
                    "runs": {c: [] for c in configs}, "startup_runs": {c: [] for c in configs}}
    runs: dict[str, list[dict]] = {c: [] for c in configs}
    startups: dict[str, list[dict]] = {c: [] for c in configs}
    for _ in range(args.rounds):  # the configurations alternate, so a busy spell hits all of them
        for config in configs:
            output = work / "out"
            result = run(command(config, path, output, args.partition_size), envs[config])
            result["events"] = count_events(config, result.pop("out"), output)
            result["load"] = os.getloadavg()[0]
            runs[config].append(result)
            report["runs"][config].append({k: round(v, 2) for k, v in result.items()})
            print(f"{config:20} {result['wall']:7.2f} s {result['cpu']:7.2f} cpu s {result['events']} events "
                  f"(load {result['load']:.1f})", flush=True)
            for _ in range(2):
                started = run(command(config, one, work / "out-one", args.partition_size), envs[config])
                startups[config].append(started)
                report["startup_runs"][config].append({"wall": round(started["wall"], 2),
                                                      "cpu": round(started["cpu"], 2)})
            shutil.rmtree(output, ignore_errors=True)
    for config in configs:
        wall = min(r["wall"] for r in runs[config])
        cpu = min(r["cpu"] for r in runs[config])
        startup = min(r["wall"] for r in startups[config])
        startup_cpu = min(r["cpu"] for r in startups[config])
        report["configs"][config] = {
            "seconds": round(wall, 2), "median_seconds": round(statistics.median(r["wall"] for r in runs[config]), 2),
            "stories_per_s": round(n_stories / wall, 2),
            "startup_seconds": round(startup, 2), "net_seconds": round(wall - startup, 2),
            "net_stories_per_s": round(n_stories / (wall - startup), 2),
            "cpu_seconds": round(cpu, 1), "startup_cpu_seconds": round(startup_cpu, 2),
            "net_stories_per_cpu_s": round(n_stories / (cpu - startup_cpu), 2),
            "events": runs[config][0]["events"],
            "peak_pss_mb": round(max(r["peak_mb"] for r in runs[config])),
        }
        print(config, report["configs"][config], flush=True)
    c = report["configs"]
    for config in configs:
        if not config.startswith("local"):
            continue
        procs = c["processes " + config.split(":")[1].split()[0]]
        dask = c[config]
        report["configs"][config]["overhead"] = {
            "wall": round(dask["seconds"] / procs["seconds"] - 1, 3),
            "net_wall": round(dask["net_seconds"] / procs["net_seconds"] - 1, 3),
            "cpu": round(dask["cpu_seconds"] / procs["cpu_seconds"] - 1, 3),
            "net_cpu": round((dask["cpu_seconds"] - dask["startup_cpu_seconds"])
                             / (procs["cpu_seconds"] - procs["startup_cpu_seconds"]) - 1, 3),
            "startup_seconds": round(dask["startup_seconds"] - procs["startup_seconds"], 2),
        }
    report["speedup_processes_2"] = round(c["processes 1"]["seconds"] / c["processes 2"]["seconds"], 2)
    report["speedup_local_2"] = round(c["local:1"]["seconds"] / c["local:2"]["seconds"], 2)
    print("\n| | wall s | stories/s | start-up s | net stories/s | CPU s | start-up CPU s | peak PSS MB "
          "| Dask overhead: wall / net / CPU / net CPU |")
    print("|---|---|---|---|---|---|---|---|---|")
    for config in configs:
        x = c[config]
        over = x.get("overhead")
        overhead = " / ".join(f"{over[k]:+.0%}" for k in ("wall", "net_wall", "cpu", "net_cpu")) if over else ""
        print(f"| `{config}` | {x['seconds']} | {x['stories_per_s']} | {x['startup_seconds']} | "
              f"{x['net_stories_per_s']} | {x['cpu_seconds']} | {x['startup_cpu_seconds']} | {x['peak_pss_mb']} "
              f"| {overhead} |")

    if not args.no_output:
        dataset = work / "out-dataset"
        run(command("local:2", path, dataset, args.partition_size))
        store = work / "store.duckdb"
        from tacitus.store.dataset import load_dataset

        summary = load_dataset(str(store), str(dataset), dedup=False)
        events = c["local:2"]["events"]
        parquet = folder_bytes(dataset)
        report["output"] = {
            "events": events, "articles": summary.stored,
            "load_seconds": round(summary.seconds, 2),
            "load_articles_per_s": round(summary.stored / summary.seconds, 1),
            "parquet_bytes": parquet, "duckdb_bytes": store.stat().st_size,
            "parquet_mb_per_million_events": round(parquet / events * 1e6 / 2**20),
        }
    out_dir = HERE / "out"
    out_dir.mkdir(exist_ok=True)
    (out_dir / "scale.json").write_text(json.dumps(report, indent=2))
    print(json.dumps(report.get("output", {}), indent=2))
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
