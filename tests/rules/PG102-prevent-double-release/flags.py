"""PG102 prevent-double-release — releases guarded by a flag the code sets before releasing."""

from psycopg2.pool import ThreadedConnectionPool

pool = ThreadedConnectionPool(1, 4, "dbname=app")


class Job:
    returned = False


def guarded_twice():
    conn = pool.getconn()
    returned = False
    try:
        conn.cursor().execute("SELECT 1")
        if not returned:
            returned = True
            pool.putconn(conn)
    finally:
        if not returned:
            returned = True
            # ok: prevent-double-release
            pool.putconn(conn)


def guarded_on_object(job: Job):
    conn = pool.getconn()
    if not job.returned:
        job.returned = True
        pool.putconn(conn)
    if not job.returned:
        job.returned = True
        # ok: prevent-double-release
        pool.putconn(conn)


def guard_never_set(job: Job):
    conn = pool.getconn()
    if not job.returned:
        pool.putconn(conn)
    if not job.returned:
        # ruleid: prevent-double-release
        pool.putconn(conn)
