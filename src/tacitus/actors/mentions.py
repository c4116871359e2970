"""Actor mentions: named (PERSON, ORG, GPE, NORP), nominal ("officials",
"Russian troops") and pronouns, each coded with country, sector and role.

A mention is coded from what the text says about it locally (titles,
demonyms, possessives, acronyms in the reference tables); the coref step then
merges mentions into one entity per real-world actor and shares what any of
its mentions knows.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy
from spacy.attrs import ENT_IOB, IS_UPPER, LENGTH, LOWER, ORTH, POS
from spacy.parts_of_speech import PROPN
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .. import nlp as _nlp  # noqa: F401  (declares the extensions)
from ..places import LOCATIVE_PREPS
from ..reference import actor_terms, countries, regional_words
from .tables import ActorTables

NAMED_LABELS = {"PERSON", "ORG", "GPE", "NORP", "FAC"}
PERSON_PRONOUNS = {"he", "she", "him", "her"}
GROUP_PRONOUNS = {"they", "them", "it"}
PERSONAL_POSSESSIVES = {"his", "her"}
#: heads of quantity phrases: the actor of "dozens of protesters" is "protesters"
QUANTITY_LEMMAS = {"dozen", "dozens", "hundred", "hundreds", "thousand", "thousands",
                   "number", "group", "some", "many", "several", "million", "millions",
                   "billion", "billions",
                   "member", "members", "one", "two", "three", "four", "five", "six",
                   "seven", "eight", "nine", "ten"}


@dataclass
class ActorMention:
    start: int  # token index (inclusive)
    end: int  # token index (exclusive)
    head: int  # token index of the syntactic head
    text: str
    start_char: int
    end_char: int
    kind: str  # person | org | country | metonym | nominal | group | pronoun
    name: str  # canonical name candidate
    country: str | None = None
    sector: str | None = None
    role: str | None = None
    plural: bool = False
    entity: int | None = None  # index in doc._.actor_entities (set by coref)
    possessor: str | None = None  # "his", "their": a possessive pronoun coref resolves
    owner: int | None = None  # the entity the possessor refers to (set by coref)
    abroad: bool = False  # "Western nations", "foreign forces": of no single country


def entity_text(token: Token) -> str:
    """The named entity a token is part of, as written (else the token itself)."""
    if not token.ent_type_:
        return token.text
    doc = token.doc
    start, end = token.i, token.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[start:end].text


def _hyphen_units(words: list[Token]) -> list[tuple[str, int]]:
    """Lowercased words with hyphenated compounds joined, each with the index
    of its first token."""
    units: list[tuple[str, int]] = []
    for w in words:
        attached = units and w.i > 0 and not w.doc[w.i - 1].whitespace_
        if attached and (w.text == "-" or units[-1][0].endswith("-")):
            units[-1] = (units[-1][0] + w.lower_, units[-1][1])
        else:
            units.append((w.lower_, w.i))
    return units


def _sentence_start(doc: Doc, i: int) -> int:
    """The first token of the sentence holding token ``i``: no mention reaches
    into the sentence or heading before ("... French brandy. Chinese Commerce
    Minister Wang Wentao")."""
    while i > 0 and not doc[i].is_sent_start:
        i -= 1
    return i


def _title_before(tables: ActorTables, doc: Doc, start: int,
                  limit: int) -> tuple[int, str | None, str | None, str | None]:
    """Read titles and nationality written before a name: "Chinese Foreign
    Minister Qin Gang". Returns (new start, country, sector, role)."""
    words: list[Token] = []
    i = start - 1
    limit = max(limit, _sentence_start(doc, start))
    while i >= limit and i >= start - 6:
        t = doc[i]
        if t.is_space or (t.is_punct and t.text not in {"-", "."}):
            break  # (a blanked sentence or a line break ends the title too)
        if t.lower_ == "of" and i + 1 < start and doc[i + 1].is_title and i > limit and doc[i - 1].is_title:
            pass  # "Secretary of State"
        elif t.tag_ == "VBN" and i - 1 >= limit and doc[i - 1].text == "-":
            pass  # "United Nations-appointed special rapporteur"
        elif t.pos_ in {"DET", "VERB", "AUX", "ADP", "CCONJ", "PRON"} or t.ent_type_ == "PERSON":
            break
        words.insert(0, t)
        i -= 1
    country = sector = role = None
    new_start = start
    if not words:
        return new_start, None, None, None
    units = _hyphen_units(words)  # "Secretary - General" is one word
    match = actor_terms().longest_match([u for u, _ in units])
    if match:
        n, term = match
        sector, role = term.sector, term.role or None
        new_start = units[len(units) - n][1]
        rest = [w for w in words if w.i < new_start]
    else:
        rest = words
    if len(rest) >= 2 and rest[-1].tag_ == "VBN" and rest[-2].text == "-":
        rest = rest[:-2]  # "United Nations-appointed": who appointed the holder
    for n in range(len(rest)):  # longest first: "North Korean" before "Korean"
        phrase = " ".join(w.text for w in rest[n:n + 2]) if n + 1 < len(rest) else rest[n].text
        c = None
        if n + 1 < len(rest):
            c = countries().demonym(phrase) or countries().lookup(phrase)
        if c is None:
            c = countries().demonym(rest[n].text) or countries().lookup(rest[n].text)
        if c:
            country = c
            if match:
                new_start = rest[n].i
            break
    if country is None and match and rest:
        for n in range(len(rest)):
            org = tables.orgs.lookup(" ".join(w.text for w in rest[n:]))
            if org is not None:
                country = org.country
                if org.country not in {"IGO", "NGO"} and org.sector and sector == "GOV":
                    sector = org.sector  # "Wagner chief": the group's sector
                new_start = rest[n].i
                break
    return new_start, country, sector, role


def _country_of_modifiers(tables: ActorTables, token: Token) -> str | None:
    """Country from a noun's left modifiers: "Russian troops", "U.S. officials",
    "Iran's foreign ministry"."""
    for child in token.children:
        if child.dep_ in {"amod", "compound", "nmod", "poss"} and child.i < token.i:
            text = entity_text(child) if child.ent_type_ in {"GPE", "NORP", "ORG"} else child.text
            c = (countries().demonym(text) or countries().lookup(text)
                 or countries().capital(text) or _named_country(child))
            if c:  # (the last: a name of two words the model did not tag, "Burkina Faso's")
                return c
            org = (tables.orgs.lookup(text) or tables.people.lookup(text)) if text[:1].isupper() else None
            if org and org.country:  # "the Bush administration", "Democratic senators"
                return org.country
    return None


def _modifier_countries(token: Token) -> list[str]:
    """All demonym modifiers of a nominal, coordinated ones included:
    "Hungarian and Romanian officials" -> [HUN, ROU]."""
    found = []
    for child in token.children:
        if child.dep_ in {"amod", "compound", "nmod"} and child.i < token.i:
            for t in [child, *child.conjuncts]:
                c = _named_country(t)
                if c and c not in found:
                    found.append(c)
    return found


def _named_country(t: Token) -> str | None:
    """The country a word names as a demonym or a name, with the capitalised
    words before it ("North Korean" of "Russian and North Korean leaders")."""
    words = [c for c in t.lefts if c.dep_ in {"compound", "amod"} and c.is_title] + [t]
    for n in range(len(words)):
        text = " ".join(w.text for w in words[n:])
        c = countries().demonym(text) or countries().lookup(text)
        if c:
            return c
    return None


def _names_in_full(tables: ActorTables, doc: Doc, ents: list[Span]) -> list[Span]:
    """The organisations and people of the tables named in full where the
    model's entity recogniser (``ents``) tagged only part of the name, or
    parts of it under other labels ("Reporters Without Borders" with
    "Borders" a PERSON, "Ursula von der Leyen" as "Ursula von der" and
    "Leyen", "Islamic State" with "Islamic" a nationality): the whole name,
    as an ORG or a PERSON. A name that an entity runs past is left to the
    entity, and no two names found overlap."""
    out: list[Span] = []
    taken: set[int] = set()
    orth = doc.to_array([ORTH])
    for table, label in ((tables.orgs, "ORG"), (tables.people, "PERSON")):
        for i in numpy.flatnonzero(numpy.isin(orth, table.first_word_hashes)):
            i = int(i)
            if i in taken:
                continue
            for words in table.names_in_words.get(doc[i].text, ()):
                end = i + len(words)
                if end > len(doc) or any(doc[i + k].text != w for k, w in enumerate(words)) \
                        or any(k in taken for k in range(i, end)):
                    continue
                hit = [e for e in ents if e.start < end and i < e.end]
                if any(e.start <= i and end <= e.end for e in hit) or any(e.end > end for e in hit):
                    break  # one entity holds the name, or runs past it
                if any(e.start < i and any(t.lower_ != "the" for t in doc[e.start:i]) for e in hit):
                    break  # an entity that starts before the name ("the" aside)
                out.append(Span(doc, i, end, label=label))
                taken.update(range(i, end))
                break
    return out


def _untagged_known_names(tables: ActorTables, doc: Doc, found: list[Span]) -> list[Span]:
    """People the tables know by one word, named by it where the model's
    entity recogniser tagged nothing ("Modi announced that ...", "Pedersen
    said Friday ..."): a capitalised proper noun outside every entity and not
    part of a longer name, as a PERSON; organisations known by an acronym
    the model took for a common noun ("ECOWAS has threatened ..."), as an ORG;
    and a country's name as a subject or object ("Serbia on Thursday ordered
    ..."), as a GPE."""
    if not len(doc):
        return []
    covered = {k for s in found for k in range(s.start, s.end)}
    names = tables.people.one_word_names
    acronyms = tables.orgs.one_word_names
    array = doc.to_array([POS, ENT_IOB])
    out = []
    for i in numpy.flatnonzero(array[:, 1] == 2):
        t = doc[int(i)]
        if t.i in covered:
            continue
        if t.is_upper and len(t) >= 3 and t.text in acronyms and t.dep_ != "compound":
            # "ECOWAS has threatened", tagged a noun ("ICE attorneys" are read as a nominal)
            out.append(Span(doc, t.i, t.i + 1, label="ORG"))
            continue
        if t.pos == PROPN and t.is_title and t.dep_ in {"nsubj", "nsubjpass", "dobj", "conj"} \
                and not any(c.dep_ == "compound" for c in t.children) and countries().lookup(t.text):
            # "Serbia on Thursday ordered ...": a country's name as a party, tagged nothing
            out.append(Span(doc, t.i, t.i + 1, label="GPE"))
            continue
        if t.pos != PROPN or t.text not in names or not t.is_title or t.dep_ == "compound" \
                or any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in t.children):
            continue
        out.append(Span(doc, t.i, t.i + 1, label="PERSON"))
    return out


