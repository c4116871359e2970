"""Date resolution: date expressions in news text -> calendar dates.

Every expression is resolved against the publication date of its article.
Only expressions precise to the day resolve; month-only, year-only and vague
ones ("June 2023", "last month", "this week", "recently") give None. The event
coder dates an event by its clause: a day resolved here; no date when the
clause names only a year or month (``period_for_clause``: "in December"); else
the publication date.

Conventions (news style):

- A bare weekday ("Saturday", "on Saturday", "late Friday", "Monday night")
  in a past-tense clause is the most recent such day on or before the
  publication date: "on Saturday" in a story published on Sunday is the day
  before, in a story published on a Saturday it is that day. In a future
  clause it is the nearest such day on or after the publication date.
- "last Sunday" is the most recent Sunday strictly before the publication
  date, "next Sunday" the nearest one strictly after it, whatever the tense.
- A day and month without a year ("June 24") is the nearest such date not
  after the publication date in a past clause, else the nearest one on or
  after it ("December 30" in a story of January 2 is in the previous year).
  A clause with "will", "is due to", "plans to", or "would" reported by a
  verb in the past ("said they would meet on May 12") is a future clause.
- "last week" is the publication date minus 7 days; "next week" plus 7.
- "the day before", "a day earlier", "the next day" count from the day the
  text named last before them, within a few sentences ("On Friday, the group
  fired missiles. A day earlier, U.S. warplanes struck": Thursday), else from
  the publication date.
- Not handled: numeric dates other than ISO ("6/24/2023" is ambiguous),
  day-only ("the 24th"), ranges ("June 2-5"), "N days later".
"""
from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from . import nlp as _extensions  # noqa: F401  (declares doc._.published, doc._.dates)
from .errors import TacitusError


class PublicationDateError(TacitusError):
    """An article's publication date is not a date."""

    code = "E040"


@dataclass
class DateMention:
    """One resolved date expression in a document."""

    start_char: int
    end_char: int
    text: str
    date: str  # YYYY-MM-DD
    sentence: int = 0


# --- the word table ----------------------------------------------------------


@dataclass(frozen=True)
class _DateWords:
    month: dict[str, int]
    weekday: dict[str, int]
    number: dict[str, int]
    unit: dict[str, int]
    ago: dict[str, int]
    relative: dict[str, int]
    anaphoric: dict[str, int]
    filler: frozenset[str]


@lru_cache(maxsize=1)
def _date_words() -> _DateWords:
    tables: dict[str, dict[str, int]] = {
        k: {} for k in ("month", "weekday", "number", "unit", "ago", "relative", "anaphoric",
                        "filler")
    }
    path = resources.files("tacitus") / "data" / "date_words.tsv"
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 3 or parts[0] not in tables:
            raise TacitusError(
                f"{path}, line {lineno}: expected 'kind<TAB>word<TAB>value' with kind in "
                f"{sorted(tables)}; fix or remove the line"
            )
        tables[parts[0]][parts[1]] = int(parts[2])
    return _DateWords(filler=frozenset(tables.pop("filler")), **tables)


# --- resolving one expression ------------------------------------------------

_CLOCK = re.compile(r"\b\d{1,2}(?::\d{2})?\s*[ap]\.?\s?m\b\.?|\b\d{1,2}:\d{2}\b")
_WORD = re.compile(r"\d{4}-\d{1,2}-\d{1,2}|\d+(?:st|nd|rd|th)?|[a-z]+")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


def _words(expr: str) -> list[str]:
    text = expr.lower().replace("\u2019", "'")
    text = re.sub(r"'s\b", "", text)
    text = _CLOCK.sub(" ", text)
    words = _WORD.findall(text)
    return [re.sub(r"(?<=\d)(st|nd|rd|th)$", "", w) for w in words]


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _day_month(month: int, day: int, published: dt.date, past: bool) -> dt.date | None:
    """The nearest month/day not after (past) or on/after (future) the publication date."""
    step = -1 if past else 1
    for k in range(9):  # 29 February needs up to 8 years
        cand = _safe_date(published.year + step * k, month, day)
        if cand is None:
            if k == 0 and _safe_date(2000, month, day) is None:
                return None  # 31 June and the like: never a date
            continue
        if (past and cand <= published) or (not past and cand >= published):
            return cand
    return None


