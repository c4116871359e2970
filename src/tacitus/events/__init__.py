"""Events: triggers + arguments + modality + date + place -> Event records.

The steps from a trigger to an event are the named rules of
:mod:`tacitus.events.rules`, applied in order; ``disabled_rules`` switches
rules off by name (``benchmarks/ablation.py``).
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .. import nlp as _nlp  # noqa: F401  (declares the extensions)
from ..dates import Period, clause_date, names_a_day, opening_period
from ..ontology import TriggerLexicon, load_user_triggers, quad, score
from ..ontology import triggers as shipped_triggers
from ..places import PlaceMention
from ..records import Event, event_id
from .arguments import MentionIndex
from .rules import (CANDIDATE_RULES, DOC_RULES, PLACE_RULES, SENTENCE_RULES, Candidate,
                    DocEvents, SentenceEvents, complete, negative_words, rule_names, run,
                    trigger_chars)
from .targets import event_places, location_record, named_places
from .triggers import TriggerMatch, find_triggers

__all__ = ["EventCoder", "code_events", "complete", "rule_names"]


def _event_text(match: TriggerMatch) -> str:
    t = match.token
    words = [t]
    for c in t.children:
        if c.dep_ in {"prt", "neg"} or (c.dep_ == "compound" and c.i == t.i - 1):
            words.append(c)
    return " ".join(w.text for w in sorted(words, key=lambda w: w.i))


@dataclass(frozen=True)
class DocFacts:
    """What every event of a doc looks up, found once per doc: the places an
    event can be in, the places that can be what it is aimed at, and the
    actors whose country is only the article's focus."""

    places: list[PlaceMention]
    targets: list[PlaceMention]
    assumed: frozenset[str]
    earlier: list[Event] = field(default_factory=list)  # the events of the sentences before
    #: sentence index -> the period an earlier sentence opened that frames it
    frames: dict[int, Period] = field(default_factory=dict)
    #: actors named as of a region or of abroad ("Western nations"): no place gives them a country
    abroad: frozenset[str] = frozenset()

    @classmethod
    def of(cls, doc: Doc) -> "DocFacts":
        entities = doc._.actor_entities or []
        return cls(event_places(doc), named_places(doc),
                   frozenset(e.name for e in entities if e.assumed),
                   abroad=frozenset(e.name for e in entities if e.abroad))


def _make_event(c: Candidate, disabled: frozenset[str]) -> Event:
    """Run the place rules on a kept candidate and write its record."""
    run(PLACE_RULES, c, disabled)
    doc, token, sent = c.doc, c.token, c.sent
    contexts = c.entry.contexts if c.match.entry is not None else ()
    eid = event_id(str(doc._.doc_id or ""), c.sent_index, c.event, token.idx)
    trigger_chars(doc)[eid] = token.idx
    return Event(
        id=eid,
        doc_id=str(doc._.doc_id or ""),
        sentence=c.sent_index,
        event=c.event,
        mode=c.mode,
        context=list(contexts),
        cameo=c.cameo,
        score=score(c.event, c.mode),
        quad=quad(c.event),
        date=None if c.undated else c.day or clause_date(doc, token),
        actor=c.actor,
        recipient=c.recipient,
        eventText=c.event_text or _event_text(c.match),
        text=sent.text,
        location=location_record(c.place),
        negated=c.negated,
        future=c.future,
        hypothetical=c.hypothetical,
        attribution=c.attrib,
        span=(sent.start_char, sent.end_char),
    )


def code_sentence(doc: Doc, sent: Span, sent_index: int, index: MentionIndex,
                  include_negated: bool = False, lexicon: TriggerLexicon | None = None,
                  facts: DocFacts | None = None, include_incomplete: bool = False,
                  disabled: frozenset[str] = frozenset()) -> list[Event]:
    """The events of one sentence: each trigger through the candidate rules,
    the kept ones through the place rules, then the sentence rules."""
    facts = DocFacts.of(doc) if facts is None else facts
    found = find_triggers(sent, lexicon)
    seen: set[tuple] = set()
    events: list[Event] = []
    participants: list[bool] = []
    coded: set[int] = set()
    for match in found:
        if match.governed:
            continue
        coded.add(match.token.i)
        c = Candidate(doc, sent, sent_index, match, found, index, facts,
                      include_negated=include_negated, include_incomplete=include_incomplete,
                      seen=seen)
        if not run(CANDIDATE_RULES, c, disabled):
            continue
        participants.append(c.participants)
        events.append(_make_event(c, disabled))
    state = SentenceEvents(doc, sent, sent_index, index, facts, coded, events, participants,
                           include_incomplete, make=lambda c: _make_event(c, disabled))
    run(SENTENCE_RULES, state, disabled)
    return state.events


