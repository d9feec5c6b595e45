"""Hand-made diagnostics and small helpers shared by the workflow tests."""

from __future__ import annotations

from pglint.diagnostics import Diagnostic, Step
from pglint.ir.cfg import Span


def diag(code: str = "PG101", line: int = 3, column: int = 5, path: str = "/repo/app.py", *,
         rule: str | None = None, severity: str = "error", message: str = "Missing conn.close() detected",
         end_line: int | None = None, end_column: int | None = None, fix: str = "",
         cwe: str | None = None, steps: tuple[Step, ...] = (), function: str = "handler",
         snippet: str = "conn = pool.getconn()") -> Diagnostic:
    names = {"PG101": "no-missing-client-release", "PG102": "prevent-double-release",
             "PG103": "no-unclosed-connection", "PG104": "no-unterminated-transaction",
             "PG001": "parse-error", "PG002": "internal-error", "PG003": "unused-suppression"}
    return Diagnostic(rule=rule or names.get(code, "some-rule"), code=code, severity=severity, message=message,
                      path=path, span=Span(line, column, end_line if end_line is not None else line,
                                           end_column if end_column is not None else column + 4),
                      fix=fix, cwe=cwe, steps=steps, function=function, snippet=snippet)
