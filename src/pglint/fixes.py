"""Fixes pglint can apply: what to change in a file to make a finding go away.

A :class:`Fix` is a title, a safety class and a list of non-overlapping
:class:`Edit` s (byte ranges of the file's UTF-8 source and their replacement).
``safe`` fixes keep what the code does (PG003: removing a suppression that
suppresses nothing); ``unsafe`` ones change what runs on some path (moving a
release into a ``finally`` changes what happens when a statement throws),
so ``pglint check --fix`` applies them only with ``--unsafe-fixes``, like Ruff.

Fixes are computed after the analysis, from the finding's location and the
file's syntax tree, by :func:`fixes_for_file`; a finding whose code is not in
the shape a fix handles gets none. :func:`apply_fixes` applies the fixes of one
file (skipping any that overlap one already taken: the next round of
``--fix`` takes it after a fresh analysis). :func:`write_if_unchanged`
writes a fixed file back safely (a regular file only, replaced atomically,
and only when its content is still what was read).

The shapes handled:

* PG003 unused suppression: remove the directive (and the comment, or the
  line, when nothing else is left), or only the unused codes from its list — safe;
* PG101 / PG103, straight line (acquire; statements; release as a later
  statement of the same block): move the statements into ``try`` and the
  release into ``finally`` — unsafe;
* PG103 ``with psycopg2.connect(...) as conn:`` (the ``with`` commits but
  does not close): wrap the call in ``contextlib.closing(...)``, importing
  ``contextlib`` — unsafe;
* PG106 floating query in an ``async`` function: add ``await`` — unsafe;
* PG401 a checkout, one query and a release: the pool's one-shot method
  (``pool.query(...)``, asyncpg's ``pool.fetchval(...)``...) — unsafe.
"""

from __future__ import annotations

import ast
import errno
import os
import re
import stat
import tempfile
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator, Sequence

from .diagnostics import Diagnostic
from .sourcelines import line_starts

SAFE = "safe"
UNSAFE = "unsafe"

#: The fix each rule can offer, and its safety class (documented on the rule pages).
FIXABLE = {"PG003": SAFE, "PG101": UNSAFE, "PG103": UNSAFE, "PG106": UNSAFE, "PG401": UNSAFE}

#: What each fix does, and why it is in its class (the rule pages' "Automatic fix" row).
FIX_DOCS = {
    "PG003": "removes the directive (the comment, or the line, when nothing else is left), or only the "
             "unused codes from its list; nothing the code does changes",
    "PG101": "in the straight-line case (checkout, statements, release as a later statement of the same "
             "block) moves the statements into `try` and the release into `finally`; unsafe because it "
             "changes what runs when a statement throws",
    "PG103": "in the straight-line case moves the close into `finally`; `with psycopg2.connect(...) as "
             "conn:` becomes `with contextlib.closing(psycopg2.connect(...)) as conn:` (importing "
             "`contextlib`; the `with` then no longer commits); unsafe because both change what runs on "
             "some path",
    "PG106": "adds `await` in an `async` function; unsafe because the function now waits for the query "
             "(and its errors propagate)",
    "PG401": "a checkout, one query and its release become the pool's one-shot method (`pool.query(...)`, "
             "asyncpg's `pool.fetchval(...)`...); unsafe because the query may run on a different connection",
}


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace bytes ``start:end`` of the file's source with ``text``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Fix:
    title: str
    safety: str  # SAFE | UNSAFE
    edits: tuple[Edit, ...]


