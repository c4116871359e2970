"""Notice: what ingestion tells the user about a source it could not fully read."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Level = Literal["warning", "error"]


@dataclass
class Notice:
    """A message about one source (and line) of the input.

    ``level`` is ``"error"`` when something was NOT coded (a bad line, an
    unreadable file, an oversize article) and ``"warning"`` when the article
    was still produced, or deliberately skipped (not English), with a caveat.
    """

    source: str
    line: int | None
    message: str
    level: Level = "error"
    article_id: str | None = None

    @property
    def location(self) -> str:
        """``file:line`` (or just ``file``), as editors and compilers print it."""
        return f"{self.source}:{self.line}" if self.line is not None else self.source

    def __str__(self) -> str:
        return f"{self.location}: {self.level}: {self.message}"


def error(source: str, line: int | None, message: str, article_id: str | None = None) -> Notice:
    return Notice(source, line, message, "error", article_id)


def warning(source: str, line: int | None, message: str, article_id: str | None = None) -> Notice:
    return Notice(source, line, message, "warning", article_id)
