"""Finding event triggers: tokens whose lemma is in the trigger lexicon and
whose syntactic context satisfies the entry's constraint."""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from ..ontology import Trigger, TriggerLexicon, irregular_base, triggers
from .arguments import TRAVEL_NOUNS, document_author, root_noun_subject
from .modality import ONGOING_GOVERNORS

#: prepositions that make a noun trigger background ("after the attack")
BACKGROUND_PREPS = {"after", "before", "since", "following", "amid", "despite", "during",
                    "until", "ahead", "prior", "over"}
#: dependency labels under which a noun is a modifier, not an event
NOUN_MODIFIER_DEPS = {"compound", "amod", "nmod", "poss"}


@dataclass
class TriggerMatch:
    token: Token
    entry: Trigger
    governed: bool = False  # inside the complement of another trigger
    governor: "TriggerMatch | None" = None
    via: str = ""  # the dependency that links it to its governor


#: words that count what their "of" phrase names ("dozens of rockets")
_COUNTING = {"dozen", "dozens", "hundred", "hundreds", "thousand", "thousands", "score", "scores",
             "number", "barrage", "volley", "salvo", "wave", "series", "couple", "pair", "batch"}


def _children_lemmas(token: Token, dep: str) -> set[str]:
    out: set[str] = set()
    for c in token.children:
        d = c.dep_
        if dep == "obj" and d in {"dobj", "obj", "attr", "oprd"}:
            if _figurative(c):
                continue  # "we launched a drug war"
            out.add(c.lemma_.lower())
            # "violated the ceasefire agreement": the object's compound counts too
            out.update(g.lemma_.lower() for g in c.children if g.dep_ == "compound")
            if c.lemma_.lower() in _COUNTING or c.like_num:  # "fired dozens of rockets"
                out.update(g.lemma_.lower() for p in c.children if p.dep_ == "prep" and p.lower_ == "of"
                           for g in p.children if g.dep_ == "pobj")
        elif dep == "obj" and d == "nsubjpass":
            out.add(c.lemma_.lower())
        elif dep == "prep" and d in {"prep", "agent", "dative"}:
            out.add(c.lower_)
        elif dep == "prep" and d == "advcl":  # "pushing for the US to support": a clause
            out.update(g.lower_ for g in c.children if g.dep_ == "mark")
        elif dep == "subj" and d == "nsubj":  # "peacekeeping troops arrived",
            heads = [c] + [p for g in c.children if g.dep_ == "prep" and g.lower_ == "of"
                           for p in g.children if p.dep_ == "pobj"]  # "a deployment of troops"
            for h in heads:
                out.add(h.lemma_.lower())
                out.update(g.lemma_.lower() for g in h.children if g.dep_ in {"compound", "amod"})
        elif dep == "prt" and d == "prt":
            out.add(c.lower_)
        elif dep == "aux" and d == "aux":  # "would respond": an answer to come
            out.add(c.lower_)
        elif dep == "xcomp" and (d in {"xcomp", "ccomp"} or (d == "advcl" and any(
                g.dep_ == "aux" and g.lower_ == "to" for g in c.children))):
            out.add(c.lemma_.lower())  # "sworn to fight" is sometimes parsed as advcl
            if c.lemma_.lower() in ONGOING_GOVERNORS:  # "vowed to keep fighting": what goes on
                out.update(g.lemma_.lower() for g in c.children if g.dep_ in {"xcomp", "dobj"}
                           and g.pos_ in {"VERB", "NOUN"})
        elif dep == "compound" and d in {"compound", "amod", "nmod"}:
            out.add(c.lemma_.lower())
            out.add(c.lower_)
            # "joint military drills": "joint" modifies "military"
            out.update(g.lower_ for g in c.children if g.dep_ in {"amod", "compound"})
    if dep == "obj" and token.dep_ in {"acl", "relcl"} and token.head.pos_ in {"NOUN", "PROPN"}:
        out.add(token.head.lemma_.lower())  # "sanctions imposed by ..."
    if dep == "prep":  # the parser often hangs the preposition on the object:
        for c in token.children:  # "dismissed the claims as lies", "barred X from entering"
            if c.dep_ in {"dobj", "obj"}:
                out.update(g.lower_ for g in c.children if g.dep_ == "prep")
    if dep == "obj":  # objects reached through a preposition: "fire on", "ban on"
        for c in token.children:
            if c.dep_ == "prep":
                out.update(g.lemma_.lower() for g in c.children if g.dep_ == "pobj")
    return out


