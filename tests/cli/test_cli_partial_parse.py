"""A JS/TS file the grammar reads only in part: its error-free functions are analysed, and it is
reported once, as a PG001 warning, when something pglint checks may be in what was not read (the
file reaches a driver, names a driver or a module that reaches one, or holds SQL). A file that holds
no database code is not a finding: the run says on stderr that it was read in part. The same holds
for a file over the size limit."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from cli_support import write_files
from pglint.engine import MAX_FILE_BYTES

#: valid TypeScript tree-sitter-typescript 0.23 rejects and the grammar gap repair does not read
#: (reserved words as tuple labels)
GAP = "export type Pair = [new: string, function?: number];\n"

LEAK_AFTER_GAP = """\
import { Pool } from "pg";
export type Pair = [new: string, function?: number];
const pool = new Pool();
export async function leaks() {
  const client = await pool.connect();
  return client.query("SELECT 1");
}
"""


def _json(pglint, root: Path, *args: str) -> tuple[int, list[dict]]:  # noqa: ANN001
    res = pglint("check", "--no-cache", "--format", "json", *args, cwd=root)
    return res.code, json.loads(res.out)


def test_leak_in_a_partly_parsed_file_is_reported_with_one_warning(pglint, tmp_path: Path) -> None:
    write_files(tmp_path, {"db.ts": LEAK_AFTER_GAP})
    code, found = _json(pglint, tmp_path)
    assert code == 1  # the leak
    assert [(f["code"], f["severity"], f["line"]) for f in found] == [("PG001", "warning", 2), ("PG101", "error", 5)]
    assert found[0]["message"].startswith("could not parse line 2: tree-sitter's TypeScript grammar")
    assert "a keyword as a tuple label" in found[0]["message"]


def test_one_warning_per_file_whatever_the_number_of_errors(pglint, tmp_path: Path) -> None:
    write_files(tmp_path, {"a.ts": 'import "pg";\n' + GAP + "export const x = 1;\n" + GAP + GAP})
    code, found = _json(pglint, tmp_path)
    assert [(f["code"], f["line"]) for f in found] == [("PG001", 2)]
    assert "(and 2 more places)" in found[0]["message"]


@pytest.mark.parametrize("text", [
    GAP + "export const x = 1;\n",  # nothing
    'import { x } from "./util";\n' + GAP,  # a project module that reaches no driver
    'import React from "react";\n' + GAP + 'export const label = "select a file from the list";\n',  # no SQL
])
def test_a_file_without_database_code_is_not_a_finding(pglint, tmp_path: Path, text: str) -> None:  # noqa: ANN001
    write_files(tmp_path, {"types.ts": text, "util.ts": "export const x = 1;\n"})
    res = pglint("check", "--no-cache", "--format", "json", "--fail-on", "info", cwd=tmp_path)
    assert (res.code, json.loads(res.out)) == (0, [])
    assert "pglint: note: 1 file without database code" in res.err
    assert "types.ts" in res.err and "read in part" in res.err
    quiet = pglint("check", "--no-cache", "--quiet", cwd=tmp_path)
    assert "note" not in quiet.err


@pytest.mark.parametrize("text", [
    'import pg from "pg";\n' + GAP,  # a driver
    'import { db } from "./db";\n' + GAP,  # a project module that reaches a driver
    'export type T = [new: import("./db").Db];\n',  # the same, in the part that did not parse
    'export type T = [new: typeof import("pg")];\n',  # a driver, in the part that did not parse
    GAP + 'export const q = `SELECT name FROM users WHERE id = $1`;\n',  # SQL
])
def test_a_file_that_may_hold_database_code_is_a_warning(pglint, tmp_path: Path, text: str) -> None:  # noqa: ANN001
    write_files(tmp_path, {"a.ts": text, "db.ts": 'import pg from "pg";\nexport const db = new pg.Pool();\n'})
    code, found = _json(pglint, tmp_path, "--fail-on", "warning", "--select", "PG001")
    assert [(f["path"], f["code"], f["severity"]) for f in found] == [("a.ts", "PG001", "warning")]
    assert code == 1
    assert _json(pglint, tmp_path, "--select", "PG001")[0] == 0  # a warning: the default fail-on (error) passes


def test_the_warning_cannot_be_hidden(pglint, tmp_path: Path) -> None:
    write_files(tmp_path, {"types.ts": "// pglint: ignore[PG001]\nimport 'pg';\n" + GAP,
                           "pyproject.toml": '[tool.pglint]\nper-file-ignores = { "types.ts" = ["ALL"] }\n'})
    code, found = _json(pglint, tmp_path, "--select", "PG101")
    assert [(f["code"], f["severity"]) for f in found] == [("PG001", "warning")]


def test_a_file_over_the_size_limit_is_reported_only_when_it_may_hold_database_code(
        pglint, tmp_path: Path) -> None:  # noqa: ANN001
    filler = "//" + "x" * 98 + "\n"
    bundle = "var a = 1;\n" + filler * (MAX_FILE_BYTES // 100 + 1)
    write_files(tmp_path, {"bundle.js": bundle, "server.js": 'const pg = require("pg");\n' + bundle,
                           "dump.py": 'Q = "INSERT INTO t VALUES (1)"\n' + "#" * 99 + "\n" + "#" * MAX_FILE_BYTES})
    res = pglint("check", "--no-cache", "--format", "json", cwd=tmp_path)
    found = json.loads(res.out)
    assert [(f["path"], f["code"], f["severity"]) for f in found] == [("dump.py", "PG001", "error"),
                                                                       ("server.js", "PG001", "error")]
    assert "too large" in found[0]["message"]
    assert "bundle.js" in res.err and "over the size limit" in res.err and "server.js" not in res.err


def test_python_syntax_errors_stay_errors(pglint, tmp_path: Path) -> None:
    write_files(tmp_path, {"broken.py": "def f(:\n"})
    code, found = _json(pglint, tmp_path)
    assert (code, [(f["code"], f["severity"]) for f in found]) == (1, [("PG001", "error")])


def test_extensionless_scripts_are_checked_in_their_language(pglint, tmp_path: Path) -> None:
    write_files(tmp_path, {
        "bin/www": ('#!/usr/bin/env node\nconst { Pool } = require("pg");\nconst pool = new Pool();\n'
                    'async function main() {\n  const c = await pool.connect();\n  await c.query("SELECT 1");\n}\n'),
        "bin/manage": ('#!/usr/bin/env python3\nimport psycopg2\n\ndef main():\n'
                       '    conn = psycopg2.connect("")\n    conn.cursor().execute("SELECT 1")\n'),
        "bin/notes": ('import psycopg2\n\ndef main():\n'
                      '    conn = psycopg2.connect("")\n    conn.cursor().execute("SELECT 1")\n'),  # no shebang: not taken by the walk
    })
    code, found = _json(pglint, tmp_path, "--select", "PG101,PG103")
    assert (code, [(f["path"], f["code"]) for f in found]) == (1, [("bin/manage", "PG103"), ("bin/www", "PG101")])
    code, found = _json(pglint, tmp_path, "--select", "PG103", "bin/notes")  # named: read as Python
    assert [(f["path"], f["code"]) for f in found] == [("bin/notes", "PG103")]


def test_a_finding_shows_the_names_as_the_file_spells_them(pglint, tmp_path: Path) -> None:  # noqa: ANN001
    write_files(tmp_path, {"db.ts": (
        'import { Pool, PoolClient } from "pg";\n'
        "const pool = new Pool();\n"
        "export async function using(using: string) {\n"
        "  let as: PoolClient = await pool.connect();\n"
        "  await as.query(`SELECT $1::int`, [using.length]);\n"
        "}\n")})
    res = pglint("check", "--no-cache", "--format", "json", cwd=tmp_path)
    found = json.loads(res.out)
    assert [(f["code"], f["line"], f["message"]) for f in found] == [
        ("PG101", 4, "Missing as.release() detected")]
    assert "$" not in res.out


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="PEP 701 f-strings parse on Python 3.12+")
def test_newer_python_syntax_is_reported_only_where_it_may_hold_database_code(
        pglint, tmp_path: Path) -> None:  # noqa: ANN001
    fstring = 'def label(xs):\n    return f"[{",".join(xs)}]"\n'
    write_files(tmp_path, {
        "labels.py": "import os\n" + fstring,  # no database code: nothing lost
        "db.py": "import psycopg2\n" + fstring,  # a driver
        "views.py": "from app_db import conn\n" + fstring,  # a project module that reaches a driver
        "app_db.py": "import psycopg2\nconn = psycopg2.connect('')\n",
        "report.py": 'Q = "SELECT name FROM users"\n' + fstring,  # SQL
    })
    res = pglint("check", "--no-cache", "--format", "json", cwd=tmp_path)
    found = json.loads(res.out)
    assert [(f["path"], f["code"], f["severity"]) for f in found] == [
        ("db.py", "PG001", "error"), ("report.py", "PG001", "error"), ("views.py", "PG001", "error")]
    assert "needs" not in found[0]["message"] or "Python 3.12" in found[0]["message"]
    assert "labels.py" in res.err and "syntax newer than this Python" in res.err
