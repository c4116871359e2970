"""Actors: mentions -> one entity per real-world actor -> coded Entity records."""
from __future__ import annotations

from spacy.tokens import Doc

from ..records import Entity
from .coref import ActorEntity, Coreference, resolve_entities
from .mentions import ActorMention, MentionFinder, find_mentions

__all__ = ["ActorMention", "ActorEntity", "find_mentions", "resolve_entities",
           "MentionFinder", "Coreference", "entity_record"]


def entity_record(doc: Doc, mention: ActorMention) -> Entity:
    """The record of one mention, carrying what its entity knows."""
    entities = doc._.actor_entities or []
    if mention.entity is not None and mention.entity < len(entities):
        e = entities[mention.entity]
        return Entity(text=mention.text, name=e.name, country=e.country or mention.country,
                      sector=e.sector or mention.sector, role=e.role or mention.role,
                      start=mention.start_char, end=mention.end_char)
    return Entity(text=mention.text, name=mention.name, country=mention.country,
                  sector=mention.sector, role=mention.role,
                  start=mention.start_char, end=mention.end_char)