def _entities(tables: ActorTables, doc: Doc) -> list[Span]:
    """The document's entities, with the names of the tables written in full
    (:func:`_names_in_full`) instead of the pieces of them the model tagged."""
    ents = list(doc.ents)
    whole = _names_in_full(tables, doc, ents) if len(doc) else []
    whole += _untagged_known_names(tables, doc, whole)
    if not whole:
        return ents
    covered = {k for s in whole for k in range(s.start, s.end)}
    kept = [e for e in ents if not any(k in covered for k in range(e.start, e.end))]
    return sorted(kept + whole, key=lambda s: s.start)


def _named_mentions(tables: ActorTables, doc: Doc) -> list[ActorMention]:
    out: list[ActorMention] = []
    prev_person_end = 0
    for ent in _entities(tables, doc):
        if ent.label_ not in NAMED_LABELS:
            continue
        span = ent
        if span[0].lower_ == "the" and len(span) > 1:
            span = doc[span.start + 1: span.end]
        if span[-1].text in {"'s", "’s", "'"} and len(span) > 1:
            span = doc[span.start: span.end - 1]
        label = ent.label_
        if label != "PERSON" and _looks_like_person(tables, span, out):
            label = "PERSON"
        m = _code_named(tables, doc, span, label, prev_person_end)
        if m is None:
            continue
        if m.kind == "person":
            prev_person_end = m.end
            # titles absorb the names inside them: "U.S. Secretary of State X"
            out = [o for o in out if not (m.start <= o.start and o.end <= m.end)]
        out.append(m)
    return out


