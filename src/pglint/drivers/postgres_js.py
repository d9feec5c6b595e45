"""Driver model for postgres.js (npm ``postgres``).

``const sql = postgres(url, options)`` makes a pool (connections open lazily, at
most ``max``): the instance is the query function, written as a tagged template
(``sql`SELECT … ${x}```: every hole is sent as a parameter), with
``sql.unsafe(text, params)`` the one method whose text is sent as written.
``sql(identifier)`` called directly is a helper building an escaped identifier
or a values list, not a query. ``sql.reserve()`` checks one connection out
until ``reserved.release()``; ``sql.begin(async sql => …)`` runs the callback
inside BEGIN … COMMIT/ROLLBACK on one connection of its own and gives it back
(a managed transaction); ``sql.end()`` closes every connection (until then a
process that made the instance does not exit). The instance is a *connection*
here (PG103): created in a function that neither ends, returns nor stores it,
its connections stay open. Facts and citations: docs/drivers.md § postgres.js.
"""

from __future__ import annotations

from .model import DriverModel, Factory, KindInfo, Method

#: the methods of every query function (`sql`, a reserved connection, a transaction's `sql`)
_HELPERS = ("json", "array", "typed", "types", "file", "describe")


def _query_methods(kind: str, shortcut: bool) -> tuple[Method, ...]:
    return (
        # sql`…`: the holes are parameters; `sql(x)` called plainly is an identifier/values helper
        Method(kind, "__call__", "query", awaited=True, tagged=True, tag_only=True, shortcut=shortcut),
        Method(kind, "unsafe", "query", awaited=True, shortcut=shortcut),
        *(Method(kind, name, "use", may_raise=False) for name in _HELPERS),
    )


POSTGRES_JS = DriverModel(
    name="postgres",
    language="javascript",
    modules=("postgres",),
    kinds={
        "sql": KindInfo("connection", "postgres.js instance", "sql.end()", module_lived=True,
                        lazy=True),
        "reserved": KindInfo("pool-client", "reserved connection", "reserved.release()"),
        "transaction": KindInfo("other", "transaction", ""),
    },
    factories=(
        Factory("postgres", "sql", conninfo_arg=0),
        Factory("postgres.default", "sql", conninfo_arg=0),
    ),
    methods=(
        *_query_methods("sql", True),
        Method("sql", "reserve", "acquire", produces="reserved", awaited=True),
        Method("sql", "begin", "use", awaited=True, managed="transaction"),
        Method("sql", "end", "close", awaited=True),
        *_query_methods("reserved", False),
        Method("reserved", "release", "release"),
        Method("reserved", "begin", "use", awaited=True, managed="transaction"),
        *_query_methods("transaction", False),
        Method("transaction", "savepoint", "use", awaited=True, managed="transaction"),
    ),
    types={
        "postgres.Sql": "sql",
        "postgres.ReservedSql": "reserved",
        "postgres.TransactionSql": "transaction",
    },
    # reserve() hands out a connection of the pool, release() puts it back as it is; a second
    # release() hands the same connection out again (src/index.js reserve()/onopen())
    pool_resets_transaction=False,
    double_release_raises=True,
    docs="postgres.js: reserve()/release(), begin(cb) managed, sql`…` parameterised, unsafe() raw",
    safe_forms={"pool-client": "use sql`…` or sql.begin() instead of reserve()"},
)

MODELS = (POSTGRES_JS,)
