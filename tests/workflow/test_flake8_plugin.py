"""The flake8 plugin: registered under PG, reports pglint's Python findings, honours noqa and pglint comments."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from pglint.flake8_plugin import Plugin

pytest.importorskip("flake8", reason="flake8 is part of the test extra: pip install -e '.[test]'")

LEAKS = '''\
from psycopg2.pool import ThreadedConnectionPool

pool = ThreadedConnectionPool(1, 5, "dbname=app")


def get_user(user_id):
    conn = pool.getconn()
    cur = conn.cursor()
    cur.execute("SELECT name FROM users WHERE id = %s", (user_id,))
    pool.putconn(conn)


def leak():
    conn = pool.getconn()
    return 1


def quiet():
    conn = pool.getconn()  # noqa: PG101
    return 1


def also_quiet():
    conn = pool.getconn()  # pglint: ignore[no-missing-client-release] -- owned elsewhere
    return 1
'''


def flake8(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "flake8", "--isolated", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=120)


def test_plugin_is_registered(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "flake8", "--version"], capture_output=True, text=True,
                          timeout=60)
    assert "pglint: " in proc.stdout, proc.stdout + proc.stderr


def test_flake8_select_pg_reports_pglint_findings(tmp_path: Path) -> None:
    (tmp_path / "app.py").write_text(LEAKS)
    proc = flake8("--select=PG", "app.py", cwd=tmp_path)
    assert proc.stdout == (
        "app.py:7:5: PG101 Missing pool.putconn(conn) when `cur.execute` at line 9 throws\n"
        "app.py:14:5: PG101 Missing pool.putconn(conn) detected\n"
    ), proc.stderr
    assert proc.returncode == 1


def test_flake8_selection_and_ignores_apply(tmp_path: Path) -> None:
    (tmp_path / "app.py").write_text(LEAKS)
    assert flake8("--select=PG102", "app.py", cwd=tmp_path).stdout == ""
    proc = flake8("--select=PG", "--extend-ignore=PG101", "app.py", cwd=tmp_path)
    assert (proc.stdout, proc.returncode) == ("", 0)
    proc = flake8("--select=PG", "--disable-noqa", "app.py", cwd=tmp_path)
    assert [line.split(":")[1] for line in proc.stdout.splitlines()] == ["7", "14", "19"]  # pglint: ignore stays


def test_files_without_postgres_are_quiet(tmp_path: Path) -> None:
    (tmp_path / "plain.py").write_text("def f(x):\n    return x + 1\n")
    proc = flake8("--select=PG", "plain.py", cwd=tmp_path)
    assert (proc.stdout, proc.returncode) == ("", 0)


def test_plugin_in_process(tmp_path: Path) -> None:
    path = tmp_path / "app.py"
    path.write_text(LEAKS)
    found = list(Plugin(ast.parse(LEAKS), str(path)).run())
    assert found == [
        (7, 4, "PG101 Missing pool.putconn(conn) when `cur.execute` at line 9 throws", Plugin),
        (14, 4, "PG101 Missing pool.putconn(conn) detected", Plugin),
        (19, 4, "PG101 Missing pool.putconn(conn) detected", Plugin),  # `# noqa` is flake8's to apply
    ]
    assert (Plugin.name, isinstance(Plugin.version, str)) == ("pglint", True)


def test_standard_input_is_skipped() -> None:
    assert list(Plugin(ast.parse("x = 1\n"), "stdin").run()) == []


def test_configuration_errors_become_one_finding(tmp_path: Path) -> None:
    (tmp_path / "pglint.toml").write_text("selct = []\n")
    path = tmp_path / "app.py"
    path.write_text(LEAKS)
    found = list(Plugin(ast.parse(LEAKS), str(path)).run())
    assert len(found) == 1
    line, col, text, _ = found[0]
    assert (line, col) == (1, 0)
    assert text.startswith("PG002 pglint could not read its configuration: ")
    assert text.endswith("pglint.toml: unknown key 'selct' (did you mean 'select'?)")


def test_project_resources_are_honoured(tmp_path: Path) -> None:
    source = "from app.db import pool\n\n\ndef leak():\n    conn = pool.getconn()\n    return 1\n"
    for name, config in (("with", '[[resources.pool]]\nvalue = "app.db.pool"\nlike = "psycopg2"\n'),
                         ("without", "")):
        root = tmp_path / name
        (root / "app").mkdir(parents=True)
        (root / "pglint.toml").write_text(config)
        (root / "app" / "__init__.py").write_text("")
        (root / "app" / "db.py").write_text("pool = make_pool()\n")
        (root / "handler.py").write_text(source)
    found = [t[2] for t in Plugin(ast.parse(source), str(tmp_path / "with" / "handler.py")).run()]
    assert found == ["PG101 Missing pool.putconn(conn) detected"]
    assert list(Plugin(ast.parse(source), str(tmp_path / "without" / "handler.py")).run()) == []


def test_pglint_configuration_applies_through_the_plugin(tmp_path: Path) -> None:
    (tmp_path / "app.py").write_text(LEAKS)
    (tmp_path / "gen").mkdir()
    (tmp_path / "gen" / "models.py").write_text(LEAKS)
    (tmp_path / "pglint.toml").write_text('extend-exclude = ["gen/"]\n[per-file-ignores]\n"app.py" = ["PG101"]\n')
    assert list(Plugin(ast.parse(LEAKS), str(tmp_path / "app.py")).run()) == []
    assert list(Plugin(ast.parse(LEAKS), str(tmp_path / "gen" / "models.py")).run()) == []
    (tmp_path / "pglint.toml").write_text('ignore = ["no-missing-client-release"]\n')
    assert list(Plugin(ast.parse(LEAKS), str(tmp_path / "app.py")).run()) == []
