"""The coding rules, as an ordered list of named units.

An event is coded from a trigger in steps. Each step is a :class:`Rule`: a
small function with a name and a docstring that states, in general terms, the
pattern it handles. Core steps (``core=True``) build the record and cannot be
switched off; every other rule can be, by name (``disabled``), which is how
``benchmarks/ablation.py`` measures what each rule earns.

Three lists, run in this order:

- :data:`CANDIDATE_RULES` on one trigger (a :class:`Candidate`): participants,
  then the event type and mode, then the check that it is news and not a
  repeat within the sentence. A rule returns ``False`` to drop the candidate.
- :data:`PLACE_RULES` on a kept candidate: where it happened and, from
  there, participants the text leaves implicit.
- :data:`SENTENCE_RULES` on the events of a sentence.
"""
from __future__ import annotations

import bisect
import dataclasses
import functools
import re
from dataclasses import dataclass, field
from typing import Any, Callable

import numpy
from spacy.attrs import LEMMA, LOWER, POS
from spacy.parts_of_speech import VERB
from spacy.tokens import Doc, Span, Token

from ..actors import entity_record
from ..actors.coref import ARMED_GROUP_SECTORS, STATE_SECTORS, focus_country
from ..actors.mentions import ARMED_SECTORS
from ..dates import bound_day, date_for_clause, governing_verb, period_for_clause, since_day
from ..ontology import irregular_base, requires_recipient
from ..places import PlaceMention, place_for_span, place_named
from ..records import Entity, Event
from ..reference import countries, data_words, territory_states
from .arguments import (SPEECH_LEMMAS, SUBJECT_DEPS, MentionIndex, noun_phrase_head, attribution,
                        nominal_arguments, predicative_arguments, subject_of, verbal_arguments)
from .modality import (CONDITION_MARKS, announced, clause_verb, condition_clause, conditional, conditions, habitual,
                       intent, modality, no_one_does, obligation)
from .reframe import ASKED_MODES, CONFLICTUAL, COOPERATIVE, DEFAULT_CAMEO, demanded, reframe
from .targets import (_PLACE_NOUNS, PLACE_TARGETED, by_someone, clause_places, event_places, location_record,
                      place_root,
                      own_clause_places, place_as_recipient, place_in_phrase,
                      unidentified_attackers)
from .quotations import quoted
from .triggers import CHARGE_NOUNS, FORCE_TYPES, TriggerMatch, match_entry


@dataclass(frozen=True)
class Rule:
    """One named step of coding."""

    name: str
    apply: Callable[..., Any]
    core: bool = False

    @property
    def doc(self) -> str:
        return (self.apply.__doc__ or "").strip()


@dataclass
class Candidate:
    """A trigger on its way to becoming an event."""

    doc: Doc
    sent: Span
    sent_index: int
    match: TriggerMatch
    found: list[TriggerMatch]
    index: MentionIndex
    facts: Any  # events.DocFacts
    include_negated: bool = False
    include_incomplete: bool = False
    seen: set = field(default_factory=set)  # dedupe keys of the sentence
    actor_m: list = field(default_factory=list)
    recipient_m: list = field(default_factory=list)
    actor: list[Entity] = field(default_factory=list)
    recipient: list[Entity] = field(default_factory=list)
    event: str = ""
    mode: str = ""
    cameo: str = ""
    negated: bool = False
    future: bool = False
    hypothetical: bool = False
    attrib: Entity | None = None
    place: PlaceMention | None = None
    target_place: PlaceMention | None = None  # the place taken as recipient (``place_is_target``)
    participants: bool = False
    event_text: str = ""
    undated: bool = False  # told as earlier than the report, with no day: date null
    day: str | None = None  # a day a rule found for it, instead of its clause's own reading

    @property
    def token(self) -> Token:
        return self.match.token

    @property
    def entry(self):
        return self.match.entry

    def records(self, mentions, exclude=()) -> list[Entity]:
        return dedupe([entity_record(self.doc, m) for m in mentions if m not in exclude])

    def governed(self, pred: Callable[[TriggerMatch], bool]) -> list[TriggerMatch]:
        """Triggers of the sentence governed by this one that satisfy ``pred``."""
        return [m for m in self.found if m.governor is self.match and pred(m)]


def trigger_arguments(token: Token, index: MentionIndex, entry=None):
    """(actor mentions, recipient mentions) of a verbal, nominal or
    predicative (``entry`` of pos ADJ) trigger."""
    if entry is not None and entry.pos == "ADJ":
        return predicative_arguments(token, index, entry.req_lemmas if entry.dep == "prep"
                                     else frozenset())
    if token.pos_ == "VERB":
        return verbal_arguments(token, index)
    return nominal_arguments(token, index)


def dedupe(entities: list[Entity]) -> list[Entity]:
    out, seen = [], set()
    for e in entities:
        key = (e.name, e.country, e.sector, e.start)
        if key not in seen:
            seen.add(key)
            out.append(e)
    return out


def run(rules: list[Rule], subject: Any, disabled: frozenset[str] = frozenset()) -> bool:
    """Apply ``rules`` in order; False as soon as one drops the subject."""
    for rule in rules:
        if not rule.core and rule.name in disabled:
            continue
        if rule.apply(subject) is False:
            return False
    return True


# -- participants ---------------------------------------------------------------

def arguments(c: Candidate) -> None:
    """The trigger's own participants: subject and object of a verb, the
    possessor or modifier and "by"/"against" phrases of a noun."""
    c.actor_m, c.recipient_m = trigger_arguments(c.token, c.index, c.entry)
    c.event, c.mode, c.cameo = c.entry.event, c.entry.mode, c.entry.cameo


#: nouns of what is done to someone, whose possessor is the one it is done to
#: when no "of" phrase names that one: "Mhlanga's arrest", "Khalil's deportation"
UNDERGOER_NOUNS = {"arrest", "detention", "custody", "imprisonment", "jailing", "release", "deportation",
                   "expulsion", "extradition", "trial", "prosecution", "conviction", "sentencing",
                   "execution", "assassination", "abduction", "kidnapping", "capture", "ouster",
                   "removal", "impeachment", "dismissal", "torture", "murder", "killing",
                   "rescue", "eviction", "indictment", "persecution", "harassment"}


#: acts done to someone, which a headline tells in the bare participle ("Reporter detained")
UNDERGONE_TYPES = {"ASSAULT", "COERCE", "SANCTION", "RETREAT"}


def charge_denied_by_its_party(c: Candidate) -> None:
    """A denial told as "..., a charge Armenia denied" (the parser makes "a
    charge" the denial's subject): the party named beside the charge, or the
    other subject of the denial, is who denies ("a claim Armenia's Defense
    Ministry denied the same day")."""
    if c.event != "REJECT" or c.actor_m:
        return
    subjects = [ch for ch in c.token.children if ch.dep_ in {"nsubj", "nsubjpass"}]
    charges = [sb for sb in subjects if sb.lemma_.lower() in CHARGE_NOUNS]
    if not charges:
        return
    named = [sb for sb in subjects if sb not in charges]
    named += [g for ch in charges for g in ch.children if g.dep_ in {"appos", "poss", "compound"}]
    c.actor_m = [m for g in named for m in c.index.for_argument(g) if m not in c.recipient_m]


def heading_participle_is_passive(c: Candidate) -> None:
    """A heading tells a passive without its auxiliary ("Reporter detained",
    "Bangladesh summons Indian envoy after teenager killed at border"): the
    subject of a bare participle of an act done to someone, with no object,
    is who undergoes it, not who does it."""
    t = c.token
    if c.event not in UNDERGONE_TYPES or t.pos_ != "VERB" or t.tag_ not in {"VBN", "VBD"} \
            or not (c.sent_index < 0 or c.sent_index in (c.doc._.headings or ())):
        return
    if any(ch.dep_ in {"dobj", "obj", "aux", "auxpass"} for ch in t.children):
        return
    subjects = {ch.i for ch in t.children if ch.dep_ == "nsubj"}
    subjects |= {g.i for ch in t.children if ch.dep_ == "mark" for g in ch.children}
    undergoers = [m for m in c.actor_m if m.head in subjects]
    if undergoers:
        c.recipient_m = undergoers + [m for m in c.recipient_m if m not in undergoers]
        c.actor_m = [m for m in c.actor_m if m not in undergoers]


def undergoer_possessor_is_recipient(c: Candidate) -> None:
    """The possessor of a noun naming what is done to someone ("Mhlanga's
    arrest", "Khalil's deportation", "the journalist's release") is the one
    it is done to, the recipient, not its actor; with an "of" phrase the
    possessor acts ("Russia's expulsion of diplomats")."""
    t = c.token
    if t.pos_ != "NOUN" or t.lemma_.lower() not in UNDERGOER_NOUNS \
            or any(ch.dep_ == "prep" and ch.lower_ == "of" for ch in t.children):
        return
    owner = [m for ch in t.children if ch.dep_ == "poss" for m in c.index.for_argument(ch)]
    if owner and c.actor_m and all(m in owner for m in c.actor_m):
        c.actor_m, c.recipient_m = [], c.recipient_m or owner


#: the prepositions and verbs by which a party is said to be in a state others
#: put it in: "is in detention", "remains in custody", "is on trial", "awaits trial"
HELD_PREPS = {"in", "on", "under"}
HELD_VERBS = {"be", "remain", "stay", "sit", "languish"}
AWAITING_VERBS = {"await", "face", "undergo", "stand"}


def held_party_undergoes(c: Candidate) -> None:
    """A party said to be in a state that others put it in ("the reporter had
    been in pretrial detention", "the New York resident remains in detention",
    "he was awaiting trial", "Topuz is on trial") undergoes it: the subject
    of the verb that holds the noun is its recipient, not its actor (who
    holds it is then the state, ``state_acts_unnamed``)."""
    t = c.token
    if t.pos_ != "NOUN" or t.lemma_.lower() not in UNDERGOER_NOUNS \
            or any(ch.dep_ == "poss" or (ch.dep_ == "prep" and ch.lower_ == "of") for ch in t.children):
        return
    if t.dep_ == "pobj" and t.head.lower_ in HELD_PREPS and t.head.dep_ == "prep" \
            and t.head.head.lemma_.lower() in HELD_VERBS:
        verb = t.head.head
    elif t.dep_ == "dobj" and t.head.lemma_.lower() in AWAITING_VERBS:
        verb = t.head
    else:
        return
    subject = subject_of(verb)
    held = c.index.for_argument(subject) if subject is not None else []
    if held and c.actor_m and all(m in held for m in c.actor_m):
        c.actor_m, c.recipient_m = [], held


def event_said_twice(c: Candidate) -> None:
    """An event named twice in one phrase, the second naming governed by the
    first ("a hunger strike in protest of the government's refusal"), lends
    the participants the first naming lacks."""
    for again in c.governed(lambda m: m.entry.event == c.entry.event
                            and not (c.actor_m and c.recipient_m)):
        more_actor, more_recipient = trigger_arguments(again.token, c.index, again.entry)
        c.actor_m = c.actor_m or [m for m in more_actor if m not in c.recipient_m]
        c.recipient_m = c.recipient_m or [m for m in more_recipient if m not in c.actor_m]


#: verbs whose subject is at the receiving end of the noun they take:
#: "drew criticism", "faced condemnation", "triggered global condemnation"
RECEIVING_LEMMAS = {"draw", "face", "receive", "attract", "earn", "incur", "invite", "trigger",
                    "spark", "prompt", "provoke", "meet", "garner", "court"}
#: the types whose nominal triggers are said of their target that way ("drew praise", "faced criticism")
RECEIVED_TYPES = {"ACCUSE", "REJECT", "THREATEN", "SANCTION", "SUPPORT", "PROTEST"}


def received_criticism(c: Candidate) -> None:
    """Criticism or praise (or a threat, sanction, rejection, protest) that a
    party or its action "draws", "faces" or "sparks" comes from someone else: the
    critics are those "from"/"by" whom it comes, and the subject, when it
    is a party, or the party whose action it is ("Kenya's move drew praise
    from the United States"), is the recipient ("the decision drew criticism
    from Germany", "the constitution is facing criticism from legal
    experts")."""
    token = c.token
    if token.pos_ != "NOUN" or c.event not in RECEIVED_TYPES:
        return
    verb = _receiving_verb(token)
    if verb is None:
        return
    c.actor_m = [m for g in _sources(token, verb) for m in c.index.for_argument(g) or c.index.state_named(g)]
    subject = subject_of(verb)
    held = c.index.at(subject) if subject is not None else []
    if subject is not None and not held:  # "Kenya's move drew praise": whose move it was
        held = [m for ch in subject.children if ch.dep_ == "poss" for m in c.index.at(ch)]
    c.recipient_m = [m for m in held if m not in c.actor_m]


def _receiving_verb(noun: Token) -> Token | None:
    """The verb by which its subject draws or faces ``noun`` ("drew
    criticism", "faced sanctions", "met with condemnation"), or None."""
    if noun.dep_ == "dobj":
        verb = noun.head
    elif noun.dep_ == "pobj" and noun.head.lower_ == "with" and noun.head.head.lemma_.lower() == "meet":
        verb = noun.head.head  # (only "met with criticism" takes its noun through a preposition)
    else:
        return None
    return verb if verb.pos_ == "VERB" and verb.lemma_.lower() in RECEIVING_LEMMAS else None


def _sources(noun: Token, verb: Token) -> list[Token]:
    """Whom a drawn criticism or praise comes "from" or is "by"."""
    return [g for p in (*noun.children, *verb.children)
            if p.dep_ in {"prep", "agent"} and p.lower_ in {"from", "by"}
            for g in p.children if g.dep_ == "pobj"]


def mobilized_force_is_own(c: Candidate) -> None:
    """What is mobilised is the actor's own force ("troops were put on
    alert"): its holder acts, and the recipient is whom it is "against"."""
    if c.event == "MOBILIZE" and c.token.pos_ == "VERB":
        c.actor_m = c.actor_m or c.recipient_m
        c.recipient_m = [m for g in c.token.subtree if g.lower_ == "against"
                         for p in g.children if p.dep_ == "pobj"
                         for m in c.index.for_argument(p)]


#: the types whose result a participle clause can state ("attacked the town,
#: killing five soldiers"; "intensified attacks, inflicting heavy casualties on
#: government forces")
RESULT_TYPES = {"ASSAULT"}


def result_names_the_target(c: Candidate) -> None:
    """An attack that names no target takes it from a participle clause of
    result on the clause that reports it ("X attacked the town, killing five
    soldiers", "X intensified attacks, inflicting heavy casualties on
    government forces"): the participle has no subject of its own, shares
    the attacker, and its object (or the party its object is "on"/"against")
    is who was hit."""
    if c.event not in RESULT_TYPES or c.recipient_m:
        return
    clause = c.token
    if clause.pos_ != "VERB":  # a noun held by a verb ("intensified attacks")
        clause = noun_phrase_head(clause)
        if clause.dep_ not in {"dobj", "obj", "nsubj", "nsubjpass"} or clause.head.pos_ != "VERB":
            return
        clause = clause.head
    for p in clause.children:
        if p.dep_ != "advcl" or p.tag_ != "VBG" or any(
                g.dep_ in SUBJECT_DEPS or g.dep_ == "mark" for g in p.children):
            continue
        found = [m for m in verbal_arguments(p, c.index, depth=2)[1] if m not in c.actor_m]
        if found:
            c.recipient_m = found
            return


def party_named_is_no_event(c: Candidate) -> bool:
    """A trigger noun that is itself the head of a party's name ("opened fire
    on a police patrol", "an army patrol was ambushed") names who is there,
    not an event."""
    t = c.token
    return not (t.pos_ == "NOUN" and any(m.head == t.i and m.kind == "nominal"
                                         for m in c.index.at(t)))


#: the positions of a noun that is what a verb is about or done with
_ARGUMENT_DEPS = {"dobj", "obj", "pobj", "conj", "attr", "appos"}


def agreement_referred_to_is_no_event(c: Candidate) -> bool:
    """A noun naming an agreement (a deal, proposal, treaty, pact, commitment)
    that is the object of a verb reporting no event of its own names an
    agreement already there ("referring to the 2020 pact", "much remains to be
    done on a ceasefire deal", "defended Pyongyang and Moscow's treaty",
    "involves a U.S. commitment"), not an act of agreeing (PLOVER 3.1: agree,
    offer, promise). Reaching, signing or proposing one is told by its verb."""
    t = c.token
    if c.entry is None or c.entry.event != "AGREE" or t.pos_ != "NOUN" \
            or t.dep_ not in _ARGUMENT_DEPS:
        return True
    head = t
    while head.dep_ == "conj" and head.head.i != head.i:  # "Pyongyang and Moscow's treaty"
        head = head.head
    if head.dep_ == "pobj" and head.head.dep_ == "prep":  # "done on a deal"
        head = head.head
    if head.dep_ not in _ARGUMENT_DEPS | {"prep"}:
        return True
    verb = head.head
    return verb.pos_ not in {"VERB", "AUX"} or verb.i in {m.token.i for m in c.found}


#: prepositions by which a noun of stance or relation names whom it is for, with
#: or against ("commitment to Israel's security", "support for Ukraine")
STANCE_PREPS = {"to", "for", "toward", "towards", "against", "on", "with", "over"}


def own_side_is_no_target(c: Candidate) -> None:
    """A party found only as the possessor of the object, when it is the
    actor's own side, names what the actor holds, not whom it acts on ("Sullivan
    expressed the Biden administration's commitment to Israel's security",
    "Trump is waging a tariff fight with the United States' biggest trading
    partners, Mexico, Canada, China and the EU"): the target is the party
    the object's apposition or its "to"/"for"/"with"/"against" phrase names.
    With neither, the recipient stays as found."""
    if not c.actor_m or not c.recipient_m:
        return
    own = {e.country for e in c.records(c.actor_m) if e.country}
    if not own or any(e.country not in own for e in c.records(c.recipient_m)):
        return
    t = c.token
    held = [ch for ch in t.children if ch.dep_ in {"dobj", "obj"}] if t.pos_ == "VERB" else []
    held += [g for o in [t, *held] for p in o.children if p.dep_ == "prep" and p.lower_ in STANCE_PREPS
             for g in p.children if g.dep_ == "pobj"]
    for o in held:
        owners = [m for ch in o.children if ch.dep_ == "poss" for m in c.index.at(ch)]
        if c.index.at(o) or not owners or any(m not in owners for m in c.recipient_m):
            continue
        named = [g for a in o.children if a.dep_ == "appos" for g in [a, *a.conjuncts]]
        named += [g for p in o.children if p.dep_ == "prep" and p.lower_ in STANCE_PREPS
                  for g in p.children if g.dep_ == "pobj"]
        found = [m for g in named for m in c.index.for_argument(g) if m not in c.actor_m]
        if found and any(e.country not in own for e in c.records(found)):
            c.recipient_m = found
            return


