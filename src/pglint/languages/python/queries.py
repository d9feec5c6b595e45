"""Query and connection sites of the Python frontend, for the SQL, TLS and credential rules.

After :class:`~.lower.FileLowering` has built the CFGs, :func:`collect_sites`
walks every body it lowered (the module, each function, method and lambda)
once more, in source order, and records a
:class:`~pglint.ir.query.QuerySite` for every call of a driver query method
(what is one comes from the driver models: ``Method(effect="query")`` on the
receiver's value kind, or a ``QueryFunction`` such as
``psycopg2.extras.execute_values``) and a :class:`~pglint.ir.query.ConnectSite`
for every driver factory call (``psycopg2.connect``, ``asyncpg.create_pool`` …).

The SQL argument's *shape* is computed here: string literals, ``+`` and
``+=`` on locals (flow-sensitively: each branch separately, merged at joins,
a loop's accumulations widened), module constants, simple helper functions of
the module (their parameters bound to the call's arguments), f-strings, ``%``
and ``.format`` (holes mapped to their arguments), ``str.join`` and
``psycopg.sql`` / ``psycopg2.sql`` composition. A hole is *constant* when its
value is a literal, a constant, a numeric conversion (``int(x)``, ``%d``,
``{:d}``), a lookup in a constant mapping, or a ``sql.Identifier`` /
``Literal`` / ``Placeholder``. A SQL argument pglint cannot see at all (a
parameter, a call's result) is an ``unknown`` shape, never an unsafe hole.
"""

from __future__ import annotations

import ast
import bisect
import os
import string
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import TYPE_CHECKING, Iterator, Literal, Union

from ...analysis.sql import (HOLE_PREFIX, SQL_LITERAL_START, UNKNOWN_DRIVER, hole_positions, parse_statements,
                             parseable_text, placeholder_style, reads_as_sql, scan_tokens)
from ...drivers.model import DriverModel, DriverRegistry, Factory, QueryFunction, Value
from ...drivers.sqlalchemy import SQLALCHEMY, TEXT_FUNCTIONS
from ...ir.cfg import Span
from ...ir.query import ConnectSite, Hole, OptionValue, Params, Part, QuerySite, RowUse, SqlShape
from ...sourcelines import split_lines
from .binding import LANGUAGE, Binder, Scope, returns_of
from .option_steps import assembled_options, shallow_walk as _shallow_walk
from .framework_sites import database_settings, fragments, framework_models, manager_query, settings_models
from .escapers import quoting_helpers
from .rowuse import RowUseReader

if TYPE_CHECKING:
    from .lower import FileLowering

SQL_KEYWORDS = ("query", "sql", "operation", "command", "statement")
PARAM_KEYWORDS = ("vars", "params", "parameters", "args", "vars_list", "params_seq", "argslist")
SQL_MODULES = ("psycopg2.sql", "psycopg.sql")
SQLALCHEMY_TEXT_FUNCTIONS = TEXT_FUNCTIONS
# methods that run a SQLAlchemy statement: on a receiver of unknown value, a `text()` argument says
# the receiver is a SQLAlchemy Connection or Session
SQLALCHEMY_METHODS = frozenset({"execute", "scalar", "scalars"})
NUMERIC_BUILTINS = frozenset({"int", "float", "len", "abs", "round", "bool"})
SAFE_FUNCTIONS = frozenset({"psycopg2.extensions.quote_ident", "psycopg.sql.quote", "psycopg2.sql.quote",
                            "pg8000.native.literal", "pg8000.native.identifier"})
# Attributes of a model instance holding its primary key, in files importing an ORM with manager
# queries (Django: an AutoField integer or a UUID, never SQL text)
MODEL_KEYS = frozenset({"pk", "id"})
TEXT_METHODS = frozenset({"strip", "lstrip", "rstrip", "upper", "lower", "replace"})
DEDENT_FUNCTIONS = frozenset({"textwrap.dedent", "inspect.cleandoc"})
ENV_FUNCTIONS = frozenset({"os.getenv", "os.environ.get", "os.environ.__getitem__"})
# Values a request or a user hands the program (a hole from one of them is "external").
EXTERNAL_PATHS = frozenset({"sys.argv", "input", "flask.request", "quart.request", "bottle.request"})
EXTERNAL_NAMES = frozenset({"request", "req"})
# Methods whose result carries the origin of their receiver (``name.lower()``, ``data.get("k")``).
FOLLOWED_METHODS = TEXT_METHODS | {"get", "pop", "getlist", "encode", "decode", "title", "casefold"}
# Files that import one of these may run `cur.execute` on a database other than PostgreSQL:
# a receiver whose driver pglint cannot see is not taken for a PostgreSQL cursor there.
OTHER_DB_MODULES = frozenset({
    "sqlite3", "aiosqlite", "pymysql", "MySQLdb", "mysql", "aiomysql", "asyncmy", "cx_Oracle",
    "oracledb", "pyodbc", "aioodbc", "pymssql", "duckdb", "snowflake", "clickhouse_driver",
    "cassandra", "pyhive", "trino", "prestodb", "ibm_db", "teradatasql", "databricks",
    "impala", "vertica_python", "hdbcli", "jaydebeapi", "firebirdsql", "fdb", "pysqlite2",
    "pyexasol", "pyathena", "pydruid", "pinotdb", "phoenixdb", "databend_driver", "mariadb", "apsw",
    "sqlalchemy_exasol", "turbodbc", "pyodps", "kylinpy", "crate", "nzpy", "pyignite", "sqlanydb",
})
# PL/Python's module: ``plpy.execute(query, max_rows)`` runs PostgreSQL SQL inside the server; values
# go only through ``plpy.prepare(query, types)`` plans, so a text query takes no parameters.
PLPY = "plpy"
ParamsMode = Literal["single", "varargs", "many", "none"]
# Methods taken for queries on a receiver of unknown value, per placeholder style.
FALLBACK_PYFORMAT = {"execute": "single", "executemany": "many", "copy_expert": "none"}
FALLBACK_DOLLAR = {"fetch": "varargs", "fetchrow": "varargs", "fetchval": "varargs",
                   "copy_from_query": "varargs", "execute": "varargs", "executemany": "many"}
DOLLAR_ONLY = frozenset({"fetch", "fetchrow", "fetchval", "copy_from_query"})
# Methods taken for queries of an unknown driver (a file importing no driver, handed its cursor or
# connection): how the parameters are passed, by the placeholder style the SQL is written with
# (``""``: none). A pairing no driver has (``fetch`` with ``%s``) is not a query.
UNKNOWN_PYFORMAT: dict[str, ParamsMode] = {"execute": "single", "executemany": "many", "copy_expert": "none"}
UNKNOWN_DOLLAR: dict[str, ParamsMode] = {"fetch": "varargs", "fetchrow": "varargs", "fetchval": "varargs",
                                         "copy_from_query": "varargs", "execute": "varargs",
                                         "executemany": "many"}
UNKNOWN_METHODS = frozenset(UNKNOWN_PYFORMAT) | frozenset(UNKNOWN_DOLLAR)
# Substrings of the source one of which every name of UNKNOWN_METHODS contains (three: see unknown_query_calls).
_UNKNOWN_METHOD_NEEDLES: tuple[bytes, bytes, bytes] = (b"execute", b"fetch", b"copy_")
# Annotations that say nothing about a receiver.
UNTYPED_ANNOTATIONS = frozenset({"Any", "typing.Any", "object"})
MAX_DEPTH = 4
# First tokens (PostgreSQL's lexer names) of a statement.
SQL_STARTS = frozenset({
    "SELECT", "INSERT", "UPDATE", "DELETE_P", "WITH", "VALUES", "TABLE", "CREATE", "ALTER", "DROP",
    "TRUNCATE", "SET", "RESET", "SHOW", "COPY", "BEGIN_P", "START", "COMMIT", "END_P", "ROLLBACK",
    "SAVEPOINT", "RELEASE", "PREPARE", "EXECUTE", "DEALLOCATE", "EXPLAIN", "ANALYZE", "ANALYSE",
    "VACUUM", "GRANT", "REVOKE", "COMMENT", "LOCK_P", "LISTEN", "NOTIFY", "UNLISTEN", "DO", "CALL",
    "MERGE", "REFRESH", "CLUSTER", "REINDEX", "DISCARD", "DECLARE", "FETCH", "MOVE", "CLOSE",
    "CHECKPOINT", "SECURITY", "IMPORT_P", "LOAD", "ABORT_P", "ASCII_40",
})
SOURCE_LIMIT = 40

Env = dict[str, Union[SqlShape, None]]


# -- shapes ------------------------------------------------------------------------------------


def _literal(text: str, span: Span | None = None) -> SqlShape:
    return SqlShape("literal", (text,), span)


def _normalise(parts: list[Part]) -> tuple[Part, ...]:
    """Adjacent literal pieces joined, empty ones dropped."""
    out: list[Part] = []
    for p in parts:
        if isinstance(p, str):
            if not p:
                continue
            if out and isinstance(out[-1], str):
                out[-1] = out[-1] + p
                continue
        out.append(p)
    return tuple(out)


def _safe(parts: tuple[Part, ...]) -> bool:
    return all(p.constant for p in parts if isinstance(p, Hole))


def _with_positions(shape: SqlShape) -> SqlShape:
    """``shape`` with each non-constant hole's position in the statement written into it, when
    its text parses as a whole (before a merge loses the text); else ``shape`` itself."""
    if not any(isinstance(p, Hole) and not p.constant and p.position is None for p in shape.parts) or \
            any(isinstance(p, Hole) and p.kind == "branch" for p in shape.parts):
        return shape
    # psycopg's %s / %(name)s, else SQLAlchemy text()'s :name binds (the style is the query's,
    # which a text built before the call does not know yet)
    style = next((st for st in ("pyformat", "named") if parse_statements(parseable_text(shape, st)) is not None), None)
    if style is None:
        return shape
    positions = hole_positions(shape, style)
    parts = tuple(replace(p, position=positions[i]) if isinstance(p, Hole) and not p.constant and i in positions
                  else p for i, p in enumerate(shape.parts))
    return SqlShape(shape.form, parts, shape.span)


#: The most non-constant holes :func:`merge_shapes` keeps from the branches it merges.
MAX_BRANCH_HOLES = 64


def merge_shapes(a: SqlShape | None, b: SqlShape | None) -> SqlShape | None:
    """The shape of a value that is ``a`` on one path and ``b`` on another.

    Common leading and trailing parts are kept; what differs becomes one
    constant "branch" hole of unknown text (so the text is incomplete) followed
    by the non-constant holes of either side (so PG201 still sees them); the
    branch hole keeps what each side had there (while small) so that PG201 can
    read each hole's position in each side's full text.
    """
    if a is None or b is None:
        return None
    if a == b:
        return a
    a, b = _with_positions(a), _with_positions(b)
    pa, pb = a.parts, b.parts
    i = 0
    while i < len(pa) and i < len(pb) and pa[i] == pb[i]:
        i += 1
    j = 0
    while j < len(pa) - i and j < len(pb) - i and pa[len(pa) - 1 - j] == pb[len(pb) - 1 - j]:
        j += 1
    mid_a, mid_b = list(pa[i:len(pa) - j]), list(pb[i:len(pb) - j])
    head: list[Part] = list(pa[:i])
    tail: list[Part] = list(pa[len(pa) - j:])
    # literal text both sides start (end) with stays known: "SELECT … WHERE " + (a | b)
    if mid_a and mid_b and isinstance(mid_a[0], str) and isinstance(mid_b[0], str):
        k = _token_boundary(os.path.commonprefix([mid_a[0], mid_b[0]]), from_end=False)
        head.append(mid_a[0][:k])
        mid_a[0], mid_b[0] = mid_a[0][k:], mid_b[0][k:]
    if mid_a and mid_b and isinstance(mid_a[-1], str) and isinstance(mid_b[-1], str):
        k = _token_boundary(os.path.commonprefix([mid_a[-1][::-1], mid_b[-1][::-1]]), from_end=True)
        if k:
            tail.insert(0, mid_a[-1][len(mid_a[-1]) - k:])
            mid_a[-1], mid_b[-1] = mid_a[-1][:len(mid_a[-1]) - k], mid_b[-1][:len(mid_b[-1]) - k]
    # each distinct non-constant hole once, in order, and at most MAX_BRANCH_HOLES of them: thousands
    # of nested conditional expressions would otherwise carry thousands of holes through every merge
    seen: dict[Hole, None] = {}
    for p in (*mid_a, *mid_b):
        if isinstance(p, Hole) and not p.constant and p not in seen:
            seen[p] = None
            if len(seen) == MAX_BRANCH_HOLES:
                break
    alternatives = (tuple(mid_a), tuple(mid_b)) if _part_count((*mid_a, *mid_b)) <= MAX_BRANCH_PARTS else ()
    middle: list[Part] = [Hole("…", True, None, None, "branch", alternatives=alternatives), *seen]
    form = a.form if a.form == b.form else ("composed" if "composed" in (a.form, b.form) else "concat")
    return SqlShape(form, _normalise([*head, *middle, *tail]), a.span)


#: The most parts (counted through nested branches) a merged branch hole keeps as the text of
#: each branch; beyond it only the holes are kept and PG201 reads no position from the text.
MAX_BRANCH_PARTS = 48


def _part_count(parts: tuple[Part, ...]) -> int:
    """How many parts ``parts`` holds, the alternatives of its branch holes included."""
    return sum(1 + sum(_part_count(alt) for alt in p.alternatives) if isinstance(p, Hole) else 1 for p in parts)


def _token_boundary(common: str, from_end: bool) -> int:
    """How much of a shared prefix (or reversed suffix) to keep: up to the last separator, so
    that a placeholder (``%s`` / ``%(name)s`` / ``$1``) or a word is never cut in two."""
    for k in range(len(common), 0, -1):
        if common[k - 1] in " \t\r\n":
            return k
    return 0


def merge_envs(a: Env, b: Env) -> Env:
    """Names known on both paths, merged; a name set on one path only is unknown after the join."""
    return {k: merge_shapes(v, b[k]) for k, v in a.items() if k in b}


def _printf(fmt: str) -> list[tuple[str, str, str]] | None:
    """``%``-format ``fmt`` as ``("text", text, "")`` and ``("spec", name, conversion)`` pieces."""
    out: list[tuple[str, str, str]] = []
    buf: list[str] = []
    i, n = 0, len(fmt)
    while i < n:
        c = fmt[i]
        if c != "%":
            buf.append(c)
            i += 1
            continue
        if i + 1 < n and fmt[i + 1] == "%":
            buf.append("%")
            i += 2
            continue
        i += 1
        name = ""
        if i < n and fmt[i] == "(":
            close = fmt.find(")", i)
            if close == -1:
                return None
            name = fmt[i + 1:close]
            i = close + 1
        while i < n and fmt[i] in "#0- +":
            i += 1
        while i < n and (fmt[i].isdigit() or fmt[i] == "*"):
            i += 1
        if i < n and fmt[i] == ".":
            i += 1
            while i < n and (fmt[i].isdigit() or fmt[i] == "*"):
                i += 1
        while i < n and fmt[i] in "hlL":
            i += 1
        if i >= n or fmt[i] not in "diouxXeEfFgGcrsa":
            return None
        if buf:
            out.append(("text", "".join(buf), ""))
            buf = []
        out.append(("spec", name, fmt[i]))
        i += 1
    if buf:
        out.append(("text", "".join(buf), ""))
    return out


def _numeric_spec(spec: str) -> bool:
    """A format spec that only formats numbers (``d``, ``.2f``, ``x`` …)."""
    return bool(spec) and spec[-1] in "dbcoxXneEfFgG%" and "{" not in spec


def _quote_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _quote_literal(value: object) -> str | None:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return "'" + value.replace("'", "''") + "'"
    if value is None:
        return "NULL"
    return None


def _call_name(func: ast.expr) -> str | None:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


# -- per-file state -------------------------------------------------------------------------------


@dataclass(slots=True)
class _Fallback:
    """How a query method on a receiver of unknown value is read in this file."""

    pyformat: str | None = None  # the DB-API driver the file imports (psycopg2, psycopg, aiopg)
    dollar: str | None = None  # asyncpg

    def for_method(self, name: str, awaited: bool) -> tuple[str, str, ParamsMode] | None:
        """``(driver, style, params mode)`` for ``x.name(...)`` when ``x`` is unknown. A call that is
        not awaited cannot be asyncpg's (it has no sync API)."""
        if self.pyformat is not None and name in FALLBACK_PYFORMAT and (
                self.dollar is None or name not in FALLBACK_DOLLAR or not awaited):
            return self.pyformat, "pyformat", FALLBACK_PYFORMAT[name]  # type: ignore[return-value]
        if self.dollar is not None and name in FALLBACK_DOLLAR and awaited and (
                self.pyformat is None or name in DOLLAR_ONLY):
            return self.dollar, "dollar", FALLBACK_DOLLAR[name]  # type: ignore[return-value]
        return None


