"""The function gate: which top-level functions and classes of a file are lowered for checking.

A file that passes the file gate (:meth:`~pglint.languages.base.ProjectIndex.passes_gate`) is
mostly code that never touches PostgreSQL: a top-level function or class whose text names no
driver-bound name, no name of the driver models (``query``, ``connect``, ``release``, ...), no
resource helper of the project (a function with a summary, a name imported from a module that
reaches a driver), no name the module's own code binds outside functions (a module-level pool or
client it may capture) and no SQL cannot hold anything the checks report: it is not lowered.

The decision is made on the top-level statements only (a function, a class with all its methods,
``const f = () => …``), so nested functions, callbacks and methods sharing ``self`` fields are
lowered with the unit that holds them, and the names the kept units define are relevant in turn
(a fixpoint: ``get_conn()`` defined in the file makes its callers relevant). Module-level code is
always lowered. Both frontends use :class:`FunctionGate`; ``Options.function_gate`` switches it
off (the check that the gate changes no result runs every fixture both ways).
"""

from __future__ import annotations

import ast
import keyword
import re
from dataclasses import dataclass
from typing import Callable, Iterable

from ..drivers.model import DriverModel, DriverRegistry
from ..sniff import mentions_sql
from .base import ProjectIndex

_IDENT = re.compile(rb"[A-Za-z_$][\w$]*")


@dataclass(slots=True)
class Unit:
    """A top-level function or class (or a declaration of one): its text and the names it defines."""

    start: int  # byte offsets into the file
    end: int
    names: tuple[str, ...]


def _model_names(model: DriverModel) -> Iterable[str]:
    """The names a model's code is written with: modules, factories, methods, free functions,
    exported values, type names and attributes (not its prose: messages, hints, docs)."""
    yield from model.modules
    yield from (f.path for f in model.factories)
    # an ORM's handles are reached through its own names (an import, a type, a module-level
    # instance: all words already); its plain method names (`select`, `where`, `count`, `commit`)
    # are every program's words, so only its distinctive ones count (`whereRaw`, `$queryRawUnsafe`)
    yield from (m.name for m in model.methods
                if not model.selective_imports or m.name != m.name.lower() or m.name.startswith("$"))
    yield from (f.path for f in model.functions)
    yield from (q.path for q in model.query_functions)
    yield from (mq.name for mq in model.manager_queries)
    yield from model.settings
    yield from model.values
    yield from model.types
    for info in model.kinds.values():
        yield from info.local_attributes


#: keywords of either language (``import``, ``from``): every function has them
_KEYWORDS = frozenset(w.encode() for w in [*keyword.kwlist, *keyword.softkwlist]) | frozenset(
    b"async await break case catch class const continue debugger default delete do else export extends "
    b"false finally for function if import in instanceof let new null return super switch this throw true "
    b"try typeof var void while with yield".split())

_DRIVER_WORDS: dict[tuple[int, str], frozenset[bytes]] = {}


def driver_words(registry: DriverRegistry, language: str) -> frozenset[bytes]:
    """Every identifier the driver models of ``language`` name code with (see :func:`_model_names`)."""
    key = (id(registry), language)
    words = _DRIVER_WORDS.get(key)
    if words is None:
        found: set[bytes] = set()
        for model in registry.for_language(language):
            for text in _model_names(model):
                found.update(_IDENT.findall(text.encode("utf-8", "replace")))
        words = frozenset(found - _KEYWORDS)
        _DRIVER_WORDS[key] = words
    return words


