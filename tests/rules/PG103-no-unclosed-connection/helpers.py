"""PG103 — connections opened through a project helper (corpus causes, issue 11).

``with helper() as conn`` behaves like ``with`` on what the helper returns:
psycopg 3 closes the connection, psycopg2 only commits.
"""

import psycopg
import psycopg2

DSN = "dbname=app"


def open_v3():
    return psycopg.connect(DSN)


def open_v2():
    return psycopg2.connect(DSN)


def with_helper_v3_closes():
    # ok: no-unclosed-connection -- psycopg 3's `with` closes the connection the helper returns
    with open_v3() as conn:
        conn.execute("SELECT 1")


def with_helper_v2_only_commits():
    # ruleid: no-unclosed-connection -- psycopg2's `with` only commits
    with open_v2() as conn:
        conn.cursor().execute("SELECT 1")


def helper_v3_without_with():
    # ruleid: no-unclosed-connection
    conn = open_v3()
    conn.execute("SELECT 1")


# -- exception sources: logging and creating a cursor cannot throw in practice --------------

import logging

logger = logging.getLogger(__name__)


def logged_then_closed():
    # ok: no-unclosed-connection -- only `logger.info()` lies between the connect and the close
    conn = psycopg2.connect(DSN)
    logger.info("connected to %s", DSN)
    logging.getLogger("app").warning("still connected")
    print("connected")
    conn.close()


def cursor_then_closed():
    # ok: no-unclosed-connection -- `conn.cursor()` does no I/O
    conn = psycopg.connect(DSN)
    cur = conn.cursor()
    conn.close()
    return cur


def query_then_closed():
    # ruleid: no-unclosed-connection -- the query can fail before the close
    conn = psycopg2.connect(DSN)
    logger.info("connected")
    conn.cursor().execute("SELECT 1")
    conn.close()


# -- a connect the test expects to fail opens nothing ----------------------------------------

import unittest

import pytest


def test_bad_password_is_refused():
    with pytest.raises(psycopg.OperationalError):
        # ok: no-unclosed-connection -- the connect is expected to fail
        psycopg.connect("dbname=app password=bogus")
    # ruleid: no-unclosed-connection -- outside the `raises` block it is a real connection
    psycopg2.connect(DSN)


class RefusedTest(unittest.TestCase):
    def test_refused(self):
        with self.assertRaises(psycopg2.OperationalError):
            # ok: no-unclosed-connection
            conn = open_v2()
            conn.cursor().execute("SELECT 1")


def test_connect_is_mocked():
    from unittest import mock
    from unittest.mock import patch

    with patch.object(psycopg2, "connect", return_value=mock.Mock()):
        # ok: no-unclosed-connection -- the driver's connect is patched: a mock, no connection
        open_v2()
    with mock.patch("psycopg2.connect"):
        # ok: no-unclosed-connection
        psycopg2.connect(DSN)


# -- correlated conditions: the same unmodified flag guards the connect and the close --------

def run_query(own, conn=None):
    if own:
        # ok: no-unclosed-connection -- closed under the same `own`
        conn = psycopg2.connect(DSN)
    try:
        conn.cursor().execute("SELECT 1")
    finally:
        if own:
            conn.close()


def run_query_other_flag(own, close):
    if own:
        # ruleid: no-unclosed-connection -- `close` is not `own`
        conn = psycopg2.connect(DSN)
        conn.cursor().execute("SELECT 1")
        if close:
            conn.close()


def server_version():
    # ok: no-unclosed-connection -- `conn.info` is client-side state: no I/O, nothing throws
    conn = psycopg.connect(DSN)
    params = conn.info.get_parameters()
    conn.close()
    return params


# ok: no-unclosed-connection -- reading `cn.info` cannot throw: the close always runs
def close_quietly(cn=None):
    if cn:
        params = cn.info.get_parameters()
        cn.close()
        print(params)


def open_and_hand_to_closer():
    # ok: no-unclosed-connection
    conn = psycopg.connect(DSN)
    close_quietly(conn)
