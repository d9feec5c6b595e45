"""Expected CFG edge lists for the Python lowering, one construct per test (docs/lowering.md).

Every source below starts with ``HEADER`` (three lines: imports, a psycopg2 pool,
a blank line), so the function under test starts on line 4. Names in the edge
lists are ``kind label`` (or ``kind var``) with ``@line`` added when a name
repeats (``finally`` copies); ``nop`` nodes are contracted away.
"""

from __future__ import annotations

import textwrap

from pglint.drivers import default_registry
from pglint.ir.cfg import AcquireInfo, Ev, FunctionCFG, ReleaseInfo
from pglint.ir.render import edge_list
from pglint.languages.base import ProjectIndex
from pglint.languages.python import PythonAdapter

HEADER = (
    "import asyncpg, psycopg, psycopg2, psycopg2.pool, contextlib\n"
    "pool = psycopg2.pool.ThreadedConnectionPool(1, 2, 'dbname=app')\n"
    "\n"
)


def lower(src: str, path: str = "/proj/mod.py") -> dict[str, FunctionCFG]:
    adapter = PythonAdapter()
    registry = default_registry()
    parsed = adapter.parse(path, (HEADER + textwrap.dedent(src)).encode())
    project = ProjectIndex({"python": adapter})
    project.add(adapter.index(parsed, registry))
    return {cfg.name: cfg for cfg in adapter.lower(parsed, project, registry).functions}


def edges(src: str, name: str = "f") -> list[str]:
    return edge_list(lower(src)[name])


def test_if_else() -> None:
    src = """\
    def f(flag):
        conn = pool.getconn()
        if flag:
            pool.putconn(conn)
        else:
            log()
        done()
    """
    assert edges(src) == sorted([
        "entry f -normal-> acquire conn",
        "acquire conn -exception-> raise-exit",
        "acquire conn -normal-> branch flag",
        "branch flag -true flag-> release conn",
        "branch flag -false !flag-> call log",
        "call log -exception-> raise-exit",
        "call log -normal-> call done",
        "release conn -normal-> call done",
        "call done -exception-> raise-exit",
        "call done -normal-> exit",
    ])


def test_while_else_and_break() -> None:
    src = """\
    def f():
        while cond():
            if stop():
                break
            step()
        else:
            finish()
        after()
    """
    assert edges(src) == sorted([
        "entry f -normal-> call cond",
        "call cond -exception-> raise-exit",
        "call cond -normal-> branch cond()",
        "branch cond() -true-> call stop",
        "branch cond() -false-> call finish",
        "call stop -exception-> raise-exit",
        "call stop -normal-> branch stop()",
        "branch stop() -true-> call after",  # break skips the else
        "branch stop() -false-> call step",
        "call step -exception-> raise-exit",
        "call step -normal-> call cond",  # back edge through the loop head
        "call finish -exception-> raise-exit",
        "call finish -normal-> call after",
        "call after -exception-> raise-exit",
        "call after -normal-> exit",
    ])


def test_while_true_has_no_test_branch() -> None:
    src = """\
    def f():
        while True:
            if done():
                return
    """
    assert edges(src) == sorted([
        "entry f -normal-> call done",
        "call done -exception-> raise-exit",
        "call done -normal-> branch done()",
        "branch done() -true-> return return",
        "branch done() -false-> call done",
        "return return -normal-> exit",
    ])


def test_for_break_continue_else() -> None:
    src = """\
    def f(items):
        for x in items:
            if skip(x):
                continue
            if stop(x):
                break
            work(x)
        else:
            finish()
        after()
    """
    assert edges(src) == sorted([
        "entry f -normal-> branch for x in items",
        "branch for x in items -true-> call skip",
        "branch for x in items -false-> call finish",
        "call skip -exception-> raise-exit",
        "call skip -normal-> branch skip(x)",
        "branch skip(x) -true-> branch for x in items",  # continue
        "branch skip(x) -false-> call stop",
        "call stop -exception-> raise-exit",
        "call stop -normal-> branch stop(x)",
        "branch stop(x) -true-> call after",  # break skips the else
        "branch stop(x) -false-> call work",
        "call work -exception-> raise-exit",
        "call work -normal-> branch for x in items",
        "call finish -exception-> raise-exit",
        "call finish -normal-> call after",
        "call after -exception-> raise-exit",
        "call after -normal-> exit",
    ])


