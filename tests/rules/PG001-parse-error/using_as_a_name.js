// `using` as an ordinary identifier: the grammar reads it as the start of a `using` declaration
const { Pool } = require("pg");

const pool = new Pool();

async function leaks(table, using) {
  // ruleid: no-missing-client-release
  const client = await pool.connect();
  // ok: parse-error
  using += using ? "," : "using ";
  return client.query(`DELETE FROM ${table} ${using}`);
}

function describe(options) {
  const { using } = options;
  return { using, text: using.trim() };
}

module.exports = { describe, leaks };
