"""Expected CFG edge lists for the JavaScript/TypeScript lowering, one construct per test.

Every source below starts with ``HEADER`` (three lines: the pg import, a pool,
a blank line), so the function under test starts on line 4. Names in the edge
lists are ``kind label`` (or ``kind var``) with ``@line`` added when a name
repeats (``finally`` copies); ``nop`` nodes are contracted away. The expected
lists were written from docs/lowering.md, not copied from the output.
"""

from __future__ import annotations

import textwrap

from pglint.drivers import default_registry
from pglint.ir.cfg import AcquireInfo, Ev, FunctionCFG, ReleaseInfo
from pglint.ir.render import edge_list
from pglint.languages.base import ProjectIndex
from pglint.languages.javascript.adapter import JavaScriptAdapter

HEADER = "const { Pool } = require('pg');\nconst pool = new Pool();\n\n"


def lower(src: str, path: str = "/proj/mod.js") -> dict[str, FunctionCFG]:
    adapter = JavaScriptAdapter()
    registry = default_registry()
    parsed = adapter.parse(path, (HEADER + textwrap.dedent(src)).encode())
    project = ProjectIndex({"javascript": adapter})
    project.add(adapter.index(parsed, registry))
    return {cfg.name: cfg for cfg in adapter.lower(parsed, project, registry).functions}


def edges(src: str, name: str = "f", path: str = "/proj/mod.js") -> list[str]:
    return edge_list(lower(src, path)[name])


def raising(*names: str) -> list[str]:
    """``name -exception-> raise-exit`` for each node that may raise outside any handler."""
    return [f"{n} -exception-> raise-exit" for n in names]


# ---------------------------------------------------------------------------
# statements

def test_if_else() -> None:
    src = """\
    function f(x) {
      if (x) {
        a();
      } else {
        b();
      }
      c();
    }
    """
    assert edges(src) == sorted([
        "entry f -normal-> branch x",
        "branch x -true x-> call a",
        "branch x -false !x-> call b",
        "call a -normal-> call c",
        "call b -normal-> call c",
        "call c -normal-> exit",
        *raising("call a", "call b", "call c"),
    ])


def test_while_loop_head_has_back_edge() -> None:
    src = """\
    function f() {
      while (cond()) {
        a();
      }
      b();
    }
    """
    assert edges(src) == sorted([
        "entry f -normal-> call cond",
        "call cond -normal-> branch cond()",
        "branch cond() -true-> call a",
        "branch cond() -false-> call b",
        "call a -normal-> call cond",
        "call b -normal-> exit",
        *raising("call cond", "call a", "call b"),
    ])


def test_while_true_has_no_branch() -> None:
    src = """\
    function f() {
      while (true) {
        if (a()) break;
      }
      b();
    }
    """
    assert edges(src) == sorted([
        "entry f -normal-> call a",
        "call a -normal-> branch a()",
        "branch a() -true-> call b",
        "branch a() -false-> call a",
        "call b -normal-> exit",
        *raising("call a", "call b"),
    ])


def test_do_while_runs_body_first() -> None:
    src = """\
    function f(x) {
      do {
        a();
      } while (x);
      b();
    }
    """
    assert edges(src) == sorted([
        "entry f -normal-> call a",
        "call a -normal-> branch x",
        "branch x -true x-> call a",
        "branch x -false !x-> call b",
        "call b -normal-> exit",
        *raising("call a", "call b"),
    ])


def test_for_loop_update_goes_back_to_test() -> None:
    src = """\
    function f(n) {
      for (let i = 0; i < n; i++) {
        a(i);
      }
    }
    """
    assert edges(src) == sorted([
        "entry f -normal-> branch i < n",
        "branch i < n -true-> call a",
        "branch i < n -false-> exit",
        "call a -normal-> branch i < n",
        *raising("call a"),
    ])


def test_for_of_with_break_and_continue() -> None:
    src = """\
    function f(xs) {
      for (const x of xs) {
        if (x === 1) continue;
        if (x === 2) break;
        a(x);
      }
      b();
    }
    """
    assert edges(src) == sorted([
        "entry f -normal-> branch x of xs",
        "branch x of xs -true-> branch x === 1",
        "branch x of xs -false-> call b",
        "branch x === 1 -true-> branch x of xs",
        "branch x === 1 -false-> branch x === 2",
        "branch x === 2 -true-> call b",
        "branch x === 2 -false-> call a",
        "call a -normal-> branch x of xs",
        "call b -normal-> exit",
        *raising("call a", "call b"),
    ])


