'''PG203 no-unsafe-search-path: `search_path` set from non-constant input.

## What it does
Finds `SET search_path …` statements whose schema list is spliced in from a
non-constant value, and `set_config('search_path', …)` calls whose value is a
parameter or a spliced value. Text built by a same-module helper from its
parameters (``const pathFor = (s) => `SET search_path TO ${s}` ``) is read at
the call with the arguments passed. A value checked against an allowlist
first, on every path, is not reported: `if (!SCHEMAS.has(s)) throw …` (or
`return`; `.includes`, `indexOf(s) === -1`) and Python's `if s not in
SCHEMAS: raise …` above the statement. A check after the statement, or one
that does not leave the function, guards nothing.

A schema list from the operator's configuration — the object's own
attributes (`self.schema`, `this.schemas`, also joined: `",".join([self.main,
*self.schemas])`) or the environment (`os.environ`, `process.env`) — is not
reported, as PG201 weighs such values: it comes from the database URL or the
settings the application was started with, not from a request.

`pool.execute(sql, params)` on a node-postgres pool or client (the mysql2
spelling; node-postgres has no `execute()`, so the call throws) is read as if
the SQL were passed to `query()`, and so is `.execute(sql, params)` on a
handle of unknown value in a file that imports no driver, when its text is
PostgreSQL (MySQL's `?` placeholders are not): the SQL is checked either way.

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

TENANTS = {"acme", "globex"}

def use_tenant(cur, tenant):
    if tenant not in TENANTS:
        raise ValueError(f"unknown tenant {tenant}")
    cur.execute(sql.SQL("SET search_path TO {}").format(sql.Identifier(tenant)))
```

## Known problems
A value validated against a whitelist before use is still reported when the
check is not visible as a constant. A quoted name is weighed by its origin only
when the quoting is visible at the statement (not through a helper of another
module). `self.x` / `this.x` is taken for
configuration even when the object stores request data there, so a
search_path set from such an attribute is not reported.

## Quoted names
A schema name quoted as an identifier (`escapeIdentifier(s)`, pg-format's
`%I`, `"${s}"` in the text, psycopg's `sql.Identifier(s)`, `quote_ident(s,
cur)`) is reported when the name is a parameter of the function or request
data: quoting stops injection, not the choice of an attacker's schema, which
then resolves first and can shadow every table and function the session
touches. A quoted name from configuration (`this.schema`, `os.environ`), a
constant, or one checked against an allowlist first is not reported; a quoted
value of unknown origin (a call's result) is not reported either.

```js
const { Client, escapeIdentifier } = require('pg');
const client = new Client();
async function enter(tenant) {
  // reported: the caller picks the schema
  await client.query(`SET search_path TO ${escapeIdentifier(tenant)}`);
}
```

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
    from ..analysis.context import FileContext


#: holes quoted as identifiers (``sql.Identifier(x)``, ``quote_ident(x)``, ``escapeIdentifier(x)``, ``%I``)
QUOTED = ("identifier", "quoted")
#: where a quoted name is still the caller's choice: a parameter, request data
CHOSEN = ("param", "external")


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
            quoted = [h for h in q.sql.holes if h.kind in QUOTED and h.value is None and h.origin in CHOSEN]
            if how == "set" and not q.sql.unsafe_holes and not quoted:
                continue  # SET with only constant holes, or names quoted from configuration / constants
            if not quoted and q.sql.unsafe_holes and all(h.origin == "config" for h in q.sql.unsafe_holes):
                continue  # the operator's configuration (self.schema, os.environ), as PG201 weighs it
            if how == "set" and quoted and not [h for h in q.sql.unsafe_holes if h.origin != "config"]:
                message = (f"search_path set from a schema name chosen by the caller (`{quoted[0].source}`): "
                           "quoting stops injection, not the choice of schema; check it against an allowlist")
            else:
                message = ("search_path set from a non-constant value" if how == "set"
                           else "set_config('search_path', …) called with a non-constant value")
            yield self.diagnostic(ctx, q.sql.span or q.span, message, function=q.function)
