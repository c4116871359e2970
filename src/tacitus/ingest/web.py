"""Readers for web formats: HTML pages (trafilatura), RSS/Atom feeds (feedparser)
and WARC archives (warcio). The libraries are imported when first needed."""
from __future__ import annotations

import gzip
import html
import re
import zlib
from collections.abc import Iterator
from html.parser import HTMLParser
from typing import Any

from ..errors import InputError
from ..records import Article
from .clean import clean_text, is_blank, looks_binary
from .fields import normalize_date
from .notice import error, warning
from .readers import Item, ReadOptions, read_whole_file, single_article_limit, whole_file_limit
from .sources import Source


class ExtractorUnavailable(InputError):
    """trafilatura (the HTML text extractor) cannot be imported."""


# ---------------------------------------------------------------- HTML to text

_BLOCK_TAGS = frozenset(
    "address article aside blockquote br dd div dl dt figcaption figure footer h1 h2 h3 h4 h5 h6 "
    "header hr li main nav ol p pre section table td th tr ul".split()
)
_SKIPPED_TAGS = frozenset({"script", "style", "noscript", "template"})
_SPACES = re.compile(r"[ \t\r\f\v\xa0]+")
_TAG = re.compile(r"<[a-zA-Z!/][^>]*>")


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.current: list[str] = []
        self.skipping = 0

    def _end_block(self) -> None:
        block = _SPACES.sub(" ", "".join(self.current).replace("\n", " ")).strip()
        if block:
            self.blocks.append(block)
        self.current = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in _SKIPPED_TAGS:
            self.skipping += 1
        elif tag in _BLOCK_TAGS:
            self._end_block()

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED_TAGS:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCK_TAGS:
            self._end_block()

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.current.append(data)


def html_to_text(markup: str) -> str:
    """Plain text of an HTML fragment (a feed entry): one line per block, spaces collapsed."""
    if not _TAG.search(markup):
        return _SPACES.sub(" ", html.unescape(markup)).strip()
    collector = _TextCollector()
    collector.feed(markup)
    collector.close()
    collector._end_block()
    return "\n".join(collector.blocks)


def extract_page(markup: bytes | str, url: str | None = None) -> dict[str, Any] | None:
    """Main text and metadata of a web page: {text, title, date, url}, or None if no text."""
    try:
        import trafilatura
    except ImportError as exc:  # e.g. lxml >= 5.2 without lxml_html_clean
        raise ExtractorUnavailable(
            f"cannot read HTML: trafilatura does not import ({exc}); "
            "install the missing package (pip install lxml_html_clean) and try again."
        ) from exc
    document = trafilatura.bare_extraction(markup, url=url, with_metadata=True)
    if document is None:
        return None
    fields = document.as_dict() if hasattr(document, "as_dict") else dict(document)
    text = clean_text(fields.get("text") or "")
    if is_blank(text):
        return None
    return {
        "text": text,
        "title": fields.get("title") or None,
        "date": normalize_date(fields.get("date")),
        "url": fields.get("url") or url,
    }


# ---------------------------------------------------------------- readers

def read_html(source: Source, options: ReadOptions) -> Iterator[Item]:
    """One article per page: id = file name; text, title, date and url from the page."""
    data, notices = read_whole_file(source, single_article_limit(options))
    yield from notices
    if data is None:
        return
    assert source.path is not None
    article_id = source.file_id
    page = extract_page(data)
    if page is None:
        yield error(source.name, None, "no main text found in the HTML page", article_id)
        return
    yield Article(
        id=article_id,
        text=page["text"],
        date=page["date"] or options.date,
        title=page["title"],
        url=page["url"],
        source=source.name,
    )


def read_feed(source: Source, options: ReadOptions) -> Iterator[Item]:
    """RSS or Atom: one article per entry (id = entry id or link); Article.line = entry number."""
    import feedparser

    data, notices = read_whole_file(source, whole_file_limit(options))
    yield from notices
    if data is None:
        return
    feed = feedparser.parse(data)
    if not feed.entries:
        if feed.bozo:
            yield error(source.name, None, f"not an RSS or Atom feed ({feed.get('bozo_exception')})")
        else:
            yield warning(source.name, None, "the feed has no entries")
        return
    for number, entry in enumerate(feed.entries, start=1):
        where = f"entry {number}"
        entry_id = entry.get("id") or entry.get("link")
        text = html_to_text(_entry_body(entry))
        if is_blank(text):
            yield error(source.name, None, f"{where}: no content or summary; skipped", entry_id)
            continue
        article = Article(
            id=entry_id or "",
            text=clean_text(text),
            title=html_to_text(entry.get("title") or "") or None,
            url=entry.get("link"),
            source=source.name,
            line=number,
        )
        if not article.id:
            article.id = article.content_hash()[:16]
        article.date = _entry_date(entry) or options.date
        yield article