def test_try_except_non_matching_clause_reraises() -> None:
    src = """\
    def f():
        conn = pool.getconn()
        try:
            conn.execute("SELECT 1")
        except ValueError:
            pool.putconn(conn)
            raise
        pool.putconn(conn)
    """
    assert edges(src) == sorted([
        "entry f -normal-> acquire conn",
        "acquire conn -exception-> raise-exit",  # outside the try
        "acquire conn -normal-> use conn.execute",
        "use conn.execute -exception-> branch except ValueError",
        "use conn.execute -normal-> release conn@11",
        "branch except ValueError -true-> release conn@9",
        "branch except ValueError -false-> raise-exit",  # no clause matched: propagates
        "release conn@9 -normal-> raise raise",  # a bare re-raise is labelled `raise`
        "raise raise -exception-> raise-exit",
        "release conn@11 -normal-> exit",
    ])


def test_try_except_catch_all_clause_has_no_false_edge() -> None:
    src = """\
    def f():
        try:
            work()
        except KeyError:
            a()
        except (OSError, Exception):
            b()
        after()
    """
    assert edges(src) == sorted([
        "entry f -normal-> call work",
        "call work -exception-> branch except KeyError",
        "call work -normal-> call after",
        "branch except KeyError -true-> call a",
        "branch except KeyError -false-> call b",  # the tuple holds Exception: catches all
        "call a -exception-> raise-exit",
        "call a -normal-> call after",
        "call b -exception-> raise-exit",
        "call b -normal-> call after",
        "call after -exception-> raise-exit",
        "call after -normal-> exit",
    ])


def test_try_except_else_finally() -> None:
    src = """\
    def f():
        try:
            a()
        except ValueError:
            b()
        else:
            c()
        finally:
            d()
        e()
    """
    assert edges(src) == sorted([
        "entry f -normal-> call a",
        "call a -exception-> branch except ValueError",
        "call a -normal-> call c",
        "call c -exception-> call d@12#2",  # else is outside the handlers, inside the finally
        "call c -normal-> call d@12",
        "branch except ValueError -true-> call b",
        "branch except ValueError -false-> call d@12#2",
        "call b -exception-> call d@12#2",
        "call b -normal-> call d@12",
        "call d@12 -exception-> raise-exit",
        "call d@12 -normal-> call e",
        "call d@12#2 -exception-> raise-exit",
        "call d@12#2 -normal-> raise-exit",  # the exception copy re-raises
        "call e -exception-> raise-exit",
        "call e -normal-> exit",
    ])


def test_return_inside_try_with_finally() -> None:
    src = """\
    def f():
        conn = pool.getconn()
        try:
            if check():
                return 1
            work()
        finally:
            pool.putconn(conn)
        after()
    """
    assert edges(src) == sorted([
        "entry f -normal-> acquire conn",
        "acquire conn -exception-> raise-exit",
        "acquire conn -normal-> call check",
        "call check -exception-> release conn@11#3",
        "call check -normal-> branch check()",
        "branch check() -true-> return return",
        "branch check() -false-> call work",
        "return return -normal-> release conn@11#2",  # the returning copy
        "release conn@11#2 -normal-> exit",
        "call work -exception-> release conn@11#3",
        "call work -normal-> release conn@11",  # the fall-through copy
        "release conn@11 -normal-> call after",
        "release conn@11#3 -normal-> raise-exit",  # the exception copy
        "call after -exception-> raise-exit",
        "call after -normal-> exit",
    ])


