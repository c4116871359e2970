"""Cleaning, decoding, dates and the English check, on strings."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from tacitus.ingest import clean_text, decode_bytes, guess_english, html_to_text, looks_binary, normalize_date
from tacitus.ingest.sources import detect_format

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"


def test_clean_text_normalizes_newlines_and_removes_controls_only():
    raw = "A\r\nB\rC\x00D\x07E\x1bF  G\tH\x0cI\x85J\u2019K"
    assert clean_text(raw) == "A\nB\nCDEF  G\tH\nI\nJ\u2019K"


@given(st.text(alphabet=st.characters(blacklist_categories=("Cc",)), max_size=200))
def test_clean_text_leaves_text_without_controls_unchanged(text):
    assert clean_text(text) == text


@given(st.text(max_size=200))
def test_clean_text_output_has_no_controls_but_tab_and_newline(text):
    cleaned = clean_text(text)
    assert all(c in "\t\n" or not (ord(c) < 32 or 0x7F <= ord(c) < 0xA0) for c in cleaned)
    assert clean_text(cleaned) == cleaned


def test_decode_bytes_utf8_bom_and_utf16():
    assert decode_bytes("\ufeffcafé".encode("utf-8"), "f") == ("café", [])
    assert decode_bytes("café".encode("utf-16"), "f") == ("café", [])
    assert not looks_binary("café".encode("utf-16"))


def test_decode_bytes_names_the_line_of_the_first_bad_byte():
    text, [notice] = decode_bytes(b"one\ntwo\nthr\xe9e\nfour \xe9", "f.txt")
    assert text == "one\ntwo\nthrée\nfour é"
    assert (notice.source, notice.line, notice.level) == ("f.txt", 3, "warning")


def test_decode_bytes_falls_back_to_latin1_for_bytes_cp1252_lacks():
    text, [notice] = decode_bytes(b"a\x81b", "f")
    assert text == "a\x81b" and "latin-1" in notice.message


def test_normalize_date_formats():
    assert normalize_date("2025-03-14 20:30:26Z") == "2025-03-14"
    assert normalize_date("2025-03-14T20:30:26+00:00") == "2025-03-14"
    assert normalize_date("2025-03-14") == "2025-03-14"
    assert normalize_date("Fri, 14 Mar 2025 20:30:26 GMT") == "2025-03-14"
    assert normalize_date("March 14, 2025") == "2025-03-14"
    assert normalize_date("20250314") == "2025-03-14"
    assert normalize_date(dt.datetime(2025, 3, 14, 23, 0)) == "2025-03-14"
    assert normalize_date(1741984226) == "2025-03-14"
    for bad in ("2025-02-30", "yesterday", "", None, True, [2025]):
        assert normalize_date(bad) is None


def test_html_to_text_strips_tags_scripts_and_entities():
    markup = "<p>Talks <b>resumed</b> &amp; ended.</p><script>x()</script><ul><li>One</li><li>Two</li></ul>"
    assert html_to_text(markup) == "Talks resumed & ended.\nOne\nTwo"
    assert html_to_text("Plain  &quot;text&quot;") == 'Plain "text"'


def test_guess_english_on_english_german_chinese_and_short_texts():
    english = (FIXTURES / "story.txt").read_text("utf-8")
    assert guess_english(english).english
    german = guess_english((FIXTURES / "german.txt").read_text("utf-8"))
    assert not german.english and "Latin-script" in german.reason
    chinese = guess_english((FIXTURES / "chinese.txt").read_text("utf-8"))
    assert not chinese.english and "CJK" in chinese.reason
    assert guess_english("Gespräche in Genf.").english  # too short to judge
    russian = (
        "Министерство иностранных дел России заявило, "
        "что Москва ответит на новые санкции."
    )
    assert not guess_english(russian).english and "Cyrillic" in guess_english(russian).reason


def test_detect_format_by_suffix_case_insensitive():
    assert detect_format(Path("A.JSONL")) == ("jsonl", False)
    assert detect_format(Path("news.ndjson.gz")) == ("jsonl", True)
    assert detect_format(Path("crawl.warc.gz")) == ("warc", True)
    assert detect_format(Path("README")) == ("txt", False)
    assert detect_format(Path("report.2024")) == ("txt", False)
    assert detect_format(Path("feed.Atom")) == ("feed", False)
    assert detect_format(Path("paper.pdf")) == (None, False)
