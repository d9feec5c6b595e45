"""Lowering of Python functions to the language-neutral CFG (``docs/lowering.md``).

:class:`FileLowering` produces one :class:`~pglint.ir.cfg.FunctionCFG` for the
module top level (``<module>``) and one per function, method, lambda and nested
function, in a work queue so that each body is walked once. A
:class:`_FunctionLowerer` walks one body with a *pending edge list* (the open
ends the next node attaches to) and a stack of contexts (loops, ``try``
handlers, ``finally``/``with`` exits, inlined closures): exceptions go to the
innermost handler dispatch or ``finally`` copy, ``return``/``break``/``continue``
are routed through one copy of every ``finally`` they cross, and ``with`` exits
are ``finally`` bodies that emit what the driver model says. What a call does to
a connection comes only from the driver models (via :mod:`.binding`).
"""

from __future__ import annotations

import ast
import itertools
from collections import deque
from dataclasses import dataclass, field
from typing import Callable, Union

from ...analysis.sql import transaction_effect
from ...analysis.summaries import return_part_label
from ...drivers.model import DriverRegistry, Function, Method, Value
from ...drivers.sqlalchemy import TEXT_FUNCTIONS
from ...ir.cfg import (AcquireInfo, Assume, CallInfo, CFGBuilder, EdgeKind, Ev, FunctionCFG, ReleaseInfo,
                       Span)
from ..base import ParsedFile, ProjectIndex
from ..relevance import FunctionGate, python_gate, python_offset
from .binding import (AWAIT_WRAPPERS, CONTEXT_MANAGER_DECORATORS, GATHER_WRAPPERS,
                      RESOURCE_CATEGORIES, SCHEDULE_WRAPPERS, Binder, FunctionNode, Product, Scope,
                      method_self_name)
from .source import SourceMap

Pending = tuple[int, EdgeKind, tuple[Assume, ...]]
JumpKey = tuple[str, int]  # ("return", 0) | ("break", loop id) | ("continue", loop id)

# Builtins that look at a connection without keeping it.
BENIGN_BUILTINS = frozenset({
    "print", "len", "isinstance", "repr", "str", "id", "type", "bool", "hash", "hasattr",
    "getattr", "callable", "format", "vars", "dir",
})
# `logger.info("... %s", conn)` only looks at the connection.
LOGGER_NAMES = frozenset({"log", "logger", "LOG", "LOGGER", "_log", "_logger", "logging"})
LOG_METHODS = frozenset({"debug", "info", "warning", "warn", "error", "exception", "critical", "log"})


def _is_log_call(func: ast.expr) -> bool:
    """``logger.info(...)``, ``self.log.debug(...)``, ``logging.getLogger(...).warning(...)``."""
    if not isinstance(func, ast.Attribute) or func.attr not in LOG_METHODS:
        return False
    recv = func.value
    if isinstance(recv, ast.Name):
        return recv.id in LOGGER_NAMES
    if isinstance(recv, ast.Attribute):
        return recv.attr in LOGGER_NAMES
    if isinstance(recv, ast.Call) and isinstance(recv.func, ast.Attribute):
        return recv.func.attr == "getLogger"
    return False


EXPECT_RAISES_METHODS = frozenset({"assertRaises", "assertRaisesRegex", "assertRaisesRegexp"})
CURSOR_QUERY_METHODS = frozenset({"execute", "executemany"})
SQL_KEYWORDS = ("query", "sql", "operation", "command")
TRANSACTION_EVENTS = {"start": Ev.BEGIN, "commit": Ev.COMMIT, "rollback": Ev.ROLLBACK}
EFFECT_EVENTS = {"begin": Ev.BEGIN, "commit": Ev.COMMIT, "rollback": Ev.ROLLBACK}
MAX_INLINE_DEPTH = 3


@dataclass(frozen=True, slots=True)
class _Res:
    """What an expression evaluated to, as far as resources go."""

    var: str | None = None  # the tracked variable it is (or a fresh acquisition's variable)
    derived: str | None = None  # "cursor" / "transaction": derived from ``var``, not ``var`` itself
    handled: bool = False  # the assignment to the destination was already emitted
    acquire: int | None = None  # the node id of a fresh, unbound acquisition (its var is temporary)


@dataclass(frozen=True, slots=True)
class _Dest:
    """An assignment target an acquisition can bind to."""

    var: str
    span: Span | None
    store: bool  # attribute, subscript, global: assigning a resource here hands it over
    text: str
    tracked: bool  # the target names a tracked resource (overwriting it is a kill)


@dataclass(eq=False, slots=True)
class _Loop:
    id: int
    head: int
    breaks: list[Pending] = field(default_factory=list)


@dataclass(eq=False, slots=True)
class _Handlers:
    dispatch: int | None = None


@dataclass(eq=False, slots=True)
class _Finally:
    exc_entry: int | None = None
    jumps: dict[JumpKey, list[Pending]] = field(default_factory=dict)


@dataclass(eq=False, slots=True)
class _Inline:
    returns: list[Pending] = field(default_factory=list)


_Ctx = Union[_Loop, _Handlers, _Finally, _Inline]


@dataclass(frozen=True, slots=True)
class _Job:
    node: FunctionNode
    qualname: str
    parent: Scope
    fields: dict[str, Value] | None
    self_name: str | None


class FileLowering:
    """All the CFGs of one file."""

    def __init__(self, parsed: ParsedFile, project: ProjectIndex | None,
                 registry: DriverRegistry, function_gate: bool = False) -> None:
        self.path = parsed.path
        # the function gate (:mod:`pglint.languages.relevance`): top-level units not lowered
        self.gate: tuple[FunctionGate, list[int]] | None = (
            python_gate(parsed.source, parsed.tree, parsed.path, project, registry) if function_gate else None)
        self.tree: ast.Module = parsed.tree
        self.source = SourceMap(parsed.source)
        self.registry = registry
        self.binder = Binder(registry, project, parsed.path, self.source)
        self.queue: deque[_Job] = deque()
        self.queued: set[int] = set()
        self.scopes: dict[int, Scope] = {}
        # every body lowered, in order (None: the module), for the query sites (.queries)
        self.lowered_bodies: list[tuple[FunctionNode | None, str, Scope]] = []
        self.module_scope: Scope | None = None

    def run(self) -> list[FunctionCFG]:
        module_scope = self.binder.scan_module(self.tree)
        self.module_scope = module_scope
        self.lowered_bodies.append((None, "<module>", module_scope))
        lines = len(self.source.lines)
        span = Span(1, 1, max(lines, 1), 1)
        out = [_FunctionLowerer(self, "<module>", span, module_scope, is_module=True)
               .lower_body(self.tree.body)]
        while self.queue:
            job = self.queue.popleft()
            if self.gate is not None and self.gate[0].skips(python_offset(self.gate[1], job.node)):
                continue
            scope = self.scope_for(job.node, job.parent, job.qualname, job.fields, job.self_name)
            self.lowered_bodies.append((job.node, job.qualname, scope))
            lowerer = _FunctionLowerer(self, job.qualname, self.source.span(job.node), scope)
            if isinstance(job.node, ast.Lambda):
                out.append(lowerer.lower_lambda(job.node))
                continue
            lowerer.lends_yields = any(self.binder.dotted(job.parent, d) in CONTEXT_MANAGER_DECORATORS
                                       for d in job.node.decorator_list)
            cfg = lowerer.lower_body(job.node.body)
            # for the function summaries: what callers' arguments bind to (not self), async, lends
            cfg.params = tuple(scope.params[1:] if scope.self_name is not None else scope.params)
            cfg.is_async = isinstance(job.node, ast.AsyncFunctionDef)
            cfg.context_manager = lowerer.lends_yields
            if len(lowerer.returned_pools) == 1 and not lowerer.returns_other:
                pool = next(iter(lowerer.returned_pools))
                cfg.returns_pool = (pool.driver, pool.kind)
            out.append(cfg)
        return out

    def scope_for(self, node: FunctionNode, parent: Scope, name: str,
                  fields: dict[str, Value] | None = None, self_name: str | None = None) -> Scope:
        scope = self.scopes.get(id(node))
        if scope is None:
            scope = self.binder.scan_function(node, parent, name, fields, self_name)
            self.scopes[id(node)] = scope
        return scope

    def enqueue_function(self, node: FunctionNode, qualname: str, parent: Scope,
                         fields: dict[str, Value] | None = None,
                         self_name: str | None = None) -> None:
        if id(node) in self.queued:
            return
        self.queued.add(id(node))
        self.queue.append(_Job(node, qualname, parent, fields, self_name))

    def enqueue_class(self, cls: ast.ClassDef, prefix: str, parent: Scope) -> None:
        if id(cls) in self.queued:
            return
        self.queued.add(id(cls))
        fields = self.binder.class_fields(cls, parent)
        for stmt in cls.body:
            if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
                self.enqueue_function(stmt, f"{prefix}{cls.name}.{stmt.name}", parent, fields,
                                      method_self_name(stmt))
            elif isinstance(stmt, ast.ClassDef):
                self.enqueue_class(stmt, f"{prefix}{cls.name}.", parent)


