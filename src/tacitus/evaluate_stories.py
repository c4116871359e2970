"""Story-level scoring for ``tacitus eval``: whole events, as an analyst uses them.

An event record is used whole, so events are scored at three levels, each a
one-to-one matching of the predicted events of a story to its gold events:

- ``type``: same PLOVER type and a shared actor country;
- ``dyad``: also a shared recipient country;
- ``full``: also the same date, or one day apart (a gold date of null needs a
  predicted null: an undated event written with a day is a wrong record).

A side (actor or recipient) agrees when the two lists share a country code,
or when both are empty. Each level is matched on its own, as a maximum
matching (of the largest matchings, the one that pairs most gold events with
a prediction whose sentence holds their quote), so the counts at each level are as high as the
pairing allows and never rise from type to dyad to full. Unmatched gold events
are false negatives, unmatched predictions false positives: an event written
twice is one true positive and one false positive, as it is for a user.

Over the full matches: place accuracy, by country (gold and predicted place in
the same country, or both without a place) and by name (the same place name,
compared without case, accents and punctuation; a gold name written as
"town, region" also matches its town). Key recall: the share of
gold events marked ``key`` matched at each level.

The same measure compares two codings of the same stories
(:func:`score_agreement`): one is taken as gold, the other as prediction. The
counts of matches are the same either way round, so F1 is symmetric;
precision and recall swap.
"""
from __future__ import annotations

import unicodedata
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from typing import Any, Callable, Iterable, Mapping, Sequence

import numpy as np
from scipy.optimize import linear_sum_assignment

from .evaluate_gold import GoldEvent, GoldStory
from .evaluate_metrics import Rate, TypeFigures, TypeScore, event_summary
from .records import Article, Event, parse_day

LEVELS = ("type", "dyad", "full")


@dataclass(frozen=True)
class Scored:
    """One event as the measure sees it (a predicted event or a gold event)."""

    event: str
    actors: frozenset[str]
    recipients: frozenset[str]
    date: str | None
    place: tuple[str, str] | None  # (name, country)
    text: str  # the sentence of a prediction, the quote of a gold event
    span: tuple[int, int] | None  # character offsets of ``text`` in the story
    key: bool = False
    source: Any = None  # the Event or GoldEvent

    @classmethod
    def of_event(cls, event: Event) -> "Scored":
        loc = event.location
        return cls(event=event.event, actors=_countries(event.actor),
                   recipients=_countries(event.recipient), date=event.date,
                   place=(loc.name or "", loc.country or "") if loc else None,
                   text=event.text or "", span=tuple(event.span) if event.span else None,
                   source=event)

    @classmethod
    def of_gold(cls, gold: GoldEvent, story_text: str | None = None) -> "Scored":
        span = None
        if story_text and gold.quote:
            at = story_text.find(gold.quote)
            if at >= 0:
                span = (at, at + len(gold.quote))
        place = (gold.place.name, gold.place.country) if gold.place else None
        return cls(event=gold.event, actors=frozenset(gold.actor),
                   recipients=frozenset(gold.recipient), date=gold.date, place=place,
                   text=gold.quote, span=span, key=gold.key, source=gold)


def _countries(entities: Iterable[Any]) -> frozenset[str]:
    return frozenset(e.country for e in entities if e.country)


def sides_agree(gold: frozenset[str], predicted: frozenset[str]) -> bool:
    """A shared country code, or no country on either side."""
    return bool(gold & predicted) if gold else not predicted


def dates_agree(gold: str | None, predicted: str | None) -> bool:
    """Equal or one day apart; a null gold date needs a null prediction."""
    if gold is None or predicted is None:
        return gold is None and predicted is None
    g, p = parse_day(gold), parse_day(predicted)
    return g is not None and p is not None and abs((g - p).days) <= 1


def agrees(level: str, gold: Scored, predicted: Scored) -> bool:
    """Whether ``predicted`` can stand for ``gold`` at ``level``."""
    if gold.event != predicted.event or not sides_agree(gold.actors, predicted.actors):
        return False
    if level == "type":
        return True
    if not sides_agree(gold.recipients, predicted.recipients):
        return False
    return level == "dyad" or dates_agree(gold.date, predicted.date)


