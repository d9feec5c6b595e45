"""Tree-sitter parsing for JavaScript, TypeScript and TSX, and the parsed-source wrapper.

This module owns the grammars: it loads the tree-sitter languages and parsers
on first use (nothing happens at import time), picks the dialect from the file
extension (``.ts .mts .cts`` → TypeScript, ``.tsx`` → TSX, everything else →
the JavaScript grammar, which also reads JSX), describes the first ``ERROR`` or
``MISSING`` node of a tree that has some as a
:class:`~pglint.languages.base.ParseProblem` (the grammars reject some valid
code, so the rest of the file is still analysed: every function whose subtree
has no error node, see :mod:`.lowering`), and wraps
the tree in a :class:`JsSource` that knows how to turn tree-sitter byte points
into the 1-based, character-column :class:`~pglint.ir.cfg.Span` the IR uses.
It also holds the small node helpers (stripping TypeScript-only wrappers,
reading string literals) every other module of the frontend shares.
"""

from __future__ import annotations

import os
import re
import sys
from bisect import bisect_left, bisect_right
from contextlib import contextmanager
from typing import TYPE_CHECKING, Iterator

from ...ir.cfg import Span
from ...sniff import mentions_sql, module_names
from ...sourcelines import line_starts
from ..base import ParseError, ParseProblem

if TYPE_CHECKING:
    from tree_sitter import Language, Node, Parser, Tree

    from .symbols import ModuleSymbols

_LANGUAGES: dict[str, "Language"] = {}
_PARSERS: dict[str, "Parser"] = {}

TS_EXTENSIONS = (".ts", ".mts", ".cts")
TSX_EXTENSIONS = (".tsx",)


def dialect_for(path: str) -> str:
    """``"ts"``, ``"tsx"`` or ``"js"`` (the JavaScript grammar, JSX included)."""
    ext = os.path.splitext(path)[1].lower()
    if ext in TS_EXTENSIONS:
        return "ts"
    if ext in TSX_EXTENSIONS:
        return "tsx"
    return "js"


def language(dialect: str) -> "Language":
    """The tree-sitter language for ``dialect``, loaded once."""
    lang = _LANGUAGES.get(dialect)
    if lang is None:
        from tree_sitter import Language

        if dialect == "js":
            import tree_sitter_javascript

            lang = Language(tree_sitter_javascript.language())
        else:
            import tree_sitter_typescript

            ptr = (tree_sitter_typescript.language_tsx() if dialect == "tsx"
                   else tree_sitter_typescript.language_typescript())
            lang = Language(ptr)
        _LANGUAGES[dialect] = lang
    return lang


def parser(dialect: str) -> "Parser":
    p = _PARSERS.get(dialect)
    if p is None:
        from tree_sitter import Parser

        p = Parser(language(dialect))
        _PARSERS[dialect] = p
    return p


