"""Project helpers around the pools: pglint summarises each function and uses the summary at its calls."""
from contextlib import asynccontextmanager, contextmanager

import asyncpg
from psycopg2.pool import ThreadedConnectionPool

pool = ThreadedConnectionPool(1, 10, "dbname=app")
apool = None


async def start():
    global apool
    apool = await asyncpg.create_pool("postgresql:///app")


def get_conn():
    # ok: no-missing-client-release -- returned to the caller, who must give it back
    return pool.getconn()


def get_conn_with_retry(attempts):
    try:
        # ok: no-missing-client-release
        conn = pool.getconn()
    except Exception:
        if attempts > 0:
            return get_conn_with_retry(attempts - 1)
        raise
    return conn


async def acquire_conn(p: asyncpg.Pool):
    # ok: no-missing-client-release
    return await p.acquire()


def put_conn(conn):
    pool.putconn(conn)


# ruleid: no-missing-client-release -- gives the connection back only when COMMIT succeeds
def commit_and_put(conn):
    conn.commit()
    pool.putconn(conn)


def run_in_transaction(conn, fn):
    try:
        result = fn(conn)
        conn.commit()
        return result
    except Exception:
        conn.rollback()
        raise
    finally:
        pool.putconn(conn)


# ruleid: no-missing-client-release -- forgets the connection when fn() or COMMIT raises
def run_in_transaction_forgetful(conn, fn):
    result = fn(conn)
    conn.commit()
    pool.putconn(conn)
    return result


def log_activity(conn):
    with conn.cursor() as cur:
        cur.execute("SELECT count(*) FROM pg_stat_activity")


@contextmanager
def connection():
    # ok: no-missing-client-release -- a safe context manager: given back in finally
    conn = pool.getconn()
    try:
        yield conn
    finally:
        pool.putconn(conn)


@contextmanager
def connection_without_finally():
    # ruleid: no-missing-client-release -- not given back when the `with` body raises
    conn = pool.getconn()
    yield conn
    pool.putconn(conn)


@asynccontextmanager
async def aconnection():
    # ok: no-missing-client-release
    conn = await apool.acquire()
    try:
        yield conn
    finally:
        await apool.release(conn)


class Session:
    def open(self):
        # ok: no-missing-client-release -- close() gives it back
        self.conn = pool.getconn()

    def run(self, sql):
        with self.conn.cursor() as cur:
            cur.execute(sql)

    def close(self):
        pool.putconn(self.conn)


class LeakySession:
    def open(self):
        # ruleid: no-missing-client-release -- no method of LeakySession gives it back
        self.conn = pool.getconn()

    def run(self, sql):
        with self.conn.cursor() as cur:
            cur.execute(sql)


class Repository:
    def _conn(self):
        # ok: no-missing-client-release
        return pool.getconn()

    def count(self):
        # ruleid: no-missing-client-release -- self._conn() returns a checkout
        conn = self._conn()
        with conn.cursor() as cur:
            cur.execute("SELECT count(*) FROM orders")
            return cur.fetchone()[0]

    def count_safely(self):
        # ok: no-missing-client-release
        conn = self._conn()
        try:
            with conn.cursor() as cur:
                cur.execute("SELECT count(*) FROM orders")
                return cur.fetchone()[0]
        finally:
            put_conn(conn)


class BaseRepository:
    def connection(self):
        # ok: no-missing-client-release
        return pool.getconn()

    def give_back(self, conn):
        pool.putconn(conn)
