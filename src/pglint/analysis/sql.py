"""SQL text facts read with PostgreSQL's own lexer and parser (pglast / libpg_query), never with regexes.

Transaction control (BEGIN/COMMIT/ROLLBACK), ``$n`` parameters (from the
lexer, so literals, comments and dollar quotes never count), psycopg's ``%s``
placeholders (scanned as psycopg itself scans them), ``SELECT *``, ``COPY …
FROM`` a server file, ``SET search_path`` and statement kinds. Text that does not parse (a
fragment, a template, another dialect) yields ``None``: no fact, no finding.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..ir.query import Hole, Part, SqlShape

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
        if not isinstance(stmt, _pg_ast.TransactionStmt) or stmt.kind is None:
            continue
        kind = kinds(stmt.kind).name if not isinstance(stmt.kind, kinds) else stmt.kind.name
        if kind in _BEGIN:
            effect = "begin"
        elif kind in _COMMIT:
            effect = "begin" if getattr(stmt, "chain", False) else "commit"
        elif kind in _ROLLBACK:
            effect = "begin" if getattr(stmt, "chain", False) else "rollback"
    return effect


# -- placeholders ---------------------------------------------------------------------------


@lru_cache(maxsize=4096)
def scan_tokens(text: str) -> tuple[tuple[int, int, str], ...] | None:
    """PostgreSQL's lexer over ``text``: ``(start, end_exclusive, token name)``; ``None`` if it fails."""
    try:
        return tuple((t.start, t.end + 1, t.name) for t in _pg_parser.scan(text))
    except Exception:
        return None


def dollar_params(text: str) -> tuple[int, ...] | None:
    """The ``$n`` parameter numbers the server sees in ``text`` (in order, repeats kept).

    Parameters inside string literals, quoted identifiers, comments and
    dollar-quoted bodies are not parameters, and the lexer knows it.
    """
    tokens = scan_tokens(text)
    if tokens is None:
        return None
    out = []
    for start, end, name in tokens:
        if name == "PARAM":
            try:
                out.append(int(text[start + 1:end]))
            except ValueError:
                continue
    return tuple(out)


def pyformat_outside_literals(text: str) -> bool | None:
    """A ``%s`` / ``%(name)s`` sequence in ``text`` outside string literals, quoted identifiers
    and comments (PostgreSQL's lexer decides), i.e. a psycopg placeholder written by mistake
    in a query for a ``$n`` driver; ``LIKE '%son'`` does not count. ``None`` if the lexer fails."""
    tokens = scan_tokens(text)
    if tokens is None:
        return None
    for i, (start, end, name) in enumerate(tokens):
        if text[start:end] != "%" or i + 1 >= len(tokens):
            continue
        nstart, nend, _ = tokens[i + 1]
        if nstart != end:
            continue
        if text[nstart:nend] == "s":
            return True
        if text[nstart:nend] == "(" and i + 4 < len(tokens) and text[tokens[i + 3][0]:tokens[i + 3][1]] == ")" \
                and text[tokens[i + 4][0]:tokens[i + 4][1]] == "s":
            return True
    return False


@dataclass(frozen=True, slots=True)
class PyformatScan:
    """What psycopg's client-side query splitter sees in ``text``.

    psycopg (2 and 3) reads ``%`` sequences over the *whole* text, string
    literals and comments included, exactly as this scan does: ``%%`` is a
    literal percent, ``%s``/``%b``/``%t`` positional, ``%(name)s`` named; any
    other ``%x`` is an error once parameters are passed.
    """

    positional: int
    names: frozenset[str]
    bad: tuple[tuple[int, str], ...]  # (offset, the offending sequence), e.g. (12, "% ") or (3, "%d")
    escaped: int  # number of %%


@lru_cache(maxsize=4096)
def pyformat_scan(text: str) -> PyformatScan:
    positional = 0
    names: set[str] = set()
    bad: list[tuple[int, str]] = []
    escaped = 0
    i, n = 0, len(text)
    while i < n:
        if text[i] != "%":
            i += 1
            continue
        nxt = text[i + 1] if i + 1 < n else ""
        if nxt == "%":
            escaped += 1
            i += 2
        elif nxt in ("s", "b", "t"):
            positional += 1
            i += 2
        elif nxt == "(":
            close = text.find(")", i + 2)
            if close == -1 or close + 1 >= n:
                bad.append((i, text[i:i + 8]))
                i += 1
                continue
            fmt = text[close + 1]
            if fmt in ("s", "b", "t"):
                names.add(text[i + 2:close])
            else:
                bad.append((i, text[i:close + 2]))
            i = close + 2
        else:
            bad.append((i, text[i:i + 2]))
            i += 1
    return PyformatScan(positional, frozenset(names), tuple(bad), escaped)


