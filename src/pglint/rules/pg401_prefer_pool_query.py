'''PG401 prefer-pool-query: a manual checkout around a single query.

## What it does
Finds functions that check a client out of a pool, run exactly one query on
it and release it, when the driver's pool has a one-shot method that does the
same (`pool.query()` in node-postgres, `pool.fetch()` / `pool.execute()` …
in asyncpg). Checkouts used for transactions, several queries, or handed to
other code are not reported, nor is a checkout whose one query call sits in a
loop (the loop runs it many times on the same client; `pool.query()` would
check a client out on every iteration), nor one whose statement lives on the
connection: `SET` / `SET LOCAL` / `RESET`, `DISCARD`, `LISTEN`, `PREPARE`,
cursors, temporary tables, session advisory locks (`pg_advisory_lock`,
`pg_try_advisory_lock`, `pg_advisory_unlock_all` …), `set_config(…)`, and
cursor or stream objects (`new Cursor(…)`, `new QueryStream(…)`,
`copyFrom('COPY … FROM STDIN')`). A checkout that is also leaked on some path
(PG101) is reported too: the shortcut fixes both.

Test files (the `test-files` setting: `test_*.py`, `tests/`, `*.test.ts` …)
are not checked unless the rule's `in-tests` option is set.

## Why is this bad?
The manual form is three steps where one would do, and each step is a chance
to leak the client (PG101) or release it twice (PG102). The shortcut checks
out, runs and releases — on every path.

## Example
```js
const { Pool } = require('pg');
const pool = new Pool();

async function countUsers() {
  const client = await pool.connect();
  try {
    const res = await client.query('SELECT count(*) FROM users');
    return res.rows[0].count;
  } finally {
    client.release();
  }
}
```

```python
import asyncpg

async def count_users():
    pool = await asyncpg.create_pool("postgresql:///app")
    conn = await pool.acquire()
    try:
        return await conn.fetchval("SELECT count(*) FROM users")
    finally:
        await pool.release(conn)
```

## Use instead
```js
const { Pool } = require('pg');
const pool = new Pool();

async function countUsers() {
  const res = await pool.query('SELECT count(*) FROM users');
  return res.rows[0].count;
}
```

```python
import asyncpg

async def count_users():
    pool = await asyncpg.create_pool("postgresql:///app")
    return await pool.fetchval("SELECT count(*) FROM users")
```

## Known problems
Session state set before the query on the same client through other means
than a query call is not seen. A statement pglint sees no text of (SQL handed
in from elsewhere) counts as an ordinary query.

## References
- [node-postgres: pool.query](https://node-postgres.com/apis/pool#poolquery)
- [asyncpg: Pool.fetch](https://magicstack.github.io/asyncpg/current/api/index.html#asyncpg.pool.Pool.fetch)
'''

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterable

from ..diagnostics import Diagnostic
from ..ir.cfg import AcquireInfo, Ev, FunctionCFG, Node, Span
from ..ir.query import QuerySite
from .base import Rule, RuleMeta

if TYPE_CHECKING:
    from ..analysis.context import FileContext

_DISQUALIFY = (Ev.ESCAPE, Ev.BEGIN, Ev.COMMIT, Ev.ROLLBACK, Ev.ALIAS)

#: Statements whose effect lives in the session (the connection), not in the one call: a client is
#: checked out for them on purpose (through the pool shortcut the setting would stay on a connection
#: the next caller gets, and a lock or a COPY stream would go back to the pool with it).
_SESSION_BOUND = re.compile(
    r"^\s*(?:SET|RESET|DISCARD|LISTEN|UNLISTEN|PREPARE|DEALLOCATE|DECLARE|FETCH|MOVE|CLOSE|LOCK"
    r"|CREATE\s+(?:(?:GLOBAL|LOCAL)\s+)?TEMP(?:ORARY)?)\b"
    r"|\bCOPY\b[^;]*\b(?:FROM\s+STDIN|TO\s+STDOUT)\b"
    r"|\bpg_(?:try_)?advisory_(?:lock|unlock|lock_shared|unlock_shared|unlock_all)\s*\("
    r"|\bset_config\s*\(",
    re.IGNORECASE)
#: A cursor or stream object passed to ``client.query`` (pg-cursor, pg-query-stream, pg-copy-streams).
_STREAMING = re.compile(r"\bnew\s+(?:\w+\.)?(?:Cursor|QueryStream)\b|\bcopy(?:From|To)\s*\(")