def test_for_await_may_reject_on_each_iteration() -> None:
    src = """\
    async function f(stream) {
      for await (const chunk of stream) {
        a(chunk);
      }
    }
    """
    assert edges(src) == sorted([
        "entry f -normal-> call for await",
        "call for await -normal-> branch chunk of stream",
        "branch chunk of stream -true-> call a",
        "branch chunk of stream -false-> exit",
        "call a -normal-> call for await",
        *raising("call for await", "call a"),
    ])


def test_labelled_break_leaves_the_outer_loop() -> None:
    src = """\
    function f(rows) {
      outer: for (const row of rows) {
        for (const cell of row) {
          if (cell) break outer;
          a();
        }
        b();
      }
      c();
    }
    """
    assert edges(src) == sorted([
        "entry f -normal-> branch row of rows",
        "branch row of rows -true-> branch cell of row",
        "branch row of rows -false-> call c",
        "branch cell of row -true-> branch cell",
        "branch cell of row -false-> call b",
        "branch cell -true cell-> call c",
        "branch cell -false !cell-> call a",
        "call a -normal-> branch cell of row",
        "call b -normal-> branch row of rows",
        "call c -normal-> exit",
        *raising("call a", "call b", "call c"),
    ])


def test_labelled_continue_goes_to_the_outer_update() -> None:
    src = """\
    function f(n) {
      loop: for (let i = 0; i < n; i++) {
        while (a()) {
          continue loop;
        }
      }
    }
    """
    assert edges(src) == sorted([
        "entry f -normal-> branch i < n",
        "branch i < n -true-> call a",
        "branch i < n -false-> exit",
        "call a -normal-> branch a()",
        "branch a() -true-> branch i < n",
        "branch a() -false-> branch i < n",
        *raising("call a"),
    ])


def test_labelled_block_break() -> None:
    src = """\
    function f(x) {
      block: {
        if (x) break block;
        a();
      }
      b();
    }
    """
    assert edges(src) == sorted([
        "entry f -normal-> branch x",
        "branch x -true x-> call b",
        "branch x -false !x-> call a",
        "call a -normal-> call b",
        "call b -normal-> exit",
        *raising("call a", "call b"),
    ])


def test_switch_fall_through_and_default() -> None:
    src = """\
    function f(k) {
      switch (k) {
        case 1:
          a();
        case 2:
          b();
          break;
        default:
          c();
      }
      d();
    }
    """
    assert edges(src) == sorted([
        "entry f -normal-> branch case 1",
        "branch case 1 -true-> call a",
        "branch case 1 -false-> branch case 2",
        "branch case 2 -true-> call b",
        "branch case 2 -false-> call c",
        "call a -normal-> call b",
        "call b -normal-> call d",
        "call c -normal-> call d",
        "call d -normal-> exit",
        *raising("call a", "call b", "call c", "call d"),
    ])


def test_switch_default_in_the_middle_is_tested_last() -> None:
    src = """\
    function f(k) {
      switch (k) {
        case 1:
          a();
        default:
          b();
        case 2:
          c();
      }
    }
    """
    assert edges(src) == sorted([
        "entry f -normal-> branch case 1",
        "branch case 1 -true-> call a",
        "branch case 1 -false-> branch case 2",
        "branch case 2 -true-> call c",
        "branch case 2 -false-> call b",
        "call a -normal-> call b",
        "call b -normal-> call c",
        "call c -normal-> exit",
        *raising("call a", "call b", "call c"),
    ])


def test_switch_without_default_can_skip_every_case() -> None:
    src = """\
    function f(k) {
      switch (k) {
        case 'x':
          return a();
      }
      b();
    }
    """
    assert edges(src) == sorted([
        "entry f -normal-> branch case 'x'",
        "branch case 'x' -true-> call a",
        "branch case 'x' -false-> call b",
        "call a -normal-> return return",
        "return return -normal-> exit",
        "call b -normal-> exit",
        *raising("call a", "call b"),
    ])


# ---------------------------------------------------------------------------
# exceptions

