"""PG202 check-query-params — a module that imports a MySQL driver: ``%s`` is its placeholder too,
and a cursor it is handed may be MySQL's, so no query of an unknown driver is read here."""

import pymysql


def connect():
    return pymysql.connect(host="db")


def rename(cur, old, new):
    # ok: check-query-params -- another database's module is imported here
    cur.execute("UPDATE tags SET name = %s WHERE name = %s", (new,))
