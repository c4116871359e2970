"""`tacitus sql` is read-only in fact: each attack of a hostile query is refused."""
from __future__ import annotations

import json

import duckdb
import pytest
from click.testing import CliRunner

from tacitus.cli import main
from tacitus.errors import StoreError
from tacitus.store import open_store, run_sql


@pytest.fixture()
def db(tmp_path):
    path = tmp_path / "s.duckdb"
    with open_store(path) as con:
        con.execute("INSERT INTO failures VALUES ('a.txt', 1, NULL, 'error', 'bad', now())")
    other = tmp_path / "other.duckdb"
    with open_store(other) as con:
        con.execute("INSERT INTO failures VALUES ('b.txt', 2, NULL, 'error', 'keep me', now())")
    return path


def sql(db, query, *extra):
    return CliRunner().invoke(main, ["sql", query, "--db", str(db), *extra], catch_exceptions=False)


def refused(result, *words):
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith("error:") and "Traceback" not in result.output
    for word in words:
        assert word in result.stderr, result.stderr


def test_store_sql_cannot_read_files(db, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("password", encoding="utf-8")
    refused(sql(db, f"SELECT * FROM read_text('{secret}')"), "disabled")
    refused(sql(db, f"SELECT * FROM read_csv('{secret}')"), "disabled")
    refused(sql(db, f"SELECT * FROM '{secret}'"))
    refused(sql(db, f"SELECT * FROM glob('{tmp_path}/*')"), "disabled")


def test_store_sql_cannot_write_files(db, tmp_path):
    out = tmp_path / "out.csv"
    refused(sql(db, f"COPY failures TO '{out}'"), "only SELECT")
    refused(sql(db, f"SELECT * FROM failures; COPY failures TO '{out}'"), "one statement")
    assert not out.exists()


def test_store_sql_cannot_attach_and_change_another_store(db, tmp_path):
    other = tmp_path / "other.duckdb"
    refused(sql(db, f"ATTACH '{other}' AS o"), "only SELECT")
    refused(sql(db, f"ATTACH '{other}' AS o; DELETE FROM o.failures"), "one statement")
    with duckdb.connect(str(other), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM failures").fetchone() == (1,)


def test_store_sql_cannot_change_the_store_or_its_settings(db):
    refused(sql(db, "DELETE FROM failures"), "only SELECT")
    refused(sql(db, "DROP TABLE failures"), "only SELECT")
    refused(sql(db, "SET enable_external_access = true"), "only SELECT")
    refused(sql(db, "SELECT 1; SELECT 2"), "one statement")
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM failures").fetchone() == (1,)
    with open_store(db, read_only=True, sandbox=True) as con:
        with pytest.raises(duckdb.Error, match="locked"):
            con.execute("SET enable_external_access = true")


def test_store_sql_cannot_install_or_load_extensions(db):
    refused(sql(db, "INSTALL httpfs"), "only SELECT")
    refused(sql(db, "LOAD httpfs"), "only SELECT")
    refused(sql(db, "SELECT * FROM read_parquet('https://example.org/x.parquet')"))
    with open_store(db, read_only=True, sandbox=True) as con:
        settings = dict(con.execute(
            "SELECT name, value FROM duckdb_settings() WHERE name IN ('autoload_known_extensions', "
            "'autoinstall_known_extensions', 'enable_external_access', 'lock_configuration')").fetchall())
    assert settings == {"autoload_known_extensions": "false", "autoinstall_known_extensions": "false",
                        "enable_external_access": "false", "lock_configuration": "true"}


def test_store_sql_empty_query_is_a_clear_error(db):
    refused(sql(db, ""), "empty query")
    refused(sql(db, "  ;  "), "empty query")


def test_store_sql_row_limit_says_there_are_more(db):
    result = sql(db, "SELECT * FROM range(5000) t(n)", "-f", "jsonl")
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == 1000
    assert "first 1000 rows" in result.stderr
    result = sql(db, "SELECT * FROM range(5) t(n)", "-f", "jsonl", "--limit", "3")
    assert [json.loads(x)["n"] for x in result.stdout.splitlines()] == [0, 1, 2] and "first 3 rows" in result.stderr
    result = sql(db, "WITH x AS (SELECT 41 + 1 AS n) SELECT n FROM x", "-f", "jsonl")
    assert result.exit_code == 0 and json.loads(result.stdout) == {"n": 42} and result.stderr == ""


def test_store_run_sql_refuses_non_select(db):
    with open_store(db, read_only=True, sandbox=True) as con:
        with pytest.raises(StoreError, match="only SELECT"):
            run_sql(con, "CREATE TEMP TABLE t(a INT)")
        assert run_sql(con, "SELECT count(*) AS n FROM failures") == [{"n": 1}]
