"""Gold standards for ``tacitus eval``: reading and checking them.

Two formats, one JSON object a line:

- sentence-level (PLOVER GSR, ``../shared/data/plover-gsr/dev.jsonl``): ``id``,
  ``text``, ``event``, ``mode`` and ``actor``/``recipient`` as lists of
  ``{"text", "country", "sector"}``; one gold event a sentence.
- story-level (the project's VOA gold): ``id`` (a story id of
  ``voa/stories.jsonl``) and ``events``, a list of ``{"event", "mode",
  "actor": [country, ...], "recipient": [...], "date", "quote", "key"}``.

A bad line does not stop the reading: it becomes a :class:`GoldLineError`
in ``GoldSet.problems`` (file and line number in the message) and the other
lines are still scored.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import InputError, TacitusError
from .ontology import plover_types
from .records import Article

SENTENCE_FORMAT = "sentence"
STORY_FORMAT = "story"

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class GoldError(TacitusError):
    """A gold file cannot be used at all (empty, unknown format)."""

    code = "E310"


class GoldLineError(TacitusError):
    """One line of a gold file is malformed; the other lines are still scored."""

    code = "E311"

    def __init__(self, path: str, line: int, problem: str):
        super().__init__(f"{path}, line {line}: {problem}; fix or remove the line")
        self.path = path
        self.line = line
        self.problem = problem


@dataclass
class GoldActor:
    """One gold actor or recipient of a sentence-level record."""

    text: str = ""
    country: str = ""
    sector: str = ""


@dataclass
class GoldSentence:
    """A sentence-level gold record: one sentence, one gold event."""

    id: str
    text: str
    event: str
    mode: str = ""
    actor: list[GoldActor] = field(default_factory=list)
    recipient: list[GoldActor] = field(default_factory=list)
    line: int | None = None

    @classmethod
    def from_dict(cls, d: dict[str, Any], line: int | None = None) -> "GoldSentence":
        """Build from a parsed JSON line; raises ValueError saying what is wrong."""
        for key in ("id", "text", "event"):
            if not isinstance(d.get(key), str) or not d[key].strip():
                raise ValueError(f'"{key}" must be a non-empty string')
        _check_type(d["event"])
        mode = d.get("mode") or ""
        if not isinstance(mode, str):
            raise ValueError('"mode" must be a string')
        return cls(
            id=d["id"], text=d["text"], event=d["event"], mode=mode,
            actor=_gold_actors(d.get("actor"), "actor"),
            recipient=_gold_actors(d.get("recipient"), "recipient"),
            line=line,
        )


@dataclass
class GoldPlace:
    """Where a gold event happens: a place name and the alpha-3 code of its country."""

    name: str = ""
    country: str = ""

    @classmethod
    def from_value(cls, value: Any) -> "GoldPlace | None":
        if value is None:
            return None
        if not isinstance(value, dict):
            raise ValueError('"place" must be {"name", "country"} or null')
        name, country = value.get("name") or "", value.get("country") or ""
        if not isinstance(name, str) or not isinstance(country, str):
            raise ValueError('"place" name and country must be strings')
        return cls(name=name, country=country)


@dataclass
class GoldEvent:
    """One event of a story-level gold record."""

    event: str
    actor: list[str] = field(default_factory=list)  # country codes
    recipient: list[str] = field(default_factory=list)
    mode: str = ""
    date: str | None = None
    quote: str = ""
    key: bool = False
    actor_name: str = ""
    recipient_name: str = ""
    actor_sector: str = ""
    recipient_sector: str = ""
    place: GoldPlace | None = None

    @classmethod
    def from_dict(cls, d: Any) -> "GoldEvent":
        if not isinstance(d, dict):
            raise ValueError("an event must be a JSON object")
        if not isinstance(d.get("event"), str):
            raise ValueError('"event" must be a string')
        _check_type(d["event"])
        date = d.get("date")
        if date is not None and (not isinstance(date, str) or not _ISO_DATE.match(date)):
            raise ValueError(f'"date" must be YYYY-MM-DD or null, not {date!r}')
        quote = d.get("quote") or ""
        if not isinstance(quote, str):
            raise ValueError('"quote" must be a string')
        return cls(
            event=d["event"], actor=_codes(d.get("actor"), "actor"),
            recipient=_codes(d.get("recipient"), "recipient"),
            mode=d.get("mode") or "", date=date, quote=quote, key=bool(d.get("key", False)),
            actor_name=_text(d, "actor_name"), recipient_name=_text(d, "recipient_name"),
            actor_sector=_text(d, "actor_sector"), recipient_sector=_text(d, "recipient_sector"),
            place=GoldPlace.from_value(d.get("place")),
        )


@dataclass
class GoldStory:
    """A story-level gold record: every event a careful coder records in one story."""

    id: str
    events: list[GoldEvent] = field(default_factory=list)
    line: int | None = None

    @classmethod
    def from_dict(cls, d: dict[str, Any], line: int | None = None) -> "GoldStory":
        if d.get("id") is None or not str(d["id"]).strip():
            raise ValueError('"id" must be a story id')
        if not isinstance(d.get("events"), list):
            raise ValueError('"events" must be a list')
        events = []
        for i, e in enumerate(d["events"]):
            try:
                events.append(GoldEvent.from_dict(e))
            except ValueError as err:
                raise ValueError(f"event {i + 1}: {err}") from None
        return cls(id=str(d["id"]), events=events, line=line)


@dataclass
class GoldSet:
    """The readable records of a gold file, and the problems of the others."""

    path: str
    format: str  # SENTENCE_FORMAT or STORY_FORMAT
    records: list[Any]  # GoldSentence or GoldStory
    problems: list[GoldLineError] = field(default_factory=list)


def detect_format(d: dict[str, Any]) -> str | None:
    """The gold format of one parsed line, or None if it is neither."""
    if "events" in d:
        return STORY_FORMAT
    if "text" in d and "event" in d:
        return SENTENCE_FORMAT
    return None


def load_gold(path: str | Path) -> GoldSet:
    """Read a gold file, detecting its format from its first readable line."""
    p = Path(path)
    try:
        lines = p.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise InputError(f"{p}: gold file not found; give the path of a gold .jsonl file") from None
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(f"{p}: cannot read the gold file ({err})") from None
    fmt: str | None = None
    records: list[Any] = []
    problems: list[GoldLineError] = []
    for n, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        try:
            d = json.loads(raw)
        except json.JSONDecodeError as err:
            problems.append(GoldLineError(str(p), n, f"not valid JSON ({err.msg})"))
            continue
        if not isinstance(d, dict):
            problems.append(GoldLineError(str(p), n, "not a JSON object"))
            continue
        line_fmt = detect_format(d)
        if line_fmt is None:
            problems.append(GoldLineError(
                str(p), n, 'neither a sentence record ("text" and "event") '
                'nor a story record ("events")'))
            continue
        if fmt is None:
            fmt = line_fmt
        if line_fmt != fmt:
            problems.append(GoldLineError(
                str(p), n, f"a {line_fmt}-level record in a {fmt}-level gold file"))
            continue
        cls = GoldSentence if fmt == SENTENCE_FORMAT else GoldStory
        try:
            records.append(cls.from_dict(d, line=n))
        except ValueError as err:
            problems.append(GoldLineError(str(p), n, str(err)))
    if fmt is None:
        raise GoldError(f"{p}: no readable gold record; expected JSON lines with "
                        '"text" and "event" (sentence-level) or "events" (story-level)')
    return GoldSet(path=str(p), format=fmt, records=records, problems=problems)


def load_story_articles(path: str | Path, ids: set[str] | None = None) -> dict[str, Article]:
    """Story texts by id from a ``stories.jsonl`` file (id, text, published)."""
    p = Path(path)
    if not p.is_file():
        raise InputError(f"{p}: stories file not found; story-level gold needs the story "
                         "texts: give them with --stories PATH")
    articles: dict[str, Article] = {}
    for n, raw in enumerate(p.read_text(encoding="utf-8").splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            d = json.loads(raw)
            sid, text = str(d["id"]), d["text"]
        except (json.JSONDecodeError, KeyError, TypeError) as err:
            raise InputError(f"{p}, line {n}: not a story with \"id\" and \"text\" ({err})") from None
        if ids is not None and sid not in ids:
            continue
        published = d.get("published") or d.get("date")
        date = published[:10] if isinstance(published, str) and _ISO_DATE.match(published[:10]) else None
        articles[sid] = Article(id=sid, text=text, date=date, title=d.get("title"),
                                url=d.get("url"), source=str(p), line=n)
    return articles


def check_stories(gold: GoldSet, articles: dict[str, Article]) -> list[GoldLineError]:
    """Problems of story gold against the texts: unknown story ids, quotes not in the text."""
    problems = []
    for story in gold.records:
        article = articles.get(story.id)
        if article is None:
            problems.append(GoldLineError(gold.path, story.line or 0,
                                          f"story {story.id!r} is not in the stories file"))
            continue
        for i, e in enumerate(story.events, start=1):
            if e.quote and e.quote not in article.text:
                problems.append(GoldLineError(
                    gold.path, story.line or 0,
                    f"event {i}: quote {e.quote[:60]!r} is not an exact substring of the story"))
    return problems


def _check_type(event: str) -> None:
    types = plover_types()
    if event not in types:
        raise ValueError(f'"event" {event!r} is not a PLOVER type ({", ".join(types)})')


def _gold_actors(value: Any, key: str) -> list[GoldActor]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise ValueError(f'"{key}" must be a list of {{"text", "country", "sector"}}')
    out = []
    for a in value:
        if not isinstance(a, dict):
            raise ValueError(f'"{key}" entries must be objects with "country" and "sector"')
        country, sector = a.get("country") or "", a.get("sector") or ""
        if not isinstance(country, str) or not isinstance(sector, str):
            raise ValueError(f'"{key}" country and sector must be strings')
        out.append(GoldActor(text=str(a.get("text") or ""), country=country, sector=sector))
    return out


def _text(d: dict[str, Any], key: str) -> str:
    value = d.get(key) or ""
    if not isinstance(value, str):
        raise ValueError(f'"{key}" must be a string')
    return value


def _codes(value: Any, key: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(c, str) for c in value):
        raise ValueError(f'"{key}" must be a list of country codes')
    return [c for c in value if c]
