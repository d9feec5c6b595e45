// PG106 no-floating-query — promise chains without a rejection handler, and stored promises nobody reads.
const { Pool } = require('pg');

const pool = new Pool();
const seen = new Set();

function remember(id) {
  // ruleid: no-floating-query
  pool.query('SELECT name FROM users WHERE id = $1', [id]).then((res) => {
    seen.add(res.rows[0].name);
  });
}

function rememberChained(id) {
  // ruleid: no-floating-query
  pool.query('SELECT name FROM users WHERE id = $1', [id])
    .then((res) => res.rows[0])
    .then((row) => seen.add(row.name));
}

function cleanupOnly(id, onDone) {
  // ruleid: no-floating-query
  pool.query('DELETE FROM tokens WHERE user_id = $1', [id]).finally(onDone);
}

function storedNeverRead(id) {
  let touch;
  // ruleid: no-floating-query
  touch = pool.query('UPDATE users SET seen_at = now() WHERE id = $1', [id]);
}

function caught(id) {
  // ok: no-floating-query
  pool.query('SELECT 1 FROM users WHERE id = $1', [id]).then((r) => r.rows).catch(console.error);
}

function twoHandlers(id) {
  // ok: no-floating-query
  pool.query('SELECT 1 FROM users WHERE id = $1', [id]).then((r) => r.rows, console.error);
}

function chainReturned(id) {
  // ok: no-floating-query
  return pool.query('SELECT 1 FROM users WHERE id = $1', [id]).then((r) => r.rows);
}

async function chainAwaited(id) {
  // ok: no-floating-query
  await pool.query('SELECT 1 FROM users WHERE id = $1', [id]).finally(() => seen.clear());
}

function storedAndRead(id) {
  let pending;
  // ok: no-floating-query
  pending = pool.query('SELECT 1 FROM users WHERE id = $1', [id]);
  return pending;
}

module.exports = { remember, rememberChained, cleanupOnly, storedNeverRead, caught, twoHandlers, chainReturned, chainAwaited, storedAndRead };
