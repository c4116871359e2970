"""A user's own actors file (--actors, tacitus.load(actors=...)) merged over the
shipped tables, through the tacitus_mentions component's config (real model)."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from tacitus.actors.tables import ActorTables, read_user_actors
from tacitus.cli import main
from tacitus.reference import ReferenceDataError

HEADER = "name\taliases\tkind\tcountry\tsector\tstart\tend\tnote\n"
TEXT = "Zorblat Quan accused Uganda of meddling in the election."


def _file(tmp_path, *lines, name="actors.tsv"):
    path = tmp_path / name
    path.write_text("# my actors\n" + HEADER + "".join(l + "\n" for l in lines), encoding="utf-8")
    return path


def _dyads(coder, text, date="2025-03-12"):
    return [(e.event, [a.country for a in e.actor], [r.country for r in e.recipient])
            for e in coder(text, date=date)]


def test_actors_user_file_parses_and_names_bad_lines(tmp_path):
    good = _file(tmp_path, "Zorblat Quan\tQuan|Minister Quan\tperson\tKEN\tGOV\t2025-01-01\t\tminister")
    [actor] = read_user_actors(good)
    assert actor.person and actor.org.country == "KEN" and actor.aliases == ("Quan", "Minister Quan")
    for line, problem in [("X\t\tperson\tXXX\tGOV\t\t\t", "country"),
                          ("X\t\tparty\tKEN\tGOV\t\t\t", "kind"),
                          ("X\t\tperson\tKEN\tBOSS\t\t\t", "sector"),
                          ("X\t\tperson\tKEN\tGOV\t2025-13-01\t\t", "start"),
                          ("X\t\tperson\tKEN\tGOV\t2025-02-01\t2025-01-01\t", "before")]:
        bad = _file(tmp_path, "Y\t\torganization\tNGO\tSOC\t\t\t", line, name="bad.tsv")
        with pytest.raises(ReferenceDataError, match=problem) as err:
            read_user_actors(bad)
        assert "bad.tsv, line 4" in str(err.value)


def test_actors_user_entries_win_over_shipped_and_hold_only_in_office(tmp_path):
    path = _file(tmp_path, "Vladimir Putin\tPutin\tperson\tBLR\tGOV\t\t\t(a test override)",
                 "Zorblat Quan\tQuan\tperson\tKEN\tGOV\t2025-01-01\t2025-12-31\t")
    tables = ActorTables.with_user_file(path)
    assert tables.people.lookup("Putin").country == "BLR"
    assert ActorTables.shipped().people.lookup("Putin").country == "RUS"  # shipped untouched
    import datetime as dt

    assert tables.on(dt.date(2025, 6, 1)).people.lookup("Zorblat Quan").country == "KEN"
    assert tables.on(dt.date(2024, 6, 1)).people.lookup("Zorblat Quan") is None


@pytest.mark.slow
def test_actors_user_file_codes_events_through_the_component_config(tmp_path):
    import tacitus

    path = _file(tmp_path, "Zorblat Quan\tQuan\tperson\tKEN\tGOV\t2025-01-01\t\t")
    plain = tacitus.load()
    own = tacitus.load(actors=str(path))
    assert own.nlp.get_pipe_config("tacitus_mentions")["actors_path"] == str(path)
    assert not [e for e in _dyads(plain, TEXT) if e[0] == "ACCUSE"]
    assert ("ACCUSE", ["KEN"], ["UGA"]) in _dyads(own, TEXT)
    assert not [e for e in _dyads(own, TEXT, date="2024-06-01") if e[0] == "ACCUSE"]  # not yet
    assert not [e for e in _dyads(plain, TEXT) if e[0] == "ACCUSE"]  # no shared state


@pytest.mark.slow
def test_actors_cli_code_with_actors_file_and_a_bad_one(tmp_path):
    story = tmp_path / "story.txt"
    story.write_text(TEXT, encoding="utf-8")
    path = _file(tmp_path, "Zorblat Quan\tQuan\tperson\tKEN\tGOV\t\t\t")
    result = CliRunner().invoke(main, ["code", str(story), "--date", "2025-03-12",
                                       "--actors", str(path)])
    assert result.exit_code == 0, result.output
    events = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(e["event"], e["actor"][0]["country"]) for e in events] == [("ACCUSE", "KEN")]
    bad = _file(tmp_path, "Zorblat Quan\tQuan\tperson\tKENYA\tGOV\t\t\t", name="bad.tsv")
    result = CliRunner().invoke(main, ["code", str(story), "--actors", str(bad)])
    assert result.exit_code != 0
    assert "bad.tsv, line 3" in result.output and "Traceback" not in result.output
