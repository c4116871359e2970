"""Every command has help text and is documented in the README."""
from __future__ import annotations

from pathlib import Path

import pytest

from tacitus.cli import main

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", main.list_commands(None))
def test_docs_command_has_help_and_readme_entry(name):
    command = main.get_command(None, name)
    assert (command.help or "").strip(), f"tacitus {name} has no help text"
    assert f"tacitus {name}" in README, f"tacitus {name} is not documented in README.md"


def test_docs_readme_top_shows_install_and_test_commands():
    top = README[:800]
    assert "pip install . && tacitus demo" in top
    assert "pip install '.[test]' && pytest" in top


def test_docs_ci_runs_the_readme_test_command():
    ci = (Path(__file__).resolve().parent.parent / ".ci" / "run").read_text(encoding="utf-8")
    assert "pip install '.[test]' && pytest" in ci


@pytest.mark.slow
def test_docs_readme_api_example_gives_what_its_comments_say(coder):
    import re

    call = re.search(r'events = coder\("([^"]+)", date="([^"]+)"\)\n(.*?)\n', README)
    assert call, "the README's API example is gone"
    text, date, shown = call.groups()
    expected = re.search(r"# \('(\w+)', '([\d-]+)'\)", shown).groups()
    events = coder(text, date=date)
    assert events and (events[0].event, events[0].date) == expected