@dataclass(slots=True)
class _Body:
    qualname: str
    scope: Scope
    node: ast.AST | None  # the function (None: the module)
    stmts: list[ast.stmt]
    expr: ast.expr | None = None  # a lambda's body
    assigns: dict[str, list[ast.expr | None]] | None = None  # name -> values assigned (None: unknown)
    loads: dict[str, int] | None = None  # name -> number of loads
    mutated: set[str] | None = None  # names of containers changed in place


CLIENT_CURSORS = frozenset({"ClientCursor", "AsyncClientCursor", "RawCursor", "AsyncRawCursor"})


def _interesting_names(registry: "DriverRegistry") -> frozenset[str]:
    """Callee names that can be a query or connection site (for a cheap first look at a file)."""
    names: set[str] = set(FALLBACK_PYFORMAT) | set(FALLBACK_DOLLAR)
    for model in registry.for_language(LANGUAGE):
        names.update(m.name for m in model.methods if m.effect == "query")
        names.update(f.path.rsplit(".", 1)[-1] for f in model.factories)
        names.update(q.path.rsplit(".", 1)[-1] for q in model.query_functions)
        names.update(mq.name for mq in model.manager_queries)
    return frozenset(names)


def other_database(modules: "Iterator[str] | list[str] | set[str]") -> bool:
    """Whether one of ``modules`` (as imported, absolute) is another database's driver."""
    return any(m.split(".")[0] in OTHER_DB_MODULES for m in modules)


def unknown_query_calls(tree: ast.AST, source: bytes, modules: list[str]) -> bool:
    """Whether a call in ``tree`` may be a query of an unknown driver: ``x.<method>(text, …)`` with a
    method of :data:`UNKNOWN_METHODS` on an attribute's receiver and a first argument that can be
    text, in a file that has a string literal starting with a statement keyword
    (:data:`~pglint.analysis.sql.SQL_LITERAL_START`) and imports no other database's module
    (``modules``: what it imports). A cheap,
    syntactic superset: the query sites themselves are decided on lowering, and only in files for
    which this holds (so the import gate, which lets these files through, never changes a result)."""
    if other_database(m for m in modules if not m.startswith(".")):
        return False
    if not any(needle in source for needle in _UNKNOWN_METHOD_NEEDLES) \
            or not SQL_LITERAL_START.search(source):
        return False  # no query method named, or no string literal that starts a statement
    # the method's name is written on a line of the statement that holds the call: a statement
    # whose lines (with its decorators) name none of the methods is not entered
    execute, fetch, copy = _UNKNOWN_METHOD_NEEDLES
    hits = [n for n, line in enumerate(split_lines(source, LANGUAGE), 1)
            if execute in line or fetch in line or copy in line]
    stack: list[ast.AST] = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.stmt) and node.end_lineno is not None:
            start = node.lineno
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                start = min([start, *(d.lineno for d in node.decorator_list)])
            at = bisect.bisect_left(hits, start)
            if at == len(hits) or hits[at] > node.end_lineno:
                continue
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                and node.func.attr in UNKNOWN_METHODS:
            first = node.args[0] if node.args else next(
                (k.value for k in node.keywords if k.arg in SQL_KEYWORDS), None)
            if not (first is None or isinstance(first, ast.Starred) or (
                    isinstance(first, ast.Constant) and not isinstance(first.value, (str, bytes)))):
                return True
        stack.extend(ast.iter_child_nodes(node))
    return False


def _constructs(call: ast.Call) -> bool:
    """A call of a capitalised name (``Runner(…)``, ``tasks.Runner(…)``): an object of some class."""
    func = call.func
    name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
    return name[:1].isupper()


def _class_constructs(cls: ast.ClassDef, attr: str) -> bool:
    """Whether a method of ``cls`` sets ``self.<attr>`` to a constructed object (``self.db = Database()``)."""
    for node in ast.walk(cls):
        if isinstance(node, (ast.Assign, ast.AnnAssign)) and isinstance(node.value, ast.Call) \
                and _constructs(node.value):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(isinstance(t, ast.Attribute) and t.attr == attr and isinstance(t.value, ast.Name)
                   for t in targets):
                return True
    return False


def _may_be_text(e: ast.expr) -> bool:
    """A cheap syntactic look: can ``e`` be (part of) SQL text worth computing a shape for?"""
    if isinstance(e, ast.Constant):
        return isinstance(e.value, (str, bytes, int, float))
    if isinstance(e, (ast.JoinedStr, ast.Name, ast.IfExp, ast.UnaryOp)) or type(e).__name__ == "TemplateStr":
        return True
    if isinstance(e, ast.BinOp):
        return isinstance(e.op, (ast.Add, ast.Mod))
    if isinstance(e, ast.Call):
        return True
    if isinstance(e, ast.Attribute):
        return True
    return False


def _is_text(e: ast.expr) -> bool:
    """Syntactically a string being built: a literal, an f-string, ``+``/``%`` on one, a string
    method (``format``, ``join`` …) or ``sql.SQL(...)``."""
    if isinstance(e, ast.Constant):
        return isinstance(e.value, (str, bytes))
    if isinstance(e, ast.JoinedStr) or type(e).__name__ == "TemplateStr":
        return True
    if isinstance(e, ast.BinOp) and isinstance(e.op, (ast.Add, ast.Mod)):
        return _is_text(e.left) or _is_text(e.right)
    if isinstance(e, ast.IfExp):
        return _is_text(e.body) or _is_text(e.orelse)
    if isinstance(e, ast.Call):
        name = _call_name(e.func)
        return name in ("format", "join", "strip", "lstrip", "rstrip", "replace", "lower", "upper",
                        "as_string", "SQL", "Composed", "dedent", "cleandoc")
    return False


#: A collection literal of at most this many elements is "a fixed handful" (see :func:`_fixed_handful`):
#: whatever its size, a list typed out in the code is a bounded, known number of rows.
FIXED_HANDFUL = 64


def _constant_literal(e: ast.expr) -> bool:
    """A tuple/list/set/dict display of at most :data:`FIXED_HANDFUL` elements, each a constant or
    such a display of constants (``((1, "CD"), (2, "Vinyl"))``)."""
    def constant(x: ast.expr | None) -> bool:
        if isinstance(x, ast.Constant):
            return True
        if isinstance(x, (ast.Tuple, ast.List, ast.Set)):
            return len(x.elts) <= FIXED_HANDFUL and all(constant(y) for y in x.elts)
        return False
    if isinstance(e, (ast.Tuple, ast.List, ast.Set)):
        return len(e.elts) <= FIXED_HANDFUL and all(constant(x) for x in e.elts)
    if isinstance(e, ast.Dict):
        return len(e.keys) <= FIXED_HANDFUL and all(k is not None and constant(k) for k in e.keys) \
            and all(constant(v) for v in e.values)
    return False


def _fixed_module_collections(tree: ast.Module) -> frozenset[str]:
    """Module-level names bound once, at the top level, to a :func:`_constant_literal` and never
    rebound or augmented anywhere in the module (``FORMATS = ((1, "CD"), (2, "Vinyl"))``)."""
    candidates: dict[str, int] = {}
    for st in tree.body:
        if isinstance(st, ast.Assign) and len(st.targets) == 1 and isinstance(st.targets[0], ast.Name) \
                and _constant_literal(st.value):
            candidates[st.targets[0].id] = candidates.get(st.targets[0].id, 0) + 1
        elif isinstance(st, ast.AnnAssign) and isinstance(st.target, ast.Name) and st.value is not None \
                and _constant_literal(st.value):
            candidates[st.target.id] = candidates.get(st.target.id, 0) + 1
    if not candidates:
        return frozenset()
    stores: dict[str, int] = {}
    for n in ast.walk(tree):
        if isinstance(n, ast.Name) and isinstance(n.ctx, (ast.Store, ast.Del)) and n.id in candidates:
            stores[n.id] = stores.get(n.id, 0) + 1
        elif isinstance(n, ast.arg) and n.arg in candidates:
            stores[n.arg] = stores.get(n.arg, 0) + 2  # a parameter of the same name shadows it
        elif isinstance(n, (ast.Global, ast.Nonlocal)):
            for name in n.names:
                stores[name] = stores.get(name, 0) + 2  # rebound from a function: not fixed
        elif isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) \
                and isinstance(n.func.value, ast.Name) and n.func.value.id in candidates \
                and n.func.attr in ("append", "extend", "add", "update", "insert", "setdefault"):
            stores[n.func.value.id] = stores.get(n.func.value.id, 0) + 2  # grown at run time
    return frozenset(name for name, count in candidates.items() if count == 1 and stores.get(name, 0) == 1)


def _fixed_handful(iterable: ast.expr, fixed_names: frozenset[str]) -> bool:
    """Does a ``for`` over ``iterable`` run a fixed, small number of times, known from the code: a
    collection literal written in the header, a module constant bound to one
    (:func:`_fixed_module_collections`), or either through ``enumerate``/``sorted``/``reversed``/
    ``zip`` or ``.items()``/``.keys()``/``.values()``."""
    e = iterable
    if isinstance(e, ast.Call) and isinstance(e.func, ast.Name) and e.func.id in (
            "enumerate", "sorted", "reversed", "list", "tuple") and e.args:
        return _fixed_handful(e.args[0], fixed_names)
    if isinstance(e, ast.Call) and isinstance(e.func, ast.Name) and e.func.id == "zip" and e.args:
        return all(_fixed_handful(a, fixed_names) for a in e.args)
    if isinstance(e, ast.Call) and isinstance(e.func, ast.Attribute) and not e.args \
            and e.func.attr in ("items", "keys", "values"):
        return _fixed_handful(e.func.value, fixed_names)
    if isinstance(e, (ast.Tuple, ast.List, ast.Set)):
        return True  # written in the header: as many iterations as elements written
    if isinstance(e, ast.Dict):
        return _constant_literal(e)
    return isinstance(e, ast.Name) and e.id in fixed_names


_BUILT_FROM_CONSTANTS_METHODS = frozenset({"copy", "append", "extend", "insert", "remove", "pop", "sort",
                                           "reverse", "index", "count"})
_BUILT_FROM_CONSTANTS_BUILTINS = frozenset({"list", "tuple", "sorted", "reversed", "range", "len",
                                            "enumerate", "zip"})


def _constant_functions(tree: ast.Module, fixed_names: frozenset[str]) -> frozenset[str]:
    """Module-level functions without parameters that build what they return only from the module's
    fixed collections (:func:`_fixed_module_collections`), literals and their own locals — copying,
    combining, reordering (``primary = PRIMARY.copy()`` … ``combined.append(…)``): calling one gives
    the same fixed handful every time."""
    out: set[str] = set()
    for st in tree.body:
        if not isinstance(st, ast.FunctionDef) or st.decorator_list:
            continue
        a = st.args
        if a.args or a.posonlyargs or a.kwonlyargs or a.vararg or a.kwarg:
            continue
        local = {t for n in ast.walk(st) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)
                 for t in [n.id]}
        known = local | fixed_names
        ok = any(isinstance(n, ast.Return) and n.value is not None for n in ast.walk(st))
        allowed_attrs: set[int] = set()
        for n in ast.walk(st):
            if not ok:
                break
            if isinstance(n, (ast.Global, ast.Nonlocal, ast.Await, ast.Yield, ast.YieldFrom, ast.Lambda,
                              ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and n is not st:
                ok = False
            elif isinstance(n, ast.Call):
                f = n.func
                if isinstance(f, ast.Name):
                    ok = f.id in _BUILT_FROM_CONSTANTS_BUILTINS and f.id not in local
                elif isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name) and f.value.id in known \
                        and f.attr in _BUILT_FROM_CONSTANTS_METHODS:
                    allowed_attrs.add(id(f))
                else:
                    ok = False
            elif isinstance(n, ast.Attribute) and id(n) not in allowed_attrs:
                ok = False
            elif isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load) and n.id not in known \
                    and n.id not in _BUILT_FROM_CONSTANTS_BUILTINS and n.id not in ("None", "True", "False"):
                ok = False
        if ok:
            out.add(st.name)
    return frozenset(out)


def _fixed_parameters(tree: ast.Module, fixed_names: frozenset[str]) -> dict[int, frozenset[str]]:
    """For each module-level function (by ``id`` of its node) that the module only ever calls, the
    parameters that every one of those calls fills with a fixed handful (:func:`_fixed_handful`):
    ``insert_sorts(curs, DIGITAL)`` and ``insert_sorts(curs, ANALOG)`` make ``formats`` fixed. A
    function the module passes around as a value, or never calls, has none."""
    functions = {st.name: st for st in tree.body if isinstance(st, (ast.FunctionDef, ast.AsyncFunctionDef))}
    if not functions:
        return {}
    calls: dict[str, list[ast.Call]] = {}
    called_funcs: set[int] = set()
    mentions: list[ast.Name] = []
    for n in ast.walk(tree):  # one walk: calls of the functions, and every mention of their names
        if isinstance(n, ast.Name):
            if n.id in functions:
                mentions.append(n)
        elif isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id in functions:
            calls.setdefault(n.func.id, []).append(n)
            called_funcs.add(id(n.func))
    escaped = {n.id for n in mentions if id(n) not in called_funcs}
    out: dict[int, frozenset[str]] = {}
    for name, fn in functions.items():
        sites = calls.get(name)
        if not sites or name in escaped or fn.decorator_list:
            continue
        positional = [*fn.args.posonlyargs, *fn.args.args]
        fixed: set[str] = set()
        for i, param in enumerate(positional):
            passed: list[ast.expr] = []
            for c in sites:
                if any(isinstance(x, ast.Starred) for x in c.args) or any(k.arg is None for k in c.keywords):
                    passed = []
                    break
                by_name = [k.value for k in c.keywords if k.arg == param.arg]
                if i < len(c.args):
                    passed.append(c.args[i])
                elif by_name:
                    passed.append(by_name[0])
                else:
                    passed = []
                    break
            if passed and all(_fixed_handful(x, fixed_names) for x in passed):
                fixed.add(param.arg)
        if fixed:
            out[id(fn)] = frozenset(fixed)
    return out


_NUMBER_CALLS = frozenset({"int", "float", "len", "round", "abs", "bool"})


def _constant_argument(e: ast.expr, caller: ast.AST | None, depth: int = 0) -> bool:
    """An argument that cannot carry SQL, seen from its caller ``caller`` (a function or the
    module): a literal, a number (``int(…)``, ``len(…)``, arithmetic on numbers) or a local the
    caller assigns only such values."""
    if isinstance(e, ast.Constant):
        return True
    if isinstance(e, ast.UnaryOp):
        return _constant_argument(e.operand, caller, depth)
    if isinstance(e, ast.BinOp) and isinstance(e.op, (ast.Add, ast.Sub, ast.Mult, ast.FloorDiv)):
        return _constant_argument(e.left, caller, depth) and _constant_argument(e.right, caller, depth)
    if isinstance(e, ast.Call) and isinstance(e.func, ast.Name) and e.func.id in _NUMBER_CALLS:
        return True
    if isinstance(e, ast.Name) and depth < 3 and isinstance(caller, (ast.FunctionDef, ast.AsyncFunctionDef)):
        a = caller.args
        if any(x.arg == e.id for x in (*a.posonlyargs, *a.args, *a.kwonlyargs, a.vararg, a.kwarg) if x is not None):
            return False
        values: list[ast.expr] = []
        for n in _shallow_walk(caller.body):
            if isinstance(n, ast.Assign) and any(isinstance(t, ast.Name) and t.id == e.id for t in n.targets):
                if len(n.targets) != 1:
                    return False
                values.append(n.value)
            elif isinstance(n, (ast.AugAssign, ast.AnnAssign, ast.For, ast.AsyncFor, ast.With, ast.AsyncWith,
                                ast.NamedExpr)) and e.id in {x.id for x in ast.walk(n) if isinstance(x, ast.Name)
                                                             and isinstance(x.ctx, ast.Store)}:
                return False
        return bool(values) and all(_constant_argument(v, caller, depth + 1) for v in values)
    return False


