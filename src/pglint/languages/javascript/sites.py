"""Query and connection sites of JavaScript/TypeScript code, for the SQL, TLS and credential rules.

The lowering calls a :class:`SiteRecorder` at every call the driver models name
as a query (``pool.query``, ``client.query``, ``sql`...``` of
``@vercel/postgres`` and neon, ``sql.query``) and at every pool/client
construction; this module turns them into the language-neutral records of
:mod:`pglint.ir.query`. It owns the *syntactic* questions about a site, read
from the tree-sitter tree around it:

- the **shape** of the SQL argument: string and template literals, ``+``
  concatenation, locals (``const``, and ``let``/``var`` with ``=`` and ``+=``
  — an assignment or append under a condition or loop makes the text
  incomplete), module constants, constant objects (``Q.byId``) and arrays
  (``COLS.join(', ')``), same-module helpers returning constant SQL, tagged
  templates of libraries that parameterise, the ``{ text, values }`` config
  object and ``new Cursor(text, values)``;
- the **parameters** (an array literal, possibly through an unmodified local);
- what happens to the returned promise (**handled**);
- the innermost **loop** whose iterations each run the query, and whether the
  loop pages through results;
- the **options** of ``new Pool({...})`` and friends, flattened.

What a name is bound to (a pool, a client) is the lowering's knowledge; this
module asks for it through the lowerer and never emits CFG events. Names are
resolved lexically (block scopes, hoisted ``var`` and functions, parameters);
anything not understood becomes an ``unknown`` shape or a non-constant hole, and
the rules stay silent on unknown shapes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterator, Union

from ...analysis.sql import HOLE_PREFIX, SQL_LITERAL_START, UNKNOWN_DRIVER, placeholder_style, reads_as_sql
from ...drivers.model import Method, Value
from ...drivers.node_postgres import ESCAPING_FUNCTIONS, ESCAPING_MODULES, PARAMETERISING_TAG_MODULES
from ...ir.cfg import Span
from ...ir.query import (ConnectSite, Hole, OptionValue, Params, Part, QuerySite, RowUse, SqlShape, joined_text,
                         merge_parts)
from .pgpromise import ESCAPING_FORMATTERS, modified_shape
from .parsing import (FUNCTION_DECLARATIONS, FUNCTION_LITERALS, compact, first_kid, kids, node_text, pattern_names, strip,
                      string_value)
from .queries import if_statements
from .rowuse import RowUseReader

if TYPE_CHECKING:
    from tree_sitter import Node

    from ..base import ProjectIndex
    from .lowering import FunctionLowerer
    from .parsing import JsSource
    from .symbols import ModuleSymbols

FUNCTION_NODES = FUNCTION_LITERALS | FUNCTION_DECLARATIONS | {"method_definition", "class_static_block"}
#: The node types that can declare a name (what :meth:`SiteRecorder._declared` looks into).
SCOPE_NODES = FUNCTION_NODES | {"statement_block", "program", "switch_body", "for_statement",
                                "for_in_statement", "catch_clause"}
LOOP_NODES = frozenset({"for_statement", "for_in_statement", "while_statement", "do_statement"})
#: Constructs under which a statement may run zero or several times relative to what surrounds it.
CONDITIONAL_NODES = LOOP_NODES | {"if_statement", "switch_case", "switch_default", "catch_clause",
                                  "ternary_expression", "binary_expression", "finally_clause"}
#: Array methods whose callback runs once per element.
ITERATION_METHODS = {"forEach": "forEach", "map": "map", "flatMap": "map", "reduce": "reduce",
                     "reduceRight": "reduce"}
#: What runs an array of promises concurrently: a ``map`` handed to one is a fan-out, not a loop.
PROMISE_COMBINATORS = frozenset({"all", "allSettled", "any", "race"})
#: Methods that change an array's length in place.
MUTATING_ARRAY_METHODS = frozenset({"push", "unshift", "splice", "pop", "shift", "concat", "length"})
#: Calls whose (numeric) result can never carry SQL syntax.
NUMERIC_FUNCTIONS = frozenset({"Number", "parseInt", "parseFloat", "Math.floor", "Math.ceil",
                               "Math.round", "Math.max", "Math.min", "Math.trunc", "Math.abs"})
STRING_NOOP_METHODS = frozenset({"trim", "trimStart", "trimEnd", "toString"})
#: String methods a value's origin is followed through.
TEXT_METHODS = STRING_NOOP_METHODS | {"toLowerCase", "toUpperCase", "replace", "replaceAll", "slice", "substring"}
#: Names that hold request data in web handlers (a hole rooted at one is "external").
EXTERNAL_NAMES = frozenset({"req", "request"})
#: Submittables handed to `client.query(new Cursor(text, values))`: not a promise.
SUBMITTABLES = frozenset({"Cursor", "QueryStream"})
MAX_DEPTH = 12
CONDITIONAL_HOLE = "(text appended conditionally)"


# ---------------------------------------------------------------------------
# Values of expressions, as far as SQL text goes.

@dataclass(frozen=True, slots=True)
class Known:
    """Text made of literal pieces and holes."""

    form: str
    parts: tuple[Part, ...]

    @property
    def unsafe(self) -> bool:
        return self.form != "tagged" and any(isinstance(p, Hole) and not p.constant for p in self.parts)

    @property
    def text(self) -> str | None:
        return joined_text(self.parts)


@dataclass(frozen=True, slots=True)
class Opaque:
    """A value whose text is not visible; ``safe`` when it cannot carry SQL syntax (escaped, numeric).
    ``quoted``: a value quoted as an identifier (``escapeIdentifier(x)``), the origin of ``x``
    (:attr:`Hole.origin`) when ``x`` itself is not constant — still a choice of name (PG203)."""

    safe: bool
    quoted: str | None = None


Val = Union[Known, Opaque]


@dataclass(frozen=True, slots=True)
class Binding:
    """Where a name is declared: ``kind`` is const/let/var/param/function/import/pattern/other."""

    kind: str
    node: "Node"  # the declarator / function / parameter node
    scope: "Node"  # the block or function whose body declares it
    value: "Node | None" = None  # the initialiser


_merge = merge_parts  # adjacent literal pieces joined


#: An array literal of at most this many elements is "a fixed handful" of iterations.
FIXED_HANDFUL = 64
_CONSTANT_NODES = frozenset({"string", "number", "true", "false", "null", "undefined"})


def _constant_array(array: "Node") -> bool:
    """An array literal of at most :data:`FIXED_HANDFUL` elements, each a literal or such an array."""
    elements = [k for k in kids(array) if k.is_named and k.type != "comment"]
    if len(elements) > FIXED_HANDFUL:
        return False
    for e in elements:
        e = strip(e)
        if e.type == "array":
            if not _constant_array(e):
                return False
        elif e.type not in _CONSTANT_NODES:
            return False
    return True


def _ancestors(node: "Node") -> Iterator["Node"]:
    p = node.parent
    while p is not None:
        yield p
        p = p.parent


def _contains(outer: "Node", inner: "Node") -> bool:
    return outer.start_byte <= inner.start_byte and inner.end_byte <= outer.end_byte


def _callee_text(call: "Node") -> str:
    """The source text of a call's callee (``Object.assign``); empty when it has none."""
    fn = call.child_by_field_name("function")
    return node_text(fn) if fn is not None else ""


def _walk(node: "Node", into_functions: bool = False) -> Iterator["Node"]:
    """Every named node below ``node`` (iterative, pre-order), optionally not entering nested functions."""
    stack = list(reversed(node.named_children))
    while stack:
        n = stack.pop()
        yield n
        if not into_functions and n.type in FUNCTION_NODES:
            continue
        stack.extend(reversed(n.named_children))


def _params_of(fn: "Node") -> list["Node"]:
    params = fn.child_by_field_name("parameters")
    if params is not None:
        return list(kids(params))
    single = fn.child_by_field_name("parameter")
    return [single] if single is not None else []


def _is_promise_combinator(call: "Node | None") -> bool:
    """``call`` is ``Promise.all(…)`` / ``allSettled`` / ``any`` / ``race``."""
    if call is None or call.type != "call_expression":
        return False
    callee = call.child_by_field_name("function")
    if callee is None or strip(callee).type != "member_expression":
        return False
    obj = strip(callee).child_by_field_name("object")
    prop = strip(callee).child_by_field_name("property")
    return obj is not None and prop is not None and node_text(obj) == "Promise" \
        and node_text(prop) in PROMISE_COMBINATORS


def _iterated_origin(iterable: "Node") -> str:
    """What a loop iterates, for PG403: ``"attribute"`` for the object's own ``this.x`` (also
    through ``Object.keys/values/entries(this.x)`` and ``this.x.entries()``), else ``""``."""
    e = strip(iterable)
    if e.type == "call_expression":
        callee = e.child_by_field_name("function")
        args = e.child_by_field_name("arguments")
        argl = [strip(x) for x in kids(args)] if args is not None else []
        if callee is not None and strip(callee).type == "member_expression":
            obj = strip(callee).child_by_field_name("object")
            prop = strip(callee).child_by_field_name("property")
            if obj is not None and node_text(obj) == "Object" and len(argl) == 1:
                e = argl[0]
            elif prop is not None and node_text(prop) in ("entries", "keys", "values") and not argl \
                    and obj is not None:
                e = strip(obj)
    if e.type == "member_expression":
        obj = e.child_by_field_name("object")
        return "attribute" if obj is not None and obj.type == "this" else ""
    return ""


def _function_of(node: "Node") -> "Node | None":
    for a in _ancestors(node):
        if a.type in FUNCTION_NODES:
            return a
    return None


#: ``.query(sql, params)`` / ``.execute(sql, params)`` on a receiver no driver is bound to (see :meth:`SiteRecorder.unknown_query_call`).
UNKNOWN_QUERY = Method("connection", "query", "query")
UNKNOWN_RECEIVER = Value(UNKNOWN_DRIVER, "connection")
#: Modules of other databases and query languages: a file importing one of them may call
#: ``.query(…)`` on something other than a PostgreSQL client, so no receiver of unknown value there is one.
OTHER_DB_MODULES = frozenset({
    "mysql", "mysql2", "mariadb", "sqlite", "sqlite3", "better-sqlite3", "@libsql/client", "mssql", "tedious",
    "oracledb", "snowflake-sdk", "cassandra-driver", "duckdb", "duckdb-async", "@duckdb/node-api",
    "@planetscale/database", "@google-cloud/bigquery", "@google-cloud/spanner", "@clickhouse/client",
    "odbc", "ibm_db", "neo4j-driver", "@databricks/sql", "sql.js", "wa-sqlite", "@electric-sql/pglite",
    "alasql", "trino-client", "presto-client", "hive-driver", "@aws-sdk/client-athena", "@vercel/kv",
})


#: Query builders and ORMs pglint does not model yet (their handles have ``execute``/``query``
#: methods of their own: drizzle's ``db.execute(sql\`…\`)``, knex's ``raw``): in a file importing
#: one, a receiver of unknown value is as likely theirs as a driver client's, so it is left alone.
UNMODELLED_LIBRARIES = frozenset({
    "drizzle-orm", "kysely", "knex", "typeorm", "@prisma/client", "sequelize", "@sequelize/core",
    "@mikro-orm/core", "@mikro-orm/postgresql", "objection", "slonik",
    "@databases/pg", "zapatos",
})


