"""The one record every finding becomes, whatever rule or stage produced it.

A :class:`Diagnostic` is frozen: rules create it, the engine filters it
(select/ignore, suppressions), reporters print it. Flow rules fill ``steps``
with the witness path; pattern rules leave it empty. ``function`` and
``snippet`` feed the stable fingerprint of :func:`pglint.baseline.fingerprint`
(rule, relative path, enclosing function, normalised source line — no line
numbers), which JSON, SARIF and baselines all use.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from .ir.cfg import Span

SEVERITIES = ("error", "warning", "info")

#: Parse errors (PG001) and internal errors (PG002): a file pglint could not analyse. They are always
#: reported, at the engine's severity (error; a JS/TS file analysed in part — every function without a
#: parse error — is a PG001 warning): no ``select``/``ignore``, ``per-file-ignores``, ``severity``,
#: comment or baseline hides them, so a CI gate never passes on a file pglint could not read.
UNSUPPRESSIBLE = frozenset({"PG001", "PG002"})


@dataclass(frozen=True, slots=True)
class Step:
    path: str
    line: int
    column: int
    message: str

    def to_json(self) -> dict[str, Any]:
        return {"path": self.path, "line": self.line, "column": self.column,
                "message": self.message}


@dataclass(frozen=True, slots=True)
class Diagnostic:
    rule: str  # kebab-case name: no-missing-client-release
    code: str  # PG101
    severity: str  # error | warning | info
    message: str
    path: str
    span: Span
    fix: str = ""
    cwe: str | None = None  # "CWE-772"
    steps: tuple[Step, ...] = ()
    function: str = ""  # enclosing function, for fingerprints
    snippet: str = ""  # the normalised source line, for fingerprints
    extra: tuple[tuple[str, str], ...] = field(default=())
    #: False: never changes the exit status, whatever ``fail-on`` says (the PG001 warning of a file
    #: that parsed in part and mentions no driver or project module: it cannot hide a leak)
    gating: bool = True

    def with_severity(self, severity: str) -> "Diagnostic":
        return replace(self, severity=severity)

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.span.line, self.span.column, self.code)

    def to_json(self, display_path: str | None = None, fingerprint: str = "") -> dict[str, Any]:
        return {
            "path": display_path if display_path is not None else self.path,
            "line": self.span.line,
            "column": self.span.column,
            "end_line": self.span.end_line,
            "end_column": self.span.end_column,
            "rule": self.rule,
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
            "fix": self.fix,
            "cwe": self.cwe,
            "steps": [s.to_json() for s in self.steps],
            "fingerprint": fingerprint,
        }
