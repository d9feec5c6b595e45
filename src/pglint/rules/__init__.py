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
        pg105_no_transaction_on_pool,
        pg106_no_floating_query,
        pg201_no_unsafe_query,
        pg202_check_query_params,
        pg203_no_unsafe_search_path,
        pg204_no_unsafe_copy_from,
        pg301_no_insecure_ssl,
        pg302_no_hardcoded_credentials,
        pg401_prefer_pool_query,
        pg402_no_select_all,
        pg403_no_batch_insert_loop,
    )

    lifecycle: tuple[type[Rule], ...] = (
        pg101_no_missing_client_release.NoMissingClientRelease,
        pg102_prevent_double_release.PreventDoubleRelease,
        pg103_no_unclosed_connection.NoUnclosedConnection,
        pg104_no_unterminated_transaction.NoUnterminatedTransaction,
    )
    sql_rules: tuple[type[Rule], ...] = (
        pg105_no_transaction_on_pool.NoTransactionOnPool,
        pg106_no_floating_query.NoFloatingQuery,
        pg201_no_unsafe_query.NoUnsafeQuery,
        pg202_check_query_params.CheckQueryParams,
        pg203_no_unsafe_search_path.NoUnsafeSearchPath,
        pg204_no_unsafe_copy_from.NoUnsafeCopyFrom,
        pg301_no_insecure_ssl.NoInsecureSsl,
        pg302_no_hardcoded_credentials.NoHardcodedCredentials,
        pg401_prefer_pool_query.PreferPoolQuery,
        pg402_no_select_all.NoSelectAll,
        pg403_no_batch_insert_loop.NoBatchInsertLoop,
    )
    # The SQL rules read query sites, which the frontends do not record yet;
    # they join the registry when they do (see issue 3).
    return lifecycle + (sql_rules if SQL_RULES_ENABLED else ())


SQL_RULES_ENABLED = True


# Findings that come from the engine rather than a rule module.
ENGINE_RULES = (
    RuleMeta("PG001", "parse-error", "error",
             "the file could not be parsed; it was not analysed (a JS/TS file the grammar reads only in part "
             "is a warning: its functions without a parse error were analysed)",
             "Fix the syntax error (or exclude the file)", kind="engine"),
    RuleMeta("PG002", "internal-error", "error",
             "pglint failed on this file; the other files were analysed",
             "Please report this with the file that triggers it", kind="engine"),
    # Reported by pglint.suppression after the rules ran (like Ruff's RUF100).
    RuleMeta("PG003", "unused-suppression", "warning",
             "a suppression comment that suppresses nothing, or names a rule that does not exist",
             "Remove the directive, or the rules in it that no longer fire; `pglint rules` lists the valid codes",
             kind="engine"),
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
