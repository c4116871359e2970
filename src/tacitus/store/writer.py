"""Ingest: code articles and store them, in batches, idempotently and crash-safely.

Each batch (articles, their events, mentions, entities and the notices read
with them) is written in one transaction, so a run killed at any point and
started again ends with exactly the rows of an uninterrupted run: articles
already stored are skipped by id, notices are stored once, clusters and
near-duplicate links depend only on the input order.
"""
from __future__ import annotations

import contextlib
import errno
import datetime as dt
import time
from pathlib import Path
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator

import duckdb
import pyarrow as pa

from ..errors import StoreError
from ..ingest.notice import error
from ..ingest.duplicates import DEFAULT_THRESHOLD, NearDuplicateIndex, from_signature, minhash, signature_bytes
from ..records import Article
from . import rows as R
from .clusters import places_of, recompute_clusters, refresh_overview, refresh_place_summary, weeks_of
from .schema import DERIVED_EVENT_COLUMNS, mention_events, open_store
from .search import add_words, drop_words

try:
    import fcntl
except ImportError:  # Windows: no lock against a second ingest
    fcntl = None

DEFAULT_BATCH_SIZE = 100
#: How many error notices an IngestSummary keeps (all are in the failures table).
FIRST_ERRORS = 10


@dataclass
class IngestSummary:
    stored: int = 0  # new articles coded and stored
    recoded: int = 0  # stored articles coded again
    skipped: int = 0  # already stored (or seen earlier in this run)
    duplicates: int = 0  # near-duplicates stored and linked, not coded
    failed: int = 0  # error notices: something was not coded
    warnings: int = 0
    events: int = 0  # events written
    batches: int = 0
    seconds: float = 0.0
    first_errors: list = field(default_factory=list)  # the first errors, "source:line: message"

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)

    def add_error(self, notice: Any) -> None:
        self.failed += 1
        if len(self.first_errors) < FIRST_ERRORS:
            self.first_errors.append(f"{notice.location}: {notice.message}")


def _is_article(item: Any) -> bool:
    return isinstance(item, Article)


