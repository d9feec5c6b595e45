"""Query and connection sites of the Python frontend (``languages/python/queries.py``).

Each test lowers a small module and looks at the :class:`~pglint.ir.query.QuerySite`
/ :class:`~pglint.ir.query.ConnectSite` records the SQL rules read: the SQL
shape (literal parts and holes, each hole constant or not), the parameters,
how a coroutine is handled, and the loop a query runs in.
"""

from __future__ import annotations

import textwrap

from pglint.drivers import default_registry
from pglint.ir.query import ConnectSite, Hole, QuerySite, SqlShape
from pglint.languages.base import LoweredFile, ProjectIndex
from pglint.languages.python import PythonAdapter


def lower(src: str, path: str = "/proj/mod.py") -> LoweredFile:
    adapter = PythonAdapter()
    registry = default_registry()
    parsed = adapter.parse(path, textwrap.dedent(src).encode())
    project = ProjectIndex({"python": adapter})
    project.add(adapter.index(parsed, registry))
    return adapter.lower(parsed, project, registry)


def queries(src: str) -> list[QuerySite]:
    return lower(src).queries


def only(src: str) -> QuerySite:
    found = queries(src)
    assert len(found) == 1, found
    return found[0]


def shape(src: str) -> SqlShape:
    q = only(src)
    assert q.sql is not None
    return q.sql


def layout(s: SqlShape) -> list[str]:
    """Parts as text: literals as written, holes as ``{source:safe|unsafe}``."""
    return [p if isinstance(p, str) else "{%s:%s}" % (p.source, "safe" if p.constant else "unsafe")
            for p in s.parts]


# -- which calls are query sites --------------------------------------------------------------


def test_driver_query_methods_on_every_driver() -> None:
    src = """\
    import asyncpg, aiopg, psycopg, psycopg2, psycopg_pool
    from psycopg2.extras import execute_values

    def a(dsn):
        conn = psycopg2.connect(dsn)
        cur = conn.cursor()
        cur.execute("SELECT 1")
        cur.executemany("INSERT INTO t VALUES (%s)", [(1,)])
        cur.copy_expert("COPY t FROM STDIN", None)
        execute_values(cur, "INSERT INTO t VALUES %s", [(1,)])

    def b(conn: psycopg.Connection, pool: psycopg_pool.ConnectionPool):
        conn.execute("SELECT 2")
        with conn.cursor() as cur:
            cur.execute("SELECT 3")
            with cur.copy("COPY t FROM STDIN") as copy:
                pass
        with pool.connection() as pc:
            pc.execute("SELECT 4")

    async def c(pool: asyncpg.Pool, apool: aiopg.Pool):
        await pool.fetch("SELECT 5")
        async with pool.acquire() as conn:
            await conn.fetchrow("SELECT 6")
            await conn.copy_records_to_table("t", records=[])
        async with apool.acquire() as ac:
            async with ac.cursor() as cur:
                await cur.execute("SELECT 7")
    """
    got = [(q.driver, q.receiver, q.method, q.pool_shortcut, q.style) for q in queries(src)]
    assert got == [
        ("psycopg2", "cursor", "execute", False, "pyformat"),
        ("psycopg2", "cursor", "executemany", False, "pyformat"),
        ("psycopg2", "cursor", "copy_expert", False, "pyformat"),
        ("psycopg2", "cursor", "execute_values", False, "pyformat"),
        ("psycopg", "connection", "execute", False, "pyformat"),
        ("psycopg", "cursor", "execute", False, "pyformat"),
        ("psycopg", "cursor", "copy", False, "pyformat"),
        ("psycopg_pool", "pool-client", "execute", False, "pyformat"),
        ("asyncpg", "pool", "fetch", True, "dollar"),
        ("asyncpg", "pool-client", "fetchrow", False, "dollar"),
        ("asyncpg", "pool-client", "copy_records_to_table", False, "dollar"),
        ("aiopg", "cursor", "execute", False, "pyformat"),
    ]
    copy_table = [q for q in queries(src) if q.method == "copy_records_to_table"][0]
    assert copy_table.sql is None  # its first argument is a table name, not SQL


