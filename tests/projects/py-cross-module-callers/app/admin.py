import psycopg2


def drop_database(conn, db_name):
    cur = conn.cursor()
    # ok: no-unsafe-query -- every caller (main.py, a pytest fixture in tests/fixtures.py) passes configuration
    cur.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '%s'" % db_name)


def batch_ids(conn, count):
    cur = conn.cursor()
    # ok: no-unsafe-query -- the only caller (main.py) passes a number
    cur.execute(f"SELECT nextval('ids') FROM generate_series(1, {count})")
    return cur.fetchall()


def use_schema(conn, schema):
    cur = conn.cursor()
    # ok: no-unsafe-search-path -- the only caller passes a module constant of app/settings.py
    cur.execute("SET search_path TO %s" % schema)


def drop_queue(conn, table):
    cur = conn.cursor()
    # ruleid: no-unsafe-query -- a caller (main.py) passes its own parameter, which comes from outside
    cur.execute("DELETE FROM jobs WHERE queue = '%s'" % table)


def clear_queue(conn, table):
    cur = conn.cursor()
    # ruleid: no-unsafe-query -- no project caller: a library function callable with anything
    cur.execute("DELETE FROM jobs WHERE queue = '%s'" % table)


def purge_queue(conn, table):
    cur = conn.cursor()
    # ruleid: no-unsafe-query -- passed around as a value (main.py): called with anything
    cur.execute("DELETE FROM jobs WHERE queue = '%s'" % table)
