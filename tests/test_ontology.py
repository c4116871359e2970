"""Tests for tacitus.ontology: PLOVER/CAMEO tables and the trigger lexicon."""
from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tacitus import ontology
from tacitus.errors import TacitusError
from tacitus.ontology import LexiconError
from conftest import shared_data

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO / ".." / "shared" / "data"
MANUAL = SHARED / "plover" / "plover-manual-2.0.txt"
GOLDSTEIN = SHARED / "cameo" / "goldstein.tsv"

HEADER = "lemma\tpos\trequires\tevent\tmode\tcameo\tcontexts\tnote\n"


def manual_score_table() -> dict[tuple[str, str], float]:
    """Table 2.2 of the PLOVER manual, parsed from the shared text."""
    lines = MANUAL.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if "Table 2.2" in line)
    table: dict[tuple[str, str], float] = {}
    for line in lines[start + 2 : start + 32]:
        if line.startswith("Chapter"):
            break
        for event, mode, value in re.findall(r"([A-Z]{4,})(?::\s*([A-Za-z-]+))?\s+(-?\d+(?:\.\d+)?)", line):
            table[(event, mode.lower())] = float(value)
    return table


def write_triggers(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "my_triggers.tsv"
    path.write_text("# my own triggers\n" + HEADER + body, encoding="utf-8")
    return path


# --------------------------------------------------------------------------- PLOVER


def test_ontology_plover_types_are_the_sixteen():
    assert ontology.plover_types() == [
        "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
        "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
    ]


def test_ontology_scores_match_manual_table():
    shared_data("plover", "plover-manual-2.0.txt")
    table = manual_score_table()
    assert len(table) >= 80
    for (event, mode), value in table.items():
        assert ontology.score(event, mode) == value, (event, mode)


def test_ontology_scores_of_a_few_modes():
    assert ontology.score("CONSULT", "visit") == 4
    assert ontology.score("RETREAT", "disarm") == 10
    assert ontology.score("ASSAULT", "unconventional") == -10
    assert ontology.score("COERCE", "martial-law") == -7.5
    assert ontology.score("REQUEST") == 0
    # a mode without its own score, and an unknown mode, take the type's score
    assert ontology.score("PROTEST", "vandalize") == ontology.score("PROTEST") == -5
    assert ontology.score("ASSAULT", "no-such-mode") == -9


def test_ontology_quad_recipient_and_modes():
    assert ontology.quad("AGREE") == "VERBAL COOPERATION"
    assert ontology.quad("RETREAT") == "MATERIAL COOPERATION"
    assert ontology.quad("THREATEN") == "VERBAL CONFLICT"
    assert ontology.quad("ASSAULT") == "MATERIAL CONFLICT"
    assert {e for e in ontology.plover_types() if ontology.requires_recipient(e)} == {
        "COOPERATE", "AID", "SANCTION",
    }
    assert ontology.modes("CONSULT") == ["visit", "third-party", "multilateral", "phone"]
    assert ontology.modes("REQUEST") == ontology.modes("REJECT") == ["assist", "change", "yield", "meet"]
    assert "suicide-attack" in ontology.modes("ASSAULT")
    assert ontology.modes("AGREE") == []


def test_ontology_unknown_type_raises_a_tacitus_error():
    with pytest.raises(TacitusError, match="FIGHT"):
        ontology.quad("FIGHT")


def test_ontology_contexts_use_underscores():
    ctx = ontology.contexts()
    assert len(ctx) == 37
    assert "political_institutions" in ctx and "cbrn" in ctx
    assert all(" " not in c for c in ctx)


# --------------------------------------------------------------------------- CAMEO


def test_ontology_cameo_codes_keep_leading_zeros_and_map_to_plover():
    visit = ontology.cameo("042")
    assert visit is not None
    assert (visit.event, visit.mode, visit.goldstein) == ("CONSULT", "visit", 1.9)
    assert ontology.cameo("42") is None
    assert ontology.cameo("112").event == "ACCUSE"  # DISAPPROVE renamed
    assert ontology.cameo("090").event == "ACCUSE" and ontology.cameo("090").mode == "investigate"
    assert ontology.cameo("100").event == "REQUEST"  # DEMAND renamed
    assert ontology.cameo("193").event == "ASSAULT"  # FIGHT renamed
    assert ontology.cameo("010").event == ""  # public statements: dropped by PLOVER


def test_ontology_every_goldstein_code_is_in_cameo_table():
    for line in shared_data("cameo", "goldstein.tsv").read_text().splitlines()[1:]:
        code, value = line.split("\t")
        entry = ontology.cameo(code)
        assert entry is not None, code
        assert entry.goldstein == float(value), code


def test_ontology_cameo_table_uses_only_plover_2_names():
    types, contexts = set(ontology.plover_types()), set(ontology.contexts())
    for code in ontology.cameo_codes():
        c = ontology.cameo(code)
        assert c.event == "" or c.event in types, code
        assert c.mode == "" or c.mode in ontology.modes(c.event), code
        assert set(c.contexts) <= contexts, code


# --------------------------------------------------------------------------- triggers


def test_ontology_every_plover_type_has_triggers():
    lex = ontology.triggers()
    assert len(lex) >= 500
    counts = {e: 0 for e in ontology.plover_types()}
    for t in lex:
        counts[t.event] += 1
    assert all(n >= 10 for n in counts.values()), counts


def test_ontology_trigger_modes_cover_most_plover_modes():
    used = {(t.event, t.mode) for t in ontology.triggers() if t.mode}
    all_modes = {(e, m) for e in ontology.plover_types() for m in ontology.modes(e)}
    missing = all_modes - used
    assert len(missing) <= 4, sorted(missing)


@pytest.mark.parametrize(
    "lemma,pos,event",
    [
        ("attack", "VERB", "ASSAULT"), ("meet", "VERB", "CONSULT"), ("talk", "NOUN", "CONSULT"),
        ("ceasefire", "NOUN", "RETREAT"), ("accuse", "VERB", "ACCUSE"), ("urge", "VERB", "REQUEST"),
        ("boycott", "VERB", "PROTEST"), ("deploy", "VERB", "MOBILIZE"), ("arrest", "VERB", "COERCE"),
        ("expel", "VERB", "SANCTION"), ("threaten", "VERB", "THREATEN"), ("reject", "VERB", "REJECT"),
        ("praise", "VERB", "SUPPORT"), ("pledge", "VERB", "AGREE"), ("donate", "VERB", "AID"),
        ("extradite", "VERB", "COOPERATE"), ("pardon", "VERB", "CONCEDE"),
    ],
)
def test_ontology_common_words_trigger_their_type(lemma, pos, event):
    assert event in {t.event for t in ontology.triggers().for_lemma(lemma, pos)}


def test_ontology_for_lemma_puts_constrained_entries_first():
    entries = ontology.triggers().for_lemma("strike", "NOUN")
    assert entries[-1].dep == "" and entries[-1].event == "ASSAULT"
    assert all(t.dep for t in entries[:-1])
    hunger = next(t for t in entries if "hunger" in t.req_lemmas)
    assert (hunger.event, hunger.mode) == ("PROTEST", "hunger")
    # a lemma that is an event only with its dependent has no bare entry
    assert all(t.dep == "obj" for t in ontology.triggers().for_lemma("impose", "VERB"))
    assert ontology.triggers().for_lemma("Attack", "VERB")  # lemma lookup is case-insensitive
    assert ontology.triggers().for_lemma("attack", "ADJ") == []


def test_ontology_cameo_codes_of_triggers_are_strings_with_zeros():
    meet = ontology.triggers().for_lemma("meet", "VERB")[-1]
    assert meet.cameo == "040"
    assert all(ontology.cameo(t.cameo) is not None for t in ontology.triggers())


def test_ontology_surface_forms_contain_irregular_forms():
    forms = ontology.triggers().surface_forms()
    for word in ["met", "struck", "stricken", "fought", "sought", "withdrew", "withdrawn", "shot",
                 "held", "fled", "froze", "frozen", "thrown", "withheld", "swore", "sworn"]:
        assert word in forms, word
    for word in ["attacks", "attacked", "attacking", "meets", "meeting", "criticised", "criticizing",
                 "kidnapped", "banned", "talks", "rallies", "rallied", "ceasefire", "cease-fire",
                 "airstrikes", "air-strike", "hunger-strike"]:
        assert word in forms, word
    assert "the" not in forms and "said" not in forms


def test_ontology_inflections_handle_prefixed_irregular_verbs():
    irregular = ontology._irregular_verbs()
    assert {"withheld", "withholding", "withholds"} <= ontology.inflections("withhold", "VERB", irregular)
    assert {"overthrew", "overthrown"} <= ontology.inflections("overthrow", "VERB", irregular)
    assert "visat" not in ontology.inflections("visit", "VERB", irregular)


@given(st.from_regex(r"[a-z]{2,12}", fullmatch=True))
def test_ontology_inflections_always_include_the_lemma_and_a_plural(word):
    forms = ontology.inflections(word, "NOUN", {})
    assert word in forms
    assert any(f != word and f.startswith(word[:-1]) and f.endswith("s") for f in forms)


# --------------------------------------------------------------------------- lexicon errors


@pytest.mark.parametrize(
    "line,message",
    [
        ("attack\tVERB\t\tASSAULT\n", "at least 6"),
        ("attack\tVERB\t\tFIGHT\t\t190\t\t\n", "not a PLOVER type"),
        ("attack\tVERB\t\tASSAULT\tkicking\t190\t\t\n", "not a mode of ASSAULT"),
        ("attack\tVERB\t\tASSAULT\t\t999\t\t\n", "CAMEO code '999'"),
        ("attack\tVERB\t\tASSAULT\t\t42\t\t\n", "leading zeros"),
        ("attack\tVERB\tchild:war\tASSAULT\t\t190\t\t\n", "dep:lemma1|lemma2"),
        ("attack\tADV\t\tASSAULT\t\t190\t\t\n", "VERB, NOUN or ADJ"),
        ("Air Strike\tNOUN\t\tASSAULT\t\t190\t\t\n", "one lowercase token"),
        ("attack\tVERB\t\tASSAULT\t\t190\tweather\t\n", "not a PLOVER context"),
    ],
)
def test_ontology_bad_lexicon_line_names_file_and_line(tmp_path, line, message):
    good = "assail\tVERB\t\tACCUSE\tdisapprove\t111\t\t\n"
    path = write_triggers(tmp_path, good + line)
    with pytest.raises(LexiconError) as err:
        ontology.load_user_triggers(path)
    text = str(err.value)
    assert f"{path}:4:" in text  # comment, header, good line, then the bad line
    assert message in text
    assert isinstance(err.value, TacitusError)


def test_ontology_missing_user_file_is_a_lexicon_error(tmp_path):
    with pytest.raises(LexiconError, match="cannot read"):
        ontology.load_user_triggers(tmp_path / "nope.tsv")


def test_ontology_user_triggers_win_over_shipped_ones(tmp_path):
    path = write_triggers(
        tmp_path,
        "attack\tVERB\t\tACCUSE\tdisapprove\t111\t\tverbal attacks in my corpus\n"
        "zap\tVERB\t\tASSAULT\t\t190\tcyber\tmy own verb\n",
    )
    merged = ontology.load_user_triggers(path)
    attack = merged.for_lemma("attack", "VERB")
    assert [(t.event, t.mode) for t in attack] == [("ACCUSE", "disapprove")]
    assert attack[0].source == f"{path}:3"
    assert merged.for_lemma("zap", "VERB")[0].contexts == ("cyber",)
    assert {"zap", "zapped", "zapping"} <= merged.surface_forms()
    # everything else of the shipped lexicon is still there, and the shipped one is unchanged
    assert merged.for_lemma("meet", "VERB") == ontology.triggers().for_lemma("meet", "VERB")
    assert ontology.triggers().for_lemma("attack", "VERB")[0].event == "ASSAULT"
    assert len(merged) == len(ontology.triggers()) + 1


# --------------------------------------------------------------------------- the real model


@pytest.mark.slow
def test_ontology_lexicon_agrees_with_the_model_lemmatizer(capsys):
    spec = importlib.util.spec_from_file_location("check_lexicon", REPO / "scripts" / "check_lexicon.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.main([]) == 0, capsys.readouterr().out


# --- narrowed and added trigger classes -------------------------------

@pytest.mark.parametrize("lemma,pos", [
    ("help", "VERB"), ("seek", "VERB"), ("insist", "VERB"), ("contribute", "VERB"),
    ("mobilize", "VERB"), ("retaliate", "VERB"), ("threat", "NOUN"), ("release", "NOUN"),
    ("violence", "NOUN"), ("unrest", "NOUN"), ("cooperation", "NOUN"), ("support", "NOUN"),
])
def test_ontology_ambiguous_words_trigger_only_with_a_constraint(lemma, pos):
    entries = ontology.triggers().for_lemma(lemma, pos)
    assert all(t.dep for t in entries), f"{lemma} {pos} has a bare entry"


@pytest.mark.parametrize("lemma,pos,dep,dependent,event", [
    ("seek", "VERB", "obj", "asylum", "REQUEST"),
    ("insist", "VERB", "prep", "on", "REQUEST"),
    ("decline", "VERB", "xcomp", "resign", "REJECT"),
    ("exchange", "VERB", "obj", "gunfire", "ASSAULT"),
    ("retaliate", "VERB", "obj", "tariff", "SANCTION"),
    ("retaliate", "VERB", "obj", "airstrike", "ASSAULT"),
    ("release", "NOUN", "obj", "hostage", "RETREAT"),
    ("mobilize", "VERB", "obj", "reservist", "MOBILIZE"),
    ("voice", "VERB", "obj", "concern", "ACCUSE"),
    ("close", "VERB", "obj", "newspaper", "COERCE"),
    ("meet", "VERB", "obj", "demand", "CONCEDE"),
    ("dismiss", "VERB", "obj", "allegation", "REJECT"),
    ("dismiss", "VERB", "prep", "as", "ACCUSE"),
    ("regret", "VERB", "obj", "decision", "ACCUSE"),
    ("allow", "VERB", "xcomp", "rally", "CONCEDE"),
    ("order", "VERB", "xcomp", "seal", "COERCE"),
    ("mass", "VERB", "obj", "troop", "MOBILIZE"),
    ("mass", "VERB", "prep", "outside", "PROTEST"),
    ("prepare", "VERB", "xcomp", "attack", "MOBILIZE"),
    ("send", "VERB", "obj", "materiel", "AID"),
])
def test_ontology_constrained_entries_cover_their_class(lemma, pos, dep, dependent, event):
    hits = [t for t in ontology.triggers().for_lemma(lemma, pos)
            if t.dep == dep and dependent in t.req_lemmas]
    assert hits and hits[0].event == event


@pytest.fixture(scope="module")
def lexicon_coder(incomplete_coder):
    return incomplete_coder  # the sentences name no country: the types are what is tested


@pytest.mark.slow
@pytest.mark.parametrize("text,present,absent", [
    ("The ministry issued a press release on Monday about the budget.", set(), {"RETREAT"}),
    ("The rebels released twenty hostages near the border on Sunday.", {"RETREAT"}, set()),
    ("The government sought to ease tensions with its neighbours.", set(), {"REQUEST"}),
    ("Officials declined to comment on the report.", set(), {"REJECT"}),
    ("The defence minister declined to resign despite growing pressure.", {"REJECT"}, set()),
    ("Soldiers exchanged gunfire with militants near the border town.", {"ASSAULT"}, set()),
    ("The ruling party mobilized its supporters and donors ahead of the vote.", set(), {"MOBILIZE"}),
    ("Analysts said the drought contributed to the economic decline.", set(), {"AID"}),
    ("Army tanks fired rockets at the village on Tuesday.", {"ASSAULT"}, set()),
    ("Thousands of protesters massed outside the embassy on Friday.", {"PROTEST"}, {"MOBILIZE"}),
    ("The government allowed the opposition to hold a rally in the capital.", {"CONCEDE"}, set()),
    ("The junta ordered the army to seal the border.", {"COERCE"}, {"REQUEST"}),
])
def test_ontology_lexicon_classes_code_as_the_manual_says(lexicon_coder, text, present, absent):
    types = {e.event for e in lexicon_coder(text, date="2024-05-06")}
    assert present <= types, types
    assert not (absent & types), types


@pytest.mark.slow
def test_ontology_fire_at_with_a_heavy_weapon_object_is_heavy_weapons(lexicon_coder):
    events = lexicon_coder("Army tanks fired rockets at the village on Tuesday.", date="2024-05-06")
    assert {e.mode for e in events if e.event == "ASSAULT"} == {"heavy-weapons"}