def pyformat_to_dollar(text: str) -> str:
    """The text psycopg 3 sends to the server: ``%s``/``%(name)s`` → ``$n``, ``%%`` → ``%``.

    Used to parse psycopg queries with PostgreSQL's parser.
    """
    out: list[str] = []
    names: dict[str, int] = {}
    count = 0
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        nxt = text[i + 1] if i + 1 < n else ""
        if c != "%":
            out.append(c)
            i += 1
        elif nxt == "%":
            out.append("%")
            i += 2
        elif nxt in ("s", "b", "t"):
            count += 1
            out.append(f"${count}")
            i += 2
        elif nxt == "(" and text.find(")", i + 2) != -1:
            close = text.find(")", i + 2)
            name = text[i + 2:close]
            if name not in names:
                count += 1
                names[name] = count
            out.append(f"${names[name]}")
            i = close + 2
        else:
            out.append(c)
            i += 1
    return "".join(out)


# -- statement facts -------------------------------------------------------------------------


def _walk(node: object, depth: int = 0):  # type: ignore[no-untyped-def]
    """Every pglast AST node below ``node`` (depth-first, bounded)."""
    if depth > 200:
        return
    if isinstance(node, tuple):
        for item in node:
            yield from _walk(item, depth + 1)
        return
    if not isinstance(node, _pg_ast.Node):
        return
    yield node
    for attr in node.__slots__:  # type: ignore[attr-defined]
        yield from _walk(getattr(node, attr, None), depth + 1)


def has_select_star(text: str) -> bool:
    """A ``*`` / ``t.*`` in the target list of any SELECT (subqueries and CTEs included) that
    expands the columns of a table or view (:func:`select_star` says where)."""
    return select_star(text) is not None


@dataclass(frozen=True, slots=True)
class SelectStar:
    """Where the ``SELECT *`` stars over a table sit in a statement."""

    in_result: bool  # in the target list of the rows the statement returns to the code
    elsewhere: bool  # in a CTE, a subquery, the SELECT of an INSERT …: rows the code never sees
    named: frozenset[str]  # the result's other columns, named by the query (``SELECT u.*, o.id AS order_id``)


@lru_cache(maxsize=4096)
def select_star(text: str, defined: frozenset[str] = frozenset()) -> SelectStar | None:
    """The ``*`` / ``t.*`` stars of ``text`` that expand the columns of a table or view, or ``None``.

    ``count(*)`` is not a star; neither is ``*`` inside a string or comment. A star over a
    set-returning function (``SELECT * FROM unnest($1)``), a subquery or ``VALUES`` list, a CTE
    of the statement or a table named in ``defined`` (temporary tables the code creates itself)
    reads columns that the code fixes, a star over a system catalog (``pg_*``,
    ``information_schema``) reads columns no migration of the application changes, a star in an
    ``EXISTS (SELECT * …)`` reads none, and the query of ``COPY (SELECT * …) TO`` exports rows
    as data: those do not count.
    """
    stmts = parse_statements(text)
    if not stmts:
        return None
    in_result = elsewhere = False
    named: set[str] = set()
    for stmt in stmts:
        if isinstance(stmt, _pg_ast.SelectStmt):
            scope = defined | _cte_names(stmt)
            for branch in _set_branches(stmt):
                if _targets_star_over_table(branch, scope):
                    in_result = True
                named.update(_target_names(branch))
                rest = [getattr(branch, attr, None) for attr in branch.__slots__  # type: ignore[attr-defined]
                        if attr != "targetList"]
                rest.extend(getattr(t, "val", None) for t in getattr(branch, "targetList", None) or ()
                            if not _is_star(t))
                if any(_star_over_table(node, scope, 1) for node in rest):
                    elsewhere = True
        elif _star_over_table(stmt, defined, 0):
            elsewhere = True
    if not (in_result or elsewhere):
        return None
    return SelectStar(in_result, elsewhere, frozenset(named))


def _cte_names(stmt: object) -> frozenset[str]:
    with_clause = getattr(stmt, "withClause", None)
    if isinstance(with_clause, _pg_ast.WithClause) and with_clause.ctes:
        return frozenset(cte.ctename for cte in with_clause.ctes
                         if isinstance(cte, _pg_ast.CommonTableExpr) and cte.ctename)
    return frozenset()


def _set_branches(select: object) -> list[object]:
    """The SELECTs whose target lists make the rows of ``select`` (both sides of a UNION …)."""
    if getattr(select, "op", None) in (None, 0) or getattr(select, "larg", None) is None:
        return [select]
    return [*_set_branches(select.larg), *_set_branches(select.rarg)]  # type: ignore[attr-defined]


def _is_star(target: object) -> bool:
    val = getattr(target, "val", None)
    fields = val.fields if isinstance(val, _pg_ast.ColumnRef) else None
    return bool(fields) and isinstance(fields[-1], _pg_ast.A_Star)  # type: ignore[index]


