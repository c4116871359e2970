"""Who and where an event is aimed at when its sentence does not say: places
as targets, unidentified attackers, and the places that can be where an
event happens."""
from __future__ import annotations

from spacy.tokens import Doc, Token

from ..dates import governing_verb, in_clause_of
from ..places import PlaceMention
from ..records import Entity, Location
from ..reference import countries
from .arguments import subject_of
from .triggers import SEPARATE_CLAUSE_MARKS, TIME_CLAUSE_MARKS, match_entry


#: a place name in these roles names an actor or a modifier, not where it happened
NON_PLACE_DEPS = {"nsubj", "nsubjpass", "dobj", "poss", "compound", "amod", "nmod", "appos", "attr"}


#: prepositions that set an event somewhere ("met in Jakarta", "clashes near the border")
SETTING_PREPS = {"in", "at", "near", "outside", "around", "across", "inside", "into",
                 "throughout", "within", "off"}
#: nouns that stand for a place ("the town of Samarra", "Balochistan province")
_PLACE_NOUNS = {"town", "city", "village", "province", "region", "district", "port", "capital",
                "enclave", "county", "state", "island", "islands", "area", "camp", "suburb",
                "border", "desert", "forest", "coast", "governorate", "oblast", "prefecture"}


def _sets_the_scene(root: Token) -> bool:
    """A place named as the setting: the object of a setting preposition ("in
    Somalia"), or a name standing in such an object ("in the town of
    Aungban", "in Balochistan province", "in the capital, Bangui")."""
    node = root
    for _ in range(3):
        if node.dep_ == "pobj":
            if node.head.lower_ in SETTING_PREPS:
                return True
            if node.head.lower_ == "of" and node.head.head.lower_ in SETTING_PREPS:
                return True  # "outside of Basra"
            if node.head.lower_ == "of" and node.head.head.lemma_.lower() in _PLACE_NOUNS:
                node = node.head.head
                continue
            return False
        if node.dep_ in {"compound", "appos", "amod", "nmod"} and node.head.i != node.i:
            if node.dep_ != "appos" and node.head.lemma_.lower() in TOPIC_NOUNS:
                return False  # "interfering in the Taiwan issue": a topic, not a setting
            node = node.head
            continue
        return False
    return False


#: nouns of what is dealt with or talked about: a place that modifies one names a topic
TOPIC_NOUNS = {"issue", "question", "problem", "matter", "affair", "dispute", "policy", "file",
               "relation", "case", "deal", "agreement", "talk", "process", "debate", "row"}


def named_places(doc: Doc) -> list[PlaceMention]:
    """The doc's places that do not name an actor ("Beijing said") or modify a
    noun ("the Iraqi capital"): where an event can be, or what it is aimed at
    ("tariffs on Mexico")."""
    keep = []
    for p in doc._.places or []:
        root = place_root(doc, p)
        if root is not None and root.dep_ == "pobj" and root.head.lower_ == "by":
            continue  # "a company operated by China": an actor
        if root is None or root.dep_ not in NON_PLACE_DEPS:
            keep.append(p)
    return keep


def event_places(doc: Doc) -> list[PlaceMention]:
    """The doc's places that can be where an event happens: those named as a
    setting ("in Kharkiv", "near the town of Samarra"), not a country or city
    that names a party or a topic ("Beijing said", "tariffs on Mexico",
    "support for Ukraine", "assistance from Russia")."""
    keep = []
    for p in doc._.places or []:
        root = place_root(doc, p)
        if root is not None and _sets_the_scene(root):
            keep.append(p)
    return keep


def place_root(doc: Doc, place: PlaceMention) -> Token | None:
    """The token a place mention hangs from in the parse (found once per doc)."""
    # asked for each place for each event: the roots are found once per doc
    roots = doc.user_data.setdefault(_ROOTS, {})
    key = f"{place.start_char}:{place.end_char}"  # (a string: the doc still serialises)
    if key not in roots:
        span = doc.char_span(place.start_char, place.end_char, alignment_mode="expand")
        roots[key] = span.root.i if span is not None else None
    i = roots[key]
    return doc[i] if i is not None else None


#: doc.user_data key of the roots of the doc's places, by their offsets
_ROOTS = "tacitus.place_roots"


def _in_other_time_clauses(token: Token, clause: Token) -> set[int]:
    """The tokens of the clauses of time ("after", "since", ...) in the
    sentence of ``token`` that neither hold it nor are its own ``clause``."""
    return {t.i for v in token.sent
            if v.dep_ == "advcl" and v != clause and not v.is_ancestor(token)
            and any(c.dep_ == "mark" and c.lower_ in TIME_CLAUSE_MARKS for c in v.children)
            for t in v.subtree}


