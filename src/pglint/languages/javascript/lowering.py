"""Lowering of JavaScript/TypeScript functions into pglint's control-flow graphs.

This module owns the walk that turns each function-like node of a tree-sitter
tree (declarations, expressions, arrows, methods, getters, constructors, class
field arrows, static blocks, and the module top level ``<module>``) into a
:class:`~pglint.ir.cfg.FunctionCFG`, following ``docs/lowering.md``: one event
per node (acquire, release, use, escape, alias, kill, begin/commit/rollback,
call, branch, return, raise), an exception edge from every call/await/new to the
innermost ``catch``, ``finally`` copy or ``raise-exit``, ``finally`` bodies
lowered once per continuation, short circuits and ``?.`` as branches with
truthiness assumptions, promise chains inlined as try/catch/finally, callback
checkouts (``pool.connect((err, client, done) => …)``) as their own graph with
an acquire at entry, query callbacks and called local closures inlined. Which
call acquires or releases what comes only from the driver models, through the
values names are bound to (imports, factories, ``this.x`` fields, TypeScript
annotations and parameter properties, the project index).

A tree with parse errors (the grammars reject some valid code) is lowered in
part: ``<module>`` from its error-free top-level statements, every function and
class member whose subtree has no ``ERROR``/``MISSING`` node as usual, and a
function with an error inside is skipped whole (:meth:`FileLowering.run`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, Union

from ...analysis.sql import transaction_effect
from ...analysis.summaries import return_part_label
from ...drivers.model import DriverRegistry, Function, Method, Value
from ...ir.cfg import (AcquireInfo, Assume, CallInfo, CFGBuilder, EdgeKind, Ev, FunctionCFG, ReleaseInfo,
                       Span)
from ...ir.query import ConnectSite, QuerySite
from ..base import ImportRecord, ProjectIndex
from .parsing import (
    CLASS_NODES,
    FUNCTION_DECLARATIONS,
    FUNCTION_LITERALS,
    compact,
    deep_recursion,
    first_kid,
    kids,
    node_text,
    pattern_names,
    strip,
    string_value,
    top_level_functions,
)
from .gate import js_gate
from .queries import assignments
from .sites import NoSites, SiteRecorder, unknown_query_calls
from .symbols import (
    STAR_PREFIX,
    Evaluator,
    Instance,
    ModRef,
    ModuleSymbols,
    ProjRef,
    ReleaseFn,
    StrConst,
    Sym,
    dotted,
    import_spec,
    is_loader,
    jsdoc_tags,
    pattern_pairs,
)
from .symbols import param_name_type as _param_name_type

if TYPE_CHECKING:
    from tree_sitter import Node

    from ...analysis.summaries import FunctionSummary

    from .parsing import JsSource

LANG = "javascript"
RESOURCE_CATEGORIES = frozenset({"pool-client", "connection", "unopened"})
PROMISE_METHODS = frozenset({"then", "catch", "finally"})
#: methods that run SQL on a receiver of unknown value (a query of an unknown driver; see sites.py)
UNKNOWN_QUERY_METHODS = frozenset({"query", "execute"})
# calls that are no exception source a leak's witness should go through: registering or removing
# an event listener (`client.on('error', …)`), and logging to the console
LISTENER_METHODS = frozenset({"on", "once", "off", "addListener", "removeListener",
                              "removeAllListeners", "prependListener", "prependOnceListener",
                              "setMaxListeners"})


_LONGEST_REJECTION_CALLEE = len("assert.isRejected")


def expects_rejection(call: "Node") -> bool:
    """``expect(x).rejects…`` (Jest, Vitest) or ``assert.rejects(x)`` / ``assert.throws(x)``."""
    fn = call.child_by_field_name("function")
    if fn is None or fn.end_byte - fn.start_byte > _LONGEST_REJECTION_CALLEE:
        return False  # a longer callee is none of the names below: its text is not worth reading
    text = node_text(fn)
    if text in ("assert.rejects", "assert.throws", "assert.isRejected"):
        return True
    parent = call.parent
    if text == "expect" and parent is not None and parent.type == "member_expression":
        prop = parent.child_by_field_name("property")
        return prop is not None and node_text(prop) == "rejects"
    return False


def quiet_call(label: str) -> bool:
    """Whether the call ``label`` (``console.error``, ``client.on``) cannot throw in practice."""
    head, _, last = label.rpartition(".")
    return head == "console" or (bool(head) and last in LISTENER_METHODS)
CHAIN_NODES = frozenset({"member_expression", "call_expression", "subscript_expression"})
#: Values that build an object from what is passed to them: `new Session(client)`, `wrap(client)`,
#: `await open(client)`, `{ client, user }`
WRAPPER_BUILDERS = frozenset({"new_expression", "call_expression", "await_expression", "object"})
USE_LEVEL, ESCAPE_LEVEL = 1, 2
NORMAL, TRUE, FALSE, EXCEPTION = EdgeKind.NORMAL, EdgeKind.TRUE, EdgeKind.FALSE, EdgeKind.EXCEPTION
NULLISH = frozenset({"null", "undefined"})
#: The longest qualified name of a nested function kept whole (``outer/<callback@3:5>/…``); longer
#: ones keep their two ends, so thousands of nested callbacks do not cost quadratic memory.
MAX_NAME = 600
BUILTIN_ERRORS = frozenset({"Error", "TypeError", "RangeError", "SyntaxError", "ReferenceError",
                            "EvalError", "URIError", "AggregateError"})
SKIPPED_STATEMENTS = frozenset({
    "empty_statement", "import_statement", "debugger_statement", "comment",
    "interface_declaration", "type_alias_declaration", "enum_declaration",
    "ambient_declaration", "abstract_method_signature", "function_signature",
    "index_signature", "hash_bang_line", "import_alias",
})

Pending = tuple[int, EdgeKind, tuple[Assume, ...]]


# ---------------------------------------------------------------------------
# Values the walk passes around.

@dataclass(frozen=True, slots=True)
class EVal:
    """What lowering an expression produced: its abstract value and the variable naming it."""

    sym: Sym | None = None
    var: str | None = None  # identifier / this.x path / temporary naming the value
    bound: bool = False  # an acquisition (or alias) was bound to the requested name


@dataclass(frozen=True, slots=True)
class Bind:
    """The name an acquisition in this expression should be bound to, and where that name is."""

    name: str
    node: "Node"
    temp: bool = False  # a synthetic name for a value that is passed on, not a variable


# ---------------------------------------------------------------------------
# Control contexts (innermost last on the stack).

@dataclass(slots=True)
class LoopCtx:
    labels: frozenset[str]
    brk: int
    cont: int


@dataclass(slots=True)
class BreakCtx:
    """``switch`` or a labelled non-loop statement: a ``break`` target only."""

    labels: frozenset[str]
    brk: int
    switch: bool


@dataclass(slots=True)
class CatchCtx:
    entry: int
    used: bool = False


@dataclass(slots=True)
class FinallyCtx:
    body: Callable[[], None]
    copies: dict[tuple[str, int], int] = field(default_factory=dict)
    pending: list[tuple[tuple[str, int], int]] = field(default_factory=list)  # not lowered yet


@dataclass(slots=True)
class InlineCtx:
    """An inlined callback or closure: its ``return`` goes to ``cont``."""

    cont: int


Ctx = Union[LoopCtx, BreakCtx, CatchCtx, FinallyCtx, InlineCtx]


class Scope:
    """Names declared in one function (or one inlined body): what each is bound to."""

    __slots__ = ("vars", "parent", "owner", "closures", "hoisted")

    def __init__(self, parent: "Scope | None", owner: object,
                 vars: dict[str, Sym | None] | None = None) -> None:
        self.vars: dict[str, Sym | None] = vars if vars is not None else {}
        self.parent = parent
        self.owner = owner
        self.closures: dict[str, "Node"] = {}  # local functions that touch an outer resource
        self.hoisted: dict[str, "Node"] = {}  # function declarations not lowered yet

    def find(self, name: str) -> "Scope | None":
        s: Scope | None = self
        while s is not None:
            if name in s.vars:
                return s
            s = s.parent
        return None


# ---------------------------------------------------------------------------

class FileLowering:
    """Lowers every function of one file; shares caches between the per-function walks."""

    def __init__(self, src: "JsSource", symbols: ModuleSymbols, project: ProjectIndex,
                 registry: DriverRegistry, function_gate: bool = False) -> None:
        self.src = src
        # the function gate (:mod:`pglint.languages.relevance`): top-level units not lowered
        self.gate = js_gate(src, project, registry) if function_gate and not registry.param_values else None
        self.symbols = symbols
        self.project = project
        self.registry = registry
        self.ev = Evaluator(registry, src.path)
        self.cfgs: list[FunctionCFG | None] = []
        self.summaries: dict[int, dict[str, int]] = {}
        self.in_progress: set[int] = set()
        self._project_values: dict[ProjRef, Value | None] = {}
        # query and connect sites, for the pattern rules (none while computing function summaries)
        self.sites = NoSites(src, symbols) if registry.param_values else SiteRecorder(src, symbols)
        # `.query()` / `.execute()` on a receiver of unknown value may be a query of an unknown
        # driver: only in a file that imports no driver and that the index let through the gate
        # for it (in a node-postgres file a handle of unknown value is most often another
        # library's: knex's connection, a migration tool's client)
        mod = project.modules.get(src.path) if project is not None else None
        self.unknown_queries = not symbols.imports_driver and (
            mod.unknown_queries if mod is not None else
            unknown_query_calls(src.source, [r.module for r in symbols.imports]))
        self.class_bases: dict[str, "Node"] = {}  # class (as in method names) -> its `extends` expression
        # `this.x = v` of the file by the class body they belong to (one query for the file, not one per class)
        self._this_assigns: dict[int, list[tuple["Node", "Node", "Node"]]] | None = None
        # every `this.x = …` and `name[key] = …` of the file, found in one query (see assignments_of_file)
        self._assignments: tuple[list[tuple["Node", "Node", "Node"]], list[tuple[str, "Node"]]] | None = None
        self._local_classes: set[str] | None = None
        self._class_nodes: dict[str, "Node"] | None = None
        self._top_functions: dict[str, "Node"] | None = None
        self._class_fields: dict[str, dict[str, Sym]] = {}  # top-level class -> its this.x fields
        self._returned: dict[int, Value | None] = {}  # getter function -> the pool it returns
        self._loaders: dict[int, bool] = {}  # function -> whether it is `(name) => require(name)`
        self.released: dict[int, frozenset[str]] = {}  # function -> the captured resources it releases
        # `const [client, done] = await checkout()`: the call node whose result is destructured, and
        # the pattern; then the names a part-returning helper's call bound (see summarised_call)
        self.pattern_call: tuple[int, "Node"] | None = None
        self.pattern_bound: dict[str, Sym] = {}
        self.module_scope: Scope | None = None
        self.ev.classes = frozenset(self.local_classes())
        self.ev.instance_field = self.instance_field
        self.ev.containers = self.pool_containers()

    def pool_containers(self) -> dict[str, Value]:
        """The dictionaries of pools of this file: a name whose every ``name[key] = value`` stores
        the same pool (``pools[url] = new Pool(…); return pools[url]``), so ``name[k]`` is that
        pool. Values this pass cannot evaluate (a local ``pool``) are added by the lowering walk
        (:meth:`FunctionLowerer.assign_to`); a store of anything else disqualifies the name."""
        found: dict[str, Value | None] = {}
        if not self.symbols.imports_driver:
            return {}
        for name, value in self.assignments_of_file()[1]:
            sym = self.ev.expr(value, self.symbols.lookup)
            v = self.project_value(sym) if isinstance(sym, ProjRef) else sym
            if sym is None and strip(value).type == "identifier":
                continue  # a local: the lowering walk decides
            info = self.registry.kind_info(v) if isinstance(v, Value) else None
            if (not isinstance(v, Value) or info is None or info.category != "pool"
                    or found.get(name, v) != v):
                found[name] = None
            else:
                found[name] = v
        return {k: v for k, v in found.items() if v is not None}

    def local_classes(self) -> set[str]:
        """The names of the classes declared at the top level of this file (exported or not)."""
        if self._local_classes is None:
            self._local_classes = set(self.class_nodes())
        return self._local_classes

    def class_nodes(self) -> dict[str, "Node"]:
        """The classes declared at the top level of this file, by name."""
        if self._class_nodes is None:
            found: dict[str, "Node"] = {}
            for stmt in kids(self.src.root):
                decl = stmt.child_by_field_name("declaration") if stmt.type == "export_statement" else stmt
                if decl is not None and decl.type in CLASS_NODES:
                    name = decl.child_by_field_name("name")
                    if name is not None:
                        found.setdefault(node_text(name), decl)
            self._class_nodes = found
        return self._class_nodes

    def top_functions(self) -> dict[str, "Node"]:
        """The functions declared at the top level of this file (``function f``, ``const f = () => …``)."""
        if self._top_functions is None:
            self._top_functions = top_level_functions(self.src.root)
        return self._top_functions

    def instance_field(self, inst: Instance, prop: str) -> Sym | None:
        """What ``this.<prop>`` holds in a class of this file (``this.db.pool``), or in a class
        imported from a project module (its fields' driver values are exported as ``Cls.prop``)."""
        if inst.module is not None:
            target = self.project.resolve(self.src.path, inst.module)
            return self.project.class_field(target, inst.cls, prop) if target is not None else None
        fields = self._class_fields.get(inst.cls)
        if fields is None:
            node = self.class_nodes().get(inst.cls)
            body = node.child_by_field_name("body") if node is not None else None
            if body is None or self.module_scope is None:
                return None
            self._class_fields[inst.cls] = {}  # a class holding an instance of itself
            fields = self.class_fields(body, self.module_scope)
            self._class_fields[inst.cls] = fields
        return fields.get("this." + prop)

    def method_node(self, cls: str, name: str) -> "Node | None":
        """The method ``name`` of the top-level class ``cls`` of this file."""
        node = self.class_nodes().get(cls)
        body = node.child_by_field_name("body") if node is not None else None
        if body is None:
            return None
        for m in kids(body):
            if m.type == "method_definition" and _member_name(m) == name:
                return m
        return None

    def returned_pool(self, fn: "Node", this: dict[str, Sym] | None) -> Value | None:
        """The pool ``fn`` returns on every ``return`` (``makePool()``, ``async open() { return
        new Pool(); }``), statically: its returned expressions and the local constants they name."""
        key = fn.id
        if key in self._returned:
            return self._returned[key]
        self._returned[key] = None  # a recursive getter is not resolved
        locals_: dict[str, "Node"] = {}
        returns: list["Node"] = []
        body = fn.child_by_field_name("body")
        if body is not None and body.type != "statement_block":
            returns.append(body)
        elif body is not None:
            stack = list(kids(body))
            while stack:
                n = stack.pop()
                t = n.type
                if t in FUNCTION_LITERALS or t in FUNCTION_DECLARATIONS or t in CLASS_NODES:
                    continue
                if t == "return_statement":
                    arg = first_kid(n)
                    if arg is not None:
                        returns.append(arg)
                    continue
                if t == "variable_declarator":
                    name, value = n.child_by_field_name("name"), n.child_by_field_name("value")
                    if name is not None and value is not None and name.type == "identifier":
                        locals_.setdefault(node_text(name), value)
                stack.extend(kids(n))
        depth = [0]
        module = self.module_scope

        def lookup(name: str) -> Sym | None:
            value = locals_.get(name)
            if value is not None:
                if depth[0] > 4:
                    return None
                depth[0] += 1
                try:
                    return self.ev.expr(value, lookup, this_lookup)
                finally:
                    depth[0] -= 1
            s = module.find(name) if module is not None else None
            return s.vars.get(name) if s is not None else None

        def this_lookup(name: str) -> Sym | None:
            return this.get(name) if this is not None else None

        found: Value | None = None
        for r in returns:
            sym = self.ev.expr(r, lookup, this_lookup)
            v = self.project_value(sym) if isinstance(sym, ProjRef) else sym
            if not isinstance(v, Value) or (found is not None and v != found):
                found = None
                break
            found = v
        info = self.registry.kind_info(found) if found is not None else None
        result = found if info is not None and info.category == "pool" else None
        self._returned[key] = result
        return result

    def loader_spec(self, fn: "Node", arg_nodes: list["Node"]) -> str | None:
        """``load('pg')`` where ``load`` is a thin wrapper over ``require``/``import()`` of its
        first parameter: the module it loads."""
        if not arg_nodes:
            return None
        spec = string_value(arg_nodes[0])
        if spec is None:
            return None
        key = fn.id
        if key not in self._loaders:
            self._loaders[key] = is_loader(fn)
        return spec if self._loaders[key] else None

    def run(self) -> list[FunctionCFG]:
        root = self.src.root
        scope = Scope(None, None, dict(self.symbols.bindings))
        self.module_scope = scope
        slot = len(self.cfgs)
        self.cfgs.append(None)
        lw = FunctionLowerer(self, "<module>", root, scope, None)
        lw.lower_module(root)
        self.cfgs[slot] = lw.b.build()
        if root.has_error:
            self.lower_error_free_parts(root, scope)
        return [c for c in self.cfgs if c is not None]

    def lower_error_free_parts(self, root: "Node", scope: Scope) -> None:
        """Lower the outermost error-free functions and classes inside the top-level statements
        ``<module>`` skipped for their parse errors (the grammar rejected something in them)."""
        stack = [c for c in reversed(list(kids(root))) if not _module_statement(c, root)]
        while stack:
            n = stack.pop()
            t = n.type
            if t in CLASS_NODES:
                self.lower_class(n, scope, "")  # its members with errors are skipped there
                body = n.child_by_field_name("body")
                if body is not None:
                    stack.extend(reversed([m for m in kids(body) if m.has_error]))
                continue
            if not n.has_error and (t in FUNCTION_LITERALS or t in FUNCTION_DECLARATIONS
                                    or t == "method_definition"):
                self.function(n, _partial_name(n, self.src), scope, None)
                continue
            stack.extend(reversed(list(kids(n))))

    def function(self, node: "Node", name: str, parent: Scope,
                 this_fields: dict[str, Sym] | None,
                 prelude: Callable[["FunctionLowerer"], None] | None = None) -> dict[str, int]:
        """Lower ``node`` into its own CFG (once); return what it does to captured resources."""
        key = node.id
        done = self.summaries.get(key)
        if done is not None:
            return done
        if node.has_error:  # the grammar could not read all of it: not analysed (the file has a PG001 warning)
            return {}
        if key in self.in_progress:
            return {}
        if self.gate is not None and self.gate.skips(node.start_byte):
            return {}
        self.in_progress.add(key)
        slot = len(self.cfgs)
        self.cfgs.append(None)
        lw = FunctionLowerer(self, name, node, Scope(parent, None), this_fields)
        lw.lower_function(node, prelude)
        cfg = lw.b.build()
        if lw.captures:
            self.released[key] = frozenset(
                nd.var for nd in cfg.nodes if nd.kind == Ev.RELEASE and nd.var in lw.captures)
        # for the function summaries: the parameters callers' arguments bind to, async
        cfg.params = tuple(p or "" for p, _ in lw.param_names(node))
        cfg.is_async = any(c.type == "async" for c in node.children)
        cfg.returns_pool = lw.returned_pool()
        self.cfgs[slot] = cfg
        self.summaries[key] = lw.captures
        self.in_progress.discard(key)
        return lw.captures

    def project_value(self, ref: ProjRef) -> Value | None:
        if ref in self._project_values:
            return self._project_values[ref]
        value = self.project.imported_value(self.src.path, ImportRecord("", ref.module, ref.name))
        if value is None:
            target = self.project.resolve(self.src.path, ref.module)
            if target is not None:
                value = self._star_value(target, ref.name, 0)
        self._project_values[ref] = value
        return value

    def _star_value(self, path: str, name: str | None, depth: int) -> Value | None:
        """Follow ``export * from './m'`` records, which ``ProjectIndex`` does not."""
        if depth > 8 or name is None:
            return None
        mod = self.project.modules.get(path)
        if mod is None:
            return None
        for key, rec in mod.exports.items():
            if not key.startswith(STAR_PREFIX) or rec.reexport is None:
                continue
            target = self.project.resolve(path, rec.reexport[0])
            if target is None:
                continue
            value = self.project.exported_value(target, name)
            if value is None:
                value = self._star_value(target, name, depth + 1)
            if value is not None:
                return value
        return None

    def function_key(self, sym: Sym | None, name: str, local: bool) -> tuple[str, str] | None:
        """The project function a callee names: imported (``ProjRef``), or this module's own
        function ``name`` when ``local`` (not shadowed by a variable)."""
        if isinstance(sym, ProjRef) and sym.name is not None:
            target = self.project.resolve(self.src.path, sym.module)
            return self.project.function_key(target, sym.name) if target is not None else None
        if sym is None and local:
            return (self.src.path, name)
        return None

    # -- [tool.pglint.resources] -------------------------------------------------
    def declared_value(self, sym: Sym | None) -> Value | None:
        """What a configured acquire helper imported from a project file yields, if it is one."""
        if not isinstance(sym, ProjRef) or sym.name is None:
            return None
        file = self.project.resolve(self.src.path, sym.module)
        hit = self.registry.project_factory(LANG, file, sym.name) if file is not None else None
        return Value(hit[0].name, hit[1].produces) if hit is not None else None

    def declared_function(self, sym: Sym | None, name: str) -> Function | None:
        """The configured effect of calling ``sym`` (written ``name``) on an argument, if any."""
        if isinstance(sym, ModRef):
            for p in self.ev._variants(sym.path):
                found = self.registry.function(LANG, p)
                if found is not None:
                    return found
            return None
        if isinstance(sym, ProjRef) and sym.name not in (None, "default"):
            assert sym.name is not None
            file = self.project.resolve(self.src.path, sym.module)
            if file is not None:
                return self.registry.project_function(LANG, file, sym.name)
            return self.registry.function(LANG, sym.name)
        if sym is None or isinstance(sym, ProjRef):
            return self.registry.function(LANG, name)
        return None

    # -- classes ----------------------------------------------------------------
    def lower_class(self, node: "Node", scope: Scope, prefix: str, name: str | None = None) -> None:
        name_n = node.child_by_field_name("name")
        if name_n is not None:
            cname = node_text(name_n)
        elif name:
            cname = name
        else:
            line, col = self._point(node)
            cname = f"<class@{line}:{col}>"
        qual = f"{prefix}/{cname}" if prefix else cname
        body = node.child_by_field_name("body")
        if body is None:
            return
        fields = self.class_fields(body, scope)
        base = _extends(node)
        if base is not None:
            self.class_bases[qual] = base
        for m in kids(body):
            t = m.type
            if m.has_error:
                continue
            if t == "method_definition":
                mname = _member_name(m)
                self.function(m, f"{qual}.{mname}", scope, fields)
            elif t in ("field_definition", "public_field_definition"):
                value = m.child_by_field_name("value")
                if value is not None and strip(value).type in FUNCTION_LITERALS:
                    fname = _member_name(m)
                    self.function(strip(value), f"{qual}.{fname}", scope, fields)
            elif t == "class_static_block":
                self.function(m, f"{qual}.<static>", scope, fields)

    def class_fields(self, body: "Node", scope: Scope) -> dict[str, Sym]:
        """What ``this.x`` is in this class: fields, parameter properties, ``this.x = …`` anywhere."""
        fields: dict[str, Sym] = {}

        def lookup(n: str) -> Sym | None:
            s = scope.find(n)
            return s.vars.get(n) if s is not None else None

        def type_lookup(n: str) -> Sym | None:
            got = lookup(n)
            return got if got is not None else self.symbols.types.get(n)

        params_of: dict[int, dict[str, Sym]] = {}

        def method_params(m: "Node") -> dict[str, Sym]:
            got = params_of.get(m.id)
            if got is None:
                got = {}
                params = m.child_by_field_name("parameters")
                if params is not None:
                    for p in kids(params):
                        pname, ptype = _param_name_type(p)
                        if pname is None:
                            continue
                        v = self.ev.type_sym(ptype, type_lookup) or self.ev.type_instance(ptype, type_lookup)
                        if v is not None:
                            got[pname] = v
                params_of[m.id] = got
            return got

        for m in kids(body):
            if m.type in ("field_definition", "public_field_definition"):
                key = "this." + _member_name(m)
                value = m.child_by_field_name("value")
                sym = self.ev.expr(value, lookup, fields.get) if value is not None else None
                if sym is None:
                    ftype = m.child_by_field_name("type")
                    sym = self.ev.type_sym(ftype, type_lookup) or self.ev.type_instance(ftype, type_lookup)
                if sym is not None:
                    fields[key] = sym
            elif m.type == "method_definition" and _member_name(m) == "constructor":
                params = m.child_by_field_name("parameters")
                if params is None:
                    continue
                for p in kids(params):
                    if not any(c.type == "accessibility_modifier" or c.type == "readonly"
                               or c.type == "override_modifier" for c in p.children):
                        continue
                    pname, ptype = _param_name_type(p)
                    if pname is None:
                        continue
                    v = self.ev.type_sym(ptype, type_lookup) or self.ev.type_instance(ptype, type_lookup)
                    if v is not None:
                        fields["this." + pname] = v
        for assign, prop, value in self.this_assignments_of(body):
            method = _enclosing(assign, ("method_definition",))
            penv = method_params(method) if method is not None else {}

            def local(n: str, penv: dict[str, Sym] = penv) -> Sym | None:
                got = penv.get(n)
                return got if got is not None else lookup(n)

            sym = self.ev.expr(value, local, fields.get)
            key = "this." + node_text(prop)
            if sym is not None and key not in fields:
                fields[key] = sym
        return fields

    def assignments_of_file(self) -> tuple[list[tuple["Node", "Node", "Node"]], list[tuple[str, "Node"]]]:
        """``(this.x = … assignments, name[key] = … assignments)`` of the file: one walk of its tree for both."""
        if self._assignments is None:
            self._assignments = assignments(self.src.dialect, self.src.root)
        return self._assignments

    def this_assignments_of(self, body: "Node") -> list[tuple["Node", "Node", "Node"]]:
        """``(assignment, property, value)`` of each ``this.x = value`` whose class body is ``body``."""
        if self._this_assigns is None:
            self._this_assigns = {}
            for assign, prop, value in self.assignments_of_file()[0]:
                owner = _enclosing(assign, ("class_body",))
                if owner is not None:
                    self._this_assigns.setdefault(owner.id, []).append((assign, prop, value))
        return self._this_assigns.get(body.id, [])

    def _point(self, node: "Node") -> tuple[int, int]:
        sp = self.src.span(node)
        return sp.line, sp.column


def _module_statement(node: "Node", root: "Node") -> bool:
    """Whether ``<module>`` lowers this child of the root: an error-free statement. When the whole
    file is one ``ERROR`` (tree-sitter's root for some failures) its children mix top-level
    statements with loose pieces of the function that failed (its ``if`` statements, a
    ``variable_declarator``): nothing tells them apart, so ``<module>`` lowers none of them and
    only the error-free functions and classes among them are lowered."""
    return not (node.has_error or node.is_missing or root.is_error)


def _partial_name(fn: "Node", src: "JsSource") -> str:
    """A name for a function lowered on its own out of a statement with a parse error."""
    name = fn.child_by_field_name("name")
    if fn.type == "method_definition":
        cls = _enclosing(fn, tuple(CLASS_NODES))
        cname = cls.child_by_field_name("name") if cls is not None else None
        return f"{node_text(cname)}.{_member_name(fn)}" if cname is not None else _member_name(fn)
    if name is not None:
        return node_text(name)
    parent = fn.parent
    if parent is not None and parent.type in ("variable_declarator", "pair", "assignment_expression"):
        key = (parent.child_by_field_name("name") or parent.child_by_field_name("key")
               or parent.child_by_field_name("left"))
        if key is not None:
            return compact(node_text(key))
    sp = src.span(fn)
    return f"<callback@{sp.line}:{sp.column}>"


def _member_name(m: "Node") -> str:
    n = m.child_by_field_name("name") or m.child_by_field_name("property")
    return node_text(n) if n is not None else "<member>"


def _enclosing(node: "Node", types: tuple[str, ...]) -> "Node | None":
    p = node.parent
    while p is not None:
        if p.type in types:
            return p
        if p.type in CLASS_NODES and "class_body" in types:
            return None
        p = p.parent
    return None


# ---------------------------------------------------------------------------

class FunctionLowerer:
    """Builds one CFG by walking one function body (plus inlined callbacks and closures)."""

    def __init__(self, file: FileLowering, name: str, node: "Node", scope: Scope,
                 this_fields: dict[str, Sym] | None) -> None:
        self.f = file
        self.src = file.src
        self.name = name
        self.b = CFGBuilder(name, file.src.path, file.src.span(node), LANG)
        self.byte_range = (node.start_byte, node.end_byte)
        self.expected_failure = 0  # inside `expect(…).rejects` / `assert.rejects(…)`
        scope.owner = self
        self.scope = scope
        self.this_fields = this_fields
        self.paths: dict[str, Sym] = {}  # this.x / temporaries bound in this function
        self.stack: list[Ctx] = []
        self.frontier: list[Pending] = [(self.b.entry, NORMAL, ())]
        self.live: set[int] = {self.b.entry}
        self.captures: dict[str, int] = {}
        # what its own `return`s give back, for a pool-returning function's summary (`createPool()`)
        self.returned_pools: set[Value] = set()
        self.returns_other = False
        self.opt_exits: list[list[Pending]] = []
        self.inlining: set[int] = set()
        # while a local closure is inlined, its events are placed at the call
        self.span_override: Span | None = None
        # the resources passed to calls and object literals so far, in order; and the variables
        # holding an object built from one (`const session = new Session(client)`): a field of
        # that object is the resource (`session.client.release()` gives it back)
        self.passed_log: list[str] = []
        self.wrappers: dict[str, str] = {}

    # ======================================================================
    # Graph helpers

    def span(self, node: "Node") -> Span:
        if self.span_override is not None:
            return self.span_override
        return self.src.span(node)

    def emit(self, kind: Ev, span: Span | None = None, *, var: str | None = None,
             src: str | None = None, label: str = "", info: AcquireInfo | ReleaseInfo | None = None,
             raises: bool = False) -> int:
        if kind is Ev.ACQUIRE and self.expected_failure:
            kind, var, info, raises = Ev.CALL, None, None, True
            label = label or "connect"
        nid = self.b.add(kind, span, var=var, src=src, label=label, info=info)
        live = False
        for s, k, a in self.frontier:
            self.b.edge(s, nid, k, a)
            if s in self.live:
                live = True
        if live:
            self.live.add(nid)
        self.frontier = [(nid, NORMAL, ())]
        if raises:
            self.raise_edge(nid)
        if var is not None:
            self.note_var(var, kind)
        if src is not None:
            self.note_var(src, Ev.ESCAPE)
        if kind is Ev.ACQUIRE and var is not None and self.closed_elsewhere(var):
            # `let client` of the module / a describe block, opened in beforeAll and ended in
            # afterAll: kept in the enclosing scope, like `this.client = …`
            self.emit(Ev.ESCAPE, span, var=var,
                      label=f"stored in `{var}` of the enclosing scope, closed by another function")
        return nid

    def closed_elsewhere(self, var: str) -> bool:
        """Whether ``var`` is a variable of an enclosing function (or the module) that another
        function of the file closes (``afterAll(() => client.end())``, ``shutdown()``)."""
        if var.startswith(("this.", "<")) or "." in var:
            return False
        owner = self.scope.find(var)
        if owner is None or owner.owner is self:
            return False
        pattern = re.compile(rb"\b" + re.escape(var.encode()) +
                             rb"\s*\??\.\s*(?:end|release|close|destroy)\s*\(")
        lo, hi = self.byte_range
        return any(not lo <= m.start() < hi for m in pattern.finditer(self.src.source))

    def raise_edge(self, nid: int) -> None:
        if nid not in self.live:
            return
        target = self.route(("throw", -1), len(self.stack))
        if target is not None:
            self.b.edge(nid, target, EXCEPTION)
            self.live.add(target)

    def connect(self, target: int) -> None:
        """Send the current frontier to ``target``; the frontier becomes empty."""
        for s, k, a in self.frontier:
            self.b.edge(s, target, k, a)
            if s in self.live:
                self.live.add(target)
        self.frontier = []

    def join(self, target: int) -> None:
        self.connect(target)
        self.frontier = [(target, NORMAL, ())]

    def nop(self, label: str) -> int:
        return self.b.add(Ev.NOP, label=label)

    def is_live(self) -> bool:
        return any(s in self.live for s, _, _ in self.frontier)

    def branch(self, label: str, span: Span | None, var: str | None,
               negate: bool = False) -> tuple[list[Pending], list[Pending]]:
        nid = self.emit(Ev.BRANCH, span, label=label)
        self.frontier = []
        if var is not None:
            t: tuple[Assume, ...] = (Assume(var, not negate),)
            f: tuple[Assume, ...] = (Assume(var, negate),)
        else:
            t = f = ()
        return [(nid, TRUE, t)], [(nid, FALSE, f)]

    # -- routing of exceptions and jumps through finally copies ----------------
    def route(self, key: tuple[str, int], level: int) -> int | None:
        """The node a ``key`` continuation goes to from a point inside ``stack[:level]``."""
        kind, target = key
        i = level - 1
        while i >= 0:
            ctx = self.stack[i]
            if kind == "throw" and isinstance(ctx, CatchCtx):
                ctx.used = True
                return ctx.entry
            if isinstance(ctx, FinallyCtx):
                return self.finally_copy(i, key)
            if i == target:
                if kind == "break" and isinstance(ctx, (LoopCtx, BreakCtx)):
                    return ctx.brk
                if kind == "continue" and isinstance(ctx, LoopCtx):
                    return ctx.cont
                if kind == "inline" and isinstance(ctx, InlineCtx):
                    return ctx.cont
            i -= 1
        if kind == "throw":
            return self.b.raise_exit
        if kind == "return":
            return self.b.exit
        return None

    def finally_copy(self, i: int, key: tuple[str, int]) -> int:
        """The entry of the copy of ``stack[i]``'s finally body for continuation ``key``.

        The copy itself is lowered when the ``try`` is done (:meth:`lower_finally_copies`),
        so it sees every binding the ``try`` body made, not only those before the jump.
        """
        ctx = self.stack[i]
        assert isinstance(ctx, FinallyCtx)
        got = ctx.copies.get(key)
        if got is not None:
            return got
        entry = self.nop(f"finally ({key[0]})")
        ctx.copies[key] = entry
        ctx.pending.append((key, entry))
        self.live.add(entry)
        return entry

    def lower_finally_copies(self, ctx: FinallyCtx) -> None:
        """Lower the pending copies of ``ctx`` (just popped: the stack is what surrounds the try)."""
        level = len(self.stack)
        saved = self.frontier
        while ctx.pending:
            key, entry = ctx.pending.pop(0)
            self.frontier = [(entry, NORMAL, ())]
            ctx.body()
            if self.frontier:
                nxt = self.route(key, level)
                if nxt is not None:
                    self.connect(nxt)
        self.frontier = saved

    def jump(self, key: tuple[str, int]) -> None:
        if self.is_live():
            target = self.route(key, len(self.stack))
            if target is not None:
                self.connect(target)
        self.frontier = []

    def find_jump_target(self, kind: str, label: str | None) -> int | None:
        for i in range(len(self.stack) - 1, -1, -1):
            ctx = self.stack[i]
            if isinstance(ctx, InlineCtx):
                return None
            if isinstance(ctx, LoopCtx):
                if label is None or label in ctx.labels:
                    return i
            elif isinstance(ctx, BreakCtx) and kind == "break":
                if (label is None and ctx.switch) or (label is not None and label in ctx.labels):
                    return i
        return None

    def inline_target(self) -> int | None:
        for i in range(len(self.stack) - 1, -1, -1):
            if isinstance(self.stack[i], InlineCtx):
                return i
        return None

    # ======================================================================
    # Names and values

    def lookup(self, var: str) -> Sym | None:
        if var.startswith("this."):
            got = self.paths.get(var)
            if got is None and self.this_fields is not None:
                got = self.this_fields.get(var)
            return got
        if var.startswith("<"):
            return self.paths.get(var)
        s = self.scope.find(var)
        return s.vars.get(var) if s is not None else None

    def type_lookup(self, name: str) -> Sym | None:
        got = self.lookup(name)
        return got if got is not None else self.f.symbols.types.get(name)

    def value_of(self, sym: Sym | None) -> Value | None:
        if isinstance(sym, Value):
            return sym
        if isinstance(sym, ProjRef):
            return self.f.project_value(sym)
        return None

    def is_resource(self, var: str | None) -> bool:
        if var is None:
            return False
        v = self.value_of(self.lookup(var))
        if v is None:
            return False
        info = self.f.registry.kind_info(v)
        return info is not None and info.category in RESOURCE_CATEGORIES

    def declare(self, name: str, sym: Sym | None) -> None:
        self.scope.vars[name] = sym

    def set_var(self, var: str, sym: Sym | None) -> None:
        """Record what ``var`` now holds (flow-insensitive: a known value is never forgotten)."""
        if var.startswith("this.") or var.startswith("<"):
            if sym is not None:
                self.paths[var] = sym
                if var.startswith("this.") and self.this_fields is not None:
                    self.this_fields.setdefault(var, sym)
            return
        s = self.scope.find(var)
        if s is None:
            self.scope.vars[var] = sym
        elif sym is not None or s.owner is self:
            if sym is not None or s.vars.get(var) is None:
                s.vars[var] = sym

    def note_var(self, var: str, kind: Ev) -> None:
        """Remember events on resources captured from an enclosing function."""
        if var.startswith("this.") or var.startswith("<"):
            return
        s = self.scope.find(var)
        if s is None or s.owner is self:
            return
        if not self.is_resource(var):
            return
        level = USE_LEVEL if kind in (Ev.USE, Ev.BEGIN, Ev.COMMIT, Ev.ROLLBACK) else ESCAPE_LEVEL
        if self.captures.get(var, 0) < level:
            self.captures[var] = level

    def temp_bind(self, node: "Node") -> Bind:
        row, col = node.start_point
        return Bind(f"<tmp@{row + 1}:{col + 1}>", node, temp=True)

    def child_name(self, name: str) -> str:
        if self.name == "<module>":
            return name
        parent = self.name
        if len(parent) > MAX_NAME:  # thousands of nested callbacks: keep names (and memory) bounded
            parent = f"{parent[:MAX_NAME // 2]}…{parent[-MAX_NAME // 2:]}"
        return f"{parent}/{name}"

    def callback_name(self, node: "Node") -> str:
        sp = self.src.span(node)
        return self.child_name(f"<callback@{sp.line}:{sp.column}>")

    def arrow_this(self, fn: "Node") -> dict[str, Sym] | None:
        return self.this_fields if fn.type == "arrow_function" else None

    # ======================================================================
    # Function bodies

    def lower_module(self, root: "Node") -> None:
        # statements with a parse error are left out (FileLowering.lower_error_free_parts)
        self.statements([c for c in kids(root) if _module_statement(c, root)])
        self.connect(self.b.exit)

    def lower_function(self, fn: "Node",
                       prelude: Callable[["FunctionLowerer"], None] | None) -> None:
        self.declare_params(fn)
        wildcard = self.f.registry.param_values.get(LANG)  # only while computing summaries
        if wildcard is not None:
            for pname, _ in self.param_names(fn):
                if pname is not None and self.scope.vars.get(pname) is None:
                    self.declare(pname, wildcard)
        if prelude is not None:
            prelude(self)
        body = fn.child_by_field_name("body")
        if body is None:
            pass
        elif body.type in ("statement_block", "class_static_block"):
            self.statements(list(kids(body)))
        else:  # arrow with an expression body: its value is returned
            ev = self.expr(body, self.temp_bind(body))
            var = ev.var
            if self.is_resource(var):
                self.emit(Ev.ESCAPE, self.span(body), var=var, label="returned")
            self.note_returned(ev)
        self.connect(self.b.exit)

    def note_returned(self, ev: EVal) -> None:
        """What a ``return`` of this function gives back: a pool (for its summary), or not."""
        v = self.value_of(ev.sym if ev.sym is not None else (self.lookup(ev.var) if ev.var else None))
        info = self.f.registry.kind_info(v) if v is not None else None
        if v is not None and info is not None and info.category == "pool":
            self.returned_pools.add(v)
        else:
            self.returns_other = True

    def returned_pool(self) -> tuple[str, str] | None:
        if self.returns_other or len(self.returned_pools) != 1:
            return None
        v = next(iter(self.returned_pools))
        return (v.driver, v.kind)

    def declare_params(self, fn: "Node") -> None:
        params = fn.child_by_field_name("parameters")
        single = fn.child_by_field_name("parameter")
        plist = list(kids(params)) if params is not None else ([single] if single else [])
        doc: dict[str, str] | None = None
        for p in plist:
            pname, ptype = _param_name_type(p)
            if pname is not None:
                sym: Sym | None = (self.f.ev.type_sym(ptype, self.type_lookup)
                                   or self.f.ev.type_instance(ptype, self.type_lookup))
                if sym is None and ptype is None:  # /** @param {import('pg').Pool} pool */
                    if doc is None:
                        comment = _jsdoc_before(fn)
                        doc = jsdoc_tags(comment)[1] if comment is not None else {}
                    text = doc.get(pname)
                    if text is not None:
                        sym = self.f.ev.jsdoc_type(text, self.type_lookup)
                self.declare(pname, sym)
                continue
            for ident in pattern_names(p):
                self.declare(node_text(ident), None)

    def param_names(self, fn: "Node") -> list[tuple[str | None, "Node | None"]]:
        params = fn.child_by_field_name("parameters")
        single = fn.child_by_field_name("parameter")
        plist = list(kids(params)) if params is not None else ([single] if single else [])
        out: list[tuple[str | None, "Node | None"]] = []
        for p in plist:
            pname, _ = _param_name_type(p)
            ident = None
            if pname is not None:
                ident = p if p.type == "identifier" else (
                    p.child_by_field_name("pattern") or p.child_by_field_name("left"))
                if ident is not None and ident.type == "assignment_pattern":
                    ident = ident.child_by_field_name("left")
            out.append((pname, ident))
        return out

    # ======================================================================
    # Statements

    def statements(self, nodes: list["Node"]) -> None:
        for n in nodes:
            if n.type in FUNCTION_DECLARATIONS:
                name_n = n.child_by_field_name("name")
                if name_n is not None:
                    self.scope.hoisted[node_text(name_n)] = n
                    self.scope.vars.setdefault(node_text(name_n), None)
            elif n.type == "export_statement":
                decl = n.child_by_field_name("declaration")
                if decl is not None and decl.type in FUNCTION_DECLARATIONS:
                    name_n = decl.child_by_field_name("name")
                    if name_n is not None:
                        self.scope.hoisted[node_text(name_n)] = decl
                        self.scope.vars.setdefault(node_text(name_n), None)
        for n in nodes:
            self.stmt(n)

    def stmt(self, n: "Node", labels: frozenset[str] = frozenset()) -> None:
        t = n.type
        if t == "expression_statement":
            for c in kids(n):
                self.expr(c)
        elif t in ("lexical_declaration", "variable_declaration", "using_declaration"):
            self.declaration(n)
        elif t == "statement_block":
            self.statements(list(kids(n)))
        elif t == "if_statement":
            self.if_stmt(n)
        elif t == "while_statement":
            self.while_stmt(n, labels)
        elif t == "do_statement":
            self.do_stmt(n, labels)
        elif t == "for_statement":
            self.for_stmt(n, labels)
        elif t == "for_in_statement":
            self.for_in_stmt(n, labels)
        elif t == "switch_statement":
            self.switch_stmt(n, labels)
        elif t == "try_statement":
            self.try_stmt(n)
        elif t == "return_statement":
            self.return_stmt(n)
        elif t == "throw_statement":
            self.throw_stmt(n)
        elif t == "break_statement":
            self.break_continue(n, "break")
        elif t == "continue_statement":
            self.break_continue(n, "continue")
        elif t == "labeled_statement":
            self.labeled(n, labels)
        elif t in FUNCTION_DECLARATIONS:
            self.function_declaration(n)
        elif t in CLASS_NODES:
            self.f.lower_class(n, self.scope, "" if self.name == "<module>" else self.name)
            name_n = n.child_by_field_name("name")
            if name_n is not None:
                self.declare(node_text(name_n), None)
        elif t == "export_statement":
            self.export_stmt(n)
        elif t in SKIPPED_STATEMENTS:
            pass
        elif t in ("internal_module", "module"):
            body = n.child_by_field_name("body")
            if body is not None:
                self.statements(list(kids(body)))
        elif t == "with_statement":
            obj = n.child_by_field_name("object")
            if obj is not None:
                self.expr(obj)
            body = n.child_by_field_name("body")
            if body is not None:
                self.stmt(body)
        else:
            for c in kids(n):
                if c.type.endswith("statement") or c.type == "statement_block":
                    self.stmt(c)
                else:
                    self.expr(c)

    def export_stmt(self, n: "Node") -> None:
        decl = n.child_by_field_name("declaration")
        value = n.child_by_field_name("value")
        if decl is not None:
            self.stmt(decl)
        elif value is not None:
            v = strip(value)
            if v.type in FUNCTION_LITERALS:
                summary = self.f.function(v, self.child_name("default"), self.scope,
                                          self.arrow_this(v))
                self.creation_events(summary, v)
            elif v.type in CLASS_NODES:
                self.f.lower_class(v, self.scope, "" if self.name == "<module>" else self.name,
                                   "default")
            else:
                ev = self.expr(value, self.temp_bind(value))
                if self.is_resource(ev.var):
                    self.emit(Ev.ESCAPE, self.span(value), var=ev.var, label="exported")

    def function_declaration(self, n: "Node") -> None:
        name_n = n.child_by_field_name("name")
        if name_n is None:
            return
        name = node_text(name_n)
        summary = self.lower_local_function(name, n)
        if self.name == "<module>":  # a module function (a handler) using module code's resource
            self.creation_events({v: lv for v, lv in summary.items() if lv < ESCAPE_LEVEL}, n)

    def lower_local_function(self, name: str, fn: "Node") -> dict[str, int]:
        """Lower a named local function once; remember it for inlining if it touches a resource."""
        owner_scope = self.scope
        s = self.scope.find(name)
        if s is not None and s.owner is self:
            owner_scope = s
            s.hoisted.pop(name, None)
        this = self.this_fields if fn.type == "arrow_function" else None
        summary = self.f.function(fn, self.child_name(name), self.scope, this)
        if summary:
            owner_scope.closures[name] = fn
        return summary

    def find_closure(self, name: str) -> "Node | None":
        s: Scope | None = self.scope
        while s is not None and s.owner is self:
            if name in s.closures:
                return s.closures[name]
            if name in s.hoisted:
                fn = s.hoisted[name]
                self.lower_local_function(name, fn)
                return s.closures.get(name)
            if name in s.vars:
                return None
            s = s.parent
        return None

    def declaration(self, n: "Node") -> None:
        for d in kids(n):
            if d.type != "variable_declarator":
                continue
            name = d.child_by_field_name("name")
            value = d.child_by_field_name("value")
            typ = d.child_by_field_name("type")
            if name is None:
                continue
            if name.type == "identifier":
                declared: Sym | None = self.f.ev.type_sym(typ, self.type_lookup) if typ is not None else None
                if typ is None:  # /** @type {import('pg').Pool} */
                    comment = _jsdoc_before(n)
                    jtype = jsdoc_tags(comment)[0] if comment is not None else None
                    if jtype is not None:
                        declared = self.f.ev.jsdoc_type(jtype, self.type_lookup)
                if value is not None:
                    self.assign_name(node_text(name), name, value, declared, is_decl=True)
                else:
                    self.declare(node_text(name), declared)
            elif value is not None and name.type == "object_pattern" and \
                    any(prop == "release" for prop, _local in pattern_pairs(name)):
                self.destructured_checkout(name, value)
            else:
                ev, bound = self.pattern_value(name, value)
                self.bind_pattern(name, ev, is_decl=True, bound=bound)

    def pattern_value(self, pattern: "Node", value: "Node | None",
                      bind: "Bind | None" = None) -> tuple[EVal, dict[str, Sym]]:
        """Evaluate the value destructured by ``pattern``, noting the parts a helper call hands back
        (``const [client, done] = await checkout()``): the value and those parts' bindings."""
        call = strip(value) if value is not None else None
        if call is not None and call.type == "await_expression":
            inner = first_kid(call)
            call = strip(inner) if inner is not None else None
        saved = self.f.pattern_call, self.f.pattern_bound
        self.f.pattern_call = (call.id, pattern) if call is not None and call.type == "call_expression" else None
        self.f.pattern_bound = {}
        try:
            ev = (self.expr(value, bind) if bind is not None else self.expr(value)) if value is not None else EVal()
            bound = self.f.pattern_bound
        finally:
            self.f.pattern_call, self.f.pattern_bound = saved
        return ev, bound

    def destructured_checkout(self, pattern: "Node", value: "Node") -> None:
        """``const { release, query } = await pool.connect()``: the client is held under a synthetic
        name and the destructured ``release`` gives it back (like the callback form's ``done``)."""
        row, col = pattern.start_point
        held = f"<checkout@{row + 1}:{col + 1}>"
        ev, bound = self.pattern_value(pattern, value, Bind(held, pattern))
        if not (ev.bound and self.is_resource(held)):  # not a checkout: a helper's parts, or nothing
            self.bind_pattern(pattern, ev, is_decl=True, bound=bound)
            return
        for prop, local in pattern_pairs(pattern):
            if prop == "release":
                self.declare(local, ReleaseFn(held))
            else:
                self.declare(local, self.f.ev.member(ev.sym, prop))

    def bind_pattern(self, pattern: "Node", ev: EVal, is_decl: bool,
                     bound: dict[str, Sym] | None = None) -> None:
        pairs: dict[str, str] = {}
        if pattern.type == "object_pattern":
            pairs = {local: prop for prop, local in pattern_pairs(pattern)}
        for ident in pattern_names(pattern):
            local = node_text(ident)
            if bound and local in bound:  # bound by the helper call (`[client, done]`)
                self.declare(local, bound[local])
                continue
            sym = self.f.ev.member(ev.sym, pairs[local]) if local in pairs else None
            if not is_decl and self.is_resource(local):
                self.emit(Ev.KILL, self.span(ident), var=local)
            if is_decl:
                self.declare(local, sym)
            else:
                self.set_var(local, sym)

    def assign_name(self, name: str, name_node: "Node", value: "Node", declared: Sym | None,
                    is_decl: bool) -> EVal:
        v = strip(value)
        if v.type in ("true", "false"):
            self.emit(Ev.SET, self.span(name_node), var=name, src=v.type, label=f"{name} = {v.type}")
        if v.type in FUNCTION_LITERALS:
            if is_decl:
                self.declare(name, None)
            self.lower_local_function(name, v)
            return EVal()
        if v.type in CLASS_NODES:
            self.f.lower_class(v, self.scope, "" if self.name == "<module>" else self.name, name)
            if is_decl:
                self.declare(name, None)
            return EVal()
        held_before = self.is_resource(name) and (
            not is_decl or (self.scope.find(name) or self.scope).owner is self)
        mark = len(self.passed_log)
        ev = self.expr(value, Bind(name, name_node))
        built_from = self.passed_log[mark:]
        self.wrappers.pop(name, None)
        if built_from and not ev.bound and v.type in WRAPPER_BUILDERS:
            self.wrappers[name] = built_from[0]
        if ev.bound:
            if is_decl:
                self.declare(name, ev.sym)
            else:
                self.set_var(name, ev.sym)
            return EVal(ev.sym, name)
        if ev.var is not None and ev.var != name and self.is_resource(ev.var):
            sym = self.lookup(ev.var)
            if is_decl:
                self.declare(name, sym)
            self.emit(Ev.ALIAS, self.span(name_node), var=name, src=ev.var)
            if not is_decl:
                self.set_var(name, sym)
            return EVal(sym, name)
        if held_before:
            self.emit(Ev.KILL, self.span(name_node), var=name)
        sym = ev.sym if ev.sym is not None else declared
        if is_decl:
            self.declare(name, sym)
        else:
            self.set_var(name, sym)
        return EVal(sym, name)

    # -- control flow ------------------------------------------------------------
    def if_stmt(self, n: "Node") -> None:
        ends: list[Pending] = []
        node: "Node | None" = n
        while node is not None:  # `else if` chains iteratively: they can be long
            cond = node.child_by_field_name("condition")
            cons = node.child_by_field_name("consequence")
            alt = node.child_by_field_name("alternative")
            t, f = self.cond(cond) if cond is not None else (self.frontier, [])
            self.frontier = t
            if cons is not None:
                self.stmt(cons)
            ends.extend(self.frontier)
            self.frontier = f
            node = None
            if alt is not None:
                body = list(kids(alt))
                if len(body) == 1 and body[0].type == "if_statement":
                    node = body[0]
                else:
                    for c in body:
                        self.stmt(c)
        self.frontier = ends + self.frontier

    def while_stmt(self, n: "Node", labels: frozenset[str]) -> None:
        head = self.emit(Ev.NOP, label="loop")
        brk = self.nop("break")
        cond = n.child_by_field_name("condition")
        t, f = self.cond(cond) if cond is not None else (self.frontier, [])
        self.frontier = t
        self.loop_body(n.child_by_field_name("body"), LoopCtx(labels, brk, head))
        self.connect(head)
        self.frontier = f
        self.join(brk)

    def do_stmt(self, n: "Node", labels: frozenset[str]) -> None:
        start = self.emit(Ev.NOP, label="do")
        brk, cont = self.nop("break"), self.nop("continue")
        self.loop_body(n.child_by_field_name("body"), LoopCtx(labels, brk, cont))
        self.join(cont)
        cond = n.child_by_field_name("condition")
        t, f = self.cond(cond) if cond is not None else (self.frontier, [])
        self.frontier = t
        self.connect(start)
        self.frontier = f
        self.join(brk)

    def for_stmt(self, n: "Node", labels: frozenset[str]) -> None:
        init = n.child_by_field_name("initializer")
        if init is not None:
            if init.type in ("lexical_declaration", "variable_declaration"):
                self.declaration(init)
            elif init.type == "expression_statement":
                for c in kids(init):
                    self.expr(c)
            elif init.type != "empty_statement":
                self.expr(init)
        head = self.emit(Ev.NOP, label="loop")
        brk, cont = self.nop("break"), self.nop("continue")
        cond = n.child_by_field_name("condition")
        if cond is not None and cond.type == "expression_statement":
            cond = first_kid(cond)
        if cond is not None and cond.type != "empty_statement":
            t, f = self.cond(cond)
        else:
            t, f = self.frontier, []
        self.frontier = t
        self.loop_body(n.child_by_field_name("body"), LoopCtx(labels, brk, cont))
        self.join(cont)
        inc = n.child_by_field_name("increment")
        if inc is not None:
            self.expr(inc)
        self.connect(head)
        self.frontier = f
        self.join(brk)

    def for_in_stmt(self, n: "Node", labels: frozenset[str]) -> None:
        right = n.child_by_field_name("right")
        left = n.child_by_field_name("left")
        if right is not None:
            self.expr(right)
        head = self.emit(Ev.NOP, label="loop")
        brk = self.nop("break")
        if any(c.type == "await" for c in n.children):
            self.emit(Ev.CALL, self.span(n), label="for await", raises=True)
        op = n.child_by_field_name("operator")
        label = f"{node_text(left) if left else ''} {node_text(op) if op else 'of'} " \
                f"{node_text(right) if right else ''}"
        t, f = self.branch(compact(label), self.span(n), None)
        self.frontier = t
        if left is not None:
            is_decl = n.child_by_field_name("kind") is not None
            target = strip(left)
            if target.type == "identifier":
                name = node_text(target)
                if is_decl:
                    self.declare(name, None)
                elif self.is_resource(name):
                    self.emit(Ev.KILL, self.span(target), var=name)
            elif target.type in ("object_pattern", "array_pattern"):
                self.bind_pattern(target, EVal(), is_decl)
            else:
                self.expr(target)
        self.loop_body(n.child_by_field_name("body"), LoopCtx(labels, brk, head))
        self.connect(head)
        self.frontier = f
        self.join(brk)

    def loop_body(self, body: "Node | None", ctx: LoopCtx) -> None:
        self.stack.append(ctx)
        if body is not None:
            self.stmt(body)
        self.stack.pop()

    def labeled(self, n: "Node", outer: frozenset[str]) -> None:
        label_n = n.child_by_field_name("label")
        body = n.child_by_field_name("body")
        labels = outer | {node_text(label_n)} if label_n is not None else outer
        if body is None:
            return
        if body.type in ("for_statement", "for_in_statement", "while_statement", "do_statement",
                         "labeled_statement", "switch_statement"):
            self.stmt(body, labels)
            return
        brk = self.nop("break")
        self.stack.append(BreakCtx(labels, brk, switch=False))
        self.stmt(body)
        self.stack.pop()
        self.join(brk)

    def break_continue(self, n: "Node", kind: str) -> None:
        label_n = n.child_by_field_name("label")
        label = node_text(label_n) if label_n is not None else None
        target = self.find_jump_target(kind, label)
        if target is None:
            self.frontier = []
            return
        self.jump((kind, target))

    def switch_stmt(self, n: "Node", labels: frozenset[str]) -> None:
        value = n.child_by_field_name("value")
        if value is not None:
            self.expr(value)
        body = n.child_by_field_name("body")
        cases = [c for c in kids(body)] if body is not None else []
        cases = [c for c in cases if c.type in ("switch_case", "switch_default")]
        brk = self.nop("break")
        entries = [self.nop("case") for _ in cases]
        default: int | None = None
        for i, case in enumerate(cases):
            if case.type == "switch_default":
                default = i
                continue
            test = case.child_by_field_name("value")
            if test is not None:
                self.expr(test)
            label = "case " + compact(node_text(test)) if test is not None else "case"
            t, f = self.branch(label, self.span(case), None)
            for s, k, a in t:
                self.b.edge(s, entries[i], k, a)
                if s in self.live:
                    self.live.add(entries[i])
            self.frontier = f
        if default is not None:
            self.connect(entries[default])
        else:
            self.connect(brk)
        self.stack.append(BreakCtx(labels, brk, switch=True))
        for i, case in enumerate(cases):
            self.join(entries[i])
            value_id = case.child_by_field_name("value")
            stmts = [c for c in kids(case) if value_id is None or c.id != value_id.id]
            self.statements(stmts)
        self.stack.pop()
        self.join(brk)

    def try_stmt(self, n: "Node") -> None:
        body = n.child_by_field_name("body")
        handler = n.child_by_field_name("handler")
        final = n.child_by_field_name("finalizer")

        def run_body() -> EVal:
            if body is not None:
                self.stmt(body)
            return EVal()

        def run_handler() -> None:
            assert handler is not None
            param = handler.child_by_field_name("parameter")
            if param is not None:
                for ident in pattern_names(param):
                    self.declare(node_text(ident), None)
            hbody = handler.child_by_field_name("body")
            if hbody is not None:
                self.stmt(hbody)

        def run_final() -> None:
            assert final is not None
            fbody = final.child_by_field_name("body")
            if fbody is not None:
                self.stmt(fbody)

        self.try_generic(run_body, run_handler if handler is not None else None, None,
                         run_final if final is not None else None)

    def try_generic(self, body: Callable[[], EVal], handler: Callable[[], None] | None,
                    orelse: Callable[[], None] | None,
                    final: Callable[[], None] | None) -> EVal:
        """try { body } catch { handler } (else { orelse }) finally { final }."""
        fctx = FinallyCtx(final) if final is not None else None
        if fctx is not None:
            self.stack.append(fctx)
        cctx = CatchCtx(self.nop("catch")) if handler is not None else None
        if cctx is not None:
            self.stack.append(cctx)
        result = body()
        if cctx is not None:
            self.stack.pop()
        if orelse is not None:
            orelse()
        after = self.frontier
        if cctx is not None and handler is not None:
            self.frontier = [(cctx.entry, NORMAL, ())] if cctx.used else []
            handler()
            after = after + self.frontier
        self.frontier = after
        if fctx is not None and final is not None:
            self.stack.pop()
            self.lower_finally_copies(fctx)
            final()
        return result

    def return_stmt(self, n: "Node") -> None:
        arg = first_kid(n)
        lit = strip(arg) if arg is not None else None
        if lit is not None and lit.type == "object":
            self.object_literal(lit, returned=True)
        elif lit is not None and lit.type == "array":
            self.array_literal(lit, returned=True)
        elif arg is not None:
            ev = self.expr(arg, self.temp_bind(arg))
            if self.is_resource(ev.var):
                self.emit(Ev.ESCAPE, self.span(arg), var=ev.var, label="returned")
            if self.inline_target() is None:
                self.note_returned(ev)
        idx = self.inline_target()
        if idx is not None:
            self.jump(("inline", idx))
            return
        self.emit(Ev.RETURN, self.span(n), label="return")
        self.jump(("return", -1))

    def throw_stmt(self, n: "Node") -> None:
        arg = first_kid(n)
        if arg is not None:
            self.expr(arg)
        nid = self.emit(Ev.RAISE, self.span(n), label="throw")
        self.frontier = []
        self.raise_edge(nid)

    # -- conditions ------------------------------------------------------------
    def cond(self, node: "Node") -> tuple[list[Pending], list[Pending]]:
        n = strip(node)
        t = n.type
        if t == "unary_expression":
            uop = n.child_by_field_name("operator")
            arg = n.child_by_field_name("argument")
            if uop is not None and node_text(uop) == "!" and arg is not None:
                tt, ff = self.cond(arg)
                return ff, tt
        if t == "binary_expression":
            op_n = n.child_by_field_name("operator")
            op = node_text(op_n) if op_n is not None else ""
            left = n.child_by_field_name("left")
            right = n.child_by_field_name("right")
            if op in ("&&", "||") and left is not None and right is not None:
                t1, f1 = self.cond(left)
                if op == "&&":
                    self.frontier = t1
                    t2, f2 = self.cond(right)
                    return t2, f1 + f2
                self.frontier = f1
                t2, f2 = self.cond(right)
                return t1 + t2, f2
            if op in ("==", "===", "!=", "!==") and left is not None and right is not None:
                var_side = None
                if strip(right).type in NULLISH:
                    var_side = left
                elif strip(left).type in NULLISH:
                    var_side = right
                if var_side is not None:
                    ev = self.expr(var_side)
                    var = self.plain_var(var_side, ev)
                    if var is not None:
                        positive = op in ("!=", "!==")
                        return self.branch(compact(node_text(n)), self.span(n), var,
                                           negate=not positive)
        if t == "true":
            return self.frontier, []
        if t == "false":
            return [], self.frontier
        ev = self.expr(n)
        return self.branch(compact(node_text(n)), self.span(n), self.plain_var(n, ev))

    def plain_var(self, node: "Node", ev: EVal) -> str | None:
        """The variable a test is about, when the test is just a variable (or ``this.x``)."""
        n = strip(node)
        if n.type == "identifier" or (n.type == "member_expression" and ev.var is not None
                                      and ev.var.startswith("this.")):
            return ev.var
        if n.type == "member_expression":
            return dotted(n)  # `state.finished`: a flag kept on an object (see Ev.SET)
        return None

    # ======================================================================
    # Expressions

    def expr(self, n: "Node", bind: Bind | None = None, awaited: bool = False) -> EVal:
        t = n.type
        if t in ("parenthesized_expression", "as_expression", "satisfies_expression",
                 "non_null_expression", "type_assertion", "instantiation_expression"):
            inner = strip(n)
            if inner is n:
                return EVal()
            return self.expr(inner, bind, awaited)
        if t in CHAIN_NODES:
            self.opt_exits.append([])
            ev = self.chain(n, bind, awaited)
            exits = self.opt_exits.pop()
            if exits:
                self.frontier = self.frontier + exits
                return EVal(ev.sym, None, ev.bound)
            return ev
        if t == "identifier":
            return self.identifier(n)
        if t == "this":
            return EVal(var="this")
        if t == "await_expression":
            operand = first_kid(n)
            if operand is None:
                return EVal()
            s = strip(operand)
            if s.type in ("call_expression", "new_expression"):
                return self.expr(s, bind, awaited=True)
            ev = self.expr(operand, bind)
            self.emit(Ev.CALL, self.span(n), label="await", raises=True)
            return ev
        if t == "new_expression":
            return self.new_expr(n)
        if t == "assignment_expression":
            return self.assignment(n)
        if t == "augmented_assignment_expression":
            return self.augmented(n)
        if t == "binary_expression":
            op_n = n.child_by_field_name("operator")
            op = node_text(op_n) if op_n is not None else ""
            if op in ("&&", "||", "??"):
                return self.logical(n, op, bind)
            # `a + b + c + …` nests to the left: walk the spine without recursing
            rights: list["Node"] = []
            node = n
            while node.type == "binary_expression":
                nop = node.child_by_field_name("operator")
                if nop is None or node_text(nop) in ("&&", "||", "??"):
                    break
                left = node.child_by_field_name("left")
                right = node.child_by_field_name("right")
                if left is None or right is None:
                    break
                rights.append(right)
                node = left
            self.expr(node)
            for r in reversed(rights):
                self.expr(r)
            return EVal()
        if t == "ternary_expression":
            return self.ternary(n, bind)
        if t in FUNCTION_LITERALS:
            return self.callback_literal(n)
        if t in CLASS_NODES:
            self.f.lower_class(n, self.scope, "" if self.name == "<module>" else self.name)
            return EVal()
        if t == "sequence_expression":
            last = EVal()
            for c in kids(n):
                last = self.expr(c)
            return last
        if t == "object":
            return self.object_literal(n)
        if t == "array":
            return self.array_literal(n)
        if t == "yield_expression":
            # a suspension: the consumer may never resume (`return()`/`throw()` run the
            # finally blocks and leave), so the yield may raise
            arg = first_kid(n)
            ev = self.expr(arg, self.temp_bind(arg)) if arg is not None else EVal()
            if self.is_resource(ev.var):
                self.emit(Ev.ESCAPE, self.span(n), var=ev.var, label="yielded", raises=True)
            else:
                self.emit(Ev.CALL, self.span(n), label="yield", raises=True)
            return EVal()
        if t in ("string", "template_string"):
            text = string_value(n)
            if text is not None:
                return EVal(StrConst(text))
            for c in kids(n):
                if c.type == "template_substitution":
                    for e in kids(c):
                        self.expr(e)
            return EVal()
        if t in ("number", "true", "false", "null", "undefined", "regex", "meta_property", "super",
                 "import", "private_property_identifier"):
            return EVal()
        if t == "spread_element":
            spread = first_kid(n)
            return self.expr(spread) if spread is not None else EVal()
        if t in ("jsx_element", "jsx_self_closing_element", "jsx_opening_element",
                 "jsx_expression", "jsx_attribute", "jsx_fragment"):
            self.jsx(n)
            return EVal()
        if t in ("unary_expression", "update_expression"):
            for c in kids(n):
                self.expr(c)
            return EVal()
        if t in ("internal_module", "module"):  # TS namespace used as an expression statement
            body = n.child_by_field_name("body")
            if body is not None:
                self.statements(list(kids(body)))
            return EVal()
        for c in kids(n):
            if c.type == "statement_block" or c.type.endswith(("_statement", "_declaration")):
                self.stmt(c)
            else:
                self.expr(c)
        return EVal()

    def identifier(self, n: "Node") -> EVal:
        name = node_text(n)
        if name == "undefined":
            return EVal()
        sym = self.lookup(name)
        if isinstance(sym, ReleaseFn):
            return EVal(None, sym.var)
        if sym is None:
            fn = self.find_closure(name)
            if fn is not None:  # a local closure passed on as a value
                self.creation_events(self.f.summaries.get(fn.id, {}), n)
        return EVal(sym, name)

    def jsx(self, n: "Node") -> None:
        t = n.type
        if t == "jsx_expression":
            for c in kids(n):
                self.expr(c)
            return
        if t == "jsx_attribute":
            for i, c in enumerate(kids(n)):
                if i == 0 and c.type in ("property_identifier", "jsx_namespace_name", "identifier"):
                    continue
                self.expr(c)
            return
        for c in kids(n):
            if c.type in ("jsx_opening_element", "jsx_self_closing_element", "jsx_element",
                          "jsx_expression", "jsx_attribute", "jsx_fragment"):
                self.jsx(c)

    def logical(self, n: "Node", op: str, bind: Bind | None) -> EVal:
        left = n.child_by_field_name("left")
        right = n.child_by_field_name("right")
        if left is None or right is None:
            return EVal()
        if op == "??":  # true: not nullish, the left value is the result
            ev = self.expr(left)
            t, f = self.branch(compact(node_text(left)) + " ??", self.span(left),
                               self.plain_var(left, ev))
        else:
            t, f = self.cond(left)
        if op != "&&":
            t, f = f, t
        # `t` continues into the right operand, `f` skips it
        self.frontier = t
        rev = self.operand_bound(right, bind)
        self.frontier = self.frontier + f
        return EVal(rev.sym, None, rev.bound)

    def operand_bound(self, node: "Node", bind: Bind | None) -> EVal:
        """An operand of ``?:``/``||``/``??`` whose value may be bound to ``bind``."""
        ev = self.expr(node, bind)
        if ev.bound or bind is None or bind.temp:
            return ev
        if ev.var is not None and ev.var != bind.name and self.is_resource(ev.var):
            sym = self.lookup(ev.var)
            self.emit(Ev.ALIAS, self.span(bind.node), var=bind.name, src=ev.var)
            return EVal(sym, bind.name, True)
        return ev

    def ternary(self, n: "Node", bind: Bind | None) -> EVal:
        cond = n.child_by_field_name("condition")
        cons = n.child_by_field_name("consequence")
        alt = n.child_by_field_name("alternative")
        t, f = self.cond(cond) if cond is not None else (self.frontier, [])
        self.frontier = t
        e1 = self.operand_bound(cons, bind) if cons is not None else EVal()
        after = self.frontier
        self.frontier = f
        e2 = self.operand_bound(alt, bind) if alt is not None else EVal()
        self.frontier = after + self.frontier
        if e1.bound or e2.bound:
            return EVal(e1.sym if e1.bound else e2.sym, None, True)
        return EVal()

    def augmented(self, n: "Node") -> EVal:
        left = n.child_by_field_name("left")
        right = n.child_by_field_name("right")
        op_n = n.child_by_field_name("operator")
        op = node_text(op_n) if op_n is not None else ""
        if left is None or right is None:
            return EVal()
        if op in ("&&=", "||=", "??="):
            ev = self.expr(left)
            t, f = self.branch(compact(node_text(n)), self.span(n), self.plain_var(left, ev))
            run, skip = (t, f) if op == "&&=" else (f, t)
            self.frontier = run
            self.assign_to(left, right)
            self.frontier = self.frontier + skip
            return EVal()
        self.expr(right)
        self.expr(left)
        return EVal()

    def assignment(self, n: "Node") -> EVal:
        left = n.child_by_field_name("left")
        right = n.child_by_field_name("right")
        if left is None or right is None:
            return EVal()
        return self.assign_to(left, right)

    def assign_to(self, left_node: "Node", right: "Node") -> EVal:
        left = strip(left_node)
        if left.type == "identifier":
            return self.assign_name(node_text(left), left, right, None, is_decl=False)
        if left.type in ("object_pattern", "array_pattern"):
            ev = self.expr(right)
            self.bind_pattern(left, ev, is_decl=False)
            return EVal()
        if left.type in ("member_expression", "subscript_expression"):
            path = dotted(left)
            obj = left.child_by_field_name("object")
            if path is None and obj is not None:
                self.expr(obj)
            if left.type == "subscript_expression":
                idx = left.child_by_field_name("index")
                if idx is not None:
                    self.expr(idx)
            r = strip(right)
            if path is not None and r.type in ("true", "false"):
                self.emit(Ev.SET, self.span(left), var=path, src=r.type, label=f"{path} = {r.type}")
                return EVal()
            if r.type in FUNCTION_LITERALS:
                summary = self.f.function(r, self.child_name(path or "<fn>"), self.scope,
                                          self.arrow_this(r))
                owner = strip(obj) if obj is not None else None
                if owner is not None and owner.type == "identifier" and node_text(owner) in summary:
                    # `client.release = (...) => { …; orig.call(client) }`: a method replaced on
                    # the resource itself; the function lives on it, so capturing it is a use
                    summary = dict(summary)
                    summary[node_text(owner)] = min(summary[node_text(owner)], USE_LEVEL)
                self.creation_events(summary, r)
                return EVal()
            this_path = path is not None and path.startswith("this.") and path.count(".") == 1
            bind = Bind(path, left) if this_path and path else self.temp_bind(right)
            ev = self.expr(right, bind)
            var = bind.name if ev.bound else ev.var
            if left.type == "subscript_expression" and obj is not None and obj.type == "identifier":
                self.store_in_container(node_text(obj), ev)
            if this_path and path is not None and ev.sym is not None and not ev.bound:
                self.set_var(path, ev.sym)
            if self.is_resource(var):
                self.emit(Ev.ESCAPE, self.span(left_node.parent or left_node), var=var,
                          label=f"stored in {compact(node_text(left))}")
            return EVal()
        self.expr(right)
        return EVal()

    def store_in_container(self, name: str, ev: EVal) -> None:
        """``name[key] = pool`` with a pool the file-wide pass could not evaluate (a local): the
        name becomes a dictionary of that pool (see :meth:`FileLowering.pool_containers`)."""
        containers = self.f.ev.containers
        if name in containers:
            return
        v = self.value_of(ev.sym if ev.sym is not None else (self.lookup(ev.var) if ev.var else None))
        info = self.f.registry.kind_info(v) if v is not None else None
        if v is not None and info is not None and info.category == "pool":
            containers[name] = v

    def stored_parts(self, n: "Node", what: str, parts: list[tuple[str, str]],
                     functions: list[tuple[str, "Node"]], returned: bool, start: int) -> None:
        """The escapes of resources put in an array/object literal ``n``: ``parts`` is
        ``(var, part)`` per element holding one; a returned literal names the part, and the
        function elements that release it (``return [client, () => client.release()]``)."""
        by_var: dict[str, list[str]] = {}
        for var, part in parts:
            by_var.setdefault(var, []).append(part)
        for var, its in by_var.items():
            label = f"stored in {what}"
            if returned and len(its) == 1:
                releasers = [part for part, fn in functions if var in self.f.released.get(fn.id, ())]
                label = return_part_label(its[0], releasers)
                if releasers:
                    # the releasing functions go back with it: capturing it there is not a
                    # hand-over of its own (the part's escape says who gives it back)
                    spans = {self.span(fn) for part, fn in functions if part in releasers}
                    for nd in self.b.nodes[start:]:
                        if nd.kind == Ev.ESCAPE and nd.var == var and nd.span in spans:
                            nd.kind = Ev.USE
            self.emit(Ev.ESCAPE, self.span(n), var=var, label=label)

    def object_literal(self, n: "Node", returned: bool = False) -> EVal:
        start = len(self.b.nodes)
        stored: list[tuple[str, str]] = []
        functions: list[tuple[str, "Node"]] = []
        for p in kids(n):
            t = p.type
            if t == "pair":
                key = p.child_by_field_name("key")
                value = p.child_by_field_name("value")
                if key is not None and key.type == "computed_property_name":
                    for c in kids(key):
                        self.expr(c)
                if value is None:
                    continue
                v = strip(value)
                kname = node_text(key) if key is not None else "<fn>"
                if v.type in FUNCTION_LITERALS:
                    summary = self.f.function(v, self.child_name(kname), self.scope,
                                              self.arrow_this(v))
                    self.creation_events(summary, v)
                    if key is not None and key.type == "property_identifier":
                        functions.append(("." + kname, v))
                    continue
                ev = self.expr(value, self.temp_bind(value))
                var = ev.var
                if self.is_resource(var) and var is not None:
                    plain = key is not None and key.type == "property_identifier"
                    stored.append((var, "." + kname if plain else "?"))
            elif t == "shorthand_property_identifier":
                ev = self.identifier(p)
                if self.is_resource(ev.var) and ev.var is not None:
                    stored.append((ev.var, "." + node_text(p)))
            elif t == "method_definition":
                summary = self.f.function(p, self.child_name(_member_name(p)), self.scope, None)
                self.creation_events(summary, p)
                functions.append(("." + _member_name(p), p))
            else:
                self.expr(p)
                if t == "spread_element":
                    returned = False  # `{ ...base, client }`: the parts are not all known
        for var in dict.fromkeys(v for v, _ in stored):
            self.passed_log.append(var)  # `const session = { client }`: a wrapper built from it
        self.stored_parts(n, "object", [(v, pt) for v, pt in stored if pt != "?"] if returned else stored,
                          functions, returned, start)
        if returned:  # a computed key holding a resource: an ordinary escape
            self.stored_parts(n, "object", [(v, pt) for v, pt in stored if pt == "?"], [], False, start)
        return EVal()

    def array_literal(self, n: "Node", returned: bool = False) -> EVal:
        start = len(self.b.nodes)
        stored: list[tuple[str, str]] = []
        functions: list[tuple[str, "Node"]] = []
        for i, e in enumerate(kids(n)):
            if e.type == "spread_element":
                returned = False
            ev = self.expr(e, self.temp_bind(e))
            if self.is_resource(ev.var) and ev.var is not None:
                stored.append((ev.var, f"[{i}]"))
            if strip(e).type in FUNCTION_LITERALS:
                functions.append((f"[{i}]", strip(e)))
        self.stored_parts(n, "array", stored, functions, returned, start)
        return EVal()

    # -- functions as values ---------------------------------------------------------
    def callback_literal(self, fn: "Node", name: str | None = None) -> EVal:
        summary = self.f.function(fn, name or self.callback_name(fn), self.scope,
                                  self.arrow_this(fn))
        self.creation_events(summary, fn)
        return EVal()

    def creation_events(self, summary: dict[str, int], node: "Node") -> None:
        """A function that captures a resource: escape if it releases/stores it, else a use."""
        for var, level in summary.items():
            if level < ESCAPE_LEVEL and self.name == "<module>":
                # module code's resource used by the module's functions (request handlers): it is
                # shared for the life of the process, like a module-level pool
                self.emit(Ev.ESCAPE, self.span(node), var=var, label="shared with the module's functions")
                continue
            kind = Ev.ESCAPE if level >= ESCAPE_LEVEL else Ev.USE
            self.emit(kind, self.span(node), var=var, label="captured by callback")

    def inline(self, fn: "Node", args: list[EVal], first_bound: EVal | None = None,
               at: "Node | None" = None) -> None:
        """Lower ``fn``'s body here, as if it ran now; its ``return`` continues after it.

        ``at`` is the call of a local closure defined elsewhere: the inlined events are
        placed there, where the reader sees the closure run.
        """
        if fn.id in self.inlining:
            self.emit(Ev.CALL, self.span(fn), label="callback", raises=True)
            return
        saved_override = self.span_override
        if at is not None and saved_override is None:
            self.span_override = self.src.span(at)
        try:
            self._inline(fn, args, first_bound)
        finally:
            self.span_override = saved_override

    def _inline(self, fn: "Node", args: list[EVal], first_bound: EVal | None) -> None:
        self.inlining.add(fn.id)
        cont = self.nop("inline-return")
        self.stack.append(InlineCtx(cont))
        saved = self.scope
        self.scope = Scope(saved, self)
        params = self.param_names(fn)
        self.declare_params(fn)
        for i, (pname, ident) in enumerate(params):
            if pname is None:
                continue
            if i == 0 and first_bound is not None:
                self.declare(pname, first_bound.sym)
                continue
            if i < len(args):
                src = args[i].var
                if src is not None and self.is_resource(src):
                    sym = self.lookup(src)
                    self.declare(pname, sym)
                    self.emit(Ev.ALIAS, self.span(ident) if ident is not None else None,
                              var=pname, src=src)
        body = fn.child_by_field_name("body")
        if body is not None:
            if body.type == "statement_block":
                self.statements(list(kids(body)))
            else:
                ev = self.expr(body, self.temp_bind(body))
                if self.is_resource(ev.var):
                    self.emit(Ev.ESCAPE, self.span(body), var=ev.var, label="returned")
        self.connect(cont)
        self.stack.pop()
        self.scope = saved
        self.frontier = [(cont, NORMAL, ())]
        self.inlining.discard(fn.id)

    # -- calls ----------------------------------------------------------------------
    def chain(self, n: "Node", bind: Bind | None, awaited: bool) -> EVal:
        t = n.type
        if t == "call_expression":
            return self.call(n, bind, awaited)
        if t == "member_expression":
            return self.member(n)
        if t == "subscript_expression":
            obj = n.child_by_field_name("object")
            ev = self.chain_obj(obj) if obj is not None else EVal()
            if n.child_by_field_name("optional_chain") is not None and obj is not None:
                self.opt_branch(ev, obj)
            idx = n.child_by_field_name("index")
            if idx is not None:
                self.expr(idx)
            if self.is_resource(ev.var):
                self.emit(Ev.USE, self.span(n), var=ev.var, label=compact(node_text(n)))
            if obj is not None and obj.type == "identifier" and ev.sym is None:
                # `pools[url]`: an element of a dictionary of pools is that pool
                return EVal(self.f.ev.containers.get(node_text(obj)))
            return EVal()
        return self.expr(n, bind, awaited)

    def chain_obj(self, node: "Node", bind: Bind | None = None) -> EVal:
        s = strip(node, parens=False)
        if s.type in CHAIN_NODES:
            return self.chain(s, bind, False)
        return self.expr(s, bind)

    def opt_branch(self, ev: EVal, node: "Node") -> None:
        var = self.plain_var(node, ev)
        t, f = self.branch(compact(node_text(node)) + "?.", self.span(node), var)
        self.frontier = t
        if self.opt_exits:
            self.opt_exits[-1].extend(f)

    def member(self, n: "Node") -> EVal:
        obj = n.child_by_field_name("object")
        prop_n = n.child_by_field_name("property")
        if obj is None or prop_n is None:
            return EVal()
        ev = self.chain_obj(obj)
        if n.child_by_field_name("optional_chain") is not None:
            self.opt_branch(ev, obj)
        prop = node_text(prop_n)
        if ev.var == "this":
            var = f"this.{prop}"
            return EVal(self.lookup(var), var)
        if self.is_resource(ev.var):
            self.emit(Ev.USE, self.span(n), var=ev.var, label=compact(node_text(n)))
            return EVal()
        wrapped = self.wrappers.get(ev.var) if ev.var is not None else None
        if wrapped is not None and self.is_resource(wrapped) and self.driver_method_follows(n, wrapped):
            return EVal(self.lookup(wrapped), wrapped)  # `session.client.release()`: the resource itself
        return EVal(self.f.ev.member(ev.sym, prop))

    def driver_method_follows(self, n: "Node", resource: str) -> bool:
        """Whether the member expression ``n`` is the receiver of a call of a method the driver
        model knows on ``resource`` (``n.release()``, ``n.query(…)``)."""
        parent = n.parent
        if parent is None or parent.type != "member_expression":
            return False
        obj, prop = parent.child_by_field_name("object"), parent.child_by_field_name("property")
        call = parent.parent
        if obj is None or prop is None or obj.id != n.id or call is None or call.type != "call_expression":
            return False
        fn = call.child_by_field_name("function")
        if fn is None or fn.id != parent.id:
            return False
        value = self.value_of(self.lookup(resource))
        return value is not None and self.f.registry.method(value, node_text(prop)) is not None

    def arguments(self, nodes: list["Node"]) -> list[EVal]:
        out: list[EVal] = []
        for a in nodes:
            s = strip(a)
            if s.type in FUNCTION_LITERALS:
                out.append(self.callback_literal(s))
            elif s.type == "spread_element":
                out.append(self.expr(s))
            else:
                out.append(self.expr(a, self.temp_bind(a)))
        return out

    def chainable(self, value: Value) -> bool:
        """Whether ``value`` is a query builder whose unlisted methods return a builder (:attr:`KindInfo.chainable`)."""
        info = self.f.registry.kind_info(value)
        return info is not None and info.chainable

    def plain_call(self, n: "Node", label: str, evs: list[EVal]) -> None:
        passed = list(dict.fromkeys(ev.var for ev in evs
                                    if ev.var is not None and self.is_resource(ev.var)))
        if not passed:
            self.emit(Ev.CALL, self.span(n), label=label, raises=not quiet_call(label))
            return
        self.passed_log.extend(passed)
        if quiet_call(label):  # `console.log(client)`: only looked at, and no exception source
            for var in passed:
                self.emit(Ev.USE, self.span(n), var=var, label=label)
            return
        for i, var in enumerate(passed):
            self.emit(Ev.ESCAPE, self.span(n), var=var, label=f"passed to {label}()",
                      raises=i == len(passed) - 1)

    # -- project helpers (function summaries) -------------------------------------------
    def summary(self, key: tuple[str, str] | None, evs: list[EVal]) -> "FunctionSummary | None":
        """The summary of the project function ``key`` called with ``evs`` (asking records the
        dependency; on its parameter summaries too when a resource is passed)."""
        if key is None:
            return None
        passed = [ev.var for ev in evs if ev.var is not None and self.is_resource(ev.var)]
        wildcard = self.f.registry.param_values.get(LANG)
        known = any(self.value_of(self.lookup(v)) != wildcard for v in passed)
        return self.f.project.summary(self.src.path, key, bool(passed), known)

    def method_pool(self, recv: EVal, prop: str) -> Value | None:
        """``this.open()`` / ``db.getPool()`` on an instance of a class of this file: the pool
        the method returns on every ``return``."""
        cls: str | None = None
        if recv.var == "this":
            owner = self.name.split("/", 1)[0]
            cls = owner.rsplit(".", 1)[0] if "." in owner else None
        elif isinstance(recv.sym, Instance) and recv.sym.module is None:
            cls = recv.sym.cls
        method = self.f.method_node(cls, prop) if cls is not None else None
        if method is None or cls is None:
            return None
        this = self.this_fields if recv.var == "this" else None
        if this is None:
            node = self.f.class_nodes().get(cls)
            body = node.child_by_field_name("body") if node is not None else None
            this = self.f.class_fields(body, self.f.module_scope) if (
                body is not None and self.f.module_scope is not None) else None
        return self.f.returned_pool(method, this)

    def instance_key(self, inst: Instance, prop: str) -> tuple[str, str] | None:
        """``db.m()`` on an instance of a project class: the class's method ``m``."""
        if inst.module is None:
            return (self.src.path, f"{inst.cls}.{prop}")
        target = self.f.project.resolve(self.src.path, inst.module)
        if target is None:
            return None
        cpath, cname = self.f.project.function_key(target, inst.cls)
        return (cpath, f"{cname}.{prop}")

    def method_key(self, recv: EVal, prop: str, member: Sym | None) -> list[tuple[str, str]]:
        """``this.m()`` → the class's method, then the same method of each project base class
        (``extends Base`` of this file or imported); ``db.m()`` on a project module → its function;
        on an instance of a project class (``db: Database``, ``new Database()``) → its method."""
        if recv.var != "this":
            if isinstance(recv.sym, Instance):
                ikey = self.instance_key(recv.sym, prop)
                return [ikey] if ikey is not None else []
            key = self.f.function_key(member, prop, False)
            return [key] if key is not None else []
        owner = self.name.split("/", 1)[0]
        if "." not in owner:
            return []
        cls = owner.rsplit(".", 1)[0]
        keys = [(self.src.path, f"{cls}.{prop}")]
        seen = {cls}
        base = self.f.class_bases.get(cls)
        while base is not None and len(keys) < 6:
            if base.type == "identifier":
                name = node_text(base)
                if name in self.f.local_classes():
                    if name in seen:
                        break
                    seen.add(name)
                    keys.append((self.src.path, f"{name}.{prop}"))
                    base = self.f.class_bases.get(name)
                    continue
                sym = self.f.symbols.lookup(name)
                if isinstance(sym, ProjRef) and sym.name is not None:
                    target = self.f.project.resolve(self.src.path, sym.module)
                    if target is not None:
                        cpath, cname = self.f.project.function_key(target, sym.name)
                        keys.append((cpath, f"{cname}.{prop}"))
            elif base.type == "member_expression":
                obj, prop_n = base.child_by_field_name("object"), base.child_by_field_name("property")
                sym = self.f.symbols.lookup(node_text(obj)) if obj is not None else None
                if isinstance(sym, ProjRef) and sym.name is None and prop_n is not None:
                    target = self.f.project.resolve(self.src.path, sym.module)
                    if target is not None:
                        keys.append((target, f"{node_text(prop_n)}.{prop}"))
            break
        return keys

    def summarised_call(self, n: "Node", label: str, evs: list[EVal], summ: "FunctionSummary",
                        bind: Bind | None) -> EVal:
        """A call of a summarised project function: a checkout when it returns a fresh one; what
        it does to the first resource passed to it (release, borrows) as a declared effect."""
        ret = summ.returns
        if ret is not None and self.f.registry.kind_info(ret.value) is not None:
            if ret.part:  # returned as a part of an array/object: bound when destructured here
                target = self.pattern_part(n, ret.part)
                if target is None:
                    return self.produce(n, label, evs, None, bind)
                local, ident = target
                got = self.produce(n, label, evs, ret.value, Bind(local, ident), via=ret.origin,
                                   via_steps=ret.steps)
                self.f.pattern_bound[local] = ret.value
                for rel in ret.releasers:
                    fn = self.pattern_part(n, rel)
                    if fn is not None:
                        self.f.pattern_bound[fn[0]] = ReleaseFn(local)
                return EVal(got.sym)
            return self.produce(n, label, evs, ret.value, bind, via=ret.origin, via_steps=ret.steps)
        for i, ev in enumerate(evs):
            if ev.var is None or not self.is_resource(ev.var):
                continue
            p = summ.param(i)
            if p is not None and p.effect == "takes-ownership":  # kept on some paths: handed over
                return self.declared_call(n, label, evs, Function(label, p.effect, i))  # type: ignore[arg-type]
            if p is not None and p.effect in ("release", "close", "borrows"):
                first = len(self.b.nodes)
                res = self.declared_call(n, label, evs, Function(label, p.effect, i))  # type: ignore[arg-type]
                for node in self.b.nodes[first:]:  # for witness steps: which helper used / released it
                    if node.kind in (Ev.USE, Ev.RELEASE) and node.call is None:
                        node.call = CallInfo(label, summ.key)
                return res
            break
        pool = getattr(summ, "pool", None)  # createPool(): a project function returning a pool
        if pool is not None and self.f.registry.kind_info(pool) is None:
            pool = None
        return self.produce(n, label, evs, pool, bind)

    def pattern_part(self, n: "Node", part: str) -> tuple[str, "Node"] | None:
        """The local name (and its node) a destructuring declaration of the call ``n`` gives the
        ``part`` (``[0]``, ``.client``) of what it returns."""
        if self.f.pattern_call is None or self.f.pattern_call[0] != n.id:
            return None
        pattern = self.f.pattern_call[1]
        if pattern.type == "array_pattern" and part.startswith("["):
            elems = [c for c in pattern.children if c.type not in ("[", "]")]
            index, i = int(part[1:-1]), 0
            pos: list["Node | None"] = []
            for c in elems:  # `[a, , b]`: a hole is a comma with no element before it
                if c.type == ",":
                    if len(pos) == i:
                        pos.append(None)
                    i += 1
                    continue
                pos.append(c)
            el = pos[index] if index < len(pos) else None
            if el is not None and el.type == "identifier":
                return node_text(el), el
            return None
        if pattern.type == "object_pattern" and part.startswith("."):
            for prop, local in pattern_pairs(pattern):
                if prop == part[1:]:
                    ident = next((i for i in pattern_names(pattern) if node_text(i) == local), None)
                    return (local, ident) if ident is not None else None
        return None

    def declared_call(self, n: "Node", label: str, evs: list[EVal], fn: Function) -> EVal:
        """A call ``[tool.pglint.resources]`` declares: argument ``fn.arg`` is released or closed,
        handed over (``takes-ownership``: the caller's duty ends) or only used (``borrows``)."""
        target = evs[fn.arg].var if fn.arg < len(evs) else None
        if target is None or not self.is_resource(target):
            self.plain_call(n, label, evs)
            return EVal()
        span = self.span(n)
        others = [ev.var for i, ev in enumerate(evs)
                  if i != fn.arg and ev.var is not None and ev.var != target and self.is_resource(ev.var)]
        for var in dict.fromkeys(others):
            self.emit(Ev.ESCAPE, span, var=var, label=f"passed to {label}()")
        if fn.effect in ("release", "close"):
            how = "close" if fn.effect == "close" else "release"
            self.emit(Ev.RELEASE, span, var=target, info=ReleaseInfo(how=how))
        elif fn.effect == "takes-ownership":
            self.emit(Ev.ESCAPE, span, var=target, label=f"passed to {label}(), which takes ownership",
                      raises=True)
        else:
            self.emit(Ev.USE, span, var=target, label=label, raises=True)
        return EVal()

    def new_expr(self, n: "Node") -> EVal:
        ctor = n.child_by_field_name("constructor")
        args = n.child_by_field_name("arguments")
        cev = self.chain_obj(ctor) if ctor is not None else EVal()
        evs = self.arguments(list(kids(args))) if args is not None else []
        ctor_name = compact(node_text(ctor)) if ctor is not None else ""
        if ctor_name in BUILTIN_ERRORS and cev.sym is None and not any(
                self.is_resource(ev.var) for ev in evs):
            return EVal()  # building an Error does not throw; the `throw` that follows does
        self.plain_call(n, "new " + ctor_name, evs)
        made = self.f.ev.construct(cev.sym)
        if made is not None:
            self.f.sites.connect_call(self, n, made, f"new {ctor_name}()")
            return EVal(made)
        return EVal(self.f.ev.instance_of(ctor, self.lookup))

    def call(self, n: "Node", bind: Bind | None, awaited: bool) -> EVal:
        if expects_rejection(n):
            # `await expect(client.connect()).rejects.toThrow()`, `assert.rejects(pool.connect())`:
            # the connect is meant to fail, so it opens nothing
            self.expected_failure += 1
            try:
                return self.plain_call_of(n, bind, awaited)
            finally:
                self.expected_failure -= 1
        return self.plain_call_of(n, bind, awaited)

    def plain_call_of(self, n: "Node", bind: Bind | None, awaited: bool) -> EVal:
        fn = n.child_by_field_name("function")
        args_n = n.child_by_field_name("arguments")
        if fn is None:
            return EVal()
        # `f?.()`: a bare `?.` token in the TypeScript grammar, a named `optional_chain` in JavaScript's
        optional_call = any(c.type in ("?.", "optional_chain") for c in n.children)
        if args_n is not None and args_n.type == "template_string":  # tagged template
            tag = self.chain_obj(fn)
            self.expr(args_n)
            if self.is_resource(tag.var):  # postgres.js reserved`BEGIN`: a query on the connection
                text = string_value(args_n)
                effect = transaction_effect(text) if text else None
                kind = {"begin": Ev.BEGIN, "commit": Ev.COMMIT, "rollback": Ev.ROLLBACK}.get(effect or "", Ev.USE)
                self.emit(kind, self.span(n), var=tag.var, label=compact(node_text(fn)), raises=True)
            else:
                self.emit(Ev.CALL, self.span(n), label=compact(node_text(fn)), raises=True)
            self.f.sites.tagged_call(self, n, fn)
            return EVal()
        arg_nodes = list(kids(args_n)) if args_n is not None else []
        fs = strip(fn, parens=False)
        if fs.type == "await_expression" and n.child_by_field_name("type_arguments") is not None:
            # TypeScript reads `await x.query<T>(…)` as `(await x.query)<T>(…)`
            inner = first_kid(fs)
            if inner is not None:
                fs, awaited = strip(inner, parens=False), True
        if fs.type == "member_expression":
            obj = fs.child_by_field_name("object")
            prop_n = fs.child_by_field_name("property")
            if obj is None or prop_n is None:
                return EVal()
            prop = node_text(prop_n)
            if prop in PROMISE_METHODS and fs.child_by_field_name("optional_chain") is None:
                return self.promise_link(obj, prop, arg_nodes, bind)
            recv = self.chain_obj(obj)
            if fs.child_by_field_name("optional_chain") is not None:
                self.opt_branch(recv, obj)
            if optional_call:
                self.opt_branch(EVal(), fs)
            return self.method_call(n, fs, recv, prop, arg_nodes, bind, awaited)
        if fs.type == "identifier":
            return self.named_call(n, node_text(fs), arg_nodes, optional_call, fs, bind)
        if fs.type == "import":  # await import('pg')
            spec = import_spec(n)
            if spec is not None:
                self.emit(Ev.CALL, self.span(n), label="import", raises=True)
                return EVal(self.f.ev.module_sym(spec, None))
        p = strip(fn)
        if p.type in FUNCTION_LITERALS:  # IIFE: runs now
            evs = self.arguments(arg_nodes)
            self.inline(p, evs)
            return EVal()
        cev = self.chain_obj(fs)
        if optional_call:
            self.opt_branch(cev, fs)
        evs = self.arguments(arg_nodes)
        made = self.f.ev.construct(cev.sym) if isinstance(cev.sym, ModRef) else None
        if made is not None:  # require('knex')({ … }), require('pg-promise')(options)
            return self.produce(n, compact(node_text(fs)), evs, made, bind)
        self.plain_call(n, compact(node_text(fs)), evs)
        return EVal()

    def named_call(self, n: "Node", name: str, arg_nodes: list["Node"], optional_call: bool,
                   fn: "Node", bind: Bind | None) -> EVal:
        if name == "require" and arg_nodes:
            spec = string_value(arg_nodes[0])
            if spec is not None:
                return EVal(self.f.ev.module_sym(spec, None))
        sym = self.lookup(name)
        if name == "await" and len(arg_nodes) == 1 and sym is None:
            # tree-sitter reads `await (x).y()` as `await(x)` then `.y()`; the await really
            # applies to the whole chain, whose calls have their own may-raise nodes
            return self.expr(arg_nodes[0], bind, awaited=True)
        if isinstance(sym, ReleaseFn):
            evs = self.arguments(arg_nodes)
            how = "destroy" if evs and not _falsy_literal(arg_nodes[0]) else "release"
            self.emit(Ev.RELEASE, self.span(n), var=sym.var, info=ReleaseInfo(how=how))
            return EVal()
        declared = self.f.declared_function(sym, name)
        if declared is not None:
            return self.declared_call(n, name, self.arguments(arg_nodes), declared)
        if sym is None:
            closure = self.find_closure(name)
            if closure is not None and closure.id not in self.inlining:
                evs = self.arguments(arg_nodes)
                self.inline(closure, evs, at=n)
                return EVal()
        if optional_call:
            self.opt_branch(EVal(sym, name), fn)
        evs = self.arguments(arg_nodes)
        called = self.value_of(sym)
        query = self.f.registry.method(called, "__call__") if called is not None else None
        if called is not None and query is not None and query.effect == "query" and not query.tag_only:
            self.f.sites.query_call(self, n, called, query, arg_nodes)  # neon: sql(text)
        if called is not None and query is not None and query.produces and query.effect != "acquire":  # knex: db('users')
            self.plain_call(n, name, evs)
            return EVal(Value(called.driver, query.produces))
        made = self.f.ev.construct(sym)
        if made is None and called is not None:  # pg-promise: `pgp(cn)` makes a Database
            made = self.f.ev.method_result(called, "__call__")
        if made is None and sym is None:  # a configured helper named without a module
            made = self.f.ev.construct(ModRef(name))
        if made is None:  # a configured helper imported from a project file
            made = self.f.declared_value(sym)
        if made is None:
            owner = self.scope.find(name)  # not a local variable: this module's own function
            top = owner is None or owner.parent is None
            summ = self.summary(self.f.function_key(sym, name, top), evs)
            if summ is not None:
                return self.summarised_call(n, name, evs, summ, bind)
            local_fn = self.f.top_functions().get(name) if top and sym is None else None
            if local_fn is not None:
                spec = self.f.loader_spec(local_fn, arg_nodes)
                if spec is not None:  # load('pg'): a thin wrapper over require
                    self.plain_call(n, name, evs)
                    return EVal(self.f.ev.module_sym(spec, None))
                made = self.f.returned_pool(local_fn, None)  # makePool()
        return self.produce(n, name, evs, made, bind)

    def produce(self, n: "Node", label: str, evs: list[EVal], made: Value | None,
                bind: Bind | None, via: str = "",
                via_steps: tuple[tuple[str, int, int, str], ...] = ()) -> EVal:
        """The call of a factory: an acquisition when what it makes is held (a project helper
        configured as ``acquire``), else an ordinary call that yields ``made``."""
        info = self.f.registry.kind_info(made) if made is not None else None
        if made is not None:
            self.f.sites.connect_call(self, n, made, label + "()")
        if made is None or info is None or info.category not in ("pool-client", "connection") \
                or (info.module_lived and self.name == "<module>"):
            self.plain_call(n, label, evs)
            return EVal(made)
        model = self.f.registry.model(made.driver)
        acq = AcquireInfo(driver=model.name, kind=info.category, api=label + "()", noun=info.noun,
                          release_hint=info.release_hint,
                          pool_resets_transaction=model.pool_resets_transaction,
                          double_release_raises=model.double_release_raises,
                          value_kind=made.kind, via=via, via_steps=via_steps, lazy=info.lazy)
        var, span = None, self.span(n)
        if bind is not None:
            var = bind.name
            if not bind.temp:
                span = self.span(bind.node)
        self.emit(Ev.ACQUIRE, span, var=var, info=acq, raises=True)
        if var is None:
            return EVal(made)
        if var.startswith(("this.", "<")):
            self.set_var(var, made)
        return EVal(made, var, True)

    def method_call(self, n: "Node", callee: "Node", recv: EVal, prop: str,
                    arg_nodes: list["Node"], bind: Bind | None, awaited: bool) -> EVal:
        label = compact(node_text(callee))
        recv_val = self.value_of(recv.sym)
        if recv_val is None and recv.var is not None:
            recv_val = self.value_of(self.lookup(recv.var))
        method = self.f.registry.method(recv_val, prop) if recv_val is not None else None
        recv_var = recv.var if self.is_resource(recv.var) else None
        cb: "Node | None" = None
        if arg_nodes and strip(arg_nodes[-1]).type in FUNCTION_LITERALS:
            cb = strip(arg_nodes[-1])
        if method is None and recv_val is not None and recv_var is None and self.chainable(recv_val):
            self.plain_call(n, label, self.arguments(arg_nodes))  # a query builder's next link
            return EVal(recv_val)
        if method is None or recv_val is None:
            if prop in UNKNOWN_QUERY_METHODS and recv_val is None and recv_var is None and self.f.unknown_queries:
                obj = callee.child_by_field_name("object")
                if obj is not None:
                    self.f.sites.unknown_query_call(self, n, obj, arg_nodes)
            elif prop == "execute" and recv_val is not None:  # `pool.execute(sql)`: the mysql2 spelling
                query = self.f.registry.method(recv_val, "query")
                if query is not None and query.effect == "query":
                    self.f.sites.misnamed_query_call(self, n, recv_val, query, arg_nodes)
            evs = self.arguments(arg_nodes)
            if recv_var is not None:
                self.emit(Ev.USE, self.span(n), var=recv_var, label=label,
                          raises=not quiet_call(label))
                return EVal()
            made = None
            member = self.f.ev.member(recv.sym, prop)
            if recv_val is None and not isinstance(recv.sym, ModRef):
                made = self.f.ev.construct(ModRef(prop))  # a configured helper, by name only
            else:
                made = self.f.ev.construct(member)
            if made is None and recv_val is None:  # `db.getClient()` of a project module (configured)
                made = self.f.declared_value(member)
            if made is None and recv_val is None:
                declared = self.f.declared_function(member, prop)
                if declared is not None:
                    return self.declared_call(n, label, evs, declared)
            if made is None and recv_val is None:
                summ = None
                for key in self.method_key(recv, prop, member):  # every candidate is a dependency
                    summ = summ or self.summary(key, evs)
                if summ is not None:
                    return self.summarised_call(n, label, evs, summ, bind)
                made = self.method_pool(recv, prop)
            return self.produce(n, label, evs, made, bind)
        effect = method.effect
        if effect == "query":
            self.f.sites.query_call(self, n, recv_val, method, arg_nodes)
        if effect == "acquire":
            return self.acquire_call(n, method, recv, recv_val, label, arg_nodes, cb, bind)
        if effect in ("release", "close"):
            evs = self.arguments(arg_nodes)
            target = recv_var
            if method.arg is not None:
                target = evs[method.arg].var if method.arg < len(evs) else None
                if not self.is_resource(target):
                    target = None
            if target is None:
                self.plain_call(n, label, evs)
                return EVal()
            how = "close" if effect == "close" else "release"
            if method.destroys_with_arg and arg_nodes and not _falsy_literal(arg_nodes[0]):
                how = "destroy"
            effective = not (method.requires_await and not awaited)
            note = "" if effective else f"`{label}()` is not awaited, so it does nothing"
            self.emit(Ev.RELEASE, self.span(n), var=target,
                      info=ReleaseInfo(how=how, effective=effective, note=note))
            return EVal()
        if method.managed is not None and cb is not None:
            return self.managed_call(n, label, recv_val.driver, method.managed, arg_nodes[:-1], cb, recv_var)
        inline_cb = cb if (cb is not None and method.callback) else None
        evs = self.arguments(arg_nodes[:-1] if inline_cb is not None else arg_nodes)
        if recv_var is None:
            self.plain_call(n, label, evs)
            if method.produces and inline_cb is None:  # a query builder: knex `db.select(…)`
                return EVal(Value(recv_val.driver, method.produces))
        else:
            kind = Ev.USE
            if effect == "query":
                sql = self.sql_text(arg_nodes[0]) if arg_nodes else None
                tx = transaction_effect(sql) if sql else None
                kind = {"begin": Ev.BEGIN, "commit": Ev.COMMIT, "rollback": Ev.ROLLBACK}.get(
                    tx or "", Ev.USE)
            elif effect == "commit":
                kind = Ev.COMMIT
            elif effect == "rollback":
                kind = Ev.ROLLBACK
            elif effect == "begin":
                kind = Ev.BEGIN
            # with a callback the driver reports failures to it instead of throwing
            self.emit(kind, self.span(n), var=recv_var, label=label,
                      raises=inline_cb is None and method.may_raise)
        if inline_cb is not None:  # a managed handle (TypeORM's manager, knex's trx) for the callback
            handle = EVal(Value(recv_val.driver, method.produces)) if method.produces else None
            self.inline(inline_cb, [], handle)
        return EVal()

    def managed_call(self, n: "Node", label: str, driver: str, kind: str, arg_nodes: list["Node"],
                     cb: "Node", recv_var: str | None) -> EVal:
        """``sql.begin(async sql => …)`` / ``db.tx(t => …)``: the library checks a connection out
        for the callback and gives it back (committing or rolling back) whatever the callback
        does; the callback runs now, its first parameter a value of ``kind``; the call rejects
        when the callback throws."""
        evs = self.arguments(arg_nodes)
        if recv_var is not None:
            self.emit(Ev.USE, self.span(n), var=recv_var, label=label, raises=True)
        else:
            self.plain_call(n, label, evs)
        self.inline(cb, [], first_bound=EVal(Value(driver, kind)))
        return EVal()

    def sql_text(self, node: "Node") -> str | None:
        """The SQL of a query's first argument: a string, a plain template, a string constant,
        or ``{ text: … }``."""
        s = strip(node)
        text = string_value(s)
        if text is not None:
            return text
        if s.type == "identifier":
            sym = self.lookup(node_text(s))
            return sym.text if isinstance(sym, StrConst) else None
        if s.type == "object":
            for p in kids(s):
                if p.type == "pair":
                    key = p.child_by_field_name("key")
                    value = p.child_by_field_name("value")
                    if (key is not None and value is not None
                            and node_text(key).strip("'\"") == "text"):
                        return self.sql_text(value)
        return None

    def acquire_info(self, value: Value, method: Method, api: str, err_var: str | None = None,
                     release_var: str | None = None) -> AcquireInfo:
        model = self.f.registry.model(value.driver)
        produced = method.produces or value.kind
        kind = model.kinds.get(produced)
        return AcquireInfo(
            driver=model.name,
            kind=kind.category if kind is not None else produced,
            api=api,
            noun=kind.noun if kind is not None else "connection",
            release_hint=kind.release_hint if kind is not None else "",
            err_var=err_var,
            release_var=release_var,
            pool_resets_transaction=model.pool_resets_transaction,
            double_release_raises=model.double_release_raises,
            value_kind=produced,
        )

    def acquire_call(self, n: "Node", method: Method, recv: EVal, recv_val: Value, label: str,
                     arg_nodes: list["Node"], cb: "Node | None", bind: Bind | None) -> EVal:
        produced = Value(recv_val.driver, method.produces or recv_val.kind)
        if method.managed is not None and cb is not None:  # knex.transaction(async trx => …): managed
            self.arguments(arg_nodes[:-1])
            self.emit(Ev.CALL, self.span(n), label=label, raises=True)
            self.inline(cb, [], EVal(Value(recv_val.driver, method.managed)))
            return EVal()
        if method.acquire_target == "receiver":
            inline_cb = cb if (cb is not None and method.callback) else None
            self.arguments(arg_nodes[:-1] if inline_cb is not None else arg_nodes)
            var = recv.var if recv.var is not None and recv.var != "this" else None
            err = None
            if inline_cb is not None:
                names = self.param_names(inline_cb)
                err = names[0][0] if names else None
            info = self.acquire_info(recv_val, method, label + "()", err_var=err)
            self.emit(Ev.ACQUIRE, self.span(n), var=var, info=info, raises=True)
            if var is not None:
                self.set_var(var, produced)
                if var.startswith("this."):
                    self.emit(Ev.ESCAPE, self.span(n), var=var, label=f"stored in {var}")
            if inline_cb is not None:
                self.inline(inline_cb, [])
            return EVal()
        if cb is not None and method.callback:
            self.arguments(arg_nodes[:-1])
            self.emit(Ev.CALL, self.span(n), label=label, raises=True)
            self.callback_checkout(cb, recv_val, method, label)
            return EVal()
        if method.callback and arg_nodes and not arg_nodes[-1].type.endswith(("object", "string")):
            # `pool.connect(onConnect)`: the client goes to a callback defined elsewhere
            self.arguments(arg_nodes)
            self.emit(Ev.CALL, self.span(n), label=label, raises=True)
            return EVal()
        self.arguments(arg_nodes)
        var, span = None, self.span(n)
        if bind is not None:
            var = bind.name
            if not bind.temp:
                span = self.span(bind.node)
        info = self.acquire_info(recv_val, method, label + "()")
        self.emit(Ev.ACQUIRE, span, var=var, info=info, raises=True)
        if var is not None:
            if var.startswith(("this.", "<")):
                self.set_var(var, produced)
            return EVal(produced, var, True)
        return EVal(produced)

    def callback_checkout(self, cb: "Node", recv_val: Value, method: Method, label: str) -> None:
        names = self.param_names(cb)
        err = names[0][0] if len(names) > 0 else None
        client, client_node = names[1] if len(names) > 1 else (None, None)
        done = names[2][0] if len(names) > 2 else None
        if client is None:
            self.callback_literal(cb)
            return
        info = self.acquire_info(recv_val, method, label + "(callback)", err_var=err,
                                 release_var=done)
        produced = Value(recv_val.driver, method.produces or recv_val.kind)
        span = self.span(client_node) if client_node is not None else self.span(cb)

        def prelude(lw: FunctionLowerer) -> None:
            lw.declare(client, produced)
            if done is not None:
                lw.declare(done, ReleaseFn(client))
            lw.emit(Ev.ACQUIRE, span, var=client, info=info, raises=True)

        summary = self.f.function(cb, self.callback_name(cb), self.scope, self.arrow_this(cb),
                                  prelude)
        self.creation_events(summary, cb)

    # -- promise chains ----------------------------------------------------------------
    def promise_link(self, prefix: "Node", prop: str, arg_nodes: list["Node"],
                     bind: Bind | None) -> EVal:
        """``prefix.then(f, g)`` / ``.catch(h)`` / ``.finally(k)`` as try/catch/finally.

        ``.catch``/``.finally`` resolve to the prefix's value, so a checkout in the prefix
        is bound to whatever the whole chain is bound to.
        """
        handlers = [strip(a) for a in arg_nodes]
        box: list[EVal] = []

        def lower_prefix(bind: Bind | None = None) -> EVal:
            ev = self.chain_obj(prefix, bind)
            box.append(ev)
            return ev

        def run(h: "Node | None", value: EVal | None, bound: bool) -> None:
            if h is None or h.type in NULLISH:
                return
            if h.type in FUNCTION_LITERALS:
                self.inline(h, [value] if value is not None and not bound else [],
                            value if bound and value is not None else None)
                return
            if h.type == "identifier":
                sym = self.lookup(node_text(h))
                if isinstance(sym, ReleaseFn):  # .finally(done)
                    self.emit(Ev.RELEASE, self.span(h), var=sym.var, info=ReleaseInfo())
                    return
                closure = self.find_closure(node_text(h)) if sym is None else None
                if closure is not None and closure.id not in self.inlining:
                    self.inline(closure, [value] if value is not None else [], at=h)
                    return
            self.expr(h)  # the handler expression is evaluated (its value is not tracked)
            if value is not None and self.is_resource(value.var) and value.var is not None:
                self.emit(Ev.ESCAPE, self.span(h), var=value.var,
                          label=f"passed to {compact(node_text(h))}()", raises=True)
            else:
                self.emit(Ev.CALL, self.span(h), label=compact(node_text(h)), raises=True)

        if prop == "then":
            f = handlers[0] if handlers else None
            g = handlers[1] if len(handlers) > 1 else None
            fbind = None
            if f is not None and f.type in FUNCTION_LITERALS:
                names = self.param_names(f)
                pname, pnode = names[0] if names else (None, None)
                if pname is not None and pnode is not None:
                    fbind = Bind(pname, pnode)
            elif f is not None and f.type not in NULLISH:
                fbind = self.temp_bind(prefix)  # the value is handed to `f`

            def then_body() -> EVal:
                return lower_prefix(fbind)

            def then_run() -> None:
                v = box[-1] if box else EVal()
                run(f, v, v.bound)

            if g is not None and g.type not in NULLISH:
                self.try_generic(then_body, lambda: run(g, None, False), then_run, None)
            else:
                then_body()
                then_run()
        elif prop == "catch":
            h = handlers[0] if handlers else None
            return self.try_generic(lambda: lower_prefix(bind), lambda: run(h, None, False),
                                    None, None)
        else:
            k = handlers[0] if handlers else None
            return self.try_generic(lambda: lower_prefix(bind), None, None,
                                    lambda: run(k, None, False))
        return EVal()


def _extends(cls: "Node") -> "Node | None":
    """The expression after ``extends`` in a class declaration/expression (TS or JS), if any."""
    for h in kids(cls):
        if h.type != "class_heritage":
            continue
        clause = next((c for c in kids(h) if c.type == "extends_clause"), h)
        value = clause.child_by_field_name("value")
        if value is None:
            value = next((c for c in kids(clause) if c.type not in ("type_arguments", "implements_clause")), None)
        return value
    return None


_JSDOC_HOLDERS = frozenset({"variable_declarator", "lexical_declaration", "variable_declaration",
                            "export_statement", "pair", "assignment_expression", "expression_statement",
                            "public_field_definition", "field_definition"})


def _jsdoc_before(node: "Node") -> str | None:
    """The ``/** … */`` comment written right before ``node`` or the statement holding it."""
    n: "Node | None" = node
    for _ in range(4):
        if n is None:
            return None
        prev = n.prev_sibling
        if prev is not None and prev.type == "comment":
            text = node_text(prev)
            return text if text.startswith("/**") else None
        parent = n.parent
        if parent is None or parent.type not in _JSDOC_HOLDERS:
            return None
        n = parent
    return None


def _falsy_literal(node: "Node") -> bool:
    return strip(node).type in ("false", "null", "undefined")


def lower_file(src: "JsSource", symbols: ModuleSymbols, project: ProjectIndex,
               registry: DriverRegistry) -> list[FunctionCFG]:
    with deep_recursion(src.tree.root_node):
        return FileLowering(src, symbols, project, registry).run()


def lower_file_with_sites(src: "JsSource", symbols: ModuleSymbols, project: ProjectIndex,
                          registry: DriverRegistry, function_gate: bool = False
                          ) -> tuple[list[FunctionCFG], list[QuerySite], list[ConnectSite]]:
    """The CFGs and the query/connect sites (:mod:`.sites`) of one file."""
    with deep_recursion(src.tree.root_node):
        fl = FileLowering(src, symbols, project, registry, function_gate)
        cfgs = fl.run()
    queries, connects = fl.sites.results()
    return cfgs, queries, connects


__all__ = ["lower_file", "lower_file_with_sites", "FileLowering", "FunctionLowerer", "EVal", "Bind", "ModRef"]
