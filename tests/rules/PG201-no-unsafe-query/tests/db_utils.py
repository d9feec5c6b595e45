"""PG201 no-unsafe-query — a helper module of a test folder: its parameters are the tests' own values."""

import psycopg2


def ensure_db(cur, dbname="dev"):
    # ok: no-unsafe-query -- a test helper's parameter (every test passes its own database name)
    cur.execute("SELECT 1 FROM pg_database WHERE datname = '{}'".format(dbname))


def delete_record(cur, table, primary_key):
    # ok: no-unsafe-query
    cur.execute("DELETE FROM {} WHERE id = {}".format(table, primary_key))


def find(cur, name):
    row = cur.execute("SELECT 1").fetchone()
    # ok: no-unsafe-query -- untraced (a row read back) is silent by default in tests as elsewhere
    cur.execute("SELECT * FROM t WHERE a = '{}'".format(row[0]))
