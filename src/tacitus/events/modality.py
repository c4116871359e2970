"""Negation, future and hypothetical readings of a trigger."""
from __future__ import annotations

from spacy.tokens import Token

from .arguments import SPEECH_LEMMAS
from .reframe import INTENT_LEMMAS

FUTURE_AUX = {"will", "shall", "'ll", "wo"}
HYPOTHETICAL_AUX = {"would", "could", "might", "may", "should", "'d"}
HYPOTHETICAL_MARKS = {"if", "unless", "whether"}
CONDITION_MARKS = {"unless", "if"}
FUTURE_GOVERNORS = {"plan", "intend", "expect", "prepare", "aim", "schedule", "set", "due"}
OBLIGATION_AUX = {"must", "should", "ought"}
ONGOING_GOVERNORS = {"continue", "keep", "remain"}
OBLIGATION_GOVERNORS = {"have"}
ANNOUNCING = {"announce", "decide", "order", "rule", "decree"}


def clause_verb(token: Token) -> Token:
    """The verb of a trigger's clause: the trigger itself, or the verb a nominal
    trigger belongs to ("will hold talks" -> hold)."""
    t = token
    for _ in range(3):
        if t.pos_ in {"VERB", "AUX"}:
            return t
        if t.head.i == t.i:
            break
        t = t.head
    return t


def _marked(clause: Token, marks: set[str]) -> bool:
    return any(c.dep_ == "mark" and c.lower_ in marks for c in clause.children)


def conditional(trigger: Token) -> bool:
    """Made to depend on another's action: "will withdraw unless X ..."."""
    return any(c.dep_ == "advcl" and _marked(c, CONDITION_MARKS)
               for c in clause_verb(trigger).children)


def conditions(trigger: Token) -> list[Token]:
    """The verbs of the conditions an act is made to depend on: "threatened to
    quit if the US goes ahead" -> [goes]."""
    verbs = [clause_verb(trigger)]
    verbs += [c for c in verbs[0].children if c.dep_ == "xcomp"]
    return [c for v in verbs for c in v.children if c.dep_ == "advcl" and _marked(c, CONDITION_MARKS)]


def intent(trigger: Token) -> bool:
    """Announced as an intention: "is willing to withdraw", "vowed to retaliate"."""
    verb = clause_verb(trigger)
    return verb.dep_ == "xcomp" and verb.head.lemma_.lower() in INTENT_LEMMAS


def obligation(trigger: Token) -> bool:
    """Said to be owed: "China must drop barriers", "Libya has to hand over the suspects"."""
    verb = clause_verb(trigger)
    if any(c.dep_ == "aux" and c.lower_ in OBLIGATION_AUX for c in verb.children):
        return True
    if verb.dep_ == "xcomp" and verb.head.pos_ == "ADJ":  # "must be ready to mediate"
        gov = verb.head.head if verb.head.dep_ == "acomp" else verb.head
        return any(c.dep_ == "aux" and c.lower_ in OBLIGATION_AUX for c in gov.children)
    return verb.dep_ == "xcomp" and verb.head.lemma_.lower() in OBLIGATION_GOVERNORS \
        and verb.head.tag_ != "VBN"


#: adverbs of frequency that make a clause a statement of habit
HABITUAL_ADVERBS = {"often", "usually", "routinely", "frequently", "regularly", "always",
                    "typically", "generally", "habitually", "normally", "commonly", "sometimes",
                    "customarily"}


def habitual(trigger: Token) -> bool:
    """Said to happen as a habit ("the group frequently conducts bombings",
    "the Taliban routinely deny providing sanctuary"): a generalisation about
    a party, not one event."""
    verb = clause_verb(trigger)
    return any(c.dep_ == "advmod" and c.lower_ in HABITUAL_ADVERBS
               for c in (*trigger.children, *verb.children))


