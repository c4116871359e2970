"""Questions a researcher asks the store: events, dyad time series, actors, SQL.

Counts are of event clusters (one real-world event, however many articles
report it) unless ``reports=True``. Every function takes an open connection
and returns a list of dicts (column -> value).
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Any, Iterator, NamedTuple

import duckdb

from ..errors import StoreError
from .schema import NAMES_SEPARATOR

PERIODS = ("day", "week", "month", "quarter", "year")
QUADS = ("VERBAL COOPERATION", "MATERIAL COOPERATION", "VERBAL CONFLICT", "MATERIAL CONFLICT")


def _rows(cursor) -> list[dict[str, Any]]:
    columns = [d[0] for d in cursor.description]
    return [dict(zip(columns, row)) for row in cursor.fetchall()]


def _stream(cursor, chunk: int = 5000) -> Iterator[dict[str, Any]]:
    """The rows of ``cursor`` as dicts, fetched in chunks (read them before closing the store)."""
    columns = [d[0] for d in cursor.description]
    while rows := cursor.fetchmany(chunk):
        for row in rows:
            yield dict(zip(columns, row))


def _result(cursor, stream: bool):
    return _stream(cursor) if stream else _rows(cursor)


def country_code(value: str) -> str | None:
    """The actor code ``value`` stands for: a code as given ("RUS", "IGO"), the
    ISO alpha-3 of a country name, alias or demonym ("Russia"), else None."""
    from ..reference import countries

    table = countries()
    if re.fullmatch(r"[A-Z]{3}", value) or value.upper() in table:
        return value.upper()
    return table.resolve(value)


def contains(column: str, value: str, params: list) -> str:
    """``column ILIKE`` a pattern matching ``value`` anywhere (its own % and _ taken
    literally); the pattern goes to ``params``. ``ESCAPE`` only when the value needs it:
    without it DuckDB matches each distinct value of a compressed column once, not each
    row (0.01 s instead of 0.07 s over a million events)."""
    params.append(contains_pattern(value))
    if any(c in value for c in "%_\\"):
        return f"{column} ILIKE ? ESCAPE '\\'"
    return f"{column} ILIKE ?"


def listed(values: list) -> str:
    """``(?, ?, ...)``, one parameter per value: a column compared with a list of constants
    is looked up in its index (a few rows read), where ``IN (SELECT unnest(?))`` joins the
    list to a scan of the whole column (50 events by id: 32 instead of 44 ms; their
    clusters' reports: 4 instead of 13 ms)."""
    return "(" + ", ".join("?" * len(values)) + ")"


def contains_pattern(value: str) -> str:
    """An ILIKE pattern (with ``ESCAPE '\\'``) matching ``value`` anywhere, its own % and _ taken literally."""
    escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _side_match(value: str, params: list) -> str:
    """A lambda over one actor struct ``x`` matching an actor filter (a country code or name, else (part of) a name)."""
    code = country_code(value)
    if code is not None:
        params.append(code)
        return "lambda x: x.country = ?"
    return f"lambda x: {contains('x.name', value, params)} OR {contains('x.text', value, params)}"


def _side_filter(column: str, value: str, params: list) -> str:
    """An actor (or recipient) filter: a country code or name, else (part of) an actor's name."""
    code = country_code(value)
    if code is not None:
        # the countries of the side, each on a line of its own (kept by ingest)
        params.append(f"{NAMES_SEPARATOR}{code}{NAMES_SEPARATOR}")
        return f"contains({column}_countries, ?)"
    if NAMES_SEPARATOR not in value:
        # every name and text of the side in one string, one a line (kept by ingest): a
        # part of one of them is a part of that string, and the reverse holds as the
        # value has no line break
        return contains(f"{column}_names", value, params)
    return f"len(list_filter({column}, {_side_match(value, params)})) > 0"


#: QuadClass as GDELT and ICEWS number it: 1 verbal cooperation .. 4 material conflict.
QUAD_CLASS_SQL = ("CASE e.quad " + " ".join(f"WHEN '{q}' THEN {i}" for i, q in enumerate(QUADS, 1))
                  + " END AS quad_class")


def cameo_actor_code(side: str) -> str:
    """A CAMEO-style actor code of an actor struct: country + sector ("RUSGOV"), NULL if neither."""
    return f"nullif(concat(coalesce({side}.country, ''), coalesce({side}.sector, '')), '')"


def shown_sides(actor: str | None, recipient: str | None) -> tuple[str, list]:
    """Select columns for the actor and recipient shown of each event (``events e``):
    the first one matching the --actor/--recipient filter, else the first of the list;
    name, country and CAMEO code of each."""
    columns, params = [], []
    for column, value in (("actor", actor), ("recipient", recipient)):
        side, side_params = f"e.{column}[1]", []
        if value:
            side = f"coalesce(list_filter(e.{column}, {_side_match(value, side_params)})[1], {side})"
        for expression in (f"{side}.country", f"{side}.name", cameo_actor_code(side)):
            params += side_params * expression.count(side)  # each use of the side repeats its parameters
        columns += [f"{side}.country AS {column}_country", f"{side}.name AS {column}_name",
                    f"{cameo_actor_code(side)} AS {column}_code"]
    return ", ".join(columns), params


def _limit(sql: str, limit: int | None) -> str:
    if limit is None:
        return sql
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 0:
        raise StoreError(f"limit {limit!r}: give a number of rows, 0 or more")
    return sql + f" LIMIT {limit}"


def _day(value: str | None, option: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise StoreError(f"{option} {value!r} is not a date: write it as YYYY-MM-DD") from None


def _quads(value: str) -> list[str]:
    """Quad classes from "MATERIAL CONFLICT,verbal-cooperation" (case, '-' and '_' free)."""
    quads = []
    for part in value.split(","):
        name = " ".join(part.replace("-", " ").replace("_", " ").upper().split())
        if not name:
            continue
        if name not in QUADS:
            raise StoreError(f"quad class {part.strip()!r}: use one of {', '.join(QUADS)}")
        quads.append(name)
    return quads


def text_filter(text: str | None) -> str | None:
    """The words of a text filter as given, spaces included (" war " finds the word, not
    "warsaw"); None for no text or only spaces, which filter nothing."""
    return text if text and not text.isspace() else None


def event_filters(
    *,
    actor: str | None = None,
    recipient: str | None = None,
    type: str | None = None,
    quad: str | None = None,
    since: str | None = None,
    until: str | None = None,
    text: str | None = None,
    text_index: tuple | None = None,
) -> tuple[str, list]:
    """A WHERE clause over ``events e`` (no join needed) and its parameters.

    ``text_index``: a query of the ``seq`` of the events whose text may contain ``text``
    and its parameters (``search.candidates``): only their texts are read, none when it
    names exactly the events whose text does (``exact``).

    The one implementation of the event filters: the query commands and the
    web viewer's API both call it. Values are always parameters, never SQL.
    (Near-duplicate articles are stored without events, so events need no
    article filter.)
    """
    where, params = ["true"], []
    text = text_filter(text)
    if actor:
        where.append(_side_filter("e.actor", actor, params))
    if recipient:
        where.append(_side_filter("e.recipient", recipient, params))
    if type:
        types = [t.strip().upper() for t in type.split(",") if t.strip()]
        where.append("e.event IN (SELECT unnest(?))")
        params.append(types)
    if quad:
        where.append("e.quad IN (SELECT unnest(?))")
        params.append(_quads(quad))
    if since:
        where.append("e.event_day >= ?")
        params.append(_day(since, "--since"))
    if until:
        where.append("e.event_day <= ?")
        params.append(_day(until, "--until"))
    if text and NAMES_SEPARATOR not in text:
        # the sentence and the title, lowered, one a line (kept by ingest): the words are in
        # one of them if and only if they are in that string, as they have no line break
        if text_index is not None:
            where.append(f"e.seq IN ({text_index[0]})")
            params += text_index[1]
        if text_index is None or not getattr(text_index, "exact", False):
            where.append("contains(e.search_text, lower(?))")
            params.append(text)
    elif text:
        where.append(f"({contains('e.text', text, params)} OR e.doc_id IN "
                     f"(SELECT id FROM articles WHERE {contains('title', text, params)}))")
    return " AND ".join(where), params


def cluster_wide(**filters) -> bool:
    """Whether every event of a cluster meets the filters alike, so that a cluster's
    representative (the event whose id is the cluster's id) stands for it.

    The events of a cluster share their group key: event type (so quad class),
    day, and the resolved actors and recipients (country and sector, or name
    when there is no country). So a filter by type, quad class, days, or an
    actor or recipient given as a country holds for all of them or none; a
    name or text filter does not (names and sentences differ between reports).
    """
    for side in ("actor", "recipient"):
        if filters.get(side) and country_code(filters[side]) is None:
            return False
    return not text_filter(filters.get("text"))


def cluster_hits(where: str, filters: dict) -> str:
    """A query of the ids of the clusters with an event matching ``where`` (over ``events e``)."""
    if cluster_wide(**filters):
        return f"SELECT e.cluster_id FROM events e WHERE e.representative AND {where}"
    return f"SELECT DISTINCT e.cluster_id FROM events e WHERE {where}"


def unit_filters(filters: dict) -> tuple[str, list] | None:
    """A WHERE clause over a per-cluster summary ``e`` (``dyad_units``, ``actor_units``:
    columns ``event``, ``quad``, ``day``, and ``actors`` and ``recipients``, the countries
    of the cluster's actors and recipients) for cluster-wide filters, else None."""
    if not cluster_wide(**filters):
        return None
    where, params = event_filters(**{k: filters.get(k) for k in ("type", "quad", "since", "until")})
    where = where.replace("e.event_day", "e.day")
    for side, column in (("actor", "e.actors"), ("recipient", "e.recipients")):
        if filters.get(side):
            where += f" AND list_contains({column}, ?)"
            params.append(country_code(filters[side]))
    return where, params


#: the negated, future and hypothetical flags of an event as one text ("negated,future"), and
#: "undated" when the text gives no day for it (only a period): its date is then the
#: article's publication day
_FLAGS = ("concat_ws(',', CASE WHEN e.negated THEN 'negated' END, CASE WHEN e.future THEN 'future' END, "
          "CASE WHEN e.hypothetical THEN 'hypothetical' END, "
          "CASE WHEN e.date IS NULL AND e.event_day IS NOT NULL THEN 'undated' END) AS flags")


class Query(NamedTuple):
    """A query's SQL and parameters (run it, or hand it to ``tacitus.store.text``)."""

    sql: str
    params: list


def events(
    con, *, reports: bool = False, limit: int | None = None, stream: bool = False, **filters
) -> list[dict[str, Any]]:
    """Matching events: one row per cluster (default) or per report.

    ``stream=True`` returns an iterator of rows fetched as they are read (for
    large results), to be consumed before the connection is closed; so do
    ``dyads`` and ``actors``."""
    return _result(con.execute(*events_query(reports=reports, limit=limit, **filters)), stream)


def events_query(*, reports: bool = False, limit: int | None = None, **filters) -> Query:
    """The query of :func:`events`."""
    where, params = event_filters(**filters)
    sides, side_params = shown_sides(filters.get("actor"), filters.get("recipient"))
    if reports:
        params = side_params + params
        sql = f"""
        SELECT e.event_day AS date, e.event, e.cameo, e.score, {QUAD_CLASS_SQL}, {sides}, e.location.name AS place,
               e.id, e.doc_id, coalesce(a.url, a.id) AS source, e.cluster_id, {_FLAGS}, e.text
        FROM events e JOIN articles a ON a.id = e.doc_id
        WHERE {where}
        ORDER BY e.event_day NULLS LAST, e.doc_id, e.sentence, e.id"""
    else:
        # the reports of the shown clusters only (the event_clusters view counts them
        # for the whole store, seconds on a million events)
        cut = _limit("", limit)
        sql = f"""
        WITH hits AS ({cluster_hits(where, filters)}),
        shown AS (
            SELECT r.* FROM hits h JOIN events r ON r.id = h.cluster_id
            ORDER BY r.event_day NULLS LAST, r.cluster_id {cut}),
        members AS (
            SELECT e.cluster_id, e.doc_id FROM events e
            WHERE e.cluster_id IN (SELECT cluster_id FROM shown)),
        reports AS (
            SELECT cluster_id, doc_id AS article FROM members
            UNION SELECT m.cluster_id, d.id FROM members m JOIN articles d ON d.duplicate_of = m.doc_id),
        counted AS (
            SELECT r.cluster_id, count(*) AS n_reports,
                   list(DISTINCT coalesce(a.url, a.id) ORDER BY coalesce(a.url, a.id)) AS sources
            FROM reports r JOIN articles a ON a.id = r.article GROUP BY r.cluster_id)
        SELECT e.event_day AS date, e.event, e.cameo, e.score, {QUAD_CLASS_SQL}, {sides}, e.location.name AS place,
               c.n_reports AS reports, c.sources, e.cluster_id, {_FLAGS}, e.text
        FROM shown e JOIN counted c ON c.cluster_id = e.cluster_id
        ORDER BY e.event_day NULLS LAST, e.cluster_id"""
        params = params + side_params
    if reports:
        sql = _limit(sql, limit)
    return Query(sql, params)


def dyads(
    con, *, by: str = "week", reports: bool = False, include_negated: bool = False,
    stream: bool = False, **filters
) -> list[dict[str, Any]]:
    """Counts and mean PLOVER score per period and actor -> recipient country pair.

    Negated and hypothetical events are left out unless ``include_negated``.
    """
    return _result(con.execute(*dyads_query(by=by, reports=reports, include_negated=include_negated,
                                            **filters)), stream)


def dyads_query(*, by: str = "week", reports: bool = False, include_negated: bool = False, **filters) -> Query:
    """The query of :func:`dyads`."""
    if by not in PERIODS:
        raise StoreError(f"--by {by!r}: use one of {', '.join(PERIODS)}")
    fast = None if reports or include_negated else unit_filters(filters)
    if fast is not None:
        # type, quad class, day and the actors' and recipients' countries are the same for
        # every event of a cluster: the per-cluster summaries kept by ingest answer
        # without grouping the events
        sql = f"""
        SELECT CAST(date_trunc('{by}', e.day) AS DATE) AS period, e.actor, e.recipient,
               count(*) AS events, round(avg(e.score), 2) AS mean_score
        FROM dyad_units e WHERE {fast[0]}
        GROUP BY ALL ORDER BY period, events DESC, actor, recipient"""
        return Query(sql, fast[1])
    where, params = _dyad_filters(include_negated, filters)
    if reports:  # every event is its own unit: no grouping by cluster
        sql = f"""
        SELECT CAST(date_trunc('{by}', e.event_day) AS DATE) AS period, e.actor_country AS actor,
               e.recipient_country AS recipient, count(*) AS events, round(avg(e.score), 2) AS mean_score
        FROM events e WHERE {where}
        GROUP BY ALL ORDER BY period, events DESC, actor, recipient"""
        return Query(sql, params)
    unit = "e.cluster_id"
    sql = f"""
    WITH units AS (
        SELECT {unit} AS unit, min(e.event_day) AS day, min(e.actor_country) AS actor,
               min(e.recipient_country) AS recipient, avg(e.score) AS score
        FROM events e
        WHERE {where}
        GROUP BY {unit})
    SELECT CAST(date_trunc('{by}', day) AS DATE) AS period, actor, recipient,
           count(*) AS events, round(avg(score), 2) AS mean_score
    FROM units GROUP BY ALL ORDER BY period, events DESC, actor, recipient"""
    return Query(sql, params)


def _dyad_filters(include_negated: bool, filters: dict, recipient: bool = True) -> tuple[str, list]:
    """The WHERE clause (over ``events e``) of the events ``dyads`` counts: the filters, an
    actor country, a day, and a recipient country (with ``recipient=False``: none, the
    events it leaves out); negated and hypothetical events only with ``include_negated``."""
    where, params = event_filters(**filters)
    where += (" AND e.actor_country IS NOT NULL AND e.recipient_country IS "
              + ("NOT NULL" if recipient else "NULL") + " AND e.event_day IS NOT NULL")
    if not include_negated:
        where += " AND NOT e.negated AND NOT e.hypothetical"
    return where, params


def undated_clusters(con, *, reports: bool = False, include_negated: bool = False, **filters) -> int:
    """How many of the events (clusters, or reports) ``dyads`` counts have no day of their
    own (the text names only a period, e.g. "last month"; for a cluster: none of its
    events has one): the store counts them at their article's publication day."""
    where, params = _dyad_filters(include_negated, filters)
    if reports:
        return con.execute(f"SELECT count(*) FROM events e WHERE {where} AND e.date IS NULL", params).fetchone()[0]
    return len(undated(con, where, params))


def undated(con, where: str, params: list) -> list[str]:
    """The ids of the clusters whose events matching ``where`` (over ``events e``) all lack
    a day of their own while placed at a day (the text names only a period)."""
    # the clusters with an undated event first (a scan of one column; few or none), then
    # those of them with no dated event
    candidates = [c for (c,) in con.execute(
        f"SELECT DISTINCT e.cluster_id FROM events e WHERE e.date IS NULL AND e.event_day IS NOT NULL AND {where}",
        params).fetchall()]
    if not candidates:
        return []
    return [c for (c,) in con.execute(
        f"""SELECT e.cluster_id FROM events e WHERE e.cluster_id IN (SELECT unnest(?)) AND {where}
            GROUP BY e.cluster_id HAVING count(e.date) = 0 ORDER BY 1""", [candidates] + params).fetchall()]


def events_without_recipient(con, *, reports: bool = False, include_negated: bool = False, **filters) -> int:
    """How many events (clusters, or reports) matching the filters ``dyads`` leaves
    out because no recipient country was coded for them."""
    where, params = _dyad_filters(include_negated, filters, recipient=False)
    unit = "e.id" if reports else "e.cluster_id"
    return con.execute(f"SELECT count(DISTINCT {unit}) FROM events e WHERE {where}", params).fetchone()[0]


def actors(
    con, *, name: str | None = None, limit: int | None = None, stream: bool = False
) -> list[dict[str, Any]]:
    """Resolved actors with their aliases (as written), sector, mention and article counts."""
    return _result(con.execute(*actors_query(name=name, limit=limit)), stream)


def actors_query(*, name: str | None = None, limit: int | None = None) -> Query:
    """The query of :func:`actors`."""
    where, params = "", []
    if name:
        code = country_code(name)
        if code is not None:
            where, params = "WHERE en.country = ?", [code]
        else:  # a name or any alias matches; all the actor's mentions are counted
            params = []
            where = (f"WHERE {contains('en.name', name, params)} OR en.id IN "
                     f"(SELECT entity_id FROM mentions WHERE {contains('text', name, params)})")
    # the counts kept by ingest (actor_stats), aliases only for the actors shown (listing
    # the aliases of every actor costs seconds on millions of mentions)
    top = _limit(f"""
        SELECT c.*, en.name, en.country FROM actor_stats c JOIN entities en ON en.id = c.entity_id
        {where}
        ORDER BY c.mentions DESC, en.name""", limit)
    sql = f"""
    WITH top AS ({top}),
    aliases AS (
        SELECT entity_id, list(DISTINCT text ORDER BY text) AS aliases FROM mentions
        WHERE entity_id IN (SELECT entity_id FROM top) GROUP BY entity_id)
    SELECT t.name, t.country, t.sector, a.aliases, t.mentions, t.articles
    FROM top t JOIN aliases a ON a.entity_id = t.entity_id
    ORDER BY t.mentions DESC, t.name"""
    return Query(sql, params)


def run_sql(con, query: str, *, limit: int | None = None) -> list[dict[str, Any]]:
    """Run one SELECT (or WITH ... SELECT) statement; at most ``limit`` rows.

    Anything else (several statements, COPY, ATTACH, SET, INSTALL, ...) is
    refused. For SQL typed by a user, open the store with
    ``open_store(path, read_only=True, sandbox=True)``, which also denies
    file, network and extension access inside a SELECT (``read_text``).
    """
    try:
        statements = con.extract_statements(query or "")
    except duckdb.Error as exc:
        raise StoreError(f"SQL error: {exc}") from exc
    if not statements:
        raise StoreError('empty query: give one SELECT statement, e.g. "SELECT count(*) FROM events"')
    if len(statements) != 1:
        raise StoreError(f"one statement at a time, please (this query has {len(statements)})")
    kind = statements[0].type
    if kind != duckdb.StatementType.SELECT:
        raise StoreError(
            f"only SELECT (or WITH ... SELECT) queries are run here, not {kind.name}: the store is read-only"
        )
    if limit is not None and limit < 1:
        raise StoreError(f"limit {limit!r}: give a number of rows, 1 or more")
    try:
        cursor = con.execute(query)
        columns = [d[0] for d in cursor.description]
        rows = cursor.fetchall() if limit is None else cursor.fetchmany(limit)
    except duckdb.Error as exc:
        raise StoreError(f"SQL error: {exc}") from exc
    return [dict(zip(columns, row)) for row in rows]


def summary(con) -> dict[str, int]:
    """Row counts: articles, near-duplicates, events, clusters, entities, failures."""
    one = lambda sql: con.execute(sql).fetchone()[0]  # noqa: E731
    return {
        "articles": one("SELECT count(*) FROM articles"),
        "duplicates": one("SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL"),
        "events": one("SELECT count(*) FROM events"),
        "clusters": one("SELECT count(*) FROM events WHERE representative"),  # one representative each
        "entities": one("SELECT count(*) FROM entities"),
        "failures": one("SELECT count(*) FROM failures WHERE level = 'error'"),
    }
