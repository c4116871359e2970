"""Exports: PLOVER JSON Lines records, a flat GDELT-like CSV, Parquet."""
from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path
from typing import IO

from ..errors import StoreError
from .queries import QUAD_CLASS_SQL, cameo_actor_code
from .rows import event_from_row

FORMATS = ("jsonl", "csv", "parquet")

#: One row per event, GDELT-like column names: the CSV, and the Parquet columns
#: (which add the whole actor and recipient lists as ``actors``, ``recipients``).
FLAT_SQL = f"""
SELECT e.id AS event_id, e.event_day AS date,
       e.actor_country AS actor1_country, e.actor_sector AS actor1_sector, e.actor_name AS actor1_name,
       e.recipient_country AS actor2_country, e.recipient_sector AS actor2_sector,
       e.recipient_name AS actor2_name,
       e.event AS event_type, e.mode, e.cameo AS cameo_code, e.score, e.quad, {QUAD_CLASS_SQL},
       {cameo_actor_code("e.actor[1]")} AS actor1_code, {cameo_actor_code("e.recipient[1]")} AS actor2_code,
       e.location.name AS location, e.location.country AS location_country,
       e.location.lat AS lat, e.location.lon AS lon,
       e.negated, e.future, e.hypothetical,
       e.cluster_id, c.n_reports, e.doc_id, a.url AS source_url, e."eventText" AS event_text, e.text
"""
#: The whole record (nested actor/recipient structs) plus cluster and source columns.
RECORD_SQL = f"""
SELECT e.* EXCLUDE (group_key, representative, search_text, seq), c.n_reports, a.url AS source_url, a.published, {QUAD_CLASS_SQL},
       {cameo_actor_code("e.actor[1]")} AS actor_code, {cameo_actor_code("e.recipient[1]")} AS recipient_code
"""
#: What a JSON Lines record carries beside the PLOVER record: the cluster, the
#: article's publication day (an event date of null is not that day), the source,
#: and the codes of the CSV.
RECORD_EXTRA = ("cluster_id", "n_reports", "published", "source_url", "quad_class",
                "actor_code", "recipient_code")
PARQUET_SQL = FLAT_SQL + ", e.actor AS actors, e.recipient AS recipients\n"
#: Reports per cluster: its events' articles and their near-duplicates (the
#: ``n_reports`` of the event_clusters view, without its lists of sources).
REPORTS_SQL = """
SELECT cluster_id, count(*) AS n_reports FROM (
    SELECT cluster_id, doc_id AS article FROM events
    UNION SELECT e.cluster_id, d.id FROM events e JOIN articles d ON d.duplicate_of = e.doc_id)
GROUP BY cluster_id
"""
WHERE_SQL = "WHERE a.duplicate_of IS NULL {extra}"
FROM_SQL = f"""
FROM events e JOIN articles a ON a.id = e.doc_id JOIN ({REPORTS_SQL}) c ON c.cluster_id = e.cluster_id
{WHERE_SQL}
ORDER BY e.event_day NULLS LAST, e.doc_id, e.sentence, e.id
"""
#: How many events an export writes, without computing it.
COUNT_SQL = f"SELECT count(*) FROM events e JOIN articles a ON a.id = e.doc_id {WHERE_SQL}"


def _sql_string(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def export(con, fmt: str, out: str | Path | IO[str], *, clusters: bool = False) -> int:
    """Write the stored events to ``out`` (a path, or a text stream for jsonl/csv).

    ``clusters=True`` writes one event per cluster (its representative) instead of
    every report. Returns the number of events written.
    """
    if fmt not in FORMATS:
        raise StoreError(f"export format {fmt!r}: use one of {', '.join(FORMATS)}")
    extra = "AND e.id = e.cluster_id" if clusters else ""
    if fmt == "jsonl":
        return _export_jsonl(con, out, extra)
    sql = (FLAT_SQL if fmt == "csv" else PARQUET_SQL) + FROM_SQL.format(extra=extra)
    count = con.execute(COUNT_SQL.format(extra=extra)).fetchone()[0]
    options = "FORMAT csv, HEADER" if fmt == "csv" else "FORMAT parquet"
    if isinstance(out, (str, Path)):
        _copy(con, sql, Path(out), options)
        return count
    if fmt == "parquet":
        raise StoreError("parquet exports need a file: give --output FILE.parquet")
    # a stream gets the bytes a file gets: DuckDB writes them, then they are copied over
    with tempfile.TemporaryDirectory(prefix="tacitus-export-") as tmp:
        path = Path(tmp) / "events.csv"
        _copy(con, sql, path, options)
        with open(path, encoding="utf-8", newline="") as written:
            shutil.copyfileobj(written, out, 1 << 20)
    return count


def _copy(con, sql: str, path: Path, options: str) -> None:
    try:
        con.execute(f"COPY ({sql}) TO {_sql_string(path)} ({options})")
    except Exception as exc:
        raise StoreError(f"{path}: cannot write the export ({exc})") from exc


def _export_jsonl(con, out, extra: str) -> int:
    sql = RECORD_SQL + FROM_SQL.format(extra=extra)
    close = False
    if isinstance(out, (str, Path)):
        try:
            stream = open(out, "w", encoding="utf-8")
        except OSError as exc:
            raise StoreError(f"{out}: cannot write the export ({exc})") from exc
        close = True
    else:
        stream = out
    cursor = con.execute(sql)
    columns = [d[0] for d in cursor.description]
    count = 0
    try:
        while True:
            chunk = cursor.fetchmany(1000)
            if not chunk:
                break
            for values in chunk:
                row = dict(zip(columns, values))
                record = event_from_row(row).to_dict()
                for key in RECORD_EXTRA:
                    value = row[key]
                    record[key] = value.isoformat() if hasattr(value, "isoformat") else value
                stream.write(json.dumps(record, ensure_ascii=False) + "\n")
                count += 1
    finally:
        if close:
            stream.close()
    return count
