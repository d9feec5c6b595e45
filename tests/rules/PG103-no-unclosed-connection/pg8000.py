"""PG103 no-unclosed-connection — pg8000.

``pg8000.connect()``, ``pg8000.dbapi.connect()`` and ``pg8000.native.Connection()`` open a
socket that stays open until ``close()``; ``with`` closes it.
"""

import pg8000
import pg8000.dbapi
import pg8000.native


def count_users():
    # ruleid: no-unclosed-connection
    con = pg8000.native.Connection("app", host="db.internal")
    return con.run("SELECT count(*) FROM users")


def count_orders():
    # ruleid: no-unclosed-connection
    conn = pg8000.dbapi.connect(user="app")
    cur = conn.cursor()
    cur.execute("SELECT count(*) FROM orders")
    return cur.fetchone()


def closed():
    # ok: no-unclosed-connection
    conn = pg8000.connect(user="app")
    try:
        cur = conn.cursor()
        cur.execute("SELECT 1")
    finally:
        conn.close()


def managed():
    # ok: no-unclosed-connection
    with pg8000.native.Connection("app") as con:
        return con.run("SELECT 1")
