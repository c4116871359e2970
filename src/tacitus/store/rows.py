"""Turning Article/Event records into Arrow tables for the store, and back."""
from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any, Iterable

import pyarrow as pa

from ..records import Article, Entity, Event, Location, parse_day

ENTITY = pa.struct(
    [
        ("text", pa.string()),
        ("name", pa.string()),
        ("country", pa.string()),
        ("sector", pa.string()),
        ("role", pa.string()),
        ("start", pa.int32()),
        ("end", pa.int32()),
    ]
)
LOCATION = pa.struct(
    [
        ("name", pa.string()),
        ("country", pa.string()),
        ("lat", pa.float64()),
        ("lon", pa.float64()),
        ("geonameid", pa.int64()),
    ]
)
EVENTS = pa.schema(
    [
        ("id", pa.string()),
        ("doc_id", pa.string()),
        ("sentence", pa.int32()),
        ("event", pa.string()),
        ("mode", pa.string()),
        ("context", pa.list_(pa.string())),
        ("cameo", pa.string()),
        ("score", pa.float64()),
        ("quad", pa.string()),
        ("date", pa.date32()),
        ("actor", pa.list_(ENTITY)),
        ("recipient", pa.list_(ENTITY)),
        ("eventText", pa.string()),
        ("text", pa.string()),
        ("location", LOCATION),
        ("negated", pa.bool_()),
        ("future", pa.bool_()),
        ("hypothetical", pa.bool_()),
        ("attribution", ENTITY),
        ("span", pa.list_(pa.int32())),
        ("actor_name", pa.string()),
        ("actor_country", pa.string()),
        ("actor_sector", pa.string()),
        ("recipient_name", pa.string()),
        ("recipient_country", pa.string()),
        ("recipient_sector", pa.string()),
        ("event_day", pa.date32()),
        ("group_key", pa.string()),
        ("cluster_id", pa.string()),
    ]
)
MENTIONS = pa.schema(
    [
        ("entity_id", pa.string()),
        ("doc_id", pa.string()),
        ("event_id", pa.string()),
        ("role", pa.string()),
        ("text", pa.string()),
        ("sector", pa.string()),
        ("title", pa.string()),
        ("start", pa.int32()),
        ("end", pa.int32()),
    ]
)
ENTITIES = pa.schema([("id", pa.string()), ("name", pa.string()), ("country", pa.string())])


def _field(obj: Any, name: str, default: Any = None) -> Any:
    if isinstance(obj, dict):
        return obj.get(name, default)
    return getattr(obj, name, default)


def entity_dict(ent: Any) -> dict[str, Any] | None:
    if ent is None:
        return None
    return {k: _field(ent, k) for k in ("text", "name", "country", "sector", "role", "start", "end")}


def entity_id(name: str, country: str | None) -> str:
    return hashlib.sha1(f"{name}\x1f{country or ''}".encode("utf-8")).hexdigest()[:16]


def _entity_key(ent: dict[str, Any]) -> str:
    """The resolved actor for clustering: country and sector when coded, else the name."""
    if ent.get("country"):
        return f"{ent['country']}:{ent.get('sector') or ''}"
    return (ent.get("name") or ent.get("text") or "").lower()


def group_key(event: str, actors: list[dict], recipients: list[dict], day: dt.date | None, eid: str) -> str:
    """Events with the same key are candidates for one cluster (place is checked later)."""
    a = "+".join(sorted({_entity_key(e) for e in actors}))
    r = "+".join(sorted({_entity_key(e) for e in recipients}))
    d = day.isoformat() if day else f"undated:{eid}"
    return hashlib.sha1(f"{event}\x1f{a}\x1f{r}\x1f{d}".encode("utf-8")).hexdigest()[:16]