class FileFixer:
    """A file's source, its lines and (on demand) its syntax tree, for computing fixes."""

    def __init__(self, path: str, source: bytes, language: str) -> None:
        self.path = path
        self.source = source
        self.language = language
        self.starts = line_starts(source, language)
        self._tree: Any = None
        self._parsed = False
        self._blocks: list[tuple[list[Stmt], int]] | None = None
        self._py_nodes: list[ast.AST] | None = None
        self._py_parents: dict[ast.AST, ast.AST] | None = None
        self._py_long_strings: list[int] | None = None
        self._py_calls: dict[int, list[ast.Call]] | None = None
        self._by_start: list[tuple[int, int, int, int]] | None = None
        self._starts_only: list[int] = []

    # ---- positions
    def line_bytes(self, line: int) -> bytes:
        """Line ``line`` (1-based) without its terminator."""
        if not 0 < line <= len(self.starts):
            return b""
        start = self.starts[line - 1]
        end = self.starts[line] if line < len(self.starts) else len(self.source)
        return self.source[start:end].rstrip(b"\r\n")

    def line_end(self, line: int) -> int:
        """The byte offset after line ``line``'s terminator (the file's end for the last line)."""
        return self.starts[line] if line < len(self.starts) else len(self.source)

    def offset(self, line: int, column: int) -> int:
        """The byte offset of 1-based ``line`` and character ``column``."""
        if not 0 < line <= len(self.starts):
            return len(self.source)
        text = self.line_bytes(line).decode("utf-8", "replace")
        return self.starts[line - 1] + len(text[:max(column - 1, 0)].encode("utf-8"))

    def position(self, offset: int) -> tuple[int, int]:
        """1-based line and character column of byte ``offset``."""
        import bisect

        line = max(bisect.bisect_right(self.starts, offset), 1)
        start = self.starts[line - 1]
        return line, len(self.source[start:offset].decode("utf-8", "replace")) + 1

    def line_of(self, offset: int) -> int:
        return self.position(offset)[0]

    def newline(self) -> str:
        first = self.line_end(1)
        ending = self.source[:first][len(self.line_bytes(1)):]
        return ending.decode("utf-8", "replace") if ending in (b"\r\n", b"\r") else "\n"

    def indent_of(self, line: int) -> str:
        raw = self.line_bytes(line).decode("utf-8", "replace")
        return raw[:len(raw) - len(raw.lstrip(" \t"))]

    def text(self, start: int, end: int) -> str:
        return self.source[start:end].decode("utf-8", "replace")

    # ---- syntax tree
    def tree(self) -> Any:
        """The Python ``ast`` module or the JS/TS tree-sitter root; ``None`` when it does not parse."""
        if not self._parsed:
            self._parsed = True
            try:
                if self.language == "python":
                    self._tree = ast.parse(self.source)
                else:
                    from .languages.javascript.parsing import parse_source

                    src = parse_source(self.path, self.source)
                    self._tree = None if src.root.has_error else src.root
            except Exception:  # noqa: BLE001 - no tree, no fix
                self._tree = None
        return self._tree

    def blocks(self) -> list[tuple[list[Stmt], int]]:
        """Every block of statements, with the line its opening is on (for its indentation)."""
        if self._blocks is None:
            root = self.tree()
            if root is None:
                self._blocks = []
            elif self.language == "python":
                self._blocks = list(self._py_blocks(root))
            else:
                self._blocks = list(self._js_blocks(root))
        return self._blocks

    def py_nodes(self) -> list[ast.AST]:
        """Every node of the Python tree (walked once)."""
        if self._py_nodes is None:
            root = self.tree()
            self._py_nodes = list(ast.walk(root)) if root is not None else []
        return self._py_nodes

    def py_parent(self, node: ast.AST) -> ast.AST | None:
        if self._py_parents is None:
            self._py_parents = {child: parent for parent in self.py_nodes()
                                for child in ast.iter_child_nodes(parent)}
        return self._py_parents.get(node)

    def py_calls(self) -> dict[int, list[ast.Call]]:
        """The calls of the Python tree by the byte offset they start at (the outermost first)."""
        if self._py_calls is None:
            calls: dict[int, list[ast.Call]] = {}
            for node in self.py_nodes():
                if isinstance(node, ast.Call):
                    calls.setdefault(self.py_offset(node), []).append(node)
            self._py_calls = calls
        return self._py_calls

    def py_offset(self, node: ast.AST) -> int:
        return self.starts[getattr(node, "lineno") - 1] + getattr(node, "col_offset")

    def _py_stmt(self, node: ast.stmt) -> Stmt:
        start = self.starts[node.lineno - 1] + node.col_offset
        end_line = node.end_lineno or node.lineno
        end = self.starts[end_line - 1] + (node.end_col_offset or 0)
        return Stmt(start, end, type(node).__name__, node)

    def _py_blocks(self, root: ast.Module) -> Iterator[tuple[list[Stmt], int]]:
        for node in ast.walk(root):
            for name in ("body", "orelse", "finalbody"):
                body = getattr(node, name, None)
                if isinstance(body, list) and body and isinstance(body[0], ast.stmt):
                    yield [self._py_stmt(s) for s in body], getattr(node, "lineno", 0)

    def _js_blocks(self, root: Any) -> Iterator[tuple[list[Stmt], int]]:
        stack = [root]
        while stack:
            node = stack.pop()
            if node.type in ("statement_block", "program"):
                stmts = [Stmt(c.start_byte, c.end_byte, c.type, c) for c in node.named_children
                         if c.type != "comment"]
                if stmts:
                    yield stmts, node.start_point[0] + 1
            stack.extend(node.named_children)

    def statement_at(self, offset: int) -> tuple[list[Stmt], int, int] | None:
        """The innermost statement of a block that holds ``offset``: (block, its index, opening line)."""
        import bisect

        if self._by_start is None:
            self._by_start = sorted(((s.start, -s.end, b, i) for b, (stmts, _o) in enumerate(self.blocks())
                                     for i, s in enumerate(stmts)), key=lambda t: (t[0], t[1]))
            self._starts_only = [t[0] for t in self._by_start]
        # the containing statement that starts last is the innermost one; walking back from the last
        # statement starting at or before ``offset`` passes only its earlier siblings and their insides
        k = bisect.bisect_right(self._starts_only, offset) - 1
        while k >= 0:
            start, neg_end, b, i = self._by_start[k]
            if start <= offset < -neg_end:
                stmts, opening = self.blocks()[b]
                return stmts, i, opening
            k -= 1
        return None

    def unit(self, line: int, opening: int) -> str:
        """One level of indentation, as the block at ``line`` (opened on line ``opening``) uses it."""
        inner, outer = self.indent_of(line), self.indent_of(opening) if opening else ""
        if inner.startswith("\t"):
            return "\t"
        if inner.startswith(outer) and len(inner) > len(outer):
            return inner[len(outer):]
        return "    " if self.language == "python" else "  "

    def multiline_string_in(self, start: int, end: int) -> bool:
        """Whether a string literal between ``start`` and ``end`` spans lines (re-indenting would change it)."""
        root = self.tree()
        if self.language == "python":
            if self._py_long_strings is None:
                self._py_long_strings = sorted(
                    self.py_offset(node) for node in self.py_nodes()
                    if isinstance(node, (ast.Constant, ast.JoinedStr)) and getattr(node, "end_lineno", None)
                    and node.end_lineno != node.lineno)
            import bisect

            i = bisect.bisect_left(self._py_long_strings, start)
            return i < len(self._py_long_strings) and self._py_long_strings[i] < end
        stack = [root]
        while stack:
            node = stack.pop()
            if node.end_byte <= start or node.start_byte >= end:
                continue
            if node.type in ("template_string", "string") and node.start_point[0] != node.end_point[0]:
                return True
            stack.extend(node.children)
        return False

    def reindent(self, first: int, last: int, add: str = "", remove: str = "") -> str | None:
        """Lines ``first``..``last`` with ``add`` put in front of (or ``remove`` taken from) each non-blank line;
        ``None`` when a line does not start with ``remove``."""
        out = []
        nl = self.newline()
        for line in range(first, last + 1):
            raw = self.line_bytes(line).decode("utf-8", "replace")
            if not raw.strip():
                out.append(nl)
                continue
            if remove:
                if not raw.startswith(remove):
                    return None
                raw = raw[len(remove):]
            out.append(add + raw + nl)
        return "".join(out)

    def ends_line(self, offset: int) -> bool:
        """Whether only blanks (or a comment) follow ``offset`` on its line."""
        line = self.line_of(offset)
        rest = self.source[offset:self.starts[line - 1] + len(self.line_bytes(line))].strip()
        return not rest or rest.startswith(b"#" if self.language == "python" else b"//")

    def starts_line(self, offset: int) -> bool:
        line = self.line_of(offset)
        return not self.source[self.starts[line - 1]:offset].strip()


