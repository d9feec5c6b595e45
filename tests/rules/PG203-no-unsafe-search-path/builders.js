// PG203 no-unsafe-search-path — the statement built by a local helper, called at the query.
const { Pool } = require('pg');

const pool = new Pool();

function searchPathOf(schema) {
  return 'SET search_path TO ' + schema + ', public';
}

const pathFor = (schema) => `SET search_path TO ${schema}`;

async function enter(tenant) {
  // ruleid: no-unsafe-search-path
  await pool.query(searchPathOf(tenant));
}

async function fromHeader(req) {
  const wanted = req.headers['x-schema'];
  // ruleid: no-unsafe-search-path
  await pool.query(pathFor(wanted));
}

async function fixed() {
  // ok: no-unsafe-search-path
  await pool.query(searchPathOf('reporting'));
}

module.exports = { enter, fromHeader, fixed };
