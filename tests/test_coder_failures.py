"""One bad article never stops a run: `code`, `ingest` and Coder.pipe, with 1 and 2 processes."""
from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import duckdb
import pytest

from tacitus.dates import resolve_date
from tacitus.records import Article
from tacitus.store import ingest_items

pytestmark = pytest.mark.slow

GOOD = [
    "Russian forces attacked the Ukrainian city of Kharkiv on Monday, Ukrainian officials said.",
    "China and Russia signed an agreement on energy cooperation in Beijing on Tuesday.",
    "Iran threatened to close the Strait of Hormuz if the United States imposed new sanctions.",
    "Turkish troops shelled Kurdish positions in northern Syria on Thursday.",
]
POISON = "Russia attacked Ukraine 99999999 days ago, Ukrainian officials said."


def test_dates_relative_dates_off_the_calendar_are_unresolved():
    published = dt.date(2024, 3, 4)
    assert resolve_date("99999999 days ago", published) is None
    assert resolve_date("in 99999999 weeks", published) is None
    assert resolve_date("tomorrow", dt.date(9999, 12, 31)) is None
    assert resolve_date("yesterday", dt.date(1, 1, 1)) is None
    assert resolve_date("two days ago", published) == dt.date(2024, 3, 2)


def corpus(tmp_path):
    texts = GOOD[:2] + [POISON] + GOOD[2:]
    path = tmp_path / "poison.jsonl"
    path.write_text("".join(json.dumps({"id": f"p{i}", "text": t, "date": "2024-03-04"}) + "\n"
                            for i, t in enumerate(texts)), encoding="utf-8")
    return path


@pytest.mark.parametrize("processes", ["1", "2"])
def test_coder_poison_article_in_code_and_ingest(tmp_path, processes):
    path = corpus(tmp_path)
    tacitus = [sys.executable, "-m", "tacitus"]
    code = subprocess.run(tacitus + ["code", str(path), "-p", processes], capture_output=True, text=True)
    assert code.returncode == 0, code.stderr
    assert {json.loads(line)["doc_id"] for line in code.stdout.splitlines()} >= {"p0", "p1", "p2", "p3"}
    db = tmp_path / "s.duckdb"
    ingest = subprocess.run(tacitus + ["ingest", str(path), "--db", str(db), "-p", processes, "--quiet"],
                            capture_output=True, text=True)
    assert ingest.returncode == 0, ingest.stderr
    assert "stored 5," in ingest.stdout
    # "tomorrow" on the last day of the calendar
    txt = tmp_path / "last.txt"
    txt.write_text("Russia will attack Ukraine tomorrow, officials said.", encoding="utf-8")
    last = subprocess.run(tacitus + ["code", str(txt), "--date", "9999-12-31", "-p", processes],
                          capture_output=True, text=True)
    assert last.returncode == 0 and "Traceback" not in last.stderr, last.stderr


@pytest.mark.parametrize("processes", [1, 2])
def test_coder_pipe_reports_an_article_that_raises_and_codes_the_rest(coder, processes):
    articles = [Article(id=f"g{i}", text=t, date="2024-03-04") for i, t in enumerate(GOOD)]
    articles.insert(2, Article(id="bad", text=GOOD[0], date="the day after", source="wire.jsonl", line=3))
    failures = []
    coded = list(coder.pipe(articles, processes=processes, on_error=lambda a, reason: failures.append((a.id, reason))))
    assert [a.id for a, _ in coded] == ["g0", "g1", "g2", "g3"]
    assert any(events for _, events in coded)
    assert failures == [("bad", failures[0][1])] and "coding failed" in failures[0][1]
    with pytest.raises(Exception):
        list(coder.pipe(articles, processes=processes))


@pytest.mark.parametrize("processes", [1, 2])
def test_coder_ingest_stores_a_failure_row_and_the_rest_of_the_batch(coder, tmp_path, processes):
    articles = [Article(id=f"g{i}", text=t, date="2024-03-04", source="wire.jsonl", line=i + 1)
                for i, t in enumerate(GOOD)]
    articles.insert(2, Article(id="bad", text="Egypt offered to mediate between Israel and Hamas on Friday.",
                                date="the day after", source="wire.jsonl", line=9))
    db = tmp_path / "s.duckdb"
    summary = ingest_items(db, articles, coder, processes=processes, batch_size=100)
    assert summary.stored == 4 and summary.failed == 1
    with duckdb.connect(str(db), read_only=True) as con:
        assert sorted(r[0] for r in con.execute("SELECT id FROM articles").fetchall()) == ["g0", "g1", "g2", "g3"]
        row = con.execute("SELECT source, line, article_id, level, message FROM failures").fetchall()
    assert len(row) == 1 and row[0][:4] == ("wire.jsonl", 9, "bad", "error") and "coding failed" in row[0][4]
