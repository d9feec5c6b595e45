"""PG201 no-unsafe-query — Python cases.

Values spliced into SQL text by f-strings, ``+``, ``+=``, ``%`` and
``.format`` are reported where the non-constant value enters the text. Holes
that are constants, numbers (``int(x)``, ``%d``, ``{:d}``), lookups in a
constant mapping, loop variables over constants, ``sql.Identifier`` /
``sql.Literal`` or ``%s`` placeholders built with ``join`` are fine, and so is
a query whose text pglint cannot see at all (a parameter).
"""

import aiopg
import asyncpg
import psycopg
import psycopg2
import psycopg_pool
from psycopg import sql

TABLE = "users"
ORDER_BY = {"name": "name", "newest": "created_at DESC"}
COLUMNS = ("id", "name", "email")


def find_user(conn: psycopg.Connection, name):
    # ruleid: no-unsafe-query
    return conn.execute(f"SELECT id FROM users WHERE name = '{name}'").fetchone()


def concatenated(conn: psycopg2.extensions.connection, name):
    cur = conn.cursor()
    # ruleid: no-unsafe-query
    cur.execute("SELECT id FROM users WHERE name = '" + name + "'")


async def percent_formatted(conn: asyncpg.Connection, name):
    # ruleid: no-unsafe-query
    return await conn.fetch("SELECT id FROM users WHERE name = '%s'" % name)


async def dot_format(pool: aiopg.Pool, table):
    async with pool.acquire() as conn:
        async with conn.cursor() as cur:
            # ok: no-unsafe-query -- a parameter in a name position (table, column): pglint trusts the caller there (see the rule's policy)
            await cur.execute("SELECT count(*) FROM {}".format(table))


def accumulated(cur, status):
    query = "SELECT id FROM orders WHERE true"
    if status:
        # (reported at the query below)
        query += f" AND status = '{status}'"
    # ruleid: no-unsafe-query -- at the query, not where the value entered the text
    cur.execute(query)


def through_a_variable(pool: psycopg_pool.ConnectionPool, user_id):
    # (reported at the query below)
    where = "id = " + str(user_id)
    with pool.connection() as conn:
        # ruleid: no-unsafe-query
        conn.execute(f"DELETE FROM sessions WHERE {where}")


def build(table):
    return f"SELECT id FROM {table}"


def via_helper(cur, table):
    # ok: no-unsafe-query -- a parameter in a name position (table, column): pglint trusts the caller there (see the rule's policy)
    cur.execute(build(table))


def f_string_inside_sql_sql(conn: psycopg.Connection, column):
    # ok: no-unsafe-query -- a parameter in a name position (table, column): pglint trusts the caller there (see the rule's policy)
    conn.execute(sql.SQL(f"SELECT {column} FROM users"))


def percent_s_conversion_is_text(cur, limit):
    # ruleid: no-unsafe-query
    cur.execute("SELECT id FROM users LIMIT %s" % limit)


def constant_table(conn: psycopg.Connection, name):
    # ok: no-unsafe-query
    conn.execute(f"SELECT id FROM {TABLE} WHERE name = %s", (name,))


def local_constant(cur, name):
    table = "users"
    # ok: no-unsafe-query
    cur.execute(f"SELECT id FROM {table} WHERE name = %s", (name,))


def identifier_composition(conn: psycopg.Connection, table, name):
    # ok: no-unsafe-query
    conn.execute(sql.SQL("SELECT id FROM {} WHERE name = {}").format(sql.Identifier(table), sql.Literal(name)))


def numeric_formatting(cur, limit, offset):
    # ok: no-unsafe-query
    cur.execute("SELECT id FROM users LIMIT %d OFFSET %d" % (limit, offset))
    # ok: no-unsafe-query
    cur.execute(f"SELECT id FROM users LIMIT {int(limit)} OFFSET {offset:d}")


def placeholders_joined(cur, ids):
    placeholders = ", ".join(["%s"] * len(ids))
    # ok: no-unsafe-query
    cur.execute(f"SELECT name FROM users WHERE id IN ({placeholders})", ids)


def whitelisted_order(cur, key):
    # ok: no-unsafe-query
    cur.execute("SELECT id FROM users ORDER BY " + ORDER_BY[key])


def constant_loop_variable(cur, value):
    for col in COLUMNS:
        # ok: no-unsafe-query
        cur.execute(f"SELECT count(*) FROM users WHERE {col} = %s", (value,))


def ternary_of_constants(cur, ascending):
    direction = "ASC" if ascending else "DESC"
    # ok: no-unsafe-query
    cur.execute(f"SELECT id FROM users ORDER BY name {direction}")


def dynamic_where_of_constants(cur, name, email):
    conditions = []
    params = []
    if name:
        conditions.append("name = %s")
        params.append(name)
    if email:
        conditions.append("email = %s")
        params.append(email)
    # ok: no-unsafe-query
    cur.execute("SELECT id FROM users WHERE " + " AND ".join(conditions), params)


def query_from_elsewhere(cur, query):
    # ok: no-unsafe-query
    cur.execute(query)


def constant_helper():
    return "SELECT id FROM users WHERE active"


def via_constant_helper(cur):
    # ok: no-unsafe-query
    cur.execute(constant_helper())


def column_list(cur):
    # ok: no-unsafe-query
    cur.execute("SELECT " + ", ".join(COLUMNS) + " FROM users")