#: what the ORMs that speak several databases call PostgreSQL in their options (TypeORM `type`,
#: knex `client`): any other constant there names another database
POSTGRES_DIALECTS = frozenset({"postgres", "postgresql", "pg", "pgnative", "pg-native", "cockroachdb",
                               "aurora-postgres", "aurora-data-api-pg"})


def _other_database_option(options: "list[tuple[str, OptionValue]]") -> bool:
    """Whether the top-level ``type`` / ``client`` option of an ORM's settings is a constant naming
    a database other than PostgreSQL (``type: 'mysql'``, ``client: 'sqlite3'``)."""
    for key, opt in options:
        if key in ("type", "client") and opt.constant and isinstance(opt.value, str):
            if opt.value.lower() not in POSTGRES_DIALECTS:
                return True
    return False


_TYPE_TEST = re.compile(r"""\.type\s*===?\s*["'`]([\w-]+)["'`]""")


def _for_other_database(call: "Node") -> bool:
    """Whether ``call`` runs only when a multi-database ORM's handle is another database's: it sits
    in the branch of an ``if`` whose condition compares a ``.type`` to a constant that names no
    PostgreSQL flavour (TypeORM ``if (ds.options.type === "mysql") { … }``)."""
    node = call
    for anc in _ancestors(call):
        if anc.type in FUNCTION_NODES:
            return False
        if anc.type == "if_statement":
            cond, then = anc.child_by_field_name("condition"), anc.child_by_field_name("consequence")
            if cond is not None and then is not None and _contains(then, node):
                names = _TYPE_TEST.findall(node_text(cond))
                if names and "!" not in node_text(cond) and all(
                        n.lower() not in POSTGRES_DIALECTS for n in names):
                    return True
        node = anc
    return False


def other_database(modules: "Iterator[str] | list[str]") -> bool:
    """Whether one of the import specifiers ``modules`` is another database's driver, or a query
    builder/ORM pglint does not model (:data:`UNMODELLED_LIBRARIES`)."""
    def package(m: str) -> str:  # `@scope/name/sub` → `@scope/name`, `name/sub` → `name`
        parts = m.split("/")
        return "/".join(parts[:2]) if m.startswith("@") else parts[0]
    return any(package(m) in OTHER_DB_MODULES or package(m) in UNMODELLED_LIBRARIES for m in modules)


def unknown_query_calls(source: bytes, modules: list[str]) -> bool:
    """Whether the file may call ``.query(…)`` / ``.execute(…)`` on a receiver of unknown value that
    is a PostgreSQL client: it mentions one of them, has a string literal starting with a statement keyword
    (:data:`~pglint.analysis.sql.SQL_LITERAL_START`) and imports no other database's module. A
    cheap superset: the sites are decided on lowering, only in files for which this holds (so the
    import gate, which lets these files through, never changes a result)."""
    return ((b".query" in source or b".execute" in source) and not other_database(modules)
            and SQL_LITERAL_START.search(source) is not None)


