"""Imported by the fork server that starts the workers of a local Dask
cluster (``tacitus.dist.connect``): builds the coder for the run's settings
once, before any worker is forked, so that every worker starts with it loaded
and shares its memory pages, as ``--processes`` workers do.

Nothing here may raise: a fork server whose preload fails starts no worker.
A worker that finds no coder built for its settings builds its own.
"""
from __future__ import annotations

import gc
import os


def _preload() -> None:
    from .dist import PRELOAD_ENV, Settings, restore_mmap_threshold, worker_coder

    path = os.environ.get(PRELOAD_ENV)
    if not path:
        return
    restore_mmap_threshold()
    with open(path, encoding="utf-8") as f:
        settings = Settings.from_json(f.read())
    worker_coder(settings).warm_up()  # what the first article loads is loaded once, here
    gc.freeze()  # the loaded objects stay out of the workers' collections: their pages stay shared


try:
    _preload()
except Exception:  # noqa: BLE001 - the workers build their coders themselves then
    pass
