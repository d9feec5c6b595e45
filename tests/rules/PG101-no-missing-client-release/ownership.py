# PG101 — passing a connection to a function or constructor pglint cannot see is no hand-over when
# the same function gives it back afterwards (issue 12): the release stays its duty.
import logging

from psycopg_pool import ConnectionPool

from .session import Session, wrap

pool = ConnectionPool("dbname=app")
logger = logging.getLogger(__name__)
labels = {}


def session_then_release():
    # ruleid: no-missing-client-release -- BEGIN can fail before the `try`
    conn = pool.getconn()
    session = Session(conn)
    session.run("BEGIN")
    try:
        session.run("SELECT 1")
    finally:
        pool.putconn(conn)


def release_through_the_wrapper():
    # ruleid: no-missing-client-release -- `session.conn` is the connection
    conn = pool.getconn()
    session = Session(conn)
    session.run("BEGIN")
    try:
        session.run("SELECT 1")
    finally:
        pool.putconn(session.conn)


def wrapped_in_try():
    # ok: no-missing-client-release
    conn = pool.getconn()
    try:
        session = Session(conn)
        session.run("SELECT 1")
    finally:
        pool.putconn(session.conn)


def keyed_then_release(sql):
    # ruleid: no-missing-client-release -- a dict key and a logger only look at it
    conn = pool.getconn()
    labels[conn] = sql
    logger.info("checked out %s", conn)
    conn.execute(sql)
    del labels[conn]
    pool.putconn(conn)


class Tracker:
    def __init__(self):
        self._conns = set()

    def run(self, sql):
        # ruleid: no-missing-client-release -- the set only borrows it: this method gives it back
        conn = pool.getconn()
        self._conns.add(conn)
        conn.execute(sql)
        self._conns.discard(conn)
        pool.putconn(conn)

    def keep(self):
        # ok: no-missing-client-release -- the set keeps it; whoever empties it gives it back
        conn = pool.getconn()
        self._conns.add(conn)


def helper_then_release():
    # ruleid: no-missing-client-release -- `wrap()` only uses it: the release is skipped when it raises
    conn = pool.getconn()
    wrap(conn)
    pool.putconn(conn)


def handed_to_session():
    # ok: no-missing-client-release -- returned inside the session: the caller's to give back
    conn = pool.getconn()
    return Session(conn)


def released_only_when_owned(owned):
    # ok: no-missing-client-release -- given back here on one path only: the other hands it over
    conn = pool.getconn()
    session = Session(conn)
    if owned:
        pool.putconn(conn)
    return session.id


def handed_over_on_success(registry):
    # ok: no-missing-client-release -- kept by the registry when it succeeds, given back when it fails
    conn = pool.getconn()
    try:
        registry.register(conn)
    except Exception:
        pool.putconn(conn)
        raise
