"""Language-neutral facts about query calls and connection options, for the pattern rules.

Frontends record, beside the CFGs, one :class:`QuerySite` per call of a driver
query method (``client.query``, ``cur.execute``, ``conn.fetch`` …) and one
:class:`ConnectSite` per pool/connection construction. The SQL argument is
described by its *shape* (:class:`SqlShape`): the literal pieces and the holes
between them, each hole knowing whether its value is constant. The SQL rules
(PG105, PG106, PG201–PG204, PG401–PG403) and the TLS/credential rules
(PG301, PG302) read only these records.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, Union

from .cfg import Span

ShapeForm = Literal[
    "literal",  # a string literal or a constant
    "concat",  # "a" + x
    "template",  # JS template literal with substitutions
    "fstring",  # Python f-string
    "percent",  # "..." % x
    "format",  # "...".format(x)
    "composed",  # psycopg sql.SQL(...).format(...) / sql.Composed
    "tagged",  # a tagged template of a library that parameterises (sql`...`)
    "tstring",  # Python 3.14 t-string (psycopg parameterises it)
    "modifier",  # pg-promise text whose `$1:raw` / `${name^}` / `:value` placeholders splice values in
    "unknown",  # a value whose text pglint cannot see
]


@dataclass(frozen=True, slots=True)
class Hole:
    """A value spliced into SQL text."""

    source: str  # the expression as written, shortened
    constant: bool  # a literal, a module constant, sql.Identifier/Literal/Placeholder …
    value: str | None = None  # its SQL text when known (constants)
    span: Span | None = None
    kind: str = "expr"  # "expr", "identifier" (sql.Identifier), "literal" (sql.Literal), "placeholder"
    # Where a non-constant value comes from (PG201 weighs it against the hole's position):
    # "param" (a parameter of the enclosing function), "config" (an attribute of the object,
    # ``self.x`` / ``this.x``, or the environment), "external" (request data, ``sys.argv``,
    # ``input()``), "unknown" (anything else: a call's result, a local of unknown value).
    origin: str = "unknown"
    # Where it sits in the statement when known before the text was lost (a merge of two
    # branches): "identifier" / "value" / "fragment"; ``None``: read it from the shape's text.
    position: str | None = None
    # A "branch" hole (the parts in which two merged shapes differ): each branch's parts, so
    # that PG201 can read every hole in each branch's full text; ``()`` when too large to keep.
    alternatives: "tuple[tuple[Part, ...], ...]" = ()


Part = Union[str, Hole]


def merge_parts(parts: "list[Part]") -> tuple[Part, ...]:
    """``parts`` with adjacent literal pieces joined and empty ones dropped."""
    out: list[Part] = []
    for p in parts:
        if isinstance(p, str) and out and isinstance(out[-1], str):
            out[-1] = out[-1] + p
        elif p != "":
            out.append(p)
    return tuple(out)


def joined_text(parts: "tuple[Part, ...]") -> str | None:
    """The text of ``parts`` when every hole's value is known, else ``None``."""
    out: list[str] = []
    for p in parts:
        if isinstance(p, str):
            out.append(p)
        elif p.value is not None:
            out.append(p.value)
        else:
            return None
    return "".join(out)


@dataclass(frozen=True, slots=True)
class SqlShape:
    form: ShapeForm
    parts: tuple[Part, ...]
    span: Span | None = None

    @property
    def holes(self) -> tuple[Hole, ...]:
        return tuple(p for p in self.parts if isinstance(p, Hole))

    @property
    def unsafe_holes(self) -> tuple[Hole, ...]:
        if self.form in ("tagged", "tstring"):
            return ()
        return tuple(h for h in self.holes if not h.constant)

    @property
    def text(self) -> str | None:
        """The full SQL text when every part is known, else ``None``."""
        return joined_text(self.parts)

    def text_with_markers(self, marker: str = "pglint_hole_{}") -> str:
        """The text with every unknown hole replaced by a parseable identifier."""
        out: list[str] = []
        for i, p in enumerate(self.parts):
            if isinstance(p, str):
                out.append(p)
            elif p.value is not None:
                out.append(p.value)
            else:
                out.append(marker.format(i))
        return "".join(out)


@dataclass(frozen=True, slots=True)
class Params:
    """The parameters passed with a query."""

    kind: Literal["sequence", "mapping", "scalar", "varargs", "unknown"]
    count: int | None = None  # number of positional values when known
    names: frozenset[str] | None = None  # mapping keys when known
    span: Span | None = None


