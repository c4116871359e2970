"""PLOVER and CAMEO tables and the trigger lexicon, loaded from ``tacitus/data``.

=======================  ==================================================
``plover.tsv``           PLOVER 2.0 types and modes: score, quad, recipient
``contexts.tsv``         PLOVER 2.0 contexts
``cameo.tsv``            CAMEO codes: description, Goldstein, PLOVER mapping
``triggers.tsv``         trigger lemmas -> PLOVER type, mode, CAMEO code
``irregular_verbs.tsv``  English irregular verb forms (for surface forms)
=======================  ==================================================

Every loader is cached; the tables are read once per process.  A user's own
trigger file (same format as ``triggers.tsv``) is merged over the shipped one
with :func:`load_user_triggers`.
"""
from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from tacitus.errors import TacitusError

TRIGGER_POS = frozenset({"VERB", "NOUN", "ADJ"})
TRIGGER_DEPS = frozenset({"obj", "subj", "prep", "prt", "xcomp", "compound", "aux"})
TRIGGER_COLUMNS = ("lemma", "pos", "requires", "event", "mode", "cameo", "contexts", "note")


class OntologyError(TacitusError):
    """An unknown PLOVER type or a malformed packaged table."""

    code = "E020"


class LexiconError(TacitusError):
    """A malformed line in a trigger lexicon (shipped or user supplied)."""

    code = "E021"


# --------------------------------------------------------------------------- tables


def _data_text(name: str) -> tuple[str, str]:
    res = resources.files("tacitus") / "data" / name
    return str(res), res.read_text(encoding="utf-8")


