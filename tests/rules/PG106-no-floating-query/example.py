"""PG106 no-floating-query — Python cases (async drivers only).

A coroutine from asyncpg, psycopg's async connections/cursors or aiopg that is
never awaited never runs. Awaited, returned, stored and awaited later, passed
to ``asyncio.gather``/``create_task``/a helper: fine. Sync drivers and
asyncpg's ``cursor()`` (a cursor factory, not a coroutine) are not reported.
"""

import asyncio

import aiopg
import asyncpg
import psycopg
import psycopg2


async def log_visit(user_id):
    conn = await asyncpg.connect()
    try:
        # ruleid: no-floating-query
        conn.execute("INSERT INTO visits (user_id) VALUES ($1)", user_id)
    finally:
        await conn.close()


async def pool_shortcut_not_awaited(pool: asyncpg.Pool):
    # ruleid: no-floating-query
    pool.execute("DELETE FROM sessions WHERE expires < now()")


async def typed_connection(conn: asyncpg.Connection, job_id):
    # ruleid: no-floating-query
    conn.fetchval("SELECT pg_notify('jobs', $1)", str(job_id))


async def inside_acquire(pool: asyncpg.Pool):
    async with pool.acquire() as conn:
        # ruleid: no-floating-query
        conn.executemany("INSERT INTO t (a) VALUES ($1)", [(1,), (2,)])


async def psycopg_async_connection():
    async with await psycopg.AsyncConnection.connect("dbname=app") as aconn:
        # ruleid: no-floating-query
        aconn.execute("UPDATE counters SET n = n + 1")


async def psycopg_async_cursor(aconn: psycopg.AsyncConnection):
    async with aconn.cursor() as cur:
        # ruleid: no-floating-query
        cur.execute("UPDATE counters SET n = n + 1")


async def aiopg_cursor(pool: aiopg.Pool):
    async with pool.acquire() as conn:
        async with conn.cursor() as cur:
            # ruleid: no-floating-query
            cur.execute("UPDATE counters SET n = n + 1")


async def stored_and_forgotten(conn: asyncpg.Connection):
    # ruleid: no-floating-query
    pending = conn.execute("UPDATE t SET seen = true")


async def awaited(conn: asyncpg.Connection, user_id):
    # ok: no-floating-query
    await conn.execute("INSERT INTO visits (user_id) VALUES ($1)", user_id)


async def returned(conn: asyncpg.Connection):
    # ok: no-floating-query
    return conn.fetch("SELECT id FROM users")


async def gathered(pool: asyncpg.Pool):
    # ok: no-floating-query
    await asyncio.gather(pool.fetch("SELECT id FROM a"), pool.fetch("SELECT id FROM b"))


async def scheduled(pool: asyncpg.Pool):
    # ok: no-floating-query
    task = asyncio.create_task(pool.execute("REFRESH MATERIALIZED VIEW stats"))
    await task


async def stored_then_awaited(conn: asyncpg.Connection):
    # ok: no-floating-query
    pending = conn.fetchval("SELECT count(*) FROM users")
    do_something_else()
    return await pending


async def passed_to_a_helper(conn: asyncpg.Connection):
    # ok: no-floating-query
    await with_timeout(conn.execute("VACUUM"))


async def asyncpg_cursor_is_not_a_coroutine(conn: asyncpg.Connection):
    async with conn.transaction():
        # ok: no-floating-query
        async for record in conn.cursor("SELECT id FROM big_table"):
            print(record)


def sync_driver(dsn):
    conn = psycopg2.connect(dsn)
    try:
        # ok: no-floating-query
        conn.cursor().execute("UPDATE t SET x = 1")
    finally:
        conn.close()


def sync_psycopg(conn: psycopg.Connection):
    # ok: no-floating-query
    conn.execute("UPDATE t SET x = 1")


async def in_a_lambda(pool: asyncpg.Pool):
    # ok: no-floating-query
    run = lambda: pool.execute("SELECT 1")
    await run()


def do_something_else():
    pass


async def with_timeout(coro):
    return await asyncio.wait_for(coro, 5)
