"""Driver models for node-postgres and the packages that share its API.

``pg`` (``Pool``, ``Client``), ``pg-pool`` (the module is the ``Pool`` class),
``@vercel/postgres`` (``createPool``, ``createClient``, the ``db`` and ``sql``
instances) and ``@neondatabase/serverless`` (``Pool``, ``Client``). Facts:
pg-pool does **not** reset a client on release, so a client released inside
``BEGIN`` carries the open transaction to the next user; releasing twice throws
``Release called on client which has already been released to the pool``;
``client.release(err)`` / ``client.release(true)`` destroys the client
(``../shared/reference/drivers.md`` §6 and §9).
"""

from __future__ import annotations

from .model import DriverModel, Factory, KindInfo, Method


def _pg_family(name: str, modules: tuple[str, ...], factories: tuple[Factory, ...],
               values: dict[str, str], types: dict[str, str],
               extra_kinds: dict[str, KindInfo] | None = None,
               extra_methods: tuple[Method, ...] = ()) -> DriverModel:
    return DriverModel(
        name=name,
        language="javascript",
        modules=modules,
        kinds={
            "pool": KindInfo("pool", "pool", "pool.end()"),
            "pool-client": KindInfo("pool-client", "client", "client.release()"),
            "client": KindInfo("unopened", "client", "client.end()"),
            "connection": KindInfo("connection", "client", "client.end()"),
            **(extra_kinds or {}),
        },
        factories=factories,
        methods=(
            Method("pool", "connect", "acquire", produces="pool-client", awaited=True, callback=True),
            Method("pool", "query", "query", awaited=True, callback=True),
            Method("pool", "end", "use", awaited=True),
            Method("pool-client", "release", "release", destroys_with_arg=True),
            Method("pool-client", "query", "query", awaited=True, callback=True),
            Method("client", "connect", "acquire", produces="connection", awaited=True,
                   callback=True, acquire_target="receiver"),
            Method("client", "end", "close", awaited=True),
            Method("client", "query", "query", awaited=True, callback=True),
            Method("connection", "end", "close", awaited=True),
            Method("connection", "query", "query", awaited=True, callback=True),
            *extra_methods,
        ),
        values=values,
        types=types,
        pool_resets_transaction=False,
        double_release_raises=True,
        docs="pg-pool: release() does not reset the session; double release throws",
        safe_forms={"pool-client": "use pool.query() for simple queries"},
    )


def _classes(root: str) -> tuple[Factory, ...]:
    return (
        Factory(f"{root}.Pool", "pool"),
        Factory(f"{root}.default.Pool", "pool"),
        Factory(f"{root}.Client", "client"),
        Factory(f"{root}.default.Client", "client"),
        Factory(f"{root}.native.Pool", "pool"),
        Factory(f"{root}.native.Client", "client"),
    )


def _types(root: str) -> dict[str, str]:
    return {
        f"{root}.Pool": "pool",
        f"{root}.PoolClient": "pool-client",
        f"{root}.Client": "connection",
        f"{root}.default.Pool": "pool",
        f"{root}.default.PoolClient": "pool-client",
        f"{root}.default.Client": "connection",
    }


PG = _pg_family(
    "pg", ("pg",),
    _classes("pg"),
    values={},
    types=_types("pg"),
)

PG_POOL = _pg_family(
    "pg-pool", ("pg-pool",),
    (Factory("pg-pool", "pool"), Factory("pg-pool.default", "pool")),
    values={},
    types={"pg-pool": "pool", "pg-pool.default": "pool"},
)

VERCEL = _pg_family(
    "@vercel/postgres", ("@vercel/postgres",),
    (
        Factory("@vercel/postgres.createPool", "pool"),
        Factory("@vercel/postgres.createClient", "client"),
        Factory("@vercel/postgres.VercelPool", "pool"),
        Factory("@vercel/postgres.VercelClient", "client"),
        # Pool and Client, re-exported from @neondatabase/serverless
        Factory("@vercel/postgres.Pool", "pool"),
        Factory("@vercel/postgres.Client", "client"),
    ),
    values={"@vercel/postgres.db": "pool", "@vercel/postgres.sql": "pool"},
    # sql`SELECT … ${x}` and db.sql`…` run a query with the holes as parameters
    extra_methods=(Method("pool", "__call__", "query", awaited=True, tagged=True),
                   Method("pool", "sql", "query", awaited=True, tagged=True),
                   Method("pool-client", "sql", "query", awaited=True, tagged=True),
                   Method("connection", "sql", "query", awaited=True, tagged=True)),
    types={"@vercel/postgres.VercelPool": "pool", "@vercel/postgres.VercelPoolClient": "pool-client",
           "@vercel/postgres.VercelClient": "connection", "@vercel/postgres.Pool": "pool",
           "@vercel/postgres.Client": "connection"},
)

NEON = _pg_family(
    "@neondatabase/serverless", ("@neondatabase/serverless",),
    (*_classes("@neondatabase/serverless"), Factory("@neondatabase/serverless.neon", "http")),
    values={},
    types=_types("@neondatabase/serverless"),
    # `const sql = neon(url)`: every sql`…` / sql.query(text, params) is one HTTP request,
    # its own connection and transaction
    extra_kinds={"http": KindInfo("other", "query function", "")},
    extra_methods=(Method("http", "__call__", "query", awaited=True, tagged=True, shortcut=True),
                   Method("http", "query", "query", awaited=True, shortcut=True),
                   Method("http", "unsafe", "use")),
)

MODELS = (PG, PG_POOL, VERCEL, NEON)

#: Modules whose ``sql`...``` tag sends the holes as parameters (or escapes them), so a
#: tagged template of theirs is never string building: the shape is "tagged".
PARAMETERISING_TAG_MODULES = ("@vercel/postgres", "@neondatabase/serverless", "slonik", "postgres",
                              "sql-template-strings", "sql-template-tag", "@databases/pg",
                              "@databases/sql", "pg-sql2", "drizzle-orm", "kysely")

#: Functions whose result is escaped SQL text (a hole made of them is constant-safe):
#: pg-format's format()/ident()/literal(), and node-postgres' escapeIdentifier/escapeLiteral.
ESCAPING_MODULES = ("pg-format",)
ESCAPING_FUNCTIONS = ("escapeIdentifier", "escapeLiteral")