def test_return_inside_finally_overrides() -> None:
    src = """\
    def f():
        try:
            work()
        finally:
            return cleanup()
    """
    assert edges(src) == sorted([
        "entry f -normal-> call work",
        "call work -exception-> call cleanup@8#2",
        "call work -normal-> call cleanup@8",
        "call cleanup@8 -exception-> raise-exit",
        "call cleanup@8 -normal-> return return@8",
        "return return@8 -normal-> exit",
        "call cleanup@8#2 -exception-> raise-exit",
        "call cleanup@8#2 -normal-> return return@8#2",
        "return return@8#2 -normal-> exit",  # the pending exception is dropped
    ])


def test_break_and_continue_cross_finally() -> None:
    src = """\
    def f(items):
        for x in items:
            try:
                if x:
                    break
                continue
            finally:
                done()
    """
    assert edges(src) == sorted([
        "entry f -normal-> branch for x in items",
        "branch for x in items -true-> branch x",
        "branch for x in items -false-> exit",
        "branch x -true x-> call done@11",  # break copy
        "branch x -false !x-> call done@11#2",  # continue copy
        "call done@11 -exception-> raise-exit",
        "call done@11 -normal-> exit",
        "call done@11#2 -exception-> raise-exit",
        "call done@11#2 -normal-> branch for x in items",
    ])


def test_with_connection_releases_on_every_exit() -> None:
    src = """\
    def f():
        conn = psycopg.connect("dbname=app")
        with conn:
            conn.execute("SELECT 1")
        after()
    """
    assert edges(src) == sorted([
        "entry f -normal-> acquire conn",
        "acquire conn -exception-> raise-exit",
        "acquire conn -normal-> use conn.execute",
        "use conn.execute -exception-> release conn@6#2",
        "use conn.execute -normal-> release conn@6",
        "release conn@6 -normal-> call after",
        "release conn@6#2 -normal-> raise-exit",
        "call after -exception-> raise-exit",
        "call after -normal-> exit",
    ])


def test_with_getconn_does_not_release() -> None:
    src = """\
    def f():
        with pool.getconn() as conn:
            conn.execute("SELECT 1")
    """
    cfg = lower(src)["f"]
    assert edge_list(cfg) == sorted([
        "entry f -normal-> acquire conn",
        "acquire conn -exception-> raise-exit",
        "acquire conn -normal-> use conn.execute",
        "use conn.execute -exception-> raise-exit",
        "use conn.execute -normal-> exit",
    ])
    (site,) = cfg.events(Ev.ACQUIRE)
    assert isinstance(site.info, AcquireInfo)
    assert site.info.kind == "pool-client" and site.info.driver == "psycopg2"
    assert site.info.note == "`with pool.getconn()` does not give the connection back to the pool"
    assert site.span is not None and (site.span.line, site.span.column) == (5, 28)  # `conn`


def test_with_psycopg2_connect_commits_but_does_not_close() -> None:
    cfg = lower("""\
    def f():
        with psycopg2.connect("dbname=app") as conn:
            conn.commit()
    """)["f"]
    assert edge_list(cfg) == sorted([
        "entry f -normal-> acquire conn",
        "acquire conn -exception-> raise-exit",
        "acquire conn -normal-> commit conn",
        "commit conn -exception-> raise-exit",
        "commit conn -normal-> exit",
    ])
    (site,) = cfg.events(Ev.ACQUIRE)
    assert isinstance(site.info, AcquireInfo) and site.info.kind == "connection"
    assert site.info.note == "`with psycopg2.connect()` commits but does not close the connection"


def test_with_closing_releases() -> None:
    assert edges("""\
    def f():
        with contextlib.closing(psycopg2.connect("")) as conn:
            conn.execute("SELECT 1")
    """) == sorted([
        "entry f -normal-> acquire conn",
        "acquire conn -exception-> raise-exit",
        "acquire conn -normal-> use conn.execute",
        "use conn.execute -exception-> release conn@5#2",
        "use conn.execute -normal-> release conn@5",
        "release conn@5 -normal-> exit",
        "release conn@5#2 -normal-> raise-exit",
    ])


