"""Run the rules' documented examples against the test server, and lint them.

* :func:`doc_example` takes a code block out of a rule's docs page (the page
  is the source of the examples the runtime tests run);
* :func:`run_js` runs a node-postgres snippet under ``node``: the snippet's
  ``require('pg')`` gets a ``Pool`` of ``max`` clients that gives up waiting
  after ``connectionTimeoutMillis``, connected to the test server; its function
  is called once per argument list, and the result, the errors and the pool's
  counts come back as JSON;
* :func:`exec_python` runs a Python snippet with its driver's pool constructor
  replaced by one sized and timed by the test, connected to the test server;
* :func:`findings` lints a snippet with pglint and returns the rule codes.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import types
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from conftest import Server
from pglint.engine import Options, run

ROOT = Path(__file__).resolve().parents[2]
RULE_DOCS = ROOT / "docs" / "rules"
NODE_DIR = Path(__file__).resolve().parent / "node"
POOL_TIMEOUT_S = 1.0
APPLICATION_NAME = "pglint-runtime-example"


def doc_example(code: str, section: str, language: str) -> str:
    """The first ``language`` code block of ``## section`` on rule ``code``'s docs page."""
    page = next(RULE_DOCS.glob(f"{code}-*.md")).read_text(encoding="utf-8")
    match = re.search(rf"^## {re.escape(section)}\n(.*?)(?=^## )", page, re.M | re.S)
    assert match, f"{code}: no '## {section}' section"
    blocks = re.findall(r"^```(\w+)\n(.*?)^```", match.group(1), re.M | re.S)
    sources = [body for lang, body in blocks if lang == language]
    assert sources, f"{code} '{section}': no {language} block"
    return sources[0]  # the rule's main example; further blocks show other shapes


LIFECYCLE = frozenset({"PG101", "PG102", "PG103", "PG104", "PG105"})


def findings(source: str, suffix: str, codes: frozenset[str] = LIFECYCLE) -> list[str]:
    """The codes among ``codes`` (default: the lifecycle rules) pglint reports on ``source``.

    Other rules may rightly speak about an example (PG101's fix draws PG401,
    "prefer pool.query()"); they are not what the runtime tests prove.
    """
    with tempfile.TemporaryDirectory(prefix="pglint-rt-") as folder:
        path = os.path.join(folder, "example" + suffix)
        Path(path).write_text(source, encoding="utf-8")
        return sorted(d.code for d in run([path], Options()).diagnostics if d.code in codes)


# -- node-postgres ---------------------------------------------------------------------------

JS_DRIVER = r"""
const realPg = require(%(pg)s);
const MAX = %(max)d;
const statements = [];  // [sql, backend PID] of every statement the example's pool clients ran
let intruder = null;
class Pool extends realPg.Pool {
  constructor(options) {
    super({ ...(options || {}), max: MAX, connectionTimeoutMillis: %(timeout_ms)d });
    this.on('connect', (client) => {
      const query = client.query.bind(client);
      client.query = (...args) => {
        statements.push([typeof args[0] === 'string' ? args[0] : args[0].text, client.processID]);
        return query(...args);
      };
    });
    if (%(intruder)s) {
      // another request arrives the moment the first client goes back to the pool: it checks out
      // the idle client before the example's next statement can, and holds it to the end
      this.once('release', () => queueMicrotask(() => {
        intruder = this.connect().then(async (client) => {
          const res = await client.query(
            'SELECT pg_backend_pid() AS pid, now() <> statement_timestamp() AS "insideEarlierTransaction"');
          return { client, seen: res.rows[0] };
        });
      }));
    }
  }
}
const pg = { ...realPg, Pool };
const fakeRequire = (name) => (name === 'pg' ? pg : require(name));
const example = (function (require) {
%(snippet)s
  return { fn: %(function)s, pool: typeof pool === 'undefined' ? undefined : pool };
})(fakeRequire);

async function serverState() {
  // a closed connection's backend leaves pg_stat_activity a moment after the socket closes:
  // read until two reads 50 ms apart agree (at most 2 s)
  const admin = new realPg.Client(%(admin)s);
  await admin.connect();
  try {
    let last = null;
    for (let i = 0; i < 40; i++) {
      const res = await admin.query(
        "SELECT count(*)::int AS n, count(*) FILTER (WHERE state LIKE 'idle in transaction%%')::int AS in_tx " +
        "FROM pg_stat_activity WHERE application_name = $1", [process.env.PGAPPNAME]);
      const now = res.rows[0];
      if (last && last.n === now.n && last.in_tx === now.in_tx) return now;
      last = now;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return last;
  } finally {
    await admin.end();
  }
}

(async () => {
  const calls = [];
  for (const args of %(calls)s) {
    const started = Date.now();
    try {
      const value = await example.fn(...args);
      calls.push({ ok: true, value, ms: Date.now() - started });
    } catch (e) {
      calls.push({ ok: false, error: e.message, ms: Date.now() - started });
    }
  }
  const out = { calls, statements, server: await serverState() };
  if (intruder) {
    const { client, seen } = await intruder;
    out.intruder = seen;
    client.release();
  }
  const pool = example.pool;
  if (pool) {
    out.pool = { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount };
    if (%(next_user)s) {
      const client = await pool.connect();
      try {
        const tx = await client.query('SELECT txid_current_if_assigned() AS xid');
        out.nextUser = { ok: true, xid: tx.rows[0].xid };
      } catch (e) {
        out.nextUser = { ok: false, error: e.message };
      }
      client.release();
      out.serverAfter = await serverState();
    }
  }
  console.log(JSON.stringify(out));
  process.exit(0);
})();
"""


