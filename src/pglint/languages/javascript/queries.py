"""Tree-sitter queries the frontend runs in C instead of walking the tree in Python.

Two searches need the whole file (or a whole class) and run before the
lowering walk: every ``require('x')`` / ``import('x')`` call (so the index sees
imports made inside functions, for the PostgreSQL gate) and every
``this.x = …`` assignment inside a class body (so methods know what
``this.pool`` is no matter which method assigned it), and every ``name[key] = …``
(a dictionary of pools, ``pools[url] = new Pool(…)``) — these two in one query, one
walk of the tree. Queries are compiled once per grammar, on first use.
"""

from __future__ import annotations

import re
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

#: both searches in one query (pattern 0: ``this.x = …``, pattern 1: ``name[key] = …``): one walk of the tree
_ASSIGNMENTS = _THIS_ASSIGN + _KEYED_ASSIGN

_IF = "(if_statement) @if"

_CACHE: dict[tuple[str, str], "Query"] = {}


def _query(dialect: str, text: str) -> "Query":
    key = (dialect, text)
    q = _CACHE.get(key)
    if q is None:
        from tree_sitter import Query

        q = Query(language(dialect), text)
        _CACHE[key] = q
    return q


#: ``import`` then ``(``, with blanks or comments between: the text of every dynamic ``import('x')``
_DYNAMIC_IMPORT = re.compile(rb"\bimport(?:\s|/\*[\s\S]*?\*/|//[^\n]*)*\(")


def may_load_modules(source: bytes) -> bool:
    """Whether ``source`` may hold a ``require('x')`` or an ``import('x')`` (a loader function such as
    ``load('pg')`` is a wrapper over one of them, so it needs one too): without either, the
    whole-file query of :func:`require_calls` finds nothing and is not run."""
    return b"require" in source or _DYNAMIC_IMPORT.search(source) is not None


def require_calls(src: "JsSource", loaders: bool = False) -> Iterator[tuple[str, "Node"]]:
    """``(specifier, callee node)`` for each ``require('x')`` and ``import('x')`` in the file
    (``loaders``: and each other call of a plain name with a string first argument, ``load('x')``,
    whose file holds a ``require``/``import()`` a loader could wrap: :func:`may_load_modules`; and each
    ``X.load('x')``, TypeORM's ``PlatformTools.load('pg')``)."""
    from tree_sitter import QueryCursor

    if may_load_modules(src.source):
        yield from _require_matches(src, loaders)
    if loaders and b".load(" in src.source:
        cursor = QueryCursor(_query(src.dialect, _MEMBER_LOAD))
        for _, caps in cursor.matches(src.root):
            fn, spec = caps.get("fn", []), caps.get("spec", [])
            value = string_value(spec[0]) if spec else None
            if fn and value:
                yield value, fn[0]


def _require_matches(src: "JsSource", loaders: bool) -> Iterator[tuple[str, "Node"]]:
    """The ``require('x')`` / ``import('x')`` (``loaders``: and ``load('x')``) calls of :func:`require_calls`."""
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


def assignments(dialect: str, root: "Node") -> tuple[list[tuple["Node", "Node", "Node"]], list[tuple[str, "Node"]]]:
    """``(assignment, property, value)`` for each ``this.x = value`` and ``(container name, value)`` for
    each ``name[key] = value`` under ``root``, each list in document order, from one walk of the tree."""
    from tree_sitter import QueryCursor

    this: list[tuple["Node", "Node", "Node"]] = []
    keyed: list[tuple[str, "Node"]] = []
    for pattern, caps in QueryCursor(_query(dialect, _ASSIGNMENTS)).matches(root):
        value = caps.get("value", [])
        if not value:
            continue
        if pattern == 0:
            assign, prop = caps.get("assign", []), caps.get("prop", [])
            if assign and prop:
                this.append((assign[0], prop[0], value[0]))
        else:
            container = caps.get("container", [])
            if container:
                keyed.append((node_text(container[0]), value[0]))
    return this, keyed


def if_statements(dialect: str, root: "Node") -> list["Node"]:
    """Every ``if`` statement under ``root`` (nested functions included), in document order."""
    from tree_sitter import QueryCursor

    return QueryCursor(_query(dialect, _IF)).captures(root).get("if", [])