def test_managed_with_has_no_acquire() -> None:
    assert edges("""\
    from psycopg_pool import ConnectionPool
    cp = ConnectionPool("")
    def f():
        with cp.connection() as conn:
            conn.execute("SELECT 1")
    """) == sorted([
        "entry f -normal-> call cp.connection",
        "call cp.connection -exception-> raise-exit",
        "call cp.connection -normal-> use conn.execute",
        "use conn.execute -exception-> raise-exit",
        "use conn.execute -normal-> exit",
    ])


def test_async_with_acquire_is_managed() -> None:
    assert edges("""\
    async def f(p: asyncpg.Pool):
        async with p.acquire() as conn:
            await conn.fetch("SELECT 1")
    """) == sorted([
        "entry f -normal-> call p.acquire",
        "call p.acquire -exception-> raise-exit",
        "call p.acquire -normal-> use conn.fetch",
        "use conn.fetch -exception-> raise-exit",
        "use conn.fetch -normal-> exit",
    ])


def test_nested_functions_escape_or_use_at_definition() -> None:
    cfgs = lower("""\
    def outer():
        conn = pool.getconn()
        def keeper():
            registry.append(conn)
        def reader():
            return conn.cursor()
        schedule(keeper)
        schedule(reader)
    """)
    assert edge_list(cfgs["outer"]) == sorted([
        "entry outer -normal-> acquire conn",
        "acquire conn -exception-> raise-exit",
        "acquire conn -normal-> escape captured by keeper()",
        "escape captured by keeper() -normal-> use captured by reader()",
        "use captured by reader() -normal-> call schedule@10",
        "call schedule@10 -exception-> raise-exit",
        "call schedule@10 -normal-> call schedule@11",
        "call schedule@11 -exception-> raise-exit",
        "call schedule@11 -normal-> exit",
    ])
    assert edge_list(cfgs["outer.<locals>.keeper"]) == sorted([
        "entry outer.<locals>.keeper -normal-> escape passed to registry.append()",
        "escape passed to registry.append() -exception-> raise-exit",
        "escape passed to registry.append() -normal-> exit",
    ])
    assert edge_list(cfgs["outer.<locals>.reader"]) == sorted([
        "entry outer.<locals>.reader -normal-> use conn.cursor",
        "use conn.cursor -normal-> escape returned",
        "escape returned -normal-> return return",
        "return return -normal-> exit",
    ])


def test_local_closure_called_by_name_is_inlined() -> None:
    assert edges("""\
    def f():
        conn = pool.getconn()
        def release():
            if conn is None:
                return
            pool.putconn(conn)
        work()
        release()
        after()
    """) == sorted([
        "entry f -normal-> acquire conn",
        "acquire conn -exception-> raise-exit",
        "acquire conn -normal-> call work",
        "call work -exception-> raise-exit",
        "call work -normal-> branch conn is None",
        "branch conn is None -true !conn-> call after",  # the inlined return continues here
        "branch conn is None -false conn-> release conn",
        "release conn -normal-> call after",
        "call after -exception-> raise-exit",
        "call after -normal-> exit",
    ])


def test_lambda_gets_its_own_cfg_and_escapes_what_it_releases() -> None:
    cfgs = lower("""\
    def f():
        conn = pool.getconn()
        cb = lambda: pool.putconn(conn)
        register(cb)
    """)
    assert edge_list(cfgs["f"]) == sorted([
        "entry f -normal-> acquire conn",
        "acquire conn -exception-> raise-exit",
        "acquire conn -normal-> escape captured by lambda()",
        "escape captured by lambda() -normal-> call register",
        "call register -exception-> raise-exit",
        "call register -normal-> exit",
    ])
    assert edge_list(cfgs["f.<locals>.<lambda@6:10>"]) == sorted([
        "entry f.<locals>.<lambda@6:10> -normal-> release conn",
        "release conn -normal-> exit",
    ])


