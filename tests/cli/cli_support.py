"""Shared data and helpers for the command-line tests (imported by conftest.py and the tests)."""

from __future__ import annotations

from pathlib import Path

# The orders.ts of the issue: a pool client checked out and never released.
ORDERS_TS = """\
import { Pool } from 'pg';
const pool = new Pool();
async function getUserOrders(userId) {
  const client = await pool.connect();
  const orders = await client.query('SELECT * FROM orders WHERE user_id = $1', [userId]);
  return orders.rows;   // Where's client.release()?
}
"""

# The report the issue asks for, byte for byte: the leak (`--select no-missing-client-release`).
ORDERS_LEAK_REPORT = """\
src/orders.ts
  4:9  error  CWE-772 | Missing client.release() detected  no-missing-client-release
              Fix: Add client.release() in a finally block or use pool.query() for simple queries
              1. 4:9  client checked out of pool
              2. 6:3  function returns with client still checked out
"""

# What a default run prints for it: the leak, and the `SELECT *` (a warning) beside it.
ORDERS_REPORT = """\
src/orders.ts
  4:9   error    CWE-772 | Missing client.release() detected  no-missing-client-release
                 Fix: Add client.release() in a finally block or use pool.query() for simple queries
                 1. 4:9  client checked out of pool
                 2. 6:3  function returns with client still checked out
  5:37  warning  SELECT * fetches every column of the table   no-select-all
                 Fix: List the columns the code needs
"""


def write_files(root: Path, files: dict[str, str | bytes]) -> Path:
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root