def own_holdings_are_no_target(c: Candidate) -> None:
    """A recipient named only as something the actor holds, by a possessive
    pronoun that refers back to the actor ("Prigozhin agreed to withdraw his
    forces", "the government ordered its military to seal the border", "the
    U.N. rejected a call for its peacekeeping forces to be deployed"), is the
    actor's own side, not whom it acts on: it is dropped, and the recipient is
    left to the party a phrase of the clause names, or to the later rules."""
    if not c.actor_m or not c.recipient_m:
        return
    actors = {m.entity for m in c.actor_m if m.entity is not None}
    if actors and all(m.possessor and m.owner in actors for m in c.recipient_m):
        c.recipient_m = []


#: the types of offers and promises, whose target is the party they offer to act for
OFFER_TYPES = {"AGREE"}


#: verbs that tell where goods come from ("pork imported from the European Union")
ORIGIN_VERBS = {"import", "make", "produce", "manufacture", "export", "ship", "come", "originate",
                "build", "assemble"}


def goods_origin_is_target(c: Candidate) -> None:
    """Duties, tariffs or bans on goods that name no party are aimed at
    where the goods come from: "imposed duties of up to 62% on pork imported
    from the European Union", "tariffs on imports from China", "on electric
    cars made in China"."""
    if c.event != "SANCTION" or c.recipient_m:
        return
    t = c.token
    holders = [t] + [ch for ch in t.children if ch.dep_ in {"dobj", "obj"}]
    goods = [g for h in holders for p in h.children if p.dep_ == "prep" and p.lower_ in {"on", "against"}
             for g in p.children if g.dep_ == "pobj"]
    for g in goods:
        sources = [w for v in g.children if v.dep_ == "acl" and v.lemma_.lower() in ORIGIN_VERBS
                   for p in v.children if p.dep_ in {"prep", "agent"} and p.lower_ in {"from", "in", "by"}
                   for w in p.children if w.dep_ == "pobj"]
        sources += [w for p in g.children if p.dep_ == "prep" and p.lower_ == "from"
                    for w in p.children if w.dep_ == "pobj"]
        for w in sources:
            found = c.index.for_argument(w) or c.index.state_named(w)
            if found:
                c.recipient_m = found
                return


def offer_aims_at_what_it_offers(c: Candidate) -> None:
    """An offer, proposal or plan that names no one is aimed at the party
    named inside what it offers to do: the infinitive or gerund that states
    it ("proposed a plan for rearming Europe and supporting Ukraine",
    "Trump's proposal to deepen U.S. investment in Ukraine")."""
    if c.event not in OFFER_TYPES or c.recipient_m:
        return
    t = c.token
    holders = [t] + ([ch for ch in t.children if ch.dep_ in {"dobj", "obj"}] if t.pos_ == "VERB" else [])
    offered = [ch for h in holders for ch in h.children
               if (ch.dep_ == "acl" and ch.pos_ == "VERB" and (h is not t or t.pos_ != "VERB")
                   and any(g.dep_ == "aux" and g.lower_ == "to" for g in ch.children))]
    offered += [g for h in holders for p in h.children if p.dep_ == "prep" and p.lower_ == "for"
                for g in p.children if g.dep_ == "pcomp" and g.tag_ == "VBG"]
    actor_countries = {e.country for e in c.records(c.actor_m)}
    for v in offered:
        for w in [v, *v.conjuncts]:
            for tok in w.subtree:
                found = [m for m in c.index.at(tok) if m.head == tok.i and m not in c.actor_m
                         and m.kind != "pronoun"]
                if found and all(e.country and e.country not in actor_countries for e in c.records(found)):
                    c.recipient_m = found
                    return


#: what forces take by fighting: ground, not goods ("captured the town", "overran a base")
GROUND_NOUNS = {"town", "city", "village", "base", "post", "position", "territory", "headquarters",
                "district", "region", "area", "province", "capital", "stronghold", "outpost",
                "checkpoint", "airport", "hill", "ground", "land", "part", "garrison", "camp"}
#: verbs of taking ground by force
CAPTURE_LEMMAS = {"capture", "overrun", "overran", "retake", "recapture", "seize", "take", "storm"}


def taking_ground_by_force_assaults(c: Candidate) -> None:
    """Forces capturing, overrunning or retaking a town, a base or positions
    ("captured the eastern city of Goma", "overran an army post", "the army
    said it had retaken the last RSF positions") fight for them: ASSAULT, as
    the PLOVER GSR and the annotation protocol code it; seizing goods, ships
    or buildings (a tanker, trawlers, ammunition) stays COERCE seize."""
    if c.event != "COERCE" or c.mode != "seize" or c.token.lemma_.lower() not in CAPTURE_LEMMAS:
        return
    objects = [ch for ch in c.token.children if ch.dep_ in {"dobj", "obj"}]
    if c.token.dep_ == "relcl" and c.token.head.pos_ in {"NOUN", "PROPN"}:
        objects.append(c.token.head)  # ("the city of Goma, which the M23 seized")
    for o in objects:
        nouns = [o] + [g for p in o.children if p.dep_ == "prep" and p.lower_ == "of"
                       for g in p.children if g.dep_ == "pobj"]
        if any(n.lemma_.lower() in GROUND_NOUNS or n.ent_type_ in {"GPE", "LOC"} for n in nouns):
            c.event, c.mode, c.cameo = "ASSAULT", "", "190"
            return


def seized_people_are_abducted(c: Candidate) -> None:
    """People seized by an armed group, a gang or unidentified gunmen ("gunmen
    seized two Chinese oil workers", "the mayor was seized by at least six
    armed men") are abducted: ASSAULT abduct (PLOVER 3.16, CAMEO 181), not
    a seizure of property or territory (COERCE seize), which stays for
    places and things ("fighters captured the town")."""
    if c.event != "COERCE" or c.mode != "seize" \
            or not any(a.sector in ARMED_GROUP_SECTORS for a in c.actor) \
            or any(a.sector in STATE_SECTORS for a in c.actor):
        return
    if any(r.sector for r in c.recipient):  # people (a place or a thing has no sector)
        c.event, c.mode, c.cameo = "ASSAULT", "abduct", "181"


#: where a weapon fired at no one falls: "fired missiles into the sea"
_OPEN_WATERS = {"sea", "water", "waters", "ocean"}


def missiles_into_the_sea_are_a_show(c: Candidate) -> None:
    """Missiles fired into the sea ("North Korea fired two short-range
    ballistic missiles into the sea off its east coast") hit no one: a
    weapons test or show of force, MOBILIZE weapons (PLOVER 3.14; CAMEO 15),
    not an attack, and aimed at no one."""
    if c.event != "ASSAULT" or c.token.pos_ != "VERB":
        return
    into = [g for p in c.token.children if p.dep_ == "prep" and p.lower_ in {"into", "in"}
            for g in p.children if g.dep_ == "pobj" and g.lemma_.lower() in _OPEN_WATERS]
    if into:
        c.event, c.mode, c.cameo, c.recipient = "MOBILIZE", "weapons", "15", []


def mediation_is_for_the_parties_between(c: Candidate) -> None:
    """Offering, planning or hosting talks between parties, or seeking to
    mediate between them ("offered to host a new round of talks between
    Moscow and Kyiv", "offered to host talks between the two governments",
    "has sought to mediate between its two neighbors"), is aimed at those
    parties, when no one else is named."""
    if c.event not in {"AGREE", "CONSULT"} or c.recipient:
        return
    between = [g for t in c.token.subtree if t.dep_ == "prep" and t.lower_ == "between"
               for o in t.children if o.dep_ == "pobj" for g in [o, *o.conjuncts]]
    found = [m for g in between for m in c.index.for_argument(g) if m not in c.actor_m]
    if found:
        c.recipient = [e for e in c.records(found) if e.country]


#: words of captivity at others' hands: the captives a state's forces free are rescued
CAPTIVITY_LEMMAS = {"kidnap", "kidnapper", "kidnapping", "abduct", "abductor", "abduction",
                    "hostage", "captor", "captive", "ransom"}
#: sectors of a state's forces
FORCE_SECTORS = {"MIL", "COP"}


def forces_freeing_captives_rescue(c: Candidate) -> None:
    """Captives of kidnappers or hostage-takers freed by a state's troops or
    police ("soldiers tracked the kidnappers to the forest and freed the
    children", "Ecuadorian troops free kidnapped mayor") are rescued: AID
    (PLOVER 3.6, the annotation protocol), not a release by their captors
    (RETREAT release)."""
    if c.event != "RETREAT" or c.mode != "release" or not c.actor \
            or not all(a.sector in FORCE_SECTORS for a in c.actor):
        return
    if _lemma_positions(c.doc, CAPTIVITY_LEMMAS):  # the story tells of captives held by others
        c.event, c.mode, c.cameo = "AID", "", "07"


#: what a party says or promises: aimed at others, not at the state it speaks for
STATEMENT_TYPES = {"REQUEST", "AGREE", "THREATEN", "SUPPORT", "ACCUSE", "REJECT"}


def own_state_is_no_addressee(c: Candidate) -> None:
    """A state's officials do not demand from, promise to, threaten or judge
    the state they speak for: the country named inside what they say is its
    subject or its owner ("Ruto pledged that Kenya would send a further 800
    officers", "Zelenskyy urged Ukraine's allies to speed up deliveries",
    "vowed that those who spilled the blood of our sons will be hunted down,
    in Burkina or beyond"), not the addressee. The country as such is no
    recipient then; its bodies and people (the opposition, a parliament, a
    minister) still can be."""
    if c.event not in STATEMENT_TYPES or not c.recipient:
        return
    own = {a.country for a in c.actor if a.country}
    if len(own) != 1 or any(a.sector not in STATE_SECTORS for a in c.actor if a.sector):
        return
    state = next(iter(own))
    name = countries().name(state)
    c.recipient = [r for r in c.recipient if not (r.country == state and r.name == name)]


def state_protest_is_a_complaint(c: Candidate) -> None:
    """A state or government that "protests" to or over another lodges a
    complaint, it does not demonstrate: "Japan protested to China over the
    violation of its airspace" is ACCUSE (CAMEO 114 complain officially;
    PLOVER 3.12.2: protests are demonstrations by people)."""
    if c.event != "PROTEST" or c.token.lemma_.lower() != "protest" or not c.actor or not c.recipient:
        return
    table = countries()
    if all(a.sector == "GOV" or (a.sector is None and a.country and table.lookup(a.name) == a.country)
           for a in c.actor):
        c.event, c.mode, c.cameo = "ACCUSE", "disapprove", "114"


#: what is sent "to" someone: aid, and forces sent to help or to hold a place
SENDING_TYPES = {"AID", "MOBILIZE"}


def aid_goes_to_whom_it_is_given(c: Candidate) -> None:
    """Aid or forces sent "to" a party are aimed at that party, not at what
    is sent: "France delivered tanks to Ukraine", "sent two Patriot systems
    to Kyiv" (the tanks are the aid; PLOVER 3.6: the recipient of aid is who
    gets it), "pledged to send 1,000 police officers to Haiti" (the
    pledge's content)."""
    verbs = [c.token] if c.event in SENDING_TYPES else []
    verbs += [m.token for m in c.governed(lambda m: m.entry.event in SENDING_TYPES)]
    given = [g for v in verbs if v.pos_ == "VERB" for p in v.children
             if p.dep_ in {"prep", "dative"} and p.lower_ == "to"
             for g in p.children if g.dep_ == "pobj"]
    own = {e.country for e in c.records(c.actor_m)}
    for g in given:
        found = [m for m in c.index.for_argument(g) if m not in c.actor_m]
        countries_to = {e.country for e in c.records(found)} - {None}
        if countries_to and not countries_to <= own:  # (troops sent to one's own border: no)
            c.recipient_m = found
            return


#: verbs that make known aid to come: the aid is promised, not yet given
ANNOUNCING_LEMMAS = {"announce", "unveil", "pledge", "promise", "offer"}
#: nouns an aid noun can hang from inside what is announced ("a package of aid")
_AID_CONTAINERS = {"package", "tranche", "round", "batch", "worth", "total"}


def announced_aid_is_a_pledge(c: Candidate) -> None:
    """Aid that a party announces, unveils or pledges ("announced 60 million
    euros in new humanitarian aid", "announced a new package of military aid
    worth 1.2 billion euros") is promised, not given: AGREE (PLOVER 3.1 and
    3.6.2: a promise of material aid; CAMEO 033)."""
    if c.event != "AID" or c.token.pos_ != "NOUN":
        return
    node = c.token
    for _ in range(3):
        if node.dep_ in {"dobj", "obj"} and node.head.lemma_.lower() in ANNOUNCING_LEMMAS:
            c.event, c.mode, c.cameo = "AGREE", "", "033"
            if not c.recipient_m:  # whom it is for: "a package of aid to Ukraine"
                c.recipient_m = [m for t in node.subtree if t.dep_ == "pobj"
                                 and t.head.lower_ in {"to", "for"}
                                 for m in c.index.for_argument(t) if m not in c.actor_m]
            return
        if node.dep_ == "pobj" and node.head.dep_ == "prep" \
                and (node.head.head.lemma_.lower() in _AID_CONTAINERS
                     or any(n.dep_ == "nummod" for n in node.head.head.children)):
            node = node.head.head  # "a package of aid", "60 million euros in aid"
            continue
        return


def entity_records(c: Candidate) -> None:
    """Mentions become resolved actors; a party is not its own recipient, and
    a pair acting together ("both leaders reaffirmed their commitment") acts
    on neither of its two countries."""
    c.actor = c.records(c.actor_m)
    keys = {(e.name, e.country) for e in c.actor}
    paired = {e.country for m, e in zip(c.actor_m, c.actor) if m.kind == "pair"}
    c.recipient = [e for e in c.records(c.recipient_m, c.actor_m)
                   if (e.name, e.country) not in keys and e.country not in paired]
    c.negated, c.future, c.hypothetical = modality(c.token)


#: speech acts whose target may be named anywhere in what they say
CONTENT_TARGETED = {"ACCUSE", "REQUEST", "REJECT", "THREATEN"}


def party_inside_the_content(c: Candidate) -> None:
    """An accusation, demand, rejection or threat that names no one directly
    is aimed at the party named in what it says or is about ("alleged that
    women under Taliban rule are persecuted", "threatened to suspend U.S.
    operations", "calling for the protection of civilians"): the first party
    of another country than the actor in its object or complement, not in a
    place phrase ("in Syria", "en route to Jeddah") nor in a clause of its
    own."""
    if c.event not in CONTENT_TARGETED or c.recipient or not c.actor or c.token.pos_ != "VERB":
        return
    own = {a.country for a in c.actor}
    for ch in c.token.children:
        if ch.dep_ not in {"dobj", "obj", "ccomp", "xcomp", "prep", "dative", "oprd"} \
                or (ch.dep_ == "prep" and ch.lower_ in SETTING_WORDS):
            continue
        for t in ch.subtree:
            if (t.dep_ == "pobj" and t.head.lower_ in SETTING_WORDS) or _own_clause(t, ch):
                continue
            for m in c.index.at(t):
                if m.head != t.i or _in_setting(t):
                    continue
                found = [e for e in c.records([m], c.actor_m) if e.country and e.country not in own]
                if found:
                    c.recipient = found
                    return


#: prepositions of place and time: what they name is a setting, not a target
SETTING_WORDS = {"in", "at", "near", "from", "outside", "inside", "across", "within", "during",
                 "since", "to", "into", "throughout", "around", "before", "after"}


def _own_clause(token: Token, top: Token) -> bool:
    """Inside a clause of its own below ``top`` (a condition, a relative clause)."""
    t = token
    while t.i != top.i and t.head.i != t.i:
        if t.dep_ in {"advcl", "relcl"}:
            return True
        t = t.head
    return False


def _in_setting(token: Token) -> bool:
    """Inside a place or time phrase ("to Jeddah, Saudi Arabia")."""
    t = token
    for _ in range(4):
        if t.dep_ == "pobj" and t.head.lower_ in SETTING_WORDS:
            return True
        if t.dep_ not in {"appos", "compound", "conj", "amod", "nmod", "poss"} or t.head.i == t.i:
            return False
        t = t.head
    return False


# -- type and mode --------------------------------------------------------------

def armed_arrival_deploys(c: Candidate) -> None:
    """Armed forces arriving somewhere deploy; they do not visit ("Russian
    troops arrived in Belarus" is MOBILIZE)."""
    if c.event == "CONSULT" and c.mode == "visit" and c.actor \
            and all(a.sector in ARMED_SECTORS for a in c.actor):
        c.event, c.mode, c.cameo = "MOBILIZE", "troops", "154"


def mode_from_governed_trigger(c: Candidate) -> None:
    """A generic trigger takes the mode of a more specific one of the same
    type that it governs ("a roadside bombing killed ..."). A verb made an
    event by its object takes the type of the object's own reading when
    that reading is the narrower one ("held joint military drills": joint
    drills are cooperation, drills held by one country a deployment)."""
    if c.entry is not None and c.entry.dep == "obj":
        named = c.governed(lambda m: m.via == "dobj" and m.entry.dep == "compound"
                           and m.entry.event != c.event and m.token.lemma_.lower() in c.entry.req_lemmas)
        if named:
            c.event, c.mode, c.cameo = named[0].entry.event, named[0].entry.mode, named[0].entry.cameo
            return
    if not c.mode:
        same = c.governed(lambda m: m.entry.event == c.event and m.entry.mode)
        if same:
            c.mode, c.cameo = same[0].entry.mode, same[0].entry.cameo


def refused_cooperation_rejects(c: Candidate) -> None:
    """A party that does not cooperate, meet or agree refuses: REJECT with
    the mode of what was refused ("would not meet the demands")."""
    if c.negated and c.event in COOPERATIVE | {"AGREE"} and c.actor and not no_one_does(c.token):
        c.event, c.mode, c.negated = "REJECT", ASKED_MODES.get(c.event, ""), False


