"""The JSON API through FastAPI's test client, on a store built by really ingesting articles."""
from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import duckdb
import pyarrow.parquet as pq
import pytest
from fastapi.testclient import TestClient

from tacitus.store import events as cli_events
from tacitus.store import open_store
from tacitus.web import create_app

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def client(web_store):
    with TestClient(create_app(web_store), raise_server_exceptions=False) as c:
        yield c


def test_web_api_stats_counts_the_store(client, web_store):
    data = client.get("/api/stats").json()
    con = open_store(web_store, read_only=True, sandbox=True)  # the viewer's settings: its kept store
    articles, events = con.execute("SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM events)").fetchone()
    con.close()
    assert data["counts"]["articles"] == articles == 11
    assert data["counts"]["duplicates"] == 1
    assert data["counts"]["events"] == events > 20
    # every cluster is in the weekly counts but those the text gives no day for, counted apart
    assert sum(w["events"] for w in data["weekly"]) + data["undated"] == data["counts"]["clusters"]
    assert data["undated"] > 0
    assert {w["quad"] for w in data["weekly"]} <= {"VERBAL COOPERATION", "MATERIAL COOPERATION", "VERBAL CONFLICT", "MATERIAL CONFLICT"}
    assert data["dyads"] and all({"actor", "recipient", "events", "mean_score"} <= set(d) for d in data["dyads"])
    assert data["actors"][0]["events"] >= data["actors"][-1]["events"]


def test_web_api_events_filter_like_the_cli(client, web_store):
    """The API and `tacitus events` share one filter implementation: same clusters."""
    cases = [dict(actor="RUS"), dict(type="ASSAULT,ACCUSE"), dict(text="mutiny"),
             dict(since="2023-06-01", until="2023-06-30"), dict(actor="Qin"), dict(quad="verbal cooperation")]
    con = open_store(web_store, read_only=True, sandbox=True)
    try:
        expected = [{row["cluster_id"] for row in cli_events(con, **filters)} for filters in cases]
    finally:
        con.close()
    for filters, clusters in zip(cases, expected):
        assert clusters, filters
        page = client.get("/api/events", params={**filters, "limit": 500}).json()
        assert page["total"] == len(clusters), filters
        assert {row["id"] for row in page["rows"]} == clusters, filters