def condition_clause(trigger: Token) -> bool:
    """The trigger is the condition of something else ("... if it is attacked"),
    or one of two alternatives ("whether they agree or not"): no event."""
    verb = clause_verb(trigger)
    for _ in range(4):  # "if it changes its position or tests more missiles"
        if verb.dep_ not in {"conj", "dobj", "pobj", "prep"} or verb.head.i == verb.i:
            break
        verb = verb.head
    if _marked(verb, {"whether"}):
        return True  # "whether they agree or not", "asked whether Iran would attack"
    return verb.dep_ == "advcl" and _marked(verb, CONDITION_MARKS)


def announced(trigger: Token) -> bool:
    """Reported as decided: "announced it would prohibit all aid"."""
    verb = clause_verb(trigger)
    return verb.dep_ == "ccomp" and verb.head.lemma_.lower() in ANNOUNCING


def _reported(verb: Token) -> bool:
    """Reported in the past, where "would" is the future of then: "the United
    States announced last week that it would cease military aid"."""
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head  # "... it would prohibit aid and would deny entry"
    head = verb.head
    return verb.dep_ == "ccomp" and head.tag_ == "VBD" \
        and (head.lemma_.lower() in SPEECH_LEMMAS or head.lemma_.lower() in ANNOUNCING)


def no_one_does(trigger: Token) -> bool:
    """The subject says nobody did it: "No country has recognized the Taliban"."""
    return any(c.dep_ in {"nsubj", "nsubjpass"} and (
        c.lower_ in {"nobody", "none", "neither"}
        or any(d.dep_ == "det" and d.lower_ in {"no", "neither"} for d in c.children))
        for c in clause_verb(trigger).children)


def _shares_a_negation(verb: Token) -> bool:
    """A verb joined to a negated one with no subject of its own shares its
    "not" ("did not seek to challenge or displace the United States", "has
    not attacked or threatened anyone"), unless "but" turns it round ("did
    not attack but threatened")."""
    if verb.dep_ != "conj" or verb.head.pos_ not in {"VERB", "AUX"} \
            or any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children) \
            or any(c.dep_ == "cc" and c.lower_ in {"but", "yet"} for c in verb.head.children):
        return False
    return modality(verb.head)[0]


#: verbs whose negation affirms what follows: "will not hesitate to strike again"
UNHESITATING = {"hesitate"}


def modality(trigger: Token) -> tuple[bool, bool, bool]:
    verb = clause_verb(trigger)
    negated = future = hypothetical = False
    for c in (*trigger.children, *verb.children) if verb is not trigger else trigger.children:
        low = c.lower_
        if c.dep_ == "neg" or (c.dep_ == "det" and low == "no"):
            negated = True
        if c.dep_ == "advmod" and low in {"longer", "anymore"} \
                and (low == "anymore" or any(g.lower_ == "no" for g in c.children)):
            negated = True  # "will no longer recognize", "won't anymore": not any more
        if c.dep_ == "aux":
            if low in FUTURE_AUX or (low == "would" and _reported(c.head)):
                future = True
            elif low in HYPOTHETICAL_AUX:
                hypothetical = True
        if c.dep_ == "mark" and low in HYPOTHETICAL_MARKS:
            hypothetical = True
    if no_one_does(trigger):
        negated = True
    if _shares_a_negation(verb):
        negated = True
    # "is going to attack", "plans to visit"
    if verb.dep_ == "xcomp":
        gov = verb.head
        if gov.lemma_ in FUTURE_GOVERNORS or (gov.lower_ == "going" and gov.tag_ == "VBG"):
            future = True
        for c in gov.children:
            if c.dep_ == "aux" and c.lower_ in FUTURE_AUX and gov.lemma_ not in ONGOING_GOVERNORS:
                future = True  # (but "will continue to stand with" goes on already)
            if c.dep_ == "neg" and gov.lemma_.lower() not in UNHESITATING:
                negated = True  # (but "will not hesitate to strike" will strike)
    return negated, future, hypothetical
