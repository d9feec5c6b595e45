// PG204 no-unsafe-copy-from — `execute` (the mysql2 spelling) on a node-postgres pool: the SQL is
// read as if passed to `query`.
const { Pool } = require('pg');

const pool = new Pool();

async function importFile(file) {
  // ruleid: no-unsafe-copy-from
  await pool.execute(`COPY events FROM '${file}' WITH (FORMAT csv)`);
}

async function importStdin() {
  // ok: no-unsafe-copy-from
  await pool.execute('COPY events FROM STDIN WITH (FORMAT csv)');
}

module.exports = { importFile, importStdin };
