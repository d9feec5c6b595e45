"""Runs every annotated fixture (tests/rules/*/ files and tests/projects/*/ folders) through the engine.

Each fixture is checked twice, with and without the import gate, and both runs
must agree: the gate may skip work, never findings.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from fixture_annotations import compare, read_expectations
from pglint.engine import Options, run
from pglint.languages import language_for

HERE = Path(__file__).parent
RULE_FILES = sorted(
    p for p in (HERE / "rules").rglob("*") if p.is_file() and language_for(str(p)) is not None
)
PROJECTS = sorted(p for p in (HERE / "projects").iterdir() if p.is_dir()) if (HERE / "projects").is_dir() else []


def _findings(target: Path, gate: bool) -> set[tuple[str, int, str]]:
    result = run([str(target)], Options(gate=gate))
    return {(d.path, d.span.line, d.rule) for d in result.diagnostics}


def _check(target: Path, files: list[Path]) -> None:
    expectations = [e for f in files for e in read_expectations(str(f.resolve()))]
    gated = _findings(target, gate=True)
    ungated = _findings(target, gate=False)
    assert gated == ungated, f"the import gate changed the findings: {sorted(gated ^ ungated)}"
    problems = compare(expectations, gated)
    assert not problems, "\n" + "\n".join(problems)


@pytest.mark.parametrize("path", RULE_FILES, ids=lambda p: os.path.relpath(p, HERE / "rules"))
def test_rule_fixture(path: Path) -> None:
    _check(path.resolve(), [path])


@pytest.mark.parametrize("project", PROJECTS, ids=lambda p: p.name)
def test_project_fixture(project: Path) -> None:
    files = [p for p in project.rglob("*") if p.is_file() and language_for(str(p)) is not None]
    _check(project.resolve(), files)


def test_fixture_catalogue_is_not_empty() -> None:
    assert RULE_FILES, "no rule fixtures found"
