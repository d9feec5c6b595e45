# PG202 — SQLAlchemy's text(): every `:name` bind needs a value. Read only when certain: the text
# written out, run with a dict literal, no `.bindparams()`.
from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session

engine = create_engine("postgresql+psycopg2://app@db/app")


def bind_without_value(user_id):
    with engine.connect() as conn:
        # ruleid: check-query-params
        return conn.execute(text("SELECT name FROM users WHERE id = :id AND org = :org"), {"id": user_id}).all()


def every_bind_given(user_id, org):
    with engine.connect() as conn:
        # ok: check-query-params
        return conn.execute(text("SELECT name FROM users WHERE id = :id AND org = :org"),
                            {"id": user_id, "org": org}).all()


def statement_assigned_first(db: Session, user_id):
    stmt = text("UPDATE users SET seen = now() WHERE id = :user_id")
    # ruleid: check-query-params
    db.execute(stmt, {"id": user_id})


def value_from_bindparams(db: Session, user_id):
    stmt = text("UPDATE users SET seen = now() WHERE id = :user_id AND org = :org").bindparams(org=1)
    # ok: check-query-params -- `.bindparams()` gives :org its value
    db.execute(stmt, {"user_id": user_id})


def casts_and_escaped_colons(db: Session, day):
    # ok: check-query-params -- `::date` is a cast and `\:` a literal colon, not binds
    db.execute(text(r"SELECT CAST(:day AS date)::text, '10\:30'"), {"day": day})


def bind_against_a_cast(db: Session, day):
    # ok: check-query-params -- SQLAlchemy cuts `:day::date` to a bind `:da`: not read (uncertain)
    db.execute(text("SELECT :day::date"), {"day": day})


def dict_built_elsewhere(db: Session, params):
    # ok: check-query-params -- the keys are not known
    db.execute(text("SELECT * FROM users WHERE id = :id"), params)


def driver_sql(user_id):
    with engine.connect() as conn:
        # ok: check-query-params -- exec_driver_sql takes the DBAPI's own placeholders
        conn.exec_driver_sql("SELECT name FROM users WHERE id = %(id)s", {"user_id": user_id})
