"""Baselines: stable fingerprints, multiset matching, stale entries, versioning, and edits that must not resurface findings."""

from __future__ import annotations

import json
import shutil
import textwrap
from dataclasses import replace
from pathlib import Path

import pytest

from pglint.baseline import (BASELINE_VERSION, BaselineError, apply_baseline, fingerprint, load_baseline,
                             render_baseline, write_baseline)
from pglint.config import ConfigError
from pglint.diagnostics import Diagnostic
from pglint.engine import run
from pglint.ir.cfg import Span
from workflow_support import diag


def shifted(d: Diagnostic, by: int) -> Diagnostic:
    s = d.span
    return replace(d, span=Span(s.line + by, s.column, s.end_line + by, s.end_column))


def baseline_for(tmp_path: Path, diags: list[Diagnostic]) -> Path:
    path = tmp_path / "pglint-baseline.json"
    write_baseline(str(path), diags)
    return path


def test_round_trip_drops_recorded_findings(tmp_path: Path) -> None:
    a = diag("PG101", path=str(tmp_path / "a.py"))
    b = diag("PG102", path=str(tmp_path / "b.py"), message="client released twice")
    path = baseline_for(tmp_path, [a, b])
    result = apply_baseline([a, b, diag("PG103", path=str(tmp_path / "a.py"))], load_baseline(str(path)))
    assert [d.code for d in result.kept] == ["PG103"]
    assert (result.matched, result.stale) == (2, 0)


def test_file_format(tmp_path: Path) -> None:
    d = diag("PG101", path=str(tmp_path / "src" / "a.py"), function="get_user/<callback@4:9>",
             snippet="conn  =   pool.getconn()", message="Missing conn.close() when `q` at line 9 throws")
    doc = json.loads(render_baseline([d], str(tmp_path)))
    assert doc == {
        "version": BASELINE_VERSION, "tool": "pglint", "pglint_version": doc["pglint_version"],
        "findings": [{"fingerprint": fingerprint(d, str(tmp_path)), "code": "PG101",
                      "rule": "no-missing-client-release", "path": "src/a.py", "function": "get_user/<callback>",
                      "code_line": "conn = pool.getconn()",
                      "message": "Missing conn.close() when `q` at line 9 throws"}],
    }
    assert "line" not in doc["findings"][0]


def test_multiset_semantics(tmp_path: Path) -> None:
    one = diag("PG101", line=3)
    two = diag("PG101", line=9)  # same rule, function, code and message: the same fingerprint
    assert fingerprint(one, str(tmp_path)) == fingerprint(two, str(tmp_path))
    path = baseline_for(tmp_path, [one, two])
    result = apply_baseline([one, two, diag("PG101", line=20)], load_baseline(str(path)))
    assert len(result.kept) == 1 and result.matched == 2
    result = apply_baseline([one], load_baseline(str(path)))
    assert result.kept == [] and (result.matched, result.stale) == (1, 1)


def test_stale_entries_are_counted(tmp_path: Path) -> None:
    path = baseline_for(tmp_path, [diag("PG101"), diag("PG102", message="double"), diag("PG103", message="x")])
    result = apply_baseline([diag("PG101")], load_baseline(str(path)))
    assert (result.kept, result.matched, result.stale) == ([], 1, 2)


