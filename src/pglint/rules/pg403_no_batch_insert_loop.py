'''PG403 no-batch-insert-loop: one query per loop iteration where a batch would do.

## What it does
Finds write queries (`INSERT`, `UPDATE`, `DELETE`, `MERGE`) — and per-row
reads with parameters — executed once per iteration of a `for`, `for…of`,
`while`, `forEach` callback, comprehension, or a `reduce` that chains each
element's query on the previous one's promise (`acc.then(() => pool.query(…))`,
`await acc`): one element after the other, as in a loop.

It reports what a batch would change, and stays silent where one statement
per item is the design or the count of items is not a count of rows:

- **What the loop iterates.** A fixed handful of values written in the code
  is not a loop over rows: a tuple, list, set, dict or array literal of
  constants in the header, a module-level constant bound to one and never
  grown (`FORMATS = ((1, "CD"), (2, "Vinyl"))`, `const LEVELS = [['low', 1],
  ['high', 2]]`), also through `enumerate`/`sorted`/`.items()`; in Python also
  a parameter that every call in the module fills with such a constant
  (`insert_sorts(cur, DIGITAL)`, `insert_sorts(cur, ANALOG)`), and the result
  of a parameterless module function that builds its list from such
  constants alone (copies, appends, sorts). An outer or inner loop over rows
  still counts. A *read* per element of the object's own attribute
  (`for source in self.sources`, `for (const s of this.schemas)`) is one read
  per configured item, not an N+1 over data, and is not reported; a *write*
  per element of one (a buffer flushed row by row) is.
- **What the statement is.** A per-item read is reported only when it is a
  read of data: a `SELECT` of the system catalogs alone (`pg_catalog.*`,
  `information_schema.*`, `pg_type`, `pg_stat_activity` …) is schema
  introspection, one per schema object; a session command (`SET`,
  `SELECT set_config(…)`, an advisory lock, `LISTEN` …) or DDL is state the
  next step needs, not a row. A statement whose table, schema or column name
  comes from the loop's own item (`sql.Identifier(table)` or
  `` `DELETE FROM "${table}"` `` in `for table in …`) is a different statement
  each round, which no multi-row `VALUES`, `executemany` or `unnest` can
  merge; one that names the same table every round is reported. A write whose
  rows a `SELECT … LIMIT n` inside it chooses (`INSERT … SELECT … LIMIT
  :batch`, `UPDATE … WHERE id IN (SELECT … LIMIT 1000)`) moves a chunk per
  round: that loop is the batching, not reported.
- **How the loop runs.** Pagination loops (whose next iteration depends on
  the previous result) are not reported, nor are loops over chunks that hand
  each whole chunk to the statement (a name assigned from a slice —
  `ids = list(qs[:BATCH])`, `chunk = rows[i:i + n]` — that ends the loop when
  empty and is among the query's parameters), nor are loops that only build SQL
  text, nor calls to helpers that are not themselves queries, nor queries
  whose SQL text pglint cannot see (built by a helper, such as the multi-row
  `INSERT … VALUES ($1, $2), ($3, $4) …` of a loop over chunks, which is
  already a batch), nor a `while`/`do` loop that pauses on every round
  (`asyncio.sleep`, `time.sleep`, `stop.wait(timeout)`, a promise around
  `setTimeout`): that is a periodic loop — a heartbeat, a poller — whose
  iterations are intervals, not rows. A query whose failure the loop catches
  and goes on from (a `try`/`except` or `try`/`catch` around it inside the loop
  that neither re-raises nor leaves) is a statement per item by design — one
  bad item must not sink the others, as it would in one batch. A loop that
  reads a benchmark's clock (`process.hrtime()`, `performance.now()`,
  `time.perf_counter()`) times one statement at a time on purpose. A `map`
  whose promises all go to `Promise.all`/`allSettled`/`any`/`race` (directly
  or through a variable) is a concurrent fan-out — the shape people write to
  escape sequential round trips — not a loop; a loop inside its callback, or
  a loop around it, still counts.

Test files (the `test-files` setting: `test_*.py`, `tests/`, `*.test.ts` …)
are not checked unless the rule's `in-tests` option is set: a test inserts its
handful of fixture rows one by one on purpose.

## Why is this bad?
Each iteration is a network round trip and, outside a transaction, a commit:
10,000 rows become 10,000 round trips and 10,000 fsyncs (CWE-400). A batch
(`executemany`, `execute_values`, `COPY`, `unnest($1::int[])`, a multi-row
`VALUES`) does the same work in one or a few statements.

## Example
```js
const { Pool } = require('pg');
const pool = new Pool();

async function saveAll(users) {
  for (const u of users) {
    await pool.query('INSERT INTO users (name) VALUES ($1)', [u.name]);
  }
}
```

```python
import psycopg2

def save_all(cur, users):
    for user in users:
        cur.execute("INSERT INTO users (name) VALUES (%s)", (user.name,))
```

## Use instead
```js
const { Pool } = require('pg');
const pool = new Pool();

async function saveAll(users) {
  await pool.query('INSERT INTO users (name) SELECT unnest($1::text[])', [users.map((u) => u.name)]);
}
```

```python
import psycopg2

def save_all(cur, users):
    cur.executemany("INSERT INTO users (name) VALUES (%s)", [(u.name,) for u in users])
```

## Known problems
When pglint cannot tell whether a loop's items are rows, it stays silent
only in the cases above and reports the rest. So a small loop over a
collection that is fixed but not visibly so (read from a configuration file
into a local, passed in from another module, a module constant grown by
`append`) is reported; so are a periodic `for` loop, or one that pauses
inside a helper of its own (`tick()` that sleeps); a statement that must run
per item without its own error handling; and a loop over chunks whose SQL
text is written out in the loop (`unnest($1::int[])` on
`rows.slice(i, i + size)`). Callers are followed only within one Python
module (a parameter filled with constants from another module, or in
JavaScript, is not known to be fixed). `asyncio.gather` over a comprehension
is reported as a loop: on one connection its statements run one at a time
anyway. A `while` loop that pauses only to rate-limit row-by-row writes is not
reported, and a read per element of `self.x` is not reported even when the
object holds rows there.

## Differences from eslint-plugin-pg
None on the plugin's corpus for `no-batch-insert-loop`: a concurrent
`Promise.all(xs.map(…))` fan-out is not reported and a sequential promise
`reduce` is, as in the plugin. pglint is narrower on purpose where real code
showed a loop that a batch would not fix — catalog reads, session commands,
a table named by the item, benchmark loops, a read per configured item — and
wider in reporting Python loops and comprehensions:

```js
// the plugin reports this; pglint does not: one REINDEX step per schema needs its own search_path
for (const schema of schemas) {
  await client.query('SET search_path = $1', [schema]);
  await client.query('REINDEX TABLE items');
}
```

## References
- [CWE-400: Uncontrolled Resource Consumption](https://cwe.mitre.org/data/definitions/400.html)
- [psycopg2: Fast execution helpers](https://www.psycopg.org/docs/extras.html#fast-execution-helpers)
'''

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

