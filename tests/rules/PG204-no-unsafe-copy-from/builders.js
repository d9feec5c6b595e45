// PG204 no-unsafe-copy-from — COPY text built by a local helper, called at the query.
const { Pool } = require('pg');

const pool = new Pool();

const copyFromFile = (file) => `COPY imports FROM '${file}' CSV`;

function copyFromCommand(cmd) {
  return "COPY imports FROM PROGRAM '" + cmd + "'";
}

async function load(file) {
  // ruleid: no-unsafe-copy-from
  await pool.query(copyFromFile(file));
}

async function run(cmd) {
  // ruleid: no-unsafe-copy-from
  await pool.query(copyFromCommand(cmd));
}

module.exports = { load, run };