def _target_names(select: object) -> set[str]:
    """The names of the result columns a target list writes out (``id``, ``o.id AS order_id``)."""
    out: set[str] = set()
    for target in getattr(select, "targetList", None) or ():
        name = getattr(target, "name", None)
        val = getattr(target, "val", None)
        if name:
            out.add(str(name))
        elif isinstance(val, _pg_ast.ColumnRef) and val.fields and not _is_star(target):
            last = getattr(val.fields[-1], "sval", None)
            if last:
                out.add(str(last))
    return out


@lru_cache(maxsize=1024)
def created_temp_tables(text: str) -> frozenset[str]:
    """The temporary tables ``text`` creates (``CREATE TEMP TABLE t (LIKE items)``,
    ``CREATE TEMP TABLE t AS SELECT …``): tables whose columns the code itself defines."""
    out: set[str] = set()
    for stmt in parse_statements(text) or ():
        rel = None
        if isinstance(stmt, _pg_ast.CreateStmt):
            rel = stmt.relation
        elif isinstance(stmt, _pg_ast.CreateTableAsStmt) and stmt.into is not None:
            rel = stmt.into.rel
        if isinstance(rel, _pg_ast.RangeVar) and rel.relpersistence == "t" and rel.relname:
            out.add(str(rel.relname))
    return frozenset(out)


def _star_over_table(node: object, ctes: frozenset[str], depth: int) -> bool:
    """Whether a SELECT at or below ``node`` has a star over a table; ``ctes`` are the names of
    the common table expressions in scope (and the temporary tables the code defines)."""
    if depth > 200:
        return False
    if isinstance(node, tuple):
        return any(_star_over_table(item, ctes, depth + 1) for item in node)
    if not isinstance(node, _pg_ast.Node):
        return False
    ctes = ctes | _cte_names(node)  # SELECT, INSERT, UPDATE, DELETE, MERGE
    if isinstance(node, _pg_ast.CopyStmt) and not node.is_from:
        return False  # COPY (SELECT * …) TO: the rows are exported as data, every column is the content
    if isinstance(node, _pg_ast.SelectStmt):
        if node.targetList and _targets_star_over_table(node, ctes):
            return True
    if isinstance(node, _pg_ast.SubLink) and node.subLinkType == _pg_enums.SubLinkType.EXISTS_SUBLINK \
            and isinstance(node.subselect, _pg_ast.SelectStmt):
        # the columns of EXISTS (SELECT * …) are never read: look only below its target list
        sub = node.subselect
        return any(_star_over_table(getattr(sub, attr, None), ctes, depth + 1)
                   for attr in sub.__slots__ if attr != "targetList")  # type: ignore[attr-defined]
    return any(_star_over_table(getattr(node, attr, None), ctes, depth + 1)
               for attr in node.__slots__)  # type: ignore[attr-defined]


def _from_items(items: object) -> list[object]:
    """The range items of a FROM list, with joins flattened."""
    out: list[object] = []
    stack = list(items) if isinstance(items, tuple) else []
    while stack:
        item = stack.pop(0)
        if isinstance(item, _pg_ast.JoinExpr):
            stack[:0] = [item.larg, item.rarg]
        elif item is not None:
            out.append(item)
    return out


_SYSTEM_SCHEMAS = frozenset({"pg_catalog", "information_schema"})


def _is_table(item: object, ctes: frozenset[str]) -> bool:
    """A FROM item naming one of the application's tables or views (not a CTE, function,
    subquery or VALUES list, nor a system catalog: ``pg_extension``, ``information_schema.tables``)."""
    if not isinstance(item, _pg_ast.RangeVar):
        return False
    schema, name = item.schemaname, item.relname or ""
    if schema is None and (name in ctes or name.startswith("pg_")):
        return False
    return schema not in _SYSTEM_SCHEMAS


def _range_name(item: object) -> str | None:
    alias = getattr(item, "alias", None)
    if isinstance(alias, _pg_ast.Alias) and alias.aliasname:
        return str(alias.aliasname)
    return str(item.relname) if isinstance(item, _pg_ast.RangeVar) else None


def _targets_star_over_table(select: object, ctes: frozenset[str]) -> bool:
    items = _from_items(getattr(select, "fromClause", None))
    for target in getattr(select, "targetList", None) or ():
        val = getattr(target, "val", None)
        if not (isinstance(val, _pg_ast.ColumnRef) and val.fields and isinstance(val.fields[-1], _pg_ast.A_Star)):
            continue
        if len(val.fields) == 1:  # SELECT *: every FROM item
            if any(_is_table(item, ctes) for item in items):
                return True
            continue
        qualifier = getattr(val.fields[-2], "sval", None)
        named = [item for item in items if _range_name(item) == qualifier]
        if not named or any(_is_table(item, ctes) for item in named):  # unknown: an outer query's table
            return True
    return False


def copy_from_server(text: str) -> tuple[str, str] | None:
    """``("file", path)`` or ``("program", command)`` for ``COPY … FROM`` a server file/command."""
    stmts = parse_statements(text)
    for stmt in stmts or ():
        if isinstance(stmt, _pg_ast.CopyStmt) and stmt.is_from and stmt.filename is not None:
            return ("program" if stmt.is_program else "file", stmt.filename)
    return None


