"""SIGTERM (what ``timeout`` and CI runners send) and SIGINT end the whole run.

The run is a real ``pglint check --jobs 2`` in its own session on a project big
enough to start worker processes; the signal is sent once the workers exist and
the index snapshot is in the (private) temporary directory. Afterwards: exit
143 (130 for SIGINT), one line on stderr, no process of the session left and no
``pglint-index-*`` file left. Nothing is timed: the test waits for conditions.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pglint import engine

pytestmark = pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="reads processes from /proc")

FUNCTION = ("def load_{i}(dsn, key):\n"
            "    conn = psycopg2.connect(dsn)\n"
            "    cur = conn.cursor()\n"
            "    cur.execute('SELECT * FROM t WHERE k = %s' % key)\n"
            "    if key:\n"
            "        conn.close()\n"
            "    return cur.fetchall()\n\n")


def _session_processes(sid: int) -> list[int]:
    """Live processes (not zombies) of session ``sid`` other than its leader."""
    found = []
    for name in os.listdir("/proc"):
        if not name.isdigit() or int(name) == sid:
            continue
        try:
            with open(f"/proc/{name}/stat") as fh:
                stat = fh.read()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()  # state, ppid, pgrp, session, ...
        if fields[0] != "Z" and int(fields[3]) == sid:
            found.append(int(name))
    return found


@pytest.fixture
def big_project(tmp_path: Path) -> Path:
    root = tmp_path / "big"
    root.mkdir()
    (root / "pyproject.toml").write_text("")
    files = 4 * engine.PARALLEL_MIN_FILES
    for n in range(files):
        body = "".join(FUNCTION.format(i=i) for i in range(30))
        (root / f"module_{n}.py").write_text("import psycopg2\n\n" + body)
    return root


@pytest.mark.parametrize("signum, status, line", [(signal.SIGTERM, 143, "pglint: terminated"),
                                                  (signal.SIGINT, 130, "pglint: interrupted")])
def test_a_signal_stops_the_workers_and_removes_the_snapshots(big_project: Path, tmp_path: Path,
                                                              signum: int, status: int, line: str) -> None:
    tmpdir = tmp_path / "tmp"
    tmpdir.mkdir()
    env = dict(os.environ, TMPDIR=str(tmpdir))
    proc = subprocess.Popen([sys.executable, "-m", "pglint", "check", "--isolated", "--no-cache", "--jobs", "2",
                             "-q", str(big_project)], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        while not (_session_processes(proc.pid) and any(tmpdir.glob("pglint-index-*"))):
            assert proc.poll() is None, "the run ended before its workers and snapshot were seen"
            time.sleep(0.02)
        os.kill(proc.pid, signum)
        proc.wait(timeout=120)
        left = _session_processes(proc.pid)
        for pid in left:  # orphaned workers would hold stderr open
            os.kill(pid, signal.SIGKILL)
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == status, err
        assert err.strip() == line
        assert left == []
        assert list(tmpdir.iterdir()) == []
    finally:
        if proc.poll() is None:
            proc.kill()
        for pid in _session_processes(proc.pid):
            os.kill(pid, signal.SIGKILL)
        proc.wait()
