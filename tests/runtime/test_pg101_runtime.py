"""PG101 against a real server: the documented leak exhausts the pool, the fix holds.

Each example runs N+1 times against a pool of N connections with the failure
its witness path names injected (a query that raises: a user id the server
cannot read as an integer). The bad example's N+1-th checkout fails with the
driver's own exhaustion error, and pglint reports PG101; the good example
holds no connection afterwards and pglint is silent. See docs/runtime.md.
"""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from conftest import Server
from harness import (POOL_TIMEOUT_S, call_each, doc_example, exec_python, findings, module_with, require_module,
                     run_js)

N = 3
FAILING_USER_ID = "not-a-number"  # the query raises: invalid input syntax for type integer


# -- node-postgres: the docs' JavaScript examples ----------------------------------------------

def test_node_postgres_bad_example_exhausts_the_pool(pg_server: Server) -> None:
    snippet = doc_example("PG101", "Example", "js")
    assert findings(snippet, ".js") == ["PG101"]
    result = run_js(snippet, "getUserOrders", [[1]] * (N + 1), pg_server, pg_server, max_clients=N)
    assert [c["ok"] for c in result["calls"]] == [True] * N + [False]
    assert result["calls"][N]["error"] == "timeout exceeded when trying to connect"
    assert result["pool"] == {"total": N, "idle": 0, "waiting": 0}
    assert result["server"]["n"] == N


def test_node_postgres_good_example_releases_on_every_path(pg_server: Server) -> None:
    snippet = doc_example("PG101", "Use instead", "js")
    assert findings(snippet, ".js") == []
    result = run_js(snippet, "getUserOrders", [[FAILING_USER_ID]] * (N + 1) + [[1]], pg_server, pg_server,
                    max_clients=N)
    assert [c["ok"] for c in result["calls"]] == [False] * (N + 1) + [True]
    assert all("invalid input syntax for type integer" in c["error"] for c in result["calls"][:N + 1])
    assert result["pool"]["idle"] == result["pool"]["total"]


# -- psycopg_pool: the docs' Python examples ---------------------------------------------------

def _psycopg_pool_module(server: Server, opened: list[Any]) -> dict[str, Any]:
    real = require_module("psycopg_pool")

    def connection_pool(conninfo: str = "", **kwargs: Any) -> Any:
        pool = real.ConnectionPool(server.dsn(), min_size=N, max_size=N, timeout=POOL_TIMEOUT_S, open=True)
        opened.append(pool)
        return pool

    return {"psycopg_pool": module_with("psycopg_pool", real, ConnectionPool=connection_pool)}


def test_psycopg_pool_bad_example_exhausts_the_pool(pg_server: Server) -> None:
    snippet = doc_example("PG101", "Example", "python")
    assert findings(snippet, ".py") == ["PG101"]
    pools: list[Any] = []
    example = exec_python(snippet, _psycopg_pool_module(pg_server, pools))
    try:
        outcomes = call_each(example["get_user"], [(FAILING_USER_ID,)] * (N + 1))
        assert [type(o).__name__ for o in outcomes] == ["InvalidTextRepresentation"] * N + ["PoolTimeout"]
        assert "couldn't get a connection after 1.00 sec" in str(outcomes[N])
        assert pools[0].get_stats()["pool_available"] == 0
    finally:
        pools[0].close(timeout=0)


def test_psycopg_pool_good_example_releases_on_every_path(pg_server: Server) -> None:
    snippet = doc_example("PG101", "Use instead", "python")
    assert findings(snippet, ".py") == []
    pools: list[Any] = []
    example = exec_python(snippet, _psycopg_pool_module(pg_server, pools))
    try:
        outcomes = call_each(example["get_user"], [(FAILING_USER_ID,)] * (N + 1) + [(1,)])
        assert [type(o).__name__ for o in outcomes] == ["InvalidTextRepresentation"] * (N + 1) + ["tuple"]
        # none held: all N connections can be checked out at once (returned ones may still be
        # being reset by the pool's worker, so the count of available ones can lag)
        held = [pools[0].getconn(timeout=POOL_TIMEOUT_S) for _ in range(N)]
        for conn in held:
            pools[0].putconn(conn)
    finally:
        pools[0].close(timeout=0)


