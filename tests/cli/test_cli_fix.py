"""``pglint check --fix / --unsafe-fixes / --diff`` and the fixes of :mod:`pglint.fixes`.

Every fixture of a rule with a fix is fixed in a copy and checked again: the
result parses, the findings fixed are gone, no finding of the rule appears that
was not there before, and a second ``--fix`` changes nothing (idempotent).
"""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest

from pglint.fixes import FileChangedError, write_if_unchanged

ROOT = Path(__file__).resolve().parents[2]
FIXABLE = ("PG101", "PG103", "PG106", "PG401")
FIXTURES = sorted(p for code in FIXABLE for d in (ROOT / "tests" / "rules").glob(f"{code}-*")
                  for p in d.iterdir() if p.suffix in (".py", ".js", ".ts"))


def _findings(pglint, cwd: Path, *args: str) -> list[dict]:
    res = pglint("check", "--no-cache", "--format", "json", *args, ".", cwd=cwd)
    return json.loads(res.out)


def _fixed(err_or_out: str) -> int:
    m = re.search(r"\((\d+) fixed, (\d+) remaining\)", err_or_out)
    assert m, err_or_out
    return int(m.group(1))


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: f"{p.parent.name[:5]}/{p.name}")
def test_every_fixture_fixed_parses_clean_and_idempotent(pglint, tmp_path: Path, fixture: Path) -> None:
    code = fixture.parent.name[:5]
    shutil.copy(fixture, tmp_path / fixture.name)
    before = _findings(pglint, tmp_path, "--select", code)
    res = pglint("check", "--no-cache", "--format", "json", "--select", code, "--fix", "--unsafe-fixes", ".",
                 cwd=tmp_path)
    fixed = _fixed(res.err)
    after = json.loads(res.out)
    assert not [f for f in after if f["code"] in ("PG001", "PG002")], after  # the fixed file parses
    assert {f["fingerprint"] for f in after} <= {f["fingerprint"] for f in before}  # nothing new
    assert len(before) - len(after) == fixed
    text = (tmp_path / fixture.name).read_text()
    again = pglint("check", "--no-cache", "--format", "json", "--select", code, "--fix", "--unsafe-fixes", ".",
                   cwd=tmp_path)
    assert _fixed(again.err) == 0 and (tmp_path / fixture.name).read_text() == text


@pytest.mark.parametrize("code", FIXABLE)
def test_each_fix_applies_in_each_language(pglint, tmp_path: Path, code: str) -> None:
    languages = {"python": [".py"], "js": [".js", ".ts"]} if code != "PG103" else {"python": [".py"], "js": [".js"]}
    for name, suffixes in languages.items():
        fixtures = [p for p in FIXTURES if p.parent.name.startswith(code) and p.suffix in suffixes]
        total = 0
        for fixture in fixtures:
            work = tmp_path / name / fixture.name
            work.parent.mkdir(exist_ok=True)
            shutil.copy(fixture, work)
            res = pglint("check", "--no-cache", "--select", code, "--fix", "--unsafe-fixes", str(work))
            total += _fixed(res.out)
        assert total > 0, (code, name)


PY_MIXED = '''import asyncpg
import psycopg2.pool

pool = psycopg2.pool.SimpleConnectionPool(1, 5)


async def notify(conn: asyncpg.Connection):
    conn.execute("SELECT pg_notify('jobs', 'x')")


def count():
    conn = pool.getconn()  # noqa: PG102
    cur = conn.cursor()
    cur.execute("SELECT count(*) FROM users")
    pool.putconn(conn)
    return cur.fetchone()
'''

PY_MIXED_FIXED = '''import asyncpg
import psycopg2.pool

pool = psycopg2.pool.SimpleConnectionPool(1, 5)


async def notify(conn: asyncpg.Connection):
    await conn.execute("SELECT pg_notify('jobs', 'x')")


def count():
    conn = pool.getconn()
    try:
        cur = conn.cursor()
        cur.execute("SELECT count(*) FROM users")
    finally:
        pool.putconn(conn)
    return cur.fetchone()
'''


