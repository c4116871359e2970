"""The store's writer: idempotent, batched, near-duplicates, recode, clusters.

These tests code articles with a hand-written coder (events built by hand
from the article text) so that they test the store, not the NLP; the CLI
tests (test_cli_store.py) use the real coder.
"""
from __future__ import annotations

import pytest

from tacitus.ingest import Notice
from tacitus.ingest.duplicates import NearDuplicateIndex, minhash
from tacitus.records import Article, Entity, Event, Location
from tacitus.store import SCHEMA_VERSION, ingest_items, open_store
from tacitus.store.clusters import cluster_group

PLACES = {"Kyiv": (50.45, 30.52), "Irpin": (50.52, 30.25), "Lviv": (49.84, 24.03)}


class HandCoder:
    """Codes "RUS ACCUSE UKR at Kyiv" style lines: one event per line of the text."""

    def __init__(self, fail_on: str | None = None):
        self.fail_on = fail_on

    def events(self, article: Article) -> list[Event]:
        events, offset = [], 0
        for n, line in enumerate(article.text.split("\n")):
            words = line.split()
            if len(words) >= 3 and words[1].isupper():
                place = words[4] if len(words) > 4 and words[3] == "at" else None
                location = Location(place, "UKR", *PLACES[place], 1) if place in PLACES else None
                events.append(
                    Event(
                        id=f"{article.id}-{n}", doc_id=article.id, sentence=n, event=words[1],
                        score=-2.0, date=article.date, text=line, span=(offset, offset + len(line)),
                        actor=[Entity(words[0], words[0], words[0], "GOV", None, offset, offset + 3)],
                        recipient=[Entity(words[2], words[2], words[2], "GOV", None, offset + 1, offset + 2)],
                        location=location,
                    )
                )
            offset += len(line) + 1
        return events

    def pipe(self, articles, processes=1, on_error=None):
        for article in articles:
            if article.id == self.fail_on:
                raise RuntimeError("coder crashed")
            yield article, self.events(article)


def article(i: int, text: str | None = None, date: str = "2024-05-01") -> Article:
    text = text or f"RUS ACCUSE UKR at Kyiv\nstory {i} says something entirely its own {i} {i * 7} {i * 13}"
    return Article(id=f"a{i}", text=text, date=date, url=f"https://example.org/{i}")


def contents(con) -> dict[str, list]:
    """Every table's rows, without the wall-clock columns."""
    return {
        "articles": con.execute(
            "SELECT * EXCLUDE (coded_at, ingested_at) FROM articles ORDER BY id").fetchall(),
        "events": con.execute("SELECT * FROM events ORDER BY id").fetchall(),
        "entities": con.execute("SELECT * FROM entities ORDER BY id").fetchall(),
        "mentions": con.execute("SELECT * FROM mentions ORDER BY ALL").fetchall(),
        "failures": con.execute("SELECT * EXCLUDE (recorded_at) FROM failures ORDER BY ALL").fetchall(),
    }


@pytest.fixture
def store(tmp_path):
    con = open_store(tmp_path / "t.duckdb")
    yield con
    con.close()


def test_store_schema_is_versioned(tmp_path):
    path = tmp_path / "v.duckdb"
    open_store(path).close()
    con = open_store(path)  # opening again applies nothing new
    assert con.execute("SELECT list(version) FROM schema_version").fetchone()[0] == list(
        range(1, SCHEMA_VERSION + 1))
    con.close()
    ro = open_store(path, read_only=True)
    assert ro.execute("SELECT count(*) FROM articles").fetchone()[0] == 0
    ro.close()


def test_store_ingest_twice_keeps_the_same_rows(store):
    items = [article(i) for i in range(5)]
    first = ingest_items(store, items, HandCoder(), batch_size=2, dedup=False)
    before = contents(store)
    second = ingest_items(store, items, HandCoder(), batch_size=2, dedup=False)
    assert (first.stored, first.events) == (5, 5)
    assert (second.stored, second.skipped, second.events) == (0, 5, 0)
    assert contents(store) == before


def test_store_rows_do_not_depend_on_batch_size(tmp_path):
    items = [article(i) for i in range(7)] + [Notice("x.jsonl", 3, "not JSON")]
    results = []
    for size in (1, 3, 100):
        con = open_store(tmp_path / f"b{size}.duckdb")
        ingest_items(con, items, HandCoder(), batch_size=size)
        results.append(contents(con))
        con.close()
    assert results[0] == results[1] == results[2]


def test_store_resumes_after_a_crash_with_the_rows_of_a_full_run(tmp_path):
    items = [article(i) for i in range(6)] + [article(9, article(0).text)]
    full = open_store(tmp_path / "full.duckdb")
    ingest_items(full, items, HandCoder(), batch_size=2)
    crashed = open_store(tmp_path / "crash.duckdb")
    with pytest.raises(RuntimeError):
        ingest_items(crashed, items, HandCoder(fail_on="a3"), batch_size=2)
    assert crashed.execute("SELECT count(*) FROM articles").fetchone()[0] == 2  # one batch committed
    summary = ingest_items(crashed, items, HandCoder(), batch_size=2)
    assert summary.skipped == 2
    assert contents(crashed) == contents(full)


