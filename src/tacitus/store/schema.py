"""The DuckDB schema of the corpus store, versioned with migrations.

``open_store(path)`` opens (and creates or upgrades) a store; each migration
is a list of SQL statements applied in one transaction and recorded in
``schema_version``. To change the schema, append a migration: never edit one
that has shipped.
"""
from __future__ import annotations

import re
import time
from pathlib import Path

import duckdb

from ..errors import StoreError

ENTITY_STRUCT = (
    'STRUCT("text" VARCHAR, "name" VARCHAR, country VARCHAR, sector VARCHAR, '
    'role VARCHAR, "start" INTEGER, "end" INTEGER)'
)
LOCATION_STRUCT = (
    'STRUCT("name" VARCHAR, country VARCHAR, lat DOUBLE, lon DOUBLE, geonameid BIGINT)'
)

#: The columns of the mentions table as version 1 made it (version 5 adds more).
_MENTION_COLUMNS_V1 = """
        entity_id VARCHAR NOT NULL,
        doc_id VARCHAR NOT NULL,
        event_id VARCHAR NOT NULL,
        role VARCHAR NOT NULL,
        text VARCHAR,
        sector VARCHAR,
        title VARCHAR,
        "start" INTEGER,
        "end" INTEGER"""

_V1 = [
    """CREATE TABLE articles (
        id VARCHAR PRIMARY KEY,
        content_hash VARCHAR NOT NULL,
        title VARCHAR,
        url VARCHAR,
        published DATE,
        source VARCHAR,
        line INTEGER,
        text VARCHAR NOT NULL,
        duplicate_of VARCHAR,
        similarity DOUBLE,
        minhash BLOB,
        n_events INTEGER,
        coded_at TIMESTAMP,
        ingested_at TIMESTAMP
    )""",
    f"""CREATE TABLE events (
        id VARCHAR NOT NULL,
        doc_id VARCHAR NOT NULL,
        sentence INTEGER,
        event VARCHAR NOT NULL,
        mode VARCHAR,
        context VARCHAR[],
        cameo VARCHAR,
        score DOUBLE,
        quad VARCHAR,
        date DATE,
        actor {ENTITY_STRUCT}[],
        recipient {ENTITY_STRUCT}[],
        "eventText" VARCHAR,
        text VARCHAR,
        location {LOCATION_STRUCT},
        negated BOOLEAN,
        future BOOLEAN,
        hypothetical BOOLEAN,
        attribution {ENTITY_STRUCT},
        span INTEGER[],
        actor_name VARCHAR,
        actor_country VARCHAR,
        actor_sector VARCHAR,
        recipient_name VARCHAR,
        recipient_country VARCHAR,
        recipient_sector VARCHAR,
        event_day DATE,
        group_key VARCHAR NOT NULL,
        cluster_id VARCHAR
    )""",
    """CREATE TABLE entities (
        id VARCHAR PRIMARY KEY,
        name VARCHAR NOT NULL,
        country VARCHAR
    )""",
    "CREATE TABLE mentions (" + _MENTION_COLUMNS_V1 + "\n    )",
    """CREATE TABLE failures (
        source VARCHAR NOT NULL,
        line INTEGER,
        article_id VARCHAR,
        level VARCHAR NOT NULL,
        message VARCHAR NOT NULL,
        recorded_at TIMESTAMP
    )""",
    "CREATE INDEX articles_hash ON articles(content_hash)",
    "CREATE INDEX events_doc ON events(doc_id)",
    "CREATE INDEX events_group ON events(group_key)",
    "CREATE INDEX mentions_doc ON mentions(doc_id)",
    # Event clusters: the events reported by several articles, counted once. The
    # reports of a cluster are the articles whose events are in it and their
    # near-duplicates (stored, not coded).
    """CREATE VIEW event_clusters AS
    WITH reports AS (
        SELECT e.cluster_id, a.id AS article_id, coalesce(a.url, a.id) AS source
        FROM events e JOIN articles a ON a.id = e.doc_id
        UNION
        SELECT e.cluster_id, d.id, coalesce(d.url, d.id)
        FROM events e JOIN articles d ON d.duplicate_of = e.doc_id
    ),
    members AS (
        SELECT cluster_id, any_value(event) AS event, min(event_day) AS date,
               min(actor_country) AS actor_country, min(recipient_country) AS recipient_country,
               count(*) AS n_events
        FROM events GROUP BY cluster_id
    )
    SELECT m.*, r.n_reports, r.sources FROM members m JOIN (
        SELECT cluster_id, count(DISTINCT article_id) AS n_reports,
               list(DISTINCT source ORDER BY source) AS sources
        FROM reports GROUP BY cluster_id) r USING (cluster_id)""",
]

