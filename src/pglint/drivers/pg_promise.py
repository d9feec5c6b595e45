"""Driver model for pg-promise.

``const pgp = require('pg-promise')(initOptions)`` makes the library instance;
``const db = pgp(cn)`` makes a Database object (one pg pool per connection
details): its query methods (``none``, ``one``, ``any`` …) each check a
connection out for the one query. ``db.task(cb)`` / ``db.tx(cb)`` run the
callback on one connection (inside BEGIN/COMMIT for ``tx``) and give it back;
``db.connect()`` checks a connection out until ``sco.done()`` (``done(true)``
destroys it; a second ``done()`` throws). Values are formatted into the text by
the library, escaped, except the ``:raw`` / ``^`` (as written) and ``:value`` /
``#`` (escaped, without quotes) modifiers (:mod:`pglint.languages.javascript.pgpromise`).
Facts and citations: docs/drivers.md § pg-promise.
"""

from __future__ import annotations

from .model import DriverModel, Factory, KindInfo, Method

#: query methods of a Database, a task/transaction context and a connection from db.connect()
QUERY_METHODS = ("query", "none", "one", "many", "oneOrNone", "manyOrNone", "any", "result",
                 "multiResult", "multi", "map", "each")
#: methods whose callback runs on one connection the library checks out and gives back
MANAGED_METHODS = ("task", "taskIf", "tx", "txIf")


def _queries(kind: str, shortcut: bool) -> tuple[Method, ...]:
    return tuple(Method(kind, name, "query", awaited=True, shortcut=shortcut) for name in QUERY_METHODS)


def _managed(kind: str) -> tuple[Method, ...]:
    return tuple(Method(kind, name, "use", awaited=True, managed="task") for name in MANAGED_METHODS)


PG_PROMISE = DriverModel(
    name="pg-promise",
    language="javascript",
    modules=("pg-promise",),
    kinds={
        "library": KindInfo("other", "pg-promise instance", "", connection_options=False),
        "database": KindInfo("pool", "database", "db.$pool.end()"),
        "connection": KindInfo("pool-client", "connection", "sco.done()"),
        "task": KindInfo("other", "task", ""),
    },
    factories=(
        Factory("pg-promise", "library"),
        Factory("pg-promise.default", "library"),
    ),
    methods=(
        # pgp(cn): a Database for the connection details cn
        Method("library", "__call__", "acquire", produces="database", may_raise=False),
        *_queries("database", True),
        *_managed("database"),
        Method("database", "connect", "acquire", produces="connection", awaited=True),
        *_queries("connection", False),
        Method("connection", "done", "release", destroys_with_arg=True),
        *_queries("task", False),
        *_managed("task"),
    ),
    types={
        "pg-promise.IDatabase": "database",
        "pg-promise.ITask": "task",
        "pg-promise.IConnected": "connection",
    },
    # done() calls pg-pool's client.release(): the session is not reset
    pool_resets_transaction=False,
    double_release_raises=True,
    docs="pg-promise: db.connect() until done(); task/tx managed; :raw/^ and :value/# not quoted",
    safe_forms={"pool-client": "use db.task() / db.tx() instead of db.connect()"},
)

MODELS = (PG_PROMISE,)
