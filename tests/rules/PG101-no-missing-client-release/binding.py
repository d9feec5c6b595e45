"""PG101 — binding that follows the program, not only imports (issue 12).

A pool or connection reached through the project's own code: a method or
function that returns the pool, a field of a field, a parameter typed with a
project class, a helper returning a tuple, a driver imported with importlib,
a connection whose method is replaced. Each leak is only visible through that
binding; each has an ok twin that gives the connection back.
"""

import importlib

import psycopg2.pool

shared = psycopg2.pool.ThreadedConnectionPool(1, 4, "dbname=app")


def make_pool():
    return psycopg2.pool.ThreadedConnectionPool(1, 4, "dbname=app")


class Holder:
    def __init__(self):
        self.pool = psycopg2.pool.ThreadedConnectionPool(1, 4, "dbname=app")


class Database:
    def get_conn(self):
        return shared.getconn()


class Store:
    def __init__(self):
        self.db = Holder()

    def get_pool(self):
        return psycopg2.pool.ThreadedConnectionPool(1, 4, "dbname=app")

    # a pool returned by a method of the class
    def method_pool_leak(self):
        pool = self.get_pool()
        # ruleid: no-missing-client-release
        conn = pool.getconn()
        conn.cursor().execute("SELECT 1")

    def method_pool_ok(self):
        pool = self.get_pool()
        # ok: no-missing-client-release
        conn = pool.getconn()
        try:
            conn.cursor().execute("SELECT 1")
        finally:
            pool.putconn(conn)

    # a pool in a field of a field (`self.db.pool`)
    def nested_field_leak(self):
        # ruleid: no-missing-client-release
        conn = self.db.pool.getconn()
        conn.cursor().execute("SELECT 1")

    def nested_field_ok(self):
        # ok: no-missing-client-release
        conn = self.db.pool.getconn()
        try:
            conn.cursor().execute("SELECT 1")
        finally:
            self.db.pool.putconn(conn)


# a pool returned by a function of the module
def function_pool_leak():
    pool = make_pool()
    # ruleid: no-missing-client-release
    conn = pool.getconn()
    conn.cursor().execute("SELECT 1")


def function_pool_ok():
    pool = make_pool()
    # ok: no-missing-client-release
    conn = pool.getconn()
    try:
        conn.cursor().execute("SELECT 1")
    finally:
        pool.putconn(conn)


# a parameter typed with a project class: `db.get_conn()` is that class's method
def typed_param_leak(db: Database):
    # ruleid: no-missing-client-release
    conn = db.get_conn()
    conn.cursor().execute("SELECT 1")


def typed_param_ok(db: "Database | None"):
    assert db is not None
    # ok: no-missing-client-release
    conn = db.get_conn()
    try:
        conn.cursor().execute("SELECT 1")
    finally:
        shared.putconn(conn)


def constructed_leak():
    db = Database()
    # ruleid: no-missing-client-release
    conn = db.get_conn()
    conn.cursor().execute("SELECT 1")


# a helper returning the connection with its cursor
def open_both():
    conn = shared.getconn()
    cur = conn.cursor()
    return conn, cur


def tuple_leak():
    # ruleid: no-missing-client-release
    conn, cur = open_both()
    cur.execute("SELECT 1")


def tuple_ok():
    # ok: no-missing-client-release
    conn, cur = open_both()
    try:
        cur.execute("SELECT 1")
    finally:
        shared.putconn(conn)


# a driver imported with importlib
async def dynamic_import_leak():
    asyncpg = importlib.import_module("asyncpg")
    pool = await asyncpg.create_pool("dbname=app")
    # ruleid: no-missing-client-release
    conn = await pool.acquire()
    await conn.execute("SELECT 1")


async def dynamic_import_ok():
    asyncpg = importlib.import_module("asyncpg")
    pool = await asyncpg.create_pool("dbname=app")
    # ok: no-missing-client-release
    conn = await pool.acquire()
    try:
        await conn.execute("SELECT 1")
    finally:
        await pool.release(conn)


# a method replaced on the connection: it is still the connection
def replaced_method_leak():
    # ruleid: no-missing-client-release
    conn = shared.getconn()
    orig = conn.rollback
    conn.rollback = lambda: (print("rollback"), orig(), conn)
    conn.cursor().execute("SELECT 1")


def replaced_method_ok():
    # ok: no-missing-client-release
    conn = shared.getconn()
    orig = conn.rollback
    conn.rollback = lambda: (print("rollback"), orig(), conn)
    try:
        conn.cursor().execute("SELECT 1")
    finally:
        shared.putconn(conn)