class _Writer:
    def __init__(self, con, *, dedup: bool, threshold: float, recode: bool):
        self.con = con  # None between batches when the writer opens the store for each one
        self.recode = recode
        self.summary = IngestSummary()
        self.pending_articles: list[tuple[Article, list, Any]] = []  # (article, events, minhash)
        self.pending_side: list[tuple[str, Any]] = []
        self.seen: set[str] = set()
        stored = con.execute("SELECT id, duplicate_of IS NOT NULL FROM articles").fetchall()
        self.stored = dict(stored)
        self.hashes = dict(
            con.execute(
                "SELECT content_hash, min(id) FROM articles WHERE duplicate_of IS NULL GROUP BY 1"
            ).fetchall()
        )
        self.index = None
        if dedup:
            self.index = NearDuplicateIndex(threshold)
            for aid, sig in con.execute(
                "SELECT id, minhash FROM articles WHERE duplicate_of IS NULL AND minhash IS NOT NULL"
            ).fetchall():
                self.index.add(aid, from_signature(sig))
        self.in_transaction = False

    # -- deciding what to code ------------------------------------------------
    def triage(self, items: Iterable[Any], progress: Callable[[], None]) -> Iterator[Article]:
        """Yield the articles to code; record the others as side rows."""
        for item in items:
            if not _is_article(item):
                self.pending_side.append(("notice", item))
                if getattr(item, "level", "error") == "error":
                    self.summary.add_error(item)
                    progress()
                else:
                    self.summary.warnings += 1
                continue
            article = item
            if article.id in self.seen or (article.id in self.stored and not self.recode):
                self.summary.skipped += 1
                progress()
                continue
            self.seen.add(article.id)
            if article.id in self.stored:  # --recode
                if self.stored[article.id]:  # a stored near-duplicate: never coded
                    self.summary.skipped += 1
                    progress()
                    continue
                yield article
                continue
            m = minhash(article.text) if self.index is not None else None
            original = self._original_of(article, m)
            if original is not None:
                self.pending_side.append(("duplicate", (article, m, original)))
                self.summary.duplicates += 1
                progress()
                continue
            if m is not None:
                self.index.add(article.id, m)
            self.hashes.setdefault(article.content_hash(), article.id)
            yield article

    def _original_of(self, article: Article, m) -> tuple[str, float] | None:
        if self.index is None:
            return None
        same = self.hashes.get(article.content_hash())
        if same is not None and same != article.id:
            return same, 1.0
        return self.index.find(m)

    # -- writing ----------------------------------------------------------------
    def begin(self) -> None:
        if not self.in_transaction:
            self.con.execute("BEGIN TRANSACTION")
            self.in_transaction = True

    def commit(self) -> None:
        if self.in_transaction:
            self.con.execute("COMMIT")
            self.in_transaction = False

    def rollback(self) -> None:
        if self.in_transaction:
            self.in_transaction = False
            try:
                self.con.execute("ROLLBACK")
            except duckdb.Error:  # DuckDB already aborted it (e.g. disk full)
                pass

    def flush(self, *, commit: bool = True) -> None:
        if not self.pending_articles and not self.pending_side:
            return
        self.begin()
        now = dt.datetime.now()
        article_rows, ev_rows, mention_rows, entities, notices = [], [], [], {}, []
        recoded_ids = []
        for article, events, m in self.pending_articles:
            evs, mens, ents = R.event_rows(article, events)
            ev_rows += evs
            mention_rows += mens
            entities.update(ents)
            if article.id in self.stored:
                recoded_ids.append(self._article_row(article, None, None, None, len(evs), now, None))
            else:
                article_rows.append(self._article_row(article, m, None, None, len(evs), now, now))
        for kind, payload in self.pending_side:
            if kind == "duplicate":
                article, m, (original, similarity) = payload
                article_rows.append(self._article_row(article, m, original, similarity, None, None, now))
            else:
                notices.append(
                    {
                        "source": str(getattr(payload, "source", "") or ""),
                        "line": getattr(payload, "line", None),
                        "article_id": getattr(payload, "article_id", None),
                        "level": getattr(payload, "level", "error"),
                        "message": str(getattr(payload, "message", payload)),
                        "recorded_at": now,
                    }
                )
        con = self.con
        touched = {row["group_key"] for row in ev_rows}
        actors = {row["entity_id"] for row in mention_rows}
        before, weeks = set(), set()  # places, weeks of events a recode deletes (without one, events are only added)
        if recoded_ids:
            ids = [row["id"] for row in recoded_ids]
            touched |= {
                k for (k,) in con.execute(
                    "SELECT DISTINCT group_key FROM events WHERE doc_id IN (SELECT unnest(?))", [ids]
                ).fetchall()
            }
            actors |= {
                k for (k,) in con.execute(
                    "SELECT DISTINCT entity_id FROM mentions WHERE doc_id IN (SELECT unnest(?))", [ids]
                ).fetchall()
            }
            before = places_of(con, sorted(touched))  # the places of the events about to go
            weeks = weeks_of(con, sorted(touched))
            drop_words(con, ids)
            con.execute("DELETE FROM events WHERE doc_id IN (SELECT unnest(?))", [ids])
            con.execute("DELETE FROM mentions WHERE doc_id IN (SELECT unnest(?))", [ids])
            # the text as coded now: event offsets index it
            con.register("_tacitus_rows", pa.Table.from_pylist(recoded_ids, schema=_ARTICLES))
            con.execute(
                """UPDATE articles SET text = r.text, content_hash = r.content_hash, title = r.title,
                       url = r.url, published = r.published, n_events = r.n_events, coded_at = r.coded_at
                   FROM _tacitus_rows r WHERE articles.id = r.id"""
            )
            con.unregister("_tacitus_rows")
        if article_rows:
            self._insert("articles", article_rows, None)
        if ev_rows:  # with their articles' titles (a join with the whole table costs more)
            con.register("_tacitus_titles", pa.table(
                {"id": [a.id for a, _, _ in self.pending_articles], "title": [a.title for a, _, _ in self.pending_articles]},
                schema=pa.schema([("id", pa.string()), ("title", pa.string())])))
            last_seq = con.execute("SELECT coalesce(max(seq), 0) FROM events").fetchall()[0][0]
            self._insert("events", ev_rows, R.EVENTS, extra=DERIVED_EVENT_COLUMNS.replace("{last_seq}", str(last_seq)))
            con.unregister("_tacitus_titles")
            add_words(con, last_seq)
        if entities:
            con.register("_tacitus_rows", R.table(list(entities.values()), R.ENTITIES))
            con.execute("INSERT OR IGNORE INTO entities SELECT * FROM _tacitus_rows")
            con.unregister("_tacitus_rows")
        if notices:
            con.register("_tacitus_rows", _notice_table(notices))
            con.execute(
                """INSERT INTO failures SELECT DISTINCT ON (source, line, level, message) * FROM _tacitus_rows t
                   WHERE NOT EXISTS (SELECT 1 FROM failures f WHERE f.source = t.source
                     AND f.line IS NOT DISTINCT FROM t.line AND f.level = t.level
                     AND f.message = t.message)"""
            )
            con.unregister("_tacitus_rows")
        recompute_clusters(con, touched)
        # the places whose clusters a batch can change: those of the events of its groups,
        # before and after
        refresh_place_summary(con, before | places_of(con, sorted(touched)))
        # the overview without filters: the weeks of the batch's groups, before and after
        refresh_overview(con, weeks | weeks_of(con, sorted(touched)))
        if mention_rows:  # with their events' fields (cluster ids as just computed)
            self._insert_mentions(mention_rows)
        refresh_actor_stats(con, actors)
        if commit:
            self.commit()
        for row in article_rows:
            self.stored[row["id"]] = row["duplicate_of"] is not None
        self.summary.events += len(ev_rows)
        self.summary.batches += 1
        self.pending_articles.clear()
        self.pending_side.clear()

    def _article_row(self, article, m, duplicate_of, similarity, n_events, coded_at, ingested_at):
        return {
            "id": article.id,
            "content_hash": article.content_hash(),
            "title": article.title,
            "url": article.url,
            "published": R.parse_day(article.date),
            "source": article.source,
            "line": article.line,
            "text": article.text,
            "duplicate_of": duplicate_of,
            "similarity": similarity,
            "minhash": signature_bytes(m) if m is not None else None,
            "n_events": n_events,
            "coded_at": coded_at,
            "ingested_at": ingested_at,
        }

    def _insert_mentions(self, rows: list[dict]) -> None:
        """Insert mention rows with the fields of their events and articles (stored before)."""
        docs = sorted({row["doc_id"] for row in rows})
        self.con.register("_tacitus_rows", pa.Table.from_pylist(rows, schema=R.MENTIONS))
        self.con.execute("INSERT INTO mentions " + mention_events(
            "_tacitus_rows", events="(SELECT * FROM events WHERE doc_id IN (SELECT unnest($1)))",
            articles="(SELECT id, published FROM articles WHERE id IN (SELECT unnest($1)))"), [docs])
        self.con.unregister("_tacitus_rows")

    def _insert(self, name: str, rows: list[dict], schema, extra: str = "") -> None:
        """Insert ``rows``; ``extra``: more columns, computed from them in SQL."""
        tbl = pa.Table.from_pylist(rows, schema=schema if schema is not None else _ARTICLES)
        self.con.register("_tacitus_rows", tbl)
        self.con.execute(f"INSERT INTO {name} BY NAME SELECT *{', ' + extra if extra else ''} FROM _tacitus_rows")
        self.con.unregister("_tacitus_rows")