#: verbs of warning: a threat only when the warning is forceful (PLOVER 3.11)
WARNING_LEMMAS = {"warn", "caution"}
#: auxiliaries of what is yet to come in a warned clause ("will", "would")
WARNED_FUTURE_AUX = {"will", "would", "shall", "'ll", "wo", "'d"}
#: subjects of a warned clause that stand for the warner's own side
WARNER_PRONOUNS = {"we", "i", "it", "they", "he", "she"}
#: possessives by which a warner speaks of its own forces ("his fighters would resist")
OWN_POSSESSIVES = {"our", "my", "its", "their", "his", "her"}


#: what a party is warned it will face or pay: repercussions brought about by the warner
REPERCUSSIONS = {"consequence", "repercussion", "retaliation", "response", "reprisal",
                 "punishment", "countermeasure", "price", "cost", "wrath"}
FACING_VERBS = {"face", "pay", "suffer", "bear", "meet"}
#: what an act "will not go": answered by the warner
UNANSWERED = {"unanswered", "unpunished", "unavenged"}
#: measures named as the warner's answer
RETALIATORY = {"retaliatory", "punitive", "reciprocal", "decisive", "appropriate", "necessary"}


def _forceful(clause: Token) -> bool:
    """A warned clause with repercussions: made conditional ("key bases are at
    risk if Turkey is sanctioned"), named as what the warned will face or pay
    ("Pakistan would face consequences"), as what will follow ("retaliatory
    measures will follow", "such aggression will not go unanswered"), done by the warner's own forces
    ("his fighters would resist any foreign force"), done to someone unnamed ("terrorists will
    not be spared") or by the warner itself ("we will retaliate", "it would
    execute the hostages")."""
    if any(c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in CONDITION_MARKS
                                     for g in c.children) for c in clause.children):
        return True
    future = any(c.dep_ == "aux" and c.lower_ in WARNED_FUTURE_AUX for c in clause.children)
    if future and any(c.lower_ in UNANSWERED for c in clause.children):
        return True  # "such aggression will not go unanswered"
    if future and any(c.dep_ in {"nsubj", "nsubjpass"} and (
            c.lemma_.lower() in REPERCUSSIONS
            or any(g.dep_ == "amod" and g.lower_ in RETALIATORY for g in c.children))
            for c in clause.children):
        return True  # "retaliatory measures will follow", "a response will come"
    if clause.lemma_.lower() in FACING_VERBS and any(
            c.dep_ in {"dobj", "obj"} and c.lemma_.lower() in REPERCUSSIONS for c in clause.children):
        return True  # "warned that Pakistan would face consequences", "will pay a heavy price"
    for c in clause.children:
        if c.dep_ == "nsubjpass" and future:
            return True
        if c.dep_ == "nsubj" and c.lower_ in WARNER_PRONOUNS and (future or c.lower_ in {"we", "i"}):
            return True
        if c.dep_ == "nsubj" and future and any(  # "his fighters would resist", "our forces will respond"
                g.dep_ == "poss" and g.lower_ in OWN_POSSESSIVES for g in c.children):
            return True
    return False


def _warner_acts(c: Candidate, clause: Token) -> bool:
    """The warned clause says what the warner's own side will do ("warned
    that Beijing would continue to firmly defend its sovereignty")."""
    if not any(ch.dep_ == "aux" and ch.lower_ in WARNED_FUTURE_AUX for ch in clause.children):
        return False
    own = {a.country for a in c.actor if a.country}
    subjects = [ch for ch in clause.children if ch.dep_ == "nsubj"]
    return bool(own) and any(e.country in own for s in subjects
                             for e in c.records(c.index.for_argument(s)))


def warning_of_danger_is_concern(c: Candidate) -> bool:
    """A warning is a threat only when it is forceful, with repercussions the
    warner would bring about (PLOVER 3.11: "coercive or forceful warnings").
    A party that warns that what another party does is dangerous ("warned
    that the government's actions would divide the country", "warned that
    expanding military cooperation between Russia and North Korea is
    dangerous") voices concern: ACCUSE disapprove; a warning about a
    situation that names no party ("officials warn it is too big to put
    out") is no event."""
    t = c.token
    if c.event != "THREATEN" or c.entry.dep or t.pos_ != "VERB" \
            or t.lemma_.lower() not in WARNING_LEMMAS:
        return True
    clause = next((ch for ch in t.children if ch.dep_ == "ccomp"), None)
    if clause is not None and _warner_acts(c, clause):  # its own side is no target
        own = {a.country for a in c.actor}
        c.recipient = [r for r in c.recipient if r.country not in own]
        return True
    if c.governed(lambda m: m.entry.event == "THREATEN"):
        return True  # "warned that the exercise was a rehearsal and threatened to take countermeasures"
    if clause is None or _forceful(clause):
        return True
    if not any(e.country for e in c.recipient) and not any(
            m.kind != "pronoun" for w in clause.subtree for m in c.index.at(w)):
        return False
    c.event, c.mode, c.cameo = "ACCUSE", "disapprove", "111"
    return True


def negated_is_no_event(c: Candidate) -> bool:
    """What did not happen is no event (unless negated events are asked for)."""
    return not c.negated or c.include_negated


def condition_is_no_event(c: Candidate) -> bool:
    """An action in a condition ("help defend Saudi Arabia if it is
    attacked") has not happened."""
    return not condition_clause(c.token)


def habit_is_no_event(c: Candidate) -> bool:
    """What a party is said to do as a habit ("frequently conducts bombings",
    "routinely deny", "usually initiates") is a generalisation about it, not
    an event."""
    return not habitual(c.token)


def present_attack_is_a_pattern(c: Candidate) -> bool:
    """An attack told in the simple present in the body of a story ("the terror
    group mainly targets our security vehicles", "fighters who fight to
    control villages", "Israel attacks the Muslims in Jerusalem") says what a
    party does, not what it did: news tells an attack in the past. A
    headline, which tells news in the present, is left alone, and so is a
    clause that names its own day."""
    t = c.token
    if c.event != "ASSAULT" or t.tag_ not in {"VBZ", "VBP"} or c.sent_index < 0 \
            or c.sent_index in (c.doc._.headings or ()):
        return True
    if any(ch.dep_ in {"aux", "auxpass"} for ch in t.children):
        return True
    return date_for_clause(c.doc, t) is not None


def earlier_year_is_background(c: Candidate) -> bool:
    """An event placed two or more years before the article ("In 2019, China
    signed a trade deal" in a 2025 story) is background, not news; the year
    before ("in December 2024", "attacks in 2024") is recent background, which
    a careful coder records (undated)."""
    return c.include_incomplete or not long_ago(c.doc, c.token)


#: time nouns that, plural, after "previous", "past" or "earlier", name a
#: stretch long gone ("in previous years", "in past decades")
_LONG_STRETCHES = {"year", "decade", "century", "generation", "era"}
_BYGONE = {"past", "previous", "earlier", "former", "bygone"}
#: units of time: "in the past week" is recent, "in past elections" is not
_TIME_UNITS = {"day", "week", "month", "year", "decade", "century", "hour", "night", "weekend",
               "morning", "evening", "time", "quarter", "season", "term", "period"}
#: clauses a clause is told in: what it reports, depends on or continues
_TOLD_IN = {"ccomp", "xcomp", "advcl", "conj", "relcl", "acl", "pcomp"}


def _bygone_phrase(verb: Token) -> bool:
    """A phrase of a clause that places it in a time long gone: "in the past",
    "in past bilateral tensions", "in previous years", "in the 1860s",
    "during the 19th century"."""
    for p in verb.children:
        if p.dep_ != "prep" or p.lower_ not in {"in", "during"}:
            continue
        for g in p.children:
            if g.dep_ != "pobj":
                continue
            mods = {m.lower_ for m in g.children if m.dep_ == "amod"}
            if g.lower_ == "past" or (mods & _BYGONE and (
                    g.lemma_.lower() in _LONG_STRETCHES and g.tag_ == "NNS"
                    or g.lemma_.lower() not in _TIME_UNITS)):
                return True
            if g.lower_ in {"century", "centuries"} or re.fullmatch(r"1[0-9]{3}s", g.lower_):
                return True
    return False


def told_as_history_is_background(c: Candidate) -> bool:
    """An event the story tells as history is background, not news: its
    clause, or a clause it is told in, is placed in a time long gone ("in the
    past, some countries have ignored them", "In past bilateral tensions,
    Ankara has threatened", "who have in previous years battled blazes", "in
    the 1860s", "In January 2023, Yoon said South Korea may have to ask the
    U.S."), or it is told in a relative clause of an old date ("Since August
    2022, when the president called for a total war")."""
    if c.include_incomplete:
        return True
    t = clause_verb(c.token)
    for _ in range(6):
        if _bygone_phrase(t) or (t.dep_ == "relcl" and t.head.ent_type_ == "DATE"
                                 and long_ago(c.doc, t.head)):
            return False
        if t.dep_ not in _TOLD_IN or t.head.i == t.i:
            break
        t = clause_verb(t.head)
    return True


#: words of a goal, of what matters or could be ("aims to", "focused on",
#: "look forward to", "the importance of", "it would be possible to")
GOAL_WORDS = {"aim", "focus", "focused", "look", "importance", "possible", "necessary"}
#: verbs of hoping: what one hopes others do is no event (what one hopes to do is a plan)
HOPE_WORDS = {"hope", "wish"}
#: how a clause is the complement of what governs it
_COMPLEMENT_DEPS = {"xcomp", "pcomp", "prep", "acl", "advcl", "relcl", "dobj", "pobj", "acomp",
                    "ccomp"}


def aim_is_no_event(c: Candidate) -> bool:
    """What a party aims at, focuses on or looks forward to, and what a
    speaker calls important or possible ("an agency that aims to prevent
    blindness", "remains focused on preventing the proliferation", "I look
    forward to discussing", "highlights the importance of ending pretrial
    detention", "hoped that it would be possible to settle our dispute"), and
    what one hopes or wishes others do ("she hopes the United States and the
    United Kingdom can coordinate their efforts") is a goal, not an act that
    took place."""
    t = clause_verb(c.token)
    for _ in range(3):
        if t.dep_ not in _COMPLEMENT_DEPS or t.head.i == t.i:
            return True
        below, t = t, t.head
        if below.dep_ == "ccomp" and (t.lemma_.lower() in HOPE_WORDS
                                      or t.lower_.removesuffix("s") in HOPE_WORDS):
            return False  # (the model's lemma of "hopes" is at times "hop")
        if t.lemma_.lower() in GOAL_WORDS or any(
                a.dep_ == "acomp" and a.lemma_.lower() in GOAL_WORDS for a in t.children):
            return False  # ("it would be possible to settle")
    return True


def announced_action_reframed(c: Candidate) -> None:
    """PLOVER codes an announced, intended or hypothetical action as its
    intention: cooperation becomes AGREE, conflict THREATEN; a conflictual
    action announced as decided ("announced it would prohibit aid") stays."""
    if not (c.future and not c.hypothetical and c.event in CONFLICTUAL and announced(c.token)):
        c.event, c.mode = reframe(c.event, c.mode, future=c.future,
                                  hypothetical=c.hypothetical, intent=intent(c.token))


def conditional_promise_threatens(c: Candidate) -> None:
    """A concession promised on a condition ("will withdraw unless ...") is
    a threat."""
    if c.event in {"AGREE", "RETREAT", "CONCEDE"} and c.future and conditional(c.token):
        c.event, c.mode = "THREATEN", "relations"


def threat_aims_at_condition(c: Candidate) -> None:
    """A threat without a named target is against whoever its condition is
    put to ("threatened to quit the talks if the United States goes
    ahead")."""
    if c.event == "THREATEN" and not c.recipient:
        c.recipient = [e for v in conditions(c.token) if (s := subject_of(v)) is not None
                       for e in c.records(c.index.for_argument(s), c.actor_m)]


#: what a refusal stands up to: "despite pressure by X", "defied calls from X"
PRESSURE_NOUNS = {"pressure", "call", "demand", "appeal", "plea", "request", "urging", "ultimatum"}


def refusal_answers_pressure(c: Candidate) -> None:
    """A refusal that names no one is aimed at whoever presses for what is
    refused: "declined to resign despite pressure by the anti-corruption
    commission", "will not succumb to pressure from criminal groups",
    "defied calls by the Security Council"."""
    if c.event != "REJECT" or c.recipient or not c.actor:
        return
    for t in c.token.subtree:
        if t.lemma_.lower() not in PRESSURE_NOUNS or t.pos_ != "NOUN":
            continue
        for by in t.subtree:
            if by.dep_ in {"prep", "agent"} and by.lower_ in {"by", "from"} and by.i > t.i:
                for g in by.children:
                    if g.dep_ == "pobj":
                        found = c.records(c.index.for_argument(g), c.actor_m)
                        if found:
                            c.recipient = found
                            return


#: what a denial answers: "rejected the accusations", "denied the charges"
ACCUSATION_NOUNS = {"accusation", "allegation", "charge", "claim", "report", "warrant",
                    "criticism", "assertion", "suggestion", "accusations", "allegations"}
#: events a denial can answer
ANSWERED_TYPES = {"ACCUSE", "THREATEN", "SANCTION", "COERCE", "REQUEST"}


def denial_answers_accuser(c: Candidate) -> None:
    """A denial that names no one ("rejected the accusations", "denied the
    charges against him", "denied involvement") answers whoever last accused,
    threatened, demanded of or acted against the denier in the story: that
    party is its recipient."""
    own = {a.country for a in c.actor}
    if c.event != "REJECT" or not c.actor or not _denial(c.token) \
            or (c.recipient and not all(r.country in own for r in c.recipient)):
        return  # (one's own side named is no one answered: "rejected the accusations")
    names = {(a.name, a.country) for a in c.actor}
    for e in reversed(c.facts.earlier):
        if e.event not in ANSWERED_TYPES or any((a.name, a.country) in names for a in e.actor):
            continue
        if any((r.name, r.country) in names for r in e.recipient) or \
                any(r.country in own for r in e.recipient):
            c.recipient = [dataclasses.replace(a) for a in e.actor]
            return


def _denial(token: Token) -> bool:
    """"denied ...", or rejecting an accusation ("dismissed the allegations")."""
    if token.lemma_.lower() == "deny":
        return True
    return any(o.dep_ in {"dobj", "obj"} and o.lemma_.lower() in ACCUSATION_NOUNS
               for o in token.children)


#: what a claim is made of: "claimed responsibility for", "took credit for"
CLAIM_NOUNS = {"responsibility", "credit"}


def claim_names_the_attacker(c: Candidate) -> bool:
    """A claim of responsibility for an attack the story told before
    ("al-Shabab claimed responsibility for the attack", "took credit for the
    bombing") is no second attack: the claimant becomes the actor of the
    story's latest attack by attackers not otherwise known (gunmen, militants),
    and the claim itself is not an event. An attack first told in its claim,
    or after an operation of state forces, is the claimant's own event."""
    if c.event != "ASSAULT" or not c.actor or not _claimed(c.token):
        return True
    attack = next((e for e in reversed(c.facts.earlier) if e.event == "ASSAULT"), None)
    if attack is None or any(a.sector not in UNNAMED_ATTACKER_SECTORS for a in attack.actor):
        return True
    if any(a.country for a in c.actor):
        attack.actor = [dataclasses.replace(a) for a in c.actor]
    if c.sent_index not in attack.mentions:
        attack.mentions.append(c.sent_index)  # the claim reports the same attack
    day = date_for_clause(c.doc, c.token)  # "claimed responsibility for Tuesday's attack"
    published = _published(c.doc)
    if day is not None and day.date and attack.date in {None, published}:
        attack.date = day.date
    return False


#: sectors of attackers a claim can name: unidentified, armed groups, or none known
UNNAMED_ATTACKER_SECTORS = {"UAF", "REB", None}


def _claimed(token: Token) -> bool:
    """The object of "responsibility for" / "credit for" (a noun, or the verb
    of "took credit for attacking")."""
    head = token.head
    return token.dep_ in {"pobj", "pcomp"} and head.lower_ == "for" \
        and head.head.lemma_.lower() in CLAIM_NOUNS


def find_attribution(c: Candidate) -> None:
    """Who reports the event ("..., the ministry said")."""
    attrib = attribution(c.token, c.index)
    c.attrib = entity_record(c.doc, attrib[0]) if attrib else None


def speaker_of_we_acts(c: Candidate) -> None:
    """In quoted first-person speech ("'We urge Afghanistan to act,' the
    ministry said") the speaker is the actor."""
    if not c.actor and c.attrib is not None and first_person_subject(c.token):
        c.actor, c.attrib = [c.attrib], None



def academic_opinion_is_no_event(c: Candidate) -> bool:
    """What an academic says others do or will do ("..., said Matthew
    Brummer, a professor at ...") is an opinion, not a report of an event."""
    return c.attrib is None or c.attrib.sector != "EDU"


#: modal verbs that make a clause a possibility, not a fact ("could attack")
SPECULATIVE_AUX = {"may", "might", "could"}


def speculation_is_no_event(c: Candidate) -> bool:
    """What a party may, might or could do, said by someone else ("the
    rebels could again attack villages", "he may defy the U.S. further",
    "Seoul may have to ask Washington") is a prediction, not an event; the
    party saying it of itself ("Beijing hinted it could retaliate", "we
    might walk out") makes a threat or a promise, which stays."""
    verbs = [clause_verb(c.token)]
    while verbs[-1].dep_ == "xcomp" and verbs[-1].head.i != verbs[-1].i:
        verbs.append(verbs[-1].head)  # "may have to consider"
    if not any(a.dep_ == "aux" and a.lower_ in SPECULATIVE_AUX
               for v in verbs for a in v.children):
        return True
    if first_person_subject(c.token):
        return True
    own = {a.name for a in c.actor}
    v = verbs[-1]
    while v.dep_ == "conj" and v.head.i != v.i:
        v = v.head
    if v.dep_ != "ccomp" or v.head.i == v.i:
        return False
    speaker = subject_of(v.head)
    said_by = c.records(c.index.for_argument(speaker)) if speaker is not None else []
    return any(e.name in own for e in said_by)


#: speakers whose judgement is an opinion, not a party's act
ANALYST_NOUNS = {"analyst", "expert", "observer", "commentator", "economist", "scholar",
                 "researcher", "academic", "pundit", "strategist"}