def _constant_parameters(tree: ast.Module) -> dict[int, frozenset[str]]:
    """For each module-level function (by ``id`` of its node) that the module only ever calls, the
    parameters every one of those calls fills with a value that cannot carry SQL
    (:func:`_constant_argument`): ``fetch(conn, start_ts, end_ts)`` whose only caller passes
    ``int(…)`` timestamps. A function the module passes around as a value, or never calls, has none;
    callers in other modules are not seen."""
    functions = {st.name: st for st in tree.body if isinstance(st, (ast.FunctionDef, ast.AsyncFunctionDef))}
    if not functions:
        return {}
    calls: dict[str, list[tuple[ast.Call, ast.AST | None]]] = {}
    called: set[int] = set()
    mentions: list[ast.Name] = []

    def visit(node: ast.AST, owner: ast.AST | None) -> None:  # one walk: calls, and every mention
        for child in ast.iter_child_nodes(node):
            inner = child if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)) else owner
            if isinstance(child, ast.Call) and isinstance(child.func, ast.Name) and child.func.id in functions:
                calls.setdefault(child.func.id, []).append((child, owner))
                called.add(id(child.func))
            elif isinstance(child, ast.Name) and child.id in functions:
                mentions.append(child)
            visit(child, inner)

    visit(tree, None)
    escaped = {n.id for n in mentions if id(n) not in called}
    out: dict[int, frozenset[str]] = {}
    for name, fn in functions.items():
        sites = calls.get(name)
        if not sites or name in escaped or fn.decorator_list:
            continue
        safe: set[str] = set()
        for i, param in enumerate([*fn.args.posonlyargs, *fn.args.args]):
            ok = True
            for c, owner in sites:
                if any(isinstance(x, ast.Starred) for x in c.args) or any(k.arg is None for k in c.keywords):
                    ok = False
                    break
                by_name = [k.value for k in c.keywords if k.arg == param.arg]
                arg = c.args[i] if i < len(c.args) else (by_name[0] if by_name else None)
                if arg is None or not _constant_argument(arg, owner):
                    ok = False
                    break
            if ok:
                safe.add(param.arg)
        if safe:
            out[id(fn)] = frozenset(safe)
    return out


_RAISES_CONTEXTS = frozenset({"raises", "assertRaises", "assertRaisesRegex", "assertRaisesRegexp"})


def _raises_blocks(tree: ast.Module, source: bytes | None = None) -> list[tuple[int, int]]:
    """The line ranges of ``with pytest.raises(…):`` / ``with self.assertRaises(…):`` bodies: what
    runs there is expected to fail. With the file's text ``source``: none without the word written."""
    out: list[tuple[int, int]] = []
    if source is not None and b"aises" not in source:  # every name of _RAISES_CONTEXTS has it
        return out
    for n in ast.walk(tree):
        if isinstance(n, (ast.With, ast.AsyncWith)) and any(
                isinstance(item.context_expr, ast.Call) and isinstance(item.context_expr.func, ast.Attribute)
                and item.context_expr.func.attr in _RAISES_CONTEXTS for item in n.items):
            out.append((n.lineno, n.end_lineno or n.lineno))
    return out


class _FileSites:
    """What one file's walks share: the binder, the module's final string constants, helpers."""

    def __init__(self, fl: "FileLowering") -> None:
        self.fl = fl
        self.binder: Binder = fl.binder
        self.registry = fl.registry
        self.src = fl.source
        self.queries: list[QuerySite] = []
        self.connects: list[ConnectSite] = []
        self.module_env: Env = {}
        self.bodies: dict[int, _Body] = {}  # id(scope) -> body
        self.classes: dict[int, ast.ClassDef] = {}  # id(method) -> its class
        self._class_attrs: dict[int, dict[str, ast.expr | None]] = {}
        self._class_reassigned: dict[int, set[str]] = {}
        self._text_helpers: dict[int, bool] = {}
        # a fast first look at the text: could any call be a query or connection site at all, and
        # does the file use psycopg's client-side-binding cursors anywhere
        raw = b"\n".join(fl.source.lines)
        self.interesting = _interesting_names(self.registry)
        self.hit_lines: set[int] = set()  # lines where one of those names is written
        starts = [0]
        for line in fl.source.lines:
            starts.append(starts[-1] + len(line) + 1)
        for name in self.interesting:
            needle = name.encode()
            at = raw.find(needle)
            while at != -1:
                self.hit_lines.add(bisect.bisect_right(starts, at))
                at = raw.find(needle, at + len(needle))
        self.any_site = bool(self.hit_lines)
        # classes defined at the module's top level: an instance of one is not a driver object
        self.module_classes: frozenset[str] = frozenset(
            st.name for st in fl.tree.body if isinstance(st, ast.ClassDef))
        # fixed_collections, constant_functions, fixed_parameters, quoting_helpers and raises_blocks (whole-module
        # walks) are computed on first use: most files never reach a `for` over a query or a connect
        self._constant_parameters: dict[int, frozenset[str]] | None = None
        self.client_cursor = any(name.encode() in raw for name in CLIENT_CURSORS)
        # imports (at any depth: every lowered scope's), for receivers of unknown value
        roots: set[str] = set()
        for _node, _name, scope in fl.lowered_bodies:
            roots.update(p for p in scope.imports.values() if not p.startswith("."))
        # methods' classes (statements only: classes are never inside expressions that matter)
        stack: list[ast.stmt] = list(fl.tree.body)
        while stack:
            st = stack.pop()
            if isinstance(st, ast.ClassDef):
                for sub in st.body:
                    if isinstance(sub, (ast.FunctionDef, ast.AsyncFunctionDef)):
                        self.classes[id(sub)] = st
            for attr in ("body", "orelse", "finalbody"):
                block = getattr(st, attr, None)
                if isinstance(block, list):
                    stack.extend(x for x in block if isinstance(x, ast.stmt))
            for h in getattr(st, "handlers", ()) or ():
                stack.extend(h.body)
        self.fallback = self._fallback(roots)
        # frameworks the file imports whose SQL is found by syntax (Django managers, DATABASES)
        self.frameworks = framework_models(self.registry, roots)
        self.settings_models = [m for m in settings_models(self.registry)
                                if any(n.encode() in raw for n in m.settings)]
        self.settings_names = tuple(n for m in self.settings_models for n in m.settings)
        if self.settings_names:
            self.any_site = True
        # queries of an unknown driver: only in a file importing no driver itself (there the
        # fallback reads the driver from the import) and that the index let through the gate
        self.unknown_driver = False
        if self.fallback.pyformat is None and self.fallback.dollar is None and not other_database(roots):
            project = self.binder.project
            mod = project.modules.get(fl.path) if project is not None else None
            self.unknown_driver = mod.unknown_queries if mod is not None else unknown_query_calls(
                fl.tree, raw, sorted(roots))
        self._own_methods: frozenset[str] | None = None

    @cached_property
    def fixed_collections(self) -> frozenset[str]:
        """The module's fixed collections (:func:`_fixed_module_collections`)."""
        return _fixed_module_collections(self.fl.tree)

    @cached_property
    def constant_functions(self) -> frozenset[str]:
        """The module's functions that return a fixed handful (:func:`_constant_functions`)."""
        return _constant_functions(self.fl.tree, self.fixed_collections)

    @cached_property
    def fixed_parameters(self) -> dict[int, frozenset[str]]:
        """Per module-level function, its parameters every caller fills with a fixed handful
        (:func:`_fixed_parameters`)."""
        return _fixed_parameters(self.fl.tree, self.fixed_collections)

    @cached_property
    def quoting_helpers(self) -> frozenset[str]:
        """The module's own quote-doubling helpers (:func:`.escapers.quoting_helpers`)."""
        return quoting_helpers(self.fl.tree)

    @cached_property
    def raises_blocks(self) -> list[tuple[int, int]]:
        """The line ranges of the module's ``with pytest.raises(…):`` bodies (:func:`_raises_blocks`)."""
        return _raises_blocks(self.fl.tree, b"\n".join(self.fl.source.lines))

    def own_method(self, name: str) -> bool:
        """Whether a class of this file defines a method ``name`` (its instances' ``name`` is the
        project's own, not a driver's)."""
        if self._own_methods is None:
            self._own_methods = frozenset(sub.name for cls in self.classes.values() for sub in cls.body
                                          if isinstance(sub, (ast.FunctionDef, ast.AsyncFunctionDef)))
        return name in self._own_methods

    def class_of(self, fn: ast.AST | None) -> ast.ClassDef | None:
        return self.classes.get(id(fn)) if fn is not None else None

    def class_attribute(self, cls: ast.ClassDef, name: str) -> ast.expr | None:
        attrs = self._class_attrs.get(id(cls))
        if attrs is None:
            attrs = {}
            for stmt in cls.body:
                targets: list[ast.expr] = []
                value: ast.expr | None = None
                if isinstance(stmt, ast.Assign):
                    targets, value = stmt.targets, stmt.value
                elif isinstance(stmt, ast.AnnAssign) and stmt.value is not None:
                    targets, value = [stmt.target], stmt.value
                for t in targets:
                    if isinstance(t, ast.Name):
                        attrs[t.id] = value if t.id not in attrs else None
            self._class_attrs[id(cls)] = attrs
        if attrs.get(name) is None:
            return None
        reassigned = self._class_reassigned.get(id(cls))
        if reassigned is None:  # assigned on an instance or the class elsewhere: not a constant
            reassigned = set()
            for node in ast.walk(cls):
                if isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
                    for t in (node.targets if isinstance(node, ast.Assign) else [node.target]):
                        if isinstance(t, ast.Attribute):
                            reassigned.add(t.attr)
            self._class_reassigned[id(cls)] = reassigned
        return None if name in reassigned else attrs.get(name)

    def _fallback(self, roots: set[str]) -> _Fallback:
        fb = _Fallback()
        if any(r.split(".")[0] in OTHER_DB_MODULES for r in roots):
            return fb
        for root in sorted(roots):
            model = self.registry.driver_for_module(LANGUAGE, root)
            if model is None or not model.fallback:
                continue
            if model.placeholder_style == "pyformat" and fb.pyformat is None:
                fb.pyformat = model.name
            elif model.placeholder_style == "dollar" and fb.dollar is None:
                fb.dollar = model.name
        return fb

    def imported_text(self, path: str) -> str | None:
        """The string constant ``path`` (``.queries.LIST_USERS``, ``app.sql.LIST_USERS``) names in
        another project module, from the project index (following re-exports)."""
        project = self.binder.project
        module, _, name = path.rpartition(".")
        if project is None or not module or not name or self.binder.is_driver_path(path):
            return None
        from_path = self.fl.path
        for _ in range(8):
            target = project.resolve(from_path, module)
            mod = project.modules.get(target) if target is not None else None
            rec = mod.exports.get(name) if mod is not None else None
            if rec is None or target is None:
                return None
            reexport = rec.reexport
            if reexport is None or reexport[1] is None:
                return rec.text
            module, name, from_path = reexport[0], reexport[1], target
        return None

    def text_helper(self, fn: ast.FunctionDef) -> bool:
        """Could ``fn`` return SQL text? (Some ``return`` gives a string-like expression.)"""
        known = self._text_helpers.get(id(fn))
        if known is None:
            texts = {n for st in _shallow_walk(fn.body) if isinstance(st, ast.Assign)
                     for t in st.targets for n in _target_names(t) if _is_text(st.value)}
            known = any(ret.value is not None and (_is_text(ret.value) or (
                isinstance(ret.value, ast.Name) and ret.value.id in texts)) for ret in returns_of(fn))
            self._text_helpers[id(fn)] = known
        return known

    def assigned(self, scope: Scope, name: str, binder: Binder) -> list[ast.expr | None] | None:
        """The values assigned to ``name`` in the body of the scope that binds it (``None``: unknown)."""
        s = binder.find(scope, name)
        if s is None:
            return None
        body = self.bodies.get(id(s))
        if body is None:
            return None
        if name in s.params or name in s.global_names:
            return [None]
        return self.assignments(body)[0].get(name)

    @staticmethod
    def assignments(body: _Body) -> tuple[dict[str, list[ast.expr | None]], dict[str, int]]:
        if body.assigns is None or body.loads is None:
            body.assigns, body.loads = _assignments(body.stmts, body.expr)
        return body.assigns, body.loads

    def module_assigned(self, name: str) -> ast.expr | None:
        body = self.bodies.get(id(self.fl.module_scope))
        if body is None:
            return None
        values = self.assignments(body)[0].get(name)
        return values[0] if values and len(values) == 1 else None

    def module_container(self, name: str) -> ast.expr | None:
        v = self.module_assigned(name)
        return v if isinstance(v, (ast.Tuple, ast.List, ast.Set, ast.Dict)) else None


def _chunked_loop(loop: ast.AST, body: list[ast.stmt], call: ast.Call) -> bool:
    """A loop that walks rows in chunks and hands each whole chunk to the query: a name assigned in
    the loop from a slice (``ids = list(qs.filter(id__gt=last)[:BATCH])``, ``chunk = rows[i:i + n]``)
    ends the loop when empty (``if not ids: break``, ``while chunk:``) and is among the query's
    parameters. One statement per chunk is already a batch."""
    chunks: set[str] = set()
    for stmt in body:
        for n in ast.walk(stmt):
            if isinstance(n, ast.Assign) and any(
                    isinstance(x, ast.Subscript) and isinstance(x.slice, ast.Slice) for x in ast.walk(n.value)):
                chunks.update(x for t in n.targets for x in _target_names(t))
    if not chunks:
        return False

    def uses(e: ast.AST) -> bool:
        return any(isinstance(x, ast.Name) and x.id in chunks for x in ast.walk(e))

    ends = isinstance(loop, ast.While) and uses(loop.test) or any(
        isinstance(n, ast.If) and uses(n.test) and any(isinstance(x, (ast.Break, ast.Return)) for x in n.body)
        for stmt in body for n in ast.walk(stmt))
    return ends and any(uses(a) for a in [*call.args[1:], *(k.value for k in call.keywords)])


def _target_names(target: ast.expr) -> list[str]:
    """The plain names an assignment target binds (not ``obj.attr`` / ``d[k]``)."""
    if isinstance(target, ast.Name):
        return [target.id]
    if isinstance(target, (ast.Tuple, ast.List)):
        return [n for elt in target.elts for n in _target_names(elt)]
    if isinstance(target, ast.Starred):
        return _target_names(target.value)
    return []


def _iterated_origin(iterable: ast.expr) -> str:
    """What a ``for`` iterates, for PG403: ``"attribute"`` for the object's own attribute
    (``self.sources``, also through ``.items()``/``.keys()``/``.values()``, ``sorted``/``enumerate``/
    ``list``), ``""`` for anything else (rows read back, a parameter, a local collection)."""
    e = iterable
    while True:
        if isinstance(e, ast.Call) and isinstance(e.func, ast.Name) and e.func.id in (
                "enumerate", "sorted", "reversed", "list", "tuple") and e.args:
            e = e.args[0]
        elif isinstance(e, ast.Call) and isinstance(e.func, ast.Attribute) and not e.args \
                and e.func.attr in ("items", "keys", "values"):
            e = e.func.value
        else:
            break
    if isinstance(e, ast.Attribute) and isinstance(e.value, ast.Name) and e.value.id in ("self", "cls"):
        return "attribute"
    return ""


def _assignments(stmts: list[ast.stmt], expr: ast.expr | None
                 ) -> tuple[dict[str, list[ast.expr | None]], dict[str, int]]:
    """Every value assigned to each name in a body (not in nested functions), and name loads."""
    assigns: dict[str, list[ast.expr | None]] = {}
    loads: dict[str, int] = {}

    def bind(target: ast.expr, value: ast.expr | None) -> None:
        if isinstance(target, ast.Name):
            assigns.setdefault(target.id, []).append(value)
        elif isinstance(target, (ast.Tuple, ast.List)):
            for elt in target.elts:
                bind(elt, None)
        elif isinstance(target, ast.Starred):
            bind(target.value, None)

    stack: list[ast.AST] = [*stmts] + ([expr] if expr is not None else [])
    while stack:
        n = stack.pop()
        if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            assigns.setdefault(n.name, []).append(None)
            continue
        if isinstance(n, ast.Lambda):
            continue
        if isinstance(n, ast.Assign):
            for t in n.targets:
                bind(t, n.value)
        elif isinstance(n, ast.AnnAssign):
            if n.value is not None:
                bind(n.target, n.value)
        elif isinstance(n, ast.AugAssign):
            bind(n.target, None)
        elif isinstance(n, (ast.For, ast.AsyncFor)):
            bind(n.target, None)
        elif isinstance(n, ast.withitem) and n.optional_vars is not None:
            ce = n.context_expr
            bind(n.optional_vars, ce.value if isinstance(ce, ast.Await) else ce)
        elif isinstance(n, ast.NamedExpr):
            bind(n.target, n.value)
        elif isinstance(n, ast.comprehension):
            bind(n.target, None)
        elif isinstance(n, ast.ExceptHandler) and n.name:
            assigns.setdefault(n.name, []).append(None)
        elif isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load):
            loads[n.id] = loads.get(n.id, 0) + 1
        stack.extend(ast.iter_child_nodes(n))
    return assigns, loads


