"""What a language frontend hands the engine: its index of a module and its lowered functions.

A frontend (``languages/python``, ``languages/javascript``) implements
:class:`LanguageAdapter`. It is the only code that imports a parser. The engine
calls, per file: ``parse`` → ``index`` (cheap: imports, exports) for every file,
then, for files that may involve PostgreSQL, ``lower`` with the
:class:`ProjectIndex` built from all indexes, so that a pool exported by one
module is known in the modules importing it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any, Protocol

from ..digest import content_hash, digest
from ..drivers.model import DriverRegistry, Value
from ..ir.cfg import Span
from ..ir.lowered import LoweredFile as LoweredFile  # re-exported: frontends and tests name it here


class ParseError(Exception):
    """The file cannot be analysed: syntax error, not UTF-8, too large."""

    def __init__(self, message: str, line: int = 1, column: int = 1, fix: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column
        self.fix = fix  # what to do about it, when not a syntax error


class NewerSyntaxError(ParseError):
    """The file is valid for a newer Python than the one running pglint ("needs Python 3.12")."""


@dataclass(frozen=True, slots=True)
class ParseProblem:
    """Where a file that was analysed only in part failed to parse (reported as a PG001 warning).

    ``specifiers`` are the module names the file's text mentions in ``import``/``require``
    (read from the text, so the part that did not parse counts too); with ``mentions_sql`` they
    tell whether the file may hold database code: one that holds none is not reported.
    """

    message: str
    line: int = 1
    column: int = 1
    specifiers: tuple[str, ...] = ()
    mentions_sql: bool = False  # the file's text has a string that starts like a SQL statement


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
    ``text`` is a string constant's value (``QUERY = "SELECT …"``), for SQL shapes.
    """

    name: str
    value: Value | None = None
    reexport: tuple[str, str | None] | None = None
    text: str | None = None


@dataclass(frozen=True, slots=True)
class CallRecord:
    """One call, in the module that makes it, of a function the module imports or defines
    (``helpers.load(conn, "public")``; ``from .helpers import load`` then ``load(…)``).

    ``module`` is the import specifier of the module defining the function (``None``: the calling
    module itself) and ``name`` its name there. ``args`` and ``keywords`` hold each argument's
    origin class: ``"constant"`` (a literal, a number, a string constant), ``"config"`` (the
    operator's configuration, a test's fixture), ``"param"``, ``"external"`` or ``"unknown"``;
    ``"import:<module>:<name>"`` for a name imported from another module (a constant there, or
    not, once the project is known). ``opaque`` marks a call whose arguments cannot be matched
    to parameters (``f(*args)``, ``f(**kw)``) or a mention of the function as a value (it may be
    called anywhere).
    """

    module: str | None
    name: str
    args: tuple[str, ...] = ()
    keywords: tuple[tuple[str, str], ...] = ()
    opaque: bool = False


@dataclass(slots=True)
class ModuleIndex:
    path: str
    language: str
    imports: list[ImportRecord] = field(default_factory=list)
    exports: dict[str, ExportRecord] = field(default_factory=dict)
    imports_driver: bool = False  # imports a driver module directly
    parse_problem: ParseProblem | None = None  # parsed with errors: only the error-free functions were analysed
    # calls a query method (``cur.execute(…)``, ``db.query(…)``) on a receiver no driver is bound to,
    # with no other database's module imported: its SQL may make it a query of an unknown driver
    unknown_queries: bool = False
    # holds a query or settings site of a framework it imports, found by syntax rather than by a
    # driver import (Django's `Book.objects.raw(…)`, `DATABASES = {…}`)
    framework_sites: bool = False
    # calls of the project's functions (imported or the module's own), with their arguments'
    # origin classes: the callers a parameter's origin is judged by (Python)
    calls: list[CallRecord] = field(default_factory=list)
    # module-level names whose value is a constant or configuration, by origin class
    # (``"constant"``/``"config"``), for the calls of other modules that pass them
    value_origins: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class ParsedFile:
    """A parsed source file. ``tree`` is the frontend's own AST; nobody else looks inside."""

    path: str
    language: str
    source: bytes
    tree: Any
    #: names the frontend read under another spelling (a keyword the JS/TS grammar gap repair
    #: renamed: ``usin$`` -> ``using``); findings show the file's own spelling
    renamed: dict[str, str] = field(default_factory=dict)


