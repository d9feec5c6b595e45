# PG203 — SQLAlchemy's text() is read like any SQL text; a test's schema comes from its fixture.
import pytest
from sqlalchemy import text


@pytest.fixture
def engine_with_academics(engine_with_schema):
    engine, schema = engine_with_schema
    with engine.begin() as conn:
        # ok: no-unsafe-search-path -- the schema the fixture made for the test
        conn.execute(text(f"SET search_path={schema}"))
    yield engine, schema


def switch_schema(conn, tenant):
    # ruleid: no-unsafe-search-path -- (PG201 is silent: a text() on a handle pglint cannot see)
    conn.execute(text(f"SET search_path TO {tenant}"))

