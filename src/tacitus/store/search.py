"""The word index of the text filter: which events have a word in their lowered text.

A filter by words of the text keeps the events whose ``search_text`` (sentence
and title, lowered) contains the lowered query. Reading that column for a
million events is the costliest filter of the viewer; the index names, for
each word of the texts, the events (``seq``) that have it, so the filter
reads a few thousand texts instead:

    where = "e.seq IN (" + sql + ") AND contains(e.search_text, lower(?))"

The query's words give the candidates (a superset of the matches); the
substring test on the candidates alone gives the very events the test on
every event gives. A query of one word and no separator is found inside one
word of a text, never across two: the events that have a word containing it
are the matches themselves, and no text is read (``Candidates.exact``). A word of the query between two separators is a whole
word of the text; the first may be the end of a longer word, the last the
start of one ("ctor 12" finds "actor 123"). Ingest keeps the index: the
words of new events go to ``search_words_new`` and are sorted into
``search_words`` once they are a tenth of it (``sort_if_due``).
"""
from __future__ import annotations

import re
from typing import NamedTuple

from .queries import listed, text_filter
from .schema import NAMES_SEPARATOR, SEARCH_WORDS_SELECT, SEARCH_WORDS_SORT, WORD_SEPARATORS

#: Largest share of the events a query's words may name for the index to be read: past it
#: reading every text costs less than looking up that many candidates (on a million
#: events: 4,000 candidates 0.4 times the time of reading every text, 12,000 0.45 times,
#: 39,000 about as long, 62,000 1.1 times).
MAX_SHARE = 0.025
#: Candidates few enough not to look up the other words of the query.
FEW = 10_000
#: Most words of the vocabulary a part of a word of the query may stand for.
MAX_WORDS = 200
#: Most words of a query looked up in the vocabulary.
MAX_LOOKUPS = 4
#: Fewest unsorted words sorted into the index (a smaller tail is read whole, quickly).
SORT_MIN = 200_000

_SPLIT = re.compile(WORD_SEPARATORS)

def query_words(text: str) -> list[tuple[str, bool, bool]]:
    """The words of a query (as written: the index lowers them as it lowered the texts),
    each with whether it is open on the left and on the right."""
    parts = _SPLIT.split(text)
    return [(part, i == 0, i == len(parts) - 1) for i, part in enumerate(parts) if part]


def _after(prefix: str) -> str | None:
    """The least string greater than every string that starts with ``prefix`` (strings
    compare by code point, as DuckDB compares them), None if there is none."""
    for i in range(len(prefix) - 1, -1, -1):
        code = ord(prefix[i]) + 1
        code = 0xE000 if code == 0xD800 else code  # (no surrogates in UTF-8)
        if code <= 0x10FFFF:
            return prefix[:i] + chr(code)
    return None


def _lookup(con, word: str, left: bool, right: bool) -> tuple[int, str, list, str, list] | None:
    """How many events a word of the query names (an upper bound) and the conditions that
    find them in ``search_words`` and in ``search_words_new`` (with their parameters);
    None if it stands for too many words of the vocabulary."""
    lowered = con.execute("SELECT lower(?)", [word]).fetchall()[0][0]  # as the texts were lowered
    if not left:  # a whole word, or the start of one: a range of the sorted words
        end = None if not right else _after(lowered)
        condition, params = ("word = ?", [lowered]) if not right else (
            ("word >= ? AND word < ?", [lowered, end]) if end is not None else
            ("word >= ? AND prefix(word, ?)", [lowered, lowered]))
        events = con.execute(f"SELECT sum(events) FROM search_vocabulary WHERE {condition}", params).fetchall()[0][0]
        return events or 0, condition, params, condition, params
    # the end of a word, or a part of one: the words of the vocabulary that have it
    part = "contains(word, ?)" if right else "suffix(word, ?)"
    words, events = con.execute(f"SELECT list(word), sum(events) FROM search_vocabulary WHERE {part}",
                                [lowered]).fetchall()[0]
    words = words or []
    if len(words) > MAX_WORDS:
        return None
    sorted_part = f"word IN {listed(words)}" if words else "false"
    return events or 0, sorted_part, words, part, [lowered]


