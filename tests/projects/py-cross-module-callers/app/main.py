import sys

import psycopg2

from app import drop_database
from app.admin import batch_ids, drop_queue, use_schema, purge_queue
from app.settings import ARCHIVE_SCHEMA, CONFIG


def reset(conn):
    drop_database(conn, CONFIG["postgres"]["database"])
    batch_ids(conn, 10)
    batch_ids(conn, len(sys.argv))
    use_schema(conn, ARCHIVE_SCHEMA)


def cleanup(conn, name):
    drop_queue(conn, name)


HANDLERS = {"purge": purge_queue}


if __name__ == "__main__":
    connection = psycopg2.connect("")
    reset(connection)
    cleanup(connection, sys.argv[1])