def refresh_actor_stats(con, entity_ids: Iterable[str]) -> None:
    """Recompute the ``actor_stats`` rows of the given entities (inside the caller's transaction)."""
    from .schema import ACTOR_STATS_SELECT

    ids = sorted(set(entity_ids))
    if not ids:
        return
    con.execute("DELETE FROM actor_stats WHERE entity_id IN (SELECT unnest(?))", [ids])
    con.execute("INSERT INTO actor_stats "
                + ACTOR_STATS_SELECT.format(extra="AND entity_id IN (SELECT unnest(?))"), [ids])


def _notice_table(notices: list[dict]):
    return pa.Table.from_pylist(
        notices,
        schema=pa.schema(
            [
                ("source", pa.string()),
                ("line", pa.int32()),
                ("article_id", pa.string()),
                ("level", pa.string()),
                ("message", pa.string()),
                ("recorded_at", pa.timestamp("us")),
            ]
        ),
    )


def _articles_schema():
    return pa.schema(
        [
            ("id", pa.string()),
            ("content_hash", pa.string()),
            ("title", pa.string()),
            ("url", pa.string()),
            ("published", pa.date32()),
            ("source", pa.string()),
            ("line", pa.int32()),
            ("text", pa.string()),
            ("duplicate_of", pa.string()),
            ("similarity", pa.float64()),
            ("minhash", pa.binary()),
            ("n_events", pa.int32()),
            ("coded_at", pa.timestamp("us")),
            ("ingested_at", pa.timestamp("us")),
        ]
    )


