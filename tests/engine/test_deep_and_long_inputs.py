"""Generated pathological inputs: deep nesting gives the expected findings or one PG001, never PG002.

Each file also holds a small function that leaks, so "analysed" is visible as that finding. The
sizes are the ones of issue 10; how long they take is measured in ``bench/run.py`` (scaling section),
not here.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pglint.diagnostics import Diagnostic
from pglint.engine import Options, run

TOO_DEEP = "too deeply nested to analyse"

PY_HEAD = "import psycopg2\n\n\ndef leaks():\n    conn = psycopg2.connect('')\n    conn.cursor()\n\n\n"
JS_HEAD = ("const { Pool } = require('pg');\nconst pool = new Pool();\n"
           "async function leaks() { const client = await pool.connect(); await client.query('select 1'); }\n")

PYTHON_CASES = {
    # analysed: the leak beside them is found
    "chain500.py": "def f(conn):\n    return conn.cursor()" + ".x()" * 500 + "\n",
    "ifexp500.py": "def f(a):\n    return " + "".join(f"{i} if a == {i} else " for i in range(500)) + "0\n",
    "plus3000.py": "def f(cur, x):\n    cur.execute('select ' + " + " + ".join(["x"] * 3000) + ")\n",
    "not2000.py": "def f(a):\n    return " + "not " * 2000 + "a\n",
    "subscripts2000.py": "def f(a):\n    return a" + "[0]" * 2000 + "\n",
    "defs8000.py": "".join(f"def f{i}(x):\n    return x + {i}\n" for i in range(8000)),
}
PYTHON_TOO_DEEP = {
    # past the frontend's depth (or past CPython's parser): one PG001 each
    "chain6000.py": "def f(conn):\n    return conn.cursor()" + ".x()" * 6000 + "\n",
    "plus20000.py": "x = " + " + ".join(["a"] * 20000) + "\n",
    "ifexp30000.py": "x = " + "1 if a else " * 30000 + "0\n",
    "lambdas3000.py": "x = " + "lambda: " * 3000 + "0\n",
    "parens300.py": "x = " + "(" * 300 + "1" + ")" * 300 + "\n",
}

JS_ANALYSED = {
    "plus3000.js": "async function f(x) {\n  const client = await pool.connect();\n"
                   "  try { await client.query('select ' + " + " + ".join(["x"] * 3000) + "); }\n"
                   "  finally { client.release(); }\n}\n",
    "chain1000.js": "const a = q" + "".join(f".m{i}()" for i in range(1000)) + ";\n",
}
JS_TOO_DEEP = {
    "brackets10k.js": "const a = " + "[" * 10_000 + "1" + "]" * 10_000 + ";\n",
    "objects10k.js": "const a = " + "{a:" * 10_000 + "1" + "}" * 10_000 + ";\n",
    "calls10k.js": "const a = " + "f(" * 10_000 + "1" + ")" * 10_000 + ";\n",
    "callbacks3k.js": "f(" + "function () { g(" * 3000 + "1" + ") }" * 3000 + ");\n",
    "classes3k.ts": "const A = " + "class { m() { return " * 3000 + "1" + "; } }" * 3000 + ";\n",
    "arrows30k.js": "const a = " + "() => " * 30_000 + "1;\n",
    "ternaries30k.js": "const a = " + "x ? 1 : " * 30_000 + "2;\n",
    "templates30k.js": "const a = " + "`${" * 30_000 + "1" + "}`" * 30_000 + ";\n",
}


def _run(tmp_path: Path, files: dict[str, str]) -> dict[str, list[Diagnostic]]:
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = run([str(tmp_path / name) for name in files], Options(gate=False))
    by_file: dict[str, list[Diagnostic]] = {name: [] for name in files}
    for d in result.diagnostics:
        by_file[Path(d.path).name].append(d)
    return by_file


def test_deep_python_is_analysed(tmp_path: Path) -> None:
    found = _run(tmp_path, {name: PY_HEAD + text for name, text in PYTHON_CASES.items()})
    for name, diags in found.items():
        codes = [d.code for d in diags]
        assert "PG002" not in codes and "PG001" not in codes, (name, [d.message for d in diags])
        assert [d.span.line for d in diags if d.code == "PG103"] == [5], name
    assert "PG201" in [d.code for d in found["plus3000.py"]]


def test_too_deep_python_is_one_parse_error(tmp_path: Path) -> None:
    found = _run(tmp_path, {name: PY_HEAD + text for name, text in PYTHON_TOO_DEEP.items()})
    for name, diags in found.items():
        assert [d.code for d in diags] == ["PG001"], (name, [d.message for d in diags])
        assert diags[0].message.startswith(TOO_DEEP), (name, diags[0].message)
        assert "syntax" not in diags[0].fix and "exclude the file" in diags[0].fix
    assert found["chain6000.py"][0].message == f"{TOO_DEEP} (depth > 5000)"
    assert found["chain6000.py"][0].span.line == 10


def test_deep_javascript_is_analysed(tmp_path: Path) -> None:
    found = _run(tmp_path, {name: JS_HEAD + text for name, text in JS_ANALYSED.items()})
    for name, diags in found.items():
        assert [(d.code, d.span.line) for d in diags if d.code.startswith("PG0")] == [], name
        assert [d.span.line for d in diags if d.code == "PG101"] == [3], name
    assert "PG201" in [d.code for d in found["plus3000.js"]]


def test_too_deep_javascript_is_one_parse_error(tmp_path: Path) -> None:
    found = _run(tmp_path, {name: JS_HEAD + text for name, text in JS_TOO_DEEP.items()})
    for name, diags in found.items():
        assert [d.code for d in diags] == ["PG001"], (name, [d.message for d in diags])
        assert diags[0].message.startswith(f"{TOO_DEEP} (depth "), (name, diags[0].message)
        assert "syntax" not in diags[0].fix and "exclude the file" in diags[0].fix


@pytest.mark.parametrize("lang", ["py", "js"])
def test_debug_cfg_on_too_deep_input_is_one_error_line(tmp_path: Path, lang: str,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    from pglint.cli import main
    path = tmp_path / f"deep.{lang}"
    text = PYTHON_TOO_DEEP["chain6000.py"] if lang == "py" else JS_TOO_DEEP["arrows30k.js"]
    path.write_text(text, encoding="utf-8")
    assert main(["debug", "cfg", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and TOO_DEEP in err and "Traceback" not in err


def test_debug_cfg_on_deep_but_analysable_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from pglint.cli import main
    path = tmp_path / "chain.py"
    path.write_text(PY_HEAD + PYTHON_CASES["chain500.py"], encoding="utf-8")
    assert main(["debug", "cfg", f"{path}:f"]) == 0
    assert capsys.readouterr().out.startswith("digraph \"f\" {")


def _leak_past_branches(n: int) -> str:
    return ("import psycopg2\n\n\ndef f(x):\n    conn = psycopg2.connect('')\n    cur = conn.cursor()\n"
            + "".join(f"    if x == {i}:\n        cur.execute('select {i}')\n" for i in range(n)) + "    return 1\n")


@pytest.mark.parametrize("fmt", ["json", "text"])
def test_witness_through_800_if_blocks_is_capped_and_says_what_it_left_out(
        tmp_path: Path, fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    from pglint.analysis.resources import MAX_WITNESS_STEPS
    from pglint.cli import main
    path = tmp_path / "long.py"
    path.write_text(_leak_past_branches(800), encoding="utf-8")
    assert main(["check", "--no-cache", "--format", fmt, str(path)]) == 1
    out = capsys.readouterr().out
    if fmt == "json":
        data = json.loads(out)
        diags = data["diagnostics"] if isinstance(data, dict) else data
        [d] = diags
        messages = [s["message"] for s in d["steps"]]
    else:
        steps = (re.match(r"^\s+\d+\. \d+:\d+\s+(.*)$", line) for line in out.splitlines())
        messages = [m.group(1) for m in steps if m]
    assert 2 < len(messages) <= MAX_WITNESS_STEPS
    assert messages[0] == "connection opened"
    assert messages[-1] == "function returns with connection still open"
    elided = [m for m in messages if m.endswith(" elided")]
    shown = [m for m in messages if m.startswith("`x == ")]
    assert len(elided) == 1
    assert len(shown) + int(elided[0].split()[1]) == 800
