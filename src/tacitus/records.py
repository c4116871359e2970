"""The records tacitus reads and writes: Article in, Entity and Event out.

Field names of Event follow PLOVER (see docs/records.md); tacitus additions
are documented there too.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any


#: what separates a title from the text it heads: the title is a sentence of its own
TITLE_SEPARATOR = "\n\n"


def title_head(title: str | None) -> str:
    """The text put before an article's text so that its title is coded too: an
    event of the title has sentence -1 and offsets before 0, which are offsets
    into this head counted back from its end (``offset + len(title_head(title))``)."""
    title = " ".join((title or "").split())
    return title + TITLE_SEPARATOR if title else ""


@dataclass
class Article:
    """One news article: the unit tacitus codes."""

    id: str
    text: str
    date: str | None = None  # publication date, YYYY-MM-DD
    title: str | None = None
    url: str | None = None
    source: str | None = None  # file the article came from
    line: int | None = None  # line (or record) number in that file

    def content_hash(self) -> str:
        return hashlib.sha1(self.text.encode("utf-8")).hexdigest()


@dataclass
class Entity:
    """One mention of an actor, with the resolved real-world actor it refers to."""

    text: str
    name: str
    country: str | None = None
    sector: str | None = None
    role: str | None = None
    start: int = 0
    end: int = 0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Location:
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    geonameid: int | None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Event:
    """One coded event, as in the record contract of docs/records.md."""

    id: str
    doc_id: str
    sentence: int
    event: str
    mode: str = ""
    context: list[str] = field(default_factory=list)
    cameo: str = ""
    score: float = 0.0
    quad: str = ""
    date: str | None = None
    actor: list[Entity] = field(default_factory=list)
    recipient: list[Entity] = field(default_factory=list)
    eventText: str = ""
    text: str = ""
    location: Location | None = None
    negated: bool = False
    future: bool = False
    hypothetical: bool = False
    attribution: Entity | None = None
    span: tuple[int, int] = (0, 0)
    mentions: list[int] = field(default_factory=list)  # sentences that report the event

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["span"] = list(self.span)
        return d


def event_id(doc_id: str, sentence: int, event: str, trigger_start: int) -> str:
    """A stable id: the same input gives the same id."""
    key = f"{doc_id}\x1f{sentence}\x1f{event}\x1f{trigger_start}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def parse_day(value: Any) -> dt.date | None:
    """A YYYY-MM-DD date (a longer ISO timestamp is cut to its day), or None
    when the value is empty or not a date."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None