@dataclass(frozen=True, slots=True)
class Stmt:
    start: int
    end: int
    kind: str  # ast class name or tree-sitter node type
    node: Any


# --------------------------------------------------------------------------- the fixes


def _word(name: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w$.])" + re.escape(name) + r"(?![\w$])")


def _acquired_var(fx: FileFixer, s: Stmt) -> str | None:
    """The variable a statement ``VAR = <call>`` / ``const VAR = <call>`` assigns."""
    text = fx.text(s.start, s.end)
    if fx.language == "python":
        m = re.match(r"([A-Za-z_]\w*)\s*(?::[^=]*)?=(?!=)", text)
    else:
        # `const client = await pool.connect()`, or `await client.connect()` (after `new Client()`)
        m = re.match(r"(?:(?:const|let|var)\s+)?([A-Za-z_$][\w$]*)\s*(?::[^=]*)?=(?!=)", text) \
            or re.fullmatch(r"(?:await\s+)?([A-Za-z_$][\w$]*)\.connect\(\s*\)\s*;?\s*", text)
    return m.group(1) if m else None


def _release_pattern(fx: FileFixer, var: str) -> re.Pattern[str]:
    v = re.escape(var)
    if fx.language == "python":
        return re.compile(rf"(?:await\s+)?(?:{v}\.close\(\s*\)"
                          rf"|[\w.]+\.(?:putconn|release)\(\s*{v}\s*(?:,[^()]*)?\))\s*$")
    return re.compile(rf"(?:await\s+)?{v}\.(?:release|end)\([^()]*\)\s*;?\s*$")


