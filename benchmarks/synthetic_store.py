"""A consistent synthetic store of N events for the query and viewer benchmarks.

    python benchmarks/synthetic_store.py /tmp/million.duckdb --events 1000000

Built with SQL inside DuckDB in the real schema (``open_store`` creates it):
articles (5% of them near-duplicates, stored without events, as ingest
stores them), events spread over five years (2020-2024) with actors,
recipients and places from fixed lists (skewed as news is: a few countries
and actors take most events), event clusters as the store forms
them (same type, actor and recipient countries and day; ``cluster_id`` the
smallest event id), entities, and one mention per actor and recipient. The
same N gives the same store (every value is a hash of the row number).
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from tacitus.store import open_store  # noqa: E402
from tacitus.store.search import add_words, sort_if_due  # noqa: E402
from tacitus.store.schema import (  # noqa: E402
    ACTOR_STATS_SELECT, ACTOR_UNITS_SELECT, DYAD_UNITS_SELECT, PLACE_SUMMARY_SELECT, mention_events)

COUNTRIES = (
    "USA RUS UKR CHN IRN ISR PSE SYR IRQ TUR AFG PAK IND GBR FRA DEU JPN KOR PRK SAU YEM EGY LBY SDN "
    "SOM ETH KEN NGA MLI COD VEN COL MEX BRA ARG CAN AUS IDN PHL MMR THA VNM TWN POL BLR SRB AZE ARM "
    "GEO LBN JOR QAT ARE IGO NGO"
).split()
#: PLOVER types with their quad class and a typical score
TYPES = [
    ("AGREE", "VERBAL COOPERATION", 4.0), ("CONSULT", "VERBAL COOPERATION", 2.5),
    ("SUPPORT", "VERBAL COOPERATION", 5.0), ("CONCEDE", "VERBAL COOPERATION", 3.0),
    ("COOPERATE", "MATERIAL COOPERATION", 6.0), ("AID", "MATERIAL COOPERATION", 7.0),
    ("RETREAT", "MATERIAL COOPERATION", 5.5), ("REQUEST", "VERBAL CONFLICT", 0.0),
    ("ACCUSE", "VERBAL CONFLICT", -2.0), ("REJECT", "VERBAL CONFLICT", -4.0),
    ("THREATEN", "VERBAL CONFLICT", -6.0), ("PROTEST", "MATERIAL CONFLICT", -6.5),
    ("SANCTION", "MATERIAL CONFLICT", -7.0), ("MOBILIZE", "MATERIAL CONFLICT", -7.5),
    ("COERCE", "MATERIAL CONFLICT", -8.0), ("ASSAULT", "MATERIAL CONFLICT", -9.5),
]
SECTORS = ["GOV", "MIL", "REB", "OPP", "BUS", "CVL", "MED", "JUD"]
N_PLACES = 2000
N_ACTORS = 5000


def build(path: Path, n_events: int) -> dict[str, float]:
    if path.exists():
        path.unlink()
    started = time.perf_counter()
    con = open_store(path)
    n_articles = (n_events // 4 + 1) * 20 // 19 + 2  # four events per coded article
    con.execute("CREATE TEMP TABLE types AS SELECT t[1] AS event, t[2] AS quad, CAST(t[3] AS DOUBLE) AS score, i FROM "
                "(SELECT unnest(?) AS t, generate_subscripts(?, 1) - 1 AS i)",
                [[[a, b, str(c)] for a, b, c in TYPES], [[a, b, str(c)] for a, b, c in TYPES]])
    nc = len(COUNTRIES)
    # actors: a name, a country, a sector
    con.execute(f"""
    CREATE TEMP TABLE actors AS
    SELECT i, 'Actor ' || i AS name, list_extract($countries, CAST(floor({nc} * pow((hash(i, 'c') % 1000000) / 1000000.0, 2.5)) AS INTEGER) + 1) AS country,
           list_extract($sectors, CAST(hash(i, 's') % {len(SECTORS)} AS INTEGER) + 1) AS sector,
           md5('actor' || i)[1:16] AS id
    FROM range({N_ACTORS}) t(i)""", {"countries": COUNTRIES, "sectors": SECTORS})
    con.execute(f"""
    CREATE TEMP TABLE places AS
    SELECT i, 'Place ' || i AS name, list_extract($countries, CAST(hash(i, 'pc') % {nc} AS INTEGER) + 1) AS country,
           (hash(i, 'lat') % 12000) / 100.0 - 55 AS lat, (hash(i, 'lon') % 36000) / 100.0 - 180 AS lon,
           1000000 + i AS geonameid
    FROM range({N_PLACES}) t(i)""", {"countries": COUNTRIES})
    # articles: every 20th is a near-duplicate of the one before it
    con.execute(f"""
    INSERT INTO articles (id, content_hash, title, url, published, source, line, text, duplicate_of,
                          similarity, n_events, coded_at, ingested_at)
    SELECT 'a' || i, md5('a' || i), 'Story ' || i || ': leaders meet as fighting goes on',
           'https://news.example/' || i, DATE '2020-01-01' + CAST(hash(i, 'd') % 1827 AS INTEGER),
           'synthetic.jsonl', CAST(i AS INTEGER) + 1,
           'Story ' || i || '. Actor ' || (hash(i, 'x') % {N_ACTORS}) || ' met Actor ' || (hash(i, 'y') % {N_ACTORS})
             || ' in Place ' || (hash(i, 'p') % {N_PLACES}) || ' on Monday, officials said. '
             || repeat('The talks covered trade, security and the conflict. ', 4),
           CASE WHEN i % 20 = 19 THEN 'a' || (i - 1) END, CASE WHEN i % 20 = 19 THEN 0.93 END,
           CASE WHEN i % 20 = 19 THEN 0 ELSE 4 END, now(), now()
    FROM range({n_articles}) t(i)""")
    coded = n_articles - n_articles // 20
    # events: spread over the coded articles; an event's day is near its article's
    # every fourth event is also reported by another article (pairs of articles share one
    # event: same type, actors and day), so clusters have more than one report
    con.execute(f"""
    CREATE TEMP TABLE raw AS
    SELECT j, 'a' || art AS doc_id, art, CAST(j % 7 AS INTEGER) AS sentence, k,
           CAST(hash(k, 'type') % {len(TYPES)} AS INTEGER) AS ti,
           CAST(floor({N_ACTORS} * pow((hash(k, 'actor') % 1000000) / 1000000.0, 2)) AS INTEGER) AS ai,
           CAST(floor({N_ACTORS} * pow((hash(k, 'recipient') % 1000000) / 1000000.0, 2)) AS INTEGER) AS ri,
           CASE WHEN hash(k, 'placed') % 10 < 4 THEN CAST(hash(k, 'place') % {N_PLACES} AS INTEGER) END AS pi,
           hash(j, 'neg') % 50 = 0 AS negated, j % 4 = 3 AS shared
    FROM (SELECT j, (j // 4) + (j // 4) // 19 AS art,
                 CASE WHEN j % 4 = 3 THEN {n_events} + j // 8 ELSE j END AS k
          FROM range({n_events}) t(j)) x
    WHERE art < {n_articles}""")
    con.execute(f"""
    INSERT INTO events
    SELECT md5('e' || r.j)[1:16] AS id, r.doc_id, r.sentence, t.event, '' AS mode, [] AS context,
                      '000' AS cameo, t.score, t.quad,
           CASE WHEN r.shared THEN DATE '2020-01-01' + CAST(hash(r.k, 'day') % 1827 AS INTEGER)
                ELSE a.published - CAST(hash(r.j, 'back') % 3 AS INTEGER) END AS date,
           [{{'text': ac.name, 'name': ac.name, 'country': ac.country, 'sector': ac.sector, 'role': NULL,
              'start': 10, 'end': 20}}] AS actor,
           [{{'text': rc.name, 'name': rc.name, 'country': rc.country, 'sector': rc.sector, 'role': NULL,
              'start': 25, 'end': 35}}] AS recipient,
           'met' AS "eventText", ac.name || ' met ' || rc.name || ' (' || t.event || ')' AS text,
           CASE WHEN p.i IS NOT NULL THEN {{'name': p.name, 'country': p.country, 'lat': p.lat, 'lon': p.lon,
                                           'geonameid': p.geonameid}} END AS location,
           r.negated, false, false, NULL, [0, 80],
           ac.name, ac.country, ac.sector, rc.name, rc.country, rc.sector,
           date AS event_day,
           t.event || '|' || ac.country || '|' || rc.country || '|' || CAST(event_day AS VARCHAR) AS group_key,
           NULL AS cluster_id, NULL AS representative,
           ac.name AS actor_names, rc.name AS recipient_names,  -- every name and text: the same here
           chr(10) || ac.country || chr(10) AS actor_countries, chr(10) || rc.country || chr(10) AS recipient_countries,
           lower(ac.name || ' met ' || rc.name || ' (' || t.event || ')') || chr(10) || lower(a.title) AS search_text,
           r.j + 1 AS seq
    FROM raw r JOIN articles a ON a.id = r.doc_id JOIN types t ON t.i = r.ti
    JOIN actors ac ON ac.i = r.ai JOIN actors rc ON rc.i = r.ri LEFT JOIN places p ON p.i = r.pi""")
    con.execute("""
    UPDATE events SET cluster_id = c.cid FROM (
        SELECT group_key, min(id) AS cid FROM events GROUP BY group_key) c
    WHERE events.group_key = c.group_key""")
    con.execute("UPDATE events SET representative = (id = cluster_id)")
    con.execute("""
    INSERT INTO entities SELECT id, name, country FROM actors""")
    con.execute(f"""
    INSERT INTO mentions """ + mention_events("""(
    SELECT ac.id AS entity_id, r.doc_id, md5('e' || r.j)[1:16] AS event_id, 'actor' AS role, ac.name AS text,
           ac.sector, NULL AS title, 10 AS "start", 20 AS "end"
    FROM raw r JOIN actors ac ON ac.i = r.ai
    UNION ALL
    SELECT rc.id, r.doc_id, md5('e' || r.j)[1:16], 'recipient', rc.name, rc.sector, NULL, 25, 35
    FROM raw r JOIN actors rc ON rc.i = r.ri)""") + " ORDER BY m.entity_id, m.doc_id, m.event_id")
    # the per-cluster summaries ingest keeps (written here in one statement)
    con.execute("INSERT INTO dyad_units " + DYAD_UNITS_SELECT.format(extra="") + " ORDER BY day")
    con.execute("INSERT INTO actor_stats " + ACTOR_STATS_SELECT.format(extra=""))
    con.execute("INSERT INTO actor_units " + ACTOR_UNITS_SELECT.format(extra="") + " ORDER BY day")
    con.execute("INSERT INTO place_summary " + PLACE_SUMMARY_SELECT.format(extra=""))
    add_words(con, 0)  # the word index of the text filter
    sort_if_due(con, force=True)
    counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
              for t in ("articles", "events", "entities", "mentions")}
    counts["clusters"] = con.execute("SELECT count(DISTINCT cluster_id) FROM events").fetchone()[0]
    con.execute("CHECKPOINT")
    con.close()
    counts["seconds"] = round(time.perf_counter() - started, 1)
    counts["coded_articles"] = coded
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--events", type=int, default=1_000_000)
    args = parser.parse_args()
    print(build(args.path, args.events))


if __name__ == "__main__":
    main()
