"""The schema of a driver model: what each PostgreSQL driver's API does to connections.

Driver knowledge is data. A :class:`DriverModel` says which dotted names
create pools and connections (:class:`Factory`), which methods on those values
check a connection out, give it back, close it or run a query
(:class:`Method`), how ``with``/``async with`` on each value behaves, and what
the driver does with an open transaction when a connection goes back to the
pool. Frontends consult the models through :class:`DriverRegistry`; they never
spell a driver name themselves, so supporting another driver (or a project's
own helper, from configuration) is a new entry here, not new lowering code.

Names are dotted paths rooted at the module a program imports: ``pg.Pool``,
``pg-pool`` (the module itself is the class), ``psycopg2.pool.ThreadedConnectionPool``,
``asyncpg.create_pool``. A ``*.default`` path is a JS default export.

Value kinds are strings local to a driver (``pool``, ``async-pool``,
``pool-client``, ``connection``, ``client`` …); :attr:`DriverModel.categories`
maps each to what the rules care about: ``pool``, ``pool-client`` (PG101),
``connection`` (PG103) or ``unopened`` (a client object that holds nothing until
``connect()``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Literal

Effect = Literal[
    "acquire",  # returns (or, with acquire_target="receiver", opens) a resource
    "release",  # gives a pool client back (receiver, or argument `arg`)
    "close",  # closes a direct connection
    "query",  # runs SQL (first argument is the SQL text)
    "commit",
    "rollback",
    "begin",  # opens a transaction without SQL text (asyncpg Transaction.start)
    "use",  # any other call that uses the resource
]

# How `with x:` / `async with x:` on a value behaves.
#   "releases":  exit gives the resource back / closes it (the safe form)
#   "no-release": exit only commits/rolls back; the resource stays held
#   "none": not a context manager for resources (no effect)
ContextBehaviour = Literal["releases", "no-release", "none"]


@dataclass(frozen=True, slots=True)
class Factory:
    """A dotted name that, called (or ``new``-ed), yields a value of kind ``produces``."""

    path: str
    produces: str
    awaited: bool = False  # the call returns an awaitable; the value is what `await` gives
    context: ContextBehaviour = "none"  # `with factory(...) as x` on the call result
    # When the produced value is itself a held resource (psycopg2.connect), the
    # factory is an acquisition; for pools and unopened clients it is not.
    # Where the connection settings are (for PG301/PG302): the DSN / URL argument
    # (position and keyword) and a keyword holding a dict of further options.
    conninfo_arg: int | None = None
    conninfo_keyword: str | None = None
    options_keyword: str | None = None  # psycopg_pool: kwargs={"password": ...}
    keyword_settings: bool = False  # settings only as keyword arguments (pg8000.connect(user=…, password=…))
    # The product holds a resource only when its bind (argument ``bind_arg`` / keyword
    # ``bind_keyword``) is a value of one of ``bind_kinds``; otherwise it is of kind ``unbound``
    # (SQLAlchemy's ``Session(bind=engine)`` checks out of the engine's pool, ``Session(bind=conn)``
    # runs on a connection someone else holds). Empty ``bind_kinds``: always ``produces``.
    bind_arg: int | None = None
    bind_keyword: str | None = None
    bind_kinds: tuple[str, ...] = ()
    unbound: str | None = None


@dataclass(frozen=True, slots=True)
class Method:
    """``<receiver kind>.<name>(...)`` and what it does."""

    receiver: str
    name: str
    effect: Effect
    produces: str | None = None  # acquire: the kind of the value checked out
    arg: int | None = None  # release/close of an argument (pool.putconn(conn) -> 0); None = receiver
    awaited: bool = False  # the call returns a promise/coroutine
    requires_await: bool = False  # release/close that does nothing unless awaited
    context: ContextBehaviour = "none"  # `with recv.name(...) as x`
    callback: bool = False  # JS: accepts a node-style callback (err, client, done) => ...
    acquire_target: Literal["result", "receiver"] = "result"
    # an acquire with context "releases" that checks out at the call itself (SQLAlchemy's
    # ``engine.connect()``), so it holds a resource outside ``with`` too; without it such a method
    # is a context manager that holds nothing until entered (psycopg_pool's ``pool.connection()``)
    eager: bool = False
    # a fluent call that returns its receiver (SQLAlchemy 2.x's ``conn.execution_options(...)``):
    # ``with engine.connect().execution_options(...) as conn`` holds what ``engine.connect()`` does
    returns_receiver: bool = False
    destroys_with_arg: bool = False  # pg: release(err) / release(true) destroys the client
    # query methods: ``name == "__call__"`` is a call of the value itself (neon's ``sql(...)``)
    tagged: bool = False  # JS: written as a tagged template (sql`...`); its holes are sent as parameters
    tag_only: bool = False  # JS ``__call__``: only the tagged form queries; ``sql(x)`` is a helper (postgres.js)
    # JS: the callback (last argument) runs on a connection the library checks out and gives back
    # itself (postgres.js ``sql.begin(async sql => …)``, pg-promise ``db.task(t => …)``); its first
    # parameter is a value of this kind. On an acquire method it applies only when a callback is
    # passed (knex ``knex.transaction(async trx => …)``); without one, the caller holds the result
    managed: str | None = None
    shortcut: bool | None = None  # a one-shot query on a connection of its own; None: the receiver is a pool
    # query methods: where the SQL text is (None: no SQL, e.g. asyncpg copy_to_table(table_name))
    # and how the parameters are passed: "single" (one sequence/mapping after the SQL),
    # "varargs" (asyncpg: every positional argument after the SQL), "many" (a sequence of
    # parameter sets: executemany), "none"
    sql_arg: int | None = 0
    params: Literal["single", "varargs", "many", "none"] = "single"
    server_binding: bool = False  # psycopg 3: parameters are bound on the server (not in DDL/SET)
    # whether the call is an exception source worth a witness path: driver I/O is; creating a
    # cursor, registering an event listener or storing a logger is not (a leak "when an exception
    # is raised" must go through a call that can throw in practice)
    may_raise: bool = True
    # how PG202 judges the parameters of a query method: "all" (the driver's placeholders and its
    # parameter argument), "when-written" (only a text written with $n placeholders: TypeORM,
    # whose `query(text, params)` is sent as is to the database the DataSource names),
    # "none" (the placeholders are the library's own: knex `?`/`??`, Sequelize `:name`/`$1` with
    # `replacements`/`bind` options, a raw-SQL fragment)
    param_check: Literal["all", "when-written", "none"] = "all"
    # query methods: the SQL is a fragment spliced into a statement the library builds (knex `raw()`
    # and `whereRaw()`, Kysely/Drizzle `sql.raw()`, `Prisma.raw()`): no rows of its own (PG402) and no
    # round trip of its own (PG403); its text is still SQL (PG201)
    fragment: bool = False


FunctionEffect = Literal["acquire", "release", "close", "takes-ownership", "borrows"]


@dataclass(frozen=True, slots=True)
class Function:
    """A function (third-party or declared in configuration) and what a call does to argument ``arg``.

    The vocabulary is the one of project function summaries
    (:mod:`pglint.analysis.summaries`): ``release``/``close`` give the argument
    back, ``takes-ownership`` makes the callee responsible (like returning it),
    ``borrows`` only uses it (the caller must still release it). ``acquire``
    functions are :class:`Factory` entries. ``path`` is dotted (``app.db.put_conn``)
    or a bare name matching any function or method of that name.
    """

    path: str
    effect: FunctionEffect
    arg: int = 0
    awaited: bool = False  # the call returns a promise/coroutine


@dataclass(frozen=True, slots=True)
class QueryFunction:
    """A free function that runs SQL on a cursor/connection passed to it
    (``psycopg2.extras.execute_values(cur, sql, argslist)``)."""

    path: str
    receiver_arg: int = 0
    sql_arg: int = 1
    params: Literal["single", "varargs", "many", "none"] = "many"
    awaited: bool = False


@dataclass(frozen=True, slots=True)
class ManagerQuery:
    """A query method found by the attribute chain it is called on rather than by a bound value:
    Django's ``Book.objects.raw(sql, params)`` / ``Book.objects.filter(…).extra(where=[…])``, where
    the receiver is a model class's manager (an attribute in ``through``) or a chain of calls on
    one. ``fragments``: keywords holding SQL fragments (a list of them, or a mapping whose values
    are fragments) rather than one SQL argument at ``sql_arg``."""

    name: str
    through: tuple[str, ...]
    sql_arg: int | None = 0
    params: Literal["single", "varargs", "many", "none"] = "single"
    fragments: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class KindInfo:
    category: Literal["pool", "pool-client", "connection", "unopened", "other"]
    noun: str  # "client", "connection"
    release_hint: str  # shown in messages: "client.release()"
    with_behaviour: ContextBehaviour = "none"  # `with value:` on an already-bound value
    # attributes holding client-side state only: `conn.info.get_parameters()`,
    # `conn.adapters.register_loader(...)` do no I/O and are no exception source
    local_attributes: tuple[str, ...] = ()
    # JS: a value made by module code lives as long as the process and is not a leak there
    # (a postgres.js instance is the application's pool; made in a function it is a connection)
    module_lived: bool = False
    # opens its connections on its first query, not when made (postgres.js): only a function that
    # never ends it is reported, not an exception between making it and ending it
    lazy: bool = False
    # a query builder: a method the model does not list returns a builder of the same kind
    # (knex `db('t').where(…).whereRaw(…)`), so the raw-SQL methods further down the chain are seen
    chainable: bool = False
    # whether the call that makes a value of this kind takes PostgreSQL connection options that
    # PG301/PG302 read (a pool, a client, a TypeORM DataSource, a knex instance); an ORM whose
    # options are another library's or dialect-neutral (Sequelize, Prisma) is not read, nor
    # pg-promise's library instance (made from initialisation options)
    connection_options: bool = True


@dataclass(frozen=True, slots=True)
class DriverModel:
    name: str
    language: Literal["python", "javascript"]
    modules: tuple[str, ...]  # import specifiers that identify this driver
    kinds: dict[str, KindInfo]
    factories: tuple[Factory, ...] = ()
    methods: tuple[Method, ...] = ()
    values: dict[str, str] = field(default_factory=dict)  # exported instances: "@vercel/postgres.db" -> "pool"
    types: dict[str, str] = field(default_factory=dict)  # annotation names -> kind
    pool_resets_transaction: bool = True
    double_release_raises: bool = True
    docs: str = ""  # one line: where the facts come from
    safe_forms: dict[str, str] = field(default_factory=dict)  # category -> the idiom to suggest
    functions: tuple[Function, ...] = ()  # free functions that release / take / borrow an argument
    # $1 (pg, asyncpg), %s (psycopg) or :name (SQLAlchemy's text())
    placeholder_style: Literal["dollar", "pyformat", "named"] = "dollar"
    query_functions: tuple[QueryFunction, ...] = ()  # free functions that run SQL on an argument
    # query methods recognised by their receiver chain (Django managers), in files importing a
    # module under one of ``import_roots``
    manager_queries: tuple[ManagerQuery, ...] = ()
    import_roots: tuple[str, ...] = ()
    # whether importing this driver makes ``x.execute(…)`` on a receiver of unknown value one of its
    # queries (psycopg2, asyncpg); a framework whose modules every file imports (Django) does not
    fallback: bool = True
    # module-level names whose dict literal holds connection settings per alias (Django's DATABASES)
    settings: tuple[str, ...] = ()
    # an ORM's module is imported for much else (TypeORM's `Entity`, `Column` decorators in every
    # entity file): only an import of one of the model's own names (a factory, value or type) or of
    # the whole module makes a file reach PostgreSQL for the import gate
    selective_imports: bool = False
    # names whose import counts only in a file whose text holds the given word: a TypeORM
    # `Repository` / `EntityManager` is injected into every service, and all pglint models of it
    # is `query(…)` (the import gate stays exact: a file without `.query(` has no such call)
    import_needs: dict[str, tuple[bytes, ...]] = field(default_factory=dict)  # name -> any of these words

    def own_name(self, module: str, name: str | None, source: bytes = b"") -> bool:
        """Whether ``import {name} from module`` imports something this model knows (see
        :attr:`selective_imports`): the whole module, its default export, or a name that starts one
        of its factory, value or type paths (and, for :attr:`import_needs`, the file uses it)."""
        if not self.selective_imports or name in (None, "default", "*"):
            return True
        needed = self.import_needs.get(name)
        if needed is not None and not any(word in source for word in needed):
            return False
        prefix = f"{module}.{name}"
        paths = [f.path for f in self.factories] + list(self.values) + list(self.types)
        return any(p == prefix or p.startswith(prefix + ".") for p in paths)
    # A library whose import alone says nothing about database I/O (an ORM's schema classes:
    # `from sqlalchemy import Column`): `from <module> import X` makes a file a driver importer for
    # the file gate only when X is one of these names (or `*`); `import <module>` always does.
    # Empty: every import counts.
    gate_names: frozenset[str] = frozenset()

    def method(self, receiver: str, name: str) -> Method | None:
        for m in self.methods:
            if m.receiver == receiver and m.name == name:
                return m
        return None

    def factory(self, path: str) -> Factory | None:
        for f in self.factories:
            if f.path == path:
                return f
        return None


@dataclass(frozen=True, slots=True)
class Value:
    """An abstract value a frontend binds a name or expression to."""

    driver: str
    kind: str

    def __str__(self) -> str:
        return f"{self.kind}({self.driver})"


class DriverRegistry:
    """Looks driver facts up by language, module, dotted path, type name or (kind, method)."""

    def __init__(self, models: Iterable[DriverModel]) -> None:
        self.models: dict[str, DriverModel] = {}
        for m in models:
            self.models[m.name] = m
        # language -> the value unknown parameters are bound to while computing function
        # summaries (empty in a normal run: see pglint.analysis.summaries.summary_registry)
        self.param_values: dict[str, Value] = {}
        # (language, module) -> driver_for_module's answer (asked for every dotted path bound)
        self._module_drivers: dict[tuple[str, str], DriverModel | None] = {}
        self._module_drivers_models = len(self.models)

    def for_language(self, language: str) -> list[DriverModel]:
        return [m for m in self.models.values() if m.language == language]

    def is_driver_module(self, language: str, module: str) -> bool:
        return self.driver_for_module(language, module) is not None

    def imports_driver(self, language: str, module: str, name: str | None, source: bytes = b"") -> bool:
        """Whether ``import {name} from module`` (in a file of text ``source``) brings in a driver for
        the import gate: any name of a driver module, only the model's own names of an ORM's
        (:attr:`DriverModel.selective_imports`)."""
        model = self.driver_for_module(language, module)
        return model is not None and model.own_name(module, name, source)

    def driver_for_module(self, language: str, module: str) -> DriverModel | None:
        if self._module_drivers_models != len(self.models):  # a model added since: forget the answers
            self._module_drivers.clear()
            self._module_drivers_models = len(self.models)
        key = (language, module)
        try:
            return self._module_drivers[key]
        except KeyError:
            pass
        found: DriverModel | None = None
        for m in self.for_language(language):
            if any(module == root or module.startswith(root + ".") or module.startswith(root + "/")
                   for root in m.modules):
                found = m
                break
        self._module_drivers[key] = found
        return found

    def factory(self, language: str, path: str) -> tuple[DriverModel, Factory] | None:
        for m in self.for_language(language):
            f = m.factory(path)
            if f is not None:
                return m, f
        return None

    def query_function(self, language: str, path: str) -> tuple[DriverModel, QueryFunction] | None:
        """A driver's free function that runs SQL (``psycopg2.extras.execute_values``)."""
        for m in self.for_language(language):
            for q in m.query_functions:
                if q.path == path:
                    return m, q
        return None

    def value(self, language: str, path: str) -> Value | None:
        """A module-level instance exported by a driver (``@vercel/postgres.db``) or a type name."""
        for m in self.for_language(language):
            if path in m.values:
                return Value(m.name, m.values[path])
        return None

    def type_value(self, language: str, path: str) -> Value | None:
        for m in self.for_language(language):
            if path in m.types:
                return Value(m.name, m.types[path])
        return None

    def function(self, language: str, path: str) -> Function | None:
        """The declared effect of calling ``path`` (dotted, or matched by its bare name)."""
        bare = path.rsplit(".", 1)[-1]
        found: Function | None = None
        for m in self.for_language(language):
            for f in m.functions:
                if f.path == path:
                    return f
                if found is None and "." not in f.path and "/" not in f.path and f.path == bare:
                    found = f
        return found

    def project_function(self, language: str, file: str, name: str) -> Function | None:
        """The declared function ``name`` of the project file ``file`` (imported relatively:
        ``from .db import put_conn``, ``import { putClient } from './db'``), matched by the
        declared module being the tail of the file's path (see :func:`module_matches_file`);
        else a bare-name entry."""
        for m in self.for_language(language):
            for f in m.functions:
                module, _, fname = f.path.rpartition(".")
                if fname == name and module and module_matches_file(language, module, file):
                    return f
        return self.function(language, name)

    def project_factory(self, language: str, file: str, name: str) -> tuple[DriverModel, Factory] | None:
        """Like :meth:`project_function`, for a factory (a configured acquire helper) of ``file``."""
        for m in self.for_language(language):
            for fac in m.factories:
                module, _, fname = fac.path.rpartition(".")
                if fname == name and module and module_matches_file(language, module, file):
                    return m, fac
        return None

    def method(self, value: Value, name: str) -> Method | None:
        model = self.models.get(value.driver)
        return model.method(value.kind, name) if model else None

    def kind_info(self, value: Value) -> KindInfo | None:
        model = self.models.get(value.driver)
        return model.kinds.get(value.kind) if model else None

    def model(self, name: str) -> DriverModel:
        return self.models[name]


_SOURCE_SUFFIXES = (".py", ".pyi", ".js", ".mjs", ".cjs", ".jsx", ".ts", ".mts", ".cts", ".tsx")


def module_matches_file(language: str, module: str, file: str) -> bool:
    """Whether the declared module ``module`` names the project file ``file``.

    Python modules are dotted (``app.db`` names ``…/app/db.py`` and
    ``…/app/db/__init__.py``); JavaScript modules are paths without extension
    (``src/db`` names ``…/src/db.ts`` and ``…/src/db/index.js``). The declared
    path must be the whole tail of the file's path, so ``db`` matches
    ``…/app/db.py`` but ``b`` does not.
    """
    stem = file.replace("\\", "/")
    for suffix in _SOURCE_SUFFIXES:
        if stem.endswith(suffix):
            stem = stem[: -len(suffix)]
            break
    want = module.replace(".", "/") if language == "python" else module
    want = want.strip("/")
    if want.startswith("./"):
        want = want[2:]
    if not want:
        return False
    stems = [stem]
    for index in ("/__init__", "/index"):
        if stem.endswith(index):
            stems.append(stem[: -len(index)])
    return any(s == want or s.endswith("/" + want) for s in stems)
