"""Event arguments from the dependency tree: who acts, on whom, and who says so.

Active clauses take the subject as actor and the object (or the object of a
recipient preposition) as recipient; passives swap them ("Iran was attacked by
X"); nominal events read "by"/possessor/adjective as actor and
"on"/"against"/"with"/"of" as recipient ("the mutiny by X against Y", "a deal
brokered by Z", "Russia's invasion of Ukraine"); a trigger with no subject of
its own borrows the subject of the verb that governs it ("X met Y and signed
a deal", "X launched an attack on Y"). Reported speech: the subject of the
speech verb over the event's clause is its attribution.
"""
from __future__ import annotations

from spacy.tokens import Token

from ..actors.mentions import QUANTITY_LEMMAS, ActorMention, entity_text
from ..reference import actor_terms, countries, speech_lemmas

#: passives whose subject acts: "is committed to", "is determined to"
STATIVE_PASSIVES = {"commit", "determine", "prepare", "resolve", "dedicate", "devote"}
RECIPIENT_PREPS = {"with", "against", "on", "to", "toward", "towards", "at", "into", "upon",
                   "from", "for", "of"}
NOMINAL_RECIPIENT_PREPS = {"against", "on", "with", "of", "to", "at", "into", "upon", "for", "between"}
SPEECH_LEMMAS = speech_lemmas()


class MentionIndex:
    """Find the actor mentions that cover a token."""

    def __init__(self, mentions: list[ActorMention]):
        self.by_token: dict[int, list[ActorMention]] = {}
        for m in mentions:
            for i in range(m.start, m.end):
                self.by_token.setdefault(i, []).append(m)

    def at(self, token: Token) -> list[ActorMention]:
        # a pronoun nobody could be found for is no actor at all
        return [m for m in self.by_token.get(token.i, [])
                if not (m.kind in {"pronoun", "pair"} and m.entity is None)]

    def for_argument(self, token: Token) -> list[ActorMention]:
        """Mentions for an argument head, its coordinated heads included."""
        out: list[ActorMention] = []
        for t in [token, *token.conjuncts]:
            found = self._one(t)
            for m in found:
                if m not in out:
                    out.append(m)
        return out

    def _one(self, token: Token) -> list[ActorMention]:
        for c in token.children:  # "his counterpart Retno Marsudi": the named one
            if c.dep_ == "appos":
                named = [m for m in self.at(c) if m.kind in {"person", "org"}]
                if named:
                    return named
        found = [m for m in self.at(token) if m.head == token.i] or self.at(token)
        if found:
            return found
        after = token.i + 1  # "media watchdog Reporters Without Borders" parsed as a verb and its object
        if after < len(token.doc) and token.is_ancestor(token.doc[after]):
            named = [m for m in self.at(token.doc[after]) if m.start == after and m.kind in {"person", "org"}]
            if named:
                return named
        if token.lemma_.lower() in PART_LEMMAS or token.ent_type_ in {"CARDINAL", "QUANTITY"}:
            for c in token.children:  # "dozens of protesters", "a deployment of troops"
                if c.dep_ == "prep" and c.lower_ == "of":
                    for g in c.children:
                        if g.dep_ == "pobj":
                            return self.for_argument(g)
        return self.modifier_actor(token)

    def modifier_actor(self, token: Token) -> list[ActorMention]:
        """"Ukrainian territory", "the Iraqi capital", "US Predator attacks": the
        modifier (or its own modifier) is the actor."""
        for c in _left_modifiers(token):
            ms = self.at(c) or self.modifier_country(c)
            for g in ([] if ms else _left_modifiers(c)):
                ms = self.at(g) or self.modifier_country(g)
                if ms:
                    break
            if ms:
                return ms
        return []

    def state_named(self, c: Token) -> list[ActorMention]:
        """A country or its capital named where the model found no party
        ("drawing protests from Baghdad": a source after a preposition of
        place), as the country's government."""
        text = entity_text(c) if c.ent_type_ else c.text
        iso3 = countries().lookup(text) or countries().capital(text)
        if not iso3:
            return []
        return [ActorMention(c.i, c.i + 1, c.i, text, c.idx, c.idx + len(c), "metonym", text, iso3, "GOV")]

    def modifier_country(self, c: Token) -> list[ActorMention]:
        """A demonym or country name used as a modifier, as a country actor."""
        iso3 = countries().demonym(c.text) or countries().lookup(c.text)
        if not iso3:
            return []
        return [ActorMention(c.i, c.i + 1, c.i, c.text, c.idx, c.idx + len(c), "country",
                             countries().name(iso3), iso3)]


