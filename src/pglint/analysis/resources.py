"""Resource typestate over one function's CFG: leaks, double releases, open transactions.

For every ``acquire`` node (an *acquisition site*) the analysis explores the
graph breadth-first over pairs *(node, abstract state)*. The state is the
resource's status (held, released, escaped), the set of variables that name it
(aliases) and whether a transaction is open on it. Edge assumptions prune
infeasible paths (``if (client)`` false branch while the client is held; the
``err`` path of a callback checkout). Because states are finite and each pair
is visited once, the exploration terminates; because it is breadth-first, the
parent links give the *shortest* path to each finding, which becomes its
witness (``steps``; past :data:`MAX_WITNESS_STEPS` the steps that explain the
finding are kept and each run of the others becomes one "… N steps elided" step).

Findings:

* ``leak`` — a path from the acquisition to a function exit (normal or
  exceptional), to a re-acquisition at the same site, or to the loss of the last
  variable naming the resource, on which it is still held;
* ``double-release`` — a release on a path where it was already released
  (only for drivers on which that is an error);
* ``open-transaction`` — a release or close on a path where a ``BEGIN`` has
  no ``COMMIT``/``ROLLBACK`` (only for drivers whose pool does not reset it).
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from typing import NamedTuple

from ..ir.cfg import AcquireInfo, Edge, EdgeKind, Ev, FunctionCFG, Node, ReleaseInfo, Span

HELD = "held"
RELEASED = "released"
ESCAPED = "escaped"
# a callback checkout that failed (``err`` set): nothing is held, and the driver's ``done`` is a
# no-op the first time; calling it again on that path is the code forgetting to stop (PG102)
FAILED = "failed"
FAILED_RELEASED = "failed-released"

MAX_STATES = 200_000  # per acquisition site; past this the site is given up (no finding)
#: Per acquisition site and CFG node: the distinct states (alias sets × status × transaction) one
#: node may be reached in. Real code has a handful; past this the site is given up (no finding), so
#: a site's exploration stays linear in the size of its function.
MAX_STATES_PER_NODE = 256


@dataclass(frozen=True, slots=True)
class WitnessStep:
    span: Span
    message: str
    path: str | None = None  # another file (inside a project helper); None: the function's own


@dataclass(frozen=True, slots=True)
class ResourceFinding:
    """One finding of the resource analysis, with the facts rules need to word it.

    ``reason`` for leaks: ``never`` (no path releases it at all), ``discarded``
    (the result is not bound), ``exception`` (``trigger`` may throw), ``return``,
    ``end`` (falls off the end), ``reacquire`` (the same site runs again while
    held), ``overwritten`` (the last variable naming it is reassigned).
    """

    kind: str  # "leak" | "double-release" | "open-transaction"
    function: FunctionCFG
    site: Node  # the acquire node
    at: Node  # primary node: the acquire for leaks, the release otherwise
    reason: str
    trigger: Node | None  # the node that throws / returns / re-acquires / overwrites
    steps: tuple[WitnessStep, ...]

    @property
    def info(self) -> AcquireInfo:
        assert isinstance(self.site.info, AcquireInfo)
        return self.site.info


class _State(NamedTuple):  # a tuple: hashed and compared in C, millions of times per long function
    status: str
    aliases: frozenset[str]
    tx: bool
    # boolean flags known on this path, (variable, value): set by ``flag = true`` (Ev.SET) and read
    # by the branches that test them, so `if (!released) { released = true; release(); }` twice
    # is one release
    flags: frozenset[tuple[str, bool]] = frozenset()


_Key = tuple[int, _State]


def analyse_resources(cfg: FunctionCFG) -> list[ResourceFinding]:
    findings: list[ResourceFinding] = []
    seen: set[tuple[str, int, int, str]] = set()
    for site in cfg.events(Ev.ACQUIRE):
        if not isinstance(site.info, AcquireInfo):
            continue
        for f in _Explorer(cfg, site).run():
            f = _through_a_plausible_call(cfg, site, f)
            span = f.at.span
            key = (f.kind, span.line if span else -1, span.column if span else -1, f.reason)
            if key not in seen:  # a site lowered twice (finally copies) reports once
                seen.add(key)
                findings.append(f)
    return findings


def _through_a_plausible_call(cfg: FunctionCFG, site: Node, f: ResourceFinding) -> ResourceFinding:
    """A leak whose witness starts with a constructor throwing (``new Transaction(dialect, session)``,
    ``Queries(driver)``) shown through another exception when there is one (the ``BEGIN`` that
    follows): building an object rarely fails, talking to the database does."""
    trig = f.trigger
    if (f.kind != "leak" or f.reason != "exception" or trig is None or trig.kind is not Ev.CALL
            or not _is_constructor(trig.label)):
        return f
    alt = _Explorer(cfg, site)
    alt.quiet.update(n.id for n in cfg.nodes if n.kind is Ev.CALL and _is_constructor(n.label))
    better = [g for g in alt.run() if g.kind == "leak" and g.reason == "exception"]
    return better[0] if better else f


def _facts_before(cfg: FunctionCFG, site: Node, limit: int = 64) -> frozenset[tuple[str, bool]]:
    """The (variable, truthy) assumptions on the straight-line path that leads to ``site``
    (every path to it takes those edges): ``if own:`` before ``conn = connect()``."""
    preds: dict[int, list[tuple[int, Edge]]] = {}
    if not any(e.assume for n in cfg.nodes for e in n.succ):
        return frozenset()
    for n in cfg.nodes:
        for e in n.succ:
            preds.setdefault(e.target, []).append((n.id, e))
    facts: dict[str, bool] = {}
    cur = site.id
    for _ in range(limit):
        ps = preds.get(cur, [])
        if len(ps) != 1:
            break
        p, e = ps[0]
        for a in e.assume:
            facts.setdefault(a.var, a.truthy)
        cur = p
    aliases = {site.var}
    return frozenset((v, t) for v, t in facts.items() if v not in aliases)


class _Explorer:
    """One acquisition site's exploration; also used by the function summaries
    (:mod:`.summaries`) from a function's entry, with ``start_var`` (a parameter)
    held, and with the calls of ``borrowers`` (callback parameters) counted as uses."""

    def __init__(self, cfg: FunctionCFG, site: Node, start_var: str | None = None,
                 info: AcquireInfo | None = None, borrowers: frozenset[str] = frozenset()) -> None:
        self.cfg = cfg
        self.site = site
        if info is None:
            assert isinstance(site.info, AcquireInfo)
            info = site.info
        self.info = info
        self.start_var = start_var
        self.borrowers = borrowers
        # what the summaries read: escapes and releases of the resource, and the status at each exit
        self.escapes: dict[int, _Key] = {}
        self.releases: dict[int, _Key] = {}
        self.exits: dict[tuple[int, str], _Key] = {}
        self.used = False
        # a use that shows the variable is a connection: a transaction event, a call of a driver
        # method named in ``evidence`` (``query``, ``cursor``), a summarised helper that borrows it
        self.used_as_resource = False
        self.evidence: frozenset[str] = frozenset()
        self.parent: dict[_Key, tuple[_Key, Edge] | None] = {}  # the path to each state, as back links
        self.per_node: dict[int, int] = {}  # states reached per node (bounded by MAX_STATES_PER_NODE)
        self.gave_up = False
        self.released_somewhere = False
        # terminal leak candidates, in BFS order: (priority, key, reason, trigger)
        self.leaks: list[tuple[int, _Key, str, Node | None]] = []
        self.doubles: dict[int, _Key] = {}
        self.open_tx: dict[int, _Key] = {}
        self.reacquired: set[_Key] = set()
        # what every path to the acquisition assumed (`if own: conn = connect()`): a later
        # `if own:` cannot take its other branch (correlated conditions)
        self.facts = _facts_before(cfg, site) if start_var is None else frozenset()
        # hand-overs this function undoes by giving the resource back itself (see _kept), and
        # those of them that are no exception source
        self.kept: dict[tuple[int, frozenset[str]], bool] = {}
        self.quiet: set[int] = set()
        # the flags worth tracking: variables both set to a boolean literal and tested by a branch
        tested = {a.var for n in cfg.nodes for e in n.succ for a in e.assume}
        self.flag_vars = frozenset(n.var for n in cfg.nodes
                                   if n.kind is Ev.SET and n.var is not None and n.var in tested)

    # -- exploration ---------------------------------------------------------

    def run(self) -> list[ResourceFinding]:
        site = self.site
        var = self.start_var if self.start_var is not None else site.var
        if var is None:
            return [self._finding("leak", site, "discarded", None, ((site.id, _State(HELD, frozenset(), False)),))]
        start = _State(HELD, frozenset({var}), False)
        queue: deque[_Key] = deque()
        root: _Key = (site.id, start)
        self.parent[root] = None
        for e in site.succ:
            if e.kind is EdgeKind.EXCEPTION:
                continue
            self._push(queue, root, e, start)
        while queue:
            if len(self.parent) > MAX_STATES or self.gave_up:
                return []
            key = queue.popleft()
            nid, state = key
            out = self._transfer(key)
            if out is None:
                continue
            node = self.cfg.nodes[nid]
            for e in node.succ:
                if e.kind is EdgeKind.EXCEPTION and nid in self.quiet:
                    continue  # a wrapper's constructor, a Map/Set or a logger call: no exception source
                if node.kind in (Ev.ACQUIRE, Ev.BEGIN) and e.kind is EdgeKind.EXCEPTION:
                    # the acquiring call / the BEGIN failed: it had no effect
                    self._push(queue, key, e, state)
                else:
                    self._push(queue, key, e, out)
        return self._results()

    def _push(self, queue: deque[_Key], prev: _Key, edge: Edge, state: _State) -> None:
        for a in edge.assume:
            if (a.var, not a.truthy) in self.facts:
                return  # the condition that led to the acquisition still holds
            if a.var in state.aliases and not a.truthy:
                return  # the resource variable cannot be falsy here
            if (a.var, not a.truthy) in state.flags:
                return  # the flag was set to the other value on this path
            if a.var == self.info.err_var and a.truthy and a.var not in state.aliases:
                if state.status != HELD or self.info.release_var is None or self.start_var is not None:
                    return  # callback checkout failed: nothing is held on this path
                state = state._replace(status=FAILED)  # nothing held; `done` may be called once
        key = (edge.target, state)
        if edge.target == self.site.id:
            # back at the acquisition (a loop or retry): the previous checkout is lost if held
            if state.status == HELD and key not in self.reacquired:
                self.reacquired.add(key)
                self.leaks.append((1, prev, "reacquire", self.site))
            return
        if key in self.parent:
            return
        count = self.per_node.get(edge.target, 0) + 1
        if count > MAX_STATES_PER_NODE:
            self.gave_up = True
            return
        self.per_node[edge.target] = count
        self.parent[key] = (prev, edge)
        queue.append(key)

    def _transfer(self, key: _Key) -> _State | None:
        """The state after ``key``'s node, or ``None`` when the path ends here."""
        nid, s = key
        node = self.cfg.nodes[nid]
        kind = node.kind
        if kind in (Ev.EXIT, Ev.RAISE_EXIT):
            self.exits.setdefault((nid, s.status), key)
            if kind is Ev.RAISE_EXIT and self.cfg.name == "<module>":
                return None  # the module fails to load: the import (usually the process) fails with it
            if s.status == HELD:
                reason, trigger = self._exit_reason(key)
                if reason == "exception" and self.info.lazy:
                    return None
                self.leaks.append((2 if reason == "exception" else 0, key, reason, trigger))
            return None
        if s.status == ESCAPED:
            return None
        var = node.var
        if kind is Ev.SET:
            if var is not None and var in self.flag_vars:
                value = node.src == "true"
                return s._replace(flags=frozenset(f for f in s.flags if f[0] != var) | {(var, value)})
            return s
        if s.status in (FAILED, FAILED_RELEASED):
            if kind is Ev.RELEASE and var is not None and (var in s.aliases or var == self.info.release_var):
                if s.status == FAILED_RELEASED and self.info.double_release_raises:
                    self.doubles.setdefault(nid, key)
                return s._replace(status=FAILED_RELEASED)
            return s
        mine = var is not None and var in s.aliases
        if kind is Ev.ACQUIRE:
            if mine:
                return self._lose(key, s, var)
            return s
        if kind is Ev.RELEASE:
            if var is not None and var == self.info.release_var:
                mine = True  # callback form: done() releases the client
            info = node.info
            if not mine or not isinstance(info, ReleaseInfo) or not info.effective:
                return s
            if s.status == RELEASED:
                # closing a connection twice is harmless in every driver; returning
                # a client to its pool twice raises (drivers.md, summary table)
                if self.info.double_release_raises and self.info.kind == "pool-client":
                    self.doubles.setdefault(nid, key)
                return s
            if (s.tx and self.info.kind == "pool-client" and not self.info.pool_resets_transaction
                    and info.how != "destroy"):
                self.open_tx.setdefault(nid, key)
            self.released_somewhere = True
            self.releases.setdefault(nid, key)
            return s._replace(status=RELEASED, tx=False)
        if kind is Ev.ESCAPE:
            if mine and self.borrowers and _passed_to(node) in self.borrowers:
                self.used = True
                return s  # handed to a callback parameter: the callback runs and returns
            if mine and s.status == HELD and self._kept(node, s.aliases):
                self.used = True
                self.used_as_resource = True
                return s  # passed on, but this function gives it back itself: no hand-over
            if mine and s.status == HELD:
                self.escapes.setdefault(nid, key)
            return s._replace(status=ESCAPED) if mine else s
        if mine and kind in (Ev.USE, Ev.BEGIN, Ev.COMMIT, Ev.ROLLBACK):
            self.used = True
            if kind is not Ev.USE or node.call is not None or (
                    node.label.rsplit(".", 1)[-1] in self.evidence):
                self.used_as_resource = True
        if kind is Ev.ALIAS:
            if node.src is not None and node.src in s.aliases and var is not None:
                return s._replace(aliases=s.aliases | {var})
            if mine:
                return self._lose(key, s, var)
            return s
        if kind is Ev.KILL:
            return self._lose(key, s, var) if mine else s
        if kind is Ev.BEGIN and mine:
            return s._replace(tx=True)
        if kind in (Ev.COMMIT, Ev.ROLLBACK) and mine:
            return s._replace(tx=False)
        return s

    def _kept(self, node: Node, aliases: frozenset[str]) -> bool:
        """Whether the hand-over at ``node`` (``new Session(client)``, ``wrap(conn)``,
        ``map.set(client, …)``, ``self._conns.add(conn)``, a store into an object) leaves the
        resource with this function: every path from it that does not raise reaches a release
        of the resource here, so the callee or the container only borrowed it."""
        if not is_passing_escape(node.label):
            return False
        key = (node.id, aliases)
        cached = self.kept.get(key)
        if cached is None:
            cached = _released_on_every_normal_path(self.cfg, node, _alias_closure(self.cfg, aliases),
                                                    self.info.release_var, self.site.id)
            self.kept[key] = cached
            if cached and _quiet_callee(node):
                self.quiet.add(node.id)
                self.quiet.update(_enclosing_constructors(self.cfg, node))
        return cached

    def _lose(self, key: _Key, s: _State, var: str | None) -> _State | None:
        aliases = s.aliases - {var} if var is not None else s.aliases
        if not aliases and s.status == HELD:
            self.leaks.append((1, key, "overwritten", self.cfg.nodes[key[0]]))
            return None
        return s._replace(aliases=aliases)

    # -- results -------------------------------------------------------------

    def _path(self, key: _Key) -> list[tuple[_Key, Edge | None]]:
        """(node, edge taken *into* it) from the site to ``key``."""
        path: list[tuple[_Key, Edge | None]] = []
        cur: _Key | None = key
        edge_in: Edge | None = None
        while cur is not None:
            link = self.parent.get(cur)
            if link is None:
                path.append((cur, None))
                break
            prev, edge = link
            path.append((cur, edge))
            cur = prev
        path.reverse()
        del edge_in
        return path

    def _exit_reason(self, key: _Key) -> tuple[str, Node | None]:
        path = self._path(key)
        nodes = self.cfg.nodes
        if nodes[key[0]].kind is Ev.RAISE_EXIT:
            # the first exception edge taken while held is what lets it escape
            for i in range(1, len(path)):
                edge = path[i][1]
                if edge is not None and edge.kind is EdgeKind.EXCEPTION:
                    return "exception", nodes[path[i - 1][0][0]]
            return "exception", None
        # a normal exit: any exception edge on the way (swallowed by a handler) still matters
        for i in range(1, len(path)):
            edge = path[i][1]
            if edge is not None and edge.kind is EdgeKind.EXCEPTION:
                return "exception", nodes[path[i - 1][0][0]]
        for (nid, _), _edge in reversed(path):
            if nodes[nid].kind is Ev.RETURN:
                return "return", nodes[nid]
        return "end", None

    def _results(self) -> list[ResourceFinding]:
        out: list[ResourceFinding] = []
        if self.leaks:
            prio, key, reason, trigger = min(self.leaks, key=lambda t: t[0])
            if not self.released_somewhere and reason in ("return", "end"):
                reason = "never"
            out.append(self._finding("leak", self.site, reason, trigger,
                                     tuple(k for k, _ in self._path(key))))
        for nid, key in self.doubles.items():
            out.append(self._finding("double-release", self.cfg.nodes[nid], "double", None,
                                     tuple(k for k, _ in self._path(key))))
        for nid, key in self.open_tx.items():
            out.append(self._finding("open-transaction", self.cfg.nodes[nid], "open", None,
                                     tuple(k for k, _ in self._path(key))))
        return out

    def _finding(self, kind: str, at: Node, reason: str, trigger: Node | None,
                 keys: tuple[_Key, ...]) -> ResourceFinding:
        steps = _witness(self.cfg, self.site, self.info, kind, reason, trigger, keys, self.parent)
        return ResourceFinding(kind, self.cfg, self.site, at, reason, trigger, steps)


