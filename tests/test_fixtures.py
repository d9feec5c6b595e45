"""Runs every annotated fixture (tests/rules/*/ files and tests/projects/*/ folders) through the engine.

Each fixture is checked twice, with and without the import gate, and both runs
must agree: the gate may skip work, never findings.

Like ESLint's RuleTester, a fixture tests the rules it is about: the rule its
folder is named after (``tests/rules/PG101-no-missing-client-release/``) and
every rule one of its annotations names. Every finding of those rules must be
annotated; other rules' findings (a ``SELECT *`` in a leak fixture) are their
own fixtures' business. Engine findings (parse errors, crashes) always count.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from fixture_annotations import compare, read_expectations
from pglint.engine import Options, run
from pglint.languages import language_for
from pglint.rules import find_rule

HERE = Path(__file__).parent
RULE_FILES = sorted(
    p for p in (HERE / "rules").rglob("*") if p.is_file() and language_for(str(p)) is not None
)
PROJECTS = sorted(p for p in (HERE / "projects").iterdir() if p.is_dir()) if (HERE / "projects").is_dir() else []


def _findings(target: Path, gate: bool, codes: frozenset[str]) -> set[tuple[str, int, str]]:
    result = run([str(target)], Options(select=codes, gate=gate))
    return {(d.path, d.span.line, d.rule) for d in result.diagnostics}


def _check(target: Path, files: list[Path], folder_rule: str | None = None) -> None:
    expectations = [e for f in files for e in read_expectations(str(f.resolve()))]
    names = {e.rule for e in expectations} | ({folder_rule} if folder_rule else set())
    codes = frozenset(meta.code for meta in (find_rule(n) for n in names) if meta is not None)
    assert codes, f"{target}: a fixture must be about at least one rule"
    gated = _findings(target, gate=True, codes=codes)
    ungated = _findings(target, gate=False, codes=codes)
    assert gated == ungated, f"the import gate changed the findings: {sorted(gated ^ ungated)}"
    problems = compare(expectations, gated)
    assert not problems, "\n" + "\n".join(problems)


@pytest.mark.parametrize("path", RULE_FILES, ids=lambda p: os.path.relpath(p, HERE / "rules"))
def test_rule_fixture(path: Path) -> None:
    folder = path.relative_to(HERE / "rules").parts[0]  # PG101-no-missing-client-release
    meta = find_rule(folder.split("-", 1)[0])
    assert meta is not None and folder == f"{meta.code}-{meta.name}", f"{folder}: not a rule's code-name"
    _check(path.resolve(), [path], meta.name)


@pytest.mark.parametrize("project", PROJECTS, ids=lambda p: p.name)
def test_project_fixture(project: Path) -> None:
    files = [p for p in project.rglob("*") if p.is_file() and language_for(str(p)) is not None]
    _check(project.resolve(), files)


def test_fixture_catalogue_is_not_empty() -> None:
    assert RULE_FILES, "no rule fixtures found"
