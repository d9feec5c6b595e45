'''PG104 no-unterminated-transaction: a client given back with its transaction still open.

## What it does
Finds paths on which a client that ran `BEGIN` is released (or closed)
without `COMMIT` or `ROLLBACK` — typically the path where a query inside the
transaction throws and the `catch`/`finally` releases the client without
rolling back. Only drivers whose pool does not reset the connection are
checked: node-postgres (pg-pool hands the client to the next caller as it is)
and aiopg (which closes such a connection instead of reusing it). psycopg2,
psycopg_pool and asyncpg roll back on release.

TypeORM is checked too: `queryRunner.release()` gives the pg client back as
it is, so a `startTransaction()` not followed by `commitTransaction()` or
`rollbackTransaction()` on every path before the release leaves it open.

## Why is this bad?
The next request that checks the client out runs inside someone else's
transaction: its writes are silently rolled back later, or fail with
`current transaction is aborted, commands ignored until end of transaction
block`, and the open transaction holds its locks meanwhile.

## Example
```js
const { Pool } = require('pg');
const pool = new Pool();

async function transfer(from, to, amount) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('UPDATE accounts SET balance = balance - $1 WHERE id = $2', [amount, from]);
    await client.query('UPDATE accounts SET balance = balance + $1 WHERE id = $2', [amount, to]);
    await client.query('COMMIT');
  } finally {
    client.release();
  }
}
```

```python
import aiopg

async def transfer(pool, src, dst, amount):
    pool = await aiopg.create_pool("dbname=app")
    conn = await pool.acquire()
    try:
        async with conn.cursor() as cur:
            await cur.execute("BEGIN")
            await cur.execute("UPDATE accounts SET balance = balance - %s WHERE id = %s", (amount, src))
            await cur.execute("COMMIT")
    finally:
        pool.release(conn)
```

## Use instead
```js
const { Pool } = require('pg');
const pool = new Pool();

async function transfer(from, to, amount) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('UPDATE accounts SET balance = balance - $1 WHERE id = $2', [amount, from]);
    await client.query('UPDATE accounts SET balance = balance + $1 WHERE id = $2', [amount, to]);
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
import aiopg

async def transfer(pool, src, dst, amount):
    pool = await aiopg.create_pool("dbname=app")
    conn = await pool.acquire()
    try:
        async with conn.cursor() as cur:
            await cur.execute("BEGIN")
            try:
                await cur.execute("UPDATE accounts SET balance = balance - %s WHERE id = %s", (amount, src))
                await cur.execute("COMMIT")
            except Exception:
                await cur.execute("ROLLBACK")
                raise
    finally:
        pool.release(conn)
```

## Known problems
Only transactions opened with a literal `BEGIN`/`START TRANSACTION` on the
client are tracked; a `ROLLBACK` that itself fails is assumed to succeed.

## Proven at run time
[`tests/runtime/test_pg104_runtime.py`](../../tests/runtime/test_pg104_runtime.py)
runs both examples above against PostgreSQL 15 (see [runtime proofs](../runtime.md))
with a pool of one client and a transfer whose first `UPDATE` violates a
`CHECK` constraint. With node-postgres the client goes back to the pool
`idle in transaction (aborted)` and the next `pool.connect()` user's first
query fails with `current transaction is aborted, commands ignored until end
of transaction block`; after the fix the next user's
`txid_current_if_assigned()` is null. The same code on psycopg2's pool,
psycopg_pool and asyncpg's pool hands the next user a clean connection (they
roll back on release); aiopg warns `Invalid transaction status on released
connection: 3` and closes the connection, so the next user gets a new backend.

## References
- [node-postgres: Transactions](https://node-postgres.com/features/transactions)
- [brianc/node-postgres#154: clients with aborted transactions taint the pool](https://github.com/brianc/node-postgres/issues/154)
'''

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from ..analysis.lifecycle import release_hint, to_diagnostic
from .base import Rule, RuleMeta

if TYPE_CHECKING:
    from ..diagnostics import Diagnostic
    from ..analysis.context import FileContext


class NoUnterminatedTransaction(Rule):
    meta = RuleMeta(
        code="PG104",
        name="no-unterminated-transaction",
        severity="error",
        summary="a client released or closed with a transaction still open on some path",
        fix="ROLLBACK in the catch block before releasing (or release with client.release(err))",
        cwe="CWE-667",
    )

    def check(self, ctx: "FileContext") -> Iterable["Diagnostic"]:
        for f in ctx.resource_findings:
            if f.kind != "open-transaction":
                continue
            hint = release_hint(f)
            noun = f.info.noun
            begin = next((s for s in f.steps if s.message == "transaction opened here"), None)
            where = f" (BEGIN at line {begin.span.line})" if begin else ""
            message = (f"{noun.capitalize()} given back by `{hint}` with a transaction still open"
                       f"{where}: no COMMIT or ROLLBACK on this path")
            if f.function.language == "javascript":
                fix = ("Run ROLLBACK in a catch block before the release, or pass the error to "
                       f"{hint.replace('()', '(err)')} so the pool discards the client")
            else:
                fix = "Run ROLLBACK in an except block before giving the connection back"
            yield to_diagnostic(ctx, self.meta, f, message, fix)
