"""Callers of app/db.py helpers."""
from app import db
from app.db import (apool, acquire_conn, commit_and_put, connection, connection_without_finally,
                    get_conn, get_conn_with_retry, log_activity, put_conn, run_in_transaction,
                    run_in_transaction_forgetful)


def list_orders(user_id):
    # ruleid: no-missing-client-release -- get_conn() returns a checkout nobody gives back
    conn = get_conn()
    with conn.cursor() as cur:
        cur.execute("SELECT id FROM orders WHERE user_id = %s", (user_id,))
        return cur.fetchall()


def list_orders_safely(user_id):
    # ok: no-missing-client-release
    conn = get_conn()
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT id FROM orders WHERE user_id = %s", (user_id,))
            return cur.fetchall()
    finally:
        put_conn(conn)


def through_module():
    # ruleid: no-missing-client-release
    conn = db.get_conn()
    conn.cursor().execute("SELECT 1")


def retried():
    # ruleid: no-missing-client-release -- a recursive helper still returns a checkout
    conn = get_conn_with_retry(3)
    conn.cursor().execute("SELECT 1")


async def async_helper():
    # ruleid: no-missing-client-release
    conn = await acquire_conn(apool)
    return await conn.fetchval("SELECT 1")


def released_only_if_query_succeeds():
    # ruleid: no-missing-client-release -- put_conn() runs only after the query
    conn = get_conn()
    conn.cursor().execute("SELECT 1")
    put_conn(conn)


def commit_then_put():
    # ok: no-missing-client-release -- commit_and_put() takes the connection over (and is reported itself)
    conn = get_conn()
    commit_and_put(conn)


def transfer(src, dst, amount):
    # ok: no-missing-client-release -- run_in_transaction() gives it back in finally
    conn = get_conn()

    def move(c):
        with c.cursor() as cur:
            cur.execute("UPDATE accounts SET balance = balance - %s WHERE id = %s", (amount, src))
            cur.execute("UPDATE accounts SET balance = balance + %s WHERE id = %s", (amount, dst))

    return run_in_transaction(conn, move)


def transfer_forgetful(src, amount):
    # ok: no-missing-client-release -- the helper owns the release (and is reported)
    conn = get_conn()
    return run_in_transaction_forgetful(conn, lambda c: c.cursor().execute("SELECT %s", (src,)))


def stats_then_forget():
    # ruleid: no-missing-client-release -- log_activity() only borrows the connection
    conn = get_conn()
    log_activity(conn)


def stats_then_put():
    # ok: no-missing-client-release
    conn = get_conn()
    try:
        log_activity(conn)
    finally:
        put_conn(conn)


def managed():
    with connection() as conn:
        with conn.cursor() as cur:
            cur.execute("SELECT 1")


def managed_by_a_leaky_helper():
    with connection_without_finally() as conn:
        with conn.cursor() as cur:
            cur.execute("SELECT 1")


async def managed_async():
    async with db.aconnection() as conn:
        return await conn.fetchval("SELECT 1")