def test_match_cases_and_guard() -> None:
    assert edges("""\
    def f(cmd):
        match cmd:
            case "a":
                one()
            case [x, *_] if x > 0:
                two()
            case _:
                three()
        after()
    """) == sorted([
        'entry f -normal-> branch case "a"',
        'branch case "a" -true-> call one',
        'branch case "a" -false-> branch case [x, *_]',
        "branch case [x, *_] -true-> branch x > 0",
        "branch case [x, *_] -false-> call three",
        "branch x > 0 -true-> call two",
        "branch x > 0 -false-> call three",
        "call one -exception-> raise-exit",
        "call one -normal-> call after",
        "call two -exception-> raise-exit",
        "call two -normal-> call after",
        "call three -exception-> raise-exit",
        "call three -normal-> call after",
        "call after -exception-> raise-exit",
        "call after -normal-> exit",
    ])


def test_match_without_default_falls_through() -> None:
    assert edges("""\
    def f(cmd):
        match cmd:
            case 1:
                one()
        after()
    """) == sorted([
        "entry f -normal-> branch case 1",
        "branch case 1 -true-> call one",
        "branch case 1 -false-> call after",
        "call one -exception-> raise-exit",
        "call one -normal-> call after",
        "call after -exception-> raise-exit",
        "call after -normal-> exit",
    ])


def test_boolean_short_circuit_in_condition() -> None:
    assert edges("""\
    def f():
        conn = pool.getconn()
        if conn and ready():
            pool.putconn(conn)
    """) == sorted([
        "entry f -normal-> acquire conn",
        "acquire conn -exception-> raise-exit",
        "acquire conn -normal-> branch conn",
        "branch conn -true conn-> call ready",
        "branch conn -false !conn-> exit",
        "call ready -exception-> raise-exit",
        "call ready -normal-> branch ready()",
        "branch ready() -true-> release conn",
        "branch ready() -false-> exit",
        "release conn -normal-> exit",
    ])


def test_boolean_short_circuit_as_value() -> None:
    assert edges("""\
    def f():
        x = a() or b()
        after()
    """) == sorted([
        "entry f -normal-> call a",
        "call a -exception-> raise-exit",
        "call a -normal-> branch a()",
        "branch a() -true-> call after",
        "branch a() -false-> call b",
        "call b -exception-> raise-exit",
        "call b -normal-> call after",
        "call after -exception-> raise-exit",
        "call after -normal-> exit",
    ])


def test_assumptions_on_none_tests_and_negation() -> None:
    assert edges("""\
    def f(conn, other):
        if not conn:
            a()
        if conn is None:
            b()
        if other is not None:
            c()
    """) == sorted([
        "entry f -normal-> branch conn",
        "branch conn -false !conn-> call a",  # `not conn` true == conn falsy
        "branch conn -true conn-> branch conn is None",
        "call a -exception-> raise-exit",
        "call a -normal-> branch conn is None",
        "branch conn is None -true !conn-> call b",
        "branch conn is None -false conn-> branch other is not None",
        "call b -exception-> raise-exit",
        "call b -normal-> branch other is not None",
        "branch other is not None -true other-> call c",
        "branch other is not None -false !other-> exit",
        "call c -exception-> raise-exit",
        "call c -normal-> exit",
    ])


def test_conditional_expression_binds_on_one_arm() -> None:
    assert edges("""\
    def f(flag):
        conn = pool.getconn() if flag else None
        use_it()
    """) == sorted([
        "entry f -normal-> branch flag",
        "branch flag -true flag-> acquire conn",
        "branch flag -false !flag-> kill conn",
        "acquire conn -exception-> raise-exit",
        "acquire conn -normal-> call use_it",
        "kill conn -normal-> call use_it",
        "call use_it -exception-> raise-exit",
        "call use_it -normal-> exit",
    ])


def test_raise_and_reraise() -> None:
    assert edges("""\
    def f():
        try:
            work()
        except KeyError:
            raise
        except Exception as exc:
            raise RuntimeError("x") from exc
    """) == sorted([
        "entry f -normal-> call work",
        "call work -exception-> branch except KeyError",
        "call work -normal-> exit",
        "branch except KeyError -true-> raise raise",
        'branch except KeyError -false-> raise raise RuntimeError("x")',
        "raise raise -exception-> raise-exit",
        'raise raise RuntimeError("x") -exception-> raise-exit',
    ])


