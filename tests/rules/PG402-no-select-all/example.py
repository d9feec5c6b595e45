"""PG402 no-select-all — Python cases.

``SELECT *`` / ``SELECT t.*`` found by PostgreSQL's parser, in subqueries and
CTEs too, through constants and partly known text; ``count(*)``,
``RETURNING *``, multiplication and stars inside strings or comments are not.
"""

import json

import aiopg
import asyncpg
import psycopg
import psycopg2
from psycopg import sql
from fastapi import FastAPI

app = FastAPI()

ALL_USERS = "SELECT * FROM users"


def list_users(cur):
    # ruleid: no-select-all
    cur.execute("SELECT * FROM users")
    return cur.fetchall()


def qualified_star(conn: psycopg2.extensions.connection):
    cur = conn.cursor()
    # ruleid: no-select-all
    cur.execute("SELECT u.*, o.total FROM users u JOIN orders o ON o.user_id = u.id")


def in_a_subquery(conn: psycopg.Connection):
    # ruleid: no-select-all
    conn.execute("SELECT id FROM (SELECT * FROM users WHERE active) AS a")


async def in_a_cte(conn: asyncpg.Connection):
    # ruleid: no-select-all
    await conn.fetch("WITH recent AS (SELECT * FROM orders WHERE created > now() - interval '1 day') SELECT id FROM recent")


async def through_a_constant(pool: asyncpg.Pool):
    # ruleid: no-select-all
    await pool.fetch(ALL_USERS)


async def aiopg_cursor(pool: aiopg.Pool, user_id):
    async with pool.cursor() as cur:
        # ruleid: no-select-all
        await cur.execute("SELECT * FROM users WHERE id = %s", (user_id,))


def partly_known(cur, table):
    # ruleid: no-select-all
    cur.execute("SELECT * FROM " + table)


def composed(conn: psycopg.Connection, table):
    # ruleid: no-select-all
    conn.execute(sql.SQL("SELECT * FROM {}").format(sql.Identifier(table)))


def multi_line(cur):
    query = """
        SELECT *
          FROM users
         WHERE active
    """
    # ruleid: no-select-all
    cur.execute(query)


def columns_listed(cur):
    # ok: no-select-all
    cur.execute("SELECT id, name FROM users")


def count_star(conn: psycopg.Connection):
    # ok: no-select-all
    conn.execute("SELECT count(*) FROM users")


async def returning_star(conn: asyncpg.Connection, name):
    # ok: no-select-all
    await conn.fetchrow("INSERT INTO users (name) VALUES ($1) RETURNING *", name)


def multiplication(cur):
    # ok: no-select-all
    cur.execute("SELECT price * quantity AS total FROM order_lines")


def star_in_a_string(cur):
    # ok: no-select-all
    cur.execute("SELECT id FROM notes WHERE body LIKE '%SELECT * FROM%'")


def star_in_a_comment(cur):
    # ok: no-select-all
    cur.execute("/* SELECT * FROM users */ SELECT id FROM users")


def unknown_text(cur, query):
    # ok: no-select-all
    cur.execute(query)


async def star_in_dollar_quotes(conn: asyncpg.Connection):
    # ok: no-select-all
    await conn.execute("DO $$ BEGIN PERFORM 1; END $$ -- SELECT * FROM x")


def mogrify_is_not_a_query(cur):
    # ok: no-select-all
    text = cur.mogrify("SELECT * FROM users")
    return text


# The FROM item fixes the columns: a set-returning function, a subquery, VALUES, a CTE.
def derived_columns(cur, username, password):
    # ok: no-select-all -- the function's result row
    cur.execute("SELECT * FROM app_private.login(%s, %s)", (username, password))
    # ok: no-select-all
    cur.execute("SELECT * FROM unnest(current_schemas(true))")
    # ok: no-select-all -- the subquery lists its columns
    cur.execute("SELECT *, t.ok + t.failed AS total FROM (SELECT command, count(*) AS ok, 0 AS failed "
                "FROM commands GROUP BY command) AS t")
    # ok: no-select-all -- the CTE lists its columns
    cur.execute("WITH r AS (SELECT id, title FROM releases) SELECT r.* FROM r")
    # ok: no-select-all -- EXISTS reads no column
    cur.execute("SELECT id FROM users u WHERE EXISTS (SELECT * FROM bans b WHERE b.user_id = u.id)")
    # ok: no-select-all
    cur.execute("SELECT * FROM (VALUES (1, 'a'), (2, 'b')) AS v(id, name)")
    # ok: no-select-all -- a system catalog: its columns change with PostgreSQL, not with the application
    cur.execute("SELECT * FROM pg_replication_slots WHERE slot_name = %s", ("stitch",))
    # ok: no-select-all
    cur.execute("SELECT * FROM pg_catalog.pg_stat_archiver")
    # ruleid: no-select-all -- a table beside the function
    cur.execute("SELECT * FROM users, unnest(%s::int[]) AS i", ([1, 2],))
    # ruleid: no-select-all -- the star inside the CTE reads the table
    cur.execute("WITH r AS (SELECT * FROM releases) SELECT id FROM r")