def _mentions_release(fx: FileFixer, var: str, text: str) -> bool:
    v = re.escape(var)
    if fx.language == "python":
        return re.search(rf"(?<![\w.]){v}\.close\(|\.(?:putconn|release)\(\s*{v}\b", text) is not None
    return re.search(rf"(?<![\w$.]){v}\.(?:release|end)\(", text) is not None


def fix_try_finally(fx: FileFixer, d: Diagnostic) -> Fix | None:
    """PG101/PG103: acquire; statements; release (same block) -> release in a ``finally``."""
    found = fx.statement_at(fx.offset(d.span.line, d.span.column))
    if found is None:
        return None
    stmts, i, opening = found
    acquire = stmts[i]
    var = _acquired_var(fx, acquire)
    if var is None or not fx.starts_line(acquire.start) or not fx.ends_line(acquire.end):
        return None
    pattern = _release_pattern(fx, var)
    rel = next((j for j in range(i + 1, len(stmts)) if pattern.match(fx.text(stmts[j].start, stmts[j].end))), None)
    if rel is None or rel == i + 1:
        return None
    between, release, after = stmts[i + 1:rel], stmts[rel], stmts[rel + 1:]
    reassigned = re.compile(r"(?<![\w$.])" + re.escape(var) + r"\s*(?::[^=]*)?=(?!=)")
    if any(_mentions_release(fx, var, fx.text(s.start, s.end)) or reassigned.search(fx.text(s.start, s.end))
           for s in between):
        return None
    if not fx.starts_line(release.start) or not fx.ends_line(release.end):
        return None
    word = _word(var)
    if fx.language != "python" and any(word.search(fx.text(s.start, s.end)) for s in after):
        return None  # used after its release: not the straight-line case
    moved_last = release.end if fx.language == "python" or not after else after[-1].end
    first_line, last_line = fx.line_of(acquire.end) + 1, fx.line_of(moved_last)
    if not fx.ends_line(moved_last) or fx.multiline_string_in(fx.starts[first_line - 1], moved_last):
        return None
    at_line = fx.line_of(acquire.start)
    indent, unit, nl = fx.indent_of(at_line), fx.unit(at_line, opening), fx.newline()
    release_first, release_last = fx.line_of(release.start), fx.line_of(release.end)
    body = fx.reindent(first_line, release_first - 1, unit)
    released = fx.reindent(release_first, release_last, unit)
    rest = fx.reindent(release_last + 1, last_line, unit) if last_line > release_last else ""
    if body is None or released is None or rest is None:
        return None
    if fx.language == "python":
        text = f"{indent}try:{nl}{body}{indent}finally:{nl}{released}"
    else:
        text = f"{indent}try {{{nl}{body}{rest}{indent}}} finally {{{nl}{released}{indent}}}{nl}"
    edit = Edit(fx.starts[first_line - 1], fx.line_end(last_line), text)
    return Fix(f"Release `{var}` in a `finally` block", UNSAFE, (edit,))


def fix_closing(fx: FileFixer, d: Diagnostic) -> Fix | None:
    """PG103 ``with psycopg2.connect(...) as conn:`` -> ``with contextlib.closing(psycopg2.connect(...)) as conn:``."""
    if fx.language != "python":
        return None
    root = fx.tree()
    if root is None:
        return None
    at = fx.offset(d.span.line, d.span.column)
    for node in fx.py_nodes():
        if not isinstance(node, ast.With) or node.lineno > d.span.line or (node.end_lineno or 0) < d.span.line:
            continue
        for item in node.items:
            target, call = item.optional_vars, item.context_expr
            if target is None or not isinstance(call, ast.Call) or call.end_lineno is None:
                continue
            t0 = fx.starts[target.lineno - 1] + target.col_offset
            c0 = fx.starts[call.lineno - 1] + call.col_offset
            if not (t0 == at or c0 == at):
                continue
            if not (isinstance(call.func, ast.Attribute) and call.func.attr == "connect"):
                return None
            c1 = fx.starts[call.end_lineno - 1] + (call.end_col_offset or 0)
            has_closing = any(isinstance(s, ast.ImportFrom) and s.module == "contextlib" and s.level == 0
                              and any(a.name == "closing" and a.asname is None for a in s.names) for s in root.body)
            wrapper = "closing(" if has_closing else "contextlib.closing("
            edits = [Edit(c0, c0, wrapper), Edit(c1, c1, ")")]
            imported = has_closing or any(isinstance(s, ast.Import) and any(
                a.name == "contextlib" and a.asname is None for a in s.names) for s in root.body)
            if not imported:
                edits.insert(0, _import_edit(fx, root, "import contextlib"))
            return Fix("Close the connection with `contextlib.closing(...)`", UNSAFE, tuple(edits))
    return None