def node_pg() -> Path:
    """node-postgres installed under tests/runtime/node (``npm install --prefix tests/runtime/node``)."""
    from conftest import unavailable

    if shutil.which("node") is None:
        unavailable("no `node` on PATH (needed to run the node-postgres examples)")
    module = NODE_DIR / "node_modules" / "pg"
    if not module.is_dir():
        unavailable(f"node-postgres is not installed: run `npm install --prefix {NODE_DIR.relative_to(ROOT)}`")
    return module


def run_js(snippet: str, function: str, calls: list[list[Any]], server: Server, admin: Server,
           max_clients: int, next_user: bool = False, intruder: bool = False) -> dict[str, Any]:
    """Run ``function`` of the node-postgres ``snippet`` once per argument list in ``calls``.

    The snippet connects to ``server``; ``admin`` counts its connections in
    ``pg_stat_activity`` (``server.n``, ``server.in_tx``) by application name.
    ``statements`` lists each statement the pool's clients ran with its
    backend PID; ``next_user`` checks a client out after the calls and reports
    whether it can query and its transaction id; ``intruder`` checks a client
    out the moment the first one is released (another request) and reports
    its PID and whether it finds itself inside a transaction begun earlier.
    """
    admin_config = {"host": admin.host, "port": admin.port, "user": admin.user, "database": admin.database,
                    "password": admin.password, "application_name": "pglint-runtime-admin"}
    program = JS_DRIVER % {"admin": json.dumps(admin_config), "pg": json.dumps(str(node_pg())), "max": max_clients,
                           "timeout_ms": int(POOL_TIMEOUT_S * 1000), "snippet": snippet,
                           "function": function, "calls": json.dumps(calls),
                           "next_user": "true" if next_user else "false",
                           "intruder": "true" if intruder else "false"}
    env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    done = subprocess.run(["node", "-e", program], capture_output=True, text=True, timeout=60,
                          env={**env, **server.env(APPLICATION_NAME)})
    assert done.returncode == 0, done.stderr
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


# -- Python drivers --------------------------------------------------------------------------

@contextmanager
def replaced_modules(replacements: dict[str, types.ModuleType]) -> Iterator[None]:
    """``sys.modules`` entries replaced while a snippet is executed (its imports see them)."""
    saved = {name: sys.modules.get(name) for name in replacements}
    sys.modules.update(replacements)
    try:
        yield
    finally:
        for name, module in saved.items():
            if module is None:
                sys.modules.pop(name, None)
            else:
                sys.modules[name] = module


def module_with(name: str, real: types.ModuleType, **overrides: Any) -> types.ModuleType:
    """A copy of module ``real`` whose attributes ``overrides`` are replaced."""
    copy = types.ModuleType(name)
    copy.__dict__.update({k: v for k, v in vars(real).items() if not k.startswith("__")})
    copy.__dict__.update(overrides)
    return copy


def exec_python(snippet: str, replacements: dict[str, types.ModuleType]) -> dict[str, Any]:
    """Execute ``snippet`` as a module whose imports of ``replacements`` get the replacements."""
    namespace: dict[str, Any] = {"__name__": "example"}
    with replaced_modules(replacements):
        exec(compile(snippet, "<example>", "exec"), namespace)
    return namespace


def server_connections(admin: Server, role: str) -> tuple[int, int]:
    """(connections ``role`` holds, of which idle in a transaction), as ``pg_stat_activity`` shows them."""
    import psycopg

    query = ("SELECT count(*), count(*) FILTER (WHERE state LIKE 'idle in transaction%%') FROM pg_stat_activity"
             " WHERE usename = %s AND pid <> pg_backend_pid()")
    # a closed connection's backend leaves pg_stat_activity a moment after the socket closes:
    # read until two reads 50 ms apart agree (at most 2 s)
    with psycopg.connect(admin.dsn(), autocommit=True) as conn:
        last: tuple[int, int] | None = None
        for _ in range(40):
            row = conn.execute(query, (role,)).fetchone()
            assert row is not None
            now = (int(row[0]), int(row[1]))
            if now == last:
                break
            last = now
            time.sleep(0.05)
    return now


def call_each(fn: Callable[..., Any], calls: list[tuple[Any, ...]]) -> list[BaseException | Any]:
    """Call ``fn`` once per argument tuple; each outcome is its value or the exception it raised.

    The exceptions are kept, as an error reporter keeps them: their tracebacks
    keep the frames' locals (the connection) alive.
    """
    outcomes: list[BaseException | Any] = []
    for args in calls:
        try:
            outcomes.append(fn(*args))
        except Exception as exc:  # noqa: BLE001 - the outcome is what the test looks at
            outcomes.append(exc)
    return outcomes


def require_module(name: str) -> types.ModuleType:
    """Import driver ``name``, or skip (fail when required) when it is not installed."""
    from conftest import unavailable

    try:
        return __import__(name, fromlist=["_"])
    except ImportError:
        unavailable(f"Python driver {name} is not installed (pip install -e '.[test]')")
        raise


__all__ = ["doc_example", "findings", "run_js", "exec_python", "module_with", "server_connections",
           "call_each", "require_module", "POOL_TIMEOUT_S", "pytest"]