class FunctionGate:
    """Which top-level units of one file are lowered (see the module docstring)."""

    def __init__(self, source: bytes, path: str, language: str, project: ProjectIndex | None,
                 registry: DriverRegistry, units: list[Unit], module_names: Iterable[str],
                 lowered_anyway: Callable[[Unit], bool] | None = None) -> None:
        """``lowered_anyway``: a unit lowered even when it matters not (the JS frontend's test for a
        unit so deeply nested that lowering it is what finds it too deep: a PG001 either way)."""
        words: set[bytes] = set(driver_words(registry, language))
        words.update(n.encode() for n in module_names)
        mod = project.modules.get(path) if project is not None else None
        if mod is None or project is None:
            self.skipped: list[tuple[int, int]] = []
            return
        for rec in mod.imports:
            if registry.is_driver_module(language, rec.module) or rec.name and registry.is_driver_module(
                    language, f"{rec.module}.{rec.name}"):  # `from django.db import connection`
                words.add(rec.local.encode())
                continue
            target = project.resolve(path, rec.module)
            if target is not None and target != path and project.involves_postgres(target):
                words.add(rec.local.encode())
        for _file, qualname in project.summaries:
            words.update(_IDENT.findall(qualname.encode("utf-8", "replace")))
        # relevant: names a relevant word, or is named by a relevant unit (a local helper it calls:
        # what the helper returns, SQL built there, is read at the call); its names become words
        idents = [frozenset(_IDENT.findall(source[u.start:u.end])) for u in units]
        referenced: set[bytes] = set()
        relevant = [False] * len(units)
        changed = True
        while changed:
            changed = False
            for i, unit in enumerate(units):
                if relevant[i]:
                    continue
                names = {n.encode() for n in unit.names}
                if (not words.isdisjoint(idents[i]) or not referenced.isdisjoint(names)
                        or mentions_sql(source[unit.start:unit.end])):
                    relevant[i] = True
                    changed = True
                    words.update(names)
                    referenced.update(idents[i])
        self.skipped = sorted((u.start, u.end) for u, keep in zip(units, relevant)
                              if not keep and (lowered_anyway is None or not lowered_anyway(u)))

    def skips(self, offset: int) -> bool:
        """Whether the code at byte ``offset`` lies in a unit that is not lowered."""
        return any(start <= offset < end for start, end in self.skipped)


_LINE_END = re.compile(rb"\r\n|\r|\n")
_GLOBAL = re.compile(rb"^[ \t]*(?:global|nonlocal)[ \t]+([\w \t,]+)", re.MULTILINE)


def line_starts(source: bytes) -> list[int]:
    """The byte offset of each line's start (lines as ``ast`` counts them: \\n, \\r\\n and \\r)."""
    return [0] + [m.end() for m in _LINE_END.finditer(source)]


def python_gate(source: bytes, tree: "ast.Module", path: str, project: ProjectIndex | None,
                registry: DriverRegistry) -> tuple[FunctionGate, list[int]]:
    """The function gate of a Python module, and its line starts (to place a node: see :func:`python_offset`)."""
    starts = line_starts(source)
    units: list[Unit] = []
    module_names: set[str] = set()
    for stmt in tree.body:
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            first = min([stmt.lineno] + [d.lineno for d in stmt.decorator_list])
            last = stmt.end_lineno or stmt.lineno
            end = starts[last] if last < len(starts) else len(source)
            units.append(Unit(starts[first - 1], end, (stmt.name,)))
            continue
        stack: list[ast.AST] = [stmt]
        while stack:
            n = stack.pop()
            if isinstance(n, ast.Name) and not isinstance(n.ctx, ast.Load):
                module_names.add(n.id)
            elif isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                module_names.add(n.name)  # defined in module-level control flow: always lowered
                continue
            elif isinstance(n, ast.Lambda):
                continue
            stack.extend(ast.iter_child_nodes(n))
    for m in _GLOBAL.finditer(source):
        module_names.update(w.decode() for w in _IDENT.findall(m.group(1)))
    return FunctionGate(source, path, "python", project, registry, units, module_names), starts


def python_offset(starts: list[int], node: "ast.AST") -> int:
    """The byte offset at which ``node`` starts."""
    line = getattr(node, "lineno", 1)
    return starts[line - 1] + (getattr(node, "col_offset", 0) or 0)
