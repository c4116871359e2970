"""The web viewer and JSON API of ``tacitus serve`` (see docs/serve.md).

    from tacitus.web import create_app
    app = create_app("news.duckdb")       # a FastAPI (ASGI) application
"""
from __future__ import annotations


def create_app(db, **options):
    from .app import create_app as _create

    return _create(db, **options)


__all__ = ["create_app"]
