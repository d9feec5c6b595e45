'''PG202 check-query-params: placeholders that do not match the parameters passed.

## What it does
Counts the placeholders the driver will see and compares them with the
parameters passed:

- node-postgres and asyncpg (`$1`, `$2` …, read with PostgreSQL's own lexer so
  `$1` inside a string, comment or dollar-quoted body never counts): the highest
  index against the number of values, gaps (`$1, $3`), placeholders without values
  and values without placeholders, and psycopg-style `%s` by mistake;
- psycopg2 / psycopg 3 (`%s`, `%(name)s`): the positional count, the names of a
  mapping, a literal `%` that is not doubled (`LIKE 'a%'`) while parameters are
  passed, a single value passed as a string instead of a sequence, `$1` by
  mistake, and parameters passed to DDL/`SET` under psycopg 3's server-side
  binding (`CALL proc(%s)` takes them: the server parse-analyses a `CALL`'s
  arguments like a query's).

node-postgres's `{ text, values }` form is read written at the call, with
computed string keys (`{ ['text']: …, ['values']: … }`), or one `const` away
(`const config = { text, values }; pool.query(config)`), or assembled in steps
before the call (`const q = {}; q.text = …; q.values = […]; pool.query(q)`).

- SQLAlchemy's `text()` (`:name` binds, found as SQLAlchemy finds them): a
  bind the dict of parameters passed with it has no key for (`A value is
  required for bind parameter`), when the text is run with a dict literal and
  without `.bindparams()`.

`pool.execute(sql, params)` on a node-postgres pool or client (the mysql2
spelling; node-postgres has no `execute()`, so the call throws) is read as if
the SQL were passed to `query()`, and so is `.execute(sql, params)` on a
handle of unknown value in a file that imports no driver, when its text is
PostgreSQL (MySQL's `?` placeholders are not): the SQL is checked either way.

Django's cursor (`connection.cursor()`, `connections[alias].cursor()`),
`Model.objects.raw(sql, params)` and `RawSQL(sql, params)`, and pg8000's DB-API
cursor are read with psycopg's `%s` / `%(name)s` rules. `$n` in `PREPARE name
AS …` are the prepared statement's own parameters, not placeholders of the call.
Not counted: the fragments of Django's `.extra()` (one `params` list serves all
of them) and pg8000.native's `:name` placeholders.

ORMs: TypeORM's `query(text, params)` is checked only when its text is
written with `$n` placeholders (a DataSource may be MySQL's, whose
placeholder is `?`). knex (`?`, `??`, `:name` bindings), Sequelize
(`replacements`/`bind` in the options object) and Prisma's
`$queryRawUnsafe(text, ...values)` are not judged.

## Why is this bad?
Each of these fails at run time only when the line runs — `bind message supplies
1 parameters, but prepared statement requires 2`, `IndexError: tuple index out
of range`, `could not determine data type of parameter $2`, `there is no
parameter $1` — often on a rarely taken path.

## Example
```js
const { Pool } = require('pg');
const pool = new Pool();

async function rename(id, name) {
  await pool.query('UPDATE users SET name = $2 WHERE id = $1', [name]);
}
```

```python
import psycopg2

def search(cur, limit):
    cur.execute("SELECT id FROM users WHERE name LIKE 'a%' LIMIT %s", (limit,))
```

## Use instead
```js
const { Pool } = require('pg');
const pool = new Pool();

async function rename(id, name) {
  await pool.query('UPDATE users SET name = $2 WHERE id = $1', [id, name]);
}
```

```python
import psycopg2

def search(cur, limit):
    cur.execute("SELECT id FROM users WHERE name LIKE 'a%%' LIMIT %s", (limit,))
```

## Known problems
SQLAlchemy is checked in one case only: a `text()` (no `.bindparams()`) run
with a dict whose keys are all written out, where a `:name` bind of the text has
no key. `exec_driver_sql()` takes the placeholders of whichever DBAPI the engine
uses (`%(name)s` for psycopg2, `$1` for asyncpg), which the call does not say:
not checked.
Parameters built dynamically (`params.push(...)`, `*args`) are not counted;
SQL whose text is only partly known is checked on its known parts only.

## Differences from eslint-plugin-pg
None on the plugin's corpus.

## Proven at run time
[`tests/runtime/test_sql_rules_runtime.py`](../../tests/runtime/test_sql_rules_runtime.py)
runs the examples against PostgreSQL 15 (see [runtime proofs](../runtime.md)):
the JavaScript one fails with `bind message supplies 1 parameters, but prepared
statement "" requires 2`, the Python one with psycopg2's `IndexError: tuple
index out of range`; both fixes succeed.

## References
- [psycopg: Passing parameters](https://www.psycopg.org/psycopg3/docs/basic/params.html)
- [psycopg 3: server-side binding](https://www.psycopg.org/psycopg3/docs/basic/from_pg2.html#server-side-binding)
- [node-postgres: Parameterized query](https://node-postgres.com/features/queries#parameterized-query)
'''

