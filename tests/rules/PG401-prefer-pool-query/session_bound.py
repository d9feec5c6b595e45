"""PG401 prefer-pool-query — statements whose effect lives on the connection need a dedicated one."""

import asyncpg


async def take_job_lock(pool: asyncpg.Pool, job_id):
    # ok: prefer-pool-query
    conn = await pool.acquire()
    try:
        return await conn.fetchval("SELECT pg_try_advisory_lock($1)", job_id)
    finally:
        await pool.release(conn)


async def tune_session(pool: asyncpg.Pool):
    # ok: prefer-pool-query
    conn = await pool.acquire()
    try:
        await conn.execute("SET statement_timeout = '5s'")
    finally:
        await pool.release(conn)


async def listen(pool: asyncpg.Pool):
    # ok: prefer-pool-query
    conn = await pool.acquire()
    try:
        await conn.execute("LISTEN jobs_ready")
    finally:
        await pool.release(conn)


async def clean_slate(pool: asyncpg.Pool):
    # ok: prefer-pool-query
    conn = await pool.acquire()
    try:
        await conn.execute("DISCARD ALL")
    finally:
        await pool.release(conn)


async def scratch(pool: asyncpg.Pool):
    # ok: prefer-pool-query
    conn = await pool.acquire()
    try:
        await conn.execute("CREATE TEMPORARY TABLE scratch (id int)")
    finally:
        await pool.release(conn)


async def plain_read_without_finally(pool: asyncpg.Pool, user_id):
    # ruleid: prefer-pool-query
    conn = await pool.acquire()
    row = await conn.fetchrow("SELECT name FROM users WHERE id = $1", user_id)
    await pool.release(conn)
    return row
