"""Scoring rules of tacitus.evaluate on hand-built gold and events (no model)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from tacitus.evaluate import GoldError, load_gold, open_gold, score_sentences, score_stories
from tacitus.evaluate_gold import GoldSentence, GoldStory
from tacitus.evaluate_stories import match_story
from tacitus.records import Entity, Event
from conftest import shared_data


def ent(country: str | None, sector: str | None = None, text: str = "x") -> Entity:
    return Entity(text=text, name=text, country=country, sector=sector)


def ev(event: str, actor=(), recipient=(), mode: str = "", text: str = "",
       date: str | None = None, span=(0, 0)) -> Event:
    return Event(id="e", doc_id="d", sentence=0, event=event, mode=mode, text=text, date=date,
                 actor=list(actor), recipient=list(recipient), span=span)


def gold(event: str, actor=(), recipient=(), mode: str = "", id: str = "g") -> GoldSentence:
    return GoldSentence.from_dict({
        "id": id, "text": "A sentence.", "event": event, "mode": mode,
        "actor": [{"text": "a", "country": c, "sector": s} for c, s in actor],
        "recipient": [{"text": "r", "country": c, "sector": s} for c, s in recipient],
    })


def test_evaluate_counts_true_false_positives_and_negatives():
    golds = [gold("AGREE"), gold("ASSAULT"), gold("PROTEST")]
    preds = [[ev("AGREE"), ev("AGREE"), ev("CONSULT")],  # TP AGREE (set), FP CONSULT
             [],                                          # FN ASSAULT
             [ev("COERCE")]]                              # FN PROTEST, FP COERCE
    report = score_sentences(golds, preds)
    assert report.per_type["AGREE"].tp == 1 and report.per_type["AGREE"].fp == 0
    assert report.per_type["CONSULT"].fp == 1 and report.per_type["CONSULT"].support == 0
    assert report.per_type["ASSAULT"].fn == 1
    assert report.per_type["PROTEST"].fn == 1 and report.per_type["COERCE"].fp == 1
    overall = report.overall
    assert (overall.tp, overall.fp, overall.fn) == (1, 2, 2)
    assert report.micro_f1 == pytest.approx(2 * 1 / (2 * 1 + 2 + 2))


def test_evaluate_macro_averages_only_types_in_gold():
    # AGREE: 3 gold, all found (F1 1.0); ASSAULT: 1 gold, missed (F1 0).
    golds = [gold("AGREE")] * 3 + [gold("ASSAULT")]
    preds = [[ev("AGREE")]] * 3 + [[ev("SANCTION")]]
    report = score_sentences(golds, preds)
    assert report.macro_f1 == pytest.approx(0.5)  # SANCTION (no gold) is not averaged
    assert report.micro_f1 == pytest.approx(6 / (6 + 1 + 1))
    assert report.macro_f1 < report.micro_f1


def test_evaluate_confusion_counts_each_predicted_type_and_none():
    golds = [gold("REJECT"), gold("REJECT"), gold("ACCUSE")]
    preds = [[ev("REJECT")], [ev("ACCUSE"), ev("THREATEN")], []]
    confusion = score_sentences(golds, preds).confusion
    assert confusion["REJECT"] == {"REJECT": 1, "ACCUSE": 1, "THREATEN": 1}
    assert confusion["ACCUSE"] == {"none": 1}


def test_evaluate_country_accuracy_only_on_found_sentences_with_gold_countries():
    golds = [
        gold("ACCUSE", actor=[("USA", "GOV")], recipient=[("IRN", "")]),
        gold("ACCUSE", actor=[("USA", "")], recipient=[("IRN", "GOV")]),
        gold("ACCUSE", actor=[("", "")], recipient=[]),   # no gold country: not counted
        gold("ACCUSE", actor=[("FRA", "")]),               # type missed: not counted
    ]
    preds = [
        # the right country on an event of another type does not count
        [ev("ACCUSE", actor=[ent("USA", "GOV")], recipient=[ent("IRQ")]),
         ev("THREATEN", recipient=[ent("IRN")])],
        [ev("ACCUSE", actor=[ent("GBR"), ent("USA")], recipient=[ent("IRN", "MIL")])],
        [ev("ACCUSE", actor=[ent("DEU")])],
        [ev("THREATEN", actor=[ent("FRA")])],
    ]
    report = score_sentences(golds, preds)
    assert (report.actor_country.hits, report.actor_country.total) == (2, 2)
    assert (report.recipient_country.hits, report.recipient_country.total) == (1, 2)
    assert (report.actor_sector.hits, report.actor_sector.total) == (1, 1)
    assert (report.recipient_sector.hits, report.recipient_sector.total) == (0, 1)
    assert report.outcomes[0].misses == ["extra", "recipient country"]
    assert report.outcomes[3].misses == ["type", "extra"]


def test_evaluate_mode_accuracy_compares_modes_of_the_gold_type():
    golds = [gold("PROTEST", mode="demo-org"), gold("PROTEST", mode=""), gold("AID")]
    preds = [[ev("PROTEST", mode="riot"), ev("PROTEST", mode="demo-org")],
             [ev("PROTEST", mode="riot")], []]
    report = score_sentences(golds, preds)
    assert (report.mode.hits, report.mode.total) == (1, 2)


def test_evaluate_report_json_has_all_figures():
    report = score_sentences([gold("AGREE", actor=[("JOR", "")])],
                             [[ev("AGREE", actor=[ent("JOR")])]])
    d = json.loads(json.dumps(report.to_dict()))
    for key in ("micro", "macro", "per_type", "confusion", "mode_accuracy",
                "actor_country_accuracy", "recipient_country_accuracy",
                "actor_sector_accuracy", "recipient_sector_accuracy", "errors"):
        assert key in d
    assert d["macro"]["f1"] == 1.0 and d["errors"] == []


def test_evaluate_rejects_misaligned_predictions():
    with pytest.raises(ValueError):
        score_sentences([gold("AGREE")], [])


def story(events: list[dict], id: str = "s1") -> GoldStory:
    return GoldStory.from_dict({"id": id, "events": events})


def g_ev(event, actor=(), recipient=(), date=None, quote="", key=False, place=None) -> dict:
    return {"event": event, "mode": "", "actor": list(actor), "recipient": list(recipient),
            "date": date, "quote": quote, "key": key, "place": place}


def levels(report) -> dict[str, tuple[int, int, int]]:
    return {level: (s.tp, s.fp, s.fn) for level, s in report.levels.items()}


def test_evaluate_story_type_level_needs_type_and_shared_actor_country():
    s = story([g_ev("ASSAULT", actor=["ISR"]), g_ev("CONSULT"), g_ev("AGREE", actor=["FRA"])])
    preds = [ev("ASSAULT", actor=[ent("PSE")]), ev("CONSULT"), ev("AGREE", actor=[ent("FRA")])]
    report = score_stories([s], [preds])
    assert report.per_type["ASSAULT"].fn == 1 and report.per_type["ASSAULT"].fp == 1
    assert report.per_type["CONSULT"].tp == 1  # no actor country on either side agrees
    assert report.per_type["AGREE"].tp == 1
    # a gold event without actor is not matched by a prediction that names one
    s2 = story([g_ev("CONSULT")])
    assert score_stories([s2], [[ev("CONSULT", actor=[ent("FRA")])]]).levels["type"].tp == 0


def test_evaluate_story_levels_add_recipient_then_date_within_a_day():
    s = story([g_ev("SANCTION", actor=["USA"], recipient=["RUS"], date="2023-05-01", key=True),
               g_ev("ACCUSE", actor=["RUS"], recipient=["USA"], date=None, key=True),
               g_ev("AGREE", actor=["CHN"], recipient=["BRA"], date="2023-05-01"),
               g_ev("ASSAULT", actor=["UKR"], recipient=["RUS"], date="2023-05-01")])
    preds = [ev("SANCTION", actor=[ent("USA")], recipient=[ent("RUS")], date="2023-04-30"),
             ev("ACCUSE", actor=[ent("RUS")], recipient=[ent("USA")], date="2023-05-01"),
             ev("AGREE", actor=[ent("CHN")], recipient=[ent("IND")], date="2023-05-01"),
             ev("ASSAULT", actor=[ent("UKR")], recipient=[ent("RUS")], date="2023-05-03")]
    report = score_stories([s], [preds])
    # one day apart is the same day; a null gold date needs a null prediction
    assert levels(report) == {"type": (4, 0, 0), "dyad": (3, 1, 1), "full": (1, 3, 3)}
    assert report.key_recall["type"].value == 1.0 and report.key_recall["full"].value == 0.5
    kinds = sorted((m.level, m.kind) for m in report.misses)
    assert kinds == [("dyad", "recipient"), ("full", "date"), ("full", "date")]
    assert report.levels["full"].f1 <= report.levels["dyad"].f1 <= report.levels["type"].f1


def test_evaluate_story_an_event_written_twice_is_a_false_positive():
    s = story([g_ev("ASSAULT", actor=["RUS"], recipient=["UKR"])])
    twice = [ev("ASSAULT", actor=[ent("RUS")], recipient=[ent("UKR")]) for _ in range(2)]
    assert levels(score_stories([s], [twice]))["dyad"] == (1, 1, 0)


def test_evaluate_story_matching_is_maximal_and_prefers_the_quoted_sentence():
    text = "Israel struck Gaza on Monday. Israel struck Lebanon on Tuesday."
    s = story([g_ev("ASSAULT", actor=["ISR"], recipient=["LBN"], date="2024-01-02",
                    quote="struck Lebanon")])
    first = ev("ASSAULT", actor=[ent("ISR")], recipient=[ent("PSE")], date="2024-01-01",
               text=text[:29], span=(0, 29))
    second = ev("ASSAULT", actor=[ent("ISR")], recipient=[ent("LBN")], date="2024-01-02",
                text=text[30:], span=(30, len(text)))
    assert match_story(s.events, [first, second], text) == [(0, 1)]
    # greedy in gold order would pair gold 0 with prediction 0 and leave gold 1 unmatched
    s2 = story([g_ev("ASSAULT", actor=["ISR", "USA"]), g_ev("ASSAULT", actor=["ISR"])])
    preds = [ev("ASSAULT", actor=[ent("ISR")]), ev("ASSAULT", actor=[ent("USA")])]
    assert match_story(s2.events, preds) == [(0, 1), (1, 0)]


def test_evaluate_story_matching_gives_a_prediction_to_the_gold_event_it_reports():
    # the first gold event (no quote in any sentence) could take the prediction
    # too; it goes to the later, key gold event whose quote its sentence holds
    text = "Japan accused a Chinese spy plane of violating its airspace."
    s = story([g_ev("ACCUSE", actor=["JPN", "USA"], recipient=["CHN"], quote="shared concerns"),
               g_ev("ACCUSE", actor=["JPN"], recipient=["CHN"], key=True,
                    quote="Japan accused a Chinese spy plane")])
    pred = ev("ACCUSE", actor=[ent("JPN")], recipient=[ent("CHN")], text=text, span=(0, len(text)))
    assert match_story(s.events, [pred], text) == [(1, 0)]
    report = score_stories([s], [[pred]], {s.id: text})
    assert report.key_recall["type"].value == 1.0
    # the largest matching still comes first: two pairs beat one quoted pair
    other = ev("ACCUSE", actor=[ent("USA")], recipient=[ent("CHN")])
    assert match_story(s.events, [pred, other], text) == [(0, 1), (1, 0)]


def test_evaluate_story_place_accuracy_over_full_matches():
    from tacitus.records import Location

    s = story([g_ev("ASSAULT", actor=["RUS"], recipient=["UKR"], date="2024-01-02",
                    place={"name": "Kharkiv", "country": "UKR"}),
               g_ev("CONSULT", actor=["USA"], recipient=["SAU"], date="2024-01-02",
                    place={"name": "Jeddah", "country": "SAU"}),
               g_ev("ACCUSE", actor=["CHN"], recipient=["USA"], date="2024-01-02", place=None)])
    at = ev("ASSAULT", actor=[ent("RUS")], recipient=[ent("UKR")], date="2024-01-02")
    at.location = Location("KHARKIV", "UKR", None, None, None)
    meet = ev("CONSULT", actor=[ent("USA")], recipient=[ent("SAU")], date="2024-01-02")
    meet.location = Location("Saudi Arabia", "SAU", None, None, None)
    acc = ev("ACCUSE", actor=[ent("CHN")], recipient=[ent("USA")], date="2024-01-02")
    s.events[0].place.name = "Kharkiv, Kharkiv Oblast"  # "town, region" matches the town
    report = score_stories([s], [[at, meet, acc]])
    assert (report.place_country.hits, report.place_country.total) == (3, 3)
    assert (report.place_name.hits, report.place_name.total) == (2, 3)
    assert [m.kind for m in report.misses] == ["place"]


def test_evaluate_story_agreement_is_symmetric_in_f1(tmp_path):
    from tacitus.evaluate_stories import score_agreement

    a = story([g_ev("ASSAULT", actor=["RUS"], recipient=["UKR"], key=True),
               g_ev("ACCUSE", actor=["UKR"], recipient=["RUS"])])
    b = story([g_ev("ASSAULT", actor=["RUS"], recipient=["UKR"]),
               g_ev("ACCUSE", actor=["UKR"], recipient=[]), g_ev("AID", actor=["USA"])])
    ab, ba = score_agreement([a], [b]), score_agreement([b], [a])
    for level in ("type", "dyad", "full"):
        assert ab.levels[level].f1 == pytest.approx(ba.levels[level].f1)
        assert ab.levels[level].precision == pytest.approx(ba.levels[level].recall)
    assert levels(ab)["dyad"] == (1, 2, 1)
    other = story([], id="s2")
    assert score_agreement([a, other], [b]).stories == 1  # only stories both code


def test_evaluate_load_gold_reports_bad_lines_and_keeps_the_rest(tmp_path):
    good = {"id": "a", "text": "T.", "event": "AGREE", "actor": [], "recipient": []}
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join([
        json.dumps(good), "{not json", json.dumps({**good, "event": "AGRE"}), "",
        json.dumps({"id": "s", "events": []}), json.dumps({**good, "id": "b"}),
    ]) + "\n", encoding="utf-8")
    gold_set = load_gold(path)
    assert gold_set.format == "sentence"
    assert [r.id for r in gold_set.records] == ["a", "b"]
    assert [p.line for p in gold_set.problems] == [2, 3, 5]
    assert "gold.jsonl, line 3" in str(gold_set.problems[1])
    assert "AGRE" in str(gold_set.problems[1])


def test_evaluate_story_gold_needs_existing_story_texts(tmp_path):
    path = tmp_path / "stories_gold.jsonl"
    path.write_text(json.dumps({"id": "1", "events": [g_ev("AGREE", quote="agreed")]}) + "\n",
                    encoding="utf-8")
    with pytest.raises(Exception, match="stories file not found"):
        open_gold(path, tmp_path / "missing.jsonl")
    texts = tmp_path / "stories.jsonl"
    texts.write_text(json.dumps({"id": "1", "text": "They agreed.", "published": "2024-02-03 10:00Z"})
                     + "\n" + json.dumps({"id": "2", "text": "Other."}) + "\n", encoding="utf-8")
    gold_set, articles, problems = open_gold(path, texts)
    assert list(articles) == ["1"] and articles["1"].date == "2024-02-03" and problems == []


def test_evaluate_story_gold_flags_quotes_not_in_the_text(tmp_path):
    path = tmp_path / "stories_gold.jsonl"
    path.write_text(json.dumps({"id": "1", "events": [g_ev("AGREE", quote="signed a deal")]})
                    + "\n" + json.dumps({"id": "9", "events": []}) + "\n", encoding="utf-8")
    texts = tmp_path / "stories.jsonl"
    texts.write_text(json.dumps({"id": "1", "text": "They agreed."}) + "\n", encoding="utf-8")
    gold_set, _, problems = open_gold(path, texts)
    assert len(problems) == 2 and "quote" in str(problems[0]) and "line 2" in str(problems[1])
    assert [s.id for s in gold_set.records] == ["1"]


def test_evaluate_empty_gold_file_is_an_error(tmp_path):
    path = tmp_path / "empty.jsonl"
    path.write_text("\n", encoding="utf-8")
    with pytest.raises(GoldError):
        load_gold(path)


def test_evaluate_reads_the_shared_dev_set_without_problems():
    dev = shared_data("plover-gsr", "dev.jsonl")
    gold_set = load_gold(dev)
    assert gold_set.format == "sentence" and gold_set.problems == []
    assert len({g.event for g in gold_set.records}) == 16
    assert all(g.actor for g in gold_set.records)
