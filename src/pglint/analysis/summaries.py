"""Function summaries: what a project function does with the connections it hands out, gets back or takes over.

Most checkouts in real code go through the project's own helpers: a
``getClient()`` that returns ``pool.connect()``, a ``releaseClient(client)``
wrapper, a ``withTransaction(client, fn)`` that owns the release, a
``@contextmanager`` around ``getconn``/``putconn``. For every function of the
project a :class:`FunctionSummary` records, computed from its own CFG by the
same typestate exploration the rules use (:mod:`.resources`):

* **returns a fresh resource** (:class:`ReturnSummary`) — some acquisition in it
  reaches ``return`` on every path that does not fail (``all``) or on some
  (``some``); with the driver value, the inner :class:`~pglint.ir.cfg.AcquireInfo`
  and where it happens (for witness paths across calls);
* **lends a resource** — a ``@contextmanager``/``@asynccontextmanager``
  generator that yields one: ``with helper() as conn`` is a managed checkout
  (whether the generator gives it back when the ``with`` body raises is the
  generator's own finding);
* per parameter (:class:`ParamSummary`) one effect, in the vocabulary of
  :class:`pglint.drivers.model.Function` and ``[tool.pglint.resources]``:
  ``release``/``close`` (given back on every path, exceptions included),
  ``takes-ownership`` (stored, returned, passed on; or given back whenever it
  returns but not when it raises: then the *helper* is reported, see
  :func:`summary_findings`; a release only under a condition is left alone) or
  ``borrows`` (used, never given back nor passed on: the caller keeps the duty).

Frontends read the summaries while lowering callers (through
``ProjectIndex.summary``): a returns-fresh call is an ``acquire`` whose
``AcquireInfo.via`` says what happens inside the helper; an argument passed to
a ``release`` parameter is a ``release`` (then the call, which may raise); to a
``borrows`` parameter a ``use``; anything else stays an ``escape``.

Computing them (:func:`summarise_project`) needs the helpers' CFGs with their
parameters tracked: files are lowered with :func:`summary_registry`, which binds
every parameter the frontend knows nothing about to a wildcard resource whose
methods are the release/close/query methods of all the language's drivers.
Summaries flow bottom-up by rounds: round 0 lowers every file with no
summaries; each later round lowers again only the files that asked for a
summary that changed, until nothing changes (recursion and cycles converge
there) or :data:`MAX_ROUNDS` (the depth bound) is reached. Everything in a
summary is plain, picklable data.
"""

from __future__ import annotations

import os
import re
import time
from functools import lru_cache
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Callable, Iterable, Mapping

from ..drivers.model import DriverModel, DriverRegistry, KindInfo, Method, Value
from ..ir.cfg import AcquireInfo, Ev, FunctionCFG, Node, ReleaseInfo
from .objects import object_lifecycle_findings
from .resources import HELD, LEND_LABEL, ResourceFinding, _Explorer

if TYPE_CHECKING:
    from ..ir.lowered import LoweringProject as ProjectIndex, SourceFile as ParsedFile

FunctionKey = tuple[str, str]  # (path, qualified name as in FunctionCFG.name)

MAX_ROUNDS = 6  # helpers of helpers of … deeper than this are not followed
# a module that involves no driver can only release, use or pass on a parameter with one of these
RESOURCE_CALL = re.compile(rb"\.(?:release|end|close|query|execute|executemany|cursor|commit|rollback|"
                           rb"putconn|fetch|fetchrow|fetchval|transaction|copy_\w+|prepare)\s*\(")
# methods whose call on a parameter shows it is a connection (a "borrows" summary needs one)
RESOURCE_METHODS = frozenset({"query", "execute", "executemany", "fetch", "fetchrow", "fetchval",
                              "cursor", "transaction", "copy_from", "copy_to", "copy_expert",
                              "copy_records_to_table", "prepare"})
