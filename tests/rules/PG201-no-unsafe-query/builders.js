// PG201 no-unsafe-query — SQL built by a local helper from its parameters, called at the query.
const { Pool } = require('pg');

const pool = new Pool();

const byTag = (tag) => `SELECT id FROM logs WHERE tag = '${tag}'`;

function byName(name) {
  return "SELECT id FROM users WHERE name = '" + name + "'";
}

async function logs(req) {
  // ruleid: no-unsafe-query
  return pool.query(byTag(req.query.tag));
}

async function users(req) {
  // ruleid: no-unsafe-query
  return pool.query(byName(req.body.name));
}

async function fixedTag() {
  // ok: no-unsafe-query
  return pool.query(byTag('deploy'));
}

module.exports = { logs, users, fixedTag };