def match_entry(token: Token, lexicon: TriggerLexicon | None = None) -> Trigger | None:
    """The most specific lexicon entry whose constraint the token satisfies."""
    lexicon = lexicon or triggers()
    if predicative(token):  # "is concerned about": the adjective by its word form
        entry = _first_satisfied(token, lexicon.for_lemma(token.lower_, "ADJ"))
        if entry is not None or token.pos_ == "ADJ":
            return entry
    pos = "VERB" if token.pos_ == "VERB" else "NOUN" if token.pos_ in {"NOUN", "PROPN"} else None
    if pos is None:
        return None
    entries = lexicon.for_lemma(token.lemma_.lower(), pos)
    if not entries and token.lower_ != token.lemma_.lower():
        entries = lexicon.for_lemma(token.lower_, pos)
    if not entries and pos == "VERB" and token.lemma_.lower() == token.lower_:
        base = irregular_base(token.lower_)  # a form the lemmatizer does not know ("retook")
        if base is not None:
            entries = lexicon.for_lemma(base, pos)
    return _first_satisfied(token, entries)


#: dependency labels of an adjective that is the predicate of its clause
PREDICATE_DEPS = {"acomp", "ROOT", "ccomp", "conj", "xcomp", "advcl", "parataxis", "oprd"}


def predicative(token: Token) -> bool:
    """An adjective said of the subject ("the EU is deeply concerned about",
    "critical of the plan"), or a participle the parser reads as a passive
    verb ("they were concerned with"); not one modifying a noun ("the
    countries concerned")."""
    if token.pos_ == "ADJ":
        return token.dep_ in PREDICATE_DEPS
    return token.pos_ == "VERB" and token.tag_ == "VBN" \
        and any(c.dep_ == "auxpass" for c in token.children)


def _first_satisfied(token: Token, entries: list[Trigger]) -> Trigger | None:
    """The first entry whose constraint the token satisfies; an object the
    verb takes itself counts before one reached through a phrase ("opened
    fire on their checkpoint" opens fire, not a checkpoint)."""
    dependents: dict[str, set[str]] = {}  # one look at the children per kind of constraint
    if any(e.dep == "obj" for e in entries):  # (constrained entries come first: ``for_lemma``)
        direct = _direct_object_lemmas(token)
        entry = next((e for e in entries if e.dep == "obj" and direct & e.req_lemmas), None)
        if entry is not None:
            return entry
    for entry in entries:
        if not entry.dep:
            return entry
        if entry.dep not in dependents:
            dependents[entry.dep] = _children_lemmas(token, entry.dep)
        if dependents[entry.dep] & entry.req_lemmas:
            return entry
    return None


def _direct_object_lemmas(token: Token) -> set[str]:
    """The lemmas of the objects a verb takes itself, with their compounds."""
    return {w.lemma_.lower() for c in token.children if c.dep_ in {"dobj", "obj"} and not _figurative(c)
            for w in (c, *(g for g in c.children if g.dep_ == "compound"))}


def _has_agent(token: Token) -> bool:
    return any(c.dep_ == "agent" for c in token.children)


def _is_nominal_participle(token: Token) -> bool:
    """"the wounded", "the detained": a participle with a determiner names people."""
    return token.lower_.endswith("ed") and any(c.dep_ == "det" for c in token.children)


def _is_background_noun(token: Token, lexicon: TriggerLexicon | None) -> bool:
    if token.dep_ in NOUN_MODIFIER_DEPS:
        return True
    if _is_nominal_participle(token):
        return True
    if any(c.dep_ == "poss" and c.ent_type_ in {"DATE", "TIME"} for c in token.children):
        return True  # "Tuesday's attack": the event reported before, referred to
    head = token.head
    if token.dep_ == "pobj" and head.lower_ in BACKGROUND_PREPS \
            and not (head.lower_ == "during" and token.lemma_.lower() in TRAVEL_NOUNS):
        return True
    if token.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ in BACKGROUND_PREPS:
        return True  # "ahead of a meeting"
    # inside a clause that describes someone ("a guard involved in a shooting",
    # "Bulgaria, where they face imprisonment"): a description, not a report
    t = token
    for _ in range(3):
        if t.head.i == t.i:
            break
        t = t.head
        if t.dep_ in {"acl", "relcl"} and t.pos_ in {"VERB", "AUX"} \
                and match_entry(t, lexicon) is None:
            return True
    return False


#: nouns of a speech setting: "told a news conference", "at a press briefing"
PRESS_SETTINGS = {"conference", "briefing"}


