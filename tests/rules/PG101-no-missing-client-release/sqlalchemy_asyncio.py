# PG101 — SQLAlchemy's asyncio API: `await engine.connect()` (AsyncConnection is awaitable),
# `AsyncSession(engine)` and an `async_sessionmaker()`'s sessions; `await x.close()` or leaving
# `async with` gives the connection back, an un-awaited `close()` does nothing.
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine

engine = create_async_engine("postgresql+asyncpg://app@db/app")
SessionLocal = async_sessionmaker(engine, expire_on_commit=False)


async def connect_without_close():
    # ruleid: no-missing-client-release
    conn = await engine.connect()
    await conn.execute(text("SELECT 1"))


async def connect_closed_in_finally():
    # ok: no-missing-client-release
    conn = await engine.connect()
    try:
        await conn.execute(text("SELECT 1"))
    finally:
        await conn.close()


async def connect_in_async_with():
    # ok: no-missing-client-release
    async with engine.connect() as conn:
        await conn.execute(text("SELECT 1"))


async def begin_block():
    # ok: no-missing-client-release
    async with engine.begin() as conn:
        await conn.execute(text("SELECT 1"))


async def session_not_closed():
    # ruleid: no-missing-client-release
    session = SessionLocal()
    await session.execute(text("SELECT 1"))
    await session.commit()


async def session_close_not_awaited():
    # ruleid: no-missing-client-release -- `session.close()` without await does nothing
    session = AsyncSession(engine)
    try:
        await session.execute(text("SELECT 1"))
    finally:
        session.close()


async def session_closed():
    # ok: no-missing-client-release
    session = AsyncSession(engine)
    try:
        await session.execute(text("SELECT 1"))
    finally:
        await session.close()


async def session_in_async_with():
    # ok: no-missing-client-release
    async with SessionLocal() as session:
        await session.execute(text("SELECT 1"))


async def get_session():
    # ok: no-missing-client-release -- the FastAPI dependency idiom
    async with SessionLocal() as session:
        yield session
