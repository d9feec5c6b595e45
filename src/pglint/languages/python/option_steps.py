"""Connection options assembled in steps before the call that uses them (Python).

Owns one question: which ``(key, value expression)`` pairs does a local dict
named ``cfg`` hold when ``psycopg2.connect(**cfg)`` (or any factory given
``**cfg`` / ``options=cfg``) runs? The dict starts as a literal (``{}``,
``{"host": …}``) or ``dict(host=…)`` and is written in steps before the call,
in the same function: ``cfg["password"] = …``, ``cfg.update(sslmode="disable")``
or ``cfg.update({"password": …})``, ``cfg |= {…}``. Later writes of a key win
over earlier ones; a write in a branch counts (it happens on some path). A
dict written with a key that is not a constant, or rebound to anything else,
is not read: nothing is guessed.
"""

from __future__ import annotations

import ast
from typing import Iterator


def shallow_walk(stmts: list[ast.stmt]) -> Iterator[ast.AST]:
    """Every node of ``stmts``, not descending into nested functions, classes and lambdas."""
    stack: list[ast.AST] = list(reversed(stmts))
    while stack:
        n = stack.pop()
        yield n
        if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            continue
        stack.extend(ast.iter_child_nodes(n))


def _pairs(e: ast.expr) -> list[tuple[str, ast.expr]] | None:
    """The constant-keyed entries of a dict literal or ``dict(k=v, …)`` call; ``None``: not one."""
    if isinstance(e, ast.Dict):
        out: list[tuple[str, ast.expr]] = []
        for k, v in zip(e.keys, e.values):
            if k is None or not (isinstance(k, ast.Constant) and isinstance(k.value, str)):
                return None  # ``**other`` or a computed key: not every entry is known
            out.append((k.value, v))
        return out
    if isinstance(e, ast.Call) and isinstance(e.func, ast.Name) and e.func.id == "dict" and not e.args:
        if any(kw.arg is None for kw in e.keywords):
            return None
        return [(kw.arg, kw.value) for kw in e.keywords if kw.arg is not None]
    return None


def _before(n: ast.AST, pos: tuple[int, int]) -> bool:
    return (getattr(n, "lineno", 0), getattr(n, "col_offset", 0)) < pos


def assembled_options(stmts: list[ast.stmt], name: str, use: ast.expr) -> list[tuple[str, ast.expr]] | None:
    """The entries of the local dict ``name`` where ``use`` reads it, when it is built from a
    literal in steps before ``use`` (at least one step; ``None`` otherwise)."""
    pos = (use.lineno, use.col_offset)
    start: tuple[tuple[int, int], list[tuple[str, ast.expr]]] | None = None
    steps: list[tuple[tuple[int, int], list[tuple[str, ast.expr]]]] = []
    for n in shallow_walk(stmts):
        if isinstance(n, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
            targets = n.targets if isinstance(n, ast.Assign) else [n.target]
            for t in targets:
                at = (n.lineno, n.col_offset)
                if isinstance(t, ast.Name) and t.id == name:
                    if isinstance(n, ast.AugAssign):
                        pairs = _pairs(n.value) if isinstance(n.op, ast.BitOr) else None
                        if pairs is None:
                            return None
                        if _before(n, pos):
                            steps.append((at, pairs))
                        continue
                    pairs = _pairs(n.value) if n.value is not None else None
                    if pairs is None or (start is not None and _before(n, pos)):
                        return None  # bound to something else, or twice: not one dict's story
                    if _before(n, pos):
                        start = (at, pairs)
                elif isinstance(t, ast.Subscript) and isinstance(t.value, ast.Name) and t.value.id == name:
                    key = t.slice
                    if not (isinstance(key, ast.Constant) and isinstance(key.value, str)) or n.value is None:
                        return None
                    if isinstance(n, ast.AugAssign):
                        continue  # cfg["options"] += "…": not a new value of a known kind
                    if _before(n, pos):
                        steps.append((at, [(key.value, n.value)]))
        elif isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and isinstance(n.func.value, ast.Name) \
                and n.func.value.id == name and n.func.attr == "update" and _before(n, pos):
            pairs = []
            for a in n.args:
                got = _pairs(a)
                if got is None:
                    return None
                pairs.extend(got)
            if any(kw.arg is None for kw in n.keywords):
                return None
            pairs.extend((kw.arg, kw.value) for kw in n.keywords if kw.arg is not None)
            steps.append(((n.lineno, n.col_offset), pairs))
    if start is None or not steps:
        return None
    merged: dict[str, ast.expr] = dict(start[1])
    for at, pairs in sorted(steps, key=lambda s: s[0]):
        if at < start[0]:
            continue  # a write before the dict was made belongs to an earlier value
        merged.update(pairs)
    return list(merged.items())