class KnownPaths:
    """The project's module paths as resolvers see them: membership, plus every path without
    its extension and every directory above one (``stems()``, built once), so a resolver can
    skip looking up names no module could have."""

    __slots__ = ("paths", "_stems", "_dirs_by_name", "memo")

    def __init__(self, paths: Any) -> None:
        self.paths = paths
        self._stems: set[str] | None = None
        self._dirs_by_name: dict[str, set[str]] | None = None
        self.memo: dict[tuple[str, str], str | None] = {}  # resolvers' answers, by (directory, specifier)

    def __contains__(self, path: object) -> bool:
        return path in self.paths

    def __iter__(self) -> Any:
        return iter(self.paths)

    def __len__(self) -> int:
        return len(self.paths)

    def stems(self) -> set[str]:
        if self._stems is None:
            out: set[str] = set()
            for p in self.paths:
                d = os.path.splitext(p)[0]
                while d not in out:
                    out.add(d)
                    parent = os.path.dirname(d)
                    if parent == d:
                        break
                    d = parent
            self._stems = out
        return self._stems

    def dirs_holding(self, name: str) -> set[str]:
        """The directories ``d`` for which ``d/name`` is a stem (a module or a package on the way to one)."""
        if self._dirs_by_name is None:
            by_name: dict[str, set[str]] = {}
            for stem in self.stems():
                head, tail = os.path.split(stem)
                if tail:
                    by_name.setdefault(tail, set()).add(head)
            self._dirs_by_name = by_name
        return self._dirs_by_name.get(name, set())