def _left_modifiers(token: Token) -> list[Token]:
    return [c for c in token.children
            if c.dep_ in {"amod", "compound", "poss", "nmod"} and c.i < token.i]


#: nouns that stand for a part of whoever follows "of"
PART_LEMMAS = QUANTITY_LEMMAS | {"deployment", "contingent", "detachment", "convoy", "column",
                                 "unit", "batch", "wave", "team", "squad", "worth"}

RELATIVE_PRONOUNS = {"who", "which", "that", "whom", "whose"}


def _antecedent(token: Token) -> Token:
    """A relative pronoun stands for the noun its clause modifies."""
    if token.lower_ in RELATIVE_PRONOUNS:
        verb = token.head
        while verb.dep_ not in {"relcl", "acl"} and verb.head.i != verb.i and verb.pos_ != "NOUN":
            verb = verb.head
        if verb.dep_ in {"relcl", "acl"}:
            return verb.head
    return token


def _subject(verb: Token) -> Token | None:
    for c in verb.children:
        if c.dep_ in {"nsubj", "csubj"}:
            if c.tag_ == "VBG":  # "The Red Cross operating in Iraq said": the parser
                inner = _subject(c)  # makes the participle the subject
                if inner is not None:
                    return inner
            return _antecedent(c)
    return None


def subject_of(verb: Token) -> Token | None:
    """The subject of a verb, or of the verb it borrows one from."""
    return (_subject(verb) or _inherited_subject(verb) or _stranded_subject(verb)
            or root_noun_subject(verb) or document_author(verb))


SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj", "expl"}


def _stranded_subject(verb: Token) -> Token | None:
    """A finite main verb the parser left without a subject ("With the signing
    of an accord, the government and the rebels have agreed", the subject hung
    on the opening phrase): the noun phrase right before it."""
    if verb.dep_ != "ROOT" or any(c.dep_ in SUBJECT_DEPS for c in verb.children):
        return None
    aux = [c for c in verb.children if c.dep_ in {"aux", "auxpass"} and c.i < verb.i]
    if not aux and verb.tag_ not in {"VBD", "VBZ", "VBP"}:
        return None  # an imperative or a fragment
    i = min([verb.i, *(c.i for c in aux)]) - 1
    if i < verb.sent.start or verb.doc[i].pos_ not in {"NOUN", "PROPN"}:
        return None
    t = verb.doc[i]
    while t.dep_ in {"conj", "compound", "flat"} and t.head.i < t.i \
            and not any(verb.doc[j].text == "," for j in range(t.head.i, t.i)):
        t = t.head  # "the government and SPLM/A": the first of the coordinated nouns
    return t


def root_noun_subject(verb: Token) -> Token | None:
    """A finite verb the parser hung as a modifier on a noun it made the root
    of the sentence ("The U.N. human rights chief, Volker Turk, called on
    Russia to ...": "chief" the root, "called" a clause on it): the noun is
    its subject. A past participle ("the envoy called in") is not finite."""
    head = verb.head
    if verb.dep_ != "acl" or verb.tag_ not in {"VBD", "VBZ", "VBP"} or head.dep_ != "ROOT" \
            or head.pos_ not in {"NOUN", "PROPN"} or any(c.dep_ in SUBJECT_DEPS for c in verb.children):
        return None
    return head


#: what a party issues that says something: "a statement condemning", "a resolution calling for"
DOCUMENT_NOUNS = {"statement", "resolution", "declaration", "communique", "communiqué", "letter",
                  "motion", "decree", "appeal", "ultimatum"}


def document_author(verb: Token) -> Token | None:
    """The party that issues a document which says what the verb says ("The
    G7 issued a statement condemning Russia's attack", "The Security Council
    passed a resolution calling for a ceasefire"): the subject of the verb
    whose object the document is."""
    doc_noun = verb.head
    if verb.dep_ != "acl" or verb.tag_ != "VBG" or doc_noun.lemma_.lower() not in DOCUMENT_NOUNS \
            or doc_noun.dep_ not in {"dobj", "obj"}:
        return None
    return _subject(doc_noun.head) or _inherited_subject(doc_noun.head)


