"""Lines are the language's lines: positions, fingerprints and suppressions agree with Python's and JavaScript's
own line terminators, whatever else a file holds (form feeds, ``\\x85``, U+2028, lone CRs)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pglint.baseline import fingerprint
from pglint.engine import Options, run
from pglint.sourcelines import count_breaks, first_line, line_starts, split_lines
from pglint.suppression import apply_suppressions, collect_comments, comments_from_source

PY_LEAK = """\
import os
{comment}
from psycopg2.pool import ThreadedConnectionPool

pool = ThreadedConnectionPool(1, 10, os.environ["DATABASE_URL"])


def get_user_orders(user_id):
    conn = pool.getconn()
    with conn.cursor() as cur:
        cur.execute("SELECT id, total FROM orders WHERE user_id = %s", (user_id,))
        return cur.fetchall()


def get_totals():
    conn = pool.getconn()
    cur = conn.cursor()
    cur.execute("SELECT total FROM orders")
    return cur.fetchall()
"""

JS_LEAK = """\
import { Pool } from 'pg'
const pool = new Pool()
const label = "héllo"
async function getUserOrders(userId) {
  const client = await pool.connect()
  const orders = await client.query('SELECT id FROM orders WHERE user_id = $1', [userId])
  return orders.rows
}
async function getTotals() {
  const client = await pool.connect()
  const t = await client.query('SELECT total FROM orders')
  return t.rows
}
"""


def findings(tmp_path: Path, name: str, data: bytes) -> list[tuple[str, int, int, int, int, str]]:
    """``(code, line, column, end_line, end_column, fingerprint)`` of every finding in one file, ``name``
    (``folder/file``) in a folder of its own: the fingerprint covers the file's path from there."""
    folder, _, base = name.rpartition("/")
    (tmp_path / folder).mkdir()
    path = tmp_path / folder / base
    path.write_bytes(data)
    result = run([str(path)], Options(jobs=1))
    return [(d.code, d.span.line, d.span.column, d.span.end_line, d.span.end_column, fingerprint(d, str(tmp_path / folder)))
            for d in result.diagnostics]


