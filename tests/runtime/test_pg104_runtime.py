"""PG104 against a real server: the documented open transaction reaches the next user.

A pool of one client; the transfer's first UPDATE fails (the amount exceeds
the balance: a CHECK constraint), so the transaction is aborted when the
``finally`` gives the client back. With node-postgres the next caller of
``pool.connect()`` gets that client as it is and its first query fails with
``current transaction is aborted``; pglint reports PG104. The documented fix
rolls back first, and the next caller's transaction is its own
(``txid_current_if_assigned()`` is null). Pools that reset a connection on
release (psycopg2, psycopg_pool, asyncpg) hand out a clean connection after the
same code, which is why pglint is silent about them; aiopg closes the
connection instead of reusing it. See docs/runtime.md.
"""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from conftest import Server
from harness import (POOL_TIMEOUT_S, call_each, doc_example, exec_python, findings, module_with, require_module,
                     run_js)

TOO_MUCH = 1000  # accounts hold 100: the first UPDATE violates the balance's CHECK constraint
ABORTED = "current transaction is aborted, commands ignored until end of transaction block"
CHECK_VIOLATION = 'new row for relation "accounts" violates check constraint "accounts_balance_check"'


def test_node_postgres_bad_example_hands_the_next_user_an_aborted_transaction(pg_server: Server) -> None:
    snippet = doc_example("PG104", "Example", "js")
    assert findings(snippet, ".js") == ["PG104"]
    result = run_js(snippet, "transfer", [[1, 2, TOO_MUCH]], pg_server, pg_server, max_clients=1, next_user=True)
    assert [c.get("error") for c in result["calls"]] == [CHECK_VIOLATION]
    assert result["server"] == {"n": 1, "in_tx": 1}  # idle in transaction (aborted), back in the pool
    assert result["nextUser"] == {"ok": False, "error": ABORTED}


def test_node_postgres_good_example_rolls_back_before_release(pg_server: Server) -> None:
    snippet = doc_example("PG104", "Use instead", "js")
    assert findings(snippet, ".js") == []
    result = run_js(snippet, "transfer", [[1, 2, TOO_MUCH]], pg_server, pg_server, max_clients=1, next_user=True)
    assert [c.get("error") for c in result["calls"]] == [CHECK_VIOLATION]
    assert result["server"] == {"n": 1, "in_tx": 0}
    assert result["nextUser"] == {"ok": True, "xid": None}


# -- pools that reset on release: the same transfer, pglint silent, the next user clean ---------

PSYCOPG_POOL_TRANSFER = '''\
from psycopg_pool import ConnectionPool

pool = ConnectionPool("dbname=app")

def transfer(src, dst, amount):
    conn = pool.getconn()
    try:
        conn.execute("BEGIN")
        conn.execute("UPDATE accounts SET balance = balance - %s WHERE id = %s", (amount, src))
        conn.execute("UPDATE accounts SET balance = balance + %s WHERE id = %s", (amount, dst))
        conn.execute("COMMIT")
    finally:
        pool.putconn(conn)

def next_user():
    conn = pool.getconn()
    try:
        return conn.execute("SELECT txid_current_if_assigned()").fetchone()[0]
    finally:
        pool.putconn(conn)
'''

PSYCOPG2_POOL_TRANSFER = '''\
from psycopg2.pool import ThreadedConnectionPool

pool = ThreadedConnectionPool(1, 1, "dbname=app")

def transfer(src, dst, amount):
    conn = pool.getconn()
    try:
        with conn.cursor() as cur:
            cur.execute("BEGIN")
            cur.execute("UPDATE accounts SET balance = balance - %s WHERE id = %s", (amount, src))
            cur.execute("UPDATE accounts SET balance = balance + %s WHERE id = %s", (amount, dst))
            cur.execute("COMMIT")
    finally:
        pool.putconn(conn)

def next_user():
    conn = pool.getconn()
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT txid_current_if_assigned()")
            return cur.fetchone()[0]
    finally:
        pool.putconn(conn)
'''


