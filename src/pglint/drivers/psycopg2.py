"""Driver model for psycopg2 and ``psycopg2.pool``.

``psycopg2.connect()`` returns a connection that must be ``close()``d;
``with conn:`` only commits or rolls back and does **not** close it. Pools
(``SimpleConnectionPool``, ``ThreadedConnectionPool``) hand out connections with
``getconn()`` and take them back with ``putconn(conn)``; they have no context
manager, so ``with pool.getconn() as conn:`` leaks. ``putconn`` rolls back an
open transaction; a second ``putconn`` raises ``PoolError``
(``../shared/reference/drivers.md`` §1).
"""

from __future__ import annotations

from .model import DriverModel, Factory, KindInfo, Method, QueryFunction

_POOLS = ("SimpleConnectionPool", "ThreadedConnectionPool", "AbstractConnectionPool",
          "PersistentConnectionPool")

PSYCOPG2 = DriverModel(
    name="psycopg2",
    language="python",
    modules=("psycopg2",),
    kinds={
        "pool": KindInfo("pool", "pool", "pool.closeall()"),
        "pool-client": KindInfo("pool-client", "connection", "pool.putconn(conn)",
                                with_behaviour="no-release"),
        "connection": KindInfo("connection", "connection", "conn.close()",
                               with_behaviour="no-release"),
        "cursor": KindInfo("other", "cursor", "cur.close()"),
    },
    factories=(
        Factory("psycopg2.connect", "connection", context="no-release", conninfo_arg=0,
                conninfo_keyword="dsn"),
        # SimpleConnectionPool(minconn, maxconn, *args, **kwargs): args/kwargs go to connect()
        *(Factory(f"psycopg2.pool.{cls}", "pool", conninfo_arg=2, conninfo_keyword="dsn")
          for cls in _POOLS),
    ),
    methods=(
        Method("pool", "getconn", "acquire", produces="pool-client", context="no-release"),
        Method("pool", "putconn", "release", arg=0),
        Method("pool", "closeall", "use"),
        Method("pool-client", "close", "use"),
        Method("pool-client", "commit", "commit"),
        Method("pool-client", "rollback", "rollback"),
        Method("connection", "close", "close"),
        Method("connection", "commit", "commit"),
        Method("connection", "rollback", "rollback"),
        # cursors (conn.cursor(): not a resource of its own) and their queries
        Method("connection", "cursor", "use", produces="cursor", may_raise=False),
        Method("pool-client", "cursor", "use", produces="cursor", may_raise=False),
        # psycopg2.extras.LoggingConnection.initialize(logger) only stores the logger
        Method("connection", "initialize", "use", may_raise=False),
        Method("cursor", "execute", "query"),
        Method("cursor", "executemany", "query", params="many"),
        Method("cursor", "copy_expert", "query", params="none"),
    ),
    query_functions=(
        QueryFunction("psycopg2.extras.execute_values"),
        QueryFunction("psycopg2.extras.execute_batch"),
    ),
    placeholder_style="pyformat",
    types={
        "psycopg2.extensions.connection": "connection",
        "psycopg2.extensions.cursor": "cursor",
        "psycopg2.extras.DictCursor": "cursor",
        "psycopg2.extras.RealDictCursor": "cursor",
        **{f"psycopg2.pool.{cls}": "pool" for cls in _POOLS},
    },
    pool_resets_transaction=True,
    double_release_raises=True,
    safe_forms={"connection": "use `with contextlib.closing(psycopg2.connect(...)) as conn:`"},
    docs="psycopg2: `with conn` does not close; putconn rolls back; double putconn raises PoolError",
)

MODELS = (PSYCOPG2,)
