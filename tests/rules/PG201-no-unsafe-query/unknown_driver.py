"""PG201 no-unsafe-query — a module of functions handed their cursor or connection.

No driver is imported here: the cursor comes from a caller elsewhere. A call
shaped like a DB-API or asyncpg query whose text is PostgreSQL is a query of an
unknown driver; text that is not SQL, and receivers the code says are something
else, are not.
"""

from .jobs import Runner


def find_by_name(cur, name):
    # ruleid: no-unsafe-query
    cur.execute("SELECT id FROM tags WHERE name = '" + name + "'")
    return cur.fetchall()


async def count_since(conn, day):
    # ruleid: no-unsafe-query
    return await conn.fetchval(f"SELECT count(*) FROM events WHERE day >= '{day}'")


def hide(db, tag_id):
    # ruleid: no-unsafe-query
    db.cursor().execute("UPDATE tags SET hidden = true WHERE id = %s" % tag_id)


def parameterised(cur, name):
    # ok: no-unsafe-query
    cur.execute("SELECT id FROM tags WHERE name = %s", (name,))


def numeric(cur, limit):
    # ok: no-unsafe-query -- a number cannot change the statement
    cur.execute("SELECT id FROM tags LIMIT %d" % int(limit))


def shell_command(remote, path):
    # ok: no-unsafe-query -- not SQL: a shell command run by some other object's execute
    remote.execute("rm -rf " + path)


def graph_query(client, name):
    # ok: no-unsafe-query -- not SQL
    client.execute("query { tag(name: \"" + name + "\") { id } }")


def typed(runner: Runner, name):
    # ok: no-unsafe-query -- annotated with a class of the project: its own execute
    runner.execute("DELETE FROM tags WHERE name = '" + name + "'")


def constructed(name):
    job = Runner()
    # ok: no-unsafe-query -- an object the code constructs, not a driver's cursor
    job.execute("DELETE FROM tags WHERE name = '" + name + "'")


def plpython(plpy, name):
    # ruleid: no-unsafe-query
    return plpy.execute(f"SELECT id FROM tags WHERE name = '{name}'", 1)


def from_context(ctx: "Context", name):
    # ruleid: no-unsafe-query -- the annotation is the context's, not its db's
    return ctx.db.execute("DELETE FROM tags WHERE name = '" + name + "'")