def test_psycopg3_binds_on_the_server_unless_the_file_uses_client_cursors() -> None:
    src = """\
    import psycopg
    def f(conn: psycopg.Connection):
        conn.execute("SET x = %s", (1,))
    """
    assert only(src).server_side_binding
    assert not only("from psycopg import ClientCursor\n" + textwrap.dedent(src)).server_side_binding


def test_unknown_receivers_in_a_driver_file() -> None:
    src = """\
    import psycopg2
    def f(cur, x):
        cur.execute("SELECT %s", (x,))
    def g(self_made):
        self_made.executemany("INSERT INTO t VALUES (%s)", [])
    class Repo:
        def execute(self, q):
            return q
        def run(self):
            self.execute("SELECT 1")  # a method of the class, not a cursor
    """
    got = [(q.function, q.driver, q.receiver, q.method) for q in queries(src)]
    assert got == [("f", "psycopg2", "unknown", "execute"), ("g", "psycopg2", "unknown", "executemany")]


def test_unknown_receivers_are_not_taken_for_cursors_next_to_other_databases() -> None:
    src = """\
    import sqlite3
    import psycopg2
    def f(cur):
        cur.execute("SELECT ?", (1,))
    """
    assert queries(src) == []


def test_asyncpg_style_for_awaited_unknown_receivers() -> None:
    src = """\
    import asyncpg
    async def f(conn, x):
        return await conn.fetchrow("SELECT $1", x)
    """
    q = only(src)
    assert (q.driver, q.style, q.returns_promise) == ("asyncpg", "dollar", False)


def test_text_only_calls_are_not_queries() -> None:
    src = """\
    import psycopg2
    from psycopg2 import sql
    def f(cur, conn: psycopg2.extensions.connection):
        text = cur.mogrify("SELECT %s", (1,))
        q = sql.SQL("SELECT {}").format(sql.Identifier("a")).as_string(conn)
        return text, q
    """
    assert queries(src) == []


# -- shapes ---------------------------------------------------------------------------------


def test_literal_and_implicit_concatenation() -> None:
    s = shape("""\
    import psycopg2
    def f(cur):
        cur.execute("SELECT id "
                    "FROM users")
    """)
    assert (s.form, s.text) == ("literal", "SELECT id FROM users")


def test_fstring_holes_know_constants() -> None:
    s = shape("""\
    import psycopg2
    TABLE = "users"
    def f(cur, name, n):
        cur.execute(f"SELECT {n:d} FROM {TABLE} WHERE name = '{name}'")
    """)
    assert s.form == "fstring"
    assert layout(s) == ["SELECT ", "{n:safe}", " FROM users WHERE name = '", "{name:unsafe}", "'"]


def test_concatenation_and_augmented_accumulation() -> None:
    s = shape("""\
    import psycopg2
    def f(cur, status):
        q = "SELECT id FROM t"
        q += " WHERE status = '" + status + "'"
        cur.execute(q)
    """)
    assert layout(s) == ["SELECT id FROM t WHERE status = '", "{status:unsafe}", "'"]


def test_branches_merge_into_an_incomplete_text() -> None:
    s = shape("""\
    import psycopg2
    def f(cur, x, name):
        q = "SELECT id FROM t"
        if x:
            q += " WHERE a = %s"
        else:
            q += f" WHERE b = '{name}'"
        cur.execute(q, (x,))
    """)
    assert s.text is None  # which branch ran is unknown
    assert s.parts[0] == "SELECT id FROM t WHERE "
    assert [h.source for h in s.unsafe_holes] == ["name"]


def test_percent_and_format_map_holes_to_arguments() -> None:
    percent = shape("""\
    import psycopg2
    def f(cur, n, t):
        cur.execute("SELECT * FROM %s LIMIT %d" % (t, n))
    """)
    assert (percent.form, layout(percent)) == ("percent", ["SELECT * FROM ", "{t:unsafe}", " LIMIT ", "{n:safe}"])
    fmt = shape("""\
    import psycopg2
    def f(cur, col):
        cur.execute("SELECT {c} FROM t WHERE x LIKE '100%%'".format(c=col))
    """)
    assert (fmt.form, layout(fmt)) == ("format", ["SELECT ", "{col:unsafe}", " FROM t WHERE x LIKE '100%%'"])


