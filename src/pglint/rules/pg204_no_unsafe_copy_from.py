'''PG204 no-unsafe-copy-from: `COPY … FROM` a file or program on the database server.

## What it does
Finds `COPY table FROM '/path/on/server'` and `COPY table FROM PROGRAM '…'`
sent by application code, read with PostgreSQL's parser. `COPY … FROM STDIN`
and the drivers' copy APIs (`cur.copy()`, `copy_expert`, `copy_records_to_table`,
`pg-copy-streams`) are fine. A statement built by a same-module helper
(``const copyFrom = (file) => `COPY t FROM '${file}'` ``) is read at the call.

`pool.execute(sql, params)` on a node-postgres pool or client (the mysql2
spelling; node-postgres has no `execute()`, so the call throws) is read as if
the SQL were passed to `query()`, and so is `.execute(sql, params)` on a
handle of unknown value in a file that imports no driver, when its text is
PostgreSQL (MySQL's `?` placeholders are not): the SQL is checked either way.

## Why is this bad?
Server-side `COPY FROM` reads any file the PostgreSQL server process can read
(or runs a shell command with `PROGRAM`). It needs superuser or
`pg_read_server_files` / `pg_execute_server_program`, and a path built from
input turns it into arbitrary file read or command execution (CWE-73).

## Example
```js
const { Pool } = require('pg');
const pool = new Pool();

async function importUsers() {
  await pool.query("COPY users FROM '/var/data/users.csv' WITH (FORMAT csv)");
}
```

```python
import psycopg2

def import_users(cur):
    cur.execute("COPY users FROM PROGRAM 'curl -s https://example.com/users.csv'")
```

## Use instead
```js
const { Pool } = require('pg');
const pool = new Pool();

async function importUsers() {
  await pool.query("SELECT count(*) FROM users");
}
```

```python
import psycopg2

def import_users(cur, f):
    cur.copy_expert("COPY users FROM STDIN WITH (FORMAT csv)", f)
```

## Known problems
Only statements whose text pglint can read are checked.

## Differences from eslint-plugin-pg
None on the plugin's corpus.

## References
- [CWE-73: External Control of File Name or Path](https://cwe.mitre.org/data/definitions/73.html)
- [PostgreSQL: COPY](https://www.postgresql.org/docs/current/sql-copy.html)
'''

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from ..analysis.sql import HOLE_PREFIX, parseable_text, copy_from_server
from ..diagnostics import Diagnostic
from .base import Rule, RuleMeta

if TYPE_CHECKING:
    from ..analysis.context import FileContext



#: PGlite's virtual device: ``COPY t FROM '/dev/blob'`` reads the ``blob`` option of the same call.
PGLITE_BLOB = "/dev/blob"

class NoUnsafeCopyFrom(Rule):
    meta = RuleMeta(
        code="PG204",
        name="no-unsafe-copy-from",
        severity="error",
        summary="COPY ... FROM a server file or PROGRAM instead of FROM STDIN",
        fix="Use COPY ... FROM STDIN with the driver's copy API and stream the file from the application",
        cwe="CWE-73",
        kind="pattern",
    )

    def check(self, ctx: "FileContext") -> Iterable[Diagnostic]:
        for q in ctx.lowered.queries:
            if q.sql is None or q.sql.form in ("unknown", "tagged"):
                continue
            found = copy_from_server(parseable_text(q.sql, q.style))
            if found is None:
                continue
            what, target = found
            if what == "file" and target == PGLITE_BLOB:
                continue  # PGlite (PostgreSQL in WASM): the blob passed with the query, not a server file
            if what == "program":
                message = "COPY … FROM PROGRAM runs a shell command on the database server"
            else:
                shown = target if HOLE_PREFIX not in target else "a path built from a non-constant value"
                message = f"COPY … FROM a server-side file ({shown}) reads files on the database server"
            yield self.diagnostic(ctx, q.sql.span or q.span, message, function=q.function)
