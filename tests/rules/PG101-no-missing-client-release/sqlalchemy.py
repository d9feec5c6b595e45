# PG101 — SQLAlchemy: `engine.connect()`, `engine.raw_connection()`, `Session(engine)` and a
# `sessionmaker()`'s sessions check a connection out of the engine's pool (QueuePool); `close()` or
# leaving `with` gives it back. `engine.begin()` is read only in its `with` form.
from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session, sessionmaker

engine = create_engine("postgresql+psycopg2://app@db/app")
SessionLocal = sessionmaker(bind=engine, autoflush=False)


def connect_without_close():
    # ruleid: no-missing-client-release
    conn = engine.connect()
    conn.execute(text("UPDATE jobs SET done = true"))
    conn.commit()


def connect_closed_on_the_happy_path_only():
    # ruleid: no-missing-client-release -- execute can raise before close()
    conn = engine.connect()
    rows = conn.execute(text("SELECT id FROM jobs")).all()
    conn.close()
    return rows


def connect_in_with():
    # ok: no-missing-client-release
    with engine.connect() as conn:
        return conn.execute(text("SELECT 1")).scalar()


def connect_closed_in_finally():
    # ok: no-missing-client-release
    conn = engine.connect()
    try:
        return conn.execute(text("SELECT 1")).scalar()
    finally:
        conn.close()


def connect_then_with():
    # ok: no-missing-client-release -- `with conn:` closes it
    conn = engine.connect()
    with conn:
        conn.execute(text("SELECT 1"))


def connect_returned():
    # ok: no-missing-client-release -- the caller owns it
    return engine.connect()


def begin_block():
    # ok: no-missing-client-release
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM sessions WHERE expired"))


def raw_connection_not_closed():
    # ruleid: no-missing-client-release
    dbapi_conn = engine.raw_connection()
    cur = dbapi_conn.cursor()
    cur.callproc("refresh_stats")
    dbapi_conn.commit()


def raw_connection_closed():
    # ok: no-missing-client-release
    dbapi_conn = engine.raw_connection()
    try:
        dbapi_conn.cursor().callproc("refresh_stats")
        dbapi_conn.commit()
    finally:
        dbapi_conn.close()


def session_not_closed(user_id):
    # ruleid: no-missing-client-release -- held from the first query until commit, and on error until GC
    session = Session(engine)
    session.execute(text("UPDATE users SET seen = now() WHERE id = :id"), {"id": user_id})
    session.commit()


def session_in_with():
    # ok: no-missing-client-release
    with Session(engine) as session:
        session.execute(text("SELECT 1"))


def sessionmaker_session_not_closed():
    # ruleid: no-missing-client-release
    db = SessionLocal()
    db.execute(text("SELECT 1"))


def sessionmaker_session_in_with():
    # ok: no-missing-client-release
    with SessionLocal() as db:
        db.execute(text("SELECT 1"))


def get_db():
    # ok: no-missing-client-release -- the FastAPI dependency idiom
    db = SessionLocal()
    try:
        yield db
    finally:
        db.close()


def session_from_the_factory_begin():
    # ok: no-missing-client-release -- sessionmaker.begin() is a context manager
    with SessionLocal.begin() as db:
        db.execute(text("SELECT 1"))


def session_on_a_connection_held_elsewhere(op):
    # ok: no-missing-client-release -- bound to alembic's connection: nothing is checked out
    session = Session(bind=op.get_bind())
    session.execute(text("UPDATE flags SET on = false"))


def session_on_an_unknown_bind(registry):
    # ok: no-missing-client-release -- the bind may be a connection: the model cannot tell
    session = Session(bind=registry["engine"])
    session.execute(text("SELECT 1"))


def session_on_the_engine_by_keyword():
    # ruleid: no-missing-client-release
    session = Session(bind=engine)
    session.execute(text("SELECT 1"))


def options_on_the_checkout():
    # ok: no-missing-client-release -- execution_options() returns the connection `with` closes
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("VACUUM"))


def options_then_close():
    # ok: no-missing-client-release
    conn = engine.connect().execution_options(isolation_level="AUTOCOMMIT")
    try:
        conn.execute(text("VACUUM"))
    finally:
        conn.close()


def options_never_closed():
    # ruleid: no-missing-client-release
    conn = engine.connect().execution_options(isolation_level="AUTOCOMMIT")
    conn.execute(text("VACUUM"))


def checked_out_and_closed_at_once():
    # ok: no-missing-client-release -- a connectivity probe
    engine.connect().close()


def used_inline():
    # ruleid: no-missing-client-release -- nothing closes this connection
    engine.connect().execute(text("SELECT 1"))