def _trim(sent: Span) -> Span | None:
    start, end = sent.start, sent.end
    while start < end and sent.doc[start].is_space:
        start += 1
    while end > start and sent.doc[end - 1].is_space:
        end -= 1
    return sent.doc[start:end] if end > start else None


#: how many sentences after it a period opening a sentence frames
FRAME_REACH = 2


def code_events(doc: Doc, include_negated: bool = False, sentence_ids=None,
                lexicon: TriggerLexicon | None = None,
                include_incomplete: bool = False,
                disabled: frozenset[str] = frozenset()) -> list[Event]:
    """Code every sentence of a parsed doc whose actors, dates and places are
    already resolved. ``sentence_ids`` maps a sentence's start char to its index
    in the original article (when the coder skipped sentences); ``disabled``
    names rules to switch off."""
    index = MentionIndex(doc._.actor_mentions or [])
    facts = DocFacts.of(doc)
    out: list[Event] = []
    frame: tuple[int, Period] | None = None  # (sentence, period) of the last opening frame
    headings = doc._.headings or ()
    for n, sent in enumerate(doc.sents):
        sent = _trim(sent)
        if sent is None:
            continue
        sent_index = sentence_ids(sent.start_char) if sentence_ids else n
        if frame is not None and (sent_index - frame[0] > FRAME_REACH or names_a_day(sent)
                                  or any(frame[0] < h <= sent_index for h in headings)):
            frame = None
        if frame is not None and frame[0] < sent_index:
            facts.frames[sent_index] = frame[1]
        if (opened := opening_period(sent)) is not None:
            frame = (sent_index, opened)
        events = code_sentence(doc, sent, sent_index, index, include_negated, lexicon, facts,
                               include_incomplete, disabled)
        out.extend(events)
        facts.earlier.extend(events)
    for e in out:  # (a rule may have found a later report of the event already)
        e.mentions = [e.sentence, *(m for m in e.mentions if m != e.sentence)]
    state = DocEvents(doc, out)
    run(DOC_RULES, state, disabled)
    return state.events


@Language.factory("tacitus_events", assigns=["doc._.events"],
                  requires=["doc._.actor_entities", "doc._.dates", "doc._.places"],
                  default_config={"include_negated": False, "triggers_path": None,
                                  "include_incomplete": False, "disabled_rules": []})
def make_events(nlp: Language, name: str, include_negated: bool,
                triggers_path: str | None, include_incomplete: bool,
                disabled_rules: list[str]) -> "EventCoder":
    return EventCoder(include_negated, triggers_path, include_incomplete, disabled_rules)


class EventCoder:
    """Codes the events of a doc; ``triggers_path`` names a user's own
    triggers.tsv, merged over the shipped lexicon (user entries win).
    Incomplete events (see :func:`complete`) and background ones placed in a
    year before the article's are left out unless ``include_incomplete``.
    ``disabled_rules`` names rules of :mod:`tacitus.events.rules` to skip."""

    def __init__(self, include_negated: bool = False, triggers_path: str | None = None,
                 include_incomplete: bool = False, disabled_rules=()):
        self.include_negated = include_negated
        self.include_incomplete = include_incomplete
        self.lexicon = load_user_triggers(triggers_path) if triggers_path else shipped_triggers()
        unknown = set(disabled_rules) - set(rule_names())
        if unknown:
            raise ValueError(f"unknown rule(s) {sorted(unknown)}; rules that can be switched "
                             f"off: {', '.join(rule_names())}")
        self.disabled = frozenset(disabled_rules)
        negative_words()  # read once, when the pipeline is built, not with the first story

    def __call__(self, doc: Doc) -> Doc:
        starts = doc._.sentence_starts

        def sentence_ids(char: int) -> int:
            return max(0, bisect.bisect_right(starts, char) - 1)

        doc._.events = code_events(doc, self.include_negated, sentence_ids if starts else None,
                                   lexicon=self.lexicon, include_incomplete=self.include_incomplete,
                                   disabled=self.disabled)
        return doc
