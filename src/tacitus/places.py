"""Place names -> gazetteer entries, decided by the document's context.

The gazetteer (``tacitus/data/gazetteer.tsv.gz``, built from GeoNames by
``scripts/build_gazetteer.py``) holds every city of 15,000 people or more,
every country and the US states. ``resolve_places(doc)`` reads the doc's
GPE, LOC and FAC entities and picks, for each name, the entry that fits the
countries the article talks about, then the most populous one::

    nlp.add_pipe("tacitus_places")
    doc = nlp("Foreign ministers met in Jakarta on Friday.")
    doc._.places[0].name, doc._.places[0].country   # "Jakarta", "IDN"
"""
from __future__ import annotations

import bisect
import functools
import gzip
import math
from collections import Counter
from dataclasses import dataclass
from importlib import resources

import numpy

from spacy.attrs import DEP, LOWER
from spacy.language import Language
from spacy.tokens import Doc, Span

from tacitus import nlp as _extensions  # noqa: F401  (declares doc._.places)
from tacitus.records import Location
from tacitus.reference import ReferenceDataError, countries, fold, strip_article, strip_possessive

PLACE_LABELS = ("GPE", "LOC", "FAC")
CONTEXT_LABELS = ("GPE", "NORP", "LOC")

# Scoring of a candidate: log10(population) + kind bonus + context bonus.
KIND_BONUS = {"country": 3.0, "capital": 1.5, "state": 0.5, "city": 0.0}
CONTEXT_WEIGHT = 2.0  # per other mention of the candidate's country in the article
CONTEXT_CAP = 5  # mentions counted at most
MAIN_NAME_BONUS = 1.0  # the text is the place's own name, not an alternate one
ALTERNATE_MIN_POPULATION = 500_000  # smaller places match by their main name only


@dataclass(frozen=True)
class Place:
    """One gazetteer entry."""

    geonameid: int | None  # None for first-level divisions (the source gives no id)
    name: str
    country: str
    lat: float | None
    lon: float | None
    population: int
    kind: str  # city, capital, country or state (a first-level division)


@dataclass
class PlaceMention:
    """A place name in a document, resolved to a gazetteer entry."""

    start_char: int
    end_char: int
    text: str
    name: str
    country: str
    lat: float | None
    lon: float | None
    geonameid: int | None
    kind: str
    sentence: int

    def to_location(self) -> Location:
        """The record form used in Event.location."""
        return Location(self.name, self.country, self.lat, self.lon, self.geonameid)


#: the line that ends the rows of gazetteer.tsv.gz and starts its lookup index
INDEX_MARKER = "#index\n"


