"""CI guard: the coder's accuracy must not fall more than 0.03 below the record.

Checked on the dev half of the story gold (F1 of whole events at the type,
dyad and full levels, see tacitus.evaluate_stories) and on PLOVER GSR dev
(event-type macro-F1). The figures are recorded on purpose with
``python benchmarks/accuracy.py --test --record`` (benchmarks/accuracy.json),
committed with the code they describe. The test half is never scored here.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import shared_data

REPO = Path(__file__).resolve().parents[1]
RECORD = REPO / "benchmarks" / "accuracy.json"
STORY_DEV = REPO / "tests" / "data" / "gold" / "dev.jsonl"
TOLERANCE = 0.03


@pytest.fixture(scope="module")
def recorded():
    assert RECORD.is_file(), ("benchmarks/accuracy.json is missing: "
                              "python benchmarks/accuracy.py --test --record")
    return json.loads(RECORD.read_text(encoding="utf-8"))


@pytest.mark.slow
def test_accuracy_regression_story_dev_levels_within_tolerance_of_record(coder, recorded):
    from tacitus.evaluate import evaluate_file

    evaluation = evaluate_file(STORY_DEV, coder, shared_data("voa", "stories.jsonl"))
    assert not evaluation.problems
    for level, score in evaluation.report.levels.items():
        want = recorded["voa_dev"][f"{level}_f1"]
        assert score.f1 >= want - TOLERANCE, (
            f"{level}-level F1 on the dev stories {score.f1:.3f} fell more than {TOLERANCE} "
            f"below the recorded {want:.3f} (benchmarks/accuracy.json); run "
            f"tacitus eval {STORY_DEV} --errors to see why")


@pytest.mark.slow
def test_accuracy_regression_gsr_dev_macro_f1_within_tolerance_of_record(coder, recorded):
    from tacitus.evaluate import evaluate_file

    gsr_dev = shared_data("plover-gsr", "dev.jsonl")
    evaluation = evaluate_file(gsr_dev, coder)
    assert not evaluation.problems
    macro_f1 = evaluation.report.macro_f1
    want = recorded["dev"]["macro_f1"]
    assert macro_f1 >= want - TOLERANCE, (
        f"GSR dev macro-F1 {macro_f1:.3f} fell more than {TOLERANCE} below the recorded "
        f"{want:.3f} (benchmarks/accuracy.json); run tacitus eval {gsr_dev} --errors")