_ARTICLES = _articles_schema()


def ingest_items(
    store,
    items: Iterable[Any],
    coder,
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    dedup: bool = True,
    threshold: float = DEFAULT_THRESHOLD,
    recode: bool = False,
    processes: int = 1,
    on_progress: Callable[[int], None] | None = None,
    on_batch: Callable[[IngestSummary], None] | None = None,
) -> IngestSummary:
    """Code and store ``items`` (Articles and ingest Notices) in ``store``.

    ``store`` is the path of a store file or an open connection. Given a path,
    the store is opened for writing only while a batch is written and
    committed (articles are coded with the file closed), so other processes
    can query it during the run (see ``open_store``), and a second ingest of
    the same file is refused while this one runs. Given a connection, it is
    used throughout and left open.

    Articles already stored are skipped; with ``recode`` they are coded again and
    their events replaced, the whole run being one transaction (so the store
    stays open, and locked, for the whole run). Near-duplicates (``dedup``) are
    stored with ``duplicate_of`` and not coded. ``on_progress(n)`` is called as
    n more input items are done; ``on_batch(summary)`` after each commit.
    """
    if batch_size < 1:
        raise StoreError(f"batch size must be at least 1, not {batch_size}")
    options = dict(dedup=dedup, threshold=threshold, recode=recode)
    run = dict(batch_size=batch_size, processes=processes, on_progress=on_progress, on_batch=on_batch)
    if not isinstance(store, (str, Path)):
        return _run(_Writer(store, **options), lambda: contextlib.nullcontext(store), items, coder, **run)
    path = Path(store)
    with _ingest_lock(path):
        with contextlib.closing(open_store(path)) as con:
            writer = _Writer(con, **options)
            if recode:  # one transaction: the store stays open
                return _run(writer, lambda: contextlib.nullcontext(con), items, coder, **run)
        writer.con = None
        return _run(writer, lambda: contextlib.closing(open_store(path)), items, coder, **run)


def _run(writer: _Writer, connect, items, coder, *, batch_size, processes, on_progress, on_batch) -> IngestSummary:
    """Code ``items`` with the store closed; write each batch in a connection from ``connect()``."""
    started = time.perf_counter()
    recode = writer.recode
    tick = (lambda: on_progress(1)) if on_progress else (lambda: None)

    def write(commit: bool) -> None:
        if not writer.pending_articles and not writer.pending_side:
            return
        try:
            with connect() as con:
                writer.con = con
                try:
                    writer.flush(commit=commit)
                except BaseException:
                    writer.rollback()
                    raise
        except (duckdb.Error, OSError) as exc:
            raise _write_error(exc) from exc

    if recode:
        with connect() as con:
            writer.con = con
            writer.begin()  # --recode: all or nothing
    try:
        def failed(article: Article, reason: str) -> None:  # one bad article never stops a run
            notice = error(article.source or "", article.line, f"article {article.id!r}: {reason}", article.id)
            writer.pending_side.append(("notice", notice))
            writer.summary.add_error(notice)
            tick()

        articles = writer.triage(items, tick)
        for article, events in coder.pipe(articles, processes=processes, on_error=failed):
            writer.pending_articles.append((article, list(events), _signature_of(writer, article)))
            if article.id in writer.stored:
                writer.summary.recoded += 1
            else:
                writer.summary.stored += 1
            tick()
            if len(writer.pending_articles) >= batch_size or len(writer.pending_side) >= 10 * batch_size:
                write(commit=not recode)
                if on_batch and not recode:
                    on_batch(writer.summary)
        write(commit=not recode)
        if recode:
            with connect():
                writer.commit()
        if on_batch:
            on_batch(writer.summary)
    except BaseException:
        if recode:
            writer.rollback()
        raise
    writer.summary.seconds = time.perf_counter() - started
    return writer.summary