def test_try_catch() -> None:
    src = """\
    function f() {
      try {
        a();
      } catch (e) {
        b();
      }
      c();
    }
    """
    assert edges(src) == sorted([
        "entry f -normal-> call a",
        "call a -normal-> call c",
        "call a -exception-> call b",
        "call b -normal-> call c",
        "call c -normal-> exit",
        *raising("call b", "call c"),
    ])


def test_every_call_of_a_statement_gets_its_own_exception_edge() -> None:
    src = """\
    function f() {
      try {
        const v = a(b(), await c());
      } catch {
        d();
      }
    }
    """
    assert edges(src) == sorted([
        "entry f -normal-> call b",
        "call b -normal-> call c",
        "call b -exception-> call d",
        "call c -normal-> call a",
        "call c -exception-> call d",
        "call a -normal-> exit",
        "call a -exception-> call d",
        "call d -normal-> exit",
        *raising("call d"),
    ])


def test_try_finally_with_return_in_try_copies_finally_per_continuation() -> None:
    src = """\
    function f() {
      try {
        return a();
      } finally {
        b();
      }
    }
    """
    # call b@8: the copy for the exception; call b@8#2: the copy for the return
    assert edges(src) == sorted([
        "entry f -normal-> call a",
        "call a -normal-> return return",
        "call a -exception-> call b@8",
        "call b@8 -normal-> raise-exit",
        "call b@8 -exception-> raise-exit",
        "return return -normal-> call b@8#2",
        "call b@8#2 -normal-> exit",
        "call b@8#2 -exception-> raise-exit",
    ])


def test_return_inside_finally_overrides_the_exception() -> None:
    src = """\
    function f() {
      try {
        a();
      } finally {
        return b();
      }
    }
    """
    # first the exception copy (@8), then the fall-through copy (@8#2); both return
    assert edges(src) == sorted([
        "entry f -normal-> call a",
        "call a -exception-> call b@8",
        "call a -normal-> call b@8#2",
        "call b@8 -normal-> return return@8",
        "call b@8#2 -normal-> return return@8#2",
        "return return@8 -normal-> exit",
        "return return@8#2 -normal-> exit",
        *raising("call b@8", "call b@8#2"),
    ])


def test_nested_try_rethrows_from_inner_finally_to_outer_catch() -> None:
    src = """\
    function f() {
      try {
        try {
          a();
        } finally {
          b();
        }
      } catch (e) {
        c();
      }
    }
    """
    assert edges(src) == sorted([
        "entry f -normal-> call a",
        "call a -exception-> call b@9",
        "call a -normal-> call b@9#2",
        "call b@9 -normal-> call c",
        "call b@9 -exception-> call c",
        "call b@9#2 -normal-> exit",
        "call b@9#2 -exception-> call c",
        "call c -normal-> exit",
        *raising("call c"),
    ])


def test_break_through_finally_gets_its_own_copy() -> None:
    src = """\
    async function f(items) {
      for (const item of items) {
        const client = await pool.connect();
        try {
          if (item) break;
        } finally {
          client.release();
        }
      }
    }
    """
    # @10: the copy for `break` (leaves the loop), @10#2: the fall-through copy
    assert edges(src) == sorted([
        "entry f -normal-> branch item of items",
        "branch item of items -true-> acquire client",
        "branch item of items -false-> exit",
        "acquire client -exception-> raise-exit",
        "acquire client -normal-> branch item",
        "branch item -true item-> release client@10",
        "branch item -false !item-> release client@10#2",
        "release client@10 -normal-> exit",
        "release client@10#2 -normal-> branch item of items",
    ])


def test_throw() -> None:
    src = """\
    function f(x) {
      if (x) throw new Error('no');
      a();
    }
    """
    assert edges(src) == sorted([
        "entry f -normal-> branch x",
        "branch x -true x-> raise throw",
        "branch x -false !x-> call a",
        "raise throw -exception-> raise-exit",
        "call a -normal-> exit",
        *raising("call a"),
    ])


def test_rethrow_in_catch_goes_to_finally_copy() -> None:
    src = """\
    function f() {
      try {
        a();
      } catch (e) {
        throw e;
      } finally {
        b();
      }
    }
    """
    assert edges(src) == sorted([
        "entry f -normal-> call a",
        "call a -exception-> raise throw",
        "call a -normal-> call b@10#2",
        "raise throw -exception-> call b@10",
        "call b@10 -normal-> raise-exit",
        "call b@10#2 -normal-> exit",
        *raising("call b@10", "call b@10#2"),
    ])


