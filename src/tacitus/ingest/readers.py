"""Readers for plain formats: text, JSON Lines, JSON, CSV/TSV and standard input.

Every reader takes a :class:`~.sources.Source` and :class:`ReadOptions` and
yields Articles and Notices; none raises for bad data in the file.
"""
from __future__ import annotations

import codecs
import csv
import gzip
import io
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any, BinaryIO

from ..records import Article
from .clean import BINARY_PROBE_BYTES, clean_text, decode_bytes, is_blank, looks_binary
from .fields import build_article, record_id
from .notice import Notice, error
from .sources import Source

#: A text or HTML file bigger than this many times ``max_bytes`` is not even read.
MAX_FILE_FACTOR = 20
#: A JSON or feed file (read whole) bigger than this many times ``max_bytes`` is not read.
MAX_WHOLE_FILE_FACTOR = 50

Item = Article | Notice


@dataclass(frozen=True)
class ReadOptions:
    date: str | None = None
    csv_text: str = "text"
    csv_id: str = "id"
    csv_date: str = "date"
    csv_title: str = "title"
    csv_url: str = "url"
    max_bytes: int = 1_000_000
    stdin: IO | None = None
    #: how standard input is read: "auto" (JSON Lines when its first line is a
    #: record with a "text" field, else one text), "text" or "jsonl"
    stdin_format: str = "auto"


def open_binary(source: Source) -> BinaryIO:
    assert source.path is not None
    return gzip.open(source.path, "rb") if source.gzipped else open(source.path, "rb")


def size_label(n_bytes: int) -> str:
    """1_000_000 -> "1 MB", 2_500_000 -> "2.5 MB", 800 -> "800 bytes"."""
    if n_bytes >= 1_000_000_000:
        return f"{n_bytes / 1_000_000_000:.3g} GB"
    if n_bytes >= 1_000_000:
        return f"{n_bytes / 1_000_000:.3g} MB"
    return f"{n_bytes} bytes"


def read_whole_file(source: Source, limit: int | None = None) -> tuple[bytes | None, list[Notice]]:
    """The file's bytes, or None and an error: empty, binary, or over ``limit`` bytes."""
    assert source.path is not None
    too_big = f"file is over {size_label(limit or 0)}, more than tacitus reads as one file; split it"
    if limit is not None and not source.gzipped and source.path.stat().st_size > limit:
        return None, [error(source.name, None, too_big)]
    with open_binary(source) as stream:
        data = stream.read() if limit is None else stream.read(limit + 1)
    if not data:
        return None, [error(source.name, None, "empty file")]
    if limit is not None and len(data) > limit:
        return None, [error(source.name, None, too_big)]
    if looks_binary(data):
        return None, [error(source.name, None, "binary file, not text")]
    return data, []


def read_whole_text(source: Source, limit: int | None = None) -> tuple[str | None, list[Notice]]:
    """The file's text (see ``read_whole_file`` and ``decode_bytes``), or None;
    with the notices of both."""
    data, notices = read_whole_file(source, limit)
    if data is None:
        return None, notices
    text, decoded = decode_bytes(data, source.name)
    return text, notices + decoded


def whole_file_limit(options: ReadOptions) -> int:
    """Bytes (decompressed) a file read whole, as a JSON list or a feed, may have;
    JSON Lines, CSV and WARC files are streamed and have no such limit."""
    return MAX_WHOLE_FILE_FACTOR * options.max_bytes


def single_article_limit(options: ReadOptions) -> int:
    """Bytes a file holding one article may have before it is not even read."""
    return MAX_FILE_FACTOR * options.max_bytes


def read_txt(source: Source, options: ReadOptions) -> Iterator[Item]:
    """One article; id = the file name, date = ``options.date``."""
    text, notices = read_whole_text(source, single_article_limit(options))
    if text is None:
        yield from notices
        return
    assert source.path is not None
    yield from _text_article(text, notices, source.name, source.file_id, options.date)


