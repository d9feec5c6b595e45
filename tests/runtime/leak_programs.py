"""The differential check of issue 17: generated programs, run and linted, compared.

A seeded generator builds small functions from the building blocks of the
leak scenarios -- a checkout from a pool, queries that may fail, branches on
the inputs (the same unmodified input tested twice: correlated conditions),
early returns, ``try``/``catch``/``finally``, the release in various places
(only in a ``catch``, only on one branch, in a ``finally``), calls that cannot
throw (``console.log``, ``logging.info``), wrappers around the checkout and the
release, and the client stored in a module-level list that another function of
the module releases. Each program is rendered twice, for node-postgres
(JavaScript) and for psycopg2's pool (Python).

Ground truth comes from running the code against the test server: every
program runs once per input -- each set of failing queries (none; each query
alone; each query and all after it, as when the connection breaks; a failing
query sends ``SELECT 1/0``, which the server rejects) with each value of the
branch inputs -- and after each call the runner counts the pool's checked-out connections
(node-postgres: the clients between the pool's ``acquire`` and ``release``
events; psycopg2: the pool's ``_used`` map), then hands the leftovers back so
the next call starts clean. One ``node`` process runs a whole batch against one
pool; the Python programs run in this process against one pool.

pglint lints all the rendered files in one run; a program on which pglint's
PG101 verdict and the run disagree is reduced (statement by statement, branch
by branch) to a minimal program that still disagrees the same way.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import tempfile
import types
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Union

# -- programs ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Query:
    """A query that fails (``SELECT 1/0``) when the input ``fail`` lists it."""


@dataclass(frozen=True)
class Log:
    """A call that cannot throw: ``console.log`` / ``logging.info``."""


@dataclass(frozen=True)
class Release:
    """Hand the connection back (directly, or through the program's release wrapper)."""


@dataclass(frozen=True)
class Store:
    """Store the connection in a module-level list that ``releaseHeld`` empties."""


@dataclass(frozen=True)
class Return:
    """An early return."""


@dataclass(frozen=True)
class Throw:
    """Throw an application error."""


@dataclass(frozen=True)
class If:
    """``if (var)`` / ``if (!var)`` on one of the inputs ``a``, ``b``, which nothing modifies."""

    var: str
    negated: bool
    then: tuple[Stmt, ...]
    orelse: tuple[Stmt, ...] = ()


@dataclass(frozen=True)
class Try:
    """``try`` with an optional ``catch`` (which may rethrow) and an optional ``finally``."""

    body: tuple[Stmt, ...]
    handler: tuple[Stmt, ...] | None
    rethrow: bool
    final: tuple[Stmt, ...] | None


Stmt = Union[Query, Log, Release, Store, Return, Throw, If, Try]


@dataclass(frozen=True)
class Program:
    """One generated function ``f(a, b, fail)`` and the module around it."""

    body: tuple[Stmt, ...]
    acquire_wrapper: bool = False
    release_wrapper: bool = False

    @property
    def stores(self) -> bool:
        return _any(self.body, lambda s: isinstance(s, Store))

    @property
    def queries(self) -> int:
        return _count(self.body, lambda s: isinstance(s, Query))

    def inputs(self) -> list[tuple[bool, bool, tuple[int, ...]]]:
        """Every input: both values of ``a`` and ``b`` with each set of failing queries.

        The sets: none; each query alone (a statement the server rejects); each
        query and every one after it (the connection broke there: a query in a
        ``catch`` after a failed one fails too).
        """
        n = self.queries
        failures: list[tuple[int, ...]] = [()] + [(i,) for i in range(1, n + 1)]
        failures += [tuple(range(i, n + 1)) for i in range(1, n)]
        return [(a, b, fail) for fail in failures for a in (False, True) for b in (False, True)]


def _children(stmt: Stmt) -> list[tuple[Stmt, ...]]:
    if isinstance(stmt, If):
        return [stmt.then, stmt.orelse]
    if isinstance(stmt, Try):
        return [stmt.body, stmt.handler or (), stmt.final or ()]
    return []


def _any(block: Sequence[Stmt], test: Callable[[Stmt], bool]) -> bool:
    return any(test(s) or any(_any(c, test) for c in _children(s)) for s in block)


def _count(block: Sequence[Stmt], test: Callable[[Stmt], bool]) -> int:
    return sum(int(test(s)) + sum(_count(c, test) for c in _children(s)) for s in block)


# -- the generator -----------------------------------------------------------------------------


class Generator:
    """Random programs from a seed: the same seed gives the same programs."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)

    def program(self) -> Program:
        rng = self.rng
        body = list(self.block(depth=0, length=rng.randint(1, 4)))
        shape = rng.random()
        if shape < 0.3:  # the release in a finally, the rest inside the try
            body = [Try(tuple(body), self.handler(1) if rng.random() < 0.4 else None, rng.random() < 0.5,
                        (Release(),))]
        elif shape < 0.55:  # the release at the end
            if not body or not isinstance(body[-1], (Return, Throw)):
                body.append(Release())
        return Program(tuple(body), acquire_wrapper=rng.random() < 0.15, release_wrapper=rng.random() < 0.15)

    def handler(self, depth: int) -> tuple[Stmt, ...]:
        return self.block(depth, self.rng.randint(0, 2))

    def block(self, depth: int, length: int) -> tuple[Stmt, ...]:
        out: list[Stmt] = []
        for _ in range(length):
            stmt = self.statement(depth)
            out.append(stmt)
            if isinstance(stmt, (Return, Throw)):
                break
        return tuple(out)

    def statement(self, depth: int) -> Stmt:
        rng = self.rng
        choices: list[tuple[float, Callable[[], Stmt]]] = [
            (4, Query), (1.5, Log), (3, Release), (0.6, Store), (1.2, Return), (0.5, Throw),
        ]
        if depth < 2:
            choices += [
                (2.5, lambda: If(rng.choice("ab"), rng.random() < 0.4, self.block(depth + 1, rng.randint(1, 3)),
                                 self.block(depth + 1, rng.randint(0, 2)) if rng.random() < 0.4 else ())),
                (1.5, lambda: Try(self.block(depth + 1, rng.randint(1, 3)),
                                  self.handler(depth + 1) if rng.random() < 0.7 else None, rng.random() < 0.4,
                                  self.block(depth + 1, rng.randint(0, 2)) if rng.random() < 0.5 else None)),
            ]
        total = sum(w for w, _ in choices)
        pick = rng.random() * total
        for weight, make in choices:
            pick -= weight
            if pick <= 0:
                return make()
        return choices[0][1]()


def generate(count: int, seed: int) -> list[Program]:
    gen = Generator(seed)
    return [gen.program() for _ in range(count)]


# -- rendering ---------------------------------------------------------------------------------


class _Renderer:
    def __init__(self, program: Program) -> None:
        self.program = program
        self.query_number = 0
        self.lines: list[str] = []

    def next_query(self) -> int:
        self.query_number += 1
        return self.query_number

    def render(self) -> str:
        raise NotImplementedError


class JsRenderer(_Renderer):
    def render(self) -> str:
        p = self.program
        head = ["const { Pool } = require('pg');", "", "const pool = new Pool();"]
        if p.stores:
            head += ["const held = [];", "",
                     "function releaseHeld() {", "  while (held.length) held.pop().release();", "}"]
        if p.acquire_wrapper:
            head += ["", "async function acquire() {", "  return pool.connect();", "}"]
        if p.release_wrapper:
            head += ["", "function giveBack(c) {", "  c.release();", "}"]
        acquire = "acquire()" if p.acquire_wrapper else "pool.connect()"
        self.lines = [*head, "", "async function f(a, b, fail) {", f"  const client = await {acquire};"]
        self.block(p.body, 1)
        self.lines += ["}", "", "module.exports = { f };", ""]
        return "\n".join(self.lines)

    def block(self, stmts: Sequence[Stmt], depth: int) -> None:
        for s in stmts:
            self.stmt(s, depth)

    def stmt(self, s: Stmt, depth: int) -> None:
        pad = "  " * depth
        emit = self.lines.append
        if isinstance(s, Query):
            n = self.next_query()
            emit(f"{pad}await client.query(fail.includes({n}) ? 'SELECT 1/0' : 'SELECT {n}');")
        elif isinstance(s, Log):
            emit(f"{pad}console.log('step');")
        elif isinstance(s, Release):
            emit(f"{pad}giveBack(client);" if self.program.release_wrapper else f"{pad}client.release();")
        elif isinstance(s, Store):
            emit(f"{pad}held.push(client);")
        elif isinstance(s, Return):
            emit(f"{pad}return 1;")
        elif isinstance(s, Throw):
            emit(f"{pad}throw new Error('application error');")
        elif isinstance(s, If):
            emit(f"{pad}if ({'!' if s.negated else ''}{s.var}) {{")
            self.block(s.then, depth + 1)
            if s.orelse:
                emit(f"{pad}}} else {{")
                self.block(s.orelse, depth + 1)
            emit(f"{pad}}}")
        elif isinstance(s, Try):
            emit(f"{pad}try {{")
            self.block(s.body, depth + 1)
            if s.handler is not None:
                emit(f"{pad}}} catch (e) {{")
                self.block(s.handler, depth + 1)
                if s.rethrow:
                    emit(f"{pad}  throw e;")
            if s.final is not None or s.handler is None:
                emit(f"{pad}}} finally {{")
                self.block(s.final or (), depth + 1)
            emit(f"{pad}}}")


class PyRenderer(_Renderer):
    def render(self) -> str:
        p = self.program
        head = ["import logging", "", "from psycopg2.pool import ThreadedConnectionPool", "",
                'pool = ThreadedConnectionPool(1, 2, "dbname=app")']
        if p.stores:
            head += ["held = []", "", "", "def release_held():", "    while held:",
                     "        pool.putconn(held.pop())"]
        if p.acquire_wrapper:
            head += ["", "", "def acquire():", "    return pool.getconn()"]
        if p.release_wrapper:
            head += ["", "", "def give_back(c):", "    pool.putconn(c)"]
        acquire = "acquire()" if p.acquire_wrapper else "pool.getconn()"
        self.lines = [*head, "", "", "def f(a, b, fail):", f"    conn = {acquire}"]
        self.block(p.body, 1)
        self.lines.append("")
        return "\n".join(self.lines)

    def block(self, stmts: Sequence[Stmt], depth: int) -> None:
        if not stmts:
            self.lines.append("    " * depth + "pass")
        for s in stmts:
            self.stmt(s, depth)

    def stmt(self, s: Stmt, depth: int) -> None:
        pad = "    " * depth
        emit = self.lines.append
        if isinstance(s, Query):
            n = self.next_query()
            emit(f"{pad}conn.cursor().execute('SELECT 1/0' if {n} in fail else 'SELECT {n}')")
        elif isinstance(s, Log):
            emit(f"{pad}logging.info('step')")
        elif isinstance(s, Release):
            emit(f"{pad}give_back(conn)" if self.program.release_wrapper else f"{pad}pool.putconn(conn)")
        elif isinstance(s, Store):
            emit(f"{pad}held.append(conn)")
        elif isinstance(s, Return):
            emit(f"{pad}return 1")
        elif isinstance(s, Throw):
            emit(f"{pad}raise RuntimeError('application error')")
        elif isinstance(s, If):
            emit(f"{pad}if {'not ' if s.negated else ''}{s.var}:")
            self.block(s.then, depth + 1)
            if s.orelse:
                emit(f"{pad}else:")
                self.block(s.orelse, depth + 1)
        elif isinstance(s, Try):
            emit(f"{pad}try:")
            self.block(s.body, depth + 1)
            if s.handler is not None:
                emit(f"{pad}except Exception:")
                if s.handler or not s.rethrow:
                    self.block(s.handler, depth + 1)
                if s.rethrow:
                    emit(f"{pad}    raise")
            if s.final is not None or s.handler is None:
                emit(f"{pad}finally:")
                self.block(s.final or (), depth + 1)


LANGUAGES: dict[str, tuple[str, type[_Renderer]]] = {"js": (".js", JsRenderer), "py": (".py", PyRenderer)}


def render(program: Program, language: str) -> str:
    return LANGUAGES[language][1](program).render()


# -- running -----------------------------------------------------------------------------------

JS_RUNNER = r"""
const fs = require('fs');
const realPg = require(%(pg)s);
const shared = new realPg.Pool({ max: 2, connectionTimeoutMillis: 2000 });
const out = new Set();
shared.on('acquire', (c) => out.add(c));
shared.on('release', (err, c) => out.delete(c));
class Pool { constructor() { return shared; } }
const pg = { ...realPg, Pool };
const fakeRequire = (name) => (name === 'pg' ? pg : require(name));
const write = (s) => process.stdout.write(s + '\n');
console.log = () => {};
(async () => {
  const jobs = JSON.parse(fs.readFileSync(process.argv[1], 'utf8'));
  for (const job of jobs) {
    const mod = { exports: {} };
    new Function('require', 'module', fs.readFileSync(job.file, 'utf8') +
      "\nmodule.exports.releaseHeld = typeof releaseHeld === 'undefined' ? null : releaseHeld;")(fakeRequire, mod);
    const leaks = [];
    for (const [a, b, fail] of job.inputs) {
      try { await mod.exports.f(a, b, fail); } catch (e) { /* the program's own error */ }
      if (mod.exports.releaseHeld) { try { mod.exports.releaseHeld(); } catch (e) { /* released twice */ } }
      if (out.size > 0) leaks.push([a, b, fail]);
      for (const c of [...out]) { out.delete(c); try { c.release(); } catch (e) { /* */ } }
    }
    write(JSON.stringify({ file: job.file, leaks }));
  }
  await shared.end();
  process.exit(0);
})();
"""


@dataclass
class Outcome:
    """What running a program showed: the inputs after which a connection stayed checked out."""

    leaks: list[tuple[bool, bool, tuple[int, ...]]] = field(default_factory=list)

    @property
    def leaked(self) -> bool:
        return bool(self.leaks)


def run_js_batch(files: list[tuple[str, Program]], pg_module: Path, env: dict[str, str]) -> dict[str, Outcome]:
    """Run every (file, program) in one ``node`` process against one pool."""
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as jobs:
        json.dump([{"file": f, "inputs": p.inputs()} for f, p in files], jobs)
    try:
        program = JS_RUNNER % {"pg": json.dumps(str(pg_module))}
        base = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
        done = subprocess.run(["node", "-e", program, jobs.name], capture_output=True, text=True,
                              timeout=600, env={**base, **env})
    finally:
        os.unlink(jobs.name)
    if done.returncode != 0:
        raise RuntimeError(f"node runner failed: {done.stderr.strip()[-2000:]}")
    results: dict[str, Outcome] = {}
    for line in done.stdout.splitlines():
        row = json.loads(line)
        results[row["file"]] = Outcome([(bool(a), bool(b), tuple(fail)) for a, b, fail in row["leaks"]])
    return results


class PythonRunner:
    """Runs psycopg2 programs in this process against one ``ThreadedConnectionPool``."""

    def __init__(self, dsn: str) -> None:
        import psycopg2.pool

        self.real = psycopg2.pool
        self.pool = psycopg2.pool.ThreadedConnectionPool(1, 2, dsn)
        shared = self.pool
        self.module = types.ModuleType("psycopg2.pool")
        self.module.__dict__.update({k: v for k, v in vars(psycopg2.pool).items() if not k.startswith("__")})
        self.module.ThreadedConnectionPool = lambda *args, **kwargs: shared  # type: ignore[attr-defined]

    def close(self) -> None:
        self.pool.closeall()

    def run(self, source: str, program: Program) -> Outcome:
        saved = sys.modules.get("psycopg2.pool")
        sys.modules["psycopg2.pool"] = self.module
        try:
            namespace: dict[str, Any] = {"__name__": "generated"}
            exec(compile(source, "<generated>", "exec"), namespace)
        finally:
            if saved is not None:
                sys.modules["psycopg2.pool"] = saved
        outcome = Outcome()
        kept: list[BaseException] = []  # as an error reporter keeps them (their frames hold the connection)
        for a, b, fail in program.inputs():
            try:
                namespace["f"](a, b, fail)
            except Exception as exc:  # noqa: BLE001 - the program's own error
                kept.append(exc)
            if "release_held" in namespace:
                try:
                    namespace["release_held"]()
                except Exception:  # noqa: BLE001 - released twice
                    pass
            if self.pool._used:
                outcome.leaks.append((a, b, fail))
            for conn in list(self.pool._used.values()):
                try:
                    self.pool.putconn(conn)
                except Exception:  # noqa: BLE001
                    pass
            kept.clear()
        return outcome


# -- linting and comparing ---------------------------------------------------------------------


def pglint_verdicts(paths: list[str]) -> dict[str, list[int]]:
    """The lines of pglint's PG101 findings in each file (one run over all of them)."""
    from pglint.engine import Options, run

    result = run(paths, Options(select=frozenset({"PG101"}), jobs=1))
    found: dict[str, list[int]] = {os.path.abspath(p): [] for p in paths}
    for d in result.diagnostics:
        if d.code == "PG101":
            found.setdefault(os.path.abspath(d.path), []).append(d.span.line)
    return found


@dataclass
class Verdict:
    """One program in one language: what ran and what pglint said."""

    language: str
    index: int
    program: Program
    source: str
    outcome: Outcome
    reported: bool

    @property
    def kind(self) -> str | None:
        if self.outcome.leaked and not self.reported:
            return "false negative"
        if self.reported and not self.outcome.leaked:
            return "false positive"
        return None


class Checker:
    """Renders, runs and lints batches of programs in one language."""

    def __init__(self, language: str, folder: str, pg_module: Path | None = None,
                 env: dict[str, str] | None = None, dsn: str | None = None) -> None:
        self.language = language
        self.folder = folder
        self.pg_module = pg_module
        self.env = env or {}
        self.python = PythonRunner(dsn) if language == "py" and dsn else None
        self.counter = 0

    def close(self) -> None:
        if self.python:
            self.python.close()

    def check(self, programs: Sequence[Program], prefix: str = "p") -> list[Verdict]:
        suffix = LANGUAGES[self.language][0]
        files: list[tuple[str, Program, str]] = []
        for program in programs:
            self.counter += 1
            path = os.path.join(self.folder, f"{prefix}{self.counter:05d}{suffix}")
            source = render(program, self.language)
            Path(path).write_text(source, encoding="utf-8")
            files.append((path, program, source))
        verdicts = pglint_verdicts([f for f, _, _ in files])
        if self.language == "js":
            assert self.pg_module is not None
            outcomes = run_js_batch([(f, p) for f, p, _ in files], self.pg_module, self.env)
        else:
            assert self.python is not None
            outcomes = {f: self.python.run(s, p) for f, p, s in files}
        return [Verdict(self.language, i, p, s, outcomes[f], bool(verdicts[os.path.abspath(f)]))
                for i, (f, p, s) in enumerate(files)]


# -- known gaps -------------------------------------------------------------------------------

#: The false positives pglint is known to give (docs/runtime.md, "Differential check"): a
#: reduced program showing one of these is a documented todo, any other is a new defect.
KNOWN_FALSE_POSITIVES = {
    "correlated conditions": "the same unmodified input tested twice (if (a) ... if (a) / if (!a)): "
                             "pglint follows both branches of each test independently, so it walks "
                             "paths no input takes",
    "stored and released": "the connection is stored in a module-level list (another function releases "
                           "it) and also released in the function: pglint takes the local release as "
                           "the function keeping ownership; the run releases the stored connection "
                           "(and releases it twice on the other paths, a PG102 matter)",
}


def known_false_positive(program: Program) -> str | None:
    """The documented gap a (reduced) false-positive program shows, or None."""
    if program.stores and _any(program.body, lambda s: isinstance(s, Release)):
        return "stored and released"
    tests: list[str] = []

    def collect(block: Sequence[Stmt]) -> None:
        for s in block:
            if isinstance(s, If):
                tests.append(s.var)
            for c in _children(s):
                collect(c)

    collect(program.body)
    if len(tests) != len(set(tests)):
        return "correlated conditions"
    return None


# -- reduction ---------------------------------------------------------------------------------


def _block_variants(block: tuple[Stmt, ...]) -> list[tuple[Stmt, ...]]:
    """Every block one step smaller than ``block``."""
    out: list[tuple[Stmt, ...]] = []
    for i, s in enumerate(block):
        before, after = block[:i], block[i + 1:]
        out.append(before + after)
        if isinstance(s, If):
            out.append(before + s.then + after)
            out.append(before + s.orelse + after)
            out += [before + (replace(s, then=v),) + after for v in _block_variants(s.then)]
            out += [before + (replace(s, orelse=v),) + after for v in _block_variants(s.orelse)]
        elif isinstance(s, Try):
            out.append(before + s.body + after)
            if s.handler is not None and s.final is not None:
                out.append(before + (replace(s, handler=None, rethrow=False),) + after)
                out.append(before + (replace(s, final=None),) + after)
            if s.rethrow:
                out.append(before + (replace(s, rethrow=False),) + after)
            out += [before + (replace(s, body=v),) + after for v in _block_variants(s.body) if v]
            if s.handler:
                out += [before + (replace(s, handler=v),) + after for v in _block_variants(s.handler)]
            if s.final:
                out += [before + (replace(s, final=v),) + after for v in _block_variants(s.final)]
    return out


def variants(program: Program) -> list[Program]:
    """Every program one step smaller than ``program`` (smallest steps last)."""
    out = [replace(program, body=b) for b in _block_variants(program.body)]
    if program.acquire_wrapper:
        out.append(replace(program, acquire_wrapper=False))
    if program.release_wrapper:
        out.append(replace(program, release_wrapper=False))
    return out


def reduce(checker: Checker, verdict: Verdict, rounds: int = 40) -> Verdict:
    """A smallest program (no single step smaller still disagrees) that disagrees as ``verdict`` does."""
    current = verdict
    for _ in range(rounds):
        candidates = variants(current.program)
        if not candidates:
            break
        smaller = [v for v in checker.check(candidates, prefix="r") if v.kind == verdict.kind]
        if not smaller:
            break
        current = min(smaller, key=lambda v: len(v.source))
    return current


def report(verdict: Verdict, reduced: Verdict | None = None) -> str:
    """A disagreement as text: the kind, the leaking inputs, the program (and its reduction)."""
    lines = [f"{verdict.kind} ({verdict.language}, program {verdict.index}): {_leaks(verdict)}; "
             f"pglint {'reports PG101' if verdict.reported else 'is silent'}"]
    shown = reduced or verdict
    lines.append("reduced program:" if reduced else "program:")
    lines.append(shown.source)
    if reduced:
        lines.append(f"(reduced: {_leaks(reduced)})")
    return "\n".join(lines)


def _leaks(verdict: Verdict) -> str:
    leaks = verdict.outcome.leaks
    if not leaks:
        return "no input left a connection checked out"
    shown = ", ".join(f"a={a} b={b} failing={list(f)}" for a, b, f in leaks[:3])
    return f"a connection stayed checked out after {shown}" + (f" (+{len(leaks) - 3} more inputs)" if len(leaks) > 3 else "")
