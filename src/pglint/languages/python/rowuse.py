"""How a Python function reads the rows of a query it runs (:class:`~pglint.ir.query.RowUse`, for PG402).

Starting from the query call, the reader follows the value through the function
that runs it: ``await``, assignments to locals (each load up to the next
assignment of the name), ``for`` loops and comprehensions over the rows,
``rows[0]``, and a cursor's own ``fetchone()`` / ``fetchall()`` / ``fetchmany()``
/ ``description`` / ``rowcount`` after an ``execute`` on it (up to the next
statement run on that cursor). Each place the value ends up is one use:

- **whole** — a row given whole to a class (``Timer(record=row)``,
  ``Model.from_record(row)``, ``cls(**row)``), spread with ``**row`` / ``*row``,
  turned into a ``dict``, handed to a JSON serialiser (``json.dumps``,
  ``json_dumps``, ``jsonify``), its values iterated (``for v in row``,
  ``row.values()``), returned by a web route (``@app.get`` …), or assigned to a
  name annotated with a class of the same file (``records: list[SyncRecord] =
  …``: a TypedDict / NamedTuple / dataclass describing the row);
- **columns** — ``row["id"]``, ``row.get("id")``, ``row.id``;
- **probe** — truthiness (``if row``, ``not rows``), ``is None``, ``len(rows)``,
  comparisons, ``cursor.rowcount`` and ``cursor.description``;
- **unknown** — anything else: returned from an ordinary function, passed to a
  function, stored, unpacked by position.

A row passed to a function or method of the same file (``self._show(row)``,
``render(row)``) is followed into that function's parameter, one level deep.
"""

from __future__ import annotations

import ast
from typing import Callable

from ...ir.query import RowUse, RowUseTally

#: Query methods that return rows, and what they return.
RESULT_METHODS = {"fetchrow": "row", "fetchone": "row", "fetch": "rows", "fetchall": "rows",
                  "fetchmany": "rows"}
#: A cursor's methods that read the rows of its last statement.
CURSOR_FETCHES = {"fetchone": "row", "fetchall": "rows", "fetchmany": "rows"}
# SQLAlchemy's Result (what `conn.execute(…)` / `session.execute(…)` return) besides the fetches:
# its rows, and `.mappings()`, a result of the same rows as dicts
RESULT_FETCHES = {"first": "row", "one": "row", "one_or_none": "row", "all": "rows", "mappings": "cursor"}
#: A cursor's attributes that describe its last statement without reading a row.
CURSOR_PROBES = frozenset({"description", "rowcount", "statusmessage", "rownumber"})
#: Cursor methods that run a new statement (the end of the previous one's rows).
CURSOR_STATEMENTS = frozenset({"execute", "executemany", "callproc", "copy", "copy_expert", "copy_to",
                               "copy_from", "scroll"})
#: Classmethod names that build an object from a whole row.
FACTORY_METHODS = frozenset({"model_validate", "parse_obj", "from_orm", "construct", "model_construct",
                             "from_dict", "from_mapping"})
#: Decorator methods of web frameworks whose function's return value is the response.
ROUTE_DECORATORS = frozenset({"get", "post", "put", "patch", "delete", "route", "api_route", "websocket"})
MAX_DEPTH = 8


def _pos(n: ast.AST) -> tuple[int, int]:
    return getattr(n, "lineno", 0), getattr(n, "col_offset", 0)


def _end(n: ast.AST) -> tuple[int, int]:
    return getattr(n, "end_lineno", 0) or 0, getattr(n, "end_col_offset", 0) or 0


def _walk_body(stmts: list[ast.stmt]) -> list[ast.AST]:
    """Every node of ``stmts``, not descending into nested functions, classes and lambdas."""
    out: list[ast.AST] = []
    stack: list[ast.AST] = list(reversed(stmts))
    while stack:
        n = stack.pop()
        out.append(n)
        if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            continue
        stack.extend(reversed(list(ast.iter_child_nodes(n))))
    return out


def _name_of(func: ast.expr) -> str:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def _dotted(e: ast.expr) -> str:
    if isinstance(e, ast.Name):
        return e.id
    if isinstance(e, ast.Attribute):
        base = _dotted(e.value)
        return f"{base}.{e.attr}" if base else ""
    return ""


def _capitalised(name: str) -> bool:
    return name[:1].isupper() and not name.isupper()


