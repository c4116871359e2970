"""Direct quotations found in news text (tacitus.events.quotations)."""
from __future__ import annotations

from tacitus.events.quotations import quotation_spans


def _quoted(text):
    return [text[a:b] for a, b in quotation_spans(text)]


def test_events_quotations_curly_straight_and_mixed_marks():
    text = ('He called for a \u201cconstructive" dialogue. "Despite this, I will go.\u201d '
            '\u201cWe called for Russia,\u201d the diplomats said. "Fine," he said.')
    assert _quoted(text) == ['\u201cconstructive"', '"Despite this, I will go.\u201d',
                             '\u201cWe called for Russia,\u201d', '"Fine,"']


def test_events_quotations_run_over_sentences_and_to_the_next_opening():
    text = '\u201cWe will fight. We will win,\u201d he said. \u201cNever give up. "Again," she said.'
    assert _quoted(text) == ['\u201cWe will fight. We will win,\u201d', '\u201cNever give up. ',
                             '"Again,"']


def test_events_quotations_none_in_plain_text():
    assert quotation_spans("Kenya urged Somalia to accept the ceasefire.") == []
