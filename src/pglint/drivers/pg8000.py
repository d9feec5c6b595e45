"""Driver model for pg8000 (DB-API ``pg8000.dbapi`` / legacy ``pg8000`` and ``pg8000.native``).

``pg8000.connect(...)``, ``pg8000.dbapi.connect(...)`` and
``pg8000.native.Connection(...)`` open a socket that stays open until
``close()``; ``with`` on a connection closes it (``CoreConnection.__exit__``); a second
``close()`` raises ``InterfaceError("connection is closed")``.
The DB-API cursor's ``execute(sql, args=())`` uses ``%s`` placeholders
(``paramstyle = "format"``; without arguments the text is sent as it is);
the native ``run(sql, **params)`` uses ``:name`` placeholders filled from
keyword arguments, which pglint does not count (PG202 is not checked there).
``ssl_context`` is ``None`` by default, which tries TLS *without* certificate
verification. See ``docs/drivers.md`` § pg8000.
"""

from __future__ import annotations

from .model import DriverModel, Factory, KindInfo, Method

_CONNECTS = ("pg8000.connect", "pg8000.dbapi.connect", "pg8000.legacy.connect",
             "pg8000.Connection", "pg8000.dbapi.Connection", "pg8000.legacy.Connection")

PG8000 = DriverModel(
    name="pg8000",
    language="python",
    modules=("pg8000",),
    kinds={
        "connection": KindInfo("connection", "connection", "conn.close()", with_behaviour="releases"),
        "cursor": KindInfo("other", "cursor", "cur.close()"),
    },
    factories=tuple(Factory(path, "connection", context="releases", keyword_settings=True) for path in _CONNECTS),
    methods=(
        Method("connection", "close", "close"),
        Method("connection", "commit", "commit"),
        Method("connection", "rollback", "rollback"),
        Method("connection", "cursor", "use", produces="cursor", may_raise=False),
        Method("cursor", "execute", "query"),
        Method("cursor", "executemany", "query", params="many"),
        # the legacy Connection runs SQL itself: run(sql, stream=None, **params) with :name
        Method("connection", "run", "query", params="none"),
    ),
    types={"pg8000.dbapi.Connection": "connection", "pg8000.dbapi.Cursor": "cursor",
           "pg8000.Connection": "connection", "pg8000.Cursor": "cursor"},
    placeholder_style="pyformat",
    pool_resets_transaction=True,
    double_release_raises=True,
    safe_forms={"connection": "use `with pg8000.dbapi.connect(...) as conn:`"},
    docs="pg8000: connections close on close() or `with`; DB-API uses %s, native run() uses :name",
)

PG8000_NATIVE = DriverModel(
    name="pg8000-native",
    language="python",
    modules=("pg8000.native",),
    kinds={
        "connection": KindInfo("connection", "connection", "con.close()", with_behaviour="releases"),
    },
    factories=(Factory("pg8000.native.Connection", "connection", context="releases",
                        keyword_settings=True),),
    methods=(
        Method("connection", "close", "close"),
        # run(sql, stream=None, types=None, **params): `:name` placeholders, not counted by PG202
        Method("connection", "run", "query", params="none"),
    ),
    types={"pg8000.native.Connection": "connection"},
    placeholder_style="dollar",
    fallback=False,
    pool_resets_transaction=True,
    double_release_raises=True,
    safe_forms={"connection": "use `with pg8000.native.Connection(...) as con:`"},
    docs="pg8000.native: Connection(...) must be closed; run() uses :name placeholders",
)

MODELS = (PG8000_NATIVE, PG8000)