class Candidates(NamedTuple):
    """A query of the ``seq`` of the events whose text may contain the query, its
    parameters, and whether they are exactly the events whose text contains it."""

    sql: str
    params: list
    exact: bool = False


def candidates(con, text: str) -> Candidates | None:
    """The events whose text may contain ``text`` (every event whose text does is among
    them), from its most telling word; None when the index would name too many events
    (then reading the texts costs less)."""
    words = query_words(text)
    # whole words and starts of words (looked up in the sorted index), longer ones first
    # (rarer); ends and parts of words (a reading of the vocabulary) only without them
    chosen = sorted([w for w in words if not w[1]], key=lambda w: (w[2], -len(w[0])))
    chosen = (chosen or sorted(words, key=lambda w: (w[2], -len(w[0]))))[:MAX_LOOKUPS]
    best = None
    for word, left, right in chosen:
        found = _lookup(con, word, left, right)
        if found is not None and (best is None or found[0] < best[0]):
            best = found
            if best[0] <= FEW:
                break
    if best is None or best[0] > FEW and best[0] > MAX_SHARE * con.execute(
            "SELECT count(*) FROM events").fetchall()[0][0]:
        return None
    _, in_sorted, sorted_params, in_new, new_params = best
    # one word, open on both sides (no separator in the query): a part of one word of the
    # text, as the texts are lowered (lowering makes no separator, checked all the same)
    sql = f"SELECT seq FROM search_words WHERE {in_sorted} UNION ALL SELECT seq FROM search_words_new WHERE {in_new}"
    exact = len(words) == 1 and words[0][1] and words[0][2] and not _SPLIT.search(
        con.execute("SELECT lower(?)", [text]).fetchall()[0][0])
    if exact:
        # the matches listed here, as constants: a query joined to the index's rows made DuckDB
        # read every event to build its side of the join (slower than reading the texts), a
        # list is the side it builds, and the events are read where their numbers are in it
        # (on a million events, "1827": 911 events, 50 against 80 ms)
        seqs = [seq for (seq,) in con.execute(f"SELECT DISTINCT seq FROM ({sql}) ORDER BY seq",
                                              sorted_params + new_params).fetchall()]
        return Candidates("SELECT unnest(?::BIGINT[])", [seqs], True)
    return Candidates(sql, sorted_params + new_params)


def searched(con, filters: dict) -> dict:
    """``filters`` with the candidates of their text filter (``text_index``, read by
    ``queries.event_filters``) when the index helps."""
    text = text_filter(filters.get("text"))
    if not text or "text_index" in filters or NAMES_SEPARATOR in text:
        return filters
    return {**filters, "text_index": candidates(con, text)}


def add_words(con, last_seq: int) -> None:
    """Index the words of the events numbered over ``last_seq`` (just added), then sort
    the index if it is due."""
    con.execute("INSERT INTO search_words_new " + SEARCH_WORDS_SELECT.replace("{since}", str(int(last_seq))))
    sort_if_due(con)


def drop_words(con, doc_ids: list[str]) -> None:
    """Take the events of these articles out of the index (before they are deleted)."""
    for table in ("search_words", "search_words_new"):
        con.execute(f"DELETE FROM {table} WHERE seq IN "
                    "(SELECT seq FROM events WHERE doc_id IN (SELECT unnest(?)))", [doc_ids])


def sort_if_due(con, force: bool = False) -> bool:
    """Sort the words of new events into the index once they are a tenth of it (or
    ``force``); whether it was done."""
    new = con.execute("SELECT count(*) FROM search_words_new").fetchall()[0][0]
    if not new or not force and new < max(SORT_MIN, con.execute(
            "SELECT count(*) FROM search_words").fetchall()[0][0] // 10):
        return False
    for statement in SEARCH_WORDS_SORT:
        con.execute(statement)
    return True


__all__ = ["Candidates", "MAX_SHARE", "add_words", "candidates", "drop_words", "query_words", "searched", "sort_if_due"]
