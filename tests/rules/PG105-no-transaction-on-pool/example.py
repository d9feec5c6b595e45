"""PG105 no-transaction-on-pool — Python cases.

asyncpg's pool methods (``pool.execute``, ``pool.fetch`` …) check a connection
out for one call and give it back (rolled back) right after: transaction
control sent through them does nothing useful. A checked-out connection, a
``conn.transaction()`` block, psycopg pools (no shortcut) and statements that
only mention BEGIN inside a string or comment are fine.
"""

import asyncpg
import psycopg2.pool
import psycopg_pool

BEGIN = "BEGIN"
DSN = "postgresql:///app"


async def transfer(src, dst):
    pool = await asyncpg.create_pool(DSN)
    # ruleid: no-transaction-on-pool
    await pool.execute("BEGIN")
    await pool.execute("UPDATE accounts SET balance = balance - 1 WHERE id = $1", src)
    # ruleid: no-transaction-on-pool
    await pool.execute("COMMIT")


async def rollback_on_error(pool: asyncpg.Pool):
    try:
        await pool.execute("DELETE FROM jobs WHERE done")
    except Exception:
        # ruleid: no-transaction-on-pool
        await pool.execute("ROLLBACK")
        raise


async def start_transaction_spelled_out(pool: asyncpg.pool.Pool):
    # ruleid: no-transaction-on-pool
    await pool.execute("START TRANSACTION ISOLATION LEVEL SERIALIZABLE")


async def through_a_constant(pool: asyncpg.Pool):
    # ruleid: no-transaction-on-pool
    await pool.execute(BEGIN)


async def savepoint_on_pool(pool: asyncpg.Pool):
    # ruleid: no-transaction-on-pool
    await pool.execute("SAVEPOINT before_import")


async def begin_through_fetch(pool: asyncpg.Pool):
    # ruleid: no-transaction-on-pool
    await pool.fetch("BEGIN")


async def lowercase_end(pool: asyncpg.Pool):
    # ruleid: no-transaction-on-pool
    await pool.execute("end")


async def via_local_variable(pool: asyncpg.Pool):
    stmt = "COMMIT"
    # ruleid: no-transaction-on-pool
    await pool.execute(stmt)


async def with_acquired_connection(pool: asyncpg.Pool):
    async with pool.acquire() as conn:
        # ok: no-transaction-on-pool
        await conn.execute("BEGIN")
        await conn.execute("UPDATE t SET x = 1")
        await conn.execute("COMMIT")


async def with_transaction_block(pool: asyncpg.Pool):
    async with pool.acquire() as conn:
        async with conn.transaction():
            # ok: no-transaction-on-pool
            await conn.execute("UPDATE t SET x = 1")


async def plain_statement_on_pool(pool: asyncpg.Pool):
    # ok: no-transaction-on-pool
    await pool.execute("UPDATE t SET x = 1")


async def begin_inside_a_string(pool: asyncpg.Pool):
    # ok: no-transaction-on-pool
    await pool.fetchval("SELECT 'BEGIN'")


async def begin_in_a_comment(pool: asyncpg.Pool):
    # ok: no-transaction-on-pool
    await pool.fetchval("-- BEGIN\nSELECT 1")


async def whole_transaction_in_one_call(pool: asyncpg.Pool):
    # ok: no-transaction-on-pool
    await pool.execute("BEGIN; UPDATE t SET x = 1; UPDATE u SET y = 2; COMMIT;")


async def unknown_text(pool: asyncpg.Pool, statement):
    # ok: no-transaction-on-pool
    await pool.execute(statement)


def psycopg_pool_connection(pool: psycopg_pool.ConnectionPool):
    with pool.connection() as conn:
        # ok: no-transaction-on-pool
        conn.execute("BEGIN")
        conn.execute("COMMIT")


def psycopg2_pool_connection(pool: psycopg2.pool.ThreadedConnectionPool):
    conn = pool.getconn()
    try:
        cur = conn.cursor()
        # ok: no-transaction-on-pool
        cur.execute("BEGIN")
        cur.execute("COMMIT")
    finally:
        pool.putconn(conn)