LEND_LABEL = "yield to the `with` block"  # the yield of a @contextmanager generator (Python lowering)


def call_text(label: str) -> str:
    """A node label as the call it names: ``passed to fn()`` → ``fn()``."""
    if label.startswith("passed to ") and label.endswith("()"):
        return label[len("passed to "):]
    return label


#: Escape labels that pass the resource on without ending this function's duty by themselves:
#: an argument, an element of a literal, a value stored in an object. (``returned``, ``yielded``,
#: ``exported``, a callback's capture and a declared ``takes-ownership`` are hand-overs.)
PASSING_ESCAPES = ("passed to ", "put in a ", "stored in ")
#: Methods of a Map/Set/dict/list-like receiver that keep or look up the value: they do not throw
MAP_SET_METHODS = frozenset({"set", "add", "get", "has", "delete", "discard", "remove", "append",
                             "push", "setdefault"})


def is_passing_escape(label: str) -> bool:
    """Whether an ``escape`` labelled ``label`` passes the resource to something that may only
    borrow it (undone when the same function releases it afterwards)."""
    if label.endswith("which takes ownership"):
        return False
    if label.startswith("passed to "):
        return label.endswith("()")
    return label.startswith(PASSING_ESCAPES)


def _quiet_callee(node: Node) -> bool:
    """A kept hand-over that is no exception source: building a wrapper (``new Session(client)``,
    ``Session(conn)``), keying a Map/Set, storing into an object."""
    callee = _passed_to(node)
    if callee is None:
        return not node.label.startswith("passed to ")
    last = callee.rsplit(".", 1)[-1]
    return (_is_constructor(callee) and (callee.startswith("new ") or "." not in callee)) or (
        "." in callee and last in MAP_SET_METHODS)


