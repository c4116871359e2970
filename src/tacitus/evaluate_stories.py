"""Story-level scoring for ``tacitus eval`` (the project's hand-coded VOA gold).

A predicted event matches a gold event of the same story when it has the
same type and, if the gold actor list is non-empty, shares an actor country
with it. Matching is one-to-one and greedy, taking first the pairs whose
predicted sentence contains the gold quote, then in gold order and in
predicted order. Matched pairs are true positives; unmatched predictions
false positives; unmatched gold events false negatives.

Over matched pairs: date accuracy (pairs whose gold date is set; hit when
the predicted date is equal) and recipient accuracy (pairs whose gold
recipient list is non-empty; hit when a predicted recipient's country is in
it). Key recall: the share of gold events marked ``key`` that were matched.

Gold records each event once however many sentences of the story report it,
so predictions are compared as events, not mentions: an unmatched prediction
with the same type, actor countries and recipient countries as another
prediction of the story (matched or not) is the same event reported again,
and counts as at most one false positive.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass, field
from typing import Any, Callable, Iterable, Mapping, Sequence

from .evaluate_gold import GoldEvent, GoldStory
from .evaluate_metrics import Rate, TypeFigures, TypeScore, event_summary
from .records import Article, Event


@dataclass
class StoryMiss:
    """One error of a story: a "missed" gold event, an "extra" prediction, or a
    matched pair with a wrong "date" or "recipient"."""

    story: str
    kind: str
    gold: GoldEvent | None
    predicted: Event | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "story": self.story, "kind": self.kind,
            "gold": asdict(self.gold) if self.gold else None,
            "predicted": event_summary(self.predicted) if self.predicted else None,
            "sentence": self.predicted.text if self.predicted else None,
        }


@dataclass
class StoryReport(TypeFigures):
    """All figures of a story-level evaluation."""

    per_type: dict[str, TypeScore]
    date: Rate
    recipient: Rate
    key_recall: Rate
    stories: int = 0
    misses: list[StoryMiss] = field(default_factory=list)

    @property
    def errors(self) -> list[StoryMiss]:
        return self.misses

    def to_dict(self) -> dict[str, Any]:
        return {
            "level": "story",
            "stories": self.stories,
            **self.type_figures(),
            "date_accuracy": self.date.to_dict(),
            "recipient_accuracy": self.recipient.to_dict(),
            "key_recall": self.key_recall.to_dict(),
            "errors": [m.to_dict() for m in self.misses],
        }


def _countries(entities: Iterable[Any]) -> set[str]:
    return {e.country for e in entities if e.country}


def _contains_quote(gold: GoldEvent, event: Event, text: str | None) -> bool:
    if not gold.quote:
        return False
    if gold.quote in (event.text or ""):
        return True
    if text is None:
        return False
    start, end = event.span
    at = text.find(gold.quote)
    while at >= 0:
        if at < end and at + len(gold.quote) > start:
            return True
        at = text.find(gold.quote, at + 1)
    return False


def _event_key(event: Event) -> tuple:
    """Events of one story with this key are one event reported again."""
    return (event.event, frozenset(_countries(event.actor)), frozenset(_countries(event.recipient)))


def match_story(gold: Sequence[GoldEvent], predicted: Sequence[Event],
                text: str | None = None) -> list[tuple[int, int]]:
    """One-to-one greedy matching: (gold index, predicted index) pairs."""
    candidates = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(predicted):
            if p.event != g.event:
                continue
            if g.actor and not (set(g.actor) & _countries(p.actor)):
                continue
            candidates.append((not _contains_quote(g, p, text), gi, pi))
    pairs, used_gold, used_pred = [], set(), set()
    for _, gi, pi in sorted(candidates):
        if gi in used_gold or pi in used_pred:
            continue
        used_gold.add(gi)
        used_pred.add(pi)
        pairs.append((gi, pi))
    return sorted(pairs)


def score_stories(gold_stories: Iterable[GoldStory | dict],
                  predictions: Sequence[Sequence[Event]],
                  texts: Mapping[str, str] | None = None) -> StoryReport:
    """Score predicted events against story-level gold.

    ``predictions[i]`` holds the events coded from story ``gold_stories[i]``;
    ``texts`` (story id -> text) lets quotes be located by character offsets
    when a predicted event's sentence text differs from the story's.
    """
    golds = [g if isinstance(g, GoldStory) else GoldStory.from_dict(g) for g in gold_stories]
    if len(golds) != len(predictions):
        raise ValueError(f"{len(golds)} gold stories but {len(predictions)} predictions")
    per_type: dict[str, TypeScore] = defaultdict(TypeScore)
    date, recipient, key_recall = Rate(), Rate(), Rate()
    misses: list[StoryMiss] = []
    for story, events in zip(golds, predictions):
        events = list(events)
        pairs = match_story(story.events, events, (texts or {}).get(story.id))
        matched_gold = {gi: pi for gi, pi in pairs}
        matched_pred = set(matched_gold.values())
        for gi, g in enumerate(story.events):
            if g.key:
                key_recall.add(gi in matched_gold)
            if gi not in matched_gold:
                per_type[g.event].fn += 1
                misses.append(StoryMiss(story.id, "missed", g, None))
                continue
            p = events[matched_gold[gi]]
            per_type[g.event].tp += 1
            if g.date is not None:
                date.add(p.date == g.date)
                if p.date != g.date:
                    misses.append(StoryMiss(story.id, "date", g, p))
            if g.recipient:
                hit = bool(set(g.recipient) & _countries(p.recipient))
                recipient.add(hit)
                if not hit:
                    misses.append(StoryMiss(story.id, "recipient", g, p))
        seen = {_event_key(events[pi]) for pi in matched_pred}
        for pi, p in enumerate(events):
            if pi not in matched_pred and _event_key(p) not in seen:
                seen.add(_event_key(p))
                per_type[p.event].fp += 1
                misses.append(StoryMiss(story.id, "extra", None, p))
    return StoryReport(per_type=dict(per_type), date=date, recipient=recipient,
                       key_recall=key_recall, stories=len(golds), misses=misses)


def predict_stories(coder: Any, articles: Sequence[Article],
                    progress: Callable[[int], None] | None = None) -> list[list[Event]]:
    """Code each story with ``coder.pipe``; events in the order of ``articles``."""
    by_id: dict[str, list[Event]] = {}
    for article, events in coder.pipe(list(articles)):
        by_id[article.id] = list(events)
        if progress:
            progress(1)
    return [by_id.get(a.id, []) for a in articles]