def _looks_like_person(tables: ActorTables, span: Span, earlier: list[ActorMention]) -> bool:
    """An ORG/GPE/FAC the model mislabelled: a person the tables know by
    this name, or it shares a name with an earlier
    person ("Yevgeniy Prigozhin" after "Yevgeny Prigozhin"), or stands in
    apposition to a title ("his counterpart Retno Marsudi")."""
    if tables.orgs.lookup(span.text) or countries().resolve(span.text) \
            or countries().capital(span.text):
        return False
    if not all(t.is_title for t in span):
        return False
    if tables.people.lookup(span.text) is not None:
        return True  # "Erdogan denounced Israel", "Milorad Dodik" tagged a building
    names = {w for m in earlier if m.kind == "person" for w in m.name.split()}
    if span[-1].text in names:
        return True
    if span.start > 0:  # "Vice-President Moody Awori": a title before the name
        before = [t for t in span.doc[max(0, span.start - 4): span.start]]
        match = actor_terms().longest_match([u for u, _ in _hyphen_units(before)])
        if match and match[1].role and len(span) >= 2:
            return True
    root = span.root
    if root.dep_ == "appos" and actor_terms().lookup(root.head.lower_) is not None \
            and actor_terms().lookup(root.head.lower_).sector in {"GOV", "MIL", "JUD", "LEG"}:
        return len(span) >= 2
    return False