class Gazetteer:
    """Places by name and alternate name (case- and accent-insensitive).

    Rows are kept as the lines read and turned into ``Place`` objects only
    when looked up. The packaged file carries its own sorted lookup index
    (scripts/build_gazetteer.py), searched in place: loading costs no work per
    row or per name. A file without one gets its index built when read."""

    def __init__(self, rows: list[str], names: dict[str, list[int]] | None, source: str,
                 *, index: list[str] | None = None, first_line: int = 1):
        self._rows = rows  # the row lines, tab-separated
        self._by_name = names
        self._index = index  # sorted "key<TAB>n,n" lines, when the file has them
        self._source = source
        self._first_line = first_line  # file line number of row 0
        self._made: dict[int, Place] = {}
        self._countries: dict[str, int] | None = None

    @classmethod
    def from_text(cls, text: str, source: str) -> "Gazetteer":
        body, marker, index = text.partition("\n" + INDEX_MARKER)
        lines = body.split("\n")
        start = 0
        while start < len(lines) and (lines[start].startswith("#") or not lines[start].strip()):
            start += 1
        start += 1  # the header
        rows = lines[start:]
        while rows and not rows[-1].strip():
            rows.pop()
        if marker:
            return cls(rows, None, source, index=index.rstrip("\n").split("\n"),
                       first_line=start + 1)
        names: dict[str, list[int]] = {}
        for n, line in enumerate(rows):
            cells = cls._cells(line, start + 1 + n, source)
            # the keys column is folded at build time (scripts/build_gazetteer.py)
            for key in {fold(cells[1]), *(k for k in cells[7].split("|") if k)}:
                names.setdefault(key, []).append(n)
        return cls(rows, names, source, first_line=start + 1)

    @staticmethod
    def _cells(line: str, lineno: int, source: str) -> list[str]:
        cells = line.rstrip("\r").split("\t")
        if len(cells) != 8:
            raise ReferenceDataError(
                f"{source}, line {lineno}: malformed gazetteer row ({len(cells)} columns, "
                "want 8); rebuild it with scripts/build_gazetteer.py")
        return cells

    def _rows_named(self, key: str) -> list[int]:
        if self._by_name is not None:
            return self._by_name.get(key, [])
        index = self._index
        probe = key + "\t"
        i = bisect.bisect_left(index, probe)
        if i < len(index) and index[i].startswith(probe):
            return [int(n) for n in index[i][len(probe):].split(",")]
        return []

    def _place(self, n: int) -> Place:
        place = self._made.get(n)
        if place is None:
            lineno = self._first_line + n
            gid, name, country, lat, lon, pop, kind, _keys = self._cells(self._rows[n], lineno,
                                                                         self._source)
            try:
                place = Place(int(gid) if gid else None, name, country, float(lat) if lat else None,
                              float(lon) if lon else None, int(pop or 0), kind)
            except ValueError as exc:
                raise ReferenceDataError(
                    f"{self._source}, line {lineno}: malformed gazetteer row ({exc}); "
                    "rebuild it with scripts/build_gazetteer.py") from exc
            self._made[n] = place
        return place

    @property
    def places(self) -> list[Place]:
        return [self._place(n) for n in range(len(self._rows))]

    def candidates(self, name: str) -> list[Place]:
        """Every entry called ``name`` (also without "the" and "'s"), most populous first."""
        for form in (name, strip_possessive(name), strip_article(strip_possessive(name))):
            hits = self._rows_named(fold(form))
            if hits:
                return sorted((self._place(n) for n in hits), key=lambda p: -p.population)
        return []

    def country(self, iso3: str) -> Place | None:
        """The gazetteer row of a country."""
        if self._countries is None:
            self._countries = {}
            for n, line in enumerate(self._rows):
                if "\tcountry\t" in line:
                    cells = line.split("\t")
                    if cells[6] == "country":
                        self._countries[cells[2]] = n
        n = self._countries.get(iso3)
        return None if n is None else self._place(n)

    def __len__(self) -> int:
        return len(self._rows)


