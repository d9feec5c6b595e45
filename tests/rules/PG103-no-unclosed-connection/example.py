"""PG103 no-unclosed-connection — Python cases.

``with psycopg2.connect() as conn`` commits but does not close; psycopg 3's
``with`` closes; asyncpg connections are closed only by an awaited ``close()``.
"""

import sqlite3
from contextlib import closing

import aiopg
import asyncpg
import psycopg
import psycopg2

DSN = "dbname=app"
CONN = None


def connect_never_closed():
    # ruleid: no-unclosed-connection
    conn = psycopg2.connect(DSN)
    cur = conn.cursor()
    cur.execute("SELECT 1")
    return cur.fetchall()


def connect_closed_in_finally():
    # ok: no-unclosed-connection
    conn = psycopg2.connect(DSN)
    try:
        conn.cursor().execute("SELECT 1")
    finally:
        conn.close()


def close_only_on_success():
    # ruleid: no-unclosed-connection
    conn = psycopg2.connect(DSN)
    conn.cursor().execute("SELECT 1")
    conn.close()


def with_psycopg2_connect_does_not_close():
    # ruleid: no-unclosed-connection
    with psycopg2.connect(DSN) as conn:
        conn.cursor().execute("SELECT 1")


def with_conn_block_does_not_close():
    # ruleid: no-unclosed-connection
    conn = psycopg2.connect(DSN)
    with conn:
        conn.cursor().execute("SELECT 1")


def closing_closes():
    # ok: no-unclosed-connection
    with closing(psycopg2.connect(DSN)) as conn:
        conn.cursor().execute("SELECT 1")


def with_psycopg_connect_closes():
    # ok: no-unclosed-connection
    with psycopg.connect(DSN) as conn:
        conn.execute("SELECT 1")


def psycopg_with_existing_connection_closes():
    # ok: no-unclosed-connection
    conn = psycopg.connect(DSN)
    with conn:
        conn.execute("SELECT 1")


def psycopg_connect_never_closed():
    # ruleid: no-unclosed-connection
    conn = psycopg.connect(DSN)
    conn.execute("SELECT 1")


async def asyncpg_connect_closed_in_finally():
    # ok: no-unclosed-connection
    conn = await asyncpg.connect(DSN)
    try:
        await conn.fetch("SELECT 1")
    finally:
        await conn.close()


async def asyncpg_close_not_awaited():
    # ruleid: no-unclosed-connection
    conn = await asyncpg.connect(DSN)
    try:
        await conn.fetch("SELECT 1")
    finally:
        conn.close()


async def asyncpg_terminate_closes():
    # ok: no-unclosed-connection
    conn = await asyncpg.connect(DSN)
    try:
        await conn.fetch("SELECT 1")
    finally:
        conn.terminate()


async def psycopg_async_connect_closed():
    # ok: no-unclosed-connection
    conn = await psycopg.AsyncConnection.connect(DSN)
    try:
        await conn.execute("SELECT 1")
    finally:
        await conn.close()


async def psycopg_async_close_not_awaited():
    # ruleid: no-unclosed-connection
    conn = await psycopg.AsyncConnection.connect(DSN)
    try:
        await conn.execute("SELECT 1")
    finally:
        conn.close()


async def psycopg_async_with_closes():
    # ok: no-unclosed-connection
    async with await psycopg.AsyncConnection.connect(DSN) as conn:
        await conn.execute("SELECT 1")


async def aiopg_connect_managed():
    # ok: no-unclosed-connection
    async with aiopg.connect(DSN) as conn:
        cur = await conn.cursor()
        await cur.execute("SELECT 1")


async def aiopg_connect_never_closed():
    # ruleid: no-unclosed-connection
    conn = await aiopg.connect(DSN)
    cur = await conn.cursor()
    await cur.execute("SELECT 1")


def connection_returned_to_caller():
    # ok: no-unclosed-connection
    return psycopg2.connect(DSN)


def connection_stored_in_global():
    global CONN
    # ok: no-unclosed-connection
    CONN = psycopg2.connect(DSN)


class Database:
    def __init__(self):
        # ok: no-unclosed-connection
        self.conn = psycopg2.connect(DSN)

    def close(self):
        self.conn.close()


def sqlite_is_not_postgres():
    # ok: no-unclosed-connection
    db = sqlite3.connect("app.db")
    db.execute("SELECT 1")


def connect_not_awaited_is_no_connection():
    # ok: no-unclosed-connection
    pending = asyncpg.connect(DSN)
    return pending
