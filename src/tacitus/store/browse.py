"""What the web viewer asks the store: pages of events, aggregates, one article, one actor.

Every function takes an open (read-only) connection and the event filters of
``queries.event_filters`` (actor, recipient, type, quad, since, until, text),
so the viewer filters exactly as the query commands do. Counts are of event
clusters. Values are always bound parameters; sort keys come from a fixed list.
"""
from __future__ import annotations

from typing import Any, Iterator

from ..errors import StoreError
from .queries import cluster_hits, cluster_wide, event_filters, listed, undated, unit_filters
from .schema import PLACE_LATEST, PLACES_SELECT
from .search import searched

#: Sort keys of the events table -> SQL over the representative event ``r``.
SORTS = {
    "date": "r.event_day",
    "event": "r.event",
    "quad": "r.quad",
    "score": "r.score",
    "actor": "r.actor_country",
    "recipient": "r.recipient_country",
    "place": "r.location.name",
}

#: The sort keys that are the same for every event of a cluster (its group key has them).
CLUSTER_SORTS = ("date", "event", "quad")


def _hits(where: str, filters: dict) -> str:
    """``WITH hits AS (...)``: the ids of the matching clusters."""
    return f"\nWITH hits AS ({cluster_hits(where, filters)})"

_EVENT_COLUMNS = """
    r.id, r.doc_id, r.event_day AS date, r.event, r.mode, r.quad, r.score, r.cameo,
    r.actor_country, r.actor_name, r.recipient_country, r.recipient_name,
    r.location.name AS place, r.location.lat AS lat, r.location.lon AS lon,
    r.text, a.title, r.date IS NULL AND r.event_day IS NOT NULL AS undated"""


#: The overview of events matching a name or words of the text, in one query: the matching
#: events read once (``m``), then the clusters with no day of their own (``undated``), the
#: clusters per week and quad class, the dyads and the actors, each as ``undated_ids``,
#: ``weekly``, ``top_dyads`` and ``top_actors`` count them.
_OVERVIEW = """
    WITH m AS MATERIALIZED (
        SELECT e.cluster_id, e.quad, e.score, e.event_day, e.date, e.negated, e.hypothetical,
               e.actor_country, e.recipient_country, e.actor_name, e.recipient_name
        FROM events e WHERE {where}),
    undated AS MATERIALIZED (
        SELECT cluster_id FROM m GROUP BY cluster_id HAVING count(date) = 0 AND count(event_day) > 0),
    weekly AS (
        SELECT CAST(date_trunc('week', event_day) AS DATE) AS week, quad, count(DISTINCT cluster_id) AS events
        FROM m WHERE event_day IS NOT NULL AND cluster_id NOT IN (SELECT cluster_id FROM undated)
        GROUP BY ALL),
    units AS (
        SELECT min(actor_country) AS source, min(recipient_country) AS target, avg(score) AS score
        FROM m WHERE actor_country IS NOT NULL AND recipient_country IS NOT NULL AND event_day IS NOT NULL
                     AND NOT negated AND NOT hypothetical
        GROUP BY cluster_id),
    dyads AS (
        SELECT source AS actor, target AS recipient, count(*) AS events, round(avg(score), 2) AS mean_score
        FROM units GROUP BY ALL ORDER BY events DESC, actor, recipient LIMIT {top}),
    sides AS (
        SELECT cluster_id, actor_name AS name, actor_country AS country FROM m WHERE actor_name IS NOT NULL
        UNION ALL
        SELECT cluster_id, recipient_name, recipient_country FROM m WHERE recipient_name IS NOT NULL),
    actors AS (
        SELECT name, country, count(DISTINCT cluster_id) AS events
        FROM sides GROUP BY ALL ORDER BY events DESC, name, country NULLS FIRST LIMIT {top})
    SELECT (SELECT list(cluster_id ORDER BY cluster_id) FROM undated),
           (SELECT list(weekly ORDER BY week, quad) FROM weekly),
           (SELECT list(dyads ORDER BY events DESC, actor, recipient) FROM dyads),
           (SELECT list(actors ORDER BY events DESC, name, country NULLS FIRST) FROM actors)"""


