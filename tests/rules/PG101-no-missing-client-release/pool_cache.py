"""PG101 — pools kept in a module-level dictionary by DSN (issue 12).

``_pools[dsn] = pool`` then ``return _pools[dsn]``: an element of the
dictionary is the pool stored there; a local dictionary of the same name is
not the module's.
"""

import psycopg2.pool

_pools = {}
_direct = {}


def pool_for(dsn):
    if dsn not in _pools:
        pool = psycopg2.pool.ThreadedConnectionPool(1, 4, dsn)
        _pools[dsn] = pool
    return _pools[dsn]


def direct_pool(dsn):
    if dsn not in _direct:
        _direct[dsn] = psycopg2.pool.ThreadedConnectionPool(1, 4, dsn)
    return _direct[dsn]


def cached_leak(dsn):
    pool = pool_for(dsn)
    # ruleid: no-missing-client-release
    conn = pool.getconn()
    conn.cursor().execute("UPDATE counters SET n = n + 1")
    pool.putconn(conn)


def cached_ok(dsn):
    pool = pool_for(dsn)
    # ok: no-missing-client-release
    conn = pool.getconn()
    try:
        conn.cursor().execute("UPDATE counters SET n = n + 1")
    finally:
        pool.putconn(conn)


def direct_leak(dsn):
    # ruleid: no-missing-client-release
    conn = direct_pool(dsn).getconn()
    conn.cursor().execute("SELECT 1")
    _direct[dsn].putconn(conn)


def element_leak(dsn):
    direct_pool(dsn)
    # ruleid: no-missing-client-release
    conn = _direct[dsn].getconn()
    conn.cursor().execute("SELECT 1")
    _direct[dsn].putconn(conn)


def shadowed_ok(dsn):
    _direct = {dsn: object()}
    # ok: no-missing-client-release
    conn = _direct[dsn].getconn()
    conn.cursor().execute("SELECT 1")
    _direct[dsn].putconn(conn)
