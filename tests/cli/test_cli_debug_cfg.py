"""``pglint debug cfg FILE[:FUNCTION] --format dot|mermaid|edges``."""

from __future__ import annotations

from pathlib import Path

import pytest

from cli_support import write_files

PY_SOURCE = """\
import psycopg2.pool

pool = psycopg2.pool.SimpleConnectionPool(1, 5)


def get_user(user_id):
    conn = pool.getconn()
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT name FROM users WHERE id = %s", (user_id,))
            return cur.fetchone()
    finally:
        pool.putconn(conn)


def helper():
    return 1
"""


def test_dot(pglint, orders_project: Path) -> None:
    res = pglint("debug", "cfg", "src/orders.ts", "--format", "dot", cwd=orders_project)
    assert res.code == 0, res.err
    assert res.out.count("digraph ") >= 2  # <module> and getUserOrders
    assert 'digraph "getUserOrders" {' in res.out
    assert "acquire" in res.out and "->" in res.out


def test_dot_is_the_default(pglint, orders_project: Path) -> None:
    a = pglint("debug", "cfg", "src/orders.ts", cwd=orders_project).out
    b = pglint("debug", "cfg", "src/orders.ts", "--format", "dot", cwd=orders_project).out
    assert a == b


def test_mermaid_one_function(pglint, orders_project: Path) -> None:
    res = pglint("debug", "cfg", "src/orders.ts:getUserOrders", "--format", "mermaid", cwd=orders_project)
    assert res.code == 0, res.err
    assert res.out.startswith("flowchart TD\n")
    assert res.out.count("flowchart TD") == 1
    assert "acquire" in res.out and "-->" in res.out


def test_mermaid_many_functions_are_labelled(pglint, orders_project: Path) -> None:
    res = pglint("debug", "cfg", "src/orders.ts", "--format", "mermaid", cwd=orders_project)
    assert res.code == 0
    assert "%% getUserOrders\nflowchart TD\n" in res.out


def test_edges(pglint, orders_project: Path) -> None:
    res = pglint("debug", "cfg", "src/orders.ts:getUserOrders", "--format", "edges", cwd=orders_project)
    assert res.code == 0
    lines = res.out.splitlines()
    assert lines[0] == "# getUserOrders"
    assert any(line.startswith("acquire") and "-exception->" in line for line in lines)


def test_python_file(pglint, tmp_path: Path) -> None:
    write_files(tmp_path, {"app/db.py": PY_SOURCE})
    res = pglint("debug", "cfg", "app/db.py:get_user", "--format", "dot", cwd=tmp_path)
    assert res.code == 0, res.err
    assert res.out.count("digraph ") == 1
    assert "acquire" in res.out and "release" in res.out


def test_unknown_function_lists_the_available_ones(pglint, orders_project: Path) -> None:
    res = pglint("debug", "cfg", "src/orders.ts:nope", cwd=orders_project)
    assert res.code == 2
    assert res.err.startswith("pglint: error: src/orders.ts: no function named 'nope'; available: ")
    assert "getUserOrders" in res.err
    assert res.err.count("\n") == 1


@pytest.mark.parametrize("target,needle", [
    ("missing.ts", "missing.ts: no such file or directory"),
    ("missing.ts:f", "missing.ts: no such file or directory"),
    ("notes.txt", "notes.txt: not a Python or JavaScript/TypeScript file"),
    ("src", "src: is a directory"),
])
def test_bad_targets(pglint, orders_project: Path, target: str, needle: str) -> None:
    (orders_project / "notes.txt").write_text("hi\n")
    res = pglint("debug", "cfg", target, cwd=orders_project)
    assert res.code == 2
    assert res.err.startswith(f"pglint: error: {needle}")
    assert res.err.count("\n") == 1


def test_syntax_error_is_a_usage_error(pglint, tmp_path: Path) -> None:
    write_files(tmp_path, {"bad.py": "def f(:\n"})
    res = pglint("debug", "cfg", "bad.py", cwd=tmp_path)
    assert res.code == 2
    assert res.err.startswith("pglint: error: bad.py:1:")