class JsSource:
    """One parsed file: bytes, tree, dialect, and caches the frontend fills in later.

    ``source`` holds the bytes tree-sitter parsed (:func:`parser_input`: the
    file's own bytes, or the same number of bytes with line terminators
    tree-sitter does not know spelt as LF and the grammar gaps of :mod:`.repair`
    rewritten in place); positions are computed on the
    file's own bytes with ECMAScript's line terminators (LF, CR, CRLF, U+2028,
    U+2029: :mod:`pglint.sourcelines`), which tree-sitter's rows (counted at
    LF only) match unless the file has a lone CR, U+2028 or U+2029.

    ``symbols`` is the module-level binding pass computed by ``index`` and
    reused by ``lower`` (the engine hands the same :class:`ParsedFile` to both).
    """

    __slots__ = ("path", "source", "tree", "dialect", "symbols", "problem", "renamed", "repairs", "_original",
                 "_starts", "_lines", "_ascii", "_wide")

    def __init__(self, path: str, source: bytes, tree: "Tree", dialect: str, original: bytes | None = None) -> None:
        self.path = path
        self.source = source
        self.tree = tree
        self.dialect = dialect
        self.symbols: ModuleSymbols | None = None
        self.problem: ParseProblem | None = None  # the tree has ERROR/MISSING nodes: where, and what
        #: keywords the grammar gap repair renamed: spelling in ``source`` -> spelling in the file
        self.renamed: dict[str, str] = {}
        #: grammar gaps repaired (:mod:`.repair`): construct -> number of places
        self.repairs: dict[str, int] = {}
        self._original = source if original is None else original
        # line start offsets when tree-sitter's rows are not ECMAScript's lines; None: its rows are right
        self._starts: list[int] | None = None
        if _LONE_CR.search(self._original) is not None or _LS_PS.search(self._original) is not None:
            self._starts = line_starts(self._original, "javascript")
        self._lines: list[bytes] | None = None
        self._ascii = self._original.isascii()
        # per non-ASCII line: byte offsets of UTF-8 continuation bytes (sorted)
        self._wide: dict[int, list[int]] = {}

    @property
    def root(self) -> "Node":
        return self.tree.root_node

    def _line(self, row: int) -> bytes | None:
        """The bytes of line ``row`` (0-based, ECMAScript lines), or None past the end."""
        if self._starts is not None:
            if row >= len(self._starts):
                return None
            end = self._starts[row + 1] if row + 1 < len(self._starts) else len(self._original)
            return self._original[self._starts[row]:end]
        if self._lines is None:
            self._lines = self._original.split(b"\n")
        return self._lines[row] if row < len(self._lines) else None

    def column(self, row: int, byte_col: int) -> int:
        """1-based character column of byte ``byte_col`` of line ``row`` (0-based)."""
        if self._ascii:
            return byte_col + 1
        cont = self._wide.get(row)
        if cont is None:
            line = self._line(row)
            if line is None:
                return byte_col + 1
            cont = [] if line.isascii() else [i for i, b in enumerate(line) if 0x80 <= b < 0xC0]
            self._wide[row] = cont
        if not cont:
            return byte_col + 1
        return byte_col - bisect_left(cont, byte_col) + 1

    def position(self, byte: int) -> tuple[int, int]:
        """1-based (line, character column) of byte offset ``byte``."""
        if self._starts is None:
            row = self._original.count(b"\n", 0, byte)
            start = self._original.rfind(b"\n", 0, byte) + 1
        else:
            row = bisect_right(self._starts, byte) - 1
            start = self._starts[row]
        return row + 1, self.column(row, byte - start)

    def span(self, node: "Node") -> Span:
        if self._starts is None:
            s, e = node.start_point, node.end_point
            return Span(s[0] + 1, self.column(s[0], s[1]), e[0] + 1, self.column(e[0], e[1]))
        line, col = self.position(node.start_byte)
        end_line, end_col = self.position(node.end_byte)
        return Span(line, col, end_line, end_col)

    def text(self, node: "Node") -> str:
        return self.source[node.start_byte:node.end_byte].decode("utf-8", "replace")


#: A CR that is not the first half of a CRLF: a line terminator to ECMAScript, not to tree-sitter.
_LONE_CR = re.compile(rb"\r(?!\n)")
#: U+2028 LINE SEPARATOR and U+2029 PARAGRAPH SEPARATOR in UTF-8.
_LS_PS = re.compile(rb"\xe2\x80[\xa8\xa9]")


def parser_input(source: bytes) -> bytes:
    """``source`` with every lone CR spelt LF: the same bytes at the same offsets, and the same program.

    tree-sitter ends lines at LF only, so a file with old Mac (CR) line endings
    reads as one long line, and automatic semicolon insertion — which happens
    at line terminators — never does (a false syntax error). ECMAScript treats
    CR and LF alike everywhere (a template literal's CR even reads as LF).
    """
    return _LONE_CR.sub(b"\n", source) if b"\r" in source else source