def _explicit(core: list[str], published: dt.date, past: bool, w: _DateWords) -> dt.date | None:
    weekdays = [w.weekday[x] for x in core if x in w.weekday]
    core = [x for x in core if x not in w.weekday]  # "Saturday, June 24": the date wins
    if len(core) == 1 and (m := _ISO.fullmatch(core[0])):
        return _safe_date(*(int(g) for g in m.groups()))
    year = None
    if len(core) == 3 and core[2].isdigit() and len(core[2]) == 4:
        year = int(core[2])
        core = core[:2]
    if len(core) != 2:
        return None
    if core[0] in w.month and core[1].isdigit():
        month, day = w.month[core[0]], int(core[1])
    elif core[1] in w.month and core[0].isdigit():
        month, day = w.month[core[1]], int(core[0])
    else:
        return None
    if year is not None:
        return _safe_date(year, month, day)
    found = _day_month(month, day, published, past)
    if found is not None and weekdays and found.weekday() != weekdays[0]:
        # "Saturday, June 24": take the neighbouring year if its weekday agrees
        other = _day_month(month, day, published, not past)
        if other is not None and other.weekday() == weekdays[0]:
            return other
    return found


def _count(word: str, w: _DateWords) -> int | None:
    if word.isdigit():
        return int(word)
    return w.number.get(word)


def _units_ago(words: list[str], published: dt.date, w: _DateWords) -> dt.date | None:
    """'three weeks ago', 'two days earlier', 'in two days', 'two days from now'."""
    if len(words) == 3 and words[0] == "in":
        n, unit, sign = _count(words[1], w), w.unit.get(words[2]), 1
    elif len(words) in (3, 4):
        n, unit = _count(words[0], w), w.unit.get(words[1])
        sign = w.ago.get(" ".join(words[2:]))
    else:
        return None
    if n is None or unit is None or sign is None:
        return None
    return published + dt.timedelta(days=sign * n * unit)


def _weekday(core: list[str], published: dt.date, past: bool, w: _DateWords) -> dt.date | None:
    if len(core) == 1 and core[0] in w.weekday:
        modifier, day = "", w.weekday[core[0]]
    elif len(core) == 2 and core[0] in ("last", "next", "this", "past", "coming") and core[1] in w.weekday:
        modifier, day = core[0], w.weekday[core[1]]
    else:
        return None
    today = published.weekday()
    if modifier in ("last", "past"):
        return published - dt.timedelta(days=(today - day - 1) % 7 + 1)
    if modifier in ("next", "coming"):
        return published + dt.timedelta(days=(day - today - 1) % 7 + 1)
    if past:
        return published - dt.timedelta(days=(today - day) % 7)
    return published + dt.timedelta(days=(day - today) % 7)


def days_apart(clause: Token) -> int | None:
    """How many days a subordinate clause lies before the clause it depends
    on, when it says so: "two days after Erdogan denounced Israel" 2, "a day
    before the talks opened" -1, "hours after" 0; None for any other clause."""
    w = _date_words()
    mark = next((c.lower_ for c in clause.children if c.dep_ == "mark"), None)
    if mark not in ("after", "before"):
        return None
    for m in clause.children:
        if m.dep_ == "npadvmod" and m.lower_ in ("hours", "minutes"):
            return 0
        if m.dep_ == "npadvmod" and m.lower_ in w.unit:
            counts = [_count(c.lower_, w) for c in m.children if c.dep_ in {"nummod", "det"}]
            n = next((x for x in counts if x is not None), None)
            if n is not None:
                return n * w.unit[m.lower_] * (1 if mark == "after" else -1)
    return None