def test_store_notices_go_to_failures_once(store):
    items = [article(1), Notice("bad.jsonl", 2, "line 2 is not JSON"),
             Notice("bad.jsonl", None, "not UTF-8, read as cp1252", "warning")]
    summary = ingest_items(store, items, HandCoder())
    ingest_items(store, items, HandCoder())
    assert (summary.failed, summary.warnings, summary.stored) == (1, 1, 1)
    rows = store.execute("SELECT source, line, level, message FROM failures ORDER BY level").fetchall()
    assert rows == [("bad.jsonl", 2, "error", "line 2 is not JSON"),
                    ("bad.jsonl", None, "warning", "not UTF-8, read as cp1252")]


def test_store_near_duplicates_are_linked_and_not_coded(store):
    original = article(1, "RUS ACCUSE UKR at Kyiv\n" + " ".join(f"word{i}" for i in range(200)))
    copy = Article(id="copy", text=original.text.replace("word150", "changed"), date="2024-05-01")
    other = article(2)
    summary = ingest_items(store, [original, copy, other], HandCoder())
    assert (summary.stored, summary.duplicates) == (2, 1)
    dup = store.execute("SELECT duplicate_of, similarity, n_events FROM articles WHERE id = 'copy'").fetchone()
    assert dup[0] == "a1" and dup[1] > 0.8 and dup[2] is None
    assert store.execute("SELECT count(*) FROM events WHERE doc_id = 'copy'").fetchone()[0] == 0
    # the copy counts as a report of the original's event cluster
    reports = store.execute(
        "SELECT n_reports, sources FROM event_clusters WHERE cluster_id = 'a1-0'").fetchone()
    assert reports[0] == 3 and "copy" in reports[1]


def test_store_duplicate_index_prefers_the_closest_article():
    index = NearDuplicateIndex(0.5)
    base = [f"w{i}" for i in range(100)]
    index.add("far", minhash(" ".join(base[:70] + [f"x{i}" for i in range(30)])))
    index.add("near", minhash(" ".join(base[:95] + [f"y{i}" for i in range(5)])))
    assert index.find(minhash(" ".join(base)))[0] == "near"
    assert index.find(minhash("nothing in common with those at all here")) is None


def test_store_recode_replaces_events(store):
    ingest_items(store, [article(1)], HandCoder())
    changed = Article(id="a1", text="RUS THREATEN UKR at Lviv\nUKR PROTEST RUS", date="2024-05-02")
    summary = ingest_items(store, [changed], HandCoder(), recode=True)
    assert (summary.recoded, summary.stored) == (1, 0)
    rows = store.execute("SELECT event FROM events WHERE doc_id = 'a1' ORDER BY sentence").fetchall()
    assert rows == [("THREATEN",), ("PROTEST",)]
    assert store.execute("SELECT n_events, text, published FROM articles WHERE id = 'a1'").fetchone() == (
        2, changed.text, __import__("datetime").date(2024, 5, 2))


def test_store_recode_is_all_or_nothing(store):
    ingest_items(store, [article(i) for i in range(4)], HandCoder(), batch_size=1)
    before = contents(store)
    with pytest.raises(RuntimeError):
        ingest_items(store, [article(i, f"UKR AGREE RUS {i}") for i in range(4)],
                     HandCoder(fail_on="a3"), batch_size=1, recode=True)
    assert contents(store) == before


def test_store_clusters_join_nearby_reports_only(store):
    texts = {1: "RUS ASSAULT UKR at Kyiv", 2: "RUS ASSAULT UKR at Irpin", 3: "RUS ASSAULT UKR at Lviv",
             4: "RUS ASSAULT UKR at Kyiv"}
    items = [article(i, text) for i, text in texts.items()]
    items[3].date = "2024-05-09"  # another day: another event
    ingest_items(store, items, HandCoder(), dedup=False)
    clusters = dict(store.execute("SELECT doc_id, cluster_id FROM events").fetchall())
    assert clusters["a1"] == clusters["a2"] == "a1-0"  # Irpin is 20 km from Kyiv
    assert clusters["a3"] == "a3-0"  # Lviv is 470 km away
    assert clusters["a4"] == "a4-0"


def test_store_cluster_group_is_order_independent():
    events = [("b", 50.0, 30.0), ("a", 50.5, 30.0), ("c", None, None), ("d", None, None), ("e", 10.0, 10.0)]
    result = cluster_group(events)
    assert result == cluster_group(list(reversed(events)))
    assert result == {"a": "a", "b": "a", "c": "c", "d": "c", "e": "e"}
