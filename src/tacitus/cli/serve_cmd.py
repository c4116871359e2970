"""`tacitus serve`: the web viewer and JSON API over a store (see docs/serve.md)."""
from __future__ import annotations

import click

from . import main
from .output import cli_errors
from .store_cmd import db_option

LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")


@main.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (only this machine by default).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
@cli_errors
def serve(db, host, port):
    """Browse the store in a web browser: overview, events, map, network, articles, actors.

    Serves only this machine unless --host says otherwise. The store is read
    per request, so `tacitus ingest` can add to it while it is served.
    """
    from pathlib import Path

    from ..errors import StoreError

    if not Path(db).exists():
        raise StoreError(f"{db}: no such store; create it with `tacitus ingest ... --db {db}`")
    if host not in LOCAL_HOSTS:
        click.echo(
            f"warning: serving on {host}: other machines can read this store "
            "(there is no login); use the default 127.0.0.1 to keep it local",
            err=True,
        )
    import uvicorn

    from ..web import create_app
    from ..web.db import connect

    connect(db).close()  # a store that cannot be opened fails here, with its message
    app = create_app(db)
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"tacitus: serving {db} at http://{shown}:{port}/ (Ctrl+C stops)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)