# ---------------------------------------------------------------------------
# expressions

def test_optional_chaining_release_branches_on_the_client() -> None:
    src = """\
    async function f() {
      const client = await pool.connect();
      client?.release();
    }
    """
    assert edges(src) == sorted([
        "entry f -normal-> acquire client",
        "acquire client -exception-> raise-exit",
        "acquire client -normal-> branch client?.",
        "branch client?. -true client-> release client",
        "branch client?. -false !client-> exit",
        "release client -normal-> exit",
    ])


def test_optional_chain_short_circuits_the_whole_chain() -> None:
    src = """\
    function f(a) {
      a?.b.c();
      d();
    }
    """
    assert edges(src) == sorted([
        "entry f -normal-> branch a?.",
        "branch a?. -true a-> call a?.b.c",
        "branch a?. -false !a-> call d",
        "call a?.b.c -normal-> call d",
        "call d -normal-> exit",
        *raising("call a?.b.c", "call d"),
    ])


def test_optional_call_branches_in_both_grammars() -> None:
    # the JavaScript grammar spells the `?.` of a call as a named `optional_chain`
    # node, the TypeScript grammar as a bare token: both are an optional call
    src = """\
    function f(cb) {
      cb?.();
      d();
    }
    """
    expected = sorted([
        "entry f -normal-> branch cb?.",
        "branch cb?. -true cb-> call cb",
        "branch cb?. -false !cb-> call d",
        "call cb -normal-> call d",
        "call d -normal-> exit",
        *raising("call cb", "call d"),
    ])
    assert edges(src) == expected
    assert edges(src, path="/proj/mod.ts") == expected


def test_and_and_nullish_short_circuits() -> None:
    src = """\
    async function f(x) {
      const client = await pool.connect();
      client && client.release();
      const y = x ?? d();
    }
    """
    assert edges(src) == sorted([
        "entry f -normal-> acquire client",
        "acquire client -exception-> raise-exit",
        "acquire client -normal-> branch client",
        "branch client -true client-> release client",
        "branch client -false !client-> branch x ??",
        "release client -normal-> branch x ??",
        "branch x ?? -true x-> exit",
        "branch x ?? -false !x-> call d",
        "call d -normal-> exit",
        *raising("call d"),
    ])


def test_or_in_condition() -> None:
    src = """\
    function f(a, b) {
      if (a || !b) c();
    }
    """
    assert edges(src) == sorted([
        "entry f -normal-> branch a",
        "branch a -true a-> call c",
        "branch a -false !a-> branch b",
        "branch b -false !b-> call c",
        "branch b -true b-> exit",
        "call c -normal-> exit",
        *raising("call c"),
    ])


def test_null_comparison_assumes_the_variable() -> None:
    src = """\
    async function f() {
      let client = null;
      try {
        client = await pool.connect();
      } finally {
        if (client !== null) client.release();
      }
    }
    """
    assert edges(src) == sorted([
        "entry f -normal-> acquire client",
        "acquire client -exception-> branch client !== null@9",
        "acquire client -normal-> branch client !== null@9#2",
        "branch client !== null@9 -true client-> release client@9",
        "branch client !== null@9 -false !client-> raise-exit",
        "release client@9 -normal-> raise-exit",
        "branch client !== null@9#2 -true client-> release client@9#2",
        "branch client !== null@9#2 -false !client-> exit",
        "release client@9#2 -normal-> exit",
    ])


def test_ternary() -> None:
    src = """\
    function f(x) {
      const v = x ? a() : b();
      c(v);
    }
    """
    assert edges(src) == sorted([
        "entry f -normal-> branch x",
        "branch x -true x-> call a",
        "branch x -false !x-> call b",
        "call a -normal-> call c",
        "call b -normal-> call c",
        "call c -normal-> exit",
        *raising("call a", "call b", "call c"),
    ])


def test_ternary_checkout_binds_the_declared_name() -> None:
    src = """\
    async function f(existing) {
      const client = existing ? null : await pool.connect();
      a(client);
    }
    """
    assert edges(src) == sorted([
        "entry f -normal-> branch existing",
        "branch existing -true existing-> escape passed to a()",
        "branch existing -false !existing-> acquire client",
        "acquire client -exception-> raise-exit",
        "acquire client -normal-> escape passed to a()",
        "escape passed to a() -normal-> exit",
        *raising("escape passed to a()"),
    ])


