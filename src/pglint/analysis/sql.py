"""SQL text facts read with PostgreSQL's own parser (pglast / libpg_query), never with regexes.

Only what the lifecycle rules need lives here for now: whether a statement
opens, commits or rolls back a transaction. Text that does not parse (a
fragment, a template, another dialect) yields ``None``: no fact, no finding.
"""

from __future__ import annotations

from functools import lru_cache

try:  # pglast is a hard dependency; keep the import failure readable
    from pglast import ast as _pg_ast
    from pglast import enums as _pg_enums
    from pglast import parser as _pg_parser
except ImportError as exc:  # pragma: no cover
    raise ImportError("pglint needs pglast (pip install pglast)") from exc

_BEGIN = {"TRANS_STMT_BEGIN", "TRANS_STMT_START"}
_COMMIT = {"TRANS_STMT_COMMIT", "TRANS_STMT_COMMIT_PREPARED"}
_ROLLBACK = {"TRANS_STMT_ROLLBACK", "TRANS_STMT_ROLLBACK_PREPARED"}


@lru_cache(maxsize=4096)
def parse_statements(text: str) -> tuple[object, ...] | None:
    """The parsed statements of ``text``, or ``None`` when PostgreSQL would reject it."""
    try:
        return tuple(raw.stmt for raw in _pg_parser.parse_sql(text))
    except Exception:  # pglast raises ParseError (and others on odd input)
        return None


@lru_cache(maxsize=4096)
def transaction_effect(text: str) -> str | None:
    """``"begin"``, ``"commit"`` or ``"rollback"`` for the *last* transaction-control statement
    in ``text`` that changes the transaction state, else ``None``.

    ``ROLLBACK TO SAVEPOINT``, ``SAVEPOINT`` and ``RELEASE SAVEPOINT`` keep the
    transaction open and are ignored. ``COMMIT AND CHAIN`` keeps it open too.
    """
    stmts = parse_statements(text)
    if not stmts:
        return None
    effect: str | None = None
    kinds = _pg_enums.TransactionStmtKind
    for stmt in stmts:
        if not isinstance(stmt, _pg_ast.TransactionStmt):
            continue
        kind = kinds(stmt.kind).name if not isinstance(stmt.kind, kinds) else stmt.kind.name
        if kind in _BEGIN:
            effect = "begin"
        elif kind in _COMMIT:
            effect = "begin" if getattr(stmt, "chain", False) else "commit"
        elif kind in _ROLLBACK:
            effect = "begin" if getattr(stmt, "chain", False) else "rollback"
    return effect
