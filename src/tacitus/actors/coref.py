"""Within-document coreference: one entity per real-world actor.

Rules, in order, for each mention in text order:
- a person whose name shares a name token with an earlier person ("Qin" after
  "Qin Gang"), or whose name is a spelling variant of one ("Yevgeniy" /
  "Yevgeny Prigozhin"), joins that person; the first name with the most
  words is canonical;
- an organisation joins the earlier one with the same canonical name, or whose
  acronym it is ("Asia-Pacific Economic Cooperation (APEC)", then "APEC");
- a country, or a metonym of its government, joins the entity with the same
  country and sector;
- a nominal ("Russian troops") joins an earlier nominal with the same head,
  country and sector;
- "he"/"she" joins the nearest earlier person within PRONOUN_WINDOW sentences,
  "they" (and "it" as a subject) the nearest earlier group, organisation or
  country named as a subject (the party the story is about, not the group it
  acts on) and else the nearest; "his forces" take the country of whom "his"
  refers to.
Entities pool what their mentions know: country, sector and role. A person
apposed to a title possessed by a body ("the court's president, Judge ...")
takes the body's country; nominal actors and titled persons still with no
country of their own take the article's focus country (the one its text
names most).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from spacy.language import Language
from spacy.tokens import Doc, Token

from ..reference import actor_terms, speech_lemmas
from .mentions import PERSON_PRONOUNS, PERSONAL_POSSESSIVES, ActorMention

_CAPITALIZED = re.compile(r"\b[A-Z][\w.'’-]*[\w.]")


@dataclass
class ActorEntity:
    name: str
    kind: str
    country: str | None = None
    sector: str | None = None
    role: str | None = None
    mentions: list[int] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    assumed: bool = False  # the country is the article's focus, not read from the text
    abroad: bool = False  # named as of a region or of abroad ("Western nations"): no focus country


def _acronym(name: str) -> str:
    words = [w for w in name.replace("-", " ").split() if w[:1].isupper()]
    return "".join(w[0] for w in words)


def _similar(a: str, b: str) -> bool:
    return a == b or (len(a) > 3 and len(b) > 3 and SequenceMatcher(None, a, b).ratio() >= 0.8)


def _same_person(a: str, b: str) -> bool:
    """"Qin" and "Qin Gang" (a single name that is one of the other's), or
    "Yevgeniy" and "Yevgeny Prigozhin" (similar first and last names)."""
    ta, tb = a.split(), b.split()
    if not ta or not tb:
        return False
    if len(ta) == 1 or len(tb) == 1:
        short, full = (ta, tb) if len(ta) == 1 else (tb, ta)
        return short[0] in full
    return _similar(ta[-1], tb[-1]) and _similar(ta[0], tb[0])


def _sentence_index(doc: Doc) -> list[int]:
    index = [0] * len(doc)
    if doc.has_annotation("SENT_START"):
        for n, sent in enumerate(doc.sents):
            for i in range(sent.start, sent.end):
                index[i] = n
    return index


def _antecedent(mentions: list[ActorMention], mi: int, personal: bool,
                sent_of: list[int], doc: Doc | None = None,
                entities: list[ActorEntity] | None = None,
                disabled: frozenset[str] = frozenset()) -> int | None:
    """The entity of the nearest earlier mention a pronoun can refer to, within
    PRONOUN_WINDOW sentences: a person for he/she (or an official named by title only,
    "the minister"), a group, organisation or country for they/it; for "they"
    (given ``doc``) the nearest such one that is a subject, if any.

    person_pronoun_prefers_subject (given ``entities``, unless ``disabled``):
    "he"/"she" as the subject of its clause refers to the nearest person
    named as a subject, the one the passage is about ("Pedersen said Friday
    that ... . He called for"), not to a person named in an object or a
    phrase on the way ("... after apologizing to Hun Manet. Nop Vy told VOA
    ... . He called for"); a pronoun already resolved stands for its person
    ("he tweeted ... he was criticized").

    it_prefers_subject (unless ``disabled``): "it" as the subject of a main or
    reported clause refers to the nearest group, organisation or country named as a
    subject, as "they" does ("The junta, led by Captain Ibrahim Traore, has
    turned to Russia for security support. It ordered French troops to
    leave": the junta, not Russia); a subject the parser made the root of a
    sentence counts as one, and so does a body named before the noun of a
    subject ("The U.N. peacekeeping mission in Congo said Tuesday it was
    deploying": the U.N.)."""
    want = {"person"} if personal else {"org", "metonym", "country", "nominal", "group", "pair"}
    m = mentions[mi]
    speaker = _speaker_of(doc[m.head]) if doc is not None else None
    if speaker is not None:  # "Hamas told Reuters it had rejected ...": it is Hamas
        for pj in range(mi - 1, -1, -1):
            p = mentions[pj]
            if p.start <= speaker.i < p.end and p.entity is not None and (
                    p.kind in want or p.kind == "pronoun"):
                return p.entity
    chains = doc is not None and entities is not None and personal \
        and "person_pronoun_prefers_subject" not in disabled
    clause = doc[m.head].head if doc is not None else None
    while clause is not None and clause.dep_ == "conj" and clause.head.i != clause.i:
        clause = clause.head  # ("... said its strikes were a response, and it warned ...")
    it_main = not personal and "it_prefers_subject" not in disabled and doc is not None \
        and clause.dep_ in {"ROOT", "ccomp"}  # ("... Saudi Arabia if it is attacked": the nearest)
    prefer_subject = doc is not None and (m.plural or (
        (chains or it_main) and doc[m.head].dep_ in {"nsubj", "nsubjpass"}))
    nearest = None
    for pj in range(mi - 1, -1, -1):
        p = mentions[pj]
        if p.entity is None:
            continue
        if sent_of[m.start] - sent_of[p.start] > PRONOUN_WINDOW:
            break
        if p.kind == "pronoun":
            # "he tweeted ... he was criticized": a resolved pronoun stands for its person
            if not (chains and p.text.lower() in PERSON_PRONOUNS
                    and entities[p.entity].kind == "person"):
                continue
        elif not (p.kind in want or (personal and p.kind == "nominal" and not p.plural and p.role)):
            continue
        if not prefer_subject or doc[p.head].dep_ == "nsubj" \
                or (doc[p.head].dep_ == "ROOT" and doc[p.head].pos_ in {"NOUN", "PROPN"}) \
                or (doc[p.head].dep_ in {"compound", "nmod", "poss"} and doc[p.head].head.dep_ == "nsubj"
                    and doc[p.head].head.lemma_.lower() in ORGANISATION_NOUNS):
            # (a subject the parser made the root: "The junta, led by ..., seized power")
            return p.entity
        nearest = p.entity if nearest is None else nearest
    return nearest


def _one_of_the_pair(doc: Doc, mentions: list[ActorMention], mi: int, sent_of: list[int],
                     entities: list[ActorEntity]) -> int | None:
    """The party a mention of a pair stands for ("the two sides", "both
    leaders"; see ``mentions._pair_mentions``), of the kind the pair names
    when there are such (``PAIR_KINDS``), in this order: the story's two
    most named countries (when no third is named as often), when parties of
    both were named before it; the nearest two named joined by "and" within
    PRONOUN_WINDOW sentences; of the parties named within PRONOUN_WINDOW
    sentences, the two nearest of different countries (bodies of the United
    Nations and the like last), else of different sides of one country (the
    army and the rebels). Parties in the pair's own clause ("Guterres urged
    both sides"), whoever reports what the pair does and the press are not
    counted. The nearer is the first mention of the span, the other the
    second; None when fewer than two parties were named."""
    m = mentions[mi]
    second = mi > 0 and mentions[mi - 1].kind == "pair" and mentions[mi - 1].start == m.start
    token = doc[m.head]
    clause = token.head
    reporters = [a.head for a in (token, *token.ancestors) if a.dep_ in {"ccomp", "parataxis"}]
    speakers = {w.i for a in reporters for c in a.children if c.dep_ in {"nsubj", "nsubjpass"}
                for w in (c, *(g for g in c.children if g.dep_ == "appos"))}
    seen: list[tuple[int, str, str, bool]] = []  # entity, country, kind, within the window
    for pj in range(mi - 1, -1, -1):
        p = mentions[pj]
        if p.kind == "pair" or p.entity is None or doc[p.head].head == clause or p.head in speakers:
            continue
        country = entities[p.entity].country or p.country
        if country and entities[p.entity].sector != "JRN" and all(e != p.entity for e, *_ in seen):
            seen.append((p.entity, country, entities[p.entity].kind,
                         sent_of[m.start] - sent_of[p.start] <= PRONOUN_WINDOW))
    kinds = PAIR_KINDS.get(token.lemma_.lower())
    counts = doc._.text_countries or {}
    ranked = sorted((c for c in counts if c not in {"IGO", "NGO"}), key=lambda c: -counts[c])
    top = ranked[:2] if len(ranked) < 3 or counts[ranked[1]] > counts[ranked[2]] else []  # (no tie)
    for pool in ([s for s in seen if s[2] in kinds] if kinds else [], seen):
        two = [next((s for s in pool if s[1] == c), None) for c in top]
        joined = _joined_pair(doc, mentions, mi, sent_of, [s[0] for s in pool if s[3]])
        if len(top) == 2 and None not in two:  # the story's own two countries
            two.sort(key=pool.index)
        elif joined:
            two = [next(s for s in pool if s[0] == e) for e in joined]
        else:
            near = [s for s in pool if s[3]]
            near = [s for s in near if s[1] not in {"IGO", "NGO"}] or near  # (a third party last)
            apart = [near[0]] + [s for s in near[1:] if s[1] != near[0][1]][:1] if near else []
            if len(apart) < 2 and near:  # of one country: the state and the rebels
                side = _side_of(entities[near[0][0]])
                apart = [near[0]] + [s for s in near[1:] if _side_of(entities[s[0]]) != side][:1]
            two = apart if len(apart) == 2 else near[:2]
        if len(two) == 2:
            return two[1 if second else 0][0]
    return None


def _joined_pair(doc: Doc, mentions: list[ActorMention], mi: int, sent_of: list[int],
                 allowed: list[int]) -> list[int] | None:
    """The entities of the nearest two parties named joined by "and" before
    mention ``mi`` ("the DRC's government and the M23 rebel group"), among
    ``allowed``."""
    heads = {m.head: m for m in mentions[:mi] if m.entity is not None}
    for pj in range(mi - 1, -1, -1):
        p = mentions[pj]
        if sent_of[mentions[mi].start] - sent_of[p.start] > PRONOUN_WINDOW:
            break
        first = heads.get(doc[p.head].head.i) if doc[p.head].dep_ == "conj" else None
        if first is not None and first.entity != p.entity \
                and first.entity in allowed and p.entity in allowed:
            return [first.entity, p.entity]
    return None


#: the sides a party can be on in a country's affairs: its state, armed
#: groups against it, and everyone else (parties, the press, civilians, business)
STATE_SECTORS = {"GOV", "MIL", "COP", "SPY", "JUD", "LEG", "PRM"}
ARMED_GROUP_SECTORS = {"REB", "UAF", "CRM", "IMG"}


def _side_of(e: ActorEntity) -> str:
    """Whether a party is of a state, armed against one, or neither."""
    return "armed" if e.sector in ARMED_GROUP_SECTORS else \
        "state" if e.sector in STATE_SECTORS or e.kind == "country" else "other"


#: the kind of party a pair noun names, looked for first ("the two countries" are
#: countries, not the minister who hosted them; "both leaders" are people)
PAIR_KINDS = {"country": {"country", "metonym"}, "nation": {"country", "metonym"},
              "state": {"country", "metonym"}, "government": {"country", "metonym"},
              "leader": {"person"}, "president": {"person"}, "minister": {"person"},
              "counterpart": {"person"}}


def _speaker_of(pronoun: Token) -> Token | None:
    """The subject of the speech verb whose reported clause the pronoun is
    the subject of ("Hamas told Reuters it had rejected ...": Hamas), the one
    a pronoun there refers to, not the addressee named on the way."""
    if pronoun.dep_ not in {"nsubj", "nsubjpass"}:
        return None
    clause = pronoun.head
    if clause.dep_ != "ccomp" or clause.head.lemma_.lower() not in speech_lemmas():
        return None
    verb = clause.head
    if not any(c.dep_ in {"dobj", "dative", "obj"} for c in verb.children):
        return None  # no addressee on the way: the nearest mention is the speaker anyway
    return next((c for c in verb.children if c.dep_ == "nsubj" and c.i < pronoun.i), None)


#: coreference rules that can be switched off (``Coreference.disabled``)
COREF_RULES = ("person_pronoun_prefers_subject", "it_prefers_subject",
               "title_holder_of_a_named_body")


#: nouns that, with "the", stand for the organisation last named: "the group"
#: after "the Group of Seven", "the court" after "the International Court of Justice"
ORGANISATION_NOUNS = {"group", "organization", "organisation", "body", "bloc", "alliance",
                      "court", "council", "agency", "fund", "bank", "union", "commission",
                      "committee", "movement", "coalition", "tribunal", "assembly", "mission"}


def _named_organisation(doc: Doc, m: ActorMention, entities: list[ActorEntity]) -> int | None:
    """"The court regrets ...": a definite organisation noun with nothing of its
    own to say who it is refers to the organisation last named with that noun
    in its name (for "group", "body", "bloc": the organisation last named)."""
    noun = doc[m.head].lemma_.lower()
    if m.plural or noun not in ORGANISATION_NOUNS or m.end - m.start > 1 or not _definite(doc, m):
        return None
    generic = noun in {"group", "body", "bloc", "organization", "organisation"}
    for ei in range(len(entities) - 1, -1, -1):
        e = entities[ei]
        if e.kind == "org" and e.country and (generic or noun in e.name.lower().split()):
            return ei
    return None


def _definite(doc: Doc, m: ActorMention) -> bool:
    """"the diplomats", "The secretary-general" (the article may hang on another word)."""
    return (m.start > 0 and doc[m.start - 1].lower_ == "the") or any(
        c.dep_ == "det" and c.lower_ == "the" for c in doc[m.head].children)


def _head_word(name: str) -> str:
    return name.lower().split()[-1] if name.strip() else ""


def resolve_entities(doc: Doc, mentions: list[ActorMention],
                     disabled: frozenset[str] = frozenset()) -> list[ActorEntity]:
    entities: list[ActorEntity] = []
    acronyms: dict[str, int] = {}
    sent_of = _sentence_index(doc)
    for mi, m in enumerate(mentions):
        target = None
        if m.kind == "person":
            for ei in range(len(entities) - 1, -1, -1):
                e = entities[ei]
                if e.kind == "person" and _same_person(m.name, e.name):
                    target = ei
                    break
        elif m.kind in {"org", "metonym"}:
            target = acronyms.get(m.name)
            if target is None:
                for ei, e in enumerate(entities):
                    if e.kind in {"org", "metonym"} and (e.name == m.name or m.name in e.aliases) \
                            and not (m.country and e.country and m.country != e.country):
                        target = ei  # (but "North Korea's Foreign Ministry" is not South Korea's)
                        break
            # "Asia-Pacific Economic Cooperation (APEC)": the acronym right after
            if target is None and mi > 0:
                prev = mentions[mi - 1]
                # the tokens between, not doc.text (which joins the whole doc anew)
                between = doc[prev.end: m.start].text.strip() if prev.end < m.start else ""
                if prev.kind in {"org", "metonym"} and between == "(" and _acronym(prev.name) == m.name:
                    target = prev.entity
        elif m.kind in {"country", "group"}:
            for ei, e in enumerate(entities):
                if e.kind == m.kind and e.country == m.country and e.sector == m.sector:
                    target = ei
                    break
        elif m.kind == "nominal":
            if m.country is None:
                target = _named_organisation(doc, m, entities)
            for ei, e in enumerate(entities):
                if target is not None:
                    break
                if e.kind == "nominal" and e.name.lower() == m.name.lower() and e.country == m.country:
                    target = ei
            if target is None and m.country is None and _definite(doc, m):
                # "Top diplomats from the G7 gathered ... the diplomats said": the same
                # ones; "U.N. Secretary-General Antonio Guterres ... the secretary-general":
                # the person with that title
                for ei in range(len(entities) - 1, -1, -1):
                    e = entities[ei]
                    same_title = m.role and not m.plural and e.kind == "person" and e.role == m.role
                    same_group = e.kind == "nominal" and _head_word(e.name) == _head_word(m.name)
                    if e.country and (same_title or same_group):
                        target = ei
                        break
        if m.kind == "nominal" and m.possessor and m.country is None:
            # "his forces": the forces of the person "his" refers to
            owner = _antecedent(mentions, mi, m.possessor in PERSONAL_POSSESSIVES, sent_of)
            m.owner = owner
            if owner is not None and entities[owner].country:
                m.country = entities[owner].country
                if target is not None and entities[target].country is None:
                    entities[target].country = m.country
        if m.kind == "pair":
            target = _one_of_the_pair(doc, mentions, mi, sent_of, entities)
            if target is None:
                m.entity = None
                continue
        if m.kind == "pronoun":
            target = _antecedent(mentions, mi, m.text.lower() in PERSON_PRONOUNS, sent_of, doc,
                                 entities, disabled)
            if target is None:
                m.entity = None
                continue
        if target is None:
            entities.append(ActorEntity(m.name, m.kind))
            target = len(entities) - 1
        e = entities[target]
        e.mentions.append(mi)
        m.entity = target
        if m.kind == "person" and len(m.name.split()) > len(e.name.split()):
            e.name = m.name
        if m.kind in {"org", "metonym"} and m.name != e.name and m.name not in e.aliases:
            e.aliases.append(m.name)
            acronyms[m.name] = target
        e.country = e.country or m.country
        e.abroad = e.abroad or m.abroad
        e.sector = e.sector or m.sector
        e.role = e.role or m.role
    if "title_holder_of_a_named_body" not in disabled:
        _title_holder_of_a_named_body(doc, mentions, entities)
    _default_to_focus_country(mentions, entities, doc._.text_countries, doc._.dateline)
    return entities


def _title_holder_of_a_named_body(doc: Doc, mentions: list[ActorMention],
                                  entities: list[ActorEntity]) -> None:
    """title_holder_of_a_named_body: a person with no country of their own in
    apposition to a title whose possessor names a body or its officer ("The
    court's president, Judge Joan Donoghue" after "the International Court
    of Justice"; "The U.N. secretary-general's special representative,
    Helen La Lime") holds that title in that body: the body's country, not
    the article's focus country."""
    by_head = {m.head: m for m in mentions if m.entity is not None
               and entities[m.entity].kind in {"org", "metonym", "country", "nominal"}}
    for e in entities:
        if e.kind != "person" or e.country is not None:
            continue
        for mi in e.mentions:
            token = doc[mentions[mi].head]
            title = token.head
            if token.dep_ != "appos" or title.pos_ != "NOUN" or not (
                    actor_terms().lookup(title.lower_) or actor_terms().lookup(title.lemma_.lower())):
                continue
            owner = next((by_head[c.i] for c in title.children
                          if c.dep_ == "poss" and c.i in by_head), None)
            if owner is not None and entities[owner.entity].country:
                e.country = entities[owner.entity].country
                break


#: kinds of actor that, named without a country, belong to the country the
#: article is about ("militants attacked a train" in a story about Pakistan)
DOMESTIC_KINDS = {"nominal", "person"}
#: officials, whom a story datelined in a capital names without their country
#: ("BEIJING - Foreign ministry spokesperson Lin Jian said ..."): named ones take
#: the dateline's country ("the two ministers" of a Washington story are not American)
OFFICIAL_SECTORS = {"GOV", "LEG", "JUD", "COP", "SPY"}
#: how many sentences back a pronoun looks for what it refers to
PRONOUN_WINDOW = 3


def count_countries(text: str) -> dict[str, int]:
    """Country names and demonyms in a text, counted without parsing it: two
    for each, one for a capital named as a place ("in Havana", "the Cuban
    capital")."""
    from ..reference import countries

    table = countries()
    counts: dict[str, int] = {}
    found = list(_CAPITALIZED.finditer(text))
    words = [m.group(0) for m in found]
    i = 0
    while i < len(words):
        two = f"{words[i]} {words[i + 1]}" if i + 1 < len(words) else None
        iso3 = two and (table.lookup(two) or table.demonym(two))
        step = 2 if iso3 else 1
        for word in (words[i], words[i].rstrip(".")):
            iso3 = iso3 or table.lookup(word) or table.demonym(word) or table.capital(word)
        end = found[i + step - 1].end()
        if iso3:  # (a capital named as a place counts half)
            counts[iso3] = counts.get(iso3, 0) + (1 if _names_a_capital_city(text, found[i].start(), end) else 2)
        i += step
    return counts


_CITY_BEFORE = re.compile(r"(?:\b(?:in|to|from|at|near|outside|capital,?)\s+)$", re.I)
_CAPITAL_AFTER = re.compile(r"^\s+capital\b", re.I)


def _names_a_capital_city(text: str, start: int, end: int) -> bool:
    """"In Havana", "the Cuban capital": a country's capital named as a place
    where something happens says little about whom the story is about."""
    from ..reference import countries

    word = text[start:end]
    if _CAPITAL_AFTER.match(text[end:end + 12]):
        return True
    return bool(countries().capital(word.rstrip("."))) and bool(_CITY_BEFORE.search(text[max(0, start - 12):start]))


def focus_country(mentions: list[ActorMention], text_counts: dict[str, int] | None = None) -> str | None:
    """The country the article is mostly about: the most mentioned one."""
    counts: dict[str, int] = {}
    if text_counts:  # the whole article, when the parsed doc lacks sentences
        return max(sorted(text_counts), key=lambda c: text_counts[c])
    for m in mentions:
        if m.country and len(m.country) == 3 and m.country not in {"IGO", "NGO", "IMG", "MNC"}:
            counts[m.country] = counts.get(m.country, 0) + 1
    if not counts:
        return None
    best = max(counts.values())
    leaders = [c for c, n in counts.items() if n == best]
    if len(leaders) == 1:
        return leaders[0]
    first = {}
    for m in mentions:  # a tie goes to the country named first
        if m.country in leaders and m.country not in first:
            first[m.country] = m.start
    return min(first, key=first.get)


def _default_to_focus_country(mentions: list[ActorMention], entities: list[ActorEntity],
                              text_counts: dict[str, int] | None = None, dateline=None) -> None:
    focus = focus_country(mentions, text_counts)
    home = getattr(dateline, "country", None)
    if focus is None and home is None:
        return
    for e in entities:
        if e.country is None and e.kind in DOMESTIC_KINDS and e.sector and not e.abroad:
            official = e.kind == "person" and e.sector in OFFICIAL_SECTORS
            e.country = home if home and official else focus or home
            e.assumed = True


@Language.factory("tacitus_coref", assigns=["doc._.actor_entities"], requires=["doc._.actor_mentions"],
                  default_config={"disabled_rules": []})
def make_coref(nlp: Language, name: str, disabled_rules: list[str]) -> "Coreference":
    return Coreference(disabled_rules)


class Coreference:
    """Merges a doc's actor mentions into entities; ``disabled_rules`` names
    rules of :data:`COREF_RULES` to skip."""

    def __init__(self, disabled_rules=()):
        unknown = set(disabled_rules) - set(COREF_RULES)
        if unknown:
            raise ValueError(f"unknown coreference rule(s) {sorted(unknown)}; rules that can be "
                             f"switched off: {', '.join(COREF_RULES)}")
        self.disabled = frozenset(disabled_rules)

    def __call__(self, doc: Doc) -> Doc:
        mentions = doc._.actor_mentions or []
        doc._.actor_entities = resolve_entities(doc, mentions, self.disabled)
        return doc