def analyst_opinion_is_no_event(c: Candidate) -> bool:
    """What analysts, experts or observers say happens or will happen
    ("Tehran would welcome the closure, analysts say", "experts say renewables
    will be crucial", "according to analysts") is their opinion, not a report
    of an event; experts of a named body ("U.N. sanctions experts") speak for
    it and are not meant."""
    if c.token.pos_ == "NOUN" and c.token.dep_ in {"nsubj", "nsubjpass"}:
        return True  # "analysts said Modi's visit came amid ...": the visit is known
    if not _in_sentence(c.token.sent, _lemma_positions(c.doc, ANALYST_NOUNS | RESEARCH_TITLES)):
        return True  # (the speakers are words of the sentence: none is an analyst)
    for speaker in _speakers(c.token):
        if speaker.lemma_.lower() in ANALYST_NOUNS and not any(
                d.ent_type_ in {"ORG", "GPE", "NORP"} for d in speaker.subtree if d is not speaker):
            return False
        if any(_research_title(a) for a in speaker.children if a.dep_ == "appos"):
            return False  # "said Diego Da Rin, a Haiti analyst at the International Crisis Group"
    return True


#: titles of those who study events for a research body ("a senior fellow at
#: the Carnegie Center", "research director at Ebuteli")
RESEARCH_TITLES = {"fellow", "professor", "lecturer", "director"}


def _research_title(title: Token) -> bool:
    """An appositive title of an analyst: an analyst, expert or researcher of
    any body, a fellow or professor, a director of research."""
    word = title.lemma_.lower()
    if word in ANALYST_NOUNS or word in {"fellow", "professor", "lecturer"}:
        return True
    return word == "director" and any(m.lower_ == "research" for m in title.children
                                      if m.dep_ in {"compound", "amod", "nmod"})


def _speakers(token: Token) -> list[Token]:
    """The heads of the subjects of the speech verbs a clause is reported by,
    and of "according to" phrases."""
    out = []
    t = token
    for _ in range(8):
        if t.head.i == t.i:
            break
        dep, t = t.dep_, t.head
        if dep in {"ccomp", "parataxis", "conj"} and t.lemma_.lower() in SPEECH_LEMMAS:
            s = subject_of(t)
            if s is not None:
                out.append(s)
    sent = token.sent
    root = sent.root
    if root.lemma_.lower() in SPEECH_LEMMAS and root.i != token.i:
        s = subject_of(root)
        if s is not None:
            out.append(s)
    for a in _in_sentence(sent, _positions(token.doc, LOWER, token.vocab.strings["according"])):
        out += [g for g in a.subtree if g.dep_ == "pobj"]
    return out


def _positions(doc: Doc, attr: int, value: int) -> list[int]:
    """The indices of the doc's tokens whose ``attr`` is ``value``, found once
    per doc with an array compare (the rules ask for them sentence by sentence,
    event by event)."""
    key = f"tacitus.positions.{attr}.{value}"  # (plain data: the doc still serialises)
    found = doc.user_data.get(key)
    if found is None:
        found = [int(i) for i in numpy.flatnonzero(doc.to_array(attr) == value)] if len(doc) else []
        doc.user_data[key] = found
    return found


def _lemma_positions(doc: Doc, lemmas: frozenset[str] | set[str]) -> list[int]:
    """The indices of the doc's tokens whose lower-cased lemma is one of
    ``lemmas``, found once per doc."""
    key = "tacitus.lemmas." + ",".join(sorted(lemmas))
    found = doc.user_data.get(key)
    if found is None:
        table = doc.to_array(LEMMA) if len(doc) else numpy.zeros(0, dtype="uint64")
        strings = doc.vocab.strings
        wanted = [h for h in numpy.unique(table) if strings[int(h)].lower() in lemmas]
        found = [int(i) for i in numpy.flatnonzero(numpy.isin(table, wanted))] if wanted else []
        doc.user_data[key] = found
    return found


def trigger_chars(doc: Doc) -> dict[str, int]:
    """Event id -> character offset of its trigger, for the doc's events
    (kept with the doc, for the document rules)."""
    return doc.user_data.setdefault("tacitus.triggers", {})


def trigger_token(doc: Doc, event: Event) -> Token | None:
    """The token of an event's trigger (None for an event not coded from this doc)."""
    char = trigger_chars(doc).get(event.id)
    span = doc.char_span(char, char + 1, alignment_mode="expand") if char is not None else None
    return span[0] if span else None


def _in_sentence(sent: Span, positions: list[int]) -> list[Token]:
    """The tokens at ``positions`` (sorted) inside ``sent``, in order."""
    doc = sent.doc
    return [doc[i] for i in positions[bisect.bisect_left(positions, sent.start):
                                      bisect.bisect_left(positions, sent.end)]]


def actor_is_no_reporter(c: Candidate) -> None:
    """A party that is the actor is not also the one reporting."""
    if c.attrib and any(c.attrib.name == e.name for e in c.actor):
        c.attrib = None


def reported_obligation_demands(c: Candidate) -> None:
    """What a speaker says a party must do ("Libya must hand over the
    suspects, the minister said") is the speaker's demand of that party."""
    if c.attrib is not None and c.event != "REQUEST" and obligation(c.token):
        c.event, c.mode = demanded(c.event)
        c.actor, c.recipient, c.attrib = [c.attrib], c.actor, None


def recoded_cameo(c: Candidate) -> None:
    """An event recoded to another type takes that type's generic CAMEO code."""
    if c.event != c.entry.event:
        c.cameo = DEFAULT_CAMEO.get(c.event, c.cameo)


def party_described_is_no_event(c: Candidate) -> bool:
    """A participle that describes a party ("security forces backed by
    Djiboutian soldiers", "rebels armed by Iran") tells who that party is,
    not what happened; a participle describing a thing ("sanctions imposed
    by the EU", "a deal brokered by Qatar") still reports its event, and so
    does force done to a party by someone named ("the pupils kidnapped by
    armed bandits")."""
    t = c.token
    if t.pos_ != "VERB" or t.tag_ != "VBN" or t.dep_ != "acl":
        return True
    if c.event in FORCE_TYPES and any(ch.dep_ == "agent" for ch in t.children):
        return True  # "pupils kidnapped by armed bandits": what was done to them
    return not c.index.at(t.head)


#: verbs of speaking that name a meeting only with a partner
TALK_LEMMAS = {"talk", "speak"}


def talking_about_is_no_meeting(c: Candidate) -> bool:
    """Talking "about" something with no one talked to ("they're talking
    about a long-term lease", "the deal talks about continued work") is
    speech on a topic, not a consultation: a meeting has a partner ("with",
    "to"), as a call has, and parties who talk together ("Zelenskyy and Biden
    spoke by phone about ...") are each other's."""
    t = c.token
    if c.event != "CONSULT" or t.pos_ != "VERB" or t.lemma_.lower() not in TALK_LEMMAS:
        return True
    preps = {d.lower_ for d in t.children if d.dep_ == "prep"}
    called = c.mode == "phone" or len({a.country for a in c.actor}) > 1  # "X and Y spoke by phone about"
    return "about" not in preps or bool(preps & {"with", "to"}) or called


#: what a party put a question to is asked to do when it is asked to do no more than answer
ANSWER_LEMMAS = {"comment", "respond", "elaborate", "explain", "confirm", "say", "specify"}


def question_put_is_no_request(c: Candidate) -> bool:
    """"Asked if ...", "When asked what ...", "Asked to comment, X told
    reporters", "asked by a reporter whether ..., X said": a participle of
    asking with no subject of its own, hung on the clause of the one who
    answers, puts a question to that party; it is no request by them, and no
    request at all unless it asks for an act ("Asked by Washington to cut
    output, Riyadh refused" asks for one, and stays)."""
    t = c.token
    if c.event != "REQUEST" or t.pos_ != "VERB" or t.lemma_.lower() != "ask":
        return True
    if t.dep_ != "advcl" or any(d.dep_ in {"nsubj", "nsubjpass"} for d in t.children):
        return True
    acts = [d for d in t.children
            if d.dep_ == "xcomp" and d.lemma_.lower() not in ANSWER_LEMMAS]
    return bool(acts)


#: verbs of fighting that name an attack only with an opponent
FIGHT_LEMMAS = {"fight", "battle"}


def fighting_needs_an_opponent(c: Candidate) -> bool:
    """"Fight" with no one fought ("he is still fighting", "Ukrainians who
    are fighting for their freedom", "fought back") is a struggle, not an
    attack: an opponent is an object or an "against"/"with" phrase."""
    t = c.token
    if c.event != "ASSAULT" or t.pos_ != "VERB" or t.lemma_.lower() not in FIGHT_LEMMAS:
        return True
    return any(d.dep_ in {"dobj", "obj"} or (d.dep_ == "prep" and d.lower_ in {"against", "with"})
               for d in t.children) or bool(c.recipient)


#: the press a party speaks to, named by what it is ("a private news channel")
MEDIA_NOUNS = {"channel", "newspaper", "television", "radio", "broadcaster", "outlet", "network",
               "reporter", "journalist", "media", "press", "agency", "daily", "podcast", "website"}


def talking_to_press_is_no_meeting(c: Candidate) -> bool:
    """Speaking to reporters or giving an interview is a statement, not a
    consultation ("told reporters", "speaking to a private news channel")."""
    if c.event != "CONSULT":
        return True
    if c.recipient and all(r.sector == "JRN" for r in c.recipient):
        return False
    heard = [g for p in c.token.children if p.dep_ == "prep" and p.lower_ in {"to", "with"}
             for g in p.children if g.dep_ == "pobj"]
    return bool(c.recipient) or not heard or not all(g.lemma_.lower() in MEDIA_NOUNS for g in heard)


#: CAMEO codes of acts done to a party by their nature: granting diplomatic
#: recognition (054) is recognising a state, government or leader
PARTY_ACTS = {"054"}


def recognition_is_of_a_party(c: Candidate) -> bool:
    """Diplomatic recognition (CAMEO 054) is granted to a party: a state, a
    government, a leader. "Recognize" with no party as what is recognised
    ("we continue to recognize a difficult and complex situation", "an
    officer recognized her", "limits official recognition to heavenly
    religions") is knowing or admitting something, no event."""
    if c.entry.cameo not in PARTY_ACTS:
        return True
    t = c.token
    if t.pos_ == "VERB":
        held = [ch for ch in t.children if ch.dep_ in {"dobj", "obj", "nsubjpass"}]
    else:
        held = [g for ch in t.children if ch.dep_ == "prep" and ch.lower_ == "of"
                for g in ch.children if g.dep_ == "pobj"]
        held += [ch for ch in t.children if ch.dep_ == "poss"]
    return any(e.country for h in held for e in c.records(c.index.for_argument(h)))


def meeting_as_setting_is_no_event(c: Candidate) -> bool:
    """A meeting named as where another act takes place or a party is
    ("speaking at a Security Council meeting", "criticized by ...
    representatives at a U.N. Security Council meeting") is the occasion of
    that act, not a consultation of its own: the meeting is reported where
    the text tells of it, not in an "at" phrase."""
    t = c.token
    return not (c.event == "CONSULT" and t.pos_ in {"NOUN", "PROPN"} and t.dep_ == "pobj"
                and t.head.lower_ == "at")


def once_per_sentence(c: Candidate) -> bool:
    """One event per type and participants in a sentence."""
    key = (c.event, tuple(sorted((e.name, e.country) for e in c.actor)),
           tuple((e.name, e.country) for e in c.recipient))
    if key in c.seen:
        return False
    c.seen.add(key)
    c.participants = bool(c.actor or c.recipient)
    return True


CANDIDATE_RULES: list[Rule] = [
    Rule("arguments", arguments, core=True),
    Rule("heading_participle_is_passive", heading_participle_is_passive),
    Rule("charge_denied_by_its_party", charge_denied_by_its_party),
    Rule("undergoer_possessor_is_recipient", undergoer_possessor_is_recipient),
    Rule("held_party_undergoes", held_party_undergoes),
    Rule("event_said_twice", event_said_twice),
    Rule("received_criticism", received_criticism),
    Rule("mobilized_force_is_own", mobilized_force_is_own),
    Rule("result_names_the_target", result_names_the_target),
    Rule("party_named_is_no_event", party_named_is_no_event),
    Rule("agreement_referred_to_is_no_event", agreement_referred_to_is_no_event),
    Rule("own_side_is_no_target", own_side_is_no_target),
    Rule("own_holdings_are_no_target", own_holdings_are_no_target),
    Rule("offer_aims_at_what_it_offers", offer_aims_at_what_it_offers),
    Rule("goods_origin_is_target", goods_origin_is_target),
    Rule("aid_goes_to_whom_it_is_given", aid_goes_to_whom_it_is_given),
    Rule("announced_aid_is_a_pledge", announced_aid_is_a_pledge),
    Rule("entity_records", entity_records, core=True),
    Rule("state_protest_is_a_complaint", state_protest_is_a_complaint),
    Rule("forces_freeing_captives_rescue", forces_freeing_captives_rescue),
    Rule("mediation_is_for_the_parties_between", mediation_is_for_the_parties_between),
    Rule("missiles_into_the_sea_are_a_show", missiles_into_the_sea_are_a_show),
    Rule("own_state_is_no_addressee", own_state_is_no_addressee),
    Rule("seized_people_are_abducted", seized_people_are_abducted),
    Rule("taking_ground_by_force_assaults", taking_ground_by_force_assaults),
    Rule("armed_arrival_deploys", armed_arrival_deploys),
    Rule("mode_from_governed_trigger", mode_from_governed_trigger),
    Rule("refused_cooperation_rejects", refused_cooperation_rejects),
    Rule("warning_of_danger_is_concern", warning_of_danger_is_concern),
    Rule("negated_is_no_event", negated_is_no_event, core=True),
    Rule("condition_is_no_event", condition_is_no_event),
    Rule("habit_is_no_event", habit_is_no_event),
    Rule("present_attack_is_a_pattern", present_attack_is_a_pattern),
    Rule("earlier_year_is_background", earlier_year_is_background),
    Rule("told_as_history_is_background", told_as_history_is_background),
    Rule("aim_is_no_event", aim_is_no_event),
    Rule("announced_action_reframed", announced_action_reframed),
    Rule("conditional_promise_threatens", conditional_promise_threatens),
    Rule("threat_aims_at_condition", threat_aims_at_condition),
    Rule("refusal_answers_pressure", refusal_answers_pressure),
    Rule("denial_answers_accuser", denial_answers_accuser),
    Rule("party_inside_the_content", party_inside_the_content),
    Rule("claim_names_the_attacker", claim_names_the_attacker),
    Rule("find_attribution", find_attribution, core=True),
    Rule("speaker_of_we_acts", speaker_of_we_acts),
    Rule("academic_opinion_is_no_event", academic_opinion_is_no_event),
    Rule("speculation_is_no_event", speculation_is_no_event),
    Rule("analyst_opinion_is_no_event", analyst_opinion_is_no_event),
    Rule("actor_is_no_reporter", actor_is_no_reporter, core=True),
    Rule("reported_obligation_demands", reported_obligation_demands),
    Rule("recoded_cameo", recoded_cameo, core=True),
    Rule("talking_to_press_is_no_meeting", talking_to_press_is_no_meeting),
    Rule("meeting_as_setting_is_no_event", meeting_as_setting_is_no_event),
    Rule("recognition_is_of_a_party", recognition_is_of_a_party),
    Rule("party_described_is_no_event", party_described_is_no_event),
    Rule("talking_about_is_no_meeting", talking_about_is_no_meeting),
    Rule("question_put_is_no_request", question_put_is_no_request),
    Rule("fighting_needs_an_opponent", fighting_needs_an_opponent),
    Rule("once_per_sentence", once_per_sentence, core=True),
]


# -- place and implicit participants ---------------------------------------------

def event_place(c: Candidate) -> None:
    """Where it happened: a place of the event's own clause, a city before a
    country, the nearest after the trigger first."""
    c.place = place_for_span(c.doc, c.sent, c.token.i, _places_of(c))


def _places_of(c: Candidate) -> list[PlaceMention]:
    """The places an event can be in (``own_clause_places``), less the one a
    statement is aimed at: "lashed out at the United States" names a target,
    not where the words were said."""
    places = own_clause_places(c.doc, c.token, c.facts.places)
    if c.event in SCENE_TYPES or not c.recipient:
        return places
    return [p for p in places if not _aimed_at(c, p)]


def _aimed_at(c: Candidate, p: PlaceMention) -> bool:
    """The place is the recipient, named as what the act is aimed at ("at the
    United States", "against Russia"), not where it happens ("in Montenegro")."""
    root = place_root(c.doc, p)
    return root is not None and (root.dep_ in {"dobj", "obj"} or (
        root.dep_ == "pobj" and root.head.lower_ in {"at", "against"})) \
        and any(p.start_char < r.end and r.start < p.end_char for r in c.recipient)


def visit_is_hosted_where_it_goes(c: Candidate) -> None:
    """A visit with no host named is hosted by the country it goes to
    ("Scholz arrived in Beijing for a three-day visit": China; PLOVER 2.4.2,
    the visitor is the actor and the host the recipient)."""
    if c.event != "CONSULT" or c.mode != "visit" or c.recipient or c.place is None \
            or not c.place.country or c.place.country in {e.country for e in c.actor}:
        return
    c.recipient = place_as_recipient(c.place)


#: prepositions that aim an act at what follows ("an attack on Kharkiv", "strikes against Aleppo")
_AIMING_PREPS = {"on", "against", "at", "upon"}


