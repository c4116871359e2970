"""From the sources a user names (paths, folders, globs, "-") to files and formats."""
from __future__ import annotations

import glob
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError

STDIN = "-"

#: file suffix (lower case) -> reader format
FORMATS = {
    ".txt": "txt",
    ".text": "txt",
    "": "txt",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".html": "html",
    ".htm": "html",
    ".csv": "csv",
    ".tsv": "tsv",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
    ".warc": "warc",
    ".parquet": "parquet",
}
SUPPORTED = ", ".join(sorted(s for s in FORMATS if s)) + ", the same with .gz, files without suffix"


@dataclass(frozen=True)
class Source:
    """One input to read: a file with its format, or standard input."""

    path: Path | None  # None for stdin
    format: str | None  # None: not a supported format (found in a folder or by a glob)
    gzipped: bool = False
    label: str | None = None  # the name to report when it is not the path (a URL read into a local copy)

    @property
    def name(self) -> str:
        if self.label is not None:
            return self.label
        return STDIN if self.path is None else str(self.path)


def detect_format(path: Path) -> tuple[str | None, bool]:
    """(format, gzipped) from the file name, case-insensitive; format None if unknown."""
    suffixes = [s.lower() for s in path.suffixes]
    gzipped = bool(suffixes) and suffixes[-1] == ".gz"
    if gzipped:
        suffixes = suffixes[:-1]
        if not suffixes:
            return None, True
    last = suffixes[-1] if suffixes else ""
    if last not in FORMATS and not _plausible_suffix(last):
        last = ""  # "report.2024" or "v1.final": a name with dots, not a suffix
    if last == "" and gzipped:
        return None, True
    return FORMATS.get(last), gzipped


def _plausible_suffix(suffix: str) -> bool:
    return 1 < len(suffix) <= 6 and suffix[1:].isalnum() and not suffix[1:].isdigit()


def resolve_sources(sources: str | Path | list[str | Path] | tuple) -> list[Source]:
    """Expand paths, folders (recursively, hidden files skipped) and glob patterns.

    Raises InputError when a source does not exist, a glob matches nothing, or
    a file named explicitly has a format tacitus cannot read. Files of unknown
    format found inside a folder or by a glob come back with format None.
    """
    if isinstance(sources, (str, Path)):
        sources = [sources]
    found: list[Source] = []
    seen: set[Path] = set()

    def add(path: Path, explicit: bool) -> None:
        key = path.resolve()
        if key in seen:
            return
        seen.add(key)
        fmt, gzipped = detect_format(path)
        if fmt is None and explicit:
            raise InputError(
                f"{path}: unknown input format '{''.join(path.suffixes) or '(none)'}'; "
                f"tacitus reads {SUPPORTED}. Rename the file or convert it."
            )
        found.append(Source(path, fmt, gzipped))

    for source in sources:
        name = str(source)
        if name == STDIN:
            found.append(Source(None, "txt"))
            continue
        path = Path(name).expanduser()
        if path.is_dir():
            for member in sorted(path.rglob("*")):
                if member.is_file() and not _hidden(member.relative_to(path)):
                    add(member, explicit=False)
        elif path.exists():
            add(path, explicit=True)
        elif glob.has_magic(name):
            matches = sorted(glob.glob(str(path), recursive=True))
            files = [Path(m) for m in matches if Path(m).is_file()]
            if not files:
                raise InputError(f"{name}: the pattern matches no file; check the pattern and the folder.")
            for member in files:
                add(member, explicit=False)
        else:
            raise InputError(f"{name}: no such file or folder; check the path.")
    return found


def _hidden(relative: Path) -> bool:
    return any(part.startswith(".") for part in relative.parts)
