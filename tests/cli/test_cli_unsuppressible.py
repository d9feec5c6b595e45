"""Parse errors (PG001) and internal errors (PG002) cannot be hidden: not by ``--ignore``, ``select``,
``ignore``, ``per-file-ignores``, ``severity``, comments or a baseline. A CI gate never passes on a file
pglint could not read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cli_support import ORDERS_TS, write_files

from pglint import engine as engine_module

BROKEN = {"src/broken.py": "def f(:\n    pass  # noqa: PG001\n", "src/orders.ts": ORDERS_TS}


def _codes(out: str) -> list[tuple[str, str, str]]:
    return [(f["path"], f["code"], f["severity"]) for f in json.loads(out)]


@pytest.mark.parametrize("args", [
    ("--ignore", "PG0"),
    ("--ignore", "PG"),
    ("--ignore", "ALL"),
    ("--select", "PG101"),
    ("--select", "PG101", "--ignore", "PG0"),
    ("--select", "PG2"),
])
def test_command_line_selection_cannot_drop_parse_errors(pglint, tmp_path: Path, args: tuple[str, ...]) -> None:
    write_files(tmp_path, BROKEN)
    res = pglint("check", "--no-cache", "--format", "json", *args, cwd=tmp_path)
    assert res.code == 1
    assert ("src/broken.py", "PG001", "error") in _codes(res.out)


@pytest.mark.parametrize("rule", ["PG001", "parse-error", "pg002", "internal-error", "PG001,PG101"])
def test_ignoring_them_by_name_is_an_error(pglint, tmp_path: Path, rule: str) -> None:
    write_files(tmp_path, BROKEN)
    res = pglint("check", "--no-cache", "--ignore", rule, cwd=tmp_path)
    assert res.code == 2 and res.out == ""
    code = "PG002" if "2" in rule or "internal" in rule else "PG001"
    assert res.err.startswith(f"pglint: error: --ignore: {code} (")
    assert "cannot be turned off" in res.err and len(res.err.splitlines()) == 1


@pytest.mark.parametrize("config, message", [
    ('ignore = ["PG001"]', "[tool.pglint] ignore: PG001 (parse-error) cannot be turned off"),
    ('ignore = ["internal-error"]', "[tool.pglint] ignore: PG002 (internal-error) cannot be turned off"),
    ('per-file-ignores = { "src/**" = ["PG101", "PG001"] }',
     "[tool.pglint.per-file-ignores] 'src/**': PG001 (parse-error) cannot be turned off"),
    ('severity = { PG001 = "info" }', "[tool.pglint.severity] PG001 (parse-error) is always an error"),
    ('severity = { parse-error = "warning" }', "[tool.pglint.severity] PG001 (parse-error) is always an error"),
])
def test_configuration_naming_them_is_an_error(pglint, tmp_path: Path, config: str, message: str) -> None:
    write_files(tmp_path, {**BROKEN, "pyproject.toml": f"[tool.pglint]\n{config}\n"})
    res = pglint("check", "--no-cache", cwd=tmp_path)
    assert res.code == 2 and res.out == ""
    assert res.err.startswith(f"pglint: error: pyproject.toml: {message}")
    assert len(res.err.splitlines()) == 1


@pytest.mark.parametrize("config", [
    'ignore = ["PG0"]',
    'ignore = ["ALL"]',
    'select = ["PG101"]',
    'per-file-ignores = { "src/**" = ["PG0"] }',
    'per-file-ignores = { "src/**" = ["ALL"] }',
    'severity = { PG0 = "info" }',
    'severity = { ALL = "info" }',
    'severity = { PG001 = "error" }',
])
def test_configuration_prefixes_leave_them_alone(pglint, tmp_path: Path, config: str) -> None:
    write_files(tmp_path, {**BROKEN, "pyproject.toml": f"[tool.pglint]\n{config}\n"})
    res = pglint("check", "--no-cache", "--format", "json", cwd=tmp_path)
    assert res.code == 1, res.err
    assert ("src/broken.py", "PG001", "error") in _codes(res.out)


def test_fail_on_cannot_pass_a_parse_error(pglint, tmp_path: Path) -> None:
    write_files(tmp_path, BROKEN)
    for level in ("error", "warning", "info"):
        assert pglint("check", "--no-cache", "--fail-on", level, cwd=tmp_path).code == 1


def test_a_baseline_cannot_hide_them(pglint, tmp_path: Path) -> None:
    write_files(tmp_path, BROKEN)
    res = pglint("check", "--no-cache", "--write-baseline", "baseline.json", cwd=tmp_path)
    # the baseline records the other findings; the parse error is reported, and fails the run
    assert res.code == 1
    assert "src/broken.py" in res.out and "parse-error" in res.out
    entries = json.loads((tmp_path / "baseline.json").read_text())["findings"]
    assert sorted(e["code"] for e in entries) == ["PG101", "PG402"]
    assert "1 parse or internal error is not recorded" in res.err
    res = pglint("check", "--no-cache", "--format", "json", "--baseline", "baseline.json", cwd=tmp_path)
    assert (res.code, _codes(res.out)) == (1, [("src/broken.py", "PG001", "error")])


def test_an_old_baseline_entry_for_a_parse_error_does_not_hide_it(pglint, tmp_path: Path) -> None:
    from pglint.baseline import fingerprint
    from pglint.engine import Options, run

    write_files(tmp_path, BROKEN)
    [broken] = [d for d in run([str(tmp_path)], Options()).diagnostics if d.code == "PG001"]
    doc = {"version": 1, "findings": [{"fingerprint": fingerprint(broken, str(tmp_path))}]}
    (tmp_path / "baseline.json").write_text(json.dumps(doc))
    res = pglint("check", "--no-cache", "--format", "json", "--baseline", "baseline.json", cwd=tmp_path)
    assert res.code == 1 and ("src/broken.py", "PG001", "error") in _codes(res.out)


def test_internal_errors_cannot_be_hidden(pglint, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def crash(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(engine_module, "check_file", crash)
    write_files(tmp_path, {"src/orders.ts": ORDERS_TS + "// pglint-disable-next-line\n",
                           "pyproject.toml": '[tool.pglint]\nselect = ["PG101"]\nseverity = { PG0 = "info" }\n'
                                             'per-file-ignores = { "src/**" = ["ALL"] }\n'})
    res = pglint("check", "--no-cache", "--format", "json", "--ignore", "PG", cwd=tmp_path)
    assert (res.code, _codes(res.out)) == (1, [("src/orders.ts", "PG002", "error")])