def struck_place_is_the_scene(c: Candidate) -> None:
    """An act of force, restraint, deployment, relief, withdrawal or protest
    aimed at a place ("shelled Kharkiv", "bombed the city of Aleppo", "an
    attack on Kharkiv", "seized the port of Hodeidah") happens there, when
    its clause sets it nowhere else; with no party named, the place's country
    is what it is aimed at (PLOVER: the target of an attack on a place is the
    state that holds it), and parties known only by a role ("killing three
    civilians") are of that country. The place is the act's object, or the object of
    "on", "against", "at" after it, or the name of "the city of ...": not a
    place named as a party ("Russia attacked Ukraine" names two parties: no
    place is taken for a country); "launched an attack on Kharkiv" aims the
    launch at Kharkiv."""
    if c.place is not None or c.event not in SCENE_TYPES:
        return
    token = c.token
    objects = [t for t in token.children if t.dep_ in {"dobj", "obj"}]
    objects += [g for h in (token, *objects) for p in h.children
                if p.dep_ == "prep" and p.lower_ in _AIMING_PREPS
                for g in p.children if g.dep_ == "pobj"]  # "launched an attack on Kharkiv"
    for o in objects:
        nodes = [o] + [g for p in o.children if p.dep_ == "prep" and p.lower_ == "of"
                       and o.lemma_.lower() in _PLACE_NOUNS for g in p.children if g.dep_ == "pobj"]
        nodes += [g for g in o.children if g.dep_ == "compound" and o.lemma_.lower() in _PLACE_NOUNS]
        # ("bombarded rebel-held Idlib province": the name before the place noun)
        for node in nodes:
            if node.ent_type_ == "PERSON":
                continue  # ("arrested Santiago": a person)
            named = _place_at(c.doc, node)  # ("strikes against Kyiv": a name the model did not tag)
            if named is not None and named.kind != "country":
                c.place = named
                # the place itself taken for a party the tables do not know ("seized the port
                # of Mariupol" with "Mariupol" read as an organisation) is its country
                hit = [e for e in c.recipient if not (e.country is None and e.start < named.end_char
                                                      and named.start_char < e.end)]
                if c.target_place is not None:  # ("said in Washington that Russia attacked Kyiv":
                    # the target read from another clause's place was no target)
                    hit = [e for e in hit if e.start != c.target_place.start_char]
                c.recipient = (located(hit, named.country, c.facts.assumed, c.facts.abroad) if hit
                               else place_as_recipient(named))  # those hit there are of there
                return


def place_in_own_clause(c: Candidate) -> None:
    """An event happens at a place named in its own clause, not at one named in
    another clause of the sentence: "condemned the brutality, as eight
    protesters were killed in Aungban" (the killings are in Aungban, not the
    condemnation); "tariffs to pressure them to block the flow of fentanyl into
    the United States" (no place); "met in Bangui and signed a deal" (a verb
    conjoined to another shares its place); a place inside what the act is
    about is not its place ("imposed sanctions on Russia over its war in
    Ukraine")."""
    places = clause_places(c.doc, c.token, _places_of(c))
    places = [p for p in places if not _in_topic(c.doc, p, c.token)]
    c.place = place_for_span(c.doc, c.sent, c.token.i, _named_before_qualifier(c.doc, places))


def _named_before_qualifier(doc: Doc, places: list[PlaceMention]) -> list[PlaceMention]:
    """``places`` without the ones that only qualify a place noun whose "of"
    names another of them: in "the southern Gaza city of Rafah" the place is
    Rafah, not Gaza."""
    roots = {id(p): place_root(doc, p) for p in places}
    named = {r.i for r in roots.values() if r is not None}
    out = []
    for p in places:
        root = roots[id(p)]
        noun = root.head if root is not None else None
        if root is not None and root.dep_ in {"compound", "amod", "nmod"} \
                and noun.lemma_.lower() in _PLACE_NOUNS \
                and any(g.i in named for o in noun.children if o.dep_ == "prep" and o.lower_ == "of"
                        for g in o.children if g.dep_ == "pobj"):
            continue
        out.append(p)
    return out


#: prepositions of what an act is about ("sanctions over its war in Ukraine", "talks about
#: the situation in Gaza"): a place inside what they name is not where the act happens
_TOPIC_PREPS = {"over", "about", "regarding", "concerning"}


def _in_topic(doc: Doc, place: PlaceMention, trigger: Token) -> bool:
    """Whether a place lies inside a phrase of topic of the trigger's clause,
    below the noun the phrase is about ("over its war in Ukraine"); a place
    the phrase names itself is the place fought over ("fighting over
    Bakhmut")."""
    root = place_root(doc, place)
    if root is None:
        return False
    node, below = root, None
    while node.head.i != node.i and node.i != trigger.i:
        if node.dep_ == "prep" and node.lower_ in _TOPIC_PREPS and below is not None \
                and below.i != root.i:
            return True
        below, node = node, node.head
    return False


def _place_at(doc: Doc, token: Token) -> PlaceMention | None:
    """The place named at ``token``: a place of the doc there, else the proper
    name ending there read as a place name, whatever the model tagged it."""
    named = next((p for p in doc._.places or [] if p.start_char <= token.idx < p.end_char), None)
    if named is None and token.pos_ == "PROPN":
        left = token.i
        while left > token.left_edge.i and doc[left - 1].pos_ == "PROPN":
            left -= 1
        named = place_named(doc[left:token.i + 1])
    return named


#: words of going somewhere: their destination is where the event takes place
VISIT_LEMMAS = {"visit", "travel", "trip", "tour", "fly", "arrive", "journey"}


def destination_is_the_place(c: Candidate) -> None:
    """A visit or journey with no setting of its own takes place at its
    destination: the object of "visit" ("visited Taiwan in August"), the "to"
    phrase of "travel", "trip", "arrive" ("is due to travel to Mauritius on
    Tuesday", "his trip to Beijing")."""
    if c.place is not None:
        return
    trips = [w for w in (c.token, *(x for x in c.token.children if x.dep_ == "xcomp"))
             if w.lemma_.lower() in VISIT_LEMMAS]
    for trip in trips:
        targets = [t for t in trip.children if t.dep_ == "dobj" and trip.lemma_.lower() == "visit"]
        targets += [g for t in trip.children if t.dep_ == "prep" and t.lower_ in {"to", "in"}
                    for g in t.children if g.dep_ == "pobj"]
        for t in targets:
            named = _place_at(c.doc, t)
            if named is not None:
                c.place = named
                return


#: adverbs that place what a clause tells before the time of the report
EARLIER_ADVERBS = {"earlier", "previously", "formerly"}


def earlier_told_is_undated(c: Candidate) -> None:
    """An event the text places before the time of its report without giving
    a day has no date, not the publication date: a past perfect ("the police
    had arrested him") or an adverb of earlier time ("a court earlier alleged",
    "had previously warned"), when the clause names no day of its own."""
    verb = governing_verb(c.token)
    chain = [verb]
    while chain[-1].dep_ == "xcomp" and chain[-1].head.i != chain[-1].i:
        chain.append(governing_verb(chain[-1].head))  # "had tried to attack"
    told_earlier = any(
        (a.dep_ in {"aux", "auxpass"} and a.lower_ == "had" and v.tag_ == "VBN")
        or (a.dep_ == "advmod" and a.lower_ in EARLIER_ADVERBS and not a.ent_type_)
        for v in chain for a in v.children)
    if not told_earlier or date_for_clause(c.doc, c.token) is not None:
        return
    if _own_report(verb):  # the day of the report, when it has one ("said Thursday it had seized")
        said = date_for_clause(c.doc, verb.head)
        if said is not None:
            c.day = said.date
        return
    c.undated = True


def _own_report(verb: Token) -> bool:
    """A party reporting its own act in the past perfect of reported speech
    ("the Israeli military said it had targeted a Hezbollah commander", "the
    General Staff said its drones had struck a refinery"): the news of the
    day, told in the tense the report shifts it to, not an earlier act."""
    if verb.dep_ != "ccomp" or verb.head.lemma_.lower() not in SPEECH_LEMMAS or verb.head.tag_ != "VBD":
        return False
    subject = subject_of(verb)
    return subject is not None and (
        subject.lower_ in {"it", "they", "we"}
        or any(g.dep_ == "poss" and g.lower_ in {"its", "their", "our"} for g in subject.children))


def _present_perfect(verb: Token, tags: set[str]) -> bool:
    """Whether ``verb`` (tagged one of ``tags``) is in the present perfect:
    "have arrested", "has been attacking"."""
    return verb.tag_ in tags and any(a.dep_ in {"aux", "auxpass"} and a.lower_ in {"has", "have", "'ve", "'s"}
                                     for a in verb.children)


def stretch_of_time_is_undated(c: Candidate) -> None:
    """An event told in the present perfect as going on over a stretch of time
    up to the report ("have arrested 2,400 people since February 1", "have
    intensified their attacks since the withdrawal started") happened on many
    days, none of them the publication day: no date."""
    verb = governing_verb(c.token)
    if not _present_perfect(verb, {"VBN"}):  # (most verbs: the "since" is not looked for)
        return
    since = any(ch.lower_ == "since" and ch.dep_ in {"prep", "mark"} for ch in verb.children) or \
        any(ch.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "since" for m in ch.children)
            for ch in verb.children)
    if since and date_for_clause(c.doc, c.token) is None:
        c.undated = True


#: types of acts done to people, places or goods, as against things said
MATERIAL_TYPES = {"ASSAULT", "COERCE", "MOBILIZE", "SANCTION", "AID", "RETREAT", "COOPERATE"}


def perfect_act_is_undated(c: Candidate) -> None:
    """An act (not a statement) told in the present perfect in the body of a
    story, past its first two sentences, with no day of its own ("Taliban
    officials do not respond because they have imposed a ban on the outlet",
    "security forces have also occupied at least 36 hospitals") is the
    background of the news, done on a day the text does not give: no date,
    not the publication date. The title and the lead tell the news itself
    ("Kenyan police have arrested 300 supporters": the day's news), and so
    does a source telling it in the present ("the minister says the
    government has ordered its military to seal the border"); statements in
    the perfect ("have condemned the arrest") are the day's reactions."""
    if c.event not in MATERIAL_TYPES or c.sent_index < 2 or quoted(c.doc, c.token.idx):
        return
    verb = governing_verb(c.token)
    if not _present_perfect(verb, {"VBN", "VBG"}) or date_for_clause(c.doc, c.token) is not None:
        return
    reporter = verb.head if verb.dep_ == "ccomp" else None
    if reporter is not None and reporter.lemma_.lower() in SPEECH_LEMMAS \
            and reporter.tag_ in {"VBZ", "VBP"}:
        return  # "officials say the army has retaken the town": the news itself
    c.undated = True


#: nouns of being held: one held in them "since" a day was taken that day
HOLDING_NOUNS = {"detention", "custody", "prison", "jail", "imprisonment"}
#: verbs of holding someone
HOLDING_VERBS = {"detain", "hold", "jail", "imprison", "keep"}


def held_since_the_day_taken(c: Candidate) -> None:
    """One held "since" a day ("had been in pretrial detention since September
    30", "has been in custody since Feb. 24", "has been detained since March
    1") was arrested that day: the arrest is dated with it, not left undated
    as a stretch of time."""
    if c.event != "COERCE" or c.mode != "arrest":
        return
    t = c.token
    if t.pos_ == "NOUN" and t.lemma_.lower() in HOLDING_NOUNS and t.dep_ == "pobj" \
            and t.head.lower_ in HELD_PREPS and t.head.head.lemma_.lower() in HELD_VERBS:
        verb = t.head.head
    elif t.pos_ == "VERB" and t.lemma_.lower() in HOLDING_VERBS:
        verb = t
    else:
        return
    day = since_day(c.doc, verb)
    if day is not None:
        c.day, c.undated = day, False


def framed_past_is_undated(c: Candidate) -> None:
    """A sentence that opens with a period of the past ("Last week, parliament
    passed the budget.", "Earlier this month, Iberdrola announced ...") sets
    the time of the narrative that follows it: an act told in the simple past
    in the next sentences, with no day or period of its own and outside a
    quotation ("Opposition parties rejected the budget"), lies in that period
    and has no date, not the publication date. A sentence that names a day,
    or a heading, ends the frame; a period that lies ahead, a stretch up to
    now ("in recent years") or a length of time ("after weeks of talks")
    opens none (``dates.opening_period``)."""
    if c.sent_index not in c.facts.frames:
        return
    verb = governing_verb(c.token)
    chain = [verb]  # "have condemned ... and urged": the conjoined verb shares the aux
    while chain[-1].dep_ == "conj" and chain[-1].head.pos_ in {"VERB", "AUX"}:
        chain.append(chain[-1].head)
    if verb.tag_ != "VBD" or any(a.dep_ in {"aux", "auxpass"} for v in chain for a in v.children):
        return
    if quoted(c.doc, c.token.idx) or date_for_clause(c.doc, c.token) is not None:
        return
    c.undated = True


def clause_bound_in_time_takes_its_day(c: Candidate) -> None:
    """An event whose clause names no day but is bound in time to a clause
    that does takes that day (``dates.bound_day``): "His comments come two
    days after Erdogan denounced Israel" (two days before the comments),
    "Dodik rejected the arrest warrant, telling journalists on Wednesday"
    (Wednesday), "violence that began March 6 in the coastal region, where
    security forces clashed" (March 6)."""
    bound = bound_day(c.doc, c.token)
    if bound is None:
        return
    if bound.day is None:
        c.undated = True
    else:
        c.day = bound.day


def stance_said_on_a_day_takes_it(c: Candidate) -> None:
    """A stance reported as said on a day ("Thailand's foreign minister said
    on Monday his country was ready to send more aid") is taken that day:
    a statement, a readiness or a demand is made when it is said. Acts
    reported (attacks, arrests) keep their own clause's day, and a stance
    told in a past tense of its own ("said on Monday it had rejected") is
    left to the rules of earlier acts."""
    if c.event in MATERIAL_TYPES or c.undated or c.day is not None \
            or date_for_clause(c.doc, c.token) is not None or period_for_clause(c.doc, c.token) is not None:
        return
    clause = governing_verb(c.token)
    while clause.dep_ in {"xcomp", "acomp"} and clause.head.i != clause.i:
        clause = clause.head  # "was ready to send", "wants to meet"
    if clause.dep_ != "ccomp" or clause.head.lemma_.lower() not in SPEECH_LEMMAS \
            or any(a.dep_ == "aux" and a.lower_ in {"had", "has", "have"} for a in clause.children) \
            or (clause.tag_ == "VBD" and clause.lemma_ != "be"):
        return
    said = date_for_clause(c.doc, clause.head)
    if said is not None and said.date:
        c.day = said.date


#: words that open a clause telling what happened at the time of the main one
_AT_THE_TIME = {"when", "as", "while"}


def _incident_clause(c: Candidate) -> Token | None:
    """The clause of time under the event's own clause that tells the same
    incident: it holds a trigger of the event's type governed by the event's
    ("were killed when a suicide bomber attacked a market"), not another act
    ("condemned the brutality, as eight protesters were killed")."""
    verb = governing_verb(c.token)
    for sub in verb.children:
        if sub.dep_ != "advcl" or not any(g.dep_ in {"mark", "advmod"} and g.lower_ in _AT_THE_TIME
                                          for g in sub.children):
            continue
        inside = {t.i for t in sub.subtree}
        if any(m.governor is c.match and m.token.i in inside and m.entry.event == c.event
               for m in c.found):
            return sub
    return None


def incident_told_in_its_time_clause(c: Candidate) -> None:
    """An event told with a clause of time that tells the same incident ("At
    least 12 people were killed when a suicide bomber attacked a market in
    Mogadishu on Saturday") happens on the day and at the place that clause
    names, when its own clause names none (Saturday, Mogadishu)."""
    if c.place is not None and (c.day is not None or date_for_clause(c.doc, c.token) is not None):
        return
    sub = _incident_clause(c)
    if sub is None:
        return
    if c.day is None and not c.undated and date_for_clause(c.doc, c.token) is None:
        mention = date_for_clause(c.doc, sub)
        if mention is not None:
            c.day = mention.date
    if c.place is None:
        c.place = place_for_span(c.doc, c.sent, sub.i, clause_places(c.doc, sub, c.facts.places))


def domestic_actors_act_there(c: Candidate) -> None:
    """Parties known only by a role ("rebels", "police", "troops") belong to
    the country where the event happens, not to the one the article is
    mostly about. Talks are the exception: negotiators meet abroad ("resumed
    peace talks in the Cuban capital, Havana")."""
    if c.place is None or not c.place.country or c.event == "CONSULT":
        return
    if c.event != "AGREE":  # (nor are those who agree there, "agreed in Doha to a truce")
        c.actor = located(c.actor, c.place.country, frozenset(), c.facts.abroad)
    c.recipient = located(c.recipient, c.place.country, c.facts.assumed, c.facts.abroad)


def held_person_of_the_holders_country(c: Candidate) -> None:
    """A person arrested, detained or attacked whom the text gives no country
    ("security agents detained Moussa Abdou"; "the leader of a pro-European
    party was detained") is of the country where it happens, else of the
    one acting: a state arrests its own people unless the text says
    otherwise."""
    if c.event not in FORCE_TYPES or not c.recipient:
        return
    acting = _known(c.actor)
    country = c.place.country if c.place is not None and c.place.country else \
        next(iter(acting)) if len(acting) == 1 else None
    if country is None or country in {"IGO", "NGO", "IMG"}:
        return
    people = {m.start_char for m in c.recipient_m if m.kind == "person"}
    c.recipient = [dataclasses.replace(r, country=country) if r.country is None and r.start in people
                   else r for r in c.recipient]


def place_is_target(c: Candidate) -> None:
    """An attack or a protest on a place with no party named is aimed at the
    place's country ("shelled Kharkiv", "tariffs on Mexico")."""
    if not c.recipient and c.event in PLACE_TARGETED:
        c.target_place = c.place or place_for_span(
            c.doc, c.sent, c.token.i, own_clause_places(c.doc, c.token, c.facts.targets))
        c.recipient = place_as_recipient(c.target_place)


def place_in_object_is_target(c: Candidate) -> None:
    """A place in the object phrase of an action with no party named
    ("evacuate the settlements in Gaza") gives the recipient country; a place
    where the verb itself is done is its venue ("signed a ceasefire in
    Pretoria")."""
    if not c.recipient and c.event not in PLACE_TARGETED | {"CONSULT"}:
        place = place_in_phrase(c.doc, c.token, c.facts.targets)
        if place is not None and _venue_of(c.doc, place, c.token):
            return  # "signed a ceasefire in Pretoria": where it was signed, not with whom
        c.recipient = place_as_recipient(place)


def _venue_of(doc: Doc, place: PlaceMention, token: Token) -> bool:
    """Whether a place is named in a phrase of place ("in", "at") of the
    event's own verb: where it is done, not what it is done to."""
    root = place_root(doc, place)
    if root is None or root.dep_ != "pobj" or root.head.lower_ not in {"in", "at"}:
        return False
    done_to = root.head.head
    return done_to.i == token.i or (  # or a document signed, "a ceasefire in Pretoria"
        done_to.dep_ in {"dobj", "obj"} and done_to.head.i == token.i
        and done_to.lemma_.lower() in SIGNED_DOCUMENTS)