#: One row per event cluster that ``dyads`` counts (its events neither negated nor
#: hypothetical, with both countries and a day), kept up to date by ingest in the
#: transaction that changes the events, so that ``dyads`` groups these rows instead
#: of a million events by cluster. ``{extra}`` narrows it to some event groups.
_DYAD_UNITS_V2 = """
SELECT cluster_id, any_value(group_key) AS group_key, any_value(event) AS event,
       min(event_day) AS day, min(actor_country) AS actor, min(recipient_country) AS recipient,
       avg(score) AS score
FROM events
WHERE actor_country IS NOT NULL AND recipient_country IS NOT NULL AND event_day IS NOT NULL
  AND NOT negated AND NOT hypothetical {extra}
GROUP BY cluster_id"""

#: The countries of an event's actors (or recipients): the same for every event of a cluster.
COUNTRIES = "list_sort(list_distinct(list_transform({side}, lambda x: x.country)))"

#: Since version 3 also the cluster's quad class and the countries of its actors and
#: recipients (filters by quad class or country read the summary alone).
DYAD_UNITS_SELECT = """
SELECT cluster_id, any_value(group_key) AS group_key, any_value(event) AS event,
       min(event_day) AS day, min(actor_country) AS actor, min(recipient_country) AS recipient,
       avg(score) AS score, any_value(quad) AS quad,
       any_value(""" + COUNTRIES.format(side="actor") + """) AS actors,
       any_value(""" + COUNTRIES.format(side="recipient") + """) AS recipients
FROM events
WHERE actor_country IS NOT NULL AND recipient_country IS NOT NULL AND event_day IS NOT NULL
  AND NOT negated AND NOT hypothetical {extra}
GROUP BY cluster_id"""

_V2 = [
    """CREATE TABLE dyad_units (
        cluster_id VARCHAR NOT NULL,
        group_key VARCHAR NOT NULL,
        event VARCHAR,
        day DATE,
        actor VARCHAR,
        recipient VARCHAR,
        score DOUBLE
    )""",
    "INSERT INTO dyad_units " + _DYAD_UNITS_V2.format(extra="") + " ORDER BY day",
]

#: One row per resolved actor (entity) with mentions: its most frequent sector (ties:
#: the first in order), its mentions and the articles that mention it. Kept up to date
#: by ingest in the transaction that changes the mentions, so that ``actors`` reads
#: 5,000 rows instead of counting two million mentions. ``{extra}`` narrows it to some
#: entities.
ACTOR_STATS_SELECT = """
WITH m AS (SELECT entity_id, doc_id, sector FROM mentions WHERE true {extra}),
sectors AS (
    SELECT entity_id, first(sector ORDER BY n DESC, sector) AS sector FROM (
        SELECT entity_id, sector, count(*) AS n FROM m WHERE sector IS NOT NULL GROUP BY ALL)
    GROUP BY entity_id)
SELECT m.entity_id, any_value(s.sector) AS sector, count(*) AS mentions, count(DISTINCT m.doc_id) AS articles
FROM m LEFT JOIN sectors s ON s.entity_id = m.entity_id
GROUP BY m.entity_id"""

#: One row per event cluster and actor (resolved name and country) that is the first
#: actor or first recipient of one of its events, with the cluster's type, quad class and
#: day (the same for all its events): the viewer's top actors count these rows instead of
#: a million events' two sides. Kept by ingest with ``dyad_units``.
ACTOR_UNITS_SELECT = """
SELECT DISTINCT cluster_id, group_key, event, quad, day, name, country, actors, recipients FROM (
    SELECT cluster_id, group_key, event, quad, event_day AS day, actor_name AS name, actor_country AS country,
           """ + COUNTRIES.format(side="actor") + """ AS actors, """ + COUNTRIES.format(side="recipient") + """ AS recipients
    FROM events WHERE actor_name IS NOT NULL {extra}
    UNION ALL
    SELECT cluster_id, group_key, event, quad, event_day, recipient_name, recipient_country,
           """ + COUNTRIES.format(side="actor") + """, """ + COUNTRIES.format(side="recipient") + """
    FROM events WHERE recipient_name IS NOT NULL {extra})"""

