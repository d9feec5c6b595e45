"""Inline suppressions: which findings each directive hides, and which directives get reported as unused."""

from __future__ import annotations

from pathlib import Path

import pytest

from pglint.diagnostics import Diagnostic, Step
from pglint.ir.cfg import Span
from pglint.suppression import (UNUSED_SUPPRESSION, Comment, apply_suppressions, collect_comments,
                                comments_from_source, parse_directives)
from workflow_support import diag

PY = "/repo/app.py"
JS = "/repo/app.ts"
ALL = frozenset({"PG001", "PG002", "PG003", "PG101", "PG102", "PG103", "PG104"})


def run(diags: list[Diagnostic], comments: list[tuple[int, int, str]], path: str = PY,
        enabled: frozenset[str] = ALL) -> tuple[list[Diagnostic], int, list[Diagnostic]]:
    return apply_suppressions(diags, {path: comments}, enabled)


def codes(diags: list[Diagnostic]) -> list[tuple[int, str]]:
    return [(d.span.line, d.code) for d in diags]


# --------------------------------------------------------------------------- Python: noqa


@pytest.mark.parametrize("text", ["# noqa: PG101", "# noqa:PG101", "#noqa:PG101,PG102", "# NOQA: pg101",
                                  "# noqa: E501, PG101", "# noqa: PG101 PG102", "# type: ignore  # noqa: PG101",
                                  "# noqa : PG101"])
def test_noqa_with_the_code_suppresses_that_rule_on_its_line(text: str) -> None:
    kept, n, extra = run([diag("PG101", 3, path=PY), diag("PG101", 4, path=PY)], [(3, 30, text)])
    assert codes(kept) == [(4, "PG101")]
    assert n == 1


def test_noqa_with_another_code_keeps_the_finding() -> None:
    kept, n, extra = run([diag("PG101", 3), diag("PG102", 3)], [(3, 30, "# noqa: PG102")])
    assert codes(kept) == [(3, "PG101")]
    assert n == 1
    assert extra == []


def test_bare_noqa_suppresses_every_rule_on_its_line_and_is_never_reported() -> None:
    kept, n, extra = run([diag("PG101", 3), diag("PG102", 3)], [(3, 30, "# noqa")])
    assert kept == [] and n == 2
    kept, n, extra = run([], [(3, 30, "# noqa")])
    assert extra == []


def test_noqa_without_colon_is_blanket_like_flake8() -> None:
    kept, n, _ = run([diag("PG101", 3)], [(3, 30, "# noqa PG102")])
    assert kept == [] and n == 1


def test_noqa_with_only_other_tools_codes_is_not_ours() -> None:
    kept, n, extra = run([diag("PG101", 3)], [(3, 30, "# noqa: E501,W291")])
    assert codes(kept) == [(3, "PG101")]
    assert extra == []


def test_noqa_stops_at_the_first_word_that_is_not_a_code() -> None:
    [d] = parse_directives(Comment(1, 10, "# noqa: PG101 because the caller releases it"))
    assert d.rules == ("PG101",) and d.unknown == ()


# --------------------------------------------------------------------------- Python: pglint: ignore


@pytest.mark.parametrize("text", ["# pglint: ignore[PG101]", "# pglint: ignore[no-missing-client-release]",
                                  "# pglint: ignore[PG102, PG101]", "#pglint:ignore[ pg101 ]",
                                  "# pglint: ignore[PG101] -- the caller releases it"])
def test_pglint_ignore_accepts_codes_and_names(text: str) -> None:
    kept, n, extra = run([diag("PG101", 3), diag("PG103", 3)], [(3, 30, text)])
    assert codes(kept) == [(3, "PG103")]
    assert n == 1


def test_pglint_ignore_without_rules_suppresses_everything_on_its_line() -> None:
    kept, n, _ = run([diag("PG101", 3), diag("PG103", 3), diag("PG101", 4)], [(3, 30, "# pglint: ignore")])
    assert codes(kept) == [(4, "PG101")]