def _code_named(tables: ActorTables, doc: Doc, span: Span, label: str,
                limit: int) -> ActorMention | None:
    text = span.text
    start, end = span.start, span.end
    head = span.root.i
    kind, name = "org", text
    country = sector = role = None
    org = tables.orgs.lookup(text)
    if label == "ORG" and org is None and actor_terms().lookup(text.lower()) is not None \
            and not any(w.is_title for w in span if w.i != span.start):
        return None  # "Sri Lanka's navy" tagged ORG: the nominal, with its possessor's country
    if label in {"PERSON", "ORG", "FAC"} and org is None and countries().lookup(text):
        label = "GPE"  # "Sri Lanka", "Benin" mislabelled by the model
    elif label in {"PERSON", "ORG"} and org is None and countries().capital(text) \
            and tables.people.lookup(text) is None:
        label = "GPE"  # "accused Yerevan of delaying", "Dhaka summoned": a capital mislabelled
    elif label in {"ORG", "NORP"} and org is None and tables.people.lookup(text) is not None:
        label = "PERSON"  # "Putin" mislabelled by the model
    elif label == "PERSON" and org is not None and tables.people.lookup(text) is None:
        label = "ORG"  # "Al-Shabab" mislabelled as a person
    if label == "PERSON":
        kind = "person"
        start, country, sector, role = _title_before(tables, doc, span.start, limit)
        if sector is None:
            app = _appositive_title(tables, span.root) or _apposed_to(tables, span.root)
            if app:
                country, sector, role = app
        if country is None:  # "King Hassan of Morocco"
            country = _of_phrase_country(tables, span.root)
        if country is None and (known := tables.people.lookup(text)) is not None:
            country, sector = known.country, sector or known.sector  # "Putin", "President Obama"
    elif org is not None:
        kind = "org" if org.sector not in {"GOV", "MIL"} or org.country in {"IGO", "NGO"} else "metonym"
        name, country, sector = org.name, org.country, org.sector or None
        owner = _possessor_country(tables, span.root) if len(org.country or "") == 3 \
            and org.country not in NON_STATE_CODES else None
        if owner and owner != org.country:
            # "Pakistan's Foreign Office": a body of the possessor's state, whatever
            # body of another state the words also name
            name, country = span.text, owner
    elif label in {"GPE", "NORP"}:
        c = countries().lookup(text)
        if c and _place_of_a_place(span.root):
            return None  # "talks in Qatar's capital, Doha": where, not who
        if c:
            kind, name, country = "country", countries().name(c), c
        elif (c := countries().demonym(text)):
            # a demonym that modifies a noun belongs to that noun's mention
            if span.root.dep_ in {"amod", "compound", "nmod"} and span.root.head.pos_ in {"NOUN", "PROPN"}:
                return None
            kind, name, country = "group", text, c
            if span.start > 0 and doc[span.start - 1].lower_ == "ethnic":
                # "ethnic Albanians in Serbia": coded by where they live (CAMEO
                # convention); the article's focus country decides
                kind, country, sector = "nominal", None, "CVL"
                start = span.start - 1
        elif (c := countries().capital(text)):
            if _object_of_place(span.root) or (span.root.dep_ == "appos"
                                               and _object_of_place(span.root.head)):
                return None  # "met in Jakarta", "in Qatar's capital, Doha": a place, not the government
            if span.root.dep_ == "compound" and span.root.head.pos_ == "NOUN":
                return None  # "the Kabul attack": where, not who ("the Kabul government"
                #              takes its country from the modifier all the same)
            kind, name, country, sector = "metonym", text, c, "GOV"
        else:
            return None  # cities and regions are places, not actors
    elif label == "FAC":
        return None
    else:  # an ORG not in the tables: read country and sector from its words
        words = [t.lower_ for t in span]
        for n in range(len(span)):  # "North Korean Defense Ministry": longest first
            two = span[n:n + 2].text if n + 1 < len(span) else None
            c = (two and (countries().demonym(two) or countries().lookup(two))) \
                or countries().demonym(span[n].text) or countries().lookup(span[n].text)
            if c:
                country = c
                break
        match = actor_terms().longest_match(words)
        if match is None:
            for w in reversed(words):
                term = actor_terms().lookup(w)
                if term:
                    match = (1, term)
                    break
        if match:
            sector = match[1].sector
        if country is None:  # "the United Nations Emergency Relief Coordinator"
            country = _org_inside(tables, span)
        if country is None:
            country = _country_of_modifiers(tables, span.root)
        if country is None:  # "Greece's Shipping Minister Christos Stylianides" tagged ORG
            country = next((c for t in span if (c := _possessor_country(tables, t))), None)
        if country is None and words and words[0] in NGO_HEADS:
            country = "NGO"  # "Association of African Jurists", "Institute for War and Peace"
        elif country is None and words and words[-1] in NGO_HEADS:
            country = "NGO"  # "the Carter Foundation", "Human Rights Watch"
    plural = span.root.tag_ in {"NNS", "NNPS"}
    return ActorMention(start, end, head, doc[start:end].text, doc[start].idx,
                        doc[end - 1].idx + len(doc[end - 1]), kind, name,
                        country, sector, role, plural)


#: codes of parties that are not states (bodies of no one state, firms)
NON_STATE_CODES = {"IGO", "NGO", "IMG", "MNC"}


#: nouns of places a country's name can own ("in Qatar's capital", "in Russia's Kursk region")
PLACE_HEADS = {"capital", "city", "town", "village", "province", "region", "district", "state", "port"}


def _place_of_a_place(token: Token) -> bool:
    """A country named as the owner of a place in a phrase of place ("talks
    in Qatar's capital, Doha")."""
    return token.dep_ == "poss" and token.head.lemma_.lower() in PLACE_HEADS and _object_of_place(token.head)


