"""Direct quotations: the stretches of a text inside quotation marks.

News mixes curly and straight quotation marks, sometimes within one quotation
(``"Despite this, ... a year.”``), and a quotation may run over several
sentences. A mark is read as opening when it follows a space, a bracket or
the start of the text and precedes a word, as closing otherwise; a quotation
runs from an opening mark to the next closing one (an opening mark with no
closing one runs to the next opening mark or the end of the text).
"""
from __future__ import annotations

import bisect

from spacy.tokens import Doc

QUOTE_MARKS = frozenset('"\u201c\u201d\u201e\u00ab\u00bb')
_BEFORE_OPENING = frozenset(" \t\n\r([{\u2014\u2013-/")

_AFTER_ALL = float("inf")
_KEY = "tacitus.quotations"  # doc.user_data: the doc's quotations, found once


def _opening(text: str, i: int) -> bool:
    if text[i] in "\u201c\u201e\u00ab":
        return True
    if text[i] in "\u201d\u00bb":
        return False
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return before in _BEFORE_OPENING and not after.isspace()


def quotation_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) character offsets of the quotations of ``text``, marks
    included, in order."""
    marks = [i for i, ch in enumerate(text) if ch in QUOTE_MARKS]
    spans: list[tuple[int, int]] = []
    start = None
    for i in marks:
        if _opening(text, i):
            if start is not None:  # an unclosed quotation ends where the next one opens
                spans.append((start, i))
            start = i
        elif start is not None:
            spans.append((start, i + 1))
            start = None
    if start is not None:
        spans.append((start, len(text)))
    return spans


def quotations(doc: Doc) -> list[tuple[int, int]]:
    """The quotations of a doc's text (see :func:`quotation_spans`), found
    once per doc."""
    found = doc.user_data.get(_KEY)
    if found is None:
        found = quotation_spans(doc.text)
        doc.user_data[_KEY] = found
    return found


def quoted(doc: Doc, char: int) -> bool:
    """Whether the character at offset ``char`` is inside a quotation."""
    spans = quotations(doc)
    n = bisect.bisect_right(spans, (char, _AFTER_ALL)) - 1  # (not len(doc.text): it rebuilds the text)
    return n >= 0 and spans[n][0] < char < spans[n][1]
