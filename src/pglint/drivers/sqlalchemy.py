"""Driver model for SQLAlchemy 1.4 / 2.x (Core and ORM, sync and asyncio).

An ``Engine`` (``create_engine()`` / ``create_async_engine()``) holds a pool
(``QueuePool`` by default). ``engine.connect()`` checks a connection out **at the
call** and ``Connection.close()`` — or leaving ``with engine.connect() as conn:``
— gives it back, rolling back whatever transaction is open; ``engine.raw_connection()``
checks out the proxied DBAPI connection, given back by its ``close()``. A ``Session``
(``Session(engine)``, ``sessionmaker(...)()``, ``AsyncSession(engine)``,
``async_sessionmaker(...)()``) checks a connection out on first use and gives it back
at ``commit()`` / ``rollback()`` / ``close()``; it is released by ``close()`` or by
leaving ``with``. ``engine.begin()`` is a context manager in 2.x (a generator: nothing is
checked out until ``with`` enters it) and an eager checkout in 1.4: only its ``with``
form is read. Closing twice is harmless everywhere. ``text(sql)`` wraps SQL sent as
written; ``exec_driver_sql(sql)`` sends it to the DBAPI as is. The facts and their
sources are in ``docs/drivers.md`` (section SQLAlchemy).
"""

from __future__ import annotations

from .model import DriverModel, Factory, KindInfo, Method

_ENGINE_PATHS = ("sqlalchemy.create_engine", "sqlalchemy.engine.create_engine",
                 "sqlalchemy.engine.create.create_engine")
_ASYNC_ENGINE_PATHS = ("sqlalchemy.ext.asyncio.create_async_engine",
                       "sqlalchemy.ext.asyncio.engine.create_async_engine")
_SESSION_PATHS = ("sqlalchemy.orm.Session", "sqlalchemy.orm.session.Session")
_SESSIONMAKER_PATHS = ("sqlalchemy.orm.sessionmaker", "sqlalchemy.orm.session.sessionmaker")
_ASYNC_SESSION_PATHS = ("sqlalchemy.ext.asyncio.AsyncSession", "sqlalchemy.ext.asyncio.session.AsyncSession")
_ASYNC_SESSIONMAKER_PATHS = ("sqlalchemy.ext.asyncio.async_sessionmaker",
                             "sqlalchemy.ext.asyncio.session.async_sessionmaker")

#: ``text(sql)``: a SQL string sent as written (its shape is its argument's)
TEXT_FUNCTIONS = frozenset({"sqlalchemy.text", "sqlalchemy.sql.text", "sqlalchemy.sql.expression.text",
                            "sqlalchemy.sql.elements.text", "sqlalchemy.sql._elements_constructors.text"})

# Statement-running methods: the first argument is a statement (a `text()`, a string in 1.x, or a
# Core/ORM construct, whose text pglint does not read). Parameters are not read (`:name` binds).
_SYNC_QUERIES = ("execute", "scalar", "scalars")
_ASYNC_QUERIES = ("execute", "scalar", "scalars", "stream", "stream_scalars")


def _queries(receiver: str, names: tuple[str, ...], awaited: bool) -> tuple[Method, ...]:
    return tuple(Method(receiver, n, "query", awaited=awaited and not n.startswith("stream"),
                        params="none") for n in names)


