"""Random event records written to the store come back unchanged."""
from __future__ import annotations

import io
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tacitus.records import Article, Entity, Event, Location
from tacitus.store import export, ingest_items, open_store

text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)
maybe_text = st.none() | text
int32 = st.integers(-(2**31), 2**31 - 1)
coord = st.floats(-180, 180, allow_nan=False)

entities = st.builds(Entity, text=text, name=text, country=maybe_text, sector=maybe_text,
                     role=maybe_text, start=int32, end=int32)
locations = st.builds(Location, name=text, country=maybe_text, lat=st.none() | coord,
                      lon=st.none() | coord, geonameid=st.none() | st.integers(0, 2**62))
events = st.builds(
    Event,
    id=st.text("0123456789abcdef", min_size=1, max_size=16),
    doc_id=st.just("doc"),
    sentence=st.integers(0, 10_000),
    event=st.sampled_from(["ACCUSE", "AGREE", "ASSAULT", "PROTEST"]),
    mode=text,
    context=st.lists(text, max_size=3),
    cameo=text,
    score=st.floats(-10, 10, allow_nan=False),
    quad=text,
    date=st.none() | st.dates().map(lambda d: d.isoformat()),
    actor=st.lists(entities, max_size=3),
    recipient=st.lists(entities, max_size=3),
    eventText=text,
    text=text,
    location=st.none() | locations,
    negated=st.booleans(),
    future=st.booleans(),
    hypothetical=st.booleans(),
    attribution=st.none() | entities,
    span=st.tuples(int32, int32),
)


class GivenEvents:
    def __init__(self, events):
        self.events = events

    def pipe(self, articles, processes=1, on_error=None):
        for article in articles:
            yield article, self.events


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(events, max_size=4, unique_by=lambda e: e.id))
def test_store_round_trips_event_records(records):
    con = open_store(":memory:")
    ingest_items(con, [Article(id="doc", text="some text", date="2024-01-31")], GivenEvents(records))
    out = io.StringIO()
    export(con, "jsonl", out)
    con.close()
    back = [json.loads(line) for line in out.getvalue().split("\n") if line]
    from tacitus.store.export import RECORD_EXTRA

    for record in back:
        assert record["published"] == "2024-01-31"
        for key in RECORD_EXTRA:
            del record[key]
    expected = [json.loads(json.dumps(e.to_dict())) for e in records]
    key = lambda r: r["id"]  # noqa: E731
    assert sorted(back, key=key) == sorted(expected, key=key)