PARAM_DRIVER = "<param>"
RETURN_LABELS = frozenset({"returned"})
# a resource returned inside a tuple/array or an object literal: `return conn, cur`,
# `return [client, done]`, `return { client, release }` (the frontends' escape label; the parts
# after `releases:` are functions returned beside it that give it back)
RETURN_PART = re.compile(r"returned as (?P<part>\[\d+\]|\.[\w$]+)(?: \(released by (?P<rel>[^)]*)\))?$")
CAPTURE_LABEL = "captured by callback"


def return_part_label(part: str, releasers: Iterable[str] = ()) -> str:
    """The escape label of a resource returned as ``part`` (``[0]``, ``.client``) of a literal."""
    rel = ", ".join(releasers)
    return f"returned as {part} (released by {rel})" if rel else f"returned as {part}"


@dataclass(frozen=True, slots=True)
class ReturnSummary:
    value: Value  # the driver value of what is returned (``pool-client(pg)``)
    info: AcquireInfo  # the acquisition inside the helper
    paths: str  # "all" | "some"
    origin: str  # for witness steps: "checks out a client at db.js 8:10"
    steps: tuple[tuple[str, int, int, str], ...] = ()  # witness steps inside: (path, line, column, message)
    # returned as one part of a literal: "[0]" (tuple/array element) or ".client" (object key);
    # "" = the resource itself; ``releasers``: the parts that are functions giving it back
    part: str = ""
    releasers: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ParamSummary:
    index: int  # position among the arguments a caller passes (no self/this)
    name: str
    effect: str  # "release" | "close" | "takes-ownership" | "borrows"
    paths: str = "all"  # "all" | "some" (a partial release: the helper is reported)
    where: str = ""  # "db.js 12:3": where it is given back / handed over


@dataclass(frozen=True, slots=True)
class FunctionSummary:
    key: FunctionKey
    is_async: bool = False
    returns: ReturnSummary | None = None
    lends: ReturnSummary | None = None  # a context-manager generator yielding a resource
    params: tuple[ParamSummary, ...] = ()
    # some call in the project passes it a connection of a known driver (not only a parameter):
    # the evidence a "gives it back only when nothing throws" parameter is reported on
    received: bool = False
    # every `return` gives back this one pool (`get_pool()`): a caller's result is that pool
    pool: Value | None = None

    def param(self, index: int) -> ParamSummary | None:
        for p in self.params:
            if p.index == index:
                return p
        return None

    def __bool__(self) -> bool:
        return (self.returns is not None or self.lends is not None or bool(self.params)
                or self.pool is not None)


@dataclass(slots=True)
class SummaryStats:
    """What the summary pass cost (for the benchmark and ``--statistics``)."""

    files: int = 0
    functions: int = 0
    summarised: int = 0  # functions with a non-trivial summary
    rounds: int = 0
    lowerings: int = 0  # file lowerings done by the pass (round 0 lowers every file once)
    seconds: float = 0.0
    per_round: list[int] = field(default_factory=list)


# ---------------------------------------------------------------------------
# The registry used while computing summaries


@lru_cache(maxsize=8)
def summary_registry(base: DriverRegistry) -> DriverRegistry:
    """``base`` plus, per language, a wildcard resource that unknown parameters are bound to.

    Its methods are the receiver release/close methods (and query/commit/rollback
    methods) of every resource kind of the language's drivers, so that
    ``client.release()`` / ``conn.close()`` on an untyped parameter is a release.
    """
    models = list(base.models.values())
    extra: list[DriverModel] = []
    params: dict[str, Value] = {}
    for lang in ("python", "javascript"):
        name = f"{PARAM_DRIVER}:{lang}"
        methods: dict[str, Method] = {}
        for m in base.for_language(lang):
            for meth in m.methods:
                info = m.kinds.get(meth.receiver)
                if info is None or info.category not in ("pool-client", "connection"):
                    continue
                if meth.effect in ("release", "close") and meth.arg is None:
                    cur = methods.get(meth.name)
                    if cur is None or cur.effect not in ("release", "close"):
                        methods[meth.name] = Method("param", meth.name, meth.effect,
                                                    destroys_with_arg=meth.destroys_with_arg)
                elif meth.effect in ("query", "commit", "rollback") and meth.name not in methods:
                    methods[meth.name] = Method("param", meth.name, meth.effect, awaited=meth.awaited,
                                                callback=meth.callback)
        local = tuple(sorted({a for m in base.for_language(lang) for k in m.kinds.values()
                              for a in k.local_attributes}))
        extra.append(DriverModel(
            name=name, language=lang,  # type: ignore[arg-type]
            modules=(), kinds={"param": KindInfo("pool-client", "client" if lang == "javascript"
                                                 else "connection", "", local_attributes=local)},
            methods=tuple(methods.values()), docs="parameters, while computing function summaries",
        ))
        params[lang] = Value(name, "param")
    reg = DriverRegistry([*models, *extra])
    reg.param_values = params
    return reg


