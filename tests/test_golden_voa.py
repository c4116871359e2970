"""End-to-end golden tests: key events of real VOA stories, checked by hand.

tests/golden/voa_key_events.jsonl holds, per story id, the key events a human
coder recorded (from tests/data/voa_gold.jsonl, see docs/voa_gold.md) that the
coder must find: same PLOVER type, an actor of the same country, reported in
the sentence holding the quote, and the same date. The story texts are read
from ../shared/data/voa/stories.jsonl.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from tacitus.coder import split_sentences

pytestmark = pytest.mark.slow

GOLDEN = Path(__file__).parent / "golden" / "voa_key_events.jsonl"
CASES = [json.loads(line) for line in GOLDEN.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_golden_covers_at_least_ten_stories():
    assert len(CASES) >= 10


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_golden_voa_story_key_events(coder, voa_stories, case):
    story = voa_stories[case["id"]]
    text = story["text"]
    events = coder(text, date=story["published"][:10], doc_id=case["id"])
    for expected in case["expected"]:
        at = text.find(expected["quote"])
        assert at >= 0, f"quote not in story: {expected['quote']!r}"
        # an event reported in several sentences is written once, at its first report
        sentence = max(n for n, (start, _) in enumerate(split_sentences(text)) if start <= at)
        reported = [e for e in events if e.span[0] <= at < e.span[1] or sentence in e.mentions]
        here = [e for e in reported if e.event == expected["event"]]
        assert here, f"no {expected['event']} in the sentence of {expected['quote']!r}: " \
                     f"{[e.event for e in reported]}"
        if expected["actor"]:
            here = [e for e in here if set(expected["actor"]) & {a.country for a in e.actor}]
            assert here, f"{expected['event']} of {expected['quote']!r}: no actor in {expected['actor']}"
        if expected["date"]:
            assert expected["date"] in {e.date for e in here}, \
                f"{expected['quote']!r}: date {expected['date']} not in {[e.date for e in here]}"
