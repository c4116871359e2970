"""From the fields of one input record (a JSON object, a CSV row) to an Article."""
from __future__ import annotations

import datetime as dt
import email.utils
import re
from typing import Any

from ..records import Article
from .clean import clean_text, is_blank
from .notice import Notice, error, warning

_ISO_DAY = re.compile(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:$|[T\s])")
_COMPACT_DAY = re.compile(r"(\d{4})(\d{2})(\d{2})$")
_WRITTEN_FORMATS = ("%B %d, %Y", "%b %d, %Y", "%B %d %Y", "%b %d %Y", "%d %B %Y", "%d %b %Y")


def normalize_date(value: Any) -> str | None:
    """A publication date as ``YYYY-MM-DD``, or None when it is not understood.

    Accepts ISO dates and timestamps ("2025-03-14", "2025-03-14 20:30:26Z",
    "2025-03-14T20:30:26+00:00": the day as written, no time-zone shift),
    RFC 822 dates as in RSS ("Fri, 14 Mar 2025 20:30:26 GMT"), "20250314",
    "March 14, 2025", ``datetime.date`` objects and Unix epoch seconds.
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, dt.date):  # datetime is a date too
        return value.strftime("%Y-%m-%d")
    if isinstance(value, (int, float)):
        seconds = value / 1000 if value > 1e11 else value
        try:
            return dt.datetime.fromtimestamp(seconds, dt.timezone.utc).strftime("%Y-%m-%d")
        except (OverflowError, OSError, ValueError):
            return None
    if not isinstance(value, str):
        return None
    text = value.strip()
    match = _ISO_DAY.match(text) or _COMPACT_DAY.match(text)
    if match:
        try:
            return dt.date(*(int(part) for part in match.groups())).isoformat()
        except ValueError:
            return None
    parsed = email.utils.parsedate_tz(text)
    if parsed and parsed[0] > 0:
        try:
            return dt.date(*parsed[:3]).isoformat()
        except ValueError:
            return None
    for fmt in _WRITTEN_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    return None


def build_article(
    source: str,
    line: int | None,
    *,
    text: Any,
    id: Any = None,
    date: Any = None,
    title: Any = None,
    url: Any = None,
    default_date: str | None = None,
    where: str = "",
    text_field: str = "text",
) -> tuple[Article | None, list[Notice]]:
    """Check and clean one record's fields; None and an error when it has no usable text.

    ``where`` names the record in messages when ``line`` alone does not
    ("record 3"). A missing id becomes the first 16 hex digits of the
    content hash; a date that is not understood is dropped with a warning.
    """
    prefix = f"{where}: " if where else ""
    article_id = record_id(id)
    if isinstance(text, str):
        text = clean_text(text)
    if not isinstance(text, str) or is_blank(text):
        if text is None:
            what = f"no field '{text_field}'"
        elif isinstance(text, str):
            what = f"field '{text_field}' is empty"
        else:
            what = f"field '{text_field}' is not a string"
        message = f"{prefix}{what}; record skipped"
        return None, [error(source, line, message, article_id)]
    article = Article(
        id=article_id or "",
        text=text,
        title=_as_str(title),
        url=_as_str(url),
        source=source,
        line=line,
    )
    if not article.id:
        article.id = article.content_hash()[:16]
    notices: list[Notice] = []
    article.date = normalize_date(date)
    if article.date is None:
        if date is not None and not (isinstance(date, str) and is_blank(date)):
            fallback = f"using the default date {default_date}" if default_date else "publication date unknown"
            message = f"{prefix}date {date!r} not understood (use YYYY-MM-DD); {fallback}"
            notices.append(warning(source, line, message, article.id))
        article.date = default_date
    return article, notices


def record_id(value: Any) -> str | None:
    """An id field as a string (numbers too), or None when missing or empty."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (str, int, float)):
        text = str(value).strip()
        return text or None
    return None


def _as_str(value: Any) -> str | None:
    if isinstance(value, str) and value.strip():
        return clean_text(value).strip()
    return None
