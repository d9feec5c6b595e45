"""Lifecycles that live in an object: a connection kept in a field by one method, given back by another.

``__aenter__`` storing ``self.conn = await pool.acquire()`` and ``__aexit__``
giving it back, or a JS class whose ``connect()`` sets ``this.client`` and whose
``end()`` releases it, are an open/close pair: the class owns the connection and
nothing is reported while the pair holds (:func:`.summaries.class_field_findings`
reports a field no method gives back). Two shapes break the pair, and are
reported here (PG101 for a pool checkout, PG103 for a direct connection):

* **the opening method raises after storing** (reason ``enter-raises``): in
  ``__aenter__``/``open()``/``connect()``/``start()``/a constructor, a failing
  ``BEGIN`` after ``self.conn = …`` leaves the method by an exception, so the
  caller never gets the object (``async with`` does not call ``__aexit__`` when
  ``__aenter__`` raises) and nothing gives the connection back. The fix is an
  ``except``/``catch`` that gives it back before re-raising.
* **the closing method can skip the release** (reason ``exit-skips``): in the
  method that gives the field back and ends the object's use of it (``__aexit__``,
  ``close()``, ``end()``, ``commit()``…; not a reconnect), something that can fail runs first
  (``await self.tx.commit(); await pool.release(self.conn)``, a ``COMMIT`` in a
  ``finally`` before ``client.release()``), and its exception leaves the method
  with the connection still held. The fix is a nested ``finally``.

Only exceptions from plausible sources count (the resource's own queries and
transaction calls, a database-looking call such as ``self.tx.commit()``, another
checkout, an ``await`` of something unknown, ``raise``/``throw``): a close that
first cancels a task or flips a flag is not reported.
"""

from __future__ import annotations

from ..ir.cfg import AcquireInfo, Ev, FunctionCFG, Node
from .resources import (HELD, ResourceFinding, WitnessStep, _alias_closure, _Explorer, _Key, _State,
                        call_text)

STORED = "stored"  # the resource is in a field of the object: the object's duty, unless the method raises

#: Methods that open what the object holds: when they raise, the caller never gets the object.
OPENING_METHODS = frozenset({
    "__enter__", "__aenter__", "__init__", "constructor", "open", "connect", "start", "init",
    "initialize", "setup", "begin", "acquire", "aopen", "astart", "aconnect",
})
CONSTRUCTORS = frozenset({"__init__", "constructor"})
#: Methods that end what the object holds: after them nobody gives the resource back. (A method
#: that gives the field back to replace it — a reconnect — leaves it with the object when it fails.)
CLOSING_METHODS = frozenset({
    "__exit__", "__aexit__", "__del__", "close", "aclose", "end", "release", "disconnect", "stop",
    "shutdown", "dispose", "destroy", "teardown", "cleanup", "terminate", "finish", "quit", "exit",
    "commit", "rollback", "abort", "done", "free",
})
#: The method that would give the resource back, by the opening method's name (context managers).
EXIT_OF = {"__enter__": "__exit__", "__aenter__": "__aexit__"}
#: Names of calls that talk to the database: their failure is a plausible exception source.
DB_CALLS = frozenset({
    "query", "execute", "executemany", "fetch", "fetchrow", "fetchval", "fetchone", "fetchall",
    "commit", "rollback", "start", "begin", "prepare", "copy_expert", "copy_from", "copy_to",
    "copy_records_to_table", "set_type_codec", "set_builtin_type_codec", "add_listener", "listen",
    "reset", "connect", "savepoint",
})


def _method(cfg: FunctionCFG) -> tuple[str, str] | None:
    """(class, method) of a method's CFG, ``None`` for other functions."""
    if "." not in cfg.name or "/" in cfg.name:
        return None
    cls, _, meth = cfg.name.rpartition(".")
    if "<locals>" in cls:
        return None
    return cls, meth


def _field(var: str | None) -> str | None:
    """``self.conn`` / ``this.client`` → the field's name."""
    if var is None or not var.startswith(("self.", "this.")):
        return None
    rest = var.split(".", 1)[1]
    return rest if rest and "." not in rest else None


