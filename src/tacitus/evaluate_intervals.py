"""How far the story-level figures could move by chance: bootstrap intervals.

A figure measured on a few dozen stories is uncertain, and most of the
uncertainty comes from the stories (one long story of many events can move F1
by several points). The intervals here resample *stories* with replacement,
pool the counts of the resampled stories as the measure does, and take the
percentiles of the F1 of each level (the percentile bootstrap, Efron and
Tibshirani 1993, ch. 13; resampling by document as Koehn 2004 does for
sentences).

- :func:`f1_intervals`: the interval of each level's F1 on one set of stories;
- :func:`difference_intervals`: the interval of the difference between the F1
  of two independent sets of stories (dev minus test), each resampled on its
  own;
- :func:`paired_difference_intervals`: the interval of the difference between
  two codings of the *same* stories (a coder before and after a change), the
  stories resampled together, which is far narrower than comparing two
  independent intervals.

Resampling is seeded, so the same reports give the same intervals.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np

from .evaluate_stories import LEVELS, StoryReport

RESAMPLES = 2000
CONFIDENCE = 0.95


@dataclass(frozen=True)
class Interval:
    """A percentile bootstrap interval of a figure."""

    low: float
    high: float
    confidence: float = CONFIDENCE

    def __contains__(self, value: float) -> bool:
        return self.low <= value <= self.high

    def to_dict(self) -> dict[str, float]:
        return {"low": self.low, "high": self.high, "confidence": self.confidence}


def _counts(report: StoryReport, level: str) -> np.ndarray:
    """A (stories, 3) array of the tp / fp / fn of each story at ``level``."""
    if len(report.per_story) != report.stories:
        raise ValueError("the report holds no per-story counts (score it with score_stories)")
    return np.array([[c[level].tp, c[level].fp, c[level].fn] for c in report.per_story],
                    dtype=float).reshape(-1, 3)


def _f1(pooled: np.ndarray) -> np.ndarray:
    """F1 of pooled counts, row-wise (0 where nothing was counted)."""
    tp, fp, fn = pooled[..., 0], pooled[..., 1], pooled[..., 2]
    den = 2 * tp + fp + fn
    return np.divide(2 * tp, den, out=np.zeros_like(den), where=den > 0)


def _resampled_f1(counts: np.ndarray, draws: np.ndarray) -> np.ndarray:
    """F1 of each resample: ``draws`` is (resamples, stories) of story indices."""
    return _f1(counts[draws].sum(axis=1))


def _interval(values: np.ndarray, confidence: float) -> Interval:
    tail = (1 - confidence) / 2 * 100
    low, high = np.percentile(values, [tail, 100 - tail])
    return Interval(float(low), float(high), confidence)


def _draws(rng: np.random.Generator, stories: int, resamples: int) -> np.ndarray:
    if stories == 0:
        raise ValueError("no stories to resample")
    return rng.integers(0, stories, size=(resamples, stories))


def f1_intervals(report: StoryReport, resamples: int = RESAMPLES,
                 confidence: float = CONFIDENCE, seed: int = 0) -> dict[str, Interval]:
    """The bootstrap interval of the F1 of each level, resampling stories."""
    rng = np.random.default_rng(seed)
    draws = _draws(rng, report.stories, resamples)
    return {level: _interval(_resampled_f1(_counts(report, level), draws), confidence)
            for level in LEVELS}


def difference_intervals(first: StoryReport, second: StoryReport,
                         resamples: int = RESAMPLES, confidence: float = CONFIDENCE,
                         seed: int = 0) -> dict[str, Interval]:
    """The interval of F1(first) - F1(second) at each level, for two independent
    sets of stories (each resampled on its own), e.g. dev minus test."""
    rng = np.random.default_rng(seed)
    a, b = _draws(rng, first.stories, resamples), _draws(rng, second.stories, resamples)
    return {level: _interval(_resampled_f1(_counts(first, level), a)
                             - _resampled_f1(_counts(second, level), b), confidence)
            for level in LEVELS}


def paired_difference_intervals(after: StoryReport, before: StoryReport,
                                resamples: int = RESAMPLES, confidence: float = CONFIDENCE,
                                seed: int = 0) -> dict[str, Interval]:
    """The interval of F1(after) - F1(before) at each level, for two codings of
    the same stories in the same order (the stories are resampled together)."""
    if after.stories != before.stories:
        raise ValueError(f"the reports score {after.stories} and {before.stories} stories; "
                         "a paired comparison needs the same stories")
    rng = np.random.default_rng(seed)
    draws = _draws(rng, after.stories, resamples)
    return {level: _interval(_resampled_f1(_counts(after, level), draws)
                             - _resampled_f1(_counts(before, level), draws), confidence)
            for level in LEVELS}


def intervals_dict(intervals: dict[str, Interval]) -> dict[str, dict[str, float]]:
    return {level: i.to_dict() for level, i in intervals.items()}


__all__: Sequence[str] = ("Interval", "f1_intervals", "difference_intervals",
                          "paired_difference_intervals", "intervals_dict",
                          "RESAMPLES", "CONFIDENCE")
