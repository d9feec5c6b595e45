# PG101 — a connection kept in a field by one method and given back by another is the class's
# business; two shapes break the pair (issue 12): the opening method raises after storing it, and
# the closing method lets an exception skip the release.
from psycopg_pool import AsyncConnectionPool

pool = AsyncConnectionPool("dbname=app")


class Transaction:
    async def __aenter__(self):
        # ruleid: no-missing-client-release -- `__aexit__` is not called when BEGIN fails here
        self.conn = await pool.getconn()
        await self.conn.execute("BEGIN")
        return self

    async def __aexit__(self, *exc):
        # ruleid: no-missing-client-release -- a failing COMMIT skips the putconn
        await self.conn.execute("COMMIT")
        await pool.putconn(self.conn)


class SafeTransaction:
    async def __aenter__(self):
        # ok: no-missing-client-release -- given back before re-raising
        self.conn = await pool.getconn()
        try:
            await self.conn.execute("BEGIN")
        except BaseException:
            await pool.putconn(self.conn)
            raise
        return self

    async def __aexit__(self, *exc):
        try:
            # ok: no-missing-client-release -- the nested finally gives it back
            await self.conn.execute("COMMIT")
        finally:
            await pool.putconn(self.conn)


class Session:
    # the pair holds: open() stores the connection, close() gives it back on every path
    async def open(self):
        # ok: no-missing-client-release
        self.conn = await pool.getconn()

    async def run(self, sql):
        return await self.conn.execute(sql)

    async def close(self):
        # ok: no-missing-client-release
        await pool.putconn(self.conn)


class Cleaner:
    async def open(self):
        # ok: no-missing-client-release -- close() is called on the failure path
        self.conn = await pool.getconn()
        try:
            await self.conn.execute("SET search_path TO app")
        except Exception:
            await self.close()
            raise

    async def close(self):
        # ok: no-missing-client-release -- stopping a task is no database call
        self.stop_listening()
        await pool.putconn(self.conn)

    def stop_listening(self):
        pass


class Checked:
    def __init__(self, backend):
        self.backend = backend
        self.conn = None

    async def acquire(self):
        assert self.backend.pool is not None, "not started"
        # ok: no-missing-client-release
        self.conn = await pool.getconn()

    async def release(self):
        # ok: no-missing-client-release -- an assertion guards an invariant: when it fails the
        # object is already misused, it is no exception a release must survive
        assert self.backend.pool is not None, "not started"
        await pool.putconn(self.conn)
        self.conn = None


async def open_session():
    # ok: no-missing-client-release -- returned closures over one connection: an open/close pair
    conn = await pool.getconn()

    async def query(sql):
        return await conn.execute(sql)

    async def release():
        await pool.putconn(conn)

    return query, release
