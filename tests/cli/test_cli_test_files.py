"""Test files: the advisory rules (PG401, PG402, PG403) are silent in them unless ``in-tests`` is set.

``test-files`` (gitignore-style patterns relative to the configuration's
directory) says which files are tests; every other rule reports in them as
anywhere else.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cli_support import write_files
from conftest import Runner
from pglint.config import DEFAULT_TEST_FILES, Config

PY = """\
import asyncpg
import psycopg2


def read_all(cur, users):
    cur.execute("SELECT * FROM users")
    for u in users:
        cur.execute("INSERT INTO users (name) VALUES (%s)", (u,))
    return psycopg2.connect(host="db.internal", password="hunter2")


async def count(pool: asyncpg.Pool):
    conn = await pool.acquire()
    try:
        return await conn.fetchval("SELECT count(*) FROM users")
    finally:
        await pool.release(conn)
"""

TS = """\
import { Pool } from 'pg';
const pool = new Pool({ host: 'db.internal', password: 'hunter2' });

export async function createUsers(names: string[]) {
  for (const n of names) {
    await pool.query('INSERT INTO users (name) VALUES ($1)', [n]);
  }
  const client = await pool.connect();
  try {
    return (await client.query('SELECT * FROM users ORDER BY id')).rows;
  } finally {
    client.release();
  }
}
"""

ADVISORY = {"PG401", "PG402", "PG403"}
EVERY_RULE = {"PG302", *ADVISORY}

TEST_PATHS = ["tests/test_users.py", "tests/helpers.py", "app/users_test.py", "conftest.py", "test/db.ts",
              "src/__tests__/users.ts", "src/users.test.ts", "src/users.spec.js"]
APP_PATHS = ["src/users.py", "src/testing.py", "src/contest.py", "src/users.ts", "app/latest/db.py"]


def _codes_by_file(pglint: Runner, root: Path, *extra: str) -> dict[str, set[str]]:
    res = pglint("check", "--no-cache", "--format", "json", *extra, ".", cwd=root)
    assert res.code in (0, 1), res.err
    out: dict[str, set[str]] = {}
    for d in json.loads(res.out):
        out.setdefault(d["path"], set()).add(d["code"])
    return out


def _project(root: Path, config: str = "") -> Path:
    files: dict[str, str | bytes] = {"src/users.py": PY, "tests/test_users.py": PY, "src/users.ts": TS,
                                     "src/__tests__/users.test.ts": TS, "spec/users.ts": TS}
    if config:
        files["pyproject.toml"] = config
    return write_files(root, files)


def test_default_test_file_patterns() -> None:
    config = Config(root="/repo")
    for rel in TEST_PATHS:
        assert config.is_test_file(f"/repo/{rel}"), rel
    for rel in APP_PATHS:
        assert not config.is_test_file(f"/repo/{rel}"), rel
    assert config.effective_test_files == DEFAULT_TEST_FILES
    # outside the root, the folders above the project say nothing: only the file name counts
    assert not config.is_test_file("/home/tests/project/src/users.py")
    assert config.is_test_file("/home/tests/project/src/test_users.py")


def test_advisory_rules_are_silent_in_test_files(pglint: Runner, tmp_path: Path) -> None:
    found = _codes_by_file(pglint, _project(tmp_path))
    assert found["src/users.py"] >= EVERY_RULE
    assert found["src/users.ts"] >= EVERY_RULE
    # the security rule still reports in tests; the advisory ones do not
    assert found["tests/test_users.py"] & EVERY_RULE == {"PG302"}
    assert found["src/__tests__/users.test.ts"] & EVERY_RULE == {"PG302"}


def test_in_tests_option_turns_one_rule_back_on(pglint: Runner, tmp_path: Path) -> None:
    found = _codes_by_file(pglint, _project(tmp_path, "[tool.pglint.rules.no-select-all]\nin-tests = true\n"))
    assert found["tests/test_users.py"] & EVERY_RULE == {"PG302", "PG402"}
    assert found["src/__tests__/users.test.ts"] & EVERY_RULE == {"PG302", "PG402"}


def test_test_files_replaces_the_default_list(pglint: Runner, tmp_path: Path) -> None:
    found = _codes_by_file(pglint, _project(tmp_path, "[tool.pglint]\ntest-files = ['spec/']\n"))
    assert found["tests/test_users.py"] >= EVERY_RULE
    assert found["src/__tests__/users.test.ts"] >= EVERY_RULE
    assert found["spec/users.ts"] & EVERY_RULE == {"PG302"}


def test_show_config_lists_the_test_files(pglint: Runner, tmp_path: Path) -> None:
    res = pglint("check", "--show-config", cwd=_project(tmp_path))
    assert f"test-files = {json.dumps(list(DEFAULT_TEST_FILES))}" in res.out


@pytest.mark.parametrize("config, message", [
    ("[tool.pglint]\ntest-files = 'tests/'\n",
     "pyproject.toml: [tool.pglint] 'test-files' must be a list of strings, not a string ('tests/')"),
    ("[tool.pglint]\ntest-files = ['tests/', ' ']\n", "pyproject.toml: [tool.pglint] 'test-files' holds an empty pattern"),
    ("[tool.pglint.rules.no-batch-insert-loop]\nin-tests = 'yes'\n",
     "pyproject.toml: [tool.pglint.rules.no-batch-insert-loop] 'in-tests' must be true or false, not a string ('yes')"),
    ("[tool.pglint.rules.no-hardcoded-credentials]\nin-tests = true\n",
     "pyproject.toml: [tool.pglint.rules.no-hardcoded-credentials] rule 'no-hardcoded-credentials' (PG302) has no options"),
])
def test_bad_settings_are_one_line(pglint: Runner, tmp_path: Path, config: str, message: str) -> None:
    res = pglint("check", "--no-cache", ".", cwd=_project(tmp_path, config))
    assert res.code == 2
    assert res.err.strip().endswith(message), res.err
    assert "Traceback" not in res.err


def test_a_suppression_of_a_rule_silent_in_tests_is_not_unused(pglint: Runner, tmp_path: Path) -> None:
    # written before the rule went quiet in tests: it suppresses nothing now, and is not judged
    source = 'import psycopg2\n\n\ndef rows(cur):\n    cur.execute("SELECT * FROM users")  # noqa: PG402\n'
    root = write_files(tmp_path, {"tests/test_rows.py": source, "src/rows.py": source.replace("  # noqa: PG402", "")})
    res = pglint("check", "--no-cache", "--format", "concise", ".", cwd=root)
    assert [line for line in res.out.splitlines() if "PG" in line] == [
        "src/rows.py:5:17: PG402 SELECT * fetches every column of the table"]