def test_reason_is_kept_on_the_directive() -> None:
    [d] = parse_directives(Comment(1, 1, "# pglint: ignore[PG101] -- owned by the request scope"))
    assert d.reason == "owned by the request scope"
    assert d.rules == ("PG101",)


def test_flow_findings_are_suppressed_at_their_primary_location_only() -> None:
    steps = (Step(PY, 3, 5, "acquired here"), Step(PY, 5, 5, "this query may throw"),
             Step(PY, 7, 5, "returns here without release"))
    flow = diag("PG101", 3, steps=steps)
    kept, n, _ = run([flow], [(7, 20, "# noqa: PG101")])
    assert kept == [flow] and n == 0
    kept, n, _ = run([flow], [(3, 30, "# noqa: PG101")])
    assert kept == [] and n == 1


def test_parse_and_internal_errors_cannot_be_suppressed() -> None:
    kept, n, _ = run([diag("PG001", 3), diag("PG002", 3)], [(3, 30, "# noqa")])
    assert codes(kept) == [(3, "PG001"), (3, "PG002")]
    assert n == 0


def test_files_that_failed_to_parse_get_no_unused_reports() -> None:
    kept, n, extra = run([diag("PG001", 1)], [(3, 30, "# noqa: PG101"), (4, 1, "# pglint: ignore")])
    assert codes(kept) == [(1, "PG001")] and extra == []


def test_findings_of_files_without_comments_pass_through() -> None:
    other = diag("PG101", 3, path="/repo/other.py")
    kept, n, extra = run([other], [(3, 30, "# noqa: PG101")])
    assert kept == [other] and n == 0


def test_noqa_can_be_left_to_flake8() -> None:
    comments = {PY: [(3, 30, "# noqa: PG101"), (4, 30, "# pglint: ignore[PG101]")]}
    kept, n, extra = apply_suppressions([diag("PG101", 3), diag("PG101", 4)], comments, ALL, noqa=False)
    assert codes(kept) == [(3, "PG101")] and n == 1 and extra == []


# --------------------------------------------------------------------------- JS / TS


def test_disable_next_line() -> None:
    comments = [(2, 3, "// pglint-disable-next-line PG101")]
    kept, n, _ = run([diag("PG101", 3, path=JS), diag("PG101", 4, path=JS)], comments, JS)
    assert codes(kept) == [(4, "PG101")]


def test_disable_next_line_after_a_multi_line_block_comment_applies_after_its_end() -> None:
    comments = [(2, 3, "/* pglint-disable-next-line no-missing-client-release\n   -- released by the caller */")]
    kept, n, _ = run([diag("PG101", 3, path=JS), diag("PG101", 4, path=JS)], comments, JS)
    assert codes(kept) == [(3, "PG101")]


def test_disable_line_with_names_codes_and_reason() -> None:
    comments = [(3, 40, "// pglint-disable-line no-missing-client-release, PG102 -- pool owned by caller")]
    kept, n, _ = run([diag("PG101", 3, path=JS), diag("PG102", 3, path=JS), diag("PG103", 3, path=JS)],
                     comments, JS)
    assert codes(kept) == [(3, "PG103")]
    assert n == 2


def test_disable_enable_range_for_one_rule() -> None:
    comments = [(2, 1, "/* pglint-disable PG101 */"), (6, 1, "/* pglint-enable PG101 */")]
    diags = [diag("PG101", line, path=JS) for line in (1, 3, 5, 7)] + [diag("PG102", 4, path=JS)]
    kept, n, _ = run(diags, comments, JS)
    assert codes(kept) == [(1, "PG101"), (7, "PG101"), (4, "PG102")]
    assert n == 2


def test_disable_without_rules_until_end_of_file() -> None:
    comments = [(2, 1, "// pglint-disable")]
    kept, n, _ = run([diag("PG101", 1, path=JS), diag("PG101", 9, path=JS), diag("PG103", 20, path=JS)],
                     comments, JS)
    assert codes(kept) == [(1, "PG101")]
    assert n == 2


