"""The input options shared by `tacitus code` and `tacitus ingest` (see tacitus.ingest)."""
from __future__ import annotations

import functools

import click

from ..ingest import STDIN_FORMATS

#: option name -> keyword of tacitus.ingest.iter_articles
READ_OPTIONS = ("date", "csv_text", "csv_id", "csv_date", "csv_title", "csv_url", "max_bytes", "stdin_format")


#: what is dated by --date only: stdin and plain-text files
TEXT_SUFFIXES = (".txt", ".txt.gz")

#: said once per run when a text file or stdin comes without --date
NO_DATE = ("no --date given: relative dates in text files and stdin ('on Monday', 'yesterday') "
           "are not resolved; give the publication date with --date YYYY-MM-DD")


def is_text_source(source: str) -> bool:
    """Whether a source (a path or URL as given or found, or ``-``) is stdin or a plain-text file."""
    return source == "-" or source.endswith(TEXT_SUFFIXES)


def input_options(func):
    """Add the reading options and pass them on as one ``read_options`` dict
    (the keywords of ``tacitus.ingest.iter_articles``)."""
    options = [
        click.option("--date", help="Publication date (YYYY-MM-DD) of articles whose source gives none (.txt, stdin)."),
        click.option("--csv-text", default="text", show_default=True, help="CSV column with the text."),
        click.option("--csv-id", default="id", show_default=True, help="CSV column with the article id."),
        click.option("--csv-date", default="date", show_default=True, help="CSV column with the date."),
        click.option("--csv-title", default="title", show_default=True, help="CSV column with the title."),
        click.option("--csv-url", default="url", show_default=True, help="CSV column with the URL."),
        click.option("--max-bytes", default=1_000_000, show_default=True, type=click.IntRange(1),
                     help="Longer articles are not coded (reported as failures)."),
        click.option("--stdin-format", type=click.Choice(STDIN_FORMATS), default="auto", show_default=True,
                     help="How - (stdin) is read: auto (JSON Lines when the first line is a record "
                          "with a \"text\" field, else one text), text or jsonl."),
    ]

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        kwargs["read_options"] = {name: kwargs.pop(name) for name in READ_OPTIONS}
        return func(*args, **kwargs)

    for option in reversed(options):
        wrapper = option(wrapper)
    return wrapper