def _passive_subject(verb: Token) -> Token | None:
    for c in verb.children:
        if c.dep_ == "nsubjpass":
            return c
    return None


def _agent(token: Token) -> Token | None:
    for c in token.children:
        if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by"):
            for g in c.children:
                if g.dep_ == "pobj":
                    return g
    return None


def _prep_objects(token: Token, preps: set[str]) -> list[Token]:
    out = []
    for c in token.children:
        if c.dep_ in {"prep", "dative"} and c.lower_ in preps:
            out.extend(g for g in c.children if g.dep_ == "pobj")
    return out


#: acts done by speaking, which a speaker can do after reporting something
#: ("said ... and accused the police", "... and called on the army to ...");
#: "said troops had killed fighters and seized weapons" is the troops' seizure
SPEAKING_ACTS = {"accuse", "call", "urge", "demand", "condemn", "criticize", "criticise", "warn",
                 "threaten", "deny", "reject", "dismiss", "praise", "welcome", "blame", "appeal",
                 "vow", "pledge", "promise", "ask", "insist", "denounce", "decry", "slam", "thank"}


#: verbs of seeing, thinking or speaking of something: their subject views an
#: act named as their object, and is not who did it ("called the suspension a
#: blow to the press")
VIEWING_VERBS = {"see", "view", "regard", "consider", "describe", "believe", "know", "understand",
                 "remember", "recall", "mention", "cite", "discuss", "fear", "expect", "study",
                 "document", "investigate", "analyse", "analyze", "watch", "follow", "report",
                 "call", "brand", "label", "dub", "term"}


def _speakers_second_act(clause: Token) -> bool:
    """Whether a simple past joined to this reported clause is the speaker's
    own act: the clause is in a compound tense ("had stolen", "were killed"),
    or tells of a thing ("the verdict was an internal matter and warned
    European countries", "the sale violated China's sovereignty and urged the
    U.S. to stop": a verdict or a sale warns and urges no one)."""
    if clause.tag_ == "VBN" and any(a.dep_ in {"aux", "auxpass"} for a in clause.children):
        return True
    subject = _subject(clause)
    return subject is not None and subject.pos_ == "NOUN" \
        and actor_terms().lookup(subject.lemma_.lower()) is None


#: passives that tell what their subject is to do ("is set to", "are scheduled to")
SCHEDULING_PASSIVES = {"set", "schedule", "slate", "expect", "plan", "poise"}


def _joined_by_and(first: Token, second: Token) -> bool:
    """Two nouns with only "and" and the second's own words between them."""
    between = first.doc[first.i + 1: second.i]
    return any(t.lower_ == "and" for t in between) \
        and not any(t.pos_ in {"VERB", "AUX"} or t.lower_ in {",", ";"} for t in between)


def _inherited_subject(verb: Token) -> Token | None:
    """The subject a clause without one borrows: conjoined verbs, xcomp, and
    nouns that are objects of light verbs. An act done by speaking, in the
    simple past, joined to a reported clause that cannot own it (one in a
    compound tense, or about a thing: see ``_speakers_second_act``;
    "Machado said Maduro had stolen the election and called on the armed
    forces", "Amnesty said two people were killed and accused the police")
    is the speaker's second act: it borrows the speaker."""
    head = verb.head
    if verb.dep_ == "conj" and verb.tag_ == "VBD" and head.dep_ == "ccomp" \
            and verb.lemma_.lower() in SPEAKING_ACTS | SPEECH_LEMMAS \
            and head.head.lemma_.lower() in SPEECH_LEMMAS and _speakers_second_act(head):
        s = _subject(head.head)
        if s is not None:
            return s
    t = verb
    for _ in range(4):
        if t.dep_ in {"conj", "xcomp", "advcl", "dobj", "pobj", "prep", "acl", "pcomp", "acomp", "oprd"} \
                and t.head.i != t.i:
            via, t = t.dep_, t.head
            s = _subject(t)
            if s is None and via == "xcomp" and t.lemma_.lower() in SCHEDULING_PASSIVES:
                # "Seoul and Washington are set to begin drills", "is scheduled to travel"
                s = next((c for c in t.children if c.dep_ == "nsubjpass"), None)
            if s is not None:
                return s
        else:
            return None
    return None


