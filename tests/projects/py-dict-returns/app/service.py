"""Callers that never import a driver: the connection comes back in a dict."""

import asyncpg

from .db import open_async, open_db


def rename_leak(old, new):
    # ruleid: no-missing-client-release
    res = open_db()
    conn = res["conn"]
    conn.cursor().execute("UPDATE tags SET name = %s WHERE name = %s", (new, old))
    res["pool"].putconn(conn)


def rename_ok(old, new):
    # ok: no-missing-client-release
    res = open_db()
    try:
        res["conn"].cursor().execute("UPDATE tags SET name = %s WHERE name = %s", (new, old))
    finally:
        res["pool"].putconn(res["conn"])


def count_leak():
    # ruleid: no-missing-client-release
    conn = open_db()["conn"]
    cur = conn.cursor()
    cur.execute("SELECT count(*) FROM tags")
    return cur.fetchone()[0]


async def refresh_leak(apool: asyncpg.Pool):
    # ruleid: no-missing-client-release
    res = await open_async(apool)
    await res["conn"].execute("REFRESH MATERIALIZED VIEW daily_totals")
    await apool.release(res["conn"])


async def refresh_ok(apool: asyncpg.Pool):
    # ok: no-missing-client-release
    res = await open_async(apool)
    try:
        await res["conn"].execute("REFRESH MATERIALIZED VIEW daily_totals")
    finally:
        await apool.release(res["conn"])