# How the rows are read decides: every column wanted on purpose, or none read, is not reported.
class Reminder:
    def __init__(self, *, record):
        self.id = record["id"]


class Timers:
    async def next_timer(self, pool: asyncpg.Pool):
        # ok: no-select-all -- the whole row is mapped into a model object
        record = await pool.fetchrow("SELECT * FROM reminders ORDER BY expires LIMIT 1")
        return Reminder(record=record) if record else None

    async def all_for(self, pool: asyncpg.Pool, owner):
        # ok: no-select-all -- each row built into a model with from_record
        return [Reminder.from_record(r) for r in await pool.fetch("SELECT * FROM reminders WHERE owner = $1", owner)]

    async def show(self, pool: asyncpg.Pool, ident):
        # ruleid: no-select-all -- only name and uses are read (through a method of this class)
        record = await pool.fetchrow("SELECT * FROM tags WHERE id = $1", ident)
        if record is None:
            return None
        return self.describe(record)

    def describe(self, record):
        return f"{record['name']} ({record['uses']} uses)"


async def facts(conn: psycopg.AsyncConnection):
    async with conn.cursor() as cur:
        # ok: no-select-all -- validated whole into a model with **row
        await cur.execute("SELECT * FROM facts ORDER BY id")
        return [Fact(**row) for row in await cur.fetchall()]


def jobs_endpoint(conn: psycopg.Connection):
    cur = conn.cursor()
    # ok: no-select-all -- the rows are the API's JSON response
    cur.execute("SELECT * FROM jobs ORDER BY created_at DESC LIMIT 100")
    rows = cur.fetchall()
    if not rows:
        return "[]"
    return json.dumps([dict(r) for r in rows])


@app.get("/status")
async def status(pool: asyncpg.Pool):
    # ok: no-select-all -- returned by a web route: the rows are the response, every column on purpose
    return await pool.fetch("SELECT * FROM job_status")


def sample_rows(conn: psycopg.Connection):
    cur = conn.cursor()
    # ok: no-select-all -- every value of every row is written out
    cur.execute("SELECT * FROM items LIMIT 3")
    return "\n".join(", ".join(repr(v) for v in row) for row in cur.fetchall())


def schema_is_current(cur: psycopg2.extensions.cursor):
    # ok: no-select-all -- only the column names are read (cursor.description)
    cur.execute("SELECT * FROM schema_version LIMIT 1")
    return [d[0] for d in cur.description] == ["version", "applied_at"]


async def is_banned(pool: asyncpg.Pool, user_id):
    # ok: no-select-all -- only tested for existence
    row = await pool.fetchrow("SELECT * FROM bans WHERE user_id = $1 LIMIT 1", user_id)
    return row is not None


async def get_user(pool: asyncpg.Pool, user_id):
    # ruleid: no-select-all -- returned as it is: nothing tells that every column is wanted
    return await pool.fetchrow("SELECT * FROM users WHERE id = $1", user_id)


async def user_label(pool: asyncpg.Pool, user_id):
    # ruleid: no-select-all -- only name and email are read
    row = await pool.fetchrow("SELECT * FROM users WHERE id = $1", user_id)
    return f"{row['name']} <{row['email']}>"


def ingest(conn: psycopg.Connection, partition):
    cur = conn.cursor()
    cur.execute("CREATE TEMP TABLE items_ingest (LIKE items INCLUDING DEFAULTS) ON COMMIT DROP")
    # ok: no-select-all -- the temporary table was made with the target's columns, by this code
    cur.execute(sql.SQL("INSERT INTO {} SELECT * FROM items_ingest ON CONFLICT DO NOTHING").format(sql.Identifier(partition)))
    # ruleid: no-select-all -- an application table copied into another: they can diverge
    cur.execute("INSERT INTO orders_archive SELECT * FROM orders WHERE placed < now() - interval '1 year'")


def export_sample(conn: psycopg.Connection, out):
    cur = conn.cursor()
    # ok: no-select-all -- COPY … TO exports the rows as data
    with cur.copy("COPY (SELECT * FROM items LIMIT 3) TO STDOUT WITH (FORMAT csv, HEADER true)") as copy:
        for data in copy:
            out.write(data)