def verbal_arguments(verb: Token, index: MentionIndex,
                     depth: int = 0) -> tuple[list[ActorMention], list[ActorMention]]:
    actor: list[ActorMention] = []
    recipient: list[ActorMention] = []
    passive = _passive_subject(verb)
    if passive is not None or verb.tag_ == "VBN" and verb.dep_ in {"acl", "relcl"}:
        agent = _agent(verb)
        if agent is not None:
            actor = index.for_argument(agent)
        if passive is not None and agent is None and verb.lemma_.lower() in STATIVE_PASSIVES:
            actor = index.for_argument(_antecedent(passive))  # "Vietnam is committed to ..."
        elif passive is not None:
            recipient = index.for_argument(_antecedent(passive))
        elif verb.dep_ == "acl":  # "sanctions imposed by X on Y", "a deal brokered by Z"
            recipient = []
    else:
        subj = subject_of(verb)
        if subj is not None:
            actor = index.for_argument(subj)
            # "Erdogan and Iraqi Prime Minister al-Sudani signed": a second subject
            # where the parser lost the coordination
            for c in verb.children:
                if c.dep_ == "nsubj" and subj.i < c.i < verb.i and subj.head == verb \
                        and _joined_by_and(subj, c):
                    actor += [m for m in index.for_argument(c) if m not in actor]
        for c in verb.children:
            if c.dep_ in {"dobj", "obj", "dative"}:
                recipient = index.for_argument(_antecedent(c))
                if not recipient:  # "imposed sanctions on Iran", "condemned Russia's attack",
                    # "fired tear gas and rubber bullets at X" (the phrase on the last object)
                    for g in [g for o in [c, *c.conjuncts]
                              for g in _prep_objects(o, NOMINAL_RECIPIENT_PREPS)]:
                        recipient = index.for_argument(g)
                        if recipient:
                            break
                if recipient:
                    break
        named = _named_by_a_source(verb) if not recipient else None
        if named is not None:  # "struck what the military said were Hezbollah depots"
            recipient = index.for_argument(named) or index.modifier_actor(named) or next(
                (f for g in _prep_objects(named, NOMINAL_RECIPIENT_PREPS)
                 if (f := index.for_argument(g))), [])
            if not recipient:
                return actor, recipient  # (the source is not the target)
    if not recipient or all(m.possessor for m in recipient):
        # "withdraw its troops from Lebanon": one's own troops are not the target
        for g in _prep_objects(verb, RECIPIENT_PREPS):
            found = index.for_argument(g)
            if not found and g.head.lower_ != "of":  # "retaliated with tariffs on Canadian canola", "agreed to a ceasefire
                # with Hamas": the party the thing named is aimed at or made with ("accused
                # of collusion with foreign forces" names the charge, not its target)
                found = next((f for o in _prep_objects(g, NOMINAL_RECIPIENT_PREPS - {"of"})
                              if (f := index.for_argument(o))), [])
            if found:
                recipient = found
                break
    if not recipient:
        recipient = _harmed_in_the_main_clause(verb, index)
    if not recipient:
        recipient = _content_recipient(verb, index)
    if not recipient and depth < 2:
        # "threatened to break relations with Russia", "offered to negotiate
        # with the president of Armenia": the complement names the target
        for c in verb.children:
            purpose = c.dep_ == "advcl" and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)
            if (c.dep_ == "xcomp" or purpose) and c.pos_ in {"VERB", "AUX"}:
                recipient = [m for m in verbal_arguments(c, index, depth + 1)[1]
                             if m not in actor]
                if recipient:
                    break
    return actor, recipient


#: verbs by which a source names what was hit: "what the military said were depots"
NAMING_LEMMAS = {"say", "describe", "call", "claim", "identify", "believe", "consider", "term"}


def _named_by_a_source(verb: Token) -> Token | None:
    """The object of a verb given as what a source names it ("struck what
    the military said were Hezbollah weapons depots", "attacked what Moscow
    described as militant camps"): the parser makes the source's verb the
    complement of the act, and its subject would pass for the target."""
    for c in verb.children:
        if c.dep_ != "ccomp" or c.lemma_.lower() not in NAMING_LEMMAS \
                or not any(w.tag_ == "WP" and w.lower_ == "what" for w in c.subtree):
            continue
        for w in c.subtree:
            if (w.dep_ == "attr" and w.head.lemma_ == "be") \
                    or (w.dep_ == "pobj" and w.head.lower_ == "as" and w.head.head == c) \
                    or (w.dep_ == "oprd" and w.head == c):  # "condemned what he called China's actions"
                return w
    return None


