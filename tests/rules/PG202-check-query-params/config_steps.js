// PG202 check-query-params — the { text, values } object assembled in steps.
const { Pool } = require('pg');

const pool = new Pool();

async function steps(from, to) {
  const query = {};
  // ruleid: check-query-params
  query.text = 'SELECT count(*) FROM s WHERE a >= $1 AND b <= $2 AND c = $3';
  query.values = [from, to];
  return pool.query(query);
}

async function stepsMatching(from, to) {
  const query = {};
  // ok: check-query-params
  query.text = 'SELECT count(*) FROM s WHERE a >= $1 AND b <= $2';
  query['values'] = [from, to];
  return pool.query(query);
}

async function stepsReplaced(from, to) {
  let query = {};
  // ok: check-query-params
  query.text = 'SELECT count(*) FROM s WHERE a >= $1 AND b <= $2 AND c = $3';
  query.values = [from, to];
  query = build(from, to);
  return pool.query(query);
}

module.exports = { steps, stepsMatching, stepsReplaced };
