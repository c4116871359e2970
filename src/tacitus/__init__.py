"""tacitus: political event data (PLOVER, with CAMEO) from news text, offline."""
from __future__ import annotations

from .records import Article, Entity, Event, Location

__version__ = "0.1.0"

__all__ = ["Article", "Entity", "Event", "Location", "load", "Coder", "__version__"]


def __getattr__(name):  # lazy: importing tacitus must not load spaCy models
    if name in ("load", "Coder"):
        from . import coder

        return getattr(coder, name)
    raise AttributeError(name)