import re

from ..analysis.sql import (hole_positions, is_write, limited_batch_write, parseable_text, per_row_statement,
                            reads_only_catalog)
from ..diagnostics import Diagnostic
from ..ir.cfg import EdgeKind, Ev, FunctionCFG, Node
from .base import Rule, RuleMeta

if TYPE_CHECKING:
    from ..analysis.context import FileContext
    from ..ir.cfg import Span
    from ..ir.query import QuerySite

_BATCH_METHODS = ("executemany", "copy_records_to_table", "copy_to_table", "copy_expert", "copy",
                  "execute_values", "execute_batch")
_PER_ROW_LOOPS = ("for", "for-of", "for-in", "forEach", "map", "reduce", "comprehension")
_CONDITION_LOOPS = ("while", "do")
# what a periodic loop waits with between rounds: time.sleep, asyncio.sleep, a stop event's
# wait(timeout), setTimeout (a promise around it), delay()
_PAUSES = frozenset({"sleep", "wait", "settimeout", "delay"})
# the clocks a benchmark reads to time one statement: process.hrtime(), performance.now(),
# time.perf_counter()
_BENCH_CLOCKS = frozenset({"hrtime", "hrtime.bigint", "performance.now", "perf_counter", "perf_counter_ns"})


class NoBatchInsertLoop(Rule):
    meta = RuleMeta(
        code="PG403",
        name="no-batch-insert-loop",
        severity="warning",
        summary="a query per loop iteration where a batch (executemany, execute_values, COPY, unnest) would do",
        fix="Send the rows in one statement: executemany / execute_values / COPY (Python), unnest($1::type[]) or a multi-row VALUES (JS)",
        cwe="CWE-400",
        kind="pattern",
    )
    options = {"in-tests": (bool, False,
                             "Report in test files too. By default the rule is silent in the files the "
                             "`test-files` setting names (test modules, `tests/` folders, `*.test.ts` …): "
                             "tests insert a handful of fixture rows one by one.")}

    def check(self, ctx: "FileContext") -> Iterable[Diagnostic]:
        pauses: list[Span] | None = None
        calls: dict[tuple[int, int], list[tuple[FunctionCFG, Node]]] | None = None
        clocks: list[Span] | None = None
        for q in ctx.lowered.queries:
            if q.loop is None or q.loop_paginates or q.method in _BATCH_METHODS or q.sql is None or q.fragment \
                    or q.loop_kind == "fan-out":  # Promise.all over a map: concurrent, not one after the other
                continue
            if q.sql.form == "unknown":  # text not seen (built elsewhere): a row or a chunk of rows?
                continue
            loop = q.loop
            if q.loop_kind in _CONDITION_LOOPS:
                if pauses is None:
                    pauses = _pause_calls(ctx)
                if any(loop.contains(span) for span in pauses):
                    continue  # a periodic loop (heartbeat, poller): one round per interval, not per row
            if calls is None:
                calls = _call_nodes(ctx)
            if any(_caught_per_item(fn, node) for fn, node in calls.get((q.span.line, q.span.column), ())):
                continue  # the loop catches this query's failure and goes on: per-item error handling
            if clocks is None:
                clocks = _clock_calls(ctx)
            if any(loop.contains(span) for span in clocks):
                continue  # a loop that times each statement: a latency benchmark, one at a time on purpose
            if _names_per_item(q):
                continue  # the table (schema, column) is the loop's own item: one statement cannot do them all
            text = parseable_text(q.sql, q.style)
            write = is_write(text)
            if write and limited_batch_write(text):
                continue  # `INSERT … SELECT … LIMIT n` until none is left: a chunk per round, the batching itself
            if write:
                message = f"Write query inside a {q.loop_kind or 'loop'} loop: one round trip per row"
            elif write is False and q.params is not None and q.loop_kind in _PER_ROW_LOOPS \
                    and per_row_statement(text) and not reads_only_catalog(text) and q.loop_over != "attribute":
                message = f"Query per row inside a {q.loop_kind} loop (N+1 queries)"
            else:
                continue
            yield self.diagnostic(ctx, q.span, message, function=q.function)


