"""``--select`` / ``--ignore``: codes or names, case-insensitive, comma-separated, repeatable."""

from __future__ import annotations

import json
from pathlib import Path

import pytest


def _rules(res) -> list[str]:  # noqa: ANN001
    return [f["code"] for f in json.loads(res.out)]


@pytest.mark.parametrize("value", ["PG101", "pg101", "no-missing-client-release", "No-Missing-Client-Release",
                                   "PG104,PG101", " PG102 , no-missing-client-release "])
def test_select_keeps_the_rule(pglint, orders_project: Path, value: str) -> None:
    res = pglint("check", "--format", "json", "--select", value, cwd=orders_project)
    assert _rules(res) == ["PG101"]
    assert res.code == 1


@pytest.mark.parametrize("value", ["PG102", "prevent-double-release", "pg103,PG104"])
def test_select_other_rules_drops_it(pglint, orders_project: Path, value: str) -> None:
    res = pglint("check", "--format", "json", "--select", value, cwd=orders_project)
    assert _rules(res) == []
    assert res.code == 0


@pytest.mark.parametrize("value", ["PG101", "pg101", "no-missing-client-release", "PG102,no-missing-client-release"])
def test_ignore_drops_the_rule(pglint, orders_project: Path, value: str) -> None:
    res = pglint("check", "--format", "json", "--ignore", value, cwd=orders_project)
    assert _rules(res) == ["PG402"]
    assert res.code == 0  # what is left is a warning


def test_options_repeat(pglint, orders_project: Path) -> None:
    res = pglint("check", "--format", "json", "--select", "PG102", "--select", "PG101", cwd=orders_project)
    assert _rules(res) == ["PG101"]
    res = pglint("check", "--format", "json", "--select", "PG101", "--ignore", "PG102",
                 "--ignore", "PG101", cwd=orders_project)
    assert _rules(res) == []


def test_select_all(pglint, orders_project: Path) -> None:
    res = pglint("check", "--format", "json", "--select", "ALL", cwd=orders_project)
    assert _rules(res) == ["PG101", "PG402"]


def test_unknown_rule_is_named(pglint, orders_project: Path) -> None:
    res = pglint("check", "--select", "PG101,PG9999", cwd=orders_project)
    assert res.code == 2
    assert res.err == ("pglint: error: --select: unknown rule 'PG9999' "
                       "(run `pglint rules` to list them)\n")
    res = pglint("check", "--ignore", "no-such-thing", cwd=orders_project)
    assert res.code == 2
    assert "--ignore: unknown rule 'no-such-thing'" in res.err


def test_empty_select_is_a_usage_error(pglint, orders_project: Path) -> None:
    res = pglint("check", "--select", " , ", cwd=orders_project)
    assert (res.code, res.err) == (2, "pglint: error: --select: no rules given\n")