def test_assert_may_raise() -> None:
    assert edges("""\
    def f():
        conn = pool.getconn()
        assert conn, "no connection"
        pool.putconn(conn)
    """) == sorted([
        "entry f -normal-> acquire conn",
        "acquire conn -exception-> raise-exit",
        "acquire conn -normal-> branch conn",
        "branch conn -true conn-> release conn",
        "branch conn -false !conn-> raise AssertionError",
        "raise AssertionError -exception-> raise-exit",
        "release conn -normal-> exit",
    ])


def test_generator_yield_escapes_and_plain_yield_may_raise() -> None:
    assert edges("""\
    def f():
        conn = pool.getconn()
        try:
            yield conn
            yield 1
        finally:
            pool.putconn(conn)
    """) == sorted([
        "entry f -normal-> acquire conn",
        "acquire conn -exception-> raise-exit",
        "acquire conn -normal-> escape yielded",
        "escape yielded -exception-> release conn@10#2",
        "escape yielded -normal-> call yield",
        "call yield -exception-> release conn@10#2",  # the consumer may close the generator
        "call yield -normal-> release conn@10",
        "release conn@10 -normal-> exit",
        "release conn@10#2 -normal-> raise-exit",
    ])


def test_comprehension_calls_once_each() -> None:
    assert edges("""\
    def f(items):
        rows = [fetch(x) for x in items if ok(x)]
    """) == sorted([
        "entry f -normal-> call ok",
        "call ok -exception-> raise-exit",
        "call ok -normal-> call fetch",
        "call fetch -exception-> raise-exit",
        "call fetch -normal-> exit",
    ])


def test_every_call_in_an_expression_gets_its_own_exception_edge() -> None:
    assert edges("""\
    def f():
        return g(h(1), k())
    """) == sorted([
        "entry f -normal-> call h",
        "call h -exception-> raise-exit",
        "call h -normal-> call k",
        "call k -exception-> raise-exit",
        "call k -normal-> call g",
        "call g -exception-> raise-exit",
        "call g -normal-> return return",
        "return return -normal-> exit",
    ])


def test_cursor_queries_and_transactions_map_to_the_connection() -> None:
    assert edges("""\
    def f():
        conn = pool.getconn()
        cur = conn.cursor()
        cur.execute("BEGIN")
        cur.execute("INSERT INTO t VALUES (1)")
        conn.commit()
        pool.putconn(conn)
    """) == sorted([
        "entry f -normal-> acquire conn",
        "acquire conn -exception-> raise-exit",
        "acquire conn -normal-> use conn.cursor",
        "use conn.cursor -normal-> call cur.execute",  # creating a cursor raises nothing
        "call cur.execute -exception-> raise-exit",  # a failed BEGIN opens nothing
        "call cur.execute -normal-> begin conn",
        "begin conn -normal-> use cur.execute",
        "use cur.execute -exception-> raise-exit",
        "use cur.execute -normal-> commit conn",
        "commit conn -exception-> raise-exit",
        "commit conn -normal-> release conn",
        "release conn -normal-> exit",
    ])


def test_asyncpg_transaction_object() -> None:
    assert edges("""\
    async def f(p: asyncpg.Pool):
        conn = await p.acquire()
        tr = conn.transaction()
        await tr.start()
        await conn.execute("ROLLBACK")
        await p.release(conn)
    """) == sorted([
        "entry f -normal-> acquire conn",
        "acquire conn -exception-> raise-exit",
        "acquire conn -normal-> use conn.transaction",
        "use conn.transaction -exception-> raise-exit",
        "use conn.transaction -normal-> call tr.start",
        "call tr.start -exception-> raise-exit",
        "call tr.start -normal-> begin conn",
        "begin conn -normal-> rollback conn",
        "rollback conn -exception-> raise-exit",
        "rollback conn -normal-> release conn",
        "release conn -normal-> exit",
    ])


