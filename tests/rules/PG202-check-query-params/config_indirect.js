// PG202 check-query-params — the { text, values } form written with computed keys or a const away.
const { Pool } = require('pg');

const pool = new Pool();

async function bracketed(id, reason) {
  // ruleid: check-query-params
  await pool.query({ ['text']: 'UPDATE t SET reason = $1 WHERE id = $2 AND org = $3', ['values']: [reason, id] });
}

async function oneHop(from, to) {
  const text = 'SELECT count(*) FROM s WHERE a >= $1 AND b <= $2 AND c = $3';
  const values = [from, to];
  // ruleid: check-query-params
  const config = { text, values };
  return pool.query(config);
}

async function oneHopMatching(from, to) {
  const text = 'SELECT count(*) FROM s WHERE a >= $1 AND b <= $2';
  const values = [from, to];
  const config = { text, values };
  // ok: check-query-params
  return pool.query(config);
}

module.exports = { bracketed, oneHop, oneHopMatching };
