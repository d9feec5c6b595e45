"""The flake8 plugin: pglint's Python findings reported through ``flake8`` under the ``PG`` prefix.

flake8 creates one :class:`Plugin` per file and iterates :meth:`Plugin.run`,
which runs pglint's engine on that file alone and yields
``(line, column0, "PG101 message", Plugin)`` for each finding. flake8 then does
what it does for every plugin: ``--select``/``--extend-ignore``,
``# noqa: PG101`` and its own per-file ignores. pglint's own configuration is
honoured too: ``select``/``ignore``, ``per-file-ignores``, ``exclude``, per-rule
options, the project's ``[tool.pglint.resources]`` (custom pools and helpers) and
``# pglint: ignore[...]`` comments. Because each file is analysed alone, a pool imported from another
project module is only known when ``[tool.pglint.resources]`` declares it;
``pglint check`` sees the whole project. Standard input (``flake8 -``) is not
analysed. No analysis happens at import time.
"""

from __future__ import annotations

import ast
import os
from typing import Iterator

from . import __version__


class Plugin:
    name = "pglint"
    version = __version__

    def __init__(self, tree: ast.AST, filename: str) -> None:
        self.tree = tree
        self.filename = filename

    def run(self) -> Iterator[tuple[int, int, str, type["Plugin"]]]:
        if self.filename in ("-", "stdin") or not os.path.isfile(self.filename):
            return
        from .config import ConfigError, load_config
        from .engine import run
        from .suppression import apply_suppressions, collect_comments

        path = os.path.abspath(self.filename)
        try:
            config = load_config([path])
        except ConfigError as exc:
            yield 1, 0, f"PG002 pglint could not read its configuration: {exc}", type(self)
            return
        if config.is_excluded(path):
            return
        registry = config.resources.registry() if config.resources else None
        result = run([path], config.engine_options(), registry=registry)
        diagnostics = config.apply(d for d in result.diagnostics if os.path.abspath(d.path) == path)
        kept, _, _ = apply_suppressions(diagnostics, collect_comments([path]), frozenset(), noqa=False)
        for d in kept:
            message = " ".join(d.message.split())
            yield d.span.line, max(d.span.column - 1, 0), f"{d.code} {message}", type(self)