def _object_of_place(token: Token) -> bool:
    """The object of a preposition of place ("in Jakarta")."""
    return token.dep_ == "pobj" and token.head.lower_ in LOCATIVE_PREPS


#: words that name a non-governmental organisation when the name gives no country
NGO_HEADS = {"association", "foundation", "society", "institute", "watch", "federation",
             "league", "network", "centre", "center"}


def _known_org(tables: ActorTables, tokens: list[Token], *, shortest: int = 1,
               longest: int | None = None, from_start: bool = False):
    """The longest known organisation named by a run of ``tokens`` (starting with
    the first when ``from_start``), of ``shortest`` to ``longest`` tokens."""
    top = len(tokens) if longest is None else min(longest, len(tokens))
    for size in range(top, shortest - 1, -1):
        for i in ([0] if from_start else range(len(tokens) - size + 1)):
            org = tables.orgs.lookup("".join(t.text_with_ws for t in tokens[i:i + size]).strip())
            if org is not None and org.country:
                return org
    return None


def _org_inside(tables: ActorTables, span: Span) -> str | None:
    """The country of the longest known organisation named inside an unknown one
    ("the United Nations Emergency Relief Coordinator", "the UNICEF office"):
    by two words or more, or by an acronym."""
    words = list(span)
    org = _known_org(tables, words, longest=len(span) - 1, shortest=2)
    if org is None:  # one word alone only as an acronym ("Democratic" of an alliance is none)
        org = next((o for t in words if t.is_upper
                    and (o := tables.orgs.lookup(t.text)) is not None and o.country), None)
    return org.country if org else None


def _apposed_to(tables: ActorTables, token: Token) -> tuple[str | None, str, str | None] | None:
    """A name in apposition to a title noun: "his Indonesian counterpart Retno Marsudi"."""
    if token.dep_ != "appos":
        return None
    head = token.head
    term = actor_terms().lookup(head.lower_) or actor_terms().lookup(head.lemma_.lower())
    if term is None:
        return None
    country = _country_of_modifiers(tables, head) or _of_phrase_country(tables, head)
    return country, term.sector, term.role or None


def _appositive_title(tables: ActorTables,
                      token: Token) -> tuple[str | None, str, str | None] | None:
    """"Qin Gang, China's foreign minister," -> (CHN, GOV, foreign minister)."""
    for child in token.children:
        if child.dep_ == "appos" and child.pos_ in {"NOUN", "ADJ"}:  # "secretary-general"
            last = child.i  # "UN secretary-general": the hyphenated title ends later
            while last + 2 < len(token.doc) and token.doc[last + 1].text == "-":
                last += 2
            words = [t for t in child.subtree if t.i <= last and t.dep_ not in {"det", "poss", "case"}]
            match = actor_terms().longest_match([u for u, _ in _hyphen_units(words)])
            body = _body_of(tables, child)
            if match:
                _, term = match
                country, sector = _country_of_modifiers(tables, child), term.sector
            elif body is not None:  # "the head of Doctors Without Borders"
                country, sector, term = None, None, None
            elif "title_of_a_body_sets_sector" not in SWITCHED_OFF \
                    and (of_body := _body_term(tables, child)) is not None:
                return of_body  # "a member of the upper house": the body's sector
            else:
                continue
            if country is None and body is not None:
                country = body.country
                if body.country == "NGO" or sector is None:
                    sector = body.sector or sector  # the head of an NGO does what it does
            return country, sector, (term.role or None) if term else None
    return None


def _body_term(tables: ActorTables, token: Token) -> tuple[str | None, str, None] | None:
    """title_of_a_body_sets_sector: a title noun "of" a body the tables do not name but the actor terms do
    ("a member of the upper house", "a spokesman for the national police"):
    the body's sector, and its country when its modifiers give one."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in {"of", "for", "at"}:
            for g in child.children:
                if g.dep_ != "pobj" or g.pos_ != "NOUN":
                    continue
                words = [c.lower_ for c in g.lefts if c.dep_ in {"compound", "amod"}] + [g.lower_]
                match = actor_terms().longest_match(words)
                if match is not None and match[1].sector:
                    return _country_of_modifiers(tables, g), match[1].sector, None
    return None


def _body_of(tables: ActorTables, token: Token):
    """The organisation a title noun is of ("head of Doctors Without Borders",
    "spokesperson for UNICEF"): whom its holder speaks for."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in {"of", "for", "at"}:
            for g in child.children:
                if g.dep_ == "pobj":
                    org = tables.orgs.lookup(entity_text(g)) or _org_at(tables, g)
                    if org is not None and org.country:
                        return org
    return None


