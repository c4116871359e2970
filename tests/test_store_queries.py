"""Queries and exports over a small store filled with hand-built events."""
from __future__ import annotations

import csv
import io
import json

import duckdb
import pytest

from tacitus.errors import StoreError
from tacitus.ontology import quad
from tacitus.records import Article, Entity, Event, Location
from tacitus.store import actors, dyads, events, export, ingest_items, open_store, run_sql
from tacitus.store.browse import places as browse_places
from tacitus.store.schema import MENTION_EVENT_COLUMNS
from tacitus.store.search import sort_if_due


def ev(doc: str, n: int, kind: str, actor: tuple, recipient: tuple, date: str, score: float,
       place: tuple | None = ("Kyiv", 50.45, 30.52), negated: bool = False) -> Event:
    return Event(
        id=f"{doc}-{n}", doc_id=doc, sentence=n, event=kind, cameo="112", score=score, date=date, quad=quad(kind),
        actor=[Entity(actor[0], actor[1], actor[2], "GOV", "minister", 0, 5)],
        recipient=[Entity(recipient[0], recipient[1], recipient[2], "GOV", None, 10, 15)],
        location=None if place is None else Location(place[0], "UKR", place[1], place[2], 703448),
        text=f"{actor[0]} {kind.lower()}s {recipient[0]}", negated=negated, span=(0, 20),
    )


RUS = ("Lavrov", "Sergey Lavrov", "RUS")
RUS2 = ("the Kremlin", "Kremlin", "RUS")
UKR = ("Kyiv", "Ukraine", "UKR")
CHN = ("Beijing", "China", "CHN")

STORIES = {
    "s1": ("2024-03-04", "Lavrov accuses Kyiv", [ev("s1", 0, "ACCUSE", RUS, UKR, "2024-03-04", -2.0)]),
    "s2": ("2024-03-04", "Russia accuses Ukraine", [ev("s2", 0, "ACCUSE", RUS2, UKR, "2024-03-04", -2.0)]),
    "s3": ("2024-03-06", "China and Russia agree", [
        ev("s3", 0, "AGREE", CHN, RUS, "2024-03-06", 4.0, None),
        ev("s3", 1, "ACCUSE", RUS, UKR, "2024-03-06", -2.0, negated=True)]),
    "s4": ("2024-03-20", "Talks", [ev("s4", 0, "CONSULT", CHN, RUS, "2024-03-20", 1.0, None)]),
}


class StoryCoder:
    def pipe(self, articles, processes=1, on_error=None):
        for a in articles:
            yield a, STORIES[a.id][2]


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("q") / "q.duckdb"
    con = open_store(path)
    items = [Article(id=k, text=f"{v[1]}. Story {k}.", date=v[0], title=v[1], url=f"https://news.example/{k}")
             for k, v in STORIES.items()]
    ingest_items(con, items, StoryCoder(), dedup=False)
    con.close()
    ro = open_store(path, read_only=True)
    yield ro
    ro.close()


def test_store_events_count_clusters_by_default(store):
    clusters = events(store)
    assert len(clusters) == 4  # s1 and s2 report one event
    accuse = [r for r in clusters if r["event"] == "ACCUSE" and r["reports"] == 2]
    assert accuse[0]["sources"] == ["https://news.example/s1", "https://news.example/s2"]
    assert len(events(store, reports=True)) == 5


def test_store_events_filters(store):
    assert {r["doc_id"] for r in events(store, reports=True, actor="rus")} == {"s1", "s2", "s3"}
    assert {r["doc_id"] for r in events(store, reports=True, actor="Lavrov", type="accuse")} == {"s1", "s3"}
    assert {r["doc_id"] for r in events(store, reports=True, recipient="Russia")} == {"s3", "s4"}
    assert {r["doc_id"] for r in events(store, reports=True, since="2024-03-05", until="2024-03-19")} == {"s3"}
    assert {r["doc_id"] for r in events(store, reports=True, text="talks")} == {"s4"}
    with pytest.raises(StoreError, match="YYYY-MM-DD"):
        events(store, since="March")


def test_store_dyads_by_week_count_clusters_and_mean_score(store):
    rows = dyads(store, by="week")
    assert [(str(r["period"]), r["actor"], r["recipient"], r["events"], r["mean_score"]) for r in rows] == [
        ("2024-03-04", "CHN", "RUS", 1, 4.0),
        ("2024-03-04", "RUS", "UKR", 1, -2.0),  # two reports, one event; the negated one left out
        ("2024-03-18", "CHN", "RUS", 1, 1.0),
    ]
    by_reports = dyads(store, by="month", reports=True, include_negated=True)
    assert {(r["actor"], r["events"]) for r in by_reports} == {("CHN", 2), ("RUS", 3)}
    with pytest.raises(StoreError):
        dyads(store, by="fortnight")


