"""Reading articles from every input format, with notices instead of crashes.

>>> from tacitus.ingest import iter_articles, Notice
>>> for item in iter_articles(["news/", "feeds/*.rss"], date="2025-03-14"):
...     if isinstance(item, Notice):
...         print(item)            # "feeds/a.rss:3: error: ..."
...     else:
...         code(item)             # a tacitus.records.Article

Formats by suffix (case-insensitive; any of them may be gzipped, ``.gz``):
``.txt`` or no suffix (one article, id = file name), ``.jsonl``/``.ndjson``
(one article a line), ``.json`` (a list of articles or one), ``.html``/``.htm``
(main text by trafilatura), ``.csv``/``.tsv``, ``.rss``/``.atom``/``.xml``
feeds (one article per entry), ``.warc`` (one article per HTML response),
``.parquet`` (one article a row, columns as in JSON Lines), and
``-`` for standard input (one article, id "stdin").

Only a source that does not exist, a glob that matches nothing or a file
named explicitly in an unknown format raises :class:`tacitus.errors.InputError`.
Everything else wrong with the input becomes a :class:`Notice`: ``error``
when something was not coded (a bad line, an unreadable file, an article
over ``max_bytes`` of UTF-8 text, which must be split by the user, since
coding a book as one article gives meaningless dates and coreference),
``warning`` when the article came out with a caveat (bytes that are not
UTF-8, a date not understood) or was skipped as not English.
"""
from __future__ import annotations

import csv
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

from ..errors import InputError
from ..records import Article
from .clean import clean_text, decode_bytes, looks_binary
from .fields import normalize_date
from .language import LanguageGuess, guess_english
from .notice import Notice, error, warning
from .readers import Item, ReadOptions, read_csv, read_json, read_jsonl, read_parquet, read_stdin, read_txt, size_label
from .sources import Source, detect_format, resolve_sources
from .web import ExtractorUnavailable, html_to_text, read_feed, read_html, read_warc

__all__ = [
    "Notice",
    "iter_articles",
    "read_source",
    "screen_article",
    "resolve_sources",
    "detect_format",
    "normalize_date",
    "clean_text",
    "decode_bytes",
    "looks_binary",
    "html_to_text",
    "guess_english",
    "LanguageGuess",
    "ReadOptions",
    "Source",
    "ExtractorUnavailable",
]

READERS: dict[str, Callable[[Source, ReadOptions], Iterator[Item]]] = {
    "txt": read_txt,
    "jsonl": read_jsonl,
    "json": read_json,
    "csv": read_csv,
    "tsv": read_csv,
    "html": read_html,
    "feed": read_feed,
    "warc": read_warc,
    "parquet": read_parquet,
}


STDIN_FORMATS = ("auto", "text", "jsonl")


def iter_articles(
    sources: str | Path | list[str | Path] | tuple,
    *,
    date: str | None = None,
    csv_text: str = "text",
    csv_id: str = "id",
    csv_date: str = "date",
    csv_title: str = "title",
    csv_url: str = "url",
    max_bytes: int = 1_000_000,
    stdin: IO | None = None,
    stdin_format: str = "auto",
    english_only: bool = True,
) -> Iterator[Article | Notice]:
    """Articles (and Notices) from paths, folders, glob patterns or "-" (stdin).

    ``date`` is the publication date of articles whose source gives none
    (text files, stdin, records without a date). Sources are checked now,
    so a missing file raises InputError at the call, before any article.
    """
    default_date = normalize_date(date) if date else None
    if date and default_date is None:
        raise InputError(f"date {date!r} is not a date; give it as YYYY-MM-DD.")
    if stdin_format not in STDIN_FORMATS:
        raise InputError(f"stdin format {stdin_format!r}: use one of {', '.join(STDIN_FORMATS)}")
    options = ReadOptions(
        date=default_date,
        csv_text=csv_text,
        csv_id=csv_id,
        csv_date=csv_date,
        csv_title=csv_title,
        csv_url=csv_url,
        max_bytes=max_bytes,
        stdin=stdin,
        stdin_format=stdin_format,
    )
    resolved = resolve_sources(sources)
    return _iter_sources(resolved, options, english_only)


def _iter_sources(sources: list[Source], options: ReadOptions, english_only: bool) -> Iterator[Article | Notice]:
    for source in sources:
        for item in read_source(source, options):
            if isinstance(item, Article):
                notice = screen_article(item, max_bytes=options.max_bytes, english_only=english_only)
                yield item if notice is None else notice
            else:
                yield item


def read_source(source: Source, options: ReadOptions | None = None) -> Iterator[Item]:
    """Articles and Notices of one source, unscreened; read errors become Notices."""
    options = options or ReadOptions()
    if source.format is None:
        suffix = "".join(source.path.suffixes) if source.path else ""
        yield warning(source.name, None, f"skipped: not a format tacitus reads ({suffix or 'no suffix'})")
        return
    reader = read_stdin if source.path is None else READERS[source.format]
    try:
        yield from reader(source, options)
    except (OSError, EOFError, zlib.error) as exc:  # unreadable, permissions, bad gzip
        yield error(source.name, None, f"cannot read the file: {exc}")
    except csv.Error as exc:
        yield error(source.name, None, f"broken CSV, rest of file skipped: {exc}")


def screen_article(article: Article, *, max_bytes: int = 1_000_000, english_only: bool = True) -> Notice | None:
    """A Notice when the article must not be coded: over ``max_bytes`` of UTF-8, or not English."""
    size = len(article.text.encode("utf-8"))
    if size > max_bytes:
        message = (
            f"article {article.id!r} has {size_label(size)} of text, over {size_label(max_bytes)}; "
            "split it into smaller articles"
        )
        return error(article.source or "", article.line, message, article.id)
    if english_only:
        guess = guess_english(article.text)
        if not guess.english:
            message = f"not English ({guess.reason}); article {article.id!r} skipped"
            return warning(article.source or "", article.line, message, article.id)
    return None
