"""Which driver models each rule speaks for, read off the models (rule pages list them).

A rule covers a library when the library's model gives the rule something to
look at: PG101 needs a value checked out of a pool, PG103 a connection of its
own, the SQL rules a method that runs SQL, PG301/PG302 a factory whose options
are read. The lists are computed, so a new model shows up on every page it
takes part in without editing the pages.
"""

from __future__ import annotations

from typing import Callable

from .model import DriverModel


def _categories(model: DriverModel) -> set[str]:
    return {k.category for k in model.kinds.values()}


def _runs_sql(model: DriverModel) -> bool:
    return bool(model.query_functions) or any(m.effect == "query" and m.sql_arg is not None for m in model.methods)


def _holds_transactions(model: DriverModel) -> bool:
    held = {kind for kind, k in model.kinds.items() if k.category in ("pool-client", "connection", "unopened")}
    return any(m.receiver in held and m.effect in ("query", "begin", "commit", "rollback") for m in model.methods)


def _pool_shortcut(model: DriverModel) -> bool:
    pools = {kind for kind, k in model.kinds.items() if k.category == "pool"}
    return any(m.effect == "query" and (m.shortcut or (m.shortcut is None and m.receiver in pools))
               for m in model.methods)


def _made_with_options(model: DriverModel) -> bool:
    return bool(model.factories) and (
        any(k.category in ("pool", "connection", "unopened") for k in model.kinds.values())
        or any(m.name == "__call__" and m.effect == "acquire" for m in model.methods))


_COVERS: dict[str, Callable[[DriverModel], bool]] = {
    "PG101": lambda m: "pool-client" in _categories(m),
    "PG102": lambda m: "pool-client" in _categories(m) and m.double_release_raises,
    "PG103": lambda m: bool(_categories(m) & {"connection", "unopened"}),
    "PG104": _holds_transactions,
    "PG105": _pool_shortcut,
    "PG106": lambda m: any(x.effect == "query" and x.awaited for x in m.methods),
    "PG201": _runs_sql,
    "PG202": _runs_sql,
    "PG203": _runs_sql,
    "PG204": _runs_sql,
    "PG301": _made_with_options,
    "PG302": _made_with_options,
    "PG401": lambda m: _pool_shortcut(m) and "pool-client" in _categories(m),
    "PG402": _runs_sql,
    "PG403": _runs_sql,
}


def libraries_for(code: str, models: tuple[DriverModel, ...]) -> list[str]:
    """The names of the models rule ``code`` covers, in the order of ``models`` (empty: not a
    rule about driver values, e.g. PG001)."""
    covers = _COVERS.get(code)
    if covers is None:
        return []
    return [m.name for m in models if covers(m)]
