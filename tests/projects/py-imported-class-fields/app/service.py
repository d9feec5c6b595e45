"""Callers that never import a driver: the pool is a field of the imported class."""

from .db import Database


def rename_leak(db: Database, old, new):
    # ruleid: no-missing-client-release
    conn = db.pool.getconn()
    conn.cursor().execute("UPDATE tags SET name = %s WHERE name = %s", (new, old))
    db.pool.putconn(conn)


def rename_ok(db: Database, old, new):
    # ok: no-missing-client-release
    conn = db.pool.getconn()
    try:
        conn.cursor().execute("UPDATE tags SET name = %s WHERE name = %s", (new, old))
    finally:
        db.pool.putconn(conn)


def local_leak():
    db = Database("dbname=app")
    # ruleid: no-missing-client-release
    conn = db.pool.getconn()
    conn.cursor().execute("DELETE FROM sessions")
    db.pool.putconn(conn)


class Reports:
    def __init__(self):
        self.db = Database("dbname=reports")

    def refresh_leak(self):
        # ruleid: no-missing-client-release
        conn = self.db.pool.getconn()
        conn.cursor().execute("REFRESH MATERIALIZED VIEW daily_totals")
        self.db.pool.putconn(conn)

    def refresh_ok(self):
        # ok: no-missing-client-release
        conn = self.db.connection()
        try:
            conn.cursor().execute("REFRESH MATERIALIZED VIEW daily_totals")
        finally:
            self.db.pool.putconn(conn)
