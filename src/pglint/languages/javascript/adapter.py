"""The JavaScript/TypeScript frontend as the engine sees it: parse, index, resolve, lower.

``JavaScriptAdapter`` implements :class:`~pglint.languages.base.LanguageAdapter`
for ``.js .mjs .cjs .jsx .ts .mts .cts .tsx``. It only wires the frontend's
modules together: :mod:`.parsing` (tree-sitter), :mod:`.symbols` (the cheap
top-level pass that yields imports, exports and module bindings, cached on the
parsed file so ``lower`` does not redo it), :mod:`.resolver` (specifiers to
project files) and :mod:`.lowering` (functions to CFGs). A file the grammar
reads only in part is indexed and lowered from its error-free parts; its
:class:`~pglint.languages.base.ParseProblem` travels on the module index, and
the engine reports it once, as a PG001 warning.
"""

from __future__ import annotations

from typing import Any

from ...drivers.model import DriverRegistry
from ...ir.lowered import LoweredFile
from ..base import ModuleIndex, ParsedFile, ProjectIndex
from .lowering import lower_file_with_sites
from .parsing import JsSource, parse_source
from .resolver import resolve as resolve_specifier
from .sites import unknown_query_calls
from .symbols import collect_module


class JavaScriptAdapter:
    name = "javascript"
    extensions: tuple[str, ...] = (".js", ".mjs", ".cjs", ".jsx", ".ts", ".mts", ".cts", ".tsx")

    def parse(self, path: str, source: bytes) -> ParsedFile:
        src = parse_source(path, source)
        return ParsedFile(path, self.name, source, src, dict(src.renamed))

    def index(self, parsed: ParsedFile, registry: DriverRegistry) -> ModuleIndex:
        src = _source(parsed)
        symbols = collect_module(src, registry)
        index = ModuleIndex(parsed.path, self.name, list(symbols.imports), dict(symbols.exports),
                            symbols.imports_driver, src.problem)
        index.unknown_queries = unknown_query_calls(parsed.source, [r.module for r in symbols.imports])
        return index

    def resolve(self, from_path: str, module: str, known_paths: Any) -> str | None:
        return resolve_specifier(from_path, module, known_paths)

    def lower(self, parsed: ParsedFile, project: ProjectIndex,
              registry: DriverRegistry, function_gate: bool = False) -> LoweredFile:
        src = _source(parsed)
        symbols = collect_module(src, registry)
        cfgs, queries, connects = lower_file_with_sites(src, symbols, project, registry, function_gate)
        return LoweredFile(parsed.path, self.name, cfgs, queries, connects)


def _source(parsed: ParsedFile) -> JsSource:
    tree = parsed.tree
    if not isinstance(tree, JsSource):  # pragma: no cover - a ParsedFile from another adapter
        raise TypeError(f"{parsed.path}: not parsed by the JavaScript adapter")
    return tree