class _FunctionLowerer:
    """Walks one function body and builds its CFG."""

    def __init__(self, file: FileLowering, name: str, span: Span | None, scope: Scope,
                 is_module: bool = False) -> None:
        self.file = file
        self.binder = file.binder
        self.registry = file.registry
        self.src = file.source
        self.b = CFGBuilder(name, file.path, span, "python")
        self.qual = name
        self.scope = scope
        self.is_module = is_module
        self.pending: list[Pending] = [(self.b.entry, EdgeKind.NORMAL, ())]
        self.stack: list[_Ctx] = []
        self.inlining: list[int] = []
        self.loop_ids = itertools.count(1)
        # a @contextmanager generator lends what it yields to the `with` block: it stays responsible
        self.lends_yields = False
        # `session = Session(conn)`: a variable holding an object built from a tracked resource, and
        # that resource (`pool.putconn(session.conn)` gives it back: a field of the wrapper is it)
        self.wrappers: dict[str, str] = {}
        # what its own `return`s give back, for a pool-returning function's summary (`get_pool()`)
        self.returned_pools: set[Value] = set()
        self.returns_other = False
        # inside `with pytest.raises(...)`: a checkout there is expected to fail (none is made)
        self.expected_failure = 0

    # -- entry points ----------------------------------------------------------

    def lower_body(self, body: list[ast.stmt]) -> FunctionCFG:
        self.stmts(body)
        self.connect(self.pending, self.b.exit)
        return self.b.build()

    def lower_lambda(self, node: ast.Lambda) -> FunctionCFG:
        r = self.expr(node.body)
        if r.var is not None:
            self.emit(Ev.ESCAPE, self.src.span(node.body), var=r.var, label="returned")
        self.connect(self.pending, self.b.exit)
        return self.b.build()

    # -- graph plumbing ----------------------------------------------------------

    def connect(self, pending: list[Pending], target: int) -> None:
        for src, kind, assume in pending:
            self.b.edge(src, target, kind, assume)

    def emit(self, kind: Ev, span: Span | None, *, var: str | None = None, src: str | None = None,
             label: str = "", info: AcquireInfo | ReleaseInfo | None = None,
             raises: bool = False) -> int:
        nid = self.b.add(kind, span, var=var, src=src, label=label, info=info)
        self.connect(self.pending, nid)
        self.pending = [(nid, EdgeKind.NORMAL, ())]
        if raises:
            self.b.edge(nid, self.exc_target(), EdgeKind.EXCEPTION)
        return nid

    def nop(self, label: str) -> int:
        nid = self.b.add(Ev.NOP, None, label=label)
        self.connect(self.pending, nid)
        self.pending = [(nid, EdgeKind.NORMAL, ())]
        return nid

    def exc_target(self) -> int:
        for ctx in reversed(self.stack):
            if isinstance(ctx, _Handlers):
                if ctx.dispatch is None:
                    ctx.dispatch = self.b.add(Ev.NOP, None, label="except")
                return ctx.dispatch
            if isinstance(ctx, _Finally):
                if ctx.exc_entry is None:
                    ctx.exc_entry = self.b.add(Ev.NOP, None, label="finally (exception)")
                return ctx.exc_entry
        return self.b.raise_exit

    def reraise(self) -> None:
        pending, self.pending = self.pending, []
        if pending:
            self.connect(pending, self.exc_target())

    def jump(self, key: JumpKey) -> None:
        """Send the pending edges to ``key``'s target through every ``finally`` on the way."""
        pending, self.pending = self.pending, []
        if not pending:
            return
        for ctx in reversed(self.stack):
            if isinstance(ctx, _Finally):
                ctx.jumps.setdefault(key, []).extend(pending)
                return
            if isinstance(ctx, _Loop) and key[1] == ctx.id:
                if key[0] == "break":
                    ctx.breaks.extend(pending)
                else:
                    self.connect(pending, ctx.head)
                return
            if isinstance(ctx, _Inline) and key[0] == "return":
                ctx.returns.extend(pending)
                return
        self.connect(pending, self.b.exit)

    def with_finally(self, body: Callable[[], None], final: Callable[[], None]) -> None:
        """``body`` protected by ``final``, lowered once per continuation."""
        ctx = _Finally()
        self.stack.append(ctx)
        body()
        self.stack.pop()
        if self.pending:
            final()
        after = self.pending
        for key, edges in ctx.jumps.items():
            self.pending = list(edges)
            final()
            self.jump(key)
        if ctx.exc_entry is not None:
            self.pending = [(ctx.exc_entry, EdgeKind.NORMAL, ())]
            final()
            self.reraise()
        self.pending = after

    def in_inline(self) -> bool:
        return any(isinstance(c, _Inline) for c in self.stack)

    def innermost_loop(self) -> _Loop | None:
        for ctx in reversed(self.stack):
            if isinstance(ctx, _Loop):
                return ctx
            if isinstance(ctx, _Inline):
                return None
        return None

    # -- statements --------------------------------------------------------------

    def stmts(self, body: list[ast.stmt]) -> None:
        for s in body:
            if not self.pending:
                return  # the rest of the block is unreachable
            self.stmt(s)

    def stmt(self, s: ast.stmt) -> None:
        if isinstance(s, ast.Expr):
            self.expr(s.value, discard=True)
        elif isinstance(s, ast.Assign):
            self.assign_stmt(s.targets, s.value)
        elif isinstance(s, ast.AnnAssign):
            if s.value is not None:
                self.assign_stmt([s.target], s.value)
        elif isinstance(s, ast.AugAssign):
            self.expr(s.value)
        elif isinstance(s, ast.Return):
            self.return_stmt(s)
        elif isinstance(s, ast.If):
            self.if_stmt(s)
        elif isinstance(s, ast.While):
            self.while_stmt(s)
        elif isinstance(s, (ast.For, ast.AsyncFor)):
            self.for_stmt(s)
        elif isinstance(s, (ast.With, ast.AsyncWith)):
            self.with_items(s, 0)
        elif isinstance(s, ast.Try) or type(s).__name__ == "TryStar":
            self.try_stmt(s)
        elif isinstance(s, ast.Match):
            self.match_stmt(s)
        elif isinstance(s, ast.Raise):
            self.raise_stmt(s)
        elif isinstance(s, ast.Assert):
            t, f = self.cond(s.test)
            self.pending = f
            if s.msg is not None:
                self.expr(s.msg)
            self.emit(Ev.RAISE, self.src.span(s), label="AssertionError", raises=True)
            self.pending = t
        elif isinstance(s, ast.Break):
            loop = self.innermost_loop()
            if loop is not None:
                self.jump(("break", loop.id))
        elif isinstance(s, ast.Continue):
            loop = self.innermost_loop()
            if loop is not None:
                self.jump(("continue", loop.id))
        elif isinstance(s, ast.Delete):
            for target in s.targets:
                dest = self.dest_for(target)
                if dest is not None and dest.tracked and not dest.store:
                    self.emit(Ev.KILL, dest.span, var=dest.var)
        elif isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef)):
            self.define(s, s.name)
        elif isinstance(s, ast.ClassDef):
            prefix = "" if self.is_module else f"{self.qual}.<locals>."
            self.file.enqueue_class(s, prefix, self.scope)
        # Import, ImportFrom, Global, Nonlocal, Pass: nothing to lower

    def if_stmt(self, s: ast.If) -> None:
        joins: list[Pending] = []
        branch = s
        while True:  # an `elif` chain iteratively: generated code has hundreds
            t, f = self.cond(branch.test)
            self.pending = t
            self.stmts(branch.body)
            joins.extend(self.pending)
            self.pending = f
            if len(branch.orelse) == 1 and isinstance(branch.orelse[0], ast.If):
                branch = branch.orelse[0]
                continue
            self.stmts(branch.orelse)
            break
        self.pending = joins + self.pending

    def return_stmt(self, s: ast.Return) -> None:
        if isinstance(s.value, (ast.Tuple, ast.List)) and not any(
                isinstance(x, ast.Starred) for x in s.value.elts):
            # `return conn, cur`: each tracked resource is returned as that element
            held: list[tuple[str, Span | None, str]] = []
            for i, elt in enumerate(s.value.elts):
                r = self.expr(elt)
                if r.var is not None and r.derived is None:
                    held.append((r.var, self.src.span(elt), f"[{i}]"))
            for var, span, part in held:
                self.emit(Ev.ESCAPE, span, var=var, label=return_part_label(part))
        elif isinstance(s.value, ast.Dict) and s.value.keys and all(
                isinstance(k, ast.Constant) and isinstance(k.value, str) and k.value.isidentifier()
                for k in s.value.keys):
            # `return {"pool": pool, "conn": conn}`: each tracked resource is returned under its key
            held = []
            for key_node, value_node in zip(s.value.keys, s.value.values):
                r = self.expr(value_node)
                if isinstance(key_node, ast.Constant) and isinstance(key_node.value, str) \
                        and r.var is not None and r.derived is None:
                    held.append((r.var, self.src.span(value_node), f".{key_node.value}"))
            for var, span, part in held:
                self.emit(Ev.ESCAPE, span, var=var, label=return_part_label(part))
        elif s.value is not None:
            r = self.expr(s.value)
            if r.var is not None:
                self.emit(Ev.ESCAPE, self.src.span(s.value), var=r.var, label="returned")
        if not self.in_inline() and not self.is_module:
            v = self.binder.value_of(self.scope, s.value) if s.value is not None else None
            if v is not None and self.binder.category(v) == "pool":
                self.returned_pools.add(v)
            elif not (isinstance(s.value, ast.Constant) and s.value.value is None):
                self.returns_other = True
        if not self.in_inline():
            self.emit(Ev.RETURN, self.src.span(s), label="return")
        self.jump(("return", 0))

    def raise_stmt(self, s: ast.Raise) -> None:
        exc = s.exc
        if isinstance(exc, ast.Call):
            # constructing the exception is not a call worth an edge of its own
            for a in exc.args:
                self.expr(a)
            for k in exc.keywords:
                self.expr(k.value)
        elif exc is not None:
            self.expr(exc)
        if s.cause is not None:
            self.expr(s.cause)
        label = f"raise {self.src.text(exc, 40)}" if exc is not None else "raise"
        self.emit(Ev.RAISE, self.src.span(s), label=label, raises=True)
        self.pending = []

    def while_stmt(self, s: ast.While) -> None:
        head = self.nop("loop")
        loop = _Loop(next(self.loop_ids), head)
        t: list[Pending]
        f: list[Pending]
        if isinstance(s.test, ast.Constant) and bool(s.test.value):
            t, f = self.pending, []
        else:
            t, f = self.cond(s.test)
        self.pending = t
        self.loop_body(loop, s.body, s.orelse, f)

    def loop_body(self, loop: "_Loop", body: list[ast.stmt], orelse: list[ast.stmt],
                  exits: list[Pending]) -> None:
        """The body (back to the loop head), then ``else`` on the ``exits``, then the breaks join."""
        self.stack.append(loop)
        self.stmts(body)
        self.stack.pop()
        self.connect(self.pending, loop.head)
        self.pending = exits
        self.stmts(orelse)
        self.pending = self.pending + loop.breaks

    def for_stmt(self, s: ast.For | ast.AsyncFor) -> None:
        self.expr(s.iter)
        head = self.nop("loop")
        loop = _Loop(next(self.loop_ids), head)
        label = f"for {self.src.text(s.target, 20)} in {self.src.text(s.iter, 30)}"
        b = self.emit(Ev.BRANCH, self.src.span(s.target), label=label)
        f: list[Pending] = [(b, EdgeKind.FALSE, ())]
        self.pending = [(b, EdgeKind.TRUE, ())]
        self.assign_target(s.target, _Res())
        self.loop_body(loop, s.body, s.orelse, f)

    def try_stmt(self, s: ast.stmt) -> None:
        body: list[ast.stmt] = getattr(s, "body")
        handlers: list[ast.ExceptHandler] = getattr(s, "handlers")
        orelse: list[ast.stmt] = getattr(s, "orelse")
        finalbody: list[ast.stmt] = getattr(s, "finalbody")

        def protected() -> None:
            if not handlers:
                self.stmts(body)
                self.stmts(orelse)
                return
            ctx = _Handlers()
            self.stack.append(ctx)
            self.stmts(body)
            self.stack.pop()
            self.stmts(orelse)
            normal = self.pending
            outs: list[Pending] = []
            if ctx.dispatch is not None:
                self.pending = [(ctx.dispatch, EdgeKind.NORMAL, ())]
                for h in handlers:
                    if catches_all(h):
                        self.stmts(h.body)
                        outs.extend(self.pending)
                        self.pending = []
                        break
                    label = f"except {self.src.text(h.type, 40)}" if h.type is not None else "except"
                    b = self.emit(Ev.BRANCH, self.src.span(h), label=label)
                    self.pending = [(b, EdgeKind.TRUE, ())]
                    self.stmts(h.body)
                    outs.extend(self.pending)
                    self.pending = [(b, EdgeKind.FALSE, ())]
                else:
                    self.reraise()  # no clause matched: the exception propagates
            self.pending = normal + outs

        if finalbody:
            self.with_finally(protected, lambda: self.stmts(finalbody))
        else:
            protected()

    def match_stmt(self, s: ast.Match) -> None:
        self.expr(s.subject)
        done: list[Pending] = []
        for case in s.cases:
            if not self.pending:
                break
            if case.guard is None and irrefutable(case.pattern):
                self.stmts(case.body)
                done.extend(self.pending)
                self.pending = []
                break
            miss: list[Pending] = []
            if not irrefutable(case.pattern):
                b = self.emit(Ev.BRANCH, self.src.span(case.pattern),
                              label=f"case {self.src.text(case.pattern, 40)}")
                miss.append((b, EdgeKind.FALSE, ()))
                self.pending = [(b, EdgeKind.TRUE, ())]
            if case.guard is not None:
                t, f = self.cond(case.guard)
                miss.extend(f)
                self.pending = t
            self.stmts(case.body)
            done.extend(self.pending)
            self.pending = miss
        self.pending = done + self.pending

    # -- with ------------------------------------------------------------------

    def with_items(self, s: ast.With | ast.AsyncWith, i: int) -> None:
        if i == len(s.items):
            self.stmts(s.body)
            return
        if self.expects_failure(s.items[i].context_expr):
            # `with pytest.raises(OperationalError): psycopg.connect(bad_dsn)`: the block is
            # meant to fail, so what it connects is not a connection that exists
            self.expected_failure += 1
            try:
                self.expr(s.items[i].context_expr)
                self.with_items(s, i + 1)
            finally:
                self.expected_failure -= 1
            return
        exit_action = self.with_enter(s.items[i])
        if exit_action is None:
            self.with_items(s, i + 1)
        else:
            self.with_finally(lambda: self.with_items(s, i + 1), exit_action)

    def expects_failure(self, ce: ast.expr) -> bool:
        """``pytest.raises(...)`` or ``self.assertRaises(...)`` (``assertRaisesRegex``): the block
        is meant to fail; or ``patch.object(psycopg2, "connect", …)`` / ``patch("….connect")``:
        connecting in it makes a mock, not a connection."""
        if not isinstance(ce, ast.Call):
            return False
        func = ce.func
        patcher = self.binder.dotted(self.scope, func) or ""
        if patcher.rsplit(".", 1)[-1] in ("patch", "object") and "patch" in patcher.split("."):
            target = ce.args[1] if patcher.endswith("object") and len(ce.args) > 1 else (
                ce.args[0] if ce.args else None)
            return (isinstance(target, ast.Constant) and isinstance(target.value, str)
                    and target.value.rsplit(".", 1)[-1] == "connect")
        if isinstance(func, ast.Attribute) and func.attr in EXPECT_RAISES_METHODS:
            return isinstance(func.value, ast.Name) and func.value.id == "self"
        return self.binder.dotted(self.scope, func) == "pytest.raises"

    def with_enter(self, item: ast.withitem) -> Callable[[], None] | None:
        """Lower entering ``item``; return what its exit does (``None``: nothing we model)."""
        ce = item.context_expr
        target = item.optional_vars
        dest = self.dest_for(target) if target is not None else None
        inner = ce.value if isinstance(ce, ast.Await) else ce
        span = self.src.span(ce)
        fluent = self.fluent_receiver(ce)
        if fluent is not None:  # `with engine.connect().execution_options(...) as conn:`
            return self.with_enter(ast.withitem(context_expr=fluent, optional_vars=target))
        if isinstance(inner, ast.Call):
            path = self.binder.dotted(self.scope, inner.func)
            if path == "contextlib.closing" and inner.args:
                return self.with_closing(inner.args[0], target, dest, span)
            prod = self.binder.call_product(self.scope, inner, True, in_with=True)
            if prod is not None and self.binder.category(prod.value) in RESOURCE_CATEGORIES:
                self.eval_receiver_and_args(inner)
                if prod.context == "releases":
                    # a managed checkout: nothing can leak, no acquire node
                    self.emit(Ev.CALL, span, label=self.src.text(inner.func, 40), raises=True)
                    return None
                note = ""
                if prod.context == "no-release":
                    if self.binder.category(prod.value) == "pool-client":
                        note = f"`with {prod.api}` does not give the connection back to the pool"
                    else:
                        note = f"`with {prod.api}` commits but does not close the connection"
                self.acquire(prod, inner, dest, discard=dest is None, note=note)
                return None
        tracked = self.binder.tracked_var(self.scope, inner)
        if tracked is not None:
            if target is not None:
                self.assign_target(target, _Res(tracked))
            value = self.binder.value_of(self.scope, inner)
            info = self.registry.kind_info(value) if value is not None else None
            if info is not None and info.with_behaviour == "releases":
                how = "close" if info.category == "connection" else "release"
                return lambda: self.release(tracked, span, how, True, None)
            return None
        r = self.expr(ce)
        if target is not None:
            self.assign_target(target, r)
        return None

    def fluent_receiver(self, e: ast.expr) -> ast.Call | None:
        """``<call>.m(...)`` where the model says ``m`` returns its receiver and ``<call>`` checks a
        resource out: that call (the arguments of ``m`` are constants or lowered on their own)."""
        if not (isinstance(e, ast.Call) and isinstance(e.func, ast.Attribute) and isinstance(e.func.value, ast.Call)):
            return None
        value = self.binder.value_of(self.scope, e.func.value)
        m = self.registry.method(value, e.func.attr) if value is not None else None
        return e.func.value if m is not None and m.returns_receiver else None

    def with_closing(self, arg: ast.expr, target: ast.expr | None, dest: _Dest | None,
                     span: Span | None) -> Callable[[], None] | None:
        """``with contextlib.closing(x) as v``: the exit calls ``x.close()``, whatever the model says that does."""
        r = self.expr(arg, dest=dest)
        if target is not None:
            self.assign_target(target, r)
        var = dest.var if (dest is not None and r.handled) else r.var
        if var is None or r.derived is not None:
            return None
        value = self.binder.value_of(self.scope, arg)
        m = self.registry.method(value, "close") if value is not None else None
        if m is not None and m.effect in ("release", "close") and m.arg is None:
            effective = not m.requires_await
            return lambda: self.release(var, span, "close", effective, None)

        def close_only() -> None:  # e.g. a psycopg2 pool connection: closed, never given back
            self.emit(Ev.USE, span, var=var, label="close", raises=True)

        return close_only

    # -- assignments -------------------------------------------------------------

    def assign_stmt(self, targets: list[ast.expr], value: ast.expr) -> None:
        if (isinstance(value, ast.Lambda) and len(targets) == 1 and isinstance(targets[0], ast.Name)
                and self.inlinable(targets[0].id)):
            self.file.enqueue_function(value, self.lambda_name(value), self.scope)
            return
        first = targets[0]
        if (isinstance(value, ast.Lambda) and len(targets) == 1 and isinstance(first, ast.Attribute)
                and isinstance(first.value, ast.Name)
                and self.binder.tracked_var(self.scope, first.value) is not None):
            # `conn.close = lambda: (…, orig())`: a method replaced on the resource itself; the
            # function lives on it, so capturing it is a use, not a hand-over
            self.define(value, None, owner=first.value.id)
            return
        if len(targets) == 1 and isinstance(first, ast.Name) and not isinstance(value, ast.Subscript):
            part = self.binder.dict_part(self.scope, value)
            if part is not None:  # `res = open_db()`: `res["conn"]` holds the resource
                call = value.value if isinstance(value, ast.Await) else value
                assert isinstance(call, ast.Call)
                text = f"{first.id}[{part[0]!r}]"
                self.call(call, isinstance(value, ast.Await), _Dest(text, self.src.span(first), False, text, False),
                          False, parts=True)
                return
        if len(targets) == 1 and isinstance(value, ast.Subscript) and self.binder.dict_read(self.scope, value):
            inner = value.value  # `conn = open_db()["conn"]`
            call = inner.value if isinstance(inner, ast.Await) else inner
            if isinstance(call, ast.Call):
                r = self.call(call, isinstance(inner, ast.Await), self.dest_for(first), False, parts=True)
                self.assign_target(first, r)
                return
        if len(targets) == 1 and isinstance(first, (ast.Tuple, ast.List)):
            got = self.binder.part_product(self.scope, first, value)
            if got is not None:  # `conn, cur = open_both()`: the element holding the resource
                name, _ = got
                call = value.value if isinstance(value, ast.Await) else value
                assert isinstance(call, ast.Call)
                index = next(i for i, t in enumerate(first.elts) if isinstance(t, ast.Name) and t.id == name)
                dest = self.dest_for(first.elts[index])
                r = self.call(call, isinstance(value, ast.Await), dest, False, parts=True)
                for i, t in enumerate(first.elts):
                    self.assign_target(t, r if i == index else _Res())
                return
        if (len(targets) == 1 and isinstance(first, (ast.Tuple, ast.List))
                and isinstance(value, (ast.Tuple, ast.List)) and len(first.elts) == len(value.elts)
                and not any(isinstance(x, ast.Starred) for x in (*first.elts, *value.elts))):
            results = [self.expr(v) for v in value.elts]
            for t, r in zip(first.elts, results):
                self.assign_target(t, r)
            return
        if isinstance(value, ast.Constant) and isinstance(value.value, bool):
            for t in targets:  # `released = True`: a flag that may guard a release (Ev.SET)
                flag = self.var_text(t)
                if flag is not None:
                    word = "true" if value.value else "false"
                    self.emit(Ev.SET, self.src.span(t), var=flag, src=word, label=f"{flag} = {value.value}")
        dest = self.dest_for(first)
        built_from = self.built_from(value)
        r = self.expr(value, dest=dest)
        self.assign_target(first, r)
        if isinstance(first, ast.Name):
            if built_from is not None and r.var is None:
                self.wrappers[first.id] = built_from
            else:
                self.wrappers.pop(first.id, None)
        if len(targets) > 1:
            var = dest.var if (dest is not None and r.handled) else r.var
            for t in targets[1:]:
                self.assign_target(t, _Res(var, r.derived))

    def built_from(self, value: ast.expr) -> str | None:
        """The tracked resource ``value`` builds an object from (``Session(conn)``, ``await
        wrap(conn)``): the first one passed to the call as a plain argument."""
        if isinstance(value, ast.Await):
            value = value.value
        if not isinstance(value, ast.Call) or self.on_resource(value.func):
            return None
        for a in [*value.args, *(k.value for k in value.keywords)]:
            found = self.var_of(a)
            if found is not None and found.derived is None:
                return found.var
        return None

    def wrapped_resource(self, e: ast.expr) -> str | None:
        """``session.conn`` where ``session`` was built from a tracked resource: that resource."""
        if isinstance(e, ast.Attribute) and isinstance(e.value, ast.Name):
            return self.wrappers.get(e.value.id)
        return None

    def dest_for(self, t: ast.expr) -> _Dest | None:
        span = self.src.span(t)
        if isinstance(t, ast.Name):
            store = (self.is_module or t.id in self.scope.global_names
                     or t.id in self.scope.nonlocal_names)
            tracked = self.binder.tracked_var(self.scope, t) is not None
            return _Dest(t.id, span, store, t.id, tracked)
        if isinstance(t, ast.Attribute):
            text = self.src.text(t, 80)
            return _Dest(text, span, True, text, self.binder.tracked_var(self.scope, t) is not None)
        if isinstance(t, ast.Subscript):
            self.expr(t.value)
            self.expr(t.slice)
            text = self.src.text(t, 80)
            return _Dest(text, span, True, text, False)
        return None

    def assign_target(self, t: ast.expr, r: _Res) -> None:
        dest = self.dest_for(t)
        if dest is not None:
            self.assign_dest(dest, r)
            return
        if isinstance(t, (ast.Tuple, ast.List)):
            for elt in t.elts:
                self.assign_target(elt, _Res())
        elif isinstance(t, ast.Starred):
            self.assign_target(t.value, _Res())

    def assign_dest(self, dest: _Dest, r: _Res) -> None:
        if r.handled:
            return
        if r.var is not None:
            if dest.store:
                self.emit(Ev.ESCAPE, dest.span, var=r.var, label=f"stored in {dest.text}")
            elif r.derived is None and dest.var != r.var:
                self.emit(Ev.ALIAS, dest.span, var=dest.var, src=r.var,
                          label=f"{dest.var} = {r.var}")
            return
        if dest.tracked:
            self.emit(Ev.KILL, dest.span, var=dest.var)

    # -- conditions --------------------------------------------------------------

    def cond(self, e: ast.expr) -> tuple[list[Pending], list[Pending]]:
        """Lower a test; the (true, false) continuations."""
        if isinstance(e, ast.BoolOp):
            is_and = isinstance(e.op, ast.And)
            t, f = self.cond(e.values[0])
            for v in e.values[1:]:
                self.pending = t if is_and else f
                t2, f2 = self.cond(v)
                if is_and:
                    t, f = t2, f + f2
                else:
                    t, f = t + t2, f2
            return t, f
        if isinstance(e, ast.UnaryOp) and isinstance(e.op, ast.Not):
            t, f = self.cond(e.operand)
            return f, t
        self.expr(e)
        b = self.emit(Ev.BRANCH, self.src.span(e), label=self.src.text(e, 40))
        about = self.assumption(e)
        ta: tuple[Assume, ...] = ()
        fa: tuple[Assume, ...] = ()
        if about is not None:
            var, truthy = about
            ta, fa = (Assume(var, truthy),), (Assume(var, not truthy),)
        return [(b, EdgeKind.TRUE, ta)], [(b, EdgeKind.FALSE, fa)]

    def assumption(self, e: ast.expr) -> tuple[str, bool] | None:
        """``(var, truthy-when-true)`` when the test is about one variable's truthiness."""
        var = self.var_text(e)
        if var is not None:
            return var, True
        if isinstance(e, ast.NamedExpr):
            return e.target.id, True
        if (isinstance(e, ast.Compare) and len(e.ops) == 1
                and isinstance(e.ops[0], (ast.Is, ast.IsNot, ast.Eq, ast.NotEq))):
            left, right = e.left, e.comparators[0]
            if is_none(left):
                left, right = right, left
            if not is_none(right):
                return None
            if isinstance(left, ast.NamedExpr):
                var = left.target.id
            else:
                var = self.var_text(left)
            if var is None:
                return None
            return var, isinstance(e.ops[0], (ast.IsNot, ast.NotEq))
        return None

    def var_text(self, e: ast.expr) -> str | None:
        """``conn`` / ``self.conn`` for a plain variable or ``self`` attribute, else ``None``."""
        if isinstance(e, ast.Name):
            return e.id
        if isinstance(e, ast.Attribute) and isinstance(e.value, ast.Name):
            return f"{e.value.id}.{e.attr}"
        return None

    # -- expressions -------------------------------------------------------------

    def var_of(self, e: ast.expr) -> _Res | None:
        """The tracked resource ``e`` names (or a cursor/transaction derived from one)."""
        if isinstance(e, ast.Name):
            d = self.binder.derived_of(self.scope, e.id)
            if d is not None:
                return _Res(d[0], d[1])
        var = self.binder.tracked_var(self.scope, e)
        return _Res(var) if var is not None else None

    def expr(self, e: ast.expr, dest: _Dest | None = None, awaited: bool = False,
             discard: bool = False) -> _Res:
        if isinstance(e, ast.Call):
            return self.call(e, awaited, dest, discard)
        if isinstance(e, ast.Await):
            if isinstance(e.value, ast.Call):
                return self.call(e.value, True, dest, discard)
            self.expr(e.value)
            self.emit(Ev.CALL, self.src.span(e), label="await", raises=True)
            return _Res()
        if isinstance(e, (ast.Name, ast.Attribute)):
            found = self.var_of(e)
            if found is not None:
                return found
            if isinstance(e, ast.Attribute):
                self.expr(e.value)
            return _Res()
        if isinstance(e, ast.Constant):
            return _Res()
        if isinstance(e, ast.Subscript) and isinstance(e.value, ast.Name):
            found = self.var_of(e)  # res["conn"]: a resource a helper returned in a dict
            if found is not None:
                return found
        if isinstance(e, ast.NamedExpr):
            ndest = self.dest_for(e.target)
            r = self.expr(e.value, dest=ndest)
            self.assign_target(e.target, r)
            return self.var_of(e.target) or _Res()
        if isinstance(e, ast.IfExp):
            return self.if_exp(e, dest)
        if isinstance(e, ast.BoolOp):
            self.bool_value(e)
            return _Res()
        if isinstance(e, ast.Lambda):
            self.define(e, None)
            return _Res()
        if isinstance(e, (ast.Yield, ast.YieldFrom)):
            r = self.expr(e.value) if e.value is not None else _Res()
            span = self.src.span(e)
            if (isinstance(e, ast.Yield) and r.var is not None and r.derived is None
                    and not self.lends_yields):
                self.emit(Ev.ESCAPE, span, var=r.var, label="yielded", raises=True)
            elif isinstance(e, ast.Yield) and r.var is not None and self.lends_yields:
                self.emit(Ev.USE, span, var=r.var, label="yield to the `with` block", raises=True)
            elif isinstance(e, ast.Yield) and r.var is not None:
                self.emit(Ev.USE, span, var=r.var, label="yield", raises=True)
            else:
                self.emit(Ev.CALL, span, label="yield" if isinstance(e, ast.Yield) else "yield from",
                          raises=True)
            return _Res()
        if isinstance(e, (ast.Tuple, ast.List, ast.Set)):
            self.contained(e.elts, type(e).__name__.lower())
            return _Res()
        if isinstance(e, ast.Dict):
            vals = [k for k in e.keys if k is not None] + list(e.values)
            self.contained(vals, "dict")
            return _Res()
        if isinstance(e, (ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp)):
            for gen in e.generators:
                self.expr(gen.iter)
                for c in gen.ifs:
                    self.expr(c)
            elts = [e.key, e.value] if isinstance(e, ast.DictComp) else [e.elt]
            self.contained(elts, "comprehension")
            return _Res()
        if isinstance(e, ast.Starred):
            return self.expr(e.value)
        if isinstance(e, ast.BinOp):
            # `"a" + b + "c" + …` nests to the left: walk the spine without recursion
            rights: list[ast.expr] = []
            left: ast.expr = e
            while isinstance(left, ast.BinOp):
                rights.append(left.right)
                left = left.left
            self.expr(left)
            for right in reversed(rights):
                self.expr(right)
            return _Res()
        for child in ast.iter_child_nodes(e):
            if isinstance(child, ast.expr):
                self.expr(child)
        return _Res()

    def contained(self, elts: list[ast.expr], what: str) -> None:
        """Elements put into a container literal: a tracked resource escapes into it."""
        held: list[tuple[str, Span | None]] = []
        for elt in elts:
            r = self.expr(elt)
            if r.var is not None and r.derived is None:
                held.append((r.var, self.src.span(elt)))
        for var, span in held:
            self.emit(Ev.ESCAPE, span, var=var, label=f"put in a {what}")

    def if_exp(self, e: ast.IfExp, dest: _Dest | None) -> _Res:
        t, f = self.cond(e.test)
        self.pending = t
        r1 = self.expr(e.body, dest=dest)
        if dest is not None:
            self.assign_dest(dest, r1)
        after = self.pending
        self.pending = f
        r2 = self.expr(e.orelse, dest=dest)
        if dest is not None:
            self.assign_dest(dest, r2)
        self.pending = after + self.pending
        if dest is not None:
            return _Res(handled=True)
        if r1.var is not None and r1.var == r2.var:
            return _Res(r1.var, r1.derived)
        return _Res(r1.var or r2.var)

    def bool_value(self, e: ast.BoolOp) -> None:
        """``a and b`` / ``a or b`` as a value: short circuits branch when a later operand does something."""
        is_and = isinstance(e.op, ast.And)
        self.expr(e.values[0])
        prev = e.values[0]
        outs: list[Pending] = []
        for v in e.values[1:]:
            if not has_effects(v):
                self.expr(v)
                prev = v
                continue
            b = self.emit(Ev.BRANCH, self.src.span(prev), label=self.src.text(prev, 40))
            about = self.assumption(prev)
            ta: tuple[Assume, ...] = ()
            fa: tuple[Assume, ...] = ()
            if about is not None:
                ta, fa = (Assume(about[0], about[1]),), (Assume(about[0], not about[1]),)
            go, stop = ((b, EdgeKind.TRUE, ta), (b, EdgeKind.FALSE, fa))
            if not is_and:
                go, stop = (b, EdgeKind.FALSE, fa), (b, EdgeKind.TRUE, ta)
            outs.append(stop)
            self.pending = [go]
            self.expr(v)
            prev = v
        self.pending = self.pending + outs

    # -- calls -------------------------------------------------------------------

    def call(self, e: ast.Call, awaited: bool, dest: _Dest | None, discard: bool,
             parts: bool = False) -> _Res:
        func = e.func
        span = self.src.span(e)
        declared = self.binder.declared_function(self.scope, func)
        if declared is not None and not self.on_resource(func):
            return self.declared_call(e, declared, awaited)
        if isinstance(func, ast.Name) and self.inlinable(func.id):
            return self.inline(func.id, e)
        fluent = self.fluent_receiver(e)
        if fluent is not None:  # `engine.connect().execution_options(…)`: the checkout itself
            r = self.call(fluent, awaited, dest, discard)
            self.args(e)
            return r
        prod = self.binder.call_product(self.scope, e, awaited, parts=parts)
        if prod is not None and self.binder.category(prod.value) in RESOURCE_CATEGORIES:
            self.eval_receiver_and_args(e)
            return self.acquire(prod, e, dest, discard)
        summarised = self.summarised_call(e)
        if summarised is not None:
            start = len(self.b.nodes)
            res = self.declared_call(e, summarised, awaited)
            for node in self.b.nodes[start:]:  # for witness steps: which helper used / released it
                if node.kind in (Ev.USE, Ev.RELEASE) and node.call is None:
                    node.call = CallInfo(summarised.path)
            return res
        path = self.binder.dotted(self.scope, func)
        if path is not None and (path in AWAIT_WRAPPERS or path in SCHEDULE_WRAPPERS) and e.args:
            first = e.args[0]
            inner_awaited = awaited or path in SCHEDULE_WRAPPERS
            if isinstance(first, ast.Call):
                r = self.call(first, inner_awaited, dest if path in AWAIT_WRAPPERS else None, False)
            else:
                r = self.expr(first)
            for a in e.args[1:]:
                self.expr(a)
            for k in e.keywords:
                self.expr(k.value)
            return r if path in AWAIT_WRAPPERS else _Res()
        if path in GATHER_WRAPPERS or (isinstance(func, ast.Attribute)
                                       and func.attr == "run_until_complete"):
            if isinstance(func, ast.Attribute):
                self.expr(func.value)
            gathered: list[tuple[str, str | None, Span | None]] = []
            for a in e.args:
                r = self.call(a, True, None, False) if isinstance(a, ast.Call) else self.expr(a)
                if r.var is not None:
                    gathered.append((r.var, r.derived, self.src.span(a)))
            for k in e.keywords:
                self.expr(k.value)
            callee = self.src.text(func, 40)
            if gathered:
                self.hand_over(gathered, callee, False, span)
            else:
                self.emit(Ev.CALL, span, label=callee, raises=True)
            return _Res()
        if path == "contextlib.closing" and len(e.args) == 1:
            return self.expr(e.args[0], dest=dest)
        if isinstance(func, ast.Attribute):
            rr = self.expr(func.value)
            wrapped = self.wrapped_resource(func.value) if rr.var is None else None
            if wrapped is not None:
                value = self.binder.value_of(self.scope, ast.Name(id=wrapped, ctx=ast.Load()))
                m = self.registry.method(value, func.attr) if value is not None else None
                if m is not None and m.arg is None:  # `session.conn.close()`: the wrapped resource's method
                    return self.resource_method(e, func, _Res(wrapped), awaited, value=value)
            if rr.acquire is not None:
                value = self.binder.value_of(self.scope, func.value)
                m = self.registry.method(value, func.attr) if value is not None else None
                if m is not None and m.effect in ("release", "close") and m.arg is None:
                    return self.resource_method(e, func, rr, awaited)  # `engine.connect().close()`: at once
                # an unbound checkout used inline (`pool.getconn().cursor()`): nothing names it
                self.b.nodes[rr.acquire].var = None
                self.args(e)
                self.emit(Ev.CALL, span, label=self.src.text(func, 40), raises=True)
                return _Res()
            if rr.var is not None:
                return self.resource_method(e, func, rr, awaited)
            rv = self.binder.value_of(self.scope, func.value)
            m = self.registry.method(rv, func.attr) if rv is not None else None
            if m is not None:
                if m.effect in ("release", "close") and m.arg is not None:
                    return self.release_arg(e, m, awaited)
                self.args(e)
                self.emit(Ev.CALL, span, label=self.src.text(func, 40), raises=True)
                return _Res()
        elif not isinstance(func, ast.Name):
            self.expr(func)
        held = self.args(e)
        callee = self.src.text(func, 40)
        if held:
            looks = (isinstance(func, ast.Name) and func.id in BENIGN_BUILTINS
                     and self.binder.find(self.scope, func.id) is None) or _is_log_call(func)
            benign = looks or self.binder.is_driver_path(path)
            # a logger or a builtin that only looks at the connection is no exception source either
            self.hand_over(held, callee, benign, span, raises=not looks)
            return _Res()
        # `logger.info(...)`, `print(...)`: not exception sources a leak's witness should go through
        quiet = (isinstance(func, ast.Name) and func.id == "print"
                 and self.binder.find(self.scope, func.id) is None) or _is_log_call(func) or (
                     path == "logging.getLogger") or path in TEXT_FUNCTIONS or (
                     isinstance(func, ast.Attribute) and self.local_state_call(func))
        self.emit(Ev.CALL, span, label=callee, raises=not quiet)
        return _Res()

    def summarised_call(self, e: ast.Call) -> Function | None:
        """A call of a project function whose summary says what it does to a resource passed to it
        (``release_client(conn)``: release; ``log_stats(conn)``: borrows), as a declared effect.
        Only the first argument that is a tracked resource counts; ``takes-ownership`` (kept on
        some paths) is a declared hand-over, which a release afterwards does not undo; no summary
        leaves the call as it is: an escape."""
        if self.on_resource(e.func):
            return None
        passed = [(i, self.var_of(a)) for i, a in enumerate(e.args) if not isinstance(a, ast.Starred)]
        if len(passed) < len(e.args) or not any(f is not None and f.var is not None and f.derived is None
                                                for _, f in passed):
            return None
        wildcard = self.registry.param_values.get("python")
        known = any(f is not None and f.var is not None and f.derived is None
                    and self.binder.value_of(self.scope, e.args[i]) not in (None, wildcard) for i, f in passed)
        summ = self.binder.summary_of(self.scope, e.func, params=True, known=known)
        if summ is None or not summ.params:
            return None
        for i, found in passed:
            if found is None or found.var is None or found.derived is not None:
                continue
            p = summ.param(i)
            if p is None or p.effect not in ("release", "close", "borrows", "takes-ownership"):
                return None
            return Function(self.src.text(e.func, 40), p.effect, i)
        return None

    def on_resource(self, func: ast.expr) -> bool:
        """``conn.close()``: a method of a tracked resource (its driver model decides, not config)."""
        return isinstance(func, ast.Attribute) and (
            self.binder.tracked_var(self.scope, func.value) is not None
            or self.binder.derivation(self.scope, func.value) is not None)

    def declared_call(self, e: ast.Call, fn: Function, awaited: bool) -> _Res:
        """A call ``[tool.pglint.resources]`` declares: argument ``fn.arg`` is released or closed,
        handed over (``takes-ownership``: the caller's duty ends) or only used (``borrows``)."""
        if fn.effect in ("release", "close"):
            if isinstance(e.func, ast.Attribute):
                self.expr(e.func.value)
            return self.release_arg(e, Method("", fn.path, fn.effect, arg=fn.arg), awaited)
        if isinstance(e.func, ast.Attribute):
            self.expr(e.func.value)
        target = e.args[fn.arg] if len(e.args) > fn.arg else None
        held: list[tuple[str, str | None, Span | None]] = []
        owned: str | None = None
        for a in [*e.args, *(k.value for k in e.keywords)]:
            r = self.expr(a)
            if r.var is None:
                continue
            if a is target and r.derived is None:
                owned = r.var
            else:
                held.append((r.var, r.derived, self.src.span(a)))
        span = self.src.span(e)
        callee = self.src.text(e.func, 40)
        if held:
            self.hand_over(held, callee, False, span)
        if owned is None:
            if not held:
                self.emit(Ev.CALL, span, label=callee, raises=True)
            return _Res()
        if fn.effect == "takes-ownership":
            self.emit(Ev.ESCAPE, span, var=owned, label=f"passed to {callee}(), which takes ownership",
                      raises=True)
        else:
            self.emit(Ev.USE, span, var=owned, label=callee, raises=True)
        return _Res()

    def eval_receiver_and_args(self, e: ast.Call) -> None:
        if isinstance(e.func, ast.Attribute):
            self.expr(e.func.value)
        self.args(e)

    def args(self, e: ast.Call) -> list[tuple[str, str | None, Span | None]]:
        """Evaluate the arguments; the tracked resources among them."""
        held: list[tuple[str, str | None, Span | None]] = []
        for a in e.args:
            r = self.expr(a)
            if r.var is not None:
                held.append((r.var, r.derived, self.src.span(a)))
        for k in e.keywords:
            r = self.expr(k.value)
            if r.var is not None:
                held.append((r.var, r.derived, self.src.span(k.value)))
        return held

    def hand_over(self, held: list[tuple[str, str | None, Span | None]], callee: str, benign: bool,
                  span: Span | None, raises: bool = True) -> None:
        """Resources passed to a call: an escape (or a use, for benign callees and cursors)."""
        for i, (var, derived, _arg_span) in enumerate(held):
            last = i == len(held) - 1 and raises
            if benign or derived is not None:
                self.emit(Ev.USE, span, var=var, label=callee, raises=last)
            else:
                self.emit(Ev.ESCAPE, span, var=var, label=f"passed to {callee}()", raises=last)

    def resource_method(self, e: ast.Call, func: ast.Attribute, rr: _Res, awaited: bool,
                        value: Value | None = None) -> _Res:
        var = rr.var
        assert var is not None
        attr = func.attr
        span = self.src.span(e)
        label = self.src.text(func, 40)
        if rr.derived == "cursor":
            self.args(e)
            kind = Ev.USE
            if attr in CURSOR_QUERY_METHODS:
                kind = self.sql_event(e) or Ev.USE
            self.query_event(kind, span, var, label)
            return _Res()
        if rr.derived == "transaction":
            self.args(e)
            kind = TRANSACTION_EVENTS.get(attr, Ev.USE)
            self.query_event(kind, span, var, label)
            return _Res()
        if value is None:
            value = self.binder.value_of(self.scope, func.value)
        m = self.registry.method(value, attr) if value is not None else None
        if attr in ("cursor", "transaction") and (m is None or m.effect in ("use", "query")):
            self.args(e)
            self.emit(Ev.USE, span, var=var, label=label, raises=m is None or m.may_raise)
            return _Res(var, attr)
        held = self.args(e)
        if m is None:
            if held:
                self.hand_over(held, label, False, span)
            self.emit(Ev.USE, span, var=var, label=label, raises=not self.local_state_call(func))
            return _Res()
        if m.effect in ("release", "close"):
            if m.arg is None:
                how = "close" if m.effect == "close" else "release"
                if m.destroys_with_arg and (e.args or e.keywords):
                    how = "destroy"
                self.release(var, span, how, awaited or not m.requires_await, e)
                return _Res()
            return self.release_arg(e, m, awaited, evaluated=True)
        kind = Ev.USE
        if m.effect == "query":
            kind = self.sql_event(e) or Ev.USE
        elif m.effect in EFFECT_EVENTS:
            kind = EFFECT_EVENTS[m.effect]
        elif not m.may_raise:  # `conn.initialize(logger)`: no exception source
            self.emit(Ev.USE, span, var=var, label=label)
            return _Res()
        self.query_event(kind, span, var, label)
        return _Res()

    def local_state_call(self, func: ast.Attribute) -> bool:
        """``conn.info.get_parameters()``: a method of an attribute the driver model says holds
        client-side state only (no I/O, no exception source)."""
        owner = func.value
        if not isinstance(owner, ast.Attribute):
            return False
        value = self.binder.value_of(self.scope, owner.value)
        info = self.registry.kind_info(value) if value is not None else None
        return info is not None and owner.attr in info.local_attributes

    def query_event(self, kind: Ev, span: Span | None, var: str, label: str) -> None:
        """A call on a resource that may raise and then has ``kind``'s effect.

        A transaction-opening call is a ``call`` (which may raise: a failed
        ``BEGIN`` opens nothing) followed by a ``begin`` with no exception edge,
        so ``cur.execute("BEGIN")`` written before the ``try`` does not count as
        an open transaction on the path where it fails. ``commit``/``rollback``
        keep their exception edge: after a failed ``COMMIT`` the transaction is
        over too.
        """
        if kind is Ev.BEGIN:
            self.emit(Ev.CALL, span, label=label, raises=True)
            self.emit(Ev.BEGIN, span, var=var)
            return
        self.emit(kind, span, var=var, label=label if kind is Ev.USE else "", raises=True)

    def release_arg(self, e: ast.Call, m: Method, awaited: bool, evaluated: bool = False) -> _Res:
        """``pool.putconn(conn)``: the argument ``m.arg`` is given back."""
        idx = m.arg if m.arg is not None else 0
        arg: ast.expr | None = None
        if len(e.args) > idx:
            arg = e.args[idx]
        elif e.keywords:
            arg = e.keywords[0].value
        var: str | None = None
        if arg is not None:
            found = self.var_of(arg)
            if found is not None and found.derived is None:
                var = found.var
            else:
                var = self.wrapped_resource(arg) or self.var_text(arg)
        if not evaluated:
            for a in e.args:
                if a is not arg:
                    self.expr(a)
            for k in e.keywords:
                if k.value is not arg:
                    self.expr(k.value)
        span = self.src.span(e)
        if var is None:
            self.emit(Ev.CALL, span, label=self.src.text(e.func, 40), raises=True)
            return _Res()
        how = "close" if m.effect == "close" else "release"
        self.release(var, span, how, awaited or not m.requires_await, e)
        return _Res()

    def release(self, var: str, span: Span | None, how: str, effective: bool,
                call: ast.Call | None) -> None:
        note = ""
        if not effective and call is not None:
            note = f"`{self.src.text(call, 80)}` is not awaited, so it does nothing"
        self.emit(Ev.RELEASE, span, var=var, info=ReleaseInfo(how, effective, note))

    def acquire(self, prod: Product, call: ast.Call, dest: _Dest | None, discard: bool,
                note: str = "") -> _Res:
        kinfo = self.registry.kind_info(prod.value)
        assert kinfo is not None
        model = prod.model
        info = AcquireInfo(
            driver=model.name, kind=kinfo.category, api=prod.api, noun=kinfo.noun,
            release_hint=kinfo.release_hint, pool_resets_transaction=model.pool_resets_transaction,
            double_release_raises=model.double_release_raises, note=note,
            value_kind=prod.value.kind, via=prod.via, via_steps=prod.via_steps,
        )
        call_span = self.src.span(call)
        if self.expected_failure:
            self.emit(Ev.CALL, call_span, label=prod.api, raises=True)
            return _Res()
        if dest is not None:
            self.emit(Ev.ACQUIRE, dest.span, var=dest.var, info=info, raises=True)
            if dest.store:
                self.emit(Ev.ESCAPE, dest.span, var=dest.var, label=f"stored in {dest.text}")
            return _Res(dest.var, handled=True)
        if discard:
            self.emit(Ev.ACQUIRE, call_span, var=None, info=info, raises=True)
            return _Res()
        where = f"@{call_span.line}:{call_span.column}" if call_span is not None else ""
        var = f"{prod.api}{where}"
        nid = self.emit(Ev.ACQUIRE, call_span, var=var, info=info, raises=True)
        return _Res(var, acquire=nid)

    def sql_event(self, e: ast.Call) -> Ev | None:
        arg: ast.expr | None = e.args[0] if e.args else None
        if arg is None:
            for k in e.keywords:
                if k.arg in SQL_KEYWORDS:
                    arg = k.value
                    break
        text: str | None = None
        if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
            text = arg.value
        elif isinstance(arg, ast.Name):
            text = self.binder.const_of(self.scope, arg.id)
        if not text:
            return None
        effect = transaction_effect(text)
        return EFFECT_EVENTS.get(effect) if effect is not None else None

    # -- nested functions ------------------------------------------------------------

    def lambda_name(self, node: ast.Lambda) -> str:
        span = self.src.span(node)
        where = f"@{span.line}:{span.column}" if span is not None else ""
        name = f"<lambda{where}>"
        return name if self.is_module else f"{self.qual}.<locals>.{name}"

    def inlinable(self, name: str) -> bool:
        if self.is_module or len(self.inlining) >= MAX_INLINE_DEPTH:
            return False
        fn = self.scope.defs.get(name)
        if fn is None or id(fn) in self.inlining or not self.binder.only_called_here(self.scope, name):
            return False
        return self.binder.find(self.scope, name) is self.scope

    def define(self, node: FunctionNode, name: str | None, owner: str | None = None) -> None:
        """A ``def`` or ``lambda`` evaluated here: its own CFG, and what it captures (``owner``:
        the resource it is stored on, which capturing only uses)."""
        if isinstance(node, ast.Lambda):
            qual = self.lambda_name(node)
        else:
            qual = node.name if self.is_module else f"{self.qual}.<locals>.{node.name}"
        self.file.enqueue_function(node, qual, self.scope)
        if self.is_module or (name is not None and self.inlinable(name)):
            return
        label = f"captured by {name or 'lambda'}()"
        span = self.src.span(node)
        for var, escapes in self.captures(node).items():
            self.emit(Ev.ESCAPE if escapes and var != owner else Ev.USE, span, var=var, label=label)

    def captures(self, node: FunctionNode) -> dict[str, bool]:
        """Tracked resources of this scope used inside ``node``: var -> handed over (escape)?"""
        args = node.args
        shadow = {a.arg for a in (*args.posonlyargs, *args.args, *args.kwonlyargs)}
        out: dict[str, bool] = {}
        body: list[ast.AST] = [node.body] if isinstance(node, ast.Lambda) else list(node.body)
        stack: list[tuple[ast.AST, ast.AST, ast.AST | None]] = [(b, node, None) for b in body]
        while stack:
            n, parent, grand = stack.pop()
            for child in ast.iter_child_nodes(n):
                stack.append((child, n, parent))
            if not (isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)) or n.id in shadow:
                continue
            found = self.var_of(n)
            if found is None or found.var is None:
                continue
            escapes = False
            if found.derived is None:
                if isinstance(parent, ast.Call):
                    escapes = n is not parent.func
                elif isinstance(parent, (ast.Return, ast.Yield, ast.YieldFrom, ast.Assign,
                                         ast.AnnAssign, ast.keyword, ast.Tuple, ast.List,
                                         ast.Set, ast.Dict, ast.Lambda, ast.Starred)):
                    escapes = True
                elif (isinstance(parent, ast.Attribute) and isinstance(grand, ast.Call)
                      and grand.func is parent):
                    value = self.binder.name_value(self.scope, n.id)
                    m = self.registry.method(value, parent.attr) if value is not None else None
                    escapes = m is not None and m.effect in ("release", "close")
            out[found.var] = out.get(found.var, False) or escapes
        return out

    def inline(self, name: str, call: ast.Call) -> _Res:
        """A local closure called by name: its body runs here."""
        fn = self.scope.defs[name]
        results = [self.expr(a) for a in call.args]
        for k in call.keywords:
            self.expr(k.value)
        qual = self.lambda_name(fn) if isinstance(fn, ast.Lambda) else f"{self.qual}.<locals>.{name}"
        self.file.enqueue_function(fn, qual, self.scope)
        nested = self.file.scope_for(fn, self.scope, qual)
        ctx = _Inline()
        saved_scope, saved_qual = self.scope, self.qual
        self.stack.append(ctx)
        self.inlining.append(id(fn))
        self.scope, self.qual = nested, qual
        for param, r in zip(nested.params, results):
            if r.var is not None and r.derived is None:
                self.emit(Ev.ALIAS, self.src.span(call), var=param, src=r.var,
                          label=f"{param} = {r.var}")
        if isinstance(fn, ast.Lambda):
            r = self.expr(fn.body)
            if r.var is not None and r.derived is None:
                self.emit(Ev.ESCAPE, self.src.span(fn.body), var=r.var, label="returned")
        else:
            self.stmts(fn.body)
        self.scope, self.qual = saved_scope, saved_qual
        self.inlining.pop()
        self.stack.pop()
        self.pending = self.pending + ctx.returns
        return _Res()


