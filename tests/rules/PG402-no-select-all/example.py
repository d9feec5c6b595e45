"""PG402 no-select-all — Python cases.

``SELECT *`` / ``SELECT t.*`` found by PostgreSQL's parser, in subqueries and
CTEs too, through constants and partly known text; ``count(*)``,
``RETURNING *``, multiplication and stars inside strings or comments are not.
"""

import aiopg
import asyncpg
import psycopg
import psycopg2
from psycopg import sql

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
