"""The cheap per-module pass of the Python frontend: imports, exports, and resolving module names to files.

:func:`build_index` records every ``import``/``from … import`` of the file (at
any depth: a driver imported inside a function still makes the file involve
PostgreSQL) and the module-level names other modules can import: values the
binder recognises (``pool = psycopg2.pool.ThreadedConnectionPool(...)``,
``pool: ConnectionPool | None = None``, a ``global pool`` assigned in a
top-level function), names passed on from other project modules
(``from .db import pool`` → re-export), top-level functions and classes, and the
driver values of those classes' fields (``Database.pool``, for ``db: Database`` in
another module).
:func:`resolve_module` maps ``.db``, ``..pkg.db`` or ``app.db`` to a file among
the project's known paths.
"""

from __future__ import annotations

import ast
import os
from typing import Any

from ...drivers.model import DriverRegistry
from ..base import ExportRecord, ImportRecord, ModuleIndex, ParsedFile
from .binding import LANGUAGE, Binder, join_path
from .callers import project_calls, value_origins
from .framework_sites import mentions_framework_sites
from .queries import unknown_query_calls
from .source import SourceMap


def build_index(parsed: ParsedFile, registry: DriverRegistry) -> ModuleIndex:
    tree = parsed.tree
    index = ModuleIndex(parsed.path, LANGUAGE)
    if not isinstance(tree, ast.Module):
        return index
    for node in _all_statements(tree.body):
        if isinstance(node, ast.Import):
            for alias in node.names:
                local = alias.asname or alias.name.split(".")[0]
                index.imports.append(ImportRecord(local, alias.name, None, node.lineno))
                if registry.is_driver_module(LANGUAGE, alias.name):
                    index.imports_driver = True
        elif isinstance(node, ast.ImportFrom):
            module = "." * (node.level or 0) + (node.module or "")
            driver = not module.startswith(".") and registry.is_driver_module(LANGUAGE, module)
            if driver and _gate_import(registry, module, [alias.name for alias in node.names]):
                index.imports_driver = True
            elif not module.startswith(".") and any(
                    registry.is_driver_module(LANGUAGE, join_path(module, alias.name)) for alias in node.names):
                # `from django.db import connection`: the name, not the module, is the library's. A
                # framework's global connection is no resource a helper hands on: the file is checked,
                # but the modules importing it are not drawn in (the import gate's reach)
                index.framework_sites = True
            for alias in node.names:
                local = alias.asname or alias.name
                index.imports.append(ImportRecord(local, module, alias.name, node.lineno))
                if not driver and alias.name != "*":
                    # `from . import db` / `from app import db` may import the submodule
                    # `db`; record it too so the project gate can follow it.
                    index.imports.append(
                        ImportRecord(local, join_path(module, alias.name), None, node.lineno))
    if not index.imports_driver and (b"import_module(" in parsed.source or b"__import__(" in parsed.source):
        index.imports_driver = _imports_driver_dynamically(tree, registry)
    _exports(parsed, tree, registry, index)
    index.calls = project_calls(tree, index.imports)
    index.value_origins = value_origins(tree)
    index.unknown_queries = unknown_query_calls(tree, parsed.source, [r.module for r in index.imports])
    if not index.imports_driver and not index.framework_sites:
        index.framework_sites = mentions_framework_sites(tree, parsed.source, registry,
                                                         [r.module for r in index.imports])
    return index


def _gate_import(registry: DriverRegistry, module: str, names: list[str]) -> bool:
    """Whether ``from module import names`` of a driver module makes the file a driver importer
    (see :attr:`~pglint.drivers.model.DriverModel.gate_names`)."""
    model = registry.driver_for_module(LANGUAGE, module)
    if model is None or not model.gate_names:
        return True
    return any(n == "*" or n in model.gate_names for n in names)


def _imports_driver_dynamically(tree: ast.Module, registry: DriverRegistry) -> bool:
    """``importlib.import_module("psycopg")`` / ``__import__("asyncpg")`` anywhere in the file."""
    for node in ast.walk(tree):
        if (isinstance(node, ast.Call) and len(node.args) == 1
                and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)
                and ((isinstance(node.func, ast.Attribute) and node.func.attr == "import_module")
                     or (isinstance(node.func, ast.Name) and node.func.id in ("import_module", "__import__")))
                and registry.is_driver_module(LANGUAGE, node.args[0].value)):
            return True
    return False


