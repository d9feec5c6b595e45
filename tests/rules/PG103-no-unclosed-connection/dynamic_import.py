"""PG103 — a driver imported with importlib (issue 12): the file has no `import psycopg`,
so only the dynamic import says what `connect()` opens (and lets the file through the gate)."""

import importlib


def dynamic_leak(dsn: str) -> None:
    psycopg = importlib.import_module("psycopg")
    # ruleid: no-unclosed-connection
    conn = psycopg.connect(dsn)
    conn.execute("SELECT 1")


def dynamic_ok(dsn: str) -> None:
    psycopg = importlib.import_module("psycopg")
    # ok: no-unclosed-connection
    conn = psycopg.connect(dsn)
    try:
        conn.execute("SELECT 1")
    finally:
        conn.close()


def builtin_import_leak(dsn: str) -> None:
    pg = __import__("psycopg")
    # ruleid: no-unclosed-connection
    conn = pg.connect(dsn)
    conn.execute("SELECT 1")


def other_module(dsn: str) -> None:
    sqlite = importlib.import_module("sqlite3")
    # ok: no-unclosed-connection -- not a PostgreSQL driver
    conn = sqlite.connect(dsn)
    conn.execute("SELECT 1")
