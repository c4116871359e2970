"""The partitioned runner, on real local Dask clusters: results equal a
single-process run, a killed worker loses nothing, a re-run skips what is
done, bad partitions become failures. Inputs are small: each cluster's
workers load the real model."""
from __future__ import annotations

import io
import json
import logging
import os
import signal
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from tacitus.cli import main
from tacitus.dist import Settings, run
from tacitus.ingest import iter_articles
from tacitus.store.dataset import Dataset

pytestmark = pytest.mark.slow
distributed = pytest.importorskip("distributed")

STORIES = [
    "Russian forces attacked the Ukrainian city of Kharkiv on Monday, Ukrainian officials said.",
    "China and Russia signed an agreement on energy cooperation in Beijing on Tuesday.",
    "Kenyan police arrested dozens of protesters in Nairobi on Wednesday.",
    "Iran threatened to close the Strait of Hormuz if the United States imposed new sanctions.",
    "The United Nations called on Israel and Hamas to agree to a ceasefire.",
    "Turkish troops shelled Kurdish positions in northern Syria on Thursday.",
    "India and Pakistan held talks in Islamabad about the disputed region of Kashmir.",
    "The European Union imposed sanctions on Belarus after the disputed election.",
]


def make_corpus(folder: Path) -> list[str]:
    """A JSONL file (with a bad line), a Parquet file of two row groups, a text
    file, a file that claims to be Parquet but is not, and a WARC file of three pages."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = [json.dumps({"id": f"j{i}", "text": t, "date": "2024-03-04"}) for i, t in enumerate(STORIES[:5])]
    lines.insert(2, "{not json")
    (folder / "a.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    table = pa.table({"id": [f"p{i}" for i in range(3)], "text": STORIES[5:8],
                      "date": ["2024-03-05"] * 3})
    pq.write_table(table, folder / "b.parquet", row_group_size=2)
    (folder / "c.txt").write_text(STORIES[0] + " " + STORIES[3], encoding="utf-8")
    (folder / "d.parquet").write_bytes(b"this is no parquet file")
    write_warc(folder / "f.warc.gz", STORIES[4:7])
    return [str(folder / n) for n in ("a.jsonl", "b.parquet", "c.txt", "d.parquet", "f.warc.gz")]


def write_warc(path: Path, texts: list[str]) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=True)
        for i, text in enumerate(texts):
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.0")
            page = f"<html><head><title>Story {i}</title></head><body><article><p>{text}</p></article></body></html>"
            writer.write_record(writer.create_warc_record(
                f"https://news.example/{i}", "response", payload=io.BytesIO(page.encode("utf-8")),
                http_headers=headers))


def single_process(coder, sources: list[str]) -> list[dict]:
    articles = [a for a in iter_articles(sources, date="2024-03-06") if not hasattr(a, "level")]
    return sorted((e.to_dict() for _, events in coder.pipe(articles) for e in events), key=lambda e: e["id"])


def dataset_events(output) -> list[dict]:
    from tacitus.store.rows import event_from_row

    dataset = Dataset(str(output))
    events = []
    for key in dataset.keys():
        for row in dataset.read("events", key):
            event = event_from_row(row)
            event.mentions = row["mentions"]
            events.append(event.to_dict())
    return sorted(events, key=lambda e: e["id"])


@pytest.fixture(scope="module")
def cluster():
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                       dashboard_address=None, silence_logs=logging.ERROR)
    yield cluster
    cluster.close()


def test_dist_local_cluster_equals_single_process_and_resumes(tmp_path, coder, cluster):
    sources = make_corpus(tmp_path / "in")
    settings = Settings.of(read_options={"date": "2024-03-06"})
    with distributed.Client(cluster) as client:
        result = run(sources, str(tmp_path / "out"), settings, client=client, partition_size=2)
    statuses = [p.status for p in result.partitions]
    # 3 line ranges, 2 row groups, the text, the non-Parquet file, 2 ranges of WARC records
    assert statuses == ["coded"] * 9
    assert result.articles == 12
    expected = single_process(coder, sources)
    assert len(expected) >= 8
    assert dataset_events(tmp_path / "out") == expected
    failures = [r for key in result.keys for r in Dataset(str(tmp_path / "out")).read("failures", key)]
    where = sorted((Path(f["source"]).name, f["line"]) for f in failures)
    assert where == [("a.jsonl", 3), ("d.parquet", None)]
    assert "not JSON" in next(f["message"] for f in failures if f["line"] == 3)
    assert "not a Parquet file" in next(f["message"] for f in failures if f["line"] is None)

    with distributed.Client(cluster) as client:  # everything done: nothing coded again
        again = run(sources, str(tmp_path / "out"), settings, client=client, partition_size=2)
    assert [p.status for p in again.partitions] == ["skipped"] * 9
    assert again.articles == 12


def test_dist_partition_that_cannot_be_read_is_a_failure(tmp_path, coder):
    from tacitus.dist import code_partition
    from tacitus.ingest.partitions import plan_partitions

    sources = make_corpus(tmp_path / "in")[:1]
    plan = plan_partitions(sources, partition_size=2)
    Path(sources[0]).unlink()  # gone between planning and coding
    done = code_partition(1, plan[1], Settings(), str(tmp_path / "out"), coder)
    assert (done.status, done.articles, done.failures) == ("failed", 0, 1)
    assert "a.jsonl:3" in done.message and "FileNotFoundError" in done.message
    failures = Dataset(str(tmp_path / "out")).read("failures", done.key)
    assert [(f["line"], f["level"]) for f in failures] == [(3, "error")]
    assert not Dataset(str(tmp_path / "out")).done(done.key)  # a re-run tries it again


def test_dist_killed_worker_loses_nothing(tmp_path, coder):
    sources = make_corpus(tmp_path / "in")[:2]
    settings = Settings.of(read_options={"date": "2024-03-06"})
    killed = []
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  silence_logs=logging.CRITICAL) as local, distributed.Client(local) as client:

        def kill_one(done):
            if not killed:  # half-way: after the first partition, while the others run
                nanny = next(iter(local.workers.values()))
                killed.append(nanny.process.pid)
                os.kill(nanny.process.pid, signal.SIGKILL)

        result = run(sources, str(tmp_path / "out"), settings, client=client, partition_size=1,
                     on_partition=kill_one)
    assert killed
    # a partition the killed worker had written but not reported is run again and found done
    assert {p.status for p in result.partitions} <= {"coded", "skipped"}
    assert len(result.partitions) == 8 and result.articles == 8
    assert dataset_events(tmp_path / "out") == single_process(coder, sources)


def test_dist_memory_filesystem_in_and_out(coder):
    import fsspec

    fs = fsspec.filesystem("memory")
    fs.pipe("/tacitus-test/in/news.jsonl", "\n".join(
        json.dumps({"id": f"m{i}", "text": t, "date": "2024-03-04"}) for i, t in enumerate(STORIES[:3])).encode())
    try:
        result = run(["memory://tacitus-test/in/"], "memory://tacitus-test/out", Settings(), coder=coder,
                     partition_size=2)
        assert [p.status for p in result.partitions] == ["coded", "coded"]
        names = sorted(p.rsplit("/", 1)[-1] for p in fs.find("/tacitus-test/out"))
        assert names == sorted(f"{k}.parquet" for k in result.keys for _ in ("events", "articles"))
        events = dataset_events("memory://tacitus-test/out")
        assert {e["doc_id"] for e in events} == {"m0", "m1", "m2"}
        sources = Dataset("memory://tacitus-test/out").read("articles", result.keys[0])
        assert sources[0]["source"] == "memory:///tacitus-test/in/news.jsonl"
    finally:
        fs.rm("/tacitus-test", recursive=True)


def test_cli_ingest_scheduler_equals_single_process_store(tmp_path):
    sources = make_corpus(tmp_path / "in")[:3]
    copy = tmp_path / "in" / "e.jsonl"  # the same wire story under another id: a near-duplicate
    copy.write_text(json.dumps({"id": "copy", "text": STORIES[1], "date": "2024-03-04"}) + "\n")
    sources.append(str(copy))
    runner = CliRunner()
    single = runner.invoke(main, ["ingest", *sources, "--db", str(tmp_path / "one.duckdb"), "-q"])
    assert single.exit_code == 1 and "failed 1," in single.output, single.output  # the corpus's bad line
    dask = runner.invoke(main, ["ingest", *sources, "--db", str(tmp_path / "two.duckdb"), "-q",
                                "--scheduler", "local:2", "--partition-size", "2"])
    assert dask.exit_code == 1 and "failed 1," in dask.output, dask.output
    assert "a.jsonl:3: not JSON" in dask.output
    assert (tmp_path / "two.dataset" / "articles").is_dir()
    queries = {
        "events": "SELECT * FROM events ORDER BY id",
        "articles": "SELECT * EXCLUDE (coded_at, ingested_at) FROM articles ORDER BY id",
        "failures": "SELECT * EXCLUDE (recorded_at) FROM failures ORDER BY ALL",
        "mentions": "SELECT * FROM mentions ORDER BY ALL",
    }
    one, two = duckdb.connect(str(tmp_path / "one.duckdb")), duckdb.connect(str(tmp_path / "two.duckdb"))
    for name, query in queries.items():
        assert one.sql(query).fetchall() == two.sql(query).fetchall(), name
    assert two.execute("SELECT duplicate_of FROM articles WHERE id = 'copy'").fetchone() == ("j1",)
    assert two.execute("SELECT count(*) FROM events").fetchone()[0] > 0


def test_cli_code_scheduler_needs_an_output_folder(tmp_path):
    corpus = make_corpus(tmp_path / "in")[0]
    result = CliRunner().invoke(main, ["code", corpus, "--scheduler", "local:1"])
    assert result.exit_code == 1
    assert "--output DIR" in result.output
    result = CliRunner().invoke(main, ["code", corpus, "--scheduler", "local:x", "--output", str(tmp_path / "o")])
    assert result.exit_code == 1
    assert "local:N" in result.output
