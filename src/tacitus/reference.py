"""Reference tables: countries, organisations, people and actor terms.

The tables are data files in ``tacitus/data`` (countries.json,
organizations.tsv, people.tsv, actor_terms.tsv), read once per process and turned into
dicts, so that every lookup is a few dict probes::

    from tacitus.reference import countries, organizations, people, actor_terms
    countries().lookup("the U.S.")          # "USA"
    countries().demonym("Iraqis")           # "IRQ"
    organizations().lookup("the Kremlin")   # Org("Kremlin", "RUS", "GOV")
    people().lookup("Putin")                # Org("Vladimir Putin", "RUS", "GOV")
    actor_terms().lookup("Foreign Ministers").role   # "foreign minister"

A user can extend the packaged organisations and terms with a TSV file of
the same columns: ``organizations().updated(OrgTable.from_file(path))``.
"""
from __future__ import annotations

import csv
import functools
import io
import json
import unicodedata
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Iterable

from tacitus.errors import TacitusError


class ReferenceDataError(TacitusError):
    """A reference table (packaged or user-supplied) cannot be read."""

    code = "E010"


# ---------------------------------------------------------------- normalising

_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u00a0": " "})


def fold(text: str) -> str:
    """Casefold, strip accents, straighten quotes and collapse spaces."""
    if text.isascii():  # the common case, and the gazetteer's 127,000 names: fast
        return " ".join(text.replace("`", "'").lower().split())
    text = unicodedata.normalize("NFKD", text.translate(_QUOTES))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(text.casefold().split())


def strip_possessive(text: str) -> str:
    """``"Russia's"`` -> ``"Russia"``; ``"rebels'"`` -> ``"rebels"``."""
    text = text.strip().translate(_QUOTES)
    if text.endswith("'s"):
        return text[:-2]
    if text.endswith("s'"):
        return text[:-1]
    return text


def strip_article(text: str) -> str:
    """Drop a leading "the" (any case)."""
    if text[:4].casefold() == "the ":
        return text[4:].lstrip()
    return text


def is_acronym(text: str, max_letters: int = 4) -> bool:
    """Short all-capital names ("US", "U.K.", "WHO"), matched case-sensitively."""
    letters = text.replace(".", "").replace("-", "")
    return 0 < len(letters) <= max_letters and letters.isupper() and letters.isalnum()


def _variants(text: str) -> list[str]:
    """The forms of a query to try, most specific first."""
    raw = " ".join(text.split())
    out = [raw]
    for form in (strip_possessive(raw), strip_article(raw), strip_article(strip_possessive(raw))):
        if form and form not in out:
            out.append(form)
    return out


#: entries a lookup memo holds before it starts afresh (bounds memory on archives)
MEMO_MAX = 200_000
_MISSING = object()


class _Index:
    """A name -> value map: case-sensitive for short acronyms, folded otherwise.
    Lookups are memoised: the same words recur within and across articles."""

    def __init__(self, max_acronym: int = 4):
        self.max_acronym = max_acronym
        self.exact: dict[str, object] = {}
        self.folded: dict[str, object] = {}
        self._memo: dict[str, object] = {}

    def add(self, key: str, value: object) -> None:
        key = " ".join(key.split())
        if not key or "(" in key:
            return
        if is_acronym(key, self.max_acronym):
            self.exact.setdefault(key, value)
        else:
            self.folded.setdefault(fold(key), value)
        self._memo.clear()

    def get(self, text: str) -> object | None:
        hit = self._memo.get(text, _MISSING)
        if hit is _MISSING:
            if len(self._memo) >= MEMO_MAX:
                self._memo.clear()
            hit = self._memo[text] = self._get(text)
        return hit

    def _get(self, text: str) -> object | None:
        for form in _variants(text):
            if form in self.exact:
                return self.exact[form]
            hit = self.folded.get(fold(form))
            if hit is not None:
                return hit
        return None


def _data_text(name: str) -> str:
    try:
        return resources.files("tacitus").joinpath("data", name).read_text(encoding="utf-8")
    except OSError as exc:
        raise ReferenceDataError(
            f"tacitus/data/{name}: cannot read the packaged table ({exc}); reinstall tacitus"
        ) from exc


