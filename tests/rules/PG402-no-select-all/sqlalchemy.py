# PG402 — SQLAlchemy: the rows of `conn.execute(text(...))` read through its Result
# (`.first()`, `.one()`, `.all()`, `.mappings()`, iteration).
from sqlalchemy import text


def server_as_dict(db_conn, host_url):
    # ok: no-select-all -- the row is turned into a dict below: every column is wanted
    result = db_conn.execute(text("SELECT * FROM servers WHERE host_url = :host_url"), {"host_url": host_url})
    row = result.mappings().first()
    return dict(row) if row else None


def server_names(db_conn):
    # ruleid: no-select-all
    rows = db_conn.execute(text("SELECT * FROM servers")).all()
    return [r.name for r in rows]


def one_token(db_conn, user_id):
    # ruleid: no-select-all
    token = db_conn.execute(text("SELECT * FROM tokens WHERE user_id = :u"), {"u": user_id}).one()
    return token.access_token


def rows_as_dicts(db_conn):
    # ok: no-select-all -- `row._asdict()`: every column is wanted
    return [r._asdict() for r in db_conn.execute(text("SELECT * FROM import_polygon_delete"))]


def rows_as_mappings(db_conn):
    # ok: no-select-all -- `row._mapping` hands every column on
    result = db_conn.execute(text("SELECT * FROM embeddings"))
    return [row._mapping for row in result.fetchmany(100)]