#: verbs of being harmed, said of the victims ("were hurt", "died", "were killed")
HARMED_LEMMAS = {"die", "perish", "succumb", "hurt", "injure", "wound", "kill"}
#: clauses of the moment of harm: "were hurt when protesters threw rocks"
HARM_CLAUSE_MARKS = {"when", "as", "after"}


def _harmed_in_the_main_clause(verb: Token, index: MentionIndex) -> list[ActorMention]:
    """The victims of an act told in a clause of the moment the main clause's
    subject was harmed ("30 of its soldiers were hurt when protesters threw
    rocks", "two officers died after gunmen opened fire"): that subject."""
    head = verb.head
    if verb.dep_ != "advcl" or head.lemma_.lower() not in HARMED_LEMMAS \
            or not any(c.dep_ in {"mark", "advmod"} and c.lower_ in HARM_CLAUSE_MARKS
                       for c in verb.children):
        return []
    if head.lemma_.lower() in {"kill", "hurt", "injure", "wound"} \
            and not any(c.dep_ == "auxpass" for c in head.children):
        return []  # ("militants killed five when they attacked": the killers' act, told twice)
    victims = next((c for c in head.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    return index.for_argument(victims) if victims is not None else []


def _content_recipient(verb: Token, index: MentionIndex) -> list[ActorMention]:
    """Whom a speech act is about when it has no object of its own:
    "demanded that the US cancel ..." (the subject of the that-clause),
    "rejected calls by Kofi Annan", "dismissed an appeal from X" (the source
    of the object noun)."""
    for c in verb.children:
        # "demanded that the US cancel", "called for the Taliban to lift the ban"
        if c.dep_ == "ccomp" or (c.dep_ == "advcl" and any(
                g.dep_ == "mark" and g.lower_ == "for" for g in c.children)):
            s = _subject(c)
            if s is not None:
                found = index.for_argument(s)
                if found:
                    return found
        if c.dep_ in {"dobj", "obj"}:
            for g in [*_prep_objects(c, {"by", "from"}), _agent(c)]:
                found = index.for_argument(g) if g is not None else []
                if found:
                    return found
    return []


#: verbs whose subject undergoes what an event phrase in their clause does
#: ("21 passengers died in the attack")
UNDERGOING_LEMMAS = {"die", "perish", "suffer", "succumb"}
#: a journey that other acts happen "during" ("said during a visit to Beijing"):
#: it is going on at the time of the report, an event of its own, made by the
#: one who acts during it
TRAVEL_NOUNS = {"visit", "trip", "tour"}


def nominal_arguments(noun: Token, index: MentionIndex) -> tuple[list[ActorMention], list[ActorMention]]:
    actor: list[ActorMention] = []
    recipient: list[ActorMention] = []
    by = _agent(noun)
    if by is not None:
        actor = index.for_argument(by)
    owned = any(c.dep_ == "poss" and c.pos_ == "PRON" for c in noun.children)
    if not actor and not owned:  # ("Russia used its Security Council veto": its owner acts)
        actor = index.modifier_actor(noun)
    if not actor:  # "a deal brokered by Z"
        for c in noun.children:
            if c.dep_ == "acl":
                a = _agent(c)
                if a is not None:
                    actor = index.for_argument(a)
                    break
    for g in _prep_objects(noun, NOMINAL_RECIPIENT_PREPS):
        recipient = index.for_argument(g)
        if recipient:
            break
    if not recipient:  # "kept tariffs in place on Mexico": the target hangs on the
        held = noun_phrase_head(noun)  # verb that holds the event
        if held.dep_ in {"dobj", "obj"} and held.head.pos_ == "VERB":
            for g in _prep_objects(held.head, {"on", "against", "upon"}):
                recipient = index.for_argument(g)
                if recipient:
                    break
    if not recipient:  # "its demand that Kenya's government grant ...": who is to act
        for c in noun.children:
            if c.dep_ in {"acl", "ccomp"} and any(g.dep_ == "mark" and g.lower_ == "that"
                                                  for g in c.children):
                s = _subject(c)
                recipient = index.for_argument(s) if s is not None else []
                break
    if not actor:  # "X launched an attack on Y", "the talks X held"
        noun = noun_phrase_head(noun)
        head = noun.head
        if noun.pos_ in {"VERB", "AUX"} and noun.lemma_.lower() in UNDERGOING_LEMMAS:
            s = subject_of(noun)  # "21 passengers died in the attack": those it hit
            if s is not None and not recipient:
                recipient = index.for_argument(s)
        elif noun.lemma_.lower() in VIEWING_VERBS or head.lemma_.lower() in VIEWING_VERBS:
            pass  # "sees the book ban as part of a larger crackdown": whose view, not whose ban
        elif noun.pos_ in {"VERB", "AUX"}:  # "X will ... as part of a deal"
            s = subject_of(noun)
            if s is not None:
                actor = index.for_argument(s)
        elif noun.dep_ in {"dobj", "obj"} and head.pos_ == "VERB":
            s = subject_of(head)
            if s is not None:
                actor = index.for_argument(s)
        elif noun.dep_ == "pobj" and head.lower_ == "during" and noun.lemma_.lower() in TRAVEL_NOUNS \
                and head.head.pos_ in {"VERB", "AUX"} \
                and not any(c.dep_ == "det" and c.lower_ in {"the", "this", "that"} for c in noun.children):
            # ("told Starmer during the visit": a visit told before, whoever made it)
            s = subject_of(head.head)
            if s is not None:
                actor = index.for_argument(s)
        elif noun.dep_ in {"nsubj", "nsubjpass"} and head.pos_ == "VERB":
            for c in head.children:  # "the attack killed soldiers" -> recipient
                if c.dep_ == "dobj" and not recipient:
                    recipient = index.for_argument(c)
    return actor, recipient


#: "converging for a rally", "took part in a protest", "as part of a deal"
CLIMB_PREPS = {"of", "as", "for", "in", "into", "to"}


def noun_phrase_head(noun: Token) -> Token:
    """Climb out of prepositional phrases (CLIMB_PREPS): in "provide 25,000 tons
    of food aid" the verb's object is "tons"; in "allow ... as part of a deal"
    the climb ends at the verb itself."""
    t = noun
    for _ in range(3):
        if t.dep_ == "pobj" and t.head.dep_ == "prep" and t.head.lower_ in CLIMB_PREPS:
            t = t.head.head
            if t.pos_ in {"VERB", "AUX"}:
                return t
        else:
            break
    return t


def attribution(trigger: Token, index: MentionIndex) -> list[ActorMention]:
    """The source of reported speech: "X said (that) <event>", "<event>, X said",
    "according to X"."""
    t = trigger
    for _ in range(8):
        if t.head.i == t.i:
            break
        dep = t.dep_
        t = t.head
        if dep in {"ccomp", "parataxis", "conj"} and t.lemma_.lower() in SPEECH_LEMMAS:
            s = _subject(t)
            if s is not None:
                found = index.for_argument(s)
                if found:
                    return found
    for c in trigger.subtree:
        if c.lower_ == "according":
            for g in c.subtree:
                if g.dep_ == "pobj":
                    return index.for_argument(g)
    root = trigger.sent.root
    if root.lemma_.lower() in SPEECH_LEMMAS and root.i != trigger.i:
        s = _subject(root)
        if s is not None:
            return index.for_argument(s)
    return []


def predicative_arguments(adjective: Token, index: MentionIndex, preps: frozenset[str] = frozenset()
                          ) -> tuple[list[ActorMention], list[ActorMention]]:
    """An attitude said of a party ("Britain is deeply concerned about
    Russia's moves", "they were critical of the deal"): the one it is said of
    acts; the object of its preposition (one of ``preps``), or the party that
    object belongs to ("the recent actions of Milorad Dodik"), is the recipient."""
    clause = adjective.head if adjective.dep_ == "acomp" else adjective
    subj = _passive_subject(adjective) or subject_of(clause)
    actor = index.for_argument(_antecedent(subj)) if subj is not None else []
    recipient: list[ActorMention] = []
    objects = [g for c in adjective.children if c.dep_ in {"prep", "agent"}
               and (not preps or c.lower_ in preps) for g in c.children if g.dep_ == "pobj"]
    for g in objects:
        recipient = index.for_argument(g)
        for owner in ([] if recipient else _prep_objects(g, {"of", "by"})):
            recipient = index.for_argument(owner)
            if recipient:
                break
        if recipient:
            break
    return actor, [m for m in recipient if m not in actor]