# ---------------------------------------------------------------------------
# One function


def _where(path: str, node: Node | None) -> str:
    span = node.span if node is not None else None
    name = os.path.basename(path)
    return f"{name} {span.line}:{span.column}" if span is not None else name


def _origin(cfg: FunctionCFG, site: Node, info: AcquireInfo) -> str:
    where = _where(cfg.path, site)
    if info.via:
        return f"calls `{info.api}` at {where} → which {info.via}"
    verb = "checks out" if info.kind == "pool-client" else "opens"
    return f"{verb} a {info.noun} at {where} (`{info.api}`)"


def _returns(cfg: FunctionCFG, registry: DriverRegistry | None) -> tuple[ReturnSummary | None,
                                                                         ReturnSummary | None]:
    """(returns-fresh, lends) for ``cfg``."""
    returns: ReturnSummary | None = None
    lends: ReturnSummary | None = None
    for site in cfg.events(Ev.ACQUIRE):
        info = site.info
        if not isinstance(info, AcquireInfo) or site.var is None or info.driver.startswith(PARAM_DRIVER):
            continue
        ex = _Explorer(cfg, site)
        findings = ex.run()
        value = Value(info.driver, info.value_kind or _kind_for(registry, info))
        if cfg.context_manager:
            if any(cfg.nodes[k[0]].label == LEND_LABEL for k in ex.parent if cfg.nodes[k[0]].var in k[1].aliases):
                lends = lends or ReturnSummary(value, info, "all", _origin(cfg, site, info))
            continue
        returned = [nid for nid in ex.escapes if cfg.nodes[nid].label in RETURN_LABELS]
        part = ""
        releasers: tuple[str, ...] = ()
        if not returned:
            # returned as one part of a literal, the same part on every path
            parts = {nid: RETURN_PART.match(cfg.nodes[nid].label or "") for nid in ex.escapes}
            returned = [nid for nid, m in parts.items() if m is not None]
            found = {(m.group("part"), m.group("rel") or "") for m in parts.values() if m is not None}
            if len(found) != 1:
                continue
            part, rel = found.pop()
            releasers = tuple(r for r in rel.split(", ") if r)
        if not returned:
            continue
        others = [nid for nid in ex.escapes if nid not in returned
                  and not (releasers and cfg.nodes[nid].label == CAPTURE_LABEL)]
        normal_exit_other = any(st != "escaped" for (nid, st) in ex.exits if nid == cfg.exit)
        all_paths = not others and not normal_exit_other and not ex.releases and not findings
        paths = "all" if all_paths else "some"
        if part and paths != "all":
            continue  # a part of a literal only when that is the only way out of the helper
        if returns is None or (returns.paths == "some" and paths == "all"):
            returns = ReturnSummary(value, info, paths, _origin(cfg, site, info),
                                    _steps(cfg, site, info, cfg.nodes[min(returned)]), part, releasers)
    return returns, lends