def _source_formula(token: Token) -> bool:
    """The formulas by which news cites its sources, which report no event:
    "who asked not to be named", "not authorized to talk to the media",
    "told a news conference in La Paz"."""
    lemma = token.lemma_.lower()
    if lemma in {"ask", "request"} and _asks_anonymity(token):
        return True
    if lemma in {"talk", "speak", "comment"} and token.dep_ == "xcomp" \
            and token.head.lemma_.lower() in {"authorize", "authorise", "allow", "permit"}:
        return True
    return lemma in PRESS_SETTINGS and any(c.dep_ == "compound" and c.lower_ in {"news", "press"}
                                           for c in token.children)


def find_triggers(sent: Span, lexicon: TriggerLexicon | None = None) -> list[TriggerMatch]:
    found: list[TriggerMatch] = []
    for token in sent:
        if token.pos_ not in {"VERB", "NOUN", "PROPN", "ADJ"}:
            continue
        if token.ent_type_ in {"PERSON", "GPE", "ORG", "NORP"} and token.pos_ == "PROPN":
            continue
        if token.pos_ == "VERB" and token.dep_ == "amod":
            continue  # "an occupying army"
        if token.pos_ == "VERB" and _is_nominal_participle(token):
            continue  # "evacuated the wounded": people, not an event
        entry = match_entry(token, lexicon)
        if entry is None:
            continue
        if token.pos_ == "VERB" and token.dep_ == "acl" and not _has_agent(token) \
                and not (token.tag_ == "VBG" and entry.event == "PROTEST") \
                and root_noun_subject(token) is None and document_author(token) is None:
            # "militiamen armed with machetes", "refugees fleeing the war"; but
            # "demonstrators protesting the results" is the protest itself; a finite
            # verb hung on a root noun is the sentence's own ("The chief, X, called on"),
            # and what a document issued says is its author's ("a statement condemning")
            continue
        if token.pos_ != "VERB" and _is_background_noun(token, lexicon):
            continue
        if _source_formula(token):
            continue
        found.append(TriggerMatch(token, entry))
    _mark_governed(found)
    return found


COMPLEMENT_DEPS = {"xcomp", "dobj", "pcomp", "pobj", "ccomp", "acomp", "attr", "oprd",
                   "nsubjpass", "nsubj"}
#: adverbial clauses and phrases that report events of their own ("as mutiny
#: shakes Russia", "under a deal brokered by ..."); clauses of time before or
#: after, cause and concession ("after he was implicated", "despite pressure",
#: "although it had donations") are background to the event they modify
SEPARATE_CLAUSE_MARKS = {"as", "while", "whereas"}
SEPARATE_PREPS = {"under", "besides"}


#: acts of force by one side, of which one can be part of another ("killed ... in a raid")
FORCE_TYPES = {"ASSAULT", "COERCE"}