# -- frames of the walk ----------------------------------------------------------------------------


@dataclass(eq=False, slots=True)
class _LoopFrame:
    node: ast.AST
    kind: str  # "for", "while", "comprehension"
    names: tuple[str, ...] = ()  # the names each iteration binds (``for schema, t in …``)
    over: str = ""  # "attribute": the object's own attribute (``self.sources``); "" anything else


@dataclass(eq=False, slots=True)
class _CondFrame:
    pass


@dataclass(eq=False, slots=True)
class _ExitFrame:
    """Statements after this one in the block leave the loop (``break``/``return``): a retry loop."""


_Frame = Union[_LoopFrame, _CondFrame, _ExitFrame]


@dataclass(slots=True)
class _Walk:
    """One body walked in source order with an environment of string shapes."""

    file: _FileSites
    body: _Body
    record: bool = True  # False: evaluating a helper's returns
    env: Env = field(default_factory=dict)
    frames: list[_Frame] = field(default_factory=list)
    returns: list[SqlShape | None] = field(default_factory=list)
    parents: dict[int, ast.AST] = field(default_factory=dict)
    awaited: set[int] = field(default_factory=set)  # calls seen directly under `await`
    depth: int = 0

    # -- statements -----------------------------------------------------------

    def run(self) -> None:
        if self.body.expr is not None:
            self.visit(self.body.expr)
            self.returns.append(self.shape(self.body.expr))
        self.stmts(self.body.stmts)

    def parent(self, node: ast.AST) -> ast.AST | None:
        """The node ``node`` is a child of (the map is built on first need)."""
        if not self.parents:
            roots: list[ast.AST] = list(_shallow_walk(self.body.stmts))
            if self.body.expr is not None:
                roots.extend(ast.walk(self.body.expr))
            for n in roots:
                for c in ast.iter_child_nodes(n):
                    self.parents[id(c)] = n
        return self.parents.get(id(node))

    def stmts(self, body: list[ast.stmt]) -> None:
        # a later statement of this list leaves it: statements before the last such one run in an exit frame
        last_exit = -1
        if self.record:
            for i, s in enumerate(body):
                if isinstance(s, (ast.Break, ast.Return, ast.Raise)):
                    last_exit = i
        for i, s in enumerate(body):
            exits = i < last_exit
            if exits:
                self.frames.append(_ExitFrame())
            self.stmt(s)
            if exits:
                self.frames.pop()
            if isinstance(s, (ast.Return, ast.Raise, ast.Break, ast.Continue)):
                return

    def stmt(self, s: ast.stmt) -> None:
        if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            self.env.pop(s.name, None)
            return
        if isinstance(s, ast.Assign):
            if self.body.node is None and self.file.settings_names:
                self.settings_sites(s)
            self.visit(s.value)
            shape = self.value_shape(s.value)
            for t in s.targets:
                self.assign(t, shape, s.value)
        elif isinstance(s, ast.AnnAssign):
            if s.value is not None:
                self.visit(s.value)
                self.assign(s.target, self.value_shape(s.value), s.value)
        elif isinstance(s, ast.AugAssign):
            self.visit(s.value)
            if isinstance(s.target, ast.Name):
                name = s.target.id
                if isinstance(s.op, ast.Add):
                    old = self.name_shape(name)
                    added = self.value_shape(s.value)
                    if old is not None and added is not None:
                        composed = "composed" in (old.form, added.form)
                        self.env[name] = SqlShape("composed" if composed else "concat",
                                                  _normalise([*old.parts, *added.parts]))
                    elif old is not None:
                        self.env[name] = SqlShape("concat", _normalise([*old.parts, self.hole(s.value)]))
                    else:
                        self.env[name] = None
                else:
                    self.env[name] = None
            else:
                self.visit(s.target)
        elif isinstance(s, ast.Expr):
            self.visit(s.value)
        elif isinstance(s, ast.Return):
            if s.value is not None:
                self.visit(s.value)
                self.returns.append(self.shape(s.value))
        elif isinstance(s, ast.If):
            self.visit(s.test)
            before = dict(self.env)
            self.frames.append(_CondFrame())
            self.stmts(s.body)
            after_body = self.env
            self.env = dict(before)
            self.stmts(s.orelse)
            self.frames.pop()
            self.env = merge_envs(after_body, self.env)
        elif isinstance(s, (ast.For, ast.AsyncFor, ast.While)):
            self.loop(s)
        elif isinstance(s, (ast.With, ast.AsyncWith)):
            for item in s.items:
                self.visit(item.context_expr)
                if item.optional_vars is not None:
                    self.assign(item.optional_vars, None, None)
            self.stmts(s.body)
        elif isinstance(s, ast.Try) or type(s).__name__ == "TryStar":
            before = dict(self.env)
            self.stmts(getattr(s, "body"))
            self.stmts(getattr(s, "orelse"))
            after = self.env
            for h in getattr(s, "handlers"):
                self.env = merge_envs(before, after)
                self.frames.append(_CondFrame())
                self.stmts(h.body)
                self.frames.pop()
                after = merge_envs(after, self.env)
            self.env = after
            self.stmts(getattr(s, "finalbody"))
        elif isinstance(s, ast.Match):
            self.visit(s.subject)
            before = dict(self.env)
            outs: list[Env] = []
            self.frames.append(_CondFrame())
            for case in s.cases:
                self.env = dict(before)
                if case.guard is not None:
                    self.visit(case.guard)
                self.stmts(case.body)
                outs.append(self.env)
            self.frames.pop()
            merged = before
            for o in outs:
                merged = merge_envs(merged, o)
            self.env = merged
        else:
            for child in ast.iter_child_nodes(s):
                if isinstance(child, ast.expr):
                    self.visit(child)

    def loop(self, s: ast.For | ast.AsyncFor | ast.While) -> None:
        if isinstance(s, ast.While):
            self.visit(s.test)
        else:
            self.visit(s.iter)
        before = dict(self.env)
        if any(v is not None for v in self.env.values()):
            for n in _shallow_walk([s]):  # accumulations inside the loop: their text varies per iteration
                if isinstance(n, ast.AugAssign) and isinstance(n.target, ast.Name):
                    old = self.env.get(n.target.id)
                    if old is not None:
                        self.env[n.target.id] = merge_shapes(old, SqlShape(old.form, (*old.parts, "…")))
        if not isinstance(s, ast.While):
            self.bind_iteration(s.target, s.iter)
        # a loop over a literal written in its header (`for mode in ("a", "b")`) runs a fixed,
        # small number of times: not a loop over rows (an outer loop still counts)
        fixed = not isinstance(s, ast.While) and self.fixed_iterable(s.iter)
        if not fixed:
            self.frames.append(_LoopFrame(s, "while" if isinstance(s, ast.While) else "for",
                                          () if isinstance(s, ast.While) else tuple(_target_names(s.target)),
                                          "" if isinstance(s, ast.While) else _iterated_origin(s.iter)))
        self.stmts(s.body)
        if not fixed:
            self.frames.pop()
        self.env = merge_envs(before, self.env)
        self.stmts(s.orelse)

    def fixed_iterable(self, iterable: ast.expr) -> bool:
        """A ``for`` over ``iterable`` runs a fixed handful of times: :func:`_fixed_handful` over the
        module's fixed collections and this function's fixed parameters (every caller in the module
        passes one), or a call of a module function that builds its result from constants."""
        f = self.file
        names = f.fixed_collections
        if self.body.node is not None and id(self.body.node) in f.fixed_parameters:
            names = names | f.fixed_parameters[id(self.body.node)]
        e = iterable
        if isinstance(e, ast.Call) and isinstance(e.func, ast.Name) and e.func.id in ("enumerate", "sorted") \
                and len(e.args) == 1:
            e = e.args[0]
        if isinstance(e, ast.Call) and isinstance(e.func, ast.Name) and not e.args and not e.keywords \
                and e.func.id in f.constant_functions:
            bound = f.binder.find(self.body.scope, e.func.id)
            if bound is not None and bound is bound.module():
                return True
        return _fixed_handful(iterable, names)

    def assign(self, target: ast.expr, shape: SqlShape | None, value: ast.expr | None) -> None:
        if isinstance(target, ast.Name):
            self.env[target.id] = shape
        elif isinstance(target, (ast.Tuple, ast.List)):
            values = value.elts if isinstance(value, (ast.Tuple, ast.List)) and len(value.elts) == len(
                target.elts) else None
            for i, elt in enumerate(target.elts):
                v = values[i] if values is not None else None
                self.assign(elt, self.value_shape(v) if v is not None else None, v)
        elif isinstance(target, ast.Starred):
            self.assign(target.value, None, None)
        else:
            self.visit(target)

    def value_shape(self, e: ast.expr) -> SqlShape | None:
        if isinstance(e, ast.Await) or not _may_be_text(e):
            return None
        return self.shape(e)

    def bind_iteration(self, target: ast.expr, it: ast.expr) -> None:
        """``for col in ("a", "b")``, ``for k, v in CONST.items()``, ``for i in range(n)``: the loop
        variables take one of the constant (or numeric) elements; anything else is unknown."""
        if isinstance(target, ast.Name):
            self.env[target.id] = self.element_shape(it, None)
        elif isinstance(target, (ast.Tuple, ast.List)):
            for i, elt in enumerate(target.elts):
                if isinstance(elt, ast.Name):
                    self.env[elt.id] = self.element_shape(it, i)
                else:
                    self.assign(elt, None, None)
        else:
            self.assign(target, None, None)

    def element_shape(self, it: ast.expr, position: int | None) -> SqlShape | None:
        safe_number = SqlShape("concat", (Hole("…", True, None, None, "expr"),))
        b = self.file.binder
        if isinstance(it, ast.Call) and isinstance(it.func, ast.Name) and b.find(self.body.scope, it.func.id) is None:
            if it.func.id == "range":
                return safe_number if position is None else None
            if it.func.id == "enumerate" and it.args:
                if position == 0:
                    return safe_number
                return self.element_shape(it.args[0], None) if position == 1 else None
            if it.func.id in ("sorted", "reversed", "list", "tuple", "set") and len(it.args) == 1:
                return self.element_shape(it.args[0], position)
        elts = self.elements(it)
        if not elts:
            return None
        merged: SqlShape | None = None
        for i, e in enumerate(elts):
            if position is not None:
                if not isinstance(e, (ast.Tuple, ast.List)) or len(e.elts) <= position:
                    return None
                e = e.elts[position]
            sh = self.shape(e)
            if sh is None or not _safe(sh.parts):
                return None
            merged = sh if i == 0 else merge_shapes(merged, sh)
        return merged

    def elements(self, it: ast.expr) -> list[ast.expr] | None:
        """The elements iterating over ``it`` yields, when ``it`` is a constant container."""
        kind = "keys"
        node: ast.expr | None = it
        if isinstance(it, ast.Call) and isinstance(it.func, ast.Attribute) and not it.args and it.func.attr in (
                "items", "keys", "values"):
            kind = it.func.attr
            node = it.func.value
        node = self.container(node) if node is not None else None
        if isinstance(node, ast.Dict):
            if any(k is None for k in node.keys):
                return None
            keys = [k for k in node.keys if k is not None]
            if kind == "keys":
                return keys
            if kind == "values":
                return list(node.values)
            return [ast.Tuple(elts=[k, v], ctx=ast.Load()) for k, v in zip(keys, node.values)]
        if kind != "keys":
            return None
        if isinstance(node, (ast.Tuple, ast.List, ast.Set)) and not any(
                isinstance(x, ast.Starred) for x in node.elts):
            return list(node.elts)
        return None

    def container(self, e: ast.expr) -> ast.expr | None:
        """The tuple/list/set/dict literal ``e`` is: a literal, a local or module name only ever bound
        to one, or a class constant (``self.COLUMNS``)."""
        if isinstance(e, (ast.Tuple, ast.List, ast.Set, ast.Dict)):
            return e
        if isinstance(e, ast.Name):
            if self.local(e.id):
                return self.container_literal(e.id) if not self.mutated(e.id) else None
            s = self.file.binder.find(self.body.scope, e.id)
            if s is not None and s.kind == "module":
                return self.file.module_container(e.id)
            return None
        if isinstance(e, ast.Attribute):
            v = self.class_constant(e)
            return v if isinstance(v, (ast.Tuple, ast.List, ast.Set, ast.Dict)) else None
        return None

    def class_constant(self, e: ast.Attribute) -> ast.expr | None:
        """``self.TABLE`` / ``cls.TABLE`` / ``Repo.TABLE`` in a method: the value of a class attribute
        assigned once in the class body and never on an instance."""
        if not isinstance(e.value, ast.Name):
            return None
        cls = self.file.class_of(self.body.node)
        if cls is None or not (self.is_self(e.value.id) or e.value.id == cls.name):
            return None
        return self.file.class_attribute(cls, e.attr)

    def container_literal(self, name: str) -> ast.expr | None:
        """The only value ever assigned to ``name`` when it is a tuple/list/set/dict literal."""
        values = self.file.assigned(self.body.scope, name, self.file.binder)
        if values is None or len(values) != 1:
            return None
        v = values[0]
        return v if isinstance(v, (ast.Tuple, ast.List, ast.Set, ast.Dict)) else None

    # -- expressions: find the calls ------------------------------------------------------------

    def visit(self, e: ast.expr) -> None:
        """Every call in ``e`` (not in nested lambdas), with loop/condition frames."""
        start: int = getattr(e, "lineno", 0)
        end: int = getattr(e, "end_lineno", None) or start
        hits = self.file.hit_lines
        if end - start < 64 and not any(line in hits for line in range(start, end + 1)):
            return  # no query method, factory or query function is even named here
        work: list[ast.AST | _Frame | None] = [e]
        while work:
            n = work.pop()
            if n is None:
                self.frames.pop()
                continue
            if isinstance(n, (_LoopFrame, _CondFrame, _ExitFrame)):
                self.frames.append(n)
                continue
            if isinstance(n, ast.Lambda):
                continue
            if isinstance(n, ast.Await) and isinstance(n.value, ast.Call):
                self.awaited.add(id(n.value))
            if isinstance(n, ast.Call):
                self.on_call(n)
            if isinstance(n, ast.IfExp):
                work.extend([None, n.orelse, n.body, _CondFrame(), n.test])
                continue
            if isinstance(n, ast.BoolOp):
                work.extend([None, *reversed(n.values[1:]), _CondFrame(), n.values[0]])
                continue
            if isinstance(n, (ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp)):
                inner: list[ast.AST] = []
                for i, gen in enumerate(n.generators):
                    if i:
                        inner.append(gen.iter)
                    inner.extend(gen.ifs)
                inner.extend([n.key, n.value] if isinstance(n, ast.DictComp) else [n.elt])
                if isinstance(n.generators[0].iter, (ast.Tuple, ast.List, ast.Set)):
                    work.extend([*reversed(inner), n.generators[0].iter])
                else:
                    work.extend([None, *reversed(inner), _LoopFrame(
                        n, "comprehension", tuple(_target_names(n.generators[0].target)),
                        _iterated_origin(n.generators[0].iter)), n.generators[0].iter])
                continue
            work.extend(reversed([c for c in ast.iter_child_nodes(n) if isinstance(c, (ast.expr, ast.keyword))]))

    # -- calls ----------------------------------------------------------------------------------

    def on_call(self, call: ast.Call) -> None:
        if not self.record:
            return
        f = self.file
        name = _call_name(call.func)
        if name is None or name not in f.interesting:
            return
        path = f.binder.dotted(self.body.scope, call.func)
        if path is not None:
            hit = f.registry.factory(LANGUAGE, path)
            if hit is not None:
                self.connect_site(call, hit[0], hit[1])
                return
            qf = f.registry.query_function(LANGUAGE, path)
            if qf is not None:
                self.query_function(call, qf[0], qf[1])
                return
        if not isinstance(call.func, ast.Attribute):
            return
        attr = call.func.attr
        recv = call.func.value
        value = self.receiver_value(recv, 0)
        if value is not None:
            m = f.registry.method(value, attr)
            if m is None or m.effect != "query":
                return
            model = f.registry.model(value.driver)
            info = f.registry.kind_info(value)
            category = info.category if info is not None else "other"
            receiver = value.kind.replace("async-", "") if category == "other" else category
            shortcut = m.shortcut if m.shortcut is not None else category == "pool"
            binding = m.server_binding and not f.client_cursor
            params_mode: ParamsMode = m.params
            if model.name == SQLALCHEMY.name:
                params_mode = self.sqlalchemy_params(call, attr)
            self.query_site(call, model.name, model.placeholder_style, receiver, attr, m.sql_arg, params_mode,
                            m.awaited, binding, shortcut)
            return
        if f.frameworks and self.manager_query(call):
            return
        if path is not None or not self.unknown_receiver(recv):
            return
        if attr in SQLALCHEMY_METHODS and self.text_clause(self.sql_argument(call, 0), 0):
            # `db_conn.execute(text(sql), args)`: the statement says the receiver is SQLAlchemy's
            self.query_site(call, SQLALCHEMY.name, SQLALCHEMY.placeholder_style, "unknown", attr, 0,
                            self.sqlalchemy_params(call, attr), False, False, False)
            return
        fb = f.fallback.for_method(attr, id(call) in self.awaited)
        if fb is None:
            if f.unknown_driver:
                self.unknown_driver_query(call, attr, recv)
            return
        driver, style, mode = fb
        sql_expr = self.sql_argument(call, 0)
        if sql_expr is not None and not self.looks_like_sql(sql_expr):
            return  # `client.execute(f"query {{ … }}")`: some other language's text
        self.query_site(call, driver, style, "unknown", attr, None if attr == "copy_to_table" else 0, mode,
                        False, False, False)

    def manager_query(self, call: ast.Call) -> bool:
        """``Book.objects.raw(sql, params)`` / ``….extra(where=[…], select={…})`` of a framework the
        file imports (:mod:`.framework_sites`): one query site per SQL text or fragment. The
        fragments of ``extra`` share one ``params`` list, so their parameters are not counted."""
        hit = manager_query(self.file.frameworks, call)
        if hit is None:
            return False
        model, mq = hit
        attr = mq.name
        if mq.sql_arg is not None:
            sql_expr = self.sql_argument(call, mq.sql_arg)
            if sql_expr is not None and not self.looks_like_sql(sql_expr):
                return True
            self.query_site(call, model.name, model.placeholder_style, "manager", attr, mq.sql_arg, mq.params,
                            False, False, False)
            if attr == "raw":  # every column is wanted: raw() maps each one to a field of the model
                q = self.file.queries[-1]
                self.file.queries[-1] = replace(q, row_use=RowUse("whole", how=f"{model.name} raw() maps columns to model fields"))
        for fragment in fragments(call, mq.fragments):
            self.fragment_site(call, fragment, model, attr)
        return True

    def fragment_site(self, call: ast.Call, fragment: ast.expr, model: DriverModel, method: str) -> None:
        """A SQL fragment passed to ``call`` (``extra(where=["name = '%s'" % x])``): its text is
        checked (PG201), its placeholders are not (the values come in a list shared by all)."""
        f = self.file
        span = f.src.span(fragment)
        assert span is not None
        f.queries.append(QuerySite(
            span=span, function=self.body.qualname, driver=model.name, receiver="manager", method=method,
            sql=self.top_shape(fragment), params=Params("unknown", span=span), style="pyformat",
            server_side_binding=False, pool_shortcut=False, returns_promise=False, handled="sync"))

    def text_clause(self, e: ast.expr | None, depth: int) -> bool:
        """``e`` is a SQLAlchemy ``text(...)`` (also with ``.bindparams(...)``/``.columns(...)``), or a
        local every assignment of which is one."""
        return self.text_kind(e, depth) != ""

    def sqlalchemy_params(self, call: ast.Call, attr: str) -> ParamsMode:
        """How a SQLAlchemy statement call's parameters are read: a ``text()`` whose binds all take
        their values from the call (no ``.bindparams``) has them in its second argument (PG202 counts
        them); anything else (``exec_driver_sql``'s DBAPI style, Core constructs) is not read."""
        if attr in SQLALCHEMY_METHODS and self.text_kind(self.sql_argument(call, 0), 0) == "plain":
            return "single"
        return "none"

    def text_kind(self, e: ast.expr | None, depth: int) -> str:
        """``"plain"``: ``e`` is ``text(...)`` (or a local only ever assigned one) whose binds take
        their values from the call's parameters; ``"bound"``: some value is given by
        ``.bindparams(...)`` (or the text is only partly seen through ``.columns``); ``""``: not a
        ``text()``."""
        b = self.file.binder
        scope = self.body.scope
        if isinstance(e, ast.Call):
            func = e.func
            if isinstance(func, ast.Attribute) and func.attr in ("bindparams", "columns"):
                return "bound" if self.text_kind(func.value, depth) else ""
            return "plain" if b.dotted(scope, func) in TEXT_FUNCTIONS else ""
        if isinstance(e, ast.Name) and depth < MAX_DEPTH:
            values = self.file.assigned(scope, e.id, b)
            if not values or self.mutated(e.id):
                return ""
            kinds = {self.text_kind(v, depth + 1) if v is not None and v is not e else "" for v in values}
            return "" if "" in kinds else "bound" if "bound" in kinds else "plain"
        return ""

    def unknown_driver_query(self, call: ast.Call, attr: str, recv: ast.expr) -> None:
        """``cur.execute(sql, …)`` in a file that imports no driver, on a receiver of unknown value:
        a query of an unknown driver when its SQL text is PostgreSQL (:func:`reads_as_sql`), with
        the placeholder style the text is written in, and nothing says the receiver is something
        else (:meth:`known_non_driver`)."""
        f = self.file
        if attr not in UNKNOWN_METHODS or f.own_method(attr) or self.known_non_driver(recv):
            return
        sql_expr = self.sql_argument(call, 0)
        shape = self.shape(sql_expr) if sql_expr is not None else None
        if shape is None or shape.form in ("unknown", "tagged", "tstring", "composed"):
            return
        written = placeholder_style(shape.text_with_markers(HOLE_PREFIX + "{}"))
        if written is None:
            return
        awaited = id(call) in self.awaited
        if written == "pyformat" or (written == "" and attr not in DOLLAR_ONLY):
            style, modes = "pyformat", UNKNOWN_PYFORMAT
        else:
            style, modes = "dollar", UNKNOWN_DOLLAR
        mode = modes.get(attr)
        if mode is None:
            return
        if style == "dollar" and attr == "execute" and not awaited:
            mode = "single"  # psycopg 3's raw cursors take $1 with one sequence; asyncpg is awaited
        if isinstance(recv, ast.Name) and recv.id == PLPY:
            if attr != "execute" or written == "pyformat":
                return
            style, mode = "dollar", "none"
        if not reads_as_sql(parseable_text(shape, style), shape.text is not None):
            return
        self.query_site(call, UNKNOWN_DRIVER, style, "unknown", attr, 0, mode, False, False, False)

    def known_non_driver(self, recv: ast.expr) -> bool:
        """For a receiver of unknown value in a file importing no driver: does the code say it is
        something else? A construction (``Client().execute``), a parameter annotated with a type
        (``db: Database``), a name every assignment of which constructs an object (``runner =
        Runner(…)``, a capitalised callee) or an attribute of ``self`` that the class sets to one
        (``self.runner = Runner()``). Only the receiver itself counts: the attributes of an object
        (``ctx.db``, ``self.bot.pool``) may be anything."""
        if isinstance(recv, ast.Call):
            return _constructs(recv)
        if isinstance(recv, ast.Attribute) and isinstance(recv.value, ast.Name) and self.is_self(recv.value.id):
            cls = self.file.class_of(self.body.node)
            return cls is not None and _class_constructs(cls, recv.attr)
        if not isinstance(recv, ast.Name):
            return False
        name = recv.id
        scope = self.body.scope
        fn = self.body.node
        if name in scope.params and isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
            args = fn.args
            for a in (*args.posonlyargs, *args.args, *args.kwonlyargs):
                if a.arg == name and a.annotation is not None:
                    return ast.unparse(a.annotation).strip("'\"") not in UNTYPED_ANNOTATIONS
            return False
        values = self.file.assigned(scope, name, self.file.binder)
        if not values or any(v is None for v in values):
            return False
        return all(isinstance(v, ast.Call) and _constructs(v) for v in values)

    def looks_like_sql(self, e: ast.expr) -> bool:
        """For a receiver of unknown value: is the (known) start of the text a SQL statement, read
        with PostgreSQL's lexer? Unknown text, or text that starts with a hole, passes."""
        sh = self.shape(e)
        if sh is None:
            return True
        text = sh.text_with_markers(HOLE_PREFIX + "{}")
        tokens = scan_tokens(text)
        if tokens is None:
            return False
        for start, _end, name in tokens:
            if name in ("SQL_COMMENT", "C_COMMENT"):
                continue
            return name in SQL_STARTS or text.startswith(HOLE_PREFIX, start)
        return True

    def unknown_receiver(self, recv: ast.expr) -> bool:
        """A receiver whose value pglint cannot see but that may be a cursor or connection:
        not a module, a class, a function, ``self`` or ``super()``."""
        b = self.file.binder
        scope = self.body.scope
        base: ast.expr = recv
        while isinstance(base, (ast.Attribute, ast.Call, ast.Subscript, ast.Await)):
            if isinstance(base, ast.Call) and isinstance(base.func, ast.Name) and base.func.id == "super":
                return False
            base = base.func if isinstance(base, ast.Call) else base.value
        if isinstance(recv, ast.Name):
            s = b.find(scope, recv.id)
            if s is not None and (recv.id in s.defs or recv.id in s.imports):
                return False
            if self.is_self(recv.id):
                return False
            if self.non_driver_instance(recv.id):
                return False
        return isinstance(base, ast.Name)

    def non_driver_instance(self, name: str) -> bool:
        """``name`` is known to hold something that is not a driver object: every assignment
        constructs a class of this module (``command = Command(…)``), or a parameter annotated
        with one (``command: Command``). Its ``execute`` is the project's own, not a query."""
        b = self.file.binder
        scope = self.body.scope
        classes = self.file.module_classes

        def project_class(e: ast.expr | None) -> bool:
            if isinstance(e, ast.Constant) and isinstance(e.value, str):
                return e.value in classes
            if not isinstance(e, ast.Name) or e.id not in classes:
                return False
            found = b.find(scope, e.id)
            return found is not None and found.kind == "module" and e.id not in found.imports

        fn = self.body.node
        if name in scope.params and isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            args = fn.args
            for a in (*args.posonlyargs, *args.args, *args.kwonlyargs):
                if a.arg == name and not isinstance(fn, ast.Lambda):
                    return project_class(a.annotation)
            return False
        values = self.file.assigned(scope, name, b)
        if not values or any(v is None for v in values):
            return False
        return all(isinstance(v, ast.Call) and project_class(v.func) for v in values)

    def is_self(self, name: str) -> bool:
        s: Scope | None = self.body.scope
        while s is not None:
            if s.self_name == name:
                return True
            if name in s.names:
                return False
            s = s.parent
        return False

    def receiver_value(self, e: ast.expr, depth: int) -> Value | None:
        if depth > MAX_DEPTH:
            return None
        if isinstance(e, ast.Await):
            e = e.value
        b = self.file.binder
        scope = self.body.scope
        v = b.value_of(scope, e, True)
        if v is not None:
            return v
        if isinstance(e, ast.Call) and isinstance(e.func, ast.Attribute):
            base = self.receiver_value(e.func.value, depth + 1)
            if base is not None:
                m = self.file.registry.method(base, e.func.attr)
                if m is not None and m.effect == "use" and m.produces is not None:
                    return Value(base.driver, m.produces)
            return None
        if isinstance(e, ast.Name):
            values = self.file.assigned(scope, e.id, b)
            if not values or any(x is None for x in values):
                return None
            found: set[Value] = set()
            for x in values:
                assert x is not None
                if x is e:
                    return None
                got = self.receiver_value(x, depth + 1)
                if got is None:
                    return None
                found.add(got)
            return found.pop() if len(found) == 1 else None
        return None

    def query_function(self, call: ast.Call, model: DriverModel, qf: QueryFunction) -> None:
        args = call.args
        if len(args) <= qf.receiver_arg:
            return
        self.query_site(call, model.name, model.placeholder_style, "cursor", qf.path.rsplit(".", 1)[-1],
                        qf.sql_arg, qf.params, qf.awaited, False, False)

    def query_site(self, call: ast.Call, driver: str, style: str, receiver: str, method: str,
                   sql_arg: int | None, params_mode: ParamsMode, awaited: bool, binding: bool,
                   shortcut: bool) -> None:
        f = self.file
        sql_expr = self.sql_argument(call, sql_arg)
        shape = self.top_shape(sql_expr) if sql_expr is not None else None
        params = self.params(call, sql_arg, params_mode) if sql_arg is not None else None
        frame, paginates = self.loop_info(call)
        handled = self.handled(call) if awaited else "sync"
        span = f.src.span(call)
        assert span is not None
        row_use = self.row_use(call, method) if shape is not None and "*" in shape.text_with_markers() else None
        f.queries.append(QuerySite(
            span=span, function=self.body.qualname, driver=driver, receiver=receiver, method=method,
            sql=shape, params=params, style="dollar" if style == "dollar" else "named" if style == "named" else "pyformat",
            server_side_binding=binding, pool_shortcut=shortcut, returns_promise=awaited,
            handled=handled,  # type: ignore[arg-type]
            loop=f.src.span(frame.node) if frame is not None else None,
            loop_kind=frame.kind if frame is not None else "", loop_paginates=paginates,
            loop_names=frame.names if frame is not None else (),
            loop_over=frame.over if frame is not None else "", row_use=row_use))

    def row_use(self, call: ast.Call, method: str) -> RowUse:
        """How this function reads the rows of ``call`` (for ``SELECT *``): :mod:`.rowuse`."""
        if self.body.expr is not None:  # a lambda: its value is returned
            return RowUse("unknown")
        return RowUseReader(self.body.node, self.body.stmts, self.file.module_classes,
                            self.same_file_function).of_query(call, method)

    def same_file_function(self, func: ast.expr) -> ast.FunctionDef | ast.AsyncFunctionDef | None:
        """The function a callee names in this file: ``self.m`` / ``cls.m`` (a method of the enclosing
        class) or ``f`` (a module-level function)."""
        if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and self.is_self(func.value.id):
            cls = self.file.class_of(self.body.node)
            body = cls.body if cls is not None else []
            name = func.attr
        elif isinstance(func, ast.Name):
            body = self.file.fl.tree.body
            name = func.id
        else:
            return None
        found = [st for st in body if isinstance(st, (ast.FunctionDef, ast.AsyncFunctionDef)) and st.name == name]
        return found[0] if len(found) == 1 else None

    @staticmethod
    def sql_argument(call: ast.Call, index: int | None) -> ast.expr | None:
        if index is None:
            return None
        if len(call.args) > index:
            arg = call.args[index]
            return None if isinstance(arg, ast.Starred) else arg
        if any(isinstance(a, ast.Starred) for a in call.args):
            return None
        for k in call.keywords:
            if k.arg in SQL_KEYWORDS:
                return k.value
        return None

    # -- parameters -----------------------------------------------------------------------------

    def params(self, call: ast.Call, sql_arg: int, mode: ParamsMode) -> Params | None:
        if mode == "none":
            return None
        rest = call.args[sql_arg + 1:]
        if any(isinstance(a, ast.Starred) for a in call.args[:sql_arg + 1]):
            return Params("unknown")
        if mode == "varargs":
            if any(isinstance(a, ast.Starred) for a in rest):
                return Params("varargs", span=self.file.src.span(rest[0]))
            if not rest:
                return None
            return Params("sequence", len(rest), span=self.file.src.span(rest[0]))
        arg: ast.expr | None = rest[0] if rest else None
        if arg is None:
            for k in call.keywords:
                if k.arg in PARAM_KEYWORDS:
                    arg = k.value
                    break
        if arg is None:
            return None
        span = self.file.src.span(arg)
        if isinstance(arg, ast.Starred):
            return Params("unknown", span=span)
        if mode == "many":
            return Params("unknown", span=span) if not (isinstance(arg, ast.Constant) and arg.value is None) else None
        return self.params_value(arg, span, 0)

    def params_value(self, arg: ast.expr, span: Span | None, depth: int) -> Params | None:
        if isinstance(arg, ast.Constant):
            if arg.value is None:
                return None
            return Params("scalar", span=span)
        if isinstance(arg, (ast.Tuple, ast.List)):
            if any(isinstance(x, ast.Starred) for x in arg.elts):
                return Params("sequence", span=span)
            return Params("sequence", len(arg.elts), span=span)
        if isinstance(arg, ast.Dict):
            if any(k is None for k in arg.keys):
                return Params("mapping", span=span)
            names = [k.value for k in arg.keys if isinstance(k, ast.Constant) and isinstance(k.value, str)]
            if len(names) != len(arg.keys):
                return Params("mapping", span=span)
            return Params("mapping", names=frozenset(names), span=span)
        if isinstance(arg, (ast.JoinedStr, ast.ListComp, ast.GeneratorExp)):
            return Params("scalar" if isinstance(arg, ast.JoinedStr) else "sequence", span=span)
        if isinstance(arg, ast.Call) and isinstance(arg.func, ast.Name) and arg.func.id == "dict" \
                and self.file.binder.find(self.body.scope, "dict") is None:
            if arg.args:
                return Params("mapping", span=span)
            return Params("mapping", names=frozenset(k.arg for k in arg.keywords if k.arg), span=span) \
                if all(k.arg for k in arg.keywords) else Params("mapping", span=span)
        if isinstance(arg, ast.Call) and isinstance(arg.func, ast.Name) and arg.func.id in ("tuple", "list") \
                and self.file.binder.find(self.body.scope, arg.func.id) is None:
            return Params("sequence", span=span)
        if isinstance(arg, ast.Name) and depth < 2:
            if self.mutated(arg.id):
                return Params("unknown", span=span)
            values = self.file.assigned(self.body.scope, arg.id, self.file.binder)
            if values and len(values) == 1 and values[0] is not None and self.local(arg.id):
                got = self.params_value(values[0], span, depth + 1)
                if got is None:
                    return Params("unknown", span=span)
                return got
        return Params("unknown", span=span)

    def local(self, name: str) -> bool:
        return self.file.binder.find(self.body.scope, name) is self.body.scope

    def mutated(self, name: str) -> bool:
        """``params.append(x)``, ``params[k] = v``, ``params += …``: the literal is not the value passed."""
        if self.body.mutated is None:
            found: set[str] = set()
            for n in _shallow_walk(self.body.stmts):
                if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and isinstance(
                        n.func.value, ast.Name) and n.func.attr in (
                        "append", "extend", "insert", "update", "setdefault", "pop", "__setitem__"):
                    found.add(n.func.value.id)
                elif isinstance(n, ast.Subscript) and isinstance(n.ctx, ast.Store) and isinstance(
                        n.value, ast.Name):
                    found.add(n.value.id)
                elif isinstance(n, ast.AugAssign) and isinstance(n.target, ast.Name):
                    found.add(n.target.id)
            self.body.mutated = found
        return name in self.body.mutated

    # -- handled / loops ------------------------------------------------------------------------

    def handled(self, call: ast.Call) -> str:
        node: ast.AST = call
        parent = self.parent(node)
        while isinstance(parent, (ast.IfExp, ast.NamedExpr)) or (
                isinstance(parent, ast.BoolOp)):
            node, parent = parent, self.parent(parent)
        if parent is None and node is self.body.expr:
            return "returned"  # a lambda's body
        if isinstance(parent, ast.Await):
            return "awaited"
        if isinstance(parent, (ast.Return, ast.Yield, ast.YieldFrom, ast.Lambda)):
            return "returned"
        if isinstance(parent, ast.Expr):
            return "floating"
        if isinstance(parent, (ast.Assign, ast.AnnAssign)):
            targets = parent.targets if isinstance(parent, ast.Assign) else [parent.target]
            names = [t.id for t in targets if isinstance(t, ast.Name)]
            if len(names) == len(targets):
                loads = self.file.assignments(self.body)[1]
                if not any(loads.get(n, 0) for n in names):
                    return "floating"
            return "stored"
        if isinstance(parent, (ast.Call, ast.keyword, ast.Starred)):
            return "passed"
        if isinstance(parent, ast.Attribute):
            return "chained"
        return "stored"

    def loop_info(self, call: ast.Call) -> tuple[_LoopFrame | None, bool]:
        """The innermost loop whose every iteration runs ``call``, and whether it paginates."""
        for frame in reversed(self.frames):
            if isinstance(frame, (_CondFrame, _ExitFrame)):
                return None, False
            if isinstance(frame, _LoopFrame):
                return frame, self.paginates(frame, call)
        return None, False

    def paginates(self, frame: _LoopFrame, call: ast.Call) -> bool:
        """Does the loop advance (or stop) from the query's result: keyset/offset pagination,
        ``while rows:`` fed by a fetch, ``if not rows: break``, ``rowcount``?"""
        loop = frame.node
        if isinstance(loop, (ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp)):
            return False
        body: list[ast.stmt] = getattr(loop, "body", [])
        result: set[str] = set()
        receiver = self.file.src.text(call.func.value, 80) if isinstance(call.func, ast.Attribute) else None
        # names assigned from the query itself or from its cursor's fetch*/rowcount
        assigns: list[tuple[list[str], ast.expr]] = []
        for stmt in body:
            for n in ast.walk(stmt):
                if isinstance(n, ast.Assign):
                    assigns.append(([x for t in n.targets for x in _target_names(t)], n.value))
                elif isinstance(n, (ast.AnnAssign, ast.AugAssign)) and n.value is not None:
                    assigns.append((_target_names(n.target), n.value))
                elif isinstance(n, ast.NamedExpr):
                    assigns.append(([n.target.id], n.value))
                elif isinstance(n, (ast.For, ast.AsyncFor)):
                    assigns.append((_target_names(n.target), n.iter))
        for names, value in assigns:
            for sub in ast.walk(value):
                if sub is call or (receiver is not None and isinstance(sub, ast.Attribute) and sub.attr in (
                        "fetchall", "fetchone", "fetchmany", "rowcount", "fetch", "fetchrow") and
                        self.file.src.text(sub.value, 80) == receiver):
                    result.update(names)
                    break
        for _ in range(3):
            grown = False
            for names, value in assigns:
                if any(isinstance(x, ast.Name) and x.id in result for x in ast.walk(value)):
                    new = set(names) - result
                    if new:
                        result |= new
                        grown = True
            if not grown:
                break
        if _chunked_loop(loop, body, call):
            return True
        if not result and receiver is None:
            return False

        def uses(e: ast.AST) -> bool:
            for x in ast.walk(e):
                if isinstance(x, ast.Name) and x.id in result:
                    return True
                if receiver is not None and isinstance(x, ast.Attribute) and x.attr == "rowcount" and \
                        self.file.src.text(x.value, 80) == receiver:
                    return True
            return False

        if isinstance(loop, ast.While) and uses(loop.test):
            return True
        for stmt in body:
            for n in ast.walk(stmt):
                if isinstance(n, ast.If) and uses(n.test) and any(
                        isinstance(x, (ast.Break, ast.Return)) for b in (n.body, n.orelse) for x in b):
                    return True
                if isinstance(n, ast.While) and n is not loop and uses(n.test):
                    continue
        # keyset: the query's own arguments come from the previous result
        return any(uses(a) for a in [*call.args[1:], *(k.value for k in call.keywords)])

    # -- shapes ---------------------------------------------------------------------------------

    def top_shape(self, e: ast.expr) -> SqlShape:
        span = self.file.src.span(e)
        sh = self.shape(e)
        if sh is None:
            return SqlShape("unknown", (Hole(self.text(e), True, None, span, "unknown"),), span)
        return SqlShape(sh.form, sh.parts, span)

    def text(self, e: ast.AST) -> str:
        return self.file.src.text(e, SOURCE_LIMIT)

    def hole(self, e: ast.expr, numeric: bool = False) -> Hole:
        safe = numeric or self.safe_value(e)
        if safe and isinstance(e, ast.Call) and e.args and \
                self.file.binder.dotted(self.body.scope, e.func) == "psycopg2.extensions.quote_ident":
            origin = self.quoted_origin(e.args[:1])
            if origin != "unknown":
                return Hole(self.text(e), True, None, self.file.src.span(e), "quoted", origin=origin)
        return Hole(self.text(e), safe, None, self.file.src.span(e), origin="unknown" if safe else self.origin(e))

    def quoted_origin(self, args: "list[ast.expr]") -> str:
        """Where the names quoted as identifiers (``sql.Identifier(*args)``, ``quote_ident(x)``)
        come from when one is not constant (PG203: a quoted name is still a chosen schema)."""
        for a in args:
            if not self.safe_value(a):
                return self.origin(a)
        return "unknown"

    def origin(self, e: ast.expr, depth: int = 0) -> str:
        """Where a non-constant value comes from (:attr:`Hole.origin`), looking through string
        methods (``name.lower()``), ``str(x)``, ``d.get(k)``, attributes, subscripts and the
        assignments of locals down to a root name."""
        b = self.file.binder
        scope = self.body.scope
        node: ast.expr = e
        for _ in range(20):
            path = b.dotted(scope, node) if isinstance(node, (ast.Name, ast.Attribute)) else None
            if path is not None:
                if path in EXTERNAL_PATHS or path.split(".")[0] in EXTERNAL_NAMES or any(
                        path.startswith(x + ".") for x in EXTERNAL_PATHS):
                    return "external"
                if path == "os.environ" or path.startswith("os.environ."):
                    return "config"
            if isinstance(node, ast.Call):
                path = b.dotted(scope, node.func)
                if path in ENV_FUNCTIONS:
                    return "config"
                if path in EXTERNAL_PATHS or isinstance(node.func, ast.Name) and node.func.id == "input" and \
                        b.find(scope, "input") is None:
                    return "external"
                if isinstance(node.func, ast.Attribute) and node.func.attr == "join" and len(node.args) == 1 \
                        and depth < 3:
                    # `",".join([self.main, *self.schemas])`: configuration when every item is (a list
                    # of names from elsewhere — a fragment, a column list — stays of unknown origin)
                    arg = node.args[0]
                    items = arg.elts if isinstance(arg, (ast.List, ast.Tuple, ast.Set)) else [arg]
                    found = {self.origin(x.value if isinstance(x, ast.Starred) else x, depth + 1)
                             for x in items if not isinstance(x, ast.Constant)}
                    return "config" if found == {"config"} else "unknown"
                if isinstance(node.func, ast.Attribute) and node.func.attr in FOLLOWED_METHODS:
                    node = node.func.value
                    continue
                if isinstance(node.func, ast.Name) and node.func.id == "str" and len(node.args) == 1:
                    node = node.args[0]
                    continue
                return "unknown"
            if isinstance(node, ast.Subscript):
                node = node.value
                continue
            if isinstance(node, ast.Attribute):
                if isinstance(node.value, ast.Name) and node.value.id in (scope.self_name, "self", "cls"):
                    return "config"
                node = node.value
                continue
            break
        if not isinstance(node, ast.Name):
            return "unknown"
        if node.id in EXTERNAL_NAMES:
            return "external"
        if node.id in scope.params and node.id not in self.env:
            return "config" if self.test_input(node.id) or self.callers_pass(node.id) == "config" else "param"
        if depth < 3 and self.local(node.id):
            whole = self.unpacked_from(node.id)
            if whole is not None and self.origin(whole, depth + 1) == "config":
                return "config"  # `engine, schema = engine_with_schema`: a test's fixture, the configuration
            values = self.file.assigned(scope, node.id, b)
            if values and all(v is not None for v in values):
                found = {self.origin(v, depth + 1) for v in values if v is not None}
                for o in ("external", "param", "unknown", "config"):
                    if o in found:
                        return o
        found_scope = self.file.binder.find(scope, node.id)
        if depth < 3 and found_scope is not None and found_scope.kind == "module" and node.id not in found_scope.imports:
            value = self.file.module_assigned(node.id)  # WORK_MEM = os.environ.get(…) at the top level
            if value is not None:
                return self.origin(value, depth + 1)
        return "unknown"

    def unpacked_from(self, name: str) -> ast.Name | None:
        """The name ``name`` is unpacked from when its only assignment in this body is one element
        of ``a, b = whole`` (``whole`` a name, as a pytest fixture's tuple is)."""
        found: ast.Name | None = None
        for node in _shallow_walk(self.body.stmts):
            targets: list[ast.expr] = []
            if isinstance(node, ast.Assign):
                targets = node.targets
            elif isinstance(node, (ast.AugAssign, ast.AnnAssign, ast.For, ast.AsyncFor, ast.NamedExpr)):
                targets = [node.target]
            elif isinstance(node, (ast.With, ast.AsyncWith)):
                targets = [i.optional_vars for i in node.items if i.optional_vars is not None]
            for t in targets:
                names = [x for x in ast.walk(t) if isinstance(x, ast.Name) and x.id == name]
                if not names:
                    continue
                if (found is not None or not isinstance(node, ast.Assign) or not isinstance(t, (ast.Tuple, ast.List))
                        or not isinstance(node.value, ast.Name) or names[0] not in t.elts):
                    return None
                found = node.value
        return found

    def test_input(self, name: str) -> bool:
        """``name`` is a parameter of a pytest test or fixture: pytest fills it (a fixture's value,
        a ``parametrize`` case), the test chose it."""
        fn = self.body.node
        if not isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
            return False
        if fn.name.startswith("test"):
            return True
        for d in fn.decorator_list:
            target = d.func if isinstance(d, ast.Call) else d
            path = self.file.binder.dotted(self.body.scope, target) or ""
            if path.endswith("fixture"):
                return True
        return False

    def caller_constant(self, name: str) -> bool:
        """``name`` is a parameter (not rebound) that every call of this module-level function in the
        module fills with a literal or a number (:func:`_constant_parameters`)."""
        fn = self.body.node
        if not isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)) or name in self.env:
            return False
        if name not in self.body.scope.params or self.file.assignments(self.body)[0].get(name):
            return False
        f = self.file
        if f._constant_parameters is None:
            f._constant_parameters = _constant_parameters(f.fl.tree)
        return name in f._constant_parameters.get(id(fn), frozenset()) or self.callers_pass(name) == "constant"

    def callers_pass(self, name: str) -> str | None:
        """What every project call of this module-level function fills the parameter ``name`` with,
        in other modules too (:meth:`~pglint.languages.base.ProjectIndex.callers_of`):
        ``"constant"`` when all pass constants, ``"config"`` when all pass constants or
        configuration, else ``None`` — as when the function has no project caller (it may be
        called from outside), is decorated, is passed around as a value, or ``name`` is rebound."""
        fn = self.body.node
        project = self.file.binder.project
        if project is None or not isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)) or fn.decorator_list \
                or name in self.env or name not in self.body.scope.params:
            return None
        if not any(st is fn for st in self.file.fl.tree.body) or self.file.assignments(self.body)[0].get(name):
            return None
        calls = project.callers_of(self.file.fl.path, fn.name)
        if not calls:
            return None
        a = fn.args
        positional = [x.arg for x in (*a.posonlyargs, *a.args)]
        defaults: dict[str, ast.expr | None] = dict(zip(positional[len(positional) - len(a.defaults):], a.defaults))
        defaults.update((x.arg, d) for x, d in zip(a.kwonlyargs, a.kw_defaults))
        found: set[str] = set()
        for _caller, rec in calls:
            if rec.opaque:
                return None
            at = positional.index(name) if name in positional else None
            passed = rec.args[at] if at is not None and at < len(rec.args) else dict(rec.keywords).get(name)
            if passed is None:
                default = defaults.get(name)
                passed = "constant" if isinstance(default, ast.Constant) else "unknown"
            found.add(passed)
        if found <= {"constant"}:
            return "constant"
        return "config" if found <= {"constant", "config"} else None

    def typed_choice(self, name: str) -> bool:
        """``name`` is a parameter annotated ``Literal['days', 'weeks', …]`` (``typing.Literal`` or
        ``typing_extensions.Literal``) of string, number or boolean constants: one of fixed values,
        as its callers are checked to pass. Its value as the function received it."""
        fn = self.body.node
        if not isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)) or name in self.env:
            return False
        args = fn.args
        for a in (*args.posonlyargs, *args.args, *args.kwonlyargs):
            if a.arg != name:
                continue
            ann = a.annotation
            if not isinstance(ann, ast.Subscript):
                return False
            path = self.file.binder.dotted(self.body.scope, ann.value) or ""
            if path not in ("typing.Literal", "typing_extensions.Literal"):
                return False
            choices = ann.slice.elts if isinstance(ann.slice, ast.Tuple) else [ann.slice]
            return bool(choices) and all(
                isinstance(c, ast.Constant) and isinstance(c.value, (str, int, float, bool)) for c in choices)
        return False

    def allowlisted(self, e: ast.Name) -> bool:
        """``e`` is a name the function checked against an allowlist before this point and left
        otherwise: a statement of the function's own body, above ``e``, ``if name not in ALLOWED:
        raise …`` (or ``return``), and the name is not rebound in the function."""
        fn = self.body.node
        if not isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)) or e.id in self.env:
            return False
        if self.file.assignments(self.body)[0].get(e.id):
            return False
        for stmt in fn.body:
            if stmt.lineno >= e.lineno:
                return False
            if not isinstance(stmt, ast.If) or stmt.orelse or not stmt.body:
                continue
            test = stmt.test
            if (isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], ast.NotIn)
                    and isinstance(test.left, ast.Name) and test.left.id == e.id
                    and isinstance(stmt.body[-1], (ast.Raise, ast.Return))):
                return True
        return False

    def typed_number(self, name: str) -> bool:
        """``name`` is a parameter annotated ``int``, ``float`` or ``bool`` (and not rebound)."""
        fn = self.body.node
        if not isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)) or name in self.env:
            return False
        if self.file.assignments(self.body)[0].get(name):
            return False
        args = fn.args
        for a in (*args.posonlyargs, *args.args, *args.kwonlyargs):
            if a.arg == name:
                ann = a.annotation
                if isinstance(ann, ast.Name) and ann.id in ("int", "float", "bool") and \
                        self.file.binder.find(self.body.scope, ann.id) is None:
                    return True
                break
        else:
            return False
        # used as ``range(name)``: anything but an integer raises there
        for n in _shallow_walk(self.body.stmts):
            if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "range" and any(
                    isinstance(x, ast.Name) and x.id == name for x in n.args) and \
                    self.file.binder.find(self.body.scope, "range") is None:
                return True
        return False

    def parts_of(self, e: ast.expr) -> tuple[Part, ...]:
        """What ``e`` contributes to a string being built: its shape's parts, or one hole."""
        sh = self.shape(e)
        if sh is not None:
            return sh.parts
        return (self.hole(e),)

    def name_shape(self, name: str) -> SqlShape | None:
        if name in self.env:
            return self.env[name]
        f = self.file
        s = f.binder.find(self.body.scope, name)
        if s is None or s is self.body.scope:
            return None
        if s.kind == "module":
            if name in f.module_env:
                return f.module_env[name]
            path = s.imports.get(name)
            if path is not None:
                text = f.imported_text(path)
                return _literal(text) if text is not None else None
        return None

    def shape(self, e: ast.expr | None) -> SqlShape | None:
        """The shape of a string-valued expression, or ``None`` when its text cannot be seen."""
        if e is None:
            return None
        span = self.file.src.span(e)
        if isinstance(e, ast.Constant):
            v = e.value
            if isinstance(v, bytes):
                return _literal(v.decode("utf-8", "replace"), span)
            if isinstance(v, (str, int, float)) and not isinstance(v, bool):
                return _literal(str(v), span)
            return None
        if isinstance(e, ast.Name):
            return self.name_shape(e.id)
        if isinstance(e, ast.UnaryOp) and isinstance(e.op, (ast.USub, ast.UAdd)) and isinstance(
                e.operand, ast.Constant) and type(e.operand.value) in (int, float):
            return _literal(("-" if isinstance(e.op, ast.USub) else "") + str(e.operand.value), span)  # -1
        if isinstance(e, ast.JoinedStr):
            return self.fstring(e, span)
        if type(e).__name__ == "TemplateStr":  # Python 3.14 t-strings: psycopg parameterises them
            parts: list[Part] = []
            for v in getattr(e, "values", []):
                if isinstance(v, ast.Constant) and isinstance(v.value, str):
                    parts.append(v.value)
                else:
                    inner = getattr(v, "value", v)
                    parts.append(Hole(self.text(inner), True, "%s", self.file.src.span(inner), "placeholder"))
            return SqlShape("tstring", _normalise(parts), span)
        if isinstance(e, ast.BinOp):
            if isinstance(e.op, ast.Add):
                return self.concat(e, span)
            if isinstance(e.op, ast.Mod):
                return self.percent(e, span)
            return None
        if isinstance(e, ast.IfExp):
            return merge_shapes(self.shape(e.body), self.shape(e.orelse))
        if isinstance(e, ast.NamedExpr):
            return self.shape(e.value)
        if isinstance(e, ast.Call):
            return self.call_shape(e, span)
        if isinstance(e, ast.Attribute) and e.attr in MODEL_KEYS and self.file.frameworks:
            # a model instance's primary key (Django: an integer or a UUID): never SQL text
            return SqlShape("concat", (Hole(self.text(e), True, None, span, origin="unknown"),), span)
        if isinstance(e, ast.Attribute) and self.depth < MAX_DEPTH:
            value = self.class_constant(e)
            if value is not None and not isinstance(value, (ast.Tuple, ast.List, ast.Set, ast.Dict)):
                self.depth += 1
                try:
                    return self.shape(value)
                finally:
                    self.depth -= 1
        return None

    def fstring(self, e: ast.JoinedStr, span: Span | None) -> SqlShape:
        parts: list[Part] = []
        for v in e.values:
            if isinstance(v, ast.Constant) and isinstance(v.value, str):
                parts.append(v.value)
            elif isinstance(v, ast.FormattedValue):
                spec = ""
                if isinstance(v.format_spec, ast.JoinedStr):
                    spec = "".join(x.value for x in v.format_spec.values
                                   if isinstance(x, ast.Constant) and isinstance(x.value, str))
                if _numeric_spec(spec):
                    parts.append(self.hole(v.value, numeric=True))
                    continue
                sh = self.shape(v.value)
                if sh is not None and v.conversion in (-1, ord("s")) and not spec:
                    parts.extend(sh.parts)
                else:
                    parts.append(self.hole(v.value))
        return SqlShape("fstring", _normalise(parts), span)

    def concat(self, e: ast.BinOp, span: Span | None) -> SqlShape | None:
        operands: list[ast.expr] = []
        node: ast.expr = e
        while isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            operands.append(node.right)
            node = node.left
        operands.append(node)
        operands.reverse()
        shapes = [self.shape(x) for x in operands]
        if all(s is None for s in shapes):
            return None
        if any(isinstance(x, (ast.List, ast.Tuple)) for x in operands):
            return None
        parts: list[Part] = []
        form = "concat"
        for x, sh in zip(operands, shapes):
            if sh is not None:
                if sh.form == "composed":
                    form = "composed"
                parts.extend(sh.parts)
            else:
                parts.append(self.hole(x))
        if form != "composed" and all(isinstance(p, str) for p in parts):
            return SqlShape("literal", _normalise(parts), span)
        return SqlShape(form, _normalise(parts), span)  # type: ignore[arg-type]

    def percent(self, e: ast.BinOp, span: Span | None) -> SqlShape | None:
        fmt_shape = self.shape(e.left)
        if fmt_shape is None or fmt_shape.form == "composed":
            return None
        fmt = fmt_shape.text
        if fmt is None:
            return None
        pieces = _printf(fmt)
        if pieces is None:
            return None
        right = e.right
        positional: list[ast.expr] | None = None
        named: dict[str, ast.expr] | None = None
        if isinstance(right, ast.Tuple) and not any(isinstance(x, ast.Starred) for x in right.elts):
            positional = list(right.elts)
        elif isinstance(right, ast.Dict) and all(isinstance(k, ast.Constant) for k in right.keys):
            named = {str(k.value): v for k, v in zip(right.keys, right.values) if isinstance(k, ast.Constant)}
        elif not isinstance(right, (ast.Tuple, ast.Dict)):
            positional = [right]
        parts: list[Part] = []
        index = 0
        for kind, name, conv in pieces:
            if kind == "text":
                parts.append(name)
                continue
            numeric = conv not in "rsa"
            arg: ast.expr | None = None
            if name and named is not None:
                arg = named.get(name)
            elif not name and positional is not None and index < len(positional):
                arg = positional[index]
            index += 1
            if arg is None:
                parts.append(Hole(self.text(right), numeric, None, self.file.src.span(right)))
            elif numeric:
                parts.append(self.hole(arg, numeric=True))
            else:
                parts.extend(self.parts_of(arg))
        return SqlShape("percent", _normalise(parts), span)

    def format_call(self, base: SqlShape, call: ast.Call, span: Span | None, composed: bool) -> SqlShape | None:
        fmt = base.text
        if fmt is None:
            if composed:
                return SqlShape("composed", (*base.parts, Hole("…", True, None, None, "expr")), span)
            return None
        try:
            pieces = list(string.Formatter().parse(fmt))
        except ValueError:
            return None
        starred = any(isinstance(a, ast.Starred) for a in call.args) or any(k.arg is None for k in call.keywords)
        keywords = {k.arg: k.value for k in call.keywords if k.arg is not None}
        parts: list[Part] = []
        auto = 0
        for literal, fname, spec, conv in pieces:
            parts.append(literal)
            if fname is None:
                continue
            root = fname
            for sep in (".", "["):
                root = root.split(sep, 1)[0]
            arg: ast.expr | None = None
            if root == "":
                if auto < len(call.args) and not starred:
                    arg = call.args[auto]
                auto += 1
            elif root.isdigit():
                i = int(root)
                if i < len(call.args) and not starred:
                    arg = call.args[i]
            else:
                arg = keywords.get(root)
            whole = root == fname
            if arg is None or isinstance(arg, ast.Starred):
                where = call.args[0] if call.args else call
                if composed:
                    parts.append(Hole(self.text(where), True, None, self.file.src.span(where)))
                else:
                    parts.append(Hole(self.text(where), _numeric_spec(spec or ""), None, self.file.src.span(where)))
            elif composed:
                parts.extend(self.composed_parts(arg))
            elif _numeric_spec(spec or ""):
                parts.append(self.hole(arg, numeric=True))
            elif whole and not spec and conv in (None, "s"):
                parts.extend(self.parts_of(arg))
            else:
                parts.append(self.hole(arg))
        return SqlShape("composed" if composed else "format", _normalise(parts), span)

    def sql_member(self, func: ast.expr) -> str | None:
        """``SQL`` / ``Identifier`` … when ``func`` names a member of ``psycopg(2).sql``."""
        path = self.file.binder.dotted(self.body.scope, func)
        if path is None or "." not in path:
            return None
        module, _, name = path.rpartition(".")
        return name if module in SQL_MODULES else None

    def composed_parts(self, e: ast.expr) -> tuple[Part, ...]:
        """A ``sql.SQL().format()`` argument: Identifier/Literal/Placeholder are safe holes;
        anything that is not Composable is adapted as a Literal (psycopg 3) or refused (psycopg2)."""
        src = self.text(e)
        span = self.file.src.span(e)
        if isinstance(e, ast.Call):
            member = self.sql_member(e.func)
            if member == "Identifier":
                names = [a.value for a in e.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
                value = ".".join(_quote_ident(n) for n in names) if names and len(names) == len(e.args) else None
                return (Hole(src, True, value, span, "identifier", origin=self.quoted_origin(e.args)),)
            if member == "Literal":
                value = None
                if e.args and isinstance(e.args[0], ast.Constant):
                    value = _quote_literal(e.args[0].value)
                return (Hole(src, True, value, span, "literal"),)
            if member == "Placeholder":
                name = None
                if e.args and isinstance(e.args[0], ast.Constant) and isinstance(e.args[0].value, str):
                    name = e.args[0].value
                elif e.args or e.keywords:
                    return (Hole(src, True, None, span, "placeholder"),)
                return (Hole(src, True, f"%({name})s" if name else "%s", span, "placeholder"),)
        if isinstance(e, ast.Attribute) and self.sql_member(e) in ("NULL", "DEFAULT"):
            return (Hole(src, True, e.attr, span, "expr"),)
        sh = self.shape(e)
        if sh is not None and (sh.form == "composed" or isinstance(e, ast.Name)):
            return sh.parts
        return (Hole(src, True, None, span, "expr"),)

    def call_shape(self, e: ast.Call, span: Span | None) -> SqlShape | None:
        func = e.func
        if isinstance(func, ast.Name) and func.id in self.file.quoting_helpers:
            # a quoting helper of this module (`identifier(name)`, `literal_string(value)`), not shadowed:
            # its result stays inside the quotes it adds
            found = self.file.binder.find(self.body.scope, func.id)
            if found is not None and found.kind == "module" and func.id not in found.imports:
                return SqlShape("concat", (Hole(self.text(e), True, None, span, "expr"),), span)
        member = self.sql_member(func)
        if member is not None:
            if member == "SQL" and e.args:
                inner = self.shape(e.args[0])
                return SqlShape("composed", inner.parts, span) if inner is not None else None
            if member == "Composed" and e.args and isinstance(e.args[0], (ast.List, ast.Tuple)):
                parts: list[Part] = []
                for x in e.args[0].elts:
                    parts.extend(self.composed_parts(x))
                return SqlShape("composed", _normalise(parts), span)
            return None
        if isinstance(func, ast.Attribute):
            attr = func.attr
            if attr == "as_string":
                return self.shape(func.value)
            if attr in ("format", "join") and isinstance(func.value, ast.Call) and self.sql_member(
                    func.value.func) == "SQL" or attr in ("format", "join") and isinstance(func.value, ast.Name):
                base = self.shape(func.value)
                if base is not None and base.form == "composed":
                    if attr == "format":
                        return self.format_call(base, e, span, composed=True)
                    return SqlShape("composed", (Hole(self.text(e), True, None, span, "expr"),), span)
            if attr == "format":
                base = self.shape(func.value)
                if base is None:
                    return None
                return self.format_call(base, e, span, composed=False)
            if attr == "join" and len(e.args) == 1 and not e.keywords:
                sep = self.shape(func.value)
                if sep is None or sep.text is None:
                    return None
                return self.join(sep.text, e.args[0], e, span)
            if attr in TEXT_METHODS:
                base = self.shape(func.value)
                if base is None:
                    return None
                return self.text_method(base, attr, e, span)
        path = self.file.binder.dotted(self.body.scope, func)
        if path in SQLALCHEMY_TEXT_FUNCTIONS and e.args:
            return self.shape(e.args[0])  # SQLAlchemy's `text(sql)`: the SQL as written
        if (isinstance(func, ast.Attribute) and func.attr in ("bindparams", "columns")
                and isinstance(func.value, ast.Call)
                and self.file.binder.dotted(self.body.scope, func.value.func) in SQLALCHEMY_TEXT_FUNCTIONS):
            return self.shape(func.value)  # `text(sql).bindparams(...)`
        if path in DEDENT_FUNCTIONS and e.args:
            base = self.shape(e.args[0])
            if base is not None and base.text is not None:
                import inspect
                import textwrap
                text = textwrap.dedent(base.text) if path == "textwrap.dedent" else inspect.cleandoc(base.text)
                return _literal(text, span)
            return base
        if isinstance(func, ast.Name):
            if func.id == "str" and len(e.args) == 1 and self.file.binder.find(self.body.scope, "str") is None:
                return self.shape(e.args[0])
            return self.helper_shape(func.id, e, span)
        return None

    def join(self, sep: str, seq: ast.expr, call: ast.Call, span: Span | None) -> SqlShape | None:
        node = self.container(seq)
        if isinstance(node, (ast.List, ast.Tuple)) and not any(isinstance(x, ast.Starred) for x in node.elts):
            parts: list[Part] = []
            for i, x in enumerate(node.elts):
                if i:
                    parts.append(sep)
                parts.extend(self.parts_of(x))
            return SqlShape("literal" if all(isinstance(p, str) for p in parts) else "concat",
                            _normalise(parts), span)
        safe = self.safe_elements(seq)
        return SqlShape("concat", (Hole(self.text(call), safe, None, self.file.src.span(call),
                                        origin="unknown" if safe else self.origin(call)),), span)

    def safe_elements(self, seq: ast.expr) -> bool:
        """Every element of ``seq`` is constant-safe: ``["%s"] * n``, ``("%s" for _ in rows)``,
        a constant list, a local list only ever filled with constant-safe strings."""
        if isinstance(seq, ast.BinOp) and isinstance(seq.op, ast.Mult):
            for side in (seq.left, seq.right):
                if isinstance(side, (ast.List, ast.Tuple)):
                    return all(self.safe_value(x) for x in side.elts)
            return False
        if isinstance(seq, (ast.GeneratorExp, ast.ListComp, ast.SetComp)):
            saved = dict(self.env)
            try:
                for gen in seq.generators:
                    self.bind_iteration(gen.target, gen.iter)
                return self.safe_value(seq.elt)
            finally:
                self.env = saved
        if isinstance(seq, (ast.List, ast.Tuple, ast.Set)):
            return all(self.safe_value(x) for x in seq.elts if not isinstance(x, ast.Starred)) and not any(
                isinstance(x, ast.Starred) for x in seq.elts)
        if isinstance(seq, ast.Call) and isinstance(seq.func, ast.Name) and seq.func.id in ("map",) and \
                len(seq.args) == 2 and isinstance(seq.args[0], ast.Name) and seq.args[0].id == "str":
            return False
        if isinstance(seq, ast.Name):
            return self.safe_list(seq.id)
        return False

    def safe_list(self, name: str) -> bool:
        """A list built locally from constant-safe strings only (``conds = []; conds.append("a = %s")``)."""
        values = self.file.assigned(self.body.scope, name, self.file.binder)
        if not values or any(v is None for v in values) or not self.local(name):
            return False
        for v in values:
            if isinstance(v, (ast.List, ast.Tuple)):
                if not self.safe_elements(v):
                    return False
            elif not (isinstance(v, (ast.BinOp, ast.ListComp, ast.GeneratorExp)) and self.safe_elements(v)):
                return False
        for n in _shallow_walk(self.body.stmts):
            if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and isinstance(
                    n.func.value, ast.Name) and n.func.value.id == name:
                if n.func.attr in ("append", "insert"):
                    if not n.args or not self.safe_value(n.args[-1]):
                        return False
                elif n.func.attr == "extend":
                    if not n.args or not self.safe_elements(n.args[0]):
                        return False
            elif isinstance(n, ast.AugAssign) and isinstance(n.target, ast.Name) and n.target.id == name:
                if not self.safe_elements(n.value):
                    return False
            elif isinstance(n, ast.Subscript) and isinstance(n.ctx, ast.Store) and isinstance(
                    n.value, ast.Name) and n.value.id == name:
                return False
        return True

    def text_method(self, base: SqlShape, attr: str, call: ast.Call, span: Span | None) -> SqlShape | None:
        args: list[str] = []
        for a in call.args:
            if not (isinstance(a, ast.Constant) and isinstance(a.value, str)):
                return None if attr == "replace" else base
            args.append(a.value)
        if attr == "replace" and len(args) != 2:
            return None
        parts: list[Part] = []
        for i, p in enumerate(base.parts):
            if not isinstance(p, str):
                parts.append(p)
                continue
            if attr == "replace":
                parts.append(p.replace(args[0], args[1]))
            elif attr in ("upper", "lower"):
                parts.append(p.upper() if attr == "upper" else p.lower())
            else:
                chars = args[0] if args else None
                if i == 0 and attr in ("strip", "lstrip"):
                    p = p.lstrip(chars)
                if i == len(base.parts) - 1 and attr in ("strip", "rstrip"):
                    p = p.rstrip(chars)
                parts.append(p)
        return SqlShape(base.form, _normalise(parts), base.span)

    def helper_shape(self, name: str, call: ast.Call, span: Span | None) -> SqlShape | None:
        """``build_query("users")``: a function of this module, its parameters bound to the arguments."""
        f = self.file
        s = f.binder.find(self.body.scope, name)
        if s is None or s.kind != "module":
            return None
        fn = s.defs.get(name)
        if not isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)) or isinstance(fn, ast.AsyncFunctionDef):
            return None
        if self.depth >= 3 or fn.decorator_list or not f.text_helper(fn):
            return None
        scope = f.fl.scopes.get(id(fn))
        if scope is None:
            return None
        body = f.bodies.get(id(scope))
        if body is None:
            return None
        env: Env = {}
        args = fn.args
        params = [*args.posonlyargs, *args.args]
        defaults = list(args.defaults)
        offset = len(params) - len(defaults)
        if any(isinstance(a, ast.Starred) for a in call.args) or any(k.arg is None for k in call.keywords):
            return None
        given = {k.arg: k.value for k in call.keywords if k.arg is not None}
        for i, p in enumerate(params):
            value: SqlShape | None = None
            if i < len(call.args):
                value = self.shape_or_hole(call.args[i])
            elif p.arg in given:
                value = self.shape_or_hole(given[p.arg])
            elif i >= offset:
                value = self.shape(defaults[i - offset])
            env[p.arg] = value
        for kw, default in zip(args.kwonlyargs, args.kw_defaults):
            if kw.arg in given:
                env[kw.arg] = self.shape_or_hole(given[kw.arg])
            elif default is not None:
                env[kw.arg] = self.shape(default)
        walk = _Walk(f, body, record=False, env=env, depth=self.depth + 1)
        walk.stmts(body.stmts)
        if not walk.returns:
            return None
        merged = walk.returns[0]
        for r in walk.returns[1:]:
            merged = merge_shapes(merged, r)
        if merged is None:
            return None
        return SqlShape(merged.form, merged.parts, span)

    def shape_or_hole(self, e: ast.expr) -> SqlShape:
        sh = self.shape(e)
        if sh is not None:
            return sh
        return SqlShape("concat", (self.hole(e),), self.file.src.span(e))

    def safe_value(self, e: ast.expr) -> bool:
        """A value that cannot change the statement: constant, numeric, from a constant mapping."""
        b = self.file.binder
        scope = self.body.scope
        if isinstance(e, ast.Constant):
            return True
        if isinstance(e, ast.Name) and (self.typed_number(e.id) or self.typed_choice(e.id)
                                        or self.caller_constant(e.id) or self.allowlisted(e)):
            return True
        sh = self.shape(e)
        if sh is not None:
            return _safe(sh.parts)
        if isinstance(e, ast.IfExp):
            return self.safe_value(e.body) and self.safe_value(e.orelse)
        if isinstance(e, ast.BinOp) and isinstance(e.op, (ast.Add, ast.Sub, ast.Mult, ast.FloorDiv)):
            if self.numeric(e.left) and self.numeric(e.right):
                return True
            if isinstance(e.op, ast.Mult):  # "?" * n, "a" * 50
                return (self.numeric(e.right) and self.safe_value(e.left)) or (
                    self.numeric(e.left) and self.safe_value(e.right))
            return False
        if isinstance(e, ast.Call):
            if isinstance(e.func, ast.Name) and e.func.id in NUMERIC_BUILTINS and b.find(scope, e.func.id) is None:
                return True
            if isinstance(e.func, ast.Attribute) and e.func.attr == "mogrify":
                return True
            path = b.dotted(scope, e.func)
            if path in SAFE_FUNCTIONS:
                return True
            return False
        if isinstance(e, ast.Subscript):
            container = self.container(e.value)
            if isinstance(container, ast.Dict):
                return all(v is not None and self.constant_expr(v) for v in container.values)
            if isinstance(container, (ast.List, ast.Tuple)):
                return all(self.constant_expr(v) for v in container.elts)
        return False

    def numeric(self, e: ast.expr) -> bool:
        if isinstance(e, ast.Constant):
            return isinstance(e.value, (int, float)) and not isinstance(e.value, bool)
        if isinstance(e, ast.Name):
            sh = self.name_shape(e.id)
            return sh is not None and len(sh.parts) == 1 and isinstance(sh.parts[0], Hole) and sh.parts[0].constant
        if isinstance(e, ast.Call) and isinstance(e.func, ast.Name) and e.func.id in NUMERIC_BUILTINS:
            return self.file.binder.find(self.body.scope, e.func.id) is None
        return False

    def constant_expr(self, e: ast.expr) -> bool:
        if isinstance(e, ast.Constant):
            return True
        if isinstance(e, (ast.Tuple, ast.List)):
            return all(self.constant_expr(x) for x in e.elts)
        sh = self.shape(e)
        return sh is not None and _safe(sh.parts)

    # -- connection sites -------------------------------------------------------------------------

    def settings_sites(self, s: ast.Assign) -> None:
        """``DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql", "PASSWORD": …,
        "OPTIONS": {"sslmode": …}}}``: one connection site per PostgreSQL alias, its keys as options
        (``OPTIONS`` flattened: ``OPTIONS.sslmode``)."""
        f = self.file
        for model in f.settings_models:
            self.model_settings(s, model)

    def model_settings(self, s: ast.Assign, model: DriverModel) -> None:
        f = self.file
        for settings in database_settings(s, model.settings):
            options: list[tuple[str, OptionValue]] = []
            for k, v in zip(settings.keys, settings.values):
                if not isinstance(k, ast.Constant) or not isinstance(k.value, str):
                    continue
                if k.value == "OPTIONS":
                    options.extend((f"OPTIONS.{key}", value) for key, value in self.dict_options(v))
                else:
                    options.append((k.value, self.option(v)))
            span = f.src.span(settings)
            assert span is not None
            f.connects.append(ConnectSite(span, self.body.qualname, model.name, "DATABASES", tuple(options), None))

    def connect_site(self, call: ast.Call, model: DriverModel, fac: Factory) -> None:
        f = self.file
        if fac.conninfo_arg is None and fac.conninfo_keyword is None and not fac.keyword_settings:
            return
        conninfo: OptionValue | None = None
        if fac.conninfo_arg is not None and len(call.args) > fac.conninfo_arg:
            arg = call.args[fac.conninfo_arg]
            if not isinstance(arg, ast.Starred):
                conninfo = self.option(arg)
        options: list[tuple[str, OptionValue]] = []
        for k in call.keywords:
            if k.arg is None:
                options.extend(self.dict_options(k.value))
            elif k.arg == fac.conninfo_keyword:
                conninfo = self.option(k.value)
            elif k.arg == fac.options_keyword:
                options.extend(self.dict_options(k.value))
            elif k.arg in ("ssl", "ssl_context"):
                options.append((k.arg, self.ssl_option(k.value)))
            else:
                options.append((k.arg, self.option(k.value)))
        span = f.src.span(call)
        assert span is not None
        f.connects.append(ConnectSite(span, self.body.qualname, model.name, f.src.text(call.func, 48) + "()",
                                      tuple(options), conninfo,
                                      expects_failure=any(a <= span.line <= b for a, b in f.raises_blocks)))

    def dict_options(self, e: ast.expr) -> list[tuple[str, OptionValue]]:
        out: list[tuple[str, OptionValue]] = []
        if isinstance(e, ast.Name) and self.local(e.id):
            steps = assembled_options(self.body.stmts, e.id, e)  # cfg = {}; cfg["password"] = …
            if steps is not None:
                return [(k, self.ssl_option(v) if k == "ssl" else self.option(v)) for k, v in steps]
        node = self.container(e)
        if node is None and isinstance(e, ast.Name) and self.local(e.id):
            values = self.file.assigned(self.body.scope, e.id, self.file.binder)
            if values is not None and len(values) == 1 and isinstance(values[0], ast.Call):
                node = values[0]  # cfg = dict(host=…, password=…)
        if isinstance(node, ast.Dict):
            for k, v in zip(node.keys, node.values):
                if isinstance(k, ast.Constant) and isinstance(k.value, str):
                    out.append((k.value, self.ssl_option(v) if k.value == "ssl" else self.option(v)))
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "dict":
            for kw in node.keywords:
                if kw.arg is not None:
                    out.append((kw.arg, self.option(kw.value)))
        return out

    def option(self, e: ast.expr) -> OptionValue:
        src = self.text(e)
        span = self.file.src.span(e)
        if isinstance(e, ast.Constant) and isinstance(e.value, (str, bool, int)) and not isinstance(e.value, bytes):
            return OptionValue(src, True, e.value, span)
        if self.from_env(e):
            return OptionValue(src, False, None, span, from_env=True)
        sh = self.shape(e)
        if sh is not None:
            text = "".join(p if isinstance(p, str) else (p.value if p.value is not None else "${pglint}")
                           for p in sh.parts)
            return OptionValue(src, True, text, span)
        return OptionValue(src, False, None, span)

    def from_env(self, e: ast.expr) -> bool:
        b = self.file.binder
        scope = self.body.scope
        if isinstance(e, ast.Subscript):
            path = b.dotted(scope, e.value)
            return path in ("os.environ",)
        if isinstance(e, ast.Call):
            path = b.dotted(scope, e.func)
            if path in ENV_FUNCTIONS:
                return True
            if isinstance(e.func, ast.Attribute) and e.func.attr == "get" and b.dotted(
                    scope, e.func.value) == "os.environ":
                return True
        if isinstance(e, ast.Name):
            values = self.file.assigned(scope, e.id, b)
            if values and len(values) == 1 and values[0] is not None and values[0] is not e:
                return self.from_env(values[0])
        if isinstance(e, ast.BoolOp):
            return any(self.from_env(v) for v in e.values)
        return False

    def ssl_option(self, e: ast.expr) -> OptionValue:
        """``ssl=False`` / ``ssl="require"`` / an SSLContext whose verification is switched off."""
        src = self.text(e)
        span = self.file.src.span(e)
        if isinstance(e, ast.Constant):
            return self.option(e)
        verdict = self.ssl_context(e, 0)
        if verdict is not None:
            return OptionValue(src, True, verdict, span)
        return self.option(e)

    def ssl_context(self, e: ast.expr, depth: int) -> str | None:
        """``"CERT_NONE"`` / ``"check_hostname=False"`` for a context that does not verify."""
        b = self.file.binder
        scope = self.body.scope
        if depth > 2:
            return None
        if isinstance(e, ast.Call):
            path = b.dotted(scope, e.func)
            if path == "ssl._create_unverified_context":
                return "CERT_NONE"
            if path == "ssl.SSLContext":
                proto = b.dotted(scope, e.args[0]) if e.args else None
                return None if proto == "ssl.PROTOCOL_TLS_CLIENT" else "CERT_NONE?"
            return None
        if not isinstance(e, ast.Name):
            return None
        values = self.file.assigned(scope, e.id, b)
        s = b.find(scope, e.id)
        base: str | None = None
        if values and len(values) == 1 and values[0] is not None:
            base = self.ssl_context(values[0], depth + 1)
        elif s is not None and s.kind == "module":
            mv = self.file.module_assigned(e.id)
            if mv is not None:
                base = self.ssl_context(mv, depth + 1)
        verify: str | None = None
        hostname: bool | None = None
        owner = self.file.bodies.get(id(s)) if s is not None else None
        if owner is not None:
            for n in _shallow_walk(owner.stmts):
                if isinstance(n, ast.Assign):
                    for t in n.targets:
                        if isinstance(t, ast.Attribute) and isinstance(t.value, ast.Name) and t.value.id == e.id:
                            if t.attr == "verify_mode":
                                path = b.dotted(scope, n.value)
                                verify = path.rsplit(".", 1)[-1] if path else verify
                            elif t.attr == "check_hostname" and isinstance(n.value, ast.Constant):
                                hostname = bool(n.value.value)
        if verify == "CERT_NONE":
            return "CERT_NONE"
        if base == "CERT_NONE":
            return "CERT_NONE"
        if base == "CERT_NONE?" and verify not in ("CERT_REQUIRED", "CERT_OPTIONAL"):
            return "CERT_NONE"
        if hostname is False:
            return "check_hostname=False"
        return None


def collect_sites(fl: "FileLowering") -> tuple[list[QuerySite], list[ConnectSite]]:
    """The query and connection sites of a lowered file (see the module docstring)."""
    f = _FileSites(fl)
    if not f.any_site:
        return [], []
    bodies: list[_Body] = []
    for node, qualname, scope in fl.lowered_bodies:
        if node is None:
            body = _Body(qualname, scope, None, list(fl.tree.body))
        elif isinstance(node, ast.Lambda):
            body = _Body(qualname, scope, node, [], node.body)
        else:
            body = _Body(qualname, scope, node, list(getattr(node, "body", [])))
        f.bodies[id(scope)] = body
        bodies.append(body)
    for body in bodies:
        walk = _Walk(f, body)
        try:
            walk.run()
        except RecursionError:  # absurdly nested expressions (generated code): no sites from this body
            walk.env = {}
        if body.node is None:
            f.module_env = walk.env
    return f.queries, f.connects
