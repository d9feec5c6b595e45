"""PG106 no-floating-query — a coroutine stored in a variable nobody reads never runs."""

import asyncpg


async def touch(conn: asyncpg.Connection, user_id):
    pending = None
    # ruleid: no-floating-query
    pending = conn.execute("UPDATE users SET seen_at = now() WHERE id = $1", user_id)


async def touch_awaited(conn: asyncpg.Connection, user_id):
    # ok: no-floating-query
    pending = conn.execute("UPDATE users SET seen_at = now() WHERE id = $1", user_id)
    await pending
