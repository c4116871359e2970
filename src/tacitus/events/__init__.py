"""Events: triggers + arguments + modality + date + place -> Event records."""
from __future__ import annotations

import bisect
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .. import nlp as _nlp  # noqa: F401  (declares the extensions)
from ..actors import entity_record
from ..actors.mentions import ARMED_SECTORS
from ..dates import date_for_clause, governing_verb, period_for_clause
from ..ontology import TriggerLexicon, load_user_triggers, quad, requires_recipient, score
from ..ontology import triggers as shipped_triggers
from ..places import PlaceMention, place_for_span
from ..records import Event, event_id
from .arguments import (SPEECH_LEMMAS, MentionIndex, attribution, nominal_arguments,
                        subject_of, verbal_arguments)
from .modality import (announced, condition_clause, conditional, conditions, intent, modality,
                       no_one_does, obligation)
from .reframe import (ASKED_MODES, CONFLICTUAL, COOPERATIVE, DEFAULT_CAMEO, demanded, reframe,
                      threat_mode)
from .targets import (PLACE_TARGETED, by_someone, event_places, located, location_record,
                      own_clause_places, partners, place_as_recipient, place_in_phrase,
                      topic_tokens, unidentified_attackers)
from .triggers import TriggerMatch, find_triggers

__all__ = ["EventCoder", "code_events"]



def _dedupe(entities):
    out, seen = [], set()
    for e in entities:
        key = (e.name, e.country, e.sector, e.start)
        if key not in seen:
            seen.add(key)
            out.append(e)
    return out


def _date_of(doc: Doc, token: Token) -> str | None:
    """The day of the clause's date expression; None when the clause names only
    a year or month ("in December"); else the publication date."""
    mention = date_for_clause(doc, token)
    verb = governing_verb(token)
    if mention is None and verb.dep_ == "advcl" and verb.tag_ == "VBG":
        mention = date_for_clause(doc, verb.head)  # "On Tuesday the House voted, urging ..."
    if mention is not None:
        return mention.date
    if period_for_clause(doc, token) is not None:
        return None
    published = doc._.published
    if published is None:
        return None
    return published if isinstance(published, str) else published.isoformat()


def _event_text(match: TriggerMatch) -> str:
    t = match.token
    words = [t]
    for c in t.children:
        if c.dep_ in {"prt", "neg"} or (c.dep_ == "compound" and c.i == t.i - 1):
            words.append(c)
    return " ".join(w.text for w in sorted(words, key=lambda w: w.i))


def _warns_of_others(token: Token, index: MentionIndex, actor_m) -> bool:
    """"warned that X would ...", X not the one warning."""
    if token.lemma_.lower() != "warn":
        return False
    mine = {m.entity for m in actor_m if m.entity is not None}
    for c in token.children:
        if c.dep_ == "ccomp":
            s = subject_of(c)
            if s is None or s.pos_ == "PRON" and not index.for_argument(s):
                return False  # "warned that we will respond"
            found = index.for_argument(s)
            return not (mine & {m.entity for m in found})
    return False


FIRST_PERSON = {"we", "i"}


def _first_person_subject(token: Token) -> bool:
    s = subject_of(token) if token.pos_ in {"VERB", "AUX"} else None
    return s is not None and s.lower_ in FIRST_PERSON


@dataclass(frozen=True)
class DocFacts:
    """What every event of a doc looks up, found once per doc: the places an
    event can be in, and the actors whose country is only the article's focus."""

    places: list[PlaceMention]
    assumed: frozenset[str]

    @classmethod
    def of(cls, doc: Doc) -> "DocFacts":
        return cls(event_places(doc),
                   frozenset(e.name for e in doc._.actor_entities or [] if e.assumed))


