"""PG201 no-unsafe-query — SQL built by a local helper from its parameters, called at the query."""

import psycopg2  # noqa: F401 -- the import gate: this module talks to PostgreSQL

from flask import request


def by_tag(tag):
    return f"SELECT id FROM logs WHERE tag = '{tag}'"


def logs(cur):
    # ruleid: no-unsafe-query
    cur.execute(by_tag(request.args["tag"]))


def fixed(cur):
    # ok: no-unsafe-query
    cur.execute(by_tag("deploy"))
