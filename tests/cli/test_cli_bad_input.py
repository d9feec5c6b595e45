"""Files pglint cannot analyse become ``parse-error`` (PG001) findings and the run goes on."""

from __future__ import annotations

import json
from pathlib import Path

from cli_support import ORDERS_TS, write_files

from pglint.engine import MAX_FILE_BYTES


def _findings(pglint, root: Path, *args: str) -> tuple[int, list[tuple[str, str]]]:  # noqa: ANN001
    res = pglint("check", "--format", "json", *args, cwd=root)
    return res.code, [(f["path"], f["code"]) for f in json.loads(res.out)]


def test_each_kind_of_bad_file(pglint, tmp_path: Path) -> None:
    write_files(tmp_path, {
        "empty.py": "",
        "empty.ts": "",
        # JS/TS read in part is reported when it may hold database code (see test_cli_partial_parse)
        "broken.js": 'const pg = require("pg");\nconst x = ;\nfunction (\n',
        "broken.py": "def f(:\n    pass\n",
        "latin1.py": "# caf\xe9\nx = 'd\xe9j\xe0 vu'\n".encode("latin-1"),
        "src/orders.ts": ORDERS_TS,
    })
    code, found = _findings(pglint, tmp_path)
    assert code == 1
    assert found == [
        ("broken.js", "PG001"),
        ("broken.py", "PG001"),
        ("latin1.py", "PG001"),
        ("src/orders.ts", "PG101"),  # the run went on
        ("src/orders.ts", "PG402"),
    ]


def test_parse_error_messages(pglint, tmp_path: Path) -> None:
    write_files(tmp_path, {"broken.py": "x = 1\ndef f(:\n", "latin1.py": "s = '\xe9'\n".encode("latin-1")})
    res = pglint("check", "--format", "json", cwd=tmp_path)
    data = {f["path"]: f for f in json.loads(res.out)}
    assert data["broken.py"]["rule"] == "parse-error"
    assert data["broken.py"]["line"] == 2
    assert data["broken.py"]["severity"] == "error"
    assert "Fix the syntax error" in data["broken.py"]["fix"]
    assert "UTF-8" in data["latin1.py"]["message"]
    assert data["latin1.py"]["fix"] == "Save the file as UTF-8 (or exclude it)"


def test_huge_file(pglint, tmp_path: Path) -> None:
    # one that may hold database code (a file that holds none is not reported: test_cli_partial_parse)
    line = "x = 1\n"
    (tmp_path / "huge.py").write_text("import psycopg2\n" + line * (MAX_FILE_BYTES // len(line) + 10))
    code, found = _findings(pglint, tmp_path)
    assert (code, found) == (1, [("huge.py", "PG001")])


def test_empty_files_only(pglint, tmp_path: Path) -> None:
    write_files(tmp_path, {"a.py": "", "b.js": "", "c.tsx": ""})
    assert _findings(pglint, tmp_path) == (0, [])


def test_parse_errors_survive_select(pglint, tmp_path: Path) -> None:
    write_files(tmp_path, {"broken.py": "def f(:\n", "broken.js": "import pg from 'pg';\nlet = ;\n"})
    assert _findings(pglint, tmp_path, "--select", "PG104") == (1, [("broken.js", "PG001"), ("broken.py", "PG001")])


def test_text_report_of_a_parse_error(pglint, tmp_path: Path) -> None:
    write_files(tmp_path, {"broken.py": "def f(:\n"})
    res = pglint("check", "--quiet", cwd=tmp_path)
    lines = res.out.splitlines()
    assert lines[0] == "broken.py"
    assert lines[1].startswith("  1:") and lines[1].endswith("  parse-error")
    assert "error" in lines[1]