#: what is signed, whose place is where it was signed ("signed a ceasefire in Pretoria")
SIGNED_DOCUMENTS = {"ceasefire", "truce", "deal", "agreement", "accord", "treaty", "pact",
                    "armistice", "memorandum", "declaration", "communique", "protocol"}


def meeting_sides(c: Candidate) -> None:
    """A meeting of parties of different countries has no recipient when no
    side hosts the other ("X met with Y", "X spoke with Y by phone", "X and Y
    held talks in Geneva"): every participant is its actor (PLOVER 2.4.2,
    3.2.2); when it takes place in the country of one side only, that side
    hosts and is the recipient, the other side visits and is the actor
    ("Y met with X in Y's capital"). A call by phone or video has no venue,
    so no host ("Erdogan spoke by phone with Putin")."""
    if c.event != "CONSULT" or c.mode in {"visit", "third-party"}:
        return  # (a mediator acts on the parties it brings together)
    sides = [*c.actor, *c.recipient]
    countries = {e.country for e in sides if e.country}
    if len(countries) < 2:
        return
    if c.mode == "phone" or _by_phone(c.token):
        c.actor, c.recipient, c.mode = sides, [], "phone"  # a call has no venue, so no host
        return
    host = c.place.country if c.place is not None else None
    if host in countries:
        c.actor = [e for e in sides if e.country != host]
        c.recipient = [e for e in sides if e.country == host]
    else:
        c.actor, c.recipient = sides, []


#: what a call is made by: "spoke by phone", "talked by video link"
_CALL_MEANS = {"phone", "telephone", "video", "videoconference", "videolink", "link"}


def _by_phone(token: Token) -> bool:
    """Told as made by phone or video ("spoke by phone with Putin")."""
    return any(p.dep_ in {"prep", "agent"} and p.lower_ in {"by", "over", "via"}
               and any(g.lemma_.lower() in _CALL_MEANS for g in p.children) for p in token.children)


#: parties outside the state: the opposition, parties, civil society, the press, unions
NON_STATE_SECTORS = {"OPP", "PTY", "CVL", "JRN", "LAB"}
#: what such a party does to its government when it names no one
VOICED_TYPES = {"REQUEST", "ACCUSE", "REJECT", "PROTEST"}


def voice_addresses_own_government(c: Candidate) -> None:
    """A demand, accusation, rejection or protest by a party of one country
    outside its state (the opposition, activists, journalists, a union) that
    names no one ("opposition parties rejected the budget", "activists are
    calling for accountable leadership") is addressed to that country's
    government."""
    if c.event not in VOICED_TYPES or c.recipient or len(c.actor) != 1:
        return
    a = c.actor[0]
    if a.sector not in NON_STATE_SECTORS or not a.country or len(a.country) != 3 \
            or a.country in {"IGO", "NGO", "IMG"}:
        return
    c.recipient = _government_of(a.country, c.token)


def _government_of(country: str, token: Token) -> list[Entity]:
    """The government of ``country`` as a party, named at ``token``."""
    return [Entity(text=token.text, name=countries().name(country) or country,
                   country=country, sector="GOV", role=None,
                   start=token.idx, end=token.idx + len(token))]


#: what only a state does to a person: arrests, tries, imprisons, deports
STATE_ACT_NOUNS = {"arrest", "detention", "custody", "imprisonment", "jailing", "deportation", "extradition",
                   "trial", "prosecution", "conviction", "sentencing", "indictment"}


def _done_by_state(c: Candidate) -> None:
    """Make the government of the event's country, else of the country of the
    one the act is done to, the actor of an act nobody is named as doing."""
    country = c.place.country if c.place is not None and c.place.country else \
        next((r.country for r in c.recipient if r.country and r.country not in {"IGO", "NGO", "IMG"}),
             None)
    if country:
        c.actor = _government_of(country, c.token)


def state_acts_unnamed(c: Candidate) -> None:
    """An arrest, trial, detention or deportation told with no one named as
    doing it ("Mhlanga's arrest drew condemnation", "remains in detention")
    is done by the state where it happens: the government of the event's
    country, else of the country of the one it is done to."""
    if c.actor or not c.recipient or c.token.lemma_.lower() not in STATE_ACT_NOUNS \
            or c.token.pos_ != "NOUN":
        return
    _done_by_state(c)


def passive_help_by_state(c: Candidate) -> None:
    """Help given to people told in the passive with no agent ("339
    passengers were rescued", "dozens of migrants were rescued off Libya")
    comes from the state where it happens, whose forces rescue and evacuate:
    the government of the event's country, else of the country of the ones
    helped (the passive's subject). Arrests and expulsions in the passive are
    left alone: a sentence that tells them often reports another event (the
    charge) as its main one."""
    t = c.token
    if c.actor or not c.recipient or c.event != "AID" or t.pos_ != "VERB":
        return
    deps = {ch.dep_ for ch in t.children}
    if not deps & {"auxpass", "nsubjpass"} or "agent" in deps:
        return
    _done_by_state(c)


def fighting_between_sides(c: Candidate) -> None:
    """Fighting "between" two sides with no attacker named is by both
    ("clashes between police and protesters", "fighting between the army and
    the Rapid Support Forces has killed thousands"): they are its actors, as
    the parties of a meeting are, not unidentified attackers."""
    if c.actor or c.event != "ASSAULT":
        return
    holders = [c.token, c.token.head]
    holders += [s for s in c.token.children if s.dep_ in {"nsubj", "nsubjpass"}]
    for h in holders:
        for p in h.children:
            if p.dep_ != "prep" or p.lower_ != "between":
                continue
            sides = [m for g in p.children if g.dep_ == "pobj" for m in c.index.for_argument(g)]
            records = c.records(sides)
            if c.place is not None and c.place.country:  # "police and protesters" of the place
                records = located(records, c.place.country, c.facts.assumed, c.facts.abroad)
            if len({(e.name, e.country) for e in records}) >= 2 and any(e.country for e in records):
                c.actor = records
                _drop_place_as_party(c)  # the sides are named now
                return


#: subjects that count people without naming them ("Thousands rallied", "crowds marched")
_CROWD_WORDS = {"thousands", "hundreds", "dozens", "tens", "millions", "crowd", "crowds", "many"}


def crowd_protests(c: Candidate) -> None:
    """A protest by a number of people with no one named ("Thousands
    rallied in Tel Aviv demanding the release of the hostages", "Crowds
    marched in Belgrade") is by protesters (PLOVER sector CVL) of the
    country it happens in."""
    if c.actor or c.event != "PROTEST" or c.place is None or not c.place.country:
        return
    subject = subject_of(c.token) if c.token.pos_ == "VERB" else None
    if subject is None or subject.lower_ not in _CROWD_WORDS \
            or any(ch.dep_ == "prep" and ch.lower_ == "of" for ch in subject.children):
        return
    c.actor = [Entity(text=subject.text, name="protesters", country=c.place.country, sector="CVL",
                      role=None, start=subject.idx, end=subject.idx + len(subject))]
    _drop_place_as_party(c)


def _drop_place_as_party(c: Candidate) -> None:
    """Drop the recipient that only stood for the event's place (``place_is_target``),
    now that the parties are known."""
    if c.place is not None:
        c.recipient = [e for e in c.recipient if e.start != c.place.start_char]


#: the buildings of a state abroad (its missions, its military bases), at which a
#: protest is aimed at that state
_MISSION_NOUNS = {"embassy", "consulate", "mission", "legation", "base"}


def protest_at_a_mission_targets_its_state(c: Candidate) -> None:
    """A protest held at a country's embassy, consulate or military base is
    aimed at that country ("massed in front of Israel's consulate in
    Istanbul", "protested outside the U.S. embassy", "rallied outside the
    French military base in Niamey"), not at the country it stands in."""
    if c.event != "PROTEST":
        return
    verb = governing_verb(c.token)
    for noun in verb.subtree:
        if noun.lemma_.lower() not in _MISSION_NOUNS or noun.dep_ != "pobj":
            continue
        found = [m for w in noun.children if w.dep_ in {"poss", "amod", "compound", "nmod"}
                 for m in c.index.at(w) or c.index.modifier_country(w)]
        records = [e for e in c.records(found) if e.country]
        if records:
            c.recipient = records
            return


#: nouns of an attack someone carries out ("a roadside bombing"), as against
#: nouns of fighting or of what is feared ("fighting intensified", "fear of reprisals")
ACTS_OF_ATTACKERS = {"attack", "bombing", "blast", "explosion", "strike", "airstrike", "shelling",
                     "ambush", "raid", "massacre", "assassination", "kidnapping", "abduction",
                     "shooting", "killing", "bomb"}


def unnamed_attackers(c: Candidate) -> None:
    """An attack "by gunmen" with no named attacker is by unidentified
    attackers of the place's country; a noun of fighting or of what is
    feared ("fighting intensified around El Fasher", "for fear of
    reprisals") names no attack of its own."""
    if not c.actor and c.event == "ASSAULT" and by_someone(c.token) \
            and (c.token.pos_ != "NOUN" or c.token.lemma_.lower() in ACTS_OF_ATTACKERS):
        c.actor = unidentified_attackers(c.place, c.token)


PLACE_RULES: list[Rule] = [
    Rule("event_place", event_place, core=True),
    Rule("earlier_told_is_undated", earlier_told_is_undated),
    Rule("stretch_of_time_is_undated", stretch_of_time_is_undated),
    Rule("perfect_act_is_undated", perfect_act_is_undated),
    Rule("framed_past_is_undated", framed_past_is_undated),
    Rule("held_since_the_day_taken", held_since_the_day_taken),
    Rule("clause_bound_in_time_takes_its_day", clause_bound_in_time_takes_its_day),
    Rule("stance_said_on_a_day_takes_it", stance_said_on_a_day_takes_it),
    Rule("domestic_actors_act_there", domestic_actors_act_there),
    Rule("held_person_of_the_holders_country", held_person_of_the_holders_country),
    Rule("place_is_target", place_is_target),
    Rule("place_in_object_is_target", place_in_object_is_target),
    Rule("meeting_sides", meeting_sides),
    Rule("fighting_between_sides", fighting_between_sides),
    Rule("crowd_protests", crowd_protests),
    Rule("protest_at_a_mission_targets_its_state", protest_at_a_mission_targets_its_state),
    Rule("unnamed_attackers", unnamed_attackers),
    Rule("state_acts_unnamed", state_acts_unnamed),
    Rule("passive_help_by_state", passive_help_by_state),
    Rule("voice_addresses_own_government", voice_addresses_own_government),
    Rule("place_in_own_clause", place_in_own_clause),
    Rule("destination_is_the_place", destination_is_the_place),
    Rule("struck_place_is_the_scene", struck_place_is_the_scene),
    Rule("visit_is_hosted_where_it_goes", visit_is_hosted_where_it_goes),
    Rule("incident_told_in_its_time_clause", incident_told_in_its_time_clause),
]


# -- the events of a sentence -----------------------------------------------------

@dataclass
class SentenceEvents:
    """The events of one sentence, with what the sentence rules need."""

    doc: Doc
    sent: Span
    sent_index: int
    index: MentionIndex
    facts: Any
    coded: set[int]  # token indices of triggers coded
    events: list[Event]
    participants: list[bool]  # per event: named participants before place rules
    include_incomplete: bool = False
    make: Callable[[Candidate], Event] | None = None


def background_mentions_dropped(s: SentenceEvents) -> None:
    """A trigger with no participant beside one with participants is a
    background mention ("clashes", "the fighting"); a place standing in as
    recipient does not count as a participant."""
    if any(s.participants):
        keep = [n for n, p in enumerate(s.participants) if p]
        s.events = [s.events[n] for n in keep]
        s.participants = [True] * len(s.events)


def complete_events_only(s: SentenceEvents) -> None:
    """An event needs an actor with a country and, for types that need one,
    a recipient (see :func:`complete`)."""
    if not s.include_incomplete:
        keep = [n for n, e in enumerate(s.events) if complete(e)]
        s.events = [s.events[n] for n in keep]
        s.participants = [s.participants[n] for n in keep]


def _parties(entities: list[Entity]) -> set[tuple[str, str | None]]:
    return {(e.name, e.country) for e in entities}


def speech_obligation_demands(s: SentenceEvents) -> None:
    """A speaker saying a party must act ("declared that China must drop
    barriers") demands it, with no trigger word: REQUEST by the speaker of
    that party."""
    for token in s.sent:
        if token.i in s.coded or token.pos_ not in {"VERB", "AUX"}:
            continue
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
        c = Candidate(s.doc, s.sent, s.sent_index, TriggerMatch(token, None), [], s.index,
                      s.facts)
        c.actor = c.records(s.index.for_argument(speaker))
        c.recipient = c.records(s.index.for_argument(addressee))
        if not c.actor or not c.recipient:
            continue
        if any(e.event == "REQUEST" and _parties(e.actor) == _parties(c.actor)
               and _parties(e.recipient) == _parties(c.recipient) for e in s.events):
            continue  # ("should use sanctions": the demand, told by its trigger word)
        aux = [t.text for t in token.children if t.dep_ == "aux"]
        c.event, c.mode, c.cameo = "REQUEST", "change", DEFAULT_CAMEO["REQUEST"]
        c.event_text = " ".join([*aux, token.text])
        s.events.append(s.make(c))
        s.participants.append(True)


#: verbs that characterise what they take: "called the move disappointing",
#: "described the plan as a disaster", "branded them traitors"
CHARACTERISING_LEMMAS = {"call", "describe", "brand", "label", "dub", "term"}
#: prepositions after which "call" asks for something instead
_CALL_FOR = {"for", "on", "upon", "off", "in", "to"}


@functools.lru_cache(maxsize=1)
def negative_words() -> frozenset[str]:
    """Words a characterisation condemns with (``data/negative_words.txt``)."""
    return data_words("negative_words.txt")


