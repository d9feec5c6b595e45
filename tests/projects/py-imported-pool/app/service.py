"""Uses the pool from app/db.py three ways: relative import, whole module, module alias."""

import app.db
from app import db as dbmod

from .db import apg, pool


def leaks_via_relative_import(user_id):
    # ruleid: no-missing-client-release
    conn = pool.getconn()
    cur = conn.cursor()
    cur.execute("SELECT name FROM users WHERE id = %s", (user_id,))
    return cur.fetchone()


def leaks_via_whole_module_import():
    # ruleid: no-missing-client-release
    conn = app.db.pool.getconn()
    conn.cursor().execute("SELECT 1")


def leaks_via_module_alias():
    # ruleid: no-missing-client-release
    conn = dbmod.pool.getconn()
    conn.cursor().execute("SELECT 1")


def releases_in_finally():
    # ok: no-missing-client-release
    conn = pool.getconn()
    try:
        conn.cursor().execute("SELECT 1")
    finally:
        pool.putconn(conn)


async def asyncpg_pool_from_startup_leaks():
    # ruleid: no-missing-client-release
    conn = await apg.acquire()
    return await conn.fetchval("SELECT 1")


async def asyncpg_pool_from_startup_managed():
    # ok: no-missing-client-release
    async with apg.acquire() as conn:
        return await conn.fetchval("SELECT 1")


def helper_connection_is_not_tracked():
    # ruleid: no-missing-client-release -- get_connection() returns a checkout (function summaries)
    conn = app.db.get_connection()
    conn.cursor().execute("SELECT 1")