_V3 = [
    # each cluster's representative event (its id is the cluster's id) flagged, so that
    # a cluster is counted or sorted by reading one boolean column, not comparing two
    # million ids (DuckDB alters a table only without its indexes: dropped and made again)
    "DROP INDEX events_doc",
    "DROP INDEX events_group",
    "ALTER TABLE events ADD COLUMN representative BOOLEAN",
    "UPDATE events SET representative = (id = cluster_id)",
    "CREATE INDEX events_doc ON events(doc_id)",
    "CREATE INDEX events_group ON events(group_key)",
    # events looked up by id and by cluster (an article's clusters, the reports of a page
    # of clusters): an index scan instead of reading a million ids
    "CREATE INDEX events_id ON events(id)",
    "CREATE INDEX events_cluster ON events(cluster_id)",
    """CREATE TABLE actor_units (
        cluster_id VARCHAR NOT NULL,
        group_key VARCHAR NOT NULL,
        event VARCHAR,
        quad VARCHAR,
        day DATE,
        name VARCHAR NOT NULL,
        country VARCHAR,
        actors VARCHAR[],
        recipients VARCHAR[]
    )""",
    "INSERT INTO actor_units " + ACTOR_UNITS_SELECT.format(extra="") + " ORDER BY day",
    "ALTER TABLE dyad_units ADD COLUMN quad VARCHAR",
    "ALTER TABLE dyad_units ADD COLUMN actors VARCHAR[]",
    "ALTER TABLE dyad_units ADD COLUMN recipients VARCHAR[]",
    "DELETE FROM dyad_units",
    "INSERT INTO dyad_units " + DYAD_UNITS_SELECT.format(extra="") + " ORDER BY day",
    """CREATE TABLE actor_stats (
        entity_id VARCHAR NOT NULL,
        sector VARCHAR,
        mentions BIGINT NOT NULL,
        articles BIGINT NOT NULL
    )""",
    "INSERT INTO actor_stats " + ACTOR_STATS_SELECT.format(extra=""),
]

#: Every name and text (as written) of an event's actors (or recipients), distinct and
#: sorted, one a line: a filter by (part of) a name reads this one string column, whose
#: few distinct values DuckDB stores compressed, instead of a list of structs per event
#: (0.01 s instead of 0.14 s over a million events). Ingest fills it on insert.
SIDE_NAMES = ("array_to_string(list_sort(list_distinct(list_filter(flatten(list_transform("
              "{side}, lambda x: [x.name, x.text])), lambda v: v IS NOT NULL))), chr(10))")
#: What separates the names in ``actor_names`` and ``recipient_names``.
NAMES_SEPARATOR = "\n"
#: The countries of an event's actors (or recipients), distinct and sorted, each on a
#: line of its own ("\nRUS\nUKR\n"): a country filter looks for "\nRUS\n" in one
#: compressed string column instead of reading every event's list of structs.
SIDE_COUNTRIES = ("chr(10) || array_to_string(list_sort(list_distinct(list_filter(list_transform("
                  "{side}, lambda x: x.country), lambda v: v IS NOT NULL))), chr(10)) || chr(10)")
#: Each of those columns -> its value, from the ``actor`` and ``recipient`` columns.
_SIDE_COLUMNS = {f"{side}_{kind}": select.format(side=side)
                 for kind, select in (("names", SIDE_NAMES), ("countries", SIDE_COUNTRIES))
                 for side in ("actor", "recipient")}
#: The select list that fills them all.
SIDE_NAMES_COLUMNS = ", ".join(f"{value} AS {column}" for column, value in _SIDE_COLUMNS.items())

_EVENT_INDEXES = ["events_doc ON events(doc_id)", "events_group ON events(group_key)",
                  "events_id ON events(id)", "events_cluster ON events(cluster_id)"]


