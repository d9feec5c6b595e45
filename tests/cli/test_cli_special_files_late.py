"""Files read after discovery — a baseline, the sources re-read for suppression comments — are
read as regular files only: a FIFO there is a one-line error or is skipped, never a hang."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from pglint.suppression import collect_comments

LEAK = "def f(pool):\n    conn = pool.getconn()\n    conn.cursor()\n"


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pglint", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=60, stdin=subprocess.DEVNULL)


def test_baseline_that_is_a_fifo_is_one_line_error(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text("import psycopg2\n" + LEAK)
    os.mkfifo(tmp_path / "base.json")
    proc = _run(["check", "--no-cache", "--baseline", "base.json", "a.py"], tmp_path)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "base.json" in lines[0] and "FIFO" in lines[0]


def test_collect_comments_skips_a_fifo(tmp_path: Path) -> None:
    fifo = tmp_path / "swapped.py"
    os.mkfifo(fifo)
    regular = tmp_path / "b.py"
    regular.write_text("x = 1  # pglint: ignore[PG101]\n")
    found = collect_comments([str(fifo), str(regular)])
    assert str(fifo) not in found
    assert [c.line for c in found[str(regular)]] == [1]


def test_messages_naming_a_file_stay_one_line(tmp_path: Path) -> None:
    name = "x\nmore\x1b[31m.py"
    os.mkfifo(tmp_path / name)
    proc = _run(["check", "--no-cache", name], tmp_path)
    assert proc.returncode == 2
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "\x1b" not in proc.stderr and "x\\nmore\\x1b[31m.py" in lines[0]