def _steps(cfg: FunctionCFG, site: Node, info: AcquireInfo,
           ret: Node | None) -> tuple[tuple[str, int, int, str], ...]:
    """Witness steps inside a returns-fresh helper: where it acquires (or calls a helper that
    does, and that helper's steps), and where it returns the resource."""
    out: list[tuple[str, int, int, str]] = []
    if site.span is not None:
        if info.via:
            out.append((cfg.path, site.span.line, site.span.column,
                        f"`{cfg.name}()` calls `{info.api}`, which {info.via}"))
        else:
            verb = "checks out" if info.kind == "pool-client" else "opens"
            out.append((cfg.path, site.span.line, site.span.column,
                        f"`{cfg.name}()` {verb} the {info.noun} here (`{info.api}`)"))
    out.extend(info.via_steps)
    if ret is not None and ret.span is not None:
        out.append((cfg.path, ret.span.line, ret.span.column, f"`{cfg.name}()` returns it to its caller"))
    return tuple(out[:12])  # deep helper chains: the first steps are the informative ones


def _kind_for(registry: DriverRegistry | None, info: AcquireInfo) -> str:
    """The model kind of an acquisition made before ``value_kind`` was recorded (by category)."""
    if registry is not None and info.driver in registry.models:
        for kind, k in registry.models[info.driver].kinds.items():
            if k.category == info.kind:
                return kind
    return info.kind


def _param_info(cfg: FunctionCFG, var: str, hows: set[str]) -> AcquireInfo:
    closes = bool(hows) and hows <= {"close"}
    noun = "connection" if closes or cfg.language == "python" else "client"
    hint = f"{var}.close()" if closes else (f"{var}.release()" if cfg.language == "javascript"
                                            else f"the release of `{var}`")
    return AcquireInfo(driver=f"{PARAM_DRIVER}:{cfg.language}",
                       kind="connection" if closes else "pool-client", api=var, noun=noun,
                       release_hint=hint, pool_resets_transaction=True, double_release_raises=False)


def _param(cfg: FunctionCFG, index: int, var: str,
           borrowers: frozenset[str]) -> tuple[ParamSummary | None, ResourceFinding | None]:
    entry = cfg.nodes[cfg.entry]
    probe = _Explorer(cfg, entry, start_var=var, info=_param_info(cfg, var, set()),
                      borrowers=borrowers)
    probe.evidence = RESOURCE_METHODS
    probe.run()
    if probe.escapes:
        nid = min(probe.escapes)
        return ParamSummary(index, var, "takes-ownership", "all", _where(cfg.path, cfg.nodes[nid])), None
    if probe.releases:
        hows = {n.info.how for n in (cfg.nodes[i] for i in probe.releases)
                if isinstance(n.info, ReleaseInfo)}
        effect = "close" if hows <= {"close"} else "release"
        where = _where(cfg.path, cfg.nodes[min(probe.releases)])
        held_normal = (cfg.exit, HELD) in probe.exits
        held_raising = (cfg.raise_exit, HELD) in probe.exits
        if not held_normal and not held_raising:
            return ParamSummary(index, var, effect, "all", where), None
        if held_normal:
            # given back on some normal paths only: a conditional release (`if (owned)
            # c.release()`), which callers arrange for; they hand it over, nobody is reported
            return None, None
        # given back whenever it returns, not when it raises: the helper took the duty over and
        # fails it when something throws first (a release after COMMIT); reported here
        site = Node(entry.id, Ev.ENTRY, cfg.span, var=var, label=cfg.name,
                    info=_param_info(cfg, var, hows), succ=entry.succ)
        ex = _Explorer(cfg, site, start_var=var, borrowers=borrowers)
        found = [f for f in ex.run() if f.kind == "leak"]
        return ParamSummary(index, var, "takes-ownership", "some", where), (found[0] if found else None)
    if probe.used_as_resource:
        return ParamSummary(index, var, "borrows"), None
    return None, None  # nothing shows it is a connection: calls stay escapes