def _without_event_indexes(statements: list[str]) -> list[str]:
    """``statements`` run with the events' indexes dropped, then made again (DuckDB alters
    a table only without its indexes)."""
    return ([f"DROP INDEX {index.split()[0]}" for index in _EVENT_INDEXES] + statements
            + [f"CREATE INDEX {index}" for index in _EVENT_INDEXES])


_V4 = _without_event_indexes(
    [f"ALTER TABLE events ADD COLUMN {column} VARCHAR" for column in _SIDE_COLUMNS]
    + ["UPDATE events SET " + ", ".join(f"{column} = {value}" for column, value in _SIDE_COLUMNS.items())])

#: What the actor page reads of a mention's event and article, kept with each mention
#: (filled on insert from the stored event and article; ``cluster_id`` kept up to date
#: when ingest re-clusters), so that the page reads the actor's mentions alone instead
#: of joining them to a million events.
MENTION_EVENT_COLUMNS = {
    "cluster_id": "VARCHAR", "score": "DOUBLE", "event_day": "DATE", "actor_name": "VARCHAR",
    "actor_country": "VARCHAR", "recipient_name": "VARCHAR", "recipient_country": "VARCHAR",
    "published": "DATE",
}


def mention_events(source: str, events: str = "events", articles: str = "articles") -> str:
    """A SELECT of the mention rows of ``source`` (the columns of version 1) with the
    fields of their event and article (NULL when the event is not stored)."""
    fields = ", ".join(f"{'a' if c == 'published' else 'e'}.{c}" for c in MENTION_EVENT_COLUMNS)
    return f"""SELECT m.entity_id, m.doc_id, m.event_id, m.role, m.text, m.sector, m.title,
                      m."start", m."end", {fields}
               FROM {source} m LEFT JOIN {events} e ON e.id = m.event_id AND e.doc_id = m.doc_id
               LEFT JOIN {articles} a ON a.id = m.doc_id"""


_V5 = [
    # the mentions made again with their events' fields, stored in order of the actor
    # (entity) so that reading one actor's mentions skips the other row groups
    "DROP INDEX mentions_doc",
    "ALTER TABLE mentions RENAME TO mentions_v4",
    "CREATE TABLE mentions (" + _MENTION_COLUMNS_V1 + """,
        """ + ",\n        ".join(f"{c} {t}" for c, t in MENTION_EVENT_COLUMNS.items()) + """
    )""",
    "INSERT INTO mentions " + mention_events("mentions_v4") + " ORDER BY m.entity_id, m.doc_id, m.event_id",
    "DROP TABLE mentions_v4",
    "CREATE INDEX mentions_doc ON mentions(doc_id)",
]

#: An event's sentence and its article's title in lower case, one a line, stored
#: uncompressed: a filter by words of the text (``ILIKE`` on the sentence or the title)
#: looks for the lowered words in this one column with ``contains`` (``ILIKE`` lowers both
#: sides alike), without decompressing a million sentences and joining the titles (0.08 s
#: instead of 0.3 s over a million events). Ingest fills it on insert.
SEARCH_TEXT = ("lower(coalesce({events}text, '')) || chr(10) || "
               "lower(coalesce((SELECT a.title FROM {articles} a WHERE a.id = {events}doc_id), ''))")
#: The columns ingest computes in SQL from the inserted events ``_tacitus_rows`` (and the
#: ids and titles of their articles, ``_tacitus_titles``); since version 8 also ``seq``,
#: numbering them on from ``{last_seq}``.
DERIVED_EVENT_COLUMNS = (SIDE_NAMES_COLUMNS + ", " + SEARCH_TEXT.format(
    events="_tacitus_rows.", articles="_tacitus_titles") + " AS search_text"
    + ", {last_seq} + row_number() OVER () AS seq")

_V6 = (
    _without_event_indexes(
        ["ALTER TABLE events ADD COLUMN search_text VARCHAR USING COMPRESSION uncompressed",
         "UPDATE events SET search_text = " + SEARCH_TEXT.format(events="events.", articles="articles")])
    # an article's near-duplicates (and the reports of a page of clusters) looked up in an
    # index instead of reading every article's link
    + ["CREATE INDEX articles_duplicate ON articles(duplicate_of)"]
)

