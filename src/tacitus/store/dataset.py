"""The partitioned Parquet dataset a distributed run writes, and loading it into the store.

Layout under the output folder or URL, one file per input partition, each
named by the partition's content hash (``tacitus.ingest.partitions.partition_key``)::

    events/KEY.parquet     the events (the store's event columns, plus
                           ``mentions``: the sentences reporting it, and
                           ``ordinal``: the article's position in the partition)
    articles/KEY.parquet   the articles read (id, text, date, ..., source, line,
                           n_events, ordinal); written last: the partition is done
    failures/KEY.parquet   notices: bad lines, unreadable files, articles that
                           could not be coded (only when there are any)

Each file is written to a hidden temporary name and renamed into place, so a
killed run leaves no half-written partition, and a run started again skips
the partitions whose articles file exists. DuckDB reads the dataset directly
(``SELECT * FROM read_parquet('out/events/*.parquet')``); ``load_dataset``
stores it like ``tacitus ingest`` would have, near-duplicates and event
clusters computed over the whole store.
"""
from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from ..ingest.notice import Notice
from ..ingest.partitions import filesystem
from ..records import Article, Event
from . import rows as R

TABLES = ("events", "articles", "failures")

ARTICLES = pa.schema(
    [
        ("id", pa.string()),
        ("text", pa.string()),
        ("date", pa.string()),
        ("title", pa.string()),
        ("url", pa.string()),
        ("source", pa.string()),
        ("line", pa.int32()),
        ("content_hash", pa.string()),
        ("n_events", pa.int32()),
        ("ordinal", pa.int32()),
    ]
)
EVENTS = R.EVENTS.append(pa.field("mentions", pa.list_(pa.int32()))).append(pa.field("ordinal", pa.int32()))
FAILURES = pa.schema(
    [
        ("source", pa.string()),
        ("line", pa.int32()),
        ("article_id", pa.string()),
        ("level", pa.string()),
        ("message", pa.string()),
    ]
)


@dataclass
class CodedPartition:
    """What one partition gave: articles with their events, and notices."""

    coded: list[tuple[Article, list[Event]]] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)


class Dataset:
    """A partitioned Parquet dataset at a local path or fsspec URL."""

    def __init__(self, url: str):
        self.url = str(url).rstrip("/")
        self.fs, self.root = filesystem(self.url)

    def path(self, table: str, key: str) -> str:
        return f"{self.root}/{table}/{key}.parquet"

    def done(self, key: str) -> bool:
        return self.fs.exists(self.path("articles", key))

    def n_articles(self, key: str) -> int:
        with self.fs.open(self.path("articles", key), "rb") as f:
            return pq.ParquetFile(f).metadata.num_rows

    def _write(self, table: str, key: str, data: pa.Table) -> None:
        final = self.path(table, key)
        temp = f"{self.root}/{table}/.{key}.{uuid.uuid4().hex}.tmp"
        self.fs.makedirs(f"{self.root}/{table}", exist_ok=True)
        with self.fs.open(temp, "wb") as f:
            pq.write_table(data, f)
        self.fs.mv(temp, final)

    def write_failures(self, key: str, notices: list[Notice]) -> None:
        self._write("failures", key, pa.Table.from_pylist([_notice_row(n) for n in notices], schema=FAILURES))

    def write(self, key: str, part: CodedPartition) -> int:
        """Write one coded partition (failures, events, then articles); the number of events."""
        events, articles = [], []
        for ordinal, (article, coded) in enumerate(part.coded):
            rows, _, _ = R.event_rows(article, coded)
            for row, event in zip(rows, coded):
                row["mentions"] = list(event.mentions)
                row["ordinal"] = ordinal
            events += rows
            articles.append({
                "id": article.id, "text": article.text, "date": article.date, "title": article.title,
                "url": article.url, "source": article.source, "line": article.line,
                "content_hash": article.content_hash(), "n_events": len(rows), "ordinal": ordinal,
            })
        if part.notices:
            self.write_failures(key, part.notices)
        self._write("events", key, pa.Table.from_pylist(events, schema=EVENTS))
        self._write("articles", key, pa.Table.from_pylist(articles, schema=ARTICLES))
        return len(events)

    def read(self, table: str, key: str) -> list[dict[str, Any]]:
        path = self.path(table, key)
        if not self.fs.exists(path):
            return []
        with self.fs.open(path, "rb") as f:
            return pq.read_table(f).to_pylist()

    def keys(self) -> list[str]:
        """Keys of the finished partitions, sorted."""
        folder = f"{self.root}/articles"
        if not self.fs.exists(folder):
            return []
        names = [p.rsplit("/", 1)[-1] for p in self.fs.ls(folder, detail=False)]
        return sorted(n[: -len(".parquet")] for n in names if n.endswith(".parquet") and not n.startswith("."))

    def items(self, keys: Iterable[str]) -> Iterator[tuple[Article | Notice, list[Event] | None]]:
        """Notices and articles (with their events) of the given partitions, in order."""
        for key in keys:
            for row in self.read("failures", key):
                yield Notice(row["source"], row["line"], row["message"], row["level"], row["article_id"]), None
            by_article: dict[int, list[Event]] = {}
            for row in self.read("events", key):
                event = R.event_from_row(row)
                event.mentions = list(row["mentions"] or [])
                by_article.setdefault(row["ordinal"], []).append(event)
            for row in sorted(self.read("articles", key), key=lambda r: r["ordinal"]):
                article = Article(id=row["id"], text=row["text"], date=row["date"], title=row["title"],
                                  url=row["url"], source=row["source"], line=row["line"])
                yield article, by_article.get(row["ordinal"], [])


def _notice_row(notice: Notice) -> dict[str, Any]:
    return {"source": str(notice.source or ""), "line": notice.line, "article_id": notice.article_id,
            "level": notice.level, "message": str(notice.message)}


class _Precoded:
    """Stands in for the coder in ``ingest_items``: hands back the events a
    distributed run coded for the article just read (``ingest_items`` asks for
    the events of each article it keeps before it reads the next item)."""

    def __init__(self):
        self.last: tuple[Any, list[Event] | None] = (None, None)

    def pipe(self, articles, processes: int = 1, on_error=None):
        for article in articles:
            item, events = self.last
            if item is not article:
                raise RuntimeError("precoded events out of step with the articles")
            yield article, events or []


def load_dataset(store, url: str, keys: Iterable[str] | None = None, **options: Any):
    """Store the partitions ``keys`` (default: all finished ones) of the dataset
    at ``url`` in ``store`` (a path or an open connection), in that order, as ``ingest_items``
    stores articles: already stored ones are skipped, near-duplicates linked,
    event clusters computed over the whole store. Returns the IngestSummary."""
    from .writer import ingest_items

    dataset = Dataset(url)
    keys = dataset.keys() if keys is None else list(keys)
    precoded = _Precoded()

    def items():
        for item, events in dataset.items(keys):
            precoded.last = (item, events)
            yield item

    return ingest_items(store, items(), precoded, **options)


__all__ = ["ARTICLES", "EVENTS", "FAILURES", "CodedPartition", "Dataset", "load_dataset"]
