"""Binding for the Python frontend: which names hold pools, connections, cursors and transactions.

A :class:`Scope` is filled by one source-order scan of a module or function body
(nested function and class bodies are scanned separately, when their turn
comes): its imports (``local -> dotted path as written``: ``psycopg2.pool``,
``.db.pool``), the driver :class:`~pglint.drivers.model.Value` of each name that
is bound from a factory, an acquisition, an annotation or another bound name,
the cursors and transactions derived from a tracked connection
(``cur = conn.cursor()``), string constants (for SQL text), local function
definitions (for inlining closures) and ``self.x`` fields. The :class:`Binder`
answers questions about expressions against a scope chain — what value an
expression has, what dotted path it names, what a call checks out — using only
the driver registry and, for names imported from other project modules, the
:class:`~pglint.languages.base.ProjectIndex`. Nothing here emits CFG nodes.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from contextlib import contextmanager
from typing import Any, Iterator

from ...drivers.model import DriverModel, DriverRegistry, Factory, Function, Value
from ..base import ImportRecord, ProjectIndex
from .source import SourceMap

LANGUAGE = "python"
RESOURCE_CATEGORIES = frozenset({"pool-client", "connection"})
TYPING_WRAPPERS = frozenset({
    "typing.Optional", "typing.Union", "typing.Annotated", "typing_extensions.Annotated",
    "typing.Final", "typing.ClassVar",
})
# Calls that wait for or schedule the awaitable they are given as first argument.
AWAIT_WRAPPERS = frozenset({"asyncio.wait_for", "asyncio.shield"})
SCHEDULE_WRAPPERS = frozenset({"asyncio.create_task", "asyncio.ensure_future"})
# Calls that await every awaitable they are given.
GATHER_WRAPPERS = frozenset({"asyncio.gather", "asyncio.run"})
CONTEXT_MANAGER_DECORATORS = frozenset({"contextlib.contextmanager", "contextlib.asynccontextmanager"})
MAX_GETTER_DEPTH = 4
DERIVING_METHODS = {"cursor": "cursor", "transaction": "transaction"}

FunctionNode = ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda


@dataclass(eq=False, slots=True)
class Scope:
    """What one module or function body binds (filled by :meth:`Binder.scan_function` / ``scan_module``)."""

    kind: str  # "module" | "function"
    name: str
    parent: Scope | None = None
    imports: dict[str, str] = field(default_factory=dict)  # local name -> dotted path as written
    values: dict[str, Value] = field(default_factory=dict)
    names: set[str] = field(default_factory=set)  # every name bound here (params, targets, defs)
    global_names: set[str] = field(default_factory=set)
    nonlocal_names: set[str] = field(default_factory=set)
    derived: dict[str, tuple[str, str]] = field(default_factory=dict)  # cur -> (conn, "cursor")
    consts: dict[str, str | None] = field(default_factory=dict)  # name -> string constant (None: ambiguous)
    defs: dict[str, FunctionNode] = field(default_factory=dict)  # local functions and named lambdas
    other_loads: set[str] = field(default_factory=set)  # names read other than as a direct call's callee
    nested: list[ast.AST] = field(default_factory=list)  # nested defs/classes (their loads: on demand)
    nested_loads: set[str] | None = None  # names read inside ``nested`` (computed on first need)
    params: list[str] = field(default_factory=list)
    fields: dict[str, Value] | None = None  # methods: the class's ``self.x`` fields (shared)
    self_name: str | None = None  # methods: the name of ``self``
    # names holding an instance of a project class (``db: Database``, ``repo = Repo()``): the
    # class as a local class name or the dotted path it is imported by
    instances: dict[str, str] = field(default_factory=dict)
    # names holding a dict a project helper returned with the resource under one key
    # (``res = open_db()`` where ``open_db`` ends ``return {"pool": pool, "conn": conn}``): name -> key
    dict_parts: dict[str, str] = field(default_factory=dict)

    def module(self) -> Scope:
        s = self
        while s.parent is not None:
            s = s.parent
        return s

    def binds(self, name: str) -> bool:
        return name in self.names or name in self.imports or name in self.values


@dataclass(frozen=True, slots=True)
class Product:
    """What a call checks out or creates, according to the driver models."""

    value: Value
    model: DriverModel
    api: str  # as written, for messages: ``pool.getconn()``
    context: str  # the model's ContextBehaviour for ``with <call> as x``
    is_method: bool  # a method of a bound value (``pool.getconn``), not a factory
    via: str = ""  # a project helper's call: what it does inside (its summary's origin)
    via_steps: tuple[tuple[str, int, int, str], ...] = ()  # and the witness steps in the helper
    part: str = ""  # a helper returning it as one element of a tuple: "[0]" (see ReturnSummary.part)


class Binder:
    """Answers "what is this expression?" against a scope chain."""

    def __init__(self, registry: DriverRegistry, project: ProjectIndex | None, path: str,
                 source: SourceMap) -> None:
        self.registry = registry
        self.project = project
        self.path = path
        self.source = source
        self._project_values: dict[str, Value | None] = {}
        self._returns: dict[int, Value | None] = {}
        self._function_keys: dict[str, tuple[str, str] | None] = {}
        self.classes: dict[str, ast.ClassDef] = {}  # module-level classes (for self.m() of a base class)
        self._module_scope: Scope | None = None
        self._getter_depth = 0
        # value_of of calls, while no scan is running (scans assign the values lookups read): a chain
        # `a.b().c().d()…` asks for every receiver of every call, O(n²) without it
        self._call_values: dict[tuple[int, int, bool], Value | None] = {}
        self._scanning = 0
        # ``self.x`` fields holding an instance of a project class, per class fields dict (by id;
        # the dict is kept alive beside): ``self.db = Database()`` / ``db: Database`` in the body
        self._field_classes: dict[int, tuple[dict[str, Value], dict[str, str]]] = {}
        self._class_fields_cache: dict[str, dict[str, Value]] = {}
        self._class_fields_busy: set[str] = set()
        # dictionaries of pools of the module: ``_pools[key] = pool`` with the same pool on every
        # store seen by a scan (``None``: something else was stored too), so ``_pools[k]`` is it
        self._containers: dict[str, Value | None] = {}

    # -- names ---------------------------------------------------------------

    def find(self, scope: Scope, name: str) -> Scope | None:
        """The scope that binds ``name`` as seen from ``scope`` (``None``: a builtin or unknown)."""
        s: Scope | None = scope
        if name in scope.global_names:
            s = scope.module()
        while s is not None:
            if s.binds(name):
                return s
            s = s.parent
        return None

    def name_value(self, scope: Scope, name: str) -> Value | None:
        s = self.find(scope, name)
        if s is None:
            return None
        v = s.values.get(name)
        if v is not None:
            return v
        path = s.imports.get(name)
        return self.path_value(path) if path is not None else None

    def name_path(self, scope: Scope, name: str) -> str | None:
        s = self.find(scope, name)
        if s is None or name in s.values:
            return None
        return s.imports.get(name)

    def derived_of(self, scope: Scope, name: str) -> tuple[str, str] | None:
        s = self.find(scope, name)
        return s.derived.get(name) if s is not None else None

    def const_of(self, scope: Scope, name: str) -> str | None:
        s = self.find(scope, name)
        return s.consts.get(name) if s is not None else None

    def fields_for(self, scope: Scope, name: str) -> dict[str, Value] | None:
        """The ``self.x`` fields when ``name`` is a method's ``self`` (also from closures inside it)."""
        s: Scope | None = scope
        while s is not None:
            if s.self_name == name:
                return s.fields
            if name in s.names:
                return None
            s = s.parent
        return None

    # -- expressions ---------------------------------------------------------

    def dotted(self, scope: Scope, e: ast.expr) -> str | None:
        """``psycopg2.pool.ThreadedConnectionPool`` for an expression rooted at an imported name."""
        if isinstance(e, ast.Name):
            return self.name_path(scope, e.id)
        if isinstance(e, ast.Attribute):
            base = self.dotted(scope, e.value)
            return f"{base}.{e.attr}" if base is not None else None
        return None

    def value_of(self, scope: Scope, e: ast.expr, awaited: bool = False) -> Value | None:
        if isinstance(e, ast.Await):
            return self.value_of(scope, e.value, True)
        if isinstance(e, ast.Call):
            key = (id(e), id(scope), awaited)
            if not self._scanning and key in self._call_values:
                return self._call_values[key]
            prod = self.call_product(scope, e, awaited)
            got = prod.value if prod is not None else self.getter_value(scope, e, awaited)
            if not self._scanning:
                self._call_values[key] = got
            return got
        if isinstance(e, ast.Name):
            return self.name_value(scope, e.id)
        if isinstance(e, ast.Attribute):
            if isinstance(e.value, ast.Name):
                fields = self.fields_for(scope, e.value.id)
                if fields is not None:
                    return fields.get(e.attr)
            path = self.dotted(scope, e)
            if path is not None:
                return self.path_value(path)
            # a field of a project class instance: `self.db.pool`, `repo.pool`, `Holder().pool`
            cls = self.instance_class(scope, e.value)
            if cls is not None and cls in self.classes:
                return self.local_class_fields(cls).get(e.attr)
            if cls is not None:
                return self.imported_class_field(cls, e.attr)
            return None
        if isinstance(e, ast.IfExp):
            return self.value_of(scope, e.body) or self.value_of(scope, e.orelse)
        if isinstance(e, ast.BoolOp) and isinstance(e.op, ast.Or):
            for v in e.values:
                val = self.value_of(scope, v)
                if val is not None:
                    return val
            return None
        if isinstance(e, ast.NamedExpr):
            return self.value_of(scope, e.value, awaited)
        if isinstance(e, ast.Subscript):
            read = self.dict_read(scope, e)
            if read is not None:
                return read[1]
            # an element of a driver's exported mapping: Django's `connections[alias]`
            path = self.dotted(scope, e.value)
            if path is not None and self.is_driver_path(path):
                return self.registry.value(LANGUAGE, path + "[]")
        if isinstance(e, ast.Subscript) and isinstance(e.value, ast.Name) and self._containers:
            return self.container_value(scope, e.value.id)
        return None

    def dict_part(self, scope: Scope, e: ast.expr) -> tuple[str, Product] | None:
        """``open_db()`` / ``await open_db()``: a project helper returning a dict that holds a fresh
        resource under one key (``return {"pool": pool, "conn": conn}``): the key and the product."""
        awaited = isinstance(e, ast.Await)
        call = e.value if isinstance(e, ast.Await) else e
        if not isinstance(call, ast.Call):
            return None
        prod = self.call_product(scope, call, awaited, parts=True)
        if prod is None or not prod.part.startswith("."):
            return None
        return prod.part[1:], prod

    def dict_read(self, scope: Scope, e: ast.Subscript) -> tuple[str, Value] | None:
        """``res["conn"]`` (``res`` a :meth:`dict_part` result) or ``open_db()["conn"]``: the
        tracked variable text and the resource's value."""
        key = e.slice
        if not (isinstance(key, ast.Constant) and isinstance(key.value, str)):
            return None
        if isinstance(e.value, ast.Name):
            owner = self.find(scope, e.value.id)
            if owner is None or owner.dict_parts.get(e.value.id) != key.value:
                return None
            v = owner.values.get(f"{e.value.id}[{key.value!r}]")
            return (f"{e.value.id}[{key.value!r}]", v) if v is not None else None
        got = self.dict_part(scope, e.value)
        if got is None or got[0] != key.value:
            return None
        return "", got[1].value

    def container_value(self, scope: Scope, name: str) -> Value | None:
        """The pool every element of the module-level dictionary ``name`` holds, or ``None``."""
        owner = self.find(scope, name)
        if owner is not None and owner.kind != "module":
            return None  # a local of the same name
        return self._containers.get(name)

    def _store_in_container(self, scope: Scope, name: str, value: ast.expr) -> None:
        """``_pools[key] = pool``: a store into a module-level dictionary ``name``."""
        owner = self.find(scope, name)
        if owner is not None and owner.kind != "module":
            return
        v = self.value_of(scope, value)
        if v is None:
            return  # unknown: neither a pool nor evidence against one
        if self.category(v) != "pool" or self._containers.get(name, v) != v:
            self._containers[name] = None
        else:
            self._containers[name] = v

    def call_product(self, scope: Scope, call: ast.Call, awaited: bool,
                     in_with: bool = False, parts: bool = False) -> Product | None:
        """What ``call`` produces per the driver models, or ``None``.

        A call whose model says it returns an awaitable produces nothing unless
        awaited (or entered by ``async with``). A *method* whose only safe use is
        as a context manager (``pool.connection()``: context ``releases``, not
        awaitable) produces nothing outside ``with``.
        """
        func = call.func
        if isinstance(func, ast.Attribute):
            rv = self.value_of(scope, func.value)
            if rv is not None:
                m = self.registry.method(rv, func.attr)
                if m is not None and m.returns_receiver and isinstance(func.value, ast.Call):
                    return self.call_product(scope, func.value, awaited, in_with, parts)
                if (m is None or m.effect != "acquire" or m.acquire_target != "result"
                        or m.produces is None):
                    return None
                ok = in_with or awaited or not m.awaited
                if not in_with and m.context == "releases" and not m.awaited and not m.eager:
                    ok = False
                if not ok:
                    return None
                return Product(Value(rv.driver, m.produces), self.registry.model(rv.driver),
                               self.api_text(call), m.context, True)
        called = self.called_value_product(scope, call, awaited, in_with)
        if called is not None:
            return called
        path = self.dotted(scope, func)
        if path is None:
            return self.helper_product(scope, call, awaited, in_with, parts=parts)
        hit = self.registry.factory(LANGUAGE, path) or self.project_factory(path)
        if hit is not None:
            model, fac = hit
            if in_with or awaited or not fac.awaited:
                return Product(Value(model.name, self.bound_kind(scope, call, fac)), model,
                               self.api_text(call), fac.context, False)
            return None
        if path in AWAIT_WRAPPERS and awaited and call.args and isinstance(call.args[0], ast.Call):
            return self.call_product(scope, call.args[0], True)
        return self.helper_product(scope, call, awaited, in_with, path, parts)

    def bound_kind(self, scope: Scope, call: ast.Call, fac: Factory) -> str:
        """The kind ``call`` of ``fac`` produces: ``fac.unbound`` when the factory holds a resource
        only with a bind of ``fac.bind_kinds`` and the call's bind is not known to be one."""
        if not fac.bind_kinds or fac.unbound is None:
            return fac.produces
        bind: ast.expr | None = None
        if fac.bind_arg is not None and len(call.args) > fac.bind_arg:
            bind = call.args[fac.bind_arg]
        for k in call.keywords:
            if k.arg is not None and k.arg == fac.bind_keyword:
                bind = k.value
        value = self.value_of(scope, bind) if bind is not None and not isinstance(bind, ast.Starred) else None
        return fac.produces if value is not None and value.kind in fac.bind_kinds else fac.unbound

    def called_value_product(self, scope: Scope, call: ast.Call, awaited: bool,
                             in_with: bool) -> Product | None:
        """``SessionLocal()``: a call of a driver value whose model has an acquiring ``__call__``
        (a SQLAlchemy ``sessionmaker``)."""
        func = call.func
        if not isinstance(func, (ast.Name, ast.Attribute)):
            return None
        fv = self.value_of(scope, func)
        m = self.registry.method(fv, "__call__") if fv is not None else None
        if fv is None or m is None or m.effect != "acquire" or m.produces is None:
            return None
        if not (in_with or awaited or not m.awaited):
            return None
        return Product(Value(fv.driver, m.produces), self.registry.model(fv.driver), self.api_text(call),
                       m.context, False)

    def part_product(self, scope: Scope, target: ast.Tuple | ast.List,
                     value: ast.expr) -> tuple[str, Product] | None:
        """``conn, cur = open_both()`` / ``await open_both()``: the target name that receives the
        resource a project helper returns as one element of a tuple, and the product."""
        awaited = isinstance(value, ast.Await)
        call = value.value if isinstance(value, ast.Await) else value
        if not isinstance(call, ast.Call) or any(isinstance(x, ast.Starred) for x in target.elts):
            return None
        prod = self.call_product(scope, call, awaited, parts=True)
        if prod is None or not prod.part.startswith("["):
            return None
        index = int(prod.part[1:-1])
        elt = target.elts[index] if index < len(target.elts) else None
        return (elt.id, prod) if isinstance(elt, ast.Name) else None

    # -- project helpers (function summaries) ------------------------------------

    def helper_product(self, scope: Scope, call: ast.Call, awaited: bool, in_with: bool,
                       path: str | None = None, parts: bool = False) -> Product | None:
        """``get_conn()``: a project function whose summary says it returns (or, as a context
        manager, lends) a fresh resource (``parts``: or one element of a tuple it returns, for
        ``conn, cur = open_both()``)."""
        summ = self.summary_of(scope, call.func)
        if summ is None:
            return None
        ret = summ.lends if in_with and summ.lends is not None else summ.returns
        if ret is None or self.registry.kind_info(ret.value) is None:
            return None
        part = getattr(ret, "part", "")
        if part and (not parts or in_with):
            return None
        if summ.is_async and not (awaited or in_with):
            return None
        # `with helper() as conn` on a returned resource behaves as `with` on that driver's
        # value: psycopg 3 closes the connection, psycopg2 only commits (the summary says which)
        info = self.registry.kind_info(ret.value)
        context = "releases" if ret is summ.lends else (info.with_behaviour if info is not None
                                                        and in_with else "none")
        return Product(ret.value, self.registry.model(ret.value.driver), self.api_text(call),
                       context, False, via=ret.origin, via_steps=ret.steps, part=part)

    def summary_of(self, scope: Scope, func: ast.expr, params: bool = False, known: bool = False) -> Any:
        """The :class:`~pglint.analysis.summaries.FunctionSummary` of the project function
        ``func`` names (asking records the dependency, even when there is none yet; ``params``:
        a resource is passed to it)."""
        if self.project is None:
            return None
        key = self.callee_key(scope, func)
        return self.project.summary(self.path, key, params, known) if key is not None else None

    def callee_key(self, scope: Scope, func: ast.expr) -> tuple[str, str] | None:
        """The project function a callee expression names: ``(path, qualified name)``."""
        if isinstance(func, ast.Name):
            s = self.find(scope, func.id)
            if s is None:
                return None
            if s.kind == "module" and func.id in s.defs and func.id not in s.values:
                return (self.path, func.id)
            imported = s.imports.get(func.id)
            return self.project_function(imported) if imported is not None else None
        if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
            owner: Scope | None = scope
            while owner is not None:
                if owner.self_name == func.value.id:
                    if "." in owner.name:
                        cls = owner.name.rsplit(".", 1)[0]
                        return self.method_key(owner.module(), cls, func.attr, 0)
                    return None
                if func.value.id in owner.names:
                    break
                owner = owner.parent
        if isinstance(func, ast.Attribute):
            instance_cls = self.instance_class(scope, func.value)
            if instance_cls is not None:
                return self.class_method_key(scope, instance_cls, func.attr)
        path = self.dotted(scope, func)
        return self.project_function(path) if path is not None else None

    def class_method_key(self, scope: Scope, cls: str, attr: str) -> tuple[str, str] | None:
        """``attr`` of the project class ``cls`` (a class of this module, or its import path)."""
        if cls in self.classes:
            return self.method_key(scope.module(), cls, attr, 0)
        return self.project_function(f"{cls}.{attr}")

    # -- instances of project classes -------------------------------------------

    def class_ref(self, scope: Scope, e: ast.expr | None) -> str | None:
        """The project class ``e`` names (an annotation or a constructor): a class of this module
        (its name) or a dotted import path that is not a driver's; ``None`` otherwise."""
        if e is None:
            return None
        if isinstance(e, ast.Constant) and isinstance(e.value, str):
            try:
                e = ast.parse(e.value.strip(), mode="eval").body
            except (SyntaxError, ValueError):
                return None
        if isinstance(e, ast.BinOp) and isinstance(e.op, ast.BitOr):  # `Database | None`
            return self.class_ref(scope, e.left) or self.class_ref(scope, e.right)
        if isinstance(e, ast.Subscript) and self.dotted(scope, e.value) == "typing.Optional":
            return self.class_ref(scope, e.slice)
        if isinstance(e, ast.Name):
            s = self.find(scope, e.id)
            if s is not None and s.kind == "module" and e.id in self.classes and e.id not in s.values:
                return e.id
        if isinstance(e, (ast.Name, ast.Attribute)):
            path = self.dotted(scope, e)
            if path is not None and not self.is_driver_path(path) and self.project is not None:
                return path
        return None

    def instance_class(self, scope: Scope, e: ast.expr) -> str | None:
        """The project class of which ``e`` is an instance: a name bound to one, ``self.x``
        holding one, or a constructor call ``Database(...)``."""
        if isinstance(e, ast.Name):
            s = self.find(scope, e.id)
            return s.instances.get(e.id) if s is not None else None
        if isinstance(e, ast.Attribute) and isinstance(e.value, ast.Name):
            fields = self.fields_for(scope, e.value.id)
            if fields is not None:
                got = self._field_classes.get(id(fields))
                return got[1].get(e.attr) if got is not None and got[0] is fields else None
            return None
        if isinstance(e, ast.Call):
            return self.class_ref(scope, e.func) if isinstance(e.func, (ast.Name, ast.Attribute)) else None
        return None

    def imported_class_field(self, cls_path: str, attr: str) -> Value | None:
        """``db.pool`` where ``db`` is an instance of a class imported from a project module
        (``cls_path``: ``.db.Database`` / ``app.db.Database``): what that class's field holds."""
        rest = cls_path.lstrip(".")
        prefix = cls_path[: len(cls_path) - len(rest)]
        if self.project is None or not (prefix or "." in rest):
            return None
        head, _, cls = rest.rpartition(".")
        module = prefix + head  # `.db.Database` → `.db`; `.Database` → `.` (the package)
        target = self.project.resolve(self.path, module)
        return self.project.class_field(target, cls, attr) if target is not None else None

    def field_classes(self, fields: dict[str, Value]) -> dict[str, str]:
        got = self._field_classes.get(id(fields))
        if got is None or got[0] is not fields:
            got = (fields, {})
            self._field_classes[id(fields)] = got
        return got[1]

    def local_class_fields(self, cls: str) -> dict[str, Value]:
        """The ``self.x`` fields of the module-level class ``cls`` (computed once; empty while
        being computed)."""
        got = self._class_fields_cache.get(cls)
        if got is not None:
            return got
        node = self.classes.get(cls)
        if node is None or cls in self._class_fields_busy or self._module_scope is None:
            return {}
        self._class_fields_busy.add(cls)
        try:
            return self.class_fields(node, self._module_scope)
        finally:
            self._class_fields_busy.discard(cls)

    def method_key(self, module: Scope, cls: str, attr: str, depth: int) -> tuple[str, str] | None:
        """``self.attr()`` in class ``cls`` of this module: its own method, else the first base
        class (of this module, or imported from a project module) that defines it."""
        own = (self.path, f"{cls}.{attr}")
        node = self.classes.get(cls)
        if node is None or depth > 4 or any(isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef))
                                            and s.name == attr for s in node.body):
            return own
        for base in node.bases:
            if isinstance(base, ast.Name) and base.id in self.classes:
                found = self.method_key(module, base.id, attr, depth + 1)
            else:
                path = self.dotted(module, base)
                found = self.project_function(f"{path}.{attr}") if path is not None else None
            if found is not None:
                return found
        return own

    def project_function(self, path: str) -> tuple[str, str] | None:
        """``.db.get_conn`` / ``app.db.get_conn`` / ``app.db.Repo.get`` → the project function's key."""
        if self.project is None or self.is_driver_path(path):
            return None
        if path in self._function_keys:
            return self._function_keys[path]
        key = self._project_function(path)
        self._function_keys[path] = key
        return key

    def _project_function(self, path: str) -> tuple[str, str] | None:
        assert self.project is not None
        rest = path.lstrip(".")
        prefix = path[: len(path) - len(rest)]
        parts = rest.split(".") if rest else []
        for cut in (1, 2):
            if len(parts) <= cut - 1 or len(parts) < cut:
                break
            module = prefix + ".".join(parts[:-cut])
            if not module:
                continue
            target = self.project.resolve(self.path, module)
            if target is not None:
                return self.project.function_key(target, ".".join(parts[-cut:]))
        return None

    def project_factory(self, path: str) -> tuple[DriverModel, Factory] | None:
        """A configured acquire helper imported from a project module by a relative import."""
        module, _, name = path.rpartition(".")
        if not path.startswith(".") or self.project is None or not name:
            return None
        file = self.project.resolve(self.path, module)
        return self.registry.project_factory(LANGUAGE, file, name) if file is not None else None

    def declared_function(self, scope: Scope, func: ast.expr) -> Function | None:
        """What ``[tool.pglint.resources]`` declares a call of ``func`` does to an argument
        (release, close, takes-ownership, borrows): by dotted path, by the project file a
        relative import names, or by bare name (also for methods of unknown receivers)."""
        path = self.dotted(scope, func)
        if path is not None:
            found = self.registry.function(LANGUAGE, path)
            module, _, name = path.rpartition(".")
            if found is None and path.startswith(".") and self.project is not None and name:
                file = self.project.resolve(self.path, module)
                if file is not None:
                    found = self.registry.project_function(LANGUAGE, file, name)
            return found
        if isinstance(func, ast.Name):
            return self.registry.function(LANGUAGE, func.id)
        if isinstance(func, ast.Attribute):
            return self.registry.function(LANGUAGE, func.attr)
        return None

    def getter_value(self, scope: Scope, call: ast.Call, awaited: bool) -> Value | None:
        """``get_pool()`` / ``self.get_pool()`` / ``db.pool_of()``: a module-level function of this
        file, or a method of a class of this file, whose returns are all one pool."""
        found = self.getter_node(scope, call.func)
        if found is None:
            # a project function of another module whose summary says it returns a pool
            summ = self.summary_of(scope, call.func) if self.project is not None else None
            pool = getattr(summ, "pool", None) if summ is not None else None
            if pool is None or summ is None or (summ.is_async and not awaited) or self.category(pool) != "pool":
                return None
            return pool
        fn, parent, fields, self_name = found
        if isinstance(fn, ast.AsyncFunctionDef) and not awaited:
            return None
        key = id(fn)
        if key not in self._returns:
            if self._getter_depth >= MAX_GETTER_DEPTH:
                return None  # a getter of a getter of …: give up (not cached; may work from elsewhere)
            self._returns[key] = None  # a recursive getter is not resolved
            self._getter_depth += 1
            try:
                fscope = self.scan_function(fn, parent, fn.name, fields, self_name)
            finally:
                self._getter_depth -= 1
            value: Value | None = None
            for ret in returns_of(fn):
                if ret.value is None or (isinstance(ret.value, ast.Constant) and ret.value.value is None):
                    continue
                v = self.value_of(fscope, ret.value)
                if v is None or (value is not None and v != value):
                    value = None
                    break
                value = v
            self._returns[key] = value if self.category(value) == "pool" else None
        return self._returns[key]

    def getter_node(self, scope: Scope, func: ast.expr) -> tuple[ast.FunctionDef | ast.AsyncFunctionDef, Scope,
                                                                  dict[str, Value] | None, str | None] | None:
        """The function of this file a call of ``func`` runs: a module-level function, or a method
        of a module-level class called on ``self`` or on an instance of the class."""
        if isinstance(func, ast.Name):
            s = self.find(scope, func.id)
            fn = s.defs.get(func.id) if s is not None and s.kind == "module" else None
            if isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)) and s is not None:
                return fn, s, None, None
            return None
        if not isinstance(func, ast.Attribute) or self._module_scope is None:
            return None
        cls: str | None = None
        if isinstance(func.value, ast.Name):
            owner: Scope | None = scope
            while owner is not None:
                if owner.self_name == func.value.id:
                    cls = owner.name.rsplit(".", 1)[0] if "." in owner.name else None
                    break
                if func.value.id in owner.names:
                    break
                owner = owner.parent
        if cls is None:
            cls = self.instance_class(scope, func.value)
        node = self.classes.get(cls) if cls is not None else None
        if node is None or cls is None:
            return None
        for stmt in node.body:
            if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)) and stmt.name == func.attr:
                self_name = method_self_name(stmt)
                fields = self.local_class_fields(cls) if self_name is not None else None
                return stmt, self._module_scope, fields, self_name
        return None

    def api_text(self, call: ast.Call) -> str:
        return self.source.text(call.func, 48) + "()"

    def category(self, value: Value | None) -> str | None:
        if value is None:
            return None
        info = self.registry.kind_info(value)
        return info.category if info is not None else None

    def is_resource(self, value: Value | None) -> bool:
        return self.category(value) in RESOURCE_CATEGORIES

    def tracked_var(self, scope: Scope, e: ast.expr) -> str | None:
        """The variable text when ``e`` names a tracked resource itself (``conn``, ``self.conn``)."""
        if isinstance(e, ast.Name):
            if self.derived_of(scope, e.id) is None and self.is_resource(self.name_value(scope, e.id)):
                return e.id
            return None
        if isinstance(e, ast.Attribute) and isinstance(e.value, ast.Name):
            fields = self.fields_for(scope, e.value.id)
            if fields is not None and self.is_resource(fields.get(e.attr)):
                return f"{e.value.id}.{e.attr}"
        if isinstance(e, ast.Subscript) and isinstance(e.value, ast.Name):
            got = self.dict_read(scope, e)  # res["conn"]: the resource a helper's dict holds
            if got is not None and self.is_resource(got[1]):
                return got[0]
        return None

    def derivation(self, scope: Scope, e: ast.expr) -> tuple[str, str] | None:
        """``(conn, "cursor")`` when ``e`` is ``conn.cursor(...)`` (awaited or not) or a cursor name."""
        if isinstance(e, ast.Await):
            e = e.value
        if isinstance(e, ast.Call) and isinstance(e.func, ast.Attribute):
            kind = DERIVING_METHODS.get(e.func.attr)
            if kind is not None:
                base = self.tracked_var(scope, e.func.value)
                if base is not None:
                    return base, kind
            return None
        if isinstance(e, ast.Name):
            return self.derived_of(scope, e.id)
        return None

    # -- paths: drivers and project modules ------------------------------------

    def path_value(self, path: str) -> Value | None:
        if not path.startswith(".") and self.registry.is_driver_module(LANGUAGE, path):
            value = self.registry.value(LANGUAGE, path)
            # a project module named in [tool.pglint.resources] is still a project module
            return value if value is not None else self.project_value(path)
        return self.project_value(path)

    def is_driver_path(self, path: str | None) -> bool:
        return (path is not None and not path.startswith(".")
                and self.registry.is_driver_module(LANGUAGE, path))

    def project_value(self, path: str) -> Value | None:
        """The value ``module.name`` exported by another project module (``.db.pool``, ``app.db.pool``)."""
        if self.project is None:
            return None
        if path in self._project_values:
            return self._project_values[path]
        result: Value | None = None
        rest = path.lstrip(".")
        prefix = path[: len(path) - len(rest)]
        parts = rest.split(".") if rest else []
        if parts:
            module = prefix + ".".join(parts[:-1])
            name = parts[-1]
            if module:
                result = self.project.imported_value(self.path, ImportRecord(name, module, name))
        self._project_values[path] = result
        return result

    def annotation_value(self, scope: Scope, ann: ast.expr | None) -> Value | None:
        """``conn: asyncpg.Connection``, ``pool: "ConnectionPool | None"``, ``Optional[Pool]`` …"""
        if ann is None:
            return None
        if isinstance(ann, ast.Constant) and isinstance(ann.value, str):
            try:
                parsed = ast.parse(ann.value.strip(), mode="eval")
            except (SyntaxError, ValueError):
                return None
            return self.annotation_value(scope, parsed.body)
        if isinstance(ann, ast.BinOp) and isinstance(ann.op, ast.BitOr):
            return self.annotation_value(scope, ann.left) or self.annotation_value(scope, ann.right)
        if isinstance(ann, ast.Subscript):
            base = self.dotted(scope, ann.value)
            if base is not None:
                v = self.registry.type_value(LANGUAGE, base)
                if v is not None:
                    return v  # psycopg.Connection[TupleRow]
            if base in TYPING_WRAPPERS:
                elts = ann.slice.elts if isinstance(ann.slice, ast.Tuple) else [ann.slice]
                if base is not None and base.endswith("Annotated"):
                    elts = elts[:1]
                for elt in elts:
                    v = self.annotation_value(scope, elt)
                    if v is not None:
                        return v
            return None
        if isinstance(ann, (ast.Name, ast.Attribute)):
            path = self.dotted(scope, ann)
            if path is not None:
                return self.registry.type_value(LANGUAGE, path)
        return None

    # -- scanning --------------------------------------------------------------

    @contextmanager
    def _scan(self) -> Iterator[None]:
        """A scan assigns scope values: no cached call values while it runs, none kept from before."""
        self._scanning += 1
        self._call_values.clear()
        try:
            yield
        finally:
            self._scanning -= 1
            self._call_values.clear()

    def scan_module(self, tree: ast.Module) -> Scope:
        with self._scan():
            return self._scan_module_unlocked(tree)

    def scan_function(self, node: FunctionNode, parent: Scope, name: str,
                      fields: dict[str, Value] | None = None,
                      self_name: str | None = None) -> Scope:
        with self._scan():
            return self._scan_function_unlocked(node, parent, name, fields, self_name)

    def class_fields(self, cls: ast.ClassDef, enclosing: Scope) -> dict[str, Value]:
        """``self.x`` fields: class-level annotations/assignments, then ``self.x = …`` in any method."""
        if enclosing is self._module_scope and self.classes.get(cls.name) is cls:
            cached = self._class_fields_cache.get(cls.name)
            if cached is not None:
                return cached
        with self._scan():
            got = self._class_fields_unlocked(cls, enclosing)
        if enclosing is self._module_scope and self.classes.get(cls.name) is cls:
            self._class_fields_cache.setdefault(cls.name, got)
        return got

    def _scan_module_unlocked(self, tree: ast.Module) -> Scope:
        self.classes = {s.name: s for s in tree.body if isinstance(s, ast.ClassDef)}
        scope = Scope("module", "<module>")
        self._module_scope = scope
        self._scan_stmts(scope, tree.body)
        self._scan_global_assignments(scope, tree.body)
        return scope

    def _scan_function_unlocked(self, node: FunctionNode, parent: Scope, name: str,
                      fields: dict[str, Value] | None = None,
                      self_name: str | None = None) -> Scope:
        scope = Scope("function", name, parent, fields=fields, self_name=self_name)
        args = node.args
        params = [*args.posonlyargs, *args.args, *args.kwonlyargs]
        if args.vararg is not None:
            params.append(args.vararg)
        if args.kwarg is not None:
            params.append(args.kwarg)
        wildcard = self.registry.param_values.get(LANGUAGE)  # only while computing summaries
        for i, a in enumerate(params):
            scope.names.add(a.arg)
            scope.params.append(a.arg)
            v = self.annotation_value(parent, a.annotation)
            if v is None and a.annotation is not None:
                ref = self.class_ref(parent, a.annotation)
                if ref is not None:
                    scope.instances[a.arg] = ref
            if v is None and wildcard is not None and not (i == 0 and self_name is not None):
                v = wildcard
            if v is not None:
                scope.values[a.arg] = v
        if isinstance(node, ast.Lambda):
            self._scan_expr(scope, node.body)
        else:
            self._scan_stmts(scope, node.body)
        return scope

    def _class_fields_unlocked(self, cls: ast.ClassDef, enclosing: Scope) -> dict[str, Value]:
        """``self.x`` fields: class-level annotations/assignments, then ``self.x = …`` in any method."""
        fields: dict[str, Value] = {}
        classes = self.field_classes(fields)
        methods: list[tuple[ast.FunctionDef | ast.AsyncFunctionDef, str]] = []
        for stmt in cls.body:
            if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name):
                ref = self.class_ref(enclosing, stmt.annotation)
                if ref is not None:
                    classes.setdefault(stmt.target.id, ref)
                v = self.annotation_value(enclosing, stmt.annotation)
                if v is None and stmt.value is not None:
                    v = self.value_of(enclosing, stmt.value)
                if v is not None:
                    fields.setdefault(stmt.target.id, v)
            elif isinstance(stmt, ast.Assign):
                v = self.value_of(enclosing, stmt.value)
                if v is not None:
                    for t in stmt.targets:
                        if isinstance(t, ast.Name):
                            fields.setdefault(t.id, v)
            elif isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
                self_name = method_self_name(stmt)
                if self_name is not None:
                    methods.append((stmt, self_name))
        # A second time when the first found fields, so that a field set from another field
        # (``self.conn = self.pool.getconn()`` in a method before the one that sets
        # ``self.pool``) is seen.
        before = len(fields)
        for method, self_name in methods:
            self.scan_function(method, enclosing, f"{cls.name}.{method.name}", fields, self_name)
        if len(fields) > before and len(methods) > 1:
            for method, self_name in methods:
                self.scan_function(method, enclosing, f"{cls.name}.{method.name}", fields, self_name)
        return fields

    def _scan_global_assignments(self, scope: Scope, body: list[ast.stmt]) -> None:
        """``global pool`` + ``pool = await asyncpg.create_pool()`` inside a top-level function."""
        for stmt in body:
            if not isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            names: set[str] = set()
            for s in stmt.body:
                if isinstance(s, ast.Global):
                    names.update(s.names)
            if not names:
                continue
            for node in ast.walk(stmt):
                if isinstance(node, ast.Assign) and node.value is not None:
                    targets: list[ast.expr] = list(node.targets)
                    value: ast.expr | None = node.value
                elif isinstance(node, ast.AnnAssign):
                    targets, value = [node.target], node.value
                else:
                    continue
                for t in targets:
                    if isinstance(t, ast.Name) and t.id in names:
                        v = self.value_of(scope, value) if value is not None else None
                        if v is None and isinstance(node, ast.AnnAssign):
                            v = self.annotation_value(scope, node.annotation)
                        if v is not None:
                            scope.values.setdefault(t.id, v)
                            scope.names.add(t.id)

    def _scan_stmts(self, scope: Scope, stmts: list[ast.stmt]) -> None:
        for s in stmts:
            self._scan_stmt(scope, s)

    def _scan_stmt(self, scope: Scope, s: ast.stmt) -> None:
        if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef)):
            scope.names.add(s.name)
            scope.defs[s.name] = s
            for d in s.decorator_list:
                self._scan_expr(scope, d)
            scope.nested.append(s)
        elif isinstance(s, ast.ClassDef):
            scope.names.add(s.name)
            scope.nested.append(s)
        elif isinstance(s, ast.Import):
            for alias in s.names:
                if alias.asname:
                    scope.imports[alias.asname] = alias.name
                else:
                    root = alias.name.split(".")[0]
                    scope.imports[root] = root
        elif isinstance(s, ast.ImportFrom):
            module = "." * (s.level or 0) + (s.module or "")
            for alias in s.names:
                if alias.name == "*":
                    continue
                scope.imports[alias.asname or alias.name] = join_path(module, alias.name)
        elif isinstance(s, ast.Assign):
            self._scan_expr(scope, s.value)
            for t in s.targets:
                self._scan_target_exprs(scope, t)
                self._bind(scope, t, s.value)
        elif isinstance(s, ast.AnnAssign):
            if s.value is not None:
                self._scan_expr(scope, s.value)
            self._scan_target_exprs(scope, s.target)
            if isinstance(s.target, ast.Name):
                v = self.annotation_value(scope, s.annotation)
                if v is not None and s.target.id not in scope.global_names:
                    scope.values.setdefault(s.target.id, v)
            self._bind(scope, s.target, s.value)
        elif isinstance(s, ast.AugAssign):
            self._scan_expr(scope, s.value)
            self._scan_target_exprs(scope, s.target)
            if isinstance(s.target, ast.Name):
                scope.names.add(s.target.id)
                scope.consts[s.target.id] = None
        elif isinstance(s, (ast.For, ast.AsyncFor)):
            self._scan_expr(scope, s.iter)
            self._bind(scope, s.target, None)
            self._scan_stmts(scope, s.body)
            self._scan_stmts(scope, s.orelse)
        elif isinstance(s, ast.If):
            branch: ast.If = s
            while True:  # an `elif` chain iteratively: generated code has hundreds
                self._scan_expr(scope, branch.test)
                self._scan_stmts(scope, branch.body)
                if len(branch.orelse) == 1 and isinstance(branch.orelse[0], ast.If):
                    branch = branch.orelse[0]
                    continue
                self._scan_stmts(scope, branch.orelse)
                break
        elif isinstance(s, ast.While):
            self._scan_expr(scope, s.test)
            self._scan_stmts(scope, s.body)
            self._scan_stmts(scope, s.orelse)
        elif isinstance(s, (ast.With, ast.AsyncWith)):
            for item in s.items:
                self._scan_with_item(scope, item)
            self._scan_stmts(scope, s.body)
        elif isinstance(s, ast.Try) or type(s).__name__ == "TryStar":
            self._scan_stmts(scope, getattr(s, "body"))
            for h in getattr(s, "handlers"):
                if h.type is not None:
                    self._scan_expr(scope, h.type)
                if h.name:
                    scope.names.add(h.name)
                self._scan_stmts(scope, h.body)
            self._scan_stmts(scope, getattr(s, "orelse"))
            self._scan_stmts(scope, getattr(s, "finalbody"))
        elif isinstance(s, ast.Match):
            self._scan_expr(scope, s.subject)
            for case in s.cases:
                for node in ast.walk(case.pattern):
                    name = getattr(node, "name", None)
                    if isinstance(name, str):
                        scope.names.add(name)
                if case.guard is not None:
                    self._scan_expr(scope, case.guard)
                self._scan_stmts(scope, case.body)
        elif isinstance(s, ast.Global):
            scope.global_names.update(s.names)
        elif isinstance(s, ast.Nonlocal):
            scope.nonlocal_names.update(s.names)
        elif isinstance(s, ast.Delete):
            for t in s.targets:
                self._scan_target_exprs(scope, t)
        else:
            for child in ast.iter_child_nodes(s):
                if isinstance(child, ast.expr):
                    self._scan_expr(scope, child)

    def _scan_with_item(self, scope: Scope, item: ast.withitem) -> None:
        ce = item.context_expr
        self._scan_expr(scope, ce)
        target = item.optional_vars
        if target is None:
            return
        inner = ce.value if isinstance(ce, ast.Await) else ce
        if isinstance(inner, ast.Call):
            if self.dotted(scope, inner.func) == "contextlib.closing" and inner.args:
                self._bind(scope, target, inner.args[0])
                return
            prod = self.call_product(scope, inner, True, in_with=True)
            if prod is not None and isinstance(target, ast.Name):
                scope.names.add(target.id)
                scope.values.setdefault(target.id, prod.value)
                return
        self._bind(scope, target, ce)

    def _scan_target_exprs(self, scope: Scope, target: ast.expr) -> None:
        """Loads inside an assignment target (``d[key()] = …``, ``obj.attr = …``)."""
        if isinstance(target, (ast.Attribute, ast.Subscript)):
            self._scan_expr(scope, target)
        elif isinstance(target, (ast.Tuple, ast.List)):
            for elt in target.elts:
                self._scan_target_exprs(scope, elt)
        elif isinstance(target, ast.Starred):
            self._scan_target_exprs(scope, target.value)

    def _bind(self, scope: Scope, target: ast.expr, value: ast.expr | None) -> None:
        if isinstance(target, ast.Name):
            name = target.id
            if name in scope.global_names or name in scope.nonlocal_names:
                return
            scope.names.add(name)
            if value is None:
                scope.consts[name] = None
                return
            if isinstance(value, ast.Lambda):
                scope.defs[name] = value
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                old = scope.consts.get(name, value.value)
                scope.consts[name] = value.value if old == value.value else None
            else:
                scope.consts[name] = None
            module = imported_module(value, self.dotted(scope, value.func)
                                     if isinstance(value, ast.Call) else None)
            if module is not None and scope.kind == "function":
                scope.imports.setdefault(name, module)  # importlib.import_module("psycopg")
                return
            v = self.value_of(scope, value)
            got = self.dict_part(scope, value) if v is None and self.project is not None else None
            if v is not None:
                scope.values.setdefault(name, v)
            elif got is not None:  # res = open_db(): res["conn"] is the resource
                scope.dict_parts.setdefault(name, got[0])
                scope.values.setdefault(f"{name}[{got[0]!r}]", got[1].value)
            elif self.project is not None:
                cls = self.instance_class(scope, value)
                if cls is not None:
                    scope.instances.setdefault(name, cls)
            d = self.derivation(scope, value)
            if d is not None:
                scope.derived.setdefault(name, d)
        elif isinstance(target, ast.Attribute):
            if value is not None and isinstance(target.value, ast.Name):
                fields = self.fields_for(scope, target.value.id)
                if fields is not None and target.attr not in fields:
                    v = self.value_of(scope, value)
                    if v is not None:
                        fields[target.attr] = v
                    elif self.project is not None:
                        cls = self.instance_class(scope, value)
                        if cls is not None:
                            self.field_classes(fields).setdefault(target.attr, cls)
        elif isinstance(target, (ast.Tuple, ast.List)):
            values: list[ast.expr] | None = None
            if (isinstance(value, (ast.Tuple, ast.List)) and len(value.elts) == len(target.elts)
                    and not any(isinstance(x, ast.Starred) for x in value.elts)):
                values = list(value.elts)
            for i, elt in enumerate(target.elts):
                self._bind(scope, elt, values[i] if values is not None else None)
            got = self.part_product(scope, target, value) if value is not None else None
            if got is not None:  # `conn, cur = open_both()`
                name, prod = got
                scope.values.setdefault(name, prod.value)
        elif isinstance(target, ast.Starred):
            self._bind(scope, target.value, None)
        elif (isinstance(target, ast.Subscript) and isinstance(target.value, ast.Name)
              and value is not None):
            self._store_in_container(scope, target.value.id, value)

    def _scan_expr(self, scope: Scope, e: ast.expr) -> None:
        """Name loads (for the inlining decision) and walrus bindings inside an expression.

        Module scopes need neither (no closure is inlined at module level and a
        module-level walrus binding a pool is not worth a walk of every
        module-level expression in the cheap index pass).
        """
        if scope.kind == "module":
            return
        stack: list[ast.AST] = [e]
        while stack:
            n = stack.pop()
            if isinstance(n, ast.Lambda):
                for sub in ast.walk(n.body):
                    if isinstance(sub, ast.Name) and isinstance(sub.ctx, ast.Load):
                        scope.other_loads.add(sub.id)
                continue
            if isinstance(n, ast.Call):
                if not isinstance(n.func, ast.Name):
                    stack.append(n.func)
                stack.extend(reversed(n.keywords))
                stack.extend(reversed(n.args))
                continue
            if isinstance(n, ast.Name):
                if isinstance(n.ctx, ast.Load):
                    scope.other_loads.add(n.id)
                continue
            if isinstance(n, ast.NamedExpr):
                stack.append(n.value)
                self._bind(scope, n.target, n.value)
                continue
            stack.extend(reversed(list(ast.iter_child_nodes(n))))

    def only_called_here(self, scope: Scope, name: str) -> bool:
        """Is every use of ``name`` in ``scope`` a direct call in the body itself?

        A name read elsewhere (passed on, or used inside a nested function or
        class) may run at another time, so a local closure with that name is not
        inlined. The nested bodies are walked once, and only when a local
        closure is a candidate.
        """
        if name in scope.other_loads:
            return False
        if scope.nested_loads is None:
            loads: set[str] = set()
            for node in scope.nested:
                for sub in ast.walk(node):
                    if isinstance(sub, ast.Name) and isinstance(sub.ctx, ast.Load):
                        loads.add(sub.id)
            scope.nested_loads = loads
        return name not in scope.nested_loads