def test_alias_kill_and_escapes() -> None:
    src = """\
    async function f(list) {
      const client = await pool.connect();
      const c = client;
      list.push(c);
      c = null;
      return client;
    }
    """
    assert edges(src) == sorted([
        "entry f -normal-> acquire client",
        "acquire client -exception-> raise-exit",
        "acquire client -normal-> alias c",
        "alias c -normal-> escape passed to list.push()",
        "escape passed to list.push() -exception-> raise-exit",
        "escape passed to list.push() -normal-> kill c",
        "kill c -normal-> escape returned",
        "escape returned -normal-> return return",
        "return return -normal-> exit",
    ])


def test_use_and_transaction_events() -> None:
    src = """\
    async function f() {
      const client = await pool.connect();
      await client.query('BEGIN');
      await client.query(`UPDATE t SET x = 1`);
      await client.query({ text: 'COMMIT' });
      await client.query('ROLLBACK TO SAVEPOINT s');
      client.release(new Error('x'));
    }
    """
    cfg = lower(src)["f"]
    kinds = [n.kind for n in cfg.nodes if n.kind in (Ev.BEGIN, Ev.USE, Ev.COMMIT, Ev.ROLLBACK)]
    assert kinds == [Ev.BEGIN, Ev.USE, Ev.COMMIT, Ev.USE]
    (release,) = list(cfg.events(Ev.RELEASE))
    assert release.info == ReleaseInfo(how="destroy")
    assert edge_list(cfg)[0:2] == ["acquire client -exception-> raise-exit",
                                   "acquire client -normal-> begin client.query"]


# ---------------------------------------------------------------------------
# functions, callbacks, promise chains

def test_arrow_callback_gets_its_own_cfg() -> None:
    src = """\
    function f(items) {
      items.forEach((item) => {
        a(item);
      });
    }
    """
    cfgs = lower(src)
    assert sorted(cfgs) == ["<module>", "f", "f/<callback@5:17>"]
    assert edge_list(cfgs["f"]) == sorted([
        "entry f -normal-> call items.forEach",
        "call items.forEach -normal-> exit",
        *raising("call items.forEach"),
    ])
    assert edge_list(cfgs["f/<callback@5:17>"]) == sorted([
        "entry f/<callback@5:17> -normal-> call a",
        "call a -normal-> exit",
        *raising("call a"),
    ])


def test_callback_that_releases_a_captured_client_is_an_escape() -> None:
    src = """\
    async function f() {
      const client = await pool.connect();
      setTimeout(() => client.release(), 0);
    }
    """
    cfgs = lower(src)
    assert edge_list(cfgs["f"]) == sorted([
        "entry f -normal-> acquire client",
        "acquire client -exception-> raise-exit",
        "acquire client -normal-> escape captured by callback",
        "escape captured by callback -normal-> call setTimeout",
        "call setTimeout -normal-> exit",
        *raising("call setTimeout"),
    ])
    assert edge_list(cfgs["f/<callback@6:14>"]) == [
        "entry f/<callback@6:14> -normal-> release client",
        "release client -normal-> exit",
    ]


def test_local_closure_is_inlined_where_it_is_called() -> None:
    src = """\
    async function f() {
      const client = await pool.connect();
      const done = () => client.release();
      try {
        await client.query('SELECT 1');
      } finally {
        done();
      }
    }
    """
    # the release is placed at the call `done()` (line 10), once per finally copy
    assert edges(src) == sorted([
        "entry f -normal-> acquire client",
        "acquire client -exception-> raise-exit",
        "acquire client -normal-> use client.query",
        "use client.query -exception-> release client@10",
        "use client.query -normal-> release client@10#2",
        "release client@10 -normal-> raise-exit",
        "release client@10#2 -normal-> exit",
    ])