class SiteRecorder:
    """Collects the query and connect sites of one file (each call once, however often it is lowered)."""

    def __init__(self, src: "JsSource", symbols: "ModuleSymbols") -> None:
        self.src = src
        self.symbols = symbols
        self.queries: dict[int, QuerySite] = {}
        self.connects: dict[int, ConnectSite] = {}
        self._bindings: dict[tuple[int, str], Binding | None] = {}
        self._scope_above: dict[int, "Node | None"] = {}  # node id → the nearest enclosing scope node
        # scope node id → its `var` declarations nested in blocks (one walk of the body, not one per name)
        self._nested_vars: dict[int, list["Node"]] = {}
        self._values: dict[int, Val] = {}
        self._in_progress: set[int] = set()
        self._imports = {r.local: r.module for r in symbols.imports if r.local}
        self._guards: dict[str, list["Node"]] | None = None  # name → its allowlist guards (built once)

    # ======================================================================
    # Entry points (called by the lowering)

    def query_call(self, lw: "FunctionLowerer", call: "Node", recv: Value, method: Method,
                   arg_nodes: list["Node"]) -> None:
        """``recv.method(args)`` (or ``recv(args)`` for ``__call__``) runs SQL."""
        if call.id in self.queries:
            return
        try:
            self._query_call(lw, call, recv, method, arg_nodes)
        except RecursionError:  # pathological nesting: no site rather than a crash
            return

    def unknown_query_call(self, lw: "FunctionLowerer", call: "Node", obj: "Node", arg_nodes: list["Node"]) -> None:
        """``obj.query(sql, params)`` / ``obj.execute(sql, params)`` where ``obj`` is bound to no
        driver: a query of an unknown driver when nothing says ``obj`` is something else
        (:meth:`typed_receiver`) and its SQL is PostgreSQL written with ``$n`` placeholders or none
        (:meth:`_postgres_text`)."""
        if call.id in self.queries:
            return
        try:
            if not arg_nodes or self.typed_receiver(strip(obj), call, lw.f.project):
                return
            if self._postgres_text(arg_nodes, call):
                self._query_call(lw, call, UNKNOWN_RECEIVER, UNKNOWN_QUERY, arg_nodes)
        except RecursionError:
            return

    def misnamed_query_call(self, lw: "FunctionLowerer", call: "Node", recv: Value, method: Method,
                            arg_nodes: list["Node"]) -> None:
        """``pool.execute(sql, params)`` on a handle of a driver that has no such method (a
        node-postgres ``Pool``/``Client``; the mysql2 spelling): the SQL is still written for that
        handle, so when it is PostgreSQL (:meth:`_postgres_text`) it is read as if passed to the
        handle's query method ``method``. The call itself throws; its SQL is what the rules judge."""
        if call.id in self.queries:
            return
        try:
            if arg_nodes and self._postgres_text(arg_nodes, call):
                self._query_call(lw, call, recv, method, arg_nodes)
        except RecursionError:
            return

    def _postgres_text(self, arg_nodes: list["Node"], call: "Node") -> bool:
        """Is the first argument (or its ``text`` part) SQL text that is PostgreSQL written with
        ``$n`` placeholders or none (:func:`reads_as_sql`)? A tagged template or a value of
        unknown shape is not (MySQL's ``?`` is not PostgreSQL either)."""
        first = strip(arg_nodes[0])
        text_node = _pair_value(first, "text") if first.type == "object" else first
        if text_node is None:
            return False
        shape = self.shape(text_node, call)
        if shape.form in ("unknown", "tagged"):
            return False
        text = shape.text_with_markers(HOLE_PREFIX + "{}")
        return placeholder_style(text) in ("dollar", "") and reads_as_sql(text, shape.text is not None)

    def typed_receiver(self, obj: "Node", at: "Node", project: "ProjectIndex | None") -> bool:
        """Does the code say what ``obj`` is (so that it is not a client of an unknown driver)?
        ``this`` itself (the class's own ``query``), a TypeScript type on the parameter or class
        field it comes from (``db: Database``, ``private db: Knex``; ``any`` says nothing), an
        object constructed with ``new``, or a package (not a project file) it is imported from."""
        root = obj
        members: list[str] = []
        while root.type in ("member_expression", "subscript_expression", "call_expression",
                            "non_null_expression", "parenthesized_expression", "await_expression"):
            if root.type == "member_expression":
                prop = root.child_by_field_name("property")
                members.append(node_text(prop) if prop is not None else "")
                nxt = root.child_by_field_name("object")
            elif root.type == "call_expression":
                nxt = root.child_by_field_name("function")
            elif root.type == "subscript_expression":
                nxt = root.child_by_field_name("object")
            else:
                nxt = first_kid(root)
            if nxt is None:
                return True
            root = strip(nxt)
        # what the code says about the receiver itself: an attribute of a typed or constructed
        # object (`ctx.db`, `req.app.pool`, `this.app.db`) may be anything
        direct = not members and root is obj
        if root.type == "this":
            return not members or (len(members) == 1 and obj.type == "member_expression"
                                   and self._typed_field(root, members[0]))
        if root.type == "new_expression":
            return True
        if root.type != "identifier":
            return True
        name = node_text(root)
        b = self.binding(name, at)
        if b is None:
            return True  # not declared where pglint can see it (a global, or a part it could not parse)
        if b.kind == "import" or (name in self._imports and b.scope.type == "program"):
            spec = self._imports.get(name, "")  # a package's object is not a project's client
            return not spec.startswith(".") and (project is None or project.resolve(self.src.path, spec) is None)
        if not direct:
            return False
        if b.kind == "param":
            return _typed(b.node)
        if b.kind in ("function", "other"):
            return True
        value = strip(b.value) if b.value is not None else None
        if value is not None and value.type == "await_expression":
            inner = first_kid(value)
            value = strip(inner) if inner is not None else None
        if value is not None and value.type == "new_expression":
            return True
        if b.kind in ("const", "let", "var") and b.node.child_by_field_name("type") is not None:
            return _typed(b.node)
        return False

    def _typed_field(self, this: "Node", name: str) -> bool:
        """``this.<name>`` declared with a TypeScript type or set to ``new X()`` in the enclosing class."""
        cls = this.parent
        while cls is not None and cls.type not in ("class_declaration", "class", "abstract_class_declaration"):
            cls = cls.parent
        body = cls.child_by_field_name("body") if cls is not None else None
        if body is None:
            return False
        for node in _walk(body, into_functions=True):
            if node.type in ("public_field_definition", "field_definition"):
                prop = node.child_by_field_name("name") or node.child_by_field_name("property")
                if prop is not None and node_text(prop) == name:
                    value = node.child_by_field_name("value")
                    if _typed(node) or (value is not None and strip(value).type == "new_expression"):
                        return True
            elif node.type in ("required_parameter", "optional_parameter") and any(
                    c.type == "accessibility_modifier" or node_text(c) == "readonly" for c in node.children):
                pattern = node.child_by_field_name("pattern")
                if pattern is not None and node_text(pattern) == name and _typed(node):
                    return True
            elif node.type == "assignment_expression":
                left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
                if left is not None and right is not None and left.type == "member_expression" \
                        and node_text(left) == f"this.{name}" and strip(right).type == "new_expression":
                    return True
        return False

    def tagged_call(self, lw: "FunctionLowerer", call: "Node", tag: "Node") -> None:
        """``tag`...```: a query when the tag is a driver value or method the model marks ``tagged``."""
        if call.id in self.queries:
            return
        tag = strip(tag)
        recv: Value | None
        name = "__call__"
        if tag.type == "member_expression":
            obj = tag.child_by_field_name("object")
            prop = tag.child_by_field_name("property")
            if obj is None or prop is None:
                return
            recv = self.value_at(lw, obj)
            name = node_text(prop)
        else:
            recv = self.value_at(lw, tag)
        if recv is None:
            return
        method = lw.f.registry.method(recv, name)
        if method is None or method.effect != "query" or not method.tagged:
            return
        template = call.child_by_field_name("arguments")
        if template is None:
            return
        parts = self.tagged_parts(template)
        holes = sum(1 for p in parts if isinstance(p, Hole))
        shape = SqlShape("tagged", _merge(parts), self.src.span(template))
        self._record(lw, call, recv, method, tag_name(tag), shape,
                     Params("sequence", holes) if holes else None, config_object=False,
                     callback=False, promise=method.awaited)

    def connect_call(self, lw: "FunctionLowerer", call: "Node", made: Value, api: str) -> None:
        """``new Pool({...})``, ``new Client(url)``, ``createPool(...)``, ``neon(url)``."""
        if call.id in self.connects:
            return
        args_n = call.child_by_field_name("arguments")
        arg_nodes = list(kids(args_n)) if args_n is not None and args_n.type == "arguments" else []
        info = lw.f.registry.kind_info(made)
        if info is None or info.category == "pool-client" or not info.connection_options:
            return
        try:
            options: list[tuple[str, OptionValue]] = []
            conninfo: OptionValue | None = None
            if arg_nodes:
                first = strip(arg_nodes[0])
                obj = self.object_literal(first, call, 0)
                steps = self.assembled_object(first, call)
                if obj is None and steps is not None:
                    obj = steps[0]
                if obj is not None:
                    self.flatten(obj, "", options, 0)
                    for key, value in (steps[1] if steps is not None else []):
                        self.flatten_pair(key, value, "", options, 0)
                else:
                    conninfo = self.option_value(first)
                    # postgres.js `postgres(url, options)`: the options follow the URL
                    second = self.object_literal(strip(arg_nodes[1]), call, 0) if len(arg_nodes) > 1 else None
                    if second is not None:
                        self.flatten(second, "", options, 0)
            for key, opt in list(options):
                if key.lower() in ("connectionstring", "connection_string", "url"):
                    conninfo = opt if conninfo is None else conninfo
            if _other_database_option(options):
                return  # TypeORM `type: 'mysql'`, knex `client: 'sqlite3'`: not a PostgreSQL connection
            self.connects[call.id] = ConnectSite(self.src.span(call), lw.name, made.driver, api,
                                                 tuple(options), conninfo)
        except RecursionError:
            return

    def results(self) -> tuple[list[QuerySite], list[ConnectSite]]:
        key = lambda s: (s.span.line, s.span.column)  # noqa: E731
        return (sorted(self.queries.values(), key=key), sorted(self.connects.values(), key=key))

    # ======================================================================
    # Query sites

    def value_at(self, lw: "FunctionLowerer", node: "Node") -> Value | None:
        """The driver value ``node`` denotes for the lowerer (no events emitted)."""
        sym = lw.f.ev.expr(node, lw.lookup, lw.lookup)
        return lw.value_of(sym)

    def _query_call(self, lw: "FunctionLowerer", call: "Node", recv: Value, method: Method,
                    arg_nodes: list["Node"]) -> None:
        if method.param_check == "when-written" and _for_other_database(call):
            return  # `if (ds.options.type === 'mysql') { … ds.query(…) }`: SQL for another database
        args = [strip(a) for a in arg_nodes]
        callback = False
        if len(args) >= 2 and self.is_function(args[-1], call):
            callback = True
            args = args[:-1]
        shape: SqlShape | None = None
        params: Params | None = None
        config = False
        promise = method.awaited and not callback
        if args:
            first = args[0]
            # the { text, values } form, written at the call or in a const one hop away
            config_literal = self.object_literal(first, call, 0) if first.type in ("object", "identifier") else None
            # ... or assembled in steps (`const q = {}; q.text = …; q.values = […]; pool.query(q)`)
            steps = self.assembled_object(first, call) if first.type == "identifier" else None
            written = dict(steps[1]) if steps is not None else {}
            if config_literal is None and steps is not None and "text" in written:
                config_literal = steps[0]
            if config_literal is not None:
                config = True
                text_node = written.get("text") or _pair_value(config_literal, "text")
                values_node = written.get("values") or _pair_value(config_literal, "values")
                shape = self.shape(text_node, call) if text_node is not None else None
                params = self.params(values_node, call) if values_node is not None else None
                if len(args) > 1 and params is None:
                    params = self.params(args[1], call)
            elif first.type == "new_expression" and _ctor_name(first) in SUBMITTABLES:
                promise = False
                cargs = first.child_by_field_name("arguments")
                cnodes = [strip(a) for a in kids(cargs)] if cargs is not None else []
                shape = self.shape(cnodes[0], call) if cnodes else None
                params = self.params(cnodes[1], call) if len(cnodes) > 1 else None
            else:
                shape = self.shape(first, call)
                if len(args) > 1:
                    params = self.params(args[1], call)
                    if recv.driver == "pg-promise":  # `$1:raw`, `${name^}`: values spliced as text
                        shape = modified_shape(
                            shape, args[1], call,
                            lambda v, at: self.array_literal(v, at, 0) or self.object_literal(v, at, 0),
                            lambda v, at: self.hole_parts(v, at, 0))
        name = method.name if method.name != "__call__" else tag_name(call.child_by_field_name("function"))
        if method.params != "single":  # an ORM's own binding (knex bindings, Sequelize options)
            params = None
        self._record(lw, call, recv, method, name, shape, params, config, callback, promise)

    def _record(self, lw: "FunctionLowerer", call: "Node", recv: Value, method: Method, name: str,
                shape: SqlShape | None, params: Params | None, config_object: bool, callback: bool,
                promise: bool) -> None:
        info = lw.f.registry.kind_info(recv)
        category = info.category if info is not None else "other"
        receiver = {"pool": "pool", "pool-client": "pool-client"}.get(category, "connection")
        shortcut = method.shortcut if method.shortcut is not None else category == "pool"
        handled = "callback" if callback else (self.handled(call) if promise else "sync")
        loop, loop_kind, paginates, loop_names, loop_over = self.loop_of(call)
        row_use = None
        if shape is not None and not method.fragment and "*" in shape.text_with_markers():
            row_use = RowUse("unknown") if callback else RowUseReader(self._declaration, self._same_file_function
                                                                       ).of_query(call)
        self.queries[call.id] = QuerySite(
            span=self.src.span(call), function=lw.name, driver=recv.driver, receiver=receiver,
            method=name, sql=shape, params=params, style="dollar", pool_shortcut=shortcut,
            config_object=config_object, returns_promise=promise, handled=handled,  # type: ignore[arg-type]
            loop=loop, loop_kind=loop_kind, loop_paginates=paginates, loop_names=loop_names,
            loop_over=loop_over, row_use=row_use, param_check=method.param_check, fragment=method.fragment)

    def _declaration(self, name: str, at: "Node") -> "tuple[Node, Node] | None":
        """The node declaring ``name`` at ``at`` and the scope it is declared in (for :mod:`.rowuse`)."""
        b = self.binding(name, at)
        return (b.node, b.scope) if b is not None else None

    def _same_file_function(self, callee: "Node") -> "Node | None":
        """The function a callee names in this file: a function declaration or a ``const`` bound to a
        function literal, or ``this.m`` — a method of the enclosing class."""
        callee = strip(callee)
        if callee.type == "identifier":
            b = self.binding(node_text(callee), callee)
            if b is None:
                return None
            if b.kind == "function" and b.node.type in FUNCTION_NODES:
                return b.node
            if b.kind == "const" and b.value is not None and strip(b.value).type in FUNCTION_LITERALS:
                return strip(b.value)
            return None
        if callee.type == "member_expression":
            obj = callee.child_by_field_name("object")
            prop = callee.child_by_field_name("property")
            if obj is None or prop is None or obj.type != "this":
                return None
            for a in _ancestors(callee):
                if a.type == "class_body":
                    found = [m for m in kids(a) if m.type == "method_definition"
                             and (n := m.child_by_field_name("name")) is not None and node_text(n) == node_text(prop)]
                    return found[0] if len(found) == 1 else None
        return None

    def is_function(self, node: "Node", at: "Node") -> bool:
        node = strip(node)
        if node.type in FUNCTION_LITERALS:
            return True
        if node.type == "identifier":
            b = self.binding(node_text(node), at)
            if b is None:
                return False
            if b.kind == "function":
                return True
            return b.value is not None and strip(b.value).type in FUNCTION_LITERALS
        return False

    # -- SQL shape ------------------------------------------------------------
    def shape(self, node: "Node", at: "Node") -> SqlShape:
        v = self.value(node, at, 0)
        span = self.src.span(node)
        if isinstance(v, Opaque):
            return SqlShape("unknown", (), span)
        return SqlShape(v.form, v.parts, span)  # type: ignore[arg-type]

    def value(self, node: "Node", at: "Node", depth: int) -> Val:
        """What text ``node`` (seen from ``at``) evaluates to."""
        if depth > MAX_DEPTH:
            return Opaque(False)
        n = strip(node)
        t = n.type
        if t == "string":
            text = string_value(n)
            return Known("literal", (text,)) if text is not None else Opaque(False)
        if t == "template_string":
            return self.template(n, at, depth)
        if t == "number":
            return Known("literal", (node_text(n),))
        if t == "binary_expression":
            op = n.child_by_field_name("operator")
            opt = node_text(op) if op is not None else ""
            if opt == "+":
                return self.concat(n, at, depth)
            if opt in ("||", "??"):
                left, right = n.child_by_field_name("left"), n.child_by_field_name("right")
                if left is None or right is None:
                    return Opaque(False)
                return self.either(self.value(left, at, depth + 1), self.value(right, at, depth + 1))
            if opt in ("-", "*", "/", "%", "**", "|", "&", "^", "<<", ">>", ">>>"):
                return Opaque(True)
            return Opaque(False)
        if t == "ternary_expression":
            cons, alt = n.child_by_field_name("consequence"), n.child_by_field_name("alternative")
            if cons is None or alt is None:
                return Opaque(False)
            return self.either(self.value(cons, at, depth + 1), self.value(alt, at, depth + 1))
        if t in ("identifier", "shorthand_property_identifier"):
            return self.identifier_value(n, at, depth)
        if t == "member_expression":
            return self.member_value(n, at, depth)
        if t == "call_expression":
            return self.call_value(n, at, depth)
        if t in ("true", "false", "null"):
            return Known("literal", (node_text(n),))
        if t == "unary_expression":
            op = n.child_by_field_name("operator")
            return Opaque(op is not None and node_text(op) in ("-", "+", "~", "!", "typeof"))
        return Opaque(False)

    def either(self, a: Val, b: Val) -> Val:
        """One of two values: the unsafe one if any (it is built on some path), else the common text."""
        if isinstance(a, Known) and a.unsafe:
            return a
        if isinstance(b, Known) and b.unsafe:
            return b
        if isinstance(a, Known) and isinstance(b, Known) and a.text is not None and a.text == b.text:
            return a
        safe = all(isinstance(v, Known) or v.safe for v in (a, b))
        return Opaque(safe)

    def hole_parts(self, node: "Node", at: "Node", depth: int) -> list[Part]:
        """``node`` spliced into SQL text: its own parts when known, else one hole."""
        v = self.value(node, at, depth + 1)
        src = compact(node_text(node))
        span = self.src.span(node)
        if isinstance(v, Known):
            if v.form == "tagged":
                return [Hole(src, False, None, span)]
            text = v.text
            if text is not None:
                return [Hole(src, True, text, span)]
            return list(v.parts)
        if v.quoted is not None:
            return [Hole(src, True, None, span, "quoted", origin=v.quoted)]
        return [Hole(src, v.safe, None, span, origin="unknown" if v.safe else self.origin(node, at))]

    def quoted_value(self, arg: "Node | None", at: "Node", depth: int) -> Opaque:
        """``escapeIdentifier(arg)``: safe SQL, and where ``arg`` comes from when it is not constant."""
        if arg is None:
            return Opaque(True)
        inner = self.value(arg, at, depth + 1)
        if (isinstance(inner, Known) and not inner.unsafe) or (isinstance(inner, Opaque) and inner.safe):
            return Opaque(True)  # a constant, or a member of an allowlist checked before
        return Opaque(True, self.origin(arg, at))

    def pg_format_value(self, args: "list[Node]", at: "Node", depth: int) -> Val:
        """pg-format's ``format(fmt, …)`` with a constant ``fmt``: its text, ``%I`` a quoted hole
        (:meth:`quoted_value`), ``%L`` a literal; other calls of the module: escaped, opaque."""
        fmt = string_value(args[0]) if args and args[0].type in ("string", "template_string") else None
        if fmt is None or "%I" not in fmt:
            return Opaque(True)
        parts: list[Part] = []
        rest = args[1:]
        pos = 0
        for m in re.finditer(r"%(%|I|L|s)", fmt):
            parts.append(fmt[pos:m.start()])
            pos = m.end()
            spec = m.group(1)
            if spec == "%":
                parts.append("%")
                continue
            arg = rest.pop(0) if rest else None
            src = compact(node_text(arg)) if arg is not None else spec
            span = self.src.span(arg) if arg is not None else None
            q = self.quoted_value(arg, at, depth) if spec == "I" else Opaque(True)
            parts.append(Hole(src, True, None, span, "quoted" if q.quoted else "literal" if spec == "L" else "expr",
                              origin=q.quoted or "unknown"))
        parts.append(fmt[pos:])
        return Known("concat", _merge(parts))

    def origin(self, node: "Node", at: "Node", depth: int = 0) -> str:
        """Where a non-constant value comes from (:attr:`Hole.origin`), looking through string
        methods (``name.trim()``), ``String(x)``, members and subscripts down to a root name."""
        n = strip(node)
        for _ in range(20):
            if _is_env(n):
                return "config"
            if n.type == "call_expression":
                fn = n.child_by_field_name("function")
                args_n = n.child_by_field_name("arguments")
                arg_nodes = [strip(a) for a in kids(args_n)] if args_n is not None else []
                if fn is not None and strip(fn).type == "identifier" and node_text(fn) == "String" and arg_nodes:
                    n = arg_nodes[0]
                    continue
                if fn is not None and strip(fn).type == "member_expression":
                    prop = strip(fn).child_by_field_name("property")
                    obj = strip(fn).child_by_field_name("object")
                    if obj is not None and prop is not None and node_text(prop) in TEXT_METHODS:
                        n = strip(obj)
                        continue
                return "unknown"
            if n.type in ("member_expression", "subscript_expression"):
                obj = n.child_by_field_name("object")
                if obj is None:
                    return "unknown"
                obj = strip(obj)
                if obj.type == "this":
                    return "config"
                if obj.type == "identifier" and node_text(obj) in EXTERNAL_NAMES:
                    return "external"
                if node_text(n).split(".")[-1] in ("query", "body", "params", "headers", "cookies") and \
                        obj.type == "identifier" and node_text(obj) in ("ctx", "context", "event"):
                    return "external"
                n = obj
                continue
            break
        if n.type == "identifier":
            if node_text(n) in EXTERNAL_NAMES:
                return "external"
            b = self.binding(node_text(n), at)
            if b is not None and b.kind == "param":
                return "param"
            if b is not None and b.kind == "const" and b.value is not None and depth < 3:
                return self.origin(b.value, at, depth + 1)  # const local = req.query.sort.trim()
        return "unknown"

    def template(self, n: "Node", at: "Node", depth: int) -> Val:
        parts: list[Part] = []
        subs = False
        for c in n.named_children:
            if c.type == "string_fragment":
                parts.append(node_text(c))
            elif c.type == "escape_sequence":
                parts.append(string_value_of_escape(c))
            elif c.type == "template_substitution":
                subs = True
                e = first_kid(c)
                if e is not None:
                    parts.extend(self.hole_parts(e, at, depth))
        return Known("template" if subs else "literal", _merge(parts))

    def concat(self, n: "Node", at: "Node", depth: int) -> Val:
        operands: list["Node"] = []
        node = n
        while node.type == "binary_expression":
            op = node.child_by_field_name("operator")
            left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
            if op is None or node_text(op) != "+" or left is None or right is None:
                break
            operands.append(right)
            node = strip(left)
        operands.append(node)
        operands.reverse()
        parts: list[Part] = []
        for o in operands:
            s = strip(o)
            if s.type == "string" or (s.type == "template_string" and string_value(s) is not None):
                parts.append(string_value(s) or "")
            elif s.type == "template_string":
                v = self.template(s, at, depth + 1)
                parts.extend(v.parts if isinstance(v, Known) else [])
            else:
                parts.extend(self.hole_parts(s, at, depth))
        merged = _merge(parts)
        return Known("concat" if any(isinstance(p, Hole) for p in merged) else "literal", merged)

    def identifier_value(self, n: "Node", at: "Node", depth: int) -> Val:
        name = node_text(n)
        if name == "undefined":
            return Opaque(False)
        if self.allowlisted(name, n):
            return Opaque(True)  # checked against a fixed set before this point: one of its members
        b = self.binding(name, n)
        if b is not None and b.kind == "param" and (_typed_number(b.node) or _typed_choice(b.node)):
            return Opaque(True)
        if b is None or b.kind not in ("const", "let", "var"):
            return Opaque(False)
        key = b.node.id
        if key in self._in_progress:
            return Opaque(False)
        self._in_progress.add(key)
        try:
            return self.variable_value(b, name, at, depth)
        finally:
            self._in_progress.discard(key)

    def allowlisted(self, name: str, node: "Node") -> bool:
        """Whether an allowlist guard of ``name`` (:func:`_exit_unless_member`) runs on every path
        before ``node``: a statement of a block that holds ``node``, ended before it, in the same
        function. The guards are found in one walk of the file; a name without one costs a lookup."""
        if self._guards is None:
            self._guards = {}
            for stmt in if_statements(self.src.dialect, self.src.root):  # a query: the walk runs in C
                guarded = _guarded_name(stmt)
                if guarded is not None:
                    self._guards.setdefault(guarded, []).append(stmt)
        for guard in self._guards.get(name, ()):
            block = guard.parent
            if (block is None or guard.end_byte > node.start_byte or not
                    (block.start_byte <= node.start_byte and node.end_byte <= block.end_byte)):
                continue
            if _allowlisted(name, node):
                return True
        return False

    def variable_value(self, b: Binding, name: str, at: "Node", depth: int) -> Val:
        current: Val | None = self.value(b.value, at, depth + 1) if b.value is not None else None
        if b.kind == "const":
            return current if current is not None else Opaque(False)
        owner = b.scope
        for assign in self.assignments(name, b, owner):
            if assign.start_byte >= at.start_byte and not _contains(assign, at):
                continue  # after the use
            if _contains(assign, at):
                continue
            right = assign.child_by_field_name("right")
            op = assign.child_by_field_name("operator")
            if right is None:
                continue
            conditional = self.is_conditional(assign, at)
            if assign.type == "augmented_assignment_expression":
                if op is None or node_text(op) != "+=":
                    return Opaque(False)
                piece = self.hole_parts(right, at, depth)
                base: list[Part] = list(current.parts) if isinstance(current, Known) else (
                    [] if current is None else [Hole(name, current.safe, None)])
                if conditional:
                    base.append(Hole(CONDITIONAL_HOLE, True, None, self.src.span(assign)))
                merged = _merge(base + piece)
                current = Known("concat" if any(isinstance(p, Hole) for p in merged) else "literal", merged)
            else:
                new = self.value(right, at, depth + 1)
                current = new if (current is None or not conditional) else self.either(current, new)
        return current if current is not None else Opaque(False)

    def assignments(self, name: str, b: Binding, owner: "Node") -> list["Node"]:
        out: list["Node"] = []
        for node in _walk(owner, into_functions=True):
            if node.type not in ("assignment_expression", "augmented_assignment_expression"):
                continue
            left = node.child_by_field_name("left")
            if left is None or strip(left).type != "identifier" or node_text(strip(left)) != name:
                continue
            found = self.binding(name, node)
            if found is not None and found.node.id == b.node.id:
                out.append(node)
        return out

    def is_conditional(self, node: "Node", at: "Node") -> bool:
        """``node`` may run a different number of times than ``at`` (a branch, loop or callback between them)."""
        above = {a.id for a in _ancestors(at)}
        for a in _ancestors(node):
            if a.id in above:
                return False
            if a.type in CONDITIONAL_NODES or a.type in FUNCTION_NODES:
                if a.type == "binary_expression":
                    op = a.child_by_field_name("operator")
                    if op is None or node_text(op) not in ("&&", "||", "??"):
                        continue
                return True
        return False

    def member_value(self, n: "Node", at: "Node", depth: int) -> Val:
        obj = n.child_by_field_name("object")
        prop = n.child_by_field_name("property")
        if obj is None or prop is None:
            return Opaque(False)
        obj = strip(obj)
        if node_text(prop) == "length":
            return Opaque(True)
        if obj.type == "identifier":
            lit = self.object_literal(obj, at, depth + 1)
            if lit is not None:
                v = _pair_value(lit, node_text(prop))
                if v is not None:
                    return self.value(v, at, depth + 1)
        return Opaque(False)

    def call_value(self, n: "Node", at: "Node", depth: int) -> Val:
        fn = n.child_by_field_name("function")
        args_n = n.child_by_field_name("arguments")
        if fn is None:
            return Opaque(False)
        fn = strip(fn)
        if args_n is not None and args_n.type == "template_string":
            return self.tagged_value(fn, args_n, at, depth)
        arg_nodes = [strip(a) for a in kids(args_n)] if args_n is not None else []
        dotted_name = _dotted(fn)
        if dotted_name in NUMERIC_FUNCTIONS:
            return Opaque(True)
        formatter = dotted_name.rsplit(".", 2)[-2:] if dotted_name is not None else []
        if len(formatter) == 2 and tuple(formatter) in ESCAPING_FORMATTERS:
            if formatter[1] != "format":  # pgp.as.name(x), pgp.helpers.insert(rows, cs): escaped
                return Opaque(True)
            text = self.value(arg_nodes[0], at, depth + 1) if arg_nodes else Opaque(False)
            if not isinstance(text, Known) or len(arg_nodes) < 2:
                return text
            # pgp.as.format(text, values): escaped, except where a :raw/:value modifier splices
            shaped = modified_shape(
                SqlShape("literal", text.parts), arg_nodes[1], at,
                lambda v, a: self.array_literal(v, a, depth + 1) or self.object_literal(v, a, depth + 1),
                lambda v, a: self.hole_parts(v, a, depth + 1))
            if shaped.form == "modifier":
                return Known("modifier", shaped.parts)
            # its placeholders are filled in, escaped: the text is safe unless it was built
            return text if text.unsafe else Opaque(True)
        if dotted_name == "String" and len(arg_nodes) == 1:
            inner = self.value(arg_nodes[0], at, depth + 1)
            return inner
        root = _root_identifier(fn)
        if root is not None and self.import_module(node_text(root), n) in ESCAPING_MODULES:
            return self.pg_format_value(arg_nodes, at, depth)
        if fn.type == "member_expression":
            prop_n = fn.child_by_field_name("property")
            obj = fn.child_by_field_name("object")
            prop = node_text(prop_n) if prop_n is not None else ""
            if prop == "escapeIdentifier" and len(arg_nodes) == 1:
                return self.quoted_value(arg_nodes[0], at, depth)
            if prop in ESCAPING_FUNCTIONS:
                return Opaque(True)
            if obj is not None and prop in STRING_NOOP_METHODS:
                inner = self.value(obj, at, depth + 1)
                return inner
            if obj is not None and prop == "join":
                return self.join_value(strip(obj), arg_nodes, at, depth)
            if prop in ("toFixed",):
                return Opaque(True)
            return Opaque(False)
        if fn.type == "identifier":
            if node_text(fn) == "escapeIdentifier" and len(arg_nodes) == 1:
                return self.quoted_value(arg_nodes[0], at, depth)
            if node_text(fn) in ESCAPING_FUNCTIONS:
                return Opaque(True)
            return self.helper_value(fn, at, depth, arg_nodes)
        return Opaque(False)

    def tagged_parts(self, template: "Node") -> list[Part]:
        """A parameterising tagged template's text, each substitution a placeholder hole."""
        parts: list[Part] = []
        for c in template.named_children:
            if c.type == "string_fragment":
                parts.append(node_text(c))
            elif c.type == "escape_sequence":
                parts.append(string_value_of_escape(c))
            elif c.type == "template_substitution":
                e = first_kid(c)
                parts.append(Hole(compact(node_text(e) if e is not None else ""), False, None,
                                  self.src.span(e if e is not None else c), "placeholder"))
        return parts

    def tagged_value(self, tag: "Node", template: "Node", at: "Node", depth: int) -> Val:
        module = self.tag_module(tag, at)
        if module is not None and module in PARAMETERISING_TAG_MODULES:
            return Known("tagged", _merge(self.tagged_parts(template)))
        text = string_value(template)
        if text is not None:  # dedent`…`, String.raw`…` without holes: the text itself
            return Known("literal", (text,))
        if _dotted(tag) == "String.raw":
            return self.template(template, at, depth)
        return Opaque(False)

    def tag_module(self, tag: "Node", at: "Node") -> str | None:
        """The module a tag comes from: imported directly, or made by a call of an imported factory."""
        root = _root_identifier(tag)
        if root is None:
            return None
        name = node_text(root)
        module = self.import_module(name, at)
        if module is not None:
            return module
        b = self.binding(name, at)
        if b is not None and b.kind == "const" and b.value is not None:
            init = strip(b.value)
            if init.type == "await_expression":
                inner = first_kid(init)
                init = strip(inner) if inner is not None else init
            if init.type in ("call_expression", "new_expression"):
                callee = init.child_by_field_name("function") or init.child_by_field_name("constructor")
                croot = _root_identifier(strip(callee)) if callee is not None else None
                if croot is not None:
                    return self.import_module(node_text(croot), init)
        return None

    def import_module(self, name: str, at: "Node") -> str | None:
        """The module ``name`` is imported from (at module level and not shadowed)."""
        module = self._imports.get(name)
        b = self.binding(name, at)
        if module is None:
            # compiled CommonJS: `const m = __importDefault(require("m"))`
            if b is None or b.value is None or b.kind not in ("const", "let", "var"):
                return None
            init = strip(b.value)
            if init.type == "call_expression":
                args = init.child_by_field_name("arguments")
                inner = first_kid(args) if args is not None else None
                callee = init.child_by_field_name("function")
                if inner is not None and callee is not None and node_text(callee).endswith(
                        ("__importDefault", "__importStar", "_interopRequireDefault")):
                    init = strip(inner)
                if init.type == "call_expression":
                    fn = init.child_by_field_name("function")
                    args = init.child_by_field_name("arguments")
                    spec = first_kid(args) if args is not None else None
                    if fn is not None and node_text(fn) == "require" and spec is not None:
                        return string_value(spec)
            return None
        if b is not None and b.kind != "import" and b.scope.type != "program":
            return None
        return module

    def join_value(self, obj: "Node", arg_nodes: list["Node"], at: "Node", depth: int) -> Val:
        arr = self.array_literal(obj, at, depth + 1)
        if arr is None:
            return Opaque(False)
        sep = ","
        if arg_nodes:
            sv = self.value(arg_nodes[0], at, depth + 1)
            if not isinstance(sv, Known) or sv.text is None:
                return Opaque(False)
            sep = sv.text
        texts: list[str] = []
        for e in kids(arr):
            ev = self.value(e, at, depth + 1)
            if not isinstance(ev, Known) or ev.text is None:
                return Opaque(False)
            texts.append(ev.text)
        return Known("literal", (sep.join(texts),))

    def helper_value(self, fn: "Node", at: "Node", depth: int, arg_nodes: list["Node"] | None = None) -> Val:
        """A same-module helper whose every ``return`` is constant SQL text, or a builder with one
        ``return`` of text built from its parameters (``const build = (t) => `… ${t}`;``): the call
        is that text with each parameter's hole replaced by the argument passed (``arg_nodes``)."""
        b = self.binding(node_text(fn), fn)
        if b is None:
            return Opaque(False)
        func: "Node | None" = None
        if b.kind == "function":
            func = b.node
        elif b.kind == "const" and b.value is not None and strip(b.value).type in FUNCTION_LITERALS:
            func = strip(b.value)
        if func is None or func.id in self._in_progress:
            return Opaque(False)
        body = func.child_by_field_name("body")
        if body is None:
            return Opaque(False)
        self._in_progress.add(func.id)
        try:
            returns: list["Node | None"]
            if body.type != "statement_block":
                returns = [body]
            else:
                returns = [first_kid(r) for r in _walk(body) if r.type == "return_statement"]
            results: list[Val] = []
            for r in returns:
                if r is None:
                    return Opaque(False)
                results.append(self.value(r, r, depth + 1))
        finally:
            self._in_progress.discard(func.id)
        if not results:
            return Opaque(False)
        if len(results) == 1 and isinstance(results[0], Known) and results[0].unsafe and arg_nodes is not None:
            return self._bound_builder(func, results[0], arg_nodes, depth)
        texts = {v.text if isinstance(v, Known) else None for v in results}
        if len(texts) == 1 and None not in texts and isinstance(results[0], Known):
            return Known("literal", (results[0].text or "",))
        return Opaque(all(isinstance(v, Known) and not v.unsafe or (isinstance(v, Opaque) and v.safe)
                          for v in results))

    def _bound_builder(self, func: "Node", built: Known, arg_nodes: list["Node"], depth: int) -> Known:
        """``built`` (a builder's returned text) with every hole that is one of ``func``'s plain
        parameters replaced by what the caller passes for it (a missing argument: a constant)."""
        index: dict[str, int] = {}
        for i, p in enumerate(_params_of(func)):
            p = strip(p)
            if p.type == "identifier":
                index[node_text(p)] = i
            elif p.type in ("required_parameter", "optional_parameter"):
                pat = p.child_by_field_name("pattern")
                if pat is not None and pat.type == "identifier":
                    index[node_text(pat)] = i
        parts: list[Part] = []
        for part in built.parts:
            if isinstance(part, Hole) and not part.constant and part.origin == "param" and part.source in index:
                i = index[part.source]
                if i < len(arg_nodes):
                    parts.extend(self.hole_parts(arg_nodes[i], arg_nodes[i], depth + 1))
                else:
                    parts.append(Hole(part.source, True, "", part.span))
                continue
            parts.append(part)
        return Known(built.form, tuple(parts))

    # -- constant objects and arrays ---------------------------------------------
    def object_literal(self, node: "Node", at: "Node", depth: int) -> "Node | None":
        return self._literal_of(node, at, depth, "object")

    def array_literal(self, node: "Node", at: "Node", depth: int) -> "Node | None":
        return self._literal_of(node, at, depth, "array")

    def _literal_of(self, node: "Node", at: "Node", depth: int, kind: str) -> "Node | None":
        """``node`` itself, or the initialiser of the ``const`` it names, when that is a ``kind`` literal."""
        n = strip(node)
        for _ in range(MAX_DEPTH - min(depth, MAX_DEPTH)):
            if n.type == kind:
                return n
            if n.type not in ("identifier", "shorthand_property_identifier"):
                return None
            b = self.binding(node_text(n), n)
            if b is None or b.kind != "const" or b.value is None:
                return None
            n = strip(b.value)
        return None

    # -- parameters ---------------------------------------------------------------
    def params(self, node: "Node", at: "Node") -> Params | None:
        n = strip(node)
        span = self.src.span(n)
        if n.type in ("undefined", "null") or (n.type == "identifier" and node_text(n) == "undefined"):
            return None
        if n.type == "array":
            return self._array_params(n, span)
        if n.type in ("identifier", "shorthand_property_identifier"):
            b = self.binding(node_text(n), n)
            if b is not None and b.kind in ("const", "let", "var") and b.value is not None \
                    and strip(b.value).type == "array" and not self.mutated(node_text(n), b, at):
                return self._array_params(strip(b.value), span)
        return Params("unknown", None, None, span)

    @staticmethod
    def _array_params(arr: "Node", span: Span) -> Params:
        elems = list(kids(arr))
        if any(e.type == "spread_element" for e in elems):
            return Params("sequence", None, None, span)
        return Params("sequence", len(elems), None, span)

    def mutated(self, name: str, b: Binding, at: "Node") -> bool:
        """The array named ``name`` may change length (or be replaced) somewhere in its scope."""
        for node in _walk(b.scope, into_functions=True):
            if node.type != "identifier" or node_text(node) != name or node.id == b.node.id:
                continue
            parent = node.parent
            if parent is None:
                continue
            if parent.type in ("assignment_expression", "augmented_assignment_expression") \
                    and parent.child_by_field_name("left") == node:
                return True
            if parent.type == "member_expression" and parent.child_by_field_name("object") == node:
                prop = parent.child_by_field_name("property")
                if prop is not None and node_text(prop) in MUTATING_ARRAY_METHODS:
                    return True
            if parent.type == "arguments" and parent.parent is not None and parent.parent.id != at.id:
                found = self.binding(name, node)
                if found is not None and found.node.id == b.node.id:
                    return True  # handed to another function, which may push to it
        return False

    # -- what happens to the promise --------------------------------------------------
    def handled(self, call: "Node") -> str:
        fn = call.child_by_field_name("function")
        if fn is not None and fn.type == "await_expression":  # TS `await x.query<T>(…)`
            return "awaited"
        node = call
        while True:
            parent = node.parent
            if parent is None:
                return "floating"
            t = parent.type
            if t in ("parenthesized_expression", "as_expression", "satisfies_expression",
                     "non_null_expression", "type_assertion", "spread_element"):
                node = parent
                continue
            if t == "await_expression":
                return "awaited"
            if t in ("return_statement", "yield_expression"):
                return "returned"
            if t == "arrow_function":
                return "returned"  # an expression body
            if t == "expression_statement":
                return "floating"
            if t == "sequence_expression":
                last = None
                for c in kids(parent):
                    last = c
                if last is None or last.id != node.id:
                    return "floating"
                node = parent
                continue
            if t == "ternary_expression":
                cond = parent.child_by_field_name("condition")
                if cond is not None and cond.id == node.id:
                    return "passed"
                node = parent
                continue
            if t == "binary_expression":
                op = parent.child_by_field_name("operator")
                if op is not None and node_text(op) in ("&&", "||", "??"):
                    node = parent
                    continue
                return "passed"
            if t == "member_expression":
                prop = parent.child_by_field_name("property")
                if prop is not None and node_text(prop) in ("then", "catch", "finally"):
                    return self._chained(parent, node_text(prop))
                return "passed"
            if t == "unary_expression":
                op = parent.child_by_field_name("operator")
                return "passed" if op is not None and node_text(op) == "void" else "floating"
            if t in ("arguments", "array", "pair", "object", "template_substitution"):
                if t in ("array", "pair", "object"):
                    node = parent
                    outer = self._container_use(node)
                    if outer is not None:
                        return outer
                return "passed"
            if t == "variable_declarator":
                name = parent.child_by_field_name("name")
                if name is not None and name.type == "identifier":
                    return "stored" if self.used_later(node_text(name), parent) else "floating"
                return "stored"
            if t in ("assignment_expression", "augmented_assignment_expression"):
                left = parent.child_by_field_name("left")
                if left is not None and strip(left).type == "identifier":
                    return "stored" if self.used_later(node_text(strip(left)), parent) else "floating"
                return "stored"
            return "passed"

    def _chained(self, member: "Node", method: str) -> str:
        """A promise given ``.then`` / ``.catch`` / ``.finally``: handled when the chain has a
        rejection handler (``.catch(f)``, ``.then(f, g)``) or the chain's last promise is itself
        awaited, returned, stored or passed on; ``.then(f)`` and ``.finally(f)`` alone let a
        rejection through, so a chain of those left as a statement is floating."""
        call = member.parent
        if call is None or call.type != "call_expression" or call.child_by_field_name("function") != member:
            return "chained"
        args = call.child_by_field_name("arguments")
        count = sum(1 for c in kids(args) if c.is_named and c.type != "comment") if args is not None else 0
        if method == "catch" or (method == "then" and count >= 2):
            return "chained"
        return "floating" if self.handled(call) == "floating" else "chained"

    def _container_use(self, node: "Node") -> str | None:
        """An array/object holding the promise: floating when the literal itself is a bare statement."""
        while node.parent is not None and node.parent.type in ("array", "pair", "object",
                                                                 "parenthesized_expression"):
            node = node.parent
        parent = node.parent
        if parent is not None and parent.type == "expression_statement":
            return "floating"
        return None

    def used_later(self, name: str, decl: "Node") -> bool:
        """``name`` (declared or assigned at ``decl``) is read anywhere in its scope besides there."""
        b = self.binding(name, decl)
        scope = b.scope if b is not None else (_function_of(decl) or self.src.root)
        for node in _walk(scope, into_functions=True):
            if node.type in ("identifier", "shorthand_property_identifier") and node_text(node) == name \
                    and not _contains(decl, node):
                parent = node.parent
                if parent is not None and parent.type == "assignment_expression" \
                        and parent.child_by_field_name("left") == node:
                    continue
                if parent is not None and parent.type == "variable_declarator" \
                        and parent.child_by_field_name("name") == node:
                    continue  # `let pending;`: declared, not read
                return True
        return False

    # -- loops ------------------------------------------------------------------------
    def loop_of(self, call: "Node") -> tuple[Span | None, str, bool, tuple[str, ...], str]:
        """The innermost loop whose every iteration runs ``call``, its kind, whether it paginates,
        the names each iteration binds and what the loop iterates
        (``"attribute"``: the object's own ``this.x``; ``""``: anything else).

        A ``map`` whose promises all go to ``Promise.all``/``allSettled``/``any``/``race`` (directly
        or through a variable) is a concurrent fan-out, not a loop: the walk goes on above it (an
        outer loop still counts). A ``reduce`` callback that chains on its accumulator
        (``acc.then(() => …)``, ``await acc``) runs one element after the other: a loop.

        A fan-out with no loop around it comes back as kind ``"fan-out"`` (several queries, run
        concurrently: what PG401 counts as more than one query, and PG403 does not report)."""
        through_then = False
        none: tuple[Span | None, str, bool, tuple[str, ...], str] = (None, "", False, (), "")
        for a in _ancestors(call):
            t = a.type
            if t in FUNCTION_NODES:
                kind = self._iteration_callback(a)
                if kind == "map" and self._fanned_out(a):
                    if none[0] is None:
                        member = a.parent.parent if a.parent and a.parent.parent else a
                        none = (self.src.span(member), "fan-out", False, (), "")
                    continue
                if kind == "reduce":
                    if not self._sequential_reduce(a):
                        return none
                elif kind is None:
                    if not through_then and self._then_callback(a):
                        through_then = True  # `acc.then(() => query)` inside a reduce callback?
                        continue
                    return none
                elif through_then:
                    return none
                params = _params_of(a)
                bound = params[1:2] if kind == "reduce" else params[:1]
                bound_names = tuple(node_text(n) for p in bound for n in pattern_names(p))
                member = a.parent.parent if a.parent and a.parent.parent else a
                callee = member.child_by_field_name("function") if member.type == "call_expression" else None
                receiver = strip(callee).child_by_field_name("object") \
                    if callee is not None and strip(callee).type == "member_expression" else None
                return (self.src.span(member), kind, False, bound_names,
                        _iterated_origin(receiver) if receiver is not None else "")
            if through_then:
                continue
            if t in LOOP_NODES:
                body = a.child_by_field_name("body")
                in_body = body is not None and _contains(body, call)
                if t == "while_statement" or t == "do_statement":
                    cond = a.child_by_field_name("condition")
                    in_body = in_body or (cond is not None and _contains(cond, call))
                if t == "for_statement":
                    inc = a.child_by_field_name("increment")
                    in_body = in_body or (inc is not None and _contains(inc, call))
                if in_body:
                    if self._runs_once(call, a) or self._fixed_handful(a):
                        continue
                    kind = {"for_statement": "for", "while_statement": "while", "do_statement": "do"}.get(t)
                    names: tuple[str, ...] = ()
                    over = ""
                    if kind is None:
                        op = a.child_by_field_name("operator")
                        kind = "for-in" if op is not None and node_text(op) == "in" else "for-of"
                        names = tuple(node_text(n) for n in pattern_names(a.child_by_field_name("left")))
                        right = a.child_by_field_name("right")
                        over = _iterated_origin(right) if right is not None else ""
                    return self.src.span(a), kind, self.paginates(call, a), names, over
        return none

    @staticmethod
    def _then_callback(fn: "Node") -> bool:
        """``fn`` is the callback of ``x.then(fn)``."""
        parent = fn.parent
        call = parent.parent if parent is not None and parent.type == "arguments" else None
        callee = call.child_by_field_name("function") if call is not None else None
        if callee is None or strip(callee).type != "member_expression":
            return False
        prop = strip(callee).child_by_field_name("property")
        return prop is not None and node_text(prop) == "then"

    @staticmethod
    def _sequential_reduce(fn: "Node") -> bool:
        """A ``reduce`` callback that waits for its accumulator before going on: ``acc.then(…)`` or
        ``await acc`` in its body — one element after the other, like a ``for`` loop."""
        params = _params_of(fn)
        if not params:
            return False
        names = {node_text(n) for n in pattern_names(params[0])}
        body = fn.child_by_field_name("body")
        if body is None:
            return False
        for n in [body, *_walk(body)]:
            if n.type == "await_expression" and n.named_children \
                    and node_text(strip(n.named_children[0])) in names:
                return True
            if n.type == "member_expression":
                obj = n.child_by_field_name("object")
                prop = n.child_by_field_name("property")
                if obj is not None and prop is not None and node_text(strip(obj)) in names \
                        and node_text(prop) == "then":
                    return True
        return False

    def _fanned_out(self, fn: "Node") -> bool:
        """``fn`` is the callback of ``xs.map(fn)`` whose array of promises goes, whole, to
        ``Promise.all``/``allSettled``/``any``/``race``: directly, or through a ``const``
        that is then passed to one of them (a concurrent fan-out)."""
        map_call = fn.parent.parent if fn.parent is not None else None
        if map_call is None:
            return False
        node = map_call
        while node.parent is not None and node.parent.type in ("parenthesized_expression", "as_expression",
                                                                "non_null_expression"):
            node = node.parent
        parent = node.parent
        if parent is not None and parent.type == "arguments":
            return _is_promise_combinator(parent.parent)
        if parent is not None and parent.type == "variable_declarator":
            target = parent.child_by_field_name("name")
            scope = _function_of(parent) or self.src.root
            if target is None or target.type != "identifier":
                return False
            name = node_text(target)
            uses = [n for n in _walk(scope) if n.type == "identifier" and node_text(n) == name
                    and n.id != target.id]
            return bool(uses) and all(
                u.parent is not None and u.parent.type == "arguments" and _is_promise_combinator(u.parent.parent)
                for u in uses)
        return False

    def _fixed_handful(self, loop: "Node") -> bool:
        """``for (const x of [...])`` over an array of at most :data:`FIXED_HANDFUL` literals written in
        the header, or over a module-level ``const`` bound to one that the file never grows
        (``X.push(…)``): a fixed, small number of iterations, not a loop over rows."""
        if loop.type != "for_in_statement":
            return False
        op = loop.child_by_field_name("operator")
        right = loop.child_by_field_name("right")
        if op is None or node_text(op) != "of" or right is None:
            return False
        right = strip(right)
        if right.type == "array":
            return _constant_array(right)
        if right.type != "identifier":
            return False
        name = node_text(right)
        root = loop
        while root.parent is not None:
            root = root.parent
        top = [k.child_by_field_name("declaration") or k if k.type == "export_statement" else k for k in kids(root)]
        declared = [d for d in top if d.type == "lexical_declaration" and node_text(d).startswith("const")]
        for decl in declared:
            for declarator in kids(decl):
                if declarator.type != "variable_declarator":
                    continue
                target = declarator.child_by_field_name("name")
                value = declarator.child_by_field_name("value")
                if target is not None and node_text(target) == name and value is not None:
                    value = strip(value)
                    if value.type in ("as_expression", "satisfies_expression") and value.named_children:
                        value = strip(value.named_children[0])  # `[…] as const`
                    if value.type != "array" or not _constant_array(value):
                        return False
                    text = self.src.source
                    grows = any(f"{name}.{m}(".encode() in text for m in ("push", "unshift", "splice"))
                    return not grows
        return False

    @staticmethod
    def _iteration_callback(fn: "Node") -> str | None:
        """``arr.forEach(fn)`` / ``arr.map(fn)``: the kind of loop ``fn`` is the body of."""
        parent = fn.parent
        if parent is None or parent.type != "arguments":
            return None
        call = parent.parent
        if call is None or call.type != "call_expression":
            return None
        callee = call.child_by_field_name("function")
        if callee is None or strip(callee).type != "member_expression":
            return None
        prop = strip(callee).child_by_field_name("property")
        return ITERATION_METHODS.get(node_text(prop)) if prop is not None else None

    @staticmethod
    def _runs_once(call: "Node", loop: "Node") -> bool:
        """A ``break``/``return``/``throw`` follows the query unconditionally in the same block: a retry
        or first-match loop, not one query per iteration."""
        node = call
        for a in _ancestors(call):
            if a.id == loop.id:
                return False
            if a.type == "statement_block":
                after = False
                for stmt in kids(a):
                    if after and stmt.type in ("break_statement", "return_statement", "throw_statement"):
                        return True
                    if _contains(stmt, node):
                        after = True
            node = a
        return False

    def paginates(self, call: "Node", loop: "Node") -> bool:
        """The loop's continuation depends on the query's result (keyset/offset/cursor paging,
        batch-until-empty): the loop condition, a break/return test or the next query's arguments
        read a name bound from the result."""
        names = self.result_names(call)
        if not names:
            return False
        body = loop.child_by_field_name("body")
        if body is None:
            return False
        # names derived from the result: `last = rows[rows.length - 1].id`
        for _ in range(3):
            grown = False
            for node in _walk(body):
                if node.type == "variable_declarator":
                    value = node.child_by_field_name("value")
                    target = node.child_by_field_name("name")
                elif node.type in ("assignment_expression", "augmented_assignment_expression"):
                    value = node.child_by_field_name("right")
                    target = node.child_by_field_name("left")
                else:
                    continue
                if value is None or target is None or not _mentions(value, names):
                    continue
                for ident in pattern_names(strip(target)) or [strip(target)]:
                    nm = node_text(ident)
                    if strip(target).type == "member_expression":
                        nm = node_text(strip(target))
                    if nm not in names:
                        names.add(nm)
                        grown = True
            if not grown:
                break
        for field in ("condition", "increment"):
            part = loop.child_by_field_name(field)
            if part is not None and _mentions(part, names):
                return True
        for node in _walk(body):
            if node.type == "if_statement":
                cond = node.child_by_field_name("condition")
                cons = node.child_by_field_name("consequence")
                if cond is not None and cons is not None and _mentions(cond, names) and _exits(cons):
                    return True
            elif node.type == "ternary_expression" or node.type == "while_statement":
                continue
        args = call.child_by_field_name("arguments")
        return args is not None and _mentions(args, names)

    def result_names(self, call: "Node") -> set[str]:
        node = call
        while node.parent is not None and node.parent.type in ("await_expression", "parenthesized_expression",
                                                                "as_expression", "non_null_expression"):
            node = node.parent
        parent = node.parent
        if parent is None:
            return set()
        target: "Node | None" = None
        if parent.type == "variable_declarator":
            target = parent.child_by_field_name("name")
        elif parent.type == "assignment_expression":
            target = parent.child_by_field_name("left")
        if target is None:
            return set()
        target = strip(target)
        if target.type == "member_expression":
            return {node_text(target)}
        return {node_text(i) for i in pattern_names(target)}

    # -- connection options ------------------------------------------------------------
    def flatten(self, obj: "Node", prefix: str, out: list[tuple[str, OptionValue]], depth: int) -> None:
        if depth > 4:
            return
        for p in kids(obj):
            if p.type == "spread_element":
                inner = first_kid(p)
                lit = self.object_literal(inner, p, depth) if inner is not None else None
                if lit is not None:
                    self.flatten(lit, prefix, out, depth + 1)
                continue
            if p.type == "shorthand_property_identifier":
                key = node_text(p)
                value: "Node | None" = p
            elif p.type == "pair":
                k = p.child_by_field_name("key")
                value = p.child_by_field_name("value")
                if k is None or value is None:
                    continue
                key = self.property_key(k) or ""
            else:
                continue
            if value is None or not key:
                continue
            self.flatten_pair(key, value, prefix, out, depth)

    def flatten_pair(self, key: str, value: "Node", prefix: str, out: list[tuple[str, OptionValue]],
                     depth: int) -> None:
        """One option ``key: value`` (an object value flattened to ``key.inner`` options)."""
        path = f"{prefix}{key}"
        for v in _branches(strip(value)):
            lit = self.object_literal(v, value, depth) if v.type in ("object", "identifier",
                                                                  "shorthand_property_identifier") else None
            if lit is not None:
                self.flatten(lit, path + ".", out, depth + 1)
                continue
            out.append((path, self.option_value(v)))

    def assembled_object(self, node: "Node", at: "Node") -> "tuple[Node, list[tuple[str, Node]]] | None":
        """An options object assembled in steps: ``node`` names a ``const``/``let`` initialised to an
        object literal, and the statements between that declaration and the statement holding ``at``
        (in the same block) set properties on it: ``cfg.password = …``, ``cfg['ssl'] = …``,
        ``Object.assign(cfg, { … })``.  Returns the literal and the ``(key, value)`` pairs written,
        in order; ``None`` when ``node`` is no such name or a ``let`` is reassigned in its scope."""
        n = strip(node)
        if n.type != "identifier":
            return None
        name = node_text(n)
        b = self.binding(name, n)
        if b is None or b.kind not in ("const", "let") or b.value is None or strip(b.value).type != "object":
            return None
        decl = b.node.parent
        block = decl.parent if decl is not None else None
        if decl is None or block is None:
            return None
        if b.kind == "let":
            for m in _walk(b.scope, into_functions=True):
                if m.type in ("assignment_expression", "augmented_assignment_expression"):
                    left = m.child_by_field_name("left")
                    if left is not None and left.type == "identifier" and node_text(left) == name:
                        return None
        stmt: "Node | None" = at
        while stmt is not None and (stmt.parent is None or stmt.parent.id != block.id):
            stmt = stmt.parent
        if stmt is None or stmt.start_byte <= decl.start_byte:
            return None
        pairs: list[tuple[str, "Node"]] = []
        for s in block.named_children:
            if s.start_byte <= decl.start_byte or s.start_byte >= stmt.start_byte or s.type != "expression_statement":
                continue
            e = first_kid(s)
            e = strip(e) if e is not None else None
            if e is None:
                continue
            if e.type == "assignment_expression":
                left, right = e.child_by_field_name("left"), e.child_by_field_name("right")
                if left is None or right is None:
                    continue
                key = self._member_key(left, name)
                if key:
                    pairs.append((key, right))
            elif e.type == "call_expression" and _callee_text(e) == "Object.assign":
                args = e.child_by_field_name("arguments")
                parts = [strip(a) for a in kids(args)] if args is not None else []
                if not parts or parts[0].type != "identifier" or node_text(parts[0]) != name:
                    continue
                for src in parts[1:]:
                    lit = self.object_literal(src, e, 0)
                    if lit is None:
                        continue
                    for p in kids(lit):
                        if p.type == "pair":
                            k, v = p.child_by_field_name("key"), p.child_by_field_name("value")
                            key = self.property_key(k) if k is not None else None
                            if key and v is not None:
                                pairs.append((key, v))
                        elif p.type == "shorthand_property_identifier":
                            pairs.append((node_text(p), p))
        return strip(b.value), pairs

    def _member_key(self, target: "Node", name: str) -> str | None:
        """``name.key`` or ``name['key']`` (a key pglint knows) as ``key``; ``None`` otherwise."""
        obj = target.child_by_field_name("object")
        if obj is None or obj.type != "identifier" or node_text(obj) != name:
            return None
        if target.type == "member_expression":
            prop = target.child_by_field_name("property")
            return node_text(prop) if prop is not None else None
        if target.type == "subscript_expression":
            idx = target.child_by_field_name("index")
            if idx is None:
                return None
            v = self.value(strip(idx), idx, 0)
            return v.text if isinstance(v, Known) and v.form != "tagged" and v.text else None
        return None

    def property_key(self, key: "Node") -> str | None:
        """An object literal's key as a name: ``ssl``, ``'ssl'``, and a computed key whose value
        pglint knows (``['ssl']``, ``[KEY]`` with ``const KEY = 'ssl'``); ``None`` otherwise."""
        if key.type == "computed_property_name":
            inner = first_kid(key)
            if inner is None:
                return None
            v = self.value(strip(inner), inner, 0)
            return v.text if isinstance(v, Known) and v.form != "tagged" and v.text else None
        return string_value(key) if key.type == "string" else node_text(key)

    def option_value(self, node: "Node") -> OptionValue:
        n = strip(node)
        src = compact(node_text(n))
        span = self.src.span(n)
        t = n.type
        if t in ("true", "false"):
            return OptionValue(src, True, t == "true", span)
        if t == "number":
            try:
                return OptionValue(src, True, int(node_text(n)), span)
            except ValueError:
                return OptionValue(src, False, None, span)
        if _is_env(n):
            return OptionValue(src, False, None, span, from_env=True)
        if t == "binary_expression":
            op = n.child_by_field_name("operator")
            left, right = n.child_by_field_name("left"), n.child_by_field_name("right")
            if op is not None and node_text(op) in ("||", "??") and left is not None and right is not None \
                    and _is_env(strip(left)):
                fallback = self.option_value(right)
                # the environment first, a literal default in the code: constant *and* from_env
                return OptionValue(src, fallback.constant, fallback.value, span, from_env=True)
        if t in ("identifier", "shorthand_property_identifier"):
            b = self.binding(node_text(n), n)
            if b is not None and b.kind == "const" and b.value is not None:
                inner = self.option_value(b.value)
                return OptionValue(src, inner.constant, inner.value, span, inner.from_env)
            return OptionValue(src, False, None, span)
        v = self.value(n, n, 0)
        if isinstance(v, Known) and v.form != "tagged":
            if v.text is not None:
                return OptionValue(src, True, v.text, span)
            if any(isinstance(p, str) and p for p in v.parts):
                # `postgres://app:s3cret@${host}/db`: the written parts are in the code, each unknown
                # value stands as a placeholder (as the Python frontend reads an f-string)
                text = "".join(p if isinstance(p, str) else (p.value if p.value is not None else "${pglint}")
                               for p in v.parts)
                return OptionValue(src, True, text, span)
        return OptionValue(src, False, None, span)

    # ======================================================================
    # Lexical scopes

    def binding(self, name: str, at: "Node") -> Binding | None:
        """The declaration ``name`` refers to at ``at`` (innermost enclosing scope first)."""
        scope = self._enclosing_scope(at)
        while scope is not None:
            key = (scope.id, name)
            if key in self._bindings:
                got = self._bindings[key]
            else:
                got = self._declared(scope, name)
                self._bindings[key] = got
            if got is not None:
                return got
            scope = self._enclosing_scope(scope)
        return None

    def _enclosing_scope(self, node: "Node") -> "Node | None":
        """The nearest ancestor of ``node`` that can declare names (cached for every node passed on the
        way, so resolving every operand of a 3,000-term ``+`` chain climbs the tree once, not 3,000 times)."""
        cache = self._scope_above
        climbed: list[int] = []
        found: "Node | None" = None
        p = node.parent
        cur_id = node.id
        while True:
            if cur_id in cache:
                found = cache[cur_id]
                break
            climbed.append(cur_id)
            if p is None:
                break
            if p.type in SCOPE_NODES:
                found = p
                break
            cur_id = p.id
            p = p.parent
        for nid in climbed:
            cache[nid] = found
        return found

    def _declared(self, scope: "Node", name: str) -> Binding | None:
        t = scope.type
        if t in ("statement_block", "program", "class_static_block", "switch_body"):
            hit = self._in_block(scope, name)
            if hit is not None:
                return hit
            if t == "program" or (scope.parent is not None and scope.parent.type in FUNCTION_NODES):
                return self._hoisted_var(scope, name)
            return None
        if t in FUNCTION_NODES:
            for p in _params_of(scope):
                for ident in pattern_names(p):
                    if node_text(ident) == name:
                        return Binding("param", p, scope)
            if t in ("function_expression", "function"):
                fname = scope.child_by_field_name("name")
                if fname is not None and node_text(fname) == name:
                    return Binding("function", scope, scope)
            return None
        if t == "for_statement":
            init = scope.child_by_field_name("initializer")
            if init is not None and init.type in ("lexical_declaration", "variable_declaration"):
                return self._in_declaration(init, name, scope)
            return None
        if t == "for_in_statement":
            left = scope.child_by_field_name("left")
            if left is not None and any(node_text(i) == name for i in pattern_names(left)):
                return Binding("pattern", left, scope)
            return None
        if t == "catch_clause":
            param = scope.child_by_field_name("parameter")
            if param is not None and any(node_text(i) == name for i in pattern_names(param)):
                return Binding("pattern", param, scope)
        return None

    def _in_block(self, block: "Node", name: str) -> Binding | None:
        for stmt in kids(block):
            s = stmt
            if s.type == "export_statement":
                decl = s.child_by_field_name("declaration")
                if decl is None:
                    continue
                s = decl
            if s.type in ("lexical_declaration", "variable_declaration"):
                hit = self._in_declaration(s, name, block)
                if hit is not None:
                    return hit
            elif s.type in FUNCTION_DECLARATIONS or s.type in ("class_declaration", "abstract_class_declaration"):
                fname = s.child_by_field_name("name")
                if fname is not None and node_text(fname) == name:
                    return Binding("function" if s.type in FUNCTION_DECLARATIONS else "other", s, block)
            elif s.type == "import_statement" and name in self._imports:
                if any(c.type == "identifier" and node_text(c) == name for c in _walk(s)):
                    return Binding("import", s, block)
        return None

    def _in_declaration(self, decl: "Node", name: str, scope: "Node") -> Binding | None:
        # an ASCII name can only be spelt by that many bytes: other names' text is not read
        size = len(name) if name.isascii() else -1
        for d in kids(decl):
            if d.type != "variable_declarator":
                continue
            target = d.child_by_field_name("name")
            if target is None:
                continue
            if target.type == "identifier":
                if (size < 0 or target.end_byte - target.start_byte == size) and node_text(target) == name:
                    kind_n = decl.child_by_field_name("kind")
                    kind = (node_text(kind_n) if kind_n is not None
                            else ("var" if decl.type == "variable_declaration" else "let"))
                    if kind not in ("const", "let", "var"):
                        kind = "let"
                    return Binding(kind, d, scope, d.child_by_field_name("value"))
            elif any(node_text(i) == name for i in pattern_names(target)):
                return Binding("pattern", d, scope)
        return None

    def _hoisted_var(self, body: "Node", name: str) -> Binding | None:
        """A ``var`` declared in a nested block of the function (or module) body."""
        nested = self._nested_vars.get(body.id)
        if nested is None:
            nested = self._nested_vars[body.id] = [
                node for node in _walk(body)
                if node.type == "variable_declaration" and node.parent is not None and node.parent.id != body.id]
        for node in nested:
            hit = self._in_declaration(node, name, body)
            if hit is not None:
                return hit
        return None