def resolve_date(expr: str, published: dt.date, *, past: bool = True) -> dt.date | None:
    """Resolve one date expression against the publication date.

    ``past`` says whether the clause holding the expression is in the past
    (True) or the future; it decides bare weekdays and dates without a year.
    Returns None for expressions that are not precise to the day, or that
    fall off the calendar ("99999999 days ago").
    """
    try:
        return _resolve_date(expr, published, past)
    except OverflowError:
        return None


def _resolve_date(expr: str, published: dt.date, past: bool) -> dt.date | None:
    w = _date_words()
    words = _words(expr)
    while words and words[0] in ("on", "at"):
        words = words[1:]
    phrase = " ".join(words)
    if phrase in w.relative:
        return published + dt.timedelta(days=w.relative[phrase])
    if (found := _units_ago(words, published, w)) is not None:
        return found
    core = [x for x in words if x not in w.filler]
    if not core:
        return None
    if (rel := " ".join(core)) in w.relative:  # "yesterday morning", "late tomorrow"
        return published + dt.timedelta(days=w.relative[rel])
    return _explicit(core, published, past, w) or _weekday(core, published, past, w)


#: how many tokens back a day can be that "a day earlier" counts from (a few sentences)
_ANAPHORA_REACH = 80


def _anaphoric_offset(expr: str) -> int | None:
    """The day offset of an expression that counts from the day the text
    named last ("a day earlier", "the next day"), else None."""
    w = _date_words()
    words = [x for x in _words(expr) if x not in ("on", "at")]
    return w.anaphoric.get(" ".join(words))


# --- finding expressions in a Doc --------------------------------------------

_FUTURE_AUX = {"will", "shall", "'ll", "wo"}
_SCHEDULE_LEMMAS = {"schedule", "plan", "expect", "set", "due", "hope", "intend", "aim"}
_NESTED_CLAUSE_DEPS = {"ccomp", "advcl", "relcl", "xcomp", "conj", "parataxis", "csubj"}
_VERBAL = {"VERB", "AUX"}


def _as_date(value: object, doc: Doc) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and (m := re.match(r"\s*(\d{4}-\d{2}-\d{2})", value)):
        try:
            return dt.date.fromisoformat(m.group(1))
        except ValueError:
            pass
    raise PublicationDateError(
        f"article {doc._.doc_id or '(no id)'}: publication date {value!r} is not a date; "
        "give it as YYYY-MM-DD (the 'date' or 'published' field, or --date)"
    )


def governing_verb(token: Token) -> Token:
    """The verb a token belongs to: itself, or the nearest verb above it."""
    while token.pos_ not in _VERBAL and token.head.i != token.i:
        token = token.head
    return token


def _is_future_clause(span: Span) -> bool:
    """A 'will'/'shall' aux, 'going to', or present 'is scheduled to'/'plans to'/'hopes to'."""
    verb = governing_verb(span.root)
    chain = [verb]
    while chain[-1].dep_ == "xcomp" and chain[-1].head.i != chain[-1].i:
        chain.append(chain[-1].head)
    for v in chain:
        auxes = [c for c in v.children if c.dep_ in ("aux", "auxpass")]
        if any(a.lower_ in _FUTURE_AUX for a in auxes):
            return True
        if any(a.lower_ == "would" for a in auxes) and _reported_past(v):
            return True  # "said the two sides would meet again in Doha on May 12"
        if v.lower_ == "going" and any(c.dep_ == "xcomp" for c in v.children):
            return True
        present = v.tag_ in ("VBZ", "VBP") or any(a.tag_ in ("VBZ", "VBP") for a in auxes) \
            or (v.dep_ == "acomp" and v.head.tag_ in ("VBZ", "VBP"))  # "is due to travel"
        if present and (v.lemma_ in _SCHEDULE_LEMMAS or v.lower_.removesuffix("s") in _SCHEDULE_LEMMAS):
            # ("hopes": the model's lemma is at times "hop")
            return True
    return False


