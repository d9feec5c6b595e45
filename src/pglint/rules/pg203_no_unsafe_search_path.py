'''PG203 no-unsafe-search-path: `search_path` set from non-constant input.

## What it does
Finds `SET search_path …` statements whose schema list is spliced in from a
non-constant value, and `set_config('search_path', …)` calls whose value is a
parameter or a spliced value. Text built by a same-module helper from its
parameters (``const pathFor = (s) => `SET search_path TO ${s}` ``) is read at
the call with the arguments passed.

## Why is this bad?
`search_path` decides which schema's tables and functions an unqualified name
resolves to. Whoever controls it can substitute their own `users` table or
shadow a function with a malicious one (CWE-426, untrusted search path) — and
with string building it is also plain SQL injection.

## Example
```js
const { Pool } = require('pg');
const pool = new Pool();

async function listOrders(tenant) {
  const client = await pool.connect();
  try {
    await client.query(`SET search_path TO ${tenant}, public`);
    return (await client.query('SELECT id FROM orders')).rows;
  } finally {
    client.release();
  }
}
```

```python
import psycopg2

def use_tenant(cur, tenant):
    cur.execute("SET search_path TO " + tenant)
```

## Use instead
```js
const format = require('pg-format');
const { Pool } = require('pg');
const pool = new Pool();
const TENANTS = new Set(['acme', 'globex']);

async function listOrders(tenant) {
  if (!TENANTS.has(tenant)) throw new Error(`unknown tenant ${tenant}`);
  const client = await pool.connect();
  try {
    await client.query(format('SET search_path TO %I, public', `tenant_${tenant}`));
    return (await client.query('SELECT id FROM orders')).rows;
  } finally {
    client.release();
  }
}
```

```python
from psycopg2 import sql

def use_tenant(cur, tenant):
    cur.execute(sql.SQL("SET search_path TO {}").format(sql.Identifier(tenant)))
```

## Known problems
A value validated against a whitelist before use is still reported when the
check is not visible as a constant. So is a schema from the operator's own
configuration (`SET search_path TO {}".format(self.schema)` where `schema`
comes from the database URL the application was started with): pglint cannot
tell configuration from request data; quote it with `sql.Identifier` /
`escapeIdentifier`, which also makes the statement safe for odd names.

## References
- [CWE-426: Untrusted Search Path](https://cwe.mitre.org/data/definitions/426.html)
- [PostgreSQL: search_path](https://www.postgresql.org/docs/current/ddl-schemas.html#DDL-SCHEMAS-PATH)
'''

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from ..analysis.sql import dynamic_search_path, parseable_text
from ..diagnostics import Diagnostic
from .base import Rule, RuleMeta

if TYPE_CHECKING:
    from ..engine import FileContext


class NoUnsafeSearchPath(Rule):
    meta = RuleMeta(
        code="PG203",
        name="no-unsafe-search-path",
        severity="error",
        summary="SET search_path / set_config('search_path') built from non-constant input",
        fix="Set search_path from a constant schema list, or quote the schema with sql.Identifier / pg-format %I after whitelisting it",
        cwe="CWE-426",
        kind="pattern",
    )

    def check(self, ctx: "FileContext") -> Iterable[Diagnostic]:
        for q in ctx.lowered.queries:
            if q.sql is None or q.sql.form in ("unknown",):
                continue
            how = dynamic_search_path(parseable_text(q.sql, q.style))
            if how is None:
                continue
            if how == "set" and not q.sql.unsafe_holes:
                continue  # SET with only constant / identifier holes
            message = ("search_path set from a non-constant value" if how == "set"
                       else "set_config('search_path', …) called with a non-constant value")
            yield self.diagnostic(ctx, q.sql.span or q.span, message, function=q.function)
