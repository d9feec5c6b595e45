"""``python -m pglint`` and the ``pglint`` console script behave like ``pglint.cli.main``."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pglint import __version__


def test_python_dash_m(pglint_proc, tmp_path: Path) -> None:
    res = pglint_proc("--version", cwd=tmp_path)
    assert (res.code, res.out) == (0, f"pglint {__version__}\n")
    res = pglint_proc("rules", cwd=tmp_path)
    assert res.code == 0 and "PG101" in res.out


def test_python_dash_m_check(pglint_proc, orders_project: Path, orders_report: str) -> None:
    res = pglint_proc("check", "--quiet", cwd=orders_project)
    assert (res.code, res.out) == (1, orders_report)


def _console_script() -> str | None:
    here = Path(sys.executable).parent / ("pglint.exe" if os.name == "nt" else "pglint")
    return str(here) if here.exists() else shutil.which("pglint")


def test_console_script(tmp_path: Path) -> None:
    script = _console_script()
    if script is None:
        pytest.skip("the pglint console script is not installed next to this interpreter")
    proc = subprocess.run([script, "--version"], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert (proc.returncode, proc.stdout) == (0, f"pglint {__version__}\n")
    proc = subprocess.run([script, "check", "does-not-exist"], cwd=tmp_path, capture_output=True,
                          text=True, timeout=60)
    assert proc.returncode == 2
    assert proc.stderr == "pglint: error: does-not-exist: no such file or directory\n"


def test_main_returns_instead_of_exiting() -> None:
    from pglint.cli import main

    assert main(["--version"]) == 0
    assert main(["check", "--no-such-flag"]) == 2
