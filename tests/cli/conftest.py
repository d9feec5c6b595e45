"""Fixtures for the command-line tests: run pglint in-process or as a subprocess, build small projects."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest

from cli_support import ORDERS_REPORT, ORDERS_TS, write_files
from pglint.cli import main


@dataclass
class Result:
    code: int
    out: str
    err: str


Runner = Callable[..., Result]


@pytest.fixture
def pglint(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Runner:
    """``pglint(*args, cwd=None)``: run ``main`` in-process and capture its output."""

    def run(*args: str, cwd: Path | None = None) -> Result:
        if cwd is not None:
            monkeypatch.chdir(cwd)
        monkeypatch.delenv("NO_COLOR", raising=False)
        capsys.readouterr()
        code = main(list(args))
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


@pytest.fixture
def pglint_proc() -> Runner:
    """``pglint_proc(*args, cwd=None)``: run ``python -m pglint`` in a subprocess."""

    def run(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None) -> Result:
        full_env = dict(os.environ)
        full_env.pop("NO_COLOR", None)
        full_env["PYTHONIOENCODING"] = "utf-8"
        full_env.update(env or {})
        proc = subprocess.run([sys.executable, "-m", "pglint", *args], cwd=cwd, env=full_env,
                              capture_output=True, text=True, encoding="utf-8", timeout=120)
        return Result(proc.returncode, proc.stdout, proc.stderr)

    return run


@pytest.fixture
def orders_project(tmp_path: Path) -> Path:
    """A tmp dir holding ``src/orders.ts`` from the issue."""
    return write_files(tmp_path, {"src/orders.ts": ORDERS_TS})


@pytest.fixture
def clean_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Files pglint has nothing to say about (no PostgreSQL involved), in a folder of their own."""
    return write_files(tmp_path_factory.mktemp("clean"), {"app.py": "print('hello')\n", "web/index.js": "console.log(1);\n"})


@pytest.fixture
def orders_report() -> str:
    return ORDERS_REPORT


@pytest.fixture
def orders_source() -> str:
    return ORDERS_TS
