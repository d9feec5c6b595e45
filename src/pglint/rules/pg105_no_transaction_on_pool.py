'''PG105 no-transaction-on-pool: transaction control sent through a pool shortcut.

## What it does
Finds `BEGIN`, `START TRANSACTION`, `COMMIT`, `ROLLBACK` and `SAVEPOINT` sent
with a pool's one-shot query method — node-postgres `pool.query(...)`,
asyncpg `pool.execute(...)` / `pool.fetch(...)` — which checks a connection
out for that single statement and gives it back right after.

## Why is this bad?
Each shortcut call may run on a different connection. `pool.query('BEGIN')`
opens a transaction on one connection and returns it to the pool (in pg, still
inside the transaction for the next user); the following statements run
outside any transaction, and `COMMIT` lands on yet another connection (CWE-362).

## Example
```js
const { Pool } = require('pg');
const pool = new Pool();

async function transfer(from, to) {
  await pool.query('BEGIN');
  await pool.query('UPDATE accounts SET balance = balance - 1 WHERE id = $1', [from]);
  await pool.query('COMMIT');
}
```

```python
import asyncpg

async def transfer(src, dst):
    pool = await asyncpg.create_pool("postgresql:///app")
    await pool.execute("BEGIN")
    await pool.execute("UPDATE accounts SET balance = balance - 1 WHERE id = $1", src)
    await pool.execute("COMMIT")
```

## Use instead
```js
const { Pool } = require('pg');
const pool = new Pool();

async function transfer(from, to) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('UPDATE accounts SET balance = balance - 1 WHERE id = $1', [from]);
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK');
    throw e;
  } finally {
    client.release();
  }
}
```

```python
import asyncpg

async def transfer(src, dst):
    pool = await asyncpg.create_pool("postgresql:///app")
    async with pool.acquire() as conn:
        async with conn.transaction():
            await conn.execute("UPDATE accounts SET balance = balance - 1 WHERE id = $1", src)
```

A single call whose text opens *and* ends the transaction
(`pool.query('BEGIN; UPDATE …; COMMIT')`) runs on one connection and is fine.

## Known problems
Only statements whose text pglint can read are checked.

## Proven at run time
[`tests/runtime/test_sql_rules_runtime.py`](../../tests/runtime/test_sql_rules_runtime.py)
runs the JavaScript examples against PostgreSQL 15 (see [runtime proofs](../runtime.md))
with another request checking a client out the moment the first goes back to
the pool: the bad example's `BEGIN` runs on one backend, its `UPDATE` and
`COMMIT` on another, and the other request finds itself inside the `BEGIN`'s
transaction. The fix runs all its statements on one backend.

## References
- [CWE-362: Race Condition](https://cwe.mitre.org/data/definitions/362.html)
- [node-postgres: Transactions](https://node-postgres.com/features/transactions)
'''

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from ..analysis.sql import is_self_contained_transaction, is_transaction_control
from ..diagnostics import Diagnostic
from .base import Rule, RuleMeta

if TYPE_CHECKING:
    from ..analysis.context import FileContext


class NoTransactionOnPool(Rule):
    meta = RuleMeta(
        code="PG105",
        name="no-transaction-on-pool",
        severity="error",
        summary="BEGIN/COMMIT/ROLLBACK sent through a pool shortcut (each call may use another connection)",
        fix="Check out one client (pool.connect() / pool.acquire()) and run the whole transaction on it",
        cwe="CWE-362",
        kind="pattern",
    )

    def check(self, ctx: "FileContext") -> Iterable[Diagnostic]:
        for q in ctx.lowered.queries:
            if not q.pool_shortcut or q.sql is None:
                continue
            text = q.sql.text
            if text is None or not is_transaction_control(text) or is_self_contained_transaction(text):
                continue
            stmt = text.strip().split(None, 1)[0].upper() if text.strip() else "BEGIN"
            message = (f"{stmt} sent through pool.{q.method}(): every pool shortcut call may run "
                       "on a different connection")
            yield self.diagnostic(ctx, q.sql.span or q.span, message, function=q.function)
