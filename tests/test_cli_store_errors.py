"""`tacitus ingest` and the query commands keep their contract on failures and mistakes."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import duckdb
import pytest
from click.testing import CliRunner

from tacitus.cli import main

pytestmark = pytest.mark.slow

SENTENCES = [
    "Russian forces attacked the Ukrainian city of Kharkiv on Monday, Ukrainian officials said.",
    "Ukraine accused Russia of targeting civilians.",
    "China and Russia signed an agreement on energy cooperation in Beijing on Tuesday.",
    "Kenyan police arrested dozens of demonstrators.",
    "Iran threatened to close the Strait of Hormuz if the United States imposed new sanctions.",
    "The weather was mild and the markets were calm in the afternoon.",
]


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_cli_ingest_reports_failures_and_exits_1(tmp_path):
    path = tmp_path / "many.jsonl"
    lines = [json.dumps({"id": "good", "text": SENTENCES[0], "date": "2024-03-04"})]
    lines += ["{broken"] * 14
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = tmp_path / "s.duckdb"
    result = run("ingest", str(path), "--db", str(db), "--quiet")
    assert result.exit_code == 1
    assert "stored 1," in result.stdout and "failed 14" in result.stdout
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert errors[0].startswith(f"error: {path}:2: not JSON")
    assert len(errors) == 11  # the first ten, then the count and how to list them all
    assert "14 input(s) not coded (4 more not shown)" in errors[-1]
    listing = errors[-1].split("List them: ")[1]
    assert listing.startswith("tacitus sql")
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM failures WHERE level = 'error'").fetchone() == (14,)


def test_cli_option_mistakes_are_clear_errors(tmp_path):
    path = tmp_path / "one.jsonl"
    path.write_text(json.dumps({"id": "a", "text": SENTENCES[0], "date": "2024-03-04"}) + "\n", encoding="utf-8")
    db = tmp_path / "s.duckdb"
    bad = run("ingest", str(path), "--db", str(db), "--threshold", "5", "--quiet")
    assert bad.exit_code == 2 and "--threshold" in bad.stderr and "Traceback" not in bad.output
    assert not db.exists()
    bad = run("ingest", str(path), "--db", str(db), "--batch-size", "0", "--quiet")
    assert bad.exit_code == 2 and "--batch-size" in bad.stderr
    assert run("ingest", str(path), "--db", str(db), "--quiet").exit_code == 0
    for command in ("events", "actors"):
        bad = run(command, "--db", str(db), "--limit", "-1")
        assert bad.exit_code == 2 and "--limit" in bad.stderr and "Traceback" not in bad.output


def test_cli_store_refuses_a_duckdb_file_of_its_own(tmp_path):
    db = tmp_path / "mine.duckdb"
    with duckdb.connect(str(db)) as con:
        con.execute("CREATE TABLE events (what VARCHAR)")
        con.execute("INSERT INTO events VALUES ('my data')")
    path = tmp_path / "one.jsonl"
    path.write_text(json.dumps({"id": "a", "text": SENTENCES[0], "date": "2024-03-04"}) + "\n", encoding="utf-8")
    for args in (["ingest", str(path), "--quiet"], ["events"], ["sql", "SELECT 1"]):
        result = run(*args, "--db", str(db))
        assert result.exit_code == 1 and result.stderr.startswith("error:"), result.output
        assert "tables of its own (events)" in result.stderr and "not a tacitus store" in result.stderr
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT * FROM events").fetchall() == [("my data",)]
        assert con.execute("SELECT count(*) FROM information_schema.tables").fetchone() == (1,)


@pytest.fixture()
def small_disk(tmp_path):
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1200k", "tmpfs", str(mount)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs to fill the disk (needs root): {done.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=True)


def test_cli_ingest_full_disk_is_a_clear_error_and_the_store_stays_usable(tmp_path, small_disk):
    corpus = tmp_path / "long.jsonl"
    with corpus.open("w", encoding="utf-8") as f:
        for i in range(24):
            text = " ".join(SENTENCES[(i + k) % len(SENTENCES)] for k in range(40)) + f" Story number {i}."
            f.write(json.dumps({"id": f"b{i}", "text": text, "date": "2024-03-04"}) + "\n")
    db = small_disk / "s.duckdb"
    command = [sys.executable, "-m", "tacitus", "ingest", str(corpus), "--db", str(db), "--no-dedup",
               "--batch-size", "2", "--quiet"]
    full = subprocess.run(command, capture_output=True, text=True)
    assert full.returncode == 1
    assert "Traceback" not in full.stderr and "no space left on device" in full.stderr, full.stderr
    assert full.stderr.startswith("error:")
    with duckdb.connect(str(db), read_only=True) as con:  # whole batches only
        stored = con.execute("SELECT count(*) FROM articles").fetchone()[0]
        coded = con.execute("SELECT count(*) FROM articles WHERE n_events = "
                            "(SELECT count(*) FROM events WHERE doc_id = articles.id)").fetchone()[0]
    assert stored < 24 and stored % 2 == 0 and coded == stored
    subprocess.run(["mount", "-o", "remount,size=64m", str(small_disk)], check=True)
    resumed = subprocess.run(command, capture_output=True, text=True)
    assert resumed.returncode == 0, resumed.stderr
    assert f"stored {24 - stored}, skipped as already stored {stored}" in resumed.stdout
    assert os.path.getsize(db) > 0
