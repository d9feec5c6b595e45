"""The SQL and connection rules on hand-built query/connect sites: no frontend involved."""

from __future__ import annotations

from pglint.drivers import default_registry
from pglint.analysis.context import FileContext
from pglint.ir.cfg import Span
from pglint.ir.query import ConnectSite, Hole, OptionValue, Params, QuerySite, RowUse, SqlShape
from pglint.languages.base import LoweredFile
from pglint.rules.pg105_no_transaction_on_pool import NoTransactionOnPool
from pglint.rules.pg106_no_floating_query import NoFloatingQuery
from pglint.rules.pg201_no_unsafe_query import NoUnsafeQuery
from pglint.rules.pg202_check_query_params import CheckQueryParams
from pglint.rules.pg203_no_unsafe_search_path import NoUnsafeSearchPath
from pglint.rules.pg204_no_unsafe_copy_from import NoUnsafeCopyFrom
from pglint.rules.pg301_no_insecure_ssl import NoInsecureSsl
from pglint.rules.pg302_no_hardcoded_credentials import NoHardcodedCredentials
from pglint.rules.pg402_no_select_all import NoSelectAll
from pglint.rules.pg403_no_batch_insert_loop import NoBatchInsertLoop

S = Span(1, 1, 1, 10)


def lit(text: str) -> SqlShape:
    return SqlShape("literal", (text,), S)


def q(sql: SqlShape | None, params: Params | None = None, style: str = "dollar", **kw) -> QuerySite:
    base = dict(span=S, function="f", driver="pg", receiver="pool-client", method="query")
    base.update(kw)
    return QuerySite(sql=sql, params=params, style=style, **base)  # type: ignore[arg-type]


def run(rule, queries=(), connects=(), language="javascript"):
    lowered = LoweredFile("t", language, [], list(queries), list(connects))
    ctx = FileContext(lowered, b"x\n", default_registry())
    return [d.message for d in rule.check(ctx)]


def seq(n: int) -> Params:
    return Params("sequence", count=n)


def test_pg201_non_constant_holes_only() -> None:
    unsafe = SqlShape("template", ("SELECT 1 WHERE a = '", Hole("name", False, origin="param"), "'"), S)
    const = SqlShape("concat", ("SELECT ", Hole("COLS", True, "a, b"), " FROM t"), S)
    tagged = SqlShape("tagged", ("SELECT ", Hole("x", False, origin="param")), S)
    assert len(run(NoUnsafeQuery(), [q(unsafe)])) == 1
    assert run(NoUnsafeQuery(), [q(const), q(tagged), q(lit("SELECT 1"))]) == []


def _one_hole(before: str, origin: str, after: str = "") -> SqlShape:
    return SqlShape("template", (before, Hole("v", False, origin=origin), after), S)


def test_pg201_value_positions_report_parameters_and_request_data() -> None:
    rule = NoUnsafeQuery()
    for before, after in (("SELECT 1 FROM t WHERE a = '", "'"), ("SELECT 1 FROM t WHERE a = ", ""),
                          ("SELECT 1 FROM t LIMIT ", ""), ("INSERT INTO t (a) VALUES (", ")"),
                          ("UPDATE t SET a = ", ""), ("EXPLAIN ", ""), ("SELECT $q$", "$q$")):
        for origin in ("param", "external"):
            assert len(run(rule, [q(_one_hole(before, origin, after))])) == 1, (before, origin)
        assert run(rule, [q(_one_hole(before, "config", after))]) == [], before


def test_pg201_identifier_positions_report_request_data_only() -> None:
    rule = NoUnsafeQuery()
    for before, after in (("SELECT a FROM ", ""), ('CREATE DATABASE "', '"'), ("LISTEN ", ""),
                          ("SAVEPOINT sp_", ""), ("SELECT msar.", "($1)"), ("DROP TABLE IF EXISTS ", ""),
                          ("SELECT ", " FROM t ORDER BY 1"), ("INSERT INTO t (", ") VALUES ($1)"),
                          ("INSERT INTO ", " VALUES %s"), ("SELECT a FROM t WHERE ", " = $1"),
                          ("CREATE INDEX ON t USING hnsw ((v::vector(", ")) vector_l2_ops)")):
        assert len(run(rule, [q(_one_hole(before, "external", after))])) == 1, before
        for origin in ("param", "config", "unknown"):
            assert run(rule, [q(_one_hole(before, origin, after))]) == [], (before, origin)


def test_pg201_untraced_values_need_the_option() -> None:
    rule = NoUnsafeQuery()
    shape = _one_hole("SELECT 1 FROM t WHERE a = '", "unknown", "'")
    assert run(rule, [q(shape)]) == []
    rule.settings = {"report-untraced-values": True}
    assert "a non-constant value" in run(rule, [q(shape)])[0]


