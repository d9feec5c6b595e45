'''PG402 no-select-all: `SELECT *` in application queries.

## What it does
Finds `SELECT *` and `SELECT t.*` target lists (in subqueries and CTEs too)
that expand the columns of a table or view, found by PostgreSQL's parser —
`count(*)`, `*` inside strings or comments and `RETURNING *` are not reported.
A star over a FROM item whose columns the query itself fixes is not reported
either: a set-returning function (`SELECT * FROM app.login($1, $2)`,
`SELECT * FROM unnest($1::int[])`), a subquery, a `VALUES` list or a CTE of
the statement (a star *inside* the subquery or CTE is checked on its own), nor
a star over a system catalog (`pg_extension`, `pg_catalog.*`,
`information_schema.*`), whose columns change with PostgreSQL and not with the
application's migrations, and so is the star of `EXISTS (SELECT * …)`, whose
columns are never read.

Test files (the `test-files` setting: `test_*.py`, `tests/`, `*.test.ts` …)
are not checked unless the rule's `in-tests` option is set: tests read whole
rows back to assert on them.

## Why is this bad?
The query returns whatever columns the table has today: a new large column
slows every call, a dropped or renamed column breaks code far from the
migration, and sensitive columns leak into API responses.

## Example
```js
const { Pool } = require('pg');
const pool = new Pool();

async function listUsers() {
  const res = await pool.query('SELECT * FROM users');
  return res.rows;
}
```

```python
import psycopg2

def list_users(cur):
    cur.execute("SELECT * FROM users")
    return cur.fetchall()
```

## Use instead
```js
const { Pool } = require('pg');
const pool = new Pool();

async function listUsers() {
  const res = await pool.query('SELECT id, name FROM users');
  return res.rows;
}
```

```python
import psycopg2

def list_users(cur):
    cur.execute("SELECT id, name FROM users")
    return cur.fetchall()
```

## Known problems
A row used whole on purpose — mapped into a model object, returned by an API
as it is, sampled for display — is reported all the same: whether every
column is wanted is the maintainer's call (suppress it with a reason). So is
`SELECT * … LIMIT 1` on an application table that only probes that a row or
the table exists. A table of the application whose name starts with `pg_`,
written without its schema, is taken for a catalog.

## References
- [PostgreSQL: SELECT list](https://www.postgresql.org/docs/current/queries-select-lists.html)
'''

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from ..analysis.sql import UNKNOWN_DRIVER, parseable_text, has_select_star
from ..diagnostics import Diagnostic
from .base import Rule, RuleMeta

if TYPE_CHECKING:
    from ..engine import FileContext


class NoSelectAll(Rule):
    meta = RuleMeta(
        code="PG402",
        name="no-select-all",
        severity="warning",
        summary="SELECT * in application queries",
        fix="List the columns the code needs",
        kind="pattern",
    )
    options = {"in-tests": (bool, False,
                             "Report in test files too. By default the rule is silent in the files the "
                             "`test-files` setting names (test modules, `tests/` folders, `*.test.ts` …): "
                             "tests read whole rows back to assert on them.")}

    def check(self, ctx: "FileContext") -> Iterable[Diagnostic]:
        for q in ctx.lowered.queries:
            if q.sql is None or q.sql.form == "unknown" or q.driver == UNKNOWN_DRIVER:
                continue  # a query of an unknown driver: the SQL rules that apply are PG201-PG204, PG403
            if has_select_star(parseable_text(q.sql, q.style)):
                yield self.diagnostic(ctx, q.sql.span or q.span, "SELECT * fetches every column of the table",
                                      function=q.function)
