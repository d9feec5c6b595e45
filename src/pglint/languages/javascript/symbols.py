"""Module-level binding for JavaScript/TypeScript: what each top-level name is, and what the module exports.

This module owns the *cheap* pass over a file's top-level statements that the
index needs and the lowering reuses: import and ``require`` bindings turned into
symbolic values (:class:`ModRef` for a dotted path into a driver module such as
``pg.Pool`` or ``pg.default``, :class:`ProjRef` for a name imported from another
project module, a driver :class:`~pglint.drivers.model.Value` once a factory or
driver instance is recognised), module constants (``const pool = new Pool()``),
and the export records (ESM and CommonJS). It also holds the small static
evaluator both passes use to say what an expression denotes, and the
type-annotation reader (``pool: Pool``, ``client: pg.PoolClient``). It never
descends into function bodies.

Export conventions (what :meth:`ProjectIndex.exported_value` looks up):
``export const x`` / ``exports.x =`` / ``module.exports = { x }`` → key ``x``;
``export default e`` → ``"default"``; a CommonJS whole-module export
``module.exports = e`` (and TypeScript ``export = e``) → both ``"*"`` and
``"default"``, so ``require('./db')`` (name ``None``) and ``import db from './db'``
(name ``"default"``) both find it; ``export * from './m'`` → key ``"* ./m"`` with
``reexport=('./m', None)`` (the adapter follows these itself).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, Union

from ...drivers.model import DriverRegistry, Value
from ..base import ExportRecord, ImportRecord
from .resolver import alias_names_file
from .parsing import (
    CLASS_NODES,
    FUNCTION_DECLARATIONS,
    FUNCTION_LITERALS,
    deep_recursion,
    first_kid,
    kids,
    node_text,
    strip,
    string_value,
    top_level_functions,
)

if TYPE_CHECKING:
    from tree_sitter import Node

    from .parsing import JsSource

LANG = "javascript"


@dataclass(frozen=True, slots=True)
class ModRef:
    """A dotted path into a driver module: ``pg``, ``pg.Pool``, ``pg.default``, ``pg-pool``."""

    path: str


@dataclass(frozen=True, slots=True)
class ProjRef:
    """``name`` imported from the project module ``module`` (specifier as written); ``None`` = the module."""

    module: str
    name: str | None


@dataclass(frozen=True, slots=True)
class ReleaseFn:
    """The ``done``/``release`` parameter of a callback checkout: calling it releases ``var``."""

    var: str


@dataclass(frozen=True, slots=True)
class StrConst:
    """A string constant (``const BEGIN = 'BEGIN'``), for SQL passed by name."""

    text: str


@dataclass(frozen=True, slots=True)
class Instance:
    """An instance of a project class: ``new Database()``, a parameter typed ``db: Database``.

    ``cls`` is the class name; ``module`` the specifier it is imported from (``None``: a class
    declared at the top level of this file)."""

    cls: str
    module: str | None = None


@dataclass(frozen=True, slots=True)
class Record:
    """An object literal with a driver value among its properties (``{ pool: new Pool() }``):
    the values of its properties by name, so ``this.conn.pool`` is the pool."""

    fields: tuple[tuple[str, "Sym"], ...]

    def get(self, prop: str) -> "Sym | None":
        return next((sym for name, sym in self.fields if name == prop), None)


Sym = Union[ModRef, ProjRef, Value, ReleaseFn, StrConst, Instance, Record]
Lookup = Callable[[str], "Sym | None"]
InstanceField = Callable[[Instance, str], "Sym | None"]

STAR_PREFIX = "* "
_JSDOC_IMPORT = re.compile(r"""import\(\s*['"]([^'"]+)['"]\s*\)((?:\.[A-Za-z_$][\w$]*)*)""")
_JSDOC_DOTTED = re.compile(r"[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*")
_JSDOC_TAG = re.compile(r"@(param|arg|argument|type)\s*\{([^{}]*(?:\{[^{}]*\}[^{}]*)*)\}\s*(\[?[A-Za-z_$][\w$]*)?")


def jsdoc_tags(comment: str) -> tuple[str | None, dict[str, str]]:
    """``(@type text, {param name: type text})`` of a ``/** … */`` comment."""
    typ: str | None = None
    params: dict[str, str] = {}
    for m in _JSDOC_TAG.finditer(comment):
        tag, text, name = m.group(1), m.group(2), m.group(3)
        if tag == "type":
            typ = typ or text
        elif name:
            params.setdefault(name.lstrip("["), text)
    return typ, params


def is_relative(spec: str) -> bool:
    return spec.startswith(("./", "../", "/")) or spec in (".", "..")


class Evaluator:
    """Says what an expression or a type denotes, statically, given a name lookup."""

    __slots__ = ("registry", "classes", "instance_field", "containers", "path")

    def __init__(self, registry: DriverRegistry, path: str | None = None) -> None:
        self.registry = registry
        # the file being read: a bare specifier may be one of its tsconfig's path aliases
        self.path = path
        # the lowering's: the classes declared at the top level of the file, and what a field
        # of an instance of a project class holds (``this.db.pool``)
        self.classes: frozenset[str] = frozenset()
        self.instance_field: InstanceField | None = None
        # the lowering's dictionaries of pools: ``pools[url]`` is the pool every store put there
        self.containers: dict[str, Value] = {}

    # -- paths --------------------------------------------------------------
    @staticmethod
    def _variants(path: str) -> tuple[str, ...]:
        if ".default." in path:
            return (path, path.replace(".default.", ".", 1))
        if path.endswith(".default"):
            return (path, path[: -len(".default")])
        return (path,)

    def path_sym(self, path: str) -> Sym:
        """A driver path, or the driver instance it names (``@vercel/postgres.db`` → pool)."""
        for p in self._variants(path):
            v = self.registry.value(LANG, p)
            if v is not None:
                return v
        return ModRef(path)

    def module_sym(self, spec: str, name: str | None) -> Sym | None:
        """What ``import {name} from spec`` / ``require(spec)`` binds (``name=None``: the module)."""
        if self.registry.is_driver_module(LANG, spec):
            return self.path_sym(spec if name is None else f"{spec}.{name}")
        if is_relative(spec) or self.aliased(spec):
            return ProjRef(spec, name)
        return None

    def aliased(self, spec: str) -> bool:
        """``spec`` is a tsconfig path alias (or a name under ``baseUrl``) of a file on disk."""
        return self.path is not None and alias_names_file(self.path, spec)

    def member(self, base: Sym | None, prop: str) -> Sym | None:
        if isinstance(base, ModRef):
            return self.path_sym(f"{base.path}.{prop}")
        if isinstance(base, ProjRef) and base.name in (None, "default"):
            return ProjRef(base.module, prop)
        if isinstance(base, Instance) and self.instance_field is not None:
            return self.instance_field(base, prop)
        if isinstance(base, Record):
            return base.get(prop)
        return None

    def instance_of(self, callee: "Node | None", lookup: Lookup) -> Instance | None:
        """``new Database()`` / a type ``Database``: an instance of a project class, or ``None``."""
        if callee is None:
            return None
        callee = strip(callee)
        if callee.type in ("identifier", "type_identifier"):
            name = node_text(callee)
            sym = lookup(name)
            if sym is None and name in self.classes:
                return Instance(name)
            if isinstance(sym, ProjRef) and sym.name not in (None, "default"):
                assert sym.name is not None
                return Instance(sym.name, sym.module)
            if isinstance(sym, ProjRef) and sym.name == "default":
                return Instance("default", sym.module)
            return None
        if callee.type in ("member_expression", "nested_type_identifier"):
            obj = callee.child_by_field_name("object") or callee.child_by_field_name("module")
            prop = callee.child_by_field_name("property") or callee.child_by_field_name("name")
            if obj is None or prop is None:
                return None
            base = lookup(node_text(obj)) if strip(obj).type == "identifier" else None
            if isinstance(base, ProjRef) and base.name is None:
                return Instance(node_text(prop), base.module)
        return None

    def type_instance(self, node: "Node | None", lookup: Lookup) -> Instance | None:
        """The project class a TypeScript annotation names (``db: Database``, ``Repo | null``)."""
        if node is None:
            return None
        t = node.type
        if t in ("type_annotation", "parenthesized_type", "opting_type_annotation",
                 "omitting_type_annotation", "adding_type_annotation"):
            return self.type_instance(first_kid(node), lookup)
        if t in ("type_identifier", "identifier", "nested_type_identifier"):
            return self.instance_of(node, lookup)
        if t == "union_type":
            for c in kids(node):
                got = self.type_instance(c, lookup)
                if got is not None:
                    return got
        return None

    def construct(self, callee: Sym | None) -> Value | None:
        """``new X()`` / ``X()`` where ``X`` is a driver factory."""
        if isinstance(callee, ModRef):
            for p in self._variants(callee.path):
                hit = self.registry.factory(LANG, p)
                if hit is not None:
                    model, fac = hit
                    return Value(model.name, fac.produces)
        return None

    def method_result(self, recv: Value, name: str) -> Value | None:
        m = self.registry.method(recv, name)
        if m is not None and m.effect == "acquire" and m.acquire_target == "result" and m.produces:
            return Value(recv.driver, m.produces)
        if m is not None and m.effect in ("use", "query") and m.produces and not m.callback:
            return Value(recv.driver, m.produces)  # a query builder's link (knex `db.select()`)
        if m is None:
            info = self.registry.kind_info(recv)
            if info is not None and info.chainable:
                return recv
        return None

    def type_path(self, path: str) -> Value | None:
        for p in self._variants(path):
            v = self.registry.type_value(LANG, p)
            if v is not None:
                return v
        return None

    # -- expressions --------------------------------------------------------
    def require_spec(self, node: "Node") -> str | None:
        """``require('x')`` → ``'x'``."""
        node = strip(node)
        if node.type != "call_expression":
            return None
        fn = node.child_by_field_name("function")
        args = node.child_by_field_name("arguments")
        if fn is None or args is None or fn.type != "identifier" or node_text(fn) != "require":
            return None
        first = first_kid(args)
        return string_value(first) if first is not None else None

    def expr(self, node: "Node | None", lookup: Lookup, this: Lookup | None = None) -> Sym | None:
        if node is None:
            return None
        node = strip(node)
        t = node.type
        if t == "identifier":
            return lookup(node_text(node))
        if t in ("string", "template_string"):
            text = string_value(node)
            return StrConst(text) if text is not None else None
        if t == "await_expression":
            return self.expr(first_kid(node), lookup, this)
        if t == "member_expression":
            obj = node.child_by_field_name("object")
            prop = node.child_by_field_name("property")
            if obj is None or prop is None:
                return None
            obj = strip(obj)
            if obj.type == "this":
                return this(f"this.{node_text(prop)}") if this is not None else None
            return self.member(self.expr(obj, lookup, this), node_text(prop))
        if t == "call_expression":
            spec = self.require_spec(node)
            if spec is not None:
                return self.module_sym(spec, None)
            spec = import_spec(node)
            if spec is not None:  # await import('pg')
                return self.module_sym(spec, None)
            fn = node.child_by_field_name("function")
            if fn is None:
                return None
            fn = strip(fn)
            if fn.type == "member_expression":
                obj = fn.child_by_field_name("object")
                prop = fn.child_by_field_name("property")
                if obj is not None and prop is not None:
                    recv = self.expr(obj, lookup, this)
                    if isinstance(recv, Value):
                        return self.method_result(recv, node_text(prop))
                    if strip(obj).type != "this":
                        # what self.expr(fn) would compute, without evaluating the receiver a
                        # second time (exponential in the length of a.b().c().d() chains)
                        return self.construct(self.member(recv, node_text(prop)))
            callee = self.expr(fn, lookup, this)
            if isinstance(callee, Value):  # knex: db('users') is a query builder
                return self.method_result(callee, "__call__")
            return self.construct(callee)
        if t == "new_expression":
            ctor = node.child_by_field_name("constructor")
            made = self.construct(self.expr(ctor, lookup, this))
            return made if made is not None else self.instance_of(ctor, lookup)
        if t == "object":
            return self.record(node, lookup, this)
        if t == "subscript_expression" and self.containers:
            obj = node.child_by_field_name("object")
            if obj is not None and obj.type == "identifier" and lookup(node_text(obj)) is None:
                return self.containers.get(node_text(obj))
        return None

    def record(self, node: "Node", lookup: Lookup, this: Lookup | None) -> Record | None:
        """``{ pool: new Pool(), name }``: a :class:`Record` when a property holds a driver value
        (directly or in a nested literal), else ``None`` (an ordinary object says nothing)."""
        fields: list[tuple[str, Sym]] = []
        for pair in kids(node):
            if pair.type == "pair":
                key, value = pair.child_by_field_name("key"), pair.child_by_field_name("value")
                if key is None or value is None or key.type == "computed_property_name":
                    continue
                name = string_value(key) if key.type == "string" else node_text(key)
                sym = self.expr(value, lookup, this)
            elif pair.type == "shorthand_property_identifier":
                name = node_text(pair)
                sym = lookup(name)
            else:
                continue
            if name and isinstance(sym, (Value, Record)):
                fields.append((name, sym))
        return Record(tuple(fields)) if fields else None

    # -- JSDoc ----------------------------------------------------------------
    def jsdoc_type(self, text: str, lookup: Lookup) -> Value | Instance | None:
        """The driver value (or project class) a JSDoc type names: ``import('pg').Pool``,
        ``pg.PoolClient``, ``Pool``, ``?Pool``, ``Pool|null``."""
        for part in text.strip().strip("()").split("|"):
            part = part.strip().strip("?!=").strip()
            m = _JSDOC_IMPORT.fullmatch(part)
            if m is not None:
                spec, rest = m.group(1), m.group(2)
                props = [x for x in rest.split(".") if x]
                if not props:
                    continue
                base = self.module_sym(spec, None)
                if isinstance(base, ProjRef):
                    if len(props) == 1:
                        return Instance(props[0], spec)
                    continue
                path = base.path if isinstance(base, ModRef) else None
                if path is not None:
                    v = self.type_path(f"{path}.{'.'.join(props)}")
                    if v is not None:
                        return v
                continue
            if not _JSDOC_DOTTED.fullmatch(part):
                continue
            head, *props = part.split(".")
            sym = lookup(head)
            if isinstance(sym, ModRef):
                v = self.type_path(".".join([sym.path, *props]))
                if v is not None:
                    return v
            elif isinstance(sym, Value) and not props:
                return sym
            elif sym is None and not props and head in self.classes:
                return Instance(head)
            elif isinstance(sym, ProjRef) and sym.name not in (None, "default") and not props:
                assert sym.name is not None
                return Instance(sym.name, sym.module)
        return None

    # -- types --------------------------------------------------------------
    def type_sym(self, node: "Node | None", lookup: Lookup) -> Value | None:
        """The driver value a TypeScript annotation names (``Pool``, ``pg.PoolClient``, unions)."""
        if node is None:
            return None
        t = node.type
        if t in ("type_annotation", "parenthesized_type", "opting_type_annotation",
                 "omitting_type_annotation", "adding_type_annotation"):
            inner = first_kid(node)
            return self.type_sym(inner, lookup)
        if t in ("type_identifier", "identifier"):
            base = lookup(node_text(node))
            if isinstance(base, ModRef):
                return self.type_path(base.path)
            return base if isinstance(base, Value) else None
        if t == "nested_type_identifier":
            path = self._type_dotted(node, lookup)
            return self.type_path(path) if path else None
        if t == "generic_type":  # Repository<User>: the type's name says what it is
            return self.type_sym(node.child_by_field_name("name") or first_kid(node), lookup)
        if t in ("union_type", "intersection_type"):
            for c in kids(node):
                v = self.type_sym(c, lookup)
                if v is not None:
                    return v
        return None

    def _type_dotted(self, node: "Node", lookup: Lookup) -> str | None:
        if node.type in ("identifier", "type_identifier"):
            base = lookup(node_text(node))
            return base.path if isinstance(base, ModRef) else None
        if node.type in ("nested_type_identifier", "nested_identifier", "member_expression"):
            left = node.child_by_field_name("module") or node.child_by_field_name("object")
            right = node.child_by_field_name("name") or node.child_by_field_name("property")
            if left is None:
                parts = list(kids(node))
                if len(parts) < 2:
                    return None
                left, right = parts[0], parts[-1]
            if right is None:
                return None
            head = self._type_dotted(left, lookup)
            return f"{head}.{node_text(right)}" if head else None
        return None


@dataclass(slots=True)
class ModuleSymbols:
    """The result of the top-level pass: bindings, type-only bindings, imports, exports."""

    bindings: dict[str, Sym] = field(default_factory=dict)
    types: dict[str, Sym] = field(default_factory=dict)  # `import type` names
    imports: list[ImportRecord] = field(default_factory=list)
    exports: dict[str, ExportRecord] = field(default_factory=dict)
    imports_driver: bool = False

    def lookup(self, name: str) -> Sym | None:
        return self.bindings.get(name)

    def type_lookup(self, name: str) -> Sym | None:
        got = self.bindings.get(name)
        return got if got is not None else self.types.get(name)


def _export_record(name: str, sym: Sym | None) -> ExportRecord:
    if isinstance(sym, Value):
        return ExportRecord(name, value=sym)
    if isinstance(sym, ProjRef):
        return ExportRecord(name, reexport=(sym.module, sym.name))
    return ExportRecord(name)


class _Collector:
    """Walks the top-level statements once and fills a :class:`ModuleSymbols`."""

    def __init__(self, src: "JsSource", registry: DriverRegistry) -> None:
        self.src = src
        self.ev = Evaluator(registry, src.path)
        self.registry = registry
        self.out = ModuleSymbols()
        self.seen_specs: set[str] = set()
        # export work deferred until every binding is known: (name, expression node | local name)
        self.pending: list[tuple[str, "Node | str"]] = []
        self.whole: "Node | None" = None  # module.exports = <expr>

    def run(self) -> ModuleSymbols:
        for stmt in kids(self.src.root):
            if not stmt.is_error:  # what the grammar could not read binds nothing
                self.statement(stmt)
        self.scan_requires()
        for name, what in self.pending:
            if isinstance(what, str):
                sym = self.out.bindings.get(what)
                self.out.exports[name] = _export_record(name, sym)
            else:
                self.out.exports[name] = _export_record(name, self.ev.expr(what, self.out.lookup))
        if self.whole is not None:
            self.whole_export(self.whole)
        self.out.imports_driver = any(
            self.registry.imports_driver(LANG, r.module, r.name, self.src.source) for r in self.out.imports)
        if self.out.imports_driver:
            self.class_field_exports()
        return self.out

    def class_field_exports(self) -> None:
        """The driver values of each top-level class's fields (``pool = new Pool()``, ``pool:
        Pool``, ``constructor(private pool: Pool)``, ``this.pool = new Pool(…)`` in a method),
        exported as ``Cls.field`` (``default.field`` too for the default export) for the modules
        that import the class (``db: Database`` → ``db.pool``)."""
        for stmt in kids(self.src.root):
            names: list[str] = []
            decl = stmt
            if stmt.type == "export_statement":
                decl = stmt.child_by_field_name("declaration") or stmt.child_by_field_name("value") or stmt
                if any(c.type == "default" for c in stmt.children):
                    names.append("default")
            if decl.type not in CLASS_NODES:
                continue
            name_n = decl.child_by_field_name("name")
            if name_n is not None:
                names.insert(0, node_text(name_n))
            body = decl.child_by_field_name("body")
            if body is None or not names:
                continue
            for attr, value in self.class_fields(body).items():
                for cls in names:
                    self.out.exports.setdefault(f"{cls}.{attr}", ExportRecord(f"{cls}.{attr}", value=value))

    def class_fields(self, body: "Node") -> dict[str, Value]:
        fields: dict[str, Value] = {}
        lookup, type_lookup = self.out.lookup, self.out.type_lookup
        for m in kids(body):
            if m.type in ("field_definition", "public_field_definition"):
                prop = m.child_by_field_name("name") or m.child_by_field_name("property")
                value = m.child_by_field_name("value")
                sym = self.ev.expr(value, lookup) if value is not None else None
                if sym is None:
                    sym = self.ev.type_sym(m.child_by_field_name("type"), type_lookup)
                if prop is not None and isinstance(sym, Value):
                    fields.setdefault(node_text(prop), sym)
            elif m.type == "method_definition":
                params = m.child_by_field_name("parameters")
                typed: dict[str, Value] = {}
                for p in kids(params) if params is not None else []:
                    pname, ptype = param_name_type(p)
                    v = self.ev.type_sym(ptype, type_lookup) if pname is not None else None
                    if pname is None or v is None:
                        continue
                    typed[pname] = v
                    if any(c.type in ("accessibility_modifier", "readonly") for c in p.children):
                        fields.setdefault(pname, v)  # constructor(private pool: Pool)
                mbody = m.child_by_field_name("body")
                if mbody is not None:
                    self.this_assignments(mbody, typed, fields)
        return fields

    def this_assignments(self, body: "Node", typed: dict[str, Value], fields: dict[str, Value]) -> None:
        """``this.x = <driver value>`` in a method body (not in nested classes)."""
        stack = [body]
        while stack:
            n = stack.pop()
            if n.type in CLASS_NODES:
                continue
            if n.type == "assignment_expression":
                left, right = n.child_by_field_name("left"), n.child_by_field_name("right")
                obj = left.child_by_field_name("object") if left is not None and left.type == "member_expression" else None
                prop = left.child_by_field_name("property") if obj is not None and left is not None else None
                if obj is not None and obj.type == "this" and prop is not None and right is not None:
                    r = strip(right)
                    sym = typed.get(node_text(r)) if r.type == "identifier" else None
                    if sym is None:
                        got = self.ev.expr(r, self.out.lookup)
                        sym = got if isinstance(got, Value) else None
                    if sym is not None:
                        fields.setdefault(node_text(prop), sym)
            stack.extend(n.named_children)

    # -- imports ------------------------------------------------------------
    def add_import(self, local: str, spec: str, name: str | None, node: "Node",
                   type_only: bool = False) -> None:
        self.out.imports.append(ImportRecord(local, spec, name, node.start_point[0] + 1))
        self.seen_specs.add(spec)
        if not local:
            return
        sym = self.ev.module_sym(spec, name)
        if sym is None:
            return
        if type_only:
            self.out.types[local] = sym
        else:
            self.out.bindings[local] = sym

    def import_statement(self, stmt: "Node") -> None:
        source = stmt.child_by_field_name("source")
        spec = string_value(source) if source is not None else None
        type_only = any(c.type == "type" for c in stmt.children if not c.is_named)
        req = next((c for c in kids(stmt) if c.type == "import_require_clause"), None)
        if req is not None:  # TS: import pg = require('pg')
            rsrc = req.child_by_field_name("source")
            rspec = string_value(rsrc) if rsrc is not None else None
            ident = first_kid(req)
            if rspec is not None and ident is not None:
                self.add_import(node_text(ident), rspec, None, stmt, type_only)
            return
        if spec is None:
            return
        clause = next((c for c in kids(stmt) if c.type == "import_clause"), None)
        if clause is None:  # import './side-effect'
            self.add_import("", spec, None, stmt)
            return
        for part in kids(clause):
            if part.type == "identifier":
                self.add_import(node_text(part), spec, "default", stmt, type_only)
            elif part.type == "namespace_import":
                ident = first_kid(part)
                if ident is not None:
                    self.add_import(node_text(ident), spec, None, stmt, type_only)
            elif part.type == "named_imports":
                for sp in kids(part):
                    if sp.type != "import_specifier":
                        continue
                    name_n = sp.child_by_field_name("name")
                    alias_n = sp.child_by_field_name("alias")
                    if name_n is None:
                        continue
                    name = (string_value(name_n) if name_n.type == "string"
                            else node_text(name_n)) or ""
                    local = node_text(alias_n) if alias_n is not None else name
                    spec_type = type_only or any(c.type == "type" for c in sp.children
                                                 if not c.is_named)
                    self.add_import(local, spec, name, stmt, spec_type)

    def scan_requires(self) -> None:
        """``require('x')`` / ``import('x')`` anywhere in the file (for the gate), via a query."""
        from .queries import require_calls

        loaders: dict[str, bool] | None = None
        for spec, node in require_calls(self.src, loaders=True):
            if spec in self.seen_specs:
                continue
            if node.type == "member_expression" and not self.registry.is_driver_module(LANG, spec):
                continue  # X.load('pg'): a loader method (TypeORM's PlatformTools), for the gate only
            if node.type == "identifier" and node_text(node) != "require":
                # load('pg'): a function of this file that is a thin wrapper over require/import()
                if not self.registry.is_driver_module(LANG, spec):
                    continue
                if loaders is None:
                    loaders = self.top_loaders()
                if not loaders.get(node_text(node)):
                    continue
            self.seen_specs.add(spec)
            self.out.imports.append(ImportRecord("", spec, None, node.start_point[0] + 1))

    def top_loaders(self) -> dict[str, bool]:
        """The top-level functions of the file, by name: whether each is a module loader."""
        return {name: is_loader(fn) for name, fn in top_level_functions(self.src.root).items()}

    # -- statements -----------------------------------------------------------
    def statement(self, stmt: "Node") -> None:
        t = stmt.type
        if t == "import_statement":
            self.import_statement(stmt)
        elif t in ("lexical_declaration", "variable_declaration"):
            self.declaration(stmt, exported=False)
        elif t == "export_statement":
            self.export_statement(stmt)
        elif t == "expression_statement":
            expr = first_kid(stmt)
            if expr is not None and expr.type == "assignment_expression":
                self.assignment(expr)
        elif t == "ambient_declaration":
            pass

    def declaration(self, decl: "Node", exported: bool) -> None:
        for d in kids(decl):
            if d.type != "variable_declarator":
                continue
            name = d.child_by_field_name("name")
            value = d.child_by_field_name("value")
            if name is None:
                continue
            if name.type == "identifier":
                local = node_text(name)
                sym = self.value_sym(local, value, d)
                if sym is None and value is None:
                    sym = self.ev.type_sym(d.child_by_field_name("type"), self.out.type_lookup)
                if sym is not None:
                    self.out.bindings[local] = sym
                if exported:
                    self.pending.append((local, local))
            elif name.type == "object_pattern" and value is not None:
                base = self.ev.expr(value, self.out.lookup)
                spec = self.ev.require_spec(value)
                for prop, local in pattern_pairs(name):
                    if spec is not None:
                        self.out.imports.append(ImportRecord(local, spec, prop,
                                                             d.start_point[0] + 1))
                        self.seen_specs.add(spec)
                    sym = self.ev.member(base, prop)
                    if sym is not None:
                        self.out.bindings[local] = sym
                    if exported:
                        self.pending.append((local, local))

    def value_sym(self, local: str, value: "Node | None", decl: "Node") -> Sym | None:
        if value is None:
            return None
        # const pg = require('pg'); const Pool = require('pg').Pool
        v = strip(value)
        root, chain = v, []
        while root.type == "member_expression":
            prop = root.child_by_field_name("property")
            obj = root.child_by_field_name("object")
            if prop is None or obj is None:
                break
            chain.append(node_text(prop))
            root = strip(obj)
        spec = self.ev.require_spec(root)
        if spec is not None:
            name = chain[-1] if chain else None
            self.out.imports.append(ImportRecord(local, spec, name, decl.start_point[0] + 1))
            self.seen_specs.add(spec)
        return self.ev.expr(value, self.out.lookup)

    def export_statement(self, stmt: "Node") -> None:
        decl = stmt.child_by_field_name("declaration")
        value = stmt.child_by_field_name("value")
        source = stmt.child_by_field_name("source")
        spec = string_value(source) if source is not None else None
        is_default = any(c.type == "default" for c in stmt.children if not c.is_named)
        if decl is not None:
            if decl.type in ("lexical_declaration", "variable_declaration"):
                self.declaration(decl, exported=True)
            elif decl.type in FUNCTION_DECLARATIONS or decl.type in CLASS_NODES:
                name_n = decl.child_by_field_name("name")
                if name_n is not None and not is_default:
                    self.out.exports[node_text(name_n)] = ExportRecord(node_text(name_n))
                if is_default:
                    self.out.exports["default"] = ExportRecord("default")
            elif decl.type == "ambient_declaration":
                pass
            return
        if value is not None and is_default:
            self.pending.append(("default", value))
            return
        if spec is not None:
            self.seen_specs.add(spec)
            self.out.imports.append(ImportRecord("", spec, None, stmt.start_point[0] + 1))
        clause = next((c for c in kids(stmt) if c.type == "export_clause"), None)
        if clause is not None:
            for sp in kids(clause):
                if sp.type != "export_specifier":
                    continue
                name_n = sp.child_by_field_name("name")
                alias_n = sp.child_by_field_name("alias")
                if name_n is None:
                    continue
                name = node_text(name_n)
                exported = node_text(alias_n) if alias_n is not None else name
                if spec is not None:
                    self.out.exports[exported] = ExportRecord(exported, reexport=(spec, name))
                else:
                    self.pending.append((exported, name))
            return
        ns = next((c for c in kids(stmt) if c.type == "namespace_export"), None)
        if ns is not None and spec is not None:
            ident = first_kid(ns)
            if ident is not None:
                self.out.exports[node_text(ident)] = ExportRecord(node_text(ident),
                                                                  reexport=(spec, None))
            return
        if spec is not None:  # export * from './m'
            key = STAR_PREFIX + spec
            self.out.exports[key] = ExportRecord(key, reexport=(spec, None))
            return
        # TS `export = pool`
        ident = first_kid(stmt)
        if ident is not None and not is_default:
            self.whole = ident

    def assignment(self, expr: "Node") -> None:
        left = expr.child_by_field_name("left")
        right = expr.child_by_field_name("right")
        if left is None or right is None:
            return
        left = strip(left)
        if left.type == "identifier":
            sym = self.ev.expr(right, self.out.lookup)
            if sym is not None:
                self.out.bindings[node_text(left)] = sym
            return
        path = dotted(left)
        if path == "module.exports":
            self.whole = right
        elif path is not None and path.count(".") == 2 and path.startswith("module.exports."):
            self.pending.append((path.rsplit(".", 1)[1], right))
        elif path is not None and path.count(".") == 1 and path.startswith("exports."):
            self.pending.append((path.split(".", 1)[1], right))

    def whole_export(self, value: "Node") -> None:
        """``module.exports = e``: an object literal exports its properties; anything else the module."""
        v = strip(value)
        if v.type == "object":
            for prop in kids(v):
                if prop.type == "shorthand_property_identifier":
                    name = node_text(prop)
                    self.out.exports[name] = _export_record(name, self.out.bindings.get(name))
                elif prop.type == "pair":
                    key = prop.child_by_field_name("key")
                    val = prop.child_by_field_name("value")
                    if key is None or val is None:
                        continue
                    pname = string_value(key) if key.type == "string" else node_text(key)
                    if pname:
                        self.out.exports[pname] = _export_record(
                            pname, self.ev.expr(val, self.out.lookup))
                elif prop.type == "method_definition":
                    mname = prop.child_by_field_name("name")
                    if mname is not None:
                        self.out.exports[node_text(mname)] = ExportRecord(node_text(mname))
            return
        sym = self.ev.expr(value, self.out.lookup)
        spec = self.ev.require_spec(value)
        if spec is not None and sym is None:
            sym = ProjRef(spec, None) if is_relative(spec) or self.ev.aliased(spec) else None
        for whole in ("*", "default"):
            self.out.exports[whole] = _export_record(whole, sym)


def param_name_type(p: "Node") -> tuple[str | None, "Node | None"]:
    """``(name, type node)`` of a simple parameter (``x``, ``x: T``, ``x = 1``, ``private x: T``)."""
    if p.type == "identifier":
        return node_text(p), None
    if p.type in ("required_parameter", "optional_parameter"):
        pat = p.child_by_field_name("pattern")
        typ = p.child_by_field_name("type")
        if pat is not None and pat.type == "identifier":
            return node_text(pat), typ
        if pat is not None and pat.type == "assignment_pattern":
            left = pat.child_by_field_name("left")
            if left is not None and left.type == "identifier":
                return node_text(left), typ
        return None, typ
    if p.type == "assignment_pattern":
        left = p.child_by_field_name("left")
        if left is not None and left.type == "identifier":
            return node_text(left), None
    return None, None


def is_loader(fn: "Node") -> bool:
    """``(name) => require(name)``, ``async function load(m) { return await import(m); }``: every
    ``return`` of ``fn`` loads the module its first parameter names."""
    params = fn.child_by_field_name("parameters")
    single = fn.child_by_field_name("parameter")
    first = (next(iter(kids(params)), None) if params is not None else single)
    if first is None:
        return False
    pname, _ = param_name_type(first)
    if pname is None:
        return False
    body = fn.child_by_field_name("body")
    if body is None:
        return False
    returned: list["Node"] = []
    if body.type != "statement_block":
        returned.append(body)
    else:
        stack = list(kids(body))
        while stack:
            n = stack.pop()
            if n.type in FUNCTION_LITERALS or n.type in FUNCTION_DECLARATIONS or n.type in CLASS_NODES:
                continue
            if n.type == "return_statement":
                arg = first_kid(n)
                if arg is None:
                    return False
                returned.append(arg)
                continue
            stack.extend(kids(n))
    if not returned:
        return False
    for r in returned:
        r = strip(r)
        if r.type == "await_expression":
            inner = first_kid(r)
            if inner is None:
                return False
            r = strip(inner)
        if r.type != "call_expression":
            return False
        callee = r.child_by_field_name("function")
        args = r.child_by_field_name("arguments")
        arg = first_kid(args) if args is not None else None
        if (callee is None or arg is None or node_text(arg) != pname
                or not (callee.type == "import" or (callee.type == "identifier" and node_text(callee) == "require"))):
            return False
    return True


def import_spec(node: "Node") -> str | None:
    """``import('x')`` → ``'x'``."""
    if node.type != "call_expression":
        return None
    fn = node.child_by_field_name("function")
    args = node.child_by_field_name("arguments")
    if fn is None or args is None or fn.type != "import":
        return None
    first = first_kid(args)
    return string_value(first) if first is not None else None


def dotted(node: "Node") -> str | None:
    """``a.b.c`` for a member chain of identifiers (``this`` included), else ``None``."""
    node = strip(node)
    if node.type in ("identifier", "this"):
        return node_text(node)
    if node.type == "member_expression":
        obj = node.child_by_field_name("object")
        prop = node.child_by_field_name("property")
        if obj is None or prop is None or node.child_by_field_name("optional_chain") is not None:
            return None
        head = dotted(obj)
        return f"{head}.{node_text(prop)}" if head is not None else None
    return None


def pattern_pairs(pattern: "Node") -> list[tuple[str, str]]:
    """``{ Pool, native: n }`` → ``[("Pool", "Pool"), ("native", "n")]`` (one level)."""
    out: list[tuple[str, str]] = []
    for p in kids(pattern):
        if p.type == "shorthand_property_identifier_pattern":
            out.append((node_text(p), node_text(p)))
        elif p.type == "pair_pattern":
            key = p.child_by_field_name("key")
            val = p.child_by_field_name("value")
            if key is None or val is None:
                continue
            if val.type == "assignment_pattern":
                val = val.child_by_field_name("left") or val
            if val.type == "identifier":
                name = string_value(key) if key.type == "string" else node_text(key)
                if name:
                    out.append((name, node_text(val)))
        elif p.type == "object_assignment_pattern":
            left = p.child_by_field_name("left")
            if left is not None and left.type == "shorthand_property_identifier_pattern":
                out.append((node_text(left), node_text(left)))
    return out


def collect_module(src: "JsSource", registry: DriverRegistry) -> ModuleSymbols:
    """The module-level symbols of ``src`` (computed once, cached on the source)."""
    if src.symbols is None:
        with deep_recursion(src.tree.root_node):
            src.symbols = _Collector(src, registry).run()
    return src.symbols
