"""A cheap estimate of how many articles some sources hold (for the progress bar)."""
from __future__ import annotations

import glob
from pathlib import Path

_ONE = {".txt", ".html", ".htm", ""}
_LINES = {".jsonl", ".ndjson"}
_ROWS = {".csv", ".tsv"}


def _files(source: str) -> list[Path]:
    path = Path(source)
    if path.is_dir():
        return sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
    if path.is_file():
        return [path]
    return [Path(p) for p in sorted(glob.glob(source, recursive=True)) if Path(p).is_file()]


def _count_lines(path: Path) -> int:
    n = 0
    with open(path, "rb") as fh:
        for line in fh:
            if line.strip():
                n += 1
    return n


def estimate_articles(sources: list[str]) -> int | None:
    """The number of articles in ``sources``, or None when a format gives no cheap count."""
    total = 0
    for source in sources:
        if source == "-":
            total += 1
            continue
        for path in _files(source):
            suffix = path.suffix.lower()
            if suffix in _ONE:
                total += 1
            elif suffix in _LINES:
                total += _count_lines(path)
            elif suffix in _ROWS:
                total += max(0, _count_lines(path) - 1)
            else:
                return None
    return total