def test_store_actors_have_aliases_and_counts(store):
    rows = {r["name"]: r for r in actors(store)}
    assert rows["Ukraine"]["mentions"] == 3 and rows["Ukraine"]["aliases"] == ["Kyiv"]
    assert rows["Sergey Lavrov"]["sector"] == "GOV"
    assert [r["name"] for r in actors(store, name="Russia")] == ["Sergey Lavrov", "Kremlin"]
    assert [r["name"] for r in actors(store, name="lavr")] == ["Sergey Lavrov"]


def test_store_sql_on_a_read_only_store(store):
    assert run_sql(store, "SELECT count(*) AS n FROM articles") == [{"n": 4}]
    with pytest.raises(StoreError, match="read-only"):
        run_sql(store, "DELETE FROM events")


def test_store_export_csv_has_gdelt_like_columns(store):
    out = io.StringIO()
    assert export(store, "csv", out) == 5
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    for column in ("date", "actor1_country", "actor1_sector", "actor1_name", "actor2_country",
                   "event_type", "cameo_code", "score", "quad", "location", "lat", "lon", "source_url"):
        assert column in rows[0]
    assert rows[0]["actor1_name"] == "Sergey Lavrov" and rows[0]["source_url"] == "https://news.example/s1"
    clusters = io.StringIO()
    assert export(store, "csv", clusters, clusters=True) == 4


def test_store_export_csv_to_a_stream_is_the_file_byte_for_byte(store, tmp_path):
    path = tmp_path / "events.csv"
    export(store, "csv", path)
    out = io.StringIO()
    assert export(store, "csv", out) == 5
    assert out.getvalue() == path.read_text(encoding="utf-8")
    assert ",false," in out.getvalue()  # booleans as the file writes them, not Python's False


def _csv(store) -> str:
    out = io.StringIO()
    export(store, "csv", out)
    return out.getvalue()


def test_store_export_jsonl_and_parquet(store, tmp_path):
    out = io.StringIO()
    export(store, "jsonl", out)
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    assert records[0]["actor"][0] == {"text": "Lavrov", "name": "Sergey Lavrov", "country": "RUS",
                                      "sector": "GOV", "role": "minister", "start": 0, "end": 5}
    assert records[0]["n_reports"] == 2
    first = records[0]
    assert first["actor_code"] == "RUSGOV" and first["quad_class"] in (1, 2, 3, 4)
    assert first["published"] is not None and "source_url" in first
    flat = list(csv.DictReader(io.StringIO(_csv(store))))
    by_id = {row["event_id"]: row for row in flat}
    for record in records:  # the JSON Lines and CSV exports agree on the codes
        row = by_id[record["id"]]
        assert (record["actor_code"] or "") == row["actor1_code"]
        assert (record["recipient_code"] or "") == row["actor2_code"]
        assert str(record["quad_class"]) == row["quad_class"]
    path = tmp_path / "e.parquet"
    assert export(store, "parquet", path) == 5
    assert duckdb.connect().execute(f"SELECT count(*) FROM '{path}'").fetchone()[0] == 5
    with pytest.raises(StoreError):
        export(store, "parquet", io.StringIO())


def test_store_like_wildcards_in_filters_are_literal(store):
    assert events(store, reports=True, actor="%") == []
    assert events(store, reports=True, actor="_") == []
    assert events(store, reports=True, text="%") == []
    assert events(store, reports=True, text="t_lks") == []
    assert {r["doc_id"] for r in events(store, reports=True, text="Talks")} == {"s4"}
    assert actors(store, name="%") == [] and actors(store, name="L_vrov") == []
    assert [r["name"] for r in actors(store, name="Lavrov")] == ["Sergey Lavrov"]


def test_store_negative_limit_is_refused(store):
    with pytest.raises(StoreError, match="limit"):
        events(store, limit=-1)
    with pytest.raises(StoreError, match="limit"):
        actors(store, limit=-1)
    assert len(events(store, limit=0)) == 0 and len(events(store, limit=2)) == 2


