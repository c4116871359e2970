"""What someone arriving from a code host gets: version, licences, typing, docs that point at real files."""
from __future__ import annotations

import importlib.metadata
import os
import re
import subprocess
import sys
from pathlib import Path

import tacitus

REPO = Path(__file__).resolve().parent.parent


def test_packaging_version_is_the_package_version():
    assert tacitus.__version__ == importlib.metadata.version("tacitus")


def test_packaging_licences_of_code_and_data():
    text = (REPO / "LICENSE").read_text(encoding="utf-8")
    assert "MIT License" in text and "CC BY-SA 4.0" in text and "CC BY 4.0" in text
    import tomllib

    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    licence = project["license"]["text"]  # the package metadata's License field
    assert "MIT" in licence and "CC BY-SA 4.0" in licence and "CC BY 4.0" in licence


def test_packaging_is_typed():
    assert (Path(tacitus.__file__).parent / "py.typed").is_file()
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert '"py.typed"' in pyproject


def shipped_text_files():
    tracked = subprocess.run(["git", "ls-files"], cwd=REPO, capture_output=True, text=True, check=True)
    for name in tracked.stdout.splitlines():
        if name.endswith((".md", ".py", ".tsv", ".toml", ".txt")) and not name.startswith("tests/data/") \
                and name != "tests/test_packaging.py":
            path = REPO / name
            if path.is_file():  # tracked but deleted in the working tree: not shipped
                yield name, path.read_text(encoding="utf-8", errors="replace")


def test_packaging_docs_cite_only_files_of_the_repository():
    tracked = subprocess.run(["git", "ls-files"], cwd=REPO, capture_output=True, text=True, check=True)
    tracked_names = {Path(name).name for name in tracked.stdout.splitlines()}
    missing = []
    for name, text in shipped_text_files():
        if not name.endswith(".md"):
            continue
        for target in re.findall(r"\]\(([^)#\s]+)", text):  # markdown links
            if "://" not in target and not (REPO / name).parent.joinpath(target).exists():
                missing.append(f"{name}: {target}")
    for name, text in shipped_text_files():
        for cited in re.findall(r"\b([A-Z]{3,}\.md)\b", text):  # DESIGN.md, STYLE.md, ...
            if cited not in tracked_names:
                missing.append(f"{name}: {cited}")
    assert missing == []


def test_packaging_shipped_files_speak_about_the_project_only():
    notes = re.compile(r"\b(helper [A-Z]\d?\b|issue \d+|(first|second|third) session|this session)", re.I)
    found = [f"{name}: {m.group(0)}" for name, text in shipped_text_files() for m in notes.finditer(text)]
    assert found == []


SKIPPING = """
from conftest import shared_data

def test_needs_data():
    shared_data("no-such-folder", "missing.jsonl")
"""


def test_packaging_missing_shared_data_skips_with_its_name_unless_required(tmp_path):
    test = tmp_path / "test_needs.py"
    test.write_text(SKIPPING, encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(REPO / "tests"))
    env.pop("TACITUS_REQUIRE_DATA", None)
    command = [sys.executable, "-m", "pytest", "-rs", "-p", "no:cacheprovider", str(test)]
    skipped = subprocess.run(command, capture_output=True, text=True, env=env, cwd=tmp_path)
    assert skipped.returncode == 0 and "1 skipped" in skipped.stdout
    assert "test data missing" in skipped.stdout and "missing.jsonl" in skipped.stdout
    env["TACITUS_REQUIRE_DATA"] = "1"
    required = subprocess.run(command, capture_output=True, text=True, env=env, cwd=tmp_path)
    assert required.returncode == 1 and "missing.jsonl" in required.stdout
