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


#: The documentation page of PG001 (docs/rules/PG001-parse-error.md is generated from it).
PARSE_ERROR_DOC = r"""
## What it does
Reports a file pglint could not read, so that its code was not checked: a syntax error, a file that
is not UTF-8, cannot be read, or is over the size limit (2 MB). A Python file whose syntax is newer
than the interpreter running pglint says so (`uses syntax from Python 3.12 (…) — run pglint with
Python 3.12 or newer`): pglint reads Python with the running interpreter's own parser, as flake8
and pylint do, so that file is read whole on that version.

tree-sitter's JavaScript/TypeScript grammars (tree-sitter-typescript 0.23.2, the newest published)
reject some valid code. pglint reads it anyway where it knows how: before deciding a file has a
syntax error, it rewrites these constructs in place — same offsets, same lines — and keeps a
rewrite only when the file then parses with fewer errors and none new, and the rewritten text
lands where the construct says (a masked `type` inside an `export` statement, a renamed keyword
read as a name, never a string, an operator or a runtime `import()`):

- `export type * from "m"` (TypeScript 5.0), read as `export * from "m"`;
- variance annotations and const type parameters, `<in T, out U, const V>`;
- generic tagged templates, ``sql<Row>`SELECT …` ``, read as the tag applied to the template;
- import types where the grammar rejects them, `import("m").T`, `typeof import("m")`;
- escapes in template literal types, `` `\\x${string}` ``;
- a bare `&` in JSX text or in a JSX attribute string;
- keywords used as names: `using` and `as` as variables, `abstract?:` as a property,
  `unique:` as a tuple label, `(string) => T` (a parameter named `string`); a renamed variable is
  renamed everywhere in the file, and findings show the name as the file spells it;
- a line starting with a name such as `in_corp` (the grammar inserts no semicolon before it).

What is still unreadable is reported once per file, at the first error. A JS/TS file the grammar
reads only in part is a **warning**: every function without a parse error was analysed, only those
holding one were not. It is reported only when something pglint checks may be in what was not read:
the file imports a driver or a project module that reaches one (the import gate's test), names one
in the part that did not parse, or holds SQL (a string starting like `SELECT … FROM`,
`INSERT INTO`, …). A file with none of these is not a finding: nothing pglint checks was lost.
The same holds for a file over the size limit (a bundle, generated code) and for a Python file in
syntax newer than the running interpreter: reported only when they may hold database code. A
syntax error is always reported. The run lists the files it did not report on stderr, in one
line (not with `--quiet`):

```
pglint: note: 2 files without database code (no driver, no module that reaches one, no SQL) were read in part or over the size limit, so not reported (PG001): web/Home.tsx, static/bundle.js
```

## How to fix it
Fix the syntax error. If the code is valid (a construct the grammar does not read), nothing is
needed: the functions holding it were not checked. To skip a file for good (generated or bundled
code), exclude it (`extend-exclude`).
"""

# Findings that come from the engine rather than a rule module.
ENGINE_RULES = (
    RuleMeta("PG001", "parse-error", "error",
             "the file could not be parsed; it was not analysed (a JS/TS file the grammar reads only in part "
             "is a warning: its functions without a parse error were analysed; a file without database code "
             "is not reported)",
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