def test_store_events_quad_filter(store):
    assert {r["event"] for r in events(store, quad="verbal conflict", reports=True)} == {"ACCUSE"}
    assert {r["event"] for r in events(store, quad="VERBAL_COOPERATION,verbal-conflict")} == {"ACCUSE", "AGREE", "CONSULT"}
    assert events(store, quad="material conflict") == []
    with pytest.raises(StoreError, match="quad class"):
        events(store, quad="hostile")


@pytest.fixture
def joint_store(tmp_path):
    """One event whose actors are Ukraine first, then Russia (a joint statement)."""
    joint = ev("j1", 0, "ACCUSE", UKR, CHN, "2024-03-04", -2.0)
    joint.actor.append(Entity("Lavrov", "Sergey Lavrov", "RUS", "GOV", "minister", 20, 26))

    class JointCoder:
        def pipe(self, articles, processes=1, on_error=None):
            for a in articles:
                yield a, [joint]

    con = open_store(tmp_path / "j.duckdb")
    ingest_items(con, [Article(id="j1", text="Kyiv and Lavrov accuse Beijing.", date="2024-03-04")],
                 JointCoder(), dedup=False)
    yield con
    con.close()


@pytest.mark.parametrize("reports", [True, False])
def test_store_events_show_the_actor_matching_the_filter(joint_store, reports):
    [row] = events(joint_store, reports=reports, actor="RUS")
    assert (row["actor_country"], row["actor_name"], row["actor_code"]) == ("RUS", "Sergey Lavrov", "RUSGOV")
    [row] = events(joint_store, reports=reports, actor="lavrov", recipient="China")
    assert row["actor_name"] == "Sergey Lavrov" and row["recipient_code"] == "CHNGOV"
    [row] = events(joint_store, reports=reports)
    assert row["actor_country"] == "UKR"


def test_store_events_have_cameo_actor_codes_and_quad_class(store):
    rows = events(store, reports=True)
    by_event = {(r["event"], r["actor_code"], r["recipient_code"], r["quad_class"]) for r in rows}
    assert ("ACCUSE", "RUSGOV", "UKRGOV", 3) in by_event
    assert ("AGREE", "CHNGOV", "RUSGOV", 1) in by_event


