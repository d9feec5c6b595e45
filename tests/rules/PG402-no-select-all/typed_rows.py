"""PG402 no-select-all: rows assigned to a name annotated with a class of the file that
describes the row (a TypedDict, NamedTuple or dataclass) are wanted whole."""

from typing import TypedDict

import asyncpg


class SyncRecord(TypedDict):
    id: int
    account_id: str
    access_token: str


async def typed_rows(pool: asyncpg.Pool, ids: list[str]) -> list[SyncRecord]:
    # ok: no-select-all
    records: list[SyncRecord] = await pool.fetch("SELECT * FROM sync WHERE account_id = ANY($1)", ids)
    for record in records:
        print(record["account_id"])
    return records


async def typed_row(pool: asyncpg.Pool, user_id: int) -> str | None:
    # ok: no-select-all
    record: SyncRecord | None = await pool.fetchrow("SELECT * FROM sync WHERE id = $1", user_id)
    return record["access_token"] if record else None


async def untyped_rows(pool: asyncpg.Pool, ids: list[str]) -> list[str]:
    # ruleid: no-select-all
    records: list[asyncpg.Record] = await pool.fetch("SELECT * FROM sync WHERE account_id = ANY($1)", ids)
    return [r["account_id"] for r in records]
