"""Scoring coded events against gold standards (the library behind ``tacitus eval``).

Sentence level (:func:`score_sentences`): each gold
sentence holds one gold event; the predicted event types of the sentence form
a set; a type is a true positive when it equals the gold type, any other
predicted type is a false positive, a gold type not predicted a false
negative. On sentences whose gold type was found, the attributes of the
predicted events *of that type* are checked against the gold:

- mode: a predicted event of the type has the gold mode ("" included);
- actor/recipient country: a predicted event of the type has an actor
  (recipient) whose country is in the gold list; sentences whose gold list
  has no country are not counted;
- actor/recipient sector: likewise with sectors, counting only sentences
  with a gold entry that has a non-empty sector.

The confusion table counts, for each gold type, every predicted type of its
sentences ("none" when nothing was predicted), so a row can hold more than
the type's support.

Story level: see :mod:`tacitus.evaluate_stories`.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

from .evaluate_gold import (
    SENTENCE_FORMAT, GoldActor, GoldError, GoldLineError, GoldSentence, GoldSet, GoldStory,
    check_stories, load_gold, load_story_articles,
)
from .evaluate_metrics import Rate, TypeFigures, TypeScore, event_summary
from .evaluate_stories import StoryReport, predict_stories, score_agreement, score_stories
from .records import Article, Event

__all__ = [
    "GoldError", "GoldLineError", "GoldSentence", "GoldStory", "GoldSet", "load_gold",
    "SentenceReport", "SentenceOutcome", "StoryReport", "Evaluation",
    "score_sentences", "score_stories", "predict_sentences", "evaluate_file", "event_summary",
    "compare_codings",
]

NONE = "none"  # the "predicted type" of a sentence with no prediction


@dataclass
class SentenceOutcome:
    """How one gold sentence was coded. Attribute hits are None when not counted."""

    gold: GoldSentence
    predicted: list[Event]
    type_found: bool
    extra_types: list[str]
    mode_hit: bool | None = None
    actor_country_hit: bool | None = None
    recipient_country_hit: bool | None = None
    actor_sector_hit: bool | None = None
    recipient_sector_hit: bool | None = None

    @property
    def misses(self) -> list[str]:
        """What went wrong: "type", "extra", "mode", "actor country", ..."""
        out = [] if self.type_found else ["type"]
        if self.extra_types:
            out.append("extra")
        for name in ("mode", "actor_country", "recipient_country", "actor_sector",
                     "recipient_sector"):
            if getattr(self, f"{name}_hit") is False:
                out.append(name.replace("_", " "))
        return out

    def to_dict(self) -> dict[str, Any]:
        g = self.gold
        return {
            "id": g.id, "line": g.line, "text": g.text, "misses": self.misses,
            "gold": {"event": g.event, "mode": g.mode,
                     "actor": [vars(a) for a in g.actor],
                     "recipient": [vars(a) for a in g.recipient]},
            "predicted": [event_summary(e) for e in self.predicted],
        }


@dataclass
class SentenceReport(TypeFigures):
    """All figures of a sentence-level evaluation."""

    per_type: dict[str, TypeScore]
    confusion: dict[str, dict[str, int]]
    mode: Rate
    actor_country: Rate
    recipient_country: Rate
    actor_sector: Rate
    recipient_sector: Rate
    outcomes: list[SentenceOutcome] = field(default_factory=list)

    @property
    def errors(self) -> list[SentenceOutcome]:
        return [o for o in self.outcomes if o.misses]

    def to_dict(self) -> dict[str, Any]:
        return {
            "level": "sentence",
            "sentences": len(self.outcomes),
            **self.type_figures(),
            "confusion": self.confusion,
            "mode_accuracy": self.mode.to_dict(),
            "actor_country_accuracy": self.actor_country.to_dict(),
            "recipient_country_accuracy": self.recipient_country.to_dict(),
            "actor_sector_accuracy": self.actor_sector.to_dict(),
            "recipient_sector_accuracy": self.recipient_sector.to_dict(),
            "errors": [o.to_dict() for o in self.errors],
        }


def score_sentences(gold_records: Iterable[GoldSentence | dict],
                    predictions: Sequence[Sequence[Event]]) -> SentenceReport:
    """Score predicted events against sentence-level gold.

    ``predictions[i]`` holds the events coded from ``gold_records[i]``'s text.
    Gold records may be :class:`GoldSentence` objects or their JSON dicts.
    """
    golds = [g if isinstance(g, GoldSentence) else GoldSentence.from_dict(g) for g in gold_records]
    if len(golds) != len(predictions):
        raise ValueError(f"{len(golds)} gold sentences but {len(predictions)} predictions")
    per_type: dict[str, TypeScore] = defaultdict(TypeScore)
    confusion: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    rates = {name: Rate() for name in ("mode", "actor_country", "recipient_country",
                                       "actor_sector", "recipient_sector")}
    outcomes = []
    for gold, events in zip(golds, predictions):
        events = list(events)
        types = {e.event for e in events}
        found = gold.event in types
        extra = sorted(types - {gold.event})
        per_type[gold.event].tp += int(found)
        per_type[gold.event].fn += int(not found)
        for t in extra:
            per_type[t].fp += 1
        for t in sorted(types) or [NONE]:
            confusion[gold.event][t] += 1
        outcome = SentenceOutcome(gold=gold, predicted=events, type_found=found, extra_types=extra)
        if found:
            _score_attributes(outcome, [e for e in events if e.event == gold.event], rates)
        outcomes.append(outcome)
    return SentenceReport(
        per_type=dict(per_type),
        confusion={g: dict(row) for g, row in confusion.items()},
        outcomes=outcomes, **rates,
    )


def _score_attributes(outcome: SentenceOutcome, events: list[Event],
                      rates: dict[str, Rate]) -> None:
    gold = outcome.gold
    outcome.mode_hit = any(e.mode == gold.mode for e in events)
    rates["mode"].add(outcome.mode_hit)
    for role in ("actor", "recipient"):
        gold_entries: list[GoldActor] = getattr(gold, role)
        for attr in ("country", "sector"):
            wanted = {getattr(a, attr) for a in gold_entries if getattr(a, attr)}
            if not wanted:
                continue
            hit = any(getattr(ent, attr) in wanted for e in events for ent in getattr(e, role))
            setattr(outcome, f"{role}_{attr}_hit", hit)
            rates[f"{role}_{attr}"].add(hit)


def predict_sentences(coder: Any, records: Sequence[GoldSentence],
                      progress: Callable[[int], None] | None = None) -> list[list[Event]]:
    """Code each gold sentence's text with ``coder.pipe``; events in gold order."""
    articles = [Article(id=f"{i}:{g.id}", text=g.text) for i, g in enumerate(records)]
    by_id: dict[str, list[Event]] = {}
    for article, events in coder.pipe(articles):
        by_id[article.id] = list(events)
        if progress:
            progress(1)
    return [by_id.get(a.id, []) for a in articles]