def overview(con, *, top: int = 10, **filters) -> dict[str, Any]:
    """The overview's aggregates under the filters: ``undated`` (the ids of ``undated_ids``),
    ``weekly``, ``dyads`` and ``actors`` (the first ``top`` of ``top_dyads`` and
    ``top_actors``). Under a name or words of the text (filters that read every event) the
    matching events are read once for the four, in one query: asked apart, each question
    read them again (or a copy of them, written first)."""
    if not any(filters.values()) or cluster_wide(**filters):  # summaries kept by ingest
        undated = undated_ids(con, **filters)
        return {"undated": undated, "weekly": weekly(con, leave_out=undated, **filters),
                "dyads": top_dyads(con, limit=top, **filters), "actors": top_actors(con, limit=top, **filters)}
    where, params = event_filters(**searched(con, filters))
    undated, weeks, dyads, actors = con.execute(_OVERVIEW.format(where=where, top=int(top)), params).fetchone()
    return {"undated": undated or [], "weekly": weeks or [], "dyads": dyads or [], "actors": actors or []}


def _rows(cursor) -> list[dict[str, Any]]:
    columns = [d[0] for d in cursor.description]
    return [dict(zip(columns, row)) for row in cursor.fetchall()]


def _members(con, cluster_ids: list[str]) -> list[tuple[str, str]]:
    """(cluster id, article id) of the events of the clusters, each pair once."""
    return con.execute(f"SELECT DISTINCT cluster_id, doc_id FROM events WHERE cluster_id IN {listed(cluster_ids)}",
                       cluster_ids).fetchall()


def _reports(con, cluster_ids: list[str], members: list[tuple[str, str]] | None = None) -> dict[str, int]:
    """Number of reporting articles (near-duplicates included) of each cluster (``members``:
    the clusters' ``_members``, if known)."""
    if not cluster_ids:
        return {}
    if members is None:
        members = _members(con, cluster_ids)
    docs = sorted({doc for _, doc in members})
    copies: dict[str, list[str]] = {}
    for copy, original in con.execute(
            f"SELECT id, duplicate_of FROM articles WHERE duplicate_of IN {listed(docs)}", docs).fetchall():
        copies.setdefault(original, []).append(copy)
    reports: dict[str, set[str]] = {}
    for cluster, doc in members:
        reports.setdefault(cluster, set()).update([doc, *copies.get(doc, ())])
    return {cluster: len(articles) for cluster, articles in reports.items()}


def event_page(
    con, *, sort: str = "date", order: str = "desc", offset: int = 0, limit: int = 50, **filters
) -> dict[str, Any]:
    """One page of matching event clusters (each its representative event) and the total."""
    if sort not in SORTS:
        raise StoreError(f"sort {sort!r}: use one of {', '.join(SORTS)}")
    if order not in ("asc", "desc"):
        raise StoreError(f"order {order!r}: use asc or desc")
    filters = searched(con, filters)
    where, params = event_filters(**filters)
    direction = order.upper()
    if cluster_wide(**filters):  # the representatives are the matching events themselves
        ids, total = _page_of_representatives(con, where, params, SORTS[sort], direction, offset, limit)
    else:
        # sort the clusters' representatives by the key alone, then read the page's rows; a
        # key the same for every event of a cluster (day, type, quad class) is read from the
        # matching events themselves, without joining the representatives
        keys = (f"""SELECT e.cluster_id AS id, any_value({SORTS[sort].replace('r.', 'e.')}) AS key
                    FROM events e WHERE {where} GROUP BY e.cluster_id""" if sort in CLUSTER_SORTS else
                f"""SELECT r.id, {SORTS[sort]} AS key
                    FROM ({cluster_hits(where, filters)}) h JOIN events r ON r.id = h.cluster_id""")
        page = con.execute(f"""
            WITH keys AS ({keys})
            SELECT id, count(*) OVER () AS total FROM keys
            ORDER BY key {direction} NULLS LAST, id
            LIMIT ? OFFSET ?""", params + [int(limit), int(offset)]).fetchall()
        ids = [i for i, _ in page]
        total = page[0][1] if page else _count_clusters(con, where, params, filters) if offset else 0
    # then the page's rows and their articles' titles, looked up by id (both indexed)
    found = {r["id"]: r for r in _rows(con.execute(
        f"SELECT {_EVENT_COLUMNS.replace(', a.title', '')} FROM events r WHERE r.id IN {listed(ids)}",
        ids))} if ids else {}
    docs = sorted({r["doc_id"] for r in found.values()})
    titles = dict(con.execute(f"SELECT id, title FROM articles WHERE id IN {listed(docs)}",
                              docs).fetchall()) if docs else {}
    rows = [found[i] for i in ids]
    for row in rows:
        row["title"] = titles.get(row["doc_id"])
    reports = _reports(con, ids)
    for row in rows:
        row["reports"] = reports.get(row["id"], 1)
    return {"total": total, "offset": offset, "limit": limit, "rows": rows}


