"""The resource analysis on hand-built CFGs: no frontend involved, so each case isolates one transfer rule."""

from __future__ import annotations

from pglint.analysis.resources import analyse_resources
from pglint.ir.cfg import AcquireInfo, Assume, CFGBuilder, EdgeKind, Ev, ReleaseInfo, Span

PG = AcquireInfo(driver="pg", kind="pool-client", api="pool.connect()", noun="client",
                 release_hint="client.release()", pool_resets_transaction=False)
ASYNCPG = AcquireInfo(driver="asyncpg", kind="pool-client", api="pool.acquire()", noun="connection",
                      release_hint="await pool.release(conn)", double_release_raises=False)


def sp(line: int, col: int = 1) -> Span:
    return Span(line, col, line, col + 1)


class G:
    """A tiny DSL: ``g.seq(a, b, c)`` links normally; ``g.throws(n, target)`` adds an exception edge."""

    def __init__(self) -> None:
        self.b = CFGBuilder("f", "t.js", Span(1, 1, 20, 2), "javascript")

    def n(self, kind: Ev, line: int, **kw: object) -> int:
        return self.b.add(kind, sp(line), **kw)  # type: ignore[arg-type]

    def seq(self, *ids: int) -> None:
        for a, b in zip(ids, ids[1:]):
            self.b.edge(a, b)

    def throws(self, a: int, target: int | None = None) -> None:
        self.b.edge(a, self.b.raise_exit if target is None else target, EdgeKind.EXCEPTION)

    def findings(self):
        return analyse_resources(self.b.build())


def test_release_after_throwing_query_leaks_on_exception_path() -> None:
    g = G()
    acq = g.n(Ev.ACQUIRE, 2, var="client", info=PG)
    use = g.n(Ev.USE, 3, var="client", label="client.query")
    rel = g.n(Ev.RELEASE, 4, var="client", info=ReleaseInfo())
    g.seq(g.b.entry, acq, use, rel, g.b.exit)
    g.throws(acq)
    g.throws(use)
    [f] = g.findings()
    assert (f.kind, f.reason, f.trigger.id) == ("leak", "exception", use)
    assert [s.span.line for s in f.steps] == [2, 3, 3]
    assert f.steps[1].message == "`client.query` throws"


def test_release_in_finally_copies_is_clean() -> None:
    g = G()
    acq = g.n(Ev.ACQUIRE, 2, var="client", info=PG)
    use = g.n(Ev.USE, 3, var="client", label="client.query")
    rel_normal = g.n(Ev.RELEASE, 5, var="client", info=ReleaseInfo())
    rel_exc = g.n(Ev.RELEASE, 5, var="client", info=ReleaseInfo())
    g.seq(g.b.entry, acq, use, rel_normal, g.b.exit)
    g.throws(acq)
    g.throws(use, rel_exc)
    g.b.edge(rel_exc, g.b.raise_exit)
    assert g.findings() == []


def test_no_release_anywhere_is_never() -> None:
    g = G()
    acq = g.n(Ev.ACQUIRE, 2, var="client", info=PG)
    ret = g.n(Ev.RETURN, 4, label="return")
    g.seq(g.b.entry, acq, ret, g.b.exit)
    [f] = g.findings()
    assert f.reason == "never"
    assert [(s.span.line, s.message) for s in f.steps] == [
        (2, "client checked out of pool"),
        (4, "function returns with client still checked out"),
    ]


def test_early_return_on_one_branch_is_return_reason() -> None:
    g = G()
    acq = g.n(Ev.ACQUIRE, 2, var="client", info=PG)
    br = g.n(Ev.BRANCH, 3, label="!user")
    ret = g.n(Ev.RETURN, 4, label="return")
    rel = g.n(Ev.RELEASE, 5, var="client", info=ReleaseInfo())
    g.seq(g.b.entry, acq, br)
    g.b.edge(br, ret, EdgeKind.TRUE)
    g.b.edge(br, rel, EdgeKind.FALSE)
    g.seq(ret, g.b.exit)
    g.seq(rel, g.b.exit)
    [f] = g.findings()
    assert (f.reason, f.trigger.id) == ("return", ret)
    assert "`!user` is true" in [s.message for s in f.steps]


def test_guard_assumption_prunes_null_path() -> None:
    # let client; try { client = acquire } finally { if (client) client.release() }
    g = G()
    acq = g.n(Ev.ACQUIRE, 2, var="client", info=PG)
    br = g.n(Ev.BRANCH, 4, label="client")
    rel = g.n(Ev.RELEASE, 4, var="client", info=ReleaseInfo())
    join = g.n(Ev.NOP, 5)
    g.seq(g.b.entry, acq, br)
    g.throws(acq, br)
    g.b.edge(br, rel, EdgeKind.TRUE, (Assume("client", True),))
    g.b.edge(br, join, EdgeKind.FALSE, (Assume("client", False),))
    g.seq(rel, join, g.b.exit)
    assert g.findings() == []


