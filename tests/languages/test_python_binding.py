"""Binding in the Python frontend: which calls are acquisitions, seen through the lowered CFGs.

Precision matters as much as recall: objects from other packages (sqlite3,
redis, an unknown ``Pool``) and shadowed names must never become resources.
"""

from __future__ import annotations

import textwrap

from pglint.drivers import default_registry
from pglint.ir.cfg import AcquireInfo, Ev, FunctionCFG
from pglint.languages.base import ProjectIndex
from pglint.languages.python import PythonAdapter


def lower_files(files: dict[str, str]) -> dict[str, dict[str, FunctionCFG]]:
    adapter = PythonAdapter()
    registry = default_registry()
    parsed = {p: adapter.parse(p, textwrap.dedent(s).encode()) for p, s in files.items()}
    project = ProjectIndex({"python": adapter})
    for pf in parsed.values():
        project.add(adapter.index(pf, registry))
    return {p: {c.name: c for c in adapter.lower(pf, project, registry).functions}
            for p, pf in parsed.items()}


def acquires(src: str, fn: str = "f") -> list[tuple[str | None, str, str]]:
    cfg = lower_files({"/proj/mod.py": src})["/proj/mod.py"][fn]
    out = []
    for n in cfg.events(Ev.ACQUIRE):
        assert isinstance(n.info, AcquireInfo)
        out.append((n.var, n.info.driver, n.info.kind))
    return out


def test_driver_factories_through_every_import_style() -> None:
    src = """\
    import psycopg2
    import psycopg2.pool
    from psycopg2 import pool as pgpool
    from psycopg2.pool import ThreadedConnectionPool as TCP
    import psycopg as pg3
    from psycopg import AsyncConnection
    import asyncpg
    import aiopg

    a = psycopg2.pool.SimpleConnectionPool(1, 2, "")
    b = pgpool.ThreadedConnectionPool(1, 2, "")
    c = TCP(1, 2, "")

    async def f():
        c1 = a.getconn()
        c2 = b.getconn()
        c3 = c.getconn()
        c4 = psycopg2.connect("")
        c5 = pg3.connect("")
        c6 = await AsyncConnection.connect("")
        c7 = await asyncpg.connect("")
        c8 = await aiopg.connect("")
    """
    assert acquires(src) == [
        ("c1", "psycopg2", "pool-client"), ("c2", "psycopg2", "pool-client"),
        ("c3", "psycopg2", "pool-client"), ("c4", "psycopg2", "connection"),
        ("c5", "psycopg", "connection"), ("c6", "psycopg", "connection"),
        ("c7", "asyncpg", "connection"), ("c8", "aiopg", "connection"),
    ]


def test_pool_name_rebound_from_its_own_import() -> None:
    assert acquires("""\
    from psycopg2 import pool
    pool = pool.ThreadedConnectionPool(1, 2, "")
    def f():
        conn = pool.getconn()
    """) == [("conn", "psycopg2", "pool-client")]


def test_annotations_bind_parameters_and_globals() -> None:
    src = """\
    from typing import Optional
    import asyncpg
    from psycopg_pool import ConnectionPool, AsyncConnectionPool

    shared: Optional[ConnectionPool] = None

    async def f(a: asyncpg.Pool, b: "AsyncConnectionPool", c: "asyncpg.pool.Pool | None"):
        c1 = await a.acquire()
        c2 = await b.getconn()
        c3 = await c.acquire()
        c4 = shared.getconn()
    """
    assert acquires(src) == [
        ("c1", "asyncpg", "pool-client"), ("c2", "psycopg_pool", "pool-client"),
        ("c3", "asyncpg", "pool-client"), ("c4", "psycopg_pool", "pool-client"),
    ]


def test_self_fields_from_any_method_in_any_order() -> None:
    src = """\
    import asyncpg
    import psycopg2.pool

    class Repo:
        def uses_first(self):
            conn = self.pool.getconn()

        def __init__(self, dsn, apool: asyncpg.Pool):
            self.pool = psycopg2.pool.ThreadedConnectionPool(1, 2, dsn)
            self.apool = apool

        async def later(self):
            self.conn = await self.apool.acquire()
    """
    cfgs = lower_files({"/proj/mod.py": src})["/proj/mod.py"]
    (site,) = cfgs["Repo.uses_first"].events(Ev.ACQUIRE)
    assert site.var == "conn" and isinstance(site.info, AcquireInfo)
    assert site.info.driver == "psycopg2"
    (later,) = cfgs["Repo.later"].events(Ev.ACQUIRE)
    assert later.var == "self.conn"
    assert [n.label for n in cfgs["Repo.later"].events(Ev.ESCAPE)] == ["stored in self.conn"]