IMPORT_FUNCTIONS = frozenset({"importlib.import_module", "__import__"})


def imported_module(value: ast.expr, callee: str | None) -> str | None:
    """``importlib.import_module("psycopg")`` / ``__import__("asyncpg")`` → the module name."""
    if not isinstance(value, ast.Call) or len(value.args) != 1 or value.keywords:
        return None
    if callee is None and isinstance(value.func, ast.Name) and value.func.id == "__import__":
        callee = "__import__"
    arg = value.args[0]
    if callee in IMPORT_FUNCTIONS and isinstance(arg, ast.Constant) and isinstance(arg.value, str):
        return arg.value
    return None


def join_path(module: str, name: str) -> str:
    """``from . import db`` → ``.db``; ``from .pkg import db`` → ``.pkg.db``; ``from a import b`` → ``a.b``."""
    if not module or module.strip(".") == "":
        return module + name
    return f"{module}.{name}"


def returns_of(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> list[ast.Return]:
    """The ``return`` statements of ``fn`` itself (not of functions nested in it)."""
    out: list[ast.Return] = []
    stack: list[ast.AST] = list(fn.body)
    while stack:
        n = stack.pop()
        if isinstance(n, ast.Return):
            out.append(n)
        elif isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            continue
        elif isinstance(n, ast.stmt) or isinstance(n, (ast.ExceptHandler, ast.match_case)):
            stack.extend(x for x in ast.iter_child_nodes(n)
                         if isinstance(x, (ast.stmt, ast.ExceptHandler, ast.match_case)))
    return out


def method_self_name(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> str | None:
    """The first parameter of a method (``self``/``cls``), or ``None`` for a static method."""
    for d in fn.decorator_list:
        if isinstance(d, ast.Name) and d.id == "staticmethod":
            return None
    params = [*fn.args.posonlyargs, *fn.args.args]
    return params[0].arg if params else None