def _make_event(doc: Doc, sent: Span, sent_index: int, token: Token, event_type: str,
                mode: str, cameo: str, contexts, actor, recipient, event_text: str,
                modes: tuple[bool, bool, bool], attrib_record, facts: DocFacts) -> Event:
    negated, future, hypothetical = modes
    place = place_for_span(doc, sent, token.i, own_clause_places(doc, token, facts.places))
    if place is not None and place.country:
        actor = located(actor, place.country, frozenset())
        recipient = located(recipient, place.country, facts.assumed)
    if not recipient and event_type in PLACE_TARGETED:
        recipient = place_as_recipient(place)
    elif not recipient and event_type != "CONSULT":  # "evacuate the settlements in Gaza"
        recipient = place_as_recipient(place_in_phrase(doc, token, facts.places))
    if not actor and event_type == "ASSAULT" and by_someone(token):
        actor = unidentified_attackers(place, token)
    return Event(
        id=event_id(str(doc._.doc_id or ""), sent_index, event_type, token.idx),
        doc_id=str(doc._.doc_id or ""),
        sentence=sent_index,
        event=event_type,
        mode=mode,
        context=list(contexts),
        cameo=cameo,
        score=score(event_type, mode),
        quad=quad(event_type),
        date=_date_of(doc, token),
        actor=actor,
        recipient=recipient,
        eventText=event_text,
        text=sent.text,
        location=location_record(place),
        negated=negated,
        future=future,
        hypothetical=hypothetical,
        attribution=attrib_record,
        span=(sent.start_char, sent.end_char),
    )


def _historical(doc: Doc, token: Token) -> bool:
    """Placed in a year before the article's: background that was news then."""
    period = period_for_clause(doc, token)
    verb = governing_verb(token)
    if period is None and verb.dep_ == "advcl":  # "Relations soured in 2010 after
        period = period_for_clause(doc, verb.head)  # commandos stormed the ship"
    published = doc._.published
    if period is None or period.year is None or published is None:
        return False
    year = published.year if hasattr(published, "year") else int(str(published)[:4])
    return period.year < year


def complete(event: Event) -> bool:
    """Who did it, and to whom where the type needs it, is what event data is
    for: an event needs an actor with a country (or IGO/NGO/IMG code), and
    COOPERATE, AID and SANCTION need a recipient (PLOVER 2.0, ch. 3). On the
    project's VOA gold, 100 of 101 distinct events coded without an actor were
    not events a careful coder records, nor were any of the 11 more whose actor
    had no country (mostly quoted analysts)."""
    if not any(a.country for a in event.actor):
        return False
    return bool(event.recipient) or not requires_recipient(event.event)


def _arguments(token: Token, index: MentionIndex):
    if token.pos_ == "VERB":
        return verbal_arguments(token, index)
    return nominal_arguments(token, index)


def _records(doc: Doc, mentions, exclude=()) -> list:
    return _dedupe([entity_record(doc, m) for m in mentions if m not in exclude])