def _mark_governed(found: list[TriggerMatch]) -> None:
    """A trigger inside the complement or object of another trigger is part of
    that event: "refused to meet" is REJECT, "condemned the attack" ACCUSE,
    "agreed to hold talks" AGREE, "rallied to demand reforms" PROTEST. What a
    governed trigger governs is governed too ("threatened to launch an
    offensive unless Baghdad accepted")."""
    by_token = {m.token.i: m for m in found}
    parent: dict[int, tuple[TriggerMatch, list[str], Token]] = {}
    for m in found:  # the nearest trigger above each trigger, the path, the node under it
        t, path = m.token, []
        while t.head.i != t.i and len(path) < 4:
            path.append(t.dep_)
            below, t = t, t.head
            if t.i in by_token:
                parent[m.token.i] = (by_token[t.i], path, below)
                break

    def depth(m: TriggerMatch) -> int:
        n, t = 0, m.token
        while t.head.i != t.i:
            n, t = n + 1, t.head
        return n

    for m in sorted(found, key=depth):  # governors are decided before what they govern
        if m.token.i not in parent:
            continue
        if m.token.dep_ == "acl" and m.entry.event == "PROTEST":
            continue  # "dispersed demonstrators protesting the results": their own event
        gov, path, below = parent[m.token.i]
        if _clause_before_its_answer(m.token, gov.token, path) \
                or _main_clause_under_a_subordinate(gov.token, path):
            continue
        if gov.governed:
            m.governed, m.governor, m.via = True, gov, path[-1]
        elif gov.entry.event == m.entry.event and not {"ccomp", "relcl", "parataxis"} & set(path) \
                and (path[-1] == "conj" or _complement(path[-1], below)) \
                and not _earlier_act_of_another(below, path) and not _told_as_another(m.token) \
                and not (path[-1] == "conj" and _another_party_named(m.token, gov.token)):
            m.governed, m.governor, m.via = True, gov, path[-1]  # one event, said twice
        elif path == ["pobj", "prep"] and below.lower_ in {"in", "during"} and m.token.pos_ == "NOUN" \
                and {m.entry.event, gov.entry.event} <= FORCE_TYPES and gov.token.pos_ == "VERB" \
                and not any(c.dep_ == "poss" for c in m.token.children):
            # "killed 12 militants in a raid": the raid is the operation the killing is part of
            m.governed, m.governor, m.via = True, gov, "prep"
        elif path == ["pcomp", "prep"] and below.lower_ in {"before", "after"} \
                and m.entry.event == "RETREAT" and gov.entry.event == "ASSAULT" \
                and not any(c.dep_ in {"dobj", "obj"} for c in m.token.children):
            # "torched several vehicles before withdrawing": the attackers leaving ends the attack
            m.governed, m.governor, m.via = True, gov, "prep"
        elif m.entry.event == "REQUEST" and path[-1] == "advcl" and not _act_beside(below):
            # "blockaded Paris to demand an end to ...": the demand is the aim
            m.governed, m.governor, m.via = True, gov, "advcl"
        elif len(path) == 1 and path[0] == "nsubj" and m.token.pos_ == "NOUN":
            # "the bombing killed five", "a deployment of troops arrived": the verb
            # reports what the noun names
            m.governed, m.governor, m.via = True, gov, "nsubj"
        elif len(path) == 1 and path[0] in {"dobj", "nsubjpass"} and gov.entry.dep == "obj" \
                and _lemmas(m.token) & gov.entry.req_lemmas:
            # "violated the ceasefire agreement", "reached a deal": the noun is part of
            # the phrase that made the verb an event
            m.governed, m.governor, m.via = True, gov, path[0]
        elif _complement(path[-1], below) and gov.entry.event in GOVERNING_TYPES \
                and not _earlier_act_of_another(below, path) \
                and not (m.entry.event in SAID_BESIDE and _act_beside(m.token)):
            m.governed, m.governor, m.via = True, gov, path[-1] if len(path) == 1 else "deep"


#: words that tell an act as another one of its kind: "held a separate call with Kagame"
ANOTHER_WORDS = {"separate", "another", "second", "different"}


def _told_as_another(token: Token) -> bool:
    """An act told as another of its kind ("spoke with Tshisekedi, and later
    held a separate call with Kagame"; "met X and then had another meeting
    with Y") is a second event, not the first said twice."""
    nouns = [token] + [c for c in token.children if c.dep_ in {"dobj", "obj"}]
    return any(g.dep_ == "amod" and g.lower_ in ANOTHER_WORDS for n in nouns for g in n.children)


#: entity labels that name a party
PARTY_LABELS = {"PERSON", "ORG", "GPE", "NORP"}


def _another_party_named(token: Token, first: Token) -> bool:
    """A verb joined to another of the same kind that names a party of its own
    as its object ("welcomed the release and thanked Cuba and Norway"): a
    second act, aimed at that party, not the first told twice."""
    mine = [c for c in token.children if c.dep_ in {"dobj", "obj"}]
    theirs = [c for c in first.children if c.dep_ in {"dobj", "obj"}]
    return any(o.ent_type_ in PARTY_LABELS for o in mine) and bool(theirs) \
        and not any(t.ent_type_ == o.ent_type_ and t.lower_ == o.lower_ for t in theirs for o in mine)


def _clause_before_its_answer(token: Token, governor: Token, path: list[str]) -> bool:
    """A clause the parser hung as the complement of a verb after it whose
    object comes before it ("Islamabad accuses the Afghan Taliban of
    sheltering the group, a charge Kabul denies": "accuses" under "denies",
    with "a charge" as its object, or as its subject: "accused Armenian
    forces of firing, a charge Armenia denied"): the words are an
    apposition, "a charge [that] Kabul denies", and the clause is a
    sentence of its own, not what is denied."""
    return path == ["ccomp"] and token.i < governor.i and any(
        (c.dep_ in {"dobj", "obj"} or (c.dep_ == "nsubj" and c.lemma_.lower() in CHARGE_NOUNS))
        and token.i < c.i < governor.i for c in governor.children)


#: nouns by which a denial refers to the accusation before it: "..., a charge Armenia denied"
CHARGE_NOUNS = {"charge", "claim", "accusation", "allegation", "assertion"}


#: words that open a clause telling of another time than the clause it modifies
TIME_CLAUSE_MARKS = {"after", "before", "since", "until"}