def _exports(parsed: ParsedFile, tree: ast.Module, registry: DriverRegistry,
             index: ModuleIndex) -> None:
    binder = Binder(registry, None, parsed.path, SourceMap(parsed.source))
    scope = binder.scan_module(tree)
    exports = index.exports
    for stmt in _module_level(tree.body):
        if isinstance(stmt, ast.Import):
            for alias in stmt.names:
                if registry.is_driver_module(LANGUAGE, alias.name):
                    continue
                if alias.asname:
                    exports[alias.asname] = ExportRecord(alias.asname, reexport=(alias.name, None))
                else:
                    root = alias.name.split(".")[0]
                    exports[root] = ExportRecord(root, reexport=(root, None))
        elif isinstance(stmt, ast.ImportFrom):
            module = "." * (stmt.level or 0) + (stmt.module or "")
            if not module.startswith(".") and registry.is_driver_module(LANGUAGE, module):
                continue
            for alias in stmt.names:
                if alias.name == "*":
                    continue
                local = alias.asname or alias.name
                exports[local] = ExportRecord(local, reexport=(module, alias.name))
        elif isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            exports[stmt.name] = ExportRecord(stmt.name)
    for name, value in scope.values.items():
        exports[name] = ExportRecord(name, value=value)
    if index.imports_driver:
        # the driver values of each top-level class's fields (``self.pool = Pool(…)``), for
        # modules that import the class (``db: Database`` → ``db.pool``): exported as ``Cls.attr``
        for stmt in tree.body:
            if isinstance(stmt, ast.ClassDef):
                for attr, value in binder.local_class_fields(stmt.name).items():
                    exports.setdefault(f"{stmt.name}.{attr}", ExportRecord(f"{stmt.name}.{attr}", value=value))
    for name, text in scope.consts.items():  # string constants (SQL text other modules import)
        if text is not None and name not in exports:
            exports[name] = ExportRecord(name, text=text)


def _all_statements(body: list[ast.stmt]) -> list[ast.stmt]:
    """Every statement of the file at any depth (imports are statements; expressions are skipped)."""
    out: list[ast.stmt] = []
    stack = list(reversed(body))
    while stack:
        s = stack.pop()
        out.append(s)
        nested: list[ast.stmt] = []
        for name in ("body", "orelse", "finalbody"):
            block = getattr(s, name, None)
            if isinstance(block, list):
                nested.extend(x for x in block if isinstance(x, ast.stmt))
        for h in getattr(s, "handlers", ()) or ():
            nested.extend(h.body)
        for case in getattr(s, "cases", ()) or ():
            nested.extend(case.body)
        stack.extend(reversed(nested))
    return out


def _module_level(body: list[ast.stmt]) -> list[ast.stmt]:
    """Top-level statements, including those inside module-level ``if``/``try``/``with`` blocks."""
    out: list[ast.stmt] = []
    stack = list(reversed(body))
    while stack:
        s = stack.pop()
        out.append(s)
        if isinstance(s, (ast.If, ast.Try, ast.With)) or type(s).__name__ == "TryStar":
            nested: list[ast.stmt] = list(getattr(s, "body", []))
            for h in getattr(s, "handlers", []):
                nested.extend(h.body)
            nested.extend(getattr(s, "orelse", []))
            nested.extend(getattr(s, "finalbody", []))
            stack.extend(reversed(nested))
    return out


def resolve_module(from_path: str, module: str, known_paths: Any) -> str | None:
    """The file ``module`` (as written in ``from_path``) names, if it is one of ``known_paths``."""
    if not module:
        return None
    if module.startswith("."):
        rest = module.lstrip(".")
        level = len(module) - len(rest)
        base = os.path.dirname(from_path)
        for _ in range(level - 1):
            base = os.path.dirname(base)
        return _first_known(base, rest, known_paths)
    d = os.path.dirname(from_path)
    top = module.split(".", 1)[0]
    # a module `a.b` under `d` needs a known path under `d/a`: only those directories are tried
    holders = known_paths.dirs_holding(top) if hasattr(known_paths, "dirs_holding") else None
    if holders is not None and not holders:
        return None  # no project module or package is called `top` (the stdlib, third-party code)
    memo: dict[tuple[str, str], str | None] | None = getattr(known_paths, "memo", None)
    walked: list[str] = []
    found: str | None = None
    while True:
        if memo is not None and (d, module) in memo:
            found = memo[(d, module)]  # an import of `module` from a directory below, answered before
            break
        walked.append(d)
        hit = _first_known(d, module, known_paths) if holders is None or d in holders else None
        if hit is not None:
            found = hit
            break
        parent = os.path.dirname(d)
        if parent == d:
            break
        d = parent
    if memo is not None:
        for w in walked:  # the answer from each directory on the way up is the same
            memo[(w, module)] = found
    return found


def _first_known(base: str, dotted: str, known_paths: Any) -> str | None:
    parts = [p for p in dotted.split(".") if p] if dotted else []
    stem = os.path.normpath(os.path.join(base, *parts)) if parts else os.path.normpath(base)
    candidates = [os.path.join(stem, "__init__.py"), os.path.join(stem, "__init__.pyi")]
    if parts:
        candidates = [stem + ".py", stem + ".pyi", *candidates]
    for c in candidates:
        if c in known_paths:
            return c
    return None
