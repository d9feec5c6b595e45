// PG101 — calls that cannot throw in practice are no exception source (corpus, issue 11):
// registering/removing an event listener and logging to the console.
'use strict';

const { Pool } = require('pg');

const pool = new Pool();

async function listenerThenRelease() {
  // ok: no-missing-client-release -- `client.on()` and `console.log()` do not throw
  const client = await pool.connect();
  client.on('error', (err) => console.error('client error', err));
  console.log('checked out');
  client.removeAllListeners('error');
  client.release();
}

async function queryThenRelease() {
  // ruleid: no-missing-client-release -- the query can fail before the release
  const client = await pool.connect();
  client.on('notice', (msg) => console.log(msg));
  await client.query('SELECT 1');
  client.release();
}
