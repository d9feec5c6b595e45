r'''PG201 no-unsafe-query: SQL text built from non-constant values.

## What it does
Finds query calls whose SQL text is assembled from values that are not
constants: string concatenation (`"… " + id`), template literals with
substitutions, f-strings, `%` formatting and `.format()` — followed through
local variables, `+=` accumulation, module constants and same-module helpers
that build the text from their parameters (``const byTag = (t) => `… ${t}` ``,
called as `pool.query(byTag(req.query.tag))`: each parameter's hole becomes
the argument passed) — and reports the ones where a value that can carry
someone else's text lands in the SQL.

Each hole is weighed by **where it sits** in the statement (the text is parsed
by PostgreSQL's parser with the hole replaced by a placeholder word; text
assembled in branches is read once per branch, the riskiest position winning;
in a statement that does not parse, a hole glued into a word, `${t}_idx`, or
after `FROM`/`INDEX`/`ON` … is a name) and by **where its value comes from**:

| the value comes from | a value position (inside `'…'`, an operand, `LIMIT`, `VALUES`, a setting's value, a whole clause or statement) | a name position (table, schema, column, function, type, database, channel, role, savepoint) |
|---|---|---|
| request data (`req.query.x`, `request.args[…]`, `sys.argv`, `input()`) | reported | reported |
| a parameter of the enclosing function (or a local built from one) | reported | silent |
| configuration: the object's own attributes (`self.schema`, `this.tableName`), the environment (`os.environ`, `process.env`) | silent | silent |
| anything pglint cannot trace (a call's result, a row read back, a field of another object) | silent (reported with `report-untraced-values = true`) | silent |

Holes that cannot carry SQL are never reported: values checked against an
allowlist on every path before the query (`if (!STATES.has(s)) throw …`,
`if s not in STATES: return`), literals, module constants
(imported ones included), numbers (`int(x)`, `len(…)`, `Number(x)`,
`parseInt`, `%d`, `{:d}`, arithmetic, a parameter annotated `int`/`float`/
`bool` or typed `number`/`boolean`, a parameter used as `range(n)`), a lookup
in a constant mapping, alternatives among constants (also a parameter
annotated `Literal['days', 'weeks']` or typed `'days' | 'weeks'`: the type
checker holds its callers to those values), a parameter of a Python module
function that every call in the same module fills with a literal or a number
(`int(…)`, a local assigned only such values), a parameter of a top-level
Python function that every call in the project (its module's and, through
imports, other modules') fills with a constant (a literal, a number, a string
constant of any module) or configuration (`self.x`, `os.environ`, a pytest
fixture's value, a value loaded by a `*config*`/`*settings*` function; the
parameter is then configuration, see PG203) — one with no project caller,
passed around as a value or decorated is not trusted —, `sql.Identifier(...)`,
`sql.Literal(...)`, `quote_ident`, `escapeIdentifier`/`escapeLiteral`,
`pg-format`, `cursor.mogrify()`; and so are tagged templates of libraries that
send their holes as parameters (`sql\`…\`` of `@vercel/postgres`, slonik,
postgres.js) and Python t-strings under psycopg ≥ 3.3.

A parameter in a name position (`DELETE FROM ${table}`) is trusted: such
helpers are almost always called with names the program chose, and whether a
caller passes user input is a question about the caller. Parameters of test
files (`test_*.py`, `*_test.py`, `conftest.py`, `*.test.ts`, `*.spec.js`) and
modules directly in a `test`/`tests`/`__tests__` folder, and of pytest tests and
fixtures are the tests' own inputs and are trusted too.

`pool.execute(sql, params)` on a node-postgres pool or client (the mysql2
spelling; node-postgres has no `execute()`, so the call throws) is read as if
the SQL were passed to `query()`, and so is `.execute(sql, params)` on a
handle of unknown value in a file that imports no driver, when its text is
PostgreSQL (MySQL's `?` placeholders are not): the SQL is checked either way.

SQLAlchemy: the SQL of `text(…)` (also through `.bindparams()`), of
`exec_driver_sql(…)` and of a 1.x string passed to `execute()` is read
wherever a `Connection`, `Session` or their asyncio versions that pglint sees
(from an engine, a session factory, a typed parameter) run it (`execute`,
`scalar`, `scalars`, `stream`); Core and ORM constructs bind their values and
are not read. A `text()` run on a handle of unknown value (`db_conn` passed
in, `context['connection']`, `self.engine.connect()` of an engine pglint does
not see) is not reported: on the corpus those statements were DDL and settings
built from configuration objects handed in.

One finding per query call, at the call (at the hole when it is inside the
call, else at the call itself), not once per use at the place the value was
spliced in.

Django: the SQL of `connection.cursor()` / `connections[alias].cursor()`
queries, of `Model.objects.raw(…)` (also after `.using()`/`.filter()`…), each
`where` fragment and `select` value of `.extra(…)`, and of `RawSQL(…)` is read;
in a file that imports Django, `x.pk` / `x.id` is a model's primary key (an
integer or a UUID) and is not reported.
pg8000: the DB-API cursor's `execute` and the native `Connection.run`;
`pg8000.native.identifier()` / `literal()` quote their argument.

The raw-SQL entry points of ORMs and query builders are query calls too
(JS/TS, see `docs/drivers.md`): TypeORM `query(text, params)` on a DataSource,
a query runner, an `EntityManager` or a `Repository`; knex `raw(text)` and the
builder's `whereRaw`/`havingRaw`/`orderByRaw`/`joinRaw`/… (its `?`/`??`
bindings are the safe form); Prisma `$queryRawUnsafe`/`$executeRawUnsafe` and
`Prisma.raw(text)` (the tagged `$queryRaw\`…\`` and `Prisma.sql` are safe);
Sequelize `sequelize.query(text, { replacements, bind })`; Kysely and Drizzle
`sql.raw(text)` (their `sql\`…\`` tag sends its holes as parameters). Handles
are recognised when made from the library (`new DataSource(…)`,
`knex(…)`, `new PrismaClient()`, `new Sequelize(…)`, imported from a project
module that makes one) or typed with its class (`manager: EntityManager`,
`db: Knex`); a handle pglint cannot trace to the library is left alone, and so is
a TypeORM query in a branch for another database (`if (ds.options.type ===
"mysql") { … }`).

## Why is this bad?
A value spliced into SQL text is SQL: a name like `x' OR '1'='1` changes the
query. This is the classic injection (CWE-89). Parameters (`$1`, `%s`) are
sent separately from the text and can never change its meaning.

## Example
```js
const { Pool } = require('pg');
const pool = new Pool();

async function findUser(name) {
  return pool.query(`SELECT id FROM users WHERE name = '${name}'`);
}
```

```python
import psycopg

def find_user(conn: psycopg.Connection, name):
    return conn.execute(f"SELECT id FROM users WHERE name = '{name}'").fetchone()
```

## Use instead
```js
const { Pool } = require('pg');
const pool = new Pool();

async function findUser(name) {
  return pool.query('SELECT id FROM users WHERE name = $1', [name]);
}
```

```python
import psycopg

def find_user(conn: psycopg.Connection, name):
    return conn.execute("SELECT id FROM users WHERE name = %s", (name,)).fetchone()
```

## Known problems
What the rule cannot tell, it leaves alone: a value of untraced origin
(unless `report-untraced-values` is on). Callers are followed for top-level
Python functions only: a parameter of a method (`obj.method(…)`) or of a
JavaScript function whose callers all pass a constant or a checked value is
still reported when it lands in a value position, and a module function that
its own module calls only with literals or numbers is trusted even if another
module calls it with other values. A
helper module deeper in a test
folder (`tests/utils/db.py`) is not recognised as test code. A project function that escapes or
validates its argument (doubling `"`, checking `isidentifier()` or a regular
expression) is not recognised as a sanitiser: prefer `sql.Identifier` /
`escapeIdentifier` / pg-format `%I`, which are. `this.x` / `self.x` is taken
for configuration even when the object stores request data.

## Differences from eslint-plugin-pg
In a file that imports node-postgres, a query method called on a handle
pglint cannot tie to the driver (a function parameter `db` of unknown type,
even one that shadows a module-level pool) is not read: pglint reports calls
it knows reach PostgreSQL, and in such files an untyped handle is most often
another library's (a knex connection, a migration tool's client). Reading them
added only false findings on the real-world corpus (knex, node-pg-migrate,
ley, electric's tests). In a file that imports no driver the same call is a
query of an unknown driver and is read. Give the parameter a type (`db: Pool`,
`client: PoolClient`) and it is checked:

```js
const { Pool } = require('pg');
// eslint-plugin-pg: reported; pglint: `db` is a parameter of unknown type
async function find(db, req) {
  return db.query(`SELECT id FROM t WHERE name = '${req.query.name}'`);
}
```

## References
- [CWE-89: SQL Injection](https://cwe.mitre.org/data/definitions/89.html)
- [psycopg: Passing parameters to SQL queries](https://www.psycopg.org/psycopg3/docs/basic/params.html)
- [node-postgres: Parameterized query](https://node-postgres.com/features/queries#parameterized-query)
'''

