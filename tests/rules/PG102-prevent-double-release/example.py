"""PG102 prevent-double-release — Python cases.

psycopg2 and psycopg_pool raise on a second ``putconn``; aiopg fails an assert;
asyncpg's second ``release`` is a silent no-op (so it is not reported).
"""

import aiopg
import asyncpg
import psycopg2
import psycopg2.pool
from psycopg_pool import ConnectionPool

pool = psycopg2.pool.ThreadedConnectionPool(1, 10, "dbname=app")
ppool = ConnectionPool("dbname=app")


def double_putconn_on_retry():
    # ruleid: no-missing-client-release -- any other exception propagates with the connection held
    conn = pool.getconn()
    for _attempt in (1, 2, 3):
        try:
            conn.cursor().execute("SELECT 1")
            break
        except psycopg2.OperationalError:
            # ruleid: prevent-double-release
            pool.putconn(conn)
    # ruleid: prevent-double-release
    pool.putconn(conn)


def double_release_after_finally():
    conn = pool.getconn()
    try:
        conn.cursor().execute("SELECT 1")
    finally:
        pool.putconn(conn)
    # ruleid: prevent-double-release
    pool.putconn(conn)


def released_in_except_and_finally():
    conn = pool.getconn()
    try:
        conn.cursor().execute("SELECT 1")
    except Exception:
        pool.putconn(conn)
        raise
    finally:
        # ruleid: prevent-double-release
        pool.putconn(conn)


def released_once_in_finally():
    conn = pool.getconn()
    try:
        conn.cursor().execute("SELECT 1")
    finally:
        # ok: prevent-double-release
        pool.putconn(conn)


def released_in_try_and_except():
    conn = pool.getconn()
    try:
        conn.cursor().execute("SELECT 1")
        # ok: prevent-double-release
        pool.putconn(conn)
    except Exception:
        # ok: prevent-double-release
        pool.putconn(conn)
        raise


def cleared_after_release():
    conn = pool.getconn()
    try:
        conn.cursor().execute("SELECT 1")
        pool.putconn(conn)
        conn = None
    finally:
        if conn is not None:
            # ok: prevent-double-release
            pool.putconn(conn)


def release_in_branch_then_again(flag):
    conn = pool.getconn()
    if flag:
        pool.putconn(conn)
    # ruleid: prevent-double-release
    pool.putconn(conn)


def psycopg_pool_double_putconn():
    conn = ppool.getconn()
    try:
        conn.execute("SELECT 1")
        ppool.putconn(conn)
    finally:
        # ruleid: prevent-double-release
        ppool.putconn(conn)


async def asyncpg_double_release_is_a_no_op(p: asyncpg.Pool):
    conn = await p.acquire()
    try:
        await conn.execute("SELECT 1")
        await p.release(conn)
    finally:
        # ok: prevent-double-release
        await p.release(conn)


async def aiopg_double_release(p: aiopg.Pool):
    conn = await p.acquire()
    try:
        cur = await conn.cursor()
        await cur.execute("SELECT 1")
        p.release(conn)
    finally:
        # ruleid: prevent-double-release
        p.release(conn)


async def unawaited_first_release_does_not_count(p: asyncpg.Pool):
    conn = await p.acquire()
    p.release(conn)
    # ok: prevent-double-release
    await p.release(conn)


def released_through_alias_twice():
    conn = pool.getconn()
    same = conn
    pool.putconn(conn)
    # ruleid: prevent-double-release
    pool.putconn(same)


def psycopg2_double_close_is_harmless():
    conn = psycopg2.connect("dbname=app")
    try:
        conn.cursor().execute("SELECT 1")
    except Exception:
        conn.close()
        raise
    finally:
        # ok: prevent-double-release -- psycopg2 close() is idempotent
        conn.close()
