"""Shared fixtures. The spaCy model is loaded once per test session."""
from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED_DATA = REPO.parent / "shared" / "data"
VOA_STORIES = SHARED_DATA / "voa" / "stories.jsonl"
PLOVER_DEV = SHARED_DATA / "plover-gsr" / "dev.jsonl"


@pytest.fixture(scope="session")
def coder():
    import tacitus

    return tacitus.load()


@pytest.fixture(scope="session")
def incomplete_coder():
    """A coder that keeps incomplete events (no actor with a country, or no
    recipient where the type needs one): for tests of triggers, dates and
    offsets on sentences that name no country."""
    import tacitus

    return tacitus.load(include_incomplete=True)


@pytest.fixture(scope="session")
def nlp(coder):
    """The full tacitus pipeline (model components + tacitus factories)."""
    return coder.nlp


@pytest.fixture(scope="session")
def voa_stories():
    import json

    if not VOA_STORIES.exists():
        pytest.fail(f"test data missing: {VOA_STORIES} (the shared data folder beside the repo)")
    with VOA_STORIES.open(encoding="utf-8") as f:
        return {s["id"]: s for s in map(json.loads, f)}