def _reported_past(verb: Token) -> bool:
    """A clause reported by a verb in the past, where "would" is the future of
    then ("Al-Khulaifi said the two sides would meet again on May 12")."""
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    return verb.dep_ == "ccomp" and verb.head.tag_ == "VBD"


class DateFinder:
    """Finds and resolves the date expressions of a Doc (NER DATE/TIME + own patterns)."""

    def __init__(self, vocab) -> None:
        w = _date_words()
        weekdays = [x for x in w.weekday if x.endswith("day")]
        parts = ["morning", "afternoon", "evening", "night"]
        self.matcher = Matcher(vocab)
        self.matcher.add("WEEKDAY", [
            [{"LOWER": {"IN": ["late", "early", "last", "next", "this"]}, "OP": "?"},
             {"LOWER": {"IN": weekdays}}, {"LOWER": {"IN": parts}, "OP": "?"}],
            [{"LOWER": {"IN": ["late", "early"]}}, {"LOWER": "on"},
             {"LOWER": {"IN": weekdays}}, {"LOWER": {"IN": parts}, "OP": "?"}],
        ])
        self.matcher.add("RELATIVE", [
            [{"LOWER": word} for word in phrase.split()] for phrase in (*w.relative, *w.anaphoric)
        ])
        numbers = list(w.number)
        self.matcher.add("AGO", [
            [{"LIKE_NUM": True}, {"LOWER": {"IN": list(w.unit)}}, {"LOWER": {"IN": ["ago", "earlier"]}}],
            [{"LOWER": {"IN": numbers}}, {"LOWER": {"IN": list(w.unit)}}, {"LOWER": {"IN": ["ago", "earlier"]}}],
        ])

    def __call__(self, doc: Doc) -> list[DateMention]:
        published = _as_date(doc._.published, doc)
        if published is None:
            return []
        candidates = [e for e in doc.ents if e.label_ in ("DATE", "TIME")]
        candidates += [doc[s:e] for _, s, e in self.matcher(doc)]
        resolved: dict[tuple[int, int], dt.date] = {}
        for span in sorted(candidates, key=lambda sp: (sp.start, -sp.end)):
            if (span.start, span.end) in resolved:
                continue
            date = resolve_date(span.text, published, past=not _is_future_clause(span))
            offset = _anaphoric_offset(span.text)
            if offset is not None:  # "a day earlier": from the day named last before it
                before = [d for (s, e), d in resolved.items()
                          if e <= span.start and span.start - e < _ANAPHORA_REACH]
                if before:
                    date = before[-1] + dt.timedelta(days=offset)
            if date is not None:
                resolved[(span.start, span.end)] = date
        spans = filter_spans([doc[s:e] for s, e in resolved])
        sent_starts = [s.start_char for s in doc.sents] if doc.has_annotation("SENT_START") else [0]
        mentions = [
            DateMention(
                start_char=span.start_char,
                end_char=span.end_char,
                text=span.text,
                date=resolved[(span.start, span.end)].isoformat(),
                sentence=max(bisect.bisect_right(sent_starts, span.start_char) - 1, 0),
            )
            for span in spans
        ]
        return sorted(mentions, key=lambda m: m.start_char)


@lru_cache(maxsize=4)
def _finder(vocab) -> DateFinder:
    return DateFinder(vocab)


def find_dates(doc: Doc) -> list[DateMention]:
    """The resolved date expressions of ``doc``, sorted by position.

    Empty when ``doc._.published`` is None.
    """
    return _finder(doc.vocab)(doc)


@Language.factory("tacitus_dates", assigns=["doc._.dates"], requires=["doc.ents"])
def make_date_resolver(nlp: Language, name: str) -> "DateResolver":
    return DateResolver(nlp.vocab)


class DateResolver:
    """Pipeline step: sets ``doc._.dates`` (list of DateMention, by start_char)."""

    def __init__(self, vocab) -> None:
        self.finder = DateFinder(vocab)

    def __call__(self, doc: Doc) -> Doc:
        doc._.dates = self.finder(doc)
        return doc


