"""The dateline of a wire story: where it was filed, before its first sentence.

Agency copy opens with the place the story was filed from, and often the
agency and the day, before a dash:

    KYIV, Ukraine (AP) — Russian forces shelled ...
    KYIV, March 2 (Reuters) - Russian forces shelled ...
    Kyiv (AFP) - Russian forces shelled ...
    NAIROBI, Kenya — Kenyan police fired tear gas ...

Read as part of the first sentence, the dateline spoils its parse ("KYIV"
became the subject of "shelled", and the event was lost) and makes a party
of a place. ``find_dateline`` finds it; the coder blanks it before parsing
(offsets stay those of the text) and keeps where it names: the dateline
places the story's events when nothing else does and they plainly happen
there (docs/voa_gold.md, "place").
"""
from __future__ import annotations

import re
from typing import NamedTuple

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
#: a place in capitals ("KYIV", "NEW YORK", "PORT-AU-PRINCE"), then places it lies in
#: ("Ukraine", "Calif."), the day ("March 2"), the agency ("(AP)"), and the dash
_CAPITALS = re.compile(
    r"(?P<place>[A-Z][A-Z'\u2019.\-]+(?:\s[A-Z][A-Z'\u2019.\-]+){0,3})"
    r"(?P<within>(?:,\s?[A-Z][\w'\u2019.\-]*(?:\s[A-Z][\w'\u2019.\-]*){0,2}){0,2}?)"
    rf"(?:,\s?{_MONTH}\s\d{{1,2}})?"
    r"(?:\s?\((?P<agency>[A-Za-z][\w .&\-]{0,24})\))?"
    r"\s?(?:\u2014|\u2013|--|-)\s")
#: a place as a name ("Kyiv"), which is a dateline only with the agency after it
_TITLED = re.compile(
    r"(?P<place>[A-Z][a-z'\u2019.\-]+(?:\s[A-Z][a-z'\u2019.\-]+){0,2})"
    r"(?P<within>(?:,\s?[A-Z][\w'\u2019.\-]*(?:\s[A-Z][\w'\u2019.\-]*){0,2}){0,2}?)"
    rf"(?:,\s?{_MONTH}\s\d{{1,2}})?"
    r"\s?\((?P<agency>[A-Za-z][\w .&\-]{0,24})\)"
    r"\s?(?:\u2014|\u2013|--|-)\s")
#: longest stretch before the first word of a text that may hold its dateline
_LEAD = re.compile(r"\s*")


class Dateline(NamedTuple):
    """A dateline at ``start``..``end`` (the dash and the space after it
    included); ``place`` is the place it names as written ("KYIV"), ``within``
    the places it lies in ("Ukraine", "Calif."), as written."""

    start: int
    end: int
    place: str
    within: list[str]
    agency: str | None


def find_dateline(text: str) -> Dateline | None:
    """The dateline that opens ``text``, if it has one; a place in capitals
    before a dash is one ("WASHINGTON —"), a place written as a name only
    with the agency after it ("Kyiv (AFP) -"). Whether the place is a real
    place is for the gazetteer to say (``places.dateline_place``)."""
    start = _LEAD.match(text).end()
    for pattern in (_CAPITALS, _TITLED):
        m = pattern.match(text, start)
        if m is None:
            continue
        place = m.group("place").strip()
        if pattern is _CAPITALS and len(place.replace(" ", "")) < 3:
            continue  # "UN -", "US -": no dateline
        within = [w.strip() for w in m.group("within").split(",") if w.strip()]
        return Dateline(start, m.end(), place, within, m.group("agency"))
    return None
