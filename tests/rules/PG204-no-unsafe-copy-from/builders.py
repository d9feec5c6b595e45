"""PG204 no-unsafe-copy-from — COPY text built by a local helper, called at the query."""

import psycopg2  # noqa: F401 -- the import gate: this module talks to PostgreSQL


def copy_from_file(path):
    return f"COPY imports FROM '{path}' CSV"


def load(cur, path):
    # ruleid: no-unsafe-copy-from
    cur.execute(copy_from_file(path))