def _earlier_act_of_another(clause: Token, path: list[str]) -> bool:
    """A clause of another time with a subject of its own ("its jets struck
    hideouts in Afghanistan, a day after militants killed seven soldiers";
    "struck depots, hours after the group fired rockets"): an act of its own
    actor on another day, not the same event told twice."""
    return path[-1] == "advcl" \
        and any(c.dep_ == "mark" and c.lower_ in TIME_CLAUSE_MARKS for c in clause.children) \
        and any(c.dep_ in {"nsubj", "nsubjpass"} for c in clause.children)


#: what a party says beside an act it does: "expelled the diplomat, accusing him of spying"
SAID_BESIDE = {"ACCUSE", "REQUEST", "THREATEN"}


def _act_beside(clause: Token) -> bool:
    """A participle clause beside an act ("suspended the broadcasts of a
    radio station, accusing it of spreading false information"; "ordered a
    Croatian diplomat to leave, accusing him of running a network"): a second
    act of the same actor, not what the first one governs, when it is an
    accusation, demand or threat (SAID_BESIDE; "declared a state of siege,
    suspending ... and arresting ..." tells what the declaration does)."""
    return clause.dep_ == "advcl" and clause.tag_ == "VBG" \
        and not any(c.dep_ in {"mark", "nsubj", "aux"} for c in clause.children) \
        and not _asks_anonymity(clause)


#: what a source asks not to be: "asking not to be named"
_ANONYMITY = {"name", "identify", "quote"}


def _asks_anonymity(clause: Token) -> bool:
    """"..., he said, asking not to be named": how the source is cited, no demand."""
    return any(c.dep_ == "xcomp" and c.lemma_.lower() in _ANONYMITY for c in clause.children)


#: words that open a clause of time or cause
SUBORDINATORS = {"after", "before", "since", "when", "while", "until", "because", "as"}


def _main_clause_under_a_subordinate(governor: Token, path: list[str]) -> bool:
    """A sentence's main clause that the parser hung as the complement of a
    clause of time after it ("The United States on Thursday lifted sanctions
    ..., a month after Trump met al-Sharaa in Riyadh": "lifted" under "met"):
    a clause opened by "after", "since", "when" and the like is no one's
    words or plan, and the clause under it is told on its own."""
    return path[-1] in {"ccomp", "parataxis"} and any(
        c.dep_ == "mark" and c.lower_ in SUBORDINATORS for c in governor.children)


#: wars and fights of these are figures of speech, not armed conflict: "a drug
#: war", "a war of words", "a price war" (trade and tariff wars are sanctions,
#: and coded as such)
FIGURATIVE_MODIFIERS = {"drug", "price", "currency", "culture", "tech",
                        "technology", "chip", "propaganda", "information", "word", "legal",
                        "court", "bidding", "turf", "talent", "subsidy"}


def _figurative(noun: Token) -> bool:
    """A war or fight that is a figure of speech ("a drug war", "a war of words")."""
    if noun.lemma_.lower() not in {"war", "fight", "battle"}:
        return False
    modifiers = {c.lemma_.lower() for c in noun.children if c.dep_ in {"compound", "amod", "nmod"}}
    modifiers |= {g.lemma_.lower() for p in noun.children if p.dep_ == "prep" and p.lower_ == "of"
                  for g in p.children if g.dep_ == "pobj"}
    return bool(modifiers & FIGURATIVE_MODIFIERS)


def _lemmas(token: Token) -> set[str]:
    return {token.lemma_.lower()} | {c.lemma_.lower() for c in token.children if c.dep_ == "compound"}


def _complement(dep: str, node: Token) -> bool:
    """Is ``node`` (attached to a trigger by ``dep``) that trigger's content?
    Objects, complements, purpose clauses and most phrases are ("accused X
    of attacking", "agreed to a ceasefire", "rallied to demand"), and so is
    background ("after he was implicated"); simultaneous clauses and "under"
    phrases are events of their own (see SEPARATE_CLAUSE_MARKS)."""
    if dep == "advcl":
        return not any(c.dep_ == "mark" and c.lower_ in SEPARATE_CLAUSE_MARKS for c in node.children)
    if dep == "prep":
        return node.lower_ not in SEPARATE_PREPS
    return dep in COMPLEMENT_DEPS


#: types whose complement describes the content, not a second event
GOVERNING_TYPES = {"ACCUSE", "REQUEST", "THREATEN", "REJECT", "AGREE", "SUPPORT", "CONCEDE",
                   "CONSULT", "PROTEST", "SANCTION", "RETREAT", "COERCE", "MOBILIZE"}
