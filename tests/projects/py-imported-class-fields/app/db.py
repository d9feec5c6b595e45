"""The project's database class: its pool lives in a field (issue 12 fixture: fields of a
class imported by other modules)."""

import psycopg2.pool


class Database:
    def __init__(self, dsn):
        self.pool = psycopg2.pool.ThreadedConnectionPool(1, 4, dsn)

    def connection(self):
        return self.pool.getconn()