class PreferPoolQuery(Rule):
    meta = RuleMeta(
        code="PG401",
        name="prefer-pool-query",
        severity="warning",
        summary="manual checkout/release around a single query where the pool shortcut would do",
        fix="Use the pool's one-shot query method (pool.query() / pool.fetch())",
        kind="pattern",
    )
    options = {"in-tests": (bool, False,
                             "Report in test files too. By default the rule is silent in the files the "
                             "`test-files` setting names (test modules, `tests/` folders, `*.test.ts` …): "
                             "a test's checkout around one query (a fixture that pins a client) is its setup.")}

    def check(self, ctx: "FileContext") -> Iterable[Diagnostic]:
        loops = {(q.span.line, q.span.column): q.loop for q in ctx.lowered.queries if q.loop is not None}
        session_bound = {(q.span.line, q.span.column) for q in ctx.lowered.queries
                         if _session_bound(ctx, q)}
        for fn in ctx.lowered.functions:
            for site in fn.events(Ev.ACQUIRE):
                info = site.info
                if (not isinstance(info, AcquireInfo) or info.kind != "pool-client" or site.var is None
                        or info.err_var is not None):
                    continue
                shortcuts = self._shortcuts(ctx, info.driver)
                if not shortcuts:
                    continue
                method = self._single_query(fn, site, shortcuts, loops, session_bound)
                if method is None:
                    continue
                shown = "pool.query()" if "query" in shortcuts else f"pool.{method}()"
                yield self.diagnostic(
                    ctx, site.span or fn.span,  # type: ignore[arg-type]
                    f"Checkout, one query and release: {shown} does the same on every path",
                    f"Replace the checkout with {shown}", function=fn.name)

    @staticmethod
    def _shortcuts(ctx: "FileContext", driver: str) -> set[str]:
        try:
            model = ctx.registry.model(driver)
        except KeyError:
            return set()
        return {m.name for m in model.methods if m.receiver == "pool" and m.effect == "query"}

    @staticmethod
    def _single_query(fn: FunctionCFG, site: Node, shortcuts: set[str],
                      loops: dict[tuple[int, int], Span], session_bound: set[tuple[int, int]]) -> str | None:
        """The query method when ``site``'s client runs one query call, once, and is released.

        A call inside a loop that does not also hold the checkout runs once per iteration on
        the same client: ``loops`` maps a query call's position to its innermost loop. A call
        at a position in ``session_bound`` sets session state and needs the dedicated client."""
        var = site.var
        uses: set[tuple[int, int]] = set()
        method = None
        releases = 0
        for node in fn.nodes:
            if node.var != var or node is site:
                continue
            if node.kind in _DISQUALIFY or node.kind is Ev.ACQUIRE:
                return None
            if node.kind is Ev.RELEASE:
                releases += 1
            elif node.kind is Ev.USE:
                name = node.label.rsplit(".", 1)[-1]
                if name not in shortcuts:
                    return None
                method = name
                if node.span is not None:
                    if (node.span.line, node.span.column) in session_bound:
                        return None
                    loop = loops.get((node.span.line, node.span.column))
                    if loop is not None and site.span is not None and not loop.contains(site.span):
                        return None
                    uses.add((node.span.line, node.span.column))  # finally copies share a span
        if len(uses) != 1 or not releases:
            return None
        return method


def _session_bound(ctx: "FileContext", query: QuerySite) -> bool:
    """Whether ``query`` needs its client for longer than the call: a session-state statement
    (``_SESSION_BOUND``, read from the SQL text with unknown values as markers), or a cursor or
    stream object handed to the call (``new Cursor(…)``, ``copyFrom('COPY … FROM STDIN')``), which
    reads from the client after the call returns."""
    sql = query.sql
    if sql is not None and sql.parts and _SESSION_BOUND.search(sql.text_with_markers()):
        return True
    written = _written(ctx, query.span)
    return _STREAMING.search(written) is not None or _SESSION_BOUND.search(written) is not None


def _written(ctx: "FileContext", span: Span) -> str:
    """The source text of ``span``."""
    lines = ctx.lines[span.line - 1:span.end_line]
    if not lines:
        return ""
    if len(lines) == 1:
        return lines[0][span.column - 1:span.end_column - 1]
    return "\n".join([lines[0][span.column - 1:], *lines[1:-1], lines[-1][:span.end_column - 1]])