@pytest.mark.parametrize("char", ["\f", "\x0b", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"])
def test_python_characters_that_are_not_line_breaks_change_nothing(tmp_path: Path, char: str) -> None:
    plain = findings(tmp_path, "plain/a.py", PY_LEAK.format(comment="# a comment").encode())
    odd = findings(tmp_path, "odd/a.py", PY_LEAK.format(comment=f"# a{char}comment").encode())
    assert [f[0] for f in plain] == ["PG101", "PG101"]
    assert odd == plain


@pytest.mark.parametrize("newline", ["\r", "\r\n"])
def test_python_cr_line_endings_keep_positions_and_fingerprints(tmp_path: Path, newline: str) -> None:
    source = PY_LEAK.format(comment="# a comment").replace("    conn = pool.getconn()\n    cur",
                                                          "    é = 1; conn = pool.getconn()\n    cur")
    plain = findings(tmp_path, "plain/a.py", source.encode())
    other = findings(tmp_path, "other/a.py", source.replace("\n", newline).encode())
    assert [f[:3] for f in plain] == [("PG101", 9, 5), ("PG101", 16, 12)]
    assert other == plain


@pytest.mark.parametrize("name", ["leak.js", "leak.ts"])
@pytest.mark.parametrize("newline", ["\r", "\r\n", "\u2028", "\u2029"])
def test_js_line_terminators_parse_with_asi_and_keep_positions(tmp_path: Path, name: str, newline: str) -> None:
    plain = findings(tmp_path, "plain/" + name, JS_LEAK.encode())
    other = findings(tmp_path, "other/" + name, JS_LEAK.replace("\n", newline).encode())
    assert [f[:3] for f in plain] == [("PG101", 5, 9), ("PG101", 10, 9)]
    assert other == plain


def test_js_mixed_line_terminators(tmp_path: Path) -> None:
    lines = JS_LEAK.split("\n")
    ends = ["\r", "\n", "\u2028", "\r\n", "\r", "\u2029", "\r", "\n", "\r", "\r", "\r\n", "\n", "\r"]
    mixed = "".join(line + end for line, end in zip(lines, ends))
    assert findings(tmp_path, "mixed/a.js", mixed.encode()) == findings(tmp_path, "plain/a.js", JS_LEAK.encode())


def test_js_u2028_in_a_string_is_not_a_break_for_the_parser_but_counts_as_a_line(tmp_path: Path) -> None:
    # In a string literal U+2028 is allowed (ES2019) and the string stays one token; every line after it
    # still counts it, as ECMAScript counts lines.
    source = JS_LEAK.replace('"héllo"', '"hé\u2028llo"')
    found = findings(tmp_path, "string/a.js", source.encode())
    assert [f[:3] for f in found] == [("PG101", 6, 9), ("PG101", 11, 9)]


def test_js_syntax_errors_after_lone_crs_are_reported_at_the_right_line(tmp_path: Path) -> None:
    source = "const pg = require('pg')\nconst b = 2\nconst = 3\n"  # (names a driver: reported)
    found = findings(tmp_path, "broken/a.js", source.replace("\n", "\r").encode())
    assert found == findings(tmp_path, "plain/a.js", source.encode())
    assert [f[:3] for f in found] == [("PG001", 3, 1)]


def test_suppressions_follow_the_language_lines(tmp_path: Path) -> None:
    js = JS_LEAK.replace("  const client = await pool.connect()\n  const orders",
                         "  // pglint-disable-next-line PG101\n  const client = await pool.connect()\n  const orders")
    py = PY_LEAK.format(comment="# a\fcomment\x85").replace("    conn = pool.getconn()\n    with",
                                                           "    conn = pool.getconn()  # noqa: PG101\n    with")
    files = {"a.js": js.replace("\n", "\r").encode(), "b.ts": js.replace("\n", "\u2028").encode(),
             "c.py": py.replace("\n", "\r").encode(), "d.py": py.encode()}
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    paths = [str(tmp_path / name) for name in files]
    result = run(paths, Options(jobs=1))
    kept, suppressed, unused = apply_suppressions(result.diagnostics, collect_comments(paths),
                                                  frozenset({"PG101", "PG003"}))
    assert suppressed == 4 and unused == []
    assert sorted((Path(d.path).name, d.span.line) for d in kept) == [
        ("a.js", 11), ("b.ts", 11), ("c.py", 16), ("d.py", 16)]


def test_js_block_comment_spanning_lone_cr_lines_targets_the_next_line() -> None:
    comments = comments_from_source("javascript", "/* pglint-disable-next-line PG101\r -- why */\rx()\r")
    from pglint.suppression import parse_directives

    [directive] = parse_directives(comments[0])
    assert (directive.line, directive.target) == (1, 3)


def test_python_comments_on_lone_cr_lines() -> None:
    comments = comments_from_source("python", "x = 1\r# one\ry = 2  # two\r")
    assert [(c.line, c.column, c.text) for c in comments] == [(2, 1, "# one"), (3, 8, "# two")]


def test_helpers() -> None:
    assert split_lines(b"a\fb\x85c\r\nd\re\n", "python") == [b"a\fb\x85c", b"d", b"e", b""]
    assert split_lines("a\u2028b\rc\r\nd".encode(), "javascript") == [b"a", b"b", b"c", b"d"]
    assert split_lines("a\u2028b".encode(), "python") == ["a\u2028b".encode()]
    assert line_starts(b"ab\r\ncd\ref", "python") == [0, 4, 7]
    assert count_breaks("a\r\nb\u2028c\rd", "javascript") == 3
    assert count_breaks("a\r\nb\u2028c\rd", "python") == 2
    assert first_line("abc\u2029def", "javascript") == "abc"