class _Function:
    """One function's body with a parent map."""

    def __init__(self, node: ast.AST | None, stmts: list[ast.stmt]) -> None:
        self.node = node
        self.nodes = _walk_body(stmts)
        self.parents: dict[int, ast.AST] = {}
        for n in self.nodes:
            for c in ast.iter_child_nodes(n):
                self.parents[id(c)] = n

    def parent(self, n: ast.AST) -> ast.AST | None:
        return self.parents.get(id(n))

    def is_route(self) -> bool:
        for d in getattr(self.node, "decorator_list", ()) or ():
            func = d.func if isinstance(d, ast.Call) else d
            if isinstance(func, ast.Attribute) and func.attr in ROUTE_DECORATORS:
                return True
        return False


class RowUseReader:
    """Reads, for one query call of a function, how its rows are used (:meth:`of_query`).

    ``functions`` finds a function of the same file by a call's callee (``self.m`` inside a
    class, a module-level ``f``), for the one level followed into a callee."""

    def __init__(self, node: ast.AST | None, stmts: list[ast.stmt], module_classes: frozenset[str],
                 functions: Callable[[ast.expr], "ast.FunctionDef | ast.AsyncFunctionDef | None"]) -> None:
        self.fn = _Function(node, stmts)
        self.module_classes = module_classes
        self.functions = functions

    def of_query(self, call: ast.Call, method: str) -> RowUse:
        uses = RowUseTally()
        level = RESULT_METHODS.get(method, "cursor")
        if method == "fetchval":
            return RowUse("unknown")
        self._expr(self.fn, call, level, uses, 0)
        if level == "cursor" and isinstance(call.func, ast.Attribute):
            self._cursor_reads(call, uses)
        return uses.result()

    # -- a cursor's later reads ------------------------------------------------------------
    def _cursor_reads(self, call: ast.Call, uses: RowUseTally) -> None:
        assert isinstance(call.func, ast.Attribute)
        receiver = ast.dump(call.func.value)
        start = _end(call)
        stop = (10 ** 9, 0)
        for n in self.fn.nodes:  # the next statement run on the same cursor ends the window
            if isinstance(n, ast.Call) and n is not call and isinstance(n.func, ast.Attribute) \
                    and n.func.attr in CURSOR_STATEMENTS and ast.dump(n.func.value) == receiver \
                    and start <= _pos(n) < stop:
                stop = _pos(n)
        for n in self.fn.nodes:
            if not (start <= _pos(n) < stop):
                continue
            if isinstance(n, ast.Attribute) and ast.dump(n.value) == receiver:
                parent = self.fn.parent(n)
                if n.attr in CURSOR_FETCHES and isinstance(parent, ast.Call) and parent.func is n:
                    self._expr(self.fn, parent, CURSOR_FETCHES[n.attr], uses, 0)
                elif n.attr in CURSOR_PROBES:
                    uses.probe = True
            elif isinstance(n, (ast.For, ast.AsyncFor)) and ast.dump(n.iter) == receiver:
                self._bound(self.fn, n.target, n, "row", uses, 0)

    # -- where a value goes ----------------------------------------------------------------
    def _expr(self, fn: _Function, e: ast.AST, level: str, uses: RowUseTally, depth: int) -> None:
        if depth > MAX_DEPTH:
            uses.unknown = True
            return
        p = fn.parent(e)
        if p is None:
            uses.unknown = True
        elif isinstance(p, ast.Await):
            self._expr(fn, p, level, uses, depth + 1)
        elif isinstance(p, ast.Attribute) and p.value is e:
            self._attribute(fn, p, level, uses, depth)
        elif isinstance(p, ast.Subscript) and p.value is e:
            self._subscript(fn, p, level, uses, depth)
        elif isinstance(p, ast.Call) and e in p.args:
            self._argument(fn, p, p.args.index(e), None, level, uses, depth)  # type: ignore[arg-type]
        elif isinstance(p, ast.Starred):
            q = fn.parent(p)
            if isinstance(q, ast.Call) and level == "row":
                uses.whole.append(f"*{_name_of(e) or 'row'} in {_name_of(q.func) or 'a call'}(…)")  # type: ignore[arg-type]
            else:
                uses.unknown = True
        elif isinstance(p, ast.keyword):
            q = fn.parent(p)
            if p.arg is None and level == "row":
                uses.whole.append(f"**{_name_of(e) or 'row'}")  # type: ignore[arg-type]
            elif isinstance(q, ast.Call):
                self._argument(fn, q, None, p.arg, level, uses, depth)
            else:
                uses.unknown = True
        elif isinstance(p, ast.Dict) and level == "row" and any(k is None and v is e for k, v in zip(p.keys, p.values)):
            self._expr(fn, p, "row", uses, depth + 1)  # {**row, …}
        elif isinstance(p, (ast.If, ast.While, ast.Assert)) and p.test is e:
            uses.probe = True
        elif isinstance(p, ast.IfExp):
            if p.test is e:
                uses.probe = True
            else:
                self._expr(fn, p, level, uses, depth + 1)
        elif isinstance(p, ast.UnaryOp) and isinstance(p.op, ast.Not):
            uses.probe = True
        elif isinstance(p, ast.Compare):
            uses.probe = True
        elif isinstance(p, ast.BoolOp):
            q = fn.parent(p)
            if isinstance(q, (ast.If, ast.While, ast.IfExp, ast.Assert)) and q.test is p:
                uses.probe = True
            else:
                self._expr(fn, p, level, uses, depth + 1)
        elif isinstance(p, ast.AnnAssign) and p.value is e and self._row_class(p.annotation) is not None:
            # `records: list[SyncRecord] = await pool.fetch(…)`: the rows typed with a class of this
            # file (a TypedDict / NamedTuple / dataclass of the row): its shape is the row's
            uses.whole.append(f"typed as {self._row_class(p.annotation)}")
        elif isinstance(p, (ast.Assign, ast.AnnAssign, ast.NamedExpr)) and p.value is e:
            targets = p.targets if isinstance(p, ast.Assign) else [p.target]
            for t in targets:
                self._bound(fn, t, p, level, uses, depth)
        elif isinstance(p, (ast.For, ast.AsyncFor)) and p.iter is e:
            if level == "row":
                uses.whole.append("its values iterated")
            else:
                self._bound(fn, p.target, p, "row", uses, depth)
        elif isinstance(p, ast.comprehension) and p.iter is e:
            if level == "row":
                uses.whole.append("its values iterated")
            else:
                self._comprehension(fn, p, uses, depth)
        elif isinstance(p, (ast.Return, ast.Yield)):
            if fn.is_route():
                uses.whole.append("returned by a web route")
            else:
                uses.unknown = True
        elif isinstance(p, ast.Expr):
            pass  # discarded: says nothing
        else:
            uses.unknown = True

    def _row_class(self, annotation: ast.expr) -> str | None:
        """The class of this file an annotation names (``list[Row]``, ``Row | None``), if any."""
        for n in ast.walk(annotation):
            if isinstance(n, ast.Name) and n.id in self.module_classes:
                return n.id
        return None

    def _attribute(self, fn: _Function, a: ast.Attribute, level: str, uses: RowUseTally, depth: int) -> None:
        call = fn.parent(a)
        called = isinstance(call, ast.Call) and call.func is a
        if level == "cursor":
            if a.attr in CURSOR_FETCHES and called:
                self._expr(fn, call, CURSOR_FETCHES[a.attr], uses, depth + 1)  # type: ignore[arg-type]
            elif a.attr in RESULT_FETCHES and called and not (isinstance(call, ast.Call) and (call.args or call.keywords)):
                self._expr(fn, call, RESULT_FETCHES[a.attr], uses, depth + 1)  # type: ignore[arg-type]
            elif a.attr in CURSOR_PROBES:
                uses.probe = True
            else:
                uses.unknown = True
        elif level == "row":
            if called and a.attr == "get" and isinstance(call, ast.Call) and call.args \
                    and isinstance(call.args[0], ast.Constant) and isinstance(call.args[0].value, str):
                uses.columns.append(call.args[0].value)
            elif called and a.attr in ("values", "items", "keys", "_asdict"):
                uses.whole.append(f"row.{a.attr}()")
            elif not called and a.attr == "_mapping":
                uses.whole.append("row._mapping")  # SQLAlchemy's Row as a mapping of every column
            elif not called and not a.attr.startswith("_"):
                uses.columns.append(a.attr)  # a named-tuple / class row
            else:
                uses.unknown = True
        else:
            uses.unknown = True

    def _subscript(self, fn: _Function, s: ast.Subscript, level: str, uses: RowUseTally, depth: int) -> None:
        key = s.slice
        if not isinstance(s.ctx, ast.Load):
            uses.unknown = True
        elif level == "rows" and isinstance(key, ast.Constant) and isinstance(key.value, int):
            self._expr(fn, s, "row", uses, depth + 1)
        elif level == "rows" and isinstance(key, ast.Slice):
            self._expr(fn, s, "rows", uses, depth + 1)
        elif level == "row" and isinstance(key, ast.Constant) and isinstance(key.value, str):
            uses.columns.append(key.value)
        else:
            uses.unknown = True  # by position, or a key not written in the code

    def _argument(self, fn: _Function, call: ast.Call, index: int | None, keyword: str | None, level: str,
                  uses: RowUseTally, depth: int) -> None:
        func = call.func
        name = _name_of(func)
        dotted = _dotted(func)
        if level not in ("row", "rows"):
            uses.unknown = True
        elif name in ("len", "bool") and isinstance(func, ast.Name):
            uses.probe = True
        elif name == "dict" and isinstance(func, ast.Name) and level == "row":
            uses.whole.append("dict(row)")
        elif name in ("list", "tuple") and isinstance(func, ast.Name):
            if level == "row":
                uses.whole.append(f"{name}(row)")
            else:
                self._expr(fn, call, "rows", uses, depth + 1)
        elif "json" in name.lower() or name in ("dumps", "dump"):
            uses.whole.append(f"{dotted or name}(…)")
        elif name == "cls" or (isinstance(func, ast.Name) and (_capitalised(name) or name in self.module_classes)) \
                or (isinstance(func, ast.Attribute) and (_capitalised(name) or name in FACTORY_METHODS
                                                         or name.startswith("from_"))):
            uses.whole.append(f"{dotted or name}(…)")
        else:
            self._into_callee(fn, call, index, keyword, level, uses, depth)

    def _into_callee(self, fn: _Function, call: ast.Call, index: int | None, keyword: str | None, level: str,
                     uses: RowUseTally, depth: int) -> None:
        """A function of this file: how its parameter is used (one level)."""
        target = self.functions(call.func) if fn is self.fn else None
        if target is None:
            uses.unknown = True
            return
        args = target.args
        params = [a.arg for a in (*args.posonlyargs, *args.args)]
        if isinstance(call.func, ast.Attribute) and params and params[0] in ("self", "cls"):
            params = params[1:]
        if index is not None:
            if any(isinstance(a, ast.Starred) for a in call.args[:index + 1]) or index >= len(params):
                uses.unknown = True
                return
            param = params[index]
        elif keyword is not None and keyword in params + [a.arg for a in args.kwonlyargs]:
            param = keyword
        else:
            uses.unknown = True
            return
        callee = _Function(target, target.body)
        loads = [n for n in callee.nodes if isinstance(n, ast.Name) and n.id == param and isinstance(n.ctx, ast.Load)]
        stores = [n for n in callee.nodes if isinstance(n, ast.Name) and n.id == param and not isinstance(n.ctx, ast.Load)]
        if stores or not loads:
            uses.unknown = True
            return
        for n in loads:
            self._expr(callee, n, level, uses, depth + 1)

    # -- names bound to the value ---------------------------------------------------------------
    def _bound(self, fn: _Function, target: ast.expr, binder: ast.AST, level: str, uses: RowUseTally, depth: int) -> None:
        if not isinstance(target, ast.Name):
            uses.unknown = True  # unpacked by position, or stored in an attribute / item
            return
        name = target.id
        start = _pos(target) if isinstance(binder, (ast.For, ast.AsyncFor)) else _end(binder)
        stores = sorted(_end(fn.parent(n) or n) if not isinstance(fn.parent(n), (ast.For, ast.AsyncFor)) else _pos(n)
                        for n in fn.nodes
                        if isinstance(n, ast.Name) and n.id == name and not isinstance(n.ctx, ast.Load))
        later = [s for s in stores if s > start]
        stop = later[0] if later else (10 ** 9, 0)
        for n in fn.nodes:
            if isinstance(n, ast.Name) and n.id == name and isinstance(n.ctx, ast.Load) and start <= _pos(n) < stop:
                self._expr(fn, n, level, uses, depth + 1)

    def _comprehension(self, fn: _Function, gen: ast.comprehension, uses: RowUseTally, depth: int) -> None:
        comp = fn.parent(gen)
        if not isinstance(gen.target, ast.Name) or comp is None:
            uses.unknown = True
            return
        name = gen.target.id
        parts: list[ast.AST] = [*gen.ifs]
        for attr in ("elt", "key", "value"):
            part = getattr(comp, attr, None)
            if isinstance(part, ast.AST):
                parts.append(part)
        for g in getattr(comp, "generators", ()):
            if g is not gen:
                parts.extend([g.iter, *g.ifs])
        loads = [n for part in parts for n in ast.walk(part)
                 if isinstance(n, ast.Name) and n.id == name and isinstance(n.ctx, ast.Load)]
        if not loads:
            uses.unknown = True
        for n in loads:
            self._expr(fn, n, "row", uses, depth + 1)
