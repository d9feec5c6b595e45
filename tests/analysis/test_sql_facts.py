"""SQL facts from pglast and the psycopg placeholder scan, on tricky text."""

from __future__ import annotations

import pytest

from pglint.analysis import sql
from pglint.analysis.conninfo import looks_like_placeholder, parse_conninfo


def test_dollar_params_ignore_literals_comments_and_dollar_quotes() -> None:
    text = "SELECT $1, '$2', $$ $4 $$, \"$5\", $10 -- $3\n/* $6 */"
    assert sql.dollar_params(text) == (1, 10)


def test_pyformat_scan_matches_psycopg_grammar() -> None:
    scan = sql.pyformat_scan("SELECT %s, %(a)s, 100%%, '10%' , %d")
    assert scan.positional == 1
    assert scan.names == {"a"}
    assert scan.escaped == 1
    assert [b for _, b in scan.bad] == ["%'", "%d"]


@pytest.mark.parametrize("text,expected", [
    ("SELECT * FROM t", True),
    ("SELECT t.* FROM t", True),
    ("SELECT count(*) FROM t", False),
    ("SELECT '*' FROM t -- *", False),
    ("WITH x AS (SELECT * FROM t) SELECT a FROM x", True),
    ("INSERT INTO t VALUES (1) RETURNING *", False),
    ("not sql at all", False),
])
def test_select_star(text: str, expected: bool) -> None:
    assert sql.has_select_star(text) is expected


def test_copy_from_server() -> None:
    assert sql.copy_from_server("COPY t FROM '/etc/passwd'") == ("file", "/etc/passwd")
    assert sql.copy_from_server("copy t from program 'ls'") == ("program", "ls")
    assert sql.copy_from_server("COPY t FROM STDIN") is None
    assert sql.copy_from_server("COPY t TO '/tmp/x'") is None


def test_dynamic_search_path() -> None:
    assert sql.dynamic_search_path("SET search_path TO pglint_hole_1, public") == "set"
    assert sql.dynamic_search_path("SET search_path TO public") is None
    assert sql.dynamic_search_path("SELECT set_config('search_path', $1, false)") == "set_config"
    assert sql.dynamic_search_path("SELECT set_config('search_path', 'public', false)") is None


def test_transaction_effect_and_control() -> None:
    assert sql.transaction_effect("BEGIN") == "begin"
    assert sql.transaction_effect("START TRANSACTION READ ONLY") == "begin"
    assert sql.transaction_effect("COMMIT") == "commit"
    assert sql.transaction_effect("ROLLBACK") == "rollback"
    assert sql.transaction_effect("ROLLBACK TO SAVEPOINT s") is None
    assert sql.transaction_effect("SELECT 'BEGIN'") is None
    assert sql.is_transaction_control("SAVEPOINT s")
    assert not sql.is_transaction_control("SELECT 1")


def test_statement_kinds() -> None:
    assert sql.is_write("UPDATE t SET a = 1")
    assert sql.is_write("WITH x AS (DELETE FROM t RETURNING a) SELECT a FROM x")
    assert sql.is_write("SELECT 1") is False
    assert sql.is_write("garbage (") is None
    assert sql.is_utility("CREATE TABLE t (a int DEFAULT 1)")
    assert sql.is_utility("SELECT 1") is False


def test_conninfo() -> None:
    assert parse_conninfo("postgresql://app:s%40cret@db/app?sslmode=require") == {
        "user": "app", "password": "s@cret", "sslmode": "require"}
    assert parse_conninfo("host=db password='a b' sslmode=disable") == {
        "host": "db", "password": "a b", "sslmode": "disable"}
    assert parse_conninfo("SELECT 1") is None
    assert looks_like_placeholder("${PGPASSWORD}")
    assert not looks_like_placeholder("hunter2")
