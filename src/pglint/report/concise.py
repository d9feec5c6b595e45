"""The one-line-per-finding report (``--format concise``): ``path:line:col: CODE message``.

For editors' problem matchers, ``grep`` and quick scans: no colour, no summary,
nothing but the findings, in path/line order, paths relative to the directory
pglint ran in. A message never spans lines (line breaks become spaces). A path
with a control character or an undecodable byte is shown quoted and escaped
(:func:`~pglint.report.paths.printable_path`).
"""

from __future__ import annotations

from typing import Sequence

from ..diagnostics import Diagnostic
from .paths import escape_controls, printable_path, shown_path


def line(d: Diagnostic, cwd: str) -> str:
    message = escape_controls(" ".join(d.message.split()))
    path = printable_path(shown_path(d.path, cwd, posix=False))
    return f"{path}:{d.span.line}:{d.span.column}: {d.code} {message}"


def render(diagnostics: Sequence[Diagnostic], *, cwd: str) -> str:
    return "".join(line(d, cwd) + "\n" for d in sorted(diagnostics, key=Diagnostic.sort_key))
