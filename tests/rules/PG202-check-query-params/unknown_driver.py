"""PG202 check-query-params — a module handed its cursor or connection (no driver imported).

The placeholder style follows from the SQL text: ``%s`` / ``%(name)s`` (DB-API
drivers) or ``$1`` (asyncpg). Text written with no placeholder at all says no
style: only a sequence of values passed with it is wrong whatever the driver.
SQLite's ``?`` and named ``:param`` are not PostgreSQL, so not a query.
"""


def rename(cur, old, new):
    # ruleid: check-query-params
    cur.execute("UPDATE tags SET name = %s WHERE name = %s", (new,))


def missing_key(cur, tag_id):
    # ruleid: check-query-params
    cur.execute("SELECT name FROM tags WHERE id = %(id)s", {"tag": tag_id})


def literal_percent(cur, owner):
    # ruleid: check-query-params
    cur.execute("SELECT id FROM tags WHERE name LIKE 'a%' AND owner = %s", (owner,))


async def by_id(conn, tag_id):
    # ruleid: check-query-params
    return await conn.fetchrow("SELECT name FROM tags WHERE id = $1 AND owner = $2", tag_id)


def values_without_placeholders(cur, name):
    # ruleid: check-query-params
    cur.execute("INSERT INTO tags (name) VALUES ('x')", (name,))


def matching(cur, old, new):
    # ok: check-query-params
    cur.execute("UPDATE tags SET name = %s WHERE name = %s", (new, old))


async def matching_dollar(conn, tag_id, owner):
    # ok: check-query-params
    return await conn.fetchrow("SELECT name FROM tags WHERE id = $1 AND owner = $2", tag_id, owner)


def raw_cursor(cur, tag_id):
    # ok: check-query-params -- $1 with one sequence: psycopg 3's raw cursor
    cur.execute("SELECT name FROM tags WHERE id = $1", (tag_id,))


def sqlite_style(cur, a, b):
    # ok: check-query-params -- `?` is not PostgreSQL: not a query of a PostgreSQL driver
    cur.execute("SELECT name FROM tags WHERE id = ?", (a, b))


def named_style(cur, a):
    # ok: check-query-params -- `:id` is not PostgreSQL either
    cur.execute("SELECT name FROM tags WHERE id = :id", {"tag": a})


def wrapper_flag(db):
    # ok: check-query-params -- no placeholders, one non-sequence argument: a wrapper's option
    db.execute("UPDATE tags SET hidden = false", True)


def plpython_limit(plpy, table_id):
    # ok: check-query-params -- PL/Python: the second argument is a row limit, not parameters
    return plpy.execute("SELECT name FROM tags WHERE id = 1", 10)


def plpython_dollar(plpy, tag_id):
    # ruleid: check-query-params -- a text query takes no parameters: $1 needs plpy.prepare
    return plpy.execute("SELECT name FROM tags WHERE id = $1", 10)


def quoted_placeholder(cur, channel):
    # ok: check-query-params -- psycopg substitutes %s inside the quoted name too
    cur.execute('LISTEN "%s"', (channel,))
