"""Query results written as CSV or JSON Lines by DuckDB itself.

A query command's CSV or JSON Lines output of hundreds of thousands of rows
took seconds when each row became Python objects and went through Python's
csv writer; here DuckDB formats each line (in parallel, in C++) and Python
only writes the text. The lines are those the Python writer gives
(``tacitus.cli.output.emit``): CSV cells as ``_cell`` formats them (numbers
as ``%g``, lists joined with ", ", quoted only where needed), JSON objects of
the same values. A column of a type not handled here (a struct, a
timestamp...) makes these functions return None: the caller falls back to
the Python writer.

    for chunk in csv_text(con, sql, params) or python_fallback(): out.write(chunk)
"""
from __future__ import annotations

from typing import Iterator

#: Lines per chunk handed to Python (one string each).
CHUNK = 20_000

_PLAIN = {"VARCHAR", "DATE", "BOOLEAN", "DOUBLE", "FLOAT", "TINYINT", "SMALLINT", "INTEGER", "BIGINT",
          "HUGEINT", "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT"}


#: Types DuckDB writes in JSON otherwise than the Python writer (ISO "T", hex bytes...).
_NOT_JSON = ("TIME", "BLOB", "INTERVAL", "UUID", "BIT", "MAP", "UNION")


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _csv_quoted(expr: str) -> str:
    """A VARCHAR expression quoted as Python's csv writer does (QUOTE_MINIMAL)."""
    return (f"CASE WHEN contains({expr}, '\"') OR contains({expr}, ',') OR contains({expr}, chr(10)) "
            f"OR contains({expr}, chr(13)) THEN '\"' || replace({expr}, '\"', '\"\"') || '\"' ELSE {expr} END")


def _csv_text(expr: str, kind: str) -> str | None:
    """A VARCHAR expression: the cell of a value of type ``kind``, unquoted; None if not handled."""
    if kind == "VARCHAR":
        return expr
    if kind in ("DOUBLE", "FLOAT"):
        return f"printf('%g', {expr})"
    if kind == "BOOLEAN":
        return f"CASE WHEN {expr} THEN 'True' WHEN NOT {expr} THEN 'False' END"
    if kind in _PLAIN:  # integers and dates (ISO, as date.isoformat)
        return f"CAST({expr} AS VARCHAR)"
    if kind.endswith("[]") and kind[:-2] in _PLAIN:
        inner = _csv_text("x", kind[:-2])
        return f"array_to_string(list_transform({expr}, lambda x: coalesce({inner}, '')), ', ')"
    return None


def _types(con, sql: str, params: list) -> tuple[list[str], list[str]]:
    relation = con.sql(sql, params=params) if params else con.sql(sql)
    return relation.columns, [str(t) for t in relation.types]


def _lines(con, line: str, sql: str, params: list, header: str | None) -> Iterator[str]:
    """Chunks of text, each ending with a newline: ``header`` then one line per row of ``sql``."""
    # numbered as the query yields them, joined in chunks: few Python objects
    cursor = con.execute(f"""
        SELECT string_agg(line, chr(10) ORDER BY n) FROM (
            SELECT {line} AS line, row_number() OVER () AS n FROM ({sql}) AS q)
        GROUP BY (n - 1) // {CHUNK} ORDER BY (n - 1) // {CHUNK}""", params)
    first = True
    while rows := cursor.fetchmany(16):
        for (text,) in rows:
            if first and header is not None:  # as the Python writer: no header without rows
                yield header + "\n"
            first = False
            yield text + "\n"


def csv_text(con, sql: str, params: list | None = None) -> Iterator[str] | None:
    """The rows of ``sql`` as CSV with a header line (chunks of text), or None if a
    column's type needs the Python writer."""
    params = list(params or [])
    columns, kinds = _types(con, sql, params)
    cells = []
    for name, kind in zip(columns, kinds):
        text = _csv_text(_ident(name), kind)
        if text is None:
            return None
        cells.append(f"coalesce({_csv_quoted(text) if kind == 'VARCHAR' or kind.endswith('[]') else text}, '')")
    if len(cells) == 1:  # a lone empty cell is written as "" by Python's csv writer
        cells = [f"CASE WHEN {cells[0]} = '' AND {_ident(columns[0])} IS NOT NULL THEN '\"\"' ELSE {cells[0]} END"]
    header = ",".join(_python_csv_cell(c) for c in columns)
    return _lines(con, "concat_ws(',', " + ", ".join(cells) + ")", sql, params, header)


def _python_csv_cell(text: str) -> str:
    if any(c in text for c in '",\n\r'):
        return '"' + text.replace('"', '""') + '"'
    return text


def jsonl_text(con, sql: str, params: list | None = None) -> Iterator[str] | None:
    """The rows of ``sql`` as JSON Lines (one object per row, keys in column order),
    or None if a column's type needs the Python writer."""
    params = list(params or [])
    columns, kinds = _types(con, sql, params)
    if any(other in kind for kind in kinds for other in _NOT_JSON):
        return None
    return _lines(con, "CAST(to_json(q) AS VARCHAR)", sql, params, None)


def head(con, sql: str, params: list | None, n: int) -> tuple[list[dict], int]:
    """The first ``n`` rows of ``sql`` (dicts) and the number of rows in all, in one query
    (the rest are counted by DuckDB, not fetched)."""
    cursor = con.execute(f"""
        WITH r AS MATERIALIZED ({sql})
        SELECT *, (SELECT count(*) FROM r) AS "__tacitus_total" FROM r LIMIT {int(n)}""", list(params or []))
    columns = [d[0] for d in cursor.description][:-1]
    rows = cursor.fetchall()
    if not rows:
        return [], 0
    return [dict(zip(columns, row[:-1])) for row in rows], rows[0][-1]


def select_columns(con, sql: str, params: list | None, wanted: list[str]) -> str:
    """``sql`` narrowed to the ``wanted`` columns in that order (an unknown name is a TacitusError)."""
    from ..errors import TacitusError

    columns, _ = _types(con, sql, list(params or []))
    unknown = [c for c in wanted if c not in columns]
    if unknown:
        raise TacitusError(f"--columns: no column {', '.join(map(repr, unknown))}; "
                           f"the columns are {', '.join(columns)}")
    return f"SELECT {', '.join(_ident(c) for c in wanted)} FROM ({sql}) AS q"


__all__ = ["csv_text", "head", "jsonl_text", "select_columns"]