def _normal_name(name: str) -> str:
    text = unicodedata.normalize("NFKD", name).casefold()
    text = "".join(c for c in text if c.isalnum() or c == " ")
    words = text.split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def place_hits(gold: Scored, predicted: Scored) -> tuple[bool, bool]:
    """(country hit, name hit) of a full match's place."""
    if gold.place is None or predicted.place is None:
        both_none = gold.place is None and predicted.place is None
        return both_none, both_none
    name = _normal_name(predicted.place[0])
    gold_names = {_normal_name(gold.place[0]), _normal_name(gold.place[0].split(",")[0])}
    return gold.place[1] == predicted.place[1], bool(gold.place[0]) and name in gold_names


def _holds_quote(gold: Scored, predicted: Scored) -> bool:
    if not gold.text:
        return False
    if gold.text in predicted.text or (predicted.text and predicted.text in gold.text):
        return True
    if gold.span is None or predicted.span is None:
        return False
    return gold.span[0] < predicted.span[1] and predicted.span[0] < gold.span[1]


def match(level: str, gold: Sequence[Scored], predicted: Sequence[Scored]) -> dict[int, int]:
    """A maximum one-to-one matching at ``level``: gold index -> predicted index.

    Of the matchings with the most pairs, the one with the most pairs whose
    predicted sentence holds the gold quote: a prediction that two gold events
    could take goes to the one it reports, whichever comes first in the story.
    """
    if not gold or not predicted:
        return {}
    big = len(gold) + 1  # one more pair always outweighs every quote preference
    weight = np.zeros((len(gold), len(predicted)))
    for gi, g in enumerate(gold):
        for pi, p in enumerate(predicted):
            if agrees(level, g, p):
                weight[gi, pi] = big + _holds_quote(g, p)
    rows, cols = linear_sum_assignment(weight, maximize=True)
    return {int(gi): int(pi) for gi, pi in zip(rows, cols) if weight[gi, pi] > 0}


def match_story(gold: Sequence[GoldEvent], predicted: Sequence[Event],
                text: str | None = None, level: str = "type") -> list[tuple[int, int]]:
    """(gold index, predicted index) pairs of a story at ``level``."""
    pairs = match(level, [Scored.of_gold(g, text) for g in gold],
                  [Scored.of_event(p) for p in predicted])
    return sorted(pairs.items())


@dataclass
class StoryMiss:
    """One error of a story at one level.

    ``kind`` is "missed" (a gold event with no prediction of its type and
    actor), "extra" (a prediction matching no gold event at the type level),
    "recipient" (matched at type, not at dyad: ``predicted`` is its type-level
    partner), "date" (matched at dyad, not in full) or "place" (a full match
    with the wrong place).
    """

    story: str
    level: str
    kind: str
    gold: GoldEvent | None
    predicted: Event | GoldEvent | None

    def to_dict(self) -> dict[str, Any]:
        p = self.predicted
        return {
            "story": self.story, "level": self.level, "kind": self.kind,
            "gold": asdict(self.gold) if self.gold else None,
            "predicted": (event_summary(p) if isinstance(p, Event)
                          else asdict(p) if p is not None else None),
            "sentence": p.text if isinstance(p, Event) else (p.quote if p else None),
        }


@dataclass
class StoryReport(TypeFigures):
    """All figures of a story-level evaluation.

    ``per_type`` (and so micro/macro F1) counts at the type level; ``levels``
    holds the pooled counts of each level, ``key_recall`` its key recall.
    """

    per_type: dict[str, TypeScore]
    levels: dict[str, TypeScore]
    key_recall: dict[str, Rate]
    place_country: Rate
    place_name: Rate
    stories: int = 0
    misses: list[StoryMiss] = field(default_factory=list)
    #: the counts of each story at each level, in the order scored (for
    #: intervals by resampling stories: tacitus.evaluate_intervals)
    per_story: list[dict[str, TypeScore]] = field(default_factory=list)

    @property
    def errors(self) -> list[StoryMiss]:
        return self.misses

    def level_figures(self) -> dict[str, Any]:
        return {level: {**{k: v for k, v in s.to_dict().items() if k != "support"},
                        "key_recall": self.key_recall[level].to_dict()}
                for level, s in self.levels.items()}

    def to_dict(self) -> dict[str, Any]:
        return {
            "level": "story",
            "stories": self.stories,
            "gold_events": self.levels["type"].support,
            "levels": self.level_figures(),
            "place_country_accuracy": self.place_country.to_dict(),
            "place_name_accuracy": self.place_name.to_dict(),
            **self.type_figures(),
            "errors": [m.to_dict() for m in self.misses],
        }