def test_parameter_as_the_whole_query_is_unknown_not_unsafe() -> None:
    s = shape("""\
    import psycopg2
    def f(cur, query):
        cur.execute(query)
    """)
    assert s.form == "unknown"
    assert s.unsafe_holes == ()


def test_helper_function_with_arguments_bound() -> None:
    src = """\
    import psycopg2
    def build(table, where="true"):
        return f"SELECT id FROM {table} WHERE {where}"
    def f(cur, t):
        cur.execute(build("users"))
        cur.execute(build(t))
    """
    a, b = queries(src)
    assert a.sql is not None and a.sql.text == "SELECT id FROM users WHERE true"
    assert b.sql is not None and [h.source for h in b.sql.unsafe_holes] == ["t"]


def test_psycopg_sql_composition() -> None:
    s = shape("""\
    import psycopg
    from psycopg import sql
    def f(conn: psycopg.Connection, table, value):
        conn.execute(sql.SQL("SELECT {} FROM {} WHERE a = {} AND b = {}").format(
            sql.Identifier("id"), sql.Identifier(table), sql.Literal(value), sql.Placeholder()), (1,))
    """)
    assert s.form == "composed"
    assert s.unsafe_holes == ()
    kinds = [(p.kind, p.value) for p in s.parts if isinstance(p, Hole)]
    assert kinds == [("identifier", '"id"'), ("identifier", None), ("literal", None), ("placeholder", "%s")]


def test_sql_sql_of_an_fstring_keeps_its_unsafe_hole() -> None:
    s = shape("""\
    import psycopg2
    from psycopg2 import sql
    def f(cur, col):
        cur.execute(sql.SQL(f"SELECT {col} FROM t"))
    """)
    assert s.form == "composed" and [h.source for h in s.unsafe_holes] == ["col"]


def test_safe_joins_mappings_and_loop_constants() -> None:
    src = """\
    import psycopg2
    ORDER = {"new": "created DESC", "name": "name"}
    def f(cur, ids, key):
        marks = ", ".join(["%s"] * len(ids))
        cur.execute(f"SELECT 1 FROM t WHERE id IN ({marks}) ORDER BY {ORDER[key]}", ids)
        for col in ("a", "b"):
            cur.execute(f"SELECT {col} FROM t")
        conds = []
        if key:
            conds.append("k = %s")
        cur.execute("SELECT 1 FROM t WHERE " + " AND ".join(conds), [key])
    """
    for q in queries(src):
        assert q.sql is not None and q.sql.unsafe_holes == (), q.sql


def test_class_constants() -> None:
    s = shape("""\
    import psycopg2
    class Repo:
        TABLE = "users"
        def count(self, cur):
            cur.execute(f"SELECT count(*) FROM {self.TABLE}")
    """)
    assert s.text == "SELECT count(*) FROM users"


# -- parameters -----------------------------------------------------------------------------


def test_params_kinds() -> None:
    src = """\
    import asyncpg, psycopg2
    def f(cur, a, rows):
        cur.execute("SELECT 1", (a, 1))
        cur.execute("SELECT 1", {"x": a, "y": 2})
        cur.execute("SELECT 1", "scalar")
        cur.execute("SELECT 1")
        cur.execute("SELECT 1", None)
        p = [a, a, a]
        cur.execute("SELECT 1", p)
        cur.execute("SELECT 1", rows)
    async def g(conn: asyncpg.Connection, *args):
        await conn.fetch("SELECT 1", 1, 2)
        await conn.fetch("SELECT 1", *args)
    """
    got = []
    for q in queries(src):
        p = q.params
        got.append(None if p is None else (p.kind, p.count, sorted(p.names) if p.names is not None else None))
    assert got == [
        ("sequence", 2, None), ("mapping", None, ["x", "y"]), ("scalar", None, None), None, None,
        ("sequence", 3, None), ("unknown", None, None), ("sequence", 2, None), ("varargs", None, None),
    ]


