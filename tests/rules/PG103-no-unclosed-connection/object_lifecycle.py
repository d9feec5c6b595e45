# PG103 — a direct connection kept in a field: the opening method raising after storing it, and the
# closing method letting an exception skip the close (issue 12).
import asyncpg


class Database:
    async def connect(self, dsn):
        # ruleid: no-unclosed-connection -- a caller whose connect() failed does not call close()
        self.conn = await asyncpg.connect(dsn)
        await self.conn.execute("SET search_path TO app")

    async def fetch(self, sql):
        return await self.conn.fetch(sql)

    async def close(self):
        # ruleid: no-unclosed-connection -- a failing UNLISTEN skips the close
        await self.conn.execute("UNLISTEN *")
        await self.conn.close()


class Reader:
    def __init__(self):
        self.conn = None

    async def __aenter__(self):
        # ok: no-unclosed-connection -- nothing can fail after the connection is stored
        self.conn = await asyncpg.connect()
        return self

    async def __aexit__(self, *exc):
        # ok: no-unclosed-connection
        await self.conn.close()