def _import_edit(fx: FileFixer, root: ast.Module, statement: str) -> Edit:
    """Insert ``statement`` before the module's first import (after its docstring and ``__future__`` imports)."""
    body = root.body
    i = 0
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
            and isinstance(body[0].value.value, str):
        i = 1
    while i < len(body) and isinstance(body[i], ast.ImportFrom) \
            and body[i].module == "__future__":  # type: ignore[attr-defined]
        i += 1
    nl = fx.newline()
    if i < len(body) and isinstance(body[i], (ast.Import, ast.ImportFrom)) and body[i].col_offset == 0:
        return Edit(fx.starts[body[i].lineno - 1], fx.starts[body[i].lineno - 1], statement + nl)
    if i == 0:
        return Edit(0, 0, statement + nl)
    prev = body[i - 1]
    end = fx.line_end(prev.end_lineno or prev.lineno)
    prefix = "" if fx.source[:end].endswith((b"\n", b"\r")) else nl
    return Edit(end, end, prefix + statement + nl)


_JS_FUNCTIONS = frozenset({"function_declaration", "function_expression", "function", "arrow_function",
                           "method_definition", "generator_function_declaration", "generator_function"})


def fix_await(fx: FileFixer, d: Diagnostic) -> Fix | None:
    """PG106: ``conn.execute(...)`` in an ``async`` function -> ``await conn.execute(...)``."""
    root = fx.tree()
    if root is None:
        return None
    at = fx.offset(d.span.line, d.span.column)
    if fx.language == "python":
        calls = fx.py_calls()
        for node in calls.get(at, ()):
            if isinstance(node, ast.Call):
                parent = fx.py_parent(node)
                if isinstance(parent, (ast.Attribute, ast.Subscript, ast.Await)) or \
                        (isinstance(parent, ast.Call) and parent.func is node):
                    return None
                scope = parent
                while scope is not None and not isinstance(scope, (ast.FunctionDef, ast.AsyncFunctionDef,
                                                                   ast.Lambda, ast.Module)):
                    scope = fx.py_parent(scope)
                if not isinstance(scope, ast.AsyncFunctionDef):
                    return None
                return Fix("Add `await`", UNSAFE, (Edit(at, at, "await "),))
        return None
    node = root.descendant_for_byte_range(at, at)
    while node is not None and not (node.type == "call_expression" and node.start_byte == at):
        node = node.parent
    if node is None:
        return None
    parent = node.parent
    if parent is not None and (parent.type in ("member_expression", "await_expression", "subscript_expression")
                               or parent.type == "call_expression"
                               and parent.child_by_field_name("function") == node):
        return None
    scope = parent
    while scope is not None and scope.type not in _JS_FUNCTIONS:
        scope = scope.parent
    if scope is None or not any(c.type == "async" for c in scope.children):
        return None
    return Fix("Add `await`", UNSAFE, (Edit(at, at, "await "),))


def fix_pool_query(fx: FileFixer, d: Diagnostic) -> Fix | None:
    """PG401: checkout; one query; release -> the pool's one-shot method."""
    found = fx.statement_at(fx.offset(d.span.line, d.span.column))
    if found is None:
        return None
    stmts, i, _opening = found
    acquire = stmts[i]
    text = fx.text(acquire.start, acquire.end)
    if fx.language == "python":
        m = re.fullmatch(r"([A-Za-z_]\w*)\s*=\s*await\s+([\w.]+)\.acquire\(\s*\)\s*", text)
    else:
        m = re.fullmatch(r"(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*=\s*await\s+([\w$.]+)\.connect\(\s*\)"
                         r"\s*;?\s*", text)
    if m is None or i + 1 >= len(stmts) or not fx.starts_line(acquire.start):
        return None
    var, pool = m.group(1), m.group(2)
    release = _release_pattern(fx, var)
    nxt = stmts[i + 1]
    query: Stmt | None = None
    last = nxt
    if fx.language == "python" and isinstance(nxt.node, ast.Try):
        t = nxt.node
        if len(t.body) == 1 and not t.handlers and not t.orelse and len(t.finalbody) == 1:
            fin = fx._py_stmt(t.finalbody[0])
            if release.match(fx.text(fin.start, fin.end)):
                query = fx._py_stmt(t.body[0])
    elif fx.language != "python" and nxt.kind == "try_statement":
        body, handler, final = (nxt.node.child_by_field_name(f) for f in ("body", "handler", "finalizer"))
        if body is not None and handler is None and final is not None:
            inner = [c for c in body.named_children if c.type != "comment"]
            fin_block = final.child_by_field_name("body") or (final.named_children[0] if final.named_children else None)
            fins = [c for c in (fin_block.named_children if fin_block is not None else []) if c.type != "comment"]
            if len(inner) == 1 and len(fins) == 1 and release.match(fx.text(fins[0].start_byte, fins[0].end_byte)) \
                    and len([c for c in body.children if c.type == "comment"]) == 0:
                query = Stmt(inner[0].start_byte, inner[0].end_byte, inner[0].type, inner[0])
    elif i + 2 < len(stmts) and release.match(fx.text(stmts[i + 2].start, stmts[i + 2].end)):
        query, last = nxt, stmts[i + 2]
    if query is None or not fx.starts_line(query.start) or not fx.ends_line(last.end):
        return None
    # what is replaced holds nothing but the statements (no comment would be lost)
    gone = fx.text(acquire.end, query.start) + fx.text(query.end, last.end)
    if "#" in gone or "//" in gone or "/*" in gone:
        return None
    qtext = fx.text(query.start, query.end)
    word = _word(var)
    uses = list(word.finditer(qtext))
    if len(uses) != 1 or not re.match(r"\.\w+\(", qtext[uses[0].end():]):
        return None
    if any(word.search(fx.text(s.start, s.end)) for s in stmts[stmts.index(last) + 1:]):
        return None
    q_first, q_last = fx.line_of(query.start), fx.line_of(query.end)
    if fx.multiline_string_in(query.start, query.end):
        return None
    indent = fx.indent_of(fx.line_of(acquire.start))
    extra = fx.indent_of(q_first)[len(indent):] if fx.indent_of(q_first).startswith(indent) else None
    if extra is None:
        return None
    lines = fx.reindent(q_first, q_last, remove=extra)
    if lines is None:
        return None
    # the use is on line q_first .. q_last; rewrite it in the re-indented text
    rebuilt = word.sub(lambda _m: pool, lines, count=1)
    edit = Edit(fx.starts[fx.line_of(acquire.start) - 1], fx.line_end(fx.line_of(last.end)), rebuilt)
    return Fix(f"Use `{pool}`'s one-shot query method", UNSAFE, (edit,))


