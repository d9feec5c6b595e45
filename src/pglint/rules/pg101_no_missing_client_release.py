'''PG101 no-missing-client-release: a pool checkout that is not given back on every path.

## What it does
Finds clients and connections checked out of a pool (`await pool.connect()`,
`pool.getconn()`, `await pool.acquire()`, the callback form
`pool.connect((err, client, done) => …)`) that are not given back on some path
through the function: no release at all, an early `return` before it, an
exception that skips it, a release that only happens in `catch`/`except`, a
`break`/`continue` past it, or a checkout overwritten by the next loop iteration.
`with pool.getconn() as conn:` counts as a checkout without release: the
`with` only commits.

Passing the client to a function or constructor pglint cannot see
(`new Session(client)`, `wrap(conn)`, `labels.set(client, sql)`,
`self._conns.add(conn)`, a logger) is no hand-over when the same function gives
it back afterwards on every path that does not raise: the release stays its
duty, and a field of the object built from it (`session.client.release()`,
`pool.putconn(session.conn)`) is the client itself.

A client kept in a field of an object (`self.conn`, `this.client`) by one method
and released by another is the class's business, except in two shapes: the
method that checks it out (`__aenter__`, `__enter__`, `open()`, `connect()`,
`start()`, a constructor) raises after storing it — a failing `BEGIN` there
means the caller never calls `__aexit__()`/`end()` — and the method that gives
it back lets an exception skip the release (`COMMIT` before `pool.release()`).

ORMs and query builders (JS/TS, see `docs/drivers.md`): a TypeORM query
runner (`dataSource.createQueryRunner()`) holds a pooled client from
`connect()` (or `startTransaction()`) until `release()`; a knex transaction opened without a
handler (`const trx = await knex.transaction()`) holds its connection until
`trx.commit()`/`trx.rollback()`. `dataSource.transaction(async manager => …)`
and `knex.transaction(async trx => …)` are managed and never reported. A
failing `queryRunner.connect()` holds nothing, and `startTransaction()` right
after it is the documented idiom, so neither is taken as a throw that leaks.

SQLAlchemy: `engine.connect()`, `engine.raw_connection()`, `await
async_engine.connect()`, and a `Session` / `AsyncSession` built on an engine
pglint sees (`Session(engine)`, `sessionmaker(bind=engine)()`,
`async_sessionmaker(engine)()`) check a connection out of the engine's pool;
`close()` (awaited in asyncio) or `with` / `async with` gives it back. A
session bound to a connection (`Session(bind=op.get_bind())`) or to a value
pglint cannot see holds nothing of its own and is not reported; `engine.begin()`
is read only as a context manager (see [docs/drivers.md](../drivers.md)).

## Why is this bad?
Every leaked checkout keeps one of the pool's connections busy forever. Under
load the pool runs dry and every request waits for a connection that never
comes back (`timeout exceeded when trying to connect`, `PoolTimeout`,
`connection pool exhausted`), usually at the worst possible time. None of the
pools (pg-pool, psycopg2, psycopg_pool, asyncpg) warns about a leaked checkout.

## Example
```js
const { Pool } = require('pg');
const pool = new Pool();

async function getUserOrders(userId) {
  const client = await pool.connect();
  const res = await client.query('SELECT id FROM orders WHERE user_id = $1', [userId]);
  return res.rows;
}
```

```python
from psycopg_pool import ConnectionPool

pool = ConnectionPool("dbname=app")

def get_user(user_id):
    conn = pool.getconn()
    row = conn.execute("SELECT name FROM users WHERE id = %s", (user_id,)).fetchone()
    pool.putconn(conn)  # skipped when the query raises
    return row
```

```python
from psycopg_pool import AsyncConnectionPool

pool = AsyncConnectionPool("dbname=app")

class Transaction:
    async def __aenter__(self):
        self.conn = await pool.getconn()
        await self.conn.execute("BEGIN")  # when it fails, __aexit__ is never called
        return self

    async def __aexit__(self, *exc):
        await self.conn.execute("COMMIT")  # when it fails, the putconn is skipped
        await pool.putconn(self.conn)
```

## Use instead
```js
const { Pool } = require('pg');
const pool = new Pool();

async function getUserOrders(userId) {
  const client = await pool.connect();
  try {
    const res = await client.query('SELECT id FROM orders WHERE user_id = $1', [userId]);
    return res.rows;
  } finally {
    client.release();
  }
}
```

```python
from psycopg_pool import ConnectionPool

pool = ConnectionPool("dbname=app")

def get_user(user_id):
    with pool.connection() as conn:
        return conn.execute("SELECT name FROM users WHERE id = %s", (user_id,)).fetchone()
```

```python
from psycopg_pool import AsyncConnectionPool

pool = AsyncConnectionPool("dbname=app")

class Transaction:
    async def __aenter__(self):
        self.conn = await pool.getconn()
        try:
            await self.conn.execute("BEGIN")
        except BaseException:
            await pool.putconn(self.conn)  # give it back before re-raising
            raise
        return self

    async def __aexit__(self, *exc):
        try:
            await self.conn.execute("COMMIT")
        finally:
            await pool.putconn(self.conn)  # a nested finally: given back even when COMMIT fails
```

## Known problems
A checkout that is returned, yielded, stored on an object or passed to a
function pglint cannot see, and not given back by the function afterwards, is
assumed to be released by whoever receives it. In a class, only exceptions
from the database (queries, transaction calls, another checkout), an `await`
of something unknown or a `raise` count when the opening method raises or the
closing method skips its release; a closing method that returns early on a
flag is not reported.
Paths are not correlated with other variables (`if (ok) release()` … `if (ok)`),
so a release guarded by an unrelated flag can be reported.

## Differences from eslint-plugin-pg
A function that checks a client out, runs a query on it and then returns it
to its caller is reported when the query can throw: on that path the client
is neither returned nor released, and nobody else holds it. The plugin treats
any function that returns the client as handing it over. Release it in a
`catch` that rethrows, or run the query in the caller:

```js
const { Pool } = require('pg');
const pool = new Pool();
async function checkout() {
  const client = await pool.connect();
  // if this throws, the client is lost (pglint reports; eslint-plugin-pg does not)
  await client.query('SET statement_timeout = 5000');
  return client;
}
```

## Proven at run time
[`tests/runtime/test_pg101_runtime.py`](../../tests/runtime/test_pg101_runtime.py)
runs both examples above against PostgreSQL 15 (see [runtime proofs](../runtime.md)):
four calls against a pool of three, the query failing on a user id the server
cannot read as an integer. node-postgres's fourth `pool.connect()` fails after
the pool's 1 s `connectionTimeoutMillis` with `timeout exceeded when trying to
connect`, three clients checked out; psycopg_pool's fourth `getconn()` raises
`PoolTimeout: couldn't get a connection after 1.00 sec`. The same leak on
psycopg2's pool raises `PoolError: connection pool exhausted` at once; on
asyncpg's pool `acquire()` waits for ever (the test gives up after 1 s) with
all three connections held. After the same runs the fixes hold no connection.

## References
- [CWE-772: Missing Release of Resource after Effective Lifetime](https://cwe.mitre.org/data/definitions/772.html)
- [node-postgres: Pooling](https://node-postgres.com/features/pooling)
- [psycopg_pool: Connection pools](https://www.psycopg.org/psycopg3/docs/advanced/pool.html)
- [asyncpg: Connection pools](https://magicstack.github.io/asyncpg/current/usage.html#connection-pools)
'''

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from ..analysis.lifecycle import leak_fix, leak_message, release_hint, to_diagnostic
from .base import Rule, RuleMeta

if TYPE_CHECKING:
    from ..diagnostics import Diagnostic
    from ..analysis.context import FileContext


class NoMissingClientRelease(Rule):
    meta = RuleMeta(
        code="PG101",
        name="no-missing-client-release",
        severity="error",
        summary="a pool client/connection checked out and not given back on every path",
        fix="Add client.release() in a finally block or use pool.query() for simple queries",
        cwe="CWE-772",
    )

    def check(self, ctx: "FileContext") -> Iterable["Diagnostic"]:
        for f in ctx.resource_findings:
            if f.kind != "leak" or f.info.kind != "pool-client":
                continue
            hint = release_hint(f)
            fix = leak_fix(ctx, f, "Add")
            yield to_diagnostic(ctx, self.meta, f, leak_message(f, f"Missing {hint}"), fix)
