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
    destroys_with_arg: bool = False  # pg: release(err) / release(true) destroys the client


@dataclass(frozen=True, slots=True)
class KindInfo:
    category: Literal["pool", "pool-client", "connection", "unopened", "other"]
    noun: str  # "client", "connection"
    release_hint: str  # shown in messages: "client.release()"
    with_behaviour: ContextBehaviour = "none"  # `with value:` on an already-bound value


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

    def for_language(self, language: str) -> list[DriverModel]:
        return [m for m in self.models.values() if m.language == language]

    def is_driver_module(self, language: str, module: str) -> bool:
        return self.driver_for_module(language, module) is not None

    def driver_for_module(self, language: str, module: str) -> DriverModel | None:
        for m in self.for_language(language):
            for root in m.modules:
                if module == root or module.startswith(root + ".") or module.startswith(root + "/"):
                    return m
        return None

    def factory(self, language: str, path: str) -> tuple[DriverModel, Factory] | None:
        for m in self.for_language(language):
            f = m.factory(path)
            if f is not None:
                return m, f
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

    def method(self, value: Value, name: str) -> Method | None:
        model = self.models.get(value.driver)
        return model.method(value.kind, name) if model else None

    def kind_info(self, value: Value) -> KindInfo | None:
        model = self.models.get(value.driver)
        return model.kinds.get(value.kind) if model else None

    def model(self, name: str) -> DriverModel:
        return self.models[name]
