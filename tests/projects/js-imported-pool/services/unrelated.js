// Imports a project module that has nothing to do with PostgreSQL.
const { format } = require('./format');

async function render(pool) {
  // ok: no-missing-client-release -- an untyped parameter is not known to be a pool
  const client = await pool.connect();
  return format(client);
}

module.exports = { render };
