"""PG202 check-query-params — Python cases.

psycopg (2 and 3, and aiopg) count ``%s`` / ``%(name)s`` over the whole text,
strings and comments included, and need ``%%`` for a literal percent once
parameters are passed; asyncpg uses ``$n``, read with PostgreSQL's lexer (a
``$1`` inside a string, comment or dollar-quoted body is not a parameter).
psycopg 3 binds parameters on the server, which refuses them in DDL and SET.
"""

import aiopg
import asyncpg
import psycopg
import psycopg2
from psycopg import sql

DDL_DEFAULT = "CREATE TABLE settings (name text, value int DEFAULT %s)"


def search(cur, limit):
    # ruleid: check-query-params
    cur.execute("SELECT id FROM users WHERE name LIKE 'a%' LIMIT %s", (limit,))


def too_few_values(conn: psycopg2.extensions.connection, a):
    cur = conn.cursor()
    # ruleid: check-query-params
    cur.execute("SELECT id FROM t WHERE a = %s AND b = %s", (a,))


def missing_name(conn: psycopg.Connection, user_id):
    # ruleid: check-query-params
    conn.execute("SELECT id FROM t WHERE owner = %(owner)s AND id = %(id)s", {"id": user_id})


async def asyncpg_highest_index(conn: asyncpg.Connection, name):
    # ruleid: check-query-params
    await conn.execute("UPDATE users SET name = $2 WHERE id = $1", name)


async def asyncpg_gap(conn: asyncpg.Connection, a, b, c):
    # ruleid: check-query-params
    await conn.fetch("SELECT * FROM t WHERE a = $1 AND c = $3", a, b, c)


async def asyncpg_with_psycopg_placeholders(pool: asyncpg.Pool, user_id):
    # ruleid: check-query-params
    await pool.fetchrow("SELECT name FROM users WHERE id = %s", user_id)


def dollar_in_psycopg(conn: psycopg.Connection, user_id):
    # ruleid: check-query-params
    conn.execute("SELECT name FROM users WHERE id = $1", (user_id,))


def params_in_ddl_under_psycopg3(conn: psycopg.Connection):
    # ruleid: check-query-params
    conn.execute(DDL_DEFAULT, (10,))


def params_in_set_under_psycopg3(conn: psycopg.Connection, timeout):
    with conn.cursor() as cur:
        # ruleid: check-query-params
        cur.execute("SET statement_timeout = %s", (timeout,))


def scalar_instead_of_tuple(cur, name):
    # ruleid: check-query-params
    cur.execute("SELECT id FROM users WHERE name = %s", ("alice"))


def count_through_a_variable(cur, a, b, c):
    params = (a, b, c)
    # ruleid: check-query-params
    cur.execute("INSERT INTO t (a, b) VALUES (%s, %s)", params)


async def aiopg_percent_d(pool: aiopg.Pool, n):
    async with pool.cursor() as cur:
        # ruleid: check-query-params
        await cur.execute("SELECT id FROM t LIMIT %d", (n,))


async def asyncpg_no_values(conn: asyncpg.Connection):
    # ruleid: check-query-params
    await conn.fetch("SELECT id FROM t WHERE a = $1")


def doubled_percent(cur, limit):
    # ok: check-query-params
    cur.execute("SELECT id FROM users WHERE name LIKE 'a%%' LIMIT %s", (limit,))


def percent_without_params(cur):
    # ok: check-query-params
    cur.execute("SELECT id FROM users WHERE name LIKE 'a%'")


async def dollar_in_string_comment_and_body(conn: asyncpg.Connection, x):
    # ok: check-query-params
    await conn.execute("SELECT '$2', $1::int -- $3\n", x)
    # ok: check-query-params
    await conn.execute("DO $$ BEGIN RAISE NOTICE '$1 %', 1; END $$")


async def two_digit_and_repeated(conn: asyncpg.Connection, *v):
    # ok: check-query-params
    await conn.fetch("SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $1", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10)


def all_names_given(conn: psycopg.Connection, owner, user_id):
    # ok: check-query-params
    conn.execute("SELECT id FROM t WHERE owner = %(owner)s AND id = %(id)s", {"owner": owner, "id": user_id})


def dml_under_psycopg3(conn: psycopg.Connection, n):
    # ok: check-query-params
    conn.execute("UPDATE settings SET value = %s WHERE name = 'limit'", (n,))


def ddl_with_a_literal(conn: psycopg.Connection, n):
    # ok: check-query-params
    conn.execute(sql.SQL("ALTER TABLE settings ALTER value SET DEFAULT {}").format(sql.Literal(n)))


def unknown_params(cur, values):
    # ok: check-query-params
    cur.execute("INSERT INTO t (a, b) VALUES (%s, %s)", values)


def many_rows(cur, rows):
    # ok: check-query-params
    cur.executemany("INSERT INTO t (a, b) VALUES (%s, %s)", rows)


def partly_known_text(cur, where, a):
    # ok: check-query-params
    cur.execute("SELECT id FROM t WHERE " + where, (a,))


def list_params(cur, a, b):
    # ok: check-query-params
    cur.execute("SELECT %s, %s", [a, b])


def placeholder_list_for_in(cur, ids):
    marks = ",".join(["%s"] * len(ids))
    # ok: check-query-params
    cur.execute(f"SELECT name FROM users WHERE id IN ({marks})", tuple(ids))


def call_statement(conn: psycopg.Connection, job_id):
    # ok: check-query-params -- CALL's arguments are parse-analysed: server-side binding takes them
    conn.execute("CALL public.run_job(%s)", (job_id,))
    # ok: check-query-params
    conn.execute("CALL p(null, jsonb_build_object('k', %s))", (job_id,))
    # ruleid: check-query-params -- SET still cannot take a bind parameter
    conn.execute("SET TimeZone TO %s", (job_id,))


class Command:
    """A project class with its own ``execute``: not a cursor."""

    def __init__(self, name):
        self.name = name

    def execute(self, template, *args):
        return template.format(*args)


def project_command(uri):
    command = Command("shell")
    # ok: check-query-params -- `command` is an instance of a class of this module, not a driver object
    command.execute("SELECT %s, %s", (uri,))


def annotated_command(command: Command, uri):
    # ok: check-query-params -- annotated with a class of this module
    command.execute("SELECT %s, %s", (uri,))


def unknown_receiver_still_checked(cur, uri):
    # ruleid: check-query-params -- a parameter with no contrary evidence can be a cursor
    cur.execute("SELECT %s, %s", (uri,))
