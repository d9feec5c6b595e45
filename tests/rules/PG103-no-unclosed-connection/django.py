"""PG103 no-unclosed-connection — Django.

Django opens and closes its connections itself (at the end of each request), and a cursor is
not a connection: a cursor used outside ``with`` and never closed is not a leak.
"""

from django.db import connection, connections


def count_books():
    # ok: no-unclosed-connection
    cur = connection.cursor()
    cur.execute("SELECT count(*) FROM books")
    return cur.fetchone()


def count_on(alias):
    # ok: no-unclosed-connection
    cur = connections[alias].cursor()
    cur.execute("SELECT count(*) FROM books")
    return cur.fetchone()