RowUseKind = Literal[
    "whole",  # every column is wanted: a row passed whole to a class, ``**row``, a serialiser, iterated
    "columns",  # only named columns are read (``row["id"]``, ``row.name``, ``const { id } = row``)
    "probe",  # only tested: truthiness, ``len``/``length``, ``rowcount``/``rowCount``, ``cursor.description``
    "unknown",  # returned, passed on, stored, discarded: nothing tells
]


@dataclass(frozen=True, slots=True)
class RowUse:
    """How the function that runs a query reads the rows it returns (PG402 weighs ``SELECT *``
    against it). ``columns`` are the column names read, in first-read order, when ``kind`` is
    ``"columns"``; ``how`` says in a few words what showed a ``"whole"`` use (``TodoItem(…)``)."""

    kind: RowUseKind
    columns: tuple[str, ...] = ()
    how: str = ""


@dataclass(slots=True)
class RowUseTally:
    """The uses of a query's rows a frontend has found so far, summed up by :meth:`result`: any
    whole use wins; then anything unknown (or no use at all) says nothing; then column reads;
    existence tests alone are a probe."""

    whole: list[str] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)
    probe: bool = False
    unknown: bool = False

    def result(self) -> RowUse:
        if self.whole:
            return RowUse("whole", how=self.whole[0])
        if self.unknown or not (self.columns or self.probe):
            return RowUse("unknown")
        if self.columns:
            return RowUse("columns", columns=tuple(dict.fromkeys(self.columns)))
        return RowUse("probe")


@dataclass(frozen=True, slots=True)
class QuerySite:
    span: Span  # the call
    function: str  # enclosing function's name
    driver: str  # driver model name
    receiver: str  # "pool", "pool-client", "connection", "cursor"
    method: str  # "query", "execute", "fetch" …
    sql: SqlShape | None  # None: no recognisable SQL argument
    params: Params | None  # None: no parameters passed
    style: Literal["dollar", "pyformat", "named"]  # placeholder syntax the driver expects (named: `:name`)
    server_side_binding: bool = False  # psycopg 3 default cursors: params cannot go into DDL/SET
    pool_shortcut: bool = False  # a pool method that checks a connection out for this call only
    config_object: bool = False  # node-postgres { text, values } form
    returns_promise: bool = False  # JS promise / Python coroutine
    handled: Literal["awaited", "returned", "stored", "chained", "passed", "callback", "floating", "sync"] = "sync"
    loop: Span | None = None  # the innermost loop whose every iteration runs this query
    loop_kind: str = ""  # "for", "while", "for-of", "forEach", "comprehension", "reduce", "fan-out" …
    loop_paginates: bool = False  # the loop advances a cursor/offset from the query's result
    row_use: RowUse | None = None  # how the rows are read in the same function; None: not looked at
    loop_names: tuple[str, ...] = ()  # the names each iteration of that loop binds (its variables)
    loop_over: str = ""  # what the loop iterates: "attribute" (the object's own, self.x / this.x), ""
    param_check: Literal["all", "when-written", "none"] = "all"  # PG202: see drivers.model.Method
    fragment: bool = False  # SQL spliced into a statement built elsewhere (knex raw(), sql.raw()): see drivers.model.Method


@dataclass(frozen=True, slots=True)
class OptionValue:
    source: str
    constant: bool
    value: str | bool | int | None = None  # when constant
    span: Span | None = None
    from_env: bool = False  # process.env.X / os.environ[...] / os.getenv(...)


@dataclass(frozen=True, slots=True)
class ConnectSite:
    """``new Pool({...})``, ``psycopg2.connect(dsn, sslmode=...)``, ``asyncpg.create_pool(dsn, ssl=ctx)`` …"""

    span: Span
    function: str
    driver: str
    api: str  # "new Pool()", "psycopg2.connect()"
    options: tuple[tuple[str, OptionValue], ...] = ()  # keyword / object-literal options, flattened ("ssl.rejectUnauthorized")
    conninfo: OptionValue | None = None  # a DSN / URL / connectionString argument
    # written inside a block that expects it to fail (``with pytest.raises(…)``,
    # ``with self.assertRaises(…)``): a test of a refused login, whose password is wrong on purpose
    expects_failure: bool = False
