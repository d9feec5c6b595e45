import psycopg2
import pytest

from app.admin import drop_database


@pytest.fixture
def clean_db(test_config):
    conn = psycopg2.connect("")
    drop_database(conn, test_config["database"])
    yield conn