def test_fixes_compose_in_one_file_and_are_idempotent(pglint, tmp_path: Path) -> None:
    target = tmp_path / "jobs.py"
    target.write_text(PY_MIXED)
    res = pglint("check", "--no-cache", "--fix", "--unsafe-fixes", ".", cwd=tmp_path)
    assert target.read_text() == PY_MIXED_FIXED
    assert "Found 3 findings (3 fixed, 0 remaining)." in res.out
    assert res.code == 0
    again = pglint("check", "--no-cache", "--fix", "--unsafe-fixes", ".", cwd=tmp_path)
    assert target.read_text() == PY_MIXED_FIXED and "(0 fixed, 0 remaining)" in again.out


def test_fix_applies_only_safe_fixes_without_unsafe_fixes(pglint, tmp_path: Path) -> None:
    target = tmp_path / "jobs.py"
    target.write_text(PY_MIXED)
    res = pglint("check", "--no-cache", "--fix", ".", cwd=tmp_path)
    assert res.code == 1  # the leak and the floating query remain
    text = target.read_text()
    assert "# noqa: PG102" not in text and "conn = pool.getconn()\n" in text  # PG003: safe
    assert "try:" not in text and "    conn.execute(" in text  # unsafe ones untouched
    assert "Found 3 findings (1 fixed, 2 remaining)." in res.out
    assert "(2 hidden fixes can be enabled with the `--unsafe-fixes` option.)" in res.out


def test_diff_shows_the_fixes_without_writing(pglint, tmp_path: Path) -> None:
    target = tmp_path / "jobs.py"
    target.write_text(PY_MIXED)
    res = pglint("check", "--no-cache", "--diff", "--unsafe-fixes", ".", cwd=tmp_path)
    assert res.code == 1
    assert target.read_text() == PY_MIXED
    assert res.out.startswith("--- a/jobs.py\n+++ b/jobs.py\n")
    assert "+    await conn.execute(" in res.out and "+    finally:\n" in res.out
    assert "Would fix 3 findings." in res.err
    clean = tmp_path / "clean"
    clean.mkdir()
    (clean / "ok.py").write_text("import psycopg2\n")
    none = pglint("check", "--no-cache", "--diff", ".", cwd=clean)
    assert none.code == 0 and none.out == ""


