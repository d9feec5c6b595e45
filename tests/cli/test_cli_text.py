"""The default text report: the issue's orders.ts example end to end, and the layout rules on synthetic findings."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from cli_support import ORDERS_LEAK_REPORT
from pglint.cli import use_color
from pglint.diagnostics import Diagnostic, Step
from pglint.ir.cfg import Span
from pglint.report import ReportOptions, display_path, render

SUMMARY = "\u2716 2 problems (1 error, 1 warning)\n"


# --------------------------------------------------------------------------- end to end


def test_orders_ts_report_matches_the_issue(pglint, orders_project: Path) -> None:
    res = pglint("check", "--quiet", "--select", "no-missing-client-release", cwd=orders_project)
    assert res.out == ORDERS_LEAK_REPORT
    assert res.code == 1
    assert res.err == ""


def test_orders_ts_default_report_adds_the_select_star_warning(pglint, orders_project: Path,
                                                                orders_report: str) -> None:
    res = pglint("check", "--quiet", cwd=orders_project)
    assert res.out == orders_report
    assert res.code == 1


def test_orders_ts_report_with_summary(pglint, orders_project: Path, orders_report: str) -> None:
    res = pglint("check", cwd=orders_project)
    assert res.out == orders_report + "\n" + SUMMARY
    assert res.code == 1


@pytest.mark.parametrize("target", ["src", "src/orders.ts", "./src/", "."])
def test_paths_are_relative_to_the_current_directory(pglint, orders_project: Path, orders_report: str,
                                                      target: str) -> None:
    res = pglint("check", "-q", target, cwd=orders_project)
    assert res.out == orders_report


def test_orders_ts_report_through_the_console(pglint_proc, orders_project: Path, orders_report: str) -> None:
    res = pglint_proc("check", cwd=orders_project)
    assert res.out == orders_report + "\n" + SUMMARY
    assert res.code == 1
    assert "\x1b[" not in res.out  # not a terminal: no colour


def test_paths_outside_the_current_directory_stay_absolute(pglint, orders_project: Path, tmp_path_factory) -> None:
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    res = pglint("check", "-q", str(orders_project / "src"), cwd=elsewhere)
    assert res.out.splitlines()[0] == str(orders_project / "src" / "orders.ts")


def test_clean_run_says_so(pglint, clean_project: Path) -> None:
    res = pglint("check", cwd=clean_project)
    assert (res.code, res.out, res.err) == (0, "All checks passed!\n", "")


def test_clean_run_quiet_prints_nothing(pglint, clean_project: Path) -> None:
    res = pglint("check", "--quiet", cwd=clean_project)
    assert (res.code, res.out, res.err) == (0, "", "")


# --------------------------------------------------------------------------- layout

posix_only = pytest.mark.skipif(os.sep != "/", reason="expected output spells POSIX paths")


CWD = os.path.abspath(os.sep + "proj")


def _p(rel: str) -> str:
    return os.path.join(CWD, *rel.split("/"))


def _diag(path: str, line: int, column: int, code: str, rule: str, severity: str, message: str,
          fix: str = "", cwe: str | None = None, steps: tuple[Step, ...] = ()) -> Diagnostic:
    return Diagnostic(rule=rule, code=code, severity=severity, message=message, path=_p(path),
                      span=Span(line, column, line, column + 1), fix=fix, cwe=cwe, steps=steps)


LEAK = _diag(
    "src/a.ts", 4, 9, "PG101", "no-missing-client-release", "error", "Missing client.release() detected",
    fix="Add client.release() in a finally block", cwe="CWE-772",
    steps=(Step(_p("src/a.ts"), 4, 9, "client checked out of pool"),
           Step(_p("src/db.ts"), 12, 3, "passed to a helper that throws"),
           Step(_p("src/a.ts"), 6, 3, "function returns with client still checked out")),
)
SELECT_ALL = _diag("src/a.ts", 10, 11, "PG402", "no-select-all", "warning", "Avoid SELECT *",
                   fix="List the columns you need")
INJECTION = _diag("lib/b.py", 3, 5, "PG201", "no-unsafe-query", "error",
                  "SQL built with an f-string", cwe="CWE-89")

EXPECTED = """\
lib/b.py
  3:5  error  CWE-89 | SQL built with an f-string  no-unsafe-query

src/a.ts
   4:9   error    CWE-772 | Missing client.release() detected  no-missing-client-release
                  Fix: Add client.release() in a finally block
                  1. 4:9             client checked out of pool
                  2. src/db.ts:12:3  passed to a helper that throws
                  3. 6:3             function returns with client still checked out
  10:11  warning  Avoid SELECT *                               no-select-all
                  Fix: List the columns you need
"""


def _render(diags: list[Diagnostic], **kw: bool) -> str:
    return render("text", diags, ReportOptions(cwd=CWD, **kw))


@posix_only
def test_layout_groups_by_file_aligns_columns_and_numbers_steps() -> None:
    out = _render([LEAK, SELECT_ALL, INJECTION])
    assert out == EXPECTED + "\n\u2716 3 problems (2 errors, 1 warning)\n"


@posix_only
def test_quiet_drops_the_summary() -> None:
    assert _render([LEAK, SELECT_ALL, INJECTION], quiet=True) == EXPECTED


def test_summary_counts_and_plurals() -> None:
    assert _render([SELECT_ALL]).endswith("\n\n\u2716 1 problem (0 errors, 1 warning)\n")
    info = _diag("x.py", 1, 1, "PG999", "some-info", "info", "note")
    assert _render([INJECTION, info]).endswith("\u2716 2 problems (1 error, 0 warnings, 1 info)\n")


def test_ascii_fallback_for_the_summary_mark() -> None:
    assert _render([INJECTION], unicode=False).endswith("\nx 1 problem (1 error, 0 warnings)\n")


def test_colour_only_when_asked() -> None:
    plain = _render([LEAK, INJECTION])
    coloured = _render([LEAK, INJECTION], color=True)
    assert "\x1b[" not in plain
    assert "\x1b[31m" in coloured and "\x1b[0m" in coloured
    import re
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured) == plain


def test_colour_flag_end_to_end(pglint, orders_project: Path) -> None:
    assert "\x1b[31m" in pglint("check", "--color", "always", cwd=orders_project).out
    assert "\x1b[" not in pglint("check", "--color", "never", cwd=orders_project).out
    assert "\x1b[" not in pglint("check", cwd=orders_project).out  # captured output is not a TTY


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_auto_colour_needs_a_tty_and_no_NO_COLOR(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert use_color("auto", _Tty()) is True
    assert use_color("auto", io.StringIO()) is False
    monkeypatch.setenv("NO_COLOR", "1")
    assert use_color("auto", _Tty()) is False
    assert use_color("always", io.StringIO()) is True
    monkeypatch.setenv("NO_COLOR", "")  # empty means unset (no-color.org)
    assert use_color("auto", _Tty()) is True


def test_display_path() -> None:
    assert display_path(_p("src/a.ts"), CWD) == os.path.join("src", "a.ts")
    outside = os.path.abspath(os.sep + "other" + os.sep + "x.py")
    assert display_path(outside, CWD) == outside
    assert display_path("rel/x.py", CWD) == "rel/x.py"
