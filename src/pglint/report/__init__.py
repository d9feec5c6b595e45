"""Reporters: turn a run's diagnostics into text for people, JSON/SARIF/JUnit for tools, or
GitHub workflow annotations.

One module per output format: ``text`` and ``json`` expose
``render(diagnostics, options)`` and ``render_statistics(diagnostics, options)``;
``sarif``, ``github``, ``concise`` and ``junit`` expose
``render(diagnostics, *, cwd)`` (``junit`` also takes the checked ``files``).
Each returns the whole output as a string; :func:`render` picks one by name.
This package holds what they share: :class:`ReportOptions` and
:func:`display_path` (paths are shown relative to the current directory when
they lie inside it).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any, Mapping, Sequence

from ..diagnostics import Diagnostic

FORMATS = ("text", "json", "sarif", "github", "concise", "junit")
#: The formats that have a ``--statistics`` form.
STATISTICS_FORMATS = ("text", "json")


@dataclass(frozen=True, slots=True)
class ReportOptions:
    cwd: str  # paths inside it are shown relative to it
    color: bool = False  # ANSI colours (text only)
    quiet: bool = False  # findings only: no summary, no "All checks passed!"
    unicode: bool = True  # may use non-ASCII symbols (✖)
    files: tuple[str, ...] = ()  # every file checked (junit: a passing test case for each clean one)
    # the fix of each finding that has one (pglint.fixes.describe_fixes), for json and sarif
    fixes: Mapping[Diagnostic, Any] | None = None


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
    """The complete output of ``fmt`` (one of :data:`FORMATS`) for ``diagnostics``.

    ``statistics`` is only for :data:`STATISTICS_FORMATS`.
    """
    if fmt in ("text", "json"):
        if fmt == "json":
            from . import json as reporter
        else:
            from . import text as reporter  # type: ignore[no-redef]
        if statistics:
            return reporter.render_statistics(diagnostics, options)
        return reporter.render(diagnostics, options)
    if statistics:
        raise ValueError(f"--statistics is not available for the {fmt} format")
    if fmt == "sarif":
        from . import sarif

        return sarif.render(diagnostics, cwd=options.cwd, fixes=options.fixes)
    if fmt == "github":
        from . import github

        return github.render(diagnostics, cwd=options.cwd)
    if fmt == "concise":
        from . import concise

        return concise.render(diagnostics, cwd=options.cwd)
    if fmt == "junit":
        from . import junit

        return junit.render(diagnostics, cwd=options.cwd, files=options.files)
    raise ValueError(f"unknown output format {fmt!r}")


def rule_counts(diagnostics: Sequence[Diagnostic]) -> list[tuple[str, str, str, int]]:
    """``(code, rule, severity, count)`` per rule, most frequent first."""
    counts: dict[tuple[str, str, str], int] = {}
    for d in diagnostics:
        key = (d.code, d.rule, d.severity)
        counts[key] = counts.get(key, 0) + 1
    return sorted(((c, r, s, n) for (c, r, s), n in counts.items()), key=lambda t: (-t[3], t[0], t[2]))


__all__ = ["FORMATS", "STATISTICS_FORMATS", "ReportOptions", "display_path", "render", "rule_counts"]
