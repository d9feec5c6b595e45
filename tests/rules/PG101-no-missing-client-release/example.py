"""PG101 no-missing-client-release — the Python scenario catalogue.

One small function per idiom; the JavaScript/TypeScript catalogues mirror the
same list (same names, camelCase there). Pools are module-level (psycopg2,
psycopg_pool) or typed (asyncpg, aiopg) so the frontend knows what they are.
"""

import asyncio
import sqlite3
from contextlib import asynccontextmanager, closing, contextmanager

import aiopg
import asyncpg
import psycopg2
import psycopg2.pool
import redis
from psycopg_pool import AsyncConnectionPool, ConnectionPool

pool = psycopg2.pool.ThreadedConnectionPool(1, 10, "dbname=app")
ppool = ConnectionPool("dbname=app")
apool = AsyncConnectionPool("dbname=app")
apg: "asyncpg.Pool | None" = None
registry = []


async def init():
    global apg
    apg = await asyncpg.create_pool("dbname=app")


def do_work(conn):
    return conn


# 1
def released_in_finally():
    # ok: no-missing-client-release
    conn = pool.getconn()
    try:
        cur = conn.cursor()
        cur.execute("SELECT 1")
    finally:
        pool.putconn(conn)


# 2
def never_released():
    # ruleid: no-missing-client-release
    conn = pool.getconn()
    cur = conn.cursor()
    cur.execute("SELECT 1")
    return cur.fetchall()


# 3
def early_return_before_release(user_id):
    # ruleid: no-missing-client-release
    conn = pool.getconn()
    if user_id is None:
        return None
    try:
        conn.cursor().execute("SELECT 1")
    finally:
        pool.putconn(conn)


# 4
def query_throws_no_try():
    # ruleid: no-missing-client-release
    conn = pool.getconn()
    cur = conn.cursor()
    cur.execute("SELECT 1")
    rows = cur.fetchall()
    pool.putconn(conn)
    return rows


# 5
def release_only_in_except():
    # ruleid: no-missing-client-release
    conn = pool.getconn()
    try:
        conn.cursor().execute("SELECT 1")
    except Exception:
        pool.putconn(conn)
        raise


# 6
def release_in_try_and_except():
    # ok: no-missing-client-release
    conn = pool.getconn()
    try:
        conn.cursor().execute("SELECT 1")
        pool.putconn(conn)
    except Exception:
        pool.putconn(conn)
        raise


# 7
def returned_to_caller():
    # ok: no-missing-client-release
    conn = pool.getconn()
    conn.autocommit = True
    return conn


# 8
class Holder:
    def __init__(self):
        self.conn = None

    def stored_on_self(self):
        # ok: no-missing-client-release
        conn = pool.getconn()
        self.conn = conn

    def stored_on_self_directly(self):
        # ok: no-missing-client-release
        self.conn = pool.getconn()


# 9
def guarded_release_in_finally():
    conn = None
    try:
        # ok: no-missing-client-release
        conn = pool.getconn()
        conn.cursor().execute("SELECT 1")
    finally:
        if conn:
            pool.putconn(conn)


# 10
def managed_context():
    # ok: no-missing-client-release
    with ppool.connection() as conn:
        conn.execute("SELECT 1")


async def managed_context_async():
    # ok: no-missing-client-release
    async with apg.acquire() as conn:
        await conn.execute("SELECT 1")
    # ok: no-missing-client-release
    async with apool.connection() as aconn:
        await aconn.execute("SELECT 1")


# 11
def with_getconn_does_not_return():
    # ruleid: no-missing-client-release
    with pool.getconn() as conn:
        conn.cursor().execute("SELECT 1")


def with_getconn_psycopg_pool():
    # ruleid: no-missing-client-release
    with ppool.getconn() as conn:
        conn.execute("SELECT 1")


# 12 (callback_style has no Python form)
async def asyncpg_acquire_awaited_release_in_finally():
    # ok: no-missing-client-release
    conn = await apg.acquire()
    try:
        await conn.execute("SELECT 1")
    finally:
        await apg.release(conn)


# 13
def loop_release_each_iteration(items):
    for item in items:
        # ok: no-missing-client-release
        conn = pool.getconn()
        try:
            conn.cursor().execute("SELECT %s", (item,))
        finally:
            pool.putconn(conn)


# 14
def acquire_in_loop_without_release(items):
    for item in items:
        # ruleid: no-missing-client-release
        conn = pool.getconn()
        conn.cursor().execute("SELECT %s", (item,))


# 15
def raise_before_release(value):
    # ruleid: no-missing-client-release
    conn = pool.getconn()
    if value < 0:
        raise ValueError("negative")
    pool.putconn(conn)


# 16
def release_only_in_if_branch(flag):
    # ruleid: no-missing-client-release
    conn = pool.getconn()
    if flag:
        pool.putconn(conn)


