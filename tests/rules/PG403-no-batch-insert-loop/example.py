"""PG403 no-batch-insert-loop — Python cases.

A write (or a per-row read with parameters) run once per iteration of a
``for``/``while`` loop or a comprehension, on every iteration. Batch APIs
(``executemany``, ``execute_values``, ``copy``), pagination loops that advance
from the previous result, retry loops that stop after the query, loops that
only build SQL text, fixed literal loops and helpers that are not queries are
fine.
"""

import asyncio

import aiopg
import asyncpg
import psycopg
import psycopg2
import time
from psycopg2 import sql
from psycopg2.extras import execute_values

INSERT = "INSERT INTO events (kind, payload) VALUES (%s, %s)"


def save_all(cur, users):
    for user in users:
        # ruleid: no-batch-insert-loop
        cur.execute("INSERT INTO users (name) VALUES (%s)", (user.name,))


def update_each(conn: psycopg2.extensions.connection, prices):
    cur = conn.cursor()
    for item_id, price in prices.items():
        # ruleid: no-batch-insert-loop
        cur.execute("UPDATE items SET price = %s WHERE id = %s", (price, item_id))


def psycopg3_delete_each(conn: psycopg.Connection, ids):
    for i in ids:
        # ruleid: no-batch-insert-loop
        conn.execute("DELETE FROM sessions WHERE id = %s", (i,))


async def asyncpg_insert_each(pool: asyncpg.Pool, rows):
    async with pool.acquire() as conn:
        for row in rows:
            # ruleid: no-batch-insert-loop
            await conn.execute("INSERT INTO t (a, b) VALUES ($1, $2)", row.a, row.b)


async def n_plus_one_reads(conn: asyncpg.Connection, orders):
    for order in orders:
        # ruleid: no-batch-insert-loop
        order.user = await conn.fetchrow("SELECT name FROM users WHERE id = $1", order.user_id)


async def aiopg_async_for(pool: aiopg.Pool, source):
    async with pool.cursor() as cur:
        async for event in source:
            # ruleid: no-batch-insert-loop
            await cur.execute(INSERT, (event.kind, event.payload))


async def comprehension(conn: asyncpg.Connection, names):
    # ruleid: no-batch-insert-loop
    await asyncio.gather(*[conn.execute("INSERT INTO tags (name) VALUES ($1)", n) for n in names])


def while_queue(cur, queue):
    while not queue.empty():
        item = queue.get()
        # ruleid: no-batch-insert-loop
        cur.execute("INSERT INTO jobs (payload) VALUES (%s)", (item,))


def executemany_batch(cur, users):
    # ok: no-batch-insert-loop
    cur.executemany("INSERT INTO users (name) VALUES (%s)", [(u.name,) for u in users])


def execute_values_batch(cur, users):
    # ok: no-batch-insert-loop
    execute_values(cur, "INSERT INTO users (name) VALUES %s", [(u.name,) for u in users])