def _enclosing_constructors(cfg: FunctionCFG, node: Node) -> list[int]:
    """The constructor calls that receive the wrapper built at ``node`` right away
    (``Queries(Driver(conn))``, ``new Api(new Session(client))``): no exception source either."""
    out: list[int] = []
    cur = node
    while node.span is not None:
        nxt = [cfg.nodes[e.target] for e in cur.succ if e.kind is not EdgeKind.EXCEPTION]
        if len(nxt) != 1:
            break
        n = nxt[0]
        if (n.kind is not Ev.CALL or n.span is None or not n.span.contains(node.span)
                or not _is_constructor(n.label)):
            break
        out.append(n.id)
        cur = n
    return out


def _is_constructor(callee: str) -> bool:
    last = callee.rsplit(".", 1)[-1]
    return callee.startswith("new ") or (last[:1].isupper() and not last.isupper())


def _alias_closure(cfg: FunctionCFG, aliases: frozenset[str]) -> frozenset[str]:
    """``aliases`` and every variable some ``alias`` node of ``cfg`` makes name the same object."""
    out = set(aliases)
    changed = True
    while changed:
        changed = False
        for n in cfg.nodes:
            if n.kind is Ev.ALIAS and n.src in out and n.var is not None and n.var not in out:
                out.add(n.var)
                changed = True
    return frozenset(out)


