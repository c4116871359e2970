"""One test per input format, on small files in tests/fixtures/ingest/."""
from __future__ import annotations

import io
from pathlib import Path

import pytest

from tacitus.ingest import Notice, iter_articles
from tacitus.records import Article
from conftest import shared_data

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
SHARED_DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"


def split(items):
    items = list(items)
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, Notice)]


def test_ingest_txt_is_one_article_named_after_the_file():
    articles, notices = split(iter_articles(FIXTURES / "story.txt", date="2025-03-14"))
    assert notices == []
    [article] = articles
    assert article.id == "story.txt"
    assert article.date == "2025-03-14"
    assert article.text == (FIXTURES / "story.txt").read_text("utf-8")  # unchanged
    assert article.source == str(FIXTURES / "story.txt")


def test_ingest_txt_cleaning_keeps_text_but_control_characters():
    [article] = list(iter_articles(FIXTURES / "crlf_controls.txt"))
    assert article.text == (
        "Ministers met in Geneva and agreed to resume talks.\nThe talks will continue next week.\nThe end.\n"
    )


def test_ingest_jsonl_invalid_lines_become_notices_and_the_rest_comes_out():
    articles, notices = split(iter_articles(FIXTURES / "mixed.jsonl"))
    assert [a.id for a in articles][:2] == ["j1", "j2"]
    assert [a.line for a in articles] == [1, 2, 8, 9]
    j1 = articles[0]
    assert (j1.date, j1.title, j1.url) == ("2025-03-14", "First", "https://example.org/j1")
    assert articles[1].date == "2025-03-14"  # from "2025-03-14T20:30:26+00:00"
    no_id = articles[2]
    assert no_id.id == no_id.content_hash()[:16]
    assert articles[3].id == "7" and articles[3].date is None  # "yesterday" is not a date
    errors = [(n.line, n.level) for n in notices if n.level == "error"]
    assert errors == [(3, "error"), (4, "error"), (5, "error"), (6, "error")]
    assert all(n.source.endswith("mixed.jsonl") for n in notices)
    assert "not JSON" in notices[0].message
    [date_warning] = [n for n in notices if n.level == "warning"]
    assert date_warning.line == 9 and "yesterday" in date_warning.message


def test_ingest_jsonl_gzipped(tmp_path):
    import gzip

    path = tmp_path / "news.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as out:
        out.write('{"id": "g1", "date": "2024-02-03", "text": "The army withdrew from the town."}\n')
    [article] = list(iter_articles(path))
    assert (article.id, article.date, article.line) == ("g1", "2024-02-03", 1)


def test_ingest_json_list_of_objects():
    articles, notices = split(iter_articles(FIXTURES / "articles.json"))
    assert [(a.id, a.date, a.line) for a in articles] == [("a1", "2024-01-05", 1), ("a3", "2024-01-07", 3)]
    [notice] = notices
    assert notice.level == "error" and "record 2" in notice.message


def test_ingest_json_single_object(tmp_path):
    path = tmp_path / "one.json"
    path.write_text('{"id": "x", "text": "The ministers met in Cairo and discussed the crisis."}', "utf-8")
    [article] = list(iter_articles(path, date="2023-05-06"))
    assert (article.id, article.date) == ("x", "2023-05-06")


def test_ingest_html_extracts_main_text_title_date_and_url():
    [article] = list(iter_articles(FIXTURES / "page.html"))
    assert article.id == "page.html"
    assert article.title == "Border talks resume after months of fighting"
    assert article.date == "2024-05-02"
    assert article.url == "https://news.example.org/world/border-talks-resume"
    assert "Negotiators from the two governments met in Geneva" in article.text
    assert "rejected any talk of withdrawing their troops" in article.text
    for boilerplate in ("cookies", "Privacy policy", "tracking", "Sport"):
        assert boilerplate not in article.text


def test_ingest_csv_rows_with_line_numbers_and_a_bad_row():
    articles, notices = split(iter_articles(FIXTURES / "articles.csv", date="2020-01-01"))
    assert [(a.id, a.line, a.date) for a in articles] == [
        ("c1", 2, "2024-06-01"),
        ("c3", 4, "2024-06-03"),
        ("c4", 7, "2020-01-01"),  # "not a date": the default date, with a warning
    ]
    assert articles[0].title == "Protest in the capital" and articles[0].url == "https://example.org/c1"
    assert "\n\nRebel commanders denied" in articles[1].text
    assert [(n.line, n.level, n.article_id) for n in notices] == [(3, "error", "c2"), (7, "warning", "c4")]


def test_ingest_tsv_with_column_options():
    articles, notices = split(iter_articles(FIXTURES / "articles.tsv", csv_text="body"))
    assert notices == []
    assert [(a.id, a.date) for a in articles] == [("t1", "2024-07-01"), ("t2", "2024-07-02")]


def test_ingest_csv_missing_text_column_is_one_error():
    articles, notices = split(iter_articles(FIXTURES / "articles.tsv"))
    assert articles == []
    [notice] = notices
    assert notice.level == "error" and "--csv-text" in notice.message and "'body'" in notice.message