def test_callback_err_path_holds_nothing_and_done_releases() -> None:
    info = AcquireInfo(driver="pg", kind="pool-client", api="pool.connect()", noun="client",
                       release_hint="client.release()", err_var="err", release_var="done",
                       pool_resets_transaction=False)
    g = G()
    acq = g.n(Ev.ACQUIRE, 1, var="client", info=info)
    br = g.n(Ev.BRANCH, 2, label="err")
    ret = g.n(Ev.RETURN, 2)
    done = g.n(Ev.RELEASE, 3, var="done", info=ReleaseInfo())
    g.seq(g.b.entry, acq, br)
    g.b.edge(br, ret, EdgeKind.TRUE, (Assume("err", True),))
    g.b.edge(br, done, EdgeKind.FALSE, (Assume("err", False),))
    g.seq(ret, g.b.exit)
    g.seq(done, g.b.exit)
    assert g.findings() == []


def test_alias_release_counts_and_kill_loses() -> None:
    g = G()
    acq = g.n(Ev.ACQUIRE, 2, var="a", info=PG)
    al = g.n(Ev.ALIAS, 3, var="b", src="a")
    kill = g.n(Ev.KILL, 4, var="a")
    rel = g.n(Ev.RELEASE, 5, var="b", info=ReleaseInfo())
    g.seq(g.b.entry, acq, al, kill, rel, g.b.exit)
    assert g.findings() == []

    g = G()
    acq = g.n(Ev.ACQUIRE, 2, var="a", info=PG)
    kill = g.n(Ev.KILL, 3, var="a")
    g.seq(g.b.entry, acq, kill, g.b.exit)
    [f] = g.findings()
    assert (f.reason, f.trigger.id) == ("overwritten", kill)


def test_escape_ends_responsibility() -> None:
    g = G()
    acq = g.n(Ev.ACQUIRE, 2, var="client", info=PG)
    esc = g.n(Ev.ESCAPE, 3, var="client", label="returned")
    g.seq(g.b.entry, acq, esc, g.b.exit)
    g.throws(esc)
    assert g.findings() == []


def test_reacquire_in_loop_while_held() -> None:
    g = G()
    head = g.n(Ev.NOP, 2)
    acq = g.n(Ev.ACQUIRE, 3, var="c", info=PG)
    br = g.n(Ev.BRANCH, 2)
    g.seq(g.b.entry, head, br)
    rel = g.n(Ev.RELEASE, 5, var="c", info=ReleaseInfo())  # only after the loop
    g.b.edge(br, acq, EdgeKind.TRUE)
    g.b.edge(br, rel, EdgeKind.FALSE)
    g.seq(rel, g.b.exit)
    g.seq(acq, head)
    leaks = [f for f in g.findings() if f.kind == "leak"]
    assert [f.reason for f in leaks] == ["reacquire"]
    assert leaks[0].steps[-1].message.startswith("checked out again here")


def test_double_release_only_where_the_driver_raises() -> None:
    for info, expected in ((PG, 1), (ASYNCPG, 0)):
        g = G()
        acq = g.n(Ev.ACQUIRE, 2, var="c", info=info)
        r1 = g.n(Ev.RELEASE, 3, var="c", info=ReleaseInfo())
        r2 = g.n(Ev.RELEASE, 4, var="c", info=ReleaseInfo())
        g.seq(g.b.entry, acq, r1, r2, g.b.exit)
        doubles = [f for f in g.findings() if f.kind == "double-release"]
        assert len(doubles) == expected
        if expected:
            assert doubles[0].at.id == r2
            assert doubles[0].steps[-1].message == "client released again here"


def test_unawaited_release_does_not_release() -> None:
    g = G()
    acq = g.n(Ev.ACQUIRE, 2, var="conn", info=ASYNCPG)
    rel = g.n(Ev.RELEASE, 3, var="conn", info=ReleaseInfo(effective=False, note="not awaited"))
    g.seq(g.b.entry, acq, rel, g.b.exit)
    [f] = g.findings()
    assert f.kind == "leak"
    assert "not awaited" in [s.message for s in f.steps]


