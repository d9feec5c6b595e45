"""SQL facts from pglast and the psycopg placeholder scan, on tricky text."""

from __future__ import annotations

import pytest

from pglint.analysis import sql
from pglint.analysis.conninfo import is_local_host, looks_like_placeholder, parse_conninfo


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
    # the FROM item fixes the columns: a set-returning function, a subquery, VALUES, a CTE
    ("SELECT * FROM app_private.login($1, $2)", False),
    ("SELECT DISTINCT * FROM unnest($1::text[])", False),
    ("SELECT *, t.ok + t.failed FROM (SELECT a AS ok, b AS failed FROM x) AS t", False),
    ("SELECT * FROM (VALUES (1), (2)) AS v(n)", False),
    ("WITH c AS (SELECT a FROM t) SELECT c.* FROM c", False),
    ("WITH c AS (SELECT a FROM t) INSERT INTO u SELECT * FROM c", False),
    ("SELECT u.* FROM t JOIN unnest($1) AS u ON true", False),
    ("SELECT 1 WHERE EXISTS (SELECT * FROM t)", False),
    # system catalogs: their columns change with PostgreSQL, not with the application
    ("SELECT * FROM pg_extension WHERE extname = $1", False),
    ("SELECT * FROM pg_catalog.pg_stat_archiver", False),
    ("SELECT * FROM information_schema.tables", False),
    ("SELECT * FROM app.pg_users", True),
    # ... but a table among them, a qualified star over the table, or a star inside the CTE counts
    ("SELECT * FROM t, unnest($1)", True),
    ("SELECT t.* FROM t JOIN unnest($1) AS u ON true", True),
    ("SELECT * FROM public.c", True),
    ("SELECT * FROM f() UNION ALL SELECT * FROM t", True),
    ("SELECT 1 WHERE EXISTS (SELECT a FROM t WHERE b IN (SELECT * FROM u))", True),
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
        "host": "db", "user": "app", "password": "s@cret", "sslmode": "require"}
    assert parse_conninfo("host=db password='a b' sslmode=disable") == {
        "host": "db", "password": "a b", "sslmode": "disable"}
    assert parse_conninfo("SELECT 1") is None
    assert looks_like_placeholder("${PGPASSWORD}")
    assert not looks_like_placeholder("hunter2")


@pytest.mark.parametrize("url, host", [
    ("postgres://u:p@localhost:5432/db", "localhost"),
    ("postgres://u:p@[::1]:5432/db", "::1"),
    ("postgres://u:p@h1:5432,h2:5433/db", "h1,h2"),
    ("postgresql:///db", ""),
    ("postgres://u:p@db/x?host=/var/run/postgresql", "/var/run/postgresql"),
    ("postgres://u:p@%2Ftmp/x", "/tmp"),
])
def test_conninfo_url_host(url: str, host: str) -> None:
    assert (parse_conninfo(url) or {}).get("host") == host


@pytest.mark.parametrize("host, local", [
    ("localhost", True), ("LOCALHOST", True), ("127.0.0.1", True), ("127.1.2.3", True), ("::1", True),
    ("[::1]", True), ("/var/run/postgresql", True), ("@pg", True), ("localhost,127.0.0.1", True),
    ("db", False), ("localhost.example.com", False), ("127.0.0.1.nip.io", False), ("10.0.0.1", False),
    ("localhost,db.internal", False), ("0.0.0.0", False), ("128.0.0.1", False),
])
def test_is_local_host(host: str, local: bool) -> None:
    assert is_local_host(host) is local


