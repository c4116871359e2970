"""A cache of the API's JSON answers, valid while the store file is unchanged.

Aggregates over a million events take a fraction of a second; the same view
asked again (a refresh, a link shared in a team, moving back and forth
between views) is answered from memory. The key is the request's path and
query and the store's stamp (size and modification time of the DuckDB file
and its write-ahead log): a commit by ``tacitus ingest`` changes the stamp,
so new articles appear on the next refresh.
"""
from __future__ import annotations

import os
from collections import OrderedDict
from pathlib import Path

#: Query values that ask for a download (streamed, never cached).
_DOWNLOADS = (b"format=csv", b"format=jsonl", b"format=parquet")


def store_stamp(path: Path) -> tuple:
    stamp = []
    for name in (str(path), f"{path}.wal"):
        try:
            st = os.stat(name)
            stamp += [st.st_size, st.st_mtime_ns]
        except OSError:
            stamp += [None, None]
    return tuple(stamp)


class ResponseCache:
    """ASGI middleware: cache successful GET /api/ answers (up to ``entries``, least recent out)."""

    def __init__(self, app, db: Path, entries: int = 256, max_bytes: int = 5_000_000):
        self.app = app
        self.db = Path(db)
        self.entries = entries
        self.max_bytes = max_bytes
        self.store: OrderedDict = OrderedDict()

    async def __call__(self, scope, receive, send):
        query = scope.get("query_string", b"")
        if (scope["type"] != "http" or scope["method"] != "GET" or not scope["path"].startswith("/api/")
                or any(d in query for d in _DOWNLOADS)):
            return await self.app(scope, receive, send)
        key = (scope["path"], query, store_stamp(self.db))
        hit = self.store.get(key)
        if hit is not None:
            self.store.move_to_end(key)
            start, body = hit
            await send(start)
            await send({"type": "http.response.body", "body": body})
            return
        captured: dict = {"parts": []}

        async def capture(message):
            if message["type"] == "http.response.start":
                captured["start"] = message
            elif message["type"] == "http.response.body":
                captured["parts"].append(message.get("body", b""))
                if not message.get("more_body"):
                    captured["done"] = True
            await send(message)

        await self.app(scope, receive, capture)
        start = captured.get("start")
        if start and start["status"] == 200 and captured.get("done"):
            body = b"".join(captured["parts"])
            if len(body) <= self.max_bytes:
                self.store[key] = (start, body)
                while len(self.store) > self.entries:
                    self.store.popitem(last=False)