#: Places with coordinates of the clusters' representative events ``{reps}`` (as ``r``):
#: a name and country of each (any of its own), its clusters counted, and its latest
#: ``{per_place}`` events (latest day first, then smallest id). ``{extra}``: more conditions.
PLACES_SELECT = """
SELECT any_value(r.location.name) AS name, any_value(r.location.country) AS country,
       r.location.lat AS lat, r.location.lon AS lon, count(*) AS events,
       min_by({{'id': r.id, 'doc_id': r.doc_id, 'date': r.event_day, 'event': r.event,
               'actor': r.actor_country, 'recipient': r.recipient_country}},
              {{'day': coalesce(DATE '1970-01-01' - r.event_day, 2147483647), 'id': r.id}}, {per_place}) AS latest
FROM {reps} r
WHERE r.location.lat IS NOT NULL AND r.location.lon IS NOT NULL {extra}
GROUP BY r.location.lat, r.location.lon"""
#: How many latest events ``place_summary`` keeps per place.
PLACE_LATEST = 5
#: ``PLACES_SELECT`` over every cluster: the rows of ``place_summary``, which the map
#: without filters reads (2,000 rows instead of grouping a million events). Kept by
#: ingest for the places of the event groups a batch changes. ``{extra}``: more conditions.
PLACE_SUMMARY_SELECT = PLACES_SELECT.replace("{per_place}", str(PLACE_LATEST)).replace(
    "{reps}", "(SELECT * FROM events WHERE representative)")

_V7 = [
    """CREATE TABLE place_summary (
        name VARCHAR,
        country VARCHAR,
        lat DOUBLE NOT NULL,
        lon DOUBLE NOT NULL,
        events BIGINT NOT NULL,
        latest STRUCT(id VARCHAR, doc_id VARCHAR, date DATE, event VARCHAR, actor VARCHAR, recipient VARCHAR)[]
    )""",
    "INSERT INTO place_summary " + PLACE_SUMMARY_SELECT.format(extra=""),
]

#: What separates the words of the lowered text (``search_text``) in the word index: ASCII
#: white space and punctuation, one regular expression read alike by DuckDB and Python.
#: Lowering maps none of these characters to another character or another to them, so a
#: word of a lowered text is the lowered word of the text.
WORD_SEPARATORS = r"[\t\n\x0b\f\r !-/:-@\[-`{-~]+"
#: The words (distinct, none empty) of the lowered text of each event whose ``seq`` is
#: over ``{since}``, one row each with the event's ``seq``.
SEARCH_WORDS_SELECT = (
    "SELECT DISTINCT word, seq FROM (SELECT unnest(string_split_regex(search_text, '"
    + WORD_SEPARATORS + "')) AS word, seq FROM events WHERE seq > {since}) WHERE word <> ''")
#: The word index of the text filter, made again in order of the words from its two parts:
#: ``search_words`` (in order of word then event, so that a word is read from one or two
#: row groups), ``search_words_new`` (the words of the events added since, in the order they
#: came); ``search_vocabulary`` holds each word of ``search_words`` with its number of events.
SEARCH_WORDS_SORT = [
    "CREATE TABLE search_words_sorted AS SELECT * FROM "
    "(SELECT * FROM search_words UNION ALL SELECT * FROM search_words_new) ORDER BY word, seq",
    "DROP TABLE search_words",
    "ALTER TABLE search_words_sorted RENAME TO search_words",
    "DELETE FROM search_words_new",
    "DELETE FROM search_vocabulary",
    "INSERT INTO search_vocabulary SELECT word, count(*) FROM search_words GROUP BY word ORDER BY word",
]

_V8 = (
    # each event numbered (``seq``, in order of arrival): the word index names events by it
    _without_event_indexes(["ALTER TABLE events ADD COLUMN seq BIGINT", "UPDATE events SET seq = rowid + 1"])
    + ["CREATE TABLE search_words (word VARCHAR NOT NULL, seq BIGINT NOT NULL)",
       "CREATE TABLE search_words_new (word VARCHAR NOT NULL, seq BIGINT NOT NULL)",
       "CREATE TABLE search_vocabulary (word VARCHAR NOT NULL, events BIGINT NOT NULL)",
       "INSERT INTO search_words_new " + SEARCH_WORDS_SELECT.replace("{since}", "0")]
    + SEARCH_WORDS_SORT
)

