"""self.method() of a base class defined in another project module."""
from app.db import BaseRepository


class OrderRepository(BaseRepository):
    def count(self):
        # ruleid: no-missing-client-release -- the inherited connection() returns a checkout
        conn = self.connection()
        conn.cursor().execute("SELECT count(*) FROM orders")

    def count_safely(self):
        # ok: no-missing-client-release -- the inherited give_back() releases it
        conn = self.connection()
        try:
            conn.cursor().execute("SELECT count(*) FROM orders")
        finally:
            self.give_back(conn)
