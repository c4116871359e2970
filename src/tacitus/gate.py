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

from .events.modality import OBLIGATION_AUX
from .ontology import TriggerLexicon, inflections
from .reference import actor_terms, organizations, speech_lemmas

_WORD = re.compile(r"[a-z]+(?:[-'][a-z]+)*")
#: a sentence opening with a period of time ("Last week, ...", "Earlier this
#: month, ...", "In a letter last week to the court, ..."): it sets the time of
#: the sentences after it, so it is parsed even when it holds no trigger
_OPENING_PERIOD = re.compile(
    r"^\W*(?:(?:But|And|Yet|So),? )?(?:In|During|Over|Last|Earlier|Early|Late|This|Since|"
    r"Recently|Previously|Until|By)\b[^,;:.!?]{0,90}?\b(?:week|weekend|month|months|year|"
    r"years|recently|earlier|January|February|March|April|May|June|July|August|September|"
    r"October|November|December|(?:19|20)\d\d)\b[^,;:.!?]{0,60},")
_TITLED_NAME = re.compile(r"\b([A-Za-z]+(?:-[A-Za-z]+)?),? [A-Z][a-z]+ [A-Z]")
#: dependents that are function words ("call for", "back down"): kept as written
_LOOSE_DEPS = {"prep", "prt"}


def _noun_forms(lemma: str) -> set[str]:
    forms = {lemma, lemma + "s", lemma + "es"}
    if lemma.endswith("y"):
        forms.add(lemma[:-1] + "ies")
    for sep in ("-", " "):
        if sep in lemma:
            forms |= {f.replace(sep, "") for f in forms} | set(lemma.split(sep))
    return forms


def trie_pattern(words: set[str]) -> str:
    """A regular expression matching any of ``words``, as a trie ("un(?:ion|ited)")
    rather than an alternation of them all: a search tries each text position
    against one branch per letter instead of against every word."""
    if not words:
        return "(?!)"  # matches nothing
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def pattern(node: dict) -> str:
        branches = [re.escape(ch) + pattern(child) for ch, child in sorted(node.items()) if ch]
        if "" in node:  # a word ends here: the rest is optional
            if not branches:
                return ""
            return "(?:" + "|".join(branches) + ")?"
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"

    return pattern(trie)


class SentenceGate:
    def __init__(self, lexicon: TriggerLexicon):
        by_lemma = defaultdict(list)
        for entry in lexicon:
            by_lemma[(entry.lemma, entry.pos)].append(entry)
        verbs = {lemma for lemma, pos in by_lemma if pos == "VERB"}
        self.always: set[str] = set()
        self.conditional: dict[str, list[frozenset[str]]] = defaultdict(list)
        for (lemma, pos), entries in by_lemma.items():
            # a noun-only lemma takes noun forms: "accord" is not "according"
            # an adjective is looked up by its word form: "concerned" only
            forms = {lemma} if pos == "ADJ" else \
                inflections(lemma, pos) if lemma in verbs else _noun_forms(lemma)
            if any(not e.dep for e in entries):
                self.always |= forms
                continue
            for e in entries:
                needed: set[str] = set()
                for req in e.req_lemmas:
                    # particles and prepositions as written; other dependents inflected
                    needed |= {req} if e.dep in _LOOSE_DEPS else inflections(req, "NOUN")
                    if e.dep == "compound":  # "ceasefire", "air-strike" written as one word
                        self.always |= {req + sep + f for f in forms for sep in ("", "-")}
                for f in forms:
                    self.conditional[f].append(frozenset(needed))

        # demands need no trigger word: "X said that Y must ..." (events.modality)
        self.always |= OBLIGATION_AUX
        # reported speech: who speaks is who "she" is later, and what is said may
        # judge a party with no trigger word ("'...,' said Roza Otunbayeva")
        self.always |= {f for lemma in speech_lemmas() for f in inflections(lemma, "VERB")}
        self.titles = {t.term.split()[-1] for t in actor_terms() if t.role}
        # organisations named in full: later sentences call them "the court"
        names = {o.name.lower() for o in organizations() if " " in o.name}
        self.organisations = re.compile(trie_pattern(names))

    def keep(self, sentence: str) -> bool:
        words = set(_WORD.findall(sentence.lower()))
        words |= {part for w in words if "-" in w for part in w.split("-")}  # "live-fire drills"
        if words & self.always:
            return True
        for w in words & self.conditional.keys():
            if any(words & needed for needed in self.conditional[w]):
                return True
        if _OPENING_PERIOD.match(sentence):
            return True
        # a sentence that introduces someone by title ("..., said Taliban spokesman
        # Zabihullah Mujahid") tells later sentences who "Mujahid" is
        for m in _TITLED_NAME.finditer(sentence):
            if m.group(1).lower() in self.titles:
                return True
        return self.organisations.search(sentence.lower()) is not None