def test_mutated_params_are_unknown() -> None:
    q = only("""\
    import psycopg2
    def f(cur, extra):
        params = [1]
        if extra:
            params.append(extra)
        cur.execute("SELECT %s", params)
    """)
    assert q.params is not None and q.params.kind == "unknown"


# -- handled ----------------------------------------------------------------------------------


def test_handled_forms_of_async_queries() -> None:
    src = """\
    import asyncio, asyncpg
    async def f(conn: asyncpg.Connection):
        await conn.execute("a")
        conn.execute("b")
        pending = conn.fetch("c")
        forgotten = conn.fetch("d")
        await asyncio.gather(conn.fetch("e"), pending)
        return conn.fetchval("f")
    """
    got = [(q.sql.text if q.sql else None, q.handled) for q in queries(src)]
    assert got == [("a", "awaited"), ("b", "floating"), ("c", "stored"), ("d", "floating"),
                   ("e", "passed"), ("f", "returned")]
    assert all(q.returns_promise for q in queries(src))


def test_sync_queries_are_not_promises() -> None:
    q = only("""\
    import psycopg
    def f(conn: psycopg.Connection):
        conn.execute("SELECT 1")
    """)
    assert (q.returns_promise, q.handled) == (False, "sync")


# -- loops ------------------------------------------------------------------------------------


def test_loop_of_a_query() -> None:
    src = """\
    import psycopg2
    def f(cur, rows):
        for r in rows:
            cur.execute("INSERT INTO t VALUES (%s)", (r,))
            if r:
                cur.execute("UPDATE t SET a = 1")
        [cur.execute("DELETE FROM t WHERE id = %s", (r,)) for r in rows]
        for name in ("a", "b"):
            cur.execute("TRUNCATE a")
        cur.execute("SELECT 1")
    """
    got = [(q.loop is not None, q.loop_kind) for q in queries(src)]
    assert got == [(True, "for"), (False, ""), (True, "comprehension"), (False, ""), (False, "")]


def test_pagination_loops() -> None:
    src = """\
    import asyncpg
    async def keyset(conn: asyncpg.Connection):
        last = 0
        while True:
            rows = await conn.fetch("SELECT id FROM t WHERE id > $1 LIMIT 10", last)
            if not rows:
                break
            last = rows[-1]["id"]
    async def not_paging(conn: asyncpg.Connection, items):
        for item in items:
            item.owner = await conn.fetchrow("SELECT name FROM u WHERE id = $1", item.owner_id)
    """
    a, b = queries(src)
    assert a.loop is not None and a.loop_kind == "while" and a.loop_paginates
    assert b.loop is not None and not b.loop_paginates


# -- connection sites -------------------------------------------------------------------------


def connects(src: str) -> list[ConnectSite]:
    return lower(src).connects


def test_connect_sites_options_and_conninfo() -> None:
    src = """\
    import os, ssl
    import asyncpg, psycopg2, psycopg_pool
    PASSWORD = "pw"
    ctx = ssl.create_default_context()
    ctx.verify_mode = ssl.CERT_NONE
    conn = psycopg2.connect("host=db sslmode=require", password=PASSWORD)
    pool = psycopg_pool.ConnectionPool(conninfo=os.environ["DSN"], kwargs={"sslmode": "disable"})
    async def f(host):
        return await asyncpg.connect(f"postgresql://u@{host}/db", ssl=ctx, password=os.getenv("PW"))
    """
    a, b, c = connects(src)
    assert a.api == "psycopg2.connect()" and a.conninfo is not None and a.conninfo.value == "host=db sslmode=require"
    assert [(k, o.value) for k, o in a.options] == [("password", "pw")]
    assert b.conninfo is not None and b.conninfo.from_env
    assert [(k, o.value) for k, o in b.options] == [("sslmode", "disable")]
    opts = dict(c.options)
    assert opts["ssl"].value == "CERT_NONE"
    assert opts["password"].from_env and not opts["password"].constant
    assert c.conninfo is not None and c.conninfo.value == "postgresql://u@${pglint}/db"


