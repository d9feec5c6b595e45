"""``--statistics``: one line (or JSON object) per rule with its count, instead of the findings."""

from __future__ import annotations

import json
from pathlib import Path

from pglint.diagnostics import Diagnostic
from pglint.ir.cfg import Span
from pglint.report import ReportOptions, render


def _d(code: str, rule: str, severity: str, line: int) -> Diagnostic:
    return Diagnostic(rule=rule, code=code, severity=severity, message="m", path="/p/a.py",
                      span=Span(line, 1, line, 2))


DIAGS = [_d("PG101", "no-missing-client-release", "error", 1),
         _d("PG402", "no-select-all", "warning", 2),
         _d("PG101", "no-missing-client-release", "error", 3),
         _d("PG402", "no-select-all", "warning", 4),
         _d("PG402", "no-select-all", "warning", 5)]


def test_text_statistics() -> None:
    out = render("text", DIAGS, ReportOptions(cwd="/p"), statistics=True)
    assert out == ("3  PG402  no-select-all              warning\n"
                   "2  PG101  no-missing-client-release  error\n"
                   "\n"
                   "\u2716 5 problems (2 errors, 3 warnings)\n")
    quiet = render("text", DIAGS, ReportOptions(cwd="/p", quiet=True), statistics=True)
    assert quiet == out.split("\n\n")[0] + "\n"


def test_json_statistics() -> None:
    data = json.loads(render("json", DIAGS, ReportOptions(cwd="/p"), statistics=True))
    assert data == [
        {"code": "PG402", "rule": "no-select-all", "severity": "warning", "count": 3},
        {"code": "PG101", "rule": "no-missing-client-release", "severity": "error", "count": 2},
    ]


def test_statistics_end_to_end(pglint, orders_project: Path) -> None:
    res = pglint("check", "--statistics", cwd=orders_project)
    assert res.code == 1
    assert res.out == ("1  PG101  no-missing-client-release  error\n"
                       "1  PG402  no-select-all              warning\n"
                       "\n"
                       "\u2716 2 problems (1 error, 1 warning)\n")
    res = pglint("check", "--statistics", "--format", "json", cwd=orders_project)
    assert json.loads(res.out) == [{"code": "PG101", "rule": "no-missing-client-release",
                                    "severity": "error", "count": 1},
                                   {"code": "PG402", "rule": "no-select-all", "severity": "warning", "count": 1}]


def test_statistics_of_a_clean_run(pglint, clean_project: Path) -> None:
    res = pglint("check", "--statistics", cwd=clean_project)
    assert (res.code, res.out) == (0, "All checks passed!\n")
    res = pglint("check", "--statistics", "--format", "json", cwd=clean_project)
    assert json.loads(res.out) == []
