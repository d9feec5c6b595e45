"""What a language frontend hands the engine: its index of a module and its lowered functions.

A frontend (``languages/python``, ``languages/javascript``) implements
:class:`LanguageAdapter`. It is the only code that imports a parser. The engine
calls, per file: ``parse`` → ``index`` (cheap: imports, exports) for every file,
then, for files that may involve PostgreSQL, ``lower`` with the
:class:`ProjectIndex` built from all indexes, so that a pool exported by one
module is known in the modules importing it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from ..drivers.model import DriverRegistry, Value
from ..ir.cfg import FunctionCFG, Span
from ..ir.query import ConnectSite, QuerySite


class ParseError(Exception):
    """The file cannot be analysed: syntax error, not UTF-8, too large."""

    def __init__(self, message: str, line: int = 1, column: int = 1, fix: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column
        self.fix = fix  # what to do about it, when not a syntax error


@dataclass(frozen=True, slots=True)
class ImportRecord:
    """``local`` names ``module`` (as written: ``pg``, ``./db``, ``.db``, ``app.db``) or one of its members.

    ``name`` is the imported member (``Pool``), ``"default"`` for a JS default
    import, or ``None`` when ``local`` is the module object itself
    (``import pg from 'pg'`` under CommonJS interop counts as the module;
    ``const pg = require('pg')``; ``import psycopg2``; ``import app.db``).
    """

    local: str
    module: str
    name: str | None
    line: int = 0


@dataclass(frozen=True, slots=True)
class ExportRecord:
    """A module-level name other modules can import.

    ``value`` is set when the frontend's own binding knows what it is
    (``export const pool = new Pool()`` → ``pool(pg)``). ``reexport`` is
    ``(module, name)`` when the name is imported from elsewhere and passed on
    (``from .db import pool``; ``export { pool } from './db'``;
    ``module.exports = require('./db')`` with name ``None`` for the whole module).
    """

    name: str
    value: Value | None = None
    reexport: tuple[str, str | None] | None = None


@dataclass(slots=True)
class ModuleIndex:
    path: str
    language: str
    imports: list[ImportRecord] = field(default_factory=list)
    exports: dict[str, ExportRecord] = field(default_factory=dict)
    imports_driver: bool = False  # imports a driver module directly


@dataclass(slots=True)
class ParsedFile:
    """A parsed source file. ``tree`` is the frontend's own AST; nobody else looks inside."""

    path: str
    language: str
    source: bytes
    tree: Any


@dataclass(slots=True)
class LoweredFile:
    path: str
    language: str
    functions: list[FunctionCFG] = field(default_factory=list)
    queries: list[QuerySite] = field(default_factory=list)  # for the SQL rules (PG105, PG106, PG2xx, PG4xx)
    connects: list[ConnectSite] = field(default_factory=list)  # for PG301/PG302


class ProjectIndex:
    """Every module's index, and resolution of imports between project modules."""

    def __init__(self, adapters: dict[str, "LanguageAdapter"]) -> None:
        self.modules: dict[str, ModuleIndex] = {}
        self.adapters = adapters

    def add(self, index: ModuleIndex) -> None:
        self.modules[index.path] = index

    def resolve(self, from_path: str, module: str) -> str | None:
        """The path of the project file ``module`` refers to from ``from_path``, if any."""
        mod = self.modules.get(from_path)
        if mod is None:
            return None
        adapter = self.adapters.get(mod.language)
        if adapter is None:
            return None
        return adapter.resolve(from_path, module, self.modules.keys())

    def exported_value(self, path: str, name: str | None, _depth: int = 0) -> Value | None:
        """What ``name`` exported from ``path`` is (following re-exports), or ``None``."""
        if _depth > 16:
            return None
        mod = self.modules.get(path)
        if mod is None:
            return None
        key = name if name is not None else "*"
        rec = mod.exports.get(key)
        if rec is None and name is None:
            rec = mod.exports.get("default")
        if rec is None:
            return None
        if rec.value is not None:
            return rec.value
        if rec.reexport is not None:
            target = self.resolve(path, rec.reexport[0])
            if target is not None:
                return self.exported_value(target, rec.reexport[1], _depth + 1)
        return None

    def imported_value(self, from_path: str, record: ImportRecord) -> Value | None:
        """The driver value a project-module import binds, if the project index knows it."""
        target = self.resolve(from_path, record.module)
        if target is None:
            return None
        return self.exported_value(target, record.name)

    def involves_postgres(self, path: str) -> bool:
        """Gate: the file imports a driver, or (transitively) a project module that does."""
        seen: set[str] = set()
        stack = [path]
        while stack:
            p = stack.pop()
            if p in seen:
                continue
            seen.add(p)
            mod = self.modules.get(p)
            if mod is None:
                continue
            if mod.imports_driver:
                return True
            for rec in mod.imports:
                target = self.resolve(p, rec.module)
                if target is not None:
                    stack.append(target)
        return False


class LanguageAdapter(Protocol):
    name: str  # "python" or "javascript" (TypeScript is javascript with types)
    extensions: tuple[str, ...]

    def parse(self, path: str, source: bytes) -> ParsedFile:
        """Parse or raise :class:`ParseError`."""
        ...

    def index(self, parsed: ParsedFile, registry: DriverRegistry) -> ModuleIndex: ...

    def resolve(self, from_path: str, module: str, known_paths: Any) -> str | None:
        """Map an import specifier to one of ``known_paths`` (absolute, normalised)."""
        ...

    def lower(self, parsed: ParsedFile, project: ProjectIndex,
              registry: DriverRegistry) -> LoweredFile: ...


def span_of(line: int, column: int, end_line: int, end_column: int) -> Span:
    return Span(line, column, end_line, end_column)
