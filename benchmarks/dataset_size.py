"""Parquet and DuckDB bytes per million events, from really coded articles.

    python benchmarks/dataset_size.py [--stories ../shared/data/voa/stories.jsonl] [--copies 20,80]

The stories are coded once into a partitioned Parquet dataset (as
`tacitus code --output DIR` and every Dask run write it). That dataset is
then repeated, each number of ``--copies`` times, with ids made unique and
every text made distinct: the words of each article and of each event's
sentence are shuffled, differently in each copy (the same words and
lengths, but no text repeated, as in a real corpus; repeated texts would
compress away and understate the size). Each repetition is written as a
Parquet dataset (one file per copy and table, like the partitions of a run)
and loaded into a new DuckDB store as `tacitus ingest --scheduler` loads it
(``load_dataset``, without near-duplicate detection: the copies share their
words). The growth from the smaller to the larger number of copies, per
event, is what a million more events take, without an empty store's fixed
overhead. Results are printed and written to benchmarks/out/dataset_size.json.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
sys.path.insert(0, str(HERE))
from throughput import DEFAULT_STORIES  # noqa: E402


def shuffled(text: str | None, seed: str) -> str | None:
    if not text:
        return text
    words = text.split(" ")
    random.Random(seed).shuffle(words)
    return " ".join(words)


def copy_tables(articles: pa.Table, events: pa.Table, copy: int) -> tuple[pa.Table, pa.Table]:
    rows = articles.to_pylist()
    for row in rows:
        row["text"] = shuffled(row["text"], f"{copy}-{row['id']}")
        row["content_hash"] = hashlib.sha1(row["text"].encode("utf-8")).hexdigest()
        row["id"] = f"{row['id']}-{copy}"
    found = events.to_pylist()
    for row in found:
        row["text"] = shuffled(row["text"], f"{copy}-{row['id']}")
        row["id"] = f"{row['id']}-{copy}"
        row["doc_id"] = f"{row['doc_id']}-{copy}"
    return pa.Table.from_pylist(rows, schema=articles.schema), pa.Table.from_pylist(found, schema=events.schema)


def folder_bytes(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--stories", default=str(DEFAULT_STORIES))
    ap.add_argument("--copies", default="20,80", help="two numbers of copies: the growth between them counts")
    args = ap.parse_args()
    counts = sorted(int(n) for n in args.copies.split(","))
    from tacitus.dist import Settings, run
    from tacitus.store.dataset import load_dataset

    work = Path(tempfile.mkdtemp(prefix="tacitus-size-"))
    base = work / "base"
    coded = run([args.stories], str(base), Settings(), partition_size=10**9)
    key = coded.keys[0]
    articles = pq.read_table(base / "articles" / f"{key}.parquet")
    events = pq.read_table(base / "events" / f"{key}.parquet")
    report: dict = {"stories": articles.num_rows, "events_per_story": round(events.num_rows / articles.num_rows, 2),
                    "sizes": []}
    for count in counts:
        root = work / f"copies-{count}"
        for copy in range(count):
            a, e = copy_tables(articles, events, copy)
            for table, data in (("events", e), ("articles", a)):
                (root / table).mkdir(parents=True, exist_ok=True)
                pq.write_table(data, root / table / f"copy{copy:05d}.parquet")
        store = work / f"copies-{count}.duckdb"
        started = time.perf_counter()
        summary = load_dataset(str(store), str(root), dedup=False)
        size = {"copies": count, "articles": summary.stored, "events": events.num_rows * count,
                "parquet_bytes": folder_bytes(root), "duckdb_bytes": store.stat().st_size,
                "load_seconds": round(time.perf_counter() - started, 1)}
        report["sizes"].append(size)
        print(size, flush=True)
    small, large = report["sizes"][0], report["sizes"][-1]
    more = large["events"] - small["events"]
    for kind in ("parquet", "duckdb"):
        growth = (large[f"{kind}_bytes"] - small[f"{kind}_bytes"]) / more
        report[f"{kind}_gb_per_million_events"] = round(growth * 1e6 / 1e9, 2)
    print(json.dumps({k: v for k, v in report.items() if k != "sizes"}, indent=2))
    out_dir = HERE / "out"
    out_dir.mkdir(exist_ok=True)
    (out_dir / "dataset_size.json").write_text(json.dumps(report, indent=2))
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