def test_alias_kill_and_store() -> None:
    cfg = lower("""\
    class C:
        def f(self):
            conn = pool.getconn()
            other = conn
            self.conn = other
            conn = None
    """)["C.f"]
    assert edge_list(cfg) == sorted([
        "entry C.f -normal-> acquire conn",
        "acquire conn -exception-> raise-exit",
        "acquire conn -normal-> alias other = conn",
        "alias other = conn -normal-> escape stored in self.conn",
        "escape stored in self.conn -normal-> kill conn",
        "kill conn -normal-> exit",
    ])


def test_unawaited_async_release_is_not_effective() -> None:
    cfg = lower("""\
    async def f(p: asyncpg.Pool):
        conn = await p.acquire()
        p.release(conn)
        await p.release(conn)
    """)["f"]
    first, second = list(cfg.events(Ev.RELEASE))
    assert isinstance(first.info, ReleaseInfo) and isinstance(second.info, ReleaseInfo)
    assert not first.info.effective
    assert first.info.note == "`p.release(conn)` is not awaited, so it does nothing"
    assert second.info.effective and second.info.how == "release"
    (site,) = cfg.events(Ev.ACQUIRE)
    assert isinstance(site.info, AcquireInfo)
    assert (site.info.driver, site.info.api, site.info.double_release_raises) == (
        "asyncpg", "p.acquire()", False)


def test_unawaited_acquire_is_not_an_acquisition() -> None:
    cfg = lower("""\
    async def f(p: asyncpg.Pool):
        ctx = p.acquire()
        conn = asyncpg.connect()
    """)["f"]
    assert list(cfg.events(Ev.ACQUIRE)) == []


def test_inline_acquisitions() -> None:
    cfgs = lower("""\
    def discarded():
        pool.getconn()
    def returned():
        return pool.getconn()
    def passed():
        keep(pool.getconn())
    def used_inline():
        pool.getconn().cursor()
    """)
    assert edge_list(cfgs["discarded"]) == sorted([
        "entry discarded -normal-> acquire",
        "acquire -exception-> raise-exit",
        "acquire -normal-> exit",
    ])
    assert edge_list(cfgs["returned"]) == sorted([
        "entry returned -normal-> acquire pool.getconn()@7:12",
        "acquire pool.getconn()@7:12 -exception-> raise-exit",
        "acquire pool.getconn()@7:12 -normal-> escape returned",
        "escape returned -normal-> return return",
        "return return -normal-> exit",
    ])
    assert edge_list(cfgs["passed"]) == sorted([
        "entry passed -normal-> acquire pool.getconn()@9:10",
        "acquire pool.getconn()@9:10 -exception-> raise-exit",
        "acquire pool.getconn()@9:10 -normal-> escape passed to keep()",
        "escape passed to keep() -exception-> raise-exit",
        "escape passed to keep() -normal-> exit",
    ])
    used = cfgs["used_inline"]
    (site,) = used.events(Ev.ACQUIRE)
    assert site.var is None  # nothing names it


def test_module_level_acquisition_is_stored_in_a_global() -> None:
    assert edges("""\
    conn = psycopg2.connect("")
    """, "<module>") == sorted([
        "entry <module> -normal-> call psycopg2.pool.ThreadedConnectionPool",
        "call psycopg2.pool.ThreadedConnectionPool -exception-> raise-exit",
        "call psycopg2.pool.ThreadedConnectionPool -normal-> acquire conn",
        "acquire conn -exception-> raise-exit",
        "acquire conn -normal-> escape stored in conn",
        "escape stored in conn -normal-> exit",
    ])


def test_function_names() -> None:
    names = set(lower("""\
    def top():
        def inner():
            pass
        class Local:
            def m(self):
                pass
        return lambda: 1
    class K:
        def method(self):
            pass
        class Inner:
            async def deep(self):
                pass
    """))
    assert names == {"<module>", "top", "top.<locals>.inner", "top.<locals>.Local.m",
                     "top.<locals>.<lambda@10:12>", "K.method", "K.Inner.deep"}


