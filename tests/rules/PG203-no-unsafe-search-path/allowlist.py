"""PG203 no-unsafe-search-path — a schema checked against a fixed set before the statement."""

import psycopg2  # noqa: F401 -- the import gate: this module talks to PostgreSQL

SCHEMAS = frozenset({"north", "south"})


def guarded(cur, schema):
    if schema not in SCHEMAS:
        raise ValueError(schema)
    # ok: no-unsafe-search-path
    cur.execute("SET search_path TO " + schema)


def checked_too_late(cur, schema):
    # ruleid: no-unsafe-search-path
    cur.execute("SET search_path TO " + schema)
    if schema not in SCHEMAS:
        raise ValueError(schema)


def checked_without_leaving(cur, schema):
    if schema not in SCHEMAS:
        print("unexpected", schema)
    # ruleid: no-unsafe-search-path
    cur.execute("SET search_path TO " + schema)
