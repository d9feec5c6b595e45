// PG203 no-unsafe-search-path — `execute` (the mysql2 spelling) on a node-postgres pool: the SQL
// is read as if passed to `query`.
const { Pool } = require('pg');

const pool = new Pool();

async function enterTenant(tenant) {
  // ruleid: no-unsafe-search-path
  await pool.execute(`SET search_path TO ${tenant}, public`);
}

async function enterFixed() {
  // ok: no-unsafe-search-path
  await pool.execute('SET search_path TO app, public');
}

module.exports = { enterTenant, enterFixed };