def read_stdin(source: Source, options: ReadOptions) -> Iterator[Item]:
    """Standard input as one article with id "stdin"."""
    stream = options.stdin if options.stdin is not None else getattr(sys.stdin, "buffer", sys.stdin)
    data = stream.read()
    if isinstance(data, str):
        text, notices = data, []
    elif looks_binary(data):
        yield error(source.name, None, "binary input, not text")
        return
    else:
        text, notices = decode_bytes(data, source.name)
    if not text:
        yield error(source.name, None, "empty input")
        return
    jsonl = looks_like_jsonl(text) if options.stdin_format == "auto" else options.stdin_format == "jsonl"
    if jsonl:  # `cat news.jsonl | tacitus code -`: one article a line
        yield from notices
        yield from read_jsonl_stream(source.name, io.BytesIO(text.encode("utf-8")), options)
        return
    yield from _text_article(text, notices, source.name, "stdin", options.date)


def looks_like_jsonl(text: str) -> bool:
    """True when the first non-blank line of ``text`` is a JSON object with a "text" field."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    if not first.lstrip().startswith("{"):
        return False
    try:
        record = json.loads(first)
    except (json.JSONDecodeError, RecursionError):
        return False
    return isinstance(record, dict) and "text" in record


def _text_article(text: str, notices: list[Notice], source: str, article_id: str, date: str | None) -> Iterator[Item]:
    for notice in notices:
        notice.article_id = article_id
        yield notice
    text = clean_text(text)
    if is_blank(text):
        yield error(source, None, "no text (only white space)", article_id)
        return
    yield Article(id=article_id, text=text, date=date, source=source)


@dataclass(frozen=True)
class LongLine:
    """A line over the reader's limit: skipped, never held in memory whole."""

    size: int


