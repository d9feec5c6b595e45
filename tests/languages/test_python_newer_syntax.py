"""A Python file written for a newer Python than pglint runs on gets a PG001 naming the version needed.

Each case is tested only where the running Python is older than the feature
(it parses fine otherwise: skipped, with the reason).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from pglint.engine import Options, run

RUNNING = f"{sys.version_info[0]}.{sys.version_info[1]}"

# (id, version, source, the feature as the message names it, line of the finding: 0 when it is
# a line of a multi-line literal, which depends on the Python version)
FEATURES: list[tuple[str, tuple[int, int], str, str, int]] = [
    ("except-star", (3, 11), "try:\n    pass\nexcept* ValueError:\n    pass\n", "`except*`", 3),
    ("star-unpack", (3, 11), "def f(*args: *Ts) -> None:\n    pass\n", "`*Ts`", 1),
    ("type-alias", (3, 12), "import os\n\ntype Rows = list[tuple[int, str]]\n", "`type` alias", 3),
    ("generic-alias", (3, 12), "type Pair[T] = tuple[T, T]\n", "`type` alias", 1),
    ("generic-def", (3, 12), "def first[T](xs: list[T]) -> T:\n    return xs[0]\n", "`def f[T]`", 1),
    ("generic-class", (3, 12), "class Box[T: (int, str)]:\n    pass\n", "`def f[T]`", 1),
    ("fstring-quotes", (3, 12), "row = {'a': 1}\nmsg = f\"{row[\"a\"]}\"\n", "f-string", 2),
    ("fstring-backslash", (3, 12), "names = []\nmsg = f\"{'\\n'.join(names)}\"\n", "f-string", 2),
    ("fstring-comment", (3, 12), "x = 1\nmsg = f'''{\n    x  # the count\n}'''\n", "f-string", 0),
    ("type-param-default", (3, 13), "class Box[T = int]:\n    pass\n", "type parameter default", 1),
    ("except-no-parens", (3, 14), "try:\n    pass\nexcept ValueError, TypeError:\n    pass\n", "`except A, B:`", 3),
    ("template-string", (3, 14), "name = 'x'\ngreeting = t\"hello {name}\"\n", "template string", 2),
]


def _pg001(tmp_path: Path, source: str) -> list[tuple[int, str, str]]:
    path = tmp_path / "mod.py"
    path.write_text("import psycopg2\n" + source)
    result = run([str(path)], Options())
    return [(d.span.line - 1, d.message, d.fix) for d in result.diagnostics if d.code == "PG001"]


@pytest.mark.parametrize("case", FEATURES, ids=lambda c: c[0])
def test_newer_syntax_names_the_python_version_needed(tmp_path: Path,
                                                      case: tuple[str, tuple[int, int], str, str, int]) -> None:
    _, version, source, feature, line = case
    if sys.version_info[:2] >= version:
        pytest.skip(f"Python {RUNNING} parses syntax from {version[0]}.{version[1]}")
    needed = f"{version[0]}.{version[1]}"
    [(found_line, message, fix)] = _pg001(tmp_path, source)
    assert found_line == line or (line == 0 and found_line > 1)
    assert message.startswith(f"uses syntax from Python {needed} (")
    assert feature in message
    assert message.endswith(f"pglint runs on Python {RUNNING} — run pglint with Python {needed} or newer")
    assert needed in fix


def test_the_newest_feature_decides_the_version(tmp_path: Path) -> None:
    if sys.version_info[:2] >= (3, 14):
        pytest.skip(f"Python {RUNNING} parses syntax from 3.14")
    [(line, message, _)] = _pg001(tmp_path, "type X = int\ny = t'{X}'\n" if sys.version_info[:2] < (3, 12)
                                  else "def f[T = int]() -> None: ...\ny = t'{f}'\n")
    assert line == 1 and "Python 3.14 (a template string `t\"…\"`, line 3)" in message  # (of the file: pglint adds an import)


@pytest.mark.parametrize("source", [
    "def f(:\n    pass\n",
    "msg = f\"{x\"\n",
    "type X = = 1\n",
    "try:\n    pass\nexcept ValueError, TypeError as e:\n    pass\n",  # needs parentheses even on 3.14
    "sql = f'SELECT id FROM {TABLE\x03} WHERE id = %s'\n",  # a broken field is broken on 3.12 too
    "msg = f'{a b}'\n",
], ids=["broken-def", "unclosed-fstring-field", "broken-type-alias", "except-list-with-as",
        "fstring-control-character", "fstring-field-not-an-expression"])
def test_an_ordinary_syntax_error_stays_one(tmp_path: Path, source: str) -> None:
    [(_, message, _)] = _pg001(tmp_path, source)
    assert message.startswith("syntax error: ")


def test_newer_syntax_followed_by_an_error_still_names_the_version(tmp_path: Path) -> None:
    if sys.version_info[:2] >= (3, 12):
        pytest.skip(f"Python {RUNNING} parses syntax from 3.12")
    [(line, message, _)] = _pg001(tmp_path, "type X = int\n\ndef f(:\n    pass\n")
    assert line == 1 and message.startswith("uses syntax from Python 3.12 (`type` alias)")


def test_the_files_own_syntax_warnings_are_not_printed(tmp_path: Path) -> None:
    (tmp_path / "mod.py").write_text("import psycopg2\nx = [0x1for x in y]\n")
    res = subprocess.run([sys.executable, "-m", "pglint", "check", "--isolated", "--no-cache", "mod.py"],
                         cwd=tmp_path, capture_output=True, text=True)
    assert res.returncode == 0 and res.stderr == "", res.stderr
