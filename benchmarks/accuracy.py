"""Accuracy of tacitus on PLOVER GSR dev and the project's story gold.

    python benchmarks/accuracy.py                    # GSR dev, story dev, agreement
    python benchmarks/accuracy.py --test             # also the frozen test half
    python benchmarks/accuracy.py --test --record    # also write benchmarks/accuracy.json

Story gold (tests/data/gold/, docs/voa_gold.md): whole events at the type,
dyad and full levels (see tacitus.evaluate_stories), on the dev half and, with
--test, on the test half (scored only when figures are recorded: only its
aggregate figures are printed), each level's F1 with its 95% interval from
resampling the stories (tacitus.evaluate_intervals), and the interval of dev
minus test; agreement is the second coding of 20 stories
(second.jsonl) scored against the first (dev.jsonl + test.jsonl).

benchmarks/accuracy.json holds the recorded figures; the CI test
tests/test_accuracy_regression.py fails when a level's F1 on the dev stories
or GSR dev macro-F1 falls more than 0.03 below the recorded value. Record only
on purpose (a better coder).
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
GOLD = REPO / "tests" / "data" / "gold"
VOA_DEV, VOA_TEST, SECOND = GOLD / "dev.jsonl", GOLD / "test.jsonl", GOLD / "second.jsonl"
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
    precision/recall/F1 (with its 95% story-bootstrap interval) and key recall at
    the type, dyad and full levels."""
    from tacitus.evaluate_intervals import f1_intervals

    d = report.to_dict()
    intervals = f1_intervals(report)
    figures = {"stories": d["stories"], "gold_events": d["gold_events"]}
    for level, f in d["levels"].items():
        figures[f"{level}_f1"] = f["f1"]
        figures[f"{level}_f1_interval"] = [intervals[level].low, intervals[level].high]
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
        elif key.endswith("_interval"):
            print(f"  {key:28} {value[0]:.3f} - {value[1]:.3f}")
        else:
            print(f"  {key:28} {value:.3f}" if isinstance(value, float) else f"  {key:28} {value}")
    for p in problems:
        print(f"  warning: {p}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--record", action="store_true", help=f"write {RECORD.name}")
    parser.add_argument("--test", action="store_true",
                        help="also score the frozen test half (aggregate figures only)")
    parser.add_argument("--model", default=None, help="spaCy pipeline (default: tacitus default)")
    parser.add_argument("--dev", type=Path, default=DEV)
    parser.add_argument("--stories", type=Path, default=STORIES)
    args = parser.parse_args(argv)

    import tacitus
    from tacitus.evaluate import compare_codings, evaluate_file
    from tacitus.evaluate_intervals import difference_intervals
    from tacitus.nlp import model_name

    coder = tacitus.load(args.model)
    record: dict = {"model": model_name(args.model)}
    start = time.perf_counter()
    dev = evaluate_file(args.dev, coder)
    record["dev"] = sentence_figures(dev.report)
    _print(f"PLOVER GSR dev ({args.dev.name})", record["dev"], time.perf_counter() - start,
           dev.problems)
    halves = [("voa_dev", VOA_DEV)] + ([("voa_test", VOA_TEST)] if args.test else [])
    reports = {}
    for key, path in halves:
        start = time.perf_counter()
        story = evaluate_file(path, coder, args.stories)
        reports[key] = story.report
        record[key] = story_figures(story.report)
        if key == "voa_test":  # the frozen half: level figures only
            record[key].pop("per_type_f1")
        _print(f"story gold {path.name}", record[key], time.perf_counter() - start,
               story.problems)
    start = time.perf_counter()
    agreement = compare_codings(SECOND, [VOA_DEV, VOA_TEST], args.stories)
    record["agreement"] = story_figures(agreement.report)
    _print(f"agreement: {SECOND.name} against dev.jsonl + test.jsonl", record["agreement"],
           time.perf_counter() - start, agreement.problems)
    if args.test:
        record["dev_minus_test"] = {
            level: record["voa_dev"][f"{level}_f1"] - record["voa_test"][f"{level}_f1"]
            for level in ("type", "dyad", "full")}
        gap = difference_intervals(reports["voa_dev"], reports["voa_test"])
        record["dev_minus_test_interval"] = {
            level: [i.low, i.high] for level, i in gap.items()}
        print("\n== dev minus test (F1, 95% interval from resampling both halves' stories): "
              + ", ".join(f"{k} {v:+.3f} ({gap[k].low:+.3f} - {gap[k].high:+.3f})"
                          for k, v in record["dev_minus_test"].items()))
    if args.record:
        if not args.test:
            print("--record needs --test (the record holds the test figures)", file=sys.stderr)
            return 2
        RECORD.write_text(json.dumps(record, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        print(f"\nrecorded in {RECORD}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