from __future__ import annotations

import re
from typing import TYPE_CHECKING, ClassVar, Iterable

from ..analysis.sql import hole_positions
from ..diagnostics import Diagnostic
from ..drivers.sqlalchemy import SQLALCHEMY
from ..ir.cfg import Span
from ..ir.query import Hole, SqlShape
from .base import Rule, RuleMeta

if TYPE_CHECKING:
    from ..analysis.context import FileContext

_FORMS = {
    "concat": "string concatenation",
    "template": "a template literal",
    "fstring": "an f-string",
    "percent": "`%` formatting",
    "format": "`.format()`",
    "composed": "sql.SQL composition with a plain value",
    "modifier": "a pg-promise `:raw`/`^`/`:value`/`#` modifier",
    "unknown": "string building",
    "literal": "string building",
}


class NoUnsafeQuery(Rule):
    options: ClassVar[dict[str, tuple[type, object, str]]] = {
        "report-untraced-values": (bool, False, "also report values whose origin pglint cannot trace "
                                                "(a call's result, a row read back, an object's field) "
                                                "in value positions"),
    }
    meta = RuleMeta(
        code="PG201",
        name="no-unsafe-query",
        severity="error",
        summary="SQL text built from non-constant values (concatenation, templates, f-strings, %, .format)",
        fix="Pass values as query parameters ($1 / %s) and identifiers through sql.Identifier (Python) or pg-format %I (JS)",
        cwe="CWE-89",
        kind="pattern",
    )

    def check(self, ctx: "FileContext") -> Iterable[Diagnostic]:
        seen: set[tuple[int, int]] = set()
        for q in ctx.lowered.queries:
            if q.sql is None or not q.sql.unsafe_holes:
                continue
            if q.driver == SQLALCHEMY.name and q.receiver == "unknown":
                continue  # a text() run on a handle pglint cannot see: read for PG202/PG402/PG403 only
            holes = reported_holes(q.sql, q.style, bool(self.settings.get("report-untraced-values", False)),
                                   test_code=is_test_path(ctx.path))
            if not holes:
                continue
            first = holes[0]
            span = first.span if first.span is not None and _within(first.span, q.span) else q.span
            if (span.line, span.column) in seen:  # one call read as two query sites
                continue
            seen.add((span.line, span.column))
            how = _FORMS.get(q.sql.form, "string building")
            more = f" (and {len(holes) - 1} more)" if len(holes) > 1 else ""
            where = _WHERE.get(first.origin, "a non-constant value")
            message = f"SQL built with {how} from {where} `{first.source}`{more}: possible SQL injection"
            yield self.diagnostic(ctx, span, message, function=q.function)