def copy_to_server(text: str) -> tuple[str, str] | None:
    stmts = parse_statements(text)
    for stmt in stmts or ():
        if isinstance(stmt, _pg_ast.CopyStmt) and not stmt.is_from and stmt.filename is not None:
            return ("program" if stmt.is_program else "file", stmt.filename)
    return None


_DML = ("SelectStmt", "InsertStmt", "UpdateStmt", "DeleteStmt", "MergeStmt")


def statement_kinds(text: str) -> tuple[str, ...] | None:
    """Node type names of the statements (``InsertStmt``, ``CreateStmt`` …); ``None`` if unparsable."""
    stmts = parse_statements(text)
    if stmts is None:
        return None
    return tuple(type(s).__name__ for s in stmts)


# Statements the server parse-analyses, so their expressions take bind parameters ($1) although
# they are not DML: CALL's arguments (checked on PostgreSQL 15 with psycopg 3).
_PARAMETERISABLE = frozenset({"ExplainStmt", "CallStmt"})


def is_utility(text: str) -> bool | None:
    """True when some statement cannot take bind parameters (DDL, SET, NOTIFY …): server-side
    binding fails there. DML, ``EXPLAIN`` and ``CALL proc($1)`` take them."""
    kinds = statement_kinds(text)
    if kinds is None:
        return None
    return any(k not in _DML and k not in _PARAMETERISABLE for k in kinds)


#: Schemas of the system catalogs: a read of these alone is schema introspection.
_CATALOG_SCHEMAS = frozenset({"pg_catalog", "information_schema"})


#: Functions that change the session rather than read data: ``SELECT set_config(…)`` is a ``SET``.
_SESSION_FUNCTIONS = frozenset({
    "set_config", "pg_advisory_lock", "pg_advisory_lock_shared", "pg_advisory_unlock",
    "pg_advisory_unlock_shared", "pg_advisory_xact_lock", "pg_advisory_xact_lock_shared",
    "pg_try_advisory_lock", "pg_try_advisory_lock_shared", "pg_try_advisory_xact_lock",
    "pg_try_advisory_xact_lock_shared"})


def per_row_statement(text: str) -> bool | None:
    """Whether every statement is one that a loop could send once for all rows instead of once per
    row: a ``SELECT`` (a plain read or a function call), ``CALL`` or DML — not a session command
    (``SET``, ``RESET``, ``DISCARD``, ``LISTEN``, ``SELECT set_config(…)``, an advisory lock …) nor
    DDL. ``None`` if unparsable."""
    stmts = parse_statements(text)
    if stmts is None:
        return None
    for stmt in stmts:
        kind = type(stmt).__name__
        if kind not in _DML and kind != "CallStmt":
            return False
        if isinstance(stmt, _pg_ast.SelectStmt) and not stmt.fromClause:
            calls = [n for n in _walk(stmt) if isinstance(n, _pg_ast.FuncCall)]
            if any(c.funcname and str(getattr(c.funcname[-1], "sval", "")).lower() in _SESSION_FUNCTIONS
                   for c in calls):
                return False
    return bool(stmts)


def limited_batch_write(text: str) -> bool:
    """A write whose rows are chosen by a ``SELECT … LIMIT n`` inside it (``INSERT … SELECT … LIMIT
    :batch``, ``UPDATE … WHERE id IN (SELECT … LIMIT 1000)``): one chunk of rows per statement, the
    batching a loop over it is for."""
    stmts = parse_statements(text)
    if not stmts:
        return False
    for stmt in stmts:
        if not isinstance(stmt, (_pg_ast.InsertStmt, _pg_ast.UpdateStmt, _pg_ast.DeleteStmt)):
            return False
        if not any(isinstance(n, _pg_ast.SelectStmt) and n.limitCount is not None for n in _walk(stmt)):
            return False
    return True


def reads_only_catalog(text: str) -> bool:
    """A ``SELECT`` whose every table is a system catalog (``pg_catalog.*``, ``information_schema.*``,
    or an unqualified ``pg_*`` name such as ``pg_type``, ``pg_stat_activity``): schema introspection,
    one row per schema object, not per data row. A ``SELECT`` with no table at all is not one."""
    stmts = parse_statements(text)
    if not stmts or not all(isinstance(s, _pg_ast.SelectStmt) for s in stmts):
        return False
    ctes = {str(c.ctename) for s in stmts for c in _walk(s) if isinstance(c, _pg_ast.CommonTableExpr)}
    tables = [n for s in stmts for n in _walk(s) if isinstance(n, _pg_ast.RangeVar)]
    if not tables:
        return False
    for t in tables:
        schema = str(t.schemaname).lower() if t.schemaname else None
        name = str(t.relname).lower()
        if schema is None and name in ctes:
            continue
        if schema in _CATALOG_SCHEMAS or (schema is None and name.startswith("pg_")):
            continue
        return False
    return True