def _characterisation(verb: Token) -> tuple[Token, list[Token]] | None:
    """(what is characterised, the words of the characterisation) of a
    characterising verb: "called Chinese subsidies 'unbearable'" (an object
    predicate), "described the plan as 'a disaster'" (an "as" phrase)."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in CHARACTERISING_LEMMAS:
        return None
    if any(c.dep_ in {"prep", "prt"} and c.lower_ in _CALL_FOR and c.i == verb.i + 1
           for c in verb.children):
        return None
    objects = [c for c in verb.children if c.dep_ in {"dobj", "obj"}]
    predicates = [c for c in verb.subtree if c.dep_ == "oprd"
                  and next(a for a in c.ancestors if a.pos_ == "VERB").i == verb.i
                  or c.dep_ == "oprd" and c.head.dep_ in {"advcl", "xcomp"} and c.head.head == verb]
    if not objects and len(predicates) >= 2:  # "called Pakistan's assertions 'baseless'",
        objects, predicates = predicates[:1], predicates[1:]  # "called the move to tax X 'sad'"
    if not objects or objects[0].tag_ in {"WP", "WDT"}:  # "what they describe as insecurity"
        return None
    phrases = [*verb.children, *objects[0].children]
    predicates += [g for p in phrases if p.dep_ == "prep" and p.lower_ == "as"
                   for g in p.children if g.dep_ in {"pobj", "amod", "acomp"}]
    clauses = {w.i for p in predicates for r in p.subtree
               if r.dep_ in {"relcl", "acl"} and r.i != p.i for w in r.subtree}
    words = [w for p in predicates for w in p.subtree if w.i not in clauses]
    return (objects[0], words) if words else None


def characterisation_condemns(s: SentenceEvents) -> None:
    """A party calling or describing something or someone with words of
    condemnation ("called the EU move 'deeply disappointing'", "described
    the plan as 'a strategic disaster'", "called the drills a punishment")
    disapproves of it: ACCUSE (PLOVER 3.8, CAMEO 111 criticize or denounce),
    by the speaker, of the party the characterised thing belongs to. It is no
    request ("call" asks only "for" or "on" someone)."""
    negative = negative_words()
    for verb in _in_sentence(s.sent, _positions(s.doc, POS, VERB)):  # (only a verb characterises)
        found = _characterisation(verb)
        if found is None or any(c.dep_ == "neg" for c in verb.children):
            continue
        thing, words = found
        keep = [n for n, e in enumerate(s.events)
                if not (verb.i in s.coded and e.eventText.split()[-1:] == [verb.text])]
        s.events = [s.events[n] for n in keep]  # (naming is no "call for")
        s.participants = [s.participants[n] for n in keep]
        if not any(w.lower_ in negative or w.lemma_.lower() in negative for w in words):
            continue
        speaker = subject_of(verb)
        if speaker is None:
            continue
        c = Candidate(s.doc, s.sent, s.sent_index, TriggerMatch(verb, None), [], s.index,
                      s.facts)
        c.actor = c.records(s.index.for_argument(speaker))
        c.recipient = c.records(s.index.for_argument(thing), s.index.for_argument(speaker))
        if not any(a.country for a in c.actor):
            continue
        countries = {a.country for a in c.actor}
        if any(e.event == "ACCUSE" and countries & {a.country for a in e.actor} for e in s.events):
            continue  # "alleged that ..., calling it a crime": one accusation
        c.event, c.mode, c.cameo = "ACCUSE", "disapprove", "111"
        c.event_text = verb.text
        s.events.append(s.make(c))
        s.participants.append(True)


#: words of the negative list that tell what happened or what is feared, not a
#: judgement of a party ("the attack killed ...", "a deep crisis", "trapped")
HARM_WORDS = {"dead", "death", "deaths", "die", "died", "dies", "dying", "kill", "killed", "killing",
              "killings", "injured", "injury", "injuries", "wounded", "victim", "victims", "war",
              "wars", "casualties", "attack", "attacked", "attacks", "bomb", "bombs", "explosion",
              "fire", "fear", "fears", "feared", "afraid", "worried", "worry", "sad", "sadly",
              "grief", "mourn", "mourning", "pain", "suffering", "suffer", "crisis", "emergency",
              "problem", "problems", "difficult", "hard", "risk", "risks", "threat", "threats",
              "danger", "dangerous", "damage", "damaged", "loss", "losses", "lost", "lose",
              "trap", "trapped", "argue", "arguing", "argued", "fight", "fighting", "fought",
              "crash", "crashed", "crashes"}


#: parts of speech a judgement is said in ("cruel", "illegally", "bullies")
JUDGING_POS = {"ADJ", "ADV", "VERB"}
#: nouns that judge a party's conduct (most negative nouns name events instead)
JUDGING_NOUNS = {"aggression", "aggressor", "bullying", "prejudice", "hostility", "crackdown",
                 "repression", "failure", "abuse", "propaganda", "lie", "provocation", "hypocrisy",
                 "lawfare", "tyranny", "oppression", "persecution", "intimidation", "injustice",
                 "atrocity", "brutality", "barbarity", "cruelty", "interference", "meddling",
                 "hegemony", "blackmail", "coercion", "disinformation", "genocide", "arrogance",
                 "lawlessness"}
#: parties criticism is said on behalf of, not aimed at ("the killing of peaceful demonstrators")
VICTIM_SECTORS = {"CVL", "JRN", "EDU", "MED", "REF"}


def _reported_content(sent: Span) -> tuple[Token, Token] | None:
    """(speaker, reported clause) of a sentence that reports speech: "'...,' X
    said", "X said (that) ..." (the main verb a speech verb, with a clause)."""
    root = sent.root
    if root.lemma_.lower() not in SPEECH_LEMMAS:
        return None
    speaker = subject_of(root)
    clause = next((c for c in root.children if c.dep_ in {"ccomp", "parataxis"}), None)
    if speaker is None or clause is None:
        return None
    return speaker, clause


def reported_criticism_disapproves(s: SentenceEvents) -> None:
    """A party reported saying words that judge another party's conduct,
    with no verb of accusing ("'Israel, the cruel terrorist state, attacks
    the Muslims in Jerusalem,' Erdogan said"; "Joly said, 'Peace ... in the
    face of Russia's illegal aggression'"; "a former US official says China's
    bullying boosts support for Taiwan"), disapproves of that party: ACCUSE
    (PLOVER 3.8, CAMEO 111 criticize or denounce) by the speaker, of the
    party the reported clause is about: named in its subject, else anywhere
    but in what is done to someone ("said the sale violated China's
    sovereignty" does not judge China). Only in a
    sentence that codes nothing else, with a speaker of known country who is
    no academic; the judging words are negative words (``negative_words``)
    used as adjectives, adverbs or verbs, or nouns of conduct (JUDGING_NOUNS),
    not words of harm or fear; civilians, journalists and other victims
    named in the clause are not its target."""
    if s.events:
        return
    found = _reported_content(s.sent)
    if found is None:
        return
    speaker, clause = found
    negative = negative_words()
    words = [t for t in clause.subtree if t.lemma_.lower() in JUDGING_NOUNS or (
        (t.lower_ in negative or t.lemma_.lower() in negative) and t.pos_ in JUDGING_POS
        and t.lower_ not in HARM_WORDS and t.lemma_.lower() not in HARM_WORDS)]
    if not words or any(c.dep_ == "neg" for c in clause.children):
        return
    c = Candidate(s.doc, s.sent, s.sent_index, TriggerMatch(words[0], None), [], s.index, s.facts)
    c.actor = c.records(s.index.for_argument(speaker))
    if not any(a.country for a in c.actor) or any(a.sector == "EDU" for a in c.actor):
        return
    own = {a.name for a in c.actor}
    # the party the clause is about: in its subject, else anywhere but in what
    # is done to someone ("violated China's sovereignty": China is wronged)
    subject = subject_of(clause) if clause.pos_ in {"VERB", "AUX"} else None
    done_to = {w.i for t in clause.subtree if t.dep_ in {"dobj", "obj"} for w in t.subtree}
    phrase = list(subject.subtree) if subject is not None else []
    if not any(s.index.at(t) for t in phrase):
        phrase = [t for t in clause.subtree if t.i not in done_to]
    mentions = sorted({id(m): m for t in phrase for m in s.index.at(t)}.values(),
                      key=lambda m: (s.doc[m.head].dep_ not in {"nsubj", "nsubjpass", "poss"}, m.start))
    mentions = [m for m in mentions if m.sector not in VICTIM_SECTORS]
    recipient = [e for e in c.records(mentions[:1]) if e.name not in own] if mentions else []
    if not recipient:
        return
    c.recipient = recipient
    c.event, c.mode, c.cameo = "ACCUSE", "disapprove", "111"
    c.event_text = words[0].text
    s.events.append(s.make(c))
    s.participants.append(True)


#: relative pronouns: "a move that drew criticism"
RELATIVE_WORDS = {"that", "which", "who"}
#: nouns of criticism that an act "draws" from critics the text does not name
CRITICISM_NOUNS = {"criticism", "condemnation", "outrage", "backlash", "censure", "rebuke",
                   "denunciation", "outcry"}


def criticism_drawn_by_an_act(s: SentenceEvents) -> None:
    """An act that "drew", "triggered" or "sparked" condemnation from no one
    named ("Mech Dara's arrest drew international condemnation", "Their
    abduction triggered global condemnation", "a move that drew strong
    criticism of the world body") is criticised by unnamed critics: ACCUSE
    with no actor (the annotation protocol's empty actor), aimed at whoever
    did the act, as the sentence's event of that act names them, or at the
    party the criticism is "of"; undated unless its clause names a day (a
    reaction the story tells without one). Criticism from a party named
    ("drew criticism from Germany") is the candidate's own
    (``received_criticism``)."""
    for token in s.sent:
        if token.pos_ != "NOUN" or token.lemma_.lower() not in CRITICISM_NOUNS or token.dep_ != "dobj":
            continue
        verb = _receiving_verb(token)
        if verb is None or any(c.dep_ == "neg" for c in verb.children):
            continue
        if _sources(token, verb):
            continue  # critics named: the candidate's
        c = Candidate(s.doc, s.sent, s.sent_index, TriggerMatch(token, None), [], s.index, s.facts)
        of = [g for p in token.children if p.dep_ == "prep" and p.lower_ == "of"
              for g in p.children if g.dep_ == "pobj"]
        c.recipient = c.records([m for g in of for m in s.index.for_argument(g)])
        if not c.recipient:
            c.recipient = _doers_of_what_drew(s, verb)
        if not c.recipient or any(e.event == "ACCUSE" and e.span == (s.sent.start_char, s.sent.end_char)
                                  and not e.actor for e in s.events):
            continue
        c.event, c.mode, c.cameo = "ACCUSE", "disapprove", "111"
        c.event_text = token.text
        c.undated = date_for_clause(s.doc, verb) is None  # a reaction told with no day of its own
        s.events.append(s.make(c))
        s.participants.append(True)


def _doers_of_what_drew(s: SentenceEvents, verb: Token) -> list[Entity]:
    """Who did the act that drew criticism: the actor of the sentence's event
    told by the verb's subject ("Mech Dara's arrest"), or, for "a move that
    drew", by the clause the move sums up."""
    subject = subject_of(verb)
    if subject is None:
        return []
    if subject.lower_ in RELATIVE_WORDS and verb.dep_ == "relcl":  # "a move that drew": the move
        subject = verb.head
    named = [m for m in s.index.at(subject) if m.kind != "pronoun" or m.entity is not None]
    if named:
        return dedupe([entity_record(s.doc, m) for m in named])
    told = {}
    for e in s.events:
        token = trigger_token(s.doc, e)
        if token is not None and e.actor:
            told.setdefault(token.i, e)
    node = subject
    for _ in range(4):  # the act itself, else the clause the noun sums up
        if node.i in told:
            return list(told[node.i].actor)
        if node.head.i == node.i:
            break
        node = node.head
    return []


def protest_demands_are_content(s: SentenceEvents) -> None:
    """What protesters demand is the content of their protest, not a second
    event (PLOVER 3.12.2): "began a hunger strike to demand the return of
    property"."""
    protesters = [{(a.name, a.country) for a in e.actor} for e in s.events if e.event == "PROTEST"]
    if not protesters:
        return
    keep = []
    for n, e in enumerate(s.events):
        actors = {(a.name, a.country) for a in e.actor}
        if e.event == "REQUEST" and any(not actors or actors <= p or not p for p in protesters):
            continue
        keep.append(n)
    s.events = [s.events[n] for n in keep]
    s.participants = [s.participants[n] for n in keep]


SENTENCE_RULES: list[Rule] = [
    Rule("background_mentions_dropped", background_mentions_dropped),
    Rule("complete_events_only", complete_events_only, core=True),
    Rule("speech_obligation_demands", speech_obligation_demands),
    Rule("characterisation_condemns", characterisation_condemns),
    Rule("criticism_drawn_by_an_act", criticism_drawn_by_an_act),
    Rule("reported_criticism_disapproves", reported_criticism_disapproves),
    Rule("protest_demands_are_content", protest_demands_are_content),
]

# -- the events of a document ------------------------------------------------------

@dataclass
class DocEvents:
    """The events of one document, for the document rules."""

    doc: Doc
    events: list[Event]


def _day_of(event: Event, published: str | None) -> str | None:
    """The event's own day: None when it has none or only the publication day
    (the day of events the text gives no date for)."""
    return None if event.date is None or event.date == published else event.date


def _place_of(event: Event) -> str | None:
    return event.location.name if event.location else None


def one_event_per_occurrence(d: DocEvents) -> None:
    """An event reported several times in a story (the lead, a quote, a later
    recap) is one event: a later report with the same type, trigger word and
    actor countries, and no other recipient, day or place, is merged into the
    first, which takes the recipient, day and place a later report gives when
    it has none and keeps the sentences of all reports (``mentions``). The
    arrest of a person is one event whatever word tells it ("in custody
    since Feb. 24", "the arrest of Mhlanga"): the same person held. Statements
    of parties on opposing sides of one country (the military and rebels,
    the government and the opposition) are two events, whatever their words
    ("Pakistan's military warned ... The BLA warned ...")."""
    published = _published(d.doc)
    kept: list[Event] = []
    by_key: dict[tuple, list[Event]] = {}
    for e in d.events:
        held = e.event == "COERCE" and e.mode == "arrest" and bool(e.recipient)
        key = (e.event, e.mode, "" if held else _trigger_word(e), frozenset(a.country for a in e.actor))
        same = next((k for k in by_key.get(key, [])
                     if (not held or {r.name for r in k.recipient} & {r.name for r in e.recipient})
                     and (e.event in MATERIAL_TYPES or _same_side(k.actor, e.actor))
                     and _compatible(_countries(k.recipient), _countries(e.recipient))
                     and _compatible(_day_of(k, published), _day_of(e, published))
                     and _compatible(_place_of(k), _place_of(e))), None)
        if same is None:
            by_key.setdefault(key, []).append(e)
            kept.append(e)
            continue
        _merge_into(same, e, published)
    d.events = kept




#: the sentences of a story's lead, which its title sums up
LEAD_SENTENCES = 3


def title_told_again_is_one_event(d: DocEvents) -> None:
    """A title states in a few words the event its story then reports
    ("Police Shoot and Kill Known Haitian Gang Leader After Jailbreak" before
    "Arnel Joseph ... was killed in a gunfight with police"): an event of the
    title and one of the same type in the lead (the first three sentences)
    with an actor of the same country, and no other recipient or day, are one
    event, whatever words each uses.
    The story's report is kept (its arguments are the fuller ones), takes
    what only the title names, and lists the title among its sentences."""
    if not d.doc._.titled:
        return
    published = _published(d.doc)
    body = [e for e in d.events if 0 < e.sentence <= LEAD_SENTENCES]
    dropped: set[int] = set()
    for t in (e for e in d.events if e.sentence == 0):
        same = next((e for e in body if e.event == t.event
                     and _known(e.actor) & _known(t.actor)
                     and _compatible(_countries(e.recipient), _countries(t.recipient))
                     and _compatible(_day_of(e, published), _day_of(t, published))), None)
        if same is None:
            continue
        _merge_into(same, t, published)
        same.mentions.sort()
        dropped.add(id(t))
    d.events = [e for e in d.events if id(e) not in dropped]


def _side(a: Entity) -> str | None:
    """The side of one actor: "state" (a state body, or a country named as
    a whole), "armed" (rebels, gangs, gunmen), "society" (any other sector),
    None when nothing tells."""
    if a.sector in STATE_SECTORS:
        return "state"
    if a.sector in ARMED_GROUP_SECTORS:
        return "armed"
    if a.sector:
        return "society"
    return "state" if countries().resolve(a.name) else None


def _same_side(first: list[Entity], second: list[Entity]) -> bool:
    """Whether two reports' actors can be the same party: of one country, a
    state body and rebels, or the government and the opposition, are two
    parties, not one told twice."""
    a = {s for s in map(_side, first) if s}
    b = {s for s in map(_side, second) if s}
    return not a or not b or bool(a & b)


def _merge_into(same: Event, e: Event, published: str | None) -> None:
    """``e`` is a later report of ``same``: ``same`` takes the recipient, day
    and place it lacks and keeps the report's sentence."""
    if not same.recipient and e.recipient:
        same.recipient = e.recipient
    if _day_of(same, published) is None and _day_of(e, published) is not None:
        same.date = e.date
    if same.location is None and e.location is not None:
        same.location = e.location
    for m in (e.sentence, *e.mentions):
        if m not in same.mentions:
            same.mentions.append(m)


def _published(doc: Doc) -> str | None:
    published = doc._.published
    return published.isoformat() if hasattr(published, "isoformat") else published


def _same_occurrence(k: Event, e: Event) -> bool:
    """Whether two reports can be of one event: the same type, actor countries
    and date, and no other recipient or place."""
    return (k.event == e.event and bool(_known(e.actor)) and _known(k.actor) == _known(e.actor)
            and k.date == e.date and _compatible(_countries(k.recipient), _countries(e.recipient))
            and _compatible(_place_of(k), _place_of(e)))


def quoted_report_is_the_same_event(d: DocEvents) -> None:
    """A speaker's own words quoted after the story has reported what they
    did ("G7 diplomats urged Russia to accept a ceasefire. 'We called for
    Russia to reciprocate by agreeing to a ceasefire,' the diplomats said";
    "Gunmen stormed a hotel ... 'They attacked the hotel at dawn,' a resident
    said") tell the same event again: an event whose trigger is inside a
    direct quotation, with the type and actor countries of an earlier event
    of the story, no other recipient, place or date, and a common word of
    what is done (the objects and complements of the two clauses share a
    noun), is merged into it, whatever word the quotation uses."""
    published = _published(d.doc)
    triggers = trigger_chars(d.doc)
    kept: list[Event] = []
    contents: dict[int, set[str]] = {}

    def content(e: Event) -> set[str]:
        if id(e) not in contents:
            contents[id(e)] = _clause_content(trigger_token(d.doc, e))
        return contents[id(e)]

    for e in d.events:
        char = triggers.get(e.id)
        same = None
        if char is not None and quoted(d.doc, char):
            same = next((k for k in kept if k.sentence < e.sentence
                         and _same_occurrence(k, e) and content(k) & content(e)), None)
        if same is None:
            kept.append(e)
        else:
            _merge_into(same, e, published)
    d.events = kept


def _clause_content(trigger: Token | None) -> set[str]:
    """The lemmas of the common nouns of a trigger's clause outside its
    subject: what is done, to whom, where ("stormed a hotel": hotel)."""
    if trigger is None:
        return set()
    verb = clause_verb(trigger)
    words = [w for c in verb.children if c.dep_ not in _OTHER_THAN_CONTENT
             and not (c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in _CIRCUMSTANCE_MARKS
                                                 for m in c.children))
             for w in c.subtree]
    return {w.lemma_.lower() for w in words
            if w.pos_ == "NOUN" and not w.is_stop and not w.ent_type_}


#: the parts of a clause that are not what is done: its subject, clauses of
#: their own joined to it, what it is said in
_OTHER_THAN_CONTENT = {*SUBJECT_DEPS, "conj", "cc", "parataxis", "ccomp", "punct"}
#: subordinators of a clause of time, reason or condition ("because he does
#: not consider the proceedings legitimate"), unlike "for Russia to reciprocate"
_CIRCUMSTANCE_MARKS = {"because", "as", "while", "when", "if", "after", "before", "since",
                       "although", "though", "unless", "until", "whereas", "once"}


def one_meeting_per_day(d: DocEvents) -> None:
    """The parties of a story meet once a day, however the story names the
    meeting ("G7 foreign ministers gathered Thursday", "the G7 talks", "held
    a session", "after wrapping up meetings with G7 foreign ministers"): a
    consultation whose parties (actors and recipients together) are among
    those of an earlier consultation of the same date and place, or include
    them, is that meeting told again: the two are one record, the report
    that says where the meeting took place, else the first. Mediated talks
    and the parties' own meetings are not merged."""
    published = _published(d.doc)
    kept: list[Event] = []
    for e in d.events:
        parties = _known(e.actor) | _known(e.recipient)
        same = None
        if e.event == "CONSULT" and _known(e.actor):
            same = next((k for k in kept if k.event == "CONSULT" and k.date == e.date
                         and _same_kind_of_meeting(k, e) and _compatible(_place_of(k), _place_of(e))
                         and _nested(_known(k.actor) | _known(k.recipient), parties)), None)
        if same is None:
            kept.append(e)
        elif same.location is None and e.location is not None:  # the report that places it
            kept[kept.index(same)] = e
            _merge_into(e, same, published)
        else:
            _merge_into(same, e, published)
    d.events = kept


def _same_kind_of_meeting(a: Event, b: Event) -> bool:
    """Talks a third party mediates are not a meeting of the parties with
    each other, however they overlap ("the foreign ministers met in Jakarta";
    "Lukashenko mediated talks between Prigozhin and Moscow")."""
    return a.mode == b.mode or "third-party" not in {a.mode, b.mode}


def _nested(a: set[str], b: set[str]) -> bool:
    """Two non-empty sets, one within the other."""
    return bool(a) and bool(b) and (a <= b or b <= a)


def _countries(entities: list[Entity]) -> frozenset[str] | None:
    return frozenset(x.country for x in entities) or None


def _known(entities: list[Entity]) -> set[str]:
    return {x.country for x in entities if x.country}


def _trigger_word(event: Event) -> str:
    """The trigger's word without inflection ("attacked", "attacks" -> "attack";
    "urges", "urged", "urging" -> "urg"; "struck", "strikes" -> "strik";
    "expels", "expelled" -> "expel")."""
    return _word_stem((event.eventText.split() or [""])[-1])


