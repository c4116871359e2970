"""The exact shortcuts of tacitus.nlp.speed_up: each must leave the analysis
and the events as the model's own components give them."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

PLOVER_DEV = Path(__file__).resolve().parents[2] / "shared" / "data" / "plover-gsr" / "dev.jsonl"

pytestmark = pytest.mark.slow

#: the model's multi-token rules ("there is", "gon na", "let 's", "y'all") and
#: its word rules ("nothin'"), next to ordinary text
RULE_CASES = ("There is no deal. There are talks, y'all. I'm gonna go, let's see. "
              "He ain't gonna win; they got ta stop. Nothin' works. C'mon now.\n\n  Tabs\there.")


@pytest.fixture(scope="module")
def model():
    import spacy

    from tacitus.nlp import model_name

    return spacy.load(model_name())


def test_nlp_token_attributes_match_the_models_ruler_and_lemmatizer(model, voa_stories):
    from spacy.attrs import DEP, LEMMA, MORPH, POS, TAG

    from tacitus.nlp import TokenAttributes

    texts = [RULE_CASES] + [s["text"] for s in list(voa_stories.values())[:40]]
    with PLOVER_DEV.open(encoding="utf-8") as f:
        texts += [json.loads(line)["text"] for line in f][:100]
    ruler, lemmatizer = model.get_pipe("attribute_ruler"), model.get_pipe("lemmatizer")
    fast = TokenAttributes(ruler, lemmatizer)
    assert fast.exact
    with model.select_pipes(enable=["tok2vec", "tagger", "parser"]):
        parsed = list(model.pipe(texts))
    attrs = [TAG, POS, MORPH, LEMMA, DEP]
    for _ in range(2):  # the memo cold, then warm
        for doc in parsed:
            want = lemmatizer(ruler(doc.copy()))
            got = fast(doc.copy())
            differ = [(t.text, t.pos_, t.lemma_, g.pos_, g.lemma_) for t, g in zip(want, got)
                      if t.tag != g.tag or t.pos != g.pos or t.morph.key != g.morph.key
                      or t.lemma != g.lemma or t.dep != g.dep]
            assert not differ, differ[:5]
            assert (want.to_array(attrs) == got.to_array(attrs)).all()
    lemmas = {t.text: t.lemma_ for t in fast(parsed[0].copy())}
    assert lemmas["ai"] == "be" and lemmas["Nothin'"] == "nothing"  # the rules applied


def test_nlp_token_attributes_fall_back_for_rules_they_cannot_reason_about(model):
    from spacy.language import Language

    from tacitus.nlp import TokenAttributes

    nlp: Language = model.__class__()
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"POS": "NOUN"}]], {"LEMMA": "x"})  # tests an attribute it does not key on
    lemmatizer = model.get_pipe("lemmatizer")
    assert not TokenAttributes(ruler, lemmatizer).exact


def test_nlp_speed_up_codes_the_same_events_on_real_stories(coder, voa_stories):
    import tacitus

    plain = tacitus.load(speed_up=False)
    assert "tacitus_token_attributes" not in plain.nlp.component_names
    assert "tacitus_token_attributes" in coder.nlp.pipe_names
    assert "tacitus_entities" in coder.nlp.pipe_names and "ner" not in coder.nlp.pipe_names
    assert "ner" in plain.nlp.pipe_names
    stories = list(voa_stories.values())
    fast = [[e.to_dict() for e in events] for _, events in coder.pipe(stories)]
    slow = [[e.to_dict() for e in events] for _, events in plain.pipe(stories)]
    assert sum(map(len, fast)) > 300
    assert fast == slow