_WHERE = {"param": "a parameter", "external": "request data", "unknown": "a non-constant value",
          "config": "a configuration value"}


def is_test_path(path: str) -> bool:
    """A test file: named ``test_*.py``, ``*_test.py``, ``conftest.py``, ``*.test.ts``, ``*.spec.js`` …,
    or sitting directly in a ``test``/``tests``/``__tests__`` folder (a helper module of the tests;
    deeper folders do not count)."""
    parts = re.split(r"[\\/]", path)
    name = parts[-1]
    if len(parts) > 1 and parts[-2] in _TEST_DIRS:
        return True
    return name == "conftest.py" or name.startswith("test_") and name.endswith(".py") or bool(
        _TEST_FILE.search(name))


_TEST_DIRS = frozenset({"test", "tests", "__tests__"})
_TEST_FILE = re.compile(r"(_test\.py|\.(test|spec)\.[cm]?[jt]sx?)$")


def reported_holes(shape: SqlShape, style: str, untraced: bool = False, test_code: bool = False) -> list[Hole]:
    """The holes of ``shape`` PG201 reports, in order: a value (or a fragment) from a parameter
    or request data (and, with ``untraced``, from a source pglint cannot trace); a name
    (identifier position) only from request data."""
    positions = hole_positions(shape, style)
    out: list[Hole] = []
    for i, part in enumerate(shape.parts):
        if isinstance(part, str) or part.constant:
            continue
        position = positions.get(i, "fragment")
        if position == "identifier":
            if part.origin == "external":
                out.append(part)
        elif part.origin == "external" or part.origin == "param" and not test_code or \
                untraced and part.origin == "unknown":
            out.append(part)
    return out


def _within(inner: Span, outer: Span) -> bool:
    return (outer.line, outer.column) <= (inner.line, inner.column) and \
        (inner.end_line, inner.end_column) <= (outer.end_line, outer.end_column)
