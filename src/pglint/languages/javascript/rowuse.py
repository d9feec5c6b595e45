"""How a JavaScript/TypeScript function reads the rows of a query it runs (:class:`~pglint.ir.query.RowUse`,
for PG402).

The reader starts at the query call and follows its value through the function:
``await``, ``const``/``let`` bindings (destructuring included: ``const { rows } =``,
``const { rows: [user] } =``, ``const { id, name } = row``), ``result.rows``,
``rows[0]``, ``for (const row of rows)``, the callbacks of ``rows.map`` /
``forEach`` / ``filter`` / ``find`` …, and an object literal a row is spread into
(``{ ...row, ...changes }``). Each place the value ends up is one use, with the
same meaning as for Python (:mod:`pglint.languages.python.rowuse`):

- **whole** — given whole to a class (``new Job(row)``, ``Job.fromRow(row)``),
  spread into a constructor's arguments, serialised (``JSON.stringify(rows)``,
  ``res.json(rows)``, ``res.send(rows)``, ``reply.send(rows)``), its values
  iterated (``Object.values(row)``, ``Object.entries(row)``, ``for (k in row)``);
- **columns** — ``row.id``, ``row['id']``, ``const { id, name } = row``;
- **probe** — ``rowCount``, ``rows.length``, ``fields``, truthiness, comparisons;
- **unknown** — returned, passed to a function, stored in a property, anything else.

A row passed to a function of the same file (``render(row)``, ``this.show(row)``)
is followed into the function's parameter, one level deep.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from ...ir.query import RowUse, RowUseTally
from .parsing import kids, node_text, strip

if TYPE_CHECKING:
    from tree_sitter import Node

#: Wrappers a value passes through unchanged.
TRANSPARENT = frozenset({"await_expression", "parenthesized_expression", "as_expression", "satisfies_expression",
                         "non_null_expression", "type_assertion"})
#: A QueryResult's properties that describe the statement without reading a row.
RESULT_PROBES = frozenset({"rowCount", "fields", "command", "oid"})
#: Array methods whose callback gets one row, and what the call returns ("rows", "row" or "").
ROW_CALLBACKS = {"map": "", "flatMap": "", "forEach": "", "filter": "rows", "find": "row", "some": "", "every": "",
                 "findIndex": "", "findLast": "row", "sort": "rows", "toSorted": "rows"}
#: Methods that write their argument out whole as the response body.
SERIALISERS = frozenset({"json", "send", "jsonp", "stringify"})
#: Built-in namespaces whose capitalised name is no class of the project.
BUILTINS = frozenset({"JSON", "Object", "Promise", "Array", "Math", "Number", "String", "Boolean", "Reflect",
                      "Date", "Map", "Set", "Buffer", "console"})
COMPARISONS = frozenset({"===", "!==", "==", "!=", "<", ">", "<=", ">=", "instanceof"})
MAX_DEPTH = 8


def _capitalised(name: str) -> bool:
    return name[:1].isupper() and not name.isupper() and name not in BUILTINS


def _property(member: "Node") -> str:
    prop = member.child_by_field_name("property")
    return node_text(prop) if prop is not None else ""


def _walk_all(node: "Node") -> list["Node"]:
    out: list["Node"] = []
    stack = [node]
    while stack:
        n = stack.pop()
        out.append(n)
        stack.extend(reversed(n.named_children))
    return out


class RowUseReader:
    """Reads how the rows of one query call are used.

    ``binding_of(name, at)`` returns the declaration ``name`` refers to at ``at`` (its node and
    the block or function that declares it; ``None``: not declared in the file);
    ``function_of(callee)`` returns the function node a callee names in this file (one level
    followed), else ``None``."""

    def __init__(self, binding_of: Callable[[str, "Node"], "tuple[Node, Node] | None"],
                 function_of: Callable[["Node"], "Node | None"]) -> None:
        self.binding_of = binding_of
        self.function_of = function_of

    def of_query(self, call: "Node") -> RowUse:
        uses = RowUseTally()
        self._expr(call, "result", uses, 0)
        return uses.result()

    def _expr(self, e: "Node", level: str, uses: RowUseTally, depth: int) -> None:
        if depth > MAX_DEPTH:
            uses.unknown = True
            return
        p = e.parent
        while p is not None and p.type in TRANSPARENT:
            e, p = p, p.parent
        if p is None:
            uses.unknown = True
            return
        t = p.type
        if t == "member_expression" and p.child_by_field_name("object") == e:
            self._member(p, level, uses, depth)
        elif t == "subscript_expression" and p.child_by_field_name("object") == e:
            index = p.child_by_field_name("index")
            index = strip(index) if index is not None else None
            if index is not None and index.type == "number" and level in ("result", "rows"):
                self._expr(p, "row", uses, depth + 1)
            elif index is not None and index.type == "string" and level == "row":
                uses.columns.append(node_text(index)[1:-1])
            else:
                uses.unknown = True
        elif t == "variable_declarator" and p.child_by_field_name("value") == e:
            self._pattern(p.child_by_field_name("name"), p, level, uses, depth)
        elif t == "assignment_expression" and p.child_by_field_name("right") == e:
            left = p.child_by_field_name("left")
            if left is not None and strip(left).type == "identifier":
                self._pattern(strip(left), p, level, uses, depth)
            else:
                uses.unknown = True
        elif t == "arguments":
            self._argument(p, e, level, uses, depth)
        elif t == "spread_element":
            outer = p.parent
            if outer is not None and outer.type == "object" and level == "row":
                self._expr(outer, "row", uses, depth + 1)  # { ...row, ...changes }: still the row's columns
            elif outer is not None and outer.type == "arguments" and outer.parent is not None \
                    and outer.parent.type == "new_expression":
                uses.whole.append(f"new {node_text(outer.parent.child_by_field_name('constructor') or outer)}(…)")
            else:
                uses.unknown = True
        elif t in ("if_statement", "while_statement", "do_statement") or (t == "unary_expression" and _operator(p) == "!"):
            uses.probe = True
        elif t == "binary_expression":
            op = p.child_by_field_name("operator")
            if op is not None and node_text(op) in ("&&", "||", "??"):
                q = p.parent
                while q is not None and q.type in TRANSPARENT:
                    q = q.parent
                if q is not None and (q.type in ("if_statement", "while_statement", "unary_expression")
                                      or (q.type == "ternary_expression" and q.child_by_field_name("condition") is not None
                                          and _same(q.child_by_field_name("condition"), p))):
                    uses.probe = True
                else:
                    self._expr(p, level, uses, depth + 1)
            elif op is not None and node_text(op) in COMPARISONS:
                uses.probe = True
            else:
                uses.unknown = True  # arithmetic, concatenation
        elif t == "ternary_expression":
            if _same(p.child_by_field_name("condition"), e):
                uses.probe = True
            else:
                self._expr(p, level, uses, depth + 1)
        elif t == "for_in_statement" and _same(p.child_by_field_name("right"), e):
            op = p.child_by_field_name("operator")
            if level == "row":
                uses.whole.append("its keys iterated")
            elif op is not None and node_text(op) == "in":
                uses.unknown = True
            else:
                self._pattern(p.child_by_field_name("left"), p, "row", uses, depth)
        elif t == "expression_statement":
            pass  # discarded: says nothing
        else:
            uses.unknown = True  # returned, stored in an object or array, a template substitution …

    def _member(self, m: "Node", level: str, uses: RowUseTally, depth: int) -> None:
        name = _property(m)
        call = m.parent
        called = call is not None and call.type == "call_expression" and _same(call.child_by_field_name("function"), m)
        if level == "result" and name == "rows" and not called:
            self._expr(m, "rows", uses, depth + 1)
        elif level == "result" and name in RESULT_PROBES and not called:
            uses.probe = True
        elif level in ("result", "rows") and name == "length" and not called:
            uses.probe = True
        elif level in ("result", "rows") and name in ROW_CALLBACKS and called:
            assert call is not None
            args = call.child_by_field_name("arguments")
            fn = next(iter(kids(args)), None) if args is not None else None
            fn = strip(fn) if fn is not None else None
            if fn is None or fn.type not in ("arrow_function", "function_expression", "function"):
                uses.unknown = True
                return
            self._parameter(fn, 0, "row", uses, depth)
            if ROW_CALLBACKS[name]:
                self._expr(call, ROW_CALLBACKS[name], uses, depth + 1)
        elif level == "row" and not called:
            uses.columns.append(name)
        else:
            uses.unknown = True

    def _argument(self, args: "Node", e: "Node", level: str, uses: RowUseTally, depth: int) -> None:
        call = args.parent
        if call is not None and call.type == "new_expression" and level in ("row", "rows"):
            ctor = call.child_by_field_name("constructor")
            uses.whole.append(f"new {node_text(ctor) if ctor is not None else ''}(…)")
        elif call is not None and call.type == "call_expression":
            self._call_argument(call, args, e, level, uses, depth)
        else:
            uses.unknown = True

    def _call_argument(self, call: "Node", args: "Node", e: "Node", level: str, uses: RowUseTally, depth: int) -> None:
        func = call.child_by_field_name("function")
        func = strip(func) if func is not None else None
        if func is None:
            uses.unknown = True
            return
        if func.type == "member_expression":
            obj = func.child_by_field_name("object")
            obj_name = node_text(obj) if obj is not None else ""
            method = _property(func)
            if method in SERIALISERS:
                uses.whole.append(f"{node_text(func)}(…)")
            elif obj_name == "Object" and method in ("values", "entries", "keys") and level == "row":
                uses.whole.append(f"Object.{method}(row)")
            elif _capitalised(obj_name) and level in ("row", "rows"):
                uses.whole.append(f"{node_text(func)}(…)")
            else:
                self._into_callee(call, func, args, e, level, uses, depth)
        elif func.type == "identifier":
            name = node_text(func)
            if name == "Boolean":
                uses.probe = True
            elif _capitalised(name) and level in ("row", "rows"):
                uses.whole.append(f"{name}(…)")
            else:
                self._into_callee(call, func, args, e, level, uses, depth)
        else:
            uses.unknown = True

    def _into_callee(self, call: "Node", func: "Node", args: "Node", e: "Node", level: str, uses: RowUseTally,
                     depth: int) -> None:
        target = self.function_of(func) if depth < MAX_DEPTH // 2 else None
        if target is None:
            uses.unknown = True
            return
        index = [a.id for a in kids(args)].index(e.id) if e.id in [a.id for a in kids(args)] else -1
        if index < 0:
            uses.unknown = True
            return
        self._parameter(target, index, level, uses, depth + MAX_DEPTH // 2)

    def _parameter(self, fn: "Node", index: int, level: str, uses: RowUseTally, depth: int) -> None:
        params = fn.child_by_field_name("parameters")
        plist = list(kids(params)) if params is not None else []
        single = fn.child_by_field_name("parameter")
        if single is not None:
            plist = [single]
        if index >= len(plist):
            uses.unknown = True
            return
        param = plist[index]
        if param.type in ("required_parameter", "optional_parameter"):
            param = param.child_by_field_name("pattern") or param
        self._pattern(param, fn, level, uses, depth)

    def _pattern(self, target: "Node | None", binder: "Node", level: str, uses: RowUseTally, depth: int) -> None:
        """The value at ``level`` bound to ``target`` (an identifier or a destructuring pattern)."""
        if target is None:
            uses.unknown = True
            return
        target = strip(target)
        if target.type in ("lexical_declaration", "variable_declaration"):  # for (const row of rows)
            decl = next(iter(kids(target)), None)
            target = decl.child_by_field_name("name") if decl is not None else None
            if target is None:
                uses.unknown = True
                return
        if target.type == "identifier":
            self._identifier_uses(target, binder, level, uses, depth)
        elif target.type == "object_pattern":
            for prop in kids(target):
                if prop.type == "shorthand_property_identifier_pattern":
                    key, value = node_text(prop), None
                elif prop.type == "pair_pattern":
                    k = prop.child_by_field_name("key")
                    key, value = (node_text(k).strip("'\"") if k is not None else ""), prop.child_by_field_name("value")
                elif prop.type == "object_assignment_pattern":
                    left = prop.child_by_field_name("left")
                    key, value = (node_text(left) if left is not None else ""), None
                else:
                    uses.unknown = True  # ...rest
                    continue
                if level == "row":
                    uses.columns.append(key)
                elif level == "result" and key == "rows":
                    if value is None:
                        self._identifier_uses(prop, binder, "rows", uses, depth)
                    else:
                        self._pattern(value, binder, "rows", uses, depth + 1)
                elif level == "result" and key in RESULT_PROBES:
                    uses.probe = True
                else:
                    uses.unknown = True
        elif target.type == "array_pattern" and level in ("rows", "result"):
            for item in kids(target):
                if item.type == "rest_pattern":
                    uses.unknown = True
                else:
                    self._pattern(item, binder, "row", uses, depth + 1)
        else:
            uses.unknown = True

    def _identifier_uses(self, ident: "Node", binder: "Node", level: str, uses: RowUseTally, depth: int) -> None:
        """Every later read of the name ``ident`` declares (up to its next assignment)."""
        name = node_text(ident)
        decl = self.binding_of(name, ident)
        if decl is None:
            uses.unknown = True
            return
        scope = decl[1]
        nodes = _walk_all(scope)
        stores = sorted(n.start_byte for n in nodes
                        if n.type == "assignment_expression" and n.start_byte > binder.end_byte
                        and (lhs := n.child_by_field_name("left")) is not None and node_text(lhs) == name)
        stop = stores[0] if stores else 1 << 62
        for n in nodes:
            if n.type not in ("identifier", "shorthand_property_identifier") or node_text(n) != name \
                    or not (ident.end_byte <= n.start_byte < stop):
                continue
            parent = n.parent
            if parent is not None and parent.type == "assignment_expression" and parent.child_by_field_name("left") == n:
                continue
            found = self.binding_of(name, n)
            if found is None or found[0].id != decl[0].id:
                continue
            if n.type == "shorthand_property_identifier":
                uses.unknown = True  # { user }: put in an object
            else:
                self._expr(n, level, uses, depth + 1)


def _operator(node: "Node") -> str:
    op = node.child_by_field_name("operator")
    return node_text(op) if op is not None else ""


def _same(a: "Node | None", b: "Node | None") -> bool:
    if a is None or b is None:
        return False
    a, b = strip(a), strip(b)
    return a.id == b.id