def _nominal_mentions(tables: ActorTables, doc: Doc, taken: set[int]) -> list[ActorMention]:
    out = []
    for t in doc:
        if t.i in taken or t.pos_ not in {"NOUN", "PROPN"} or t.dep_ in {"compound"}:
            continue
        if t.lower_ in MASS_NOUNS and not any(True for _ in t.lefts):
            continue  # "threatened to use force": force, not a force
        words = [c.lower_ for c in t.lefts if c.dep_ in {"compound", "amod"} and c.i not in taken]
        words.append(t.lemma_.lower() if t.tag_ in {"NNS", "NNPS"} else t.lower_)
        match = actor_terms().longest_match(words)
        if not match:
            match = actor_terms().longest_match([t.lower_])
            match = match and (1, match[1])
        if not match:
            continue
        n, term = match
        outside = words[:len(words) - n]  # "Western" of "Western leaders", not "foreign" of "foreign minister"
        left = min([c.i for c in t.lefts if c.dep_ in {"compound", "amod", "nmod", "poss"}] + [t.i])
        if left in taken:
            left = t.i
        countries_found = _modifier_countries(t) or _of_phrase_countries(t)
        # "Russian troops", "U.S. officials", "the Wagner Group's boss", "fighters of X"
        country = ((countries_found or [None])[0] or _country_of_modifiers(tables, t)
                   or _possessor_country(tables, t) or _of_phrase_country(tables, t))
        role = term.role or None
        sector = term.sector
        if country is None and sector == "SOC" and t.lemma_.lower() in NGO_NOUNS:
            country = "NGO"  # "rights groups", "environment groups": no state's
        armed = _armed_group_modifier(tables, t)
        if armed is not None:  # "Wagner troops", "Hamas fighters": the group's own sector
            country, sector = armed.country or country, armed.sector
        span = doc[left: t.i + 1]
        base = ActorMention(left, t.i + 1, t.i, span.text, span.start_char, span.end_char,
                            "nominal", span.text, country, sector, role,
                            t.tag_ in {"NNS", "NNPS"})
        if country is None:
            # "his forces", and "his country's police": the country of whom "his" refers to
            base.possessor = next((c.lower_ for c in t.children
                                   if c.dep_ == "poss" and c.pos_ == "PRON"), None) or next(
                (g.lower_ for c in t.children if c.dep_ == "poss" and c.lemma_.lower() in HOMELAND_NOUNS
                 for g in c.children if g.dep_ == "poss" and g.pos_ == "PRON"), None)
            base.abroad = any(w in regional_words() for w in outside)
        out.append(base)
        for extra in countries_found[1:]:  # "Hungarian and Romanian officials"
            out.append(ActorMention(left, t.i + 1, t.i, span.text, span.start_char, span.end_char,
                                    "nominal", span.text, extra, term.sector, role, True))
    return out


ARMED_SECTORS = {"REB", "PRM", "MIL", "COP", "SPY", "UAF"}
#: nouns for the country a possessive pronoun's person belongs to ("his country's police")
HOMELAND_NOUNS = {"country", "nation"}
#: actor terms that, alone and with no article, name a thing and not a party
MASS_NOUNS = {"force", "security", "intelligence", "justice", "leadership"}
#: nouns of civil-society bodies: named with no country, they are non-governmental
#: organisations (code NGO), not bodies of the country the article is about
NGO_NOUNS = {"group", "organization", "organisation", "watchdog", "ngo", "charity"}


def _armed_group_modifier(tables: ActorTables, token: Token):
    """An armed organisation named as a modifier of a nominal ("Wagner troops")."""
    for child in token.children:
        if child.dep_ in {"compound", "nmod"} and child.i < token.i:
            org = tables.orgs.lookup(entity_text(child))
            if org is not None and org.sector in ARMED_SECTORS:
                return org
    return None


def _of_phrase_countries(token: Token) -> list[str]:
    """The countries of a coordinated "of"/"from" phrase, when it names more
    than one ("the foreign ministers of Congo and Rwanda", "officials from
    Cameroon and Chad"): one party of each."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in {"of", "from"}:
            for g in child.children:
                if g.dep_ == "pobj" and g.conjuncts:
                    found = []
                    for c in (countries().lookup(entity_text(x)) for x in [g, *g.conjuncts]):
                        if c and c not in found:
                            found.append(c)
                    if len(found) >= 2:
                        return found
    return []


def _of_phrase_country(tables: ActorTables, token: Token) -> str | None:
    """"fighters of the Wagner Group", "the president of Russia"."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in {"of", "from"}:
            for g in child.children:
                if g.dep_ != "pobj":
                    continue
                text = entity_text(g)
                org = tables.orgs.lookup(text) or _org_at(tables, g)
                if org is not None:
                    return org.country
                c = countries().lookup(text) or countries().capital(text)
                if c:
                    return c
    return None


def _org_at(tables: ActorTables, token: Token, longest: int = 6):
    """The organisation named by the words from ``token``'s phrase start, when
    the model split its name ("the Group of" + "Seven")."""
    words = [t for t in token.subtree if t.dep_ != "det"]
    return _known_org(tables, words, shortest=2, longest=longest, from_start=True)


