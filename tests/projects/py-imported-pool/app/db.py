"""The project's pools, created once at import time (and one at startup)."""

import asyncpg
import psycopg2.pool

pool = psycopg2.pool.ThreadedConnectionPool(1, 10, "dbname=app")
apg: "asyncpg.Pool | None" = None


async def init_pools():
    global apg
    apg = await asyncpg.create_pool("dbname=app")


def get_connection():
    # ok: no-missing-client-release
    return pool.getconn()