def test_ingest_rss_entries():
    articles, notices = split(iter_articles(FIXTURES / "feed.rss"))
    assert notices == []
    truce, floods = articles
    assert (truce.id, truce.date, truce.url) == (
        "example-truce-001",
        "2025-03-14",
        "https://news.example.org/world/truce",
    )
    assert truce.title == "Government and rebels sign truce"
    assert "<" not in truce.text and "ending three weeks of fighting" in truce.text
    assert floods.id == "https://news.example.org/world/floods"  # no guid: the link
    assert floods.date == "2025-03-15"
    assert [a.line for a in articles] == [1, 2]


def test_ingest_atom_entries():
    articles, notices = split(iter_articles(FIXTURES / "feed.atom"))
    assert notices == []
    stall, embassy = articles
    assert (stall.id, stall.date, stall.url) == (
        "urn:example:entry:42",
        "2025-02-09",  # the day as the publisher wrote it, not shifted to UTC
        "https://conflict.example.org/talks-stall",
    )
    assert stall.text.startswith("Talks between the two delegations stalled")
    assert embassy.date == "2025-02-10"  # no published: updated
    assert embassy.text == "The embassy was closed after protesters gathered outside its gates."


PAGE = """<html><head><title>{title}</title>{meta}</head><body><article><h1>{title}</h1>
<p>{body}</p><p>Officials said further talks were planned for next month in the capital.</p>
</article></body></html>"""


def _warc(path: Path, gzip: bool) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    pages = [
        (
            "https://example.org/truce",
            PAGE.format(
                title="Truce signed",
                meta='<meta property="article:published_time" content="2024-03-01T10:00:00Z">',
                body="The government and the rebels signed a truce on Friday after weeks of fighting. " * 3,
            ),
            "text/html; charset=utf-8",
        ),
        ("https://example.org/logo.png", "\x89PNG not html", "image/png"),
        (
            "https://example.org/sanctions",
            PAGE.format(title="Sanctions", meta="", body="The union imposed sanctions on the ministry of defence. " * 3),
            "text/html",
        ),
    ]
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=gzip)
        request = writer.create_warc_record("https://example.org/truce", "request", payload=io.BytesIO(b"GET /truce"))
        writer.write_record(request)
        for uri, body, content_type in pages:
            http = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                uri,
                "response",
                payload=io.BytesIO(body.encode("utf-8")),
                http_headers=http,
                warc_headers_dict={"WARC-Date": "2024-04-20T08:00:00Z"},
            )
            writer.write_record(record)


@pytest.mark.parametrize("name,gzip", [("crawl.warc", False), ("crawl.warc.gz", True)])
def test_ingest_warc_html_responses(tmp_path, name, gzip):
    path = tmp_path / name
    _warc(path, gzip)
    articles, notices = split(iter_articles(path))
    assert notices == []
    assert [a.id for a in articles] == ["https://example.org/truce", "https://example.org/sanctions"]
    truce, sanctions = articles
    assert truce.date == "2024-03-01"  # the page's own date
    assert sanctions.date == "2024-04-20"  # no date in the page: WARC-Date
    assert truce.title == "Truce signed" and truce.url == "https://example.org/truce"
    assert "signed a truce on Friday" in truce.text
    assert [a.line for a in articles] == [2, 4]  # record numbers


def test_ingest_stdin_is_one_article():
    stdin = io.BytesIO("Troops crossed the border at dawn, officials said.\n".encode("utf-8"))
    [article] = list(iter_articles("-", stdin=stdin, date="2024-09-09"))
    assert (article.id, article.date, article.source) == ("stdin", "2024-09-09", "-")
    assert article.text == "Troops crossed the border at dawn, officials said.\n"


def test_ingest_folder_is_read_recursively_and_skips_unknown_formats(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.TXT").write_text("The president met the envoy.", "utf-8")
    (tmp_path / "two.txt").write_text("Police arrested the protest leaders.", "utf-8")
    (tmp_path / "photo.png").write_bytes(b"\x89PNG\r\n")
    (tmp_path / ".hidden.txt").write_text("Not read.", "utf-8")
    articles, notices = split(iter_articles(tmp_path))
    assert sorted(a.id for a in articles) == ["a/one.TXT", "two.txt"]  # ids: paths in the folder
    [skipped] = notices
    assert skipped.level == "warning" and skipped.source.endswith("photo.png")


def test_ingest_glob_pattern():
    articles, _ = split(iter_articles(str(FIXTURES / "feed.*")))
    assert {a.source for a in articles} == {str(FIXTURES / "feed.atom"), str(FIXTURES / "feed.rss")}


def test_ingest_voa_stories_all_with_dates():
    path = shared_data("voa", "stories.jsonl")
    articles, notices = split(iter_articles(path))
    assert notices == []
    assert len(articles) == 89
    assert all(a.date and len(a.date) == 10 and a.date[4] == "-" for a in articles)
    assert articles[0].date == "2025-03-14"
    assert len({a.id for a in articles}) == 89