def _score(stories: Sequence[tuple[str, list[Scored], list[Scored]]]) -> StoryReport:
    per_type: dict[str, TypeScore] = defaultdict(TypeScore)
    levels = {level: TypeScore() for level in LEVELS}
    key_recall = {level: Rate() for level in LEVELS}
    place_country, place_name = Rate(), Rate()
    misses: list[StoryMiss] = []
    per_story: list[dict[str, TypeScore]] = []
    for sid, gold, predicted in stories:
        pairs = {level: match(level, gold, predicted) for level in LEVELS}
        counts = {level: TypeScore(tp=len(pair), fp=len(predicted) - len(pair),
                                   fn=len(gold) - len(pair)) for level, pair in pairs.items()}
        per_story.append(counts)
        for level, pair in pairs.items():
            s = levels[level]
            s.tp += counts[level].tp
            s.fn += counts[level].fn
            s.fp += counts[level].fp
            for gi, g in enumerate(gold):
                if g.key:
                    key_recall[level].add(gi in pair)
        type_pairs = pairs["type"]
        for gi, g in enumerate(gold):
            if gi in type_pairs:
                per_type[g.event].tp += 1
            else:
                per_type[g.event].fn += 1
                misses.append(StoryMiss(sid, "type", "missed", g.source, None))
        matched = set(type_pairs.values())
        for pi, p in enumerate(predicted):
            if pi not in matched:
                per_type[p.event].fp += 1
                misses.append(StoryMiss(sid, "type", "extra", None, p.source))
        for level, previous, kind in (("dyad", "type", "recipient"), ("full", "dyad", "date")):
            for gi, pi in sorted(pairs[previous].items()):
                if gi not in pairs[level]:
                    misses.append(StoryMiss(sid, level, kind, gold[gi].source,
                                            predicted[pi].source))
        for gi, pi in sorted(pairs["full"].items()):
            country_hit, name_hit = place_hits(gold[gi], predicted[pi])
            place_country.add(country_hit)
            place_name.add(name_hit)
            if not (country_hit and name_hit):
                misses.append(StoryMiss(sid, "full", "place", gold[gi].source,
                                        predicted[pi].source))
    return StoryReport(per_type=dict(per_type), levels=levels, key_recall=key_recall,
                       place_country=place_country, place_name=place_name,
                       stories=len(stories), misses=misses, per_story=per_story)


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
    texts = texts or {}
    return _score([(s.id, [Scored.of_gold(g, texts.get(s.id)) for g in s.events],
                    [Scored.of_event(e) for e in events])
                   for s, events in zip(golds, predictions)])


def score_agreement(first: Iterable[GoldStory], second: Iterable[GoldStory],
                    texts: Mapping[str, str] | None = None) -> StoryReport:
    """Score the ``second`` coding of stories against the ``first``, on the
    stories both code (the other stories are ignored)."""
    texts = texts or {}
    others = {s.id: s for s in second}
    return _score([(s.id, [Scored.of_gold(g, texts.get(s.id)) for g in s.events],
                    [Scored.of_gold(g, texts.get(s.id)) for g in others[s.id].events])
                   for s in first if s.id in others])


def predict_stories(coder: Any, articles: Sequence[Article],
                    progress: Callable[[int], None] | None = None) -> list[list[Event]]:
    """Code each story with ``coder.pipe``; events in the order of ``articles``."""
    by_id: dict[str, list[Event]] = {}
    for article, events in coder.pipe(list(articles)):
        by_id[article.id] = list(events)
        if progress:
            progress(1)
    return [by_id.get(a.id, []) for a in articles]
