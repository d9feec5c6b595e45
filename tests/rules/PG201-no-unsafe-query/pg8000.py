"""PG201 no-unsafe-query — pg8000 (DB-API and native).

``cursor.execute(sql, args)`` takes ``%s`` placeholders; ``pg8000.native.Connection.run(sql,
**params)`` takes ``:name`` placeholders filled from keyword arguments.
"""

import pg8000.dbapi
import pg8000.native


def dbapi_search(name):
    with pg8000.dbapi.connect(user="app") as conn:
        cur = conn.cursor()
        # ruleid: no-unsafe-query
        cur.execute("SELECT id FROM users WHERE name = '" + name + "'")
        # ok: no-unsafe-query
        cur.execute("SELECT id FROM users WHERE name = %s", (name,))


def native_search(name):
    with pg8000.native.Connection("app") as con:
        # ruleid: no-unsafe-query
        con.run(f"SELECT id FROM users WHERE name = '{name}'")
        # ok: no-unsafe-query
        return con.run("SELECT id FROM users WHERE name = :name", name=name)


def quoted(table, name):
    with pg8000.native.Connection("app") as con:
        # ok: no-unsafe-query -- pg8000.native.identifier() / literal() quote their argument
        return con.run(f"SELECT id FROM {pg8000.native.identifier(table)} WHERE name = "
                       f"{pg8000.native.literal(name)}")
