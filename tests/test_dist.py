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
import sys
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from tacitus.cli import main
from tacitus import dist
from tacitus.dist import Settings, connect, run
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
    # the cluster `--scheduler local:2` starts: its replacement worker is forked with the coder loaded
    with connect("local:2", dashboard=False, settings=settings) as client:

        def kill_one(done):
            if not killed:  # half-way: after the first partition, while the others run
                nanny = next(iter(client.cluster.workers.values()))
                killed.append(nanny.process.pid)
                os.kill(nanny.process.pid, signal.SIGKILL)

        result = run(sources, str(tmp_path / "out"), settings, client=client, partition_size=1,
                     on_partition=kill_one)
    assert killed
    # a partition the killed worker had written but not reported is run again and found done
    assert {p.status for p in result.partitions} <= {"coded", "skipped"}
    assert len(result.partitions) == 8 and result.articles == 8
    assert dataset_events(tmp_path / "out") == single_process(coder, sources)


PRELOAD_CHECK = """
import gc, json, os, sys
from tacitus import dist
settings = dist.Settings.from_json(sys.argv[1])
with dist.connect("local:2", dashboard=False, settings=settings) as client:
    print(json.dumps({"parents": list(client.run(os.getppid).values()), "client": os.getpid(),
                      "keys": list(client.run(lambda: dist._worker_coder[0]).values()),
                      "frozen": list(client.run(gc.get_freeze_count).values())}))
print(json.dumps(os.environ.get(dist.PRELOAD_ENV)))
"""


def test_dist_local_cluster_workers_start_with_the_coder_loaded():
    import subprocess

    settings = Settings.of(read_options={"date": "2024-03-06"}, include_negated=True)
    # in a process of its own: the fork server is started once per process
    done = subprocess.run([sys.executable, "-c", PRELOAD_CHECK, settings.to_json()], capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    found, left = (json.loads(line) for line in done.stdout.splitlines()[-2:])
    # both workers forked from one fork server (not started afresh by the client), which built the
    # coder for these settings before any worker started and froze it out of garbage collection
    assert len(set(found["parents"])) == 1 and found["client"] not in found["parents"]
    assert found["keys"] == [settings.fingerprint()] * 2
    assert all(n > 0 for n in found["frozen"])
    assert left is None  # the settings file is gone with the cluster


def test_dist_worker_keeps_its_coder_for_the_same_settings(tmp_path, cluster):
    settings, other = Settings.of(read_options={"date": "2024-03-06"}), Settings()
    source = tmp_path / "a.jsonl"
    source.write_text(json.dumps({"id": "a", "text": STORIES[0]}) + "\n")
    with distributed.Client(cluster) as client:
        run([str(source)], str(tmp_path / "out"), settings, client=client)
        coders = client.run(lambda: id(dist._worker_coder[1]))
        run([str(source)], str(tmp_path / "out2"), settings, client=client)  # a second run: no new coder
        assert client.run(lambda: id(dist._worker_coder[1])) == coders
        run([str(source)], str(tmp_path / "out3"), other, client=client)  # other settings: built for them
        assert set(client.run(lambda: dist._worker_coder[0]).values()) == {other.fingerprint()}


def test_dist_settings_round_trip_through_json():
    settings = Settings(model="m", include_negated=True, triggers="say\tCONSULT\n",
                        read=(("date", "2024-01-02"), ("text_field", "body")), english_only=False)
    assert Settings.from_json(settings.to_json()) == settings
    assert Settings.from_json(settings.to_json()).fingerprint() == settings.fingerprint()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's allocator")
def test_dist_restore_mmap_threshold_only_where_dask_set_the_trim_threshold():
    import subprocess

    check = "from tacitus.dist import restore_mmap_threshold; print(restore_mmap_threshold())"
    env = {k: v for k, v in os.environ.items() if not k.startswith("MALLOC_")}

    def answer(**extra):
        done = subprocess.run([sys.executable, "-c", check], env=dict(env, **extra), capture_output=True,
                              text=True, check=True)
        return done.stdout.strip()

    assert answer(MALLOC_TRIM_THRESHOLD_="65536") == "True"  # a Dask nanny's worker
    assert answer() == "False"  # glibc's own dynamic thresholds: nothing to undo
    assert answer(MALLOC_TRIM_THRESHOLD_="65536", MALLOC_MMAP_THRESHOLD_="1048576") == "False"  # the user's choice


@pytest.mark.skipif((os.cpu_count() or 1) < 2 or not os.path.isdir("/proc/self/task"), reason="threads per CPU")
def test_dist_loads_numpy_with_one_blas_thread():
    import subprocess

    # tacitus.dist loads NumPy (through pyarrow) before the coder: the BLAS must be
    # limited by then, or a run coded in this process multiplies on every core at once
    count = "import os, numpy; numpy.ones((300, 300)) @ numpy.ones((300, 300)); print(len(os.listdir('/proc/self/task')))"
    # (a Dask nanny in this process has set OMP_NUM_THREADS and others here: OpenBLAS reads them too)
    limits = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "GOTO_NUM_THREADS", "MKL_NUM_THREADS")
    env = {k: v for k, v in os.environ.items() if k not in limits}

    def threads(first: str) -> int:
        done = subprocess.run([sys.executable, "-c", f"{first}; {count}"], env=env, capture_output=True,
                              text=True, check=True)
        return int(done.stdout)

    assert threads("import tacitus.dist") < threads("import numpy; import tacitus.dist")


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