def _tsv_rows(text: str, source: str, columns: int) -> Iterable[tuple[int, list[str]]]:
    """Rows of a TSV with '#' comments and one header line, as (line number, cells)."""
    header_seen = False
    for lineno, line in enumerate(io.StringIO(text), start=1):
        line = line.rstrip("\n\r")
        if not line.strip() or line.startswith("#"):
            continue
        if not header_seen:
            header_seen = True
            continue
        cells = next(csv.reader([line], delimiter="\t", quoting=csv.QUOTE_NONE))
        if len(cells) < columns - 1 or not cells[0].strip():
            raise ReferenceDataError(
                f"{source}, line {lineno}: expected {columns} tab-separated columns, got "
                f"{len(cells)}; fix the line (columns are separated by tabs)"
            )
        yield lineno, [c.strip() for c in cells] + [""] * (columns - len(cells))


# ------------------------------------------------------------------ countries


class CountryTable:
    """Countries by ISO alpha-3, looked up by name, alias, demonym or capital."""

    def __init__(self, records: list[dict]):
        self._records = {r["iso3"]: r for r in records}
        self._names = _Index()
        self._demonyms = _Index()
        self._capitals = _Index()
        for r in records:  # names first, so that a name beats another country's alias
            self._names.add(r["name"], r["iso3"])
            self._names.add(r["iso3"], r["iso3"])
        for r in records:
            for alias in r.get("aliases", []):
                self._names.add(alias, r["iso3"])
            for dem in r.get("demonyms", []):
                self._demonyms.add(dem, r["iso3"])
            for cap in [r.get("capital")] + list(r.get("capital_aliases", [])):
                if cap:
                    self._capitals.add(cap, r["iso3"])

    def lookup(self, text: str) -> str | None:
        """ISO3 of a country name or alias ("the U.S.", "Russia's", "Burma")."""
        return self._names.get(text)  # type: ignore[return-value]

    def demonym(self, text: str) -> str | None:
        """ISO3 of a demonym or adjective ("Iraqi", "Americans", "Filipino")."""
        return self._demonyms.get(text)  # type: ignore[return-value]

    def capital(self, text: str) -> str | None:
        """ISO3 of the country whose capital is ``text`` ("Kyiv", "Kiev" -> "UKR")."""
        return self._capitals.get(text)  # type: ignore[return-value]

    def resolve(self, text: str) -> str | None:
        """ISO3 from a name, alias or demonym, whichever matches."""
        return self.lookup(text) or self.demonym(text)

    def name(self, iso3: str) -> str:
        """Short English name of a country; unknown codes ("IGO") come back unchanged."""
        record = self._records.get(iso3)
        return record["name"] if record else iso3

    def get(self, iso3: str) -> dict | None:
        """The full record of a country, or None."""
        return self._records.get(iso3)

    def __iter__(self):
        return iter(self._records.values())

    def __len__(self) -> int:
        return len(self._records)

    def __contains__(self, iso3: object) -> bool:
        return iso3 in self._records


def data_words(name: str) -> frozenset[str]:
    """The words of a packaged one-word-a-line list (``data/NAME``), its
    "#" comment lines left out."""
    return frozenset(line.strip() for line in _data_text(name).splitlines()
                     if line.strip() and not line.startswith("#"))


@functools.lru_cache(maxsize=1)
def speech_lemmas() -> frozenset[str]:
    """English verbs that report speech ("said", "told"), from data/speech_verbs.txt."""
    return data_words("speech_verbs.txt")


@functools.lru_cache(maxsize=1)
def regional_words() -> frozenset[str]:
    """Words of a region, of many countries or of abroad ("Western", "European",
    "foreign"), from data/regional_words.txt: a nominal actor they modify
    belongs to no single country."""
    return data_words("regional_words.txt")


