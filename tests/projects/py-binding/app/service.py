"""Callers that never import a driver: the connection comes from a parameter typed with the
project's class, or from a helper returning a tuple."""

from .db import Database, open_with_cursor, reporting_pool


def rename_leak(db: Database, old: str, new: str) -> None:
    # ruleid: no-missing-client-release
    conn = db.connection()
    conn.cursor().execute("UPDATE tags SET name = %s WHERE name = %s", (new, old))
    conn.commit()
    db.give_back(conn)


def rename_ok(db: Database, old: str, new: str) -> None:
    # ok: no-missing-client-release
    conn = db.connection()
    try:
        conn.cursor().execute("UPDATE tags SET name = %s WHERE name = %s", (new, old))
        conn.commit()
    finally:
        db.give_back(conn)


def count_leak() -> int:
    # ruleid: no-missing-client-release
    conn, cur = open_with_cursor()
    cur.execute("SELECT count(*) FROM tags")
    return cur.fetchone()[0]


def count_ok(db: Database) -> int:
    # ok: no-missing-client-release
    conn, cur = open_with_cursor()
    try:
        cur.execute("SELECT count(*) FROM tags")
        return cur.fetchone()[0]
    finally:
        db.give_back(conn)


def report_leak() -> None:
    pool = reporting_pool()
    # ruleid: no-missing-client-release
    conn = pool.getconn()
    conn.cursor().execute("REFRESH MATERIALIZED VIEW daily_totals")
    pool.putconn(conn)


def report_ok() -> None:
    pool = reporting_pool()
    # ok: no-missing-client-release
    conn = pool.getconn()
    try:
        conn.cursor().execute("REFRESH MATERIALIZED VIEW daily_totals")
    finally:
        pool.putconn(conn)