# ---------------------------------------------------------------------------
# Small syntactic helpers.

def string_value_of_escape(node: "Node") -> str:
    text = node_text(node)
    simple = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v", "0": "\0"}
    body = text[1:]
    if len(body) == 1:
        return simple.get(body, body)
    return ""


def tag_name(node: "Node | None") -> str:
    if node is None:
        return "query"
    n = strip(node)
    if n.type == "member_expression":
        prop = n.child_by_field_name("property")
        return node_text(prop) if prop is not None else "query"
    return node_text(n) if n.type == "identifier" else "query"


def _branches(value: "Node") -> list["Node"]:
    """The values an option may take: both arms of ``cond ? a : b`` (each one a configuration
    some run uses), a value written once otherwise. ``undefined`` / ``null`` arms set nothing."""
    if value.type != "ternary_expression":
        return [value]
    out: list["Node"] = []
    for field_name in ("consequence", "alternative"):
        arm = value.child_by_field_name(field_name)
        if arm is None:
            continue
        arm = strip(arm)
        if arm.type in ("undefined", "null") or (arm.type == "identifier" and node_text(arm) == "undefined"):
            continue
        out.extend(_branches(arm))
    return out


#: ``SET.has(x)`` / ``LIST.includes(x)``: membership tests of an allowlist.
_MEMBERSHIP_METHODS = frozenset({"has", "includes"})


