"""The exit-code contract: 0 nothing at error level, 1 something at error level, 2 usage or internal error.

Every exit-2 case prints exactly one line on stderr and never a traceback.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import pglint.engine as engine_module
from pglint.diagnostics import Diagnostic
from pglint.engine import RunResult
from pglint.ir.cfg import Span


def _one_clear_line(err: str) -> None:
    assert "Traceback" not in err
    assert err.endswith("\n") and err.count("\n") == 1, err
    assert err.startswith("pglint: ")


def test_findings_at_error_level_exit_1(pglint, orders_project: Path) -> None:
    assert pglint("check", cwd=orders_project).code == 1


def test_no_findings_exit_0(pglint, clean_project: Path) -> None:
    assert pglint("check", cwd=clean_project).code == 0


def _fake_run(diags: list[Diagnostic]):
    def run(paths, options=None, registry=None):  # noqa: ANN001, ANN202 - stands in for engine.run
        return RunResult(diags, ["/x/a.py"], ["/x/a.py"])
    return run


def _warning(severity: str) -> Diagnostic:
    return Diagnostic(rule="no-select-all", code="PG402", severity=severity, message="Avoid SELECT *",
                      path="/x/a.py", span=Span(1, 1, 1, 2))


@pytest.mark.parametrize("severity,code", [("warning", 0), ("info", 0), ("error", 1)])
def test_only_error_level_findings_fail_the_run(pglint, monkeypatch, tmp_path: Path, severity: str,
                                                code: int) -> None:
    monkeypatch.setattr(engine_module, "run", _fake_run([_warning(severity)]))
    res = pglint("check", cwd=tmp_path)
    assert res.code == code
    assert "no-select-all" in res.out


def test_missing_path_exits_2_with_one_line(pglint, tmp_path: Path) -> None:
    res = pglint("check", "nope/missing.py", cwd=tmp_path)
    assert res.code == 2
    assert res.err == "pglint: error: nope/missing.py: no such file or directory\n"
    assert res.out == ""


def test_missing_path_among_good_ones_exits_2(pglint, clean_project: Path) -> None:
    res = pglint("check", "app.py", "gone", cwd=clean_project)
    assert res.code == 2
    assert res.err == "pglint: error: gone: no such file or directory\n"


@pytest.mark.parametrize("argv,needle", [
    ([], "required"),
    (["frobnicate"], "invalid choice"),
    (["check", "--format", "xml"], "--format"),
    (["check", "--bogus"], "--bogus"),
    (["check", "--select"], "--select"),
    (["rule"], "RULE"),
    (["debug"], "required"),
    (["debug", "cfg", "--format", "png", "x.py"], "--format"),
])
def test_argparse_errors_exit_2_with_one_line(pglint, tmp_path: Path, argv: list[str], needle: str) -> None:
    res = pglint(*argv, cwd=tmp_path)
    assert res.code == 2
    _one_clear_line(res.err)
    assert needle in res.err
    assert res.out == ""


@pytest.mark.parametrize("option", ["--select", "--ignore"])
def test_unknown_rule_exits_2_naming_it(pglint, clean_project: Path, option: str) -> None:
    res = pglint("check", option, "PG101,no-such-rule", cwd=clean_project)
    assert res.code == 2
    _one_clear_line(res.err)
    assert "'no-such-rule'" in res.err and option in res.err


def test_internal_error_exits_2_without_traceback(pglint, monkeypatch, tmp_path: Path) -> None:
    def boom(paths, options=None, registry=None):  # noqa: ANN001, ANN202
        raise RuntimeError("boom")
    monkeypatch.setattr(engine_module, "run", boom)
    monkeypatch.delenv("PGLINT_DEBUG", raising=False)
    res = pglint("check", cwd=tmp_path)
    assert res.code == 2
    _one_clear_line(res.err)
    assert "internal error: RuntimeError: boom" in res.err


def test_help_and_version_exit_0(pglint, tmp_path: Path) -> None:
    res = pglint("--help", cwd=tmp_path)
    assert res.code == 0 and "check" in res.out and "rules" in res.out
    res = pglint("check", "--help", cwd=tmp_path)
    assert res.code == 0 and "--select" in res.out and "--statistics" in res.out
    res = pglint("--version", cwd=tmp_path)
    assert res.code == 0 and res.out.startswith("pglint ")


def test_empty_directory_warns_and_exits_0(pglint, tmp_path: Path) -> None:
    res = pglint("check", cwd=tmp_path)
    assert res.code == 0
    assert res.err.startswith("pglint: warning: no Python or JavaScript/TypeScript files found")


def test_subprocess_exit_codes(pglint_proc, orders_project: Path, clean_project: Path) -> None:
    assert pglint_proc("check", cwd=clean_project).code == 0
    assert pglint_proc("check", cwd=orders_project).code == 1
    res = pglint_proc("check", "missing", cwd=clean_project)
    assert res.code == 2
    assert res.err == "pglint: error: missing: no such file or directory\n"
    res = pglint_proc("check", "--format", "yaml", cwd=clean_project)
    assert res.code == 2
    _one_clear_line(res.err)
