"""Bootstrap intervals of the story-level figures (tacitus.evaluate_intervals),
on hand-built gold and events (no model)."""
from __future__ import annotations

import pytest

from tacitus.evaluate import score_stories
from tacitus.evaluate_intervals import (
    difference_intervals, f1_intervals, intervals_dict, paired_difference_intervals,
)
from test_evaluate import ent, ev, g_ev, story


def _stories(hits: list[bool], prefix: str = "s"):
    """One story per item, each with one gold ASSAULT; a hit is predicted right,
    a miss predicted with the wrong actor (one false positive, one false negative)."""
    gold = [story([g_ev("ASSAULT", actor=["RUS"], recipient=["UKR"])], id=f"{prefix}{i}")
            for i in range(len(hits))]
    preds = [[ev("ASSAULT", actor=[ent("RUS" if hit else "BLR")], recipient=[ent("UKR")])]
             for hit in hits]
    return gold, preds


def test_intervals_keep_the_counts_of_each_story():
    gold, preds = _stories([True, False, True])
    report = score_stories(gold, preds)
    assert [c["type"].tp for c in report.per_story] == [1, 0, 1]
    assert [(c["dyad"].fp, c["dyad"].fn) for c in report.per_story] == [(0, 0), (1, 1), (0, 0)]


def test_intervals_hold_the_figure_and_narrow_with_more_stories():
    small = score_stories(*_stories([True, False] * 5))
    large = score_stories(*_stories([True, False] * 100))
    assert small.levels["type"].f1 == large.levels["type"].f1 == 0.5
    a, b = f1_intervals(small)["type"], f1_intervals(large)["type"]
    assert 0.5 in a and 0.5 in b and a.confidence == 0.95
    assert 0.0 <= a.low < b.low <= b.high < a.high <= 1.0
    # a set all right or all wrong cannot move by resampling
    perfect = f1_intervals(score_stories(*_stories([True] * 8)))
    assert all((i.low, i.high) == (1.0, 1.0) for i in perfect.values())


def test_intervals_are_seeded():
    report = score_stories(*_stories([True, False, True, True, False, False, True]))
    assert f1_intervals(report) == f1_intervals(report)
    assert intervals_dict(f1_intervals(report))["full"]["high"] == f1_intervals(report)["full"].high


def test_difference_of_two_sets_is_centred_on_the_gap():
    dev = score_stories(*_stories([True] * 30 + [False] * 10, "d"))
    test = score_stories(*_stories([True] * 15 + [False] * 25, "t"))
    gap = dev.levels["dyad"].f1 - test.levels["dyad"].f1
    d = difference_intervals(dev, test)["dyad"]
    assert gap in d and d.low > 0  # 0.750 against 0.375 on 40 stories each: a real gap
    same = difference_intervals(dev, score_stories(*_stories([True] * 30 + [False] * 10, "e")))
    assert 0.0 in same["dyad"]


def test_paired_difference_sees_a_change_that_independent_intervals_blur():
    gold, before = _stories([True, False] * 20)
    _, after = _stories([True, True] + [True, False] * 19)  # one story more right
    b, a = score_stories(gold, before), score_stories(gold, after)
    paired = paired_difference_intervals(a, b)["type"]
    assert paired.low >= 0.0 and paired.high > 0.0
    apart = difference_intervals(a, b)["type"]
    assert apart.high - apart.low > paired.high - paired.low
    with pytest.raises(ValueError, match="same stories"):
        paired_difference_intervals(a, score_stories(*_stories([True] * 3)))