def test_store_export_csv_and_parquet_share_column_names(store, tmp_path):
    out = io.StringIO()
    export(store, "csv", out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    path = tmp_path / "e.parquet"
    export(store, "parquet", path)
    cursor = duckdb.connect().execute(f"SELECT * FROM '{path}'")
    parquet_columns = [d[0] for d in cursor.description]
    assert parquet_columns[:len(rows[0])] == list(rows[0])
    assert {"actors", "recipients"} <= set(parquet_columns)
    first = dict(zip(parquet_columns, cursor.fetchone()))
    assert (rows[0]["actor1_code"], rows[0]["actor2_code"], rows[0]["quad_class"]) == ("RUSGOV", "UKRGOV", "3")
    assert (first["actor1_code"], first["quad_class"]) == ("RUSGOV", 3)

def _dyads_grouping_events(con, by: str, **filters) -> list[dict]:
    """The dyad series computed from the events themselves (grouped by cluster), as
    ``dyads`` did before it read the per-cluster summaries kept by ingest."""
    from tacitus.store.queries import event_filters

    where, params = event_filters(**filters)
    cursor = con.execute(f"""
    WITH units AS (
        SELECT e.cluster_id, min(e.event_day) AS day, min(e.actor_country) AS actor,
               min(e.recipient_country) AS recipient, avg(e.score) AS score
        FROM events e
        WHERE {where} AND e.actor_country IS NOT NULL AND e.recipient_country IS NOT NULL
          AND e.event_day IS NOT NULL AND NOT e.negated AND NOT e.hypothetical
        GROUP BY e.cluster_id)
    SELECT CAST(date_trunc('{by}', day) AS DATE) AS period, actor, recipient,
           count(*) AS events, round(avg(score), 2) AS mean_score
    FROM units GROUP BY ALL ORDER BY period, events DESC, actor, recipient""", params)
    columns = [d[0] for d in cursor.description]
    return [dict(zip(columns, row)) for row in cursor.fetchall()]


def _summaries_match(con) -> None:
    from tacitus.store.schema import ACTOR_UNITS_SELECT, DYAD_UNITS_SELECT

    kept = con.execute("SELECT * FROM dyad_units ORDER BY cluster_id").fetchall()
    fresh = con.execute(DYAD_UNITS_SELECT.format(extra="") + " ORDER BY cluster_id").fetchall()
    assert kept == fresh
    assert con.execute("SELECT count(*) FROM events WHERE representative IS DISTINCT FROM (id = cluster_id)"
                       ).fetchone()[0] == 0
    kept = con.execute("SELECT * FROM actor_units ORDER BY ALL").fetchall()
    fresh = con.execute(f"SELECT * FROM ({ACTOR_UNITS_SELECT.format(extra='')}) ORDER BY ALL").fetchall()
    assert kept == fresh
    # one row per cluster and actor, as grouping the events' first actors and recipients gives
    sides = con.execute("""SELECT DISTINCT cluster_id, actor_name, actor_country FROM events WHERE actor_name IS NOT NULL
                           UNION SELECT cluster_id, recipient_name, recipient_country FROM events
                           WHERE recipient_name IS NOT NULL ORDER BY ALL""").fetchall()
    assert con.execute("SELECT cluster_id, name, country FROM actor_units ORDER BY ALL").fetchall() == sides
    # each place's clusters and latest events (its name is any of its own)
    from tacitus.store.schema import PLACE_SUMMARY_SELECT

    kept = con.execute("SELECT lat, lon, events, latest FROM place_summary ORDER BY lat, lon").fetchall()
    fresh = con.execute(f"SELECT lat, lon, events, latest FROM ({PLACE_SUMMARY_SELECT.format(extra='')}) "
                        "ORDER BY lat, lon").fetchall()
    assert kept == fresh
    # the overview without filters: as grouping the events' clusters gives
    from tacitus.store.browse import top_actors, top_dyads, weekly, undated_ids
    from tacitus.store.schema import OVERVIEW_SUMMARY

    for table, select in OVERVIEW_SUMMARY.items():
        assert con.execute(f"SELECT * FROM {table} ORDER BY ALL").fetchall() == con.execute(
            f"SELECT * FROM ({select.format(extra='')}) ORDER BY ALL").fetchall()
    undated = set(undated_ids(con))
    assert weekly(con) == [{"week": w, "quad": q, "events": n} for w, q, n in con.execute(
        """SELECT CAST(date_trunc('week', event_day) AS DATE), quad, count(DISTINCT cluster_id) FROM events
           WHERE event_day IS NOT NULL AND cluster_id NOT IN (SELECT unnest(?)) GROUP BY ALL ORDER BY 1, 2""",
        [sorted(undated)]).fetchall()]
    assert top_dyads(con, limit=100) == [{"actor": a, "recipient": r, "events": n, "mean_score": s} for a, r, n, s in con.execute(
        """SELECT source, target, count(*) AS n, round(avg(score), 2) FROM (
               SELECT min(actor_country) AS source, min(recipient_country) AS target, avg(score) AS score FROM events
               WHERE actor_country IS NOT NULL AND recipient_country IS NOT NULL AND event_day IS NOT NULL
                 AND NOT negated AND NOT hypothetical GROUP BY cluster_id)
           GROUP BY ALL ORDER BY n DESC, source, target LIMIT 100""").fetchall()]
    assert top_actors(con, limit=100) == [{"name": a, "country": c, "events": n} for a, c, n in con.execute(
        """SELECT name, country, count(DISTINCT cluster_id) AS n FROM (
               SELECT cluster_id, actor_name AS name, actor_country AS country FROM events WHERE actor_name IS NOT NULL
               UNION ALL SELECT cluster_id, recipient_name, recipient_country FROM events WHERE recipient_name IS NOT NULL)
           GROUP BY ALL ORDER BY n DESC, name, country NULLS FIRST LIMIT 100""").fetchall()]


def test_store_dyads_summaries_equal_grouping_the_events(web_store):
    con = open_store(web_store, read_only=True)
    try:
        _summaries_match(con)
        assert con.execute("SELECT count(*) FROM dyad_units").fetchone()[0] > 0
        for by in ("day", "week", "month", "year"):
            assert dyads(con, by=by) == _dyads_grouping_events(con, by)
        first = con.execute("SELECT min(day), max(day), any_value(event) FROM dyad_units").fetchone()
        for filters in ({"type": first[2]}, {"since": str(first[0]), "until": str(first[0])},
                        {"since": str(first[1])}, {"type": "ACCUSE,ASSAULT", "until": str(first[1])},
                        {"actor": "RUS"}, {"recipient": "Ukraine"}, {"actor": "USA", "recipient": "RUS"},
                        {"quad": "verbal conflict"}, {"quad": "material conflict", "actor": "UKR"}):
            assert dyads(con, by="week", **filters) == _dyads_grouping_events(con, "week", **filters)
    finally:
        con.close()


def test_store_dyad_summaries_follow_recoding_and_batches(tmp_path):
    path = tmp_path / "b.duckdb"
    con = open_store(path)
    items = [Article(id=k, text=f"{v[1]}. Story {k}.", date=v[0], title=v[1]) for k, v in STORIES.items()]
    try:
        ingest_items(con, items[:1], StoryCoder(), dedup=False)  # s1 alone, then s2 joins its cluster
        ingest_items(con, items[1:], StoryCoder(), dedup=False, batch_size=1)
        _summaries_match(con)
        _actor_stats_match(con)
        assert dyads(con, by="week") == _dyads_grouping_events(con, "week")
        assert [r["events"] for r in dyads(con, by="week")] == [1, 1, 1]
        # s1 recoded with a different story, elsewhere: the RUS -> UKR cluster is s2 alone now
        recoded = {**STORIES, "s1": ("2024-03-04", "Lavrov accuses Kyiv",
                                     [ev("s1", 0, "ASSAULT", RUS, UKR, "2024-03-04", -9.0, ("Lviv", 49.84, 24.03))])}

        class Recoder(StoryCoder):
            def pipe(self, articles, processes=1, on_error=None):
                for a in articles:
                    yield a, recoded[a.id][2]

        places = {p["lat"]: p["events"] for p in browse_places(con)}
        ingest_items(con, items[:1], Recoder(), dedup=False, recode=True)
        _summaries_match(con)
        assert {p["lat"]: p["events"] for p in browse_places(con)} == {**places, 49.84: 1}
        _actor_stats_match(con)
        rows = dyads(con, by="week")
        assert rows == _dyads_grouping_events(con, "week")
        assert ("RUS", "UKR", 2, -5.5) in [(r["actor"], r["recipient"], r["events"], r["mean_score"]) for r in rows]
    finally:
        con.close()


def test_store_upgrade_fills_dyad_summaries(tmp_path):
    path = tmp_path / "old.duckdb"
    con = open_store(path)
    items = [Article(id=k, text=f"{v[1]}. Story {k}.", date=v[0], title=v[1]) for k, v in STORIES.items()]
    ingest_items(con, items, StoryCoder(), dedup=False)
    con.execute("DROP TABLE dyad_units")  # the store as the first schema version left it
    con.execute("DROP TABLE actor_stats")
    con.execute("DROP TABLE actor_units")
    for index in ("events_id", "events_cluster", "events_doc", "events_group"):
        con.execute(f"DROP INDEX {index}")
    con.execute("ALTER TABLE events DROP COLUMN representative")
    indexed = _indexed_words(con)
    for table in ("search_words", "search_words_new", "search_vocabulary"):
        con.execute(f"DROP TABLE {table}")
    con.execute("ALTER TABLE events DROP COLUMN seq")
    names = con.execute("SELECT id, actor_names, recipient_names, actor_countries, recipient_countries, "
                        "search_text FROM events ORDER BY id").fetchall()
    for column in ("actor_names", "recipient_names", "actor_countries", "recipient_countries", "search_text"):
        con.execute(f"ALTER TABLE events DROP COLUMN {column}")
    con.execute("CREATE INDEX events_doc ON events(doc_id)")
    con.execute("CREATE INDEX events_group ON events(group_key)")
    con.execute("DROP INDEX articles_duplicate")
    con.execute("DROP TABLE place_summary")
    for table in ("overview_weeks", "overview_dyads", "overview_actors"):
        con.execute(f"DROP TABLE {table}")
    con.execute("DROP INDEX mentions_doc")
    for column in MENTION_EVENT_COLUMNS:
        con.execute(f"ALTER TABLE mentions DROP COLUMN {column}")
    con.execute("CREATE INDEX mentions_doc ON mentions(doc_id)")
    con.execute("DELETE FROM schema_version WHERE version > 1")
    con.close()
    with pytest.raises(StoreError, match="schema version 1"):
        open_store(path, read_only=True)
    open_store(path).close()  # a writable open upgrades it
    con = open_store(path, read_only=True)
    try:
        _summaries_match(con)
        _actor_stats_match(con)
        assert dyads(con, by="week") == _dyads_grouping_events(con, "week") != []
        # the names and the lowered text the upgrade fills are those ingest writes
        assert con.execute("SELECT id, actor_names, recipient_names, actor_countries, recipient_countries, "
                           "search_text FROM events ORDER BY id").fetchall() == names
        # and so are the words of the index
        assert _indexed_words(con) == indexed != set()
        _text_matches(con)
    finally:
        con.close()


def _indexed_words(con) -> set[tuple[str, str]]:
    """(word, event id) of every word in the text filter's index."""
    return set(con.execute("SELECT w.word, e.id FROM (SELECT * FROM search_words UNION ALL "
                           "SELECT * FROM search_words_new) w JOIN events e ON e.seq = w.seq").fetchall())


def _names_match(con) -> None:
    """The names kept with each event are its actors' and recipients' names and texts, and
    a filter by part of a name finds the events a match against every actor finds."""
    from tacitus.store.queries import contains_pattern, country_code, event_filters
    from tacitus.store.schema import SIDE_NAMES_COLUMNS

    kept = con.execute("SELECT id, actor_names, recipient_names, actor_countries, recipient_countries "
                       "FROM events ORDER BY id").fetchall()
    assert kept == con.execute(f"SELECT id, {SIDE_NAMES_COLUMNS} FROM events ORDER BY id").fetchall()
    countries = con.execute("SELECT list(DISTINCT x.country) FROM (SELECT unnest(actor || recipient) AS x FROM events)"
                            ).fetchone()[0]
    for code in sorted(c for c in countries if c) + ["FRA"]:
        for side in ("actor", "recipient"):
            where, params = event_filters(**{side: code})
            found = {i for (i,) in con.execute(f"SELECT e.id FROM events e WHERE {where}", params).fetchall()}
            expected = {i for (i,) in con.execute(
                f"SELECT id FROM events WHERE len(list_filter({side}, lambda x: x.country = ?)) > 0", [code]).fetchall()}
            assert found == expected, (side, code)
    sides = con.execute("SELECT list(x.name) || list(x.text) FROM (SELECT unnest(actor || recipient) AS x FROM events)"
                        ).fetchone()[0]
    values = {v for v in sides if v} | {v[1:4] for v in sides if v} | {v.upper() for v in sides if v}
    values |= {"lav", "KREMLIN", "kyiv", "Ukraine", "Sergey", "sergey lavrov", "nobody", "%", "_", "v Kremlin"}
    for value in sorted(v for v in values if country_code(v) is None):  # (a country is read apart)
        for side in ("actor", "recipient"):
            where, params = event_filters(**{side: value})
            found = {i for (i,) in con.execute(f"SELECT e.id FROM events e WHERE {where}", params).fetchall()}
            expected = {i for (i,) in con.execute(
                f"SELECT id FROM events WHERE len(list_filter({side}, lambda x: x.name ILIKE ? ESCAPE '\\' "
                "OR x.text ILIKE ? ESCAPE '\\')) > 0", [contains_pattern(value)] * 2).fetchall()}
            assert found == expected, (side, value)
    _text_matches(con)


def _text_matches(con) -> None:
    """The lowered sentence and title kept with each event are its own, and a filter by
    words of the text finds the events ``ILIKE`` over the sentences and titles finds."""
    import re

    from tacitus.store.queries import contains_pattern, event_filters
    from tacitus.store.schema import WORD_SEPARATORS
    from tacitus.store.search import searched

    # the word index holds the words of each event's lowered text, no more
    assert _indexed_words(con) == {(w, i) for i, t in con.execute("SELECT id, search_text FROM events").fetchall()
                                   for w in re.split(WORD_SEPARATORS, t) if w}
    assert con.execute("SELECT id, search_text FROM events ORDER BY id").fetchall() == con.execute(
        "SELECT e.id, lower(coalesce(e.text, '')) || chr(10) || lower(coalesce(a.title, '')) "
        "FROM events e JOIN articles a ON a.id = e.doc_id ORDER BY e.id").fetchall()
    texts = [t for (t,) in con.execute(
        "SELECT concat_ws(' ', e.text, a.title) FROM events e JOIN articles a ON a.id = e.doc_id").fetchall()]
    words = {w for t in texts for w in t.split()}
    values = words | {w.upper() for w in words} | {w[1:3] for w in words} | {
        "story s", "STORY S1.", "%", "_", "\\", "İstanbul", "no such words", "Story\nTalks", "s4.\nTalks",
        " s4", "s4 ", "ory s", "Y S", "talks.", " Talks ", ". ", "lks, s", "STANBUL"}
    exact = 0
    for value in sorted(v for v in values if v.strip()):
        exact += bool(getattr(searched(con, {"text": value}).get("text_index"), "exact", False))
        expected = {i for (i,) in con.execute(
            "SELECT id FROM events WHERE text ILIKE ? ESCAPE '\\' OR doc_id IN "
            "(SELECT id FROM articles WHERE title ILIKE ? ESCAPE '\\')", [contains_pattern(value)] * 2).fetchall()}
        # reading every text, and the candidates of the index (when it has some)
        for filters in ({"text": value}, searched(con, {"text": value})):
            where, params = event_filters(**filters)
            found = {i for (i,) in con.execute(f"SELECT e.id FROM events e WHERE {where}", params).fetchall()}
            assert found == expected, (value, filters)
    # one word without separators: the index names the matching events themselves, no text read
    assert exact > len(values) // 3
    assert "search_text" not in event_filters(**searched(con, {"text": "TALKS"}))[0]
    assert "search_text" in event_filters(**searched(con, {"text": "Talks "}))[0]


def test_store_name_filters_read_the_names_kept_by_ingest(tmp_path):
    """Through batches, a second ingest and a recode, with events of several actors."""
    path = tmp_path / "n.duckdb"
    con = open_store(path)
    items = [Article(id=k, text=f"{v[1]}. Story {k}.", date=v[0], title=v[1]) for k, v in STORIES.items()]
    joint = ev("s4", 0, "CONSULT", CHN, RUS, "2024-03-20", 1.0, None)
    joint.actor.append(Entity("KYIV officials", "Ukraine", "UKR", "GOV", None, 20, 25))
    joint.recipient.append(Entity("Lavrov", "Sergey Lavrov", "RUS", "GOV", None, 30, 35))
    stories = {**STORIES, "s4": (STORIES["s4"][0], STORIES["s4"][1], [joint])}

    class Coder:
        def __init__(self, table):
            self.table = table

        def pipe(self, articles, processes=1, on_error=None):
            for a in articles:
                yield a, self.table[a.id][2]

    try:
        ingest_items(con, items[:2], Coder(stories), dedup=False, batch_size=1)
        _names_match(con)
        ingest_items(con, items, Coder(stories), dedup=False, batch_size=2)  # a second ingest
        _names_match(con)
        assert sort_if_due(con, force=True)  # the words sorted into the index; the recode adds more
        _names_match(con)
        assert con.execute("SELECT actor_names, actor_countries FROM events WHERE id = 's4-0'").fetchone() == (
            "Beijing\nChina\nKYIV officials\nUkraine", "\nCHN\nUKR\n")
        assert {r["cluster_id"] for r in events(con, actor="UKR")} >= {"s4-0"}
        recoded = {**stories, "s4": (STORIES["s4"][0], "Talks", [ev("s4", 0, "CONSULT", UKR, CHN, "2024-03-20", 1.0)])}
        ingest_items(con, items[3:], Coder(recoded), dedup=False, recode=True)  # the same article again
        _names_match(con)
        assert con.execute("SELECT actor_names, recipient_names FROM events WHERE id = 's4-0'").fetchone() == (
            "Kyiv\nUkraine", "Beijing\nChina")
        # a value with a line break cannot be read in the kept names: the lists are read
        from tacitus.store.queries import event_filters

        where, params = event_filters(actor="Kyiv\nUkraine")
        assert "list_filter" in where
        assert con.execute(f"SELECT count(*) FROM events e WHERE {where}", params).fetchone() == (0,)
    finally:
        con.close()


def _actors_from_mentions(con) -> list[tuple]:
    """What ``actors`` answers, worked out in Python from the mentions table."""
    from collections import Counter

    rows = con.execute("SELECT m.entity_id, en.name, en.country, m.doc_id, m.sector, m.text "
                       "FROM mentions m JOIN entities en ON en.id = m.entity_id").fetchall()
    by_entity: dict = {}
    for entity_id, name, country, doc_id, sector, text in rows:
        by_entity.setdefault(entity_id, []).append((name, country, doc_id, sector, text))
    answer = []
    for mentions in by_entity.values():
        sectors = Counter(m[3] for m in mentions if m[3] is not None)
        sector = min(sectors, key=lambda s: (-sectors[s], s)) if sectors else None
        answer.append((mentions[0][0], mentions[0][1], sector, sorted({m[4] for m in mentions if m[4] is not None}),
                       len(mentions), len({m[2] for m in mentions})))
    return sorted(answer, key=lambda r: (-r[4], r[0]))


def _mention_fields_match(con) -> None:
    """The fields of its event and article kept with each mention are those a join gives."""
    kept = con.execute("""SELECT entity_id, doc_id, event_id, role, "start", cluster_id, score, event_day,
                                 actor_name, actor_country, recipient_name, recipient_country, published
                          FROM mentions ORDER BY ALL""").fetchall()
    joined = con.execute("""
        SELECT m.entity_id, m.doc_id, m.event_id, m.role, m."start", e.cluster_id, e.score, e.event_day,
               e.actor_name, e.actor_country, e.recipient_name, e.recipient_country, a.published
        FROM mentions m LEFT JOIN events e ON e.id = m.event_id AND e.doc_id = m.doc_id
        LEFT JOIN articles a ON a.id = m.doc_id ORDER BY ALL""").fetchall()
    assert kept == joined
    assert any(row[5] is not None for row in kept)


def _actor_stats_match(con) -> None:
    from tacitus.store.schema import ACTOR_STATS_SELECT

    _mention_fields_match(con)

    kept = con.execute("SELECT * FROM actor_stats ORDER BY entity_id").fetchall()
    fresh = con.execute(ACTOR_STATS_SELECT.format(extra="") + " ORDER BY entity_id").fetchall()
    assert kept == fresh
    listed = [(r["name"], r["country"], r["sector"], r["aliases"], r["mentions"], r["articles"])
              for r in actors(con)]
    assert sorted(listed, key=lambda r: (-r[4], r[0], r[1] or "")) == sorted(
        _actors_from_mentions(con), key=lambda r: (-r[4], r[0], r[1] or ""))


def test_store_actor_stats_equal_counting_the_mentions(web_store, tmp_path):
    con = open_store(web_store, read_only=True)
    try:
        _actor_stats_match(con)
        assert con.execute("SELECT count(*) FROM actor_stats").fetchone()[0] > 5
    finally:
        con.close()


def test_store_cluster_representatives_stand_for_their_clusters(web_store):
    """Filters by type, quad, days and countries hold for every event of a cluster or
    none: the clusters found through their representatives are those found by
    grouping the events."""
    from tacitus.store.queries import QUADS, cluster_hits, cluster_wide, event_filters

    con = open_store(web_store, read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM events WHERE cluster_id <> id").fetchone()[0] > 0
        types = [t for (t,) in con.execute("SELECT DISTINCT event FROM events").fetchall()]
        countries = [c for (c,) in con.execute(
            "SELECT DISTINCT x.country FROM (SELECT unnest(actor || recipient) AS x FROM events) "
            "WHERE x.country IS NOT NULL").fetchall()]
        days = sorted(d for (d,) in con.execute("SELECT DISTINCT event_day FROM events").fetchall() if d)
        cases = [{}] + [{"type": t} for t in types] + [{"quad": q} for q in QUADS]
        cases += [{"actor": c} for c in countries] + [{"recipient": c} for c in countries]
        cases += [{"since": str(days[len(days) // 2])}, {"until": str(days[len(days) // 3])},
                  {"actor": "Russia", "type": ",".join(types[:3]), "since": str(days[0])}]
        for filters in cases:
            assert cluster_wide(**filters)
            where, params = event_filters(**filters)
            fast = {c for (c,) in con.execute(cluster_hits(where, filters), params).fetchall()}
            grouped = {c for (c,) in con.execute(
                f"SELECT DISTINCT e.cluster_id FROM events e WHERE {where}", params).fetchall()}
            assert fast == grouped, filters
        assert not cluster_wide(text="attack") and not cluster_wide(actor="Lavrov")
    finally:
        con.close()


def test_store_text_index_reads_the_words_of_a_query():
    """A word between separators is whole; the first may end a longer word, the last start one."""
    from tacitus.store.search import query_words

    assert query_words("Actor 12 ") == [("Actor", True, False), ("12", False, False)]
    assert query_words("ctor 12") == [("ctor", True, False), ("12", False, True)]
    assert query_words("sanctions") == [("sanctions", True, True)]
    assert query_words("(a) b-c.") == [("a", False, False), ("b", False, False), ("c", False, False)]
    assert query_words(" - ") == []


def test_store_text_index_reads_the_starts_of_words_as_a_range():
    """The words that start with a prefix are those between it and the string after it."""
    from tacitus.store.search import _after

    assert _after("ab") == "ac" and _after("12") == "13"
    assert _after("a\U0010FFFF") == "b" and _after("\U0010FFFF") is None
    assert _after("\ud7ff") == "\ue000"
    words = sorted(["ab", "abc", "ab\U0010FFFF", "ac", "aa", "a", "abz\u00e9"])
    assert [w for w in words if "ab" <= w < _after("ab")] == [w for w in words if w.startswith("ab")]