def test_fix_and_diff_refuse_what_they_cannot_do(pglint, tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text("import psycopg2\n")
    res = pglint("check", "--fix", "--diff", ".", cwd=tmp_path)
    assert res.code == 2 and res.err.count("\n") == 1 and "--fix and --diff" in res.err
    res = pglint("check", "--fix", "--write-baseline", "b.json", ".", cwd=tmp_path)
    assert res.code == 2 and "--write-baseline" in res.err


def test_json_and_sarif_say_whether_a_fix_is_available(pglint, tmp_path: Path) -> None:
    (tmp_path / "jobs.py").write_text(PY_MIXED)
    (tmp_path / "q.py").write_text("import psycopg2.pool\n\npool = psycopg2.pool.SimpleConnectionPool(1, 5)\n\n\n"
                                   "def q():\n    conn = pool.getconn()\n    cur = conn.cursor()\n"
                                   "    cur.execute('SELECT 1')\n    return cur.fetchall()\n")  # no release to move
    data = _findings(pglint, tmp_path)
    by_code = {f["code"] if f["path"] == "jobs.py" else "q-" + f["code"]: f for f in data}
    assert (by_code["PG003"]["fix_available"], by_code["PG003"]["fix_safety"]) == (True, "safe")
    assert (by_code["PG106"]["fix_available"], by_code["PG106"]["fix_safety"]) == (True, "unsafe")
    assert (by_code["q-PG101"]["fix_available"], by_code["q-PG101"]["fix_safety"]) == (False, None)
    sarif = json.loads(pglint("check", "--no-cache", "--format", "sarif", ".", cwd=tmp_path).out)
    results = {r["ruleId"] if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "jobs.py"
               else "q-" + r["ruleId"]: r for r in sarif["runs"][0]["results"]}
    change = results["PG106"]["fixes"][0]["artifactChanges"][0]
    assert change["artifactLocation"]["uri"] == "jobs.py"
    assert change["replacements"] == [{"deletedRegion": {"startLine": 8, "startColumn": 5, "endLine": 8,
                                                         "endColumn": 5}, "insertedContent": {"text": "await "}}]
    assert results["PG106"]["properties"]["fixSafety"] == "unsafe"
    assert "fixes" not in results["q-PG101"] and results["q-PG101"]["properties"]["fixAvailable"] is False


@pytest.mark.parametrize("source,fixed", [
    ("import psycopg2\nx = 1  # noqa: PG102\n", "import psycopg2\nx = 1\n"),
    ("import psycopg2\n# pglint: ignore[PG101]\nx = 1\n", "import psycopg2\nx = 1\n"),
    ("import psycopg2\nx = 1  # noqa: PG102, E501\n", "import psycopg2\nx = 1  # noqa: E501\n"),
    ("import psycopg2\nx = 1  # pglint: ignore[PG102, no-such-rule] -- why\n",
     "import psycopg2\nx = 1\n"),
], ids=["noqa", "own-line", "other-tools-codes", "ignore-with-reason"])
def test_pg003_python(pglint, tmp_path: Path, source: str, fixed: str) -> None:
    (tmp_path / "a.py").write_text(source)
    pglint("check", "--no-cache", "--fix", ".", cwd=tmp_path)
    assert (tmp_path / "a.py").read_text() == fixed


JS_LEAK = "const { Pool } = require('pg');\nconst pool = new Pool();\n\nasync function f() {\n" \
          "  const client = await pool.connect();\n  await client.query('SELECT 1');\n}\n"


@pytest.mark.parametrize("directive,fixed_line", [
    ("  // pglint-disable-next-line PG102\n", ""),
    ("  // pglint-disable-next-line PG102, PG302\n", ""),
    ("  /* pglint-disable PG102 */\n", ""),
], ids=["next-line", "two-unused", "block"])
def test_pg003_js(pglint, tmp_path: Path, directive: str, fixed_line: str) -> None:
    source = JS_LEAK.replace("  const client", directive + "  const client")
    (tmp_path / "a.js").write_text(source)
    pglint("check", "--no-cache", "--fix", ".", cwd=tmp_path)
    assert (tmp_path / "a.js").read_text() == JS_LEAK.replace("  const client", fixed_line + "  const client")


def test_pg003_js_keeps_the_used_code(pglint, tmp_path: Path) -> None:
    source = JS_LEAK.replace("  const client", "  // pglint-disable-next-line PG102, PG101\n  const client")
    (tmp_path / "a.js").write_text(source)
    res = pglint("check", "--no-cache", "--fix", ".", cwd=tmp_path)
    assert (tmp_path / "a.js").read_text() == source.replace("PG102, PG101", "PG101")
    assert res.code == 0


def test_write_refuses_a_changed_or_special_file(tmp_path: Path) -> None:
    target = tmp_path / "a.py"
    target.write_bytes(b"old\n")
    with pytest.raises(FileChangedError):
        write_if_unchanged(str(target), b"older\n", b"new\n")
    assert target.read_bytes() == b"old\n"
    write_if_unchanged(str(target), b"old\n", b"new\n")
    assert target.read_bytes() == b"new\n"
    assert [p.name for p in tmp_path.iterdir()] == ["a.py"]  # no temporary file left
    if hasattr(os, "mkfifo"):
        fifo = tmp_path / "b.py"
        os.mkfifo(fifo)
        with pytest.raises(FileChangedError):
            write_if_unchanged(str(fifo), b"", b"x")


def test_fix_keeps_file_mode(pglint, tmp_path: Path) -> None:
    target = tmp_path / "a.py"
    target.write_text("import psycopg2\nx = 1  # noqa: PG102\n")
    os.chmod(target, 0o640)
    pglint("check", "--no-cache", "--fix", ".", cwd=tmp_path)
    assert target.read_text() == "import psycopg2\nx = 1\n"
    assert (os.stat(target).st_mode & 0o777) == 0o640


def test_fix_leaves_baselined_findings_alone(pglint, tmp_path: Path) -> None:
    target = tmp_path / "jobs.py"
    target.write_text(PY_MIXED.replace("  # noqa: PG102", ""))
    pglint("check", "--no-cache", "--write-baseline", "base.json", ".", cwd=tmp_path)
    res = pglint("check", "--no-cache", "--fix", "--unsafe-fixes", "--baseline", "base.json", ".", cwd=tmp_path)
    assert target.read_text() == PY_MIXED.replace("  # noqa: PG102", "")  # accepted findings: not touched
    assert "(0 fixed, 0 remaining)" in res.out and res.code == 0
