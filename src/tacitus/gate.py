"""The pre-parse sentence filter: which sentences could hold an event.

Parsing is most of the cost of coding, so the coder skips sentences that
contain no word form of any trigger. A lemma whose lexicon entries all need a
dependent ("hold" only with talks/meeting, "open" only with fire) counts only
when a form of one of those dependents is in the sentence too. The filter
errs on keeping: it looks at word forms, not at syntax.
"""
from __future__ import annotations

import re
from collections import defaultdict

from .ontology import TriggerLexicon, inflections

_WORD = re.compile(r"[a-z]+(?:[-'][a-z]+)*")
#: constraints on these dependents are checked on very common words; the
#: head's forms alone decide
_LOOSE_DEPS = {"prep", "prt"}


class SentenceGate:
    def __init__(self, lexicon: TriggerLexicon):
        by_lemma = defaultdict(list)
        for entry in lexicon:
            by_lemma[(entry.lemma, entry.pos)].append(entry)
        self.always: set[str] = set()
        self.conditional: dict[str, list[frozenset[str]]] = defaultdict(list)
        for (lemma, pos), entries in by_lemma.items():
            forms = inflections(lemma, pos)
            if any(not e.dep or e.dep in _LOOSE_DEPS for e in entries):
                self.always |= forms
                continue
            for e in entries:
                needed: set[str] = set()
                for req in e.req_lemmas:
                    needed |= inflections(req, "NOUN")
                    if e.dep == "compound":  # "ceasefire", "air-strike" written as one word
                        self.always |= {req + sep + f for f in forms for sep in ("", "-")}
                for f in forms:
                    self.conditional[f].append(frozenset(needed))

    def keep(self, sentence: str) -> bool:
        words = set(_WORD.findall(sentence.lower()))
        if words & self.always:
            return True
        for w in words & self.conditional.keys():
            if any(words & needed for needed in self.conditional[w]):
                return True
        return False