def _released_on_every_normal_path(cfg: FunctionCFG, start: Node, names: frozenset[str],
                                   release_var: str | None, site: int) -> bool:
    """Whether every path from ``start`` that takes no exception edge meets an effective release
    of ``names`` (or another hand-over of them) before the function's normal exit, and one does
    meet a release. Paths that end by raising are left to the exploration."""
    found = False
    seen = {start.id}
    stack = [e.target for e in start.succ if e.kind is not EdgeKind.EXCEPTION]
    while stack:
        nid = stack.pop()
        if nid in seen:
            continue
        seen.add(nid)
        n = cfg.nodes[nid]
        if n.kind is Ev.EXIT:
            return False
        if nid == site or n.kind is Ev.RAISE_EXIT:
            continue
        if n.kind is Ev.RELEASE and (n.var in names or (release_var is not None and n.var == release_var)):
            if isinstance(n.info, ReleaseInfo) and n.info.effective:
                found = True
                continue
        if n.kind is Ev.ESCAPE and n.var in names and not is_passing_escape(n.label):
            continue  # returned, yielded: handed over there
        stack.extend(e.target for e in n.succ if e.kind is not EdgeKind.EXCEPTION)
    return found


def _passed_to(node: Node) -> str | None:
    """The callee of an ``escape`` into a call (``passed to fn()`` → ``fn``)."""
    if node.call is not None:
        return node.call.callee
    label = node.label
    if label.startswith("passed to ") and label.endswith("()"):
        return label[len("passed to "):-2]
    return None