def _stored_field(cfg: FunctionCFG, site: Node) -> str | None:
    """The field an acquisition is kept in: ``self.conn = …`` or ``conn = …; self.conn = conn``."""
    fld = _field(site.var)
    if fld is not None:
        return fld
    names = _alias_closure(cfg, frozenset({site.var})) if site.var is not None else frozenset()
    for n in cfg.nodes:
        if n.kind is Ev.ESCAPE and n.var in names and n.label.startswith("stored in "):
            fld = _field(n.label[len("stored in "):])
            if fld is not None:
                return fld
    return None


def _releases(cfg: FunctionCFG, fld: str) -> bool:
    names = _alias_closure(cfg, frozenset({f"self.{fld}", f"this.{fld}"}))
    return any(n.kind is Ev.RELEASE and n.var in names for n in cfg.nodes)


def _plausible(n: Node, names: frozenset[str]) -> bool:
    """Whether ``n``'s exception is one a witness should go through (see the module docstring)."""
    if n.kind is Ev.RAISE and n.label == "AssertionError":
        return False  # `assert self.conn is not None`: an invariant, not a failure to survive
    if n.kind in (Ev.RAISE, Ev.ACQUIRE):
        return True
    if n.kind in (Ev.BEGIN, Ev.COMMIT, Ev.ROLLBACK) and n.var in names:
        return True
    if n.kind is Ev.USE and n.var in names:  # a query, not `add_notify_handler()` or `on('error')`
        return n.call is not None or call_text(n.label).rsplit(".", 1)[-1] in DB_CALLS
    if n.kind is Ev.CALL:
        return n.label == "await" or call_text(n.label).rsplit(".", 1)[-1] in DB_CALLS
    return False


class _ObjectExplorer(_Explorer):
    """The exploration of one resource that lives in a field: ``stored`` (kept by the object) is
    fine at a normal exit and a leak at an exceptional one; a call of a method of the class that
    gives the field back (``self.close()``) counts as the release."""

    def __init__(self, cfg: FunctionCFG, site: Node, fld: str, closers: frozenset[str],
                 start_var: str | None = None, info: AcquireInfo | None = None) -> None:
        super().__init__(cfg, site, start_var=start_var, info=info)
        self.fld = fld
        self.closers = closers
        base = {site.var} if start_var is None else {start_var}
        names = _alias_closure(cfg, frozenset(v for v in base if v is not None)
                               | {f"self.{fld}", f"this.{fld}"})
        self.quiet = {n.id for n in cfg.nodes if not _plausible(n, names)}
        self.raised: list[_Key] = []  # raise-exit states with the resource stored or held

    def _transfer(self, key: _Key) -> _State | None:
        nid, s = key
        node = self.cfg.nodes[nid]
        if node.kind is Ev.RAISE_EXIT and s.status in (STORED, HELD):
            self.raised.append(key)
            return None
        if node.kind is Ev.EXIT and s.status == STORED:
            return None
        if s.status == STORED and node.kind is Ev.CALL and self._closes(node.label):
            return _State("released", s.aliases, False)
        mine = node.var is not None and node.var in s.aliases
        if (node.kind is Ev.ESCAPE and mine and s.status in (HELD, STORED)
                and _field(node.label[len("stored in "):] if node.label.startswith("stored in ") else None)
                == self.fld):
            return _State(STORED, s.aliases | {f"self.{self.fld}", f"this.{self.fld}"}, s.tx)
        if s.status == STORED:
            out = super()._transfer((nid, _State(HELD, s.aliases, s.tx)))
            if out is not None and out.status == HELD:
                return _State(STORED, out.aliases, out.tx)
            return out
        return super()._transfer(key)

    def _closes(self, label: str) -> bool:
        head, _, meth = call_text(label).rpartition(".")
        return head in ("self", "this") and meth in self.closers