def test_open_transaction_on_release_only_when_pool_does_not_reset() -> None:
    def build(info: AcquireInfo, rollback: bool):
        g = G()
        acq = g.n(Ev.ACQUIRE, 2, var="c", info=info)
        begin = g.n(Ev.BEGIN, 3, var="c")
        use = g.n(Ev.USE, 4, var="c", label="c.query")
        commit = g.n(Ev.COMMIT, 5, var="c")
        rel_n = g.n(Ev.RELEASE, 7, var="c", info=ReleaseInfo())
        rel_x = g.n(Ev.RELEASE, 7, var="c", info=ReleaseInfo())
        g.seq(g.b.entry, acq, begin, use, commit, rel_n, g.b.exit)
        g.throws(acq)
        g.throws(begin, rel_x)
        if rollback:
            rb = g.n(Ev.ROLLBACK, 6, var="c")
            g.throws(use, rb)
            g.seq(rb, rel_x)
        else:
            g.throws(use, rel_x)
        g.throws(commit, rel_x)
        g.b.edge(rel_x, g.b.raise_exit)
        return [f for f in g.findings() if f.kind == "open-transaction"]

    [f] = build(PG, rollback=False)
    assert f.at.span.line == 7
    assert "transaction opened here" in [s.message for s in f.steps]
    # a failed BEGIN opened nothing and a failed COMMIT ended the transaction:
    # with the ROLLBACK on the error path nothing is left open
    assert build(PG, rollback=True) == []
    assert build(AcquireInfo("asyncpg", "pool-client", "", "connection", ""), rollback=False) == []


def test_discarded_result() -> None:
    g = G()
    acq = g.n(Ev.ACQUIRE, 2, var=None, info=PG)
    g.seq(g.b.entry, acq, g.b.exit)
    [f] = g.findings()
    assert f.reason == "discarded"


# -- witness paths through long functions are capped ---------------------------------------------

def _branches(g: G, start: int, count: int, first_line: int) -> int:
    """``count`` if-statements with empty bodies after ``start``; returns the last join."""
    cur = start
    for i in range(count):
        br = g.n(Ev.BRANCH, first_line + i, label=f"x == {i}")
        join = g.n(Ev.NOP, first_line + i)
        g.seq(cur, br)
        g.b.edge(br, join, EdgeKind.TRUE)
        g.b.edge(br, join, EdgeKind.FALSE)
        cur = join
    return cur


def test_long_witness_keeps_acquire_throw_and_exit_and_counts_the_rest() -> None:
    from pglint.analysis.resources import MAX_WITNESS_STEPS
    g = G()
    acq = g.n(Ev.ACQUIRE, 2, var="client", info=PG)
    mid = _branches(g, acq, 300, 3)
    use = g.n(Ev.USE, 400, var="client", label="client.query")
    handler = g.n(Ev.NOP, 401)
    end = _branches(g, handler, 300, 402)
    rel = g.n(Ev.RELEASE, 800, var="client", info=ReleaseInfo())
    g.seq(g.b.entry, acq)
    g.seq(mid, use, rel, g.b.exit)  # released only when the query does not throw
    g.throws(acq)
    g.throws(use, handler)  # swallowed: the path goes on through 300 more branches to the normal exit
    g.seq(end, g.b.exit)
    [f] = g.findings()
    assert (f.reason, f.trigger.id) == ("exception", use)
    assert len(f.steps) <= MAX_WITNESS_STEPS
    messages = [s.message for s in f.steps]
    assert messages[0] == "client checked out of pool"
    assert "`client.query` throws" in messages
    assert messages[-1] == "function ends with client still checked out"
    elided = [m for m in messages if m.endswith(" elided")]
    assert elided and all(m.startswith("… ") for m in elided)
    # every one of the 600 branch steps is either shown or counted
    shown = sum(1 for m in messages if m.startswith("`x == "))
    assert shown + sum(int(m.split()[1]) for m in elided) == 600


def test_long_double_release_witness_keeps_the_first_release() -> None:
    from pglint.analysis.resources import MAX_WITNESS_STEPS
    g = G()
    acq = g.n(Ev.ACQUIRE, 2, var="client", info=PG)
    rel1 = g.n(Ev.RELEASE, 3, var="client", info=ReleaseInfo())
    g.seq(g.b.entry, acq, rel1)
    end = _branches(g, rel1, 200, 4)
    rel2 = g.n(Ev.RELEASE, 300, var="client", info=ReleaseInfo())
    g.seq(end, rel2, g.b.exit)
    g.throws(acq)
    [f] = g.findings()
    assert f.kind == "double-release"
    assert len(f.steps) <= MAX_WITNESS_STEPS
    assert [s.message for s in f.steps if "released" in s.message] == [
        "client released here", "client released again here"]
