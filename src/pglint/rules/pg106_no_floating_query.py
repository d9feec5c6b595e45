'''PG106 no-floating-query: a query promise or coroutine that nobody awaits.

## What it does
Finds query calls that return a promise (node-postgres without a callback) or a
coroutine (asyncpg, psycopg's async connections, aiopg) whose result is neither
awaited, returned, stored and awaited later, passed to `Promise.all` /
`asyncio.gather` / another function, nor given a rejection handler
(`.catch(f)`, `.then(f, g)`). A chain of `.then(f)` / `.finally(f)` alone
lets a rejection through: it is floating unless the chain's last promise is
itself awaited, returned, stored or passed on. A promise assigned to a
variable that is never read is floating too. Callback-style calls
(`client.query(sql, params, cb)`) return no promise and are not reported.

## Why is this bad?
A floating query runs (JS) or never runs at all (a Python coroutine that is not
awaited does nothing); either way its errors are lost — an unhandled rejection
that crashes the process, or a write that silently never happened — and code
after it cannot rely on its effect (CWE-252).

## Example
```js
const { Pool } = require('pg');
const pool = new Pool();

async function logVisit(userId) {
  pool.query('INSERT INTO visits (user_id) VALUES ($1)', [userId]);
}
```

```python
import asyncpg

async def log_visit(user_id):
    conn = await asyncpg.connect()
    try:
        conn.execute("INSERT INTO visits (user_id) VALUES ($1)", user_id)
    finally:
        await conn.close()
```

## Use instead
```js
const { Pool } = require('pg');
const pool = new Pool();

async function logVisit(userId) {
  await pool.query('INSERT INTO visits (user_id) VALUES ($1)', [userId]);
}
```

```python
import asyncpg

async def log_visit(user_id):
    conn = await asyncpg.connect()
    try:
        await conn.execute("INSERT INTO visits (user_id) VALUES ($1)", user_id)
    finally:
        await conn.close()
```

## Known problems
A promise stored in a variable and awaited through another name is tracked
only through plain assignments.

## References
- [CWE-252: Unchecked Return Value](https://cwe.mitre.org/data/definitions/252.html)
- [typescript-eslint: no-floating-promises](https://typescript-eslint.io/rules/no-floating-promises/)
'''

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from ..diagnostics import Diagnostic
from .base import Rule, RuleMeta

if TYPE_CHECKING:
    from ..analysis.context import FileContext


class NoFloatingQuery(Rule):
    meta = RuleMeta(
        code="PG106",
        name="no-floating-query",
        severity="error",
        summary="a query promise/coroutine neither awaited nor handled",
        fix="await the query (or return it, or handle it with .catch())",
        cwe="CWE-252",
        kind="pattern",
    )

    def check(self, ctx: "FileContext") -> Iterable[Diagnostic]:
        for q in ctx.lowered.queries:
            if not q.returns_promise or q.handled != "floating":
                continue
            if ctx.language == "python":
                message = f"Coroutine from .{q.method}() is never awaited: the query does not run"
                fix = f"await the call: `await ….{q.method}(…)`"
            else:
                message = f"Promise from .{q.method}() is neither awaited nor handled: its errors are lost"
                fix = self.meta.fix
            yield self.diagnostic(ctx, q.span, message, fix, function=q.function)
