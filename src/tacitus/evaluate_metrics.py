"""Counting for ``tacitus eval``: precision/recall/F1 per type, micro and macro,
rates, and the scored fields of a predicted event."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

from .records import Event


def _ratio(num: int, den: int) -> float:
    return num / den if den else 0.0


@dataclass
class TypeScore:
    """True/false positives and false negatives of one event type."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def support(self) -> int:
        """Number of gold events of the type."""
        return self.tp + self.fn

    @property
    def precision(self) -> float:
        return _ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float:
        return _ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float:
        return _ratio(2 * self.tp, 2 * self.tp + self.fp + self.fn)

    def to_dict(self) -> dict[str, Any]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "support": self.support,
                "precision": self.precision, "recall": self.recall, "f1": self.f1}


@dataclass
class Rate:
    """A hit rate: ``hits`` of ``total`` counted cases (0.0 when nothing was counted)."""

    hits: int = 0
    total: int = 0

    def add(self, hit: bool) -> None:
        self.hits += int(hit)
        self.total += 1

    @property
    def value(self) -> float:
        return _ratio(self.hits, self.total)

    def to_dict(self) -> dict[str, Any]:
        return {"hits": self.hits, "total": self.total, "accuracy": self.value}


def micro(scores: Iterable[TypeScore]) -> TypeScore:
    """All types pooled into one count."""
    total = TypeScore()
    for s in scores:
        total.tp += s.tp
        total.fp += s.fp
        total.fn += s.fn
    return total


def macro_f1(per_type: dict[str, TypeScore]) -> float:
    """Mean F1 over the types that occur in gold (support > 0)."""
    f1s = [s.f1 for s in per_type.values() if s.support > 0]
    return sum(f1s) / len(f1s) if f1s else 0.0


def macro_precision_recall(per_type: dict[str, TypeScore]) -> tuple[float, float]:
    """Mean precision and recall over the types that occur in gold."""
    gold_types = [s for s in per_type.values() if s.support > 0]
    if not gold_types:
        return 0.0, 0.0
    n = len(gold_types)
    return sum(s.precision for s in gold_types) / n, sum(s.recall for s in gold_types) / n


class TypeFigures:
    """Micro and macro figures of a report that has ``per_type`` scores."""

    per_type: dict[str, TypeScore]

    @property
    def overall(self) -> TypeScore:
        return micro(self.per_type.values())

    @property
    def micro_f1(self) -> float:
        return self.overall.f1

    @property
    def macro_f1(self) -> float:
        return macro_f1(self.per_type)

    def type_figures(self) -> dict[str, Any]:
        """The "micro", "macro" and "per_type" parts of ``to_dict()``."""
        macro_p, macro_r = macro_precision_recall(self.per_type)
        overall = self.overall
        return {
            "micro": {"precision": overall.precision, "recall": overall.recall,
                      "f1": overall.f1, "tp": overall.tp, "fp": overall.fp, "fn": overall.fn},
            "macro": {"precision": macro_p, "recall": macro_r, "f1": self.macro_f1},
            "per_type": {t: s.to_dict() for t, s in sorted(self.per_type.items())},
        }


def event_summary(event: Event) -> dict[str, Any]:
    """The scored fields of a predicted event, for error listings and JSON."""
    return {
        "event": event.event, "mode": event.mode, "date": event.date,
        "actor": [{"text": e.text, "country": e.country, "sector": e.sector} for e in event.actor],
        "recipient": [{"text": e.text, "country": e.country, "sector": e.sector}
                      for e in event.recipient],
        "eventText": event.eventText,
        "location": ({"name": event.location.name, "country": event.location.country}
                     if event.location else None),
        "negated": event.negated, "hypothetical": event.hypothetical,
    }