def event_rows(article: Article, events: Iterable[Event]) -> tuple[list[dict], list[dict], dict[str, dict]]:
    """Rows for the events, mentions and entities tables from one coded article."""
    published = parse_day(article.date)
    ev_rows, mention_rows, entities = [], [], {}
    for ev in events:
        actors = [entity_dict(e) for e in (_field(ev, "actor") or [])]
        recipients = [entity_dict(e) for e in (_field(ev, "recipient") or [])]
        attribution = entity_dict(_field(ev, "attribution"))
        loc = _field(ev, "location")
        location = None if loc is None else {
            k: _field(loc, k) for k in ("name", "country", "lat", "lon", "geonameid")
        }
        eid = _field(ev, "id")
        day = parse_day(_field(ev, "date"))
        event_day = day or published
        first_a = actors[0] if actors else {}
        first_r = recipients[0] if recipients else {}
        span = _field(ev, "span")
        ev_rows.append(
            {
                "id": eid,
                "doc_id": article.id,
                "sentence": _field(ev, "sentence"),
                "event": _field(ev, "event"),
                "mode": _field(ev, "mode") or "",
                "context": list(_field(ev, "context") or []),
                "cameo": _field(ev, "cameo") or "",
                "score": _field(ev, "score"),
                "quad": _field(ev, "quad") or "",
                "date": day,
                "actor": actors,
                "recipient": recipients,
                "eventText": _field(ev, "eventText") or "",
                "text": _field(ev, "text") or "",
                "location": location,
                "negated": bool(_field(ev, "negated")),
                "future": bool(_field(ev, "future")),
                "hypothetical": bool(_field(ev, "hypothetical")),
                "attribution": attribution,
                "span": list(span) if span is not None else None,
                "actor_name": first_a.get("name"),
                "actor_country": first_a.get("country"),
                "actor_sector": first_a.get("sector"),
                "recipient_name": first_r.get("name"),
                "recipient_country": first_r.get("country"),
                "recipient_sector": first_r.get("sector"),
                "event_day": event_day,
                "group_key": group_key(_field(ev, "event"), actors, recipients, event_day, eid),
                "cluster_id": eid,
            }
        )
        roles = [("actor", e) for e in actors] + [("recipient", e) for e in recipients]
        if attribution is not None:
            roles.append(("attribution", attribution))
        for role, ent in roles:
            name = ent.get("name") or ent.get("text") or ""
            ent_id = entity_id(name, ent.get("country"))
            entities.setdefault(ent_id, {"id": ent_id, "name": name, "country": ent.get("country")})
            mention_rows.append(
                {
                    "entity_id": ent_id,
                    "doc_id": article.id,
                    "event_id": eid,
                    "role": role,
                    "text": ent.get("text"),
                    "sector": ent.get("sector"),
                    "title": ent.get("role"),
                    "start": ent.get("start"),
                    "end": ent.get("end"),
                }
            )
    return ev_rows, mention_rows, entities


def table(rows: list[dict], schema: pa.Schema) -> pa.Table:
    return pa.Table.from_pylist(rows, schema=schema)


def event_from_row(row: dict[str, Any]) -> Event:
    """An Event record from a row of the events table (the store's round trip)."""

    def ent(d: dict | None) -> Entity | None:
        return None if d is None else Entity(**{k: d[k] for k in ("text", "name", "country", "sector", "role", "start", "end")})

    loc = row.get("location")
    span = row.get("span")
    return Event(
        id=row["id"],
        doc_id=row["doc_id"],
        sentence=row["sentence"],
        event=row["event"],
        mode=row["mode"] or "",
        context=list(row["context"] or []),
        cameo=row["cameo"] or "",
        score=row["score"],
        quad=row["quad"] or "",
        date=row["date"].isoformat() if row.get("date") else None,
        actor=[ent(e) for e in row["actor"] or []],
        recipient=[ent(e) for e in row["recipient"] or []],
        eventText=row["eventText"] or "",
        text=row["text"] or "",
        location=None if loc is None else Location(**loc),
        negated=bool(row["negated"]),
        future=bool(row["future"]),
        hypothetical=bool(row["hypothetical"]),
        attribution=ent(row.get("attribution")),
        span=tuple(span) if span is not None else (0, 0),
    )
