"""No silent loss of input and bounded memory on hostile files (real files, real readers)."""
from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import zlib

import pytest

from tacitus.errors import InputError
from tacitus.ingest import Notice, iter_articles
from tacitus.records import Article

TEXT = "The minister said that the talks with the rebels would resume in the capital next week."


def split(items):
    items = list(items)
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, Notice)]


def test_ingest_files_named_alike_in_two_folders_are_both_kept(tmp_path):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "index.txt").write_text(f"{TEXT} Folder {folder}.", encoding="utf-8")
    articles, _ = split(iter_articles(tmp_path, english_only=False))
    assert sorted(a.id for a in articles) == ["a/index.txt", "b/index.txt"]
    given, _ = split(iter_articles([tmp_path / "a" / "index.txt", tmp_path / "b" / "index.txt"],
                                   english_only=False))
    assert len({a.id for a in given}) == 2
    pattern, _ = split(iter_articles(str(tmp_path / "*" / "index.txt"), english_only=False))
    assert sorted(a.id for a in pattern) == ["a/index.txt", "b/index.txt"]
    alone, _ = split(iter_articles(tmp_path / "a" / "index.txt", english_only=False))
    assert [a.id for a in alone] == ["index.txt"]


def test_ingest_csv_row_over_the_parser_limit_is_refused_alone(tmp_path):
    path = tmp_path / "news.csv"
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["id", "text"])
        writer.writerow(["r1", TEXT])
        writer.writerow(["big", "word " * 1_000_000])  # 5 MB: over the csv module's limit for 1 MB articles
        writer.writerow(["r3", TEXT + "\nSecond line, quoted."])
        writer.writerow(["r4", TEXT])
    articles, notices = split(iter_articles(path))
    assert [a.id for a in articles] == ["r1", "r3", "r4"]
    assert [a.line for a in articles] == [2, 4, 6]
    [big] = [n for n in notices if n.level == "error"]
    assert big.line == 3 and "big" in big.message and "over 1 MB" in big.message


def test_ingest_cut_warc_record_is_an_error(tmp_path):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=False)
    page = "<html><body><article>" + f"<p>{TEXT}</p>" * 40 + "</article></body></html>"
    for n in (1, 2):
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.0")
        writer.write_record(writer.create_warc_record(f"https://example.org/{n}", "response",
                                                      payload=io.BytesIO(page.encode()), http_headers=headers))
    path = tmp_path / "cut.warc"
    path.write_bytes(buffer.getvalue()[:-1000])
    articles, notices = split(iter_articles(path))
    assert [a.id for a in articles] == ["https://example.org/1"]
    [cut] = notices
    assert cut.level == "error" and "cut short" in cut.message and cut.article_id == "https://example.org/2"


def test_ingest_deeply_nested_json_line_is_refused_alone(tmp_path):
    path = tmp_path / "deep.jsonl"
    lines = [json.dumps({"id": "a", "text": TEXT}), "[" * 200_000 + "]" * 200_000,
             json.dumps({"id": "c", "text": TEXT})]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    articles, notices = split(iter_articles(path))
    assert [a.id for a in articles] == ["a", "c"]
    [deep] = notices
    assert deep.line == 2 and "nested too deeply" in deep.message
    whole = tmp_path / "deep.json"
    whole.write_text('{"text": ' + "[" * 200_000 + "]" * 200_000 + "}", encoding="utf-8")
    [notice] = list(iter_articles(whole))
    assert isinstance(notice, Notice) and "nested too deeply" in notice.message


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be"])
def test_ingest_utf16_jsonl_is_read(tmp_path, encoding):
    path = tmp_path / "wide.jsonl"
    lines = [json.dumps({"id": f"w{i}", "text": f"{TEXT} Café number {i}."}, ensure_ascii=False) for i in range(3)]
    data = "\n".join(lines) + "\n"
    path.write_bytes(("\ufeff" + data).encode(encoding) if encoding == "utf-16-be" else data.encode(encoding))
    articles, notices = split(iter_articles(path))
    assert [a.id for a in articles] == ["w0", "w1", "w2"] and notices == []
    assert articles[1].text.endswith("Café number 1.") and articles[1].line == 2