def fix_unused_suppression(fx: FileFixer, d: Diagnostic) -> Fix | None:
    """PG003: remove the unused codes from the directive, or the directive itself."""
    from .suppression import comments_from_source, parse_directives

    line = d.span.line
    comments = [c for c in comments_from_source(fx.language, fx.source) if c.line == line]
    directive = None
    comment = None
    for c in comments:
        for candidate in parse_directives(c):
            if candidate.line == line and candidate.column == d.span.column:
                directive, comment = candidate, c
    if directive is None or comment is None or comment.end_line != line:
        return None
    raw = fx.line_bytes(line).decode("utf-8", "replace")
    unused: list[str] = []
    for part in re.findall(r"(?:unused|unknown): ([^;)]*)", d.message):
        unused += [t.strip() for t in part.split(",") if t.strip()]
    keep = [w for w in directive.written if w not in unused] if directive.rules is not None else []
    keep += [u for u in directive.unknown if u not in unused]
    line_start = fx.starts[line - 1]
    dir_start, dir_end = directive.column - 1, directive.end_column - 1
    if keep:  # rewrite the list of codes
        text = raw[dir_start:dir_end]
        if directive.kind == "noqa":
            m = _NOQA_LIST.search(text)
            span = m.span("list") if m else None
        elif directive.kind == "ignore":
            m = re.search(r"\[(?P<list>[^\]]*)\]", text)
            span = m.span("list") if m else None
        else:
            m = re.search(r"pglint-[a-z-]+\s+(?P<list>.*?)\s*(?:--.*)?(?:\*/)?\s*$", text, re.DOTALL)
            span = m.span("list") if m else None
        if span is None:
            return None
        new = ", ".join(keep)
        if directive.kind == "noqa":  # other tools' codes in the list stay
            new = ", ".join(_other_codes(text[span[0]:span[1]]) + keep)
        a = fx.offset(line, dir_start + 1 + span[0])
        b = fx.offset(line, dir_start + 1 + span[1])
        return Fix("Remove the unused code" + ("s" if len(unused) > 1 else "") + " from the suppression", SAFE,
                   (Edit(a, b, new),))
    if directive.kind == "noqa":  # `# noqa: PG102, E501`: the other tools' codes stay
        m = _NOQA_LIST.search(raw[dir_start:dir_end])
        others = _other_codes(m.group("list")) if m else []
        if m is not None and others:
            a = fx.offset(line, dir_start + 1 + m.start("list"))
            b = fx.offset(line, dir_start + 1 + m.end("list"))
            return Fix("Remove the unused suppression", SAFE, (Edit(a, b, ", ".join(others)),))
    comment_start = comment.column - 1
    before = raw[:comment_start]
    if fx.language == "python" and dir_start != comment_start:  # `# type: ignore  # noqa: PG102`
        new_line = (raw[:dir_start].rstrip() + " " + raw[dir_end:].strip()).rstrip()
    elif fx.language == "python":
        rest = raw[dir_end:].strip()
        new_line = before.rstrip() if not rest else before + (rest if rest.startswith("#") else "# " + rest)
    else:  # a JS/TS directive is the whole comment
        after = raw[comment_start + len(comment.text):].strip()
        if not before.strip():
            new_line = before + after if after else ""
        else:
            new_line = (before.rstrip() + (" " + after if after else "")).rstrip()
    if not new_line.strip():
        return Fix("Remove the unused suppression", SAFE, (Edit(line_start, fx.line_end(line), ""),))
    return Fix("Remove the unused suppression", SAFE,
               (Edit(line_start, line_start + len(raw.encode("utf-8")), new_line),))


