"""CI guard: dev macro-F1 must not fall more than 0.03 below the recorded figure.

The figure is recorded on purpose with ``python benchmarks/accuracy.py --record``
(benchmarks/accuracy.json), which is committed with the code it describes.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import shared_data

REPO = Path(__file__).resolve().parents[1]
RECORD = REPO / "benchmarks" / "accuracy.json"
DEV = REPO / ".." / "shared" / "data" / "plover-gsr" / "dev.jsonl"
TOLERANCE = 0.03


@pytest.mark.slow
def test_accuracy_regression_dev_macro_f1_within_tolerance_of_record():
    assert RECORD.is_file(), "benchmarks/accuracy.json is missing: python benchmarks/accuracy.py --record"
    recorded = json.loads(RECORD.read_text(encoding="utf-8"))["dev"]["macro_f1"]
    import tacitus
    from tacitus.evaluate import evaluate_file

    evaluation = evaluate_file(shared_data("plover-gsr", "dev.jsonl"), tacitus.load())
    assert not evaluation.problems
    macro_f1 = evaluation.report.macro_f1
    assert macro_f1 >= recorded - TOLERANCE, (
        f"dev macro-F1 {macro_f1:.3f} fell more than {TOLERANCE} below the recorded "
        f"{recorded:.3f} (benchmarks/accuracy.json); run tacitus eval {DEV} --errors to see why")