#: The overview without filters, kept by ingest (``overview_weeks``, ``overview_dyads``,
#: ``overview_actors``: a thousand rows each instead of grouping a million events): event
#: clusters per week and quad class (those with no day of their own left out: every event
#: of theirs has a day only from its article), and every dyad and actor with its clusters
#: counted, as ``browse.weekly``, ``top_dyads`` and ``top_actors`` count them.
OVERVIEW_SUMMARY = {
    "overview_weeks": """
        SELECT CAST(date_trunc('week', r.event_day) AS DATE) AS week, r.quad, count(*) AS events
        FROM events r WHERE r.representative AND r.event_day IS NOT NULL {extra} AND r.cluster_id NOT IN (
            -- those with an event with no day of its own first (few or none), as ``queries.undated``
            SELECT cluster_id FROM events WHERE cluster_id IN (
                SELECT cluster_id FROM events r WHERE r.date IS NULL AND r.event_day IS NOT NULL {extra})
            GROUP BY cluster_id HAVING count(date) = 0)
        GROUP BY ALL""",
    "overview_dyads": """
        SELECT actor, recipient, count(*) AS events, round(avg(score), 2) AS mean_score
        FROM dyad_units GROUP BY ALL""",
    "overview_actors": "SELECT name, country, count(*) AS events FROM actor_units GROUP BY ALL",
}
#: ``{extra}`` of ``overview_weeks``: the weeks given (a list) only.
OVERVIEW_WEEKS = "AND CAST(date_trunc('week', r.event_day) AS DATE) IN (SELECT unnest(?))"

_V9 = [
    "CREATE TABLE overview_weeks (week DATE NOT NULL, quad VARCHAR, events BIGINT NOT NULL)",
    "CREATE TABLE overview_dyads (actor VARCHAR NOT NULL, recipient VARCHAR NOT NULL, events BIGINT NOT NULL, "
    "mean_score DOUBLE)",
    "CREATE TABLE overview_actors (name VARCHAR NOT NULL, country VARCHAR, events BIGINT NOT NULL)",
]+ [f"INSERT INTO {table} " + select.format(extra="") for table, select in OVERVIEW_SUMMARY.items()]

#: Migrations in order; migration i (1-based) brings the store to version i.
MIGRATIONS: list[list[str]] = [_V1, _V2, _V3, _V4, _V5, _V6, _V7, _V8, _V9]
SCHEMA_VERSION = len(MIGRATIONS)


def current_version(con: duckdb.DuckDBPyConnection) -> int:
    try:  # (a look at the catalog costs more than this query, on every open)
        return con.execute("SELECT coalesce(max(version), 0) FROM main.schema_version").fetchone()[0]
    except duckdb.CatalogException:
        return 0


def migrate(con: duckdb.DuckDBPyConnection) -> int:
    """Apply the missing migrations, each in one transaction; returns the version."""
    version = current_version(con)
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"the store has schema version {version}, newer than this tacitus "
            f"({SCHEMA_VERSION}): upgrade tacitus"
        )
    if version == 0:
        con.execute(
            "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER, applied_at TIMESTAMP)"
        )
    for number in range(version + 1, SCHEMA_VERSION + 1):
        con.execute("BEGIN TRANSACTION")
        try:
            for statement in MIGRATIONS[number - 1]:
                con.execute(statement)
            con.execute("INSERT INTO schema_version VALUES (?, now())", [number])
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
    return SCHEMA_VERSION


#: Seconds a reader keeps trying while an ingest commits a batch (the file is locked).
READ_RETRY = 10.0
#: Seconds a writer keeps trying while readers hold the file.
WRITE_RETRY = 60.0


def _is_lock_error(exc: Exception) -> bool:
    text = str(exc)
    return "lock" in text.lower() and ("Conflicting lock" in text or "Could not set lock" in text)


#: DuckDB settings of a connection for SQL typed by a user: no file, network
#: or extension access beyond the store itself, and no way to change that.
SANDBOX = {
    "enable_external_access": False,
    "autoload_known_extensions": False,
    "autoinstall_known_extensions": False,
    "lock_configuration": True,
}


