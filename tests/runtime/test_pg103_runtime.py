"""PG103 against a real server: the documented unclosed connection piles up, the fix holds.

Direct connections have no pool: the limit they run out of is the server's
(``max_connections``; here a role's ``CONNECTION LIMIT`` of N, the same check
per role). Each example runs N+1 times as a role that may not read ``users``,
so the query raises where the witness path says. The bad example's N+1-th
connection is refused with ``too many connections for role``, and pglint
reports PG103; the good example leaves no connection open and pglint is
silent. See docs/runtime.md.

In Python the leaked connection stays open while anything refers to it; here
the exceptions are kept, as an error reporter keeps them, and their tracebacks
hold the frames. Once nothing refers to it, CPython's reference counting
closes a psycopg2/psycopg connection (asyncpg only warns): the leak then lasts
until the function's frame is gone.
"""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from conftest import LIMITED_ROLE, Server
from harness import call_each, doc_example, exec_python, findings, require_module, run_js, server_connections

N = 3
TOO_MANY = f'too many connections for role "{LIMITED_ROLE}"'
DENIED = "permission denied for table users"


@pytest.mark.parametrize("limited_role", [N], indirect=True)
def test_node_postgres_bad_example_keeps_connections_open(pg_server: Server, limited_role: Server) -> None:
    snippet = doc_example("PG103", "Example", "js")
    assert findings(snippet, ".js") == ["PG103"]
    result = run_js(snippet, "countUsers", [[]] * (N + 1), limited_role, pg_server, max_clients=N)
    assert [c.get("error") for c in result["calls"]] == [DENIED] * N + [TOO_MANY]
    assert result["server"]["n"] == N


@pytest.mark.parametrize("limited_role", [N], indirect=True)
def test_node_postgres_good_example_closes_on_every_path(pg_server: Server, limited_role: Server) -> None:
    snippet = doc_example("PG103", "Use instead", "js")
    assert findings(snippet, ".js") == []
    result = run_js(snippet, "countUsers", [[]] * (N + 1), limited_role, pg_server, max_clients=N)
    assert [c.get("error") for c in result["calls"]] == [DENIED] * (N + 1)
    assert result["server"]["n"] == 0


@pytest.mark.parametrize("limited_role", [N], indirect=True)
def test_psycopg2_bad_example_keeps_connections_open(pg_server: Server, limited_role: Server) -> None:
    require_module("psycopg2")
    snippet = doc_example("PG103", "Example", "python")
    assert findings(snippet, ".py") == ["PG103"]
    outcomes = call_each(exec_python(snippet, {})["count_users"], [(limited_role.dsn(),)] * (N + 1))
    assert [type(o).__name__ for o in outcomes] == ["InsufficientPrivilege"] * N + ["OperationalError"]
    assert TOO_MANY in str(outcomes[N])
    assert server_connections(pg_server, LIMITED_ROLE) == (N, 0)


@pytest.mark.parametrize("limited_role", [N], indirect=True)
def test_psycopg_good_example_closes_on_every_path(pg_server: Server, limited_role: Server) -> None:
    require_module("psycopg")
    snippet = doc_example("PG103", "Use instead", "python")
    assert findings(snippet, ".py") == []
    outcomes = call_each(exec_python(snippet, {})["count_users"], [(limited_role.dsn(),)] * (N + 1))
    assert [type(o).__name__ for o in outcomes] == ["InsufficientPrivilege"] * (N + 1)
    assert server_connections(pg_server, LIMITED_ROLE) == (0, 0)


# -- the same example written for psycopg 3 without `with`, and for asyncpg -------------------

PSYCOPG_BAD = '''\
import psycopg

def count_users(dsn):
    conn = psycopg.connect(dsn)
    n = conn.execute("SELECT count(*) FROM users").fetchone()[0]
    conn.close()  # skipped when the query raises
    return n
'''

PSYCOPG_GOOD = '''\
import psycopg

def count_users(dsn):
    conn = psycopg.connect(dsn)
    try:
        return conn.execute("SELECT count(*) FROM users").fetchone()[0]
    finally:
        conn.close()
'''


@pytest.mark.parametrize("limited_role", [N], indirect=True)
@pytest.mark.parametrize("source, leaks", [(PSYCOPG_BAD, True), (PSYCOPG_GOOD, False)], ids=["bad", "good"])
def test_psycopg_direct(pg_server: Server, limited_role: Server, source: str, leaks: bool) -> None:
    require_module("psycopg")
    assert findings(source, ".py") == (["PG103"] if leaks else [])
    outcomes = call_each(exec_python(source, {})["count_users"], [(limited_role.dsn(),)] * (N + 1))
    names = [type(o).__name__ for o in outcomes]
    if leaks:
        assert names == ["InsufficientPrivilege"] * N + ["OperationalError"]
        assert TOO_MANY in str(outcomes[N])
        # psycopg 3 opened a transaction for the query: each leaked connection also sits in it
        assert server_connections(pg_server, LIMITED_ROLE) == (N, N)
    else:
        assert names == ["InsufficientPrivilege"] * (N + 1)
        assert server_connections(pg_server, LIMITED_ROLE) == (0, 0)


ASYNCPG_BAD = '''\
import asyncpg

async def count_users(dsn):
    conn = await asyncpg.connect(dsn)
    n = await conn.fetchval("SELECT count(*) FROM users")
    await conn.close()  # skipped when the query raises
    return n
'''

ASYNCPG_GOOD = '''\
import asyncpg

async def count_users(dsn):
    conn = await asyncpg.connect(dsn)
    try:
        return await conn.fetchval("SELECT count(*) FROM users")
    finally:
        await conn.close()
'''


@pytest.mark.parametrize("limited_role", [N], indirect=True)
@pytest.mark.parametrize("source, leaks", [(ASYNCPG_BAD, True), (ASYNCPG_GOOD, False)], ids=["bad", "good"])
def test_asyncpg_direct(pg_server: Server, limited_role: Server, source: str, leaks: bool) -> None:
    require_module("asyncpg")
    assert findings(source, ".py") == (["PG103"] if leaks else [])
    count_users = exec_python(source, {})["count_users"]

    async def scenario() -> tuple[list[Any], tuple[int, int]]:
        outcomes: list[Any] = []
        for _ in range(N + 1):
            try:
                outcomes.append(await count_users(limited_role.url()))
            except Exception as exc:  # noqa: BLE001 - kept, as an error reporter keeps it
                outcomes.append(exc)
        return outcomes, server_connections(pg_server, LIMITED_ROLE)

    outcomes, held = asyncio.run(scenario())
    names = [type(o).__name__ for o in outcomes]
    if leaks:
        assert names == ["InsufficientPrivilegeError"] * N + ["TooManyConnectionsError"]
        assert TOO_MANY in str(outcomes[N])
        assert held == (N, 0)
    else:
        assert names == ["InsufficientPrivilegeError"] * (N + 1)
        assert held == (0, 0)