def _pause_calls(ctx: "FileContext") -> "list[Span]":
    """Where the file calls something that waits (``asyncio.sleep``, ``stop.wait``, ``setTimeout`` …),
    in any function — a promise's callback inside a loop included."""
    out: list[Span] = []
    for fn in ctx.lowered.functions:
        for node in fn.nodes:
            if node.kind is Ev.CALL and node.span is not None \
                    and node.label.rsplit(".", 1)[-1].lower() in _PAUSES:
                out.append(node.span)
    return out


def _clock_calls(ctx: "FileContext") -> "list[Span]":
    """Where the file reads a benchmark's clock (``process.hrtime()``, ``performance.now()``,
    ``time.perf_counter()``), in any function."""
    out: list[Span] = []
    for fn in ctx.lowered.functions:
        for node in fn.nodes:
            if node.kind is Ev.CALL and node.span is not None:
                label = node.label.lower()
                if label.rsplit(".", 1)[-1] in _BENCH_CLOCKS or any(label.endswith(c) for c in _BENCH_CLOCKS):
                    out.append(node.span)
    return out


def _names_per_item(q: "QuerySite") -> bool:
    """The SQL text names a table, schema or column taken from the loop's own variable
    (``sql.Identifier(table)``, ``f"DELETE FROM {table}"`` in ``for table in …``): each round is a
    different statement, which no multi-row ``VALUES``/``executemany``/``unnest`` can merge."""
    if not q.loop_names or q.sql is None:
        return False
    words = re.compile(r"\b(?:" + "|".join(re.escape(n) for n in q.loop_names) + r")\b")
    positions = hole_positions(q.sql, q.style)
    for i, part in enumerate(q.sql.parts):
        if isinstance(part, str):
            continue
        named = part.kind == "identifier" or part.position == "identifier" or positions.get(i) == "identifier"
        if named and words.search(part.source):
            return True
    return False


def _call_nodes(ctx: "FileContext") -> dict[tuple[int, int], list[tuple[FunctionCFG, Node]]]:
    """The graph nodes of calls (queries on a tracked resource are ``use`` nodes), by position."""
    out: dict[tuple[int, int], list[tuple[FunctionCFG, Node]]] = {}
    for fn in ctx.lowered.functions:
        for node in fn.nodes:
            if node.kind in (Ev.CALL, Ev.USE) and node.span is not None:
                out.setdefault((node.span.line, node.span.column), []).append((fn, node))
    return out


def _caught_per_item(fn: FunctionCFG, query: Node) -> bool:
    """Whether a failure of ``query`` is caught and the query can run again without leaving the
    function: a try/except (try/catch) around it inside the loop, whose handler lets the loop go
    on to the next item — one statement per item by design, which one batch would change."""
    starts = [e.target for e in query.succ if e.kind is EdgeKind.EXCEPTION]
    seen: set[int] = set()
    stack = list(starts)
    while stack:
        i = stack.pop()
        if i in seen or i in (fn.exit, fn.raise_exit):
            continue
        seen.add(i)
        if i == query.id:
            return True
        stack.extend(e.target for e in fn.successors(i) if e.kind is not EdgeKind.EXCEPTION)
    return False