def test_pg201_parameters_of_test_files_are_the_tests_own() -> None:
    shape = _one_hole("SELECT 1 FROM t WHERE a = '", "param", "'")
    site = q(shape)
    for path, count in (("test_users.py", 0), ("conftest.py", 0), ("users.test.ts", 0), ("users.py", 1),
                        ("tests/db_utils.py", 0), ("src/__tests__/helpers.js", 0), ("tests/rules/x/example.py", 1),
                        ("src/contest.py", 1), ("src/latest.py", 1)):
        lowered = LoweredFile(path, "python", [], [site], [])
        ctx = FileContext(lowered, b"x\n", default_registry())
        assert len(list(NoUnsafeQuery().check(ctx))) == count, path


def test_pg201_one_finding_per_call() -> None:
    shape = _one_hole("SELECT 1 FROM t WHERE a = '", "param", "'")
    assert len(run(NoUnsafeQuery(), [q(shape), q(shape)])) == 1


def test_pg202_call_takes_server_side_parameters() -> None:
    rule = CheckQueryParams()
    assert run(rule, [q(lit("CALL run_job(%s)"), seq(1), style="pyformat", server_side_binding=True)]) == []
    assert run(rule, [q(lit("SET TimeZone TO %s"), seq(1), style="pyformat", server_side_binding=True)]) != []


def test_pg202_dollar_counts() -> None:
    rule = CheckQueryParams()
    assert run(rule, [q(lit("SELECT $1, $2"), seq(2))]) == []
    assert "up to $2 but 1 parameter is passed" in run(rule, [q(lit("SELECT $1, $2"), seq(1))])[0]
    assert "$2 is never used" in run(rule, [q(lit("SELECT $1, $3"), seq(3))])[0]
    assert "no parameters" in run(rule, [q(lit("SELECT $1"))])[0]
    assert "psycopg-style" in run(rule, [q(lit("SELECT %s"), seq(1))])[0]
    assert run(rule, [q(lit("SELECT '$1', $1 -- $2"), seq(1))]) == []
    assert run(rule, [q(lit("SELECT $1, $1, $10"), seq(10))])[0].startswith("Placeholder $2")
    assert run(rule, [q(lit("SELECT $1"), Params("unknown"))]) == []


def test_pg202_pyformat() -> None:
    rule = CheckQueryParams()
    py = dict(style="pyformat", driver="psycopg2", receiver="cursor", method="execute")
    assert run(rule, [q(lit("SELECT %s"), seq(1), **py)]) == []
    assert "%%" in run(rule, [q(lit("SELECT 'a%' LIKE %s"), seq(1), **py)])[0]
    assert run(rule, [q(lit("SELECT 10 % 3"), None, **py)]) == []
    assert "2 placeholders but 1 parameter" in run(rule, [q(lit("SELECT %s, %s"), seq(1), **py)])[0]
    assert "sequence or a mapping" in run(rule, [q(lit("SELECT %s"), Params("scalar"), **py)])[0]
    assert "%d" in run(rule, [q(lit("SELECT %d"), seq(1), **py)])[0]
    assert "$1" in run(rule, [q(lit("SELECT $1"), seq(1), **py)])[0]
    named = Params("mapping", names=frozenset({"a"}))
    assert "%(b)s" in run(rule, [q(lit("SELECT %(a)s, %(b)s"), named, **py)])[0]
    ddl = dict(py, server_side_binding=True, driver="psycopg")
    assert "server" in run(rule, [q(lit("CREATE TABLE t (a int DEFAULT %s)"), seq(1), **ddl)])[0]


def test_pg203_pg204_pg402() -> None:
    hole = Hole("schema", False)
    assert run(NoUnsafeSearchPath(), [q(SqlShape("concat", ("SET search_path TO ", hole), S))])
    assert run(NoUnsafeSearchPath(), [q(lit("SET search_path TO public"))]) == []
    ident = SqlShape("composed", ("SET search_path TO ", Hole("Identifier(t)", True, None, None, "identifier")), S)
    assert run(NoUnsafeSearchPath(), [q(ident)]) == []
    assert run(NoUnsafeCopyFrom(), [q(lit("COPY t FROM '/etc/passwd'"))])
    assert run(NoUnsafeCopyFrom(), [q(lit("COPY t FROM STDIN"))]) == []
    assert run(NoSelectAll(), [q(lit("SELECT * FROM t"))])
    assert run(NoSelectAll(), [q(lit("SELECT count(*) FROM t"))]) == []


def test_pg402_weighs_the_star_against_how_the_rows_are_read() -> None:
    rule = NoSelectAll()
    star = lit("SELECT * FROM jobs WHERE id = $1")
    plain = ["SELECT * fetches every column of the table"]
    assert run(rule, [q(star, row_use=RowUse("whole", how="Job(…)"))]) == []
    assert run(rule, [q(star, row_use=RowUse("probe"))]) == []
    assert run(rule, [q(star, row_use=RowUse("unknown"))]) == plain
    assert run(rule, [q(star)]) == plain  # not looked at
    assert run(rule, [q(star, row_use=RowUse("columns", columns=("id", "name")))]) == [
        "SELECT * fetches every column of the table, but only id, name are read"]
    assert run(rule, [q(star, row_use=RowUse("columns", columns=("state",)))]) == [
        "SELECT * fetches every column of the table, but only state is read"]
    # the query's own named columns are not the star's
    joined = lit("SELECT j.*, q.name AS queue_name FROM jobs j JOIN queues q ON q.id = j.queue_id")
    assert run(rule, [q(joined, row_use=RowUse("columns", columns=("queue_name", "state")))]) == [
        "SELECT * fetches every column of the table, but only state is read"]
    # a star the code's rows do not carry (a CTE, INSERT … SELECT): how the rows are read says nothing
    for text in ("WITH r AS (SELECT * FROM jobs) SELECT id FROM r", "INSERT INTO archive SELECT * FROM jobs"):
        assert run(rule, [q(lit(text), row_use=RowUse("whole", how="Job(…)"))]) == plain


