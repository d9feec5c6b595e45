"""The rule registry: every rule class, looked up by code or kebab-case name."""

from __future__ import annotations

from functools import lru_cache

from .base import Rule, RuleMeta


@lru_cache(maxsize=1)
def all_rules() -> tuple[type[Rule], ...]:
    from . import (
        pg101_no_missing_client_release,
        pg102_prevent_double_release,
        pg103_no_unclosed_connection,
        pg104_no_unterminated_transaction,
    )

    return (
        pg101_no_missing_client_release.NoMissingClientRelease,
        pg102_prevent_double_release.PreventDoubleRelease,
        pg103_no_unclosed_connection.NoUnclosedConnection,
        pg104_no_unterminated_transaction.NoUnterminatedTransaction,
    )


# Findings that come from the engine rather than a rule module.
ENGINE_RULES = (
    RuleMeta("PG001", "parse-error", "error", "the file could not be parsed; it was not analysed",
             "Fix the syntax error (or exclude the file)", kind="engine"),
    RuleMeta("PG002", "internal-error", "error",
             "pglint failed on this file; the other files were analysed",
             "Please report this with the file that triggers it", kind="engine"),
)


def find_rule(key: str) -> RuleMeta | None:
    """Look a rule up by code (``PG101``, case-insensitive) or name (``no-missing-client-release``)."""
    k = key.strip()
    for meta in [r.meta for r in all_rules()] + list(ENGINE_RULES):
        if k.upper() == meta.code or k.lower() == meta.name:
            return meta
    return None


def all_metas() -> list[RuleMeta]:
    return [r.meta for r in all_rules()] + list(ENGINE_RULES)


__all__ = ["Rule", "RuleMeta", "all_rules", "find_rule", "all_metas", "ENGINE_RULES"]
