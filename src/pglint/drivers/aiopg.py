"""Driver model for aiopg (psycopg2 in asyncio mode).

``await aiopg.connect()`` / ``async with aiopg.connect()``; ``pool = await
aiopg.create_pool()``; ``async with pool.acquire() as conn:`` is the safe form,
``conn = await pool.acquire()`` is paired with ``pool.release(conn)`` (a plain
call; awaiting it is optional). A connection released with a transaction open is
**closed** with a ``ResourceWarning`` rather than reset, and a double release
fails an ``assert`` (``../shared/reference/drivers.md`` §5.1).
"""

from __future__ import annotations

from .model import DriverModel, Factory, KindInfo, Method

AIOPG = DriverModel(
    name="aiopg",
    language="python",
    modules=("aiopg",),
    kinds={
        "pool": KindInfo("pool", "pool", "pool.close()"),
        "pool-client": KindInfo("pool-client", "connection", "pool.release(conn)"),
        "connection": KindInfo("connection", "connection", "conn.close()"),
        "cursor": KindInfo("other", "cursor", "cur.close()"),
    },
    factories=(
        Factory("aiopg.connect", "connection", awaited=True, context="releases", conninfo_arg=0,
                conninfo_keyword="dsn"),
        Factory("aiopg.create_pool", "pool", conninfo_arg=0, conninfo_keyword="dsn"),
    ),
    methods=(
        Method("pool", "acquire", "acquire", produces="pool-client", awaited=True,
               context="releases"),
        Method("pool", "release", "release", arg=0),
        Method("pool-client", "close", "use"),
        Method("connection", "close", "close"),
        # `cur = await conn.cursor()` / `async with conn.cursor() as cur`; `async with
        # pool.cursor() as cur` holds one connection for the block. aiopg has no executemany.
        Method("connection", "cursor", "use", produces="cursor"),
        Method("pool-client", "cursor", "use", produces="cursor"),
        Method("pool", "cursor", "use", produces="cursor"),
        Method("cursor", "execute", "query", awaited=True),
    ),
    placeholder_style="pyformat",
    types={"aiopg.Connection": "connection", "aiopg.Pool": "pool", "aiopg.Cursor": "cursor"},
    pool_resets_transaction=False,
    double_release_raises=True,
    safe_forms={"pool-client": "use `async with pool.acquire() as conn:`",
                "connection": "use `async with aiopg.connect(...) as conn:`"},
    docs="aiopg: a connection released inside a transaction is closed with a ResourceWarning",
)

MODELS = (AIOPG,)
