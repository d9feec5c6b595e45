"""README.md, examples/ and .ci/run cannot drift from what pglint does.

The two set-up commands are in the README verbatim, ``.ci/run`` runs exactly the
test command, the rule table lists exactly the registered rules, the CLI
reference mentions every option of ``pglint check``, and the sample outputs
are what ``pglint`` prints on ``examples/`` today.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from pglint.cli import build_parser
from pglint.languages import language_for
from pglint.rules import all_rules

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
TRY_COMMAND = "python3 -m venv .venv && .venv/bin/pip install . && .venv/bin/pglint check examples/"
TEST_COMMAND = "python3 -m venv .venv && .venv/bin/pip install -e '.[test]' && .venv/bin/python -m pytest"


def _readme() -> str:
    return README.read_text(encoding="utf-8")


def _console_block(command: str) -> str:
    """The output shown under ``$ command`` in a ```console block of the README."""
    pattern = re.compile(r"```console\n\$ " + re.escape(command) + r"\n(.*?)```", re.S)
    m = pattern.search(_readme())
    assert m, f"README has no console block for `{command}`"
    return m.group(1)


def test_readme_has_both_setup_commands() -> None:
    text = _readme()
    assert f"```sh\n{TRY_COMMAND}\n```" in text
    assert f"```sh\n{TEST_COMMAND}\n```" in text


def test_ci_script_runs_exactly_the_readme_test_command() -> None:
    script = ROOT / ".ci" / "run"
    assert os.access(script, os.X_OK), ".ci/run must be executable"
    lines = script.read_text().splitlines()
    assert lines[0] in ("#!/usr/bin/env bash", "#!/bin/bash")
    code = [ln for ln in lines[1:] if ln.strip() and not ln.lstrip().startswith("#")]
    assert code[0] == "set -euo pipefail"
    assert code[1].startswith("cd ")  # to the repository root
    # what the runtime tests need is installed first (issue 17), then the README's command runs, last
    assert code[-1] == TEST_COMMAND
    assert sum(TEST_COMMAND in ln for ln in code) == 1
    assert "export PGLINT_RUNTIME_REQUIRED=1" in code, "CI must fail, not skip, when the runtime tests cannot run"


def test_examples_hold_a_python_and_a_typescript_file() -> None:
    files = [p for p in (ROOT / "examples").rglob("*") if p.is_file() and language_for(str(p))]
    assert any(p.suffix == ".py" for p in files)
    assert any(p.suffix == ".ts" for p in files)


def test_rule_table_lists_exactly_the_registered_rules() -> None:
    rows = re.findall(r"^\| (PG\d{3}) \| ([a-z-]+) \| .+ \|$", _readme(), re.M)
    registered = {(r.meta.code, r.meta.name) for r in all_rules()}
    listed = set(rows)
    assert len(rows) == len(listed), "a rule is listed twice in README.md"
    assert not registered - listed, f"add to README.md's rule table: {sorted(registered - listed)}"
    assert not listed - registered, f"README.md lists rules that are not registered: {sorted(listed - registered)}"


def test_cli_reference_mentions_every_check_option() -> None:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    check = sub.choices["check"]  # type: ignore[union-attr, index]
    text = _readme()
    for action in check._actions:
        for flag in action.option_strings:
            if flag not in ("-h", "--help"):
                assert f"`{flag}" in text, f"README's CLI reference does not mention {flag}"
    for command in sub.choices:  # type: ignore[union-attr]
        assert f"pglint {command}" in text


def test_sample_text_output_is_real(pglint) -> None:
    res = pglint("check", "examples/", cwd=ROOT)
    assert res.out == _console_block("pglint check examples/"), "update the sample output in README.md"
    assert res.code == 1


def test_examples_leak_in_both_languages(pglint) -> None:
    res = pglint("check", "--format", "json", "--select", "PG101", "examples/", cwd=ROOT)
    leaks = {Path(f["path"]).suffix for f in json.loads(res.out)}
    assert leaks == {".py", ".ts"}


def test_sample_json_output_is_real(pglint) -> None:
    res = pglint("check", "--format", "json", "examples/orders.ts", cwd=ROOT)
    shown = json.loads(_console_block("pglint check --format json examples/orders.ts"))
    actual = json.loads(res.out)
    # the fingerprint hashes the path relative to the current directory: same in every checkout
    assert all(re.fullmatch(r"[0-9a-f]{20}", f["fingerprint"]) for f in actual)
    assert shown == actual, "update the sample JSON output in README.md"
