"""tacitus.startup: spaCy imported without its command-line package, and
plugin look-ups indexed, with the same behaviour."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest


def _run(code: str) -> dict:
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_startup_coder_import_leaves_spacy_cli_unloaded_until_asked():
    result = _run("""
import json, sys
import tacitus.coder
loaded_before = "spacy.cli" in sys.modules
import spacy
from spacy.cli import app
from spacy.cli.info import info_cli
commands = sorted(c.name for c in app.registered_commands if c.name)
print(json.dumps({"before": loaded_before, "commands": commands,
                  "info_is_real": spacy.cli.info.__module__ == "spacy.cli.info"}))
""")
    assert result["before"] is False
    # the real spacy.cli, complete, once asked for: its info command is registered
    assert "info" in result["commands"] and "download" in result["commands"]
    assert result["info_is_real"]


def test_startup_spacy_info_still_answers():
    result = _run("""
import json
import tacitus.coder
import spacy
info = spacy.info()
print(json.dumps({"version": info["spacy_version"]}))
""")
    import spacy

    assert result["version"] == spacy.__version__


def test_startup_entry_point_index_finds_what_the_scan_finds():
    catalogue = pytest.importorskip("catalogue")
    import importlib.metadata

    from tacitus.startup import import_spacy

    import_spacy()
    indexed = catalogue.AVAILABLE_ENTRY_POINTS
    assert type(indexed) is dict
    everything = importlib.metadata.entry_points()
    groups = {ep.group for ep in (everything.select() if hasattr(everything, "select")
                                 and not isinstance(everything, dict) else
                                 [e for eps in dict.values(everything) for e in eps])}
    for group in groups:
        assert [e.name for e in indexed.get(group, [])] == \
            [e.name for e in everything.select(group=group)], group
    # spaCy finds tacitus' factories through them, in a process that never imported tacitus' steps
    result = _run("""
import json, sys
from tacitus.startup import import_spacy
spacy = import_spacy()
nlp = spacy.blank("en")
nlp.add_pipe("tacitus_dates")
print(json.dumps({"pipes": nlp.pipe_names}))
""")
    assert result["pipes"] == ["tacitus_dates"]


def test_startup_load_model_reads_the_same_tokenizer_and_pipeline_as_spacy_load():
    import spacy

    from tacitus.nlp import DEFAULT_MODEL, load_model

    ours, theirs = load_model(DEFAULT_MODEL), spacy.load(DEFAULT_MODEL)
    assert ours.tokenizer.to_bytes() == theirs.tokenizer.to_bytes()
    assert ours.pipe_names == theirs.pipe_names
    # the components the model disables are left out; the config still names spaCy's tokenizer
    assert set(theirs.component_names) - set(ours.component_names) == set(theirs.disabled)
    assert ours.config["nlp"]["tokenizer"] == theirs.config["nlp"]["tokenizer"]
    text = "Mr. Smith's U.S.-backed forces didn't attack e-mail@example.com at 5:30p.m. in St. Louis."
    assert [t.text for t in ours(text)] == [t.text for t in theirs(text)]
    assert [(e.text, e.label_) for e in ours(text).ents] == [(e.text, e.label_) for e in theirs(text).ents]


def test_startup_load_model_of_a_directory_and_of_an_unknown_name(tmp_path):
    import spacy

    from tacitus.nlp import load_model

    blank = spacy.blank("en")
    blank.to_disk(tmp_path / "blank")
    assert [t.text for t in load_model(str(tmp_path / "blank"))("U.S. forces")] == ["U.S.", "forces"]
    with pytest.raises(OSError):
        load_model("no_such_model_anywhere")
