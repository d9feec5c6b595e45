"""The function gate may skip lowering, never change the output.

Every fixture (tests/rules, tests/projects, examples/) is run with and without the
function gate (:mod:`pglint.languages.relevance`), every rule enabled: the findings
must be identical. And the gate does skip what cannot matter, in both frontends.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pglint.engine import Options, run
from pglint.languages import adapters
from pglint.drivers import default_registry
from pglint.languages.base import ProjectIndex

HERE = Path(__file__).resolve().parent.parent
ROOT = HERE.parent
FIXTURES = [HERE / "rules", ROOT / "examples", *sorted(p for p in (HERE / "projects").iterdir() if p.is_dir())]


def _output(paths: list[str], function_gate: bool) -> list[tuple[str, int, int, str, str]]:
    result = run(paths, Options(function_gate=function_gate))
    return [(d.path, d.span.line, d.span.column, d.code, d.message) for d in result.diagnostics]


def test_every_fixture_same_output_with_and_without_the_function_gate() -> None:
    paths = [str(p) for p in FIXTURES]
    gated = _output(paths, True)
    assert gated, "the fixtures have findings"
    assert gated == _output(paths, False)


FILES = {
    "app.py": "import psycopg2\n\n\ndef helper():\n    return psycopg2.connect('')\n\n\n"
              "def leak():\n    conn = helper()\n    conn.cursor()\n\n\n"
              "def unrelated(xs):\n    return sorted(xs)\n\n\n"
              "class Plain:\n    def size(self):\n        return 1\n",
    "app.js": "const { Pool } = require('pg');\nconst pool = new Pool();\n"
              "async function leak() {\n  const c = await pool.connect();\n  await c.query('SELECT 1');\n}\n"
              "function unrelated(xs) {\n  return xs.length;\n}\n"
              "const alsoUnrelated = (a) => a + 1;\nmodule.exports = { leak, unrelated, alsoUnrelated };\n",
}


@pytest.mark.parametrize("name", sorted(FILES))
def test_function_gate_lowers_only_the_functions_that_may_touch_postgres(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text(FILES[name])
    langs = adapters()
    registry = default_registry()
    project = ProjectIndex(dict(langs))
    adapter = langs["python" if name.endswith(".py") else "javascript"]
    parsed = adapter.parse(str(path), path.read_bytes())
    project.add(adapter.index(parsed, registry))
    every = {f.name for f in adapter.lower(parsed, project, registry).functions}
    gated = {f.name for f in adapter.lower(parsed, project, registry, function_gate=True).functions}
    assert {"leak", "unrelated"} <= every
    assert "leak" in gated and "unrelated" not in gated and "Plain.size" not in gated
    assert gated < every
    assert _output([str(path)], True) == _output([str(path)], False)
    assert _output([str(path)], True), "the leak is found"
