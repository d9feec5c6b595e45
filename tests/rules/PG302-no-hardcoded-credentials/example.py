"""PG302 no-hardcoded-credentials — Python cases.

Literal passwords in keyword options (``password=``, psycopg_pool's
``kwargs=``) and in DSNs / URLs, followed through constants, are reported.
Environment variables, parameters, placeholders and DSNs without a password
are fine.
"""

import os

import aiopg
import asyncpg
import psycopg
import psycopg2
import psycopg2.pool
import psycopg_pool

DATABASE_URL = "postgresql://app:s3cr3t@db.internal/app"
PASSWORD = "hunter2"


async def connect():
    # ruleid: no-hardcoded-credentials
    return await asyncpg.connect("postgresql://app:hunter2@db/app")


def keyword_password():
    # ruleid: no-hardcoded-credentials
    return psycopg2.connect(host="db", user="app", password="hunter2")


def dsn_with_password():
    # ruleid: no-hardcoded-credentials
    return psycopg.connect("host=db dbname=app user=app password=hunter2")


def module_constant_url():
    # ruleid: no-hardcoded-credentials
    return psycopg.connect(DATABASE_URL)


def password_constant():
    # ruleid: no-hardcoded-credentials
    return psycopg2.pool.SimpleConnectionPool(1, 5, host="db", password=PASSWORD)


def pool_kwargs():
    # ruleid: no-hardcoded-credentials
    return psycopg_pool.ConnectionPool("host=db dbname=app", kwargs={"password": "hunter2"})


async def asyncpg_pool_keyword():
    # ruleid: no-hardcoded-credentials
    return await asyncpg.create_pool(user="app", password="hunter2", host="db")


async def aiopg_quoted_dsn():
    # ruleid: no-hardcoded-credentials
    return await aiopg.connect("dbname=app user=app password='hunter 2' host=db")


def f_string_url_with_literal_password(host):
    # ruleid: no-hardcoded-credentials
    return psycopg.connect(f"postgresql://app:hunter2@{host}/app")


async def from_environment():
    # ok: no-hardcoded-credentials
    return await asyncpg.connect(os.environ["DATABASE_URL"])


def password_from_environment():
    # ok: no-hardcoded-credentials
    return psycopg2.connect(host="db", user="app", password=os.environ.get("PGPASSWORD"))


def password_parameter(password):
    # ok: no-hardcoded-credentials
    return psycopg.connect(host="db", user="app", password=password)


def url_without_password():
    # ok: no-hardcoded-credentials
    return psycopg.connect("postgresql://app@db/app")


def placeholder_password():
    # ok: no-hardcoded-credentials
    return psycopg2.connect("host=db user=app password=${PGPASSWORD}")


def password_spliced_from_environment(host):
    secret = os.environ["PGPASSWORD"]
    # ok: no-hardcoded-credentials
    return psycopg.connect(f"postgresql://app:{secret}@{host}/app")


def empty_password():
    # ok: no-hardcoded-credentials
    return psycopg.connect(host="localhost", password="")


async def pool_from_environment():
    # ok: no-hardcoded-credentials
    return await asyncpg.create_pool(dsn=os.getenv("DATABASE_URL"), password=os.getenv("PGPASSWORD"))


# Local servers: a password for a database on this machine (loopback or a Unix socket) guards
# nothing another machine can reach — the well-known password of a docker test database.
def local_test_database():
    # ok: no-hardcoded-credentials
    return psycopg.connect("postgresql://postgres:postgres@localhost:5432/postgres")


def local_keywords():
    # ok: no-hardcoded-credentials
    return psycopg2.connect(host="127.0.0.1", port=54321, user="postgres", password="password")


def local_socket_dsn():
    # ok: no-hardcoded-credentials
    return psycopg2.connect("host=/var/run/postgresql dbname=app user=app password=app")


async def local_fallback_url():
    # ok: no-hardcoded-credentials
    return await asyncpg.connect(os.getenv("DATABASE_URL", "postgresql://postgres:postgres@localhost/x"))


def local_host_from_environment_with_local_default():
    # todook: no-hardcoded-credentials -- the Python frontend does not read os.getenv's default: the host is unknown
    return psycopg.connect(host=os.getenv("PGHOST", "localhost"), password="postgres")


def remote_host_list():
    # ruleid: no-hardcoded-credentials -- one of the hosts is another machine
    return psycopg.connect("host=localhost,db.internal user=app password=hunter2")


def unknown_host(host):
    # ruleid: no-hardcoded-credentials -- the host is not known here: it may be any server
    return psycopg2.connect(host=host, user="app", password="hunter2")


def no_host():
    # ruleid: no-hardcoded-credentials -- no host: PGHOST decides
    return psycopg2.connect(dbname="app", user="app", password="hunter2")


def remote_fallback_host():
    # ruleid: no-hardcoded-credentials -- an unset PGHOST falls back to a real server
    return psycopg.connect(host=os.getenv("PGHOST", "db.internal"), password="hunter2")


# One options mapping passed to two connections: one password, one finding.
# ruleid: no-hardcoded-credentials
SHARED = {"host": "db.internal", "password": "hunter2"}


def shared_options():
    admin = psycopg.connect(dbname="postgres", **SHARED)
    app = psycopg.connect(dbname="app", **SHARED)
    return admin, app


# -- placeholders and refused logins (issue 11) -----------------------------------------------------

import pytest  # noqa: E402

# ok: no-hardcoded-credentials -- metasyntactic placeholders in a scratch script
scratch = psycopg2.connect("dbname=db user=usr host=foo password=bar")


def test_wrong_password(server):
    with pytest.raises(psycopg.OperationalError):
        # ok: no-hardcoded-credentials -- a login expected to fail: the password is wrong on purpose
        psycopg.connect(dbname="app", user="app", password="bogus", host=server.host)


def test_right_password(server):
    # ruleid: no-hardcoded-credentials -- outside the expected failure it is a password
    psycopg.connect(dbname="app", user="app", password="s3cret-pw", host=server.host)
