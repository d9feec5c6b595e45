"""The project's database layer: helpers returning a dict that holds the pool and a
checked-out connection (issue 12 binding fixture)."""

import asyncpg
import psycopg2.pool

pool = psycopg2.pool.ThreadedConnectionPool(1, 4, "dbname=app")


def open_db():
    conn = pool.getconn()
    return {"pool": pool, "conn": conn}


async def open_async(apool: asyncpg.Pool):
    conn = await apool.acquire()
    return {"conn": conn, "schema": "public"}
