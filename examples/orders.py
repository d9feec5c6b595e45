import os

from psycopg2.pool import ThreadedConnectionPool

pool = ThreadedConnectionPool(1, 10, os.environ["DATABASE_URL"])


def get_user_orders(user_id):
    conn = pool.getconn()
    with conn.cursor() as cur:
        cur.execute("SELECT id, total FROM orders WHERE user_id = %s", (user_id,))
        return cur.fetchall()  # Where's pool.putconn(conn)?