def _end_span(cfg: FunctionCFG) -> Span | None:
    if cfg.span is None:
        return None
    col = max(cfg.span.end_column - 1, 1)
    return Span(cfg.span.end_line, col, cfg.span.end_line, col + 1)


def _witness(cfg: FunctionCFG, site: Node, info: AcquireInfo, kind: str, reason: str,
             trigger: Node | None, keys: tuple[_Key, ...],
             parent: dict[_Key, tuple[_Key, Edge] | None]) -> tuple[WitnessStep, ...]:
    nodes = cfg.nodes
    noun = info.noun
    steps: list[WitnessStep] = []
    key_steps: set[int] = set()  # indices the cap never drops (see _capped)

    def add(span: Span | None, message: str, key: bool = False) -> None:
        if span is not None and (not steps or steps[-1] != WitnessStep(span, message)):
            steps.append(WitnessStep(span, message))
        if key and span is not None:
            key_steps.add(len(steps) - 1)

    held_text = "still checked out" if info.kind == "pool-client" else "still open"
    acquired = f"{noun} checked out of pool" if info.kind == "pool-client" else f"{noun} opened"
    if site.kind is Ev.ENTRY:  # a parameter, in a function summary
        acquired = f"`{site.var}` is handed over by the caller: `{cfg.name}()` gives it back on some paths"
    elif info.via:  # a project helper's call
        where = f" at {site.span}" if site.span is not None else ""
        acquired = f"calls `{info.api}`{where} → which {info.via}"
    if info.note:
        acquired += f" ({info.note})"
    add(site.span, acquired, key=True)
    for path, line, column, message in info.via_steps:  # inside the helper(s)
        steps.append(WitnessStep(Span(line, column, line, column + 1), message, path))
        key_steps.add(len(steps) - 1)
    if reason == "discarded":
        add(site.span, f"the {noun} is not stored anywhere, so nothing can give it back")
        return tuple(steps)
    thrown = False  # the first exception on the path is the one that decides a leak (see _exit_reason)
    released = False
    opened = -1  # index of the last "transaction opened here" step
    # the edges taken along the path
    for i in range(1, len(keys)):
        prev_node = nodes[keys[i - 1][0]]
        link = parent.get(keys[i])
        edge = link[1] if link else None
        node = nodes[keys[i][0]]
        if edge is not None and edge.kind is EdgeKind.EXCEPTION and prev_node.id != site.id:
            if prev_node.kind is Ev.RAISE:
                add(prev_node.span, "an exception is thrown here", key=not thrown)
            elif prev_node.label == LEND_LABEL:
                add(prev_node.span, "the body of the `with` block raises (it is thrown in at the `yield`)",
                    key=not thrown)
            else:
                what = f"`{call_text(prev_node.label)}`" if prev_node.label else "this call"
                add(prev_node.span, f"{what} throws", key=not thrown)
            thrown = True
        elif (edge is not None and edge.kind in (EdgeKind.TRUE, EdgeKind.FALSE)
              and prev_node.kind is Ev.BRANCH and prev_node.label):
            add(prev_node.span, f"`{prev_node.label}` is {edge.kind.value}")
        before = keys[i - 1][1]
        mine = node.var is not None and (node.var in before.aliases or node.var == info.release_var)
        if node.kind is Ev.USE and mine and node.call is not None:
            add(node.span, f"passed to `{node.call.callee}()`, which only uses the {noun} "
                           "(it does not give it back)")
        elif node.kind is Ev.RELEASE and isinstance(node.info, ReleaseInfo) and mine:
            if node.call is not None and node.info.effective and kind == "leak":
                add(node.span, f"`{node.call.callee}()` gives the {noun} back here")
            elif not node.info.effective:
                add(node.span, node.info.note or f"`{node.label}` does not give the {noun} back")
            else:
                verb = "released" if info.kind == "pool-client" else "closed"
                if kind == "double-release" and node.id == keys[-1][0] and i == len(keys) - 1:
                    add(node.span, f"{noun} {verb} again here")
                elif kind == "open-transaction" and i == len(keys) - 1:
                    add(node.span, f"{noun} {verb} while the transaction is still open")
                else:
                    # the first release is what a double release repeats
                    add(node.span, f"{noun} {verb} here", key=kind == "double-release" and not released)
                released = True
        elif node.kind is Ev.BEGIN and kind == "open-transaction" and mine:
            opened = len(steps)
            add(node.span, "transaction opened here")
        elif node.kind in (Ev.COMMIT, Ev.ROLLBACK) and kind == "open-transaction" and mine:
            add(node.span, f"transaction ended here ({node.kind.value})")
    if kind != "leak":
        if opened >= 0:
            key_steps.add(min(opened, len(steps) - 1))
        return _capped(steps, key_steps)
    last = nodes[keys[-1][0]]
    if reason == "reacquire":
        add(site.span, f"checked out again here while the previous {noun} is {held_text}")
    elif reason == "overwritten":
        add(last.span, f"`{last.var}` is overwritten while the {noun} is {held_text}")
    elif last.kind is Ev.RAISE_EXIT:
        src = trigger.span if trigger is not None else None
        add(src, f"the exception leaves the function with the {noun} {held_text}")
    else:
        ret = None
        for k in reversed(keys):
            if nodes[k[0]].kind is Ev.RETURN:
                ret = nodes[k[0]]
                break
        if ret is not None:
            add(ret.span, f"function returns with {noun} {held_text}")
        else:
            add(_end_span(cfg), f"function ends with {noun} {held_text}")
    return _capped(steps, key_steps)