def _possessor_country(tables: ActorTables, token: Token) -> str | None:
    """Country of a possessor ("the Wagner Group's boss")."""
    for child in token.children:
        if child.dep_ == "poss":
            text = entity_text(child).removesuffix("'s").removesuffix("’s").strip()
            org = tables.orgs.lookup(text)
            if org:
                return org.country
            c = countries().lookup(text) or countries().capital(text)
            if c:
                return c
    return None


def _pronoun_mentions(doc: Doc) -> list[ActorMention]:
    out = []
    for t in doc:
        low = t.lower_
        if t.pos_ == "PRON" and (low in PERSON_PRONOUNS or low in GROUP_PRONOUNS) \
                and t.dep_ in {"nsubj", "nsubjpass", "dobj", "pobj"}:
            out.append(ActorMention(t.i, t.i + 1, t.i, t.text, t.idx, t.idx + len(t),
                                    "pronoun", t.text, plural=low in {"they", "them"}))
    return out


#: nouns that name the two parties of a story as a pair: "the two sides", "both leaders"
PAIR_NOUNS = {"side", "leader", "country", "nation", "government", "minister", "president",
              "delegation", "neighbour", "neighbor", "party", "rival", "state", "counterpart"}


def _pair_mentions(doc: Doc) -> list[ActorMention]:
    """"The two sides", "both leaders", "the two countries", "the two" as a
    subject: two mentions of one span, which coreference resolves to the two
    parties last named."""
    out = []
    # only "both", "two" and their heads can be such a pair: find them at once
    lowers = doc.to_array(LOWER) if len(doc) else numpy.zeros(0)
    counted = numpy.flatnonzero(numpy.isin(lowers, [doc.vocab.strings[w] for w in ("both", "two", "2")]))
    for i in sorted({k for j in counted for k in (int(j), doc[int(j)].head.i)}):
        t = doc[i]
        if t.lower_ == "two" and t.dep_ in {"nsubj", "nsubjpass"} \
                and any(c.dep_ == "det" and c.lower_ == "the" for c in t.children):
            start = min(c.i for c in t.lefts)  # "the two agreed to hold a summit"
            for _ in range(2):
                out.append(ActorMention(start, t.i + 1, t.i, doc[start:t.i + 1].text, doc[start].idx,
                                        t.idx + len(t), "pair", t.text, plural=True))
            continue
        if t.pos_ != "NOUN" or t.tag_ != "NNS" or t.lemma_.lower() not in PAIR_NOUNS \
                or t.dep_ in {"poss", "compound"} \
                or (t.dep_ == "pobj" and t.head.lower_ in {"between", "of", "among"}):
            continue  # "trade between the two countries": a relation, not two parties acting
        pair = [c for c in t.children if (c.dep_ in {"det", "predet", "preconj"} and c.lower_ == "both")
                or (c.dep_ == "nummod" and c.lower_ in {"two", "2"})]
        if not pair or any(c.dep_ in {"amod", "compound", "poss", "prep"} and c.i != pair[0].i
                           and (c.ent_type_ or c.dep_ in {"poss", "prep"}) for c in t.children):
            continue  # "two Russian ministers", "both of them", "their two countries"
        start = min(c.i for c in t.lefts) if any(True for _ in t.lefts) else t.i
        for _ in range(2):
            out.append(ActorMention(start, t.i + 1, t.i, doc[start:t.i + 1].text, doc[start].idx,
                                    t.idx + len(t), "pair", t.text, plural=True))
    return out


def _untagged_organisations(tables: ActorTables, doc: Doc, taken: set[int]) -> list[ActorMention]:
    """An organisation of the tables named in full where the model's entity
    recogniser tagged nothing ("Human Rights Watch accused Ethiopian forces
    ...", three proper nouns and no entity): a chain of capitalised proper
    nouns is looked up as written. Marks the tokens ``taken``."""
    out = []
    if not len(doc):
        return out
    array = doc.to_array([POS, ENT_IOB])  # proper nouns outside any entity, found at once
    for i in numpy.flatnonzero((array[:, 0] == PROPN) & numpy.isin(array[:, 1], (0, 2))):
        t = doc[int(i)]
        if t.i in taken or t.dep_ == "compound":
            continue
        start = t.i
        while start > 0 and doc[start - 1].dep_ == "compound" and doc[start - 1].head.i > start - 1 \
                and doc[start - 1].pos_ == "PROPN" and doc[start - 1].is_title \
                and doc[start - 1].i not in taken and not doc[start - 1].ent_type_:
            start -= 1
        if start == t.i or not t.is_title:
            continue  # (one word: a surname or a common name, not looked up here)
        span = doc[start:t.i + 1]
        if tables.orgs.lookup(span.text) is None:
            continue
        m = _code_named(tables, doc, span, "ORG", 0)
        if m is not None:
            out.append(m)
            taken.update(range(m.start, m.end))
    return out