def open_store(
    path: str | Path, *, read_only: bool = False, retry: float | None = None, sandbox: bool = False
) -> duckdb.DuckDBPyConnection:
    """Open the store at ``path``; a writable store is created or upgraded.

    DuckDB lets one process write a file, or several read it, never both at
    once. ``tacitus ingest`` holds the file only while it commits a batch, so
    a reader (``read_only=True``) that finds it locked tries again for up to
    ``retry`` seconds (default ``READ_RETRY``; ``WRITE_RETRY`` for a writer)
    before a StoreError naming the process that holds it. Use the connection
    briefly and close it (``with open_store(path, read_only=True) as con:``),
    so that the ingest can commit its next batch.

    ``sandbox=True`` (read-only) is for SQL typed by a user (``run_sql``): the
    connection cannot read or write other files, reach the network, load
    extensions or change its settings.
    """
    path = Path(path)
    if sandbox and not read_only:
        raise StoreError("a sandboxed store connection is read-only: open it with read_only=True")
    if read_only and not path.exists():
        raise StoreError(f"{path}: no such store; create it with `tacitus ingest ... --db {path}`")
    if retry is None:
        retry = READ_RETRY if read_only else WRITE_RETRY
    deadline = time.monotonic() + max(retry, 0.0)
    pause = 0.02
    while True:
        try:
            con = duckdb.connect(str(path), read_only=read_only, config=dict(SANDBOX) if sandbox else {})
            break
        except duckdb.Error as exc:
            if _is_lock_error(exc) and time.monotonic() < deadline:
                if not read_only:
                    _say_waiting(path)
                time.sleep(min(pause, max(deadline - time.monotonic(), 0.0)))
                pause = min(pause * 2, 0.5)
                continue
            if _is_lock_error(exc):
                holder = _lock_holder(str(exc))
                doing = "writing to" if read_only else "using"
                raise StoreError(
                    f"{path}: the store stayed locked for {retry:g} s by {holder}; is another "
                    f"process {doing} it and keeping it open? Try again when it is done."
                ) from exc
            raise StoreError(f"{path}: cannot open the store ({exc})") from exc
    if not read_only:
        _done_waiting(path)
    try:
        version = _refuse_foreign(con, path)
        if read_only:
            if version != SCHEMA_VERSION:
                raise StoreError(
                    f"{path}: schema version {version}, expected {SCHEMA_VERSION}; "
                    f"open it once with `tacitus ingest --db {path}` to upgrade it"
                )
        else:
            migrate(con)
    except BaseException:
        con.close()
        raise
    return con


def _refuse_foreign(con: duckdb.DuckDBPyConnection, path: Path) -> int:
    """A DuckDB file with tables of its own is not a store: never write into it.
    Returns the store's schema version."""
    version = current_version(con)
    if version:
        return version
    names = [n for (n,) in con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_name <> 'schema_version' "
        "ORDER BY table_name").fetchall()]
    if names:
        shown = ", ".join(names[:5]) + (", ..." if len(names) > 5 else "")
        raise StoreError(
            f"{path}: a DuckDB file with tables of its own ({shown}), not a tacitus store; "
            "choose another --db"
        )
    return 0


#: A writer that finds the store held by readers says so in a file next to it,
#: ``<store>.wait`` (its modification time, renewed at each try), so that a reader
#: that keeps the store open between queries (``tacitus serve``) lets it go.
WAIT_SUFFIX = ".wait"
#: Seconds a writer's ``.wait`` stays news after its last try.
WAIT_FRESH = 2.0


def _wait_file(path: Path) -> Path:
    return path.with_name(path.name + WAIT_SUFFIX)


def _say_waiting(path: Path) -> None:
    try:
        _wait_file(path).touch()
    except OSError:  # a read-only folder: the reader lets go when idle
        pass


def _done_waiting(path: Path) -> None:
    try:
        _wait_file(path).unlink(missing_ok=True)
    except OSError:
        pass


def writer_waiting(path: str | Path) -> bool:
    """Whether a writer is waiting for the readers of the store at ``path`` to let go."""
    try:
        return time.time() - _wait_file(Path(path)).stat().st_mtime < WAIT_FRESH
    except OSError:
        return False


def _lock_holder(message: str) -> str:
    match = re.search(r"\(PID (\d+)\)", message)
    return f"process {match.group(1)}" if match else "another process"
