"""The JavaScript frontend on code shaped unlike the catalogue: deep nesting, wide lines, odd syntax."""

from __future__ import annotations

from pathlib import Path

from pglint.engine import Options, run


def _diagnostics(tmp_path: Path, name: str, text: str) -> list[tuple[str, str]]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return [(d.code, d.message) for d in run([str(path)], Options(gate=False)).diagnostics]


def test_deeply_nested_code_is_lowered(tmp_path: Path) -> None:
    n = 3000
    text = "\n".join([
        "const top = q" + "".join(f".m{i}" for i in range(n)) + ";",
        "function f(x) {",
        "  const s = " + " + ".join(["x"] * n) + ";",
        "  if (x === 0) { a(); }" + "".join(f" else if (x === {i}) {{ a({i}); }}" for i in range(1, n)),
        "  return q" + "".join(f".m{i}()" for i in range(1000)) + ";",
        "}",
        "",
    ])
    assert _diagnostics(tmp_path, "deep.js", text) == []


def test_wide_non_ascii_line_keeps_character_columns(tmp_path: Path) -> None:
    filler = "é" * 5000
    text = (f"const {{ Pool }} = require('pg'); const pool = new Pool(); const s = '{filler}';"
            " async function f() { const client = await pool.connect(); }\n")
    path = tmp_path / "wide.js"
    path.write_text(text, encoding="utf-8")
    (diag,) = run([str(path)], Options()).diagnostics
    assert diag.code == "PG101"
    assert diag.span.column == text.index("client") + 1


def test_typescript_declarations_and_namespaces(tmp_path: Path) -> None:
    text = """\
import { Pool } from 'pg';
declare module 'x' { export const y: number; }
declare global { interface Window { pool: Pool } }
namespace Db {
  export async function leak(pool: Pool) {
    const client = await pool.connect();
  }
}
export abstract class Base { abstract run(): Promise<void>; }
function over(a: string): string;
function over(a: any) { return a; }
const g = <T,>(x: T): T => x;
const enum E { A }
class K { m?(): void; declare w: number; }
"""
    assert [code for code, _ in _diagnostics(tmp_path, "decl.ts", text)] == ["PG101"]


def test_syntax_error_is_reported_not_raised(tmp_path: Path) -> None:
    # (a file that may hold database code: one that holds none is not reported, see test_cli_partial_parse)
    assert [code for code, _ in _diagnostics(tmp_path, "bad.ts", "import 'pg';\nconst x = ;\n")] == ["PG001"]
