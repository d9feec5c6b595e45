"""PG203 no-unsafe-search-path — the statement built by a local helper, called at the query."""

import psycopg2  # noqa: F401 -- the import gate: this module talks to PostgreSQL


def search_path_of(schema):
    return "SET search_path TO " + schema + ", public"


def enter(cur, tenant):
    # ruleid: no-unsafe-search-path
    cur.execute(search_path_of(tenant))


def fixed(cur):
    # ok: no-unsafe-search-path
    cur.execute(search_path_of("reporting"))
