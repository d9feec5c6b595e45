"""PG201 no-unsafe-query — the position of a hole in text assembled in branches, and in a
statement that does not parse.

A name built on one path and changed on another (``table = "legacy_" + table``) is
still a name once the branches join: each branch's full text is read and the riskiest
position of each hole wins. A hole glued into a word of a statement that does not parse
(``idx_`` + table, a word after ``INDEX`` / ``ON``) is a name.
"""

import psycopg2


def yearly(conn: psycopg2.extensions.connection, user_id, year: int, legacy: bool = False):
    table = "yearly_" + str(year)
    if legacy:
        table = "old_" + table
    qualified = "stats." + table
    with conn.cursor() as cur:
        # ok: no-unsafe-query -- a table name built in a branch: a name in both branches' texts
        cur.execute("SELECT data FROM " + qualified + " WHERE user_id = %s", (user_id,))
        return cur.fetchone()


def archived(conn: psycopg2.extensions.connection, name, archive: bool):
    table = ("archive_" + name) if archive else name
    with conn.cursor() as cur:
        # ok: no-unsafe-query -- a conditional expression of two table names
        cur.execute("SELECT count(*) FROM " + table)
        return cur.fetchone()


def lookup(conn: psycopg2.extensions.connection, key, by_name: bool):
    where = "id = 1"
    if by_name:
        where = "name = '" + key + "'"
    with conn.cursor() as cur:
        # ruleid: no-unsafe-query -- a parameter inside a string literal in one branch
        cur.execute("SELECT * FROM users WHERE " + where)
        return cur.fetchall()


def mixed(conn: psycopg2.extensions.connection, value, by_table: bool):
    if by_table:
        sql = "SELECT * FROM " + value + " WHERE id = 1"
    else:
        sql = "SELECT * FROM users WHERE id = " + value
    with conn.cursor() as cur:
        # ruleid: no-unsafe-query -- a name in one branch, an operand in the other: the riskier wins
        cur.execute(sql)
        return cur.fetchall()


def clause(conn: psycopg2.extensions.connection, condition, filtered: bool):
    where = ""
    if filtered:
        where = " WHERE " + condition
    with conn.cursor() as cur:
        # ruleid: no-unsafe-query -- a whole condition spliced in one branch
        cur.execute("SELECT * FROM users" + where)
        return cur.fetchall()


def index_for(conn: psycopg2.extensions.connection, table, method):
    with conn.cursor() as cur:
        # ok: no-unsafe-query -- the statement does not parse; the table is glued into the index name and follows ON
        cur.execute("CREATE INDEX " + table + "_idx ON " + table + " " + method.clause() + " (id)")


def by_ids(conn: psycopg2.extensions.connection, table, ids):
    sql = "SELECT * FROM " + table + " WHERE id = %s"
    for _ in ids[1:]:
        sql += " OR id = %s"
    with conn.cursor() as cur:
        # ok: no-unsafe-query -- a table name, the statement grown in a loop (the loop's text is not read)
        cur.execute(sql, ids)
        return cur.fetchall()


def by_status(conn: psycopg2.extensions.connection, status, table, archived: bool):
    sql = "SELECT * FROM " + table + " WHERE status = '" + status + "'"
    if archived:
        sql = sql + " AND archived"
    with conn.cursor() as cur:
        # ruleid: no-unsafe-query -- the status inside a string literal in both branches
        cur.execute(sql)
        return cur.fetchall()
