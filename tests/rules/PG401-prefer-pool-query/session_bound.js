// PG401 prefer-pool-query — statements whose effect lives on the connection need a dedicated client.
const { Pool } = require('pg');
const QueryStream = require('pg-query-stream');
const { to: copyTo } = require('pg-copy-streams');

const pool = new Pool();

async function takeJobLock(jobId) {
  // ok: prefer-pool-query
  const client = await pool.connect();
  try {
    return (await client.query('SELECT pg_try_advisory_lock($1) AS got', [jobId])).rows[0].got;
  } finally {
    client.release();
  }
}

async function dropAllLocks() {
  // ok: prefer-pool-query
  const client = await pool.connect();
  try {
    await client.query('select pg_advisory_unlock_all()');
  } finally {
    client.release();
  }
}

async function tuneSession(ms) {
  // ok: prefer-pool-query
  const client = await pool.connect();
  try {
    await client.query(`SET statement_timeout = ${Number(ms)}`);
  } finally {
    client.release();
  }
}

async function cleanSlate() {
  // ok: prefer-pool-query
  const client = await pool.connect();
  try {
    await client.query('DISCARD ALL');
  } finally {
    client.release();
  }
}

async function subscribe(onNote) {
  // ok: prefer-pool-query
  const client = await pool.connect();
  client.on('notification', onNote);
  await client.query('LISTEN jobs_ready');
  return () => client.release();
}

async function scratchTable() {
  // ok: prefer-pool-query
  const client = await pool.connect();
  try {
    await client.query('CREATE TEMP TABLE scratch (id int)');
  } finally {
    client.release();
  }
}

async function exportOrders(out) {
  // ok: prefer-pool-query
  const client = await pool.connect();
  try {
    const dump = client.query(copyTo('COPY orders TO STDOUT WITH CSV'));
    dump.pipe(out);
    await new Promise((resolve) => dump.on('end', resolve));
  } finally {
    client.release();
  }
}

async function streamUsers(onRow) {
  // ok: prefer-pool-query
  const client = await pool.connect();
  const stream = client.query(new QueryStream('SELECT id FROM users'));
  for await (const row of stream) onRow(row);
  client.release();
}

// A plain read is still one: released without try/finally (also PG101), or with an argument.
async function lookup(id) {
  // ruleid: prefer-pool-query
  const client = await pool.connect();
  const { rows } = await client.query('SELECT name FROM users WHERE id = $1', [id]);
  client.release();
  return rows[0];
}

async function serverVersion() {
  // ruleid: prefer-pool-query
  const client = await pool.connect();
  const { rows } = await client.query('SELECT version()');
  client.release(true);
  return rows[0].version;
}

module.exports = { takeJobLock, dropAllLocks, tuneSession, cleanSlate, subscribe, scratchTable, exportOrders, streamUsers, lookup, serverVersion };