def _entry_body(entry: Any) -> str:
    contents = entry.get("content") or []
    bodies = [c.get("value", "") for c in contents if c.get("value")]
    if bodies:
        return max(bodies, key=len)
    return entry.get("summary") or entry.get("description") or ""


def _entry_date(entry: Any) -> str | None:
    for key in ("published", "updated", "created"):
        date = normalize_date(entry.get(key))
        if date:
            return date
    for key in ("published_parsed", "updated_parsed"):
        parsed = entry.get(key)
        if parsed:
            return f"{parsed.tm_year:04d}-{parsed.tm_mon:02d}-{parsed.tm_mday:02d}"
    return None


def read_warc(source: Source, options: ReadOptions) -> Iterator[Item]:
    """One article per ``response`` record holding HTML: id = WARC-Target-URI,
    date = the page's own date, else WARC-Date; Article.line = record number."""
    return read_warc_records(source, options)


def read_warc_records(source: Source, options: ReadOptions, first_record: int = 1) -> Iterator[Item]:
    """``read_warc`` of a file holding records ``first_record``, ... of a larger
    WARC file (a part of it, cut at record boundaries, is read alone)."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    assert source.path is not None
    if source.path.stat().st_size == 0:
        yield error(source.name, None, "empty file")
        return
    limit = single_article_limit(options)
    number = first_record - 1
    with open(source.path, "rb") as stream:  # warcio reads .warc.gz itself
        head = stream.read(4)
        stream.seek(0)
        if head.startswith(b"\x1f\x8b"):  # look inside: a gzip bomb is not read to its end
            with gzip.open(stream) as inner:
                try:
                    head = inner.read(4)
                except (OSError, EOFError, zlib.error) as exc:
                    yield error(source.name, None, f"cannot read the file: {exc}")
                    return
            stream.seek(0)
        if not head.startswith(b"WARC"):
            yield error(source.name, None, "not a WARC file (no WARC header)")
            return
        try:
            for number, record in enumerate(ArchiveIterator(stream), start=first_record):
                item = _warc_article(record, source, number, limit, options)
                if item is not None:
                    yield item
        except ArchiveLoadFailed as exc:
            yield error(source.name, None, f"record {number + 1}: broken WARC record ({exc}); rest of file skipped")


def _warc_article(record: Any, source: Source, number: int, limit: int, options: ReadOptions) -> Item | None:
    if record.rec_type != "response" or record.http_headers is None:
        return None
    content_type = (record.http_headers.get_header("Content-Type") or "").lower()
    if "html" not in content_type:
        return None
    uri = record.rec_headers.get_header("WARC-Target-URI")
    where = f"record {number}"
    payload = record.content_stream().read(limit + 1)
    if len(payload) > limit:
        return error(source.name, None, f"{where}: page over {limit} bytes; skipped", uri)
    missing = getattr(record.raw_stream, "limit", 0) or 0
    if missing > 0:  # the file ends inside the record: the page is incomplete
        return error(source.name, None, f"{where}: record cut short ({missing} bytes missing); skipped", uri)
    if not payload or looks_binary(payload):
        return error(source.name, None, f"{where}: empty or binary payload; skipped", uri)
    page = extract_page(payload, url=uri)
    if page is None:
        return error(source.name, None, f"{where}: no main text found in the page; skipped", uri)
    article = Article(
        id=uri or "",
        text=page["text"],
        title=page["title"],
        url=uri or page["url"],
        source=source.name,
        line=number,
    )
    if not article.id:
        article.id = article.content_hash()[:16]
    warc_date = normalize_date(record.rec_headers.get_header("WARC-Date"))
    article.date = page["date"] or warc_date or options.date
    return article