def summarise_function(cfg: FunctionCFG, registry: DriverRegistry | None = None
                       ) -> tuple[FunctionSummary, list[ResourceFinding]]:
    """The summary of one function, from its CFG lowered with :func:`summary_registry`,
    and the findings in it about parameters it gives back on some paths only."""
    returns, lends = _returns(cfg, registry)
    params: list[ParamSummary] = []
    findings: list[ResourceFinding] = []
    borrowers = frozenset(p for p in cfg.params if p)
    for i, p in enumerate(cfg.params):
        if not p:
            continue
        ps, finding = _param(cfg, i, p, borrowers - {p})
        # "takes-ownership" on every path is what a call does without a summary (an escape):
        # only the effects that change a caller's analysis (or report the helper) are kept
        if ps is not None and (ps.effect != "takes-ownership" or ps.paths == "some"):
            params.append(ps)
        if finding is not None:
            findings.append(finding)
    pool = Value(*cfg.returns_pool) if cfg.returns_pool is not None else None
    return FunctionSummary(summary_key(cfg), cfg.is_async, returns, lends, tuple(params),
                           pool=pool), findings


def summary_key(cfg: FunctionCFG) -> FunctionKey:
    """The key callers find ``cfg`` by: ``exports.getClient = function …`` is ``getClient``."""
    name = cfg.name
    for prefix in ("module.exports.", "exports."):
        if name.startswith(prefix) and "/" not in name:
            return (cfg.path, name[len(prefix):])
    return cfg.key


# ---------------------------------------------------------------------------
# The project


@dataclass(frozen=True, slots=True)
class FileSummaries:
    """The first round of the summary pass for one file: its functions' summaries computed
    with no summary of any other function known (plain, picklable data: a worker computes
    it, the per-file cache keeps it)."""

    path: str
    ok: bool  # False: the file failed to lower (checking it reports the error)
    functions: tuple[tuple[FunctionKey, FunctionSummary | None], ...] = ()  # in CFG order
    deps: frozenset[FunctionKey] = frozenset()  # summaries its lowering asked for
    param_deps: frozenset[FunctionKey] = frozenset()  # ... with a resource passed in
    received: frozenset[FunctionKey] = frozenset()  # functions it passes a known driver's value


def summarise_file(project: "ProjectIndex", parsed: "ParsedFile", registry: DriverRegistry) -> FileSummaries:
    """Round 0 of :func:`summarise_project` for one file: lowered against ``project`` with no
    summaries (``project.summaries`` must be empty), so the result depends only on the file
    and the modules it reaches through imports — it can run in any process, in any order,
    and be cached with the file."""
    assert not project.summaries, "round 0 is computed with no summaries known"
    path = parsed.path
    project.summary_deps.pop(path, None)
    project.summary_param_deps.pop(path, None)
    saved, project.summary_received = project.summary_received, set()
    try:
        cfgs = project.lower(parsed, summary_registry(registry)).functions
    except Exception:  # noqa: BLE001 - the check phase reports it
        return FileSummaries(path, False, received=frozenset(project.summary_received))
    finally:
        received, project.summary_received = project.summary_received, saved
    functions: list[tuple[FunctionKey, FunctionSummary | None]] = []
    for cfg in cfgs:
        summ, _ = summarise_function(cfg, registry)
        functions.append((summ.key, summ if summ else None))
    return FileSummaries(path, True, tuple(functions),
                         frozenset(project.summary_deps.pop(path, ())),
                         frozenset(project.summary_param_deps.pop(path, ())),
                         frozenset(received))


