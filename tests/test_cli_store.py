"""The store commands end to end: real files, the real coder, real DuckDB files."""
from __future__ import annotations

import csv
import io
import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import duckdb
import click
import pytest
from click.testing import CliRunner

from tacitus.cli import main

pytestmark = pytest.mark.slow

STORIES = [
    "Russian forces attacked the Ukrainian city of Kharkiv on Monday, Ukrainian officials said. "
    "Ukraine accused Russia of targeting civilians.",
    "China and Russia signed an agreement on energy cooperation in Beijing on Tuesday. "
    "The two governments promised to expand trade.",
    "Protesters demonstrated against the government in Nairobi on Wednesday. "
    "Kenyan police arrested dozens of demonstrators.",
    "Iran threatened to close the Strait of Hormuz if the United States imposed new sanctions. "
    "Washington rejected the demand.",
    "The United Nations called on Israel and Hamas to agree to a ceasefire. "
    "Egypt offered to mediate between the two sides.",
    "Turkish troops shelled Kurdish positions in northern Syria on Thursday. "
    "Syrian Kurdish leaders condemned the attack.",
    "India and Pakistan held talks in Islamabad about the disputed region of Kashmir. "
    "Both sides agreed to meet again next month.",
    "The European Union imposed sanctions on Belarus after the disputed election. "
    "Belarusian officials denounced the decision.",
]


def write_jsonl(path: Path, stories: list[str], prefix: str = "s", bad_line: bool = False) -> Path:
    lines = [json.dumps({"id": f"{prefix}{i}", "text": t, "date": "2024-03-04",
                         "url": f"https://news.example/{prefix}{i}"}) for i, t in enumerate(stories)]
    if bad_line:
        lines.insert(1, "{this is not json")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def write_warc(path: Path, url: str, html: str) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=False)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.0")
        record = writer.create_warc_record(url, "response", payload=io.BytesIO(html.encode("utf-8")),
                                           http_headers=headers)
        writer.write_record(record)


def html_page(title: str, body: str) -> str:
    paragraphs = "".join(f"<p>{s}.</p>" for s in body.split(". ") if s)
    return (f"<html><head><title>{title}</title><meta name='date' content='2024-03-05'></head>"
            f"<body><nav>Home | World</nav><article><h1>{title}</h1>{paragraphs}</article>"
            f"<footer>Copyright</footer></body></html>")


