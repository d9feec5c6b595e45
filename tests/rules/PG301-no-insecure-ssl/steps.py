"""PG301 no-insecure-ssl: options dicts assembled in steps before the connection is made."""

import os

import asyncpg
import psycopg2


def subscripted():
    cfg = {"host": "db.internal"}
    # ruleid: no-insecure-ssl
    cfg["sslmode"] = "disable"
    return psycopg2.connect(**cfg)


def updated():
    cfg = {}
    # ruleid: no-insecure-ssl
    cfg.update(sslmode="require")
    return psycopg2.connect(**cfg)


def on_one_branch(debug):
    cfg = {"host": "db.internal", "sslmode": "verify-full"}
    if debug:
        # ruleid: no-insecure-ssl
        cfg["sslmode"] = "disable"
    return psycopg2.connect(**cfg)


async def asyncpg_ssl_off():
    cfg = dict(host="db.internal")
    # ruleid: no-insecure-ssl
    cfg["ssl"] = False
    return await asyncpg.connect(**cfg)


def verified():
    cfg = {}
    # ok: no-insecure-ssl
    cfg["sslmode"] = "verify-full"
    cfg["sslrootcert"] = "/etc/ssl/db-ca.pem"
    return psycopg2.connect(**cfg)


def from_environment():
    cfg = {}
    # ok: no-insecure-ssl
    cfg["sslmode"] = os.environ.get("PGSSLMODE", "verify-full")
    return psycopg2.connect(**cfg)
