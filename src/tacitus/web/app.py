"""The viewer: HTML views (templates/, static/) over a JSON API, on FastAPI.

    app = create_app("news.duckdb")      # then: uvicorn.run(app)

Every view is a page that draws itself from the JSON API with the filters
in its URL, so a view is shared as a link. The API reads the store through
``tacitus.store`` (the same filters as the query commands), one read-only
connection per request.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import logging
import threading
from pathlib import Path
from typing import Any, Literal

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response, StreamingResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel, Field

from ..errors import TacitusError
from ..store import browse
from ..store.queries import event_filters, summary, text_filter
from .cache import ResponseCache
from .db import Reader, StoreBusy
from .highlight import article_marks, event_marks
from .limits import BodyLimit, BodyTooLarge

HERE = Path(__file__).parent


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("tacitus")
    except PackageNotFoundError:
        return "0"


__version__ = _version()
log = logging.getLogger("tacitus.web")

#: Largest request body (bytes): a pasted article of up to 1 MB and its JSON quoting.
MAX_BODY = 2_000_000
#: Longest text the "code this text" endpoint codes (characters), as ``--max-bytes``.
MAX_TEXT = 1_000_000
#: Most rows a page of the API returns.
MAX_PAGE = 500
#: Most rows a download of the current selection returns.
MAX_DOWNLOAD = 1_000_000


def _plain(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.hex()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def _json(data: Any, status: int = 200) -> Response:
    body = json.dumps(data, default=_plain, ensure_ascii=False, separators=(",", ":"))
    return Response(body, status_code=status, media_type="application/json")


def _error(status: int, message: str) -> Response:
    return _json({"error": message, "status": status}, status)


class Filters:
    """The filter bar's fields, as query parameters (the CLI's filters)."""

    def __init__(
        self,
        actor: str | None = Query(None, max_length=200, description="Actor country code (RUS), country name, or part of an actor's name."),
        recipient: str | None = Query(None, max_length=200, description="Recipient, as `actor`."),
        type: str | None = Query(None, max_length=300, description="PLOVER event type(s), comma-separated (ACCUSE,THREATEN)."),
        quad: str | None = Query(None, max_length=200, description="Quad class(es), comma-separated: verbal cooperation, material cooperation, verbal conflict, material conflict."),
        since: str | None = Query(None, max_length=10, description="First day, YYYY-MM-DD."),
        until: str | None = Query(None, max_length=10, description="Last day, YYYY-MM-DD."),
        text: str | None = Query(None, max_length=200, description="Words in the event's sentence or the article's title (spaces count: ` war ` finds the word war, not Warsaw; only spaces: no filter)."),
    ):
        self.values = {k: (v.strip() or None) if isinstance(v, str) else v for k, v in dict(
            actor=actor, recipient=recipient, type=type, quad=quad, since=since, until=until).items()}
        self.values["text"] = text_filter(text)  # spaces count, as on the command line


class CodeRequest(BaseModel):
    text: str = Field(..., min_length=1, max_length=MAX_TEXT, description="The article's text.")
    date: dt.date | None = Field(None, description="Publication date (relative dates are resolved against it).")
    title: str | None = Field(None, max_length=1000)


class _Coder:
    """The spaCy coder, loaded on the first "code this text" request and kept."""

    def __init__(self):
        self.lock = threading.Lock()
        self.coder = None

    def __call__(self, text: str, date: str | None):
        with self.lock:
            if self.coder is None:
                import tacitus

                self.coder = tacitus.load()
            return self.coder(text, date=date)


def create_app(db: str | Path, *, max_download: int = MAX_DOWNLOAD) -> FastAPI:
    """The viewer and API over the store at ``db``."""
    db = Path(db)
    app = FastAPI(
        title="tacitus",
        version=__version__,
        description="Event data from a tacitus store: events, dyads, actors, articles; "
        "code a text without storing it. Counts are of event clusters.",
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.state.db = db
    app.state.reader = reader = Reader(db)
    reading = reader.reading
    app.router.on_startup.append(reader.open)
    app.router.on_shutdown.append(reader.close)
    app.state.coder = _Coder()
    app.add_middleware(ResponseCache, db=db)
    app.add_middleware(BodyLimit, max_bytes=MAX_BODY)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    templates = Jinja2Templates(directory=HERE / "templates")

    @app.exception_handler(BodyTooLarge)
    async def too_large(request: Request, exc: BodyTooLarge):
        return _error(413, f"request body over {MAX_BODY} bytes")

    @app.exception_handler(StoreBusy)
    async def busy(request: Request, exc: StoreBusy):
        return _error(503, exc.message)

    @app.exception_handler(TacitusError)
    async def bad_request(request: Request, exc: TacitusError):
        return _error(400, exc.message)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e.get('loc', ()) if p not in ('query', 'body', 'path'))}: {e.get('msg')}"
            for e in exc.errors()
        )
        return _error(422, problems or "invalid request")

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException):
        return _error(exc.status_code, str(exc.detail))

    from starlette.exceptions import HTTPException as StarletteHTTPException

    @app.exception_handler(StarletteHTTPException)
    async def starlette_error(request: Request, exc: StarletteHTTPException):
        return _error(exc.status_code, str(exc.detail))

    @app.exception_handler(Exception)
    async def crash(request: Request, exc: Exception):
        log.exception("error serving %s", request.url.path)
        return _error(500, "internal error (see the server's log)")

    # -- API -----------------------------------------------------------------
    @app.get("/api/stats", tags=["api"], summary="Counts and the overview's aggregates")
    def api_stats(f: Filters = Depends(), top: int = Query(10, ge=1, le=100, description="Length of the top dyads and top actors lists.")):
        """Store counts (articles, events, clusters...), event clusters per week and
        quad class, the top dyads and the top actors, under the filters. `undated`
        counts the clusters left out of `weekly` because the text gives no day for
        them (only a period, e.g. "last month"; the store dates them by their
        article's publication day)."""
        with reading() as con:
            found = browse.overview(con, top=top, **f.values)
            return _json({
                "counts": summary(con),
                "weekly": found["weekly"],
                "undated": len(found["undated"]),
                "dyads": found["dyads"],
                "actors": found["actors"],
            })

    @app.get("/api/events", tags=["api"], summary="Event clusters: a page, or the whole selection as a file")
    def api_events(
        f: Filters = Depends(),
        sort: Literal[tuple(browse.SORTS)] = Query("date", description="Column to sort the clusters by."),  # type: ignore[valid-type]
        order: Literal["asc", "desc"] = Query("desc", description="Sort order."),
        offset: int = Query(0, ge=0, le=10_000_000, description="Rows to skip (pagination)."),
        limit: int = Query(50, ge=1, le=MAX_PAGE, description=f"Rows in the page (at most {MAX_PAGE})."),
        format: Literal["json", "csv", "jsonl", "parquet"] = Query("json", description="json: one page; csv, jsonl, parquet: the whole selection (at most the server's download limit) as a file."),
    ):
        """One row per event cluster (its representative event), with the number of
        reporting articles. `format=csv|jsonl|parquet` downloads the current selection."""
        if format == "json":
            with reading() as con:
                return _json(browse.event_page(con, sort=sort, order=order, offset=offset, limit=limit, **f.values))
        return _download(reading, format, f.values, max_download)

    @app.get("/api/dyads", tags=["api"], summary="Actor -> recipient pairs")
    def api_dyads(
        f: Filters = Depends(),
        level: Literal["country", "actor"] = Query("country", description="Nodes: countries, or resolved actors."),
        limit: int = Query(300, ge=1, le=2000, description="The heaviest dyads kept."),
    ):
        """The network of dyads: nodes (countries or resolved actors) and edges weighted
        by event clusters with their mean PLOVER score."""
        with reading() as con:
            return _json(browse.network(con, level=level, limit=limit, **f.values))

    @app.get("/api/places", tags=["api"], summary="Places with events")
    def api_places(f: Filters = Depends(), limit: int = Query(2000, ge=1, le=10_000, description="Places with the most events kept.")):
        """Places (with coordinates) of event clusters, counted, with the latest events of each."""
        with reading() as con:
            found = browse.places_json(con, limit=limit, **f.values)
        return Response('{"places":' + found + "}", media_type="application/json")

    @app.get("/api/actors", tags=["api"], summary="Top actors, or one actor")
    def api_actors(
        f: Filters = Depends(),
        name: str | None = Query(None, max_length=300, description="One resolved actor's name: its aliases, mentions over time and counterparts."),
        country: str | None = Query(None, max_length=3, description="With `name`: only the actor of this country code."),
        limit: int = Query(50, ge=1, le=MAX_PAGE, description="Length of the top actors list."),
    ):
        if name:
            with reading() as con:
                found = browse.actor(con, name, country=country)
            if found is None:
                return _error(404, f"no actor named {name!r}")
            return _json(found)
        with reading() as con:
            return _json({"actors": browse.top_actors(con, limit=limit, **f.values)})

    @app.get("/api/articles/{article_id}", tags=["api"], summary="One article with its events")
    def api_article(article_id: str):
        """The article's text, its events (whole records) with the spans to highlight,
        its near-duplicates and the event clusters its events belong to."""
        if len(article_id) > 1000:
            return _error(422, "article id too long")
        with reading() as con:
            found = browse.article(con, article_id)
        if found is None:
            return _error(404, f"no article with id {article_id!r}")
        text, title = found["text"], found.get("title")
        for i, event in enumerate(found["events"]):
            event["marks"] = event_marks(text, event, i, title)
        found["marks"] = article_marks(text, found["events"], title)
        return _json(found)

    @app.post("/api/code", tags=["api"], summary="Code a text without storing it")
    def api_code(request: CodeRequest):
        """Code the text (dated by `date`) and return its events with the spans to
        highlight. Nothing is stored. The first call loads the spaCy pipeline."""
        date = request.date.isoformat() if request.date else None
        records = [e.to_dict() for e in app.state.coder(request.text, date)]
        for i, record in enumerate(records):
            record["marks"] = event_marks(request.text, record, i)
        return _json({"text": request.text, "date": date, "events": records,
                      "marks": article_marks(request.text, records)})

    # -- views -----------------------------------------------------------------
    def page(request: Request, view: str, **context) -> HTMLResponse:
        return templates.TemplateResponse(
            request, f"{view}.html", {"view": view, "version": __version__, "db": db.name, **context})

    def view_route(path: str, view: str):
        def render(request: Request):
            return page(request, view)

        app.get(path, response_class=HTMLResponse, include_in_schema=False, name=view)(render)

    for path, view in [("/", "overview"), ("/events", "events"), ("/map", "map"), ("/network", "network"),
                       ("/code", "code"), ("/actor", "actor"), ("/api/docs", "docs")]:
        view_route(path, view)

    @app.get("/article/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    def article_view(request: Request, article_id: str):
        return page(request, "article", article_id=article_id)

    return app


_DOWNLOAD_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "jsonl": "application/x-ndjson; charset=utf-8",
    "parquet": "application/vnd.apache.parquet",
}


def _download(reading, fmt: str, filters: dict, limit: int) -> Response:
    headers = {"Content-Disposition": f'attachment; filename="events.{fmt}"'}
    if fmt == "parquet":
        import pyarrow.parquet as pq

        with reading() as con:
            table = browse.event_arrow(con, limit=limit, **filters)
        sink = io.BytesIO()
        pq.write_table(table, sink)
        return Response(sink.getvalue(), media_type=_DOWNLOAD_TYPES[fmt], headers=headers)

    event_filters(**filters)  # a bad filter answers 400 before streaming starts

    def lines():
        with reading() as con:
            first = True
            for columns, chunk in browse.event_rows(con, limit=limit, **filters):
                out = io.StringIO()
                if fmt == "csv":
                    writer = csv.writer(out, lineterminator="\n")
                    if first:
                        writer.writerow(columns)
                    writer.writerows(["" if v is None else _plain(v) if isinstance(v, dt.date) else v
                                      for v in row] for row in chunk)
                else:
                    for row in chunk:
                        out.write(json.dumps(dict(zip(columns, row)), default=_plain, ensure_ascii=False) + "\n")
                first = False
                yield out.getvalue()

    return StreamingResponse(lines(), media_type=_DOWNLOAD_TYPES[fmt], headers=headers)
