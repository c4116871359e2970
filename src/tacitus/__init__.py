"""tacitus: political event data (PLOVER, with CAMEO) from news text, offline."""
from __future__ import annotations

import os

# one BLAS thread per process (the model multiplies through NumPy's BLAS, see
# nlp.speed_up): parallel coding is --processes' and Dask's job. Set here, before
# any tacitus module can load NumPy (pyarrow, DuckDB and Dask load it too): with
# one thread per core, coding a partitioned run in this process took a third
# more CPU time.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from .records import Article, Entity, Event, Location  # noqa: E402

__version__ = "0.1.0"

__all__ = ["Article", "Entity", "Event", "Location", "load", "Coder", "__version__"]


def __getattr__(name):  # lazy: importing tacitus must not load spaCy models
    if name in ("load", "Coder"):
        from . import coder

        return getattr(coder, name)
    raise AttributeError(name)
