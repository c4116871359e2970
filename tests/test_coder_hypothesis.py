"""Arbitrary unicode never crashes the coder, and every offset indexes the text."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.slow

WORDS = st.sampled_from(["Russia", "attacked", "Ukraine", "on", "Saturday", "police", "arrested",
                         "protesters", "the", "U.S.", "said", ".", ",", "Qin", "Gang", "met",
                         "\n", "\n\n", "  ", "(", ")", "NATO", "condemned", "'s"])
TEXT = st.one_of(st.text(max_size=300), st.lists(WORDS, max_size=60).map(" ".join),
                 st.tuples(st.text(max_size=40), st.lists(WORDS, max_size=30).map(" ".join))
                 .map(lambda t: t[0] + t[1]))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=TEXT)
def test_coder_never_crashes_and_offsets_index_the_text(coder, text):
    events = coder(text, date="2023-06-25")
    for e in events:
        assert 0 <= e.span[0] <= e.span[1] <= len(text)
        assert text[e.span[0]: e.span[1]] == e.text
        for ent in [*e.actor, *e.recipient, *([e.attribution] if e.attribution else [])]:
            assert 0 <= ent.start <= ent.end <= len(text)
            assert text[ent.start: ent.end] == ent.text