def test_enable_one_rule_inside_a_disable_all_range() -> None:
    comments = [(1, 1, "/* pglint-disable */"), (3, 1, "/* pglint-enable PG101 */"),
                (6, 1, "/* pglint-enable */")]
    diags = [diag("PG101", 2, path=JS), diag("PG101", 4, path=JS), diag("PG103", 4, path=JS),
             diag("PG103", 7, path=JS)]
    kept, n, _ = run(diags, comments, JS)
    assert codes(kept) == [(4, "PG101"), (7, "PG103")]


def test_range_respects_columns_on_the_directive_line() -> None:
    comments = [(3, 20, "/* pglint-disable PG101 */")]
    kept, n, _ = run([diag("PG101", 3, column=5, path=JS), diag("PG101", 3, column=30, path=JS)], comments, JS)
    assert [(d.span.line, d.span.column) for d in kept] == [(3, 5)]


def test_ordinary_comments_are_not_directives() -> None:
    assert parse_directives(Comment(1, 1, "// TODO: pglint-disable later")) == []
    assert parse_directives(Comment(1, 1, "// eslint-disable-next-line no-console")) == []
    assert parse_directives(Comment(1, 1, "# see pglint docs")) == []


# --------------------------------------------------------------------------- unused suppressions


def test_unused_noqa_code_is_reported_exactly() -> None:
    kept, n, extra = run([diag("PG101", 3)], [(3, 30, "# noqa: PG101, PG102")])
    assert kept == [] and n == 1
    [u] = extra
    assert (u.code, u.rule, u.severity) == ("PG003", "unused-suppression", "warning")
    assert u.message == "Unused `noqa` directive (unused: PG102)"
    assert (u.path, u.span) == (PY, Span(3, 30, 3, 50))
    assert u.fix == UNUSED_SUPPRESSION.fix


def test_unused_pglint_ignore_names_rules_as_written() -> None:
    _, _, extra = run([], [(3, 30, "# pglint: ignore[no-missing-client-release, PG102] -- why")])
    assert [u.message for u in extra] == [
        "Unused `pglint: ignore` directive (unused: no-missing-client-release, PG102)"]


def test_unused_blanket_pglint_ignore_is_reported_but_not_blanket_noqa() -> None:
    _, _, extra = run([], [(3, 30, "# pglint: ignore"), (4, 30, "# noqa")])
    assert [(u.span.line, u.message) for u in extra] == [(3, "Unused blanket `pglint: ignore` directive")]


def test_unknown_rules_are_reported_even_when_the_directive_is_used() -> None:
    _, n, extra = run([diag("PG101", 3)], [(3, 30, "# pglint: ignore[PG101, PG999, no-such-rule]")])
    assert n == 1
    assert [u.message for u in extra] == [
        "Unused `pglint: ignore` directive (unknown: PG999, no-such-rule)"]


def test_unknown_code_in_noqa_is_reported() -> None:
    _, _, extra = run([], [(3, 30, "# noqa: PG999")])
    assert [u.message for u in extra] == ["Unused `noqa` directive (unknown: PG999)"]


def test_unused_and_unknown_together() -> None:
    _, _, extra = run([], [(1, 1, "// pglint-disable-next-line PG101 PG998")], JS)
    assert [u.message for u in extra] == ["Unused `pglint-disable-next-line` directive (unused: PG101; "
                                          "unknown: PG998)"]


def test_unused_range_directives() -> None:
    comments = [(1, 1, "/* pglint-disable PG101 */"), (5, 1, "/* pglint-enable PG101 */"),
                (7, 1, "/* pglint-disable */")]
    _, _, extra = run([], comments, JS)
    assert [(u.span.line, u.message) for u in extra] == [
        (1, "Unused `pglint-disable` directive (unused: PG101)"),
        (7, "Unused blanket `pglint-disable` directive")]