def is_write(text: str) -> bool | None:
    """True when the text is an INSERT/UPDATE/DELETE/MERGE (or a CTE around one)."""
    stmts = parse_statements(text)
    if stmts is None:
        return None
    for stmt in stmts:
        for node in _walk(stmt):
            if isinstance(node, (_pg_ast.InsertStmt, _pg_ast.UpdateStmt, _pg_ast.DeleteStmt)):
                return True
            if type(node).__name__ == "MergeStmt":
                return True
    return False


def is_transaction_control(text: str) -> bool:
    """BEGIN/START/COMMIT/END/ROLLBACK/SAVEPOINT/RELEASE/PREPARE TRANSACTION in ``text``."""
    stmts = parse_statements(text)
    return any(isinstance(s, _pg_ast.TransactionStmt) for s in stmts or ())


def is_self_contained_transaction(text: str) -> bool:
    """Several statements that open a transaction and end it in the same text
    (``BEGIN; UPDATE …; COMMIT``): one round trip on one connection."""
    stmts = parse_statements(text)
    if not stmts or len(stmts) < 2:
        return False
    first = stmts[0]
    if not isinstance(first, _pg_ast.TransactionStmt) or first.kind is None:
        return False
    kinds = _pg_enums.TransactionStmtKind
    kind = first.kind.name if isinstance(first.kind, kinds) else kinds(first.kind).name
    return kind in _BEGIN and transaction_effect(text) in ("commit", "rollback")


HOLE_PREFIX = "pglint_hole_"


def parseable_text(shape: "SqlShape", style: str) -> str:
    """The shape's text as PostgreSQL would see it: unknown holes become ``pglint_hole_N``
    identifiers and psycopg placeholders become ``$n``."""
    text = shape.text_with_markers(HOLE_PREFIX + "{}")
    if style == "named":
        return named_to_dollar(text)
    return pyformat_to_dollar(text) if style == "pyformat" else text


# SQLAlchemy's bind parameter syntax in text(): ``:name``, not after ``:`` (a ``::`` cast), a word
# character or a backslash (``\:`` is a literal colon), nor followed by ``:``
# (lib/sqlalchemy/sql/elements.py, TextClause._bind_params_regex); applied to the whole text.
_NAMED_BIND = re.compile(r"(?<![:\w\x5c]):(\w+)(?!:)", re.UNICODE)


def named_binds(text: str) -> list[str]:
    """The ``:name`` binds SQLAlchemy's ``text()`` finds in ``text``, in order, repeats kept; a
    name written against a cast (``:day::date``, which the expression cuts to ``:da``) is left
    out: what the statement then does is not certain."""
    return [m.group(1) for m in _NAMED_BIND.finditer(text) if not _CUT_NAME.match(text, m.end())]


_CUT_NAME = re.compile(r"\w+:")


def named_to_dollar(text: str) -> str:
    """The text of a SQLAlchemy ``text()`` with its ``:name`` binds as ``$n`` (one number per
    name), to parse it with PostgreSQL's parser."""
    names: dict[str, int] = {}

    def number(m: "re.Match[str]") -> str:
        return f"${names.setdefault(m.group(1), len(names) + 1)}"

    return _NAMED_BIND.sub(number, text)


def _is_dynamic(node: object) -> bool:
    """A parameter (``$1``) or a hole marker anywhere in ``node``."""
    for sub in _walk(node):
        if isinstance(sub, _pg_ast.ParamRef):
            return True
        if isinstance(sub, _pg_ast.String) and HOLE_PREFIX in (sub.sval or ""):
            return True
    return False


def dynamic_search_path(text: str) -> str | None:
    """``"set"`` / ``"set_config"`` when ``search_path`` is set from a parameter or a hole
    (as produced by :meth:`SqlShape.text_with_markers`), else ``None``."""
    stmts = parse_statements(text)
    for stmt in stmts or ():
        if isinstance(stmt, _pg_ast.VariableSetStmt) and (stmt.name or "").lower() == "search_path":
            if _is_dynamic(stmt.args):
                return "set"
        for node in _walk(stmt):
            if isinstance(node, _pg_ast.FuncCall):
                name = node.funcname[-1].sval if node.funcname else ""
                args = node.args or ()
                if name.lower() == "set_config" and len(args) >= 2:
                    val = getattr(args[0], "val", None)
                    if isinstance(val, _pg_ast.String) and (val.sval or "").lower() == "search_path" \
                            and _is_dynamic(args[1]):
                        return "set_config"
    return None


# -- where a hole sits in the statement (PG201) ------------------------------------------------