# --- the date of an event's clause -------------------------------------------


def _clause_head(token: Token) -> Token:
    """The verb heading the clause of ``token`` (xcomp verbs share their head's clause)."""
    token = governing_verb(token)
    while token.dep_ == "xcomp" and token.head.i != token.i:
        token = governing_verb(token.head)
    return token


def date_for_clause(doc: Doc, token: Token) -> DateMention | None:
    """The date mention attached to the clause of ``token`` (an event trigger), or None.

    A mention counts when it lies in the subtree of the clause head but not
    inside a nested clause (ccomp, advcl, relcl, xcomp, verbal conj, ...)
    that does not hold ``token``, and dates the clause (see
    ``_dates_the_clause``). The nearest such mention wins. Uses
    ``doc._.dates`` if set, else finds the dates itself.
    """
    spans = _in_sentence(_doc_index(doc).dates, token)
    return _nearest_in_clause(token, [(span, m) for span, m in spans if _dates_the_clause(span, token)])


def _nearest_in_clause(token: Token, candidates: list[tuple[Span, object]]):
    """Of (span, value) pairs, the value whose span is in the clause of ``token``
    (see ``date_for_clause``) and nearest to it; None when none is."""
    if not candidates:
        return None
    head = _clause_head(token)
    own_path = {token.i, *(a.i for a in token.ancestors)}
    best = None
    for span, value in candidates:
        if not all(_in_clause(t, head, own_path) for t in span):
            continue
        distance = min(abs(t.i - token.i) for t in span)
        if best is None or distance < best[0]:
            best = (distance, value)
    return best[1] if best else None


@dataclass(frozen=True)
class Period:
    """A date expression in an event's clause that names no day: "in 2019",
    "in December", "last year"."""

    text: str
    year: int | None  # the year it names or implies, when it names one


_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
#: words of a date expression that names a stretch of time, not a day: "last
#: month", "earlier this month", "this week", "in recent days", "last year"
_PERIOD_WORDS = {"week", "weeks", "weekend", "month", "months", "year", "years", "decade",
                 "decades", "days", "recently", "earlier", "past", "season", "quarter"}


#: words by which a period locates a time in the past ("last week", "earlier
#: this month", "this week", "two weeks ago"); a stretch up to now ("in the
#: past month", "in recent years") or a length of time ("after weeks of") is no
#: frame
_LOCATING_WORDS = {"last", "earlier", "this", "ago", "recently", "previously"}
#: adverbs that place what they modify before the time of the report
EARLIER_WORDS = {"recently", "previously", "earlier"}


def opening_period(sent: Span) -> Period | None:
    """The period a sentence opens with, as a frame for what follows ("Last
    week, parliament passed the budget.", "Earlier this month, X announced
    ...", "In a letter last week to the court, Kenya cited ...", "In one of
    his recently published reports, X ..."): a date expression that locates a
    time of the past without naming a day, or an adverb of earlier time,
    before the main clause's subject and outside it and outside any
    adverbial clause; None when the sentence opens with none, or dates one
    of its clauses with a day (its own time is then that day)."""
    root = sent.root
    subject = next((c for c in root.children if c.dep_ in SUBJECT_DEPS_OF_CLAUSE), None)
    limit = subject.left_edge.i if subject is not None else root.i

    def framing(t: Token) -> bool:  # "Although Bali banned it in 2017, ...": no frame
        while t.i != root.i and t.head.i != t.i:
            if t.dep_ == "advcl":
                return False
            t = t.head
        return True

    found = None
    for span, period in _in_sentence(_doc_index(sent.doc).periods, root):
        if span.start >= limit:
            break
        if any(t.lower_ in _LOCATING_WORDS for t in span) and framing(span.root) \
                and span.root.dep_ not in {"poss", "compound", "nmod"}:  # "last month's vote"
            found = period
            break
    if found is None:
        found = next((Period(t.text, None) for t in sent.doc[sent.start:limit]
                      if t.lower_ in EARLIER_WORDS and t.ent_type_ != "DATE" and framing(t)), None)
    if found is None or names_a_day(sent):
        return None
    return found