_NOQA_LIST = re.compile(r":\s*(?P<list>[A-Za-z]+[0-9]+(?:[\s,]+[A-Za-z]+[0-9]+)*)")


def _other_codes(listed: str) -> list[str]:
    """The codes of other tools in a ``# noqa:`` list (not ``PGnnn``)."""
    return [t for t in re.split(r"[\s,]+", listed) if t and not re.fullmatch(r"PG\d+", t, re.I)]


_FIXERS: dict[str, tuple[Callable[[FileFixer, Diagnostic], Fix | None], ...]] = {
    "PG003": (fix_unused_suppression,),
    "PG101": (fix_try_finally,),
    "PG103": (fix_closing, fix_try_finally),
    "PG106": (fix_await,),
    "PG401": (fix_pool_query,),
}


def fix_for(fx: FileFixer, d: Diagnostic) -> Fix | None:
    """The fix of finding ``d`` in the file ``fx`` holds, if pglint has one for its shape."""
    for fixer in _FIXERS.get(d.code, ()):
        try:
            fix = fixer(fx, d)
        except Exception:  # noqa: BLE001 - a fixer's surprise means no fix, never a crash
            fix = None
        if fix is not None:
            return fix
    return None


def fixes_for_file(path: str, source: bytes, language: str,
                   diagnostics: Iterable[Diagnostic]) -> list[tuple[Diagnostic, Fix]]:
    """The fixes of the findings of one file (those that have one), in the findings' order."""
    wanted = [d for d in diagnostics if d.code in _FIXERS]
    if not wanted:
        return []
    fx = FileFixer(path, source, language)
    out = []
    for d in wanted:
        fix = fix_for(fx, d)
        if fix is not None:
            out.append((d, fix))
    return out


def apply_fixes(source: bytes, fixes: Sequence[Fix]) -> tuple[bytes, int]:
    """``source`` with ``fixes`` applied, and how many were; a fix overlapping one already taken
    (or sharing a position with it) is left for the next round."""
    taken: list[Edit] = []
    count = 0
    for fix in fixes:
        edits = sorted(fix.edits, key=lambda e: (e.start, e.end))
        if any(not (e.end < t.start or e.start > t.end) for e in edits for t in taken):
            continue
        taken.extend(edits)
        count += 1
    out = source
    for e in sorted(taken, key=lambda e: (e.start, e.end), reverse=True):
        out = out[:e.start] + e.text.encode("utf-8") + out[e.end:]
    return out, count


class FileChangedError(OSError):
    """The file is not what was read (changed, replaced, or no longer a regular file): not written."""


def write_if_unchanged(path: str, expected: bytes, new: bytes) -> None:
    """Replace the regular file ``path`` with ``new`` atomically, only if it still holds ``expected``.

    The new content goes to a temporary file in the same directory (same mode),
    which is renamed over ``path``; a symbolic link is followed to its target.
    Raises :class:`FileChangedError` (nothing written) when ``path`` is no
    longer a regular file or its content is no longer ``expected``.
    """
    from .discovery import read_regular_file

    target = os.path.realpath(path)
    try:
        current, st = read_regular_file(target, max(len(expected), 1) * 2 + 1024)
    except OSError as exc:
        raise FileChangedError(exc.errno or errno.EIO, f"not written: {exc.strerror or exc}") from None
    if current != expected or not stat.S_ISREG(st.st_mode):
        raise FileChangedError(errno.EAGAIN, "not written: the file changed since it was read")
    directory = os.path.dirname(target) or "."
    fd, tmp = tempfile.mkstemp(prefix=".pglint-fix-", dir=directory)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(new)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, stat.S_IMODE(st.st_mode))
        latest = os.stat(target)
        if (latest.st_mtime_ns, latest.st_size, latest.st_ino) != (st.st_mtime_ns, st.st_size, st.st_ino):
            raise FileChangedError(errno.EAGAIN, "not written: the file changed since it was read")
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


__all__ = ["FIXABLE", "SAFE", "UNSAFE", "Edit", "FileChangedError", "Fix", "FileFixer", "apply_fixes", "fix_for",
           "fixes_for_file", "write_if_unchanged"]