HolePosition = str  # "identifier" | "value" | "fragment"
_MARKER = re.compile(re.escape(HOLE_PREFIX) + r"(\d+)")
# Expression nodes: a hole that parses as a column reference below one of them is an operand.
_OPERAND_NODES = frozenset({
    "A_Expr", "BoolExpr", "NullTest", "BooleanTest", "SubLink", "A_ArrayExpr", "TypeCast", "CaseExpr",
    "CaseWhen", "CoalesceExpr", "MinMaxExpr", "A_Indirection", "FuncCall", "RowExpr", "NamedArgExpr",
    "CollateClause", "XmlExpr", "A_Const",
})
# Slots holding a value (an expression, a literal's text) rather than a name.
_VALUE_SLOTS = frozenset({
    "whereClause", "havingClause", "limitCount", "limitOffset", "valuesLists", "payload", "filename",
    "comment", "args", "val", "defexpr", "raw_default", "cooked_default", "options", "params", "password",
})
# Statement-level slots that name something: the hole is a name the server looks up.
_NAME_SLOTS = frozenset({"targetList", "sortClause", "groupClause", "fromClause", "distinctClause",
                         "indexParams", "cols", "returningList"})


# Keywords (PostgreSQL's lexer names) after which a bare word is a name: FROM t, INSERT INTO t …
_NAME_KEYWORDS = frozenset({"FROM", "INTO", "JOIN", "TABLE", "UPDATE", "DATABASE", "SCHEMA", "VIEW", "INDEX",
                            "SEQUENCE", "FUNCTION", "TRIGGER", "ROLE", "USER", "EXISTS", "ONLY", "ASCII_46",
                            "NOTIFY", "LISTEN", "UNLISTEN"})


def _marker_paths(node: object, path: tuple[tuple[object, str], ...], out: list[tuple[int, tuple[tuple[object, str], ...], object, str]],
                  depth: int = 0) -> None:
    """Every string slot of the tree holding a hole marker: (hole index, ancestors with their slot, node, slot)."""
    if depth > 200:
        return
    if isinstance(node, tuple):
        for item in node:
            _marker_paths(item, path, out, depth + 1)
        return
    if not isinstance(node, _pg_ast.Node):
        return
    for attr in node.__slots__:  # type: ignore[attr-defined]
        value = getattr(node, attr, None)
        if isinstance(value, str):
            for m in _MARKER.finditer(value):
                out.append((int(m.group(1)), path, node, attr))
        elif value is not None:
            _marker_paths(value, (*path, (node, attr)), out, depth + 1)


def _position_in_tree(path: tuple[tuple[object, str], ...], node: object, attr: str) -> HolePosition:
    kind = type(node).__name__
    if kind == "String" and path and type(path[-1][0]).__name__ == "A_Const":
        return "value"  # a quoted string literal's contents ('…', $q$…$q$, E'…')
    if kind in ("A_Const", "Integer", "Float", "BitString", "Boolean"):
        return "value"
    if kind != "String" and attr in _VALUE_SLOTS:
        return "value"  # NOTIFY c, '…'; COPY … FROM '…'; COMMENT … IS '…'
    if kind == "String" and path and type(path[-1][0]).__name__ == "ColumnRef":
        # A bare word read as a column: a column name where a name is expected, an operand otherwise.
        above = [type(parent).__name__ for parent, _ in path[:-1]]
        for k in range(len(path) - 2, -1, -1):
            pkind, slot = above[k], path[k][1]
            if pkind == "TypeName":
                return "identifier"  # a type modifier, vector(<hole>): part of the type's name
            if k == len(path) - 2 and pkind == "A_Expr" and slot == "lexpr":
                return "identifier"  # WHERE <hole> = $1: the column compared (the value goes right)
            if pkind in _OPERAND_NODES or slot in ("whereClause", "havingClause", "limitCount", "limitOffset",
                                                      "valuesLists", "args"):
                return "value"
            if pkind == "ResTarget" and slot == "val":
                if k > 0 and above[k - 1] in ("UpdateStmt", "MultiAssignRef", "OnConflictClause"):
                    return "value"  # UPDATE … SET c = <hole>
                continue
            if slot in _NAME_SLOTS or pkind in ("SortBy", "IndexElem"):
                return "identifier"
            if pkind.endswith("Stmt"):
                break
        return "value"
    return "identifier"