#: The most steps a witness shows. A path through a long function can pass thousands of branches;
#: past this many, the steps nearest the acquisition, the decisive step (the first throw, the
#: first release of a double release, the BEGIN of an open transaction) and the exit are kept
#: and each run of dropped steps becomes one "… N steps elided" step.
MAX_WITNESS_STEPS = 24


def elided_message(count: int) -> str:
    return f"… {count} step{'s' if count != 1 else ''} elided"


def _capped(steps: list[WitnessStep], key_steps: set[int]) -> tuple[WitnessStep, ...]:
    """``steps`` cut to at most :data:`MAX_WITNESS_STEPS` (elided markers included)."""
    n = len(steps)
    if n <= MAX_WITNESS_STEPS:
        return tuple(steps)
    anchor = {i for i in key_steps if 0 <= i < n} | {0, n - 1}
    # rank the other steps by their distance to the nearest anchor (later steps first on ties):
    # the branches just before the exit or the throw are the ones that explain the path
    distance = [0] * n
    last = 0
    for i in range(n):
        if i in anchor:
            last = i
        distance[i] = i - last
    following = n - 1
    for i in range(n - 1, -1, -1):
        if i in anchor:
            following = i
        distance[i] = min(distance[i], following - i)
    order = sorted(range(n), key=lambda i: (distance[i], -i))
    budget = MAX_WITNESS_STEPS - 1
    while True:
        keep = sorted(order[:max(budget, len(anchor))])
        gaps = sum(1 for a, b in zip(keep, keep[1:]) if b > a + 1)
        if len(keep) + gaps <= MAX_WITNESS_STEPS or budget <= len(anchor):
            break
        budget -= 1
    out: list[WitnessStep] = []
    prev = -1
    for i in keep:
        if i > prev + 1:
            first = steps[prev + 1]
            out.append(WitnessStep(first.span, elided_message(i - prev - 1), first.path))
        out.append(steps[i])
        prev = i
    return tuple(out)
