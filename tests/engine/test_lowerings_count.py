"""``bench/lowerings.py`` counts the lowerings of a run by purpose (issue 14's measure).

Two files, a helper that checks a client out and a caller: round 0 of the summary pass lowers
both, round 1 lowers the caller again (the helper's summary changed), and checking lowers
both: five lowerings for two files, the cost one lowering per file is meant to remove.
"""

from __future__ import annotations

from pathlib import Path

from bench_scripts import load_bench_script

HELPER = """\
const { Pool } = require('pg');
const pool = new Pool();
async function getClient() {
  const client = await pool.connect();
  return client;
}
module.exports = { getClient };
"""

CALLER = """\
const { getClient } = require('./db');
async function main() {
  const client = await getClient();
  await client.query('SELECT 1');
}
module.exports = { main };
"""


def test_counts_summary_and_check_lowerings(tmp_path: Path) -> None:
    (tmp_path / "db.js").write_text(HELPER)
    (tmp_path / "main.js").write_text(CALLER)
    counted = load_bench_script("lowerings").count([str(tmp_path)])
    assert counted["analysed"] == 2
    assert (counted["summary"], counted["check"]) == (3, 2)
    assert counted["files_lowered"] == 2
    assert counted["findings"] == 1  # the caller never releases the client
