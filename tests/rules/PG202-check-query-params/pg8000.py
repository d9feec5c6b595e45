"""PG202 check-query-params — pg8000.

The DB-API cursor uses ``%s`` (``paramstyle = "format"``); without arguments the text is sent
as it is. The native ``run()`` uses ``:name`` placeholders from keyword arguments, which are
not counted.
"""

import pg8000.dbapi
import pg8000.native


def dbapi(name, age):
    with pg8000.dbapi.connect(user="app") as conn:
        cur = conn.cursor()
        # ruleid: check-query-params
        cur.execute("SELECT id FROM users WHERE name = %s AND age = %s", (name,))
        # ok: check-query-params
        cur.execute("SELECT id FROM users WHERE name = %s AND age = %s", (name, age))


def native(name):
    with pg8000.native.Connection("app") as con:
        # ok: check-query-params -- :name placeholders are pg8000.native's own
        return con.run("SELECT id FROM users WHERE name = :name", name=name)