def summarise_project(project: "ProjectIndex", parsed: Mapping[str, "ParsedFile"],
                      registry: DriverRegistry, paths: Iterable[str],
                      first: dict[str, FileSummaries] | None = None) -> SummaryStats:
    """Compute the summaries of every function in ``paths`` into ``project.summaries``.

    Round 0 lowers every file with no summaries known (:func:`summarise_file`;
    ``first`` holds the results already computed — by worker processes or the
    cache — and the rest are computed here). The later rounds lower, in
    bottom-up order (a module after the project modules it imports), each file
    that asked for a summary that changed since it was last lowered, against
    the summaries known so far: an acyclic chain of helpers across files is
    summarised in one such round. Recursion and import cycles need more
    rounds, for at most :data:`MAX_ROUNDS` (the depth bound). A file that
    fails to lower is skipped here (checking it reports the error). Only the
    files calling a summarised function are lowered again, so the pass costs
    about one lowering per summarised file, which round 0 spreads over the
    worker processes.
    """
    stats = SummaryStats()
    t0 = time.perf_counter()
    sreg = summary_registry(registry)
    todo = _bottom_up(project, [p for p in paths if p in parsed])
    stats.files = len(todo)
    table: dict[FunctionKey, FunctionSummary] = {}
    by_file: dict[str, list[FunctionKey]] = {}
    deps: dict[str, set[FunctionKey]] = {}
    param_deps: dict[str, set[FunctionKey]] = {}
    # when each summary last changed (a counter): what callers read of it (returns, lends,
    # async) and what it does to its parameters; and when each file was last lowered
    version: dict[FunctionKey, int] = {}
    param_version: dict[FunctionKey, int] = {}
    lowered_at: dict[str, int] = {}
    clock = [0]

    def bump(key: FunctionKey, returns: bool, params: bool) -> None:
        clock[0] += 1
        if returns:
            version[key] = clock[0]
        if params:
            param_version[key] = clock[0]

    # ---- round 0: every file on its own, no summaries known
    first = first if first is not None else {}  # filled in place: the engine caches it
    project.summaries = {}
    for path in todo:
        if path not in first:
            first[path] = summarise_file(project, parsed[path], registry)
    received: set[FunctionKey] = set()
    stats.rounds = 1
    stats.per_round.append(len(todo))
    for path in todo:
        r = first[path]
        lowered_at[path] = 0
        received |= r.received
        if not r.ok:
            continue
        stats.lowerings += 1
        deps[path] = set(r.deps)
        param_deps[path] = set(r.param_deps)
        keys: list[FunctionKey] = []
        for key, summ in r.functions:
            keys.append(key)
            old = table.get(key)
            _diff(old, summ, bump)
            if summ is not None:
                table[key] = summ
            elif old is not None:
                del table[key]
        by_file[path] = keys

    def stale(p: str) -> bool:
        at = lowered_at.get(p)
        return at is not None and (any(version.get(k, 0) > at for k in deps.get(p, ()))
                                   or any(param_version.get(k, 0) > at for k in param_deps.get(p, ())))

    # ---- later rounds: the files whose callees' summaries changed, bottom-up, live table
    project.summary_received = received
    project.summary_deps = {p: set(d) for p, d in deps.items()}
    project.summary_param_deps = {p: set(d) for p, d in param_deps.items()}
    project.summaries = table  # live: a file lowered later in the round sees what came before
    for _ in range(MAX_ROUNDS):
        lowered = 0
        for path in todo:
            if not stale(path):
                continue
            lowered += 1
            pf = parsed[path]
            project.summary_deps.pop(path, None)
            project.summary_param_deps.pop(path, None)
            lowered_at[path] = clock[0]
            try:
                cfgs = project.lower(pf, sreg).functions
            except Exception:  # noqa: BLE001 - the check phase reports it
                continue
            stats.lowerings += 1
            deps[path] = set(project.summary_deps.get(path, ()))
            param_deps[path] = set(project.summary_param_deps.get(path, ()))
            keys = []
            for cfg in cfgs:
                summ, _ = summarise_function(cfg, registry)
                keys.append(summ.key)
                old = table.get(summ.key)
                _diff(old, summ if summ else None, bump)
                if summ:
                    table[summ.key] = summ
                elif old is not None:
                    del table[summ.key]
            for k in by_file.get(path, []):
                if k not in keys and k in table:
                    _diff(table.pop(k), None, bump)
            by_file[path] = keys
        if not lowered:
            break
        stats.rounds += 1
        stats.per_round.append(lowered)
    for key in project.summary_received & table.keys():
        if table[key].params:
            table[key] = replace(table[key], received=True)
    project.summaries = table
    project.summary_deps = deps
    project.summary_param_deps = param_deps
    stats.functions = sum(len(v) for v in by_file.values())
    stats.summarised = len(table)
    stats.seconds = time.perf_counter() - t0
    return stats