def _rows(text: str, header: str | None) -> Iterator[tuple[int, list[str]]]:
    """(line number, fields) of each data line; skips comments, blanks and the header."""
    for lineno, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip("\r\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = [f.strip() for f in line.split("\t")]
        if header is not None and fields[0] == header:
            continue
        yield lineno, fields


@dataclass(frozen=True)
class PloverEntry:
    """One row of plover.tsv: a type (mode == "") or one of its modes."""

    event: str
    mode: str
    score: float | None
    quad: str
    requires_recipient: bool
    definition: str


@functools.lru_cache(maxsize=1)
def _plover() -> dict[tuple[str, str], PloverEntry]:
    where, text = _data_text("plover.tsv")
    table: dict[tuple[str, str], PloverEntry] = {}
    for lineno, f in _rows(text, "event"):
        if len(f) < 6:
            raise OntologyError(f"{where}:{lineno}: expected 6 tab-separated fields, got {len(f)}")
        event, mode, score, quad, rr, definition = f[:6]
        table[(event, mode)] = PloverEntry(
            event, mode, float(score) if score else None, quad, rr == "yes", definition
        )
    return table


def _type_entry(event: str) -> PloverEntry:
    entry = _plover().get((event, ""))
    if entry is None:
        raise OntologyError(
            f"unknown PLOVER event type {event!r}; use one of {', '.join(plover_types())}"
        )
    return entry


def plover_types() -> list[str]:
    """The 16 PLOVER 2.0 event types, in codebook order."""
    return [event for (event, mode) in _plover() if mode == ""]


def modes(event: str) -> list[str]:
    """The PLOVER 2.0 modes of ``event`` (without the empty mode)."""
    _type_entry(event)
    return [mode for (ev, mode) in _plover() if ev == event and mode]


def score(event: str, mode: str = "") -> float:
    """PLOVER conflict-cooperation score: the mode's if it has one, else the type's."""
    entry = _plover().get((event, mode))
    if entry is not None and entry.score is not None:
        return entry.score
    base = _type_entry(event).score
    return base if base is not None else 0.0


def quad(event: str) -> str:
    """Quad category: VERBAL/MATERIAL COOPERATION/CONFLICT."""
    return _type_entry(event).quad


def requires_recipient(event: str) -> bool:
    return _type_entry(event).requires_recipient


def definition(event: str, mode: str = "") -> str:
    entry = _plover().get((event, mode)) or _type_entry(event)
    return entry.definition


@functools.lru_cache(maxsize=1)
def contexts() -> list[str]:
    """The PLOVER 2.0 context names (spaces written as underscores)."""
    where, text = _data_text("contexts.tsv")
    return [f[0] for _, f in _rows(text, "context")]


@dataclass(frozen=True)
class CameoCode:
    code: str
    description: str
    goldstein: float
    event: str  # PLOVER type, "" for CAMEO 01 (public statements, dropped by PLOVER)
    mode: str
    contexts: tuple[str, ...]


@functools.lru_cache(maxsize=1)
def _cameo() -> dict[str, CameoCode]:
    where, text = _data_text("cameo.tsv")
    table: dict[str, CameoCode] = {}
    for lineno, f in _rows(text, "code"):
        f = f + [""] * (6 - len(f))
        code, desc, gold, event, mode, ctx = f[:6]
        try:
            goldstein = float(gold)
        except ValueError:
            raise OntologyError(f"{where}:{lineno}: goldstein {gold!r} is not a number") from None
        ctxs = tuple(c for c in ctx.split(",") if c)
        table[code] = CameoCode(code, desc, goldstein, event, mode, ctxs)
    return table


def cameo(code: str) -> CameoCode | None:
    """The CAMEO code (a string, leading zeros kept: "042"), or None if unknown."""
    return _cameo().get(code)


def cameo_codes() -> list[str]:
    return list(_cameo())


# --------------------------------------------------------------------------- triggers


@dataclass(frozen=True)
class Trigger:
    """One trigger lexicon entry: a lemma (plus an optional dependent) -> an event."""

    lemma: str
    pos: str  # VERB, NOUN or ADJ (a predicative adjective: "concerned about")
    # "" or obj (dobj or passive subject), subj (active subject and its modifiers),
    # prep, prt, xcomp (xcomp/ccomp), compound (compound/amod).  The parser labels particles inconsistently ("cordoned off":
    # prep, "stepped down": advmod), so a matcher should accept prt, prep and advmod
    # children for a prt or prep requirement.
    dep: str
    req_lemmas: frozenset[str]
    event: str
    mode: str
    cameo: str
    contexts: tuple[str, ...] = ()
    note: str = ""
    source: str = ""  # file:line the entry comes from

    @property
    def specific(self) -> bool:
        """True when the entry needs a dependent (it wins over the bare entry)."""
        return bool(self.dep)

    @property
    def key(self) -> tuple[str, str, str, frozenset[str]]:
        return (self.lemma, self.pos, self.dep, self.req_lemmas)


def parse_triggers(text: str, where: str) -> list[Trigger]:
    """Parse and validate trigger lines; a bad line raises LexiconError naming where:line."""
    types = set(plover_types())
    known_contexts = set(contexts())
    out: list[Trigger] = []
    for lineno, f in _rows(text, "lemma"):
        at = f"{where}:{lineno}"
        if len(f) < 6:
            raise LexiconError(
                f"{at}: expected at least 6 tab-separated fields "
                f"({', '.join(TRIGGER_COLUMNS)}), got {len(f)}; separate columns with tabs"
            )
        f = f + [""] * (len(TRIGGER_COLUMNS) - len(f))
        lemma, pos, requires, event, mode, code, ctx, note = f[: len(TRIGGER_COLUMNS)]
        if not lemma or lemma != lemma.lower() or any(ch.isspace() for ch in lemma):
            raise LexiconError(f"{at}: lemma {lemma!r} must be one lowercase token without spaces")
        if pos not in TRIGGER_POS:
            raise LexiconError(f"{at}: pos {pos!r} must be VERB, NOUN or ADJ")
        dep, req = "", frozenset()
        if requires:
            dep, sep, lemmas = requires.partition(":")
            req = frozenset(x.strip().lower() for x in lemmas.split("|") if x.strip())
            if not sep or dep not in TRIGGER_DEPS or not req:
                raise LexiconError(
                    f"{at}: requires {requires!r} must look like dep:lemma1|lemma2 with dep one "
                    f"of {', '.join(sorted(TRIGGER_DEPS))}"
                )
        if event not in types:
            raise LexiconError(f"{at}: event {event!r} is not a PLOVER type ({', '.join(sorted(types))})")
        if mode and mode not in modes(event):
            raise LexiconError(
                f"{at}: mode {mode!r} is not a mode of {event} (use one of {', '.join(modes(event))} or leave empty)"
            )
        if cameo(code) is None:
            raise LexiconError(f"{at}: CAMEO code {code!r} is not in cameo.tsv (keep leading zeros, e.g. 042)")
        ctxs = tuple(c.strip() for c in ctx.split(",") if c.strip())
        for c in ctxs:
            if c not in known_contexts:
                raise LexiconError(f"{at}: context {c!r} is not a PLOVER context (see contexts.tsv)")
        out.append(Trigger(lemma, pos, dep, req, event, mode, code, ctxs, note, at))
    return out


class TriggerLexicon:
    """Trigger entries indexed by (lemma, pos)."""

    def __init__(self, entries: Iterable[Trigger]):
        self._entries: list[Trigger] = []
        self._index: dict[tuple[str, str], list[Trigger]] = {}
        seen: set[tuple[str, str, str, frozenset[str]]] = set()
        for t in entries:  # earlier entries win over later ones with the same key
            if t.key in seen:
                continue
            seen.add(t.key)
            self._entries.append(t)
            self._index.setdefault((t.lemma, t.pos), []).append(t)
        for ts in self._index.values():
            ts.sort(key=lambda t: not t.specific)  # stable: specific first, order kept
        self._forms: frozenset[str] | None = None

    def __len__(self) -> int:
        return len(self._entries)

    def __iter__(self) -> Iterator[Trigger]:
        return iter(self._entries)

    def for_lemma(self, lemma: str, pos: str) -> list[Trigger]:
        """Entries for a lemma and POS (VERB, NOUN or ADJ), constrained entries first."""
        return list(self._index.get((lemma.lower(), pos), ()))

    def lemmas(self) -> frozenset[str]:
        return frozenset(lemma for lemma, _ in self._index)

    def surface_forms(self) -> frozenset[str]:
        """Every lowercase word form a trigger lemma can take in text (generous)."""
        if self._forms is None:
            irregular = _irregular_verbs()
            forms: set[str] = set()
            for (lemma, pos), entries in self._index.items():
                lemma_forms = inflections(lemma, pos, irregular)
                forms |= lemma_forms
                for t in entries:  # "cease-fire", "ceasefire", "air-strikes" ...
                    if t.dep == "compound":
                        for mod in t.req_lemmas:
                            forms |= {mod + sep + f for f in lemma_forms for sep in ("-", "")}
            self._forms = frozenset(forms)
        return self._forms

    def merged_over(self, base: TriggerLexicon) -> TriggerLexicon:
        """This lexicon's entries win; ``base`` entries with other keys are kept."""
        return TriggerLexicon([*self._entries, *base._entries])


@functools.lru_cache(maxsize=1)
def triggers() -> TriggerLexicon:
    """The shipped trigger lexicon (data/triggers.tsv)."""
    where, text = _data_text("triggers.tsv")
    return TriggerLexicon(parse_triggers(text, where))


def load_user_triggers(path: str | Path) -> TriggerLexicon:
    """The shipped lexicon with a user's triggers.tsv merged over it (user entries win)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as e:
        raise LexiconError(f"{path}: cannot read trigger file ({e.strerror}); check the path") from None
    return TriggerLexicon(parse_triggers(text, str(path))).merged_over(triggers())


# --------------------------------------------------------------------------- inflection

_VOWELS = set("aeiou")


@functools.lru_cache(maxsize=1)
def irregular_verb_table() -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    """base -> (past forms, past participles) from data/irregular_verbs.tsv."""
    where, text = _data_text("irregular_verbs.tsv")
    table: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}
    for lineno, f in _rows(text, "base"):
        if len(f) != 3:
            raise OntologyError(f"{where}:{lineno}: expected base, past, past participle")
        table[f[0]] = (tuple(f[1].split("|")), tuple(f[2].split("|")))
    return table


@functools.lru_cache(maxsize=1)
def _irregular_bases() -> dict[str, str]:
    """past form or past participle -> base, from data/irregular_verbs.tsv."""
    return {form: base for base, (past, pp) in irregular_verb_table().items() for form in (*past, *pp)
            if form != base}


def irregular_base(form: str) -> str | None:
    """The base of an irregular past form or past participle ("retook" -> "retake")."""
    return _irregular_bases().get(form)


@functools.lru_cache(maxsize=1)
def _irregular_verbs() -> dict[str, frozenset[str]]:
    return {base: frozenset(past + pp) for base, (past, pp) in irregular_verb_table().items()}


def _doubles(stem: str) -> bool:
    """Could the final consonant double (stop -> stopped)? Generous on purpose."""
    return (
        len(stem) >= 3
        and stem[-1] not in _VOWELS | set("wxy")
        and stem[-2] in _VOWELS
        and stem[-3] not in _VOWELS
    )


def _regular(word: str, pos: str) -> set[str]:
    forms = {word}
    # plural / third person
    if word.endswith(("s", "x", "z", "ch", "sh")):
        forms.add(word + "es")
    elif word.endswith("y") and len(word) > 1 and word[-2] not in _VOWELS:
        forms.add(word[:-1] + "ies")
    else:
        forms.add(word + "s")
    if pos == "NOUN":
        return forms
    if word.endswith("e"):
        forms |= {word + "d", word[:-1] + "ing"}
        if word.endswith(("ee", "ye", "oe")):
            forms.add(word + "ing")
    elif word.endswith("y") and len(word) > 1 and word[-2] not in _VOWELS:
        forms |= {word[:-1] + "ied", word + "ing"}
    else:
        forms |= {word + "ed", word + "ing"}
        if word.endswith("c"):
            forms |= {word + "ked", word + "king"}
        if _doubles(word):
            forms |= {word + word[-1] + "ed", word + word[-1] + "ing"}
    return forms


def inflections(lemma: str, pos: str, irregular: dict[str, frozenset[str]] | None = None) -> set[str]:
    """Lowercase word forms of a lemma, with hyphen/space variants of compounds.

    Both VERB and NOUN lemmas get verb and noun inflections ("attack" the noun is
    also "attacked" in text the tagger may read either way): it errs on including.
    """
    irregular = _irregular_verbs() if irregular is None else irregular
    variants = {lemma}
    if "-" in lemma:
        variants |= {lemma.replace("-", ""), lemma.replace("-", " ")}
        variants |= set(lemma.split("-"))
    forms: set[str] = set()
    for v in variants:
        last = v.split(" ")[-1]
        prefix = v[: len(v) - len(last)]
        for form in _regular(last, "VERB") | _irregular_forms(last, irregular):
            forms.add(prefix + form)
    return forms


def _irregular_forms(word: str, irregular: dict[str, frozenset[str]]) -> frozenset[str]:
    """Irregular forms of ``word``, also through a prefix (withhold -> withheld)."""
    if word in irregular:
        return irregular[word]
    for prefix in _VERB_PREFIXES:
        base = word[len(prefix):]
        if word.startswith(prefix) and base in irregular:
            return frozenset(prefix + f for f in irregular[base])
    return frozenset()


_VERB_PREFIXES = ("with", "under", "over", "out", "fore", "mis", "up", "re", "un", "be")