def _allowlisted(name: str, node: "Node") -> bool:
    """Whether, before ``node`` in its function, an ``if`` that leaves the function unless
    ``name`` is in an allowlist (``if (!ALLOWED.has(name)) throw …`` / ``return``) runs on every
    path: the statements before the one holding ``node`` in each enclosing block."""
    child = node
    for a in _ancestors(node):
        if a.type in ("statement_block", "program"):
            for stmt in a.named_children:
                if stmt.start_byte >= child.start_byte:
                    break
                if stmt.type == "if_statement" and _exit_unless_member(stmt, name):
                    return True
        if a.type in FUNCTION_NODES:
            return False
        child = a
    return False


def _guarded_name(stmt: "Node") -> str | None:
    """The name an allowlist guard ``if`` checks (:func:`_exit_unless_member`), if it is one."""
    cond = stmt.child_by_field_name("condition")
    if cond is None:
        return None
    for n in _walk(cond):
        if n.type == "arguments":
            args = [strip(x) for x in kids(n)]
            if len(args) == 1 and args[0].type == "identifier" and _exit_unless_member(stmt, node_text(args[0])):
                return node_text(args[0])
    return None


def _exit_unless_member(stmt: "Node", name: str) -> bool:
    """``if (!LIST.includes(name)) { …; throw/return }`` (also ``LIST.indexOf(name) === -1`` / ``< 0``)."""
    cond = stmt.child_by_field_name("condition")
    body = stmt.child_by_field_name("consequence")
    if cond is None or body is None or not _ends_by_leaving(body):
        return False
    c = strip(cond)
    call: "Node | None" = None
    if c.type == "unary_expression":
        op = c.child_by_field_name("operator")
        arg = c.child_by_field_name("argument")
        if op is not None and node_text(op) == "!" and arg is not None and strip(arg).type == "call_expression":
            call = strip(arg)
            method_ok = _MEMBERSHIP_METHODS
        else:
            return False
    elif c.type == "binary_expression":
        op = c.child_by_field_name("operator")
        left, right = c.child_by_field_name("left"), c.child_by_field_name("right")
        if op is None or left is None or right is None or strip(left).type != "call_expression":
            return False
        text = node_text(op) + " " + compact(node_text(right))
        if text not in ("=== -1", "== -1", "< 0"):
            return False
        call = strip(left)
        method_ok = frozenset({"indexOf"})
    else:
        return False
    fn = call.child_by_field_name("function")
    args = call.child_by_field_name("arguments")
    if fn is None or args is None or strip(fn).type != "member_expression":
        return False
    prop = strip(fn).child_by_field_name("property")
    arg_nodes = [strip(x) for x in kids(args)]
    return (prop is not None and node_text(prop) in method_ok and len(arg_nodes) == 1
            and arg_nodes[0].type == "identifier" and node_text(arg_nodes[0]) == name)


