'''PG102 prevent-double-release: a client given back to the pool twice on some path.

## What it does
Finds paths on which the same checkout is released twice: a release in the
`try` body and again in `finally`, a release in `catch` followed by the common
one, a retry loop that releases before retrying and again at the end. Only
drivers on which a second release is an error are checked (pg-pool throws
`Release called on client which has already been released to the pool`,
psycopg2 raises `PoolError`, psycopg_pool `ValueError`, aiopg fails an
assertion); asyncpg ignores a second release.

A `release` destructured from the checkout (`const { release } = await
pool.connect()`) is the client's release. A flag the code sets before
releasing is followed: `if (!released) {
released = true; client.release(); }` written twice (in the body and in
`finally`) releases once, whether the flag is a local or a property
(`job.returned`). A guard nobody sets (`if (!client.gone)`) guards nothing.
In the callback form, a failed checkout (`err` set) holds no client and its
`done` is a no-op the first time; calling `done(err)` and then falling through
to a second `done()` is reported — the missing `return` after the error is
the bug, and the code below it runs with no client.

SQLAlchemy is never reported: closing a `Connection` or a `Session` twice is
harmless (see [docs/drivers.md](../drivers.md)).

## Why is this bad?
The second release throws — often inside a `finally`, where it replaces the
real error — or, worse, returns a connection that another request has already
checked out, so two requests share one session.

## Example
```js
const { Pool } = require('pg');
const pool = new Pool();

async function rename(id, name) {
  const client = await pool.connect();
  try {
    await client.query('UPDATE users SET name = $2 WHERE id = $1', [id, name]);
    client.release();
  } finally {
    client.release();
  }
}
```

```python
from psycopg2.pool import ThreadedConnectionPool

pool = ThreadedConnectionPool(1, 10, "dbname=app")

def rename(user_id, name):
    conn = pool.getconn()
    try:
        with conn.cursor() as cur:
            cur.execute("UPDATE users SET name = %s WHERE id = %s", (name, user_id))
        conn.commit()
        pool.putconn(conn)
    finally:
        pool.putconn(conn)
```

## Use instead
```js
const { Pool } = require('pg');
const pool = new Pool();

async function rename(id, name) {
  const client = await pool.connect();
  try {
    await client.query('UPDATE users SET name = $2 WHERE id = $1', [id, name]);
  } finally {
    client.release();
  }
}
```

```python
from psycopg2.pool import ThreadedConnectionPool

pool = ThreadedConnectionPool(1, 10, "dbname=app")

def rename(user_id, name):
    conn = pool.getconn()
    try:
        with conn.cursor() as cur:
            cur.execute("UPDATE users SET name = %s WHERE id = %s", (name, user_id))
        conn.commit()
    finally:
        pool.putconn(conn)
```

## Known problems
Releases through variables pglint cannot relate to the checkout (a client
fetched again from a map) are not tracked.

## References
- [CWE-415: Double Free](https://cwe.mitre.org/data/definitions/415.html)
- [node-postgres: pool.connect and client.release](https://node-postgres.com/apis/pool#releasing-clients)
'''

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from ..analysis.lifecycle import release_hint, to_diagnostic
from .base import Rule, RuleMeta

if TYPE_CHECKING:
    from ..diagnostics import Diagnostic
    from ..analysis.context import FileContext


class PreventDoubleRelease(Rule):
    meta = RuleMeta(
        code="PG102",
        name="prevent-double-release",
        severity="error",
        summary="a client released twice on some path",
        fix="Release the client exactly once, in a finally block",
        cwe="CWE-415",
    )

    def check(self, ctx: "FileContext") -> Iterable["Diagnostic"]:
        for f in ctx.resource_findings:
            if f.kind != "double-release":
                continue
            hint = release_hint(f)
            first = next((s for s in f.steps[1:] if s.message.endswith(" here")), None)
            where = f" (already released at line {first.span.line})" if first else ""
            message = f"{hint} called twice on this path{where}"
            fix = f"Call {hint} exactly once, in a finally block, and remove the other calls"
            yield to_diagnostic(ctx, self.meta, f, message, fix)