# -- psycopg2's pool and asyncpg's pool: the same example written for them -------------------

PSYCOPG2_BAD = '''\
from psycopg2.pool import ThreadedConnectionPool

pool = ThreadedConnectionPool(1, 3, "dbname=app")

def get_user(user_id):
    conn = pool.getconn()
    with conn.cursor() as cur:
        cur.execute("SELECT name FROM users WHERE id = %s", (user_id,))
        row = cur.fetchone()
    pool.putconn(conn)  # skipped when the query raises
    return row
'''

PSYCOPG2_GOOD = '''\
from psycopg2.pool import ThreadedConnectionPool

pool = ThreadedConnectionPool(1, 3, "dbname=app")

def get_user(user_id):
    conn = pool.getconn()
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT name FROM users WHERE id = %s", (user_id,))
            return cur.fetchone()
    finally:
        pool.putconn(conn)
'''


def _psycopg2_pool_module(server: Server, opened: list[Any]) -> dict[str, Any]:
    real = require_module("psycopg2.pool")

    def threaded_pool(minconn: int, maxconn: int, *args: Any, **kwargs: Any) -> Any:
        pool = real.ThreadedConnectionPool(1, N, server.dsn())
        opened.append(pool)
        return pool

    return {"psycopg2.pool": module_with("psycopg2.pool", real, ThreadedConnectionPool=threaded_pool)}


@pytest.mark.parametrize("source, leaks", [(PSYCOPG2_BAD, True), (PSYCOPG2_GOOD, False)], ids=["bad", "good"])
def test_psycopg2_pool(pg_server: Server, source: str, leaks: bool) -> None:
    assert findings(source, ".py") == (["PG101"] if leaks else [])
    pools: list[Any] = []
    example = exec_python(source, _psycopg2_pool_module(pg_server, pools))
    try:
        outcomes = call_each(example["get_user"], [(FAILING_USER_ID,)] * (N + 1))
        names = [type(o).__name__ for o in outcomes]
        if leaks:
            assert names == ["InvalidTextRepresentation"] * N + ["PoolError"]
            assert str(outcomes[N]) == "connection pool exhausted"
        else:
            assert names == ["InvalidTextRepresentation"] * (N + 1)
            assert len(pools[0]._used) == 0
    finally:
        pools[0].closeall()


ASYNCPG_BAD = '''\
import asyncpg


async def get_user(pool: asyncpg.Pool, user_id):
    conn = await pool.acquire()
    row = await conn.fetchrow("SELECT name FROM users WHERE id = $1::int", user_id)
    await pool.release(conn)  # skipped when the query raises
    return row
'''

ASYNCPG_GOOD = '''\
import asyncpg


async def get_user(pool: asyncpg.Pool, user_id):
    async with pool.acquire() as conn:
        return await conn.fetchrow("SELECT name FROM users WHERE id = $1::int", user_id)
'''


@pytest.mark.parametrize("source, leaks", [(ASYNCPG_BAD, True), (ASYNCPG_GOOD, False)], ids=["bad", "good"])
def test_asyncpg_pool(pg_server: Server, source: str, leaks: bool) -> None:
    asyncpg = require_module("asyncpg")
    assert findings(source, ".py") == (["PG101"] if leaks else [])
    example = exec_python(source, {})

    async def scenario() -> tuple[list[str], int, int]:
        pool = await asyncpg.create_pool(pg_server.url(), min_size=N, max_size=N)
        try:
            names = []
            for _ in range(N + 1):
                try:
                    # asyncpg's acquire waits for ever: the test gives up after the pool timeout
                    await asyncio.wait_for(example["get_user"](pool, FAILING_USER_ID), POOL_TIMEOUT_S)
                    names.append("ok")
                except (Exception, asyncio.TimeoutError) as exc:
                    names.append(type(exc).__name__)
            return names, pool.get_size(), pool.get_idle_size()
        finally:
            pool.terminate()

    names, size, idle = asyncio.run(scenario())
    if leaks:
        assert names == ["DataError"] * N + ["TimeoutError"]
        assert (size, idle) == (N, 0)
    else:
        assert names == ["DataError"] * (N + 1)
        assert (size, idle) == (N, N)