def test_promise_chain_is_lowered_like_try_catch_finally() -> None:
    src = """\
    function f() {
      return pool.connect()
        .then((client) => client.query('SELECT 1').finally(() => client.release()))
        .catch((err) => log(err));
    }
    """
    # release@6: the copy of the .finally for a rejected query (goes on to .catch)
    assert edges(src) == sorted([
        "entry f -normal-> acquire client",
        "acquire client -exception-> call log",
        "acquire client -normal-> use client.query",
        "use client.query -exception-> release client@6",
        "use client.query -normal-> release client@6#2",
        "release client@6 -normal-> call log",
        "release client@6#2 -normal-> return return",
        "call log -normal-> return return",
        "return return -normal-> exit",
        *raising("call log"),
    ])
    acquire = next(lower(src)["f"].events(Ev.ACQUIRE))
    assert acquire.span is not None and (acquire.span.line, acquire.span.column) == (6, 12)


def test_then_with_rejection_handler_does_not_protect_the_fulfilment_handler() -> None:
    src = """\
    function f() {
      return pool.connect().then((client) => client.query('SELECT 1'), (err) => log(err));
    }
    """
    assert edges(src) == sorted([
        "entry f -normal-> acquire client",
        "acquire client -exception-> call log",
        "acquire client -normal-> use client.query",
        "use client.query -normal-> return return",
        "call log -normal-> return return",
        "return return -normal-> exit",
        *raising("use client.query", "call log"),
    ])


def test_callback_checkout_acquires_at_callback_entry() -> None:
    src = """\
    function f(cb) {
      pool.connect((err, client, done) => {
        if (err) return cb(err);
        client.query('SELECT 1', (qerr, res) => {
          done();
          cb(qerr, res);
        });
      });
    }
    """
    cfgs = lower(src)
    assert edge_list(cfgs["f"]) == sorted([
        "entry f -normal-> call pool.connect",
        "call pool.connect -normal-> exit",
        *raising("call pool.connect"),
    ])
    cb = cfgs["f/<callback@5:16>"]
    assert edge_list(cb) == sorted([
        "entry f/<callback@5:16> -normal-> acquire client",
        "acquire client -exception-> raise-exit",
        "acquire client -normal-> branch err",
        "branch err -true err-> call cb@6",
        "branch err -false !err-> use client.query",
        "call cb@6 -normal-> return return",
        "return return -normal-> exit",
        "use client.query -normal-> release client",
        "release client -normal-> call cb@9",
        "call cb@9 -normal-> exit",
        *raising("call cb@6", "call cb@9"),
    ])
    acquire = next(cb.events(Ev.ACQUIRE))
    assert isinstance(acquire.info, AcquireInfo)
    assert (acquire.info.err_var, acquire.info.release_var) == ("err", "done")
    assert acquire.info.api == "pool.connect(callback)"


def test_direct_client_connect_acquires_the_receiver() -> None:
    src = """\
    const { Client } = require('pg');
    async function f() {
      const client = new Client();
      await client.connect();
      await client.end();
    }
    """
    cfg = lower(src)["f"]
    assert edge_list(cfg) == sorted([
        "entry f -normal-> call new Client",
        "call new Client -normal-> acquire client",
        "acquire client -exception-> raise-exit",
        "acquire client -normal-> release client",
        "release client -normal-> exit",
        *raising("call new Client"),
    ])
    acquire = next(cfg.events(Ev.ACQUIRE))
    assert isinstance(acquire.info, AcquireInfo) and acquire.info.kind == "connection"
    release = next(cfg.events(Ev.RELEASE))
    assert release.info == ReleaseInfo(how="close")


def test_iife_is_inlined() -> None:
    src = """\
    (async () => {
      const client = await pool.connect();
      client.release();
    })();
    """
    assert edges(src, "<module>") == sorted([
        "entry <module> -normal-> call new Pool",
        "call new Pool -normal-> acquire client",
        "acquire client -exception-> raise-exit",
        "acquire client -normal-> release client",
        "release client -normal-> exit",
        *raising("call new Pool"),
    ])


def test_typescript_syntax_is_skipped() -> None:
    src = """\
    import { Pool as P, PoolClient } from 'pg';
    enum Mode { A }
    interface I { x: number }
    export class Repo {
      constructor(private readonly pool: P) {}
      @log()
      async f<T>(): Promise<T> {
        let client: PoolClient | undefined = undefined;
        client = (await this.pool.connect()) as PoolClient;
        await client!.query('SELECT 1') satisfies unknown;
        client!.release();
        return <T>(<unknown>null);
      }
    }
    """
    cfgs = lower(src, "/proj/mod.ts")
    assert edge_list(cfgs["Repo.f"]) == sorted([
        "entry Repo.f -normal-> acquire client",
        "acquire client -exception-> raise-exit",
        "acquire client -normal-> use client!.query",
        "use client!.query -normal-> release client",
        "release client -normal-> return return",
        "return return -normal-> exit",
        *raising("use client!.query"),
    ])


