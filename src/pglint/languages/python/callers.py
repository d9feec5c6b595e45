"""The calls a Python module makes of the project's functions, with each argument's origin class.

:func:`project_calls` runs at indexing time (:func:`.index.build_index`): for every call of a
function the module defines or imports (``from .helpers import load`` → ``load(conn, "x")``;
``import app.helpers as h`` → ``h.load(…)``) it records a :class:`~pglint.languages.base.CallRecord`
with the origin class of each argument, seen from the caller, by the rules PG201's origins follow:
a literal or a number is ``"constant"``; ``self.x``, ``os.environ[…]``, a test's or fixture's
parameter, a module-level value loaded by a ``*config*``/``*settings*`` function is ``"config"``;
the caller's own parameter is ``"param"``; a name imported from another module is
``"import:<module>:<name>"`` (a string constant there, or not, once the project is known). A
mention of the function as a value is recorded as an opaque call: it may be called anywhere.
:meth:`~pglint.languages.base.ProjectIndex.callers_of` gathers them per defining module, and the
query walker trusts a parameter every project caller fills with constants or configuration.
"""

from __future__ import annotations

import ast
import sys

from ..base import CallRecord, ImportRecord
from .binding import join_path
from .queries import _constant_argument, _shallow_walk

_ENV_CALLS = frozenset({"os.getenv", "os.environ.get", "getenv"})
_FOLLOWED = frozenset({"get", "lower", "upper", "strip", "format", "replace"})
_TRUSTED = ("constant", "config")
_STDLIB = frozenset(getattr(sys, "stdlib_module_names", ()))

Owner = ast.FunctionDef | ast.AsyncFunctionDef | None


def _dotted(e: ast.expr) -> str | None:
    parts: list[str] = []
    while isinstance(e, ast.Attribute):
        parts.append(e.attr)
        e = e.value
    if not isinstance(e, ast.Name):
        return None
    parts.append(e.id)
    return ".".join(reversed(parts))