def _ends_by_leaving(body: "Node") -> bool:
    """A statement (or block) whose last statement throws or returns."""
    last = body
    while last.type == "statement_block":
        stmts = [c for c in last.named_children if c.type != "comment"]
        if not stmts:
            return False
        last = stmts[-1]
    return last.type in ("throw_statement", "return_statement")


def _pair_value(obj: "Node", key: str) -> "Node | None":
    for p in kids(obj):
        if p.type == "pair":
            k = p.child_by_field_name("key")
            if k is None:
                continue
            if k.type == "computed_property_name":  # ['text']: a string literal key
                inner = first_kid(k)
                k = inner if inner is not None and inner.type == "string" else k
            name = string_value(k) if k.type == "string" else node_text(k)
            if name == key:
                return p.child_by_field_name("value")
        elif p.type == "shorthand_property_identifier" and node_text(p) == key:
            return p
    return None


def _typed(node: "Node") -> bool:
    """A parameter, declarator or field with a TypeScript type other than ``any``/``unknown``."""
    ann = node.child_by_field_name("type")
    if ann is None:
        return False
    return node_text(ann).lstrip(":").strip() not in ("any", "unknown")


def _ctor_name(new: "Node") -> str:
    ctor = new.child_by_field_name("constructor")
    if ctor is None:
        return ""
    c = strip(ctor)
    if c.type == "member_expression":
        prop = c.child_by_field_name("property")
        return node_text(prop) if prop is not None else ""
    return node_text(c)