# 17
def release_in_both_branches(flag):
    # ok: no-missing-client-release
    conn = pool.getconn()
    if flag:
        pool.putconn(conn)
    else:
        pool.putconn(conn, close=True)


# 18
def passed_to_unknown_function():
    # ok: no-missing-client-release
    conn = pool.getconn()
    do_work(conn)


# 19
def put_in_container():
    # ok: no-missing-client-release
    conn = pool.getconn()
    registry.append(conn)


def put_in_dict_literal():
    # ok: no-missing-client-release
    conn = pool.getconn()
    return {"conn": conn, "pool": pool}


# 20
def result_discarded():
    # ruleid: no-missing-client-release
    pool.getconn()


# 21
def guarded_release_is_not_none():
    conn = None
    try:
        # ok: no-missing-client-release
        conn = pool.getconn()
        conn.cursor().execute("SELECT 1")
    finally:
        if conn is not None:
            pool.putconn(conn)


# 22
def break_before_release(items):
    for item in items:
        # ruleid: no-missing-client-release
        conn = pool.getconn()
        if item is None:
            break
        pool.putconn(conn)


# 23
def continue_skipping_release(items):
    for item in items:
        # ruleid: no-missing-client-release
        conn = pool.getconn()
        if not item:
            continue
        pool.putconn(conn)


# 24
def match_case_return_before_release(command):
    # ruleid: no-missing-client-release
    conn = pool.getconn()
    match command:
        case "ping":
            return "pong"
        case _:
            pass
    pool.putconn(conn)


# 25
def nested_try_inner_finally_releases():
    try:
        # ok: no-missing-client-release
        conn = pool.getconn()
        try:
            conn.cursor().execute("SELECT 1")
        finally:
            pool.putconn(conn)
    except psycopg2.Error:
        return None


# 26
def local_closure_releases():
    # ok: no-missing-client-release
    conn = pool.getconn()

    def release():
        pool.putconn(conn)

    try:
        conn.cursor().execute("SELECT 1")
    finally:
        release()


def local_lambda_releases():
    # ok: no-missing-client-release
    conn = pool.getconn()
    give_back = lambda: pool.putconn(conn)  # noqa: E731
    try:
        conn.cursor().execute("SELECT 1")
    finally:
        give_back()


def closure_handed_to_event_loop(loop):
    # ok: no-missing-client-release
    conn = pool.getconn()
    loop.call_soon(lambda: pool.putconn(conn))


# 27
async def unawaited_async_release():
    # ruleid: no-missing-client-release
    conn = await apg.acquire()
    try:
        await conn.fetch("SELECT 1")
    finally:
        apg.release(conn)


async def unawaited_async_putconn():
    # ruleid: no-missing-client-release
    conn = await apool.getconn()
    try:
        await conn.execute("SELECT 1")
    finally:
        apool.putconn(conn)


# 28
def non_postgres_pool_not_reported():
    rpool = redis.ConnectionPool()
    # ok: no-missing-client-release
    rconn = rpool.get_connection("GET")
    rconn.send_command("PING")
    # ok: no-missing-client-release, no-unclosed-connection
    db = sqlite3.connect("app.db")
    db.execute("SELECT 1")


class Pool:
    def getconn(self):
        return object()


def unknown_pool_not_reported(p: Pool):
    # ok: no-missing-client-release
    conn = p.getconn()
    return conn.execute("SELECT 1")


# 29
class Repository:
    def __init__(self, dsn):
        self.pool = psycopg2.pool.SimpleConnectionPool(1, 5, dsn)

    def method_using_self_pool_leaks(self):
        # ruleid: no-missing-client-release
        conn = self.pool.getconn()
        return conn.cursor().execute("SELECT 1")

    def method_using_self_pool_releases(self):
        # ok: no-missing-client-release
        conn = self.pool.getconn()
        try:
            return conn.cursor().execute("SELECT 1")
        finally:
            self.pool.putconn(conn)


# 30
def generator_yield_with_finally():
    # ok: no-missing-client-release
    conn = pool.getconn()
    try:
        yield conn
    finally:
        pool.putconn(conn)


def generator_yield_rows_with_finally():
    # ok: no-missing-client-release
    conn = pool.getconn()
    try:
        cur = conn.cursor()
        cur.execute("SELECT 1")
        for row in cur:
            yield row
    finally:
        pool.putconn(conn)


def generator_yield_rows_without_finally():
    # ruleid: no-missing-client-release
    conn = pool.getconn()
    cur = conn.cursor()
    cur.execute("SELECT 1")
    for row in cur:
        yield row
    pool.putconn(conn)


# 31
def except_swallows_then_releases():
    # ok: no-missing-client-release
    conn = pool.getconn()
    try:
        conn.cursor().execute("SELECT 1")
    except Exception:
        pass
    pool.putconn(conn)


# 32
def reassigned_while_held():
    # ruleid: no-missing-client-release
    conn = pool.getconn()
    # ok: no-missing-client-release
    conn = pool.getconn()
    pool.putconn(conn)


