// `using` as an ordinary identifier: the grammar reads it as the start of a `using` declaration
const { Pool } = require("pg");

const pool = new Pool();

function describe(a) {
  let using = "";
  // ruleid: parse-error
  using += a;
  return using;
}

async function leaks(id) {
  // ruleid: no-missing-client-release
  const client = await pool.connect();
  return client.query("SELECT name FROM users WHERE id = $1", [id]);
}

module.exports = { describe, leaks };