def test_empty_file_has_only_the_module() -> None:
    adapter = PythonAdapter()
    registry = default_registry()
    parsed = adapter.parse("/proj/empty.py", b"")
    project = ProjectIndex({"python": adapter})
    project.add(adapter.index(parsed, registry))
    (cfg,) = adapter.lower(parsed, project, registry).functions
    assert cfg.name == "<module>"
    assert edge_list(cfg) == ["entry <module> -normal-> exit"]


def test_try_star_lowers_like_try() -> None:
    assert edges("""\
    def f():
        try:
            work()
        except* ValueError:
            handle()
    """) == sorted([
        "entry f -normal-> call work",
        "call work -exception-> branch except ValueError",
        "call work -normal-> exit",
        "branch except ValueError -true-> call handle",
        "branch except ValueError -false-> raise-exit",
        "call handle -exception-> raise-exit",
        "call handle -normal-> exit",
    ])


def test_with_several_items_exits_innermost_first() -> None:
    assert edges("""\
    def f():
        with contextlib.closing(psycopg2.connect("")) as a, contextlib.closing(psycopg2.connect("")) as b:
            work()
    """) == sorted([
        "entry f -normal-> acquire a",
        "acquire a -exception-> raise-exit",  # nothing entered yet
        "acquire a -normal-> acquire b",
        "acquire b -exception-> release a@5#2",  # only the first item's exit runs
        "acquire b -normal-> call work",
        "call work -exception-> release b@5#2",
        "call work -normal-> release b@5",
        "release b@5 -normal-> release a@5",
        "release b@5#2 -normal-> release a@5#2",
        "release a@5 -normal-> exit",
        "release a@5#2 -normal-> raise-exit",
    ])


def test_contextmanager_generator_lends_what_it_yields() -> None:
    assert edges("""\
    @contextlib.contextmanager
    def f():
        conn = pool.getconn()
        yield conn
        pool.putconn(conn)
    """) == sorted([
        "entry f -normal-> acquire conn",
        "acquire conn -exception-> raise-exit",
        "acquire conn -normal-> use yield to the `with` block",
        "use yield to the `with` block -exception-> raise-exit",  # the with block raised
        "use yield to the `with` block -normal-> release conn",
        "release conn -normal-> exit",
    ])


def test_gather_awaits_its_arguments() -> None:
    cfg = lower("""\
    import asyncio
    async def f(p: asyncpg.Pool, a, b):
        await asyncio.gather(p.release(a), p.release(b))
    """)["f"]
    infos = [n.info for n in cfg.events(Ev.RELEASE)]
    assert [i.effective for i in infos if isinstance(i, ReleaseInfo)] == [True, True]


def test_async_for_over_a_cursor_uses_the_connection() -> None:
    assert edges("""\
    async def f(p: asyncpg.Pool):
        async with p.acquire() as conn:
            async for row in conn.cursor("SELECT 1"):
                handle(row)
    """) == sorted([
        "entry f -normal-> call p.acquire",
        "call p.acquire -exception-> raise-exit",
        "call p.acquire -normal-> use conn.cursor",
        "use conn.cursor -exception-> raise-exit",
        "use conn.cursor -normal-> branch for row in conn.cursor(\"SELECT 1\")",
        "branch for row in conn.cursor(\"SELECT 1\") -true-> call handle",
        "branch for row in conn.cursor(\"SELECT 1\") -false-> exit",
        "call handle -exception-> raise-exit",
        "call handle -normal-> branch for row in conn.cursor(\"SELECT 1\")",
    ])


def test_columns_count_characters_not_bytes() -> None:
    cfg = lower("""\
    def f():
        s = "ééé"; conn = pool.getconn()
    """)["f"]
    (site,) = cfg.events(Ev.ACQUIRE)
    assert site.span is not None
    # `    s = "ééé"; ` is 15 characters (21 bytes in UTF-8): `conn` starts in column 16
    assert (site.span.line, site.span.column, site.span.end_column) == (5, 16, 20)