@functools.lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The packaged gazetteer (loaded once)."""
    source = "tacitus/data/gazetteer.tsv.gz"
    try:
        raw = resources.files("tacitus").joinpath("data", "gazetteer.tsv.gz").read_bytes()
        text = gzip.decompress(raw).decode("utf-8")
    except (OSError, EOFError) as exc:
        raise ReferenceDataError(f"{source}: cannot read the gazetteer ({exc}); reinstall tacitus") from exc
    return Gazetteer.from_text(text, source)


def country_place(iso3: str) -> Place | None:
    """The country itself as a Place (at its capital's coordinates)."""
    record = countries().get(iso3)
    if record is None:
        return None
    row = gazetteer().country(iso3)
    population = row.population if row else 0
    return Place(record["geonameid"], record["name"], iso3, record["lat"], record["lon"], population, "country")


#: nouns that introduce a place's name: "the town of Samarra"
PLACE_NOUNS = {"town", "city", "village", "province", "region", "district", "port", "capital",
               "enclave", "county", "state", "island", "area", "camp", "suburb"}
#: prepositions before a place where it stands as a place ("met in Jakarta")
LOCATIVE_PREPS = {"in", "at", "near", "from", "to", "outside", "around", "across", "into",
                  "through", "inside"}


#: fewest people of a city whose name, tagged as an organisation, is taken for the city
ORG_PLACE_MIN_POPULATION = 100_000


def _mislabelled_place(ent: Span, own_country: dict) -> bool:
    """A NORP entity that is no nationality, where a place stands: "near the
    town of Samarra", "in Samarra"; an entity tagged as an organisation that
    is the very name of a large city, a region or a country, as the object
    of a verb or a preposition ("attacked Kharkiv", "an attack on Kharkiv",
    "in Kharkiv"; the small model tags such names ORG now and then): no
    organisation of the actor tables is meant there; one tagged as a person
    after a preposition of place ("a strike on a shopping centre in
    Kremenchuk"); a seat of government after a preposition of place ("at the
    Kremlin")."""
    if ent.label_ in {"ORG", "PERSON"}:
        if ent.root.dep_ not in {"dobj", "pobj"} or ent.label_ == "PERSON" and not (
                ent.root.dep_ == "pobj" and ent.root.head.lower_ in LOCATIVE_PREPS):
            return False  # (a person only after a preposition of place: "in Kremenchuk")
        text = clean_place_text(ent.text)
        if text and _seat(text):  # "at the Kremlin": the building, placed at its town
            return ent.root.dep_ == "pobj" and ent.root.head.lower_ in LOCATIVE_PREPS
        key = _bare(text) if text else None
        return bool(key) and any(
            _bare(p.name) == key and (p.population >= ORG_PLACE_MIN_POPULATION or p.kind != "city")
            for p in _candidates(text))
    if ent.label_ != "NORP" or own_country.get((ent.start, ent.end)):
        return False
    head = ent.root.head
    if ent.root.dep_ == "pobj" and head.lower_ == "of":
        return head.head.lemma_.lower() in PLACE_NOUNS
    return ent.root.dep_ == "pobj" and head.lower_ in LOCATIVE_PREPS


def _named_by_place_noun(doc: Doc, ents: list[Span]) -> list[Span]:
    """Names that follow "the town of", "the city of", "the province of" and the
    like, stand beside such a noun ("the capital, Niamey"), or come before
    "region", "province", "state" ("Niger's Tillaberi region"), which the
    model tagged as something else or not at all ("the town of Beledweyne"
    as a PERSON, "Tillaberi" as a PRODUCT): the phrase says they are places."""
    places = {i for e in ents if e.label_ in PLACE_LABELS for i in range(e.start, e.end)}
    found = []
    # only the objects of an "of" can be such a name: find the "of"s at once
    # rather than looking at every token in Python
    ofs = numpy.flatnonzero(doc.to_array(LOWER) == doc.vocab.strings["of"]) if len(doc) else ()
    candidates = sorted((t for i in ofs for t in doc[int(i)].children), key=lambda t: t.i)
    # "the capital, Niamey" (Niamey tagged a person): a name set beside a place noun
    appos = numpy.flatnonzero(doc.to_array(DEP) == doc.vocab.strings["appos"]) if len(doc) else ()
    candidates += [t for t in (doc[int(i)] for i in appos)
                   if t.head.lemma_.lower() in PLACE_NOUNS and t.head.i < t.i]
    for t in candidates:
        if t.pos_ != "PROPN" or t.i in places or not (
                t.dep_ == "pobj" and t.head.head.lemma_.lower() in PLACE_NOUNS or t.dep_ == "appos"):
            continue
        start = t.i
        while start > t.left_edge.i and doc[start - 1].pos_ == "PROPN":
            start -= 1
        found.append(doc[start:t.i + 1])
    # a name before the noun ("Niger's Tillaberi region", "Idlib province"), whatever its tag
    lowers = doc.to_array(LOWER) if len(doc) else numpy.zeros(0)
    nouns = numpy.flatnonzero(numpy.isin(lowers, [doc.vocab.strings[w] for w in _REGION_NOUNS])) \
        if len(doc) else ()
    for i in nouns:
        noun = doc[int(i)]
        name = doc[noun.i - 1] if noun.i > 0 else None
        if name is None or name.dep_ != "compound" or name.head.i != noun.i or name.pos_ != "PROPN" \
                or name.i in places:
            continue
        start = name.i
        while start > noun.left_edge.i and doc[start - 1].pos_ == "PROPN" and doc[start - 1].dep_ == "compound":
            start -= 1
        found.append(doc[start:name.i + 1])
    return found


#: nouns after which a name is a region's ("Tillaberi region", "Idlib province")
_REGION_NOUNS = {"region", "province", "state", "district", "governorate", "oblast", "prefecture",
                 "county"}


# ------------------------------------------------------------------ resolving


def clean_place_text(text: str) -> str:
    """``"the Gaza Strip's"`` -> ``"Gaza Strip"``."""
    return strip_article(strip_possessive(" ".join(text.split())))


def _mention_country(ent: Span) -> str | None:
    """The country an entity points to on its own, if it is clear."""
    table = countries()
    text = clean_place_text(ent.text)
    if ent.label_ == "NORP":
        return table.demonym(text) or table.lookup(text)
    iso3 = table.lookup(text) or table.capital(text)
    if iso3:
        return iso3
    found = {p.country for p in gazetteer().candidates(text)}
    return found.pop() if len(found) == 1 else None


def _bare(name: str) -> str:
    """A folded name without transliteration marks: "Sāmarrā’" -> "samarra"."""
    return fold(name).translate(_MARKS)


_MARKS = str.maketrans("", "", "’‘ʿʾ'`")


@functools.lru_cache(maxsize=1)
def seats() -> dict[str, tuple[str, str]]:
    """Buildings that house a government, by folded name -> (town, country)
    (``data/seats.tsv``): "the White House" is in Washington."""
    text = resources.files("tacitus").joinpath("data", "seats.tsv").read_text("utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return {_bare(name): (town, country) for name, town, country in rows}


def _seat(text: str) -> list[Place]:
    """The town a seat of government named ``text`` stands in, as its candidates."""
    found = seats().get(_bare(text))
    if found is None:
        return []
    town, country = found
    return [max((p for p in _candidates(town) if p.country == country), key=lambda p: p.population)]


#: the forms a compass word takes at the head of a region's name, in English
#: and as GeoNames writes some of them
_COMPASS = [("north", "northern", "nord"), ("south", "southern", "sud"),
            ("east", "eastern", "est"), ("west", "western", "ouest"), ("central", "centre", "center")]


def _compass_variants(text: str) -> list[str]:
    """Other spellings of a region named by a compass word ("North Darfur" ->
    "Northern Darfur", "Nord Darfur", ...)."""
    first, _, rest = text.partition(" ")
    if not rest:
        return []
    for forms in _COMPASS:
        if first.lower() in forms:
            return [f"{form.capitalize()} {rest}" for form in forms if form != first.lower()]
    return []


def _candidates(text: str) -> list[Place]:
    """Gazetteer entries for ``text``, with the country it names (if any) as a Place.

    A country alias that is also the main name of a city of that country
    ("Gaza") means the city; a US state that shares its name with a city of
    the USA ("New York", "Washington") means the city; a place known by
    ``text`` only as an alternate name must be large ("Bombay", not a village
    once called "Africa").
    """
    key = _bare(text)
    places = [
        p for p in gazetteer().candidates(text)
        if _bare(p.name) == key or p.population >= ALTERNATE_MIN_POPULATION
        or p.kind in ("capital", "country")
    ]
    if not places:  # "North Darfur" is GeoNames' "Northern Darfur", "North Kivu" its "Nord Kivu"
        places = [p for variant in _compass_variants(text) for p in gazetteer().candidates(variant)
                  if p.kind == "state" and _bare(p.name) == _bare(variant)]
    towns = {p.country for p in places if p.kind in ("city", "capital")}
    places = [p for p in places if not (p.kind == "state" and p.country in towns)]
    iso3 = countries().lookup(text)
    if not iso3:
        return places
    own = country_place(iso3)
    if own is not None and fold(text) != fold(own.name):
        cities = [p for p in places if p.country == iso3 and p.kind != "country"
                  and _bare(p.name) == key]
        if cities:
            return cities
    places = [p for p in places if not (p.kind == "country" and p.country == iso3)]
    if own is not None:
        places.append(own)
    return places


def _score(place: Place, text: str, context: Counter, own: str | None) -> float:
    mentions = context.get(place.country, 0) - (1 if own == place.country else 0)
    return (
        math.log10(place.population + 1)
        + KIND_BONUS.get(place.kind, 0.0)
        + (MAIN_NAME_BONUS if fold(place.name) == fold(text) else 0.0)
        + CONTEXT_WEIGHT * min(max(mentions, 0), CONTEXT_CAP)
    )


def _sentence_index(doc: Doc):
    """A function token index -> sentence index (0 if the doc has no sentences)."""
    if not doc.has_annotation("SENT_START"):
        return lambda i: 0
    starts = [sent.start for sent in doc.sents]
    return lambda i: bisect.bisect_right(starts, i) - 1


def resolve_places(doc: Doc, disabled: frozenset[str] = frozenset()) -> list[PlaceMention]:
    """Resolve the doc's GPE/LOC/FAC entities to places, sorted by start_char;
    ``disabled`` names rules of :data:`PLACE_FINDING_RULES` to skip."""
    ents = [e for e in doc.ents if e.label_ in PLACE_LABELS or e.label_ in ("NORP", "ORG", "PERSON")]
    own_country = {(e.start, e.end): _mention_country(e) for e in ents if e.label_ in CONTEXT_LABELS}
    context = Counter(c for c in own_country.values() if c)
    sentence_of = _sentence_index(doc)
    mentions = []
    unknown: list[tuple[Span, str]] = []
    named = {(s.start, s.end) for s in _named_by_place_noun(doc, ents)}
    untagged = {(s.start, s.end) for s in _untagged_after_a_place_word(doc)} - named
    by_phrase = named | untagged
    inside = {i for a, b in named for i in range(a, b)}
    spans = [e for e in ents if not inside & set(range(e.start, e.end))] + \
        [doc[a:b] for a, b in by_phrase]
    for ent in sorted(spans, key=lambda e: e.start):
        if (ent.start, ent.end) not in by_phrase and ent.label_ not in PLACE_LABELS \
                and not _mislabelled_place(ent, own_country):
            continue
        text = clean_place_text(ent.text)
        places = (_seat(text) or _candidates(text)) if text else []
        if (ent.start, ent.end) in untagged:
            if places and "untagged_place_after_a_preposition" not in disabled:
                mentions.append(_best_mention(ent, text, places, context, None, sentence_of(ent.start)))
            continue
        words = text.split()
        if not places and len(words) > 1 and words[-1].lower() in PLACE_NOUNS:
            text = " ".join(words[:-1])  # "Balochistan province", "Helmand Province"
            places = _candidates(text)
        if not places:
            if text and "unknown_place_placed_by_its_phrase" not in disabled:
                unknown.append((ent, text))
            continue
        mentions.append(_best_mention(ent, text, places, context,
                                      own_country.get((ent.start, ent.end)), sentence_of(ent.start)))
    for ent, text in unknown:
        country = _country_of_phrase(doc, ent, mentions)
        if country:
            mentions.append(PlaceMention(ent.start_char, ent.end_char, ent.text, text, country,
                                         None, None, None, "local", sentence_of(ent.start)))
    mentions.sort(key=lambda m: m.start_char)
    return mentions


#: rules of place finding that can be switched off (``PlaceResolver.disabled``)
PLACE_FINDING_RULES = ("unknown_place_placed_by_its_phrase", "untagged_place_after_a_preposition")
#: prepositions of place after which an untagged name is looked up in the gazetteer
_PLACE_PREPS = {"in", "at", "near", "outside", "around", "across", "inside"}


def _untagged_after_a_place_word(doc: Doc) -> list[Span]:
    """Names the model tagged as nothing after a preposition of place ("struck
    a hospital in Kyiv", Kyiv untagged): looked up in the gazetteer, and kept
    only when it knows them (untagged_place_after_a_preposition)."""
    found = []
    objects = numpy.flatnonzero(doc.to_array(DEP) == doc.vocab.strings["pobj"]) if len(doc) else ()
    for i in objects:
        t = doc[int(i)]
        if t.head.lower_ not in _PLACE_PREPS or t.pos_ != "PROPN" or t.ent_type_ or not t.is_title:
            continue
        start = t.i
        while start > t.left_edge.i and doc[start - 1].pos_ == "PROPN" and not doc[start - 1].ent_type_:
            start -= 1
        found.append(doc[start:t.i + 1])
    return found


#: words between a place and the place it lies in: "Charlevoix, Quebec", "L'Estere, near Gonaives"
_WITHIN_WORDS = {",", "near", "in", "outside"}


def _country_of_phrase(doc: Doc, ent: Span, known: list[PlaceMention]) -> str | None:
    """unknown_place_placed_by_its_phrase: a place name the gazetteer does not
    hold is still a place, named as written, when its phrase says where it
    lies: a known place it is said to be in ("Charlevoix, Quebec", "the town
    of L'Estere, near Gonaives") or a known place or country it belongs to
    ("Somalia's Puntland region", "China's western Xinjiang province")."""
    by_start = {m.start_char: m for m in known}
    i = ent.end
    while i < len(doc) and i < ent.end + 3 and doc[i].lower_ in _WITHIN_WORDS:
        i += 1
    if i > ent.end and i < len(doc) and doc[i].idx in by_start \
            and not (doc[i].dep_ == "conj" and doc[i].head.i == ent.root.i):
        return by_start[doc[i].idx].country  # (not a list: "the EU, Belgium, Germany")
    j = ent.start - 1
    while j >= 0 and doc[j].pos_ == "ADJ":
        j -= 1  # "southern China's"
    if j >= 1 and doc[j].tag_ == "POS":
        owner = next((m for m in known if m.start_char <= doc[j - 1].idx < m.end_char), None)
        if owner is not None:
            return owner.country
    return None


def place_named(span: Span) -> PlaceMention | None:
    """``span`` read as a place name, whatever the model tagged it: the
    gazetteer entry it names (a country before a city of the same name), or
    None when it names none."""
    text = clean_place_text(span.text)
    places = _candidates(text) if text else []
    if not places:
        return None
    return _best_mention(span, text, places, Counter(), None, _sentence_index(span.doc)(span.start))


def dateline_place(text: str, dateline) -> PlaceMention | None:
    """The place a story's dateline (``datelines.Dateline``) names, in the
    country or state it says the place lies in ("PARIS, Texas"), else the
    best known one; a place the gazetteer lacks is named as written in the
    one country the dateline names ("MARANCHON, SPAIN"); None otherwise."""
    name = " ".join(w.capitalize() if w.isupper() else w for w in dateline.place.split())
    places = _candidates(name)
    table = countries()
    within = set()
    for w in dateline.within:
        w = w.rstrip(".")
        iso3 = table.lookup(w) or table.lookup(w.title())
        within |= {iso3} if iso3 else {p.country for p in _candidates(w) if p.kind == "state"}
    written = text[dateline.start:dateline.end].strip()
    if not places:  # a place the gazetteer lacks, in a country the dateline names ("MARANCHON, SPAIN")
        if len(within) != 1:
            return None
        return PlaceMention(dateline.start, dateline.end, written, name, next(iter(within)),
                            None, None, None, "local", 0)
    inside = [p for p in places if p.country in within] or places
    best = max(inside, key=lambda p: (_score(p, name, Counter(), None), -(p.geonameid or 0)))
    return PlaceMention(dateline.start, dateline.end, written, best.name,
                        best.country, best.lat, best.lon, best.geonameid, best.kind, 0)


def _best_mention(span: Span, text: str, places: list[Place], context: Counter, own: str | None,
                  sentence: int) -> PlaceMention:
    """``span`` as the best scored of the gazetteer entries ``places`` that its ``text`` names."""
    best = max(places, key=lambda p: (_score(p, text, context, own), -(p.geonameid or 0)))
    return PlaceMention(span.start_char, span.end_char, span.text, best.name, best.country,
                        best.lat, best.lon, best.geonameid, best.kind, sentence)


def place_for_span(doc: Doc, sent: Span, trigger_token_i: int | None = None,
                   places: list[PlaceMention] | None = None) -> PlaceMention | None:
    """The place of an event in ``sent``: a city before a country, then the mention
    closest after the trigger (if given), else the first one. ``places`` are the
    candidates (default: all of ``doc._.places``)."""
    if places is None:
        places = doc._.places
        if places is None:
            places = doc._.places = resolve_places(doc)
    inside = [p for p in places if sent.start_char <= p.start_char < sent.end_char]
    if not inside:
        return None
    anchor = doc[trigger_token_i].idx if trigger_token_i is not None else sent.start_char

    def rank(p: PlaceMention):
        after = p.start_char >= anchor
        return (p.kind == "country", not after, abs(p.start_char - anchor))

    return min(inside, key=rank)


def place_for_sentence(doc: Doc, sent_index: int, trigger_token_i: int | None = None) -> PlaceMention | None:
    """Like place_for_span, with the sentence given by its index in ``doc.sents``."""
    if doc.has_annotation("SENT_START"):
        sents = list(doc.sents)
        if not 0 <= sent_index < len(sents):
            return None
        return place_for_span(doc, sents[sent_index], trigger_token_i)
    return place_for_span(doc, doc[:], trigger_token_i) if sent_index == 0 else None


# ------------------------------------------------------------------ component


@Language.factory(
    "tacitus_places",
    assigns=["doc._.places"],
    requires=["doc.ents"],
    default_config={"disabled_rules": []},
)
def make_place_resolver(nlp: Language, name: str, disabled_rules: list[str]) -> "PlaceResolver":
    return PlaceResolver(name, disabled_rules)


class PlaceResolver:
    """Pipeline step: sets ``doc._.places`` to the resolved place mentions;
    ``disabled_rules`` names rules of :data:`PLACE_FINDING_RULES` to skip."""

    def __init__(self, name: str = "tacitus_places", disabled_rules=()):
        self.name = name
        unknown = set(disabled_rules) - set(PLACE_FINDING_RULES)
        if unknown:
            raise ValueError(f"unknown rule(s) {sorted(unknown)}; rules that can be switched "
                             f"off: {', '.join(PLACE_FINDING_RULES)}")
        self.disabled = frozenset(disabled_rules)
        gazetteer()  # load once, when the pipeline is built

    def __call__(self, doc: Doc) -> Doc:
        doc._.places = resolve_places(doc, self.disabled)
        return doc
