"""`tacitus code` and `tacitus demo` run as a user runs them (real files, the real model)."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from tacitus.cli import main

pytestmark = pytest.mark.slow

ARTICLE = ("Russian forces shelled the city of Kharkiv on Saturday, Ukrainian officials said. "
           "The weather was mild.")


def _run(args, input=None):
    return CliRunner().invoke(main, args, input=input)


def test_cli_code_text_file_with_date(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    result = _run(["code", str(path), "--date", "2023-06-25"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["event"] for r in records] == ["ASSAULT"]
    r = records[0]
    assert r["doc_id"] == "story.txt" and r["date"] == "2023-06-24"
    assert r["actor"][0]["country"] == "RUS"
    assert ARTICLE[r["span"][0]: r["span"][1]] == r["text"]


def test_cli_code_jsonl_bad_line_reported_rest_coded(tmp_path):
    path = tmp_path / "corpus.jsonl"
    path.write_text("\n".join([
        json.dumps({"id": "a", "text": "Iran accused Israel of attacking its consulate.", "date": "2024-04-02"}),
        "{this is not json",
        json.dumps({"id": "b", "text": "Protesters rallied in Nairobi on Tuesday.", "published": "2024-06-26 10:00:00Z"}),
    ]), encoding="utf-8")
    result = _run(["code", str(path)])
    assert result.exit_code == 1
    assert f"{path}:2" in result.stderr
    ids = {json.loads(line)["doc_id"] for line in result.stdout.splitlines()}
    assert ids == {"a", "b"}


def test_cli_code_stdin_table():
    result = _run(["code", "-", "--format", "table", "--date", "2024-01-05"],
                  input="Police arrested dozens of protesters in Tehran on Thursday.")
    assert result.exit_code == 0, result.output
    assert "COERCE" in result.stdout and "2024-01-04" in result.stdout


def test_cli_code_table_shows_brackets_in_ids_as_written(tmp_path):
    path = tmp_path / "wire.jsonl"
    path.write_text(json.dumps({"id": "[/AFP]", "text": ARTICLE, "date": "2023-06-25"}) + "\n", encoding="utf-8")
    result = _run(["code", str(path), "--format", "table"])
    assert result.exit_code == 0, result.output
    assert "[/AFP]" in result.stdout and "ASSAULT" in result.stdout


def test_cli_code_bad_date_is_a_message_not_a_traceback(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    result = _run(["code", str(path), "--date", "25/06/2023"])
    assert result.exit_code != 0
    assert "YYYY-MM-DD" in result.output and "Traceback" not in result.output


def test_cli_code_missing_file_is_a_message(tmp_path):
    result = _run(["code", str(tmp_path / "nope.txt")])
    assert result.exit_code != 0
    assert "nope.txt" in result.output and "Traceback" not in result.output


def test_cli_code_binary_and_empty_files_do_not_stop_the_others(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"\x00\x01\x02binary\x00")
    (tmp_path / "c.txt").write_bytes(b"")
    result = _run(["code", str(tmp_path), "--date", "2023-06-25"])
    assert result.exit_code == 1
    assert "b.txt" in result.stderr and "c.txt" in result.stderr
    assert any(json.loads(l)["doc_id"] == "a.txt" for l in result.stdout.splitlines())


def test_cli_code_non_utf8_text_is_decoded_with_a_warning(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("Rebels attacked the town of Gao, the Malian army said. Caf\xe9.".encode("latin-1"))
    result = _run(["code", str(path), "--date", "2023-06-25"])
    assert "latin.txt" in result.stderr
    assert any(json.loads(l)["event"] == "ASSAULT" for l in result.stdout.splitlines())


def test_cli_code_processes_two(tmp_path):
    path = tmp_path / "corpus.jsonl"
    path.write_text("\n".join(json.dumps({"id": str(n), "text": ARTICLE, "date": "2023-06-25"})
                              for n in range(4)), encoding="utf-8")
    result = _run(["code", str(path), "--processes", "2"])
    assert result.exit_code == 0, result.output
    assert [json.loads(l)["doc_id"] for l in result.stdout.splitlines()] == ["0", "1", "2", "3"]


def test_cli_python_m_tacitus_demo_codes_the_example():
    proc = subprocess.run([sys.executable, "-m", "tacitus", "demo", "--format", "jsonl"],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    records = [json.loads(line) for line in proc.stdout.splitlines()]
    by_type = {}
    for r in records:
        by_type.setdefault(r["event"], []).append(r)
    meeting = [r for r in by_type["CONSULT"] if r["location"] and r["location"]["name"] == "Jakarta"
               and r["actor"] and r["actor"][0]["name"] == "Qin Gang"]
    assert meeting and meeting[0]["actor"][0]["country"] == "CHN"
    assert meeting[0]["date"] == "2023-06-23"  # "on Friday", published Sunday 2023-06-25
    assert "SUPPORT" in by_type and "ACCUSE" in by_type
    # the attack and the mutiny, "on Saturday" in a story published on Sunday 2023-06-25
    attack = [r for r in by_type["ASSAULT"] if r["date"] == "2023-06-24"]
    assert attack and attack[0]["actor"][0]["sector"] == "PRM"
    assert "MOBILIZE" in by_type
    mediation = [r for r in by_type["CONSULT"] if r["mode"] == "third-party"]
    assert mediation and mediation[0]["actor"][0]["name"] == "Alexander Lukashenko"
    assert mediation[0]["actor"][0]["country"] == "BLR"
    names = {a["name"] for r in records for a in r["actor"] if "Prigozhin" in a["text"]}
    assert len(names) == 1  # one canonical name for Yevgeny/Yevgeniy Prigozhin


def test_cli_code_user_triggers_file_adds_and_overrides_entries(tmp_path):
    story = tmp_path / "story.txt"
    story.write_text("Yemeni rebels ransacked the governor's office in Aden on Saturday.",
                     encoding="utf-8")
    plain = _run(["code", str(story), "--date", "2023-06-25"])
    assert plain.exit_code == 0 and plain.stdout.strip() == ""
    own = tmp_path / "my_triggers.tsv"
    own.write_text("# my own trigger\nransack\tVERB\t\tASSAULT\tdestroy\t1712\t\tlooting\n",
                   encoding="utf-8")
    result = _run(["code", str(story), "--date", "2023-06-25", "--triggers", str(own)])
    assert result.exit_code == 0, result.output
    events = [json.loads(l) for l in result.stdout.splitlines()]
    assert [(e["event"], e["mode"], e["date"]) for e in events] == [("ASSAULT", "destroy", "2023-06-24")]


def test_cli_code_bad_user_triggers_line_is_named(tmp_path):
    story = tmp_path / "story.txt"
    story.write_text("Rebels attacked the town.", encoding="utf-8")
    own = tmp_path / "bad.tsv"
    own.write_text("attack\tVERB\n", encoding="utf-8")
    result = _run(["code", str(story), "--triggers", str(own)])
    assert result.exit_code != 0
    assert "bad.tsv" in result.output and ":1" in result.output and "Traceback" not in result.output


def test_cli_code_include_incomplete_keeps_events_nobody_is_named_for(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text("The train came under attack while passing through a tunnel.", encoding="utf-8")
    plain = _run(["code", str(path), "--date", "2025-03-12"])
    assert plain.exit_code == 0 and plain.stdout.strip() == ""
    kept = _run(["code", str(path), "--date", "2025-03-12", "--include-incomplete"])
    assert kept.exit_code == 0, kept.output
    [record] = [json.loads(line) for line in kept.stdout.splitlines()]
    assert record["event"] == "ASSAULT" and record["actor"] == []
