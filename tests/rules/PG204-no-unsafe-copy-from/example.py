"""PG204 no-unsafe-copy-from — Python cases.

``COPY … FROM '<server file>'`` and ``FROM PROGRAM`` make the database server
read a file or run a command. ``FROM STDIN`` with the drivers' copy APIs
(``copy_expert``, psycopg 3 ``cur.copy``, asyncpg ``copy_to_table`` /
``copy_records_to_table``) and ``COPY … TO STDOUT`` are fine.
"""

import io

import aiopg
import asyncpg
import psycopg
import psycopg2

IMPORT_DIR = "/var/lib/imports"


def import_users(cur):
    # ruleid: no-unsafe-copy-from
    cur.execute("COPY users FROM PROGRAM 'curl -s https://example.com/users.csv'")


def server_file(conn: psycopg2.extensions.connection):
    cur = conn.cursor()
    # ruleid: no-unsafe-copy-from
    cur.execute("COPY users FROM '/var/data/users.csv' WITH (FORMAT csv)")


def server_file_built_from_input(conn: psycopg.Connection, name):
    # ruleid: no-unsafe-copy-from
    conn.execute(f"COPY users FROM '{IMPORT_DIR}/{name}' WITH (FORMAT csv)")


def copy_expert_with_a_file(cur):
    # ruleid: no-unsafe-copy-from
    cur.copy_expert("COPY users FROM '/tmp/users.csv' CSV", io.StringIO())


async def asyncpg_program(conn: asyncpg.Connection):
    # ruleid: no-unsafe-copy-from
    await conn.execute("COPY logs FROM PROGRAM 'gzip -dc /var/log/app.gz'")


async def asyncpg_pool_file(pool: asyncpg.Pool):
    # ruleid: no-unsafe-copy-from
    await pool.execute("COPY items (id, name) FROM '/srv/items.tsv'")


async def aiopg_file(pool: aiopg.Pool):
    async with pool.acquire() as conn:
        async with conn.cursor() as cur:
            # ruleid: no-unsafe-copy-from
            await cur.execute("COPY items FROM '/srv/items.csv' (FORMAT csv, HEADER)")


def psycopg3_copy_program(conn: psycopg.Connection):
    with conn.cursor() as cur:
        # ruleid: no-unsafe-copy-from
        with cur.copy("COPY items FROM PROGRAM 'cat /etc/passwd'") as copy:
            copy.write(b"")


def from_stdin(cur, f):
    # ok: no-unsafe-copy-from
    cur.copy_expert("COPY users FROM STDIN WITH (FORMAT csv)", f)


def psycopg3_stdin(conn: psycopg.Connection, rows):
    with conn.cursor() as cur:
        # ok: no-unsafe-copy-from
        with cur.copy("COPY users (id, name) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)


async def asyncpg_copy_api(conn: asyncpg.Connection, rows):
    # ok: no-unsafe-copy-from
    await conn.copy_records_to_table("users", records=rows, columns=["id", "name"])


async def asyncpg_copy_to_table(conn: asyncpg.Connection, path):
    # ok: no-unsafe-copy-from
    await conn.copy_to_table("users", source=path, format="csv")


def copy_to_stdout(cur, f):
    # ok: no-unsafe-copy-from
    cur.copy_expert("COPY users TO STDOUT WITH (FORMAT csv)", f)


def copy_in_a_string(conn: psycopg.Connection, note):
    # ok: no-unsafe-copy-from
    conn.execute("INSERT INTO notes (body) VALUES ('COPY t FROM ''/etc/passwd''')")


def copy_in_a_comment(cur):
    # ok: no-unsafe-copy-from
    cur.execute("-- COPY t FROM PROGRAM 'x'\nSELECT 1")


def psycopg2_copy_from_file_object(cur, f):
    # ok: no-unsafe-copy-from
    cur.copy_from(f, "users", sep=",")


def unknown_statement(cur, statement):
    # ok: no-unsafe-copy-from
    cur.execute(statement)
