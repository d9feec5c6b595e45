"""The Python :class:`~pglint.languages.base.LanguageAdapter`: stdlib ``ast`` in, index and CFGs out.

``parse`` turns source bytes into an ``ast.Module`` (a syntax error becomes a
:class:`~pglint.languages.base.ParseError` with its position), ``index`` is the
cheap import/export pass (:mod:`.index`), ``resolve`` maps a module name as
written to a project file, and ``lower`` builds one CFG per function
(:mod:`.lower`) and records the query and connection sites (:mod:`.queries`).
This is the only module the engine talks to.
"""

from __future__ import annotations

import ast
import sys
import warnings
from contextlib import contextmanager
from typing import Any, Iterator

from ...drivers.model import DriverRegistry
from ...ir.lowered import LoweredFile
from ..base import ModuleIndex, NewerSyntaxError, ParsedFile, ParseError, ProjectIndex
from .index import build_index, resolve_module
from .lower import FileLowering, lower_file
from .newer_syntax import newer_syntax, newer_syntax_message
from .queries import collect_sites

#: The deepest syntax tree the frontend analyses (a chain of 2,500 calls, 5,000 ``+`` terms or
#: conditional expressions). Deeper files are one PG001 "too deeply nested to analyse".
MAX_DEPTH = 5_000
#: The recursive walks (lowering nested expressions, the binder, the query sites) take about two
#: frames per tree level; they run with at least this recursion limit, as does ``ast.parse``
#: (whose own limit on building the tree is a multiple of it).
RECURSION_LIMIT = 5 * MAX_DEPTH

TOO_DEEP = "too deeply nested to analyse"
TOO_DEEP_FIX = "Move the deepest part into named functions or variables, or exclude the file (generated code)"
#: SyntaxErrors that are limits of CPython's parser on valid code, not mistakes in it.
_PARSER_LIMITS = ("too many nested parentheses", "too many levels of indentation",
                  "too many statically nested blocks", "too complex")


@contextmanager
def deep_recursion() -> Iterator[None]:
    """Raise the recursion limit for one parse or walk; running out even so is a :class:`ParseError`."""
    old = sys.getrecursionlimit()
    if old < RECURSION_LIMIT:
        sys.setrecursionlimit(RECURSION_LIMIT)
    try:
        yield
    except (RecursionError, MemoryError):  # MemoryError: the parser's stack for very deep nesting
        raise ParseError(TOO_DEEP, fix=TOO_DEEP_FIX) from None
    finally:
        if old < RECURSION_LIMIT:
            sys.setrecursionlimit(old)


def check_depth(tree: ast.AST) -> None:
    """Raise :class:`ParseError` when ``tree`` is deeper than :data:`MAX_DEPTH` (level by level: no recursion)."""
    level: list[ast.AST] = [tree]
    depth = 0
    AST = ast.AST
    while level:
        depth += 1
        if depth > MAX_DEPTH:
            at = next((n for n in level if hasattr(n, "lineno")), None)
            line = getattr(at, "lineno", 1)
            column = getattr(at, "col_offset", 0) + 1
            raise ParseError(f"{TOO_DEEP} (depth > {MAX_DEPTH})", line, column, TOO_DEEP_FIX)
        below: list[ast.AST] = []
        add = below.append
        for node in level:
            for name in node._fields:
                value = getattr(node, name, None)
                if isinstance(value, AST):
                    add(value)
                elif isinstance(value, list):
                    for item in value:
                        if isinstance(item, AST):
                            add(item)
        level = below


class PythonAdapter:
    name = "python"
    extensions: tuple[str, ...] = (".py", ".pyi")
    resolves_by_directory = True  # what an import names depends on the importing file's directory only

    def parse(self, path: str, source: bytes) -> ParsedFile:
        try:
            with deep_recursion(), warnings.catch_warnings():
                warnings.simplefilter("ignore")  # the file's own SyntaxWarnings are not pglint's to print
                tree = ast.parse(source, filename=path)
        except SyntaxError as exc:
            line = exc.lineno or 1
            column = exc.offset or 1
            if any(exc.msg.startswith(limit) for limit in _PARSER_LIMITS):
                raise ParseError(f"{TOO_DEEP} (Python's parser: {exc.msg})", line, max(column, 1),
                                 TOO_DEEP_FIX) from None
            try:
                newer = newer_syntax(source.decode("utf-8"), exc)
            except UnicodeDecodeError:
                newer = []
            if newer:  # written for a newer Python than this one
                message, fix = newer_syntax_message(newer)
                raise NewerSyntaxError(message, line, max(column, 1), fix) from None
            raise ParseError(f"syntax error: {exc.msg}", line, max(column, 1)) from None
        except (ValueError, UnicodeDecodeError) as exc:  # null bytes, bad encoding cookie
            raise ParseError(f"cannot parse: {exc}") from None
        return ParsedFile(path, self.name, source, tree)

    def index(self, parsed: ParsedFile, registry: DriverRegistry) -> ModuleIndex:
        with deep_recursion():
            return build_index(parsed, registry)

    def resolve(self, from_path: str, module: str, known_paths: Any) -> str | None:
        return resolve_module(from_path, module, known_paths)

    def lower(self, parsed: ParsedFile, project: ProjectIndex,
              registry: DriverRegistry, function_gate: bool = False) -> LoweredFile:
        # only here, not in parse: the index pass copes with any depth ast.parse builds, and the
        # check costs a quarter of a parse, which only the files that reach lowering should pay
        if not isinstance(parsed.tree, ast.AST):  # pragma: no cover - a ParsedFile from another adapter
            raise TypeError(f"{parsed.path}: not parsed by the Python adapter")
        check_depth(parsed.tree)
        with deep_recursion():
            if registry.param_values:  # computing function summaries: only the CFGs are needed
                return LoweredFile(parsed.path, self.name, lower_file(parsed, project, registry))
            lowering = FileLowering(parsed, project, registry, function_gate)
            functions = lowering.run()
            queries, connects = collect_sites(lowering)
        return LoweredFile(parsed.path, self.name, functions, queries, connects)