def _write_error(exc: Exception) -> StoreError:
    """A clear message for a batch that could not be written; the store keeps the batches before it."""
    text = str(exc)
    if "no space left" in text.lower() or getattr(exc, "errno", None) == errno.ENOSPC:
        return StoreError(
            "no space left on device: this batch was not stored (the batches before it are); "
            "free some space and run the same command again to go on from there"
        )
    return StoreError(f"cannot write to the store: {text}; this batch was not stored, the batches before it are")


@contextlib.contextmanager
def _ingest_lock(path: Path):
    """Refuse a second ingest of the same store while this one runs (a lock on ``<store>.lock``)."""
    if str(path) == ":memory:" or fcntl is None:
        yield
        return
    lock_path = path.with_name(path.name + ".lock")
    try:
        handle = open(lock_path, "a+b")
    except OSError as exc:
        raise StoreError(f"{path}: cannot create the store there ({exc.strerror})") from exc
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            raise StoreError(
                f"{path}: another tacitus ingest is writing to this store; wait until it ends"
            ) from exc
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _signature_of(writer: _Writer, article: Article):
    return None if writer.index is None else writer.index.signature(article.id)


def stored_articles(con, *, batch: int = 200) -> Iterator[Article]:
    """The coded (not near-duplicate) articles of the store, in ingest order."""
    ids = [i for (i,) in con.execute(
        "SELECT id FROM articles WHERE duplicate_of IS NULL ORDER BY ingested_at, source, line, id"
    ).fetchall()]
    for start in range(0, len(ids), batch):
        chunk = ids[start : start + batch]
        rows = con.execute(
            "SELECT id, text, published, title, url, source, line FROM articles "
            "WHERE id IN (SELECT unnest(?))",
            [chunk],
        ).fetchall()
        by_id = {r[0]: r for r in rows}
        for aid in chunk:
            r = by_id[aid]
            yield Article(
                id=r[0], text=r[1], date=r[2].isoformat() if r[2] else None,
                title=r[3], url=r[4], source=r[5], line=r[6],
            )


def ingest(
    store,
    sources: list[str],
    coder,
    *,
    recode: bool = False,
    read_options: dict[str, Any] | None = None,
    **options: Any,
) -> IngestSummary:
    """Read ``sources`` (files, folders, globs; see tacitus.ingest), code and store them.

    ``store`` is a path or an open connection, as for ``ingest_items``. With ``recode`` and no sources, every coded article of the store is coded again.
    ``read_options`` go to ``tacitus.ingest.iter_articles`` (date, csv_text, ...,
    max_bytes); the other options to ``ingest_items``.
    """
    if sources:
        from ..ingest import iter_articles

        items: Iterable[Any] = iter_articles(list(sources), **(read_options or {}))
    elif recode:
        if isinstance(store, (str, Path)):  # the stored articles are read as they are coded
            with _ingest_lock(Path(store)), contextlib.closing(open_store(store)) as con:
                writer_options = dict(options, recode=True)
                return ingest_items(con, stored_articles(con), coder, **writer_options)
        items = stored_articles(store)
    else:
        raise StoreError("nothing to ingest: give files, folders or globs (or --recode)")
    return ingest_items(store, items, coder, recode=recode, **options)