@pytest.mark.parametrize("change", [
    lambda d: shifted(d, 12),  # lines added above
    lambda d: replace(shifted(d, 3), message="Missing conn.close() when `cur.execute` at line 24 throws"),
    lambda d: replace(d, snippet="    conn = pool.getconn()   ", span=Span(3, 9, 3, 13)),  # re-indented
    lambda d: replace(d, function="outer/<callback@40:3>"),  # a callback moved down
])
def test_edits_elsewhere_keep_the_fingerprint(change, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    d = diag("PG101", message="Missing conn.close() when `cur.execute` at line 21 throws",
             function="outer/<callback@12:3>")
    assert fingerprint(change(d), str(tmp_path)) == fingerprint(d, str(tmp_path))


@pytest.mark.parametrize("change", [
    lambda d: replace(d, code="PG102"),
    lambda d: replace(d, function="other"),
    lambda d: replace(d, snippet="conn = replica.getconn()"),
    lambda d: replace(d, path="/repo/other.py"),
    lambda d: replace(d, message="Missing conn.close() on the path that returns at line 4"),
])
def test_a_different_finding_has_a_different_fingerprint(change, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    d = diag("PG101", message="Missing conn.close() when `cur.execute` at line 21 throws")
    assert fingerprint(change(d), "/repo") != fingerprint(d, "/repo")


def test_paths_are_relative_to_the_baseline_so_checkouts_elsewhere_match(tmp_path: Path) -> None:
    first = tmp_path / "one"
    second = tmp_path / "two"
    path = first / "baseline.json"
    first.mkdir()
    write_baseline(str(path), [diag("PG101", path=str(first / "src" / "a.py"))])
    second.mkdir()
    shutil.copy(path, second / "baseline.json")
    result = apply_baseline([diag("PG101", path=str(second / "src" / "a.py"))],
                            load_baseline(str(second / "baseline.json")))
    assert result.kept == [] and result.matched == 1


# --------------------------------------------------------------------------- errors


def test_newer_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    path.write_text(json.dumps({"version": BASELINE_VERSION + 1, "findings": []}))
    with pytest.raises(BaselineError) as info:
        load_baseline(str(path))
    assert str(info.value) == (
        f"{path}: baseline format version {BASELINE_VERSION + 1} is newer than this pglint understands "
        f"(version {BASELINE_VERSION}); upgrade pglint, or rewrite the baseline with --write-baseline")
    assert isinstance(info.value, ConfigError)  # the CLI prints it as one line and exits 2


@pytest.mark.parametrize("text, message", [
    ("{", "{path}:1:2: the baseline is not valid JSON: Expecting property name enclosed in double quotes"),
    ("[]", "{path}: not a pglint baseline (no 'version' field)"),
    ('{"version": "1"}', "{path}: not a pglint baseline ('version' must be a positive integer)"),
    ('{"version": 1}', "{path}: not a pglint baseline ('findings' must be a list)"),
    ('{"version": 1, "findings": [{"code": "PG101"}]}', "{path}: finding #1 has no 'fingerprint'"),
])
def test_bad_files(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "b.json"
    path.write_text(text)
    with pytest.raises(BaselineError) as info:
        load_baseline(str(path))
    assert str(info.value) == message.format(path=path)


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "none.json"
    with pytest.raises(BaselineError, match="no such baseline file \\(create it with --write-baseline "):
        load_baseline(str(path))


def test_unwritable_baseline(tmp_path: Path) -> None:
    with pytest.raises(BaselineError, match="cannot write the baseline"):
        write_baseline(str(tmp_path / "missing-dir" / "b.json"), [])


# --------------------------------------------------------------------------- through the engine

APP_PY = '''\
from psycopg2.pool import ThreadedConnectionPool

pool = ThreadedConnectionPool(1, 5, "dbname=app")


def get_user(user_id):
    conn = pool.getconn()
    cur = conn.cursor()
    cur.execute("SELECT name FROM users WHERE id = %s", (user_id,))
    row = cur.fetchone()
    pool.putconn(conn)
    return row


def leak():
    conn = pool.getconn()
    return 1
'''

APP_JS = '''\
const { Pool } = require('pg');
const pool = new Pool();

function handler(req, res) {
  pool.connect((err, client, done) => {
    if (err) return;
    client.query('SELECT 1', (err2, result) => {
      res.send(result);
    });
  });
}
'''


def _engine(tmp_path: Path) -> list[Diagnostic]:
    return run([str(tmp_path / "src")]).diagnostics


def test_moving_code_and_adding_lines_does_not_resurface_findings(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "app.py").write_text(APP_PY)
    (src / "app.js").write_text(APP_JS)
    before = _engine(tmp_path)
    assert sorted(d.code for d in before) == ["PG101", "PG101", "PG101"]
    assert any("at line" in d.message for d in before)  # messages do carry line numbers
    path = tmp_path / "baseline.json"
    write_baseline(str(path), before)

    # Lines added above everything, the two Python functions swapped, the JS handler moved down.
    head, rest = APP_PY.split("\n\n\ndef get_user", 1)
    get_user, leak = ("def get_user" + rest).split("\n\n\ndef leak", 1)
    (src / "app.py").write_text('"""Users."""\nimport os\n\nDEBUG = os.environ.get("DEBUG")\n' + head
                                + "\n\n\ndef leak" + leak + "\n\n" + get_user)
    (src / "app.js").write_text(APP_JS.replace("const pool = new Pool();\n",
                                               "const pool = new Pool();\n\nfunction noop() {}\n\n// handlers\n"))
    after = _engine(tmp_path)
    assert sorted(d.span.line for d in after) != sorted(d.span.line for d in before)
    result = apply_baseline(after, load_baseline(str(path)))
    assert (result.kept, result.matched, result.stale) == ([], 3, 0)

    # A new leak is still reported, and a fixed one shows up as a stale entry.
    (src / "app.py").write_text((src / "app.py").read_text().replace(
        "def leak():\n    conn = pool.getconn()\n    return 1\n",
        "def leak():\n    return 1\n\n\ndef fresh():\n    c = pool.getconn()\n    return 2\n"))
    result = apply_baseline(_engine(tmp_path), load_baseline(str(path)))
    assert [(d.code, d.function) for d in result.kept] == [("PG101", "fresh")]
    assert (result.matched, result.stale) == (2, 1)


def test_edited_line_is_a_new_finding(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "app.py").write_text(APP_PY)
    path = tmp_path / "baseline.json"
    write_baseline(str(path), _engine(tmp_path))
    (src / "app.py").write_text(APP_PY.replace("def leak():\n    conn = pool.getconn()",
                                               "def leak():\n    connection = pool.getconn()"))
    result = apply_baseline(_engine(tmp_path), load_baseline(str(path)))
    assert [d.snippet for d in result.kept] == ["connection = pool.getconn()"]
    assert result.stale == 1


def test_baseline_text_is_deterministic(tmp_path: Path) -> None:
    diags = [diag("PG102", path="/r/b.py", message="m"), diag("PG101", path="/r/a.py")]
    assert render_baseline(diags, "/r") == render_baseline(list(reversed(diags)), "/r")
    assert textwrap.dedent(render_baseline([], "/r")).startswith('{\n  "version": 1,\n  "tool": "pglint",')
