"""A JS/TS file the grammar reads only in part: its error-free functions are analysed, and it is
reported once, as a PG001 warning that only fails the run when the file mentions a driver or a
project module (a file that mentions neither cannot hide a leak)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cli_support import write_files

#: valid TypeScript tree-sitter-typescript 0.23 rejects (`export type * from`, TS 5.0)
EXPORT_TYPE_STAR = 'export type * from "@scope/types";\n'

LEAK_AFTER_GAP = """\
import { Pool } from "pg";
export interface Box<out T> { get(): T }
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
    assert "`out T`" in found[0]["message"]


def test_one_warning_per_file_whatever_the_number_of_errors(pglint, tmp_path: Path) -> None:
    write_files(tmp_path, {"a.ts": EXPORT_TYPE_STAR + "export interface A<out T> { a: T }\n" + EXPORT_TYPE_STAR})
    code, found = _json(pglint, tmp_path)
    assert [(f["code"], f["line"]) for f in found] == [("PG001", 1)]
    assert "(and 2 more places)" in found[0]["message"]


@pytest.mark.parametrize("fail_on", ["error", "warning", "info"])
def test_a_file_mentioning_no_driver_or_project_module_does_not_change_the_exit_status(
        pglint, tmp_path: Path, fail_on: str) -> None:  # noqa: ANN001
    write_files(tmp_path, {"types.ts": EXPORT_TYPE_STAR + "export const x = 1;\n"})
    code, found = _json(pglint, tmp_path, "--fail-on", fail_on)
    assert [(f["code"], f["severity"]) for f in found] == [("PG001", "warning")]
    assert code == 0


@pytest.mark.parametrize("text", [
    'import pg from "pg";\n' + EXPORT_TYPE_STAR,  # a driver
    'import { db } from "./db";\n' + EXPORT_TYPE_STAR,  # a project module
    'export type * from "./types";\n',  # a project module, in the part that did not parse
    'export type * from "pg";\n',  # a driver, in the part that did not parse
])
def test_a_file_mentioning_a_driver_or_project_module_fails_at_fail_on_warning(
        pglint, tmp_path: Path, text: str) -> None:  # noqa: ANN001
    write_files(tmp_path, {"a.ts": text, "db.ts": "export const db = 1;\n"})
    code, found = _json(pglint, tmp_path, "--fail-on", "warning")
    assert [(f["path"], f["code"], f["severity"]) for f in found] == [("a.ts", "PG001", "warning")]
    assert code == 1
    assert _json(pglint, tmp_path)[0] == 0  # a warning: the default fail-on (error) passes


def test_the_warning_cannot_be_hidden(pglint, tmp_path: Path) -> None:
    write_files(tmp_path, {"types.ts": "// pglint: ignore[PG001]\n" + EXPORT_TYPE_STAR,
                           "pyproject.toml": '[tool.pglint]\nper-file-ignores = { "types.ts" = ["ALL"] }\n'})
    code, found = _json(pglint, tmp_path, "--select", "PG101")
    assert [(f["code"], f["severity"]) for f in found] == [("PG001", "warning")]


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