def _lines(head: bytes, stream: BinaryIO, limit: int) -> Iterator[bytes | LongLine]:
    """The lines of ``head`` + ``stream`` as bytes (UTF-16 with a BOM re-encoded as
    UTF-8); a line over ``limit`` bytes comes as a LongLine, read past in chunks."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        stream = _Utf16AsUtf8(head, stream)
        head = b""
    chunks = io.BufferedReader(_Chained(head, stream), buffer_size=1 << 16)
    while True:
        line = chunks.readline(limit + 1)
        if not line:
            return
        if len(line) > limit and not line.endswith(b"\n"):
            size = len(line)
            while line and not line.endswith(b"\n"):
                line = chunks.readline(1 << 20)
                size += len(line)
            yield LongLine(size)
            continue
        yield line


class _Chained(io.RawIOBase):
    """``head`` then the rest of ``stream``, as one raw stream."""

    def __init__(self, head: bytes, stream: Any):
        self.head, self.stream = head, stream

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self.head:
            n = min(len(buffer), len(self.head))
            buffer[:n], self.head = self.head[:n], self.head[n:]
            return n
        data = self.stream.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


class _Utf16AsUtf8:
    """A UTF-16 byte stream (with its BOM) read as UTF-8 bytes."""

    def __init__(self, head: bytes, stream: Any):
        self.decoder = codecs.getincrementaldecoder("utf-16")(errors="replace")
        self.pending, self.stream, self.done = self.decoder.decode(head).encode("utf-8"), stream, False

    def read(self, size: int = -1) -> bytes:
        while not self.done and (size < 0 or len(self.pending) < size):
            data = self.stream.read(1 << 16)
            self.pending += self.decoder.decode(data, final=not data).encode("utf-8")
            self.done = not data
        out, self.pending = (self.pending, b"") if size < 0 else (self.pending[:size], self.pending[size:])
        return out


def record_fields(record: dict[str, Any]) -> dict[str, Any]:
    """The Article fields of one JSON object (``date``, else ``published``)."""
    date = record.get("date")
    if date is None or date == "":
        date = record.get("published")
    return {
        "text": record.get("text"),
        "id": record.get("id"),
        "date": date,
        "title": record.get("title"),
        "url": record.get("url"),
    }


def read_jsonl(source: Source, options: ReadOptions) -> Iterator[Item]:
    """One article a line; a bad line gives an error and the others still come out."""
    with open_binary(source) as stream:
        yield from read_jsonl_stream(source.name, stream, options)


def read_jsonl_stream(name: str, stream: BinaryIO, options: ReadOptions, first_line: int = 1) -> Iterator[Item]:
    """The articles of JSON Lines read from ``stream``, whose first line is line
    ``first_line`` of the file ``name`` (a part of a large file is read alone)."""
    head = stream.read(BINARY_PROBE_BYTES)
    if not head:
        if first_line == 1:
            yield error(name, None, "empty file")
        return
    if looks_binary(head):
        yield error(name, None, "binary file, not text")
        return
    warned_encoding = False
    limit = single_article_limit(options)
    for number, raw in enumerate(_lines(head, stream, limit), start=first_line):
        if isinstance(raw, LongLine):
            yield error(name, number, f"line of {size_label(raw.size)}, over {size_label(limit)}; line skipped")
            continue
        line, encoding_notices = decode_bytes(raw, name, first_line=number)
        if warned_encoding:
            encoding_notices = []  # only the first line with bad bytes is named
        warned_encoding = warned_encoding or bool(encoding_notices)
        if is_blank(line):
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield from encoding_notices
            yield error(name, number, f"not JSON: {exc.msg} (column {exc.colno}); line skipped")
            continue
        except RecursionError:
            yield from encoding_notices
            yield error(name, number, "JSON nested too deeply to read; line skipped")
            continue
        if not isinstance(record, dict):
            yield from encoding_notices
            kind = type(record).__name__
            yield error(name, number, f"not a JSON object (a {kind}); line skipped")
            continue
        article, notices = build_article(name, number, default_date=options.date, **record_fields(record))
        for notice in encoding_notices:
            notice.article_id = article.id if article else record_id(record.get("id"))
        yield from encoding_notices
        yield from notices
        if article is not None:
            yield article


def read_parquet(source: Source, options: ReadOptions) -> Iterator[Item]:
    """A Parquet table, one article a row (columns as in JSON Lines); Article.line
    = row number. Row groups are read one at a time."""
    import pyarrow.parquet as pq

    assert source.path is not None
    try:
        table = pq.ParquetFile(source.path)
    except Exception as exc:  # pyarrow raises ArrowInvalid and others for a file that is not Parquet
        yield error(source.name, None, f"not a Parquet file ({exc})")
        return
    first_row = 1
    for index in range(table.num_row_groups):
        yield from read_parquet_row_group(source.name, table, index, first_row, options)
        first_row += table.metadata.row_group(index).num_rows


def read_parquet_row_group(name: str, table: Any, index: int, first_row: int, options: ReadOptions) -> Iterator[Item]:
    """The articles of row group ``index`` of the open ``pyarrow.parquet.ParquetFile``
    ``table``, whose first row is row ``first_row`` of the file ``name``."""
    wanted = [c for c in ("id", "text", "date", "published", "title", "url") if c in table.schema_arrow.names]
    if "text" not in wanted:
        listed = ", ".join(table.schema_arrow.names) or "none"
        yield error(name, None, f"no column 'text' (columns: {listed})")
        return
    for number, record in enumerate(table.read_row_group(index, columns=wanted).to_pylist(), start=first_row):
        for key in ("date", "published"):  # Parquet dates and timestamps come back as datetime objects
            if hasattr(record.get(key), "isoformat"):
                record[key] = record[key].isoformat()[:10]
        article, notices = build_article(name, number, default_date=options.date, **record_fields(record))
        yield from notices
        if article is not None:
            yield article


def read_json(source: Source, options: ReadOptions) -> Iterator[Item]:
    """A JSON list of article objects, or one object; Article.line = record number."""
    text, notices = read_whole_text(source, whole_file_limit(options))
    yield from notices
    if text is None:
        return
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        yield error(source.name, exc.lineno, f"not JSON: {exc.msg} (column {exc.colno}); file skipped")
        return
    except RecursionError:
        yield error(source.name, None, "JSON nested too deeply to read; file skipped")
        return
    records = value if isinstance(value, list) else [value]
    for number, record in enumerate(records, start=1):
        where = f"record {number}"
        if not isinstance(record, dict):
            yield error(source.name, None, f"{where}: not a JSON object (a {type(record).__name__}); skipped")
            continue
        fields = record_fields(record)
        article, notices = build_article(source.name, None, default_date=options.date, where=where, **fields)
        yield from notices
        if article is not None:
            article.line = number
            yield article


class _RecordTooLong(Exception):
    def __init__(self, line: int):
        self.line = line


def read_csv(source: Source, options: ReadOptions) -> Iterator[Item]:
    """CSV (or TSV) with a header; columns named by the ``csv_*`` options.

    The file is streamed: a row of any length is read (an article over
    ``max_bytes`` is then refused with its line), but a row over
    ``single_article_limit`` ends the reading of the file with an error."""
    with open_binary(source) as stream:
        head = stream.read(BINARY_PROBE_BYTES)
        if not head:
            yield error(source.name, None, "empty file")
            return
        if looks_binary(head):
            yield error(source.name, None, "binary file, not text")
            return
        yield from _read_csv_lines(source, options, head, stream)


def _read_csv_lines(source: Source, options: ReadOptions, head: bytes, stream: BinaryIO) -> Iterator[Item]:
    limit = single_article_limit(options)
    state = {"line": 0, "row_bytes": 0, "warned": False}
    notices: list[Notice] = []

    def text_lines() -> Iterator[str]:
        for raw in _lines(head, stream, limit):
            state["line"] += 1
            if isinstance(raw, LongLine):
                raise _RecordTooLong(state["line"])
            state["row_bytes"] += len(raw)
            if state["row_bytes"] > limit:
                raise _RecordTooLong(state["line"])
            line, decoded = decode_bytes(raw, source.name, first_line=state["line"])
            if decoded and not state["warned"]:
                notices.extend(decoded)
                state["warned"] = True
            yield line

    _allow_fields_of(limit)
    delimiter = "\t" if source.format == "tsv" else ","
    reader = csv.DictReader(text_lines(), delimiter=delimiter)
    first_line = 1
    try:
        columns = reader.fieldnames or []
        yield from notices
        notices.clear()
        if options.csv_text not in columns:
            listed = ", ".join(repr(c) for c in columns) or "none"
            message = f"no column '{options.csv_text}' in the header (columns: {listed}); name the text column with --csv-text"
            yield error(source.name, 1, message)
            return
        first_line = state["line"] + 1
        state["row_bytes"] = 0
        for row in reader:
            article, row_notices = build_article(
                source.name,
                first_line,
                text=row.get(options.csv_text),
                id=row.get(options.csv_id),
                date=row.get(options.csv_date),
                title=row.get(options.csv_title),
                url=row.get(options.csv_url),
                default_date=options.date,
                text_field=options.csv_text,
            )
            for notice in notices:
                notice.article_id = article.id if article else None
            yield from notices
            notices.clear()
            yield from row_notices
            if article is not None:
                yield article
            first_line = state["line"] + 1
            state["row_bytes"] = 0
    except _RecordTooLong:
        yield error(source.name, first_line,
                    f"row over {size_label(limit)}, far more than one article; rest of file skipped")
    except csv.Error as exc:
        yield error(source.name, first_line, f"broken CSV ({exc}); rest of file skipped")


def _allow_fields_of(max_bytes: int) -> None:
    """Let the csv module read fields as long as an allowed article (its default is 128 KB)."""
    wanted = 4 * max_bytes
    if csv.field_size_limit() < wanted:
        csv.field_size_limit(wanted)