# 33: every driver at least once
def psycopg_pool_getconn_never_put_back():
    # ruleid: no-missing-client-release
    conn = ppool.getconn()
    conn.execute("SELECT 1")


def psycopg_pool_getconn_put_back_in_finally():
    # ok: no-missing-client-release
    conn = ppool.getconn()
    try:
        conn.execute("SELECT 1")
    finally:
        ppool.putconn(conn)


async def aiopg_acquire_never_released(ap: aiopg.Pool):
    # ruleid: no-missing-client-release
    conn = await ap.acquire()
    cur = await conn.cursor()
    await cur.execute("SELECT 1")


async def aiopg_acquire_released_in_finally(ap: aiopg.Pool):
    # ok: no-missing-client-release
    conn = await ap.acquire()
    try:
        cur = await conn.cursor()
        await cur.execute("SELECT 1")
    finally:
        ap.release(conn)


async def asyncpg_typed_param_leaks(p: asyncpg.Pool):
    # ruleid: no-missing-client-release
    conn = await p.acquire()
    return await conn.fetchval("SELECT 1")


# more idioms
def typed_pool_param_leaks(p: psycopg2.pool.ThreadedConnectionPool):
    # ruleid: no-missing-client-release
    conn = p.getconn()
    conn.cursor().execute("SELECT 1")


def release_only_in_matching_except():
    # ruleid: no-missing-client-release
    conn = pool.getconn()
    try:
        conn.cursor().execute("SELECT 1")
    except ValueError:
        pool.putconn(conn)
        return
    pool.putconn(conn)


def release_in_else_and_except():
    # ok: no-missing-client-release
    conn = pool.getconn()
    try:
        cur = conn.cursor()
    except Exception:
        pool.putconn(conn)
        raise
    else:
        pool.putconn(conn)
    return cur


def retry_loop_with_finally():
    while True:
        # ok: no-missing-client-release
        conn = pool.getconn()
        try:
            conn.cursor().execute("SELECT 1")
            return
        except psycopg2.OperationalError:
            continue
        finally:
            pool.putconn(conn)


async def acquire_with_timeout_released(timeout):
    # ok: no-missing-client-release
    conn = await asyncio.wait_for(apg.acquire(), timeout)
    try:
        await conn.execute("SELECT 1")
    finally:
        await apg.release(conn)


async def acquire_not_awaited_is_no_checkout():
    # ok: no-missing-client-release
    ctx = apg.acquire()
    return ctx


def walrus_guarded_release():
    # ok: no-missing-client-release
    if (conn := pool.getconn()) is not None:
        try:
            conn.cursor().execute("SELECT 1")
        finally:
            pool.putconn(conn)


def aliased_then_released():
    # ok: no-missing-client-release
    conn = pool.getconn()
    other = conn
    try:
        other.cursor().execute("SELECT 1")
    finally:
        pool.putconn(other)


# @contextmanager generators lend what they yield: they must still give it back

@contextmanager
def contextmanager_yield_without_finally():
    # ruleid: no-missing-client-release
    conn = pool.getconn()
    yield conn
    pool.putconn(conn)


@contextmanager
def contextmanager_yield_with_finally():
    # ok: no-missing-client-release
    conn = pool.getconn()
    try:
        yield conn
    finally:
        pool.putconn(conn)


@asynccontextmanager
async def async_contextmanager_yield_with_finally():
    # ok: no-missing-client-release
    conn = await apg.acquire()
    try:
        yield conn
    finally:
        await apg.release(conn)


# a module-level getter that returns the pool
_lazy_pool = None


def get_pool():
    global _lazy_pool
    if _lazy_pool is None:
        _lazy_pool = psycopg2.pool.ThreadedConnectionPool(1, 10, "dbname=app")
    return _lazy_pool


def getter_pool_leaks():
    # ruleid: no-missing-client-release
    conn = get_pool().getconn()
    conn.cursor().execute("SELECT 1")


def getter_pool_released():
    p = get_pool()
    # ok: no-missing-client-release
    conn = p.getconn()
    try:
        conn.cursor().execute("SELECT 1")
    finally:
        p.putconn(conn)


async def gathered_releases_are_awaited():
    # ok: no-missing-client-release
    a = await apg.acquire()
    try:
        # ok: no-missing-client-release
        b = await apg.acquire()
    except Exception:
        await apg.release(a)
        raise
    await asyncio.gather(apg.release(a), apg.release(b))


def logged_connection_is_still_ours(logger):
    # ruleid: no-missing-client-release
    conn = pool.getconn()
    logger.info("using %s", conn)
    conn.cursor().execute("SELECT 1")


def closing_a_pool_connection_does_not_return_it():
    # ruleid: no-missing-client-release
    with closing(pool.getconn()) as conn:
        conn.cursor().execute("SELECT 1")
