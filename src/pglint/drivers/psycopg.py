"""Driver models for psycopg 3 (``psycopg``) and ``psycopg_pool``.

``psycopg.connect()`` / ``await psycopg.AsyncConnection.connect()`` return a
connection; ``with``/``async with`` on it **closes** it. ``psycopg_pool``'s
``pool.connection()`` is the safe context manager; ``getconn()`` must be paired
with ``putconn(conn)`` (awaited on the async pools, where an un-awaited
``putconn`` does nothing), and ``with pool.getconn() as conn:`` leaks. The pool
rolls back a connection returned inside a transaction; returning it twice raises
``ValueError`` (``../shared/reference/drivers.md`` §2 and §3).
"""

from __future__ import annotations

from .model import DriverModel, Factory, KindInfo, Method

_SYNC_POOLS = ("ConnectionPool", "NullConnectionPool")
_ASYNC_POOLS = ("AsyncConnectionPool", "AsyncNullConnectionPool")

PSYCOPG = DriverModel(
    name="psycopg",
    language="python",
    modules=("psycopg",),
    kinds={
        "connection": KindInfo("connection", "connection", "conn.close()", with_behaviour="releases"),
        "async-connection": KindInfo("connection", "connection", "await conn.close()",
                                     with_behaviour="releases"),
    },
    factories=(
        Factory("psycopg.connect", "connection", context="releases"),
        Factory("psycopg.Connection.connect", "connection", context="releases"),
        Factory("psycopg.AsyncConnection.connect", "async-connection", awaited=True,
                context="releases"),
    ),
    methods=(
        Method("connection", "close", "close"),
        Method("connection", "execute", "query"),
        Method("connection", "commit", "commit"),
        Method("connection", "rollback", "rollback"),
        Method("async-connection", "close", "close", awaited=True, requires_await=True),
        Method("async-connection", "execute", "query", awaited=True),
        Method("async-connection", "commit", "commit", awaited=True),
        Method("async-connection", "rollback", "rollback", awaited=True),
    ),
    types={
        "psycopg.Connection": "connection",
        "psycopg.AsyncConnection": "async-connection",
    },
    pool_resets_transaction=True,
    double_release_raises=False,
    safe_forms={"connection": "use `with psycopg.connect(...) as conn:` (it closes the connection)"},
    docs="psycopg 3: `with conn` closes the connection",
)

PSYCOPG_POOL = DriverModel(
    name="psycopg_pool",
    language="python",
    modules=("psycopg_pool",),
    kinds={
        "pool": KindInfo("pool", "pool", "pool.close()"),
        "async-pool": KindInfo("pool", "pool", "await pool.close()"),
        "pool-client": KindInfo("pool-client", "connection", "pool.putconn(conn)",
                                with_behaviour="no-release"),
        "async-pool-client": KindInfo("pool-client", "connection", "await pool.putconn(conn)",
                                      with_behaviour="no-release"),
    },
    factories=(
        *(Factory(f"psycopg_pool.{cls}", "pool", context="none") for cls in _SYNC_POOLS),
        *(Factory(f"psycopg_pool.{cls}", "async-pool", context="none") for cls in _ASYNC_POOLS),
    ),
    methods=(
        Method("pool", "connection", "acquire", produces="pool-client", context="releases"),
        Method("pool", "getconn", "acquire", produces="pool-client", context="no-release"),
        Method("pool", "putconn", "release", arg=0),
        Method("async-pool", "connection", "acquire", produces="async-pool-client",
               context="releases"),
        Method("async-pool", "getconn", "acquire", produces="async-pool-client", awaited=True,
               context="no-release"),
        Method("async-pool", "putconn", "release", arg=0, awaited=True, requires_await=True),
        Method("pool-client", "execute", "query"),
        Method("pool-client", "commit", "commit"),
        Method("pool-client", "rollback", "rollback"),
        Method("async-pool-client", "execute", "query", awaited=True),
        Method("async-pool-client", "commit", "commit", awaited=True),
        Method("async-pool-client", "rollback", "rollback", awaited=True),
    ),
    types={
        **{f"psycopg_pool.{cls}": "pool" for cls in _SYNC_POOLS},
        **{f"psycopg_pool.{cls}": "async-pool" for cls in _ASYNC_POOLS},
    },
    pool_resets_transaction=True,
    double_release_raises=True,
    safe_forms={"pool-client": "use `with pool.connection() as conn:`"},
    docs="psycopg_pool: putconn rolls back an open transaction; double putconn raises ValueError",
)

MODELS = (PSYCOPG, PSYCOPG_POOL)