def names_a_day(sent: Span) -> bool:
    """Whether a sentence dates one of its clauses with a day ("on Tuesday";
    not "before Monday's opening", another event's day)."""
    return any(_dates_the_clause(span, governing_verb(span.root))
               for span, _ in _in_sentence(_doc_index(sent.doc).dates, sent.root))


#: dependents that are a clause's subject
SUBJECT_DEPS_OF_CLAUSE = {"nsubj", "nsubjpass", "csubj", "expl"}


def period_for_clause(doc: Doc, token: Token) -> Period | None:
    """The nearest DATE entity of the clause of ``token`` that names a year, a
    month or a stretch of time ("last month", "this week") but did not resolve
    to a day; None when there is none."""
    return _nearest_in_clause(token, _in_sentence(_doc_index(doc).periods, token))


#: the last document's period candidates: events ask for them clause after clause
_PERIODS: list = [None, None, None]  # doc, what they were computed from, candidates


def _period_candidates(doc: Doc) -> list[tuple[Span, Period]]:
    from spacy.attrs import ENT_IOB, ENT_TYPE

    dates = doc._.dates or []
    key = (id(dates), len(dates), doc.to_array([ENT_IOB, ENT_TYPE]).tobytes())
    if _PERIODS[0] is doc and _PERIODS[1] == key:
        return _PERIODS[2]
    resolved = {(m.start_char, m.end_char) for m in dates}
    months = _date_words().month
    candidates = []
    for ent in doc.ents:
        if ent.label_ != "DATE" or (ent.start_char, ent.end_char) in resolved:
            continue
        found = _YEAR.search(ent.text)
        if found is None and not any(t.lower_.rstrip(".") in months or t.lower_ in _PERIOD_WORDS
                                     for t in ent):
            continue
        if found is None and _a_length(ent, months):
            continue  # "suspended for two weeks", "sentenced to six years": how long, not when
        candidates.append((ent, Period(ent.text, int(found.group(1)) if found else None)))
    _PERIODS[:] = [doc, key, candidates]
    return candidates


#: words by which a date expression says when, not how long ("last", "this", "ago",
#: "past", "recent", "next", ...)
_WHEN_WORDS = _LOCATING_WORDS | {"past", "recent", "next", "coming", "previous", "earlier", "late",
                                 "early", "mid", "end", "beginning", "start", "weekend", "season",
                                 "quarter", "ahead", "later", "now"}


#: prepositions of how long ("suspended for two weeks", "sentenced to six years", "after two
#: days of fighting", "within three months")
_LENGTH_PREPS = {"for", "to", "after", "within"}


def _a_length(ent: Span, months: dict) -> bool:
    """A date expression that says how long, not when: units with nothing
    that places them, after "for", "to", "after", "within" or modifying a
    noun ("suspended for two weeks", "sentenced to six years", "a two-year
    reprieve", "a six-week ceasefire"); not "last week", "two weeks ago",
    "several months later", "over the months", "in recent days", "in
    December"."""
    if any(t.lower_ in _WHEN_WORDS or t.lower_.rstrip(".") in months for t in ent):
        return False
    if ent.end < len(ent.doc) and ent.doc[ent.end].lower_ == "now":
        return False  # "For three years now": a stretch up to the report
    root = ent.root
    if root.dep_ in {"amod", "compound", "nmod", "nummod"} and root.head.pos_ == "NOUN":
        return True
    return root.dep_ == "pobj" and root.head.lower_ in _LENGTH_PREPS


class _SpanIndex:
    """(span, value) pairs of a doc in their order, found by the sentence they start in."""

    def __init__(self, pairs: list[tuple[Span, object]]):
        self.pairs = pairs
        self.order = sorted(range(len(pairs)), key=lambda k: pairs[k][0].start)
        self.starts = [pairs[k][0].start for k in self.order]


