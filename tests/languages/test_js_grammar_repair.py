"""The JS/TS grammar gap repair (:mod:`pglint.languages.javascript.repair`): what it rewrites, and what never.

The fixtures under tests/rules/PG001-parse-error/ show each repaired construct analysed end to end;
these tests hold the repair's own promises: every offset and line kept, nothing but the construct
rewritten (never a string, a comment, an operator or a runtime ``import()``), a real syntax error
left an error, and names shown as the file spells them.
"""

from __future__ import annotations

import pytest

from pglint.languages.javascript.parsing import parse_source
from pglint.languages.javascript.repair import error_regions, new_spelling


def _parse(name: str, text: str):  # noqa: ANN202 - JsSource
    return parse_source(name, text.encode())


def _changed(src) -> list[tuple[int, bytes, bytes]]:  # noqa: ANN001
    """(offset, original byte, parsed byte) for every byte the repair rewrote."""
    original = src._original
    return [(i, original[i:i + 1], src.source[i:i + 1]) for i in range(len(original))
            if original[i] != src.source[i]]


GAPS_TS = """\
export type * from "./types";
export interface Box<in out T> { get(): T }
export const q = sql<{ id: number }>`SELECT 1`;
export type Bytes = `\\\\x${string}`;
export function f(using: string, x: unknown) {
  let as: number = x as number;
  return using + as;
}
"""


def test_every_offset_and_line_is_kept() -> None:
    src = _parse("a.ts", GAPS_TS)
    assert not error_regions(src.root), src.root
    assert len(src.source) == len(src._original)
    assert [i for i, b in enumerate(src.source) if b == 10] == [i for i, b in enumerate(src._original) if b == 10]
    # only the constructs changed: `type`, `in out`, `<{ id: number }>`, the escape, `using` and `as`
    assert src.source.decode() == (
        "export      * from \"./types\";\n"
        "export interface Box<       T> { get(): T }\n"
        "export const q = sql                `SELECT 1`;\n"
        "export type Bytes = `  x${string}`;\n"
        "export function f(usin$: string, x: unknown) {\n"
        "  let a$: number = x as number;\n"
        "  return usin$ + a$;\n"
        "}\n")
    assert src.renamed == {"usin$": "using", "a$": "as"}


def test_the_assertion_operator_as_is_not_renamed() -> None:
    src = _parse("a.ts", GAPS_TS)
    line = src.source.splitlines()[5].decode()
    assert line == "  let a$: number = x as number;"


def test_strings_comments_and_operators_are_never_rewritten() -> None:
    text = (
        "// export type * from './x'; let using = a & b;\n"
        "const s = 'export type * from \"m\"';\n"
        "const t = `SELECT * FROM t USING (id) WHERE a <> '\\\\x' AND b & 1 = 1`;\n"
        "const u = a && b & c;\n"
        "export type * from './y';\n"
        "let using = 1;\n"
        "using += 1;\n"
    )
    src = _parse("a.ts", text)
    assert not error_regions(src.root)
    lines_before, lines_after = text.encode().splitlines(), src.source.splitlines()
    assert lines_after[:4] == lines_before[:4]
    assert lines_after[4] == b"export      * from './y';"


def test_a_runtime_import_is_never_masked() -> None:
    text = 'export declare const r: import("./r").R<1>[];\nconst pg = await import("pg");\n'
    src = _parse("a.ts", text)
    assert not error_regions(src.root)
    assert src.source.splitlines()[1] == b'const pg = await import("pg");'
    assert src.source.splitlines()[0].startswith(b"export declare const r: import_______.R<1>[]")


def test_comparisons_of_plain_javascript_are_not_type_arguments() -> None:
    text = "let x = a < b;\nlet y = c > `d`;\nexport type * from './t';\n"
    src = _parse("a.ts", text)
    assert src.source.splitlines()[:2] == text.encode().splitlines()[:2]


@pytest.mark.parametrize("name, text, line", [
    ("a.ts", "export type * from './t';\nconst x = (1 +;\n", 2),
    ("a.js", "let using = 1;\nfunction f( { return using }\n", 2),
    ("a.tsx", "const e = <p>Tom & Jerry</p>;\nconst f = <p>;\n", 2),
])
def test_a_real_syntax_error_stays_an_error(name: str, text: str, line: int) -> None:
    src = _parse(name, text)
    assert src.problem is not None
    assert src.problem.line == line


def test_a_file_with_a_construct_it_cannot_repair_keeps_its_original_text() -> None:
    text = "const x = (1 +;\n"
    src = _parse("a.ts", text)
    assert src.source == text.encode() and not src.repairs and not src.renamed


def test_the_new_spelling_is_not_a_name_of_the_file() -> None:
    assert new_spelling(b"using", b"let x = 1;") == b"usin$"
    assert new_spelling(b"using", b"let usin$ = 1;") == b"usi$g"
    src = _parse("a.ts", "let usin$ = 1;\nlet using = 2;\nusing += usin$;\n")
    assert not error_regions(src.root)
    assert src.renamed == {"usi$g": "using"}
