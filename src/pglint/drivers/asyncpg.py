"""Driver model for asyncpg.

``await asyncpg.connect()`` returns a connection that must be closed with
``await conn.close()`` (it is not an async context manager). ``pool =
await asyncpg.create_pool()``; ``async with pool.acquire() as con:`` is the safe
form, ``con = await pool.acquire()`` must be paired with ``await
pool.release(con)`` — un-awaited, the release does nothing. Release resets the
connection (rolls back an open transaction) and a double release is a silent
no-op (``../shared/reference/drivers.md`` §4).
"""

from __future__ import annotations

from .model import DriverModel, Factory, KindInfo, Method

_QUERIES = ("execute", "executemany", "fetch", "fetchrow", "fetchval", "fetchmany",
            "copy_from_query", "copy_to_table", "copy_records_to_table", "copy_from_table",
            "cursor", "prepare")


def _query(receiver: str, name: str) -> Method:
    """A query method: SQL first, parameters as further positional arguments — except the
    copy_*_table methods (their first argument is a table name, quoted by asyncpg),
    executemany (a sequence of argument tuples), ``prepare`` (no parameters) and ``cursor``
    (a cursor factory: iterated or awaited, not a coroutine to await)."""
    if name in ("copy_to_table", "copy_records_to_table", "copy_from_table"):
        return Method(receiver, name, "query", awaited=True, sql_arg=None, params="none")
    if name in ("executemany", "fetchmany"):
        return Method(receiver, name, "query", awaited=True, params="many")
    if name == "prepare":
        return Method(receiver, name, "query", awaited=True, params="none")
    if name == "cursor":
        return Method(receiver, name, "query", awaited=False, params="varargs")
    return Method(receiver, name, "query", awaited=True, params="varargs")

ASYNCPG = DriverModel(
    name="asyncpg",
    language="python",
    modules=("asyncpg",),
    kinds={
        "pool": KindInfo("pool", "pool", "await pool.close()"),
        "pool-client": KindInfo("pool-client", "connection", "await pool.release(conn)"),
        "connection": KindInfo("connection", "connection", "await conn.close()"),
    },
    factories=(
        Factory("asyncpg.connect", "connection", awaited=True, conninfo_arg=0, conninfo_keyword="dsn"),
        Factory("asyncpg.create_pool", "pool", context="none", conninfo_arg=0, conninfo_keyword="dsn"),
        Factory("asyncpg.pool.create_pool", "pool", context="none", conninfo_arg=0,
                conninfo_keyword="dsn"),
    ),
    methods=(
        Method("pool", "acquire", "acquire", produces="pool-client", awaited=True,
               context="releases"),
        Method("pool", "release", "release", arg=0, awaited=True, requires_await=True),
        *(_query("pool", q) for q in _QUERIES if q not in ("cursor", "prepare")),
        *(_query("pool-client", q) for q in _QUERIES),
        *(_query("connection", q) for q in _QUERIES),
        Method("connection", "close", "close", awaited=True, requires_await=True),
        Method("connection", "terminate", "close"),
    ),
    types={
        "asyncpg.Connection": "connection",
        "asyncpg.connection.Connection": "connection",
        "asyncpg.Pool": "pool",
        "asyncpg.pool.Pool": "pool",
    },
    pool_resets_transaction=True,
    double_release_raises=False,
    safe_forms={"pool-client": "use `async with pool.acquire() as conn:`",
                "connection": "use `try: ... finally: await conn.close()`"},
    docs="asyncpg: release resets the connection; double release is a no-op",
)

MODELS = (ASYNCPG,)
