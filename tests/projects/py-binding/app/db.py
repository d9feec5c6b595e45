"""The project's database layer: a class whose method hands out connections, and a
helper returning a connection with its cursor (issue 12 binding fixture)."""

import psycopg2.pool

pool = psycopg2.pool.ThreadedConnectionPool(1, 4, "dbname=app")


class Database:
    def connection(self):
        return pool.getconn()

    def give_back(self, conn):
        pool.putconn(conn)


def open_with_cursor():
    conn = pool.getconn()
    return conn, conn.cursor()


_reporting = None


def reporting_pool():
    global _reporting
    if _reporting is None:
        _reporting = psycopg2.pool.ThreadedConnectionPool(1, 2, "dbname=reports")
    return _reporting


_by_dsn = {}


def cached_pool(dsn):
    """A pool per DSN, cached in a module-level dictionary."""
    if dsn not in _by_dsn:
        pool = psycopg2.pool.ThreadedConnectionPool(1, 2, dsn)
        _by_dsn[dsn] = pool
    return _by_dsn[dsn]
