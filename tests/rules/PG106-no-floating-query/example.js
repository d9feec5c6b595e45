// PG106 no-floating-query — query promises nobody awaits (JavaScript).
const { Pool } = require('pg');
const { sql } = require('@vercel/postgres');

const pool = new Pool();

function track(promise) {
  return promise;
}

function onDone(err, res) {
  if (err) console.error(err);
}

async function logVisit(userId) {
  // ruleid: no-floating-query
  pool.query('INSERT INTO visits (user_id) VALUES ($1)', [userId]);
}

function syncCaller(id) {
  // ruleid: no-floating-query -- not awaited in a non-async function either
  pool.query('DELETE FROM sessions WHERE id = $1', [id]);
}

function callbackCheckout() {
  pool.connect((err, client, done) => {
    if (err) return;
    // ruleid: no-floating-query
    client.query('UPDATE counters SET n = n + 1');
    done();
  });
}

async function unusedVariable() {
  // ruleid: no-floating-query -- stored but never awaited
  const pending = pool.query('SELECT 1');
}

async function bareArray() {
  // ruleid: no-floating-query
  [pool.query('SELECT 1'), pool.query('SELECT 2')];
}

async function vercelTag() {
  // ruleid: no-floating-query
  sql`INSERT INTO visits (user_id) VALUES (1)`;
}

async function shortCircuit(enabled) {
  // ruleid: no-floating-query
  enabled && pool.query('INSERT INTO audit (what) VALUES ($1)', ['x']);
}

async function configObject() {
  // ruleid: no-floating-query
  pool.query({ text: 'INSERT INTO audit (what) VALUES ($1)', values: ['y'] });
}

class Repo {
  constructor() {
    this.pool = new Pool();
  }

  save(id) {
    // ruleid: no-floating-query
    this.pool.query('INSERT INTO saved (id) VALUES ($1)', [id]);
  }
}

async function handled(userId) {
  // ok: no-floating-query
  await pool.query('SELECT 1');
  // ok: no-floating-query
  pool.query('SELECT 2').catch((e) => console.error(e));
  // ruleid: no-floating-query
  pool.query('SELECT 3').then((r) => r.rows);
  // ok: no-floating-query
  pool.query('SELECT 3').then((r) => r.rows, (e) => console.error(e));
  // ok: no-floating-query
  pool.query('SELECT 3').then((r) => r.rows).catch((e) => console.error(e));
  // ok: no-floating-query
  const p = pool.query('SELECT 4');
  await p;
  // ok: no-floating-query
  await Promise.all([pool.query('SELECT 5'), pool.query('SELECT 6')]);
  // ok: no-floating-query -- callback style returns no promise
  pool.query('INSERT INTO visits (user_id) VALUES ($1)', [userId], (err) => {});
  // ok: no-floating-query -- a named callback
  pool.query('SELECT 7', onDone);
  // ok: no-floating-query -- explicitly discarded
  void pool.query('SELECT 8');
  // ok: no-floating-query
  track(pool.query('SELECT 9'));
  // ok: no-floating-query
  await sql`SELECT 10`;
  // ok: no-floating-query
  return pool.query('SELECT 11');
}

// ok: no-floating-query
const count = () => pool.query('SELECT count(*) FROM users');

module.exports = { logVisit, syncCaller, callbackCheckout, unusedVariable, bareArray, vercelTag,
  shortCircuit, configObject, Repo, handled, count };