def _bottom_up(project: "ProjectIndex", paths: list[str]) -> list[str]:
    """``paths`` with every module after the project modules it imports (cycles: in DFS order)."""
    wanted = set(paths)
    out: list[str] = []
    done: set[str] = set()
    for root in paths:
        if root in done:
            continue
        done.add(root)
        stack: list[tuple[str, list[str]]] = [(root, _imports(project, root))]
        while stack:
            node, succ = stack[-1]
            if succ:
                nxt = succ.pop()
                if nxt not in done:
                    done.add(nxt)
                    stack.append((nxt, _imports(project, nxt)))
                continue
            stack.pop()
            if node in wanted:
                out.append(node)
    return out


def _imports(project: "ProjectIndex", path: str) -> list[str]:
    return project.import_targets(path)


def _diff(old: FunctionSummary | None, new: FunctionSummary | None,
          bump: Callable[[FunctionKey, bool, bool], None]) -> None:
    """Record what changed between two summaries of one function (returns part, params part)."""
    if old == new:
        return
    some = old if old is not None else new
    assert some is not None

    def head(s: FunctionSummary | None) -> object:
        return ((s.returns, s.lends, s.is_async, s.pool)
                if s is not None and (s.returns or s.lends or s.pool) else None)

    returns = head(old) != head(new)
    params = (old.params if old else ()) != (new.params if new else ())
    if returns or params:
        bump(some.key, returns, params)


def summary_paths(project: "ProjectIndex", parsed: Mapping[str, "ParsedFile"], gate: bool) -> list[str]:
    """The files to summarise: with the gate, those it passes and every project module they reach
    through imports and re-exports, transitively; without it, every file.

    A helper that hands out or takes a connection imports a driver (or a module
    that does) itself, so it passes the gate; the modules reached add helpers
    that only receive one (``release_quietly(conn)`` in a ``utils`` module, and
    the helpers it passes the connection on to). Summaries of a module depend
    only on the modules it reaches, so the gate changes no summary a gated file
    can see. Of the modules that involve no driver, only those whose text calls
    a connection method (:data:`RESOURCE_CALL`), or that import one of those
    (``use(conn)`` in ``a`` calling ``finish(conn)`` in ``b``), are summarised:
    a module with neither can do nothing to a connection it is passed."""
    involved = {p for p in parsed if project.involves_postgres(p)}
    if gate:
        scope: set[str] = set()
        stack = list(involved)
        while stack:
            p = stack.pop()
            if p in scope or p not in parsed:
                continue
            scope.add(p)
            stack.extend(project.targets(p))
    else:
        scope = set(parsed)
    sources = getattr(parsed, "sources", None)  # the engine's lazily parsed files: no parse needed here

    def text(p: str) -> bytes:
        return sources[p] if sources is not None and p in sources else parsed[p].source

    kept = {p for p in scope if p in involved or RESOURCE_CALL.search(text(p))}
    users: dict[str, list[str]] = {}
    for p in scope:
        for target in project.targets(p):
            users.setdefault(target, []).append(p)
    stack = list(kept)
    while stack:  # and what imports a kept module: it may pass a connection on to it
        for user in users.get(stack.pop(), ()):
            if user not in kept:
                kept.add(user)
                stack.append(user)
    return [p for p in parsed if p in kept]


