// a real syntax error: still a parse error, whatever the repairs around it
const { Pool } = require("pg");

const pool = new Pool();

async function broken(as) {
  const client = await pool.connect();
  // ruleid: parse-error
  return client.query("SELECT 1" as as);
}

async function leaks(id) {
  // ruleid: no-missing-client-release
  const client = await pool.connect();
  return client.query("SELECT name FROM users WHERE id = $1", [id]);
}

module.exports = { broken, leaks };