def bomb(path, byte: bytes, megabytes: int) -> None:
    with open(path, "wb") as f:
        packer = zlib.compressobj(1, zlib.DEFLATED, 31)  # gzip
        chunk = byte * (1 << 20)
        for _ in range(megabytes):
            f.write(packer.compress(chunk))
        f.write(packer.flush())


READ_ALL = """
import re, sys
from tacitus.ingest import iter_articles
notices = [str(item) for item in iter_articles(sys.argv[1:], max_bytes=100_000)]
status = open("/proc/self/status").read()  # VmHWM: this program's peak (ru_maxrss may count a forked parent)
print(int(re.search(r"VmHWM:\\s+(\\d+) kB", status).group(1)) // 1024)
print("\\n".join(notices))
"""


@pytest.mark.slow
@pytest.mark.parametrize("byte", [b"\0", b"0"], ids=["zeros", "digits"])
def test_ingest_decompression_bombs_stop_at_the_limit(tmp_path, byte):
    paths = []
    for suffix in ("jsonl", "json", "csv", "rss", "warc", "txt", "html"):
        path = tmp_path / f"bomb.{suffix}.gz"
        bomb(path, byte, 300)
        paths.append(str(path))
    done = subprocess.run([sys.executable, "-c", READ_ALL, *paths], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    peak_mb, *notices = done.stdout.splitlines()
    assert int(peak_mb) < 250  # 300 MB of data in each file, never held whole
    assert len(notices) == len(paths) and all(": error: " in n for n in notices)
    for path, notice in zip(paths, notices):
        assert notice.startswith(path)


def test_ingest_jsonl_on_stdin_is_read_as_jsonl():
    lines = [json.dumps({"id": f"s{i}", "text": f"{TEXT} Number {i}.", "date": "2024-03-04"}) for i in range(2)]
    stdin = io.BytesIO(("\n".join(lines) + "\n").encode("utf-8"))
    articles, notices = split(iter_articles("-", stdin=stdin))
    assert [a.id for a in articles] == ["s0", "s1"] and notices == []
    assert articles[0].text == f"{TEXT} Number 0." and articles[1].line == 2
    plain, _ = split(iter_articles("-", stdin=io.BytesIO(b'He said {"text": 1} twice.'), date="2024-03-04"))
    assert [a.id for a in plain] == ["stdin"]



def test_cli_code_text_without_date_warns_once(tmp_path):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(TEXT, encoding="utf-8")
    command = [sys.executable, "-m", "tacitus", "code", str(tmp_path)]
    plain = subprocess.run(command, capture_output=True, text=True)
    assert plain.returncode == 0 and plain.stderr.count("no --date given") == 1
    dated = subprocess.run(command + ["--date", "2024-03-04"], capture_output=True, text=True)
    assert dated.returncode == 0 and "no --date" not in dated.stderr


def test_cli_code_text_in_a_subfolder_without_date_warns_but_jsonl_does_not(tmp_path):
    (tmp_path / "corpus" / "desk").mkdir(parents=True)
    (tmp_path / "corpus" / "desk" / "index.txt").write_text(TEXT, encoding="utf-8")  # id "desk/index.txt"
    (tmp_path / "wire.jsonl").write_text(json.dumps({"id": "w1", "text": TEXT}) + "\n", encoding="utf-8")
    folder = subprocess.run([sys.executable, "-m", "tacitus", "code", str(tmp_path / "corpus")],
                            capture_output=True, text=True)
    assert folder.returncode == 0 and folder.stderr.count("no --date given") == 1
    jsonl = subprocess.run([sys.executable, "-m", "tacitus", "code", str(tmp_path / "wire.jsonl")],
                           capture_output=True, text=True)
    assert jsonl.returncode == 0 and "no --date" not in jsonl.stderr


def test_ingest_stdin_format_forces_text_or_jsonl():
    line = b'{"id": "a1", "text": "Russia accused Ukraine.", "date": "2024-03-04"}\n'
    as_text, _ = split(iter_articles("-", stdin=io.BytesIO(line), stdin_format="text", date="2024-03-04"))
    assert [a.id for a in as_text] == ["stdin"]
    as_jsonl, _ = split(iter_articles("-", stdin=io.BytesIO(line), stdin_format="jsonl"))
    assert [a.id for a in as_jsonl] == ["a1"]
    with pytest.raises(InputError, match="stdin format"):
        iter_articles("-", stdin=io.BytesIO(line), stdin_format="xml")