def catches_all(h: ast.ExceptHandler) -> bool:
    """A bare ``except:``, ``except Exception`` or ``except BaseException`` (also inside a tuple)."""
    t = h.type
    if t is None:
        return True
    elts = t.elts if isinstance(t, ast.Tuple) else [t]
    for x in elts:
        name = x.attr if isinstance(x, ast.Attribute) else x.id if isinstance(x, ast.Name) else None
        if name in ("Exception", "BaseException"):
            return True
    return False


def irrefutable(p: ast.pattern) -> bool:
    if isinstance(p, ast.MatchAs):
        return p.pattern is None or irrefutable(p.pattern)
    if isinstance(p, ast.MatchOr):
        return any(irrefutable(x) for x in p.patterns)
    return False


def is_none(e: ast.expr) -> bool:
    return isinstance(e, ast.Constant) and e.value is None


def has_effects(e: ast.expr) -> bool:
    """Does evaluating ``e`` call, await, yield or bind anything?"""
    stack: list[ast.AST] = [e]
    while stack:
        n = stack.pop()
        if isinstance(n, (ast.Call, ast.Await, ast.Yield, ast.YieldFrom, ast.NamedExpr)):
            return True
        if isinstance(n, ast.Lambda):
            continue
        stack.extend(ast.iter_child_nodes(n))
    return False


def lower_file(parsed: ParsedFile, project: ProjectIndex | None,
               registry: DriverRegistry) -> list[FunctionCFG]:
    return FileLowering(parsed, project, registry).run()
