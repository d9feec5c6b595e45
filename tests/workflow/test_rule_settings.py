"""Per-rule option tables reach the rules: the engine sets ``Rule.settings`` from ``Options.rule_options``."""

from __future__ import annotations

from pglint.engine import Options, enabled_rules
from pglint.rules.base import Rule


def test_rules_get_their_configured_settings() -> None:
    rules = enabled_rules(Options(select=frozenset({"PG101", "PG102"}),
                                  rule_options={"PG101": {"max-depth": 3}}))
    by_code = {r.meta.code: r for r in rules}
    assert dict(by_code["PG101"].settings) == {"max-depth": 3}
    assert dict(by_code["PG102"].settings) == {}
    assert dict(Rule.settings) == {}  # the class default is never modified
