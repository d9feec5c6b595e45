"""PG203 no-unsafe-search-path — Python cases.

``SET search_path`` with a spliced non-constant schema, and
``set_config('search_path', …)`` fed a parameter, are reported. A constant
schema list, ``sql.Identifier`` composition and other settings are fine.
"""

import aiopg
import asyncpg
import psycopg
import psycopg2
from psycopg2 import sql as sql2

DEFAULT_SCHEMA = "app"
TENANTS = {"acme": "tenant_acme", "globex": "tenant_globex"}


def use_tenant(cur, tenant):
    # ruleid: no-unsafe-search-path
    cur.execute("SET search_path TO " + tenant)


def f_string_schema(conn: psycopg.Connection, schema):
    # ruleid: no-unsafe-search-path
    conn.execute(f"SET search_path = {schema}, public")


async def asyncpg_format(conn: asyncpg.Connection, schema):
    # ruleid: no-unsafe-search-path
    await conn.execute("SET search_path TO {}".format(schema))


async def asyncpg_set_config_parameter(conn: asyncpg.Connection, schema):
    # ruleid: no-unsafe-search-path
    await conn.execute("SELECT set_config('search_path', $1, false)", schema)


def psycopg2_set_config_parameter(conn: psycopg2.extensions.connection, schema):
    cur = conn.cursor()
    # ruleid: no-unsafe-search-path
    cur.execute("SELECT set_config('search_path', %s, true)", (schema,))


async def aiopg_percent(pool: aiopg.Pool, schema):
    async with pool.cursor() as cur:
        # ruleid: no-unsafe-search-path
        await cur.execute("SET search_path TO %s" % schema)


def session_level(cur, schema):
    # ruleid: no-unsafe-search-path
    cur.execute("SET SESSION search_path TO " + schema + ", public")


def local_level_through_variable(cur, schema):
    statement = "SET LOCAL search_path TO '" + schema + "'"
    # ruleid: no-unsafe-search-path
    cur.execute(statement)


def constant_schema(cur):
    # ok: no-unsafe-search-path
    cur.execute("SET search_path TO tenant_acme, public")


def module_constant(cur):
    # ok: no-unsafe-search-path
    cur.execute(f"SET search_path TO {DEFAULT_SCHEMA}, public")


def whitelisted_schema(cur, tenant):
    # ok: no-unsafe-search-path
    cur.execute("SET search_path TO " + TENANTS[tenant])


def quoted_identifier(cur, tenant):
    # ruleid: no-unsafe-search-path -- quoted, but still the caller's choice of schema
    cur.execute(sql2.SQL("SET search_path TO {}").format(sql2.Identifier(tenant)))


async def set_config_constant(conn: asyncpg.Connection):
    # ok: no-unsafe-search-path
    await conn.execute("SELECT set_config('search_path', 'app, public', false)")


def other_setting(conn: psycopg.Connection, timeout):
    # ok: no-unsafe-search-path
    conn.execute("SELECT set_config('statement_timeout', %s, false)", (str(timeout),))


def show_search_path(cur):
    # ok: no-unsafe-search-path
    cur.execute("SHOW search_path")


def reset_search_path(cur):
    # ok: no-unsafe-search-path
    cur.execute("RESET search_path")


def search_path_in_a_string(cur, name):
    # ok: no-unsafe-search-path
    cur.execute("INSERT INTO audit (note, who) VALUES ('SET search_path TO x', %s)", (name,))


# -- the operator's configuration (issue 11) ------------------------------------------------------

class MigrationBackend:
    def __init__(self, url_schema):
        self.schema = url_schema

    def init_connection(self, conn: psycopg2.extensions.connection):
        cur = conn.cursor()
        # ok: no-unsafe-search-path -- the object's own configuration (the database URL it was given)
        cur.execute("SET search_path TO {}".format(self.schema))


class SchemaInit:
    def __init__(self, schemas, main_schema):
        self.schemas = schemas
        self.main_schema = main_schema

    async def __call__(self, conn: asyncpg.Connection):
        schemas = ",".join([self.main_schema, *self.schemas])
        # ok: no-unsafe-search-path -- joined from the object's configured schemas
        await conn.execute(f"SELECT set_config('search_path', '{schemas},' || current_setting('search_path'), false)")


async def tenant_path(conn: asyncpg.Connection, tenants):
    schemas = ",".join([*tenants, "public"])
    # ruleid: no-unsafe-search-path -- joined from a parameter
    await conn.execute(f"SELECT set_config('search_path', '{schemas}', false)")
