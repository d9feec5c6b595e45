"""PG201 no-unsafe-query — where a hole sits and where its value comes from (issue 11, causes 4 and 5).

Reduced from real projects: a value from a parameter or from request data in a
value position is reported; names chosen by the program (a parameter or a
configured attribute in a table/column/function/database name position),
numbers, configuration and values pglint cannot trace are not.
"""

import os
import uuid

import psycopg
import psycopg2
from flask import request

WORK_MEM = os.environ.get("PG_WORK_MEM", "64MB")


def call_msar(conn: psycopg.Connection, func_name, *args):
    # ok: no-unsafe-query -- a parameter in a function-name position (every caller passes a literal)
    return conn.execute(f"SELECT msar.{func_name}({','.join(['%s'] * len(args))})", args)


class BulkTable:
    def __init__(self, table_name):
        self.table_name = table_name

    def exists(self, conn: psycopg.Connection):
        # ok: no-unsafe-query -- the object's own configuration, in a table-name position
        conn.execute(f"SELECT 1 FROM {self.table_name} LIMIT 1")

    def by_name(self, conn: psycopg.Connection, name):
        # ruleid: no-unsafe-query -- a parameter in a value position stays an error
        conn.execute(f"SELECT 1 FROM {self.table_name} WHERE name = '{name}'")


def configure(conn: psycopg.Connection):
    # ok: no-unsafe-query -- the environment is configuration
    conn.execute(f"SET work_mem = '{WORK_MEM}'")


def make_partitions(conn: psycopg2.extensions.connection, count: int):
    cur = conn.cursor()
    for i in range(count):
        # ok: no-unsafe-query -- a loop counter and a parameter typed int
        cur.execute("CREATE TABLE p_{i} PARTITION OF t FOR VALUES WITH (MODULUS {m}, REMAINDER {i})".format(i=i, m=count))


def partitions_by_range(cur, partition_count):
    for index in range(partition_count):
        # ok: no-unsafe-query -- `range(partition_count)` only takes an integer
        cur.execute("SELECT {index}, {modulus}".format(index=index, modulus=partition_count))


def scratch_db(conn: psycopg.Connection):
    name = f"test_{uuid.uuid4().hex}"
    # ok: no-unsafe-query -- a uuid in a database-name position
    conn.execute(f"CREATE DATABASE {name}")
    # ok: no-unsafe-query
    conn.execute(f"DROP DATABASE {name}")


def row_read_back(conn: psycopg.Connection, vid):
    row = conn.execute("SELECT queue_schema, queue_table FROM ai.vectorizer WHERE id = %s", (vid,)).fetchone()
    # ok: no-unsafe-query -- a value pglint cannot trace (a row read back): silent unless report-untraced-values
    conn.execute(f"SELECT to_regclass('{row[0]}.{row[1]}') IS NOT NULL")


def search(conn: psycopg.Connection):
    # ruleid: no-unsafe-query -- request data, even in a name position
    conn.execute(f"SELECT id FROM users ORDER BY {request.args['sort']}")


def explain(conn: psycopg.Connection, sql_statement):
    # ruleid: no-unsafe-query -- a parameter spliced in as a whole statement
    conn.execute(f"explain (format json) {sql_statement}")


def array_value(cur, elem, cast_datatype):
    sql_stmt = """SELECT $stitch_quote${}$stitch_quote$::{}""".format(elem, cast_datatype)
    # ruleid: no-unsafe-query -- reported once, at the query, not at the line that built the text
    cur.execute(sql_stmt)


def twice(conn: psycopg.Connection, name):
    where = f"name = '{name}'"
    # ruleid: no-unsafe-query
    conn.execute(f"SELECT id FROM a WHERE {where}")
    # ruleid: no-unsafe-query -- one finding per query, each at its own query
    conn.execute(f"SELECT id FROM b WHERE {where}")


def test_scheduling(conn: psycopg.Connection, setting):
    # ok: no-unsafe-query -- a pytest test's parameter is the test's own input
    conn.execute(f"SET ai.scheduling_default = '{setting}'")


def branches(cur, table, key, value):
    if value:
        query = "SELECT a FROM {} WHERE {} >= '{}'".format(table, key, value)
    else:
        query = "SELECT a FROM {} ORDER BY {}".format(table, key)
    # ruleid: no-unsafe-query -- `value` (in '…' on one branch): each branch's positions survive the merge
    cur.execute(query)


def names_only_in_branches(cur, table, key):
    if key:
        query = "SELECT a FROM {} WHERE {} = %s".format(table, key)
    else:
        query = "SELECT a FROM {}".format(table)
    # ok: no-unsafe-query -- parameters only in name positions on both branches
    cur.execute(query, (1,))


# -- fixed choices and callers that pass constants (issue 11) ---------------------------------------

from typing import Literal  # noqa: E402


async def set_max_age(conn: psycopg.AsyncConnection, number: int, units: Literal["days", "weeks", "day", "week"]):
    if units[-1] != "s":
        units = units + "s"
    # ok: no-unsafe-query -- a parameter annotated Literal[...] is one of fixed constants
    await conn.execute(f"UPDATE board SET max_age = '{number} {units}'::interval WHERE id = %s", (1,))


async def set_unit(conn: psycopg.AsyncConnection, units: str):
    # ruleid: no-unsafe-query -- annotated str: any text
    await conn.execute(f"UPDATE board SET unit = '{units}' WHERE id = %s", (1,))


def listens_between(conn: psycopg2.extensions.connection, start_ts, end_ts):
    cur = conn.cursor()
    # ok: no-unsafe-query -- the only caller in the module passes int(...) timestamps
    cur.execute("SELECT * FROM listens WHERE at >= %s AND at < %s" % (start_ts, end_ts))


def users_named(conn: psycopg2.extensions.connection, name):
    cur = conn.cursor()
    # ruleid: no-unsafe-query -- one caller passes its own parameter
    cur.execute("SELECT * FROM users WHERE name = '%s'" % name)


def yearly_report(conn: psycopg2.extensions.connection, year, who):
    start_ts = int(year * 365.25 * 86400)
    end_ts = start_ts + 365 * 86400
    listens_between(conn, start_ts, end_ts)
    users_named(conn, "admin")
    users_named(conn, who)


# The module's own quoting helpers: the argument's quote doubled inside the quotes.
def identifier(s):
    """Return s as a quoted identifier."""
    return '"' + s.replace('"', '""').replace("\0", "") + '"'


def literal_string(s):
    return "'" + s.replace("'", "''") + "'"


def strip_only(s):
    return "'" + s.replace("\0", "") + "'"


def quoted_by_helpers(cur, table, name):
    # ok: no-unsafe-query
    cur.execute(f"SELECT count(*) FROM {identifier(table)} WHERE name = {literal_string(name)}")


def quoted_by_a_helper_that_does_not_escape(cur, name):
    # ruleid: no-unsafe-query
    cur.execute(f"SELECT count(*) FROM users WHERE name = {strip_only(name)}")
