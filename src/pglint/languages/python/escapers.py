"""Quoting helpers a module defines for itself: functions that return their argument quoted.

Applications that build SQL by hand often carry their own two-line escapers (CKAN's datastore:
``def identifier(s): return '"' + s.replace('"', '""') + '"'`` and ``def literal_string(s):
return "'" + s.replace("'", "''") + "'"``). A value passed through one cannot leave the quoted
name or string literal it is spliced into, so PG201 treats the call like ``quote_ident``. Only
the exact shape is recognised: a module-level function whose body (after a docstring) is one
``return`` of ``Q + <expr> + Q`` where ``<expr>`` is the first parameter with ``.replace(Q, Q + Q)``
applied (further ``.replace`` calls allowed), ``Q`` being ``'`` or ``"``; a string literal's
quote doubled in standard_conforming_strings mode (PostgreSQL's default since 9.1).
"""

from __future__ import annotations

import ast

_QUOTES = ("'", '"')


def _constant(e: ast.expr, value: str) -> bool:
    return isinstance(e, ast.Constant) and e.value == value


def _doubles(e: ast.expr, param: str, quote: str) -> bool:
    """``param.replace(quote, quote * 2)``, possibly inside or around further ``.replace(...)`` calls."""
    doubled = False
    while isinstance(e, ast.Call) and isinstance(e.func, ast.Attribute) and e.func.attr == "replace":
        if len(e.args) != 2 or e.keywords:
            return False
        if _constant(e.args[0], quote) and _constant(e.args[1], quote * 2):
            doubled = True
        e = e.func.value
    return doubled and isinstance(e, ast.Name) and e.id == param


def _quotes_argument(fn: ast.FunctionDef) -> bool:
    body = list(fn.body)
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
            and isinstance(body[0].value.value, str):
        body = body[1:]  # the docstring
    args = fn.args
    params = [*args.posonlyargs, *args.args]
    if len(body) != 1 or not isinstance(body[0], ast.Return) or body[0].value is None or not params:
        return False
    ret = body[0].value
    # (Q + inner) + Q, as Python parses `Q + inner + Q`
    if not (isinstance(ret, ast.BinOp) and isinstance(ret.op, ast.Add)
            and isinstance(ret.left, ast.BinOp) and isinstance(ret.left.op, ast.Add)):
        return False
    first, inner, last = ret.left.left, ret.left.right, ret.right
    return any(_constant(first, q) and _constant(last, q) and _doubles(inner, params[0].arg, q)
               for q in _QUOTES)


def quoting_helpers(tree: ast.Module) -> frozenset[str]:
    """The names of ``tree``'s module-level functions that return their first argument quoted
    (see the module docstring); a name defined twice is left out."""
    seen: dict[str, bool] = {}
    for st in tree.body:
        if isinstance(st, (ast.FunctionDef, ast.AsyncFunctionDef)):
            seen[st.name] = st.name not in seen and isinstance(st, ast.FunctionDef) \
                and not st.decorator_list and _quotes_argument(st)
    return frozenset(name for name, ok in seen.items() if ok)
