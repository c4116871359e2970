"""Docs coded by the tacitus components serialise like any spaCy Doc."""
from __future__ import annotations

import datetime as dt

import pytest
from spacy.tokens import Doc, DocBin

pytestmark = pytest.mark.slow

TEXT = ("Russian forces attacked the Ukrainian city of Kharkiv on Monday, Ukrainian officials said. "
        "Ukraine's foreign minister Dmytro Kuleba accused Moscow of war crimes. He said Kyiv would respond.")


def coded(coder, text=TEXT):
    doc = coder.nlp(coder.make_doc(text, "2024-03-06", "k1"))
    assert doc._.events and doc._.actor_mentions and doc._.dates and doc._.places
    return doc


def same(a: Doc, b: Doc) -> None:
    assert b.text == a.text
    assert [e.to_dict() for e in b._.events] == [e.to_dict() for e in a._.events]
    for name in ("actor_mentions", "actor_entities", "dates", "places"):
        assert [type(x).__name__ for x in getattr(b._, name)] == [type(x).__name__ for x in getattr(a._, name)]
    assert [m.name for m in b._.actor_mentions] == [m.name for m in a._.actor_mentions]
    assert [(d.start_char, d.date) for d in b._.dates] == [(d.start_char, d.date) for d in a._.dates]
    assert b._.published == dt.date(2024, 3, 6) and b._.doc_id == "k1"


def test_nlp_doc_to_bytes_keeps_the_tacitus_extensions(coder):
    doc = coded(coder)
    same(doc, Doc(coder.nlp.vocab).from_bytes(doc.to_bytes()))


def test_nlp_docbin_with_user_data(coder):
    docs = [coded(coder), coded(coder, "China and Russia signed an energy agreement in Beijing on Tuesday.")]
    box = DocBin(store_user_data=True)
    for doc in docs:
        box.add(doc)
    back = list(DocBin().from_bytes(box.to_bytes()).get_docs(coder.nlp.vocab))
    for a, b in zip(docs, back):
        same(a, b)


def test_nlp_pipe_with_two_processes(coder):
    texts = [TEXT, "China and Russia signed an energy agreement in Beijing on Tuesday."]
    one = [coder.nlp(coder.make_doc(t, "2024-03-06", "k1")) for t in texts]
    two = list(coder.nlp.pipe((coder.make_doc(t, "2024-03-06", "k1") for t in texts), n_process=2))
    assert len(two) == 2
    for a, b in zip(one, two):
        same(a, b)
