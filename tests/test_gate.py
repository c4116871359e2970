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
    "Japan is deeply concerned about the missile launches.",  # an attitude and its preposition
    "Last week, the parliament passed the budget.",    # a period sets the time of what follows
    "Earlier this month, the company announced its plans.",
    "The Chinese navy conducted live-fire drills around Taiwan.",  # a dependent in a hyphenated word
    '"This decision will have devastating consequences," said Roza Otunbayeva.',  # a speaker
])
def test_gate_keeps_sentences_that_can_hold_or_explain_an_event(gate, sentence):
    assert gate.keep(sentence)


@pytest.mark.parametrize("sentence", [
    "The sun rose over the hills.",
    "The hotel has 40 rooms and a restaurant.",
    "The old stadium holds 40,000 people.",            # "hold" without talks or a meeting
    "The stadium was built last year, with 40 rooms.",  # a period, but not opening the sentence
    "Residents were concerned that the bridge was old.",  # "concerned" with no preposition
])
def test_gate_skips_sentences_with_nothing_to_code(gate, sentence):
    assert not gate.keep(sentence)


def test_gate_organisation_trie_finds_what_the_plain_alternation_finds(gate, voa_stories):
    import re

    from tacitus.coder import split_sentences
    from tacitus.gate import trie_pattern
    from tacitus.reference import organizations

    names = {o.name.lower() for o in organizations() if " " in o.name}
    plain = re.compile("|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)))
    sentences = [s["text"][a:b].lower() for s in voa_stories.values()
                 for a, b in split_sentences(s["text"])]
    sentences += [n for n in names] + [n[:-1] for n in names] + ["x " + n + "s" for n in names]
    found = [bool(plain.search(s)) for s in sentences]
    assert found == [bool(gate.organisations.search(s)) for s in sentences]
    assert sum(found) > len(names)
    assert re.search(trie_pattern(set()), "anything") is None
    assert re.fullmatch(trie_pattern({"un", "union bank"}), "un")
