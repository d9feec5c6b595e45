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

A `SELECT *` inside a CTE or subquery, or in the `SELECT` of an `INSERT …
SELECT`, is reported wherever it is. A star in the rows the code gets back is
weighed against how the function that runs the query reads them (see below):
where the code reads only some columns, the message names them ("but only
id, name are read") and the fix lists them.

Test files (the `test-files` setting: `test_*.py`, `tests/`, `*.test.ts` …)
are not checked unless the rule's `in-tests` option is set: tests read whole
rows back to assert on them.

## When it stays silent
The rule follows the result through the function that runs the query —
`await`, locals and destructuring (`const { rows: [user] } = …`), `rows[0]`,
loops and comprehensions over the rows, `rows.map(r => …)`, a cursor's
`fetchone()` / `fetchall()` after its `execute`, SQLAlchemy's result
(`.first()`, `.one()`, `.one_or_none()`, `.all()`, `.mappings()`), and one level into a
function or method of the same file the row is passed to — and decides
once for the whole function, the same way in Python and JS/TS:

- **Every column is wanted on purpose — silent.** A row given whole to a
  class (`Timer(record=row)`, `Model.from_record(row)`, `cls(**row)`,
  `new Job(row)`, `Job.fromRow(row)`), spread with `**row`, turned into a
  `dict`, handed to a JSON serialiser (`json.dumps`, `jsonify`,
  `JSON.stringify`, `res.json(rows)`, `res.send(rows)`), its values iterated
  (`for v in row`, `Object.entries(row)`), returned by a web route
  (`@app.get` …), or (Python) assigned to a name annotated with a class of
  the same file describing the row (`records: list[SyncRecord] = await
  pool.fetch(…)`, a TypedDict / NamedTuple / dataclass): the code is built
  around the table's whole row.
- **No column is read — silent.** The result is only tested: truthiness,
  `is None`, `len(rows)`, `rows.length`, `rowCount`, `cursor.rowcount`, or
  only `cursor.description` (the column names) is read.
- **Only named columns are read — reported, naming them.** `row["id"]`,
  `row.get("id")`, `row.id`, `const { id, name } = row` (after a spread
  `{ ...row, ...changes }` too): "SELECT * fetches every column of the
  table, but only id, name are read".
- **Nothing tells — reported.** The rows are returned from an ordinary
  function, passed to a function of another module, put in an object, read
  by position (`row[0]`) or not read at all: whether they need every column
  is not in this code.

Two statements are silent by their SQL alone: `INSERT INTO t SELECT * FROM
tmp` where `tmp` is a temporary table the same file creates
(`CREATE TEMP TABLE tmp (LIKE t)`, `CREATE TEMP TABLE tmp AS …`: the code
defines its columns), and `COPY (SELECT * …) TO …`, which exports rows as
data. Django's `Model.objects.raw("SELECT * …")` is silent too: `raw()` maps
every column to a field of the model.

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
Deciding from the code around the query is a heuristic. A callee whose name is
capitalised (`Model(row)`, `Model.from_record(row)`) is taken for a class and
a name with `json` in it for a serialiser; a row handed to such a callee that
in fact reads two columns is not reported. Only one level of same-file
functions is followed: a row passed to another module's function, or returned
and read by the caller, is reported with the plain message. A table of the
application whose name starts with `pg_`, written without its schema, is
taken for a catalog.

## Differences from eslint-plugin-pg
The plugin's `no-select-all` reports every star over a table, whatever the code
does with the rows; pglint agrees on each of its corpus fixtures (the star in
a CTE, `INSERT INTO archive SELECT * FROM orders`, `DISTINCT ON (…) *`, a star
over `unnest`/`json_to_recordset` or in `EXISTS` …). It is deliberately
narrower where the code shows that the star is what it wants, because on real
code those findings were suppressed rather than fixed:

```js
// reported by the plugin, not by pglint: the whole row is the model / the response / a probe
const { rows } = await pool.query('SELECT * FROM jobs WHERE id = $1', [id]);
return rows.length ? new Job(rows[0]) : null;

const res = await pool.query('SELECT * FROM bans WHERE user_id = $1 LIMIT 1', [userId]);
return res.rowCount > 0;
```

```js
// reported by the plugin, not by pglint: a temporary table this code made with
// the target's columns, and an export of rows as data
await client.query('CREATE TEMP TABLE ingest (LIKE items INCLUDING DEFAULTS) ON COMMIT DROP');
await client.query('INSERT INTO items SELECT * FROM ingest ON CONFLICT DO NOTHING');
const stream = client.query(copyTo('COPY (SELECT * FROM items LIMIT 3) TO STDOUT WITH (FORMAT csv)'));
```

## References
- [PostgreSQL: SELECT list](https://www.postgresql.org/docs/current/queries-select-lists.html)
'''

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from ..analysis.sql import UNKNOWN_DRIVER, created_temp_tables, parseable_text, select_star
from ..diagnostics import Diagnostic
from .base import Rule, RuleMeta

if TYPE_CHECKING:
    from ..analysis.context import FileContext


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
        texts = [(q, parseable_text(q.sql, q.style)) for q in ctx.lowered.queries
                 if q.sql is not None and q.sql.form != "unknown"
                 and q.driver != UNKNOWN_DRIVER  # an unknown driver's query: PG201-PG204, PG403 apply
                 and not q.fragment]  # knex raw() / sql.raw(): a piece of a statement built elsewhere
        temp_tables = frozenset(name for _, text in texts if "temp" in text.lower()
                                for name in created_temp_tables(text))
        for q, text in texts:
            star = select_star(text, temp_tables)
            if star is None:
                continue
            use = q.row_use if star.in_result and not star.elsewhere else None
            if use is not None and use.kind in ("whole", "probe"):
                continue  # every column is wanted, or none is read: the code says so
            span = q.sql.span if q.sql is not None and q.sql.span is not None else q.span
            if use is not None and use.kind == "columns":
                read = [c for c in use.columns if c not in star.named]
                if read:
                    listed = ", ".join(read)
                    yield self.diagnostic(ctx, span, f"SELECT * fetches every column of the table, but only "
                                          f"{listed} {'is' if len(read) == 1 else 'are'} read",
                                          fix=f"List the columns the code reads: {listed}", function=q.function)
                else:
                    yield self.diagnostic(ctx, span, "SELECT * fetches every column of the table, but the code "
                                          "reads only the columns the query names besides it",
                                          fix="Drop the star", function=q.function)
                continue
            yield self.diagnostic(ctx, span, "SELECT * fetches every column of the table", function=q.function)