SQLALCHEMY = DriverModel(
    name="sqlalchemy",
    language="python",
    modules=("sqlalchemy",),
    kinds={
        "engine": KindInfo("pool", "engine", "engine.dispose()"),
        "async-engine": KindInfo("pool", "engine", "await engine.dispose()"),
        "connection": KindInfo("pool-client", "connection", "conn.close()", with_behaviour="releases"),
        "raw-connection": KindInfo("pool-client", "connection", "conn.close()", with_behaviour="releases"),
        "async-connection": KindInfo("pool-client", "connection", "await conn.close()",
                                     with_behaviour="releases"),
        "session": KindInfo("pool-client", "session", "session.close()", with_behaviour="releases"),
        "async-session": KindInfo("pool-client", "session", "await session.close()",
                                  with_behaviour="releases"),
        "unbound-session": KindInfo("other", "session", "session.close()"),
        "unbound-async-session": KindInfo("other", "session", "await session.close()"),
        "unbound-session-factory": KindInfo("other", "session factory", ""),
        "unbound-async-session-factory": KindInfo("other", "session factory", ""),
        "session-factory": KindInfo("other", "session factory", ""),
        "async-session-factory": KindInfo("other", "session factory", ""),
    },
    factories=(
        *(Factory(p, "engine", conninfo_arg=0, conninfo_keyword="url", options_keyword="connect_args")
          for p in _ENGINE_PATHS),
        *(Factory(p, "async-engine", conninfo_arg=0, conninfo_keyword="url", options_keyword="connect_args")
          for p in _ASYNC_ENGINE_PATHS),
        # a session holds a pool checkout only when bound to an engine pglint sees; bound to a
        # connection (`Session(bind=op.get_bind())`) or to something unknown it only runs queries
        *(Factory(p, "session", context="releases", bind_arg=0, bind_keyword="bind",
                  bind_kinds=("engine",), unbound="unbound-session") for p in _SESSION_PATHS),
        *(Factory(p, "async-session", context="releases", bind_arg=0, bind_keyword="bind",
                  bind_kinds=("async-engine",), unbound="unbound-async-session") for p in _ASYNC_SESSION_PATHS),
        *(Factory(p, "session-factory", bind_arg=0, bind_keyword="bind", bind_kinds=("engine",),
                  unbound="unbound-session-factory") for p in _SESSIONMAKER_PATHS),
        *(Factory(p, "async-session-factory", bind_arg=0, bind_keyword="bind", bind_kinds=("async-engine",),
                  unbound="unbound-async-session-factory") for p in _ASYNC_SESSIONMAKER_PATHS),
    ),
    methods=(
        # checked out at the call; `with` closes (eager: the call itself holds the connection)
        Method("engine", "connect", "acquire", produces="connection", context="releases", eager=True),
        Method("engine", "raw_connection", "acquire", produces="raw-connection", context="releases",
               eager=True),
        # `async with engine.connect()` / `conn = await engine.connect()` (AsyncConnection.__await__)
        Method("async-engine", "connect", "acquire", produces="async-connection", awaited=True,
               context="releases"),
        Method("session-factory", "__call__", "acquire", produces="session", context="releases", eager=True),
        Method("async-session-factory", "__call__", "acquire", produces="async-session", context="releases",
               eager=True),
        Method("connection", "close", "release"),
        # 2.x: sets the options on this Connection and returns it (1.4: a branch sharing the same
        # DBAPI connection, closed with it); either way `with` on the result closes the checkout
        Method("connection", "execution_options", "use", returns_receiver=True, may_raise=False),
        Method("raw-connection", "close", "release"),
        Method("session", "close", "release"),
        Method("async-connection", "close", "release", awaited=True, requires_await=True),
        Method("async-session", "close", "release", awaited=True, requires_await=True),
        *_queries("connection", (*_SYNC_QUERIES, "exec_driver_sql"), False),
        *_queries("session", _SYNC_QUERIES, False),
        *_queries("async-connection", (*_ASYNC_QUERIES, "exec_driver_sql"), True),
        *_queries("async-session", _ASYNC_QUERIES, True),
        *_queries("unbound-session", _SYNC_QUERIES, False),
        *_queries("unbound-async-session", _ASYNC_QUERIES, True),
        Method("unbound-session-factory", "__call__", "use", produces="unbound-session", may_raise=False),
        Method("unbound-async-session-factory", "__call__", "use", produces="unbound-async-session",
               may_raise=False),
        # 1.x `engine.execute(...)`: a connection of its own for the statement (removed in 2.0)
        Method("engine", "execute", "query", params="none", shortcut=True),
    ),
    types={
        "sqlalchemy.engine.Engine": "engine",
        "sqlalchemy.Engine": "engine",
        "sqlalchemy.engine.base.Engine": "engine",
        "sqlalchemy.ext.asyncio.AsyncEngine": "async-engine",
        "sqlalchemy.engine.Connection": "connection",
        "sqlalchemy.Connection": "connection",
        "sqlalchemy.engine.base.Connection": "connection",
        "sqlalchemy.ext.asyncio.AsyncConnection": "async-connection",
        "sqlalchemy.orm.Session": "session",
        "sqlalchemy.orm.session.Session": "session",
        "sqlalchemy.ext.asyncio.AsyncSession": "async-session",
        "sqlalchemy.ext.asyncio.session.AsyncSession": "async-session",
    },
    placeholder_style="named",
    # `from sqlalchemy import Column, Integer` (a models module) is no database I/O: the file gate
    # follows the names this model reads and the submodules they live in
    gate_names=frozenset({
        "create_engine", "create_async_engine", "text", "Session", "sessionmaker", "AsyncSession",
        "async_sessionmaker", "Engine", "Connection", "AsyncEngine", "AsyncConnection",
        "orm", "engine", "sql", "ext", "asyncio", "expression", "session", "create", "base",
    }),
    pool_resets_transaction=True,
    double_release_raises=False,
    safe_forms={"pool-client": "use `with engine.connect() as conn:` / `with Session(engine) as session:`"},
    docs="SQLAlchemy: Connection/Session close() gives the connection back (rolling back); double close is harmless",
)

MODELS = (SQLALCHEMY,)