@functools.lru_cache(maxsize=1)
def territory_states() -> dict[str, str]:
    """Dependent territories and the state that holds each, by ISO alpha-3
    (data/territories.tsv): "HKG" -> "CHN"."""
    rows = [line.split("\t") for line in _data_text("territories.tsv").splitlines()
            if line.strip() and not line.startswith("#")]
    return {row[0]: row[1] for row in rows}


@functools.lru_cache(maxsize=1)
def countries() -> CountryTable:
    """The packaged country table (loaded once)."""
    try:
        records = json.loads(_data_text("countries.json"))
    except json.JSONDecodeError as exc:
        raise ReferenceDataError(
            f"tacitus/data/countries.json, line {exc.lineno}: invalid JSON ({exc.msg}); "
            "fix the file"
        ) from exc
    return CountryTable(records)


# -------------------------------------------------------------- organisations


@dataclass(frozen=True)
class Org:
    """An organisation: canonical name, home country (ISO3 or IGO/NGO/IMG/MNC), sector."""

    name: str
    country: str
    sector: str


class OrgTable:
    """Organisations looked up by name or alias (short acronyms case-sensitively)."""

    def __init__(self, rows: list[tuple[Org, list[str]]]):
        self._rows = rows
        self._index = _Index(max_acronym=5)
        for org, _ in rows:
            self._index.add(org.name, org)
        for org, aliases in rows:
            for alias in aliases:
                self._index.add(alias, org)

    @classmethod
    def from_text(cls, text: str, source: str) -> "OrgTable":
        rows = []
        for _, (name, aliases, country, sector, _note) in _tsv_rows(text, source, 5):
            alias_list = [a.strip() for a in aliases.split("|") if a.strip()]
            rows.append((Org(name, country, sector), alias_list))
        return cls(rows)

    @classmethod
    def from_file(cls, path: str | Path) -> "OrgTable":
        """A user table with the columns of organizations.tsv."""
        try:
            text = Path(path).read_text(encoding="utf-8")
        except OSError as exc:
            raise ReferenceDataError(f"{path}: cannot read the organisation table ({exc})") from exc
        return cls.from_text(text, str(path))

    def updated(self, other: "OrgTable") -> "OrgTable":
        """A new table where the entries of ``other`` win over these."""
        return OrgTable(other._rows + self._rows)

    def lookup(self, text: str) -> Org | None:
        """The organisation named ``text`` ("the Kremlin", "NATO", "Hamas'"), or None."""
        return self._index.get(text)  # type: ignore[return-value]

    def __len__(self) -> int:
        return len(self._rows)

    def __iter__(self):
        return (org for org, _ in self._rows)

    @functools.cached_property
    def names_in_words(self) -> dict[str, list[tuple[str, ...]]]:
        """The names and aliases of two words or more that start with a
        capital ("Reporters Without Borders", "Group of Seven"), as words,
        by their first word; the longest first."""
        out: dict[str, list[tuple[str, ...]]] = {}
        for org, aliases in self._rows:
            for name in (org.name, *aliases):
                words = tuple(name.split())
                if len(words) >= 2 and words[0][:1].isupper() and words[0] != "The":
                    known = out.setdefault(words[0], [])
                    if words not in known:
                        known.append(words)
        for known in out.values():
            known.sort(key=len, reverse=True)
        return out

    @functools.cached_property
    def one_word_names(self) -> frozenset[str]:
        """The names and aliases of one capitalised word ("Erdogan", "Modi")."""
        return frozenset(name for org, aliases in self._rows for name in (org.name, *aliases)
                         if " " not in name and name[:1].isupper())

    @functools.cached_property
    def first_word_hashes(self):
        """The spaCy string hashes of the keys of :attr:`names_in_words`."""
        import numpy
        from spacy.strings import hash_string

        return numpy.array([hash_string(w) for w in self.names_in_words], dtype=numpy.uint64)


@functools.lru_cache(maxsize=1)
def organizations() -> OrgTable:
    """The packaged organisation table (loaded once)."""
    return OrgTable.from_text(_data_text("organizations.tsv"), "tacitus/data/organizations.tsv")


