# PG201 — SQLAlchemy: `text(sql)` sends the SQL as written and `exec_driver_sql(sql)` hands it to
# the DBAPI as is; values belong in bound parameters (`:name` with a dict, `bindparams`).
from fastapi import Depends
from sqlalchemy import create_engine, select, text
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from .models import User

engine = create_engine("postgresql+psycopg2://app@db/app")


def by_name(name):
    with engine.connect() as conn:
        # ruleid: no-unsafe-query
        return conn.execute(text(f"SELECT id FROM users WHERE name = '{name}'")).all()


def by_name_bound(name):
    with engine.connect() as conn:
        # ok: no-unsafe-query
        return conn.execute(text("SELECT id FROM users WHERE name = :name"), {"name": name}).all()


def statement_built_first(db: Session, email):
    stmt = text("SELECT id FROM users WHERE email = '" + email + "'")
    # ruleid: no-unsafe-query
    return db.execute(stmt).scalar()


def with_bindparams(db: Session, email):
    # ok: no-unsafe-query
    stmt = text("SELECT id FROM users WHERE email = :email").bindparams(email=email)
    return db.execute(stmt).scalar()


def driver_sql(user_id):
    with engine.connect() as conn:
        # ruleid: no-unsafe-query
        conn.exec_driver_sql("DELETE FROM users WHERE id = %s" % user_id)


def driver_sql_bound(user_id):
    with engine.connect() as conn:
        # ok: no-unsafe-query
        conn.exec_driver_sql("DELETE FROM users WHERE id = %(id)s", {"id": user_id})


def orm_select(db: Session, name):
    # ok: no-unsafe-query -- a Core construct: SQLAlchemy binds the value
    return db.execute(select(User).where(User.name == name)).scalars().all()


async def search(term, session: AsyncSession = Depends()):
    # ruleid: no-unsafe-query
    result = await session.execute(text(f"SELECT id FROM items WHERE title LIKE '%{term}%'"))
    return result.all()


async def search_bound(term, session: AsyncSession = Depends()):
    # ok: no-unsafe-query
    result = await session.execute(text("SELECT id FROM items WHERE title LIKE :t"), {"t": f"%{term}%"})
    return result.all()


def on_alembic_connection(op, table):
    session = Session(bind=op.get_bind())
    # ruleid: no-unsafe-query -- a session of any bind runs the text as written
    session.execute(text("SELECT id FROM items WHERE owner = '%s'" % table))


def column_chosen_by_the_caller(db_conn, column, value):
    # ok: no-unsafe-query -- a parameter in a name position, with a `:name` bind after it
    return db_conn.execute(text("SELECT count(*) FROM feedback WHERE " + column + " = :value"), {"value": value})


def value_from_the_caller(db_conn, value):
    # ok: no-unsafe-query -- a text() on a handle pglint cannot see: not reported (docs/drivers.md)
    return db_conn.execute(text("SELECT count(*) FROM feedback WHERE score = " + value))


def quoted_by_a_helper(db_conn, name):
    # ok: no-unsafe-query -- `literal_string` doubles the quote inside its quotes
    return db_conn.execute(text(f"SELECT 1 FROM tables WHERE name = {literal_string(name)}"))


def literal_string(s):
    return "'" + s.replace("'", "''") + "'"


def column_chosen_by_the_caller_in_branches(db_conn, column, value, score):
    args = {"value": value}
    query = "SELECT user_id FROM feedback WHERE " + column + " = :value"
    if score:
        query += " AND score = :score"
        args["score"] = score
    # ok: no-unsafe-query -- the name position is read before the branches merge the text
    return db_conn.execute(text(query + " ORDER BY created DESC"), args)
