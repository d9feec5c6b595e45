# PG103 — a direct connection passed to a wrapper and closed by the same function afterwards stays
# the function's to close (issue 12).
import psycopg

from .session import Queries, Session


def session_then_close(dsn):
    # ruleid: no-unclosed-connection -- SET can fail before the `try`
    conn = psycopg.connect(dsn)
    session = Session(conn)
    session.run("SET search_path TO app")
    try:
        return session.run("SELECT 1")
    finally:
        conn.close()


def close_through_the_wrapper(dsn):
    # ruleid: no-unclosed-connection -- `session.conn` is the connection
    conn = psycopg.connect(dsn)
    session = Session(conn)
    session.run("SET search_path TO app")
    try:
        return session.run("SELECT 1")
    finally:
        session.conn.close()


def handed_to_session(dsn):
    # ok: no-unclosed-connection -- the session owns it from here
    conn = psycopg.connect(dsn)
    return Session(conn)


def kept_by_the_app(app, dsn):
    # ok: no-unclosed-connection -- wrapping the wrapper in another object cannot fail in practice
    conn = psycopg.connect(dsn)
    app.state["queries"] = Queries(Session(conn))
    try:
        app.run()
    finally:
        conn.close()