@pytest.mark.parametrize("text,in_result,elsewhere,named", [
    ("SELECT * FROM t", True, False, set()),
    ("SELECT u.*, o.id AS order_id, o.total FROM u JOIN o ON o.u = u.id", True, False, {"order_id", "total"}),
    ("SELECT * FROM t UNION ALL SELECT * FROM u", True, False, set()),
    # the rows the code gets do not carry the star's columns: only the statement reads them
    ("SELECT id FROM (SELECT * FROM t) s", False, True, {"id"}),
    ("WITH r AS (SELECT * FROM t) SELECT id FROM r", False, True, {"id"}),
    ("INSERT INTO archive SELECT * FROM orders", False, True, set()),
    ("WITH r AS (SELECT * FROM t) SELECT r.*, u.* FROM r JOIN u ON true", True, True, set()),
])
def test_select_star_position(text: str, in_result: bool, elsewhere: bool, named: set[str]) -> None:
    star = sql.select_star(text)
    assert star is not None
    assert (star.in_result, star.elsewhere, set(star.named)) == (in_result, elsewhere, named)


def test_select_star_over_a_temporary_table_the_code_creates() -> None:
    temp = sql.created_temp_tables("DROP TABLE IF EXISTS ingest; CREATE TEMP TABLE ingest (LIKE items) ON COMMIT DROP")
    assert temp == frozenset({"ingest"})
    assert sql.created_temp_tables("CREATE TEMPORARY TABLE s AS SELECT id FROM t") == frozenset({"s"})
    assert sql.created_temp_tables("CREATE TABLE items_copy (LIKE items)") == frozenset()
    assert sql.select_star("INSERT INTO items SELECT * FROM ingest", temp) is None
    assert sql.select_star("INSERT INTO items SELECT * FROM ingest") is not None
    assert sql.select_star("INSERT INTO items SELECT * FROM staging", temp) is not None


def test_select_star_exported_by_copy_to() -> None:
    assert sql.select_star("COPY (SELECT * FROM t LIMIT 3) TO STDOUT WITH (FORMAT csv, HEADER true)") is None
    assert sql.select_star("COPY t FROM STDIN") is None
    assert sql.select_star("COPY (SELECT id FROM (SELECT * FROM t) s) TO STDOUT") is None


@pytest.mark.parametrize("text,expected", [
    ("SELECT a FROM t WHERE x = $1", "dollar"),
    ("SELECT a FROM t WHERE x=%s", "pyformat"),  # `=%` is one operator token to the lexer
    ("SELECT a FROM t WHERE x = %(name)s", "pyformat"),
    ("SELECT a FROM t WHERE x LIKE '%s' AND y = $1", "dollar"),  # inside a literal: not a placeholder
    ('SELECT "a%s" FROM t -- %s', ""),
    ("SELECT a FROM t", ""),
    ("SELECT $1, %s", None),  # both: no one driver's SQL
])
def test_placeholder_style_is_read_outside_literals_and_comments(text: str, expected: str | None) -> None:
    assert sql.placeholder_style(text) == expected


@pytest.mark.parametrize("text,complete,expected", [
    ("UPDATE tags SET name = $1 WHERE name = $2", True, True),
    ("SELECT id FROM t WHERE id = ?", True, False),  # SQLite's placeholder
    ("SELECT id FROM t WHERE id = :id", True, False),  # a named parameter of another API
    ("query { users { id } }", True, False),
    ("ls -la /tmp", True, False),
    ("", True, False),
    # a fragment spliced in: the parser fails, the statement keyword and a clause keyword decide
    ("SELECT a FROM t ORDER BY pglint_hole_1 pglint_hole_2", False, True),
    ("DELETE FROM t pglint_hole_1 pglint_hole_2", False, True),
    ("show pglint_hole_1 pglint_hole_2", False, False),
    ("SELECT a FROM t ORDER BY x y", True, False),  # complete text that does not parse is not SQL
    # a fragment spliced in beside MySQL's / SQLite's `?` where an operand belongs is not PostgreSQL
    ("SELECT a FROM t WHERE b = ? ORDER BY pglint_hole_1 pglint_hole_2", False, False),
    ("INSERT INTO t VALUES (?, pglint_hole_1 pglint_hole_2)", False, False),
    # PostgreSQL's jsonb `?` operator is not a placeholder
    ("SELECT a FROM t WHERE doc ? 'k' ORDER BY pglint_hole_1 pglint_hole_2", False, True),
])
def test_reads_as_sql(text: str, complete: bool, expected: bool) -> None:
    assert sql.reads_as_sql(text, complete) is expected
