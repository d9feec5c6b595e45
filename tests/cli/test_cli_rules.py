"""``pglint rules`` (the list) and ``pglint rule NAME`` (one rule's documentation)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pglint.rules import all_metas, all_rules


def test_rules_lists_every_rule(pglint, tmp_path: Path) -> None:
    res = pglint("rules", cwd=tmp_path)
    assert res.code == 0
    lines = res.out.splitlines()
    assert lines[0].split() == ["CODE", "NAME", "SEVERITY", "LANGUAGES", "SUMMARY"]
    body = lines[1:]
    metas = sorted(all_metas(), key=lambda m: m.code)
    assert len(body) == len(metas)
    for line, meta in zip(body, metas):
        assert line.split()[:3] == [meta.code, meta.name, meta.severity]
        assert line.endswith(meta.summary)
    # languages are spelled for people
    pg101 = next(line for line in body if line.startswith("PG101"))
    assert "python, js/ts" in pg101


def test_rules_as_json(pglint, tmp_path: Path) -> None:
    data = json.loads(pglint("rules", "--format", "json", cwd=tmp_path).out)
    assert [r["code"] for r in data] == sorted(m.code for m in all_metas())
    pg101 = next(r for r in data if r["code"] == "PG101")
    assert pg101["name"] == "no-missing-client-release"
    assert pg101["languages"] == ["python", "javascript"]
    assert pg101["cwe"] == "CWE-772"


@pytest.mark.parametrize("key", ["PG101", "pg101", "no-missing-client-release"])
def test_rule_prints_header_and_docs(pglint, tmp_path: Path, key: str) -> None:
    res = pglint("rule", key, cwd=tmp_path)
    assert res.code == 0
    cls = next(r for r in all_rules() if r.meta.code == "PG101")
    meta = cls.meta
    head = ("# no-missing-client-release (PG101)\n"
            "\n"
            f"Severity: {meta.severity}\n"
            "Languages: python, js/ts\n"
            "CWE: CWE-772\n"
            f"Kind: {meta.kind}\n"
            f"Fix: {meta.fix}\n"
            "\n")
    assert res.out == head + cls.doc() + "\n"
    assert "## What it does" in res.out and "## Example" in res.out


def test_rule_by_code_and_by_name_agree(pglint, tmp_path: Path) -> None:
    for meta in all_metas():
        assert pglint("rule", meta.code, cwd=tmp_path).out == pglint("rule", meta.name, cwd=tmp_path).out


def test_engine_rules_have_a_page_too(pglint, tmp_path: Path) -> None:
    res = pglint("rule", "parse-error", cwd=tmp_path)
    assert res.code == 0
    assert res.out.startswith("# parse-error (PG001)\n")


def test_unknown_rule(pglint, tmp_path: Path) -> None:
    res = pglint("rule", "PG999", cwd=tmp_path)
    assert res.code == 2
    assert res.err == "pglint: error: unknown rule 'PG999' (run `pglint rules` to list them)\n"
    assert res.out == ""