def parse_source(path: str, source: bytes, repair: bool = True) -> JsSource:
    """Parse ``source``; a tree with ``ERROR``/``MISSING`` nodes gets its :attr:`JsSource.problem`.

    Lone CRs are read as LF (:func:`parser_input`). U+2028 and U+2029 are line
    terminators too, but may also stand in a string literal, where LF may not:
    only when the file does not parse as it is are they read as LF (plus two
    spaces, to keep every offset) — the TypeScript grammar does not end a line
    at them, and automatic semicolon insertion needs it to.

    A file with errors is not refused: tree-sitter's grammars reject some valid
    code (``export type * from``, ``using`` as a name, …), which
    :func:`.repair.repair` rewrites in place where it can (``repair=False``:
    the tree as tree-sitter reads the file); everything around an error left
    is still a well-formed tree.
    """
    dialect = dialect_for(path)
    text = parser_input(source)
    tree = parser(dialect).parse(text)
    if tree.root_node.has_error and _LS_PS.search(text) is not None:
        spelt = _LS_PS.sub(b"\n  ", text)
        retry = parser(dialect).parse(spelt)
        if not retry.root_node.has_error:
            text, tree = spelt, retry
    repairs: dict[str, int] = {}
    renamed: dict[str, str] = {}
    if tree.root_node.has_error and repair:
        from .repair import repair as repair_gaps

        repaired = repair_gaps(parser(dialect), text, tree, dialect)
        text, tree, repairs, renamed = repaired.text, repaired.tree, repaired.repairs, repaired.renamed
    src = JsSource(path, text, tree, dialect, original=source)
    src.repairs, src.renamed = repairs, renamed
    if tree.root_node.has_error:
        src.problem = describe_problem(src)
    return src


#: Constructs the grammars are known to reject, recognised by the text of the line at the error.
_KNOWN_GAPS: tuple[tuple["re.Pattern[str]", str], ...] = (
    (re.compile(r"\bexport\s+type\s+\*"), "`export type * from` (TypeScript 5.0)"),
    (re.compile(r"\busing\b"), "`using` as a name"),
    (re.compile(r"<\s*(?:in\s+)?out\s+[A-Za-z_$]|<\s*in\s+[A-Za-z_$]"
                r"|^\s*(?:in\s+)?out\s+[A-Za-z_$][\w$]*\s*(?:[=,>]|extends\b|$)"), "a variance annotation (`in T`/`out T`)"),
    (re.compile(r"[\w$\]\)]\s*<[^`;]*>\s*`"), "a generic tagged template (f<T>`…`)"),
    (re.compile(r"\bimport\s*\(\s*['\"][^'\"]*['\"]\s*\)\s*\."), "an import type (`import(\"…\").T`)"),
    (re.compile(r"\btypeof\s+import\s*\("), "an import type (`typeof import(\"…\")`)"),
    (re.compile(r"\b(?:let|const|var)\s+as\b"), "`as` as a variable name"),
    (re.compile(r"\btype\s+[\w$]+(?:<[^=]*>)?\s*=.*`"), "a template literal type"),
    (re.compile(r"\[\s*(?:new|function|class|delete|in|typeof|void)\s*\??:"), "a keyword as a tuple label"),
    (re.compile(r":\s*\(\s*(?:any|string|number|boolean|unknown|object)\s*\)\s*=>"),
     "a function type with an unnamed parameter (`(string) => T`)"),
    (re.compile(r"^\s*(?:abstract|declare|readonly)\?\s*:"), "a modifier keyword as a property name"),
)


def describe_problem(src: JsSource) -> ParseProblem:
    """Where the first error of ``src``'s tree is, what construct it probably is, and the modules it names."""
    root = src.root
    bad = innermost_error(first_error(root))
    line, column = src.position(bad.start_byte) if bad is not None else (1, 1)
    grammar = "TypeScript" if src.dialect in ("ts", "tsx") else "JavaScript"
    # the line at the error, then its neighbours (the grammar may fail a line or two away from the construct)
    near = [(src._line(r) or b"").decode("utf-8", "replace") for r in (line - 1, line - 2, line, line - 3, line + 1)
            if r >= 0]
    construct = _known_gap(near, bad)
    what = f"missing {bad.type!r} at" if bad is not None and bad.is_missing else "could not parse"
    others = _count_errors(root) - 1
    more = f" (and {others} more place{'s' if others > 1 else ''})" if others > 0 else ""
    message = (f"{what} line {line}{more}: tree-sitter's {grammar} grammar rejects some valid syntax"
               f"{', here ' + construct if construct else ''}; the functions without a parse error were analysed")
    specs = tuple(dict.fromkeys(module_names(src._original, "javascript")))
    return ParseProblem(message, line, column, specs, mentions_sql(src._original))