def test_function_names() -> None:
    src = """\
    function outer() {
      function inner() {}
      const arrow = () => 1;
      [1].map((x) => x);
    }
    class C {
      m() {}
      get g() { return 1; }
      h = () => 2;
      static { init(); }
    }
    const obj = { method() {} };
    """
    assert sorted(lower(src)) == sorted([
        "<module>", "outer", "outer/inner", "outer/arrow", "outer/<callback@7:11>",
        "C.m", "C.g", "C.h", "C.<static>", "method",
    ])


def test_catch_link_resolves_to_the_checkout() -> None:
    src = """\
    async function f() {
      const client = await pool.connect().catch((err) => {
        throw new Error('database down');
      });
      client.release();
    }
    """
    assert edges(src) == sorted([
        "entry f -normal-> acquire client",
        "acquire client -exception-> raise throw",
        "acquire client -normal-> release client",
        "raise throw -exception-> raise-exit",
        "release client -normal-> exit",
    ])


def test_parenthesised_await_is_not_a_call_of_await() -> None:
    # tree-sitter reads `await (x).y` as a call of a function named `await`
    src = """\
    async function f() {
      const res = await (await pool.connect()).query('SELECT 1');
    }
    """
    assert edges(src) == sorted([
        "entry f -normal-> acquire",
        "acquire -exception-> raise-exit",
        "acquire -normal-> call await (await pool.connect()).query",
        "call await (await pool.connect()).query -normal-> exit",
        *raising("call await (await pool.connect()).query"),
    ])
    acquire = next(lower(src)["f"].events(Ev.ACQUIRE))
    assert acquire.var is None


def test_yield_may_not_resume() -> None:
    src = """\
    async function* f() {
      const client = await pool.connect();
      try {
        yield client;
        yield 1;
      } finally {
        client.release();
      }
    }
    """
    assert edges(src) == sorted([
        "entry f -normal-> acquire client",
        "acquire client -exception-> raise-exit",
        "acquire client -normal-> escape yielded",
        "escape yielded -exception-> release client@10",
        "escape yielded -normal-> call yield",
        "call yield -exception-> release client@10",
        "call yield -normal-> release client@10#2",
        "release client@10 -normal-> raise-exit",
        "release client@10#2 -normal-> exit",
    ])


def test_jsx_expressions_are_walked() -> None:
    src = """\
    function f(items) {
      return <ul title={t()}>{items.map((i) => <li key={i}>{i}</li>)}</ul>;
    }
    """
    cfgs = lower(src, "/proj/view.jsx")
    assert edge_list(cfgs["f"]) == sorted([
        "entry f -normal-> call t",
        "call t -normal-> call items.map",
        "call items.map -normal-> return return",
        "return return -normal-> exit",
        *raising("call t", "call items.map"),
    ])
    assert "f/<callback@5:37>" in cfgs


def test_class_members_and_this_fields() -> None:
    src = """\
    class Repo {
      constructor(config) {
        this.pool = new Pool(config);
      }
      get client() {
        return this.pool.connect();
      }
      async find() {
        const client = await this.pool.connect();
        this.last = client;
      }
    }
    """
    cfgs = lower(src)
    assert edge_list(cfgs["Repo.constructor"]) == sorted([
        "entry Repo.constructor -normal-> call new Pool",
        "call new Pool -normal-> exit",
        *raising("call new Pool"),
    ])
    assert edge_list(cfgs["Repo.client"]) == sorted([
        "entry Repo.client -normal-> acquire <tmp@9:12>",
        "acquire <tmp@9:12> -exception-> raise-exit",
        "acquire <tmp@9:12> -normal-> escape returned",
        "escape returned -normal-> return return",
        "return return -normal-> exit",
    ])
    assert edge_list(cfgs["Repo.find"]) == sorted([
        "entry Repo.find -normal-> acquire client",
        "acquire client -exception-> raise-exit",
        "acquire client -normal-> escape stored in this.last",
        "escape stored in this.last -normal-> exit",
    ])
