"""PG302 no-hardcoded-credentials — a connection string built around a literal password."""

import os

import psycopg

HOST = os.environ["DB_HOST"]


def templated():
    # ruleid: no-hardcoded-credentials
    return psycopg.connect(f"postgresql://app:pa55-templ@{HOST}/app")


def templated_secret():
    # ok: no-hardcoded-credentials
    return psycopg.connect(f"postgresql://app:{os.environ['PGPASSWORD']}@{HOST}/app")
