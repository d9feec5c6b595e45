"""The JavaScript/TypeScript frontend: tree-sitter parsing, module index and lowering to CFGs.

Only this package (under ``languages/``) imports tree-sitter. The adapter
(:class:`~.adapter.JavaScriptAdapter`) is what the engine uses; the other
modules are its parts — ``parsing`` (grammars, spans, node helpers),
``symbols`` (top-level bindings, imports, exports), ``queries`` (whole-file
tree-sitter queries), ``resolver`` (specifier → project file) and ``lowering``
(functions → control-flow graphs following ``docs/lowering.md``).
"""

from __future__ import annotations

__all__ = ["JavaScriptAdapter"]


def __getattr__(name: str) -> object:
    if name == "JavaScriptAdapter":
        from .adapter import JavaScriptAdapter

        return JavaScriptAdapter
    raise AttributeError(name)