from __future__ import annotations

import re

from typing import TYPE_CHECKING, Iterable

from ..analysis.sql import (UNKNOWN_DRIVER, dollar_params, is_utility, named_binds, placeholder_style,
                            pyformat_outside_literals, pyformat_scan, pyformat_to_dollar)
from ..diagnostics import Diagnostic
from ..drivers.sqlalchemy import SQLALCHEMY
from ..ir.query import QuerySite
from .base import Rule, RuleMeta

if TYPE_CHECKING:
    from ..analysis.context import FileContext


def _known_text(q: QuerySite) -> tuple[str, bool] | None:
    """The SQL text to count in (unknown holes replaced by identifiers) and whether it is complete."""
    # "modifier": pg-promise text whose placeholders were replaced by the values they splice in
    if q.sql is None or q.sql.form in ("tagged", "tstring", "unknown", "modifier"):
        return None
    complete = q.sql.text is not None
    return (q.sql.text_with_markers() if not complete else q.sql.text or ""), complete


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


class CheckQueryParams(Rule):
    meta = RuleMeta(
        code="PG202",
        name="check-query-params",
        severity="error",
        summary="placeholder count/numbering/style does not match the parameters passed",
        fix="Make the placeholders and the parameters match",
        kind="pattern",
    )

    def check(self, ctx: "FileContext") -> Iterable[Diagnostic]:
        for q in ctx.lowered.queries:
            if q.driver == SQLALCHEMY.name:
                found = self._named(q)
                if found:
                    span = q.params.span if q.params is not None and q.params.span else q.span
                    yield self.diagnostic(ctx, span, found[0], found[1], function=q.function)
                continue
            known = _known_text(q)
            if known is None:
                continue
            text, complete = known
            if q.param_check == "none" or (q.param_check == "when-written" and not dollar_params(text)):
                continue  # the library's own placeholders, or text that does not say which (TypeORM)
            if q.driver == UNKNOWN_DRIVER and placeholder_style(text) == "":
                problem = self._unwritten(q, text, complete)  # the text does not say which placeholders
            elif q.style == "dollar":
                problem = self._dollar(q, text, complete)
            else:
                problem = self._pyformat(q, text, complete)
            if problem:
                message, fix = problem
                span = q.sql.span if q.sql is not None and q.sql.span else q.span
                yield self.diagnostic(ctx, span, message, fix, function=q.function)

    @staticmethod
    def _named(q: QuerySite) -> tuple[str, str] | None:
        """SQLAlchemy's ``text()`` with its parameters in a dict written at the call (or one
        assignment away): a ``:name`` bind the dict has no key for fails with ``A value is required
        for bind parameter``. Only that certain case is read: no ``.bindparams()``, the whole text
        known, the keys all literal (see ``sqlalchemy_params`` in the Python frontend)."""
        params = q.params
        if (q.style != "named" or q.sql is None or q.sql.text is None or params is None
                or params.kind != "mapping" or params.names is None):
            return None
        missing = [n for n in dict.fromkeys(named_binds(q.sql.text)) if n not in params.names]
        if not missing:
            return None
        listed = ", ".join(f":{n}" for n in missing)
        return (f"Bind parameter{'s' if len(missing) > 1 else ''} {listed} of the text() "
                f"{'have' if len(missing) > 1 else 'has'} no value in the parameters passed",
                "Pass a value for every :name in the text(), or write a literal colon as \\:")

    @staticmethod
    def _unwritten(q: QuerySite, text: str, complete: bool) -> tuple[str, str] | None:
        """A query of an unknown driver written without placeholders: values passed with it are
        an error whatever the driver's placeholder style. A ``%`` sequence anywhere, inside a
        quoted name or literal too (``LISTEN "%s"``: psycopg substitutes it there), may be where
        the values go."""
        params = q.params
        if not complete or params is None or params.kind != "sequence" or not params.count or "%" in text:
            return None
        return (f"Query has no placeholders but {_plural(params.count, 'parameter')} "
                f"{'is' if params.count == 1 else 'are'} passed",
                "Refer to each value with a placeholder or pass no parameters")

    def _dollar(self, q: QuerySite, text: str, complete: bool) -> tuple[str, str] | None:
        numbers = dollar_params(text)
        if numbers is None or numbers and _prepares(text):
            return None
        if not numbers:
            if pyformat_outside_literals(text):
                return ("psycopg-style `%s` placeholder in a query for a driver that uses $1, $2, …",
                        "Write the placeholders as $1, $2, … in the order of the parameters")
        if not complete:
            return None
        params = q.params
        highest = max(numbers) if numbers else 0
        if numbers and params is None:
            return (f"Query uses placeholders up to ${highest} but no parameters are passed",
                    "Pass the values as the second argument: [value1, value2, …]")
        if params is None or params.count is None:
            return None
        if not numbers and params.count:
            return (f"Query has no placeholders but {_plural(params.count, 'parameter')} "
                    f"{'is' if params.count == 1 else 'are'} passed",
                    "Refer to each value with $1, $2, … or pass no parameters")
        if highest != params.count:
            return (f"Query uses placeholders up to ${highest} but {_plural(params.count, 'parameter')} "
                    f"{'is' if params.count == 1 else 'are'} passed",
                    "Pass exactly one value per placeholder number, in order")
        missing = sorted(set(range(1, highest + 1)) - set(numbers))
        if missing:
            return (f"Placeholder ${missing[0]} is never used although ${highest} is: PostgreSQL "
                    f"cannot determine its type",
                    "Number the placeholders $1, $2, … without gaps")
        return None

    def _pyformat(self, q: QuerySite, text: str, complete: bool) -> tuple[str, str] | None:
        scan = pyformat_scan(text)
        params = q.params
        if params is None:
            if complete and (scan.positional or scan.names):
                return ("Query has %s placeholders but no parameters are passed",
                        "Pass the values as the second argument: (value,) or {'name': value}")
            dollars = dollar_params(text)
            if dollars and not _prepares(text):
                return ("`$1`-style placeholder in a psycopg query: psycopg uses %s / %(name)s",
                        "Write the placeholders as %s (or %(name)s) and pass the values separately")
            return None
        if scan.bad:
            seq = scan.bad[0][1].strip() or "%"
            if seq.startswith(("%d", "%f", "%i")):
                return (f"`{seq}` is not a psycopg placeholder: use %s for every type",
                        "Write %s (psycopg adapts the value's type)")
            return (f"Literal `%` in a query with parameters must be written `%%` (found `{seq}`)",
                    f"Double the percent sign: `{seq.replace('%', '%%', 1)}`")
        if params.kind == "scalar":
            return ("Parameters must be a sequence or a mapping: a single value needs a tuple `(value,)`",
                    "Pass (value,) or [value]")
        dollars = dollar_params(text)
        if dollars and not scan.positional and not scan.names and not _prepares(text):
            return ("`$1`-style placeholder in a psycopg query: psycopg uses %s / %(name)s",
                    "Write the placeholders as %s (or %(name)s)")
        if scan.positional and scan.names:
            return ("Query mixes positional %s and named %(name)s placeholders",
                    "Use only one placeholder style per query")
        if q.server_side_binding and complete and is_utility(pyformat_to_dollar(text)):
            return ("psycopg 3 binds parameters on the server, which does not accept them in "
                    "DDL, SET or NOTIFY statements",
                    "Use sql.Literal() / sql.SQL().format(), set_config(), or a ClientCursor")
        if not complete:
            return None
        if params.kind == "sequence" and params.count is not None and not scan.names:
            if scan.positional != params.count:
                return (f"Query has {_plural(scan.positional, 'placeholder')} but "
                        f"{_plural(params.count, 'parameter')} {'is' if params.count == 1 else 'are'} passed",
                        "Pass exactly one value per %s")
        if params.kind == "mapping" and params.names is not None and scan.names:
            missing = sorted(scan.names - params.names)
            if missing:
                return (f"Placeholder %({missing[0]})s has no value in the parameters mapping",
                        "Add the key to the mapping or fix the placeholder name")
        return None


_PREPARE = re.compile(r"\A\s*(?:(?:--[^\n]*(?:\n|\Z)|/\*.*?\*/)\s*)*prepare\b", re.IGNORECASE | re.DOTALL)


def _prepares(text: str) -> bool:
    """``PREPARE name AS … $1 …``: the ``$n`` are the prepared statement's own parameters, filled by a
    later ``EXECUTE name (…)``, not placeholders of this call."""
    return _PREPARE.match(text) is not None