def copy_batch(conn: psycopg.Connection, rows):
    with conn.cursor() as cur:
        # ok: no-batch-insert-loop
        with cur.copy("COPY users (name) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)


async def keyset_pagination(conn: asyncpg.Connection):
    last_id = 0
    while True:
        # ok: no-batch-insert-loop
        rows = await conn.fetch("SELECT id FROM events WHERE id > $1 ORDER BY id LIMIT 100", last_id)
        if not rows:
            break
        last_id = rows[-1]["id"]


def batched_delete(cur):
    while True:
        # ok: no-batch-insert-loop
        cur.execute("DELETE FROM logs WHERE id IN (SELECT id FROM logs WHERE old LIMIT 1000)")
        if cur.rowcount == 0:
            break


def fetch_until_empty(cur):
    offset = 0
    rows = [None]
    while rows:
        # ok: no-batch-insert-loop
        cur.execute("SELECT id FROM t ORDER BY id LIMIT 100 OFFSET %s", (offset,))
        rows = cur.fetchall()
        offset += len(rows)


def retry_loop(cur, row):
    for attempt in range(3):
        try:
            # ok: no-batch-insert-loop
            cur.execute("INSERT INTO t (a) VALUES (%s)", (row,))
            break
        except psycopg2.OperationalError:
            continue


def only_builds_text(cur, rows):
    values = []
    for row in rows:
        # ok: no-batch-insert-loop
        values.append(cur.mogrify("(%s, %s)", (row.a, row.b)).decode())
    cur.execute("INSERT INTO t (a, b) VALUES " + ",".join(values))


def fixed_literal_loop(cur):
    for table in ("a", "b", "c"):
        # ok: no-batch-insert-loop
        cur.execute(f"TRUNCATE {table}")


def helper_that_is_not_a_query(cur, rows):
    for row in rows:
        # ok: no-batch-insert-loop
        validate(row)
    cur.executemany("INSERT INTO t (a) VALUES (%s)", rows)


def conditional_write(cur, rows):
    for row in rows:
        if row.changed:
            # ok: no-batch-insert-loop
            cur.execute("UPDATE t SET a = %s WHERE id = %s", (row.a, row.id))


def read_without_params_in_loop(cur, n):
    for _ in range(n):
        # ok: no-batch-insert-loop
        cur.execute("SELECT pg_sleep(1)")


def validate(row):
    return row is not None


# A loop over chunks that sends one multi-row INSERT per chunk is already a batch: its SQL is
# built by a helper, so pglint cannot see one row per query.
def build_insert(chunk):
    values = ", ".join("(%s, %s)" for _ in chunk)
    return "INSERT INTO docs (id, body) VALUES " + values


def insert_chunks(cur, rows, chunk_size=500):
    for i in range(0, len(rows), chunk_size):
        chunk = rows[i:i + chunk_size]
        # ok: no-batch-insert-loop
        cur.execute(build_insert(chunk), [v for row in chunk for v in row])


# A periodic loop (a heartbeat, a poller) runs one round per interval, not one per row.
async def heartbeat(conn: psycopg.AsyncConnection, worker_id, stop: asyncio.Event):
    while not stop.is_set():
        # ok: no-batch-insert-loop
        await conn.execute("UPDATE workers SET seen = now() WHERE id = %s", (worker_id,))
        await asyncio.sleep(10)


def reaper(conn: psycopg2.extensions.connection, stop):
    cur = conn.cursor()
    while not stop.wait(60):
        # ok: no-batch-insert-loop
        cur.execute("DELETE FROM sessions WHERE expires < now()")


def drain(conn: psycopg2.extensions.connection, queue):
    cur = conn.cursor()
    while queue:
        job = queue.pop()
        # ruleid: no-batch-insert-loop -- no pause: one round trip per queued row
        cur.execute("INSERT INTO jobs (payload) VALUES (%s)", (job,))


# A statement per item by design: the loop catches each item's failure and goes on, so one
# bad item does not stop the others (a batch would).
def create_slots(conn: psycopg2.extensions.connection, slots):
    cur = conn.cursor()
    for name, plugin in slots.items():
        try:
            # ok: no-batch-insert-loop
            cur.execute("SELECT pg_create_logical_replication_slot(%s, %s)", (name, plugin))
        except psycopg2.Error:
            print("cannot create slot", name)


def insert_rows_one_by_one(conn: psycopg2.extensions.connection, rows):
    cur = conn.cursor()
    for row in rows:
        try:
            # ok: no-batch-insert-loop -- the row-by-row fallback that isolates bad rows
            cur.execute("INSERT INTO t (a, b) VALUES (%s, %s)", row)
        except psycopg2.DataError:
            conn.rollback()
            continue


def insert_or_stop(conn: psycopg2.extensions.connection, rows):
    cur = conn.cursor()
    try:
        for row in rows:
            # ruleid: no-batch-insert-loop -- the first failure ends the loop: nothing per item
            cur.execute("INSERT INTO t (a) VALUES (%s)", (row,))
    except psycopg2.Error:
        conn.rollback()


def reraise_each(conn: psycopg2.extensions.connection, rows):
    cur = conn.cursor()
    for row in rows:
        try:
            # ruleid: no-batch-insert-loop -- the handler raises again: a failure ends the loop
            cur.execute("INSERT INTO t (a) VALUES (%s)", (row,))
        except psycopg2.Error:
            print("failed", row)
            raise


FORMATS = ((1, "CD"), (2, "Vinyl"), (3, "Digital"))
KINDS = ["album", "single"]
KINDS.append("ep")  # grown at run time: not a fixed handful
SCHEMAS = ("public", "audit")


def fill_sorts(conn: psycopg2.extensions.connection):
    cur = conn.cursor()
    for sort, (format_id, _) in enumerate(FORMATS, 1):
        # ok: no-batch-insert-loop -- three iterations, all written in the module
        cur.execute("INSERT INTO format_sort (format, sort) VALUES (%s, %s)", (format_id, sort))


def fill_kinds(conn: psycopg2.extensions.connection):
    cur = conn.cursor()
    for kind in KINDS:
        # ruleid: no-batch-insert-loop -- KINDS grows at run time
        cur.execute("INSERT INTO kinds (name) VALUES (%s)", (kind,))


def fill_levels(conn: psycopg2.extensions.connection):
    cur = conn.cursor()
    for name, level in {"low": 1, "high": 2}.items():
        # ok: no-batch-insert-loop -- a dict literal in the header
        cur.execute("INSERT INTO levels (name, level) VALUES (%s, %s)", (name, level))


def copy_schemas(conn: psycopg2.extensions.connection, SCHEMAS):
    cur = conn.cursor()
    for schema in SCHEMAS:
        # ruleid: no-batch-insert-loop -- the parameter shadows the module constant
        cur.execute("INSERT INTO copied (schema) VALUES (%s)", (schema,))


def per_schema_rows(conn: psycopg2.extensions.connection, rows):
    cur = conn.cursor()
    for schema in ("public", "audit"):
        for row in rows:
            # ruleid: no-batch-insert-loop -- the inner loop is over rows
            cur.execute("INSERT INTO t (schema, a) VALUES (%s, %s)", (schema, row))


# -- what the loop iterates and what the statement is (issue 11) ----------------------------------

def column_types(conn: psycopg2.extensions.connection, columns):
    cur = conn.cursor()
    for column in columns:
        # ok: no-batch-insert-loop -- a read of the system catalogs: one per schema object, not per row
        cur.execute("SELECT t.typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace "
                    "WHERE t.oid = %s", (column.type_oid,))


def schema_tables(conn: psycopg2.extensions.connection, schemas):
    cur = conn.cursor()
    for schema in schemas:
        # ok: no-batch-insert-loop -- information_schema is a catalog too
        cur.execute("SELECT table_name FROM information_schema.tables WHERE table_schema = %s", (schema,))


def rebuild_indexes(conn: psycopg2.extensions.connection, loads):
    cur = conn.cursor()
    for load in loads:
        # ok: no-batch-insert-loop -- a session command each step needs first, not a row
        cur.execute("SET search_path = %s", (load.schema,))
        cur.execute("REINDEX TABLE items")


def clean_log_tables(conn: psycopg2.extensions.connection, log_tables, batch_id):
    cur = conn.cursor()
    for log_table in log_tables:
        # ok: no-batch-insert-loop -- each round names another table: no one statement does them all
        cur.execute(sql.SQL("DELETE FROM logs.{} WHERE batch_id = %s").format(sql.Identifier(log_table[0])),
                    (batch_id,))


def save_vectors(conn: psycopg2.extensions.connection, table, batch):
    cur = conn.cursor()
    for row in batch:
        # ruleid: no-batch-insert-loop -- the table is the same in every round: executemany would do
        cur.execute(sql.SQL("UPDATE {} SET v = %s WHERE id = %s").format(sql.Identifier(table)),
                    (row.vector, row.id))


class Replica:
    def __init__(self, conn: psycopg2.extensions.connection, sources, pending):
        self.cur = conn.cursor()
        self.sources = sources
        self.pending = pending

    def check_sources(self):
        for source in self.sources:
            # ok: no-batch-insert-loop -- a read per configured source of the object, not per data row
            self.cur.execute("SELECT count(*) FROM replica_log WHERE source = %s", (source,))

    def flush(self):
        for row in self.pending:
            # ruleid: no-batch-insert-loop -- a write per buffered row is still one round trip per row
            self.cur.execute("INSERT INTO replica_log (source, payload) VALUES (%s, %s)", row)


def lines_per_order(conn: psycopg2.extensions.connection):
    cur = conn.cursor()
    cur.execute("SELECT id FROM orders WHERE open")
    for (order_id,) in cur.fetchall():
        # ruleid: no-batch-insert-loop -- a data read per row of a previous query: the N+1
        cur.execute("SELECT sku FROM order_lines WHERE order_id = %s", (order_id,))


def latency(conn: psycopg2.extensions.connection, samples):
    cur = conn.cursor()
    for i in range(samples):
        started = time.perf_counter()
        # ok: no-batch-insert-loop -- a benchmark times each statement: one at a time on purpose
        cur.execute("INSERT INTO pings (n) VALUES (%s)", (i,))
        print(time.perf_counter() - started)


PRIMARY_SORTS = [(1, "Album"), (2, "Single")]
SECONDARY_SORTS = [(1, "Live"), (2, "Remix"), (3, "Demo")]


def combined_sorts():
    combined = []
    for p_id, _ in PRIMARY_SORTS:
        for s_id, _ in SECONDARY_SORTS:
            combined.append((p_id, s_id))
    combined.sort()
    return combined


def insert_sorts(cur, sorts):
    for sort_id, _ in sorts:
        # ok: no-batch-insert-loop -- every call in this module passes a constant list
        cur.execute("INSERT INTO sorts (id) VALUES (%s)", (sort_id,))


def fill_sorts(conn: psycopg2.extensions.connection):
    cur = conn.cursor()
    insert_sorts(cur, PRIMARY_SORTS)
    insert_sorts(cur, SECONDARY_SORTS)
    for p_id, s_id in combined_sorts():
        # ok: no-batch-insert-loop -- a function of this module builds the list from constants alone
        cur.execute("INSERT INTO combined (p, s) VALUES (%s, %s)", (p_id, s_id))


def insert_some(cur, things):
    for thing in things:
        # ruleid: no-batch-insert-loop -- one caller passes rows it was given
        cur.execute("INSERT INTO things (t) VALUES (%s)", (thing,))


def fill_things(conn: psycopg2.extensions.connection, rows):
    cur = conn.cursor()
    insert_some(cur, PRIMARY_SORTS)
    insert_some(cur, rows)
