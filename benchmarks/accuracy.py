"""Accuracy of tacitus on the PLOVER GSR dev set and the project's VOA gold.

    python benchmarks/accuracy.py            # print the figures
    python benchmarks/accuracy.py --record   # also write benchmarks/accuracy.json

benchmarks/accuracy.json holds the recorded figures; the CI test
tests/test_accuracy_regression.py fails when dev macro-F1 falls more than
0.03 below the recorded value. Record only on purpose (a better coder).
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO / ".." / "shared" / "data"
DEV = SHARED / "plover-gsr" / "dev.jsonl"
STORIES = SHARED / "voa" / "stories.jsonl"
VOA_GOLD = REPO / "tests" / "data" / "voa_gold.jsonl"
RECORD = Path(__file__).resolve().parent / "accuracy.json"


def sentence_figures(report) -> dict:
    """The recorded dev-set figures (see tacitus.evaluate.SentenceReport)."""
    d = report.to_dict()
    return {
        "sentences": d["sentences"],
        "macro_f1": d["macro"]["f1"],
        "micro_f1": d["micro"]["f1"],
        "micro_precision": d["micro"]["precision"],
        "micro_recall": d["micro"]["recall"],
        "mode_accuracy": d["mode_accuracy"]["accuracy"],
        "actor_country_accuracy": d["actor_country_accuracy"]["accuracy"],
        "recipient_country_accuracy": d["recipient_country_accuracy"]["accuracy"],
        "actor_sector_accuracy": d["actor_sector_accuracy"]["accuracy"],
        "recipient_sector_accuracy": d["recipient_sector_accuracy"]["accuracy"],
        "per_type_f1": {t: s["f1"] for t, s in d["per_type"].items() if s["support"]},
    }


def story_figures(report) -> dict:
    """The recorded story-gold figures (see tacitus.evaluate_stories.StoryReport):
    precision/recall/F1 and key recall at the type, dyad and full levels."""
    d = report.to_dict()
    figures = {"stories": d["stories"], "gold_events": d["gold_events"]}
    for level, f in d["levels"].items():
        figures[f"{level}_f1"] = f["f1"]
        figures[f"{level}_precision"] = f["precision"]
        figures[f"{level}_recall"] = f["recall"]
        figures[f"{level}_key_recall"] = f["key_recall"]["accuracy"]
    figures["place_country_accuracy"] = d["place_country_accuracy"]["accuracy"]
    figures["place_name_accuracy"] = d["place_name_accuracy"]["accuracy"]
    figures["type_macro_f1"] = d["macro"]["f1"]
    figures["per_type_f1"] = {t: s["f1"] for t, s in d["per_type"].items() if s["support"]}
    return figures


def _print(name: str, figures: dict, seconds: float, problems: list) -> None:
    print(f"\n== {name}  ({seconds:.1f} s)")
    for key, value in figures.items():
        if key == "per_type_f1":
            print("  per-type F1: " + ", ".join(f"{t} {v:.2f}" for t, v in sorted(value.items())))
        else:
            print(f"  {key:28} {value:.3f}" if isinstance(value, float) else f"  {key:28} {value}")
    for p in problems:
        print(f"  warning: {p}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--record", action="store_true", help=f"write {RECORD.name}")
    parser.add_argument("--model", default=None, help="spaCy pipeline (default: tacitus default)")
    parser.add_argument("--dev", type=Path, default=DEV)
    parser.add_argument("--voa", type=Path, default=VOA_GOLD)
    parser.add_argument("--stories", type=Path, default=STORIES)
    args = parser.parse_args(argv)

    import tacitus
    from tacitus.evaluate import evaluate_file
    from tacitus.nlp import model_name

    coder = tacitus.load(args.model)
    record: dict = {"model": model_name(args.model)}
    start = time.perf_counter()
    dev = evaluate_file(args.dev, coder)
    record["dev"] = sentence_figures(dev.report)
    _print(f"PLOVER GSR dev ({args.dev.name})", record["dev"], time.perf_counter() - start,
           dev.problems)
    if args.voa.is_file():
        start = time.perf_counter()
        voa = evaluate_file(args.voa, coder, args.stories)
        record["voa"] = story_figures(voa.report)
        _print(f"VOA story gold ({args.voa.name})", record["voa"], time.perf_counter() - start,
               voa.problems)
    else:
        print(f"\n(no VOA gold at {args.voa}; skipped)")
    if args.record:
        RECORD.write_text(json.dumps(record, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        print(f"\nrecorded in {RECORD}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
