"""PG302 no-hardcoded-credentials: options dicts assembled in steps before the connection is made."""

import os

import asyncpg
import psycopg2


def subscripted():
    cfg = {}
    cfg["user"] = "app"
    # ruleid: no-hardcoded-credentials
    cfg["password"] = "s3cret"
    return psycopg2.connect(**cfg)


def updated():
    cfg = {"host": "db.internal"}
    # ruleid: no-hardcoded-credentials
    cfg.update(user="app", password="s3cret")
    return psycopg2.connect(**cfg)


def updated_with_dict():
    cfg = dict(host="db.internal")
    # ruleid: no-hardcoded-credentials
    cfg.update({"password": "s3cret"})
    return psycopg2.connect(**cfg)


def keyword_dict():
    # ruleid: no-hardcoded-credentials
    cfg = dict(host="db.internal", password="s3cret")
    return psycopg2.connect(**cfg)


async def asyncpg_pool():
    cfg = {"host": "db.internal", "user": "app"}
    # ruleid: no-hardcoded-credentials
    cfg["password"] = "s3cret"
    return await asyncpg.create_pool(**cfg)


def from_environment():
    cfg = {}
    # ok: no-hardcoded-credentials
    cfg["password"] = os.environ["PGPASSWORD"]
    return psycopg2.connect(**cfg)


def overwritten_before_use():
    cfg = {"password": "changeme"}
    # ok: no-hardcoded-credentials
    cfg["password"] = os.environ.get("PGPASSWORD")
    return psycopg2.connect(**cfg)


def written_after_use():
    cfg = {"host": "db.internal"}
    conn = psycopg2.connect(**cfg)
    # ok: no-hardcoded-credentials -- written after the connection was made
    cfg["password"] = "s3cret"
    return conn