@dataclass
class _DocIndex:
    doc: Doc
    dates_list: object
    dates: _SpanIndex
    periods: _SpanIndex


_LAST_INDEX: list[_DocIndex] = []


def _doc_index(doc: Doc) -> _DocIndex:
    """The doc's date mentions and periods, indexed once per doc (the last doc's
    index is kept), so attaching dates costs time linear in the article's length."""
    if _LAST_INDEX and _LAST_INDEX[0].doc is doc and _LAST_INDEX[0].dates_list is doc._.dates:
        return _LAST_INDEX[0]
    mentions = doc._.dates if doc._.dates is not None else find_dates(doc)
    spans = [(doc.char_span(m.start_char, m.end_char, alignment_mode="expand"), m) for m in mentions]
    index = _DocIndex(doc, doc._.dates, _SpanIndex([(sp, m) for sp, m in spans if sp is not None]),
                      _SpanIndex(_period_candidates(doc)))
    _LAST_INDEX[:] = [index]
    return index


def _in_sentence(index: _SpanIndex, token: Token) -> list[tuple[Span, object]]:
    """The pairs whose span starts in the sentence of ``token``, in their order:
    no other can lie in its clause (a parse tree never crosses a sentence)."""
    sent = token.sent
    lo = bisect.bisect_left(index.starts, sent.start)
    hi = bisect.bisect_left(index.starts, sent.end)
    return [index.pairs[k] for k in sorted(index.order[lo:hi])]


#: prepositions whose date bounds a period rather than dating an event
_PERIOD_BOUNDS = {"since", "until", "till", "through"}


def _dates_the_clause(span: Span, token: Token) -> bool:
    """"arrested 2,400 people since February 1" (a period's start) and "welcomed
    Tuesday's announcement" (another event's day) do not date the clause."""
    root = span.root
    if root.dep_ == "pobj" and root.head.lower_ in _PERIOD_BOUNDS:
        return False
    if root.dep_ in {"compound", "nmod", "amod"} and root.head.pos_ in {"NOUN", "PROPN"} \
            and root.head.i != token.i:
        return False  # "the February 8 election": that election's day
    return not (root.dep_ == "poss" and root.head.i != token.i)


def since_day(doc: Doc, verb: Token) -> str | None:
    """The day a "since" phrase of ``verb`` names ("has been in custody since
    Feb. 24": 2025-02-24), or None: the start of the stretch the verb tells."""
    starts = [g for p in verb.children if p.dep_ == "prep" and p.lower_ == "since"
              for g in p.children if g.dep_ == "pobj"]
    if not starts:
        return None
    for span, mention in _in_sentence(_doc_index(doc).dates, verb):
        if any(span.start <= g.i < span.end or span.root.i == g.i for g in starts):
            return mention.date
    return None


def in_clause_of(token: Token, t: Token, *, adjuncts: bool = False) -> bool:
    """True if ``t`` lies in the clause of ``token`` (see ``date_for_clause``);
    with ``adjuncts``, also in a participle clause with no subject of its own
    attached to it ("Speaking in Kyiv, the minister accused ...")."""
    head = _clause_head(token)
    own_path = {token.i, *(a.i for a in token.ancestors)}
    if adjuncts:
        own_path |= {c.i for c in head.children if c.dep_ == "advcl" and c.tag_ in {"VBG", "VBN"}
                     and not any(g.dep_ in {"nsubj", "nsubjpass", "mark"} for g in c.children)}
    return _in_clause(t, head, own_path)


def _in_clause(t: Token, head: Token, own_path: set[int]) -> bool:
    """True if ``t`` reaches ``head`` without entering a nested clause off ``own_path``."""
    node = t
    while node.i != head.i:
        if node.head.i == node.i:
            return False  # reached the root without meeting the clause head
        nested = node.dep_ in _NESTED_CLAUSE_DEPS and (node.dep_ != "conj" or node.pos_ in _VERBAL)
        if nested and node.i not in own_path:
            return False
        node = node.head
    return True