def summary_findings(parsed: "ParsedFile", project: "ProjectIndex", registry: DriverRegistry,
                     functions: list[FunctionCFG]) -> list[ResourceFinding]:
    """The findings the summaries add to one file: stored checkouts no method gives back
    (:func:`class_field_findings`) and parameters given back on some paths only."""
    out = class_field_findings(functions) + object_lifecycle_findings(functions)
    # (only for helpers some caller hands a connection of a known driver: `x.close()` at the end of
    # a function taking a session, a file or a result is no connection's release)
    partial = {key[1] for key, summ in project.summaries.items() if key[0] == parsed.path
               and getattr(summ, "received", False)
               and any(p.paths == "some" for p in getattr(summ, "params", ()))}
    if partial:
        sreg = summary_registry(registry)
        for cfg in project.lower(parsed, sreg).functions:
            if summary_key(cfg)[1] in partial:
                out.extend(summarise_function(cfg, registry)[1])
    return out


# ---------------------------------------------------------------------------
# Classes: open/close pairs


def class_field_findings(functions: list[FunctionCFG]) -> list[ResourceFinding]:
    """A method that stores a checkout on ``self``/``this`` in a class with no method giving it back.

    ``open()`` storing ``this.client`` and ``close()`` releasing it are a pair:
    nothing is reported. When another method of the class uses the field (the
    object owns it: an open/use pair) and no method of the class releases it,
    passes it on or returns it, the storing method is reported. A field stored
    and not used by another method is held for someone else (``holder.client``)
    or kept by one method for itself; neither is reported.
    """
    classes: dict[str, list[FunctionCFG]] = {}
    for cfg in functions:
        if "." in cfg.name and "<locals>" not in cfg.name.rsplit(".", 1)[0]:
            classes.setdefault(cfg.name.rsplit(".", 1)[0], []).append(cfg)
    out: list[ResourceFinding] = []
    for cls, methods in classes.items():
        handled: set[str] = set()
        uses: dict[str, set[str]] = {}  # field -> the methods that use it
        for m in methods:
            for n in m.nodes:
                if n.var is None or not n.var.startswith(("self.", "this.")):
                    continue
                if n.kind in (Ev.USE, Ev.BEGIN, Ev.COMMIT, Ev.ROLLBACK):
                    uses.setdefault(n.var.split(".", 1)[1], set()).add(m.name)
                if n.kind is Ev.RELEASE or (n.kind is Ev.ESCAPE and not n.label.startswith("stored in")):
                    handled.add(n.var.split(".", 1)[1])
                elif n.kind is Ev.ALIAS or (n.kind is Ev.USE and n.label.startswith("passed")):
                    handled.add(n.var.split(".", 1)[1])
            for n in m.nodes:  # `conn = self.conn` then `conn.close()`: the alias source
                if n.kind is Ev.ALIAS and n.src is not None and n.src.startswith(("self.", "this.")):
                    handled.add(n.src.split(".", 1)[1])
        for m in methods:
            for site in m.events(Ev.ACQUIRE):
                var = site.var
                info = site.info
                if var is None or not isinstance(info, AcquireInfo) or not var.startswith(("self.", "this.")):
                    continue
                fld = var.split(".", 1)[1]
                if fld in handled or not uses.get(fld, set()) - {m.name}:
                    # given back somewhere; or held for someone else (no other method uses it);
                    # or opened and used by one method, like a local the object keeps
                    continue
                stored = [n for n in m.nodes if n.kind is Ev.ESCAPE and n.var == var
                          and n.label.startswith("stored in")]
                if not stored:
                    continue
                out.append(ResourceFinding("leak", m, site, site, "field", None, (
                    *_first_step(m, site, info),
                )))
    return out


def _first_step(cfg: FunctionCFG, site: Node, info: AcquireInfo) -> tuple["WitnessStep", ...]:
    from .resources import WitnessStep

    if site.span is None:
        return ()
    what = f"{info.noun} checked out of pool" if info.kind == "pool-client" else f"{info.noun} opened"
    cls = cfg.name.rsplit(".", 1)[0]
    return (WitnessStep(site.span, f"{what} and stored in `{site.var}`"),
            WitnessStep(site.span, f"no method of `{cls}` gives `{site.var}` back"))


if TYPE_CHECKING:
    from .resources import WitnessStep
