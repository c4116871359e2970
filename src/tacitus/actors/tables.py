"""The actor tables a coder looks names up in: the shipped organisations and
people, and a user's own actors merged over them.

A user's actors file (``--actors FILE``, ``tacitus.load(actors=FILE)``) is a
TSV with a header line and '#' comments::

    name	aliases	kind	country	sector	start	end	note
    Jane Roe	Roe|Minister Roe	person	GBR	GOV	2024-07-05		Foreign Secretary
    Acme Militia	AM	organization	COD	REB

- ``aliases``: other names, ``|``-separated (short acronyms match case-sensitively);
- ``kind``: ``person`` or ``organization``;
- ``country``: ISO 3166 alpha-3, or IGO/NGO/IMG/MNC; ``sector``: a PLOVER sector code;
- ``start``, ``end``: optional dates (YYYY-MM-DD) of the time the entry holds (a
  term in office): for articles published outside it, the entry is not used.

The user's entries win over the shipped ones for the same name. The tables
are built by the ``tacitus_mentions`` component from its ``actors_path``
config; nothing is kept at module level.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from ..reference import Org, OrgTable, ReferenceDataError, _tsv_rows, organizations, people

KINDS = {"person", "organization", "organisation"}
SECTORS = {
    "", "COP", "GOV", "JUD", "LEG", "MIL", "PRM", "PTY", "REB", "SPY", "UAF", "UNK",
    "AGR", "BUS", "CRM", "CVL", "EDU", "ELI", "JRN", "LAB", "MED", "REF", "OPP",
    "PRE", "REL", "SOC",
}
NON_STATE = {"IGO", "NGO", "IMG", "MNC"}


@dataclass(frozen=True)
class UserActor:
    """One line of a user's actors file."""

    org: Org
    aliases: tuple[str, ...]
    person: bool
    start: dt.date | None = None
    end: dt.date | None = None

    def holds_on(self, day: dt.date | None) -> bool:
        if day is None:
            return True
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


def _day(value: str, where: str, column: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ReferenceDataError(f"{where}: {column} {value!r} is not a date (YYYY-MM-DD)") from None


def read_user_actors(path: str | Path) -> list[UserActor]:
    """Parse a user's actors file; a bad line is an error naming file and line."""
    from ..reference import countries

    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ReferenceDataError(f"{p}: cannot read the actors file ({exc})") from None
    out = []
    for lineno, cells in _tsv_rows(text, str(p), 8):
        name, aliases, kind, country, sector, start, end, _note = cells[:8]
        where = f"{p}, line {lineno}"
        if kind.lower() not in KINDS:
            raise ReferenceDataError(f"{where}: kind {kind!r} must be 'person' or 'organization'")
        if country not in NON_STATE and countries().name(country) == country:
            raise ReferenceDataError(f"{where}: country {country!r} must be an ISO 3166 alpha-3 "
                                     "code or IGO, NGO, IMG, MNC")
        if sector not in SECTORS:
            raise ReferenceDataError(f"{where}: sector {sector!r} is not a PLOVER sector code")
        first, last = _day(start, where, "start"), _day(end, where, "end")
        if first and last and last < first:
            raise ReferenceDataError(f"{where}: end {end} is before start {start}")
        out.append(UserActor(Org(name, country, sector),
                             tuple(a.strip() for a in aliases.split("|") if a.strip()),
                             kind.lower() == "person", first, last))
    return out


@dataclass
class ActorTables:
    """Organisations and people to look names up in, the user's first."""

    orgs: OrgTable
    people: OrgTable
    user: list[UserActor] = field(default_factory=list)
    _by_day: dict = field(default_factory=dict, repr=False)

    @classmethod
    def shipped(cls) -> "ActorTables":
        return cls(organizations(), people())

    @classmethod
    def with_user_file(cls, path: str | Path | None) -> "ActorTables":
        """The shipped tables, with the entries of a user's actors file merged over them."""
        base = cls.shipped()
        if not path:
            return base
        user = read_user_actors(path)
        tables = base._merged(user)
        tables.user = user
        return tables

    def _merged(self, user: list[UserActor]) -> "ActorTables":
        orgs = OrgTable([(u.org, list(u.aliases)) for u in user if not u.person])
        persons = OrgTable([(u.org, list(u.aliases)) for u in user if u.person])
        return ActorTables(organizations().updated(orgs) if len(orgs) else organizations(),
                           people().updated(persons) if len(persons) else people())

    def on(self, day: dt.date | None) -> "ActorTables":
        """The tables for an article published on ``day``: user entries whose
        dates do not hold then are left out."""
        if not any(u.start or u.end for u in self.user):
            return self
        tables = self._by_day.get(day)
        if tables is None:
            if len(self._by_day) > 512:
                self._by_day.clear()
            tables = self._by_day[day] = self._merged([u for u in self.user if u.holds_on(day)])
        return tables
