"""PG401 prefer-pool-query — Python cases (asyncpg: the driver whose pools have one-shot query methods).

A manual ``acquire`` / one query / ``release`` is what ``pool.fetch()``,
``pool.fetchval()`` … do by themselves. Several queries, a transaction, a
connection handed to other code or returned, and pools without shortcuts
(psycopg_pool, psycopg2, aiopg) are not reported.
"""

import asyncpg
import psycopg_pool

POOL: asyncpg.Pool


async def count_users():
    pool = await asyncpg.create_pool("postgresql:///app")
    # ruleid: prefer-pool-query
    conn = await pool.acquire()
    try:
        return await conn.fetchval("SELECT count(*) FROM users")
    finally:
        await pool.release(conn)


async def fetch_rows(pool: asyncpg.Pool):
    # ruleid: prefer-pool-query
    conn = await pool.acquire()
    try:
        rows = await conn.fetch("SELECT id, name FROM users")
    finally:
        await pool.release(conn)
    return rows


async def fetch_one(pool: asyncpg.Pool, user_id):
    # ruleid: prefer-pool-query
    conn = await pool.acquire()
    try:
        return await conn.fetchrow("SELECT name FROM users WHERE id = $1", user_id)
    finally:
        await pool.release(conn)


async def one_execute(pool: asyncpg.Pool, user_id):
    # ruleid: prefer-pool-query
    conn = await pool.acquire()
    try:
        await conn.execute("DELETE FROM sessions WHERE user_id = $1", user_id)
    finally:
        await pool.release(conn)


async def module_pool():
    # ruleid: prefer-pool-query
    conn = await POOL.acquire()
    try:
        return await conn.fetchval("SELECT now()")
    finally:
        await POOL.release(conn)


async def executemany_once(pool: asyncpg.Pool, rows):
    # ruleid: prefer-pool-query
    conn = await pool.acquire()
    try:
        await conn.executemany("INSERT INTO t (a) VALUES ($1)", rows)
    finally:
        await pool.release(conn)


class Repo:
    def __init__(self, pool: asyncpg.Pool):
        self.pool = pool

    async def count(self):
        # ruleid: prefer-pool-query
        conn = await self.pool.acquire()
        try:
            return await conn.fetchval("SELECT count(*) FROM items")
        finally:
            await self.pool.release(conn)


async def with_early_check(pool: asyncpg.Pool, user_id):
    if user_id is None:
        return None
    # ruleid: prefer-pool-query
    conn = await pool.acquire()
    try:
        return await conn.fetchrow("SELECT * FROM users WHERE id = $1", user_id)
    finally:
        await pool.release(conn)


async def managed_checkout(pool: asyncpg.Pool):
    # todoruleid: prefer-pool-query -- `async with pool.acquire()` emits no acquire event to count queries against
    async with pool.acquire() as conn:
        return await conn.fetchval("SELECT count(*) FROM users")


async def two_queries(pool: asyncpg.Pool):
    # ok: prefer-pool-query
    conn = await pool.acquire()
    try:
        await conn.execute("SET LOCAL statement_timeout = 1000")
        return await conn.fetch("SELECT id FROM big")
    finally:
        await pool.release(conn)


async def transaction(pool: asyncpg.Pool, src, dst):
    # ok: prefer-pool-query
    conn = await pool.acquire()
    try:
        async with conn.transaction():
            await conn.execute("UPDATE accounts SET balance = balance - 1 WHERE id = $1", src)
    finally:
        await pool.release(conn)


async def begin_commit(pool: asyncpg.Pool):
    # ok: prefer-pool-query
    conn = await pool.acquire()
    try:
        await conn.execute("BEGIN")
        await conn.execute("COMMIT")
    finally:
        await pool.release(conn)


async def handed_to_a_helper(pool: asyncpg.Pool):
    # ok: prefer-pool-query
    conn = await pool.acquire()
    try:
        await load_everything(conn)
    finally:
        await pool.release(conn)


async def returned_to_the_caller(pool: asyncpg.Pool):
    # ok: prefer-pool-query
    conn = await pool.acquire()
    await conn.execute("SET search_path TO app")
    return conn


async def already_the_shortcut(pool: asyncpg.Pool):
    # ok: prefer-pool-query
    return await pool.fetchval("SELECT count(*) FROM users")


def psycopg_pool_has_no_shortcut(pool: psycopg_pool.ConnectionPool):
    # ok: prefer-pool-query
    conn = pool.getconn()
    try:
        return conn.execute("SELECT count(*) FROM users").fetchone()
    finally:
        pool.putconn(conn)


async def query_in_a_loop(pool: asyncpg.Pool, ids):
    # ok: prefer-pool-query
    conn = await pool.acquire()
    try:
        for i in ids:
            await conn.execute("DELETE FROM t WHERE id = $1", i)
        await conn.execute("VACUUM t")
    finally:
        await pool.release(conn)


async def load_everything(conn):
    return await conn.fetch("SELECT 1")


async def only_query_in_a_loop(pool: asyncpg.Pool, ids):
    # ok: prefer-pool-query -- the one query call runs once per id on the same connection
    conn = await pool.acquire()
    try:
        for i in ids:
            await conn.execute("SELECT add_job($1)", i)
    finally:
        await pool.release(conn)


async def checkout_per_item(pool: asyncpg.Pool, ids):
    for i in ids:
        # ruleid: prefer-pool-query -- the checkout is inside the loop too: one query per checkout
        conn = await pool.acquire()
        try:
            await conn.execute("SELECT add_job($1)", i)
        finally:
            await pool.release(conn)