@functools.lru_cache(maxsize=1)
def people() -> OrgTable:
    """Well-known political people (data/people.tsv) with the country they act
    for: "Putin" -> Org("Vladimir Putin", "RUS", "GOV"). Same columns as
    organizations.tsv."""
    return OrgTable.from_text(_data_text("people.tsv"), "tacitus/data/people.tsv")


# ---------------------------------------------------------------- actor terms


@dataclass(frozen=True)
class Term:
    """A title or nominal actor: the term, its PLOVER sector, its canonical role ("" if none)."""

    term: str
    sector: str
    role: str


def singular_forms(word: str) -> list[str]:
    """Candidate singulars of an English noun, most likely first."""
    out = []
    if word.endswith("men"):
        out.append(word[:-3] + "man")
    if word.endswith("ies") and len(word) > 4:
        out.append(word[:-3] + "y")
    if word.endswith(("ses", "xes", "ches", "shes", "zes")):
        out.append(word[:-2])
    if word.endswith("s") and not word.endswith("ss"):
        out.append(word[:-1])
    return out


class TermTable:
    """Titles and nominal actors, looked up in any case and in the plural."""

    def __init__(self, terms: list[Term]):
        self._terms: dict[str, Term] = {}
        for term in terms:
            self._terms.setdefault(fold(term.term), term)
        self.max_words = max((len(k.split()) for k in self._terms), default=1)
        self._memo: dict[object, object] = {}  # lookups, memoised as in _Index

    @classmethod
    def from_text(cls, text: str, source: str) -> "TermTable":
        return cls([Term(fold(t), s, r) for _, (t, s, r, _n) in _tsv_rows(text, source, 4)])

    @classmethod
    def from_file(cls, path: str | Path) -> "TermTable":
        """A user table with the columns of actor_terms.tsv."""
        try:
            text = Path(path).read_text(encoding="utf-8")
        except OSError as exc:
            raise ReferenceDataError(f"{path}: cannot read the actor term table ({exc})") from exc
        return cls.from_text(text, str(path))

    def updated(self, other: "TermTable") -> "TermTable":
        """A new table where the entries of ``other`` win over these."""
        return TermTable(list(other._terms.values()) + list(self._terms.values()))

    def lookup(self, phrase: str) -> Term | None:
        """The term for ``phrase`` ("Foreign Ministers" -> "foreign minister"), or None."""
        return self._memoised(phrase, self._lookup)

    def _memoised(self, key, compute):
        hit = self._memo.get(key, _MISSING)
        if hit is _MISSING:
            if len(self._memo) >= MEMO_MAX:
                self._memo.clear()
            hit = self._memo[key] = compute(key)
        return hit

    def _lookup(self, phrase: str) -> Term | None:
        key = fold(strip_possessive(phrase))
        if key.startswith("the "):
            key = key[4:]
        return self._match(key)

    def _match(self, key: str) -> Term | None:
        """Look up a folded key as written, then with its last word made singular."""
        hit = self._terms.get(key)
        if hit is not None:
            return hit
        head, _, last = key.rpartition(" ")
        for single in singular_forms(last):
            hit = self._terms.get(f"{head} {single}" if head else single)
            if hit is not None:
                return hit
        return None

    def longest_match(self, words: list[str]) -> tuple[int, Term] | None:
        """The longest term made of the last n ``words``, as (n, term), or None.

        ``["Chinese", "Foreign", "Minister"]`` -> ``(2, Term("foreign minister", ...))``.
        """
        return self._memoised(tuple(words), self._longest_match)

    def _longest_match(self, words: tuple[str, ...]) -> tuple[int, Term] | None:
        for n in range(min(self.max_words, len(words)), 0, -1):
            hit = self._match(fold(strip_possessive(" ".join(words[-n:]))))
            if hit is not None:
                return n, hit
        return None

    def __len__(self) -> int:
        return len(self._terms)

    def __iter__(self):
        return iter(self._terms.values())


@functools.lru_cache(maxsize=1)
def actor_terms() -> TermTable:
    """The packaged actor term table (loaded once)."""
    return TermTable.from_text(_data_text("actor_terms.tsv"), "tacitus/data/actor_terms.tsv")