def test_branch_merge_never_cuts_a_placeholder() -> None:
    q = only("""\
    import psycopg2
    def f(cur, pattern):
        if "(" in pattern:
            sql = "SELECT %(pattern)s::regprocedure::oid"
        else:
            sql = "SELECT %(pattern)s::regproc::oid"
        cur.execute(sql, {"pattern": pattern})
    """)
    assert q.sql is not None and q.sql.parts[0] == "SELECT "


def test_unknown_receivers_only_for_sql_text() -> None:
    src = """\
    import psycopg2
    def f(client, cur, uid, query):
        client.execute(f"query {{ user(id: {uid}) {{ name }} }}")
        cur.execute(f"  -- fetch\\n DELETE FROM t WHERE id = {uid}")
        cur.execute(query)
    """
    assert [q.sql.form if q.sql else None for q in queries(src)] == ["fstring", "unknown"]


def test_string_constants_imported_from_project_modules() -> None:
    adapter = PythonAdapter()
    registry = default_registry()
    files = {
        "/proj/app/sql.py": 'LIST_USERS = "SELECT * FROM users"\n',
        "/proj/app/__init__.py": "from .sql import LIST_USERS\n",
        "/proj/app/repo.py": textwrap.dedent("""\
            import psycopg2
            from .sql import LIST_USERS
            from app import LIST_USERS as AGAIN
            def f(cur):
                cur.execute(LIST_USERS)
                cur.execute(AGAIN)
            """),
    }
    project = ProjectIndex({"python": adapter})
    parsed = {p: adapter.parse(p, s.encode()) for p, s in files.items()}
    for pf in parsed.values():
        project.add(adapter.index(pf, registry))
    found = adapter.lower(parsed["/proj/app/repo.py"], project, registry).queries
    assert [q.sql.text if q.sql else None for q in found] == ["SELECT * FROM users"] * 2


def test_origins_of_holes() -> None:
    sh = shape("""
        import os
        import psycopg
        from flask import request

        class Store:
            def f(self, conn: psycopg.Connection, opts, n: int):
                local = opts.get("name").strip()
                conn.execute(f"SELECT a FROM t WHERE a = '{self.schema}' AND b = '{os.environ['X']}' "
                             f"AND c = '{request.args['c']}' AND d = '{opts.d}' AND e = '{compute()}' "
                             f"AND f = '{local}' AND g = {n}")
    """)
    unsafe = [(h.source, h.origin) for h in sh.holes if not h.constant]
    assert unsafe == [("self.schema", "config"), ("os.environ['X']", "config"), ("request.args['c']", "external"),
                      ("opts.d", "param"), ("compute()", "unknown"), ("local", "param")]
    assert [h.constant for h in sh.holes if h.source == "n"] == [True]  # typed int


def test_parameters_of_pytest_tests_are_test_inputs() -> None:
    sh = shape("""
        import psycopg

        def test_scheduling(conn: psycopg.Connection, setting):
            conn.execute(f"SET ai.scheduling_default = '{setting}'")
    """)
    assert [(h.source, h.origin) for h in sh.holes] == [("setting", "config")]


def test_parameter_used_as_range_bound_is_a_number() -> None:
    sh = shape("""
        import psycopg2

        def make_partitions(cur, count):
            for i in range(count):
                pass
            cur.execute("SELECT {m}".format(m=count))
    """)
    assert [h.constant for h in sh.holes] == [True]


def test_module_level_value_from_the_environment_is_configuration() -> None:
    sh = shape("""
        import os
        import psycopg

        WORK_MEM = os.environ.get("PG_WORK_MEM", "64MB")

        def configure(conn: psycopg.Connection):
            conn.execute(f"SET work_mem = '{WORK_MEM}'")
    """)
    assert [(h.source, h.origin) for h in sh.holes] == [("WORK_MEM", "config")]


