"""Imports the pool through the package's re-export; no driver import in this file."""

from app import pool as shared_pool


def handler_leaks():
    # ruleid: no-missing-client-release
    conn = shared_pool.getconn()
    conn.cursor().execute("SELECT 1")


def handler_releases():
    # ok: no-missing-client-release
    conn = shared_pool.getconn()
    try:
        conn.cursor().execute("SELECT 1")
    finally:
        shared_pool.putconn(conn)