def _remembered_names(tables: ActorTables, doc: Doc, named: list[ActorMention],
                      taken: set[int]) -> list[ActorMention]:
    """A person once named in full ("Geir Pedersen") is the person of every later
    bare use of the surname, also where the model's entity recogniser misses
    it ("Pedersen said Friday"); likewise an organisation once named is the
    one of every later use of its acronym the recogniser misses ("the Islamic
    State (ISIS) ... arrested seven IS members"). Each such token is a
    mention (the coreference step joins it to the entity). Marks the tokens
    ``taken``."""
    if "remembered_names" in SWITCHED_OFF:
        return []
    first: dict[str, int] = {}
    orgs: dict[str, int] = {}
    for m in named:
        words = m.name.split()
        if m.kind == "person" and len(words) >= 2 and words[-1][:1].isupper():
            first.setdefault(words[-1], m.end)
        elif m.kind in {"org", "metonym"} and m.country:
            orgs.setdefault(m.name, m.end)
    if not first and not orgs:
        return []
    out = []
    for t in _surnames_or_acronyms(doc, first, bool(orgs)):
        if t.i in taken or t.pos_ not in {"PROPN", "NOUN", "VERB", "AUX"}:
            continue
        at = first.get(t.text)
        if at is not None and t.i >= at and t.pos_ == "PROPN" and t.ent_type_ in {"", "PERSON"}:
            out.append(ActorMention(t.i, t.i + 1, t.i, t.text, t.idx, t.idx + len(t), "person",
                                    t.text))
            taken.add(t.i)
        elif orgs and not t.ent_type_ and len(t.text) >= 2 and t.text.isupper() \
                and (org := tables.orgs.lookup(t.text)) is not None \
                and orgs.get(org.name, len(doc)) <= t.i:
            kind = "org" if org.sector not in {"GOV", "MIL"} or org.country in {"IGO", "NGO"} \
                else "metonym"
            out.append(ActorMention(t.i, t.i + 1, t.i, t.text, t.idx, t.idx + len(t), kind,
                                    org.name, org.country, org.sector or None))
            taken.add(t.i)
    return out


def _surnames_or_acronyms(doc: Doc, surnames: dict[str, int], acronyms: bool) -> list[Token]:
    """The tokens, in order, that are one of ``surnames`` or (with ``acronyms``)
    an upper-case word of two characters or more: found with array compares,
    not by looking at every token in Python."""
    if not len(doc):
        return []
    table = doc.to_array([ORTH, IS_UPPER, LENGTH])
    hashes = numpy.array([doc.vocab.strings[name] for name in surnames], dtype=table.dtype)
    keep = numpy.isin(table[:, 0], hashes)
    if acronyms:
        keep |= (table[:, 1] != 0) & (table[:, 2] >= 2)
    return [doc[int(i)] for i in numpy.flatnonzero(keep)]


#: the optional rules of mention finding, by name
MENTION_RULES = ("remembered_names", "title_of_a_body_sets_sector", "pairs_are_the_two_parties")
#: names of MENTION_RULES switched off (``benchmarks/ablation.py`` measures
#: what each earns by adding it here)
SWITCHED_OFF: set[str] = set()


def find_mentions(doc: Doc, tables: ActorTables | None = None) -> list[ActorMention]:
    """Named, nominal and pronoun mentions of actors in ``doc``; names are looked
    up in ``tables`` (default: the shipped organisations and people)."""
    tables = tables if tables is not None else ActorTables.shipped()
    named = _named_mentions(tables, doc)
    taken = {i for m in named for i in range(m.start, m.end)}
    named += _remembered_names(tables, doc, named, taken)
    named += _untagged_organisations(tables, doc, taken)
    pairs = _pair_mentions(doc) if "pairs_are_the_two_parties" not in SWITCHED_OFF else []
    paired = {m.head for m in pairs}
    mentions = named + [m for m in _nominal_mentions(tables, doc, taken) if m.head not in paired] \
        + _pronoun_mentions(doc) + pairs
    mentions.sort(key=lambda m: (m.start, m.end))
    return mentions


@Language.factory("tacitus_mentions", assigns=["doc._.actor_mentions"],
                  default_config={"actors_path": None})
def make_mentions(nlp: Language, name: str, actors_path: str | None) -> "MentionFinder":
    return MentionFinder(actors_path)


class MentionFinder:
    """Finds actor mentions; ``actors_path`` names a user's actors file (see
    :mod:`tacitus.actors.tables`) merged over the shipped tables."""

    def __init__(self, actors_path: str | None = None):
        self.tables = ActorTables.with_user_file(actors_path)
        for table in (self.tables.orgs, self.tables.people):  # built once, when the pipeline is
            table.first_word_hashes  # noqa: B018  (the names by first word, for _names_in_full)
            table.one_word_names  # noqa: B018  (and of one word, for _untagged_known_names)

    def __call__(self, doc: Doc) -> Doc:
        doc._.actor_mentions = find_mentions(doc, self.tables.on(doc._.published))
        return doc