def hole_positions(shape: "SqlShape", style: str) -> dict[int, HolePosition]:
    """Where each hole of unknown text sits in the statement, by its index in ``shape.parts``:
    ``"identifier"`` (a table, schema, column, function, database, channel, role or savepoint
    name, quoted or not), ``"value"`` (inside a string literal, an operand, ``LIMIT``, ``VALUES``,
    a setting's value) or ``"fragment"`` (the text does not parse with the hole in it: a clause,
    a list or a whole statement spliced in). Each hole becomes a ``pglint_hole_N`` word and the
    text is parsed by PostgreSQL's parser; a hole seen in several places takes the riskiest."""
    indexes = [i for i, p in enumerate(shape.parts) if not isinstance(p, str) and p.value is None]
    out: dict[int, HolePosition] = {i: "fragment" for i in indexes}
    if any(not isinstance(p, str) and p.kind == "branch" for p in shape.parts):
        known = {i: p.position for i, p in enumerate(shape.parts)
                 if not isinstance(p, str) and p.position is not None}
        out.update(known)  # what each branch said before the merge, unless each branch's text says more
        out.update(_branch_positions(shape, style))
        return out
    text = parseable_text(shape, style)
    stmts = parse_statements(text)
    if stmts is None:  # the lexer alone: quoted names, string literals, a word after FROM/INTO …
        tokens = scan_tokens(text) or ()
        joins = 0
        for k, (start, end, name) in enumerate(tokens):
            joins += name == "JOIN"
            for m in _MARKER.finditer(text[start:end]):
                i = int(m.group(1))
                before = tokens[k - 1][2] if k else ""
                after = text[tokens[k + 1][0]:tokens[k + 1][1]] if k + 1 < len(tokens) else ""
                if name == "SCONST":
                    out[i] = "value"
                elif name == "IDENT" and (text[start] == '"' or before in _NAME_KEYWORDS or after == "."
                                          or (before == "ON" and not joins)
                                          or _MARKER.sub("", text[start:end]) != ""):
                    # a quoted name, a word after FROM / INDEX / ``ON`` (not a join's) …, a
                    # qualifier, or a word the hole is glued into (``${domain}_${key}``)
                    out[i] = "identifier"
        return out
    found: list[tuple[int, tuple[tuple[object, str], ...], object, str]] = []
    _marker_paths(stmts, (), found)
    rank = {"identifier": 0, "value": 1, "fragment": 2}
    seen: dict[int, HolePosition] = {}
    for i, path, node, attr in found:
        pos = _position_in_tree(path, node, attr)
        if i not in seen or rank[pos] > rank[seen[i]]:
            seen[i] = pos
    out.update(seen)
    return out


#: The most full texts :func:`_branch_positions` reads for one shape (one per combination of branches).
MAX_BRANCH_TEXTS = 16


def _branch_texts(parts: "tuple[Part, ...]", budget: list[int]) -> "list[tuple[Part, ...]]":
    """Each full text ``parts`` may have: every branch hole replaced by one of its alternatives
    (recursively), the holes listed after it dropped (they are in the alternatives); at most
    ``budget[0]`` texts, ``[]`` when a branch kept no alternatives or there are more texts."""
    from ..ir.query import Hole as _Hole
    texts: list[tuple[Part, ...]] = [()]
    k = 0
    while k < len(parts):
        p = parts[k]
        k += 1
        if not isinstance(p, _Hole) or p.kind != "branch":
            texts = [t + (p,) for t in texts]
            continue
        if not p.alternatives:
            return []
        inner = dict.fromkeys(h for alt in p.alternatives for h in _all_holes(alt))
        listed = k
        while k < len(parts) and k - listed < len(inner) and isinstance(parts[k], _Hole) and parts[k] in inner:
            k += 1
        choices = [t for alt in p.alternatives for t in _branch_texts(alt, budget)]
        if not choices or len(texts) * len(choices) > budget[0]:
            return []
        texts = [t + c for t in texts for c in choices]
    return texts


def _all_holes(parts: "tuple[Part, ...]") -> "list[Hole]":
    """The non-constant holes of ``parts`` and of its branches' alternatives."""
    from ..ir.query import Hole as _Hole
    out: list[Hole] = []
    for p in parts:
        if isinstance(p, _Hole):
            if not p.constant:
                out.append(p)
            for alt in p.alternatives:
                out.extend(_all_holes(alt))
    return out


def _branch_positions(shape: "SqlShape", style: str) -> dict[int, HolePosition]:
    """The positions of ``shape``'s holes read in each branch's full text (:func:`hole_positions`
    on each), the riskiest per hole, by index in ``shape.parts``; ``{}`` when the branches kept
    no text. A hole is found by its equal in ``shape.parts``. A text that does not parse does not
    override the position a hole's own branch statement gave it before the merge."""
    from ..ir.query import Hole as _Hole, SqlShape as _SqlShape
    texts = _branch_texts(shape.parts, [MAX_BRANCH_TEXTS])
    if not texts:
        return {}
    index: dict[Hole, int] = {}
    for i, p in enumerate(shape.parts):
        if isinstance(p, _Hole) and not p.constant:
            index.setdefault(p, i)
    rank = {"identifier": 0, "value": 1, "fragment": 2}
    out: dict[int, HolePosition] = {}
    for text in texts:
        expanded = _SqlShape(shape.form, text, shape.span)
        parsed = parse_statements(parseable_text(expanded, style)) is not None
        for j, pos in hole_positions(expanded, style).items():
            hole = text[j]
            if not isinstance(hole, _Hole) or not parsed and hole.position is not None:
                continue  # a text only the lexer reads says less than the branch's own statement did
            at = index.get(hole)
            if at is not None and (at not in out or rank[pos] > rank[out[at]]):
                out[at] = pos
    return out


# -- a query of a driver pglint cannot see (a cursor handed in by a caller) -------------------