# -- how the rows of a query are read (PG402) ------------------------------------------------------

ROW_USE_HEAD = """
import asyncpg
import psycopg
from fastapi import FastAPI

app = FastAPI()
"""


def row_use(body: str) -> tuple[str, tuple[str, ...], str]:
    q = only(ROW_USE_HEAD + textwrap.dedent(body))
    assert q.row_use is not None
    return q.row_use.kind, q.row_use.columns, q.row_use.how


def test_row_use_whole_rows() -> None:
    assert row_use("""
        async def get(pool: asyncpg.Pool, id):
            record = await pool.fetchrow("SELECT * FROM timers WHERE id = $1", id)
            return Timer(record=record) if record else None
        """) == ("whole", (), "Timer(…)")
    assert row_use("""
        async def todos(pool: asyncpg.Pool, user):
            return [Todo.from_record(r) for r in await pool.fetch("SELECT * FROM todo WHERE owner = $1", user)]
        """)[0] == "whole"
    assert row_use("""
        async def load(conn: psycopg.AsyncConnection):
            async with conn.cursor() as cur:
                await cur.execute("SELECT * FROM facts")
                return [Fact(**row) for row in await cur.fetchall()]
        """)[:2] == ("whole", ())
    assert row_use("""
        def api(conn: psycopg.Connection):
            cur = conn.cursor()
            cur.execute("SELECT * FROM jobs")
            rows = cur.fetchall()
            if not rows:
                return "[]"
            return json.dumps([dict(r) for r in rows])
        """)[0] == "whole"
    assert row_use("""
        @app.get("/status")
        async def status(conn: psycopg.AsyncConnection):
            cur = await conn.execute("SELECT * FROM vectorizer_status")
            return await cur.fetchall()
        """) == ("whole", (), "returned by a web route")
    assert row_use("""
        def sample(conn: psycopg.Connection):
            cur = conn.cursor()
            cur.execute("SELECT * FROM items LIMIT 3")
            return [", ".join(str(v) for v in row) for row in cur.fetchall()]
        """)[0] == "whole"


def test_row_use_probe_and_columns() -> None:
    assert row_use("""
        def initialised(cur: psycopg.Cursor):
            cur.execute("SELECT * FROM schema_version LIMIT 1")
            return [d[0] for d in cur.description]
        """)[0] == "probe"
    assert row_use("""
        async def exists(pool: asyncpg.Pool, id):
            row = await pool.fetchrow("SELECT * FROM bans WHERE user_id = $1 LIMIT 1", id)
            return row is not None
        """)[0] == "probe"
    assert row_use("""
        async def show(pool: asyncpg.Pool, id):
            row = await pool.fetchrow("SELECT * FROM tags WHERE id = $1", id)
            if row is None:
                return None
            return f"{row['name']} by {row.get('owner_id')}"
        """)[:2] == ("columns", ("name", "owner_id"))
    # a row passed to a function of the same file: that function's reads
    assert row_use("""
        class Tags:
            async def info(self, pool: asyncpg.Pool, id):
                row = await pool.fetchrow("SELECT * FROM tags WHERE id = $1", id)
                await self.render(row)

            async def render(self, record):
                return record["name"], record["uses"]
        """)[:2] == ("columns", ("name", "uses"))


def test_row_use_unknown() -> None:
    # returned from an ordinary function, passed to a function of another module, read by position
    for body in ("""
        async def get(pool: asyncpg.Pool, id):
            return await pool.fetchrow("SELECT * FROM users WHERE id = $1", id)
        """, """
        async def get(pool: asyncpg.Pool, id):
            row = await pool.fetchrow("SELECT * FROM users WHERE id = $1", id)
            send(row)
        """, """
        async def get(pool: asyncpg.Pool, id):
            row = await pool.fetchrow("SELECT * FROM users WHERE id = $1", id)
            return row[0], row["name"]
        """, """
        def get(cur: psycopg.Cursor):
            cur.execute("SELECT * FROM users")
        """):
        assert row_use(body)[0] == "unknown", body