class ProjectIndex:
    """Every module's index, and resolution of imports between project modules."""

    def __init__(self, adapters: dict[str, "LanguageAdapter"]) -> None:
        self.modules: dict[str, ModuleIndex] = {}
        self.adapters = adapters
        # derived, rebuilt on demand (not pickled): resolved import edges, dependency digests
        self._targets: dict[str, tuple[tuple[str, str | None], ...]] = {}
        self._digests: dict[str, str] | None = None
        self._involved: set[str] | None = None
        self._received_files: set[str] | None = None  # files defining a function given a known connection
        self._summary_groups: dict[str, list[tuple[tuple[str, str], Any]]] | None = None
        # (language, directory, module) -> resolved path, for adapters whose resolution depends
        # only on the importing file's directory (``resolves_by_directory``)
        self._resolved: dict[tuple[str, str, str], str | None] = {}
        self._known: KnownPaths | None = None
        self._structural: dict[str, str] = {}  # path -> module_digest without summaries
        # (path, function name) -> the project's calls of it (:meth:`callers_of`)
        self._callers: dict[str, dict[str, list[tuple[str, CallRecord]]]] | None = None
        # Function summaries (pglint.analysis.summaries), keyed by (path, qualified name);
        # plain picklable data, filled by the engine before any file is checked.
        self.summaries: dict[tuple[str, str], Any] = {}
        # path -> the function keys its lowering asked summaries for (its callees in the project)
        self.summary_deps: dict[str, set[tuple[str, str]]] = {}
        # path -> the functions it passes a tracked resource to (their parameter summaries matter)
        self.summary_param_deps: dict[str, set[tuple[str, str]]] = {}
        # the functions some call passes a connection of a known driver to (not just a parameter)
        self.summary_received: set[tuple[str, str]] = set()

    def add(self, index: ModuleIndex) -> None:
        self.modules[index.path] = index
        self._changed()

    def remove(self, path: str) -> None:
        """Forget the module ``path`` (deleted, or no longer parses)."""
        if self.modules.pop(path, None) is not None:
            self._changed()

    def _changed(self) -> None:
        self._targets.clear()  # a new module can change what an import resolves to
        self._resolved.clear()
        self._known = None
        self._structural.clear()
        self._digests = None
        self._involved = None
        self._callers = None

    def resolve(self, from_path: str, module: str) -> str | None:
        """The path of the project file ``module`` refers to from ``from_path``, if any."""
        mod = self.modules.get(from_path)
        if mod is None:
            return None
        return self.resolve_in(mod.language, from_path, module)

    def resolve_in(self, language: str, from_path: str, module: str) -> str | None:
        """:meth:`resolve` for a file of ``language`` that may not be a module of the project
        (one that did not parse)."""
        adapter = self.adapters.get(language)
        if adapter is None:
            return None
        if self._known is None:
            self._known = KnownPaths(self.modules.keys())
        if not getattr(adapter, "resolves_by_directory", False):
            return adapter.resolve(from_path, module, self._known)
        key = (language, os.path.dirname(from_path), module)
        try:
            return self._resolved[key]
        except KeyError:
            found = self._resolved[key] = adapter.resolve(from_path, module, self._known)
            return found

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

    def class_field(self, path: str, cls: str, attr: str, _depth: int = 0) -> Value | None:
        """The driver value the field ``attr`` of instances of the class ``cls`` defined (or passed
        on) by ``path`` holds (``self.pool = Pool(…)``; the frontends export it as ``cls.attr``)."""
        mod = self.modules.get(path)
        if mod is None or _depth > 8:
            return None
        rec = mod.exports.get(f"{cls}.{attr}")
        if rec is not None:
            return rec.value
        rec = mod.exports.get(cls)
        if rec is not None and rec.reexport is not None and rec.reexport[1] is not None:
            target = self.resolve(path, rec.reexport[0])
            if target is not None:
                return self.class_field(target, rec.reexport[1], attr, _depth + 1)
        return None

    def imported_value(self, from_path: str, record: ImportRecord) -> Value | None:
        """The driver value a project-module import binds, if the project index knows it."""
        target = self.resolve(from_path, record.module)
        if target is None:
            return None
        return self.exported_value(target, record.name)

    def function_key(self, path: str, name: str, _depth: int = 0) -> tuple[str, str]:
        """The key of the function ``name`` exported by ``path``, following re-exports."""
        key = (path, name)
        if key in self.summaries or _depth > 8:
            return key
        mod = self.modules.get(path)
        rec = mod.exports.get(name) if mod is not None else None
        if rec is not None and rec.reexport is not None and rec.reexport[1] is not None:
            target = self.resolve(path, rec.reexport[0])
            if target is not None:
                return self.function_key(target, rec.reexport[1], _depth + 1)
        return key

    def summary(self, from_path: str, key: tuple[str, str], params: bool = False,
                known: bool = False) -> Any:
        """The summary of the project function ``key`` as called from ``from_path`` (recorded as a
        dependency of ``from_path``; ``params``: a resource is passed to it, so what it does to
        its parameters matters too; ``known``: one of a known driver), or ``None``."""
        self.summary_deps.setdefault(from_path, set()).add(key)
        if params:
            self.summary_param_deps.setdefault(from_path, set()).add(key)
        if known:
            self.summary_received.add(key)
        return self.summaries.get(key)

    def summaries_for(self, path: str) -> dict[tuple[str, str], Any]:
        """The summaries ``path``'s lowering used (for a per-file cache's dependency digest)."""
        return {k: self.summaries[k] for k in sorted(self.summary_deps.get(path, ()))
                if k in self.summaries}

    def dependencies(self, path: str) -> set[str]:
        """``path`` and the project modules it imports, transitively."""
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
            for rec in mod.imports:
                target = self.resolve(p, rec.module)
                if target is not None:
                    stack.append(target)
        return seen

    def callers_of(self, path: str, name: str) -> list[tuple[str, CallRecord]]:
        """The project's calls of the function ``name`` defined at the top level of ``path``, as
        ``(calling module, record)``: calls through imports (followed through re-exports) and the
        module's own, with names imported from other modules resolved to ``"constant"`` (a string
        constant there) or ``"unknown"``. Built for the whole project on first use."""
        return self._caller_map().get(path, {}).get(name, [])

    def _caller_map(self) -> dict[str, dict[str, list[tuple[str, CallRecord]]]]:
        """Per defining module, per function name, its calls (:meth:`callers_of`)."""
        if self._callers is None:
            self._callers = self._gather_calls()
        return self._callers

    def _gather_calls(self) -> dict[str, dict[str, list[tuple[str, CallRecord]]]]:
        out: dict[str, dict[str, list[tuple[str, CallRecord]]]] = {}
        for caller in sorted(self.modules):
            for rec in self.modules[caller].calls:
                where = self._defined_at(caller, rec.module, rec.name)
                if where is None:
                    continue
                args = tuple(self._imported_class(caller, c) for c in rec.args)
                keywords = tuple((k, self._imported_class(caller, c)) for k, c in rec.keywords)
                out.setdefault(where[0], {}).setdefault(where[1], []).append((caller, CallRecord(rec.module, rec.name, args, keywords, rec.opaque)))
        return out

    def _defined_at(self, caller: str, module: str | None, name: str) -> tuple[str, str] | None:
        """Where ``module``'s ``name`` (as ``caller`` imports it; ``None``: its own) is defined:
        ``(path, name)`` after following up to three re-exports."""
        path = caller if module is None else self.resolve(caller, module)
        for _ in range(4):
            if path is None:
                return None
            mod = self.modules[path]
            rec = mod.exports.get(name)
            if rec is None or rec.reexport is None:
                return (path, name) if rec is not None or name in mod.value_origins else None
            spec, original = rec.reexport
            if original is None:
                return None
            path, name = self.resolve(path, spec), original
        return None

    def _imported_class(self, caller: str, cls: str) -> str:
        if not cls.startswith("import:"):
            return cls
        module, _, name = cls[len("import:"):].rpartition(":")
        where = self._defined_at(caller, module, name)
        if where is None:
            return "unknown"
        mod = self.modules[where[0]]
        rec = mod.exports.get(where[1])
        if rec is not None and rec.text is not None:
            return "constant"
        return mod.value_origins.get(where[1], "unknown")

    def involves_postgres(self, path: str) -> bool:
        """Gate: the file imports a driver, or (transitively) a project module that does.

        A module that exports a pool, a connection or a query helper imports a
        driver itself or re-exports one that does, so "reaches a driver import
        through imports and re-exports" covers every file a full analysis could
        report on. Computed for all modules at once (a reverse walk from the
        driver importers), then answered from a set.
        """
        if self._involved is None:
            users: dict[str, list[str]] = {}
            for p in self.modules:
                for target in self.targets(p):
                    users.setdefault(target, []).append(p)
            involved = {p for p, mod in self.modules.items() if mod.imports_driver}
            stack = list(involved)
            while stack:
                for user in users.get(stack.pop(), ()):
                    if user not in involved:
                        involved.add(user)
                        stack.append(user)
            self._involved = involved
        return path in self._involved

    def passes_gate(self, path: str) -> bool:
        """Whether ``path`` is checked when the gate is on: it :meth:`involves_postgres`, it calls a
        query method on a receiver of unknown value (``unknown_queries``: the frontend records a
        query of an unknown driver there only when this is set), or it defines a function some call
        hands a connection of a known driver (``received``: the function summaries, computed
        before the gate, may report how it gives that connection back).

        No other file can have a finding: without a driver import reached through imports, a
        file's own lowering binds no connection, pool or query site. ``tests/test_fixtures.py``
        and ``tests/engine/test_gate.py`` run with and without the gate and require the same output.
        """
        if self.involves_postgres(path):
            return True
        mod = self.modules.get(path)
        if mod is not None and (mod.unknown_queries or mod.framework_sites):
            return True
        if self._received_files is None:
            self._received_files = {key[0] for key, summ in self.summaries.items()
                                    if getattr(summ, "received", False)}
        return path in self._received_files

    # ------------------------------------------------------------------ import graph and digests

    def edges(self, path: str) -> tuple[tuple[str, str | None], ...]:
        """``(specifier, resolved path or None)`` for every import and re-export of ``path`` (cached)."""
        cached = self._targets.get(path)
        if cached is not None:
            return cached
        mod = self.modules.get(path)
        if mod is None:
            return ()
        specs = {rec.module for rec in mod.imports}
        specs.update(rec.reexport[0] for rec in mod.exports.values() if rec.reexport is not None)
        out = tuple((spec, self.resolve(path, spec)) for spec in sorted(specs))
        self._targets[path] = out
        return out

    def targets(self, path: str) -> list[str]:
        """The project modules ``path`` imports or re-exports from (directly)."""
        return [t for _, t in self.edges(path) if t is not None]

    def import_targets(self, path: str) -> list[str]:
        """The project modules ``path``'s imports resolve to, one per import (re-exports not included)."""
        mod = self.modules.get(path)
        if mod is None:
            return []
        resolved = dict(self.edges(path))
        return [t for t in (resolved.get(r.module) for r in mod.imports) if t is not None]

    def lower(self, parsed: ParsedFile, registry: DriverRegistry, function_gate: bool = False) -> LoweredFile:
        """``parsed`` lowered by its language's frontend against this index (the summary pass's
        way to lower a file: :class:`pglint.ir.lowered.LoweringProject`)."""
        return self.adapters[parsed.language].lower(parsed, self, registry, function_gate)

    def reset_digests(self) -> None:
        """Forget the dependency digests (after the function summaries changed)."""
        self._digests = None
        self._summary_groups = None
        self._received_files = None

    def module_digest(self, path: str) -> str:
        """What other modules can see of ``path``: its exports, driver imports and import edges.

        Each component is one line of ``components``; a new kind of cross-module
        fact is one more line: function summaries (issue 6) are the line
        ``("summaries", self.summaries_of(path))`` — the summaries of the
        functions ``path`` defines, so a helper that stops releasing its
        argument invalidates its callers' files. Import line
        numbers are left out, so editing a dependency without changing what it
        exports does not invalidate its importers.
        """
        structural = self._structural.get(path)
        if structural is None:  # everything but the summaries: computed once per run
            mod = self.modules[path]
            # plain tuples of str/bool/None: their repr is deterministic and much cheaper
            # than the generic canonical form (this runs for every module on every run)
            exports = sorted((k, e.name, (e.value.driver, e.value.kind) if e.value is not None else None,
                              e.reexport, e.text) for k, e in mod.exports.items())
            facts = repr((
                ("language", mod.language),
                ("imports_driver", mod.imports_driver),
                ("imports", sorted((r.local, r.module, r.name or "") for r in mod.imports)),
                ("exports", exports),
                ("edges", list(self.edges(path))),
                ("value_origins", sorted(mod.value_origins.items())),
                # the project's calls of its functions: a caller that starts passing a parameter
                # something else changes what the function's own findings are
                ("callers", sorted((name, caller, repr(rec))
                                   for name, calls in self._caller_map().get(path, {}).items() for caller, rec in calls)),
            ))
            structural = self._structural[path] = content_hash(f"{path}\x00{facts}".encode("utf-8", "surrogatepass"))
        summaries = self.summaries_of(path)
        return digest(structural, ("summaries", summaries)) if summaries else structural

    def summaries_of(self, path: str) -> list[tuple[tuple[str, str], Any]]:
        """The function summaries of the functions ``path`` defines (sorted by key)."""
        groups = self._summary_groups
        if groups is None:
            groups = {}
            for key in sorted(getattr(self, "summaries", {})):
                groups.setdefault(key[0], []).append((key, self.summaries[key]))
            self._summary_groups = groups
        return groups.get(path, [])

    def dependency_digest(self, path: str) -> str:
        """A digest of everything ``path``'s analysis can read from other modules.

        It covers the :meth:`module_digest` of ``path`` and of every project
        module it reaches through imports and re-exports, transitively, and
        changes when any of them changes what it exports, when an import starts
        or stops resolving, or when a module appears or disappears on that
        graph. Computed for the whole project at once as a Merkle digest over
        the strongly connected components of the import graph (linear in
        modules + imports); import cycles share one digest. To make another
        cross-module fact (function summaries, issue 6) part of it, add one
        component line in :meth:`module_digest`.
        """
        if self._digests is None:
            self._summary_groups = None
            self._digests = self._merkle_digests()
        return self._digests.get(path, "")

    def _merkle_digests(self) -> dict[str, str]:
        # Iterative Tarjan: components come out children first, so each one's
        # digest can include its (already computed) successors' digests.
        index: dict[str, int] = {}
        low: dict[str, int] = {}
        on_stack: set[str] = set()
        stack: list[str] = []
        comp_of: dict[str, int] = {}
        comp_digest: list[str] = []
        counter = 0
        for root in sorted(self.modules):
            if root in index:
                continue
            work: list[tuple[str, int]] = [(root, 0)]
            while work:
                node, i = work.pop()
                if i == 0:
                    index[node] = low[node] = counter
                    counter += 1
                    stack.append(node)
                    on_stack.add(node)
                succ = self.targets(node)
                if i < len(succ):
                    work.append((node, i + 1))
                    nxt = succ[i]
                    if nxt not in index:
                        work.append((nxt, 0))
                    elif nxt in on_stack:
                        low[node] = min(low[node], index[nxt])
                    continue
                if low[node] == index[node]:
                    members: list[str] = []
                    while True:
                        m = stack.pop()
                        on_stack.discard(m)
                        members.append(m)
                        if m == node:
                            break
                    cid = len(comp_digest)
                    for m in members:
                        comp_of[m] = cid
                    children = {comp_digest[comp_of[t]] for m in members for t in self.targets(m)
                                if comp_of.get(t, cid) != cid}
                    own = sorted((m, self.module_digest(m)) for m in members)
                    comp_digest.append(digest(own, sorted(children)))
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
        return {p: comp_digest[c] for p, c in comp_of.items()}

    # ------------------------------------------------------------------ pickling (process pool)

    def __getstate__(self) -> dict[str, Any]:
        """Everything but the adapters (parsers do not pickle) and derived caches."""
        state = dict(self.__dict__)
        state.pop("adapters", None)
        state["_targets"] = {}
        state["_resolved"] = {}
        state["_known"] = None
        state["_structural"] = {}
        state["_callers"] = None
        state["_digests"] = None
        state["_involved"] = None
        state["_received_files"] = None
        state["_summary_groups"] = None
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        from . import adapters as _adapters

        self.__dict__.update(state)
        self.adapters = dict(_adapters())


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
              registry: DriverRegistry, function_gate: bool = False) -> LoweredFile:
        """The file's CFGs and query/connect sites; with ``function_gate``, only the top-level
        functions and classes that may touch PostgreSQL are lowered (:mod:`pglint.languages.relevance`)."""
        ...


def span_of(line: int, column: int, end_line: int, end_column: int) -> Span:
    return Span(line, column, end_line, end_column)