# --- the date of an event -------------------------------------------------------

#: subordinate clauses that happen at the time of their main clause
_SIMULTANEOUS_MARKS = {"as", "while", "when"}
#: relative clauses that tell what happens at the place or time their noun names
_SETTING_WORDS = {"where", "when"}


def _publication_day(doc: Doc) -> str | None:
    published = doc._.published
    if published is None:
        return None
    return published if isinstance(published, str) else published.isoformat()


def clause_date(doc: Doc, token: Token) -> str | None:
    """The day of the event's clause; None when the clause names only a
    period ("in December", "last month", "this week"); else the publication
    date. A clause with no date expression of its own takes the day or period
    of the clause it depends on when it happens at that time: a participle
    or simultaneous clause ("shared details on Wednesday as the military
    killed 33 militants"), a conjoined verb ("met last week and signed");
    a reported clause takes its report's period ("This week, sources said
    rebels attacked"), not its day (the report may come days later)."""
    mention = date_for_clause(doc, token)
    if mention is not None:
        return mention.date
    if period_for_clause(doc, token) is not None:
        return None
    verb = governing_verb(token)
    head = verb.head
    if head.i != verb.i:
        simultaneous = verb.dep_ == "advcl" and (
            verb.tag_ == "VBG" or any(c.dep_ == "mark" and c.lower_ in _SIMULTANEOUS_MARKS
                                      for c in verb.children))
        if simultaneous or (verb.dep_ == "conj" and head.pos_ in {"VERB", "AUX"}):
            mention = date_for_clause(doc, head)
            if mention is not None:
                return mention.date
            if period_for_clause(doc, head) is not None:
                return None
        elif verb.dep_ == "ccomp" and period_for_clause(doc, head) is not None:
            return None
    return _publication_day(doc)


@dataclass(frozen=True)
class BoundDay:
    """The day a clause takes from a clause it is bound to in time (None: no day)."""

    day: str | None


def bound_day(doc: Doc, token: Token) -> BoundDay | None:
    """The day the clause of ``token`` takes from another clause it is bound
    to in time, when its own clause names no day: a clause that says how long
    after or before the clause it depends on it happened counts its day from
    that clause's ("come two days after Erdogan denounced Israel": two days
    before the day of "come"; "before" only from a day the main clause
    names); a main clause takes the day of a participle with no subject of
    its own ("rejected the warrant, telling journalists on Wednesday",
    "Speaking Tuesday, X accused ..."); a "where" or "when" relative clause
    takes the day or period of the clause that sets its place or time
    ("violence that began March 6 in the region, where forces clashed").
    None when the clause is bound to none of these, or names a day itself."""
    if date_for_clause(doc, token) is not None:
        return None
    verb = governing_verb(token)
    if verb.dep_ == "advcl" and (days := days_apart(verb)) is not None:
        own = date_for_clause(doc, verb.head)
        day = own.date if own is not None else clause_date(doc, verb.head) if days >= 0 else None
        if day is not None:
            return BoundDay((dt.date.fromisoformat(day) - dt.timedelta(days=days)).isoformat())
        if days >= 0:
            return BoundDay(None)
    if period_for_clause(doc, token) is not None:
        return None
    for adjunct in verb.children:
        if adjunct.dep_ == "advcl" and adjunct.tag_ == "VBG" and not any(
                g.dep_ in {"nsubj", "nsubjpass", "mark"} for g in adjunct.children):
            mention = date_for_clause(doc, adjunct)
            if mention is not None:
                return BoundDay(mention.date)
    if verb.dep_ == "relcl" and any(c.dep_ == "advmod" and c.lower_ in _SETTING_WORDS
                                    for c in verb.children):
        head = governing_verb(verb.head)
        mention = date_for_clause(doc, head)
        if mention is not None:
            return BoundDay(mention.date)
        if period_for_clause(doc, head) is not None:
            return BoundDay(None)
    return None
