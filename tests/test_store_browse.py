"""The viewer's queries on a really ingested store: their fast paths (per-cluster
summaries kept by ingest, clusters' representatives) give what grouping the events gives."""
from __future__ import annotations

import pytest

from tacitus.store import open_store
from tacitus.store import browse
from tacitus.store.queries import event_filters, summary


@pytest.fixture(scope="module")
def con(web_store):
    con = open_store(web_store, read_only=True)
    yield con
    con.close()


def _rows(cursor):
    columns = [d[0] for d in cursor.description]
    return [dict(zip(columns, row)) for row in cursor.fetchall()]


def _cases(con) -> list[dict]:
    types = [t for (t,) in con.execute("SELECT event FROM events GROUP BY event ORDER BY count(*) DESC").fetchall()]
    countries = [c for (c,) in con.execute(
        "SELECT actor_country FROM events WHERE actor_country IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC"
    ).fetchall()]
    days = sorted(d for (d,) in con.execute("SELECT DISTINCT event_day FROM events").fetchall() if d)
    name = con.execute("SELECT actor_name FROM events WHERE actor_name IS NOT NULL LIMIT 1").fetchone()[0]
    return [{}, {"type": types[0]}, {"type": ",".join(types[:3])}, {"quad": "verbal conflict"},
            {"quad": "material conflict,verbal cooperation"}, {"actor": countries[0]},
            {"recipient": countries[1]}, {"actor": countries[0], "recipient": countries[1]},
            {"since": str(days[len(days) // 2])}, {"until": str(days[len(days) // 3]), "actor": countries[0]},
            {"text": "the"}, {"actor": name}, {"actor": countries[0], "quad": "verbal conflict"}]


def _grouped_dyads(con, filters, level="country"):
    where, params = event_filters(**filters)
    side = (("e.actor_country", "e.recipient_country") if level == "country"
            else ("coalesce(e.actor_name, e.actor_country)", "coalesce(e.recipient_name, e.recipient_country)"))
    return _rows(con.execute(f"""
        WITH units AS (
            SELECT e.cluster_id, min({side[0]}) AS source, min({side[1]}) AS target, avg(e.score) AS score
            FROM events e
            WHERE {where} AND {side[0]} IS NOT NULL AND {side[1]} IS NOT NULL AND e.event_day IS NOT NULL
              AND NOT e.negated AND NOT e.hypothetical
            GROUP BY e.cluster_id)
        SELECT source, target, count(*) AS events, round(avg(score), 2) AS mean_score
        FROM units GROUP BY ALL ORDER BY events DESC, source, target""", params))


def test_store_browse_aggregates_equal_grouping_the_events(con):
    assert summary(con)["clusters"] == con.execute("SELECT count(DISTINCT cluster_id) FROM events").fetchone()[0]
    for filters in _cases(con):
        where, params = event_filters(**filters)
        weekly = _rows(con.execute(f"""
            SELECT week, quad, count(*) AS events FROM (
                SELECT CAST(date_trunc('week', min(e.event_day)) AS DATE) AS week, min(e.quad) AS quad
                FROM events e WHERE {where} AND e.event_day IS NOT NULL
                GROUP BY e.cluster_id HAVING count(e.date) > 0)
            GROUP BY ALL ORDER BY week, quad""", params))
        assert browse.weekly(con, **filters) == weekly, filters
        grouped = _grouped_dyads(con, filters)
        assert browse.top_dyads(con, limit=1000, **filters) == [
            {"actor": r["source"], "recipient": r["target"], "events": r["events"], "mean_score": r["mean_score"]}
            for r in grouped], filters
        for level in ("country", "actor"):
            edges = [r for r in _grouped_dyads(con, filters, level) if r["source"] != r["target"]]
            assert browse.network(con, level=level, limit=1000, **filters)["edges"] == edges, (filters, level)
        actors = _rows(con.execute(f"""
            WITH sides AS (
                SELECT e.cluster_id, e.actor_name AS name, e.actor_country AS country
                FROM events e WHERE {where} AND e.actor_name IS NOT NULL
                UNION
                SELECT e.cluster_id, e.recipient_name, e.recipient_country
                FROM events e WHERE {where} AND e.recipient_name IS NOT NULL)
            SELECT name, country, count(DISTINCT cluster_id) AS events
            FROM sides GROUP BY ALL ORDER BY events DESC, name, country NULLS FIRST""", params + params))
        assert browse.top_actors(con, limit=1000, **filters) == actors, filters
    assert any(browse.top_dyads(con, **f) for f in _cases(con)[1:])


def test_store_browse_overview_answers_as_its_questions_asked_apart(con):
    """The overview's four answers from one reading of the matching events are those of
    ``undated_ids``, ``weekly``, ``top_dyads`` and ``top_actors``."""
    name = _cases(con)[11]["actor"]
    for filters in _cases(con) + [{"text": "no such words anywhere"}, {"text": "the", "actor": name},
                                  {"recipient": name, "quad": "verbal conflict"}, {"text": "s", "since": "1900-01-01"}]:
        for top in (3, 100):
            found = browse.overview(con, top=top, **filters)
            undated = browse.undated_ids(con, **filters)
            assert found == {"undated": undated, "weekly": browse.weekly(con, **filters),
                             "dyads": browse.top_dyads(con, limit=top, **filters),
                             "actors": browse.top_actors(con, limit=top, **filters)}, (filters, top)
    assert browse.overview(con, text="the")["weekly"]
    assert browse.overview(con, text="s", since="1900-01-01")["undated"]  # (some to leave out of the chart)
    assert browse.overview(con, text="no such words anywhere") == {"undated": [], "weekly": [], "dyads": [],
                                                                   "actors": []}


def test_store_browse_event_pages_equal_grouping_the_events(con):
    for filters in _cases(con):
        where, params = event_filters(**filters)
        hits = [c for (c,) in con.execute(f"SELECT DISTINCT e.cluster_id FROM events e WHERE {where}",
                                          params).fetchall()]
        for sort, order in (("date", "desc"), ("score", "asc"), ("actor", "desc"), ("place", "asc"),
                            ("event", "asc"), ("quad", "desc")):
            key = browse.SORTS[sort].removeprefix("r.")
            expected = [i for (i,) in con.execute(
                f"SELECT id FROM events r WHERE id IN (SELECT unnest(?)) ORDER BY {key} {order} NULLS LAST, id",
                [hits]).fetchall()]
            pages = [browse.event_page(con, sort=sort, order=order, offset=o, limit=7, **filters)
                     for o in range(0, len(expected) + 7, 7)]
            assert [r["id"] for p in pages for r in p["rows"]] == expected, (filters, sort)
            assert {p["total"] for p in pages[:-1] or pages} == {len(expected)}


def test_store_browse_actor_as_the_mentions_give_it(con):
    names = [n for (n,) in con.execute(
        "SELECT en.name FROM mentions m JOIN entities en ON en.id = m.entity_id "
        "GROUP BY en.name ORDER BY count(*) DESC, en.name LIMIT 5").fetchall()]
    for name in names:
        found = browse.actor(con, name)
        ids = [i for (i,) in con.execute("SELECT id FROM entities WHERE name = ?", [name]).fetchall()]
        mentions = _rows(con.execute("""SELECT m.*, e.cluster_id, e.score, e.event_day, a.published FROM mentions m
            JOIN events e ON e.id = m.event_id AND e.doc_id = m.doc_id JOIN articles a ON a.id = m.doc_id
            WHERE m.entity_id IN (SELECT unnest(?))""", [ids]))
        assert found["mentions"] == con.execute(
            "SELECT count(*) FROM mentions WHERE entity_id IN (SELECT unnest(?))", [ids]).fetchone()[0]
        assert sum(a["mentions"] for a in found["aliases"]) == found["mentions"]
        assert sum(p["mentions"] for p in found["timeline"]) == len(mentions)
        clusters = {m["cluster_id"] for m in mentions if m["role"] in ("actor", "recipient")}
        assert sum(c["events"] for c in found["counterparts"]) <= len(clusters) * 2
    assert browse.actor(con, "nobody at all") is None


def test_store_browse_undated_clusters_are_counted_not_charted(con):
    """Events whose text names only a period ("in July") are stored at the publication
    day: the weekly chart leaves their clusters out and counts them; their rows say so."""
    assert con.execute("SELECT count(*) FROM events WHERE date IS NULL AND event_day IS NOT NULL").fetchone()[0] > 0
    undated = browse.undated_ids(con)
    dated = {c for (c,) in con.execute("SELECT cluster_id FROM events WHERE date IS NOT NULL").fetchall()}
    without = {c for (c,) in con.execute("SELECT cluster_id FROM events WHERE date IS NULL").fetchall()} - dated
    assert set(undated) == without != set()
    charted = sum(w["events"] for w in browse.weekly(con))
    assert charted + len(undated) == con.execute(
        "SELECT count(DISTINCT cluster_id) FROM events WHERE event_day IS NOT NULL").fetchone()[0]
    rows = {r["id"]: r for r in browse.event_page(con, limit=500)["rows"]}
    for cluster in undated:
        assert rows[cluster]["undated"] is True and rows[cluster]["date"] is not None
    own = dict(con.execute("SELECT id, date FROM events WHERE id IN (SELECT unnest(?))", [list(rows)]).fetchall())
    assert all(r["undated"] == (own[i] is None) for i, r in rows.items())  # the row's own event
    from tacitus.store import events

    flagged = {r["cluster_id"] for r in events(con) if "undated" in r["flags"].split(",")}
    assert set(undated) <= flagged


def test_store_browse_places_as_grouping_the_clusters_gives(con):
    for filters in _cases(con):
        where, params = event_filters(**filters)
        expected = _rows(con.execute(f"""
            WITH hits AS (SELECT DISTINCT e.cluster_id FROM events e WHERE {where}),
            located AS (
                SELECT r.location.name AS name, r.location.country AS country, r.location.lat AS lat,
                       r.location.lon AS lon, r.id, r.doc_id, r.event_day AS date, r.event,
                       r.actor_country, r.recipient_country,
                       row_number() OVER (PARTITION BY r.location.lat, r.location.lon
                                          ORDER BY r.event_day DESC NULLS LAST, r.id) AS n
                FROM hits h JOIN events r ON r.id = h.cluster_id
                WHERE r.location.lat IS NOT NULL AND r.location.lon IS NOT NULL)
            SELECT lat, lon, count(*) AS events,
                   list({{'id': id, 'doc_id': doc_id, 'date': date, 'event': event,
                         'actor': actor_country, 'recipient': recipient_country}} ORDER BY n)
                       FILTER (WHERE n <= 3) AS latest
            FROM located GROUP BY lat, lon ORDER BY lat, lon""", params))
        found = sorted(browse.places(con, per_place=3, **filters), key=lambda p: (p["lat"], p["lon"]))
        assert [{k: p[k] for k in ("lat", "lon", "events", "latest")} for p in found] == expected, filters
        _same_as_json(con, filters)
    assert browse.places(con)
    _same_as_json(con, {})


def _same_as_json(con, filters: dict) -> None:
    """The places DuckDB writes as JSON are those of ``places``, in the same order."""
    import json

    from tacitus.web.app import _json

    for per_place, limit in ((3, 2000), (5, 2), (1, 1)):
        rows = browse.places(con, per_place=per_place, limit=limit, **filters)
        assert json.loads(browse.places_json(con, per_place=per_place, limit=limit, **filters)) == json.loads(
            _json(rows).body), (filters, per_place, limit)


def test_store_browse_article_as_the_joins_give_it(con):
    """An article's near-duplicates and clusters, each looked up in an index, are those
    an OR of both links and a join of the clusters' events give."""
    ids = [i for (i,) in con.execute("SELECT id FROM articles ORDER BY id").fetchall()]
    copies = 0
    for article_id in ids:
        found = browse.article(con, article_id)
        original = found["duplicate_of"] or article_id
        copies += found["duplicate_of"] is not None
        assert found["duplicates"] == _rows(con.execute(
            """SELECT id, title, url, published, similarity FROM articles
               WHERE (duplicate_of = ? OR id = ?) AND id <> ? ORDER BY similarity DESC NULLS LAST, id""",
            [original, original, article_id]))
        cluster_ids = sorted({e["cluster_id"] for e in found["events"]})
        expected = _rows(con.execute(
            """SELECT e.cluster_id, any_value(r.event) AS event, any_value(r.event_day) AS date,
                      list(DISTINCT e.doc_id ORDER BY e.doc_id) AS articles
               FROM events e JOIN events r ON r.id = e.cluster_id
               WHERE e.cluster_id IN (SELECT unnest(?)) GROUP BY e.cluster_id ORDER BY e.cluster_id""",
            [cluster_ids])) if cluster_ids else []
        reports = dict(con.execute(
            "SELECT cluster_id, n_reports FROM event_clusters WHERE cluster_id IN (SELECT unnest(?))",
            [cluster_ids]).fetchall())
        assert found["clusters"] == [{**c, "reports": reports[c["cluster_id"]]} for c in expected], article_id
    assert copies > 0  # the store has near-duplicates
    page = browse.event_page(con, limit=500)["rows"]
    reports = dict(con.execute("SELECT cluster_id, n_reports FROM event_clusters").fetchall())
    assert [r["reports"] for r in page] == [reports[r["id"]] for r in page]
    assert any(r["reports"] > 1 for r in page)
