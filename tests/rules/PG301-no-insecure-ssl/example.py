"""PG301 no-insecure-ssl — Python cases.

``sslmode=disable|allow|prefer|require`` in keyword options and connection
strings, asyncpg's ``ssl=False`` / ``ssl="require"`` and SSL contexts whose
verification is switched off are reported; ``verify-full`` / ``verify-ca``,
``ssl.create_default_context()`` and values read from the environment are not.
"""

import os
import ssl

import aiopg
import asyncpg
import psycopg
import psycopg2
import psycopg2.pool
import psycopg_pool

SSLMODE = "prefer"
DSN_VERIFIED = "host=db.internal dbname=app sslmode=verify-full sslrootcert=/etc/ssl/db-ca.pem"

# ruleid: no-insecure-ssl
conn = psycopg2.connect("host=db.internal dbname=app sslmode=require")

# ruleid: no-insecure-ssl
pool = psycopg2.pool.ThreadedConnectionPool(1, 10, host="db.internal", sslmode="disable")

unverified = ssl.create_default_context()
unverified.check_hostname = False
unverified.verify_mode = ssl.CERT_NONE


def psycopg_url():
    # ruleid: no-insecure-ssl
    return psycopg.connect("postgresql://app@db.internal/app?sslmode=allow")


def pool_kwargs():
    # ruleid: no-insecure-ssl
    return psycopg_pool.ConnectionPool("dbname=app", kwargs={"sslmode": "require"})


def constant_mode():
    # ruleid: no-insecure-ssl
    return psycopg.connect(host="db.internal", sslmode=SSLMODE)


async def asyncpg_ssl_off():
    # ruleid: no-insecure-ssl
    return await asyncpg.connect("postgresql://db.internal/app", ssl=False)


async def asyncpg_require():
    # ruleid: no-insecure-ssl
    return await asyncpg.create_pool(dsn="postgresql://db.internal/app", ssl="require")


async def asyncpg_unverified_context():
    # ruleid: no-insecure-ssl
    return await asyncpg.connect("postgresql://db.internal/app", ssl=unverified)


async def local_context_without_hostname_check():
    ctx = ssl.create_default_context(cafile="/etc/ssl/db-ca.pem")
    ctx.check_hostname = False
    # ruleid: no-insecure-ssl
    return await asyncpg.create_pool("postgresql://db.internal/app", ssl=ctx)


async def aiopg_dsn():
    # ruleid: no-insecure-ssl
    return await aiopg.create_pool("dbname=app host=db.internal sslmode=prefer")


def verify_full():
    # ok: no-insecure-ssl
    return psycopg2.connect(DSN_VERIFIED)


def verify_ca_keyword():
    # ok: no-insecure-ssl
    return psycopg.connect(host="db.internal", sslmode="verify-ca", sslrootcert="/etc/ssl/db-ca.pem")


def mode_from_environment():
    # ok: no-insecure-ssl
    return psycopg.connect(host="db.internal", sslmode=os.environ["PGSSLMODE"])


def dsn_from_environment():
    # ok: no-insecure-ssl
    return psycopg2.connect(os.getenv("DATABASE_URL"))


async def default_context():
    ctx = ssl.create_default_context(cafile="/etc/ssl/db-ca.pem")
    # ok: no-insecure-ssl
    return await asyncpg.connect("postgresql://db.internal/app", ssl=ctx)


async def asyncpg_verify_full():
    # ok: no-insecure-ssl
    return await asyncpg.connect("postgresql://db.internal/app?sslmode=verify-full")


def local_socket(dbname):
    # ok: no-insecure-ssl
    return psycopg.connect(dbname=dbname)


def mode_from_a_parameter(mode):
    # ok: no-insecure-ssl
    return psycopg.connect(host="db.internal", sslmode=mode)


async def asyncpg_ssl_true():
    # ok: no-insecure-ssl
    return await asyncpg.connect("postgresql://db.internal/app", ssl=True)
