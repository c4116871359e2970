"""CSV and JSON Lines written by DuckDB are the lines the Python writer gives."""
from __future__ import annotations

import io
import json

import duckdb
import pytest

from tacitus.cli.output import emit
from tacitus.errors import TacitusError
from tacitus.store import open_store
from tacitus.store.queries import actors_query, dyads_query, events_query
from tacitus.store.text import csv_text, head, jsonl_text, select_columns


@pytest.fixture(scope="module")
def con(web_store):
    con = open_store(web_store, read_only=True)
    yield con
    con.close()


def _queries():
    return [
        events_query(),
        events_query(reports=True),
        events_query(actor="Russia", limit=3),
        events_query(text="the", quad="verbal conflict,material conflict"),
        events_query(actor="nobody at all"),
        dyads_query(by="week"),
        dyads_query(by="day", reports=True, include_negated=True),
        dyads_query(by="month", text="said"),
        actors_query(),
        actors_query(name="Russia"),
    ]


def _python(con, query, fmt) -> str:
    cursor = con.execute(*query)
    names = [d[0] for d in cursor.description]
    out = io.StringIO()
    emit((dict(zip(names, row)) for row in cursor.fetchall()), fmt, file=out)
    return out.getvalue()


@pytest.mark.parametrize("n", range(len(_queries())))
def test_store_text_csv_is_the_python_writers(con, n):
    query = _queries()[n]
    written = "".join(csv_text(con, *query))
    assert written == _python(con, query, "csv")


@pytest.mark.parametrize("n", range(len(_queries())))
def test_store_text_jsonl_has_the_python_writers_values(con, n):
    query = _queries()[n]
    written = "".join(jsonl_text(con, *query))
    expected = _python(con, query, "jsonl")
    assert [json.loads(line) for line in written.splitlines()] == [json.loads(line) for line in expected.splitlines()]
    assert [list(json.loads(line)) for line in written.splitlines()] == [
        list(json.loads(line)) for line in expected.splitlines()]  # keys in column order


def test_store_text_events_are_not_empty(con):
    assert "".join(csv_text(con, *events_query())).count("\n") > 10


def test_store_text_quotes_and_odd_values():
    con = duckdb.connect()
    sql = """SELECT * FROM (VALUES
        ('plain', 1.5::DOUBLE, 3, DATE '2024-03-04', ['a', NULL, 'b,c'], true),
        ('with, comma', 10.0, NULL, NULL, [], false),
        ('say "hi"' || chr(10) || 'twice', NULL, -2, DATE '2020-01-01', NULL, NULL),
        ('', 1234567.0, 0, NULL, ['x"y'], true)) t(s, d, i, day, l, b)"""
    written = "".join(csv_text(con, sql))
    cursor = con.execute(sql)
    names = [d[0] for d in cursor.description]
    out = io.StringIO()
    emit([dict(zip(names, r)) for r in cursor.fetchall()], "csv", file=out)
    assert written == out.getvalue()
    assert "".join(csv_text(con, "SELECT '' AS only")) == 'only\n""\n'  # as Python's csv writer
    assert csv_text(con, "SELECT now() AS t") is None  # left to the Python writer
    assert jsonl_text(con, "SELECT now() AS t") is None
    assert "".join(csv_text(con, "SELECT 1 AS a WHERE false")) == ""  # no rows, no header


def test_store_text_head_counts_the_rest(con):
    query = dyads_query(by="day", reports=True, include_negated=True)
    everything = con.execute(*query).fetchall()
    rows, total = head(con, *query, 3)
    assert total == len(everything) > 3
    assert [tuple(r.values()) for r in rows] == everything[:3]
    assert head(con, "SELECT 1 AS a WHERE false", [], 5) == ([], 0)


def test_store_text_select_columns(con):
    sql = select_columns(con, *events_query(), ["text", "date"])
    assert [d[0] for d in con.execute(sql, events_query().params).description] == ["text", "date"]
    with pytest.raises(TacitusError, match="no column 'nope'"):
        select_columns(con, *events_query(), ["nope"])
