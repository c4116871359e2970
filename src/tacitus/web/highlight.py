"""Spans of an article's text to highlight for its events: actor, recipient,
trigger, place, date, source (attribution).

Actors, recipients and the attribution carry character offsets in the event
record; the trigger words, the place name and the date expression are found
in the event's sentence span (the record keeps them as text).
"""
from __future__ import annotations

import re
from typing import Any, Iterable

from ..records import title_head

_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_MONTH_ABBR = r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec"
DATE_WORDS = re.compile(
    r"\b(?:(?:last|this|next|on|early|late)\s+)?"
    r"(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:\s+(?:morning|afternoon|evening|night))?"
    rf"|(?:{_MONTHS}|(?:{_MONTH_ABBR})\.?)(?:\s+\d{{1,2}}(?:st|nd|rd|th)?)?(?:,?\s+\d{{4}})?"
    r"|\d{1,2}\s+(?:" + _MONTHS + r")(?:\s+\d{4})?"
    r"|today|yesterday|tomorrow|tonight|(?:last|this|next)\s+(?:week|month|year|weekend)"
    r"|(?:in\s+)?(?:19|20)\d{2})\b"
)


def _find(text: str, needle: str | None, lo: int, hi: int) -> tuple[int, int] | None:
    if not needle:
        return None
    i = text.find(needle, lo, hi)
    if i < 0:
        i = text.lower().find(needle.lower(), lo, hi)
    return (i, i + len(needle)) if i >= 0 else None


def _entities(value: Any) -> Iterable[dict]:
    if value is None:
        return []
    if isinstance(value, dict):
        return [value]
    return value


def in_title(event: dict[str, Any]) -> bool:
    """Whether the event was coded from the article's title (sentence -1, a span
    before offset 0: see ``tacitus.records.title_head``)."""
    span = event.get("span")
    return bool(span) and int(span[1]) <= 0


def event_marks(text: str, event: dict[str, Any], index: int,
                title: str | None = None) -> list[dict[str, Any]]:
    """The highlighted spans of one event (a stored row or a record dict) in
    ``text``; an event of the title is marked in ``title`` instead (its marks
    carry ``"part": "title"``), and in neither when the title is not given."""
    if in_title(event):
        if not title:
            return []
        head = title_head(title)
        marks = _marks(head, event, index, shift=len(head))
        for mark in marks:
            mark["part"] = "title"
        return marks
    return _marks(text, event, index, shift=0)


def _marks(text: str, event: dict[str, Any], index: int, shift: int) -> list[dict[str, Any]]:
    span = event.get("span") or [-shift, len(text) - shift]
    lo, hi = max(0, int(span[0]) + shift), min(len(text), int(span[1]) + shift)
    marks = []

    def add(kind: str, start: int | None, end: int | None) -> None:
        if start is None or end is None:
            return
        start, end = start + shift, end + shift
        if not (0 <= start < end <= len(text)):
            return
        marks.append({"start": start, "end": end, "kind": kind, "event": index})

    for kind in ("actor", "recipient"):
        for entity in _entities(event.get(kind)):
            add(kind, entity.get("start"), entity.get("end"))
    attribution = event.get("attribution")
    if attribution:
        add("source", attribution.get("start"), attribution.get("end"))
    trigger = _find(text, event.get("eventText"), lo, hi)
    if trigger:
        add("trigger", trigger[0] - shift, trigger[1] - shift)
    location = event.get("location") or {}
    place = _find(text, location.get("name"), lo, hi)
    if place:
        add("place", place[0] - shift, place[1] - shift)
    if event.get("date"):
        date = DATE_WORDS.search(text, lo, hi)
        if date:
            add("date", date.start() - shift, date.end() - shift)
    return marks


def article_marks(text: str, events: list[dict[str, Any]],
                  title: str | None = None) -> list[dict[str, Any]]:
    """Non-overlapping marks for all events of an article, in text order (an earlier
    or longer mark wins over one that overlaps it); the marks of the title's events
    (``"part": "title"``) come first."""
    candidates = [m for i, e in enumerate(events) for m in event_marks(text, e, i, title)]
    candidates.sort(key=lambda m: (m.get("part") != "title", m["start"], -(m["end"] - m["start"])))
    kept, end, part = [], -1, None
    for mark in candidates:
        if mark.get("part") != part:
            part, end = mark.get("part"), -1
        if mark["start"] >= end:
            kept.append(mark)
            end = mark["end"]
    return kept
