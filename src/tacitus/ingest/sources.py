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
    key: str | None = None  # its path relative to the folder or glob given, when found in one

    @property
    def file_id(self) -> str:
        """The id of the one article of a text or HTML file: its path relative to
        the folder (or glob) it was found in, else its name."""
        if self.key is not None:
            return self.key
        return "stdin" if self.path is None else self.path.name

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

    def add(path: Path, explicit: bool, base: Path | None = None) -> None:
        resolved = path.resolve()
        if resolved in seen:
            return
        seen.add(resolved)
        fmt, gzipped = detect_format(path)
        if fmt is None and explicit:
            raise InputError(
                f"{path}: unknown input format '{''.join(path.suffixes) or '(none)'}'; "
                f"tacitus reads {SUPPORTED}. Rename the file or convert it."
            )
        key = path.relative_to(base).as_posix() if base is not None else None
        found.append(Source(path, fmt, gzipped, key=key))

    for source in sources:
        name = str(source)
        if name == STDIN:
            found.append(Source(None, "txt"))
            continue
        path = Path(name).expanduser()
        if path.is_dir():
            for member in sorted(path.rglob("*")):
                if member.is_file() and not _hidden(member.relative_to(path)):
                    add(member, explicit=False, base=path)
        elif path.exists():
            add(path, explicit=True)
        elif glob.has_magic(name):
            matches = sorted(glob.glob(str(path), recursive=True))
            files = [Path(m) for m in matches if Path(m).is_file()]
            if not files:
                raise InputError(f"{name}: the pattern matches no file; check the pattern and the folder.")
            base = _glob_base(path)
            for member in files:
                add(member, explicit=False, base=base if member.is_relative_to(base) else None)
        else:
            raise InputError(f"{name}: no such file or folder; check the path.")
    return _distinct_ids(found)


def _glob_base(pattern: Path) -> Path:
    """The folder part of a glob pattern before its first wildcard."""
    parts = []
    for part in pattern.parts:
        if glob.has_magic(part):
            break
        parts.append(part)
    return Path(*parts) if parts else Path(".")


def _distinct_ids(found: list[Source]) -> list[Source]:
    """Two files of one run never share an article id: files named alike
    (a/index.txt, b/index.txt given one by one) are named by their path."""
    counts: dict[str, int] = {}
    for source in found:
        counts[source.file_id] = counts.get(source.file_id, 0) + 1
    return [
        Source(s.path, s.format, s.gzipped, s.label, key=s.path.as_posix())
        if s.path is not None and counts[s.file_id] > 1 else s
        for s in found
    ]


def _hidden(relative: Path) -> bool:
    return any(part.startswith(".") for part in relative.parts)