def innermost_error(node: "Node | None") -> "Node | None":
    """The first error inside ``node``, as deep as it goes: tree-sitter often wraps a long stretch
    (even the whole file, as the root) in one ``ERROR`` whose first inner error is where it went wrong."""
    while node is not None:
        inner = next((c for c in node.children if c.is_error or c.is_missing or c.has_error), None)
        if inner is None:
            return node
        node = inner
    return node


def _known_gap(lines: list[str], bad: "Node | None") -> str:
    """The known grammar gap ``lines`` (the error's line first) show, or ``""``."""
    for text in lines:
        for pattern, name in _KNOWN_GAPS:
            if pattern.search(text):
                return name
    node = bad
    while node is not None:
        if node.type in ("jsx_element", "jsx_opening_element", "jsx_self_closing_element", "jsx_attribute"):
            return "a bare `&` in JSX" if "&" in lines[0] else "JSX"
        node = node.parent
    return ""


def _count_errors(node: "Node") -> int:
    """The number of maximal ``ERROR``/``MISSING`` nodes under ``node`` (an ERROR inside an ERROR counts once)."""
    count = 0
    stack = [node]
    while stack:
        n = stack.pop()
        if n.is_error or n.is_missing:
            count += 1
            continue
        stack.extend(c for c in n.children if c.has_error or c.is_missing)
    return count


def error_free(node: "Node") -> bool:
    """Whether no ``ERROR``/``MISSING`` node is in ``node``'s subtree."""
    return not (node.has_error or node.is_missing)


def first_error(node: "Node") -> "Node | None":
    """The first ``ERROR`` or ``MISSING`` node in document order (iterative: trees can be deep)."""
    stack = [node]
    while stack:
        n = stack.pop()
        if n.is_error or n.is_missing:
            return n
        stack.extend(reversed([c for c in n.children if c.has_error or c.is_missing]))
    return None


#: Deeply nested code (long member chains, generated expressions) makes the
#: recursive walks deep; they run with at least this recursion limit.
RECURSION_LIMIT = 20_000
TOO_DEEP_FIX = "Move the deepest part into named functions or variables, or exclude the file (generated code)"


@contextmanager
def deep_recursion(root: "Node | None" = None) -> Iterator[None]:
    """Raise the interpreter's recursion limit for the duration of one walk over ``root``'s tree;
    nesting deeper than even that becomes a :class:`ParseError` (PG001), not an internal error."""
    old = sys.getrecursionlimit()
    if old < RECURSION_LIMIT:
        sys.setrecursionlimit(RECURSION_LIMIT)
    try:
        yield
    except RecursionError:
        depth = f" (depth {tree_depth(root)})" if root is not None else ""
        raise ParseError(f"too deeply nested to analyse{depth}", fix=TOO_DEEP_FIX) from None
    finally:
        if old < RECURSION_LIMIT:
            sys.setrecursionlimit(old)


def tree_depth(root: "Node") -> int:
    """The depth of the deepest node under ``root`` (a cursor walk: no recursion, no node objects)."""
    cursor = root.walk()
    depth = best = 1
    while True:
        if cursor.goto_first_child():
            depth += 1
            best = max(best, depth)
            continue
        while not cursor.goto_next_sibling():
            if not cursor.goto_parent():
                return best
            depth -= 1


# ---------------------------------------------------------------------------
# Node helpers shared by the index and the lowering.

#: Expression wrappers that do not change the value at run time.
TS_WRAPPERS = frozenset({"as_expression", "satisfies_expression", "non_null_expression",
                         "type_assertion", "instantiation_expression"})
WRAPPERS = TS_WRAPPERS | {"parenthesized_expression"}

FUNCTION_LITERALS = frozenset({"arrow_function", "function_expression", "function",
                               "generator_function"})
FUNCTION_DECLARATIONS = frozenset({"function_declaration", "generator_function_declaration"})
CLASS_NODES = frozenset({"class_declaration", "abstract_class_declaration", "class"})


