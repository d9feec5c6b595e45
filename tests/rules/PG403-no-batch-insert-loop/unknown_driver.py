"""PG403 no-batch-insert-loop — a module handed its cursor or connection (no driver imported)."""


def add_all(cur, names):
    for name in names:
        # ruleid: no-batch-insert-loop
        cur.execute("INSERT INTO tags (name) VALUES (%s)", (name,))


async def owners(conn, tag_ids):
    out = []
    for tag_id in tag_ids:
        # ruleid: no-batch-insert-loop
        out.append(await conn.fetchrow("SELECT owner FROM tags WHERE id = $1", tag_id))
    return out


def add_batch(cur, names):
    # ok: no-batch-insert-loop
    cur.executemany("INSERT INTO tags (name) VALUES (%s)", [(n,) for n in names])


def fixed(cur):
    for name in ("red", "green"):
        # ok: no-batch-insert-loop -- two rows written in the code
        cur.execute("INSERT INTO tags (name) VALUES (%s)", (name,))


def commands(remote, hosts):
    for host in hosts:
        # ok: no-batch-insert-loop -- not SQL
        remote.execute("ssh " + host + " uptime")
