"""The import gate may skip work, never change the output.

Every fixture (tests/rules, tests/projects, examples/) and the helper chains
below are run with and without the gate, with every rule enabled, and the
findings must be identical: same files, lines, columns, codes and messages.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pglint.cli import main
from pglint.engine import Options, run

HERE = Path(__file__).resolve().parent.parent
ROOT = HERE.parent
FIXTURES = [HERE / "rules", ROOT / "examples", *sorted(p for p in (HERE / "projects").iterdir() if p.is_dir())]

# `main → a.use(conn) → b.use(conn)` across three files; neither a nor b imports a driver.
CHAINS: dict[str, dict[str, str]] = {
    # a.use gives the connection back through b only when its own query does not throw:
    # a partial release, reported in a (which is not gated: it imports no driver)
    "py-partial": {
        "main.py": "import psycopg2\nfrom a import use\n\ndef handler():\n"
                   "    conn = psycopg2.connect('')\n    use(conn)\n    conn.close()\n",
        "a.py": "from b import use as inner\n\ndef use(conn):\n    conn.commit()\n    inner(conn)\n",
        "b.py": "def use(conn):\n    conn.close()\n",
    },
    "js-partial": {
        "main.js": "const { Pool } = require('pg');\nconst a = require('./a');\nconst pool = new Pool();\n"
                   "async function handler() {\n  const client = await pool.connect();\n"
                   "  await a.use(client);\n  client.release();\n}\nmodule.exports = { handler };\n",
        "a.js": "const b = require('./b');\nasync function use(client) {\n"
                "  await client.query('SELECT 1');\n  b.use(client);\n}\nmodule.exports = { use };\n",
        "b.js": "function use(client) {\n  client.release();\n}\nmodule.exports = { use };\n",
    },
    # a only passes the connection on (no connection method in its text): b releases it
    "js-release-twice": {
        "main.js": "const { Pool } = require('pg');\nconst a = require('./a');\nconst pool = new Pool();\n"
                   "async function handler() {\n  const client = await pool.connect();\n  try {\n"
                   "    await client.query('SELECT 1');\n  } finally {\n    a.use(client);\n  }\n"
                   "  client.release();\n}\nmodule.exports = { handler };\n",
        "a.js": "const b = require('./b');\nfunction use(client) {\n  b.finish(client);\n}\n"
                "module.exports = { use };\n",
        "b.js": "function finish(client) {\n  client.release();\n}\nmodule.exports = { finish };\n",
    },
    # b only borrows the connection, so a does too: main never closes it
    "py-borrow-leak": {
        "main.py": "import psycopg2\nfrom a import use\n\ndef handler():\n"
                   "    conn = psycopg2.connect('')\n    use(conn)\n",
        "a.py": "from b import use as inner\n\ndef use(conn):\n    inner(conn)\n",
        "b.py": "def use(conn):\n    conn.cursor().execute('SELECT 1')\n",
    },
    # four files deep: the release is in c
    "js-deep": {
        "main.js": "const { Pool } = require('pg');\nconst a = require('./lib/a');\nconst pool = new Pool();\n"
                   "async function handler() {\n  const client = await pool.connect();\n  try {\n"
                   "    await client.query('SELECT 1');\n  } finally {\n    a.use(client);\n  }\n"
                   "  client.release();\n}\nmodule.exports = { handler };\n",
        "lib/a.js": "const { step } = require('./b');\nfunction use(client) {\n  step(client);\n}\n"
                    "module.exports = { use };\n",
        "lib/b.js": "const c = require('./c');\nfunction step(client) {\n  c.done(client);\n}\n"
                    "module.exports = { step };\n",
        "lib/c.js": "function done(client) {\n  client.release();\n}\nmodule.exports = { done };\n",
    },
}

# (file, line, code) each chain must report, with the gate and without
EXPECTED = {
    "py-partial": [("a.py", 3, "PG103")],
    "js-partial": [("a.js", 2, "PG101")],
    "js-release-twice": [("main.js", 11, "PG102")],
    "py-borrow-leak": [("main.py", 5, "PG103")],
    "js-deep": [("main.js", 11, "PG102")],
}


def _output(target: Path, gate: bool, cache_dir: str | None = None) -> list[tuple[str, int, int, str, str]]:
    result = run([str(target)], Options(gate=gate, cache_dir=cache_dir))
    return [(d.path, d.span.line, d.span.column, d.code, d.message) for d in result.diagnostics]


@pytest.mark.parametrize("target", FIXTURES, ids=lambda p: os.path.relpath(p, ROOT))
def test_fixtures_same_output_with_and_without_the_gate(target: Path) -> None:
    gated, ungated = _output(target, True), _output(target, False)
    assert gated, f"{target}: a fixture with no findings tests nothing"
    assert gated == ungated, f"the gate changed the output: {sorted(set(gated) ^ set(ungated))}"


def _write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)


@pytest.mark.parametrize("name", sorted(CHAINS))
def test_helper_chains_across_files_same_output_with_and_without_the_gate(tmp_path: Path, name: str) -> None:
    _write(tmp_path, CHAINS[name])
    gated, ungated = _output(tmp_path, True), _output(tmp_path, False)
    assert gated == ungated, f"the gate changed the output: {sorted(set(gated) ^ set(ungated))}"
    found = [(os.path.relpath(path, tmp_path), line, code) for path, line, _, code, _ in gated
             if code in ("PG101", "PG102", "PG103")]
    assert found == EXPECTED[name]
    cache = str(tmp_path / ".cache")
    assert _output(tmp_path, True, cache) == gated  # cold: fills the cache
    assert _output(tmp_path, True, cache) == gated  # warm: summaries and findings from the cache


def test_gate_checks_a_driverless_helper_that_is_handed_a_connection(tmp_path: Path) -> None:
    _write(tmp_path, CHAINS["js-partial"])
    analysed = sorted(os.path.basename(p) for p in run([str(tmp_path)], Options()).analysed)
    assert analysed == ["a.js", "main.js"]  # b.js is given only a parameter: still skipped


def _cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    capsys.readouterr()
    code = main(["check", "--isolated", "--no-cache", "--format", "json", *args])
    return code, capsys.readouterr().out


def test_cli_same_output_with_and_without_the_gate(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # the whole command, unused suppressions (PG003) included, over every fixture and chain at once
    for name, files in CHAINS.items():
        _write(tmp_path / name, files)
    _write(tmp_path, {"plain.py": "import os\nx = os.sep  # pglint: ignore[PG101]\n"})
    targets = [str(tmp_path), *(str(p) for p in FIXTURES)]
    gated = _cli(capsys, *targets)
    assert gated[0] == 1 and "PG003" in gated[1]
    assert gated == _cli(capsys, "--no-gate", *targets)


def test_gate_and_cache_follow_an_edit_down_the_chain(tmp_path: Path) -> None:
    _write(tmp_path, CHAINS["js-partial"])
    cache = str(tmp_path / ".cache")
    assert [code for _, _, _, code, _ in _output(tmp_path, True, cache)] == ["PG101"]
    (tmp_path / "b.js").write_text("function use(client) {\n  return client.query('SELECT 1');\n}\n"
                                   "module.exports = { use };\n")  # b only borrows it: main leaks it when a.use() throws
    fresh = _output(tmp_path, False)
    assert [(os.path.basename(p), line, code) for p, line, _, code, _ in fresh] == [("main.js", 5, "PG101")]
    assert _output(tmp_path, True, cache) == fresh


# Queries of an unknown driver: modules handed their cursor/client, no driver imported anywhere.
UNKNOWN_DRIVER_FILES = {
    "tags.py": "def find(cur, name):\n    cur.execute(\"SELECT id FROM tags WHERE name = '\" + name + \"'\")\n",
    "lite.py": "import sqlite3\n\ndef find(cur, name):\n"
               "    cur.execute(\"SELECT id FROM tags WHERE name = '\" + name + \"'\")\n",
    "plain.py": "def total(xs):\n    return sum(xs)\n",
    "users.js": "async function find(client, name) {\n"
                "  return client.query(\"SELECT id FROM users WHERE name = '\" + name + \"'\");\n}\n"
                "module.exports = { find };\n",
    "other.js": "function total(xs) {\n  return xs.length;\n}\nmodule.exports = { total };\n",
}


def test_gate_passes_files_with_queries_of_an_unknown_driver_and_skips_the_rest(tmp_path: Path) -> None:
    _write(tmp_path, UNKNOWN_DRIVER_FILES)
    result = run([str(tmp_path)], Options())
    assert sorted(os.path.basename(p) for p in result.analysed) == ["tags.py", "users.js"]
    found = [(os.path.basename(d.path), d.span.line, d.code) for d in result.diagnostics]
    assert found == [("tags.py", 2, "PG201"), ("users.js", 2, "PG201")]
    assert _output(tmp_path, True) == _output(tmp_path, False)
