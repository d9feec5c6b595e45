"""Tree-sitter queries the frontend runs in C instead of walking the tree in Python.

Two searches need the whole file (or a whole class) and run before the
lowering walk: every ``require('x')`` / ``import('x')`` call (so the index sees
imports made inside functions, for the PostgreSQL gate) and every
``this.x = …`` assignment inside a class body (so methods know what
``this.pool`` is no matter which method assigned it), and every ``name[key] = …``
(a dictionary of pools, ``pools[url] = new Pool(…)``). Queries are compiled once
per grammar, on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from .parsing import language, node_text, string_value

if TYPE_CHECKING:
    from tree_sitter import Node, Query

    from .parsing import JsSource

_REQUIRE = """
(call_expression
  function: [(identifier) (import)] @fn
  arguments: (arguments . [(string) (template_string)] @spec))
"""
#: ``PlatformTools.load('pg')``: a static loader method (TypeORM loads its drivers through one)
_MEMBER_LOAD = """
(call_expression
  function: (member_expression property: (property_identifier) @prop (#eq? @prop "load")) @fn
  arguments: (arguments . (string) @spec))
"""

_THIS_ASSIGN = """
(assignment_expression
  left: (member_expression
          object: (this)
          property: [(property_identifier) (private_property_identifier)] @prop)
  right: (_) @value) @assign
"""

_KEYED_ASSIGN = """
(assignment_expression
  left: (subscript_expression object: (identifier) @container)
  right: (_) @value)
"""

_CACHE: dict[tuple[str, str], "Query"] = {}


def _query(dialect: str, text: str) -> "Query":
    key = (dialect, text)
    q = _CACHE.get(key)
    if q is None:
        from tree_sitter import Query

        q = Query(language(dialect), text)
        _CACHE[key] = q
    return q


def require_calls(src: "JsSource", loaders: bool = False) -> Iterator[tuple[str, "Node"]]:
    """``(specifier, callee node)`` for each ``require('x')`` and ``import('x')`` in the file
    (``loaders``: and each other call of a plain name with a string first argument, ``load('x')``,
    and each ``X.load('x')``, TypeORM's ``PlatformTools.load('pg')``)."""
    from tree_sitter import QueryCursor

    cursor = QueryCursor(_query(src.dialect, _REQUIRE))
    for _, caps in cursor.matches(src.root):
        fn = caps.get("fn", [])
        spec = caps.get("spec", [])
        if not fn or not spec:
            continue
        if fn[0].type == "identifier" and node_text(fn[0]) != "require" and not loaders:
            continue
        value = string_value(spec[0])
        if value:
            yield value, fn[0]
    if loaders and b".load(" in src.source:
        cursor = QueryCursor(_query(src.dialect, _MEMBER_LOAD))
        for _, caps in cursor.matches(src.root):
            fn, spec = caps.get("fn", []), caps.get("spec", [])
            value = string_value(spec[0]) if spec else None
            if fn and value:
                yield value, fn[0]


def this_assignments(dialect: str, body: "Node") -> Iterator[tuple["Node", "Node", "Node"]]:
    """``(assignment, property, value)`` for each ``this.x = value`` under ``body``."""
    from tree_sitter import QueryCursor

    cursor = QueryCursor(_query(dialect, _THIS_ASSIGN))
    for _, caps in cursor.matches(body):
        assign = caps.get("assign", [])
        prop = caps.get("prop", [])
        value = caps.get("value", [])
        if assign and prop and value:
            yield assign[0], prop[0], value[0]


def keyed_assignments(dialect: str, root: "Node") -> Iterator[tuple[str, "Node"]]:
    """``(container name, value)`` for each ``name[key] = value`` under ``root``."""
    from tree_sitter import QueryCursor

    cursor = QueryCursor(_query(dialect, _KEYED_ASSIGN))
    for _, caps in cursor.matches(root):
        container = caps.get("container", [])
        value = caps.get("value", [])
        if container and value:
            yield node_text(container[0]), value[0]