def _page_of_representatives(con, where: str, params: list, sort: str, direction: str, offset: int,
                             limit: int) -> tuple[list[str], int]:
    """The ids of a page of representative events matching ``where``, sorted by ``sort``
    (then id), and their number. The key of the page's last row is found first (a sort
    of one column that DuckDB cuts short), so that only the rows up to it are sorted."""
    key = "e." + sort.removeprefix("r.")
    rows = f"FROM events e WHERE e.representative AND {where}"
    last = con.execute(f"SELECT {key} {rows} ORDER BY {key} {direction} NULLS LAST LIMIT 1 OFFSET ?",
                       params + [int(offset) + int(limit) - 1]).fetchone()
    cut, cut_params = "", []
    if last is not None and last[0] is not None:  # NULL keys come last: none of them is in the page
        cut, cut_params = f" AND {key} {'>=' if direction == 'DESC' else '<='} ?", [last[0]]
    ids = [i for (i,) in con.execute(
        f"SELECT e.id {rows}{cut} ORDER BY {key} {direction} NULLS LAST, e.id LIMIT ? OFFSET ?",
        params + cut_params + [int(limit), int(offset)]).fetchall()]
    total = con.execute(f"SELECT count(*) {rows}", params).fetchone()[0]
    return ids, total


def _count_clusters(con, where: str, params: list, filters: dict) -> int:
    return con.execute(f"SELECT count(*) FROM ({cluster_hits(where, filters)})", params).fetchone()[0]


def _selection(limit: int, filters: dict) -> tuple[str, list]:
    """A query of the matching event clusters as flat rows, by day (for downloads)."""
    where, params = event_filters(**filters)
    sql = _hits(where, filters) + f"""
    SELECT {_EVENT_COLUMNS}, r.cluster_id
    FROM hits h JOIN events r ON r.id = h.cluster_id JOIN articles a ON a.id = r.doc_id
    ORDER BY r.event_day NULLS LAST, r.id LIMIT ?"""
    return sql, params + [int(limit)]


def event_rows(con, *, limit: int, **filters) -> Iterator[tuple[list[str], list[tuple]]]:
    """The matching event clusters as flat rows, in chunks: (columns, rows) for downloads."""
    cursor = con.execute(*_selection(limit, searched(con, filters)))
    columns = [d[0] for d in cursor.description]
    while chunk := cursor.fetchmany(2000):
        yield columns, chunk


def event_arrow(con, *, limit: int, **filters):
    """The matching event clusters as a pyarrow Table (for Parquet downloads),
    read as a relation: Arrow from a cursor costs DuckDB an extra copy."""
    sql, params = _selection(limit, searched(con, filters))
    rel = con.sql(sql, params=params)
    return rel.to_arrow_table() if hasattr(rel, "to_arrow_table") else rel.arrow()


def _representatives(filters: dict) -> tuple[str, list]:
    """A query of the matching clusters' representative events, as ``r``."""
    where, params = event_filters(**filters)
    if cluster_wide(**filters):  # day and quad class are the same for every event of a cluster
        return f"SELECT * FROM events e WHERE e.representative AND {where}", params
    return f"SELECT r.* FROM ({cluster_hits(where, filters)}) h JOIN events r ON r.id = h.cluster_id", params


