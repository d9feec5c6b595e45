"""Function summaries on hand-built CFGs, and the summary pass over small projects."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from pglint.analysis.summaries import (
    FunctionSummary,
    class_field_findings,
    summarise_function,
    summary_registry,
)
from pglint.drivers import default_registry
from pglint.drivers.model import Value
from pglint.engine import Options, run
from pglint.ir.cfg import AcquireInfo, CFGBuilder, EdgeKind, Ev, FunctionCFG, ReleaseInfo, Span

PG = AcquireInfo(driver="pg", kind="pool-client", api="pool.connect()", noun="client",
                 release_hint="client.release()", value_kind="pool-client")


def sp(line: int, col: int = 1) -> Span:
    return Span(line, col, line, col + 1)


class G:
    def __init__(self, name: str = "helper", params: tuple[str, ...] = ()) -> None:
        self.b = CFGBuilder(name, "/p/db.js", Span(1, 1, 20, 2), "javascript")
        self.params = params

    def n(self, kind: Ev, line: int, **kw: object) -> int:
        return self.b.add(kind, sp(line), **kw)  # type: ignore[arg-type]

    def seq(self, *ids: int) -> None:
        for a, b in zip(ids, ids[1:]):
            self.b.edge(a, b)

    def throws(self, a: int, target: int | None = None) -> None:
        self.b.edge(a, self.b.raise_exit if target is None else target, EdgeKind.EXCEPTION)

    def cfg(self, **kw: object) -> FunctionCFG:
        cfg = self.b.build()
        cfg.params = self.params
        for k, v in kw.items():
            setattr(cfg, k, v)
        return cfg

    def summary(self, **kw: object) -> FunctionSummary:
        return summarise_function(self.cfg(**kw))[0]


# -- returns a fresh resource -------------------------------------------------------


def test_returned_checkout_on_every_path() -> None:
    g = G("getClient")
    acq = g.n(Ev.ACQUIRE, 2, var="client", info=PG)
    esc = g.n(Ev.ESCAPE, 3, var="client", label="returned")
    ret = g.n(Ev.RETURN, 3, label="return")
    g.seq(g.b.entry, acq, esc, ret, g.b.exit)
    g.throws(acq)
    s = g.summary(is_async=True)
    assert s.returns is not None
    assert (s.returns.paths, s.returns.value, s.is_async) == ("all", Value("pg", "pool-client"), True)
    assert s.returns.origin == "checks out a client at db.js 2:1 (`pool.connect()`)"
    assert [m for *_, m in s.returns.steps] == ["`getClient()` checks out the client here (`pool.connect()`)",
                                                "`getClient()` returns it to its caller"]


def test_returned_on_some_paths_only() -> None:
    g = G("maybeClient")
    acq = g.n(Ev.ACQUIRE, 2, var="client", info=PG)
    br = g.n(Ev.BRANCH, 3, label="ok")
    esc = g.n(Ev.ESCAPE, 4, var="client", label="returned")
    rel = g.n(Ev.RELEASE, 5, var="client", info=ReleaseInfo())
    g.seq(g.b.entry, acq, br)
    g.b.edge(br, esc, EdgeKind.TRUE)
    g.b.edge(br, rel, EdgeKind.FALSE)
    g.seq(esc, g.b.exit)
    g.seq(rel, g.b.exit)
    g.throws(acq)
    s = g.summary()
    assert s.returns is not None and s.returns.paths == "some"


def test_stored_checkout_is_not_returned() -> None:
    g = G("keep")
    acq = g.n(Ev.ACQUIRE, 2, var="this.client", info=PG)
    esc = g.n(Ev.ESCAPE, 2, var="this.client", label="stored in this.client")
    g.seq(g.b.entry, acq, esc, g.b.exit)
    g.throws(acq)
    assert g.summary().returns is None


def test_nested_helper_chains_the_origin() -> None:
    inner = AcquireInfo(driver="pg", kind="pool-client", api="getClient()", noun="client",
                        release_hint="client.release()", value_kind="pool-client",
                        via="checks out a client at db.js 8:10 (`pool.connect()`)",
                        via_steps=(("/p/db.js", 8, 10, "`getClient()` checks out the client here"),))
    g = G("getTxClient")
    acq = g.n(Ev.ACQUIRE, 2, var="c", info=inner)
    esc = g.n(Ev.ESCAPE, 3, var="c", label="returned")
    g.seq(g.b.entry, acq, esc, g.b.exit)
    g.throws(acq)
    ret = g.summary().returns
    assert ret is not None
    assert ret.origin == ("calls `getClient()` at db.js 2:1 → which checks out a client at db.js 8:10 "
                          "(`pool.connect()`)")
    assert ("/p/db.js", 8, 10, "`getClient()` checks out the client here") in ret.steps


def test_context_manager_lends_what_it_yields() -> None:
    g = G("connection")
    acq = g.n(Ev.ACQUIRE, 2, var="conn", info=PG)
    lend = g.n(Ev.USE, 4, var="conn", label="yield to the `with` block")
    rel = g.n(Ev.RELEASE, 6, var="conn", info=ReleaseInfo())
    rel_exc = g.n(Ev.RELEASE, 6, var="conn", info=ReleaseInfo())
    g.seq(g.b.entry, acq, lend, rel, g.b.exit)
    g.throws(acq)
    g.throws(lend, rel_exc)
    g.b.edge(rel_exc, g.b.raise_exit, EdgeKind.EXCEPTION)
    s = g.summary(context_manager=True)
    assert s.lends is not None and s.returns is None


# -- parameters -----------------------------------------------------------------------


def test_param_released_on_every_path() -> None:
    g = G("releaseClient", ("client",))
    rel = g.n(Ev.RELEASE, 2, var="client", info=ReleaseInfo())
    g.seq(g.b.entry, rel, g.b.exit)
    [p] = g.summary().params
    assert (p.index, p.effect, p.paths) == (0, "release", "all")


def test_param_closed() -> None:
    g = G("closeConn", ("conn",))
    rel = g.n(Ev.RELEASE, 2, var="conn", info=ReleaseInfo(how="close"))
    g.seq(g.b.entry, rel, g.b.exit)
    assert g.summary().params[0].effect == "close"


def test_param_released_only_on_success_is_a_finding_in_the_helper() -> None:
    g = G("commitAndRelease", ("client",))
    q = g.n(Ev.COMMIT, 2, var="client")
    rel = g.n(Ev.RELEASE, 3, var="client", info=ReleaseInfo())
    g.seq(g.b.entry, q, rel, g.b.exit)
    g.throws(q)
    summ, findings = summarise_function(g.cfg())
    [p] = summ.params
    assert (p.effect, p.paths) == ("takes-ownership", "some")
    [f] = findings
    assert (f.kind, f.reason, f.trigger.id) == ("leak", "exception", q)
    assert f.site.var == "client" and f.info.kind == "pool-client"
    assert "gives it back on some paths" in f.steps[0].message


def test_param_passed_to_a_callback_parameter_is_borrowed_by_it() -> None:
    g = G("withTransaction", ("client", "fn"))
    call = g.n(Ev.ESCAPE, 3, var="client", label="passed to fn()")
    rel_n = g.n(Ev.RELEASE, 5, var="client", info=ReleaseInfo())
    rel_x = g.n(Ev.RELEASE, 5, var="client", info=ReleaseInfo())
    g.seq(g.b.entry, call, rel_n, g.b.exit)
    g.throws(call, rel_x)
    g.b.edge(rel_x, g.b.raise_exit, EdgeKind.EXCEPTION)
    summ, findings = summarise_function(g.cfg())
    assert summ.param(0) is not None and summ.param(0).effect == "release"  # type: ignore[union-attr]
    assert summ.param(0).paths == "all" and not findings  # type: ignore[union-attr]
    assert summ.param(1) is None  # `fn` is only called: nothing shows it is a connection


def test_param_stored_is_taken_over() -> None:
    # taking it over on every path is what an unsummarised call does already: not kept
    g = G("register", ("client",))
    esc = g.n(Ev.ESCAPE, 2, var="client", label="stored in this.client")
    g.seq(g.b.entry, esc, g.b.exit)
    summ, findings = summarise_function(g.cfg())
    assert summ.params == () and not summ and findings == []


def test_param_used_without_a_driver_method_has_no_summary() -> None:
    g = G("describe", ("thing",))
    use = g.n(Ev.USE, 2, var="thing", label="thing.toString")
    g.seq(g.b.entry, use, g.b.exit)
    g.throws(use)
    assert g.summary().params == ()


def test_param_only_used_is_borrowed() -> None:
    g = G("countRows", ("client",))
    use = g.n(Ev.USE, 2, var="client", label="client.query")
    g.seq(g.b.entry, use, g.b.exit)
    g.throws(use)
    assert g.summary().params[0].effect == "borrows"


# -- classes ----------------------------------------------------------------------------


def _method(name: str, *events: tuple[Ev, str, str]) -> FunctionCFG:
    b = CFGBuilder(name, "/p/repo.js", Span(1, 1, 9, 2), "javascript")
    prev = b.entry
    for i, (kind, var, label) in enumerate(events, 2):
        info = PG if kind is Ev.ACQUIRE else ReleaseInfo() if kind is Ev.RELEASE else None
        nid = b.add(kind, sp(i), var=var, label=label, info=info)
        b.edge(prev, nid)
        prev = nid
    b.edge(prev, b.exit)
    return b.build()


def test_open_without_close_is_reported_only_without_a_closing_method() -> None:
    open_ = _method("Session.open", (Ev.ACQUIRE, "this.client", ""),
                    (Ev.ESCAPE, "this.client", "stored in this.client"))
    run_ = _method("Session.run", (Ev.USE, "this.client", "this.client.query"))
    close = _method("Session.close", (Ev.RELEASE, "this.client", ""))
    assert class_field_findings([open_, run_, close]) == []
    [f] = class_field_findings([open_, run_])
    assert (f.reason, f.function.name, f.site.var) == ("field", "Session.open", "this.client")
    # stored and used by nobody else: held for someone else, not reported
    assert class_field_findings([open_]) == []


# -- the wildcard registry ---------------------------------------------------------------


def test_summary_registry_binds_parameters_to_a_wildcard_with_every_release_method() -> None:
    reg = summary_registry(default_registry())
    js = reg.param_values["javascript"]
    py = reg.param_values["python"]
    assert reg.method(js, "release").effect == "release"  # type: ignore[union-attr]
    assert reg.method(js, "end").effect == "close"  # type: ignore[union-attr]
    assert reg.method(py, "close").effect == "close"  # type: ignore[union-attr]
    assert reg.method(js, "query").effect == "query"  # type: ignore[union-attr]
    assert default_registry().param_values == {}


# -- the project pass -------------------------------------------------------------------------


def _write(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text)
    return root


def test_mutual_recursion_converges(tmp_path: Path) -> None:
    _write(tmp_path, {
        "db.js": (
            "const { Pool } = require('pg');\nconst pool = new Pool();\n"
            "async function a(n) { if (n > 0) { return b(n - 1); } return pool.connect(); }\n"
            "async function b(n) { return a(n); }\n"
            "module.exports = { a, b };\n"),
        "use.js": (
            "const { b } = require('./db');\n"
            "async function f() {\n  const c = await b(2);\n  await c.query('SELECT 1');\n}\n"),
    })
    result = run([str(tmp_path)], Options(select=frozenset({"PG101"})))
    assert [(Path(d.path).name, d.span.line) for d in result.diagnostics] == [("use.js", 3)]


def test_gate_summarises_the_dependencies_of_gated_files(tmp_path: Path) -> None:
    # util.js imports no driver: its releaseQuietly() is summarised because a gated file imports it
    _write(tmp_path, {
        "util.js": "function releaseQuietly(c) { try { c.release(); } catch (e) {} }\n"
                   "function peek(c) { return c.query('SELECT 1'); }\n"
                   "module.exports = { releaseQuietly, peek };\n",
        "db.js": (
            "const { Pool } = require('pg');\nconst { releaseQuietly, peek } = require('./util');\n"
            "const pool = new Pool();\n"
            "async function ok() {\n  const c = await pool.connect();\n  releaseQuietly(c);\n}\n"
            "async function leak() {\n  const c = await pool.connect();\n  peek(c);\n}\n"),
    })
    for gate in (True, False):
        result = run([str(tmp_path)], Options(select=frozenset({"PG101"}), gate=gate))
        assert [(Path(d.path).name, d.span.line) for d in result.diagnostics] == [("db.js", 9)]


def test_witness_across_calls_in_cli_json(tmp_path: Path) -> None:
    _write(tmp_path, {
        "lib/db.js": ("const { Pool } = require('pg');\nconst pool = new Pool();\n"
                      "async function getClient() {\n  const client = await pool.connect();\n"
                      "  return client;\n}\nmodule.exports = { getClient };\n"),
        "app.js": ("const { getClient } = require('./lib/db');\n"
                   "async function handler() {\n  const c = await getClient();\n"
                   "  await c.query('SELECT 1');\n}\n"),
    })
    res = subprocess.run([sys.executable, "-m", "pglint", "check", "--isolated", "--format", "json",
                          "--select", "PG101", "."], cwd=tmp_path, capture_output=True, text=True)
    assert res.returncode == 1, res.stderr
    [finding] = json.loads(res.stdout)
    assert (finding["path"], finding["line"]) == ("app.js", 3)
    steps = [(s["path"], s["line"], s["column"], s["message"]) for s in finding["steps"]]
    assert steps[0] == ("app.js", 3, 9, "calls `getClient()` at 3:9 → which checks out a client at "
                                        "db.js 4:9 (`pool.connect()`)")
    assert steps[1] == ("lib/db.js", 4, 9, "`getClient()` checks out the client here (`pool.connect()`)")
    assert steps[2] == ("lib/db.js", 5, 10, "`getClient()` returns it to its caller")
    assert steps[-1][0] == "app.js" and "still checked out" in steps[-1][3]


def test_a_chain_of_helpers_longer_than_the_round_bound_is_followed(tmp_path: Path) -> None:
    # svc9 → svc8 → … → svc0 → db.getClient(): files are summarised bottom-up, one round suffices
    files = {"db.js": ("const { Pool } = require('pg');\nconst pool = new Pool();\n"
                       "async function getClient() { return pool.connect(); }\n"
                       "module.exports = { getClient };\n"),
             "svc0.js": ("const { getClient } = require('./db');\n"
                         "async function open0() { return getClient(); }\nmodule.exports = { open0 };\n")}
    for i in range(1, 10):
        files[f"svc{i}.js"] = (f"const prev = require('./svc{i - 1}');\n"
                               f"async function open{i}() {{ return prev.open{i - 1}(); }}\n"
                               f"module.exports = {{ open{i} }};\n")
    files["app.js"] = ("const { open9 } = require('./svc9');\n"
                       "async function handler() {\n  const c = await open9();\n  await c.query('SELECT 1');\n}\n")
    _write(tmp_path, files)
    result = run([str(tmp_path)], Options(select=frozenset({"PG101"})))
    assert [(Path(d.path).name, d.span.line) for d in result.diagnostics] == [("app.js", 3)]
    assert "which calls `prev.open8()`" in result.diagnostics[0].steps[0].message


def test_summaries_are_plain_picklable_data(tmp_path: Path) -> None:
    import pickle

    from pglint.analysis.summaries import summarise_project
    from pglint.engine import parse_file
    from pglint.languages import adapters, language_for
    from pglint.languages.base import ProjectIndex

    _write(tmp_path, {"db.py": ("from psycopg2.pool import SimpleConnectionPool\n"
                                "pool = SimpleConnectionPool(1, 2)\n"
                                "def get_conn():\n    return pool.getconn()\n"
                                "def put_conn(conn):\n    pool.putconn(conn)\n")})
    langs = adapters()
    project = ProjectIndex(dict(langs))
    registry = default_registry()
    path = str(tmp_path / "db.py")
    adapter = langs[language_for(path)]  # type: ignore[index]
    pf = parse_file(path, adapter)
    project.add(adapter.index(pf, registry))
    stats = summarise_project(project, {path: pf}, registry, [path])
    assert stats.rounds == 1 and stats.summarised == 2
    table = pickle.loads(pickle.dumps(project.summaries))
    assert table == project.summaries
    assert table[(path, "put_conn")].params[0].effect == "release"
    assert table[(path, "get_conn")].returns.value == Value("psycopg2", "pool-client")  # type: ignore[union-attr]


def test_unnamed_checkout_of_a_helper_names_the_models_release(tmp_path: Path) -> None:
    # pgsync tests/test_base.py: `open_conn().cursor()` names no variable; the message used to
    # read "Missing open_conn()@3:4.close() detected"
    _write(tmp_path, {
        "t.py": (
            "import psycopg2\n"
            "def open_conn():\n    return psycopg2.connect('dbname=app')\n"
            "def f():\n    open_conn().cursor().execute('SELECT 1')\n"),
    })
    result = run([str(tmp_path)], Options(select=frozenset({"PG103"})))
    assert [d.message for d in result.diagnostics] == [
        "Missing conn.close(): the result of open_conn() is never stored"]
