"""Reporters: turn a run's diagnostics into text for people or JSON for tools.

One module per output format (``text``, ``json``), each exposing
``render(diagnostics, options)`` and ``render_statistics(diagnostics, options)``
that return the whole output as a string; this package picks one by name and
holds what they share: :class:`ReportOptions` and :func:`display_path` (paths are
shown relative to the current directory when they lie inside it).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Sequence

from ..diagnostics import Diagnostic

FORMATS = ("text", "json")


@dataclass(frozen=True, slots=True)
class ReportOptions:
    cwd: str  # paths inside it are shown relative to it
    color: bool = False  # ANSI colours (text only)
    quiet: bool = False  # findings only: no summary, no "All checks passed!"
    unicode: bool = True  # may use non-ASCII symbols (✖)


def display_path(path: str, cwd: str) -> str:
    """``path`` relative to ``cwd`` when it lies inside it, else unchanged."""
    if not os.path.isabs(path):
        return path
    try:
        rel = os.path.relpath(path, cwd)
    except ValueError:  # another drive (Windows)
        return path
    if rel == os.pardir or rel.startswith(os.pardir + os.sep):
        return path
    return rel


def render(fmt: str, diagnostics: Sequence[Diagnostic], options: ReportOptions,
           statistics: bool = False) -> str:
    """The complete output of ``fmt`` (one of :data:`FORMATS`) for ``diagnostics``."""
    if fmt == "json":
        from . import json as reporter
    elif fmt == "text":
        from . import text as reporter  # type: ignore[no-redef]
    else:
        raise ValueError(f"unknown output format {fmt!r}")
    if statistics:
        return reporter.render_statistics(diagnostics, options)
    return reporter.render(diagnostics, options)


def rule_counts(diagnostics: Sequence[Diagnostic]) -> list[tuple[str, str, str, int]]:
    """``(code, rule, severity, count)`` per rule, most frequent first."""
    counts: dict[tuple[str, str, str], int] = {}
    for d in diagnostics:
        key = (d.code, d.rule, d.severity)
        counts[key] = counts.get(key, 0) + 1
    return sorted(((c, r, s, n) for (c, r, s), n in counts.items()), key=lambda t: (-t[3], t[0], t[2]))


__all__ = ["FORMATS", "ReportOptions", "display_path", "render", "rule_counts"]
