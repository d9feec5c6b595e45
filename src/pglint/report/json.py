"""The machine-readable report: a JSON array of findings (``--format json``).

Each finding is :meth:`Diagnostic.to_json` — ``path``, ``line``, ``column``,
``end_line``, ``end_column`` (1-based), ``rule``, ``code``, ``severity``,
``message``, ``fix``, ``cwe``, ``steps`` (``[{path, line, column, message}]``),
``fix_available`` and ``fix_safety`` (``"safe"``, ``"unsafe"`` or ``null``: whether
``pglint check --fix`` / ``--unsafe-fixes`` can fix it) and ``fingerprint`` (the baseline's stable fingerprint, relative to the
current directory) — with every path, the steps' included, shown relative to
the current directory when inside it. ``--statistics`` prints an array of
``{code, rule, severity, count}`` instead. The output is always valid UTF-8
JSON, ``[]`` for a clean run; a file name that is not valid UTF-8 has each
undecodable byte 0xNN written as ``\\udcNN`` (see
:func:`~pglint.report.paths.json_text`: ``os.fsencode`` of the decoded string
gives the name's bytes back).
"""

from __future__ import annotations

from typing import Any, Sequence

from ..diagnostics import Diagnostic
from . import ReportOptions, display_path, rule_counts
from .paths import json_text


def finding(d: Diagnostic, cwd: str, fix: Any = None) -> dict[str, Any]:
    from ..baseline import fingerprint  # the same stable fingerprint as SARIF and baselines

    data = d.to_json(display_path=display_path(d.path, cwd), fingerprint=fingerprint(d, cwd))
    data["steps"] = [dict(s.to_json(), path=display_path(s.path, cwd)) for s in d.steps]
    data["fix_available"] = fix is not None
    data["fix_safety"] = fix.safety if fix is not None else None
    return data


def render(diagnostics: Sequence[Diagnostic], options: ReportOptions) -> str:
    ordered = sorted(diagnostics, key=Diagnostic.sort_key)
    fixes = options.fixes or {}
    return json_text([finding(d, options.cwd, fixes.get(d)) for d in ordered]) + "\n"


def render_statistics(diagnostics: Sequence[Diagnostic], options: ReportOptions) -> str:
    rows = [{"code": c, "rule": r, "severity": s, "count": n} for c, r, s, n in rule_counts(diagnostics)]
    return json_text(rows) + "\n"