def object_lifecycle_findings(functions: list[FunctionCFG]) -> list[ResourceFinding]:
    """The ``enter-raises`` and ``exit-skips`` findings of the classes among ``functions``."""
    classes: dict[str, list[tuple[str, FunctionCFG]]] = {}
    for cfg in functions:
        m = _method(cfg)
        if m is not None:
            classes.setdefault(m[0], []).append((m[1], cfg))
    out: list[ResourceFinding] = []
    for methods in classes.values():
        # the fields some method acquires into, with the acquisition's facts
        acquired: dict[str, AcquireInfo] = {}
        opening: list[tuple[str, FunctionCFG, Node, str]] = []
        for name, cfg in methods:
            for site in cfg.events(Ev.ACQUIRE):
                if not isinstance(site.info, AcquireInfo):
                    continue
                fld = _stored_field(cfg, site)
                if fld is None:
                    continue
                acquired.setdefault(fld, site.info)
                if name in OPENING_METHODS:
                    opening.append((name, cfg, site, fld))
        if not acquired:
            continue
        closers = {fld: frozenset(name for name, cfg in methods if _releases(cfg, fld)) for fld in acquired}
        for name, cfg, site, fld in opening:
            if not closers[fld] and name not in EXIT_OF:
                continue  # no method gives it back: the class-field check's business
            f = _enter_raises(cfg, site, fld, closers[fld], name)
            if f is not None:
                out.append(f)
        for fld, info in acquired.items():
            for name, cfg in methods:
                if name in closers[fld] and name in CLOSING_METHODS:
                    f = _exit_skips(cfg, fld, info, closers[fld])
                    if f is not None:
                        out.append(f)
    return out


def _enter_raises(cfg: FunctionCFG, site: Node, fld: str, closers: frozenset[str],
                  method: str) -> ResourceFinding | None:
    ex = _ObjectExplorer(cfg, site, fld, closers)
    ex.run()
    if ex.gave_up:
        return None
    for key in ex.raised:
        if key[1].status != STORED:
            continue  # raised before it was stored: the ordinary analysis reports that
        reason, trigger = ex._exit_reason(key)
        f = ex._finding("leak", site, "enter-raises", trigger,
                        tuple(k for k, _ in ex._path(key)))
        closer = EXIT_OF.get(method) or sorted(closers)[0]
        noun = f.info.noun
        holder = f"{'this' if cfg.language == 'javascript' else 'self'}.{fld}"
        steps = list(f.steps[:-1])
        at = trigger.span if trigger is not None and trigger.span is not None else site.span
        if at is not None:
            if method in EXIT_OF or method in CONSTRUCTORS:
                why = f"the caller never gets the object, so `{closer}()` is not called"
            else:
                why = f"a caller whose `{method}()` failed does not call `{closer}()`"
            steps.append(WitnessStep(at, f"the exception leaves `{method}()` with the {noun} kept in "
                                         f"`{holder}`: {why}"))
        return ResourceFinding("leak", cfg, site, site, "enter-raises", trigger, tuple(steps))
    return None


def _exit_skips(cfg: FunctionCFG, fld: str, info: AcquireInfo,
                closers: frozenset[str]) -> ResourceFinding | None:
    entry = cfg.nodes[cfg.entry]
    var = next((v for v in (f"self.{fld}", f"this.{fld}") if any(n.var == v for n in cfg.nodes)), None)
    if var is None:
        return None
    site = Node(entry.id, Ev.ENTRY, cfg.span, var=var, label=cfg.name, info=info, succ=entry.succ)
    ex = _ObjectExplorer(cfg, site, fld, closers - {cfg.name.rpartition(".")[2]}, start_var=var, info=info)
    ex.run()
    if ex.gave_up or not ex.releases:
        return None
    for key in ex.raised:
        if key[1].status != HELD:
            continue
        reason, trigger = ex._exit_reason(key)
        if trigger is None:
            continue
        path = tuple(k for k, _ in ex._path(key))
        f = ex._finding("leak", site, "exit-skips", trigger, path)
        release = cfg.nodes[min(ex.releases)]
        method = cfg.name.rpartition(".")[2]
        steps: list[WitnessStep] = []
        if cfg.span is not None:
            steps.append(WitnessStep(cfg.span, f"`{method}()` gives back the {info.noun} kept in `{var}`"))
        steps.extend(s for s in f.steps[1:-1])
        if trigger.span is not None:
            steps.append(WitnessStep(trigger.span, f"the exception leaves `{method}()` before the release "
                                                   f"at line {release.span.line if release.span else '?'}"
                                                   f", with the {info.noun} {_held(info)}"))
        at = trigger
        return ResourceFinding("leak", cfg, site, at, "exit-skips", trigger, tuple(steps))
    return None


def _held(info: AcquireInfo) -> str:
    return "still checked out" if info.kind == "pool-client" else "still open"
