"""Bad input: notices, never a crash; InputError only for sources that cannot be read at all."""
from __future__ import annotations

import io
from pathlib import Path

import pytest

from tacitus.errors import InputError, TacitusError
from tacitus.ingest import Notice, iter_articles
from tacitus.records import Article

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
ENGLISH_SENTENCE = "The minister said that the talks with the rebels would resume in the capital next week. "


def only(items):
    [item] = list(items)
    return item


def test_ingest_empty_file_is_an_error_notice():
    notice = only(iter_articles(FIXTURES / "empty.txt"))
    assert isinstance(notice, Notice)
    assert (notice.level, notice.message) == ("error", "empty file")
    assert str(notice) == f"{FIXTURES / 'empty.txt'}: error: empty file"


def test_ingest_binary_file_is_an_error_notice():
    notice = only(iter_articles(FIXTURES / "binary.txt"))
    assert isinstance(notice, Notice)
    assert (notice.level, notice.message) == ("error", "binary file, not text")


def test_ingest_binary_jsonl_is_an_error_notice(tmp_path):
    path = tmp_path / "x.jsonl"
    path.write_bytes(b'{"text": "a"}\n\x00\x00\x00')
    notice = only(iter_articles(path))
    assert notice.level == "error" and "binary" in notice.message


def test_ingest_latin1_text_is_decoded_with_a_warning_on_the_first_bad_line():
    items = list(iter_articles(FIXTURES / "latin1.txt"))
    warning, article = items
    assert isinstance(warning, Notice) and isinstance(article, Article)
    assert warning.level == "warning" and warning.line == 1 and warning.article_id == "latin1.txt"
    assert "not UTF-8" in warning.message and "cp1252" in warning.message
    assert "Montréal" in article.text
    assert "café owners’ union" in article.text  # 0x92 is a cp1252 quote


def test_ingest_jsonl_bad_bytes_on_one_line(tmp_path):
    path = tmp_path / "enc.jsonl"
    path.write_bytes(
        b'{"id": "1", "text": "The envoy met the president."}\n'
        b'{"id": "2", "text": "The delegation left Montr\xe9al."}\n'
    )
    first, warning, second = list(iter_articles(path))
    assert (warning.level, warning.line, warning.article_id) == ("warning", 2, "2")
    assert second.text == "The delegation left Montréal."


def test_ingest_oversize_article_is_not_coded(tmp_path):
    path = tmp_path / "book.txt"
    path.write_text(ENGLISH_SENTENCE * 12_000, "utf-8")  # about 1.07 MB
    notice = only(iter_articles(path))
    assert isinstance(notice, Notice)
    assert notice.level == "error" and notice.article_id == "book.txt"
    assert "over 1 MB" in notice.message and "split it" in notice.message


def test_ingest_oversize_limit_counts_utf8_bytes(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("é" * 600, "utf-8")  # 600 characters, 1200 bytes
    notice = only(iter_articles(path, max_bytes=1000))
    assert notice.level == "error" and "over 1000 bytes" in notice.message


def test_ingest_oversize_line_in_jsonl_leaves_the_others(tmp_path):
    path = tmp_path / "big.jsonl"
    lines = [
        '{"id": "big", "text": "%s"}' % (ENGLISH_SENTENCE * 30),
        '{"id": "small", "text": "%s"}' % ENGLISH_SENTENCE,
    ]
    path.write_text("\n".join(lines) + "\n", "utf-8")
    notice, article = list(iter_articles(path, max_bytes=1000))
    assert (notice.level, notice.line, notice.article_id) == ("error", 1, "big")
    assert article.id == "small"


def test_ingest_huge_file_is_not_even_read(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_text("x" * 30_000, "utf-8")
    notice = only(iter_articles(path, max_bytes=1000))
    assert notice.level == "error" and "split it" in notice.message


@pytest.mark.parametrize("name,language", [("german.txt", "Latin-script"), ("chinese.txt", "CJK")])
def test_ingest_non_english_is_skipped_with_a_warning(name, language):
    notice = only(iter_articles(FIXTURES / name))
    assert isinstance(notice, Notice)
    assert notice.level == "warning" and notice.article_id == name
    assert notice.message.startswith("not English (looks like") and language in notice.message


def test_ingest_non_english_can_be_kept():
    article = only(iter_articles(FIXTURES / "german.txt", english_only=False))
    assert isinstance(article, Article)


def test_ingest_whitespace_only_file(tmp_path):
    path = tmp_path / "blank.txt"
    path.write_text(" \n\t\n", "utf-8")
    notice = only(iter_articles(path))
    assert notice.level == "error" and "no text" in notice.message


def test_ingest_empty_stdin():
    notice = only(iter_articles("-", stdin=io.StringIO("")))
    assert (notice.source, notice.level, notice.message) == ("-", "error", "empty input")


def test_ingest_broken_gzip_is_an_error_notice(tmp_path):
    path = tmp_path / "news.jsonl.gz"
    path.write_bytes(b"not gzip at all")
    notice = only(iter_articles(path))
    assert notice.level == "error" and "cannot read" in notice.message


def test_ingest_not_a_feed(tmp_path):
    path = tmp_path / "data.xml"
    path.write_text("<config><a>1</a></config", "utf-8")
    notice = only(iter_articles(path))
    assert notice.level == "error" and "not an RSS or Atom feed" in notice.message


def test_ingest_not_a_warc(tmp_path):
    path = tmp_path / "crawl.warc"
    path.write_text("hello", "utf-8")
    notice = only(iter_articles(path))
    assert notice.level == "error" and "not a WARC" in notice.message


def test_ingest_html_without_text(tmp_path):
    path = tmp_path / "blank.html"
    path.write_text("<html><head><title>x</title></head><body><script>var a;</script></body></html>", "utf-8")
    notice = only(iter_articles(path))
    assert notice.level == "error" and "no main text" in notice.message


def test_ingest_missing_source_raises_input_error_at_the_call(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        iter_articles(tmp_path / "nope.txt")  # raised before iterating


def test_ingest_glob_matching_nothing_raises(tmp_path):
    with pytest.raises(InputError, match="matches no file"):
        iter_articles(str(tmp_path / "*.jsonl"))


def test_ingest_unknown_format_named_explicitly_raises(tmp_path):
    path = tmp_path / "report.pdf"
    path.write_bytes(b"%PDF-1.4")
    with pytest.raises(InputError, match="unknown input format") as caught:
        iter_articles(path)
    assert isinstance(caught.value, TacitusError) and str(path) in str(caught.value)


def test_ingest_bad_default_date_raises():
    with pytest.raises(InputError, match="YYYY-MM-DD"):
        iter_articles(FIXTURES / "story.txt", date="last tuesday")
