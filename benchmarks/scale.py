"""Scaling: stories/s of `tacitus code --processes 1|2` and `--scheduler local:1|2`
(Dask) on the same input, side by side in one run, and the size of the output.

    python benchmarks/scale.py [--stories ../shared/data/voa/stories.jsonl] [--copies 4] [--partition-size 20] [--rounds 2]

The input is the stories file repeated ``--copies`` times (ids made unique).
Each configuration runs as its own subprocess, as a user would start it,
``--rounds`` times, alternating with the others (the best run counts),
model loading and (for Dask) starting the local cluster included; the
``--processes`` runs print JSON Lines to a file, the Dask runs write the
Parquet dataset. Each configuration also runs on a single story, which
measures what starting up costs; "net" is the whole run minus that. Dask's
overhead is its time against ``--processes`` with the same number of workers.
Afterwards the dataset of the ``local:2`` run is loaded into a DuckDB store
(without near-duplicate detection: the copies would all be duplicates), and
the sizes of both per million events are reported, and how fast it loads.
Peak memory is the largest proportional set size (PSS: shared pages divided
among the processes sharing them) of the process and all its children.
Results are printed and written to benchmarks/out/scale.json.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import throughput  # noqa: E402  (the same timing and sampling)
from throughput import DEFAULT_STORIES  # noqa: E402

CONFIGS = ("processes 1", "processes 2", "local:1", "local:2")


def make_input(stories: Path, copies: int, folder: Path) -> tuple[Path, int]:
    lines = [json.loads(line) for line in stories.open(encoding="utf-8") if line.strip()]
    path = folder / "stories.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for copy in range(copies):
            for record in lines:
                out.write(json.dumps(dict(record, id=f"{record['id']}-{copy}")) + "\n")
    return path, copies * len(lines)


def command(config: str, path: Path, output: Path, partition_size: int) -> list[str]:
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


def run(cmd: list[str]) -> tuple[float, int, str, float]:
    """throughput.run (wall and CPU seconds of the process tree, its output),
    with the memory of the tree sampled as PSS; on a shared machine, stories
    per CPU second is steadier than stories per second."""
    sampler = throughput._tree_rss_kb
    throughput._tree_rss_kb = _tree_pss_kb
    try:
        result = throughput.run(cmd)
    finally:
        throughput._tree_rss_kb = sampler
    return result["wall"], round(result["peak_mb"] * 1024), result["out"], result["cpu"]


def folder_bytes(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--stories", default=str(DEFAULT_STORIES))
    ap.add_argument("--copies", type=int, default=4, help="times the stories file is repeated")
    ap.add_argument("--partition-size", type=int, default=20)
    ap.add_argument("--rounds", type=int, default=2, help="alternating runs of each configuration; the best counts")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="tacitus-scale-"))
    path, n_stories = make_input(Path(args.stories), args.copies, work)
    one = work / "one.jsonl"  # one story: what starting up costs
    one.write_text(path.open(encoding="utf-8").readline(), encoding="utf-8")

    report: dict = {"stories": n_stories, "partition_size": args.partition_size, "cpus": os.cpu_count(),
                    "rounds": args.rounds, "configs": {}, "runs": {c: [] for c in CONFIGS}}
    best: dict[str, tuple[float, int, int, float]] = {}
    for _ in range(args.rounds):  # the configurations alternate, so a busy spell hits all of them
        for config in CONFIGS:
            output = work / f"out-{config.replace(' ', '-').replace(':', '-')}"
            elapsed, peak, out, cpu = run(command(config, path, output, args.partition_size))
            if config.startswith("processes"):
                events = sum(1 for line in out.splitlines() if line.strip())
            else:
                import duckdb

                events = duckdb.sql(f"SELECT count(*) FROM read_parquet('{output}/events/*.parquet')").fetchall()[0][0]
            report["runs"][config].append(round(elapsed, 2))
            if config not in best or elapsed < best[config][0]:
                best[config] = (elapsed, peak, events, cpu)
            print(config, round(elapsed, 2), "s", round(cpu, 1), "cpu s", events, "events", flush=True)
    for config in CONFIGS:
        elapsed, peak, events, cpu = best[config]
        startups = [run(command(config, one, work / "out-one", args.partition_size)) for _ in range(2)]
        startup = min(r[0] for r in startups)
        startup_cpu = min(r[3] for r in startups)
        report["configs"][config] = {
            "seconds": round(elapsed, 2), "stories_per_s": round(n_stories / elapsed, 2),
            "startup_seconds": round(startup, 2), "net_seconds": round(elapsed - startup, 2),
            "net_stories_per_s": round(n_stories / (elapsed - startup), 2),
            "events": events, "peak_pss_mb": round(peak / 1024),
            "cpu_seconds": round(cpu, 1), "stories_per_cpu_s": round(n_stories / cpu, 2),
            "startup_cpu_seconds": round(startup_cpu, 1),
            "net_stories_per_cpu_s": round(n_stories / (cpu - startup_cpu), 2),
        }
        print(config, report["configs"][config], flush=True)
    c = report["configs"]
    for workers in ("1", "2"):
        dask, procs = c[f"local:{workers}"], c[f"processes {workers}"]
        report[f"dask_overhead_{workers}_workers"] = round(dask["seconds"] / procs["seconds"] - 1, 3)
        report[f"dask_net_overhead_{workers}_workers"] = round(dask["net_seconds"] / procs["net_seconds"] - 1, 3)
    for workers in ("1", "2"):
        dask, procs = c[f"local:{workers}"], c[f"processes {workers}"]
        report[f"dask_cpu_overhead_{workers}_workers"] = round(dask["cpu_seconds"] / procs["cpu_seconds"] - 1, 3)
        report[f"dask_net_cpu_overhead_{workers}_workers"] = round(
            procs["net_stories_per_cpu_s"] / dask["net_stories_per_cpu_s"] - 1, 3)
    report["speedup_processes_2"] = round(c["processes 1"]["seconds"] / c["processes 2"]["seconds"], 2)
    report["speedup_local_2"] = round(c["local:1"]["seconds"] / c["local:2"]["seconds"], 2)

    dataset = work / "out-local-2"
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
        "duckdb_mb_per_million_events": round(store.stat().st_size / events * 1e6 / 2**20),
    }
    out_dir = HERE / "out"
    out_dir.mkdir(exist_ok=True)
    (out_dir / "scale.json").write_text(json.dumps(report, indent=2))
    print(json.dumps(report, indent=2))
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
