// PG102 prevent-double-release — a release function destructured from the checkout.
const { Pool } = require('pg');

const pool = new Pool();

async function releaseInLoop(ids) {
  // (PG101 too: an empty list never releases)
  const { release } = await pool.connect();
  for (const id of ids) {
    await pool.query('DELETE FROM sessions WHERE id = $1', [id]);
    // ruleid: prevent-double-release
    release();
  }
}

async function releaseOnce() {
  const { query, release } = await pool.connect();
  try {
    await query('SELECT 1');
  } finally {
    // ok: prevent-double-release
    release();
  }
}

module.exports = { releaseInLoop, releaseOnce };