def test_global_assigned_at_startup() -> None:
    assert acquires("""\
    import asyncpg
    pool = None
    async def init():
        global pool
        pool = await asyncpg.create_pool("")
    async def f():
        conn = await pool.acquire()
    """) == [("conn", "asyncpg", "pool-client")]


def test_non_postgres_objects_are_never_resources() -> None:
    assert acquires("""\
    import sqlite3
    import redis
    import pymongo
    import amqp
    class Pool:
        def getconn(self):
            return 1
    def f(unknown, p: Pool):
        a = sqlite3.connect("x.db")
        b = redis.ConnectionPool().get_connection("GET")
        c = pymongo.MongoClient().db
        d = amqp.connect()
        e = Pool().getconn()
        g = p.getconn()
        h = unknown.getconn()
        i = unknown.acquire()
    """) == []


def test_local_names_shadow_module_pools() -> None:
    assert acquires("""\
    import psycopg2.pool
    pool = psycopg2.pool.ThreadedConnectionPool(1, 2, "")
    def f(pool):
        conn = pool.getconn()
    """) == []


def test_context_manager_only_method_is_not_an_acquisition_outside_with() -> None:
    assert acquires("""\
    from psycopg_pool import ConnectionPool
    cp = ConnectionPool("")
    def f():
        cm = cp.connection()
    """) == []


def test_wait_for_wrapped_acquisition() -> None:
    assert acquires("""\
    import asyncio, asyncpg
    async def f(p: asyncpg.Pool):
        conn = await asyncio.wait_for(p.acquire(), timeout=3)
    """) == [("conn", "asyncpg", "pool-client")]


def test_pools_imported_from_project_modules() -> None:
    files = {
        "/proj/app/__init__.py": "",
        "/proj/app/db.py": """\
            import psycopg2.pool
            pool = psycopg2.pool.ThreadedConnectionPool(1, 2, "")
            """,
        "/proj/app/service.py": """\
            import app.db
            import app.db as appdb
            from . import db
            from .db import pool
            from app.db import pool as p2

            def f():
                c1 = pool.getconn()
                c2 = app.db.pool.getconn()
                c3 = appdb.pool.getconn()
                c4 = db.pool.getconn()
                c5 = p2.getconn()
            """,
    }
    cfg = lower_files(files)["/proj/app/service.py"]["f"]
    assert [n.var for n in cfg.events(Ev.ACQUIRE)] == ["c1", "c2", "c3", "c4", "c5"]


def test_unknown_project_module_names_are_not_resources() -> None:
    files = {
        "/proj/app/db.py": "pool = make_pool()\n",
        "/proj/app/service.py": "from .db import pool\ndef f():\n    conn = pool.getconn()\n",
    }
    assert list(lower_files(files)["/proj/app/service.py"]["f"].events(Ev.ACQUIRE)) == []


def test_cursor_derived_from_a_connection_maps_events_back() -> None:
    cfg = lower_files({"/proj/mod.py": """\
    import psycopg2
    def f():
        conn = psycopg2.connect("")
        with conn.cursor() as cur:
            cur.execute("BEGIN")
            cur.execute("COMMIT")
        c2 = conn.cursor()
        c2.execute("ROLLBACK")
    """})["/proj/mod.py"]["f"]
    assert [(n.kind.value, n.var) for n in cfg.nodes
            if n.kind in (Ev.BEGIN, Ev.COMMIT, Ev.ROLLBACK)] == [
        ("begin", "conn"), ("commit", "conn"), ("rollback", "conn")]


def test_sql_constants_are_resolved() -> None:
    cfg = lower_files({"/proj/mod.py": """\
    import psycopg
    START = "START TRANSACTION"
    def f():
        conn = psycopg.connect("")
        conn.execute(START)
        conn.execute("ROLLBACK TO SAVEPOINT a")
        conn.execute("SELECT 1")
    """})["/proj/mod.py"]["f"]
    assert [n.kind.value for n in cfg.nodes if n.var == "conn" and n.kind is not Ev.ACQUIRE] == [
        "begin", "use", "use"]


def test_benign_builtins_and_driver_helpers_only_use() -> None:
    cfg = lower_files({"/proj/mod.py": """\
    import psycopg2, psycopg2.extras
    def f():
        conn = psycopg2.connect("")
        print(conn)
        cur = conn.cursor()
        psycopg2.extras.execute_values(cur, "INSERT INTO t VALUES %s", [(1,)])
        keep(cur)
    """})["/proj/mod.py"]["f"]
    assert list(cfg.events(Ev.ESCAPE)) == []
    assert [n.label for n in cfg.events(Ev.USE)] == [
        "print", "conn.cursor", "psycopg2.extras.execute_values", "keep"]