def code_sentence(doc: Doc, sent: Span, sent_index: int, index: MentionIndex,
                  include_negated: bool = False, lexicon: TriggerLexicon | None = None,
                  facts: DocFacts | None = None,
                  include_incomplete: bool = False) -> list[Event]:
    facts = DocFacts.of(doc) if facts is None else facts
    events: list[Event] = []
    seen: set[tuple] = set()
    found = find_triggers(sent, lexicon)
    coded_verbs: set[int] = set()
    with_participants: set[int] = set()
    for match in found:
        if match.governed:
            continue
        token, entry = match.token, match.entry
        coded_verbs.add(token.i)
        actor_m, recipient_m = _arguments(token, index)
        for said_again in (m for m in found if m.governor is match and m.entry.event == entry.event
                           and not (actor_m and recipient_m)):
            # "a hunger strike in protest of the government's refusal": the event
            # said twice; the second saying may name whom it is against
            more_actor, more_recipient = _arguments(said_again.token, index)
            actor_m = actor_m or [m for m in more_actor if m not in recipient_m]
            recipient_m = recipient_m or [m for m in more_recipient if m not in actor_m]
        if entry.event == "CONSULT":  # "discussed China's role": a topic, not a partner
            topic = topic_tokens(token)
            recipient_m = [m for m in recipient_m if m.head not in topic] or \
                partners(token, index, actor_m)
        if entry.event == "MOBILIZE" and token.pos_ == "VERB":
            # what is mobilized is one's own force ("troops were put on alert"); the
            # target is whom it is against
            actor_m = actor_m or recipient_m
            recipient_m = [m for g in token.subtree if g.lower_ == "against"
                           for p in g.children if p.dep_ == "pobj"
                           for m in index.for_argument(p)]
        actor = _records(doc, actor_m)
        actor_keys = {(e.name, e.country) for e in actor}
        recipient = [e for e in _records(doc, recipient_m, actor_m)
                     if (e.name, e.country) not in actor_keys]
        negated, future, hypothetical = modality(token)
        event_type, mode, cameo = entry.event, entry.mode, entry.cameo
        if event_type == "CONSULT" and mode == "visit" and actor \
                and all(a.sector in ARMED_SECTORS for a in actor):
            # "Russian troops arrived in Belarus": armed forces arriving deploy
            event_type, mode, cameo = "MOBILIZE", "troops", "154"
        if not mode:  # "a roadside bombing killed ...": the governed trigger knows the mode
            same = [m for m in found if m.governor is match and m.entry.event == event_type
                    and m.entry.mode]
            if same:
                mode, cameo = same[0].entry.mode, same[0].entry.cameo
        if negated and event_type in COOPERATIVE | {"AGREE"} and actor and not no_one_does(token):
            # "would not meet the demands", "did not agree": a refusal (by someone)
            event_type, mode, negated = "REJECT", ASKED_MODES.get(event_type, ""), False
        if negated and not include_negated:
            continue
        if condition_clause(token):
            continue  # "help defend Saudi Arabia if it is attacked": a condition, no event
        if not include_incomplete and _historical(doc, token):
            continue  # "In 2019, China signed a trade deal": background, not news
        if not (future and not hypothetical and event_type in CONFLICTUAL and announced(token)):
            # (a conflict announced as decided, "announced it would prohibit aid", stays itself)
            event_type, mode = reframe(event_type, mode, future=future, hypothetical=hypothetical,
                                       intent=intent(token))
        if event_type in {"AGREE", "RETREAT", "CONCEDE"} and future and conditional(token):
            event_type, mode = "THREATEN", "relations"  # "will withdraw unless ..."
        if event_type == "AGREE" and entry.event == "AGREE":
            # "vowed to retaliate": a promise of conflict is a threat
            threat = [m for m in found if m.governor is match and m.via != "deep"
                      and m.entry.event in CONFLICTUAL]
            if threat:
                event_type, mode = "THREATEN", threat_mode(threat[0].entry.event, threat[0].entry.mode)
        if event_type == "THREATEN" and _warns_of_others(token, index, actor_m):
            # "the EU warned that the government's actions would divide the country":
            # a warning about what others do is criticism, not a threat (PLOVER 3.11)
            event_type, mode, cameo = "ACCUSE", "disapprove", "111"
        if event_type == "THREATEN" and not recipient:
            # "threatened to quit the talks if the United States goes ahead": the
            # threat is against whoever the condition is put to
            recipient = [e for v in conditions(token) if (s := subject_of(v)) is not None
                         for e in _records(doc, index.for_argument(s), actor_m)]
        attrib = attribution(token, index)
        attrib_record = entity_record(doc, attrib[0]) if attrib else None
        if not actor and attrib_record is not None and _first_person_subject(token):
            # "'We urge Afghanistan to act,' the ministry said": the speaker acts
            actor, attrib_record = [attrib_record], None
        if attrib_record and any(attrib_record.name == e.name for e in actor):
            attrib_record = None  # "X accused Y": X is the actor, not a reporter
        if attrib_record is not None and event_type != "REQUEST" and obligation(token):
            # "Libya must hand over the suspects, the minister said": a demand
            event_type, mode = demanded(event_type)
            actor, recipient, attrib_record = [attrib_record], actor, None
        if event_type != entry.event:
            cameo = DEFAULT_CAMEO.get(event_type, cameo)
        if event_type == "CONSULT" and recipient and all(r.sector == "JRN" for r in recipient):
            continue  # "speaking to reporters", "an interview with journalists": a statement
        key = (event_type, tuple(sorted((e.name, e.country) for e in actor)),
               tuple((e.name, e.country) for e in recipient))
        if key in seen:
            continue
        seen.add(key)
        if actor or recipient:
            with_participants.add(len(events))
        events.append(_make_event(doc, sent, sent_index, token, event_type, mode, cameo,
                                  entry.contexts, actor, recipient, _event_text(match),
                                  (negated, future, hypothetical), attrib_record, facts))
    if with_participants:
        # a trigger with no participant beside one with participants is
        # usually a background mention ("clashes", "the fighting"); a place
        # standing in as recipient does not count as a participant here
        events = [e for n, e in enumerate(events) if n in with_participants]
    if not include_incomplete:
        events = [e for e in events if complete(e)]
    events.extend(_demands(doc, sent, sent_index, index, coded_verbs, facts))
    return _without_protest_demands(events)


