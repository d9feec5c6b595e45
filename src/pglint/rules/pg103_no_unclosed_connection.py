'''PG103 no-unclosed-connection: a direct connection that is not closed on every path.

## What it does
Finds connections opened directly, not through a pool — `new Client()` +
`await client.connect()`, `psycopg2.connect()`, `psycopg.connect()`,
`await psycopg.AsyncConnection.connect()`, `await asyncpg.connect()`,
`await aiopg.connect()` — that are not closed on some path: never closed, an
early return or an exception before `close()`/`end()`, or a close that is not
awaited on an async driver. `with psycopg2.connect() as conn:` counts as
*not closing*: psycopg2's `with` only commits or rolls back.
pg8000's `pg8000.connect()`, `pg8000.dbapi.connect()` and
`pg8000.native.Connection()` are read the same way (their `with` closes).
Django's `connection` / `connections[alias]` and their cursors are opened and
closed by Django itself and are never reported.

A connection passed to a wrapper (`new Session(client)`, `Session(conn)`) and
closed by the same function afterwards (`client.end()`, `session.conn.close()`)
is still that function's to close on every path. A connection kept in a field
(`this.client`, `self.conn`) and closed by another method of the class is the
class's business, except when the method that opens it (`connect()`, `open()`,
`__aenter__`, `start()`, a constructor) throws after storing it, or the method
that closes it lets an exception skip the close.

## Why is this bad?
Each open connection is a server process. Leaked connections pile up until
PostgreSQL refuses new ones (`FATAL: sorry, too many clients already`), and an
unclosed connection inside a transaction holds its locks until it is reaped.

## Example
```js
const { Client } = require('pg');

async function countUsers() {
  const client = new Client();
  await client.connect();
  const res = await client.query('SELECT count(*) FROM users');
  await client.end();  // skipped when the query rejects
  return res.rows[0].count;
}
```

```js
const { Client } = require('pg');

class Database {
  async connect() {
    this.client = new Client();
    await this.client.connect();
    await this.client.query('SET search_path TO app');  // when it fails, end() is never called
  }

  async query(sql) {
    return this.client.query(sql);
  }

  async end() {
    await this.client.query('UNLISTEN *');  // when it fails, the end() below is skipped
    await this.client.end();
  }
}
```

```python
import psycopg2

def count_users(dsn):
    with psycopg2.connect(dsn) as conn:  # commits, does not close
        with conn.cursor() as cur:
            cur.execute("SELECT count(*) FROM users")
            return cur.fetchone()[0]
```

## Use instead
```js
const { Client } = require('pg');

async function countUsers() {
  const client = new Client();
  await client.connect();
  try {
    const res = await client.query('SELECT count(*) FROM users');
    return res.rows[0].count;
  } finally {
    await client.end();
  }
}
```

```js
const { Client } = require('pg');

class Database {
  async connect() {
    this.client = new Client();
    await this.client.connect();
    try {
      await this.client.query('SET search_path TO app');
    } catch (err) {
      await this.client.end();  // close it before rethrowing
      throw err;
    }
  }

  async query(sql) {
    return this.client.query(sql);
  }

  async end() {
    try {
      await this.client.query('UNLISTEN *');
    } finally {
      await this.client.end();  // a nested finally: closed even when UNLISTEN fails
    }
  }
}
```

```python
import psycopg

def count_users(dsn):
    with psycopg.connect(dsn) as conn:  # psycopg 3 closes on exit
        return conn.execute("SELECT count(*) FROM users").fetchone()[0]
```

## Known problems
A connection returned from the function, or stored on an object or passed on
and not closed by the function afterwards, is the receiver's to close and is
not reported. Long-lived module-level connections are
not reported either.

## Proven at run time
[`tests/runtime/test_pg103_runtime.py`](../../tests/runtime/test_pg103_runtime.py)
runs both examples above against PostgreSQL 15 (see [runtime proofs](../runtime.md))
four times as a role with `CONNECTION LIMIT 3` (the per-role form of
`max_connections`) that may not read `users`, so the query fails. The fourth
connection is refused — node-postgres `too many connections for role "…"`,
psycopg2 `OperationalError` with the same text (the `with` rolled back and left
the connection open) — with three backends still open; psycopg 3 without
`with` leaves its three connections `idle in transaction (aborted)`, asyncpg
raises `TooManyConnectionsError`. The fixes leave no backend open. In CPython
a psycopg2/psycopg connection that nothing refers to any more is closed by
reference counting: the leak lasts as long as something holds it (the test
keeps the exceptions, as an error reporter does, and their tracebacks hold the
frames).

## References
- [CWE-772: Missing Release of Resource after Effective Lifetime](https://cwe.mitre.org/data/definitions/772.html)
- [psycopg2: with statement](https://www.psycopg.org/docs/usage.html#with-statement)
- [node-postgres: Client](https://node-postgres.com/apis/client)
'''

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from ..analysis.lifecycle import leak_fix, leak_message, release_hint, to_diagnostic
from .base import Rule, RuleMeta

if TYPE_CHECKING:
    from ..diagnostics import Diagnostic
    from ..analysis.context import FileContext


class NoUnclosedConnection(Rule):
    meta = RuleMeta(
        code="PG103",
        name="no-unclosed-connection",
        severity="error",
        summary="a direct connection not closed on every path",
        fix="Close the connection in a finally block (client.end() / conn.close())",
        cwe="CWE-772",
    )

    def check(self, ctx: "FileContext") -> Iterable["Diagnostic"]:
        for f in ctx.resource_findings:
            if f.kind != "leak" or f.info.kind != "connection":
                continue
            hint = release_hint(f)
            fix = leak_fix(ctx, f, "Call")
            yield to_diagnostic(ctx, self.meta, f, leak_message(f, f"Missing {hint}"), fix)
