"""The package's layers import downwards only (issue 14): the engine imports the rules and the
frontends; the rules and the analysis import neither the engine nor a language frontend.

Type-only imports (under ``if TYPE_CHECKING:``) count too: they are what made the circle
``engine → rules → analysis.lifecycle → engine`` that this guards against.
"""

from __future__ import annotations

import ast
import os

import pytest

SRC = os.path.join(os.path.dirname(__file__), "..", "..", "src", "pglint")


def _imports(path: str, package: str) -> set[str]:
    """Every module ``path`` imports, as an absolute dotted name (relative imports resolved)."""
    with open(path, encoding="utf-8") as fh:
        tree = ast.parse(fh.read())
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                mod = ".".join(base + ([node.module] if node.module else []))
            else:
                mod = node.module or ""
            out.add(mod)
            out.update(f"{mod}.{a.name}" for a in node.names)
    return out


def _modules(layer: str) -> list[tuple[str, str]]:
    folder = os.path.join(SRC, layer)
    return [(os.path.join(folder, name), f"pglint.{layer}")
            for name in sorted(os.listdir(folder)) if name.endswith(".py")]


@pytest.mark.parametrize("layer", ["rules", "analysis", "ir"])
def test_layer_imports_neither_engine_nor_frontends(layer: str) -> None:
    bad = []
    for path, package in _modules(layer):
        for mod in _imports(path, package):
            if mod == "pglint.engine" or mod.startswith(("pglint.engine.", "pglint.languages")):
                bad.append(f"{os.path.basename(path)} imports {mod}")
    assert not bad, bad


def test_relative_import_resolution() -> None:
    """The resolution above is right: the engine itself is seen importing the rules."""
    assert "pglint.rules" in _imports(os.path.join(SRC, "engine.py"), "pglint")
