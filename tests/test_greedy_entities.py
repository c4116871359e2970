"""The entity recogniser decoded in bulk (tacitus.greedy_entities) must give
exactly the model's own entities."""
from __future__ import annotations

import json

import pytest

from conftest import shared_data

pytestmark = pytest.mark.slow

ENT_ATTRS = ("ENT_IOB", "ENT_TYPE", "ENT_KB_ID", "ENT_ID")


@pytest.fixture(scope="module")
def model():
    import spacy

    from tacitus.nlp import model_name, speed_up

    nlp = spacy.load(model_name())
    speed_up(nlp)  # the shortcuts the recogniser sees in tacitus (NumPy's BLAS)
    return nlp


def _until_ner(nlp, docs):
    """The docs through the components before the entity recogniser."""
    for name in nlp.pipe_names[: nlp.pipe_names.index("tacitus_entities")]:
        docs = list(nlp.get_pipe(name).pipe(docs))
    return docs


def _entity_arrays(docs):
    return [doc.to_array(list(ENT_ATTRS)).tolist() for doc in docs]


def test_greedy_entities_replace_the_recogniser_in_the_fast_pipeline(model):
    assert "tacitus_entities" in model.pipe_names
    assert "ner" not in model.pipe_names and "ner" in model.disabled


def test_greedy_entities_match_the_models_recogniser_on_real_text(model, coder, voa_stories):
    """Stories as the coder gates them and in full, GSR sentences; batches of
    several sizes (the model's vectors are computed per batch)."""
    from tacitus.greedy_entities import GreedyEntities

    stories = list(voa_stories.values())[:30]
    gated = [coder.make_doc(s["text"], None, s["id"], s.get("title")) for s in stories]
    full = [model.make_doc(s["text"]) for s in stories]
    with shared_data("plover-gsr", "dev.jsonl").open(encoding="utf-8") as f:
        sentences = [model.make_doc(json.loads(line)["text"]) for line in f]
    empty = [model.make_doc(""), model.make_doc("   "), model.make_doc("Putin")]
    ner = model.get_pipe("ner")
    fast = GreedyEntities(ner)
    assert fast.usable
    found = 0
    for docs in (gated, full, sentences, empty):
        docs = _until_ner(model, docs)
        for batch_size in (8, 3, 1):
            want = [d.copy() for d in docs]
            got = [d.copy() for d in docs]
            assert len(list(ner.pipe(want, batch_size=batch_size))) == len(docs)
            assert len(list(fast.pipe(got, batch_size=batch_size))) == len(docs)
            assert _entity_arrays(got) == _entity_arrays(want)
            found += sum(len(d.ents) for d in got)
        one = docs[-1].copy()
        assert _entity_arrays([fast(one)]) == _entity_arrays([ner(docs[-1].copy())])
    assert found > 3000


def test_greedy_entities_leave_preset_entities_to_the_recogniser(model):
    from spacy.tokens import Span

    from tacitus.greedy_entities import GreedyEntities

    text = "Officials in Kyiv said Vladimir Putin ordered the attack on Monday."
    doc = _until_ner(model, [model.make_doc(text)])[0]
    doc.set_ents([Span(doc, 2, 3, label="ORG")], default="unmodified")  # a preset, wrong label
    ner = model.get_pipe("ner")
    want, got = ner(doc.copy()), GreedyEntities(ner)(doc.copy())
    assert _entity_arrays([got]) == _entity_arrays([want])
    assert ("Kyiv", "ORG") in [(e.text, e.label_) for e in got.ents]