def weekly(con, *, leave_out: list[str] | None = None, **filters) -> list[dict[str, Any]]:
    """Event clusters per week and quad class. Clusters with no day of their own (the
    text names only a period, e.g. "last month", for each of their matching events)
    are left out: ``undated_ids`` lists them (pass them as ``leave_out`` if known)."""
    if not any(filters.values()):  # kept by ingest, the undated clusters left out
        return _rows(con.execute("SELECT week, quad, events FROM overview_weeks ORDER BY week, quad"))
    filters = searched(con, filters)
    if leave_out is None:
        leave_out = undated_ids(con, **filters)
    if cluster_wide(**filters):
        reps, params = _representatives(filters)
        count = "count(*)"
    else:  # day and quad class are the same for every event of a cluster: no need of its representative
        where, params = event_filters(**filters)
        reps, count = f"SELECT * FROM events e WHERE {where}", "count(DISTINCT r.cluster_id)"
    sql = f"""
    SELECT CAST(date_trunc('week', r.event_day) AS DATE) AS week, r.quad, {count} AS events
    FROM ({reps}) r
    WHERE r.event_day IS NOT NULL {"AND r.cluster_id NOT IN (SELECT unnest(?))" if leave_out else ""}
    GROUP BY ALL ORDER BY week, r.quad"""
    return _rows(con.execute(sql, params + ([leave_out] if leave_out else [])))


def undated_ids(con, **filters) -> list[str]:
    """The matching event clusters with no day of their own (the text names only a
    period, e.g. "last month"): the store dates them by their article's publication day;
    the weekly chart leaves them out and says how many."""
    return undated(con, *event_filters(**searched(con, filters)))


def _dyad_units(filters: dict, level: str = "country") -> tuple[str, list]:
    """A query of the event clusters counted as dyads, as ``tacitus dyads`` counts them
    (neither negated nor hypothetical, with a day and both sides): ``source``, ``target``
    (countries, or resolved actors) and ``score`` (the mean of the cluster's events)."""
    fast = unit_filters(filters) if level == "country" else None
    if fast is not None:  # the per-cluster summaries kept by ingest
        return f"SELECT e.actor AS source, e.recipient AS target, e.score FROM dyad_units e WHERE {fast[0]}", fast[1]
    where, params = event_filters(**filters)
    side = (
        ("e.actor_country", "e.recipient_country") if level == "country"
        else ("coalesce(e.actor_name, e.actor_country)", "coalesce(e.recipient_name, e.recipient_country)")
    )
    return f"""
        SELECT min({side[0]}) AS source, min({side[1]}) AS target, avg(e.score) AS score
        FROM events e
        WHERE {where} AND {side[0]} IS NOT NULL AND {side[1]} IS NOT NULL AND e.event_day IS NOT NULL
          AND NOT e.negated AND NOT e.hypothetical
        GROUP BY e.cluster_id""", params


def top_dyads(con, *, limit: int = 20, **filters) -> list[dict[str, Any]]:
    """Actor -> recipient country pairs by number of event clusters, with the mean score
    (counted as ``tacitus dyads`` counts them)."""
    if not any(filters.values()):  # every dyad counted, kept by ingest
        return _rows(con.execute("SELECT * FROM overview_dyads ORDER BY events DESC, actor, recipient LIMIT ?",
                                 [int(limit)]))
    units, params = _dyad_units(searched(con, filters))
    sql = f"""
    SELECT source AS actor, target AS recipient, count(*) AS events, round(avg(score), 2) AS mean_score
    FROM ({units}) GROUP BY ALL ORDER BY events DESC, actor, recipient LIMIT ?"""
    return _rows(con.execute(sql, params + [int(limit)]))


