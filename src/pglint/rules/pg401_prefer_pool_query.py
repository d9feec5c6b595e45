'''PG401 prefer-pool-query: a manual checkout around a single query.

## What it does
Finds functions that check a client out of a pool, run exactly one query on
it and release it, when the driver's pool has a one-shot method that does the
same (`pool.query()` in node-postgres, `pool.fetch()` / `pool.execute()` …
in asyncpg). Checkouts used for transactions, several queries, or handed to
other code are not reported, nor is a checkout whose one query call sits in a
loop (the loop runs it many times on the same client; `pool.query()` would
check a client out on every iteration).

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
Session state set before the query on the same client (`SET`, temp tables)
through other means than a query call is not seen.

## References
- [node-postgres: pool.query](https://node-postgres.com/apis/pool#poolquery)
- [asyncpg: Pool.fetch](https://magicstack.github.io/asyncpg/current/api/index.html#asyncpg.pool.Pool.fetch)
'''

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from ..diagnostics import Diagnostic
from ..ir.cfg import AcquireInfo, Ev, FunctionCFG, Node, Span
from .base import Rule, RuleMeta

if TYPE_CHECKING:
    from ..engine import FileContext

_DISQUALIFY = (Ev.ESCAPE, Ev.BEGIN, Ev.COMMIT, Ev.ROLLBACK, Ev.ALIAS)


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
        leaking = {id(f.site) for f in ctx.resource_findings if f.kind == "leak"}
        loops = {(q.span.line, q.span.column): q.loop for q in ctx.lowered.queries if q.loop is not None}
        for fn in ctx.lowered.functions:
            for site in fn.events(Ev.ACQUIRE):
                info = site.info
                if (not isinstance(info, AcquireInfo) or info.kind != "pool-client" or site.var is None
                        or info.err_var is not None or id(site) in leaking):
                    continue
                shortcuts = self._shortcuts(ctx, info.driver)
                if not shortcuts:
                    continue
                method = self._single_query(fn, site, shortcuts, loops)
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
                      loops: dict[tuple[int, int], Span]) -> str | None:
        """The query method when ``site``'s client runs one query call, once, and is released.

        A call inside a loop that does not also hold the checkout runs once per iteration on
        the same client: ``loops`` maps a query call's position to its innermost loop."""
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
                    loop = loops.get((node.span.line, node.span.column))
                    if loop is not None and site.span is not None and not loop.contains(site.span):
                        return None
                    uses.add((node.span.line, node.span.column))  # finally copies share a span
        if len(uses) != 1 or not releases:
            return None
        return method
