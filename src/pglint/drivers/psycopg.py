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

# ConnectionInfo (`conn.info`) and the adapters map (`conn.adapters`) are client-side state
_LOCAL_ATTRIBUTES = ("info", "adapters")
_SYNC_POOLS = ("ConnectionPool", "NullConnectionPool")
_ASYNC_POOLS = ("AsyncConnectionPool", "AsyncNullConnectionPool")

# conn.cursor() and the cursor's queries (default cursors bind parameters on the server;
# a file that uses ClientCursor is treated as client-side binding by the frontend)
_CURSOR_METHODS = (
    Method("connection", "cursor", "use", produces="cursor", may_raise=False),
    Method("pool-client", "cursor", "use", produces="cursor", may_raise=False),
    Method("async-connection", "cursor", "use", produces="async-cursor", may_raise=False),
    Method("async-pool-client", "cursor", "use", produces="async-cursor", may_raise=False),
    Method("cursor", "execute", "query", server_binding=True),
    Method("cursor", "executemany", "query", params="many", server_binding=True),
    Method("cursor", "stream", "query", server_binding=True),
    Method("cursor", "copy", "query", server_binding=True),
    Method("async-cursor", "execute", "query", awaited=True, server_binding=True),
    Method("async-cursor", "executemany", "query", params="many", awaited=True, server_binding=True),
    Method("async-cursor", "stream", "query", server_binding=True),
    Method("async-cursor", "copy", "query", server_binding=True),
)

PSYCOPG = DriverModel(
    name="psycopg",
    language="python",
    modules=("psycopg",),
    kinds={
        "connection": KindInfo("connection", "connection", "conn.close()", with_behaviour="releases",
                               local_attributes=_LOCAL_ATTRIBUTES),
        "async-connection": KindInfo("connection", "connection", "await conn.close()",
                                     with_behaviour="releases", local_attributes=_LOCAL_ATTRIBUTES),
        "cursor": KindInfo("other", "cursor", "cur.close()"),
        "async-cursor": KindInfo("other", "cursor", "await cur.close()"),
    },
    factories=(
        Factory("psycopg.connect", "connection", context="releases", conninfo_arg=0,
                conninfo_keyword="conninfo"),
        Factory("psycopg.Connection.connect", "connection", context="releases", conninfo_arg=0,
                conninfo_keyword="conninfo"),
        Factory("psycopg.AsyncConnection.connect", "async-connection", awaited=True,
                context="releases", conninfo_arg=0, conninfo_keyword="conninfo"),
    ),
    methods=(
        Method("connection", "close", "close"),
        Method("connection", "execute", "query", server_binding=True),
        Method("connection", "commit", "commit"),
        Method("connection", "rollback", "rollback"),
        Method("async-connection", "close", "close", awaited=True, requires_await=True),
        Method("async-connection", "execute", "query", awaited=True, server_binding=True),
        Method("async-connection", "commit", "commit", awaited=True),
        Method("async-connection", "rollback", "rollback", awaited=True),
        *_CURSOR_METHODS,
    ),
    placeholder_style="pyformat",
    types={
        "psycopg.Connection": "connection",
        "psycopg.AsyncConnection": "async-connection",
        "psycopg.Cursor": "cursor",
        "psycopg.ServerCursor": "cursor",
        "psycopg.AsyncCursor": "async-cursor",
        "psycopg.AsyncServerCursor": "async-cursor",
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
        "cursor": KindInfo("other", "cursor", "cur.close()"),
        "async-cursor": KindInfo("other", "cursor", "await cur.close()"),
    },
    factories=(
        *(Factory(f"psycopg_pool.{cls}", "pool", context="none", conninfo_arg=0,
                  conninfo_keyword="conninfo", options_keyword="kwargs") for cls in _SYNC_POOLS),
        *(Factory(f"psycopg_pool.{cls}", "async-pool", context="none", conninfo_arg=0,
                  conninfo_keyword="conninfo", options_keyword="kwargs") for cls in _ASYNC_POOLS),
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
        Method("pool-client", "execute", "query", server_binding=True),
        Method("pool-client", "commit", "commit"),
        Method("pool-client", "rollback", "rollback"),
        Method("async-pool-client", "execute", "query", awaited=True, server_binding=True),
        Method("async-pool-client", "commit", "commit", awaited=True),
        Method("async-pool-client", "rollback", "rollback", awaited=True),
        *_CURSOR_METHODS,
    ),
    placeholder_style="pyformat",
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
