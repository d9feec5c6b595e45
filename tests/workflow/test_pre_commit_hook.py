"""The pre-commit hook: `pre-commit try-repo` installs pglint from a repository and runs it on the given files.

``try-repo`` on a local path only sees committed files plus *tracked* files'
uncommitted changes (it never picks up untracked files such as a new
``.pre-commit-hooks.yaml``), so the test commits a copy of the project
(pyproject, README, ``src/pglint``, the hooks file) into a fresh repository and
points ``try-repo`` at that. pre-commit then builds its own virtualenv and
installs pglint into it from PyPI's dependencies, like a user's machine does.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("pre_commit", reason="pre-commit is part of the test extra: pip install -e '.[test]'")

REPO = Path(__file__).resolve().parents[2]

LEAK_PY = '''\
from psycopg2.pool import ThreadedConnectionPool

pool = ThreadedConnectionPool(1, 5, "dbname=app")


def leak():
    conn = pool.getconn()
    return 1
'''

LEAK_TS = '''\
import { Pool } from 'pg';
const pool = new Pool();
export async function getUserOrders(userId: number) {
  const client = await pool.connect();
  const res = await client.query('SELECT id FROM orders WHERE user_id = $1', [userId]);
  return res.rows;
}
'''


def git(*args: str, cwd: Path) -> None:
    env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.com", GIT_COMMITTER_NAME="t",
               GIT_COMMITTER_EMAIL="t@example.com")
    subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, timeout=60)


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    root = tmp_path_factory.mktemp("hook-repo")
    for name in ("pyproject.toml", ".pre-commit-hooks.yaml"):
        shutil.copy(REPO / name, root / name)
    readme = REPO / "README.md"
    if readme.exists():
        shutil.copy(readme, root / "README.md")
    else:
        (root / "README.md").write_text("# pglint\n")
    shutil.copytree(REPO / "src" / "pglint", root / "src" / "pglint",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    git("init", "-q", cwd=root)
    git("add", "-A", cwd=root)
    git("commit", "-q", "-m", "pglint", cwd=root)
    return root


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")


def try_repo(hook_repo: Path, home: Path, work: Path, *files: str) -> subprocess.CompletedProcess[str]:
    git("init", "-q", cwd=work)
    git("add", "-A", cwd=work)
    env = dict(os.environ, PRE_COMMIT_HOME=str(home), NO_COLOR="1")
    env.pop("VIRTUAL_ENV", None)
    return subprocess.run([sys.executable, "-m", "pre_commit", "try-repo", str(hook_repo), "pglint",
                           "--files", *files], cwd=work, env=env, capture_output=True, text=True, timeout=900)


def test_hook_fails_on_findings_in_python_and_typescript(hook_repo: Path, pre_commit_home: Path,
                                                          tmp_path: Path) -> None:
    (tmp_path / "leak.py").write_text(LEAK_PY)
    (tmp_path / "orders.ts").write_text(LEAK_TS)
    proc = try_repo(hook_repo, pre_commit_home, tmp_path, "leak.py", "orders.ts")
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1, out
    assert "pglint" in out and "Failed" in out
    assert "leak.py" in out and "orders.ts" in out
    assert out.count("no-missing-client-release") == 2, out


def test_hook_passes_on_clean_files(hook_repo: Path, pre_commit_home: Path, tmp_path: Path) -> None:
    (tmp_path / "clean.py").write_text("def add(a, b):\n    return a + b\n")
    proc = try_repo(hook_repo, pre_commit_home, tmp_path, "clean.py")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Passed" in proc.stdout


def test_hook_only_receives_its_file_types(hook_repo: Path, pre_commit_home: Path, tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text("# notes\n")
    proc = try_repo(hook_repo, pre_commit_home, tmp_path, "notes.md")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "(no files to check)Skipped" in proc.stdout