def _without_protest_demands(events: list[Event]) -> list[Event]:
    """What protesters demand is the content of their protest, not a second
    event (PLOVER manual 3.12.2): "landowners began a hunger strike to demand
    the return of property", "activists staged rallies, saying he must resign"."""
    protesters = [{(a.name, a.country) for a in e.actor} for e in events if e.event == "PROTEST"]
    if not protesters:
        return events
    out = []
    for e in events:
        actors = {(a.name, a.country) for a in e.actor}
        if e.event == "REQUEST" and any(not actors or actors <= p or not p for p in protesters):
            continue
        out.append(e)
    return out


def _demands(doc: Doc, sent: Span, sent_index: int, index: MentionIndex,
             coded: set[int], facts: DocFacts) -> list[Event]:
    """Demands with no trigger word: "The Bush administration declared that
    China must drop barriers" is REQUEST (CAMEO 10) by the speaker of the
    recipient."""
    out = []
    for token in sent:
        if token.i in coded or token.pos_ not in {"VERB", "AUX"}:
            continue
        # "said China must drop barriers"; "says Washington needs to act"
        clause = token if token.dep_ == "ccomp" else \
            token.head if token.dep_ == "xcomp" and token.head.dep_ == "ccomp" else None
        if clause is None or not obligation(token) or clause.head.lemma_.lower() not in SPEECH_LEMMAS:
            continue
        if any(c.dep_ == "neg" for c in (*token.children, *clause.children)):
            continue
        speaker = subject_of(clause.head)
        addressee = subject_of(token)
        if speaker is None or addressee is None:
            continue
        actor = _records(doc, index.for_argument(speaker))
        recipient = _records(doc, index.for_argument(addressee))
        if not actor or not recipient:
            continue
        aux = [c.text for c in token.children if c.dep_ == "aux"]
        out.append(_make_event(doc, sent, sent_index, token, "REQUEST", "change",
                               DEFAULT_CAMEO["REQUEST"], (), actor, recipient,
                               " ".join([*aux, token.text]), (False, False, False), None,
                               facts))
    return out


def _trim(sent: Span) -> Span | None:
    start, end = sent.start, sent.end
    while start < end and sent.doc[start].is_space:
        start += 1
    while end > start and sent.doc[end - 1].is_space:
        end -= 1
    return sent.doc[start:end] if end > start else None


def code_events(doc: Doc, include_negated: bool = False, sentence_ids=None,
                lexicon: TriggerLexicon | None = None,
                include_incomplete: bool = False) -> list[Event]:
    """Code every sentence of a parsed doc whose actors, dates and places are
    already resolved. ``sentence_ids`` maps a sentence's start char to its index
    in the original article (when the coder skipped sentences)."""
    index = MentionIndex(doc._.actor_mentions or [])
    facts = DocFacts.of(doc)
    out: list[Event] = []
    for n, sent in enumerate(doc.sents):
        sent = _trim(sent)
        if sent is None:
            continue
        sent_index = sentence_ids(sent.start_char) if sentence_ids else n
        out.extend(code_sentence(doc, sent, sent_index, index, include_negated, lexicon, facts,
                                 include_incomplete))
    return out


@Language.factory("tacitus_events", assigns=["doc._.events"],
                  requires=["doc._.actor_entities", "doc._.dates", "doc._.places"],
                  default_config={"include_negated": False, "triggers_path": None,
                                  "include_incomplete": False})
def make_events(nlp: Language, name: str, include_negated: bool,
                triggers_path: str | None, include_incomplete: bool) -> "EventCoder":
    return EventCoder(include_negated, triggers_path, include_incomplete)


class EventCoder:
    """Codes the events of a doc; ``triggers_path`` names a user's own
    triggers.tsv, merged over the shipped lexicon (user entries win).
    Incomplete events (see :func:`complete`) and background ones placed in a
    year before the article's are left out unless ``include_incomplete``."""

    def __init__(self, include_negated: bool = False, triggers_path: str | None = None,
                 include_incomplete: bool = False):
        self.include_negated = include_negated
        self.include_incomplete = include_incomplete
        self.lexicon = load_user_triggers(triggers_path) if triggers_path else shipped_triggers()

    def __call__(self, doc: Doc) -> Doc:
        starts = doc._.sentence_starts

        def sentence_ids(char: int) -> int:
            return max(0, bisect.bisect_right(starts, char) - 1)

        doc._.events = code_events(doc, self.include_negated, sentence_ids if starts else None,
                                   lexicon=self.lexicon, include_incomplete=self.include_incomplete)
        return doc