def _dotted(node: "Node") -> str | None:
    n = strip(node)
    if n.type == "identifier":
        return node_text(n)
    if n.type == "member_expression":
        obj = n.child_by_field_name("object")
        prop = n.child_by_field_name("property")
        if obj is None or prop is None:
            return None
        head = _dotted(obj)
        return f"{head}.{node_text(prop)}" if head is not None else None
    return None


def _root_identifier(node: "Node") -> "Node | None":
    n = strip(node)
    while n.type in ("member_expression", "call_expression"):
        nxt = n.child_by_field_name("object") or n.child_by_field_name("function")
        if nxt is None:
            return None
        n = strip(nxt)
    return n if n.type == "identifier" else None


def _typed_number(param: "Node") -> bool:
    """A TypeScript parameter declared ``number``, ``bigint`` or ``boolean`` (``timeoutMs: number``)."""
    ann = param.child_by_field_name("type")
    if ann is None:
        return False
    inner = first_kid(ann) if ann.type == "type_annotation" else ann
    return inner is not None and node_text(inner) in ("number", "bigint", "boolean")


_LITERAL_TYPE_NODES = frozenset({"union_type", "literal_type", "string", "string_fragment", "number", "true",
                                 "false"})


def _typed_choice(param: "Node") -> bool:
    """A TypeScript parameter declared as literal types (``units: 'days' | 'weeks'``): one of fixed
    values, as the compiler checks its callers."""
    ann = param.child_by_field_name("type")
    if ann is None:
        return False
    inner = first_kid(ann) if ann.type == "type_annotation" else ann
    if inner is None or inner.type not in ("union_type", "literal_type"):
        return False
    return all(n.type in _LITERAL_TYPE_NODES for n in _walk(inner)) and inner.type in _LITERAL_TYPE_NODES


