"""Ingest cost against plain coding, and dyad query speed, in one run.

    python benchmarks/ingest.py [--stories ../shared/data/voa/stories.jsonl] [--copies 3]
                                [--processes 1] [--events 10000]

1. Writes the stories ``--copies`` times over with distinct ids to a temporary
   JSONL file, then times, each as its own subprocess (model loading included):
   `tacitus code` (output to /dev/null), `tacitus ingest --no-dedup` (the same
   coding work plus the store: the overhead figure, target <= 1.10x code), and
   `tacitus ingest` with near-duplicate detection (the copies are linked, not
   coded: what a user gets by default).
2. Grows the --no-dedup store to at least ``--events`` events (copies of its
   articles and events shifted by whole weeks) and times `tacitus dyads --by week`
   (whole command, interpreter start included; target < 1 s) and the library call.

Results are printed and written to benchmarks/out/ingest.json.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_STORIES = HERE.parent.parent / "shared" / "data" / "voa" / "stories.jsonl"
TACITUS = [sys.executable, "-m", "tacitus"]


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return time.perf_counter() - start


def write_copies(stories: Path, copies: int, out: Path) -> int:
    lines = [json.loads(line) for line in stories.open(encoding="utf-8") if line.strip()]
    with out.open("w", encoding="utf-8") as f:
        for k in range(copies):
            for story in lines:
                f.write(json.dumps(dict(story, id=f"{story['id']}#{k}"), ensure_ascii=False) + "\n")
    return len(lines) * copies


def grow_events(db: Path, target: int) -> int:
    """Copy articles and events (ids suffixed, days shifted by k weeks) until >= target events."""
    import duckdb

    con = duckdb.connect(str(db))
    base = con.execute("SELECT count(*) FROM events").fetchone()[0]
    con.execute("CREATE TEMP TABLE a0 AS SELECT * FROM articles")
    con.execute("CREATE TEMP TABLE e0 AS SELECT * FROM events")
    k = 1
    while con.execute("SELECT count(*) FROM events").fetchone()[0] < target and base:
        sfx = f"~{k}"
        con.execute(f"""INSERT INTO articles SELECT * REPLACE (id || '{sfx}' AS id,
                        duplicate_of || '{sfx}' AS duplicate_of) FROM a0""")
        con.execute(f"""INSERT INTO events SELECT * REPLACE (id || '{sfx}' AS id, doc_id || '{sfx}' AS doc_id,
                        cluster_id || '{sfx}' AS cluster_id, group_key || '{sfx}' AS group_key,
                        event_day + INTERVAL {7 * k} DAY AS event_day) FROM e0""")
        k += 1
    n = con.execute("SELECT count(*) FROM events").fetchone()[0]
    con.close()
    return n


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=Path, default=DEFAULT_STORIES)
    parser.add_argument("--copies", type=int, default=3)
    parser.add_argument("--processes", type=int, default=1)
    parser.add_argument("--events", type=int, default=10_000)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        corpus = tmp / "corpus.jsonl"
        n_articles = write_copies(args.stories, args.copies, corpus)
        p = ["--processes", str(args.processes)]
        code_s = timed(TACITUS + ["code", str(corpus)] + p)
        plain_db, dedup_db = tmp / "plain.duckdb", tmp / "dedup.duckdb"
        ingest_s = timed(TACITUS + ["ingest", str(corpus), "--db", str(plain_db), "--no-dedup", "-q"] + p)
        dedup_s = timed(TACITUS + ["ingest", str(corpus), "--db", str(dedup_db), "-q"] + p)
        again_s = timed(TACITUS + ["ingest", str(corpus), "--db", str(plain_db), "--no-dedup", "-q"] + p)

        n_events = grow_events(plain_db, args.events)
        dyads_cli_s = min(timed(TACITUS + ["dyads", "--by", "week", "--db", str(plain_db), "-f", "csv"])
                          for _ in range(3))
        from tacitus.store import dyads, open_store

        con = open_store(plain_db, read_only=True)
        start = time.perf_counter()
        rows = dyads(con, by="week")
        dyads_lib_s = time.perf_counter() - start
        con.close()

    result = {
        "articles": n_articles,
        "processes": args.processes,
        "code_s": round(code_s, 2),
        "ingest_no_dedup_s": round(ingest_s, 2),
        "ratio_ingest_to_code": round(ingest_s / code_s, 3),
        "ingest_dedup_s": round(dedup_s, 2),
        "ingest_again_s": round(again_s, 2),
        "dyad_events": n_events,
        "dyad_rows": len(rows),
        "dyads_week_cli_s": round(dyads_cli_s, 3),
        "dyads_week_library_s": round(dyads_lib_s, 3),
    }
    for key, value in result.items():
        print(f"{key:24} {value}")
    out = HERE / "out"
    out.mkdir(exist_ok=True)
    (out / "ingest.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
