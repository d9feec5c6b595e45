"""Callers of a cached pool getter of another module: no driver import here."""

from .db import cached_pool


def archive_leak(dsn: str) -> None:
    pool = cached_pool(dsn)
    # ruleid: no-missing-client-release
    conn = pool.getconn()
    conn.cursor().execute("DELETE FROM events WHERE at < now() - interval '1 year'")
    conn.commit()
    pool.putconn(conn)


def archive_ok(dsn: str) -> None:
    pool = cached_pool(dsn)
    # ok: no-missing-client-release
    conn = pool.getconn()
    try:
        conn.cursor().execute("DELETE FROM events WHERE at < now() - interval '1 year'")
        conn.commit()
    finally:
        pool.putconn(conn)
