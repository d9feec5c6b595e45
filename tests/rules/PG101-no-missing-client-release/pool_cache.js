// Pools kept in a dictionary by connection string (issue 12): an element of the dictionary is
// the pool stored there, whether the store is `new Pool()` itself or a local holding it.
const { Pool } = require('pg');

const pools = {};
const byName = {};
const labels = {};

function poolFor(url) {
  if (!pools[url]) {
    pools[url] = new Pool({ connectionString: url });
  }
  return pools[url];
}

function namedPool(name) {
  if (!byName[name]) {
    const made = new Pool({ application_name: name });
    byName[name] = made;
  }
  return byName[name];
}

async function cachedLeak(url) {
  const pool = poolFor(url);
  // ruleid: no-missing-client-release
  const client = await pool.connect();
  await client.query('BEGIN');
  try {
    await client.query('UPDATE counters SET n = n + 1');
  } finally {
    client.release();
  }
}

async function cachedOk(url) {
  const pool = poolFor(url);
  // ok: no-missing-client-release
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('UPDATE counters SET n = n + 1');
  } finally {
    client.release();
  }
}

async function localStoreLeak(name) {
  // ruleid: no-missing-client-release
  const client = await namedPool(name).connect();
  await client.query('SELECT 1');
  client.release();
}

async function directElementLeak(url) {
  // ruleid: no-missing-client-release
  const client = await pools[url].connect();
  await client.query('SELECT 1');
  client.release();
}

async function notAPoolOk(key) {
  labels[key] = 'x';
  // ok: no-missing-client-release
  const client = await labels[key].connect();
  await client.query('SELECT 1');
  client.release();
}

module.exports = { poolFor, namedPool, cachedLeak, cachedOk, localStoreLeak, directElementLeak, notAPoolOk };
