"""The fallback comment lexers: Python via tokenize, JS/TS via a scanner that skips strings, templates and regexes."""

from __future__ import annotations

import pytest

from pglint.suppression import Comment, comments_from_source


def js(source: str) -> list[tuple[int, int, str]]:
    return [(c.line, c.column, c.text) for c in comments_from_source("javascript", source)]


def py(source: str) -> list[tuple[int, int, str]]:
    return [(c.line, c.column, c.text) for c in comments_from_source("python", source)]


# --------------------------------------------------------------------------- Python


def test_python_comments_with_positions() -> None:
    source = 'x = "# not a comment"  # real\n\n    # indented\ny = f"{x!r} # no"  # noqa: PG101\n'
    assert py(source) == [(1, 24, "# real"), (3, 5, "# indented"), (4, 20, "# noqa: PG101")]


def test_python_comments_in_triple_quoted_strings_are_text() -> None:
    source = 's = """\n# not a comment\n"""  # yes\n'
    assert py(source) == [(3, 6, "# yes")]


def test_python_columns_count_characters_not_bytes() -> None:
    assert py('s = "é"  # c\n') == [(1, 10, "# c")]


def test_python_source_that_does_not_tokenise_keeps_earlier_comments() -> None:
    assert py("# first\nx = (\n# second\n") == [(1, 1, "# first"), (3, 1, "# second")]


def test_python_bytes_are_decoded() -> None:
    assert comments_from_source("python", b"x = 1  # c\n") == [Comment(1, 8, "# c")]


def test_unknown_language_is_an_error() -> None:
    with pytest.raises(ValueError, match="no comment lexer for language 'ruby'"):
        comments_from_source("ruby", "# x")


# --------------------------------------------------------------------------- JS / TS


def test_line_and_block_comments() -> None:
    source = "const a = 1; // one\n/* two\n   lines */ const b = 2; /* three */\n"
    assert js(source) == [(1, 14, "// one"), (2, 1, "/* two\n   lines */"), (3, 26, "/* three */")]


@pytest.mark.parametrize("literal", ["'// no'", '"/* no */"', "'it\\'s // no'", '"a\\"// no"'])
def test_strings_are_skipped(literal: str) -> None:
    assert js(f"const s = {literal}; // yes\n") == [(1, 14 + len(literal) - 1, "// yes")]


def test_template_literals_with_nested_substitutions() -> None:
    source = "const q = `// no ${a /* yes1 */ + `/* no ${'//no'} */`} // no`; // yes2\n"
    found = js(source)
    assert [t for _, _, t in found] == ["/* yes1 */", "// yes2"]


def test_object_literal_braces_inside_template_substitutions() -> None:
    source = "const s = `${ {a: 1}.a } // no`; // yes\nfunction f() { return 1; } // after\n"
    assert [t for _, _, t in js(source)] == ["// yes", "// after"]


def test_multi_line_template_keeps_line_numbers() -> None:
    source = "const s = `\n// no\n`;\n// yes\n"
    assert js(source) == [(4, 1, "// yes")]


@pytest.mark.parametrize("regex", ["/\\/\\//", "/[/]+/g", "/a*\\/b/i", "/[\\]/]/"])
def test_regex_literals_are_skipped(regex: str) -> None:
    source = f"const r = {regex}; // yes\n"
    assert [t for _, _, t in js(source)] == ["// yes"]


def test_regex_after_keywords_and_operators() -> None:
    source = "function f(s) {\n  return /\\/\\*/.test(s) && (/x/).test(s); // yes\n}\nif (x) {}\n/a\\/\\//.exec(s); // also\n"
    assert [t for _, _, t in js(source)] == ["// yes", "// also"]


def test_division_is_not_a_regex() -> None:
    source = "const half = total / 2 / count; // yes\nconst r = (a + b) / c; /* too */\nx = arr[0] / 2 // end\n"
    assert [t for _, _, t in js(source)] == ["// yes", "/* too */", "// end"]


def test_hashbang_is_not_a_comment() -> None:
    assert js("#!/usr/bin/env node\n// yes\n") == [(2, 1, "// yes")]


def test_typescript_generics_and_private_fields() -> None:
    source = "class A { #pool: Pool<string> = x; } // yes\nconst m = new Map<string, number>(); /* ok */\n"
    assert [t for _, _, t in js(source)] == ["// yes", "/* ok */"]


def test_unterminated_block_comment_runs_to_the_end() -> None:
    assert js("a(); /* open\nstill") == [(1, 6, "/* open\nstill")]


def test_crlf_line_endings() -> None:
    assert js("a();\r\n// two\r\nb(); // three\r\n") == [(2, 1, "// two"), (3, 6, "// three")]