def own_clause_places(doc: Doc, token: Token, places: list[PlaceMention]) -> list[PlaceMention]:
    """The places an event can be in: for an event told in a simultaneous clause
    of its own ("ministers meet in Jakarta as a mutiny shakes Russia") only the
    places of that clause; for any other, all of them."""
    clause = governing_verb(token)
    if not (clause.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in SEPARATE_CLAUSE_MARKS for c in clause.children)):
        # the places of another clause of time are where something else happened
        # ("fired a missile ..., days after Pyongyang threatened drills by Seoul and Washington")
        other = _in_other_time_clauses(token, clause)
        return [p for p in places if (root := place_root(doc, p)) is None or root.i not in other] \
            if other else places
    inside = {t.i for t in clause.subtree}
    return [p for p in places if (root := place_root(doc, p)) is not None and root.i in inside]


def clause_places(doc: Doc, token: Token, places: list[PlaceMention]) -> list[PlaceMention]:
    """The places named in the clause of ``token`` (or in a participle clause
    with no subject of its own attached to it); for a verb conjoined to another
    that names none, those of the other ("met in Bangui and signed an
    agreement"). A place in another clause of the sentence (a relative clause,
    a simultaneous "as" clause with a subject of its own, a purpose clause) is
    where something else happens."""
    verb = governing_verb(token)
    while True:
        sent = token.sent
        keep = [p for p in places if (root := place_root(doc, p)) is not None
                and sent.start <= root.i < sent.end and in_clause_of(token, root, adjuncts=True)]
        if keep or verb.dep_ != "conj" or verb.head.pos_ not in {"VERB", "AUX"}:
            return keep
        token = verb = verb.head


def location_record(place: PlaceMention | None) -> Location | None:
    if place is None:
        return None
    return Location(name=place.name, country=place.country, lat=place.lat, lon=place.lon,
                    geonameid=place.geonameid)


#: material events whose target, when no one else is named, is the place they
#: happen in: "imposed a curfew in Algiers", "fired shells at targets in Jericho"
PLACE_TARGETED = {"ASSAULT", "COERCE", "PROTEST", "MOBILIZE", "CONCEDE", "RETREAT", "AID",
                  "THREATEN", "SANCTION"}


def place_as_recipient(place: PlaceMention | None) -> list[Entity]:
    if place is None or not place.country:
        return []
    # the party is the country that holds the place (the text names the place)
    return [Entity(text=place.text, name=countries().name(place.country) or place.name,
                   country=place.country,
                   sector=None, role=None, start=place.start_char, end=place.end_char)]


#: what a trigger's content hangs from (not its subject, not a separate clause)
PHRASE_DEPS = {"dobj", "obj", "prep", "xcomp", "dative", "conj"}


def place_in_phrase(doc: Doc, token: Token, places: list[PlaceMention]) -> PlaceMention | None:
    """A place named inside what the event is about: "evacuate the settlements in
    the Gaza Strip", "opened an embassy in Tehran"; not a meeting's venue ("agreed
    to hold talks in Geneva")."""
    if token.pos_ not in {"VERB", "AUX"}:
        return None
    inside = {t.i for c in token.children if c.dep_ in PHRASE_DEPS
              and not (c.dep_ == "conj" and any(g.dep_ in {"nsubj", "nsubjpass"} for g in c.children))
              for t in c.subtree}  # (a conjoined clause with a subject of its own is not)
    for p in places:
        root = place_root(doc, p)
        if root is None or not p.country or root.i not in inside:
            continue
        path = [a for a in root.ancestors if a.i != token.i and a.i in inside]
        if any((entry := match_entry(a)) is not None and entry.event == "CONSULT" for a in path):
            continue  # a venue
        return p
    return None


#: subjects that carry an attack made by someone: "a roadside bomb killed ..."
ATTACK_MEANS = {"bomb", "blast", "explosion", "mine", "device", "rocket", "missile", "shell",
                "mortar", "grenade", "drone", "gunfire", "gunman", "strike", "airstrike",
                "shelling", "bullet", "ied", "artillery", "fire", "barrage", "ambush"}


def by_someone(token: Token) -> bool:
    """An ASSAULT whose subject is a thing that is no weapon ("bushfires continue
    to burn") is no attack by unidentified forces."""
    if token.pos_ not in {"VERB", "AUX"}:
        return True
    s = subject_of(token)
    if s is None:
        return True
    if s.pos_ in {"PRON", "PROPN"} or s.lemma_.lower() in ATTACK_MEANS:
        return True
    entry = match_entry(s)
    return entry is not None and entry.event == "ASSAULT"  # "the bombing killed ..."


def unidentified_attackers(place: PlaceMention | None, token: Token) -> list[Entity]:
    """An attack nobody is named for ("a roadside bomb killed three soldiers
    near Samarra") is by unidentified armed forces (PLOVER sector UAF) of the
    country it happens in."""
    if place is None or not place.country:
        return []
    return [Entity(text=token.text, name="unidentified attackers", country=place.country,
                   sector="UAF", role=None, start=token.idx, end=token.idx + len(token))]
