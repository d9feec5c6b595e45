"""PG302 no-hardcoded-credentials — Django's DATABASES settings and pg8000.

A literal ``PASSWORD`` of a PostgreSQL backend is a password in the source; one read from the
environment (``os.environ``, ``os.getenv``) is not.
"""

import os

import pg8000.native

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "HOST": "db.internal",
        # ruleid: no-hardcoded-credentials
        "PASSWORD": "hunter2",
    },
    "replica": {
        "ENGINE": "django.db.backends.postgresql",
        "HOST": "replica.internal",
        # ok: no-hardcoded-credentials
        "PASSWORD": os.environ["REPLICA_PASSWORD"],
    },
    "local": {
        "ENGINE": "django.db.backends.postgresql",
        "HOST": "localhost",
        # ok: no-hardcoded-credentials -- a server on this machine
        "PASSWORD": "postgres",
    },
}


def connect_reports():
    # ruleid: no-hardcoded-credentials
    with pg8000.native.Connection("reports", host="db.internal", password="s3cret") as con:
        return con.run("SELECT 1")


def connect_from_env():
    # ok: no-hardcoded-credentials
    with pg8000.native.Connection("reports", host="db.internal", password=os.getenv("PGPASSWORD")) as con:
        return con.run("SELECT 1")