def test_used_range_directive_is_not_reported() -> None:
    comments = [(1, 1, "/* pglint-disable PG101 */"), (5, 1, "/* pglint-enable PG101 */")]
    _, n, extra = run([diag("PG101", 3, path=JS)], comments, JS)
    assert n == 1 and extra == []


def test_rules_that_are_not_enabled_are_not_reported_unused() -> None:
    enabled = frozenset({"PG003", "PG103"})
    _, _, extra = run([], [(3, 30, "# noqa: PG101"), (4, 30, "# noqa: PG101, PG103")], enabled=enabled)
    assert [(u.span.line, u.message) for u in extra] == [(4, "Unused `noqa` directive (unused: PG103)")]


def test_nothing_is_reported_when_unused_suppression_is_disabled() -> None:
    _, _, extra = run([], [(3, 30, "# noqa: PG101, PG999")], enabled=ALL - {"PG003"})
    assert extra == []


def test_enabled_codes_may_depend_on_the_file() -> None:
    comments = {PY: [(3, 30, "# noqa: PG101")], "/repo/tests/t.py": [(3, 30, "# noqa: PG101")]}

    def enabled(path: str) -> frozenset[str]:
        return ALL - {"PG101"} if "/tests/" in path else ALL

    _, _, extra = apply_suppressions([], comments, enabled)
    assert [u.path for u in extra] == [PY]


def test_a_directive_naming_unused_suppression_silences_its_own_report() -> None:
    _, _, extra = run([], [(3, 30, "# noqa: PG101, PG003")])
    assert extra == []


def test_another_directive_on_the_line_can_silence_the_report() -> None:
    _, _, extra = run([], [(3, 30, "# pglint: ignore[PG101]  # noqa: PG003")])
    assert extra == []


# --------------------------------------------------------------------------- collecting comments


def test_collect_comments_lexes_only_files_that_mention_a_directive(tmp_path: Path) -> None:
    plain = tmp_path / "plain.py"
    plain.write_text("x = 1  # just a comment\n")
    marked = tmp_path / "marked.ts"
    marked.write_text("const a = '//';  // pglint-disable-line PG101\n")
    (tmp_path / "notes.txt").write_text("# noqa\n")
    found = collect_comments([str(plain), str(marked), str(tmp_path / "notes.txt"), str(tmp_path / "gone.py")])
    assert found == {str(plain): [], str(marked): [Comment(1, 18, "// pglint-disable-line PG101")]}


def test_collect_comments_skips_foreign_noqa_in_files_without_findings(tmp_path: Path) -> None:
    files = {
        "foreign.py": "import psycopg2  # noqa: F401\n",  # names no pglint code or rule: cannot matter
        "ours.py": "x = 1  # noqa: PG101\n",  # may be an unused pglint suppression
        "named.py": "x = 1  # noqa: no-missing-client-release\n",
        "flagged.py": "conn = pool.getconn()  # noqa\n",  # has a finding: a bare noqa suppresses it
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    paths = [str(tmp_path / name) for name in files]
    found = collect_comments(paths, with_findings=[str(tmp_path / "flagged.py")])
    assert found[str(tmp_path / "foreign.py")] == []
    assert [c.text for c in found[str(tmp_path / "ours.py")]] == ["# noqa: PG101"]
    assert [c.text for c in found[str(tmp_path / "named.py")]] == ["# noqa: no-missing-client-release"]
    assert [c.text for c in found[str(tmp_path / "flagged.py")]] == ["# noqa"]
    # without the list of files with findings every candidate is lexed
    assert [c.text for c in collect_comments(paths)[str(tmp_path / "foreign.py")]] == ["# noqa: F401"]


def test_end_to_end_with_lexed_comments() -> None:
    source = "const client = await pool.connect(); // pglint-disable-line PG101\nconst x = '// PG102';\n"
    comments = comments_from_source("javascript", source)
    kept, n, extra = apply_suppressions([diag("PG101", 1, path=JS)], {JS: comments}, ALL)
    assert kept == [] and n == 1 and extra == []