@pytest.fixture(scope="module")
def mixed_folder(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    (folder / "kharkiv.txt").write_text(STORIES[0], encoding="utf-8")
    (folder / "energy.html").write_text(html_page("Energy deal", STORIES[1]), encoding="utf-8")
    write_jsonl(folder / "wire.jsonl", STORIES[2:4], bad_line=True)
    with open(folder / "table.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["id", "date", "text"])
        w.writerow(["csv1", "2024-03-06", STORIES[4]])
    items = "".join(
        f"<item><title>Story {i}</title><link>https://feed.example/{i}</link><guid>https://feed.example/{i}</guid>"
        f"<pubDate>Thu, 07 Mar 2024 10:00:00 GMT</pubDate><description>{STORIES[i]}</description></item>"
        for i in (5, 6))
    (folder / "news.rss").write_text(
        f"<?xml version='1.0'?><rss version='2.0'><channel><title>Feed</title>{items}</channel></rss>",
        encoding="utf-8")
    write_warc(folder / "crawl.warc", "https://crawl.example/eu", html_page("EU sanctions", STORIES[7]))
    return folder


def run(*args: str):
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result


def table_rows(db: Path) -> dict[str, list]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {
            "articles": con.execute(
                "SELECT * EXCLUDE (coded_at, ingested_at) FROM articles ORDER BY id").fetchall(),
            "events": con.execute("SELECT * FROM events ORDER BY id").fetchall(),
            "mentions": con.execute("SELECT * FROM mentions ORDER BY ALL").fetchall(),
            "entities": con.execute("SELECT * FROM entities ORDER BY id").fetchall(),
            "failures": con.execute("SELECT * EXCLUDE (recorded_at) FROM failures ORDER BY ALL").fetchall(),
        }
    finally:
        con.close()


@pytest.fixture(scope="module")
def mixed_db(mixed_folder, tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("db") / "mixed.duckdb"
    result = run("ingest", str(mixed_folder), "--db", str(db), "--quiet")
    assert result.exit_code == 1, result.output  # the bad JSONL line was left uncoded
    assert "stored 8," in result.output and "failed 1" in result.output
    assert "error: " + str(mixed_folder / "wire.jsonl") + ":2: not JSON" in result.stderr
    assert "SELECT * FROM failures" in result.stderr
    return db


def test_cli_store_ingests_every_format(mixed_db):
    con = duckdb.connect(str(mixed_db), read_only=True)
    ids = {r[0] for r in con.execute("SELECT id FROM articles").fetchall()}
    failure = con.execute("SELECT source, line, level FROM failures WHERE level = 'error'").fetchall()
    n_events = con.execute("SELECT count(*) FROM events").fetchone()[0]
    con.close()
    assert {"kharkiv.txt", "energy.html", "s0", "s1", "csv1", "https://feed.example/5",
            "https://feed.example/6", "https://crawl.example/eu"} == ids
    assert len(failure) == 1 and failure[0][0].endswith("wire.jsonl") and failure[0][1] == 2
    assert n_events >= 5


def test_cli_store_second_run_changes_nothing(mixed_folder, mixed_db):
    before = table_rows(mixed_db)
    result = run("ingest", str(mixed_folder), "--db", str(mixed_db), "--quiet")
    assert result.exit_code == 1, result.output  # the bad line is still there
    assert "stored 0, skipped as already stored 8" in result.output
    assert table_rows(mixed_db) == before


def test_cli_store_queries_and_output_formats(mixed_db):
    db = str(mixed_db)
    events = run("events", "--db", db, "--actor", "RUS", "-f", "jsonl")
    assert events.exit_code == 0
    rows = [json.loads(line) for line in events.output.splitlines()]
    expected = run("sql", "SELECT count(DISTINCT cluster_id) AS n FROM events WHERE "
                   "list_contains(list_transform(actor, lambda x: x.country), 'RUS')", "--db", db, "-f", "jsonl")
    assert rows and len(rows) == json.loads(expected.output)["n"]
    assert "RUS" in {r["actor_country"] for r in rows}
    dyads = run("dyads", "--db", db, "--by", "week", "-f", "csv")
    assert dyads.exit_code == 0 and dyads.stdout.startswith("period,actor,recipient,events,mean_score")
    table = run("actors", "--db", db, "--limit", "3")
    assert table.exit_code == 0 and "mentions" in table.output
    sql = run("sql", "SELECT count(*) AS n FROM articles", "--db", db, "-f", "jsonl")
    assert json.loads(sql.output) == {"n": 8}
    refused = run("sql", "DROP TABLE events", "--db", db)
    assert refused.exit_code == 1 and refused.output.startswith("error:")
    bad_date = run("events", "--db", db, "--since", "last week")
    assert bad_date.exit_code == 1 and "YYYY-MM-DD" in bad_date.output


def test_cli_store_exports(mixed_db, tmp_path):
    db = str(mixed_db)
    jsonl = run("export", "--db", db, "--format", "jsonl")
    records = [json.loads(line) for line in jsonl.output.splitlines()]
    assert records and {"id", "doc_id", "event", "actor", "recipient", "eventText", "span"} <= set(records[0])
    out = tmp_path / "events.csv"
    assert run("export", "--db", db, "--format", "csv", "-o", str(out)).exit_code == 0
    header = out.read_text(encoding="utf-8").splitlines()[0].split(",")
    assert header[:8] == ["event_id", "date", "actor1_country", "actor1_sector", "actor1_name",
                          "actor2_country", "actor2_sector", "actor2_name"]
    parquet = tmp_path / "events.parquet"
    assert run("export", "--db", db, "--format", "parquet", "-o", str(parquet)).exit_code == 0
    n = duckdb.connect().execute(f"SELECT count(*) FROM '{parquet}'").fetchone()[0]
    assert n == len(records)


def test_cli_store_missing_db_is_a_clear_error(tmp_path):
    result = run("dyads", "--db", str(tmp_path / "none.duckdb"))
    assert result.exit_code == 1 and "no such store" in result.output


def test_cli_store_recode_keeps_the_rows(mixed_db, tmp_path):
    copy = tmp_path / "copy.duckdb"
    shutil.copy(mixed_db, copy)
    before = table_rows(copy)
    result = run("ingest", "--recode", "--db", str(copy), "--quiet")
    assert result.exit_code == 0, result.output
    assert "recoded 8" in result.output
    assert table_rows(copy) == before  # same coder, same events


def test_cli_store_kill_and_resume_gives_the_rows_of_a_full_run(tmp_path):
    corpus = write_jsonl(tmp_path / "corpus.jsonl", STORIES)
    full, resumed = tmp_path / "full.duckdb", tmp_path / "resumed.duckdb"
    command = [sys.executable, "-m", "tacitus", "ingest", str(corpus), "--batch-size", "2", "--quiet"]
    subprocess.run(command + ["--db", str(full)], check=True, capture_output=True)
    env = dict(os.environ, TACITUS_INGEST_BATCH_PAUSE="30")
    proc = subprocess.Popen(command + ["--db", str(resumed)], env=env, stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stderr.readline()
        assert line.strip() == "committed batch 1", line
        proc.send_signal(signal.SIGKILL)  # kill -9 while it sleeps after its first commit
    finally:
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    subprocess.run(command + ["--db", str(resumed)], check=True, capture_output=True)
    counts = table_rows(resumed)
    assert len(counts["articles"]) == len(STORIES)
    assert counts == table_rows(full)


STORE_COMMANDS = ("ingest", "events", "dyads", "actors", "sql", "export")


def test_cli_store_commands_have_help_and_docs():
    docs = (Path(__file__).resolve().parent.parent / "docs" / "store.md").read_text(encoding="utf-8")
    for name in STORE_COMMANDS:
        command = main.get_command(None, name)
        assert command.help and len(command.help) > 20, name
        assert f"tacitus {name}" in docs, f"docs/store.md does not document `tacitus {name}`"
        for param in command.params:
            if isinstance(param, click.Option) and param.name != "help":
                assert param.help, f"{name} {param.opts[0]} has no help"


def test_cli_store_events_table_is_compact_with_flags(mixed_db):
    db = str(mixed_db)
    table = run("events", "--db", db)
    assert table.exit_code == 0
    lines = table.stdout.splitlines()
    assert lines and max(len(line) for line in lines) <= 100
    header = next(line for line in lines if "event" in line and "actor" in line)
    for column in ("date", "actor", "recipient", "place", "flags", "text"):
        assert column in header
    assert "cluster_id" not in table.stdout and "…" in table.stdout  # long sentences cut
    rows = [json.loads(x) for x in run("events", "--db", db, "-f", "jsonl").stdout.splitlines()]
    assert all("flags" in r for r in rows)


def test_cli_store_table_shows_brackets_in_text_as_written(mixed_db):
    # a source such as "[/AFP]" once stopped every table with a markup error, and "[bold]" vanished
    result = run("sql", "SELECT '[/AFP]' AS source, '[bold]no[/bold]' AS quote, 'Tōkyō 東京' AS place",
                 "--db", str(mixed_db))
    assert result.exit_code == 0, result.output
    assert "[/AFP]" in result.stdout and "[bold]no[/bold]" in result.stdout
    assert "Tōkyō 東京" in result.stdout


def test_cli_store_table_lines_fit_the_width_and_cut_long_cells():
    from rich.cells import cell_len

    from tacitus.cli.output import table_lines

    cells = [["2024-03-04", "ASSAULT", "x" * 300, "東京" * 30], ["2024-03-05", "ACCUSE", "a\tb\nc", ""]]
    for width in (40, 80, 200):
        lines = table_lines(["date", "event", "text", "place"], cells, width, title="Events")
        assert lines[0].strip() == "Events"
        assert len({cell_len(line) for line in lines[1:]}) == 1  # every row as wide as the rules
        assert max(cell_len(line) for line in lines) <= max(width, 4 * 4 + 1 + 4 * 3)
        assert len(lines) == 1 + 3 + len(cells) + 1  # title, head, a line a row, bottom
        assert "…" in lines[4] and ("2024-03-04" in lines[4] or width < 80)  # dates whole, long text cut
        assert "a b c" in lines[5] or "a b…" in lines[5] or "a…" in lines[5]  # tabs, newlines blanked


def test_cli_store_events_columns(mixed_db):
    db = str(mixed_db)
    picked = run("events", "--db", db, "--columns", "event,actor_country", "-f", "csv")
    assert picked.exit_code == 0 and picked.stdout.splitlines()[0] == "event,actor_country"
    bad = run("events", "--db", db, "--columns", "event,nope")
    assert bad.exit_code == 1 and "no column 'nope'" in bad.stderr


def test_cli_store_dyads_limit_and_events_left_out(mixed_db):
    db = str(mixed_db)
    full = run("dyads", "--db", db, "-f", "csv").stdout.splitlines()
    limited = run("dyads", "--db", db, "-f", "csv", "--limit", "2")
    assert limited.stdout.splitlines() == full[:3]  # the header and two rows
    expected = run("sql", "SELECT count(DISTINCT cluster_id) AS n FROM events WHERE actor_country IS NOT NULL "
                   "AND recipient_country IS NULL AND NOT negated AND NOT hypothetical", "--db", db, "-f", "jsonl")
    n = json.loads(expected.stdout)["n"]
    assert n > 0 and f"{n} events left out: no recipient country" in limited.stderr


def test_cli_code_and_ingest_share_the_input_options(tmp_path):
    news = tmp_path / "news.csv"
    news.write_text("id,body,date\nn1,Russia accused Ukraine of shelling Kharkiv.,2024-03-04\n", encoding="utf-8")
    coded = CliRunner().invoke(main, ["code", str(news), "--csv-text", "body"], catch_exceptions=False)
    assert coded.exit_code == 0, coded.output
    assert [json.loads(line)["doc_id"] for line in coded.stdout.splitlines()] == ["n1"]
    text = CliRunner().invoke(main, ["code", "-", "--stdin-format", "text", "--date", "2024-03-04"],
                              input='{"text": "Russia accused Ukraine."}\n', catch_exceptions=False)
    assert text.exit_code == 0 and {json.loads(line)["doc_id"] for line in text.stdout.splitlines()} <= {"stdin"}


def test_cli_ingest_warns_once_when_text_has_no_date(tmp_path):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("Russia accused Ukraine yesterday.", encoding="utf-8")
    db = str(tmp_path / "s.duckdb")
    result = CliRunner().invoke(main, ["ingest", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--db", db, "-q"],
                                catch_exceptions=False)
    assert result.exit_code == 0 and result.stderr.count("no --date given") == 1
    dated = CliRunner().invoke(main, ["ingest", str(tmp_path), "--db", db, "-q", "--date", "2024-03-04"],
                               catch_exceptions=False)
    assert "no --date" not in dated.stderr


def test_cli_code_summary_on_stderr_and_a_bar_only_on_a_terminal(tmp_path):
    import os
    import pty
    import subprocess
    import sys

    story = tmp_path / "story.txt"
    story.write_text("Russia accused Ukraine of shelling Kharkiv.", encoding="utf-8")
    piped = CliRunner().invoke(main, ["code", str(story), "--date", "2024-03-04"], catch_exceptions=False)
    assert piped.exit_code == 0 and "coded 1 article(s), 1 event(s), failed 0" in piped.stderr
    assert "coding" not in piped.stderr.replace("coded", "")
    leader, follower = pty.openpty()
    command = [sys.executable, "-m", "tacitus", "code", str(story), "--date", "2024-03-04"]
    for flags, bar in (([], True), (["-q"], False)):
        done = subprocess.run(command + flags, stdout=subprocess.PIPE, stderr=follower, timeout=300)
        seen = os.read(leader, 65536).decode("utf-8", "replace")
        assert done.returncode == 0 and json.loads(done.stdout)["event"] == "ACCUSE"
        assert ("coding" in seen) == bar and "coded 1 article(s)" in seen
    os.close(leader)
    os.close(follower)


def test_cli_store_undated_events_are_flagged_and_counted(web_store):
    db = str(web_store)
    rows = list(csv.DictReader(io.StringIO(run("events", "--db", db, "-f", "csv").stdout)))
    undated = [r for r in rows if "undated" in r["flags"].split(",")]
    assert undated and all(r["date"] for r in undated)  # the publication day, said to be one
    table = run("events", "--db", db, "--limit", "500")
    assert "undated" in table.stdout
    dyads = run("dyads", "--db", db, "--include-negated")
    assert "have no day of their own" in dyads.stderr
