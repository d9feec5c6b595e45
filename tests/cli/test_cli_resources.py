"""``[tool.pglint.resources]`` end to end: a project's own acquire/release helpers, context managers and
functions that take or borrow a connection change what ``pglint check`` reports, in both languages.

Each project declares its helpers in configuration only: a checkout through them that is not given
back is a PG101 leak named after the declared release helper, one that is given back through them (by
any import form: absolute, relative, through the module object) is clean, a declared
``takes-ownership`` callee ends the caller's duty and a declared ``borrows`` callee does not. A
declaration wins over what pglint infers from the helper's body.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

from cli_support import write_files

DB_PY = '''\
import contextlib

from psycopg2.pool import ThreadedConnectionPool

pool = ThreadedConnectionPool(1, 5, "dbname=app")


def get_conn():
    return pool.getconn()


def put_conn(conn):
    pool.putconn(conn)


@contextlib.contextmanager
def session():
    conn = pool.getconn()
    try:
        yield conn
    finally:
        pool.putconn(conn)


def run_in_background(conn):
    pass


def record(conn):
    pass
'''

HANDLERS_PY = '''\
from app.db import get_conn, put_conn, record, run_in_background, session
from . import db
from .db import get_conn as get_rel, put_conn as put_rel


def leak():
    conn = get_conn()
    conn.cursor().execute("SELECT 1")
    return 1


def released():
    conn = get_conn()
    try:
        conn.cursor().execute("SELECT 1")
    finally:
        put_conn(conn)


def released_through_module():
    conn = db.get_conn()
    try:
        conn.cursor().execute("SELECT 1")
    finally:
        db.put_conn(conn)


def released_relative():
    conn = get_rel()
    try:
        conn.cursor().execute("SELECT 1")
    finally:
        put_rel(conn)


def leak_relative():
    conn = get_rel()
    return conn.cursor()


def context_manager():
    with session() as conn:
        conn.cursor().execute("SELECT 1")


def handed_over():
    conn = get_conn()
    run_in_background(conn)


def borrowed_then_leaked():
    conn = get_conn()
    record(conn)
'''

PYPROJECT = '''\
[tool.pglint.resources]
acquire = [
  { function = "app.db.get_conn", language = "python" },
  { function = "app.db.session", context-manager = true, language = "python" },
]
release = [{ function = "app.db.put_conn", language = "python" }]
takes-ownership = [{ function = "app.db.run_in_background", language = "python" }]
borrows = [{ function = "app.db.record", language = "python" }]
'''

DB_JS = '''\
const { Pool } = require('pg');
const pool = new Pool();
async function getClient() { return pool.connect(); }
function putClient(client) { client.release(); }
async function withTransaction(client, fn) {
  try { return await fn(client); } finally { client.release(); }
}
function audit(client) {}
module.exports = { getClient, putClient, withTransaction, audit };
'''

HANDLERS_JS = '''\
const { getClient, putClient, withTransaction, audit } = require('./db');
const db = require('./db');

async function leak() {
  const client = await getClient();
  await client.query('SELECT 1');
  return 1;
}

async function released() {
  const client = await getClient();
  try {
    await client.query('SELECT 1');
  } finally {
    putClient(client);
  }
}

async function releasedThroughModule() {
  const client = await db.getClient();
  try {
    await client.query('SELECT 1');
  } finally {
    db.putClient(client);
  }
}

async function handedOver() {
  const client = await getClient();
  return withTransaction(client, async (c) => c.query('SELECT 1'));
}

async function borrowedThenLeaked() {
  const client = await getClient();
  audit(client);
}
'''

HANDLERS_TS = '''\
import { getClient, putClient } from './db';

export async function leak(): Promise<void> {
  const client = await getClient();
  await client.query('SELECT 1');
}

export async function released(): Promise<void> {
  const client = await getClient();
  try {
    await client.query('SELECT 1');
  } finally {
    putClient(client);
  }
}
'''

PGLINT_TOML = '''\
[[resources.acquire]]
function = "src/db.getClient"
awaited = true
language = "javascript"

[[resources.release]]
function = "src/db.putClient"
language = "javascript"

[[resources.takes-ownership]]
function = "withTransaction"

[[resources.borrows]]
function = "src/db.audit"
language = "javascript"
'''


def findings(pglint, root: Path, *args: str) -> list[str]:  # noqa: ANN001
    res = pglint("check", "--format", "concise", "--select", "PG101", *args, cwd=root)
    assert res.err == "", res.err
    return res.out.splitlines()


def test_python_helpers_from_pyproject(pglint, tmp_path: Path) -> None:
    write_files(tmp_path, {"app/__init__.py": "", "app/db.py": DB_PY, "app/handlers.py": HANDLERS_PY,
                           "pyproject.toml": PYPROJECT})
    assert findings(pglint, tmp_path) == [
        "app/handlers.py:7:5: PG101 Missing put_conn(conn) detected",
        "app/handlers.py:37:5: PG101 Missing put_conn(conn) when `conn.cursor` at line 38 throws",
        "app/handlers.py:52:5: PG101 Missing put_conn(conn) detected",  # record() only borrows it
    ]


def test_python_release_declared_inside_the_acquire_entry(pglint, tmp_path: Path) -> None:
    write_files(tmp_path, {"app/__init__.py": "", "app/db.py": DB_PY, "app/handlers.py": HANDLERS_PY,
                           "pyproject.toml": textwrap.dedent("""\
                               [[tool.pglint.resources.acquire]]
                               function = "app.db.get_conn"
                               release = "app.db.put_conn"
                               """)})
    assert findings(pglint, tmp_path) == [
        "app/handlers.py:7:5: PG101 Missing put_conn(conn) detected",
        "app/handlers.py:37:5: PG101 Missing put_conn(conn) when `conn.cursor` at line 38 throws",
        "app/handlers.py:47:5: PG101 Missing put_conn(conn) detected",  # not declared takes-ownership here
        "app/handlers.py:52:5: PG101 Missing put_conn(conn) detected",
    ]


def test_javascript_helpers_from_pglint_toml(pglint, tmp_path: Path) -> None:
    write_files(tmp_path, {"src/db.js": DB_JS, "src/handlers.js": HANDLERS_JS, "src/handlers.ts": HANDLERS_TS,
                           "pglint.toml": PGLINT_TOML})
    assert findings(pglint, tmp_path) == [
        "src/handlers.js:5:9: PG101 Missing putClient(client) detected",
        "src/handlers.js:34:9: PG101 Missing putClient(client) detected",  # audit() only borrows it
        "src/handlers.ts:4:9: PG101 Missing putClient(client) detected",
    ]