# --------------------------------------------------------------------------- files


def _read(path: str) -> bytes | None:
    from .discovery import read_regular_file
    from .engine import MAX_FILE_BYTES

    try:
        return read_regular_file(path, MAX_FILE_BYTES)[0]
    except OSError:
        return None


def fixes_by_diagnostic(diagnostics: Sequence[Diagnostic],
                        sources: dict[str, bytes] | None = None) -> dict[Diagnostic, Fix]:
    """The fix of each finding that has one (files read from disk unless in ``sources``)."""
    from .languages import language_for

    by_path: dict[str, list[Diagnostic]] = {}
    for d in diagnostics:
        if d.code in _FIXERS:
            by_path.setdefault(d.path, []).append(d)
    out: dict[Diagnostic, Fix] = {}
    for path, found in by_path.items():
        language = language_for(path)
        data = sources.get(path) if sources is not None and path in sources else _read(path)
        if language is None or data is None:
            continue
        for d, fix in fixes_for_file(path, data, language, found):
            out[d] = fix
    return out


def count_fixable(diagnostics: Sequence[Diagnostic], unsafe_only: bool = False) -> int:
    fixes = fixes_by_diagnostic(diagnostics)
    return sum(1 for f in fixes.values() if not unsafe_only or f.safety == UNSAFE)


@dataclass(slots=True)
class FixOutcome:
    fixed: int = 0
    files: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _planned(diagnostics: Sequence[Diagnostic], unsafe: bool) -> Iterator[tuple[str, bytes, bytes, int]]:
    """(path, old content, fixed content, fixes applied) for each file with fixes to apply."""
    from .languages import language_for

    by_path: dict[str, list[Diagnostic]] = {}
    for d in diagnostics:
        if d.code in _FIXERS:
            by_path.setdefault(d.path, []).append(d)
    for path in sorted(by_path):
        language = language_for(path)
        data = _read(path)
        if language is None or data is None:
            continue
        fixes = [f for _d, f in fixes_for_file(path, data, language, by_path[path]) if unsafe or f.safety == SAFE]
        if not fixes:
            continue
        new, count = apply_fixes(data, fixes)
        if count and new != data:
            yield path, data, new, count


def apply_file_fixes(diagnostics: Sequence[Diagnostic], unsafe: bool = False) -> FixOutcome:
    """Apply the fixes of ``diagnostics`` to their files (safe ones; ``unsafe``: all)."""
    outcome = FixOutcome()
    for path, old, new, count in _planned(diagnostics, unsafe):
        try:
            write_if_unchanged(path, old, new)
        except OSError as exc:
            outcome.warnings.append(f"{path}: {exc.strerror or exc}")
            continue
        outcome.fixed += count
        outcome.files.append(path)
    return outcome


def diff_fixes(diagnostics: Sequence[Diagnostic], unsafe: bool = False, cwd: str = ".") -> tuple[str, int]:
    """The unified diff of the fixes (nothing written), and how many fixes it holds."""
    import difflib

    from .report import display_path

    chunks: list[str] = []
    total = 0
    for path, old, new, count in _planned(diagnostics, unsafe):
        shown = display_path(path, cwd)
        a = old.decode("utf-8", "replace").splitlines(keepends=True)
        b = new.decode("utf-8", "replace").splitlines(keepends=True)
        lines = list(difflib.unified_diff(a, b, fromfile=f"a/{shown}", tofile=f"b/{shown}"))
        chunks.append("".join(line if line.endswith(("\n", "\r")) else line + "\n" for line in lines))
        total += count
    return "".join(chunks), total


@dataclass(frozen=True, slots=True)
class FixReport:
    """A fix as reports show it: its title, safety and edits as 1-based line/column regions
    (columns in code points, end exclusive) with their new text."""

    title: str
    safety: str
    regions: tuple[tuple[int, int, int, int, str], ...]


def describe_fixes(diagnostics: Sequence[Diagnostic]) -> dict[Diagnostic, FixReport]:
    """The fix of each finding that has one, for the JSON and SARIF reports."""
    from .languages import language_for

    out: dict[Diagnostic, FixReport] = {}
    fixers: dict[str, FileFixer] = {}
    for d, fix in fixes_by_diagnostic(diagnostics).items():
        fx = fixers.get(d.path)
        if fx is None:
            data = _read(d.path)
            if data is None:
                continue
            fx = fixers[d.path] = FileFixer(d.path, data, language_for(d.path) or "python")
        regions = tuple((*fx.position(e.start), *fx.position(e.end), e.text) for e in fix.edits)
        out[d] = FixReport(fix.title, fix.safety, regions)  # type: ignore[arg-type]
    return out