def top_actors(con, *, limit: int = 20, **filters) -> list[dict[str, Any]]:
    """Actors (resolved name and country) of the most event clusters, as actor or recipient."""
    if not any(filters.values()):  # every actor counted, kept by ingest
        return _rows(con.execute(
            "SELECT * FROM overview_actors ORDER BY events DESC, name, country NULLS FIRST LIMIT ?", [int(limit)]))
    filters = searched(con, filters)
    fast = unit_filters(filters)
    if fast is not None:  # one row per cluster and actor, kept by ingest
        sql = f"""
        SELECT e.name, e.country, count(*) AS events FROM actor_units e WHERE {fast[0]}
        GROUP BY ALL ORDER BY events DESC, e.name, e.country NULLS FIRST LIMIT ?"""
        return _rows(con.execute(sql, fast[1] + [int(limit)]))
    where, params = event_filters(**filters)
    # both sides of each matching event from one reading of the events
    sql = f"""
    WITH sides AS (
        SELECT e.cluster_id, unnest([{{'name': e.actor_name, 'country': e.actor_country}},
                                     {{'name': e.recipient_name, 'country': e.recipient_country}}]) AS side
        FROM events e WHERE {where})
    SELECT side.name AS name, side.country AS country, count(DISTINCT cluster_id) AS events
    FROM sides WHERE side.name IS NOT NULL
    GROUP BY ALL ORDER BY events DESC, name, country NULLS FIRST LIMIT ?"""
    return _rows(con.execute(sql, params + [int(limit)]))


def _places_query(con, limit: int, per_place: int, filters: dict) -> tuple[str, list]:
    """The query of ``places``: places by number of clusters (ties by coordinates)."""
    order = f" ORDER BY events DESC, lat, lon LIMIT {int(limit)}"
    if not any(filters.values()) and 1 <= per_place <= PLACE_LATEST:
        # every place's count and latest events, kept by ingest (their first few are the
        # latest few)
        return f"SELECT * REPLACE (latest[1:{int(per_place)}] AS latest) FROM place_summary" + order, []
    reps, params = _representatives(searched(con, filters))
    return PLACES_SELECT.format(per_place="?", reps=f"({reps})", extra="") + order, [int(per_place)] + params


def places(con, *, limit: int = 2000, per_place: int = 5, **filters) -> list[dict[str, Any]]:
    """Places with coordinates: their event clusters counted, and the latest few events
    (latest day first, then smallest id)."""
    return _rows(con.execute(*_places_query(con, limit, per_place, filters)))


def places_json(con, *, limit: int = 2000, per_place: int = 5, **filters) -> str:
    """``places`` as a JSON array, written by DuckDB: the map's thousands of places and
    their latest events become no Python objects (for 2,000 places that took as long as
    computing them)."""
    sql, params = _places_query(con, limit, per_place, filters)
    return con.execute(f"""SELECT coalesce(CAST(to_json(list(q ORDER BY q.events DESC, q.lat, q.lon)) AS VARCHAR), '[]')
                           FROM ({sql}) q""", params).fetchall()[0][0]


def network(con, *, level: str = "country", limit: int = 300, **filters) -> dict[str, Any]:
    """Nodes (countries or resolved actors) and edges (dyads, counted as ``tacitus dyads``
    counts them) weighted by event clusters, with their mean score; the ``limit``
    heaviest edges."""
    if level not in ("country", "actor"):
        raise StoreError(f"level {level!r}: use country or actor")
    units, params = _dyad_units(searched(con, filters), level)
    sql = f"""
    SELECT source, target, count(*) AS events, round(avg(score), 2) AS mean_score
    FROM ({units}) WHERE source <> target
    GROUP BY ALL ORDER BY events DESC, source, target LIMIT ?"""
    edges = _rows(con.execute(sql, params + [int(limit)]))
    weight: dict[str, int] = {}
    for edge in edges:
        for end in (edge["source"], edge["target"]):
            weight[end] = weight.get(end, 0) + edge["events"]
    nodes = [{"id": k, "events": v} for k, v in sorted(weight.items(), key=lambda kv: (-kv[1], kv[0]))]
    return {"level": level, "nodes": nodes, "edges": edges}