def _is_env(node: "Node") -> bool:
    """``process.env.X`` / ``process.env['X']`` / ``Deno.env.get('X')`` / ``import.meta.env.X``."""
    n = strip(node)
    if n.type in ("member_expression", "subscript_expression"):
        obj = n.child_by_field_name("object")
        return obj is not None and _dotted(obj) in ("process.env", "import.meta.env", "Bun.env")
    if n.type == "call_expression":
        fn = n.child_by_field_name("function")
        return fn is not None and _dotted(fn) == "Deno.env.get"
    return False


def _mentions(node: "Node", names: set[str]) -> bool:
    if node.type == "identifier" and node_text(node) in names:
        return True
    for n in _walk(node):
        if n.type in ("identifier", "shorthand_property_identifier") and node_text(n) in names:
            return True
        if n.type == "member_expression" and node_text(n) in names:
            return True
    return False


def _exits(node: "Node") -> bool:
    """``node`` contains a ``break`` or ``return`` (not inside a nested function or loop)."""
    if node.type in ("break_statement", "return_statement"):
        return True
    stack = [node]
    while stack:
        n = stack.pop()
        for c in n.named_children:
            if c.type in ("break_statement", "return_statement"):
                return True
            if c.type in FUNCTION_NODES or c.type in LOOP_NODES:
                continue
            stack.append(c)
    return False


__all__ = ["NoSites", "SiteRecorder"]


class NoSites(SiteRecorder):
    """Records nothing: the lowering done to compute function summaries needs only the CFGs."""

    def query_call(self, lw: "FunctionLowerer", call: "Node", recv: Value, method: Method,
                   arg_nodes: list["Node"]) -> None:
        return None

    def unknown_query_call(self, lw: "FunctionLowerer", call: "Node", obj: "Node", arg_nodes: list["Node"]) -> None:
        return None

    def misnamed_query_call(self, lw: "FunctionLowerer", call: "Node", recv: Value, method: Method,
                            arg_nodes: list["Node"]) -> None:
        return None

    def tagged_call(self, lw: "FunctionLowerer", call: "Node", tag: "Node") -> None:
        return None

    def connect_call(self, lw: "FunctionLowerer", call: "Node", made: Value, api: str) -> None:
        return None
