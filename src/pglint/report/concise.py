"""The one-line-per-finding report (``--format concise``): ``path:line:col: CODE message``.

For editors' problem matchers, ``grep`` and quick scans: no colour, no summary,
nothing but the findings, in path/line order, paths relative to the directory
pglint ran in. A message never spans lines (line breaks become spaces).
"""

from __future__ import annotations

from typing import Sequence

from ..diagnostics import Diagnostic
from .paths import shown_path


def line(d: Diagnostic, cwd: str) -> str:
    message = " ".join(d.message.split())
    return f"{shown_path(d.path, cwd, posix=False)}:{d.span.line}:{d.span.column}: {d.code} {message}"


def render(diagnostics: Sequence[Diagnostic], *, cwd: str) -> str:
    return "".join(line(d, cwd) + "\n" for d in sorted(diagnostics, key=Diagnostic.sort_key))