def test_pg402_temporary_table_created_in_the_same_file() -> None:
    rule = NoSelectAll()
    create = q(lit("CREATE TEMP TABLE ingest (LIKE items INCLUDING DEFAULTS) ON COMMIT DROP"))
    copy = q(lit("INSERT INTO items SELECT * FROM ingest ON CONFLICT DO NOTHING"))
    assert run(rule, [create, copy]) == []
    assert run(rule, [copy]) == ["SELECT * fetches every column of the table"]


def test_pg105_pg106_pg403() -> None:
    assert run(NoTransactionOnPool(), [q(lit("BEGIN"), pool_shortcut=True, receiver="pool")])
    assert run(NoTransactionOnPool(), [q(lit("BEGIN"))]) == []
    assert run(NoFloatingQuery(), [q(lit("SELECT 1"), returns_promise=True, handled="floating")])
    assert run(NoFloatingQuery(), [q(lit("SELECT 1"), returns_promise=True, handled="awaited")]) == []
    loop = dict(loop=S, loop_kind="for-of")
    assert run(NoBatchInsertLoop(), [q(lit("INSERT INTO t VALUES ($1)"), seq(1), **loop)])
    assert run(NoBatchInsertLoop(), [q(lit("SELECT a FROM t WHERE id = $1"), seq(1), **loop)])
    assert run(NoBatchInsertLoop(), [q(lit("SELECT a FROM t"), None, **loop)]) == []
    assert run(NoBatchInsertLoop(), [q(lit("INSERT INTO t VALUES (1)"), None, loop=S, loop_paginates=True)]) == []
    # SQL text built elsewhere (a helper's multi-row INSERT per chunk): neither a write nor a read seen
    assert run(NoBatchInsertLoop(), [q(SqlShape("unknown", (), S), seq(1), **loop)]) == []


def test_pg301_pg302() -> None:
    def opt(v, **kw):
        return OptionValue(repr(v), True, v, S, **kw)

    bad = ConnectSite(S, "f", "pg", "new Pool()", (("ssl.rejectUnauthorized", opt(False)),
                                                   ("password", opt("hunter2"))))
    env = ConnectSite(S, "f", "pg", "new Pool()", (("password", OptionValue("process.env.PGPASSWORD", False, from_env=True)),))
    url = ConnectSite(S, "f", "asyncpg", "asyncpg.connect()",
                      conninfo=opt("postgresql://app:secret@db/app?sslmode=require"))
    placeholder = ConnectSite(S, "f", "pg", "new Pool()", conninfo=opt("postgresql://app:${PGPASSWORD}@db/app"))
    assert len(run(NoInsecureSsl(), connects=[bad, url])) == 2
    assert len(run(NoHardcodedCredentials(), connects=[bad, url])) == 2
    assert run(NoHardcodedCredentials(), connects=[env, placeholder]) == []
    assert run(NoInsecureSsl(), connects=[env, placeholder]) == []


def test_pg302_local_servers_and_one_finding_per_password() -> None:
    def opt(v, **kw):
        return OptionValue(repr(v), True, v, S, **kw)

    def pool(*options):
        return ConnectSite(S, "f", "pg", "new Pool()", tuple(options))

    password = ("password", opt("postgres"))
    rule = NoHardcodedCredentials()
    assert run(rule, connects=[pool(("host", opt("localhost")), password)]) == []
    assert run(rule, connects=[pool(("host", opt("/var/run/postgresql")), password)]) == []
    fallback = OptionValue("process.env.PGHOST || '127.0.0.1'", True, "127.0.0.1", S, from_env=True)
    assert run(rule, connects=[pool(("host", fallback), password)]) == []
    unknown = OptionValue("config.host", False, None, S)
    assert len(run(rule, connects=[pool(("host", unknown), password)])) == 1
    assert len(run(rule, connects=[pool(("host", opt("db.internal")), password)])) == 1
    assert len(run(rule, connects=[pool(password)])) == 1  # no host: PGHOST decides
    local_url = ConnectSite(S, "f", "pg", "new Client()", conninfo=opt("postgres://postgres:postgres@127.0.0.1/x"))
    assert run(rule, connects=[local_url]) == []
    # one options object spread into a Client and a Pool: the same password at the same place
    shared = (("host", opt("db.internal")), password)
    assert len(run(rule, connects=[pool(*shared), pool(*shared)])) == 1
