"""Splitting a corpus into partitions that can be read and coded apart.

A partition is a whole file, a range of lines of a large JSON Lines file, a
row group of a Parquet file or a range of records of a WARC file. Partitions
are planned from file sizes, line offsets and Parquet metadata alone (no
article is parsed), and each one is read by the same readers as a whole file,
so the articles and notices of all partitions, in plan order, are exactly
those that ``iter_articles`` gives for the same sources.

Sources are local paths, folders and globs (as for ``iter_articles``) or
fsspec URLs (``s3://bucket/news/*.jsonl``, ``memory://corpus.jsonl``, ...;
the driver for the protocol must be installed).
"""
from __future__ import annotations

import hashlib
import io
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath

from ..errors import InputError
from .readers import Item, ReadOptions, read_jsonl_stream, read_parquet_row_group
from .sources import STDIN, Source, detect_format, resolve_sources

#: articles (lines, rows, records) per partition when the input allows splitting
DEFAULT_PARTITION_SIZE = 100
_READ_BLOCK = 1 << 22


@dataclass(frozen=True)
class Partition:
    """A part of one input that is read and coded as a unit."""

    url: str  # the source as the user named it (local path or fsspec URL)
    format: str | None
    gzipped: bool = False
    start: int = 0  # first byte (line and record ranges)
    stop: int | None = None  # end byte; None: to the end of the file
    first_line: int = 1  # line, row or record number of the first article
    group: int | None = None  # Parquet row group
    articles: int | None = None  # articles it holds, when known in advance
    key: str | None = None  # the file's path in the folder or glob it was found by (Source.key)

    @property
    def label(self) -> str:
        if self.group is not None:
            return f"{self.url} (row group {self.group})"
        if self.stop is not None or self.start:
            return f"{self.url}:{self.first_line}"
        return self.url


def is_url(name: str) -> bool:
    """True for an fsspec URL with a protocol other than the local file system."""
    head, sep, _ = str(name).partition("://")
    return bool(sep) and head not in ("file", "local") and head.replace("+", "").isalnum()


def filesystem(url: str):
    """(fsspec file system, path) of a URL or local path."""
    import fsspec.core

    return fsspec.core.url_to_fs(url)


def _resolve_urls(name: str) -> list[Source]:
    fs, path = filesystem(name)

    def url(p: str) -> str:
        return p if "://" in p else fs.unstrip_protocol(p)

    if fs.isdir(path):
        found = sorted(p for p in fs.find(path) if not any(
            part.startswith(".") for part in PurePosixPath(p[len(path):]).parts))
        explicit, base = False, path
    elif fs.exists(path):
        found, explicit, base = [path], True, None
    elif any(c in name for c in "*?["):
        found, explicit = sorted(p for p in fs.glob(path) if fs.isfile(p)), False
        base = path[: min(path.find(c) for c in "*?[" if c in path)].rsplit("/", 1)[0]
        if not found:
            raise InputError(f"{name}: the pattern matches no file; check the pattern and the folder.")
    else:
        raise InputError(f"{name}: no such file or folder; check the URL.")
    sources = []
    for p in found:
        fmt, gzipped = detect_format(Path(PurePosixPath(p).name))
        if fmt is None and explicit:
            raise InputError(f"{name}: unknown input format; tacitus reads the formats listed in its README.")
        key = PurePosixPath(p).relative_to(base).as_posix() if base and p.startswith(base.rstrip("/") + "/") else None
        sources.append(Source(None, fmt, gzipped, label=url(p), key=key))
    return sources


def resolve(sources: list[str]) -> list[Source]:
    """Sources of local paths (as ``resolve_sources``) and fsspec URLs, in order."""
    out: list[Source] = []
    for name in sources:
        if str(name) == STDIN:
            raise InputError("standard input cannot be split into partitions; give files or URLs")
        out += _resolve_urls(str(name)) if is_url(str(name)) else resolve_sources([name])
    return out


def plan_partitions(sources: list[str], partition_size: int = DEFAULT_PARTITION_SIZE) -> list[Partition]:
    """The partitions of ``sources``, in the order their articles are read."""
    if partition_size < 1:
        raise InputError(f"partition size must be at least 1, not {partition_size}")
    plan: list[Partition] = []
    for source in resolve(sources):
        name = source.name
        if source.format == "jsonl" and not source.gzipped:
            plan += [replace(p, key=source.key) for p in _line_ranges(name, partition_size)]
        elif source.format == "parquet" and not source.gzipped:
            plan += [replace(p, key=source.key) for p in _row_groups(name)]
        elif source.format == "warc":
            plan += [replace(p, key=source.key) for p in _warc_records(name, source.gzipped, partition_size)]
        else:
            one = 1 if source.format in ("txt", "html") else None
            plan.append(Partition(name, source.format, source.gzipped, articles=one, key=source.key))
    return plan


def _open(url: str):
    fs, path = filesystem(url)
    return fs.open(path, "rb")


def _line_ranges(url: str, size: int) -> list[Partition]:
    """Ranges of ``size`` lines each, found by reading line ends only."""
    parts, start, first, lines, offset = [], 0, 1, 0, 0
    with _open(url) as stream:
        for line in stream:
            offset += len(line)
            lines += 1
            if lines == size:
                parts.append(Partition(url, "jsonl", start=start, stop=offset, first_line=first, articles=lines))
                start, first, lines = offset, first + lines, 0
    if lines or not parts:  # the rest; an empty file is read whole, so the reader reports it
        parts.append(Partition(url, "jsonl", start=start, stop=offset if parts else None,
                               first_line=first, articles=lines))
    return parts


