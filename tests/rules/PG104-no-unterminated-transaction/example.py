"""PG104 no-unterminated-transaction — Python cases.

aiopg does not reset a connection released inside a transaction (it closes it
with a ResourceWarning), so BEGIN without COMMIT/ROLLBACK on some path before
``pool.release(conn)`` is reported. psycopg2, psycopg_pool and asyncpg roll the
transaction back when the connection goes back to the pool: not reported.
"""

import aiopg
import asyncpg
import psycopg2.pool
from psycopg_pool import ConnectionPool

pool = psycopg2.pool.ThreadedConnectionPool(1, 10, "dbname=app")
ppool = ConnectionPool("dbname=app")
BEGIN = "BEGIN"


async def aiopg_release_inside_transaction_on_error(ap: aiopg.Pool):
    conn = await ap.acquire()
    try:
        cur = await conn.cursor()
        await cur.execute("BEGIN")
        await cur.execute("UPDATE accounts SET balance = balance - 1")
        await cur.execute("COMMIT")
    finally:
        # ruleid: no-unterminated-transaction
        ap.release(conn)


async def aiopg_rollback_in_except(ap: aiopg.Pool):
    conn = await ap.acquire()
    try:
        cur = await conn.cursor()
        try:
            await cur.execute("BEGIN")
            await cur.execute("UPDATE accounts SET balance = balance - 1")
            await cur.execute("COMMIT")
        except Exception:
            await cur.execute("ROLLBACK")
            raise
    finally:
        # ok: no-unterminated-transaction
        ap.release(conn)


async def aiopg_begin_before_try_rollback_in_except(ap: aiopg.Pool):
    conn = await ap.acquire()
    try:
        cur = await conn.cursor()
        await cur.execute("BEGIN")
        try:
            await cur.execute("UPDATE accounts SET balance = balance - 1")
            await cur.execute("COMMIT")
        except Exception:
            await cur.execute("ROLLBACK")
            raise
    finally:
        # ok: no-unterminated-transaction
        ap.release(conn)


async def aiopg_begin_without_commit(ap: aiopg.Pool):
    conn = await ap.acquire()
    try:
        cur = await conn.cursor()
        await cur.execute(BEGIN)
        await cur.execute("UPDATE accounts SET balance = 0")
    finally:
        # ruleid: no-unterminated-transaction
        ap.release(conn)


async def aiopg_start_transaction_isolation(ap: aiopg.Pool):
    conn = await ap.acquire()
    try:
        cur = await conn.cursor()
        await cur.execute("START TRANSACTION ISOLATION LEVEL SERIALIZABLE")
        await cur.execute("SELECT 1")
        await cur.execute("END")
    finally:
        # ruleid: no-unterminated-transaction
        ap.release(conn)


async def aiopg_rollback_to_savepoint_keeps_it_open(ap: aiopg.Pool):
    conn = await ap.acquire()
    try:
        cur = await conn.cursor()
        await cur.execute("BEGIN")
        await cur.execute("SAVEPOINT sp")
        try:
            await cur.execute("UPDATE accounts SET balance = 0")
        except Exception:
            await cur.execute("ROLLBACK TO SAVEPOINT sp")
        await cur.execute("COMMIT")
    finally:
        # ruleid: no-unterminated-transaction
        ap.release(conn)


async def aiopg_no_explicit_transaction(ap: aiopg.Pool):
    conn = await ap.acquire()
    try:
        cur = await conn.cursor()
        await cur.execute("SELECT 1")
    finally:
        # ok: no-unterminated-transaction
        ap.release(conn)


async def aiopg_managed_checkout_inside_transaction(ap: aiopg.Pool):
    async with ap.acquire() as conn:
        cur = await conn.cursor()
        await cur.execute("BEGIN")
        # todoruleid: no-unterminated-transaction -- managed `async with pool.acquire()` has no acquire node (lowering contract), so its exit release is not tracked
        await cur.execute("UPDATE accounts SET balance = 0")


def psycopg2_putconn_rolls_back():
    conn = pool.getconn()
    try:
        cur = conn.cursor()
        cur.execute("BEGIN")
        cur.execute("UPDATE accounts SET balance = 0")
        conn.commit()
    finally:
        # ok: no-unterminated-transaction
        pool.putconn(conn)


def psycopg_pool_putconn_rolls_back():
    conn = ppool.getconn()
    try:
        conn.execute("BEGIN")
        conn.execute("UPDATE accounts SET balance = 0")
        conn.commit()
    finally:
        # ok: no-unterminated-transaction
        ppool.putconn(conn)


async def asyncpg_release_resets(p: asyncpg.Pool):
    conn = await p.acquire()
    try:
        tr = conn.transaction()
        await tr.start()
        await conn.execute("UPDATE accounts SET balance = 0")
        await tr.commit()
    finally:
        # ok: no-unterminated-transaction
        await p.release(conn)
