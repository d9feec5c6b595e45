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
import warnings
from typing import Any

from ...drivers.model import DriverRegistry
from ..base import LoweredFile, ModuleIndex, ParsedFile, ParseError, ProjectIndex
from .index import build_index, resolve_module
from .lower import FileLowering, lower_file
from .newer_syntax import newer_syntax, newer_syntax_message
from .queries import collect_sites


class PythonAdapter:
    name = "python"
    extensions: tuple[str, ...] = (".py", ".pyi")
    resolves_by_directory = True  # what an import names depends on the importing file's directory only

    def parse(self, path: str, source: bytes) -> ParsedFile:
        try:
            with warnings.catch_warnings():  # the file's own SyntaxWarnings are not pglint's to print
                warnings.simplefilter("ignore")
                tree = ast.parse(source, filename=path)
        except SyntaxError as exc:
            line = exc.lineno or 1
            column = exc.offset or 1
            try:
                newer = newer_syntax(source.decode("utf-8"), exc)
            except UnicodeDecodeError:
                newer = []
            if newer:  # written for a newer Python than this one
                message, fix = newer_syntax_message(newer)
                raise ParseError(message, line, max(column, 1), fix) from None
            raise ParseError(f"syntax error: {exc.msg}", line, max(column, 1)) from None
        except (ValueError, UnicodeDecodeError) as exc:  # null bytes, bad encoding cookie
            raise ParseError(f"cannot parse: {exc}") from None
        except (RecursionError, MemoryError):
            raise ParseError("the file is too deeply nested to parse") from None
        return ParsedFile(path, self.name, source, tree)

    def index(self, parsed: ParsedFile, registry: DriverRegistry) -> ModuleIndex:
        return build_index(parsed, registry)

    def resolve(self, from_path: str, module: str, known_paths: Any) -> str | None:
        return resolve_module(from_path, module, known_paths)

    def lower(self, parsed: ParsedFile, project: ProjectIndex,
              registry: DriverRegistry) -> LoweredFile:
        if registry.param_values:  # computing function summaries: only the CFGs are needed
            return LoweredFile(parsed.path, self.name, lower_file(parsed, project, registry))
        lowering = FileLowering(parsed, project, registry)
        functions = lowering.run()
        queries, connects = collect_sites(lowering)
        return LoweredFile(parsed.path, self.name, functions, queries, connects)