def top_level_functions(root: "Node") -> dict[str, "Node"]:
    """The functions declared at the top level of a file, by name, first declaration first
    (``function f``, ``export function f``, ``const f = () => …``): the declaration, or the
    function literal a ``const``/``let``/``var`` holds."""
    found: dict[str, "Node"] = {}
    for stmt in kids(root):
        decl = stmt.child_by_field_name("declaration") if stmt.type == "export_statement" else stmt
        if decl is None:
            continue
        if decl.type in FUNCTION_DECLARATIONS:
            name = decl.child_by_field_name("name")
            if name is not None:
                found.setdefault(node_text(name), decl)
        elif decl.type in ("lexical_declaration", "variable_declaration"):
            for d in kids(decl):
                name, value = d.child_by_field_name("name"), d.child_by_field_name("value")
                if (name is not None and value is not None and name.type == "identifier"
                        and strip(value).type in FUNCTION_LITERALS):
                    found.setdefault(node_text(name), strip(value))
    return found


def kids(node: "Node") -> list["Node"]:
    """Named children without comments (a list: cheaper than a generator for the few children a node has)."""
    return [c for c in node.named_children if c.type != "comment"]


def first_kid(node: "Node") -> "Node | None":
    for c in node.named_children:
        if c.type != "comment":
            return c
    return None


def unwrap_once(node: "Node") -> "Node | None":
    if node.type == "type_assertion":  # <T>expr: the expression is the last child
        last = None
        for c in kids(node):
            last = c
        return last
    return first_kid(node)


def strip(node: "Node", parens: bool = True) -> "Node":
    """Drop parentheses and TypeScript-only wrappers (``as``, ``!``, ``satisfies``, ``<T>x``)."""
    wrappers = WRAPPERS if parens else TS_WRAPPERS
    while node.type in wrappers:
        inner = unwrap_once(node)
        if inner is None:
            break
        node = inner
    return node


def string_value(node: "Node | None") -> str | None:
    """The text of a string literal or of a template literal without substitutions."""
    if node is None:
        return None
    node = strip(node)
    if node.type == "string":
        parts: list[str] = []
        for c in node.named_children:
            if c.type == "string_fragment":
                parts.append(node_text(c))
            elif c.type == "escape_sequence":
                parts.append(_unescape(node_text(c)))
        return "".join(parts)
    if node.type == "template_string":
        parts = []
        for c in node.named_children:
            if c.type == "string_fragment":
                parts.append(node_text(c))
            elif c.type == "escape_sequence":
                parts.append(_unescape(node_text(c)))
            else:
                return None  # a substitution
        return "".join(parts)
    return None


_SIMPLE_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v", "0": "\0"}


def _unescape(seq: str) -> str:
    body = seq[1:]
    if len(body) == 1:
        return _SIMPLE_ESCAPES.get(body, body)
    return ""  # unicode/hex escapes never matter for the SQL keywords we classify


def node_text(node: "Node") -> str:
    """The source text of a node (tree-sitter keeps it; None only for a tree parsed from a callback)."""
    data = node.text
    return data.decode("utf-8", "replace") if data is not None else ""


def compact(text: str, limit: int = 48) -> str:
    """Source text on one line, shortened for labels."""
    one = " ".join(text.split())
    return one if len(one) <= limit else one[: limit - 1] + "…"


def pattern_names(node: "Node | None") -> list["Node"]:
    """The identifier nodes a binding pattern declares."""
    out: list["Node"] = []
    if node is None:
        return out
    stack = [node]
    while stack:
        n = stack.pop()
        t = n.type
        if t in ("identifier", "shorthand_property_identifier_pattern"):
            out.append(n)
        elif t == "pair_pattern":
            v = n.child_by_field_name("value")
            if v is not None:
                stack.append(v)
        elif t in ("assignment_pattern", "object_assignment_pattern"):
            left = n.child_by_field_name("left")
            if left is not None:
                stack.append(left)
        elif t in ("required_parameter", "optional_parameter"):
            pat = n.child_by_field_name("pattern")
            if pat is not None:
                stack.append(pat)
        elif t in ("object_pattern", "array_pattern", "rest_pattern"):
            stack.extend(reversed(list(kids(n))))
    return out
