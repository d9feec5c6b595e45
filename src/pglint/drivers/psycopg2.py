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

from .model import DriverModel, Factory, KindInfo, Method

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
    },
    factories=(
        Factory("psycopg2.connect", "connection", context="no-release"),
        *(Factory(f"psycopg2.pool.{cls}", "pool") for cls in _POOLS),
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
    ),
    types={
        "psycopg2.extensions.connection": "connection",
        **{f"psycopg2.pool.{cls}": "pool" for cls in _POOLS},
    },
    pool_resets_transaction=True,
    double_release_raises=True,
    safe_forms={"connection": "use `with contextlib.closing(psycopg2.connect(...)) as conn:`"},
    docs="psycopg2: `with conn` does not close; putconn rolls back; double putconn raises PoolError",
)

MODELS = (PSYCOPG2,)
