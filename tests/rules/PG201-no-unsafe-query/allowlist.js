// PG201 no-unsafe-query — a value checked against a fixed set before it is spliced in.
const { Pool } = require('pg');

const pool = new Pool();
const STATES = new Set(['open', 'closed']);

async function byState(req) {
  const state = req.query.state;
  if (!STATES.has(state)) {
    throw new Error('bad state');
  }
  // ok: no-unsafe-query
  return pool.query(`SELECT id FROM tickets WHERE state = '${state}'`);
}

async function unguarded(req) {
  const state = req.query.state;
  // ruleid: no-unsafe-query
  return pool.query(`SELECT id FROM tickets WHERE state = '${state}'`);
}

module.exports = { byState, unguarded };
