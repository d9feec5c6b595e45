"""The function gate of a JS/TS module (:mod:`pglint.languages.relevance`): its top-level units."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...drivers.model import DriverRegistry
from ..base import ProjectIndex
from ..relevance import FunctionGate, Unit
from .parsing import CLASS_NODES, FUNCTION_DECLARATIONS, FUNCTION_LITERALS, JsSource, kids

if TYPE_CHECKING:
    from tree_sitter import Node

_DECLARATIONS = frozenset({"lexical_declaration", "variable_declaration"})


def _unit_names(stmt: "Node") -> tuple[str, ...] | None:
    """The names a top-level function/class statement defines, or None when it is not one."""
    node = stmt
    if node.type == "export_statement":
        inner = node.child_by_field_name("declaration")
        if inner is None:
            return None
        node = inner
    if node.type in FUNCTION_DECLARATIONS or node.type in CLASS_NODES:
        name = node.child_by_field_name("name")
        return (name.text.decode("utf-8", "replace"),) if name is not None and name.text else ()
    if node.type in _DECLARATIONS:
        names: list[str] = []
        for d in kids(node):
            if d.type != "variable_declarator":
                continue
            name, value = d.child_by_field_name("name"), d.child_by_field_name("value")
            if (name is None or name.type != "identifier" or value is None
                    or (value.type not in FUNCTION_LITERALS and value.type not in CLASS_NODES)):
                return None
            names.append((name.text or b"").decode("utf-8", "replace"))
        return tuple(names) if names else None
    return None


def _declared(node: "Node", out: set[str]) -> None:
    """The names ``node`` (module-level code) declares or assigns, not looking inside functions,
    classes or the values of declarations (what is declared there is not the module's)."""
    stack = [node]
    while stack:
        n = stack.pop()
        t = n.type
        if t in FUNCTION_LITERALS or t in FUNCTION_DECLARATIONS or t in CLASS_NODES:
            name = n.child_by_field_name("name")
            if name is not None and name.text:
                out.add(name.text.decode("utf-8", "replace"))
            continue
        if t == "variable_declarator":
            name = n.child_by_field_name("name")
            if name is not None:
                out.update(_identifiers(name))
            continue
        if t == "expression_statement":
            for e in kids(n):
                if e.type == "assignment_expression":
                    left = e.child_by_field_name("left")
                    if left is not None and left.type == "identifier" and left.text:
                        out.add(left.text.decode("utf-8", "replace"))
            continue
        stack.extend(kids(n))


def _identifiers(node: "Node") -> list[str]:
    found: list[str] = []
    stack = [node]
    while stack:
        n = stack.pop()
        if n.type in ("identifier", "shorthand_property_identifier_pattern") and n.text:
            found.append(n.text.decode("utf-8", "replace"))
        stack.extend(kids(n))
    return found


#: A unit nested deeper than this is lowered even when it cannot matter: lowering it is what finds
#: it too deeply nested to analyse (:func:`.parsing.deep_recursion`), a PG001 with or without the gate.
#: Code a person writes stays far below; a unit as deep as this lowers without trouble.
MAX_SKIPPED_DEPTH = 400


def deeper_than(node: "Node", limit: int) -> bool:
    """Whether the tree under ``node`` is more than ``limit`` levels deep (a cursor walk, stopping early)."""
    cursor = node.walk()
    depth = 1
    while True:
        if cursor.goto_first_child():
            depth += 1
            if depth > limit:
                return True
            continue
        while not cursor.goto_next_sibling():
            if depth == 1 or not cursor.goto_parent():
                return False
            depth -= 1
            if depth == 1:
                return False


def js_gate(src: JsSource, project: ProjectIndex | None, registry: DriverRegistry) -> FunctionGate:
    """The function gate of ``src``: which top-level functions and classes are lowered."""
    units: list[Unit] = []
    module_names: set[str] = set()
    nodes: dict[int, "Node"] = {}
    for stmt in kids(src.tree.root_node):
        names = _unit_names(stmt)
        if names is None:
            _declared(stmt, module_names)
        else:
            units.append(Unit(stmt.start_byte, stmt.end_byte, names))
            nodes[stmt.start_byte] = stmt
    return FunctionGate(src.source, src.path, "javascript", project, registry, units, module_names,
                        lambda unit: deeper_than(nodes[unit.start], MAX_SKIPPED_DEPTH))
