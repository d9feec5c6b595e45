"""The language-neutral control-flow graph that every frontend lowers functions into.

A :class:`FunctionCFG` is a graph of :class:`Node` objects. Each node carries at
most one *event* (acquire, release, use, escape, begin, ...) about one resource
variable, so the analysis never needs to know which language or parser produced
it. Edges are normal, true/false (out of a branch), or exceptional; an edge can
carry *assumptions* about the truthiness of variables (``if (client)`` makes the
true edge assume ``client`` is truthy), which the resource analysis uses to
prune infeasible paths.

Conventions every frontend follows (the analysis relies on them):

* ``entry`` has one successor; ``exit`` (normal return / fall-through) and
  ``raise-exit`` (uncaught exception) have none.
* A node that may raise has exactly one ``exception`` edge to the innermost
  handler, ``finally`` copy, or ``raise-exit``.
* For an ``acquire`` node the exception edge means "the acquiring call failed":
  nothing is held on it. For every other node the event has happened when the
  exception edge is taken.
* ``release`` nodes do not raise.
* Variables are plain strings chosen by the frontend (``client``,
  ``self.conn``); the analysis only compares them for equality.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Iterator


class Ev(str, Enum):
    """What a node does. ``value`` is the spelling used in edge lists and renderers."""

    ENTRY = "entry"
    EXIT = "exit"
    RAISE_EXIT = "raise-exit"
    NOP = "nop"  # join points and structural markers (loop heads, finally entries)
    CALL = "call"  # an opaque call or await that may raise
    ACQUIRE = "acquire"  # var := a fresh resource (pool client / connection)
    RELEASE = "release"  # var given back (release/putconn) or closed (close/end)
    USE = "use"  # var used (query, cursor, ...); may raise
    ESCAPE = "escape"  # var handed to someone else: returned, yielded, stored, passed on
    ALIAS = "alias"  # var := src (both now name the same object)
    KILL = "kill"  # var overwritten with something that is not a tracked resource
    BEGIN = "begin"  # transaction opened on var
    COMMIT = "commit"  # transaction committed on var
    ROLLBACK = "rollback"  # transaction rolled back on var
    BRANCH = "branch"  # two-way choice; out edges are TRUE / FALSE
    RETURN = "return"  # a return statement (marker for witness paths)
    RAISE = "raise"  # a throw / raise statement
    SET = "set"  # var := a boolean literal, ``src`` "true"/"false" (a flag that may guard a release)


class EdgeKind(str, Enum):
    NORMAL = "normal"
    TRUE = "true"
    FALSE = "false"
    EXCEPTION = "exception"


@dataclass(frozen=True, slots=True)
class Span:
    """A source range: 1-based lines and 1-based columns, end exclusive."""

    line: int
    column: int
    end_line: int
    end_column: int

    def __str__(self) -> str:
        return f"{self.line}:{self.column}"

    def contains(self, other: "Span") -> bool:
        """Whether ``other`` lies inside this range (or is it)."""
        return (self.line, self.column) <= (other.line, other.column) \
            and (other.end_line, other.end_column) <= (self.end_line, self.end_column)


@dataclass(frozen=True, slots=True)
class Assume:
    """On this edge, ``var`` is truthy (``truthy=True``) or falsy/None."""

    var: str
    truthy: bool


@dataclass(frozen=True, slots=True)
class Edge:
    target: int
    kind: EdgeKind = EdgeKind.NORMAL
    assume: tuple[Assume, ...] = ()


@dataclass(frozen=True, slots=True)
class AcquireInfo:
    """What an ``acquire`` node checks out; filled from the driver models."""

    driver: str  # driver model name: "pg", "psycopg2", "asyncpg", ...
    kind: str  # "pool-client" or "connection"
    api: str  # how it was obtained, for messages: "pool.connect()"
    noun: str  # "client", "connection"
    release_hint: str  # "client.release()", "pool.putconn(conn)", "conn.close()"
    err_var: str | None = None  # callback form: when this variable is truthy nothing is held
    release_var: str | None = None  # callback form: calling this variable releases
    pool_resets_transaction: bool = True  # does giving it back roll back an open transaction?
    double_release_raises: bool = True  # does a second release raise at run time?
    note: str = ""  # extra explanation for the message (e.g. "`with` does not close it")
    value_kind: str = ""  # the driver model's kind of the resource ("pool-client", "connection", ...)
    via: str = ""  # a project helper's call: what happens inside it ("checks out a client at db.js 8:10")
    via_steps: tuple[tuple[str, int, int, str], ...] = ()  # and the steps there: (path, line, column, message)
    # opens its connections on its first query (postgres.js): an exception on the way out is no
    # leak report of its own (before that query nothing is open; see docs/drivers.md)
    lazy: bool = False


@dataclass(frozen=True, slots=True)
class ReleaseInfo:
    how: str = "release"  # "release", "close", "destroy" (pg release(err)/release(true))
    effective: bool = True  # False: looks like a release but does nothing (async call not awaited)
    note: str = ""


@dataclass(frozen=True, slots=True)
class CallInfo:
    """A call that receives resources, on its ``escape``/``use``/``release`` nodes (see summaries).

    ``callee`` is the callee as written (``releaseClient``, ``db.put``); ``key`` the
    project function it resolves to, ``(path, qualified name)``, when the frontend
    knows it; ``args`` the argument variables (``None`` where not a plain variable).
    """

    callee: str
    key: tuple[str, str] | None = None
    args: tuple[str | None, ...] = ()


@dataclass(slots=True)
class Node:
    id: int
    kind: Ev
    span: Span | None = None
    var: str | None = None
    src: str | None = None  # ALIAS source
    label: str = ""  # short source text for renderers and witness steps
    info: AcquireInfo | ReleaseInfo | None = None
    succ: list[Edge] = field(default_factory=list)
    call: CallInfo | None = None  # the call this node belongs to (escape/use/release of an argument)


@dataclass(slots=True)
class FunctionCFG:
    """The graph of one function (or of a module's top level, named ``<module>``)."""

    name: str
    path: str
    span: Span | None
    nodes: list[Node]
    entry: int
    exit: int
    raise_exit: int
    language: str = ""
    # for function summaries (pglint.analysis.summaries), filled by the frontend:
    params: tuple[str, ...] = ()  # the parameters a caller's arguments bind to (no self/this)
    is_async: bool = False  # async def / async function: callers get the result by awaiting
    context_manager: bool = False  # a @contextmanager / @asynccontextmanager generator
    # every `return` gives back this one pool, as (driver, kind): `get_pool()` / `createPool()`
    returns_pool: tuple[str, str] | None = None

    @property
    def key(self) -> tuple[str, str]:
        """The project-wide identity of the function: ``(path, qualified name)``."""
        return (self.path, self.name)

    def node(self, nid: int) -> Node:
        return self.nodes[nid]

    def successors(self, nid: int) -> list[Edge]:
        return self.nodes[nid].succ

    def predecessors(self) -> dict[int, list[tuple[int, Edge]]]:
        preds: dict[int, list[tuple[int, Edge]]] = {n.id: [] for n in self.nodes}
        for n in self.nodes:
            for e in n.succ:
                preds[e.target].append((n.id, e))
        return preds

    def events(self, kind: Ev) -> Iterator[Node]:
        return (n for n in self.nodes if n.kind is kind)


class CFGBuilder:
    """Creates nodes and edges for one function; frontends drive it while walking the AST."""

    def __init__(self, name: str, path: str, span: Span | None, language: str) -> None:
        self.name = name
        self.path = path
        self.span = span
        self.language = language
        self.nodes: list[Node] = []
        self.entry = self.add(Ev.ENTRY, span, label=name)
        self.exit = self.add(Ev.EXIT, span)
        self.raise_exit = self.add(Ev.RAISE_EXIT, span)

    def add(
        self,
        kind: Ev,
        span: Span | None = None,
        *,
        var: str | None = None,
        src: str | None = None,
        label: str = "",
        info: AcquireInfo | ReleaseInfo | None = None,
    ) -> int:
        node = Node(len(self.nodes), kind, span, var, src, label, info)
        self.nodes.append(node)
        return node.id

    def edge(
        self,
        src: int,
        dst: int,
        kind: EdgeKind = EdgeKind.NORMAL,
        assume: tuple[Assume, ...] = (),
    ) -> None:
        edge = Edge(dst, kind, assume)
        if edge not in self.nodes[src].succ:
            self.nodes[src].succ.append(edge)

    def build(self) -> FunctionCFG:
        return FunctionCFG(
            self.name, self.path, self.span, self.nodes, self.entry, self.exit,
            self.raise_exit, self.language,
        )


def reachable(cfg: FunctionCFG) -> set[int]:
    """Ids of the nodes reachable from entry."""
    seen = {cfg.entry}
    stack = [cfg.entry]
    while stack:
        for e in cfg.nodes[stack.pop()].succ:
            if e.target not in seen:
                seen.add(e.target)
                stack.append(e.target)
    return seen
