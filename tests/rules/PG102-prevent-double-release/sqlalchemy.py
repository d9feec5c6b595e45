# PG102 — SQLAlchemy: closing a Connection or a Session twice is harmless (Connection.close() does
# nothing once its DBAPI connection is gone; Session.close() leaves a session that can be used and
# closed again), so no double release is reported.
from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session

engine = create_engine("postgresql+psycopg2://app@db/app")


def close_twice():
    conn = engine.connect()
    try:
        conn.execute(text("SELECT 1"))
        # ok: prevent-double-release
        conn.close()
    finally:
        # ok: prevent-double-release
        conn.close()


def close_inside_with():
    with Session(engine) as session:
        session.execute(text("SELECT 1"))
        # ok: prevent-double-release
        session.close()
