"""PG201 no-unsafe-query — a module that imports sqlite3: a cursor it is handed may be SQLite's,
so its queries are not taken for PostgreSQL ones."""

import sqlite3


def open_db(path):
    return sqlite3.connect(path)


def find_by_name(cur, name):
    # ok: no-unsafe-query -- another database's module is imported here
    cur.execute("SELECT id FROM tags WHERE name = '" + name + "'")
