"""``--format json``: a JSON array of findings with the contract's fields, types and relative paths."""

from __future__ import annotations

import json
from pathlib import Path

from pglint.diagnostics import Diagnostic, Step
from pglint.ir.cfg import Span
from pglint.report import ReportOptions, render

FIELDS = {
    "path": str, "line": int, "column": int, "end_line": int, "end_column": int, "rule": str,
    "code": str, "severity": str, "message": str, "fix": str, "steps": list,
}


def _check_schema(finding: dict) -> None:
    for name, typ in FIELDS.items():
        assert name in finding, name
        assert isinstance(finding[name], typ), (name, finding[name])
    assert "cwe" in finding and (finding["cwe"] is None or isinstance(finding["cwe"], str))
    assert finding["severity"] in ("error", "warning", "info")
    assert finding["line"] >= 1 and finding["column"] >= 1
    assert (finding["end_line"], finding["end_column"]) >= (finding["line"], finding["column"])
    for step in finding["steps"]:
        assert set(step) >= {"path", "line", "column", "message"}
        assert isinstance(step["path"], str) and isinstance(step["message"], str)
        assert isinstance(step["line"], int) and isinstance(step["column"], int)
        assert step["line"] >= 1 and step["column"] >= 1


def test_orders_ts_as_json(pglint, orders_project: Path) -> None:
    res = pglint("check", "--format", "json", cwd=orders_project)
    assert res.code == 1
    data = json.loads(res.out)
    assert isinstance(data, list) and [f["code"] for f in data] == ["PG101", "PG402"]
    for f in data:
        _check_schema(f)
    assert (data[1]["severity"], data[1]["line"], data[1]["column"]) == ("warning", 5, 37)
    finding = data[0]
    _check_schema(finding)
    assert finding["path"] == "src/orders.ts"
    assert (finding["line"], finding["column"]) == (4, 9)
    assert (finding["end_line"], finding["end_column"]) == (4, 15)  # the name `client`
    assert finding["rule"] == "no-missing-client-release"
    assert finding["code"] == "PG101"
    assert finding["severity"] == "error"
    assert finding["cwe"] == "CWE-772"
    assert finding["message"] == "Missing client.release() detected"
    assert finding["fix"] == "Add client.release() in a finally block or use pool.query() for simple queries"
    assert finding["steps"] == [
        {"path": "src/orders.ts", "line": 4, "column": 9, "message": "client checked out of pool"},
        {"path": "src/orders.ts", "line": 6, "column": 3,
         "message": "function returns with client still checked out"},
    ]


def test_json_ignores_quiet_and_prints_no_summary(pglint, orders_project: Path) -> None:
    a = pglint("check", "--format", "json", cwd=orders_project).out
    b = pglint("check", "--format", "json", "--quiet", cwd=orders_project).out
    assert a == b
    json.loads(a)


def test_clean_run_is_an_empty_array(pglint, clean_project: Path) -> None:
    res = pglint("check", "--format", "json", cwd=clean_project)
    assert (res.code, json.loads(res.out), res.err) == (0, [], "")


def test_step_paths_are_relative_too(tmp_path: Path) -> None:
    d = Diagnostic(rule="no-missing-client-release", code="PG101", severity="error", message="m",
                   path=str(tmp_path / "a.ts"), span=Span(1, 2, 1, 3), cwe="CWE-772",
                   steps=(Step(str(tmp_path / "lib" / "db.ts"), 3, 4, "there"),))
    data = json.loads(render("json", [d], ReportOptions(cwd=str(tmp_path))))
    _check_schema(data[0])
    assert data[0]["path"] == "a.ts"
    assert data[0]["steps"] == [{"path": "lib/db.ts", "line": 3, "column": 4, "message": "there"}]


def test_json_output_is_sorted_by_path_and_position(tmp_path: Path) -> None:
    def mk(path: str, line: int) -> Diagnostic:
        return Diagnostic(rule="r", code="PG999", severity="warning", message="m",
                          path=str(tmp_path / path), span=Span(line, 1, line, 2))
    data = json.loads(render("json", [mk("b.py", 1), mk("a.py", 9), mk("a.py", 2)],
                             ReportOptions(cwd=str(tmp_path))))
    assert [(f["path"], f["line"]) for f in data] == [("a.py", 2), ("a.py", 9), ("b.py", 1)]
