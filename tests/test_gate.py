"""The pre-parse sentence filter: which sentences are parsed at all."""
from __future__ import annotations

import pytest

from tacitus.gate import SentenceGate
from tacitus.ontology import triggers


@pytest.fixture(scope="module")
def gate():
    return SentenceGate(triggers())


@pytest.mark.parametrize("sentence", [
    "Rebels attacked the town on Saturday.",           # a trigger form
    "The two sides held talks in Doha.",               # "hold" needs "talks": both present
    "Kenya said Somalia must withdraw the case.",      # a demand needs no trigger word
    "The mission is led by Kenyan police chief Japhet Koome.",  # a title introduces a name
    "In a letter to the International Court of Justice, Kenya cited the pandemic.",  # an organisation
])
def test_gate_keeps_sentences_that_can_hold_or_explain_an_event(gate, sentence):
    assert gate.keep(sentence)


@pytest.mark.parametrize("sentence", [
    "The sun rose over the hills.",
    "The hotel has 40 rooms and a restaurant.",
    "The old stadium holds 40,000 people.",            # "hold" without talks or a meeting
])
def test_gate_skips_sentences_with_nothing_to_code(gate, sentence):
    assert not gate.keep(sentence)
