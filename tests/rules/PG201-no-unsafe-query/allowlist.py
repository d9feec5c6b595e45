"""PG201 no-unsafe-query — a value checked against a fixed set before it is spliced in."""

import psycopg2  # noqa: F401 -- the import gate: this module talks to PostgreSQL

STATES = ("open", "closed")


def by_state(cur, state):
    if state not in STATES:
        return None
    # ok: no-unsafe-query
    cur.execute(f"SELECT id FROM tickets WHERE state = '{state}'")
    return cur.fetchall()


def unguarded(cur, state):
    # ruleid: no-unsafe-query
    cur.execute(f"SELECT id FROM tickets WHERE state = '{state}'")