def _row_groups(url: str) -> list[Partition]:
    import pyarrow.parquet as pq

    try:
        with _open(url) as stream:
            meta = pq.ParquetFile(stream).metadata
    except Exception:  # not Parquet: one partition, whose reader reports the file
        return [Partition(url, "parquet")]
    parts, first = [], 1
    for index in range(meta.num_row_groups):
        group = meta.row_group(index)
        starts, stops = [], []
        for c in range(group.num_columns):
            column = group.column(c)
            begin = column.data_page_offset
            if column.has_dictionary_page and column.dictionary_page_offset:
                begin = min(begin, column.dictionary_page_offset)
            starts.append(begin)
            stops.append(begin + column.total_compressed_size)
        parts.append(Partition(url, "parquet", start=min(starts, default=0), stop=max(stops, default=0),
                               first_line=first, group=index, articles=group.num_rows))
        first += group.num_rows
    return parts or [Partition(url, "parquet", articles=0)]


def _warc_records(url: str, gzipped: bool, size: int) -> list[Partition]:
    """Ranges of ``size`` records (of any type: a page is often a request, a
    response and metadata), cut where records start."""
    from warcio.archiveiterator import ArchiveIterator

    starts = []
    try:
        with _open(url) as stream:
            records = ArchiveIterator(stream)
            for number, _ in enumerate(records):
                if number % size == 0:
                    starts.append(records.get_record_offset())
    except Exception:  # not WARC or broken: one partition, whose reader reports the file
        return [Partition(url, "warc", gzipped)]
    if len(starts) <= 1:
        return [Partition(url, "warc", gzipped)]
    bounds = starts[1:] + [None]
    return [Partition(url, "warc", gzipped, start=start, stop=stop, first_line=1 + i * size)
            for i, (start, stop) in enumerate(zip(starts, bounds))]


def partition_key(partition: Partition, salt: str = "") -> str:
    """The partition's content hash: its bytes, where it comes from and ``salt``
    (the settings it is coded with); the name of its files in a dataset."""
    digest = hashlib.sha1()
    where = f"{partition.url}\x1f{partition.format}\x1f{partition.start}\x1f{partition.stop}\x1f{partition.group}"
    digest.update(f"{salt}\x1f{where}\x1f".encode("utf-8"))
    with _open(partition.url) as stream:
        stream.seek(partition.start)
        remaining = None if partition.stop is None else partition.stop - partition.start
        while remaining is None or remaining > 0:
            block = stream.read(_READ_BLOCK if remaining is None else min(_READ_BLOCK, remaining))
            if not block:
                break
            digest.update(block)
            if remaining is not None:
                remaining -= len(block)
    return digest.hexdigest()[:24]


def read_partition(partition: Partition, options: ReadOptions) -> Iterator[Item]:
    """The articles and notices of one partition (unscreened, as ``read_source``)."""
    from . import read_source

    if partition.format == "jsonl" and partition.stop is not None:
        with _open(partition.url) as stream:
            stream.seek(partition.start)
            data = stream.read(partition.stop - partition.start)
        yield from read_jsonl_stream(partition.url, io.BytesIO(data), options, partition.first_line)
    elif partition.format == "warc" and (partition.start or partition.stop is not None):
        yield from _read_warc_range(partition, options)
    elif partition.group is not None:
        import pyarrow.parquet as pq

        with _open(partition.url) as stream:
            table = pq.ParquetFile(stream)
            yield from read_parquet_row_group(partition.url, table, partition.group, partition.first_line, options)
    elif not is_url(partition.url):
        yield from read_source(Source(Path(partition.url), partition.format, partition.gzipped, key=partition.key),
                               options)
    else:  # a whole remote file: read from a local copy, reported under its URL
        folder = tempfile.mkdtemp(prefix="tacitus-")
        try:
            local = Path(folder) / PurePosixPath(partition.url.split("://", 1)[1]).name
            with _open(partition.url) as stream, open(local, "wb") as out:
                shutil.copyfileobj(stream, out, _READ_BLOCK)
            source = Source(local, partition.format, partition.gzipped, label=partition.url,
                            key=partition.key or PurePosixPath(partition.url.split("://", 1)[1]).name)
            yield from read_source(source, options)
        finally:
            shutil.rmtree(folder, ignore_errors=True)


def _read_warc_range(partition: Partition, options: ReadOptions) -> Iterator[Item]:
    from .web import read_warc_records

    with _open(partition.url) as stream:
        stream.seek(partition.start)
        data = stream.read() if partition.stop is None else stream.read(partition.stop - partition.start)
    folder = tempfile.mkdtemp(prefix="tacitus-")
    try:
        local = Path(folder) / ("part.warc.gz" if partition.gzipped else "part.warc")
        local.write_bytes(data)
        source = Source(local, "warc", partition.gzipped, label=partition.url, key=partition.key)
        yield from read_warc_records(source, options, partition.first_line)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


__all__ = ["DEFAULT_PARTITION_SIZE", "Partition", "is_url", "partition_key", "plan_partitions", "read_partition",
           "resolve", "filesystem"]