#: The driver name of a query site whose receiver is bound to no driver: DB-API-shaped code that
#: is handed its cursor or connection (``def rename(cur, …): cur.execute(…)``) and JS/TS code that
#: calls ``.query(sql, params)`` on an untyped receiver. The SQL text itself says it is PostgreSQL
#: (:func:`reads_as_sql`) and which placeholders it uses (:func:`placeholder_style`).
UNKNOWN_DRIVER = "unknown"


def placeholder_style(text: str) -> str | None:
    """The placeholders ``text`` is written with, read with PostgreSQL's lexer (string literals,
    quoted names and comments do not count): ``"dollar"`` (``$1``), ``"pyformat"`` (``%s`` /
    ``%(name)s``), ``""`` (none) or ``None`` (both, or the lexer fails: not one driver's SQL)."""
    dollars = dollar_params(text)
    tokens = scan_tokens(text)
    if dollars is None or tokens is None:
        return None
    # the text with literals, quoted names and comments blanked: psycopg's placeholders outside them
    code = [" "] * len(text)
    for start, end, name in tokens:
        if name not in ("SCONST", "USCONST", "BCONST", "XCONST", "SQL_COMMENT", "C_COMMENT") and text[start] != '"':
            code[start:end] = text[start:end]
    scan = pyformat_scan("".join(code))
    pyformat = bool(scan.positional or scan.names)
    if dollars and pyformat:
        return None
    return "dollar" if dollars else "pyformat" if pyformat else ""


# Statement keywords (PostgreSQL's lexer names) a query starts with, and the ones a statement
# whose text is only partly known must also contain to count as SQL ("select " + x does not).
_STATEMENT_STARTS = frozenset({
    "SELECT", "INSERT", "UPDATE", "DELETE_P", "WITH", "CREATE", "ALTER", "DROP", "TRUNCATE", "SET",
    "COPY", "GRANT", "REVOKE", "COMMENT", "REFRESH", "VACUUM", "ANALYZE", "ANALYSE", "LOCK_P",
    "NOTIFY", "CALL", "MERGE", "EXPLAIN", "DELETE",
})
_STRUCTURAL = frozenset({"FROM", "INTO", "WHERE", "VALUES", "TABLE", "JOIN", "RETURNING", "INDEX", "VIEW",
                         "SCHEMA", "SEQUENCE", "FUNCTION", "TRIGGER", "DATABASE", "ORDER", "GROUP_P",
                         "LIMIT", "EXTENSION", "TYPE_P", "ROLE", "ON"})


_LITERAL_KEYWORDS = ("SELECT", "INSERT", "UPDATE", "DELETE", "WITH", "CREATE", "ALTER", "DROP", "TRUNCATE", "SET",
                     "COPY", "GRANT", "REVOKE", "COMMENT", "REFRESH", "VACUUM", "ANALYZE", "LOCK", "NOTIFY",
                     "CALL", "MERGE", "EXPLAIN")
#: A string literal's opening (a quote, then blanks) followed by a statement keyword written in capitals
#: or in small letters (``'SELECT``, ``"""\n  insert``, `` `UPDATE``; not a docstring's ``"""Update the…``):
#: a cheap test of source text for SQL a query could run, for the gate.
SQL_LITERAL_START = re.compile(
    rb"""["'`]\s*(?:""" + "|".join((*_LITERAL_KEYWORDS, *(k.lower() for k in _LITERAL_KEYWORDS))).encode()
    + rb""")\s""")


#: tokens after which a ``?`` stands where an operand belongs (a placeholder, not PostgreSQL's
#: jsonb operator ``data ? 'key'``)
_OPERAND_BEFORE = frozenset({"=", "(", ",", "<", ">", "<=", ">=", "<>", "!="})


def reads_as_sql(text: str, complete: bool) -> bool:
    """Whether ``text`` (holes as ``pglint_hole_N`` words, placeholders as ``$n``) is PostgreSQL:
    PostgreSQL's parser accepts it; or, when parts of it are not known (``complete`` false: a
    clause or list spliced in can make the whole unparseable), PostgreSQL's lexer reads it, it
    starts with a statement keyword (``SELECT``, ``INSERT`` …) and names a clause of one
    (``FROM``, ``INTO``, ``WHERE``, ``VALUES``, ``TABLE`` …). Text of another language — a shell
    command, a GraphQL query, SQLite's ``?`` or a named ``:param`` — is not."""
    if parse_statements(text) is not None:
        return bool(text.strip())
    if complete:
        return False
    tokens = scan_tokens(text)
    if not tokens:
        return False
    code = [(text[start:end], name) for start, end, name in tokens if name not in ("SQL_COMMENT", "C_COMMENT")]
    names = [name for _word, name in code]
    if not names or names[0] not in _STATEMENT_STARTS:
        return False
    if any(word == "?" and code[i - 1][0] in _OPERAND_BEFORE for i, (word, _name) in enumerate(code) if i):
        return False  # `= ?`, `(?, ?)`: a placeholder of MySQL or SQLite where an operand belongs
    return any(name in _STRUCTURAL for name in names[1:])