@dataclass
class Evaluation:
    """A scored gold file: its records, the problems of its bad lines, the report."""

    gold: GoldSet
    report: SentenceReport | StoryReport
    problems: list[GoldLineError]

    def to_dict(self) -> dict[str, Any]:
        return {"gold": self.gold.path, "format": self.gold.format,
                "problems": [str(p) for p in self.problems], **self.report.to_dict()}


def open_gold(gold_path: str | Path, stories_path: str | Path | None = None
              ) -> tuple[GoldSet, dict[str, Article], list[GoldLineError]]:
    """Read a gold file and, for story gold, the story texts; check them before coding."""
    gold = load_gold(gold_path)
    problems = list(gold.problems)
    articles: dict[str, Article] = {}
    if gold.format != SENTENCE_FORMAT:
        if stories_path is None:
            raise GoldError(f"{gold.path}: story-level gold needs the story texts; "
                            "give them with --stories PATH")
        articles = load_story_articles(stories_path, {s.id for s in gold.records})
        problems += check_stories(gold, articles)
        gold.records = [s for s in gold.records if s.id in articles]
    if not gold.records:
        raise GoldError(f"{gold.path}: no usable gold record "
                        f"({len(problems)} bad line(s); first: {problems[0] if problems else '-'})")
    return gold, articles, problems


def evaluate_file(gold_path: str | Path, coder: Any, stories_path: str | Path | None = None,
                  progress: Callable[[int], None] | None = None) -> Evaluation:
    """Read a gold file (either format), code its texts with ``coder`` and score them."""
    gold, articles, problems = open_gold(gold_path, stories_path)
    return evaluate_gold(gold, articles, problems, coder, progress)


def evaluate_gold(gold: GoldSet, articles: dict[str, Article], problems: list[GoldLineError],
                  coder: Any, progress: Callable[[int], None] | None = None) -> Evaluation:
    """Code and score an opened gold set (see :func:`open_gold`)."""
    if gold.format == SENTENCE_FORMAT:
        report: SentenceReport | StoryReport = score_sentences(
            gold.records, predict_sentences(coder, gold.records, progress))
    else:
        texts = [articles[s.id] for s in gold.records]
        report = score_stories(gold.records, predict_stories(coder, texts, progress),
                               texts={a.id: a.text for a in texts})
    return Evaluation(gold=gold, report=report, problems=problems)


def compare_codings(gold_path: str | Path, coding_paths: Sequence[str | Path],
                    stories_path: str | Path | None = None) -> Evaluation:
    """Agreement of two codings: the story gold in ``coding_paths`` (one coding
    split over several files, e.g. dev and test) scored as predictions against
    ``gold_path``, on the stories of ``gold_path`` that they code."""
    gold, articles, problems = open_gold(gold_path, stories_path)
    if gold.format == SENTENCE_FORMAT:
        raise GoldError(f"{gold.path}: comparing codings needs story-level gold")
    codings: list[GoldStory] = []
    for path in coding_paths:
        other, _, other_problems = open_gold(path, stories_path)
        if other.format == SENTENCE_FORMAT:
            raise GoldError(f"{other.path}: comparing codings needs story-level gold")
        problems += other_problems
        codings += other.records
    coded = {s.id for s in codings}
    gold.records = [s for s in gold.records if s.id in coded]
    if not gold.records:
        raise GoldError(f"{gold.path}: no story of it is coded in "
                        f"{', '.join(str(p) for p in coding_paths)}")
    report = score_agreement(gold.records, codings, {a.id: a.text for a in articles.values()})
    return Evaluation(gold=gold, report=report, problems=problems)