def article(con, article_id: str) -> dict[str, Any] | None:
    """An article with its events (whole records), near-duplicates and event clusters."""
    rows = _rows(con.execute(
        "SELECT id, title, url, published, source, text, duplicate_of, similarity, n_events "
        "FROM articles WHERE id = ?", [article_id]))
    if not rows:
        return None
    result = rows[0]
    original = result["duplicate_of"] or result["id"]
    events = _rows(con.execute(
        """SELECT id, sentence, event, mode, context, cameo, score, quad, event_day AS date,
                  actor, recipient, "eventText", location, negated, future, hypothetical,
                  attribution, span, cluster_id
           FROM events WHERE doc_id = ? ORDER BY sentence, span[1], id""", [original]))
    result["events"] = events
    # each part looked up in an index (an OR of two columns, or a join, reads every row)
    columns = "SELECT id, title, url, published, similarity FROM articles"
    result["duplicates"] = _rows(con.execute(
        f"""{columns} WHERE duplicate_of = ? AND id <> ? UNION {columns} WHERE id = ? AND id <> ?
            ORDER BY similarity DESC NULLS LAST, id""", [original, article_id, original, article_id]))
    cluster_ids = sorted({e["cluster_id"] for e in events})
    clusters = []
    if cluster_ids:
        members = _members(con, cluster_ids)
        heads = {i: (event, day) for i, event, day in con.execute(
            f"SELECT id, event, event_day FROM events WHERE id IN {listed(cluster_ids)}", cluster_ids).fetchall()}
        articles: dict[str, set[str]] = {}
        for cluster, doc in members:
            articles.setdefault(cluster, set()).add(doc)
        reports = _reports(con, cluster_ids, members)
        clusters = [{"cluster_id": c, "event": heads[c][0], "date": heads[c][1], "articles": sorted(articles[c]),
                     "reports": reports.get(c, 1)} for c in cluster_ids if c in heads and c in articles]
    result["clusters"] = clusters
    return result


def actor(con, name: str, *, country: str | None = None, by: str = "month") -> dict[str, Any] | None:
    """A resolved actor (by name, optionally country): aliases, mentions over time,
    main counterparts."""
    if by not in ("week", "month", "year"):
        raise StoreError(f"by {by!r}: use week, month or year")
    where, params = "en.name = ?", [name]
    if country:
        where += " AND en.country = ?"
        params.append(country)
    ids = [r[0] for r in con.execute(f"SELECT id FROM entities en WHERE {where}", params).fetchall()]
    if not ids:
        return None
    # the actor's mentions, with the fields of their events kept by ingest (stored in order
    # of the actor: reading them skips the other actors' row groups), copied once into a
    # temporary table of this connection, then summed up
    con.execute("DROP TABLE IF EXISTS temp.actor_mentions")
    con.execute(
        f"""CREATE TEMP TABLE actor_mentions AS
            SELECT * EXCLUDE (title, "start", "end") FROM mentions
            WHERE entity_id IN {listed(ids)}""", ids)
    try:
        head = con.execute(
            """SELECT (SELECT list(DISTINCT country ORDER BY country) FROM entities
                       WHERE id IN (SELECT entity_id FROM actor_mentions)),
                      mode(sector), count(*), count(DISTINCT doc_id)
               FROM actor_mentions""").fetchone()
        aliases = _rows(con.execute(
            """SELECT text AS alias, count(*) AS mentions FROM actor_mentions
               GROUP BY text ORDER BY mentions DESC, alias"""))
        timeline = _rows(con.execute(
            f"""SELECT CAST(date_trunc('{by}', coalesce(event_day, published)) AS DATE) AS period,
                       count(*) AS mentions
                FROM actor_mentions
                WHERE cluster_id IS NOT NULL AND period IS NOT NULL
                GROUP BY period ORDER BY period"""))
        counterparts = _rows(con.execute(
            """WITH mine AS (SELECT DISTINCT * EXCLUDE (entity_id, text, sector) FROM actor_mentions
                             WHERE cluster_id IS NOT NULL)
               SELECT CASE WHEN role = 'actor' THEN 'recipient' ELSE 'actor' END AS role,
                      CASE WHEN role = 'actor' THEN recipient_name ELSE actor_name END AS name,
                      CASE WHEN role = 'actor' THEN recipient_country ELSE actor_country END AS country,
                      count(DISTINCT cluster_id) AS events, round(avg(score), 2) AS mean_score
               FROM mine
               WHERE role IN ('actor', 'recipient') AND name IS NOT NULL
               GROUP BY ALL ORDER BY events DESC, name, role, country NULLS FIRST LIMIT 30"""))
    finally:
        con.execute("DROP TABLE IF EXISTS temp.actor_mentions")
    return {
        "name": name,
        "countries": head[0],
        "sector": head[1],
        "mentions": head[2],
        "articles": head[3],
        "aliases": aliases,
        "timeline": timeline,
        "counterparts": counterparts,
    }