def test_web_api_text_spaces_count_as_on_the_command_line(client, web_store):
    """The API and `tacitus events` read the words of the text alike, the spaces around
    them included (" the " is the word, "the" also "there"); only spaces filter nothing."""
    def cli(*args):  # (another process: this one holds the store open with the viewer's settings)
        result = subprocess.run([sys.executable, "-m", "tacitus", "events", "--db", str(web_store), "-f", "jsonl",
                                 *args], capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stderr
        return {json.loads(line)["cluster_id"] for line in result.stdout.splitlines()}

    def api(**params):
        return {row["id"] for row in client.get("/api/events", params={**params, "limit": 500}).json()["rows"]}

    everything = cli()
    assert everything and api() == everything
    for blank in (" ", "  \t", "\n", " \n "):
        if blank in (" ", " \n "):
            assert cli("--text", blank) == everything, repr(blank)
        assert api(text=blank) == everything, repr(blank)
        assert client.get("/api/stats", params={"text": blank}).json() == client.get("/api/stats").json()
    found = {}
    for text in ("the", " the ", " mutiny"):
        found[text] = cli("--text", text)
        assert found[text] and api(text=text) == found[text], repr(text)
    assert found[" the "] < found["the"]


def test_web_api_events_quad_filter_and_sort(client):
    page = client.get("/api/events", params={"quad": "material-conflict", "sort": "score", "order": "asc", "limit": 500}).json()
    assert page["total"] > 0
    assert {row["quad"] for row in page["rows"]} == {"MATERIAL CONFLICT"}
    scores = [row["score"] for row in page["rows"]]
    assert scores == sorted(scores)


def test_web_api_events_paginate(client):
    whole = client.get("/api/events", params={"limit": 500, "sort": "date"}).json()
    first = client.get("/api/events", params={"limit": 5, "offset": 0, "sort": "date"}).json()
    second = client.get("/api/events", params={"limit": 5, "offset": 5, "sort": "date"}).json()
    assert first["total"] == second["total"] == whole["total"] > 10
    assert [r["id"] for r in first["rows"] + second["rows"]] == [r["id"] for r in whole["rows"][:10]]
    beyond = client.get("/api/events", params={"offset": 100_000}).json()
    assert beyond["rows"] == [] and beyond["total"] == whole["total"]


def test_web_api_events_download_csv_jsonl_parquet(client):
    selection = client.get("/api/events", params={"actor": "RUS", "limit": 500}).json()
    ids = {row["id"] for row in selection["rows"]}
    response = client.get("/api/events", params={"actor": "RUS", "format": "csv"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert {r["id"] for r in rows} == ids
    lines = client.get("/api/events", params={"actor": "RUS", "format": "jsonl"}).text.splitlines()
    assert {json.loads(line)["id"] for line in lines} == ids
    table = pq.read_table(io.BytesIO(client.get("/api/events", params={"actor": "RUS", "format": "parquet"}).content))
    assert set(table.column("id").to_pylist()) == ids


def test_web_api_download_is_capped(web_store):
    with TestClient(create_app(web_store, max_download=3)) as small:
        lines = small.get("/api/events", params={"format": "jsonl"}).text.splitlines()
    assert len(lines) == 3


def test_web_api_article_has_events_marks_duplicates_and_clusters(client):
    data = client.get("/api/articles/demo").json()
    assert data["title"].startswith("Foreign ministers")
    kinds = {m["kind"] for m in data["marks"]}
    assert {"actor", "trigger", "recipient"} <= kinds
    meeting = next(e for e in data["events"] if e["eventText"] == "met")
    marked = {m["kind"]: data["text"][m["start"]:m["end"]] for m in meeting["marks"]}
    assert marked["trigger"] == "met"
    assert "Qin Gang" in marked["actor"] and "Retno Marsudi" in marked["recipient"]
    assert marked["place"] == "Jakarta" and marked["date"] == "on Friday"
    assert [d["id"] for d in data["duplicates"]] == ["demo-copy"]
    assert {c["cluster_id"] for c in data["clusters"]} == {e["cluster_id"] for e in data["events"]}
    assert all(c["reports"] == 2 for c in data["clusters"])  # the wire copy reports them too
    copy = client.get("/api/articles/demo-copy").json()
    assert copy["duplicate_of"] == "demo" and len(copy["events"]) == len(data["events"])


def test_web_api_actor_has_aliases_timeline_and_counterparts(client):
    top = client.get("/api/actors", params={"limit": 5}).json()["actors"]
    assert top
    name, country = top[0]["name"], top[0]["country"]
    data = client.get("/api/actors", params={"name": name, "country": country}).json()
    assert data["name"] == name and country in data["countries"]
    assert sum(a["mentions"] for a in data["aliases"]) == data["mentions"]
    assert data["timeline"] and data["counterparts"]


def test_web_api_dyads_network_and_places(client):
    net = client.get("/api/dyads").json()
    ids = {n["id"] for n in net["nodes"]}
    assert net["edges"] and all(e["source"] in ids and e["target"] in ids for e in net["edges"])
    actors = client.get("/api/dyads", params={"level": "actor"}).json()
    assert actors["level"] == "actor" and actors["edges"]
    places = client.get("/api/places").json()["places"]
    assert any(p["name"] == "Jakarta" for p in places)
    assert all(-90 <= p["lat"] <= 90 and p["latest"] for p in places)


def test_web_api_code_codes_without_storing(client, web_store):
    before = client.get("/api/stats").json()["counts"]
    response = client.post("/api/code", json={"text": "Houthi rebels attacked the town of Marib on Saturday.", "date": "2023-06-25"})
    assert response.status_code == 200
    data = response.json()
    assert [e["event"] for e in data["events"]] == ["ASSAULT"]
    assert data["events"][0]["date"] == "2023-06-24"
    assert any(m["kind"] == "trigger" and data["text"][m["start"]:m["end"]] == "attacked" for m in data["marks"])
    assert client.get("/api/stats").json()["counts"] == before


@pytest.mark.parametrize("url, status", [
    ("/api/events?since=yesterday", 400),
    ("/api/events?quad=hostile", 400),
    ("/api/events?sort=password", 422),
    ("/api/events?limit=100000", 422),
    ("/api/events?format=xls", 422),
    ("/api/articles/no-such-article", 404),
    ("/api/actors?name=Nobody%20At%20All", 404),
    ("/api/sql?q=select%201", 404),
    ("/api/nothing", 404),
])
def test_web_api_bad_requests_get_json_errors(client, url, status):
    response = client.get(url)
    assert response.status_code == status
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert body["status"] == status and body["error"]
    assert "Traceback" not in response.text


def test_web_api_filters_are_parameters_not_sql(client):
    total = client.get("/api/events").json()["total"]
    for evil in ["' OR 1=1 --", "RUS'); DROP TABLE events; --"]:
        response = client.get("/api/events", params={"text": evil, "actor": evil})
        assert response.status_code == 200
        assert response.json()["total"] < total
    assert client.get("/api/events").json()["total"] == total


def test_web_api_refuses_large_bodies(client):
    response = client.post("/api/code", content=b"x" * 2_100_000, headers={"content-type": "application/json"})
    assert response.status_code == 413 and "error" in response.json()
    response = client.post("/api/code", json={"text": ""})
    assert response.status_code == 422


def test_web_api_store_is_read_only_without_external_access(web_store, tmp_path):
    from tacitus.web.db import connect

    con = connect(web_store)
    try:
        with pytest.raises(duckdb.Error):
            con.execute("DELETE FROM events")
        with pytest.raises(duckdb.Error):
            con.execute(f"COPY events TO '{tmp_path / 'leak.csv'}'")
        with pytest.raises(duckdb.Error):
            con.execute("SELECT * FROM read_csv('/etc/passwd')")
    finally:
        con.close()
    assert not (tmp_path / "leak.csv").exists()


def test_web_api_openapi_documents_every_endpoint(client):
    spec = client.get("/api/openapi.json").json()
    assert {"/api/events", "/api/dyads", "/api/actors", "/api/articles/{article_id}", "/api/stats", "/api/code", "/api/places"} <= set(spec["paths"])
    params = {p["name"] for p in spec["paths"]["/api/events"]["get"]["parameters"]}
    assert {"actor", "recipient", "type", "quad", "since", "until", "text", "sort", "offset", "limit", "format"} <= params
    assert client.get("/api/docs").status_code == 200


def test_web_api_views_are_served(client):
    for path in ["/", "/events", "/map", "/network", "/code", "/article/demo", "/actor?name=China", "/api/docs"]:
        response = client.get(path)
        assert response.status_code == 200 and response.headers["content-type"].startswith("text/html"), path
    assert client.get("/static/vendor/leaflet/leaflet.js").status_code == 200
    assert client.get("/static/vendor/countries-110m.json").status_code == 200


WRITE_FAILURE = """import sys
from tacitus.store import open_store
con = open_store(sys.argv[1], retry=20)
con.execute("INSERT INTO failures VALUES ('x.jsonl', 1, NULL, 'error', 'bad line', now())")
con.close()
"""


def test_web_api_answers_from_cache_until_the_store_changes(web_store, tmp_path):
    import shutil

    copy = tmp_path / "copy.duckdb"
    shutil.copy(web_store, copy)
    with TestClient(create_app(copy)) as c:
        first = c.get("/api/stats").json()
        assert c.get("/api/stats").json() == first
        # a writer in another process: the viewer, which keeps the store open between
        # requests, lets it go as the writer waits
        subprocess.run([sys.executable, "-c", WRITE_FAILURE, str(copy)], check=True, timeout=60)
        after = c.get("/api/stats").json()
    assert after["counts"]["failures"] == first["counts"]["failures"] + 1


def test_web_api_article_marks_title_events_in_the_title(coder, tmp_path):
    """An event coded from the title has a span before offset 0: it is marked in
    the title, never somewhere in the body."""
    from tacitus.store import ingest

    title = "Russia  accuses Ukraine of shelling Kharkiv"
    body = ("Officials in Moscow spoke to reporters on Monday. "
            "The weather in the region was cold and the markets were quiet.")
    source = tmp_path / "titled.jsonl"
    source.write_text(json.dumps(dict(id="t1", title=title, date="2024-03-04", text=body)) + "\n",
                      encoding="utf-8")
    path = tmp_path / "titled.duckdb"
    con = open_store(path)
    try:
        ingest(con, [str(source)], coder)
    finally:
        con.close()
    with TestClient(create_app(path), raise_server_exceptions=False) as c:
        data = c.get("/api/articles/t1").json()
    in_title = [e for e in data["events"] if e["span"][1] <= 0]
    assert in_title and in_title[0]["event"] == "ACCUSE"
    shown = " ".join(title.split())
    marks = in_title[0]["marks"]
    assert marks and all(m.get("part") == "title" for m in marks)
    words = {m["kind"]: shown[m["start"]:m["end"]] for m in marks}
    assert words["actor"] == "Russia" and words["recipient"] == "Ukraine"
    assert "accuses" in words["trigger"]
    title_marks = [m for m in data["marks"] if m.get("part") == "title"]
    assert {m["kind"] for m in title_marks} >= {"actor", "trigger"}
    assert all(m["end"] <= len(body) for m in data["marks"] if m.get("part") != "title")


def test_web_highlight_title_event_without_title_marks_nothing():
    from tacitus.web.highlight import event_marks

    title = "Russia accuses Ukraine of shelling"  # offsets count back from the end of title + "\n\n"
    event = {"span": [-36, -2], "eventText": "accuses", "actor": [{"start": -36, "end": -30}]}
    body = "Russia accuses nobody here; the body also says accuses."
    assert event_marks(body, event, 0) == []
    marks = event_marks(body, event, 0, title=title)
    assert {(m["kind"], title[m["start"]:m["end"]], m["part"]) for m in marks} == {
        ("actor", "Russia", "title"), ("trigger", "accuses", "title")}
