"""pg-promise's query formatting: the values its modifiers splice into the text unescaped.

pg-promise formats the values into the SQL text itself, escaped, before sending
it. Four modifiers make a value land in the text otherwise (lib/formatting.js,
lib/patterns.js at the pinned commit, docs/drivers.md § pg-promise):

- ``:raw`` / ``^`` — the value as written, no escaping at all;
- ``:value`` / ``#`` — escaped, without the surrounding quotes (safe inside a
  quoted literal, ``LIKE '%$1:value%'``; outside one a text value is SQL).

:func:`modified_shape` rewrites a query's constant text so that each such
placeholder is a :class:`~pglint.ir.query.Hole` of the value passed for it (the
array element, the single value for ``$1``, the object property for
``${name}``), which PG201 then weighs like any other hole. Where the value cannot
be found (parameters not written as a literal) the text stays as it is: silent.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Callable

from ...ir.query import Hole, Part, SqlShape, merge_parts
from .parsing import kids, node_text, strip

if TYPE_CHECKING:
    from tree_sitter import Node

#: the modifiers that put a value into the text unescaped (raw) or without quotes (open value)
RAW_MODIFIERS = ("^", ":raw")
OPEN_MODIFIERS = ("#", ":value")
_MODIFIER = r"(\^|#|:raw|:value)(?![a-zA-Z])"
_NUMBERED = re.compile(r"\$([1-9][0-9]{0,16})(?![0-9])" + _MODIFIER)
_CLOSING = {"{": "}", "(": ")", "<": ">", "[": "]", "/": "/"}
_NAMED = re.compile(r"\$([{(<\[/])\s*([a-zA-Z0-9$_]+)" + _MODIFIER + r"\s*([})>\]/])")

#: (namespace, function) pairs whose result is escaped SQL text: ``pgp.as.name(x)``,
#: ``pgp.helpers.insert(rows, cs)``; ``as.format`` escapes all but the modified placeholders
ESCAPING_FORMATTERS = frozenset({
    *(("as", f) for f in ("format", "name", "alias", "text", "number", "bool", "date", "csv", "json",
                          "array", "buffer")),
    *(("helpers", f) for f in ("insert", "update", "values", "sets", "concat")),
})

#: the form of a shape whose holes are pg-promise modifiers (PG201 names it in its message)
FORM = "modifier"


def has_modifiers(text: str) -> bool:
    return any(m in text for m in ("^", "#", ":raw", ":value"))


def modified_shape(shape: SqlShape, values: "Node | None", at: "Node",
                   element: Callable[["Node", "Node"], "Node | None"],
                   hole: Callable[["Node", "Node"], list[Part]]) -> SqlShape:
    """``shape`` with each raw/open-value placeholder replaced by the hole of its value.

    ``element(values, at)`` resolves ``values`` to an array or object literal (or ``None``);
    ``hole(node, at)`` gives the parts a value spliced into SQL text makes."""
    if values is None or not any(isinstance(p, str) and has_modifiers(p) for p in shape.parts):
        return shape
    literal = element(values, at)
    out: list[Part] = []
    quotes = 0  # single quotes seen so far: odd inside a quoted literal
    changed = False
    for part in shape.parts:
        if not isinstance(part, str):
            out.append(part)
            continue
        pos = 0
        for m in sorted([*_NUMBERED.finditer(part), *_NAMED.finditer(part)], key=lambda m: m.start()):
            if m.start() < pos:
                continue
            if m.re is _NAMED and _CLOSING[m.group(1)] != m.group(4):
                continue
            value = _value_for(m, values, literal)
            if value is None:
                continue
            before = part[pos:m.start()]
            quotes += before.count("'")
            out.append(before)
            modifier = m.group(2) if m.re is _NUMBERED else m.group(3)
            parts = hole(value, at)
            if modifier in OPEN_MODIFIERS and quotes % 2 == 1:
                # escaped and inside quotes: a literal's content, nothing more
                parts = [Hole(node_text(value), True, None, None)]
            out.extend(parts)
            pos = m.end()
            changed = True
        rest = part[pos:]
        quotes += rest.count("'")
        out.append(rest)
    if not changed:
        return shape
    return SqlShape(FORM, merge_parts(out), shape.span)  # type: ignore[arg-type]


def _value_for(m: "re.Match[str]", values: "Node", literal: "Node | None") -> "Node | None":
    """The node of the value a placeholder takes: element n-1 of an array, the value itself for
    ``$1`` when it is not an array, an object's property for ``${name}``."""
    if m.re is _NUMBERED:
        index = int(m.group(1)) - 1
        if literal is not None and literal.type == "array":
            elems = [e for e in kids(literal) if e.type != "comment"]
            if any(e.type == "spread_element" for e in elems[:index + 1]):
                return None
            return elems[index] if index < len(elems) else None
        v = strip(values)
        if index == 0 and literal is None and v.type not in ("array", "object", "call_expression"):
            # db.any('… $1:raw', req.query.sort): a single value (or an array whose first
            # element lands there: spliced unescaped either way)
            return v
        return None
    if literal is None or literal.type != "object":
        return None
    name = m.group(2)
    for p in kids(literal):
        if p.type == "pair":
            key = p.child_by_field_name("key")
            if key is not None and node_text(key).strip("'\"") == name:
                return p.child_by_field_name("value")
        elif p.type == "shorthand_property_identifier" and node_text(p) == name:
            return p
    return None