def _pools(server: Server, opened: list[Any]) -> dict[str, Any]:
    psycopg_pool = require_module("psycopg_pool")
    psycopg2_pool = require_module("psycopg2.pool")

    def connection_pool(conninfo: str = "", **kwargs: Any) -> Any:
        opened.append(psycopg_pool.ConnectionPool(server.dsn(), min_size=1, max_size=1, timeout=POOL_TIMEOUT_S,
                                                  open=True))
        return opened[-1]

    def threaded_pool(minconn: int, maxconn: int, *args: Any, **kwargs: Any) -> Any:
        opened.append(psycopg2_pool.ThreadedConnectionPool(1, 1, server.dsn()))
        return opened[-1]

    return {"psycopg_pool": module_with("psycopg_pool", psycopg_pool, ConnectionPool=connection_pool),
            "psycopg2.pool": module_with("psycopg2.pool", psycopg2_pool, ThreadedConnectionPool=threaded_pool)}


@pytest.mark.parametrize("source, failure", [(PSYCOPG_POOL_TRANSFER, "CheckViolation"),
                                             (PSYCOPG2_POOL_TRANSFER, "CheckViolation")],
                         ids=["psycopg_pool", "psycopg2"])
def test_pool_that_resets_on_release(pg_server: Server, source: str, failure: str) -> None:
    assert findings(source, ".py") == []
    opened: list[Any] = []
    example = exec_python(source, _pools(pg_server, opened))
    try:
        outcomes = call_each(example["transfer"], [(1, 2, TOO_MUCH)])
        assert [type(o).__name__ for o in outcomes] == [failure]
        assert example["next_user"]() is None
    finally:
        pool = opened[0]
        pool.close(timeout=0) if hasattr(pool, "get_stats") else pool.closeall()


ASYNCPG_TRANSFER = '''\
import asyncpg

async def transfer(pool: asyncpg.Pool, src, dst, amount):
    conn = await pool.acquire()
    try:
        await conn.execute("BEGIN")
        await conn.execute("UPDATE accounts SET balance = balance - $1 WHERE id = $2", amount, src)
        await conn.execute("UPDATE accounts SET balance = balance + $1 WHERE id = $2", amount, dst)
        await conn.execute("COMMIT")
    finally:
        await pool.release(conn)
'''


def test_asyncpg_pool_resets_on_release(pg_server: Server) -> None:
    asyncpg = require_module("asyncpg")
    assert findings(ASYNCPG_TRANSFER, ".py") == []
    transfer = exec_python(ASYNCPG_TRANSFER, {})["transfer"]

    async def scenario() -> tuple[str, Any]:
        pool = await asyncpg.create_pool(pg_server.url(), min_size=1, max_size=1)
        try:
            try:
                await transfer(pool, 1, 2, TOO_MUCH)
                failure = "none"
            except Exception as exc:  # noqa: BLE001 - the failure is what the test looks at
                failure = type(exc).__name__
            async with pool.acquire() as conn:
                return failure, await conn.fetchval("SELECT txid_current_if_assigned()")
        finally:
            pool.terminate()

    assert asyncio.run(scenario()) == ("CheckViolationError", None)


def test_aiopg_bad_example_closes_the_connection_instead_of_reusing_it(pg_server: Server) -> None:
    aiopg = require_module("aiopg")
    snippet = doc_example("PG104", "Example", "python")
    assert findings(snippet, ".py") == ["PG104"]

    async def scenario() -> tuple[str, int, int, Any]:
        pool = await aiopg.create_pool(pg_server.dsn(), minsize=1, maxsize=1)

        async def shared_pool(*args: Any, **kwargs: Any) -> Any:  # the example creates "its" pool
            return pool

        example = exec_python(snippet, {"aiopg": module_with("aiopg", aiopg, create_pool=shared_pool)})
        try:
            async with pool.acquire() as conn:
                async with conn.cursor() as cur:
                    await cur.execute("SELECT pg_backend_pid()")
                    (first_pid,) = await cur.fetchone()
            try:
                await example["transfer"](None, 1, 2, TOO_MUCH)
                failure = "none"
            except Exception as exc:  # noqa: BLE001 - the failure is what the test looks at
                failure = type(exc).__name__
            async with pool.acquire() as conn:
                async with conn.cursor() as cur:
                    await cur.execute("SELECT pg_backend_pid(), txid_current_if_assigned()")
                    next_pid, xid = await cur.fetchone()
            return failure, first_pid, next_pid, xid
        finally:
            pool.terminate()
            await pool.wait_closed()

    with pytest.warns(ResourceWarning, match="Invalid transaction status on released connection"):
        failure, first_pid, next_pid, xid = asyncio.run(scenario())
    assert failure == "CheckViolation"
    assert next_pid != first_pid  # the connection left in the transaction was closed, not reused
    assert xid is None