def _test_or_fixture(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    if fn.name.startswith("test"):
        return True
    for d in fn.decorator_list:
        target = d.func if isinstance(d, ast.Call) else d
        if (_dotted(target) or "").endswith("fixture"):
            return True
    return False


def _loads_config(e: ast.expr) -> bool:
    """``get_config([...])``, ``settings.load()``: a call of a function named for configuration."""
    if not isinstance(e, ast.Call):
        return False
    name = (_dotted(e.func) or "").lower()
    return "config" in name or "settings" in name


class _Classifier:
    """Origin classes of arguments in one module."""

    def __init__(self, tree: ast.Module, imported: dict[str, tuple[str, str]]) -> None:
        self.imported = imported
        self.module_values: dict[str, list[ast.expr]] = {}
        stack: list[ast.stmt] = list(reversed(tree.body))
        while stack:  # module-level statements, inside `if __name__ == "__main__":`, `try:`, `with` too
            st = stack.pop()
            if isinstance(st, (ast.If, ast.Try, ast.With)):
                nested = [*st.body, *getattr(st, "orelse", []), *getattr(st, "finalbody", [])]
                for h in getattr(st, "handlers", []):
                    nested.extend(h.body)
                stack.extend(reversed(nested))
            elif isinstance(st, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
                targets = st.targets if isinstance(st, ast.Assign) else [st.target]
                for t in targets:
                    for n in ast.walk(t):
                        if isinstance(n, ast.Name):
                            value = st.value if isinstance(t, ast.Name) and not isinstance(st, ast.AugAssign) else None
                            self.module_values.setdefault(n.id, []).append(
                                value if value is not None else ast.Name("?", ast.Load()))
        self._locals: dict[int, dict[str, list[ast.expr] | None]] = {}
        self._preset = False

    def preset_locals(self, tables: dict[int, dict[str, list[ast.expr] | None]]) -> None:
        """The local tables of every function, gathered by a walk the caller made anyway (a
        function absent has no plain assignments)."""
        self._locals = tables
        self._preset = True

    def local_values(self, owner: ast.FunctionDef | ast.AsyncFunctionDef) -> dict[str, list[ast.expr] | None]:
        """Per local name of ``owner``, the values its plain assignments give it (``None``: also
        bound another way, by ``for``, ``with``, ``+=``, …). One walk per function."""
        table = self._locals.get(id(owner))
        if table is None and self._preset:
            return {}
        if table is None:
            table = self._locals[id(owner)] = {}
            plain: set[int] = set()  # the target names of `x = value`
            other: set[str] = set()
            for n in _shallow_walk(owner.body):
                if isinstance(n, ast.Assign) and len(n.targets) == 1 and isinstance(n.targets[0], ast.Name):
                    plain.add(id(n.targets[0]))
                    values = table.setdefault(n.targets[0].id, [])
                    if values is not None:
                        values.append(n.value)
                elif isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store) and id(n) not in plain:
                    other.add(n.id)
            for name in other:
                table[name] = None
        return table

    def classify(self, e: ast.expr, owner: Owner, depth: int = 0) -> str:
        if not isinstance(e, ast.Name) and _constant_argument(e, None):
            return "constant"
        node = e
        for _ in range(12):
            path = _dotted(node) if isinstance(node, (ast.Name, ast.Attribute)) else None
            if path is not None and (path == "os.environ" or path.startswith("os.environ.")):
                return "config"
            if isinstance(node, ast.Call):
                if (_dotted(node.func) or "") in _ENV_CALLS or _loads_config(node):
                    return "config"
                if isinstance(node.func, ast.Attribute) and node.func.attr in _FOLLOWED:
                    node = node.func.value
                    continue
                if isinstance(node.func, ast.Name) and node.func.id == "str" and len(node.args) == 1:
                    node = node.args[0]
                    continue
                return "unknown"
            if isinstance(node, ast.Subscript):
                node = node.value
                continue
            if isinstance(node, ast.Attribute):
                if isinstance(node.value, ast.Name) and node.value.id in ("self", "cls"):
                    return "config"
                node = node.value
                continue
            break
        if not isinstance(node, ast.Name) or depth >= 3:
            return "unknown"
        name = node.id
        if owner is not None:
            a = owner.args
            if any(x.arg == name for x in (*a.posonlyargs, *a.args, *a.kwonlyargs, a.vararg, a.kwarg) if x is not None):
                return "config" if _test_or_fixture(owner) else "param"
            table = self.local_values(owner)
            if name in table:
                values = table[name]
                return self._all(values, owner, depth) if values else "unknown"
        if name in self.imported:
            module, original = self.imported[name]
            return f"import:{module}:{original}"
        module_values = self.module_values.get(name)
        if module_values:
            if len(module_values) == 1 and _loads_config(module_values[0]):
                return "config"
            return self._all(module_values, None, depth)
        return "unknown"

    def _all(self, values: list[ast.expr], owner: Owner, depth: int) -> str:
        found = {self.classify(v, owner, depth + 1) for v in values}
        if found <= {"constant"}:
            return "constant"
        if found <= set(_TRUSTED):
            return "config"
        return "unknown"


def value_origins(tree: ast.Module) -> dict[str, str]:
    """The module-level names other modules may import whose value is a constant or
    configuration (``CONFIG = load_config(…)``; ``SCHEMA = "archive"``), by origin class."""
    classifier = _Classifier(tree, {})
    out: dict[str, str] = {}
    for name, values in classifier.module_values.items():
        found = classifier.classify(ast.Name(name, ast.Load()), None)
        if found in _TRUSTED:
            out[name] = found
    return out


def project_calls(tree: ast.Module, imports: list[ImportRecord]) -> list[CallRecord]:
    """The module's calls (and mentions as values) of its own module-level functions and of the
    names and modules it imports (``imports``, as :func:`.index.build_index` recorded them), with
    their arguments' origin classes (see the module doc)."""
    own = {st.name for st in tree.body if isinstance(st, (ast.FunctionDef, ast.AsyncFunctionDef))}
    imported: dict[str, tuple[str, str]] = {}  # local name -> (module, name)
    modules: dict[str, str] = {}  # dotted local spelling -> module specifier
    for rec in imports:  # the standard library's modules are no project's: left out
        if not rec.module.startswith(".") and rec.module.split(".")[0] in _STDLIB:
            continue
        if rec.name is not None:  # from M import x (also recorded as the module M.x)
            imported[rec.local] = (rec.module, rec.name)
        elif rec.local == rec.module.split(".")[0] and not rec.module.startswith("."):
            modules[rec.module] = rec.module  # import a.b: a.b.f(…), and a.f(…)
            modules.setdefault(rec.local, rec.local)
        else:
            modules[rec.local] = rec.module  # import a.b as m; from a import b (b may be a module)
    if not own and not imported and not modules:
        return []
    classifier = _Classifier(tree, imported)
    out: list[CallRecord] = []
    called: set[int] = set()

    def target(func: ast.expr) -> tuple[str | None, str] | None:
        if isinstance(func, ast.Name):
            if func.id in imported:
                return imported[func.id]
            if func.id in own:
                return (None, func.id)
            return None
        if isinstance(func, ast.Attribute):
            base = _dotted(func.value)
            if base is not None and base in modules:
                return (modules[base], func.attr)
        return None

    pending: list[tuple[tuple[str | None, str], ast.Call, Owner]] = []
    plain: set[int] = set()  # the target names of `x = value` in functions
    assigned: dict[int, dict[str, list[ast.expr]]] = {}  # per function, its locals' plain assignments
    rebound: dict[int, set[str]] = {}

    def visit(node: ast.AST, owner: Owner) -> None:  # one walk: calls, mentions, locals' assignments
        for child in ast.iter_child_nodes(node):
            inner = child if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)) else owner
            if isinstance(child, ast.Lambda):
                inner = None
            if isinstance(child, ast.Call):
                hit = target(child.func)
                if hit is not None:
                    called.add(id(child.func))
                    pending.append((hit, child, owner))
            elif isinstance(child, ast.Name):
                if isinstance(child.ctx, ast.Store):
                    if owner is not None and id(child) not in plain:
                        rebound.setdefault(id(owner), set()).add(child.id)
                elif id(child) not in called and (child.id in imported or child.id in own):
                    hit = target(child)
                    if hit is not None:
                        out.append(CallRecord(hit[0], hit[1], opaque=True))  # passed around as a value
            elif isinstance(child, ast.Attribute) and id(child) not in called and isinstance(child.ctx, ast.Load):
                hit = target(child)
                if hit is not None:
                    out.append(CallRecord(hit[0], hit[1], opaque=True))
            elif isinstance(child, ast.Assign) and owner is not None and len(child.targets) == 1 \
                    and isinstance(child.targets[0], ast.Name):
                plain.add(id(child.targets[0]))
                assigned.setdefault(id(owner), {}).setdefault(child.targets[0].id, []).append(child.value)
            visit(child, inner)

    visit(tree, None)
    tables: dict[int, dict[str, list[ast.expr] | None]] = {k: dict(v) for k, v in assigned.items()}
    for key, names in rebound.items():
        table = tables.setdefault(key, {})
        for name in names:
            table[name] = None
    classifier.preset_locals(tables)
    for hit, call, owner in pending:
        opaque = any(isinstance(x, ast.Starred) for x in call.args) or any(k.arg is None for k in call.keywords)
        out.append(CallRecord(
            hit[0], hit[1], tuple(classifier.classify(x, owner) for x in call.args),
            tuple((k.arg, classifier.classify(k.value, owner)) for k in call.keywords if k.arg), opaque))
    return out
