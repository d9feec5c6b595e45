"""Query and settings sites of frameworks whose SQL is not reached through a bound driver value.

Django's raw-SQL escape hatches on a model's manager (``Book.objects.raw(sql,
params)``, ``Book.objects.filter(…).extra(where=[…], select={…})``) are found
by the receiver chain they are called on (:func:`manager_chain`), in files that
import the framework (:data:`~pglint.drivers.model.DriverModel.import_roots`);
Django's ``DATABASES = {"default": {...}}`` settings are read as connection
options (:func:`database_settings`). :mod:`.queries` records the sites; this
module only says which syntax is one.
"""

from __future__ import annotations

import ast
from typing import Iterable, Iterator

from ...drivers.model import DriverModel, DriverRegistry, ManagerQuery
from .binding import LANGUAGE

#: ENGINE values of Django's PostgreSQL backends (and PostGIS, built on it)
POSTGRES_ENGINES = ("django.db.backends.postgresql", "django.db.backends.postgresql_psycopg2",
                    "django.contrib.gis.db.backends.postgis")


def framework_models(registry: DriverRegistry, modules: Iterable[str]) -> list[DriverModel]:
    """The models with manager queries whose framework one of ``modules`` belongs to."""
    roots = {m.split(".")[0] for m in modules if not m.startswith(".")}
    return [m for m in registry.for_language(LANGUAGE)
            if m.manager_queries and roots.intersection(m.import_roots)]


def settings_models(registry: DriverRegistry) -> list[DriverModel]:
    """The models with settings names (``DATABASES``). A settings module need not import its
    framework: the ``ENGINE`` literal says whose settings they are (:func:`database_settings`)."""
    return [m for m in registry.for_language(LANGUAGE) if m.settings]


def manager_query(models: list[DriverModel], call: ast.Call) -> tuple[DriverModel, ManagerQuery] | None:
    """``call`` as a manager query of one of ``models`` (``Book.objects.raw(…)``), or ``None``."""
    func = call.func
    if not isinstance(func, ast.Attribute):
        return None
    for model in models:
        for mq in model.manager_queries:
            if mq.name == func.attr and manager_chain(func.value, mq.through):
                return model, mq
    return None


def manager_chain(recv: ast.expr, through: tuple[str, ...]) -> bool:
    """Whether ``recv`` is ``X.<manager>`` or a chain of method calls on one
    (``Book.objects.using("replica").filter(…)``): the chain passes an attribute of ``through``
    whose owner is a plain name or attribute (a model class), not a call's result."""
    node: ast.expr = recv
    while True:
        if isinstance(node, ast.Call):
            node = node.func
            continue
        if isinstance(node, ast.Attribute):
            if node.attr in through and isinstance(node.value, (ast.Name, ast.Attribute)):
                return True
            node = node.value
            continue
        return False


def fragments(call: ast.Call, keywords: tuple[str, ...]) -> Iterator[ast.expr]:
    """The SQL fragments a call passes in the keywords ``keywords``: the elements of a list or
    tuple literal, the values of a dict literal (``extra(where=[…], select={…})``)."""
    for k in call.keywords:
        if k.arg not in keywords:
            continue
        v = k.value
        if isinstance(v, (ast.List, ast.Tuple)):
            yield from (e for e in v.elts if not isinstance(e, ast.Starred))
        elif isinstance(v, ast.Dict):
            yield from v.values


def database_settings(stmt: ast.stmt, names: tuple[str, ...]) -> Iterator[ast.Dict]:
    """The per-alias settings dicts of ``DATABASES = {"default": {...}}`` (a module-level assignment
    to one of ``names``) whose ``ENGINE`` is a PostgreSQL backend written as a literal."""
    if not isinstance(stmt, (ast.Assign, ast.AnnAssign)) or stmt.value is None:
        return
    targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
    if not any(isinstance(t, ast.Name) and t.id in names for t in targets):
        return
    if not isinstance(stmt.value, ast.Dict):
        return
    for alias in stmt.value.values:
        if isinstance(alias, ast.Dict) and _postgres_engine(alias):
            yield alias


def _postgres_engine(settings: ast.Dict) -> bool:
    for k, v in zip(settings.keys, settings.values):
        if isinstance(k, ast.Constant) and k.value == "ENGINE":
            return isinstance(v, ast.Constant) and v.value in POSTGRES_ENGINES
    return False


def mentions_framework_sites(tree: ast.Module, source: bytes, registry: DriverRegistry, modules: list[str]) -> bool:
    """Whether a file may hold a manager query or database settings of a framework it imports
    (for the file gate: such a file reaches no driver through its imports). The text is looked at
    first: only a file that names a settings name or a manager query method is walked."""
    settings = tuple(n for m in settings_models(registry) for n in m.settings)
    if any(n.encode() in source for n in settings):
        for stmt in tree.body:
            if next(database_settings(stmt, settings), None) is not None:
                return True
    models = framework_models(registry, modules)
    if not models or not any(f".{mq.name}(".encode() in source for m in models for mq in m.manager_queries):
        return False
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and manager_query(models, node) is not None:
            return True
    return False
