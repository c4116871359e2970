"""Wire datelines: found, kept out of the first sentence, and placing the story's own events."""
from __future__ import annotations

import pytest

from tacitus.datelines import find_dateline
from tacitus.places import dateline_place

DATE = "2024-03-04"


@pytest.mark.parametrize("text, place, within, agency", [
    ("KYIV, Ukraine (AP) — Russian forces shelled Kharkiv.", "KYIV", ["Ukraine"], "AP"),
    ("KYIV, March 2 (Reuters) - Russian forces shelled Kharkiv.", "KYIV", [], "Reuters"),
    ("Kyiv (AFP) - Russian forces shelled Kharkiv.", "Kyiv", [], "AFP"),
    ("NEW YORK (AP) — The council met.", "NEW YORK", [], "AP"),
    ("PORT-AU-PRINCE, Haiti — Gangs attacked a police station.", "PORT-AU-PRINCE", ["Haiti"], None),
    ("  WASHINGTON — The president spoke.", "WASHINGTON", [], None),
])
def test_datelines_found_with_their_parts(text, place, within, agency):
    line = find_dateline(text)
    assert (line.place, line.within, line.agency) == (place, within, agency)
    assert text[line.end:].startswith(("Russian", "The", "Gangs"))


@pytest.mark.parametrize("text", [
    "Russian forces shelled Kharkiv on Saturday.",
    "UN - The Security Council met.",  # two letters: no place
    "Kyiv - Russian forces shelled Kharkiv.",  # a name with no agency: a sentence's own words
    "The NATO - Russia council met.",
    "",
])
def test_datelines_not_found_where_there_is_none(text):
    assert find_dateline(text) is None


def test_datelines_place_in_the_country_or_state_named():
    def place(text):
        found = dateline_place(text, find_dateline(text))
        return found and (found.name, found.country, found.kind)

    assert place("PARIS — Police said.") == ("Paris", "FRA", "capital")
    assert place("PARIS, Texas — Police said.")[:2] == ("Paris", "USA")
    assert place("MARANCHON, SPAIN — The air was cold.") == ("Maranchon", "ESP", "local")
    assert place("NOWHERESVILLE — The air was cold.") is None


@pytest.mark.slow
def test_datelines_kept_out_of_the_first_sentence_and_placing_own_events(coder):
    def coded(text):
        return [(e.event, e.location.name if e.location else None,
                 [(a.name, a.country) for a in e.actor], [(r.country) for r in e.recipient])
                for e in coder(text, date=DATE)]

    # read as part of the sentence, "KYIV" was the subject of "shelled" and the event was lost
    story = "KYIV, Ukraine (AP) — Russian forces shelled Kharkiv on Saturday."
    assert coded(story) == [("ASSAULT", "Kharkiv", [("Russian forces", "RUS")], ["UKR"])]
    [event] = coder(story, date=DATE)
    assert story[event.span[0]:event.span[1]] == event.text and event.text.startswith("Russian")
    # the dateline's place is no party, and it places what the country's own parties decide
    assert coded("NAIROBI, Kenya — Kenyan police fired tear gas at protesters on Tuesday.") == \
        [("ASSAULT", None, [("Kenyan police", "KEN")], ["KEN"])]  # an act happens at its scene
    assert coded("BEIJING — China imposed sanctions on three U.S. defense firms on Friday.")[0][1] \
        == "Beijing"
    # a statement is placed only where the text says it was made (the annotation protocol)
    assert coded("BEIJING — China accused the United States of interfering in its affairs. "
                 "The United States rejected the claim.") == \
        [("ACCUSE", None, [("China", "CHN")], ["USA"]), ("REJECT", None, [("United States", "USA")], ["CHN"])]
    # an act against another country's side is not placed where the reporter was
    assert coded("KYIV, Ukraine (AP) — Ukrainian forces attacked Russian positions on Monday.")[0][1] is None
    pipe = coder.nlp.get_pipe("tacitus_events")
    pipe.disabled = frozenset({"dateline_places_the_story"})
    try:
        assert coded("BEIJING — China imposed sanctions on three U.S. defense firms on Friday.")[0][1] \
            is None
    finally:
        pipe.disabled = frozenset()
