// PG202 check-query-params — `execute` (the mysql2 spelling) on a node-postgres pool: the SQL and
// its values are read as if passed to `query`.
const { Pool } = require('pg');

const pool = new Pool();

async function touch(id) {
  // ruleid: check-query-params
  await pool.execute('UPDATE devices SET seen_at = now() WHERE id = $1 AND owner = $2', [id]);
}

async function touchBoth(id, owner) {
  // ok: check-query-params
  await pool.execute('UPDATE devices SET seen_at = now() WHERE id = $1 AND owner = $2', [id, owner]);
}

module.exports = { touch, touchBoth };