def _word_stem(word: str) -> str:
    """A word without inflection (see ``_trigger_word``)."""
    word = word.lower()
    word = irregular_base(word) or word
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    word = word[:-1] if word.endswith("e") and len(word) > 3 else word
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeiou":
        word = word[:-1]  # a consonant doubled before "-ed" and "-ing" ("expelled", "banning")
    return word


def _compatible(a, b) -> bool:
    return a is None or b is None or a == b


#: acts done bodily where the parties are (force, restraint, deployment, relief,
#: withdrawal, protest), unlike statements and policies decided from afar
SCENE_TYPES = {"ASSAULT", "COERCE", "MOBILIZE", "AID", "RETREAT", "PROTEST"}


def scene_carries_over(d: DocEvents) -> None:
    """An act of force, restraint, deployment, relief, withdrawal or protest
    whose sentence names no place happens where the story last set a scene
    ("Gunmen stormed a hotel in Beledweyne. ... They attacked the guards at
    dawn": Beledweyne), when that place is in the country of one of its
    parties; of the places named before, the latest town or region of that
    country, else the country itself. Statements are placed only where the
    text places them."""
    places = None  # found when an event needs them
    for e in d.events:
        if e.location is not None or e.event not in SCENE_TYPES or not e.span:
            continue
        if places is None:
            places = [p for p in event_places(d.doc) if p.country]
        before = [p for p in places if p.start_char < e.span[0]]
        if not before:
            continue
        scene = before[-1]
        if scene.country not in {x.country for x in (*e.actor, *e.recipient)}:
            continue
        if scene.kind == "country":
            scene = next((p for p in reversed(before)
                          if p.country == scene.country and p.kind != "country"), scene)
        e.location = location_record(scene)


def dateline_places_the_story(d: DocEvents) -> None:
    """A story filed from a place ("BEIJING (AP) — China imposed sanctions
    on three U.S. firms ...") has its decisions there when nothing else
    places them and they plainly happen there: those of the parties of the
    dateline's country (docs/voa_gold.md: "the dateline places the story's
    events when nothing else does and the events plainly happen there").
    A statement (an accusation, demand, rejection, threat, support or
    promise) is placed only where the text says it was made ("a statement's
    place is where it was made only if the text says so").
    What a party of another country says or does is not placed by where the
    reporter was, nor is an act of force, restraint, deployment, relief,
    withdrawal or protest, which happens at its scene ("Ukrainian forces
    attacked Russian positions" from KYIV: the front; "Israel says it
    targets only militants" from JERUSALEM)."""
    place = d.doc._.dateline
    if place is None or not place.country or place.kind == "local":
        return  # (a village the gazetteer lacks is where the story is told, not what its parties do)
    for e in d.events:
        if e.location is None and _known(e.actor) == {place.country} and e.event not in SCENE_TYPES \
                and e.event not in STATEMENT_TYPES:
            e.location = location_record(place)


def incident_day_carries_over(d: DocEvents) -> None:
    """A later report of an incident the story dated before ("Militants
    attacked a train on Tuesday. ... The group said it had taken 100 passengers
    hostage"): an event with no day of its own takes the day of the latest
    earlier event of its type, actor country and recipient country, unless
    the story has told another side's act of that type in between ("A
    Russian missile struck Sumy on Monday. Ukrainian drones attacked a
    refinery overnight. Russian air defenses shot down 34 drones")."""
    published = _published(d.doc)
    for n, e in enumerate(d.events):
        if e.date is None or e.date != published or e.event not in SCENE_TYPES:
            continue
        for p in reversed(d.events[:n]):
            if p.sentence >= e.sentence or p.event != e.event:
                continue
            if not _known(p.actor) & _known(e.actor):
                if _known(p.actor) and _known(e.actor):
                    break  # the story has moved on to another side's acts
                continue
            if _day_of(p, published) is None:
                continue
            if _known(p.recipient) and _known(e.recipient) \
                    and not _known(p.recipient) & _known(e.recipient):
                continue
            e.date = p.date
            break


def _act_referred_to(d: DocEvents, e: Event) -> Token | None:
    """The object of ``e``'s trigger when it refers to an act told before
    ("condemned the attack", "welcomed the release"): a noun with a definite
    determiner and no doer named in the phrase ("Russia's attack", "the
    attack by gunmen")."""
    t = trigger_token(d.doc, e)
    obj = next((c for c in t.children if c.dep_ in {"dobj", "obj"}), None) if t is not None else None
    if obj is not None and obj.lemma_.lower() in CONCERN_NOUNS:  # "expressed concern over the incident"
        obj = next((g for p in obj.children if p.dep_ == "prep" and p.lower_ in {"over", "about", "at"}
                    for g in p.children if g.dep_ == "pobj"), None)
    if obj is None or not any(c.dep_ == "det" and c.lower_ in {"the", "this", "that", "these"}
                              for c in obj.children) \
            or any(c.dep_ == "poss" or (c.dep_ in {"amod", "compound"} and c.pos_ == "PROPN")
                   for c in obj.children) \
            or any(p.dep_ in {"prep", "agent"} and p.lower_ == "by" for p in obj.children):
        return None
    return obj


#: nouns of concern expressed "over" an act
CONCERN_NOUNS = {"concern", "alarm", "outrage", "dismay", "regret"}
#: nouns that refer to an act of force told before without naming it
INCIDENT_NOUNS = {"incident", "confrontation", "clash", "encounter"}


def condemned_attack_is_its_attackers(d: DocEvents) -> None:
    """Condemning or deploring "the attack", "the strikes", "the killing", or
    expressing concern over "the incident", with no attacker named in the
    phrase ("the UN coordinator condemned the attack on the Kosti power
    station") is aimed at whoever the story has
    said carried it out: the actor of the latest earlier attack told with the
    same word ("condemned the ambush": the ambush, not the airstrike told
    after it), else of the latest earlier attack, of a party of another
    country than the critic or of an armed group; not at what was hit."""
    for n, e in enumerate(d.events):
        if e.event != "ACCUSE" or e.mode != "disapprove" or (obj := _act_referred_to(d, e)) is None:
            continue  # (blaming names whom it blames: "blamed the strike on the military")
        entry = match_entry(obj)
        incident = obj.lemma_.lower() in INCIDENT_NOUNS  # (an incident: the latest act of force)
        if not incident and (entry is None or entry.event != "ASSAULT"):
            continue
        own = _known(e.actor)
        attacks = [p for p in reversed(d.events[:n]) if p.event in ({"ASSAULT", "COERCE"} if incident
                                                                  else {"ASSAULT"}) and _known(p.actor)
                   and (not _known(p.actor) & own
                        or any(a.sector in ARMED_GROUP_SECTORS for a in p.actor))]
        word = _word_stem(obj.text)  # "condemned the ambush": the ambush, if one was told
        attack = next((p for p in attacks if _trigger_word(p) == word), attacks[0] if attacks else None)
        if attack is not None:
            e.recipient = [dataclasses.replace(a) for a in attack.actor if a.country]


def welcomed_act_is_its_doers(d: DocEvents) -> None:
    """Welcoming or praising an act told before ("Petro welcomed the release",
    "Grundberg welcomed the exchange", "the United States welcomed the
    truce") is aimed at whoever did it: the actor of the latest earlier
    event of the kind the noun names (its type in the lexicon, or the same
    word as its trigger)."""
    for n, e in enumerate(d.events):
        if e.event != "SUPPORT" or (obj := _act_referred_to(d, e)) is None:
            continue
        entry = match_entry(obj)
        word = _word_stem(obj.text)
        done = next((p for p in reversed(d.events[:n]) if p.sentence < e.sentence and _known(p.actor)
                     and ((entry is not None and p.event == entry.event)
                          or _trigger_word(p) == word)), None)
        if done is not None:
            e.recipient = [dataclasses.replace(a) for a in done.actor if a.country]


def official_addressing_the_assumed_country_is_foreign(d: DocEvents) -> None:
    """An official whose country the text does not give, and is only assumed
    from the dateline or the story ("Foreign Ministry spokesperson Lin Jian"
    in a story from Manila), who demands from, accuses, rejects or threatens
    that very country as a state ("urged Manila to stop its provocations"),
    speaks for the story's other country: the one most named after it."""
    entities = d.doc._.actor_entities or []
    assumed = {e.name for e in entities if e.assumed and e.kind == "person"}
    counts = d.doc._.text_countries or {}
    for e in d.events:
        if e.event not in STATEMENT_TYPES or not e.actor \
                or not all(a.name in assumed and a.sector in STATE_SECTORS for a in e.actor):
            continue
        own = _known(e.actor)
        if len(own) != 1:
            continue
        state = next(iter(own))
        if not any(r.country == state and state in {countries().resolve(r.text), countries().capital(r.text)}
                   for r in e.recipient):
            continue
        others = sorted(((n, c) for c, n in counts.items() if c != state and len(c) == 3
                         and c not in {"IGO", "NGO", "IMG"}), reverse=True)
        if others:
            e.actor = [dataclasses.replace(a, country=others[0][1]) for a in e.actor]


#: statements that answer someone: whom they answer can be left implicit
ANSWERING_TYPES = {"ACCUSE", "REQUEST", "REJECT", "THREATEN"}


def statement_answers_counterpart(d: DocEvents) -> None:
    """A demand, accusation, rejection or threat of one party that names no
    one ("the Taliban denounced the delay", "Kenya filed several requests for
    this hearing to be postponed", "decrying the congressional move") is
    addressed to the other side of the latest earlier event of the story
    between the actor's country and another: the story has told whom the
    actor is dealing with. Acts of parties of several countries together
    have no other side, and the press a party talks to is not one."""
    for n, e in enumerate(d.events):
        if e.event not in ANSWERING_TYPES or e.recipient or _addressee_named(d.doc, e):
            continue  # ("urged Western allies to send": it names whom it asks)
        own = _known(e.actor)
        if len(own) != 1:
            continue
        for p in reversed(d.events[:n]):
            if p.sentence >= e.sentence:
                continue
            if own & _known(p.actor):
                other = [r for r in p.recipient if r.country and r.country not in own
                         and r.sector != "JRN"]
            elif own & _known(p.recipient):
                other = [a for a in p.actor if a.country and a.country not in own
                         and a.sector != "JRN"]
            else:
                continue
            if other:
                e.recipient = [dataclasses.replace(o) for o in other]
                break


#: prepositions by which a demand names whom it is addressed to ("called on X to ...")
ADDRESSEE_PREPS = {"on", "upon"}


def _addressee_named(doc: Doc, event: Event) -> bool:
    """Whether the event's verb names whom it asks to act, as a party the
    tables may not know: the object of a verb with an infinitive
    complement ("urged Western allies to send", "called on parties
    concerned to be rational")."""
    t = trigger_token(doc, event)
    if t is None or t.pos_ != "VERB" or not any(c.dep_ == "xcomp" for c in t.children):
        return False
    objects = [c for c in t.children if c.dep_ in {"dobj", "dative"}]
    objects += [g for c in t.children if c.dep_ == "prep" and c.lower_ in ADDRESSEE_PREPS
                for g in c.children if g.dep_ == "pobj"]
    return any(o.pos_ in {"NOUN", "PROPN", "PRON"} for o in objects)


def statement_addresses_story_country(d: DocEvents) -> None:
    """A demand, accusation, rejection or threat by a party of one country
    that names no one, and for which the story has told no other side
    (``statement_answers_counterpart``), is addressed to the country the
    story is about (the most mentioned one) when the actor is foreign to it:
    a foreign party speaks to a country's affairs ("the United States is
    deeply disappointed by the approval of the bill", in a story about
    Somalia's parliament; "the U.S. House voted, urging a full investigation
    of the February 8 vote", in one about Pakistan's election). A party of the
    story's own country is left alone: whom it addresses at home is not known
    (``voice_addresses_own_government`` covers the opposition and the press);
    so is a demand that names whom it asks to act, as a party the tables do
    not know ("urged Western allies to send air defense systems")."""
    focus = focus_country(d.doc._.actor_mentions or [], d.doc._.text_countries)
    if not focus:
        return
    named = next((m for m in d.doc._.actor_mentions or [] if m.country == focus
                  and m.kind == "country"), None)
    for e in d.events:
        if e.event not in ANSWERING_TYPES or e.recipient:
            continue
        own = _known(e.actor)
        if len(own) != 1 or focus in own or _addressee_named(d.doc, e):
            continue
        e.recipient = [Entity(text=named.text if named else countries().name(focus) or focus,
                              name=countries().name(focus) or focus, country=focus,
                              sector="GOV", role=None,
                              start=named.start_char if named else 0,
                              end=named.end_char if named else 0)]


#: acts that parties do together: a meeting, an agreement, a signing, joint action
JOINT_TYPES = {"AGREE", "SUPPORT", "CONSULT", "COOPERATE"}


def joint_act_has_no_other_side(d: DocEvents) -> None:
    """An agreement, signing, meeting or joint action of parties of two or
    more countries together is mutual (PLOVER 2.4.2: all its parties are
    actors): it is not aimed at one of its own parties ("the two leaders
    signed seven agreements, including a deal to sell electricity to
    Kenya"), nor at what the parties agree to do ("the two agreed to keep up
    pressure on Pyongyang", "agreed to pull back the additional forces").
    Those it is done with or for ("pledged aid to Ukraine", "signed a deal
    with Iran") stay its recipients."""
    for e in d.events:
        own = _known(e.actor)
        if e.event not in JOINT_TYPES or len(own) < 2 or not e.recipient:
            continue
        t = trigger_token(d.doc, e)
        content = {x.i for c in t.children if c.dep_ in {"xcomp", "ccomp"} for x in c.subtree} \
            if t is not None else set()
        e.recipient = [r for r in e.recipient if r.country not in own
                       and not any(x.idx <= r.start < x.idx + len(x) for x in
                                   (d.doc[i] for i in content))]


def territories_coded_with_their_state(d: DocEvents) -> None:
    """A dependent territory's parties and places are coded with the state
    that holds it (the annotation protocol's convention: "Hong Kong
    authorities" and an event in Hong Kong are CHN; ``data/territories.tsv``).
    Runs last, so that the rules before it still tell the territory from
    its state."""
    held = territory_states()

    def recode(entities: list[Entity]) -> list[Entity]:
        return [dataclasses.replace(e, country=held[e.country]) if e.country in held else e
                for e in entities]

    for e in d.events:
        if any(x.country in held for x in (*e.actor, *e.recipient)):
            e.actor, e.recipient = recode(e.actor), recode(e.recipient)
        if e.location is not None and e.location.country in held:
            e.location = dataclasses.replace(e.location, country=held[e.location.country])


DOC_RULES: list[Rule] = [
    Rule("one_event_per_occurrence", one_event_per_occurrence),
    Rule("title_told_again_is_one_event", title_told_again_is_one_event),
    Rule("quoted_report_is_the_same_event", quoted_report_is_the_same_event),
    Rule("one_meeting_per_day", one_meeting_per_day),
    Rule("condemned_attack_is_its_attackers", condemned_attack_is_its_attackers),
    Rule("welcomed_act_is_its_doers", welcomed_act_is_its_doers),
    Rule("official_addressing_the_assumed_country_is_foreign",
         official_addressing_the_assumed_country_is_foreign),
    Rule("statement_answers_counterpart", statement_answers_counterpart),
    Rule("statement_addresses_story_country", statement_addresses_story_country),
    Rule("joint_act_has_no_other_side", joint_act_has_no_other_side),
    Rule("scene_carries_over", scene_carries_over),
    Rule("dateline_places_the_story", dateline_places_the_story),
    Rule("incident_day_carries_over", incident_day_carries_over),
    Rule("territories_coded_with_their_state", territories_coded_with_their_state),
]

ALL_RULES: list[Rule] = [*CANDIDATE_RULES, *PLACE_RULES, *SENTENCE_RULES, *DOC_RULES]


def rule_names(optional_only: bool = True) -> list[str]:
    """Names of the rules in order (by default those that can be switched off)."""
    return [r.name for r in ALL_RULES if not (optional_only and r.core)]


# -- helpers of the rules ----------------------------------------------------------

def complete(event: Event) -> bool:
    """Who did it, and to whom where the type needs it, is what event data is
    for: an event needs an actor with a country (or IGO/NGO/IMG code), and
    COOPERATE, AID and SANCTION need a recipient (PLOVER 2.0, ch. 3). On the
    project's VOA gold, 100 of 101 distinct events coded without an actor were
    not events a careful coder records, nor were any of the 11 more whose actor
    had no country (mostly quoted analysts). Cooperation of two or more
    countries together ("China and Russia began joint naval exercises") is
    mutual: its parties are all actors, as those of a meeting are."""
    if not any(a.country for a in event.actor):
        return False
    mutual = event.event == "COOPERATE" and len({a.country for a in event.actor if a.country}) > 1
    return bool(event.recipient) or mutual or not requires_recipient(event.event)


def long_ago(doc: Doc, token: Token) -> bool:
    """Placed in a year two or more before the article's, and not also in the
    article's year ("in 2023 and again in January of this year")."""
    period = period_for_clause(doc, token)
    verb = governing_verb(token)
    if period is None and verb.dep_ == "advcl":  # "Relations soured in 2010 after
        period = period_for_clause(doc, verb.head)  # commandos stormed the ship"
    published = doc._.published
    if period is None or period.year is None or published is None:
        return False
    year = published.year if hasattr(published, "year") else int(str(published)[:4])
    if period.year >= year - 1:
        return False
    clause = {t.i for t in verb.subtree}
    return not any(e.label_ == "DATE" and e.start in clause
                   and ("this year" in e.text.lower() or str(year) in e.text)
                   for e in doc.ents)


def located(entities: list[Entity], country: str, assumed: frozenset[str],
            abroad: frozenset[str] = frozenset()) -> list[Entity]:
    """Entities with a sector and no country (or only the article's focus
    country, ``assumed``) take ``country``; those named as of a region or of
    abroad (``abroad``: "Western nations") do not."""
    return [dataclasses.replace(e, country=country)
            if e.sector and (e.country is None or e.name in assumed) and e.name not in abroad else e
            for e in entities]


FIRST_PERSON = {"we", "i"}


def first_person_subject(token: Token) -> bool:
    if token.pos_ == "ADJ" and token.dep_ == "acomp":  # "we are concerned about"
        token = token.head
    s = subject_of(token) if token.pos_ in {"VERB", "AUX"} else None
    return s is not None and s.lower_ in FIRST_PERSON
