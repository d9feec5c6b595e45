"""Ownership that stays with the releasing function, and lifecycles kept in an object (issue 12):
the messages, fixes and witness paths say why, in both languages."""

from __future__ import annotations

from pathlib import Path

from pglint.diagnostics import Diagnostic
from pglint.engine import Options, run

PY_CLASS = '''import asyncpg


class Database:
    async def connect(self, dsn):
        self.conn = await asyncpg.connect(dsn)
        self.conn.add_termination_listener(self.on_close)
        await self.conn.execute("SET search_path TO app")

    async def fetch(self, sql):
        return await self.conn.fetch(sql)

    async def close(self):
        self.flush_stats()
        await self.conn.execute("UNLISTEN *")
        await self.conn.close()

    async def reconnect(self, dsn):
        new = await asyncpg.connect(dsn)
        await self.conn.close()
        self.conn = new

    def on_close(self, conn):
        pass

    def flush_stats(self):
        pass
'''

JS_SESSION = '''const { Pool } = require('pg');
const { Session } = require('./session');

const pool = new Pool();

async function handler() {
  const client = await pool.connect();
  const session = new Session(client);
  await session.run('BEGIN');
  try {
    await session.run('SELECT 1');
  } finally {
    session.client.release();
  }
}
'''


def _check(tmp_path: Path, name: str, text: str) -> list[Diagnostic]:
    (tmp_path / name).write_text(text)
    return sorted(run([str(tmp_path / name)], Options(cache_dir=None)).diagnostics,
                  key=lambda d: d.span.line)


def test_opening_method_raising_after_the_store_is_reported_with_an_except_fix(tmp_path: Path) -> None:
    found = [d for d in _check(tmp_path, "db.py", PY_CLASS) if d.code == "PG103"]
    opening = [d for d in found if d.function == "Database.connect"]
    assert len(opening) == 1
    d = opening[0]
    assert d.span.line == 6
    # the registration of a listener is no exception source: the witness goes through the query
    assert "`self.conn.execute` at line 8 throws in `connect()`" in d.message
    assert "except" in d.fix and "self.conn.close()" in d.fix and "re-raises" in d.fix
    assert [s.line for s in d.steps] == [6, 8, 8]
    assert "a caller whose `connect()` failed does not call `close()`" in d.steps[-1].message


def test_closing_method_skipping_the_release_is_reported_at_what_fails_first(tmp_path: Path) -> None:
    found = [d for d in _check(tmp_path, "db.py", PY_CLASS) if d.code == "PG103"]
    closing = [d for d in found if d.function == "Database.close"]
    assert len(closing) == 1
    d = closing[0]
    # `self.flush_stats()` is no database call: the UNLISTEN is the exception that skips the close
    assert d.span.line == 15
    assert "in `close()` when `self.conn.execute` at line 15 throws" in d.message
    assert "nested finally" in d.fix
    assert "before the release at line 16" in d.steps[-1].message
    # a reconnect gives the old connection back to replace it: when it fails, the object keeps it
    assert not [d for d in found if d.function == "Database.reconnect"]


def test_release_through_a_wrapper_field_keeps_the_duty_with_the_function(tmp_path: Path) -> None:
    found = [d for d in _check(tmp_path, "app.js", JS_SESSION) if d.code == "PG101"]
    assert len(found) == 1
    d = found[0]
    assert d.span.line == 7
    # the witness goes through BEGIN, not through building the wrapper
    assert "`session.run` at line 9 throws" in d.message
    assert [s.line for s in d.steps][:2] == [7, 9]


def test_returning_the_wrapper_is_still_a_hand_over(tmp_path: Path) -> None:
    text = JS_SESSION.replace("  await session.run('BEGIN');\n  try {\n    await session.run('SELECT 1');\n"
                              "  } finally {\n    session.client.release();\n  }\n", "  return session;\n")
    assert "return session;" in text
    assert not [d for d in _check(tmp_path, "app.js", text) if d.code == "PG101"]


def test_a_wrapper_of_the_wrapper_is_not_the_exception_the_witness_goes_through(tmp_path: Path) -> None:
    text = JS_SESSION.replace("  await session.run('BEGIN');\n",
                              "  const tx = new Transaction(session);\n  await tx.run('BEGIN');\n")
    found = [d for d in _check(tmp_path, "app.js", text) if d.code == "PG101"]
    assert len(found) == 1
    assert "`tx.run` at line 10 throws" in found[0].message
